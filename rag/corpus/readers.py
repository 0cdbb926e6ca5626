"""Plain text of a report file (.txt, .md, .pdf, .docx, .html), one paragraph per blank-line-separated block.

Every problem is a CorpusError that names the file and says what to do. Each format's library is imported
only when a file of that format is read, so importing this module costs nothing.

Libraries (PyPI names): pypdf (PDF text layer; pypdf[crypto] for AES-encrypted files), python-docx,
trafilatura (main text of a saved web page), opencc (Traditional → Simplified).
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from rag.errors import CorpusError

SUPPORTED_SUFFIXES = (".txt", ".md", ".pdf", ".docx", ".html", ".htm")
MAX_FILE_BYTES = 50 * 1024 * 1024

# A line ending in one of these (optionally followed by closing quotes or brackets) ends its paragraph.
_TERMINAL = "。！？；：…!?;"
_CLOSERS = "”’」』）)】〕》\"'"
_ENDS_PARAGRAPH = re.compile(rf"[{re.escape(_TERMINAL)}][{re.escape(_CLOSERS)}]*$")
# A line starting with one of these was wrapped before punctuation (no kinsoku in the PDF): it continues.
_CONTINUES_FROM_LEFT = tuple("，、。；：！？”’」』）)】〕》%.,;:")
_NUMERAL = "一二三四五六七八九十百零〇"
_HEADING_START = re.compile(rf"^(?:[{_NUMERAL}]+、|（[{_NUMERAL}]+）|\([{_NUMERAL}]+\)|第[{_NUMERAL}\d]+[章节部分篇])")
_DASHES = r"\-—–－―~～_·•"
_PAGE_NUMBER = re.compile(
    rf"^[{_DASHES}\s]*"
    r"(?:第\s*\d+\s*页(?:\s*[/／,，]?\s*共\s*\d+\s*页)?"           # 第3页, 第3页 共10页
    r"|\d{1,3}\s*(?:[/／]\s*\d{1,3})?"                                # 3, 3/10
    r"|(?:page|p\.)\s*\d+(?:\s*(?:of|/)\s*\d+)?"                      # Page 3 of 10
    r"|共\s*\d+\s*页\s*第\s*\d+\s*页)"
    rf"[{_DASHES}\s]*$",
    re.IGNORECASE,
)
_URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s，。；、）)】]+", re.IGNORECASE)
# Saved-web-page noise that survives main-text extraction: a short line that starts with a label such as
# "责任编辑：", or that consists only of buttons such as "【打印本页】【关闭窗口】" or "分享到 微信 微博".
_WEB_LABEL = re.compile(
    r"^[\[【(（]?\s*(?:责任编辑|编辑|审核|校对|来源|信息来源|文章来源|发布时间|发布日期|发布机构|发文机关|浏览次数|阅读次数|点击数|点击量"
    r"|访问量|字号|字体|当前位置|您当前的位置|您现在的位置|当前页面|上一篇|下一篇|分享到|扫一扫)\s*[：:]"
)
_WEB_BUTTONS = re.compile(
    r"^(?:[\s【】\[\]()（）|｜/、，,>＞»·：:]|打印本页|打印|关闭窗口|关闭|收藏本页|收藏|分享到|分享|微信|微博|QQ空间|QQ"
    r"|返回顶部|返回首页|网站首页|首页|返回|字号|字体|大|中|小|上一篇|下一篇|扫一扫|纠错|我要纠错)+$"
)
_WEB_NOISE_MAX_CHARS = 60


def read_report_text(path: Path) -> str:
    """The report's plain text, paragraphs separated by a blank line; CorpusError when nothing usable is in it."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise CorpusError(f"{path.name}: unsupported file type {suffix!r}; save it as one of {', '.join(SUPPORTED_SUFFIXES)}")
    try:
        size = path.stat().st_size
    except OSError as e:
        raise CorpusError(f"{path.name}: cannot read it ({e.strerror or e})") from None
    if size == 0:
        raise CorpusError(f"{path.name}: file is empty (0 bytes); put the report's text in it or remove it")
    if size > MAX_FILE_BYTES:
        raise CorpusError(f"{path.name}: file is too large ({size / 1024 / 1024:.1f} MB, limit {MAX_FILE_BYTES / 1024 / 1024:.0f} MB); "
                          "split it or save only the report's text")
    readers: dict[str, Callable[[Path], list[str]]] = {
        ".txt": _read_plain, ".md": _read_markdown, ".pdf": _read_pdf, ".docx": _read_docx, ".html": _read_html, ".htm": _read_html,
    }
    paragraphs = [p for p in (_clean_line(p) for p in readers[suffix](path)) if p]
    if not paragraphs:
        raise CorpusError(f"{path.name}: no text found in it; check that it is the report itself")
    return "\n\n".join(paragraphs)


