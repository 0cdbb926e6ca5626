"""The extractive answerer: pick the sentence (and the clause) that answers, cite it verbatim.

It can only return text that stands in the report, so it cannot invent a number. The answer is
refused ("报告未提及…", refused=True) when no top sentence covers the question, when the question
asks for a number of some kind (吨, 人, 亿元, %) and the covering sentence has none, or when it asks
about one year and the report speaks only of the other.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from .chunk import MIN_SENTENCE_CHARS, _merge_short, sentence_spans
from .config import Config
from .query import QueryIntent, content_terms, coverage, scope_matches, term_present
from .retrieval import HybridRetriever, clean_question, default_retriever
from .types import Answer, Citation, Hit

REFUSAL = "报告未提及"
# an English question is on the report's ground when this share of its words translate to report words
# (off-topic questions measured up to 0.67, see rag.english.ReportEnglish.known_share)
FAMILIAR_SHARE = 0.7
CLAUSE_END = "，；。：！？"
# A measured quantity ("350亿元", "6.2%", "12家", "2×100万千瓦", "连续8年"), not a code ("1+3+3"),
# a year or a date.
QUANTITY_RE = re.compile(
    r"(?<![\d.+×A-Za-z])(\d+(?:\.\d+)?(?:×\d+(?:\.\d+)?)?)(?![\d.+×])\s*"
    r"(?!年(?!度)|月|日)([万亿千百]*)(%|‰|个百分点|平方公里|平方米|公里|千米|千瓦|A级|[\u4e00-\u9fff])"
    r"|(?<![\d.])(\d{1,2})(年)(?![\d月度])")
_CN_DIGITS = "一二三四五六七八九十两百千"
# a count or an ordinal in Chinese numerals ("第十一批", "5家" is above): only for questions that ask
# for such a measure word, since "一批"/"一张蓝图" are rarely the figure asked for
_CN_QUANTITY_RE = re.compile(rf"(第?)(?<![{_CN_DIGITS}])([{_CN_DIGITS}]+)([万亿]?)([个家所座项户届批次位名条件场类种])")
# What a question's measure word asks for; "元" covers 万元/亿元, "%" covers 个百分点 too
_MONEY = ("钱", "资金", "投资", "收入", "产值", "金额", "营收", "销售额", "总额", "预算", "债")
_PERCENT = ("增长", "增速", "涨幅", "比重", "占比", "比例", "率", "百分", "下降", "降低", "提高", "涨", "长了", "降了")
_MEASURE_RE = re.compile(r"(?:多少|几)\s*[万亿千百]*\s*(平方公里|平方米|公里|千瓦|人次|A级|微克|立方米|公斤|千克|[\u4e00-\u9fff])")
_MEASURE_WORDS = set("个家所座项人户亩吨头台辆次条批名位件场届天倍张株只处栋间套种类元支条座艘年")
# "多少困难群众": a count of people although no measure word is said
_PEOPLE = r"(?:群众|人口|居民|学生|职工|农民工|农民|工人|游客|旅客|人才|干部|老人|儿童|患者|毕业生|人员|人)"
_PEOPLE_RE = re.compile(rf"(?:多少|几)[万千百]*(?:名|位)?[\u4e00-\u9fff]{{0,4}}?{_PEOPLE}")
# "24万困难群众": a head count whose noun follows the number
_HEADCOUNT_RE = re.compile(rf"(?<![\d.])\d+(?:\.\d+)?([万千百]*)(?:名|位)?[\u4e00-\u9fff]{{0,2}}?{_PEOPLE}")
# the unit a topic is measured in, when the question names the topic but no unit ("装机多大")
_TOPIC_UNITS = (("装机", "千瓦"), ("里程", "公里"), ("面积", "亩"), ("产量", "吨"))
_FULL_STOP = "。！？"
# the question asks when: only a date in the quote answers it
_ASKS_DATE = re.compile(r"哪天|哪一天|几号|几月几|什么时候|什么时间|何时|日期|\bwhen\b|what date|which day")
_DATE_RE = re.compile(r"\d{1,2}月\d{1,2}日|\d{1,2}月(?:份|底|初|中旬|下旬|上旬)?|20\d\d年\d{1,2}月|年底|年初|上半年|下半年|年内")
# the question wants a figure, not only what the report says on the matter
_ASKS_FIGURE = re.compile(r"多少|几|多大|多高|多长|多快|多远|比例|百分之|how much|how many|how fast|how big|how large|"
                          r"what percent|in yuan|\brate\b|\bnumber\b|figure")
_LIST_LEADS = ("主要是", "主要有", "一是", "包括", "具体是", "分别是")
_ENGLISH_UNITS = (("人", r"\b(population|people|residents?|persons|passengers?|travell?ers?|visitors?|tourists?|students?|workers?)\b"),
                  ("%", r"\b(rate|percent|percentage|grow|growth|increase|rise|fall|decline|share)\b"),
                  ("元", r"\b(yuan|rmb|money|revenue|investment|funding|funds|output value|total value|value of|"
                         r"worth|spend\w*|cost\w*|price\w*)\b"),
                  ("美元", r"\b(dollars?|usd)\b"), ("微克", r"\b(micrograms?)\b"),
                  ("亩", r"\b(mu|area)\b"), ("公里", r"\b(km|kilomet\w+)\b"),
                  ("吨", r"\b(tonnes?|tons?)\b"))
# "how many hogs / schools / rural homes": a count, answered by a counted figure (55家, 69所, 1578户), not
# by 23.4万亩 or 290亿元, unless the question names what it measures in ("how many hectares / kilowatts")
COUNT = "个数"
_COUNT_WORDS = tuple("个家所座项户头台辆次条批名位件场届张株只处栋间套种类支艘人")
_EN_MEASURE = re.compile(r"\bhow many\s+(?:\w+\s+)?(?:hectares?|acres?|mu|square|cubic|kilo\w*|km|kw|mw|gw|\w*watts?|"
                         r"met(?:re|er)s?|tonnes?|tons?|kg|jin|yuan|rmb|dollars?|percent\w*|points?|times|years?|"
                         r"days?|hours?|minutes?|months?|weeks?|degrees?|micrograms?)\b")
# a slogan that counts its items ("1345", "五未", "三心融合") is explained only where the items are listed
_NUMBERED_SLOGAN = re.compile(r"“([^”]*[\d一二三四五六七八九十两][^”]*)”")
_SUBQUESTION_SPLIT = re.compile(r"[？?；;]|,?\s+and\s+(?=(?:how|what|which|by how)\b)")
_ASKS = re.compile(r"多少|几|哪|什么")
# "A、B各有多少" / "A和B分别是多少": one sub-question per named subject
_EACH_RE = re.compile(r"^(.*?)([^，,？?]*?)(各|分别|each|respectively)(.*)$")
_CONJ_SPLIT = re.compile(r"[、和与及]")
# what a question about a named slogan asks when it wants the slogan spelled out
_MEANING_RE = re.compile(r"是什么|指什么|什么意思|啥意思|含义|指的是|具体指|分别(?:是|指|代表)|代表|包括哪|包含|"
                         r"哪几|哪[一二三四五六七八九十]|内容|mean|stand for")


@dataclass(frozen=True)
class Evidence:
    hit: Hit
    sentence: str            # verbatim sentence (a short lead sentence stays joined to the next)
    span: tuple[int, int]    # in the document text
    score: float
    coverage: float          # share of the question's content terms the sentence (or its section) has


# ---- question terms and support -------------------------------------------------------------

def expected_unit(question: str) -> str | None:
    """The kind of quantity asked for: "%", "元", a measure word ("吨", "人", "个") or None."""
    if question.isascii():
        low = question.lower()
        units = dict(_ENGLISH_UNITS)
        # "how many passengers" counts people; "how much did per-capita income of residents rise"
        # asks a rate, and "how much money did residents get" yuan: the people words come last there
        order = ["人", "%", "元"] if re.search(r"\bhow many\b(?!\s+(?:yuan|rmb)\b)", low) else ["%", "元", "人"]
        order = ["美元", "微克"] + order        # "the dollar value": 美元, not the 元 of "value"
        for unit in order + [u for u in units if u not in order]:
            if re.search(units[unit], low):
                return unit
        if re.search(r"\bhow many\b", low) and not _EN_MEASURE.search(low):
            return COUNT
        return None
    m = _MEASURE_RE.search(question)
    if m:
        word = m.group(1)
        if word in ("钱",):
            return "元"
        if word in _MEASURE_WORDS or len(word) > 1:
            return word
    if re.search(r"(?:多少|几)[万千百]*亿(?![吨人千立平])", question):
        return "元"
    m = _PEOPLE_RE.search(question)
    if m:
        return "人"
    tail = question.split("多少")[0][-6:] if "多少" in question else question
    if any(w in tail for w in _PERCENT) and "多少" in question:
        return "%"
    # "总投资和设计产能是多少": the money word may stand a few words before 多少, within its clause
    clause = re.split(r"[，。？！,?;；]", question.split("多少")[0])[-1] if "多少" in question else ""
    if any(w in tail or w in clause for w in _MONEY) and "多少" in question:
        return "元"
    asked = re.split(r"[，。？！,?;；]", question.split("多少", 1)[1])[0] if "多少" in question else ""
    if re.search(r"(?:资金|经费|补贴|补助|金|款|费|收入|营收|销售额|产值|投资)$", asked.rstrip("？?！!。 ")):
        return "元"      # "发了多少低保金", "实现多少旅游收入"
    if re.search(r"多少|几|多大|多长|多高|多少", question):
        for topic, unit in _TOPIC_UNITS:
            if topic in question:
                return unit
    return None


def quantities(text: str, chinese: bool = False) -> list[tuple[int, int, str]]:
    """(start, end, unit) of each measured quantity in text; with `chinese`, counts and ordinals
    in Chinese numerals too ("第十一批", "五大行动" is not: 大 is no measure word)."""
    out = [(m.start(), m.end(), (m.group(2) or "") + (m.group(3) or m.group(5))) for m in QUANTITY_RE.finditer(text)]
    out += [(m.start(), m.end(), m.group(1) + "人") for m in _HEADCOUNT_RE.finditer(text)]
    if chinese:
        out += [(m.start(), m.end(), m.group(3) + m.group(4)) for m in _CN_QUANTITY_RE.finditer(text)]
    return out


def unit_fits(unit: str, want: str | None) -> bool:
    if want is None:
        return True
    if want == "%":
        return unit.endswith(("%", "‰", "个百分点"))
    if want == "人":
        return unit.endswith("人") or unit.endswith("人次")
    if want == COUNT:
        return unit.endswith(_COUNT_WORDS)
    return unit.endswith(want)


# ---- evidence selection ---------------------------------------------------------------------

def candidate_sentences(hits: list[Hit], intent: QueryIntent, terms: list[str],
                        doc_years: dict[str, int | None] | None = None) -> list[Evidence]:
    out = []
    for hit in hits:
        c = hit.chunk
        context = " ".join(c.section[1:]) + " "
        units = _merge_short(sentence_spans(c.text), c.text, MIN_SENTENCE_CHARS)
        for s, e in units:
            raw = c.text[s:e]
            sent = raw.strip()
            if len(sent) < 4:
                continue
            s0 = c.char_span[0] + s + (len(raw) - len(raw.lstrip()))
            cov = coverage(terms, context + sent)
            score = hit.scores.get("fused", hit.score) + 0.3 * cov
            if intent.kind in ("number", "compare") and quantities(sent):
                score += 0.1
            if intent.kind == "list":
                score += 0.06 * min(sent.count("、"), 5)
            out.append(Evidence(hit, sent, (s0, s0 + len(sent)), score, cov))
    out.sort(key=lambda ev: -ev.score)
    return out


def _year_ok(ev: Evidence, intent: QueryIntent, doc_years: dict) -> bool:
    if not intent.strong_time:
        return True
    return scope_matches(intent, ev.hit.chunk.year_scope, doc_years.get(ev.hit.chunk.doc_id)) is not False


def dense_similarity(ev: Evidence, fill_dense=None) -> float:
    """The embedder's similarity of the question to the evidence's chunk. A Chinese question with a
    clear keyword lead was ranked without embedding it; `fill_dense` (HybridRetriever.fill_dense)
    then embeds it once, here, only for the answers that need the similarity."""
    if "dense_raw" not in ev.hit.scores and fill_dense is not None:
        fill_dense()
    return ev.hit.scores.get("dense_raw", 0.0)


def supported(best: Evidence, terms: list[str], dictionary_only: bool = False, familiar: bool = True,
              question: str = "", fill_dense=None) -> bool:
    """Whether the best sentence really speaks to the question (thresholds set on the dev split).
    `dictionary_only`: an English question whose every term came from CC-CEDICT, not the glossary;
    a dictionary maps "tell" to 分别 and "ignore" to 忽视, so one matching word proves nothing and
    two distinct ones must be found, or the question must be `familiar`: most of its words translate
    to words of the report ("Which sports events will the city host?", not "Tell me a joke about cats")."""
    if not terms:
        # nothing in the question names a topic of the report (a greeting, markup, an English phrase
        # no dictionary knows): e5 scores such text 0.78–0.83 against some sentence, as high as real
        # English questions, so the embedder alone cannot vouch for an answer
        return False
    if dictionary_only:
        if len(re.findall(r"[a-z]{2,}", question.lower())) < 4:    # "'; DROP TABLE x; --" is no question
            return False
        context = (" ".join(best.hit.chunk.section[1:]) + " " + best.sentence).lower()
        return best.coverage >= 0.5 and (sum(term_present(t, context) for t in terms) >= 2 or familiar)
    return best.coverage >= 0.5 or (best.coverage > 0 and dense_similarity(best, fill_dense) >= 0.84)


def _clauses(sentence: str) -> list[tuple[int, int]]:
    cuts = sorted({0, len(sentence)} | {i + 1 for i, ch in enumerate(sentence) if ch in CLAUSE_END})
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def counted_terms(question: str, terms: list[str]) -> list[str]:
    """The question's terms that name what is counted: those after 多少/几 ("新增多少煤炭产能" →
    煤炭, 产能; "发了多少低保金" → 低保)."""
    m = re.search(r"(多少|几)", question)
    if not m:
        return []
    after = re.split(r"[，。？！?；;]", question[m.end():])[0]
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


def quantity_span(sentence: str, terms: list[str], want: str | None,
                  whole_subject: bool = False, counted: list[str] = ()) -> tuple[int, int] | None:
    """The verbatim clauses from the one naming the subject to the one carrying the quantity
    ("大力发展铝基新材料首位产业，力争实现产值350亿元以上"); None when no quantity of the wanted kind."""
    clauses = _clauses(sentence)
    low = sentence.lower()
    terms = whole_words(terms)

    def overlap(i):
        a, b = clauses[i]
        return sum(1 for t in terms if term_present(t, low[a:b]))

    def head(i):
        a, b = clauses[i]
        return head_index(low[a:b], terms)

    def names_counted(i):
        a, b = clauses[i]
        return any(term_present(t, low[a:b]) for t in counted)

    chinese = want is not None and (want in _MEASURE_WORDS or want == COUNT) and want != "元"
    with_qty = [i for i, (a, b) in enumerate(clauses)
                if any(unit_fits(u, want) for _, _, u in quantities(sentence[a:b], chinese=chinese))]
    if not with_qty:
        return None
    def literal(i):     # the question's own words beat synonyms (低保资金 over 最低生活保障 for 低保金)
        a, b = clauses[i]
        return sum(1 for t in terms if "|" not in t and t in low[a:b])

    if counted and not any(names_counted(i) for i in with_qty) and any(names_counted(i) for i in range(len(clauses))):
        return None          # the sentence names what is counted, but its figure counts something else
    best_qty = max(with_qty, key=lambda i: (names_counted(i), overlap(i), head(i), literal(i), -i))
    if whole_subject and overlap(best_qty) < max(overlap(i) for i in range(len(clauses))):
        return None          # the clause naming the whole subject has no figure: this one is about something else
    if overlap(best_qty) > 0:
        if terms and not _figure_is_the_subjects(sentence[clauses[best_qty][0]:clauses[best_qty][1]], terms):
            return None
        first = last = best_qty
    else:
        subject = max(range(len(clauses)), key=lambda i: (overlap(i), -i))
        after = [i for i in with_qty if i >= subject]
        qty = after[0] if after else with_qty[-1]
        first, last = min(subject, qty), max(subject, qty)
        # the subject and the quantity read as one statement only if no other figure stands between
        # them: "地区生产总值增长6.2%，…，实现…68.12亿元" does not give GDP in 亿元
        between = range(first, last) if subject < qty else range(first + 1, last + 1)
        if overlap(subject) and any(quantities(sentence[clauses[i][0]:clauses[i][1]]) for i in between):
            return None
        if last - first > 3:          # too far apart to read as one statement
            first = last = qty
    return clauses[first][0], clauses[last][1]


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
                    score=round(ev.score, 4), char_span=ev.span, paragraph=c.text, year_scope=c.year_scope)


def refuse(question: str, why: str = "", related: Evidence | None = None) -> Answer:
    """A refusal; with `related`, the nearest sentence is offered (cited) so the reader can check."""
    text = f"{REFUSAL}{why or '：报告中没有找到能回答这个问题的内容'}。"
    cites = []
    if related is not None:
        text += f"相关表述：{_trim(related.sentence)}[1]"
        cites = [_citation(1, related)]
    return Answer(question=question, text=text, citations=cites, refused=True, mode="extractive")


def subquestions(question: str) -> list[str]:
    """One question per asked figure: split at "？"/"；"/"，…多少", and "A、B各有多少" into A and B."""
    parts = [p.strip() for p in _SUBQUESTION_SPLIT.split(question) if p and len(p.strip()) >= 3]
    # "A有多少，涨了多少" is two asks; "A的总额，预期涨多少" is one: a comma splits only between asks
    split = []
    for part in parts:
        pieces = part.split("，")
        acc = pieces[0]
        for piece in pieces[1:]:
            if _ASKS.search(acc) and _ASKS.search(piece):
                split.append(acc)
                acc = piece
            else:
                acc += "，" + piece
        split.append(acc)
    parts = [p for p in split if len(p.strip()) >= 3]
    out = []
    for part in parts or [question]:
        pieces = part.split("、")
        if len(pieces) > 1 and all(re.search(r"多少|几", p) for p in pieces):    # "建多少所学校、增加多少学位"
            out += [p.strip() for p in pieces]
            continue
        m = _EACH_RE.match(part)
        subjects = [c for c in _CONJ_SPLIT.split(m.group(2))] if m and not part.isascii() else []
        if len(subjects) >= 2 and all(len(c.strip()) >= 2 for c in subjects) and len(subjects) <= 4:
            out += [f"{m.group(1)}{c.strip()}{m.group(4)}" for c in subjects]
        else:
            out.append(part)
    return out if len(out) > 1 else [question]


def table_rows(question: str, want: str | None, config: Config | None) -> list:
    """Indicator-table rows (rag.indicators) matching a numeric question, of the wanted unit."""
    try:
        from .indicators import lookup
        rows = lookup(question, config)
    except Exception:               # the table refines clause choice; answering never depends on it
        return []
    return [r for r in rows if unit_fits(r.unit, want)]


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


RARE_SHARE = 0.02     # a term in at most this share of the chunks names the subject, not the kind of thing


def _rare_terms(terms: list[str], intent: QueryIntent) -> list[str]:
    """The question's terms that single out its subject (中煤, 燃煤, 空气质量): in the report, but rarely.
    One such word may be incidental ("实际增长"); a sentence with none of two or more is about
    something else."""
    if intent.term_share is None:
        return []
    return [t for t in terms if 0 < intent.term_share(t) <= RARE_SHARE]


# A question in its own words ("地里一共收了多少粮食") shares few words with the sentence that answers
# it ("实现粮食产量161.8万吨"). Its figure is still given when that sentence is the top hit, the embedder
# vouches for it, and it holds a single figure of the asked kind, so there is no clause to mistake
# (heavily paraphrased tuning set: false refusal 0.31 → 0.20, no refusal or accuracy lost; 0.82–0.86 alike)
PARAPHRASE_DENSE = 0.86
_ASKS_UP = re.compile(r"(?:涨|增长|长|增加|提高|提升|上升|扩大|多)了?(?:多少|几)|增速|增幅|涨幅|\b(?:rise|grow|increase)\w*")
_ASKS_DOWN = re.compile(r"(?:降|下降|降低|减少|压减|缩减|减|少)了?(?:多少|几)|降幅|\b(?:cut|fall|drop|reduc|decreas|declin)\w*")
_SAYS_UP = re.compile(r"增长|提高|提升|上升|上调|增加(?!值)|增速|涨|扩大")
_SAYS_DOWN = re.compile(r"下降|降低|减少|压减|缩减|下调|降幅|压降")


# a stock ("how many … altogether", "current total") is not a flow ("新增", "新培育", "认定…5家")
_ASKS_STOCK = re.compile(r"\b(?:in total|altogether|all told|current(?:ly)? total|total number|"
                         r"how many [a-z -]+ (?:are|is) there)\b|总共有|一共有|总数|总量是")
_ASKS_NEW = re.compile(r"\b(?:new|newly|add\w*|build|built|open\w*|creat\w*)\b|新增|新建|新开")
_NEW_ONES = re.compile(r"新增|新培育|新建|新开|新登记|新认定|认定|新引进")


def _one_figure(sentence: str, want: str | None) -> bool:
    chinese = want is not None and (want in _MEASURE_WORDS or want == COUNT) and want != "元"
    return len([u for _, _, u in quantities(sentence, chinese=chinese) if unit_fits(u, want)]) == 1


def _direction(text: str, up: re.Pattern, down: re.Pattern) -> int:
    u, d = bool(up.search(text)), bool(down.search(text))
    return 0 if u == d else (1 if u else -1)


def number_answer(question: str, intent: QueryIntent, evidence: list[Evidence], terms: list[str],
                  config: Config | None = None, fill_dense=None) -> Answer:
    """One clause per asked quantity; refused when the covering sentences have no such number."""
    pieces: list[tuple[Evidence, tuple[int, int]]] = []
    asks_figure = bool(_ASKS_FIGURE.search(question.lower())) or expected_unit(question) is not None
    for part in subquestions(question):
        part_terms = content_terms(part, intent.english) or terms
        want = expected_unit(part)
        top = evidence[:6]
        part_cov = {id(ev): coverage(part_terms, " ".join(ev.hit.chunk.section[1:]) + ev.sentence) for ev in top}
        # a sentence far less on-topic than the best one is not allowed to lend its number
        floor = max(part_cov.values()) - 0.34 if part_terms else 0.0
        ranked = sorted(top, key=lambda ev: -(ev.score + 0.3 * part_cov[id(ev)]))
        rows = table_rows(part, want, config)
        rare = _rare_terms(part_terms, intent)
        counted = counted_terms(part, part_terms)
        asked_dir = _direction(part.lower(), _ASKS_UP, _ASKS_DOWN)
        asks_stock = bool(_ASKS_STOCK.search(part.lower())) and not _ASKS_NEW.search(part.lower())
        for ev in ranked:
            if part_terms and (part_cov[id(ev)] < 0.5 or part_cov[id(ev)] < floor):
                if not (part_cov[id(ev)] > 0 and ev is ranked[0] and ev.hit.rank == 1 and _one_figure(ev.sentence, want)
                        and dense_similarity(ev, fill_dense) >= PARAPHRASE_DENSE):
                    continue
            context = (" ".join(ev.hit.chunk.section[1:]) + " " + ev.sentence).lower()
            if len(rare) >= 2 and not any(term_present(t, context) for t in rare):
                continue    # "中煤燃煤发电项目总投资" is not answered by another project's 总投资
            table = indicator_span(ev, rows) if asks_figure else None
            if table and counted and not any(t in ev.sentence[table[0]:table[1]].lower() for t in counted):
                table = None        # the table row is about the subject, the question counts something else
            span = table or quantity_span(ev.sentence, part_terms, want, whole_subject=not asks_figure,
                                          counted=counted)
            if span and asked_dir * _direction(ev.sentence[span[0]:span[1]], _SAYS_UP, _SAYS_DOWN) < 0:
                continue    # "增加值打算长多少" is not answered by "单位增加值能耗…下降10%"
            if span and asks_stock and _NEW_ONES.search(ev.sentence[span[0]:span[1]]):
                continue    # "how many … in total" is not answered by "新培育规上工业企业55家"
            if span:
                pieces.append((ev, span))
                break
    if not pieces:
        unit = expected_unit(question)
        best = evidence[0]
        clause = None if asks_figure else topic_clause(best.sentence, terms)
        if clause and best.coverage >= 0.5:
            # "收入增长有没有定目标？" is answered by "城乡居民人均可支配收入和经济增长基本同步": the report's
            # own wording, which has no figure
            return Answer(question, f"报告未给出具体数字，原文表述为：{clause}[1]", [_citation(1, best)], False)
        return refuse(question, "具体数字" if unit in (None, COUNT) else f"具体数字（{unit}）", best)
    # one citation per sentence; clauses from the same sentence are merged in reading order
    order: list[Evidence] = []
    spans: dict[int, list[tuple[int, int]]] = {}
    for ev, span in pieces:
        key = next((i for i, o in enumerate(order) if o.span == ev.span), None)
        if key is None:
            order.append(ev)
            key = len(order) - 1
        spans.setdefault(key, []).append(span)
    parts = []
    for n, ev in enumerate(order, 1):
        merged = sorted(set(spans[n - 1]))
        texts = []
        a, b = merged[0]
        for s, e in merged[1:]:
            if s <= b + 1 or not ev.sentence[b:s].strip(CLAUSE_END + " "):
                b = max(b, e)
            else:
                texts.append(_trim(ev.sentence[a:b]))
                a, b = s, e
        texts.append(_trim(ev.sentence[a:b]))
        parts.append("；".join(texts) + f"[{n}]")
    return Answer(question, "；".join(parts), [_citation(n, ev) for n, ev in enumerate(order, 1)], False)


def date_answer(question: str, evidence: list[Evidence], terms: list[str]) -> Answer:
    """"大会哪天开？": the clause with a date that names the subject, or a refusal saying no date is given."""
    best = evidence[0]
    for ev in evidence[:5]:
        if ev.coverage < 0.5 and ev is not best:     # the best one has passed supported() already
            continue
        clauses = _clauses(ev.sentence)
        low = ev.sentence.lower()
        named = [sum(term_present(t, low[a:b]) for t in terms) for a, b in clauses]
        for i, (a, b) in enumerate(clauses):
            if not _DATE_RE.search(ev.sentence[a:b]):
                continue
            # "7月25日，习近平总书记亲临四川视察指导，首站就来到广元": the date and the clauses naming the subject
            near = [j for j in range(max(0, i - 2), min(len(clauses), i + 3)) if named[j]]
            if near:
                first, last = min([i] + near), max([i] + near)
                text = _trim(ev.sentence[clauses[first][0]:clauses[last][1]])
                return Answer(question, f"{text}[1]", [_citation(1, ev)], False)
    return refuse(question, "具体时间", best)


def compare_answer(question: str, intent: QueryIntent, retriever: HybridRetriever, k: int,
                   config: Config | None = None) -> Answer:
    """The same indicator in the review year and the plan year, one cited clause each."""
    terms = content_terms(intent.text, intent.english)
    # one word, one vote when choosing the clause: "高标准农田" must not count again as 高标 and 标准
    words = whole_words(terms)
    want = expected_unit(question)
    counted = counted_terms(question, terms)
    chosen: list[tuple[str, Evidence, str]] = []
    asks_figure = bool(_ASKS_FIGURE.search(question.lower())) or want is not None
    rows = table_rows(question, want, config)
    for relative, label in (("review", "去年"), ("plan", "今年")):
        side = replace(intent, relative=relative, strong_time=True, year=None, kind="number")
        hits = retriever.search(intent.text, k=k, intent=side)
        evidence = [ev for ev in candidate_sentences(hits, side, terms)
                    if _year_ok(ev, side, retriever.doc_years) and ev.coverage > 0]
        # as for numbers: a sentence far less on-topic than the best may not lend its figure
        whole = {id(ev): coverage(words, " ".join(ev.hit.chunk.section[1:]) + ev.sentence) for ev in evidence}
        floor = max(whole.values(), default=0) - 0.34
        evidence = sorted((ev for ev in evidence if whole[id(ev)] >= floor), key=lambda ev: -whole[id(ev)])
        side_rows = [r for r in rows if r.kind == ("result" if relative == "review" else "target")]
        for ev in evidence[:4]:
            spans = [sp for sp in (indicator_span(ev, side_rows), quantity_span(ev.sentence, terms, want, counted=counted)
                                   or quantity_span(ev.sentence, terms, None, counted=counted)) if sp]
            if not asks_figure and ev.coverage >= 0.5:
                # "进度说法有什么不同" asks for wording, not a figure: the clause naming the subject competes
                spans += [sp for sp in [_topic_span(ev.sentence, words)] if sp]
            # the table's clause or the one naming more of the question ("新增学位5970个", not "名学校占比达60%")
            low = ev.sentence.lower()
            span = max(spans, key=lambda sp: (sum(term_present(t, low[sp[0]:sp[1]]) for t in words),
                                              head_index(low[sp[0]:sp[1]], words)), default=None)
            if span:
                chosen.append((label, ev, _trim(ev.sentence[span[0]:span[1]])))
                break
        else:
            # no figure on this side ("去年评上了双拥模范城，为什么今年还要创"): the clause that names
            # the subject, if the sentence is squarely about it
            if want is None and evidence and evidence[0].coverage >= 0.5:
                ev = evidence[0]
                clause = topic_clause(ev.sentence, terms)
                if clause:
                    chosen.append((label, ev, clause))
    if not chosen:
        return refuse(question)
    if len(chosen) == 2 and chosen[0][1].span == chosen[1][1].span:
        chosen = chosen[:1]
    text = "；".join(f"{label}：{clause}[{n}]" for n, (label, _, clause) in enumerate(chosen, 1))
    if len(chosen) == 1:
        text += "（报告未给出另一年的对应数字）"
    return Answer(question, text, [_citation(n, ev) for n, (_, ev, _) in enumerate(chosen, 1)], False)


def unexplained_slogan(question: str, evidence: list[Evidence]) -> tuple[str, Evidence] | None:
    """A numbered slogan the question asks to have spelled out that the report names but never
    spells out ("“1345”分别指什么"; not "“一老一小”方面有哪些安排")."""
    if not _MEANING_RE.search(question.lower()):
        return None
    for slogan in _NUMBERED_SLOGAN.findall(question):
        mentions = [ev for ev in evidence if f"“{slogan}”" in ev.sentence]
        if not mentions:
            continue
        for ev in mentions:
            at = ev.sentence.index(f"“{slogan}”")
            clause = next((a, b) for a, b in _clauses(ev.sentence) if a <= at < b)
            if ev.sentence[clause[0]:clause[1]].count("、") >= 1:
                return None
        return slogan, mentions[0]
    return None


_POINT_RE = re.compile(r"(?:^|(?<=[。；：]))\s*([一二三四五六七八九十])是")


def _numbered_points(para: str, a: int, b: int) -> tuple[int, int]:
    """Widen a span inside "一是…；二是…；三是…" to all the points: each one is a single item of the list."""
    points = [(m.start(1), m.group(1)) for m in _POINT_RE.finditer(para)]
    if len(points) < 2 or not any(a <= p < b for p, _ in points):
        return a, b
    first = next((p for p, n in points if n == "一"), None)
    if first is None or first > a:
        return (min(a, first), b) if first is not None and first < a else (a, b)
    last = max(p for p, _ in points)
    end = last
    while end < len(para) and para[end] not in _FULL_STOP + "；":
        end += 1
    return min(a, first), max(b, min(len(para), end + 1))


def whole_sentence(ev: Evidence, paragraph_of) -> Evidence:
    """For list questions: widen a "；"-clause to its whole "。" sentence, and an introducing sentence
    ("…短板和不足。") to the enumeration that follows it ("主要是：…")."""
    para, p0 = paragraph_of(ev.hit.chunk)
    a, b = ev.span[0] - p0, ev.span[1] - p0
    if not (0 <= a < b <= len(para)):
        return ev
    while a > 0 and para[a - 1] not in _FULL_STOP:
        a -= 1
    while b < len(para) and para[b - 1] not in _FULL_STOP:
        b += 1
    rest = para[b:].lstrip()
    if rest.startswith(_LIST_LEADS) and para[a:b].count("、") < 2:
        b = b + (len(para[b:]) - len(rest))
        b += 1
        while b < len(para) and para[b - 1] not in _FULL_STOP:
            b += 1
    a, b = _numbered_points(para, a, b)
    while a < b and para[a].isspace():
        a += 1
    text = para[a:b].strip()
    if len(text) > 400:                 # an essay is not an answer: keep the sentence we found
        return ev
    return replace(ev, sentence=text, span=(p0 + a, p0 + a + len(text)))


def extractive_answer(question: str, hits: list[Hit], intent: QueryIntent,
                      doc_years: dict[str, int | None] | None = None, paragraph_of=None,
                      config: Config | None = None, fill_dense=None) -> Answer:
    """`fill_dense`: called when hits ranked without the embedder need its similarity after all
    (dense_similarity), because the best sentence shares few words with the question."""
    doc_years = doc_years or {}
    terms = content_terms(intent.text, intent.english)
    evidence = candidate_sentences(hits, intent, terms)
    if not evidence:
        return refuse(question)
    fitting = [ev for ev in evidence if _year_ok(ev, intent, doc_years)]
    dictionary_only = intent.is_english and not content_terms(intent.text)
    familiar = dictionary_only and intent.familiarity >= FAMILIAR_SHARE
    gate = dict(dictionary_only=dictionary_only, familiar=familiar, question=intent.text, fill_dense=fill_dense)
    if not fitting or not supported(fitting[0], terms, **gate):
        if supported(evidence[0], terms, **gate) and not _year_ok(evidence[0], intent, doc_years):
            return refuse(question, "该年份的相关内容", evidence[0])
        return refuse(question)
    if _ASKS_DATE.search(question.lower()):
        return date_answer(question, fitting, terms)
    if intent.kind == "number" or (intent.kind == "other" and expected_unit(question)):   # "…GDP, in yuan?"
        return number_answer(question, intent, fitting, terms, config, fill_dense)
    best = fitting[0]
    if intent.kind == "list" and paragraph_of is not None:
        best = whole_sentence(best, paragraph_of)
    if intent.kind in ("definition", "list"):
        unexplained = unexplained_slogan(question, fitting[:3])
        if unexplained:
            slogan, ev = unexplained
            return refuse(question, f"“{slogan}”的具体含义（报告只提到这一名称）", ev)
    return Answer(question, f"{_trim(best.sentence)}[1]", [_citation(1, best)], False)


def _extractive(q: str, intent: QueryIntent, retriever: HybridRetriever, k: int,
                config: Config | None = None) -> tuple[Answer, list[Hit]]:
    if intent.kind == "compare":
        return compare_answer(q, intent, retriever, k, config), []
    hits = retriever.search(q, k=k, intent=intent)
    return extractive_answer(q, hits, intent, retriever.doc_years, retriever.paragraph_of, config,
                             fill_dense=lambda: retriever.fill_dense(hits, intent)), hits


def _use_llm(config: Config, mode: str | None) -> bool:
    mode = (mode or config.answer_mode).lower()
    if mode not in ("extractive", "llm"):
        raise ValueError(f"answer mode {mode!r}: use 'extractive' or 'llm'")
    return mode == "llm"


def ask(question: str, k: int = 5, *, config: Config | None = None,
        retriever: HybridRetriever | None = None, mode: str | None = None) -> Answer:
    """Answer a question from the report, citing the sentences it rests on.

    mode "extractive" (default) quotes the report; "llm" asks the configured endpoint and keeps its
    answer only if every number in it occurs in a cited quote, else falls back to the quote."""
    config = config or Config.from_env()
    q = clean_question(question, config.max_question_chars)
    retriever = retriever or default_retriever(config)
    intent = retriever.understand(q)
    depth = max(k, 8)
    ans, hits = _extractive(q, intent, retriever, depth, config)
    if _use_llm(config, mode):
        from .errors import LLMUnavailable
        from .llm import llm_answer, verified_or_fallback      # lazy: the offline path never loads langchain
        hits = hits or retriever.search(q, k=depth, intent=intent)
        try:
            ans = verified_or_fallback(llm_answer(q, hits, config), ans)
        except LLMUnavailable as e:
            ans = replace(ans, mode="llm→extractive", note=f"LLM 不可用（{e}），已改用原文摘录回答。")
    return _with_paragraphs(ans, retriever)


def _with_paragraphs(ans: Answer, retriever: HybridRetriever) -> Answer:
    """Fill each citation's paragraph (the card in the UI shows it with the quote highlighted)."""
    by_id = retriever.chunk_by_id
    cites = [replace(c, paragraph=retriever.paragraph_of(by_id[c.chunk_id])[0]) if c.chunk_id in by_id else c
             for c in ans.citations]
    return replace(ans, citations=cites)


