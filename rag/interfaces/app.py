"""Gradio chat UI over the government work reports: streamed answers, every [n] linked to its source card.

Thin by design: every answer, citation and indicator comes from `rag`; this file only lays out the page and
formats what `rag` returns for display (escaped, so no user or report text can inject HTML or script).

Run `python app.py --host 127.0.0.1 --port 7860` (or `rag serve`). Set RAG_UI_USER and RAG_UI_PASSWORD to
require a login. The page loads nothing from the internet: local fonts, analytics off, no share link.
"""
from __future__ import annotations

import argparse
import hashlib
import html
import logging
import os
import re
import shutil
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

# Gradio reads this at import time; without it a version check and telemetry go to the internet.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr

from rag.answer.ask import (
    ask,
    ask_stream,
)
from rag.config import Config
from rag.errors import ConfigError, InvalidQuestion, RagError
from rag.types import Answer, Citation

log = logging.getLogger("rag.app")

TITLE = "政府工作报告问答"
# questions any report may answer (or refuse): the corpus may hold any cities' reports
EXAMPLES = ["铝基新材料目标是多少", "去年GDP增长多少", "今年固定资产投资增长目标",
            "How much did GDP grow last year?", "房价是多少"]
GENERIC_ERROR = "⚠️ 出错了：这个问题没能处理完。请换个问法或稍后再试（错误已记录在服务器日志中）。"
# Whole-answer turns a visitor sees; the question box itself is not capped so the library's
# "问题太长" message (with the limit) reaches the visitor instead of a silently cut question.
SHOWN_QUESTION_CHARS = 200
CONCURRENCY_LIMIT = 4   # 2 cores: 4 at a time gives the same throughput as 16 with a shorter tail (bench/load.py)

