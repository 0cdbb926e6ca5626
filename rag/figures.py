"""Figures in report text: measured quantities, their units, and the unit a question asks for.

Shared by the answerer (which clause holds the asked figure), the second-stage sentence scoring,
the indicator table and the LLM number check, so a quantity is recognised one way everywhere."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from rag.switches import on

# A measured quantity ("350亿元", "6.2%", "12家", "2×100万千瓦", "连续8年"), not a code ("1+3+3"),
# a year or a date.
QUANTITY_RE = re.compile(
    r"(?<![\d.+×A-Za-z])(\d+(?:\.\d+)?(?:×\d+(?:\.\d+)?)?)(?![\d.+×])\s*"
    r"(?!年(?!度)|月|日)([万亿千百]*)(%|‰|个百分点|平方公里|平方米|公里|千米|千瓦|A级|[\u4e00-\u9fff])"
    r"|(?<![\d.])(\d{1,2})(年)(?![\d月度])")
# "1000余场次", "300多家", "50余万人": 余/多 (some more than) stands between a figure and its measure word (figures.approximate)
QUANTITY_APPROX_RE = re.compile(QUANTITY_RE.pattern.replace("([万亿千百]*)", "(?:余|多)?([万亿千百]*)(?:余|多)?", 1))
_CN_DIGITS = "一二三四五六七八九十两百千"
# a count or an ordinal in Chinese numerals ("第十一批", "5家" is above): only for questions that ask
# for such a measure word, since "一批"/"一张蓝图" are rarely the figure asked for
# "七连创", "三连冠": a count of wins in a row, in Chinese numerals
_CN_RUN_RE = re.compile(r"(?<![一二三四五六七八九十])[一二三四五六七八九十]{1,3}连(?:创|冠|胜)")
_CN_DAYS_RE = re.compile(r"(?<![一二三四五六七八九十两每])[一二三四五六七八九十两]{1,3}天(?!然|下|地|津|府|空|际)")
# "连续三年达到“满意”等次": a run of years in Chinese numerals answers 几年 (figures.chinese_years)
_CN_YEARS_RE = re.compile(r"(?<=连续)[一二三四五六七八九十两]{1,3}年")
# "问题楼盘化解三年攻坚行动", "长江十年禁渔": a span of years written before a programme's name is its length
# (figures.programme_years)
_CN_PROGRAMME_YEARS_RE = re.compile(r"(?<![第〇零一二三四五六七八九十两\d])[一二三四五六七八九十两]{1,2}年"
                                    r"(?=[\u4e00-\u9fff]{0,6}?(?:行动|计划|规划|攻坚|禁渔|战役|会战))")
_CN_QUANTITY_RE = re.compile(rf"(第?)(?<![{_CN_DIGITS}])([{_CN_DIGITS}]+)([万亿]?)([个家所座项户届批次位名条件场类种口])")
# a level written in Chinese numerals: "突破千亿元", "迈上万亿元台阶", "三千亿元", "百万人次"; the numeral
# must carry a magnitude (千亿, 万亿), so names (万顺, 千川) and prose (一批) are none
_CN_LEVEL_RE = re.compile(rf"(?<![{_CN_DIGITS}万亿\d.])([{_CN_DIGITS}]*?[十百千万])([万亿])(美元|元|人次|人|吨|千瓦)")
# ten thousand written as a bare 万 after a verb of reaching: "确保高考本科上线万人以上", "突破万户" (figures.bare_wan)
_CN_BARE_WAN_RE = re.compile(r"(?<=[线破达到超过近逾])万(人次|人|户|吨|亩)")
# a rank in Chinese numerals with no measure word after it: "田长制考核位居全省第一", "排名全国第一"
_CN_RANK_RE = re.compile(rf"(?:居|列|排名?)[^，。；、\d]{{0,8}}?(第[{_CN_DIGITS}]+)(?=[，。；、）)]|$)")
# a rank in words: "PM2.5平均值除三州外全省最低", "位列全国前列"
_WORD_RANK_RE = re.compile(r"(?:全省|全国|全市|全区|全州)(?:最低|最高|最好|最优|最多|最少|前列|领先)")
# first place in words: "有机产品认证数量位居全省首位"
_FIRST_PLACE_RE = re.compile(r"(?:全省|全国|全市|全区|全州)首位")
# What a question's measure word asks for; "元" covers 万元/亿元, "%" covers 个百分点 too
# a sum of money asked to rise: "低保钱涨了多少", "养老金提高了多少"
_MONEY_RISE = re.compile(r"(?:钱|(?<!资)金|标准|低保|补贴|补助|工资|津贴)(?:去年|今年|每人|每月|每年|每户)*"
                         r"(?:涨|增加|提高|上调|增长)了?多少(?!%|个百分点)")
# "低保标准城里和农村各涨了多少": who gets it and how it is split may stand between the benefit and its rise
_MONEY_RISE_WIDE = re.compile(r"(?:钱|(?<!资)金|标准|低保|补贴|补助|工资|津贴)[^，。？！,?;；\d]{0,8}?"
                              r"(?:涨|增加|提高|上调|增长)了?多少(?!%|个百分点)")
_MONEY = ("钱", "资金", "投资", "收入", "产值", "金额", "营收", "销售额", "总额", "预算", "债")
_PERCENT = ("增长", "增速", "涨幅", "比重", "占比", "比例", "率", "百分", "下降", "降低", "提高", "涨", "长了", "降了")
# money paid to people, and its rise asked: "how much did the allowance go up" (figures.english_money_rise)
_EN_BENEFIT = re.compile(r"\b(?:allowances?|pensions?|subsid(?:y|ies)|wages?|welfare|benefits?|stipends?)\b")
# a rise in a verb of speed or height (figures.english_jump)
_EN_JUMP = re.compile(r"\b(?:jump|climb|surg|soar|leap|shot up|shoot up|grow|grew|rise|rose|increas|expand|pick(?:ed)? up)\w*")
_EN_RISE = re.compile(r"\b(?:go(?:es|ne)? up|went up|ris(?:e|es|en)|rose|rais(?:e|es|ed)|increas\w*)\b")
# a fall in price asked in plain words: "便宜了多少", "降价多少" (figures.cheaper_zh)
_CHEAPER = ("便宜", "降价")
_MEASURE_RE = re.compile(r"(?:多少|几)\s*[万亿千百]*\s*(平方公里|平方米|公里|千瓦|人次|A级|微克|立方米|公斤|千克|[\u4e00-\u9fff])")
# nouns that open with a measure word: "多少个体工商户" asks no count in 个, "多少家庭" none in 家
NOUNS_OF_A_MEASURE = frozenset("个体 个人 家庭 家属 家乡 人口 人员 人才 人民 户籍 项目 名单 名额 次数 台账 条例 所有 "
                               "位置 件事 场所 场馆 场地 场景 类型 种类 年轻 年龄 天然 部门 部分 部署 部位".split())
_MEASURE_WORDS = set("个家所座项人户亩吨头台辆次条批名位件场届天倍张株只处栋间套种类元支条座艘年列架棵部口趟")
# the question asks a target ("目标", "预期"), and whether it says the target is money
_ASKS_TARGET = re.compile(r"目标|预期")
_SAYS_MONEY = re.compile(r"多少钱|[万亿]?元|资金|金额|规模|总量|总额(?:是|达到|要达到)")
# "多少困难群众": a count of people although no measure word is said
_PEOPLE = r"(?:群众|人口|居民|学生|职工|农民工|农民|工人|游客|旅客|人才|干部|老人|儿童|患者|毕业生|人员|人)"
_PEOPLE_RE = re.compile(rf"(?:多少|几)[万千百]*(?:名|位)?[\u4e00-\u9fff]{{0,4}}?{_PEOPLE}")
# "坐飞机的人有多少", "游客是多少": the people counted stand right before the asking word
_PEOPLE_BEFORE = re.compile(rf"{_PEOPLE}(?:数|数量|总数)?(?:有|是|为|达到|达)?(?:多少|几)(?![万亿千百]*[元%])")
# "24万困难群众": a head count whose noun follows the number
_HEADCOUNT_RE = re.compile(rf"(?<![\d.])\d+(?:\.\d+)?([万千百]*)(?:名|位)?[\u4e00-\u9fff]{{0,2}}?{_PEOPLE}")
# the unit a topic is measured in, when the question names the topic but no unit ("装机多大")
_TOPIC_UNITS = (("装机", "千瓦"), ("里程", "公里"), ("面积", "亩"), ("产量", "吨"))
# the same topics by family: an area is given in 亩, 平方米 or 公顷 alike, a length in 公里 or 米
_TOPIC_FAMILIES = {"公里": "长度", "亩": "面积"}


def _family(unit: str) -> str:
    """A topic's unit as its family (亩 → 面积), so any unit of the family answers (figures.topic_family)."""
    return _TOPIC_FAMILIES.get(unit, unit) if on("figures.topic_family") else unit

