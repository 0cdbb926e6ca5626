"""Reports as they arrive: a fictional report written as .txt, .pdf, .docx and a saved .html page is added
to an indexed corpus and answers alike in every format; broken files are skipped with a message naming
them; only new text is embedded; removing and failing adds leave the corpus and the index in step."""
from __future__ import annotations

import shutil
import time

import numpy as np
import pytest

from rag import ask as rag_ask
from rag.config import Config
from rag.search.retrieval import HybridRetriever
from rag.store.faiss_store import load_index
from rag.store.updates import add_reports, remove_reports, safe_name
from tests.conftest import REPORT as GUANGYUAN
from tests.conftest import HashEmbedder
from tests.test_readers import CJK_FONT, REPORT, _saved_page, _write_pdf
from tests.test_reliability import CountingEmbedder

QUESTIONS = [("澄溪2024年地区生产总值增长多少？", "5.9%"), ("澄溪三大主导产业实现产值多少？", "862亿元")]


@pytest.fixture
def corpus(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for f in (GUANGYUAN, GUANGYUAN.with_suffix(".meta.json")):
        shutil.copy2(f, data / f.name)
    config = Config(data_dir=data, index_dir=tmp_path / "index")
    embedder = CountingEmbedder()
    from rag.store.faiss_store import build_index
    build_index(config, embedder)
    return config, embedder


def _write(fmt: str, folder) -> object:
    path = folder / f"chengxi_2025.{fmt}"
    if fmt == "txt":
        path.write_text("\n\n".join(REPORT), encoding="utf-8")
    elif fmt == "pdf":
        if CJK_FONT is None:
            pytest.skip("no CJK font (apt-get install fonts-noto-cjk): the PDF cannot be drawn")
        _write_pdf(path, REPORT)
    elif fmt == "docx":
        docx = pytest.importorskip("docx")
        d = docx.Document()
        for p in REPORT:
            d.add_paragraph(p)
        d.save(str(path))
    else:
        path.write_text(_saved_page(REPORT), encoding="utf-8")
    (folder / "chengxi_2025.meta.json").write_text('{"title": "澄溪市2025年政府工作报告", "region": "澄溪市", "year": 2025}',
                                                    encoding="utf-8")
    return path


def _answers(config, embedder) -> list[str]:
    from rag.answer.ask import ask
    retriever = HybridRetriever(load_index(config, embedder))
    return [ask(q, config=config, retriever=retriever).text for q, _ in QUESTIONS]


@pytest.mark.parametrize("fmt", ["txt", "pdf", "docx", "html"])
def test_a_report_in_any_format_answers_like_the_txt(fmt, corpus, tmp_path):
    config, embedder = corpus
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    before = embedder.passages
    change = add_reports(config, [_write(fmt, inbox)], embedder)
    assert change.added == ("澄溪市2025年政府工作报告",) and not change.skipped
    new_chunks = sum(r["chunks"] for r in change.index.manifest["documents"] if r["region"] == "澄溪市")
    assert 0 < embedder.passages - before <= new_chunks          # only the new report was embedded
    answers = _answers(config, embedder)
    for (question, figure), text in zip(QUESTIONS, answers, strict=True):
        assert figure in text, (fmt, question, text)
    from rag.search.retrieval import reset_cache
    reset_cache()
    assert {c.region for q, _ in QUESTIONS for c in rag_ask(q, config=config).citations} == {"澄溪市"}


def test_broken_files_of_every_kind_are_skipped_with_a_message_naming_them(corpus, tmp_path):
    config, embedder = corpus
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (inbox / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (inbox / "broken.pdf").write_bytes(b"%PDF-1.7\n garbage")
    (inbox / "page.html").write_text("<html><body><nav>首页</nav></body></html>", encoding="utf-8")
    (inbox / "notes.xlsx").write_bytes(b"xx")
    files = sorted(inbox.iterdir())
    before = sorted(p.name for p in config.data_dir.iterdir())
    change = add_reports(config, files, embedder)
    assert change.added == () and change.index is None
    assert {name for name, _ in change.skipped} == {p.name for p in files}
    for name, why in change.skipped:
        assert name in why, why
    assert sorted(p.name for p in config.data_dir.iterdir()) == before      # nothing half-added


def test_remove_takes_a_report_out_and_a_failed_add_leaves_everything_as_it_was(corpus, tmp_path, monkeypatch):
    config, embedder = corpus
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    add_reports(config, [_write("txt", inbox)], embedder)
    t0 = time.perf_counter()
    change = remove_reports(config, ["澄溪市2025年政府工作报告"], embedder)
    print(f"remove took {time.perf_counter() - t0:.2f} s")
    assert change.removed == ("澄溪市2025年政府工作报告",)
    assert [r["title"] for r in load_index(config, embedder).manifest["documents"]] == ["广元市2024年政府工作报告"]
    assert sorted(p.name for p in config.data_dir.iterdir()) == sorted([GUANGYUAN.name, GUANGYUAN.with_suffix(".meta.json").name])
    # the last report cannot go: the corpus would be empty
    last = remove_reports(config, [GUANGYUAN.stem], embedder)
    assert last.removed == () and "empty" in last.skipped[0][1]

    manifest = (config.index_dir / "manifest.json").read_text()
    import rag.store.updates as updates

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(updates, "build_index", crash)
    with pytest.raises(KeyboardInterrupt):
        add_reports(config, [inbox / "chengxi_2025.txt"], embedder)
    assert sorted(p.name for p in config.data_dir.iterdir()) == sorted([GUANGYUAN.name, GUANGYUAN.with_suffix(".meta.json").name])
    assert (config.index_dir / "manifest.json").read_text() == manifest


def test_an_unchanged_corpus_is_never_embedded_again(corpus):
    config, embedder = corpus
    from rag.store.faiss_store import build_index
    before = embedder.passages
    built = build_index(config, embedder)
    assert embedder.passages == before
    fresh = HashEmbedder().embed_passages([built.chunks[5].text])[0]
    assert np.allclose(built.faiss_index.reconstruct(5), fresh)


@pytest.mark.parametrize("name, safe", [("../../etc/passwd.txt", "passwd.txt"), ("广元 2025 报告 (终稿).PDF", "广元_2025_报告_终稿.pdf"),
                                        (".hidden.md", "hidden.md")])
def test_uploaded_file_names_are_sanitized(name, safe):
    assert safe_name(name) == safe


def test_a_file_of_another_type_is_refused_by_name():
    with pytest.raises(ValueError, match=r"evil\.exe: not a report file type"):
        safe_name("evil.exe")
    with pytest.raises(ValueError, match="no usable characters"):
        safe_name("###.txt")


def test_a_traditional_report_is_searched_in_simplified_and_quoted_as_written(corpus, tmp_path):
    """A report in Traditional characters answers questions in either script; its citations quote it as
    written, and a question in full-width letters ("ＧＤＰ") is read as GDP."""
    import opencc
    config, embedder = corpus
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    s2t = opencc.OpenCC("s2t")
    path = inbox / "chengxi_2025_tw.txt"
    written = s2t.convert("\n\n".join(REPORT))
    path.write_text(written, encoding="utf-8")
    (inbox / "chengxi_2025_tw.meta.json").write_text('{"title": "澄溪市2025年政府工作报告", "region": "澄溪市", "year": 2025}',
                                                      encoding="utf-8")
    add_reports(config, [path], embedder)
    from rag.answer.ask import ask
    retriever = HybridRetriever(load_index(config, embedder))
    for question in ("澄溪2024年地区生产总值增长多少？", "澄溪2024年地區生產總值增長多少？", "澄溪2024年ＧＤＰ增長多少？"):
        ans = ask(question, config=config, retriever=retriever)
        assert not ans.refused and "5.9%" in ans.text, (question, ans.text)
        assert ans.question == question
        c = ans.citations[0]
        assert c.region == "澄溪市" and c.quote in written and "總值" in c.quote, c.quote
        assert c.quote in c.paragraph
