"""List and definition questions: whole enumerations, numbered points, and slogans the report never spells out."""
from __future__ import annotations

import re
from dataclasses import replace

from rag.answer.clauses import _clauses
from rag.answer.cues import _FULL_STOP, _LIST_LEADS, _MEANING_RE, _NUMBERED_SLOGAN, ASKING_WORDS
from rag.answer.rules import on
from rag.figures import cn_to_number, is_english_text
from rag.search.query import coverage
from rag.search.sentences import EN_NUMBER_WORDS, Evidence


def _asked_slogans(question: str) -> list[str]:
    """The numbered slogans a question asks to have spelled out (none when it does not ask a meaning)."""
    cue = _MEANING_RE.search(question.lower())
    if not cue and on("slogan.which_two"):
        cue = re.search(r"哪两", question)          # "“双拼双提”是哪两拼哪两提": 哪两 asks the parts as 哪三 does
    if not cue and question.isascii() and on("slogan.english_numbers"):
        cue = _EN_WHAT_IS_QUOTED.search(question)       # "What is the '1345' strategy?" asks its meaning
    if not cue:
        return []
    slogans = _NUMBERED_SLOGAN.findall(question)
    if cue.group() == "哪两" and on("slogan.which_two"):
        slogans += re.findall(r"“([^”]*双[^”]*)”", question)      # 双 counts two: “双拼双提”
    if not slogans and on("slogan.unquoted"):
        slogans = _UNQUOTED_SLOGAN.findall(question)     # "那个三区两带是啥意思": the slogan typed without its quotes
    if on("slogan.plan_period"):
        slogans = [x for x in slogans if not _PLAN_PERIOD.fullmatch(x)]      # “十五五”时期 names a plan period
    if question.isascii() and on("slogan.english_quotes"):      # "What does the '1345' strategy stand for?"
        slogans += _ASCII_QUOTED.findall(question)
    elif on("english.chinese_words") and not _NUMBERED_SLOGAN.search(question):    # 'What does "五未" refer to?'
        slogans += [x for x in _ASCII_QUOTED_ZH.findall(question) if re.search(r"[\u4e00-\u9fff]", x)]
    if on("slogan.asked_one"):
        # "为了“高效办成一件事”，政府提倡的三个“一次”是什么": what is asked to be spelled out stands in the
        # clause of 是什么; a slogan in another clause is its context
        start = max((m.end() for m in re.finditer(r"[，,；;？?。]", question[:cue.start()])), default=0)
        asked = [x for x in slogans if f"“{x}”" in question[start:]]
        slogans = asked or slogans
    return slogans


# numbered words run together: 三区两带, 一核两翼三带, 四个一批 (not 十四五规划: a numeral opens each word)
_UNQUOTED_SLOGAN = re.compile(r"(?:[一二三四五六七八九十两][^\W\d一二三四五六七八九十两零百千万亿是的了和与及在有指]){2,4}")


def _count(slogan: str) -> int:
    """The number a slogan opens with (“三个率先” 3, 六大专项整治行动 6), 0 when none."""
    m = _LEADING_NUMBER.match(slogan.lstrip("“"))
    return _NUMERALS.index(m.group()) if m else 0


def _partial_list(sentence: str, at: int, slogan: str) -> bool:
    """"开展工业源、移动源、扬尘源等六大专项整治行动": the items before 等 are fewer than the slogan counts."""
    n = _count(slogan)
    if not n or sentence[at - 1:at] != "等" or not on("slogan.partial_list"):
        return False
    a = next(a for a, b in _clauses(sentence) if a <= at < b)
    return sentence[a:at - 1].count("、") + 1 < n


def _names_its_items(sentence: str, quoted: str, one_thing: bool, joined: str = "、") -> bool:
    """Whether the clause of `quoted` (“…” in `sentence`, or a counted name as it stands) names what it stands
    for: items joined by 、 outside the quotes ("东部城区、西部城区、北部城区“三片”"), or, for a slogan of one
    thing, the words before it."""
    at = sentence.index(quoted)
    a, b = next((a, b) for a, b in _clauses(sentence) if a <= at < b)
    outside = sentence[a:at] + sentence[at + len(quoted):b]
    end = at + len(quoted)
    if _partial_list(sentence, at, quoted):
        return False
    # "为加快建设“一城三区”、谱写…篇章": a 、 right after the slogan ends it as one item of a list, whose items
    # are not its own ("、“一树一人”常态巡护、" says what it is before the next 、)
    in_a_list = on("slogan.in_a_list") and sentence[end:end + 1] == "、"
    if any(j in outside for j in joined) and not in_a_list:
        return True
    # "做优市主城区“一核”": a slogan of one thing names it just before itself
    return one_thing and on("slogan.asked_one") and at - a >= 4


