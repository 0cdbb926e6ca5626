"""Which reports a question means: the regions it names, the years it names, 去年/今年 per region.

The corpus may hold several regions and several years of each. A question naming a region is answered
from that region's reports only (a filter in the store, never a preference); its region words stay in the
question but count as no topic (rag.search.query.PLACE_NAMES). Years choose among a region's reports:
- 去年/今年/明年 are relative to the newest report of the region asked about, so they mean that report;
- an explicit year Y means the report delivered in Y (its plan for Y) when the question asks a target,
  otherwise first the report delivered in Y+1 (its review of Y), then Y;
- "Y年…目标…完成/实际…" asks both: the target from report Y and the outcome from report Y+1;
- no time word: the newest report first, then the region's other reports.
A question naming no region, in a corpus of several regions, is asked of each region in turn.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rag.switches import on
from rag.types import Report

_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "地区", "省", "市", "州", "盟", "县", "区", "旗")
_EXPLICIT_YEAR = re.compile(r"(20\d\d)\s*年?")
_RELATIVE = re.compile(r"去年|上年|上一年|过去一年|今年|本年|明年|新的一年|last year|this year|next year|previous year", re.I)
# the question asks what was planned for a year / what came of it
_ASKS_TARGET = re.compile(r"目标|计划|预期|力争|打算|准备|争取|预计|安排|部署|定的|定了|要|将|拟|"
                          r"\btarget|\bplan|\bgoal|\baim|\bwill\b", re.I)
# "在广元市2024年政府工作报告中，…" names the report by the year it was delivered: that report is meant,
# and 去年/今年 in the question are relative to it
_NAMES_REPORT = re.compile(r"(?:在|据|根据|按照)?(?P<year>20\d\d)\s*年(?:的|度)?(?:那份|这份|那篇|这篇)?"
                           r"(?:市|省|区|县)?(?:人民)?(?:政府)?(?:工作)?报告"
                           r"(?:里|中|上|提出|说|显示)?[，,：:]?")
# "According to Yunzhou's 2026 government work report, …", "the city's 2025 report": the same, in English
_NAMES_REPORT_EN = re.compile(r"(?P<year>20\d\d)\s+(?:(?:municipal|provincial|city|county)\s+)?(?:government\s+)?"
                              r"(?:work\s+)?report\b(?:['’]s)?,?", re.I)
# "Which projects are supposed to break ground in 2024?": a plan, however 'actually' it is asked
_EN_PLAN = re.compile(r"\b(?:supposed|expected|scheduled|slated|meant)\s+to\b|\bgoing\s+to\b|\bintend", re.I)
# "What pension did the city promise for 2025?": a promise, a pledge, a commitment is a plan (scope.english_promise)
_EN_PROMISE = re.compile(r"\b(?:promis|pledg|commit|vow)\w*", re.I)
# "should", "is due to", "is to" say what is due: a plan (scope.english_should); "should have" looks back
_EN_SHOULD = re.compile(r"\bshould\b(?!\s+have\b)|\b(?:is|are)\s+due\s+to\b|\b(?:is|are)\s+to\s+(?!be\s+(?:compared|seen)\b)\w+|"
                        r"\bhop(?:e|es|ing)\s+to\b", re.I)
# "How much FDI does the city want to actually receive in 2024?": what a place wants is its plan, however 'actually'
# the receiving is asked (scope.english_want; 'aims to', 'plans to' are _ASKS_TARGET's already)
_EN_WANT = re.compile(r"\b(?:wants?|wanted|would like|wishes)\s+to\b", re.I)
_ASKS_PAST = re.compile(r"了|实际|完成|实现|取得|\b(?:did|was|were|grew|rose|fell|achieved|reached|actual(?:ly)?)\b", re.I)
_ASKS_OUTCOME = re.compile(r"完成|实际|实绩|结果|兑现|达成|做到|落实得|最后|最终|\bactual|\bachiev|\boutcome|\bresult|"
                           r"\b(?:met|meet|hit|miss(?:ed)?)\b", re.I)


@dataclass(frozen=True)
class RegionScope:
    """The reports to answer one region's part from: each attempt in turn until one answers."""

    region: str
    attempts: tuple[tuple[Report, ...], ...]
    across_years: int | None = None      # the year whose target (report Y) and outcome (report Y+1) are asked
    outcome_year: int | None = None      # an outcome of this year is asked: report Y's plan for it is no answer
    target_year: int | None = None       # a target for this year is asked: report Y+1's review of it is no answer

    @property
    def reports(self) -> tuple[Report, ...]:
        seen: dict[str, Report] = {}
        for attempt in self.attempts:
            for r in attempt:
                seen.setdefault(r.id, r)
        return tuple(seen.values())


