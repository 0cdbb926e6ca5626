"""Frozen dataclasses passed between pipeline stages (see DESIGN.md data flow).

Nothing crosses a module boundary as a raw dict: ingest yields Documents, chunk yields
Chunks, retrieve yields Hits and answer yields an Answer with Citations.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Span = tuple[int, int]
# how an answer was written: quoted, by the LLM (verified), or quoted after the LLM answer failed its check
AnswerSource = Literal["extractive", "llm", "llm→extractive"]
# what a question asks for (rag.search.query.understand)
QuestionKind = Literal["number", "list", "definition", "compare", "other"]


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a report with the structure recovered around it."""

    para_no: int                 # 0-based position among the document's paragraphs
    text: str                    # verbatim text, a broken line already mended
    char_span: Span              # where `text` sits in Document.text
    section: tuple[str, ...]     # part > numbered section > lead sentence (innermost last)
    year_scope: str              # "2023" review, "2024" plan, "" neither (salutations)
    is_heading: bool = False     # a standalone heading line ("一、…", "2023年工作回顾")


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    text: str
    year: int | None = None                    # the year it was delivered, which it plans for (2024 here)
    source: str = ""                           # path of the file it came from
    paragraphs: tuple[Paragraph, ...] = ()
    region: str = ""                           # 广元市, 四川省, 全国
    level: str = ""                            # 国家 | 省 | 市 | 县
    # a report in Traditional characters: `text` is its Simplified form (what search reads, same length,
    # same offsets) and `verbatim` the text as written (what citations quote); "" otherwise
    verbatim: str = ""


@dataclass(frozen=True)
class Report:
    """One report of the corpus as the index knows it (manifest "documents"): who delivered it and when."""

    id: str                                    # the file's stem, as Document.id and Chunk.doc_id
    title: str
    region: str = ""
    level: str = ""                            # 国家 | 省 | 市 | 县
    year: int | None = None                    # delivery year (the year it plans for)
    source: str = ""
    chars: int = 0
    chunks: int = 0

    @property
    def label(self) -> str:
        """How an answer names the report: "广元市2024年政府工作报告"."""
        return self.title


@dataclass(frozen=True)
class Chunk:
    id: str
    doc_id: str
    text: str
    section: tuple[str, ...]
    year_scope: str
    para_no: int
    char_span: Span
    doc_title: str = ""
    region: str = ""                           # the report's region and delivery year (Document)
    report_year: int | None = None
    verbatim: str = ""                         # the chunk as written, when the report is in Traditional characters

    @property
    def section_path(self) -> str:
        return " > ".join(self.section)


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    score: float
    rank: int                                  # 1-based
    scores: dict[str, float] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Citation:
    n: int
    chunk_id: str
    quote: str                                 # verbatim source sentence(s)
    section: str                               # section path, "A > B > C"
    doc_title: str
    score: float
    char_span: Span = (0, 0)                   # span of `quote` in the document text
    paragraph: str = ""                        # the whole paragraph around the quote
    year_scope: str = ""
    region: str = ""                           # the cited report's region and delivery year
    report_year: int | None = None


@dataclass(frozen=True)
class Answer:
    question: str
    text: str
    citations: list[Citation]
    refused: bool
    mode: AnswerSource = "extractive"
    note: str = ""                             # e.g. why an LLM answer was replaced

    def to_markdown(self) -> str:
        lines = [self.text]
        if self.note:
            lines += ["", f"_{self.note}_"]
        if self.citations:
            lines.append("")
            for c in self.citations:
                lines.append(f"[{c.n}] {c.quote}  \n　— {c.doc_title} · {c.section}")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        from dataclasses import asdict
        return asdict(self)
