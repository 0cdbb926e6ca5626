"""The extractive answerer on kinds of figures that are easy to get wrong: measure words glued to
nouns, durations in 年, Chinese-numeral ordinals, head counts, several figures in one question,
numbered slogans asked about versus only mentioned. Real report, default index."""
import re

import pytest

from rag import ask
from rag.answer.asks import subquestions
from rag.answer.rules import switched_off
from rag.figures import expected_unit, quantities
from tests.conftest import rule_decides


@pytest.mark.parametrize("question,unit", [
    ("广元连续多少年入选中国最安全城市", "年"),      # 广元 is a city, not 元 (yuan)
    ("保障性租赁住房筹集了多少套", "套"),
    ("全市有多少困难群众领到低保", "人"),
    ("能投燃机的装机有多大", "千瓦"),
    ("财政收入一共多少亿", "元"),
    ("景区要创几A级", "A级"),
    ("How many passengers used the airport", "人"),
    ("How many hogs will be slaughtered", "个数"),            # a count: 55家 or 1578户, never 23.4万亩
    ("How many hectares of farmland", None),                 # names its measure (not one the report uses)
])
def test_expected_unit(question, unit):
    assert expected_unit(question) == unit


def test_quantities_know_durations_ordinals_and_head_counts_but_not_years():
    text = "2023年7月25日，连续8年入选，第十一批，累计为24万困难群众发放资金，开工2×100万千瓦项目"
    units = {text[a:b]: u for a, b, u in quantities(text, chinese=True)}
    assert units["8年"] == "年"
    assert units["第十一批"] == "批"
    assert units["24万困难群众"] == "万人"
    assert units["2×100万千瓦"] == "万千瓦"
    assert not any(k.startswith(("2023", "7月", "25")) for k in units)
    assert "第十一批" not in {text[a:b] for a, b, _ in quantities(text)}   # Chinese numerals only on request


def test_subjects_asked_together_become_one_question_each():
    assert subquestions("新开工、新竣工的项目各有多少个？") == ["新开工的项目有多少个", "新竣工的项目有多少个"]
    assert subquestions("机场旅客多少人次？增长多少？") == ["机场旅客多少人次", "机场旅客增长多少"]
    assert len(subquestions("How many passengers did the airport handle, and how fast did that grow?")) == 2
    assert subquestions("铝基新材料目标是多少") == ["铝基新材料目标是多少"]


@pytest.mark.parametrize("question,must", [
    ("保障性租赁住房去年筹集了多少套？", ["3772套"]),
    ("广元已经连续多少年入选中国最安全城市了？", ["8年"]),
    ("全国民族团结进步示范市，广元是第几批被命名的？", ["第十一批"]),
    ("低保资金去年发给了多少困难群众？总额多少？", ["24万", "6.55亿元"]),
    ("去年新开工、新竣工的项目各有多少个？", ["828个", "988个"]),
])
def test_figures_of_every_kind_are_answered_from_the_quote(question, must):
    ans = ask(question)
    assert not ans.refused, ans.text
    for m in must:
        assert m in ans.text, ans.text
    quotes = " ".join(c.quote for c in ans.citations)
    for n in re.findall(r"\d+(?:\.\d+)?", re.sub(r"\[\d+\]", "", ans.text)):
        assert n in quotes


def test_a_slogan_asked_about_is_answered_but_one_asked_to_be_spelled_out_is_refused():
    arranged = ask("今年在“一老一小”方面有什么安排？")
    assert not arranged.refused and "一老一小" in arranged.text
    spelled = ask("“1345”发展战略的四个数字分别指什么？")
    assert spelled.refused and "1345" in spelled.text


@pytest.mark.parametrize("question,must", [
    ("中心城区的“一核”“三片”分别指哪里？", "市主城区“一核”"),          # one thing, named just before it
    ("为了“高效办成一件事”，政府提倡的三个“一次”是什么？", "一次就把情况弄清"),   # the asked slogan is the last
])
def test_a_slogan_the_sentence_spells_out_is_answered(question, must):
    ans = ask(question)
    assert not ans.refused and must in ans.citations[0].quote, ans.text


def test_question_counts_and_enumeration_sizes():
    from rag.search.retrieval import asked_count, enumeration_sizes
    assert asked_count("美丽广元建设要协同推进哪四件事？") == 4
    assert asked_count("三个“统筹”分别是什么") == 3
    assert asked_count("去年新增3个") is None and asked_count("铝基新材料目标是多少") is None
    assert asked_count("Which three 'guarantee' agricultural industries?") == 3
    assert 4 in enumeration_sizes("协同推进降碳、减污、扩绿、增长，加快建设")
    assert 3 in enumeration_sizes("统筹扩大内需和深化改革，统筹新型城镇化和乡村振兴，统筹发展和安全")
    assert 5 in enumeration_sizes("创新生态优化五大行动")


def test_a_list_question_names_the_kind_of_item_it_wants():
    from rag.search.retrieval import asked_kinds
    assert asked_kinds("今年广元要办哪些体育赛事？") == ["体育赛事", "育赛事", "赛事"]
    assert asked_kinds("今年物流上重点推进哪几个园区基地") == ["园区基地", "区基地", "基地"]
    assert asked_kinds("去年GDP增长多少") == []


@pytest.mark.parametrize("question,evidence", [
    ("报告要求增强哪三种政治能力？", "政治判断力、政治领悟力、政治执行力"),
    ("三大保障性农业产业是哪三个？", "粮油、生猪、蔬菜三大保障性产业"),
    ("广元去年财政收入多少亿", "地方一般公共预算收入68.12亿元"),     # 财政收入, not also 收入 → 人均可支配收入
    ("喜欢越野的人关心：今年要办哪些体育赛事？", "曾家山冰雪季等赛事"),    # the list closed by 等赛事,
    ("今年计划办哪些体育赛事？", "曾家山冰雪季等赛事"),                    # not 全民健身's "赛事活动2个"
    ("广元的“首位产业”是哪个？", "铝基新材料首位产业"),                     # the quoted words, verbatim
])
def test_hard_cases_rank_first(question, evidence):
    from rag import retrieve
    assert evidence in retrieve(question, k=1)[0].chunk.text


def test_a_shorter_abbreviation_inside_a_longer_one_does_not_fire():
    from rag.search.query import expansions
    assert expansions("去年广元财政收入有多少亿") == [["地方一般公共预算收入", "一般公共预算收入"]]      # other reports: 一般…
    assert expansions("农民收入增长多少") == [["农村居民人均可支配收入"]]
    assert ["人均可支配收入"] in expansions("居民收入增长多少")


def test_a_compare_question_without_figures_quotes_a_clause_from_each_year():
    ans = ask("双拥模范城，去年创成了什么，今年又要创什么？")
    assert not ans.refused, ans.text
    assert "全省第十二届双拥模范城" in ans.text and "第十二届全国双拥模范城" in ans.text
    assert {c.year_scope for c in ans.citations} == {"2023", "2024"}


def test_a_list_of_numbered_points_is_quoted_whole():
    ans = ask("为实现今年的目标，报告强调要坚持哪几点？")
    assert not ans.refused, ans.text
    for point in ("一是坚持", "二是坚持", "三是坚持", "四是坚持", "五是坚持"):
        assert point in ans.text, ans.text
    assert ans.citations[0].quote in ans.text.replace("[1]", "") or ans.text.replace("[1]", "") in ans.citations[0].quote


@pytest.mark.parametrize("question,must", [
    ("总书记是几月几号到广元视察的？", "7月25日"),                                  # a when-question: the date
    # questions in their own words
    ("新的一年，规模以上工厂创造的增加值打算长多少？", "规上工业增加值增长8%以上"),   # not 单位增加值能耗…下降10%
    ("过去一年广元地里一共收了多少粮食？", "实现粮食产量161.8万吨"),              # few shared words, one figure
    ("新的一年银行要往外新放多少贷款？", "新增信贷投放150亿元以上"),
])
def test_answered_with_the_date_or_the_figure(question, must):
    ans = ask(question)
    assert not ans.refused and must in ans.text, ans.text


def test_a_when_question_the_report_gives_no_date_for_is_refused_with_the_related_sentence():
    ans = ask("绿色铝产业发展大会是哪一天召开的？")
    assert ans.refused and "具体时间" in ans.text and "中国绿色铝产业发展大会" in ans.citations[0].quote


def test_a_yes_no_target_question_gets_the_reports_wording_when_it_has_no_figure():
    ans = ask("老百姓收入今年定没定增长目标？")
    assert not ans.refused and "基本同步" in ans.text, ans.text
    assert "报告未给出具体数字" in ans.text


