"""Outline questions: the section tree answers them ("主要抓哪几方面", "重点做好哪六个方面工作", "必须把握好哪三点",
"报告分几个部分"), listing the numbered headings or points, each cited, not one paragraph's first sentence.

A report's outline is read from its chunks' section paths: the parts, the numbered sections under a part
("一、…"), the subsections under a section ("（一）…") and numbered points ("1.…"). A question that counts
its items ("哪六个", "三点") takes the group with that many items; otherwise the group around the best
retrieved chunk, or the plan part's sections when the question asks about this year's work.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher

from rag.answer.cues import ASKING_WORDS, CLAUSE_END
from rag.answer.rules import on
from rag.corpus.structure import SECTION_RE, SUBSECTION_RE
from rag.search.query import PLACE_NAMES, QueryIntent, content_terms, term_present
from rag.search.retrieval import HybridRetriever, asked_count
from rag.types import Answer, Chunk, Citation, Hit

# "哪几方面", "重点做好哪六个方面工作", "把握好哪三点", "分几个部分"; not "哪些方面的监督" (kinds of a thing)
_OUTLINE_RE = re.compile(r"(?:哪几(?:个)?(?:方面|部分|块|条|点|项重点)|哪些方面|几个方面|几个部分|几部分|"
                         r"哪[二三四五六七八九十两\d]+(?:个|项|大|条)?(?:方面|部分|点|项工作|件大事)|"
                         r"[二三四五六七八九十两\d](?:个|大)方面|重点工作(?:有|是)哪些|主要任务(?:有|是)哪些|"
                         r"(?:哪|几)[二三四五六七八九十两\d]?点)(?!的)")
# "哪几方面的工作", "哪几个方面的要求": the work of those parts is the parts (outline.parts_of_work)
_PARTS_OF_WORK_RE = re.compile(r"(?:哪几(?:个)?|几个|哪些)(?:方面|部分)的(?=(?:重点)?(?:工作|任务|要求|部署|安排|举措|措施)"
                               r"(?:$|[？?。！!，,（(]))")
# a paragraph that counts its own points ("一是…；二是…") answers as a list, not the outline around it
_INLINE_POINTS = re.compile(r"[一二三四五六七八九十]是")
_PARTS_RE = re.compile(r"几个部分|几部分|哪几部分|哪些部分|分为几|分成几|结构")
_POINT = re.compile(r"^\d{1,2}[.．、]")
MAX_ITEMS = 12


# 'What are the main tasks for 2024?', 'the key priorities of the government's work': the outline, asked in English
_EN_OUTLINE_RE = re.compile(r"\b(?:main|key|major|chief|principal|priority)\s+(?:tasks|priorities|areas of work|work areas|"
                            r"fields of work|lines of work)\b", re.I)


# "What are the main points of how the government will improve itself": the points of a part are its headings
_EN_POINTS_RE = re.compile(r"\b(?:main|key|major)\s+(?:points|aspects|parts|components|headings|sections)\b", re.I)
# "What are the nine areas of work for 2024?", "the four points for strengthening the government itself": a count of
# areas of work or of points asks the outline, as 九个方面工作 and the four headings under a part are
_EN_COUNTED_OUTLINE_RE = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:(?:main|key|major)\s+)?"
                                    r"(?:areas of work|work areas|fields of work|lines of work|points|aspects|headings)\b",
                                    re.I)


# "今年主要干哪几件事", "一共分几大块": the outline, asked in everyday words
_SPOKEN_OUTLINE_RE = re.compile(r"(?<=[干做抓])哪几件(?:大)?事|几大(?:块|方面|部分)")


# "今年重点抓哪几项工作": work counted in 项 (outline.counted_items)
_ITEMS_OUTLINE_RE = re.compile(r"哪几项(?:重点)?(?:工作|任务)(?=$|[？?。！!，,（(])")


# "哪几条", "哪几件事": cues that count lines, ways or things as often as parts of a plan (outline.topic_in_group)
_THINGS_CUE = re.compile(r"哪(?:几|[一二三四五六七八九十两\d]+)条|哪几件(?:大)?事")


def is_outline_question(question: str) -> bool:
    if on("outline.counted_items") and _ITEMS_OUTLINE_RE.search(question) \
            and not _topic_terms(_ITEMS_OUTLINE_RE.sub(" ", question)):
        return True         # "今年重点抓哪几项工作" (no topic: "乡村振兴有哪几项任务" asks its paragraph)
    if on("outline.english") and _EN_OUTLINE_RE.search(question):
        return True
    if on("outline.english_points") and _EN_POINTS_RE.search(question):
        return True
    if on("outline.english_counted") and _EN_COUNTED_OUTLINE_RE.search(question):
        return True
    if on("outline.spoken") and _SPOKEN_OUTLINE_RE.search(question):
        return True
    if on("outline.parts_of_work") and _PARTS_OF_WORK_RE.search(question):
        return True
    return bool(_OUTLINE_RE.search(question))


def _groups(chunks: list[Chunk]) -> dict[tuple, list[tuple[str, Chunk]]]:
    """Numbered items in reading order, grouped by the path above them: (doc, part) → its "一、" sections,
    (doc, part, section) → its "（一）" subsections, (doc, …) → its "1." points; the first chunk of each."""
    groups: dict[tuple, list[tuple[str, Chunk]]] = {}
    seen: set[tuple] = set()
    for c in chunks:
        path = c.section
        for level, item in enumerate(path):
            if not (SECTION_RE.match(item) or SUBSECTION_RE.match(item) or _POINT.match(item)) or level == 0:
                continue
            key = (c.doc_id, *path[:level])
            if (key, item) in seen:
                continue
            seen.add((key, item))
            groups.setdefault(key, []).append((item, c))
    if on("outline.one_numbering"):
        # "（一）…（七）" then the "1."–"10." lines of a list inside （七）: one group is numbered one way
        for key, items in groups.items():
            style = _style(items[0][0])
            groups[key] = [(item, c) for item, c in items if _style(item) == style]
    # the parts themselves: (doc,) → its part headings
    for c in chunks:
        if c.section and ((c.doc_id,), c.section[0]) not in seen and not c.section[0].startswith("（本文"):
            seen.add(((c.doc_id,), c.section[0]))
            groups.setdefault((c.doc_id,), []).append((c.section[0], c))
    return groups


def _style(item: str) -> str:
    return "section" if SECTION_RE.match(item) else "subsection" if SUBSECTION_RE.match(item) else "point"


def _label(item: str) -> str:
    return item.rstrip(CLAUSE_END)


def outline_answer(question: str, intent: QueryIntent, retriever: HybridRetriever, hits: list[Hit]) -> Answer | None:
    """The outline the question asks for, each item cited; None when the reports have no fitting group."""
    chunks = [c for c in retriever.index.chunks if retriever.scope is None or c.doc_id in retriever.scope]
    groups = _groups(chunks)
    if not groups:
        return None
    wanted = asked_count(question)
    top = hits[0].chunk if hits else None
    if top is not None and not wanted and on("outline.parallel_parts") and not _topic_terms(question):
        # "2026年重点抓哪几方面工作": the plan's unnumbered work-area headings, before any paragraph of points
        parallel = _parallel_parts(question, chunks, retriever, [top.doc_id])
        if parallel is not None:
            return parallel
    if top is not None and len(_INLINE_POINTS.findall(retriever.paragraph_of(top)[0])) >= 2:
        return None
    named = _named_heading_groups(question, groups, top) if on("outline.named_heading") else []
    if on("outline.named_heading") and not named and _names_a_heading(question, chunks):
        return None          # "政府自身建设提了哪几点": its heading has no numbered items; its paragraph answers
    if named:
        # "重点工作有哪些", "工作回顾分几个部分", "政府自身建设提了哪几点": the items under the heading it names
        candidates = named
    elif _PARTS_RE.search(question) and not wanted:
        doc = top.doc_id if top else chunks[0].doc_id
        candidates = [((doc,), groups.get((doc,), []))]
    else:
        candidates = [(k, v) for k, v in groups.items() if len(k) > 1 and len(v) >= 2]
        if wanted:
            candidates = [(k, v) for k, v in candidates if len(v) == wanted]
        elif top is not None:
            # the group holding the best chunk, innermost first; else this year's plan sections
            around = [(k, v) for k, v in candidates if k[0] == top.doc_id and tuple(top.section[:len(k) - 1]) == k[1:]]
            plan = [(k, v) for k, v in candidates if len(k) == 2 and any(c.year_scope == str(retriever.doc_years.get(k[0]))
                                                                         for _, c in v)]
            no_topic = not content_terms(question) or (on("outline.counted_areas") and not _topic_terms(question))
            if on("outline.named_heading") and no_topic and plan:
                # "今年主要抓哪几方面工作" names no topic: the year's work areas, the plan's largest group
                candidates = sorted(plan, key=lambda kv: (kv[0][0] != top.doc_id, -len(kv[1])))[:1]
            elif on("outline.counted_areas") and no_topic and (counted := _counted_areas(question, chunks, retriever, top)):
                # no numbered plan sections ("——聚焦产业提质，…" paragraphs): the sentence that counts the year's
                # work areas and names them ("重点抓好六个方面工作：产业提质、项目攻坚、…")
                return counted
            else:
                candidates = sorted(around, key=lambda kv: -len(kv[0])) or plan
    if not candidates:
        return None
    if top is not None:                  # of several fitting groups, the one nearest the best chunk
        section = top.section
        candidates.sort(key=lambda kv: (kv[0][0] != top.doc_id, -_shared(kv[0][1:], section)))
    key, items = candidates[0]
    items = items[:MAX_ITEMS]
    topic = _topic_terms(question) if not named and _THINGS_CUE.search(question) and on("outline.topic_in_group") else []
    heads = " ".join([*key[1:], *(item for item, _ in items)])
    if topic and not any(term_present(t, heads) for t in topic):
        return None         # "国际班列都有哪几条线", "为打造绿色铝都要做哪几件事": a list within a topic, not the outline around it
    if topic and on("outline.topic_most") and 2 * sum(term_present(t, heads) for t in topic) < len(topic):
        # "今年推进前期工作的高速是哪几条": one verb of the topic (推进) standing in a heading makes no outline of it
        return None         # "国际班列都有哪几条线", "为打造绿色铝都要做哪几件事": a list within a topic, not the outline around it
    lead = _counting_lead(key, len(items), chunks) if on("outline.counted_lead") else None
    first = 2 if lead else 1
    cites = [Citation(n=i, chunk_id=c.id, quote=item, section=c.section_path, doc_title=c.doc_title, score=0.0,
                      char_span=c.char_span if c.text == item else (c.char_span[0], c.char_span[0]), paragraph=c.text,
                      year_scope=c.year_scope, region=c.region, report_year=c.report_year)
             for i, (item, c) in enumerate(items, first)]
    text = "；".join(f"{_label(item)}[{i}]" for i, (item, _) in enumerate(items, first))
    if lead:
        cites.insert(0, lead)
        text = f"{lead.quote}[1]：{text}"
    return Answer(question, text, cites, False)


_CN_COUNT = ["", "一", "两|二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]


def _counting_lead(key: tuple, n: int, chunks: list[Chunk]) -> Citation | None:
    """The clause of the group's part that counts its items ("重点做好九个方面工作" before the nine plan sections),
    cited first; None when the part has none counting as many."""
    if not 2 <= n < len(_CN_COUNT):
        return None
    counted = re.compile(rf"[^。：:；，,]*?(?:{_CN_COUNT[n]}|{n})个?(?:方面|大方面|部分)[^。：:；，,]*")
    for c in chunks:
        if c.doc_id != key[0] or tuple(c.section[:len(key) - 1]) != key[1:]:
            continue
        m = counted.search(c.text)
        if m:
            quote = m.group().strip()
            start = c.char_span[0] + m.start() + (len(m.group()) - len(m.group().lstrip()))
            return Citation(n=1, chunk_id=c.id, quote=quote, section=c.section_path, doc_title=c.doc_title, score=0.0,
                            char_span=(start, start + len(quote)), paragraph=c.text, year_scope=c.year_scope,
                            region=c.region, report_year=c.report_year)
    return None


# "重点抓好六个方面工作：A、B、C…": a count of work areas, then their names
_COUNTED_AREAS = re.compile(r"[^。：:]*?(?:[一二三四五六七八九十两]|\d{1,2})(?:个|大)?方面(?:的)?(?:重点)?(?:工作|任务)?[：:]"
                            r"([^。]+)。?")


def _topic_terms(question: str) -> list[str]:
    """The question's terms less the place it names and its outline cue ("浛阳县…主要抓哪几块" names no topic)."""
    rest = _OUTLINE_RE.sub(" ", question)
    if on("outline.spoken"):
        rest = _SPOKEN_OUTLINE_RE.sub(" ", rest)
    for name in sorted(PLACE_NAMES, key=len, reverse=True):
        rest = rest.replace(name, " ")
    return content_terms(rest)


