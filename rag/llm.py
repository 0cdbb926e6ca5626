"""Optional LLM answering through LangChain, with every answer checked against its citations.

The chain is LCEL: {question, hits} → numbered passages (section path + year scope) →
ChatPromptTemplate from prompts/ → a chat model (ChatOpenAI against any OpenAI-compatible
endpoint, or a fake in tests) → text → [n] markers parsed into Citations over the cited chunks.

An LLM can invent a number, so nothing it writes is trusted: `verify_numbers` finds numbers in the
answer that no cited quote contains, and `verified_or_fallback` swaps a failing answer for the
extractive one (which can only quote the report) with a note that names the problem.

langchain_openai is imported only in `build_chat_model`, so the offline default never loads it.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from langchain_core.messages import BaseMessage
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.runnables import Runnable, RunnableLambda, RunnablePassthrough

from .config import ROOT, Config
from .errors import ConfigError, LLMUnavailable
from .types import Answer, Citation, Hit

PROMPTS_DIR = ROOT / "prompts"
REFUSAL = "报告未提及"
# A hosted model that does not answer in 30 s will not answer usefully in a chat UI either; one
# retry covers a dropped connection without making a dead endpoint cost minutes.
LLM_TIMEOUT_S = 30.0
LLM_MAX_RETRIES = 1

# ---------------------------------------------------------------------------------------------
# prompt


@lru_cache(maxsize=4)
def _prompt_texts(prompts_dir: Path) -> tuple[str, str]:
    texts = []
    for name in ("system.txt", "answer.txt"):
        path = prompts_dir / name
        if not path.is_file():
            raise ConfigError(f"prompt template {path} is missing: restore prompts/{name} from the repository")
        texts.append(path.read_text(encoding="utf-8").strip())
    return texts[0], texts[1]


def answer_prompt(prompts_dir: Path = PROMPTS_DIR) -> ChatPromptTemplate:
    """The system + answer templates as one ChatPromptTemplate over {question} and {passages}."""
    system, human = _prompt_texts(Path(prompts_dir))
    prompt = ChatPromptTemplate.from_messages([("system", system), ("human", human)])
    if set(prompt.input_variables) != {"question", "passages"}:
        raise ConfigError(f"prompts in {prompts_dir} use variables {sorted(prompt.input_variables)}; "
                          "they may use only {question} and {passages} (write literal braces as {{ }})")
    return prompt


def _report_year(doc_title: str) -> int | None:
    m = re.search(r"(?:19|20)\d\d", doc_title)
    return int(m.group()) if m else None


def year_label(year_scope: str, doc_title: str) -> str:
    """"2023年（上一年的实绩）" / "2024年（本年的目标任务）": the model must not mix result and target."""
    if not year_scope:
        return "未标明"
    report_year = _report_year(doc_title)
    if report_year and year_scope == str(report_year):
        return f"{year_scope}年（本年的目标任务）"
    if report_year and year_scope == str(report_year - 1):
        return f"{year_scope}年（上一年的实绩）"
    return f"{year_scope}年"


def format_passages(hits: list[Hit]) -> str:
    blocks = []
    for i, hit in enumerate(hits, 1):
        c = hit.chunk
        source = " > ".join(p for p in (c.doc_title, c.section_path) if p)
        blocks.append(f"[{i}] 出处：{source}\n年份：{year_label(c.year_scope, c.doc_title)}\n原文：{c.text.strip()}")
    return "\n\n".join(blocks)


def prompt_messages(question: str, hits: list[Hit], prompts_dir: Path = PROMPTS_DIR) -> list[BaseMessage]:
    """Exactly what the chat model receives for this question and these hits."""
    return answer_prompt(prompts_dir).invoke({"question": question, "passages": format_passages(hits)}).to_messages()


# ---------------------------------------------------------------------------------------------
# chat model and chain


def build_chat_model(config: Config):
    """ChatOpenAI against the configured OpenAI-compatible endpoint (DeepSeek, DashScope, vLLM, Ollama)."""
    missing = [env for env, value in (("RAG_LLM_BASE_URL", config.llm_base_url), ("RAG_LLM_MODEL", config.llm_model))
               if not value]
    if missing:
        raise LLMUnavailable(
            "LLM answering needs RAG_LLM_BASE_URL and RAG_LLM_MODEL (and RAG_LLM_API_KEY if the endpoint "
            f"requires a key); missing: {', '.join(missing)}. Example: RAG_LLM_BASE_URL=https://api.deepseek.com "
            "RAG_LLM_MODEL=deepseek-chat RAG_LLM_API_KEY=sk-…; or leave them unset to use the offline extractive answerer.")
    try:
        from langchain_openai import ChatOpenAI
    except ImportError as e:                        # pragma: no cover - it is a declared dependency
        raise LLMUnavailable("LLM answering needs langchain-openai: .venv/bin/pip install 'langchain-openai>=1.0'") from e
    return ChatOpenAI(
        model=config.llm_model,
        base_url=config.llm_base_url,
        # local servers (vLLM, Ollama) accept any key, but the OpenAI client refuses to start without one
        api_key=config.llm_api_key or "not-needed",
        temperature=0,
        timeout=LLM_TIMEOUT_S,
        max_retries=LLM_MAX_RETRIES,
        # third-party endpoints speak Chat Completions; never route to OpenAI's Responses API
        use_responses_api=False,
    )


def text_chain(chat_model, prompts_dir: Path = PROMPTS_DIR) -> Runnable:
    """LCEL: {"question", "hits"} → the model's raw answer text (streams when the model does)."""
    return (RunnablePassthrough.assign(passages=lambda x: format_passages(x["hits"]))
            | answer_prompt(prompts_dir) | chat_model | StrOutputParser())


