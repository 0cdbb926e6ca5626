"""Forms of question the answerer reads as a reader of Chinese or English would (rules of question form and of the
genre, each switchable in rag.answer.rules): a follow-up ask left half said, a count named in an English list
question, a paragraph under its own heading, a year in one ask and "last year" in the other. Real report, default
index; each test fails when its rule is switched off."""
from rag import ask
from rag.answer.asks import subquestions
from rag.answer.rules import switched_off
from rag.figures import expected_unit
from rag.search.query import understand
from tests.conftest import rule_decides, rule_refuses


def _rule_decides(question: str, *clauses: str, rule: str) -> None:
    rule_decides(question, *clauses, rule=rule, answered=True)


def test_a_rate_asked_after_a_count_is_asked_as_a_rate():
    """"…多少件？办结率呢？": 办结率 is its own measure, not 多少件 of something (asks.rate_own_measure)."""
    q = "去年政府办理人大代表建议和政协提案各多少件？办结率呢？"
    assert subquestions(q)[-1] == "办结率是多少"
    _rule_decides(q, "办结率100%", "52件", rule="asks.rate_own_measure")


def test_a_follow_up_subject_told_in_words_is_answered_by_the_clause_after():
    """"…稳定在多少人？零就业家庭呢？": the report tells the second subject in the clause right after the first one's
    figure, in words (零就业家庭动态清零), not by another 人 figure (asks.named_clause_after)."""
    _rule_decides("今年农民工转移就业打算稳定在多少人？零就业家庭呢？", "零就业家庭动态清零", "95万人",
                  rule="asks.named_clause_after")


def test_cheaper_in_plain_chinese_asks_a_fall_in_price():
    q = "集采药品和耗材便宜了多少？"
    assert expected_unit(q) == "%"
    assert "50%" in ask(q).text
    with switched_off("figures.cheaper_zh"):
        assert expected_unit(q) is None


def test_a_road_that_opened_is_dated_by_its_opening_to_traffic():
    """"When did … open": a road opens when it opens to traffic (通车), told in the review of 2023 (date.road_opens)."""
    q = "When did the Mianyang-Cangxi section of the Chengdu-Mianyang-Cangxi-Bazhong expressway open?"
    ans = ask(q)
    assert ans.text.startswith("2023年") and "绵苍段建成通车" in ans.text, ans.text
    with switched_off("date.road_opens"):
        assert not ask(q).text.startswith("2023年")


def test_a_list_of_the_kind_asked_is_found_by_its_head():
    """"哪些体育比赛": the sentence listing races and festivals "…等赛事" (list.kind_head, list.kind_half), not the one
    listing sports grounds "…等体育设施" that shares the characters 体育."""
    q = "今年广元要办哪些体育比赛？"
    for rule in ("list.kind_head", "list.kind_half"):
        _rule_decides(q, "城市半程马拉松", "大蜀道山地越野赛", rule=rule)


def test_one_side_of_a_pair_asked_in_english_is_not_the_sum_of_both():
    """"new loans" names the loan side; 存贷款规模 is deposits and loans together (number.pair_english_words)."""
    q = "How much did banks lend in new loans in Guangyuan last year?"
    assert ask(q).refused
    with switched_off("number.pair_english_words"):
        assert "3700亿元" in ask(q).text


def test_a_year_in_one_ask_and_last_year_in_the_other_compare_two_years():
    """"the target for 2024, and how much did it grow last year": two times asked, each side answered
    (compare.year_and_other_time)."""
    q = "What is the growth target for fixed-asset investment for 2024, and how much did it actually grow last year?"
    _rule_decides(q, "4.2%", "6.5%以上", rule="compare.year_and_other_time")
    # the year a change is measured from is no second time asked
    assert understand("2023年地区生产总值增长多少？比上年提高了多少？").kind != "compare"


def test_an_amount_asked_is_found_past_a_row_telling_a_rise():
    """The 低保 row of the indicator table tells a rise (上调60元); the amount paid out stands further on in the sentence
    (number.table_level)."""
    q = "How much welfare money for low-income people was paid out last year?"
    ans = ask(q)
    assert not ans.refused and "6.55亿元" in ans.text, ans.text
    with switched_off("number.table_level"):
        assert ask(q).refused


def test_an_english_list_question_counting_three_finds_the_three():
    """"Which three … industries": the close sentence that counts three (三大保障性产业) (list.english_count)."""
    with switched_off("list.english_kind"):     # (which finds the sentence listing 产业 too)
        _rule_decides("Which three basic agricultural industries will the city develop?", "粮油、生猪、蔬菜三大保障性产业",
                      rule="list.english_count")


def test_a_paragraph_under_its_own_heading_is_listed_clause_by_clause():
    """"深化重点领域改革。" heads a paragraph of reforms: the heading and the lead clause of each sentence, each cited
    (list.heading_points)."""
    q = "深化重点领域改革具体包括哪些改革？"
    ans = ask(q)
    assert ans.text.startswith("深化重点领域改革[1]：") and len(ans.citations) >= 6, ans.text
    for item in ("深入实施国有企业改革深化提升行动", "深化财税体制改革", "稳步推进殡葬改革", "持续推进集体林权制度改革"):
        assert item in ans.text
    with switched_off("list.heading_points"):
        assert "稳步推进殡葬改革" not in ask(q).text


def test_genre_words_in_english_reach_the_reports_words():
    """General glossary lines of this session: shortages (短缺), newly started/completed (新开工/新竣工), key areas
    (重点领域), tier-3 hospitals (三级医疗卫生机构), anniversary (周年), reserves (储备), conference (大会), health
    commission (卫生健康委), investment climate (投资环境), and "receive" as a framing word (not 就医)."""
    cases = {
        "Which public services are in short supply according to the report?": "优质供给相对短缺",
        "How many projects were newly completed in 2023?": "988个",
        "How many tier-3 hospitals were added in 2023?": "三级医疗卫生机构2家",
        "How much did firms receive through the one-stop scheme for support policies last year?": "67.23亿元",
        "Which anniversary falls in 2024?": "75周年",
        "How large will the city's coal reserves be?": "超400万吨",
        "Which reforms come under deepening reform in key areas?": "稳步推进殡葬改革",
        "Which conference on ancient trees will the city host?": "全国古树名木保护大会",
        "What did the city agree with the provincial health commission?": "川陕甘结合部区域医疗中心",
        "Which national title did the city win for its investment climate?": "中国投资环境质量十佳城市",
    }
    for q, must in cases.items():
        assert must in ask(q).text, q


def test_a_subject_the_best_sentence_leaves_is_answered_by_the_sentence_before():
    """"农村污水和垃圾…": 垃圾 has the best sentence (…无害化处理率达100%), 污水 the one right before it in the
    paragraph (…生活污水有效治理率达75%) (list.every_subject_before)."""
    _rule_decides("农村的污水和垃圾，今年处理到什么程度？", "75%", "100%", rule="list.every_subject_before")



def test_both_sides_of_a_comparison_measure_the_same_kind():
    """"去年消费涨了多少，今年又打算涨多少": the plan's side is a rate (社零增长8%以上), so the review's side is the rate too
    (社零增长5.8%), not the count of promotion events in a closer sentence (compare.same_unit)."""
    _rule_decides("去年消费涨了多少，今年又打算涨多少？", "5.8%", "8%以上", rule="compare.same_unit")


def test_town_and_village_are_answered_by_urban_and_rural_together():
    """城乡 names both sides: a question naming both, "in towns and in the countryside", is answered by
    城乡居民最低生活保障分别上调60元、53元 (terms.urban_rural)."""
    q = "How much was the minimum living allowance raised in towns and in the countryside?"
    ans = ask(q)
    assert "城乡居民最低生活保障分别上调60元、53元" in ans.text and len(ans.citations) == 1, ans.text
    with switched_off("terms.urban_rural"):
        assert ask(q).refused
    # one side named alone is not answered by 城乡: no 2023 urban jobless rate is given
    assert ask("What was the urban surveyed unemployment rate in 2023?").refused


def test_a_rise_of_an_allowance_is_told_in_yuan_or_as_a_rate():
    q = "How much did the monthly minimum living allowance go up for poor families in towns and villages?"
    assert expected_unit(q) is None
    assert "60元" in ask(q).text
    with switched_off("figures.english_money_rise"):
        assert expected_unit(q) == "%"


def test_some_more_than_stands_between_a_figure_and_its_measure_word():
    """"1000余场次" counts 场 (figures.approximate): "多少场" is answered by it, not by "十条措施"."""
    from rag.figures import quantities
    assert [u for _, _, u in quantities("消费促进活动1000余场次", chinese=True)] == ["场"]
    q = "去年的促消费活动，年货节、直播电商节这些，一共办了多少场？"
    ans = ask(q)
    assert "1000余场次" in ans.text and "十条" not in ans.text, ans.text
    with switched_off("figures.approximate"):
        assert "1000余场次" not in ask(q).text



def test_two_asks_wanting_words_are_each_answered_from_their_own_search():
    """"What national conference …, and what cypress-protection project …": each ask gets its own sentence
    (全国古树名木保护大会; 翠云廊古柏群科学保护工程), each cited (asks.two_wordings)."""
    q = "Which national conference on old trees will the city host, and what project will protect its ancient cypresses?"
    _rule_decides(q, "翠云廊古柏群科学保护工程", "全国古树名木保护大会", rule="asks.two_wordings")


def test_subjects_joined_in_a_question_wanting_words_are_each_answered():
    """"Which conferences for aluminium and food": the best sentence names the aluminium one only; each subject is asked
    alone, each cited (asks.conjoined_words). A sentence naming both subjects stays the one answer."""
    q = "Which industry conferences are planned for aluminium and food?"
    _rule_decides(q, "中国西部（广元）食品饮料产业发展大会", "中国绿色铝产业发展大会", rule="asks.conjoined_words")
    both = ask("Which childcare and hospital projects will be built in 2024?")
    assert len(both.citations) == 1 and "市托育综合服务中心" in both.text, both.text


def test_an_ask_wanting_names_beside_an_ask_wanting_a_figure():
    """"Which trains …, and how many a month …": the names (中欧、中老国际班列) and the figure (2列以上) each from its own
    search (asks.words_and_figure)."""
    q = "Which international freight trains does the city run regularly, and how many a month does it aim for?"
    _rule_decides(q, "中欧、中老国际班列", "2列以上", rule="asks.words_and_figure")


def test_a_clause_telling_a_rank_does_not_lend_the_next_clauses_figure():
    """"PM2.5…全省最低，…断面水质优良率保持100%": the report gives PM2.5 a rank, no figure; 100% is the water's
    (number.figure_clause_subject)."""
    rule_refuses("PM2.5浓度平均是多少？", "PM2.5", rule="number.figure_clause_subject")


def test_an_aside_in_brackets_leaves_the_phrase_whole():
    """"general (routine) spending" is the glossary's "general spending" (一般性支出) (english.parenthetical)."""
    q = "How much did the city cut its general (routine) spending last year?"
    _rule_decides(q, "压减7%", rule="english.parenthetical")


def test_ahead_of_schedule_tells_when():
    """"什么时候完成": "提前2个月完成年度目标任务" tells when, against the date it was due (date.ahead_of_time)."""
    q = "省市重点项目去年什么时候完成年度任务的？"
    ans = ask(q)
    assert not ans.refused and "提前2个月" in ans.text, ans.text
    with switched_off("date.ahead_of_time"):
        assert ask(q).refused


def test_a_quoted_count_names_the_counted_list():
    """"What are the 'three guaranteed industries'": the quote mark before the count does not hide it (list.english_count)."""
    q = "What are the 'three guaranteed industries' of farming?"
    with switched_off("english.counted_unquoted"):      # which names 三大保障性产业 unquoted, as the count does
        _rule_decides(q, "粮油、生猪、蔬菜三大保障性产业", rule="list.english_count")


