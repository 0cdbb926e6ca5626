"""Eval metrics on small hand-made cases, and the harness end to end on a tiny gold file.

The harness test uses the fake HashEmbedder (no model) over a private copy of the real report:
it checks what the harness reports, not how good the fake embedder is.
"""
import json

import numpy as np
import pytest

from eval import metrics as M
from eval.gold import GoldItem, load_gold
from eval.results import score_question, summarize
from rag.types import Answer, Chunk, Citation, Hit

# ---------------------------------------------------------------- retrieval


def test_a_hit_at_rank_2():
    texts = ["全市地区生产总值增长", "全年地区生产总值增长6.2%，", "其他"]
    rank = M.first_evidence_rank(texts, ["全年地区生产总值增长6.2%"])
    assert rank == 2
    assert (M.hit_at(rank, 1), M.hit_at(rank, 3), M.hit_at(rank, 5), M.reciprocal_rank(rank)) == (0, 1, 1, 0.5)


def test_no_hit_within_the_depth_scores_zero():
    texts = ["无关"] * 10 + ["全年地区生产总值增长6.2%"]
    assert M.first_evidence_rank(texts, ["地区生产总值增长6.2%"]) is None
    assert M.first_evidence_rank(texts, ["地区生产总值增长6.2%"], depth=11) == 11
    assert (M.hit_at(None, 5), M.reciprocal_rank(None)) == (0, 0)


def test_any_evidence_string_counts_and_whitespace_is_ignored():
    texts = ["a", "新（改）建农村公路1874\n公里"]
    assert M.first_evidence_rank(texts, ["不存在的句子", "新（改）建农村公路1874公里"]) == 2


def test_mean_chunk_length_is_over_the_top_5():
    assert M.mean_length(["ab", "abcd", "x" * 6, "", "y" * 8, "z" * 100]) == 4.0
    assert M.mean_length([]) == 0.0


# ---------------------------------------------------------------- answers


def test_accuracy_needs_every_must_contain_string_and_ignores_markers():
    assert M.answer_correct("外商直接投资、货物进出口总额分别增长121.4%、23.2%[1]", ["121.4%", "23.2%"])
    assert not M.answer_correct("外商直接投资增长121.4%[1]", ["121.4%", "23.2%"])
    assert M.answer_correct("增长6[1].2%", ["6.2%"])          # a marker inside a figure does not break it
    assert not M.answer_correct("任何文字", [])                # nothing to check is not a pass


def test_citation_lenient_strict_and_compare():
    quotes = ["城乡居民人均可支配收入分别增长4.3%、7.2%。"]
    evidence = ["城乡居民人均可支配收入分别增长4.3%、7.2%", "全年地区生产总值增长6.2%"]
    assert M.evidence_cited(quotes, evidence, require_all=False)
    assert not M.evidence_cited(quotes, evidence, require_all=True)
    assert M.citation_correct(quotes, evidence, "result_2023")
    assert not M.citation_correct(quotes, evidence, "compare")     # a compare answer must cite both sides
    assert M.citation_correct([*quotes, "全年地区生产总值增长6.2%。"], evidence, "compare")
    assert not M.evidence_cited([], evidence, require_all=False)


def test_a_number_not_in_the_quote_is_unfaithful():
    assert not M.numeric_faithful("地区生产总值增长6.5%[1]", ["全年地区生产总值增长6.2%。"], refused=False)
    assert M.unsupported_numbers("增长6.5%，投资350亿元", ["增长6.2%，投资350亿元"]) == ["6.5%"]


def test_percent_against_a_quote_saying_at_least_passes():
    assert M.numeric_faithful("地区生产总值增长6.2%[1]", ["力争地区生产总值增长6.2%以上。"], refused=False)


def test_marker_digits_are_not_numbers():
    assert M.quantities("增长6.2%[1]；投资下降[12]") == [M.Quantity("6.2", "%")]
    assert M.numeric_faithful("见第一条[3]", ["没有数字的句子"], refused=False)


