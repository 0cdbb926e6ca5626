"""Read the report files under the data folder into Documents: text, metadata (corpus.reports) and
section structure (corpus.structure). A bad file is reported by name and skipped; the rest load."""
from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from rag.corpus.readers import SUPPORTED_SUFFIXES, looks_traditional, read_report_text, to_simplified
from rag.corpus.reports import report_info
from rag.corpus.structure import parse_paragraphs
from rag.errors import CorpusError
from rag.types import Document

log = logging.getLogger(__name__)



# Files already reported as skipped, so one build (which lists the corpus several times) or a
# long-running server warns once per file, not on every listing.
_reported: set[Path] = set()
# files that travel with a report: its metadata and its own glossary (words only it uses)
GLOSSARY_SUFFIX = ".glossary.tsv"
COMPANION_SUFFIXES = (".meta.json", GLOSSARY_SUFFIX)
_unnamed: set[Path] = set()


def unsupported_files(data_dir: Path) -> list[Path]:
    """Files under data_dir that are neither reports nor their metadata (they are skipped)."""
    return [p for p in sorted(Path(data_dir).rglob("*"))
            if p.is_file() and not p.name.startswith(".") and p.suffix.lower() not in SUPPORTED_SUFFIXES
            and not p.name.endswith(COMPANION_SUFFIXES)]


def corpus_files(data_dir: Path) -> list[Path]:
    """Every supported file under data_dir, sorted; unsupported files are logged (once) and skipped."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise CorpusError(f"data folder {data_dir} does not exist; put report files ({' '.join(SUPPORTED_SUFFIXES)}) there")
    files = []
    for p in sorted(data_dir.rglob("*")):
        if not p.is_file() or p.name.startswith("."):
            continue
        if p.suffix.lower() in SUPPORTED_SUFFIXES:
            files.append(p)
        elif not p.name.endswith(COMPANION_SUFFIXES) and p not in _reported:
            _reported.add(p)
            log.warning("skipping %s: unsupported file type %r (use %s)", p, p.suffix, " ".join(SUPPORTED_SUFFIXES))
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
            problems.append(f"no report files ({' '.join(SUPPORTED_SUFFIXES)})")
        if skipped:
            problems.append(f"skipped unsupported {', '.join(skipped)}")
        raise CorpusError(f"no usable report in {data_dir}: {'; '.join(problems)}")
    return docs


def load_document(path: Path) -> Document:
    path = Path(path)
    text = read_report_text(path)          # any format; CorpusError naming the file when it cannot be read
    verbatim = ""
    if looks_traditional(text):
        # searched in Simplified (the conversion keeps every offset), quoted as written
        verbatim, text = text, to_simplified(text)
    info = report_info(path, text)
    if info.missing and path not in _unnamed:
        _unnamed.add(path)
        log.warning("%s: cannot tell the report's %s from its text or file name; add %s with "
                    '{"title": "…", "region": "…市", "year": 2025} (the year it was delivered)',
                    path.name, " or ".join(info.missing), path.with_suffix(".meta.json").name)
    paragraphs, body = parse_paragraphs(text, info.year)
    if verbatim:
        _, verbatim = parse_paragraphs(verbatim, info.year)
        if len(verbatim) != len(body):
            log.warning("%s: the Simplified reading of this Traditional report does not line up; quoting it in Simplified", path.name)
            verbatim = ""
    return Document(id=path.stem, title=info.title, text=body, year=info.year, source=str(path),
                    paragraphs=tuple(paragraphs), region=info.region, level=info.level, verbatim=verbatim)