_EN_PEOPLE = r"\b(population|people|residents?|persons|passengers?|travell?ers?|visitors?|tourists?|students?|workers?)\b"
_ENGLISH_UNITS = (("人", _EN_PEOPLE),
                  ("%", r"\b(rate|percent|percentage|proportion|ratio|grow|growth|increase|rise|fall|decline|share|"
                        r"inflation|price index|cpi)\b"),      # consumer price inflation: a rate, not the 元 of 'price'
                  ("元", r"\b(yuan|rmb|money|revenue|income|investment|budget|funding|funds|output value|total value|value of|"
                         r"worth|spend\w*|cost\w*|price\w*)\b"),
                  ("美元", r"\b(dollars?|usd)\b"), ("微克", r"\b(micrograms?)\b"),
                  ("亩", r"\b(mu|area)\b"), ("公里", r"\b(km|kilomet\w+)\b"),
                  ("吨", r"\b(tonnes?|tons?)\b"),
                  ("千瓦", r"\b((?:installed|generating|power)(?: [a-z-]+){0,3} capacity|kilowatts?|kw|megawatts?|mw|"
                          r"gigawatts?|gw)\b"))
# Unit families. Things counted: a question's 个 (or 家, 所…) is answered by whichever measure word the
# report counts them with ("多少个学校" by "69所", "多少家企业" by "1578户"). Sizes asked by an adjective:
# 多长/多宽/多远/多高/多深 a length, 多重 a weight, 多大 an area when the question is about land or floor space.
COUNTING = frozenset("个家所座项户处条件批栋间套只台辆艘支张株头列架棵部场口趟")
SIZE_FAMILIES = {"多长": "长度", "多宽": "长度", "多远": "长度", "多高": "长度", "多深": "长度", "多重": "重量", "多大": "面积"}
FAMILY_UNITS = {"长度": ("公里", "千米", "米"), "面积": ("亩", "平方米", "平方公里", "公顷"), "重量": ("吨", "公斤", "千克")}
_SIZE_RE = re.compile(r"(多长|多宽|多远|多高|多深|多重|多大)(?!时间|年|天|月|比例|比重|幅度)")
# "覆盖面有多宽", "覆盖范围多大": the reach of a service, a share (figures.coverage_width)
_COVERAGE_SIZE = re.compile(r"(?:覆盖面|覆盖范围|普及面)(?:有|能有|到|达到)?(?:多宽|多大|多广)")
_LAND_ASKED = re.compile(r"(?:多少|几)[万千百]*(?:亩)?(?:土)?地(?![区方方面])")
_AREA_TOPIC = re.compile(r"面积|占地|用地|土地|耕地|农田|亩|平方")
# "how many hogs / schools / rural homes": a count, answered by a counted figure (55家, 69所, 1578户), not
# by 23.4万亩 or 290亿元, unless the question names what it measures in ("how many hectares / kilowatts")
COUNT = "个数"
# a size asked by 多大 of no land ("库容有多大", "规模有多大"): any measure but a count or a head count
SIZE = "大小"
# the last character of a unit that measures a size (元, 吨, 亩, 公里, 千瓦, 立方米, %, 个百分点…)
_SIZE_UNIT_ENDS = frozenset("元吨亩米瓦方克顷%‰点里")
_COUNT_WORDS = tuple("个家所座项户头台辆次条批名位件场届张株只处栋间套种类支艘人列架棵部口")
_EN_MEASURE = re.compile(r"\bhow many\s+(?:\w+\s+)?(?:hectares?|acres?|mu|square|cubic|kilo\w*|km|kw|mw|gw|\w*watts?|"
                         r"met(?:re|er)s?|tonnes?|tons?|kg|jin|yuan|rmb|dollars?|percent\w*|points?|times|years?|"
                         r"days?|hours?|minutes?|months?|weeks?|degrees?|micrograms?)\b")
