"""Question understanding: year intent, abbreviation expansion and the kind of answer wanted.

Relative time is resolved against each report's own year: in the 2024 report 去年 is the 2023
review and 今年 the 2024 plan. Abbreviations (GDP, 规上, 固投, 社零, …) live in
resources/synonyms.tsv so they can grow without code changes.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Protocol

from rag.corpus.ingest import GLOSSARY_SUFFIX
from rag.figures import (
    NOUNS_OF_A_MEASURE,
    english_asks_output,
    english_asks_quantity,
    english_asks_rank,
    investment_work,
    is_english_text,
)
from rag.search.english import BRITISH_INFLECTED, fold
from rag.store.tokens import is_function_word, keyword_tokens
from rag.switches import on
from rag.types import QuestionKind

SYNONYMS_FILE = files("rag") / "resources" / "synonyms.tsv"     # package data, also in a wheel

# year intent: "review" = the year the report looks back on, "plan" = the year it plans for
_REVIEW_WORDS = ("去年", "上年", "上一年", "过去一年", "过去的一年", "2023年以来", "last year", "previous year",
                 "取得", "完成了", "实现了", "达到了", "成效", "成绩", "做了哪些", "回顾",
                 "什么程度", "到哪一步", "进展如何", "进展怎么样", "进度如何", "进度怎么样")   # a status: what is done
_PLAN_WORDS = ("今年", "明年", "新的一年", "本年", "this year", "next year", "目标", "计划", "预期", "打算",
               "力争", "将要", "准备", "要做", "安排", "target", "plan", "goal", "aim")
_EXPLICIT_YEAR = re.compile(r"(20\d\d)")
_EN_FUTURE = re.compile(r"\b(?:will|hopes? to|intends? to|expects? to|wants? to|is (?:set|going) to|are (?:set|going) to|"
                        r"(?:promis|pledg|vow)(?:e|es|ed) to)\b")
# "should", "is due to": what is due, the plan's tense (scope.english_should; rag.search.scope's _EN_SHOULD, which decides
# that no outcome is asked, also reads "is to" and "hoping to", which _EN_FUTURE's "hopes to" covers here in part)
_EN_DUE = re.compile(r"\bshould\b(?!\s+have\b)|\b(?:is|are)\s+due\s+to\b")
_EN_PAST = re.compile(r"\b(?:did|was|were|had)\b|\b(?:built|completed|achieved|reached|added|created|opened|won|grew|rose)\b")
_NUMERIC = ("多少", "几", "比例", "增速", "增长", "率", "规模", "金额", "数量", "how much", "how many",
            "what percent", "rate", "growth", "number of", "population", "how large", "how big", "目标是", "达到",
            "多大", "多长", "多高", "多快")
_LIST = ("哪些", "有什么", "包括", "都有", "几大", "有哪", "which", "what are", "list")
_LIST_RE = re.compile(r"哪[几两三四五六七八九十]|几[项个大类条点方面]|分别(?:是|指|有)(?!多|几)|"
                      # "What sporting events does the city plan": what + a plural noun + its verb
                      r"^\s*what\s+(?:[a-z-]+\s+){0,2}[a-z-]+[^s\W]s\s+(?:does|do|did|will|are|were|has|have)\b", re.I)
# "what is the monthly allowance standard per person": a quantity per person (per month) is a figure
# (kind.english_per_unit)
_EN_PER_UNIT = re.compile(r"\bper (?:person|head|capita|month|resident|household|year)\b|\bmonthly\b")
_EN_WHAT_IS = re.compile(r"^(?:[^?]*?,\s*)?what(?:'s|\u2019s| is| was| will be| are| were)\b")
# "What sales target …", "the output goal": the target of a measure is a figure (kind.english_measure_target)
_EN_MEASURE_TARGET = re.compile(r"\b(?:sales|output|growth|revenue|investment|production|income|export|import|spending|"
                                r"retail|gdp)\s+(?:targets?|goals?)\b")


def asks_measure_target(text: str) -> bool:
    """'What sales target has the city set': an English question asking a measure's target, which is a figure."""
    return bool(_EN_MEASURE_TARGET.search(text.lower())) and on("kind.english_measure_target")


# "压减几个百分点", "涨了几个点": 几个 before 百分点 asks a figure, not a list (kind.points_asked)
_POINTS_ASKED = re.compile(r"几个(?=百分点|点)")
# "是哪4个乡镇": 哪 and a count in digits asks names, as 哪四个 does (kind.which_digits)
_WHICH_DIGITS = re.compile(r"哪\d{1,2}\s*(?:个|家|所|座|条|项|大|件|类|种|批|位|名|处|座)")
# "那4家企业叫什么名字", "这两所学校的名称": the names of things the question counts (kind.names_of_counted)
_NAMES_OF_COUNTED = re.compile(r"(?:\d{1,2}|[两二三四五六七八九十])\s*(?:个|家|所|座|条|项|件|处|位|名)[^，,？?]{0,20}"
                               r"(?:叫什么|叫啥|名字|名称)")
# "新开几条航线", "新建几个口袋公园": 几个/几条 right after a verb of making or adding asks a count, not a list
# (kind.count_not_list)
_COUNT_ASKED = re.compile(r"(?:新建|新开|新增|新开通|开通|建成|建设|改造|引进|培育|打造|创建|举办|承办)(?:了)?几[个条](?!方面|部分|大|类)")
# "今年要开几条线路", "修了几座桥": 几 and a measure word right after a one-character verb of making asks a count too
# (kind.count_after_verb)
_COUNT_AFTER_VERB = re.compile(r"(?<![哪])(?:开|修|建|办|搞|设|造|种|引|评|获|拿|招)(?:了|过)?几[个条座所家项](?!方面|部分|大|类)")
# "What kinds of wellness products…", "What sorts of events…": kinds asked are a list
_EN_KINDS_OF = re.compile(r"^\s*(?:so\s+)?(?:what|which)\s+(?:kinds?|types?|sorts?)\s+of\b")
_DEFINE = ("是什么", "什么是", "指什么", "含义", "意思", "what is", "what does", "mean")
_COMPARE = ("两年", "对比", "相比", "compare", "versus", " vs ", "和今年", "和去年", "与今年", "与去年")
_COMPARE_TIMES = ("两年", "和今年", "和去年", "与今年", "与去年")      # the cues that name a second time themselves


# a base year: "是2020年的几倍", "比2020年增长", "与2020年相比", "较2020年", "由2020年的…增加到", "than in 2020"
_BASE_YEAR = re.compile(r"(?:是|比|与|跟|较|由|compared (?:with|to)|than)\s*(?:19|20)\d\d\s*年(?:的|末|底)?"
                        r"(?=[^，,？?]*(?:倍|增长|增加|提高|下降|减少|相比|翻))"
                        r"|(?:compared (?:with|to)|than)\s*(?:in\s*)?(?:19|20)\d\d", re.I)
_EN_CHOICE = re.compile(r"^(?:is|are|was|were|does|do|did|will|would|has|have|can)\b[^?]*\b(?:faster|slower|quicker|higher|"
                        r"lower|bigger|smaller|greater|larger|more|less|fewer)\b[^?]*?\bthan\b|\b(?:faster or slower|"
                        r"slower or faster|higher or lower|lower or higher|bigger or smaller|up or down|above or below|"
                        r"below or above)\b")
