"""Rules switched off by name for one measuring run (python -m eval.refusals); never for the service.

A context variable, so a switch holds within its block (one evaluation run, one thread) and nowhere else.
Every layer asks `on(name)` where its rule applies; rag.answer.rules names and describes the rules.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_OFF: ContextVar[frozenset[str]] = ContextVar("rules_off", default=frozenset())


def on(rule: str) -> bool:
    """Whether `rule` applies now."""
    return rule not in _OFF.get()


@contextmanager
def off(*rules: str) -> Iterator[None]:
    """Within the block, the named rules do not apply (names are checked by rag.answer.rules.switched_off)."""
    token = _OFF.set(_OFF.get() | frozenset(rules))
    try:
        yield
    finally:
        _OFF.reset(token)