def _counted_areas(question: str, chunks: list[Chunk], retriever: HybridRetriever, top: Chunk | None) -> Answer | None:
    """The plan's sentence counting and naming the year's work areas, cited; None when no report has one."""
    docs = [top.doc_id] if top is not None else list(dict.fromkeys(c.doc_id for c in chunks))
    for c in chunks:
        if c.doc_id not in docs or c.year_scope != str(retriever.doc_years.get(c.doc_id)):
            continue
        m = _COUNTED_AREAS.search(c.text)
        if m and m.group(1).count("、") >= 2:
            quote = m.group().strip().rstrip("。")
            start = c.char_span[0] + c.text.index(quote)
            cite = Citation(n=1, chunk_id=c.id, quote=quote, section=c.section_path, doc_title=c.doc_title, score=0.0,
                            char_span=(start, start + len(quote)), paragraph=c.text, year_scope=c.year_scope,
                            region=c.region, report_year=c.report_year)
            return Answer(question, f"{quote}[1]", [cite], False)
    return _counted_paragraphs(question, chunks, retriever, docs) if on("outline.ordinal_paragraphs") else None


MIN_PARALLEL = 3


def _parallel_parts(question: str, chunks: list[Chunk], retriever: HybridRetriever, docs: list[str]) -> Answer | None:
    """Unnumbered plan headings in a row opening with one word ("着力扩大内需，…", "着力强链延链，…", …): the year's
    work areas, each heading cited; None unless a report's plan has three or more."""
    for doc in docs:
        plan = str(retriever.doc_years.get(doc))
        heads: list[Chunk] = []
        for c in chunks:
            if c.doc_id == doc and c.section and c.year_scope == plan and (not heads or heads[-1].section[0] != c.section[0]):
                heads.append(c)
        run: list[Chunk] = []
        best: list[Chunk] = []
        for c in heads:
            head = c.section[0]
            if run and head[:2] == run[-1].section[0][:2] and not _NUMBERING.match(head):
                run.append(c)
            else:
                run = [c]
            if len(run) > len(best):
                best = list(run)
        if len(best) < MIN_PARALLEL or len(best) > MAX_ITEMS:
            continue
        cites = [Citation(n=k, chunk_id=c.id, quote=c.section[0], section=c.section_path, doc_title=c.doc_title,
                          score=0.0, char_span=(c.char_span[0], c.char_span[0]), paragraph=c.text,
                          year_scope=c.year_scope, region=c.region, report_year=c.report_year)
                 for k, c in enumerate(best, 1)]
        return Answer(question, "；".join(f"{c.quote}[{c.n}]" for c in cites), cites, False)
    return None