# System fonts only: gr.themes.GoogleFont would make every visitor's browser call Google.
THEME = gr.themes.Default(font=["Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "sans-serif"],
                          font_mono=["Noto Sans Mono CJK SC", "monospace"])
CSS = """
#cite-panel { max-height: 78vh; overflow-y: auto; }
.cite-empty { color: var(--body-text-color-subdued); padding: 0.5em 0; }
.cite-q { font-size: 0.9em; color: var(--body-text-color-subdued); margin-bottom: 0.4em; }
.cite-card { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 0.6em 0.8em;
             margin: 0 0 0.7em 0; background: var(--background-fill-secondary); scroll-margin-top: 1em; }
.cite-card:target { border-color: #d97706; box-shadow: 0 0 0 2px #fcd34d; }
.cite-head { display: flex; gap: 0.5em; align-items: center; flex-wrap: wrap; }
.cite-n { font-weight: 700; }
.cite-year { font-size: 0.8em; padding: 0.05em 0.5em; border-radius: 999px; background: #e0e7ff; color: #3730a3; }
.cite-year.review { background: #dcfce7; color: #166534; }
.cite-report { font-size: 0.8em; padding: 0.05em 0.5em; border-radius: 999px; background: #fef3c7; color: #92400e; }
.cite-section { font-size: 0.85em; color: var(--body-text-color-subdued); margin: 0.3em 0; }
.cite-section .sep { margin: 0 0.25em; }
.cite-para { line-height: 1.7; margin: 0.3em 0; }
.cite-para mark { background: #fde68a; color: inherit; padding: 0 1px; }
.cite-doc { font-size: 0.8em; color: var(--body-text-color-subdued); }
.cite-card details summary { cursor: pointer; font-size: 0.85em; color: var(--body-text-color-subdued); }
"""

CITE_MARKER_RE = re.compile(r"\[(\d+)\]")
# characters that would start markdown syntax (links, emphasis, code, tables, math) in escaped text
_MD_SPECIAL_RE = re.compile(r"([\\`*_\[\]~|$])")
_LINKED_MARKER_RE = re.compile(r"\[\\\[(\d+)\\\]\]\(#cite-\d+\)")


# ---------------------------------------------------------------- escaping and formatting (pure)

def escape_html(text: str) -> str:
    """Text made inert for an HTML panel: tags, entities, attribute quotes, and the `${…}`/`{{…}}`
    template syntax gr.HTML would otherwise evaluate."""
    out = html.escape(str(text), quote=True)
    return out.replace("{", "&#123;").replace("}", "&#125;").replace("$", "&#36;").replace("`", "&#96;")


def escape_md(text: str) -> str:
    """Text made inert for a markdown message: no HTML tag, entity, link, emphasis, code or math."""
    out = html.escape(str(text), quote=False)
    out = _MD_SPECIAL_RE.sub(r"\\\1", out)
    # a '#' opening a line would make a heading
    return re.sub(r"(?m)^(\s*)#", r"\1\\#", out)


def text_with_markers(text: str, linked: bool) -> str:
    """Answer text escaped for markdown with each [n] kept: a link to its card (#cite-n) or literal."""
    parts = CITE_MARKER_RE.split(text)
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(escape_md(part))
        elif linked:
            out.append(f"[\\[{part}\\]](#cite-{part})")
        else:
            out.append(f"[{part}]")
    return "".join(out)


def unlink_markers(markdown: str) -> str:
    """An older answer's [n] links made plain: the card panel only holds the newest answer's cards."""
    return _LINKED_MARKER_RE.sub(r"\\[\1\\]", markdown)


def year_label(c: Citation) -> str:
    """'2023 回顾' / '2024 计划' from the citation's year scope and the part of the report it sits in."""
    if not c.year_scope:
        return ""
    part = c.section.split(" > ")[0]
    if "回顾" in part:
        return f"{c.year_scope} 回顾"
    if any(w in part for w in ("目标", "任务", "计划", "安排")):
        return f"{c.year_scope} 计划"
    return c.year_scope


def section_md(section: str) -> str:
    return " > ".join(escape_md(p) for p in section.split(" > "))


def answer_markdown(ans: Answer) -> str:
    """The answer with its numbered citations as markdown, every piece of text escaped (the /ask API)."""
    lines = [text_with_markers(ans.text, linked=False)]
    if ans.note:
        lines += ["", f"_{escape_md(ans.note)}_"]
    for c in ans.citations:
        where = " · ".join(x for x in (escape_md(c.doc_title), section_md(c.section), year_label(c)) if x)
        lines += ["", f"[{c.n}] {escape_md(c.quote)}  ", f"— {where}"]
    return "\n".join(lines)


def sources_markdown(ans: Answer) -> str:
    """The citations inside the chat (a collapsed 来源 message), so older answers keep their sources."""
    blocks = []
    for c in ans.citations:
        label = year_label(c)
        blocks.append(f"**\\[{c.n}\\]** {escape_md(c.quote)}  \n"
                      f"<sub>{escape_md(c.doc_title)} · {section_md(c.section)}{' · ' + label if label else ''}</sub>")
    return "\n\n".join(blocks)


def highlighted_paragraph(paragraph: str, quote: str) -> tuple[str, bool]:
    """The paragraph as HTML with the quote wrapped in <mark>; False when the quote is not in it."""
    quote = quote.strip()
    at = paragraph.find(quote) if quote else -1
    if at < 0:
        return escape_html(paragraph), False
    return (escape_html(paragraph[:at]) + "<mark>" + escape_html(quote) + "</mark>"
            + escape_html(paragraph[at + len(quote):])), True


def citation_card(c: Citation, context_chars: int = 90) -> str:
    """One source card (id cite-n): section path, year scope, the cited sentence highlighted in its
    paragraph (a short excerpt, the whole paragraph one click away), document title and position."""
    paragraph = c.paragraph or c.quote
    quote = c.quote.strip()
    at = paragraph.find(quote) if quote else -1
    if at < 0:      # the quote is not inside the stored paragraph: show it on its own, still marked
        excerpt = f"<mark>{escape_html(quote)}</mark>"
    else:
        start, end = max(0, at - context_chars), min(len(paragraph), at + len(quote) + context_chars)
        excerpt = (("…" if start else "") + escape_html(paragraph[start:at]) + f"<mark>{escape_html(quote)}</mark>"
                   + escape_html(paragraph[at + len(quote):end]) + ("…" if end < len(paragraph) else ""))
    full = ""
    if at >= 0 and (at > context_chars or at + len(quote) + context_chars < len(paragraph)):
        whole, _ = highlighted_paragraph(paragraph, quote)
        full = f'<details><summary>查看整段</summary><p class="cite-para">{whole}</p></details>'
    label = year_label(c)
    year = ""
    if label:
        kind = "review" if "回顾" in label else "plan"
        year = f'<span class="cite-year {kind}">{escape_html(label)}</span>'
    crumbs = '<span class="sep">›</span>'.join(escape_html(p) for p in c.section.split(" > "))
    span = f" · 原文第 {c.char_span[0]}–{c.char_span[1]} 字" if c.char_span != (0, 0) else ""
    return (f'<div class="cite-card" id="cite-{int(c.n)}">'
            f'<div class="cite-head"><span class="cite-n">[{int(c.n)}]</span>{year}'
            f'<span class="cite-report">{escape_html(c.doc_title)}</span></div>'
            f'<div class="cite-section">{crumbs}</div>'
            f'<p class="cite-para">{excerpt}</p>{full}'
            f'<div class="cite-doc">{escape_html(c.doc_title)}{span}</div></div>')


EMPTY_PANEL = ('<div class="cite-empty">提问后，这里显示回答里每个 [n] 引用的原文：章节、年份、'
               '所在段落（引用句高亮）。点回答中的 [n] 跳到对应卡片。</div>')


def cards_html(ans: Answer | None) -> str:
    """The source panel for one answer: a card per citation, or why there is none."""
    if ans is None:
        return EMPTY_PANEL
    head = f'<div class="cite-q">问：{escape_html(ans.question)}</div>'
    if not ans.citations:
        return head + '<div class="cite-empty">报告未提及：没有可引用的原文。</div>'
    return head + "".join(citation_card(c) for c in ans.citations)


def shown_question(question: str) -> str:
    q = question.strip()
    if len(q) > SHOWN_QUESTION_CHARS:
        q = q[:SHOWN_QUESTION_CHARS] + f"…（共 {len(q)} 字）"
    return escape_md(q)


# ---------------------------------------------------------------- chat

def _answer_config(mode: str | None) -> Config | None:
    """The config for the chosen answer mode; None (the library's default) unless the visitor picked one
    that differs from it — only possible when an LLM endpoint is configured."""
    if not mode:
        return None
    config = Config.from_env()
    return None if mode == config.answer_mode else config.with_(answer_mode=mode)


def _plain_history(history: list | None) -> list[dict]:
    """Chatbot messages as role/content dicts, older answers' [n] links made plain."""
    out = []
    for m in history or []:
        content = m.get("content")
        if isinstance(content, list):   # Gradio 6 hands messages back as lists of typed parts
            texts = [p.get("text", "") for p in content if isinstance(p, dict) and p.get("type") == "text"]
            if len(texts) != len(content):
                continue                # no files or components are ever shown here
            content = "\n".join(texts)
        msg = {"role": m.get("role", "assistant"), "content": unlink_markers(str(content))}
        if m.get("metadata"):
            msg["metadata"] = dict(m["metadata"])
        out.append(msg)
    return out


def chat(message: str, history: list | None, k: float = 5, mode: str | None = None,
         reports: list[str] | None = None) -> Iterator[tuple]:
    """Stream one turn: yields (chat history, source panel HTML, question box) as the answer grows.
    `reports`: the report filter's choice (report ids; none chosen: every report)."""
    history = _plain_history(history)
    message = message if isinstance(message, str) else ""
    if message.strip():
        history.append({"role": "user", "content": shown_question(message)})
    history.append({"role": "assistant", "content": "…"})
    yield history, gr.skip(), ""
    try:
        for item in ask_stream(message, k=int(k), config=_answer_config(mode), reports=reports or None):
            if isinstance(item, Answer):
                history[-1] = {"role": "assistant", "content": text_with_markers(item.text, linked=True)
                               + (f"\n\n_{escape_md(item.note)}_" if item.note else "")}
                if item.citations:
                    history.append({"role": "assistant", "content": sources_markdown(item),
                                    "metadata": {"title": f"来源（{len(item.citations)} 条原文）", "status": "done"}})
                yield history, cards_html(item), ""
            else:
                history[-1] = {"role": "assistant", "content": text_with_markers(str(item), linked=True)}
                yield history, gr.skip(), ""
    except InvalidQuestion as e:
        history[-1] = {"role": "assistant", "content": f"⚠️ {escape_md(str(e))}"}
        yield history, gr.skip(), message
    except RagError as e:     # our own errors are written for people (e.g. damaged index, LLM unreachable)
        log.warning("question %r: %s", message[:100], e)
        history[-1] = {"role": "assistant", "content": f"⚠️ {escape_md(str(e))}"}
        yield history, gr.skip(), message
    except Exception:
        log.exception("answering %r failed", message[:100])
        history[-1] = {"role": "assistant", "content": GENERIC_ERROR}
        yield history, gr.skip(), message


def ask_markdown(question: str) -> str:
    """Answer a question about the report: the answer text with its numbered citations (quote, document,
    section path, year) as markdown. Unusable input gets a message starting with ⚠️."""
    try:
        return answer_markdown(ask(question))
    except RagError as e:
        return f"⚠️ {escape_md(str(e))}"
    except Exception:
        log.exception("API /ask %r failed", str(question)[:100])
        return GENERIC_ERROR


# ---------------------------------------------------------------- the corpus

def corpus_reports() -> list:
    """The reports of the configured corpus (rag.search.retrieval), [] when it cannot be loaded."""
    from rag.search.retrieval import default_retriever
    try:
        return list(default_retriever().reports)
    except RagError as e:
        log.warning("cannot list the reports: %s", e)
        return []


def corpus_subtitle(reports: list) -> str:
    """The line under the title: which reports the bot answers from (not one city's name, hard-coded)."""
    if not reports:
        return "报告库为空或无法读取：请在数据目录放入政府工作报告（.txt .md .pdf .docx .html）。"
    names = "、".join(r.title for r in reports[:6]) + (f" 等 {len(reports)} 份报告" if len(reports) > 6 else "")
    tail = "每个回答都引用报告原句并注明出自哪份报告，点 [n] 查看出处；报告没有写的，回答“报告未提及”。"
    return f"{names} · {tail}"


def report_choices(reports: list) -> list[tuple[str, str]]:
    return [(f"{r.title}", r.id) for r in reports]


def load_corpus_view():
    """On page load: the subtitle and the report filter's choices."""
    reports = corpus_reports()
    return (f"## {TITLE}\n{escape_md(corpus_subtitle(reports))}",
            gr.update(choices=report_choices(reports), value=[], visible=len(reports) > 1))


# ---------------------------------------------------------------- 报告库: upload and remove reports

REPORT_HEADERS = ["报告", "地区", "级别", "年份", "字数", "段落块", "文件"]
UPLOAD_TYPES = [".txt", ".md", ".pdf", ".docx", ".html", ".htm", ".json", ".tsv"]
LOOPBACK = ("127.0.0.1", "localhost", "::1")
# who may change the corpus: set by serve() from the address and the login (everyone is told its answers)
CAN_EDIT = {"allowed": True, "why": ""}


def edit_policy(host: str, auth: tuple[str, str] | None) -> tuple[bool, str]:
    """(uploads and removals allowed, why not): on any address but this machine they need the login."""
    if host in LOOPBACK or host.startswith("127.") or auth is not None:
        return True, ""
    return False, (f"上传和删除报告已关闭：服务地址 {host} 不是本机，且未设置登录（RAG_UI_USER / RAG_UI_PASSWORD）。"
                   "报告库的改动会影响所有访问者看到的回答。")


class _Job:
    """The one background add/remove at a time: its progress, for the page to poll, while the chat answers."""

    def __init__(self):
        self.lock = threading.Lock()
        self.running = False
        self.message = ""

    def start(self, work, describe: str) -> str:
        with self.lock:
            if self.running:
                return "⏳ 已有一个报告库任务在进行，请稍候。"
            self.running, self.message = True, describe
        threading.Thread(target=self._run, args=(work,), daemon=True, name="rag-reports").start()
        return f"⏳ {describe}"

    def _run(self, work) -> None:
        from rag.search.retrieval import reset_cache
        try:
            message = work(self._progress)
            reset_cache()                    # the next question loads the new index; until now the old one answered
        except RagError as e:
            message = f"⚠️ {e}"
        except Exception:
            log.exception("report library job failed")
            message = "⚠️ 报告库更新失败，报告库和索引保持原样（错误已记录在服务器日志中）。"
        with self.lock:
            self.running, self.message = False, message

    def _progress(self, done: int, total: int) -> None:
        with self.lock:
            self.message = f"⏳ 正在向量化新报告：{done}/{total} 段"


JOB = _Job()


def reports_table() -> list[list]:
    return [[r.title, r.region or "?", r.level or "?", r.year or "?", r.chars, r.chunks, r.source] for r in corpus_reports()]


def _change_message(change) -> str:
    lines = [f"已加入：{t}" for t in change.added] + [f"已删除：{t}" for t in change.removed]
    lines += [f"未处理 {escape_md(name)}：{escape_md(why)}" for name, why in change.skipped]
    if change.index is not None:
        lines.append(f"索引已更新（{change.seconds:.1f} 秒），新的提问会用到它。")
    return "  \n".join(lines) or "没有可处理的文件。"


def upload_reports(files) -> tuple:
    """Stage the uploaded files under their own (sanitized) names, meta.json beside its report, and add
    them in the background; returns the first status line."""
    if not CAN_EDIT["allowed"]:
        return f"⚠️ {CAN_EDIT['why']}", gr.skip()
    paths = [Path(getattr(f, "name", f)) for f in (files or [])]
    if not paths:
        return "请先选择要上传的报告文件（.txt .md .pdf .docx .html，可附带同名 .meta.json）。", gr.skip()
    from rag.corpus.readers import MAX_FILE_BYTES
    from rag.store.updates import add_reports
    staging = Path(tempfile.mkdtemp(prefix="rag-upload-"))
    reports = []
    for p in paths:
        if p.stat().st_size > MAX_FILE_BYTES:
            return f"⚠️ {escape_md(p.name)} 超过 {MAX_FILE_BYTES // 2**20} MB，未上传。", gr.skip()
        target = staging / Path(p.name).name
        shutil.copyfile(p, target)
        if not target.name.endswith((".meta.json", ".glossary.tsv")):
            reports.append(target)
    config = Config.from_env()

    def work(progress):
        try:
            return _change_message(add_reports(config, reports, progress=progress))
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    return JOB.start(work, f"正在加入 {len(reports)} 份报告…（建索引期间仍可提问，用的是原来的报告库）"), gr.Timer(active=True)


def remove_report(report_id: str | None) -> tuple:
    if not CAN_EDIT["allowed"]:
        return f"⚠️ {CAN_EDIT['why']}", gr.skip()
    if not report_id:
        return "请先选择要删除的报告。", gr.skip()
    from rag.store.updates import remove_reports
    config = Config.from_env()
    status = JOB.start(lambda progress: _change_message(remove_reports(config, [report_id])), f"正在删除 {report_id}…")
    return status, gr.Timer(active=True)


def poll_job(last: str):
    """Every second: the job's status, and the report list once a job has finished."""
    with JOB.lock:
        message, running = JOB.message, JOB.running
    if running:
        return (message, *(gr.skip(),) * 2, message, *(gr.skip(),) * 3) if message != last else (gr.skip(),) * 7
    reports = corpus_reports()
    heading, chooser = load_corpus_view()
    return (message, _table_update(reports_table(), REPORT_HEADERS),
            gr.update(choices=report_choices(reports), value=None), message, gr.Timer(active=False), heading, chooser)


def load_library():
    reports = corpus_reports()
    note = CAN_EDIT["why"] or "上传的报告存入数据目录，只为新报告计算向量；建索引期间问答照常进行。"
    return (_table_update(reports_table(), REPORT_HEADERS), gr.update(choices=report_choices(reports), value=None),
            note, gr.update(interactive=CAN_EDIT["allowed"]), gr.update(interactive=CAN_EDIT["allowed"]))


# ---------------------------------------------------------------- 指标一览

INDICATORS_LOADING = "正在生成指标表…"
KIND_CHOICES = [("全部", "all"), ("目标（计划）", "target"), ("结果（回顾）", "result"), ("其他", "other")]
KIND_LABELS = {"target": "目标", "result": "结果", "other": "其他"}
TABLE_HEADERS = ["指标", "数值", "类型", "年份", "报告", "章节", "原文"]
PAIR_HEADERS = ["报告", "指标", "上年结果", "本年目标", "结果原文", "目标原文"]
OUTCOME_HEADERS = ["地区", "年份", "指标", "目标", "实绩", "目标原文", "实绩原文"]
_POST_QUALIFIERS = ("以上", "左右", "以内", "以下", "多", "余")


def _indicators_module():
    import rag.indicators as module
    return module


def value_text(row) -> str:
    """'力争350亿元以上' from value, unit and qualifier, the qualifier where Chinese puts it."""
    quals = [q for q in str(row.qualifier or "").split("、") if q]
    pre = "".join(q for q in quals if q not in _POST_QUALIFIERS)
    post = "".join(q for q in quals if q in _POST_QUALIFIERS)
    return f"{pre}{row.value}{row.unit}{post}"


def section_choices(rows) -> list[str]:
    """Filter choices: each row's first two section levels ('2023年工作回顾 > 一、…')."""
    seen = dict.fromkeys(" > ".join(r.section.split(" > ")[:2]) for r in rows if r.section)
    return ["全部", *list(seen)]


def filter_indicators(rows, search: str = "", kind: str = "all", section: str = "全部", report: str = "全部") -> list:
    needle = (search or "").strip().lower()
    out = []
    for r in rows:
        if report and report != "全部" and r.doc_id != report:
            continue
        if kind and kind != "all" and r.kind != kind:
            continue
        if section and section != "全部" and not r.section.startswith(section):
            continue
        if needle and not any(needle in str(x).lower() for x in (r.indicator, r.quote, r.section, value_text(r))):
            continue
        out.append(r)
    return out


def indicator_table(rows) -> list[list]:
    return [[r.indicator, value_text(r), KIND_LABELS.get(r.kind, r.kind), r.year or "", r.doc_title,
             r.section.split(" > ")[-1], r.quote] for r in rows]


def pair_table(pairs) -> list[list]:
    return [[p.target.doc_title, p.indicator, value_text(p.result), value_text(p.target), p.result.quote, p.target.quote]
            for p in pairs]


def outcome_table(pairs) -> list[list]:
    return [[p.target.region, p.target.year or "", p.indicator, value_text(p.target), value_text(p.result),
             p.target.quote, p.result.quote] for p in pairs]


def outcome_chart(pairs):
    """目标 vs 实绩 of the growth rates (%), one pair of bars per region, year and indicator; None without any."""
    rates = [p for p in pairs if p.target.unit == "%" and p.result.unit == "%" and "增长" in p.indicator][:16]
    if not rates:
        return None
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager
    for path in sorted(Path("/usr/share/fonts").rglob("NotoSansCJK-Regular.ttc"))[:1]:   # fonts-noto-cjk
        font_manager.fontManager.addfont(str(path))
    cjk = [f.name for f in font_manager.fontManager.ttflist if "CJK" in f.name]
    if cjk:
        plt.rcParams["font.sans-serif"] = [cjk[0], "DejaVu Sans"]
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(rates) + 1.2))
    labels = [f"{p.target.region}{p.target.year}年 {p.indicator}" for p in rates]
    ys = range(len(rates))
    ax.barh([y + 0.2 for y in ys], [float(p.target.value) for p in rates], height=0.4, label="目标", color="#93c5fd")
    ax.barh([y - 0.2 for y in ys], [float(p.result.value) for p in rates], height=0.4, label="实绩", color="#1d4ed8")
    ax.set_yticks(list(ys), labels)
    ax.invert_yaxis()
    ax.set_xlabel("%")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1))
    fig.tight_layout()
    return fig


