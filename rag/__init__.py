"""政府工作报告问答: retrieval-augmented Q&A over Chinese government work reports.

Public API (DESIGN.md): ask(question) -> Answer, ask_stream(question) for the UI, retrieve(question, k)
-> list[Hit], and `rag.indicators()`, the table of every number in the reports. ask and retrieve load
the default index, building it when missing or stale, and reuse it.

The library is layered, each layer importing only those below it (the import contract in
pyproject.toml): interfaces → answer → indicators → search → store → corpus → figures → config → types/errors.
"""
from .types import Answer, Chunk, Citation, Document, Hit

__all__ = ["Answer", "Chunk", "Citation", "Document", "Hit", "ask", "ask_stream", "indicators", "retrieve"]


def ask(question: str, k: int = 5, **kwargs) -> Answer:
    from .answer.ask import ask as _ask
    return _ask(question, k=k, **kwargs)


def ask_stream(question: str, k: int = 5, **kwargs):
    from .answer.ask import ask_stream as _ask_stream
    return _ask_stream(question, k=k, **kwargs)


def retrieve(question: str, k: int = 5, **kwargs) -> list[Hit]:
    from .search.retrieval import retrieve as _retrieve
    return _retrieve(question, k=k, **kwargs)


def __getattr__(name: str):
    # rag.indicators is a callable package: `rag.indicators()` is the table, `rag.indicators.compare()`
    # the pairs. Imported on first use so `import rag` stays light.
    if name == "indicators":
        import importlib
        return importlib.import_module(".indicators", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
