"""Article text -> facts. The one entry point is ``extract_article``.

The article is cleaned (with a map back to the original), split into paragraphs, sections and
sentences; every number token is then judged: is it a fact (not a date, a name, an ordinal, a size
class), and if so what region, period, kind, subject and indicator it has.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, replace

from extract import patterns as P
from extract.clean import CleanText, clean
from extract.indicators import match_indicator
from extract.numbers import NumberToken, find_numbers, format_value, mask_idioms
from extract.periods import Period, period_matches, resolve_period
from extract.refdata import NATION
from extract.regions import (
    SECTION,
    Mention,
    find_mentions,
    is_subject_mention,
    province_of,
    region_level,
)
from extract.textio import ArticleMeta
from extract.units import dimension, to_canonical

HEADING_MAX_CHARS = 36
QUOTE_MAX_CHARS = 90
_TERMINAL = tuple("。！？!?；;，,、：:…")


@dataclass
class Section:
    region: str | None = None
    pending: bool = True  # heading named no region: the first province named in the body decides
    target_year: int | None = None


@dataclass
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




def infer_article_date(text: str) -> tuple[int | None, int | None]:
    """Year and month of an article without a sidecar: its latest full date, else its most frequent year."""
    full = [(int(y), int(m)) for y, m, _d in P.FULL_DATE.findall(text)]
    if full:
        return max(full)
    years = Counter(int(y) for y in P.ANY_YEAR.findall(text))
    if years:
        return years.most_common(1)[0][0], None
    return None, None


# ---- structure -------------------------------------------------------------------
def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        s, e = pos, pos + len(line)
        while s < e and text[s] in " \t\r":
            s += 1
        while e > s and text[e - 1] in " \t\r":
            e -= 1
        if e > s:
            out.append((s, e))
        pos += len(line) + 1
    return out


def _is_heading(para: str) -> bool:
    """A headline, section title or byline: short, unpunctuated; or a region name and a colon (浙江：…)."""
    m = P.HEADING_WITH_COLON.match(para)
    if m and any(x.region not in (SECTION, NATION) and x.start == 0 for x in find_mentions(m.group(1))):
        return True
    return (len(para) <= HEADING_MAX_CHARS and not para.endswith(_TERMINAL) and not re.search(r"[。，,；;]", para)
            and bool(P.CJK_CHAR.search(para)))


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    for m in P.SENTENCE_SPLIT.finditer(text, start, end):
        if m.end() > m.start():
            out.append((m.start(), m.end()))
    return out


def _clause_bounds(text: str, sent: tuple[int, int], pos: int) -> tuple[int, int]:
    s = max(text.rfind(d, sent[0], pos) for d in P.CLAUSE_DELIMS) + 1
    ends = [i for i in (text.find(d, pos, sent[1]) for d in P.CLAUSE_DELIMS) if i >= 0]
    return max(s, sent[0]), min(ends) if ends else sent[1]


def _masked_spans(text: str) -> list[tuple[int, int]]:
    """Quoted names and book titles: numbers inside them are part of a name (“1+16+X”, 《…2023年》)."""
    return [m.span() for m in P.QUOTED.finditer(text)]


# ---- judging one number ------------------------------------------------------------
def _qualifier(prefix: str, tok: NumberToken, after: str) -> str:
    if tok.approx_suffix:
        return ">="
    for w in P.QUAL_AFTER_GE:
        if after.startswith(w):
            return ">="
    for w in P.QUAL_AFTER_LE:
        if after.startswith(w):
            return "<="
    for w in P.QUAL_AFTER_APPROX:
        if after.startswith(w):
            return "~"
    tail = prefix[-4:]
    for w, q in _QUALIFIERS_BEFORE:  # longest first: 不低于 is >=, though it ends in 低于
        if tail.endswith(w):
            return q
    return ""


_QUALIFIERS_BEFORE = sorted([(w, "<=") for w in P.QUAL_BEFORE_LE] + [(w, ">=") for w in P.QUAL_BEFORE_GE]
                            + [(w, "~") for w in P.QUAL_BEFORE_APPROX], key=lambda p: -len(p[0]))


def _is_rank(text: str, tok: NumberToken, clause_prefix: str) -> bool:
    if tok.start == 0 or text[tok.start - 1] != "第":
        return False
    if tok.unit and tok.unit not in ("位", "名"):
        return False
    after = text[tok.token_end:tok.token_end + 2]
    if not tok.unit and P.ORDINAL_NOUN_AFTER.match(after):
        return False
    if tok.unit or after.startswith("大"):
        return True
    before_di = clause_prefix[:-1]
    return bool(P.RANK_POOL_BEFORE.search(before_di) or P.RANK_VERB.search(before_di) or re.search(r"第[\d一二三四五六七八九十]+、$", before_di))


def _not_a_fact(text: str, tok: NumberToken, clause_prefix: str, after: str, masked: list[tuple[int, int]],
                sent_prefix: str = "") -> str | None:
    """Why a token is not a fact, or None if it may be one."""
    i = bisect.bisect_right(masked, (tok.start, float("inf"))) - 1
    if i >= 0 and masked[i][0] <= tok.start < masked[i][1]:
        return "inside a quoted name"
    unit = tok.unit
    if re.fullmatch(P.UNIT_TIME, unit or "-"):
        return "date or duration"
    before = text[max(0, tok.start - 2):tok.start]
    if P.LABEL_LETTER_BEFORE.search(before) or P.LABEL_BEFORE_PLUS.search(before):
        return "label"
    if P.LABEL_AFTER.match(text[tok.token_end:tok.token_end + 2]) and dimension(unit) not in ("percent", "compute"):
        return "label"
    if tok.start > 0 and text[tok.start - 1] == "第":
        return None if _is_rank(text, tok, clause_prefix) else "ordinal"
    if after.startswith("级") or after.startswith("元级"):
        return "size class"
    if P.PRE_THRESHOLD.search(clause_prefix):
        return "size threshold"
    if tok.chinese:
        if not unit or unit in ("位",):
            return "numeral word"
        if re.fullmatch(r"[十百千万]", text[tok.start:tok.end]) and not re.search(r"[近上逾超约]$", clause_prefix):
            return "round numeral (百万网友, 十万吨级): a size, not a count"
        if tok.scaled < 10 and not tok.magnitude and dimension(unit) not in ("percent", "times"):
            return "small numeral"
    if not unit and not tok.magnitude:
        # An index is written without a unit; its comparison value may sit in the next clause (高于全国平均水平48.8).
        if not (P.INDEX_CONTEXT.search(clause_prefix) or (P.INDEX_CONTEXT.search(sent_prefix[-30:])
                                                          and re.search(r"(平均水平|平均值|平均)$", clause_prefix))):
            return "bare number"
        if tok.value.is_integer() and 1900 <= tok.value <= 2100:
            return "year"
    if dimension(unit) == "count" and P.POOL_AFTER.match(after):
        return "size of a ranking pool (在15个副省级城市中排名第1)"
    if tok.range_end is not None and dimension(unit) == "count":
        return "range of a count (每期4—6名): a size, not a fact"
    if dimension(unit) == "count" and P.STRUCTURAL_NOUN_AFTER.match(after):
        return "count of a plan's parts"
    if unit == "千伏":
        return "voltage class"
    return None


def _kind(text: str, tok: NumberToken, sent_prefix: str, clause_prefix: str, period: Period, year: int | None,
          target_mode: bool, rank: bool) -> tuple[str, bool]:
    """(kind, negative)."""
    prefix = clause_prefix.rstrip("（(")
    # A target cue governs its own item of a ；-separated enumeration, not the items before it.
    item_prefix = re.split(r"[；;]", sent_prefix)[-1]
    target = bool(P.TARGET_CUE.search(item_prefix)) or period.target_year or target_mode or any(
        year is None or int(y) >= year for y in P.TARGET_YEAR.findall(item_prefix))
    if period.year and year and period.year > year and period.basis == "explicit":
        target = True
    if target:
        return "target", False
    if rank:
        return "rank", False
    if tok.value < 0:
        return "change", False
    unit = tok.unit
    if dimension(unit) == "pp" and P.GAP_NEAR.search(prefix):
        return "actual", False
    m = P.CHANGE_VERB.search(prefix)
    if m and not P.CHANGE_TO_LEVEL.search(prefix):
        return "change", bool(P.DECREASE_WORD.search(m.group()))
    m = P.CHANGE_VERB_NOUN.search(prefix)
    if m:
        return "change", bool(P.DECREASE_WORD.search(m.group(1)))
    if unit == "倍" and (P.TIMES_OF.search(prefix) or "增长" in prefix[-6:]):
        return "change", False
    if dimension(unit) in ("percent", "pp") and (P.YEARLY_AVG.search(prefix) or P.GROWTH_RATE_WORDS.search(prefix[-12:])):
        return "change", bool(re.search(r"降幅|跌幅", prefix[-12:]))
    return "actual", False


def _subject(text: str, clause: tuple[int, int], tok: NumberToken, prev_end: int, mentions: list[Mention],
             rank: bool = False) -> tuple[str, int]:
    """The indicator as the article words it, and where it starts."""
    after = text[tok.token_end:clause[1]]
    after = re.sub(r"^(以上|以下|左右|多|余)?的?", "", after)
    if not rank and after and re.match(r"[\u4e00-\u9fff]|[A-Za-z0-9]+[A-Za-z]", after) and not P.VERB_AFTER_NUMBER.match(after):
        # Short parentheticals belong to the noun: 17家高端(先进)制造企业
        probe = re.sub(r"[(（][^()（）]{1,6}[)）]", lambda m: "〇" * len(m.group()), after)
        stop = P.SUBJECT_AFTER_STOP.search(probe)
        follow = re.split(r"(?<![A-Za-z])\d+(?:\.\d+)?(?![A-Za-z\d])", after[:stop.start()] if stop else after)[0]
        if len(follow) >= 2:
            return follow[:16], tok.token_end
    s = max(clause[0], prev_end)
    raw = text[s:tok.start]
    if raw.endswith("第"):
        raw = raw[:-1]
    # Drop region names and section words inside the subject: 湖北省数字经济规模 -> 数字经济规模.
    for mnt in sorted((m for m in mentions if s <= m.start < tok.start), key=lambda m: -m.start):
        a, b = mnt.start - s, mnt.end - s
        if 0 <= a < b <= len(raw):
            raw = raw[:a] + " " * (b - a) + raw[b:]
    raw = re.sub(r"(?<=\s)[、和及与](?=\s)", " ", raw)  # 向湖北、武汉捐赠: the joiner of removed names goes too
    raw = P.PERIOD_EXPR.sub(lambda m: " " * len(m.group()), raw)
    raw = P.SUBJECT_COMPARISON.sub(lambda m: " " * len(m.group()), raw)
    raw = raw.replace(" ", "")
    lead = P.SUBJECT_LEAD.match(raw)
    subject = raw[lead.end():] if lead else raw
    subject = P.SUBJECT_TRAIL.sub("", subject).replace(" ", "").strip("“”\"")
    start = s
    if len(subject) >= 2 and not re.fullmatch(r"[\d.%]+", subject):
        return subject[-24:], start
    return subject, start


def _joined(text: str, prev_end: int, start: int) -> bool:
    return bool(P.LIST_JOINER.match(text[prev_end:start].replace("第", "")))


def _make_id(doc: str, start: int, end: int, sub_index: int) -> str:
    return hashlib.sha1(f"{doc}\x1f{start}\x1f{end}\x1f{sub_index}".encode()).hexdigest()[:12]


# ---- the article ---------------------------------------------------------------------
class _ArticleExtractor:
    def __init__(self, ct: CleanText, doc: str, year: int | None, month: int | None):
        self.ct = ct
        self.doc = doc
        self.year = year
        self.month = month
        self.text = mask_idioms(ct.text)  # numerals inside idioms masked: for finding numbers only
        self.plain = ct.text
        self.masked = _masked_spans(self.text)
        self.section = Section()
        self.candidates: list[Candidate] = []
        self.para_period: Period | None = None
        self.fenbie_pos = 0

    # region helpers
    def _resolve_section_word(self, surface: str, nearest_province: str | None) -> str | None:
        region = self.section.region or nearest_province
        if region is None:
            return None
        if surface in ("全市", "我市", "本市", "市内"):
            return region
        return province_of(region) or region

    def _heading_region(self, start: int, end: int) -> str | None:
        for m in find_mentions(self.text[start:end]):
            if m.region in (SECTION,):
                continue
            after = self.text[start + m.end:start + m.end + 6]
            before = self.text[max(start, start + m.start - 1):start + m.start]
            if before == "在" or (P.EVENT_LOCATION.match(after.lstrip()) and before in ("在", "于")):
                continue
            if not is_subject_mention(self.text, Mention(start + m.start, start + m.end, m.region, m.surface), start):
                continue
            return m.region
        return None

    def run(self) -> list[Candidate]:
        target_mode = False
        for ps, pe in _paragraphs(self.text):
            opened = P.TARGET_MODE_OPEN.search(self.text, ps, pe)
            para = self.text[ps:pe]
            heading = _is_heading(para)
            if heading:
                target_mode = False
                region = self._heading_region(ps, pe)
                if region:
                    self.section = Section(region=region, pending=False)
                else:
                    self.section = Section(region=self.section.region, pending=True)
                ym = re.search(r"((?:19|20)\d\d)年", para)
                if ym and self.year and int(ym.group(1)) > self.year:
                    self.section.target_year = int(ym.group(1))
            # 2022年，A。B。— a time at the head of a paragraph governs its later sentences too.
            quantities = [t for t in find_numbers(para[:60]) if not re.fullmatch(P.UNIT_TIME, t.unit or "-")]
            head = para[:quantities[0].start if quantities else len(para)][:30]
            head = head if not re.search(r"[。！？!?]", head) else ""
            head_period = resolve_period(head, self.year, self.month) if head else None
            self.para_period = head_period if head_period and head_period.basis != "article" and not heading else None
            for sent in _sentences(self.text, ps, pe):
                opening = P.SENTENCE_OPENING_TIME.match(self.text, sent[0], sent[1])
                if opening and not heading:
                    # 2022年，A。B。— a time that opens a sentence sets the scene for the rest of the paragraph
                    p_open = resolve_period(opening.group(), self.year, self.month)
                    if p_open.basis != "article":
                        self.para_period = p_open
                # 具体目标有三项：… — what follows the colon, here and in the next paragraphs, is the goal.
                self._sentence(sent, heading, target_mode or bool(opened and sent[0] >= opened.start()))
            if opened:
                target_mode = True
        return self.candidates

    def _sentence(self, sent: tuple[int, int], heading: bool, target_mode: bool) -> None:
        text = self.text
        s0, s1 = sent
        sentence = text[s0:s1]
        for m in P.TARGET_YEAR.finditer(sentence):
            if self.year and int(m.group(1)) >= self.year:
                self.section.target_year = int(m.group(1))
        tokens = find_numbers(sentence)
        if not tokens and not self.section.pending:
            return  # most prose has no number: nothing to judge, and the section is already known
        mentions = [Mention(m.start + s0, m.end + s0, m.region, m.surface) for m in find_mentions(sentence)]
        subject_mentions: list[Mention] = []
        prev_non_subject_end = -10
        for m in mentions:
            clause = _clause_bounds(text, sent, m.start)
            ok = is_subject_mention(text, m, clause[0])
            if ok and text[prev_non_subject_end:m.start] in ("、", "和", "及", "与"):
                ok = False  # 向湖北、武汉捐赠: the list after a preposition shares its role
            if ok:
                subject_mentions.append(m)
            else:
                prev_non_subject_end = m.end
        # A section opened by a heading without a region takes the first province its body names.
        if self.section.pending and not heading:
            for m in subject_mentions:
                if m.region not in (SECTION, NATION) and region_level(m.region) == "province":
                    self.section.region = m.region
                    self.section.pending = False
                    break
        times = period_matches(sentence)
        prev_tok_end = s0
        prev_cand: Candidate | None = None
        list_run: list[Candidate] = []
        for t in tokens:
            tok = NumberToken(t.start + s0, t.end + s0, t.token_end + s0, t.value, t.value_raw, t.magnitude, t.unit,
                              t.approx_suffix, t.chinese, t.range_end)
            clause = _clause_bounds(text, sent, tok.start)
            clause_prefix = text[clause[0]:tok.start]
            after = text[tok.token_end:min(clause[1], tok.token_end + 12)]
            reason = _not_a_fact(text, tok, clause_prefix, after, self.masked, text[s0:tok.start])
            # A size class describing counted things: 计划总投资10亿元以上的重大项目1123个, 200余艘十万吨以上的货船
            if reason is None and dimension(tok.unit) in ("money", "physical") and P.THRESHOLD_BOUND_AFTER.match(after):
                reason = "size threshold"
            if reason is None and dimension(tok.unit) in ("money", "physical") and P.THRESHOLD_AFTER.match(after):
                others = [o for o in tokens if o is not t and clause[0] <= o.start + s0 < clause[1]
                          and dimension(o.unit) == "count" and o.unit and not re.fullmatch(P.UNIT_TIME, o.unit)]
                if others:
                    reason = "size threshold"
            if reason:
                if tok.unit and reason not in ("label", "inside a quoted name"):
                    prev_tok_end = tok.token_end  # a dropped quantity still ends the subject before it
                continue
            sent_prefix = text[s0:tok.start]
            rank = tok.start > 0 and text[tok.start - 1] == "第"
            period = resolve_period(sent_prefix, self.year, self.month, times)
            if period.basis == "article" and self.para_period is not None:
                period = self.para_period
            if re.search(r"[从由]$", clause_prefix):
                # 从2017年的1.2万亿元增长到2022年的2.1万亿元，占比由29%提升至37%: the start value is the first year's
                years = re.findall(r"((?:19|20)\d\d)年", sent_prefix)
                if len(set(years)) >= 2:
                    period = Period(years[0], "explicit", year=int(years[0]))
            kind, negative = _kind(text, tok, sent_prefix, clause_prefix, period, self.year, target_mode, rank)
            joiner = text[prev_tok_end:tok.start]
            if prev_cand is not None and P.LIST_JOINER.match(joiner.replace("第", "")) and kind == "actual":
                kind, negative = prev_cand.kind, prev_cand.negative
            if kind == "target" and period.basis != "explicit" and self.section.target_year:
                period = Period(str(self.section.target_year), "explicit", target_year=True, year=self.section.target_year)
            region, explicit = self._region_for(tok, mentions, subject_mentions, clause)
            regions = self._region_list(tok, subject_mentions, clause)
            if regions and "分别" in text[regions[-1].end:tok.start]:
                # 贵州、重庆、江西数字经济增速分别为20.6%、18.1%和16.9%: the n-th number is the n-th region's
                joined = prev_cand is not None and P.LIST_JOINER.match(text[prev_tok_end:tok.start].replace("第", ""))
                self.fenbie_pos = self.fenbie_pos + 1 if joined else 0
                if self.fenbie_pos < len(regions):
                    region, explicit = regions[self.fenbie_pos].region, True
                regions = []
            if region is None:
                prev_tok_end = tok.token_end
                continue
            subject, subject_start = _subject(self.plain, clause, tok, prev_tok_end if prev_cand else clause[0], mentions,
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
            elif re.search(r"(高于|低于|超过)(全国|全省)?(平均水平|平均值|平均)$", clause_prefix) and prev_cand is not None:
                subject = prev_cand.subject  # 指数为73.5，高于全国平均水平48.8: the same index, for the nation
            if "分别" in clause_prefix:
                fenbie_subject = self._fenbie_subject(cand_index=len(list_run) if prev_cand is not None and
                                                      _joined(text, prev_tok_end, tok.start) else 0, tok=tok, sent=sent)
                if fenbie_subject:
                    subject = fenbie_subject
            qualifier = _qualifier(clause_prefix, tok, after)
            cand = Candidate(
                token=tok, start=tok.start, end=tok.end, region=region, region_explicit=explicit, period=period,
                kind=kind, negative=negative or tok.value < 0, qualifier=qualifier, subject=subject, sentence=sent,
                clause=clause, subject_start=min(subject_start, tok.start), heading=heading,
            )
            if prev_cand is not None and P.LIST_JOINER.match(joiner.replace("第", "")):
                list_run.append(cand)
            else:
                list_run = [cand]
            self._emit(cand, clause_prefix, [m.region for m in regions])
            prev_cand = cand
            prev_tok_end = tok.token_end

    def _region_for(self, tok: NumberToken, mentions: list[Mention], subject_mentions: list[Mention],
                    clause: tuple[int, int]) -> tuple[str | None, bool]:
        before = [m for m in subject_mentions if m.end <= tok.start]
        # 高于全国平均水平48.8: the number right after a comparison base is that base's value.
        base = [m for m in mentions if m.end <= tok.start and m not in subject_mentions and m.region == NATION]
        if base and tok.unit not in ("个百分点", "百分点", "倍"):
            gap = self.text[base[-1].end:tok.start]
            if P.COMPARISON_BASE_VALUE.search(self.text[base[-1].start:tok.start]) and len(gap) <= 5:
                return NATION, True
        nearest_province = None
        for m in reversed(before):
            if m.region not in (SECTION, NATION) and region_level(m.region) == "province":
                nearest_province = m.region
                break
        if before:
            m = before[-1]
            if m.region == SECTION:
                return self._resolve_section_word(m.surface, nearest_province), False
            return m.region, True
        if self.section.region:
            return self.section.region, False
        return None, False

    def _region_list(self, tok: NumberToken, subject_mentions: list[Mention], clause: tuple[int, int]) -> list[Mention]:
        """Regions listed together before a number (北京、上海、天津…), if there are two or more."""
        before = [m for m in subject_mentions if clause[0] <= m.start and m.end <= tok.start and m.region != SECTION]
        if len(before) < 2:
            return []
        run = [before[-1]]
        for m in reversed(before[:-1]):
            if self.text[m.end:run[0].start] in ("、", "和", "及", "与", ",", "，"):
                run.insert(0, m)
            else:
                break
        return run if len(run) >= 2 else []

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
                self.candidates.append(replace(cand, region=region, region_explicit=True, sub_index=i))
            return
        # One number shared by several indicators (均为中部第1位; 复工率和到岗率均99%以上) is one fact each.
        items = [cand.subject]
        distribute = bool(P.DISTRIBUTE.search(clause_prefix[-6:]))
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
        for i, subject in enumerate(items):
            c = replace(cand, subject=subject, sub_index=i)
            self.candidates.append(c)

    def _fenbie_subject(self, cand_index: int, tok: NumberToken, sent: tuple[int, int]) -> str:
        """The n-th item of the subject list that 分别 distributes over (…APP、大数据…的数量,分别居全国第2、第3)."""
        head = self.plain[sent[0]:tok.start]
        if "分别" not in head:
            return ""
        parts = [p for p in P.LIST_ITEM_SPLIT.split(self._list_subject_text(head)) if p]
        n = len(re.findall(r"第[\d一二三四五六七八九十]+|\d+(?:\.\d+)?%?", head[head.rfind("分别"):])) + 1
        if len(parts) >= 2 and len(parts) >= n and cand_index < len(parts):
            return parts[cand_index]
        return ""

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
    def _list_subject_text(head: str) -> str:
        head = head[:head.rfind("分别")]
        head = re.sub(r"的(数量|比例|规模)?[，,]?$", "", head)
        head = re.split(r"[，,：:；;]", head)[-1]
        head = re.sub(r"^.*?(入选|包括|其中)", "", head)
        return head


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


def _row(ct: CleanText, doc: str, cand: Candidate) -> dict:
    tok = cand.token
    sentence_text = ct.text[cand.sentence[0]:cand.sentence[1]]
    indicator = match_indicator(cand.subject, sentence_text, tok.unit, cand.kind)
    value, unit = to_canonical(tok.value, tok.magnitude, tok.unit, indicator.unit if indicator else None)
    if cand.kind == "rank":
        unit = "位"
    if cand.negative and value > 0:
        value = -value
    start, end = ct.to_original(cand.start, cand.end)
    ind_id = indicator.id if indicator else "other"
    return {
        "fact_id": _make_id(doc, start, end, cand.sub_index),
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
        "period_basis": cand.period.basis,
        "quote": _quote(ct, cand),
        "start": start,
        "end": end,
        "confidence": _confidence(cand, ind_id),
    }


def _dedupe(ct: CleanText, cands: list[Candidate]) -> list[Candidate]:
    """A paragraph the layout repeats (or a headline restating the body) yields its facts once."""
    text = ct.text
    seen_context: set[tuple] = set()
    kept: list[Candidate] = []
    for c in cands:
        tok = c.token
        before = re.sub(r"[^\u4e00-\u9fff\w]", "", text[max(c.sentence[0], tok.start - 10):tok.start])[-6:]
        key = (before, tok.value_raw, tok.unit_raw, c.sub_index, c.region)
        if key in seen_context:
            continue
        dup = False
        for k in kept:
            if (k.region == c.region and k.kind == c.kind and k.token.value == tok.value and k.token.unit_raw == tok.unit_raw
                    and k.sub_index == c.sub_index and _similar(k.subject, c.subject)):
                dup = True
                break
        if dup:
            continue
        seen_context.add(key)
        kept.append(c)
    return kept


def _similar(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    common = len(set(a) & set(b))
    return common >= 0.6 * min(len(set(a)), len(set(b)))


def extract_article(original: str, doc: str, meta: ArticleMeta | None = None, *, html: bool = False) -> list[dict]:
    """All facts of one article, in text order. Offsets index ``original``."""
    meta = meta or ArticleMeta()
    ct = clean(original, html=html)
    year, month = meta.year, meta.month
    if year is None:
        year, month = infer_article_date(ct.text)
    cands = _ArticleExtractor(ct, doc, year, month).run()
    cands = _dedupe(ct, cands)
    rows = [_row(ct, doc, c) for c in cands]
    rows.sort(key=lambda r: (r["start"], r["end"]))  # stable: facts sharing a number keep their order
    return rows
