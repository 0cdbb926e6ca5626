"""The Milvus storage engine: the Store protocol over one Milvus collection (a server URI or a Milvus Lite .db).

One row per chunk holds its JSON, report id, region and year, its dense passage vector, and its keyword
text (the jieba + bigram tokens bm25s indexes), from which a BM25 Function makes the sparse vector, so
keyword search, dense search and the report filter (`doc_id in [...]`) all run in the engine and rank
as the FAISS store does (tests/test_milvus_store.py compares them). Each report's rows sit in a
partition of their own and can be added or removed without touching the others; the manifest lives in
a small second collection, `<collection>__manifest`, beside the data. pymilvus is imported lazily.
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from collections.abc import Collection, Iterable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

from rag.config import Config
from rag.corpus.chunk import ChunkerSettings, chunk_corpus, chunk_document, dense_text, keyword_texts
from rag.corpus.ingest import corpus_files, corpus_sha256, load_corpus
from rag.errors import ConfigError, IndexDamaged
from rag.store.base import ScoredRow
from rag.store.embcache import EmbeddingCache
from rag.store.embed import Embedder, get_embedder
from rag.store.faiss_store import cache_dir, reports_of
from rag.store.tokens import TOKENIZER_VERSION, keyword_tokens
from rag.types import Chunk, Document, Report

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
STORE_KIND = "milvus"
DEFAULT_COLLECTION = "rag_chunks"
MANIFEST_SUFFIX = "__manifest"
INSTALL_HINT = "Milvus needs: pip install 'pymilvus==3.0.2' 'milvus-lite==3.2.2'"
# Milvus refuses a search limit (topk) above 16384, and a query's offset + limit likewise: searches ask
# for at most this many rows, and the rows are read back in id ranges of this width
MAX_TOPK = 16384
BM25_K1 = 1.5                 # bm25s's defaults, so both engines rank keywords alike
BM25_B = 0.75
CONNECT_TIMEOUT_S = 5.0       # an unreachable server fails after this long, not pymilvus's 10 s default
EMBED_BATCH = 256             # passages embedded per call (the embedder batches further inside)
INSERT_BATCH = 256            # rows per insert call (a gRPC message stays far below its 64 MB cap)
INDEX_WAIT_S = 60.0           # how long a new collection's indexes may take to be ready
VARCHAR_MAX = 65535           # bytes a Milvus VARCHAR holds
MANIFEST_PART_CHARS = 16000   # manifest JSON characters per row (4 UTF-8 bytes at most each)
# cosine between a probe row's stored vector and a fresh embedding of its text (as faiss_store)
PROBE_MIN_COSINE = 0.9995
# How the keyword field is analysed: analyzer_params, and how tokens are written into the text.
# Milvus Lite 3.2.2 (the embedded engine behind MilvusClient("/path/file.db"), which it keeps as a folder
# of that name) knows only the "standard" (Python's \w+, lower-cased) and "jieba" tokenizers, not
# "whitespace". There each token is written with every character outside \w, and "_" itself, spelled
# _<hex>_ ("b:铝基" → "b_3a_铝基", "3.5" → "3_2e_5"): the standard tokenizer keeps each whole, so the
# engine counts exactly the tokens bm25s counts (jieba over the raw text would count other ones). A
# Milvus server (2.5 and later) gets the tokens verbatim with {"tokenizer": "whitespace"}.
# BM25 runs with bm25s's k1 and b; the engine multiplies every term by (k1 + 1), which bm25s does not:
# a constant factor, which changes no ranking and no max-scaled score.
ANALYZERS: dict[str, dict[str, Any]] = {
    "whitespace": {"tokenizer": "whitespace"},            # a Milvus server (2.5 and later)
    "standard+escaped": {"tokenizer": "standard"},        # Milvus Lite 3.x: no whitespace tokenizer
}
_SCALARS = {"id": "INT64", "chunk_id": "VARCHAR", "doc_id": "VARCHAR", "region": "VARCHAR",
            "report_year": "INT64", "chunk": "VARCHAR", "keywords": "VARCHAR",
            "sparse": "SPARSE_FLOAT_VECTOR", "dense": "FLOAT_VECTOR"}
_NOT_WORD = re.compile(r"[^\w]|_")
_COLLECTION_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,200}")


class _Missing(IndexDamaged):
    """No store at the URI yet (open builds one)."""


class _Foreign(IndexDamaged):
    """A collection of that name exists but this module did not build it (open leaves it alone)."""


class _EngineFailure(IndexDamaged):
    """The engine refused or failed a call (open raises it rather than drop data over a hiccup)."""


class MilvusStore:
    """A Milvus collection in use: the Milvus implementation of Store.

    `chunks` is kept in memory in row order (the order rows were inserted; the retriever computes its
    per-chunk features from it) beside two maps: position → Milvus id (`_ids`) and id → position
    (`_pos`). Ids grow monotonically (manifest "next_id") and are never reused, so a removed report's
    ids cannot come back as another chunk's. After remove_report the list and both maps are rebuilt
    from the rows that stay, so positions are dense again (0..n-1) and a ScoredRow's row is always an
    index into `chunks`. A HybridRetriever made before an add or remove is stale: make a new one.
    """

    kind = STORE_KIND

    def __init__(self, client: Any, uri: str, collection: str, chunks: list[Chunk], ids: list[int],
                 manifest: dict, embedder: Embedder):
        self._client = client
        self.uri = uri
        self.collection = collection
        self._manifest = manifest
        self._embedder = embedder
        self.embedding_cache: Path | None = None      # where add_report finds and keeps embeddings
        self._set_rows(chunks, ids)

    # ------------------------------------------------------------------ the Store protocol

    @property
    def chunks(self) -> list[Chunk]:
        return self._chunks

    @property
    def reports(self) -> list[Report]:
        return [Report(**d) for d in self._manifest.get("documents", [])]

    @property
    def manifest(self) -> dict:
        return self._manifest

    @property
    def embedder(self) -> Embedder:
        return self._embedder

    @property
    def path(self) -> Path:
        """The Milvus Lite .db (a folder), or for a server the URI as a path (see `uri` for the exact one)."""
        return Path(self.uri)

    @property
    def row_ids(self) -> list[int]:
        """The Milvus id of each row of `chunks`."""
        return list(self._ids)

    @property
    def analyzer(self) -> str:
        return str(self._manifest.get("analyzer", "whitespace"))

    def keyword_search(self, tokens: list[str], k: int, doc_ids: Collection[str] | None = None) -> list[ScoredRow]:
        query = keyword_field(tokens, self.analyzer)
        limit = min(int(k), MAX_TOPK, len(self._chunks))      # Milvus serves at most MAX_TOPK (16384) hits
        expr = doc_filter(doc_ids)
        if not query or limit <= 0 or expr is None:
            return []
        hits = self._search([query], "sparse", limit, expr, {"metric_type": "BM25"})
        # Milvus Lite reports a BM25 hit's distance as -score, a server as +score: the score is its size
        rows = [ScoredRow(self._row_of(h["id"]), abs(float(h["distance"]))) for h in hits]
        rows.sort(key=lambda r: -r.score)
        return [r for r in rows if r.score > 0]

    def dense_search(self, vector: np.ndarray, k: int, doc_ids: Collection[str] | None = None) -> list[ScoredRow]:
        v = self._vector(vector)
        limit = min(int(k), MAX_TOPK, len(self._chunks))
        expr = doc_filter(doc_ids)
        if limit <= 0 or expr is None:
            return []
        hits = self._search([v.tolist()], "dense", limit, expr, {"metric_type": "IP"})
        rows = [ScoredRow(self._row_of(h["id"]), float(h["distance"])) for h in hits]
        rows.sort(key=lambda r: -r.score)
        return rows

    def similarity(self, vector: np.ndarray, rows: Sequence[int]) -> list[float]:
        v = self._vector(vector)
        if not len(rows):
            return []
        ids = [self._ids[int(r)] for r in rows]
        found = {int(r["id"]): r["dense"] for r in self._call("query", self._client.query, self.collection,
                                                            ids=sorted(set(ids)), output_fields=["id", "dense"])}
        missing = [i for i in ids if i not in found]
        if missing:
            raise IndexDamaged(f"Milvus collection {self.collection!r} at {self.uri} has lost rows {missing[:5]} "
                               "the store holds in memory; reopen it")
        return [float(np.asarray(found[i], dtype=np.float32) @ v) for i in ids]

    # ------------------------------------------------------------------ helpers

    def close(self) -> None:
        """Close the client (a Milvus Lite engine keeps running until the process ends)."""
        try:
            self._client.close()
        except Exception as e:         # closing is best effort
            log.debug("closing the Milvus client for %s: %s", self.uri, e)

    def _set_rows(self, chunks: list[Chunk], ids: list[int]) -> None:
        if len(chunks) != len(ids) or len(set(ids)) != len(ids):
            raise IndexDamaged(f"Milvus store {self.uri}: {len(chunks)} chunks but {len(set(ids))} distinct row ids")
        self._chunks = list(chunks)
        self._ids = list(ids)
        self._pos = {i: p for p, i in enumerate(self._ids)}

    def _row_of(self, milvus_id: Any) -> int:
        row = self._pos.get(int(milvus_id))
        if row is None:
            raise IndexDamaged(f"Milvus collection {self.collection!r} at {self.uri} returned row id {milvus_id}, "
                               "which this store does not hold (changed by another process?); reopen it")
        return row

    def _vector(self, vector: np.ndarray) -> np.ndarray:
        v = np.asarray(vector, dtype=np.float32).reshape(-1)
        if v.shape[0] != self._embedder.dim:
            raise ValueError(f"query vector has {v.shape[0]} dims, the store {self._embedder.dim}")
        return v

    def _search(self, data: list, field: str, limit: int, expr: str, params: dict) -> list[dict]:
        result = self._call("search", self._client.search, self.collection, data=data, anns_field=field,
                            limit=limit, filter=expr, output_fields=["id"], search_params=params)
        return list(result[0]) if result else []

    def _call(self, what: str, fn, *args, **kwargs):
        return _engine_call(self.uri, self.collection, what, fn, *args, **kwargs)


# ---------------------------------------------------------------------- text and filters


def escape_token(token: str) -> str:
    """A token as one `\\w+` word: characters outside `\\w`, and "_" itself, become `_<hex>_`
    ("b:铝基" → "b_3a_铝基", "3.5" → "3_2e_5"). Injective, so distinct tokens stay distinct."""
    return _NOT_WORD.sub(lambda m: f"_{ord(m.group()):x}_", token)


def keyword_field(tokens: Iterable[str], analyzer: str) -> str:
    """The text the engine's analyzer turns back into exactly these tokens (see the module docstring)."""
    words = [t for t in tokens if t and not any(ch.isspace() for ch in t)]
    if analyzer == "standard+escaped":
        words = [escape_token(t.lower()) for t in words]
    return " ".join(words)


