"""Scale benchmark: FAISS (exact, HNSW, IVF), bm25s and Milvus Lite at 10^4, 10^5 and 10^6 chunks.

    .venv/bin/python bench/scale.py                         # or `make bench-scale`; all engines, all sizes
    .venv/bin/python bench/scale.py --sizes 10000 100000 --engines faiss bm25s
    .venv/bin/python bench/scale.py --engines milvus --workdir /tmp/scale-work   # reuse a generated corpus

Corpus: the Guangyuan 2024 report split into sentences (on 。；！？), merged or cut to ~80-140 characters;
synthetic chunk i = one of those units, half the time with one clause dropped, 广元 replaced by an invented
place name, every figure replaced by a random one of the same shape, behind an invented place-name prefix
(青松镇：...). A single seeded random stream makes chunk i the same in every run, so the 10^4 corpus is
the first 10^4 chunks of the 10^6 one.

Dense vectors are a STAND-IN, not the embedder: counts of hashed character bigrams (65,536 buckets)
times a fixed Gaussian projection to 384 dimensions (the real embedder's), L2-normalised. Near-duplicate
texts get near vectors, as with a real embedder; nothing of the embedder is timed. A query is a corpus
chunk's place name plus a 30-60 character span of its body with ~10% of characters deleted (and sometimes
a question tail such as 是多少？), embedded the same way. 200 queries are timed per size and another 400
(other sources) tune efSearch / nprobe, so the tuned setting is not fitted on the timed queries.

Every engine and size is measured in its own child process (`--one KIND SIZE`), so peak RSS (the child's
own VmHWM when its queries are done: interpreter and imports included, rss_base_mb is that before the
build) does not accumulate; disk_mb is the index written to a temp dir.
Builds use all cores; FAISS queries run one at a time on one thread (faiss.omp_set_num_threads(1)),
bm25s queries one at a time with n_threads=1 (the query's tokenisation included), Milvus Lite queries
one at a time through pymilvus (its gRPC server runs in-process on threads).

Rows already in bench/results/scale.json for an (engine, size) this run does not measure are kept,
so the benchmark can be run in parts (each part under ~25 minutes on a 2-core machine).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from array import array
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:           # run as a script: bench/ is not a package
    sys.path.insert(0, str(ROOT))

REPORT = ROOT / "data" / "guangyuan_2024_government_work_report.txt"
RESULTS = ROOT / "bench" / "results"
CORPUS_VERSION = "scale-corpus-1"
SEED = 2024
DIM = 384                               # the real embedder's dimension (e5-small)
HASH_BITS = 16
K = 10
N_QUERIES = 200                         # timed
N_TUNE = 400                            # tune efSearch / nprobe (not timed)
WARMUP = 10
RECALL_GOAL = 0.95
TUNE_TARGET = 0.965                     # tuned on other queries: a margin so the timed ones stay ≥ 0.95
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 200
EF_SEARCH = (16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096)
NPROBE = (1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512)
SWEEP_SIZES = (100, 300, 1000, 2000, 5000, 20000, 50000)
MILVUS_BUDGET_S = 600
MILVUS_BATCH = 2000
MILVUS_RATE_ROWS = 20_000               # the insert rate is measured on the first rows, then extrapolated
MILVUS_INDEX_FACTOR = 0.25              # flush + index after the last insert, as a share of the insert time: Lite indexes
                                        # flushed segments in the background while the insert goes on (measured 0.04-0.22x)
MILVUS_RSS_LIMIT_MB = 8192              # a shared 24 GiB machine: stop inserting beyond this
MILVUS_QUERY_BUDGET_S = 60              # per query kind; at least MIN_QUERIES are timed
MIN_QUERIES = 30
N_DOCS = 50                             # chunk i belongs to document d{i % 50}: the Milvus filter field
FILTER_EVERY = 4                        # every 4th Milvus query carries doc_id in ["d1","d2"]
MILVUS_FILTER = 'doc_id in ["d1","d2"]'
MILVUS_LABELS = {"dense": "dense AUTOINDEX (HNSW in Lite)", "bm25": "BM25 sparse inverted (jieba analyzer)",
                 "hybrid": "hybrid dense+BM25, RRFRanker(60)"}
P50_GOAL_MS = 20
STAND_IN_NOTE = "dense vectors: hashed-bigram random projection stand-in; the embedder is not timed"
DEFAULT_SIZES = (10_000, 100_000, 1_000_000)
ENGINES = ("faiss", "bm25s", "milvus")
BM25_TOKENIZERS = ("jieba+bigram", "bigram")

SYLLABLES = "青石龙凤云金银白松柏桃梨梅竹花溪河江湖山岭峰坝坪沟湾岗川源泉宁安平康和兴盛昌隆丰福寿新东西南北中长高明光华德"
SUFFIXES = ("县", "区", "镇", "乡", "新区", "街道")
QUESTION_TAILS = ("", "", "", "是多少？", "有哪些？", "进展如何？", "怎么样？")
_SENTENCE = re.compile(r"[^。；！？]*[。；！？]|[^。；！？]+$")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_CJK = re.compile(r"[\u4e00-\u9fff]+")
_ASCII_WORD = re.compile(r"[A-Za-z]+|\d+(?:\.\d+)?")


def log(msg: str) -> None:
    print(f"[scale {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile (no interpolation: p95 is an observed latency)."""
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(q / 100 * len(s) + 0.5) - 1))]