def answer_chain(chat_model, prompts_dir: Path = PROMPTS_DIR) -> Runnable:
    """LCEL: {"question", "hits"} → Answer(mode="llm"), unverified (see verified_or_fallback)."""
    return (RunnablePassthrough.assign(text=text_chain(chat_model, prompts_dir))
            | RunnableLambda(lambda x: parse_answer(x["question"], x["text"], x["hits"])))


def _unavailable(config: Config, e: Exception) -> LLMUnavailable:
    where = config.llm_base_url or "the chat model"
    return LLMUnavailable(f"LLM endpoint {where} (model {config.llm_model or '?'}) failed: "
                          f"{type(e).__name__}: {str(e).rstrip('.。')}. Check RAG_LLM_BASE_URL / RAG_LLM_MODEL / RAG_LLM_API_KEY, "
                          "or unset them to use the offline extractive answerer.")


def llm_answer(question: str, hits: list[Hit], config: Config, chat_model=None) -> Answer:
    """The LLM's answer over already retrieved hits, [n] mapped to Citations; mode="llm".

    Not yet verified: pass it through verified_or_fallback. Raises LLMUnavailable when no endpoint
    is configured or the endpoint fails (timeout, refused connection, bad key)."""
    if not hits:
        return _refusal(question, f"{REFUSAL}：没有检索到相关段落。")
    model = chat_model if chat_model is not None else build_chat_model(config)
    chain = text_chain(model)
    try:
        text = chain.invoke({"question": question, "hits": hits})
    except Exception as e:                   # any failure of the remote model means: no LLM answer
        raise _unavailable(config, e) from e
    return parse_answer(question, text, hits)