def test_units_and_number_boundaries_matter():
    quote = ["地区生产总值增长6.2%，比上年提高0.5个百分点，产值350亿元，公路1,874公里"]
    assert M.unsupported_numbers("增长2%", quote) == ["2%"]                     # "2%" is not inside "6.2%"
    assert M.unsupported_numbers("提高0.5%", quote) == ["0.5%"]                # points are not percent
    assert M.unsupported_numbers("产值350万元", quote) == ["350万"]
    assert M.unsupported_numbers("产值350，公路1874公里，增长6.20％", quote) == []   # bare, commas, full-width


def test_a_chinese_comma_is_a_separator_not_a_thousands_comma():
    quote = ["扎实推进为民服务办实事工作，12345政务服务便民热线群众满意率达99.8%。"]
    assert M.numeric_faithful("12345政务服务便民热线群众满意率达99.8%[1]", quote, refused=False)
    assert [str(q) for q in M.quantities("分别为12，345个、1,874公里、12,3456")] == ["12", "345", "1874", "12", "3456"]


def test_refusals_are_faithful_and_year_labels_come_from_citations():
    assert M.numeric_faithful("报告未提及：2025年的目标", [], refused=True)
    text = "2023年：增长6.2%[1]；2024年：增长6.5%左右[2]"
    quotes = ["全年地区生产总值增长6.2%。", "地区生产总值增长6.5%左右。"]
    assert not M.numeric_faithful(text, quotes, refused=False)
    assert M.numeric_faithful(text, quotes, refused=False, labels=["2023年", "2024年"])


def test_refusal_scoring():
    assert M.refusal_correct(refused=True, answerable=False)
    assert not M.refusal_correct(refused=False, answerable=False)
    assert not M.refusal_correct(refused=True, answerable=True)
    assert (M.false_refusal(True, True), M.false_refusal(False, True), M.false_refusal(True, False)) == (True, False, None)


def test_percentile_matches_numpy_and_mean_skips_not_applicable():
    vals = [12.0, 3.0, 7.5, 100.0, 41.0, 8.0]
    for q in (0, 50, 95, 100):
        assert M.percentile(vals, q) == pytest.approx(float(np.percentile(vals, q)))
    assert M.percentile([], 50) is None
    assert M.mean([True, None, False, True]) == pytest.approx(2 / 3)
    assert M.mean([None]) is None
    with pytest.raises(ValueError, match="between 0 and 100"):
        M.percentile(vals, 120)


# ---------------------------------------------------------------- per-question scoring


def _item(id_, type_, evidence=(), must=()):
    return GoldItem(id=id_, question="问题", answer="报告未提及" if type_ == "unanswerable" else "答",
                    must_contain=tuple(must), evidence=tuple(evidence), type=type_, difficulty="hard")


def _hit(text, rank):
    c = Chunk(id=f"c{rank}", doc_id="d", text=text, section=(), year_scope="2023", para_no=0, char_span=(0, len(text)))
    return Hit(chunk=c, score=1.0 / rank, rank=rank)


