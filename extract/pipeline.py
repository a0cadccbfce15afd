"""Article text -> facts. The one entry point is ``extract_article``.

The article is cleaned (with a map back to the original), split into paragraphs, sections and
sentences; every number token is then judged: is it a fact (not a date, a name, an ordinal, a size
class), and if so what region, period, kind, subject and indicator it has.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace

from extract import patterns as P
from extract.clean import CleanText, clean
from extract.document import clause_bounds, is_heading, masked_spans, paragraphs, sentences
from extract.numbers import INDUSTRY_SHARE_FORM, NumberToken, chinese_to_number, find_numbers, format_value, mask_idioms
from extract.refdata import NATION
from extract.regions import province_of, region_level
from extract.resolve.article_date import infer_article_date
from extract.resolve.facthood import is_rank, not_a_fact
from extract.resolve.facthood import qualifier as resolve_qualifier
from extract.resolve.indicator import indicator_name, resolve_indicator
from extract.resolve.kind import kind as resolve_kind
from extract.resolve.period import Period, as_of, default_period, is_stock, period_matches, resolve_period, year_before
from extract.resolve.region import RegionScope, article_region
from extract.resolve.subject import list_items, list_measure, noun_phrase, refine_subjects
from extract.resolve.subject import subject as resolve_subject
from extract.textio import ArticleMeta
from extract.units import dimension, to_canonical

QUOTE_MAX_CHARS = 90
_TERMINAL = tuple("。！？!?；;，,、：:…")


@dataclass(slots=True)  # slots: cheaper to build and read, at one per fact
class Candidate:
    token: NumberToken
    start: int  # absolute offsets in the cleaned text
    end: int
    region: str
    region_explicit: bool
    period: Period
    kind: str
    negative: bool
    qualifier: str
    subject: str
    sentence: tuple[int, int]
    clause: tuple[int, int]
    subject_start: int
    heading: bool
    confidence: float = 0.9
    sub_index: int = 0
    split_label: str = ""  # what a shared number was split by (region:…, subject:…); part of the fact_id
    indicator: str = "other"
    indicator_unit: str = ""
    indicator_rule: str = ""
    why: dict[str, str] = field(default_factory=dict)
    list_subject: str = ""  # a list item with the list's measure (subject.list_measure), applied after dedupe
    rank_of: str = ""  # the pool a rank is within (全国, 中部地区, 湖北省)  # question -> rule@evidence offsets (cleaned text)




def _joined(text: str, prev_end: int, start: int) -> bool:
    return bool(P.LIST_JOINER.match(text[prev_end:start].replace("第", "")))


def _make_id(doc: str, start: int, end: int, split_label: str = "") -> str:
    """Stable id of a fact: its article and span; a second, third … fact sharing one number (北京、上海均超过50%;
    复工率和到岗率均99%) adds the label it was split by (the region or the subject), never its position, so a
    change in how a shared number is split keeps the decisions on the facts that remain."""
    key = split_label or "0"
    return hashlib.sha1(f"{doc}\x1f{start}\x1f{end}\x1f{key}".encode()).hexdigest()[:12]


# ---- the article ---------------------------------------------------------------------
class _ArticleExtractor:
    def __init__(self, ct: CleanText, doc: str, year: int | None, month: int | None, title: str = ""):
        self.ct = ct
        self.doc = doc
        self.year = year
        self.month = month
        self.text = mask_idioms(ct.text)  # numerals inside idioms masked: for finding numbers only
        self.plain = ct.text
        self.masked = masked_spans(self.text)
        self.scope = RegionScope(self.text)
        self.scope.article_region = article_region(self.text, title, self.scope)
        self.candidates: list[Candidate] = []
        self.para_period: Period | None = None
        self.para_period_here = False  # the governing period was set in the current paragraph
        self.default_period = default_period(self.text, year, month, title)
        self.fenbie_pos = 0
        self.last_cand: Candidate | None = None
        self.last_quantity: Candidate | None = None
        self.skipped: list[tuple[int, int, str]] = []  # numbers judged not to be facts, and why

    def _time_clauses(self, sent: tuple[int, int]) -> None:
        """…，截至4月底，全省… / …；到2022年底，… : the last clause of a sentence that is only a time phrase governs
        the sentences after it (a sentence-opening one is handled before the sentence)."""
        last = None
        for m in P.TIME_CLAUSE.finditer(self.text, sent[0], sent[1]):
            if "以来" not in m.group():
                last = m
        if last is not None and last.start() > sent[0] + 2:
            p = resolve_period(self.text[sent[0]:last.end()], self.year, self.month)
            if p.basis in ("explicit", "relative") and not p.target_year:
                self.para_period, self.para_period_here = p, True

    def _time_of(self, sent_start: int, sent_prefix: str, clause_prefix: str, times) -> tuple[Period, str]:
        """The period the words before a number give it, and the rule that decided."""
        period = resolve_period(sent_prefix, self.year, self.month, times)
        span = period.span
        rule = "period.in_sentence" + (f"@{sent_start + span[0]}-{sent_start + span[1]}" if span else "")
        if period.basis == "same_last_year":
            period, rule = year_before(self.para_period or self.default_period), "period.same_time_last_year"
        elif period.basis == "year_end":
            base = self.para_period or self.default_period  # 年末: the year-end of the year the text reports on
            period = Period(f"{base.year}-12", "relative", year=base.year) if base.year else base
            rule += "+period.year_end_of_reported_year"
        elif period.basis == "article" and self.para_period is not None:
            period = self.para_period
            rule = "period.governing_phrase" if self.para_period_here else "period.governing_phrase_carried"
        if P.FROM_AT_END.search(clause_prefix):
            # 从2017年的1.2万亿元增长到2022年的2.1万亿元: the start value is the first year's
            years = re.findall(r"((?:19|20)\d\d)年", sent_prefix)
            if len(set(years)) >= 2:
                period, rule = Period(years[0], "explicit", year=int(years[0])), "period.start_of_move"
            elif not years:
                rule += "+period.earlier_level"  # 占比由11.9%提高到12.5%: a year before, once the period is known
        return period, rule

    def _time_for_kind(self, period: Period, rule: str, kind: str, tok: NumberToken, clause_prefix: str, after: str,
                       sent_prefix: str, subject: str, fact_before: Candidate | None) -> tuple[Period, str]:
        """Adjust the period to what the fact is: a stock is as of a month, a target ends at its deadline,
        an earlier level (由A提高到B) is a year before."""
        # A time phrase of this sentence or paragraph dates a stock; one carried from elsewhere dates flows only.
        own = rule.startswith(("period.in_sentence", "period.governing_phrase+", "period.governing_phrase@")) or (
            rule == "period.governing_phrase")
        own = own and period.basis != "article"
        if period.basis == "article" and kind != "target":
            period = self.default_period
            rule = "period.article_default" if period.basis == "article" else "period.headline_or_report_year"
        if "+period.earlier_level" in rule:
            period = year_before(period)
        if kind in ("actual", "rank") and is_stock(tok.unit, clause_prefix, after, sent_prefix, subject):
            stock = as_of(period, self.year, self.month, own)
            if stock != period:
                period, rule = stock, rule + "+period.as_of_stock"
        elif kind == "rank" and fact_before is not None and not own:
            period, rule = fact_before.period, "period.of_ranked_fact"  # 增长20.6%，居全国第1
        if kind == "target" and not (own and period.basis == "explicit"):
            horizon = P.TARGET_HORIZON.search(sent_prefix)
            if horizon and self.year:
                year = self.year + int(chinese_to_number(horizon.group("n")) or 0)
                return Period(str(year), "relative", target_year=True, year=year), f"period.goal_horizon:{horizon.group()}"
            if self.scope.section.target_year and period.basis != "explicit":
                year = self.scope.section.target_year
                period, rule = Period(str(year), "explicit", target_year=True, year=year), "period.section_deadline"
        return period, rule

    def run(self) -> list[Candidate]:
        target_mode = False
        for ps, pe in paragraphs(self.text):
            opened = P.TARGET_MODE_OPEN.search(self.text, ps, pe)
            para = self.text[ps:pe]
            heading = is_heading(para)
            if heading:
                target_mode = False
                self.scope.open_heading(ps, pe)
                ym = P.YEAR_MENTION.search(para)
                if ym and self.year and int(ym.group(1)) > self.year:
                    self.scope.section.target_year = int(ym.group(1))
            # 2022年，A。B。— a time at the head of a paragraph governs its later sentences too.
            # (Only a number starting within the 30 characters kept can shorten the head, and every number
            # starts at a numeral, 万, 首 or a minus sign: without one there, the head needs no numbers read.)
            quantities = ([t for t in find_numbers(para[:60]) if not P.UNIT_TIME_RE.fullmatch(t.unit or "-")]
                          if P.NUMBER_START_CHAR.search(para, 0, 30) else [])
            head = para[:quantities[0].start if quantities else len(para)][:30]
            head = head if not P.SENTENCE_END_MARK.search(head) else ""
            head_period = resolve_period(head, self.year, self.month) if head else None
            self.para_period_here = False
            if head_period and head_period.basis in ("explicit", "relative") and not head_period.target_year:
                # A time phrase governs what follows until another replaces it; a headline's governs the body.
                self.para_period, self.para_period_here = head_period, not heading
            elif not P.CONTINUATION_OPENING.match(para):
                self.para_period = None
            for sent in sentences(self.text, ps, pe):
                opening = P.SENTENCE_OPENING_TIME.match(self.text, sent[0], sent[1])
                if opening and not heading:
                    # 2022年，A。B。— a time that opens a sentence sets the scene for the rest of the paragraph
                    p_open = resolve_period(opening.group(), self.year, self.month)
                    if p_open.basis in ("explicit", "relative"):
                        self.para_period, self.para_period_here = p_open, True
                # 具体目标有三项：… — what follows the colon, here and in the next paragraphs, is the goal.
                self._sentence(sent, heading, target_mode or bool(opened and sent[0] >= opened.start()))
                if not heading:
                    self._time_clauses(sent)
            if opened:
                target_mode = True
        return self.candidates

    def _sentence(self, sent: tuple[int, int], heading: bool, target_mode: bool) -> None:
        text = self.text
        s0, s1 = sent
        sentence = text[s0:s1]
        for m in P.TARGET_YEAR.finditer(sentence):
            if self.year and int(m.group(1)) >= self.year:
                self.scope.section.target_year = int(m.group(1))
        tokens = find_numbers(sentence)
        mentions, subject_mentions = self.scope.sentence_mentions(sent)
        try:
            self._judge_tokens(sent, heading, target_mode, tokens, mentions, subject_mentions)
        finally:
            if not heading:
                self.scope.observe([t.start + s0 for t in tokens], mentions, subject_mentions)

    def _judge_tokens(self, sent, heading, target_mode, tokens, mentions, subject_mentions) -> None:
        if not tokens:
            return  # a sentence without numbers: nothing to judge (its time phrases are read by _time_clauses)
        text = self.text
        s0, s1 = sent
        sentence = text[s0:s1]
        times = period_matches(sentence)
        prev_tok_end = s0
        prev_cand: Candidate | None = None
        list_run: list[Candidate] = []
        for t in tokens:
            tok = t.shifted(s0)
            clause = clause_bounds(text, sent, tok.start)
            clause_prefix = text[clause[0]:tok.start]
            after = text[tok.token_end:min(clause[1], tok.token_end + 12)]
            reason = not_a_fact(text, tok, clause_prefix, after, self.masked, text[s0:tok.start])
            # A size class describing counted things: 计划总投资10亿元以上的重大项目1123个, 200余艘十万吨以上的货船
            if reason is None and dimension(tok.unit) in ("money", "physical") and P.THRESHOLD_BOUND_AFTER.match(after):
                reason = "size threshold"
            if reason is None and dimension(tok.unit) in ("money", "physical") and P.THRESHOLD_AFTER.match(after):
                others = [o for o in tokens if o is not t and clause[0] <= o.start + s0 < clause[1]
                          and dimension(o.unit) == "count" and o.unit and not P.UNIT_TIME_RE.fullmatch(o.unit)]
                if others:
                    reason = "size threshold"
            if reason:
                self.skipped.append((tok.start, tok.token_end, reason))
                if tok.unit and reason not in ("label", "inside a quoted name"):
                    prev_tok_end = tok.token_end  # a dropped quantity still ends the subject before it
                continue
            sent_prefix = text[s0:tok.start]
            rank = tok.form == "rank_word" or is_rank(text, tok, clause_prefix)
            period, period_rule = self._time_of(s0, sent_prefix, clause_prefix, times)
            kind, negative, kind_rule = resolve_kind(text, tok, sent_prefix, clause_prefix, period, self.year, target_mode,
                                                     rank, self.month, after, text[max(s0, prev_tok_end):tok.start])
            joiner = text[prev_tok_end:tok.start]
            if prev_cand is not None and P.LIST_JOINER.match(joiner.replace("第", "")) and kind == "actual":
                kind, negative, kind_rule = prev_cand.kind, prev_cand.negative, "kind.list_shares_kind"
            last = self.last_quantity  # the last fact that is not a rank: what a gap or a comparison is of
            if (kind == "actual" and last is not None and last.kind == "change" and dimension(tok.unit) == "pp"
                    and P.GAP_TO_ANY.search(clause_prefix)):
                kind, kind_rule = "change", "kind.gap_between_growth_rates"  # 增长19.5%，高于全国1.2个百分点
            if (kind == "actual" and last is not None and last.sentence == sent and last.kind == "change"
                    and dimension(tok.unit) == "percent" and self.scope.holder_of(tok, mentions)):
                kind, kind_rule = "change", "kind.compared_growth"  # 增长20.6%，高于江苏的19.2%
            region, explicit, region_rule = self.scope.region_for(tok, mentions, subject_mentions)
            regions = self.scope.region_list(tok, subject_mentions, clause)
            if regions and "分别" in text[regions[-1].end:tok.start]:
                # 贵州、重庆、江西数字经济增速分别为20.6%、18.1%和16.9%: the n-th number is the n-th region's
                joined = prev_cand is not None and P.LIST_JOINER.match(text[prev_tok_end:tok.start].replace("第", ""))
                self.fenbie_pos = self.fenbie_pos + 1 if joined else 0
                if self.fenbie_pos < len(regions):
                    m = regions[self.fenbie_pos]
                    region, explicit, region_rule = m.region, True, f"region.respectively@{m.start}-{m.end}"
                regions = []
            if region is None:
                self.skipped.append((tok.start, tok.token_end, "no region in scope"))
                prev_tok_end = tok.token_end
                continue
            subject, subject_start = resolve_subject(self.plain, clause, tok, prev_tok_end if prev_cand else clause[0], mentions,
                                              rank)
            if prev_cand is not None and prev_cand.sentence == sent:
                if subject.startswith("占"):
                    subject = prev_cand.subject + subject  # 增加值1234亿元，占GDP比重8.5%: the share is of the same thing
                gap = P.GAP_NEAR.search(clause_prefix.rstrip("（("))
                if gap and dimension(tok.unit) == "pp":
                    subject = prev_cand.subject + gap.group(1) + gap.group(2)
            if len(subject) < 2 and prev_cand is not None:
                subject = prev_cand.subject  # 达到2.1万亿元,居全国第8位: the rank is of the same indicator
            elif prev_cand is not None and prev_cand.sentence == sent and P.ATTRIBUTE_SUBJECT.match(subject):
                # 入库项目151个,总投资额1797亿元 / 成交量3.8亿吨、成交额92.9亿元: an attribute of the same thing
                base = P.ATTRIBUTE_AT_END.sub("", prev_cand.subject)
                subject = P.SUBJECT_TRAIL.sub("", base) + subject
            elif P.AVERAGE_BASE_BEFORE.search(clause_prefix) and prev_cand is not None:
                subject = prev_cand.subject  # 指数为73.5，高于全国平均水平48.8: the same index, for the nation
            list_subject = ""
            if tok.form.startswith(INDUSTRY_SHARE_FORM):
                subject = INDUSTRY_SHARE_SUBJECTS[int(tok.form[len(INDUSTRY_SHARE_FORM):]) - 1]
            elif "分别" in clause_prefix:
                fenbie_subject, list_subject = self._fenbie_subject(cand_index=len(list_run) if prev_cand is not None and
                                                      _joined(text, prev_tok_end, tok.start) else 0, tok=tok, sent=sent)
                if fenbie_subject:
                    subject = fenbie_subject
            period, period_rule = self._time_for_kind(period, period_rule, kind, tok, clause_prefix, after, sent_prefix,
                                                      subject, prev_cand if prev_cand is not None and
                                                      prev_cand.sentence == sent else None)
            qualifier = resolve_qualifier(clause_prefix, tok, after)
            rank_of = self.scope.rank_pool(tok, mentions, clause, region) if kind == "rank" else ""
            cand = Candidate(
                token=tok, start=tok.start, end=tok.end, region=region, region_explicit=explicit, period=period,
                kind=kind, negative=negative or tok.value < 0, qualifier=qualifier, subject=subject, sentence=sent,
                clause=clause, subject_start=min(subject_start, tok.start), heading=heading,
                why={"region": region_rule, "period": period_rule, "kind": kind_rule}, rank_of=rank_of,
                list_subject=list_subject if list_subject != subject else "",
            )
            if prev_cand is not None and P.LIST_JOINER.match(joiner.replace("第", "")):
                list_run.append(cand)
            else:
                list_run = [cand]
            self._emit(cand, clause_prefix, [m.region for m in regions])
            prev_cand = cand
            self.last_cand = cand
            if cand.kind != "rank":
                self.last_quantity = cand
            prev_tok_end = tok.token_end

    def _emit(self, cand: Candidate, clause_prefix: str, regions: list[str] | None = None) -> None:
        # Several regions sharing one number (北京、上海、天津…均超过50%; 10个省份…超过1万亿元): one fact each.
        tail = self.text[cand.clause[0]:cand.start]
        if regions and dimension(cand.token.unit) == "count" and P.REGION_COUNT_AFTER.match(
                self.text[cand.token.token_end:cand.token.token_end + 8]):
            # 广东、江苏…等10个省份: a count of the listed regions belongs to what contains them
            provinces = {province_of(r) for r in regions}
            cand.region = NATION if len(provinces) > 1 or all(region_level(r) == "province" for r in regions) else provinces.pop()
            self.candidates.append(cand)
            return
        if regions and (P.DISTRIBUTE.search(tail) or "等" in tail) and dimension(cand.token.unit) != "count":
            for i, region in enumerate(regions):
                self.candidates.append(replace(cand, region=region, region_explicit=True, sub_index=i,
                                               split_label=f"region:{region}"))
            return
        # One number shared by several indicators (均为中部第1位; 复工率和到岗率均99%以上) is one fact each.
        items = [cand.subject]
        # 均 within the last 6 characters; the look-behind still sees the 平 of 平均 before the window
        distribute = bool(P.DISTRIBUTE.search(clause_prefix, max(0, len(clause_prefix) - 6)))
        parts = [p for p in P.SUBJECT_SPLIT.split(cand.subject) if p]
        sent_text = self.plain[cand.sentence[0]:cand.start]
        n_fenbie = (len(re.findall(r"第\d+|\d+(?:\.\d+)?%", sent_text[sent_text.rfind("分别"):]))
                    if "分别" in sent_text else 0)
        if distribute and n_fenbie >= 2:
            subj_parts = [p for p in P.LIST_ITEM_SPLIT.split(self._list_subject(cand)) if p]
            items = subj_parts if len(subj_parts) == n_fenbie else [cand.subject] * n_fenbie
        elif len(parts) >= 2 and (distribute or all(P.INDICATOR_NOUN_END.search(p) for p in parts)):
            items = parts
        elif distribute and len(self._since_last_rank(cand)) >= 2:
            items = [c.subject for c in self._since_last_rank(cand)]
        measured = _with_list_measure(items) if distribute and n_fenbie >= 2 else items
        if len(items) == 1 and measured[0] == cand.subject:
            # one fact, the candidate itself: a copy per item is needed only where a number is shared
            cand.split_label = f"subject:{items[0]}"
            self.candidates.append(cand)
            return
        listed = list_measure(items) if distribute and n_fenbie >= 2 else items
        for i, (written, subject, in_list) in enumerate(zip(items, measured, listed, strict=True)):
            # the label keeps the item as written, so a reviewed fact keeps its id
            c = replace(cand, subject=subject, sub_index=i, split_label=f"subject:{written}",
                        list_subject=in_list if in_list != subject else cand.list_subject)
            self.candidates.append(c)

    def _fenbie_subject(self, cand_index: int, tok: NumberToken, sent: tuple[int, int]) -> tuple[str, str]:
        """The n-th item of the subject list that 分别 distributes over (…APP、大数据…的数量,分别居全国第2、第3)."""
        head = self.plain[sent[0]:tok.start]
        if "分别" not in head:
            return "", ""
        written = [p for p in P.LIST_ITEM_SPLIT.split(self._list_subject_text(head, look_back=True)) if p]
        parts = _with_list_measure(written)
        n = len(re.findall(r"第[\d一二三四五六七八九十]+|\d+(?:\.\d+)?%?", head[head.rfind("分别"):])) + 1
        listed = list_measure(list_items(head))  # the items as the subject resolver reads the list (after dedupe)
        in_list = listed[cand_index] if len(listed) >= max(2, n) and cand_index < len(listed) else ""
        if len(parts) >= 2 and len(parts) >= n and cand_index < len(parts):
            return parts[cand_index], in_list
        return "", in_list

    def _since_last_rank(self, cand: Candidate) -> list[Candidate]:
        """Facts of the same sentence since its last rank: what 均居全国第八位 ranks."""
        out: list[Candidate] = []
        for c in self.candidates:
            if c.sentence != cand.sentence or c.sub_index:
                continue
            out = [] if c.kind == "rank" else out + [c]
        return out

    def _list_subject(self, cand: Candidate) -> str:
        """The subject list of a 分别 sentence: the text before 的数量/分别."""
        return self._list_subject_text(self.plain[cand.sentence[0]:cand.start])

    @staticmethod
    def _list_subject_text(head: str, look_back: bool = False) -> str:
        head = head[:head.rfind("分别")]
        head = P.LIST_HEAD_NOUN.sub("", head)
        parts = P.CLAUSE_SPLIT.split(head)
        head = parts[-1]
        if look_back and "、" not in head:
            # 互联网和相关服务业、软件和信息技术服务业，持续较快增长，同比分别增长15.9%和37.5%: the list is the
            # sentence's topic, a clause or two before 分别
            head = next((p for p in reversed(parts[:-1]) if "、" in p), head)
        head = P.LIST_INTRO.sub("", head)
        return head


def _with_list_measure(items: list[str]) -> list[str]:
    """人工智能产业、数字经济核心产业、装备制造业增加值分别增长…: the measure written once after the last item
    (增加值) is every item's."""
    if len(items) < 2:
        return items
    m = P.LIST_MEASURE_END.search(items[-1])
    if not m or any(P.LIST_MEASURE_END.search(i) or P.INDICATOR_NOUN_END.search(i) for i in items[:-1]):
        return items
    return [i + m.group() for i in items[:-1]] + [items[-1]]