@pytest.mark.parametrize("question", ["今年全市一般公共预算支出总规模是多少？",
                                      "What was Guangyuan's total GDP in 2023, in yuan?",
                                      "通威工业硅项目总投资是多少？"])
def test_a_figure_of_another_subject_or_unit_is_not_offered(question):
    ans = ask(question)
    assert ans.refused, ans.text


def test_a_glossary_key_jieba_glues_to_the_next_word_still_counts():
    from rag.search.query import content_terms
    assert "社零" in content_terms("去年社零涨了多少？")
    assert "5.8%" in ask("去年社零涨了多少？").text


@pytest.mark.parametrize("question,must", [
    ("今年新盖扩建多少所学校、增加多少学位？", ["69所", "5700个"]),          # two asks joined by 、
    ("国有煤矿扩能技改后今年能新增多少煤炭产能？", ["45万吨"]),            # the noun after 多少 is what is counted
    ("去年一共发了多少低保金？", ["6.55亿元"]),                            # 低保金 is money
])
def test_the_asked_figure_is_the_one_given(question, must):
    ans = ask(question)
    assert not ans.refused, ans.text
    for m in must:
        assert m in ans.text, ans.text


def test_report_wording_from_the_glossary_must_occur_as_written():
    from rag.search.query import term_present
    assert term_present("地方一般公共预算收入", "实现地方一般公共预算收入68.12亿元")
    assert not term_present("地方一般公共预算收入", "全市一般公共预算民生支出稳定在65%以上，城乡居民人均可支配收入分别增长")


@pytest.mark.parametrize("question,must", [
    ("中小学幼儿园的新增学位，去年和今年计划分别是多少？", ["5970个", "5700个"]),    # A的B: B is counted
    ("高标准农田去年建了多少、今年打算搞多少？", ["26.9万亩", "23.4万亩"]),        # 高标准农田, not 高标准完成
])
def test_compare_takes_the_counted_figure_on_each_side(question, must):
    ans = ask(question)
    assert not ans.refused and len(ans.citations) == 2, ans.text
    for m in must:
        assert m in ans.text, ans.text


@pytest.mark.parametrize("question", ["中煤广元燃煤发电项目总投资多少亿？",
                                      "How much is the Guangyuan airport expansion going to cost?",
                                      # number.own_subject: the asked subject (医疗保险, 空气质量) stands in another
                                      # clause; the figure's clause is about 失业/工伤, 水质
                                      "How many people in Guangyuan are covered by basic medical insurance?",
                                      "What share of days had good air quality in Guangyuan last year?"])
def test_a_figure_about_a_different_subject_is_not_lent(question):
    ans = ask(question)
    assert ans.refused, ans.text


def test_what_with_a_plural_noun_asks_for_a_list():
    from rag.search.query import understand
    assert understand("What sporting events does the city plan to stage in 2024?").kind == "list"
    assert understand("What progress has been made?").kind != "list"      # "progress" is no plural
    assert understand("What is the GDP target?").kind != "list"


def test_a_paraphrase_is_not_answered_from_a_sentence_with_several_such_figures():
    # "城市低保标准是多少钱": the sentence has 上调60元、53元 (increases) and other 元 figures
    ans = ask("现在城市低保标准每人每月是多少钱？")
    assert ans.refused, ans.text


def test_a_comma_splits_a_question_only_between_two_asks():
    from rag.answer.asks import subquestions
    assert len(subquestions("今年商场超市饭店这些地方卖出去的东西总额，预期涨多少？")) == 1
    assert subquestions("今年新建多少所学校，增加多少个学位？") == ["今年新建多少所学校", "增加多少个学位"]


def test_bijiao_as_an_adverb_is_no_comparison():
    from rag.search.query import understand
    assert understand("哪几类优质公共服务供给还比较短缺？").kind != "compare"
    assert understand("今年的GDP目标和去年比较有什么变化").kind == "compare"


def test_a_number_inside_a_name_is_no_figure():
    from rag.figures import quantities
    assert quantities("PM2.5平均值除三州外全省最低") == [] and quantities("G542线广元境段") == []
    assert quantities("5A级景区") and quantities("增长6.5%以上")
    ans = ask("去年广元空气里PM2.5的年平均浓度具体是多少微克每立方米？")
    assert ans.refused and "微克" in ans.text, ans.text


def test_a_compare_of_wording_quotes_each_years_wording_not_a_figure():
    ans = ask("广元机场扩建和广巴铁路扩能这两个大工程，2023年和2024年的进度说法有什么不同？")
    assert "实质性推进" in ans.text and "开工建设广元机场改扩建" in ans.text, ans.text


def test_years_and_framing_words_are_no_topic():
    from rag.search.query import content_terms
    terms = content_terms("广元机场扩建和广巴铁路扩能这两个大工程，2023年和2024年的进度说法有什么不同？")
    assert "机场" in terms and not {"2023", "2024", "说法", "不同"} & set(terms)


def test_an_english_count_is_not_answered_by_an_area_or_a_sum():
    """"How many hogs": the sentence naming 生猪 gives only 23.4万亩 of farmland, so no count is given
    (the sentence is offered as related wording); a count the report has is still given."""
    hogs = ask("How many hogs does Guangyuan plan to slaughter (market) in 2024?")
    assert hogs.refused and hogs.text.startswith("报告未提及具体数字。相关表述"), hogs.text
    schools = ask("How many new schools will be built or expanded this year?")
    assert not schools.refused and "69所" in schools.text, schools.text


# ---------------------------------------------------------------- issue 18: one model of units, outlines

@pytest.mark.parametrize("question, unit, fits, misfits", [
    ("今年要新改扩建多少个学校", "个", ["所", "座", "家"], ["亩", "亿元", "%"]),       # a count, whatever word counts it
    ("去年新培育了多少家企业", "家", ["户", "个"], ["万人", "吨"]),
    ("新建道路多长", "长度", ["公里", "米"], ["亩", "个"]),
    ("高标准农田面积多大", "面积", ["亩", "平方米", "公顷"], ["公里"]),
    ("粮食总产量多重", "重量", ["万吨", "公斤"], ["亩"]),
    ("增速多高", "%", ["%"], ["米"]),                                                 # a rate, not a height
])
def test_units_belong_to_families(question, unit, fits, misfits):
    from rag.figures import unit_fits
    assert expected_unit(question) == unit
    assert all(unit_fits(u, unit) for u in fits) and not any(unit_fits(u, unit) for u in misfits)


def test_a_count_asked_with_another_measure_word_is_answered():
    ans = ask("今年要新改扩建多少个学校？")
    assert not ans.refused and "69所" in ans.text


def test_an_outline_question_lists_the_sections_each_cited(report_doc):
    ans = ask("今年重点工作主要抓哪几方面？")
    # the clause counting the sections first (outline.counted_lead), then the nine sections
    assert not ans.refused and len(ans.citations) == 10 and ans.citations[0].quote == "重点做好九个方面工作"
    assert ans.text.startswith("重点做好九个方面工作[1]：一、全力以赴抓项目") and "九、极限思维抓安全" in ans.text
    for c in ans.citations[1:]:
        assert c.quote in report_doc.text and c.quote.startswith("一二三四五六七八九"[c.n - 2])
    parts = ask("报告分几个部分？")
    assert [c.quote for c in parts.citations] == ["2023年工作回顾", "2024年主要目标任务和重点工作", "加强政府自身建设"]


def test_points_counted_inside_a_paragraph_stay_a_list_not_the_outline():
    ans = ask("为实现今年的目标，报告强调要坚持哪几点？")
    assert "一是坚持" in ans.text and "全力以赴抓项目" not in ans.text


def test_the_package_glossary_holds_no_report_specific_names():
    from rag.config import ROOT
    general = (ROOT / "rag" / "resources" / "synonyms.tsv").read_text(encoding="utf-8")
    for name in ("广元", "利州", "昭化", "剑门关", "曾家山", "剑阁", "苍溪", "旺苍", "青川", "朝天"):
        assert name not in general, name
    own = ROOT / "data" / "guangyuan_2024_government_work_report.glossary.tsv"
    assert own.is_file() and "剑门关" in own.read_text(encoding="utf-8")


@pytest.mark.parametrize("question, clause", [("今年固投目标", "固定资产投资增长6.5%以上"), ("去年社零", "社会消费品零售总额增长5.8%"),
                                              ("今年地方一般公共预算收入目标", "地方一般公共预算收入增长6.5%以上")])
