"""Cutting the answering clause out of a sentence: the asked figure's clause, the topic's clause, citations."""
from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from rag.answer.cues import CLAUSE_END
from rag.answer.rules import on
from rag.config import Config
from rag.figures import _MEASURE_WORDS, COUNT, COUNTING, quantities, unit_fits
from rag.search.query import term_present
from rag.search.sentences import Evidence
from rag.types import Citation


def _clauses(sentence: str) -> list[tuple[int, int]]:
    cuts = sorted({0, len(sentence)} | {i + 1 for i, ch in enumerate(sentence) if ch in CLAUSE_END})
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


# what a figure measures, not what it counts ("有多少面积", "多少数量")
_DIMENSIONS = frozenset("面积 长度 里程 规模 数量 总量 金额 总额 人数 个数 数目 体量 大小".split())


def counted_terms(question: str, terms: list[str]) -> list[str]:
    """The question's terms that name what is counted: those after 多少/几 ("新增多少煤炭产能" →
    煤炭, 产能; "发了多少低保金" → 低保)."""
    m = re.search(r"(多少|几)", question)
    if not m:
        return []
    after = re.split(r"[，。？！?；;]", question[m.end():])[0]
    if on("figures.dimension_not_counted"):
        terms = [t for t in terms if t not in _DIMENSIONS]      # "厂房有多少面积": 面积 is the measure, 厂房 the thing
    named = [t for t in terms if "|" not in t and t in after]
    if named:
        return named
    # "中小学幼儿园的新增学位，…分别是多少": in "A的B" B is what is counted
    first = re.split(r"[，。？！?；;]", question)[0]
    if "的" in first:
        tail = first.rsplit("的", 1)[1]
        return [t for t in terms if "|" not in t and t in tail]
    return []


def head_index(text_lower: str, terms: list[str]) -> int:
    """Position in the question of the latest term the text has: in "中小学幼儿园的新增学位" the head
    noun, what is counted, comes last, so on equal overlap the clause with 学位 wins."""
    return max((k for k, t in enumerate(terms) if term_present(t, text_lower)), default=-1)


def whole_words(terms: list[str]) -> list[str]:
    """One word, one vote: jieba's search mode also yields a word's parts (中小学 → 中小, 小学)."""
    return [t for t in terms if "|" in t or not any(t != u and "|" not in u and t in u for u in terms)]


# a clause giving a measure of what the clause before it names: "苍岭抽水蓄能电站4台机组全部投产，总装机120万千瓦",
# "…高速公路，全长168公里、总投资326亿元" (number.attribute_clause)
_ATTRIBUTE_OPENS = re.compile(r"(?:总装机|装机容量|装机|全长|总长|长约|总里程|总投资|计划投资|总面积|占地面积|占地|总建筑面积|建筑面积|"
                              r"设站|设计产能|年产能|产能|库容|总库容|规模)")