def test_everyday_english_for_test_results_shared_and_trees_on_record():
    """General glossary lines: "recognise each other's test results" is 检查检验结果互认, "on record" is 建档."""
    ans = ask("How many clinics recognize each other's test results now, and for how many kinds of tests?")
    assert "30家" in ans.text and "116项" in ans.text, ans.text
    ans = ask("How many old and famous trees are now on record?")
    assert "11616株" in ans.text, ans.text
    assert "50万人次" in ask("机场去年的客流量有多少？").text      # 客流量: 旅客吞吐量


def test_spoken_emphasis_names_no_topic():
    """"到底涨了多少", "究竟有几个": emphasis, how it is asked, not what about."""
    from rag.search.query import content_terms
    assert "到底" not in content_terms("去年经济到底涨了多少啊？")
    assert "究竟" not in content_terms("新建的学校究竟有几所？")


def test_a_quoted_numbered_name_is_looked_for_as_written():
    """"the '1246' key specialty project": the sentence naming “1246” comes first, not one of 175个重点项目 for
    "key … project"; the report never spells 1246 out, so the answer is a refusal (english.quoted_number_name)."""
    q = "What does the '1246' key specialty project stand for?"
    assert ask(q).refused
    with switched_off("english.quoted_number_name", "english.quoted_slogan"):    # (the latter finds “1246” as written too)
        assert "175个重点项目" in ask(q).text


def test_the_nth_of_slogans_quoted_one_after_another():
    """"三个“一次就把”，第三个是什么": the third of “一次就把情况弄清”“一次就把工作做对”“一次就把事情办成”, quoted alone
    (list.ordinal_quoted)."""
    q = "报告提倡的三个“一次就把”，第三个是什么？"
    ans = ask(q)
    assert ans.text.startswith("“一次就把事情办成”"), ans.text
    with switched_off("list.ordinal_quoted"):
        assert not ask(q).text.startswith("“一次就把事情办成”")


def test_an_english_ordinal_asks_a_member_by_its_place():
    """"What is the fourth of the principles …": 四是… of the 一是…五是 paragraph (list.ordinal_english); "the second
    batch" or "the third plenary session" asks no member."""
    from rag.answer.ordinal import _asked_place
    q = "What is the fourth of the principles the work must stick to?"
    _rule_decides(q, "四是坚持依靠改革开放增强发展内生动力", rule="list.ordinal_english")
    assert _asked_place("Which cities were in the second batch of pilots?") is None
    assert _asked_place("What is the second one?") == (2, "the second")


def test_a_sentence_that_only_counts_the_things_asked_does_not_name_them():
    """"Which four firms …": "4家企业跻身“四川制造业企业100强”" counts them and names none, so the answer is a refusal
    that shows the count (list.counted_not_named); a sentence listing them (粮油、生猪、蔬菜三大保障性产业) still answers."""
    q = "Which four firms got into the top 100 manufacturers of Sichuan?"
    ans = ask(q)
    assert ans.refused and "4家企业" in ans.text, ans.text
    with switched_off("list.counted_not_named"):
        assert not ask(q).refused
    assert "粮油、生猪、蔬菜" in ask("Which three industries is the city focusing on in agriculture?").text
    from rag.answer.listing import counted_not_named
    assert counted_not_named("哪五个项目", "推进“两江四岸”等5个项目") is None
    assert counted_not_named("哪三个方面", "重点抓好三个方面：一是…") is None


def test_everyday_words_for_transport_projects_park_land_and_on_lending():
    """General glossary lines: 交通项目 are airports, railways and expressways; 工业园区 is often just 园区; "on-lending" is
    转贷, not the 贷款 of "lending"; "first stop" is 首站."""
    assert "广元机场改扩建" in ask("今年有哪些交通项目要开工？").text
    assert "3000亩" in ask("今年工业园区打算新扩多少地？").text
    assert "5.32亿元" in ask("How much emergency on-lending went to factories last year?").text
    assert "首站" in ask("When did Xi Jinping visit Sichuan in 2023, and where was his first stop?").text


def test_who_asks_is_no_topic_of_the_question():
    """"I'm a retired teacher. How many schools…": a sentence before an English question saying who asks names no topic
    of the report (english.persona); with it read, 教师 keeps the schools' clause from answering. A sentence before
    the question that names the topic stays."""
    rule_refuses("I'm a retired teacher. How many schools were newly built or expanded?", "69所", rule="english.persona",
                 refused=False)
    from rag.search.query import asked_part
    assert asked_part("Data journalist here: how many projects started?") == "how many projects started?"
    assert asked_part("The report talks about trees. What is done?") == "The report talks about trees. What is done?"


def test_a_later_english_ask_of_no_subject_is_answered_by_a_later_clause_of_the_figure_sentence():
    """"…, and did anyone die?" wants a statement (无人因灾死亡, no figure); "…, and how many were closed out?" a figure
    of the same sentence (办结率100%) (asks.english_after)."""
    rule_decides("How many bouts of heavy rain hit the city, and did anyone die?", "无人因灾死亡", "10轮",
                 rule="asks.english_after")
    rule_decides("How many proposals from CPPCC members were handled, and how many were closed out?", "办结率100%",
                 "204件", rule="asks.english_after")


def test_figures_itemised_before_fen_bie_belong_to_the_listed_subjects_alone():
    """"茶叶、猕猴桃产量分别达到1.95万吨、20万吨，核桃产量稳居全省前列": no tonnage of walnuts is given
    (number.itemised_subjects); tea's still is."""
    rule_refuses("核桃产量是多少吨？", "核桃产量稳居全省前列", rule="number.itemised_subjects")
    assert "1.95万吨" in ask("茶叶产量多少吨？").text


def test_a_named_project_must_stand_in_the_sentence_of_its_figure():
    """The airport expansion (广元机场改扩建) has no investment figure in the report: another figure of money is no answer
    (number.named_subject)."""
    rule_refuses("How much is the total investment planned for the Guangyuan airport expansion?", rule="number.named_subject")


def test_two_subjects_compared_at_one_time_are_two_asks():
    """"How did exports compare with imports last year?": the report gives only the total of both (进出口总额), so the
    comparison is not given; "Did the private sector grow faster than the overall economy" gets both figures
    (compare.two_subjects). Two times compared stay a comparison of years."""
    rule_refuses("How did exports compare with imports last year?", "进出口总额", rule="compare.two_subjects")
    ans = ask("Did the private sector grow faster than the overall economy in 2023?")
    assert "5.7%" in ans.text and "6.2%" in ans.text, ans.text
    from rag.answer.asks import compared_subjects
    assert compared_subjects("How does this year's GDP target compare with last year's growth?") is None
    assert compared_subjects("How many tonnes of tea versus kiwifruit were produced last year?") == [
        "How many tonnes of tea were produced last year?", "How many tonnes of kiwifruit were produced last year?"]


def test_a_year_no_report_speaks_of_is_not_compared():
    """A report tells its year's plan and the year before: 2022 is not in the 2024 report (compare.year_not_covered)."""
    rule_refuses("How did GDP growth in 2023 compare with 2022?", "2022", rule="compare.year_not_covered")


def test_an_english_count_unquoted_asks_the_report_slogan_with_that_number():
    """"Which are the ten carbon-peaking actions?": the report names “碳达峰十大行动” and never lists them
    (slogan.english_unquoted)."""
    rule_refuses("Which are the ten carbon-peaking actions?", "碳达峰十大行动", rule="slogan.english_unquoted")


def test_a_figure_named_in_english_and_what_is_set_aside():
    """"42.5 billion yuan" is 425亿 in the report (english.question_figure); "besides aluminium" is not asked
    (english.except_named)."""
    q = "Besides aluminium, which industries should together reach 42.5 billion yuan of output?"
    assert "425亿元" in ask(q).text, ask(q).text
    for rule in ("english.question_figure", "english.except_named"):
        with switched_off(rule):
            assert "425亿元" not in ask(q).text, rule
    from rag.search.query import report_figures
    assert report_figures("9.816 billion yuan and 1.3 trillion, 3.35 million") == ["98.16亿", "1.3万亿", "335万"]


def test_english_land_possessives_dates_and_outline_headings():
    """"industrial park land" is 园区开发面积; a possessive is whose, not what, is counted (figures.english_possessive);
    开的工 (asks.split_verb) and "go live" date a review event; "main headings" asks the outline."""
    assert "3000亩" in ask("How much new industrial park land is planned this year?").text
    rule_refuses("How many people's congress deputies' suggestions were handled?", "52件", rule="figures.english_possessive",
                 refused=False)
    rule_decides("渔洞河水库是哪一年开的工啊？", "2023年", rule="asks.split_verb")
    assert "2023年" in ask("When did the Guangyuan safety-hazard snapshot system go live?").text
    assert "政治建设" in ask("What are the main headings of the government's self-improvement this year?").text
    assert "180万千瓦" not in ask("What is the capacity of the Longchishan pumped storage project?").text


def test_everyday_words_for_online_services_settlement_and_targets():
    """General glossary lines: available / handled online (网上可办率, 全程网办率), direct settlement (直接结算), sole
    traders (个转企), in one go (一次就把), expected targets (预期目标), workplace safety (安全生产)."""
    assert "98.9%" in ask("What share of government services was available online last year?").text
    assert "95%" in ask("What is the coverage of direct settlement for medical treatment in the province?").text
    assert "250户" in ask("How many sole traders should turn into companies this year?").text
    assert "一次就把" in ask("What does the report promote doing in one go?").text
    assert "6.5%以上" in ask("What are the expected targets for this year?").text
    assert "随手拍" in ask("What did the city do for workplace safety last year?").text


def test_a_sentence_enumerating_as_many_items_as_asked_ranks_first():
    """"报告要求增强哪三种政治能力": the sentence naming three (政治判断力、政治领悟力、政治执行力), not one with more "、" of
    something else (县城空间、产业、生态、…) (list.asked_count_sentence)."""
    from rag import retrieve
    q = "报告要求增强哪三种政治能力？"
    first = retrieve(q, k=2)
    assert "政治判断力、政治领悟力、政治执行力" in first[0].chunk.text
    with switched_off("list.asked_count_sentence"):
        off = next(h.score for h in retrieve(q, k=5) if h.chunk.id == first[0].chunk.id)
    # the sentence counting three gains a clear lead (without the rule it led the next by 0.002 on one install, and
    # trailed it on another)
    assert first[0].score - off >= 0.05 and first[0].score - first[1].score >= 0.05


def test_a_comparison_side_in_words_takes_a_figure_of_the_other_sides_kind():
    """Last year's trade growth is a figure (23.2%); this year's side is then the target's figure (外贸进出口总额增长10%以上),
    not a clause of words (建设加工贸易梯度转移…) (compare.figure_both_sides)."""
    rule_decides("How does this year's foreign trade target compare with last year's trade increase?", "10%以上", "23.2%",
                 rule="compare.figure_both_sides")


def test_how_many_times_asks_a_count_of_times():
    """"How many times in a row…": 七连创 answers (figures.english_times); "how many times" of fairs held, which the
    report does not count, is refused."""
    rule_refuses("How many times in a row has the city won the double-support model city title?", "七连创",
                 rule="figures.english_times", refused=False)
    assert ask("How many times did the city hold investment fairs last year?").refused


def test_what_will_it_cost_asks_an_amount_of_money():
    """"What will the airport expansion cost in total?" asks 元: the report gives the project no cost, so a sentence
    naming it without one is no answer."""
    from rag.figures import english_asks_quantity
    assert english_asks_quantity("What will the new bridge cost?") and not english_asks_quantity("What will it build?")
    ans = ask("What will the Guangyuan airport expansion cost in total?")
    assert ans.refused and "广元机场改扩建" in ans.text, ans.text


def test_a_level_after_a_rise_is_not_the_rise():
    """"上调后每人每月是多少钱" asks the standard reached; the report gives only the rise (分别上调78元、69元), so it
    is refused with that sentence shown (number.level_after_change)."""
    rule_refuses("特困人员供养标准上调后每人每月是多少钱？", "上调78元", rule="number.level_after_change")


def test_a_dimension_after_the_asking_word_is_no_counted_thing():
    """"厂房一共多少面积": 面积 is what is measured; the clause naming 厂房 gives it (21万平方米), not the clause of
    开发面积 (figures.dimension_not_counted)."""
    _rule_decides("新建的标准化厂房一共多少面积？", "21万平方米", rule="figures.dimension_not_counted")