def _spelled_out(sentence: str, slogan: str, bare: bool = False) -> bool:
    quoted = slogan if bare else f"“{slogan}”"
    if _names_its_items(sentence, quoted, bool(_ONE_THING.fullmatch(slogan))):
        return True
    if not on("slogan.parts"):
        return False
    end = sentence.index(quoted) + len(quoted)
    if re.match(r"[^，。；]{0,6}[：:]", sentence[end:]):
        return True          # "努力实现“三个率先”：率先…，率先…，率先…": the items follow the colon
    if on("slogan.namely") and _NAMELY.match(sentence[end:]):
        return True          # "全面实施“六大攻坚行动”，即产业强链攻坚行动、…": 即 / 是指 names the items
    # "实施“一核两翼、四城共建”发展战略，做强…中心城区“一核”，做优…“两翼”": its parts, each spelled out
    parts = [p for p in re.findall(r"“([^”]+)”", sentence) if p != slogan and len(p) >= 2 and p in slogan]
    return any(_names_its_items(sentence, f"“{p}”", bool(_ONE_THING.fullmatch(p)), joined="、和与及") for p in parts)


def _forms(sentence: str, slogan: str, bare: bool = False) -> list[str]:
    """How a sentence quotes the slogan: as itself, or (slogan.parts) inside a longer one ("一核两翼" in
    “一核两翼、四城共建”). A counted name (`bare`) stands unquoted."""
    if bare:
        return [slogan] if slogan in sentence else []
    if f"“{slogan}”" in sentence:
        return [slogan]
    if not on("slogan.parts"):
        return []
    return [q for q in re.findall(r"“([^”]+)”", sentence) if slogan in q]


def _defined_parts(sentence: str, slogan: str) -> set[str]:
    """The parts of the slogan a sentence defines: "“一圈”是指嵘州都市圈" defines 一圈 of 一圈两廊四区."""
    found = {m.group(1) for m in re.finditer(r"“([^”]+)”", sentence)
             if m.group(1) != slogan and len(m.group(1)) >= 2 and m.group(1) in slogan and _NAMELY.match(sentence[m.end():])}
    if "+" in slogan and on("slogan.digit_parts"):
        # "“4”是新能源汽车零部件、…四大先进制造业集群，“3”是…": the numbers of “4+3”, each followed by 是
        terms = set(slogan.split("+"))
        found |= {m.group(1) for m in re.finditer(r"“(\d{1,2})”", sentence)
                  if m.group(1) in terms and re.match(r"(?:是|即|指|代表)", sentence[m.end():])}
    return found


def _defines_parts(sentence: str, slogan: str) -> bool:
    """"“一圈”是指嵘州都市圈，“两廊”是指…": two or more parts of the slogan, each followed by 即 / 是指."""
    return len(_defined_parts(sentence, slogan)) >= 2


def _parts_defined_across(evidence: list[Evidence], slogan: str) -> Evidence | None:
    """"“一核”即…；“两带”即…；": parts defined in the "；"-pieces of one report's sentence; the first piece."""
    by_doc: dict[str, set[str]] = {}
    first: dict[str, Evidence] = {}
    for ev in evidence:
        found = _defined_parts(ev.sentence, slogan)
        if found:
            by_doc.setdefault(ev.hit.chunk.doc_id, set()).update(found)
            first.setdefault(ev.hit.chunk.doc_id, ev)
    return next((first[d] for d, parts in by_doc.items() if len(parts) >= 2), None)


def _spells(sentence: str, slogan: str, paragraph: str = "", bare: bool = False) -> bool:
    # "“一核”即…；“两带”即…；“三区”即…": the parts may stand in one "。" sentence cut at its "；"
    if not bare and on("slogan.namely") and (_defines_parts(sentence, slogan) or _defines_parts(paragraph, slogan)):
        return True
    forms = _forms(sentence, slogan, bare)
    # "三个“一次”": “一次就把情况弄清”“一次就把工作做对”“一次就把事情办成” are its items, each quoted
    return (len(forms) >= 2 and slogan not in forms) or any(_spelled_out(sentence, form, bare) for form in forms)


