"""The kind of a fact: actual (a level), change (a growth), target (a goal) or rank (a position)."""

from __future__ import annotations

import re

from extract import patterns as P
from extract.numbers import NumberToken
from extract.resolve.period import Period
from extract.units import dimension


def kind(text: str, tok: NumberToken, sent_prefix: str, clause_prefix: str, period: Period, year: int | None,
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
