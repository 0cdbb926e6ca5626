"""Chunk embeddings cached by text hash, on disk in shards: unchanged text is never embedded twice.

A build asks the cache for every chunk's vector; only texts it has never seen go to the embedder, in
batches, and each finished batch is written at once as its own shard (temp file, then rename). A build
that is killed keeps every finished batch, so the next one resumes where it stopped; adding a report to
an indexed corpus costs that report's embedding only. One folder per embedder id, so vectors of different
models never mix. The cache only ever adds shards; deleting the folder is always safe.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import numpy as np

from rag.store.embed import Embedder

log = logging.getLogger(__name__)

SHARD_ROWS = 256          # vectors per shard: a killed build loses at most this many embeddings


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class EmbeddingCache:
    def __init__(self, folder: Path, embedder: Embedder):
        self.embedder = embedder
        self.folder = Path(folder) / re.sub(r"[^A-Za-z0-9._-]", "_", embedder.id)
        self.vectors: dict[str, np.ndarray] = {}
        for shard in sorted(self.folder.glob("part-*.npz")):
            try:
                with np.load(shard, allow_pickle=False) as z:
                    keys, vecs = z["keys"], z["vectors"]
            except Exception as e:             # a torn or foreign file: skip it, its texts are embedded again
                log.warning("ignoring unreadable embedding cache shard %s (%s)", shard, e)
                continue
            if vecs.ndim != 2 or vecs.shape[1] != embedder.dim or len(keys) != len(vecs):
                log.warning("ignoring embedding cache shard %s: shape %s does not fit dim %d", shard, vecs.shape, embedder.dim)
                continue
            self.vectors.update(zip((str(k) for k in keys), vecs, strict=True))

    def embed(self, texts: list[str], progress: Callable[[int, int], None] | None = None) -> np.ndarray:
        """A vector per text, from the cache or (for texts never seen) the embedder, batch by batch;
        `progress(done, total)` is called after each batch of new texts."""
        keys = [text_key(t) for t in texts]
        todo = list(dict.fromkeys(k for k in keys if k not in self.vectors))
        if todo:
            by_key = dict(zip(keys, texts, strict=True))
            log.info("embedding %d new texts (%d cached) with %s", len(todo), len(set(keys)) - len(todo), self.embedder.id)
            bar = _bar(len(todo))
            t0 = time.perf_counter()
            for start in range(0, len(todo), SHARD_ROWS):
                batch = todo[start:start + SHARD_ROWS]
                vecs = np.asarray(self.embedder.embed_passages([by_key[k] for k in batch]), dtype=np.float32)
                self._write_shard(batch, vecs)
                self.vectors.update(zip(batch, vecs, strict=True))
                if bar is not None:
                    bar.update(len(batch))
                if progress is not None:
                    progress(start + len(batch), len(todo))
            if bar is not None:
                bar.close()
            log.info("embedded %d texts in %.1f s", len(todo), time.perf_counter() - t0)
        if not keys:
            return np.zeros((0, self.embedder.dim), np.float32)
        return np.stack([self.vectors[k] for k in keys]).astype(np.float32, copy=False)

    def _write_shard(self, keys: list[str], vecs: np.ndarray) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"part-{time.time_ns():020d}-{uuid.uuid4().hex[:6]}.npz"
        tmp = self.folder / f".{name}.tmp"
        with open(tmp, "wb") as f:
            np.savez(f, keys=np.array(keys), vectors=vecs)
        os.replace(tmp, self.folder / name)


def _bar(total: int):
    """A progress bar with rate and ETA for builds that embed more than a few batches."""
    if total <= SHARD_ROWS:
        return None
    from tqdm.auto import tqdm
    return tqdm(total=total, desc="embedding", unit="chunk", leave=False, smoothing=0.1)
