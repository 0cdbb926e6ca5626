"""政府工作报告问答: retrieval-augmented Q&A over Chinese government work reports.

Public API (DESIGN.md): ask(question) -> Answer, retrieve(question, k) -> list[Hit].
Both load the default index, building it when missing or stale, and reuse it.
"""
from .types import Answer, Chunk, Citation, Document, Hit

__all__ = ["ask", "retrieve", "Answer", "Citation", "Chunk", "Document", "Hit"]


def ask(question: str, k: int = 5, **kwargs) -> Answer:
    from .answer import ask as _ask
    return _ask(question, k=k, **kwargs)


def retrieve(question: str, k: int = 5, **kwargs) -> list[Hit]:
    from .retrieve import retrieve as _retrieve
    return _retrieve(question, k=k, **kwargs)
