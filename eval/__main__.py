"""`python -m eval`: score bm25, dense, hybrid and the naive LangChain baseline side by side.

    python -m eval                                   # every config, all rows, tables for all/dev/test
    python -m eval --configs hybrid naive --split dev --limit 20
    python -m eval --gold my_gold.jsonl --out /tmp/eval

Tables go to stdout (markdown), progress to stderr; the JSON and PNG land in --out.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rag.errors import RagError

from .configs import CONFIGS, parse_configs
from .gold import DEFAULT_GOLD
from .harness import DEFAULT_OUT, SPLIT_CHOICES, EvalOptions, run_eval
from .report import render_markdown, write_outputs


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m eval", description=__doc__.splitlines()[0].split(": ", 1)[1],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="gold JSONL file (default: %(default)s)")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the JSON and PNG (default: %(default)s)")
    p.add_argument("--configs", nargs="+", default=["all"], metavar="NAME",
                   help=f"configurations to compare: {' '.join(CONFIGS)} or all (comma or space separated)")
    p.add_argument("--split", choices=SPLIT_CHOICES, default="all",
                   help="rows to run: dev, test or all (all also prints dev and test tables)")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="only the first N rows (quick runs)")
    p.add_argument("--detail", default="hybrid", metavar="NAME",
                   help="configuration broken down by type and difficulty (default: %(default)s)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        options = EvalOptions(gold=args.gold, out=args.out, configs=parse_configs(args.configs),
                              split=args.split, limit=args.limit)
        run = run_eval(options)
    except (ValueError, FileNotFoundError, RagError) as e:   # bad option, gold file or corpus: say what to fix
        print(f"python -m eval: {e}", file=sys.stderr)
        return 2
    print(render_markdown(run, detail_config=args.detail))
    json_path, png_path = write_outputs(run, options.out)
    print(f"wrote {json_path}\nwrote {png_path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
