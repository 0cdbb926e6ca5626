"""A year past the next report's (到2030年) is a horizon the report's long-term targets name outright."""
from __future__ import annotations

import pytest

from rag import ask
from rag.answer.rules import switched_off
from rag.config import Config

REPORT = """（本文件为测试样例，城市与数据均为虚构。）
柘原市2026年政府工作报告

一、2025年工作回顾
过去一年，全市地区生产总值达到1860.4亿元、增长5.6%，常住人口城镇化率达到61.2%。

二、“十五五”时期目标和2026年工作任务
“十五五”时期，全市经济社会发展的主要目标是：到2030年，全市地区生产总值突破2500亿元，常住人口城镇化率达到66%，全社会研发经费投入强度达到2.6%。
2026年全市经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，常住人口城镇化率提高1个百分点。
"""


@pytest.fixture(scope="module")
def horizon_config(tmp_path_factory) -> Config:
    root = tmp_path_factory.mktemp("horizon")
    data = root / "data"
    data.mkdir()
    (data / "zheyuan_2026.txt").write_text(REPORT, encoding="utf-8")
    (data / "zheyuan_2026.meta.json").write_text('{"region": "柘原市", "level": "市", "year": 2026}', encoding="utf-8")
    return Config(data_dir=data, index_dir=root / "index")


@pytest.mark.parametrize("question,figure", [("到2030年柘原地区生产总值要达到多少？", "2500亿元"),
                                             ("柘原到2030年常住人口城镇化率目标是多少？", "66%")])
def test_a_horizon_year_is_answered_by_the_target_naming_it(question, figure, horizon_config):
    ans = ask(question, config=horizon_config)
    assert not ans.refused and figure in ans.text, ans.text
    with switched_off("year.horizon"):
        assert figure not in ask(question, config=horizon_config).text
