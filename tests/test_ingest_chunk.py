"""Structure recovery and chunking on the real report."""
import pytest

from rag.corpus.chunk import ChunkerSettings, chunk_document, split_sentences
from rag.corpus.ingest import load_corpus

GOLD_350 = "大力发展铝基新材料首位产业，力争实现产值350亿元以上"
NINE = ["一、全力以赴抓项目", "二、坚定不移抓实体", "三、统筹协调抓载体", "四、着眼全局抓重点", "五、凝心聚力抓“三农”",
        "六、攻坚克难抓创新", "七、久久为功抓治理", "八、用心用情抓民生", "九、极限思维抓安全"]


def test_parts_and_nine_sections_are_found(report_doc):
    parts = [p.text for p in report_doc.paragraphs if p.is_heading and len(p.section) == 1]
    assert parts == ["2023年工作回顾", "2024年主要目标任务和重点工作", "加强政府自身建设"]
    sections = [p.section[1] for p in report_doc.paragraphs if p.is_heading and len(p.section) == 2]
    assert len(sections) == 9
    for prefix, name in zip(NINE, sections, strict=False):
        assert name.startswith(prefix)
        assert name == next(p.text for p in report_doc.paragraphs if p.text.startswith(prefix))
    subsections = [p.section[-1] for p in report_doc.paragraphs if p.section and p.section[-1].startswith("（")]
    assert [s[:3] for s in subsections] == ["（一）", "（二）", "（三）", "（四）"]


def test_350_sentence_has_section_path_and_plan_year(report_doc):
    para = next(p for p in report_doc.paragraphs if GOLD_350 in p.text)
    assert para.section == ("2024年主要目标任务和重点工作", "二、坚定不移抓实体、夯根基，着力构建现代化产业体系",
                            "推动工业经济突破增长")
    assert para.year_scope == "2024"
    assert report_doc.year == 2024 and report_doc.title == "广元市2024年政府工作报告"


def test_year_scopes_follow_review_plan_and_self_building(report_doc):
    def by_start(prefix):
        return next(p for p in report_doc.paragraphs if p.text.startswith(prefix))

    assert by_start("这一年，我们始终").year_scope == "2023"
    assert by_start("全市经济社会发展").year_scope == "2024"
    # 加强政府自身建设 holds both a review of 2023 and the plan for 2024
    assert by_start("过去一年，我们持续").year_scope == "2023"
    assert by_start("过去一年，我们持续").section[0] == "加强政府自身建设"
    assert by_start("新的一年，面对推进").year_scope == "2024"
    assert by_start("（一）始终把政治建").year_scope == "2024"


def test_line_broken_mid_sentence_is_mended(report_doc):
    mended = "乡村建设行动深入推进，新（改）建农村公路1874公里"
    assert mended in report_doc.text
    assert not any(p.text.startswith("新（改）建农村公路") for p in report_doc.paragraphs)
    assert len(report_doc.paragraphs) == 73          # 74 source paragraphs, one pair mended into one


def test_chunks_cover_every_character_and_quote_the_text(report_doc):
    for settings in (ChunkerSettings(), ChunkerSettings(window=2, stride=1), ChunkerSettings(window=3, stride=2)):
        chunks = chunk_document(report_doc, settings)
        covered = set()
        for c in chunks:
            assert report_doc.text[c.char_span[0]:c.char_span[1]] == c.text
            covered.update(range(*c.char_span))
        missing = [i for i, ch in enumerate(report_doc.text) if i not in covered and not ch.isspace()]
        assert missing == []


def test_default_chunks_are_sentence_sized_and_carry_metadata(report_doc):
    chunks = chunk_document(report_doc)
    mean = sum(len(c.text) for c in chunks) / len(chunks)
    assert mean <= 100, mean
    gold = next(c for c in chunks if "350亿元" in c.text)
    assert gold.year_scope == "2024" and gold.section[-1] == "推动工业经济突破增长"
    assert gold.doc_title == "广元市2024年政府工作报告"


def test_sentences_never_split_inside_quotes():
    text = "深入开展“大走访、大调研。大落实”活动。再见！"
    assert split_sentences(text) == ["深入开展“大走访、大调研。大落实”活动。", "再见！"]


def test_bad_files_are_named_and_the_rest_still_loads(corpus_copy, caplog):
    (corpus_copy / "broken.txt").write_bytes(b"\xff\xfe\xfa not utf-8")
    (corpus_copy / "empty.md").write_text("   \n")
    (corpus_copy / "table.xlsx").write_bytes(b"PK")
    docs = load_corpus(corpus_copy)
    assert [d.id for d in docs] == ["guangyuan_2024_government_work_report"]
    log = caplog.text
    assert "broken.txt" in log and "UTF-8" in log
    assert "empty.md" in log and "table.xlsx" in log


@pytest.mark.parametrize("heading,expected", [
    ("2023年工作回顾", ("review", "2023")),
    ("一、2024年工作回顾", ("review", "2024")),
    ("第一部分 2024年工作回顾", ("review", "2024")),
    ("第二部分 2025年工作安排", ("plan", "2025")),
    # the layout of a report delivered in the first year of a five-year plan
    ("一、2025年和“十四五”时期工作回顾", ("review", "2025")),
    ("二、“十五五”时期目标和2026年工作任务", ("plan", "2026")),
    ("2024年主要目标任务和重点工作", ("plan", "2024")),
    ("加强政府自身建设", None),
])
def test_part_headings_name_the_year_they_review_or_plan(heading, expected):
    from rag.corpus.structure import part_year
    assert part_year(heading) == expected


def test_parts_named_without_a_year_take_it_from_the_words_before_it():
    """"过去一年的工作" reviews the year before the report's, "今年的主要任务" plans its own."""
    from rag.corpus.structure import parse_paragraphs
    text = ("各位代表：\n过去一年的工作\n——经济运行稳中有进。全省地区生产总值增长5.3%。\n"
            "今年的主要任务\n——坚持创新驱动。新建5G基站3万个。\n加强政府自身建设\n——建设法治政府。")
    scopes = {p.text[2:6]: p.year_scope for p in parse_paragraphs(text, 2025)[0] if p.text.startswith("——")}
    assert scopes == {"经济运行": "2024", "坚持创新": "2025", "建设法治": "2025"}


def test_a_level_given_by_another_name_is_kept(tmp_path):
    import json

    from rag.corpus.reports import report_info
    f = tmp_path / "d.txt"
    f.write_text("澹溪区2025年政府工作报告\n\n一、2024年工作回顾\n\n这一年，我们稳住了经济。", encoding="utf-8")
    f.with_suffix(".meta.json").write_text(json.dumps({"title": "澹溪区2025年政府工作报告", "region": "澹溪区", "level": "区",
                                                       "year": 2025}, ensure_ascii=False), encoding="utf-8")
    assert report_info(f, f.read_text(encoding="utf-8")).level == "县"