# ---- Traditional → Simplified ---------------------------------------------------------------------


@lru_cache(maxsize=1)
def _t2s() -> Any:
    opencc = _require("opencc", "opencc")
    try:
        return opencc.OpenCC("t2s")
    except Exception as e:
        raise CorpusError(f"OpenCC cannot load its t2s conversion ({e}); reinstall it: pip install opencc") from None


def to_simplified(text: str) -> str:
    """Traditional Chinese turned into Simplified with OpenCC's t2s, keeping the text's length (character for character)."""
    if not text:
        return text
    convert = _t2s().convert
    out = convert(text)
    if len(out) == len(text):
        return out
    # A phrase rule changed the length somewhere: redo line by line, and character by character where still needed.
    lines = text.split("\n")
    fixed = []
    for line in lines:
        conv = convert(line)
        if len(conv) != len(line):
            conv = "".join(c if len(c) == 1 else ch for ch, c in ((ch, convert(ch)) for ch in line))
        fixed.append(conv)
    return "\n".join(fixed)


def looks_traditional(text: str, threshold: float = 0.05) -> bool:
    """True when more than `threshold` of the Chinese characters (in the first 20,000) change under t2s."""
    han = [ch for ch in text[:20000] if _is_han(ch)]
    if not han:
        return False
    sample = "".join(han)
    changed = sum(a != b for a, b in zip(sample, to_simplified(sample), strict=True))
    return changed / len(han) > threshold


# ---- .txt / .md ---------------------------------------------------------------------------------------


def _read_plain(path: Path) -> list[str]:
    text = _decode_text(path, _read_bytes(path))
    return text.split("\n")


def _read_markdown(path: Path) -> list[str]:
    lines = []
    for line in _read_plain(path):
        stripped = line.strip()
        if re.fullmatch(r"(?:[-*_]\s*){3,}", stripped):         # a horizontal rule
            continue
        lines.append(re.sub(r"^\s{0,3}(?:#{1,6}\s+|>\s?)", "", line))
    return lines


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as e:
        raise CorpusError(f"{path.name}: cannot read it ({e.strerror or e})") from None


