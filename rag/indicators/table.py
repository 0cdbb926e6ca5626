"""指标一览: every number in a report as a structured, cited row (issue 6).

`indicators()` turns each quantity in the report ("地区生产总值增长6.2%", "力争实现产值350亿元以上",
"外商直接投资、货物进出口总额分别增长121.4%、23.2%") into an `Indicator`: a name, the value as
written, its unit, qualifiers (力争/以上/左右/达…), whether it is a 2024 target, a 2023 result or
neither, the section path and the verbatim clause that carries it. `compare()` sets a 2023 result
beside the 2024 target for the same indicator; `lookup()` finds the rows a numeric question asks for.

How a number is read (rules over the sentences and clauses of rag.ingest paragraphs; jieba only
splits the names of an enumeration, "茶叶、猕猴桃产量" → 茶叶产量 / 猕猴桃产量, "生产安全事故起数、死亡人数"
→ …起数 / 生产安全事故死亡人数):
- A mention is an Arabic number with a unit from UNITS (MENTION_RE): "6.2%", "350亿元", "2×100万千瓦",
  "第8位". Besides these, "连续3年" (a streak) and a bare Chinese magnitude after 突破/上线
  ("突破千亿元", "上线万人以上", value written as 1000 / 1) become rows.
- Skipped on purpose, they are not quantities: years and dates (2023年, 7月25日, 2023届, "2023全国…"),
  codes and names (“1+3+3”, “1345”, 12345热线, PM2.5, 5G, 4A级, G542线, anything inside “…”),
  ordinals of events (第19届, 第十二届).
- kind: "other" for ranks (居全省第2位), streaks (连续8年), anniversaries (75周年), the capacity of a
  named project (2×100万千瓦中煤…项目, 500千伏电网工程) and counts of rules being applied
  (严格落实城市20条); otherwise the paragraph's year scope decides: the review year → "result",
  the plan year → "target"; a paragraph without a scope is a target only when it says 力争/确保/目标.
- The name is the noun phrase before the number with fillers (全年, 实现, 力争…) and cues (达, 突破,
  保持在…) taken off; growth keeps its verb ("…增长", "…下降"). A count written before its noun
  ("4家企业跻身…") is named by what follows. A bare measure ("产值", "增长", "总投资") borrows the
  subject of the item or clause before it, and then the quote starts at that clause.
"""
from __future__ import annotations

import csv
import itertools
import json
import re
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from rag.config import Config
from rag.corpus.chunk import sentence_spans
from rag.types import Document, Paragraph

KINDS = ("target", "result", "other")

# ---- what counts as a quantity ------------------------------------------------------------------

# Longest first so "万平方米" wins over "平方米" and "个百分点" over "个". "万" alone is last: it is the
# unit of "24万困难群众". 年/月/日/届 are not units: they make dates, years and ordinals.
UNITS = sorted((
    "%", "个百分点", "万亿元", "亿元", "万元", "元", "万美元", "亿立方米", "万立方米", "立方米",
    "万平方米", "平方米", "万亩", "亩", "万千瓦", "千伏", "万吨", "吨", "万头", "头", "万人次", "人次",
    "万人", "人", "万户", "户", "公里", "个月", "周年", "个", "家", "项", "所", "条", "处", "件", "株",
    "种", "类", "部", "列", "轮", "批次", "场次", "次", "场", "套（间）", "套", "位", "万",
), key=len, reverse=True)
# Units a count is written with before its noun ("4家企业", "300个重点项目").
CLASSIFIERS = set("个家项所条处件株种类部列轮次场户套人万") | {"批次", "场次", "人次", "套（间）", "万人", "万户"}
# Physical units: followed directly by a noun they give a named project's size ("2×100万千瓦中煤…项目").
PHYSICAL = {"万千瓦", "千伏", "万吨", "吨", "亿立方米", "万立方米", "立方米", "万平方米", "平方米", "万亩", "亩",
            "公里"}
_NUM = r"\d+(?:\.\d+)?(?:×\d+(?:\.\d+)?)?"
_UNIT_ALT = "|".join(re.escape(u) for u in UNITS)
# A number-with-unit mention: the unit of the coverage figure (see module docstring). Not after a
# letter, digit, "." or "+" (PM2.5, G542, 1+3+3), and the unit must follow at once.
MENTION_RE = re.compile(rf"(?<![A-Za-z0-9.+×])(?P<num>{_NUM})(?P<approx>余|多)?(?P<unit>{_UNIT_ALT})"
                        rf"(?P<suffix>以上|左右|以内|以下|余)?")
_STREAK_RE = re.compile(r"连续(?P<num>\d+)年")
_MAGNITUDE_RE = re.compile(r"(?<=突破|上线|超过)(?P<num>[千万])(?P<unit>亿元|人)(?P<suffix>以上|左右)?")
_MAGNITUDE = {"千": "1000", "万": "1"}

# ---- the words a name is made of ----------------------------------------------------------------

# Words before a name that say nothing about what is measured; 力争/确保 become qualifiers.
_FILLERS = ("进一步", "全年", "全市", "全面", "大力", "持续", "积极", "全力", "力争", "确保", "实现", "累计",
            "成功", "有效", "努力", "推动", "同时", "其中", "我市", "我们", "并", "共", "还", "再", "已",
            "严格", "深入", "稳步", "扎实", "切实", "不断", "着力", "合计", "力促")