def test_an_indicator_named_without_duoshao_gets_its_clause_not_the_whole_sentence(question, clause):
    ans = ask(question)
    assert ans.text == f"{clause}[1]", ans.text


@pytest.mark.parametrize("sentence,slogan,spelled", [
    ("围绕上述目标，我们将努力实现“三个率先”：率先建成甲集群，率先建成乙枢纽，率先实现丙均等化。", "三个率先", True),
    ("深入实施“一核两翼、四城共建”发展战略，推动经济稳中向好。", "一核两翼、四城共建", False),   # its own 、
    ("坚定实施“一核两翼、四城共建”发展战略，做强以甲区、乙区为主体的中心城区“一核”，"
     "做优东翼丙新区和西翼丁新区“两翼”，协同推进戊城、己城“四城共建”。", "一核两翼", True),
    ("提倡“一次就把情况弄清”“一次就把工作做对”“一次就把事情办成”。", "一次", True),
    ("深入实施“一港两带三基地”发展战略，全力以赴拼经济。", "一港两带三基地", False),
    # 即 / 是指 right after the slogan, or after each of its parts, names the items
    ("我们将全面实施“六大攻坚行动”，即产业强链攻坚行动、项目建设攻坚行动等。", "六大攻坚行动", True),
    ("“一圈”是指甲州都市圈，“两廊”是指乙科创走廊和丙绿色发展走廊，“四区”是指北部能源资源区等。", "一圈两廊四区", True),
    ("实施“三大行动”，立即部署落实。", "三大行动", False),
    # a 、 right after the slogan makes it one item of a list, whose items are not its own
    ("凝心聚力，为加快建设“一城三区”、谱写中国式现代化甲州篇章而努力奋斗。", "一城三区", False),
    ("加快建设“一城三区”，即甲江流域中心城市、先进制造业集聚区、内陆开放先行区、生态宜居示范区。", "一城三区", True),
    # …but a slogan followed by its own words before the next 、 is described there
    ("实行“一树一档”挂牌保护、“一树一人”常态巡护、“一树一策”科学救护。", "一树一人", True),
    # 即 may follow the slogan's own noun ("“四个一批”项目攻坚行动，即…")
    ("深入实施“四个一批”项目攻坚行动，即签约一批、开工一批、投产一批、储备一批。", "四个一批", True),
])
def test_a_slogan_is_spelled_out_by_its_colon_its_parts_or_its_quoted_items(sentence, slogan, spelled):
    from rag.answer.listing import _spells
    assert _spells(sentence, slogan) is spelled


def test_a_plan_period_is_no_slogan_to_spell_out():
    from rag.answer.listing import _asked_slogans
    assert _asked_slogans("“十五五”时期“三个翻番”是指哪三项翻番？") == ["三个翻番"]


@pytest.mark.parametrize("question,family", [
    ("县经济开发区新建的标准化厂房有多大面积？", "面积"),    # 12.6万平方米 answers it as well as 亩 would
    ("湿地公园面积多少", "面积"),
    ("新建公路里程多少", "长度"),
    ("今年工业园区要扩多少地", "面积"),          # land is measured by its area
])
def test_a_size_asked_by_its_topic_takes_any_unit_of_its_family(question, family):
    from rag.figures import expected_unit, unit_fits
    assert expected_unit(question) == family
    assert unit_fits("万平方米" if family == "面积" else "米", family)


def test_a_clause_that_is_only_a_predicate_goes_on_with_the_subject_before_it():
    """"全县实现地区生产总值286.7亿元，增长6.3%": the growth is GDP's although 286.7亿元 stands between."""
    from rag.answer.clauses import quantity_span
    s = "全县实现地区生产总值286.7亿元，增长6.3%，增速居全市第2位；一般公共预算收入14.26亿元，增长5.1%。"
    a, b = quantity_span(s, ["地区生产总值", "增速"], "%")
    assert "6.3%" in s[a:b] and "5.1%" not in s[a:b]
    # each clause after the subject a predicate of it: "迈上4万亿元台阶，达到4.07万亿元，增长5.3%"
    s2 = "全省地区生产总值迈上4万亿元台阶，达到4.07万亿元，增长5.3%；一般公共预算收入3241.8亿元，增长3.7%"
    a, b = quantity_span(s2, ["地区生产总值"], "%")
    assert "5.3%" in s2[a:b] and "3.7%" not in s2[a:b]
    # a figure of another subject still stands in the way
    assert quantity_span("地区生产总值增长6.2%，实现一般公共预算收入68.12亿元", ["地区生产总值"], "元") is None


@pytest.mark.parametrize("text,period", [
    ("外贸进出口总额五年累计突破1900亿元", True), ("空气质量优良天数比例五年提高6.2个百分点", True),
    ("地区生产总值年均增长5.7%", True), ("三年来累计新增就业8万人", True),
    ("空气质量优良天数比例达到88.9%", False), ("连续3年获评", False), ("实施项目攻坚三年行动", False),
    ("“十四五”以来，全省累计改造农村危房4.6万户", True), ("今年以来，新增就业3万人", False),
])
def test_a_figure_of_several_years_is_told_apart(text, period):
    """A year's figure is not answered by one of several years (rule number.period)."""
    from rag.answer.number import _PERIOD
    assert bool(_PERIOD.search(text)) is period


def test_trains_aircraft_and_trees_are_counted():
    from rag.figures import COUNT, unit_fits
    assert unit_fits("列", COUNT) and unit_fits("架", "个") and unit_fits("株", "棵")
    assert "11616株" in ask("去年给多少棵上了年纪的老树建了档案、保护起来？").text


def test_a_subject_named_only_as_the_whole_of_a_share_owns_no_figure():
    """"地区生产总值是多少" is not answered by "民营经济增加值占全市地区生产总值比重达到58.4%" (number.share_base)."""
    from rag.answer.number import _named_only_as_base
    clause = "民营经济增加值占全市地区生产总值比重达到58.4%"
    assert _named_only_as_base(clause, "2024年全市地区生产总值是多少", ["地区生产总值"])
    assert not _named_only_as_base(clause, "民营经济增加值占地区生产总值比重是多少", ["民营经济", "地区生产总值"])
    assert not _named_only_as_base("全年实现地区生产总值3186.45亿元", "地区生产总值是多少", ["地区生产总值"])


def test_an_ask_naming_only_its_base_year_follows_the_previous_subject():
    from rag.answer.asks import asks
    assert [a.follows for a in asks("2024年全市地区生产总值是多少？比上年增长多少？")] == [False, True]
    ans = ask("去年坐飞机进出广元的旅客第一次超过了多少人次？比上年涨了多少？")
    assert not ans.refused and "50万人次" in ans.text and "133.3%" in ans.text, ans.text


def test_the_sentence_counting_the_years_work_areas_is_found():
    """Reports without numbered plan sections name the year's work areas in one counted sentence (outline.counted_areas)."""
    from rag.answer.outline import _COUNTED_AREAS
    m = _COUNTED_AREAS.search("2025年，重点抓好六个方面工作：产业提质、项目攻坚、乡村振兴、县城提能、改革开放、民生保障。")
    assert m and m.group(1).startswith("产业提质") and m.group(1).count("、") == 5
    assert not _COUNTED_AREAS.search("着力在三个方面下功夫，推动高质量发展。")


@pytest.mark.parametrize("question,kind,sentence", [
    ("今年物流上重点推进哪几个园区基地？", "园区基地", "加快推进中欧（国际）木材物流园、国际铁路物流园、高铁快运物流基地（二期）等项目"),
    ("今年都办哪些体育比赛啊？", "体育比赛", "办好大蜀道山地越野赛、城市半程马拉松、曾家山冰雪季等赛事"),
    ("今年要开工哪几个大项目？", "大项目", "开工建设广元机场改扩建、广巴铁路扩能改造项目"),
])
def test_a_list_question_asks_for_things_of_a_kind(question, kind, sentence):
    from rag.answer.listing import asked_kind, enumerates
    assert asked_kind(question) == kind and enumerates(sentence, kind)
    assert not enumerates("大力培育、招引骨干粮食物流企业，加强粮食物流节点铁路专用线建设", kind)


def test_the_sentence_listing_the_asked_kind_answers_the_list_question():
    ans = ask("今年物流上重点推进哪几个园区基地？")
    assert all(m in ans.text for m in ("木材物流园", "国际铁路物流园", "高铁快运物流基地")), ans.text


