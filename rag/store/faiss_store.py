"""The index folder: FAISS vectors, chunk metadata, BM25 keyword index and manifest.json.

Layout (format version FORMAT_VERSION):
    manifest.json   format version, embedder id, dim, chunker and tokenizer settings, corpus sha256,
                    counts and the sha256 of every other file (so truncation is caught, not used)
    faiss.index     inner-product index over L2-normalised chunk vectors
    chunks.jsonl    one Chunk per line, in FAISS row order
    bm25/           bm25s keyword index over the same rows (written by bm25s, read back by
                    KeywordIndex with numpy alone)

Builds are written to a temporary sibling folder and swapped in with rename, under a file lock, so a
crash or a second process never leaves a half-written index. Whoever next holds the lock clears what
a killed build left behind (.index.tmp-*, .index.old-*) and, if a build died between its two
renames, puts the previous index back. A missing, damaged or stale index is rebuilt with a logged
warning; it is never used to answer.

Checksums only prove that the files are the ones the manifest names, and a manifest can be edited.
So loading also checks the content against the corpus itself: chunks.jsonl must be exactly what the
current corpus and chunker yield, and a probe row of faiss.index and of the BM25 matrix must be that
chunk's vector and keywords. What stays undetectable: a wrong row other than the probe in an
otherwise correct faiss/BM25 file (hand-crafted damage, not an accident such as copying files
between index folders, which changes every row).
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import time
import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from rag.config import Config
from rag.corpus.chunk import ChunkerSettings, chunk_corpus, dense_text, keyword_texts
from rag.corpus.ingest import corpus_files, corpus_sha256, load_corpus
from rag.errors import IndexDamaged
from rag.store.base import ScoredRow
from rag.store.embed import Embedder, get_embedder
from rag.store.tokens import TOKENIZER_VERSION, keyword_tokens
from rag.types import Chunk

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
STORE_KIND = "faiss"          # which Store implementation built the folder (manifest "store")
MANIFEST = "manifest.json"
FAISS_FILE = "faiss.index"
CHUNKS_FILE = "chunks.jsonl"
BM25_DIR = "bm25"
LOCK_TIMEOUT_S = 600
# cosine between a probe chunk's stored and freshly computed vector: the same text gives 1.0 (up to
# float rounding); two different sentences of this report reach 0.9990 at most
PROBE_MIN_COSINE = 0.9995
# share of a probe chunk's keywords that its BM25 row must hold (1.0 when built by this code;
# a neighbouring sentence shares about 0.36)
PROBE_MIN_KEYWORD_OVERLAP = 0.9


class KeywordIndex:
    """The BM25 index bm25s precomputed at build time, read back with numpy alone.

    bm25s stores every (term, chunk) score in a term x chunk CSC matrix, so scoring a question is
    summing the columns of its terms. Reading that here keeps bm25s (and the scipy it imports,
    0.25-0.45 s of every cold start) off the question path, and a question with no keyword at
    all (Russian, Japanese, a lone "é") scores zeros instead of raising IndexError inside bm25s.
    tests/test_reliability.py checks the scores against bm25s itself.
    """

    NONOCCURRENCE_FILE = "nonoccurrence_array.index.npy"     # only BM25L / BM25+ write one

    def __init__(self, data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, num_docs: int,
                 vocab_dict: dict[str, int], nonoccurrence: np.ndarray | None = None):
        self.data, self.indices, self.indptr = data, indices, indptr
        self.num_docs = int(num_docs)
        self.vocab_dict = vocab_dict
        self.nonoccurrence = nonoccurrence

    @classmethod
    def load(cls, folder: Path) -> KeywordIndex:
        folder = Path(folder)
        params = json.loads((folder / "params.index.json").read_text(encoding="utf-8"))
        vocab = json.loads((folder / "vocab.index.json").read_text(encoding="utf-8"))
        arrays = [np.load(folder / f"{name}.csc.index.npy", allow_pickle=False) for name in ("data", "indices", "indptr")]
        nnoc_path = folder / cls.NONOCCURRENCE_FILE
        nnoc = np.load(nnoc_path, allow_pickle=False) if nnoc_path.exists() else None
        if not isinstance(vocab, dict) or not isinstance(params.get("num_docs"), int):
            raise ValueError("bm25 vocab or params are not what bm25s writes")
        data, indices, indptr = arrays
        if data.shape != indices.shape or indptr.ndim != 1 or (len(indptr) and indptr[-1] != len(data)):
            raise ValueError("bm25 score matrix arrays do not fit together")
        return cls(data.astype(np.dtype(params.get("dtype", "float32")), copy=False), indices, indptr,
                   params["num_docs"], vocab, nnoc)

    def get_scores(self, tokens: list[str]) -> np.ndarray:
        """BM25 score of every chunk for these keyword tokens (unknown tokens count nothing)."""
        scores = np.zeros(self.num_docs, dtype=self.data.dtype)
        ids = [self.vocab_dict[t] for t in tokens if t in self.vocab_dict]
        ids = [i for i in ids if i < len(self.indptr) - 1]    # bm25s adds a "" term with no column
        for i in ids:
            start, end = self.indptr[i], self.indptr[i + 1]
            np.add.at(scores, self.indices[start:end], self.data[start:end])
        if self.nonoccurrence is not None and ids:
            scores += self.nonoccurrence[ids].sum()
        return scores

    def terms_of_row(self, row: int) -> set[str]:
        """The terms with a score for one chunk (its keywords as indexed)."""
        cols = np.searchsorted(self.indptr, np.flatnonzero(self.indices == row), side="right") - 1
        id_to_term = {v: k for k, v in self.vocab_dict.items()}
        return {id_to_term[int(c)] for c in cols if int(c) in id_to_term}


@dataclass
class LoadedIndex:
    """An index folder in memory, ready to search: the FAISS + bm25s implementation of Store."""

    chunks: list[Chunk]
    faiss_index: Any
    bm25: KeywordIndex
    manifest: dict
    embedder: Embedder
    path: Path
    kind: str = STORE_KIND

    def keyword_search(self, tokens: list[str], k: int) -> list[ScoredRow]:
        scores = self.bm25.get_scores(tokens)
        k = min(int(k), len(scores))
        if k <= 0:
            return []
        top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        top = top[np.argsort(-scores[top], kind="stable")]
        return [ScoredRow(int(i), float(scores[i])) for i in top if scores[i] > 0]

    def dense_search(self, vector: np.ndarray, k: int) -> list[ScoredRow]:
        k = min(int(k), self.faiss_index.ntotal)
        sims, ids = self.faiss_index.search(np.ascontiguousarray(vector, dtype=np.float32).reshape(1, -1), k)
        return [ScoredRow(int(i), float(s)) for s, i in zip(sims[0], ids[0], strict=True) if i >= 0]

    def similarity(self, vector: np.ndarray, rows: Sequence[int]) -> list[float]:
        v = np.asarray(vector, dtype=np.float32).reshape(-1)
        return [float(np.asarray(self.faiss_index.reconstruct(int(r)), dtype=np.float32) @ v) for r in rows]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def expected_settings(config: Config, embedder: Embedder, files: list[Path] | None = None) -> dict:
    """What the manifest must say for the index to fit this config and corpus."""
    files = corpus_files(config.data_dir) if files is None else files
    chunker = ChunkerSettings(window=config.window, stride=config.stride)
    return {
        "format_version": FORMAT_VERSION,
        "store": STORE_KIND,
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
    _clean_leftovers(index_dir)
    files = corpus_files(config.data_dir)
    docs = load_corpus(config.data_dir)
    settings = expected_settings(config, embedder, files)
    chunks = chunk_corpus(docs, ChunkerSettings(window=config.window, stride=config.stride))
    texts = [dense_text(c) for c in chunks]
    log.info("embedding %d chunks with %s", len(chunks), embedder.id)
    vectors = embedder.embed_passages(texts)
    fi = faiss.IndexFlatIP(embedder.dim)
    fi.add(np.ascontiguousarray(vectors, dtype=np.float32))
    bm25 = bm25s.BM25()
    bm25.index([keyword_tokens(t) for t in keyword_texts(chunks)], show_progress=False)

    tmp = index_dir.parent / f".{index_dir.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir(parents=True)
    try:
        faiss.write_index(fi, str(tmp / FAISS_FILE))
        with open(tmp / CHUNKS_FILE, "w", encoding="utf-8") as f:
            for c in chunks:
                f.write(json.dumps(asdict(c), ensure_ascii=False) + "\n")
        bm25.save(str(tmp / BM25_DIR), show_progress=False)
        keywords = KeywordIndex.load(tmp / BM25_DIR)     # what later loads will read, checked now
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
    return LoadedIndex(chunks, fi, keywords, manifest, embedder, index_dir)


def _leftovers(index_dir: Path, kind: str) -> list[Path]:
    """Sibling folders a build makes: kind "tmp" (being written) or "old" (being replaced)."""
    return sorted(index_dir.parent.glob(f".{index_dir.name}.{kind}-*"))


def _clean_leftovers(index_dir: Path) -> None:
    """Call with the lock held. Builds make temp/old folders only while holding the lock, so any
    found now belong to a build that was killed: delete them, except that a build killed between
    its two renames left no index_dir, only the previous index as .old-*: put that one back."""
    for tmp in _leftovers(index_dir, "tmp"):
        log.warning("removing %s left by an interrupted build", tmp)
        _remove(tmp)
    olds = _leftovers(index_dir, "old")
    if olds and not index_dir.exists():
        newest = max(olds, key=lambda p: p.stat().st_mtime)
        log.warning("restoring the previous index from %s (a build was interrupted while swapping)", newest)
        os.rename(newest, index_dir)
        olds.remove(newest)
    for old in olds:
        _remove(old)


def _remove(path: Path) -> None:
    """Delete a folder or a file (an index_dir path that was a stray file is moved aside too)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _swap_in(tmp: Path, index_dir: Path) -> None:
    old = None
    if index_dir.exists() or index_dir.is_symlink():
        readme = index_dir / "README.md"      # the committed README stays in the folder
        if readme.exists():
            shutil.copy2(readme, tmp / "README.md")
        old = index_dir.parent / f".{index_dir.name}.old-{uuid.uuid4().hex[:8]}"
        os.rename(index_dir, old)
    os.rename(tmp, index_dir)
    if old is not None:
        _remove(old)


