"""Number questions (多少/几/how many): the clause holding a figure of the asked kind, or a refusal."""
from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answer.asks import asks, conjoined
from rag.answer.clauses import (
    _citation,
    _clauses,
    _trim,
    counted_terms,
    indicator_span,
    quantity_span,
    table_rows,
    topic_clause,
    whole_words,
)
from rag.answer.cues import _ASKS_FIGURE, CLAUSE_END, MEASURE_TERM, REFUSAL
from rag.answer.refusal import refuse
from rag.answer.rules import on
from rag.answer.support import dense_similarity
from rag.config import Config
from rag.corpus.structure import PLAN_OPENERS, REVIEW_OPENERS
from rag.figures import (
    _MEASURE_WORDS,
    COUNT,
    COUNTING,
    asks_money_rise,
    asks_share,
    english_asks_output,
    expected_unit,
    is_english_text,
    number_mentions,
    quantities,
    unit_fits,
)
from rag.search.places import named_places
from rag.search.query import (
    PLACE_NAMES,
    QueryIntent,
    asked_after_context,
    asks_measure_target,
    content_terms,
    coverage,
    glossary_key_words,
    learned_wording,
    synonyms,
    term_present,
)
from rag.search.sentences import Evidence
from rag.store.tokens import is_dictionary_word, is_noun, nouns, words
from rag.types import Answer

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
_PERCENT_ASKED = re.compile(r"百分之(?=多少|几)|(?<=[几少])个?百分点")
_SAYS_UP = re.compile(r"增长|提高|提升|上升|上调|增加(?!值)|增速|涨|扩大")
_SAYS_DOWN = re.compile(r"下降|降低|减少|压减|缩减|下调|降幅|压降")


# a stock ("how many … altogether", "current total") is not a flow ("新增", "新培育", "认定…5家")
_ASKS_STOCK = re.compile(r"\b(?:in total|altogether|all told|current(?:ly)? total|total number|"
                         r"how many [a-z -]+ (?:are|is) there)\b|总共有|一共有|总数|总量是")
_ASKS_NEW = re.compile(r"\b(?:new|newly|add\w*|build|built|open\w*|creat\w*)\b|新增|新建|新开|"
                       r"新(?:修|盖|设|办|上|培育|引进|认定|登记|改|扩)")     # "新修的体育场地一共有多少处"
# a balance (存款余额, outstanding loans) is a stock, as a total is: a year's new lending does not answer it (number.balance)
_ASKS_BALANCE = re.compile(r"余额|存量|保有量|\b(?:balance|outstanding)\b")
_NEW_ONES = re.compile(r"新增|新培育|新建|新开|新登记|新认定|认定|新引进")


# a figure of several years: "五年累计…", "年均增长…", "三年来…", "“十四五”时期…"; a question asks one year's
# figure unless it says so itself
_PERIOD = re.compile(r"(?:[两二三四五六七八九十]|\d+)年(?:来|间|累计|共)|五年|年均|十[一二三四五]五”?(?:时期|期间|以来)|"
                     r"(?<!今年)(?<!去年)(?<!年初)(?<!上半年)以来|"
                     r"\b(?:five|\d+)[- ]years?\b|\bannual average|\baverage annual|\bcumulative", re.I)
# a Chinese ask for a figure of several years: "“十四五”期间累计…", "五年来…" (number.period_asked)
_PERIOD_ASKED = re.compile(r"累计|五年(?:来|间|累计)|十[一二三四五]五”?(?:时期|期间|以来)")
# the same, asked in English: "in total over the past five years" (a broader form, with "cumulative" and the
# 14th Five-Year Plan, cost a never-read row)
_PERIOD_ASKED_EN = re.compile(r"\b(?:over|in|during|across) the (?:past|last|previous) (?:five|5) years\b")
_ONE_YEAR_OPENS = re.compile("|".join((*REVIEW_OPENERS, *PLAN_OPENERS, "去年", r"20\d\d年")))
# an ask naming a time of its own ("今年呢", "in 2025") is not dated by the period leading the question
_OWN_TIME = re.compile(r"今年|去年|明年|前年|上年|本年|\d{4}\s*年|\b(?:19|20)\d\d\b|\b(?:last|this|next) year\b", re.I)


# "X占Y(的)比重": Y is the whole a share is taken of, not what the figure measures
_SHARE_OF = re.compile(r"占[^，。；、]{1,24}?(?:的)?(?:比重|比例|份额)")
_NAMES_SHARE = re.compile(r"占|比重|比例|份额|share|proportion|percentage of", re.I)   # (figures._ASKS_SHARE asks one)


def _named_only_as_base(clause: str, ask: str, terms: list[str]) -> bool:
    """The ask's words stand in the clause only as the whole of a share ("占全市地区生产总值比重"), and the ask
    asks no share."""
    if _NAMES_SHARE.search(ask) or not _SHARE_OF.search(clause):
        return False
    low, rest = clause.lower(), _SHARE_OF.sub(" ", clause).lower()
    named = [t for t in terms if term_present(t, low)]
    return bool(named) and not any(term_present(t, rest) for t in named)


# "R&D spending as a share of GDP", "研发投入占GDP比重": what the share is taken of
_SHARE_BASE = re.compile(r"\b(?:share|percentage|proportion|ratio|per ?cent) of (?:the )?(?:city['’]s |its )?([\w&-]+(?: [\w&-]+)?)|"
                         r"占(?:全市|全省|全县)?([^，。？?的]{1,10}?)(?:的)?(?:比重|比例|份额)", re.I)


def _subject_terms(ask: str, intent: QueryIntent, terms: list[str]) -> list[str]:
    """The ask's terms less those naming only the whole its share is taken of: "R&D spending as a share of GDP"
    is about R&D, and a sentence on GDP alone does not answer it (number.share_base)."""
    m = _SHARE_BASE.search(ask) if on("number.share_base") else None
    if not m:
        return terms
    base = set(content_terms(m.group(1) or m.group(2), intent.english))
    subject = [t for t in terms if t not in base]
    return subject if subject and len(subject) < len(terms) else terms


def _said_terms(terms: list[str], intent: QueryIntent) -> list[str]:
    """The terms a sentence must hold to speak to the ask: not the asker's own verbs, adverbs and time words the reports
    in scope never use ("收上来", "新添", "已经", "晚上": how the question is spoken, not what it asks), nor a piece of a
    longer term ("投进" of 投进去) counted again (number.spoken_words). Nouns stay, used or not: a subject the reports
    never name is what a near miss asks."""
    share = intent.term_share
    if not on("number.spoken_words") or share is None:
        return terms

    def spoken(t: str) -> bool:
        return "|" not in t and is_dictionary_word(t) and not is_noun(t) and share(t) == 0
    kept = [t for t in terms if not spoken(t) and not any(t != o and t in o and spoken(o) for o in terms)]
    return kept or terms


def _opening(ev: Evidence, end: int, paragraph_of=None) -> str:
    """The "。"-sentence of the evidence up to `end` of its text: a "；"-piece's period may open the sentence before
    it ("回顾“十四五”以来的四年，…；累计完成棚户区改造8600户")."""
    para, p0 = paragraph_of(ev.hit.chunk) if paragraph_of is not None else (ev.hit.chunk.text, ev.hit.chunk.char_span[0])
    at = ev.span[0] - p0
    if not 0 <= at <= len(para):
        return ev.sentence[:end]
    start = max(para.rfind(p, 0, at) for p in "。！？") + 1
    return para[start:at] + ev.sentence[:end]


# what is done, not to what: "新增了多少个普惠托位" is not answered by "新增三级医院2家" for sharing 新增
_DOING = re.compile(r"新增|新建|新开|新改扩建|改扩建|新培育|新引进|建成|完成|实现|累计|改造|建设|开工|引进|培育|打造|推进")


def _things(terms: Sequence[str]) -> list[str]:
    """The ask's terms less its verbs of doing, when any term is left (number.things_named)."""
    if not on("number.things_named"):
        return list(terms)
    things = [t for t in terms if not _DOING.fullmatch(t)]
    return things or list(terms)


# a clause ending in a rank: "…全省最低", "…位居全国前列", "…全市第一"
_RANK_TOLD = re.compile(r"(?:最低|最高|最少|最多|最好|最优|前列|首位|领先|第[一二三四五1-5](?:位|名)?)$")