def test_a_share_of_a_whole_asked_after_zhan():
    """"民生支出占一般公共预算支出的多少" asks a share (65%以上), not an amount of money (figures.share_of)."""
    rule_refuses("民生支出占一般公共预算支出的多少？", "65%以上", rule="figures.share_of", refused=False)
    assert expected_unit("城区面积占全市的多少？") == "%" and expected_unit("新区占地多少亩？") != "%"


def test_a_figure_per_head_is_not_the_wholes():
    """"人均GDP" is not 地区生产总值增长6.2%: a figure asked per head is told per head (number.per_head); one the
    report gives per head still answers."""
    rule_refuses("人均GDP去年是多少？", rule="number.per_head")
    assert "4.3%" in ask("城乡居民人均可支配收入增长了多少？").text


def test_a_place_outside_the_region_must_stand_in_the_quote():
    """The report names 成都 (成都大运会, 广供成都) but gives no forest cover of it: 57.9% is Guangyuan's
    (scope.place_elsewhere). The region, its province, and questions the 成都 sentences answer are untouched."""
    rule_refuses("成都的森林覆盖率是多少？", "成都", rule="scope.place_elsewhere")
    assert "成都大运会" in ask("成都大运会的服务保障做得怎么样？").text
    from rag.search.places import places_elsewhere
    assert places_elsewhere("Chengdu forest cover", ["广元市"]) and not places_elsewhere("四川省和广元市", ["广元市"])


def test_an_ordinal_with_its_measure_word():
    """"全国第几口万米深井" asks an ordinal counted in 口 (第二口), not a rank (第2位)."""
    ans = ask("川科1井是全国第几口万米深井？")
    assert not ans.refused and "第二口" in ans.text, ans.text
    assert expected_unit("全国第几口万米深井") == "口"


def test_a_standard_rises_by_yuan_or_by_a_rate():
    """"低保标准每人每月提高了多少": a standard (an amount of money) rises by yuan (上调60元) as by a rate
    (figures.money_rise)."""
    rule_refuses("低保标准每人每月提高了多少？", "上调60元", rule="figures.money_rise", refused=False)


def test_a_county_of_the_region_must_stand_in_the_quote_too():
    """苍溪 is inside Guangyuan ("Cangxi county in Guangyuan"); the city's 6.5%以上 is not its GDP target
    (scope.place_elsewhere), while a question a 苍溪 sentence answers still finds it."""
    rule_refuses("What growth target has Cangxi county set for its GDP this year?", "苍溪", rule="scope.place_elsewhere")
    assert "苍溪县" in ask("Which county became a national ecological civilization demonstration area?").text


def test_a_count_of_areas_of_work_asks_the_outline():
    """"What are the nine areas of work for 2024?" lists the nine headings; "the four points for strengthening the
    government itself" the four under that part (outline.english_counted)."""
    _rule_decides("Name the nine areas of work planned for 2024.", "有效投资关键作用", "现代化产业体系",
                  rule="outline.english_counted")
    _rule_decides("What are the four points on improving the government itself?", "正风肃纪", rule="outline.english_counted")


def test_which_and_a_plural_noun_asks_names_not_an_amount():
    """"Which industries share the output target of 42.5 billion yuan?": names asked (硅基新材料…), not the percent of
    'share' (english.which_names)."""
    rule_refuses("Besides aluminium, which industries share the output goal of 42.5 billion yuan?", "硅基新材料",
                 rule="english.which_names", refused=False)


def test_everyday_words_for_jobs_and_fuel():
    """Genre vocabulary: 找工作 is 就业 (the groups helped: 高校毕业生、农民工…), refined fuel is 成品油, spoken 冒出来 is 新增,
    "were completed" is 办结 or 竣工."""
    assert "高校毕业生" in ask("找工作方面，政府重点帮哪些人？").text
    assert "5.2万立方米" in ask("How much refined fuel storage capacity is planned?").text
    assert "55家" in ask("去年冒出来多少家规上工业企业？").text            # 冒出来: newly added (新培育, 新增)
    done = ask("How many deputies' suggestions did the government handle last year, and how many were completed?").text
    assert "52件" in done and "100%" in done, done                         # completed: 办结 of suggestions, 竣工 of projects


def test_how_much_of_a_whole_asks_a_share():
    """"How much of the central urban area has reached the sponge-city standard?": a share (占中心城区面积的41%), not an area
    (figures.english_how_much_of); "how much of the budget" money words keep their unit."""
    rule_refuses("How much of the central urban area has reached the sponge-city standard?", "41%",
                 rule="figures.english_how_much_of", refused=False)
    assert expected_unit("How much of the budget went to schools?") != "%"


def test_a_programme_lasts_the_years_written_before_its_name():
    """"长江禁渔要禁多少年": 十年禁渔 names its length; "How long is the … action plan" asks years, not 长度
    (figures.programme_years)."""
    rule_refuses("长江禁渔要禁多少年？", "十年", rule="figures.programme_years", refused=False)
    rule_refuses("How long is the school building campaign meant to run?", "三年", rule="figures.programme_years",
                 refused=False)
    from rag.figures import quantities
    assert not quantities("第三年行动", chinese=True) and not quantities("过去一年，全市上下", chinese=True)


def test_a_first_person_preamble_is_no_part_of_the_ask():
    """"I grow tea and kiwis — what output targets …": grow is the asker's work, no growth rate asked
    (figures.english_preamble)."""
    assert expected_unit("Last year GDP grew fast. How many schools were built?") != "%"
    rule_refuses("I grow tea and kiwis — what output targets has the city set for tea and kiwifruit this year?",
                 "1.95万吨", rule="figures.english_preamble", refused=False)


def test_a_review_clause_dates_only_its_own_subject():
    """"哪一年建成全国文明城市": the report only strives for it (积极创建); a review clause telling other things 建成 does not
    date it (date.section_year_subject)."""
    rule_refuses("广元哪一年建成全国文明城市？", "全国文明城市", rule="date.section_year_subject")


def test_a_share_is_no_rate_of_change():
    """"产值占规上工业总产值的几成" is not answered by "实现产值290亿元、增长30%" (number.share_not_change); a share
    said beside a rise still answers."""
    rule_refuses("铝基新材料产业产值占全市规上工业总产值的几成？", "290亿元", rule="number.share_not_change")
    assert "55%" in ask("民营经济占比多少？").text


def test_a_comparative_asked_yes_or_no_compares_two_years():
    """"Did X grow faster or slower in 2024 than in 2023": the year after 'than' is the other side asked, no base year;
    both figures are given (compare.english_choice)."""
    _rule_decides("Is the city's 2024 target for industrial value added higher or lower than in 2023?", "9.3%", "8%以上",
                  rule="compare.english_choice")


def test_a_year_inside_a_name_answers_which_year():
    """"创建韧性城市2030", "排查整治2023行动": a bare year inside a name is the year the name sets (date.year_in_name);
    an amount (2000亿元) is none."""
    rule_refuses("联合国创建韧性城市试点的名称里是哪一年？", "2030", rule="date.year_in_name", refused=False)
    from rag.answer.date import _YEAR_IN_NAME
    assert not _YEAR_IN_NAME.search("资产总额突破2000亿元") and not _YEAR_IN_NAME.search("完成1390.54亿元")


def test_a_district_jieba_knows_is_a_place_the_quote_must_name():
    """利州区 is not in CC-CEDICT but jieba tags 利州 a place: "利州区去年城镇新增就业多少人" is not answered by the
    city's 3.84万人 (places.jieba_counties); 老城区 is no place name, and a 利州 sentence still answers."""
    from rag.search.places import named_places
    assert named_places("利州区去年城镇新增就业多少人？") == ["利州区"] and not named_places("老城区改造了多少个？")
    rule_refuses("利州区去年城镇新增就业多少人？", "利州", rule="places.jieba_counties")
    assert "龙池山" in ask("利州龙池山抽水蓄能项目要纳入什么规划？").text


def test_a_percent_listed_after_a_rise_is_a_rise_too():
    """"税收收入占比多少" is not answered by "城乡居民人均可支配收入分别增长4.3%、7.2%": 7.2% is listed after a rise and
    is one too (number.share_not_change)."""
    rule_refuses("2023年地方一般公共预算收入里税收收入占比多少？", rule="number.share_not_change")


def test_a_comparison_asking_a_figure_needs_one():
    """"How many visitors … last year compared with …": the report says only that visitors and ticket income hit records,
    and a grade (4A级) is no figure, so the comparison is refused with the record shown (compare.figure_asked)."""
    rule_refuses("How many visitors did the 4A-and-above scenic spots receive last year compared with their ticket revenue?",
                 "历史新高", rule="compare.figure_asked")


def test_an_english_ask_naming_only_a_measure_is_about_the_subject_before():
    """"…sanitary toilets this year, and what coverage rate is the goal?": the rate is the toilets' (普及率达97%), in the
    sentence of the count (asks.english_measure_only)."""
    from rag.answer.asks import asks
    q = "How many rural households will get new sanitary toilets this year, and what coverage rate is the goal?"
    assert "97%" in ask(q).text and "2万户以上" in ask(q).text
    assert asks(q)[1].follows            # the glossary now reads 'coverage rate' as 普及率 too; the ask still follows
    with switched_off("asks.english_measure_only"):
        assert not asks(q)[1].follows


def test_what_are_the_n_things_asks_names():
    """"What are the three major investment-attraction campaigns…": names (百日攻坚, 双拼双提, 揭榜攻坚), not the yuan that
    'investment' would ask (kind.english_counted_names)."""
    with switched_off("english.counted_unquoted", "english.investment_work"):     # either names them too now
        _rule_decides("What are the three major investment-attraction campaigns that will lead the city's work in 2024?",
                      "揭榜攻坚", rule="kind.english_counted_names")
    from rag.search.query import understand
    # any city's name, not one report's
    assert understand("What are Yucheng's three major investment campaigns for 2024?").kind == "list"
    # the count quoted, and after a leading phrase
    assert understand("In the plan for the central city, what are the 'three areas' that should grow?").kind == "list"


def test_name_the_n_things_and_counts_past_ten_ask_names():
    """"Name the 48 livelihood projects…" is a list question, and "What are the fifteen hard measures…" counts fifteen
    (十五条): the report only counts them, so each is refused with the count shown (list.english_name_the_n)."""
    rule_refuses("Name the 48 livelihood projects the government completed in 2023.", "48件民生实事",
                 rule="list.english_name_the_n")
    rule_refuses("What are the fifteen hard measures on work safety that the city is implementing?", "十五条硬措施",
                 rule="list.english_name_the_n")
    from rag.answer.listing import counted_not_named
    assert counted_not_named("Name the twelve projects", "推进十二个项目") == "推进十二个项目"
    assert counted_not_named("Name the twelve projects", "推进桥梁、隧道等十二个项目") is None


def test_a_comparison_of_two_years_given_one_side_is_refused():
    """"How did the 2023 urban unemployment rate compare with the 2024 target?": the report gives only the target, so
    the comparison is refused and the target shown (compare.one_side_refused); a comparison naming no two times keeps
    its one side."""
    rule_refuses("How did the 2023 surveyed urban unemployment rate compare with the 2024 target?", "5.5%左右",
                 rule="compare.one_side_refused")
    assert not ask("How does Guangyuan's PM2.5 level compare with the rest of Sichuan?").refused


def test_the_town_side_of_a_pair_takes_the_country_sides_tail():
    """"城市和农村低保各涨了多少": 城市低保 and 农村低保, each risen by yuan (上调60元、53元) (asks.contrast_tail, with
    figures.money_rise: a benefit rises by yuan or by a rate)."""
    from rag.answer.asks import subquestions
    assert subquestions("去年城市和农村低保各涨了多少？")[:2] == ["去年城市低保涨了多少", "去年农村低保涨了多少"]
    from rag.answer.rules import switched_off
    ans = ask("去年城市和农村低保各涨了多少？")
    assert "60元" in ans.text and "53元" in ans.text and "海绵城市" not in ans.text, ans.text
    with switched_off("asks.contrast_tail"):      # 城市 alone finds 海绵城市's 41%
        assert "海绵城市" in ask("去年城市和农村低保各涨了多少？").text