def _counted_names(question: str, evidence: list[Evidence]) -> list[str]:
    """Counted names the question asks to have spelled out without quoting them ("五大标志性战役都是哪五个"), as
    the report writes them: the longest start of the question's phrase that a sentence holds."""
    if not on("slogan.counted_names") or not _MEANING_RE.search(question.lower()):
        return []
    out = []
    for m in _COUNTED_NAME.finditer(question):
        head = m.start(2) + 1 - m.start()       # the count and its measure word: 五大
        phrase = m.group()
        name = next((phrase[:end] for end in range(len(phrase), head + 1, -1)
                     if any(phrase[:end] in ev.sentence for ev in evidence)), None)
        if name and name not in out:
            out.append(name)
    return out


_EN_NUMBER = {"two": "两二", "three": "三", "four": "四", "five": "五", "six": "六", "seven": "七", "eight": "八",
              "nine": "九", "ten": "十"}
_EN_QUOTED_NUMBER = re.compile(r"(?<![A-Za-z])['\"‘“]([^'\"’”]*\b(two|three|four|five|six|seven|eight|nine|ten)\b"
                               r"[^'\"’”]*)['\"’”](?![A-Za-z])", re.I)
_EN_WHAT_IS_QUOTED = re.compile(r"\bwhat (?:is|are|was|were) (?:the |its |their )?['\"‘“]", re.I)
_CJK_NUMBERED = re.compile(r"[\u4e00-\u9fff]*[一二三四五六七八九十两][\u4e00-\u9fff]*")
# "What does the 'nine capabilities improvement' campaign cover?": what it covers (involves, contains) is its members
# (slogan.english_cover)
_EN_COVERS = re.compile(r"\b(?:cover|covers|involve|involves|entail|entails|contain|contains)\b", re.I)
_EN_MEMBERS = re.compile(r"\bwhat (?:are|were|is|was)\b|\bwhich\b|\bmake up\b|\bconsist|\binclud|\bcompris|\blist\b", re.I)


def _english_slogans(question: str, evidence: list[Evidence]) -> list[str]:
    """An English question naming a numbered slogan in its own words ("What are the 'four revolutions' …?"): the
    report's quoted slogan with that number, when the best sentences quote exactly one."""
    if not question.isascii() or not on("slogan.english_numbers") or not (
            _EN_MEMBERS.search(question) or (_EN_COVERS.search(question) and on("slogan.english_cover"))):
        return []
    out = [found for m in _EN_QUOTED_NUMBER.finditer(question)
           if (found := _quoted_with_number(m.group(2), evidence, "个大项张条种类化心区城片翼带廊圈"))]
    # "the 'Guangyuan Seven Wonders' (广元七绝) brand": the report's words, with a numeral, written in
    out += [run for run in _CJK_NUMBERED.findall(question) if any(f"“{run}”" in ev.sentence for ev in evidence[:3])]
    if on("slogan.english_unquoted"):
        # "What are the ten carbon-peaking actions?": the count unquoted, the report's quoted slogan with that number;
        # "the '1+4+7' system": a numbered name quoted as the report quotes it
        out += [found for m in _EN_COUNTED_PLURAL.finditer(question)
                if (found := _quoted_with_number(m.group(1), evidence, "个大项张条种类"))]
        out += [name for name in _EN_QUOTED_DIGITS.findall(question) if any(f"“{name}”" in ev.sentence for ev in evidence[:3])]
    return list(dict.fromkeys(out))


def _quoted_with_number(word: str, evidence: list[Evidence], measures: str) -> str | None:
    """The one slogan the best sentences quote with the English number word's numeral before a measure word ("four" →
    “四个革命、一个合作”); None when they quote none or several."""
    numerals = _EN_NUMBER[word.lower()]
    found = {q for ev in evidence[:3] for q in re.findall(r"“([^”]+)”", ev.sentence)
             if any(re.search(rf"{n}[{measures}]", q) for n in numerals)}
    return found.pop() if len(found) == 1 else None


_EN_COUNTED_PLURAL = re.compile(r"\b(?:the|its|their|these)\s+(two|three|four|five|six|seven|eight|nine|ten)\s+"
                                r"(?:[\w-]+\s+){0,3}?[\w-]+s\b", re.I)
_EN_QUOTED_DIGITS = re.compile(r"['\"‘“](\d+(?:\+\d+)+)['\"’”]")


def _asked(question: str, evidence: list[Evidence]) -> list[tuple[str, bool]]:
    """(slogan, stands unquoted) for each slogan or counted name the question asks to have spelled out."""
    return ([(x, False) for x in _asked_slogans(question) + _english_slogans(question, evidence)]
            + [(x, True) for x in _counted_names(question, evidence)])