def _a_name(term: str) -> bool:
    """A term naming one thing, not a kind: each of its wordings holds a place name of the corpus and more
    (广元机场改扩建, 中煤广元煤电一体化), as a project's or a site's name does."""
    return all(any(p in w and len(w) >= len(p) + 2 for p in PLACE_NAMES) for w in term.split("|"))


# "茶叶、猕猴桃产量分别达到…": a clause listing its subjects before 分别 gives a figure to each of them and none other
_ITEMISED = re.compile(r"[\u4e00-\u9fff]{1,12}、[^，；。]{1,30}分别")


def _told_apart(low: str, span: tuple[int, int], inside: str, rare: list[str], terms: Sequence[str],
                want: str | None = None) -> bool:
    """The ask's rare subject, missing from the itemised clause, is told in a clause of its own of the sentence, with no
    figure, in the same words of what is measured ("核桃产量稳居全省前列" beside "茶叶、猕猴桃产量分别达到…"), or with a
    figure of another kind than the one asked ("医疗保险参保率达98%" beside "养老、工伤、失业保险参保分别覆盖188万人…" for
    多少万人: number.itemised_other_unit)."""
    for a, b in _clauses(low):
        if a < span[1] and b > span[0]:
            continue
        clause = low[a:b]
        missing = [t for t in rare if term_present(t, clause) and not term_present(t, inside)]
        shared = [t for t in terms if t not in missing and term_present(t, clause) and term_present(t, inside)]
        other_kind = want is not None and on("number.itemised_other_unit") \
            and not any(unit_fits(u, want) for _, _, u in quantities(clause, chinese=True))
        if missing and shared and (not re.search(r"\d", clause) or other_kind):
            return True
    return False


def _figure_of_another_subject(sentence: str, span: tuple[int, int], ask: str, rare: list[str],
                               intent: QueryIntent, terms: Sequence[str] = (), want: str | None = None) -> bool:
    """The ask's rare subject word stands in another clause of the sentence, and the figure's clause names a
    rare subject of its own the ask does not ("…环境空气质量保持稳定，…，国省考核断面水质优良率保持100%": 水质;
    not 项目 or 投资, which any clause may name)."""
    share = intent.term_share
    if not rare or share is None:
        return False
    low = sentence.lower()
    # a lead sentence ("加大招商引资力度。") names the topic all that follows it continues
    lead = low.find("。") + 1 if 0 <= low.find("。") < span[0] else 0
    cut = max(low.rfind(p, span[0], span[1] - 1) for p in CLAUSE_END)
    if cut > span[0] and _RANK_TOLD.search(low[span[0]:cut]) and on("number.figure_clause_subject"):
        # "PM2.5平均值除三州外全省最低，国省考核断面水质优良率保持100%": the subject's clause ends telling its rank, a
        # statement whole in itself; the figure's clause after it, naming a rare subject of its own, is another
        span = (cut + 1, span[1])
    inside, outside = low[span[0]:span[1]], low[lead:span[0]] + " " + low[span[1]:]
    if _ITEMISED.search(inside) and on("number.itemised_subjects") and _told_apart(low, span, inside, rare, terms, want):
        return True     # "茶叶、猕猴桃产量分别达到1.95万吨、20万吨，核桃产量稳居全省前列": the figures are the listed ones'
    if any(term_present(t, inside) for t in rare) or not any(term_present(t, outside) for t in rare):
        return False
    # a word the report names nowhere (a colloquial name: 盘龙机场) tells nothing of which clause is the ask's
    common = [t for t in terms if t not in rare and not (on("number.unnamed_not_common") and share(t) == 0
                                                        and not synonyms().get(t) and not learned_wording(t))]
    if common and all(term_present(t, inside) for t in common) and on("number.own_subject_named"):
        return False    # "广元机场新开通航线4条，年旅客吞吐量…50万人次" for 机场坐飞机的人: the clause names all the rest
    return any(noun not in ask and 0 < share(noun) <= RARE_SHARE for noun in nouns(sentence[span[0]:span[1]]))


# the sides the reports give a figure for: urban, rural and all residents; imports, exports and the two together;
# deposits, loans and the two together; a port's or an airport's cargo and passengers
_SIDES = ((("城镇", "城市", "城区", "urban", "city", "town"), ("农村", "乡村", "rural", "countryside", "village"),
           ("全体居民", "all residents")),
          (("进口", "import"), ("出口", "export"), ("进出口", "foreign trade", "imports and exports")),
          (("存款", "deposit"), ("贷款", "loan", "lending"), ("存贷款", "deposits and loans")),
          (("货物", "货运", "cargo", "freight"), ("旅客", "passenger")))
# 资产总额 and 负债总额 are two sides of a balance sheet (number.assets_liabilities)
_ASSETS_LIABILITIES = (("资产", "assets"), ("负债", "liabilities", "debts"))
_REVENUE_SPENDING = (("收入", "revenue"), ("支出", "expenditure", "spending"))
# spending said by its verb too: "how much did the city spend", "花了多少" (number.spending_verbs)
_REVENUE_SPENDING_SAID = (("收入", "revenue"), ("支出", "expenditure", "spend", "spent", "outlay", "花了", "花掉", "开支"))


def _sides(text: str, sides: tuple[tuple[str, ...], ...]) -> set[int]:
    """Which sides the text names; a word of a later side (进出口) is not read as an earlier one's (出口) too."""
    found = set()
    for i in reversed(range(len(sides))):
        for w in sides[i]:
            if w in text:
                found.add(i)
                text = text.replace(w, " ")
    return found


# one item asked apart from those it is counted with: "how much … alone", "光是…多少", "单独…多少"
_ASKS_ONE_APART = re.compile(r"\balone\b|\bby itself\b|\bon (?:its|their) own\b|单独|单是|光是|单单")


def _a_sum_of_several(clause: str, span: tuple[int, int], sentence: str) -> bool:
    """The figure is one sum for several things listed before it ("预算内资金、专项债资金、增发国债项目资金达98.16亿元")."""
    start = max(sentence.rfind(p, 0, span[0]) for p in CLAUSE_END) + 1
    figures = quantities(sentence[span[0]:span[1]], chinese=True)
    if len(figures) != 1:
        return False
    before = sentence[start:span[0] + figures[0][0]]
    return before.count("、") >= 1 and "分别" not in sentence[start:span[1]]


# nouns that name a measure of a subject, not the subject: "natural gas output" asks the 产量 of 天然气
_MEASURE_NOUNS = frozenset("产量 产值 总额 总量 规模 收入 增加值 增速 增幅 目标 数量 人数 金额 余额 占比 比重".split())

# a change named alone: "便宜了多少", "涨了多少", "降幅呢"
_CHANGE_WORD = re.compile(r"便宜|贵|涨价|降价|涨|降|增长|下降|提高|降低|增加|减少|上调|下调|降幅|涨幅|增幅|增速|降低了|增长率")
# an English ask of a change: "how much cheaper did they get", "by how much did it rise" (asks.english_change_follows)
_EN_CHANGE_ASKED = re.compile(r"\b(?:cheaper|dearer|pricier|more expensive|ris(?:e|en|ing)|rose|f[ae]ll(?:en)?|drop(?:ped)?|"
                              r"gr[eo]wn?|grew|increas\w*|decreas\w*|go(?:ne)? (?:up|down)|went (?:up|down)|jump\w*|climb\w*|"
                              r"cut|reduc\w*)\b")
# measures an ask may name alone, of the subject of the ask before it ("渔洞河水库总投资多少，库容多大")
_FOLLOWING_MEASURES = _MEASURE_NOUNS | frozenset("库容 容量 面积 长度 全长 里程 总投资 投资 产能 装机 装机容量".split())


def _covered_by_measure_only(terms: Sequence[str], context: str) -> bool:
    """The ask names a subject and a measure of it; the context holds the measure and none of the subject's words
    (number.measure_only_cover)."""
    measures = [t for t in terms if set(t.split("|")) <= _MEASURE_NOUNS]
    things = [t for t in terms if t not in measures]
    low = context.lower()
    return bool(measures and things) and any(term_present(t, low) for t in measures) \
        and not any(term_present(t, low) for t in things)