# An English question asks a quantity only through its frame: "how much/many/fast/…", "by how much",
# "what proportion/share/rate/…", "what is/was X" (X may be a figure: "What was the GDP?"), "percent",
# "in yuan". "Name the festivals staged to revive consumer spending" or "How did FDI perform?" name money
# words without asking an amount.
_EN_ASKS_QUANTITY = re.compile(
    r"\bhow (?:much|many|fast|quickly|large|big|long|wide|high|tall|far|deep|heavy)\b|\bby how\b|"
    r"\bwhat(?:'s|\u2019s| is| was| are| were| will be| has been| had been| would be| should be)\b|"
    r"\bwhat (?:[\w-]+ ){0,2}?(?:proportion|percentage|share|ratio|rate|amount|number|level|growth|size|figure|"
    r"total|value|sum|portion|fraction|scale|volume|target|goal|budget|funding)s?\b|\bpercent|\b(?:yuan|rmb|dollars?)\b|\bnumber of\b|"
    r"\bwhat (?:will|would|does|did|do) [\w' -]{1,60}? cost\b")      # "What will the airport expansion cost?"
# the words "how many" counts, up to the first word that starts another phrase: "How many suggestions from
# people's congress deputies" counts suggestions, not people
# a word that starts another phrase ends the one asked about
_EN_PHRASE_END = (r"(?:of|from|for|in|on|at|to|by|with|under|among|that|which|who|did|do|does|are|were|was|is|will|"
                  r"would|have|has|had|can|could|should|and|or)\b")
_EN_COUNTED = re.compile(rf"\bhow many\b((?:\s+(?!{_EN_PHRASE_END})[\w'\u2019-]+){{0,4}})")


# a cut asked by "how much": told as a rate, unless a time is cut ("cut the travel time": 缩短至40分钟)
_EN_CUT = re.compile(r"\b(?:cut|trim|trimmed|slashed|reduced|lowered|decreased|dropped)\b")
_EN_TIME_CUT = re.compile(r"\b(?:time|times|minutes?|hours?|days?|journey|travel|trip)\b")
_EN_SIZE = re.compile(r"\bhow (long|wide|high|tall|far|deep|heavy|large|big)\b")
# "How long is the Yangtze fishing ban", "how long does the action plan run": a programme lasts years, it has no length
_EN_PROGRAMME = re.compile(r"\bhow long (?:is|are|does|do|will|was|would)\s+(?:the|this|its|their|a)?\s*"
                           r"(?:(?!that\b|which\b|who\b)[\w'-]+\s+){0,5}?(?:campaign|plan|programme|program|ban|moratorium|"
                           r"drive|initiative|crackdown|action)s?\b(?!\s+to\b)")
# "I grow tea and kiwis — what output targets …": a first-person preamble before the question says who asks, not
# what (figures.english_preamble)
_EN_PREAMBLE = re.compile(r"^(?:i\b|i'm\b|i've\b|my\b|we\b|we're\b|our\b|as an?\b)[^?]*?(?:[.!;:]\s+|\s+[—–-]+\s*|—\s*)"
                          r"(?=(?:so\s+|and\s+|but\s+)?(?:what|how|which|when|where|who|whose|is|are|does|do|did|will|can)\b)")
