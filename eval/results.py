"""Scored results: one QuestionResult per (configuration, gold row) and MetricSummary aggregates.

`score_question` turns a gold row, the system's Answer, its top-10 hits and the ask() latency into
flags with the rules in eval/metrics.py; `summarize` averages them over any subset (a split, a type,
a difficulty). A metric that does not apply to a row is None there and skipped in the mean:
retrieval and answer metrics on unanswerable rows, refusal accuracy is over every row.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields

from rag.types import Answer, Hit

from . import metrics as M
from .gold import GoldItem

TOP_CHUNKS_KEPT = 3          # top chunk texts kept per question in the JSON, for reading failures


@dataclass(frozen=True)
class QuestionResult:
    config: str
    id: str
    split: str
    type: str
    difficulty: str
    question: str
    answerable: bool
    answer_text: str
    refused: bool
    mode: str
    quotes: tuple[str, ...]
    top_chunks: tuple[str, ...]
    evidence_rank: int | None      # 1-based within the top 10; None when not found or not applicable
    hit1: float | None
    hit3: float | None
    hit5: float | None
    rr: float | None
    chunk_len: float | None
    correct: bool | None           # all must_contain present (answerable rows)
    cite_ok: bool | None           # an evidence string cited (all of them for compare rows)
    cite_strict: bool | None       # every evidence string cited, any type
    faithful: bool                 # every number in the answer is in a cited quote
    unsupported: tuple[str, ...]   # the numbers that are not
    refusal_ok: bool               # refused exactly when unanswerable
    false_refusal: bool | None     # refused an answerable row
    overall: bool                  # correct answer, or correct refusal
    latency_ms: float
    error: str = ""


def score_question(config: str, item: GoldItem, answer: Answer | None, hits: Sequence[Hit],
                   latency_ms: float, error: str = "") -> QuestionResult:
    """All per-question metrics. `answer` None means ask() raised (`error` says what)."""
    texts = [h.chunk.text for h in hits]
    if item.answerable:
        rank = M.first_evidence_rank(texts, item.evidence)
        retrieval = dict(evidence_rank=rank, hit1=M.hit_at(rank, 1), hit3=M.hit_at(rank, 3),
                         hit5=M.hit_at(rank, 5), rr=M.reciprocal_rank(rank), chunk_len=M.mean_length(texts))
    else:
        retrieval = dict(evidence_rank=None, hit1=None, hit3=None, hit5=None, rr=None, chunk_len=None)
    text = answer.text if answer else ""
    refused = bool(answer and answer.refused)
    quotes = tuple(c.quote for c in answer.citations) if answer else ()
    labels = tuple(f"{c.year_scope}年" for c in answer.citations if c.year_scope) if answer else ()
    if item.answerable:
        # a refusal is never a right answer, even when the related sentence it offers holds the figure
        correct = not refused and M.answer_correct(text, item.must_contain)
        cite_ok = M.citation_correct(quotes, item.evidence, item.type)
        cite_strict = M.evidence_cited(quotes, item.evidence, require_all=True)
    else:
        correct = cite_ok = cite_strict = None
    unsupported = () if refused else tuple(M.unsupported_numbers(text, [*quotes, *labels]))
    refusal_ok = M.refusal_correct(refused, item.answerable)
    return QuestionResult(
        config=config, id=item.id, split=item.split, type=item.type, difficulty=item.difficulty,
        question=item.question, answerable=item.answerable, answer_text=text, refused=refused,
        mode=answer.mode if answer else "error", quotes=quotes,
        top_chunks=tuple(texts[:TOP_CHUNKS_KEPT]), **retrieval, correct=correct, cite_ok=cite_ok,
        cite_strict=cite_strict, faithful=not unsupported, unsupported=unsupported, refusal_ok=refusal_ok,
        false_refusal=M.false_refusal(refused, item.answerable),
        overall=bool(correct) if item.answerable else refusal_ok, latency_ms=latency_ms, error=error)


@dataclass(frozen=True)
class MetricSummary:
    n: int
    n_answerable: int
    n_unanswerable: int
    hit1: float | None
    hit3: float | None
    hit5: float | None
    mrr: float | None
    chunk_len: float | None
    accuracy: float | None
    cite: float | None
    cite_strict: float | None
    faithful: float | None
    refusal_acc: float | None      # over unanswerable rows: share refused
    false_refusal: float | None    # over answerable rows: share refused
    overall: float | None          # over all rows: right answer or right refusal
    p50_ms: float | None
    p95_ms: float | None
    errors: int = 0


def summarize(results: Iterable[QuestionResult]) -> MetricSummary:
    rows = list(results)
    ans = [r for r in rows if r.answerable]
    unans = [r for r in rows if not r.answerable]
    lat = [r.latency_ms for r in rows if not r.error]
    return MetricSummary(
        n=len(rows), n_answerable=len(ans), n_unanswerable=len(unans),
        hit1=M.mean(r.hit1 for r in ans), hit3=M.mean(r.hit3 for r in ans), hit5=M.mean(r.hit5 for r in ans),
        mrr=M.mean(r.rr for r in ans), chunk_len=M.mean(r.chunk_len for r in ans),
        accuracy=M.mean(r.correct for r in ans), cite=M.mean(r.cite_ok for r in ans),
        cite_strict=M.mean(r.cite_strict for r in ans), faithful=M.mean(r.faithful for r in rows),
        refusal_acc=M.mean(r.refused for r in unans), false_refusal=M.mean(r.refused for r in ans),
        overall=M.mean(r.overall for r in rows), p50_ms=M.percentile(lat, 50), p95_ms=M.percentile(lat, 95),
        errors=sum(1 for r in rows if r.error))


def summarize_by(results: Iterable[QuestionResult], key: Callable[[QuestionResult], str],
                 order: Sequence[str] = ()) -> dict[str, MetricSummary]:
    """One summary per group, groups in `order` first, then any others sorted."""
    groups: dict[str, list[QuestionResult]] = {}
    for r in results:
        groups.setdefault(key(r), []).append(r)
    names = [g for g in order if g in groups] + sorted(g for g in groups if g not in order)
    return {g: summarize(groups[g]) for g in names}


METRIC_FIELDS = tuple(f.name for f in fields(MetricSummary))
