"""Adding and removing reports while the index keeps answering: the data folder and the index together.

`add_reports` checks each file (type, size, readable text) before it touches the data folder, copies the
good ones in under a sanitized name (with the `<name>.meta.json` lying beside them), then rebuilds the index
into a temporary folder and swaps it in: the embedding cache makes that cost the new reports' embedding only,
and until the swap the previous index is the one on disk. If the build fails, the copied files are taken
out again, so the data folder and the index never disagree. `remove_reports` takes reports out by file
stem or title the same way. Callers holding a loaded retriever drop it afterwards
(rag.search.retrieval.reset_cache) so the next question sees the new corpus.
"""
from __future__ import annotations

import json
import logging
import os
import re
import shutil
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rag.config import Config
from rag.corpus.ingest import COMPANION_SUFFIXES, corpus_files, load_document
from rag.corpus.readers import MAX_FILE_BYTES, SUPPORTED_SUFFIXES, read_report_text
from rag.errors import CorpusError
from rag.store.base import Store
from rag.store.embed import Embedder
from rag.store.faiss_store import build_index

if TYPE_CHECKING:
    from rag.store.milvus_store import MilvusStore

log = logging.getLogger(__name__)

MAX_NAME_CHARS = 120


@dataclass(frozen=True)
class ReportChange:
    """What an add or a remove did: reports in, reports out, files refused and why, and the time it took."""

    added: tuple[str, ...] = ()           # titles
    removed: tuple[str, ...] = ()         # titles
    skipped: tuple[tuple[str, str], ...] = ()   # (file or name, why)
    seconds: float = 0.0
    index: Store | None = field(default=None, repr=False, compare=False)


def safe_name(name: str) -> str:
    """A file name fit for the data folder: letters, digits, CJK, '.', '-', '_' only, no leading dot,
    no path; ValueError when nothing usable is left or the type is not a report's."""
    base = Path(str(name).replace("\\", "/")).name
    stem, suffix = os.path.splitext(base)
    suffix = suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ValueError(f"{base}: not a report file type (use {' '.join(SUPPORTED_SUFFIXES)})")
    stem = re.sub(r"[^\w\u4e00-\u9fff.-]+", "_", stem, flags=re.UNICODE).strip("._-")[:MAX_NAME_CHARS]
    if not stem:
        raise ValueError(f"{base}: the file name has no usable characters; rename it")
    return stem + suffix


def _copy_atomic(src: Path, dest: Path) -> None:
    tmp = dest.with_name(f".{dest.name}.tmp-{uuid.uuid4().hex[:8]}")
    shutil.copyfile(src, tmp)
    os.replace(tmp, dest)


