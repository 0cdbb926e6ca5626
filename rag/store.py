"""The index folder: FAISS vectors, chunk metadata, BM25 keyword index and manifest.json.

Layout (format version FORMAT_VERSION):
    manifest.json   format version, embedder id, dim, chunker and tokenizer settings, corpus sha256,
                    counts and the sha256 of every other file (so truncation is caught, not used)
    faiss.index     inner-product index over L2-normalised chunk vectors
    chunks.jsonl    one Chunk per line, in FAISS row order
    bm25/           bm25s keyword index over the same rows

Builds are written to a temporary sibling folder and swapped in with rename, under a file lock, so a
crash or a second process never leaves a half-written index. A missing, damaged or stale index is
rebuilt with a logged warning; it is never used to answer.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from .chunk import ChunkerSettings, chunk_corpus, indexed_text
from .config import Config
from .embed import Embedder, get_embedder
from .errors import IndexDamaged
from .ingest import corpus_files, corpus_sha256, load_corpus
from .tokenize import TOKENIZER_VERSION, keyword_tokens
from .types import Chunk

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
FAISS_FILE = "faiss.index"
CHUNKS_FILE = "chunks.jsonl"
BM25_DIR = "bm25"
LOCK_TIMEOUT_S = 600


@dataclass
class LoadedIndex:
    """An index in memory, ready to search."""

    chunks: list[Chunk]
    faiss_index: object
    bm25: object
    manifest: dict
    embedder: Embedder
    path: Path


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def expected_settings(config: Config, embedder: Embedder, files: list[Path] | None = None) -> dict:
    """What the manifest must say for the index to fit this config and corpus."""
    files = corpus_files(config.data_dir) if files is None else files
    chunker = ChunkerSettings(window=config.window, stride=config.stride)
    return {
        "format_version": FORMAT_VERSION,
        "embedder": embedder.id,
        "dim": embedder.dim,
        "chunker": asdict(chunker),
        "tokenizer": TOKENIZER_VERSION,
        "corpus_sha256": corpus_sha256(files),
    }


def _lock(index_dir: Path):
    from filelock import FileLock
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    return FileLock(str(index_dir.parent / f".{index_dir.name}.lock"), timeout=LOCK_TIMEOUT_S)


def build_index(config: Config, embedder: Embedder | None = None) -> LoadedIndex:
    """Build the index for config.data_dir and swap it into config.index_dir atomically."""
    embedder = embedder or get_embedder(config.embedder)
    with _lock(config.index_dir):
        return _build_locked(config, embedder)


def _build_locked(config: Config, embedder: Embedder) -> LoadedIndex:
    import bm25s
    import faiss

    t0 = time.perf_counter()
    index_dir = Path(config.index_dir)
    files = corpus_files(config.data_dir)
    docs = load_corpus(config.data_dir)
    settings = expected_settings(config, embedder, files)
    chunks = chunk_corpus(docs, ChunkerSettings(window=config.window, stride=config.stride))
    texts = [indexed_text(c) for c in chunks]
    log.info("embedding %d chunks with %s", len(chunks), embedder.id)
    vectors = embedder.embed_passages(texts)
    fi = faiss.IndexFlatIP(embedder.dim)
    fi.add(np.ascontiguousarray(vectors, dtype=np.float32))
    bm25 = bm25s.BM25()
    bm25.index([keyword_tokens(t) for t in texts], show_progress=False)

    tmp = index_dir.parent / f".{index_dir.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir(parents=True)
    try:
        faiss.write_index(fi, str(tmp / FAISS_FILE))
        with open(tmp / CHUNKS_FILE, "w", encoding="utf-8") as f:
            for c in chunks:
                f.write(json.dumps(asdict(c), ensure_ascii=False) + "\n")
        bm25.save(str(tmp / BM25_DIR), show_progress=False)
        file_hashes = {str(p.relative_to(tmp)): _sha256(p) for p in sorted(tmp.rglob("*")) if p.is_file()}
        manifest = {**settings,
                    "counts": {"documents": len(docs), "chunks": len(chunks)},
                    "documents": [{"id": d.id, "title": d.title, "year": d.year} for d in docs],
                    "files": file_hashes,
                    "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                    "build_seconds": round(time.perf_counter() - t0, 3)}
        (tmp / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        _swap_in(tmp, index_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    log.info("built index %s: %d chunks in %.1fs", index_dir, len(chunks), time.perf_counter() - t0)
    return LoadedIndex(chunks, fi, bm25, manifest, embedder, index_dir)


def _swap_in(tmp: Path, index_dir: Path) -> None:
    old = None
    if index_dir.exists():
        readme = index_dir / "README.md"      # the committed README stays in the folder
        if readme.exists():
            shutil.copy2(readme, tmp / "README.md")
        old = index_dir.parent / f".{index_dir.name}.old-{uuid.uuid4().hex[:8]}"
        os.rename(index_dir, old)
    os.rename(tmp, index_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def load_index(config: Config, embedder: Embedder | None = None) -> LoadedIndex:
    """Load and verify the index; IndexDamaged says exactly what is wrong."""
    import bm25s
    import faiss

    embedder = embedder or get_embedder(config.embedder)
    index_dir = Path(config.index_dir)
    mpath = index_dir / MANIFEST
    if not mpath.exists():
        raise IndexDamaged(f"no index at {index_dir} (missing {MANIFEST})")
    try:
        manifest = json.loads(mpath.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        raise IndexDamaged(f"{mpath} is not valid JSON ({e})") from None
    if not isinstance(manifest, dict):
        raise IndexDamaged(f"{mpath} is not a manifest object")
    want = expected_settings(config, embedder)
    for key, value in want.items():
        if manifest.get(key) != value:
            raise IndexDamaged(f"index is stale: {key} is {manifest.get(key)!r}, now {value!r}")
    for rel, digest in (manifest.get("files") or {}).items():
        p = index_dir / rel
        if not p.is_file():
            raise IndexDamaged(f"index file {p} is missing")
        if _sha256(p) != digest:
            raise IndexDamaged(f"index file {p} is damaged (checksum mismatch)")
    if not manifest.get("files"):
        raise IndexDamaged(f"{mpath} lists no files")
    try:
        fi = faiss.read_index(str(index_dir / FAISS_FILE))
        with open(index_dir / CHUNKS_FILE, encoding="utf-8") as f:
            chunks = [_chunk_from_json(line) for line in f if line.strip()]
        bm25 = bm25s.BM25.load(str(index_dir / BM25_DIR), show_progress=False, verbosity=0)
    except Exception as e:           # checksums passed, so this is a format we cannot read
        raise IndexDamaged(f"cannot read index at {index_dir}: {e}") from None
    n = manifest.get("counts", {}).get("chunks")
    if not (fi.ntotal == len(chunks) == n) or fi.d != embedder.dim:
        raise IndexDamaged(f"index at {index_dir} is inconsistent: {fi.ntotal} vectors, "
                           f"{len(chunks)} chunks, manifest says {n}")
    return LoadedIndex(chunks, fi, bm25, manifest, embedder, index_dir)


def _chunk_from_json(line: str) -> Chunk:
    d = json.loads(line)
    d["section"] = tuple(d["section"])
    d["char_span"] = tuple(d["char_span"])
    return Chunk(**d)


def open_index(config: Config, embedder: Embedder | None = None) -> LoadedIndex:
    """Load the index, or rebuild it (with a warning) when it is missing, damaged or stale."""
    embedder = embedder or get_embedder(config.embedder)
    try:
        return load_index(config, embedder)
    except IndexDamaged as first:
        with _lock(config.index_dir):
            try:                      # another process may have rebuilt it while we waited
                return load_index(config, embedder)
            except IndexDamaged as e:
                if (Path(config.index_dir) / MANIFEST).exists():
                    log.warning("%s; rebuilding", e)
                else:
                    log.info("%s; building it now", first)
                return _build_locked(config, embedder)
