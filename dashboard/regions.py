"""Reference facts about China's province-level divisions, used when metadata.yaml says less.

The dataset's metadata.yaml is the first source for region names, levels and groups. This module fills
the gaps (all 34 provinces for grouping and the map, English names, the four economic regions) from the
project's one gazetteer (``extract/data``, loaded by ``extract.refdata``), so the app and the extractor
never disagree about a region.
"""

from __future__ import annotations

from extract.refdata import NATION, load_regions

GROUPS: tuple[str, ...] = ("东部", "中部", "西部", "东北")
GROUP_EN = {"东部": "Eastern region", "中部": "Central region", "西部": "Western region", "东北": "Northeast region"}

PROVINCE_INFO: dict[str, dict[str, str]] = {
    r.name: {"level": "province", "short": r.short, "en": r.en, "adcode": r.adcode,
             "group": r.group if r.group in GROUPS else ""}
    for r in load_regions().values() if r.level == "province"
}

NATION_INFO = {"level": "nation", "short": NATION, "en": "China"}


def group_members(group: str) -> list[str]:
    """Province names of one of the four economic regions (东部/中部/西部/东北)."""
    return [name for name, info in PROVINCE_INFO.items() if info["group"] == group]
