"""Fixed names for China's regional groupings, used with the regions a dataset's metadata.yaml describes.

Region names, levels, English names, codes and groups come from the dataset (``metadata.yaml``, written by
``curate.build`` for every province, the nation and every region the data names), not from the extractor's
reference data: the app reads only what the dataset ships.
"""

from __future__ import annotations

from functools import lru_cache

NATION = "全国"
GROUPS: tuple[str, ...] = ("东部", "中部", "西部", "东北")
GROUP_EN = {"东部": "Eastern region", "中部": "Central region", "西部": "Western region", "东北": "Northeast region"}

NATION_INFO = {"level": "nation", "short": NATION, "en": "China"}



def region_english(name: str) -> str:
    """The English name of a region in the app's dataset (metadata.yaml), '' if it has none."""
    from dashboard.data import data_dir

    return _english_names(str(data_dir())).get(name, "")


@lru_cache(maxsize=4)
def _english_names(directory: str) -> dict[str, str]:
    import yaml

    try:
        with open(f"{directory}/metadata.yaml", encoding="utf-8") as fh:
            regions = (yaml.safe_load(fh) or {}).get("regions") or {}
    except OSError:
        return {}
    return {str(k): str(v.get("en", "")) for k, v in regions.items() if isinstance(v, dict)}
