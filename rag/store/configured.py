"""The store the configuration names: the FAISS + bm25s index folder (default) or Milvus (RAG_STORE=milvus)."""
from __future__ import annotations

from rag.config import Config
from rag.store.base import Store
from rag.store.embed import Embedder, get_embedder
from rag.store.faiss_store import open_index


def open_store(config: Config, embedder: Embedder | None = None) -> Store:
    """Load the configured store, building it when missing or stale (a damaged or unreachable Milvus
    raises IndexDamaged / ConfigError naming the URI: never a wrong answer)."""
    embedder = embedder or get_embedder(config.embedder)
    if config.store == "milvus":
        from rag.store.milvus_store import open_milvus_store
        return open_milvus_store(config, config.milvus_target, embedder, config.milvus_token)
    return open_index(config, embedder)
