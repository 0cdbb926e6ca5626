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
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from rag.config import Config
from rag.corpus.chunk import ChunkerSettings, chunk_corpus, dense_text, keyword_texts
from rag.corpus.ingest import corpus_files, corpus_sha256, load_corpus
from rag.errors import IndexDamaged
from rag.store.base import ScoredRow
from rag.store.embcache import EmbeddingCache
from rag.store.embed import Embedder, get_embedder
from rag.store.keywords import BM25_DIR, KeywordIndex, ReportKeywords, write_report_keywords
from rag.store.tokens import TOKENIZER_VERSION, keyword_tokens
from rag.types import Chunk, Document, Report

log = logging.getLogger(__name__)

FORMAT_VERSION = 2          # 2: documents carry region/level/year; chunks their report's region and year
STORE_KIND = "faiss"          # which Store implementation built the folder (manifest "store")
MANIFEST = "manifest.json"
FAISS_FILE = "faiss.index"
CHUNKS_FILE = "chunks.jsonl"
LOCK_TIMEOUT_S = 600
# cosine between a probe chunk's stored and freshly computed vector: the same text gives 1.0 (up to
# float rounding); two different sentences of this report reach 0.9990 at most
PROBE_MIN_COSINE = 0.9995
# share of a probe chunk's keywords that its BM25 row must hold (1.0 when built by this code;
# a neighbouring sentence shares about 0.36)
PROBE_MIN_KEYWORD_OVERLAP = 0.9


@dataclass
class LoadedIndex:
    """An index folder in memory, ready to search: the FAISS + bm25s implementation of Store."""

    chunks: list[Chunk]
    faiss_index: Any
    bm25: ReportKeywords | KeywordIndex      # one BM25 index per report (a single one in ablations)
    manifest: dict
    embedder: Embedder
    path: Path
    kind: str = STORE_KIND
    _rows_cache: dict[frozenset[str], np.ndarray] = field(default_factory=dict, repr=False, compare=False)

    @property
    def reports(self) -> list[Report]:
        return catalog(self.manifest)

    def rows_of(self, doc_ids: Collection[str]) -> np.ndarray:
        """The rows of these reports' chunks (cached: scopes repeat)."""
        key = frozenset(doc_ids)
        rows = self._rows_cache.get(key)
        if rows is None:
            rows = np.array([i for i, c in enumerate(self.chunks) if c.doc_id in key], dtype=np.int64)
            self._rows_cache[key] = rows
        return rows

    def keyword_search(self, tokens: list[str], k: int, doc_ids: Collection[str] | None = None) -> list[ScoredRow]:
        if isinstance(self.bm25, ReportKeywords):
            # each report scored with its own statistics: a report's answers do not change when
            # other reports join the corpus
            scores = self.bm25.get_scores(tokens, doc_ids)
        else:
            scores = self.bm25.get_scores(tokens)
            if doc_ids is not None:
                mask = np.zeros(len(scores), dtype=bool)
                mask[self.rows_of(doc_ids)] = True
                scores = np.where(mask, scores, 0)
        k = min(int(k), len(scores))
        if k <= 0:
            return []
        top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        top = top[np.argsort(-scores[top], kind="stable")]
        return [ScoredRow(int(i), float(scores[i])) for i in top if scores[i] > 0]

    def dense_search(self, vector: np.ndarray, k: int, doc_ids: Collection[str] | None = None) -> list[ScoredRow]:
        import faiss

        query = np.ascontiguousarray(vector, dtype=np.float32).reshape(1, -1)
        if doc_ids is None:
            k = min(int(k), self.faiss_index.ntotal)
            sims, ids = self.faiss_index.search(query, k)
        else:
            rows = self.rows_of(doc_ids)
            k = min(int(k), len(rows))
            if k == 0:
                return []
            # the engine searches only these reports' rows (an ID selector), not all rows then a filter
            selector = faiss.IDSelectorBatch(rows)
            params: Any
            if isinstance(self.faiss_index, faiss.IndexIVF):
                params = faiss.SearchParametersIVF(sel=selector, nprobe=IVF_NPROBE)  # type: ignore[call-arg]
            else:
                params = faiss.SearchParameters(sel=selector)  # type: ignore[call-arg]
            sims, ids = self.faiss_index.search(query, k, params=params)
        return [ScoredRow(int(i), float(s)) for s, i in zip(sims[0], ids[0], strict=True) if i >= 0]

    def similarity(self, vector: np.ndarray, rows: Sequence[int]) -> list[float]:
        v = np.asarray(vector, dtype=np.float32).reshape(-1)
        return [float(np.asarray(self.faiss_index.reconstruct(int(r)), dtype=np.float32) @ v) for r in rows]


