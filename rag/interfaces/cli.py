"""The `rag` command: build the index, ask a question, serve the chat UI.

This is one of the two places (with app.py) that turns RagError into a message for people.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
import time

from rag.config import Config
from rag.errors import RagError


def _cmd_build(args) -> int:
    from rag.store.faiss_store import build_index
    t0 = time.perf_counter()
    idx = build_index(Config.from_env())
    m = idx.manifest
    print(f"built {idx.path}: {m['counts']['documents']} document(s), {m['counts']['chunks']} chunks, "
          f"embedder {m['embedder']}, {time.perf_counter() - t0:.1f}s")
    return 0


def _cmd_ask(args) -> int:
    from rag.answer.ask import ask
    ans = ask(args.question, k=args.k, reports=args.report or None)
    if args.json:
        print(json.dumps(ans.to_dict(), ensure_ascii=False, indent=1))
        return 0
    print(ans.text)
    if ans.note:
        print(f"（{ans.note}）")
    for c in ans.citations:
        print(f"\n[{c.n}] {c.quote}\n    {c.doc_title} · {c.section}")     # the title names region and year
    return 0


def _cmd_reports(args) -> int:
    from rag.indicators.table import display_width
    from rag.search.retrieval import default_retriever
    retriever = default_retriever(Config.from_env())
    rows = [(r.title, r.region or "?", r.level or "?", str(r.year or "?"), str(r.chars), str(r.chunks), r.source)
            for r in retriever.reports]
    if args.json:
        from dataclasses import asdict
        print(json.dumps([asdict(r) for r in retriever.reports], ensure_ascii=False, indent=1))
        return 0
    head = ("title", "region", "level", "year", "chars", "chunks", "file")
    widths = [max(display_width(x) for x in col) for col in zip(head, *rows, strict=False)]
    for row in (head, *rows):
        print("  ".join(x + " " * (w - display_width(x)) for x, w in zip(row, widths, strict=True)).rstrip())
    unknown = [r.source for r in retriever.reports if not r.region or not r.year]
    if unknown:
        print(f"\n{len(unknown)} report(s) without a region or year: add <name>.meta.json beside "
              f'{", ".join(unknown)} with {{"title": …, "region": …, "year": …}}', file=sys.stderr)
    return 0


def _print_change(change) -> int:
    for title in change.added:
        print(f"added {title}")
    for title in change.removed:
        print(f"removed {title}")
    for name, why in change.skipped:
        print(f"skipped {name}: {why}", file=sys.stderr)
    if change.index is not None:
        m = change.index.manifest
        print(f"index: {m['counts']['documents']} report(s), {m['counts']['chunks']} chunks ({change.seconds:.1f}s)")
    return 0 if (change.added or change.removed) else 1


def _cmd_add(args) -> int:
    from pathlib import Path

    from rag.search.retrieval import reset_cache
    from rag.store.updates import add_reports
    change = add_reports(Config.from_env(), [Path(f) for f in args.files], progress=None)
    reset_cache()
    return _print_change(change)


def _cmd_remove(args) -> int:
    from rag.search.retrieval import reset_cache
    from rag.store.updates import remove_reports
    change = remove_reports(Config.from_env(), args.reports)
    reset_cache()
    return _print_change(change)


def _cmd_serve(args) -> int:
    from rag.interfaces.app import main as serve_main
    serve_main(["--host", args.host, "--port", str(args.port)])
    return 0


def _cmd_indicators(args) -> int:
    from rag.indicators.table import (
        Indicator,
        IndicatorPair,
        compare,
        format_outcomes,
        format_pairs,
        format_table,
        indicators,
        outcomes,
        to_csv,
        to_json,
    )
    if (args.pairs or args.outcomes) and args.kind:
        print("rag: --kind does not apply to --pairs/--outcomes (a pair is one result and one target)", file=sys.stderr)
        return 2
    if args.pairs and args.outcomes:
        print("rag: choose --pairs or --outcomes", file=sys.stderr)
        return 2
    config = Config.from_env()
    args.pairs = args.pairs or args.outcomes
    pairs = (outcomes(config) if args.outcomes else compare(config)) if args.pairs else []
    rows = [] if args.pairs else [r for r in indicators(config)
                                  if (not args.kind or r.kind == args.kind) and (not args.report or args.report in
                                                                                 (r.doc_id, r.doc_title, r.region))]
    table: list[Indicator] | list[IndicatorPair] = pairs if args.pairs else rows
    if args.csv:
        print(f"wrote {len(table)} {'pairs' if args.pairs else 'rows'} to {to_csv(table, args.csv)}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            f.write(to_json(table))
        print(f"wrote {len(table)} {'pairs' if args.pairs else 'rows'} to {args.json}")
    if not (args.csv or args.json):
        try:
            shown = format_outcomes(pairs) if args.outcomes else format_pairs(pairs) if args.pairs else format_table(rows)
            print(shown, flush=True)
        except BrokenPipeError:           # `rag indicators | head`: the reader stopped early
            import os
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="rag", description="政府工作报告问答: cited answers from government work reports")
    p.add_argument("-v", "--verbose", action="store_true", help="show progress and debug logging")
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build (or rebuild) the index from the data folder")
    b.set_defaults(func=_cmd_build)
    a = sub.add_parser("ask", help="answer one question with numbered citations")
    a.add_argument("question")
    a.add_argument("-k", type=int, default=5, help="passages to retrieve (default 5)")
    a.add_argument("--json", action="store_true", help="print the Answer as JSON")
    a.add_argument("-r", "--report", action="append", metavar="REPORT",
                   help="only this report (id, title or region, as `rag reports` lists them); repeatable")
    a.set_defaults(func=_cmd_ask)
    ad = sub.add_parser("add", help="add report files (.txt .md .pdf .docx .html, with a <name>.meta.json beside "
                                    "them if any) to the corpus; only they are embedded")
    ad.add_argument("files", nargs="+", metavar="FILE")
    ad.set_defaults(func=_cmd_add)
    rm = sub.add_parser("remove", help="remove reports (file stem or title) from the corpus")
    rm.add_argument("reports", nargs="+", metavar="REPORT")
    rm.set_defaults(func=_cmd_remove)
    rp = sub.add_parser("reports", help="list the reports of the corpus: title, region, level, year, size")
    rp.add_argument("--json", action="store_true", help="print them as JSON")
    rp.set_defaults(func=_cmd_reports)
    ind = sub.add_parser("indicators", help="every number in the report as a cited table (指标一览)")
    ind.add_argument("--csv", metavar="FILE", help="write the table as CSV (UTF-8 with BOM, opens in Excel)")
    ind.add_argument("--json", metavar="FILE", help="write the table as JSON")
    ind.add_argument("--kind", choices=("target", "result", "other"), help="only targets, results or other numbers")
    ind.add_argument("--pairs", action="store_true", help="a report's result beside its target for the same indicator")
    ind.add_argument("--outcomes", action="store_true",
                     help="目标 vs 实绩: a year's target beside the next report's result for it (same region)")
    ind.add_argument("--report", metavar="REPORT", help="only this report's rows (id, title or region)")
    ind.set_defaults(func=_cmd_indicators)
    s = sub.add_parser("serve", help="start the chat UI (same as python app.py)")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=7860)
    s.set_defaults(func=_cmd_serve)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="rag: %(levelname)s: %(message)s")
    for noisy in ("faiss", "bm25s", "jieba", "httpx", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        return args.func(args)
    except RagError as e:
        print(f"rag: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