# the review's side after "than": "than last (year)", "than the year before", "than in 2023", "than what it achieved"
_EN_THAN_REVIEW = re.compile(r"\bthan\s+(?:in\s+|during\s+)?(?:last\b|the (?:previous|prior) year|the year before|before\b|"
                             r"(?:19|20)\d\d|what (?:it|they|the city|was) (?:actually )?(?:achieved|did|managed|reached|got|"
                             r"grew|done|delivered))")
# "What are the three major investment-attraction campaigns …": a number of things named asks their names
_EN_NAMED_COUNT = re.compile(r"^(?:[^,?]{0,60},\s*)?(?:so\s+)?(?:what|which) (?:are|were|will be) (?:the|its|their|the city's|[a-z]+'s) "
                             r"(?:[a-z-]+ )?['‘\"“]?(?:two|three|four|five|six|seven|eight|nine|ten)\b(?! (?:percent|per cent|times|"
                             r"yuan|billion|million|thousand|hundred)\b)")
# "Name the 48 livelihood projects…", "List the fifteen measures…": an imperative naming a count asks the things' names
_EN_NAME_THE_N = re.compile(r"^(?:please\s+)?(?:name|list)\s+(?:all\s+)?(?:the|its|their|[a-z]+'s)\s+(?:[a-z-]+\s+)?"
                            r"(?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
                            r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty)\b")
# "How does the 2024 goal … stack up against last year's …": two times set side by side (compare.english_stack_up)
_EN_STACK_UP = re.compile(r"\b(?:stacks?|stacked|measures?|measured) up (?:against|to|with)\b|\bset (?:against|beside)\b|"
                          r"\bside by side\b|\bhow does [^?]{3,80} compare\b")
# "By how much is the industry's output supposed to rise from its 2023 level?": a planned rise from the level reviewed
# sets the two years side by side (compare.english_rise_from)
_EN_RISE_FROM = re.compile(r"\b(?:rise|rising|grow|growing|increase|increasing|climb|go up|jump|expand)\b[^?]{0,40}?\bfrom "
                           r"(?:its |the |last year's |their )?(?:(?:19|20)\d\d |last year's )?(?:level|output|figure|"
                           r"total|value|amount|mark)s?\b")
# "比较" compares only as a verb ("和去年比较", "比较一下"); "还比较短缺" is an adverb
_COMPARE_VERB = re.compile(r"(?:和|与|跟|同)[^，。？?]{1,12}比较|比较一下|比较起来")


class Dictionary(Protocol):
    """English words → the report's words (rag.english.ReportEnglish)."""
    def groups(self, text: str) -> list[str]: ...
    def known_share(self, text: str) -> float: ...
    def numbered_slogans(self, text: str) -> list[str]: ...
    def unsaid(self, words: Iterable[str], key_words: Mapping[str, Iterable[str]]) -> list[str]: ...


@dataclass(frozen=True)
class QueryIntent:
    text: str                  # the question as asked (cleaned)
    keyword_text: str          # question plus expansions, for BM25
    year: str | None           # an explicit year ("2023"), or None
    relative: str | None       # "review" | "plan" | None
    strong_time: bool          # the year came from an explicit time word, not a soft cue
    kind: QuestionKind
    expansions: tuple[str, ...] = ()   # the report's words for the question's abbreviations / English
    # the index's English → report-word mapping (rag.english.ReportEnglish), for English questions
    english: Dictionary | None = field(default=None, compare=False, repr=False)
    familiarity: float = 1.0           # English: share of the question's words the report has a word for
    # share of the index's chunks a term occurs in (HybridRetriever.term_share); rare terms name the subject
    term_share: Callable[[str], float] | None = field(default=None, compare=False, repr=False)

    @property
    def is_english(self) -> bool:
        return is_english_text(self.text)


# glossaries of the reports in the corpus (data/<report>.glossary.tsv): words that only make sense for
# one report (its places and projects) live beside it, not in the package
_REPORT_GLOSSARIES: list[Path] = []
# the reports a question is being answered from (glossary_scope); None: every report's glossary applies
_GLOSSARY_SCOPE: ContextVar[frozenset[str] | None] = ContextVar("glossary_scope", default=None)


def register_glossaries(paths) -> None:
    """Add report glossaries (the retriever registers those of its corpus); the key caches start anew."""
    new = sorted({*_REPORT_GLOSSARIES, *(Path(p) for p in paths)})
    if new != _REPORT_GLOSSARIES:
        _REPORT_GLOSSARIES[:] = new
        for cached in (_glossaries_in, _synonyms, _sorted_keys_of, _chinese_keys_of, _keys_by_first_word_of,
                       _expansions_of, _report_wordings_of):
            cached.cache_clear()


@contextmanager
def glossary_scope(report_ids: Iterable[str]) -> Iterator[None]:
    """Within the block, a report's own glossary expands questions only when the report is among these: a question
    about another city's bridge is not read with Guangyuan's 嘉陵江大桥 (glossary.scoped)."""
    token = _GLOSSARY_SCOPE.set(frozenset(report_ids) if on("glossary.scoped") else None)
    try:
        yield
    finally:
        _GLOSSARY_SCOPE.reset(token)


def _active_glossaries() -> tuple[Path, ...]:
    return _glossaries_in(_GLOSSARY_SCOPE.get())      # on the hot path (term_present): cached by scope


@lru_cache(maxsize=64)
def _glossaries_in(scope: frozenset[str] | None) -> tuple[Path, ...]:
    return tuple(p for p in _REPORT_GLOSSARIES if scope is None or p.name.removesuffix(GLOSSARY_SUFFIX) in scope)


def synonyms() -> dict[str, list[str]]:
    """Glossary key → the report's wordings: the package's general vocabulary, then the glossaries of the
    reports in scope (all of the corpus's outside a glossary_scope)."""
    return _synonyms(_active_glossaries())


@lru_cache(maxsize=16)
def _synonyms(glossaries: tuple[Path, ...]) -> dict[str, list[str]]:
    """English keys are kept singular ("passengers" and "passenger" are one key), as English questions are folded
    before matching."""
    table: dict[str, list[str]] = {}
    lines = SYNONYMS_FILE.read_text(encoding="utf-8").splitlines()
    for path in glossaries:
        lines += path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    for line in lines:
        if not line.strip() or line.startswith("#") or "\t" not in line:
            continue
        key, values = line.split("\t", 1)
        key = _fold_english(key.strip().lower())
        table[key] = list(dict.fromkeys(table.get(key, []) + [v for v in values.strip().split("|") if v]))
    return table


_ENGLISH_WORD = re.compile(r"[a-z][a-z'\u2019]*[a-z]")


# everyday English words folded onto the one a glossary key uses ("dilapidated homes" is a
# "dilapidated house", "seats for pupils" a "student place"), in keys and questions alike
_SAME_WORD = {w: group.split()[0] for group in """
house home dwelling residence
student pupil schoolchild
place seat spot slot
child kid youngster
elderly aged senior
village hamlet
town township
firm company business enterprise
build construct erect
renovate refurbish retrofit upgrade revamp remodel rebuild
dilapidated rundown decrepit unsafe crumbling derelict
road highway
hospital clinic
job employment
farmer peasant grower
tourist visitor traveller traveler
factory plant
income earning
subsidy allowance grant
fee charge
target goal
""".strip().splitlines() for w in group.split()}


