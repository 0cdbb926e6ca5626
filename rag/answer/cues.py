"""What a question's wording asks for (a date, a figure, a list) and constants the answer kinds share."""
from __future__ import annotations

import re

REFUSAL = "报告未提及"
# an English question is on the report's ground when this share of its words translate to report words
# (off-topic questions measured up to 0.67, see rag.english.ReportEnglish.known_share)
FAMILIAR_SHARE = 0.7
CLAUSE_END = "，；。：！？"

_FULL_STOP = "。！？"
# the question asks when: only a date in the quote answers it
_ASKS_DATE = re.compile(r"哪天|哪一天|几号|几月几|什么时候|什么时间|何时|日期|\bwhen\b|what date|which day|"
                        r"(?:几月份?|哪个月|哪一个月)(?!.*(?:多少|几))|\b(?:which|what) month\b")       # "去年几月份来川视察"
# the words that start asking after a named thing: "八件民生实事是什么", "三大主导产业是哪三个"
ASKING_WORDS = re.compile(r"是|有|都|包括|指|分别|具体|呢|吗|啥|什么|哪")
_ASKS_DATE_SPOKEN = re.compile(r"啥时候|啥时")     # 啥 is the spoken 什么 (date.spoken_when)
_ASKS_YEAR = re.compile(r"\b(?:in )?(?:which|what) year\b")
# "打算哪年建成开放": the year asked, in Chinese (date.which_year)
_ASKS_YEAR_ZH = re.compile(r"哪一?年(?!度)|哪个年份|什么年份")
_DATE_RE = re.compile(r"\d{1,2}月\d{1,2}日|\d{1,2}月(?:份|底|初|中旬|下旬|上旬)?|20\d\d年\d{1,2}月|年底|年初|上半年|下半年|年内")
# the question wants a figure, not only what the report says on the matter
_ASKS_FIGURE = re.compile(r"多少|几|多大|多高|多长|多快|多远|比例|百分之|how much|how many|how fast|how big|how large|"
                          r"what percent|in yuan|\brate\b|\bnumber\b|figure|\btotal\b|\bamount\b|\bvolume\b")
_LIST_LEADS = ("主要是", "主要有", "一是", "包括", "具体是", "分别是")

_NUMBERED_SLOGAN = re.compile(r"“([^”]*[\d一二三四五六七八九十两][^”]*)”")
_SUBQUESTION_SPLIT = re.compile(r"[？?；;]|,?\s+and\s+(?=(?:how|what|which|by how)\b)")
_ASKS = re.compile(r"多少|几|哪|什么")
# "A、B各有多少" / "A和B分别是多少": one sub-question per named subject
_EACH_RE = re.compile(r"^(.*?)([^，,？?]*?)(各|分别|each|respectively)(.*)$")
_CONJ_SPLIT = re.compile(r"[、和与及]")
# what a question about a named slogan asks when it wants the slogan spelled out
_MEANING_RE = re.compile(r"是什么|指什么|什么意思|啥意思|是啥|指啥|包括啥|包括什么|含义|指的是|具体指|分别(?:是|指|代表)|代表|包括哪|包含|"
                         r"哪几|哪[一二三四五六七八九十]|内容|mean|stand for|refers? to")

# what is measured of a subject ("GDP总量和增速"): it sets an ask apart, but names no subject to look for
MEASURE_TERM = re.compile(r"^(?:增长)?(?:增长目标|预期目标|目标|总量|总额|规模|增速|增幅|增长率|涨幅|降幅|占比|比重|"
                           r"增长|增加|提高|下降|减少)$")
