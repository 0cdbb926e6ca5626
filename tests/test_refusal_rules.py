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
