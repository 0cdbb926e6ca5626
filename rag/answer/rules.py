"""The rules by name, each of which can be switched off to measure what it does (python -m eval.refusals).

A rule switched off lets the answerer go on as if its check had passed, or (an allowance or a question-form
rule) as before the rule existed; nothing else changes. The switch itself is rag.switches.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rag.switches import off, on

__all__ = ["ALLOWANCES", "RULES", "on", "switched_off"]

# name → what the rule refuses (the closing note and eval/README.md give each one's measured effect)
RULES: dict[str, str] = {
    "support": "no sentence speaks to the question: under half its words, and not vouched for by the embedder",
    "support.no_topic": "the question names no topic of the report (similarity alone does not answer it)",
    "support.english_dictionary": "an English question known only through the dictionary needs two report words",
    "year": "the sentences that speak to the question are about another year than the one asked",
    "date": "a when-question whose sentences hold no date near its subject",
    "slogan": "a numbered slogan the report names but never spells out",
    "number.figure": "a figure is asked and no sentence that speaks to the question has one of the asked kind",
    "number.coverage": "a sentence lends its figure to an ask only if it holds half the ask's words",
    "number.rare_subject": "a sentence without any of the ask's rare subject words (中煤, 燃煤) does not lend its figure",
    "number.owner": "the figure belongs to another item of the clause, another counted thing, or stands past another figure",
    "number.direction": "a rise is not answered by a fall (增加值…长多少 by 能耗…下降10%), nor a fall by a rise",
    "number.period": "a year's figure is not answered by a figure of several years (五年累计, 年均, 三年来)",
    "number.figure_after_subject": "a figure in a clause before the one naming the subject is not its figure: "
                                   "the genre names the subject, then its figure (游客5320万人次…，望潮港货物吞吐量…稳步增长)",
    "number.things_named": "the figure's clause must name a thing the ask names, not only its verb of doing (新增了多少个"
                           "普惠托位 is not answered by 新增三级医院2家)",
    "number.share_base": "a figure is not the subject's when the subject stands only as the whole of a share "
                          "(民营经济增加值占地区生产总值比重58.4% for 地区生产总值是多少)",
    "number.own_subject": "a figure is not the ask's when the ask's rare subject word stands in another clause and the "
                          "figure's clause names a subject of its own (空气质量…优良天数比例 by 断面水质优良率保持100%)",
    "number.span_names_subject": "the quoted clauses must name one of the ask's words: a heading alone does not make a "
                                 "sentence's figure the ask's (民生实事 by 承办…赛事活动2个 under a 民生 heading)",
    "number.contrast_pair": "an ask naming one side of a pair (城镇/农村, 进口/出口, 存款/贷款, 货物/旅客) is not answered "
                            "by a clause "
                            "naming only the other (城镇居民…收入 by 农村居民人均可支配收入21940元)",
    "number.level_not_change": "a level asked (低保标准每月是多少钱) is not answered by a change (分别上调60元): a figure "
                               "right after a verb of rising or falling answers only a question asking a change",
    "number.stock": "a total (一共有) is not answered by the newly added (新培育55家)",
    "scope.unknown_place": "a question naming a place of China (CC-CEDICT's cities, provinces, counties) and no region of "
                           "the corpus, where no report in scope mentions that place (巴中去年财政收入, 'Mianyang's GDP'), "
                           "is refused: the reports' figures are their own regions'",
    "number.one_apart": "one item asked alone (alone, 单独, 光是) is not answered by one sum of several listed items",
    "elsewhere_worded": "several reports: an answer by similarity alone while the asked word stands only in another report",
    "slogan.meaning_asked": "a slogan's meaning asked in words that read as a figure or a plain question (…里的1、2、4、6分别代表"
                            "什么; What do the four numbers in the '1345' strategy stand for?) is refused as any unexplained "
                            "slogan is",
}

# allowances and question-form rules, switched off the same way
ALLOWANCES: dict[str, str] = {
    "wording": "a question word the reports never use is matched to the report words the embedder holds closest",
    "asks.completed": "each ask of a question gets back the words it shares with the others (A和B的C, …，B呢)",
    "figures.share": "多大比例 / 比重是多少 / 占多少 ask a percentage",
    "scope.year_reports": "an explicit year Y is answered by reports Y and Y+1 only",
    "slogan.asked_one": "only the slogan in the clause asked about must be spelled out; a slogan of one thing (“一核”) "
                        "is named by the words just before it",
    "asks.own_terms": "of two asks in one question, each first tries the sentences naming what sets it apart (治理率 / 处理率)",
    "asks.time_only": "an ask naming only a predicate and its base year (“比上年增长多少”) asks about the previous ask's subject",
    "asks.each_before": "“A和B这两块，分别…”: the subjects of 分别 stand in the clause before it",
    "slogan.english_quotes": "an English question names a slogan in '…' or \"…\"",
    "figures.english_size": "how long/wide/high/far ask a length, how heavy a weight, how large an area (when about land), "
                            "how many days/hours/years a duration",
    "date.year": "an English 'which year' asks a date, and a year answers it",
    "figures.english_head": "an English question's unit is read first from the words it asks about (what is the X / how much X)",
    "slogan.parts": "a slogan is spelled out by items after its colon (“三个率先”：…) or by its parts, each spelled out "
                    "(…中心城区“一核”，…“两翼”); the 、 inside its own quotes is none of its items",
    "slogan.namely": "a slogan (or each of its parts) followed by 即 / 是指 / 包括 is spelled out (“一圈”是指…，“两廊”是指…)",
    "slogan.in_a_list": "a slogan with a 、 right after it is an item of a list, whose other items are not its own "
                        "(…建设“一城三区”、谱写…篇章)",
    "slogan.plan_period": "“十五五” names a plan period, no slogan to spell out",
    "outline.named_heading": "an outline question naming a heading (重点工作, 工作回顾, 政府自身建设) lists the items under it",
    "list.kind": "a list question asking for things of a kind (哪几个园区基地, 哪些体育比赛) is answered by a sentence listing "
                 "things of that kind (…物流园、…物流基地; …等赛事), when one is nearly as close as the best",
    "outline.counted_areas": "a question naming no topic but its place (浛阳县今年主要抓哪几块工作), in a report without numbered "
                             "plan sections, is answered by the sentence counting and naming the year's work areas",
    "english.chinese_words": "Chinese written into an English question (what does \"民生提质攻坚\" mean) is looked for as it stands",
    "english.frame_kind": "an English question naming a money or rate word outside its frame ('Which honour…') is no number question",
    "asks.conjoined": "“A和B…是多少” / 'What were A and B?' without 分别 asks A and B, when each finds a figure of its own",
    "scope.plan_is_no_outcome": "a year's outcome asked of reports where only that year's plan speaks: refused, the target "
                                "offered as related wording (2025年外贸增长了多少 when the 2026 report is silent); and a "
                                "year's target asked where only the next report's review speaks, the other way round",
    "scope.named_report": "a question names a report by its year in any wording (“2025年的报告里”, “2026年报告说”, "
                          "'Yunzhou's 2026 government work report'): that report alone answers it",
    "figures.topic_family": "a size asked by its topic (面积, 里程, 'area', 'km') is answered in any unit of its family "
                            "(平方米 as well as 亩, 米 as well as 公里)",
    "figures.predicate_clause": "a clause that is only a predicate and its figure (“…286.7亿元，增长6.3%”) goes on with "
                                "the subject of the clause before it",
    "terms.question_form": "the asking phrase (多长时间, 多大面积, 排第几) and function words (那个, 并且, 以外: jieba's "
                           "pronouns, conjunctions, prepositions, localizers) name no subject of the question",
    "figures.chinese_level": "a level in Chinese numerals with its magnitude and unit (突破千亿元, 迈上万亿元台阶, 百万人次) "
                             "is a figure",
    "figures.ordinal_is_a_name": "an ordinal (第19届…博览会, 第二批) names an item: standing between a subject and its "
                                 "figure, it does not part them as another figure would",
    "number.rare_whole_words": "the rare-subject check counts words, not jieba's parts of one word (工业园 and 工业园区 are "
                               "one subject: a sentence on 园区 may answer it)",
    "figures.indefinite_batch": "一批 (办好一批实事, 培育一批企业) is \"a number of\", no count; 第一批 is an ordinal",
    "figures.every_target_clause": "a question asking no amount (建筑业今年有啥目标) is answered with each following clause "
                                   "that names its subject again with a figure (…企业30家以上，建筑业产值增长7%以上)",
    "figures.english_how_many": "'how many X share/rate…' asks a count: a rate word after 'how many' asks a percent only "
                                "as 'percent'",
    "year.horizon": "a year after a report's own (到2030年) is answered by its sentence naming that year outright",
    "figures.rank": "排第几 / 第几位 asks a rank: 第2位 or 第三位 answers it, not another figure of the sentence",
    "figures.english_measure_is_no_meaning": "'What is the installed … capacity?' asks a measure (千瓦, 公里, 亩…), "
                                             "answered as a figure, not by quoting a sentence as a meaning",
    "english.typography": "an English question typed with typographic quotes and dashes (’ “ ” –) reads as one typed "
                          "with plain ones ('Mianyang–Cangxi' no longer makes 'How long is…' a Chinese question)",
    "terms.colloquial_what": "啥 is the spoken 什么: “1345”具体指的是啥 asks a meaning, 有啥 a list",
    "terms.contracted_verbs": "新建 / 改建 / 扩建 are said by the contracted 新改扩建, 新（改）扩建",
    "figures.people_before": "people named right before the asking word (坐飞机的人有多少, 游客是多少) are counted: a head count",
    "outline.english": "'What are the main tasks / key priorities for 2024?' asks the outline, as 重点工作有哪些 does",
    "asks.paraphrase_pair": "a paraphrased ask followed by one naming no subject (…一共放了多少？比上年多了多少？) finds its "
                            "one figure in the sentence once the follow-up's kind (%) is set aside",
    "figures.measure_starts_a_noun": "a measure word that opens a noun (多少个体工商户, 多少家庭, 多少项目) is no unit asked: "
                                     "the noun is the subject",
    "figures.size_is_no_count": "多大 of no land (库容有多大, 规模有多大) asks a size in any unit, never a count (建成…3个) "
                                "or a head count",
    "figures.english_rank": "'Where / how did the city rank …', 'what place …' asks a rank (第2位, 位居全省第一), as 排第几 does; "
                            "a rank in words (除三州外全省最低, 全国前列) answers a rank asked in either language",
    "asks.english_article": "'What is the A and the B …?' joins two asks as 'What is the A and B …?' does: the second "
                            "subject may have its own article",
    "asks.distinct_clauses": "two asks of one question that found the same clause ask two figures: the one with another "
                             "clause of its own in the sentence takes it (厕所…改多少 / 普及率…多少)",
    "slogan.counted_names": "a counted name asked to be spelled out without quotes (五大标志性战役都是哪五个) is held to "
                            "the slogan rule as a quoted one is: refused when the report only names it",
    "slogan.partial_list": "items ending in 等 before a counted name (工业源、移动源、扬尘源等六大专项整治行动) spell it out only "
                           "when there are as many as it counts",
    "outline.spoken": "'主要干哪几件事' and '一共分几大块' ask the outline, as 主要抓哪几方面 does",
    "terms.rise_fall_verbs": "a verb of rising (提高) is said by any other (上调, 增加, 提升), a verb of falling by any other",
    "terms.per_unit": "每月, 每人, 每年… say the figure's unit, not what the question is about",
    "slogan.english_numbers": "an English question naming a numbered slogan in words ('the four revolutions') asks the "
                              "report's one quoted slogan with that number (“四个革命、一个合作”), held to the slogan rule",
    "slogan.before_outline": "an outline-worded question about a slogan the report names but never spells out "
                             "(“1345”发展战略具体是哪几个方面) is refused as that slogan, not answered with the outline",
    "date.when_clause": "an English 'when' after the question word joins a clause ('Which groups did it form when it "
                        "restructured…'): no date is asked",
    "asks.a_not_a": "the A-not-A question asks how much: 去玩的人多不多 as 有多少, 规模大不大 as 有多大",
    "outline.ordinal_paragraphs": "a plan counting its work areas (重点抓好七个方面工作。) and then giving them as that many "
                                  "paragraphs opening 第一，… or ——: the outline answer is the count and each one's lead",
    "asks.parallel_tail": "“A和B…分别是多少” with A parallel to B's opening (城镇常住居民和农村常住居民人均可支配收入, "
                          "城镇和农村居民收入) asks A with B's tail",
    "date.plan_period": "a plan period (“十四五”时期) dates what a when-question asks, as a year or a month does",
    "slogan.unquoted": "a slogan of numbered words typed without its quotes (那个三区两带是啥意思) is asked as the quoted one",
    "english.named_in_chinese": "an English question naming its region in Chinese (What was 梓岩州's total …) is read as "
                                "English: its kind and the unit it asks",
    "scope.autonomous_names": "an autonomous region is named without its peoples: 恩施土家族苗族自治州 is asked as 恩施州 "
                              "or 恩施, 新疆维吾尔自治区 as 新疆",
    "number.own_subject_named": "the figure's clause naming every word of the ask but its rare one, which stands just "
                                "before (广元机场…，年旅客吞吐量…50万人次 for 机场坐飞机的人), is the ask's: number.own_subject "
                                "keeps it",
    "outline.counted_lead": "an outline answer opens with the clause that counts its items, when the part has one "
                            "(重点做好九个方面工作 before the nine plan sections)",
    "figures.english_size_any": "'How big / how large is X' of no land asks a size in any unit, as 多大 does: never a count, "
                                "and no money word of a name (Sichuan Energy Investment) sets the unit",
    "scope.english_plan_words": "'is supposed to', 'is expected to', 'is scheduled to' ask a plan, as 'target' and 'will' do: "
                                "'actually' then asks no outcome",
    "figures.english_frame": "an English question asks an amount only through its frame (how much/many, what share, "
                             "what is X); 'how many X' counts people only when X names them",
    "asks.period_shared": "a period leading a question of several asks (Over the 14th Five-Year Plan period, …, and how "
                          "many …; “十四五”期间…多少公里？…多少个？) dates each later ask naming no time of its own",
    "asks.one_sentence": "asks answered from several sentences are answered from one of them when it answers them all: "
                         "the genre gives figures asked together in one sentence (去玩的人多不多？旅游收了多少钱？)",
    "outline.parallel_parts": "a plan giving its work areas as unnumbered headings opening with one word (着力扩大内需，…; "
                              "着力强链延链，…): the outline answer is those headings, each cited",
    "compare.two_times": "相比/对比/compare compare two years only when the question names a second time: one year "
                         "named alone (2023年末…贷款增速与存款增速相比如何) compares two things of that year",
    "figures.money_rise": "a sum of money asked to rise (供养钱去年涨了多少, 养老金提高了多少) is answered in yuan (上调78元) "
                          "or as a rate, not only as a rate",
    "figures.person_times": "多少人次 is answered by 4612万人次: the quantity model reads its unit as 万人",
    "number.revenue_spending": "收入 and 支出 are the two sides of a budget: an ask naming one (一般公共预算支出) is not "
                               "answered by a clause naming only the other (一般公共预算收入68.12亿元)",
    "date.spoken_when": "啥时候 asks a date as 什么时候 does (渔洞河水库啥时候能建好): no date near the subject, no answer",
    "year.base_year": "a year a figure is measured against (是2020年的几倍, 与2020年相比…增长了多少, than in 2020) is not the "
                      "year asked, nor a second year to compare",
    "scope.english_promise": "'promise', 'pledge', 'commit' ask a plan (What pension did the city promise for 2025?), "
                             "not what came of it",
    "list.counted_points": "a list question counting its things (十件民生实事是哪些) is answered by the N numbered "
                           "paragraphs the report gives after naming them with a colon",
    "outline.counted_items": "哪几项工作 asks the outline; a plan counting its work as 八项工作 and then giving numbered "
                             "paragraphs (1. 抓项目，…) is answered by the count and each paragraph's lead",
    "number.total_after": "a total asked (一共有多少家) of a clause giving what was added is answered by the total said right "
                           "after it (新增规上工业企业23家，总数达到168家)",
    "slogan.digit_parts": "a slogan of numbers (“4+3”) is spelled out by its numbers each followed by 是 (“4”是…，“3”是…)",
    "slogan.counted_member": "a question asking a counted member of a slogan (“3+2”…中的三大主导产业是哪三个) that a sentence "
                             "lists item by item (新型建材、绿色食品、纺织服装三大主导产业) is no question about the slogan",
    "number.period_asked": "a figure of several years asked in Chinese (“十四五”期间累计…多少, 五年来) is not answered by a "
                           "clause whose paragraph up to it names no period (一年的 新增新能源装机60万千瓦)",
    "compare.named_years": "a comparison naming two years takes the earlier from the paragraphs speaking of that year and "
                           "the later likewise (the 2026 report's review of 2025, not the 2025 report's review of 2024), "
                           "and no clause aiming at another year (力争到2030年…) for either",
    "outline.title_no_heading": "the report's title line is no heading an outline question names (…（2025年政府工作报告）)",
    "elsewhere_worded.topic_nouns": "elsewhere_worded refuses a Chinese question only for a missing noun (a subject), not "
                                    "for a spoken verb the reports word otherwise (降到 for 降至)",
    "time.english_past_when": "'When did / was / were …' asks when something happened: the review, unless a year or a "
                              "plan word says otherwise",
    "outline.heading_head": "a question naming a heading's closing four or more characters (重点工作 of 2024年主要目标任务和"
                            "重点工作) names that heading: its sections are the outline asked",
    "asks.compared_no_ellipsis": "“…？贷款增速与存款增速相比如何？” asks a comparison of its own, not the previous ask's question "
                                 "of another subject (B如何)",
    "figures.times_as_rate": "a rate of change asked (增长了多少) is answered by a multiple as well (增长1.5倍)",
    "terms.frame_words": "相比, 数量 and a plan period's name (十四五) frame a question; they are no words its answer must hold",
    "asks.both_sides": "an ask naming neither 城镇 nor 农村 (老百姓收入涨了多少) answered by one side's clause is answered by "
                       "the other side's clause right after it as well",
    "figures.runs_of_wins": "七连创 counts times (几次, 几回): a run of wins in Chinese numerals is a figure",
    "figures.chinese_days": "a number of days in Chinese numerals (门诊一次挂号管三天) answers 几天",
    "compare.every_subject": "a comparison of two subjects (学校和学位，去年做了多少？今年计划多少？) quotes on each side the "
                             "clause next to the chosen one that gives the other subject's figure",
    "date.section_year": "a when-question whose subject's clause in the review tells the very event asked (建成通车) is "
                         "answered by the part it stands in: last year; not a day or a month asked, not a plan's clause",
    "asks.size_adjective": "a size asked by an adjective asks as 多少 does: \"这条路有多长、总投资多少\" is two asks",
    "asks.change_after": "an ask of a change naming no subject (…比例多少？比前年高了多少？) is answered by the clause after the "
                         "level that tells the change (…达到88.5%，较上年提高2.1个百分点)",
    "asks.reading_order": "two asks that found one clause, either of which could take another clause of the sentence, take "
                          "the sentence's clauses in the order they are asked",
    "list.ordinal_member": "a member asked by its place in a list (民生实事里第九件是啥) is the list's point of that number (九是…)",
    "number.attribute_clause": "a clause opening with a measure of a thing (全长, 总装机, 总投资) gives that measure of what the "
                               "clause before it names (…电站4台机组全部投产，总装机120万千瓦)",
    "outline.parts_of_work": "哪几方面的工作 / 哪几个方面的要求 asks the parts as 哪几方面 does: the work of the parts is the parts",
    "kind.count_not_list": "几个/几条 right after a verb of making or adding (新开几条航线) asks a count, not a list",
    "figures.percentage_points": "几个百分点 asks points of a rate (%), not a count in 个",
    "figures.english_cut": "'how much did … cut/trim/reduce …' asks a rate (压减7%), unless a time is cut (travel time)",
    "figures.raised_to": "提高到多少 asks the level reached, in its own unit (每人每月180元), not a rate",
    "asks.own_measure": "“B目标呢” after “A增长目标是多少” asks B's target in its own unit, not B's 增长目标",
    "compare.both_years_clause": "two years asked (2020年和2025年分别是多少) are answered by one clause giving a figure for each "
                                 "(由2020年的23608.4亿元增加到2025年的31246.8亿元)",
    "figures.chinese_years": "a run of years in Chinese numerals (连续三年达到“满意”等次) answers 几年",
    "slogan.bare_kind": "a name quoted bare and asked what it is (“1+4+7”指什么) is answered by the clause naming it with its kind "
                        "(加快构建“1+4+7”粮食物流设施体系); a question naming the kind asks the parts",
    "list.every_subject": "subjects a question lists that the best sentence does not name are answered by the sentences right "
                          "after it in its paragraph that name them, each cited (toilets, sewage and rubbish targets)",
    "asks.yes_no_after": "a yes-no ask after a figure asked (…多少件？都办完了吗？) is answered by the clause right after that "
                         "figure's when it shares a telling character with the ask (办结率100%, 无人因灾死亡)",
    "asks.except_named": "\"除了铝产业，其他重点产业产值…\": what 除了 sets apart is left out of the question searched",
    "date.which_year": "哪年 / 哪一年 / 哪个年份 asks a date, as \"which year\" does",
    "list.introduced": "a sentence that introduces an enumeration (\"…短板和不足。主要是：…\") answers with it in any question",
    "asks.english_pronoun": "\"…, and how many stations does it have\": an English ask saying it/they asks of the previous subject",
    "outline.english_points": "\"the main points / aspects / parts of …\" asks the outline of that part, as \"main tasks\" does",
    "asks.english_preposition": "\"targets for A and for B\": B repeating A's preposition is still the second ask",
    "asks.yes_no_comma": "\"几轮强降雨，有没有人因灾死亡\": a yes-no ask after a comma is an ask of its own",
    "number.period_asked_english": "\"over the past five years\" asks the total of the period, as 五年来 does (number.period_asked)",
    "support.next_covering": "a runner-up sentence holding every word of the question answers when the best-scored one does not",
    "asks.space_as_comma": "\"新建几所学校 学位加多少\": a space between Chinese words parts the question as a comma does",
    "figures.times_of_a_count": "\"多少场\" is answered by \"1000余场次\": a count's 次 form counts the same",
    "figures.last_year_no_duration": "\"How long is the road that opened last year\" asks a length: \"last year\" is no duration",
    "figures.english_output": "\"tea output 2023?\" asks a figure",
    "figures.size_real_unit": "a size asked (how big, output) is answered only by a unit of measure, not \"2023全国\"",
    "figures.english_in_unit": "\"in yuan\", \"in percent\": a unit said outright is the unit asked",
    "terms.asking_word": "\"学位加多少\": jieba's 加多 / 加多少 hold the asking word and name no topic",
    "figures.english_forms": "\"incomes\", \"revenues\" ask money as the singular does; \"how much did … go up\" asks a rise",
    "figures.english_invested": "\"how much … invested\" asks money, as \"investment\" does",
    "asks.rate_own_measure": "\"办结率呢\" after \"办了多少件\" asks the rate (a word ending in 率 is its own measure)",
    "asks.named_clause_after": "a later ask that finds no figure (\"零就业家庭呢\") is answered by the clause right after the "
                               "previous figure when that clause names its subject (零就业家庭动态清零)",
    "figures.cheaper_zh": "\"便宜了多少\", \"降价多少\" ask a fall in price, told as a rate (价格降幅50%)",
    "date.road_opens": "\"when did the expressway section open\": a road opening is its opening to traffic (通车)",
    "list.kind_head": "a list of the asked kind is one whose named kind shares the asked kind's head (…等赛事 for "
                      "体育比赛), not any character (…等体育设施)",
    "list.kind_half": "a sentence listing things of the asked kind answers a list question when it holds half its words",
    "number.pair_english_words": "an English ask names its side of a pair in its own words (\"new loans\"), not its "
                                 "glossary's (贷款|存贷款)",
    "compare.year_and_other_time": "\"the target for 2024, and what did it grow last year\": a year in one ask and "
                                   "last/this year in another compare two times",
    "date.section_year_named": "an English question quoting the report's Chinese name (芃临高速) is dated only by a review "
                                "clause naming it, not one naming only 高速公路",
    "number.table_level": "an amount asked is looked for past an indicator row that tells a rise (低保…上调60元 before "
                          "…发放低保资金6.55亿元)",
    "list.english_count": "\"Which three … industries\": among close sentences, the one counting three (三大…产业, A、B、C)",
    "list.heading_points": "a list question whose best sentence opens a paragraph under its own heading (深化重点领域改革。) is "
                           "answered by the heading and the lead clause of each sentence under it",
    "list.every_subject_before": "a subject the best sentence leaves is answered by the sentence right before it in its "
                                 "paragraph when that one names it (…污水…75%。…垃圾…100%)",
    "compare.same_unit": "the two sides of a comparison measure one thing: a side whose figure is of another kind than "
                         "the other's (…活动1000余场次 beside 社零增长8%以上) is picked again in the other's unit",
    "terms.urban_rural": "城乡 names the urban and the rural side at once: a question naming both (\"in towns and in "
                         "villages\") finds 城乡居民…",
    "figures.english_money_rise": "\"how much did the allowance go up\": a rise of money paid to people is told in yuan "
                                  "(上调60元) or as a rate, either answers",
    "figures.approximate": "\"1000余场次\", \"300多家\": 余/多 between a figure and its measure word leaves the measure word "
                           "the unit",
    "asks.two_wordings": "two asks wanting words, not figures (\"what conference …, and what project …\"), each answered "
                         "from its own search when different sentences answer them",
    "asks.conjoined_words": "\"What conferences for aluminium and food?\": subjects joined in a question wanting words, "
                            "each answered from its own search when different sentences answer them",
    "asks.words_and_figure": "\"Which trains run, and how many a month are planned?\": an ask wanting names beside an "
                             "ask wanting a figure, each answered from its own search",
    "number.figure_clause_subject": "a figure's clause naming a rare subject of its own is another statement than the "
                                    "ask's subject clause before it when that clause ends telling a rank (PM2.5…全省最低，"
                                    "…断面水质优良率保持100%)",
    "english.parenthetical": "\"general (non-essential) spending\": an aside in brackets between a phrase's words leaves "
                             "the phrase whole for the glossary",
    "date.ahead_of_time": "\"啥时候完成的\": \"提前2个月完成\" tells when, against the date it was due",
    "english.quoted_number_name": "a numbered name an English question quotes ('1246', \"1+3+3\") is a term in the "
                                  "report's own wording, as Chinese written into the question is",
    "list.ordinal_english": "\"What is the second one?\", \"the fourth principle\": an English ordinal asks a member by its "
                            "place, as 第二个 does",
    "list.ordinal_quoted": "\"三个一次里第二个\": the Nth of slogans quoted one after another (“…”“…”“…”) is a member "
                           "by its place, as the Nth of 一是…二是… is",
    "list.counted_not_named": "\"Which four companies made the list?\": a sentence that only counts the things asked "
                              "(4家企业跻身…, 48件民生实事全面完成) and names none of them does not answer which they are",
    "date.figure_too": "\"When was the bridge opened, and how long is it?\": the figure asked too, in the clause right "
                       "after the date's (…于11月建成通车，全长1.86公里)",
    "figures.nearest_subject": "of clauses naming the subject alike, a bare predicate right after one of them (\"是2020年"
                               "的2.3倍\") is that one's (…产业产值分别增长…，其中…产值达到436亿元，是2020年的2.3倍)",
    "english.persona": "\"I'm a teacher. How many schools…\", \"Data journalist here: …\": a sentence before the "
                       "question saying who asks names no topic of the report",
    "asks.english_after": "\"…, and did anyone die?\", \"…, and how many were closed out?\": a later English ask of no "
                          "subject of its own is answered by a later clause of the figure's sentence naming its words",
    "number.itemised_subjects": "\"茶叶、猕猴桃产量分别达到1.95万吨、20万吨，核桃产量稳居全省前列\": a clause listing its "
                                "subjects before 分别 gives figures to them alone, not to the ask's subject named elsewhere",
    "number.named_subject": "a rare term of the question naming one thing (广元机场改扩建: a place name and more) must "
                            "stand in the figure's sentence: another project's 总投资 does not answer it",
    "compare.two_subjects": "\"How did exports compare with imports last year?\": two subjects compared at one time are "
                            "two asks, each answered with its own figure; a refusal when the report gives one of them none",
    "slogan.english_unquoted": "\"What are the ten carbon-peaking actions?\", \"the '1+4+7' system\": an English question "
                               "counting the members it asks, unquoted, or quoting a numbered name, asks the report's "
                               "slogan with that number (碳达峰十大行动), spelled out only where its members are listed",
    "english.question_figure": "\"Which industries are to reach a combined 42.5 billion yuan?\": a figure an English "
                               "question names is looked for as the report writes it (425亿)",
    "english.except_named": "\"Apart from aluminium, which industries…\": what an English question sets aside is no "
                            "topic of it, as 除了…以外 is not (asks.except_named)",
    "compare.year_not_covered": "\"How did 2023 growth compare with 2022's?\": a report tells its own year's plan and the "
                                "year before; a comparison naming a year no report of the corpus speaks of is not given",
    "figures.english_possessive": "\"How many people's congress deputies' suggestions\": a word in the possessive is "
                                  "whose the counted things are, not what is counted (件, not 人)",
    "asks.split_verb": "\"渔洞河水库哪年动的工\": a verb and its object split by 的 in a question of the past are the "
                       "report's 开工, 通车",
    "list.asked_count_sentence": "\"报告要求增强哪三种政治能力\": of the sentences, one enumerating as many items as the "
                                 "question counts (政治判断力、政治领悟力、政治执行力) comes before one with more \"、\" "
                                 "of something else",
    "compare.figure_both_sides": "a comparison whose one side is told by a figure (增长23.2%) and the other in words only "
                                 "(建设加工贸易…示范地) takes the other side's figure of that kind when its part gives one",
    "figures.english_times": "\"How many times in a row has the city won…\": a count of times asked (七连创, 3次), as 几次 "
                             "asks one",
    "number.level_after_change": "\"低保标准上调后每人每月是多少元\": a change verb followed by 后 asks the level reached, "
                                 "which a change (分别上调60元) does not answer",
    "figures.dimension_not_counted": "\"新建标准化厂房有多少面积\": a dimension after 多少 (面积, 长度, 规模, 数量) is what is "
                                     "measured, not the thing counted: the clause naming 厂房 gives the figure",
    "figures.share_of": "\"民生支出占一般公共预算支出多少\": 占 a whole and then 多少 asks a share, as 占多少 does",
    "number.per_head": "\"人均GDP是多少\", \"revenue per resident\": a figure asked per head is told per head (人均, 每人, "
                       "户均, 平均); the whole's figure (地区生产总值增长6.2%) does not answer it",
    "scope.place_elsewhere": "\"成都2023年森林覆盖率是多少\" put to Guangyuan's report, which names 成都 elsewhere: a "
                             "place the report names other than its region and the province holding it (成都 outside, "
                             "苍溪 inside) must stand in the quoted sentence",
    "outline.english_counted": "\"What are the nine areas of work for 2024?\", \"the four points for strengthening the "
                               "government itself\": a count of areas of work or of points asks the outline",
    "english.which_names": "\"Apart from aluminium, which key industries share the output target of 42.5 billion yuan?\": "
                           "'which' and a plural noun ask names; the figure and the rate word ('share') set no unit",
    "figures.english_how_much_of": "\"How much of the central urban area meets the sponge-city standard?\": 'how much of' "
                                   "a whole asks a share (41%), not an amount in the whole's unit",
    "figures.programme_years": "a span of years written before a programme's name is its length (三年攻坚行动, 长江十年禁渔) "
                               "and answers 几年 or 'how long is the campaign'",
    "figures.english_preamble": "a first-person preamble before an English question ('I grow tea and kiwis — what output "
                                "targets…') says who asks, not the unit asked",
    "date.section_year_subject": "a review clause dates the event asked only when it names the subject too, a third of the "
                                 "question's other words (哪一年建成全国文明城市 is not dated by another thing 建成)",
    "number.share_not_change": "a share asked (占…几成, 'what share of') is not answered by a rate of change (增长30%)",
    "compare.english_choice": "a comparative asked yes or no ('grow faster or slower in 2024 than in 2023', 'is the 2024 "
                              "target higher than last year's growth') sets two times side by side: the time after 'than' "
                              "is the other side, no base year",
    "date.year_in_name": "a bare year inside a name (创建韧性城市2030, 整治2023行动) answers which year the name sets",
    "places.jieba_counties": "a county or district CC-CEDICT does not list (利州区) is a place when jieba's dictionary tags "
                             "its name one; a name of position characters only (老城区) never",
    "compare.figure_asked": "a figure asked outright in a comparison (多少, how many) is refused when neither side's clause "
                            "holds one (接待游客数量…创历史新高)",
    "asks.english_measure_only": "'…, and what coverage rate is the goal?': a later English ask naming only a measure is "
                                 "about the previous ask's subject",
    "compare.one_side_refused": "a comparison of two times (two years named, or last year and this year's target) the report "
                                "gives one side of is refused, the side it gives shown",
    "kind.english_counted_names": "'What are the three major investment-attraction campaigns…': a number of things asked "
                                  "by 'what are the N' asks their names, whatever money words follow",
    "asks.contrast_tail": "'城市和农村低保各涨了多少': the town side of a town-and-country pair takes the tail of the "
                          "country side (城市低保)",
    "compare.quoted_side": "a comparison quoting one side's figure (今年技改投资目标增长8%以上，跟去年比) takes the other side "
                           "only from a clause naming the question's words the quoted side's clause names (技改)",
    "list.english_name_the_n": "'Name the 48 livelihood projects…', 'What are the fifteen hard measures…': an imperative "
                               "naming a count asks the things' names, and a count past ten (fifteen, 十五条) is read as one, "
                               "so a sentence that only counts them is no answer",
    "number.spoken_words": "a figure's sentence must hold the question's words, but not the asker's own verbs, adverbs "
                           "and time words the reports never use (收上来, 新添, 已经, 晚上), nor a piece of one (投进 of 投进去)",
    "terms.percent_asked": "'涨了百分之几', '提高几个百分点', '占几成' ask a percent: the asking phrase is no word of "
                           "the subject a sentence must hold, and '涨了百分之几' asks a rise as '涨了多少' does",
    "figures.first_place": "'位居全省首位' is a rank, as 第一 and 前列 are: it answers '排第几'",
    "figures.rank_named": "'排第几名' asks a rank (第8位), not a count of people in 名",
    "scope.other_place_unnamed": "'去年广元经济增速比绵阳快还是慢' (any region, any place): a question naming its "
                                 "region beside a place the "
                                 "region's reports never mention is refused, as one naming that place alone is",
    "figures.english_earn": "'how much did tourism earn', 'takings', 'receipts' ask money (元), so a grade (4A级) or a "
                            "count does not answer them",
    "figures.bare_wan": "'本科上线万人以上': a bare 万 after a verb of reaching is a figure (ten thousand people)",
    "compare.level_side": "'比四川全省高还是低', 'than the provincial average': the province or the nation is the other "
                          "side, so only a sentence setting the region beside it (高于全省, 居全省第2位) answers",
    "number.average_asked": "'average annual wage', '平均养老金' ask a figure per person, as 人均 does: a total or a "
                            "count (新增就业3.84万人) does not answer them",
    "figures.count_of_subject": "'推动…等84个重点项目尽早竣工投产，确保全年完成投资470亿元以上': a count of the subject "
                                "written before its name is no other figure between the subject and its amount",
    "list.close_runner": "a list question also cites a runner-up sentence as close, of the same part of the report",
    "outline.topic_in_group": "a question counting 条 or 件事 and naming a topic gets an outline only if the headings "
                              "listed or the part above them name it (国际班列都有哪几条线 asks a list, not the nine areas)",
    "number.points_are_change": "a figure in 个百分点 is a change of a rate, so no answer to the rate's level (本科上线率是百分之多少)",
    "figures.english_money_said": "'how much money' asks yuan whatever else the question names (a 7% cut)",
    "number.each_asked": "'each household / each person', 每个家庭 ask a figure per head, as per capita and 人均 do",
    "kind.which_digits": "哪 and a count in digits (是哪4个乡镇) asks names, as 哪四个 does",
    "compare.average_side": "'above the Sichuan average', 'below the national level': a wider average is the other side, as "
                            "'than the provincial' is (compare.level_side)",
    "scope.english_sub_place": "'in Chaotian District': a district or county of the region named in pinyin is a place whose figures "
                               "the report gives only where it names it, as 朝天区 is",
    "number.measure_only_cover": "an ask naming a subject and a measure (natural gas output) is not answered by a sentence holding "
                                  "the measure alone (粮食产量), unless the embedder finds it close",
    "number.assets_liabilities": "资产 and 负债 are two sides: 负债总额 is not answered by 资产总额",
    "figures.english_how_much_noun": "'how much tea … grow': a noun right after 'how much' is the thing measured, so a verb "
                                     "of growing asks no rate ('how much did GDP grow' does)",
    "number.head_noun": "the word right before the measure asked is the thing measured (铝基新材料产业基金规模: a fund), so a "
                        "sentence without it, where the reports use it elsewhere, gives another thing's figure",
    "terms.one_side_in_both": "a glossary wording of one side (农民收入 → 农村居民人均可支配收入) stands in the sentence giving both "
                              "sides as 城乡居民…分别",
    "number.quoted_not_answer": "a figure the question gives (新增的5970个学位里…占多少个) is not its answer: the asker knows it "
                                "and asks another",
    "number.english_what_figure": "an English figure question opening with what or how asks the figure itself: the report's "
                                  "wording without one is a refusal showing it (the average PM2.5 concentration: 全省最低)",
    "figures.english_absolute": "'total retail sales' asks the amount in yuan, so a growth rate is no answer (unless growth is "
                                "asked)",
    "time.english_tense": "an English question naming no time is dated by its tense: 'will', 'hope to' ask the plan, "
                          "'did', 'were', 'built' the year reviewed",
    "english.british_spelling": "a word spelt the British way (specialised, labour, centre) is read in the American "
                                "spelling a glossary key holds (specialized → 专精特新)",
    "compare.choice_plan_than_review": "a comparative asked of the plan's side (this year, a target, will, expect) "
                                       "against the review's after 'than' (than last, than in 2023, than what it "
                                       "achieved) compares the two years",
    "list.kinds_the_question_names": "a count whose words name only the kinds the question names (新建“口袋公园”4个; "
                                     "重点实验室、工程技术研究中心等创新平台5家) names none of the things counted",
    "figures.times_grown": "翻了几倍, 增长了几倍 asks a growth: a rate (增长121.4%) answers it as times do",
    "number.rate_level": "a rate's level asked (入户率现在是多少) is not answered by its rise (入户率增长5%以上), "
                         "unless a plan is asked",
    "compare.what_side": "'than what it achieved in 2023' is the other time's figure of the same subject, no second "
                         "subject",
    "english.numbered_slogan": "an English name of a counting slogan ('three-centre integration', 'one tree, one file') "
                               "is the report's slogan with those numerals whose pieces mean most of its other words "
                               "(三心融合, 一树一档)",
    "outline.quoted_slogan": "a question quoting a name the report quotes (“三片”指的是哪几块) asks that name's parts, "
                             "not the outline",
    "kind.english_kinds_of": "'what kinds of …' asks a list",
    "date.plan_year_asked": "a year asked of an event the plan's clause tells (全国古树名木保护大会哪年承办) is the plan's "
                            "year, unless the question tells a past event (是哪年通过的, did)",
    "figures.how_long_has": "'how long has … been' asks a run of years (连续3年), no length",
    "figures.english_raise": "'by how much … raise (boost, lift) …' asks a rise, told as a rate",
    "asks.colloquial_what": "啥 is read as 什么 everywhere the question is read (控在啥水平, 叫啥名字)",
    "compare.quoted_figure_no_subject": "the figure a question quotes for one side (去年建了26.9万亩) is no subject word "
                                        "the other side's clause must name",
    "terms.english_city_side": "'city' beside the rural side ('city and countryside incomes') is the urban side, "
                               "not the question's frame",
    "number.pair_set_aside": "a side set aside in English ('deposits, not counting loans') is no side asked",
    "asks.except_spoken": "不算…那些，不包括…在内， set a thing apart as 除了…以外 does",
    "figures.how_far_change": "'how far did prices fall' asks a change, told as a rate, not a distance",
    "number.subject_told_elsewhere": "most of the ask's rare subject words missing from a sentence and standing together in "
                                     "another sentence found (通威工业硅 for 通威工业硅一期项目总投资) make the first about "
                                     "another thing: its figure (…（一期）等84个项目…完成投资470亿元) does not answer",
    "list.kind_before_ask": "the noun right before 有哪些, 包括哪些 is the kind a list question asks (要加快建设的重点水利项目"
                            "有哪些 → 水利项目), as the one after 哪些 is",
    "english.quoted_slogan": "a quoted English name without numbers ('bottle to pipe', 'ecology + finance + disposal') is "
                             "the report's quoted name (“瓶改管”, “生态+金融+处置”) pieces of which are, in whole CC-CEDICT "
                             "senses, two of its words or more and all of them (but one of three or more; a pinyin name by "
                             "its spelling); one in digits ('1+4+7') is the same name; sentences naming it come first",
    "figures.english_share_of": "'what portion (share, proportion) of' a whole asks a share in %, whatever the whole's unit "
                                "('of the central urban area' is no area asked)",
    "english.which_names_wide": "'which other key industries': 'which' and a plural noun ask names with up to two words "
                                "between them, as with one (english.which_names)",
    "scope.english_should": "'should', 'is due to', 'is to', 'hoping to' say what is due or hoped, a plan: 'actually' then "
                            "asks no outcome (as scope.english_plan_words)",
    "figures.english_jump": "'by how much did … jump (climb, surge, grow)' asks a rise, told as a rate, whatever the "
                            "subject's unit (investment)",
    "list.count_names_thing": "a question naming a series' count with its measure word and the thing's first words (那2家"
                              "三级医院) names that piece (新增三级医疗卫生机构2家) as its last four characters do",
    "number.per_place": "a figure asked for each county or district (每个县区分别, 各县区, 'per county', 'split among the "
                        "districts') is answered only by a clause giving figures by place, not by the region's one figure",
    "asks.english_measure_wide": "'…, and what coverage is targeted?': a later English ask naming only coverage (penetration, "
                                 "uptake) is about the previous ask's subject, as one naming a rate is",
    "time.english_future_strong": "an English question in the future tense alone (will, hopes to, is set to), naming no "
                                  "time, asks the plan as surely as 'this year' does: the review's figures do not answer",
    "date.spoken_passed": "过的, 过了 at the end of a when-question is 通过 spoken (复审是哪年过的): a review passed, which the "
                          "review's clause telling 通过 dates",
    "terms.pointing_words": "a question word (哪年, 啥), a demonstrative with its measure word (那口, 这座) and a word jieba "
                            "glued to the copula (井是) name no topic a sentence must hold",
    "compare.english_stack_up": "'how does X stack up against (measure up to, compare with)' a time's figure sets two times "
                                "side by side, as 'compare' does",
    "list.ordinal_record": "an ordinal after a scope (全国第一条, 全省第一个) tells a record the thing holds, not a member of "
                           "a list asked by its place",
    "date.subject_elsewhere": "a review clause lacking a subject word is not dated for it when another top sentence names "
                              "the whole subject (asking words such as 时候 aside) with the event asked (西部再生铝贸易中心…挂牌 is not "
                              "挂牌运营…铝锭贸易中心)",
    "number.quoted_name_not_counted": "a quoted name (入选“四川民营企业100强”) names a list or a title, not the thing the "
                                      "ask counts: its clause does not make the sentence's figure another thing's count",
    "number.unnamed_not_common": "an ask's word the report names nowhere (盘龙机场, a colloquial name) does not keep "
                                 "number.own_subject_named from reading the figure's clause as the ask's",
    "figures.money_rise_wide": "a benefit's rise asked with words between (低保标准城里和农村各涨了多少) is asked in yuan "
                               "or as a rate, as figures.money_rise reads it with none between",
    "asks.context_clause": "clauses before the first asking one tell the asker's context (娃儿明年上学，今年要新修扩建几所"
                           "学校): the ask's words are the asking clauses' when these name a subject of their own",
    "time.asker_context": "a time in the asker's own story before the ask (娃儿明年上学，…; 'Moving there next year and I "
                          "love the outdoors - what share…') does not date the ask",
    "date.english_events_wide": "English words of events (hosting, taking place, drilling getting under way) date a "
                                "clause telling 举办/召开 or 开钻",
    "asks.change_follows": "an ask naming a change alone (集采的药有多少种，便宜了多少) is of the ask before's subject, "
                           "told after that ask's figure, which stands between them as no other thing's",
    "number.per_place_after": "places named before each is asked (分到利州、昭化这些县区各是多少) ask a figure per place, "
                              "as 每个县区分别 does",
    "asks.same_clause_elsewhere": "two asks finding one clause: the one whose own words the clause lacks while the other's "
                                  "stand in it all is looked for in the other sentences",
    "number.term_names_things": "a clause where each of the ask's words heads a thing it does not name (规上工业 → "
                                "规上工业企业55家) and whose figures count things answers no measure of the sector asked",
    "compare.english_rise_from": "a planned rise 'from its 2023 level' or 'from last year's output' sets the plan's figure "
                                 "beside the year reviewed",
    "terms.joined_place": "a place paired with a report's region is named by their first characters joined (杭广东西部协作 "
                          "for 杭州 beside 广元)",
    "figures.attributive_figure": "a figure right before 的 describes the thing named after it (静态储备75万吨的…基地项目): "
                                  "another clause's figure answers an ask that does not name that thing",
    "number.itemised_other_unit": "the ask's subject told apart from an itemised clause with a figure of another kind "
                                  "than the one asked (医疗保险参保率达98% beside 养老、工伤、失业保险参保分别覆盖188万人…) is "
                                  "still not among its items",
    "english.slogan_run": "slogans named one numeral each ('one core' and 'three areas') that no slogan counts alone are "
                          "the run of quoted one-numeral slogans a sentence names in that order (“一核”…“三片”)",
    "slogan.first_member": "the '1' of a “1+N” slogan asked alone (“1+3+3”里的“1”, 'the number one') is the first-place "
                           "(首位), leading or core thing the slogan's sentence names, not the slogan spelled out",
    "figures.english_hearsay": "a lead telling what people say ('People keep mentioning the … system - what's …') is "
                               "no ask: its people are the ones talking, not a count asked",
    "list.english_kind": "the head noun of an English list question ('Which industrial projects', 'Name the … parks') is "
                         "the kind of thing listed (项目, 园区): a sentence listing things of that kind answers it",
    "date.when_leads_clause": "'When the report talks about X, what does it mean?': a 'when' clause with no asking verb, "
                              "then a comma and a question word, sets the scene; the date is not asked",
    "figures.straight_years": "'for how many straight (consecutive) years' asks a run of years (连续3年), whatever else "
                              "the question names",
    "number.level_further_on": "an amount asked, not a change: when the clause first found tells a change (低保上调60元), "
                               "the amount the same sentence tells further on (发放低保资金6.55亿元) answers",
    "number.measure_compound": "装机 (发电, 储能, 年产…) before 规模/容量 makes one measure with it (装机规模 is installed "
                               "capacity): the thing measured is the word before",
    "kind.points_asked": "几个 before 百分点 or 点 (压减几个百分点, 涨了几个点) asks a figure, not a list",
    "figures.spoken_points": "几个点 (GDP涨了几个点) is the spoken 几个百分点: a rate, not a count",
    "number.spending_verbs": "spending said by its verb ('how much did the city spend', 花了多少) names the 支出 side of a "
                             "budget as 'spending' does",
    "number.english_unsaid_subject": "an English measure of a thing the report has no word for ('hydrogen production "
                                     "capacity' where 氢 is never said) is answered by no figure of the report",
    "kind.english_measure_target": "'What sales (output, growth…) target has the city set': a measure's target is a figure",
    "list.areas_of_named": "areas asked of a work the question names (安全监管重点盯哪些行业领域): the sentence listing items "
                           "before 等 and that work (加强矿山、危险化学品、…等安全监管)",
    "slogan.which_two": "哪两 asks a slogan's parts as 哪三 does (“双拼双提”是哪两拼哪两提)",
    "asks.english_change_follows": "an English ask of a change naming no subject of its own ('…, and how much cheaper did "
                                   "they get') is of the ask before's subject, told after that ask's figure",
    "kind.english_per_unit": "'what is the monthly … standard per person': a quantity per person or per month is a figure",
    "number.english_what_after_lead": "a 'what is …' ask after a lead clause ('After the increase, what is …') asks the "
                                      "figure as it does alone: no figure, no answer",
    "number.money_rise_no_count": "a benefit's rise asked (how much will pensions be raised) is told in yuan or as a rate: "
                                  "a clause of counts (250户) does not answer it",
    "compare.subject_over_measure": "of two sentences as close to the question, the one naming the subject's words "
                                    "(地区生产总值 for GDP) gives a year's figure, not one naming only the measure (贷款增速)",
    "scope.english_want": "'How much FDI does the city want to actually receive in 2024?': what a place wants (aims, "
                          "plans) to do is its plan, however 'actually' it is asked",
    "english.persona_dash": "\"I'm a student - is '三心融合' about …\": a lead saying who asks, set off by a dash, names no "
                            "topic of the report, as one ending with a full stop does (english.persona)",
    "compare.sides_no_time": "a comparison naming no time at all (the allowance raised for urban versus rural residents, "
                             "增速与全省相比) sets two things of one time side by side, not the review beside the plan",
    "figures.segments_counted": "几段 (几段路, 多少段河道) asks a count: stretches are counted with 条 or 个 (主次干道18条)",
    "terms.paired_heads": "two words sharing their tail (主干道次干道, 中学和小学) are written with their heads joined "
                          "(主次干道, 中小学): either form names them",
    "kind.count_after_verb": "几 and a measure word right after a one-character verb of making (要开几条线路, 修了几座桥) "
                             "asks a count, not a list",
    "asks.spoken_rank": "排老几 is the spoken 排第几: a rank is asked (田长制考核在全省排老几)",
    "outline.topic_most": "a question counting 条 or 件事 gets the outline only when most of its topic's words stand in "
                          "the headings, not one verb of it (推进前期工作的高速是哪几条)",
    "figures.consumer_prices": "'consumer price(s)' name an index, asked as a rate (居民消费价格涨幅3%左右), not the 元 "
                               "of 'price'",
    "english.counted_unquoted": "an English name of a count of major things ('three major actions') finds it written "
                                "without quotes too (…“揭榜攻坚”三大行动为引领)",
    "english.investment_work": "'investment promotion', 'investment-attraction campaigns' name the work of drawing "
                               "investors (招商), no amount of money",
    "list.kind_what": "有啥 / 有什么 before a kind and 可以 / 能 / 值得 (今年有啥体育比赛可以参加) asks things of that kind, "
                      "as 哪些 does",
    "date.when_in_statement": "'My nephew had no job when he left college. What share …?': a 'when' in a sentence that "
                              "tells, before the one that asks, joins a clause and asks no date",
    "scope.place_in_story": "'I drive trucks between Guangyuan and Chongqing. By how much did cargo … grow?': a place in "
                            "the asker's story before the question is no place the question asks about",
    "english.apostrophe_not_quote": "an apostrophe between letters (what's, I'm) opens and closes no quotation: "
                                    "\"what's this 'bottle to pipe' change\" quotes 'bottle to pipe'",
    "english.slash_names": "a quotation holding names split by a slash ('bottle to pipe / bottle to electric') names "
                           "each, looked up alone",
    "kind.english_balance": "'What was the loan balance…', 'outstanding loans': a balance is a figure, asked as a stock",
    "figures.coverage_width": "覆盖面有多宽 / 覆盖范围多大 asks how far a service reaches, told as a share (覆盖面达90%), "
                              "no length or area",
    "slogan.english_cover": "'What does the \"nine capabilities improvement\" campaign cover?': what a numbered slogan "
                            "covers (involves, contains) is its members, to be spelled out or refused as unexplained",
    "english.quoted_words": "one word in quotation marks ('staple' farm sectors) is looked up as the word itself",
    "date.event_year": "an event named with its year (办好2024年物流产业发展大会) tells when it is held, unless a day or month is asked",
    "date.section_events": "the review dates the genre's other events of a day too: a well spudded (开钻), a body set up "
                           "(成立, 挂牌), a law enacted (颁布施行), a festival held (办的), a title won (创建为)",
    "date.name_year_own_clause": "a year inside a name (创建韧性城市2030) dates only its own clause, and only when no "
                                 "clause names more of the question (…颁布施行《海绵城市建设管理条例》 is not dated by it)",
    "english.bare_growth": "an English question asking growth with no subject of its own (the 2024 growth target) asks "
                           "the economy's, the first of the genre's targets (地区生产总值)",
    "english.framing_phrases": "'more or less', 'or not' frame a comparison: no report word is looked up for them",
    "terms.economy_grew": "the economy growing said in spoken words (经济一共长了多少, 咱们这儿经济到底涨了多少) is the economy's growth "
                          "(经济增长: 地区生产总值); a qualified economy (民营经济) is another thing",
    "asks.measure_only_follows": "an ask naming a measure alone (…猕猴桃卖了多少钱，产值是多少) measures the subject of the ask "
                                 "before it",
    "number.balance": "a balance (存款余额, 贷款余额, outstanding loans) is a stock as a total is: a year's new amount (新增信贷投放) "
                      "does not answer it",
    "kind.names_of_counted": "那4家企业叫什么名字: the names of things the question counts are a list asked",
    "list.counts_in_series": "a series of counts (新增三级医疗卫生机构2家、省级县域医疗卫生次中心2个) names none of the things "
                             "counted",
    "date.plan_year": "a question asking the year something is planned for (打算哪一年开工, which year will) is answered by "
                      "the plan's clause telling that very event: the plan's year ('when' may want a month: not so)",
    "places.feature_name": "a pinyin name that a feature's kind follows ('the Luzhou Island business centre', 'Jinshan "
                           "Lake') names that feature, not the city of that name",
    "year.horizon_sentence": "a horizon year (到2030年) leading a sentence of targets dates each of its clauses, as far as "
                             "the full stop (…；研发经费投入强度达到2.8%左右；…)",
    "glossary.scoped": "a report's own glossary expands only questions answered from that report (another city's "
                       "\"bridge\" is not Guangyuan's 嘉陵江大桥)",
    "outline.one_numbering": "an outline group is numbered one way: （一）…（七） keeps no \"10.\" line of a list inside （七）",
}


@contextmanager
def switched_off(*rules: str) -> Iterator[None]:
    """Within the block, the named rules do not refuse; ValueError names an unknown rule."""
    unknown = [r for r in rules if r not in RULES and r not in ALLOWANCES]
    if unknown:
        raise ValueError(f"unknown rule(s) {unknown}; the rules are {', '.join([*RULES, *ALLOWANCES])}")
    with off(*rules):
        yield