def stream_llm_answer(question: str, hits: list[Hit], config: Config, chat_model=None, *,
                      fallback: Answer | None = None) -> Iterator[str | Answer]:
    """Yield the answer text so far (cumulative str) while the model writes, then the final,
    verified Answer (always last): the LLM's, or `fallback` with a note when verification fails.

    Without `fallback` the extractive answer over the same hits is used. Raises LLMUnavailable
    like llm_answer (possibly after some text was yielded: the caller should then show its own
    answer in place of the partial text)."""
    if not hits:
        yield _refusal(question, f"{REFUSAL}：没有检索到相关段落。")
        return
    model = chat_model if chat_model is not None else build_chat_model(config)
    chain = text_chain(model)
    raw, shown = "", ""
    try:
        for piece in chain.stream({"question": question, "hits": hits}):
            raw += piece
            visible = normalise_markers(visible_text(raw))
            if visible and visible != shown:
                shown = visible
                yield shown
    except Exception as e:
        raise _unavailable(config, e) from e
    ans = parse_answer(question, raw, hits)
    if fallback is None and verification_problems(ans):
        from .answer import extractive_answer       # lazy: rag.answer may import this module
        from .query import understand
        fallback = extractive_answer(question, hits, understand(question))
    yield verified_or_fallback(ans, fallback) if fallback is not None else ans


# ---------------------------------------------------------------------------------------------
# parsing the model's text

_THINK_RE = re.compile(r"<think>.*?(?:</think>|$)", re.S)
_MARKER_GROUP_RE = re.compile(r"[\[［【]\s*(\d+(?:\s*[,，、;；]\s*\d+)*)\s*[\]］】]")
MARKER_RE = re.compile(r"\[(\d+)\]")


def visible_text(raw: str) -> str:
    """The text without reasoning blocks (<think>…</think>, also an unfinished one while streaming)."""
    return _THINK_RE.sub("", raw).strip()


def normalise_markers(text: str) -> str:
    """【1】, ［1］, [1,2] and [1、2] all become [1] / [1][2]."""
    return _MARKER_GROUP_RE.sub(lambda m: "".join(f"[{n}]" for n in re.findall(r"\d+", m.group(1))), text)


def _refusal(question: str, text: str) -> Answer:
    return Answer(question=question, text=text, citations=[], refused=True, mode="llm")


def _is_refusal(text: str) -> bool:
    # "报告未提及房价[2]…" is still a refusal of the question asked; a full answer that merely
    # mentions 报告未提及 for one detail while citing passages is not.
    return text.startswith(REFUSAL) or (REFUSAL in text and not MARKER_RE.search(text))


def parse_answer(question: str, text: str, hits: list[Hit]) -> Answer:
    """Map the passage numbers [n] the model wrote to Citations, renumbered 1..m by first use.

    Markers that name no passage stay in the text as they are, so verification can reject them."""
    text = normalise_markers(visible_text(text))
    if _is_refusal(text):
        body = MARKER_RE.sub("", text).strip()
        return _refusal(question, body)
    order: dict[int, int] = {}
    for m in MARKER_RE.finditer(text):
        n = int(m.group(1))
        if 1 <= n <= len(hits) and n not in order:
            order[n] = len(order) + 1
    text = MARKER_RE.sub(lambda m: f"[{order[int(m.group(1))]}]" if int(m.group(1)) in order else m.group(0), text)
    citations = [_citation(new, hits[old - 1]) for old, new in order.items()]
    return Answer(question=question, text=text, citations=citations, refused=False, mode="llm")


def _citation(n: int, hit: Hit) -> Citation:
    c = hit.chunk
    return Citation(n=n, chunk_id=c.id, quote=c.text, section=c.section_path, doc_title=c.doc_title,
                    score=round(hit.score, 4), char_span=c.char_span, paragraph=c.text, year_scope=c.year_scope)


# ---------------------------------------------------------------------------------------------
# verification

_CN_DIGIT = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}
_CN_CHARS = "".join(_CN_DIGIT) + "".join(_CN_SMALL) + "".join(_CN_BIG)
# longest first so "个百分点" wins over "个" and "平方公里" over "公里"
_UNITS = sorted(set("""个百分点 百分点 平方公里 平方千米 平方米 立方米 千瓦时 千瓦 兆瓦 公里 千米 公顷 公斤 人次 批次 小时 分钟
    季度 美元 元 米 吨 亩 人 户 家 个 项 所 座 条 张 台 辆 套 间 件 次 场 届 倍 成 岁 年 月 日 天 周 名 位 支 处 片 栋 头
    只 株 篇 部 门 类 种 大 级""".split()) | {"%", "‰"}, key=len, reverse=True)