_TARGET_CUES = ("力争", "确保")
# Verbs an indicator name may start with ("新增国家高新技术企业"); an item of a 、-list without its own
# verb takes the list's ("改造城市主次干道18条、老旧小区191个" → 改造老旧小区).
_KEEP_VERBS = tuple(sorted((
    "新增", "新建", "新建成", "新开工", "新竣工", "新培育", "新登记", "新签约", "新开通", "新入库", "新创建",
    "新改扩建", "新（改）建", "新（改）扩建", "新建和改造提升", "改造", "建成", "创建", "创（升）", "认定", "入库",
    "培育", "引进", "投放", "筹集", "承办", "举办", "开展", "实施", "应对", "完成", "获得", "获批", "入选",
    "开通", "开工", "竣工", "推进", "提速推进", "加快建设", "开工建设", "盘活", "办理", "集中开工", "出台",
    "争取", "开行", "发放", "代缴", "推广", "示范推广", "推行", "启动", "落实", "执行", "加快",
), key=len, reverse=True))
# Cues between a name and its number: dropped from the name, several kept as qualifiers.
_TRAIL_CUES = ("保持在", "稳定在", "控制在", "达到", "突破", "超过", "历史性", "保持", "同比", "达", "超", "约",
               "近", "为", "共", "的", "累计")
_QUALIFIER_CUES = {"保持在", "稳定在", "控制在", "达到", "突破", "超过", "保持", "同比", "达", "超", "约", "近"}
# A change verb stays in the name: "地区生产总值增长", "生产安全事故起数下降".
_CHANGE_VERBS = ("增长", "下降", "上调", "下调", "提高", "降低", "压减", "减少", "增加", "提速")
# Names that say what is measured but not of what: they borrow the subject before them.
_GENERIC = {"增长", "增幅", "增速", "总投资", "投资", "产值", "产量", "增加值", "占比", "比重", "规模", "签约资金",
            "里程数", "金额", "总额"}
# Where a clause's subject ends: "铝基新材料产业纳入川渝…" → 铝基新材料产业.
_PREDICATES = ("纳入", "入选", "实现", "获评", "荣获", "跻身", "达到", "位居", "增长", "完成", "被", "成为", "获得",
               "创", "保持", "呈现")
_YEAR_PREFIX = re.compile(r"^(?:20\d\d(?:年|届)?(?:是|，)?)")
_STREAK_IN_NAME = re.compile(r"连续[\d一二三四五六七八九十]+年")
_RANK_TAIL = re.compile(r"(?:位居|位列|居|排名|排)?(?P<scope>全省|全国|全市|全球)?(?P<pos>第|前)$")
_UNIT_MEASURE = {"万千瓦": "装机", "千伏": "电压等级"}
_QUOTE_MARKS = "“”‘’「」"
_OPEN, _CLOSE = "“（(《「『‘", "”）)》」』’"
_CLAUSE_PUNCT = "，；：。！？"
_CATEGORY_HEADS = ("产业", "行业", "领域")


@dataclass(frozen=True)
class Indicator:
    """One quantity stated in a report, with the clause that states it."""

    indicator: str                  # e.g. "铝基新材料首位产业产值", "地区生产总值增长"
    value: str                      # as written: "350", "6.2", "2×100"
    unit: str                       # "亿元", "%", "万亩", "家", …
    qualifier: str                  # "力争、以上", "左右", "达", "" … joined by "、"
    kind: str                       # "target" | "result" | "other"
    year: int | None                # 2024 for targets, 2023 for results in the 2024 report
    section: str                    # section path "A > B > C"
    quote: str                      # the verbatim clause(s) carrying the number
    char_span: tuple[int, int]      # span of quote in Document.text
    doc_id: str
    doc_title: str
    region: str = ""                # the report's region and delivery year
    report_year: int | None = None

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def display_value(self) -> str:
        """"350亿元", "6.5%" — the value with its unit, for tables."""
        return f"{self.value}{self.unit}"


@dataclass(frozen=True)
class IndicatorPair:
    """The same indicator as a result of the review year and as a target of the plan year."""

    indicator: str                  # a name for both (the result's)
    result: Indicator
    target: Indicator

    def to_dict(self) -> dict:
        return {"indicator": self.indicator, "result": self.result.to_dict(), "target": self.target.to_dict()}


# ---- text helpers ---------------------------------------------------------------------------------

def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Spans inside “…” (names and slogans: a number there is part of a name, not a quantity)."""
    out, start = [], None
    for i, ch in enumerate(text):
        if ch == "“" and start is None:
            start = i
        elif ch == "”" and start is not None:
            out.append((start, i + 1))
            start = None
    return out


def _top_level(text: str, start: int, end: int):
    """Positions in text[start:end] outside brackets and quotes (the marks themselves excluded)."""
    depth = 0
    for i in range(start, end):
        ch = text[i]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0:
            yield i


def _clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses of text[start:end] split at ，；：。！？ outside brackets and quotes; punctuation excluded."""
    spans, a = [], start
    for i in _top_level(text, start, end):
        if text[i] in _CLAUSE_PUNCT:
            if i > a:
                spans.append((a, i))
            a = i + 1
    if end > a and text[a:end].strip():
        spans.append((a, end))
    return spans


def _split_top(text: str, sep: str = "、") -> list[str]:
    cuts = [i for i in _top_level(text, 0, len(text)) if text[i] == sep]
    bounds = [-1, *cuts, len(text)]
    return [text[x + 1:y] for x, y in itertools.pairwise(bounds)]


