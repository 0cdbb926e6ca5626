"""Keyword tokens for BM25 over Chinese text: jieba words plus CJK character bigrams.

jieba's search mode gives whole terms (铝基新材料) and their parts; bigrams catch the words jieba
splits differently in the question and in the report. ASCII words are lower-cased (GDP → gdp).
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache

TOKENIZER_VERSION = "jieba+bigram-1"

_CJK = re.compile(r"[\u4e00-\u9fff]+")
_ASCII_WORD = re.compile(r"[A-Za-z]+|\d+(?:\.\d+)?")
_STOP = set(("的 了 和 与 及 是 在 等 为 对 把 将 我们 一 以 中 上 有 个 这 也 就 都 而 并 吗 呢 啊 吧 "
              "什么 多少 哪些 怎么 如何 几 请问 报告 提到 一下").split())


@lru_cache(maxsize=1)
def _jieba():
    import jieba
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def is_dictionary_word(word: str) -> bool:
    """Whether jieba's general dictionary knows the word ("合计", "机场"); place and project names of a
    report ("霁川", "曾家山") it mostly does not."""
    return bool(_jieba().get_FREQ(word))


def _tag(word: str) -> str:
    """jieba's part-of-speech tag for a dictionary word ("" for a word it does not know)."""
    _jieba()
    import jieba.posseg
    return jieba.posseg.dt.word_tag_tab.get(word, "")


def is_place_word(word: str) -> bool:
    """Whether jieba's dictionary tags the word a place name (利州, 剑阁, 朝天区), as CC-CEDICT may not list it."""
    return _tag(word) == "ns"


def is_noun(word: str) -> bool:
    """Whether jieba's dictionary tags the word a noun (老百姓, 房子, 工资), not a verb, adverb or conjunction."""
    tag = _tag(word)
    return tag.startswith("n") or tag == "vn"


# pronouns, conjunctions, prepositions, localizers, particles: jieba's tags for words that frame a clause
_FUNCTION_TAGS = ("r", "c", "p", "f", "u", "y", "e", "o")


def is_function_word(word: str) -> bool:
    """Whether jieba's dictionary tags the word a function word (那个, 自己, 并且, 以外, 之外): it names no subject.
    A 每-word (每月, 每人) is kept: it says the figure is a rate per month or per head; so is a localizer that names
    a place (东部, 上游, 沿线)."""
    return _tag(word).startswith(_FUNCTION_TAGS) and not word.startswith("每") and not _PLACE_LOCALIZER.search(word)


# localizers that name a place (东部城区, 嘉陵江上游, 高速沿线): content, though jieba tags them like 以上 or 之内
_PLACE_LOCALIZER = re.compile(r"[东西南北]|上游|下游|中游|沿线|周边|沿岸")


def nouns(text: str) -> list[str]:
    """jieba's nouns of two or more characters in the text ("国省考核断面水质优良率保持100%" → 断面, 水质, 优良率)."""
    _jieba()
    import jieba.posseg
    return [w for w, tag in jieba.posseg.lcut(text) if tag.startswith("n") and len(w) >= 2 and not w.isascii()]


def add_words(words) -> None:
    """Teach jieba domain terms (e.g. from the report) so they stay whole."""
    jb = _jieba()
    for w in words:
        if w and len(w) >= 2:
            jb.add_word(w, freq=2000)


def words(text: str) -> list[str]:
    """jieba's words of the text, in order, nothing left out ("农村卫生厕所普及率和生活污水治理率" → …, "和", …)."""
    return _jieba().lcut(text)


def keyword_tokens(text: str, bigrams: bool = True) -> list[str]:
    jb = _jieba()
    tokens: list[str] = []
    for w in jb.lcut_for_search(text):
        w = w.strip().lower()
        if not w or w in _STOP:
            continue
        if _CJK.fullmatch(w):
            tokens.append(w)
    tokens.extend(w.lower() for w in _ASCII_WORD.findall(text))
    if bigrams:
        for run in _CJK.findall(text):
            tokens.extend("b:" + run[i:i + 2] for i in range(len(run) - 1))
    return tokens
