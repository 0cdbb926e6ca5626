"""rag.corpus.readers: a report saved as .txt/.md/.pdf/.docx/.html comes back as its paragraphs, and a bad file
is a CorpusError that names it. Every file is made here, in tmp_path, from a short fictional report."""
from __future__ import annotations

import html
import random
import re
import zipfile
from pathlib import Path

import pytest

from rag.corpus import readers
from rag.corpus.readers import MAX_FILE_BYTES, SUPPORTED_SUFFIXES, looks_traditional, read_report_text, to_simplified
from rag.errors import CorpusError, RagError

CITY = "澄溪市"
REPORT = [
    "（本文为虚构的测试样例，城市与数据均为杜撰。）",
    "澄溪市2025年政府工作报告",
    "各位代表：现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员和其他列席人员提出意见。",
    "2024年工作回顾",
    "这一年，我们坚持稳中求进工作总基调，全市经济运行稳中向好，地区生产总值增长5.9%，规模以上工业增加值增长7.2%，"
    "一般公共预算收入完成58.3亿元、增长4.1%，城乡居民人均可支配收入分别增长4.8%和6.7%，主要经济指标增速位居全省前列，"
    "为完成全年目标任务打下了坚实基础。",
    "这一年，我们聚力产业转型升级，新材料、食品饮料、清洁能源三大主导产业实现产值862亿元，新增规模以上工业企业43户，"
    "澄溪经济开发区成功创建省级高新技术产业园区，数字经济核心产业增加值占比提高到6.3%，科技型中小企业达到418家，"
    "研发经费投入强度达到1.9%。",
    "这一年，我们全力推进城乡融合发展，实施城市更新项目31个，改造老旧小区126个、惠及居民2.4万户，新建和改造农村公路318公里，"
    "粮食总产量稳定在51.6万吨，农村居民人均可支配收入增速连续五年高于城镇居民，乡村振兴示范片建设取得明显成效。",
    "这一年，我们用心用情保障改善民生，城镇新增就业2.1万人，城镇调查失业率控制在5.5%以内，新增公办学位5600个，"
    "建成区域医疗中心2个，基本养老保险参保率稳定在95%以上，民生支出占一般公共预算支出比重达到79.4%。",
    "这一年，我们持续深化改革开放，营商环境评价位居全省第二，新增经营主体1.8万户，实际利用外资2.3亿美元、增长12.5%，"
    "外贸进出口总额完成86.4亿元，澄溪港完成货物吞吐量1560万吨，开放型经济水平进一步提升。",
    "2025年主要目标任务和重点工作",
    "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，规模以上工业增加值增长7%，固定资产投资增长5%，"
    "社会消费品零售总额增长6.5%，城乡居民人均可支配收入增长与经济增长同步，居民消费价格涨幅3%左右，"
    "单位地区生产总值能耗完成省下达目标。",
    "一、坚定不移推动产业转型升级",
    "（一）做强新材料主导产业。",
    "推动锂电材料、高性能纤维等重点项目加快建设，支持龙头企业延链补链强链，培育产值百亿级企业2户，"
    "新材料产业力争实现产值120亿元以上，新增省级专精特新企业15户以上，加快建设新材料中试基地和检验检测平台。",
    "（二）壮大食品饮料产业集群。",
    "依托澄溪优质水源和特色农产品资源，做大茶叶、果蔬、调味品精深加工，食品饮料产业产值突破300亿元，"
    "新培育区域公用品牌3个，推动农产品加工转化率提高到72%，打响澄溪好物品牌。",
    "（三）加快发展清洁能源产业。",
    "推进风光水储一体化发展，新增新能源装机容量45万千瓦，建成充电桩1200个，清洁能源产业产值达到95亿元，"
    "力争全市非化石能源消费比重提高到38%以上，加快构建绿色低碳循环发展经济体系。",
    "二、持续扩大有效需求",
    "（一）扩大有效投资。",
    "全年实施重点项目260个以上，完成投资480亿元，其中产业项目投资占比达到55%以上，"
    "争取中央预算内投资和超长期特别国债项目资金不低于35亿元，积极盘活存量资产，提升政府投资效益。",
    "（二）提振消费活力。",
    "落实大规模设备更新和消费品以旧换新政策，培育夜间经济集聚区4个，举办各类促消费活动100场以上，推动文旅深度融合，"
    "全年接待游客突破1800万人次，旅游综合收入增长10%以上。",
    "三、切实保障和改善民生",
    "坚持尽力而为、量力而行，实施十项民生实事，新增城镇就业2万人以上，新建改扩建中小学和幼儿园12所，新增养老床位800张，"
    "完成城镇老旧小区改造90个，让改革发展成果更多更公平惠及全体人民。",
    "各位代表，新的征程催人奋进，美好未来要靠实干创造。让我们团结一心、勇毅前行，为加快建设现代化澄溪而不懈奋斗！",
]
HEADER = "澄溪市人民政府门户网站 政府工作报告"
SITE_URL = "http://www.chengxi.gov.cn/zwgk/gzbg/2025/report.html"
FIGURES = ("5.9%", "58.3亿元", "120亿元以上", "1800万人次", "79.4%")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _assert_report(text: str) -> None:
    """Every paragraph verbatim (whitespace aside), each on its own, and the figures intact."""
    assert len("".join(REPORT)) >= 1500
    paragraphs = [_squash(p) for p in text.split("\n\n")]
    for p in REPORT:
        assert _squash(p) in paragraphs, f"paragraph missing or merged/split: {p[:30]}…"
    for fig in FIGURES:
        assert fig in text


