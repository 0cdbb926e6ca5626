"""政府工作报告问答: retrieval-augmented Q&A over Chinese government work reports.

Public API (DESIGN.md): ask(question) -> Answer, retrieve(question, k) -> list[Hit].
Both load the default index, building it when missing or stale, and reuse it.
`rag.indicators()` is the table of every number in the report (rag/indicators.py).
"""
from .types import Answer, Chunk, Citation, Document, Hit

__all__ = ["ask", "retrieve", "indicators", "Answer", "Citation", "Chunk", "Document", "Hit"]


def ask(question: str, k: int = 5, **kwargs) -> Answer:
    from .answer import ask as _ask
    return _ask(question, k=k, **kwargs)


def retrieve(question: str, k: int = 5, **kwargs) -> list[Hit]:
    from .retrieval import retrieve as _retrieve
    return _retrieve(question, k=k, **kwargs)


def __getattr__(name: str):
    # rag.indicators is a callable module: `rag.indicators()` is the table, `rag.indicators.compare()`
    # the pairs. Imported on first use so `import rag` stays light.
    if name == "indicators":
        import importlib
        return importlib.import_module(".indicators", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