@pytest.mark.parametrize("question", ["2024年广元地区生产总值增长了多少？", "What was Guangyuan's GDP growth in 2024?"])
def test_the_plan_years_outcome_is_refused_with_its_target_as_related_wording(question):
    """The 2024 report plans 2024: asked what came of 2024, it offers its target as related wording, never as the
    outcome (scope.plan_is_no_outcome); the target asked as a target is answered."""
    ans = ask(question)
    assert ans.refused and "2024年的实际数字" in ans.text and "6.5%以上" in ans.text, ans.text
    assert not ask("2024年GDP增长目标是多少").refused
    assert "6.2%" in ask("2023年GDP增长了多少").text


@pytest.mark.parametrize("question,must", [
    ("玉米大豆那个套种，去年弄了多大面积，全省排第几？", ["45.8万亩", "第2位"]),    # 多大面积, 排第几, 那个
    ("市里省里那些重点项目，去年提前多长时间干完了？", ["2个月"]),              # 多长时间, 那些
])
def test_asking_phrases_and_function_words_name_no_subject(question, must):
    from rag.search.query import content_terms
    assert not {"那个", "那些", "面积", "第几", "多长时间"} & set(content_terms(question))
    ans = ask(question)
    assert not ans.refused and all(m in ans.text for m in must), ans.text


def test_a_level_in_chinese_numerals_is_a_figure_and_an_ordinal_parts_no_subject_from_it():
    from rag.answer.clauses import _measured
    from rag.figures import quantities
    assert ("千亿元", "亿元") in [(t[a:b], u) for t in ["引进到位市外资金突破千亿元"] for a, b, u in quantities(t)]
    assert not [q for q in quantities("万顺中基、一批项目") if q]             # names and prose are no levels
    assert _measured("参加第19届中国西部国际博览会、2023中外知名企业四川行等活动") == []
    # the subject (招商引资) opens the sentence; 第19届 and "2023中外…" stand between it and 突破千亿元
    ans = ask("去年招商引资从外面拉来了多少资金？")
    assert not ans.refused and "千亿元" in ans.text, ans.text


def test_parts_of_one_word_are_one_rare_subject():
    # 工业园 and 工业园区 are jieba's parts of one word: a sentence on 园区 still lends its figure
    ans = ask("今年工业园区打算扩多少地？")
    assert not ans.refused and "3000亩以上" in ans.text, ans.text


def test_a_heading_alone_does_not_make_a_sentences_figure_the_asks():
    from rag.figures import quantities
    assert quantities("高质量办好一批群众可感可及的实事", chinese=True) == []      # 一批 is "a number of"
    assert quantities("入选第一批试点", chinese=True)                              # 第一批 is an ordinal
    # under a 民生 heading, "承办…赛事活动2个以上" names no 实事: no figure of the asked subject
    ans = ask("今年市政府要办多少件民生实事？")
    assert ans.refused, ans.text
    # one word asked (population → 人口): "城镇新增就业3.35万人" is people, but not the population
    assert ask("How large is the population of Guangyuan, in people?").refused


def test_one_side_of_a_pair_is_not_answered_by_the_other():
    from rag.answer.number import _the_other_of_a_pair
    assert _the_other_of_a_pair("农村居民人均可支配收入21940元", "2023年城镇居民人均可支配收入是多少？", [])
    assert _the_other_of_a_pair("全体居民人均可支配收入35820元", "2023年城镇居民人均可支配收入是多少？", [])
    assert not _the_other_of_a_pair("城乡居民人均可支配收入分别增长4.3%、7.2%", "城镇居民收入增长多少？", [])
    assert _the_other_of_a_pair("货物进出口总额分别增长23.2%", "去年出口增长多少？", [])
    assert not _the_other_of_a_pair("货物进出口总额增长23.2%", "去年进出口总额增长多少？", [])
    ans = ask("去年出口增长多少？")          # the report gives imports and exports together only
    assert ans.refused, ans.text
    assert "4.3%" in ask("去年城镇居民人均可支配收入增长了多少？").text


def test_a_target_question_asking_no_amount_gets_every_figure_of_its_subject():
    ans = ask("建筑业今年的目标是啥？")
    assert "30家以上" in ans.text and "增长7%以上" in ans.text, ans.text
    assert "3%左右" not in ask("今年调查失业率要控制在什么水平？").text     # CPI's clause names no 失业率


def test_an_english_what_is_a_measure_is_answered_as_a_figure():
    # "current total" is a stock; the report gives only the capacity to be newly added (新增…180万千瓦)
    from rag.figures import expected_unit
    assert expected_unit("What is the installed clean energy capacity?") == "千瓦"
    ans = ask("What is the current total installed clean energy capacity of the city?")
    assert ans.refused and "千瓦" in ans.text, ans.text


def test_how_many_counts_even_when_a_rate_word_follows():
    from rag.figures import COUNT, expected_unit
    assert expected_unit("How many hospitals share test results with each other?") == COUNT
    assert expected_unit("How many percentage points did the rate rise?") == "%"
    ans = ask("How many medical institutions share mutual recognition of test results?")
    assert "30家" in ans.text and "98%" not in ans.text, ans.text


def test_a_total_of_the_newly_added_is_answered_by_the_newly_added():
    # "一共有多少" asks a stock, unless the question itself says the things are new (新培育的, 新修的)
    assert "55家" in ask("去年新培育的规上工业企业一共有多少家？").text
    assert ask("去年规上工业企业一共有多少家？").refused


def test_function_words_are_dropped_but_place_localizers_kept():
    from rag.store.tokens import is_function_word
    assert all(is_function_word(w) for w in ("那个", "并且", "以外", "之内"))
    assert not any(is_function_word(w) for w in ("每月", "东部", "上游", "沿线", "城区"))


@pytest.mark.parametrize("question", ["习近平总书记去年几月份来川视察？", "总书记来川视察是在去年的几月？",
                                      "In which month did Xi Jinping visit Sichuan in 2023?"])
def test_which_month_asks_a_date(question):
    ans = ask(question)
    assert not ans.refused and "7月25日" in ans.text, ans.text


@pytest.mark.parametrize("question", ["广巴铁路扩能改造建到什么程度了？", "广元机场改扩建进展如何？"])
def test_a_status_question_is_answered_from_what_was_done(question):
    from rag.search.query import content_terms
    assert not {"程度", "进展", "建到"} & set(content_terms(question))     # the asking phrase names no subject
    ans = ask(question)
    assert not ans.refused and "实质性推进" in ans.text, ans.text          # the review's sentence, not the plan's


@pytest.mark.parametrize("question,must", [("田长制考核去年在全省排第几？", "位居全省第一"),
                                           ("政务公开在全国排第几？", "排名全国第一"),
                                           ("去年新改建农村公路多少公里？全省排第几？", "第2位")])
def test_a_rank_asked_is_answered_by_the_rank(question, must):
    from rag.figures import expected_unit
    assert expected_unit("增速在全省排第几？") == "位" and expected_unit("女儿节办到第几届了？") == "届"
    ans = ask(question)
    assert not ans.refused and must in ans.text, ans.text


def test_an_english_question_typed_with_typographic_dashes_and_quotes_reads_as_a_plain_one():
    from rag.search.query import search_form
    assert search_form("How long is the Mianyang\u2013Cangxi section of Guangyuan\u2019s expressway?") \
        == "How long is the Mianyang-Cangxi section of Guangyuan's expressway?"
    assert search_form("“1345”发展战略\u2014是什么") == "“1345”发展战略\u2014是什么"      # Chinese as typed
    # a length asked of a road the report gives none for: refused as a figure, not quoted as a meaning
    for q in ("How long is the Mianyang\u2013Cangxi section of the expressway that opened?",
              "How long is the Mianyang-Cangxi section of the expressway that opened?"):
        ans = ask(q)
        assert ans.refused and "长度" in ans.text, ans.text


@pytest.mark.parametrize("question", ["“1345”发展战略具体指的是啥？", "“1345”发展战略是啥意思？"])
def test_sha_is_the_spoken_shenme(question):
    from rag.search.query import understand
    assert understand(question).kind == "definition"
    ans = ask(question)                 # the report names the strategy but never spells it out
    assert ans.refused and "1345" in ans.text, ans.text


def test_contracted_build_verbs_say_each_verb():
    from rag.search.query import term_present
    assert term_present("新建", "新改扩建各级各类学校69所") and term_present("改建", "新（改）扩建中小学（幼儿园）78所")
    assert not term_present("新建", "改扩建老旧小区") and not term_present("扩建", "新建道路")
    ans = ask("今年打算新建改建多少座学校，能多出多少个学位？")
    assert not ans.refused and "69所" in ans.text and "5700个" in ans.text, ans.text