# a side set aside in English: "not counting loans", "excluding exports", "leaving out imports"
_EN_SET_ASIDE = re.compile(r"\b(?:not counting|not including|excluding|leaving out|without counting|apart from|except(?: for)?)"
                           r"\s+[\w' -]{1,30}?(?=,|;|\?|$)", re.I)


def _the_other_of_a_pair(clause: str, ask: str, terms: list[str]) -> bool:
    """The ask names one side (城镇, 出口) and the figure's clause only others (农村居民…21940元, 进出口总额). 城乡
    (城乡居民…分别增长4.3%、7.2%) names the urban and the rural side both."""
    # an English ask names its side in its own words ("new loans"); its glossary words may name the pair (贷款|存贷款)
    english_side = is_english_text(ask) and on("number.pair_english_words")
    if english_side and on("number.pair_set_aside"):
        ask = _EN_SET_ASIDE.sub(" ", ask)    # "deposits on their own, not counting loans": loans are no side asked
    said = (ask + " " + " ".join(terms)).lower()
    low = clause.lower().replace("城乡", "城镇农村")
    revenue_spending = _REVENUE_SPENDING_SAID if on("number.spending_verbs") else _REVENUE_SPENDING
    for sides in _SIDES + ((revenue_spending,) if on("number.revenue_spending") else ()) \
            + ((_ASSETS_LIABILITIES,) if on("number.assets_liabilities") else ()):
        named, given = _sides(said, sides), _sides(low, sides)
        if english_side and _sides(ask.lower(), sides):
            named = _sides(ask.lower(), sides)
        if len(named) == 1 and given and not named & given:
            return True
    return False


# "建筑业今年有啥目标": no amount is asked, so every figure the sentence gives its subject is the answer
_ASKS_HOW_MUCH = re.compile(r"多少|几|多大|多高|多长|多快|\bhow\b|\bwhat (?:share|proportion|percentage|rate)\b", re.I)


def _with_next_clauses(sentence: str, span: tuple[int, int], terms: list[str]) -> tuple[int, int]:
    """The span run on through the clauses right after it that name its subject again (a word of the question the
    span names) and give a figure of their own ("力争培育入库建筑业企业30家以上，建筑业产值增长7%以上")."""
    a, b = span
    subject = [t for t in terms if term_present(t, sentence[a:b].lower())]     # the words the first clause names
    for s, e in _clauses(sentence):
        if s < b:
            continue
        if s != b or not quantities(sentence[s:e]) or not any(term_present(t, sentence[s:e].lower()) for t in subject):
            break
        b = e
    return a, b


def _one_figure(sentence: str, want: str | None, set_aside: tuple[str, ...] = ()) -> bool:
    """The sentence holds one figure of the asked kind, not counting those of the kinds `set_aside` (the figures the
    question's follow-up asks take: "…一共放了多少？比上年多了多少？" leaves the % to the second ask)."""
    chinese = want is not None and (want in _MEASURE_WORDS or want == COUNT) and want != "元"
    return len([u for _, _, u in quantities(sentence, chinese=chinese)
                if unit_fits(u, want) and not any(unit_fits(u, other) for other in set_aside)]) == 1


# a measure asked of a thing: "(…基金)规模", "(林丰铝电)的产值", "(渔洞河水库)总投资"
_MEASURE_ASKED = re.compile(r"(?:的)?(?:规模(?!以上|化)|总投资|投资额|产值|产量|库容|容量|面积|长度|营收)")
# a standard or a level asked ("the monthly allowance standard", "低保标准每月多少"), which a total paid out is not
_LEVEL_ASKED = re.compile(r"\bstandards?\b|\bmonthly\b|\bper (?:month|year|person|head)\b|\ba month\b|\blevels?\b|标准|每月|每人|"
                          r"每年|一个月")
# an English measure and the words naming what it measures: "hydrogen production capacity", "lithium battery output"
_EN_MEASURE_OF = re.compile(r"\b(?:how much|what(?:'s|\u2019s| is| was| will be| are| were)?(?: the| its)?)\s+"
                            r"((?:[a-z][a-z-]*\s+){1,3}?)(?:(?:production|generation|storage|export|import)\s+)?"
                            r"(?:capacity|output|production|investment|revenue|sales|yield)\b")


def _unsaid_subject(ask: str, intent: QueryIntent) -> list[str]:
    """The words naming the thing an English ask measures for which the report has no word at all ('hydrogen' of
    "how much hydrogen production capacity", in a report that never says 氢): no figure of the report is its
    (number.english_unsaid_subject)."""
    m = _EN_MEASURE_OF.search(ask.lower())
    if m is None or intent.english is None:
        return []
    named = [w for w in re.split(r"[\s-]+", m.group(1)) if w]
    return intent.english.unsaid(named, glossary_key_words())


# words that make one measure with the one after them ("装机规模", "装机容量" are installed capacity in 千瓦): no thing
# measured (number.measure_compound)
_MEASURE_LEAD = re.compile(r"装机|发电|储能|年产|设计|年均|平均")
_NOT_A_HEAD = re.compile(r"^(?:去年|今年|明年|前年|全年|全市|全省|目前|现在|一共|总共|\d+年)$")


def _head_noun(ask: str, terms: Sequence[str], intent: QueryIntent) -> str | None:
    """The word right before the measure asked, the thing it is a measure of (a Chinese compound's head is its last
    word: 铝基新材料产业基金 is a fund), as the ask's term group holding it ("农民|农村居民"); None when nothing stands there,
    when it is a place or no noun (改造面积), or when the reports never use it (a paraphrase: 老百姓收入) or use it often
    (项目 names a kind) (number.head_noun)."""
    m = _MEASURE_ASKED.search(ask)
    if m is None:
        return None
    before = [w for w in words(ask[:m.start()]) if w.strip() and w not in ("的", "总")]
    while before and (_NOT_A_HEAD.match(before[-1]) or (_MEASURE_LEAD.fullmatch(before[-1]) and on("number.measure_compound"))):
        before.pop()
    if not before or len(before[-1]) < 2 or not re.fullmatch(r"[\u4e00-\u9fff]+", before[-1]):
        return None
    word = before[-1]
    if word in PLACE_NAMES or not (is_noun(word) or not is_dictionary_word(word)):
        return None         # "改造面积": a verb before the measure names no thing
    group = next((t for t in terms if word in t.split("|")), word)
    if intent.term_share is None or not 0 < intent.term_share(group.lower()) <= RARE_SHARE:
        return None         # a word the reports never use is a paraphrase (老百姓收入); a common one names a kind (项目)
    return group.lower()


# things a sector's name heads when they are counted: "规上工业企业55家", "重点产业项目12个"
_THINGS_COUNTED = ("企业", "项目", "园区", "基地", "公司", "机构", "学校", "医院")


def _things_counted_instead(clause: str, terms: Sequence[str], ask: str) -> bool:
    """"新培育规上工业企业55家" for "规上工业今年目标定的多少": each of the ask's words the clause names heads there a thing
    the ask does not name (规上工业 → 规上工业企业), and the clause's figures count things: the figures are the things'
    count, not the sector's measure (number.term_names_things)."""
    named = [t for t in terms if "|" not in t and t in clause]
    if not named:
        return False
    for t in named:
        at = [m.end() for m in re.finditer(re.escape(t), clause)]
        if not all(any(clause.startswith(w, i) and w not in ask for w in _THINGS_COUNTED) for i in at):
            return False
    units = [u for _, _, u in quantities(clause, chinese=True)]
    return bool(units) and all(u[-1:] in COUNTING for u in units)


