"""The places of China a question names (CC-CEDICT's provinces, cities, counties and districts), and which of
them the reports in scope never speak of.

A question about 绵阳 or 'Bazhong' put to Guangyuan's report is no question about Guangyuan: its figure would be
Guangyuan's all the same. CC-CEDICT, already shipped for English questions, is the gazetteer: its entries say
"Mianyang, prefecture-level city in Sichuan", "Wangcang county in Guangyuan". A name counts only where it cannot
be a common word: a city or province may stand bare (巴中, 'Mianyang') when jieba cuts it as one word or the
English word is no English; a county or district only with its suffix (苍溪县, 'Cangxi county'); a name made only
of position words (新城区, 市中区, 城关) never. A county or district CC-CEDICT does not list (利州区) counts when jieba's
dictionary tags its name a place (places.jieba_counties).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from rag.search.english import _cedict_lines, english_lexicon
from rag.search.scope import short_name
from rag.store.tokens import is_place_word, words
from rag.switches import on

_GLOSS = re.compile(r"^([A-Z][a-z]+(?:'[a-z]+)?),? (prefecture-level city|subprovincial city|county-level city|county|"
                    r"city|district|province|autonomous prefecture|municipality|autonomous region)\b")
# kinds whose bare name is a place name (巴中); a county's or a district's needs its suffix (苍溪县)
_BARE_KINDS = frozenset({"prefecture-level city", "subprovincial city", "county-level city", "city", "province",
                         "municipality", "autonomous region", "autonomous prefecture"})
_SUFFIXED = re.compile(r"(?:市|县|区|省|州)$")
# a name of these characters only is also a common phrase (新城区, 市中区, 城东区, 郊区)
_POSITION_CHARS = frozenset("东西南北中新老城市郊矿上下前后内外县区省州")
_JOINED = re.compile(r"[-–—/]")
# a name in pinyin that a feature's kind follows names that feature ("Luzhou Island", "Jinshan Lake"), not a city
_FEATURE_AFTER = re.compile(r"\s+(?:island|lake|bay|park|river|mountain|hill|road|street|avenue|bridge|port|harbou?r|"
                            r"wetland|valley|gorge|reservoir|square|temple|station|new area|zone)s?\b", re.I)
_EN_NAME = re.compile(r"\b([A-Z][a-z]{3,}(?:'(?!s\b)[a-z]+)?)(?:['’]s)?(?:\s+(county|district|city|province|prefecture))?\b")


@lru_cache(maxsize=1)
def gazetteer() -> tuple[dict[str, bool], dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """(Chinese name → may stand bare; English name → its Chinese names, bare; English name → suffixed only)."""
    chinese: dict[str, bool] = {}
    bare_en: dict[str, list[str]] = {}
    suffixed_en: dict[str, list[str]] = {}
    for line in _cedict_lines():        # "綿陽 绵阳 [Mian2 yang2] /Mianyang, prefecture-level city in Sichuan/"
        _, simp, rest = line.split(" ", 2)
        if not 2 <= len(simp) <= 8 or not all("\u4e00" <= ch <= "\u9fff" for ch in simp):
            continue
        m = _GLOSS.match(rest.split("/", 1)[1])
        if not m or set(simp) <= _POSITION_CHARS:
            continue
        bare = m.group(2) in _BARE_KINDS
        if bare or (_SUFFIXED.search(simp) and len(simp) >= 3):
            chinese[simp] = chinese.get(simp, False) or bare
        name = m.group(1).lower()
        (bare_en if bare else suffixed_en).setdefault(name, []).append(simp)
    return (chinese, {k: tuple(v) for k, v in bare_en.items()}, {k: tuple(v) for k, v in suffixed_en.items()})


def named_places(question: str) -> list[str]:
    """The places of China the question names, as Chinese names (English names translated)."""
    chinese, bare_en, suffixed_en = gazetteer()
    found: list[str] = []
    if re.search(r"[\u4e00-\u9fff]", question):
        tokens = set(words(question))
        for n in range(8, 1, -1):
            for i in range(len(question) - n + 1):
                name = question[i:i + n]
                if name in chinese and ((_SUFFIXED.search(name) and n >= 3) or (chinese[name] and name in tokens)) \
                        and not any(name in f for f in found):
                    found.append(name)
                elif n in (3, 4) and name[-1] in "县区" and _a_county_jieba_knows(name) and not any(name in f for f in found):
                    found.append(name)
    for m in _EN_NAME.finditer(question):
        word, kind = m.group(1).lower(), m.group(2)
        if word in english_lexicon() or _JOINED.search(question[max(0, m.start() - 1):m.start()]) \
                or _JOINED.match(question, m.end(1)):
            continue        # "the Guangyuan–Bazhong railway": a route, which Chinese abbreviates (广巴铁路)
        if _FEATURE_AFTER.match(question, m.end()) and on("places.feature_name"):
            continue        # "the Luzhou Island business centre": an island, lake or park of the region, no city
        names = bare_en.get(word, ()) + (suffixed_en.get(word, ()) if kind in ("county", "district") else ())
        found += [n for n in names if n not in found]
    return found


def _a_county_jieba_knows(name: str) -> bool:
    """"利州区": a county or district CC-CEDICT does not list, whose name jieba's dictionary tags a place
    (places.jieba_counties); a name of position characters only (老城区) never."""
    stem = name[:-1]
    return not set(stem) <= _POSITION_CHARS and (is_place_word(stem) or is_place_word(name)) and on("places.jieba_counties")


@lru_cache(maxsize=1)
def _place_glosses() -> dict[str, tuple[str, ...]]:
    """Chinese place name → its CC-CEDICT glosses ("Cangxi county in Guangyuan 廣元|广元[…], Sichuan")."""
    out: dict[str, list[str]] = {}
    for line in _cedict_lines():
        _, simp, rest = line.split(" ", 2)
        gloss = rest.split("/", 1)[1] if "/" in rest else ""
        if _GLOSS.match(gloss):
            out.setdefault(simp, []).append(gloss)
    return {k: tuple(v) for k, v in out.items()}


def _english_names(place: str) -> set[str]:
    return {m.group(1).lower() for g in _place_glosses().get(place, ()) if (m := _GLOSS.match(g))}


def places_elsewhere(question: str, regions: Iterable[str]) -> list[str]:
    """The places the question names other than a region and a province holding one (四川 holds 广元): those outside
    every region (成都 for 广元市's report) and those inside one (利州区: "Lizhou district in Guangyuan"), whose
    figures a region's report gives only where it names them."""
    shorts = {short_name(r) for r in regions} | set(regions)
    region_glosses = " ".join(g.lower() for r in shorts for g in _place_glosses().get(r, ()))
    out = []
    for place in named_places(question):
        stem = short_name(place)
        if place in shorts or stem in shorts:
            continue
        if any(re.search(rf"\b{re.escape(n)}\b", region_glosses) for n in _english_names(place) | _english_names(stem)):
            continue        # holds a region
        out.append(place)
    return out


def unknown_places(question: str, texts: Iterable[str], regions: Iterable[str]) -> list[str]:
    """The places the question names that no report in scope mentions and that are none of its regions."""
    texts = list(texts)
    own = {r for region in regions for r in (region, short_name(region))}
    out, stems = [], set()
    for place in named_places(question):
        stem = short_name(place)
        if place in own or stem in own or stem in stems or any(stem in t for t in texts):
            continue
        stems.add(stem)
        out.append(place)
    return out
