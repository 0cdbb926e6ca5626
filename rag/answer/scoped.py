"""Answers across reports: each region's part from that region's reports only, led by its name and year.

A corpus of one report is answered as it always was. Otherwise the question's scope (rag.search.scope)
says which regions to answer for and which of their reports to try, in order; each region is answered
by the extractive answerer over a retriever restricted to those reports, so a figure can never come
from another region's report. One region: its answer, or a refusal naming the reports that are silent.
Several regions: one clause per region that answers ("广元市（2023年）：…[1]；鹤渚市（2024年）：…[2]").
"Y年…目标…完成" asks the target from the report delivered in Y and the outcome from the one of Y+1.
"""
from __future__ import annotations

import re
from dataclasses import replace

from rag.answer.cues import REFUSAL
from rag.answer.extractive import _extractive
from rag.answer.rules import on
from rag.config import Config
from rag.search.places import places_elsewhere, unknown_places
from rag.search.query import asked_after_story, content_terms, coverage, glossary_scope, is_english_text, term_present
from rag.search.retrieval import HybridRetriever
from rag.search.scope import RegionScope, asked_outcome_year, named_regions, question_scope, short_name
from rag.store.tokens import nouns
from rag.types import Answer, Citation, Hit, Report

# more regions than this answering one question: the rest are named, not quoted
MAX_REGION_CLAUSES = 6
# share of the question's terms an unnamed report's quote must hold (the answerer's own bar, without
# the embedder's vouching for paraphrase)
SUPPORT_COVERAGE = 0.5
_MARKER = re.compile(r"\[(\d+)\]")
# what the topic of "2024年GDP目标和实际完成情况" is without its year and its two asks
_TARGET_OUTCOME_WORDS = re.compile(r"20\d\d\s*年?|目标|计划|预期|定的|定了|实际|完成得?|实绩|结果|兑现|达成|情况|"
                                   r"对比|比较|相比|分别|最后|最终|到底|做得|了吗|没有|吗|呢|如何|怎么样|怎样|咋样|多少|是|"
                                   r"[和与及跟、，,？?。！!]|的$")


def _titles(reports: tuple[Report, ...] | list[Report]) -> str:
    return "、".join(r.title for r in reports)


def _renumbered(ans: Answer, offset: int) -> tuple[str, list[Citation]]:
    text = _MARKER.sub(lambda m: f"[{int(m.group(1)) + offset}]", ans.text)
    return text, [replace(c, n=c.n + offset) for c in ans.citations]


def _answer_in(question: str, reports: tuple[Report, ...], retriever: HybridRetriever, k: int,
               config: Config | None) -> tuple[Answer, list[Hit]]:
    view = retriever.restricted([r.id for r in reports])
    with glossary_scope(r.id for r in reports):     # these reports' own glossaries only, not another city's
        ans, hits = _extractive(question, view.understand(question), view, k, config)
    if not ans.refused and on("elsewhere_worded") and _silent_elsewhere_worded(question, ans, reports, retriever):
        return Answer(question, f"{REFUSAL}：报告中没有找到能回答这个问题的内容。", [], True), hits
    return ans, hits


def _silent_elsewhere_worded(question: str, ans: Answer, reports: tuple[Report, ...], retriever: HybridRetriever) -> bool:
    """An answer resting on similarity alone (under half the question's words in its quote) while a word of
    the question that these reports never use stands in another report of the corpus: the embedder took
    a neighbouring subject for the asked one ("铝基新材料产值" answered by a digital-economy target in a
    report that has no 铝 at all, while another city's report has it; "…高速公路…通车" by a railway in
    this year's report, while last year's has the motorway). These reports are silent on it."""
    terms = content_terms(question)
    if not terms or not ans.citations:
        return False
    if _in_its_words(question, ans):
        return False
    asked = {r.id for r in reports}
    texts = retriever.report_texts
    own = "\n".join(texts.get(doc, "") for doc in asked)
    missing = [t for t in terms if not term_present(t, own)]
    if on("elsewhere_worded.topic_nouns") and not is_english_text(question):
        # "PM2.5降到多少了？…又定了啥目标": a spoken verb (降到, not the report's 降至) is no subject these reports lack
        named = nouns(question)
        missing = [t for t in missing if any(n in t or t in n for n in named)]
    return any(term_present(t, text) for t in missing for doc, text in texts.items() if doc not in asked)