def _quoted_figure(clause: str, want: str | None, question: str) -> bool:
    """The clause's first figure of the kind asked is one the question itself gives ("铝产业去年产值290亿，那它交了多少税"):
    the asker knows it and asks another (number.quoted_not_answer)."""
    chinese = want is not None and (want in _MEASURE_WORDS or want == COUNT) and want != "元"
    measured = {d.group() for m in number_mentions(clause) if m.unit                  # not "12345" of 12345热线
                and (d := re.match(r"\d+(?:\.\d+)?", m.text)) is not None}
    numbers = (re.match(r"\d+(?:\.\d+)?", clause[a:b]) for a, b, u in quantities(clause, chinese=chinese)
               if unit_fits(u, want))
    number = next((n for n in numbers if n is not None and n.group() in measured), None)
    if number is None:
        return False
    for m in re.finditer(rf"(?<![\d.]){re.escape(number.group())}(?![\d.])", question):
        # the words around the figure in the question name the clause's subject ("新增的5970个学位" ↔ 新增学位5970个), not
        # another's that happens to have the same figure ("GDP目标6.5%，那固投目标是多少" ↔ 固定资产投资增长6.5%)
        around = question[max(0, m.start() - 6):m.start()] + question[m.end():m.end() + 6]
        if any(len(w) >= 2 and not _NOT_A_HEAD.match(w) and w in clause for w in words(around)):
            return True
    return False


# a figure asked for each county or district ("每个县区分别", "各县区", "per county", "split among the districts")
_PER_PLACE_ASKED = re.compile(r"(?:每个|各个?|分)(?:县|区|县区|区县|乡镇)|\b(?:per|each|every|by) (?:county|district|township)\b|"
                              r"\bcounty by county\b|\b(?:split|divided|broken down|distributed) (?:among|between|by|across) "
                              r"(?:the )?(?:counties|districts)\b", re.I)
# "分到利州、昭化这些县区各是多少": the places named first, then each asked (number.per_place_after)
_PER_PLACE_AFTER = re.compile(r"(?:县区|区县|乡镇|这些县|这些区|几个县|几个区)(?:各自|各|分别)")
_EACH_PLACE_SAID = re.compile(r"各县|县（区）|县\(区\)|县区|区县|每个县|每个区|每个乡镇")


def _by_place(clause: str) -> bool:
    """Whether a clause gives its figure by place: two counties or districts named, or each of them said."""
    return bool(_EACH_PLACE_SAID.search(clause)) or sum(p[-1] in "县区镇乡" for p in named_places(clause)) >= 2


def _subject_told_elsewhere(ev: Evidence, context: str, rare: list[str], evidence: list[Evidence]) -> bool:
    """Most of the ask's rare subject words, two or more, are missing from the sentence and stand together in another one:
    that one is about the subject, this one about another thing sharing its common words (项目, 投资) or one rare word."""
    words = whole_words(rare)
    missing = [t for t in words if not term_present(t, context)]
    if len(missing) < 2 or len(missing) <= len(words) - len(missing):      # one missing word may be a paraphrase's
        return False
    return any(other is not ev and other.sentence != ev.sentence and all(term_present(t, _context(other)) for t in missing)
               for other in evidence)


def _context(ev: Evidence) -> str:
    """The sentence with its section headings, lower-cased: where an ask's words are looked for."""
    return (" ".join(ev.hit.chunk.section[1:]) + " " + ev.sentence).lower()


def _names_any(ev: Evidence, terms: list[str]) -> bool:
    return any(term_present(t, _context(ev)) for t in terms)


# a figure that is a change: right after a verb of rising or falling ("分别上调60元", "增收5亿元")
_CHANGE_BEFORE = re.compile(r"(?:上调|下调|提高|提升|增加|减少|增长|下降|降低|上涨|增收|减收|压减)(?:了)?$")


def _a_rate_of_change(clause: str) -> bool:
    """Every percent of the clause is a rate of change ("增长30%", "分别增长4.3%、7.2%"), none a share or a level
    ("占比达55%", "提高到58.4%")."""
    spans = [(a, b) for a, b, u in quantities(clause) if u.endswith("%")]
    changes: list[bool] = []
    end = -1
    for a, b in spans:
        # a percent listed right after a rate of change ("分别增长4.3%、7.2%") is one too
        changes.append(bool(_CHANGE_BEFORE.search(clause[:a])) or (bool(changes) and changes[-1] and clause[end:a] in ("、", "和", "与")))
        end = b
    return bool(changes) and all(changes)


def _a_change(clause: str, want: str | None) -> bool:
    """The clause's first figure of the asked kind (not a rate) is a change, not a level."""
    chinese = want is not None and (want in _MEASURE_WORDS or want == COUNT) and want != "元"
    first = next(((a, u) for a, _, u in quantities(clause, chinese=chinese) if unit_fits(u, want)), None)
    if first is None:
        return False
    if first[1].endswith("百分点") and on("number.points_are_change"):
        return True     # "本科上线率提高4.7个百分点": points are a difference of two rates, never a rate's level
    return not first[1].endswith(("%", "个百分点")) and bool(_CHANGE_BEFORE.search(clause[:first[0]]))


# a rate told by its rise ("入户率增长5%以上"), and a question asking a plan or target, which such a rise answers
_RATE_CHANGED = re.compile(r"率(?:增长|提高|提升|上升|下降|降低)了?(?:约|近)?\d+(?:\.\d+)?%")     # (points: number.points_are_change)
_PLAN_ASKED = re.compile(r"目标|计划|打算|力争|预期|要|今年|明年")

# "上调后每人每月是多少元": a change verb followed by 后 asks the level reached, not the change
_AFTER_CHANGE = re.compile(r"(?:上调|下调|调整|提高|提升|增加|上涨|涨|降低|下降|减少)(?:了)?(?:以)?后")


# a figure asked per head (人均, 每人, per capita, per resident) is told per head (人均, 每人, 户均, 平均)
_PER_HEAD_ASKED = re.compile(r"人均|每(?:个|一)?(?:人|居民|农民|市民|户)(?!每)|户均|\bper[ -](?:capita|head|person|resident|"
                             r"inhabitant|household|people)\b|\bfor each (?:person|resident)\b")
# "average annual wage", "平均养老金每月多少": an average of pay or benefit per person, as 人均 asks (number.average_asked)
_AVERAGE_ASKED = re.compile(r"\baverage (?:(?:annual|monthly|yearly|weekly|basic) )*(?:wages?|salar(?:y|ies)|pay|pensions?|"
                            r"incomes?|earnings|spending|benefits?)\b|平均(?:每月|每年|月|年)?(?:工资|月薪|年薪|薪资|收入|养老金|退休金)")
# "How much subsidy does each household get": a figure for each one is a figure per head (number.each_asked)
_EACH_ASKED = re.compile(r"\beach (?:person|resident|household|family|farmer|pensioner|student|child)\b|每(?:个|一)?家庭")
_PER_HEAD_SAID = re.compile(r"人均|每人|户均|每户|平均|每名|每位")


def _level_after_change(ask: str) -> str:
    return _AFTER_CHANGE.sub("", ask) if on("number.level_after_change") else ask


def _direction(text: str, up: re.Pattern, down: re.Pattern) -> int:
    u, d = bool(up.search(text)), bool(down.search(text))
    return 0 if u == d else (1 if u else -1)


# a follow-up asking the change ("比上年多了多少", "增长多少"): the report gives it as a rate (增幅达254.7%)
_ASKS_CHANGE = re.compile(r"比(?:上年|去年|前年|上一年)|同比|增长|增幅|增速|涨|多了|高了|提高|\b(?:rise|grow|increase)\w*")
# any change asked, up or down: a figure that is a change may answer it (number.level_not_change)
_ASKS_ANY_CHANGE = re.compile(_ASKS_CHANGE.pattern + r"|少了|上调|下调|增加|减少|下降|降低|提升|降了|变化|调了|提了|升了|长了|加了|减了|"
                              r"\b(?:fall|drop|cut|decreas|reduc|rais|chang|more|less|up|down)\w*")


def _follow_up_units(later: list) -> tuple[str, ...]:
    """The kinds of figure the asks right after one take, when they name no subject of their own and ask one
    ("比上年多了多少" asks the change, which the report gives as a rate)."""
    units = []
    for part, follows in later:
        if not follows:
            break
        unit = expected_unit(part) or ("%" if _ASKS_CHANGE.search(part) else None)
        if unit is not None:
            units.append(unit)
    return tuple(units)


