"""Retrieval ablation: each means of the hybrid retriever switched off in turn, on dev and test.

    .venv/bin/python -m eval.ablation            # prints a markdown table, writes eval/results/ablation.json

Variants are built in memory from the default index (same chunks, same vectors), so each row
differs from "full" in exactly one means. Tuning decisions were taken on dev; test is reported.
"""
from __future__ import annotations

import argparse
import json
import time
from dataclasses import replace
from functools import partial
from pathlib import Path

import numpy as np

from rag.config import Config
from rag.corpus.chunk import keyword_texts
from rag.search.query import understand
from rag.search.retrieval import FusionWeights, HybridRetriever
from rag.store.faiss_store import LoadedIndex, open_index
from rag.store.tokens import keyword_tokens

from .gold import load_gold, split_of
from .metrics import first_evidence_rank

ROOT = Path(__file__).resolve().parent


def _bm25(texts: list[str], tokenize) -> object:
    import bm25s
    index = bm25s.BM25()
    index.index([tokenize(t) for t in texts], show_progress=False)
    return index


def variants(index: LoadedIndex) -> dict[str, HybridRetriever]:
    chunks = index.chunks
    plain_kw = replace(index, bm25=_bm25([c.text for c in chunks], keyword_tokens))
    section_kw = replace(index, bm25=_bm25([" ".join(c.section[1:]) + " " + c.text for c in chunks], keyword_tokens))
    no_bigrams = partial(keyword_tokens, bigrams=False)
    words_kw = replace(index, bm25=_bm25(keyword_texts(chunks), no_bigrams))
    out = {"full (default)": HybridRetriever(index),
           "− year intent": HybridRetriever(index),
           "− abbreviation/English expansion": HybridRetriever(index),
           "− English dictionary (CC-CEDICT)": HybridRetriever(index),
           "− counted-list match": HybridRetriever(index, FusionWeights(list_count=0.0)),
           "− list closed by the asked kind (等赛事)": HybridRetriever(index, FusionWeights(listed_kind=0.0)),
           "− quoted words of the question": HybridRetriever(index, FusionWeights(quoted=0.0)),
           "− English question re-embedded in report words": HybridRetriever(index, FusionWeights(english_pseudo=0.0)),
           "− number bonus": HybridRetriever(index, FusionWeights(number_bonus=0.0)),
           "− dense skip on a clear keyword lead (embed every question)": HybridRetriever(index, FusionWeights(dense_skip_lead=None)),
           "− second stage: top 8 re-ordered by their best sentence": HybridRetriever(index, FusionWeights(sentence_rerank=False)),
           "− paragraph opening in BM25 text": HybridRetriever(section_kw),
           "− section path + opening in BM25 text": HybridRetriever(plain_kw),
           "− character bigrams (jieba words only)": HybridRetriever(words_kw),
           "BM25 only": HybridRetriever(index, mode="bm25"),
           "dense only": HybridRetriever(index, mode="dense")}
    out["− character bigrams (jieba words only)"].tokenize = no_bigrams
    return out


def intent_for(name: str, question: str, retriever: HybridRetriever):
    intent = understand(question) if name == "− English dictionary (CC-CEDICT)" else retriever.understand(question)
    if name == "− year intent":
        intent = replace(intent, year=None, relative=None, strong_time=False)
    if name == "− abbreviation/English expansion":
        intent = replace(intent, keyword_text=intent.text)
    return intent


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--gold", default=str(ROOT / "gold.jsonl"))
    p.add_argument("--out", default=str(ROOT / "results"))
    args = p.parse_args(argv)
    rows = [r for r in load_gold(args.gold) if r.answerable]
    index = open_index(Config.from_env())
    table = {}
    for name, retriever in variants(index).items():
        t0 = time.perf_counter()
        per_split = {}
        for split in ("dev", "test"):
            ranks, lengths = [], []
            for r in (r for r in rows if split_of(r.id) == split):
                hits = retriever.search(r.question, k=10, intent=intent_for(name, r.question, retriever))
                ranks.append(first_evidence_rank([h.chunk.text for h in hits], r.evidence))
                lengths.append(np.mean([len(h.chunk.text) for h in hits[:5]]))
            found = [k for k in ranks if k]
            per_split[split] = {"n": len(ranks),
                                "hit@1": sum(k == 1 for k in found) / len(ranks),
                                "hit@5": sum(k <= 5 for k in found) / len(ranks),
                                "mrr": sum(1 / k for k in found) / len(ranks),
                                "chunk_len": float(np.mean(lengths))}
        table[name] = per_split
        print(f"{name}: {time.perf_counter() - t0:.1f}s", flush=True, file=__import__("sys").stderr)
    print("| variant | dev hit@1 | dev hit@5 | dev MRR | test hit@1 | test hit@5 | test MRR | chunk len |")
    print("|---|---|---|---|---|---|---|---|")
    for name, s in table.items():
        d, t = s["dev"], s["test"]
        print(f"| {name} | {d['hit@1']:.3f} | {d['hit@5']:.3f} | {d['mrr']:.3f} | "
              f"{t['hit@1']:.3f} | {t['hit@5']:.3f} | {t['mrr']:.3f} | {t['chunk_len']:.0f} |")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "ablation.json").write_text(json.dumps(table, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