def _decode_text(path: Path, raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):             # UTF-16 with a BOM (Windows Notepad's "Unicode")
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise CorpusError(f"{path.name}: broken UTF-16 text; save it as UTF-8") from None
        return _normalize_newlines(text)
    if b"\x00" in raw:
        raise CorpusError(f"{path.name}: binary data (NUL bytes), not text; save the report as UTF-8 text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        utf8_error = e
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise CorpusError(f"{path.name}: not valid UTF-8 (byte {utf8_error.start}) nor GBK/GB18030 text; "
                              "save it as UTF-8") from None
        if not _mostly_chinese(text):
            raise CorpusError(f"{path.name}: not valid UTF-8 (byte {utf8_error.start}) and not Chinese GBK text either; "
                              "save it as UTF-8") from None
    if _control_share(text) > 0.01:
        raise CorpusError(f"{path.name}: binary data (control characters), not text; save the report as UTF-8 text")
    return _normalize_newlines(text)


def _mostly_chinese(text: str) -> bool:
    """Text decoded as GB18030 is believed when most of its non-ASCII characters are common Chinese ones."""
    non_ascii = [ch for ch in text if ord(ch) > 0x7F and not ch.isspace()]
    if not non_ascii:
        return False
    chinese = sum(1 for ch in non_ascii if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef")
    return chinese / len(non_ascii) >= 0.9 and _control_share(text) == 0


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    return bad / len(text)


# ---- .pdf ---------------------------------------------------------------------------------------------


def _read_pdf(path: Path) -> list[str]:
    pypdf = _require("pypdf", "pypdf", path)
    try:
        reader = pypdf.PdfReader(str(path))
        encrypted = reader.is_encrypted
    except Exception as e:
        raise CorpusError(f"{path.name}: not a readable PDF ({_why(e)}); open it and save a fresh copy") from None
    if encrypted:
        # Many published PDFs are encrypted only against editing: an empty user password opens them.
        try:
            opened = reader.decrypt("")
        except Exception as e:
            if type(e).__name__ == "DependencyError":
                raise CorpusError(f"{path.name}: PDF is AES-encrypted and pypdf needs the 'cryptography' package for it; "
                                  "pip install 'pypdf[crypto]'") from None
            raise CorpusError(f"{path.name}: PDF is encrypted and cannot be opened ({_why(e)}); save an unencrypted copy") from None
        if not opened:
            raise CorpusError(f"{path.name}: PDF is encrypted (needs a password); save an unencrypted copy")
    pages: list[list[str]] = []
    try:
        for page in reader.pages:
            _fix_embedded_cmaps(page)
            pages.append(_normalize_newlines(page.extract_text() or "").split("\n"))
    except Exception as e:
        raise CorpusError(f"{path.name}: cannot extract the PDF's text ({_why(e)}); save it again as PDF or as .docx/.txt") from None
    if not any(_clean_line(line) for lines in pages for line in lines):
        raise CorpusError(f"{path.name}: 扫描件/no text layer: OCR it first (the PDF's pages are images without text)")
    lines = _drop_page_furniture(pages)
    if not lines:
        raise CorpusError(f"{path.name}: the PDF has only page headers, footers and page numbers; check that it is the report")
    return _rejoin_wrapped_lines(lines)


def _fix_embedded_cmaps(page: Any) -> None:
    """Read two-byte codes for Type0 fonts whose /Encoding is an embedded CMap stream.

    pypdf decodes such fonts (written by fpdf2 and others for CFF-based CJK fonts such as Noto CJK) one byte at a
    time, which garbles the text; their /ToUnicode maps the two-byte codes, so reading the codes as Identity-H
    gives the right characters. Only the in-memory page changes.
    """
    from pypdf.generic import NameObject, StreamObject

    resources = page.get("/Resources")
    fonts = resources.get_object().get("/Font") if resources is not None else None
    if fonts is None:
        return
    fonts = fonts.get_object()
    for key in list(fonts.keys()):
        font = fonts[key].get_object()
        if font.get("/Subtype") != "/Type0" or "/ToUnicode" not in font:
            continue
        encoding = font.get("/Encoding")
        encoding = encoding.get_object() if encoding is not None else None
        if not isinstance(encoding, StreamObject):
            continue
        ranges = re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>",
                            encoding.get_data().split(b"begincodespacerange", 1)[-1].split(b"endcodespacerange", 1)[0])
        if ranges and all(len(lo) == 4 and len(hi) == 4 for lo, hi in ranges):
            font[NameObject("/Encoding")] = NameObject("/Identity-H")


def _drop_page_furniture(pages: list[list[str]]) -> list[str]:
    """The pages' lines in order, without page numbers, URL lines and header/footer lines repeated on most pages."""
    pages = [[ln for ln in (_clean_pdf_line(x) for x in lines) if ln] for lines in pages]
    repeated: set[str] = set()
    if len(pages) >= 2:
        counts: Counter[str] = Counter()
        for lines in pages:
            edge = set(lines[:3] + lines[-3:])
            counts.update({_furniture_key(ln) for ln in edge})
        needed = max(2, math.ceil(0.4 * len(pages)))
        repeated = {key for key, n in counts.items() if n >= needed}
    out = []
    for lines in pages:
        for i, line in enumerate(lines):
            at_edge = i < 3 or i >= len(lines) - 3
            if _PAGE_NUMBER.match(line) or _is_url_line(line) or (at_edge and _furniture_key(line) in repeated):
                continue
            out.append(line)
    return out


def _furniture_key(line: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line))


def _rejoin_wrapped_lines(lines: list[str]) -> list[str]:
    """Join lines that the PDF broke inside a paragraph.

    A line continues on the next one unless it ends a sentence (。！？；： and the like, maybe followed by a
    closing quote or bracket). A line that stops well short of the page's usual line width and has no comma
    at its end is a heading or a paragraph's end, so it stands alone; a line that starts with punctuation
    always belongs to the previous one.
    """
    widths = sorted(_display_width(ln) for ln in lines)
    full = widths[int(0.8 * (len(widths) - 1))] if widths else 0
    out: list[str] = []
    for line in lines:
        if out:
            prev = out[-1]
            if line.startswith(_CONTINUES_FROM_LEFT):
                out[-1] = _join(prev, line)
                continue
            ends_clause = prev.endswith(("，", "、", ",", "—", "～"))
            wrapped = _display_width(prev) >= 0.8 * full and not _HEADING_START.match(line)
            if not _ENDS_PARAGRAPH.search(prev) and (ends_clause or wrapped):
                out[-1] = _join(prev, line)
                continue
        out.append(line)
    return out


def _join(left: str, right: str) -> str:
    if left and right and left[-1].isascii() and left[-1].isalpha() and right[0].isascii() and right[0].isalpha():
        return f"{left} {right}"                  # an English word was wrapped at a space
    return left + right


def _display_width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


# ---- .docx --------------------------------------------------------------------------------------------


def _read_docx(path: Path) -> list[str]:
    docx = _require("docx", "python-docx", path)
    try:
        document = docx.Document(str(path))
        return list(_docx_blocks(document))
    except CorpusError:
        raise
    except Exception as e:
        raise CorpusError(f"{path.name}: not a readable Word .docx file ({_why(e)}); open it in Word/WPS and save as .docx again") from None


