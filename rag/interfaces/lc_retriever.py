"""LangChain adapter: the hybrid retriever as a langchain-core BaseRetriever for LCEL chains.

    ReportRetriever(k=5).invoke("去年GDP增长多少")                          # Documents, best first
    ReportRetriever(search_kwargs={"filter": {"region": "广元市"}}).invoke(q)
    ReportRetriever().invoke(q, k=1, filter={"region": "鹤渚市", "year": 2025})

`filter` restricts the reports searched, in the store: a dict of region / year / report (id or title),
each a value or a list of values, or a list of report ids/titles/regions. A region the question names
restricts them further, as in rag.retrieve.
"""
from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.retrievers import BaseRetriever
from pydantic import Field

from rag.config import Config
from rag.errors import InvalidQuestion
from rag.search.retrieval import clean_question, default_retriever, scoped_retriever
from rag.types import Hit, Report


def hit_to_document(hit: Hit) -> LCDocument:
    c = hit.chunk
    return LCDocument(page_content=c.text, id=c.id, metadata={
        "chunk_id": c.id, "doc_id": c.doc_id, "doc_title": c.doc_title, "region": c.region,
        "report_year": c.report_year, "section": c.section_path, "year_scope": c.year_scope,
        "para_no": c.para_no, "char_span": list(c.char_span), "score": hit.score, "rank": hit.rank})


def _values(v: Any) -> set[str]:
    return {str(x) for x in (v if isinstance(v, list | tuple | set) else [v])}


def matching_reports(reports: list[Report], where: Any) -> list[str]:
    """Report ids a LangChain `filter` selects; InvalidQuestion for a filter of another shape."""
    if where is None:
        return [r.id for r in reports]
    if isinstance(where, list | tuple | set):
        names = _values(where)
        return [r.id for r in reports if names & {r.id, r.title, r.region}]
    if not isinstance(where, dict) or not set(where) <= {"region", "year", "report", "doc_id", "level"}:
        raise InvalidQuestion(f"filter {where!r}: use a dict of region / year / report / level, or a list of reports")
    out = []
    for r in reports:
        if "region" in where and r.region not in _values(where["region"]):
            continue
        if "year" in where and str(r.year) not in _values(where["year"]):
            continue
        if "level" in where and r.level not in _values(where["level"]):
            continue
        for key in ("report", "doc_id"):
            if key in where and not (_values(where[key]) & {r.id, r.title}):
                break
        else:
            out.append(r.id)
    return out


class ReportRetriever(BaseRetriever):
    """`ReportRetriever(k=5).invoke("去年GDP增长多少")` → LangChain Documents, best first."""

    k: int = 5
    mode: str = "hybrid"
    config: Any = None
    search_kwargs: dict = Field(default_factory=dict)

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun,
                                **kwargs: Any) -> list[LCDocument]:
        config = self.config or Config.from_env()
        options = {**self.search_kwargs, **kwargs}
        k = int(options.get("k", self.k))
        q = clean_question(query, config.max_question_chars)
        base = default_retriever(config, self.mode)
        ids = matching_reports(base.reports, options.get("filter"))
        if not ids:
            return []
        hits = scoped_retriever(q, base.restricted(ids)).search(q, k=k)
        return [hit_to_document(h) for h in hits]
