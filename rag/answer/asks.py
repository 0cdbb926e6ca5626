"""A question's asks, one per asked figure, each made whole: "A和B的增长目标分别是多少" asks A's 增长目标 and B's.

Chinese asks two things at once by sharing words between them, and each ask is answered alone only when
it gets those words back (rules of question form, not of any one report):
- a time word leading subjects asked together dates each of them: "今年GDP和社零…" → "今年社零…";
- "A和B的C": C is what is asked of both ("固投和规上工业增加值的增长目标");
- "A和B增速": a measure word closing the last subject is shared too, unless A has its own;
- "GDP总量和增速": a subject that is only a measure word measures the first subject;
- "…是多少？增长多少？": an ask naming no subject asks about the previous one;
- "A增长目标是多少，B呢？": "B呢" asks B the previous ask's question.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from rag.answer.cues import _ASKS, _CONJ_SPLIT, _EACH_RE, _SUBQUESTION_SPLIT
from rag.figures import is_english_text
from rag.search.query import content_terms
from rag.store.tokens import words
from rag.switches import on

_TIME_WORD = r"(?:今年|去年|明年|前年|上年|本年|上一年|\d{4}\s*年)(?:度)?"
# a time word leading the question (after at most a place name): "鹤渚今年（2024年）…", not "习总书记去年来…"
_TIME_PREFIX = re.compile(rf"^([^，,？?。]{{0,4}}?{_TIME_WORD}(?:[（(][^）)]*[）)])?)")
_HAS_TIME = re.compile(_TIME_WORD)
# what is measured of a subject
_MEASURE = r"(?:增长目标|预期目标|目标|总量|总额|规模|增速|增幅|增长率|涨幅|降幅|占比|比重)"
_ENDS_WITH_MEASURE = re.compile(rf"(?:增长)?{_MEASURE}+$")
_ONLY_PREDICATE = re.compile(rf"^(?:{_MEASURE}|增长|增加|提高|提升|下降|降低|减少|实际|完成|同比)$")
# where the asking starts: "是多少", "有多少", "多少", "几"
_ASK_WORD = re.compile(r"(?:是|有|为|达到|达)?(?:多少|几)")
# "固投呢？" / "社零怎么样？": the previous ask, of another subject
_ELLIPSIS = re.compile(r"^(?:那|那么)?(.+?)(?:呢|怎么样|如何)[？?]?$")


# "贷款增速与存款增速相比如何": a comparison asked, with a predicate of its own, is no "B呢" of the previous ask
_COMPARES = re.compile(r"相比|相较|比较|对比|高于|低于|快于|慢于")
# "这两块", "这两项", "两者": the subjects named just before, counted
_TOGETHER = re.compile(r"(?:这|那)?(?:两|二|三|几)(?:块|项|个|方面|样|者)(?:的|上)?$|两者$")


# a size asked by an adjective asks as 多少 does: "这条路有多长、总投资多少" is two asks (asks.size_adjective)
_SIZE_ASKED = re.compile(r"多长|多宽|多远|多高|多深|多重|多大")


# "去年碰上了几轮强降雨，有没有人因灾死亡": a yes-no ask after a comma is an ask of its own (asks.yes_no_comma)
_YES_NO_OPENS = re.compile(r"^(?:那|那么|并且|而且|另外)?(?:有没有|是不是|是否|有无|能不能)")


_ENGLISH_YES_NO_SPLIT = re.compile(r",\s*and\s+(?=(?:did|were|was|is|are|has|have|had)\s)", re.I)


def _asks_any(text: str) -> bool:
    return bool(_ASKS.search(text) or (_SIZE_ASKED.search(text) and on("asks.size_adjective")))


class Ask(NamedTuple):
    text: str               # the ask made whole
    follows: bool = False   # it named no subject of its own: it asks about the previous ask's subject


def _english(text: str) -> bool:
    """An English ask, even one naming its region in Chinese (english.named_in_chinese)."""
    return is_english_text(text) if on("english.named_in_chinese") else text.isascii()


def subquestions(question: str) -> list[str]:
    """The text of each ask (`asks`)."""
    return [a.text for a in asks(question)]


def asks(question: str) -> list[Ask]:
    """One question per asked figure: split at "？"/"；"/"，…多少"/"，…呢", and "A、B各有多少" into A and B,
    each completed with the words it shares with the others (the module's rules)."""
    parts = [p.strip() for p in _SUBQUESTION_SPLIT.split(question) if p and len(p.strip()) >= 2]
    if on("asks.english_after") and _english(question):
        # "How many bouts of rain…, and did anyone die?": a yes-no ask after a comma and "and" is an ask of its own
        parts = [q.strip() for p in parts for q in _ENGLISH_YES_NO_SPLIT.split(p) if len(q.strip()) >= 2]
    # "A有多少，涨了多少" is two asks; "A的总额，预期涨多少" is one: a comma splits only between asks
    split = []
    for part in parts:
        pieces = part.split("，")
        acc = pieces[0]
        for piece in pieces[1:]:
            if _asks_any(acc) and (_asks_any(piece) or (_ELLIPSIS.match(piece) and on("asks.completed"))
                                   or (_YES_NO_OPENS.match(piece) and on("asks.yes_no_comma"))):
                split.append(acc)
                acc = piece
            else:
                acc += "，" + piece
        split.append(acc)
    parts = [p for p in split if len(p.strip()) >= 2]
    out: list[str] = []
    for part in parts or [question]:
        pieces = part.split("、")
        if len(pieces) > 1 and all(re.search(r"多少|几", p) or (_SIZE_ASKED.search(p) and on("asks.size_adjective"))
                                   for p in pieces):    # "建多少所学校、增加多少学位", "有多长、总投资多少"
            out += [p.strip() for p in pieces]
            continue
        m = _EACH_RE.match(part)
        if m and not _english(part) and not m.group(2).strip() and on("asks.each_before"):
            # "今年投资和消费这两块，分别打算涨多少": 分别 opens its clause, the subjects stand in the one before
            before = m.group(1).rstrip("，, ")
            cut = max(before.rfind("，"), before.rfind(","))
            clause = _TOGETHER.sub("", before[cut + 1:])
            subjects = [c.strip() for c in _CONJ_SPLIT.split(clause)]
            if 2 <= len(subjects) <= 4 and all(len(c) >= 2 for c in subjects):
                prefix = before[:cut + 1]
                out += [f"{prefix}{c}，{m.group(4)}" for c in _shared(subjects)]
                continue
        subjects = [c.strip() for c in _CONJ_SPLIT.split(m.group(2))] if m and not _english(part) else []
        if m and 2 <= len(subjects) <= 4 and all(len(c) >= 2 for c in subjects):
            out += [f"{m.group(1)}{c}{m.group(4)}" for c in (_shared(subjects) if on("asks.completed") else subjects)]
        else:
            out.append(part)
    if len(out) <= 1:
        return [Ask(question)]
    return _completed(out) if on("asks.completed") else [Ask(t) for t in out]


def _shared(subjects: list[str]) -> list[str]:
    """"今年GDP", "社零的增长目标" → "今年GDP的增长目标", "今年社零的增长目标"."""
    subjects = list(subjects)
    last = subjects[-1]
    if "的" in last and not any("的" in s for s in subjects[:-1]):
        head = last[last.rindex("的"):]
        subjects = [s + head for s in subjects[:-1]] + [last]
    else:
        m = _ENDS_WITH_MEASURE.search(last)
        if m and len(last) > len(m.group()) and not any(_ENDS_WITH_MEASURE.search(s) for s in subjects[:-1]):
            subjects = [s + m.group() for s in subjects[:-1]] + [last]
        elif on("asks.parallel_tail"):
            subjects = [_with_tail(s, last) for s in subjects[:-1]] + [last]
        if on("asks.contrast_tail"):
            # "城市和农村低保各涨了多少": the town side of a town-and-country pair takes the tail of the country side
            subjects = [_contrast_tail(s, last) for s in subjects[:-1]] + [last]
    first = subjects[0]
    bare = _ENDS_WITH_MEASURE.sub("", first)
    subjects = [first] + [bare + s if _ONLY_PREDICATE.match(s) and bare else s for s in subjects[1:]]
    t = _TIME_PREFIX.match(first)
    if t:
        subjects = [first] + [s if _HAS_TIME.search(s) else t.group(1) + s for s in subjects[1:]]
    return subjects


_TOWN = ("城市", "城镇", "城区", "城里", "城")
_COUNTRY = ("农村", "乡村", "乡下", "乡")


def _contrast_tail(subject: str, last: str) -> str:
    """"城市", "农村低保" → "城市低保": one side of a town-and-country pair alone takes what follows the other side."""
    for mine, other in ((_TOWN, _COUNTRY), (_COUNTRY, _TOWN)):
        if subject.endswith(mine) and len(subject) <= 6:     # "去年城市": a time may lead it
            word = next((w for w in other if last.startswith(w)), None)
            if word and len(last) - len(word) >= 2:
                return subject + last[len(word):]
    return subject


def _with_tail(subject: str, last: str) -> str:
    """"城镇常住居民", "农村常住居民人均可支配收入" → "城镇常住居民人均可支配收入": a subject parallel to the opening of the
    last one (sharing its closing words, or a two-character word standing for the last one's first) takes its tail."""
    for n in range(len(subject) - 1, 1, -1):
        at = last.find(subject[-n:])
        if at > 0 and len(last) - at - n >= 2:
            return subject + last[at + n:]
    if len(subject) == 2 and all("\u4e00" <= ch <= "\u9fff" for ch in subject + last[:2]) and len(last) >= 4 \
            and subject not in last and _one_word(subject) and _one_word(last[:2]):
        return subject + last[2:]
    return subject


def _one_word(text: str) -> bool:
    return words(text) == [text]


def _subject(ask: str) -> str:
    """The words of an ask before its asking word, less a closing measure word: "去年GDP总量是多少" → "去年GDP"."""
    m = _ASK_WORD.search(ask)
    before = ask[:m.start()] if m else ask
    return _ENDS_WITH_MEASURE.sub("", before.rstrip("的是有为"))


def _predicate(ask: str) -> str:
    """What an ask asks of its subject: "今年地区生产总值增长目标是多少" → "增长目标是多少"."""
    m = _ASK_WORD.search(ask)
    if not m:
        return "是多少"
    before = ask[:m.start()].rstrip("的")
    head = re.search(rf"(?:(?:增长|下降|提高|增加|减少){_MEASURE}*|{_MEASURE}+)$", before)
    return ask[head.start():] if head else ask[m.start():]


def _names_no_subject(ask: str) -> bool:
    """"增长多少", "比上年增长多少": only a predicate, and the year it is measured against"""
    return all(_ONLY_PREDICATE.match(t) or (re.fullmatch(_TIME_WORD, t) and on("asks.time_only"))
               for t in content_terms(ask))


_EN_POINTS_BACK = re.compile(r"\b(?:it|they|them)\b")
_EN_AGENT_VERB = re.compile(r"\b(?:aim|plan|want|target|expect|hope|intend|seek|set|strive|propose)\w*")


# "…, and what coverage is targeted?": coverage, a measure of a rate, alone (asks.english_measure_wide)
_EN_MEASURE_ONLY_WIDE = re.compile(r"(?:and\s+)?(?:what|which)\s+(?:[a-z-]+\s+)?(?:coverage|penetration|uptake)\s+"
                                   r"(?:is|was|are|will be)?\s*(?:the\s+|its\s+|their\s+)?"
                                   r"(?:goal|target|aim|plan|targeted|planned|expected|aimed for|set|reached|achieved)?\s*[?？]?$")
_EN_MEASURE_ONLY = re.compile(r"(?:and\s+)?(?:what|which)\s+(?:[a-z-]+\s+)?(?:rate|ratio|share|percentage|proportion|level)\s+"
                              r"(?:is|was|are|will be|do they|does it|did it)?\s*(?:the\s+|its\s+|their\s+)?"
                              r"(?:goal|target|aim|plan|targeted|planned|expected|aimed for|set|reached|achieved)?\s*[?？]?$")


def _completed(texts: list[str]) -> list[Ask]:
    """Later asks get back the subject or question they leave to the previous one. (Its time word is not
    copied: on the never-read sets that cost a row, as the ask's own sentence is found without it.)"""
    out = [Ask(texts[0])]
    for text in texts[1:]:
        if _english(text):
            # "…, and how many stations does it have": an ask that points back with a pronoun is about the previous
            # ask's subject (asks.english_pronoun)
            # "…, and what total reserves is it aiming for": who aims or plans is the city, not the thing asked before
            points = bool(_EN_POINTS_BACK.search(text.lower())) and not _EN_AGENT_VERB.search(text.lower())
            # "…, and what coverage rate is the goal?": an ask naming only a measure is about the previous ask's
            # subject too (asks.english_measure_only)
            points = points or (bool(_EN_MEASURE_ONLY.match(text.strip().lower())) and on("asks.english_measure_only")) \
                or (bool(_EN_MEASURE_ONLY_WIDE.match(text.strip().lower())) and on("asks.english_measure_wide"))
            out.append(Ask(text, points and on("asks.english_pronoun")))
            continue
        prev = out[-1].text
        ellipsis = _ELLIPSIS.match(text)
        follows = False
        if ellipsis and not _ASKS.search(text) and not (_COMPARES.search(ellipsis.group(1)) and on("asks.compared_no_ellipsis")):
            subject = ellipsis.group(1)
            # "粮食产量目标呢": a subject with its own measure word asks that measure, in its own unit (asks.own_measure)
            measure = _ENDS_WITH_MEASURE.search(subject)
            own = measure is not None and len(subject) > len(measure.group()) and on("asks.own_measure")
            # "办结率呢": a rate is its own measure, whatever the previous ask counted (asks.rate_own_measure)
            own = own or (len(subject) >= 3 and subject.endswith("率") and on("asks.rate_own_measure"))
            text = subject + ("是多少" if own else _predicate(prev))
        elif _names_no_subject(text) and _subject(prev):
            text, follows = _subject(prev) + text, True
        out.append(Ask(text, follows))
    return out


# "A和B…多少" without 分别: the subjects joined before the asking word (jieba's own 和/与/及 tokens, so 和平 and
# 参与 are no joints)
_JOINT_TOKENS = frozenset({"和", "与", "及", "以及", "、"})
_EN_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*|[^\sA-Za-z0-9]")
# words that end an English noun phrase: the frame, verbs of being and doing, prepositions, articles
_EN_BOUND = frozenset("""
what which how who whom whose when where why much many is are was were be been being do does did will would
shall should can could has have had of for in on at by to from with into over under about during since than
the a an its their this that these those it they there and or per as
""".split())
_EN_CONJ = re.compile(r"\band\b", re.IGNORECASE)


def conjoined(question: str) -> list[Ask]:
    """"A和B…是多少" / "What were A and B in 2023?" without 分别: one ask per subject, or [] when the question
    joins no two subjects. The subjects may still be one thing ("imports and exports"): the answerer keeps
    the split only when each ask finds a figure of its own."""
    if not on("asks.conjoined"):
        return []
    if _english(question):
        return _conjoined_english(question)
    m = _ASK_WORD.search(question)
    if not m:
        return []
    before, rest = question[:m.start()], question[m.start():]
    cut = max(before.rfind("，"), before.rfind(","))
    prefix, clause = before[:cut + 1], before[cut + 1:]
    subjects, acc = [], ""
    for tok in words(clause):
        if tok in _JOINT_TOKENS:
            subjects.append(acc)
            acc = ""
        else:
            acc += tok
    subjects.append(acc)
    if not 2 <= len(subjects) <= 4 or not all(len(s.strip()) >= 2 for s in subjects):
        return []
    return [Ask(f"{prefix}{s}{rest}") for s in _shared([s.strip() for s in subjects])]


def _np_word(token: str) -> bool:
    return token[0].isalnum() and token.lower() not in _EN_BOUND


def _conjoined_english(question: str) -> list[Ask]:
    """"What were the growth rates of A and B of C in 2023?" → the question without " and B of C", and
    without "A and ": A runs back from "and" to the frame or a preposition, B on to one (through "of …")."""
    found = list(_EN_CONJ.finditer(question))
    if len(found) != 1:
        return []
    at = found[0]
    tokens = list(_EN_TOKEN.finditer(question))
    i = next((k for k, t in enumerate(tokens) if t.start() == at.start()), None)
    if i is None:           # "and" inside a word ("research-and-development")
        return []
    a = i
    while a > 0 and _np_word(tokens[a - 1].group()):
        a -= 1
    b = i + 1
    p = a - 2 if a > 1 and tokens[a - 1].group().lower() in ("the", "its", "their") else a - 1
    if on("asks.english_preposition") and p >= 0 and b < len(tokens) and tokens[b].group().lower() == tokens[p].group().lower() \
            and tokens[b].group().lower() in ("for", "of", "in", "on"):
        b += 1              # "targets for the jobless rate and for inflation": B repeats A's preposition
    if on("asks.english_article") and b < len(tokens) and tokens[b].group().lower() in ("the", "its", "their"):
        b += 1              # "the inflation cap and the jobless-rate target": B has its own article
    start_b = b
    while b < len(tokens):
        word = tokens[b].group().lower()
        if word == "of" and b > start_b and b + 1 < len(tokens) and tokens[b + 1].group().lower() not in _EN_BOUND:
            b += 1          # "retail sales of consumer goods": B goes on through its "of …"
            continue
        if not _np_word(word):
            break
        b += 1
    if a == i or b == start_b:
        return []
    start_a, end_b = tokens[a].start(), tokens[b - 1].end()
    first = question[:at.start()].rstrip() + question[end_b:]
    second = question[:start_a] + question[tokens[start_b].start():]
    return [Ask(first), Ask(second)]


# ---- two subjects compared in one time ("How did exports compare with imports last year?") (compare.two_subjects)

_EN_TIME = r"(?:last year|this year|next year|in (?:19|20)\d\d|(?:19|20)\d\d|at the end of (?:last year|(?:19|20)\d\d))"
_EN_MORE = r"(?:faster|slower|higher|lower|larger|smaller|bigger|quicker)"
_EN_GROWS = r"(?:grow|grew|grown|rise|rose|risen|increase|increased|expand|expanded)"
_EN_VERSUS = (
    # "How did exports compare with imports last year?", "How does A compare with B?"
    re.compile(rf"^how (?:does|did|do|will|would|has|have) (?P<a>.+?) compare (?:with|to|against) (?P<b>.+?)"
               rf"(?:,? (?P<t>{_EN_TIME}))?\s*[?.!]*$", re.I),
    # "Which grew faster last year: passenger traffic at the airport or cargo at the port?"
    re.compile(rf"^which (?:(?P<v>\w+) )?{_EN_MORE}(?: (?P<t>{_EN_TIME}))?\s*[:,]\s*(?P<a>.+?),? or (?P<b>.+?)\s*[?.!]*$", re.I),
    # "Did the private economy grow faster or slower than the overall economy last year?"
    re.compile(rf"^(?:did|does|do|will|was|is|were|are|has|have) (?P<a>.+?) (?:(?P<v>\w+) )?{_EN_MORE}(?: or {_EN_MORE})? "
               rf"than (?P<b>.+?)(?:,? (?P<t>{_EN_TIME}))?\s*[?.!]*$", re.I),
)
# "How large were deposits compared with loans at the end of last year?", "tonnes of tea versus kiwifruit": the
# question's frame, the subject before the comparing words, the other after, the rest of the question shared
_EN_INLINE = re.compile(r"^(?P<frame>(?:how (?:many|much|large|big|fast)|what (?:was|were|is|are))"
                        r"(?: (?:were|was|is|are|did|do|does|the))*)\s+(?P<a>.+?)\s+(?:versus|vs\.?|compared (?:with|to)|"
                        r"as against)\s+(?P<b>.+?)(?P<rest>\s+(?:were|was|is|are|did|do|does|have|has|had|at|in|during|last|"
                        r"this|next)\b.*|\s*[?.!]*)$", re.I)
_EN_VERB = re.compile(r"\b(?:did|do|does|were|was|is|are|have|has|had)\b", re.I)
# what a compared side may not be: another time, or the target, of the same thing ("compare with last year's result")
_EN_TIME_SIDE = re.compile(r"^(?:the |its |their |the city's |guangyuan's )?(?:last|this|next|previous|prior|same|year|"
                           r"target|plan|goal|aim|actual|(?:19|20)\d\d|one|ones|that|those|it|them|rest|average|other|"
                           r"others|national|provincial|province|country|sichuan|china|half|a half|a third|a quarter|"
                           r"\d+(?:\.\d+)?\s*(?:%|percent))\b", re.I)
_EN_BOTH_TIMES = re.compile(r"\b(?:last year|previous year|(?:19|20)\d\d)\b.*\b(?:this year|next year|target|goal|"
                            r"(?:19|20)\d\d)\b|\b(?:this year|target|goal)\b.*\b(?:last year|previous year)\b", re.I)


def compared_subjects(question: str) -> list[str] | None:
    """"How did exports compare with imports last year?" → ["How much were exports last year?", "How much were imports
    last year?"]: two subjects compared at one time are two asks of a figure each; None for a comparison of two times
    ("this year's target against last year's result") or no comparison."""
    q = question.strip()
    if not on("compare.two_subjects") or not _english(q):
        return None
    if _EN_BOTH_TIMES.search(q) or len(set(re.findall(r"(?:19|20)\d\d", q))) > 1:
        return None
    for form in _EN_VERSUS:
        m = form.match(q)
        if m is None:
            continue
        a, b = m.group("a").strip(" ,"), m.group("b").strip(" ,")
        if b.endswith(("'s", "s'")) and re.search(r"(?:'s|s') ", a):
            b = b + " " + re.split(r"(?:'s|s') ", a, maxsplit=1)[1]     # "rural people's incomes … than city people's"
        if " " not in b and "-" in b:
            # "coverage for in-province treatment compare with cross-province": the other side is the first with its
            # one word of difference
            alike = [w for w in a.split() if "-" in w and w.split("-")[-1].lower() == b.split("-")[-1].lower()]
            b = a.replace(alike[0], b) if alike else b
        if _EN_TIME_SIDE.match(b) or _EN_TIME_SIDE.match(a) or len(a) < 3 or len(b) < 3:
            return None
        if re.match(r"what (?:it|they|the city|was|is|were)\b", b, re.I) and on("compare.what_side"):
            return None     # "the goal for this year … than what it actually achieved in 2023": a time's figure, no subject
        when = m.group("t") or ""
        if not when:        # a time said elsewhere in the question ("…last year: A or B") dates both
            said = re.search(_EN_TIME, q, re.I)
            when = said.group() if said else ""
        verb = m.groupdict().get("v") or ""
        if re.fullmatch(_EN_GROWS, verb, re.I):
            return [f"How much did {side} grow {when}".strip() + "?" for side in (a, b)]
        return [f"How much were {side} {when}".strip() + "?" for side in (a, b)]
    m = _EN_INLINE.match(q)
    if m is None:
        return None
    a, b, frame, rest = m.group("a"), m.group("b"), m.group("frame"), m.group("rest")
    if _EN_VERB.search(a) or _EN_VERB.search(b) or _EN_TIME_SIDE.match(b):
        return None
    # "tonnes of tea versus kiwifruit", "targets for urban versus rural residents": the words before the last
    # preposition of the first side are both sides'; the words after the first of the second side are both sides' when
    # the first is one word ("urban versus rural income growth")
    cut = re.search(r"^(.*\b(?:of|for|in|on|at|from|to)) (\S.*)$", a)
    head, a = (cut.group(1) + " ", cut.group(2)) if cut else ("", a)
    if " " not in a and " " in b:
        a = f"{a} {b.split(' ', 1)[1]}"
    return [f"{frame} {head}{side}{rest}" for side in (a, b)]
