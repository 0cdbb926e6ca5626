"""Pure metric functions for one question: evidence rank, answer checks, numbers, refusals, percentiles.

Nothing here touches an index, a model or a file, so each rule is unit-tested on hand-made cases
(tests/test_eval_metrics.py). Text comparisons ignore whitespace (a mended line break or a stray
space must not decide a metric) and the answer's [n] citation markers.

Numbers: Arabic numerals (decimals, ASCII thousands commas, full-width digits via NFKC) with the unit that
changes their meaning when it follows directly: % ‰ 个百分点 倍 万亿 亿 万 千 百. Chinese numerals
(三是, 十四五, 两成) are not counted: in this report they are ordinals and slogans far more often than
quantities, so counting them would flag faithful answers.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

RETRIEVAL_DEPTH = 10          # ranks beyond this count as "not found" (MRR 0)
CHUNK_LEN_DEPTH = 5           # mean retrieved chunk length is taken over the top 5

MARKER_RE = re.compile(r"[\[［【]\s*\d+\s*[\]］】]")
_WS_RE = re.compile(r"\s+")
# a number not glued to a preceding digit or point, then the unit that changes its meaning
QUANTITY_RE = re.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})+(?![\d,])(?:\.\d+)?|\d+(?:\.\d+)?)\s*(个百分点|%|‰|倍|万亿|亿|万|千|百)?")


def squash(text: str) -> str:
    """Text with all whitespace removed, for containment tests."""
    return _WS_RE.sub("", text)


def strip_markers(text: str) -> str:
    """The answer text without its [1], ［2］, 【3】 citation markers."""
    return MARKER_RE.sub("", text)


def contains(haystack: str, needle: str) -> bool:
    return squash(needle) in squash(haystack)


# ---------------------------------------------------------------- retrieval


def first_evidence_rank(chunk_texts: Sequence[str], evidence: Iterable[str],
                        depth: int = RETRIEVAL_DEPTH) -> int | None:
    """1-based rank of the first chunk (within `depth`) whose text contains any evidence string."""
    ev = [squash(e) for e in evidence if e]
    for rank, text in enumerate(chunk_texts[:depth], 1):
        flat = squash(text)
        if any(e in flat for e in ev):
            return rank
    return None


def hit_at(rank: int | None, n: int) -> float:
    return 1.0 if rank is not None and rank <= n else 0.0


def reciprocal_rank(rank: int | None, depth: int = RETRIEVAL_DEPTH) -> float:
    return 1.0 / rank if rank is not None and rank <= depth else 0.0


def mean_length(texts: Sequence[str], depth: int = CHUNK_LEN_DEPTH) -> float:
    top = list(texts[:depth])
    return sum(len(t) for t in top) / len(top) if top else 0.0


# ---------------------------------------------------------------- answers


def answer_correct(answer_text: str, must_contain: Iterable[str]) -> bool:
    """Every must_contain string occurs in the answer (markers and whitespace ignored)."""
    text = strip_markers(answer_text)
    needed = [m for m in must_contain if m]
    return bool(needed) and all(contains(text, m) for m in needed)


def evidence_cited(quotes: Sequence[str], evidence: Iterable[str], require_all: bool) -> bool:
    """Some cited quote contains an evidence string (lenient), or every evidence string is inside
    some quote (require_all). No quotes or no evidence → False."""
    ev = [e for e in evidence if e]
    if not quotes or not ev:
        return False
    covered = [any(contains(q, e) for q in quotes) for e in ev]
    return all(covered) if require_all else any(covered)


def citation_correct(quotes: Sequence[str], evidence: Iterable[str], qtype: str) -> bool:
    """The headline citation check: a compare answer must cite every side, any other one sentence."""
    return evidence_cited(quotes, evidence, require_all=(qtype == "compare"))


@dataclass(frozen=True)
class Quantity:
    value: str        # canonical digits: "6.2", "1874", "100"
    unit: str         # "" or one of % ‰ 个百分点 倍 万亿 亿 万 千 百

    def __str__(self) -> str:
        return self.value + self.unit


def _canonical(number: str) -> str:
    whole, _, frac = number.replace(",", "").partition(".")
    whole, frac = whole.lstrip("0") or "0", frac.rstrip("0")
    return f"{whole}.{frac}" if frac else whole


def quantities(text: str) -> list[Quantity]:
    """Arabic-numeral quantities in text, citation markers excluded."""
    # "，" separates figures in Chinese ("分别为12，345个"); NFKC would turn it into a thousands comma
    flat = strip_markers(unicodedata.normalize("NFKC", text.replace("，", "、")))
    return [Quantity(_canonical(m.group(1)), m.group(2) or "") for m in QUANTITY_RE.finditer(flat)]


def unsupported_numbers(answer_text: str, sources: Iterable[str]) -> list[str]:
    """Numbers in the answer that no source states. A bare number is supported by the same value
    with any unit; a number with a unit needs that unit ("6.2%" ≠ "6.2个百分点", "350亿" ≠ "350万")."""
    known: dict[str, set[str]] = {}
    for src in sources:
        for q in quantities(src):
            known.setdefault(q.value, set()).add(q.unit)
    out = []
    for q in quantities(answer_text):
        units = known.get(q.value)
        if units is None or (q.unit and q.unit not in units):
            out.append(str(q))
    return out


def numeric_faithful(answer_text: str, quotes: Sequence[str], refused: bool,
                     labels: Iterable[str] = ()) -> bool:
    """Every number in the answer occurs in some cited quote; a refusal is faithful.
    `labels` are extra strings the citations themselves vouch for (e.g. "2023年", the year scope a
    compare answer puts in front of each part)."""
    if refused:
        return True
    return not unsupported_numbers(answer_text, [*quotes, *labels])


# ---------------------------------------------------------------- refusals


def refusal_correct(refused: bool, answerable: bool) -> bool:
    """Refusing is right exactly when the report does not answer the question."""
    return refused != answerable


def false_refusal(refused: bool, answerable: bool) -> bool | None:
    """Refused an answerable question; None for unanswerable rows (not applicable)."""
    return refused if answerable else None


# ---------------------------------------------------------------- aggregates


def mean(values: Iterable[float | bool | None]) -> float | None:
    """Mean over the applicable values (None skipped); None when nothing applies."""
    vals = [float(v) for v in values if v is not None]
    return sum(vals) / len(vals) if vals else None


def percentile(values: Iterable[float], q: float) -> float | None:
    """The q-th percentile (0–100) with linear interpolation between ranks, like numpy's default."""
    vals = sorted(float(v) for v in values)
    if not vals:
        return None
    if not 0 <= q <= 100:
        raise ValueError(f"percentile q={q}: use a value between 0 and 100")
    pos = (len(vals) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(vals) - 1)
    return vals[lo] + (vals[hi] - vals[lo]) * (pos - lo)