def _csv_for(module, rows, key: str) -> str:
    """The filtered rows as a CSV file for the download button (one file per filter, reused)."""
    folder = Path(tempfile.gettempdir()) / "rag-ui-indicators"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"indicators-{hashlib.sha1(key.encode()).hexdigest()[:12]}.csv"
    module.to_csv(rows, path)
    return str(path)


def indicators_view(search: str = "", kind: str = "all", section: str = "全部", report: str = "全部"):
    """(status, table, CSV path or None) for the current filters."""
    module = _indicators_module()
    try:
        rows = module.indicators()
    except Exception:
        log.exception("indicator table failed")
        return "⚠️ 指标表生成失败（错误已记录在服务器日志中）。", [], None
    shown = filter_indicators(rows, search, kind, section, report)
    status = f"共 {len(rows)} 条指标，当前显示 {len(shown)} 条。每行的“原文”是报告中的原句。"
    csv_path = _csv_for(module, shown, f"{search}\x00{kind}\x00{section}\x00{report}\x00{len(rows)}") if shown else None
    return status, indicator_table(shown), csv_path


def _table_update(rows: list[list], headers: list[str]):
    return gr.update(value={"headers": headers, "data": rows or [[""] * len(headers)]})


def refresh_indicators(search: str, kind: str, section: str, report: str = "全部"):
    status, rows, csv_path = indicators_view(search, kind, section, report)
    return (status, _table_update(rows, TABLE_HEADERS),
            gr.update(value=csv_path, interactive=csv_path is not None))


