"""Read the report files under the data folder into Documents with their structure.

A government work report has three parts (e.g. 2023年工作回顾 / 2024年主要目标任务和重点工作 /
加强政府自身建设), numbered sections (一、… and （一）…) and paragraphs whose lead sentence
("推动工业经济突破增长。") works as the innermost heading. Each paragraph also gets a year scope:
the review year (the report's year minus one) or the plan year.
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
import unicodedata
from pathlib import Path

from rag.errors import CorpusError
from rag.types import Document, Paragraph

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".txt", ".md")
_CN_NUM = "一二三四五六七八九十"
SECTION_RE = re.compile(rf"^[{_CN_NUM}]+、")
SUBSECTION_RE = re.compile(rf"^（[{_CN_NUM}]+）")
YEAR_RE = re.compile(r"(20\d\d)年")
CLOSING_PUNCT = "。！？；：，、"
# A paragraph's first sentence is used as a heading only when it is short, like "推动工业经济突破增长。"
MAX_LEAD_CHARS = 30
REVIEW_OPENERS = ("过去一年", "这一年", "一年来")
PLAN_OPENERS = ("新的一年", "今年")


# Files already reported as skipped, so one build (which lists the corpus several times) or a
# long-running server warns once per file, not on every listing.
_reported: set[Path] = set()


def unsupported_files(data_dir: Path) -> list[Path]:
    """Files under data_dir that are neither reports nor their metadata (they are skipped)."""
    return [p for p in sorted(Path(data_dir).rglob("*"))
            if p.is_file() and not p.name.startswith(".") and p.suffix.lower() not in SUPPORTED_SUFFIXES
            and not p.name.endswith(".meta.json")]


def corpus_files(data_dir: Path) -> list[Path]:
    """Every supported file under data_dir, sorted; unsupported files are logged (once) and skipped."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise CorpusError(f"data folder {data_dir} does not exist; put report .txt/.md files there")
    files = []
    for p in sorted(data_dir.rglob("*")):
        if not p.is_file() or p.name.startswith("."):
            continue
        if p.suffix.lower() in SUPPORTED_SUFFIXES:
            files.append(p)
        elif not p.name.endswith(".meta.json") and p not in _reported:
            _reported.add(p)
            log.warning("skipping %s: unsupported file type %r (use .txt or .md)", p, p.suffix)
    return files


def corpus_sha256(files: list[Path]) -> str:
    h = hashlib.sha256()
    for p in files:
        h.update(p.name.encode())
        h.update(b"\0")
        h.update(p.read_bytes())
        meta = p.with_suffix(".meta.json")
        if meta.exists():
            h.update(meta.read_bytes())
    return h.hexdigest()


def load_corpus(data_dir: Path) -> list[Document]:
    """All usable documents; a bad file is reported by name and the rest still load."""
    docs = []
    problems = []
    for path in corpus_files(data_dir):
        try:
            doc = load_document(path)
        except CorpusError as e:
            if path not in _reported:
                _reported.add(path)
                log.warning("%s", e)
            problems.append(str(e))
            continue
        _reported.discard(path)       # fixed since: report it again if it breaks again
        docs.append(doc)
    if not docs:
        skipped = [p.name for p in unsupported_files(data_dir)]
        if not problems:
            problems.append("no .txt or .md files")
        if skipped:
            problems.append(f"skipped unsupported {', '.join(skipped)}")
        raise CorpusError(f"no usable report in {data_dir}: {'; '.join(problems)}")
    return docs


def load_document(path: Path) -> Document:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise CorpusError(f"{path}: cannot read it ({e.strerror or e})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise CorpusError(f"{path}: not valid UTF-8 (byte {e.start}); save it as UTF-8") from None
    if not text.strip():
        raise CorpusError(f"{path}: file is empty")
    meta = _read_meta(path)
    year = meta.get("year") or _guess_year(path.stem, text)
    title = meta.get("title") or _guess_title(path.stem, year)
    doc_id = path.stem
    paragraphs, body = parse_paragraphs(text, year)
    return Document(id=doc_id, title=title, text=body, year=year, source=str(path),
                    paragraphs=tuple(paragraphs))


def _read_meta(path: Path) -> dict:
    """title (text) and year (an integer such as 2024) from <name>.meta.json; anything else is
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
    title, year = data.get("title"), data.get("year")
    if isinstance(title, str) and title.strip():
        out["title"] = title.strip()
    elif title is not None:
        log.warning("%s: ignoring title %r (expected text)", meta, title)
    if isinstance(year, str) and year.strip().isdigit():
        year = int(year.strip())
    if isinstance(year, int) and not isinstance(year, bool) and 1949 <= year <= 2200:
        out["year"] = year
    elif year is not None:
        log.warning("%s: ignoring year %r (expected a year such as 2024)", meta, year)
    return out


def _guess_year(stem: str, text: str) -> int | None:
    m = re.search(r"(20\d\d)", stem)
    if m:
        return int(m.group(1))
    years = [int(y) for y in YEAR_RE.findall(text[:5000])]
    return max(years) if years else None


def _guess_title(stem: str, year: int | None) -> str:
    return f"{stem} ({year})" if year else stem


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


def _is_part_heading(line: str) -> bool:
    return (len(line) <= 30 and line[-1] not in CLOSING_PUNCT
            and not SECTION_RE.match(line) and not SUBSECTION_RE.match(line))


def _is_section_heading(line: str) -> bool:
    return bool(SECTION_RE.match(line)) and len(line) <= 100 and line[-1] not in "。；"


def _is_heading(line: str) -> bool:
    return _is_part_heading(line) or _is_section_heading(line)


def lead_sentence(text: str) -> str | None:
    """The paragraph's short opening sentence, used as its heading; None when it has none."""
    m = re.match(rf"^([^。！？；]{{2,{MAX_LEAD_CHARS}}})[。！？]", text)
    if not m:
        return None
    lead = m.group(1)
    if lead.startswith(("各位代表", "现在")) or YEAR_RE.match(lead):
        return None
    # Commas mark a lead only in the review's "这一年，我们…，…" openers; elsewhere a short
    # sentence with a comma is ordinary text ("切实加强国防动员工作，积极创建…").
    if "，" in lead and not lead.startswith(REVIEW_OPENERS):
        return None
    return lead


def parse_paragraphs(text: str, year: int | None) -> tuple[list[Paragraph], str]:
    """Split into paragraphs with section paths and year scopes; returns them and the body text
    (paragraphs joined by blank lines) that every char_span refers to."""
    plan_year = str(year) if year else ""
    review_year = str(year - 1) if year else ""
    part: str | None = None
    part_scope = ""
    section: str | None = None
    paragraphs: list[Paragraph] = []
    pieces: list[str] = []
    pos = 0
    for line in _mend_lines(text):
        heading = False
        if _is_part_heading(line):
            part, section, heading = line, None, True
            m = YEAR_RE.match(line)
            part_scope = m.group(1) if m else plan_year
            path: tuple[str, ...] = (part,)
        elif _is_section_heading(line):
            section, heading = line, True
            path = tuple(x for x in (part, section) if x)
        else:
            path = tuple(x for x in (part, section) if x)
        scope = part_scope if part else ""
        if not heading:
            sub = SUBSECTION_RE.match(line)
            lead = lead_sentence(line[sub.end():] if sub else line)
            if sub:
                path += ((line[:sub.end()] + lead) if lead else line[:sub.end()],)
            elif lead:
                path += (lead,)
            if line.startswith(REVIEW_OPENERS) and review_year:
                scope = review_year
            elif line.startswith(PLAN_OPENERS) and plan_year:
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