def _asked_clause_terms(part: str, intent: QueryIntent) -> list[str] | None:
    """"娃儿明年上学，今年要新修扩建几所学校", "最近菜价肉价都在涨，今年物价涨幅市里想压到多少": a lead telling the asker's
    own story (`asked_after_context`) lends the ask no words when the asking clauses name a subject of their own (two
    words besides a measure) (asks.context_clause)."""
    if not on("asks.context_clause") or is_english_text(part):
        return None
    asked = asked_after_context(part)
    if asked == part:
        return None
    own = content_terms(asked, intent.english) or []
    subject = [t for t in own if not MEASURE_TERM.match(t) and t not in _FOLLOWING_MEASURES]
    return own if len(subject) >= 2 else None


def _pieces(question_asks: list, intent: QueryIntent, evidence: list[Evidence], terms: list[str], asks_figure: bool,
            config: Config | None, fill_dense, paragraph_of=None) -> list[tuple[Evidence, tuple[int, int]]]:
    """Each ask's sentence and the span of its figure, for the asks that find one."""
    pieces: list[tuple[Evidence, tuple[int, int]]] = []
    found: list[tuple[list[str], str | None]] = []       # each piece's ask: its words and its unit
    asked: list[tuple[str, bool]] = []                   # each piece's ask: its text, and whether it follows the one before
    part_terms_of = [_subject_terms(part, intent, _asked_clause_terms(part, intent) or content_terms(part, intent.english)
                                    or terms) for part, _ in question_asks]
    if any("城乡" in t.split("|") for t in terms):
        # "…in towns and in villages": each ask of one side finds it in 城乡 too, as the whole question does
        # (terms.urban_rural)
        both = {alt for t in terms if "城乡" in t.split("|") for alt in t.split("|")}
        part_terms_of = [[f"{t}|城乡" if set(t.split("|")) & both and "城乡" not in t.split("|") else t for t in pt]
                         for pt in part_terms_of]
    for n, (part, _) in enumerate(question_asks):
        if n and part_terms_of[n] and part_terms_of[n - 1] and not is_english_text(part) and on("asks.measure_only_follows") \
                and all(any(t in m for m in _FOLLOWING_MEASURES & set(part_terms_of[n])) for t in part_terms_of[n]):
            # "去年猕猴桃卖了多少钱，产值是多少": an ask naming a measure alone (产值) measures the ask before's subject
            part_terms_of[n] = list(dict.fromkeys(part_terms_of[n - 1] + part_terms_of[n]))
    # "集采的药有多少种，便宜了多少": an ask naming a change alone (便宜, 涨) is of the ask before's subject, told after that
    # ask's figure ("…423种、14类，价格降幅分别达50%…"), which stands between them as no other thing's (asks.change_follows)
    changing = {n for n, (part, _) in enumerate(question_asks)
                if n and part_terms_of[n] and part_terms_of[n - 1] and not is_english_text(part)
                and on("asks.change_follows") and all(_CHANGE_WORD.fullmatch(t) for t in part_terms_of[n])}
    if on("asks.english_change_follows"):
        # "How many kinds of drugs …, and how much cheaper did they get": an English ask of a change naming no subject
        # of its own is of the ask before's subject, told after its figure, as in Chinese
        changing |= {n for n, (part, follows) in enumerate(question_asks)
                     if n and follows and is_english_text(part) and part_terms_of[n - 1]
                     and not content_terms(part, intent.english) and _EN_CHANGE_ASKED.search(part.lower())}
    for n in sorted(changing):
        part_terms_of[n] = list(dict.fromkeys(part_terms_of[n - 1] + part_terms_of[n]))
    for n, (part, follows) in enumerate(question_asks):
        if n and follows and is_english_text(part) and on("asks.english_pronoun"):
            # "how many stations does it have": the subject "it" stands for, with the ask's own words
            part_terms_of[n] = list(dict.fromkeys(part_terms_of[n - 1] + (content_terms(part, intent.english) or [])))
    # "Over the 14th Five-Year Plan period, how many km of roads …, and how many compounds …": the period leading the
    # question dates each later ask that names no time of its own (asks.period_shared)
    period_led = len(question_asks) > 1 and bool(_PERIOD.search(question_asks[0][0])) and on("asks.period_shared")
    for n, (part, follows) in enumerate(question_asks):
        part_terms = part_terms_of[n]
        # "污水和垃圾的治理率和处理率": what sets this ask apart from the others (治理率) must be in its sentence
        own = [t for t in part_terms if not any(t in other for k, other in enumerate(part_terms_of) if k != n)
               and not MEASURE_TERM.match(t)] if len(question_asks) > 1 and on("asks.own_terms") else []
        want = expected_unit(part)
        top = evidence[:6]
        said = _said_terms(part_terms, intent)
        part_cov = {id(ev): coverage(said, " ".join(ev.hit.chunk.section[1:]) + ev.sentence) for ev in top}
        # a sentence far less on-topic than the best one is not allowed to lend its number
        floor = max(part_cov.values()) - 0.34 if part_terms else 0.0
        # an ask naming no subject of its own ("…多少、增长多少") is about the previous ask's subject: the
        # sentence that answered that one comes first ("实现…收入68.12亿元、增长11%")
        cited = {id(ev) for ev, _ in pieces} if follows else set()
        # a later ask dated by the leading period looks first where a period is named ("累计改造城镇老旧小区560个")
        inherits = bool(period_led and n and not _PERIOD.search(part) and not _OWN_TIME.search(part))
        ranked = sorted(top, key=lambda ev: (id(ev) not in cited, bool(own) and not _names_any(ev, own),
                                             inherits and not _PERIOD.search(ev.sentence) and "累计" not in ev.sentence,
                                             -(ev.score + 0.3 * part_cov[id(ev)])))
        rows = table_rows(part, want, config)
        rare = _rare_terms(part_terms, intent)
        head = _head_noun(part, part_terms, intent) if not is_english_text(part) else None
        counted = counted_terms(part, part_terms)
        # "涨了百分之几", "提高了几个百分点" ask a rise as "涨了多少" does (terms.percent_asked)
        asked_dir = _direction(_PERCENT_ASKED.sub("", part.lower()) if on("terms.percent_asked") else part.lower(),
                               _ASKS_UP, _ASKS_DOWN)
        per_head = bool(_PER_HEAD_ASKED.search(part.lower())) or bool(
            _EACH_ASKED.search(part.lower()) and on("number.each_asked")) or (
            bool(_AVERAGE_ASKED.search(part.lower())) and on("number.average_asked"))
        per_place = bool(_PER_PLACE_ASKED.search(part)) or bool(_PER_PLACE_AFTER.search(intent.text) and on("number.per_place_after"))
        asks_stock = bool(_ASKS_STOCK.search(part.lower()) or (_ASKS_BALANCE.search(part.lower()) and on("number.balance"))) \
            and not _ASKS_NEW.search(part.lower())
        # the kinds the follow-up asks right after this one take ("比上年多了多少" a %), when they ask one
        set_aside = _follow_up_units(question_asks[n + 1:]) if on("asks.paraphrase_pair") else ()
        after = _named_clause_after(part_terms, want, pieces[-1]) if pieces and n and not is_english_text(part) \
            and on("asks.named_clause_after") else None
        if after is not None:       # "…稳定在95万人？零就业家庭呢？" → "零就业家庭动态清零", the clause right after
            pieces.append(after)
            found.append((part_terms, want))
            asked.append((part, follows))
            continue
        if intent.english is not None and is_english_text(part) and on("number.english_unsaid_subject") \
                and _unsaid_subject(part, intent):
            continue        # "How much hydrogen production capacity …": the report has no word for hydrogen
        for ev in ranked:
            if part_terms and (part_cov[id(ev)] < 0.5 or part_cov[id(ev)] < floor) and on("number.coverage"):
                if not (part_cov[id(ev)] > 0 and ev is ranked[0] and ev.hit.rank == 1
                        and _one_figure(ev.sentence, want, set_aside if want is None else ())
                        and dense_similarity(ev, fill_dense) >= PARAPHRASE_DENSE):
                    continue
            context = _context(ev)
            if on("number.measure_only_cover") and _covered_by_measure_only(part_terms, context) \
                    and dense_similarity(ev, fill_dense) < PARAPHRASE_DENSE:
                continue    # "natural gas output" (天然气, 产值|产量) is not answered by 粮食产量: the measure alone is no subject
            if head and on("number.head_noun") and not term_present(head, context):
                continue    # "铝基新材料产业基金规模有多大" is not answered by the industry's 产值350亿元: the fund is the thing
            if len(whole_words(rare) if on("number.rare_whole_words") else rare) >= 2 \
                    and not any(term_present(t, context) for t in rare) and on("number.rare_subject"):
                continue    # "中煤燃煤发电项目总投资" is not answered by another project's 总投资
            if on("number.named_subject") and any(_a_name(t) and not term_present(t, context) for t in rare):
                continue    # "airport expansion (广元机场改扩建) total investment" is not answered by 基础储备项目总投资
            if on("number.subject_told_elsewhere") and _subject_told_elsewhere(ev, context, rare, evidence):
                continue    # "通威工业硅一期项目总投资" is not answered by "…（一期）等84个项目…投资470亿元": 通威工业硅 stands elsewhere
            table = indicator_span(ev, rows) if asks_figure else None
            if table and counted and not any(t in ev.sentence[table[0]:table[1]].lower() for t in counted):
                table = None        # the table row is about the subject, the question counts something else
            if table and not asked_dir and not _ASKS_ANY_CHANGE.search(part.lower()) and on("number.table_level") \
                    and _a_change(ev.sentence[table[0]:table[1]], want):
                table = None        # the table row tells a rise ("低保…上调60元"); the amount asked may stand further on
            span = table or quantity_span(ev.sentence, part_terms, want, whole_subject=not asks_figure,
                                          counted=counted,
                                          taken=[sp for e, sp in pieces if e is ev] if n in changing else (),
                                          taken_subjects=n in changing)
            if not span:
                continue
            if on("number.level_further_on") and not table and not asked_dir and not _ASKS_ANY_CHANGE.search(
                    _level_after_change(part).lower()) and not _LEVEL_ASKED.search(part.lower()) \
                    and _a_change(ev.sentence[span[0]:span[1]], want):
                # "how much allowance money was paid out": not the rise first named (最低生活保障分别上调60元), but the
                # amount further on in the sentence (发放低保资金6.55亿元), when one stands there
                further = quantity_span(ev.sentence, part_terms, want, whole_subject=not asks_figure, counted=counted,
                                        taken=[span])
                first, later = ev.sentence[span[0]:span[1]].lower(), ev.sentence[further[0]:further[1]].lower() \
                    if further else ""
                if further and not _a_change(later, want) \
                        and any(alt in later for t in part_terms for alt in t.split("|") if alt) \
                        and all(term_present(t, later) for t in part_terms if term_present(t, first)):
                    span = further      # (it names one of the ask's words as written, and all those the first one has)
            clause = ev.sentence[span[0]:span[1]]
            if want is None and on("number.money_rise_no_count") and asks_money_rise(part) and not any(
                    unit_fits(u, "元") or unit_fits(u, "%") for _, _, u in quantities(clause)):
                continue    # "By how much will basic pensions be raised" is not answered by "完成“个转企”250户以上"
            if on("number.quoted_not_answer") and _ASKS_HOW_MUCH.search(part) and not _YES_NO.search(part) \
                    and _quoted_figure(clause, want, intent.text):
                continue    # "新增的5970个学位里，幼儿园学位占多少个" is not answered by the 5970个 it gives
            if on("number.term_names_things") and not is_english_text(part) and (want is None or not unit_fits("个", want)) \
                    and _things_counted_instead(clause, part_terms, part):
                continue    # "规上工业今年目标定的多少" is not answered by "新培育规上工业企业55家": that counts firms
            if per_head and not _PER_HEAD_SAID.search(clause) and on("number.per_head"):
                continue    # "人均GDP是多少", "revenue per resident" is not answered by the whole's figure
            if want == "%" and on("number.share_not_change") and asks_share(part) and not asked_dir \
                    and _a_rate_of_change(clause):
                continue    # "产值占规上工业总产值的几成" is not answered by "实现产值290亿元、增长30%"
            if asked_dir * _direction(clause, _SAYS_UP, _SAYS_DOWN) < 0 and on("number.direction"):
                continue    # "增加值打算长多少" is not answered by "单位增加值能耗…下降10%"
            if not asked_dir and not _ASKS_ANY_CHANGE.search(_level_after_change(part).lower()) \
                    and on("number.level_not_change") and _a_change(clause, want):
                continue    # "城市低保标准每月是多少钱" is not answered by "最低生活保障分别上调60元"
            if want == "%" and "率" in part and not asked_dir and not _ASKS_ANY_CHANGE.search(part.lower()) \
                    and not _PLAN_ASKED.search(part) and _RATE_CHANGED.search(clause) and on("number.rate_level"):
                continue    # "农村现在天然气入户率是多少" is not answered by "力争天然气入户率增长5%以上": a rise is no level
            if asks_stock and _NEW_ONES.search(clause) and on("number.stock"):
                # "how many … in total" is not answered by "新培育规上工业企业55家", but by the total said right after it
                # ("新增规上工业企业23家，总数达到168家")
                total = _total_after(ev.sentence, span, want) if on("number.total_after") else None
                if total is None:
                    continue
                span = total
                clause = ev.sentence[span[0]:span[1]]
            if on("number.share_base") and _named_only_as_base(clause, part, part_terms):
                continue    # "地区生产总值是多少" is not answered by "民营经济增加值占全市地区生产总值比重达到58.4%"
            if on("number.period") and not _PERIOD.search(part) and not inherits:
                # the period may open the sentence: "“十四五”以来，全省累计改造农村危房4.6万户"; a horizon year
                # asked by name ("“十五五”时期…：到2030年，…") is no figure of several years
                opening = _opening(ev, span[1], paragraph_of)
                horizon = bool(intent.year) and f"{intent.year}年" in opening and on("year.horizon")
                if _PERIOD.search(opening) and not horizon:
                    continue    # a year's figure is not answered by "五年累计突破1900亿元" or "五年提高6.2个百分点"
            if on("number.period_asked") and not inherits and (_PERIOD_ASKED.search(part) or (
                    _PERIOD_ASKED_EN.search(part.lower()) and on("number.period_asked_english"))):
                # "“十四五”期间累计新增新能源装机多少" is not answered by one year's "新增新能源装机60万千瓦"
                para, p0 = paragraph_of(ev.hit.chunk) if paragraph_of is not None else (ev.hit.chunk.text, ev.span[0])
                before = para[:max(0, ev.span[0] - p0)] + ev.sentence[:span[1]]
                # a part reviewing the period ("一、“十四五”时期和2025年工作回顾") dates its paragraphs but those of the one year
                # ("这一年，…")
                period_part = bool(_PERIOD.search(" ".join(ev.hit.chunk.section))) and not _ONE_YEAR_OPENS.match(para.lstrip("—－ "))
                if not _PERIOD.search(before) and "累计" not in before and not period_part:
                    continue
            if part_terms and not table and on("number.span_names_subject") \
                    and not any(term_present(t, clause.lower()) for t in _things(part_terms)):
                continue    # "办多少件民生实事" is not answered by "…承办省级以上重大赛事活动2个以上" under a 民生 heading
            if on("number.one_apart") and _ASKS_ONE_APART.search(part.lower()) and _a_sum_of_several(clause, span, ev.sentence):
                continue    # "how much special bond money alone" is not answered by the sum of three kinds of funds
            if on("number.contrast_pair") and _the_other_of_a_pair(clause, part, part_terms):
                continue    # "城镇居民人均可支配收入" is not answered by "农村居民人均可支配收入21940元"
            if per_place and on("number.per_place") and not _by_place(ev.sentence[span[0]:span[1]]):
                continue    # "每个县区分别要建多少亩" is not answered by the city's "新建…高标准农田23.4万亩"
            if on("number.own_subject") and _figure_of_another_subject(ev.sentence, span, part, rare, intent,
                                                                        part_terms, want):
                continue    # "空气质量优良天数比例" is not answered by "环境空气质量保持稳定，…，断面水质优良率保持100%"
            if want is None and not _ASKS_HOW_MUCH.search(part) and on("figures.every_target_clause"):
                span = _with_next_clauses(ev.sentence, span, part_terms)
            pieces.append((ev, span))
            found.append((part_terms, want))
            asked.append((part, follows))
            break
        else:
            after = _yes_no_clause(part, pieces[-1], part_terms) if pieces and n else None
            if after is not None:       # "…办了多少件人大建议和政协提案？都办完了吗？" → "办结率100%"
                pieces.append(after)
                found.append((part_terms, want))
                asked.append((part, True))
    if on("asks.distinct_clauses"):
        _distinct(pieces, found, asked)
    if on("asks.both_sides") and len(question_asks) == 1 and len(pieces) == 1:
        other = _other_side(pieces[0], question_asks[0][0], part_terms_of[0], evidence, found[0][1])
        if other is not None:
            pieces.append(other)
    return pieces


