"""Compare questions: one clause per year (the 2023 result beside the 2024 target)."""
from __future__ import annotations

import re
from dataclasses import replace

from rag.answer.clauses import (
    _citation,
    _clauses,
    _topic_span,
    _trim,
    counted_terms,
    head_index,
    indicator_span,
    quantity_span,
    table_rows,
    topic_clause,
    whole_words,
)
from rag.answer.cues import _ASKS_FIGURE, MEASURE_TERM, REFUSAL
from rag.answer.refusal import refuse
from rag.answer.rules import on
from rag.answer.support import _year_ok
from rag.config import Config
from rag.figures import COUNTING, expected_unit, quantities, unit_fits
from rag.search.query import QueryIntent, content_terms, coverage, term_present
from rag.search.retrieval import HybridRetriever
from rag.search.sentences import Evidence, candidate_sentences
from rag.types import Answer


def compare_answer(question: str, intent: QueryIntent, retriever: HybridRetriever, k: int,
                   config: Config | None = None) -> Answer:
    """The same indicator in the review year and the plan year, one cited clause each."""
    terms = content_terms(intent.text, intent.english)
    # one word, one vote when choosing the clause: "高标准农田" must not count again as 高标 and 标准
    words = whole_words(terms)
    want = expected_unit(question)
    counted = counted_terms(question, terms)
    both = _both_years_clause(question, intent, retriever, k, terms, words, want)
    if both is not None:
        return both
    asks_figure = bool(_ASKS_FIGURE.search(question.lower())) or want is not None
    rows = table_rows(question, want, config)
    # "2025年…降到多少了？今年（2026年）又定了啥目标？": the earlier year named is the review's, the later the plan's;
    # among several reports, the paragraphs speaking of that year (the 2026 report's review of 2025), not another's
    named = sorted(set(re.findall(r"(20\d\d)\s*年", question)))
    if not named and intent.is_english and on("compare.year_not_covered"):
        named = sorted(set(re.findall(r"\b(20\d\d)\b", question)))      # "2023 growth … 2022's"
    side_years = dict(zip(("review", "plan"), named, strict=True)) if len(named) == 2 and on("compare.named_years") else {}
    covered = _years_spoken_of(retriever) if side_years and on("compare.year_not_covered") else set()
    unknown = [y for y in side_years.values() if covered and y not in covered]
    if unknown and on("compare.year_not_covered"):
        # "How did 2023 growth compare with 2022's?": a report tells its own year's plan and the year before, and the
        # years it names ("由2020年的…提高到"); a year no report of the corpus speaks of is not given
        return refuse(question, f"{unknown[0]}年的对应数字（报告只涉及{'、'.join(sorted(covered))}年）")
    def pick(relative: str, label: str, want: str | None, strict: bool = False) -> tuple[str, Evidence, str] | None:
        side = replace(intent, relative=relative, strong_time=True, year=None, kind="number")
        hits = retriever.search(intent.text, k=k, intent=side)
        evidence = [ev for ev in candidate_sentences(hits, side, terms)
                    if _year_ok(ev, side, retriever.doc_years) and ev.coverage > 0]
        if relative in side_years:
            evidence = [ev for ev in evidence if ev.hit.chunk.year_scope == side_years[relative]] or evidence
        # as for numbers: a sentence far less on-topic than the best may not lend its figure
        whole = {id(ev): coverage(words, " ".join(ev.hit.chunk.section[1:]) + ev.sentence) for ev in evidence}
        floor = max(whole.values(), default=0) - 0.34
        # (on a tie, the sentence naming more of the subject's words, not only the measure's: 地区生产总值, not 贷款增速)
        named = {id(ev): sum(term_present(w, ev.sentence.lower()) for w in words if not MEASURE_TERM.match(w))
                 for ev in evidence} if on("compare.subject_over_measure") else {}
        evidence = sorted((ev for ev in evidence if whole[id(ev)] >= floor),
                          key=lambda ev: (-whole[id(ev)], -named.get(id(ev), 0)))
        side_rows = [r for r in rows if r.kind == ("result" if relative == "review" else "target")]
        for ev in evidence[:4]:
            spans = [sp for sp in (indicator_span(ev, side_rows), quantity_span(ev.sentence, terms, want, counted=counted)
                                   or (None if strict else quantity_span(ev.sentence, terms, None, counted=counted))) if sp]
            if strict:          # a figure of the asked kind only, the table's row too
                spans = [sp for sp in spans if any(unit_fits(u, want) for _, _, u in
                                                   quantities(ev.sentence[sp[0]:sp[1]], chinese=True))]
            elif not asks_figure and ev.coverage >= 0.5:
                # "进度说法有什么不同" asks for wording, not a figure: the clause naming the subject competes
                spans += [sp for sp in [_topic_span(ev.sentence, words)] if sp]
            # the table's clause or the one naming more of the question ("新增学位5970个", not "名学校占比达60%")
            low = ev.sentence.lower()
            span = max(spans, key=lambda sp: (sum(term_present(t, low[sp[0]:sp[1]]) for t in words),
                                              head_index(low[sp[0]:sp[1]], words)), default=None)
            horizon = re.search(r"到(20\d\d)年", ev.sentence[span[0]:span[1]]) if span and relative in side_years else None
            if horizon and horizon.group(1) != side_years[relative]:
                continue        # "力争到2030年产值突破千亿元" is no target for 2026
            if span:
                if on("compare.every_subject"):
                    span = _with_other_subjects(ev.sentence, span, words)
                return label, ev, _trim(ev.sentence[span[0]:span[1]])
        # no figure on this side ("去年评上了双拥模范城，为什么今年还要创"): the clause that names
        # the subject, if the sentence is squarely about it
        if want is None and evidence and evidence[0].coverage >= 0.5:
            ev = evidence[0]
            clause = topic_clause(ev.sentence, terms)
            if clause:
                return label, ev, clause
        return None

    sides = (("review", "去年"), ("plan", "今年"))
    chosen = [c for c in (pick(relative, label, want) for relative, label in sides) if c is not None]
    if len(chosen) == 2 and on("compare.same_unit"):
        # "去年商店消费涨了多少，今年又想涨多少": the two sides measure one thing; a side whose figure is of another kind
        # (消费促进活动1000余场次 beside 社零增长8%以上) is picked again in the other side's unit
        units = [[u for _, _, u in quantities(clause, chinese=True)] for _, _, clause in chosen]
        if units[0] and units[1] and not any(unit_fits(a, b) or unit_fits(b, a) for a in units[0] for b in units[1]):
            for i in (0, 1):
                other = _unit_kind(units[1 - i][0])
                again = pick(*sides[i], other, strict=True)
                if again is not None and any(unit_fits(u, other) for _, _, u in quantities(again[2], chinese=True)):
                    chosen[i] = again
                    break
    if len(chosen) == 2 and on("compare.figure_both_sides"):
        # "this year's foreign trade target against last year's growth": a side told in words only (建设加工贸易…示范地)
        # beside a figure on the other is picked again for a figure of that kind (外贸进出口总额增长10%以上)
        units = [[u for _, _, u in quantities(clause, chinese=True)] for _, _, clause in chosen]
        for i in (0, 1):
            if units[1 - i] and not units[i]:
                again = pick(*sides[i], _unit_kind(units[1 - i][0]), strict=True)
                if again is not None:
                    chosen[i] = again
    if len(chosen) == 2 and on("compare.quoted_side"):
        chosen = _quoted_side_first(question, chosen, words)
    if not chosen:
        return refuse(question)
    if _ASKS_HOW_MANY.search(question.lower()) and on("compare.figure_asked") \
            and not any(not u.endswith("级") for _, _, clause in chosen for _, _, u in quantities(clause, chinese=True)):
        # "How many visitors did the 4A scenic spots receive last year compared with …": a count asked, and neither
        # side's clause holds a figure ("接待游客数量…创历史新高"; a grade, 4A级, is none)
        return refuse(question, "具体数字", chosen[0][1])
    if len(chosen) == 2 and chosen[0][1].span == chosen[1][1].span:
        chosen = chosen[:1]
    if len(chosen) == 1 and on("compare.one_side_refused") and _two_times_named(question):
        # "How did the 2023 unemployment rate compare with the 2024 target of 5.5%?": the report gives one side only, so
        # the comparison is not in it; the side it gives is shown
        label, ev, clause = chosen[0]
        missing = "今年" if label == "去年" else "去年"
        return Answer(question, f"{REFUSAL}{missing}的对应数字，无法比较。相关表述（{label}）：{clause}[1]",
                      [_citation(1, ev)], True)
    text = "；".join(f"{label}：{clause}[{n}]" for n, (label, _, clause) in enumerate(chosen, 1))
    if len(chosen) == 1:
        text += "（报告未给出另一年的对应数字）"
    return Answer(question, text, [_citation(n, ev) for n, (_, ev, _) in enumerate(chosen, 1)], False)