def _cjk_font() -> tuple[Path, int] | None:
    """A Noto Sans/Serif CJK font file on disk (Debian's fonts-noto-cjk) and the index of its Simplified Chinese face."""
    root = Path("/usr/share/fonts")
    found = sorted(p for p in root.rglob("Noto*CJK*") if p.suffix.lower() in (".ttc", ".otf", ".ttf")) if root.is_dir() else []
    found.sort(key=lambda p: ("Regular" not in p.name, "Sans" not in p.name, p.name))
    if not found:
        return None
    font = found[0]
    if font.suffix.lower() != ".ttc":
        return font, 0
    try:
        from fontTools.ttLib import TTCollection  # comes with fpdf2
    except ImportError:
        return font, 0

    names = [f["name"].getDebugName(4) or "" for f in TTCollection(str(font), lazy=True).fonts]
    sc = [i for i, n in enumerate(names) if n.endswith(" SC") and "Mono" not in n]
    return font, sc[0] if sc else 0


CJK_FONT = _cjk_font()
needs_cjk_font = pytest.mark.skipif(CJK_FONT is None,
                                    reason="no Noto CJK font file under /usr/share/fonts (apt-get install fonts-noto-cjk)")


def _truetype_subset(path: Path, text: str) -> Path:
    """The Noto CJK font cut down to `text` and turned from CFF into TrueType outlines, as Word/WPS PDFs embed
    fonts (CIDFontType2, /Identity-H); fpdf2 writes the CFF original with an embedded CMap instead."""
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    assert CJK_FONT is not None
    font = TTFont(str(CJK_FONT[0]), fontNumber=CJK_FONT[1])
    sub = subset.Subsetter(subset.Options(desubroutinize=True, notdef_outline=True))
    sub.populate(text=text)
    sub.subset(font)
    glyph_set, order = font.getGlyphSet(), font.getGlyphOrder()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, glyphs
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs", "maxStackElements",
                  "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0
    font.sfntVersion = "\x00\x01\x00\x00"
    font.save(str(path))
    return path


