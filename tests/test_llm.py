"""LLM answering (rag/llm.py) with LangChain's fake chat models over real hits from the report.

No test reaches a model endpoint: the fakes stand in for the model, and the one test that builds
a real ChatOpenAI points it at a closed local port.
"""
from __future__ import annotations

import itertools
import os
import subprocess
import sys
from decimal import Decimal

import pytest
from langchain_core.language_models.fake_chat_models import (
    FakeListChatModel,
    GenericFakeChatModel,
)

from rag import retrieve
from rag.answer.extractive import extractive_answer
from rag.answer.llm import (
    PROMPTS_DIR,
    answer_chain,
    answer_prompt,
    build_chat_model,
    llm_answer,
    prompt_messages,
    stream_llm_answer,
    verification_problems,
    verified_or_fallback,
    verify_numbers,
)
from rag.config import ROOT, Config
from rag.corpus.chunk import chunk_document
from rag.errors import LLMUnavailable
from rag.figures import cn_to_number, number_mentions
from rag.search.query import understand
from rag.types import Citation

QUESTION = "铝基新材料目标是多少"
GOLD_350 = "大力发展铝基新材料首位产业，力争实现产值350亿元以上"
GOLD_SECTION = "2024年主要目标任务和重点工作 > 二、坚定不移抓实体、夯根基，着力构建现代化产业体系 > 推动工业经济突破增长"
FAITHFUL = "2024年，广元力争实现铝基新材料产值350亿元以上[1]。"
INVENTED = "力争实现产值400亿元[1]"


@pytest.fixture(scope="module")
def hits():
    found = retrieve(QUESTION, k=5)
    assert GOLD_350 in found[0].chunk.text, "precondition: retrieval puts the gold sentence first"
    return found


@pytest.fixture(scope="module")
def extractive(hits):
    return extractive_answer(QUESTION, hits, understand(QUESTION))


def fake(*responses: str) -> FakeListChatModel:
    return FakeListChatModel(responses=list(responses))


def cite(quote: str, n: int = 1, year_scope: str = "2024", section: str = "A > B") -> Citation:
    return Citation(n=n, chunk_id=f"c{n}", quote=quote, section=section, doc_title="广元市2024年政府工作报告",
                    score=1.0, year_scope=year_scope)


# --- prompts --------------------------------------------------------------------------------------

def test_prompt_files_load_and_carry_the_required_instructions():
    system = (PROMPTS_DIR / "system.txt").read_text(encoding="utf-8")
    human = (PROMPTS_DIR / "answer.txt").read_text(encoding="utf-8")
    for required in ("报告未提及", "[n]", "照抄", "年份", "实绩", "目标"):
        assert required in system, required
    assert "报告未提及" in human and "[n]" in human
    assert set(answer_prompt().input_variables) == {"question", "passages"}


def test_the_model_sees_numbered_passages_with_section_path_and_year(hits):
    system, human = prompt_messages(QUESTION, hits)
    assert system.type == "system" and "报告未提及" in system.content
    text = human.content
    assert QUESTION in text
    first = text.index("[1] ")
    assert text.index(GOLD_350) > first and text.index(GOLD_350) < text.index("[2] ")
    assert GOLD_SECTION in text[first:text.index("[2] ")]
    assert "2024年（本年的目标任务）" in text[first:text.index("[2] ")]
    # the 2023 result (290亿元) is among the hits and must be labelled as last year's result
    at_290 = text.index("290亿元")
    assert "2023年（上一年的实绩）" in text[text.rindex("年份", 0, at_290) - 1:at_290]
    assert all(f"[{i}] " in text for i in range(1, len(hits) + 1))


# --- answers parsed into citations -----------------------------------------------------------------

def test_faithful_answer_passes_and_its_marker_maps_to_the_gold_sentence(hits, report_doc):
    ans = llm_answer(QUESTION, hits, Config(), chat_model=fake(FAITHFUL))
    assert ans.mode == "llm" and not ans.refused
    assert ans.text == FAITHFUL
    [c] = ans.citations
    assert c.n == 1 and c.chunk_id == hits[0].chunk.id
    assert GOLD_350 in c.quote and c.section == GOLD_SECTION
    assert c.doc_title == "广元市2024年政府工作报告" and c.year_scope == "2024"
    assert report_doc.text[c.char_span[0]:c.char_span[1]] == c.quote     # verbatim, checkable
    assert verify_numbers(ans.text, ans.citations) == []
    assert verified_or_fallback(ans, extractive_answer(QUESTION, hits, understand(QUESTION))) is ans


