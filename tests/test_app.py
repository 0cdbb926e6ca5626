"""The chat UI (app.py): display helpers escape everything and link every [n] to its card; the running
app answers through the /ask API with citations, turns unusable input into a message, never a traceback.

The server tests launch `app.demo` on a free 127.0.0.1 port and talk to it with gradio_client, like any
outside program would. They use the default index (index/, built on first use like the app does).
"""
from __future__ import annotations

import csv
import logging
import re
import socket
import sys

import pytest

from rag import ask
from rag.config import ROOT
from rag.interfaces import app
from rag.types import Answer, Citation

ALUMINIUM_Q = "铝基新材料目标是多少"
ALUMINIUM_SECTION_LEAF = "推动工业经济突破增长"
INJECTIONS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fake_citation(**changes) -> Citation:
    base = dict(n=1, chunk_id="doc#p1s0", quote="全年地区生产总值增长6.2%", section="2023年工作回顾 > 经济",
                doc_title="测试报告", score=1.0, char_span=(10, 24), paragraph="前文。全年地区生产总值增长6.2%，后文。",
                year_scope="2023")
    base.update(changes)
    return Citation(**base)


@pytest.fixture(scope="module")
def aluminium_answer() -> Answer:
    return ask(ALUMINIUM_Q)


# ---------------------------------------------------------------- helpers

@pytest.mark.parametrize("evil", [*INJECTIONS, "<a href='javascript:alert(1)'>x</a>"])
def test_escape_md_leaves_no_tag(evil):
    out = app.escape_md(evil)
    assert "<" not in out
    assert "&lt;" in out


def test_escape_md_blocks_markdown_links_and_emphasis():
    out = app.escape_md("[点我](javascript:alert(1)) **粗** `code` $x$")
    assert "](" not in out.replace("\\](", "")      # the only "](" left is escaped
    for ch in "[]*`$":
        assert re.search(r"(?<!\\)" + re.escape(ch), out) is None, ch


def test_escape_html_neutralises_tags_quotes_and_template_syntax():
    out = app.escape_html("<b onclick=\"x\">{{value}} ${1+1} `t`</b>")
    assert not set("<>\"{}$`") & set(out)
    assert "&lt;b onclick=&quot;x&quot;&gt;" in out


def test_markers_become_links_then_plain_again():
    linked = app.text_with_markers("GDP增长6.2%[1]，投资增长4.2%[2]", linked=True)
    assert "[\\[1\\]](#cite-1)" in linked and "[\\[2\\]](#cite-2)" in linked
    assert app.text_with_markers("产值350亿元[1]", linked=False) == "产值350亿元[1]"
    assert "#cite-" not in app.unlink_markers(linked)
    assert app.unlink_markers(linked).count("\\[") == 2


def test_card_marks_the_quote_inside_its_paragraph(aluminium_answer):
    c = aluminium_answer.citations[0]
    card = app.citation_card(c)
    assert 'id="cite-1"' in card
    assert f"<mark>{app.escape_html(c.quote.strip())}</mark>" in card
    assert "350亿元" in card
    for part in c.section.split(" > "):
        assert app.escape_html(part) in card
    assert c.doc_title in card
    assert "2024 计划" in card
    # the excerpt shows text around the quote from the real paragraph, not the quote alone
    assert card.count("<mark>") >= 1 and len(re.sub(r"<[^>]+>", "", card)) > len(c.quote) + 50


def test_year_label_distinguishes_review_from_plan():
    gdp = ask("去年GDP增长多少").citations[0]
    assert app.year_label(gdp) == "2023 回顾"
    assert app.year_label(_fake_citation(section="2024年主要目标任务和重点工作 > x", year_scope="2024")) == "2024 计划"
    assert app.year_label(_fake_citation(year_scope="")) == ""


def test_card_escapes_report_text():
    c = _fake_citation(quote="<script>alert(1)</script>", paragraph="前<img src=x onerror=alert(1)>后<script>alert(1)</script>",
                       section="A > <b>B</b>", doc_title="{{x}}")
    card = app.citation_card(c)
    assert "<script" not in card and "<img" not in card and "<b>" not in card and "{{" not in card
    assert "<mark>&lt;script&gt;alert(1)&lt;/script&gt;</mark>" in card