def _clean(name: str) -> str:
    name = "".join(ch for ch in name if ch not in _QUOTE_MARKS)
    name = _STREAK_IN_NAME.sub("", name)
    return name.strip(" ，、")


def _strip_lead(s: str, quals: list[str] | None = None) -> str:
    """Take fillers and a year prefix off the front; 力争/确保 go to quals."""
    s = s.strip(" ，、")
    changed = True
    while changed and s:
        changed = False
        m = _YEAR_PREFIX.match(s)
        if m and m.end() < len(s):
            s, changed = s[m.end():], True
            continue
        for w in _FILLERS:
            if s.startswith(w):
                if quals is not None and w in _TARGET_CUES:
                    quals.append(w)
                s, changed = s[len(w):], True
                break
    return s


def _strip_trail(s: str, quals: list[str]) -> str:
    """Take cues (达, 突破, 保持在…) off the end; the meaningful ones go to quals."""
    found = []
    changed = True
    while changed and s:
        changed = False
        for w in _TRAIL_CUES:
            if s.endswith(w) and len(s) > len(w):
                if w in _QUALIFIER_CUES:
                    found.append(w)
                s, changed = s[:-len(w)], True
                break
    quals.extend(reversed(found))
    if "同比" in s:            # "同比增长" inside a name: the comparison is a qualifier, not the name
        s = s.replace("同比", "")
        quals.append("同比")
    return s


def _leading_verb(s: str) -> str:
    for v in _KEEP_VERBS:
        if s.startswith(v):
            return v
    return ""


def _drop_examples(s: str) -> str:
    """"新开工米仓山大峡谷旅游景区等项目" → "新开工项目": an 等-list names examples, not the indicator —
    except before a category head ("…医药健康等重点产业产值"), where it sets the scope."""
    k = s.rfind("等")
    if k <= 0:
        return s
    head = s[k + 1:]
    if any(h in head[:4] for h in _CATEGORY_HEADS):
        return s
    stripped = _strip_lead(s[:k])
    return _leading_verb(stripped) + head


def _subject(clause: str) -> str | None:
    """The subject of a clause, for a bare measure after it ("铝基新材料产业纳入…" → 铝基新材料产业)."""
    s = _clean(_strip_lead(clause))
    for v in ("大力发展", "发展", "围绕", "聚焦", "推动"):
        if s.startswith(v):
            s = s[len(v):]
    cut = min((i for i in (s.find(p) for p in _PREDICATES) if i > 1), default=len(s))
    s = s[:cut]
    return s if 2 <= len(s) <= 24 and not re.search(r"\d", s) else None


@lru_cache(maxsize=1)
def _jieba():
    import logging

    import jieba
    jieba.setLogLevel(logging.WARNING)
    return jieba


def _first_word(s: str) -> str:
    words = _jieba().lcut(s, HMM=False)
    return words[0] if words else s


def _shared_tail(names: list[str]) -> list[str]:
    """"养老、工伤、失业保险参保" → 养老保险参保 / 工伤保险参保 / 失业保险参保: short heads share the
    last item's tail (what follows its first word)."""
    if len(names) < 2 or not all(1 <= len(n) <= 3 for n in names[:-1]) or len(names[-1]) <= 3:
        return names
    head = _first_word(names[-1])
    tail = names[-1][len(head):]
    if not tail or len(head) > 4:
        return names
    return [n + tail for n in names[:-1]] + [names[-1]]


def _shared_head(names: list[str]) -> list[str]:
    """"生产安全事故起数、死亡人数" → …起数 / 生产安全事故死亡人数: short later items share the first
    item's head (all but its last word)."""
    if len(names) < 2 or len(names[0]) < 6 or not all(1 <= len(n) <= 4 for n in names[1:]):
        return names
    words = _jieba().lcut(names[0], HMM=False)
    head = "".join(words[:-1])
    if not head or any(n.startswith(head) for n in names[1:]):
        return names
    return names[:1] + [head + n for n in names[1:]]


# ---- mentions -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Mention:
    start: int          # of the number, in paragraph text
    end: int            # after unit and suffix qualifier
    value: str
    unit: str
    form: str           # "num" | "rank" | "streak" | "magnitude"
    prefix: str         # qualifier written before the number (第/前 for ranks)
    suffix: str         # 以上 / 左右 / 余 …


def _mentions(text: str) -> list[_Mention]:
    quoted = _quoted_ranges(text)

    def in_quotes(i):
        return any(a < i < b for a, b in quoted)

    out: list[_Mention] = []
    for m in MENTION_RE.finditer(text):
        s = m.start()
        if in_quotes(s):
            continue
        before = text[max(0, s - 1):s]
        unit, suffix = m.group("unit"), (m.group("approx") or "") + (m.group("suffix") or "")
        if before == "第" and unit != "位":
            continue                                  # an ordinal (第2个…): part of a name
        form, prefix = "num", ""
        if unit == "位":
            if before not in ("第", "前"):
                continue
            form, prefix = "rank", before
        out.append(_Mention(s, m.end(), m.group("num"), unit, form, prefix, suffix))
    for m in _STREAK_RE.finditer(text):
        if not in_quotes(m.start()):
            out.append(_Mention(m.start("num"), m.end(), m.group("num"), "年", "streak", "连续", ""))
    for m in _MAGNITUDE_RE.finditer(text):
        # 千亿元 = 1000 亿元; 万人 = 1 万人
        unit = ("万" if m.group("num") == "万" else "") + m.group("unit")
        out.append(_Mention(m.start(), m.end(), _MAGNITUDE[m.group("num")], unit, "magnitude", "",
                            m.group("suffix") or ""))
    return sorted(out, key=lambda x: x.start)


