"""指标一览 on the real report: coverage of number mentions, hand-checked precision, known rows and
pairs, verbatim quotes, the exports and the `rag indicators` command."""
from __future__ import annotations

import csv
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

import rag
from rag.corpus.ingest import load_corpus
from rag.figures import cn_to_number
from rag.indicators.table import (
    Indicator,
    IndicatorPair,
    compare,
    indicators,
    lookup,
    to_csv,
    to_json,
)
from rag.interfaces.cli import main as rag_main

SAMPLE = Path(__file__).with_name("data") / "indicator_sample.json"

# A number-with-unit mention, defined here independently of rag.indicators (and a little wider:
# 倍, 名, 台, 辆 … count too). Years, dates and ordinals are not mentions: 年/月/日/届 are no units.
MENTION = re.compile(
    r"(?<![A-Za-z\d.+×])\d+(?:\.\d+)?(?:×\d+)?(?![\d.+])(?:余|多)?(?:万亿|亿|万|千)?"
    r"(?:%|个百分点|平方米|立方米|公里|千瓦|千伏|美元|个月|周年|人次|场次|批次"
    r"|[个家所座项人户亩吨头台辆次条批名位件场天倍张株只处栋间套种类元列轮部])")


@pytest.fixture
def doc(tmp_config):
    return load_corpus(tmp_config.data_dir)[0]


@pytest.fixture
def rows(tmp_config) -> list[Indicator]:
    return indicators(tmp_config)


def find(rows, indicator, value, kind=None):
    hits = [r for r in rows if r.indicator == indicator and r.value == value and (kind is None or r.kind == kind)]
    assert len(hits) == 1, f"expected one row {indicator} {value} {kind}, got {hits}"
    return hits[0]


def test_every_quote_is_verbatim_at_its_span_and_carries_its_number(rows, doc):
    assert len(rows) > 200
    for r in rows:
        a, b = r.char_span
        assert doc.text[a:b] == r.quote, r
        assert r.doc_id == doc.id and r.doc_title == "广元市2024年政府工作报告"
        assert r.kind in ("target", "result", "other") and r.section
        # the value is written in the quote (a Chinese magnitude such as 千亿元 stands for 1000亿元)
        assert r.value in r.quote or (r.unit in ("亿元", "万人") and r.value in ("1000", "1")), r


def test_coverage_of_number_mentions_is_at_least_95_percent(rows, doc):
    mentions = [m.span() for m in MENTION.finditer(doc.text)]
    assert len(mentions) > 200
    covered = [(s, e) for s, e in mentions if any(r.char_span[0] <= s and e <= r.char_span[1] for r in rows)]
    coverage = len(covered) / len(mentions)
    missed = [doc.text[max(0, s - 10):e + 4] for s, e in mentions if (s, e) not in covered]
    assert coverage >= 0.95, (coverage, missed)


def test_hand_checked_rows_are_extracted_as_checked(rows, doc):
    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))
    assert len(sample["rows"]) == 50
    current = {(tuple(r.char_span), r.indicator, r.value, r.unit): r for r in rows}
    changed = []
    for s in sample["rows"]:
        r = current.get((tuple(s["char_span"]), s["indicator"], s["value"], s["unit"]))
        if r is None or (r.qualifier, r.kind, r.year, r.quote) != (s["qualifier"], s["kind"], s["year"], s["quote"]):
            changed.append(s)
    assert not changed, ("extraction changed for hand-checked rows; re-check them by hand and update "
                         f"{SAMPLE.name}: {[c['indicator'] + ' ' + c['value'] for c in changed]}")
    # The verdicts were given by hand to these exact rows, so the share judged right is a property of
    # the fixture, not of the code, and is not asserted here. What the code still owes every sampled
    # row, checked against the report itself: its quote stands at its span and holds its figure.
    for s in sample["rows"]:
        r = current[(tuple(s["char_span"]), s["indicator"], s["value"], s["unit"])]
        assert doc.text[r.char_span[0]:r.char_span[1]] == r.quote, r
        assert r.unit in r.quote, r
        # the figure as written: in digits ("6.2%"), or as a Chinese magnitude before its unit ("突破千亿元")
        written = re.findall(r"[一二三四五六七八九十百千万]+", r.quote.replace(r.unit, "|"))
        assert r.value in r.quote or any(cn_to_number(w) == Decimal(r.value) for w in written), r


