"""LangChain's own standard retriever suite (langchain-tests) against ReportRetriever, plus its filter."""
from __future__ import annotations

import pytest
from langchain_tests.integration_tests import RetrieversIntegrationTests

from rag.config import Config
from rag.interfaces.lc_retriever import ReportRetriever, matching_reports
from rag.types import Report


class TestReportRetrieverStandard(RetrieversIntegrationTests):
    @property
    def retriever_constructor(self) -> type[ReportRetriever]:
        return ReportRetriever

    @property
    def retriever_constructor_params(self) -> dict:
        return {"config": Config()}

    @property
    def retriever_query_example(self) -> str:
        return "铝基新材料目标是多少"


def test_k_at_invoke_and_the_gold_sentence_first():
    docs = ReportRetriever(config=Config()).invoke("铝基新材料目标是多少", k=1)
    assert len(docs) == 1 and "350亿元" in docs[0].page_content
    assert docs[0].metadata["doc_title"] == "广元市2024年政府工作报告" and docs[0].metadata["region"] == "广元市"


def test_a_filter_that_matches_no_report_returns_nothing():
    assert ReportRetriever(config=Config(), search_kwargs={"filter": {"region": "鹤渚市"}}).invoke("GDP") == []
    assert len(ReportRetriever(config=Config()).invoke("GDP", filter={"region": "广元市", "year": 2024})) == 5


def test_filter_shapes():
    reports = [Report("a", "甲市2024年政府工作报告", "甲市", "市", 2024), Report("b", "甲市2025年政府工作报告", "甲市", "市", 2025),
               Report("c", "乙省2025年政府工作报告", "乙省", "省", 2025)]
    assert matching_reports(reports, {"region": "甲市"}) == ["a", "b"]
    assert matching_reports(reports, {"year": [2025], "level": "省"}) == ["c"]
    assert matching_reports(reports, ["乙省", "a"]) == ["a", "c"]
    assert matching_reports(reports, {"report": "甲市2025年政府工作报告"}) == ["b"]
    from rag.errors import InvalidQuestion
    with pytest.raises(InvalidQuestion, match="region / year"):
        matching_reports(reports, {"city": "甲市"})
