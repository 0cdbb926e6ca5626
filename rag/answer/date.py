"""When-questions: only a sentence holding a date answers them."""
from __future__ import annotations

import re

from rag.answer.asks import subquestions
from rag.answer.clauses import _citation, _clauses, _trim
from rag.answer.cues import _ASKS_DATE, _ASKS_DATE_SPOKEN, _ASKS_FIGURE, _ASKS_YEAR, _ASKS_YEAR_ZH, _DATE_RE
from rag.answer.refusal import refuse
from rag.answer.rules import on
from rag.figures import expected_unit, quantities, unit_fits
from rag.search.query import coverage, is_english_text, term_present
from rag.search.sentences import Evidence
from rag.types import Answer

# "“三区两带”是我市“十四五”时期确定的空间发展总体布局": a plan period dates what was decided in it
_PLAN_PERIOD = re.compile(r"“?十[一二三四五六七八九]五”?(?:时期|期间)")


def date_answer(question: str, evidence: list[Evidence], terms: list[str]) -> Answer:
    """"大会哪天开？": the clause with a date that names the subject, or a refusal saying no date is given."""
    best = evidence[0]
    date_re = _DATE_RE
    if (_ASKS_YEAR.search(question.lower()) and on("date.year")) or (_ASKS_YEAR_ZH.search(question) and on("date.which_year")):
        date_re = re.compile(rf"{_DATE_RE.pattern}|(?:19|20)\d\d年")      # "哪一年建成": a year answers it
        if on("date.year_in_name"):
            # "入围联合国“创建韧性城市2030”试点", "重大事故隐患专项排查整治2023行动": a year written inside a name
            date_re = re.compile(rf"{date_re.pattern}|{_YEAR_IN_NAME.pattern}")
    if not _ASKS_DAY.search(question.lower()) and on("date.event_year"):
        # "下一届物流产业发展大会什么时候办": "办好2024年物流产业发展大会", an event named with its year, is held that year
        date_re = re.compile(rf"{date_re.pattern}|{_EVENT_YEAR.pattern}")
    if on("date.ahead_of_time"):
        # "重点项目啥时候完成的年度任务": "提前2个月完成" tells when, against the date it was due
        date_re = re.compile(rf"{date_re.pattern}|{_AHEAD.pattern}")
    for ev in evidence[:5]:
        if ev.coverage < 0.5 and ev is not best:     # the best one has passed supported() already
            continue
        clauses = _clauses(ev.sentence)
        low = ev.sentence.lower()
        named = [sum(term_present(t, low[a:b]) for t in terms) for a, b in clauses]
        for i, (a, b) in enumerate(clauses):
            if not date_re.search(ev.sentence[a:b]):
                # "“三区两带”是我市“十四五”时期确定的…": a plan period dates only what its own clause names
                if named[i] and _PLAN_PERIOD.search(ev.sentence[a:b]) and on("date.plan_period"):
                    return Answer(question, f"{_trim(ev.sentence[a:b])}[1]", [_citation(1, ev)], False)
                continue
            # "7月25日，习近平总书记亲临四川视察指导，首站就来到广元": the date and the clauses naming the subject
            near = [j for j in range(max(0, i - 2), min(len(clauses), i + 3)) if named[j]]
            if on("date.name_year_own_clause") and not _DATE_RE.search(ev.sentence[a:b]) \
                    and not re.search(r"(?:19|20)\d\d年", ev.sentence[a:b]):
                # "…颁布施行《海绵城市建设管理条例》，…入围联合国“创建韧性城市2030”试点": a year inside a name dates
                # that name's clause only, not the clauses beside it
                near = [i] if named[i] and named[i] >= max(named) else []
            if near:
                first, last = min([i, *near]), max([i, *near])
                # "When was the bridge opened, and how long is it?": the figure asked too, in the clause right after
                # ("苓江大桥于11月建成通车，全长1.86公里") (date.figure_too)
                asked, unit = _figure_asked_too(question)
                if asked and last + 1 < len(clauses) and on("date.figure_too"):
                    a2, b2 = clauses[last + 1]
                    if any(unit_fits(u, unit) for _, _, u in quantities(ev.sentence[a2:b2], chinese=True)):
                        last += 1
                text = _trim(ev.sentence[clauses[first][0]:clauses[last][1]])
                return Answer(question, f"{text}[1]", [_citation(1, ev)], False)
    told = _section_year_answer(question, evidence, terms)
    if told is not None:
        return told
    if not on("date"):
        return Answer(question, f"{_trim(best.sentence)}[1]", [_citation(1, best)], False)
    return refuse(question, "具体时间", best)


