"""Two asks in one question: each is made whole (rag.answer.asks) and answered with its own clause."""
import pytest

from rag import ask
from rag.answer.asks import asks, subquestions


@pytest.mark.parametrize("question,expected", [
    # "A和B的C": C is asked of both
    ("固定资产投资和规模以上工业增加值的增长目标分别是多少",
     ["固定资产投资的增长目标是多少", "规模以上工业增加值的增长目标是多少"]),
    # a leading time word (with its bracket) dates every ask
    ("鹤渚今年（2024年）固投和社零的增长目标分别是多少？",
     ["鹤渚今年（2024年）固投的增长目标是多少", "鹤渚今年（2024年）社零的增长目标是多少"]),
    # a measure word closing the last subject is shared
    ("今年GDP和社零增速目标各是多少", ["今年GDP增速目标是多少", "今年社零增速目标是多少"]),
    # a subject that is only a measure word measures the first subject
    ("去年GDP总量和增速分别是多少", ["去年GDP总量是多少", "去年GDP增速是多少"]),
    # "B呢": the previous ask, of B
    ("今年地区生产总值增长目标是多少，固投呢？", ["今年地区生产总值增长目标是多少", "固投增长目标是多少"]),
    ("GDP增长多少？那固投呢？", ["GDP增长多少", "固投增长多少"]),
    # an ask naming no subject asks about the previous one
    ("2023年一般公共预算收入多少、增长多少", ["2023年一般公共预算收入多少", "2023年一般公共预算收入增长多少"]),
    # "A和B这两项，分别…": the subjects stand in the clause before 分别
    ("今年固投和社零这两项，分别预期增长多少？", ["今年固投，预期增长多少", "今年社零，预期增长多少"]),
    # one ask stays one
    ("铝基新材料目标是多少", ["铝基新材料目标是多少"]),
])
def test_each_ask_gets_back_the_words_it_shares(question, expected):
    assert subquestions(question) == expected


def test_an_ask_without_a_subject_follows_the_previous_one():
    assert [a.follows for a in asks("机场旅客多少人次？增长多少？")] == [False, True]
    assert [a.follows for a in asks("今年地区生产总值增长目标是多少，固投呢？")] == [False, False]


@pytest.mark.parametrize("question,must", [
    ("固定资产投资和规模以上工业增加值的增长目标分别是多少", ["6.5%以上", "8%以上"]),
    # each ask first tries the sentences naming what sets it apart (治理率 in one sentence, 处理率 in another)
    ("农村的污水和垃圾，今年治理率和处理率分别要达到多少？", ["污水有效治理率达75%", "垃圾无害化处理率达100%"]),
    ("今年固定资产投资和社会消费品零售总额这两项，分别预期增长多少？", ["6.5%以上", "8%以上"]),
    ("今年地区生产总值增长目标是多少，固投呢？", ["地区生产总值增长6.5%以上", "固定资产投资增长6.5%以上"]),
    # both figures stand in one clause of one sentence: one citation, both asked figures
    ("2023年一般公共预算收入多少、增长多少", ["68.12亿元", "增长11%"]),
    # subjects joined without 分别 (asks.conjoined)
    ("今年农村卫生厕所普及率和生活污水治理率目标是多少？", ["97%", "75%"]),
    ("What were GDP growth and industrial value-added growth in 2023?", ["6.2%", "9.3%"]),
    ("去年GDP和社零增速是多少", ["6.2%", "5.8%"]),
])
def test_both_asks_are_answered_and_every_number_is_in_its_quote(question, must):
    ans = ask(question)
    assert not ans.refused and all(m in ans.text for m in must), ans.text
    quotes = "".join(c.quote for c in ans.citations)
    import re
    assert all(n in quotes for n in re.findall(r"\d+(?:\.\d+)?%?", ans.text.replace("[1]", "").replace("[2]", "")))


def test_the_income_follow_up_is_answered_from_the_sentence_of_its_subject():
    ans = ask("2023年一般公共预算收入多少、增长多少")
    assert len(ans.citations) == 1 and "可支配收入" not in ans.text, ans.text