def ask_stream(question: str, k: int = 5, *, config: Config | None = None,
               retriever: HybridRetriever | None = None, mode: str | None = None) -> Iterator[str | Answer]:
    """Stream an answer for the UI: yields the answer text so far (cumulative str) one or more
    times, then the final Answer (always last; its text replaces whatever was streamed, since an
    LLM draft that fails verification is replaced). Raises InvalidQuestion like ask()."""
    config = config or Config.from_env()
    q = clean_question(question, config.max_question_chars)
    retriever = retriever or default_retriever(config)
    if _use_llm(config, mode):
        from .errors import LLMUnavailable
        from .llm import stream_llm_answer
        intent = retriever.understand(q)
        fallback, hits = _extractive(q, intent, retriever, max(k, 8), config)
        hits = hits or retriever.search(q, k=max(k, 8), intent=intent)
        try:
            for part in stream_llm_answer(q, hits, config, fallback=fallback):
                yield _with_paragraphs(part, retriever) if isinstance(part, Answer) else part
        except LLMUnavailable as e:
            yield _with_paragraphs(replace(fallback, mode="llm→extractive",
                                           note=f"LLM 不可用（{e}），已改用原文摘录回答。"), retriever)
        return
    ans = ask(q, k=k, config=config, retriever=retriever, mode="extractive")
    so_far = ""
    for piece in re.split(r"(?<=[，；。：])", ans.text):
        if piece:
            so_far += piece
            yield so_far
    yield ans