def _fold_english(text_lower: str) -> str:
    """English words singular ("rural roads" → "rural road", "city's" → "city") and everyday words
    folded together (_SAME_WORD); the rest untouched."""
    return _ENGLISH_WORD.sub(lambda m: _SAME_WORD.get(fold(m.group()), fold(m.group())), text_lower)


def glossary_key_words() -> dict[str, frozenset[str]]:
    """Each English word of a glossary key in force → the report wordings of the keys holding it."""
    return _word_wordings_of(_active_glossaries())


@lru_cache(maxsize=16)
def _word_wordings_of(glossaries: tuple[Path, ...]) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for key, alts in _synonyms(glossaries).items():
        if key.isascii():
            for w in _ENGLISH_WORD.findall(key):
                out.setdefault(w, set()).update(alts)
    return {w: frozenset(a) for w, a in out.items()}


def expansions(question: str) -> list[list[str]]:
    """For each abbreviation / English term the question mentions, the report's alternatives.
    Longest key first, and a key inside a longer one already matched does not fire: "财政收入" is
    地方一般公共预算收入, not also 收入 → 人均可支配收入."""
    return [list(vals) for vals in _expansions_of(_glossary_text(question), _active_glossaries())]


def _glossary_text(question: str) -> str:
    """The question as glossary keys are matched in it: lower-case, asides after their phrase, English words folded."""
    low = spoken_indicators(question.lower())
    if on("english.parenthetical"):
        # "general (non-essential) spending": an aside in brackets is read after the phrase it interrupts
        asides = _ASIDE.findall(low)
        low = _ASIDE.sub("", low) + "".join(f" {a}" for a in asides) if asides else low
    if on("english.quoted_words"):
        low = _QUOTED_WORD.sub(r"\1", low)     # "the three 'staple' farm sectors": one word in quotes is the word
    folded = _fold_english(low)
    if on("english.british_spelling"):
        folded = _american_spelling(folded, _active_glossaries())
    return folded


@lru_cache(maxsize=16)
def _key_words_of(glossaries: tuple[Path, ...]) -> frozenset[str]:
    return frozenset(w for key in _synonyms(glossaries) if key.isascii() for w in _ENGLISH_WORD.findall(key))


def _american_spelling(folded: str, glossaries: tuple[Path, ...]) -> str:
    """A question word spelt the British way ("specialised and sophisticated" firms) is read in the American spelling a
    glossary key holds ("specialized and sophisticated" → 专精特新); a word whose American spelling is no key word is
    left as written (english.british_spelling)."""
    vocabulary = _key_words_of(glossaries)

    def american(m: re.Match) -> str:
        word = m.group()
        if len(word) <= 5:          # four, hour, your: no British spelling
            return word
        for pattern, spelling in BRITISH_INFLECTED:
            other = pattern.sub(spelling, word)
            if other != word and other in vocabulary:
                return other
        return word
    return _ENGLISH_WORD.sub(american, folded)


# one English word in quotation marks (a phrase in quotes is a name the report may use as such)
_QUOTED_WORD = re.compile(r"(?<![a-z])[\"“‘'](\w+)[\"”’'](?![a-z])")


_ASIDE = re.compile(r"\s*\(([^()]{1,40})\)")


def _key_pattern(key: str) -> re.Pattern:
    """A Chinese key as written; an English one as whole words, where one more word may stand
    between two of a phrase's words ("aging urban housing estates" is an "aging housing estate")."""
    if not key.isascii():
        return re.compile(re.escape(key))
    gap = r"(?:[\s-]+[a-z0-9'\u2019]+)?[\s-]+"
    words = key.split()
    body = gap.join(map(re.escape, words))
    if len(words) == 2:        # "student place" is also a "place for (a) student"
        body = f"(?:{body}|{re.escape(words[1])}\\s+(?:of|for|in)\\s+(?:the\\s+|a\\s+)?{re.escape(words[0])})"
    return re.compile(r"(?<![a-z0-9])" + body + r"(?![a-z0-9])")


@lru_cache(maxsize=16)
def _sorted_keys_of(glossaries: tuple[Path, ...]) -> tuple[tuple[str, tuple[str, ...], re.Pattern], ...]:
    return tuple((key, tuple(key.split()) if key.isascii() else (key,), _key_pattern(key))
                 for key in sorted(_synonyms(glossaries), key=len, reverse=True))


@lru_cache(maxsize=16)
def _chinese_keys_of(glossaries: tuple[Path, ...]) -> tuple[str, ...]:
    return tuple(key for key, _, _ in _sorted_keys_of(glossaries) if not key.isascii())     # longest first


_TOKEN = re.compile(r"[a-z0-9&'\u2019.+-]+")


@lru_cache(maxsize=16)
def _keys_by_first_word_of(glossaries: tuple[Path, ...]) -> tuple[dict[str, list[int]], list[int]]:
    """English keys by their first word, and the positions of the Chinese keys (a question's words
    pick the few English keys worth a regex: ~900 keys, ~0.1 ms a question instead of ~2 ms)."""
    english: dict[str, list[int]] = {}
    chinese = []
    for i, (key, parts, _) in enumerate(_sorted_keys_of(glossaries)):
        if key.isascii():
            english.setdefault(parts[0], []).append(i)
        else:
            chinese.append(i)
    return english, chinese


def _question_words(low: str) -> set[str]:
    words = set()
    for token in _TOKEN.findall(low):
        token = token.strip(".'\u2019-")
        words.add(token)
        words.update(token.split("-"))
    return words


@lru_cache(maxsize=4096)
def _expansions_of(low: str, glossaries: tuple[Path, ...]) -> tuple[tuple[str, ...], ...]:
    keys = _sorted_keys_of(glossaries)
    english, chinese = _keys_by_first_word_of(glossaries)
    table = _synonyms(glossaries)
    candidates = [i for w in _question_words(low) for i in english.get(w, ())]
    candidates = sorted(candidates + [i for i in chinese if keys[i][0] in low])
    taken = [False] * len(low)
    found: list[tuple[int, tuple[str, ...]]] = []
    for key, parts, pattern in (keys[i] for i in candidates):
        if not all(p in low for p in parts):
            continue
        spans = [m.span() for m in pattern.finditer(low)]
        free = [(a, b) for a, b in spans if not any(taken[a:b])]
        if not free:
            continue
        for a, b in free:
            taken[a:b] = [True] * (b - a)
        found.append((free[0][0], tuple(table[key])))
    return tuple(vals for _, vals in sorted(found, key=lambda f: f[0]))


def expand(question: str) -> str:
    groups = expansions(question)
    if is_english_text(question):       # "city", "target", "economy" frame an English question
        groups = [g for g in groups if "|".join(g).lower() not in _ENGLISH_GENERIC]
    extra = [v for vals in groups for v in vals]
    return question + (" " + " ".join(dict.fromkeys(extra)) if extra else "")


def _dictionary_groups(text: str, english: Dictionary | None) -> list[str]:
    """Groups of report words for an English text's words the glossary does not cover."""
    if english is None or not is_english_text(text):
        return []
    have = {"|".join(g).lower() for g in expansions(text)}
    return [g for g in english.groups(text) if g.lower() not in have]


