"""The kind of a fact: actual (a level), change (a growth), target (a goal) or rank (a position)."""

from __future__ import annotations

from extract import patterns as P
from extract.numbers import NumberToken
from extract.resolve.period import Period
from extract.units import dimension


def period_over(period: Period, year: int | None, month: int | None) -> bool:
    """Whether a period has ended by the article's date (2021 in a 2022 article; 2022-Q1 in May 2022)."""
    if not period.year or not year or period.basis != "explicit":
        return False
    if period.year != year:
        return period.year < year
    p = period.period
    last_month = {"H1": 6, "H2": 12, "Q1": 3, "Q2": 6, "Q3": 9, "Q4": 12}.get(p[5:], None) if len(p) > 5 else None
    if last_month is None and len(p) == 7 and p[5:].isdigit():
        last_month = int(p[5:])
    return bool(last_month and month and last_month < month)


def kind(text: str, tok: NumberToken, sent_prefix: str, clause_prefix: str, period: Period, year: int | None,
         target_mode: bool, rank: bool, month: int | None = None, after: str = "",
         since_last: str = "") -> tuple[str, bool, str]:
    """(kind, negative, rule). ``since_last`` is the sentence between the previous number and this one."""
    prefix = clause_prefix.rstrip("（(")
    # A target cue governs its own item of a ；-separated enumeration, not the items before it.
    item_prefix = sent_prefix[max(sent_prefix.rfind("；"), sent_prefix.rfind(";")) + 1:]
    cue = P.TARGET_CUE.search(item_prefix)
    if cue and P.ESTIMATE_CUE.fullmatch(cue.group()) and period_over(period, year, month):
        cue = None  # 初步预计，2021年GDP超过4万亿元 (said in 2022): a preliminary actual
    if cue:
        return "target", False, f"kind.target_cue:{cue.group()}"
    if P.TARGET_AFTER.match(after):
        return "target", False, "kind.goal_named_after"
    if period.target_year:
        return "target", False, "kind.deadline_period"
    if target_mode:
        return "target", False, "kind.goal_list"
    if any(year is None or int(y) >= year for y in P.TARGET_YEAR.findall(item_prefix)):
        return "target", False, "kind.deadline_year"
    if period.year and year and period.year > year and period.basis == "explicit":
        return "target", False, "kind.future_period"
    if rank:
        return "rank", False, "kind.rank_ordinal"
    if tok.value < 0:
        return "change", False, "kind.negative_value"
    unit = tok.unit
    dim = dimension(unit)
    if dim == "pp" and (P.CHANGE_AGAINST_PERIOD.search(prefix) or P.NARROWING.search(prefix)):
        return "change", bool(P.SLOWER_WORD.search(prefix[-4:])), "kind.change_against_period"
    if dim == "pp" and P.GAP_NEAR.search(prefix):
        return "actual", False, "kind.gap_between_levels"
    if P.CHANGE_TO_LEVEL.search(prefix) and not P.CHANGE_AGAINST_PERIOD.search(prefix):
        return "actual", False, "kind.level_reached"  # 提高到48.6%, 由A提升至B
    if P.FROM_AT_END.search(prefix):
        return "actual", False, "kind.earlier_level"  # 占比由11.9%提高到12.5%
    m = P.CHANGE_VERB.search(prefix)
    if m:
        return "change", bool(P.DECREASE_WORD.search(m.group())), f"kind.change_verb:{m.group()}"
    m = P.CHANGE_VERB_NOUN.search(prefix)
    if m:
        return "change", bool(P.DECREASE_WORD.search(m.group(1))), f"kind.change_verb:{m.group(1)}"
    if P.CHANGE_WORDS_EXTRA.search(prefix):
        return "change", False, "kind.change_word"
    if unit == "倍" and (P.TIMES_OF.search(prefix) or "增长" in prefix[-6:]):
        return "change", False, "kind.times_of"
    if dim in ("percent", "pp") and (P.YEARLY_AVG.search(prefix) or P.GROWTH_RATE_WORDS.search(prefix[-12:])):
        return "change", bool(P.DECLINE_RATE_WORD.search(prefix[-12:])), "kind.growth_word_before"
    if dim in ("percent", "pp") and P.GROWTH_AFTER.match(after):
        return "change", False, "kind.growth_word_after"
    if dim == "percent" and P.GROWTH_RATE_WORDS.search(since_last) and not P.LEVEL_NOUN_AFTER_GROWTH.search(since_last):
        return "change", False, "kind.growth_word_governs"  # 增速仅次于湖北省的58.3%
    if dim == "percent" and P.OPEN_PAREN_AT_END.search(prefix.rstrip()) and P.GROWTH_LIST_LEAD.search(sent_prefix):
        return "change", False, "kind.growth_list"  # 各市增速：南阳(6.3%)、漯河(7.3%)…
    return "actual", False, "kind.level"
