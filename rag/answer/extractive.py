"""The extractive answerer: pick the sentence (and the clause) that answers, cite it verbatim.

It can only return text that stands in the report, so it cannot invent a number. The answer is
refused ("报告未提及…", refused=True) when no top sentence covers the question, when the question
asks for a number of some kind (吨, 人, 亿元, %) and the covering sentence has none, or when it asks
about one year and the report speaks only of the other.
"""
from __future__ import annotations

import re
from dataclasses import replace

from rag.answer.asks import compared_subjects, conjoined, subquestions
from rag.answer.clauses import _citation, _trim
from rag.answer.compare import compare_answer
from rag.answer.cues import _ASKS_DATE, _ASKS_DATE_SPOKEN, _ASKS_FIGURE, _ASKS_YEAR, _ASKS_YEAR_ZH, FAMILIAR_SHARE
from rag.answer.date import date_answer
from rag.answer.listing import (
    asked_kind,
    counted_not_named,
    counts,
    english_kind,
    enumerates,
    heading_points,
    introduces_list,
    lists_areas_of,
    slogan_kind,
    spelling_out,
    unexplained_slogan,
    whole_sentence,
)
from rag.answer.number import number_answer
from rag.answer.ordinal import ordinal_point
from rag.answer.outline import counted_points, is_outline_question, outline_answer
from rag.answer.refusal import refuse
from rag.answer.rules import on
from rag.answer.support import _year_ok, supported
from rag.config import Config
from rag.figures import expected_unit
from rag.search.query import QueryIntent, content_terms, is_english_text, term_present
from rag.search.retrieval import HybridRetriever
from rag.search.sentences import EN_NUMBER_WORDS, Evidence, candidate_sentences
from rag.types import Answer, Hit

# a question made of a time word and an indicator's name asks its figure: "今年固投目标", "去年社零增速"
_NO_QUESTION_WORD = re.compile(r"什么|哪|怎么|如何|吗|是否|有没有|为何|为什么|why|what|which|how|who|when|where", re.I)
_INDICATOR_ASK = re.compile(r"(?:目标|增速|增幅|增长|总量|规模|收入|产值|投资|总额|率)[？?。！!]?$")


_QUOTED_NUMBER_NAME = re.compile(r"[‘'\"“](\d[\d+]{1,11})[’'\"”]")


def names_an_indicator(question: str, intent: QueryIntent) -> bool:
    """Whether a short question without a question word names an indicator (a glossary term such as 固投,
    or a word that names a measure such as 目标/增速 at its end): it asks that indicator's figure."""
    q = question.strip()
    if len(q) > 16 or _NO_QUESTION_WORD.search(q):
        return False
    if _INDICATOR_ASK.search(q):
        return True
    # "去年社零": an abbreviation the glossary knows, with the year it is asked for
    return bool(intent.expansions) and (intent.strong_time or intent.year is not None)