# the asker speaking of themselves or of the days they live in: "我家", "娃儿", "最近", "I'm moving", "my kids"
_ASKER_ZH = re.compile(r"我|俺|咱家|娃|孩子|最近")
# "我看报告里说争取到了…": a lead telling what the asker read or heard tells the subject, not the asker's story
_REPORTED = re.compile(r"说|提到|讲到|写着|报告|看到|听到")
_ASKER_EN = re.compile(r"\b(?:i|i'm|i've|i'd|my|me|we|we're|our|us)\b")
_ASKING_ZH = re.compile(r"多少|几|什么|啥|哪|吗|呢|怎么|咋|如何|是否|有没有")
_EN_ASK_AFTER = re.compile(r"(?:\s[-–—]+\s*|[:;,]\s*|\.\s+)(?=(?:so\s+|and\s+|but\s+)?(?:what|how|which|when|where|who|"
                           r"is|are|was|were|did|does|do|will|can|could)\b)")


def asked_after_context(question: str) -> str:
    """The question less a lead telling the asker's own story ("我家孩子明年上学，", "Moving there next year and I love the
    outdoors - "): the clauses before the first asking one, when they speak of the asker; the whole question else."""
    if is_english_text(question):
        m = _EN_ASK_AFTER.search(question)
        return question[m.end():] if m and _ASKER_EN.search(question[:m.start()].lower()) else question
    clauses = re.split(r"(?<=[，,；;：:])", question)
    first = next((i for i, c in enumerate(clauses) if _ASKING_ZH.search(c)), 0)
    lead = "".join(clauses[:first])
    return "".join(clauses[first:]) if first and _ASKER_ZH.search(lead) and not _REPORTED.search(lead) else question


def understand(question: str, english: Dictionary | None = None,
               term_share: Callable[[str], float] | None = None) -> QueryIntent:
    """What the question asks. `english` maps an English question's words to the report's (the
    retriever passes its index's CC-CEDICT mapping); without it only the glossary is used."""
    q = question.strip()
    low = q.lower()
    if on("terms.colloquial_what"):
        low = low.replace("啥", "什么")          # "具体指的是啥": 啥 is the spoken 什么
    # "Moving there next year and I love the outdoors - what share…", "娃儿明年上学，今年…几所": a time in the asker's own
    # story before the ask does not date the ask (time.asker_context)
    timed = asked_after_context(q) if on("time.asker_context") else q
    tlow = timed.lower().replace("啥", "什么") if on("terms.colloquial_what") else timed.lower()
    years = _EXPLICIT_YEAR.findall(timed)
    year = years[0] if len(set(years)) == 1 else None
    based = False
    # "Does the city expect output to grow faster or slower in 2024 than in 2023?", "Is the 2024 target higher than last
    # year's actual growth?": a comparative asked yes or no sets two times side by side; the time after "than" is the
    # other side asked, no base a change is measured from (compare.english_choice)
    choice = bool(_EN_CHOICE.search(tlow)) and not re.search(r"\bhow (?:much|many)\b|\bby (?:how much|what)\b", tlow) \
        and on("compare.english_choice")
    if years and on("year.base_year") and not choice:
        # "2024年…产值达到多少？是2020年的几倍？", "与2020年相比…到“十四五”末增长了多少": a year a figure is measured
        # against is not the year asked
        asked = _EXPLICIT_YEAR.findall(_BASE_YEAR.sub(" ", timed))
        if len(asked) < len(years):
            years, based = asked, True
            year = years[0] if len(set(years)) == 1 else None
    relative = None
    strong = bool(year)
    review_strong = any(w in tlow for w in _REVIEW_WORDS[:7])
    plan_strong = any(w in tlow for w in _PLAN_WORDS[:6])
    if review_strong and not plan_strong:
        relative, strong = "review", True
    elif plan_strong and not review_strong:
        relative, strong = "plan", True
    elif not year and not (review_strong or plan_strong):
        review_soft = any(w in tlow for w in _REVIEW_WORDS[7:]) or bool(
            on("time.english_past_when") and re.search(r"\bwhen (?:did|was|were)\b", tlow))    # what happened, and when
        plan_soft = any(w in tlow for w in _PLAN_WORDS[6:])
        if is_english_text(q) and on("time.english_tense"):
            # "How many … does the city hope to complete?", "What will the fund be?": the plan; "How many … were built?"
            # the year reviewed
            plan_soft = plan_soft or bool(_EN_FUTURE.search(tlow)) or bool(
                _EN_DUE.search(tlow) and on("scope.english_should"))       # "How many projects should break ground"
            review_soft = review_soft or bool(_EN_PAST.search(tlow))
        if review_soft != plan_soft:
            relative = "review" if review_soft else "plan"
            # "How many projects will break ground during the year?": the future tense alone dates an English question as
            # surely as "this year" does (time.english_future_strong)
            strong = plan_soft and is_english_text(q) and on("time.english_future_strong") and bool(
                _EN_FUTURE.search(tlow) or (_EN_DUE.search(tlow) and on("scope.english_should")))
    kind: QuestionKind
    in_english = is_english_text(q) if on("english.named_in_chinese") else q.isascii()    # "What was 梓岩州's …"
    # "2023年末…？贷款增速与存款增速相比如何": one year named and no other time: two things of that year compared
    one_year_only = bool(year) and not (review_strong or plan_strong or any(w in low for w in _REVIEW_WORDS[7:] + _PLAN_WORDS[6:]))
    generic = any(w in low for w in _COMPARE) and not (one_year_only and on("compare.two_times")
                                                        and not any(w in low for w in _COMPARE_TIMES)) \
        and not (based and not years and not review_strong and not plan_strong)
    if generic and on("compare.sides_no_time") and not years and not (review_strong or plan_strong) \
            and not any(w in low for w in _REVIEW_WORDS[7:] + _PLAN_WORDS[6:] + _COMPARE_TIMES):
        # "How much was the allowance raised for urban residents versus rural ones?", "增速与全省相比": a comparison
        # naming no time at all sets two things of one time side by side, not the review beside the plan
        generic = False
    two_times = choice and (len(set(years)) > 1 or (bool(years) and any(w in low for w in _REVIEW_WORDS[:7] + _PLAN_WORDS[:6])))
    if choice and not two_times and on("compare.choice_plan_than_review"):
        # "Will more old compounds be renovated this year than last?", "Is the city expecting revenue to grow faster or
        # slower than last year?": the plan's side asked (this year, a target, the future tense) against the review's
        # after "than"
        than = _EN_THAN_REVIEW.search(low)
        head = low[:than.start()] if than else ""
        two_times = bool(than) and (any(w in head for w in _PLAN_WORDS[:6] + _PLAN_WORDS[-4:])
                                    or bool(_EN_FUTURE.search(head)) or bool(re.search(r"\bexpect", head)))
    if in_english and _EN_STACK_UP.search(low) and (len(set(years)) > 1 or bool(year) or review_strong or plan_strong) \
            and on("compare.english_stack_up"):
        generic = True      # "How does the 2024 goal … stack up against last year's actual figure?": two times side by side
    if in_english and _EN_RISE_FROM.search(low) and (plan_strong or bool(_EN_FUTURE.search(low)) or bool(
            re.search(r"\bsupposed to\b|\baims? to\b|\btarget", low))) and on("compare.english_rise_from"):
        generic = True
    if generic or two_times or _COMPARE_VERB.search(q) or (review_strong and plan_strong) or len(set(years)) > 1 \
            or (year and (review_strong or plan_strong) and _times_apart(low) and on("compare.year_and_other_time")):
        kind = "compare"
        relative, year, strong = None, None, False
    elif in_english and english_asks_rank(q):
        kind = "number"            # "Where did the city rank in the province for …?": a rank, a figure
    elif (in_english and asks_measure_target(low)) or (in_english and _EN_PER_UNIT.search(low) and _EN_WHAT_IS.match(low)
                                                       and on("kind.english_per_unit")):
        kind = "number"            # "What sales target has the city set for …": a measure's target is a figure
    elif in_english and ((_EN_NAMED_COUNT.match(low) and on("kind.english_counted_names"))
                         or (_EN_NAME_THE_N.match(low) and on("list.english_name_the_n"))):
        kind = "list"              # "What are the three major investment-attraction campaigns…": names, no money
    elif in_english and ((re.search(r"\b(how much|how many|population|rate|percent\w*|growth|grow|yuan|rmb|dollars?|"
                                 + (r"average|" if on("number.average_asked") else "") +
                                 r"investment|cost|value|revenue|budget|funding|funds|share|proportion|number of|"
                                 r"total|amount|volume|income|capacity|length"
                                 + (r"|balance|outstanding" if on("kind.english_balance") else "") + r")\b",
                                 investment_work(low)) and (
            english_asks_quantity(q) or not on("english.frame_kind")))
            or (english_asks_output(low) and not _LIST_RE.search(q)
                and not any(w in low for w in _LIST))):      # "Guangyuan tea output 2023?": a figure
        kind = "number"            # "what is the population" asks for a figure, not a definition
    elif any(w in low for w in _DEFINE):
        kind = "definition"
    elif (any(w in low for w in _LIST) or _LIST_RE.search(_POINTS_ASKED.sub("", q) if on("kind.points_asked") else q)
          or (_WHICH_DIGITS.search(q) and on("kind.which_digits"))
          or (_EN_KINDS_OF.match(low) and on("kind.english_kinds_of"))
          or (_NAMES_OF_COUNTED.search(q) and on("kind.names_of_counted"))) \
            and not (_COUNT_ASKED.search(q) and not any(w in low for w in _LIST) and on("kind.count_not_list")) \
            and not (_COUNT_AFTER_VERB.search(q) and not any(w in low for w in _LIST) and on("kind.count_after_verb")):
        kind = "list"
    elif any(w in low for w in _NUMERIC):
        kind = "number"
    else:
        kind = "other"
    dictionary = _dictionary_groups(q, english)
    groups = ["|".join(g) for g in expansions(q)] + dictionary
    keyword_text = expand(q) + "".join(" " + g.replace("|", " ") for g in dictionary)
    if in_english and _bare_growth(low) and not _CJK_RUN.search(q) \
            and not [g for g in groups if g.lower() not in _ENGLISH_GENERIC and not set(g.split("|")) <= PLACE_NAMES]:
        groups.append("地区生产总值")        # "the 2024 growth target": the economy's growth (as content_terms reads it)
        keyword_text += " 地区生产总值"
    return QueryIntent(text=q, keyword_text=keyword_text, year=year, relative=relative, strong_time=strong,
                       kind=kind, expansions=tuple(groups), english=english,
                       familiarity=english.known_share(q) if english is not None and is_english_text(q) else 1.0,
                       term_share=term_share)


