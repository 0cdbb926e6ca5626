"""ask() and ask_stream(): clean the question, retrieve, answer extractively, optionally through the LLM, attach paragraphs."""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from rag.answer.scoped import scoped_answer
from rag.config import Config
from rag.search.query import search_form
from rag.search.retrieval import HybridRetriever, chosen_reports, clean_question, default_retriever
from rag.types import Answer


def _use_llm(config: Config, mode: str | None) -> bool:
    mode = (mode or config.answer_mode).lower()
    if mode not in ("extractive", "llm"):
        raise ValueError(f"answer mode {mode!r}: use 'extractive' or 'llm'")
    return mode == "llm"


def ask(question: str, k: int = 5, *, config: Config | None = None,
        retriever: HybridRetriever | None = None, mode: str | None = None,
        reports: Sequence[str] | None = None) -> Answer:
    """Answer a question from the report, citing the sentences it rests on.

    mode "extractive" (default) quotes the report; "llm" asks the configured endpoint and keeps its
    answer only if every number in it occurs in a cited quote, else falls back to the quote.
    `reports` (ids, titles or regions, as `rag reports` lists them) limits the corpus asked."""
    config = config or Config.from_env()
    q = clean_question(question, config.max_question_chars)
    retriever = chosen_reports(retriever or default_retriever(config), reports)
    depth = max(k, 8)
    asked, q = q, search_form(q)           # searched in Simplified, half-width; answered as asked
    ans, hits = scoped_answer(q, retriever, depth, config)
    if _use_llm(config, mode):
        from rag.answer.llm import (  # lazy: the offline path never loads langchain
            llm_answer,
            verified_or_fallback,
        )
        from rag.errors import LLMUnavailable
        hits = hits or retriever.search(q, k=depth)
        try:
            ans = verified_or_fallback(llm_answer(q, hits, config), ans)
        except LLMUnavailable as e:
            ans = replace(ans, mode="llm→extractive", note=f"LLM 不可用（{e}），已改用原文摘录回答。")
    return _with_paragraphs(replace(ans, question=asked), retriever)


def _with_paragraphs(ans: Answer, retriever: HybridRetriever) -> Answer:
    """Fill each citation's paragraph (the card in the UI shows it with the quote highlighted); a report in
    Traditional characters is quoted as written (search read its Simplified form, at the same offsets)."""
    by_id = retriever.chunk_by_id
    cites = []
    for c in ans.citations:
        chunk = by_id.get(c.chunk_id)
        if chunk is None:
            cites.append(c)
            continue
        written = retriever.verbatim_paragraph_of(chunk)
        if written is not None:
            para, p0 = written
            a, b = c.char_span[0] - p0, c.char_span[1] - p0
            quote = para[a:b] if 0 <= a < b <= len(para) and b - a == len(c.quote) else c.quote
            cites.append(replace(c, quote=quote, paragraph=para))
        else:
            cites.append(replace(c, paragraph=retriever.paragraph_of(chunk)[0]))
    return replace(ans, citations=cites)


def ask_stream(question: str, k: int = 5, *, config: Config | None = None,
               retriever: HybridRetriever | None = None, mode: str | None = None,
               reports: Sequence[str] | None = None) -> Iterator[str | Answer]:
    """Stream an answer for the UI: yields the answer text so far (cumulative str) one or more
    times, then the final Answer (always last; its text replaces whatever was streamed, since an
    LLM draft that fails verification is replaced). Raises InvalidQuestion like ask()."""
    config = config or Config.from_env()
    q = clean_question(question, config.max_question_chars)
    retriever = chosen_reports(retriever or default_retriever(config), reports)
    if _use_llm(config, mode):
        from rag.answer.llm import stream_llm_answer
        from rag.errors import LLMUnavailable
        fallback, hits = scoped_answer(search_form(q), retriever, max(k, 8), config)
        fallback = replace(fallback, question=q)
        hits = hits or retriever.search(q, k=max(k, 8))
        try:
            for part in stream_llm_answer(q, hits, config, fallback=fallback):
                yield _with_paragraphs(part, retriever) if isinstance(part, Answer) else part
        except LLMUnavailable as e:
            yield _with_paragraphs(replace(fallback, mode="llm→extractive",
                                           note=f"LLM 不可用（{e}），已改用原文摘录回答。"), retriever)
        return
    ans = ask(q, k=k, config=config, retriever=retriever, mode="extractive")      # already restricted
    so_far = ""
    for piece in re.split(r"(?<=[，；。：])", ans.text):
        if piece:
            so_far += piece
            yield so_far
    yield ans