# a lead telling what others say ("People keep mentioning the '1+3+3' system - what's the '1'"): its people are
# the ones talking, not the ones asked about (figures.english_hearsay)
_EN_HEARSAY = re.compile(r"^(?:people|everyone|everybody|folks|locals|friends)\s+(?:\w+\s+){0,2}?(?:say|says|said|mention\w*|"
                         r"talk\w*|keep|kept|tell|told|call)\b[^?]*?(?:[.!;:]\s+|\s+[—–-]+\s*|—\s*)"
                         r"(?=(?:so\s+|and\s+|but\s+)?(?:what|how|which|when|where|who|whose|is|are|does|do|did|will|can)\b)")
_EN_AREA = re.compile(r"\b(?:area|land|farmland|hectares?|mu|space|floor|site|acreage)\b")
# "how far did prices fall", "how far have costs come down": a change, no distance (figures.how_far_change)
_EN_HOW_FAR_CHANGE = re.compile(r"\bhow far (?:did|do|does|will|would|have|has|had|should|could|is|are|were|was)\b[^?]*?"
                                r"\b(?:fall|fell|fallen|drop|dropped|decline|declined|rise|rose|risen|come down|came down|"
                                r"go down|went down|gone down|go up|went up|gone up|cut|reduced|shrink|shrank|grow|grew)\b")
# "How long has … been …": the present perfect asks how long a state has lasted (figures.how_long_has)
_EN_HOW_LONG_HAS = re.compile(r"\bhow long (?:has|have|had)\b")
_EN_DURATION = re.compile(r"\b(?:take|took|taken|last|lasted|ago|since|until|before|after|spend|spent|ahead|behind|"
                          r"advance|early|earlier|late|schedule|time)\b")


# a unit said outright: "in yuan", "in percent", "in tonnes"
_EN_UNIT_SAID = (("元", r"yuan|rmb"), ("美元", r"dollars|usd|us dollars"), ("%", r"percent|per cent|percentage terms"),
                 ("吨", r"tonnes|tons"), ("公里", r"km|kilomet(?:re|er)s"), ("亩", r"mu"))
# "how much tea …": a noun right after "how much" is the thing measured ("how much did GDP grow" asks a degree)
_EN_HOW_MUCH_NOUN = re.compile(r"\bhow much (?!(?:did|does|do|will|would|is|was|are|were|has|have|had|can|could|should|"
                               r"shall|may|might|must|more|less|of|in|on|for|to|by|from|higher|lower|faster|slower|"
                               r"bigger|larger|greater|smaller|further|exactly|roughly|approximately|about|so|the|a|an|"
                               r"its|their|this|that|these|those|it|they|we|you|he|she|[a-z]+ly)\b)[a-z]{3,}\b")
_EN_RATE_NOUN = re.compile(r"\b(?:rate|percent\w*|per cent|proportion|ratio|share|growth|inflation|index|cpi)\b")
_EN_ABSOLUTE = re.compile(r"\btotal (?:retail )?sales\b|\bsales total\b")
_EN_GROWTH_ASKED = re.compile(r"\b(?:grow|grew|grown|growth|rise|rose|risen|increase[sd]?|go up|went up|gone up|up by)\b")
_EN_HOW_MUCH_MONEY = re.compile(r"\bhow much (?:money|cash|funding)\b")
_EN_IN_UNIT = re.compile(r"\bin (yuan|rmb|us dollars|dollars|usd|percent|per cent|percentage terms|tonnes|tons|km|"
                         r"kilomet(?:re|er)s|mu)\b")


# "…that opened last year": a time named with "last" says when, not how long it lasted
_LAST_TIME = re.compile(r"\blast (?:year|month|week|winter|summer|spring|autumn)\b")


# the words an English question asks about: after "what is the" / "how much" up to the next phrase
_EN_ASKED = re.compile(r"\b(?:what(?:'s|\u2019s| is| was| are| were| will be)?(?: the)?|how much|how many)\b"
                       rf"((?:\s+(?!{_EN_PHRASE_END})[\w'\u2019&-]+){{1,4}})")


# "Where / how did the city rank …", "what place / ranking did … get", "which place": a rank asked
_EN_ASKS_RANK = re.compile(r"\b(?:where|how|what)\b[^?]*\brank(?:ed)?\b(?! (?:first|second|third|top))|"
                           r"\bwhat (?:place|position|ranking|rank)\b|\bwhich place\b")


def english_asks_output(question: str) -> bool:
    """"Guangyuan tea output 2023?": output names an amount, whether or not a question word asks it (figures.english_output)."""
    return bool(re.search(r"\boutput\b", question.lower())) and on("figures.english_output")


def english_asks_rank(question: str) -> bool:
    return bool(_EN_ASKS_RANK.search(question.lower())) and on("figures.english_rank")


# "investment promotion", "investment-attraction campaigns": the work of drawing investors (招商), no amount of money
_EN_INVESTMENT_WORK = re.compile(r"\binvestment[- ](?:promotion|attraction|drive|campaign|work|team|fair|conference)s?\b")


def investment_work(low: str) -> str:
    """A lower-case English question with the work of drawing investors named as such (english.investment_work)."""
    return _EN_INVESTMENT_WORK.sub("招商", low) if on("english.investment_work") else low


def english_asks_quantity(question: str) -> bool:
    """Whether an English question's frame asks an amount (see _EN_ASKS_QUANTITY)."""
    return bool(_EN_ASKS_QUANTITY.search(question.lower()))