def names_horizon(intent: QueryIntent, text: str, doc_year: int | None) -> bool:
    """The text names outright a year the question asks that lies past the next report's ("到2030年" in a 2026
    report's targets): a horizon the report's long-term targets speak to (year.horizon)."""
    return bool(intent.year and doc_year and int(intent.year) >= doc_year + 2 and f"{intent.year}年" in text
                and on("year.horizon"))


def scope_matches(intent: QueryIntent, year_scope: str, doc_year: int | None) -> bool | None:
    """True/False when the question's time and the chunk's year scope agree/disagree; None if unknown."""
    if not year_scope:
        return None
    if intent.year:
        return year_scope == intent.year
    if intent.relative and doc_year:
        want = str(doc_year - 1) if intent.relative == "review" else str(doc_year)
        return year_scope == want
    return None


# words that say what is asked but not about what; they must not count as support
GENERIC_TERMS = set(("增长 目标 多少 今年 去年 明年 全市 年 情况 怎么样 方面 工作 主要 "
                     "哪些 什么 实现 达到 计划 提出 规划 政府 报告 一下 我们 是否 有没有 会 能 要 多 几 "
                     "具体 分别 一共 总共 大概 左右 以上 现在 目前 打算 准备 怎样 如何 哪个 哪几 "
                     "预期 预计 "
                     "要求 重点 有哪 提到 关于 方面 多大 规模 期间 一年 今年的 去年的 之类 这样 那些 什么样 有关 哪几 几项 几点 "
                     "几个 是哪 指什么 什么意思 意思 没有 有没有 定了 定没定 "
                     # time words say which year (rag.query.understand), not what about
                     "过去 过去一年 新的一年 上一年 这一年 那一年 这些 那些 东西 地方 一些 有些 "
                     "前年 上年 本年 当年 同比 "
                     "说法 不同 区别 变化 两个 提法 表述 "
                     # spoken emphasis ("到底涨了多少", "究竟有几个"): how it is asked, not what about
                     "到底 究竟 "
                     # who is spoken of in a spoken question ("大家买东西花的钱"): everyone, no topic
                     "大家").split())
_YEAR_WORD = re.compile(r"(?:19|20)\d\d年?")
# a comparison's verb, the count of things and a plan period's name (with jieba's pieces of it) frame the question: the
# period is its time (rag.answer.number's period rules), not what it is about
_FRAME_WORDS = frozenset({"相比", "相较", "对比", "数量", "十三五", "十四五", "十五五", "十四", "十五", "十三", "四五", "五五", "三五"})
_POINTING = re.compile(r"[\u4e00-\u9fff]*[哪啥][\u4e00-\u9fff]*|[那这][个口座条家所项位只件批块片台部种类]|[\u4e00-\u9fff]是")
_PER_UNIT = frozenset({"每月", "每年", "每天", "每日", "每周", "每人", "每户", "每季度"})
# "万吨", "亿元", "万人" say what kind of figure is wanted, not what it is about: a sentence about tea
# output in 万吨 must not count as covering a question about grain output in 万吨
_UNIT_WORD = re.compile(r"[万亿千百]*(吨|元|人|人次|亩|公里|千瓦|立方米|平方米|户|家|个|头|株|所|项)")
# glossary groups that English questions use as framing ("target", "plan"), not as the topic
_ENGLISH_GENERIC = {"目标|力争", "目标", "政府", "城市|中心城区", "经济", "产业|工业", "工业"}


# "多少套保租房": jieba glues the measure word to the noun ("套保"); it says how to count, not what
_ASKED_MEASURE = re.compile(r"(多少|几)[万亿千百]*[个家所座项人户亩吨头台辆次条批名位件场届天倍张株只处栋间套种类元支艘年]")

# "涨了百分之几", "提高几个百分点", "占几成": the asking phrase of a percent, no topic (terms.percent_asked)
_ASKED_PERCENT = re.compile(r"百分之(?:几|多少)十?|(?:几|多少)个?百分点|几成")