def test_card_without_the_quote_in_the_paragraph_still_marks_it():
    card = app.citation_card(_fake_citation(paragraph="完全不同的段落。"))
    assert "<mark>全年地区生产总值增长6.2%</mark>" in card


def test_api_markdown_has_answer_citation_and_section(aluminium_answer):
    md = app.answer_markdown(aluminium_answer)
    assert "350亿元" in md and "[1]" in md
    assert aluminium_answer.citations[0].section in md
    evil = Answer("q", "答<script>alert(1)</script>[1]", [_fake_citation(quote="<img src=x onerror=alert(1)>")], False)
    md = app.answer_markdown(evil)
    assert "<script" not in md and "<img" not in md and "[1]" in md


# ---------------------------------------------------------------- chat handler

def _run_chat(question, history=None, k=5):
    return list(app.chat(question, history or [], k, "extractive"))


def test_chat_streams_then_links_markers_and_fills_the_panel():
    steps = _run_chat(ALUMINIUM_Q)
    assert len(steps) >= 3                          # the question, at least one partial text, the final answer
    history, panel, box = steps[-1]
    assert history[0] == {"role": "user", "content": ALUMINIUM_Q}
    assert "350亿元" in history[1]["content"] and "(#cite-1)" in history[1]["content"]
    assert history[2]["metadata"]["title"].startswith("来源")
    assert ALUMINIUM_SECTION_LEAF in history[2]["content"]
    assert 'id="cite-1"' in panel and "<mark>" in panel and ALUMINIUM_SECTION_LEAF in panel
    assert box == ""


def test_second_answer_unlinks_the_first():
    first, _, _ = _run_chat(ALUMINIUM_Q)[-1]
    history, _, _ = _run_chat("去年GDP增长多少", history=first)[-1]
    assert "#cite-" not in history[1]["content"] and "350亿元" in history[1]["content"]
    assert "(#cite-1)" in history[-2]["content"] and "6.2%" in history[-2]["content"]


def test_chat_accepts_gradio6_message_parts():
    parts = [{"role": "user", "content": [{"type": "text", "text": "问"}]},
             {"role": "assistant", "content": [{"type": "text", "text": "答[\\[1\\]](#cite-1)"}]}]
    history, _, _ = _run_chat("去年GDP增长多少", history=parts)[-1]
    assert history[0] == {"role": "user", "content": "问"}
    assert history[1]["content"] == "答\\[1\\]"


@pytest.mark.parametrize("question, expected", [
    ("", "问题为空"), ("   \t ", "问题为空"), ("广元" * 300, "问题太长")])
def test_unusable_input_gets_a_clear_message(question, expected):
    history, _panel, box = _run_chat(question)[-1]
    reply = history[-1]["content"]
    assert reply.startswith("⚠️") and expected in reply
    assert "Traceback" not in reply
    assert box == question                         # kept in the box so it can be fixed


@pytest.mark.parametrize("evil", INJECTIONS)
def test_injection_is_shown_escaped_in_chat(evil):
    history, panel, _ = _run_chat(evil)[-1]
    assert history[0]["content"] == app.escape_md(evil)
    assert "<" not in history[0]["content"]
    assert "<script" not in str(history) and "<img" not in str(history)
    assert "<script" not in str(panel) and "<img" not in str(panel)


def test_unexpected_error_gives_generic_message_and_logs_traceback(monkeypatch, caplog):
    def broken(question, **kwargs):
        raise RuntimeError("index exploded at /secret/path")
        yield  # pragma: no cover

    monkeypatch.setattr(app, "ask_stream", broken)
    with caplog.at_level(logging.ERROR, logger="rag.app"):
        history, _, _ = _run_chat(ALUMINIUM_Q)[-1]
    assert history[-1]["content"] == app.GENERIC_ERROR
    assert "/secret/path" not in str(history)
    assert any(r.exc_info and "index exploded" in str(r.exc_info[1]) for r in caplog.records)


def test_top_k_reaches_ask_stream(monkeypatch):
    seen = {}

    def spy(question, **kwargs):
        seen.update(kwargs)
        yield Answer(question, "报告未提及", [], True)

    monkeypatch.setattr(app, "ask_stream", spy)
    _run_chat(ALUMINIUM_Q, k=3)
    assert seen["k"] == 3 and seen.get("config") is None       # None: the library reads its own settings