def load_index(config: Config, embedder: Embedder | None = None) -> LoadedIndex:
    """Load and verify the index; IndexDamaged says exactly what is wrong."""
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
            raise IndexDamaged(f"index at {index_dir} is stale: {key} is {manifest.get(key)!r}, now {value!r}")
    files = manifest.get("files")
    counts = manifest.get("counts")
    if not isinstance(files, dict) or not files or not isinstance(counts, dict):
        raise IndexDamaged(f"{mpath} is malformed: it needs a 'files' table of checksums and 'counts'")
    required = {FAISS_FILE, CHUNKS_FILE}
    if not required <= files.keys() or not any(rel.startswith(BM25_DIR + "/") for rel in files):
        raise IndexDamaged(f"{mpath} does not list {FAISS_FILE}, {CHUNKS_FILE} and {BM25_DIR}/")
    root = index_dir.resolve()
    for rel, digest in files.items():
        if not isinstance(rel, str) or not (index_dir / rel).resolve().is_relative_to(root):
            raise IndexDamaged(f"{mpath} names a file outside the index folder: {rel!r}")
        p = index_dir / rel
        if not p.is_file():
            raise IndexDamaged(f"index file {p} is missing")
        if _sha256(p) != digest:
            raise IndexDamaged(f"index file {p} is damaged (checksum mismatch)")
    try:
        fi = faiss.read_index(str(index_dir / FAISS_FILE))
        with open(index_dir / CHUNKS_FILE, encoding="utf-8") as f:
            chunks = [_chunk_from_json(line) for line in f if line.strip()]
        bm25 = KeywordIndex.load(index_dir / BM25_DIR)
    except Exception as e:           # checksums passed, so this is a format we cannot read
        raise IndexDamaged(f"cannot read index at {index_dir}: {e}") from None
    n = counts.get("chunks")
    if not (fi.ntotal == len(chunks) == n == bm25.num_docs) or fi.d != embedder.dim:
        raise IndexDamaged(f"index at {index_dir} is inconsistent: {fi.ntotal} vectors of dim {fi.d}, "
                           f"{len(chunks)} chunks, {bm25.num_docs} BM25 rows, manifest says {n}")
    loaded = LoadedIndex(chunks, fi, bm25, manifest, embedder, index_dir)
    _verify_content(loaded, config)
    return loaded