@dataclass(frozen=True)
class Scope:
    question: str                         # the question without the region words (and the report it names)
    named: tuple[str, ...]                # regions the question names
    regions: tuple[RegionScope, ...]      # one per region (or report) to answer for, in the order named / catalogued
    implicit: bool = False                # no region named: each part must speak to the question in its words


# the peoples an autonomous region is named for, which its short name leaves out (恩施土家族苗族自治州 → 恩施州, 恩施)
_PEOPLES = ("土家", "苗", "彝", "藏", "壮", "回", "满", "侗", "瑶", "白", "傣", "黎", "羌", "佤", "畲", "水", "哈尼",
            "傈僳", "纳西", "景颇", "拉祜", "布依", "仡佬", "仫佬", "毛南", "朝鲜", "蒙古", "哈萨克", "柯尔克孜", "达斡尔",
            "鄂温克", "鄂伦春", "土", "撒拉", "保安", "东乡", "裕固", "独龙", "怒", "普米", "阿昌", "德昂", "基诺", "布朗",
            "京", "锡伯", "塔吉克", "俄罗斯", "乌孜别克", "塔塔尔", "门巴", "珞巴", "赫哲", "高山")
_PEOPLE_SUFFIX = re.compile(rf"(?:{'|'.join(sorted(_PEOPLES, key=len, reverse=True))})族$|维吾尔$")
_AUTONOMOUS = {"自治州": "州", "自治县": "县", "自治区": ""}


def short_name(region: str) -> str:
    """广元市 → 广元, 四川省 → 四川, 凉山彝族自治州 → 凉山, 新疆维吾尔自治区 → 新疆 (kept whole when too short)."""
    for suffix in _SUFFIXES:
        if region.endswith(suffix) and len(region) - len(suffix) >= 2:
            stem = region[: -len(suffix)]
            while suffix in _AUTONOMOUS and on("scope.autonomous_names") and (m := _PEOPLE_SUFFIX.search(stem)) \
                    and m.start() >= 2:
                stem = stem[: m.start()]
            return stem
    return region


def _autonomous_alias(region: str) -> str | None:
    """恩施土家族苗族自治州 → 恩施州, 长阳土家族自治县 → 长阳县: how the genre itself names it again."""
    for suffix, short in _AUTONOMOUS.items():
        if short and region.endswith(suffix) and on("scope.autonomous_names"):
            stem = short_name(region)
            return stem + short if stem != region[: -len(suffix)] else None
    return None


def _pinyin(name: str) -> str:
    from pypinyin import lazy_pinyin
    return "".join(lazy_pinyin(name)).lower()


def aliases(reports: Sequence[Report]) -> list[tuple[str, str]]:
    """(alias, region) for every way a question may name a region of the corpus, longest first:
    the full name, the name without 市/省/…, and its pinyin for English questions ("Guangyuan")."""
    out: dict[str, str] = {}
    for region in {r.region for r in reports if r.region}:
        out.setdefault(region, region)
        short = short_name(region)
        out.setdefault(short, region)
        if alias := _autonomous_alias(region):
            out.setdefault(alias, region)
        if all("\u4e00" <= ch <= "\u9fff" for ch in short):
            out.setdefault(_pinyin(short), region)
    return sorted(out.items(), key=lambda kv: -len(kv[0]))


