"""Units: their dimension, and conversion of a value as written to the indicator's canonical unit."""

from __future__ import annotations

from extract.numbers import MAGNITUDE_VALUE

MONEY_UNITS = {"元": "亿元", "美元": "亿美元", "欧元": "亿欧元", "港元": "亿港元", "日元": "亿日元"}
PERCENT_UNITS = {"%", "‰"}
PP_UNITS = {"个百分点", "百分点"}
COMPUTE_SCALE = {"P": 1.0, "PFLOPS": 1.0, "PFlops": 1.0, "Pflops": 1.0, "E": 1000.0, "EFLOPS": 1000.0}
PHYSICAL_BASE = {"千瓦伏安": "千伏安", "千瓦安": "千伏安"}  # typos and synonyms of kVA in reports


def dimension(unit: str) -> str:
    """money | percent | pp | times | rank | index | compute | count | physical"""
    if unit in MONEY_UNITS:
        return "money"
    if unit in PERCENT_UNITS:
        return "percent"
    if unit in PP_UNITS:
        return "pp"
    if unit == "倍":
        return "times"
    if unit == "位":
        return "rank"
    if unit == "":
        return "index"
    if unit in COMPUTE_SCALE:
        return "compute"
    if unit in {"吨", "千瓦", "千瓦时", "千伏安", "千瓦伏安", "千瓦安", "兆瓦", "吉瓦", "平方米", "平方公里", "公里", "米",
                "亩", "公顷", "立方米", "千克", "公斤", "兆", "Mbps", "Gbps", "TB", "PB", "EB", "GB", "标准箱", "TEU",
                "吨标准煤", "千米", "厘米", "毫米", "平方千米"}:
        return "physical"
    return "count"


def canonical_unit_dimension(indicator_unit: str) -> str:
    if indicator_unit == "亿元":
        return "money"
    if indicator_unit == "PFlops":
        return "compute"
    return dimension(indicator_unit)


def to_canonical(value: float, magnitude: str, unit: str, indicator_unit: str | None) -> tuple[float, str]:
    """(value, unit) in canonical form. Money goes to 亿元, counts to their measure word, compute to PFlops."""
    scale = MAGNITUDE_VALUE.get(magnitude, 1.0)
    dim = dimension(unit)
    if dim == "money":
        return round(value * scale / 1e8, 10), MONEY_UNITS[unit]
    if dim == "compute":
        return round(value * scale * COMPUTE_SCALE[unit], 10), "PFlops"
    if dim in ("percent", "pp", "times", "rank", "index"):
        return value * scale, unit
    base = PHYSICAL_BASE.get(unit, unit)
    if dim == "count" and indicator_unit and canonical_unit_dimension(indicator_unit) == "count":
        base = indicator_unit if unit in ("个", "家", "户", "架", "座", "项", "台", "套") else unit
    return round(value * scale, 10), base