def _literal(s: str) -> str:
    """A Milvus filter string literal."""
    s = s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return f'"{s}"'


def doc_filter(doc_ids: Collection[str] | None) -> str | None:
    """The filter expression for these reports: "" for all (None), None for none at all (an empty set)."""
    if doc_ids is None:
        return ""
    ids = sorted(set(doc_ids))
    if not ids:
        return None
    return f"doc_id in [{', '.join(_literal(d) for d in ids)}]"


# ---------------------------------------------------------------------- connecting


def _pymilvus():
    try:
        import pymilvus
    except ImportError:
        raise ConfigError(INSTALL_HINT) from None
    return pymilvus


def is_lite_uri(uri: str) -> bool:
    """Whether pymilvus treats the URI as a Milvus Lite store (a local path ending in .db)."""
    return str(uri).endswith(".db")


def _engine_call(uri: str, collection: str, what: str, fn, *args, **kwargs):
    """Run one engine call; an engine error becomes IndexDamaged naming the URI (never partial results)."""
    from pymilvus import MilvusException
    try:
        return fn(*args, **kwargs)
    except MilvusException as e:
        raise _EngineFailure(f"Milvus at {uri}: {what} on collection {collection!r} failed: {_message(e)}") from None


def _message(e: Exception) -> str:
    return str(getattr(e, "message", "") or e)


