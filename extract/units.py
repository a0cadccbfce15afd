"""Units: their dimension, and conversion of a value as written to the indicator's canonical unit."""

from __future__ import annotations

from extract import unit_table
from extract.numbers import MAGNITUDE_VALUE

MONEY_UNITS: dict[str, str] = unit_table.table()["money_canonical"]
COMPUTE_SCALE: dict[str, float] = {k: float(v) for k, v in unit_table.table()["compute_scale"].items()}
PHYSICAL_BASE: dict[str, str] = unit_table.table()["physical_synonyms"]
# Canonical units of the catalogue that the extractor never reads after a number.
_CANONICAL_DIMENSIONS = {"亿元": "money", "PFlops": "compute", "万人": "count"}


def dimension(unit: str) -> str:
    """money | percent | pp | times | rank | index | compute | count | physical | time (from data/units.yaml)"""
    if unit == "":
        return "index"
    if unit == "位":
        return "rank"
    return unit_table.dimensions().get(unit) or _CANONICAL_DIMENSIONS.get(unit) or "count"


def canonical_unit_dimension(indicator_unit: str) -> str:
    if indicator_unit == "亿元":
        return "money"
    if indicator_unit == "PFlops":
        return "compute"
    return dimension(indicator_unit)


# Per-person money (人均GDP, 人均可支配收入) stays in yuan: 0.00095511亿元 reads as nothing.
PER_PERSON_MONEY_UNITS = ("元", "美元")


def to_canonical(value: float, magnitude: str, unit: str, indicator_unit: str | None,
                 per_person: bool = False) -> tuple[float, str]:
    """(value, unit) in canonical form. Money goes to 亿元 (per-person money to 元), counts to their measure word
    (people to 万人 where the indicator counts in 万人), compute to PFlops; an amount written with a magnitude
    and no unit (2700亿) takes the indicator's money unit."""
    scale = MAGNITUDE_VALUE.get(magnitude, 1.0)
    if not unit and magnitude and indicator_unit and canonical_unit_dimension(indicator_unit) == "money":
        unit = "元"  # 软件业务收入超过2700亿: an amount of the indicator's currency
    dim = dimension(unit)
    if dim == "money" and (per_person or indicator_unit in PER_PERSON_MONEY_UNITS):
        return round(value * scale, 6), unit
    if dim == "money":
        return round(value * scale / 1e8, 10), MONEY_UNITS[unit]
    if unit in ("人", "万人") and indicator_unit == "万人":
        return round(value * scale / (1e4 if unit == "人" else 1.0), 10), "万人"
    if dim == "compute":
        return round(value * scale * COMPUTE_SCALE[unit], 10), "PFlops"
    if dim in ("percent", "pp", "times", "rank", "index"):
        return value * scale, unit
    base = PHYSICAL_BASE.get(unit, unit)
    if dim == "count" and indicator_unit and canonical_unit_dimension(indicator_unit) == "count":
        base = indicator_unit if unit in ("个", "家", "户", "架", "座", "项", "台", "套") else unit
    return round(value * scale, 10), base
