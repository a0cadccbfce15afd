"""The one unit table: every unit the number pattern reads has a dimension and an English label, and the
table's order lets every unit be matched."""

import re

import pytest

from extract import patterns as P
from extract import unit_table
from extract.numbers import find_numbers
from extract.units import dimension, to_canonical

DIMENSIONS = {"percent", "pp", "times", "time", "physical", "compute", "money", "count", "rank"}


def test_every_unit_has_a_known_dimension_and_an_english_label():
    for group, entries in unit_table.table()["groups"].items():
        for e in entries:
            assert e["dimension"] in DIMENSIONS, (group, e)
            assert "en" in e, (group, e)


@pytest.mark.parametrize("group", list(unit_table.table()["groups"]))
def test_no_unit_is_shadowed_by_an_earlier_prefix(group):
    units = [e["unit"] for e in unit_table.table()["groups"][group]]
    for i, earlier in enumerate(units):
        for later in units[i + 1:]:
            assert not later.startswith(earlier), f"{later} can never match after {earlier}"


@pytest.mark.parametrize("text, unit, dim", [
    ("发电量达120兆瓦时", "兆瓦时", "physical"),  # a count to one module and physical to another, before the table
    ("算力规模达到200P", "P", "compute"),
    ("增长3.5个百分点", "个百分点", "pp"),
    ("投资2.1亿美元", "美元", "money"),
    ("建成5G基站7.35万个", "个", "count"),
    ("用时3个月", "个月", "time"),
])
def test_number_pattern_and_dimension_read_the_same_table(text, unit, dim):
    toks = [t for t in find_numbers(text) if t.unit]
    assert toks[-1].unit == unit
    assert dimension(unit) == dim
    assert re.fullmatch(getattr(P, "UNIT_" + {"pp": "PERCENT", "compute": "PHYSICAL"}.get(dim, dim.upper())), unit)


def test_magnitudes_and_money_come_from_the_table():
    assert to_canonical(2.1, "万亿", "元", "亿元") == (21000.0, "亿元")
    assert unit_table.magnitudes()["亿"] == 1e8
