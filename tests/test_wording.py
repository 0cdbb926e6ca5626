"""Question words the reports never use are matched to the reports' own words (rag.search.wording)."""
import numpy as np

from rag.answer.rules import switched_off
from rag.search.query import learned_wording, register_wording, term_present
from rag.search.wording import ReportWording


def _unit(v):
    v = np.asarray(v, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_the_nearest_report_words_are_taken_only_when_the_embedder_holds_them_close():
    words = ["群众", "全民", "公路", "异地"]
    vectors = np.stack([_unit([1, 0.05, 0]), _unit([1, 0.1, 0]), _unit([0, 0, 1]), _unit([0, 1, 0])])
    near = {"老百姓": _unit([1, 0.07, 0]),            # ~1.0 to 群众 and 全民
            "地铁": _unit([0.6, 0, 1]),               # 0.86 to 公路: no paraphrase
            "外地": _unit([0.5, 1, 0])}               # 0.89 to 异地, though they share 地
    wording = ReportWording(words, vectors, lambda w: near[w])
    assert wording.nearest("老百姓") == ("群众", "全民")
    assert wording.nearest("地铁") == ()
    assert wording.nearest("外地") == ()


def test_a_learned_wording_makes_the_word_present_and_switches_off():
    assert not term_present("乡亲们", "群众满意度提升")
    register_wording("乡亲们", ["群众"])
    assert term_present("乡亲们", "群众满意度提升") and learned_wording("乡亲们") == ("群众",)
    with switched_off("wording"):
        assert not term_present("乡亲们", "群众满意度提升")


def test_a_part_of_the_question_word_is_no_other_wording_of_it():
    words = ["产量"]
    wording = ReportWording(words, np.stack([_unit([1, 0])]), lambda w: _unit([1, 0.01]))
    assert wording.nearest("总产量") == ()         # its part 产量 is a term of the question already


def test_an_unwritable_word_cache_costs_the_cache_not_the_answer(tmp_config, hash_embedder, tmp_path, monkeypatch):
    from rag.search.retrieval import HybridRetriever
    from rag.store.faiss_store import open_index
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.setenv("RAG_CACHE_DIR", str(blocker))
    retriever = HybridRetriever(open_index(tmp_config, hash_embedder))
    wording = retriever.wording()
    assert len(wording.words) > 1000 and wording.vectors.shape == (len(wording.words), hash_embedder.dim)
