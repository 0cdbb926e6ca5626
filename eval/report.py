"""What a run leaves behind: markdown tables for stdout, one JSON file and one PNG chart in --out.

The JSON (format "gov-report-qa-eval", version 1) holds the options, the gold file's sha256, the
summary per configuration and split, breakdowns by type and difficulty, and every per-question
result. Chart labels are ASCII so no CJK font is needed.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
from dataclasses import asdict
from pathlib import Path

from .gold import DIFFICULTIES, SPLITS, TYPES
from .harness import EvalRun
from .results import MetricSummary, summarize, summarize_by

JSON_FORMAT = "gov-report-qa-eval"
JSON_VERSION = 1

# (field, header, kind): kind "rate" prints 3 decimals, "num" 1 decimal, "ms" whole milliseconds
MAIN_COLUMNS = (
    ("n", "n", "int"), ("hit1", "hit@1", "rate"), ("hit3", "hit@3", "rate"), ("hit5", "hit@5", "rate"),
    ("mrr", "MRR", "rate"), ("chunk_len", "chunk len", "num"), ("accuracy", "accuracy", "rate"),
    ("cite", "citation", "rate"), ("cite_strict", "cite strict", "rate"), ("faithful", "num faithful", "rate"),
    ("refusal_acc", "refusal acc", "rate"), ("false_refusal", "false refusal", "rate"),
    ("overall", "overall", "rate"), ("p50_ms", "p50 ms", "ms"), ("p95_ms", "p95 ms", "ms"),
)
CHART_METRICS = (("hit1", "hit@1"), ("hit5", "hit@5"), ("mrr", "MRR"), ("accuracy", "accuracy"),
                 ("cite", "citation"), ("faithful", "num faithful"), ("refusal_acc", "refusal acc"),
                 ("false_refusal", "false refusal"), ("overall", "overall"))


def _fmt(value, kind: str) -> str:
    if value is None:
        return "–"
    if kind == "int":
        return str(value)
    if kind == "rate":
        return f"{value:.3f}"
    if kind == "ms":
        return f"{value:.0f}"
    return f"{value:.1f}"


def _table(first_header: str, rows: dict[str, MetricSummary]) -> list[str]:
    head = [first_header] + [h for _, h, _ in MAIN_COLUMNS]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, s in rows.items():
        out.append("| " + " | ".join([name] + [_fmt(getattr(s, f), k) for f, _, k in MAIN_COLUMNS]) + " |")
    return out


def split_summaries(run: EvalRun) -> dict[str, dict[str, MetricSummary]]:
    """split ("all", "dev", "test") → config → summary; only the splits that have rows."""
    configs = list(dict.fromkeys(r.config for r in run.results))
    splits = ["all", *SPLITS] if run.options.split == "all" else [run.options.split]
    out = {}
    for sp in splits:
        rows = {c: summarize(r for r in run.results if r.config == c and (sp == "all" or r.split == sp))
                for c in configs}
        if any(s.n for s in rows.values()):
            out[sp] = rows
    return out


def breakdowns(run: EvalRun) -> dict[str, dict[str, dict[str, MetricSummary]]]:
    """config → "type"/"difficulty" → group → summary."""
    out = {}
    for c in dict.fromkeys(r.config for r in run.results):
        mine = [r for r in run.results if r.config == c]
        out[c] = {"type": summarize_by(mine, lambda r: r.type, TYPES),
                  "difficulty": summarize_by(mine, lambda r: r.difficulty, DIFFICULTIES)}
    return out


def render_markdown(run: EvalRun, detail_config: str = "hybrid") -> str:
    configs = list(dict.fromkeys(r.config for r in run.results))
    lines: list[str] = []
    for sp, rows in split_summaries(run).items():
        n = next(iter(rows.values())).n
        lines += [f"## {sp} split ({n} questions)", "", *_table("config", rows), ""]
    lines += ["Rates in [0, 1]. Retrieval (hit@k, MRR over the top 10, chunk len = mean chars of the top 5), "
              "accuracy, citation (compare rows: every side cited; cite strict: every evidence string cited) "
              "and false refusal are over answerable rows; refusal acc over unanswerable rows; num faithful "
              "and overall (right answer or right refusal) over all rows; p50/p95 = ask() latency, warm.", ""]
    bd = breakdowns(run)
    detail = detail_config if detail_config in bd else configs[0]
    for dim in ("type", "difficulty"):
        lines += [f"## {detail} by {dim}", "", *_table(dim, bd[detail][dim]), ""]
    groups = list(bd[configs[0]]["type"])
    lines += ["## answer score by type, every configuration (accuracy; refusal acc for unanswerable) / hit@5", ""]
    lines.append("| type | " + " | ".join(configs) + " |")
    lines.append("|" + "---|" * (len(configs) + 1))
    for g in groups:
        cells = []
        for c in configs:
            s = bd[c]["type"].get(g)
            score = None if s is None else (s.refusal_acc if g == "unanswerable" else s.accuracy)
            cells.append(f"{_fmt(score, 'rate')} / {_fmt(s.hit5 if s else None, 'rate')}")
        lines.append(f"| {g} | " + " | ".join(cells) + " |")
    lines.append("")
    notes = [f"{c}: {len(ids)} answerable rows have their evidence in no single chunk ({', '.join(ids)})"
             for c, ids in run.unreachable.items() if ids]
    if notes:
        lines += ["Unreachable evidence (retrieval cannot hit these rows):", *[f"- {n}" for n in notes], ""]
    return "\n".join(lines)


def _git_commit() -> str:
    try:                                 # read-only; a missing git or repo just leaves it empty
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=5,
                             cwd=Path(__file__).resolve().parent)
        return out.stdout.strip() if out.returncode == 0 else ""
    except (OSError, subprocess.SubprocessError):
        return ""


def run_to_json(run: EvalRun, created: dt.datetime) -> dict:
    gold_path = Path(run.options.gold)
    return {
        "format": JSON_FORMAT, "version": JSON_VERSION, "created": created.isoformat(timespec="seconds"),
        "git_commit": _git_commit(),
        "options": {"gold": str(gold_path), "gold_sha256": hashlib.sha256(gold_path.read_bytes()).hexdigest(),
                    "configs": list(run.options.configs), "split": run.options.split, "limit": run.options.limit},
        "systems": run.index_info, "seconds": run.seconds,
        "unreachable": {c: list(ids) for c, ids in run.unreachable.items()},
        "summary": {sp: {c: asdict(s) for c, s in rows.items()} for sp, rows in split_summaries(run).items()},
        "breakdown": {c: {dim: {g: asdict(s) for g, s in groups.items()} for dim, groups in dims.items()}
                      for c, dims in breakdowns(run).items()},
        "questions": [asdict(r) for r in run.results],
    }


def write_chart(run: EvalRun, path: Path) -> Path:
    import matplotlib
    matplotlib.use("Agg")                 # no display on this machine
    import matplotlib.pyplot as plt
    import numpy as np

    per_split = split_summaries(run)
    fig, axes = plt.subplots(len(per_split), 1, figsize=(12, 3.6 * len(per_split)), squeeze=False)
    for ax, (sp, rows) in zip(axes[:, 0], per_split.items(), strict=False):
        configs = list(rows)
        x = np.arange(len(CHART_METRICS))
        width = 0.8 / max(1, len(configs))
        for i, c in enumerate(configs):
            vals = [getattr(rows[c], f) for f, _ in CHART_METRICS]
            ax.bar(x + (i - (len(configs) - 1) / 2) * width, [v if v is not None else 0 for v in vals],
                   width, label=c)
        ax.set_xticks(x, [label for _, label in CHART_METRICS])
        ax.set_ylim(0, 1.2)               # headroom so the legend never hides a bar near 1.0
        ax.set_title(f"{sp} split (n={next(iter(rows.values())).n})")
        ax.grid(axis="y", alpha=0.3)
        ax.legend(ncol=len(configs), fontsize=8, loc="upper center")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def write_outputs(run: EvalRun, out_dir: Path, created: dt.datetime | None = None) -> tuple[Path, Path]:
    """eval-<timestamp>.json and .png in out_dir; returns both paths."""
    created = created or dt.datetime.now().astimezone()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"eval-{created:%Y%m%d-%H%M%S}"
    json_path = out_dir / f"{stem}.json"
    tmp = json_path.with_name(json_path.name + ".tmp")
    tmp.write_text(json.dumps(run_to_json(run, created), ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(json_path)
    return json_path, write_chart(run, out_dir / f"{stem}.png")
