"""Resolving when a number holds, from the time words before it and the article date.

``resolve_period(prefix, year, month)`` looks at the part of the sentence before a number and returns
the nearest time expression that governs it, resolved against the article's year and month.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from extract import patterns as P

_CN_DIGIT = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
FIVE_YEAR_PLAN_END = {"十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030}


class Period(NamedTuple):
    """When a figure holds. A named tuple: immutable, and cheap to build at several per number."""

    period: str  # YYYY, YYYY-MM, YYYY-H1, YYYY-Qn, or '' when unknown
    basis: str  # explicit | relative | article
    target_year: bool = False  # 到2025年, 十四五末, 明年: the period is a goal's deadline
    year: int | None = None
    now: bool = False  # 目前, 截至目前, 如今: as of the article's date
    span: tuple[int, int] | None = None  # where the time phrase stands, relative to the text resolved


def _cn_or_int(s: str) -> int:
    if s.isdigit():
        return int(s)
    if len(s) == 2 and s[0] == "十":
        return 10 + _CN_DIGIT.get(s[1], 0)  # 十一, 十二
    return _CN_DIGIT.get(s, 0)


def _ym(year: int | None, month: int) -> str:
    return f"{year:04d}-{month:02d}" if year else ""


def _from_match(m: re.Match, year: int | None, prefix: str, number_pos: int) -> Period | None:
    g = m.group  # one group at a time: building the dict of all 50 groups costs more than the lookups
    if g("range"):
        # 从30.8%增长到71%: the first value belongs to the start year.
        between = prefix[m.end():number_pos]
        y = int(g("y1")) if P.FROM_BEFORE.search(between) and not re.search(r"[到至]", between) else int(g("y2"))
        return Period(str(y), "explicit", year=y)
    if g("to_year"):
        y = int(g("ty"))
        target = year is None or y >= year
        if g("ty_end") and not target:
            return Period(_ym(y, 12), "explicit", year=y)  # 到2022年底，全省… (said in 2023): as of December
        return Period(str(y), "explicit", target_year=target, year=y)
    if g("year_end_rel"):
        return Period("", "year_end")  # 年末常住人口: December of the year the text reports on
    if g("ym_end"):
        y = int(g("ey"))
        return Period(_ym(y, int(g("em"))), "explicit", year=y)
    if g("ymd"):
        y = int(g("dy"))
        return Period(str(y), "explicit", year=y)
    if g("y_months"):
        y = int(g("my"))
        return Period(_ym(y, int(g("mm"))), "explicit", year=y)
    if g("ym"):
        y = int(g("ymy"))
        return Period(_ym(y, int(g("ymm"))), "explicit", year=y)
    if g("yh"):
        y = int(g("hy"))
        return Period(f"{y}-{'H1' if g('half') == '上半年' else 'H2'}", "explicit", year=y)
    if g("yq"):
        y = int(g("qy"))
        return Period(f"{y}-Q{_cn_or_int(g('q'))}", "explicit", year=y)
    if g("yq3"):
        y = int(g("q3y"))
        return Period(_ym(y, 3 * _cn_or_int(g("q3"))), "explicit", year=y)
    if g("y_first"):
        y = int(g("fy"))
        return Period(_ym(y, _cn_or_int(g("fym"))), "explicit", year=y)
    if g("year"):
        y = int(g("yy"))
        if g("year_end"):
            return Period(_ym(y, 12), "explicit", year=y)  # 截至2021年底: as of December
        return Period(str(y), "explicit", year=y)
    if g("fyp"):
        y = FIVE_YEAR_PLAN_END[g("fyp_n")]
        if P.PLAN_START_AFTER.match(prefix[m.end():m.end() + 4]):
            return None  # “十四五”开局之年: the plan's first year, not its deadline
        return Period(str(y), "explicit", target_year=bool(year and y > year), year=y)
    if g("rel_same"):
        before = prefix[max(0, m.start() - 3):m.start()]
        if P.BASE_BEFORE.search(before) or P.CHANGE_BETWEEN.search(prefix[m.end():number_pos]):
            return None  # 比去年同期, 较上年同期增长: a comparison base
        return Period("", "same_last_year")  # 而在去年同期，X为N: the governing period, a year before
    if year is None:
        return Period("", "relative")
    if g("rel"):
        word = g("rel")
        offset = {"去年": -1, "上年": -1, "前年": -2, "明年": 1}.get(word, 0)
        return Period(str(year + offset), "relative", target_year=offset > 0, year=year + offset,
                      now=word in P.AS_OF_NOW_WORDS)
    if g("months"):
        return Period(_ym(year, int(g("m2"))), "relative", year=year)
    if g("month_end"):
        return Period(_ym(year, int(g("me"))), "relative", year=year)
    if g("half_rel"):
        return Period(f"{year}-{'H1' if g('half2') == '上半年' else 'H2'}", "relative", year=year)
    if g("q_rel"):
        return Period(f"{year}-Q{_cn_or_int(g('q2'))}", "relative", year=year)
    if g("q3_rel"):
        return Period(_ym(year, 3 * _cn_or_int(g("q32"))), "relative", year=year)
    if g("first_months"):
        return Period(_ym(year, _cn_or_int(g("fm"))), "relative", year=year)
    if g("month"):
        mo = int(g("mo"))
        if P.EVENT_MONTH_AFTER.match(prefix[m.end():m.end() + 4]):
            return Period(str(year), "relative", year=year)
        if 1 <= mo <= 12:
            return Period(_ym(year, mo), "relative", year=year)
    return None


def period_matches(sentence: str) -> list[re.Match]:
    """All time expressions of a sentence, to share between the numbers of that sentence."""
    return list(P.PERIOD_EXPR.finditer(sentence))


def resolve_period(prefix: str, year: int | None, month: int | None = None,
                   matches: list[re.Match] | None = None) -> Period:
    """The period of a number whose sentence, up to the number, is ``prefix``.

    The nearest time expression wins, except comparison bases (比2016年, 较去年同期) and the start of a
    cumulative span (自2011年…以来), which say what the number is measured against, not when it holds.
    """
    found = list(P.PERIOD_EXPR.finditer(prefix)) if matches is None else [m for m in matches if m.end() <= len(prefix)]
    for m in reversed(found):  # the nearest first: the first one that dates the number wins
        before = prefix[max(0, m.start() - 3):m.start()]
        after = prefix[m.end():m.end() + 4]
        if P.SINCE_AFTER.match(after) or before.endswith("自"):
            continue
        if P.BASE_BEFORE.search(before) and P.CHANGE_BETWEEN.search(prefix[m.end():]):
            continue
        if P.FROM_AT_END.search(before) and P.TO_WORD.search(prefix[m.end():]):
            continue  # 从2016年的第25位提升至20位: the start of a move, not the period of its end
        if P.RATIO_BASE_BEFORE.search(before) and P.RATIO_BASE_AFTER.fullmatch(prefix[m.end():]):
            continue  # 是去年的4倍: last year is the base of the ratio
        p = _from_match(m, year, prefix, len(prefix))
        if p is not None:
            return Period(*p[:5], m.span())  # p with the span of its time phrase
    return Period(str(year) if year else "", "article", year=year)


def year_before(period: Period | None) -> Period:
    """The same span a year earlier (2021-Q1 -> 2020-Q1): what 去年同期 and a 由A提高到B start value refer to."""
    if period is None or not period.year:
        return period or Period("", "article")
    y = period.year - 1
    return Period(str(y) + period.period[4:], period.basis if period.basis != "same_last_year" else "relative", year=y)


# ---- as-of stocks and during flows ---------------------------------------------------------------
def is_stock(unit: str, clause_prefix: str, after: str, sent_prefix: str = "", subject: str = "") -> bool:
    """Whether a number is a level held at a point in time (5G基站, 企业数, 普及率, 指数, 累计投资)
    rather than a flow over a span (GDP, 收入, 新增, 增长)."""
    from extract.units import dimension  # local: units imports nothing from here, but keep the layering flat

    if P.FLOW_CUE.search(clause_prefix) or P.FLOW_CUE.search(after):
        return False
    if P.STOCK_CUE.search(clause_prefix):
        return True
    dim = dimension(unit)
    if dim == "count":
        return True
    if dim == "percent":
        words = clause_prefix[-16:] + after[:6] + subject
        return bool(P.POINT_RATE.search(words)) and not P.FLOW_SHARE.search(words)
    if dim == "pp" and P.GAP_TO_ANY.search(clause_prefix):
        rate = sent_prefix[-30:]  # 数控化率达58.1%，高于全国2.4个百分点: a gap of a rate held at a point
        return bool(P.POINT_RATE.search(rate)) and not P.FLOW_SHARE.search(rate)
    if not unit:
        return bool(P.INDEX_CONTEXT.search(clause_prefix))
    return False


def as_of(period: Period, year: int | None, month: int | None, own: bool = True) -> Period:
    """The month a stock is measured at: 上半年 -> YYYY-06, 一季度 -> YYYY-03; 目前, or no time words in its
    own sentence -> the article's month (a year named elsewhere dates flows, not stocks)."""
    p = period.period
    if len(p) == 7 and p[5:] in ("H1", "H2", "Q1", "Q2", "Q3", "Q4"):
        m = {"H1": 6, "H2": 12, "Q1": 3, "Q2": 6, "Q3": 9, "Q4": 12}[p[5:]]
        return Period(_ym(period.year, m), period.basis, year=period.year)
    if len(p) == 4 and year and month and (not own or period.now):
        return Period(_ym(year, month), "article" if not own else period.basis, year=year)
    return period


def default_period(text: str, year: int | None, month: int | None, title: str = "") -> Period:
    """The period an undated flow refers to: the headline's, else the year the article reports on (the
    year its time phrases name most, when that is the article's year or the one before)."""
    head = title or text.lstrip().split("\n", 1)[0][:60]
    for m in P.PERIOD_EXPR.finditer(head):
        p = _from_match(m, year, head, len(head))
        if p is not None and p.period and not p.target_year and p.basis in ("explicit", "relative") and (
                len(p.period) > 4 or p.basis == "explicit"):
            return Period(p.period, "default", year=p.year)
    counts: dict[int, int] = {}
    for m in P.REPORTED_YEAR.finditer(text):
        y = int(m.group(1))
        counts[y] = counts.get(y, 0) + 1
    if year and counts:
        best = max(counts, key=lambda y: (counts[y], y))
        if best == year - 1 and counts[best] > counts.get(year, 0):
            return Period(str(best), "default", year=best)
    return Period(str(year) if year else "", "article", year=year)