def test_score_and_summarize_hand_made_results():
    gdp = _item("g1", "result_2023", ["全年地区生产总值增长6.2%"], ["6.2%"])
    hits = [_hit("无关句子", 1), _hit("全年地区生产总值增长6.2%。", 2)]
    cite = Citation(n=1, chunk_id="c2", quote="全年地区生产总值增长6.2%。", section="", doc_title="", score=1.0,
                    year_scope="2023")
    good = score_question("x", gdp, Answer("问题", "全年地区生产总值增长6.2%[1]", [cite], False), hits, 10.0)
    assert (good.evidence_rank, good.hit1, good.hit3, good.rr, good.correct, good.cite_ok, good.faithful) == \
        (2, 0.0, 1.0, 0.5, True, True, True)
    invented = score_question("x", gdp, Answer("问题", "增长6.5%[1]", [cite], False), hits, 20.0)
    assert (invented.correct, invented.faithful, invented.unsupported) == (False, False, ("6.5%",))
    refused = score_question("x", gdp, Answer("问题", "报告未提及", [], True), hits, 30.0)
    assert (refused.correct, refused.cite_ok, refused.faithful, refused.false_refusal) == (False, False, True, True)
    unans = _item("u1", "unanswerable")
    right = score_question("x", unans, Answer("问题", "报告未提及", [], True), hits, 40.0)
    wrong = score_question("x", unans, None, [], 50.0, error="InvalidQuestion: 空")
    assert (right.hit1, right.correct, right.refusal_ok, wrong.refusal_ok, wrong.mode) == (None, None, True, False, "error")

    s = summarize([good, invented, refused, right, wrong])
    assert (s.n, s.n_answerable, s.n_unanswerable, s.errors) == (5, 3, 2, 1)
    assert s.hit1 == 0.0 and s.hit3 == 1.0 and s.mrr == 0.5
    assert s.accuracy == pytest.approx(1 / 3) and s.false_refusal == pytest.approx(1 / 3)
    assert s.refusal_acc == 0.5 and s.faithful == pytest.approx(4 / 5) and s.overall == pytest.approx(2 / 5)
    assert s.p50_ms == 25.0                     # the errored row's latency is left out


# ---------------------------------------------------------------- the harness end to end


@pytest.fixture
def tiny_gold(tmp_path):
    keep = {"a002", "a004", "a005"}                                   # two answerable rows, one unanswerable
    rows = [it for it in load_gold() if it.id in keep]
    assert len(rows) == 3
    path = tmp_path / "tiny.jsonl"
    path.write_text("\n".join(json.dumps({"id": it.id, "question": it.question, "answer": it.answer,
                                          "must_contain": list(it.must_contain), "evidence": list(it.evidence),
                                          "type": it.type, "difficulty": it.difficulty}, ensure_ascii=False)
                              for it in rows) + "\n", encoding="utf-8")
    return path


def test_harness_scores_configs_and_writes_json_and_chart(tmp_config, hash_embedder, tiny_gold, tmp_path):
    from eval.harness import EvalOptions, run_eval
    from eval.report import render_markdown, write_outputs

    out = tmp_path / "results"
    opts = EvalOptions(gold=tiny_gold, out=out, configs=("bm25", "naive"), split="all")
    run = run_eval(opts, config=tmp_config, embedder=hash_embedder, progress=lambda msg: None)
    assert {(r.config, r.id) for r in run.results} == {(c, i) for c in ("bm25", "naive") for i in ("a002", "a004", "a005")}
    by = {(r.config, r.id): r for r in run.results}
    # a002's wording is close to its evidence sentence: keyword retrieval ranks it first
    assert by["bm25", "a002"].evidence_rank == 1
    assert by["naive", "a004"].refused is False                       # the baseline never refuses
    assert all(len(r.quotes) == 1 for r in run.results if r.config == "naive")
    assert run.index_info["naive"]["chunks"] == 51                    # 500/50 splitter on the real report

    md = render_markdown(run)
    assert "| bm25 | 3 |" in md and "| naive | 3 |" in md and "## bm25 by type" in md
    json_path, png_path = write_outputs(run, out)
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data["summary"]["all"]["bm25"]["n"] == 3 and len(data["questions"]) == 6
    assert set(data["summary"]) <= {"all", "dev", "test"} and "dev" in data["summary"]
    q = next(q for q in data["questions"] if q["config"] == "bm25" and q["id"] == "a002")
    assert q["evidence_rank"] == 1 and q["hit1"] == 1.0
    assert png_path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert list(out.glob(".cache/naive-vectors-*.npy"))               # the baseline's vectors are cached


def test_cli_rejects_unknown_configs_and_splits(capsys, tmp_path):
    from eval.__main__ import main
    assert main(["--configs", "bm25,rerank", "--out", str(tmp_path)]) == 2
    assert "unknown configuration(s) rerank" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--split", "train"])
    assert main(["--gold", str(tmp_path / "nope.jsonl"), "--out", str(tmp_path)]) == 2
    assert "not found" in capsys.readouterr().err