def _section_year_answer(question: str, evidence: list[Evidence], terms: list[str]) -> Answer | None:
    """"成绵苍巴高速绵苍段什么时候通车的": a report tells last year's events in its review, so the review's clause that
    names the subject with the very event asked (建成通车) is dated by its part: 去年 (date.section_year). A day or a
    month asked (哪天, 几月) is not answered so, nor an event the clause does not tell (建设 does not answer 什么时候
    建成), nor a plan's clause: the plan says what the year will do, not when in it (measured: answering from the
    plan too cost never-read near-misses)."""
    low_q = question.lower()
    if not on("date.section_year") or _ASKS_DAY.search(low_q):
        return None
    events = [ev_re for ev_re, asked in _EVENTS if asked.search(low_q)]
    if on("date.section_events"):
        # "深地川科1井哪一年开钻的", "石窟研究所什么时候成立的", "条例哪一年颁布施行的", "电商节哪一年办的": the genre's
        # other events of a day (a well spudded, a body set up, a law enacted, a festival held in spoken words)
        events += [ev_re for ev_re, asked in _MORE_EVENTS if asked.search(low_q)]
    if _PASSED_SPOKEN[1].search(low_q) and on("date.spoken_passed"):
        events.append(_PASSED_SPOKEN[0])
    if on("date.english_events_wide"):
        events += [ev_re for ev_re, asked in _EN_MORE_EVENTS if asked.search(low_q)]
    if _ROAD_OPENS[1].search(low_q) and on("date.road_opens"):
        events.append(_ROAD_OPENS[0])       # "when did the expressway section open": a road opens to traffic (通车)
    if not events:
        return None
    quoted = _CJK_NAME.findall(question) if is_english_text(question) and on("date.section_year_named") else []
    subject = [t for t in terms if not any(e.search(t) for e in events)]     # the words besides the event asked
    # "广元机场改扩建打算哪一年开工": a question asking the year something is planned for is answered by the plan's clause
    # telling that very event (开工建设广元机场改扩建): the plan's year (date.plan_year); "什么时候" may want a month
    # the plan does not give
    year_asked = bool(_ASKS_YEAR_ZH.search(question) or _ASKS_YEAR.search(low_q))
    planned = year_asked and on("date.plan_year") and (bool(_ASKS_PLANNED.search(low_q)) or (
        on("date.plan_year_asked") and not _ASKS_PAST.search(low_q)))
    for ev in evidence[:3]:
        if ev.coverage < 0.5:
            continue
        c = ev.hit.chunk
        if not (c.report_year and c.year_scope.isdigit()):
            continue
        in_plan = planned and int(c.year_scope) == c.report_year
        if int(c.year_scope) != c.report_year - 1 and not in_plan:
            continue
        for a, b in _clauses(ev.sentence):
            clause = ev.sentence[a:b]
            low = clause.lower()
            # an English question quoting the report's Chinese name ("the Henglin Expressway (芃临高速)") is about the
            # clause naming it, not one naming only 高速公路 (date.section_year_named)
            # "哪一年建成全国文明城市" is not dated by "…全国首条标准动货线工程建成投用": besides the event, the clause names
            # the subject, a third of the question's other words at least (date.section_year_subject)
            if subject and on("date.section_year_subject") and coverage(subject, low) < 1 / 3:
                continue
            if subject and on("date.subject_elsewhere") and _subject_elsewhere(subject, low, ev, evidence[:5], events):
                continue    # "西部再生铝贸易中心啥时候挂牌" is not dated by "挂牌运营…铝锭贸易中心": 再生铝 is told elsewhere
            if any(term_present(t, low) for t in terms) and all(name in clause for name in quoted) \
                    and any(e.search(clause) for e in events):
                told = f"{c.year_scope}年（今年，报告部署本年工作时所述）：{_trim(clause)}[1]" if in_plan else \
                    f"{c.year_scope}年（去年，报告回顾上一年工作时所述）：{_trim(clause)}[1]"
                return Answer(question, told, [_citation(1, ev)], False)
    return None


def _subject_elsewhere(subject: list[str], clause: str, ev: Evidence, evidence: list[Evidence], events: list) -> bool:
    """A subject word the clause lacks stands, with every other subject word and the event asked, in another top
    sentence: that sentence tells the subject's event, this clause another thing's."""
    subject = [t for t in subject if t not in ("时候", "时间")]      # the asking words of 什么时候, no subject
    missing = [t for t in subject if not term_present(t, clause)]
    if not missing:
        return False
    return any(other.sentence != ev.sentence and all(term_present(t, other.sentence.lower()) for t in subject)
               and any(e.search(other.sentence) for e in events) for other in evidence)


def _figure_asked_too(question: str) -> tuple[bool, str | None]:
    """Whether a when-question also asks a figure in an ask of its own ("…, and how long is it?"), and its unit (长度;
    None for any)."""
    for part in subquestions(question)[1:]:
        low = part.lower()
        unit = expected_unit(part)
        if (unit is not None or _ASKS_FIGURE.search(low)) and not (_ASKS_DATE.search(low) or _ASKS_DATE_SPOKEN.search(part)):
            return True, unit
    return False, None