# ---- reading one sentence -------------------------------------------------------------------------

@dataclass(frozen=True)
class _Draft:
    """A row before the paragraph context (kind, section, spans) is added."""

    name: str
    mention: _Mention
    quals: tuple[str, ...]
    quote_start: int        # in paragraph text
    quote_end: int
    other: bool             # a rank, streak, project size … (kind "other")


def _join_quals(*groups) -> tuple[str, ...]:
    out: list[str] = []
    for g in groups:
        for q in g:
            if q and q not in out:
                out.append(q)
    return tuple(out)


class _SentenceReader:
    """Turns the clauses of one sentence into drafts, remembering what earlier clauses said."""

    def __init__(self, text: str, mentions: list[_Mention]):
        self.text = text
        self.mentions = mentions
        self.cue = ""                              # the last 力争/确保: it governs later clauses too
        self.prev_clause: tuple[int, int] | None = None
        self.prev_enum: list[str] = []             # names of the last 分别-enumeration
        self.prev_names: list[str] = []            # names given in the last clause that had numbers
        self.drafts: list[_Draft] = []

    def read(self, clauses: list[tuple[int, int]]) -> list[_Draft]:
        for a, b in clauses:
            mentions = [m for m in self.mentions if a <= m.start < b]
            body = self.text[a:b]
            k = body.find("分别")
            before = len(self.drafts)
            if k >= 0 and any(m.start > a + k for m in mentions):
                head = [m for m in mentions if m.start < a + k]
                if head:
                    self._items(a, a + k, head)
                self._enumeration(a, b, a + k, [m for m in mentions if m.start > a + k])
            elif mentions:
                self._items(a, b, mentions)
            if len(self.drafts) > before:
                self.prev_names = [d.name for d in self.drafts[before:]]
            self.cue = self._cue_at(a, b) or self.cue
            self.prev_clause = (a, b)
        return self.drafts

    def _cue_at(self, a: int, end: int) -> str:
        body = self.text[a:end]
        found = [(body.rfind(c), c) for c in _TARGET_CUES if c in body]
        return max(found)[1] if found else ""

    def _cues(self, a: int, m: _Mention) -> list[str]:
        return [self._cue_at(a, m.start) or self.cue]

    # "外商直接投资、货物进出口总额分别增长121.4%、23.2%"
    def _enumeration(self, a: int, b: int, k: int, values: list[_Mention]) -> None:
        text = self.text
        quals: list[str] = []
        names_text = _clean(_strip_lead(text[a:k], quals))
        v = _leading_verb(names_text)
        if v and len(names_text) > len(v):
            names_text = names_text[len(v):]
        verb = text[k + 2:values[0].start].strip()
        names = [n for n in (_clean(x) for x in _split_top(names_text)) if n]
        quote_start = a
        if len(names) == 1 and len(values) > 1:
            if "城乡" in names[0] and len(values) == 2:
                names = [names[0].replace("城乡", "城镇", 1), names[0].replace("城乡", "农村", 1)]
            elif len(self.prev_enum) == len(values) and self.prev_clause:
                names = [p + names[0] for p in self.prev_enum]
                quote_start = self.prev_clause[0]
        names = _shared_head(_shared_tail(names))
        self.prev_enum = list(names)
        change = next((c for c in _CHANGE_VERBS if verb.startswith(c)), "")
        cue = verb if verb in _QUALIFIER_CUES else ""
        if len(names) == len(values):
            pairs = list(zip(names, values, strict=False))
        elif len(values) == 1:
            pairs = [(n, values[0]) for n in names]
        else:
            pairs = [("、".join(names), m) for m in values]
        for name, m in pairs:
            self.drafts.append(_Draft(name + change, m, _join_quals(self._cues(a, m), quals, [cue, m.suffix]),
                                      quote_start, b, False))

    def _post_named(self, m: _Mention) -> bool:
        """A count written before its noun ("4家企业…"): CJK text follows the unit at once."""
        after = self.text[m.end:m.end + 1]
        return m.form in ("num", "magnitude") and bool(after) and (_is_cjk(after) or after in "“《")

    # "新培育规上工业企业55家、省级“专精特新”企业7家", "实现地方一般公共预算收入68.12亿元、增长11%"
    def _items(self, a: int, b: int, mentions: list[_Mention]) -> None:
        text = self.text
        seg = a                                    # where the current mention's own words start
        item_names: list[tuple[str, int]] = []     # (name, quote start) given so far in this clause
        list_verb = ""                             # the verb of the clause's first item
        prev: _Mention | None = None
        prev_name = ""
        tail_names = self._shared_tail_chain(a, b, mentions)
        for i, m in enumerate(mentions):
            new_item = False
            if prev is not None:
                cut = _last_top_level(text, prev.end, m.start, "、")
                if cut >= 0:
                    new_item, seg = True, cut + 1
            between = text[seg:m.start]
            nxt = mentions[i + 1] if i + 1 < len(mentions) else None
            nxt_start = nxt.start if nxt else b
            quals: list[str] = []
            quote_start = a
            other = m.form in ("rank", "streak") or m.unit == "周年"
            post_named = self._post_named(m)
            if m.unit == "条" and re.search(r"落实|执行|按照|用好", text[a:m.start]):
                other = True

            if tail_names:
                name = tail_names[i]
            elif m.form == "streak" or (post_named and m.unit in ("个月", "周年")):
                # "质量工作考核连续2年获得A级": what came before and after both belong to the name
                post = _post_text(text, m.end, nxt_start, b)
                lead = _strip_lead(between, quals)
                lead = lead[:-2] if lead.endswith("连续") else lead
                name = _clean(_strip_trail(lead, quals) + post)
            elif post_named and m.unit in PHYSICAL:
                # "2×100万千瓦中煤广元燃煤发电等项目": the size of a named project
                other = True
                name = self._project_size(between, m, nxt_start, b)
            elif post_named and m.unit in CLASSIFIERS:
                # "4家企业跻身…", "全力推进300个重点项目": the noun after the number names it
                post = _clean(_post_text(text, m.end, nxt_start, b))
                if text[m.end + len(_post_text(text, m.end, nxt_start, b)):][:1] == "、":
                    post = _cut_listed(post)          # "300个加快前期重点项目环评、节能审查等要件"
                if nxt is not None and nxt_start == m.end + len(_post_text(text, m.end, nxt_start, b)):
                    if self._post_named(nxt):     # "30家医疗机构实现116项检查检验结果互认共享"
                        post += _clean(_post_text(text, nxt.end, b, b))
                    elif _strip_trail(post, []).endswith(_MEASURE_ENDS):
                        post = _head_noun(post)   # "860个中期评估项目有效实施率达93.4%"
                lead = _strip_trail(_strip_lead(_drop_examples(between), quals), [])
                if not lead and new_item and list_verb and not _leading_verb(post):
                    lead = list_verb
                verb = "为" if lead == "为" else _leading_verb(lead)
                name = verb + post
            elif m.form == "rank":
                base = _strip_lead(between, quals)
                r = _RANK_TAIL.search(base)
                scope = (r.group("scope") or "全省") if r else "全省"
                base = _clean(base[:r.start()] if r else base)
                if not base or base in _GENERIC:
                    subj, quote_start = self._borrow(item_names, a)
                    base = (subj or "") + (base or "")
                name = base + scope + "排名"
            else:
                raw = _drop_examples(between)
                name = _clean(_strip_trail(_strip_lead(raw, quals), quals))
                name = name.replace("实现", "") if len(name) > 4 else name
                bare = name[:-2] if name.endswith(_CHANGE_VERBS) else name
                if not name and prev is not None and not new_item and seg == prev.end:
                    name = prev_name                       # "集中开工项目4批次945个"
                    quote_start = item_names[-1][1] if item_names else a
                elif not name or bare in _GENERIC or bare == "":
                    subj, quote_start = self._borrow(item_names, a)
                    name = (subj or "") + name
                elif len(name) <= 3 and not item_names and self.prev_names:
                    # "…政协委员提案204件，办结率100%": a bare rate belongs to the clause before
                    name = "、".join(_without_verb(n) for n in self.prev_names[:2]) + name
                    quote_start = self.prev_clause[0] if self.prev_clause else a
                elif new_item and list_verb and not _leading_verb(name):
                    name = list_verb + name
            if not item_names:
                list_verb = _leading_verb(name) if m.form != "streak" else ""
            name = name or _clean(text[a:m.start]) or m.unit
            item_names.append((name, quote_start))
            if m.form in ("rank", "streak"):
                quals.append(m.prefix)                     # 第 / 前 / 连续
            self.drafts.append(_Draft(name, m, _join_quals(self._cues(a, m), quals, [m.suffix]),
                                      quote_start, b, other))
            prev, prev_name, seg = m, name, m.end

    def _shared_tail_chain(self, a: int, b: int, mentions: list[_Mention]) -> list[str]:
        """"城市20条、集镇10条、农房15条建设管理规范措施": short items joined by 、 share the noun after
        the last number. Returns the names, or [] when the clause is not such a chain."""
        text = self.text
        if len(mentions) < 2 or not self._post_named(mentions[-1]):
            return []
        if any(text[m.end:m.end + 1] != "、" for m in mentions[:-1]):
            return []
        tail = _clean(_post_text(text, mentions[-1].end, b, b))
        starts = [a] + [m.end + 1 for m in mentions[:-1]]
        heads = [_strip_lead(text[s:m.start]) for s, m in zip(starts, mentions, strict=False)]
        heads = [h[len(_leading_verb(h)):] for h in heads]
        if not tail or not all(1 <= len(h) <= 6 for h in heads):
            return []
        return [_clean(h) + tail for h in heads]

    def _borrow(self, item_names: list[tuple[str, int]], a: int) -> tuple[str | None, int]:
        """The subject a bare measure belongs to: the clause's first item, else the previous clause."""
        if item_names:
            base, start = item_names[0]
            for c in _CHANGE_VERBS:
                if base.endswith(c):
                    base = base[:-len(c)]
            return base, start
        if self.prev_clause:
            pa, pb = self.prev_clause
            subj = _subject(self.text[pa:pb])
            if subj:
                return subj, pa
        return None, a

    def _project_size(self, between: str, m: _Mention, nxt: int, b: int) -> str:
        text = self.text
        post = _post_text(text, m.end, nxt, b).lstrip("的")
        k = post.find("等")
        if k > 0:
            post = post[:k]
        for head in ("项目", "工程"):
            j = post.find(head)
            if j > 0:
                post = post[:j + len(head)]
                break
        lead = _strip_lead(between)
        lead = lead[len(_leading_verb(lead)):]
        measure = _UNIT_MEASURE.get(m.unit, "")
        if lead and not measure:          # "年加工能力85万吨的智慧食品产业园": the measure came first
            return _clean(post + lead)
        return _clean(lead + post + measure)