# "提前多长时间", "推了多大面积", "在全省排第几", "建到什么程度": the asking phrase says what is asked (a time, an
# area, a rank, a status), not what about; the figure's unit is read from the question itself (figures.expected_unit)
_ASKED_SIZE = re.compile(r"多(?:长|久|大|高|远|宽|深|重)(?:时间|面积)|多久|(?:排在?|居)?第几(?:位|名)?|"
                         # "建到什么程度", "进展如何": a status is asked, of the subject named before
                         r"[建做干办搞修]?到了?什么程度|到哪一步|(?:进展|进度)(?:如何|怎么样|怎样|情况)")


_SPOKEN_RANK = re.compile(r"(排|排名|排在|算|是)老几")
_TYPOGRAPHY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
                             "\u00a0": " ", "\u2026": "..."})
_FULL_WIDTH = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F) if chr(i - 0xFEE0).isalnum() or chr(i - 0xFEE0) in "%.+-"}


def search_form(question: str) -> str:
    """The question as search reads it: full-width letters and digits made half-width ("ＧＤＰ６．５％" →
    "GDP6.5%"; Chinese punctuation stays), and Traditional characters made Simplified ("增長" → "增长")."""
    from rag.corpus.readers import looks_traditional, to_simplified
    q = question.translate(_FULL_WIDTH)
    if on("english.typography") and is_english_text(q):
        # "Guangyuan’s", "Mianyang–Cangxi", “four revolutions”: an English question typed with typographic
        # quotes and dashes reads as one typed with plain ones
        q = q.translate(_TYPOGRAPHY)
    q = to_simplified(q) if looks_traditional(q) else q
    if on("asks.colloquial_what"):
        q = _COLLOQUIAL_WHAT.sub("什么", q)        # "控在啥水平", "叫啥名字": 啥 is the spoken 什么
    if on("asks.spoken_rank"):
        q = _SPOKEN_RANK.sub(r"\1第几", q)      # "在全省排老几": 老几 is the spoken 第几, a rank
    if on("asks.a_not_a"):
        q = _A_NOT_A.sub(lambda m: "有多少" if m.group(1) == "多" else f"有多{m.group(1)}", q)
    if on("asks.except_named"):
        q = _EXCEPT_NAMED.sub("", q)
    if on("asks.except_spoken"):
        q = _EXCEPT_SPOKEN.sub("", q)
    if on("asks.space_as_comma"):
        q = _CJK_SPACE.sub("，", q)
    if on("asks.split_verb"):
        # "哪年开的工" asks when it 开工, "什么时候开的钻" when it 开钻
        q = _SPLIT_VERB.sub(lambda m: m.group(1) + m.group(2) if m.group(1) + m.group(2) in _SPLIT_EVENTS else m.group(), q)
    return q


# 啥 (and 甚么) are the spoken 什么; 干啥 / 为啥 too ("为啥" is 为什么)
_COLLOQUIAL_WHAT = re.compile(r"啥|甚么")

# a verb and its object split by 的 in a question of the past ("是哪年开的工", "什么时候通的车"): the report's 开工, 通车
_SPLIT_VERB = re.compile(r"(开|动|通|完|竣|挂|投|并|揭|剪)的(工|车|钻|牌|产|网|彩)")
_SPLIT_EVENTS = frozenset("开工 动工 通车 完工 竣工 开钻 挂牌 揭牌 投产 并网 剪彩".split())


def _times_apart(low: str) -> bool:
    """"the target for 2024, and what did it grow last year": a year named in one ask and last or this year in another
    ask two times (compare.year_and_other_time)."""
    # "比上年增长多少", "than last year": the year a change is measured from is no second time asked
    low = re.sub(r"(?:比|较|与|跟|同|\bthan|\bcompared (?:with|to)|\bover)\s*(?:上年|去年|上一年|last year|the previous year)", " ", low)
    parts = re.split(r"[，,？?；;]|\band\b", low)
    with_year = {i for i, p in enumerate(parts) if _EXPLICIT_YEAR.search(p)}
    with_word = {i for i, p in enumerate(parts) if any(w in p for w in _REVIEW_WORDS[:7] + _PLAN_WORDS[:6])}
    return bool(with_year and with_word and not with_year & with_word)


# "今年要新建几所学校 学位加多少": a space typed between Chinese words parts the question as a comma does
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


# "今年除了铝产业，其他重点产业产值…": what is set apart by 除了 is not what is asked (asks.except_named)
_EXCEPT_NAMED = re.compile(r"除了?[^，,。？?！!；;]{1,16}?(?:以外|之外|外)?[，,]")
# "不算粮食仓储那些，…", "不包括…在内，": set apart in spoken words, as 除了 does (asks.except_spoken)
_EXCEPT_SPOKEN = re.compile(r"(?:不算|不包括|不含|刨去|刨除)[^，,。？?！!；;]{1,16}?(?:那些|这些|那块|这块|在内)?[，,]")


# "去玩的人多不多", "规模大不大": the A-not-A question asks how much (有多少, 有多大)
_A_NOT_A = re.compile(r"(多|大|高|长|快|远|重)不\1")


# the corpus's place names (its regions as a question may name them: 广元市, 广元): they say where to
# look, which the question's scope already decides (rag.search.scope), not what about; the retrievers
# register the regions of their index
PLACE_NAMES: set[str] = set()


def register_place_names(names) -> None:
    PLACE_NAMES.update(n for n in names if n)


# "经济一共长了多少", "咱们这儿经济到底涨了多少": the economy growing, in spoken words, is the economy's growth (经济增长, the
# glossary's 地区生产总值); a qualified economy (民营经济, 数字经济) is another thing
_ECONOMY_GREW = re.compile(r"经济(?=[^，,。？?！!]{0,5}?(?:涨|长|增速|增幅))")
_BEFORE_BARE = ("的", "里", "咱们", "我们", "这儿", "这里", "当地", "本市", "我市", "全市", "全省", "全县", "全区",
                "，", ",", "。", "？", "?", " ")


def spoken_indicators(text: str) -> str:
    """The question with the economy's growth said in spoken words written as 经济增长 (terms.economy_grew)."""
    if "经济" not in text or not on("terms.economy_grew"):
        return text
    def bare(m: re.Match) -> str:
        before = text[:m.start()]
        plain = not before or before.endswith(_BEFORE_BARE) or any(
            before.endswith((p, p[:-1] if p[-1] in "市县区省州" else p)) for p in PLACE_NAMES if len(p) >= 2)
        return "经济增长" if plain and not text.startswith(("增长", "增速", "增幅", "总量"), m.end()) else m.group()
    return _ECONOMY_GREW.sub(bare, text)


_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
# "I'm a teacher.", "Data journalist here:", "As a farmer's son,": who asks, no topic of the report
_PERSONA = re.compile(r"^(?:(?:hi|hello|hey)\b.*|(?:i'm|i am|i'm just|we're|we are)\s+(?:a|an)\s+[\w' -]{1,40}|"
                      r"as an?\s+[\w' -]{1,40}|[\w' -]{1,40}\s+here|my (?:home ?town|family|parents|kids?|children|son|"
                      r"daughter|grand\w+|village|home)\b[^?]*)$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!:,])\s+")
