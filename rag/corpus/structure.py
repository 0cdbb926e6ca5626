"""The section tree and year scope of every paragraph of a report, whatever its layout.

A government work report reviews the past year and plans the next. Layouts differ: an unnumbered part
heading ("2023年工作回顾") or a numbered one ("一、2024年工作回顾", indented or not); sections "一、…" and
subsections "（一）…" as heading lines or as a paragraph's opening; "——这一年，…" paragraphs; "1./2."
points; "2025年主要预期目标" parts. Each paragraph's section path is part > section > lead sentence, and
its year scope says which year it speaks of:
- a part heading that names a year gives it (the review part "2024年工作回顾" → "2024", the plan part
  "2025年主要预期目标" → "2025"); a part without a year after the review plans for the report's year;
- within the review, a paragraph opening "过去一年"/"这一年" is the review year, one opening "新的一年"/"今年"
  the plan year; text before the first part (salutations) has no scope.
"""
from __future__ import annotations

import re
import unicodedata

from rag.types import Paragraph

_CN_NUM = "一二三四五六七八九十"
SECTION_RE = re.compile(rf"^[{_CN_NUM}]+、")
SUBSECTION_RE = re.compile(rf"^（[{_CN_NUM}]+）")
YEAR_RE = re.compile(r"(20\d\d)年")
CLOSING_PUNCT = "。！？；：，、"
# A paragraph's first sentence is used as a heading only when it is short, like "推动工业经济突破增长。"
MAX_LEAD_CHARS = 30
REVIEW_OPENERS = ("过去一年", "这一年", "一年来")
PLAN_OPENERS = ("新的一年", "今年")
# "——这一年，我们…": a dash that introduces a paragraph of the review
_DASHES = "—－-–"
# a part heading naming the year it reviews or plans: "2024年工作回顾", "一、2024年工作回顾",
# "第一部分 2024年工作回顾", "2025年主要预期目标", "二、2025年重点工作", "2024年主要目标任务和重点工作",
# and the first year of a plan period: "一、2025年和“十四五”时期工作回顾", "二、“十五五”时期目标和2026年工作任务"
_PART_NO = r"(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分[\s、:：]*)?"
_REVIEW_PART = re.compile(rf"^{_PART_NO}\s*[^。，]{{0,12}}?(20\d\d)年[^。，]{{0,12}}回顾$")
_PLAN_PART = re.compile(rf"^{_PART_NO}\s*[^。，]{{0,12}}?(20\d\d)年[^。，]{{0,12}}?(?:目标|任务|重点工作|工作安排|工作部署|计划)")
# the same without a year: "过去一年的工作", "一年来的工作回顾" review; "今年的目标任务", "新的一年工作安排" plan
_REVIEW_REL = re.compile(rf"^{_PART_NO}\s*(?:过去一年|过去的一年|一年来|上一年|去年)[^。，]{{0,8}}?(?:工作|回顾)")
_PLAN_REL = re.compile(rf"^{_PART_NO}\s*(?:今年|新的一年|本年度?)[^。，]{{0,8}}?(?:目标|任务|工作|安排|部署|计划)")


def normalize(line: str) -> str:
    # NFC only: NFKC would turn full-width （一） into (一) and break verbatim quotes.
    return unicodedata.normalize("NFC", line).replace("\u3000", " ").strip()


