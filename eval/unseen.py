"""`python -m eval.unseen`: the hybrid pipeline on every held-out question nobody has read, pooled.

    python -m eval.unseen                 # one table: each set, then Chinese / English / all pooled
    python -m eval.unseen --json out.json

eval/heldout/README.md says how each set was used. Sets whose failures were read are tuning sets
and stay out; of the sets split in halves, only the half never read (even ids) comes in. Only
aggregates are printed, never a question, so the sets stay unseen for the next change.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from rag.config import Config
from rag.errors import RagError

from .configs import build_systems
from .gold import DEFAULT_GOLD, GoldItem, load_gold
from .harness import evaluate_system
from .report import _table
from .results import MetricSummary, QuestionResult, summarize

HELDOUT_DIR = DEFAULT_GOLD.parent / "heldout"
MANIFEST = HELDOUT_DIR / "manifest.json"
UNSEEN_CHOICES = ("all", "even", "none")


def read_manifest(path: Path = MANIFEST) -> dict[str, str]:
    """file → which of its rows were never read ("all", "even"), for every set the manifest lists as
    holding some; a ValueError names a set the manifest mis-describes."""
    sets = json.loads(path.read_text(encoding="utf-8"))["sets"]
    out: dict[str, str] = {}
    for s in sets:
        if s.get("unseen") not in UNSEEN_CHOICES:
            raise ValueError(f"{path}: set {s.get('file')!r} has unseen={s.get('unseen')!r}; use one of {UNSEEN_CHOICES}")
        if not (path.parent / s["file"]).is_file():
            raise ValueError(f"{path}: set {s['file']!r} is listed but not in {path.parent}")
        if s["unseen"] != "none":
            out[s["file"]] = s["unseen"]
    return out


UNSEEN: dict[str, str] = read_manifest()


@dataclass(frozen=True)
class UnseenItem:
    set: str
    language: str        # "zh" or "en"
    item: GoldItem


def _id_number(item_id: str) -> int:
    digits = re.sub(r"\D", "", item_id)
    if not digits:
        raise ValueError(f"held-out id {item_id!r} has no number, so it belongs to neither half")
    return int(digits)


def unseen_items(folder: Path = HELDOUT_DIR, sets: dict[str, str] = UNSEEN) -> list[UnseenItem]:
    """The never-read rows of the held-out sets, each with its set name and language."""
    from rag.search.query import is_english_text
    out: list[UnseenItem] = []
    for name, rows in sets.items():
        for it in load_gold(folder / name):
            if rows == "even" and _id_number(it.id) % 2:
                continue
            out.append(UnseenItem(name.removesuffix(".jsonl"), "en" if is_english_text(it.question) else "zh", it))
    return out


def pooled(items: list[UnseenItem], results: list[QuestionResult]) -> dict[str, MetricSummary]:
    """One summary per set and language present, then Chinese, English and all pooled."""
    if len(items) != len(results):
        raise ValueError(f"{len(items)} questions but {len(results)} results")
    keyed = list(zip(items, results, strict=False))
    groups: dict[str, list[QuestionResult]] = {}
    for u, r in keyed:
        groups.setdefault(f"{u.set} {u.language}", []).append(r)
    out = {name: summarize(rows) for name, rows in groups.items()}
    for lang, label in (("zh", "pooled Chinese"), ("en", "pooled English")):
        rows = [r for u, r in keyed if u.language == lang]
        if rows:
            out[label] = summarize(rows)
    out["pooled all"] = summarize(results)
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.unseen", description=__doc__.splitlines()[0].split(": ", 1)[1])
    p.add_argument("--json", type=Path, default=None, metavar="FILE", help="also write the summaries as JSON")
    args = p.parse_args(argv)
    try:
        items = unseen_items()
        system = build_systems(("hybrid",), Config.from_env())[0]
    except (ValueError, FileNotFoundError, RagError) as e:
        print(f"python -m eval.unseen: {e}", file=sys.stderr)
        return 2
    print(f"eval.unseen: {len(items)} never-read held-out questions …", file=sys.stderr, flush=True)
    results = evaluate_system(system, [u.item for u in items])
    summaries = pooled(items, results)
    print("\n".join(_table("held-out rows never read", summaries)))
    counts = ", ".join(f"{k} {v.n_answerable}" for k, v in summaries.items() if k.startswith("pooled"))
    print(f"\nMetrics as in `python -m eval`; hit@k and MRR over answerable rows ({counts}).")
    if args.json:
        args.json.write_text(json.dumps({k: asdict(v) for k, v in summaries.items()}, ensure_ascii=False, indent=1),
                             encoding="utf-8")
        print(f"wrote {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
