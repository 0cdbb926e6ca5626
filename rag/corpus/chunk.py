"""Sentence-aware chunking: paragraphs → sentences → small windows of sentences.

Sentences end at 。；！？ (and at the paragraph's end) but never inside a “…” / 「…」 pair, so a
quoted slogan stays whole. A sentence shorter than MIN_SENTENCE_CHARS (a lead sentence such as
"推动工业经济突破增长。") is joined to the next so no chunk is a bare heading.
Every chunk's text is the document text at its char_span, so a citation can point at it.
"""
from __future__ import annotations

from dataclasses import dataclass

from rag.types import Chunk, Document, Span

SENTENCE_END = "。；！？!?;"
QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』", "‘": "’"}
MIN_SENTENCE_CHARS = 16


@dataclass(frozen=True)
class ChunkerSettings:
    window: int = 1          # sentences per chunk
    stride: int = 1          # sentences between chunk starts
    min_sentence_chars: int = MIN_SENTENCE_CHARS
    # how chunks are presented to the indexes (see keyword_texts / dense_text); part of the manifest
    index_text: str = "kw:section+first;dense:plain"
    # how paragraphs get their part and year (rag.corpus.structure); a change here rebuilds every index
    structure: str = "parts:numbered+named-year+relative-year"

    def __post_init__(self):
        if self.window < 1 or self.stride < 1 or self.stride > self.window:
            raise ValueError(f"chunker window={self.window} stride={self.stride}: "
                             "need window >= 1 and 1 <= stride <= window")


def sentence_spans(text: str) -> list[Span]:
    """(start, end) of each sentence in text; the spans tile the text exactly."""
    spans: list[Span] = []
    start, i, n = 0, 0, len(text)
    closers: list[str] = []
    while i < n:
        ch = text[i]
        i += 1
        if ch in QUOTE_PAIRS:
            closers.append(QUOTE_PAIRS[ch])
        elif closers and ch == closers[-1]:
            closers.pop()
        elif (ch in SENTENCE_END and not closers) or ch == "\n":
            # a run of end marks ("！！", "。\n") belongs to the sentence it ends
            while i < n and (text[i] in SENTENCE_END or text[i] == "\n"):
                i += 1
            spans.append((start, i))
            start = i
            closers = []          # a line end also ends an unbalanced quote
    if start < n:
        spans.append((start, n))
    return spans


def split_sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def _merge_short(spans: list[Span], text: str, min_chars: int) -> list[Span]:
    out: list[Span] = []
    carry: int | None = None
    for s, e in spans:
        if carry is not None:
            s, carry = carry, None
        if len(text[s:e].strip()) < min_chars:
            carry = s
            continue
        out.append((s, e))
    if carry is not None:
        if out:
            out[-1] = (out[-1][0], spans[-1][1])
        else:
            out.append((carry, spans[-1][1]))
    return out


def chunk_document(doc: Document, settings: ChunkerSettings = ChunkerSettings()) -> list[Chunk]:
    chunks: list[Chunk] = []
    for para in doc.paragraphs:
        p0 = para.char_span[0]
        units = _merge_short(sentence_spans(para.text), para.text, settings.min_sentence_chars)
        starts = list(range(0, max(len(units) - settings.window, 0) + 1, settings.stride))
        # make sure the tail is covered when the stride skips it
        if starts and starts[-1] + settings.window < len(units):
            starts.append(len(units) - settings.window)
        for i in starts:
            group = units[i:i + settings.window]
            s, e = p0 + group[0][0], p0 + group[-1][1]
            chunks.append(Chunk(id=f"{doc.id}#p{para.para_no}s{i}", doc_id=doc.id, text=doc.text[s:e],
                                section=para.section, year_scope=para.year_scope,
                                para_no=para.para_no, char_span=(s, e), doc_title=doc.title,
                                region=doc.region, report_year=doc.year,
                                verbatim=doc.verbatim[s:e] if doc.verbatim else ""))
    return chunks


def chunk_corpus(docs: list[Document], settings: ChunkerSettings = ChunkerSettings()) -> list[Chunk]:
    return [c for d in docs for c in chunk_document(d, settings)]


def dense_text(chunk: Chunk) -> str:
    """What the embedder sees: the sentence alone. Prefixing the section path measured worse on the
    dev split (it pulls every sentence of a section towards the same vector)."""
    return chunk.text


def keyword_texts(chunks: list[Chunk]) -> list[str]:
    """What BM25 sees, one per chunk: the section path and the paragraph's first sentence give a
    sentence its topic ("短板和不足" for the enumeration after "主要是："), then the sentence itself."""
    first: dict[tuple[str, int], str] = {}
    for c in chunks:
        first.setdefault((c.doc_id, c.para_no), c.text)
    out = []
    for c in chunks:
        opening = first[(c.doc_id, c.para_no)]
        lead = c.section[-1] if c.section else ""
        context = opening if opening != c.text and not (lead and opening.startswith(lead)) else ""
        out.append(" ".join(x for x in (" ".join(c.section[1:]), context, c.text) if x))
    return out