def rss_mb() -> float:
    """This process's peak RSS so far: VmHWM (reset at exec, unlike ru_maxrss, which keeps the forking parent's)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024        # not Linux: may include the parent's


def current_rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def dir_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 2**20
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


# ----------------------------------------------------------------------------- synthetic corpus

def base_units(path: Path = REPORT) -> list[str]:
    """The report's sentences, over-long ones cut at the comma nearest the middle, short ones merged (~100 chars)."""
    units: list[str] = []
    for para in path.read_text(encoding="utf-8").splitlines():
        para = para.strip()
        if not para:
            continue
        pieces: list[str] = []
        for s in (x.strip() for x in _SENTENCE.findall(para)):
            while len(s) > 160:
                commas = [i for i, ch in enumerate(s) if ch == "，"]
                cut = min(commas, key=lambda i: abs(i - len(s) // 2)) if commas else len(s) // 2
                pieces.append(s[:cut + 1])
                s = s[cut + 1:]
            if s:
                pieces.append(s)
        buf = ""
        for s in pieces:
            if buf and len(buf) + len(s) > 140:
                units.append(buf)
                buf = ""
            buf += s
            if len(buf) >= 80:
                units.append(buf)
                buf = ""
        if buf:
            units.append(buf)
    return [u for u in units if len(u) >= 20]


def _figure(m: re.Match, rng: random.Random) -> str:
    """A random figure of the same shape (as many integer digits and decimals)."""
    s = m.group()
    whole, _, frac = s.partition(".")
    lo = 10 ** (len(whole) - 1) if len(whole) > 1 else 0
    out = str(rng.randint(lo, 10 ** len(whole) - 1))
    if frac:
        out += "." + str(rng.randint(0, 10 ** len(frac) - 1)).zfill(len(frac))
    return out


def synth_chunks(units: list[str], n: int, seed: int = SEED) -> Iterator[str]:
    rng = random.Random(seed)
    for _ in range(n):
        unit = units[rng.randrange(len(units))]
        name = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3))))
        suffix = rng.choice(SUFFIXES)
        clauses = unit.split("，")
        if len(clauses) >= 3 and rng.random() < 0.5:
            del clauses[rng.randrange(len(clauses) - 1)]       # never the last one: it carries the 。
            unit = "，".join(clauses)
        unit = _NUMBER.sub(lambda m: _figure(m, rng), unit.replace("广元", name))
        yield f"{name}{suffix}：{unit}"


def make_queries(texts: list[str], n: int, count: int, seed: int) -> tuple[list[str], list[int]]:
    """Perturbed corpus chunks: the place name + a 30-60 char span of the body, ~10% of characters deleted."""
    rng = random.Random(seed)
    queries, sources = [], []
    for _ in range(count):
        src = rng.randrange(n)
        head, _, body = texts[src].partition("：")
        length = rng.randint(30, 60)
        start = rng.randrange(max(1, len(body) - length + 1))
        span = "".join(ch for ch in body[start:start + length] if rng.random() >= 0.1)
        queries.append(head + span.rstrip("。；！？") + rng.choice(QUESTION_TAILS))
        sources.append(src)
    return queries, sources


def projection(seed: int = SEED) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.standard_normal((1 << HASH_BITS, DIM), dtype=np.float32) / np.float32(math.sqrt(DIM))