def test_a_quoted_figure_fixes_the_subject_of_the_other_side():
    """"今年技改投资目标增长8%以上，跟去年技改投资的增速比哪个高": the quoted 8%以上 is 技改投资's; last year's side must name
    技改 too, and 外商直接投资's 121.4% does not, so the comparison is refused with this year's side shown
    (compare.quoted_side)."""
    rule_refuses("今年技改投资目标增长8%以上，跟去年技改投资的增速比哪个高？", "技改投资", rule="compare.quoted_side")


def test_the_askers_own_verbs_and_adverbs_are_no_subject_words():
    """"新添了几家三级医院": 新添 (a verb the report never uses) says how the question is spoken, so a sentence holding the
    subject (新增三级医疗卫生机构2家) answers it (number.spoken_words); a noun the report never uses still counts."""
    rule_refuses("去年全市新添了几家三级医院？", "2家", rule="number.spoken_words", refused=False)
    from rag.answer.number import _said_terms
    intent = understand("去年新添了几家三级医院", term_share=lambda t: 0.1 if t in ("三级", "重点项目") else 0.0)
    assert _said_terms(["新添", "三级", "医院"], intent) == ["三级", "医院"]
    assert _said_terms(["投进", "进去", "投进去", "重点项目"], intent) == ["重点项目"]


def test_a_percent_asked_in_words_is_a_rise_not_a_subject():
    """"收入涨了百分之几": 百分之几 asks a percent and 涨 a rise, so "城乡居民人均可支配收入分别增长4.3%、7.2%" answers it
    (terms.percent_asked)."""
    rule_refuses("去年农村居民收入涨了百分之几？", "7.2%", rule="terms.percent_asked", refused=False)


def test_first_place_and_a_rank_asked_with_ming():
    """"位居全省首位" is a rank (figures.first_place); "排第几名" asks a rank, not a count of people (figures.rank_named)."""
    rule_refuses("有机产品认证数量在全省排第几？", "全省首位", rule="figures.first_place", refused=False)
    assert expected_unit("国省干线公路里程数在全省排第几名？") == "位"
    rule_refuses("去年新建改建的国道省道里程在全省排第几名？", "第8位", rule="figures.rank_named", refused=False)


def test_genre_words_for_bridge_loans_routine_spending_and_central_procurement():
    """General glossary lines: a bridge loan is 转贷, routine spending 一般性支出, 集中采购 is 集采."""
    assert "5.32亿元" in ask("去年给企业的应急过桥贷款投放了多少？").text
    assert "7%" in ask("How much was routine spending cut by last year?").text
    assert "50%" in ask("集中采购以后药品价格降了多少？").text



def test_genre_words_for_school_places_resilient_cities_and_feeling_safe():
    """General glossary lines: 上学名额 are 学位; 'resilient-cities' is 韧性城市; 'feel safe' is 安全感."""
    assert "5970个" in ask("去年多出来多少个上学名额？").text
    assert "2030" in ask("Which year is in the name of the UN resilient-cities programme the city joined as a pilot?").text
    assert "10年" in ask("How many years in a row has the city led the province in how safe residents feel?").text


def test_the_region_named_beside_a_place_its_report_never_mentions_is_refused():
    """"去年广元经济增速比绵阳快还是慢": the report never mentions 绵阳, so no sentence of it compares the two
    (scope.other_place_unnamed); a place the report joins to its own (杭广东西部协作) still answers."""
    rule_refuses("去年广元经济增速比绵阳快还是慢？", "绵阳", rule="scope.other_place_unnamed")
    assert not ask("广元去年和杭州的东西部协作到位资金多少？").refused


def test_what_tourism_earned_asks_money_not_a_grade():
    """"How much did tourism earn": money (figures.english_earn), so "4A级…门票收入均创历史新高" (a grade, no sum) is no
    answer."""
    assert expected_unit("How much did tourism earn last year?") == "元"
    with switched_off("figures.english_earn"):
        assert expected_unit("How much did tourism earn last year?") != "元"
    assert ask("How much did tourism earn last year?").refused


def test_a_bare_wan_after_a_verb_of_reaching_is_a_figure():
    """"确保高考本科上线万人以上": 万人 is ten thousand people, the figure asked (figures.bare_wan); 万顺 or 千川 are names."""
    rule_refuses("今年高考考上本科的人数目标是多少？", "万人以上", rule="figures.bare_wan", refused=False)
    from rag.figures import quantities
    assert not quantities("万顺路、千川大道")


def test_genre_words_for_factory_space_rental_flats_and_the_welfare_minimum():
    """General glossary lines: ready-built factory space is 标准化厂房, affordable rental flats 保障性租赁住房, the welfare
    minimum 最低生活保障."""
    assert "20万平方米" in ask("How much ready-built factory space is planned this year?").text
    assert "1640套" in ask("How many affordable rental flats will be started in 2024?").text
    assert "60元" in ask("How much did the welfare minimum go up for city residents last year?").text


def test_a_comparison_with_the_province_needs_a_sentence_naming_the_province():
    """"比四川全省高还是低": the province is the other side, and the report gives only the city's growth, so the answer is a
    refusal showing it (compare.level_side); "居全省第8位" sets the city beside the province and answers."""
    rule_refuses("去年地区生产总值增速比四川全省高还是低？", "全省的对应数字", rule="compare.level_side")
    assert not ask("去年新建改建国省干线公路里程和全省比怎么样？").refused
    from rag.answer.scoped import _LEVEL_SIDE
    # any province, not one report's
    assert _LEVEL_SIDE.search("鹤渚市去年增速比霁川全省高吗") and _LEVEL_SIDE.search("Was it higher than the Jichuan provincial rate?")


def test_an_average_wage_or_pension_asks_a_figure_per_person():
    """"average annual wage", "average monthly pension": a figure per person, as 人均 asks, so a count of people insured
    or newly employed is no answer (number.average_asked)."""
    rule_refuses("What is the average monthly basic pension paid to retirees in the city?", rule="number.average_asked")
    rule_refuses("What was the average annual wage of urban workers in 2023?", rule="number.average_asked")


def test_a_count_of_the_subject_does_not_part_it_from_its_amount():
    """"推动…等84个重点项目尽早竣工投产，确保全年完成投资470亿元以上": 84个 counts the key projects, so it does not stand
    between them and their amount as another subject's figure (figures.count_of_subject)."""
    rule_refuses("今年重点项目打算投多少钱？", "470亿元", rule="figures.count_of_subject", refused=False)



def test_a_list_running_over_two_sentences_of_one_part_cites_both():
    """"What are the two security bases …": the report names them in two headings of one part (…能源安全保障基地。
    …粮食安全保障基地。); the runner-up as close and of the same part is cited too (list.close_runner)."""
    _rule_decides("Which two security bases is the city building for the Chengdu-Chongqing region?", "粮食安全保障基地",
                  "能源安全保障基地", rule="list.close_runner")


def test_lines_or_things_counted_in_a_topic_ask_a_list_not_the_outline():
    """"国际班列都有哪几条线", "为打造绿色铝都要做哪几件事": 条 and 件事 count lines and things as often as parts of a plan;
    a question naming a topic the outline's headings do not name asks the list in its sentence (outline.topic_in_group)."""
    _rule_decides("常态化开行的国际班列有哪几条？", "中欧、中老国际班列", rule="outline.topic_in_group")
    _rule_decides("打造中国绿色铝都今年要干哪几件事？", "西部再生铝贸易中心", rule="outline.topic_in_group")
    assert "九个方面" in ask("今年政府要重点干的九个方面工作分别是啥？").text      # the outline, still


def test_percentage_points_tell_a_change_not_a_rate():
    """"本科上线率提高4.7个百分点": points are a difference of two rates, so the rate itself is not given
    (number.points_are_change); asked as a rise, the points answer."""
    rule_refuses("普通高考本科上线率现在是百分之多少？", "4.7个百分点", rule="number.points_are_change")
    assert "4.7个百分点" in ask("去年本科上线率提高了多少？").text


def test_how_much_money_asks_yuan_whatever_else_is_named():
    """"How much money did the 7% cut save": money is said outright, so the 7% named in the question is no answer
    (figures.english_money_said)."""
    assert expected_unit("How much money did the 7% cut in routine spending save?") == "元"
    rule_refuses("How much money did the 7% cut in general spending save?", "一般性支出压减7%",
                 rule="figures.english_money_said")


def test_a_figure_for_each_household_is_a_figure_per_head():
    """"How much … does each household get": a figure for each one, as per capita asks, so a count of households done
    is no answer (number.each_asked)."""
    rule_refuses("How much subsidy does each household get for fixing a dilapidated rural house?", "1578户",
                 rule="number.each_asked")


def test_which_and_a_count_in_digits_asks_names():
    """"首批国家农业产业强镇是哪4个乡镇": 哪 and a count in digits asks names as 哪四个 does; the report counts the towns and
    names none, so the answer says so (kind.which_digits, list.counted_not_named)."""
    assert understand("首批国家农业产业强镇是哪4个乡镇？").kind == "list"
    rule_refuses("被认定为首批国家农业产业强镇的是哪4个乡镇？", "4个乡镇", rule="kind.which_digits")


def test_above_a_wider_average_asks_a_comparison_with_it():
    """"Is forest coverage above the Sichuan average?": a wider average is the other side; the report gives only the
    city's own rate, so the answer is a refusal showing it (compare.average_side); a sentence setting the city beside
    the province answers."""
    rule_refuses("Is the city's forest coverage above the Sichuan average?", "57.9%", rule="compare.average_side")
    assert not ask("Did cattle, sheep and chicken output grow faster than the provincial average?").refused


def test_a_district_named_in_pinyin_is_a_place_of_its_own():
    """"in Chaotian District": a district of the region, named in pinyin, whose figures the report gives only where it
    names it, so the city's figure is no answer (scope.english_sub_place)."""
    rule_refuses("How many urban jobs were added in Chaotian District last year?", "朝天", rule="scope.english_sub_place")


def test_a_measure_alone_does_not_name_the_subject():
    """"natural gas output" asks the 产量 of 天然气: 粮食产量 holds the measure and none of the subject
    (number.measure_only_cover); 负债总额 is the other side of 资产总额 (number.assets_liabilities)."""
    rule_refuses("What was Guangyuan's actual natural gas output in 2023?", rule="number.measure_only_cover")
    rule_refuses("全市国有企业的负债总额是多少？", "资产总额", rule="number.assets_liabilities")


def test_a_noun_after_how_much_is_the_thing_measured():
    """"How much tea and kiwifruit are they aiming to grow": a noun right after 'how much' is the thing measured, so
    'grow' asks no rate (figures.english_how_much_noun); 'how much did GDP grow' still asks one."""
    rule_refuses("How much tea and kiwifruit are they aiming to grow?", "1.95万吨", rule="figures.english_how_much_noun",
                 refused=False)
    assert expected_unit("How much did GDP grow last year?") == "%"


def test_the_word_before_the_measure_is_the_thing_measured():
    """"铝基新材料产业基金规模有多大": a Chinese compound's head is its last word, so the fund is asked, not the industry whose
    产值350亿元 the report gives; the report names the fund without its size (number.head_noun)."""
    rule_refuses("铝基新材料产业基金的规模有多大？", rule="number.head_noun")
    rule_refuses("林丰铝电去年产值多少？", rule="number.head_noun")
    assert "350亿元" in ask("今年铝基新材料产业产值目标是多少？").text


def test_one_side_is_found_where_the_report_gives_both():
    """农民收入 is worded 农村居民人均可支配收入; the report gives both sides at once as "城乡居民人均可支配收入分别增长4.3%、7.2%",
    which holds it (terms.one_side_in_both)."""
    _rule_decides("去年农民收入涨了多少？", "7.2%", rule="terms.one_side_in_both")