_UNIT_ALIASES = {"个百分点": "百分点", "千米": "公里", "平方千米": "平方公里"}
_NUM_AR = r"\d+(?:,\d{3})*(?:\.\d+)?"
_NUM_CN = rf"[{_CN_CHARS}]+(?:点[{''.join(_CN_DIGIT)}]+)?"
_UNIT_RE = "|".join(re.escape(u) for u in _UNITS)
NUMBER_MENTION_RE = re.compile(
    rf"百分之(?P<pct>{_NUM_AR}|{_NUM_CN})"
    rf"|(?P<ar>{_NUM_AR})\s?(?:(?P<ar_pp>个?百分点)|(?P<ar_mag>[十百千万亿]*)[余多]?\s*(?P<ar_unit>{_UNIT_RE})?)"
    rf"|(?P<cn>{_NUM_CN})[余多]?(?P<cn_unit>{_UNIT_RE})?")


@dataclass(frozen=True)
class NumberMention:
    """A quantity as written ("350亿元") and as compared: value in base units + unit ("" if none)."""

    text: str
    value: Decimal
    unit: str
    is_year: bool = False


def cn_to_number(s: str) -> Decimal | None:
    """三十五 → 35, 千亿 → 1e11, 三亿五千万 → 350000000, 六点五 → 6.5, 二〇二四 → 2024; None if not a numeral."""
    if "点" in s:
        whole, frac = s.split("点", 1)
        base = cn_to_number(whole) if whole else Decimal(0)
        if base is None or not frac or any(ch not in _CN_DIGIT for ch in frac):
            return None
        return base + Decimal("0." + "".join(str(_CN_DIGIT[ch]) for ch in frac))
    if len(s) > 1 and all(ch in _CN_DIGIT for ch in s):         # positional, as in 二〇二四年
        return Decimal("".join(str(_CN_DIGIT[ch]) for ch in s))
    total, section, digit = 0, 0, None
    for ch in s:
        if ch in _CN_DIGIT:
            if digit is not None:                   # two digits in a row: 十四五 is a plan's name
                return None
            digit = _CN_DIGIT[ch] if ch not in "零〇" else None
        elif ch in _CN_SMALL:
            section += (1 if digit is None else digit) * _CN_SMALL[ch]
            digit = None
        else:
            big = _CN_BIG[ch]
            part = section + (digit or 0)
            if big == 10_000 and total >= 100_000_000:   # 三亿五千万: the 万 group sits under the 亿
                total += (part or 1) * big
            else:
                total = (total + (part or (0 if total else 1))) * big
            section, digit = 0, None
    return Decimal(total + section + (digit or 0))


