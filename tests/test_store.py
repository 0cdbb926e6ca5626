"""The index folder: round trip, staleness, damage and atomic rebuilds (fake embedder, tmp_path)."""
import json
import logging

import pytest

from rag.errors import IndexDamaged
from rag.search.retrieval import HybridRetriever
from rag.store.faiss_store import (
    FAISS_FILE,
    FORMAT_VERSION,
    MANIFEST,
    build_index,
    load_index,
    open_index,
)
from tests.conftest import HashEmbedder

Q = "铝基新材料产值目标"


def _top(index, q=Q, k=5):
    return [(h.chunk.id, round(h.score, 6)) for h in HybridRetriever(index).search(q, k=k)]


def test_save_load_round_trip_gives_the_same_hits(tmp_config, hash_embedder):
    built = build_index(tmp_config, hash_embedder)
    loaded = load_index(tmp_config, hash_embedder)
    assert loaded.chunks == built.chunks
    assert _top(loaded) == _top(built)
    m = json.loads((tmp_config.index_dir / MANIFEST).read_text())
    assert m["format_version"] == FORMAT_VERSION and m["embedder"] == hash_embedder.id and m["dim"] == 256
    assert m["counts"] == {"documents": 1, "chunks": len(built.chunks)} and m["store"] == "faiss"
    # the catalog of reports: who delivered each and when, and its size
    (report,) = m["documents"]
    assert (report["title"], report["region"], report["level"], report["year"]) == ("广元市2024年政府工作报告", "广元市", "市", 2024)
    assert report["chunks"] == len(built.chunks) and report["chars"] > 18000
    assert len(m["corpus_sha256"]) == 64 and FAISS_FILE in m["files"]


def test_changed_corpus_is_stale_and_rebuilt(tmp_config, hash_embedder, caplog):
    build_index(tmp_config, hash_embedder)
    report = next(tmp_config.data_dir.glob("*.txt"))
    report.write_text(report.read_text(encoding="utf-8") + "\n\n新增一段：测试用的新段落。\n", encoding="utf-8")
    with pytest.raises(IndexDamaged, match="stale: corpus_sha256"):
        load_index(tmp_config, hash_embedder)
    with caplog.at_level(logging.WARNING):
        idx = open_index(tmp_config, hash_embedder)
    assert "rebuilding" in caplog.text
    assert any("测试用的新段落" in c.text for c in idx.chunks)


def test_changed_embedder_is_stale(tmp_config, hash_embedder):
    build_index(tmp_config, hash_embedder)
    with pytest.raises(IndexDamaged, match="stale: embedder"):
        load_index(tmp_config, HashEmbedder(salt="other"))
    with pytest.raises(IndexDamaged, match="stale: chunker"):
        load_index(tmp_config.with_(window=2), hash_embedder)


@pytest.mark.parametrize("victim", [FAISS_FILE, "chunks.jsonl", MANIFEST])
def test_truncated_file_gives_clear_error_then_rebuild(tmp_config, hash_embedder, caplog, victim):
    built = build_index(tmp_config, hash_embedder)
    path = tmp_config.index_dir / victim
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(IndexDamaged) as err:
        load_index(tmp_config, hash_embedder)
    assert str(tmp_config.index_dir) in str(err.value) or "JSON" in str(err.value)
    with caplog.at_level(logging.WARNING):
        idx = open_index(tmp_config, hash_embedder)
    assert "rebuilding" in caplog.text
    assert _top(idx) == _top(built)


def test_deleted_bm25_file_is_detected(tmp_config, hash_embedder):
    build_index(tmp_config, hash_embedder)
    victim = next(p for p in sorted((tmp_config.index_dir / "bm25").rglob("*")) if p.is_file())
    victim.unlink()
    with pytest.raises(IndexDamaged, match="missing"):
        load_index(tmp_config, hash_embedder)


def test_other_format_version_is_rebuilt(tmp_config, hash_embedder):
    build_index(tmp_config, hash_embedder)
    mpath = tmp_config.index_dir / MANIFEST
    m = json.loads(mpath.read_text())
    m["format_version"] = 999
    mpath.write_text(json.dumps(m))
    with pytest.raises(IndexDamaged, match="format_version"):
        load_index(tmp_config, hash_embedder)
    assert open_index(tmp_config, hash_embedder).manifest["format_version"] == FORMAT_VERSION


def test_rebuild_keeps_readme_and_leaves_no_temp_folders(tmp_config, hash_embedder):
    tmp_config.index_dir.mkdir()
    (tmp_config.index_dir / "README.md").write_text("keep me")
    build_index(tmp_config, hash_embedder)
    build_index(tmp_config, hash_embedder)
    assert (tmp_config.index_dir / "README.md").read_text() == "keep me"
    leftovers = [p.name for p in tmp_config.index_dir.parent.iterdir() if p.name.startswith(".index.")]
    # the lock and the embedding cache (which outlives builds on purpose) are all that stays beside it
    assert all(name.endswith((".lock", ".embeddings")) for name in leftovers), leftovers


def test_a_large_corpus_gets_an_ann_index_that_answers_like_exact_search(tmp_config, hash_embedder, monkeypatch):
    """From ANN_MIN_CHUNKS on, the vectors go into IVF (measured in bench/results/scale.json); its search,
    report filter, row similarity and reload work as with the exact index. Lowered here to this report."""
    import faiss

    import rag.store.faiss_store as fs
    exact = build_index(tmp_config, hash_embedder)
    monkeypatch.setattr(fs, "ANN_MIN_CHUNKS", 100)
    tmp_config.data_dir.joinpath("touch.meta.json").write_text("{}")     # the corpus changed: rebuild
    ivf = fs.build_index(tmp_config, hash_embedder)
    assert isinstance(ivf.faiss_index, faiss.IndexIVF) and isinstance(exact.faiss_index, faiss.IndexFlatIP)
    query = hash_embedder.embed_queries(["铝基新材料产值"])[0]
    assert [r for r, _ in ivf.dense_search(query, 5)] == [r for r, _ in exact.dense_search(query, 5)]
    doc = ivf.chunks[0].doc_id
    assert all(ivf.chunks[r].doc_id == doc for r, _ in ivf.dense_search(query, 20, {doc}))
    assert abs(ivf.similarity(query, [3])[0] - exact.similarity(query, [3])[0]) < 1e-5
    reloaded = fs.load_index(tmp_config, hash_embedder)
    assert isinstance(reloaded.faiss_index, faiss.IndexIVF) and reloaded.faiss_index.nprobe == fs.IVF_NPROBE
    assert ivf.chunks == reloaded.chunks
