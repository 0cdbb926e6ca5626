"""`python -m eval.multireport`: questions over a corpus of several reports, scored per kind, with "borrowed".

    python -m eval.multireport                         # eval/multi/gold.jsonl over data/ + eval/multi/reports/
    python -m eval.multireport --also-gold              # + the Guangyuan gold set asked of the same corpus
    python -m eval.multireport --json out.json

The corpus is the real report(s) in data/ beside the fictional reports of eval/multi/reports (copied to a
cache folder, indexed once). A row is right when every must_contain string is in the answer (a refusal on
an unanswerable row); "borrowed" counts answers citing a report other than the one the question names
(the row's `report`, else any report of another region than its `region`). Borrowed must be 0.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from rag.config import ROOT, Config
from rag.types import Answer

from . import metrics as M
from .gold import DEFAULT_GOLD, GoldItem, load_gold

MULTI_DIR = Path(__file__).resolve().parent / "multi"
MULTI_GOLD = MULTI_DIR / "gold.jsonl"
CACHE = Path(__file__).resolve().parent / "results" / ".cache" / "multireport"


@dataclass(frozen=True)
class MultiResult:
    id: str
    set: str
    type: str
    region: str | None
    question: str
    answer: str
    refused: bool
    correct: bool
    borrowed: bool | None        # None: the question names no report or region
    faithful: bool
    cited: tuple[str, ...]       # titles of the cited reports


def corpus_config(data_dirs: list[Path], cache: Path = CACHE) -> Config:
    """A Config over a folder holding every report (and meta.json) of `data_dirs`, indexed in `cache`."""
    data = cache / "data"
    if data.exists():
        shutil.rmtree(data)
    data.mkdir(parents=True)
    for d in data_dirs:
        for f in sorted(Path(d).iterdir()):
            if f.is_file() and not f.name.startswith(".") and f.suffix != ".md":
                shutil.copy2(f, data / f.name)
    return Config(data_dir=data, index_dir=cache / "index")


def names_region(item: GoldItem) -> bool:
    """Whether the question itself names its region (全称, 简称 or pinyin), not only the gold row."""
    if not item.region:
        return False
    from rag.search.scope import short_name
    short = short_name(item.region)
    from pypinyin import lazy_pinyin
    return short in item.question or "".join(lazy_pinyin(short)).lower() in item.question.lower()


def borrowed(item: GoldItem, ans: Answer) -> bool | None:
    """Whether the answer cites a report other than the one the question names (None: it names none)."""
    if not names_region(item):
        return None
    if ans.refused and item.region:
        # a refusal claims no figure: its related wording may be the same region's other year, labelled as such
        # ("…未提及2024年的实际数字。相关表述（…2024年政府工作报告中的2024年目标）"), never another region's
        return any(c.region != item.region for c in ans.citations)
    if item.report and item.type != "compare_years":
        return any(c.doc_title != item.report for c in ans.citations)
    if item.region:
        return any(c.region != item.region for c in ans.citations)
    return None


def score(item: GoldItem, ans: Answer, set_name: str) -> MultiResult:
    correct = ans.refused if not item.answerable else (not ans.refused and M.answer_correct(ans.text, item.must_contain))
    labels = [f"{c.year_scope}年" for c in ans.citations if c.year_scope] + [c.doc_title for c in ans.citations]
    return MultiResult(id=item.id, set=set_name, type=item.type, region=item.region, question=item.question,
                       answer=ans.text, refused=ans.refused, correct=correct, borrowed=borrowed(item, ans),
                       faithful=M.numeric_faithful(ans.text, [c.quote for c in ans.citations], ans.refused, labels),
                       cited=tuple(dict.fromkeys(c.doc_title for c in ans.citations)))


def run(items: list[GoldItem], config: Config, set_name: str) -> list[MultiResult]:
    from rag.answer.ask import ask
    return [score(it, ask(it.question, config=config), set_name) for it in items]


def summary(results: list[MultiResult]) -> dict:
    def rate(flags):
        flags = [f for f in flags if f is not None]
        return round(sum(flags) / len(flags), 3) if flags else None
    return {"n": len(results), "accuracy": rate(r.correct for r in results),
            "borrowed": sum(bool(r.borrowed) for r in results), "borrowed_rows": sum(r.borrowed is not None for r in results),
            "faithful": rate(r.faithful for r in results)}


def table(groups: dict[str, list[MultiResult]]) -> str:
    lines = ["| rows | n | accuracy | borrowed | num faithful |", "|---|---|---|---|---|"]
    def fmt(x):
        return "–" if x is None else f"{x:.3f}"
    for name, rs in groups.items():
        if not rs:          # a corpus without Guangyuan questions has no "naming 广元市" rows
            continue
        s = summary(rs)
        lines.append(f"| {name} | {s['n']} | {fmt(s['accuracy'])} | {s['borrowed']} of {s['borrowed_rows']} | {fmt(s['faithful'])} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.multireport", description=__doc__.splitlines()[0].split(": ", 1)[1])
    p.add_argument("--gold", type=Path, default=MULTI_GOLD)
    p.add_argument("--data", type=Path, nargs="+", default=[ROOT / "data", MULTI_DIR / "reports"],
                   help="folders whose reports make up the corpus (default: data/ and eval/multi/reports/)")
    p.add_argument("--also-gold", action="store_true", help=f"also ask the Guangyuan gold set ({DEFAULT_GOLD.name}) of this corpus")
    p.add_argument("--json", type=Path, help="write every row's result and the summaries here")
    p.add_argument("--store", choices=("faiss", "milvus"), default="faiss", help="the store to search (default: faiss)")
    args = p.parse_args(argv)
    config = corpus_config(args.data)
    config = config.with_(store=args.store, milvus_uri=str(config.index_dir.parent / "milvus.db"))
    results = run(load_gold(args.gold), config, "multi")
    if args.also_gold:
        results += run(load_gold(DEFAULT_GOLD), config, "gold")
    groups: dict[str, list[MultiResult]] = {"multi: all": [r for r in results if r.set == "multi"]}
    for kind in dict.fromkeys(r.type for r in results if r.set == "multi"):
        groups[f"multi: {kind}"] = [r for r in results if r.set == "multi" and r.type == kind]
    groups["multi: naming 广元市"] = [r for r in results if r.set == "multi" and r.region == "广元市"]
    groups["multi: naming a fictional region"] = [r for r in results if r.set == "multi" and r.region not in (None, "广元市")]
    if args.also_gold:
        groups["Guangyuan gold set, in this corpus"] = [r for r in results if r.set == "gold"]
    print(table(groups))
    if args.json:
        args.json.write_text(json.dumps({"summaries": {k: summary(v) for k, v in groups.items()},
                                         "rows": [asdict(r) for r in results]}, ensure_ascii=False, indent=1),
                             encoding="utf-8")
        print(f"wrote {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
