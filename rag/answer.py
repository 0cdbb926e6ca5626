"""The extractive answerer: pick the sentence (and the clause) that answers, cite it verbatim.

It can only return text that stands in the report, so it cannot invent a number. A question the
top sentences do not cover gets "报告未提及…" with refused=True.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .chunk import sentence_spans
from .config import Config
from .query import QueryIntent, synonyms, understand
from .retrieve import HybridRetriever, clean_question, default_retriever
from .tokenize import keyword_tokens
from .types import Answer, Citation, Hit

REFUSAL = "报告未提及"
NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")
# a measured quantity ("350亿元", "6.2%", "12家"), not a code ("1+3+3"), a year or a date
QUANTITY_RE = re.compile(r"(?<![\d.+])\d+(?:\.\d+)?(?![\d.+])(?!年(?!度)|月|日)\s*(?:[%‰]|[万亿千百]*[\u4e00-\u9fff])")
CLAUSE_END = "，；。：！？"
# words that say what is asked but not about what; they must not count as support
GENERIC_TERMS = set(("增长 目标 多少 今年 去年 明年 全市 广元 广元市 年 情况 怎么样 方面 工作 主要 "
                     "哪些 什么 实现 达到 计划 提出 规划 政府 报告 一下 我们 是否 有没有 会 能 要 多 几").split())


@dataclass(frozen=True)
class Evidence:
    hit: Hit
    sentence: str            # verbatim
    span: tuple[int, int]    # in the document text
    score: float
    coverage: float          # share of the question's content terms the sentence (or its section) has


def content_terms(intent: QueryIntent) -> list[str]:
    terms = [t for t in keyword_tokens(intent.text, bigrams=False) if t not in GENERIC_TERMS and len(t) >= 2]
    return list(dict.fromkeys(terms))


def term_present(term: str, text_lower: str) -> bool:
    """A question term is present when it, one of its synonyms, or most of its bigrams occur."""
    if term in text_lower:
        return True
    if any(alt.lower() in text_lower for alt in synonyms().get(term, ())):
        return True
    if len(term) >= 3 and not term.isascii():
        grams = [term[i:i + 2] for i in range(len(term) - 1)]
        return sum(g in text_lower for g in grams) * 2 >= len(grams) + 1
    return False


def _coverage(terms: list[str], text: str) -> float:
    if not terms:
        return 0.0
    low = text.lower()
    return sum(1 for t in terms if term_present(t, low)) / len(terms)


def candidate_sentences(hits: list[Hit], intent: QueryIntent, terms: list[str]) -> list[Evidence]:
    out = []
    for hit in hits:
        c = hit.chunk
        context = " ".join(c.section) + " "
        for s, e in sentence_spans(c.text):
            sent = c.text[s:e].strip()
            if len(sent) < 4:
                continue
            s0 = c.char_span[0] + c.text.index(sent, s)
            cov = _coverage(terms, context + sent)
            score = hit.score + 0.3 * cov
            if intent.kind in ("number", "compare") and NUMBER_RE.search(sent):
                score += 0.1
            out.append(Evidence(hit, sent, (s0, s0 + len(sent)), score, cov))
    out.sort(key=lambda ev: -ev.score)
    return out


def answer_clause(sentence: str, intent: QueryIntent, terms: list[str]) -> str:
    """For a number question, the verbatim clauses from the one naming the subject to the one
    carrying the quantity ("大力发展铝基新材料首位产业，力争实现产值350亿元以上"); else the sentence."""
    whole = sentence.rstrip("。；")
    if intent.kind != "number" or not QUANTITY_RE.search(sentence):
        return whole
    cuts = sorted({0, len(sentence)} | {i + 1 for i, ch in enumerate(sentence) if ch in CLAUSE_END})
    clauses = [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]
    low = sentence.lower()

    def overlap(span):
        piece = low[span[0]:span[1]]
        return sum(1 for t in terms if term_present(t, piece))

    subject = max(range(len(clauses)), key=lambda i: (overlap(clauses[i]), -i))
    with_qty = [i for i, c in enumerate(clauses) if QUANTITY_RE.search(sentence[c[0]:c[1]])]
    after = [i for i in with_qty if i >= subject]
    qty = after[0] if after else with_qty[-1]
    first, last = min(subject, qty), max(subject, qty)
    if last - first > 3:              # too far apart to read as one statement: keep the quantity's clause
        first = qty
    text = sentence[clauses[first][0]:clauses[last][1]].strip().rstrip(CLAUSE_END)
    return text if len(text) >= 4 else whole


def _citation(n: int, ev: Evidence, paragraph: str = "") -> Citation:
    c = ev.hit.chunk
    return Citation(n=n, chunk_id=c.id, quote=ev.sentence, section=c.section_path, doc_title=c.doc_title,
                    score=round(ev.score, 4), char_span=ev.span, paragraph=paragraph or c.text,
                    year_scope=c.year_scope)


def refuse(question: str, why: str = "") -> Answer:
    text = f"{REFUSAL}：报告中没有找到能回答这个问题的内容。" + (f"（{why}）" if why else "")
    return Answer(question=question, text=text, citations=[], refused=True, mode="extractive")


def supported(best: Evidence, terms: list[str], intent: QueryIntent) -> bool:
    """Whether the best sentence really speaks to the question (calibrated on the dev split)."""
    dense = best.hit.scores.get("dense_raw", 0.0)
    if not terms:                       # English or all-generic questions: only the embedder can tell
        return dense >= 0.80
    return best.coverage >= 0.5 or (best.coverage > 0 and dense >= 0.84)


def extractive_answer(question: str, hits: list[Hit], intent: QueryIntent) -> Answer:
    terms = content_terms(intent)
    evidence = candidate_sentences(hits, intent, terms)
    if not evidence or not supported(evidence[0], terms, intent):
        return refuse(question)
    best = evidence[0]
    if intent.kind == "compare":
        chosen = [best]
        other = next((ev for ev in evidence[1:] if ev.hit.chunk.year_scope and
                      ev.hit.chunk.year_scope != best.hit.chunk.year_scope and ev.coverage > 0), None)
        if other:
            chosen.append(other)
        chosen.sort(key=lambda ev: ev.hit.chunk.year_scope)
        parts = [f"{ev.hit.chunk.year_scope}年：{answer_clause(ev.sentence, _as_number(intent), terms)}[{i}]"
                 for i, ev in enumerate(chosen, 1)]
        return Answer(question, "；".join(parts), [_citation(i, ev) for i, ev in enumerate(chosen, 1)], False)
    text = f"{answer_clause(best.sentence, intent, terms)}[1]"
    return Answer(question, text, [_citation(1, best)], False)


def _as_number(intent: QueryIntent) -> QueryIntent:
    from dataclasses import replace
    return replace(intent, kind="number")


def ask(question: str, k: int = 5, *, config: Config | None = None,
        retriever: HybridRetriever | None = None) -> Answer:
    """Answer a question from the report, citing the sentences it rests on."""
    config = config or Config.from_env()
    q = clean_question(question, config.max_question_chars)
    intent = understand(q)
    retriever = retriever or default_retriever(config)
    hits = retriever.search(q, k=max(k, 8), intent=intent)
    ans = extractive_answer(q, hits, intent)
    return _with_paragraphs(ans, retriever)


def _with_paragraphs(ans: Answer, retriever: HybridRetriever) -> Answer:
    """Fill each citation's paragraph (the card in the UI shows it with the quote highlighted)."""
    from dataclasses import replace
    by_id = {c.id: c for c in retriever.index.chunks}
    cites = [replace(c, paragraph=retriever.paragraph_of(by_id[c.chunk_id])[0]) if c.chunk_id in by_id else c
             for c in ans.citations]
    return replace(ans, citations=cites)


def ask_stream(question: str, k: int = 5, *, config: Config | None = None,
               retriever: HybridRetriever | None = None) -> Iterator[str | Answer]:
    """Stream an answer for the UI: yields the answer text so far (cumulative str) one or more
    times, then the final Answer (always last). Raises InvalidQuestion like ask()."""
    ans = ask(question, k=k, config=config, retriever=retriever)
    pieces = re.split(r"(?<=[，；。：])", ans.text)
    so_far = ""
    for piece in pieces:
        if piece:
            so_far += piece
            yield so_far
    yield ans
