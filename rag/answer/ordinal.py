"""The Nth member of a list the report counts out: "民生实事里第九件是啥" → "九是为65岁以上老年人免费健康体检30万人次"."""
from __future__ import annotations

import re

from rag.answer.clauses import _citation
from rag.answer.cues import CLAUSE_END
from rag.answer.rules import on
from rag.search.query import content_terms, term_present
from rag.search.retrieval import HybridRetriever
from rag.search.sentences import Evidence
from rag.types import Answer, Hit

_CN = "一二三四五六七八九十"
# "第九件", "第3项", "第二个方面": the member asked by its place in the list
_ORDINAL = re.compile(r"第([一二三四五六七八九十]{1,2}|\d{1,2})(?:件|项|个|条|点|方面|大)")


def _number(word: str) -> int:
    if word.isdigit():
        return int(word)
    if word == "十":
        return 10
    if word.startswith("十"):
        return 10 + _CN.index(word[1]) + 1
    return _CN.index(word[0]) + 1 if len(word) == 1 else (_CN.index(word[0]) + 1) * 10 + (
        0 if word[1] == "十" else _CN.index(word[1]) + 1)


def _chinese(n: int) -> str:
    if n <= 10:
        return _CN[n - 1]
    return "十" + _CN[n - 11] if n < 20 else _CN[n // 10 - 1] + "十" + (_CN[n % 10 - 1] if n % 10 else "")


def ordinal_point(question: str, retriever: HybridRetriever, hits: list[Hit]) -> Answer | None:
    """The point "N是…" (inline, the genre's 一是…十是) of the top paragraph that names the question's words and counts
    out at least N points; None when the question asks no member by its place or no paragraph lists one
    (list.ordinal_member)."""
    m = _ORDINAL.search(question)
    if m is None or not on("list.ordinal_member"):
        return None
    n = _number(m.group(1))
    if not 1 <= n <= 20:
        return None
    terms = content_terms(question.replace(m.group(), " "))
    mark = re.compile(rf"(?:^|(?<=[{CLAUSE_END}]))\s*{_chinese(n)}是")
    for hit, para, start in retriever.top_paragraphs(hits):
        at = mark.search(para)
        if at is None or not any(term_present(t, para[:at.start()].lower()) for t in terms):
            continue
        s = at.start() + len(at.group()) - len(at.group().lstrip())
        e = s
        while e < len(para) and para[e] not in "；;。":
            e += 1
        quote = para[s:e]
        ev = Evidence(hit=hit, sentence=quote, span=(start + s, start + e), score=hit.score, coverage=1.0)
        return Answer(question, f"{quote}[1]", [_citation(1, ev)], False)
    return None
