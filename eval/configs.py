"""The configurations the harness compares, behind one small interface (`System`).

    bm25    HybridRetriever(index, mode="bm25")  + rag.answer.ask's extractive answerer
    dense   HybridRetriever(index, mode="dense") + the same answerer
    hybrid  our default: the retriever ask()/retrieve() use (rag.retrieval.default_retriever)
    naive   the newcomer's LangChain pipeline (eval/baseline.py)

The index is opened (or built) once and shared by bm25, dense and hybrid; only the scoring mode
differs, so their differences are the retriever's alone.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from rag.config import Config
from rag.types import Answer, Chunk, Hit

CONFIGS = ("bm25", "dense", "hybrid", "naive")


class System(Protocol):
    name: str

    def search(self, question: str, k: int) -> list[Hit]: ...

    def ask(self, question: str) -> Answer: ...

    def all_chunks(self) -> list[Chunk]: ...


@dataclass
class RagSystem:
    """One retrieval mode of our pipeline; ask() is rag.answer.ask with that retriever."""

    name: str
    retriever: object          # rag.retrieval.HybridRetriever
    config: Config

    def search(self, question: str, k: int) -> list[Hit]:
        from rag.search.retrieval import clean_question
        return self.retriever.search(clean_question(question, self.config.max_question_chars), k=k)

    def ask(self, question: str) -> Answer:
        from rag import ask
        return ask(question, config=self.config, retriever=self.retriever)

    def all_chunks(self) -> list[Chunk]:
        return list(self.retriever.index.chunks)


@dataclass
class NaiveSystem:
    name: str
    pipeline: object           # eval.baseline.NaiveRAG

    def search(self, question: str, k: int) -> list[Hit]:
        return self.pipeline.search(question, k)

    def ask(self, question: str) -> Answer:
        return self.pipeline.ask(question)

    def all_chunks(self) -> list[Chunk]:
        return list(self.pipeline.chunks)


def parse_configs(values: list[str] | None) -> tuple[str, ...]:
    """Configuration names from the command line ("bm25 dense", "bm25,naive", "all"), in canonical order."""
    names: list[str] = []
    for v in values or ["all"]:
        names += [p.strip().lower() for p in v.split(",") if p.strip()]
    if not names or "all" in names:
        return CONFIGS
    unknown = sorted(set(names) - set(CONFIGS))
    if unknown:
        raise ValueError(f"unknown configuration(s) {', '.join(unknown)}: choose from {', '.join(CONFIGS)} or all")
    return tuple(c for c in CONFIGS if c in names)


def build_systems(names: tuple[str, ...], config: Config, cache_dir: Path | None = None,
                  embedder=None) -> list[System]:
    """The systems to compare; `embedder` overrides the configured one (tests pass a fake)."""
    from rag.search.retrieval import HybridRetriever, default_retriever
    from rag.store.embed import get_embedder
    from rag.store.faiss_store import open_index

    systems: list[System] = []
    rag_modes = [n for n in names if n != "naive"]
    if rag_modes:
        if embedder is None:
            hybrid = default_retriever(config, "hybrid")
        else:
            hybrid = HybridRetriever(open_index(config, embedder), mode="hybrid")
        for mode in rag_modes:
            r = hybrid if mode == "hybrid" else HybridRetriever(hybrid.index, weights=hybrid.weights, mode=mode)
            systems.append(RagSystem(mode, r, config))
    if "naive" in names:
        from .baseline import NaiveRAG
        emb = embedder or get_embedder(config.embedder)
        systems.append(NaiveSystem("naive", NaiveRAG(config.data_dir, emb, cache_dir)))
    order = {n: i for i, n in enumerate(names)}
    return sorted(systems, key=lambda s: order[s.name])