# A measure a counted noun is the subject of ("…项目有效实施率达93.4%"), not part of the count's name.
_MEASURE_ENDS = ("率", "量", "额", "面积", "规模", "占比", "比重", "覆盖面")
# Nouns a count is usually of: where "860个中期评估项目有效实施率" stops naming the count.
_HEAD_NOUNS = ("项目", "企业", "机构", "学校", "群众", "园区", "乡镇", "城市", "村", "人")


def _head_noun(post: str) -> str:
    ends = [post.find(h) + len(h) for h in _HEAD_NOUNS if post.find(h) > 0]
    return post[:min(ends)] if ends else post


def _cut_listed(post: str) -> str:
    """A count's noun followed by the first word of a 、-list that is not about the count
    ("加快前期重点项目环评、节能审查…" → 加快前期重点项目): cut after the head noun."""
    for h in _HEAD_NOUNS:
        j = post.rfind(h)
        if j > 0 and 0 < len(post) - (j + len(h)) <= 3:
            return post[:j + len(h)]
    return post


def _without_verb(name: str) -> str:
    return name[len(_leading_verb(name)):] or name


def _last_top_level(text: str, start: int, end: int, sep: str) -> int:
    """Index of the last sep in text[start:end] outside brackets and quotes, or -1."""
    return max((i for i in _top_level(text, start, end) if text[i] == sep), default=-1)


