"""The one unit table (``data/units.yaml``): units in match order with dimension and English label,
magnitude words, and conversions. The number pattern, unit dimensions and canonical units all read it."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

UNITS_FILE = Path(__file__).parent / "data" / "units.yaml"


@lru_cache(maxsize=1)
def table() -> dict:
    return yaml.safe_load(UNITS_FILE.read_text(encoding="utf-8"))


def alternation(group: str) -> str:
    """The regex alternation of one group, in the table's order (a guard such as 种(?!植) where given)."""
    parts = []
    for e in table()["groups"][group]:
        unit = re.escape(e["unit"])
        parts.append(unit + (f"(?![{e['not_before']}])" if e.get("not_before") else ""))
    return "|".join(parts)


@lru_cache(maxsize=1)
def dimensions() -> dict[str, str]:
    return {e["unit"]: e["dimension"] for entries in table()["groups"].values() for e in entries}


@lru_cache(maxsize=1)
def english() -> dict[str, str]:
    return {e["unit"]: e.get("en", "") for entries in table()["groups"].values() for e in entries}


def magnitudes() -> dict[str, float]:
    return {k: float(v) for k, v in table()["magnitudes"].items()}