def test_people_named_before_the_asking_word_are_counted():
    from rag.figures import expected_unit
    assert expected_unit("坐飞机的人有多少") == "人" and expected_unit("来的游客是多少") == "人"
    assert expected_unit("人均收入有多少") != "人" and expected_unit("游客花了多少元") == "元"


def test_time_words_and_english_growth_and_budget_wording():
    from rag.search.query import content_terms, understand
    assert "前年" not in content_terms("去年港口运的货比前年多了多少？")
    ans = ask("How fast did Guangyuan's economy grow in 2023?")
    assert not ans.refused and "6.2%" in ans.text, ans.text
    # a budget asked is money: the museum sentence names no sum, so it is refused, not quoted
    assert understand("What budget has been set aside for the new city museum?").kind == "number"
    ans = ask("What budget has been set aside for building the new city museum?")
    assert ans.refused and "元" in ans.text, ans.text


@pytest.mark.parametrize("question,must", [
    ("Which two towns are to be planned and built to small-city standards?", ["宝轮镇", "普安镇"]),
    ("Which shopping fairs and expos will the city hold this year?", ["汽车博览会"]),
    ("How many schools and kindergartens were built or expanded in 2023, and how many new seats did that add?",
     ["78所", "5970个"]),
])
def test_everyday_english_words_reach_the_reports_words(question, must):
    ans = ask(question)
    assert not ans.refused and all(m in ans.text for m in must), ans.text


def test_the_main_tasks_asked_in_english_are_the_plan_outline():
    ans = ask("What are the main tasks for Guangyuan's government in 2024?")
    assert not ans.refused and len(ans.citations) >= 9 and "九、" in ans.text, ans.text


def test_a_paraphrased_ask_and_its_follow_up_share_one_sentence():
    from rag.answer.number import _one_figure
    sentence = "投放工业应急转贷资金5.32亿元、增幅达254.7%。"
    assert not _one_figure(sentence, None) and _one_figure(sentence, None, ("%",))
    ans = ask("企业资金链一时接不上，政府出面给的那种应急“过桥”周转贷款，2023年一共放了多少？比上年多了多少？")
    assert not ans.refused and "5.32亿元" in ans.text and "254.7%" in ans.text, ans.text


def test_a_measure_word_opening_a_noun_is_no_unit():
    from rag.figures import expected_unit
    from rag.search.query import content_terms
    assert expected_unit("今年要推动多少个体工商户升级成企业？") != "个" and expected_unit("新建多少个园区？") == "个"
    assert any(t.startswith("个体") for t in content_terms("今年要推动多少个体工商户升级成企业？"))   # the noun stays
    assert expected_unit("去年新开工多少项目？") != "项"


@pytest.mark.parametrize("question,must", [
    ("How many projects are slated to break ground in 2024?", ["600个以上"]),
    ("Which edition of the China (Guangyuan) Daughters' Festival was held in 2023?", ["第35届"]),
    ("What child-related national pilot status did Guangyuan obtain in 2023?", ["儿童友好试点城市"]),
])
def test_everyday_english_for_groundbreaking_editions_and_pilots(question, must):
    ans = ask(question)
    assert not ans.refused and all(m in ans.text for m in must), ans.text


def test_a_size_asked_by_duoda_is_never_a_count():
    from rag.figures import SIZE, expected_unit, unit_fits
    assert expected_unit("渔洞河水库建成后库容有多大？") == SIZE and expected_unit("园区占地有多大？") == "面积"
    assert unit_fits("亿元", SIZE) and unit_fits("立方米", SIZE) and not unit_fits("个", SIZE) and not unit_fits("万人", SIZE)
    ans = ask("渔洞河水库建成后库容有多大？")          # the report names the reservoir, not its capacity
    assert ans.refused and "3个" not in ans.text.split("相关表述")[0], ans.text
    ans = ask("今年基础储备项目规模有多大？")
    assert not ans.refused and "1.3万亿元" in ans.text, ans.text


@pytest.mark.parametrize("question,must", [
    ("Where did Guangyuan rank nationally for government openness?", "排名全国第一"),
    ("How did Guangyuan rank in the province for the farmland chief system assessment?", "位居全省第一"),
    ("Where did the city rank in the province for new and upgraded trunk highway mileage?", "第8位"),
])
def test_a_rank_asked_in_english_is_answered_by_the_rank(question, must):
    from rag.figures import expected_unit
    assert expected_unit("Which city ranked first?") != "位"           # a rank named, not asked
    ans = ask(question)
    assert not ans.refused and must in ans.text, ans.text


def test_a_rank_in_words_answers_a_rank():
    for q in ("How did Guangyuan's average PM2.5 level rank within Sichuan in 2023?", "PM2.5平均值在全省排第几？"):
        ans = ask(q)
        assert not ans.refused and "全省最低" in ans.text, ans.text


def test_two_asks_that_found_one_clause_take_a_clause_each():
    """厕所…改多少 and 普及率…多少 both find "农村卫生厕所普及率达97%": the first ask has a clause of its own."""
    ans = ask("农村厕所今年要改多少？普及率要到多少？")
    assert "2万户以上" in ans.text and "97%" in ans.text
    assert all(n in ans.citations[0].quote for n in ("2万户以上", "97%"))
    from rag.switches import off
    with off("asks.distinct_clauses"):
        assert "2万户以上" not in ask("农村厕所今年要改多少？普及率要到多少？").text


def test_an_english_second_subject_may_have_its_own_article():
    ans = ask("What's the inflation cap and the jobless-rate target for 2024?")
    assert "5.5%左右" in ans.text and "3%左右" in ans.text


@pytest.mark.parametrize("question,name", [
    ("生态环保那五大标志性战役都是哪五个？", "五大标志性战役"),             # named, never spelled out
    ("生态环保那“五大标志性战役”都是哪五个？", "五大标志性战役"),           # quoted in the question only
    ("六大专项整治行动，除了工业源、移动源、扬尘源，剩下三个是啥？", "六大专项整治行动"),   # 3 of 6, then 等
    ("“碳达峰十大行动”都包括啥？", "碳达峰十大行动"),
])
def test_a_counted_name_the_report_never_spells_out_is_refused(question, name):
    ans = ask(question)
    assert ans.refused and name in ans.text


def test_a_counted_name_spelled_out_by_its_quoted_items_is_answered():
    ans = ask("招商引资的三大行动是什么？")
    assert not ans.refused and "揭榜攻坚" in ans.text and "双拼双提" in ans.text


@pytest.mark.parametrize("question", ["今年政府主要干哪几件事？一共分几大块？",
                                      "What are the main tasks for Guangyuan's government in 2024?"])
def test_the_outline_in_everyday_words_opens_with_the_clause_counting_it(question):
    ans = ask(question)
    assert ans.text.startswith("重点做好九个方面工作[1]：")
    assert "一、全力以赴抓项目" in ans.text and "九、极限思维抓安全" in ans.text
    assert ans.citations[0].quote == "重点做好九个方面工作"


def test_supposed_to_asks_a_plan_however_actually_it_is_asked():
    from rag.search.scope import asked_outcome_year
    assert asked_outcome_year("Which big transport projects are supposed to actually break ground in 2024?") is None
    assert asked_outcome_year("How much did GDP actually grow in 2024?") == 2024
    assert not ask("Which big transport projects are supposed to actually break ground in 2024?").refused


def test_how_big_of_no_land_asks_a_size_in_any_unit():
    from rag.figures import SIZE
    assert expected_unit("How big is the Sichuan Energy Investment gas power plant?") == SIZE
    assert expected_unit("How large is the farmland area?") == "面积"
    ans = ask("How big is the Sichuan Energy Investment gas power plant that's supposed to hook up to the grid?")
    assert "2×70万千瓦" in ans.text


@pytest.mark.parametrize("question,must", [
    ("去年港口运的货比前年多了多少？", "58%"),                       # 运的货: 货物吞吐量
    ("到去年，山上林子盖住的土地占了多大比例？", "57.9%"),           # 林子: 森林
    ("个体户转成公司，今年要转多少户？", "250户以上"),               # 个体户: 个转企
    ("去年高考考上本科的比例涨了多少？", "4.7个百分点"),             # 考上本科: 本科上线率
    ("How many key projects are they trying to get finished and running this year?", "84个重点项目"),
    ("How much output value do they hope to get from turning research results into products?", "290亿元以上"),
])
def test_everyday_descriptions_of_the_genres_indicators(question, must):
    assert must in ask(question).text