def _post_text(text: str, start: int, nxt: int, b: int) -> str:
    """The words after a count up to the next number, the next top-level 、 or the clause end."""
    end = min(nxt, b)
    return next((text[start:i] for i in _top_level(text, start, end) if text[i] == "、"), text[start:end])


# ---- the table ------------------------------------------------------------------------------------

def _kind(para: Paragraph, doc: Document, quote: str, other: bool) -> tuple[str, int | None]:
    scope = para.year_scope
    year = int(scope) if scope.isdigit() else None
    if other:
        return "other", year
    if doc.year and scope == str(doc.year):
        return "target", year
    if doc.year and scope == str(doc.year - 1):
        return "result", year
    if any(c in quote for c in ("力争", "确保", "目标")):
        return "target", doc.year
    return "other", year


def extract_document(doc: Document) -> list[Indicator]:
    """Every quantity of one document as Indicator rows, in reading order."""
    rows: list[Indicator] = []
    for para in doc.paragraphs:
        if para.is_heading:
            continue
        text = para.text
        p0 = para.char_span[0]
        section = " > ".join(para.section)
        found = _mentions(text)
        for s, e in sentence_spans(text):
            clauses = _clause_spans(text, s, e)
            if not any(s <= m.start < e for m in found):
                continue
            for d in _SentenceReader(text, found).read(clauses):
                qs, qe = d.quote_start, d.quote_end
                quote = text[qs:qe]
                kind, year = _kind(para, doc, quote, d.other)
                rows.append(Indicator(
                    indicator=unicodedata.normalize("NFC", d.name), value=d.mention.value, unit=d.mention.unit,
                    qualifier="、".join(d.quals), kind=kind, year=year, section=section, quote=quote,
                    char_span=(p0 + qs, p0 + qe), doc_id=doc.id, doc_title=doc.title,
                    region=doc.region, report_year=doc.year))
    return rows


_CACHE: dict[tuple[str, str], tuple[Indicator, ...]] = {}
_LOCK = threading.Lock()


_HASHES: dict[tuple, str] = {}


def _corpus_key(config: Config) -> tuple[str, str]:
    """(data folder, content hash): hashed once per state of the files (their names, sizes and
    modification times), so answering, which looks rows up for every number question, reads no file."""
    from rag.corpus.ingest import corpus_files, corpus_sha256
    data_dir = Path(config.data_dir).resolve()
    files = corpus_files(data_dir)
    state = tuple((str(p), *_stat(p)) for p in files for p in (p, p.with_suffix(".meta.json")))
    digest = _HASHES.get(state)
    if digest is None:
        digest = _HASHES[state] = corpus_sha256(files)
    return str(data_dir), digest