def _other_side(piece: tuple[Evidence, tuple[int, int]], ask: str, terms: list[str], evidence: list[Evidence],
                want: str | None) -> tuple[Evidence, tuple[int, int]] | None:
    """"老百姓收入涨了多少" names neither 城镇 nor 农村; its clause names one ("城镇居民人均可支配收入41362元，增长4.9%"): the
    other side's clause right after it ("；农村居民人均可支配收入21875元，增长7.2%") answers too."""
    ev, span = piece
    sides = _SIDES[0][:2]
    clause = ev.sentence[span[0]:span[1]].lower()
    given = _sides(clause.replace("城乡", "城镇农村"), sides)
    if _sides(ask.lower(), _SIDES[0]) or len(given) != 1:
        return None
    for other in evidence[:6]:
        if other is ev or other.hit.chunk.doc_id != ev.hit.chunk.doc_id or not 0 <= other.span[0] - ev.span[1] <= 2:
            continue
        found = quantity_span(other.sentence, terms, want)
        if found and _sides(other.sentence[found[0]:found[1]].lower(), sides) - given:
            return other, found
    return None


def _one_sentence(pieces: list[tuple[Evidence, tuple[int, int]]], question_asks: list, intent: QueryIntent, terms: list[str],
                  asks_figure: bool, config: Config | None, fill_dense, paragraph_of) -> list[tuple[Evidence, tuple[int, int]]]:
    """Asks answered from several sentences, when one of those sentences answers them all, are answered from it: the
    genre gives figures asked together in one sentence ("全年接待游客3215万人次、…，实现旅游综合收入286.5亿元", not
    the festival's "吸引游客62万人次" two sentences on)."""
    sentences = list({id(ev): ev for ev, _ in pieces}.values())
    if len(sentences) < 2:
        return pieces
    words_of = [content_terms(a[0], intent.english) or terms for a in question_asks]

    def named(piece: tuple[Evidence, tuple[int, int]], ask_words: list[str]) -> int:
        clause = piece[0].sentence[piece[1][0]:piece[1][1]].lower()
        return sum(term_present(t, clause) for t in ask_words)

    for ev in sentences:
        alone = _pieces(question_asks, intent, [ev], terms, asks_figure, config, fill_dense, paragraph_of)
        # each ask's clause there names as many of its words as the one it replaces (开工项目600个, not 84个…竣工)
        if len(alone) == len(question_asks) and len({span for _, span in alone}) == len(alone) \
                and all(named(new, w) >= named(old, w) for new, old, w in zip(alone, pieces, words_of, strict=True)):
            return alone
    return pieces