def _write_pdf(path: Path, paragraphs: list[str], footer: str = "- {n} -", footer_url: bool = False,
               truetype: bool = False) -> Path:
    """A report PDF: a header line and a page-number footer on every page, lines wrapping mid-paragraph."""
    pytest.importorskip("fpdf", reason="fpdf2 makes the test PDFs (pip install fpdf2)")
    from fpdf import FPDF

    assert CJK_FONT is not None
    font, index = CJK_FONT
    if truetype:
        text = "".join(paragraphs) + HEADER + SITE_URL + footer + "0123456789"
        font, index = _truetype_subset(path.with_suffix(".ttf"), text), 0

    class Report(FPDF):
        def header(self):
            self.set_font("cjk", size=9)
            self.cell(0, 8, HEADER, align="C", new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

        def footer(self):
            self.set_y(-20 if footer_url else -15)
            self.set_font("cjk", size=9)
            if footer_url:
                self.cell(0, 6, SITE_URL, align="C", new_x="LMARGIN", new_y="NEXT")
            self.cell(0, 6, footer.format(n=self.page_no()), align="C")

    pdf = Report(format=(148, 210))     # A5, in mm
    pdf.add_font("cjk", "", str(font), collection_font_number=index)
    pdf.add_page()
    pdf.set_font("cjk", size=11)
    for p in paragraphs:
        pdf.multi_cell(0, 7, p, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    assert pdf.page_no() >= 2
    pdf.output(str(path))
    return path


def _plain_pdf(path: Path, text: str | None = "Plain text page") -> Path:
    """A one-page PDF with a core font (no CJK needed): some text, or only a drawn rectangle."""
    pytest.importorskip("fpdf", reason="fpdf2 makes the test PDFs (pip install fpdf2)")
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    if text is None:
        pdf.rect(20, 20, 100, 60, style="D")
    else:
        pdf.set_font("helvetica", size=12)
        pdf.cell(0, 10, text)
    pdf.output(str(path))
    return path


# ---- good files -----------------------------------------------------------------------------------------


def test_constants():
    assert SUPPORTED_SUFFIXES == (".txt", ".md", ".pdf", ".docx", ".html", ".htm")
    assert MAX_FILE_BYTES == 50 * 1024 * 1024
    assert issubclass(CorpusError, RagError)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_txt_encodings(tmp_path, encoding):
    f = tmp_path / "report.txt"
    f.write_bytes("\r\n".join(REPORT).encode(encoding))
    text = read_report_text(f)
    assert text.split("\n\n") == REPORT


def test_md_drops_heading_marks(tmp_path):
    f = tmp_path / "report.md"
    f.write_text("# 2024年工作回顾\n\n---\n\n" + "\n\n".join(REPORT[4:6]) + "\n", encoding="utf-8")
    assert read_report_text(f).split("\n\n") == ["2024年工作回顾", *REPORT[4:6]]


@needs_cjk_font
@pytest.mark.parametrize(("footer", "footer_url"), [("- {n} -", False), ("第{n}页", True), ("— {n} —", False), ("{n}", True)])
def test_pdf(tmp_path, footer, footer_url):
    f = _write_pdf(tmp_path / "report.pdf", REPORT, footer, footer_url)
    text = read_report_text(f)
    _assert_report(text)
    assert text.split("\n\n") == REPORT          # nothing but the report: no header, page number or URL line
    assert HEADER not in text and "gov.cn" not in text and "第1页" not in text
    assert not re.search(r"^\W*\d+\W*$", text, re.M)


@needs_cjk_font
def test_pdf_with_truetype_font(tmp_path):
    """The common case in published reports: an embedded TrueType CJK font, /Identity-H encoding."""
    from pypdf import PdfReader

    f = _write_pdf(tmp_path / "report.pdf", REPORT, "— {n} —", truetype=True)
    font = next(iter(PdfReader(f).pages[0]["/Resources"]["/Font"].values())).get_object()
    assert font["/Encoding"] == "/Identity-H"
    assert font["/DescendantFonts"][0].get_object()["/Subtype"] == "/CIDFontType2"
    text = read_report_text(f)
    assert text.split("\n\n") == REPORT
    _assert_report(text)


def test_pdf_encrypted_only_against_editing_opens(tmp_path):
    """An owner password alone (no user password) is how many published PDFs are "protected": they read fine."""
    from pypdf import PdfReader, PdfWriter

    plain = _plain_pdf(tmp_path / "plain.pdf")
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password="", owner_password="owner")
    f = tmp_path / "locked_for_editing.pdf"
    writer.write(f)
    assert read_report_text(f) == "Plain text page"


def test_pdf_aes_encrypted_only_against_editing_opens(tmp_path):
    pytest.importorskip("cryptography", reason="pypdf needs cryptography for AES (pip install 'pypdf[crypto]')")
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(_plain_pdf(tmp_path / "plain.pdf")))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-256")
    f = tmp_path / "aes.pdf"
    writer.write(f)
    assert read_report_text(f) == "Plain text page"