def test_a_figure_the_question_gives_is_not_its_answer():
    """"新增的5970个学位里，幼儿园学位占多少个": the asker gives 5970个 and asks a part of it (number.quoted_not_answer); a
    figure of another subject that happens to be the same is still an answer."""
    rule_refuses("去年新增的5970个学位里，幼儿园学位占多少个？", "5970个", rule="number.quoted_not_answer")
    assert "6.5%" in ask("今年GDP目标6.5%，财政收入目标是多少？").text


def test_an_english_figure_question_without_a_figure_in_the_report_is_refused():
    """"What was the average PM2.5 concentration": the report says only that it was among the province's lowest; the
    question asks the figure, so the answer is a refusal showing that wording (number.english_what_figure)."""
    rule_refuses("What was the average PM2.5 concentration in 2023?", "全省最低", rule="number.english_what_figure")


def test_total_sales_asks_an_amount():
    """"What were total retail sales in 2023?": an amount in yuan, so 社会消费品零售总额增长5.8% is no answer
    (figures.english_absolute); asked how much they grew, it is."""
    assert expected_unit("What were total retail sales of consumer goods in 2023?") == "元"
    rule_refuses("What were total retail sales of consumer goods in 2023?", rule="figures.english_absolute")
    assert "5.8%" in ask("How much did total retail sales grow in 2023?").text


def test_an_english_question_is_dated_by_its_tense():
    """"How many … does the city hope to complete?": no year named, the tense dates it to the plan, not the year
    reviewed (time.english_tense)."""
    _rule_decides("How many provincial model villages of the liveable and beautiful kind does the city hope to complete?",
                  "40个", rule="time.english_tense")


def test_one_quoted_word_is_looked_up_as_the_word():
    """"the three 'staple' farm sectors": a single word in quotation marks is the word itself, so the glossary's
    'staple … sector' (保障性产业) is found (english.quoted_words)."""
    _rule_decides("What are the three 'staple' farm sectors the city wants to expand?", "保障性产业",
                  rule="english.quoted_words")


def test_an_event_named_with_its_year_is_held_that_year():
    """"下一届物流产业发展大会什么时候办": "办好2024年物流产业发展大会" names the year the event is held
    (date.event_year); a day asked is still not told."""
    _rule_decides("物流产业发展大会下一次什么时候举办？", "2024年物流产业发展大会", rule="date.event_year")
    assert ask("物流产业发展大会哪天开？").refused


def test_the_review_dates_the_genre_s_other_events():
    """"深地川科1井是哪一年开钻的", "首届…电商节是哪一年办的": a well spudded and a festival held in spoken words are events the
    review tells, so they happened in the year reviewed (date.section_events); a day asked is still not told."""
    _rule_decides("深地川科1井是哪一年开钻的？", "2023年", "深地川科1井开钻", rule="date.section_events")
    _rule_decides("首届川陕甘直播电商节是哪一年办的？", "2023年", rule="date.section_events")
    assert ask("深地川科1井是几月开钻的？").refused


def test_a_year_inside_a_name_dates_only_its_own_clause():
    """"…颁布施行《海绵城市建设管理条例》，…入围联合国“创建韧性城市2030”试点": 2030 names the programme and does not
    date the regulation in the clause before it (date.name_year_own_clause)."""
    q = "《广元市海绵城市建设管理条例》是哪一年颁布施行的？"
    ans = ask(q)
    assert "2023年" in ans.text and "颁布施行" in ans.text and "2030" not in ans.text, ans.text
    with switched_off("date.name_year_own_clause"):
        assert "2030" in ask(q).text


def test_english_growth_naming_no_subject_is_the_economy_s():
    """"the 2024 growth target … the growth the city achieved": growth with no subject of its own is the economy's
    (english.bare_growth), both sides of the comparison are the GDP clauses."""
    _rule_decides("Is the 2024 growth target higher or lower than the growth the city actually achieved in 2023?",
                  "6.5%以上", "6.2%", rule="english.bare_growth")


def test_more_or_less_frames_a_comparison():
    """"more or less than": CEDICT's 主次 for the phrase is no subject asked (english.framing_phrases)."""
    _rule_decides("Is the growth target more or less than last year's growth?", "地区生产总值",
                  rule="english.framing_phrases")


def test_industrial_and_investment_growth_are_the_headline_indicators():
    """'industrial growth', 'investment to speed up': the genre's headline indicators (规上工业增加值, 固定资产投资),
    on both sides of a comparison of the plan with the year before."""
    text = ask("Is the industrial growth goal for 2024 more or less ambitious than what industry achieved in 2023?").text
    assert "9.3%" in text and "8%以上" in text, text
    text = ask("Does the city expect investment to speed up in 2024 compared with last year?").text
    assert "4.2%" in text and "6.5%以上" in text, text


def test_the_economy_growing_in_spoken_words_is_gdp_growth():
    """"经济一共长了多少": the economy's growth (terms.economy_grew); a qualified economy (民营经济) keeps its own figure."""
    _rule_decides("去年咱们广元的经济一共长了多少？", "6.2%", rule="terms.economy_grew")
    assert "5.7%" in ask("去年民营经济涨了多少？").text


def test_spoken_names_of_the_headline_indicators():
    """兜里的钱 is 人均可支配收入, 买东西花的钱 社会消费品零售总额: spoken names of the genre's indicators."""
    text = ask("去年城里人和农村人兜里的钱各涨了多少？").text
    assert "4.3%" in text and "7.2%" in text, text
    assert "5.8%" in ask("去年大家在商场超市买东西花的钱总的涨了多少？").text


def test_a_measure_asked_alone_measures_the_ask_before():
    """"去年猕猴桃卖了多少钱，产值是多少": 产值 is the kiwi fruit's output value, which the report does not give; the aluminium
    industry's 产值290亿元 is no answer (asks.measure_only_follows)."""
    rule_refuses("去年猕猴桃卖了多少钱，产值是多少？", "猕猴桃", rule="asks.measure_only_follows")
    rule_refuses("渔洞河水库总投资多少，库容多大？", "渔洞河", rule="asks.measure_only_follows")    # not the 仓容 of granaries


def test_a_balance_is_not_answered_by_a_year_s_new_amount():
    """"存款余额和贷款余额各是多少": a balance is a stock; 新增信贷投放150亿元 is a year's new lending (number.balance)."""
    rule_refuses("全市存款余额和贷款余额各是多少？", "存贷款规模", rule="number.balance")


def test_the_names_of_counted_things_are_a_list_asked():
    """"那4家企业叫什么名字": names asked of things the report only counts (kind.names_of_counted), refused showing the
    count; "新增三级医疗卫生机构2家、省级县域医疗卫生次中心2个" is a series of counts, no names of the hospitals the question
    names (list.counts_in_series)."""
    rule_refuses("挤进四川制造业企业100强的那4家企业叫什么名字？", "报告只给出数目", rule="kind.names_of_counted")
    rule_refuses("去年新增的那2家三级医疗卫生机构是哪两家医院？", "报告只给出数目", rule="list.counts_in_series")


def test_a_planned_event_is_dated_by_the_plan_that_tells_it():
    """"广元机场改扩建打算哪一年开工": the plan's clause telling that very event (开工建设广元机场改扩建) dates it to the plan's
    year (date.plan_year); the plan's 前期工作 is no start, nor 开工 a completion, so those stay refused."""
    _rule_decides("广元机场改扩建打算哪一年正式开工？", "2024年", "开工建设广元机场改扩建", rule="date.plan_year")
    assert ask("南苍三高速打算哪一年开工？").refused
    assert ask("广元机场改扩建计划哪一年建成？").refused


def test_a_british_spelling_finds_the_glossary_s_american_key():
    """"specialised and sophisticated firms" is the glossary's "specialized and sophisticated" (专精特新), as a word
    spelt the British way is read in the American spelling a key holds (english.british_spelling)."""
    _rule_decides("How many specialised and sophisticated firms does the city aim to add this year?", "10家以上",
                  rule="english.british_spelling")


def test_a_comparative_of_the_plan_against_the_review_after_than():
    """"Will more … be renovated this year than last?", "expecting … to grow faster or slower than last year": this year's
    plan against last year's result (compare.choice_plan_than_review); "than what it actually achieved in 2023" is the
    other year's figure, no second subject (compare.what_side)."""
    _rule_decides("Will more old residential compounds be renovated this year than last?", "191个", "225个",
                  rule="compare.choice_plan_than_review")
    _rule_decides("Is the government expecting its local budget revenue to grow faster or slower than last year?",
                  "6.5%以上", "11%", rule="compare.choice_plan_than_review")
    _rule_decides("Is the GDP growth goal for this year higher or lower than what it actually achieved in 2023?", "6.2%",
                  "6.5%以上", rule="compare.what_side")


def test_a_count_naming_only_the_kinds_the_question_names_names_nothing():
    """"那4个口袋公园在哪" of "新建“口袋公园”4个", "那5家重点实验室、工程中心叫啥名字" of "新建重点实验室、工程技术研究中心
    等创新平台5家": the report counts the kinds the question names and names none of the things
    (list.kinds_the_question_names)."""
    rule_refuses("去年新建的4个口袋公园都建在哪些地方？", "报告只给出数目", rule="list.kinds_the_question_names")
    rule_refuses("今年新建的5家重点实验室、工程中心具体叫什么名字？", "报告只给出数目", rule="list.kinds_the_question_names")


def test_times_grown_are_answered_by_a_rate_and_trips_are_a_count():
    """"翻了几倍" asks a growth, which 增长121.4% answers (figures.times_grown); 趟 counts trips, so a count of trains is
    not answered by a percentage."""
    rule_refuses("去年外商直接投资比上一年翻了几倍？", "121.4%", rule="figures.times_grown", refused=False)
    ans = ask("中欧班列去年从广元一共发了多少趟？")
    assert ans.refused and "趟" in ans.text, ans.text


def test_a_rate_s_level_is_not_answered_by_its_rise():
    """"天然气入户率现在是多少" is not answered by "力争天然气入户率增长5%以上" (number.rate_level); the plan's rise is still
    the answer to a plan asked."""
    rule_refuses("农村的天然气入户率现在是多少？", "入户率增长5%以上", rule="number.rate_level")
    assert "增长5%以上" in ask("今年天然气入户率打算提高多少？").text


def test_spoken_words_of_the_genre():
    """肥猪 are 生猪 (出栏生猪390.7万头); a hospital "registration" is 挂号 (the noun's verb, register)."""
    assert "390.7万头" in ask("去年全市出栏的肥猪有多少头？").text
    assert "门诊一次挂号管三天" in ask("Which hospital service lets one registration cover three days?").text


def test_an_english_name_of_a_counting_slogan_finds_the_slogan():
    """'three-centre integration' is “三心融合” (三, and 心 means centre), 'double excellent' “双优秀”, 'one bank helps one
    county' “一行（司）帮一县”: the report's slogan with the numerals said, whose pieces mean most of the other words
    (english.numbered_slogan)."""
    _rule_decides("Which three centres does the 'three-centre integration' bring together?", "融媒体中心",
                  rule="english.numbered_slogan")
    _rule_decides("What was the 'double excellent' rating awarded for?", "污染防治攻坚战成效考核",
                  rule="english.numbered_slogan")
    _rule_decides("What is the 'one bank helps one county' campaign?", "金融支持乡村振兴", rule="english.numbered_slogan")


def test_a_quoted_name_the_report_quotes_is_asked_not_the_outline():
    """"“三片”具体是哪几块": 哪几块 reads as an outline question, but the report quotes “三片” (东部城区、西部城区、北部城区
    “三片”), so its parts are asked (outline.quoted_slogan)."""
    _rule_decides("中心城区的“三片”具体是哪几块？", "北部城区", rule="outline.quoted_slogan")


def test_what_kinds_of_asks_a_list():
    """"What kinds of … products are planned" asks the kinds the report lists (积极开发森林、温泉、中医药、水上运动等康养产品),
    not the paragraph's lead (kind.english_kinds_of)."""
    _rule_decides("What kinds of health-and-wellness travel products are planned?", "水上运动",
                  rule="kind.english_kinds_of")


def test_genre_words_for_targets_and_early_work():
    """主要经济指标 are the 主要预期目标; preparatory work is 前期工作 (南苍三、青剑阆高速前期工作达到招商条件)."""
    assert "城镇调查失业率5.5%左右" in ask("今年的主要经济指标都有哪些？").text
    assert "南苍三" in ask("Which expressways need preparatory work to be ready for investors?").text


