"""LangChain adapter: the hybrid retriever as a langchain-core BaseRetriever for LCEL chains."""
from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.retrievers import BaseRetriever

from rag.config import Config
from rag.search.retrieval import clean_question, default_retriever
from rag.types import Hit


def hit_to_document(hit: Hit) -> LCDocument:
    c = hit.chunk
    return LCDocument(page_content=c.text, id=c.id, metadata={
        "chunk_id": c.id, "doc_id": c.doc_id, "doc_title": c.doc_title, "section": c.section_path,
        "year_scope": c.year_scope, "para_no": c.para_no, "char_span": list(c.char_span),
        "score": hit.score, "rank": hit.rank})


class ReportRetriever(BaseRetriever):
    """`ReportRetriever(k=5).invoke("去年GDP增长多少")` → LangChain Documents, best first."""

    k: int = 5
    mode: str = "hybrid"
    config: Any = None

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[LCDocument]:
        config = self.config or Config.from_env()
        hits = default_retriever(config, self.mode).search(clean_question(query, config.max_question_chars), k=self.k)
        return [hit_to_document(h) for h in hits]
