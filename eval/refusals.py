"""`python -m eval.refusals`: every refusal rule switched off in turn, its effect on true and false refusals.

    python -m eval.refusals                   # prints the tables, writes eval/results/refusals.json
    python -m eval.refusals --rules year date # only these rules (plus the row with every rule on)

Each rule of rag.answer.rules is switched off alone; the answerer then goes on as if that check had
passed. Every row is run over the gold dev and test splits, every never-read held-out row (by set,
aggregates only, as eval.unseen takes them) and the multi-report sets (eval/multi, read while tuning,
and eval/multi_blind to eval/multi_blind6, never read, when present). A rule earns its place when switching it off loses
true refusals (refusal accuracy falls) for fewer false refusals won back than that.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from rag.answer.rules import ALLOWANCES, RULES, switched_off
from rag.config import ROOT, Config

from .configs import build_systems
from .gold import DEFAULT_GOLD, GoldItem, load_gold
from .harness import evaluate_system
from .multireport import MULTI_DIR, corpus_config
from .multireport import run as run_multi
from .unseen import unseen_items

MULTI_BLIND_DIR = MULTI_DIR.parent / "multi_blind"
MULTI_BLIND2_DIR = MULTI_DIR.parent / "multi_blind2"
MULTI_BLIND3_DIR = MULTI_DIR.parent / "multi_blind3"
MULTI_TUNE_DIR = MULTI_DIR.parent / "multi_tune"
MULTI_BLIND4_DIR = MULTI_DIR.parent / "multi_blind4"
MULTI_TUNE2_DIR = MULTI_DIR.parent / "multi_tune2"
MULTI_BLIND5_DIR = MULTI_DIR.parent / "multi_blind5"
MULTI_TUNE3_DIR = MULTI_DIR.parent / "multi_tune3"
MULTI_BLIND6_DIR = MULTI_DIR.parent / "multi_blind6"
MULTI_TUNE4_DIR = MULTI_DIR.parent / "multi_tune4"     # a tuning set, scored over every fictional report and its own
MULTI_TUNE5_DIR = MULTI_DIR.parent / "multi_tune5"     # a tuning set, scored as multi_tune4 is
FICTIONAL_DIRS = (MULTI_BLIND_DIR, MULTI_BLIND2_DIR, MULTI_BLIND3_DIR, MULTI_TUNE_DIR, MULTI_TUNE2_DIR, MULTI_BLIND4_DIR,
                  MULTI_BLIND5_DIR, MULTI_TUNE3_DIR, MULTI_BLIND6_DIR)
OUT = Path(__file__).resolve().parent / "results" / "refusals.json"


@dataclass(frozen=True)
class Score:
    n: int
    accuracy: float          # answerable rows answered right (a refusal is never right)
    true_refusals: float     # unanswerable rows refused
    false_refusals: float    # answerable rows refused

    def cell(self) -> str:
        return f"{self.accuracy:.3f} / {self.true_refusals:.3f} / {self.false_refusals:.3f}"


def _score(rows: list[tuple[bool, bool, bool]]) -> Score:
    """rows of (answerable, refused, right answer)."""
    ans = [r for r in rows if r[0]]
    unans = [r for r in rows if not r[0]]
    def share(flags):
        flags = list(flags)
        return round(sum(flags) / len(flags), 3) if flags else float("nan")
    return Score(len(rows), share(right and not refused for _, refused, right in ans),
                 share(refused for _, refused, _ in unans), share(refused for _, refused, _ in ans))


def guangyuan_groups() -> dict[str, list[GoldItem]]:
    """gold dev, gold test, and every never-read held-out set (its never-read rows)."""
    gold = load_gold(DEFAULT_GOLD)
    groups = {"gold dev": [g for g in gold if g.split == "dev"], "gold test": [g for g in gold if g.split == "test"]}
    for u in unseen_items():
        groups.setdefault(u.set, []).append(u.item)
    return groups


def multi_groups() -> dict[str, tuple[list[GoldItem], list[Path]]]:
    reports = [ROOT / "data", MULTI_DIR / "reports"]
    out = {"multi (read)": (load_gold(MULTI_DIR / "gold.jsonl"), reports)}
    if (MULTI_BLIND_DIR / "gold.jsonl").is_file():
        out["multi_blind"] = (load_gold(MULTI_BLIND_DIR / "gold.jsonl"), [*reports, MULTI_BLIND_DIR / "reports"])
    if (MULTI_BLIND2_DIR / "gold.jsonl").is_file():        # every fictional report of the three sets in its corpus
        out["multi_blind2"] = (load_gold(MULTI_BLIND2_DIR / "gold.jsonl"),
                               [*reports, MULTI_BLIND_DIR / "reports", MULTI_BLIND2_DIR / "reports"])
    if (MULTI_BLIND3_DIR / "gold.jsonl").is_file():        # sixteen reports: every fictional one, the tuning set's too
        out["multi_blind3"] = (load_gold(MULTI_BLIND3_DIR / "gold.jsonl"),
                               [*reports, *(d / "reports" for d in (MULTI_BLIND_DIR, MULTI_BLIND2_DIR, MULTI_BLIND3_DIR,
                                                                    MULTI_TUNE_DIR) if (d / "reports").is_dir())])
    if (MULTI_BLIND4_DIR / "gold.jsonl").is_file():        # twenty-two reports: every fictional one there is
        out["multi_blind4"] = (load_gold(MULTI_BLIND4_DIR / "gold.jsonl"),
                               [*reports, *(d / "reports" for d in (MULTI_BLIND_DIR, MULTI_BLIND2_DIR, MULTI_BLIND3_DIR,
                                                                    MULTI_TUNE_DIR, MULTI_TUNE2_DIR, MULTI_BLIND4_DIR)
                                            if (d / "reports").is_dir())])
    if (MULTI_BLIND5_DIR / "gold.jsonl").is_file():        # twenty-six reports: every fictional one there is
        out["multi_blind5"] = (load_gold(MULTI_BLIND5_DIR / "gold.jsonl"),
                               [*reports, *(d / "reports" for d in (MULTI_BLIND_DIR, MULTI_BLIND2_DIR, MULTI_BLIND3_DIR,
                                                                    MULTI_TUNE_DIR, MULTI_TUNE2_DIR, MULTI_BLIND4_DIR,
                                                                    MULTI_BLIND5_DIR)
                                            if (d / "reports").is_dir())])
    if (MULTI_BLIND6_DIR / "gold.jsonl").is_file():        # thirty-three reports: every fictional one there is
        out["multi_blind6"] = (load_gold(MULTI_BLIND6_DIR / "gold.jsonl"),
                               [*reports, *(d / "reports" for d in FICTIONAL_DIRS if (d / "reports").is_dir())])
    return out


def run_variant(rules_off: tuple[str, ...], system, groups, multi, multi_configs) -> dict[str, Score]:
    out: dict[str, Score] = {}
    with switched_off(*rules_off):
        for name, items in groups.items():
            results = evaluate_system(system, items)
            out[name] = _score([(r.answerable, r.refused, bool(r.correct)) for r in results])
        for name, (items, _) in multi.items():
            results = run_multi(items, multi_configs[name], name)
            out[name] = _score([(it.answerable, r.refused, r.correct) for it, r in zip(items, results, strict=True)])
    return out


def pooled(scores: dict[str, Score], sizes: dict[str, tuple[int, int]], names: list[str]) -> Score:
    """Row-weighted pool of the named groups; sizes: name → (answerable rows, unanswerable rows)."""
    a = sum(sizes[n][0] for n in names)
    u = sum(sizes[n][1] for n in names)
    return Score(a + u, round(sum(scores[n].accuracy * sizes[n][0] for n in names) / a, 3),
                 round(sum(scores[n].true_refusals * sizes[n][1] for n in names) / u, 3),
                 round(sum(scores[n].false_refusals * sizes[n][0] for n in names) / a, 3))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.refusals", description=__doc__.splitlines()[0].split(": ", 1)[1])
    p.add_argument("--rules", nargs="+", choices=[*RULES, *ALLOWANCES], default=[*RULES, *ALLOWANCES])
    p.add_argument("--json", type=Path, default=OUT)
    args = p.parse_args(argv)
    system = build_systems(("hybrid",), Config.from_env())[0]
    groups = guangyuan_groups()
    multi = multi_groups()
    multi_configs = {name: corpus_config(dirs, cache=OUT.parent / ".cache" / f"refusals-{name.split()[0]}")
                     for name, (_, dirs) in multi.items()}
    sizes = {n: (sum(i.answerable for i in items), sum(not i.answerable for i in items)) for n, items in groups.items()}
    sizes |= {n: (sum(i.answerable for i in items), sum(not i.answerable for i in items)) for n, (items, _) in multi.items()}
    never_read = [n for n in groups if not n.startswith("gold")]
    table: dict[str, dict[str, Score]] = {}
    for off in [(), *((r,) for r in args.rules)]:
        label = "every rule on" if not off else f"− {off[0]}"
        print(f"{label} …", file=sys.stderr, flush=True)
        scores = run_variant(off, system, groups, multi, multi_configs)
        scores["never-read pooled"] = pooled(scores, sizes, never_read)
        table[label] = scores
    cols = ["gold dev", "gold test", "never-read pooled", *multi]
    print("Cells: accuracy / true refusals (unanswerable rows refused) / false refusals (answerable rows refused).\n")
    print("| rule switched off | " + " | ".join(cols) + " |")
    print("|---|" + "---|" * len(cols))
    for label, scores in table.items():
        print(f"| {label} | " + " | ".join(scores[c].cell() for c in cols) + " |")
    print("\nEach never-read set (accuracy / true refusals / false refusals):\n")
    print("| rule switched off | " + " | ".join(never_read) + " |")
    print("|---|" + "---|" * len(never_read))
    for label, scores in table.items():
        print(f"| {label} | " + " | ".join(scores[c].cell() for c in never_read) + " |")
    print("\nRules: " + "; ".join(f"{k}: {v}" for k, v in (RULES | ALLOWANCES).items() if k in args.rules))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"sizes": sizes, "table": {k: {g: s.__dict__ for g, s in v.items()} for k, v in table.items()}},
                                    ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"wrote {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