# a slogan that counts its items ("1345", "五未", "三心融合") is explained only where the items are listed

# ---- question terms and support -------------------------------------------------------------

# a share asked: "多大比例", "比重是多少", "占多少", "百分之几", "几成"
_ASKS_SHARE = re.compile(r"多大(?:比例|比重|份额)|(?:比例|比重|占比)(?:是|为|有|达到?)?(?:多少|几)|百分之几|几成|"
                         r"占(?:了|到)?(?:多少|几)(?![万亿千百]|[\u4e00-\u9fff](?!呢))")    # not "占多少人"

# "民生支出占一般公共预算支出多少": 占 the whole, then 多少, asks a share too (not 占地多少, 占多少人)
_ASKS_SHARE_OF = re.compile(r"(?<![抢攻侵])占(?![地用领据有])[^，。？！?,;；多少几的]{2,14}(?:的)?(?:多少|几成|百分之几)"
                            r"(?![万亿千百]|[个名人元家项件亩吨户所座位次条批])")


# a rank asked: "排第几", "第几位", "居全省第几", "排名第几"
_ASKS_RANK = re.compile(r"(?:排|居|列|位居|排名|排在)?第几(?:位|名)?(?![届批次个项年天号期口座所条])")


def asks_share(question: str) -> bool:
    """"铝基产业产值占规上工业总产值的几成", "what share of …": a part of a whole is asked, no rate of change."""
    if is_english_text(question):
        return bool(_EN_SHARE.search(question.lower()))
    return bool(_ASKS_SHARE.search(question) or _ASKS_SHARE_OF.search(question))


# "how much of the central urban area": a share of a whole; "how much of the budget" keeps money
_EN_HOW_MUCH_OF = re.compile(r"\bhow much of (?!(?:the |its |their |our |this |that )?(?:money|budget|funds?|funding|"
                             r"spending|revenue|income|investment|cost)\b)")
_EN_SHARE_WORD = re.compile(r"\b(?:what|which) (?:share|proportion|fraction|portion|part|percentage) of\b|\bhow (?:big|large) "
                            r"(?:a |the )?(?:share|proportion|part)\b")
_EN_SHARE = re.compile(rf"{_EN_SHARE_WORD.pattern}|{_EN_HOW_MUCH_OF.pattern}")