def load_indicators():
    """On page load: the section choices, the full table and the 2023→2024 pairs."""
    module = _indicators_module()
    pairs, choices, reports, outcomes, chart = [], ["全部"], [("全部", "全部")], [], None
    try:
        rows = module.indicators()
        choices = section_choices(rows)
        reports += list(dict.fromkeys((r.doc_title, r.doc_id) for r in rows))
        pairs = pair_table(module.compare())
        found = module.outcomes()
        outcomes, chart = outcome_table(found), outcome_chart(found)
    except Exception:
        log.exception("indicator pairs failed")
    status, table, download = refresh_indicators("", "all", "全部")
    return (status, table, download, gr.update(choices=choices, value="全部"),
            _table_update(pairs, PAIR_HEADERS), gr.update(choices=reports, value="全部", visible=len(reports) > 2),
            _table_update(outcomes, OUTCOME_HEADERS), gr.update(value=chart, visible=chart is not None))


# ---------------------------------------------------------------- layout

def _mode_radio() -> gr.Radio:
    try:
        config = Config.from_env()
        configured, default = config.llm_configured, config.answer_mode
    except ConfigError as e:
        log.warning("%s", e)
        configured, default = False, "extractive"
    choices = [("抽取式（原文摘录，默认）", "extractive"), ("LLM 生成（数字经原文核对）", "llm")]
    info = ("LLM 回答中的数字若不在引用原文中，会自动改用原文摘录。" if configured else
            "LLM 未配置：设置 RAG_LLM_BASE_URL 和 RAG_LLM_MODEL（及 RAG_LLM_API_KEY）后可选。")
    return gr.Radio(choices, value=default if configured else "extractive", label="回答方式",
                    interactive=configured, info=info)


