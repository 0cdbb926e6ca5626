"""The refusal rules by name, each of which can be switched off to measure what it does (python -m eval.refusals).

A rule switched off lets the answerer go on as if its check had passed; nothing else changes. The switch
is a context variable, so it holds for one evaluation run (or one thread) and never for the service.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from rag.search.query import WORDINGS_ON

# name → what the rule refuses (the closing note and eval/README.md give each one's measured effect)
RULES: dict[str, str] = {
    "support": "no sentence speaks to the question: under half its words, and not vouched for by the embedder",
    "support.no_topic": "the question names no topic of the report (similarity alone does not answer it)",
    "support.english_dictionary": "an English question known only through the dictionary needs two report words",
    "year": "the sentences that speak to the question are about another year than the one asked",
    "date": "a when-question whose sentences hold no date near its subject",
    "slogan": "a numbered slogan the report names but never spells out",
    "number.figure": "a figure is asked and no sentence that speaks to the question has one of the asked kind",
    "number.coverage": "a sentence lends its figure to an ask only if it holds half the ask's words",
    "number.rare_subject": "a sentence without any of the ask's rare subject words (中煤, 燃煤) does not lend its figure",
    "number.owner": "the figure belongs to another item of the clause, another counted thing, or stands past another figure",
    "number.direction": "a rise is not answered by a fall (增加值…长多少 by 能耗…下降10%), nor a fall by a rise",
    "number.stock": "a total (一共有) is not answered by the newly added (新培育55家)",
    "elsewhere_worded": "several reports: an answer by similarity alone while the asked word stands only in another report",
}

# not refusals but allowances, switched off the same way
ALLOWANCES: dict[str, str] = {
    "wording": "a question word the reports never use is matched to the report words the embedder holds closest",
}

_OFF: ContextVar[frozenset[str]] = ContextVar("refusal_rules_off", default=frozenset())


def on(rule: str) -> bool:
    """Whether `rule` (a RULES name) applies now."""
    return rule not in _OFF.get()


@contextmanager
def switched_off(*rules: str) -> Iterator[None]:
    """Within the block, the named rules do not refuse; ValueError names an unknown rule."""
    unknown = [r for r in rules if r not in RULES and r not in ALLOWANCES]
    if unknown:
        raise ValueError(f"unknown rule(s) {unknown}; the rules are {', '.join([*RULES, *ALLOWANCES])}")
    token = _OFF.set(_OFF.get() | frozenset(rules))
    wordings = WORDINGS_ON.set(WORDINGS_ON.get() and "wording" not in rules)
    try:
        yield
    finally:
        WORDINGS_ON.reset(wordings)
        _OFF.reset(token)
