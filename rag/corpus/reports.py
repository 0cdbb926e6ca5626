"""Whose report a file is and when it was delivered: region, level, year and title.

From `<name>.meta.json` when present ({"title", "region", "level", "year"}), otherwise read from the
text: a title line ("广元市2024年政府工作报告"), the line naming the congress ("在广元市第九届人民代表大会
第四次会议上"), the review heading ("一、2024年工作回顾" → delivered 2025), the file name. The year is
the year the report was delivered, which is the year it plans for (the 2025 report reviews 2024).
What cannot be told is left empty, and the caller warns naming the file and what to add.
"""
from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from rag.corpus.structure import YEAR_RE, part_year

log = logging.getLogger(__name__)

LEVELS = ("国家", "省", "市", "县")
# other names of those levels a meta.json may use
LEVEL_ALIASES = {"全国": "国家", "中央": "国家", "自治区": "省", "直辖市": "省", "地级市": "市", "自治州": "市", "州": "市",
                 "盟": "市", "地区": "市", "区": "县", "县级市": "县", "旗": "县", "自治县": "县"}
# province-level cities end in 市 but report to the NPC like provinces
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
_REGION = r"([\u4e00-\u9fff]{1,12}?(?:特别行政区|自治区|自治州|自治县|省|市|州|盟|地区|县|区|旗))"
_TITLE_RE = re.compile(rf"^{_REGION}?\s*(?:人民政府)?\s*(20\d\d)\s*年\s*(?:政府工作报告|人民政府工作报告)")
_CONGRESS_RE = re.compile(rf"(?:(20\d\d)年\d{{1,2}}月\d{{1,2}}日)?\s*在{_REGION}第[一二三四五六七八九十\d]+届人民代表大会")
_NATIONAL_RE = re.compile(r"第[一二三四五六七八九十\d]+届全国人民代表大会")


@dataclass(frozen=True)
class ReportInfo:
    """What is known of a report before its text is parsed; "" / None where it could not be told."""

    title: str
    region: str
    level: str
    year: int | None
    missing: tuple[str, ...] = ()        # what could not be told ("region", "year")


def level_of(region: str) -> str:
    """The administrative level a region name says: 全国 → 国家, …省/自治区/直辖市 → 省, …市/州/盟 → 市, …县/区 → 县."""
    if not region:
        return ""
    if region in ("全国", "中国", "国务院"):
        return "国家"
    if region.endswith(("省", "自治区", "特别行政区")) or region in _MUNICIPALITIES:
        return "省"
    if region.endswith(("市", "州", "盟", "地区")):
        return "市"
    if region.endswith(("县", "区", "旗")):
        return "县"
    return ""


def read_meta(path: Path) -> dict:
    """title/region/level (text) and year (an integer such as 2024) from <name>.meta.json; anything else is
    ignored with a warning, since a bad year would shift every 去年/今年 scope."""
    meta = path.with_suffix(".meta.json")
    if not meta.exists():
        return {}
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError) as e:
        log.warning("%s: ignoring unreadable metadata (%s)", meta, e)
        return {}
    if not isinstance(data, dict):
        log.warning("%s: ignoring metadata that is not a JSON object", meta)
        return {}
    out: dict[str, str | int] = {}
    for key in ("title", "region", "level"):
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            out[key] = value.strip()
        elif value is not None:
            log.warning("%s: ignoring %s %r (expected text)", meta, key, value)
    if "level" in out and out["level"] in LEVEL_ALIASES:
        out["level"] = LEVEL_ALIASES[str(out["level"])]       # "区" is a county-level report, "自治区" a province's
    if "level" in out and out["level"] not in LEVELS:
        log.warning("%s: ignoring level %r (use one of %s)", meta, out.pop("level"), "/".join(LEVELS))
    year = data.get("year")
    if isinstance(year, str) and year.strip().isdigit():
        year = int(year.strip())
    if isinstance(year, int) and not isinstance(year, bool) and 1949 <= year <= 2200:
        out["year"] = year
    elif year is not None:
        log.warning("%s: ignoring year %r (expected a year such as 2024)", meta, year)
    return out


def _from_text(text: str) -> tuple[str, int | None]:
    """(region, year) from the report's opening lines, "" / None where they do not say."""
    region, year = "", None
    head = [line.strip() for line in text[:3000].splitlines() if line.strip()][:12]
    for line in head:
        m = _TITLE_RE.match(line.replace("\u3000", ""))
        if m:
            region, year = region or (m.group(1) or ""), year or int(m.group(2))
        m = _CONGRESS_RE.search(line)
        if m:
            region = region or m.group(2)
            year = year or (int(m.group(1)) if m.group(1) else None)
        elif _NATIONAL_RE.search(line):
            region = region or "全国"
            said = YEAR_RE.search(line)
            year = year or (int(said.group(1)) if said else None)
    if year is None:
        # the review part names the year before delivery, the plan part the year of it
        for line in text.splitlines():
            named = part_year(line.replace("\u3000", "").strip())
            if named:
                kind, y = named
                year = int(y) + 1 if kind == "review" else int(y)
                break
    return region, year


def _from_file_name(stem: str) -> tuple[str, int | None]:
    m = re.search(r"(20\d\d)", stem)
    r = re.match(_REGION, stem)
    return (r.group(1) if r else ""), (int(m.group(1)) if m else None)


def report_info(path: Path, text: str) -> ReportInfo:
    """Metadata of the report in `path` (whose text is `text`): meta.json first, then the text, then
    the file name. `missing` names what none of them tells."""
    meta = read_meta(path)
    text_region, text_year = _from_text(text)
    name_region, name_year = _from_file_name(path.stem)
    region = str(meta.get("region") or text_region or name_region)
    year_value = meta.get("year") or text_year or name_year
    year = int(year_value) if year_value else None
    level = str(meta.get("level") or level_of(region))
    if meta.get("title"):
        title = str(meta["title"])
    elif region and year:
        title = f"{region}{year}年政府工作报告"
    else:
        title = f"{path.stem} ({year})" if year else path.stem
    missing = tuple(k for k, v in (("region", region), ("year", year)) if not v)
    return ReportInfo(title=title, region=region, level=level, year=year, missing=missing)