def build_demo() -> gr.Blocks:
    with gr.Blocks(title=TITLE, analytics_enabled=False) as blocks:
        heading = gr.Markdown(f"## {TITLE}\n每个回答都引用报告原句并注明出自哪份报告，点 [n] 查看出处；"
                              "报告没有写的，回答“报告未提及”。", elem_id="subtitle")
        with gr.Tab("问答"):
            with gr.Row(equal_height=False):
                with gr.Column(scale=3):
                    chatbot = gr.Chatbot(label="对话", elem_id="chatbot", height=520, feedback_options=None,
                                         buttons=["copy"], group_consecutive_messages=False,
                                         placeholder="问报告里的数字、目标和工作安排，例如“铝基新材料目标是多少”。")
                    report_filter = gr.Dropdown([], value=[], multiselect=True, label="报告范围（不选即全部报告）",
                                                elem_id="report-filter", visible=False)
                    with gr.Row():
                        question = gr.Textbox(show_label=False, placeholder="输入问题，回车提交", scale=5,
                                              elem_id="question", autofocus=True, lines=1, max_lines=4)
                        send = gr.Button("提问", variant="primary", scale=1, min_width=80, elem_id="send")
                    examples = gr.Examples([[q] for q in EXAMPLES], inputs=[question], label="示例问题（点一下即提问）",
                                           elem_id="examples", api_visibility="private", cache_examples=False)
                    with gr.Accordion("设置", open=False):
                        top_k = gr.Slider(1, 10, value=5, step=1, label="检索段落数 top-k",
                                          info="从报告中取多少个候选段落来找答案")
                        mode = _mode_radio()
                with gr.Column(scale=2):
                    gr.Markdown("### 引用原文")
                    panel = gr.HTML(EMPTY_PANEL, elem_id="cite-panel", js_on_load=None)
            outputs = [chatbot, panel, question]
            for trigger in (question.submit, send.click):
                trigger(chat, [question, chatbot, top_k, mode, report_filter], outputs, api_visibility="private")
            examples.load_input_event.then(chat, [question, chatbot, top_k, mode, report_filter], outputs,
                                           api_visibility="private")
            chatbot.clear(lambda: EMPTY_PANEL, None, panel, api_visibility="private", queue=False)

        with gr.Tab("指标一览"):
            gr.Markdown("报告中的每个数字：各年目标与结果，均附原文和出处报告。")
            status = gr.Markdown(INDICATORS_LOADING, elem_id="indicator-status")
            with gr.Row():
                search = gr.Textbox(label="搜索", placeholder="指标、原文或章节，如 GDP、粮食、亿元", scale=3)
                kind = gr.Dropdown(KIND_CHOICES, value="all", label="类型", scale=1)
                section = gr.Dropdown(["全部"], value="全部", label="章节", scale=2)
                report = gr.Dropdown([("全部", "全部")], value="全部", label="报告", scale=2, visible=False,
                                     elem_id="indicator-report")
                download = gr.DownloadButton("下载 CSV", value=None, interactive=False, scale=0, min_width=120,
                                             elem_id="indicator-csv")
            table = gr.Dataframe(headers=TABLE_HEADERS, interactive=False, wrap=True, max_height=520,
                                 elem_id="indicator-table", buttons=["copy"],
                                 column_widths=["14%", "9%", "5%", "5%", "13%", "16%", "38%"])
            gr.Markdown("### 目标 vs 实绩：某年目标与下一年报告给出的完成情况")
            outcome_plot = gr.Plot(label="增速类指标：目标与实绩（%）", visible=False, elem_id="outcome-chart")
            outcomes = gr.Dataframe(headers=OUTCOME_HEADERS, interactive=False, wrap=True, max_height=420,
                                    elem_id="outcome-table")
            gr.Markdown("### 同一份报告中的上年结果与本年目标")
            pairs = gr.Dataframe(headers=PAIR_HEADERS, interactive=False, wrap=True, max_height=420,
                                 elem_id="pair-table", column_widths=["14%", "14%", "9%", "9%", "27%", "27%"])
            filters = [search, kind, section, report]
            for changed in (search.change, kind.change, section.change, report.change):
                changed(refresh_indicators, filters, [status, table, download], api_visibility="private")
            blocks.load(load_indicators, None, [status, table, download, section, pairs, report, outcomes, outcome_plot],
                        api_visibility="private")
        blocks.load(load_corpus_view, None, [heading, report_filter], api_visibility="private")

        with gr.Tab("报告库"):
            library_note = gr.Markdown("", elem_id="library-note")
            library = gr.Dataframe(headers=REPORT_HEADERS, interactive=False, wrap=True, elem_id="report-table")
            with gr.Row():
                uploads = gr.File(label="上传报告（.txt .md .pdf .docx .html，可附同名 .meta.json）", file_count="multiple",
                                  file_types=UPLOAD_TYPES, elem_id="report-upload", scale=3)
                with gr.Column(scale=2):
                    add_button = gr.Button("加入报告库", variant="primary", elem_id="report-add")
                    doomed = gr.Dropdown([], label="删除报告", elem_id="report-remove-choice")
                    remove_button = gr.Button("删除所选报告", variant="stop", elem_id="report-remove")
            job_status = gr.Markdown("", elem_id="report-job")
            last_status = gr.State("")
            # polls only while a job runs (a page that polls for ever never goes idle)
            ticker = gr.Timer(1.0, active=False)
            add_button.click(upload_reports, [uploads], [job_status, ticker], api_visibility="private")
            remove_button.click(remove_report, [doomed], [job_status, ticker], api_visibility="private")
            ticker.tick(poll_job, [last_status], [job_status, library, doomed, last_status, ticker, heading, report_filter],
                        api_visibility="private", queue=False)
            blocks.load(load_library, None, [library, doomed, library_note, add_button, remove_button],
                        api_visibility="private")

        gr.api(ask_markdown, api_name="ask")
    blocks.queue(default_concurrency_limit=CONCURRENCY_LIMIT)
    return blocks