def _first_answer(question: str, rs: RegionScope, retriever: HybridRetriever, k: int,
                  config: Config | None) -> tuple[Answer, list[Hit]]:
    """The first attempt that answers; else the refusal of the first attempt (the reports the question
    means most: its nearest sentence comes from them, not from another year's report)."""
    first: tuple[Answer, list[Hit]] | None = None
    for attempt in rs.attempts:
        ans, hits = _answer_in(question, attempt, retriever, k, config)
        if not ans.refused:
            if _plan_for(ans, rs.outcome_year) and on("scope.plan_is_no_outcome"):
                # "2025年外贸增长了多少": the 2026 report, which reviews 2025, is silent (or not in the corpus); the
                # 2025 report only plans 2025. Its target is offered as related wording, not as the outcome
                reports = tuple(r for a in rs.attempts[:rs.attempts.index(attempt)] for r in a)
                return _as_plan(ans, reports, rs.outcome_year), hits
            if first is not None and _review_of(ans, rs.target_year) and on("scope.plan_is_no_outcome"):
                # "2024年给低空航线定的目标": the 2024 report is silent; the 2025 report's review of 2024 is what came
                # of it, not a target
                reports = tuple(r for a in rs.attempts[:rs.attempts.index(attempt)] for r in a)
                return _as_outcome(ans, reports, rs.target_year), hits
            return ans, hits
        first = first or (ans, hits)
    return first or (Answer(question, REFUSAL, [], True), [])


def _plan_for(ans: Answer, year: int | None) -> bool:
    """Whether the answer quotes a report's plan for the year (the report delivered that year, its plan part)."""
    return year is not None and bool(ans.citations) and all(
        c.report_year == year and c.year_scope == str(year) for c in ans.citations)


def _review_of(ans: Answer, year: int | None) -> bool:
    """Whether the answer quotes the next year's report reviewing the year (what came of it)."""
    return year is not None and bool(ans.citations) and all(
        c.report_year == year + 1 and c.year_scope == str(year) for c in ans.citations)


def _as_outcome(ans: Answer, silent: tuple[Report, ...], year: int | None) -> Answer:
    """A refusal naming the reports silent on the year's target, with what came of the year as related wording."""
    return _offered_as(ans, f"{_titles(silent)}未提及{year}年的目标", f"{year}年实际")


def _as_plan(ans: Answer, silent: tuple[Report, ...], year: int | None) -> Answer:
    """A refusal naming the reports that are silent on the year's outcome (or saying the plan's report gives only the
    target), with the plan's target as related wording."""
    why = (f"{_titles(silent)}未提及{year}年的实际数字" if silent
           else f"{ans.citations[0].doc_title}只提出{year}年的目标，未提及{year}年的实际数字")
    return _offered_as(ans, why, f"{year}年目标")


def _offered_as(ans: Answer, why: str, label: str) -> Answer:
    """The answer turned into a refusal saying why, its clause kept as related wording labelled with what it is."""
    c = ans.citations[0]
    body = re.sub(r"\[\d+\]", "", ans.text)
    return replace(ans, text=f"{why}。相关表述（{c.doc_title}中的{label}）：{body}[1]", citations=[replace(c, n=1)],
                   refused=True)