def _docx_blocks(document: Any) -> Iterable[str]:
    """Body paragraphs and tables in document order; a table gives one line per row, cells joined by " | "."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield from Paragraph(child, document).text.split("\n")
        elif tag == "tbl":
            yield from _table_rows(Table(child, document))


def _table_rows(table: Any) -> Iterable[str]:
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:              # a merged cell appears once per grid column it spans
                continue
            seen.add(id(cell._tc))
            text = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
            nested = [r for t in cell.tables for r in _table_rows(t)]
            text = " ".join([text, *nested]).strip()
            if text:
                cells.append(text)
        if cells:
            yield " | ".join(cells)


# ---- .html / .htm ------------------------------------------------------------------------------------


def _read_html(path: Path) -> list[str]:
    trafilatura = _require("trafilatura", "trafilatura", path)
    raw = _read_bytes(path)
    try:
        text = trafilatura.extract(raw, favor_recall=True, include_comments=False, include_tables=True,
                                   include_images=False, include_links=False, output_format="txt")
    except Exception as e:
        raise CorpusError(f"{path.name}: cannot extract the web page's text ({_why(e)}); save the page's text as .txt") from None
    lines = [ln for ln in _normalize_newlines(text or "").split("\n") if not _is_web_noise(ln)]
    if not any(_clean_line(ln) for ln in lines):
        lines = [ln for ln in _html_plain_text(path, raw, trafilatura) if not _is_web_noise(ln)]
    return lines


_HTML_BLOCKS = frozenset({"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
                          "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section", "table",
                          "tbody", "td", "th", "thead", "tr", "ul"})


def _html_plain_text(path: Path, raw: bytes, trafilatura: Any) -> list[str]:
    """Every visible text block of the page, one per line (when trafilatura finds no main text).

    Scripts, styles, <nav>/<header>/<footer> and blocks that are mostly link text (menus, breadcrumbs) are left out.
    """
    try:
        tree = trafilatura.load_html(raw)
        if tree is None:
            return []
        for node in tree.xpath("//comment()|//processing-instruction()"):
            node.drop_tree()
        for node in tree.xpath("//script|//style|//noscript|//template|//nav|//header|//footer|//head|//select|//form"):
            node.drop_tree()
        for node in list(tree.iter("div", "ul", "ol", "p", "td", "li", "span", "table", "section", "aside")):
            text = _squash_space(node.text_content())
            links = sum(len(_squash_space(a.text_content())) for a in node.iter("a"))
            if text and links / len(text) >= 0.5:
                node.drop_tree()
        for el in tree.iter():
            if isinstance(el.tag, str) and el.tag.lower() in _HTML_BLOCKS:
                el.text = "\n" + (el.text or "")
                el.tail = "\n" + (el.tail or "")
        return _normalize_newlines(tree.text_content()).split("\n")
    except Exception as e:
        raise CorpusError(f"{path.name}: cannot read the web page ({_why(e)}); save the page's text as .txt") from None


def _squash_space(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _is_web_noise(line: str) -> bool:
    line = _clean_line(line)
    if not line:
        return False
    if _is_url_line(line):
        return True
    return len(line) <= _WEB_NOISE_MAX_CHARS and bool(_WEB_LABEL.match(line) or _WEB_BUTTONS.match(line))


# ---- shared helpers -----------------------------------------------------------------------------------


def _is_url_line(line: str) -> bool:
    """A line that is a URL, maybe with a short label such as "网址：" around it."""
    if not _URL.search(line):
        return False
    rest = re.sub(r"[\s\W_]+", "", _URL.sub("", line))
    return len(rest) <= 8


_CJK_CHAR = r"\u2e80-\u9fff\u3000-\u303f\uf900-\ufaff\uff00-\uffef"
_SPACE_NEXT_TO_CJK = re.compile(rf"(?<=[{_CJK_CHAR}])[ \t\u00a0\u3000]+|[ \t\u00a0\u3000]+(?=[{_CJK_CHAR}])")


def _clean_line(line: str) -> str:
    """The line without control or format characters (NUL, zero-width space, BOM) and surrounding space."""
    line = "".join(ch for ch in line if ch == "\t" or unicodedata.category(ch) not in ("Cc", "Cf"))
    return line.strip()


def _clean_pdf_line(line: str) -> str:
    """A PDF text line cleaned, without the spaces that text extraction puts between Chinese characters."""
    return _SPACE_NEXT_TO_CJK.sub("", _clean_line(line))


def _normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n").replace("\f", "\n")


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def _require(module: str, pip_name: str, path: Path | None = None) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        what = f"{path.name}: reading it" if path is not None else "Traditional-to-Simplified conversion"
        raise CorpusError(f"{what} needs the {pip_name!r} package; pip install {pip_name}") from None


def _why(e: BaseException) -> str:
    msg = str(e).strip().splitlines()[0] if str(e).strip() else ""
    return f"{type(e).__name__}: {msg}" if msg else type(e).__name__