demo = build_demo()


# ---------------------------------------------------------------- serving

def auth_from_env(env: dict[str, str] | None = None) -> tuple[str, str] | None:
    """Basic auth from RAG_UI_USER / RAG_UI_PASSWORD (read here, at the edge, not in rag.config)."""
    env = dict(os.environ) if env is None else env
    user, password = env.get("RAG_UI_USER", ""), env.get("RAG_UI_PASSWORD", "")
    if bool(user) != bool(password):
        raise ConfigError("RAG_UI_USER and RAG_UI_PASSWORD must be set together (or neither, for no login).")
    return (user, password) if user else None


def serve(host: str = "127.0.0.1", port: int = 7860, *, auth: tuple[str, str] | None = None,
          block: bool = True, quiet: bool = False):
    """Launch `demo` with the theme, the CSS and no share link; returns (app, local_url, share_url).
    Uploading and removing reports needs the login on any address but this machine."""
    CAN_EDIT["allowed"], CAN_EDIT["why"] = edit_policy(host, auth)
    if not CAN_EDIT["allowed"]:
        print(f"app: warning: serving on {host} without RAG_UI_USER/RAG_UI_PASSWORD: uploading and removing reports "
              "is switched off (anyone could change what everyone is told)", file=sys.stderr)
    from rag.corpus.readers import MAX_FILE_BYTES
    return demo.launch(server_name=host, server_port=port, share=False, auth=auth, prevent_thread_lock=not block,
                       theme=THEME, css=CSS, ssr_mode=False, quiet=quiet, show_error=False,
                       footer_links=["api", "settings"], max_file_size=MAX_FILE_BYTES)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=f"{TITLE} chat UI")
    p.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=7860)
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s: %(message)s")
    try:
        auth = auth_from_env()
        from rag.search.retrieval import default_retriever
        default_retriever()             # build or load the index now, not while the first visitor waits
    except RagError as e:
        print(f"app: {e}", file=sys.stderr)
        raise SystemExit(2) from None
    serve(args.host, args.port, auth=auth)


if __name__ == "__main__":
    main()
