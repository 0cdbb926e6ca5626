"""The gold Q&A set: one frozen GoldItem per JSONL row, loaded with checks, and the fixed dev/test split.

A row is `{"id","question","answer","must_contain":[str],"evidence":[str],"type","difficulty"}`.
`evidence` strings are verbatim report text (a retrieved chunk "hits" when it contains one);
`must_contain` strings must all appear in a correct answer. Unanswerable rows have answer
"报告未提及" and both lists empty.

The split is fixed by a hash of the id, never by file order, so adding rows never moves old ones:
sha1(id) first byte even → "dev" (tune on it), odd → "test" (report on it).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

DEFAULT_GOLD = Path(__file__).resolve().parent / "gold.jsonl"
KEYS = frozenset({"id", "question", "answer", "must_contain", "evidence", "type", "difficulty"})
# a corpus of several reports: the region the question is about, the delivery year and title of the report
# its answer must cite (null where the question names none); the multi-report set (eval/multi) has them
OPTIONAL_KEYS = frozenset({"region", "year", "report"})
TYPES = ("target_2024", "result_2023", "list", "definition", "compare", "unanswerable")
# the held-out sets (eval/heldout) also ask for dates ("when") and some spell "compare" out; the gold
# set keeps to TYPES, and every split of it has each of them (tests/test_gold.py)
HELDOUT_TYPES = ("when",)
# eval/multi: a figure of the review or the plan of any year, a target beside the next report's result,
# a question naming no region (answered per report)
MULTI_TYPES = ("result", "target", "compare_years", "no_region")
TYPE_ALIASES = {"comparison": "compare"}
DIFFICULTIES = ("easy", "medium", "hard")
SPLITS = ("dev", "test")
UNANSWERABLE = "unanswerable"
UNANSWERABLE_ANSWER = "报告未提及"


def split_of(item_id: str) -> str:
    """"dev" when the first byte of sha1(id) is even, else "test" (stable across files and runs)."""
    return "dev" if hashlib.sha1(item_id.encode("utf-8")).digest()[0] % 2 == 0 else "test"


@dataclass(frozen=True)
class GoldItem:
    id: str
    question: str
    answer: str
    must_contain: tuple[str, ...]
    evidence: tuple[str, ...]
    type: str
    difficulty: str
    region: str | None = None
    year: int | None = None
    report: str | None = None

    @property
    def answerable(self) -> bool:
        return self.type != UNANSWERABLE

    @property
    def split(self) -> str:
        return split_of(self.id)


def parse_row(row: object, where: str = "row") -> GoldItem:
    """One GoldItem from a decoded JSON row; ValueError naming the row and the fix otherwise."""
    if not isinstance(row, dict):
        raise ValueError(f"{where}: expected a JSON object, got {type(row).__name__}")
    keys = set(row)
    if not KEYS <= keys <= KEYS | OPTIONAL_KEYS:
        missing, extra = sorted(KEYS - keys), sorted(keys - KEYS - OPTIONAL_KEYS)
        raise ValueError(f"{where}: keys must be {sorted(KEYS)}, optionally {sorted(OPTIONAL_KEYS)}"
                         + (f"; missing {missing}" if missing else "") + (f"; unexpected {extra}" if extra else ""))
    for key in ("id", "question", "answer", "type", "difficulty"):
        if not isinstance(row[key], str) or not row[key].strip():
            raise ValueError(f"{where}: {key!r} must be a non-empty string, got {row[key]!r}")
    for key in ("must_contain", "evidence"):
        if not isinstance(row[key], list) or not all(isinstance(s, str) and s for s in row[key]):
            raise ValueError(f"{where}: {key!r} must be a list of non-empty strings, got {row[key]!r}")
    kind = TYPE_ALIASES.get(row["type"], row["type"])
    if kind not in TYPES + HELDOUT_TYPES + MULTI_TYPES:
        raise ValueError(f"{where}: type {row['type']!r} is not one of {', '.join(TYPES + HELDOUT_TYPES + MULTI_TYPES)}")
    for key, kind_of in (("region", str), ("report", str), ("year", int)):
        if row.get(key) is not None and not isinstance(row[key], kind_of):
            raise ValueError(f"{where}: {key!r} must be {kind_of.__name__} or null, got {row[key]!r}")
    if row["difficulty"] not in DIFFICULTIES:
        raise ValueError(f"{where}: difficulty {row['difficulty']!r} is not one of {', '.join(DIFFICULTIES)}")
    return GoldItem(id=row["id"], question=row["question"], answer=row["answer"],
                    must_contain=tuple(row["must_contain"]), evidence=tuple(row["evidence"]),
                    type=kind, difficulty=row["difficulty"], region=row.get("region"), year=row.get("year"),
                    report=row.get("report"))


def load_gold(path: str | Path = DEFAULT_GOLD) -> list[GoldItem]:
    """Every row of a gold JSONL file (blank lines skipped); ValueError on a bad row or a repeated id."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"gold file {path} not found: pass --gold with a JSONL file in the gold schema")
    items: list[GoldItem] = []
    seen: dict[str, int] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path.name}:{n}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise ValueError(f"{where}: not valid JSON ({e.msg}); each line must be one JSON object") from e
        item = parse_row(row, where)
        if item.id in seen:
            raise ValueError(f"{where}: id {item.id!r} already used on line {seen[item.id]}; ids must be unique")
        seen[item.id] = n
        items.append(item)
    if not items:
        raise ValueError(f"gold file {path} has no rows")
    return items
