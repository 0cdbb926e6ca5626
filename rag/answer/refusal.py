"""Refusals: "报告未提及…", with the nearest sentence cited when there is one."""
from __future__ import annotations

from rag.answer.clauses import _citation, _trim
from rag.answer.cues import REFUSAL
from rag.search.sentences import Evidence
from rag.types import Answer


def refuse(question: str, why: str = "", related: Evidence | None = None) -> Answer:
    """A refusal; with `related`, the nearest sentence is offered (cited) so the reader can check."""
    text = f"{REFUSAL}{why or '：报告中没有找到能回答这个问题的内容'}。"
    cites = []
    if related is not None:
        text += f"相关表述：{_trim(related.sentence)}[1]"
        cites = [_citation(1, related)]
    return Answer(question=question, text=text, citations=cites, refused=True, mode="extractive")