@pytest.mark.parametrize("indicator, value, unit, qualifier, kind", [
    ("地区生产总值增长", "6.2", "%", "", "result"),
    ("地区生产总值增长", "6.5", "%", "以上", "target"),
    ("规上工业增加值增长", "9.3", "%", "", "result"),
    ("规上工业增加值增长", "8", "%", "以上", "target"),
    ("固定资产投资增长", "4.2", "%", "", "result"),
    ("社会消费品零售总额增长", "8", "%", "以上", "target"),
    ("地方一般公共预算收入", "68.12", "亿元", "", "result"),
    ("地方一般公共预算收入增长", "11", "%", "", "result"),
    ("铝基新材料产业产值", "290", "亿元", "", "result"),
    ("铝基新材料首位产业产值", "350", "亿元", "力争、以上", "target"),
    ("城镇调查失业率", "5.5", "%", "左右", "target"),
    ("新增国家高新技术企业", "12", "家", "", "result"),
    ("新增城市公共绿地", "25", "万平方米", "约", "result"),
    ("信访事项办理群众满意率全省排名", "2", "位", "前", "other"),
    ("中煤广元燃煤发电装机", "2×100", "万千瓦", "", "other"),
    ("引进到位市外资金", "1000", "亿元", "突破", "result"),
])
def test_known_rows(rows, indicator, value, unit, qualifier, kind):
    r = find(rows, indicator, value, kind)
    assert (r.unit, r.qualifier) == (unit, qualifier)
    assert r.year == {"result": 2023, "target": 2024}.get(kind, r.year)


def test_a_bare_measure_borrows_its_subject_and_the_quote_names_it(rows):
    r = find(rows, "铝基新材料首位产业产值", "350")
    assert r.quote == "大力发展铝基新材料首位产业，力争实现产值350亿元以上"
    assert r.section.endswith("二、坚定不移抓实体、夯根基，着力构建现代化产业体系 > 推动工业经济突破增长")
    growth = find(rows, "铝基新材料产业产值增长", "30")
    assert growth.quote.startswith("铝基新材料产业纳入") and growth.quote.endswith("增长30%")


def test_enumerations_with_fenbie_are_split_into_one_row_per_value(rows):
    fdi = find(rows, "外商直接投资增长", "121.4")
    trade = find(rows, "货物进出口总额增长", "23.2")
    assert fdi.quote == trade.quote == "外商直接投资、货物进出口总额分别增长121.4%、23.2%"
    assert [find(rows, f"{k}保险参保", v).unit for k, v in (("养老", "188"), ("工伤", "23"), ("失业", "18"))] \
        == ["万人"] * 3
    assert find(rows, "城镇居民人均可支配收入增长", "4.3").kind == "result"
    assert find(rows, "农村居民人均可支配收入增长", "7.2").kind == "result"
    assert find(rows, "猕猴桃产量", "20").unit == "万吨"
    # one value for several names: each name gets it
    assert find(rows, "技改投资增长", "8").qualifier == "以上"
    # the names of an earlier 分别 carry over: "集采药品、医用耗材分别达到…，价格降幅分别达50%、70%以上"
    assert find(rows, "医用耗材价格降幅", "70").qualifier == "达、以上"


def test_years_dates_codes_and_ordinals_are_not_rows(rows):
    values = {r.value for r in rows}
    assert not values & {"2023", "2024", "2030", "1345", "12345", "1246", "542"}
    assert [r.unit for r in rows if r.value == "2.5"] == ["亿元"]     # 帮扶资金, not PM2.5
    # 第19届 / 第35届 / 第34届 are event names; 35 appears only as the 35条 measures
    assert [r.unit for r in rows if r.value == "35"] == ["条"]
    assert not [r for r in rows if r.value in ("19", "34")]
    streaks = [r for r in rows if r.unit == "年"]
    assert streaks and all(r.kind == "other" and r.qualifier == "连续" for r in streaks)