def quantity_span(sentence: str, terms: list[str], want: str | None,
                  whole_subject: bool = False, counted: Sequence[str] = (),
                  taken: Sequence[tuple[int, int]] = (), taken_subjects: bool = False) -> tuple[int, int] | None:
    """The verbatim clauses from the one naming the subject to the one carrying the quantity
    ("大力发展铝基新材料首位产业，力争实现产值350亿元以上"); None when no quantity of the wanted kind.
    A clause inside a `taken` span (another ask's figure) carries none; with `taken_subjects` that figure is the
    subject's own (an earlier ask of it), no other figure standing between the subject and its quantity."""
    clauses = _clauses(sentence)
    low = sentence.lower()
    terms = whole_words(terms)

    def overlap(i):
        a, b = clauses[i]
        return sum(1 for t in terms if term_present(t, low[a:b]))

    def head(i):
        a, b = clauses[i]
        return head_index(low[a:b], terms)

    def names_counted(i, quoted_too=True):
        a, b = clauses[i]
        text = low[a:b] if quoted_too else _A_QUOTED_NAME.sub("", low[a:b])
        return any(term_present(t, text) for t in counted)

    chinese = want is not None and (want in _MEASURE_WORDS or want == COUNT) and want != "元"
    with_qty = [i for i, (a, b) in enumerate(clauses)
                if any(unit_fits(u, want) for _, _, u in quantities(sentence[a:b], chinese=chinese))
                and not any(a < e and s < b for s, e in taken)]
    if on("figures.attributive_figure") and len(with_qty) > 1:
        # "争取静态储备75万吨的中煤…储备基地项目…，力争静态煤炭储备超400万吨": a figure standing before 的 describes the
        # thing named after it, answering the ask only when the ask names that thing
        kept = [i for i in with_qty if not _only_attributive(sentence[clauses[i][0]:clauses[i][1]], terms)]
        with_qty = kept or with_qty
    if not with_qty:
        return None
    def literal(i):     # the question's own words beat synonyms (低保资金 over 最低生活保障 for 低保金)
        a, b = clauses[i]
        return sum(1 for t in terms if "|" not in t and t in low[a:b])

    owner = on("number.owner")
    # a quoted name ("入选“四川民营企业100强”") names a list or a title, not the thing counted (number.quoted_name_not_counted)
    quoted_too = not on("number.quoted_name_not_counted")
    if owner and counted and not any(names_counted(i) for i in with_qty) \
            and any(names_counted(i, quoted_too) for i in range(len(clauses))):
        return None          # the sentence names what is counted, but its figure counts something else
    best_qty = max(with_qty, key=lambda i: (names_counted(i), overlap(i), head(i), literal(i), -i))
    if owner and whole_subject and overlap(best_qty) < max(overlap(i) for i in range(len(clauses))):
        return None          # the clause naming the whole subject has no figure: this one is about something else
    if overlap(best_qty) > 0:
        if owner and terms and not _figure_is_the_subjects(sentence[clauses[best_qty][0]:clauses[best_qty][1]], terms):
            return None
        first = last = best_qty
    else:
        subject = max(range(len(clauses)), key=lambda i: (overlap(i), -i))
        named_alike = [i for i in range(len(clauses)) if overlap(i) == overlap(subject)]
        if len(named_alike) > 1 and on("figures.nearest_subject"):
            # "…零部件…三大主导产业产值分别增长…，其中新能源汽车零部件产业产值达到436亿元，是2020年的2.3倍": of clauses
            # naming the subject alike, the one a bare predicate follows right after
            gaps = {i: min((q - i for q in with_qty if q > i), default=len(clauses)) for i in named_alike}
            nearest = min(named_alike, key=lambda i: (gaps[i], i))
            figure_at = nearest + gaps[nearest]
            if gaps[nearest] == 1 and _BARE_PREDICATE.match(sentence[clauses[figure_at][0]:clauses[figure_at][1]]):
                subject = nearest       # the very next clause is a bare predicate of it ("是2020年的2.3倍")
        after = [i for i in with_qty if i >= subject]
        if not after and overlap(subject) and on("number.figure_after_subject"):
            return None      # "游客5320万人次、…，望潮港货物吞吐量…稳步增长": the subject comes before its figure
        qty = after[0] if after else with_qty[-1]
        first, last = min(subject, qty), max(subject, qty)
        # the subject and the quantity read as one statement only if no other figure stands between
        # them: "地区生产总值增长6.2%，…，实现…68.12亿元" does not give GDP in 亿元
        between = range(first, last) if subject < qty else range(first + 1, last + 1)
        # "地区生产总值286.7亿元，增长6.3%": a clause that is only a predicate goes on with the subject before it
        # ("…生产总值迈上4万亿元台阶，达到4.07万亿元，增长5.3%": each clause after the subject's a predicate of it)
        goes_on = qty > subject and on("figures.predicate_clause") and all(
            _BARE_PREDICATE.match(sentence[clauses[i][0]:clauses[i][1]])
            or (_ATTRIBUTE_OPENS.match(sentence[clauses[i][0]:clauses[i][1]].lstrip(CLAUSE_END + " ")) and on("number.attribute_clause"))
            for i in range(subject + 1, qty + 1))
        if owner and overlap(subject) and not goes_on \
                and any(_measured(sentence[clauses[i][0]:clauses[i][1]]) for i in between
                        if not (i == subject and _counts_the_subject(low[clauses[i][0]:clauses[i][1]], terms))
                        and not (taken_subjects and any(clauses[i][0] < e and s < clauses[i][1] for s, e in taken))):
            return None
        if last - first > 3:          # too far apart to read as one statement
            first = last = qty
    return clauses[first][0], clauses[last][1]


# a name the report quotes: a list's, a title's, a slogan's
_A_QUOTED_NAME = re.compile(r"“[^“”]{1,30}”")


def _only_attributive(clause: str, terms: list[str]) -> bool:
    """Every figure of the clause stands right before 的, and the head noun of the thing named after it (项目, 基地, 园…)
    is in none of the ask's terms: the figures describe that thing ("静态储备75万吨的中煤广元煤炭储备基地项目")."""
    found = quantities(clause)
    low = clause.lower()

    def described(b: int) -> str | None:      # "的中煤广元煤炭储备基地项目": the head noun of what is described
        m = _DESCRIBED_HEAD.search(low, b, b + 26)
        return m.group() if clause[b:b + 1] == "的" and m else None

    return bool(found) and all((d := described(b)) is not None and not any(d in t for t in terms)
                               for _, b, _ in found)


# the head nouns of things a figure before 的 describes: "…75万吨的…基地项目", "…85万吨的智慧食品产业园"
_DESCRIBED_HEAD = re.compile(r"项目|基地|产业园|园区|物流园|工程|中心|电站|电厂|公司|企业")


