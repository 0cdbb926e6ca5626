"""The chat UI in a real browser (Debian's chromium driven by Playwright): a typed question gets a streamed
answer with "350亿元", its [1] links to a source card showing the section path with the cited sentence
highlighted, injected markup stays text, and the page fetches nothing from outside 127.0.0.1.

The app runs as `python app.py --port <free>` in a subprocess, exactly as a user starts it.
Screenshots go to tests/artifacts/ (git-ignored): chat.png and indicators.png.
Chromium comes from apt (`make test` installs it); `playwright install` is never used (no downloads).
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
LOCAL_PREFIXES = ("http://127.0.0.1", "data:", "blob:", "about:")

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing in CI: `make test` installs it "
                    "(apt-get install -y chromium fonts-noto-cjk)", pytrace=False)
    pytest.skip(f"{CHROMIUM} not installed (run: apt-get install -y chromium fonts-noto-cjk); "
                "the browser test is required in CI", allow_module_level=True)

from playwright.sync_api import expect, sync_playwright  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """`python app.py` on a free port; its log lands in a tmp file shown if it fails to start."""
    port = _free_port()
    log_path = tmp_path_factory.mktemp("app") / "app.log"
    env = {k: v for k, v in os.environ.items() if k not in ("RAG_UI_USER", "RAG_UI_PASSWORD")}
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([sys.executable, "app.py", "--host", "127.0.0.1", "--port", str(port)],
                                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 240       # an index build on a fresh checkout takes ~25 s; imports ~10 s
        while True:
            if proc.poll() is not None:
                pytest.fail(f"app.py exited with {proc.returncode}:\n{log_path.read_text(errors='replace')[-3000:]}")
            try:
                with urllib.request.urlopen(url, timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"app.py did not serve {url}:\n{log_path.read_text(errors='replace')[-3000:]}")
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def browser_page(app_url):
    """A chromium page on the app that records every request leaving 127.0.0.1 and every JS dialog."""
    outside, dialogs = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(LOCAL_PREFIXES) else None)
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(app_url)
        page.locator("#question textarea").wait_for()
        yield page, outside, dialogs
        browser.close()


def _ask(page, question: str) -> None:
    box = page.locator("#question textarea")
    box.fill(question)
    box.press("Enter")


def test_question_gets_answer_with_linked_source_card(browser_page):
    page, _outside, dialogs = browser_page
    _ask(page, "铝基新材料目标是多少")
    chat = page.locator("#chatbot")
    expect(chat).to_contain_text("350亿元", timeout=60_000)
    card = page.locator("#cite-panel #cite-1")
    expect(card).to_be_visible(timeout=30_000)
    expect(card).to_contain_text("推动工业经济突破增长")          # the section path's leaf
    expect(card).to_contain_text("2024年主要目标任务和重点工作")
    expect(card).to_contain_text("2024 计划")
    mark = card.locator("mark").first
    expect(mark).to_be_visible()
    expect(mark).to_contain_text("350亿元")
    # the highlight is really painted, not just present in the DOM
    assert mark.evaluate("m => getComputedStyle(m).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    link = chat.locator('a[href="#cite-1"]')
    expect(link).to_have_text("[1]")
    link.click()
    page.wait_for_function("location.hash === '#cite-1'")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "chat.png"), full_page=True)
    assert not dialogs


def test_injected_markup_is_shown_as_text(browser_page):
    page, _outside, dialogs = browser_page
    evil = "<img src=x onerror=alert(1)><script>alert(2)</script>"
    _ask(page, evil)
    chat = page.locator("#chatbot")
    expect(chat).to_contain_text(evil, timeout=30_000)                # the literal characters, as typed
    # the panel is redrawn once the final answer is in, headed by the question (as text there too)
    expect(page.locator("#cite-panel .cite-q")).to_contain_text(evil, timeout=30_000)
    assert chat.locator("script").count() == 0
    assert chat.locator("img[src=x], img[onerror]").count() == 0
    assert page.locator("#cite-panel img, #cite-panel script").count() == 0
    page.wait_for_timeout(500)                                        # let any injected handler fire
    assert not dialogs


def test_example_question_runs_on_click(browser_page):
    page, _, _ = browser_page
    page.locator("#examples").get_by_text("去年GDP增长多少").click()
    expect(page.locator("#chatbot")).to_contain_text("6.2%", timeout=60_000)
    expect(page.locator("#cite-panel #cite-1")).to_contain_text("2023 回顾", timeout=30_000)


def test_empty_question_gets_a_message_not_an_error(browser_page):
    page, _, _ = browser_page
    _ask(page, "   ")
    expect(page.locator("#chatbot")).to_contain_text("问题为空", timeout=30_000)


def test_indicator_tab(browser_page):
    page, _, _ = browser_page
    page.get_by_role("tab", name="指标一览").click()
    status = page.locator("#indicator-status")
    expect(status).to_be_visible()
    if "尚未就绪" not in status.inner_text():
        expect(status).to_contain_text("条指标", timeout=30_000)
        expect(page.locator("#indicator-table")).to_contain_text("地区生产总值增长")
        expect(page.locator("#pair-table")).to_contain_text("6.5%以上")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "indicators.png"), full_page=True)
        page.get_by_label("搜索").fill("铝基")
        expect(status).not_to_contain_text("当前显示 0 条", timeout=30_000)
        expect(page.locator("#indicator-table")).to_contain_text("350亿元", timeout=30_000)
        expect(page.locator("#indicator-table")).not_to_contain_text("地区生产总值增长")
        with page.expect_download(timeout=30_000) as download:
            page.locator("#indicator-csv").click()
        text = Path(download.value.path()).read_text(encoding="utf-8-sig")
        assert "350" in text and "铝基" in text and "地区生产总值增长" not in text
    else:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "indicators.png"), full_page=True)


def test_nothing_was_fetched_from_the_internet(browser_page):
    _, outside, _ = browser_page
    assert outside == [], f"the page fetched from outside 127.0.0.1: {outside[:5]}"


def test_page_uses_local_cjk_fonts(browser_page):
    page, _, _ = browser_page
    family = page.locator("#chatbot").evaluate("el => getComputedStyle(el).fontFamily")
    assert re.search(r"Noto Sans CJK SC", family), family