def test_a_year_asked_of_an_event_the_plan_tells_is_the_plan_s_year():
    """"全国古树名木保护大会哪一年在广元召开": the plan's clause tells that event (承办全国古树名木保护大会), so it is dated
    to the plan's year though no 打算 is said (date.plan_year_asked); a question telling a past event stays with the
    review."""
    _rule_decides("全国古树名木保护大会哪一年在广元召开？", "2024年", rule="date.plan_year_asked")


def test_split_verbs_and_more_events_of_a_day_are_dated():
    """"什么时候开的钻" asks when it 开钻 (asks.split_verb); a campaign launched (启动) is an event the review dates
    (date.section_events)."""
    _rule_decides("深地川科1井是什么时候开的钻？", "2023年", rule="asks.split_verb")
    _rule_decides("信访问题源头治理三年攻坚行动哪年启动的？", "2023年", rule="date.section_events")


def test_how_long_has_asks_a_run_of_years():
    """"How long has the city been rated …" asks years (连续3年), not a length (figures.how_long_has)."""
    q = "How long has the city been rated a top performer in the survey?"
    assert expected_unit(q) == "年"
    with switched_off("figures.how_long_has"):
        assert expected_unit(q) != "年"


def test_by_how_much_raise_asks_a_rise():
    """"By how much does the city hope to raise its budget revenue" asks a rise, told as a rate (增长6.5%以上), not yuan
    (figures.english_raise)."""
    rule_refuses("By how much does the city want to raise its general budget revenue this year?", "6.5%以上",
                 rule="figures.english_raise", refused=False)


def test_sha_is_what_wherever_the_question_is_read():
    """"CPI今年打算控在啥水平": 啥 is 什么 for every reading of the question, not only its kind (asks.colloquial_what)."""
    rule_refuses("今年CPI打算控在啥水平？", "3%左右", rule="asks.colloquial_what", refused=False)


def test_a_figure_quoted_for_last_year_is_no_subject_this_year_must_name():
    """"去年建了26.9万亩高标准农田，今年准备建多少亩": the 26.9 the question quotes is last year's own figure; this year's
    clause (新建和改造提升高标准农田23.4万亩) need not name it (compare.quoted_figure_no_subject)."""
    _rule_decides("去年修了26.9万亩高标准农田，今年打算修多少亩？", "23.4万亩", rule="compare.quoted_figure_no_subject")


def test_city_beside_the_countryside_is_the_urban_side():
    """"How much did city and countryside incomes per person go up": "city" beside the rural side is the urban side, so
    城乡居民人均可支配收入分别增长4.3%、7.2% answers (terms.english_city_side)."""
    rule_refuses("How much did incomes per person go up in the city and countryside?", "4.3%", rule="terms.english_city_side",
                 refused=False)


def test_a_side_set_aside_is_no_side_asked():
    """"deposits on their own, not counting loans": loans are set aside, so the pair's sum (存贷款规模突破3700亿元) does not
    answer the deposits asked (number.pair_set_aside)."""
    rule_refuses("How big are bank deposits by themselves, not counting loans?", "存贷款规模", rule="number.pair_set_aside")


def test_genre_words_for_river_sections_and_promotion_events():
    """Monitored river sections are the 考核断面 (国省考核断面水质优良率保持100%); consumption promotion events are the
    消费促进活动 (1000余场次)."""
    assert "100%" in ask("How clean was the water at the state- and province-monitored river sections last year?").text
    assert "1000余场次" in ask("How many consumption promotion events were held last year?").text


def test_a_thing_set_apart_in_spoken_words_is_not_asked():
    """"不算粮食仓储那些，…物流园项目有哪几个": 不算…那些 sets the granaries apart as 除了…以外 does (asks.except_spoken)."""
    _rule_decides("不算粮食仓储那些，今年要加快推进的物流园项目有哪几个？", "木材物流园", rule="asks.except_spoken")


def test_how_far_a_price_fell_asks_a_rate():
    """"How far did the prices … fall" asks a change (价格降幅分别达50%、70%以上), no distance (figures.how_far_change)."""
    rule_refuses("How far did the prices of centrally procured drugs fall?", "50%", rule="figures.how_far_change",
                 refused=False)


def test_strong_agricultural_towns_are_the_genre_s_industry_towns():
    """"agricultural industry strong towns" are the 国家农业产业强镇 (4个乡镇被认定为首批国家农业产业强镇)."""
    assert "4个乡镇" in ask("How many towns became national agricultural industry strong towns?").text


def test_a_project_named_elsewhere_lends_no_other_project_s_investment():
    """"通威工业硅一期项目总投资": 通威 and 工业硅 stand together in another sentence (加快建设通威工业硅（一期）…), so the
    sentence sharing only 一期 and 投资 (…（一期）等84个重点项目…完成投资470亿元以上) is about other projects
    (number.subject_told_elsewhere)."""
    rule_refuses("通威工业硅一期项目总投资多少钱？", "通威工业硅", rule="number.subject_told_elsewhere")


def test_the_kind_named_before_the_ask_is_the_list_s_kind():
    """"要加快建设的重点水利项目有哪些": the kind (水利项目) stands before 有哪些; the sentence listing projects
    (亭子口灌区、渔洞河水库等项目) answers, not the one counting 300个重点项目 (list.kind_before_ask)."""
    _rule_decides("2024年要加快建设的重点水利项目有哪些？", "亭子口灌区", "渔洞河水库", rule="list.kind_before_ask")


def test_a_quoted_english_name_is_the_report_s_quoted_name_its_pieces_say():
    """'bottle to pipe' is “瓶改管” (瓶 a bottle, 管 a pipe, in whole CC-CEDICT senses); 'ecology + finance + disposal'
    is “生态+金融+处置”, whose sentence comes first though another shares more words (english.quoted_slogan)."""
    _rule_decides("What do 'bottle to pipe' and 'bottle to electric' mean?", "瓶改管", "瓶装液化石油气",
                  rule="english.quoted_slogan")
    _rule_decides("What is the 'ecology + finance + disposal' model?", "信贷服务模式", rule="english.quoted_slogan")


def test_a_quoted_english_phrase_some_words_of_which_a_name_shares_is_no_name():
    """'do it right the first time' is none of the report's quoted names (不服输、敢争先 says 'first' alone in a whole
    sense): the sentence asked stays the one holding the three “一次就把…” (english.quoted_slogan)."""
    q = "What are the three 'do it right the first time' principles the government promotes?"
    assert "一次就把工作做对" in ask(q).text


def test_what_portion_of_an_area_asks_a_share():
    """"What portion of the central urban area": a share (41%), not an area (figures.english_share_of)."""
    q = "What portion of the central urban area now meets sponge-city standards?"
    assert expected_unit(q) == "%"
    rule_refuses(q, "41%", rule="figures.english_share_of", refused=False)


def test_which_with_two_words_before_the_plural_asks_names():
    """"which other key industries … over 42.5 billion yuan": names asked, the figure quoted sets no unit
    (english.which_names_wide)."""
    rule_refuses("Apart from aluminium, which other key industries does the city want to grow to a combined output of "
                 "over 42.5 billion yuan?", "医药健康", rule="english.which_names_wide", refused=False)


def test_should_asks_what_is_due_not_an_outcome():
    """"Which transport projects should actually break ground in 2024?": 'should' says a plan, so the 2024 report's plan
    answers (开工建设广元机场改扩建), not a refusal for want of 2024's outcome (scope.english_should)."""
    rule_refuses("Which transport projects should actually break ground in 2024?", "广元机场改扩建",
                 rule="scope.english_should", refused=False)


def test_a_count_named_with_its_measure_word_names_the_piece_of_a_series():
    """"去年新增的2家三级医院是哪两家": 2家 and 三级 name the piece 新增三级医疗卫生机构2家, which names no hospital
    (list.count_names_thing)."""
    rule_refuses("去年新增的2家三级医院是哪两家？", "具体名单", rule="list.count_names_thing")


def test_a_figure_asked_for_each_county_is_not_the_city_s_one_figure():
    """"每个县区分别要建多少亩": 新建和改造提升高标准农田23.4万亩 is the city's figure, none by county (number.per_place)."""
    rule_refuses("今年高标准农田每个县区分别要建多少亩？", "23.4万亩", rule="number.per_place")


def test_an_english_ask_naming_only_coverage_follows_the_ask_before():
    """"…, and what coverage is targeted?": the coverage of the toilets asked before (农村卫生厕所普及率达97%)
    (asks.english_measure_wide)."""
    _rule_decides("How many sanitary toilets will be built in the countryside, and what coverage is targeted?", "97%",
                  "2万户以上", rule="asks.english_measure_wide")


def test_the_future_tense_alone_asks_the_plan():
    """"How many projects will break ground during the year?": the plan's 开工项目600个以上, not the review's 945个
    (time.english_future_strong)."""
    _rule_decides("How many projects will break ground during the year?", "600个以上", rule="time.english_future_strong")


def test_genre_words_for_oversight_competitions_and_shopping_promotions():
    """Oversight is 监督 or 监管 (舆论监督; 安全监管); sports competitions are 赛事, 锦标赛, 运动会; shopping promotions are
    消费促进活动 (秦巴山区年货节…)."""
    assert "舆论监督" in ask("Besides the people's congress and the CPPCC, what other kinds of oversight does the "
                         "government say it will accept?").text
    assert "柔力球锦标赛" in ask("Which sports competitions did Guangyuan host last year?").text
    assert "秦巴山区年货节" in ask("What shopping promotions were held in 2023 to get people spending again?").text


def test_by_how_much_something_jumped_asks_a_rate():
    """"By how much did foreign direct investment jump": a rise, told as a rate (增长121.4%), though investment is money
    (figures.english_jump)."""
    rule_refuses("By how much did foreign direct investment jump in 2023?", "121.4%", rule="figures.english_jump",
                 refused=False)


def test_hoping_to_asks_the_plan_however_actually():
    """"are they hoping to actually land in 2024": hoped, a plan (力争外商直接投资到位1500万美元), not 2024's outcome
    (scope.english_should)."""
    rule_refuses("How much foreign direct investment, in US dollars, are they hoping to actually land in 2024?",
                 "1500万美元", rule="scope.english_should", refused=False)


def test_passed_spoken_as_guo_is_dated_by_the_review():
    """"复审是哪年过的": 过 is 通过 spoken; the review's 顺利通过国家卫生城市复审 is dated 2023 (date.spoken_passed)."""
    _rule_decides("国家卫生城市复审广元是哪年过的？", "2023年", "通过国家卫生城市复审", rule="date.spoken_passed")


def test_pointing_words_name_no_topic():
    """"那口万米深井深地川科1井是哪年开钻的": 那口, 哪年 and jieba's 井是 are no topic; the review's clause telling 开钻
    dates it (terms.pointing_words)."""
    from rag.search.query import content_terms
    q = "那口万米深井深地川科1井是哪年开钻的？"
    assert not {"那口", "哪年", "井是"} & set(content_terms(q))
    _rule_decides(q, "2023年", "深地川科1井开钻", rule="terms.pointing_words")


def test_stack_up_against_compares_two_times():
    """"How does the 2024 goal … stack up against last year's actual figure?": both years' clauses (compare.english_stack_up)."""
    _rule_decides("How does the 2024 goal for fixed-asset investment growth stack up against last year's actual figure?",
                  "4.2%", "6.5%以上", rule="compare.english_stack_up")


def test_an_ordinal_after_a_scope_is_a_record_not_a_member_asked():
    """"全国第一条标准动货线是哪年建成投用的": 全国第一条 is a record, no list member asked by its place; the review dates
    it (list.ordinal_record)."""
    _rule_decides("听说广元有全国第一条标准动货线，是哪年建成投用的？", "2023年", "标准动货线", rule="list.ordinal_record")


def test_genre_word_for_livelihoods():
    """People's livelihoods are 民生 (一般公共预算民生支出稳定在65%以上)."""
    assert "65%以上" in ask("What share of the city's general budget spending went to people's livelihoods?").text