def test_pairs_set_the_2023_result_beside_the_2024_target(tmp_config):
    pairs = compare(tmp_config)
    got = {(p.result.indicator, p.result.value): (p.target.indicator, p.target.value) for p in pairs}
    assert got[("地区生产总值增长", "6.2")] == ("地区生产总值增长", "6.5")
    assert got[("规上工业增加值增长", "9.3")] == ("规上工业增加值增长", "8")
    assert got[("固定资产投资增长", "4.2")] == ("固定资产投资增长", "6.5")
    assert got[("社会消费品零售总额增长", "5.8")] == ("社会消费品零售总额增长", "8")
    assert got[("铝基新材料产业产值", "290")] == ("铝基新材料首位产业产值", "350")
    assert got[("货物进出口总额增长", "23.2")] == ("外贸进出口总额增长", "10")
    for p in pairs:
        assert isinstance(p, IndicatorPair) and p.result.kind == "result" and p.target.kind == "target"
    # each row is used once, and words alone do not make a pair (交通重点项目竣工投运 ≠ 重点项目尽早竣工投产)
    assert len({id(p.target) for p in pairs}) == len(pairs)
    assert ("交通重点项目竣工投运", "11") not in got


def test_lookup_answers_numeric_questions_with_the_right_year(tmp_config):
    gdp = lookup("去年GDP增长多少", tmp_config)[0]
    assert (gdp.indicator, gdp.value, gdp.kind) == ("地区生产总值增长", "6.2", "result")
    alu = lookup("铝基新材料目标是多少", tmp_config)[0]
    assert (alu.value, alu.unit, alu.kind) == ("350", "亿元", "target")
    assert lookup("今年固投目标", tmp_config)[0].value == "6.5"
    assert lookup("天气怎么样", tmp_config) == []


def test_the_table_follows_the_corpus_content(tmp_config):
    report = next(tmp_config.data_dir.glob("*.txt"))
    before = find(indicators(tmp_config), "地区生产总值增长", "6.2")
    report.write_text(report.read_text(encoding="utf-8").replace("地区生产总值增长6.2%", "地区生产总值增长6.3%"),
                      encoding="utf-8")
    after = find(indicators(tmp_config), "地区生产总值增长", "6.3")
    assert after.char_span == before.char_span


def test_rag_indicators_is_callable_and_a_module(tmp_config):
    table = rag.indicators(tmp_config)
    assert table == indicators(tmp_config)
    assert rag.indicators.compare(tmp_config) == compare(tmp_config)


def test_csv_and_json_exports_read_back(tmp_config, tmp_path, rows):
    path = to_csv(rows, tmp_path / "rows.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")           # BOM: Excel reads it as UTF-8
    with path.open(encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    assert table[0][:3] == ["indicator", "value", "unit"] and len(table) == len(rows) + 1
    assert ["地区生产总值增长", "6.2", "%"] == table[2][:3]
    data = json.loads(to_json(rows))
    assert len(data) == len(rows) and data[0]["char_span"] == list(rows[0].char_span)
    pairs = json.loads(to_json(compare(tmp_config)))
    assert pairs[0]["result"]["value"] == "6.2" and pairs[0]["target"]["value"] == "6.5"


def test_cli_writes_csv_that_csv_reader_reads_back(tmp_config, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("RAG_DATA_DIR", str(tmp_config.data_dir))
    out = tmp_path / "targets.csv"
    assert rag_main(["indicators", "--kind", "target", "--csv", str(out)]) == 0
    with out.open(encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    header, body = table[0], table[1:]
    assert body and {row[header.index("kind")] for row in body} == {"target"}
    assert ["地区生产总值增长", "6.5", "%", "以上"] in [row[:4] for row in body]
    assert "wrote" in capsys.readouterr().out


def test_cli_prints_a_readable_table_and_the_pairs(tmp_config, monkeypatch, capsys):
    monkeypatch.setenv("RAG_DATA_DIR", str(tmp_config.data_dir))
    assert rag_main(["indicators"]) == 0
    out = capsys.readouterr().out
    assert "地区生产总值增长" in out and "6.2%" in out and "350亿元" in out
    assert rag_main(["indicators", "--pairs"]) == 0
    line = next(row for row in capsys.readouterr().out.splitlines() if row.startswith("地区生产总值增长"))
    assert "6.2%" in line and "6.5%（以上）" in line