def _mend_lines(text: str) -> list[str]:
    """Non-empty lines, with a line that breaks mid-sentence (ends in "，" or "、") joined to the next."""
    lines = [normalize(raw) for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    out: list[str] = []
    for line in lines:
        if out and out[-1][-1] in "，、" and not _is_heading(line):
            out[-1] += line
        else:
            out.append(line)
    return out


def _is_short_heading(line: str) -> bool:
    # a heading holds no full stop: "（本文为…杜撰。）" is a note, however short
    return len(line) <= 30 and line[-1] not in CLOSING_PUNCT and "。" not in line


def _is_part_heading(line: str) -> bool:
    """An unnumbered part heading ("2023年工作回顾", "加强政府自身建设")."""
    return _is_short_heading(line) and not SECTION_RE.match(line) and not SUBSECTION_RE.match(line)


def _is_section_heading(line: str) -> bool:
    return bool(SECTION_RE.match(line)) and len(line) <= 100 and line[-1] not in "。；"


def _is_subsection_heading(line: str) -> bool:
    """"（一）经济实力实现新跃升" standing alone on its line (not the opening of a paragraph)."""
    return bool(SUBSECTION_RE.match(line)) and _is_short_heading(line) and "。" not in line


def _is_heading(line: str) -> bool:
    return _is_part_heading(line) or _is_section_heading(line) or _is_subsection_heading(line)


def part_year(line: str) -> tuple[str, str] | None:
    """("review"|"plan", year) when a heading names the year its part reviews or plans."""
    m = _REVIEW_PART.match(line)
    if m:
        return "review", m.group(1)
    m = _PLAN_PART.match(line)
    if m and _is_short_heading(line):
        return "plan", m.group(1)
    return None


def lead_sentence(text: str, numbered: bool = False) -> str | None:
    """The paragraph's short opening sentence, used as its heading; None when it has none. After a "（一）" mark
    (`numbered`) the opening sentence is the heading even with a comma: "（一）坚持创新驱动，着力壮大现代产业。"."""
    m = re.match(rf"^([^。！？；]{{2,{MAX_LEAD_CHARS}}})[。！？]", text)
    if not m:
        return None
    lead = m.group(1)
    if lead.startswith(("各位代表", "现在")) or YEAR_RE.match(lead):
        return None
    # Commas mark a lead only in the review's "这一年，我们…，…" openers; elsewhere a short
    # sentence with a comma is ordinary text ("切实加强国防动员工作，积极创建…").
    if "，" in lead and not numbered and not lead.lstrip(_DASHES).startswith(REVIEW_OPENERS):
        return None
    return lead


def parse_paragraphs(text: str, year: int | None) -> tuple[list[Paragraph], str]:
    """Split into paragraphs with section paths and year scopes; returns them and the body text
    (paragraphs joined by blank lines) that every char_span refers to. `year` is the year the report
    was delivered (the year it plans for)."""
    plan_year = str(year) if year else ""
    review_year = str(year - 1) if year else ""
    part: str | None = None
    part_scope = ""
    numbered_parts = False        # the report numbers its parts "一、2024年工作回顾", "二、…"
    seen_review = False
    section: str | None = None
    subsection: str | None = None
    paragraphs: list[Paragraph] = []
    pieces: list[str] = []
    pos = 0
    for line in _mend_lines(text):
        heading = False
        named = part_year(line) if (_is_short_heading(line) or SECTION_RE.match(line)) else None
        if named and (SECTION_RE.match(line) or _is_part_heading(line)):
            numbered_parts = numbered_parts or bool(SECTION_RE.match(line))
            kind, y = named
            seen_review = seen_review or kind == "review"
            part, section, subsection, heading, part_scope = line, None, None, True, y
            path: tuple[str, ...] = (part,)
        elif _is_part_heading(line) or (numbered_parts and _is_section_heading(line)):
            # a part without a year: after the review it plans ("加强政府自身建设", "三、2025年重点工作"
            # is caught above); before any review it is the report's own year as well
            part, section, subsection, heading = line, None, None, True
            m = YEAR_RE.match(line.split("、", 1)[-1])
            part_scope = m.group(1) if m else plan_year
            if not m and _REVIEW_REL.match(line) and review_year:       # "过去一年的工作"
                part_scope, seen_review = review_year, True
            path = (part,)
        elif _is_section_heading(line):
            section, subsection, heading = line, None, True
            path = tuple(x for x in (part, section) if x)
        elif _is_subsection_heading(line):
            subsection, heading = line, True
            path = tuple(x for x in (part, section, subsection) if x)
        else:
            path = tuple(x for x in (part, section, subsection) if x)
        scope = part_scope if part else ""
        if not heading:
            sub = SUBSECTION_RE.match(line)
            lead = lead_sentence(line[sub.end():], numbered=True) if sub else lead_sentence(line)
            if sub:
                path += ((line[:sub.end()] + lead) if lead else line[:sub.end()],)
            elif lead:
                path += (lead,)
            opening = line.lstrip(_DASHES)
            if opening.startswith(REVIEW_OPENERS) and review_year:
                scope = review_year
            elif opening.startswith(PLAN_OPENERS) and plan_year:
                scope = plan_year
            if line.startswith("各位代表") and len(line) < 10:
                scope = ""
            if part is None:
                scope = ""
        if pieces:
            pos += 2
        paragraphs.append(Paragraph(para_no=len(paragraphs), text=line, char_span=(pos, pos + len(line)),
                                    section=path, year_scope=scope, is_heading=heading))
        pieces.append(line)
        pos += len(line)
    return paragraphs, "\n\n".join(pieces)