def reports_of(docs: list[Document], chunks: list[Chunk]) -> list[Report]:
    """The catalog the manifest keeps: each report with its metadata and size."""
    per_doc = Counter(c.doc_id for c in chunks)
    return [Report(id=d.id, title=d.title, region=d.region, level=d.level, year=d.year, source=Path(d.source).name,
                   chars=len(d.text), chunks=per_doc[d.id]) for d in docs]


def catalog(manifest: dict) -> list[Report]:
    """The reports of an index, from its manifest."""
    return [Report(**d) for d in manifest.get("documents", [])]


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


# The vector index follows the corpus size (bench/results/scale.json, `make bench-scale`): exact search
# (IndexFlatIP) costs 8 ms p50 a query at 10^5 chunks and 72 ms at 10^6, while IVF (nlist = 4·√n) took
# 0.3 ms at 10^6 with recall@10 0.968 against exact. Below ANN_MIN_CHUNKS exact search is fast enough
# and exact; from there IVF, probing enough lists that the retriever's CANDIDATES are all found.
ANN_MIN_CHUNKS = 200_000
IVF_NPROBE = 16


def vector_index(vectors: np.ndarray, dim: int):
    """The FAISS index for these vectors: exact inner product, or IVF from ANN_MIN_CHUNKS rows on."""
    import faiss

    n = len(vectors)
    if n < ANN_MIN_CHUNKS:
        flat = faiss.IndexFlatIP(dim)
        flat.add(vectors)
        return flat
    nlist = max(1, int(4 * n ** 0.5))
    quantizer = faiss.IndexFlatIP(dim)
    ivf = faiss.IndexIVFFlat(quantizer, dim, nlist, faiss.METRIC_INNER_PRODUCT)
    sample = vectors[np.random.default_rng(0).choice(n, size=min(n, 64 * nlist), replace=False)]
    ivf.train(sample)
    ivf.add(vectors)
    ivf.make_direct_map()
    ivf.nprobe = IVF_NPROBE
    return ivf


def cache_dir(index_dir: Path) -> Path:
    """Where the embeddings of an index folder are cached: beside it, so swapping the folder keeps them."""
    index_dir = Path(index_dir)
    return index_dir.parent / f".{index_dir.name}.embeddings"


def build_index(config: Config, embedder: Embedder | None = None,
                progress: Callable[[int, int], None] | None = None) -> LoadedIndex:
    """Build the index for config.data_dir and swap it into config.index_dir atomically. Only chunk
    texts the embedding cache has never seen are embedded (`progress(done, total)` after each batch)."""
    embedder = embedder or get_embedder(config.embedder)
    with _lock(config.index_dir):
        return _build_locked(config, embedder, progress)


def _build_locked(config: Config, embedder: Embedder, progress: Callable[[int, int], None] | None = None) -> LoadedIndex:
    import faiss

    t0 = time.perf_counter()
    index_dir = Path(config.index_dir)
    _clean_leftovers(index_dir)
    files = corpus_files(config.data_dir)
    docs = load_corpus(config.data_dir)
    settings = expected_settings(config, embedder, files)
    chunks = chunk_corpus(docs, ChunkerSettings(window=config.window, stride=config.stride))
    texts = [dense_text(c) for c in chunks]
    vectors = EmbeddingCache(cache_dir(index_dir), embedder).embed(texts, progress)
    fi = vector_index(np.ascontiguousarray(vectors, dtype=np.float32), embedder.dim)
    tokens = [keyword_tokens(t) for t in keyword_texts(chunks)]

    tmp = index_dir.parent / f".{index_dir.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir(parents=True)
    try:
        faiss.write_index(fi, str(tmp / FAISS_FILE))
        with open(tmp / CHUNKS_FILE, "w", encoding="utf-8") as f:
            for c in chunks:
                f.write(json.dumps(asdict(c), ensure_ascii=False) + "\n")
        write_report_keywords(tmp / BM25_DIR, chunks, tokens)
        keywords = ReportKeywords.load(tmp / BM25_DIR, chunks)     # what later loads will read, checked now
        file_hashes = {str(p.relative_to(tmp)): _sha256(p) for p in sorted(tmp.rglob("*")) if p.is_file()}
        manifest = {**settings,
                    "counts": {"documents": len(docs), "chunks": len(chunks)},
                    "documents": [asdict(r) for r in reports_of(docs, chunks)],
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
        if isinstance(fi, faiss.IndexIVF):
            fi.nprobe = IVF_NPROBE              # a search setting, not stored in the file
            fi.make_direct_map()                # similarity() and the load check reconstruct rows
        with open(index_dir / CHUNKS_FILE, encoding="utf-8") as f:
            chunks = [_chunk_from_json(line) for line in f if line.strip()]
        bm25 = ReportKeywords.load(index_dir / BM25_DIR, chunks)
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