def unexplained_slogan(question: str, evidence: list[Evidence],
                       wider: list[Evidence] | None = None) -> tuple[str, Evidence] | None:
    """A numbered slogan the question asks to have spelled out that the report names but never
    spells out ("“1345”分别指什么"; not "“一老一小”方面有哪些安排")."""
    for slogan, bare in _asked(question, wider or evidence):
        mentions = [(ev, form) for ev in evidence for form in _forms(ev.sentence, slogan, bare)]
        if not mentions:
            continue
        # the sentences that spell it out may rank below those that only name it (`wider`: all candidates)
        pool = wider if on("slogan.namely") and wider else evidence
        if any(_spells(ev.sentence, slogan, ev.hit.chunk.text, bare) for ev in pool) or (
                not bare and on("slogan.namely") and _parts_defined_across(pool, slogan)):
            return None
        if on("slogan.counted_member") and _member_listed(question, pool):
            return None         # "“3+2”…中的三大主导产业是哪三个": the member asked is listed ("新型建材、…三大主导产业")
        if on("slogan.first_member") and _first_member_asked(question, slogan) \
                and any(_FIRST_PLACE.search(ev.sentence) for ev, _ in mentions):
            return None         # "what's the '1' of the '1+3+3' system": the sentence names its 首位产业
        return slogan, mentions[0][0]
    return None


# a quoted name in a question: “1+4+7”, '1+4+7', "四个革命、一个合作"
_QUOTED_NAME = re.compile(r"[“\"'‘]([^“”\"'‘’]{2,20})[”\"'’]")
# what the question says right after the name, when it names no kind of thing: "…”指什么", "' in the report refer to"
_BARE_AFTER_ZH = re.compile(r"^(?:是|指|代表|说的|讲的|具体|什么|啥|呢|[？?])")
# the kind of thing a name is, as the report words it right after the name: "…粮食物流设施体系", "…能源安全新战略"
_KIND = re.compile(r"[\u4e00-\u9fff]{0,10}?(?:体系|战略|行动|工程|机制|模式|理念|格局|布局|政策|计划|路径|制度|平台|品牌|"
                   r"架构|思路|方针|改革|试点|经验|活动)")
_BARE_AFTER_EN = re.compile(r"^\s*(?:in|of|mean|means|refer|refers|stand|stands|is|are|was|do|does|actually|exactly|"
                            r"that|which|as|\?|,)\b|^\s*[?,.]", re.I)
# the question asks what the name is, not its parts
_WHAT_IT_IS = re.compile(r"指什么|指的是什么|是什么|指啥|是啥|什么意思|啥意思|\brefers? to\b|\bmean\b|\bwhat is\b|\bwhat's\b")
_ASKS_PARTS = re.compile(r"分别|各|哪几|哪些|具体是哪|包括|每个|\beach\b|\bparts?\b|\bnumbers?\b|\bwhich\b|\bstand for\b", re.I)


def slogan_kind(question: str, evidence: list[Evidence]) -> tuple[Evidence, str] | None:
    """"“1+4+7”指什么" / "What does the '1+4+7' in the report refer to?": a name the question quotes bare, asking what
    it is, is answered by the report's clause naming it with its kind ("加快构建“1+4+7”粮食物流设施体系"), even when the
    report never spells out its parts; a question naming the kind itself (“1345”发展战略指什么) asks the parts
    (slogan.bare_kind)."""
    low = question.lower()
    if not on("slogan.bare_kind") or not _WHAT_IT_IS.search(low) or _ASKS_PARTS.search(low):
        return None
    english = is_english_text(question)
    for m in _QUOTED_NAME.finditer(question):
        name, after = m.group(1), question[m.end():]
        if not (_BARE_AFTER_EN.match(after) if english else _BARE_AFTER_ZH.match(after)):
            continue
        for ev in evidence[:5]:
            at = ev.sentence.find(f"“{name}”")
            if at < 0:
                continue
            kind = _KIND.match(ev.sentence[at + len(name) + 2:])
            if kind is None:
                continue
            start = max(ev.sentence.rfind(ch, 0, at) for ch in "，。；：") + 1
            end = at + len(name) + 2 + kind.end()
            return ev, ev.sentence[start:end]
    return None


# the "1" of a "1+N" slogan as the genre names it: the first-place (首位), leading (龙头) or core (核心) one
_FIRST_PLACE = re.compile(r"首位|龙头|核心")
_EN_FIRST = re.compile(r"\bnumber (?:one|1)\b|['‘\"“]1['’\"”]|\bthe (?:lead|leading|top|first|core) (?:one|industry|sector|part)\b", re.I)