def named_regions(question: str, reports: Sequence[Report]) -> tuple[tuple[str, ...], str]:
    """(regions the question names, in order of mention; the question with those names taken out)."""
    found: list[tuple[int, str]] = []
    rest = question
    for alias, region in aliases(reports):
        if alias.isascii():
            pattern = re.compile(rf"\b{re.escape(alias)}(?:['’]s)?\b(?:\s+(?:city|province|prefecture))?", re.I)
        else:
            pattern = re.compile(re.escape(alias))
        for m in pattern.finditer(rest):
            found.append((m.start(), region))
        rest = pattern.sub(lambda m: "\0" * len(m.group()), rest)
    named = tuple(dict.fromkeys(region for _, region in sorted(found)))
    stripped = re.sub(r"\0+的?", "", rest)
    stripped = re.sub(r"\s{2,}", " ", stripped).strip(" ，,、和与及")
    return named, stripped if stripped else question


def _by_year(reports: Sequence[Report]) -> list[Report]:
    return sorted(reports, key=lambda r: (r.year or 0, r.id), reverse=True)


def region_scope(region: str, reports: Sequence[Report], question: str, report_year: int | None = None) -> RegionScope:
    """Which of one region's reports answer the question, tried in order. `report_year`: the question
    names the report by its delivery year."""
    own = _by_year([r for r in reports if r.region == region])
    if report_year is not None:
        named = tuple(r for r in own if r.year == report_year)
        return RegionScope(region, (named,) if named else (tuple(own),), outcome_year=asked_outcome_year(question))
    years = sorted({int(y) for y in _EXPLICIT_YEAR.findall(question)})
    by_year = {r.year: r for r in reversed(own)}          # the newest file of a year wins
    if len(years) == 1:
        y = years[0]
        target, outcome = bool(_ASKS_TARGET.search(question)), bool(_ASKS_OUTCOME.search(question))
        if target and outcome:
            first = tuple(r for r in (by_year.get(y), by_year.get(y + 1)) if r)
            return RegionScope(region, (first,) if first else (tuple(own),), across_years=y)
        order = [by_year.get(y), by_year.get(y + 1)] if target else [by_year.get(y + 1), by_year.get(y)]
        # report Y plans year Y and report Y+1 reviews it; no other report gives year Y's figures, so none
        # other is tried (a refusal from them is the answer, not a figure from another year's report)
        attempts: tuple[tuple[Report, ...], ...] = tuple((r,) for r in order if r)
        if not on("scope.year_reports"):
            attempts += (tuple(own),) if len(own) > len(attempts) else ()
        return RegionScope(region, attempts or (tuple(own),), outcome_year=asked_outcome_year(question),
                           target_year=y if target else None)
    if len(years) > 1 or not own:
        return RegionScope(region, (tuple(own),))
    if _RELATIVE.search(question):
        return RegionScope(region, ((own[0],),))
    return RegionScope(region, ((own[0],),) + ((tuple(own),) if len(own) > 1 else ()))


def asked_outcome_year(question: str) -> int | None:
    """The one year a question names when it plainly asks what came of it ("2024年地区生产总值增长了多少", "实际",
    "What was … in 2024"), not what was planned for it; else None."""
    years = {int(y) for y in _EXPLICIT_YEAR.findall(question)}
    if len(years) != 1 or _ASKS_TARGET.search(question) or not _ASKS_PAST.search(question):
        return None
    if on("scope.english_plan_words") and _EN_PLAN.search(question):
        return None
    if on("scope.english_promise") and _EN_PROMISE.search(question):
        return None
    if on("scope.english_should") and _EN_SHOULD.search(question):
        return None     # "Which transport projects should actually break ground in 2024?": what is due, a plan
    if on("scope.english_want") and _EN_WANT.search(question):
        return None
    return years.pop()