def _verify_content(index: LoadedIndex, config: Config) -> None:
    """The index must describe the corpus as it is now, whatever the manifest claims (see the
    module docstring). Costs about 15 ms to re-chunk plus one passage embedding."""
    docs = load_corpus(config.data_dir)
    want = chunk_corpus(docs, ChunkerSettings(window=config.window, stride=config.stride))
    where = index.path
    if index.chunks != want:
        i = next((i for i, (a, b) in enumerate(zip(index.chunks, want, strict=False)) if a != b), min(len(want), len(index.chunks)))
        got = index.chunks[i].text[:30] if i < len(index.chunks) else "(none)"
        raise IndexDamaged(f"index at {where} does not match the corpus in {config.data_dir}: chunk {i} is "
                           f"{got!r} in chunks.jsonl but {want[i].text[:30] if i < len(want) else '(none)'!r} "
                           f"in the corpus ({len(index.chunks)} vs {len(want)} chunks)")
    probe = len(want) // 2
    fresh = np.asarray(index.embedder.embed_passages([dense_text(want[probe])]), dtype=np.float32).reshape(-1)
    stored = np.asarray(index.faiss_index.reconstruct(probe), dtype=np.float32).reshape(-1)
    cos = float(fresh @ stored / max(float(np.linalg.norm(fresh) * np.linalg.norm(stored)), 1e-12))
    if not cos >= PROBE_MIN_COSINE:
        raise IndexDamaged(f"index file {where / FAISS_FILE} does not match chunks.jsonl: row {probe} holds "
                           f"another text's vector (cosine {cos:.4f})")
    tokens = set(keyword_tokens(keyword_texts(want)[probe]))
    have = index.bm25.terms_of_row(probe)
    overlap = len(have & tokens) / len(have | tokens) if have | tokens else 1.0   # Jaccard
    if overlap < PROBE_MIN_KEYWORD_OVERLAP:
        raise IndexDamaged(f"BM25 index in {where / BM25_DIR} does not match chunks.jsonl: row {probe} holds "
                           f"another text's keywords (overlap {overlap:.2f})")


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
        index_dir = Path(config.index_dir)
        with _lock(index_dir):
            _clean_leftovers(index_dir)   # may put back an index a killed build had moved aside
            try:                          # or another process may have rebuilt it while we waited
                return load_index(config, embedder)
            except IndexDamaged as e:
                if _has_index_files(index_dir):
                    log.warning("%s; rebuilding", e)
                else:
                    log.info("%s; building it now", first)
                return _build_locked(config, embedder)


def _has_index_files(index_dir: Path) -> bool:
    """Whether the folder holds anything but the committed README (so a missing manifest is damage,
    not a fresh checkout)."""
    return index_dir.is_dir() and any(p.name != "README.md" for p in index_dir.iterdir())
