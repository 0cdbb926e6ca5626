"""The Store protocol: what retrieval needs from a storage engine, and nothing more.

A store holds the chunks of a corpus in row order with their dense vectors and a keyword index, and
answers top-k searches with scores. Retrieval fuses those top-k lists (a chunk missing from one list
scores 0 there), so a second engine (Milvus, issue 19) implements this protocol and nothing above the
store layer changes. The FAISS + bm25s index folder (rag.store.faiss_store) is the first implementation.
"""
from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path
from typing import NamedTuple, Protocol, runtime_checkable

import numpy as np

from rag.store.embed import Embedder
from rag.types import Chunk, Report


class ScoredRow(NamedTuple):
    """One search result: the chunk's row in Store.chunks and the engine's score for it."""

    row: int
    score: float


@runtime_checkable
class Store(Protocol):
    @property
    def kind(self) -> str:
        """Which implementation this is ("faiss", "milvus"), as recorded in the manifest."""
        ...

    @property
    def chunks(self) -> Sequence[Chunk]:
        """Every chunk, in row order."""
        ...

    @property
    def manifest(self) -> dict: ...

    @property
    def embedder(self) -> Embedder: ...

    @property
    def path(self) -> Path:
        """Where the store lives (a folder, or the URI's local file)."""
        ...

    @property
    def reports(self) -> Sequence[Report]:
        """The reports in the store, with region, level and year."""
        ...

    def keyword_search(self, tokens: list[str], k: int, doc_ids: Collection[str] | None = None) -> list[ScoredRow]:
        """The k rows with the highest BM25 score for these keyword tokens (score > 0), best first;
        with `doc_ids`, only rows of those reports (the filter runs in the engine)."""
        ...

    def dense_search(self, vector: np.ndarray, k: int, doc_ids: Collection[str] | None = None) -> list[ScoredRow]:
        """The k rows whose vectors have the highest inner product with `vector` (1 × dim), best first;
        with `doc_ids`, only rows of those reports."""
        ...

    def similarity(self, vector: np.ndarray, rows: Sequence[int]) -> list[float]:
        """The inner product of `vector` with the stored vectors of these rows, in order."""
        ...
