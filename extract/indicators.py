"""Mapping an article's wording of a subject to a catalogue indicator.

The longest catalogue alias contained in the subject wins, provided the fact's unit fits the
indicator (a money figure cannot be a share of GDP) and, for ambiguous bare aliases (贡献率, 覆盖率),
the sentence names the context word (数字经济, 上云).
"""

from __future__ import annotations

import re
from functools import lru_cache

from extract.refdata import Indicator, load_catalogue
from extract.units import canonical_unit_dimension, dimension

# Region words that sit inside subjects (占全省GDP比重) but are not part of the indicator's name.
_SCOPE_WORDS = re.compile(r"全省|全市|全国|我省|我市|本省|本市|省级|市级|国家级|规模以上|规上")


@lru_cache(maxsize=1)
def _aliases() -> list[tuple[str, Indicator]]:
    pairs = []
    for ind in load_catalogue().values():
        for a in {ind.zh, *ind.aliases}:
            pairs.append((a, ind))
    pairs.sort(key=lambda p: -len(p[0]))
    return pairs


def _normalise(subject: str) -> str:
    return subject.replace("“", "").replace("”", "").replace(" ", "")


def unit_fits(indicator: Indicator, unit: str, kind: str) -> bool:
    fact_dim = dimension(unit)
    ind_dim = canonical_unit_dimension(indicator.unit)
    if kind == "rank":
        return True
    if kind == "change":
        return fact_dim in ("percent", "pp", "times") or fact_dim == ind_dim
    if fact_dim == "pp":
        return False  # a gap to another region, not the level of the indicator
    return fact_dim == ind_dim


@lru_cache(maxsize=20000)
def _match(subject: str, has_context: frozenset[str], unit: str, kind: str) -> Indicator | None:
    candidates = [_normalise(subject), _SCOPE_WORDS.sub("", _normalise(subject))]
    for alias, ind in _aliases():
        if any(alias in c for c in candidates):
            if ind.context and not (set(ind.context) & has_context):
                continue
            if unit_fits(ind, unit, kind):
                return ind
    return None


def match_indicator(subject: str, sentence: str, unit: str, kind: str) -> Indicator | None:
    """The catalogue indicator of a fact, or None (the fact keeps indicator ``other``)."""
    contexts = frozenset(w for ind in load_catalogue().values() for w in ind.context if w in sentence)
    return _match(subject, contexts, unit, kind)
