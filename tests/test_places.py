"""Places a question names that the reports never mention (rag.search.places, rule scope.unknown_place)."""
import pytest

from rag import ask
from rag.config import ROOT
from rag.search.places import named_places, unknown_places

REPORT = (ROOT / "data" / "guangyuan_2024_government_work_report.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("question,places", [
    ("巴中去年地方财政收入是多少？", ["巴中"]),
    ("绵阳市2023年地区生产总值增长多少？", ["绵阳市"]),
    ("What was Mianyang's GDP growth in 2023?", ["绵阳"]),
    ("How much did Bazhong invest?", ["巴中"]),
    ("南部县今年的目标", ["南部县"]),                      # a county with its suffix
])
def test_places_no_report_mentions(question, places):
    assert unknown_places(question, [REPORT], ["广元市"]) == places


@pytest.mark.parametrize("question", [
    "旺苍县今年要建多少个项目",                            # a county of Guangyuan, in the report
    "成都大运会期间广元做了什么",                          # named in the report
    "城中村改造多少户",                                    # 城中 is also a district: no suffix, no place
    "新城区建设怎么样",                                    # position words only
    "东奔西跑的企业兑现了多少资金",
    "When will the Guangyuan–Bazhong railway upgrade start?",   # a route, abbreviated 广巴 in Chinese
    "What did China say about Sichuan?",
    "How many people live in Guangyuan?",
])
def test_names_that_are_no_unknown_place(question):
    assert unknown_places(question, [REPORT], ["广元市"]) == []


def test_an_english_county_needs_its_word_county():
    assert "剑阁县" in named_places("What did Jiange county do?")
    assert named_places("What did Jiange do?") == []


@pytest.mark.parametrize("question", ["巴中去年地方财政收入是多少？", "What was Mianyang's GDP growth in 2023?"])
def test_a_question_about_a_place_no_report_covers_is_refused(question):
    ans = ask(question)
    assert ans.refused and not ans.citations
    assert "68.12亿元" not in ans.text and "6.2%" not in ans.text


def test_the_reports_own_region_and_counties_still_answer():
    assert "68.12亿元" in ask("广元去年地方财政收入是多少？").text
    from rag.switches import off
    with off("scope.unknown_place"):
        assert not ask("巴中去年地方财政收入是多少？").refused      # what the rule stops


def test_a_pinyin_name_before_a_feature_s_kind_names_the_feature():
    """"the Luzhou Island business centre": an island of the region, not the city 泸州 (places.feature_name)."""
    from rag.answer.rules import switched_off
    q = "How many headquarters companies moved into the Luzhou Island business centre last year?"
    assert named_places(q) == []
    with switched_off("places.feature_name"):
        assert "泸州" in named_places(q)
    assert "泸州" in named_places("What is Luzhou's GDP?")