def _counts_the_subject(clause: str, terms: list[str]) -> bool:
    """"推动…等84个重点项目尽早竣工投产": the clause's one figure counts the subject named right after it, so it stands
    between the subject and its figure in the next clause as no other figure (figures.count_of_subject)."""
    found = _measured(clause)
    return on("figures.count_of_subject") and len(found) == 1 and found[0][2][-1:] in COUNTING \
        and any(term_present(t, clause[found[0][1]:found[0][1] + 2 + max(len(a) for a in t.split("|"))]) for t in terms)


def _measured(text: str) -> list[tuple[int, int, str]]:
    """The text's quantities less ordinals and years in names: "第19届…博览会", "第二批试点", "2023中外知名企业
    四川行" name an item and measure nothing (figures.ordinal_is_a_name)."""
    found = quantities(text)
    if not on("figures.ordinal_is_a_name"):
        return found
    return [(a, b, u) for a, b, u in found if not text[max(0, a - 1):a] == "第" and not _YEAR_IN_NAME.fullmatch(text[a:b])]


# "2023中外知名企业四川行": a year written into a name, read by QUANTITY_RE as a figure of the unit "中"
_YEAR_IN_NAME = re.compile(rf"(?:19|20)\d\d[^\d{''.join(sorted(_MEASURE_WORDS))}]")


# a clause with no subject of its own: the predicate and its figure ("增长6.3%", "同比下降2.1个百分点")
_BARE_PREDICATE = re.compile(r"^\s*(?:分别)?(?:同比|比上年|较上年|比去年)?(?:分别)?"
                             r"(?:增长|下降|增加|减少|提高|降低|上升|回落|增幅|降幅|达到|突破|超过)"
                             r"(?:了|为|达到?)?\s*\d"
                             r"|^\s*(?:是|为|相当于)(?:(?:19|20)\d\d年|上年|去年)的?\s*\d")      # "是2020年的2.3倍"


def _figure_is_the_subjects(clause: str, terms: list[str]) -> bool:
    """In "推动500千伏电网工程、羊木国家石油储备基地项目加快落地" the figure belongs to the power grid,
    not to the oil reserve the question named: within a clause, items joined by "、" each own their
    figures, unless "分别" hands the figures out in order."""
    items = clause.split("、")
    if len(items) < 2 or "分别" in clause:
        return True
    low = [item.lower() for item in items]
    named = [i for i, item in enumerate(low) if any(term_present(t, item) for t in terms)]
    counted = [i for i, item in enumerate(items) if quantities(item)]
    if not named or any(i in counted for i in named):
        return True
    # "规上工业增加值、固定资产投资增长8%": a figure after the named items may be their shared predicate
    return all(i > max(named) for i in counted)


def _topic_span(sentence: str, terms: list[str]) -> tuple[int, int] | None:
    """Where the clause naming most of the question's terms is (the first on a tie); None if none names any."""
    low = sentence.lower()
    scored = [(sum(term_present(t, low[a:b]) for t in terms), -a, a, b) for a, b in _clauses(sentence)]
    best = max(scored, default=None)
    return (best[2], best[3]) if best and best[0] > 0 else None


def topic_clause(sentence: str, terms: list[str]) -> str | None:
    """The clause naming most of the question's terms, verbatim and trimmed; None if none names any."""
    span = _topic_span(sentence, terms)
    return _trim(sentence[span[0]:span[1]]) if span else None


def _trim(text: str) -> str:
    return text.strip().rstrip(CLAUSE_END)


def _citation(n: int, ev: Evidence) -> Citation:
    c = ev.hit.chunk
    return Citation(n=n, chunk_id=c.id, quote=ev.sentence, section=c.section_path, doc_title=c.doc_title,
                    score=round(ev.score, 4), char_span=ev.span, paragraph=c.text, year_scope=c.year_scope,
                    region=c.region, report_year=c.report_year)

def table_rows(question: str, want: str | None, config: Config | None) -> list:
    """Indicator-table rows (rag.indicators) matching a numeric question, of the wanted unit."""
    from rag.indicators.table import lookup
    return [r for r in lookup(question, config) if unit_fits(r.unit, want)]


def indicator_span(ev: Evidence, rows: list) -> tuple[int, int] | None:
    """Where the best-matching table row's quote sits inside this evidence sentence: the table knows
    which clause of "A、B分别增长x%、y%" or "实现…68.12亿元、增长11%" carries the asked figure."""
    for row in rows:
        if row.doc_id != ev.hit.chunk.doc_id:
            continue
        a, b = row.char_span[0] - ev.span[0], row.char_span[1] - ev.span[0]
        if 0 <= a < b <= len(ev.sentence) and ev.sentence[a:b] == row.quote:
            return a, b
    return None