def connect(uri: str | Path, token: str = "", timeout: float = CONNECT_TIMEOUT_S):
    """A MilvusClient for the URI, proven to answer. ConfigError for a URI that cannot be one (or no
    pymilvus); IndexDamaged for a server that does not answer or a Lite .db that cannot be opened."""
    pymilvus = _pymilvus()
    uri = str(uri)
    if is_lite_uri(uri):
        try:
            import milvus_lite  # noqa: F401
        except ImportError:
            raise ConfigError(INSTALL_HINT) from None
        p = Path(uri)
        if not p.parent.is_dir():
            raise ConfigError(f"Milvus Lite URI {uri}: the folder {p.parent} does not exist")
        if p.exists() and not p.is_dir():
            raise IndexDamaged(f"Milvus Lite store {uri} is damaged or not Milvus Lite's: it is a file, and "
                               "Milvus Lite 3 keeps its data in a folder of that name")
    elif not re.match(r"(https?|tcp|unix)://|unix:", uri):
        raise ConfigError(f"Milvus URI {uri!r}: use http://host:19530 (https://, tcp://, unix:) or a local path ending in .db")
    try:
        client = pymilvus.MilvusClient(uri=uri, token=token, timeout=timeout)
        client.list_collections(timeout=timeout)
    except pymilvus.MilvusException as e:
        if is_lite_uri(uri):
            raise IndexDamaged(f"cannot open the Milvus Lite store {uri}: {_message(e)} (damaged, not a Milvus Lite "
                               "folder, or held by another process)") from None
        if isinstance(e, pymilvus.exceptions.ConnectionConfigException):
            raise ConfigError(f"Milvus URI {uri}: {_message(e)}") from None
        raise IndexDamaged(f"cannot reach Milvus at {uri} within {timeout:g} s: {_message(e)}") from None
    return client


def _choose_analyzer(client) -> str:
    """"standard+escaped" on Milvus Lite (which has no whitespace tokenizer), "whitespace" on a server."""
    try:
        version = str(client.get_server_version())
    except Exception:
        version = ""
    return "standard+escaped" if "lite" in version.lower() else "whitespace"


def _check_collection_name(collection: str) -> None:
    if not _COLLECTION_NAME.fullmatch(collection):
        raise ConfigError(f"Milvus collection name {collection!r}: use letters, digits and _, starting with a letter or _")


