"""When-questions: only a sentence holding a date answers them."""
from __future__ import annotations

import re

from rag.answer.clauses import _citation, _clauses, _trim
from rag.answer.cues import _ASKS_YEAR, _DATE_RE
from rag.answer.refusal import refuse
from rag.answer.rules import on
from rag.search.query import term_present
from rag.search.sentences import Evidence
from rag.types import Answer

# "“三区两带”是我市“十四五”时期确定的空间发展总体布局": a plan period dates what was decided in it
_PLAN_PERIOD = re.compile(r"“?十[一二三四五六七八九]五”?(?:时期|期间)")


def date_answer(question: str, evidence: list[Evidence], terms: list[str]) -> Answer:
    """"大会哪天开？": the clause with a date that names the subject, or a refusal saying no date is given."""
    best = evidence[0]
    date_re = _DATE_RE
    if _ASKS_YEAR.search(question.lower()) and on("date.year"):
        date_re = re.compile(rf"{_DATE_RE.pattern}|(?:19|20)\d\d年")      # "哪一年建成": a year answers it
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
            if near:
                first, last = min([i, *near]), max([i, *near])
                text = _trim(ev.sentence[clauses[first][0]:clauses[last][1]])
                return Answer(question, f"{text}[1]", [_citation(1, ev)], False)
    if not on("date"):
        return Answer(question, f"{_trim(best.sentence)}[1]", [_citation(1, best)], False)
    return refuse(question, "具体时间", best)