def test_a_date_is_not_lent_by_a_clause_about_another_thing():
    """"西部再生铝贸易中心啥时候挂牌": the review's 挂牌运营…铝锭贸易中心 lacks 再生铝, which the plan's 挂牌运行西部再生铝贸易中心
    names with the event: no 2023 date for it; "什么时候" of a plan stays unanswered (date.subject_elsewhere)."""
    q = "西部再生铝贸易中心啥时候挂牌"
    assert "2023年" not in ask(q).text
    rule_refuses(q, rule="date.subject_elsewhere")


def test_a_quoted_name_does_not_name_what_is_counted():
    """"新登记开张的公司…多少户": 入选“四川民营企业100强” names a list, not the firms counted; 新登记各类经营主体2.34万户 answers
    (number.quoted_name_not_counted)."""
    rule_refuses("去年新登记开张的公司一共多少户？", "2.34万户", rule="number.quoted_name_not_counted", refused=False)


def test_a_word_the_sentence_never_names_does_not_move_the_figure_away():
    """"盘龙机场…坐飞机的人": 盘龙 (a spoken name of the airport) stands nowhere in the sentence, so the clause naming the
    rest (年旅客吞吐量…50万人次) is still the ask's (number.unnamed_not_common)."""
    rule_refuses("去年盘龙机场坐飞机的人一共多少？", "50万人次", rule="number.unnamed_not_common", refused=False)


def test_a_benefit_rise_with_words_between_is_asked_in_yuan_too():
    """"低保标准城里和农村各涨了多少": the rise of a benefit, in yuan (分别上调60元、53元) (figures.money_rise_wide)."""
    rule_refuses("去年低保标准城里和农村各涨了多少？", "分别上调60元、53元", rule="figures.money_rise_wide", refused=False)


def test_a_context_clause_before_the_ask_lends_it_no_words():
    """"娃儿明年上学，今年要新修扩建几所学校": 娃儿 and 上学 are the asker's story; the asking clause's words find
    新改扩建各级各类学校69所 (asks.context_clause)."""
    rule_refuses("娃儿明年要上学了，今年新修扩建几所学校？", "新改扩建各级各类学校69所", rule="asks.context_clause",
                 refused=False)


def test_a_time_in_the_askers_story_does_not_date_the_ask():
    """"Moving there next year … - what share … forest these days": next year is the asker's move; the ask is of now
    (森林覆盖率达57.9%) (time.asker_context)."""
    rule_refuses("I'm moving there next year and love hiking - what share of the land is covered by forest these days?",
                 "57.9%", rule="time.asker_context", refused=False)


def test_english_event_words_date_a_review_clause():
    """"When did drilling start at …": drilling begun is 开钻, told in the review: 2023 (date.english_events_wide)."""
    _rule_decides("When did drilling start at the Shendi Chuanke 1 deep well?", "2023年", "深地川科1井开钻",
                  rule="date.english_events_wide")



def test_a_change_asked_alone_follows_the_count_before():
    """"集采药品去年有几种？便宜了多少？": 便宜 names no subject of its own; the fall is the drugs', told right after their
    count (…423种、14类，价格降幅分别达50%…), which is no other thing's figure between (asks.change_follows)."""
    _rule_decides("集采药品去年有几种？便宜了多少？", "价格降幅分别达50%", "423种", rule="asks.change_follows")


def test_two_asks_on_one_clause_part_when_one_lacks_its_words():
    """"铝产业…目标是多少？硅基、化工…合起来要到多少？": both found the 425亿元 clause, which lacks 铝产业 and names the
    other ask's words; the first is looked for elsewhere: 产值350亿元以上 (asks.same_clause_elsewhere)."""
    _rule_decides("铝产业今年产值目标是多少？硅基、化工、食品饮料这些别的重点产业合起来要到多少？", "350亿元以上",
                  "425亿元以上", rule="asks.same_clause_elsewhere")


def test_places_named_then_each_asked_is_a_figure_per_place():
    """"高标准农田分到苍溪、旺苍这些县区各建多少亩": a figure for each county; the city's 23.4万亩 is none
    (number.per_place_after)."""
    q = "今年高标准农田分到苍溪、旺苍这些县区各建多少亩？"
    assert "23.4万亩" not in ask(q).text
    with switched_off("number.per_place_after"):
        assert "23.4万亩" in ask(q).text


def test_genre_words_for_businesses_and_running():
    """A sole trader is one of the 经营主体 the report counts; running races are 马拉松 and the like."""
    assert "2.34万户" in ask("去年个体户新登记了多少户？").text
    assert "城市半程马拉松" in ask("今年打算办哪些跑步比赛？").text


def test_a_sectors_target_is_not_its_firms_count():
    """"规上工业今年目标定的多少": 新培育规上工业企业55家 counts firms (规上工业 heads 企业 there); the sector's target is
    规上工业增加值增长8%以上 (number.term_names_things)."""
    _rule_decides("规上工业今年的目标定的是多少？", "8%以上", rule="number.term_names_things")


def test_genre_words_for_star_ratings_group_launches_and_more():
    """Genre words: a provincial star rating is 省星级; group launches are 集中开工; key
    industries 重点产业; food and drink 食品饮料; severe weather 强降雨, 风暴, 干旱; sales promotions 消费促进活动."""
    assert "省星级园区4个" in ask("How many farm parks reached provincial star level in 2023?").text
    assert "945个" in ask("How many projects broke ground in the 2023 group launches?").text
    assert "硅基新材料" in ask("Besides aluminium, which other key industries will the city grow this year?").text
    assert "中国食品产业名城" in ask("What food-and-drink honours did the city receive in 2023?").text
    assert "10轮强降雨" in ask("What severe weather did the city cope with in 2023?").text
    assert "1000余场次" in ask("去年一共办了多少场促销活动？").text


def test_a_planned_rise_from_last_years_level_compares_the_two_years():
    """"By how much is … output supposed to rise from its 2023 level?": the level reviewed (产值290亿元) beside the plan's
    (产值350亿元以上) (compare.english_rise_from)."""
    _rule_decides("By how much is output of the aluminium industry supposed to rise from its 2023 level?", "350亿元以上",
                  "290亿元", rule="compare.english_rise_from")


def test_a_place_paired_with_the_region_is_named_by_joined_characters():
    """"杭州对口帮扶广元…多少钱": 杭广东西部协作 names 杭州 beside 广元 by their first characters (terms.joined_place)."""
    rule_refuses("杭州对口帮扶广元，去年实际给了多少钱？", "2.56亿元", rule="terms.joined_place", refused=False)


def test_a_figure_before_de_describes_the_thing_after_it():
    """"静态存煤今年争取存到多少": 静态储备75万吨的中煤…储备基地项目 describes one project; the reserve asked is
    力争静态煤炭储备超400万吨 (figures.attributive_figure)."""
    _rule_decides("今年静态存煤争取存到多少？", "400万吨", rule="figures.attributive_figure")



def test_a_subject_told_apart_with_a_rate_is_not_among_the_itemised():
    """"医疗保险参保的有多少万人": 养老、工伤、失业保险参保分别覆盖188万人… gives those three; 医疗保险 stands apart with a rate
    (参保率达98%), no head count (number.itemised_other_unit)."""
    rule_refuses("医疗保险参保的一共有多少万人？", rule="number.itemised_other_unit")


def test_slogans_named_one_numeral_each_are_a_run_in_one_sentence():
    """'one core' and 'three areas' are no slogan of their own numerals and words, but one sentence quotes one-numeral
    slogans in that order (市主城区“一核”…北部城区“三片”), and no other does (english.slogan_run)."""
    _rule_decides("What do 'one core' and 'three areas' stand for in the city layout?", "东部城区", "“一核”",
                  rule="english.slogan_run")
    _rule_decides("What is meant by the 'one core, three areas' of the central city?", "北部城区", rule="english.slogan_run")


def test_the_one_of_a_one_plus_slogan_is_its_first_place_thing():
    """The '1' of “1+3+3” asked alone is the 首位产业 the slogan's sentence names, though the report never spells the
    slogan out; the slogan asked whole is still refused (slogan.first_member)."""
    rule_refuses("In the '1+3+3' industrial system, which industry is the 'number one'?", "铝基新材料首位产业",
                 rule="slogan.first_member", refused=False)
    assert ask("What is the '1+3+3' system?").refused


def test_a_lead_telling_what_people_say_counts_no_people():
    """"People keep mentioning … - what's the '1'": the people talk, none are counted (figures.english_hearsay)."""
    q = "People keep mentioning the city's '1+3+3' industrial system - what's the '1' at the top of it?"
    assert expected_unit(q) != "人"
    with switched_off("figures.english_hearsay"):
        assert expected_unit(q) == "人"


def test_the_head_noun_of_an_english_list_question_is_the_kind_listed():
    """"Which industrial projects …": the sentence naming projects (美宝高端硅基材料、…等50个项目实现开工), not the one counting
    them (开工项目600个以上) (list.english_kind)."""
    _rule_decides("Which industrial projects are slated to break ground in 2024?", "美宝高端硅基材料",
                  rule="list.english_kind")


def test_a_when_clause_before_the_question_word_asks_no_date():
    """"When the report talks about …, what does it mean?": the ask follows the comma (date.when_leads_clause); "When
    will …, and …" still asks a date."""
    rule_refuses("When the report talks about 'one core, three areas' for the central city, what does it mean?",
                 "北部城区", rule="date.when_leads_clause", refused=False)
    assert "具体时间" in ask("When will the airport expansion start, and how much will it cost?").text


def test_how_many_straight_years_asks_a_run_of_years():
    q = ("For how many straight years has Guangyuan been rated an outstanding city in Sichuan's 'hundred-day' "
         "manufacturing investment drive?")
    assert expected_unit(q) == "年"
    assert "连续3年" in ask(q).text
    with switched_off("figures.straight_years"):
        assert expected_unit(q) != "年"


def test_an_amount_asked_is_the_one_further_on_when_the_first_clause_tells_a_change():
    """"How much allowance money was paid out": not 最低生活保障分别上调60元 (a rise) but 发放低保资金6.55亿元 further on in
    the sentence; 低保标准 (a level the report never gives) is still refused (number.level_further_on)."""
    rule_refuses("Could you tell me how much subsistence allowance money was paid out and to how many people in need?",
                 "6.55亿元", rule="number.level_further_on", refused=False)
    assert ask("城市低保标准每月是多少钱？").refused


def test_installed_capacity_is_one_measure_not_a_thing():
    """装机规模 is installed capacity: the thing measured is 燃机工程 (2×70万千瓦广元燃机工程) (number.measure_compound)."""
    rule_refuses("四川能投那个广元燃机工程装机规模有多大？", "2×70万千瓦", rule="number.measure_compound", refused=False)


def test_how_many_points_asks_a_rate():
    """几个百分点 and the spoken 几个点 ask a rate, not a list or a count (kind.points_asked, figures.spoken_points)."""
    assert understand("今年政府一般性支出要压减几个百分点？").kind == "number"
    with switched_off("kind.points_asked"):
        assert understand("今年政府一般性支出要压减几个百分点？").kind == "list"
    assert expected_unit("广元去年GDP涨了几个点？") == "%"
    assert "6.2%" in ask("广元去年GDP涨了几个点？").text
    with switched_off("figures.spoken_points"):
        assert expected_unit("广元去年GDP涨了几个点？") != "%"


def test_spending_is_not_answered_by_revenue():
    """A budget's spending asked is not its revenue (地方一般公共预算收入68.12亿元), and revenue still is
    (number.spending_verbs)."""
    q = "How much did Guangyuan spend in total from its general public budget in 2023?"
    rule_refuses(q, rule="number.spending_verbs")
    assert "68.12亿元" not in ask(q).text
    assert "68.12亿元" in ask("How much revenue did the general public budget collect last year?").text


def test_a_measure_of_a_thing_the_report_never_names_has_no_figure():
    """'hydrogen production capacity': the report never says 氢, so 天然气年产能达65亿立方米 is no answer
    (number.english_unsaid_subject); natural gas capacity is answered."""
    rule_refuses("How much hydrogen production capacity does Guangyuan plan to build?", "65亿立方米",
                 rule="number.english_unsaid_subject")
    assert "65亿立方米" in ask("How much natural gas production capacity will Guangyuan have?").text


