"""Number tokens as written in Chinese news: digits, numerals, magnitudes, units."""

import pytest

from extract.numbers import chinese_to_number, find_numbers, format_value, mask_idioms
from extract.units import to_canonical


def tokens(text):
    return [(text[t.start:t.end], t.value_raw, t.unit_raw, t.approx_suffix) for t in find_numbers(mask_idioms(text))]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("数字经济规模达到2.1万亿元", [("2.1", "2.1", "万亿元", "")]),
        ("全省建成5G宏基站7.35万个", [("5", "5", "", ""), ("7.35", "7.35", "万个", "")]),
        ("同比分别增长23.24%、21.41%", [("23.24", "23.24", "%", ""), ("21.41", "21.41", "%", "")]),
        ("高于全国2.4个百分点", [("2.4", "2.4", "个百分点", "")]),
        ("是去年的4倍", [("4", "4", "倍", "")]),
        ("占比百分之四十", [("百分之四十", "40", "%", "")]),
        ("新增两万个岗位", [("两", "2", "万个", "")]),
        ("康芝药业等220家企业的上万名员工", [("220", "220", "家", ""), ("万", "1", "万名", "")]),
        ("180多名员工吃住在厂区", [("180", "180", "名", "多")]),
        ("累计培养10万余名来华留学生", [("10", "10", "万名", "余")]),
        ("通过兩化融合貫標評定企業1,198家", [("1,198", "1198", "家", "")]),
        ("容量达2050.67万千瓦伏安", [("2050.67", "2050.67", "万千瓦伏安", "")]),
        ("完成800千伏安箱式变压器", [("800", "800", "千伏安", "")]),
        ("110千伏青林变电站", [("110", "110", "千伏", "")]),
        ("算力提升至200P", [("200", "200", "P", "")]),
        ("超过150万种植户", [("150", "150", "万", "")]),
        ("千方百计解决员工返岗问题", []),
        ("分别高于全国2.5和3.1个百分点", [("2.5", "2.5", "个百分点", ""), ("3.1", "3.1", "个百分点", "")]),
        ("在全国排名第十", [("十", "10", "", "")]),
        ("一是通信的稳定性", []),
    ],
)
def test_find_numbers(text, expected):
    assert tokens(text) == expected


@pytest.mark.parametrize("numeral, value", [("两", 2), ("二十三", 23), ("百", 100), ("三千", 3000), ("一点五", 1.5), ("十", 10)])
def test_chinese_numerals(numeral, value):
    assert chinese_to_number(numeral) == value


@pytest.mark.parametrize("value, text", [(2.0, "2"), (0.5, "0.5"), (73500.0, "73500"), (79.28, "79.28"), (-9.7, "-9.7")])
def test_format_value(value, text):
    assert format_value(value) == text


@pytest.mark.parametrize(
    "value, magnitude, unit, indicator_unit, expected",
    [
        (2.1, "万亿", "元", "亿元", (21000.0, "亿元")),
        (8680, "万", "元", None, (0.868, "亿元")),
        (7.35, "万", "个", "个", (73500.0, "个")),
        (11.3, "万", "架", "架", (113000.0, "架")),
        (42, "", "%", "%", (42, "%")),
        (200, "", "P", "PFlops", (200.0, "PFlops")),
        (3.8, "亿", "吨", None, (380000000.0, "吨")),
    ],
)
def test_to_canonical(value, magnitude, unit, indicator_unit, expected):
    assert to_canonical(value, magnitude, unit, indicator_unit) == expected


@pytest.mark.parametrize("text, value", [
    ("对增长的贡献率超7成，", 70.0),  # N成 after a comparison word: N tenths
    ("占比近八成", 80.0),
])
def test_tenths_are_shares(text, value):
    (tok,) = find_numbers(text)
    assert (tok.value, tok.unit) == (value, "%")


@pytest.mark.parametrize("text", ["截至目前已建成5G基站", "全省有7成为民营企业"])
def test_cheng_as_a_verb_is_not_tenths(text):
    assert all(t.unit != "%" for t in find_numbers(text))