# "重点抓好七个方面工作。" and then paragraphs "第一，坚持产业兴州，…。一是…": the count, then each area's lead
_COUNTS_AREAS = re.compile(r"[^。：:；]*?(?P<n>[一二三四五六七八九十两]|\d{1,2})(?:个|大)?方面(?:的)?(?:重点)?(?:工作|任务)"
                           r"[^。：:]*[。：:]?$")
_COUNTS_ITEMS = re.compile(r"[^。：:；]*?(?P<n>[一二三四五六七八九十两]|\d{1,2})项(?:重点)?(?:工作|任务)[^。：:]*[。：:]?$")
_CN_N = {w: n for n, words in enumerate(_CN_COUNT) for w in words.split("|") if w}     # 两 and 二 are 2
_ORDINAL_OPEN = re.compile(r"^(?:第[一二三四五六七八九十]+[，、,]|（?[一二三四五六七八九十]+[）、]|——)")
_NUMBER_OPEN = re.compile(r"^\d{1,2}[.．、]")


def _counted_paragraphs(question: str, chunks: list[Chunk], retriever: HybridRetriever, docs: list[str]) -> Answer | None:
    """The plan paragraph ending in a count of work areas, then the next that many paragraphs opening with an ordinal
    ("第一，…", "——…", "1. …"), each cited by its lead sentence; None unless exactly that many follow."""
    paragraphs: list[tuple[str, int, Chunk]] = []
    seen: set[tuple[str, int]] = set()
    for c in chunks:
        if c.doc_id in docs and (c.doc_id, c.para_no) not in seen:
            seen.add((c.doc_id, c.para_no))
            para, start = retriever.paragraph_of(c)
            paragraphs.append((para, start, c))
    for i, (para, start, c) in enumerate(paragraphs):
        if c.year_scope != str(retriever.doc_years.get(c.doc_id)):
            continue
        m = _COUNTS_AREAS.search(para.rstrip())
        if m is None and on("outline.counted_items"):
            m = _COUNTS_ITEMS.search(para.rstrip())        # "今年重点抓好以下八项工作。" and "1. 抓项目，…"
        n = (int(m.group("n")) if m.group("n").isdigit() else _CN_N[m.group("n")]) if m else 0
        if m is None or not 2 <= n <= MAX_ITEMS:
            continue
        items = paragraphs[i + 1:i + 1 + n]
        opens = (lambda p: _ORDINAL_OPEN.match(p) or _NUMBER_OPEN.match(p)) if on("outline.counted_items") else _ORDINAL_OPEN.match
        if len(items) < n or not all(opens(p) and q.doc_id == c.doc_id for p, _, q in items):
            continue
        lead = m.group().strip().rstrip("。：:")
        quotes = [(lead, start + para.index(lead), c)]
        for p, s, q in items:
            head = re.split(r"(?<=。)", p, maxsplit=1)[0].rstrip("。")
            quotes.append((head, s, q))
        cites = [Citation(n=k, chunk_id=q.id, quote=quote, section=q.section_path, doc_title=q.doc_title, score=0.0,
                          char_span=(s, s + len(quote)), paragraph=q.text, year_scope=q.year_scope, region=q.region,
                          report_year=q.report_year) for k, (quote, s, q) in enumerate(quotes, 1)]
        text = f"{lead}[1]：" + "；".join(f"{quote}[{k}]" for k, (quote, _, _) in enumerate(quotes[1:], 2))
        return Answer(question, text, cites, False)
    return None