# a clause giving the total of what the clause before it adds: "…新增23家，总数达到168家", "…，累计达到1.2万户"
_TOTAL_OPENS = re.compile(r"[，,]\s*(?:总数|总量|总计|共计|总共|累计|全市共有|全县共有|共有)[^，。；;]*")


def _total_after(sentence: str, span: tuple[int, int], want: str | None) -> tuple[int, int] | None:
    """The clause right after the span that states a total of the asked kind, its span; None when there is none."""
    m = _TOTAL_OPENS.match(sentence, span[1]) or _TOTAL_OPENS.match(sentence, span[1] - 1)
    if m is None:
        return None
    text = m.group()
    if not any(unit_fits(unit, want) for _, _, unit in quantities(text, chinese=True)):
        return None
    start = m.start() + len(text) - len(text.lstrip("，, "))
    return start, m.end()


def _other_clause(ev: Evidence, terms: list[str], want: str | None, span: tuple[int, int]) -> tuple[int, int] | None:
    """Another clause of the sentence with a figure of the asked kind that names one of the ask's words."""
    other = quantity_span(ev.sentence, terms, want, taken=[span]) if terms else None
    if other and any(term_present(t, ev.sentence[other[0]:other[1]].lower()) for t in terms):
        return other
    return None


def _apart(pieces: list[tuple[Evidence, tuple[int, int]]], question_asks: list, intent: QueryIntent,
           evidence: list[Evidence], terms: list[str], asks_figure: bool, config: Config | None, fill_dense,
           paragraph_of) -> list[tuple[Evidence, tuple[int, int]]]:
    """"铝产业产值目标是多少，硅基、化工…这些其他产业加起来又要达到多少": two asks found one clause ("…硅基新材料…等重点产业
    产值达425亿元以上"); the ask whose own words the clause lacks (铝产业) while the other's stand in it all is another
    thing's figure: it is looked for in the other sentences (asks.same_clause_elsewhere). "Stand in it all": three in
    four of its words at least, and a quarter more than the other ask's."""
    pieces = list(pieces)
    own = [content_terms(part, intent.english) or [] for part, _ in question_asks]
    for j in range(1, len(pieces)):
        for k in range(j):
            (ev_k, sp_k), (ev_j, sp_j) = pieces[k], pieces[j]
            if ev_k.span != ev_j.span or not (sp_k[0] < sp_j[1] and sp_j[0] < sp_k[1]):
                continue
            clause = ev_k.sentence[min(sp_k[0], sp_j[0]):max(sp_k[1], sp_j[1])].lower()
            cov = {n: sum(term_present(t, clause) for t in own[n]) / len(own[n]) if own[n] else 1.0 for n in (k, j)}
            n, other = (k, j) if cov[k] < cov[j] else (j, k)
            if cov[other] < 0.75 or cov[n] > cov[other] - 0.25:
                continue
            others = [ev for ev in evidence if ev.span != ev_k.span]
            found = _pieces([question_asks[n]], intent, others, terms, asks_figure, config, fill_dense, paragraph_of)
            if found:
                pieces[n] = found[0]
    return pieces


def _distinct(pieces: list[tuple[Evidence, tuple[int, int]]], found: list[tuple[list[str], str | None]],
              asked: list[tuple[str, bool]]) -> None:
    """Two asks of one question ask two figures: when both found the same clause ("农村厕所今年要改多少？普及率要到
    多少？" → "农村卫生厕所普及率达97%"), the one with another clause of its own in the sentence takes that clause
    (the earlier ask first tried: "新（改）建无害化卫生厕所2万户以上"); when either could, the order asked decides
    (asks.reading_order); a yes-no ask or a change asked after a level takes the clause after the other's
    (asks.yes_no_after, asks.change_after)."""
    for j in range(1, len(pieces)):
        ev, span = pieces[j]
        k = next((i for i in range(j) if pieces[i][0].span == ev.span and pieces[i][1][0] < span[1]
                  and span[0] < pieces[i][1][1]), None)
        if k is None:
            continue
        alt_k = _other_clause(ev, *found[k], span)
        alt_j = _other_clause(ev, *found[j], span)
        if alt_k and not alt_j:
            pieces[k] = (ev, alt_k)
        elif alt_j and not alt_k:
            pieces[j] = (ev, alt_j)
        elif alt_k and alt_k == alt_j and not asked[j][1] and on("asks.reading_order") \
                and len(quantities(ev.sentence[span[0]:span[1]], chinese=True)) < 2:
            # "How large is the coal reserve base …, and what total static coal reserves …?": either ask could take the
            # other clause; asks named in a row take the sentence's clauses in their order (unless the one clause gives
            # a figure for each: "城乡居民最低生活保障分别上调60元、53元")
            if alt_k[1] <= span[0]:
                pieces[k] = (ev, alt_k)
            elif alt_j[0] >= span[1]:
                pieces[j] = (ev, alt_j)
        elif not alt_j and (yes_no := _yes_no_clause(asked[j][0], pieces[k], found[j][0])) is not None:
            pieces[j] = yes_no      # "…几轮强降雨？有没有人因为灾害死掉？" → "…，无人因灾死亡"
        elif (not alt_j or alt_j == alt_k) and asked[j][1] and _ASKS_ANY_CHANGE.search(asked[j][0].lower()) \
                and on("asks.change_after"):
            # "…比例多少？比前年高了多少？": the change is told in the clause after the level ("…达到88.5%，较上年提高2.1个百分点")
            after = _change_after(ev.sentence, pieces[k][1], found[j][1])
            if after is not None:
                pieces[j] = (ev, after)