def _first_member_asked(question: str, slogan: str) -> bool:
    """Whether the question asks only the "1" of a slogan opening "1+" (“1+3+3”里的“1”, 'the number one', "what's
    the '1' at the top"), which the genre names as the first-place thing, not the slogan spelled out."""
    if not re.match(r"1\s*[+＋]", slogan):
        return False
    rest = question.replace(slogan, " ")
    return bool(_EN_FIRST.search(rest) or re.search(r"[“\"]1[”\"]", rest))


def _member_listed(question: str, evidence: list[Evidence]) -> bool:
    """Whether the question asks a counted member of the slogan ("三大主导产业") that a sentence lists item by item
    ("新型建材、绿色食品、纺织服装三大主导产业")."""
    for m in _COUNTED_NAME.finditer(question):
        count, name = m.group(1), ASKING_WORDS.split(m.group(2))[0]
        if len(name) < 3:
            continue
        n = _NUMERALS.index(count) if count in _NUMERALS else 2
        listed = re.compile(rf"([^，。；：:“”]+?){count}{re.escape(name)}")
        for ev in evidence:
            for hit in listed.finditer(ev.sentence):
                if hit.group(1).count("、") == n - 1:
                    return True
    return False


def spelling_out(question: str, evidence: list[Evidence]) -> Evidence | None:
    """The sentence that spells out the slogan the question asks about, if one of `evidence` does."""
    for slogan, bare in _asked(question, evidence):
        for ev in evidence:
            if _spells(ev.sentence, slogan, ev.hit.chunk.text, bare):
                return ev
        if bare:
            continue
        if on("slogan.namely"):
            across = _parts_defined_across(evidence, slogan)
            if across is not None:
                return across
    return None


# "即…", "是指…", "指的是…", "包括…" right after a quoted slogan (or "计划，即" / "的目标定位，即") names its items
_NAMELY = re.compile(r"[^。；“”]{0,10}?(?:(?<![立随旋当])即(?![将可时使便刻])|是指|指的是|包括)")      # not 立即, 即将
_ASCII_QUOTED = re.compile(r"(?<![A-Za-z])['\"]([^'\"]*\d[^'\"]*)['\"](?![A-Za-z])")
_ASCII_QUOTED_ZH = re.compile(r"(?<![A-Za-z])['\"]([^'\"]*[\d一二三四五六七八九十两][^'\"]*)['\"](?![A-Za-z])")
_ONE_THING = re.compile(r"一[\u4e00-\u9fff]")
_NUMERALS = "零一二三四五六七八九十"
_LEADING_NUMBER = re.compile(r"[二三四五六七八九十](?=大|个|项|张|条|化|心|区|城|率|类|种)")
# "五大标志性战役", "六个专项行动": a count, its measure word, and what is counted
_COUNTED_NAME = re.compile(r"([二三四五六七八九十])((?:大|个|项)[\u4e00-\u9fff]{2,12})")
# the five-year plans (“十四五”, “十五五”): a period's name, no slogan that lists items
_PLAN_PERIOD = re.compile(r"十[一二三四五六七八九]?五(?:规划|时期|期间)?")


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


# a paragraph's own heading: a short first sentence with no comma ("深化重点领域改革。")
_PARA_HEADING = re.compile(r"^\s*[^，。；：,;:]{2,16}。")


def heading_points(ev: Evidence, paragraph_of, terms: list[str]) -> list[Evidence] | None:
    """"Which reforms are listed under deepening reform in key areas": when the best sentence opens a paragraph under its
    own heading ("深化重点领域改革。…") and the heading names the question's words as fully as the sentence does (the
    question asks what comes under the heading, not something its first sentence names), the answer is that heading and
    the lead clause of each sentence after it, each its own quote (list.heading_points); None otherwise."""
    para, p0 = paragraph_of(ev.hit.chunk)
    m = _PARA_HEADING.match(para)
    if m is None or not (p0 <= ev.span[0] <= p0 + m.end()) or m.end() >= len(para):
        return None
    named = coverage(terms, para[:m.end()])
    if named * len(terms) < 2 or named < ev.coverage:     # one shared word (安全) does not make it the subject asked
        return None
    start = m.start() + len(para[m.start():]) - len(para[m.start():].lstrip())
    out = [replace(ev, sentence=para[start:m.end() - 1], span=(p0 + start, p0 + m.end() - 1))]
    for sent in re.finditer(r"[^。]+", para[m.end():]):
        a = m.end() + sent.start()
        lead = re.match(r"[^，；：,;:。]+", para[a:])
        if lead is None or len(lead.group().strip()) < 4:
            continue
        text = lead.group().strip()
        at = a + para[a:].index(text)
        out.append(replace(ev, sentence=text, span=(p0 + at, p0 + at + len(text))))
    return out if len(out) >= 3 else None