def test_llm_choice_reaches_the_library_only_when_it_differs(monkeypatch):
    for var in ("RAG_LLM_BASE_URL", "RAG_LLM_MODEL", "RAG_ANSWER_MODE"):
        monkeypatch.delenv(var, raising=False)
    assert app._answer_config("extractive") is None
    monkeypatch.setenv("RAG_LLM_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("RAG_LLM_MODEL", "some-model")
    assert app._answer_config("llm").answer_mode == "llm"
    assert app._mode_radio().interactive is True
    monkeypatch.delenv("RAG_LLM_MODEL")
    assert app._mode_radio().interactive is False      # not configured: the radio is shown disabled


def test_auth_from_env():
    assert app.auth_from_env({}) is None
    assert app.auth_from_env({"RAG_UI_USER": "u", "RAG_UI_PASSWORD": "p"}) == ("u", "p")
    with pytest.raises(ValueError, match="RAG_UI_PASSWORD"):
        app.auth_from_env({"RAG_UI_USER": "u"})


# ---------------------------------------------------------------- 指标一览

def test_indicator_tab_filters_and_exports(tmp_path):
    if app._indicators_module() is None:
        pytest.skip("rag/indicators.py has not landed yet (the tab shows 指标表尚未就绪)")
    status, rows, csv_path = app.indicators_view()
    assert rows and "共" in status
    _, targets, _ = app.indicators_view(kind="target")
    assert targets and all(r[2] == "目标" for r in targets)
    _, hits, _ = app.indicators_view(search="铝基")
    assert hits and any("350" in r[1] for r in hits)
    with open(csv_path, encoding="utf-8-sig", newline="") as f:
        assert len(list(csv.reader(f))) >= len(rows)            # a header plus one line per row


# ---------------------------------------------------------------- the running app

@pytest.fixture(scope="module")
def client():
    from gradio_client import Client
    _, url, _ = app.serve("127.0.0.1", _free_port(), block=False, quiet=True)
    try:
        yield Client(url, verbose=False)
    finally:
        app.demo.close()


def test_api_answers_with_citation_and_section(client):
    out = client.predict(ALUMINIUM_Q, api_name="/ask")
    assert "350亿元" in out and "[1]" in out
    assert "2024年主要目标任务和重点工作 > " in out and ALUMINIUM_SECTION_LEAF in out


@pytest.mark.parametrize("question, expected", [("", "问题为空"), ("   ", "问题为空"), ("问" * 501, "问题太长")])
def test_api_unusable_input_gets_a_message(client, question, expected):
    out = client.predict(question, api_name="/ask")
    assert out.startswith("⚠️") and expected in out


@pytest.mark.parametrize("evil", INJECTIONS)
def test_api_output_never_carries_markup(client, evil):
    out = client.predict(evil + " 铝基新材料目标是多少", api_name="/ask")
    assert "<script" not in out and "<img" not in out
    assert "350亿元" in out


def test_only_ask_is_a_public_endpoint(client):
    assert list(client.view_api(return_format="dict", print_info=False)["named_endpoints"]) == ["/ask"]


def _start_app(port: int, env_extra: dict[str, str], log_path):
    """`python app.py` as a user starts it; its output goes to a file (a pipe nobody reads could fill up)."""
    import os
    import subprocess
    env = {k: v for k, v in os.environ.items() if k not in ("RAG_UI_USER", "RAG_UI_PASSWORD")} | env_extra
    with open(log_path, "wb") as log:
        return subprocess.Popen([sys.executable, "app.py", "--port", str(port)], cwd=ROOT,
                                env=env, stdout=log, stderr=subprocess.STDOUT)


def test_half_configured_login_is_refused_with_the_fix(tmp_path):
    log = tmp_path / "app.log"
    proc = _start_app(_free_port(), {"RAG_UI_USER": "reporter"}, log)
    assert proc.wait(timeout=120) == 2
    out = log.read_text()
    assert "RAG_UI_USER and RAG_UI_PASSWORD must be set together" in out and "Traceback" not in out


def test_login_from_env_protects_ui_and_api(tmp_path):
    import time
    import urllib.error
    import urllib.request

    from gradio_client import Client
    from gradio_client.exceptions import AuthenticationError
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    log = tmp_path / "app.log"
    proc = _start_app(port, {"RAG_UI_USER": "reporter", "RAG_UI_PASSWORD": "s3cret-广元"}, log)
    try:
        deadline = time.monotonic() + 240
        while True:
            assert proc.poll() is None, log.read_text()
            try:
                urllib.request.urlopen(url + "config", timeout=5)
            except urllib.error.HTTPError as e:      # up, and asking for a login
                assert e.code in (401, 403)
                break
            except OSError:
                pass
            else:
                pytest.fail("the app served its config without a login")
            assert time.monotonic() < deadline, "app.py did not start:\n" + log.read_text()
            time.sleep(0.5)
        # gradio_client says 401 as AuthenticationError; any other failure (a crash, a refused
        # connection) would be another exception and fail the test
        with pytest.raises(AuthenticationError):
            Client(url, verbose=False)
        with pytest.raises((AuthenticationError, ValueError), match=r"(?i)login|credential|auth"):
            Client(url, auth=("reporter", "wrong"), verbose=False)
        out = Client(url, auth=("reporter", "s3cret-广元"), verbose=False).predict(ALUMINIUM_Q, api_name="/ask")
        assert "350亿元" in out
    finally:
        proc.terminate()
        proc.wait(timeout=15)


# ---------------------------------------------------------------- 报告库: uploads change what everyone is told

@pytest.mark.parametrize("host, auth, allowed", [("127.0.0.1", None, True), ("localhost", None, True),
                                                 ("0.0.0.0", None, False), ("0.0.0.0", ("u", "p"), True),
                                                 ("192.0.2.7", None, False)])
def test_uploading_needs_the_login_off_this_machine(host, auth, allowed):
    ok, why = app.edit_policy(host, auth)
    assert ok == allowed and (("RAG_UI_USER" in why) != allowed)


def test_an_upload_is_indexed_in_the_background_and_answers(tmp_path, monkeypatch):
    import shutil
    import time

    from rag.search.retrieval import reset_cache
    from tests.conftest import REPORT
    data = tmp_path / "data"
    data.mkdir()
    for f in (REPORT, REPORT.with_suffix(".meta.json")):
        shutil.copy2(f, data / f.name)
    monkeypatch.setenv("RAG_DATA_DIR", str(data))
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "index"))
    cache = ROOT / ".index.embeddings"       # the default index's embeddings: only the upload is embedded here
    if cache.is_dir():
        shutil.copytree(cache, tmp_path / ".index.embeddings")
    monkeypatch.setitem(app.CAN_EDIT, "allowed", True)
    reset_cache()
    upload = tmp_path / "upload" / "云岚 报告 2025.txt"          # a name with spaces: stored sanitized
    upload.parent.mkdir()
    shutil.copy2(ROOT / "eval" / "multi" / "reports" / "yunlan_2025.txt", upload)
    shutil.copy2(ROOT / "eval" / "multi" / "reports" / "yunlan_2025.meta.json", upload.parent / "云岚 报告 2025.meta.json")
    status, _ = app.upload_reports([str(upload), str(upload.parent / "云岚 报告 2025.meta.json")])
    assert "正在加入 1 份报告" in status
    deadline = time.monotonic() + 120
    while app.JOB.running:
        assert time.monotonic() < deadline
        time.sleep(0.2)
    assert "已加入：云岚省2025年政府工作报告" in app.JOB.message, app.JOB.message
    assert (data / "云岚_报告_2025.txt").exists() and (data / "云岚_报告_2025.meta.json").exists()
    assert {r[0] for r in app.reports_table()} == {"云岚省2025年政府工作报告", "广元市2024年政府工作报告"}
    ans = ask("云岚省去年地区生产总值是多少")
    assert "24618.7亿元" in ans.text and {c.region for c in ans.citations} == {"云岚省"}
    status, _ = app.remove_report("云岚_报告_2025")
    while app.JOB.running:
        time.sleep(0.2)
    assert "已删除：云岚省2025年政府工作报告" in app.JOB.message
    monkeypatch.setitem(app.CAN_EDIT, "allowed", False)
    monkeypatch.setitem(app.CAN_EDIT, "why", "上传和删除报告已关闭")
    assert app.upload_reports([str(upload)])[0].startswith("⚠️ 上传和删除报告已关闭")
    reset_cache()