def test_a_measures_target_asks_a_figure():
    """'What sales target has the city set for new energy vehicles': a figure, which the report does not give
    (kind.english_measure_target)."""
    q = "What sales target has the city set for new energy vehicles in 2024?"
    assert understand(q).kind == "number"
    assert ask(q).refused
    with switched_off("kind.english_measure_target"):
        assert not ask(q).refused


def test_areas_asked_of_a_named_work_are_the_items_before_it():
    """"安全监管重点盯哪些行业领域": 加强矿山、危险化学品、…、人员密集场所等安全监管 lists them (list.areas_of_named)."""
    _rule_decides("今年安全监管重点盯哪些行业领域？", "人员密集场所", rule="list.areas_of_named")


def test_which_two_asks_a_slogans_parts():
    """"“双拼双提”是哪两拼哪两提": the parts asked, which the report never spells out (slogan.which_two)."""
    rule_refuses("招商引资“双拼双提”是哪两拼哪两提？", "“双拼双提”的具体含义", rule="slogan.which_two")


def test_genre_words_of_the_twenty_third_session():
    """Trade growth is 外贸进出口; 'basic guarantee' industries are 保障性产业; disaster deaths 因灾死亡; a convenience
    service may be a 惠民服务; an annual meeting of an economic association 经联会…年会; 经济盘子 is the economy (GDP);
    one-stop online government services are 一网通办, bulk procurement 集采, a basic living allowance 低保."""
    assert "10%以上" in ask("How much foreign direct investment does Guangyuan want to attract in 2024, and what is the "
                          "trade growth goal?").text
    assert "蔬菜" in ask("What are the three 'basic guarantee' farm industries the city says it will develop?").text
    assert "10轮强降雨" in ask("What hazards did Guangyuan deal with in 2023 without any disaster deaths?").text
    assert "门诊一次挂号管三天" in ask("What's the outpatient convenience service Guangyuan's hospitals introduced where "
                                 "you only register once?").text
    assert "第34届年会" in ask("Which annual meeting of the Shaanxi-Gansu-Sichuan-Ningxia neighbouring regions economic "
                           "association will be held in 2024?").text
    assert "6.2%" in ask("去年广元整个经济盘子比前年长了几个点？").text
    assert "三年行动" in ask("How long is the 'one-stop online government services' campaign the city is running?").text
    assert "423种" in ask("How many kinds of drugs are bought through bulk procurement?").text
    assert "6.55亿元" in ask("How much basic-living allowance was paid out, and to how many needy people?").text


def test_an_english_change_asked_after_a_count_is_of_its_subject():
    """"How many kinds of drugs …, and how much cheaper did they get": the fall told after the count (价格降幅分别达50%)
    (asks.english_change_follows)."""
    _rule_decides("How many kinds of drugs are bought through bulk procurement, and how much cheaper did they get?",
                  "50%", "423种", rule="asks.english_change_follows")


def test_a_level_after_a_change_asked_in_english_is_no_change():
    """"After the increase, what is the monthly … standard per person": a level per person (kind.english_per_unit), asked
    after a lead clause (number.english_what_after_lead): the report gives only the rise (上调60元), so no figure answers."""
    q = "After the increase, what is the monthly urban minimum living allowance standard per person?"
    assert ask(q).refused
    for rule in ("kind.english_per_unit", "number.english_what_after_lead"):
        with switched_off(rule):
            assert not ask(q).refused, rule


def test_a_benefits_rise_is_not_answered_by_counts():
    """"By how much will basic pensions … be raised": yuan or a rate, not 完成“个转企”250户以上 (number.money_rise_no_count)."""
    rule_refuses("By how much will basic pensions for retired enterprise employees be raised in 2024?",
                 rule="number.money_rise_no_count")


def test_a_comparison_side_names_the_subject_not_only_the_measure():
    """"广元去年GDP增速多少？今年定的目标呢？": last year's side is 地区生产总值增长6.2%, not 贷款增速高于存款增速, which shares
    only the measure (compare.subject_over_measure)."""
    rule_decides("广元去年GDP增速多少？今年定的目标呢？", "6.2%", rule="compare.subject_over_measure")


def test_genre_words_of_the_twenty_third_session_two():
    """A window for subsidies is 一站式; business support policies 惠企政策; volume and quality 量质双提升; pushing forward
    together 协同推进; outside capital 市外资金; reconstruction and expansion 改扩建; 客流 旅客吞吐量; afforested 营造林;
    medical care with elderly care 医养结合; congress deputies' and CPPCC members' proposals 人大代表建议, 政协委员提案."""
    assert "67.23亿元" in ask("给企业的各种优惠补贴一个窗口兑现，去年一共发了多少钱？").text
    assert "67.23亿元" in ask("How much cash did companies receive last year through the one-stop redemption of business "
                            "support policies?").text
    assert "能源化工" in ask("Apart from aluminium, which industries improved in both volume and quality in 2023?").text
    assert "扩绿" in ask("For building a 'beautiful Guangyuan', which four things will it push forward together?").text
    assert "13.68%" in ask("How much outside-the-city capital actually arrived in 2023, and how fast did it grow?").text
    assert ask("What's the total investment for the Guangyuan Airport reconstruction and expansion project?").refused
    assert "50万人次" in ask("广元机场去年客流有多少？").text
    assert "52.27万亩" in ask("How much land was afforested or reforested in 2023?").text
    assert "朝天区" in ask("Which district became a national pilot zone for combining medical care with elderly care?").text
    assert "204件" in ask("How many proposals from people's congress deputies and CPPCC members were dealt with last "
                        "year?").text



def test_deep_earth_is_shendi():
    """Deep earth is 深地 (深地川科1井)."""
    assert "万米科探井" in ask("What exactly is Deep Earth Chuanke Well No. 1?").text


def test_what_a_place_wants_is_its_plan_however_actually_asked():
    """'How much FDI does the city want to actually receive in 2024': what a place wants is its plan, not an outcome the
    plan's report cannot give (scope.english_want)."""
    rule_refuses("How much foreign direct investment does Guangyuan want to actually receive in 2024?", "1500万美元",
                 rule="scope.english_want", refused=False)


def test_a_persona_set_off_by_a_dash_names_no_topic():
    """"I'm a student - …": who asks, set off by a dash, lends no word (大学生) to the search (english.persona_dash)."""
    _rule_decides("I'm a student - is '三心融合' about three kinds of centres? Which ones?", "融媒体中心",
                  rule="english.persona_dash")


def test_a_comparison_naming_no_time_sets_two_things_side_by_side():
    """Urban versus rural, no time named: the one sentence telling both (城乡…分别上调60元、53元), not last year beside
    this year (compare.sides_no_time)."""
    _rule_decides("By how much were subsistence allowances raised for urban versus rural residents?",
                  "60元", "53元", rule="compare.sides_no_time")


def test_segments_are_counted_and_paired_heads_are_joined():
    """几段 asks a count (figures.segments_counted); 主干道和次干道 are written 主次干道 (terms.paired_heads)."""
    assert expected_unit("去年改了几段路？") is not None
    with switched_off("figures.segments_counted"):
        assert expected_unit("去年改了几段路？") is None
    rule_refuses("城区的主干道和次干道去年改了多少条？", "18条", rule="terms.paired_heads", refused=False)


def test_a_count_after_a_one_character_verb_is_no_list():
    """"今年要开几条…线路": 开几条 asks a count; the report plans the routes with no number, so it is refused, not listed
    (kind.count_after_verb)."""
    rule_refuses("今年要开几条“点对点”跨省高铁快运线路？", "高铁快运", rule="kind.count_after_verb")


def test_lao_ji_is_the_spoken_rank():
    """排老几 is 排第几 (asks.spoken_rank)."""
    _rule_decides("田长制考核在全省排老几？", "全省第一", rule="asks.spoken_rank")


def test_one_verb_of_a_topic_in_a_heading_makes_no_outline():
    """"…推进前期工作的高速是哪几条": 推进 stands in a plan heading, the topic does not (outline.topic_most)."""
    _rule_decides("今年推进前期工作的高速公路是哪几条？", "南苍三", rule="outline.topic_most")


def test_consumer_prices_are_a_rate():
    """'consumer price rises': an index told as a rate, not 元 (figures.consumer_prices)."""
    assert expected_unit("What is this year's target for consumer prices?") == "%"
    with switched_off("figures.consumer_prices"):
        assert expected_unit("What is this year's target for consumer prices?") != "%"
    _rule_decides("What are this year's targets for the surveyed urban unemployment rate and consumer price rises?",
                  "3%左右", "5.5%左右", rule="figures.consumer_prices")


def test_three_major_actions_and_investment_work():
    """'three major actions' is 三大行动, written without quotes (english.counted_unquoted); 'investment promotion' is
    招商, no amount of money (english.investment_work)."""
    _rule_decides("The investment promotion push rests on 'three major actions' - name them.", "揭榜攻坚",
                  rule="english.counted_unquoted")
    rule_refuses("Investment promotion rests on 'three major actions' - what are they?", "揭榜攻坚",
                 rule="english.investment_work", refused=False)


def test_when_in_a_telling_sentence_asks_no_date():
    """'My nephew had no job when he left college. What share …?' (date.when_in_statement)."""
    rule_refuses("My niece finished university in 2023 and had no job when she left. What share of graduates like her "
                 "did the city help into work?", "92.7%", rule="date.when_in_statement", refused=False)


def test_a_place_in_the_askers_story_is_not_asked_of():
    """'I drive trucks between Guangyuan and Chongqing. …Guangyuan port…' (scope.place_in_story)."""
    rule_refuses("I drive trucks between Guangyuan and Chongqing. By how much did cargo handled at Guangyuan port grow "
                 "last year?", "58%", rule="scope.place_in_story", refused=False)


def test_apostrophes_open_no_quotation_and_slashes_split_names():
    """"what's this 'bottle to pipe' change" quotes 'bottle to pipe' (english.apostrophe_not_quote); 'A / B' names
    two (english.slash_names)."""
    _rule_decides("what's this 'bottle to pipe' change I'm hearing about?", "瓶改管", rule="english.apostrophe_not_quote")
    _rule_decides("Cafe owner: what's the 'bottle to pipe / bottle to electric' switch?", "瓶改管",
                  rule="english.slash_names")


def test_you_sha_before_a_kind_asks_a_list_of_it():
    """"有啥体育比赛": things of that kind, the sentence listing …等赛事 (list.kind_what)."""
    _rule_decides("今年广元有啥体育比赛可以参加？", "半程马拉松", rule="list.kind_what")


def test_paired_heads_need_a_real_shared_tail():
    """"吃的喝的", "比上年多了多少" pair no heads (terms.paired_heads)."""
    from rag.search.query import content_terms
    assert not any("|" in t for t in content_terms("广元在吃的喝的这块，去年拿了哪些国字号的名头？"))
    assert not any("|" in t for t in content_terms("2023年一共放了多少？比上年多了多少？"))
    assert "主干道|次干道|主次干道" in content_terms("城区的主干道次干道去年改了几段路？")


def test_a_balance_asked_in_english_is_a_figure_of_its_side():
    """'the loan balance': a figure of loans; 存贷款规模 is deposits and loans together, so it is refused
    (kind.english_balance)."""
    rule_refuses("What was the outstanding loan balance at the end of 2023?", "3700亿元", rule="kind.english_balance")


def test_how_wide_a_coverage_is_a_share():
    """覆盖面有多宽: a share (覆盖面…达95%、90%), not a length (figures.coverage_width)."""
    rule_refuses("跨省异地就医直接结算的医药机构覆盖面有多宽？", "90%", rule="figures.coverage_width", refused=False)


def test_what_a_numbered_slogan_covers_is_its_members():
    """'What does the "nine capabilities improvement" drive cover?': its members, which the report never spells out
    (slogan.english_cover)."""
    rule_refuses("What does the 'nine capabilities improvement' drive cover?", "九大能力提升", rule="slogan.english_cover")