def _quoted_side_first(question: str, chosen: list, words: list[str]) -> list:
    """"今年技改投资目标增长8%以上，跟去年技改投资的增速比哪个高": the question quotes one side's figure, so that side's
    clause is the subject's; the other side's clause must name the question's words that clause names (技改), or it is
    another subject's (外商直接投资…增长121.4%) and no side (compare.quoted_side)."""
    figures = [f for f in re.findall(r"\d+(?:\.\d+)?", question) if not re.fullmatch(r"(?:19|20)\d\d", f)]
    holds = [any(re.search(rf"(?<![\d.]){re.escape(f)}(?![\d.])", clause) for f in figures) for _, _, clause in chosen]
    if holds.count(True) != 1:
        return chosen
    quoted, other = (0, 1) if holds[0] else (1, 0)
    # the figure quoted is that side's own, no subject word the other side must name ("去年建了26.9万亩…今年准备建多少亩")
    named = [t for t in words if term_present(t, chosen[quoted][2].lower())
             and not (on("compare.quoted_figure_no_subject") and t in figures)]
    if any(not term_present(t, chosen[other][2].lower()) for t in named):
        return [chosen[quoted]]
    return chosen


def _two_times_named(question: str) -> bool:
    """Whether the question names the time of each side: two years, or last year and this year (or its target)."""
    low = question.lower()
    if len(set(re.findall(r"(?:19|20)\d\d", low))) > 1:
        return True
    review = re.search(r"去年|上年|上一年|\blast year\b|\bprevious year\b|(?:19|20)\d\d", low)
    plan = re.search(r"今年|明年|本年|目标|计划|\bthis year\b|\bnext year\b|\btarget|\bgoal|\bplan|\baim|\bcap\b", low)
    return bool(review and plan)