def _target_and_outcome(question: str, rs: RegionScope, retriever: HybridRetriever, k: int,
                        config: Config | None) -> tuple[Answer, list[Hit]]:
    year = rs.across_years
    assert year is not None
    by_year = {r.year: r for r in rs.reports}
    topic = _TARGET_OUTCOME_WORDS.sub("", question).strip()
    parts: list[tuple[str, Answer | None, Report | None]] = []
    hits: list[Hit] = []
    for label, delivered, sub_question in (("目标", year, f"{year}年{topic}目标是多少"),
                                           ("实际", year + 1, f"{year}年{topic}是多少")):
        report = by_year.get(delivered)
        if report is None:
            parts.append((label, None, None))
            continue
        ans, found = _answer_in(sub_question, (report,), retriever, k, config)
        parts.append((label, ans, report))
        hits += found
    answered = [(label, ans, report) for label, ans, report in parts if ans is not None and not ans.refused]
    if not answered:
        return _first_answer(question, replace(rs, attempts=(rs.reports,), across_years=None), retriever, k, config)
    pieces: list[str] = []
    cites: list[Citation] = []
    for label, part, report in parts:
        if part is None or report is None:
            missing = f"{rs.region}{year + 1 if label == '实际' else year}年的政府工作报告"
            pieces.append(f"{year}年{label}：报告库中没有{missing}")
        elif part.refused:
            pieces.append(f"{year}年{label}：{report.title}未提及")
        else:
            text, renumbered = _renumbered(part, len(cites))
            pieces.append(f"{year}年{label}（{report.title}）：{text}")
            cites += renumbered
    return Answer(question, "；".join(pieces), cites, False), hits


def _named_refusal(ans: Answer, reports: tuple[Report, ...]) -> Answer:
    """"报告未提及…" naming the reports that were asked: "鹤渚市2025年政府工作报告未提及…"."""
    if not reports or not ans.text.startswith(REFUSAL):
        return ans
    return replace(ans, text=f"{_titles(reports)}未提及" + ans.text[len(REFUSAL):])


def _year_label(ans: Answer) -> str:
    c = ans.citations[0] if ans.citations else None
    year = (c.year_scope or (str(c.report_year) if c.report_year else "")) if c else ""
    return f"（{year}年）" if year else ""


def _in_its_words(question: str, ans: Answer) -> bool:
    """Whether an answer quotes the question's own words (half of its terms, in the quote or its section):
    where some reports do and others answer by similarity alone, the latter are most often about
    another thing (another railway, another industry)."""
    terms = content_terms(question)
    if not terms or not ans.citations:
        return not terms
    c = ans.citations[0]
    return coverage(terms, " ".join(c.section.split(" > ")[1:]) + " " + c.quote) >= SUPPORT_COVERAGE


def _unknown_places(question: str, reports: list[Report], retriever: HybridRetriever) -> list[str]:
    """The places of China the question names, when it names no region of the corpus and the reports in scope
    never mention them ("巴中去年地方财政收入是多少" put to Guangyuan's report)."""
    if not on("scope.unknown_place") or not reports or named_regions(question, reports)[0]:
        return []
    regions = {r.region for r in reports}
    return unknown_places(question, (t for g, t in retriever.region_texts.items() if g in regions), regions)


# "in Chaotian District", "Cangxi county": a district, county or town of the region, named in pinyin
_EN_SUB_PLACE = re.compile(r"\b([A-Z][a-z]{3,})\s+(?:[Dd]istrict|[Cc]ounty|[Tt]own(?:ship)?)\b")


def _pinyin_sub_places(question: str, retriever: HybridRetriever, texts: list[str]) -> list[str]:
    """The report's districts, counties and towns an English question names in pinyin ("Chaotian District" → 朝天, as
    the reports write 朝天区), which no dictionary of places lists (scope.english_sub_place)."""
    from rag.search.english import english_lexicon
    out = []
    for m in _EN_SUB_PLACE.finditer(question):
        word = m.group(1).lower()
        if word in english_lexicon():
            continue
        out += [n for n in retriever.english().names.find(word)
                if any(n + kind in t for t in texts for kind in "区县镇乡") and n not in out]
    return out


