"""Mapping an article's wording of a subject to a catalogue indicator.

The longest catalogue alias contained in the subject wins, provided the fact's unit fits the
indicator (a money figure cannot be a share of GDP) and, for ambiguous bare aliases (贡献率, 覆盖率),
the sentence names the context word (数字经济, 上云).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from extract.cues import alternation
from extract.refdata import Indicator, load_catalogue
from extract.units import canonical_unit_dimension, dimension

# Region words that sit inside subjects (占全省GDP比重) but are not part of the indicator's name.
_SHARE_WORDS = re.compile(r"占[^，,。]{0,10}(?:比重|比例)|占比|比重")
_GROWTH_OR_RANK_WORDS = re.compile(r"增速|增幅|增长率|名义增长|增长|排名|排位|位次")
_SCOPE_WORDS = re.compile(r"全省|全市|全国|我省|我市|本省|本市|省级|市级|国家级|规模以上|规上")


# 数字经济核心产业 / 规模以上工业企业营业收入: a noun after the alias that makes the alias its qualifier.
_MEASURE_AFTER = re.compile(f"^(?:{alternation('measure_after_alias')})")
# 其他服务业增加值 / 信息传输…业规上企业: a word before the alias that names a part of it.
_SUBSET_BEFORE = re.compile(f"(?:{alternation('subset_qualifiers')})$")


def _qualified(alias: str, text: str) -> bool:
    """Whether every occurrence of ``alias`` in ``text`` names a different measure (a part of it, or a
    noun it qualifies) rather than the alias's own."""
    start = text.find(alias)
    while start >= 0:
        end = start + len(alias)
        if not _MEASURE_AFTER.match(text[end:]) and not _SUBSET_BEFORE.search(text[:start]):
            return False
        start = text.find(alias, start + 1)
    return True


@lru_cache(maxsize=1)
def _aliases() -> list[tuple[str, Indicator]]:
    pairs = []
    for ind in load_catalogue().values():
        for a in {ind.zh, *ind.aliases}:
            pairs.append((a, ind))
    pairs.sort(key=lambda p: -len(p[0]))
    return pairs


@lru_cache(maxsize=1)
def _aliases_by_first_char() -> dict[str, tuple[int, ...]]:
    """Positions in ``_aliases()`` by the alias's first character: a subject is tested only against the
    aliases that could occur in it."""
    index: dict[str, list[int]] = {}
    for i, (alias, _ind) in enumerate(_aliases()):
        index.setdefault(alias[0], []).append(i)
    return {ch: tuple(ix) for ch, ix in index.items()}


@lru_cache(maxsize=1)
def _term_variants() -> tuple[tuple[str, str], ...]:
    rows = yaml.safe_load((Path(__file__).parent / "data" / "term_variants.yaml").read_text(encoding="utf-8"))
    return tuple(sorted(((r["variant"], r["term"]) for r in rows), key=lambda p: -len(p[0])))


def _normalise(subject: str) -> str:
    s = subject.replace("“", "").replace("”", "").replace(" ", "")
    for variant, term in _term_variants():
        s = s.replace(variant, term)
    return s.replace("地区生产总值", "GDP").replace("生产总值", "GDP")


def unit_fits(indicator: Indicator, unit: str, kind: str) -> bool:
    if unit == "*":
        return canonical_unit_dimension(indicator.unit) != "percent"  # 2700亿: an amount of some unit
    fact_dim = dimension(unit)
    ind_dim = canonical_unit_dimension(indicator.unit)
    if kind == "rank":
        return True
    if kind == "change":
        return fact_dim in ("percent", "pp", "times") or fact_dim == ind_dim
    if fact_dim == "pp":
        return False  # a gap to another region, not the level of the indicator
    return fact_dim == ind_dim


MAX_SUBSEQUENCE_GAP = 4  # 软件和信息技术服务业(实现业务)收入: words an article inserts inside a long alias


def _word_starts(text: str) -> set[int]:
    from extract.resolve.subject import tagged

    starts, at = set(), 0
    for word, _flag in tagged(text):
        starts.add(at)
        at += len(word)
    return starts


def _subsequence_gap(alias: str, text: str) -> int | None:
    """Characters inserted in ``text`` between the characters of ``alias`` (None if not a subsequence). The
    caller also checks that the alias's first character starts a word (人工智能产业增加值 holds 工…业增加值,
    not 工业增加值)."""
    pos = text.find(alias[0])
    if pos < 0:
        return None
    gap, i = 0, pos + 1
    for ch in alias[1:]:
        j = text.find(ch, i)
        if j < 0:
            return None
        gap += j - i
        i = j + 1
    return gap


@lru_cache(maxsize=20000)
def _match(subject: str, has_context: frozenset[str], unit: str, kind: str, subsequence: bool = True) -> Indicator | None:
    candidates = [_normalise(subject), _SCOPE_WORDS.sub("", _normalise(subject))]
    # 数字经济增速 / GDP总量排名: the growth or the rank of an indicator names the indicator
    candidates.append(_GROWTH_OR_RANK_WORDS.sub("", candidates[1]))

    share = bool(_SHARE_WORDS.search(candidates[0]))

    def usable(ind: Indicator) -> bool:
        # 数字经济规模占GDP比重 / 比重提高2.2个百分点: a share names a share indicator, not the level's
        if share and canonical_unit_dimension(ind.unit) != "percent":
            return False
        return (not ind.context or bool(set(ind.context) & has_context)) and unit_fits(ind, unit, kind)

    by_first = _aliases_by_first_char()
    present = sorted(i for ch in set("".join(candidates)) for i in by_first.get(ch, ()))
    pairs = _aliases()
    for i in present:  # the catalogue's order (longest alias first), only aliases whose first character occurs
        alias, ind = pairs[i]
        if any(alias in c and not _qualified(alias, c) for c in candidates) and usable(ind):
            return ind
    if not subsequence:
        return None
    text = candidates[1]
    chars, starts = set(text), None
    for i in sorted(i for ch in chars for i in by_first.get(ch, ())):
        alias, ind = pairs[i]
        if len(alias) < 5 or not chars.issuperset(alias):
            continue  # the cheap tests first: this loop runs for every subject the aliases did not name
        gap = _subsequence_gap(alias, text)
        if gap is None or gap > MAX_SUBSEQUENCE_GAP or not usable(ind):
            continue
        if alias in text and _qualified(alias, text):
            continue
        if starts is None:
            starts = _word_starts(text)
        if text.find(alias[0]) in starts:
            return ind
    return None


def match_indicator(subject: str, sentence: str, unit: str, kind: str, subsequence: bool = True) -> Indicator | None:
    """The catalogue indicator of a fact, or None (the fact keeps indicator ``other``). ``subsequence``: also
    accept a long alias with a few words inserted (软件和信息技术服务业(实现业务)收入) — for subjects, not for
    the wider context around a number."""
    return _match(subject, _contexts_in(sentence), unit, kind, subsequence)


@lru_cache(maxsize=512)
def _contexts_in(sentence: str) -> frozenset[str]:
    """The catalogue's context words a sentence holds (asked once per fact, several facts a sentence)."""
    return frozenset(w for w in _context_words() if w in sentence)


@lru_cache(maxsize=1)
def _context_words() -> tuple[str, ...]:
    """Every context word of the catalogue, once (looked for in each fact's sentence)."""
    return tuple(dict.fromkeys(w for ind in load_catalogue().values() for w in ind.context))