# ---- rows ------------------------------------------------------------------------------
def _quote(ct: CleanText, cand: Candidate) -> str:
    text = ct.text
    s, e = cand.sentence
    while e > s and text[e - 1] in "\n ":
        e -= 1
    if e - s > QUOTE_MAX_CHARS:
        s = max(s, min(cand.subject_start, cand.clause[0]))
        e = min(e, max(cand.clause[1], cand.token.token_end))
        if e - s > QUOTE_MAX_CHARS:
            s = max(s, cand.start - QUOTE_MAX_CHARS // 2)
            e = min(e, s + QUOTE_MAX_CHARS)
    while s < e and text[s] in " \t":
        s += 1
    os_, oe = ct.to_original(s, max(e, s + 1))
    return ct.original[os_:oe].replace("\n", " ")


def _confidence(cand: Candidate, indicator: str) -> float:
    c = 0.92
    if not cand.region_explicit:
        c -= 0.12
    if indicator == "other":
        c -= 0.1
    if cand.token.chinese:
        c -= 0.08
    if len(cand.subject) < 3:
        c -= 0.1
    if cand.period.basis == "article":
        c -= 0.04
    if cand.heading:
        c -= 0.05
    return round(max(0.3, min(0.99, c)), 2)


# The terms of 三次产业比例A∶B∶C, in order.
INDUSTRY_SHARE_SUBJECTS = ("第一产业增加值占GDP比重", "第二产业增加值占GDP比重", "第三产业增加值占GDP比重")

# Internal bases and what the facts table calls them (spec/DATA.md: explicit, relative, article).
_PUBLIC_BASIS = {"default": "article", "same_last_year": "relative"}


def _resolve_indicators(ct: CleanText, cands: list[Candidate], title: str = "") -> None:
    """Each candidate's indicator; a rank or growth that names none takes the one of the fact before it."""
    text = ct.text
    first_line = text.lstrip().split("\n", 1)[0]
    headline = title or (first_line if is_heading(first_line) else "")
    previous: Candidate | None = None
    for c in cands:
        same_sentence = previous is not None and previous.sentence == c.sentence
        context_start = previous.token.token_end if same_sentence else c.clause[0]
        context = text[max(context_start, c.sentence[0]):c.start]
        before = (previous.indicator, previous.indicator_unit) if previous is not None else None
        if previous is not None and not same_sentence and c.sentence[0] - previous.sentence[1] > 2:
            before = None  # only the sentence right before may lend its indicator
        words = c.subject  # the words before or after the number, as cut by the subject resolver
        c.subject = noun_phrase(words) if len(words) >= 3 else words
        c.indicator, c.indicator_unit, c.indicator_rule = resolve_indicator(
            c.subject, words + " " + context, text[c.sentence[0]:c.sentence[1]], c.token.unit, c.token.magnitude,
            c.kind, before, text[c.sentence[0]:c.start], headline,
            own_topic="" if same_sentence else text[c.sentence[0]:c.clause[0]])
        if c.indicator != "other" and P.GENERIC_SUBJECT.fullmatch(c.subject):
            # 的增速 / 排名第二 / '': the words name no quantity; the indicator's name does
            c.subject = indicator_name(c.indicator)
        if c.sub_index == 0 or not same_sentence:
            previous = c


_EVIDENCE = re.compile(r"@(\d+)-(\d+)")


def _why_text(ct: CleanText, cand: Candidate) -> str:
    """``question:rule@start-end; …`` with the evidence's offsets in the original text."""
    def original(m: re.Match) -> str:
        a, b = ct.to_original(int(m.group(1)), int(m.group(2)))
        return f"@{a}-{b}"
    why = {**cand.why, "indicator": cand.indicator_rule}
    return "; ".join(f"{q}:{_EVIDENCE.sub(original, r) if '@' in r else r}" for q, r in why.items() if r)


def _row(ct: CleanText, doc: str, cand: Candidate) -> dict:
    tok = cand.token
    value, unit = to_canonical(tok.value, tok.magnitude, tok.unit, cand.indicator_unit or None,
                               per_person=P.PER_PERSON.search(cand.subject) is not None)
    if cand.kind == "rank":
        unit = "位"
    if cand.negative and value > 0:
        value = -value
    start, end = ct.to_original(cand.start, cand.end)
    ind_id = cand.indicator
    return {
        "fact_id": _make_id(doc, start, end, cand.split_label if cand.sub_index else ""),
        "doc": doc,
        "region": cand.region,
        "region_level": region_level(cand.region),
        "indicator": ind_id,
        "subject": cand.subject,
        "kind": cand.kind,
        "value_raw": tok.value_raw,
        "unit_raw": tok.unit_raw if cand.kind != "rank" else (tok.unit or ""),
        "value": format_value(value),
        "unit": unit,
        "qualifier": cand.qualifier,
        "period": cand.period.period,
        "period_basis": _PUBLIC_BASIS.get(cand.period.basis, cand.period.basis),
        "quote": _quote(ct, cand),
        "start": start,
        "end": end,
        "confidence": _confidence(cand, ind_id),
        "rank_of": cand.rank_of if cand.kind == "rank" else "",
        "why": _why_text(ct, cand),
    }


# Values so common that two different indicators of one region often share them (增长10%, 第1位).
_ROUND_VALUES = frozenset(float(v) for v in (1, 2, 3, 5, 10, 20, 50, 100))


def _restates(k: Candidate, c: Candidate) -> bool:
    """Whether ``c`` states again what ``k`` stated (a headline and its body, 站上3万亿 and 3万亿元)."""
    if k.region != c.region or k.kind != c.kind or k.sub_index != c.sub_index:
        return False
    a, b = k.token, c.token
    if a.value == b.value and a.unit_raw == b.unit_raw and _similar(k.subject, c.subject):
        return True
    # 同比增长58.3% … 58.3%的增速 … 以58.3%的增速位居首位: one region's figure repeated in other words
    if (a.value == b.value and a.unit == b.unit and k.period == c.period
            and (k.indicator == c.indicator or "other" in (k.indicator, c.indicator))
            and not (k.indicator == c.indicator == "other") and (a.magnitude or a.value not in _ROUND_VALUES)):
        return True
    # A large round amount recurring in one article for one region is the same fact told again.
    big = a.magnitude and b.magnitude and dimension(a.unit) in ("money", "") and dimension(b.unit) in ("money", "")
    same_indicator = k.indicator == c.indicator or "other" in (k.indicator, c.indicator)
    return bool(big and a.scaled == b.scaled and same_indicator)


def _dedupe(ct: CleanText, cands: list[Candidate]) -> list[Candidate]:
    """A paragraph the layout repeats (or a headline restating the body) yields its facts once, at the first
    occurrence; a later occurrence that dates the fact lends it its period."""
    text = ct.text
    seen_context: set[tuple] = set()
    kept: list[Candidate] = []
    # _restates needs the same region, kind and list position: compare only within those groups
    kept_by_group: dict[tuple, list[Candidate]] = {}
    for c in cands:
        tok = c.token
        before = P.NON_WORD_CHARS.sub("", text[max(c.sentence[0], tok.start - 10):tok.start])[-6:]
        key = (before, tok.value_raw, tok.unit_raw, c.sub_index, c.region)
        if key in seen_context:
            continue
        # (_restates needs the same value as written or the same scaled amount: test that first, inline)
        first = next((k for k in kept_by_group.get((c.region, c.kind, c.sub_index), ())
                      if (k.token.value == tok.value or k.token.scaled == tok.scaled) and _restates(k, c)), None)
        if first is not None:
            if first.period.basis in ("article", "default") and c.period.basis in ("explicit", "relative"):
                first.period = c.period
                first.why["period"] = f"period.from_restatement@{c.start}"
            continue
        seen_context.add(key)
        kept.append(c)
        kept_by_group.setdefault((c.region, c.kind, c.sub_index), []).append(c)
    return kept


def _similar(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    common = len(set(a) & set(b))
    return common >= 0.6 * min(len(set(a)), len(set(b)))


def _extract(original: str, doc: str, meta: ArticleMeta | None, html: bool):
    meta = meta or ArticleMeta()
    ct = clean(original, html=html)
    year, month, date_source = meta.year, meta.month, "sidecar"
    if year is None:
        inferred = infer_article_date(ct.text)
        year, month, date_source = inferred.year, inferred.month, inferred.rule
    extractor = _ArticleExtractor(ct, doc, year, month, meta.title)
    cands = extractor.run()
    _resolve_indicators(ct, cands, meta.title)
    cands = _dedupe(ct, cands)
    refine_subjects(cands, ct.text)
    rows = [_row(ct, doc, c) for c in cands]
    seen: set[str] = set()
    for r, c in zip(rows, cands, strict=True):
        n = 1
        while r["fact_id"] in seen:  # two facts split from one number by the same label: number them
            n += 1
            r["fact_id"] = _make_id(doc, r["start"], r["end"], f"{c.split_label or '0'}#{n}")
        seen.add(r["fact_id"])
    rows.sort(key=lambda r: (r["start"], r["end"]))  # stable: facts sharing a number keep their order
    return ct, extractor, rows, (year, month, date_source)


def extract_article(original: str, doc: str, meta: ArticleMeta | None = None, *, html: bool = False) -> list[dict]:
    """All facts of one article, in text order. Offsets index ``original``."""
    return _extract(original, doc, meta, html)[2]


def explain_article(original: str, doc: str, meta: ArticleMeta | None = None, *, html: bool = False) -> dict:
    """The facts of one article with the article-level context they were decided in, and the numbers that
    were judged not to be facts (with the reason), all with offsets into ``original``."""
    ct, extractor, rows, (year, month, date_source) = _extract(original, doc, meta, html)
    skipped = []
    for s, e, reason in extractor.skipped:
        a, b = ct.to_original(s, e)
        skipped.append((a, b, reason))
    date = f"{year:04d}-{month:02d}" if year and month else (str(year) if year else "")
    return {"doc": doc, "date": date, "date_source": date_source, "article_region": extractor.scope.article_region,
            "default_period": extractor.default_period.period, "facts": rows, "skipped": skipped}