def _check(path: Path, data_dir: Path) -> tuple[Path, str]:
    """(destination, title) for a file that can be added; CorpusError/ValueError saying why it cannot."""
    if not path.is_file():
        raise CorpusError(f"{path.name}: no such file")
    dest = Path(data_dir) / safe_name(path.name)
    if dest.stem in {p.stem for p in corpus_files(data_dir)}:
        raise CorpusError(f"{path.name}: a report named {dest.stem!r} is already in the corpus; "
                          f"remove it first (rag remove {dest.stem}) or rename the file")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise CorpusError(f"{path.name}: {path.stat().st_size / 2**20:.0f} MB is over the {MAX_FILE_BYTES // 2**20} MB limit")
    read_report_text(path)                                   # readable text, or CorpusError naming the file
    meta = path.with_suffix(".meta.json")
    if meta.exists():
        try:
            json.loads(meta.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as e:
            raise CorpusError(f"{meta.name}: not valid JSON ({e}); fix or remove it") from None
    return dest, ""


def add_reports(config: Config, files: Sequence[Path], embedder: Embedder | None = None,
                progress: Callable[[int, int], None] | None = None) -> ReportChange:
    """Copy the readable report files into the data folder and rebuild the index (see the module docstring)."""
    t0 = time.perf_counter()
    data_dir = Path(config.data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    # Milvus is updated report by report: open it while it still fits the corpus
    milvus = _open_milvus(config, embedder) if config.store == "milvus" else None
    copied: list[Path] = []
    skipped: list[tuple[str, str]] = []
    for src in map(Path, files):
        try:
            dest, _ = _check(src, data_dir)
        except (CorpusError, ValueError, OSError) as e:
            skipped.append((src.name, str(e)))
            continue
        _copy_atomic(src, dest)
        copied.append(dest)
        for companion in COMPANION_SUFFIXES:            # meta.json and the report's own glossary
            extra = src.with_suffix(companion)
            if extra.exists():
                _copy_atomic(extra, dest.with_suffix(companion))
                copied.append(dest.with_suffix(companion))
    if not [p for p in copied if not p.name.endswith(COMPANION_SUFFIXES)]:
        return ReportChange(skipped=tuple(skipped), seconds=time.perf_counter() - t0)
    reports = [p for p in copied if not p.name.endswith(COMPANION_SUFFIXES)]
    try:
        if milvus is not None:
            from rag.store.milvus_store import add_report
            for p in reports:
                add_report(milvus, load_document(p))
            index: Store = milvus
        else:
            index = build_index(config, embedder, progress)
    except BaseException:
        for p in copied:                                     # the corpus goes back to what the index holds
            p.unlink(missing_ok=True)
        if milvus is not None:                               # a half-updated Milvus store is rebuilt on open
            from rag.store.milvus_store import remove_report
            for p in reports:
                if any(r.id == p.stem for r in milvus.reports):
                    remove_report(milvus, p.stem)
        raise
    titles = tuple(load_document(p).title for p in reports)
    return ReportChange(added=titles, skipped=tuple(skipped), seconds=time.perf_counter() - t0, index=index)


def _open_milvus(config: Config, embedder: Embedder | None) -> MilvusStore:
    from rag.store.embed import get_embedder
    from rag.store.milvus_store import open_milvus_store
    return open_milvus_store(config, config.milvus_target, embedder or get_embedder(config.embedder), config.milvus_token)


def remove_reports(config: Config, names: Sequence[str], embedder: Embedder | None = None) -> ReportChange:
    """Take reports out of the data folder (by file stem or title) and rebuild the index without them."""
    t0 = time.perf_counter()
    data_dir = Path(config.data_dir)
    files = corpus_files(data_dir)
    titles: dict[Path, str] = {}
    for p in files:
        try:
            titles[p] = load_document(p).title
        except CorpusError:
            titles[p] = p.stem
    chosen: list[Path] = []
    skipped: list[tuple[str, str]] = []
    for name in names:
        found = [p for p in files if name in (p.stem, p.name, titles[p])]
        if not found:
            there = "、".join(f"{titles[p]}（{p.stem}）" for p in files)
            skipped.append((name, f"no report {name!r}; there are: {there}"))
        chosen += [p for p in found if p not in chosen]
    if chosen and len(chosen) == len(files):
        return ReportChange(skipped=(*skipped, *((titles[p], "the corpus would be empty: add another report first")
                                                for p in chosen)), seconds=time.perf_counter() - t0)
    if not chosen:
        return ReportChange(skipped=tuple(skipped), seconds=time.perf_counter() - t0)
    milvus = _open_milvus(config, embedder) if config.store == "milvus" else None
    # moved aside first, deleted only once the index without them is in place
    aside = data_dir.parent / f".{data_dir.name}.removed-{uuid.uuid4().hex[:8]}"
    aside.mkdir()
    moved: list[tuple[Path, Path]] = []
    for p in chosen:
        for f in (p, *(p.with_suffix(s) for s in COMPANION_SUFFIXES)):
            if f.exists():
                os.replace(f, aside / f.name)
                moved.append((aside / f.name, f))
    try:
        if milvus is not None:
            from rag.store.milvus_store import remove_report
            for p in chosen:
                remove_report(milvus, p.stem)
            index: Store = milvus
        else:
            index = build_index(config, embedder)
    except BaseException:
        for src, back in moved:
            os.replace(src, back)
        shutil.rmtree(aside, ignore_errors=True)
        raise
    shutil.rmtree(aside, ignore_errors=True)
    return ReportChange(removed=tuple(titles[p] for p in chosen), skipped=tuple(skipped),
                        seconds=time.perf_counter() - t0, index=index)