# ---------------------------------------------------------------------- the manifest collection


# The manifest is JSON in a second collection rather than a file beside the .db: it then works for a
# server URI too (no local folder there), is copied, dropped and backed up with the data it describes,
# and is written in the same database as the rows. It says "building"/"updating" before rows change and
# "ready" after, so a build or an add/remove that dies half-way is rebuilt at the next open.


def _manifest_collection(collection: str) -> str:
    return collection + MANIFEST_SUFFIX


def _write_manifest(client, uri: str, collection: str, manifest: dict) -> None:
    """Store the manifest JSON in parts (rows 0..n-1 of the manifest collection), dropping older extra parts."""
    from pymilvus import DataType

    name = _manifest_collection(collection)
    text = json.dumps(manifest, ensure_ascii=False)
    parts = [text[i:i + MANIFEST_PART_CHARS] for i in range(0, len(text), MANIFEST_PART_CHARS)] or [""]
    if not _engine_call(uri, name, "has_collection", client.has_collection, name):
        schema = client.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field("part", DataType.INT64, is_primary=True)
        schema.add_field("json", DataType.VARCHAR, max_length=VARCHAR_MAX)
        schema.add_field("pad", DataType.FLOAT_VECTOR, dim=2)      # Milvus wants a vector field in every collection
        index = client.prepare_index_params()
        index.add_index(field_name="pad", index_type="FLAT", metric_type="IP")
        _create(client, uri, name, schema, index)
    _engine_call(uri, name, "load", client.load_collection, name)
    rows = [{"part": i, "json": p, "pad": [0.0, 0.0]} for i, p in enumerate(parts)]
    _engine_call(uri, name, "upsert", client.upsert, name, rows)
    _engine_call(uri, name, "delete", client.delete, name, filter=f"part >= {len(parts)}")
    _engine_call(uri, name, "flush", client.flush, name)


def _read_manifest(client, uri: str, collection: str) -> dict:
    name = _manifest_collection(collection)
    if not _engine_call(uri, name, "has_collection", client.has_collection, name):
        if _engine_call(uri, collection, "has_collection", client.has_collection, collection):
            raise _Foreign(f"Milvus collection {collection!r} at {uri} was not built by this program (no {name!r} "
                           "beside it): choose another collection name, or drop it (build_milvus_store replaces it)")
        raise _Missing(f"no Milvus store {collection!r} at {uri}")
    _engine_call(uri, name, "load", client.load_collection, name)
    rows = _engine_call(uri, name, "query", client.query, name, filter="part >= 0", output_fields=["part", "json"],
                        limit=MAX_TOPK)
    parts = sorted((int(r["part"]), r["json"]) for r in rows)
    if [p for p, _ in parts] != list(range(len(parts))):
        raise IndexDamaged(f"the manifest of Milvus store {collection!r} at {uri} is incomplete (parts {[p for p, _ in parts]})")
    try:
        manifest = json.loads("".join(j for _, j in parts))
    except ValueError as e:
        raise IndexDamaged(f"the manifest of Milvus store {collection!r} at {uri} is not valid JSON ({e})") from None
    if not isinstance(manifest, dict):
        raise IndexDamaged(f"the manifest of Milvus store {collection!r} at {uri} is not an object")
    return manifest


# ---------------------------------------------------------------------- building


def expected_settings(config: Config, embedder: Embedder, files: list[Path] | None = None) -> dict:
    """What the manifest must say for the store to fit this config, embedder and corpus."""
    files = corpus_files(config.data_dir) if files is None else files
    return {
        "format_version": FORMAT_VERSION,
        "store": STORE_KIND,
        "embedder": embedder.id,
        "dim": embedder.dim,
        "chunker": asdict(ChunkerSettings(window=config.window, stride=config.stride)),
        "tokenizer": TOKENIZER_VERSION,
        "bm25": {"k1": BM25_K1, "b": BM25_B},
        "corpus_sha256": corpus_sha256(files),
    }


def _create_collection(client, uri: str, collection: str, dim: int, analyzer: str) -> None:
    from pymilvus import DataType, Function, FunctionType

    schema = client.create_schema(auto_id=False, enable_dynamic_field=False)
    schema.add_field("id", DataType.INT64, is_primary=True)
    schema.add_field("chunk_id", DataType.VARCHAR, max_length=1024)
    schema.add_field("doc_id", DataType.VARCHAR, max_length=1024)
    schema.add_field("region", DataType.VARCHAR, max_length=256)
    schema.add_field("report_year", DataType.INT64)                 # 0: unknown
    schema.add_field("chunk", DataType.VARCHAR, max_length=VARCHAR_MAX)      # the Chunk as JSON
    schema.add_field("keywords", DataType.VARCHAR, max_length=VARCHAR_MAX, enable_analyzer=True,
                     analyzer_params=ANALYZERS[analyzer])
    schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
    schema.add_field("dense", DataType.FLOAT_VECTOR, dim=dim)
    schema.add_function(Function(name="keywords_bm25", function_type=FunctionType.BM25,
                                 input_field_names=["keywords"], output_field_names=["sparse"]))
    index = client.prepare_index_params()
    index.add_index(field_name="dense", index_type="FLAT", metric_type="IP")    # exact, as faiss.IndexFlatIP
    index.add_index(field_name="sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25",
                    params={"bm25_k1": BM25_K1, "bm25_b": BM25_B})
    _create(client, uri, collection, schema, index)