def named_report_year(question: str) -> tuple[int | None, str]:
    """(the delivery year of a report the question names, the question without that phrase)."""
    m = _NAMES_REPORT.search(question) or (_NAMES_REPORT_EN.search(question) if on("scope.named_report") else None)
    if m and not on("scope.named_report") and not re.search(r"政府工作报告", m.group()):
        m = None            # before the rule: only "Y年政府工作报告" named a report
    if not m:
        return None, question
    rest = re.sub(r"\s{2,}", " ", question[:m.start()] + question[m.end():]).strip(" ，,")
    return int(m.group("year")), rest or question


def regions_by_vocabulary(question: str, reports: Sequence[Report], region_texts: dict[str, str]) -> tuple[str, ...]:
    """Regions a question names without naming them: it uses a name that only their reports hold
    ("霁川至溯阳高速铁路" is in one province's report only). A name is a term no general dictionary
    knows (an everyday word such as 合计 may stand in one report by chance); the regions holding the
    most such names are meant."""
    from rag.search.query import content_terms, term_present
    from rag.store.tokens import is_dictionary_word

    regions = list(region_texts)
    unique = []
    for term in content_terms(question):
        if "|" in term or is_dictionary_word(term):
            continue
        holders = {g for g in regions if term_present(term, region_texts[g])}
        if len(holders) == 1:
            unique.append(holders)
    if not unique:
        return ()
    counts = {g: sum(g in h for h in unique) for g in regions}
    best = max(counts.values())
    return tuple(g for g in regions if counts[g] == best)


def question_scope(question: str, reports: Sequence[Report], region_texts: dict[str, str] | None = None) -> Scope:
    """The reports a question means, region by region (see the module docstring). `region_texts`
    (region → its reports' text, lower-cased) lets a question name a region by a name only it holds."""
    report_year, question_rest = named_report_year(question)
    named, _ = named_regions(question_rest, reports)
    # the region words stay in the question: the report may name itself ("广元战略地位"), and the
    # answerer does not count place names as topic (rag.search.query.PLACE_NAMES)
    stripped = question_rest
    if named:
        return Scope(stripped, named, tuple(region_scope(g, reports, question, report_year) for g in named))
    implied = regions_by_vocabulary(stripped, reports, region_texts) if region_texts else ()
    if implied:
        return Scope(stripped, (), tuple(region_scope(g, reports, question, report_year) for g in implied))
    regions = tuple(dict.fromkeys(r.region for r in reports))
    if report_year is None and not _EXPLICIT_YEAR.search(question) and not _RELATIVE.search(question):
        # no time word: every report speaks for itself, each year of each region (regions in catalog
        # order, a region's newest report first)
        order = {g: i for i, g in enumerate(regions)}
        per_report = tuple(RegionScope(r.region, ((r,),))
                           for r in sorted(reports, key=lambda r: (order[r.region], -(r.year or 0), r.id)))
        return Scope(stripped, (), per_report, implicit=True)
    return Scope(stripped, (), tuple(region_scope(g, reports, question, report_year) for g in regions), implicit=True)


def select_reports(reports: Sequence[Report], wanted: Sequence[str]) -> list[Report]:
    """The reports a caller names (by id, title or region, full or short name); ValueError listing the
    reports there are when a name matches none."""
    chosen: dict[str, Report] = {}
    for name in wanted:
        key = str(name).strip()
        found = [r for r in reports if key in (r.id, r.title, r.region) or (r.region and key == short_name(r.region))]
        if not found:
            there = "、".join(f"{r.title}（{r.id}）" for r in reports)
            raise ValueError(f"no report {key!r} in this corpus; there are: {there}")
        for r in found:
            chosen.setdefault(r.id, r)
    return list(chosen.values())