_CHANGE_TOLD = re.compile(r"^(?:较|比|同比)|^(?:增长|提高|提升|上升|下降|降低|减少|增加)")


# "What was the average PM2.5 concentration …", "What's the planned capacity of …": an English question of a figure
# opening with what or how asks the figure itself, not whether one was set (number.english_what_figure)
_EN_LEAD_CLAUSE = re.compile(r"^[^?,]{3,60},\s*(?=(?:what|how)\b)")
_EN_WHAT_FIGURE = re.compile(r"\s*(?:what(?:'s|\u2019s| is| was| are| were| will)|how)\b")
# a yes-no ask: "都办完了吗", "有没有人因为灾害死掉", "Were all of them completed?"
_YES_NO = re.compile(r"吗[？?]?$|有没有|是不是|是否|有无|能不能|^(?:were|was|did|is|are|has|have)\b", re.I)
_PLAIN_CHARS = set("了吗呢吧都是有没不的在去今年这那个些就还也又把被让给和与及人")


def _yes_no_clause(ask: str, before: tuple[Evidence, tuple[int, int]],
                   terms: Sequence[str] = ()) -> tuple[Evidence, tuple[int, int]] | None:
    """A yes-no ask after a figure asked ("…多少件？都办完了吗？") is answered by the clause right after that figure's in
    its sentence when the clause shares a telling character with it ("办结率100%", "无人因灾死亡") (asks.yes_no_after);
    an English one by a later clause of that sentence naming one of its words (`_english_clause_after`)."""
    if is_english_text(ask):
        return _english_clause_after(ask, before, terms)
    if not on("asks.yes_no_after") or not _YES_NO.search(ask.strip()):
        return None
    ev, span = before
    start, end = _clause_after(ev.sentence, span)
    clause = ev.sentence[start:end]
    telling = {ch for ch in ask if "\u4e00" <= ch <= "\u9fff"} - _PLAIN_CHARS
    if not clause or not telling & set(clause):
        return None
    return ev, (start, end)


# "…, and how many were closed out": an English ask of no subject of its own, a verb right after its asking words
_BARE_ENGLISH_ASK = re.compile(r"^(?:and\s+)?how (?:many|much)\s+(?:were|was|did|have|has|had|are|is)\b", re.I)


def _english_clause_after(ask: str, before: tuple[Evidence, tuple[int, int]],
                          terms: Sequence[str]) -> tuple[Evidence, tuple[int, int]] | None:
    """"How many bouts of rain…, and did anyone die?" → "…，无人因灾死亡"; "How many proposals were handled, and how many
    were closed out?" → "…，办结率100%": a later English ask naming no subject of its own is answered in the sentence of
    the figure before it, by the first later clause naming one of its words; a yes-no ask by one telling no figure (it
    wants a statement), a bare "how many were …" by one telling a figure (asks.english_after)."""
    yes_no = bool(_YES_NO.search(ask.strip()))
    if not on("asks.english_after") or not terms or not (yes_no or _BARE_ENGLISH_ASK.match(ask.strip())):
        return None
    ev, (_, end) = before
    while True:
        start, end = _clause_after(ev.sentence, (0, end))
        if start >= len(ev.sentence):
            return None
        clause = ev.sentence[start:end]
        if any(term_present(t, clause.lower()) for t in terms) and \
                (not quantities(clause, chinese=True) if yes_no else bool(quantities(clause, chinese=True))):
            return ev, (start, end)


def _named_clause_after(terms: list[str], want: str | None,
                        before: tuple[Evidence, tuple[int, int]]) -> tuple[Evidence, tuple[int, int]] | None:
    """A later ask ("零就业家庭呢") is answered by the clause right after the previous ask's figure when that clause names
    every word of the ask: the genre tells parallel things one clause after another, in figures of the asked kind or in
    words with none ("零就业家庭动态清零")."""
    ev, span = before
    start, end = _clause_after(ev.sentence, span)
    clause = ev.sentence[start:end]
    things = _things(terms)
    if not clause or not things or not all(term_present(t, clause.lower()) for t in things):
        return None
    units = [unit for _, _, unit in quantities(clause, chinese=True)]
    if units and not any(unit_fits(unit, want) for unit in units):
        return None
    return ev, (start, end)


def _clause_after(sentence: str, span: tuple[int, int]) -> tuple[int, int]:
    """The span of the clause right after `span` in the sentence (empty at the sentence's end)."""
    start = span[1]
    while start < len(sentence) and sentence[start] in CLAUSE_END + " ":
        start += 1
    end = start
    while end < len(sentence) and sentence[end] not in CLAUSE_END:
        end += 1
    return start, end


def _change_after(sentence: str, span: tuple[int, int], want: str | None) -> tuple[int, int] | None:
    """The clause right after `span` that tells a change ("较上年提高2.1个百分点", "增长11%"), its span; None when there is
    none."""
    start, end = _clause_after(sentence, span)
    clause = sentence[start:end]
    if not _CHANGE_TOLD.search(clause) or not any(unit_fits(unit, want) for _, _, unit in quantities(clause, chinese=True)):
        return None
    return start, end


def number_answer(question: str, intent: QueryIntent, evidence: list[Evidence], terms: list[str],
                  config: Config | None = None, fill_dense=None, paragraph_of=None) -> Answer:
    """One clause per asked quantity; refused when the covering sentences have no such number."""
    asks_figure = bool(_ASKS_FIGURE.search(question.lower())) or expected_unit(question) is not None \
        or (is_english_text(question) and english_asks_output(question)) \
        or (bool(_AVERAGE_ASKED.search(question.lower())) and on("number.average_asked"))     # "the average pension"
    question_asks = asks(question)
    pieces = _pieces(question_asks, intent, evidence, terms, asks_figure, config, fill_dense, paragraph_of)
    if len(question_asks) > 1 and len(pieces) == len(question_asks) and on("asks.one_sentence"):
        pieces = _one_sentence(pieces, question_asks, intent, terms, asks_figure, config, fill_dense, paragraph_of)
    if len(question_asks) > 1 and len(pieces) == len(question_asks) and on("asks.same_clause_elsewhere"):
        pieces = _apart(pieces, question_asks, intent, evidence, terms, asks_figure, config, fill_dense, paragraph_of)
    joined = conjoined(question) if len(question_asks) == 1 else []
    if joined:
        # "A和B增速是多少": two asks only when each finds a figure, and not the same one
        split = _pieces(joined, intent, evidence, terms, asks_figure, config, fill_dense, paragraph_of)
        if len(split) == len(joined) and len({(id(ev), span) for ev, span in split}) == len(split):
            pieces = split
    if not pieces:
        unit = expected_unit(question)
        best = evidence[0]
        clause = None if asks_figure else topic_clause(best.sentence, terms)
        if clause and best.coverage >= 0.5:
            low = question.lower()
            if on("number.english_what_after_lead"):
                low = _EN_LEAD_CLAUSE.sub("", low, count=1)      # "After the increase, what is …": the ask after the lead
            if is_english_text(question) and (_EN_WHAT_FIGURE.match(low) or asks_measure_target(question)) \
                    and on("number.english_what_figure"):
                # "What was the average PM2.5 concentration": no figure given; the report's wording of it is shown
                return Answer(question, f"{REFUSAL}具体数字。相关表述：{clause}[1]", [_citation(1, best)], True)
            # "收入增长有没有定目标？" is answered by "城乡居民人均可支配收入和经济增长基本同步": the report's
            # own wording, which has no figure
            return Answer(question, f"报告未给出具体数字，原文表述为：{clause}[1]", [_citation(1, best)], False)
        if not on("number.figure"):
            return Answer(question, f"{_trim(best.sentence)}[1]", [_citation(1, best)], False)
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