_NUMBERING = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d{1,2}[.．、])\s*")
_YEARS = re.compile(r"(?:19|20)\d\d年(?:和)?|“[^”]*”(?:时期)?")


def _core(heading: str) -> str:
    """A heading's own words: "三、2025年重点工作" → "重点工作", "一、2025年和“十四五”时期工作回顾" → "工作回顾"."""
    return _YEARS.sub("", _NUMBERING.sub("", heading.strip())).strip(CLAUSE_END + " ")


def _common(a: str, b: str) -> int:
    """Length of the longest common substring."""
    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size


def _names(question: str, heading: str) -> bool:
    core = _core(heading)
    n = _common(core, question)
    if on("outline.heading_head"):
        # "重点工作一共分成几大块": the heading's head words (…目标任务和重点工作) name it; the outline cue (哪几方面工作)
        # names none
        rest = _SPOKEN_OUTLINE_RE.sub(" ", _OUTLINE_RE.sub(" ", question))
        m = _common(core, rest)
        if m >= 4 and core[-m:] in rest:
            return True
    return n >= 4 and n >= 0.6 * len(core)


def _names_a_heading(question: str, chunks: list[Chunk]) -> bool:
    # the report's title line is no heading a question names ("…（2025年政府工作报告）" names the report)
    titles = {c.doc_title for c in chunks} if on("outline.title_no_heading") else set()
    return any(_names(question, h) for h in {h for c in chunks for h in c.section} - titles)