def extractive_answer(question: str, hits: list[Hit], intent: QueryIntent,
                      doc_years: dict[str, int | None] | None = None, paragraph_of=None,
                      config: Config | None = None, fill_dense=None) -> Answer:
    """`fill_dense`: called when hits ranked without the embedder need its similarity after all
    (dense_similarity), because the best sentence shares few words with the question."""
    doc_years = doc_years or {}
    terms = content_terms(intent.text, intent.english)
    evidence = candidate_sentences(hits, intent, terms)
    if not evidence:
        return refuse(question)
    fitting = [ev for ev in evidence if _year_ok(ev, intent, doc_years, paragraph_of) or not on("year")]
    named = _QUOTED_NUMBER_NAME.findall(question) if intent.is_english and on("english.quoted_number_name") else []
    if intent.is_english and intent.english is not None and on("english.quoted_slogan"):
        # "What is the 'ecology + finance + disposal' model?": the sentence naming the report's slogan (“生态+金融+处置”)
        named += [s for s in intent.english.numbered_slogans(intent.text) if s not in named]
    if named:
        # "What does the '1246' key specialty project stand for?": the numbered name quoted is the report's own wording;
        # the sentences naming it come first (not 175个重点项目 for "key … project")
        fitting = sorted(fitting, key=lambda ev: not any(name in ev.sentence for name in named))
    dictionary_only = intent.is_english and not content_terms(intent.text)
    familiar = dictionary_only and intent.familiarity >= FAMILIAR_SHARE
    gate = dict(dictionary_only=dictionary_only, familiar=familiar, question=intent.text, fill_dense=fill_dense)
    if fitting and not supported(fitting[0], terms, **gate) and on("support.next_covering"):
        # the best-scored sentence shares too few of the question's words, a close runner-up holds them all: it speaks
        # to the question ("hospital and child-care projects": 托育…医院…项目, not 婴幼儿照护 alone)
        runner = next((ev for ev in fitting[1:3] if ev.coverage >= 1.0 and len(terms) >= 2
                       and ev.score >= fitting[0].score - 0.3 and supported(ev, terms, **gate)), None)
        if runner is not None:
            fitting = [runner, *(ev for ev in fitting if ev is not runner)]
    if not fitting or not supported(fitting[0], terms, **gate):
        if supported(evidence[0], terms, **gate) and not _year_ok(evidence[0], intent, doc_years, paragraph_of):
            return refuse(question, "该年份的相关内容", evidence[0])
        return _named_kind(question, intent, fitting or evidence) or refuse(question)
    if intent.kind not in ("definition", "list") and _STANDS_FOR.search(question.lower()) and on("slogan.meaning_asked"):
        # "“1246”…里的1、2、4、6分别代表什么", "What do the four numbers in the '1345' strategy stand for?": a slogan's
        # meaning asked in words that read as a figure or a plain question is still asked
        unexplained = unexplained_slogan(question, fitting[:3], fitting)
        if unexplained:
            return refuse(question, f"“{unexplained[0]}”的具体含义（报告只提到这一名称）", unexplained[1])
    asks_date = _ASKS_DATE.search(question.lower()) or (_ASKS_DATE_SPOKEN.search(question) and on("date.spoken_when"))
    if (asks_date and not _when_joins(question)) \
            or (_ASKS_YEAR.search(question.lower()) and on("date.year")) \
            or (_ASKS_YEAR_ZH.search(question) and on("date.which_year")):
        return date_answer(question, fitting, terms)
    if (intent.kind == "number" or (intent.kind == "other" and expected_unit(question))     # "…GDP, in yuan?"
            # "What is the city's installed clean energy capacity?": a measure asked, not a meaning
            or (intent.kind == "definition" and intent.is_english and on("figures.english_measure_is_no_meaning")
                and expected_unit(question) not in (None, "%", "元", "人"))
            or (intent.kind == "other" and names_an_indicator(question, intent))):             # "今年固投目标"
        return number_answer(question, intent, fitting, terms, config, fill_dense, paragraph_of)
    best = fitting[0]
    kind = (english_kind(question) if intent.is_english else asked_kind(question)) \
        if intent.kind == "list" and on("list.kind") else ""
    if kind and not enumerates(best.sentence, kind):
        # "哪几个园区基地": the sentence listing things of that kind, among those nearly as close as the best
        # half the question's words suffice when the list is of the kind asked ("…等赛事" for 哪些体育比赛, list.kind_half)
        floor = min(best.coverage - 0.34, 0.5) if on("list.kind_half") else best.coverage - 0.34
        best = next((ev for ev in fitting[1:6] if (enumerates(ev.sentence, kind) or lists_areas_of(ev.sentence, kind, question))
                     and ev.coverage >= floor and ev.score >= best.score - 0.5), best)
    n = _english_count(question) if intent.kind == "list" and intent.is_english and on("list.english_count") else 0
    if n and not counts(best.sentence, n):
        # "Which three 'guarantee' agricultural industries": the sentence counting three of them ("…三大保障性产业")
        best = next((ev for ev in fitting[1:6] if counts(ev.sentence, n) and ev.coverage >= best.coverage - 0.34
                     and ev.score >= best.score - 0.5), best)
    unnamed = counted_not_named(question, best.sentence) if intent.kind == "list" and on("list.counted_not_named") else None
    if unnamed:         # "Which four companies made the top-100 list": the report counts them (4家企业跻身…), names none
        return refuse(question, f"具体名单（报告只给出数目：{unnamed}）", best)
    points = heading_points(best, paragraph_of, terms) if intent.kind == "list" and paragraph_of is not None \
        and on("list.heading_points") else None
    if points is not None:      # "深化重点领域改革。…": the heading, then the lead clause of each of its sentences
        text = f"{points[0].sentence}[1]：" + "；".join(f"{ev.sentence}[{n}]" for n, ev in enumerate(points[1:], 2))
        return Answer(question, text, [_citation(n, ev) for n, ev in enumerate(points, 1)], False)
    if intent.kind == "list" and paragraph_of is not None:
        best = whole_sentence(best, paragraph_of)
    elif intent.kind in ("other", "definition") and paragraph_of is not None and introduces_list(best, paragraph_of) \
            and on("list.introduced"):
        best = whole_sentence(best, paragraph_of)      # "…短板和不足。主要是：…": the enumeration it introduces
    if intent.kind in ("definition", "list") and on("slogan"):
        unexplained = unexplained_slogan(question, fitting[:3], fitting)
        if unexplained:
            slogan, ev = unexplained
            return _named_kind(question, intent, fitting) or refuse(question, f"“{slogan}”的具体含义（报告只提到这一名称）", ev)
        spelled = spelling_out(question, fitting if on("slogan.namely") else fitting[:3]) if on("slogan.parts") else None
        if spelled is not None and spelled is not fitting[0]:
            best = spelled          # the sentence that spells the slogan out, not one that only names it
            if paragraph_of is not None and on("slogan.namely"):
                best = whole_sentence(best, paragraph_of)      # "“一核”即…；“两带”即…" is one sentence
    more = _sentences_for_other_subjects(best, evidence, terms) if intent.kind in ("list", "other") else []
    if intent.kind == "list" and not more and on("list.close_runner"):
        more = _close_runner(best, fitting)
    quotes = sorted([best, *more], key=lambda ev: ev.span[0]) if more and more[0].span[0] < best.span[0] else [best, *more]
    return Answer(question, "；".join(f"{_trim(ev.sentence)}[{n}]" for n, ev in enumerate(quotes, 1)),
                  [_citation(n, ev) for n, ev in enumerate(quotes, 1)], False)


