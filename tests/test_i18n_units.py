"""Every unit a fact can carry has an English label, so the English app shows no Chinese unit words."""

from __future__ import annotations

import csv
import re

import pytest
import yaml

from dashboard.i18n import fmt_value, unit_label
from extract import patterns as P
from extract.units import to_canonical
from tests.conftest import REPO

CJK = re.compile(r"[\u3400-\u9fff]")


def _words(alternation: str) -> list[str]:
    """The literal words of a regex alternation such as UNIT_COUNT (lookaheads dropped)."""
    return [re.sub(r"\(\?[!=][^)]*\)", "", w) for w in alternation.split("|")]


def extractor_units() -> set[str]:
    """Units as the extractor writes them into facts: every unit it recognises, after to_canonical."""
    written = {*_words(P.UNIT_PERCENT), *_words(P.UNIT_TIMES), *_words(P.UNIT_MONEY), *_words(P.UNIT_PHYSICAL),
               *_words(P.UNIT_COUNT), *_words(P.UNIT_TIME)}
    return {to_canonical(1.0, magnitude, unit, None)[1] for unit in written for magnitude in ("", "万")}


def catalogue_units() -> set[str]:
    catalogue = yaml.safe_load((REPO / "extract" / "indicators.yaml").read_text(encoding="utf-8"))
    found: set[str] = set()

    def walk(node) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "unit" and isinstance(value, str):
                    found.add(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(catalogue)
    return found


def shipped_units() -> set[str]:
    with open(REPO / "data" / "indicators.csv", encoding="utf-8", newline="") as fh:
        return {row["unit"] for row in csv.DictReader(fh)}


def test_the_unit_sources_are_not_empty():
    assert {"吨", "剂次", "小时", "千伏安", "亿美元"} <= extractor_units()
    assert "亿元" in catalogue_units() and "亿元" in shipped_units()


@pytest.mark.parametrize("unit", sorted(extractor_units() | catalogue_units() | shipped_units()))
def test_every_unit_has_an_english_label(unit):
    assert not CJK.search(unit_label(unit, "en")), f"{unit!r} is shown as {unit_label(unit, 'en')!r} in English"


@pytest.mark.parametrize("value, unit, zh, en", [
    (380_000_000, "吨", "380,000,000吨", "380,000,000 t"),
    (3.8, "亿美元", "3.8亿美元", "0.38 bn US dollars"),
    (120, "万人", "120万人", "1.2 mn people"),
    (30_000, "小时", "30,000小时", "30,000 hours"),
    (12, "个", "12个", "12"),
    (8, "位", "第8位", "No. 8"),
])
def test_values_with_units_in_both_languages(value, unit, zh, en):
    assert fmt_value(value, unit, lang="zh") == zh
    assert fmt_value(value, unit, lang="en") == en