def _named_heading_groups(question: str, groups: dict, top: Chunk | None) -> list:
    """The groups of items under a heading the question names (most of the heading's own words, 4+ characters);
    the group nearest the best chunk's report first."""
    found = []
    for key, items in groups.items():
        if len(key) < 2 or len(items) < 2:
            continue
        if key[-1] == items[0][1].doc_title and on("outline.title_no_heading"):
            continue            # the report's title line is no heading the question names
        if _names(question, key[-1]):
            found.append((key, items))
    found.sort(key=lambda kv: (top is None or kv[0][0] != top.doc_id, len(kv[0])))
    return found


def _shared(path: tuple, section: tuple[str, ...]) -> int:
    """How many leading levels a group's path shares with a chunk's section path."""
    return sum(1 for a, b in zip(path, section, strict=False) if a == b)


# "十件民生实事是哪些", "八件实事是什么": a count of things the question names, as the report counts them
_COUNTED_THING = re.compile(r"(?P<n>[一二三四五六七八九十两]{1,2}|\d{1,2})(?P<m>[件项个大条])(?P<thing>[\u4e00-\u9fff]{2,})")


def counted_points(question: str, retriever: HybridRetriever, hits: list[Hit]) -> Answer | None:
    """The N things a list question counts (十件民生实事), as the report lists them: the paragraph naming them with a
    colon and the N numbered paragraphs after it ("1. …；" … "10. …"), each cited.
    None when no top paragraph names that count of that thing."""
    m = _COUNTED_THING.search(question)
    if m is None:
        return None
    word = m.group("n")
    n = int(word) if word.isdigit() else _CN_N.get(word, 0)
    if not 2 <= n <= MAX_ITEMS:
        return None
    thing = ASKING_WORDS.split(m.group("thing"))[0]
    if len(thing) < 2:
        return None
    # the report may count it with fewer words, its head the same: "八件民生实事" as "八件实事"
    counted = re.compile(rf"(?:{word}|{n}){m.group('m')}[\u4e00-\u9fff]{{0,4}}?{re.escape(thing[-2:])}")
    for hit, para, start in retriever.top_paragraphs(hits):
        c = hit.chunk
        at = counted.search(para)
        if at is None:
            continue
        if para.rstrip().endswith(("：", ":")):
            points = _following_points(c, n, retriever)
            if points is not None:
                lead = para[para.rfind("。", 0, at.start()) + 1:].rstrip("：: ")
                quotes = [(lead, start + para.index(lead), c), *points]
                cites = [Citation(n=k, chunk_id=q.id, quote=quote, section=q.section_path, doc_title=q.doc_title, score=0.0,
                                  char_span=(s0, s0 + len(quote)), paragraph=q.text, year_scope=q.year_scope,
                                  region=q.region, report_year=q.report_year) for k, (quote, s0, q) in enumerate(quotes, 1)]
                text = f"{lead}[1]：" + "；".join(f"{quote}[{k}]" for k, (quote, _, _) in enumerate(quotes[1:], 2))
                return Answer(question, text, cites, False)
    return None


def _following_points(c: Chunk, n: int, retriever: HybridRetriever) -> list[tuple[str, int, Chunk]] | None:
    """The n paragraphs after the chunk's, each opening "1."…"n.", as (text less its closing mark, start, chunk)."""
    chunks = sorted((x for x in retriever.index.chunks if x.doc_id == c.doc_id and x.para_no > c.para_no),
                    key=lambda x: (x.para_no, x.char_span[0]))
    out: list[tuple[str, int, Chunk]] = []
    seen: set[int] = set()
    for x in chunks:
        if x.para_no in seen:
            continue
        seen.add(x.para_no)
        para, start = retriever.paragraph_of(x)
        if not re.match(rf"{len(out) + 1}\s*[.．、]", para):
            break
        quote = para.rstrip("；;。 ")
        out.append((quote, start, x))
        if len(out) == n:
            return out
    return None
