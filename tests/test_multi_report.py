"""A corpus of several reports: the real Guangyuan report beside three fictional ones (eval/multi/reports,
test fixtures whose first line says they are invented). Every answer comes from the report the question
means, names it, and never borrows another region's figure."""
from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest

from rag.answer.rules import switched_off
from rag.config import ROOT, Config
from rag.corpus.ingest import load_document
from rag.corpus.reports import report_info
from rag.types import Answer
from tests.conftest import REPORT, rule_decides

MULTI = ROOT / "eval" / "multi"
FIXTURES = sorted((MULTI / "reports").glob("*.txt"))
GOLD = [json.loads(line) for line in (MULTI / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def multi_data(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("multi") / "data"
    data.mkdir()
    for f in [REPORT, REPORT.with_suffix(".meta.json"), *(MULTI / "reports").iterdir()]:
        shutil.copy2(f, data / f.name)
    return data


@pytest.fixture(scope="session", params=["faiss", "milvus"])
def multi_config(request, multi_data) -> Config:
    """Guangyuan's report and the three fictional ones, indexed once per store with the default embedder:
    every test below runs on the FAISS index folder and on Milvus (Lite), offline."""
    if request.param == "milvus":
        pytest.importorskip("pymilvus", reason="the Milvus store needs: pip install -e '.[milvus]'")
    # one index_dir for both: Milvus takes the FAISS build's embeddings from the shared cache
    return Config(data_dir=multi_data, index_dir=multi_data.parent / "index", store=request.param,
                  milvus_uri=str(multi_data.parent / "milvus.db"))


def ask(question: str, config: Config) -> Answer:
    from rag import ask as rag_ask
    return rag_ask(question, config=config)


# ---------------------------------------------------------------- reports and their layouts

def test_the_fixtures_say_they_are_fictional():
    for f in FIXTURES:
        first = f.read_text(encoding="utf-8").splitlines()[0]
        assert "虚构" in first and "测试" in first, f.name


@pytest.mark.parametrize("name, region, level, year", [
    ("hezhu_2024", "鹤渚市", "市", 2024), ("hezhu_2025", "鹤渚市", "市", 2025), ("yunlan_2025", "云岚省", "省", 2025)])
def test_report_metadata_from_meta_json(name, region, level, year):
    doc = load_document(MULTI / "reports" / f"{name}.txt")
    assert (doc.region, doc.level, doc.year, doc.title) == (region, level, year, f"{region}{year}年政府工作报告")


def test_report_metadata_read_from_the_text_when_there_is_no_meta(tmp_path):
    body = "各位代表：\n\n一、2024年工作回顾\n\n这一年，我们稳住了经济。"
    titled = tmp_path / "a.txt"
    titled.write_text("澄溪市2025年政府工作报告\n\n——2025年1月9日在澄溪市第五届人民代表大会第三次会议上\n\n" + body, encoding="utf-8")
    info = report_info(titled, titled.read_text(encoding="utf-8"))
    assert (info.region, info.level, info.year, info.title, info.missing) == ("澄溪市", "市", 2025, "澄溪市2025年政府工作报告", ())
    congress = "——2025年1月9日在凉山彝族自治州第十一届人民代表大会第五次会议上\n\n" + body
    assert report_info(tmp_path / "b.txt", congress).region == "凉山彝族自治州"
    national = "政府工作报告\n——2025年3月5日在第十四届全国人民代表大会第三次会议上\n" + body
    assert (report_info(tmp_path / "c.txt", national).region, report_info(tmp_path / "c.txt", national).level) == ("全国", "国家")
    # only the review heading: delivered the year after it
    assert report_info(tmp_path / "report.txt", body).year == 2025


def test_a_report_whose_region_cannot_be_told_is_loaded_with_a_warning_naming_the_file(tmp_path, caplog):
    path = tmp_path / "untitled.txt"
    path.write_text("各位代表：\n\n一、2024年工作回顾\n\n这一年，我们稳住了经济，地区生产总值增长5%。", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        doc = load_document(path)
    assert doc.year == 2025 and doc.region == ""
    assert "untitled.txt" in caplog.text and "region" in caplog.text and "untitled.meta.json" in caplog.text


def test_other_layouts_get_their_year_scopes():
    """"　　一、2024年工作回顾" (indented, numbered), "（一）经济实力实现新跃升" heading lines, "二、2025年主要预期目标",
    "1./2." points, "——这一年，…" paragraphs: each paragraph knows which year it speaks of."""
    h25 = load_document(MULTI / "reports" / "hezhu_2025.txt")
    by_text = {p.text[:12]: p for p in h25.paragraphs}
    gdp = next(p for p in h25.paragraphs if p.text.startswith("全年地区生产总值达到"))
    assert gdp.year_scope == "2024" and gdp.section[:2] == ("一、2024年工作回顾", "（一）经济实力实现新跃升")
    targets = next(p for p in h25.paragraphs if p.text.startswith("全市经济社会发展主要预期目标是"))
    assert targets.year_scope == "2025" and targets.section[0] == "二、2025年主要预期目标"
    point = next(p for p in h25.paragraphs if p.text.startswith("1.扩大有效投资"))
    assert point.year_scope == "2025" and point.section[-1] == "1.扩大有效投资"
    assert by_text["（一）经济实力实现新跃升"[:12]].is_heading
    yunlan = load_document(MULTI / "reports" / "yunlan_2025.txt")
    dashes = [p for p in yunlan.paragraphs if p.text.startswith("——这一年")]
    assert len(dashes) >= 5 and {p.year_scope for p in dashes} == {"2024"}
    assert {p.year_scope for p in yunlan.paragraphs if p.section and p.section[0] == "二、2025年工作安排"} == {"2025"}


# ---------------------------------------------------------------- whose report answers

NAMING = [r for r in GOLD if r["region"] and r["type"] not in ("no_region",)
          and (r["region"][:-1] in r["question"] or r["region"] in r["question"])]


@pytest.mark.parametrize("row", NAMING, ids=[r["id"] for r in NAMING])
def test_a_question_naming_a_region_never_cites_another_regions_report(row, multi_config):
    ans = ask(row["question"], multi_config)
    assert all(c.region == row["region"] for c in ans.citations), (ans.text, [c.doc_title for c in ans.citations])


def test_every_citation_names_its_report(multi_config):
    ans = ask("鹤渚2024年地方一般公共预算收入完成了多少？", multi_config)
    assert not ans.refused and "43.89亿元" in ans.text
    c = ans.citations[0]
    assert (c.doc_title, c.region, c.report_year) == ("鹤渚市2025年政府工作报告", "鹤渚市", 2025)
    assert "鹤渚市2025年政府工作报告" in ans.to_markdown()


def test_a_region_whose_reports_are_silent_is_refused_naming_them(multi_config):
    ans = ask("云岚省2025年铝基新材料产业产值目标是多少？", multi_config)
    assert ans.refused and ans.text.startswith("云岚省2025年政府工作报告未提及")
    assert "350亿元" not in ans.text and "220亿元" not in ans.text


@pytest.mark.parametrize("question, figure, other", [
    ("广元去年GDP增长多少", "6.2%", "5.7%"),            # 去年 of Guangyuan's newest report: 2023
    ("鹤渚去年GDP增长多少", "5.7%", "6.2%"),            # 去年 of 鹤渚's newest report (2025): 2024
    ("鹤渚今年地区生产总值增长目标是多少", "5.5%左右", "6%左右"),
    ("在鹤渚市2024年政府工作报告中，去年固定资产投资增长了多少？", "3.1%", "4.6%"),
    # the report named in other words: "Y年的报告里", and in English
    ("鹤渚2024年的报告里，去年固定资产投资增长了多少？", "3.1%", "4.6%"),
    ("According to Hezhu's 2024 government work report, how much did fixed-asset investment grow last year?", "3.1%", "4.6%"),
])
def test_relative_years_are_read_against_the_newest_report_of_the_region(question, figure, other, multi_config):
    ans = ask(question, multi_config)
    assert figure in ans.text and other not in ans.text, ans.text


@pytest.mark.parametrize("question,target,result", [
    ("鹤渚市2024年地区生产总值增长目标是多少，实际完成了多少？", "6%左右", "5.7%"),
    # "对比" asks target beside result here, not 去年 beside 今年 inside each report
    ("对比鹤渚2024年社零增长的目标和实际", "7.5%以上", "6.3%"),
])
def test_a_target_beside_the_next_reports_result(question, target, result, multi_config):
    ans = ask(question, multi_config)
    assert target in ans.text and result in ans.text and "去年" not in ans.text, ans.text
    assert [c.doc_title for c in ans.citations] == ["鹤渚市2024年政府工作报告", "鹤渚市2025年政府工作报告"]


def test_a_question_naming_no_region_is_answered_per_report_each_led_by_its_region(multi_config):
    ans = ask("地方一般公共预算收入是多少？", multi_config)
    for figure in ("68.12亿元", "41.37亿元", "43.89亿元", "2187.6亿元"):
        assert figure in ans.text, ans.text
    for clause in ans.text.split("；"):
        region = clause.split("（", 1)[0]
        n = int(clause.rsplit("[", 1)[1].rstrip("]"))
        assert ans.citations[n - 1].region == region, clause


def test_a_name_only_one_region_has_scopes_the_question_to_it(multi_config):
    ans = ask("霁川至溯阳高速铁路是哪天建成通车的？", multi_config)
    assert "12月26日" in ans.text and {c.region for c in ans.citations} == {"云岚省"}


def test_guangyuan_answers_do_not_change_when_other_reports_join(multi_config, default_config):
    """Each report keeps its own keyword statistics and its own scope: a question naming 广元 gets the
    same answer over the four reports as over Guangyuan's alone."""
    gold = [json.loads(line) for line in (ROOT / "eval" / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    naming = [r["question"] for r in gold if "广元" in r["question"]]
    assert len(naming) >= 10
    for q in naming:
        alone, among = ask(q, default_config), ask(q, multi_config)
        assert among.text.replace("广元市2024年政府工作报告未提及", "报告未提及") == alone.text, q


def test_the_multi_report_set_scores_at_least_0_90_with_nothing_borrowed(multi_config):
    from eval.gold import load_gold
    from eval.multireport import MULTI_GOLD, run, summary
    s = summary(run(load_gold(MULTI_GOLD), multi_config, "multi"))
    assert s["accuracy"] >= 0.90 and s["borrowed"] == 0 and s["faithful"] == 1.0, s


# ---------------------------------------------------------------- the store filters in the engine

def test_store_searches_return_only_the_reports_asked(multi_config):
    from rag.search.retrieval import default_retriever
    r = default_retriever(multi_config)
    store = r.index
    ids = {"hezhu_2024"}
    rows = store.keyword_search(r.tokenize("地区生产总值 增长"), 50, ids)
    assert rows and all(store.chunks[i].doc_id in ids for i, _ in rows)
    vector = r._query_vector("地区生产总值增长多少")
    dense = store.dense_search(vector, 50, ids)
    assert dense and all(store.chunks[i].doc_id in ids for i, _ in dense)
    assert {store.chunks[i].doc_id for i, _ in store.dense_search(vector, 600)} >= {"hezhu_2024", "yunlan_2025"}


def test_asking_chosen_reports_only(multi_config):
    from rag import ask as rag_ask
    from rag.errors import InvalidQuestion
    ans = rag_ask("地方一般公共预算收入是多少？", config=multi_config, reports=["hezhu_2025"])
    assert "43.89亿元" in ans.text and {c.doc_title for c in ans.citations} == {"鹤渚市2025年政府工作报告"}
    assert "68.12亿元" not in ans.text
    by_region = rag_ask("地方一般公共预算收入是多少？", config=multi_config, reports=["云岚"])
    assert {c.region for c in by_region.citations} == {"云岚省"}
    with pytest.raises(InvalidQuestion, match="no report '深圳'"):
        rag_ask("GDP", config=multi_config, reports=["深圳"])


def test_retrieve_keeps_to_the_region_the_question_names(multi_config):
    from rag import retrieve
    hits = retrieve("鹤渚去年地区生产总值增长多少", k=8, config=multi_config)
    assert hits and {h.chunk.region for h in hits} == {"鹤渚市"}


def test_rag_reports_and_outcomes_from_the_command_line(multi_config, monkeypatch, capsys):
    from rag.interfaces.cli import main
    monkeypatch.setenv("RAG_DATA_DIR", str(multi_config.data_dir))
    monkeypatch.setenv("RAG_INDEX_DIR", str(multi_config.index_dir))
    monkeypatch.setenv("RAG_STORE", multi_config.store)
    monkeypatch.setenv("RAG_MILVUS_URI", multi_config.milvus_uri)
    assert main(["reports"]) == 0
    out = capsys.readouterr().out
    for title in ("广元市2024年政府工作报告", "鹤渚市2024年政府工作报告", "鹤渚市2025年政府工作报告", "云岚省2025年政府工作报告"):
        assert title in out
    assert main(["indicators", "--outcomes"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "地区生产总值增长" in x)
    assert line.startswith("鹤渚市") and "6%（左右）" in line and "5.7%" in line


def test_indicator_rows_name_their_region_and_report_year(multi_config):
    import rag
    rows = rag.indicators(multi_config)
    assert {(r.region, r.report_year) for r in rows} >= {("广元市", 2024), ("鹤渚市", 2024), ("鹤渚市", 2025), ("云岚省", 2025)}
    pairs = rag.indicators.outcomes(multi_config)
    assert pairs and all(p.target.region == p.result.region and p.result.report_year == p.target.report_year + 1
                         for p in pairs)


@pytest.mark.parametrize("question, first, count", [
    # the clause counting the six sections first (outline.counted_lead), cited too
    ("鹤渚市2024年政府工作报告提出重点做好哪六个方面工作？", "重点做好六个方面工作[1]：一、聚焦项目投资", 7),
    ("鹤渚市2025年政府工作报告说实现目标必须把握好哪三点？", "1.坚持以进促稳", 3),
    # the heading it names, not the points around the best chunk
    ("鹤渚2025年重点工作有哪些？", "（一）全力扩大有效需求", 6),
    ("鹤渚2024年工作回顾分几个部分？", "（一）经济实力实现新跃升", 6),
    # no topic named: this year's work areas
    ("鹤渚今年主要抓哪几方面工作？", "（一）全力扩大有效需求", 6),
])
def test_outline_questions_list_the_items_of_the_report_named(question, first, count, multi_config):
    ans = ask(question, multi_config)
    assert len(ans.citations) == count and ans.text.startswith(first), ans.text
    assert {c.region for c in ans.citations} == {"鹤渚市"}


def test_an_explicit_year_is_answered_by_its_two_reports_only():
    # report Y plans year Y, report Y+1 reviews it: a refusal there is the answer, not another year's figure
    from rag.search.scope import region_scope
    from rag.types import Report
    reports = [Report(id=f"q{y}", title=f"峤溪市{y}年政府工作报告", region="峤溪市", level="市", year=y)
               for y in (2024, 2025, 2026)]
    rs = region_scope("峤溪市", reports, "峤溪市2024年地区生产总值增长多少")
    assert [tuple(r.year for r in a) for a in rs.attempts] == [(2025,), (2024,)]


@pytest.mark.parametrize("region,short,alias", [
    ("恩施土家族苗族自治州", "恩施", "恩施州"), ("凉山彝族自治州", "凉山", "凉山州"), ("长阳土家族自治县", "长阳", "长阳县"),
    ("新疆维吾尔自治区", "新疆", None), ("广西壮族自治区", "广西", None), ("内蒙古自治区", "内蒙古", None),
    ("广元市", "广元", None)])
def test_an_autonomous_region_is_named_without_its_peoples(region, short, alias):
    from rag.search.scope import aliases, named_regions, short_name
    from rag.types import Report
    assert short_name(region) == short
    reports = [Report(id="r", title=f"{region}2025年政府工作报告", region=region, level="市", year=2025),
               Report(id="o", title="广元市2024年政府工作报告", region="广元市", level="市", year=2024)]
    assert (alias in dict(aliases(reports))) == bool(alias)
    for name in filter(None, (alias, short)):
        assert named_regions(f"{name}2024年地区生产总值是多少", reports)[0] == (region,)


MULTI_SETS = ["multi", "multi_blind", "multi_blind2", "multi_blind3", "multi_blind4", "multi_blind5", "multi_blind6", "multi_tune",
              "multi_tune2", "multi_tune3", "multi_tune4", "multi_tune5"]


@pytest.mark.parametrize("folder", MULTI_SETS)
def test_every_multi_report_set_quotes_its_reports_verbatim(folder):
    """Each multi-report set (eval/multi and multi_tune to multi_tune5 are read; multi_blind to multi_blind6 are
    never read, scored in aggregate only) loads through the harness, its fictional reports say so on their first line, and every
    evidence string stands in the report its row names (for compare_years either of the region's reports,
    for a question naming no region any report)."""
    from eval.gold import UNANSWERABLE, load_gold
    root = ROOT / "eval" / folder
    texts = {json.loads(REPORT.with_suffix(".meta.json").read_text(encoding="utf-8"))["title"]: REPORT.read_text(encoding="utf-8")}
    for f in sorted((root / "reports").glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        assert text.splitlines()[0].startswith("（本文为虚构的测试样例"), f.name
        texts[json.loads(f.with_suffix(".meta.json").read_text(encoding="utf-8"))["title"]] = text
    for other in MULTI_SETS:      # other sets' reports may be asked too
        for f in sorted((ROOT / "eval" / other / "reports").glob("*.txt")):
            texts.setdefault(json.loads(f.with_suffix(".meta.json").read_text(encoding="utf-8"))["title"],
                             f.read_text(encoding="utf-8"))
    items = load_gold(root / "gold.jsonl")
    assert len(items) >= 50
    for it in items:
        if it.type == UNANSWERABLE:
            assert not it.evidence and not it.must_contain, it.id
            continue
        pool = [t for title, t in texts.items()
                if (title == it.report if it.report else (it.region or "") in title)]    # no_region: any report
        assert pool, it.id
        for ev in it.evidence:
            assert any(ev in t for t in pool), it.id
        for m in it.must_contain:
            assert any(m in ev for ev in it.evidence), it.id


def test_a_years_outcome_is_not_answered_by_that_years_plan(multi_config):
    """"云岚省2025年地区生产总值增长了多少": only the 2025 report (its plan) is in the corpus; its target is offered as
    related wording under a refusal, never as the outcome (scope.plan_is_no_outcome)."""
    ans = ask("云岚省2025年地区生产总值增长了多少？", multi_config)
    assert ans.refused and "2025年目标" in ans.text and "5.3%左右" in ans.text, ans.text
    assert [c.doc_title for c in ans.citations] == ["云岚省2025年政府工作报告"]
    ans = ask("云岚省2025年地区生产总值增长目标是多少？", multi_config)
    assert not ans.refused and "5.3%左右" in ans.text, ans.text
    ans = ask("鹤渚2024年地区生产总值实际增长了多少？", multi_config)
    assert not ans.refused and "5.7%" in ans.text and ans.citations[0].doc_title == "鹤渚市2025年政府工作报告"


@pytest.mark.parametrize("question,wrong", [
    ("鹤渚港2023年货物吞吐量增长了多少？", "31.6万人次"),        # the airport's passengers, not the port's cargo
])
def test_a_figure_of_another_side_is_no_answer(question, wrong, multi_config):
    ans = ask(question, multi_config)
    assert ans.refused and wrong not in ans.text.split("相关表述")[0], ans.text


def test_a_place_no_report_covers_is_refused_in_a_corpus_of_many(multi_config):
    ans = ask("绵阳市2023年地区生产总值增长多少？", multi_config)
    assert ans.refused and not ans.citations and "绵阳市" in ans.text


def _beside_guangyuan(tmp_path_factory, folder: str) -> Config:
    """A corpus of Guangyuan's report and the fictional ones of eval/<folder>/reports."""
    data = tmp_path_factory.mktemp(folder) / "data"
    data.mkdir()
    for f in [REPORT, REPORT.with_suffix(".meta.json"), *(ROOT / "eval" / folder / "reports").iterdir()]:
        shutil.copy2(f, data / f.name)
    return Config(data_dir=data, index_dir=data.parent / "index")


@pytest.fixture(scope="module")
def ziyan_config(tmp_path_factory) -> Config:
    """Guangyuan's report beside the fictional ones of eval/multi_tune3 (a tuning set): an autonomous prefecture whose
    plan counts its work areas and gives them as paragraphs "第一，…" to "第七，…", and a city in 2025 and 2026."""
    return _beside_guangyuan(tmp_path_factory, "multi_tune3")


def test_an_autonomous_prefecture_asked_by_its_short_name_is_answered_from_its_own_report(ziyan_config):
    ans = ask("梓岩州2024年实现地区生产总值多少？增长多少？", ziyan_config)
    assert not ans.refused and "986.4亿元" in ans.text and "6.3%" in ans.text, ans.text
    assert {c.region for c in ans.citations} == {"梓岩土家族苗族自治州"}


def test_work_areas_given_as_ordinal_paragraphs_are_the_outline(ziyan_config):
    ans = ask("梓岩州2025年重点抓哪几方面工作？", ziyan_config)
    assert not ans.refused and ans.text.startswith("围绕上述目标，重点抓好七个方面工作[1]："), ans.text
    assert [c.quote[:2] for c in ans.citations[1:]] == ["第一", "第二", "第三", "第四", "第五", "第六", "第七"]
    assert "坚持产业兴州" in ans.citations[1].quote and all(c.region == "梓岩土家族苗族自治州" for c in ans.citations)
    with switched_off("outline.ordinal_paragraphs"):
        assert "第七" not in ask("梓岩州2025年重点抓哪几方面工作？", ziyan_config).text


@pytest.mark.parametrize("question,attempts,across", [
    ("榆澄市2025年准备再弄多少亩高标准农田？", [(2025,), (2026,)], None),       # 准备 plans, as 打算 does
    ("榆澄市2025年争取新增多少家企业？", [(2025,), (2026,)], None),
    ("榆澄市2025年新建了多少亩高标准农田？", [(2026,), (2025,)], None),
    ("榆澄市2025年说要建多少亩高标准农田，最后建了多少？", [(2025, 2026)], 2025),    # 最后 asks what came of it
    ("Did 榆澄市 meet its 2025 R&D intensity target?", [(2025, 2026)], 2025)])
def test_plan_and_outcome_words_choose_the_reports(question, attempts, across):
    from rag.search.scope import region_scope
    from rag.types import Report
    reports = [Report(id=f"y{y}", title=f"榆澄市{y}年政府工作报告", region="榆澄市", level="市", year=y) for y in (2025, 2026)]
    rs = region_scope("榆澄市", reports, question)
    assert [tuple(r.year for r in a) for a in rs.attempts] == attempts and rs.across_years == across


def test_a_report_named_as_that_years_report_sets_the_relative_years():
    from rag.search.scope import named_report_year
    year, rest = named_report_year("榆澄市2025年那份报告里，去年全市卖出去的东西一共值多少钱？")
    assert year == 2025 and rest.startswith("榆澄市") and "报告" not in rest


@pytest.mark.parametrize("question,report,must", [
    ("榆澄市那个三区两带是啥意思？", "榆澄市2025年政府工作报告", "增长极"),      # unquoted: the report that spells it out
    ("When was 榆澄市's “三区两带” spatial layout established?", "榆澄市2025年政府工作报告", "“十四五”时期确定"),
    ("榆澄市2025年打算新建几所学校？", "榆澄市2025年政府工作报告", "24所")])      # 学校 is said 中小学、幼儿园
def test_tuning_report_questions_are_answered_from_the_report_meant(question, report, must, ziyan_config):
    ans = ask(question, ziyan_config)
    assert not ans.refused and must in ans.text, ans.text
    assert {c.doc_title for c in ans.citations} == {report}


def test_a_total_asked_in_english_is_a_figure_the_report_does_not_give(ziyan_config):
    ans = ask("What was 梓岩州's total foreign trade (imports plus exports) in 2024?", ziyan_config)
    assert ans.refused and "外贸进出口保持增长" in ans.text, ans.text      # the sentence says it grew, with no figure


def test_a_figure_sharing_only_the_asks_verb_is_no_answer(ziyan_config):
    """"新增了多少个普惠托位": the 2025 report's review gives no 托位; "新增三级医院2家" shares only 新增 (number.things_named)."""
    ans = ask("榆澄市2024年新增了多少个普惠托位？", ziyan_config)
    assert ans.refused and "2家" not in ans.text.split("相关表述")[0], ans.text
    with switched_off("number.things_named"):
        assert not ask("榆澄市2024年新增了多少个普惠托位？", ziyan_config).refused


def test_asks_answered_together_come_from_the_one_sentence_giving_both(ziyan_config):
    """"去玩的人多不多？旅游收了多少钱？": the year's visitors stand beside its tourism income, not the festival's
    "吸引游客62万人次" two sentences on (asks.one_sentence)."""
    q = "梓岩州2024年去玩的人多不多？旅游收了多少钱？"
    ans = ask(q, ziyan_config)
    assert "3215万人次" in ans.text and "286.5亿元" in ans.text and "62万人次" not in ans.text, ans.text
    with switched_off("asks.one_sentence"):
        assert "62万人次" in ask(q, ziyan_config).text


def test_a_period_leading_the_question_dates_each_ask(ziyan_config):
    q = ("Over the 14th Five-Year Plan period, how many kilometres of rural roads did 榆澄市 build or upgrade in total, "
         "and how many old residential compounds were renovated?")
    ans = ask(q, ziyan_config)
    assert "4260公里" in ans.text and "560个" in ans.text, ans.text      # not one year's "改造城镇老旧小区100个"
    with switched_off("asks.period_shared"):
        assert "560个" not in ask(q, ziyan_config).text


def test_unnumbered_plan_headings_opening_alike_are_the_outline(ziyan_config):
    ans = ask("榆澄市2026年重点抓哪几方面工作？", ziyan_config)
    assert not ans.refused and len(ans.citations) == 7, ans.text
    assert ans.text.startswith("着力扩大内需") and "着力统筹发展和安全" in ans.text
    with switched_off("outline.parallel_parts"):
        assert "着力统筹发展和安全" not in ask("榆澄市2026年重点抓哪几方面工作？", ziyan_config).text


@pytest.fixture(scope="module")
def pengchuan_config(tmp_path_factory) -> Config:
    """Guangyuan's report beside the fictional ones of eval/multi_tune4 (a tuning set): 芃川市 in 2025 and 2026 and
    苓泽县 in 2025, whose plan counts 八项工作 and gives them as "1. 抓项目，…" paragraphs."""
    return _beside_guangyuan(tmp_path_factory, "multi_tune4")


def test_work_counted_in_items_and_given_as_numbered_paragraphs_is_the_outline(pengchuan_config):
    """"今年重点抓好以下八项工作。" then "1. 抓项目，扩大有效投资。…" to "8. …" (outline.counted_items)."""
    q = "苓泽今年重点抓哪几项工作？（2025年政府工作报告）"
    ans = ask(q, pengchuan_config)
    assert not ans.refused and len(ans.citations) == 9, ans.text
    assert "八项工作" in ans.text and "1. 抓项目，扩大有效投资" in ans.text and "8. 抓民生，办好八件实事" in ans.text
    with switched_off("outline.counted_items"):
        assert "8. 抓民生" not in ask(q, pengchuan_config).text


def test_counted_things_listed_after_a_colon_are_quoted_point_by_point(pengchuan_config):
    q = "芃川今年（2026年）的十件民生实事是哪些？"
    ans = ask(q, pengchuan_config)
    assert len(ans.citations) == 11 and {c.doc_title for c in ans.citations} == {"芃川市2026年政府工作报告"}, ans.text
    assert all(m in ans.text for m in ("普惠托位1500个", "城市绿道50公里", "每人每月205元")), ans.text
    with switched_off("list.counted_points"):
        assert "每人每月205元" not in ask(q, pengchuan_config).text


@pytest.mark.parametrize("question,must", [
    ("2025年芃川市接待游客多少人次？实现旅游收入多少？", ("4612万人次", "498.3亿元")),      # 多少人次 (figures.person_times)
    ("苓泽去年改了多少个老旧小区？多少户受益？", ("14个", "1860户")),                          # 受益 is said 惠及
    ("How much general public budget revenue did Pengchuan collect in 2025, and how much did it grow?",
     ("174.2亿元", "3.4%")),                                # 一般公共预算收入, not only Guangyuan's 地方…
    ("What were Pengchuan's urban and rural per capita disposable incomes in 2024, and how fast did each grow?",
     ("48216元", "4.6%", "6.8%")),                          # "…，分别增长4.6%、6.8%" goes on with the subject
    ("芃川说的“4+3”现代产业集群，那个4和3具体是啥？", ("新能源汽车零部件", "健康养老")),      # slogan.digit_parts
    ("苓泽县“3+2”现代产业体系中的三大主导产业是哪三个？2024年产值多少？", ("新型建材", "纺织服装", "186亿元"))])
def test_new_report_questions_get_every_figure_asked(question, must, pengchuan_config):
    ans = ask(question, pengchuan_config)
    assert not ans.refused and all(m in ans.text for m in must), ans.text


def test_a_slogans_unexplained_part_is_still_refused(pengchuan_config):
    ans = ask("苓泽县“3+2”现代产业体系中的“2”指什么？", pengchuan_config)
    assert ans.refused and "“3+2”" in ans.text, ans.text


def test_a_figure_of_several_years_is_not_answered_by_one_years(pengchuan_config):
    ans = ask("“十四五”期间芃川市累计新增新能源装机多少万千瓦？", pengchuan_config)
    assert ans.refused, ans.text
    with switched_off("number.period_asked"):
        assert not ask("“十四五”期间芃川市累计新增新能源装机多少万千瓦？", pengchuan_config).refused


def test_compare_takes_each_named_year_from_the_report_speaking_of_it(pengchuan_config):
    """2025's output is the 2026 report's review (512亿元), not the 2025 report's review of 2024 (436亿元)
    (compare.named_years)."""
    q = "2025年芃川市新能源汽车零部件产业产值达到多少？2026年力争达到多少？"
    ans = ask(q, pengchuan_config)
    assert "512亿元" in ans.text and "436亿元" not in ans.text, ans.text
    assert "580亿元" in ans.text and "2030年" not in ans.text, ans.text        # 2026's target, not the one for 2030
    with switched_off("compare.named_years"):
        assert "436亿元" in ask(q, pengchuan_config).text


def test_a_period_reviewed_in_its_own_part_answers_a_question_about_the_period(pengchuan_config):
    """"一、“十四五”时期和2025年工作回顾": its paragraphs date the period, but those opening 这一年 (number.period_asked)."""
    ans = ask("“十四五”期间芃川市常住人口城镇化率由多少提高到多少？", pengchuan_config)
    assert not ans.refused and "58.2%" in ans.text and "63.3%" in ans.text, ans.text


def test_a_spoken_verb_the_reports_word_otherwise_is_no_missing_subject(pengchuan_config):
    """"降到" (the reports say 降至) stands in another report: elsewhere_worded refuses only for a missing noun."""
    q = "2025年芃川PM2.5降到多少了？今年（2026年）又定了啥目标？"
    ans = ask(q, pengchuan_config)
    assert not ans.refused and "29微克/立方米" in ans.text and "28微克/立方米以下" in ans.text, ans.text


def test_no_two_fictional_reports_share_a_title_or_a_file_name():
    """Sets are scored over every fictional report at once: a region invented twice (蘅川市 was, by two helpers) would
    put two different reports under one title and one document id."""
    metas = sorted((ROOT / "eval").glob("multi*/reports/*.meta.json"))
    titles = [json.loads(m.read_text(encoding="utf-8"))["title"] for m in metas]
    names = [m.name for m in metas]
    assert len(set(titles)) == len(titles), sorted(t for t in titles if titles.count(t) > 1)
    assert len(set(names)) == len(names), sorted(n for n in names if names.count(n) > 1)


def test_an_english_past_when_question_asks_the_review(pengchuan_config):
    q = "When did construction start on phase II of Pengchuan Science City (芃川科学城二期)?"
    ans = ask(q, pengchuan_config)
    assert "3月开工" in ans.text and {c.doc_title for c in ans.citations} == {"芃川市2026年政府工作报告"}, ans.text


def test_a_rise_since_a_base_year_is_answered_by_the_multiple(pengchuan_config):
    """"与2020年相比…到“十四五”末增长了多少": 2020 is the base (year.base_year), 相比/数量/十四五 frame the question
    (terms.frame_words), and "增长1.5倍" answers a rise (figures.times_as_rate)."""
    q = "与2020年相比，芃川市高新技术企业数量到“十四五”末增长了多少？"
    ans = ask(q, pengchuan_config)
    assert not ans.refused and "968家" in ans.text and "1.5倍" in ans.text, ans.text
    with switched_off("figures.times_as_rate"):
        assert ask(q, pengchuan_config).refused


def test_an_ask_naming_no_side_gets_both_sides_given_one_after_the_other(pengchuan_config):
    q = "苓泽去年（2024年）老百姓收入涨了多少？"
    ans = ask(q, pengchuan_config)
    assert all(m in ans.text for m in ("41362元", "4.9%", "21875元", "7.2%")), ans.text
    with switched_off("asks.both_sides"):
        assert "21875元" not in ask(q, pengchuan_config).text


def test_the_outline_cue_names_no_heading_and_a_list_inside_a_section_is_no_section(pengchuan_config):
    """"今年重点抓哪几方面工作": 方面工作 is the cue, not the heading "重点抓好以下七个方面工作" (outline.heading_head); the
    "10." line of the 十件民生实事 list inside （七） is no eighth section (outline.one_numbering)."""
    ans = ask("芃川2025年政府工作报告里，今年重点抓哪几方面工作？", pengchuan_config)
    assert not ans.refused and "（一）全力扩大有效需求" in ans.text and "（七）用心用情保障改善民生" in ans.text, ans.text
    assert "10." not in ans.text
    with switched_off("outline.one_numbering"):
        assert "10." in ask("芃川2025年政府工作报告里，今年重点抓哪几方面工作？", pengchuan_config).text


@pytest.fixture(scope="module")
def jiangling_config(tmp_path_factory) -> Config:
    """Guangyuan's report beside the fictional ones of eval/multi_tune5 (a tuning set): 霁川省 in 2026, 澧湾区 in 2025
    (plan headings "（一）坚持…，着力…。") and 茳陵市 in 2025 (民生实事 inline as 一是…十是)."""
    return _beside_guangyuan(tmp_path_factory, "multi_tune5")


def _rule_decides(question: str, config: Config, *clauses: str, rule: str) -> None:
    rule_decides(question, *clauses, rule=rule, config=config)


def test_a_member_asked_by_its_place_is_that_numbered_point(jiangling_config):
    ans = ask("茳陵今年的民生实事里第九件是啥？", jiangling_config)
    assert not ans.refused and ans.text.startswith("九是为65岁以上老年人免费健康体检30万人次"), ans.text
    with switched_off("list.ordinal_member"):
        assert not ask("茳陵今年的民生实事里第九件是啥？", jiangling_config).text.startswith("九是")


def test_a_change_asked_after_a_level_is_the_clause_telling_it(jiangling_config):
    _rule_decides("澧湾去年空气质量优良天数比例多少？比前年高了多少？", jiangling_config, "2.1个百分点", "88.5%",
                  rule="asks.change_after")


def test_a_measure_clause_goes_on_with_the_thing_named_before_it(jiangling_config):
    q = "How big is the Cangling pumped-storage power station in Jichuan, and how many of its units are in operation?"
    _rule_decides(q, jiangling_config, "120万千瓦", "4台", rule="number.attribute_clause")


def test_a_size_asked_by_an_adjective_and_a_sum_asked_by_duoshao_are_two_asks(jiangling_config):
    q = "霁川省政府工作报告说今年要开工栖梧到泓关的高速，这条路有多长、总投资多少？"
    ans = ask(q, jiangling_config)
    assert not ans.refused and "168公里" in ans.text and "326亿元" in ans.text, ans.text
    with switched_off("asks.size_adjective"):
        assert ask(q, jiangling_config).refused
    ans = ask("澧湾区2024年新增了多少个公共停车位？加装了多少台电梯？", jiangling_config)
    assert "4200个" in ans.text and "136部" in ans.text, ans.text      # 部 counts as 台 does


def test_run_in_headings_with_a_comma_are_the_plans_outline(jiangling_config):
    ans = ask("澧湾区2025年主要抓哪几方面的工作？", jiangling_config)
    assert not ans.refused and "（一）坚持创新驱动，着力壮大现代产业" in ans.text, ans.text
    assert "（七）坚持民生优先，着力增进群众福祉" in ans.text, ans.text
    assert {c.doc_title for c in ans.citations} == {"澧湾区2025年政府工作报告"}


def test_a_target_asked_by_ellipsis_is_that_subjects_own_target(jiangling_config):
    """"…增长目标是多少？粮食产量目标呢？": B's 目标 in its own unit (asks.own_measure), not B's 增长目标."""
    _rule_decides("茳陵市2025年地区生产总值增长目标是多少？粮食产量目标呢？", jiangling_config, "185万吨以上", "6%左右",
                  rule="asks.own_measure")


def test_two_years_asked_are_answered_by_the_clause_giving_both(jiangling_config):
    _rule_decides("霁川省地区生产总值2020年和2025年分别是多少？", jiangling_config, "23608.4亿元", "31246.8亿元",
                  rule="compare.both_years_clause")


def test_an_english_ask_pointing_back_with_it_asks_of_the_previous_subject(jiangling_config):
    """"…, and how many stations does it have": "it" is the line asked about first (asks.english_pronoun)."""
    q = "How long is Lizhou Metro Line 3's Liwan stretch, and how many stations does it have?"
    _rule_decides(q, jiangling_config, "9座", "12.4公里", rule="asks.english_pronoun")


def test_an_english_question_quoting_a_chinese_name_is_dated_by_the_clause_naming_it(pengchuan_config):
    """"When did the Henglin Expressway (芃临高速) open to traffic": the review clause telling 高速公路通车里程 does not
    date it; the sentence naming 芃临高速 does (date.section_year_named)."""
    q = "When did the Henglin Expressway (芃临高速) open to traffic, and how long is it?"
    ans = ask(q, pengchuan_config)
    assert "芃临高速于12月建成通车" in ans.text and "68公里" in ans.text, ans.text
    with switched_off("date.section_year_named"):
        assert "芃临高速" not in ask(q, pengchuan_config).text


def test_a_reports_own_glossary_reads_only_questions_answered_from_that_report(default_config):
    """Guangyuan's own glossary (data/…glossary.tsv) reads "bridge" as 嘉陵江大桥; a question answered from another
    report is not read so (glossary.scoped), while the package's general "bridge" (大桥) still applies."""
    from rag.search.query import expansions, glossary_scope
    ask("今年GDP增长目标是多少", config=default_config)      # the corpus's glossaries are registered
    q = "How long is the new bridge?"
    with glossary_scope(["guangyuan_2024_government_work_report"]):
        assert any("嘉陵江大桥" in g for g in expansions(q))
    with glossary_scope(["jiangling_2025"]):
        groups = expansions(q)
        assert not any("嘉陵江大桥" in g for g in groups) and any("大桥" in g for g in groups)
    with switched_off("glossary.scoped"), glossary_scope(["jiangling_2025"]):
        assert any("嘉陵江大桥" in g for g in expansions(q))


def test_a_when_question_asking_a_figure_too_gets_the_clause_after_the_date(pengchuan_config):
    """"When was the Lingjiang Bridge opened, and how long is it?": "苓江大桥于11月建成通车，全长1.86公里" (date.figure_too)."""
    q = "When did Lingze's 苓江大桥 open to traffic, and how long is it?"
    rule_decides(q, "1.86公里", "11月", rule="date.figure_too", config=pengchuan_config)


def test_a_figure_belongs_to_the_nearest_clause_naming_its_subject(pengchuan_config):
    """"…三大主导产业产值分别增长…，其中新能源汽车零部件产业产值达到436亿元，是2020年的2.3倍": the multiple follows the
    second clause naming the industry, not the first (figures.nearest_subject)."""
    q = "芃川2024年新能源汽车零部件产业产值有多少？是2020年的多少倍？"
    rule_decides(q, "2.3倍", rule="figures.nearest_subject", config=pengchuan_config)


def test_a_region_named_in_pinyin_is_no_place_elsewhere(tmp_path):
    """"What was Lingze County's tourism revenue" put to 苓泽县's own report: the region's name in pinyin is the place
    the report speaks for, not a county elsewhere whose figures the report would have to name (scope.english_sub_place
    looks for the region's districts and counties only). A fictional county's report."""
    data = tmp_path / "data"
    data.mkdir()
    for f in (ROOT / "eval" / "multi_tune4" / "reports").glob("lingze_2025.*"):
        shutil.copy2(f, data / f.name)
    config = Config(data_dir=data, index_dir=tmp_path / "index")
    text = ask("What was Lingze County's tourism revenue in 2024?", config).text
    assert "34.7亿元" in text, text


def test_a_horizon_leading_a_sentence_of_targets_dates_each_clause(tmp_path):
    """"今后五年的主要目标是：…到2030年全省地区生产总值突破4万亿元；…，研发经费投入强度达到2.8%左右；…": the horizon year
    leads every clause to the full stop, so "到2030年…研发经费投入强度要达到多少" is answered by the clause after the one
    naming 2030 (year.horizon_sentence). A fictional province's report."""
    from rag.answer.rules import switched_off
    data = tmp_path / "data"
    data.mkdir()
    for f in (ROOT / "eval" / "multi_tune5" / "reports").glob("jichuan_2026.*"):
        shutil.copy2(f, data / f.name)
    config = Config(data_dir=data, index_dir=tmp_path / "index")
    q = "到2030年，霁川省研发经费投入强度要达到多少？常住人口城镇化率呢？"
    text = ask(q, config).text
    assert "2.8%左右" in text and "67%" in text, text
    with switched_off("year.horizon_sentence"):
        assert "2.8%左右" not in ask(q, config).text