def _about_elsewhere(question: str, ans: Answer, reports: list[Report], retriever: HybridRetriever) -> Answer:
    """"成都2023年森林覆盖率是多少" put to Guangyuan's report, which names 成都 elsewhere: an answer must quote a
    sentence naming that place, by its name or joined to the region's in one-character abbreviations (杭广东西部协作
    names 杭州 beside 广元), or it is Guangyuan's figure (scope.place_elsewhere)."""
    if ans.refused or not on("scope.place_elsewhere"):
        return ans
    regions = {short_name(r.region) for r in reports}
    texts = [t for g, t in retriever.region_texts.items() if g in {r.region for r in reports}]
    asked = asked_after_story(question) if on("scope.place_in_story") else question
    elsewhere = list(dict.fromkeys(short_name(p) for p in places_elsewhere(asked, {r.region for r in reports})))
    if is_english_text(question) and on("scope.english_sub_place"):
        # the region's own name in pinyin ("Lingze County" of 苓泽县's report) is no place elsewhere
        elsewhere += [p for p in _pinyin_sub_places(question, retriever, texts) if p not in elsewhere and p not in regions]
    places = [p for p in elsewhere if any(p in t for t in texts)]      # one the reports never name is scope.unknown_place's
    unnamed = [p for p in elsewhere if p not in places]
    if unnamed and named_regions(question, reports)[0] and on("scope.other_place_unnamed"):
        # "去年广元经济增速比绵阳快还是慢": the region named beside a place its reports never mention (scope.unknown_place
        # looks only where no region is named); no sentence of theirs speaks of that place
        named = "、".join(unnamed)
        return Answer(question, f"{REFUSAL}{named}（{_titles(reports)}没有提到{named}）。", [], True)
    if not places:
        return ans

    def names(sentence: str, place: str) -> bool:
        return place in sentence or any(j in sentence for r in regions if r and place
                                        for j in (place[0] + r[0], r[0] + place[0]))

    for c in ans.citations:
        chunk = retriever.chunk_by_id.get(c.chunk_id)
        text = retriever.paragraph_of(chunk)[0] if chunk is not None else c.quote
        sentence = next((s for s in re.split(r"(?<=[。；！？])", text) if c.quote in s), c.quote)
        if any(names(sentence, p) for p in places):
            return ans
    named = "、".join(places)
    return Answer(question, f"{REFUSAL}{named}的这项内容（{_titles(reports)}提到{named}的地方都不讲这一点）。", [], True)


# "比四川全省高还是低", "和全国比怎么样", "than the provincial average": the province or the nation is the other side
# (whichever province: two characters and 省 may name it before 全省)
_LEVEL_SIDE = re.compile(r"比(?:[\u4e00-\u9fff]{2}省?)?(?:全省|全国|省里|省平均)|"
                         r"(?:和|与|跟|同)(?:[\u4e00-\u9fff]{2}省?)?(?:全省|全国)(?:平均)?(?:水平)?(?:相?比|比较)|"
                         r"\bthan (?:the )?(?:[a-z]+ )?(?:provincial|province|national|nationwide|whole province|country)|"
                         r"\b(?:compare[sd]?|comparison) (?:with|to) (?:the )?(?:[a-z]+ )?(?:provincial|province|national|"
                         r"whole province|country)|\bprovincial average\b|\bnational average\b", re.I)
# "Is forest coverage above the Sichuan average?", "below the national level": above or below a wider average
_EN_AVERAGE_SIDE = re.compile(r"\b(?:above|below|over|under|exceed\w*|beat|outpac\w*|behind|higher than|lower than) (?:the )?"
                              r"(?:[a-z]+(?:'s)? )?(?:average|national level|provincial level)(?=\s*(?:[?.,!]|$|level\b))", re.I)
# a report's sentence setting the region beside that level: "高于全省平均水平", "快于全国", "居全省第2位", "全省首位"
_LEVEL_TOLD = re.compile(r"(?:高于|低于|快于|慢于|超过|超出|领先|优于|好于|落后于?)(?:[\u4e00-\u9fff]{2}省?)?(?:全省|全国)|"
                         r"(?:全省|全国)(?:平均|水平|第[一二三四五六七八九十\d]|前列|首位|领先|最)|(?:居|位居|位列|排名?)(?:全省|全国)")


