"""Sentence-level evidence: every sentence of the retrieved chunks scored against the question.

The retriever's second stage re-orders chunks by their best sentence, and the answerer picks its
quote from the same list, so both read one scoring."""
from __future__ import annotations

from dataclasses import dataclass

from rag.corpus.chunk import MIN_SENTENCE_CHARS, _merge_short, sentence_spans
from rag.figures import quantities
from rag.search.query import QueryIntent, coverage
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
                score += 0.06 * min(sent.count("、"), 5)
            out.append(Evidence(hit, sent, (s0, s0 + len(sent)), score, cov))
    out.sort(key=lambda ev: -ev.score)
    return out