_EN_COUNTED = re.compile(r"\b(?:which|what|name|list|the)\s+['‘\"“]?(two|three|four|five|six|seven|eight|nine|ten|[2-9])\b", re.I)


def _english_count(question: str) -> int:
    """"Which three … industries": the count an English list question names (list.english_count); 0 when none."""
    m = _EN_COUNTED.search(question)
    if m is None:
        return 0
    word = m.group(1).lower()
    return int(word) if word.isdigit() else EN_NUMBER_WORDS[word]


def _named_kind(question: str, intent: QueryIntent, evidence: list[Evidence]) -> Answer | None:
    """Instead of a refusal: "“1+4+7”指什么" is answered by the clause naming it with its kind (slogan.bare_kind)."""
    named = slogan_kind(question, evidence) if intent.kind in ("definition", "other") else None
    if named is None:
        return None
    ev, clause = named
    return Answer(question, f"{_trim(clause)}[1]", [_citation(1, ev)], False)


def _close_runner(best: Evidence, fitting: list[Evidence]) -> list[Evidence]:
    """"What are the two security bases …?": a list often runs over two sentences of one section ("聚力建设…能源安全保障基地。"
    "聚力建设…粮食安全保障基地。"); the runner-up that holds as many of the question's words, scores nearly as high and
    stands in the same part of the same report is cited after the best (list.close_runner)."""
    c = best.hit.chunk
    return [ev for ev in fitting[:3] if ev is not best and ev.sentence not in best.sentence
            and best.sentence not in ev.sentence and ev.coverage >= best.coverage and ev.score >= best.score - 0.1
            and ev.hit.chunk.doc_id == c.doc_id and ev.hit.chunk.section[:2] == c.section[:2]][:1]


def _sentences_for_other_subjects(best: Evidence, evidence: list[Evidence], terms: list[str]) -> list[Evidence]:
    """"What are this year's targets for rural toilets, sewage treatment and rubbish disposal?": subjects the best
    sentence does not name are answered by the sentences right after it in its paragraph that do ("…生活污水有效治理率
    达75%", "…生活垃圾无害化处理率达100%"), each cited (list.every_subject)."""
    if not on("list.every_subject") or len(terms) < 3:
        return []
    said = best.sentence.lower()
    missing = [t for t in terms if not term_present(t, said)]
    if not missing or len(missing) == len(terms):
        return []
    c = best.hit.chunk
    after = sorted((ev for ev in evidence if ev.hit.chunk.doc_id == c.doc_id and ev.hit.chunk.para_no == c.para_no
                    and best.span[1] <= ev.span[0]), key=lambda ev: ev.span[0])
    out: list[Evidence] = []
    for ev in after[:3]:
        named = [t for t in missing if term_present(t, ev.sentence.lower())]
        if not named:
            break               # the paragraph has gone on to something else
        out.append(ev)
        missing = [t for t in missing if t not in named]
        if not missing:
            break
    if missing and not out and on("list.every_subject_before"):
        # "农村污水和垃圾…": the subject left may stand in the sentence right before (…生活污水有效治理率达75%。…垃圾…)
        before = sorted((ev for ev in evidence if ev.hit.chunk.doc_id == c.doc_id and ev.hit.chunk.para_no == c.para_no
                         and ev.span[1] <= best.span[0]), key=lambda ev: -ev.span[0])
        if before and all(term_present(t, before[0].sentence.lower()) for t in missing):
            return [before[0]]
    return out if not missing else []