def test_a_rise_asked_is_said_by_another_verb_of_rising_for_both_sides_of_chengxiang():
    """提高 is said by 上调; 城里 and 乡下 by 城乡…分别; the 低保 clause, not the 供养标准 one beside it."""
    ans = ask("过去一年城里和乡下的低保标准每月各提高了多少钱？")
    assert "60元" in ans.text and "53元" in ans.text and "78元" not in ans.text
    from rag.search.query import content_terms, term_present
    assert term_present("提高", "分别上调60元") and not term_present("提高", "规上工业增加值286亿元")
    assert "每月" not in content_terms("低保标准每月是多少钱")


def test_a_level_asked_is_not_answered_by_a_change():
    ans = ask("现在城市低保标准每人每月是多少钱？")
    assert ans.refused and "60元" not in ans.text.split("相关表述")[0]
    from rag.answer.number import _a_change
    assert _a_change("城乡居民最低生活保障分别上调60元、53元", "元")
    assert not _a_change("实现地方一般公共预算收入68.12亿元、增长11%", "元")
    assert not _a_change("规上工业增加值增长9.3%", "%")        # a rate is no level to miss


def test_a_count_in_the_asked_measure_word_answers_though_the_noun_differs():
    ans = ask("去年新改扩建了多少所学校？")          # 中小学（幼儿园）78所: 所 counts schools
    assert "78所" in ans.text


@pytest.mark.parametrize("question,slogan", [
    # English, the slogan named in words or asked with 'What is' (slogan.english_numbers)
    ("What are the 'four revolutions' in the energy security strategy the report mentions?", "四个革命、一个合作"),
    ("What is the '1345' strategy?", "1345"),
    # worded as an outline question (slogan.before_outline)
    ("“1345”发展战略具体是哪几个方面？", "1345"),
    ("旺苍县城“一城一带四板块”里的四个板块分别是哪几块？", "一城一带四板块"),
])
def test_a_question_about_a_numbered_slogan_the_report_never_spells_out_is_refused(question, slogan):
    ans = ask(question)
    assert ans.refused and f"“{slogan}”的具体含义" in ans.text


def test_an_outline_question_naming_no_slogan_is_still_the_outline():
    assert not ask("今年重点工作主要抓哪几方面？").refused


def test_a_clause_naming_all_of_the_ask_but_the_place_before_it_is_the_asks():
    """机场 stands in the clause before ("广元机场新开通航线4条，年旅客吞吐量…"); 坐飞机的人 (旅客) in the figure's."""
    ans = ask("去年广元机场坐飞机的人有多少？涨了多少？")
    assert "50万人次" in ans.text and "133.3%" in ans.text
    from rag.switches import off
    with off("number.own_subject_named"):
        assert ask("去年广元机场坐飞机的人有多少？涨了多少？").refused


def test_a_figure_before_the_clause_naming_the_subject_is_not_its_figure():
    # the genre names the subject, then its figure: the port's cargo is not the tourists' count before it
    from rag.answer.clauses import quantity_span
    s = "全年接待游客5320万人次、实现旅游收入582亿元，望潮港货物吞吐量、集装箱吞吐量稳步增长"
    assert quantity_span(s, ["望潮港", "货物", "吞吐量"], None) is None
    with switched_off("number.figure_after_subject"):
        assert quantity_span(s, ["望潮港", "货物", "吞吐量"], None) is not None
    a, b = quantity_span("望潮港货物吞吐量稳步增长，达到1.2亿吨", ["望潮港", "货物", "吞吐量"], None)
    assert "1.2亿吨" in "望潮港货物吞吐量稳步增长，达到1.2亿吨"[a:b]


@pytest.mark.parametrize("question,slogans", [
    ("那个三区两带是啥意思？", ["三区两带"]), ("一核两翼三带指什么", ["一核两翼三带"]), ("四个一批是什么", ["四个一批"]),
    ("十四五规划是什么意思", []), ("三个一是啥意思", []), ("今年GDP是多少", [])])
def test_a_slogan_typed_without_its_quotes_is_asked(question, slogans):
    from rag.answer.listing import _asked_slogans
    assert _asked_slogans(question) == slogans


def test_an_english_question_naming_its_region_in_chinese_is_read_as_english():
    from rag.figures import COUNT
    from rag.search.query import understand
    q = "What was 梓岩州's total foreign trade (imports plus exports) in 2024?"
    assert understand(q).kind == "number" and expected_unit("How many pocket parks did 澹溪区 build in 2024?") == COUNT
    assert expected_unit("What was the per-capita disposable income of all residents in 2025?") == "元"
    with switched_off("english.named_in_chinese"):
        assert understand(q).kind != "number"


def test_money_asked_to_rise_is_answered_in_yuan():
    """"供养钱去年涨了多少": money rises by yuan or by a rate (figures.money_rise); 资金 asked to grow stays a rate."""
    assert expected_unit("低保钱涨了多少？") is None and expected_unit("资金增长了多少") == "%"
    ans = ask("最困难、没人养的那些人（城乡特困人员）的供养钱去年涨了多少？")
    assert not ans.refused and "78元" in ans.text and "69元" in ans.text, ans.text
    with switched_off("figures.money_rise"):
        assert expected_unit("低保钱涨了多少？") == "%"


def test_spending_is_not_answered_by_revenue():
    ans = ask("2023年全市一般公共预算支出总额是多少亿元？")
    assert ans.refused and "68.12亿元" not in ans.text.split("相关表述")[0], ans.text
    with switched_off("number.revenue_spending"):
        assert "68.12亿元" in ask("2023年全市一般公共预算支出总额是多少亿元？").text


def test_sha_shihou_asks_a_date():
    ans = ask("渔洞河水库啥时候能建好蓄水啊？")
    assert ans.refused and "具体时间" in ans.text, ans.text
    with switched_off("date.spoken_when", "asks.colloquial_what"):     # (啥 read as 什么 asks the date too)
        assert not ask("渔洞河水库啥时候能建好蓄水啊？").refused


@pytest.mark.parametrize("question,year,rule,before", [
    ("2023年末全市存贷款规模达到多少？贷款增速与存款增速相比如何？", "2023", "compare.two_times", ("compare", None)),
    ("2024年芃川市新能源汽车零部件产业产值达到多少？是2020年的几倍？", "2024", "year.base_year", ("compare", None)),
    ("与2020年相比，芃川市高新技术企业数量到“十四五”末增长了多少？", None, "year.base_year", ("number", "2020"))])
def test_two_things_of_one_year_and_a_base_year_are_no_comparison_of_years(question, year, rule, before):
    from rag.search.query import understand
    intent = understand(question)
    assert intent.kind == "number" and intent.year == year, intent
    with switched_off(rule):
        intent = understand(question)
        assert (intent.kind, intent.year) == before, intent
    assert understand("2023年GDP和2024年目标相比如何").kind == "compare"


def test_a_promise_asks_a_plan_not_an_outcome():
    from rag.search.scope import asked_outcome_year
    q = "What minimum basic pension did 芃川市 promise for 2025?"
    assert asked_outcome_year(q) is None
    with switched_off("scope.english_promise"):
        assert asked_outcome_year(q) == 2025



@pytest.mark.parametrize("question,must", [
    ("What are the 2024 targets for the surveyed urban unemployment rate and consumer price inflation?",
     ("5.5%左右", "3%左右")),                   # inflation is a rate, not the 元 of 'price'
    ("How many NPC deputies' suggestions and CPPCC proposals did the government handle last year, and what was the "
     "completion rate?", ("52件", "204件", "办结率100%"))])
def test_english_second_asks_get_their_figures(question, must):
    ans = ask(question)
    assert not ans.refused and all(m in ans.text for m in must), ans.text


def test_an_outline_question_naming_a_headings_closing_words_lists_its_sections():
    """"重点工作一共分成几大块": 重点工作 closes "二、2024年主要目标任务和重点工作" (outline.heading_head)."""
    ans = ask("今年政府工作报告里重点工作一共分成几大块？")
    assert ans.text.startswith("重点做好九个方面工作[1]") and len(ans.citations) == 10, ans.text
    with switched_off("outline.heading_head"):
        assert "九个方面" not in ask("今年政府工作报告里重点工作一共分成几大块？").text


