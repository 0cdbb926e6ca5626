"""Whether a sentence really speaks to the question: year fit, word coverage, the embedder's similarity."""
from __future__ import annotations

import re

from rag.answer.rules import on
from rag.search.query import QueryIntent, names_horizon, scope_matches, term_present
from rag.search.sentences import Evidence


def _year_ok(ev: Evidence, intent: QueryIntent, doc_years: dict, paragraph_of=None) -> bool:
    if not intent.strong_time:
        return True
    doc_year = doc_years.get(ev.hit.chunk.doc_id)
    if names_horizon(intent, ev.sentence, doc_year):         # "到2030年峤溪地区生产总值要达到多少"
        return True
    if paragraph_of is not None and on("year.horizon_sentence") \
            and names_horizon(intent, _sentence_so_far(ev, paragraph_of), doc_year):
        return True     # "今后五年的主要目标是：…，到2030年…；…，研发经费投入强度达到2.8%左右；": the horizon leads every clause
    return scope_matches(intent, ev.hit.chunk.year_scope, doc_year) is not False


def _sentence_so_far(ev: Evidence, paragraph_of) -> str:
    """The report's sentence up to the evidence's clause: from the full stop before it (a clause after ；, or one a chunk
    starts with, is part of the same sentence)."""
    para, start = paragraph_of(ev.hit.chunk)
    at = ev.span[0] - start
    if not 0 <= at <= len(para):
        return ev.sentence
    return para[para.rfind("。", 0, at) + 1:at] + ev.sentence


def dense_similarity(ev: Evidence, fill_dense=None) -> float:
    """The embedder's similarity of the question to the evidence's chunk. A Chinese question with a
    clear keyword lead was ranked without embedding it; `fill_dense` (HybridRetriever.fill_dense)
    then embeds it once, here, only for the answers that need the similarity."""
    if "dense_raw" not in ev.hit.scores and fill_dense is not None:
        fill_dense()
    return ev.hit.scores.get("dense_raw", 0.0)


def supported(best: Evidence, terms: list[str], dictionary_only: bool = False, familiar: bool = True,
              question: str = "", fill_dense=None) -> bool:
    """Whether the best sentence really speaks to the question (thresholds set on the dev split).
    `dictionary_only`: an English question whose every term came from CC-CEDICT, not the glossary;
    a dictionary maps "tell" to 分别 and "ignore" to 忽视, so one matching word proves nothing and
    two distinct ones must be found, or the question must be `familiar`: most of its words translate
    to words of the report ("Which sports events will the city host?", not "Tell me a joke about cats")."""
    if not on("support"):
        return True
    if not terms:
        if not on("support.no_topic"):
            return dense_similarity(best, fill_dense) >= 0.84
        # nothing in the question names a topic of the report (a greeting, markup, an English phrase
        # no dictionary knows): e5 scores such text 0.78–0.83 against some sentence, as high as real
        # English questions, so the embedder alone cannot vouch for an answer
        return False
    if dictionary_only and on("support.english_dictionary"):
        if len(re.findall(r"[a-z]{2,}", question.lower())) < 4:    # "'; DROP TABLE x; --" is no question
            return False
        context = (" ".join(best.hit.chunk.section[1:]) + " " + best.sentence).lower()
        return best.coverage >= 0.5 and (sum(term_present(t, context) for t in terms) >= 2 or familiar)
    return best.coverage >= 0.5 or (best.coverage > 0 and dense_similarity(best, fill_dense) >= 0.84)
