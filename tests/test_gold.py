"""The gold set (eval/gold.jsonl) is well-formed, grounded in the real report and split usefully."""
import collections
import json

import pytest

from eval.gold import (
    DEFAULT_GOLD,
    DIFFICULTIES,
    KEYS,
    SPLITS,
    TYPES,
    UNANSWERABLE,
    UNANSWERABLE_ANSWER,
    load_gold,
    split_of,
)


@pytest.fixture(scope="module")
def raw_rows():
    return [json.loads(line) for line in DEFAULT_GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def gold():
    return load_gold(DEFAULT_GOLD)


def test_every_row_has_exactly_the_schema_keys_and_types(raw_rows):
    for row in raw_rows:
        assert set(row) == KEYS | {"region"} and row["region"] == "广元市", row.get("id")
        assert all(isinstance(row[k], str) and row[k].strip() for k in ("id", "question", "answer")), row["id"]
        assert all(isinstance(row[k], list) and all(isinstance(s, str) and s for s in row[k])
                   for k in ("must_contain", "evidence")), row["id"]
        assert row["type"] in TYPES and row["difficulty"] in DIFFICULTIES, row["id"]


def test_ids_are_unique(raw_rows):
    counts = collections.Counter(r["id"] for r in raw_rows)
    assert [i for i, n in counts.items() if n > 1] == []


def test_size_and_mix(gold):
    assert len(gold) >= 150
    assert sum(it.type == UNANSWERABLE for it in gold) >= 15
    assert sum(it.difficulty == "hard" for it in gold) * 2 >= len(gold)


def test_evidence_and_must_contain_are_verbatim_report_text(gold, report_doc):
    text = report_doc.text
    missing = [(it.id, s) for it in gold for s in (*it.evidence, *it.must_contain) if s not in text]
    assert missing == []


def test_evidence_strings_are_10_to_60_chars(gold):
    bad = [(it.id, len(e), e) for it in gold for e in it.evidence if not 10 <= len(e) <= 60]
    assert bad == []


def test_answerable_rows_are_consistent(gold):
    """A correct extractive answer quotes evidence, so each must_contain string must sit inside one of
    the row's evidence strings and in the reference answer; otherwise accuracy and citation disagree."""
    for it in gold:
        if it.type == UNANSWERABLE:
            continue
        assert it.evidence and it.must_contain, it.id
        assert all(any(m in e for e in it.evidence) for m in it.must_contain), it.id
        assert all(m in it.answer for m in it.must_contain), it.id


def test_unanswerable_rows_say_not_mentioned_and_have_no_strings(gold):
    for it in gold:
        if it.type == UNANSWERABLE:
            assert (it.answer, it.must_contain, it.evidence) == (UNANSWERABLE_ANSWER, (), ()), it.id


def test_both_splits_hold_every_type(gold):
    by_split = {sp: {it.type for it in gold if it.split == sp} for sp in SPLITS}
    assert by_split == {sp: set(TYPES) for sp in SPLITS}


def test_split_is_fixed_by_the_id_hash():
    # sha1("a001") starts 0x… even, sha1("a003") odd: pinned so a refactor cannot reshuffle the split
    assert [split_of(i) for i in ("a001", "a002", "a003", "b019", "x")] == ["dev", "dev", "test", "dev", "test"]


def test_a_malformed_gold_file_names_the_line_and_the_fix(tmp_path):
    good = DEFAULT_GOLD.read_text(encoding="utf-8").splitlines()[0]
    row = json.loads(good)
    path = tmp_path / "gold.jsonl"
    path.write_text(good + "\n" + json.dumps({**row, "id": "z1", "type": "forecast"}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    with pytest.raises(ValueError, match=r"gold.jsonl:2: type 'forecast' is not one of target_2024"):
        load_gold(path)
    path.write_text(good + "\n" + good + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="already used on line 1"):
        load_gold(path)
    row.pop("evidence")
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"missing \['evidence'\]"):
        load_gold(path)


HELDOUT = sorted((DEFAULT_GOLD.parent / "heldout").glob("*.jsonl"))


@pytest.mark.parametrize("path", HELDOUT, ids=lambda p: p.name)
def test_every_heldout_set_runs_through_the_harness(path, report_doc):
    """eval/heldout/README.md says any set runs through `python -m eval --gold`: each loads (three
    difficulties, "when" questions, "comparison" read as compare) and its evidence is report text."""
    items = load_gold(path)
    assert {it.type for it in items} <= set(TYPES) | {"when"}
    missing = [(it.id, s) for it in items for s in (*it.evidence, *it.must_contain) if s not in report_doc.text]
    assert missing == []


def test_heldout_sets_are_found():
    assert len(HELDOUT) >= 12


def test_unseen_takes_only_rows_nobody_read():
    """python -m eval.unseen pools the never-read held-out rows: whole sets that were never read and the
    even ids of the sets whose odd ids were read; the tuning sets (blind, blind3, blind7, blind9_en) stay out."""
    from eval.unseen import UNSEEN, unseen_items
    items = unseen_items()
    sets = {u.set for u in items}
    assert sets == {name.removesuffix(".jsonl") for name in UNSEEN}
    assert not sets & {"blind", "blind3", "blind7", "blind9_en"}
    halves = [u.item.id for u in items if UNSEEN[u.set + ".jsonl"] == "even"]
    assert halves and all(int(i[1:]) % 2 == 0 for i in halves)
    assert len([u for u in items if u.set == "blind12"]) == 100
    langs = {(u.set, u.language) for u in items}
    assert ("blind12", "en") in langs and ("blind12", "zh") in langs and ("blind8_en", "zh") not in langs


def test_unseen_pools_by_language():
    from eval.results import QuestionResult
    from eval.unseen import UnseenItem, pooled
    gold = load_gold(DEFAULT_GOLD)[:3]
    items = [UnseenItem("a", "zh", gold[0]), UnseenItem("a", "en", gold[1]), UnseenItem("b", "zh", gold[2])]

    def result(item, hit):
        return QuestionResult(config="hybrid", id=item.id, split="dev", type=item.type, difficulty="easy",
                              question=item.question, answerable=True, answer_text="", refused=False, mode="x",
                              quotes=(), top_chunks=(), evidence_rank=1 if hit else None, hit1=float(hit),
                              hit3=float(hit), hit5=float(hit), rr=float(hit), chunk_len=80.0, correct=hit,
                              cite_ok=hit, cite_strict=hit, faithful=True, unsupported=(), refusal_ok=True,
                              false_refusal=False, overall=hit, latency_ms=1.0)
    out = pooled(items, [result(gold[0], True), result(gold[1], False), result(gold[2], False)])
    assert list(out) == ["a zh", "a en", "b zh", "pooled Chinese", "pooled English", "pooled all"]
    assert (out["pooled Chinese"].hit1, out["pooled English"].hit1, out["pooled all"].n) == (0.5, 0.0, 3)
    with pytest.raises(ValueError, match="3 questions but 2 results"):
        pooled(items, [result(gold[0], True)] * 2)


def test_heldout_manifest_names_every_set_with_its_rows():
    """eval/heldout/manifest.json lists every set in the folder, with its row count, and says which rows
    were never read; python -m eval.unseen reads it (a set missing from it would never be scored)."""
    import json

    from eval.unseen import MANIFEST, read_manifest
    listed = json.loads(MANIFEST.read_text(encoding="utf-8"))["sets"]
    assert {s["file"] for s in listed} == {p.name for p in MANIFEST.parent.glob("*.jsonl")}
    for s in listed:
        assert len(load_gold(MANIFEST.parent / s["file"])) == s["rows"], s["file"]
    assert read_manifest()["blind12.jsonl"] == "all" and "blind7.jsonl" not in read_manifest()