def test_docx(tmp_path):
    docx = pytest.importorskip("docx", reason="python-docx is needed")
    d = docx.Document()
    d.add_paragraph(REPORT[0])
    d.add_paragraph("")
    d.add_heading(REPORT[1], level=1)
    for p in REPORT[2:8]:
        d.add_paragraph(p)
        d.add_paragraph("   ")
    table = d.add_table(rows=3, cols=3)
    for r, row in enumerate([("指标", "2024年", "增长"), ("地区生产总值", "3012亿元", "5.9%"), ("一般公共预算收入", "58.3亿元", "4.1%")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    for p in REPORT[8:]:
        d.add_paragraph(p)
    d.sections[0].header.paragraphs[0].text = HEADER         # page furniture lives outside the body
    f = tmp_path / "report.docx"
    d.save(str(f))
    text = read_report_text(f)
    _assert_report(text)
    blocks = text.split("\n\n")
    rows = ["指标 | 2024年 | 增长", "地区生产总值 | 3012亿元 | 5.9%", "一般公共预算收入 | 58.3亿元 | 4.1%"]
    assert blocks == [*REPORT[:8], *rows, *REPORT[8:]]
    assert HEADER not in text


def _saved_page(paragraphs: list[str], charset: str = "utf-8") -> str:
    body = "\n".join(f'<p style="text-indent:2em">{html.escape(p)}</p>' for p in paragraphs)
    return f"""<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>澄溪市2025年政府工作报告_澄溪市人民政府</title>
<script>var _hmt = _hmt || []; function share(){{}}</script><style>.nav{{color:red}}</style></head>
<body>
<div class="top"><a href="/">首页</a> | <a href="/zwgk">政务公开</a> | <a href="/hd">政民互动</a> | <a href="/bs">办事服务</a></div>
<nav class="nav"><ul><li><a href="/">网站首页</a></li><li><a href="/xw">新闻中心</a></li><li><a href="/gk">信息公开</a></li></ul></nav>
<header><h2>{HEADER}</h2></header>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 政府工作报告</div>
<div class="article">
<h1>澄溪市2025年政府工作报告</h1>
<div class="info">发布时间：2025-01-20 来源：澄溪市人民政府办公室 浏览次数：1024 字号：【大 中 小】</div>
<div class="content" id="zoom">
{body}
<p>{SITE_URL}</p>
<p>责任编辑：王小明</p>
</div>
<div class="share">分享到：微信 微博 QQ空间</div>
<div class="tools">【打印本页】 【关闭窗口】</div>
</div>
<footer><p>主办：澄溪市人民政府办公室 承办：澄溪市大数据中心</p><p>网站标识码：0000000000 备案号：X ICP备00000000号</p></footer>
</body></html>"""


NOISE = ("网站首页", "新闻中心", "政务公开", "责任编辑", "来源：", "打印本页", "关闭窗口", "分享到", "gov.cn", "备案号", "浏览次数")


@pytest.mark.parametrize(("suffix", "charset"), [(".html", "utf-8"), (".htm", "gb2312")])
def test_html(tmp_path, suffix, charset):
    pytest.importorskip("trafilatura", reason="trafilatura is needed")
    f = tmp_path / f"report{suffix}"
    f.write_bytes(_saved_page(REPORT, charset).encode("gb18030" if charset == "gb2312" else charset))
    text = read_report_text(f)
    _assert_report(text)
    for noise in NOISE:
        assert noise not in text, noise


def test_html_keeps_short_report_lines_that_look_like_buttons(tmp_path):
    pytest.importorskip("trafilatura", reason="trafilatura is needed")
    lines = ["关闭退出落后煤矿3处。", "来源于群众的意见建议全部办结。", "编辑出版地方志3部。", "打印产业园建成投产。"]
    f = tmp_path / "short.html"
    f.write_text(_saved_page(REPORT[:6] + lines), encoding="utf-8")
    text = read_report_text(f)
    for line in lines:
        assert line in text.split("\n\n")
    for noise in NOISE:
        assert noise not in text, noise


def test_html_falls_back_to_plain_text(tmp_path, monkeypatch):
    trafilatura = pytest.importorskip("trafilatura", reason="trafilatura is needed")
    monkeypatch.setattr(trafilatura, "extract", lambda *a, **k: None)
    f = tmp_path / "report.html"
    f.write_text(_saved_page(REPORT), encoding="utf-8")
    text = read_report_text(f)
    _assert_report(text)
    for noise in (*NOISE, HEADER):
        assert noise not in text, noise


# ---- bad files -----------------------------------------------------------------------------------------


def test_empty_txt(tmp_path):
    f = tmp_path / "empty_report.txt"
    f.write_bytes(b"")
    with pytest.raises(CorpusError, match=r"empty_report\.txt: file is empty"):
        read_report_text(f)


def test_whitespace_only_txt(tmp_path):
    f = tmp_path / "blank.txt"
    f.write_text(" \n\u3000\n\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"blank\.txt: no text found"):
        read_report_text(f)


def test_binary_txt(tmp_path):
    f = tmp_path / "binary.txt"
    f.write_bytes(random.Random(7).randbytes(4096) + b"\x00\x00")
    with pytest.raises(CorpusError, match=r"binary\.txt: binary data"):
        read_report_text(f)


def test_undecodable_txt(tmp_path):
    f = tmp_path / "latin1.txt"
    f.write_bytes("Rapport d'activité du gouvernement, résumé".encode("latin-1"))
    with pytest.raises(CorpusError, match=r"latin1\.txt: not valid UTF-8"):
        read_report_text(f)


def test_unsupported_suffix(tmp_path):
    f = tmp_path / "report.doc"
    f.write_bytes(b"whatever")
    with pytest.raises(CorpusError, match=r"report\.doc: unsupported file type"):
        read_report_text(f)


def test_missing_file(tmp_path):
    with pytest.raises(CorpusError, match=r"gone\.txt: cannot read it"):
        read_report_text(tmp_path / "gone.txt")


def test_oversized_file(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 100)
    f = tmp_path / "huge.txt"
    f.write_text("\n".join(REPORT), encoding="utf-8")
    with pytest.raises(CorpusError, match=r"huge\.txt: file is too large"):
        read_report_text(f)


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-256"])
def test_encrypted_pdf(tmp_path, algorithm):
    if algorithm.startswith("AES"):
        pytest.importorskip("cryptography", reason="pypdf needs cryptography for AES (pip install 'pypdf[crypto]')")
    from pypdf import PdfReader, PdfWriter

    plain = _plain_pdf(tmp_path / "plain.pdf")
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm=algorithm)
    f = tmp_path / "secret_report.pdf"
    writer.write(f)
    with pytest.raises(CorpusError, match=r"secret_report\.pdf: PDF is encrypted.*save an unencrypted copy"):
        read_report_text(f)


def test_scanned_pdf(tmp_path):
    f = _plain_pdf(tmp_path / "scanned.pdf", text=None)
    with pytest.raises(CorpusError, match=r"scanned\.pdf: 扫描件/no text layer: OCR it first"):
        read_report_text(f)


def test_broken_pdf(tmp_path):
    f = tmp_path / "truncated.pdf"
    f.write_bytes(b"%PDF-1.7\n" + random.Random(3).randbytes(2000))
    with pytest.raises(CorpusError, match=r"truncated\.pdf: "):
        read_report_text(f)


def test_broken_docx(tmp_path):
    f = tmp_path / "broken.docx"
    f.write_bytes(random.Random(5).randbytes(3000))
    with pytest.raises(CorpusError, match=r"broken\.docx: not a readable Word \.docx file"):
        read_report_text(f)


def test_zip_that_is_not_a_docx(tmp_path):
    f = tmp_path / "archive.docx"
    with zipfile.ZipFile(f, "w") as z:
        z.writestr("report.txt", "\n".join(REPORT))
    with pytest.raises(CorpusError, match=r"archive\.docx: not a readable Word \.docx file"):
        read_report_text(f)


def test_html_without_text(tmp_path):
    pytest.importorskip("trafilatura", reason="trafilatura is needed")
    f = tmp_path / "shell.html"
    f.write_text("<html><head><script>location.href='x'</script></head><body><nav><a href='/'>首页</a></nav></body></html>",
                 encoding="utf-8")
    with pytest.raises(CorpusError, match=r"shell\.html: no text found"):
        read_report_text(f)


@pytest.mark.parametrize(("module", "package", "name"), [("docx", "python-docx", "report.docx"), ("pypdf", "pypdf", "report.pdf"),
                                                    ("trafilatura", "trafilatura", "report.html")])
def test_missing_library_names_the_package(tmp_path, monkeypatch, module, package, name):
    import sys

    monkeypatch.setitem(sys.modules, module, None)          # makes `import module` fail as if not installed
    f = tmp_path / name
    f.write_bytes(b"not really")
    with pytest.raises(CorpusError, match=rf"{re.escape(name)}: reading it needs the '{package}' package; pip install {package}"):
        read_report_text(f)


# ---- Traditional Chinese -----------------------------------------------------------------------------

TRADITIONAL = ("這一年，我們堅持穩中求進工作總基調，全市經濟運行穩中向好，地區生產總值增長5.9%，規模以上工業增加值增長7.2%，"
               "城鄉居民人均可支配收入分別增長4.8%和6.7%，為完成全年目標任務打下了堅實基礎。")
SIMPLIFIED = ("这一年，我们坚持稳中求进工作总基调，全市经济运行稳中向好，地区生产总值增长5.9%，规模以上工业增加值增长7.2%，"
              "城乡居民人均可支配收入分别增长4.8%和6.7%，为完成全年目标任务打下了坚实基础。")


def test_to_simplified_keeps_length():
    pytest.importorskip("opencc", reason="opencc is needed")
    t = "去年ＧＤＰ增長多少"
    assert to_simplified(t) == "去年ＧＤＰ增长多少"
    assert len(to_simplified(t)) == len(t)
    assert to_simplified(TRADITIONAL) == SIMPLIFIED
    for text in (TRADITIONAL, SIMPLIFIED, "\n".join(REPORT), "", "ＧＤＰ 5.9%"):
        assert len(to_simplified(text)) == len(text)


def test_to_simplified_falls_back_to_characters_when_a_phrase_changes_length(monkeypatch):
    class PhraseConverter:
        def convert(self, text):
            return text.replace("增長", "增長率").replace("長", "长").replace("經", "经")

    monkeypatch.setattr(readers, "_t2s", lambda: PhraseConverter())
    assert to_simplified("經濟增長\n經濟") == "经濟增长\n经濟"


def test_looks_traditional():
    pytest.importorskip("opencc", reason="opencc is needed")
    assert looks_traditional(TRADITIONAL)
    assert not looks_traditional(SIMPLIFIED)
    assert not looks_traditional("\n".join(REPORT))
    assert not looks_traditional("GDP 5.9%")