def _create(client, uri: str, name: str, schema, index) -> None:
    """Create a collection with its indexes. pymilvus's own wait for an index sleeps 0.5 s per index
    (after asking Milvus Lite for a timestamp it does not serve), so the indexes are created without
    waiting and their state polled here: on an empty collection they are ready at once."""
    _engine_call(uri, name, "create_collection", client.create_collection, name, schema=schema)
    _engine_call(uri, name, "create_index", client.create_index, name, index, sync=False)
    deadline = time.monotonic() + INDEX_WAIT_S
    for field in _engine_call(uri, name, "list_indexes", client.list_indexes, name):
        while True:
            state = str(_engine_call(uri, name, "describe_index", client.describe_index, name, field).get("state", ""))
            if state.endswith("Finished"):
                break
            if state.endswith("Failed") or time.monotonic() > deadline:
                raise IndexDamaged(f"Milvus at {uri}: the index on {name}.{field} is not ready ({state or 'no state'})")
            time.sleep(0.05)


def _embed(embedder: Embedder, chunks: Sequence[Chunk], cache: Path | None = None) -> np.ndarray:
    """The chunks' vectors; through the embedding cache when one is given (shared with the FAISS
    index of the same index_dir, so switching stores or adding a report embeds only new text)."""
    texts = [dense_text(c) for c in chunks]
    if cache is not None:
        vectors = EmbeddingCache(cache, embedder).embed(texts)
    else:
        parts = [np.asarray(embedder.embed_passages(texts[i:i + EMBED_BATCH]), dtype=np.float32)
                 for i in range(0, len(texts), EMBED_BATCH)]
        vectors = np.concatenate(parts) if parts else np.zeros((0, embedder.dim), np.float32)
    if vectors.shape != (len(texts), embedder.dim):
        raise ValueError(f"embedder {embedder.id} returned {vectors.shape}, expected ({len(texts)}, {embedder.dim})")
    return vectors


def _chunk_json(c: Chunk) -> str:
    return json.dumps(asdict(c), ensure_ascii=False)


def _chunk_from_json(text: str) -> Chunk:
    d = json.loads(text)
    d["section"] = tuple(d["section"])
    d["char_span"] = tuple(d["char_span"])
    return Chunk(**d)


def _rows(chunks: Sequence[Chunk], ids: Sequence[int], vectors: np.ndarray, analyzer: str) -> list[dict]:
    rows = []
    for i, c, kw_text, v in zip(ids, chunks, keyword_texts(list(chunks)), vectors, strict=True):
        row = {"id": int(i), "chunk_id": c.id, "doc_id": c.doc_id, "region": c.region or "",
               "report_year": int(c.report_year or 0), "chunk": _chunk_json(c),
               "keywords": keyword_field(keyword_tokens(kw_text), analyzer), "dense": v.tolist()}
        for name in ("chunk", "keywords", "chunk_id", "doc_id"):
            size = len(row[name].encode("utf-8"))
            limit = VARCHAR_MAX if name in ("chunk", "keywords") else 1024
            if size > limit:
                raise ConfigError(f"chunk {c.id}: its {name} takes {size} bytes, a Milvus VARCHAR here holds {limit}; "
                                  "use a smaller chunk window (or the FAISS store)")
        rows.append(row)
    return rows


def partition_of(doc_id: str) -> str:
    """The partition holding a report's rows (a name Milvus accepts, whatever the report id).

    Milvus Lite keeps BM25 statistics (IDF, mean length) per segment and merges segments only within a
    partition, so with a partition per report every report is scored with its own statistics, as the
    FAISS store's per-report bm25s indexes do, and a report's keyword scores stay the same when others
    are added or removed. A Milvus server keeps the statistics per collection: there a keyword score
    (not which rows the filter lets through) depends on the other reports too."""
    return "r_" + hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:24]


def _insert(client, uri: str, collection: str, rows: list[dict]) -> None:
    """Insert rows, each report's into its own partition (see the module docstring: on Milvus Lite that
    keeps each report's BM25 statistics its own)."""
    by_doc: dict[str, list[dict]] = {}
    for row in rows:
        by_doc.setdefault(row["doc_id"], []).append(row)
    for doc_id, part in by_doc.items():
        name = partition_of(doc_id)
        if not _engine_call(uri, collection, "has_partition", client.has_partition, collection, name):
            _engine_call(uri, collection, "create_partition", client.create_partition, collection, name)
        for i in range(0, len(part), INSERT_BATCH):
            _engine_call(uri, collection, "insert", client.insert, collection, part[i:i + INSERT_BATCH], partition_name=name)


