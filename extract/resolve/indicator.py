"""Which catalogue indicator a fact measures.

In order: the subject as the article words it; else the words between the previous number of the sentence
and this one (增速排全国第四 after 数字经济规模…); else, for a rank, a change or a gap whose own words name no
indicator (增速, 居全国第8位, 高于全国1.2个百分点), the indicator of the fact before it in the sentence or
the one before that sentence.
"""

from __future__ import annotations

from functools import lru_cache

from extract import patterns as P
from extract.cues import words
from extract.indicators import match_indicator, unit_fits
from extract.refdata import load_catalogue
from extract.units import dimension

# Kinds and units that describe another fact's quantity rather than naming one of their own.
_DEPENDENT_KINDS = ("rank", "change")


# Parts of speech of a noun that names a thing (jieba): nouns, catalogue aliases, abbreviations, Latin words.
# Not nominal verbs (发展增速, 综合评价: 发展 and 综合 qualify) and not idioms (仅余, 一步之遥).
_NAMING_FLAGS = ("n", "nz", "j", "eng", "an")


@lru_cache(maxsize=20000)
def names_own_quantity(subject: str) -> bool:
    """Whether the subject names a thing of its own (采矿业增加值, 综合评价, 新能源汽车), not only generic
    quantity words (增速, 规模, 排名 — ``generic_quantity_nouns`` in cues.yaml), verbs or function words."""
    from extract.resolve.subject import tagged

    generic = set(words("generic_quantity_nouns"))
    rest = P.SUBJECT_COMPARISON.sub("", subject)
    for word, flag in tagged(rest):
        if word in generic or flag == "ns" or len(word) < 2:
            continue
        if flag in _NAMING_FLAGS and not P.NUMERIC_ONLY.fullmatch(word):
            return True
    return False


def _compared_to(subject: str, context: str) -> str:
    """The subject less the comparison base of a gap (增幅比全部工业增加值高 -> 增幅): the base's words name
    what the fact is compared with, not what it measures."""
    m = P.GAP_TO_ANY.search(subject)
    if m:
        return subject[:m.start()]
    m = P.GAP_TO_ANY.search(context)
    if m and subject and subject in m.group():
        return ""  # …，比全部工业产值增幅高16.7个百分点: the words after 比 are all base
    return subject


def fact_unit(unit: str, magnitude: str) -> str:
    """The unit to test against an indicator: 2700亿 (a magnitude without a unit) may be any amount."""
    return unit if unit or not magnitude else "*"


def resolve_indicator(subject: str, context: str, sentence: str, unit: str, magnitude: str, kind: str,
                      previous: tuple[str, str] | None, sentence_prefix: str = "",
                      headline: str = "", own_topic: str = "") -> tuple[str, str, str]:
    """(indicator id, canonical unit, rule). ``previous`` is (id, unit) of the fact before, if any;
    ``own_topic``: when that fact is in the sentence before, the words of this sentence before the fact's
    clause (高技术制造业快速增长，实现增加值增长28.1%: a sentence that names its own topic lends nothing)."""
    u = fact_unit(unit, magnitude)
    measured = _compared_to(subject, context)
    ind = match_indicator(measured, sentence, u, kind)
    if ind:
        return ind.id, ind.unit, "indicator.subject"
    if dimension(unit) == "pp" and measured:
        # 数控化率达58.1%，高于全国2.4个百分点: the gap of a rate the subject names
        ind = match_indicator(measured, sentence, "%", "actual")
        if ind:
            return ind.id, ind.unit, "indicator.subject_gap"
    if context and measured == subject:
        ind = match_indicator(context, sentence, u, kind)
        if ind:
            return ind.id, ind.unit, "indicator.context"
    # A rank, growth or gap whose words name nothing of their own (增速, 居全国第8位, 高于全国1.2个百分点) is of
    # the fact before it; one that names its own thing (采矿业增加值增长5%) is not, even if the catalogue lacks it.
    generic = not names_own_quantity(measured)
    dependent = generic and (kind in _DEPENDENT_KINDS or dimension(unit) == "pp" or len(measured) < 3)
    if (dependent and previous and previous[0] != "other" and _carries(previous[0], u, kind)
            and not (own_topic and names_own_quantity(own_topic))):
        return previous[0], previous[1], "indicator.previous_fact"
    if generic and sentence_prefix:
        # 从GDP总量看，广东省稳居第一: the sentence's topic, named in an earlier clause
        ind = match_indicator(sentence_prefix, sentence, u, kind)
        if ind:
            return ind.id, ind.unit, "indicator.sentence_topic"
    if generic and len(subject) < 3 and headline:
        # 广东省以27117.96亿元居于全国首位 under a headline on GDP: the article's topic
        ind = match_indicator(headline, headline, u, kind)
        if ind:
            return ind.id, ind.unit, "indicator.headline_topic"
    return "other", "", "indicator.none"


def _carries(indicator_id: str, unit: str, kind: str) -> bool:
    """Whether a fact of this unit and kind can measure the indicator (37个行业 cannot be an investment)."""
    ind = load_catalogue().get(indicator_id)
    return ind is None or unit_fits(ind, unit, kind)


def indicator_name(indicator_id: str) -> str:
    """The catalogue's Chinese name of an indicator ('' for other)."""
    ind = load_catalogue().get(indicator_id)
    return ind.zh if ind else ""