def embed(texts: list[str], proj: np.ndarray) -> np.ndarray:
    """Stand-in dense vectors: hashed character-bigram counts x a fixed Gaussian projection, L2-normalised."""
    from scipy import sparse
    cp = np.frombuffer("\n".join(texts).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    newline = cp == 10
    row = np.cumsum(newline)                                   # text j's characters have row j
    ok = ~(newline[:-1] | newline[1:])
    with np.errstate(over="ignore"):
        h = (cp[:-1] * np.uint64(0x9E3779B97F4A7C15)) ^ (cp[1:] * np.uint64(0xC2B2AE3D27D4EB4F))
    cols = (h >> np.uint64(64 - HASH_BITS))[ok].astype(np.int64)
    x = sparse.csr_matrix((np.ones(len(cols), np.float32), (row[:-1][ok], cols)), shape=(len(texts), 1 << HASH_BITS))
    v = np.asarray(x @ proj, dtype=np.float32)
    v /= np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
    return v


# ----------------------------------------------------------------------------- work dir (corpus, queries, ground truth)

class Work:
    """chunks.txt (one chunk a line), vectors.f32 (row-major float32), queries and exact top-10 per size."""

    def __init__(self, path: Path):
        self.path = path
        self.meta_path = path / "meta.json"

    @property
    def meta(self) -> dict:
        return json.loads(self.meta_path.read_text()) if self.meta_path.exists() else {}

    def prepare(self, max_n: int, sizes: list[int]) -> dict:
        meta = self.meta
        if meta.get("version") != CORPUS_VERSION or meta.get("seed") != SEED or meta.get("n", 0) < max_n:
            t0 = time.perf_counter()
            units = base_units()
            proj = projection()
            log(f"generating {max_n:,} chunks from {len(units)} report units + stand-in vectors in {self.path}")
            batch: list[str] = []
            with open(self.path / "chunks.txt", "w", encoding="utf-8") as ft, open(self.path / "vectors.f32", "wb") as fv:
                for i, text in enumerate(synth_chunks(units, max_n), 1):
                    batch.append(text)
                    if len(batch) == 50_000 or i == max_n:
                        ft.write("\n".join(batch) + "\n")
                        embed(batch, proj).tofile(fv)
                        batch = []
                        if i % 200_000 == 0:
                            log(f"  {i:,} chunks")
            meta = {"version": CORPUS_VERSION, "seed": SEED, "n": max_n, "units": len(units),
                    "generate_s": round(time.perf_counter() - t0, 1), "queries": []}
            self.meta_path.write_text(json.dumps(meta))
            log(f"corpus ready in {meta['generate_s']} s")
        if meta.get("n_tune") != N_TUNE or meta.get("n_queries") != N_QUERIES:
            meta.update(queries=[], n_tune=N_TUNE, n_queries=N_QUERIES)
            for stale in self.path.glob("gt*.npy"):
                stale.unlink()
        missing = [n for n in sizes if n not in meta["queries"]]
        if missing:
            proj = projection()
            texts = self.texts(max(missing))
            for n in missing:
                for split, count, seed in (("test", N_QUERIES, SEED + n), ("tune", N_TUNE, SEED + 7 * n + 1)):
                    qs, src = make_queries(texts, n, count, seed)
                    (self.path / f"q{n}.{split}.json").write_text(json.dumps({"queries": qs, "sources": src}, ensure_ascii=False))
                    np.save(self.path / f"q{n}.{split}.npy", embed(qs, proj))
            meta["queries"] = sorted(set(meta["queries"]) | set(missing))
            self.meta_path.write_text(json.dumps(meta))
        return meta

    def texts(self, n: int) -> list[str]:
        return list(self.iter_texts(n))

    def iter_texts(self, n: int) -> Iterator[str]:
        with open(self.path / "chunks.txt", encoding="utf-8") as f:
            for i, line in enumerate(f):
                if i >= n:
                    return
                yield line.rstrip("\n")

    def vectors(self, n: int, batch: int = 65_536) -> Iterator[tuple[int, np.ndarray]]:
        """Read (not mmap) the first n vectors in batches, so the child's RSS holds one batch, not the file."""
        with open(self.path / "vectors.f32", "rb") as f:
            for start in range(0, n, batch):
                count = min(batch, n - start)
                yield start, np.fromfile(f, dtype=np.float32, count=count * DIM).reshape(count, DIM)

    def queries(self, n: int, split: str = "test") -> tuple[list[str], list[int], np.ndarray]:
        d = json.loads((self.path / f"q{n}.{split}.json").read_text(encoding="utf-8"))
        return d["queries"], d["sources"], np.load(self.path / f"q{n}.{split}.npy")

    def gt_path(self, n: int, split: str) -> Path:
        return self.path / f"gt{n}.{split}.npy"

    def ground_truth(self, n: int, split: str = "test") -> np.ndarray:
        return np.load(self.gt_path(n, split))


def recall_at_k(found: np.ndarray, exact: np.ndarray) -> float:
    return float(np.mean([len(set(f[f >= 0].tolist()) & set(e.tolist())) / len(e) for f, e in zip(found, exact, strict=True)]))


def source_hit(found: list[list[int]] | np.ndarray, sources: list[int]) -> float:
    return float(np.mean([s in set(np.asarray(f).tolist()) for f, s in zip(found, sources, strict=True)]))


def time_queries(search: Callable[[int], list[int]], n_queries: int,
                 budget_s: float | None = None) -> tuple[list[float], list[list[int]]]:
    """Warm up on the first queries, then time each query alone; with budget_s, stop early (≥ MIN_QUERIES timed)."""
    for i in range(min(WARMUP, n_queries)):
        search(i)
    lat, found = [], []
    t0 = time.perf_counter()
    for i in range(n_queries):
        t = time.perf_counter()
        ids = search(i)
        lat.append((time.perf_counter() - t) * 1000)
        found.append(list(ids))
        if budget_s and i + 1 >= MIN_QUERIES and time.perf_counter() - t0 > budget_s:
            break
    return lat, found


def row(engine: str, index: str, n: int, build_s: float, lat: list[float], rss: float, disk: float,
        recall: float | None, **extra) -> dict:
    return {"engine": engine, "index": index, "chunks": n, "build_s": round(build_s, 2),
            "query_p50_ms": round(statistics.median(lat), 3) if lat else None,
            "query_p95_ms": round(pct(lat, 95), 3) if lat else None,
            "rss_mb": round(rss, 1), "disk_mb": round(disk, 1),
            "recall_at_10": None if recall is None else round(recall, 4), **extra}


# ----------------------------------------------------------------------------- children: FAISS

def _faiss_build(kind: str, work: Work, n: int):
    import faiss
    t0 = time.perf_counter()
    params: dict = {}
    if kind == "flat":
        index = faiss.IndexFlatIP(DIM)
    elif kind == "hnsw":
        index = faiss.IndexHNSWFlat(DIM, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        params = {"M": HNSW_M, "efConstruction": HNSW_EF_CONSTRUCTION}
    else:
        nlist = max(1, round(4 * math.sqrt(n)))
        index = faiss.IndexIVFFlat(faiss.IndexFlatIP(DIM), DIM, nlist, faiss.METRIC_INNER_PRODUCT)
        n_train = min(n, 64 * nlist)
        train = np.concatenate([x for _, x in work.vectors(n_train)])
        index.cp.min_points_per_centroid = 1             # small sizes: fewer than 39 points a list is expected
        index.train(train)
        del train
        params = {"nlist": nlist, "train_points": n_train}
    for _, x in work.vectors(n):
        index.add(x)
    return index, time.perf_counter() - t0, params


def _faiss_tune(kind: str, index, tune_q: np.ndarray, tune_gt: np.ndarray) -> tuple[dict, list]:
    """Smallest efSearch / nprobe reaching TUNE_TARGET recall@10 on the tuning queries."""
    curve = []
    values = EF_SEARCH if kind == "hnsw" else [p for p in NPROBE if p <= index.nlist]
    for v in values:
        if kind == "hnsw":
            index.hnsw.efSearch = v
        else:
            index.nprobe = v
        _, found = index.search(tune_q, K)
        r = recall_at_k(found, tune_gt)
        curve.append([v, round(r, 4)])
        if r >= TUNE_TARGET:
            break
    name = "efSearch" if kind == "hnsw" else "nprobe"
    return {name: curve[-1][0], "tuned_to_target": curve[-1][1] >= TUNE_TARGET}, curve


def faiss_measure(kind: str, work: Work, n: int, queries: tuple | None = None, tune: tuple | None = None,
                  gt: dict | None = None) -> tuple[dict, object]:
    import faiss
    faiss.omp_set_num_threads(os.cpu_count() or 1)
    base = rss_mb()
    index, build_s, params = _faiss_build(kind, work, n)
    tmp = Path(tempfile.mkdtemp(prefix="scale-faiss-"))
    try:
        faiss.write_index(index, str(tmp / f"{kind}.index"))
        disk = dir_mb(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    _, sources, qv = queries or work.queries(n, "test")
    curve: list = []
    if kind != "flat":
        tune_q = tune if tune is not None else work.queries(n, "tune")[2]
        tune_gt = gt["tune"] if gt else work.ground_truth(n, "tune")
        tuned, curve = _faiss_tune(kind, index, tune_q, tune_gt)
        params.update(tuned)
    faiss.omp_set_num_threads(1)
    lat, found = time_queries(lambda i: index.search(qv[i:i + 1], K)[1][0], len(qv))
    rss = rss_mb()
    faiss.omp_set_num_threads(os.cpu_count() or 1)
    found_arr = np.array(found)
    if kind == "flat":
        exact = found_arr
        recall = 1.0
    else:
        exact = gt["test"] if gt else work.ground_truth(n, "test")
        recall = recall_at_k(found_arr, exact)
    label = {"flat": "flat (IndexFlatIP, exact)", "hnsw": f"HNSW (IndexHNSWFlat M={HNSW_M})",
             "ivf": f"IVF (IndexIVFFlat nlist={params.get('nlist')})"}[kind]
    r = row("faiss", label, n, build_s, lat, rss, disk, recall, index_kind=kind, params=params,
            rss_base_mb=round(base, 1), source_hit_at_10=round(source_hit(found_arr, sources), 4),
            query_threads=1, build_threads=os.cpu_count())
    if curve:
        r["tuning_curve"] = curve
    return r, index


def child_faiss(kind: str, work: Work, n: int) -> list[dict]:
    r, index = faiss_measure(kind, work, n)
    if kind == "flat":                                     # exact top-10 for the ANN children and Milvus
        for split in ("test", "tune"):
            _, found = index.search(work.queries(n, split)[2], K)
            np.save(work.gt_path(n, split), found)
    return [r]


def child_sweep(work: Work, sizes: list[int]) -> list[dict]:
    """Flat vs HNSW vs IVF p50 at small sizes (one child: RSS is not the point here), for the threshold."""
    out = []
    for n in sizes:
        qs = work.queries(n, "test")
        tune_q = work.queries(n, "tune")[2]
        flat_row, flat = faiss_measure("flat", work, n, queries=qs)
        import faiss
        faiss.omp_set_num_threads(os.cpu_count() or 1)
        gt = {"test": flat.search(qs[2], K)[1], "tune": flat.search(tune_q, K)[1]}
        entry = {"chunks": n, "flat_p50_ms": flat_row["query_p50_ms"], "flat_p95_ms": flat_row["query_p95_ms"]}
        for kind in ("hnsw", "ivf"):
            r, _ = faiss_measure(kind, work, n, queries=qs, tune=tune_q, gt=gt)
            entry.update({f"{kind}_p50_ms": r["query_p50_ms"], f"{kind}_p95_ms": r["query_p95_ms"],
                          f"{kind}_recall_at_10": r["recall_at_10"], f"{kind}_params": r["params"],
                          f"{kind}_build_s": r["build_s"]})
        log(f"sweep {n:,}: {entry}")
        out.append(entry)
    return out


# ----------------------------------------------------------------------------- children: bm25s

def bigram_tokens(text: str) -> list[str]:
    tokens = [w.lower() for w in _ASCII_WORD.findall(text)]
    for run in _CJK.findall(text):
        tokens.extend(["b:" + run[i:i + 2] for i in range(len(run) - 1)] if len(run) > 1 else [run])
    return tokens


def child_bm25s(tokenizer: str, work: Work, n: int) -> list[dict]:
    import bm25s
    if tokenizer == "bigram":
        tokenize = bigram_tokens
    else:
        from rag.store.tokens import keyword_tokens  # the project's own: jieba search mode + bigrams
        tokenize = keyword_tokens
        tokenize("预热")                                     # jieba's dictionary load, not part of the build
    base = rss_mb()
    t0 = time.perf_counter()
    vocab: dict[str, int] = {}
    ids: list[array] = []                                   # token ids per chunk, 4 bytes a token
    n_tokens = 0
    for i, text in enumerate(work.iter_texts(n), 1):
        toks = [vocab.setdefault(t, len(vocab)) for t in tokenize(text)]
        n_tokens += len(toks)
        ids.append(array("i", toks))
        if i % 200_000 == 0:
            log(f"  bm25s/{tokenizer}: tokenised {i:,} chunks ({time.perf_counter() - t0:.0f} s)")
    tokenize_s = time.perf_counter() - t0
    retriever = bm25s.BM25()
    retriever.index((ids, vocab), show_progress=False)
    del ids
    build_s = time.perf_counter() - t0
    tmp = Path(tempfile.mkdtemp(prefix="scale-bm25s-"))
    try:
        retriever.save(str(tmp / "bm25"))
        disk = dir_mb(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    texts, sources, _ = work.queries(n, "test")

    def search(i: int) -> list[int]:
        docs, _ = retriever.retrieve([tokenize(texts[i])], k=K, show_progress=False, n_threads=1)
        return docs[0].tolist()

    lat, found = time_queries(search, len(texts))
    rss = rss_mb()
    return [row("bm25s", f"BM25 ({tokenizer} tokens)", n, build_s, lat, rss, disk, None,
                tokenize_s=round(tokenize_s, 2), tokens_per_chunk=round(n_tokens / n, 1), vocab=len(vocab),
                rss_base_mb=round(base, 1), source_hit_at_10=round(source_hit(found, sources), 4),
                note="query time includes tokenising the query; recall@10 n/a (keyword ranking, no exact baseline)")]


# ----------------------------------------------------------------------------- children: Milvus Lite

def _lite_wait_background(db: Path, coll: str, timeout: float) -> str:
    """Milvus Lite compacts segments and builds their indexes on a background thread after a flush, and its
    describe_index reports every row as indexed regardless. There is no public call to wait for that work,
    so reach the in-process engine (Collection._wait_for_bg, internal) and drain it: build_s includes it."""
    try:
        from milvus_lite.server_manager import server_manager_instance
        _, lite_db, _ = server_manager_instance._servers[os.path.abspath(db)]
        lite_db.get_collection(coll)._wait_for_bg(timeout=timeout)
        return "drained"
    except Exception as e:                                      # a later Lite may move these internals
        return f"not drained ({type(e).__name__}: {e})"


def child_milvus(work: Work, n: int, budget_s: float) -> list[dict]:
    import logging

    from pymilvus import AnnSearchRequest, DataType, Function, FunctionType, MilvusClient, RRFRanker
    logging.getLogger("jieba").setLevel(logging.WARNING)
    base = rss_mb()
    tmp = Path(tempfile.mkdtemp(prefix="scale-milvus-"))
    db = tmp / "scale.db"
    coll = "chunks"
    try:
        t0 = time.perf_counter()
        client = MilvusClient(str(db))
        schema = client.create_schema(auto_id=False)
        schema.add_field("id", DataType.INT64, is_primary=True)
        schema.add_field("text", DataType.VARCHAR, max_length=4000, enable_analyzer=True, analyzer_params={"tokenizer": "jieba"})
        schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
        schema.add_field("dense", DataType.FLOAT_VECTOR, dim=DIM)
        schema.add_field("doc_id", DataType.VARCHAR, max_length=32)
        schema.add_function(Function(name="bm25", function_type=FunctionType.BM25,
                                     input_field_names=["text"], output_field_names=["sparse"]))
        index_params = client.prepare_index_params()
        index_params.add_index(field_name="dense", index_type="AUTOINDEX", metric_type="IP")
        index_params.add_index(field_name="sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25")
        client.create_collection(coll, schema=schema, index_params=index_params)
        setup_s = time.perf_counter() - t0

        stopped = None
        done = 0
        target = n
        texts_it = work.iter_texts(n)
        t_ins = time.perf_counter()
        for start, vecs in work.vectors(n, batch=MILVUS_BATCH):
            client.insert(coll, [{"id": start + j, "text": next(texts_it), "dense": vecs[j].tolist(),
                                  "doc_id": f"d{(start + j) % N_DOCS}"} for j in range(len(vecs))])
            done += len(vecs)
            elapsed = time.perf_counter() - t_ins
            if done % 20_000 == 0 or done == n:
                log(f"  milvus {n:,}: inserted {done:,} rows in {elapsed:.0f} s ({done / elapsed:.0f} rows/s)")
            if done == min(n, MILVUS_RATE_ROWS) and done < n:    # extrapolate from the first rows
                rate = done / elapsed
                projected = n / rate * (1 + MILVUS_INDEX_FACTOR)
                if projected > budget_s:
                    target = max(done, int(budget_s * rate / (1 + MILVUS_INDEX_FACTOR)) // MILVUS_BATCH * MILVUS_BATCH)
                    stopped = (f"insert ran at {rate:.0f} rows/s over the first {done:,} rows: {n:,} rows + index would take "
                               f"~{projected / 60:.0f} min > the {budget_s / 60:.0f} min budget, so it stopped at the "
                               f"{target:,} rows that fit")
                    log(f"  milvus {n:,}: {stopped}")
            if done >= target:
                break
            if elapsed >= budget_s / (1 + MILVUS_INDEX_FACTOR):      # slower than the first rows promised
                stopped = (f"{stopped + '; ' if stopped else ''}the insert share of the budget "
                           f"({budget_s / (1 + MILVUS_INDEX_FACTOR):.0f} s) ran out after {done:,} rows ({done / elapsed:.0f} rows/s)")
                log(f"  milvus {n:,}: {stopped}")
                break
            if current_rss_mb() > MILVUS_RSS_LIMIT_MB:
                stopped = f"RSS passed {MILVUS_RSS_LIMIT_MB} MB after {done:,} rows (shared machine); stopped there"
                log(f"  milvus {n:,}: {stopped}")
                break
        insert_s = time.perf_counter() - t_ins
        t_idx = time.perf_counter()
        client.flush(coll)
        bg_waited = _lite_wait_background(db, coll, timeout=max(60.0, 2 * budget_s - (time.perf_counter() - t0)))
        index_s = time.perf_counter() - t_idx
        build_s = time.perf_counter() - t0
        log(f"  milvus {n:,}: {done:,} rows, insert {insert_s:.0f} s, flush+index {index_s:.0f} s")

        qtexts, sources, qv = work.queries(n, "test")
        flt = [MILVUS_FILTER if i % FILTER_EVERY == FILTER_EVERY - 1 else "" for i in range(len(qtexts))]

        def ids_of(res) -> list[int]:
            return [int(h["id"]) for h in res[0]]

        def dense(i: int) -> list[int]:
            return ids_of(client.search(coll, data=[qv[i].tolist()], anns_field="dense", limit=K, filter=flt[i],
                                        output_fields=["id"], search_params={"metric_type": "IP"}))

        def bm25(i: int) -> list[int]:
            return ids_of(client.search(coll, data=[qtexts[i]], anns_field="sparse", limit=K, filter=flt[i],
                                        output_fields=["id"], search_params={"metric_type": "BM25"}))

        def hybrid(i: int) -> list[int]:
            reqs = [AnnSearchRequest(data=[qv[i].tolist()], anns_field="dense", param={"metric_type": "IP"}, limit=K, filter=flt[i]),
                    AnnSearchRequest(data=[qtexts[i]], anns_field="sparse", param={"metric_type": "BM25"}, limit=K, filter=flt[i])]
            return ids_of(client.hybrid_search(coll, reqs, RRFRanker(60), limit=K, output_fields=["id"]))

        timings = {name: time_queries(fn, len(qtexts), MILVUS_QUERY_BUDGET_S)
                   for name, fn in (("dense", dense), ("bm25", bm25), ("hybrid", hybrid))}
        rss = rss_mb()
        client.close()
        disk = dir_mb(db)

        # recall of Milvus's dense search against exact search over the rows it holds (unfiltered queries)
        plain = [i for i in range(len(timings["dense"][1])) if not flt[i]]
        if done == n and work.gt_path(n, "test").exists():
            exact = work.ground_truth(n, "test")[plain]
        else:
            exact = np.empty((len(plain), K), dtype=np.int64)
            best = np.full((len(plain), K), -np.inf, dtype=np.float32)
            for start, vecs in work.vectors(done):
                s = qv[plain] @ vecs.T
                both_s = np.concatenate([best, s], axis=1)
                both_i = np.concatenate([exact, np.arange(start, start + len(vecs))[None, :].repeat(len(plain), 0)], axis=1)
                top = np.argsort(-both_s, axis=1)[:, :K]
                best, exact = np.take_along_axis(both_s, top, 1), np.take_along_axis(both_i, top, 1)
        dense_found = np.array([timings["dense"][1][i] + [-1] * (K - len(timings["dense"][1][i])) for i in plain])
        dense_recall = recall_at_k(dense_found, exact)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    common = {"rss_base_mb": round(base, 1), "insert_s": round(insert_s, 1), "flush_index_s": round(index_s, 1),
              "setup_s": round(setup_s, 2), "background_index": bg_waited, "target_chunks": n, "rows_done": done,
              "stopped": stopped, "filtered_queries": f"every {FILTER_EVERY}th query: {MILVUS_FILTER}"}
    out = []
    for name, label in MILVUS_LABELS.items():
        lat, found = timings[name]
        filt = [lat[i] for i in range(len(lat)) if flt[i]]
        hits = [(found[i], sources[i]) for i in range(len(found)) if not flt[i] and sources[i] < done]
        out.append(row("milvus-lite", label, done, build_s, lat, rss, disk, dense_recall if name == "dense" else None,
                       query_p50_ms_filtered=round(statistics.median(filt), 3), queries_timed=len(lat),
                       source_hit_at_10=round(source_hit([f for f, _ in hits], [s for _, s in hits]), 4) if hits else None,
                       **common))
    return out


# ----------------------------------------------------------------------------- parent

def run_child(args: list[str], timeout: float) -> tuple[list, dict]:
    """One measurement in its own process; its stdout's last line is the JSON result; stderr passes through."""
    cmd = [sys.executable, str(Path(__file__).resolve()), *args]
    with tempfile.TemporaryFile() as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, env=dict(os.environ, TQDM_DISABLE="1"))
        deadline = t0 + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        out.seek(0)
        stdout = out.read().decode("utf-8", "replace")
    info = {"wall_s": round(time.perf_counter() - t0, 1), "returncode": os.waitstatus_to_exitcode(status),
            "cpu_s": round(usage.ru_utime + usage.ru_stime, 1)}
    if info["returncode"] != 0:
        raise RuntimeError(f"{' '.join(args)} failed: {info}")
    return json.loads(stdout.strip().splitlines()[-1]), info


def versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version
    out = {}
    for pkg in ("faiss-cpu", "bm25s", "pymilvus", "milvus-lite", "jieba", "numpy", "scipy"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = None
    return out


def machine() -> dict:
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {"cores": os.cpu_count(), "ram_gib": round(ram, 1), "python": platform.python_version(),
            "platform": platform.platform(), "versions": versions(), "note": STAND_IN_NOTE}


def ann_threshold(points: dict[int, dict]) -> int | None:
    """Smallest size from which the faster ANN index (with recall ≥ goal) beats exact p50 at every larger size."""
    sizes = sorted(points)
    wins = []
    for n in sizes:
        p = points[n]
        ann = [p[k] for k in ("hnsw", "ivf") if p.get(k) and p[k][1] is not None and p[k][1] >= RECALL_GOAL]
        wins.append(bool(ann) and p.get("flat") is not None and min(a[0] for a in ann) < p["flat"])
    for i, n in enumerate(sizes):
        if all(wins[i:]):
            return n
    return None


def threshold_points(rows: list[dict], sweep: list[dict]) -> dict[int, dict]:
    points: dict[int, dict] = {}
    for s in sweep:
        points[s["chunks"]] = {"flat": s["flat_p50_ms"], "hnsw": (s["hnsw_p50_ms"], s["hnsw_recall_at_10"]),
                               "ivf": (s["ivf_p50_ms"], s["ivf_recall_at_10"])}
    for r in rows:
        if r["engine"] == "faiss":
            p = points.setdefault(r["chunks"], {})
            p[r["index_kind"]] = r["query_p50_ms"] if r["index_kind"] == "flat" else (r["query_p50_ms"], r["recall_at_10"])
    return points


def table(rows: list[dict]) -> str:
    lines = ["| engine | index | chunks | build s | p50 ms | p95 ms | peak RSS MB | disk MB | recall@10 | notes |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        notes = []
        if r.get("params"):
            notes.append(", ".join(f"{k}={v}" for k, v in r["params"].items() if k in ("efSearch", "nprobe"))
                         + ("" if r["params"].get("tuned_to_target", True) else " (largest tried; tuning recall below target)"))
        if r.get("tokenize_s") is not None:
            notes.append(f"tokenise {r['tokenize_s']:.0f} s")
        if r.get("query_p50_ms_filtered") is not None:
            notes.append(f"filtered p50 {r['query_p50_ms_filtered']:.1f} ms")
        if r.get("stopped"):
            notes.append(f"**stopped** at {r['rows_done']:,} of {r['target_chunks']:,}")
        if r.get("skipped"):
            notes.append(f"not run: {r['skipped']}")

        def f(v, fmt="{:.1f}"):
            return "–" if v is None else fmt.format(v)
        lines.append(f"| {r['engine']} | {r['index']} | {r['chunks']:,} | {f(r['build_s'])} | {f(r['query_p50_ms'], '{:.2f}')} | "
                     f"{f(r['query_p95_ms'], '{:.2f}')} | {f(r['rss_mb'], '{:.0f}')} | {f(r['disk_mb'])} | "
                     f"{f(r['recall_at_10'], '{:.3f}')} | {'; '.join(x for x in notes if x)} |")
    return "\n".join(lines)


def plot(rows: list[dict], sweep: list[dict], threshold: int | None, path: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    faiss_names = {"flat": "faiss · flat (exact)", "hnsw": "faiss · HNSW", "ivf": "faiss · IVF"}
    series: dict[str, list[dict]] = {}
    for r in rows:
        if r.get("query_p50_ms") is not None:
            name = faiss_names[r["index_kind"]] if r["engine"] == "faiss" else f"{r['engine']} · {r['index']}"
            series.setdefault(name, []).append(r)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(14, 6))
    colors: dict[str, str] = {}
    for name, rs in sorted(series.items()):
        rs = sorted(rs, key=lambda r: r["chunks"])
        style = "--" if rs[0]["engine"] == "milvus-lite" else "-"
        (line,) = ax1.plot([r["chunks"] for r in rs], [r["query_p50_ms"] for r in rs], style, marker="o", label=name)
        colors[name] = line.get_color()
        if rs[0]["engine"] != "milvus-lite" or rs[0]["index"] == MILVUS_LABELS["dense"]:   # one Milvus build for its 3 searches
            ax2.plot([r["chunks"] for r in rs], [max(r["build_s"], 1e-3) for r in rs], style, marker="o", color=line.get_color(),
                     label="milvus-lite · insert + index (all three searches)" if rs[0]["engine"] == "milvus-lite" else name)
        for r in rs:
            if r.get("stopped") and r["index"] == MILVUS_LABELS["dense"]:
                ax1.annotate(f"Milvus Lite stopped at\n{r['rows_done']:,} of {r['target_chunks']:,}\n(10 min budget)",
                             (r["chunks"], r["query_p50_ms"]), xytext=(-40, -45), textcoords="offset points", fontsize=7,
                             arrowprops={"arrowstyle": "->", "alpha": 0.5})
    for kind, name in faiss_names.items():                     # the small-size sweep, same colours, hollow markers
        pts = sorted((s["chunks"], s[f"{kind}_p50_ms"]) for s in sweep)
        if pts:
            ax1.plot(*zip(*pts, strict=True), ":", marker="o", mfc="none", color=colors.get(name, "grey"), alpha=0.7,
                     label=f"{name} (threshold sweep)")
    ax1.axhline(P50_GOAL_MS, color="grey", linestyle=":", label=f"goal: FAISS p50 ≤ {P50_GOAL_MS} ms at 10^6")
    if threshold:
        ax1.axvline(threshold, color="black", linestyle="-.", alpha=0.5, label=f"ANN beats exact from {threshold:,} chunks")
    for ax, title, ylabel in ((ax1, "query p50, one query at a time (FAISS: 1 thread)", "ms"),
                              (ax2, "build time (bm25s: incl. tokenising; Milvus: insert + index)", "s")):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("chunks")
        ax.set_ylabel(ylabel)
        ax.set_title(title, fontsize=10)
        ax.grid(True, which="both", alpha=0.3)
    ax1.legend(fontsize=6.5, loc="upper left")
    ax2.legend(fontsize=6.5, loc="upper left")
    fig.suptitle(f"Scale benchmark, {os.cpu_count()} cores — {STAND_IN_NOTE}", fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    ap.add_argument("--engines", nargs="+", default=list(ENGINES), choices=ENGINES)
    ap.add_argument("--out", type=Path, default=RESULTS)
    ap.add_argument("--workdir", type=Path, help="keep the generated corpus here and reuse it (default: a temp dir, removed)")
    ap.add_argument("--milvus-budget", type=float, default=MILVUS_BUDGET_S, help="seconds of insert+index per size")
    ap.add_argument("--bm25-tokenizers", nargs="+", default=list(BM25_TOKENIZERS), choices=BM25_TOKENIZERS)
    ap.add_argument("--no-sweep", action="store_true", help="skip the small-size FAISS sweep for the exact/ANN threshold")
    ap.add_argument("--fresh", action="store_true", help="do not keep rows of an earlier scale.json")
    ap.add_argument("--replot", action="store_true", help="only redraw scale.png and print the table from scale.json")
    ap.add_argument("--one", nargs=2, metavar=("KIND", "SIZE"), help=argparse.SUPPRESS)
    ap.add_argument("--sweep-sizes", type=int, nargs="*", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.one:                                              # child side
        kind, n = args.one[0], int(args.one[1])
        work = Work(args.workdir)
        if kind.startswith("faiss-") and kind != "faiss-sweep":
            result: list = child_faiss(kind.removeprefix("faiss-"), work, n)
        elif kind == "faiss-sweep":
            result = child_sweep(work, args.sweep_sizes)
        elif kind.startswith("bm25s-"):
            result = child_bm25s(kind.removeprefix("bm25s-"), work, n)
        elif kind == "milvus":
            result = child_milvus(work, n, args.milvus_budget)
        else:
            raise SystemExit(f"unknown kind {kind}")
        print(json.dumps(result, ensure_ascii=False))
        return 0

    if args.replot:
        saved = json.loads((args.out / "scale.json").read_text())
        plot(saved["rows"], saved.get("faiss_threshold_sweep", []), saved.get("faiss_ann_threshold_chunks"), args.out / "scale.png")
        print(table(saved["rows"]))
        return 0

    t_start = time.perf_counter()
    started = time.strftime("%Y-%m-%d %H:%M:%S")
    load_before = [round(x, 2) for x in os.getloadavg()]
    sizes = sorted(set(args.sizes))
    sweep_sizes = [s for s in SWEEP_SIZES if s < max(sizes) and s not in sizes] if "faiss" in args.engines and not args.no_sweep else []
    own_workdir = args.workdir is None
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="scale-work-"))
    workdir.mkdir(parents=True, exist_ok=True)
    work = Work(workdir)
    rows: list[dict] = []
    sweep: list[dict] = []
    children: list[dict] = []
    try:
        meta = work.prepare(max(sizes), sizes + sweep_sizes)
        common = ["--workdir", str(workdir), "--milvus-budget", str(args.milvus_budget)]

        def measure(kind: str, n: int, timeout: float = 3600) -> list[dict]:
            log(f"{kind} at {n:,} chunks ...")
            result, info = run_child(["--one", kind, str(n), *common], timeout)
            children.append({"kind": kind, "chunks": n, **info})
            for r in result:
                r["measured_at"] = time.strftime("%Y-%m-%d %H:%M")
                log(f"  -> {r['engine']} {r['index']}: build {r['build_s']} s, p50 {r['query_p50_ms']} ms, "
                    f"p95 {r['query_p95_ms']} ms, RSS {r['rss_mb']} MB, disk {r['disk_mb']} MB, recall {r['recall_at_10']}")
            return result

        if sweep_sizes:
            log(f"FAISS sweep at {sweep_sizes} for the exact/ANN threshold ...")
            sweep, info = run_child(["--one", "faiss-sweep", "0", *common, "--sweep-sizes", *map(str, sweep_sizes)], 3600)
            children.append({"kind": "faiss-sweep", "chunks": sweep_sizes, **info})
        milvus_stopped_at: tuple[int, int] | None = None
        for n in sizes:
            if "faiss" in args.engines:
                for kind in ("flat", "hnsw", "ivf"):
                    rows += measure(f"faiss-{kind}", n)
            if "bm25s" in args.engines:
                for tok in args.bm25_tokenizers:
                    rows += measure(f"bm25s-{tok}", n)
            if "milvus" in args.engines:
                if milvus_stopped_at:
                    for label in MILVUS_LABELS.values():
                        rows.append({"engine": "milvus-lite", "index": label, "chunks": 0, "build_s": None, "query_p50_ms": None,
                                     "query_p95_ms": None, "rss_mb": None, "disk_mb": None, "recall_at_10": None,
                                     "target_chunks": n, "rows_done": 0,
                                     "skipped": f"at {milvus_stopped_at[0]:,} chunks it already stopped after "
                                                f"{milvus_stopped_at[1]:,} rows in the {args.milvus_budget / 60:.0f} min budget",
                                     "measured_at": time.strftime("%Y-%m-%d %H:%M")})
                else:
                    got = measure("milvus", n, timeout=4 * args.milvus_budget)
                    rows += got
                    if got[0].get("stopped"):
                        milvus_stopped_at = (n, got[0]["rows_done"])
    finally:
        if own_workdir:
            shutil.rmtree(workdir, ignore_errors=True)

    args.out.mkdir(parents=True, exist_ok=True)
    out_json = args.out / "scale.json"
    old = json.loads(out_json.read_text()) if out_json.exists() and not args.fresh else {}
    measured = {(r["engine"], r.get("target_chunks", r["chunks"])) for r in rows}
    kept = [r for r in old.get("rows", []) if (r["engine"], r.get("target_chunks", r["chunks"])) not in measured]
    all_rows = sorted(kept + rows, key=lambda r: (r.get("target_chunks", r["chunks"]), r["engine"], r["index"]))
    if not sweep:
        sweep = old.get("faiss_threshold_sweep", [])
    points = threshold_points(all_rows, sweep)
    threshold = ann_threshold(points)
    big = [r for r in all_rows if r["engine"] == "faiss" and r["chunks"] == 1_000_000 and r["index_kind"] != "flat"]
    goal_rows = [r for r in big if r["recall_at_10"] >= RECALL_GOAL]
    best = min(goal_rows, key=lambda r: r["query_p50_ms"]) if goal_rows else None
    ann_rows = [r for r in all_rows if r["engine"] == "faiss" and r["index_kind"] != "flat" and r["recall_at_10"] >= RECALL_GOAL]
    largest = max((r["chunks"] for r in ann_rows), default=0)
    fastest = min((r for r in ann_rows if r["chunks"] == largest), key=lambda r: r["query_p50_ms"], default=None)
    ann_kind = f"{fastest['index_kind'].upper()} (fastest with recall@10 ≥ {RECALL_GOAL} at {largest:,})" if fastest else "ANN"
    milvus = [r for r in all_rows if r["engine"] == "milvus-lite" and (r.get("stopped") or r.get("skipped"))]
    run_info = {"started": started, "command": " ".join(["python", "bench/scale.py", *(argv if argv is not None else sys.argv[1:])]),
                "sizes": sizes, "engines": args.engines, "wall_s": round(time.perf_counter() - t_start, 1),
                "corpus_generate_s": meta.get("generate_s"), "loadavg_before": load_before,
                "loadavg_after": [round(x, 2) for x in os.getloadavg()], "children": children}
    report = {
        "note": STAND_IN_NOTE,
        "machine": machine(),
        "settings": {"dim": DIM, "hash_buckets": 1 << HASH_BITS, "seed": SEED, "k": K, "queries_timed": N_QUERIES,
                     "queries_tuning": N_TUNE, "warmup": WARMUP, "recall_goal": RECALL_GOAL, "tune_target": TUNE_TARGET,
                     "hnsw": {"M": HNSW_M, "efConstruction": HNSW_EF_CONSTRUCTION}, "ivf": "nlist = 4*sqrt(N), trained on min(N, 64*nlist)",
                     "faiss_threads": "build: all cores; query: 1 (faiss.omp_set_num_threads(1)), one query per call",
                     "bm25s": "bm25s.BM25() defaults, retrieve(k=10, n_threads=1), query tokenisation timed",
                     "milvus": f"MilvusClient(local .db), batches of {MILVUS_BATCH}, "
                               f"budget {args.milvus_budget:.0f} s insert+index per size",
                     "report_units": meta.get("units")},
        "faiss_ann_threshold_chunks": threshold,
        "faiss_default_index": {"rule": f"IndexFlatIP below {threshold:,} chunks, {ann_kind} from there"
                                if threshold else "exact at every measured size"},
        "goal": {"faiss_p50_ms_at_1e6": P50_GOAL_MS, "recall_at_10": RECALL_GOAL,
                 "best_at_1e6": {k: best[k] for k in ("index", "query_p50_ms", "recall_at_10", "params")} if best else None,
                 "met": bool(best and best["query_p50_ms"] <= P50_GOAL_MS)},
        "milvus_lite_stopped": [{"target_chunks": r["target_chunks"], "rows_done": r["rows_done"],
                                 "why": r.get("stopped") or r.get("skipped")} for r in milvus if r["index"] == MILVUS_LABELS["dense"]],
        "rows": all_rows,
        "faiss_threshold_sweep": sweep,
        "runs": [*old.get("runs", []), run_info][-10:],
    }
    out_json.write_text(json.dumps(report, ensure_ascii=False, indent=1))
    plot(all_rows, sweep, threshold, args.out / "scale.png")
    print(f"\n{STAND_IN_NOTE}.\n")
    print(table(all_rows))
    if sweep:
        print("\nFAISS exact vs ANN at small sizes (p50 ms; recall@10):")
        for s in sweep:
            print(f"  {s['chunks']:>7,}: flat {s['flat_p50_ms']:.3f} | HNSW {s['hnsw_p50_ms']:.3f} "
                  f"(recall {s['hnsw_recall_at_10']:.3f}, efSearch {s['hnsw_params'].get('efSearch')}) | IVF {s['ivf_p50_ms']:.3f} "
                  f"(recall {s['ivf_recall_at_10']:.3f}, nprobe {s['ivf_params'].get('nprobe')})")
    print(f"\nFAISS ANN threshold: {threshold} chunks; default index: {report['faiss_default_index']['rule']}")
    if best:
        print(f"goal at 10^6 (p50 ≤ {P50_GOAL_MS} ms, recall@10 ≥ {RECALL_GOAL}): {best['index']} p50 {best['query_p50_ms']} ms, "
              f"recall {best['recall_at_10']} → {'met' if report['goal']['met'] else 'NOT met'}")
    for m in report["milvus_lite_stopped"]:
        print(f"Milvus Lite at {m['target_chunks']:,}: {m['why']}")
    print(f"\nwrote {out_json} and {args.out / 'scale.png'} in {run_info['wall_s']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