def _stat(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except FileNotFoundError:
        return -1, -1
    return st.st_size, st.st_mtime_ns


def indicators(config: Config | None = None) -> list[Indicator]:
    """Every quantity in the corpus as a cited row (cached per corpus content)."""
    from rag.corpus.ingest import load_corpus
    config = config or Config.from_env()
    key = _corpus_key(config)
    with _LOCK:
        rows = _CACHE.get(key)
        if rows is None:
            rows = tuple(r for doc in load_corpus(config.data_dir) for r in extract_document(doc))
            _CACHE[key] = rows
    return list(rows)


# ---- 2023 result beside 2024 target --------------------------------------------------------------

# Spellings that differ between the review and the plan of the same report.
_NAME_SYNONYMS = (("规上", "规模以上"), ("限上", "限额以上"), ("外贸", "货物"), ("新（改）扩建", "新改扩建"),
                  ("新（改）建", "新改建"))
_NAME_NOISE = re.compile(r"[“”《》（）()、\s]|^(?:新培育|新增|新建成|新建和改造提升|新建|新创建|新开工|筹集|"
                         r"培育|认定|建成|创建|力争|实现|引进|到位|入库|新入库|完成|新改扩建|改造)")
# Units that count the same things ("家" and "户" of enterprises, "次" and "批次" of events).
_UNIT_FAMILY = {"户": "家", "批次": "次", "套（间）": "套"}
PAIR_THRESHOLD = 0.5


def normalize_name(name: str) -> str:
    """The part of a name that identifies an indicator across years ("新培育规上工业企业" → 规模以上工业企业)."""
    for a, b in _NAME_SYNONYMS:
        name = name.replace(a, b)
    prev = None
    while prev != name:
        prev, name = name, _NAME_NOISE.sub("", name)
    return name


def _change(name: str) -> str:
    return next((c for c in _CHANGE_VERBS if name.endswith(c)), "")


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)} if len(s) > 1 else {s}


def name_similarity(a: str, b: str) -> float:
    """Dice overlap of character bigrams of the normalized names; 0 when one is a growth and the other
    not, when one lists more items than the other, or when they end differently and overlap < 0.7."""
    if _change(a) != _change(b) or a.count("、") != b.count("、"):
        return 0.0
    na, nb = normalize_name(a), normalize_name(b)
    ca, cb = _change(na), _change(nb)
    na, nb = na[:len(na) - len(ca)], nb[:len(nb) - len(cb)]
    if not na or not nb:
        return 0.0
    ga, gb = _bigrams(na), _bigrams(nb)
    dice = 2 * len(ga & gb) / (len(ga) + len(gb))
    # names that share words but end differently measure different things
    # ("交通重点项目竣工投运" / "重点项目尽早竣工投产"): they need a closer match
    return dice if na[-2:] == nb[-2:] or dice >= 0.7 else 0.0


def compare(config: Config | None = None) -> list[IndicatorPair]:
    """Indicators stated both as a result (review year) and a target (plan year), side by side.

    Names are matched by bigram overlap after normalization (PAIR_THRESHOLD), units must count the
    same thing, and each row is used once, best match first."""
    rows = indicators(config)
    return _pairs([r for r in rows if r.kind == "result"], [r for r in rows if r.kind == "target"],
                  lambda r, t: r.doc_id == t.doc_id)


def outcomes(config: Config | None = None) -> list[IndicatorPair]:
    """目标 vs 实绩: each year's target (from the report delivered that year) beside the result the next
    report of the same region gives for the same indicator and year."""
    rows = indicators(config)
    return _pairs([r for r in rows if r.kind == "result"], [r for r in rows if r.kind == "target"],
                  lambda r, t: (r.region == t.region and r.year == t.year and r.report_year is not None
                                and t.report_year is not None and r.report_year == t.report_year + 1))


def _pairs(results: list[Indicator], targets: list[Indicator], same) -> list[IndicatorPair]:
    scored = []
    for i, r in enumerate(results):
        for j, t in enumerate(targets):
            if not same(r, t) or _UNIT_FAMILY.get(r.unit, r.unit) != _UNIT_FAMILY.get(t.unit, t.unit):
                continue
            s = name_similarity(r.indicator, t.indicator)
            if s >= PAIR_THRESHOLD:
                scored.append((s, i, j))
    scored.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_r, used_t, chosen = set(), set(), []
    for _score, i, j in scored:
        if i in used_r or j in used_t:
            continue
        used_r.add(i)
        used_t.add(j)
        chosen.append((i, j))
    chosen.sort()
    return [IndicatorPair(results[i].indicator, results[i], targets[j]) for i, j in chosen]


# ---- numeric questions ----------------------------------------------------------------------------

_QUESTION_NOISE = re.compile(r"多少|是多少|几|目标|计划|预期|去年|今年|明年|上年|\d{4}年|年|情况|怎么样|达到|实现|"
                             r"报告|提到|请问|全市|广元|吗|呢|的|了|？|\?|，|。|\s")


def _lookup_name(name: str) -> str:
    # verbs stay ("新增…" answers "新增多少"); only spelling differences are evened out
    for a, b in _NAME_SYNONYMS:
        name = name.replace(a, b)
    return re.sub(r"[“”《》（）()、\s]", "", name)


@lru_cache(maxsize=4096)
def _name_grams(indicator: str) -> frozenset[str]:
    return frozenset(_bigrams(_lookup_name(indicator)))


