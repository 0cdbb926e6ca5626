"""The keyword (BM25) side of the index: one bm25s index per report, read back with numpy alone.

Each report has its own BM25 statistics (IDF, mean length) in bm25/<report id>/, so a report's keyword
scores, and the answers built on them, stay the same when other reports join or leave the corpus, and
adding or removing a report touches only its own folder.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Collection, Sequence
from pathlib import Path

import numpy as np

from rag.types import Chunk

BM25_DIR = "bm25"


class KeywordIndex:
    """The BM25 index bm25s precomputed at build time, read back with numpy alone.

    bm25s stores every (term, chunk) score in a term x chunk CSC matrix, so scoring a question is
    summing the columns of its terms. Reading that here keeps bm25s (and the scipy it imports,
    0.25-0.45 s of every cold start) off the question path, and a question with no keyword at
    all (Russian, Japanese, a lone "é") scores zeros instead of raising IndexError inside bm25s.
    tests/test_reliability.py checks the scores against bm25s itself.
    """

    NONOCCURRENCE_FILE = "nonoccurrence_array.index.npy"     # only BM25L / BM25+ write one

    def __init__(self, data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, num_docs: int,
                 vocab_dict: dict[str, int], nonoccurrence: np.ndarray | None = None):
        self.data, self.indices, self.indptr = data, indices, indptr
        self.num_docs = int(num_docs)
        self.vocab_dict = vocab_dict
        self.nonoccurrence = nonoccurrence

    @classmethod
    def load(cls, folder: Path) -> KeywordIndex:
        folder = Path(folder)
        params = json.loads((folder / "params.index.json").read_text(encoding="utf-8"))
        vocab = json.loads((folder / "vocab.index.json").read_text(encoding="utf-8"))
        arrays = [np.load(folder / f"{name}.csc.index.npy", allow_pickle=False) for name in ("data", "indices", "indptr")]
        nnoc_path = folder / cls.NONOCCURRENCE_FILE
        nnoc = np.load(nnoc_path, allow_pickle=False) if nnoc_path.exists() else None
        if not isinstance(vocab, dict) or not isinstance(params.get("num_docs"), int):
            raise ValueError("bm25 vocab or params are not what bm25s writes")
        data, indices, indptr = arrays
        if data.shape != indices.shape or indptr.ndim != 1 or (len(indptr) and indptr[-1] != len(data)):
            raise ValueError("bm25 score matrix arrays do not fit together")
        return cls(data.astype(np.dtype(params.get("dtype", "float32")), copy=False), indices, indptr,
                   params["num_docs"], vocab, nnoc)

    def get_scores(self, tokens: list[str]) -> np.ndarray:
        """BM25 score of every chunk for these keyword tokens (unknown tokens count nothing)."""
        scores = np.zeros(self.num_docs, dtype=self.data.dtype)
        ids = [self.vocab_dict[t] for t in tokens if t in self.vocab_dict]
        ids = [i for i in ids if i < len(self.indptr) - 1]    # bm25s adds a "" term with no column
        for i in ids:
            start, end = self.indptr[i], self.indptr[i + 1]
            np.add.at(scores, self.indices[start:end], self.data[start:end])
        if self.nonoccurrence is not None and ids:
            scores += self.nonoccurrence[ids].sum()
        return scores

    def terms_of_row(self, row: int) -> set[str]:
        """The terms with a score for one chunk (its keywords as indexed)."""
        cols = np.searchsorted(self.indptr, np.flatnonzero(self.indices == row), side="right") - 1
        id_to_term = {v: k for k, v in self.vocab_dict.items()}
        return {id_to_term[int(c)] for c in cols if int(c) in id_to_term}




class ReportKeywords:
    """The per-report KeywordIndexes of an index, as one index over all rows (chunks in report order)."""

    def __init__(self, parts: list[tuple[str, int, KeywordIndex]], num_docs: int):
        self.parts = parts                  # (report id, its first row, its index)
        self.num_docs = num_docs

    @classmethod
    def load(cls, folder: Path, chunks: Sequence[Chunk]) -> ReportKeywords:
        parts, row = [], 0
        for doc_id, n in _runs(chunks):
            index = KeywordIndex.load(Path(folder) / doc_id)
            if index.num_docs != n:
                raise ValueError(f"bm25/{doc_id} has {index.num_docs} rows, the report has {n} chunks")
            parts.append((doc_id, row, index))
            row += n
        return cls(parts, row)

    def get_scores(self, tokens: list[str], doc_ids: Collection[str] | None = None) -> np.ndarray:
        """Every row's BM25 score, each report's rows by its own index; rows outside `doc_ids` score 0."""
        scores = np.zeros(self.num_docs, dtype=np.float32)
        for doc_id, first, index in self.parts:
            if doc_ids is None or doc_id in doc_ids:
                scores[first:first + index.num_docs] = index.get_scores(tokens)
        return scores

    def terms_of_row(self, row: int) -> set[str]:
        for _, first, index in self.parts:
            if first <= row < first + index.num_docs:
                return index.terms_of_row(row - first)
        raise IndexError(row)


def _runs(chunks: Sequence[Chunk]) -> list[tuple[str, int]]:
    """(report id, number of chunks) for each report, in row order (a report's chunks are contiguous)."""
    runs: list[tuple[str, int]] = []
    for c in chunks:
        if runs and runs[-1][0] == c.doc_id:
            runs[-1] = (c.doc_id, runs[-1][1] + 1)
        else:
            if any(doc == c.doc_id for doc, _ in runs):
                raise ValueError(f"chunks of report {c.doc_id} are not contiguous")
            runs.append((c.doc_id, 1))
    return runs


def write_report_keywords(folder: Path, chunks: Sequence[Chunk], tokens: list[list[str]]) -> None:
    """One bm25s index per report under `folder`, over its chunks' keyword tokens."""
    import bm25s

    # bm25s sets its own logger to DEBUG when imported, which would print a line per report
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    row = 0
    for doc_id, n in _runs(chunks):
        bm25 = bm25s.BM25()
        bm25.index(tokens[row:row + n], show_progress=False)
        bm25.save(str(Path(folder) / doc_id), show_progress=False)
        row += n
