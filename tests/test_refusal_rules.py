"""The refusal rules can be switched off one at a time (for eval.refusals), and only inside the block."""
import pytest

from rag import ask
from rag.answer.rules import RULES, on, switched_off


def test_switching_a_rule_off_answers_what_it_refused_and_only_inside_the_block():
    question = "2019年地区生产总值增长多少？"        # the report speaks of 2023 and 2024 only
    assert ask(question).refused
    with switched_off("year", "number.figure"):
        assert not on("year")
        assert not ask(question).refused
    assert on("year") and ask(question).refused


def test_an_unknown_rule_is_named():
    with pytest.raises(ValueError, match="no-such-rule"), switched_off("no-such-rule"):
        pass


def test_every_rule_is_described():
    assert all(isinstance(v, str) and len(v) > 20 for v in RULES.values())


def test_question_form_rules_switch_off_too():
    from rag.answer.asks import subquestions
    from rag.figures import expected_unit
    q = "固定资产投资和规模以上工业增加值的增长目标分别是多少"
    with switched_off("asks.completed", "figures.share"):
        assert subquestions(q)[0] == "固定资产投资是多少"          # as before the rule: the shared words stay behind
        assert expected_unit("占中心城区面积的多大比例") != "%"
    assert subquestions(q)[0] == "固定资产投资的增长目标是多少"
