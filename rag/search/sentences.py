"""Sentence-level evidence: every sentence of the retrieved chunks scored against the question.

The retriever's second stage re-orders chunks by their best sentence, and the answerer picks its
quote from the same list, so both read one scoring."""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from rag.corpus.chunk import MIN_SENTENCE_CHARS, _merge_short, sentence_spans
from rag.figures import quantities
from rag.search.query import QueryIntent, coverage
from rag.switches import on
from rag.types import Hit


@dataclass(frozen=True)
class Evidence:
    hit: Hit
    sentence: str            # verbatim sentence (a short lead sentence stays joined to the next)
    span: tuple[int, int]    # in the document text
    score: float
    coverage: float          # share of the question's content terms the sentence (or its section) has

# ---- evidence selection ---------------------------------------------------------------------

def candidate_sentences(hits: list[Hit], intent: QueryIntent, terms: list[str],
                        doc_years: dict[str, int | None] | None = None) -> list[Evidence]:
    out = []
    wanted = asked_count(intent.text) if intent.kind == "list" and on("list.asked_count_sentence") else None
    for hit in hits:
        c = hit.chunk
        context = " ".join(c.section[1:]) + " "
        units = _merge_short(sentence_spans(c.text), c.text, MIN_SENTENCE_CHARS)
        for s, e in units:
            raw = c.text[s:e]
            sent = raw.strip()
            if len(sent) < 4:
                continue
            s0 = c.char_span[0] + s + (len(raw) - len(raw.lstrip()))
            cov = coverage(terms, context + sent)
            score = hit.scores.get("fused", hit.score) + 0.3 * cov
            if intent.kind in ("number", "compare") and quantities(sent):
                score += 0.1
            if intent.kind == "list":
                # "哪三种政治能力": a sentence enumerating as many items as the question counts goes before one with a
                # few more "、" of something else (list.asked_count_sentence)
                score += 0.06 * min(sent.count("、"), 5) + (0.1 if wanted and wanted in enumeration_sizes(sent, counted=False)
                                                            else 0.0)
            out.append(Evidence(hit, sent, (s0, s0 + len(sent)), score, cov))
    out.sort(key=lambda ev: -ev.score)
    return out


# ---- counted items ----------------------------------------------------------------------------

_CN_NUM = {ch: i for i, ch in enumerate("一二三四五六七八九十", 1)} | {"两": 2}
# "哪四件事", "三个“统筹”", "五大行动是哪五个": the question says how many items the answer lists
_ASKED_COUNT = re.compile(r"哪([二三四五六七八九十两]|[2-9])|([二三四五六七八九十两])(?:个|种|件|项|大|条|点|类)")
_ENUM_WORD = re.compile(r"([二三四五六七八九十两])(?:大|个|项|种|件|条)")


def _number(token: str) -> int:
    return int(token) if token.isdigit() else _CN_NUM[token]


EN_NUMBER_WORDS = {w: i for i, w in enumerate("two three four five six seven eight nine ten".split(), 2)}
# "Which three industries", "What are the four tasks"
_ASKED_COUNT_EN = re.compile(r"\b(?:which|what|the|name)\s+(?:are\s+the\s+)?(two|three|four|five|six|seven|eight|nine|ten)\b", re.I)


def asked_count(question: str) -> int | None:
    m = _ASKED_COUNT.search(question)
    if m:
        return _number(m.group(1) or m.group(2))
    m = _ASKED_COUNT_EN.search(question)
    return EN_NUMBER_WORDS[m.group(1).lower()] if m else None


def enumeration_sizes(text: str, counted: bool = True) -> frozenset[int]:
    """How many items the text enumerates: runs joined by "、" within a clause, clauses opening
    with the same word ("统筹…，统筹…，统筹…"), and (with `counted`) counted names ("五大行动")."""
    sizes = set()
    clauses = [c for c in re.split(r"[，；。：！？]", text) if c]
    for clause in clauses:
        n = clause.count("、") + 1
        if n >= 2:
            sizes.add(n)
    run = 1
    for prev, cur in itertools.pairwise(clauses):
        run = run + 1 if len(prev) >= 2 and len(cur) >= 2 and prev[:2] == cur[:2] else 1
        if run >= 2:
            sizes.add(run)
    if counted:         # a counted name only names its items ("推动四大支柱产业…"); it lists none
        sizes.update(_number(m.group(1)) for m in _ENUM_WORD.finditer(text))
    return frozenset(sizes)