# what a slogan's parts stand for, asked outright (the broader list cues, 包括哪 or 内容, ask members or wording)
_STANDS_FOR = re.compile(r"代表(?:什么|啥|的是)|指什么|指的是什么|什么意思|啥意思|含义|\bstand for\b|\bmean\b|\brefers? to\b")


# an ask wanting words: a question word of naming, not of quantity
# ("what" often asks a figure in English: "what was their combined investment", "what share")
_ASKS_WORDS = re.compile(r"\bwhich\b|哪些|哪几|哪个|什么(?!时候|时间)")


def _each_ask(q: str, retriever: HybridRetriever, k: int, config: Config | None,
              parts: list[str] | None = None) -> tuple[Answer, list[Hit]] | None:
    """"What national conference on ancient trees will the city host, and what cypress-protection project will be
    implemented?": two asks that want words, not figures, each answered from its own search and cited, when both are
    answered by different sentences (asks.two_wordings); None otherwise (the question is answered whole)."""
    parts = parts or subquestions(q)
    if len(parts) != 2:
        return None
    figures = [p for p in parts if _ASKS_FIGURE.search(p.lower())]
    # "Which trains run from the city, and how many a month are planned?": one ask wants names, the other a figure
    if figures and not (len(figures) == 1 and on("asks.words_and_figure")
                        and all(_ASKS_WORDS.search(p.lower()) and expected_unit(p) is None
                                for p in parts if p not in figures)):
        return None
    found = [_extractive(p, retriever.understand(p), retriever, k, config, whole=False) for p in parts]
    (first, hits1), (second, hits2) = found
    if first.refused or second.refused or not first.citations or not second.citations:
        return None
    if {c.char_span for c in first.citations} & {c.char_span for c in second.citations}:
        return None
    return _joined(q, first, second), [*hits1, *hits2]


def _joined(q: str, first: Answer, second: Answer) -> Answer:
    """Two answers as one: the second's citations numbered on after the first's."""
    shift = len(first.citations)
    text = re.sub(r"\[(\d+)\]", lambda m: f"[{int(m.group(1)) + shift}]", second.text)
    cites = [*first.citations, *(replace(c, n=c.n + shift) for c in second.citations)]
    return Answer(q, f"{first.text}；{text}", cites, False)


def _two_subjects(q: str, sides: list[str], retriever: HybridRetriever, k: int,
                  config: Config | None) -> tuple[Answer, list[Hit]]:
    """Two subjects compared at one time (compare.two_subjects): each side's ask answered from its own search and
    cited; when the report gives one side no figure, the comparison is not given: that side's refusal answers."""
    found = [_extractive(p, retriever.understand(p), retriever, k, config, whole=False) for p in sides]
    hits = [h for _, side_hits in found for h in side_hits]
    for answer, _ in found:
        if answer.refused or not answer.citations:
            return replace(answer, question=q), hits
    (first, _), (second, _) = found
    if {c.char_span for c in first.citations} == {c.char_span for c in second.citations}:
        # one sentence gives both ("…分别达95%、90%"): cited once, each side's clause told
        told, also = (re.sub(r"\[\d+\]$", "", a.text) for a in (first, second))
        text = first.text if also in told else f"{told}；{second.text}"
        return replace(first, question=q, text=text), hits
    return _joined(q, first, second), hits


def _when_joins(question: str) -> bool:
    """'Which three groups did it form when it restructured …': 'when' joins a clause; the question word before it asks
    (date.when_clause)."""
    low = question.lower()
    m = re.search(r"\bwhen\b", low)
    if m is None or not on("date.when_clause") or not is_english_text(question):
        return False
    if on("date.when_leads_clause") and _WHEN_LEADS_CLAUSE.match(low):
        return True         # "When the report talks about 'one core', what does it mean?": the ask follows the comma
    if on("date.when_in_statement"):
        # "My nephew still had no job when he left college. What share of grads …?": a 'when' in a sentence that tells
        # (it ends with a full stop) before the one that asks joins a clause of the telling
        sentences = re.split(r"(?<=[.!])\s+", low.strip())
        if len(sentences) > 1 and sentences[-1].rstrip().endswith("?") \
                and not any(re.search(r"\bwhen\b", t) for t in sentences if t.rstrip().endswith("?")):
            return True
    return bool(re.search(r"\b(?:what|which|who|how|where)\b", low[:m.start()]))


