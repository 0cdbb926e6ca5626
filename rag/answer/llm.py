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
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from langchain_core.messages import BaseMessage
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.runnables import Runnable, RunnableLambda, RunnablePassthrough
from pydantic import SecretStr

from rag import figures
from rag.config import Config
from rag.errors import ConfigError, LLMUnavailable
from rag.figures import NumberMention, _supports
from rag.types import Answer, Citation, Hit

# the templates in the top-level prompts/ folder, shipped as package data (rag/resources/prompts links
# there); RAG_PROMPTS_DIR (Config.prompts_dir) points at a folder of one's own instead
PROMPTS_DIR = Path(str(files("rag") / "resources" / "prompts"))
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
            raise ConfigError(f"prompt template {path} is missing: restore prompts/{name} from the repository or unset RAG_PROMPTS_DIR")
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
        api_key=SecretStr(config.llm_api_key or "not-needed"),
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
    chain = text_chain(model, config.prompts_dir or PROMPTS_DIR)
    try:
        text = chain.invoke({"question": question, "hits": hits})
    except Exception as e:                   # any failure of the remote model means: no LLM answer
        raise _unavailable(config, e) from e
    return parse_answer(question, text, hits)


def stream_llm_answer(question: str, hits: list[Hit], config: Config, chat_model=None, *,
                      fallback: Answer) -> Iterator[str | Answer]:
    """Yield the answer text so far (cumulative str) while the model writes, then the final,
    verified Answer (always last): the LLM's, or `fallback` with a note when verification fails.

    `fallback` is the caller's own answer (the extractive one: this chain never imports the
    extractive answerer, which sits beside it in the answer layer). Raises LLMUnavailable
    like llm_answer (possibly after some text was yielded: the caller should then show its own
    answer in place of the partial text)."""
    if not hits:
        yield _refusal(question, f"{REFUSAL}：没有检索到相关段落。")
        return
    model = chat_model if chat_model is not None else build_chat_model(config)
    chain = text_chain(model, config.prompts_dir or PROMPTS_DIR)
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
    yield verified_or_fallback(ans, fallback)


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
                    score=round(hit.score, 4), char_span=c.char_span, paragraph=c.text, year_scope=c.year_scope,
                    region=c.region, report_year=c.report_year)


# ---------------------------------------------------------------------------------------------
# verification

def number_mentions(text: str) -> list[NumberMention]:
    """Every quantity in an answer, the [n] markers excluded (rag.figures.number_mentions)."""
    return figures.number_mentions(MARKER_RE.sub(" ", normalise_markers(text)))



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