def test_a_comparison_asked_second_is_its_own_ask_not_an_ellipsis():
    """"…规模达到多少？贷款增速与存款增速相比如何？": 相比如何 is no "B如何" asking the first ask's 规模 of B."""
    from rag.answer.asks import subquestions
    q = "2023年末全市存贷款规模达到多少？贷款增速与存款增速相比如何？"
    assert subquestions(q)[1] == "贷款增速与存款增速相比如何"
    ans = ask(q)
    assert "3700亿元" in ans.text and "5个百分点" in ans.text, ans.text
    with switched_off("asks.compared_no_ellipsis"):
        assert "规模" in subquestions(q)[1]


@pytest.mark.parametrize("question", ["广元双拥模范城连着拿了几回了？", "广元去年创的是哪一届双拥模范城？一共连创了几次？"])
def test_a_run_of_wins_in_chinese_numerals_counts_times(question):
    ans = ask(question)
    assert not ans.refused and "七连创" in ans.text, ans.text
    with switched_off("figures.runs_of_wins"):
        assert ask(question).refused


def test_days_in_chinese_numerals_answer_how_many_days():
    ans = ask("医院挂一次号能管几天？")
    assert not ans.refused and "管三天" in ans.text, ans.text
    with switched_off("figures.chinese_days"):
        assert ask("医院挂一次号能管几天？").refused


def test_a_comparison_of_two_subjects_gives_both_on_each_side():
    q = "新建、改扩建学校和新增的学位，去年做了多少？今年计划多少？"
    ans = ask(q)
    assert all(m in ans.text for m in ("78所", "5970个", "69所", "5700个")), ans.text
    with switched_off("compare.every_subject"):
        assert not all(m in ask(q).text for m in ("78所", "5970个", "69所", "5700个"))


def test_a_reviewed_event_asked_when_is_dated_by_the_review():
    """"…什么时候建成通车的": the review tells last year's events, so its clause with the very event answers, marked with
    that year, 2023, 去年 to the report (date.section_year); a day asked is not answered so."""
    q = "成绵苍巴高速公路绵苍段是什么时候建成通车的？"
    ans = ask(q)
    assert not ans.refused and ans.text.startswith("2023年（去年") and "绵苍段建成通车" in ans.text, ans.text
    assert ask("成绵苍巴高速公路绵苍段是哪天通车的？").refused
    with switched_off("date.section_year"):
        assert ask(q).refused


def test_two_asks_that_found_one_clause_take_the_sentences_clauses_in_their_order():
    q = ("How large is the coal reserve base Guangyuan wants included in the national reserve system, "
         "and what total static coal reserves is it aiming for?")
    ans = ask(q)
    assert "75万吨" in ans.text and "超400万吨" in ans.text, ans.text
    with switched_off("asks.reading_order"):
        assert "75万吨" not in ask(q).text


def test_a_cut_asked_in_english_is_answered_by_its_rate():
    ans = ask("How much did the government trim routine spending last year, and how many agencies were certified as "
              "national-level 'thrifty' government offices?")
    assert "压减7%" in ans.text and "103个" in ans.text, ans.text


def test_the_parts_of_work_asked_are_the_outline():
    q = "报告对新一年政府自身建设提出了哪几个方面的要求？"
    ans = ask(q)
    assert all(h in ans.text for h in ("始终把政治建设摆在首位", "全面提升决策科学化水平", "驰而不息推进正风肃纪")), ans.text
    with switched_off("outline.parts_of_work"):
        assert "驰而不息推进正风肃纪" not in ask(q).text


def test_a_slogans_parts_asked_as_figures_are_refused_when_never_spelled_out():
    for q in ("“1246”临床重点专科工程里的1、2、4、6分别代表什么？",
              "What do the four numbers in the '1345' development strategy stand for?"):
        ans = ask(q)
        assert ans.refused and "具体含义" in ans.text, ans.text
        with switched_off("slogan.meaning_asked"):
            assert not ask(q).refused


def test_events_asked_in_chang_are_counted_by_any_counting_word():
    ans = ask("今年广元要办几场省级以上的大比赛？")
    assert not ans.refused and "2个以上" in ans.text, ans.text


@pytest.mark.parametrize("question", ["今年广元机场还要新开几条航线？", "今年城里还要新建几个口袋公园？"])
def test_a_count_asked_with_ji_ge_is_no_list(question):
    """新开几条航线 asks a count (kind.count_not_list): the plan gives none, so no answer; as a list question the plan's
    nearest sentence was offered."""
    assert ask(question).refused
    with switched_off("kind.count_not_list", "kind.count_after_verb"):      # 开几条, 建几个: a count by either
        assert not ask(question).refused


def test_ji_ge_baifendian_asks_percentage_points():
    assert expected_unit("今年高考本科上线率要比去年再提高几个百分点？") == "%"
    with switched_off("figures.percentage_points"):
        assert expected_unit("今年高考本科上线率要比去年再提高几个百分点？") == "个"


def test_a_cut_is_a_rate_unless_a_time_is_cut():
    assert expected_unit("How much did the government trim routine spending last year?") == "%"
    assert expected_unit("How much did the new expressway cut the travel time?") is None
    assert expected_unit("城乡居民基础养老金要提高到多少？") is None      # the level reached, in its own unit
    with switched_off("figures.raised_to"):
        assert expected_unit("城乡居民基础养老金要提高到多少？") == "%"


def test_a_run_of_years_in_chinese_numerals_answers_how_many_years():
    q = "食品安全满意度测评连续几年达到满意等次？"
    ans = ask(q)
    assert not ans.refused and "连续三年" in ans.text, ans.text
    with switched_off("figures.chinese_years"):
        assert ask(q).refused


def test_a_bare_quoted_name_asked_what_it_is_gets_the_clause_naming_its_kind():
    """"“1+4+7”指什么": the clause giving it with its kind (slogan.bare_kind); "“1345”发展战略指什么" names the kind
    and asks the parts the report never gives."""
    for q, clause in (("What does the '1+4+7' in the report refer to?", "加快构建“1+4+7”粮食物流设施体系"),
                      ("报告所称“四个革命、一个合作”指的是什么？", "“四个革命、一个合作”能源安全新战略")):
        ans = ask(q)
        assert not ans.refused and clause in ans.text, ans.text
        with switched_off("slogan.bare_kind"):
            assert ask(q).refused
    assert ask("“1345”发展战略指什么？").refused


def test_subjects_the_best_sentence_leaves_out_get_the_sentences_after_it():
    q = "What are this year's targets for rural toilets, sewage treatment and rubbish disposal?"
    ans = ask(q)
    assert all(m in ans.text for m in ("97%", "75%", "100%")) and len(ans.citations) == 3, ans.text
    with switched_off("list.every_subject"):
        assert "75%" not in ask(q).text


@pytest.mark.parametrize("question,clause", [("去年政府办了多少件人大建议和政协提案？都办完了吗？", "办结率100%"),
                                             ("去年下了几轮强降雨？有没有人因为灾害死掉？", "无人因灾死亡")])
def test_a_yes_no_ask_after_a_figure_is_the_clause_after_it(question, clause):
    ans = ask(question)
    assert clause in ans.text, ans.text
    with switched_off("asks.yes_no_after"):
        assert clause not in ask(question).text


@pytest.mark.parametrize("question", ["报告承认发展中存在什么不足？",
                                      "What does the report admit are the city's weak points?"])
def test_a_sentence_that_introduces_an_enumeration_answers_with_it(question):
    """"…短板和不足。主要是：…": the sentence that announces the shortcomings answers with the ones it announces
    (list.introduced), whatever kind the question reads as."""
    rule_decides(question, "企业创新能力还不强", "居民收入增长较为缓慢", rule="list.introduced")


def test_what_except_sets_apart_is_not_asked():
    """"除了铝产业，其他重点产业…": the thing set apart by 除了 is not the subject asked (asks.except_named)."""
    q = "今年除了铝基新材料以外，别的重点产业产值目标是多少？"
    ans = ask(q)
    assert "425亿元以上" in ans.text and "350亿元" not in ans.text, ans.text
    with switched_off("asks.except_named"):
        assert "425亿元以上" not in ask(q).text


def test_which_year_asks_a_date():
    """哪年 / 哪一年 asks a year as "which year" does (date.which_year): a plan sentence that names the museum's
    building but no year does not answer when it opens; a clause with the year does answer."""
    q = "中国蜀道博物馆哪一年建成？"
    assert ask(q).refused
    with switched_off("date.which_year"):
        assert not ask(q).refused
    ans = ask("物流产业发展大会在哪一年办？")
    assert not ans.refused and "2024年物流产业发展大会" in ans.text, ans.text


