"""Run every chosen configuration over the gold rows and score each answer (`run_eval`).

Per configuration: one warm-up ask() (model and index loads, caches) that is not timed, then for
each gold row ask() timed with perf_counter and a separate top-10 search for the retrieval metrics
(ask() hides its hits). Rows run in file order, configurations one after another, single-threaded:
latency figures are per question on a shared 2-core machine, read them as relative, not absolute.
"""
from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rag.config import Config
from rag.errors import RagError

from . import metrics as M
from .configs import System, build_systems
from .gold import DEFAULT_GOLD, GoldItem, load_gold
from .results import QuestionResult, score_question

SPLIT_CHOICES = ("dev", "test", "all")
DEFAULT_OUT = Path(__file__).resolve().parent / "results"


@dataclass(frozen=True)
class EvalOptions:
    gold: Path = DEFAULT_GOLD
    out: Path = DEFAULT_OUT
    configs: tuple[str, ...] = ("bm25", "dense", "hybrid", "naive")
    split: str = "all"
    limit: int | None = None

    def __post_init__(self):
        if self.split not in SPLIT_CHOICES:
            raise ValueError(f"split {self.split!r}: choose one of {', '.join(SPLIT_CHOICES)}")
        if self.limit is not None and self.limit < 1:
            raise ValueError(f"limit {self.limit}: use a positive number of questions, or leave it out")


@dataclass(frozen=True)
class EvalRun:
    options: EvalOptions
    items: tuple[GoldItem, ...]
    results: tuple[QuestionResult, ...]
    unreachable: dict[str, tuple[str, ...]]     # config → answerable ids whose evidence no chunk contains
    seconds: dict[str, float]                   # config → wall time of its whole pass
    index_info: dict = field(default_factory=dict)


def select_items(items: list[GoldItem], split: str, limit: int | None) -> list[GoldItem]:
    chosen = [it for it in items if split == "all" or it.split == split]
    return chosen[:limit] if limit else chosen


def unreachable_ids(system: System, items: list[GoldItem]) -> tuple[str, ...]:
    """Rows no retrieval could hit: their evidence is in no single chunk (e.g. cut by a chunk border)."""
    texts = [M.squash(c.text) for c in system.all_chunks()]
    return tuple(it.id for it in items if it.answerable
                 and not any(M.squash(e) in t for e in it.evidence for t in texts))


def evaluate_system(system: System, items: list[GoldItem], depth: int = M.RETRIEVAL_DEPTH) -> list[QuestionResult]:
    try:
        system.ask(items[0].question)                  # warm-up, not timed
    except RagError:
        pass
    out = []
    for it in items:
        answer, error = None, ""
        t0 = time.perf_counter()
        try:
            answer = system.ask(it.question)
        except RagError as e:                          # InvalidQuestion etc.: scored as a failure, not a crash
            error = f"{type(e).__name__}: {e}"
        latency_ms = (time.perf_counter() - t0) * 1000
        try:
            hits = system.search(it.question, depth)
        except RagError:
            hits = []
        out.append(score_question(system.name, it, answer, hits, latency_ms, error))
    return out


def run_eval(options: EvalOptions, config: Config | None = None, embedder=None,
             progress: Callable[[str], None] | None = None) -> EvalRun:
    """Score every configuration in `options` on the selected gold rows."""
    say = progress or (lambda msg: print(msg, file=sys.stderr, flush=True))
    config = config or Config.from_env()
    items = select_items(load_gold(options.gold), options.split, options.limit)
    if not items:
        raise ValueError(f"no gold rows in split {options.split!r} of {options.gold}")
    t0 = time.perf_counter()
    systems = build_systems(options.configs, config, cache_dir=Path(options.out) / ".cache", embedder=embedder)
    say(f"eval: {len(items)} questions × {len(systems)} configurations (setup {time.perf_counter() - t0:.1f} s)")
    results: list[QuestionResult] = []
    unreachable: dict[str, tuple[str, ...]] = {}
    seconds: dict[str, float] = {}
    index_info: dict = {}
    for system in systems:
        t1 = time.perf_counter()
        results += evaluate_system(system, items)
        seconds[system.name] = round(time.perf_counter() - t1, 2)
        unreachable[system.name] = unreachable_ids(system, items)
        chunks = system.all_chunks()
        index_info[system.name] = {"chunks": len(chunks),
                                   "mean_chunk_chars": round(sum(len(c.text) for c in chunks) / max(1, len(chunks)), 1)}
        say(f"eval: {system.name:<6} done in {seconds[system.name]:.1f} s")
    return EvalRun(options, tuple(items), tuple(results), unreachable, seconds, index_info)