# "I'm a student - is '三心融合' about …": a lead saying only who asks, set off by a dash, ends as a sentence does
# (english.persona_dash); "I'm a tourist who likes sport - …" and "My daughter sits the gaokao - …" tell the topic too
_DASH_LEAD = re.compile(r"^([^-\u2013\u2014?]{3,60}?)\s+[-\u2013\u2014]+\s*")
_BARE_PERSONA = re.compile(r"^(?:i'm|i am|we're|we are|as)\s+(?:a|an)\s+(?:(?!who\b|that\b|and\b|with\b|in\b|from\b|of\b)"
                           r"[a-z'-]+\s*){1,3}$", re.IGNORECASE)


# growth said of the place or of the year itself: "the 2024 growth target", "the growth the city achieved", "how fast did
# it grow", "the city's growth rate"
_EN_BARE_GROWTH = re.compile(r"\b(?:the|its|overall|annual|economic|\d{4}|year's|city's) growth (?:target|goal|rate|"
                             r"figure|forecast|the|it|that|of the (?:city|economy)|in \d{4}|last|this|next)\b|"
                             r"\b(?:city|it|economy) (?:grow|grew|expand|expanded)\b")
# "…, and how fast did each grow": growth of several subjects named before, no economy's growth
_EN_DISTRIBUTIVE = re.compile(r"\b(?:each|both|either|respectively|every)\b")


def _bare_growth(low: str) -> bool:
    """An English question asking growth with nothing else to say of what (english.bare_growth)."""
    return bool(_EN_BARE_GROWTH.search(low)) and not _EN_DISTRIBUTIVE.search(low) and on("english.bare_growth")


_EN_EXCEPT = re.compile(r"\b(?:apart from|aside from|except(?: for)?|besides|other than|excluding|leaving aside)\s+"
                        r"(?:the\s+)?[\w' -]{1,40}?(?=,|;|\?|$)", re.I)
_EN_BIG_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*(trillion|billion|million)\b", re.I)
_IN_REPORT_UNITS = {"trillion": (1, "万亿"), "billion": (10, "亿"), "million": (100, "万")}


def report_figures(text: str) -> list[str]:
    """The figures an English question names, as a Chinese report writes them ("42.5 billion yuan" → 425亿,
    "1.3 trillion" → 1.3万亿): a figure the question quotes is a word of the sentence it means (english.question_figure)."""
    out = []
    for m in _EN_BIG_NUMBER.finditer(text):
        times, unit = _IN_REPORT_UNITS[m.group(2).lower()]
        out.append(f"{round(float(m.group(1)) * times, 6):g}{unit}")
    return out


_STORY_SENTENCE = re.compile(r"\b(?:i|i'm|i've|my|we|we're|our)\b")


def asked_after_story(question: str) -> str:
    """An English question without the sentences before it in which the asker tells of themselves ("I drive trucks
    between Guangyuan and Chongqing. By how much did cargo … grow?" → the last sentence): a place in that story is where
    the asker goes, not what is asked of (scope.place_in_story)."""
    if not is_english_text(question):
        return question
    pieces = re.split(r"(?<=[.!])\s+", question.strip())
    start = 0
    while start < len(pieces) - 1 and _STORY_SENTENCE.search(pieces[start].lower()) and not pieces[start].rstrip().endswith("?"):
        start += 1
    return " ".join(pieces[start:])


def asked_part(question: str) -> str:
    """An English question without the sentences before it that say who asks ("I'm a teacher. How many
    schools…" → "How many schools…"): the asker is no topic of the report (english.persona)."""
    q = question.strip()
    dash = _DASH_LEAD.match(q) if on("english.persona_dash") else None
    if dash and _BARE_PERSONA.match(dash.group(1)):
        q = q[dash.end():]          # "I'm a student - is '三心融合' …": only who asks stands before the dash
    pieces = _SENTENCE_END.split(q)
    start = 0
    while start < len(pieces) - 1 and _PERSONA.match(pieces[start].rstrip(".!:, ")):
        start += 1
    return " ".join(pieces[start:])


def content_terms(text: str, english: Dictionary | None = None) -> list[str]:
    """The words that say what the question is about (`_content_terms`); a question naming the urban and the rural side
    both ("in towns and in villages", 城镇和农村) finds them in 城乡 too ("城乡居民最低生活保障分别上调60元、53元")
    (terms.urban_rural)."""
    terms = _content_terms(text, english)
    sides = {_side(t) for t in terms}
    if {"urban", "rural"} <= sides and on("terms.urban_rural"):
        return [f"{t}|城乡" if _side(t) and "城乡" not in t.split("|") else t for t in terms]
    return terms


# two words sharing a tail of two or more characters (主干道次干道), or of one when a joining word stands between (中学和小学);
# no function character heads or ends them (吃的喝的, 年多了多)
_HEAD = r"[^\W\d_的了多少几是在有和与及跟也都还就又把被]"        # a character that may head a word: no function character
_TAIL = r"[^\W\d_的了多少几是在有]"
_JOIN = r"(?:和|与|及|、|跟|以及)"
_PAIRED_HEADS = re.compile(rf"(?P<a>{_HEAD})(?P<tail>{_TAIL}{{2,3}}){_JOIN}?(?P<b>{_HEAD})(?P=tail)|"
                           rf"(?P<a1>{_HEAD})(?P<tail1>{_TAIL}){_JOIN}(?P<b1>{_HEAD})(?P=tail1)")