def introduces_list(ev: Evidence, paragraph_of) -> bool:
    """Whether the sentence ends where an enumeration it introduces starts ("…短板和不足。主要是：…")."""
    para, p0 = paragraph_of(ev.hit.chunk)
    b = ev.span[1] - p0
    if not (0 < b <= len(para)) or para[b - 1] not in _FULL_STOP:
        return False
    return para[b:].lstrip().startswith(_LIST_LEADS)


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


# "今年物流上重点推进哪几个园区基地": the kind of thing a list question asks for, named after 哪些 / 哪几个 / 什么
_ASKED_KIND = re.compile(r"(?:哪些|哪几(?:个|项|家|条|所|座|类|种|大|处)?|哪[一二三四五六七八九十两\d]+(?:个|项|家|条|所|座|类|种|大|处)?)"
                         r"([\u4e00-\u9fff]{1,6})")
# "今年有啥体育比赛可以参加": 有啥 / 有什么 before a kind and a verb of doing asks things of that kind, as 哪些 does
# (list.kind_what); "有什么要求" asks no kind of thing
_ASKED_KIND_WHAT = re.compile(r"有(?:啥|什么)([\u4e00-\u9fff]{1,6}?)(?=可以|能|值得)")
_KIND_TRAIL = re.compile(r"[啊呀呢吗嘛了的呗哦]+$|^(?:重点|主要|具体)")
# the kind an enumeration names after its items: "…等赛事", "…三大保障性产业", "…扩能改造项目"
_LIST_KIND = re.compile(r"(?:等|[一二三四五六七八九十两\d]+[大个项条家类所座处])([\u4e00-\u9fff]{1,8})$")


# the kind named before the ask: "要加快建设的重点水利项目有哪些", "今年的民生实事都包括哪些"
_KIND_BEFORE = re.compile(r"(?:^|[的，,、：:]|要|将|在)([\u4e00-\u9fff]{2,6}?)(?:都|还|主要|具体|一共|分别)*"
                          r"(?:有|是|包括|包含|涵盖)(?:哪些|哪几(?:个|项|家|条|所|座|类|种|大|处)?)[啊呀呢吗嘛？?。！!\s]*$")
_TIME_LEAD = re.compile(r"^(?:今年|去年|明年|全年|全市|全县|全区|本市)")


def asked_kind(question: str) -> str:
    """The kind of thing a Chinese list question asks for ("园区基地", "体育比赛", "大项目"); "" when none."""
    m = _ASKED_KIND.search(question) or (_ASKED_KIND_WHAT.search(question) if on("list.kind_what") else None)
    kind = _KIND_TRAIL.sub("", m.group(1)) if m else ""
    m = _KIND_BEFORE.search(question) if not kind and on("list.kind_before_ask") else None
    return _TIME_LEAD.sub("", _KIND_TRAIL.sub("", m.group(1))) if m else kind


# the head noun of an English list question ("Which industrial projects …", "Name the grain logistics parks …") and the
# characters the report's kind of that thing ends with (list.english_kind)
_EN_KIND_HEADS = {
    "project": "项目", "park": "园区", "base": "基地", "industry": "产业", "sector": "产业", "event": "活动节会",
    "festival": "节会", "college": "学院校专", "university": "学院校", "school": "学校", "hospital": "医院",
    "source": "源", "work": "作品", "company": "企业", "firm": "企业", "enterprise": "企业", "road": "路",
    "highway": "路", "expressway": "路", "railway": "路", "route": "线", "attraction": "景区", "spot": "景区",
    "brand": "品牌", "product": "产品", "facility": "中心院馆站",
}
_EN_KIND = re.compile(r"\b(?:which|what|name(?: the| all the| some)?|list(?: the)?)\s+(?:[a-z0-9'-]+\s+){0,3}?"
                      r"(projects?|parks?|bases?|industry|industries|sectors?|events?|festivals?|colleges?|universit(?:y|ies)|"
                      r"schools?|hospitals?|sources?|works|compan(?:y|ies)|firms?|enterprises?|roads?|highways?|expressways?|"
                      r"railways?|routes?|attractions?|spots?|brands?|products?|facilit(?:y|ies))\b"
                      # the last noun of the phrase: a verb, a preposition, 'and' or the end follows
                      r"(?=\s+(?:are|is|were|was|will|did|does|do|has|have|had|that|which|to|in|of|for|from|should|can|"
                      r"would|could|and|or|the|it|its|whose|where|this|last|got|won)\b|\s+(?-i:[A-Z])|\s*[?,.;:]|\s*$)", re.I)