def is_english_text(text: str) -> bool:
    """Mostly Latin letters: an English question, even one naming its region in Chinese ("What was 梓岩州's …")."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isascii() for ch in letters) > 0.7 * len(letters)


# "Which industries …", "Apart from aluminium, which key industries …": the question word asks names
_EN_WHICH = re.compile(r"(?:^|[,:;] )which (?!year|month|day|date|time|rank|place|position)[a-z-]+(?: [a-z-]+)?s\b")
# "which other key industries": up to two words (other, key) before the plural noun (english.which_names_wide)
_EN_WHICH_WIDE = re.compile(r"(?:^|[,:;] )which (?!year|month|day|date|time|rank|place|position)(?:[a-z-]+ ){0,2}[a-z-]+s\b")
_EN_POSSESSIVE = re.compile(r"\b[\w-]+(?:'s|s')(?=\s)")


def asks_money_rise(question: str) -> bool:
    """Whether the question asks a benefit's rise ("how much did the allowance go up", "低保标准城里和农村各涨了多少"),
    which is told in yuan or as a rate, never as a count."""
    low = question.lower()
    if is_english_text(question):
        return bool(_EN_BENEFIT.search(low) and _EN_RISE.search(low)) and on("figures.english_money_rise")
    return bool(_MONEY_RISE.search(question) or (_MONEY_RISE_WIDE.search(question) and on("figures.money_rise_wide"))) \
        and on("figures.money_rise")


def expected_unit(question: str) -> str | None:
    """The kind of quantity asked for: "%", "元", a measure word ("吨", "人", "个") or None."""
    if is_english_text(question) if on("english.named_in_chinese") else question.isascii():
        low = question.lower()
        if on("figures.english_preamble"):
            low = _EN_PREAMBLE.sub("", low, count=1)
        if on("figures.english_hearsay"):
            low = _EN_HEARSAY.sub("", low, count=1)
        low = investment_work(low)
        said = _EN_IN_UNIT.search(low) if on("figures.english_in_unit") else None
        if said:            # "…GDP in 2023 in yuan - the actual size, not the growth rate": the unit said outright
            return _family(next(u for u, words in _EN_UNIT_SAID if re.fullmatch(words, said.group(1))))
        if _EN_HOW_MUCH_OF.search(low) and on("figures.english_how_much_of"):
            return "%"          # "How much of the central urban area meets the sponge-city standard?": a share (41%)
        if _EN_SHARE_WORD.search(low) and on("figures.english_share_of"):
            return "%"          # "What portion of the central urban area meets …": a share, whatever the whole's unit (area)
        if english_asks_rank(low) and on("figures.rank"):
            return "位"          # "Where did the city rank in the province for …": a rank (第2位, 位居全省第一)
        which = _EN_WHICH_WIDE if on("english.which_names_wide") else _EN_WHICH
        if which.search(low) and not re.search(r"\bhow (?:much|many)\b", low) and on("english.which_names"):
            return None     # "Which industries share the output target of 42.5 billion yuan?": names asked, no amount
        if not _EN_ASKS_QUANTITY.search(low) and on("figures.english_frame"):
            # "tea output 2023?": an amount in any unit (吨, 元), no count of something else
            return SIZE if english_asks_output(low) else None
        if on("figures.english_size"):
            size = _EN_SIZE.search(low)
            if size:        # "How long is the bridge?" asks a length; "How long did it take?", "how far ahead" a time
                word = size.group(1)
                if word in ("heavy",):
                    return "重量"
                if word == "long" and _EN_PROGRAMME.search(low) and on("figures.programme_years"):
                    return "年"      # "How long is the Yangtze River fishing ban": 十年
                if word == "far" and _EN_HOW_FAR_CHANGE.search(low) and on("figures.how_far_change"):
                    return "%"      # "how far did prices fall": a change, told as a rate (降幅…50%), no distance
                if word == "long" and _EN_HOW_LONG_HAS.search(low) and on("figures.how_long_has"):
                    return "年"      # "How long has the city been rated …": a run of years (连续3年), no length
                if word in ("large", "big"):
                    if _EN_AREA.search(low):
                        return "面积"
                    if on("figures.english_size_any"):
                        return SIZE     # "How big is the … gas power plant": a size in any unit (千瓦), no 元 of a name
                elif not (word in ("long", "far") and _EN_DURATION.search(
                        _LAST_TIME.sub(" ", low) if on("figures.last_year_no_duration") else low)):
                    return "长度"
            between = r"(?:(?:straight|consecutive|successive|running)\s+)?" if on("figures.straight_years") else ""
            span = re.search(rf"\bhow many\s+{between}(days|hours|years)\b", low)
            if span:
                return {"days": "天", "hours": "小时", "years": "年"}[span.group(1)]
            if re.search(r"\bhow many times\b(?!\s+(?:more|larger|bigger|higher|greater|as|over|that)\b)", low) \
                    and on("figures.english_times"):
                return "次"     # "How many times in a row has the city won…": a count of times (七连创, 3次)
        if _EN_ABSOLUTE.search(low) and not _EN_GROWTH_ASKED.search(low) and not re.search(r"\bhow many\b", low) \
                and on("figures.english_absolute"):
            return "元"     # "What were total retail sales in 2023?": the amount in yuan, not its growth
        if _EN_HOW_MUCH_MONEY.search(low) and on("figures.english_money_said"):
            return "元"     # "How much money did the 7% cut save": money said outright, whatever else the question names
        if re.search(r"\bhow much\b", low) and _EN_CUT.search(low) and not _EN_TIME_CUT.search(low) and on("figures.english_cut"):
            return "%"      # "How much did the government trim routine spending": a cut, told as a rate (压减7%)
        if _EN_BENEFIT.search(low) and _EN_RISE.search(low) and on("figures.english_money_rise"):
            return None     # "How much did the minimum living allowance go up": by yuan (上调60元) or by a rate, either
        if re.search(r"\bby how much\b", low) and re.search(r"\b(?:rais|boost|lift)\w*", low) \
                and not _EN_HOW_MUCH_MONEY.search(low) and on("figures.english_raise"):
            return "%"      # "By how much does the city hope to raise its revenue": a rise, told as a rate (增长6.5%以上)
        if re.search(r"\bby how much\b", low) and _EN_JUMP.search(low) and not _EN_HOW_MUCH_MONEY.search(low) \
                and on("figures.english_jump"):
            return "%"      # "By how much did foreign direct investment jump": a rise, told as a rate (增长121.4%)
        units = dict(_ENGLISH_UNITS)
        if on("figures.english_invested"):     # "How much is being invested in …": money, as "investment" is
            units["元"] = units["元"].replace("investment|", "invest(?:ment|ed|ing)?|")
        if on("figures.english_earn") and re.search(r"\bhow much\b", low):     # "how much did tourism earn": money
            units["元"] = units["元"].replace("revenue|", r"revenue|earn\w*|takings|receipts|")
        if on("figures.english_forms"):
            # "How much did people's disposable incomes go up": a noun in the plural and a rise told by a phrasal
            # verb are what "income" and "rise" are (not the people of "people's")
            units["元"] = re.sub(r"\b(income|revenue|investment|budget)\|", r"\1s?|", units["元"])
            units["%"] = r"\b(?:go(?:es|ne|ing)?|went) (?:up|down)\b|\bdrop(?:s|ped)?\b|\bdecreas\w*|\bcheaper\b|" + units["%"]
        if on("figures.consumer_prices"):
            # "the target for consumer price rises": consumer prices are an index, told as a rate (涨幅3%左右), no 元
            units["%"] = r"\bconsumer prices?\b|" + units["%"]
        head = _EN_ASKED.search(low)
        if head and on("figures.english_head"):
            # "What is the installed capacity of the Sichuan Energy Investment plant": the words asked about come
            # first; a name further on (…Investment…) says nothing of the unit
            counts = bool(re.match(r"\s*how many\b", low[head.start():])) and on("figures.english_how_many")
            for unit in ("美元", "微克", "%", "千瓦", "元", "人", "亩", "公里", "吨"):
                # "How many medical institutions share…": how many counts; "share" is a verb there
                if unit == "%" and counts and not re.search(r"\bpercent", head.group(1)):
                    continue
                asked = _EN_POSSESSIVE.sub(" ", head.group(1)) if on("figures.english_possessive") else head.group(1)
                if re.search(units[unit], asked):
                    return _family(unit)
        counted = _EN_COUNTED.search(low)
        if counted and on("figures.english_frame"):     # "how many X": people only when X names them
            what = counted.group(1)
            if on("figures.english_possessive"):
                what = _EN_POSSESSIVE.sub(" ", what)    # "how many people's congress deputies' suggestions" counts suggestions
            units["人"] = r"(?!)" if not re.search(_EN_PEOPLE, what) else units["人"]
        # "how many passengers" counts people; "how much did per-capita income of residents rise"
        # asks a rate, and "how much money did residents get" yuan: the people words come last there
        order = ["人", "%", "元"] if re.search(r"\bhow many\b(?!\s+(?:yuan|rmb)\b)", low) else ["%", "元", "人"]
        order = ["美元", "微克", *order]        # "the dollar value": 美元, not the 元 of "value"
        how_many = bool(re.search(r"\bhow many\b", low)) and on("figures.english_how_many")
        for unit in order + [u for u in units if u not in order]:
            if unit == "%" and how_many and not re.search(r"\bpercent", low):
                continue
            if re.search(units[unit], low):
                if unit == "%" and _EN_HOW_MUCH_NOUN.search(low) and not _EN_RATE_NOUN.search(low) \
                        and on("figures.english_how_much_noun"):
                    return None     # "How much tea and kiwifruit are they aiming to grow": the thing in its unit, no rate
                return _family(unit)
        if re.search(r"\bhow many\b", low) and not _EN_MEASURE.search(low):
            return COUNT
        if english_asks_output(low):
            return SIZE         # "tea output 2023?": an amount in any unit (吨, 元), no count of something else
        return None
    if (_ASKS_SHARE.search(question) and on("figures.share")) or (_ASKS_SHARE_OF.search(question) and on("figures.share_of")):
        return "%"           # "占中心城区面积的多大比例": a share, whatever it is a share of
    m = _MEASURE_RE.search(question)
    if m and on("figures.measure_starts_a_noun") and question[m.start(1):m.start(1) + 2] in NOUNS_OF_A_MEASURE:
        m = None            # "多少个体工商户": 个体 is a noun, the count is of 户 (any counting word answers)
    if m:
        word = m.group(1)
        if word in ("钱",):
            return "元"
        if word in ("名", "位") and question[:m.start()].endswith("第") and on("figures.rank_named"):
            return "位"         # "在全省排第几名": a rank, not a count of people (名)
        if word == "个" and question.startswith("百分点", m.end()) and on("figures.percentage_points"):
            return "%"          # "再提高几个百分点": points of a rate
        if word == "个" and question.startswith("点", m.end()) and not question.startswith(("点位", "点状"), m.end()) \
                and on("figures.spoken_points"):
            return "%"          # "GDP涨了几个点": the spoken 百分点
        if word == "段" and on("figures.segments_counted"):
            return COUNT        # "改了几段路": 段 counts stretches, as 条 or 个 does (主次干道18条)
        if word == "回" and on("figures.runs_of_wins"):
            return "次"         # "连着拿了几回": 回 counts times, as 次 does
        if word == "倍" and question[:m.start()].endswith(("翻了", "翻", "增长了", "增长", "涨了", "多了")) \
                and on("figures.times_grown"):
            return "%"          # "比前年翻了几倍": a growth, told as a rate (增长121.4%) or in times (增长1.5倍)
        if word in _MEASURE_WORDS or len(word) > 1:
            return word
    if _ASKS_RANK.search(question) and on("figures.rank"):
        return "位"          # "增速在全省排第几": a rank (第2位, 第三位), whatever is ranked
    if re.search(r"(?:多少|几)[万千百]*亿(?![吨人千立平])", question):
        return "元"
    m = _PEOPLE_RE.search(question) or (_PEOPLE_BEFORE.search(question) if on("figures.people_before") else None)
    if m:
        return "人"
    tail = question.split("多少")[0][-6:] if "多少" in question else question
    if any(w in tail for w in _PERCENT + (_CHEAPER if on("figures.cheaper_zh") else ())) and "多少" in question:
        if re.search(r"(?:提高|增加|增长|上调|提升|扩大)(?:到|至)$", tail) and not re.search(r"率|比例|比重|占比", tail) \
                and on("figures.raised_to"):
            return None     # "养老金要提高到多少": the level it is raised to (每人每月180元), in its own unit
        if (_MONEY_RISE.search(question) or (_MONEY_RISE_WIDE.search(question) and on("figures.money_rise_wide"))) \
                and on("figures.money_rise"):
            return None     # "供养钱去年涨了多少": money rises by yuan (上调78元) or by a rate, either answers
        return "%"
    # "总投资和设计产能是多少": the money word may stand a few words before 多少, within its clause
    clause = re.split(r"[，。？！,?;；]", question.split("多少")[0])[-1] if "多少" in question else ""
    if any(w in tail or w in clause for w in _MONEY) and "多少" in question:
        # "社会消费品零售总额的预期目标是多少": a target for an amount is most often its growth rate, so
        # a target question names its unit or takes the figure the target gives
        if _ASKS_TARGET.search(question) and not _SAYS_MONEY.search(question):
            return None
        return "元"
    asked = re.split(r"[，。？！,?;；]", question.split("多少", 1)[1])[0] if "多少" in question else ""
    if re.search(r"(?:资金|经费|补贴|补助|金|款|费|收入|营收|销售额|产值|投资)$", asked.rstrip("？?！!。 ")):
        return "元"      # "发了多少低保金", "实现多少旅游收入"
    if re.search(r"多少|几|多大|多长|多高|多少", question):
        for topic, unit in _TOPIC_UNITS:
            if topic in question:
                return _family(unit)
    if _LAND_ASKED.search(question) and on("figures.topic_family"):
        return "面积"                          # "园区要扩多少地": land is measured by its area
    m = _SIZE_RE.search(question)
    if any(w in question for w in _PERCENT):
        return "%" if m else None             # "增速多高": a rate, not a height
    if m and _COVERAGE_SIZE.search(question) and on("figures.coverage_width"):
        return "%"          # "覆盖面有多宽": how far a service reaches, told as a share (覆盖面达90%), no length
    if m and not (m.group(1) == "多大" and not _AREA_TOPIC.search(question)):
        return SIZE_FAMILIES[m.group(1)]      # "新建道路多长" → 长度: 公里 or 米 answer it
    if m and on("figures.size_is_no_count"):
        return SIZE                           # "库容有多大": a size, in whatever unit, but no count (建成…3个)
    return None


def quantities(text: str, chinese: bool = False) -> list[tuple[int, int, str]]:
    """(start, end, unit) of each measured quantity in text; with `chinese`, counts and ordinals
    in Chinese numerals too ("第十一批", "五大行动" is not: 大 is no measure word)."""
    found = (QUANTITY_APPROX_RE if on("figures.approximate") else QUANTITY_RE).finditer(text)
    out = [(m.start(), m.end(), (m.group(2) or "") + (m.group(3) or m.group(5))) for m in found]
    out += [(m.start(), m.end(), m.group(1) + "人") for m in _HEADCOUNT_RE.finditer(text)]
    if on("figures.chinese_level"):
        out += [(m.start(), m.end(), m.group(2) + m.group(3)) for m in _CN_LEVEL_RE.finditer(text)]
    if on("figures.bare_wan"):
        out += [(m.start(), m.end(), "万" + m.group(1)) for m in _CN_BARE_WAN_RE.finditer(text)]     # "本科上线万人以上"
    if chinese and on("figures.rank"):
        out += [(m.start(1), m.end(1), "位") for m in _CN_RANK_RE.finditer(text)]      # "位居全省第一"
    if chinese and on("figures.english_rank"):
        out += [(m.start(), m.end(), "位") for m in _WORD_RANK_RE.finditer(text)]       # "除三州外全省最低"
    if chinese and on("figures.first_place"):
        out += [(m.start(), m.end(), "位") for m in _FIRST_PLACE_RE.finditer(text)]      # "位居全省首位"
    if chinese:
        out += [(m.start(), m.end(), m.group(3) + m.group(4)) for m in _CN_QUANTITY_RE.finditer(text)
                # "办好一批实事", "培育一批企业": 一批 is "a number of", no count ("第一批" is an ordinal)
                if not (m.group(1) == "" and m.group(2) == "一" and m.group(4) == "批" and on("figures.indefinite_batch"))]
    if chinese and on("figures.chinese_days"):
        out += [(m.start(), m.end(), "天") for m in _CN_DAYS_RE.finditer(text)]       # "门诊一次挂号管三天"
    if chinese and on("figures.runs_of_wins"):
        out += [(m.start(), m.end(), "次") for m in _CN_RUN_RE.finditer(text)]      # "累计实现七连创": seven times running
    if chinese and on("figures.chinese_years"):
        out += [(m.start(), m.end(), "年") for m in _CN_YEARS_RE.finditer(text)]     # "连续三年达到“满意”等次"
    if chinese and on("figures.programme_years"):
        out += [(m.start(), m.end(), "年") for m in _CN_PROGRAMME_YEARS_RE.finditer(text)]   # "三年攻坚行动"
    return out


def unit_fits(unit: str, want: str | None) -> bool:
    """Whether a quantity's unit answers the asked one: the same unit, or one of its family (a count
    asked with 个 is answered by 所/座/家…, a length by 公里 or 米)."""
    if want is None:
        return True
    if want == SIZE:
        if on("figures.size_real_unit") and unit[-1:] not in _SIZE_UNIT_ENDS:
            return False    # "2023全国…" is a year before 全国, no size
        return not unit.endswith(_COUNT_WORDS) and not unit.endswith(("位", "届"))
    if want in FAMILY_UNITS:
        return unit.endswith(FAMILY_UNITS[want])
    if want in COUNTING and unit[-1:] in COUNTING:
        return True
    if want in COUNTING and unit.endswith(want + "次") and on("figures.times_of_a_count"):
        return True         # "多少场" is answered by "1000余场次"
    if want == "%":
        # "增长了多少" is answered by "增长1.5倍" too (figures.times_as_rate)
        return unit.endswith(("%", "‰", "个百分点")) or (unit.endswith("倍") and on("figures.times_as_rate"))
    if want == "人":
        return unit.endswith("人") or unit.endswith("人次")
    if want == "人次" and on("figures.person_times"):
        return unit.endswith(("人", "人次"))      # QUANTITY_RE reads "4612万人次" as 万人 (its one-character unit)
    if want == COUNT:
        return unit.endswith(_COUNT_WORDS)
    return unit.endswith(want)


# ---- numbers as written in any answer (the LLM number check) ----------------------------------

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
    """Every quantity in text (after NFKC, so ６．５％ reads as 6.5%)."""
    text = unicodedata.normalize("NFKC", text)
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

