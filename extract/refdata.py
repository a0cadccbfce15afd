"""Loaders for the reference data files. One loader per file; each is cached and read-only.

YAML is always read with ``yaml.safe_load``: reference files are data, never code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"
CATALOGUE_PATH = Path(__file__).resolve().parent / "indicators.yaml"

NATION = "全国"


def _read_yaml(path: Path):
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@dataclass(frozen=True)
class Region:
    name: str  # canonical full name: 湖北省, 武汉市, 全国, 中部地区
    level: str  # nation | province | city | area
    short: str = ""
    adcode: str = ""
    province: str = ""  # for cities: the province's full name
    en: str = ""
    group: str = ""  # 东部 / 中部 / 西部 / 东北 / 港澳台 for provinces
    abbr: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = field(default_factory=tuple)  # for areas


@lru_cache(maxsize=1)
def load_regions() -> dict[str, Region]:
    """All known regions by canonical name: 全国, provinces, cities and areas."""
    gaz = _read_yaml(DATA_DIR / "gazetteer.yaml")
    extras = _read_yaml(DATA_DIR / "province_extras.yaml") or {}
    areas = _read_yaml(DATA_DIR / "areas.yaml") or []
    regions: dict[str, Region] = {NATION: Region(NATION, "nation", short=NATION, en="China")}
    for p in gaz["provinces"]:
        ex = extras.get(p["name"], {})
        abbr = ex.get("abbr") or ()
        regions[p["name"]] = Region(
            p["name"], "province", short=p.get("short", ""), adcode=str(p.get("adcode", "")),
            en=ex.get("en", ""), group=ex.get("group", ""),
            abbr=tuple([abbr] if isinstance(abbr, str) else abbr),
        )
    for c in gaz["cities"]:
        regions.setdefault(c["name"], Region(
            c["name"], "city", short=c.get("short", ""), adcode=str(c.get("adcode", "")),
            province=c.get("province", ""), en=c.get("en", ""),
        ))
    for a in areas if isinstance(areas, list) else areas.get("areas", []):
        regions[a["name"]] = Region(
            a["name"], "area", en=a.get("en", ""), aliases=tuple(a.get("aliases") or ()),
            members=tuple(a.get("members") or ()),
        )
    return regions


@lru_cache(maxsize=1)
def load_short_name_exclusions() -> frozenset[str]:
    """Short names that are also common words; they match only in full form."""
    rows = _read_yaml(DATA_DIR / "region_exclusions.yaml") or []
    return frozenset(r["short"] for r in rows)


@dataclass(frozen=True)
class Indicator:
    id: str
    zh: str
    en: str
    unit: str  # canonical unit: 亿元, %, 个, 家, '' (index) ...
    category: str
    definition: str
    definition_en: str = ""
    aliases: tuple[str, ...] = ()
    context: tuple[str, ...] = ()  # words the sentence must contain for a bare alias to count
    core: str = ""  # digital | macro: a core id of spec/DATA.md
    same_measure: tuple[str, ...] = ()  # aliases that name this very measure (others are sub-measures)


@lru_cache(maxsize=1)
def load_catalogue() -> dict[str, Indicator]:
    """The indicator catalogue by id (``extract/indicators.yaml``)."""
    doc = _read_yaml(CATALOGUE_PATH)
    out: dict[str, Indicator] = {}
    for it in doc["indicators"]:
        out[it["id"]] = Indicator(
            id=it["id"], zh=it["zh"], en=it["en"], unit=it.get("unit", ""), category=it["category"],
            definition=it.get("definition", ""), definition_en=it.get("definition_en", ""),
            aliases=tuple(it.get("aliases") or ()), context=tuple(it.get("context") or ()), core=it.get("core", ""),
            same_measure=tuple(it.get("same_measure") or ()),
        )
    return out


@lru_cache(maxsize=1)
def load_categories() -> dict[str, dict[str, str]]:
    """Category id -> {zh, en}."""
    return _read_yaml(CATALOGUE_PATH).get("categories", {})