@pytest.mark.parametrize("question,unit", [("How much is being invested in the Tongwei industrial silicon project?", "元"),
                                           ("How much did people's disposable incomes go up last year?", "%"),
                                           ("How much did fiscal revenues go up?", "%")])
def test_english_verb_forms_and_plurals_ask_their_unit(question, unit):
    """"invested" asks money as "investment" does (figures.english_invested); "incomes go up" asks a rise, not the
    people of "people's" (figures.english_forms)."""
    assert expected_unit(question) == unit
    with switched_off("figures.english_invested", "figures.english_forms"):
        assert expected_unit(question) != unit


def test_a_project_asked_how_much_is_invested_is_no_count_of_projects():
    ans = ask("How much is being invested in the Tongwei industrial silicon project?")
    assert ans.refused and "15个项目" not in ans.text.split("相关表述")[0], ans.text


def test_the_main_points_of_a_part_are_its_headings():
    """"the main points of how the government will improve itself": the （一）…（四） of 加强政府自身建设
    (outline.english_points)."""
    q = "What are the main points of how the government says it will improve itself this year?"
    ans = ask(q)
    assert "（一）始终把政治建设摆在首位" in ans.text and "（四）驰而不息推进正风肃纪" in ans.text, ans.text
    with switched_off("outline.english_points"):
        assert "（四）驰而不息推进正风肃纪" not in ask(q).text


@pytest.mark.parametrize("question,clause", [
    ("For how many consecutive years has Guangyuan received an A grade in the province's quality work assessment?",
     "质量工作考核连续2年获得A级"),
    ("What are the construction rules for cities, market towns and farm houses?", "农房15条"),
    ("How big is the project pipeline the city plans to keep in reserve?", "1.3万亿元以上")])
def test_everyday_english_reaches_the_genres_words(question, clause):
    """General vocabulary of the genre (assessment → 考核, market town → 集镇, farm house → 农房, pipeline/reserve of
    projects → 储备项目) in the package glossary, not one report's."""
    ans = ask(question)
    assert not ans.refused and clause in ans.text, ans.text


@pytest.mark.parametrize("question", ["How much money will go into the new aluminium materials industry fund?",
                                      "How many tonnes of grain does the city expect to harvest this year?"])
def test_a_figure_of_another_subject_does_not_answer_a_fund_or_a_harvest(question):
    """fund → 基金 and harvest → 产量 are the subject: the fund's sentence has no money, the grain sentence no tonnage;
    产值350亿元 and a food park's 85万吨 are other subjects' figures."""
    ans = ask(question)
    assert ans.refused, ans.text


def test_b_repeating_the_preposition_of_a_is_still_a_second_ask():
    """"targets for the jobless rate and for inflation" asks both (asks.english_preposition)."""
    q = "What are this year's targets for the surveyed unemployment rate and for inflation?"
    ans = ask(q)
    assert "5.5%左右" in ans.text and "3%左右" in ans.text, ans.text
    assert len(subquestions(q)) == 1
    from rag.answer.asks import conjoined
    assert len(conjoined(q)) == 2
    with switched_off("asks.english_preposition"):
        assert conjoined(q) == []


def test_a_yes_no_ask_after_a_comma_is_an_ask_of_its_own():
    q = "去年遇到几轮强降雨，有没有人死亡？"
    assert subquestions(q) == ["去年遇到几轮强降雨", "有没有人死亡"]
    rule_decides(q, "无人因灾死亡", "10轮强降雨", rule="asks.yes_no_comma")


def test_a_drop_asked_in_english_is_a_rate():
    q = "By how much did drug prices drop under bulk purchasing?"
    assert expected_unit(q) == "%"
    with switched_off("figures.english_forms"):
        assert expected_unit(q) == "元"


def test_a_five_year_total_asked_in_english_is_not_one_years_figure():
    """"over the past five years" asks several years' total: 2023's 3.84万人 does not answer it
    (number.period_asked_english)."""
    q = "How many new urban jobs were created over the past five years?"
    assert ask(q).refused
    with switched_off("number.period_asked_english"):
        assert "3.84万人" in ask(q).text


@pytest.mark.parametrize("question,clause", [("去年村道修了多少公里？", "1874公里"),
                                             ("How many affordable rental homes were raised last year?", "3772套"),
                                             ("What were the construction sector's goals for this year?", "30家以上")])
def test_everyday_names_reach_the_reports_terms(question, clause):
    ans = ask(question)
    assert not ans.refused and clause in ans.text, ans.text


def test_a_runner_up_holding_every_word_answers_when_the_best_scored_holds_few():
    """"hospital and child-care projects": the best-scored sentence names only 婴幼儿照护; the next one names the
    托育 centre, the hospitals and the 项目 (support.next_covering)."""
    q = "Which hospital and child-care projects does the city plan for 2024?"
    ans = ask(q)
    assert not ans.refused and "市传染病医院" in ans.text, ans.text
    with switched_off("support.next_covering"):
        assert ask(q).refused


def test_an_indicator_the_report_does_not_give_is_not_answered_by_a_narrower_one():
    """Energy use per unit of GDP is another indicator than 规上工业单位增加值能耗."""
    assert ask("What is this year's target for energy consumption per unit of GDP?").refused


def test_a_space_between_chinese_words_parts_the_asks():
    rule_decides("今年要新建几所学校 学位增加多少", "5700个", "69所", rule="asks.space_as_comma")


def test_a_when_question_about_last_years_work_names_the_year():
    """The review tells what was done last year: the answer says which year that is (date.section_year)."""
    ans = ask("When did construction start on the Yudonghe reservoir?")
    assert ans.text.startswith("2023年") and "渔洞河中型水库实现开工" in ans.text, ans.text


def test_last_year_in_a_how_long_question_is_no_duration():
    q = "How long is the expressway section that opened last year?"
    assert expected_unit(q) == "长度"
    with switched_off("figures.last_year_no_duration"):
        assert expected_unit(q) is None


def test_an_output_asked_without_a_question_word_is_a_figure_in_a_unit_of_measure():
    """"tea output 2023?": the report says only that output hit a record; the 名录3个 and the "2023" of "2023全国…" in the
    same sentence are no output (figures.english_output, figures.size_real_unit)."""
    from rag.figures import SIZE, unit_fits
    q = "Guangyuan tea output 2023?"
    assert ask(q).refused
    with switched_off("figures.english_output"):
        assert not ask(q).refused
    assert not unit_fits("全", SIZE) and unit_fits("万吨", SIZE)
    with switched_off("figures.size_real_unit"):
        assert unit_fits("全", SIZE)


def test_a_count_asked_in_its_measure_word_is_answered_in_its_ci_form():
    from rag.figures import unit_fits
    assert unit_fits("场次", "场")
    with switched_off("figures.times_of_a_count"):
        assert not unit_fits("场次", "场")


def test_natural_disasters_and_weak_spots_reach_the_reports_words():
    ans = ask("What natural disasters did the city cope with in 2023?")
    assert "10轮强降雨" in ans.text, ans.text
    ans = ask("Which weak spots does the government own up to?")
    assert "居民收入增长较为缓慢" in ans.text, ans.text


def test_a_unit_said_outright_is_the_unit_asked():
    q = "What was Guangyuan's 2023 GDP in yuan, not the growth rate?"
    assert expected_unit(q) == "元"
    assert ask(q).refused            # the report gives the growth (6.2%), not the size
    with switched_off("figures.english_in_unit"):
        assert expected_unit(q) == "%"


def test_the_asking_word_is_no_topic():
    from rag.search.query import content_terms
    assert "加多少" not in content_terms("学位加多少") and "加多" not in content_terms("学位加多少")
    with switched_off("terms.asking_word"):
        assert "加多少" in content_terms("学位加多少")


def test_an_honour_told_in_the_review_is_dated_last_year():
    ans = ask("广元是什么时候被评为全国民族团结进步示范市的？")
    assert ans.text.startswith("2023年") and "第十一批" in ans.text, ans.text


@pytest.mark.parametrize("question", ["How much special bond money alone did the city secure last year?",
                                      "光是专项债资金争取了多少？"])
def test_one_item_asked_alone_is_not_answered_by_a_sum_of_several(question):
    """预算内资金、专项债资金、增发国债项目资金达98.16亿元 is one sum of three kinds of funds (number.one_apart); asked of all
    three it answers."""
    assert ask(question).refused
    with switched_off("number.one_apart"):
        assert "98.16亿元" in ask(question).text
    assert "98.16亿元" in ask("How much did the city secure from budgets, special bonds and treasury bonds last year?").text