def english_kind(question: str) -> str:
    """The kind an English list question asks for, in the characters the report's kind of it ends with: "Which
    industrial projects …" 项目, "Name the … logistics parks" 园区 (list.english_kind); "" when none."""
    if not on("list.english_kind"):
        return ""
    m = _EN_KIND.search(question)       # (a capital after the noun starts a name: "… parks is Guangyuan pushing")
    if not m:
        return ""
    head = m.group(1).lower()
    head = {"industries": "industry", "universities": "university", "companies": "company", "facilities": "facility",
            "works": "work"}.get(head, head.rstrip("s") if head.endswith("s") else head)
    return _EN_KIND_HEADS.get(head, "")


_CN_DIGITS = "零一二三四五六七八九十"


def counts(sentence: str, n: int) -> bool:
    """Whether a sentence counts n things in words: "三大保障性产业", "三个方面" (a figure such as "名录3个" measures, it
    does not count the things listed)."""
    word = "[二两]" if n == 2 else _CN_DIGITS[n]
    return bool(re.search(rf"{word}(?:大|个|项|类|种|条|件)", sentence)) if n <= 10 else False


# kinds that name no thing, only areas of a work ("哪些行业领域", "哪些方面")
_AREA_KIND = re.compile(r"(?:领域|行业|方面|环节)$")


def lists_areas_of(sentence: str, kind: str, question: str) -> bool:
    """"安全监管重点盯哪些行业领域": a list of areas asked, and the sentence lists items before 等 and the work the
    question names ("加强矿山、危险化学品、…、人员密集场所等安全监管") (list.areas_of_named)."""
    if not _AREA_KIND.search(kind) or not on("list.areas_of_named"):
        return False
    for m in re.finditer(r"((?:[^，。；、]{1,12}、){2,}[^，。；、]{1,12})等([\u4e00-\u9fff]{2,6})", sentence):
        work = m.group(2)           # (named in the question by four characters of it at least)
        if any(work[i:i + 4] in question for i in range(len(work) - 3)):
            return True
    return False


def enumerates(sentence: str, kind: str) -> bool:
    """Whether a sentence lists two or more things of the asked kind: items whose last character is one of the
    kind's ("…物流园、…物流基地" for 园区基地), or a list the sentence itself calls that kind ("…等赛事" for 比赛)."""
    if not kind:
        return False
    for clause in re.split(r"[，。；：]", sentence):
        items = [i.strip() for i in clause.split("、")]
        if len(items) < 2:
            continue
        named = _LIST_KIND.search(items[-1])
        if named:
            # the kinds' heads meet: "…等赛事" for 体育比赛, not "…等体育设施" (list.kind_head)
            asked, listed = (kind[-2:], named.group(1)[-2:]) if on("list.kind_head") else (kind, named.group(1))
            if any(ch in asked for ch in listed):
                return True
        if len(kind) >= 2 and items[-1].endswith(kind[-2:]):
            return True         # "…广元机场改扩建、广巴铁路扩能改造项目": the last item's head is shared
        heads = [re.sub(r"[（(][^）)]*[）)]$", "", i)[-1:] for i in items if i]
        if sum(h in kind for h in heads) * 2 >= len(heads) + 1:
            return True
    return False


# a count the question names: "哪四家企业", "48件民生实事", "Which four companies", "the 4 new flight routes"
_COUNT_ZH = re.compile(r"(?<![\d.])(\d{1,3}|[一二两三四五六七八九十]{1,3})\s*(?:件|个|家|条|大|项|所|座|批|类|种|张|名)")
_EN_TEENS = {w: i for i, w in enumerate("eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen "
                                         "twenty".split(), 11)}
_COUNT_EN = re.compile(r"\b(\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                       r"sixteen|seventeen|eighteen|nineteen|twenty)\b(?!\s*(?:%|percent|per cent|yuan|km|mu|tons?))",
                       re.I)


def _question_count(question: str) -> int | None:
    m = _COUNT_EN.search(question) if question.isascii() else _COUNT_ZH.search(question)
    if m is None:
        return None
    word = m.group(1).lower()
    if word.isdigit():
        return int(word)
    if word in EN_NUMBER_WORDS:
        return EN_NUMBER_WORDS[word]
    if word in _EN_TEENS:
        return _EN_TEENS[word] if on("list.english_name_the_n") else None
    value = cn_to_number(word)
    return int(value) if value is not None else None


