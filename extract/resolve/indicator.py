"""Which catalogue indicator a fact measures.

In order: the subject as the article words it; else the words between the previous number of the sentence
and this one (增速排全国第四 after 数字经济规模…); else, for a rank, a change or a gap whose own words name no
indicator (增速, 居全国第8位, 高于全国1.2个百分点), the indicator of the fact before it in the sentence or
the one before that sentence.
"""

from __future__ import annotations

from extract.indicators import match_indicator
from extract.refdata import load_catalogue
from extract.units import dimension

# Kinds and units that describe another fact's quantity rather than naming one of their own.
_DEPENDENT_KINDS = ("rank", "change")


def fact_unit(unit: str, magnitude: str) -> str:
    """The unit to test against an indicator: 2700亿 (a magnitude without a unit) may be any amount."""
    return unit if unit or not magnitude else "*"


def resolve_indicator(subject: str, context: str, sentence: str, unit: str, magnitude: str, kind: str,
                      previous: tuple[str, str] | None, sentence_prefix: str = "",
                      headline: str = "") -> tuple[str, str, str]:
    """(indicator id, canonical unit, rule). ``previous`` is (id, unit) of the fact before, if any."""
    u = fact_unit(unit, magnitude)
    ind = match_indicator(subject, sentence, u, kind)
    if ind:
        return ind.id, ind.unit, "indicator.subject"
    if context:
        ind = match_indicator(context, sentence, u, kind)
        if ind:
            return ind.id, ind.unit, "indicator.context"
    # A rank, growth or gap whose words name nothing of their own (增速, 居全国第8位, 高于全国1.2个百分点) is of
    # the fact before it; one that names its own thing (采矿业增加值增长5%) is not, even if the catalogue lacks it.
    dependent = kind in _DEPENDENT_KINDS or dimension(unit) == "pp" or len(subject) < 3
    if dependent and previous and previous[0] != "other":
        return previous[0], previous[1], "indicator.previous_fact"
    if dependent and sentence_prefix:
        # 从GDP总量看，广东省稳居第一: the sentence's topic, named in an earlier clause
        ind = match_indicator(sentence_prefix, sentence, u, kind)
        if ind:
            return ind.id, ind.unit, "indicator.sentence_topic"
    if len(subject) < 3 and headline:
        # 广东省以27117.96亿元居于全国首位 under a headline on GDP: the article's topic
        ind = match_indicator(headline, headline, u, kind)
        if ind:
            return ind.id, ind.unit, "indicator.headline_topic"
    return "other", "", "indicator.none"


def indicator_name(indicator_id: str) -> str:
    """The catalogue's Chinese name of an indicator ('' for other)."""
    ind = load_catalogue().get(indicator_id)
    return ind.zh if ind else ""