@pytest.mark.parametrize("question,unit", [
    ("城区达标片区占到中心城区面积的多大比例？", "%"),
    ("能在网上办的事项占多少？", "%"),
    ("民生支出比重是多少", "%"),
    ("占地多少亩", "亩"),
    ("占多少人", "人"),
])
def test_a_share_is_asked_in_percent(question, unit):
    from rag.figures import expected_unit
    assert expected_unit(question) == unit


def test_a_measure_word_that_sets_an_ask_apart_does_not_pull_in_another_subject():
    """"GDP总量和增速": 增速 sets the second ask apart, but a sentence on 贷款增速 is about another subject."""
    ans = ask("去年GDP总量和增速分别是多少")
    assert not ans.refused and "6.2%" in ans.text
    assert all("地区生产总值" in c.quote for c in ans.citations), ans.text


@pytest.mark.parametrize("question,expected", [
    ("今年农村卫生厕所普及率和生活污水治理率目标是多少？", ["今年农村卫生厕所普及率目标是多少？", "今年生活污水治理率目标是多少？"]),
    ("What were the growth rates of fixed-asset investment and retail sales of consumer goods in 2023?",
     ["What were the growth rates of fixed-asset investment in 2023?",
      "What were the growth rates of retail sales of consumer goods in 2023?"]),
    ("参与和平建设的有多少人", []),           # 和 inside a word joins nothing
])
def test_subjects_joined_without_fenbie_are_asked_one_by_one(question, expected):
    from rag.answer.asks import conjoined
    assert [a.text for a in conjoined(question)] == expected


def test_one_thing_named_by_two_words_keeps_one_figure():
    """"imports and exports" is 进出口: both asks find the same figure, so the question stays one ask."""
    ans = ask("How much did imports and exports grow in 2023?")
    assert not ans.refused and ans.text.count("[") == 1, ans.text


@pytest.mark.parametrize("question,expected", [
    ("城镇常住居民和农村常住居民人均可支配收入分别是多少？",
     ["城镇常住居民人均可支配收入是多少", "农村常住居民人均可支配收入是多少"]),
    ("城镇和农村居民人均可支配收入分别是多少？", ["城镇居民人均可支配收入是多少", "农村居民人均可支配收入是多少"]),
    ("工业和农业增加值分别增长多少", ["工业增加值增长多少", "农业增加值增长多少"]),
    ("学校和医院分别新建多少个", ["学校新建多少个", "医院新建多少个"]),      # nothing parallel to take
])
def test_a_subject_parallel_to_the_next_ones_opening_takes_its_tail(question, expected):
    from rag.answer.rules import switched_off
    assert subquestions(question) == expected
    with switched_off("asks.parallel_tail"):
        assert subquestions(question)[1] == expected[1]


def test_the_a_not_a_question_asks_how_much():
    from rag.search.query import search_form
    assert search_form("梓岩州2024年去玩的人多不多？") == "梓岩州2024年去玩的人有多少？"
    assert search_form("这个园区规模大不大") == "这个园区规模有多大"
    assert search_form("不多不少") == "不多不少"


@pytest.mark.parametrize("question,joins", [
    ("Which three groups did the city form when it restructured its state-owned enterprises?", True),
    ("When did the Yucheng section of the G108 open to traffic?", False),
    ("In which month and when exactly was the plan adopted?", True),
    ("什么时候建成通车？", False)])
def test_an_english_when_after_the_question_word_joins_a_clause(question, joins):
    from rag.answer.extractive import _when_joins
    assert _when_joins(question) is joins


def test_an_english_question_naming_its_region_in_chinese_is_split_as_english():
    from rag.answer.asks import conjoined
    from rag.answer.rules import switched_off
    q = "What was 梓岩州's tea-garden area and dry tea output in 2024?"
    assert [a.text.split("梓岩州")[0] for a in conjoined(q)] == ["What was ", "What was "]
    with switched_off("english.named_in_chinese"):
        assert len(conjoined(q)) != 2