def test_markers_are_renumbered_by_first_use_and_bracket_styles_normalised(hits):
    n = next(i for i, h in enumerate(hits) if "290亿元" in h.chunk.text) + 1     # the 2023 figure's passage
    assert n > 1
    text = f"2023年实现产值290亿元、增长30%【{n}】；2024年力争实现产值350亿元以上[{n},1]。"
    ans = llm_answer(QUESTION, hits, Config(), chat_model=fake(text))
    assert ans.text == "2023年实现产值290亿元、增长30%[1]；2024年力争实现产值350亿元以上[1][2]。"
    assert [c.chunk_id for c in ans.citations] == [hits[n - 1].chunk.id, hits[0].chunk.id]
    assert [c.n for c in ans.citations] == [1, 2]
    assert verification_problems(ans) == []


def test_invented_number_is_caught_and_the_extractive_answer_replaces_it(hits, extractive):
    ans = llm_answer(QUESTION, hits, Config(), chat_model=fake(INVENTED))
    assert verify_numbers(ans.text, ans.citations) == ["400亿元"]
    final = verified_or_fallback(ans, extractive)
    assert final.mode == "llm→extractive"
    assert "400亿元" in final.note and "原文摘录" in final.note
    assert "350亿元" in final.text and "400" not in final.text
    assert final.citations == extractive.citations


def test_a_number_from_a_passage_the_answer_did_not_cite_is_caught(hits):
    # 425亿元 is in passage [4], but the answer cites only [1]
    ans = llm_answer(QUESTION, hits, Config(), chat_model=fake("铝基新材料力争实现产值425亿元以上[1]"))
    assert verify_numbers(ans.text, ans.citations) == ["425亿元"]


def test_the_wrong_year_for_a_cited_target_is_caught(hits):
    ans = llm_answer(QUESTION, hits, Config(), chat_model=fake("2023年铝基新材料实现产值350亿元以上[1]"))
    assert verify_numbers(ans.text, ans.citations) == ["2023年"]


@pytest.mark.parametrize("text,problem", [
    ("铝基新材料力争实现产值350亿元以上。", "引用编号"),          # no [n] at all
    ("力争实现产值350亿元以上[9]", "[9]"),                        # a passage that was never given
    ("", "没有给出回答"),
])
def test_unverifiable_answers_fall_back_with_a_note_naming_the_problem(hits, extractive, text, problem):
    ans = llm_answer(QUESTION, hits, Config(), chat_model=fake(text))
    final = verified_or_fallback(ans, extractive)
    assert final.mode == "llm→extractive" and problem in final.note, final.note
    assert final.text == extractive.text


@pytest.mark.parametrize("text", ["报告未提及广元的房价。", "报告未提及房价[2]，只提到了住房保障。",
                                  "根据所给段落，报告未提及这一内容。"])
def test_refusal_is_parsed_as_refused_without_citations(hits, text):
    ans = llm_answer("广元的房价是多少", hits, Config(), chat_model=fake(text))
    assert ans.refused and ans.citations == [] and ans.mode == "llm"
    assert "报告未提及" in ans.text and "[" not in ans.text
    assert verification_problems(ans) == []


def test_a_refusal_that_slips_in_a_new_number_is_not_trusted(hits, extractive):
    ans = llm_answer("广元的房价是多少", hits, Config(), chat_model=fake("报告未提及房价，但均价约8000元。"))
    assert ans.refused
    assert verified_or_fallback(ans, extractive).mode == "llm→extractive"


def test_reasoning_blocks_are_dropped_before_parsing(hits):
    ans = llm_answer(QUESTION, hits, Config(),
                     chat_model=fake("<think>也许是400亿元[2]？</think>" + FAITHFUL))
    assert ans.text == FAITHFUL and verification_problems(ans) == []


