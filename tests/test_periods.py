"""Periods resolved against the article date, which is passed explicitly."""

import pytest

from extract.resolve.period import resolve_period


@pytest.mark.parametrize(
    "prefix, year, period, basis",
    [
        ("截至今年上半年,全省两化融合指数达到", 2022, "2022-H1", "relative"),
        ("2021年,湖北省数字经济规模达到", 2022, "2021", "explicit"),
        ("截至9月底,国家工业互联网武汉顶级节点标识注册量达到79.28亿个,较去年同期增长超过", 2022, "2022-09", "relative"),
        ("今年1—7月,主要生产经营活动完成情况较好,乙烯产量同比增长", 2021, "2021-07", "relative"),
        ("第一季度全省完成工业投资", 2020, "2020-Q1", "relative"),
        ("但3月降幅(", 2020, "2020-03", "relative"),
        ("力争到2025年,全省产业链产值突破", 2020, "2025", "explicit"),
        ("2015年—2020年,我国4K超高清电视渗透率从", 2022, "2015", "explicit"),
        ("2015年—2020年,我国4K超高清电视渗透率从30.8%增长到", 2022, "2020", "explicit"),
        ("2020年全省普及率达到了64%,比2016年提升", 2022, "2020", "explicit"),
        ("“十三五”期间,建成5G基站", 2022, "2020", "explicit"),
        ("自2011年获批成为试点省份以来,湖北碳市场已累计实现成交量", 2023, "2023", "article"),
        ("今年前三季度,全省锂电制造业增加值增长", 2023, "2023-09", "relative"),
        ("去年,这一措施惠及小微企业", 2023, "2022", "relative"),
        ("目前新建5G基站是去年同期的", 2020, "2020", "relative"),
        ("全省建成5G宏基站", 2022, "2022", "article"),
        ("2021年12月底,北京延庆赛区建成", 2022, "2021-12", "explicit"),
        ("前9个月,服务累计惠及", 2023, "2023-09", "relative"),
        ("2023年上半年,全省软件业务收入", 2023, "2023-H1", "explicit"),
        ("年内投入运营,首期算力规模", 2022, "2022", "relative"),
    ],
)
def test_resolve_period(prefix, year, period, basis):
    p = resolve_period(prefix, year)
    assert (p.period, p.basis) == (period, basis)


@pytest.mark.parametrize(
    "prefix, year, target",
    [
        ("力争到2025年,全省产值突破", 2020, True),
        ("由2015年全国第19位,提升到2020年全国第", 2022, False),
        ("明年,全省将建成", 2022, True),
        ("“十四五”期间,累计建成", 2022, True),
        ("“十三五”期间,累计建成", 2022, False),
    ],
)
def test_target_year(prefix, year, target):
    assert resolve_period(prefix, year).target_year is target


def test_unknown_article_date_gives_empty_relative_period():
    p = resolve_period("今年全省建成", None)
    assert (p.period, p.basis) == ("", "relative")
