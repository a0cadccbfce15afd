"""When an article was published, for an article without a sidecar.

In order of trust:
1. a publication stamp near the top (发布时间：2019-05-24, 2022年07月11日 09:56, 2023-07-11 10:02:03);
2. a dateline (新华社杭州1月20日电) or a lead date (7月10日，记者…) for the month, with the year the text makes
   likely;
3. the latest period the text reports as complete: a full year's data (2021年，全省GDP…) means the article is
   from a later year; in-year phrases without a year (截至9月底, 前三季度, 今年上半年) date the article's own year
   after that period's end;
4. else the year it names most.
Each answer says which rule gave it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from extract import patterns as P
from extract.numbers import chinese_to_number

STAMP_WINDOW = 400  # characters from the top where a page prints its publication time


@dataclass(frozen=True)
class ArticleDate:
    year: int | None
    month: int | None
    rule: str


def _month_of(word: str) -> int:
    n = int(word) if word.isdigit() else int(chinese_to_number(word) or 0)
    return n if 1 <= n <= 12 else 0


def _relative_month_end(text: str) -> int:
    """The latest month an in-year phrase without a year refers to (截至9月底 -> 9, 前三季度 -> 9, 上半年 -> 6)."""
    ends = [0]
    for m in P.INYEAR_PHRASE.finditer(text):
        g = m.groupdict()
        if g.get("me"):
            ends.append(_month_of(g["me"]))
        elif g.get("half"):
            ends.append(6 if g["half"] == "上" else 12)
        elif g.get("q"):
            ends.append(3 * (_month_of(g["q"]) or 0))
        elif g.get("fm"):
            ends.append(_month_of(g["fm"]))
    return max(ends)


def _data_years(text: str) -> list[int]:
    """Years that open a clause as the time of the data after them (2021年，全省GDP…), leaving out event names
    (2022年冬奥会) and plan years (提出…，2025年数字经济…达到; 2022年广州将建成…)."""
    return [int(m.group("y")) for m in P.DATA_YEAR_OPENING.finditer(text)
            if not P.EVENT_AFTER_YEAR.match(text, m.end("y") + 1) and not _in_plan(text, m.start("y"), m.end("y"))]


def _in_plan(text: str, start: int, end: int) -> bool:
    """Whether the sentence around text[start:end] states a plan or an expectation."""
    s = max(text.rfind(c, 0, start) for c in "。！？\n") + 1
    ends = [i for i in (text.find(c, end) for c in "。！？\n") if i >= 0]
    e = min(ends) if ends else len(text)
    return bool(P.TARGET_CUE.search(text, s, e) or P.FUTURE_WORD.search(text, end, e))


def infer_article_date(text: str) -> ArticleDate:
    top = text[:STAMP_WINDOW]
    stamp = P.PUBLICATION_STAMP.search(top)
    if stamp:
        return ArticleDate(int(stamp.group("y")), _month_of(stamp.group("m")) or None, "date.publication_stamp")
    dateline = P.DATELINE.search(text[:STAMP_WINDOW * 2])
    line_month = _month_of(dateline.group("m")) if dateline else 0
    in_year_end = _relative_month_end(text)
    # The latest complete period the text reports: a full year's data (2021年，全省…) is published from the
    # next January on; a dated span (2021年前三季度, 2021年8月) after the span's end.
    # (a full year's month is 0: only a lower bound, so unknown unless something else gives it)
    complete: list[tuple[int, int, str]] = [(y + 1, 0, "date.after_latest_full_year") for y in _data_years(text)]
    for m in P.DATED_INYEAR_SPAN.finditer(text):
        end = _span_end(m.group()) if not _in_plan(text, m.start(), m.end()) else 0
        if end:
            complete.append((int(m.group("y")) + (end == 12), end % 12 + 1, "date.after_latest_dated_span"))
    complete += [(int(y), _month_of(mo), "date.latest_full_date") for y, mo, _d in P.FULL_DATE.findall(text)]
    if complete:
        year, month, rule = max(complete)
        # in-year phrases without a year (截至9月底) and a dateline (7月10日电) are of the article's own year
        if rule != "date.latest_full_date":
            month = max(month, line_month, min(12, in_year_end + 1) if in_year_end else 0)
        return ArticleDate(year, month or None, rule)
    named = Counter(int(m.group(1)) for m in P.REPORTED_YEAR.finditer(text))
    if named:
        return ArticleDate(named.most_common(1)[0][0], line_month or None, "date.most_named_year")
    return ArticleDate(None, None, "date.unknown")


def _span_end(span: str) -> int:
    """The last month of a dated in-year span: 2022年前三季度 -> 9, 2022年上半年 -> 6, 2022年1-9月 -> 9, 2022年8月 -> 8."""
    m = P.SPAN_END.search(span)
    if not m:
        return 0
    g = m.groupdict()
    if g.get("q3"):
        return 3 * _month_of(g["q3"])
    if g.get("h"):
        return 6
    if g.get("q"):
        return 3 * _month_of(g["q"])
    return _month_of(g.get("mo") or "")