def _content_terms(text: str, english: Dictionary | None = None) -> list[str]:
    """The words that say what the question is about. For an English question these are the
    report's words its terms map to (resources/synonyms.tsv, then `english`), one "a|b" group each."""
    if is_english_text(text):
        if on("english.persona"):
            text = asked_part(text)
        # Chinese written into an English question ('what does "民生提质攻坚" refer to') is the report's own wording
        own = [run for run in _CJK_RUN.findall(text) if run not in PLACE_NAMES] if on("english.chinese_words") else []
        if on("english.question_figure"):
            own += report_figures(text)
        if english is not None:
            own += [s for s in english.numbered_slogans(text) if s not in own]     # "three-centre integration": 三心融合
        if on("english.except_named"):
            text = _EN_EXCEPT.sub(" ", text)      # "Apart from aluminium, which industries…": aluminium is not asked
        # the glossary's words when it knows any (the dictionary's would only dilute them with
        # "designated" → 定点), else the dictionary's
        groups = [g for g in dict.fromkeys("|".join(g).lower() for g in expansions(text))
                  if g not in _ENGLISH_GENERIC and not set(g.split("|")) <= PLACE_NAMES]
        found = own + (groups or [g for g in dict.fromkeys(_dictionary_groups(text, english))
                                  if g not in _ENGLISH_GENERIC and not set(g.split("|")) <= PLACE_NAMES])
        if _EN_CITY_AND_COUNTRY.search(text.lower()) and not any(_side(t) == "urban" for t in found) \
                and on("terms.english_city_side"):
            # "city and countryside incomes": "city" frames most English questions, but beside the rural side it is
            # the urban one (城镇), so the two sides read 城乡 too (terms.urban_rural)
            found.append("城镇|城市")
        if not found and _bare_growth(text.lower()):
            # "Is the 2024 growth target higher than the growth the city achieved?": growth naming no subject is
            # the economy's, the report's first target (地区生产总值增长)
            return ["地区生产总值"]
        return found
    text = spoken_indicators(text)
    text = _ASKED_MEASURE.sub(lambda m: m.group() if on("figures.measure_starts_a_noun") and
                              text[m.end() - 1:m.end() + 1] in NOUNS_OF_A_MEASURE else " ", text)
    if on("terms.question_form"):
        text = _ASKED_SIZE.sub(" ", text)
    if on("terms.percent_asked"):
        text = _ASKED_PERCENT.sub(" ", text)
    # a glossary key is one term however jieba cuts it ("社零涨了多少" → 社零涨): take the keys out first
    keys = []
    if on("terms.paired_heads"):
        # "主干道次干道", "中学和小学": two words sharing their tail are written with their heads joined (主次干道, 中小学)
        for m in list(_PAIRED_HEADS.finditer(text)):
            a, tail, b = (m.group("a"), m.group("tail"), m.group("b")) if m.group("a") else \
                (m.group("a1"), m.group("tail1"), m.group("b1"))
            if a != b and not re.search(r"各|分别", text[m.end():]):     # "存款余额和贷款余额各是多少": each apart
                keys.append(f"{a}{tail}|{b}{tail}|{a}{b}{tail}")
                text = text.replace(m.group(), " ")
    for key in (k for k in _chinese_keys_of(_active_glossaries()) if k in text):
        if key in text and key not in GENERIC_TERMS and key not in PLACE_NAMES:     # not already taken by a longer key
            keys.append(key)
            text = text.replace(key, " ")
    terms = keys + [t for t in keyword_tokens(text, bigrams=False)
                    if t not in GENERIC_TERMS and t not in PLACE_NAMES and len(t) >= 2 and not _UNIT_WORD.fullmatch(t)
                    and not _YEAR_WORD.fullmatch(t)                              # the year is intent, not topic
                    and not t.endswith(("了", "的", "过"))          # "发了", "涨了": a verb's aspect, no topic
                    and not (t in _PER_UNIT and on("terms.per_unit"))      # "每人每月": the figure's unit, no topic
                    # "那口万米深井…是哪年开钻的": a question word (哪年), a demonstrative and its measure word (那口), a
                    # word jieba glued to the copula (井是) name no topic (terms.pointing_words)
                    and not (_POINTING.fullmatch(t) and on("terms.pointing_words"))
                    and not (t in _FRAME_WORDS and on("terms.frame_words"))    # "与2020年相比…数量到“十四五”末"
                    and not (on("terms.question_form") and is_function_word(t))    # "那个", "并且", "以外"
                    # "学位加多少": jieba's "加多" / "加多少" hold the asking word, no topic (terms.asking_word)
                    and not (on("terms.asking_word") and ("多少" in t or (t.endswith("多") and t + "少" in text)))]
    return list(dict.fromkeys(terms))


def report_wordings() -> frozenset[str]:
    """The glossary's values: the report's own wording, which must occur as written."""
    return _report_wordings_of(_active_glossaries())


@lru_cache(maxsize=16)
def _report_wordings_of(glossaries: tuple[Path, ...]) -> frozenset[str]:
    return frozenset(v.lower() for vals in _synonyms(glossaries).values() for v in vals)


# question words the reports never use → the reports' words the embedder holds closest (rag.search.wording),
# learned as questions come; off (for measuring it) inside rag.switches.off("wording")
_WORDINGS: dict[str, tuple[str, ...]] = {}


def register_wording(term: str, words: Iterable[str]) -> None:
    """`term` may be answered by these report words (adds to what other corpora taught)."""
    _WORDINGS[term] = tuple(dict.fromkeys([*_WORDINGS.get(term, ()), *words]))


# "杭州" → "杭广": a place named with a report's region by their first characters joined (terms.joined_place)
_JOINED: dict[str, tuple[str, ...]] = {}


def register_joined(place: str, joined: Iterable[str]) -> None:
    _JOINED[place] = tuple(dict.fromkeys([*_JOINED.get(place, ()), *joined]))


def learned_wording(term: str) -> tuple[str, ...]:
    return _WORDINGS.get(term, ()) if on("wording") else ()


# "新改扩建", "新（改）扩建", "改扩建": verbs contracted before one shared 建 (新建、改建、扩建), each of them said
_CONTRACTED_BUILD = re.compile(r"[新改扩续迁重（）()]{2,}建")


# verbs of a rise and of a fall: the report raises a standard by 上调, the question by 提高 (增加值 is no rise)
_RISE = re.compile(r"增长|提高|提升|上升|上调|上涨|增加(?!值)|涨")
_FALL = re.compile(r"下降|降低|减少|压减|缩减|下调|压降")


# a wording of one side, urban or rural ("农村居民人均可支配收入"), which the reports give both of as 城乡居民…分别
_ONE_SIDE = re.compile(r"(?:农村|城镇|城市)(居民.{2,})")


def term_present(term: str, text_lower: str) -> bool:
    """A question term is present when it, one of its synonyms (the glossary's or learned ones), or
    most of its bigrams occur."""
    if "|" in term:
        return any(alt and alt in text_lower for alt in term.split("|"))
    if term in text_lower:
        return True
    if on("terms.rise_fall_verbs"):
        for verbs in (_RISE, _FALL):
            if verbs.fullmatch(term) and verbs.search(text_lower):
                return True         # "低保标准提高了多少" is answered by "最低生活保障分别上调60元、53元"
    if len(term) == 2 and term[1] == "建" and on("terms.contracted_verbs") and any(
            term[0] in m.group() for m in _CONTRACTED_BUILD.finditer(text_lower)):
        return True
    if any(alt.lower() in text_lower for alt in synonyms().get(term, ())):
        return True
    if on("terms.one_side_in_both") and any(
            (m := _ONE_SIDE.match(alt)) and "城乡" + m.group(1) in text_lower for alt in synonyms().get(term, ())):
        return True         # 农民收入 (农村居民人均可支配收入) in "城乡居民人均可支配收入分别增长4.3%、7.2%"
    if any(alt in text_lower for alt in learned_wording(term)):
        return True
    if on("terms.joined_place") and any(j in text_lower for j in _JOINED.get(term, ())):
        return True         # "杭州" in "杭广东西部协作"
    if term in report_wordings():     # "地方一般公共预算收入" is not 一般公共预算 + 收入 somewhere else
        return False
    if len(term) >= 3 and not term.isascii():
        grams = [term[i:i + 2] for i in range(len(term) - 1)]
        return sum(g in text_lower for g in grams) * 2 >= len(grams) + 1
    return False


# 城乡 names the urban side and the rural side at once ("城乡居民最低生活保障分别上调60元、53元")
_URBAN = frozenset({"城镇", "城市", "镇", "乡镇"})
_RURAL = frozenset({"农村", "乡村", "村"})


# the urban and the rural side named together in English ("city and countryside", "rural versus urban")
_EN_CITY_AND_COUNTRY = re.compile(r"\b(?:city|cities|town|towns|urban)\s+(?:and|or|versus|vs\.?|&)\s+(?:countryside|rural|"
                                  r"village|villages|country)\b|\b(?:countryside|rural|village|villages)\s+(?:and|or|versus|"
                                  r"vs\.?|&)\s+(?:city|cities|town|towns|urban)\b")


def _side(term: str) -> str:
    alts = set(term.split("|"))
    return "urban" if alts & _URBAN else "rural" if alts & _RURAL else ""


def coverage(terms: list[str], text: str) -> float:
    if not terms:
        return 0.0
    low = text.lower()
    return sum(1 for t in terms if term_present(t, low)) / len(terms)