def lookup(question: str, config: Config | None = None, limit: int = 5) -> list[Indicator]:
    """The rows a numeric question asks about, best first ("去年GDP增长多少" → 地区生产总值增长 6.2%).

    Scores name bigram overlap with the question (abbreviations expanded as in rag.query), a little
    for the quote, and prefers the year the question means (去年 → results, 今年/目标 → targets)."""
    from rag.search.query import expand, understand
    intent = understand(question)
    expansions = expand(question)[len(question):].split()
    core = _QUESTION_NOISE.sub("", question)
    variants = [core] + [_QUESTION_NOISE.sub("", e) for e in expansions]
    want_growth = any(w in question for w in ("增长", "增速", "增幅", "涨"))
    asked = re.search(r"(?:多少|几)(" + _UNIT_ALT + ")", question)
    want_unit = asked.group(1) if asked else ""
    scored = []
    variant_grams = [_bigrams(v) for v in variants if len(v) >= 2]
    core_grams = _bigrams(core)
    for row in indicators(config):
        name_grams = _name_grams(row.indicator)
        best = 0.0
        for q in variant_grams:
            shared = len(q & name_grams)
            best = max(best, shared / len(q) + 0.25 * shared / len(name_grams))
        quote_bonus = 0.1 * (sum(1 for g in core_grams if g in row.quote) / max(1, len(core_grams)))
        score = best + quote_bonus
        if score < 0.34:
            continue
        if want_growth and _change(row.indicator) == "增长":
            score += 0.2
        if want_unit and row.unit.endswith(want_unit):
            score += 0.2
        want_year = intent.year or (None if intent.relative is None else
                                    ("review" if intent.relative == "review" else "plan"))
        if want_year == "review" or (intent.year and row.year and intent.year != str(row.year)):
            score *= 1.3 if row.kind == "result" else 0.6
        elif want_year == "plan":
            score *= 1.3 if row.kind == "target" else 0.6
        elif intent.year and row.year and intent.year == str(row.year):
            score *= 1.3
        if row.kind == "other":
            score *= 0.8
        scored.append((score, row))
    scored.sort(key=lambda x: -x[0])
    return [row for _, row in scored[:limit]]


# ---- exports and the readable table -------------------------------------------------------------

_CSV_COLUMNS = ("indicator", "value", "unit", "qualifier", "kind", "year", "section", "quote", "char_start",
                "char_end", "doc_id", "doc_title")
_PAIR_COLUMNS = ("indicator", "result_value", "result_unit", "result_qualifier", "target_value", "target_unit",
                 "target_qualifier", "result_quote", "target_quote", "result_section", "target_section")


def _csv_row(r: Indicator) -> list:
    return [r.indicator, r.value, r.unit, r.qualifier, r.kind, r.year or "", r.section, r.quote,
            r.char_span[0], r.char_span[1], r.doc_id, r.doc_title]


def to_csv(rows: Sequence[Indicator] | Sequence[IndicatorPair], path: str | Path) -> Path:
    """Write rows (or pairs) as CSV in UTF-8 with a BOM, so Excel shows the Chinese text."""
    path = Path(path)
    pair_rows = [p for p in rows if isinstance(p, IndicatorPair)]
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        if pair_rows:
            w.writerow(_PAIR_COLUMNS)
            for p in pair_rows:
                r, t = p.result, p.target
                w.writerow([p.indicator, r.value, r.unit, r.qualifier, t.value, t.unit, t.qualifier, r.quote,
                            t.quote, r.section, t.section])
        else:
            w.writerow(_CSV_COLUMNS)
            for row in rows:
                if isinstance(row, Indicator):
                    w.writerow(_csv_row(row))
    return path


def to_json(rows: Sequence[Indicator] | Sequence[IndicatorPair]) -> str:
    """Rows (or pairs) as a JSON array of objects, Chinese kept readable."""
    return json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=1)


def display_width(s: str) -> int:
    """Columns a string takes in a terminal: CJK characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _fit(s: str, width: int) -> str:
    out: list[str] = []
    w = 0
    for ch in s:
        cw = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if w + cw > width:
            out[-1:] = ["…"] if out else []
            w = sum(display_width(c) for c in out)
            break
        out.append(ch)
        w += cw
    return "".join(out) + " " * (width - w)


_KIND_LABEL = {"target": "目标", "result": "完成", "other": "其他"}


def format_table(rows: list[Indicator], name_width: int = 36) -> str:
    """A fixed-width table for a terminal: 类别 年份 指标 数值 限定 (CJK counted double width)."""
    lines = [f"{_fit('类别', 4)} {_fit('年份', 4)} {_fit('指标', name_width)} {_fit('数值', 16)} 限定"]
    for r in rows:
        lines.append(f"{_fit(_KIND_LABEL.get(r.kind, r.kind), 4)} {_fit(str(r.year or ''), 4)} "
                     f"{_fit(r.indicator, name_width)} {_fit(r.display_value, 16)} {r.qualifier}")
    return "\n".join(lines)


def format_pairs(pairs: list[IndicatorPair], name_width: int = 36) -> str:
    def val(r):
        return r.display_value + (f"（{r.qualifier}）" if r.qualifier else "")

    head = f"{_fit('指标', name_width)} {_fit('上年完成', 20)} 今年目标"
    return "\n".join([head] + [f"{_fit(p.indicator, name_width)} {_fit(val(p.result), 20)} {val(p.target)}"
                               for p in pairs])


def format_outcomes(pairs: list[IndicatorPair], name_width: int = 30) -> str:
    """目标 vs 实绩: region, year, indicator, the target and what the next report says came of it."""
    def val(r):
        return r.display_value + (f"（{r.qualifier}）" if r.qualifier else "")

    head = f"{_fit('地区', 10)} {_fit('年份', 6)} {_fit('指标', name_width)} {_fit('目标', 18)} 实绩"
    return "\n".join([head] + [f"{_fit(p.target.region, 10)} {_fit(str(p.target.year or ''), 6)} "
                               f"{_fit(p.indicator, name_width)} {_fit(val(p.target), 18)} {val(p.result)}" for p in pairs])


# `import rag; rag.indicators()` calls the table while `rag.indicators.compare()` still reaches this
# module: the module object itself is made callable.
