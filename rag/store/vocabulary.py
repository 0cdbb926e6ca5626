"""The corpus's own words with the embedder's vector for each, cached beside the index like chunk embeddings."""
from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from rag.store.embcache import EmbeddingCache
from rag.store.embed import Embedder
from rag.store.tokens import keyword_tokens

_WORD = re.compile(r"[\u4e00-\u9fff]{2,8}")


class WordEmbedder:
    """Words are compared with words, so both sides take the embedder's query form; cached apart from chunks."""

    def __init__(self, embedder: Embedder):
        self._embedder = embedder
        self.id = f"{embedder.id}-words"
        self.dim = embedder.dim

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._embedder.embed_queries(texts), dtype=np.float32)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self.embed_queries(texts)


def corpus_words(texts: Iterable[str]) -> list[str]:
    """Every Chinese word (2–8 characters, jieba's cut) of the texts, sorted."""
    words: set[str] = set()
    for text in texts:
        words.update(w for w in keyword_tokens(text, bigrams=False) if _WORD.fullmatch(w))
    return sorted(words)


def shared_cache_folder() -> Path:
    """Where word vectors are cached for every corpus (a word's vector depends on the model only):
    $RAG_CACHE_DIR, else ~/.cache/gov-report-rag."""
    root = os.environ.get("RAG_CACHE_DIR") or Path.home() / ".cache" / "gov-report-rag"
    return Path(root) / "words"


def word_vectors(words: list[str], embedder: Embedder, cache_folder: Path | None) -> np.ndarray:
    """A unit vector per word; with `cache_folder` (an index's embedding cache) each word is embedded once."""
    we = WordEmbedder(embedder)
    if not words:
        return np.zeros((0, embedder.dim), np.float32)
    if cache_folder is None:
        return we.embed_queries(words)
    return EmbeddingCache(cache_folder, we).embed(words)