# "When the report talks about …, what does it mean": 'when' and a subject, no verb of its own asking, then a comma and
# the question word (date.when_leads_clause); "When will it open, and what …" asks the date
_WHEN_LEADS_CLAUSE = re.compile(r"\s*when\s+(?!(?:will|would|did|does|do|is|are|was|were|can|could|should|shall|has|have|had|"
                                r"might|must)\b)[^?]+?[,;—–-]\s*(?:so\s+|then\s+)?(?:what|which|who|how|where|why|is|are|does|do|did)\b")


def _leaves_a_subject(answer: Answer, parts: list[str], retriever: HybridRetriever) -> bool:
    """Whether the answer's quotes name none of the words (with their glossary wordings) one of the joined asks has of
    its own."""
    said = " ".join(c.quote for c in answer.citations).lower()
    terms = [list(retriever.understand(p).expansions) for p in parts]
    for n, own in enumerate(terms):
        own = [t for t in own if not any(t in other for k, other in enumerate(terms) if k != n)]
        if own and not any(term_present(t, said) for t in own):
            return True
    return False


def _extractive(q: str, intent: QueryIntent, retriever: HybridRetriever, k: int,
                config: Config | None = None, whole: bool = True) -> tuple[Answer, list[Hit]]:
    answer, hits = _extractive_whole(q, intent, retriever, k, config, whole)
    if whole and not answer.refused and intent.kind in ("list", "definition", "other") and on("asks.conjoined_words") \
            and len(subquestions(q)) == 1:
        # "What conferences will it host for aluminium and food?": subjects joined, the answer names one of them; each
        # is asked alone
        parts = [a.text for a in conjoined(q)]
        if len(parts) == 2 and _leaves_a_subject(answer, parts, retriever):
            both = _each_ask(q, retriever, k, config, parts)
            if both is not None:
                return both
    return answer, hits


def _quotes_a_slogan(q: str, hits: list[Hit]) -> bool:
    """"“三片”指的是哪几块": the question quotes a name the report quotes among the first hits, so it asks that name's
    parts (推动东部城区、西部城区、北部城区“三片”…), not the outline of the report (outline.quoted_slogan)."""
    quoted = re.findall(r"[“\"]([^“”\"]{2,12})[”\"]", q)
    if not quoted or not on("outline.quoted_slogan"):
        return False
    return any(f"“{name}”" in hit.chunk.text for hit in hits[:3] for name in quoted)


def _extractive_whole(q: str, intent: QueryIntent, retriever: HybridRetriever, k: int,
                      config: Config | None = None, whole: bool = True) -> tuple[Answer, list[Hit]]:
    sides = compared_subjects(q) if whole else None
    if sides:
        # "How did exports compare with imports last year?": each subject's figure, or a refusal when one is not given
        return _two_subjects(q, sides, retriever, k, config)
    if intent.kind == "compare":
        return compare_answer(q, intent, retriever, k, config), []
    if whole and (intent.kind in ("list", "definition", "other") or (intent.kind == "number" and on("asks.words_and_figure"))) \
            and on("asks.two_wordings"):
        both = _each_ask(q, retriever, k, config)
        if both is not None:
            return both
    hits = retriever.search(q, k=k, intent=intent)
    if is_outline_question(q) and not _quotes_a_slogan(q, hits):
        if on("slogan.before_outline"):
            # "“1345”发展战略具体是哪几个方面": a slogan the report names but never spells out, not the outline
            evidence = candidate_sentences(hits, intent, content_terms(intent.text, intent.english))
            unexplained = unexplained_slogan(q, evidence[:3], evidence) if evidence else None
            if unexplained:
                return refuse(q, f"“{unexplained[0]}”的具体含义（报告只提到这一名称）", unexplained[1]), hits
        outline = outline_answer(q, intent, retriever, hits)
        if outline is not None:
            return outline, hits
    point = ordinal_point(q, retriever, hits)      # "民生实事里第九件是啥"
    if point is not None:
        return point, hits
    if intent.kind == "list" and on("list.counted_points"):
        # "十件民生实事是哪些": the N things as the report lists them after naming them
        points = counted_points(q, retriever, hits)
        if points is not None:
            return points, hits
    return extractive_answer(q, hits, intent, retriever.doc_years, retriever.paragraph_of, config,
                             fill_dense=lambda: retriever.fill_dense(hits, intent)), hits