def number_mentions(text: str) -> list[NumberMention]:
    """Every quantity in text (after NFKC, so ６．５％ reads as 6.5%), the [n] markers excluded."""
    text = unicodedata.normalize("NFKC", MARKER_RE.sub(" ", normalise_markers(text)))
    out = []
    for m in NUMBER_MENTION_RE.finditer(text):
        if m.group("pct") is not None:
            raw = m.group("pct")
            value = Decimal(raw.replace(",", "")) if raw[0].isdigit() else cn_to_number(raw)
            if value is not None:
                out.append(NumberMention(m.group(), value, "%"))
            continue
        if m.group("ar") is not None:
            try:
                value = Decimal(m.group("ar").replace(",", ""))
            except InvalidOperation:
                continue
            if m.group("ar_pp"):
                out.append(NumberMention(m.group().replace(" ", ""), value, "百分点"))
                continue
            mag = m.group("ar_mag") or ""
            unit = m.group("ar_unit") or ""
            if mag:
                factor = cn_to_number(mag)
                if factor is None:
                    continue
                value *= factor
            is_year = unit == "年" and not mag and "." not in m.group("ar") and 1900 <= value <= 2100
            out.append(NumberMention(re.sub(r"\s", "", m.group()), value, _UNIT_ALIASES.get(unit, unit), is_year))
            continue
        raw, unit = m.group("cn"), m.group("cn_unit") or ""
        value = cn_to_number(raw)
        if value is None:
            continue
        has_magnitude = any(ch in _CN_SMALL or ch in _CN_BIG for ch in raw)
        # a lone 一 is prose (这一年, 一个重要…), and a bare numeral without a unit counts only
        # when it is clearly a number (三十五, 千亿), not a name's character (万顺, 千川)
        if raw in ("一", "零", "〇") or (not unit and (len(raw) < 2 or not has_magnitude)):
            continue
        is_year = unit == "年" and not has_magnitude and 1900 <= value <= 2100
        out.append(NumberMention(m.group(), value, _UNIT_ALIASES.get(unit, unit), is_year))
    return out


def _supports(source: NumberMention, claim: NumberMention) -> bool:
    # "350亿元以上" supports "350亿元" (qualifiers are not compared); a different unit does not,
    # but a bare number in the answer ("增长6.5") is read as the quote's.
    return source.value == claim.value and (source.unit == claim.unit or not claim.unit)


def verify_numbers(text: str, citations: list[Citation]) -> list[str]:
    """The numbers in `text` (as written there) that no cited quote supports, in order, once each.

    A year ("2024年") is also supported by a cited passage's year scope or section path, since the
    model is told to say which year a figure belongs to."""
    sources = [m for c in citations for m in number_mentions(f"{c.quote}\n{c.section}")]
    years = {Decimal(c.year_scope) for c in citations if c.year_scope.isdigit()}
    missing: list[str] = []
    for claim in number_mentions(text):
        if claim.is_year and claim.value in years:
            continue
        if not any(_supports(s, claim) for s in sources) and claim.text not in missing:
            missing.append(claim.text)
    return missing


def verification_problems(ans: Answer) -> list[str]:
    """Why an LLM answer cannot be shown as is (empty list: it passes), each a sentence for the note."""
    if ans.refused:
        # a refusal cites nothing; it may repeat numbers from the question, but no others
        asked = [m.text for m in number_mentions(ans.question)]
        invented = [n for n in verify_numbers(ans.text, []) if n not in asked]
        return [f"LLM 的拒答中出现了问题里没有的数字 {'、'.join(invented)}"] if invented else []
    if not ans.text.strip():
        return ["LLM 没有给出回答"]
    cited = {c.n for c in ans.citations}
    markers = [int(n) for n in MARKER_RE.findall(ans.text)]
    if not markers:
        return ["LLM 回答没有标注引用编号 [n]，无法核对出处"]
    problems = []
    unknown = sorted({n for n in markers if n not in cited})
    if unknown:
        problems.append(f"LLM 回答引用了不存在的段落 {''.join(f'[{n}]' for n in unknown)}")
    missing = verify_numbers(ans.text, ans.citations)
    if missing:
        problems.append(f"LLM 回答中的数字 {'、'.join(missing)} 未在引用原文中找到")
    return problems


def verified_or_fallback(llm_ans: Answer, fallback: Answer) -> Answer:
    """`llm_ans` when it passes verification, else `fallback` with mode="llm→extractive" and a note
    naming the problem ("LLM 回答中的数字 400亿元 未在引用原文中找到，已改用原文摘录回答。")."""
    problems = verification_problems(llm_ans)
    if not problems:
        return llm_ans
    note = "；".join(problems) + "，已改用原文摘录回答。"
    if fallback.note:
        note = f"{note} {fallback.note}"
    return replace(fallback, mode="llm→extractive", note=note)