# a figure asked outright: 多少, 几 before a measure, how much, how many
_ASKS_HOW_MANY = re.compile(r"多少|几[个家所座项户处条件批次年倍成]|\bhow (?:much|many)\b")
_SPOKEN_OF: dict[tuple[int, int, int], set[str]] = {}


def _years_spoken_of(retriever: HybridRetriever) -> set[str]:
    """The years the corpus speaks of: each report's year and the year before, and every year its text names."""
    key = (id(retriever.index), len(retriever.index.chunks), len(retriever.doc_years))
    if key not in _SPOKEN_OF:
        named = {m for c in retriever.index.chunks for m in re.findall(r"((?:19|20)\d\d)\s*年", c.text)}
        _SPOKEN_OF[key] = named | {str(y - d) for y in retriever.doc_years.values() if y for d in (0, 1)}
    return _SPOKEN_OF[key]


def _unit_kind(unit: str) -> str:
    """The kind a quantity's unit asks for again: a rate, a count, or the unit's own measure word ("亿元" → 元)."""
    if unit.endswith(("%", "个百分点")):
        return "%"
    if unit[-1:] in COUNTING:
        return unit[-1]
    return unit[-1:] or unit


def _with_other_subjects(sentence: str, span: tuple[int, int], words: list[str]) -> tuple[int, int]:
    """The span grown to the next or previous clause with a figure naming a question word the span lacks: "学校和学位，
    去年做了多少" is answered "新（改）扩建中小学（幼儿园）78所，新增学位5970个", not by the places alone."""
    low = sentence.lower()
    clauses = _clauses(sentence)
    at = [i for i, (a, b) in enumerate(clauses) if a < span[1] and span[0] < b]
    if not at:
        return span
    lacking = [t for t in words if not term_present(t, low[span[0]:span[1]])]
    for i in (at[0] - 1, at[-1] + 1):
        if not 0 <= i < len(clauses):
            continue
        a, b = clauses[i]
        if quantities(sentence[a:b]) and any(term_present(t, low[a:b]) for t in lacking):
            span = (min(span[0], a), max(span[1], b))
    return span


def _both_years_clause(question: str, intent: QueryIntent, retriever: HybridRetriever, k: int, terms: list[str],
                       words: list[str], want: str | None) -> Answer | None:
    """"霁川省地区生产总值2020年和2025年分别是多少": a clause naming both years asked, each with a figure, and the subject
    ("全省地区生产总值由2020年的23608.4亿元增加到2025年的31246.8亿元") answers both at once (compare.both_years_clause)."""
    named = sorted(set(re.findall(r"((?:19|20)\d\d)\s*年", question)))
    if len(named) != 2 or not on("compare.both_years_clause"):
        return None
    side = replace(intent, relative=None, strong_time=False, year=None, kind="number")
    for ev in candidate_sentences(retriever.search(intent.text, k=k, intent=side), side, terms)[:6]:
        for a, b in _clauses(ev.sentence):
            clause = ev.sentence[a:b]
            at = [clause.find(f"{y}年") for y in named]
            if min(at) < 0 or not any(term_present(t, clause.lower()) for t in words):
                continue
            if sum(1 for _, _, unit in quantities(clause, chinese=True) if unit_fits(unit, want)) < 2:
                continue
            return Answer(question, f"{_trim(clause)}[1]", [_citation(1, ev)], False)
    return None