def test_the_lcel_answer_chain_returns_an_answer(hits):
    chain = answer_chain(GenericFakeChatModel(messages=iter([FAITHFUL])))
    ans = chain.invoke({"question": QUESTION, "hits": hits})
    assert ans.citations[0].chunk_id == hits[0].chunk.id and ans.text == FAITHFUL


# --- number verification --------------------------------------------------------------------------

@pytest.mark.parametrize("answer,quote,unsupported", [
    ("力争实现产值350亿元[1]", "力争实现产值350亿元以上；", []),      # 以上 in the quote still supports
    ("力争实现产值400亿元[1]", "力争实现产值350亿元以上；", ["400亿元"]),
    ("预期增长6.5%[1]", "地区生产总值增长6.5%左右", []),
    ("预期增长5%[1]", "地区生产总值增长6.5%左右", ["5%"]),             # not a substring match
    ("增长6.5个百分点[1]", "增长6.5%", ["6.5个百分点"]),              # another unit
    ("产值350万元[1]", "产值350亿元以上", ["350万元"]),              # another magnitude
    ("共350吨[1]", "产值350亿元以上", ["350吨"]),
    ("增长百分之六点五[1]", "增长6.5%左右", []),
    ("出台三十五条措施[1]", "出台推动经济运行整体好转35条", []),
    ("引进资金突破千亿元[1]", "引进到位市外资金突破千亿元、增长13.68%", []),
    ("引进资金突破万亿元[1]", "引进到位市外资金突破千亿元、增长13.68%", ["万亿元"]),
    ("实施项目攻坚三年行动[1]", "深入实施项目攻坚三年行动", []),
    ("实施项目攻坚五年行动[1]", "深入实施项目攻坚三年行动", ["五年"]),
    ("增长６．５％[1]", "增长6.5%左右", []),                          # full-width forms
    ("力争实现产值 350 亿元[1]", "力争实现产值350亿元以上；", []),     # spaces some models insert
    ("力争实现产值 400 亿元[1]", "力争实现产值350亿元以上；", ["400亿元"]),
    ("增长6.5%[1][12]", "增长6.5%左右", []),                          # markers are not numbers
    ("2024年力争实现产值350亿元以上[1]", "力争实现产值350亿元以上", []),   # year = the citation's scope
    ("2022年实现产值350亿元以上[1]", "力争实现产值350亿元以上", ["2022年"]),
])
def test_verify_numbers(answer, quote, unsupported):
    assert verify_numbers(answer, [cite(quote)]) == unsupported


def test_chinese_numerals_are_read_as_numbers():
    assert cn_to_number("三十五") == 35
    assert cn_to_number("千亿") == Decimal(10) ** 11
    assert cn_to_number("三亿五千万") == 350_000_000
    assert cn_to_number("一百零五") == 105
    assert cn_to_number("二〇二四") == 2024
    assert cn_to_number("十四五") is None        # a plan's name, not a number
    assert [m.text for m in number_mentions("这一年，万顺中基、千川门窗等“十四五”项目")] == []


def test_every_sentence_of_the_report_verifies_against_itself_and_a_changed_number_does_not(report_doc):
    """Copying a passage verbatim must always pass; changing any one quantity in it must fail."""
    checked = 0
    for chunk in chunk_document(report_doc):
        quote = chunk.text
        citation = cite(quote, year_scope=chunk.year_scope, section=chunk.section_path)
        assert verify_numbers(quote + "[1]", [citation]) == [], quote
        mentions = [m for m in number_mentions(quote) if m.text[0].isdigit() and not m.is_year]
        if not mentions:
            continue
        m = mentions[0]
        digits = m.text[:len(m.text) - len(m.text.lstrip("0123456789.,"))]
        changed = str(Decimal(digits.replace(",", "")) + 7) + m.text[len(digits):]
        if any(x.value == number_mentions(changed)[0].value and x.unit == number_mentions(changed)[0].unit
               for x in number_mentions(quote + chunk.section_path)):
            continue                                    # the changed value happens to occur too
        assert verify_numbers(quote.replace(m.text, changed, 1) + "[1]", [citation]) == [changed], (quote, changed)
        checked += 1
    assert checked > 100                                # the report is full of figures


