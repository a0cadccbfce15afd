"""Fixed names for China's regional groupings, used with the regions a dataset's metadata.yaml describes.

Region names, levels, English names, codes and groups come from the dataset (``metadata.yaml``, written by
``curate.build`` for every province, the nation and every region the data names), not from the extractor's
reference data: the app reads only what the dataset ships.
"""

from __future__ import annotations

NATION = "全国"
GROUPS: tuple[str, ...] = ("东部", "中部", "西部", "东北")
GROUP_EN = {"东部": "Eastern region", "中部": "Central region", "西部": "Western region", "东北": "Northeast region"}

NATION_INFO = {"level": "nation", "short": NATION, "en": "China"}