_A_COUNT = re.compile(r"\d+(?:\.\d+)?\s*(?:万|亿)?(?:个|家|条|项|所|座|处|名|人|户|件|批|张)")


def _names_counted_thing(question: str, piece: str) -> bool:
    """Whether the question names the thing a piece of a series counts ("新增三级医疗卫生机构2家": its last four
    characters before the count)."""
    count = _A_COUNT.search(piece)
    thing = re.sub(r"[^\u4e00-\u9fff]", "", piece[:count.start()]) if count else ""
    if len(thing) >= 4 and thing[-4:] in question:
        return True
    # "那2家三级医院" of "新增三级医疗卫生机构2家": the count with its measure word, and the thing's first two characters
    return count is not None and on("list.count_names_thing") and len(thing) >= 2 and count.group().strip() in question \
        and thing[:2] in question


def _only_kinds_asked(question: str, before: str) -> bool:
    """Whether the words before a count name only what the question names already: the quoted kind counted
    ("新建“口袋公园”4个" of "那4个口袋公园在哪"), or kinds before 等 the question names each of ("新建重点实验室、
    工程技术研究中心等创新平台5家" of "那5家重点实验室、工程中心叫啥名字"): no names of the things counted
    (list.kinds_the_question_names)."""
    quoted = re.search(r"“([^“”]{2,12})”$", before)
    if quoted:
        return quoted.group(1) in question
    if "等" not in before or "“" in before:
        return False
    kinds = [k for k in before.rsplit("等", 1)[0].split("、") if k]
    return len(kinds) > 1 and all(any(k[i:i + 2] in question for i in range(len(k) - 1)) for k in kinds)


def counted_not_named(question: str, sentence: str) -> str | None:
    """"Which four companies made the top-100 list?" of "…，4家企业跻身…100强": the sentence counts the things asked
    and names none of them (its clause lists nothing, and no colon opens a list after it); the counted words, or None
    (list.counted_not_named)."""
    n = _question_count(question)
    if n is None or not 2 <= n <= 200:
        return None
    forms = [rf"(?<![\d.]){n}(?![\d.])\s*(?:件|个|家|条|项|所|座|批|类|种|张|名)"]
    if n <= 10:
        forms.append(rf"(?<![一二两三四五六七八九十]){'[二两]' if n == 2 else _CN_DIGITS[n]}(?:大|个|件|家|条|项|类|种)")
    elif n <= 99 and on("list.english_name_the_n"):
        # "十五条硬措施", "四十八件": the count in Chinese numerals past ten
        tens, ones = divmod(n, 10)
        word = ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")
        forms.append(rf"(?<![一二两三四五六七八九十]){word}(?:大|个|件|家|条|项|类|种)")
    unnamed = []
    matches = list(re.finditer("|".join(forms), sentence))
    if on("list.kinds_the_question_names"):
        # the count whose words name the question's kinds first ("…五大行动，…新建重点实验室、…等创新平台5家")
        matches.sort(key=lambda m: not _only_kinds_asked(question, sentence[max(sentence.rfind(p, 0, m.start())
                                                                               for p in "，。；：,;") + 1:m.start()]))
    for m in matches:
        a = max(sentence.rfind(p, 0, m.start()) for p in "，。；：,;") + 1
        ends = [i for i in (sentence.find(p, m.end()) for p in "，。；：,;") if i >= 0]
        b = min(ends) if ends else len(sentence)
        clause = sentence[a:b]
        before = sentence[a:m.start()]
        # "新增三级医疗卫生机构2家、省级县域医疗卫生次中心2个": a series of counts names nothing (list.counts_in_series)
        # — when the question names the thing counted (那2家三级医疗卫生机构): the kinds of a series are names of kinds
        series = on("list.counts_in_series") and all(_A_COUNT.search(piece) for piece in clause.split("、")) \
            and any(_names_counted_thing(question, piece) for piece in clause.split("、"))
        if on("list.kinds_the_question_names") and _only_kinds_asked(question, before):
            return clause       # the count the question speaks of, though another set of n stands beside it
        if ("、" in clause and not series) or sentence[b:b + 1] == "：" or "“" in before or before.endswith("等"):
            return None     # "…、…五大行动", "三个方面：…", "“两江四岸”等5个项目": the sentence names a set of n
        unnamed.append(clause)
    return unnamed[0] if unnamed else None