def _drop(client, uri: str, name: str) -> None:
    if _engine_call(uri, name, "has_collection", client.has_collection, name):
        _engine_call(uri, name, "drop_collection", client.drop_collection, name)


def _connected(config: Config, uri: str | Path, embedder: Embedder | None, token: str, collection: str,
               timeout: float) -> tuple[Any, Embedder]:
    """A client of `uri` and the embedder to use, after checking the collection name."""
    _check_collection_name(collection)
    return connect(uri, token, timeout), embedder or get_embedder(config.embedder)


def build_milvus_store(config: Config, uri: str | Path, embedder: Embedder | None = None, token: str = "",
                       collection: str = DEFAULT_COLLECTION, *, timeout: float = CONNECT_TIMEOUT_S) -> MilvusStore:
    """Build the store for config.data_dir in `collection` at `uri`, replacing what was there."""
    client, embedder = _connected(config, uri, embedder, token, collection, timeout)
    return _build(client, str(uri), collection, config, embedder)


def _build(client, uri: str, collection: str, config: Config, embedder: Embedder) -> MilvusStore:
    t0 = time.perf_counter()
    files = corpus_files(config.data_dir)
    docs = load_corpus(config.data_dir)
    settings = expected_settings(config, embedder, files)
    chunks = chunk_corpus(docs, ChunkerSettings(window=config.window, stride=config.stride))
    log.info("embedding %d chunks with %s", len(chunks), embedder.id)
    vectors = _embed(embedder, chunks, cache_dir(Path(config.index_dir)))
    analyzer = _choose_analyzer(client)
    ids = list(range(len(chunks)))
    rows = _rows(chunks, ids, vectors, analyzer)
    # "building" first: a build that dies leaves a store known as this module's, rebuilt at the next open
    _write_manifest(client, uri, collection, {**settings, "state": "building"})
    _drop(client, uri, collection)
    _create_collection(client, uri, collection, embedder.dim, analyzer)
    _insert(client, uri, collection, rows)
    _engine_call(uri, collection, "flush", client.flush, collection)
    _engine_call(uri, collection, "load", client.load_collection, collection)
    manifest = {**settings, "state": "ready", "analyzer": analyzer, "collection": collection,
                "counts": {"documents": len(docs), "chunks": len(chunks)},
                "documents": [asdict(r) for r in reports_of(docs, chunks)],
                "sources": {d.id: d.source for d in docs},
                "next_id": len(chunks),
                "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                "build_seconds": round(time.perf_counter() - t0, 3)}
    _write_manifest(client, uri, collection, manifest)
    log.info("built Milvus store %s at %s: %d chunks in %.1fs", collection, uri, len(chunks), time.perf_counter() - t0)
    store = MilvusStore(client, uri, collection, chunks, ids, manifest, embedder)
    store.embedding_cache = cache_dir(Path(config.index_dir))
    return store


# ---------------------------------------------------------------------- loading


def load_milvus_store(config: Config, uri: str | Path, embedder: Embedder | None = None, token: str = "",
                      collection: str = DEFAULT_COLLECTION, *, timeout: float = CONNECT_TIMEOUT_S) -> MilvusStore:
    """Open and verify the store; IndexDamaged says what is missing, stale or wrong."""
    client, embedder = _connected(config, uri, embedder, token, collection, timeout)
    return _load(client, str(uri), collection, config, embedder)


def _load(client, uri: str, collection: str, config: Config, embedder: Embedder) -> MilvusStore:
    where = f"Milvus store {collection!r} at {uri}"
    manifest = _read_manifest(client, uri, collection)
    if manifest.get("state") != "ready":
        raise IndexDamaged(f"{where} is incomplete (a build or an update did not finish)")
    for key, value in expected_settings(config, embedder).items():
        if manifest.get(key) != value:
            raise IndexDamaged(f"{where} is stale: {key} is {manifest.get(key)!r}, now {value!r}")
    analyzer = manifest.get("analyzer")
    if analyzer not in ANALYZERS:
        raise IndexDamaged(f"{where}: the manifest names an unknown keyword analyzer {analyzer!r}")
    if not _engine_call(uri, collection, "has_collection", client.has_collection, collection):
        raise IndexDamaged(f"{where}: the manifest is there but the collection is missing")
    _check_schema(client, uri, collection, embedder.dim, analyzer)
    _engine_call(uri, collection, "load", client.load_collection, collection)
    ids, chunks = _read_rows(client, uri, collection, int(manifest.get("next_id", 0)))
    counts = manifest.get("counts") or {}
    if len(chunks) != counts.get("chunks"):
        raise IndexDamaged(f"{where} holds {len(chunks)} rows, its manifest says {counts.get('chunks')}")
    want = chunk_corpus(load_corpus(config.data_dir), ChunkerSettings(window=config.window, stride=config.stride))
    have = {c.id: c for c in chunks}
    if len(have) != len(chunks) or have != {c.id: c for c in want}:
        bad = next((c.id for c in want if have.get(c.id) != c), next(iter(set(have) - {c.id for c in want}), "?"))
        raise IndexDamaged(f"{where} does not match the corpus in {config.data_dir}: chunk {bad} differs "
                           f"({len(chunks)} stored vs {len(want)} chunks)")
    store = MilvusStore(client, uri, collection, chunks, ids, manifest, embedder)
    store.embedding_cache = cache_dir(Path(config.index_dir))
    _verify_probe(store)
    return store


def _check_schema(client, uri: str, collection: str, dim: int, analyzer: str) -> None:
    where = f"Milvus collection {collection!r} at {uri}"
    desc = _engine_call(uri, collection, "describe_collection", client.describe_collection, collection)
    fields = {f["name"]: f for f in desc.get("fields", [])}
    for name, kind in _SCALARS.items():
        f = fields.get(name)
        got = getattr(f.get("type"), "name", str(f.get("type"))) if f else None
        if got != kind:
            raise IndexDamaged(f"{where} has another schema: field {name!r} is {got or 'missing'}, expected {kind}")
    params = fields["dense"].get("params", {})
    if int(params.get("dim", -1)) != dim:
        raise IndexDamaged(f"{where} has another schema: dense vectors of dim {params.get('dim')}, the embedder has {dim}")
    kw = fields["keywords"].get("params", {})
    got_analyzer = kw.get("analyzer_params")
    if isinstance(got_analyzer, str):
        try:
            got_analyzer = json.loads(got_analyzer)
        except ValueError:
            got_analyzer = None
    if str(kw.get("enable_analyzer", "")).lower() != "true" or got_analyzer != ANALYZERS[analyzer]:
        raise IndexDamaged(f"{where} has another schema: keywords analyzer {got_analyzer!r}, expected {ANALYZERS[analyzer]!r}")
    bm25 = [f for f in desc.get("functions", []) if getattr(f.get("type"), "name", "") == "BM25"]
    if not any(f.get("input_field_names") == ["keywords"] and f.get("output_field_names") == ["sparse"] for f in bm25):
        raise IndexDamaged(f"{where} has another schema: no BM25 function from 'keywords' to 'sparse'")


def _read_rows(client, uri: str, collection: str, next_id: int) -> tuple[list[int], list[Chunk]]:
    """Every row's (id, chunk) in id order (= insertion order), read in id ranges of MAX_TOPK."""
    got: list[tuple[int, str]] = []
    for lo in range(0, max(next_id, 1), MAX_TOPK):
        rows = _engine_call(uri, collection, "query", client.query, collection,
                            filter=f"id >= {lo} and id < {lo + MAX_TOPK}", output_fields=["id", "chunk"], limit=MAX_TOPK)
        got.extend((int(r["id"]), r["chunk"]) for r in rows)
    beyond = _engine_call(uri, collection, "query", client.query, collection, filter=f"id >= {next_id} or id < 0",
                          output_fields=["id"], limit=1)
    if beyond:
        raise IndexDamaged(f"Milvus collection {collection!r} at {uri} has row ids outside 0..{next_id - 1} "
                           "(written by something else?)")
    got.sort()
    try:
        chunks = [_chunk_from_json(text) for _, text in got]
    except (ValueError, TypeError, KeyError) as e:
        raise IndexDamaged(f"Milvus collection {collection!r} at {uri} holds a chunk that cannot be read: {e}") from None
    return [i for i, _ in got], chunks


def _verify_probe(store: MilvusStore) -> None:
    """The middle row's stored vector and keyword text must be its text's (one passage embedding)."""
    if not store.chunks:
        return
    p = len(store.chunks) // 2
    rows = store._call("query", store._client.query, store.collection, ids=[store._ids[p]],
                       output_fields=["id", "dense", "keywords"])
    if not rows:
        raise IndexDamaged(f"Milvus store {store.collection!r} at {store.uri}: row {store._ids[p]} cannot be read back")
    stored = np.asarray(rows[0]["dense"], dtype=np.float32).reshape(-1)
    fresh = np.asarray(store.embedder.embed_passages([dense_text(store.chunks[p])]), dtype=np.float32).reshape(-1)
    cos = float(fresh @ stored / max(float(np.linalg.norm(fresh) * np.linalg.norm(stored)), 1e-12))
    if not cos >= PROBE_MIN_COSINE:
        raise IndexDamaged(f"Milvus store {store.collection!r} at {store.uri}: row {store._ids[p]} holds another text's "
                           f"vector (cosine {cos:.4f})")
    same_doc = [c for c in store.chunks if c.doc_id == store.chunks[p].doc_id]
    want = keyword_field(keyword_tokens(keyword_texts(same_doc)[same_doc.index(store.chunks[p])]), store.analyzer)
    if rows[0]["keywords"] != want:
        raise IndexDamaged(f"Milvus store {store.collection!r} at {store.uri}: row {store._ids[p]} holds another "
                           "text's keywords")


def open_milvus_store(config: Config, uri: str | Path, embedder: Embedder | None = None, token: str = "",
                      collection: str = DEFAULT_COLLECTION, *, timeout: float = CONNECT_TIMEOUT_S) -> MilvusStore:
    """The store at `uri` if it fits the corpus, embedder and settings; otherwise (missing, stale, left
    half-built, or of another schema) it is (re)built, with a warning when one was there. IndexDamaged,
    without touching anything, for a collection this module did not build, an engine call that fails
    (a damaged file, a server error) and, as in connect(), an unreachable server or an unopenable .db."""
    client, embedder = _connected(config, uri, embedder, token, collection, timeout)
    try:
        return _load(client, str(uri), collection, config, embedder)
    except (_Foreign, _EngineFailure):
        raise
    except _Missing as e:
        log.info("%s; building it now", e)
    except IndexDamaged as e:
        log.warning("%s; rebuilding", e)
    return _build(client, str(uri), collection, config, embedder)


# ---------------------------------------------------------------------- adding and removing reports


def _corpus_digest(sources: dict[str, str]) -> str:
    """corpus_sha256 of the reports' files (sorted as corpus_files sorts them), "" when one is not a file:
    a store updated with the files of a data folder reopens for that folder without a rebuild."""
    if not sources or not all(s and Path(s).is_file() for s in sources.values()):
        return ""
    return corpus_sha256(sorted(Path(s) for s in sources.values()))


def _save_manifest(store: MilvusStore, docs: list[dict], sources: dict[str, str], next_id: int) -> None:
    m = dict(store.manifest)
    m.update({"documents": docs, "sources": sources, "next_id": next_id,
              "counts": {"documents": len(docs), "chunks": len(store.chunks)},
              "corpus_sha256": _corpus_digest(sources), "updated_at": time.strftime("%Y-%m-%dT%H:%M:%S%z")})
    _write_manifest(store._client, store.uri, store.collection, m)
    store._manifest = m


def _mark_updating(store: MilvusStore) -> None:
    """Say "updating" before touching rows: an update that dies half-way is rebuilt at the next open."""
    _write_manifest(store._client, store.uri, store.collection, {**store.manifest, "state": "updating"})


def add_report(store: MilvusStore, doc: Document) -> int:
    """Insert one report's rows (a report already in the store is replaced); returns the rows added.
    The other reports' rows are not touched. Make a new HybridRetriever afterwards."""
    if any(r.id == doc.id for r in store.reports):
        remove_report(store, doc.id)
    settings = ChunkerSettings(**store.manifest["chunker"])
    chunks = chunk_document(doc, settings)
    vectors = _embed(store.embedder, chunks, store.embedding_cache)
    first = int(store.manifest["next_id"])
    ids = list(range(first, first + len(chunks)))
    rows = _rows(chunks, ids, vectors, store.analyzer)
    _mark_updating(store)
    _insert(store._client, store.uri, store.collection, rows)
    store._call("flush", store._client.flush, store.collection)
    store._set_rows(store.chunks + chunks, store._ids + ids)
    docs = [*store.manifest.get("documents", []), asdict(reports_of([doc], chunks)[0])]
    sources = {**store.manifest.get("sources", {}), doc.id: doc.source}
    _save_manifest(store, docs, sources, first + len(chunks))
    return len(chunks)


def remove_report(store: MilvusStore, doc_id: str) -> int:
    """Delete one report's rows (by a doc_id filter) and rebuild the in-memory rows; returns the rows removed.
    The other reports' rows, and their ids, are not touched. Make a new HybridRetriever afterwards."""
    if not any(r.id == doc_id for r in store.reports):
        raise KeyError(f"no report {doc_id!r} in Milvus store {store.collection!r} at {store.uri}")
    keep = [p for p, c in enumerate(store.chunks) if c.doc_id != doc_id]
    removed = len(store.chunks) - len(keep)
    _mark_updating(store)
    store._call("delete", store._client.delete, store.collection, filter=doc_filter([doc_id]))
    store._call("flush", store._client.flush, store.collection)
    store._set_rows([store.chunks[p] for p in keep], [store._ids[p] for p in keep])
    docs = [d for d in store.manifest.get("documents", []) if d.get("id") != doc_id]
    sources = {k: v for k, v in store.manifest.get("sources", {}).items() if k != doc_id}
    _save_manifest(store, docs, sources, int(store.manifest["next_id"]))
    return removed
