"""The Nth member of a list the report counts out: "民生实事里第九件是啥" → "九是为65岁以上老年人免费健康体检30万人次"."""
from __future__ import annotations

import re

from rag.answer.clauses import _citation
from rag.answer.cues import CLAUSE_END
from rag.answer.rules import on
from rag.figures import cn_to_number
from rag.search.query import content_terms, is_english_text, term_present
from rag.search.retrieval import HybridRetriever
from rag.search.sentences import Evidence
from rag.types import Answer, Hit

_CN = "一二三四五六七八九十"
# "第九件", "第3项", "第二个方面": the member asked by its place in the list
_ORDINAL = re.compile(r"第([一二三四五六七八九十]{1,2}|\d{1,2})(?:件|项|个|条|点|方面|大)")


# the scope of a record before an ordinal: "全国第一条…", "全省第一个…", "西部首个…" (list.ordinal_record)
_RECORD_BEFORE = re.compile(r"(?:全国|全省|全市|全球|世界|国内|省内|西部|中国)$")


def _number(word: str) -> int:
    """"九" → 9, "十二" → 12, "3" → 3."""
    return int(word) if word.isdigit() else int(cn_to_number(word) or 0)


def _chinese(n: int) -> str:
    if n <= 10:
        return _CN[n - 1]
    return "十" + _CN[n - 11] if n < 20 else _CN[n // 10 - 1] + "十" + (_CN[n % 10 - 1] if n % 10 else "")


# "What is the second one?", "the fourth of the principles", "the third point": an English ordinal asking a member, not
# "the first city in China", "the second batch", "the third plenary session"
_EN_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
_EN_ORDINAL = re.compile(rf"\bthe ({'|'.join(_EN_ORDINALS)})(?=\s+(?:one|of|point|principle|item|task|thing|measure|"
                         r"area|goal|requirement|priority|aspect|part|pillar)s?\b|\s*[?？])", re.I)
# “一次就把情况弄清”“一次就把工作做对”“一次就把事情办成”: slogans the report quotes one after another
_QUOTED_SERIES = re.compile(r"(?:“[^“”]{1,20}”[、和及]?){2,}")


def _asked_place(question: str) -> tuple[int, str] | None:
    """The place of the member asked ("第九件" → 9) and the words naming it, or None."""
    m = _ORDINAL.search(question)
    if m is not None and on("list.ordinal_record") and _RECORD_BEFORE.search(question[:m.start()]):
        m = None        # "全国第一条标准动货线": a record the thing holds, no member of a list asked
    if m is not None:
        return _number(m.group(1)), m.group()
    m = _EN_ORDINAL.search(question) if on("list.ordinal_english") else None
    if m is not None and is_english_text(question):
        return _EN_ORDINALS.index(m.group(1).lower()) + 1, m.group()
    return None


def ordinal_point(question: str, retriever: HybridRetriever, hits: list[Hit]) -> Answer | None:
    """The point "N是…" (inline, the genre's 一是…十是) of the top paragraph that names the question's words and counts
    out at least N points, or the Nth of slogans quoted one after another (“…”“…”“…”); None when the question asks no
    member by its place or no paragraph lists one (list.ordinal_member)."""
    asked = _asked_place(question)
    if asked is None or not on("list.ordinal_member"):
        return None
    n, said = asked
    if not 1 <= n <= 20:
        return None
    terms = content_terms(question.replace(said, " "))
    mark = re.compile(rf"(?:^|(?<=[{CLAUSE_END}]))\s*{_chinese(n)}是")
    for hit, para, start in retriever.top_paragraphs(hits):
        at = mark.search(para)
        if at is None and on("list.ordinal_quoted"):
            quoted = _quoted_member(question, hit, para, start, n, terms)
            if quoted is not None:
                return quoted
        if at is None or not any(term_present(t, para[:at.start()].lower()) for t in terms):
            continue
        s = at.start() + len(at.group()) - len(at.group().lstrip())
        e = s
        while e < len(para) and para[e] not in "；;。":
            e += 1
        quote = para[s:e]
        ev = Evidence(hit=hit, sentence=quote, span=(start + s, start + e), score=hit.score, coverage=1.0)
        return Answer(question, f"{quote}[1]", [_citation(1, ev)], False)
    return None


def _quoted_member(question: str, hit: Hit, para: str, start: int, n: int, terms: list[str]) -> Answer | None:
    """The Nth of at least N slogans the paragraph quotes one after another, in a sentence naming a question word or
    quoting a word the question has ("'do it once'" → “一次就把…”)."""
    for m in _QUOTED_SERIES.finditer(para):
        items = list(re.finditer(r"“([^“”]{1,20})”", m.group()))
        if len(items) < n:
            continue
        s = max(para.rfind(p, 0, m.start()) for p in "。；;！？") + 1
        sentence = para[s:m.end()].lower()
        if not any(term_present(t, sentence) for t in terms):
            continue
        item = items[n - 1]
        a, b = m.start() + item.start(), m.start() + item.end()
        ev = Evidence(hit=hit, sentence=para[a:b], span=(start + a, start + b), score=hit.score, coverage=1.0)
        return Answer(question, f"{para[a:b]}[1]", [_citation(1, ev)], False)
    return None