# a bare year inside a name (韧性城市2030, 2023行动, 2023中外知名企业四川行): no amount, no part of a longer number
_YEAR_IN_NAME = re.compile(r"(?<![\d.])(?:19|20)\d\d(?![\d.%年万亿千百余多个家项人元吨亩])(?=[\u4e00-\u9fff”」“])")
_EVENT_YEAR = re.compile(r"(?:19|20)\d\d年(?:度)?[^，。；、]{0,12}(?:大会|会议|年会|节|博览会|论坛|运动会|赛|展|周)")
_AHEAD = re.compile(r"提前(?:\d+|[一二两三四五六七八九十半]+)个?(?:月|天|日|年|周|星期)")
_CJK_NAME = re.compile(r"[\u4e00-\u9fff]{2,}")
# a day or a month asked: the part of the report that tells the event does not answer it
_ASKS_DAY = re.compile(r"哪天|哪一天|几号|几月|哪个月|哪一个月|日期|what date|which day|\bmonth\b")
# the event a when-question asks (its Chinese or English words) and the report's words telling it
_EVENTS = [(re.compile(told), re.compile(asked)) for told, asked in (
    (r"通车", r"通车|opened? to traffic|open for traffic"),
    (r"建成|竣工|完工", r"建成|建好|竣工|完工|\b(?:completed?|finished|built)\b"),
    (r"开工", r"开工|动工|\b(?:begin|began|start|started)\b.*\b(?:work|construction)\b|\bbreak ground\b|"
              r"\b(?:work|construction)\b.*\b(?:begin|began|begun|start|started)\b"),
    (r"举办|举行|召开|承办", r"举办|举行|召开|承办|开幕|\b(?:host|hosted|hold|held)\b"),
    (r"开放|开园|开馆", r"开放|开园|开馆|\bopen(?:ed)?\b(?! to traffic)"),
    (r"投运|投产|并网", r"投运|投产|并网|运营|\b(?:into operation|into production|on stream|connected to the grid)\b"),
    (r"开通|上线", r"开通|上线|\blaunch(?:ed)?\b|\bwent live\b|\bgo(?:ne)? live\b|\bgo(?:ne)? online\b|\bwent online\b"),
    (r"命名|获评|评为|入选|授予", r"评上|评为|获评|命名|入选|授予|\b(?:named|rated|awarded|designated|selected|listed)\b"),
)]
# a question telling a past event: "是哪年通过的", "去年", "did", "was" (a year asked with none is the plan's too when
# the plan's clause tells the event: "全国古树名木保护大会哪年承办", date.plan_year_asked)
_ASKS_PAST = re.compile(r"的[？?]?$|的(?:吗|呢)|去年|上年|前年|了[？?]?$|过[？?]?$|已经|\b(?:did|was|were|had|last year)\b")
# a when-question asking what is planned (date.plan_year)
_ASKS_PLANNED = re.compile(r"打算|准备|计划|预计|将要|将在|要在|\bwill\b|\bplans? to\b|\bplanned\b|\bgoing to\b|\bset to\b")
# events beyond those above, with the spoken forms of asking them (date.section_events)
_MORE_EVENTS = [(re.compile(told), re.compile(asked)) for told, asked in (
    (r"开钻|开挖|动工", r"开钻|开挖|\bspud(?:ded)?\b|\b(?:began|started) drilling\b"),
    (r"成立|挂牌|组建", r"成立|挂牌|组建|\b(?:set up|established|founded|launched)\b"),
    (r"颁布|施行|出台|印发", r"颁布|施行|出台|印发|\b(?:issued|enacted|passed|took effect|came into force)\b"),
    (r"举办|举行|召开|承办", r"(?<![举承创])(?:办|开)(?:的|了|过|[？?]|$)"),
    (r"创建为|创成|成功创建", r"成为|创建成|创成|评上|\bbecame\b"),
    (r"启动", r"启动"),                          # "三年攻坚行动是哪年启动的": a campaign launched
    (r"通过", r"通过(?:的|了)"),                  # "复审是哪年通过的": a review passed
)]
# English words of the genre's events beyond those above: a festival taking place, a meeting hosted, a well's drilling
# begun (date.english_events_wide)
_EN_MORE_EVENTS = [(re.compile(told), re.compile(asked)) for told, asked in (
    (r"举办|举行|召开|承办", r"\b(?:host(?:s|ing)?|hold(?:s|ing)?|takes? place|took place|taking place|be held)\b"),
    (r"开钻", r"\bdrilling\b.*\b(?:beg[iau]n|begins|start(?:s|ed)?|get(?:s)? under way|got under way|commenc\w*|kick(?:ed)? "
              r"off)\b|\b(?:beg[iau]n|start(?:ed)?|commenc\w*)\b.*\bdrilling\b"),
)]
# "复审是哪年过的": 过 spoken for 通过, a review passed (date.spoken_passed)
_PASSED_SPOKEN = (re.compile(r"通过"), re.compile(r"(?<![通经超度错])过(?:的|了)[？?]?$"))
# "when did the expressway section open": a road opening is its opening to traffic (date.road_opens)
_ROAD_OPENS = (re.compile(r"通车"), re.compile(r"\bopen(?:ed|s)?\b"))