@pytest.mark.parametrize("question", [QUESTION, "去年GDP增长多少", "新改建农村公路多少公里"])
def test_extractive_answers_always_pass_the_same_check(question):
    from rag import ask
    ans = ask(question)
    assert not ans.refused and verify_numbers(ans.text, ans.citations) == []


# --- streaming ------------------------------------------------------------------------------------

def test_streaming_yields_growing_text_then_the_verified_answer(hits):
    parts = list(stream_llm_answer(QUESTION, hits, Config(), chat_model=fake(FAITHFUL),
                           fallback=extractive_answer(QUESTION, hits, understand(QUESTION))))
    texts, final = parts[:-1], parts[-1]
    assert len(texts) > 5 and all(isinstance(t, str) for t in texts)
    assert all(b.startswith(a) for a, b in itertools.pairwise(texts))
    assert texts[-1] == FAITHFUL
    assert final.mode == "llm" and final.text == FAITHFUL and final.citations[0].chunk_id == hits[0].chunk.id


def test_streaming_an_invented_number_ends_with_the_extractive_answer(hits):
    parts = list(stream_llm_answer(QUESTION, hits, Config(), chat_model=fake(INVENTED),
                           fallback=extractive_answer(QUESTION, hits, understand(QUESTION))))
    assert parts[-2] == INVENTED                      # what the user saw while it streamed
    final = parts[-1]
    assert final.mode == "llm→extractive" and "400亿元" in final.note
    assert "350亿元" in final.text and GOLD_350 in final.citations[0].quote


def test_streaming_uses_the_fallback_it_is_given(hits, extractive):
    from dataclasses import replace
    given = replace(extractive, note="已核对")
    final = list(stream_llm_answer(QUESTION, hits, Config(), chat_model=fake(INVENTED), fallback=given))[-1]
    assert final.mode == "llm→extractive" and final.note.endswith("已核对")


# --- configuration and the offline default --------------------------------------------------------

@pytest.mark.parametrize("config,missing", [
    (Config(), "RAG_LLM_BASE_URL, RAG_LLM_MODEL"),
    (Config(llm_base_url="http://127.0.0.1:9/v1"), "missing: RAG_LLM_MODEL"),
])
def test_missing_endpoint_gives_llm_unavailable_with_the_fix(hits, config, missing):
    with pytest.raises(LLMUnavailable, match="LLM answering needs RAG_LLM_BASE_URL and RAG_LLM_MODEL") as err:
        llm_answer(QUESTION, hits, config)
    assert missing in str(err.value)
    with pytest.raises(LLMUnavailable):
        next(stream_llm_answer(QUESTION, hits, config, fallback=extractive_answer(QUESTION, hits, understand(QUESTION))))


def test_configured_endpoint_builds_chat_openai_with_short_timeout():
    model = build_chat_model(Config(llm_base_url="http://127.0.0.1:9/v1", llm_model="qwen-plus", llm_api_key="k"))
    assert type(model).__name__ == "ChatOpenAI"
    assert model.model_name == "qwen-plus" and model.openai_api_base == "http://127.0.0.1:9/v1"
    assert model.request_timeout == 30 and model.max_retries == 1 and model.temperature == 0


def test_unreachable_endpoint_gives_llm_unavailable_naming_it(hits):
    config = Config(llm_base_url="http://127.0.0.1:9/v1", llm_model="m")   # port 9: nothing listens
    with pytest.raises(LLMUnavailable, match=r"127\.0\.0\.1:9"):
        llm_answer(QUESTION, hits, config)


def test_offline_default_needs_neither_network_nor_langchain_openai():
    script = """
import socket, sys
def no_network(*a, **k):
    raise AssertionError("the offline default tried to open a network connection")
socket.socket.connect = no_network
socket.create_connection = no_network
from rag import ask
ans = ask("铝基新材料目标是多少")
assert "350亿元" in ans.text and ans.mode == "extractive", ans
assert "langchain_openai" not in sys.modules
assert "openai" not in sys.modules
print("ok")
"""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RAG_LLM_", "RAG_ANSWER_MODE"))}
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr[-2000:]