def _level_side_unanswered(question: str, ans: Answer) -> Answer:
    """"去年GDP增速比四川全省高还是低": the province (or the nation) is the other side of the comparison, so an answer
    must quote a sentence setting the region beside it ("高于全省平均水平…", "居全省第2位"); one quoting only the region's
    own figure is refused with it shown (compare.level_side)."""
    asked = _LEVEL_SIDE.search(question) or (_EN_AVERAGE_SIDE.search(question) and on("compare.average_side"))
    if ans.refused or not asked or not on("compare.level_side"):
        return ans
    if any(_LEVEL_TOLD.search(c.quote) for c in ans.citations):
        return ans
    level = "全国" if re.search(r"全国|national|nationwide|country", question, re.I) else "全省"
    return Answer(question, f"{REFUSAL}{level}的对应数字，无法比较。相关表述：{ans.text}", ans.citations, True)


def scoped_answer(question: str, retriever: HybridRetriever, k: int,
                  config: Config | None = None) -> tuple[Answer, list[Hit]]:
    """The answer to a cleaned question over the reports it means, and the hits it rests on."""
    reports = [r for r in retriever.reports if retriever.scope is None or r.id in retriever.scope]
    unknown = _unknown_places(question, reports, retriever)
    if unknown:
        names = _titles(reports) if len(reports) <= 3 else f"所查的{len(reports)}份报告"
        places = "、".join(unknown)
        return Answer(question, f"{REFUSAL}{places}：报告库中没有{places}的报告，{names}也没有提到{places}。", [], True), []
    if len(reports) <= 1:
        ans, hits = _extractive(question, retriever.understand(question), retriever, k, config)
        ans = _about_elsewhere(question, ans, reports, retriever)
        ans = _level_side_unanswered(question, ans)
        year = asked_outcome_year(question)
        if not ans.refused and _plan_for(ans, year) and on("scope.plan_is_no_outcome"):
            # "2024年地区生产总值增长了多少" of the 2024 report: it plans 2024, its target is no outcome
            return _as_plan(ans, (), year), hits
        return ans, hits
    scope = question_scope(question, reports, retriever.region_texts)
    parts: list[tuple[RegionScope, Answer, list[Hit]]] = []
    for rs in scope.regions:
        answer = _target_and_outcome if rs.across_years is not None else _first_answer
        ans, hits = answer(scope.question, rs, retriever, k, config)
        parts.append((rs, ans, hits))
    if len(parts) == 1:
        rs, ans, hits = parts[0]
        return replace(_named_refusal(ans, rs.reports) if ans.refused else ans, question=question), hits
    answered = [(rs, ans) for rs, ans, _ in parts if not ans.refused]
    if scope.implicit and len(answered) > 1:
        # several reports answer a question that names none: those quoting its words are about its
        # subject; the others matched by similarity alone, and are dropped when the first kind exists
        in_words = [(rs, ans) for rs, ans in answered if _in_its_words(scope.question, ans)]
        answered = in_words or answered
    hits = [h for _, ans, found in parts if not ans.refused for h in found]
    if not answered:
        asked = tuple(r for rs, _, _ in parts for r in rs.reports)
        why = parts[0][1].text[len(REFUSAL):] if parts[0][1].text.startswith(REFUSAL) else "。"
        names = _titles(asked) if len(asked) <= 3 else f"所查的{len(asked)}份报告"
        return Answer(question, f"{names}均未提及{why.lstrip('：')}" if why.startswith("：") else f"{names}均未提及{why}",
                      [], True), []
    pieces: list[str] = []
    cites: list[Citation] = []
    for rs, ans in answered[:MAX_REGION_CLAUSES]:
        text, renumbered = _renumbered(ans, len(cites))
        pieces.append(f"{rs.region}{_year_label(ans)}：{text}")
        cites += renumbered
    text = "；".join(pieces)
    rest = answered[MAX_REGION_CLAUSES:]
    if rest:
        # regions, not titles and no count: every figure in an answer must stand in a cited quote
        text += f"。{'、'.join(rs.region for rs, _ in rest)}的报告也提到，可在报告范围中选定后再问"
    return Answer(question, text, cites, False), hits
