"""The article date of an article without a sidecar, from its text."""

from pathlib import Path

import pytest

from extract.clean import clean
from extract.pipeline import extract_article
from extract.resolve.article_date import infer_article_date
from extract.textio import ArticleMeta, read_article_text

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("text, year, month, rule", [
    ("数字经济报告发布 发布时间: 2021-03-08 09:00:00 | 来源:某网\n2020年，全省数字经济规模达到1万亿元。", 2021, 3,
     "date.publication_stamp"),
    ("某省数字经济稳步增长\n2023年05月11日 10:20   来源：某日报\n今年一季度，全省…", 2023, 5, "date.publication_stamp"),
    # a full year's data is published in the following year; an undated in-year phrase is of that year
    ("2021年，全省地区生产总值增长7.2%。截至9月底，全省累计建成5G基站6万个。", 2022, 10,
     "date.after_latest_full_year"),
    # a dated in-year span later than the full years the text reports
    ("2020年，全市GDP增长3%。2021年前三季度，全市GDP增长9.1%。", 2021, 10, "date.after_latest_dated_span"),
    # event names and plans do not date the data
    ("2020年，全市数字经济规模超过千亿元。北京2022年冬奥会期间……。力争2025年数字经济占比达到50%。", 2021, None,
     "date.after_latest_full_year"),
    ("会议在北京举行。2022年6月8日，记者从会上获悉。", 2022, 6, "date.latest_full_date"),
    ("今年上半年，全省GDP增长5%。", None, None, "date.unknown"),
])
def test_infer_article_date(text, year, month, rule):
    got = infer_article_date(text)
    assert (got.year, got.month, got.rule) == (year, month, rule)


def test_seed_001_without_its_sidecar_is_dated_2022():
    # 截至9月底 figures and full-year 2021 data: autumn 2022 (the sidecar says 2022-11); the old rule said 2021
    text = read_article_text(REPO / "data/articles/001_65f858969d164425.txt")
    got = infer_article_date(clean(text).text)
    assert got.year == 2022 and got.month >= 9


def test_extraction_without_sidecar_uses_the_inferred_date():
    text = "2021年，全省地区生产总值增长7.2%。截至9月底，湖北省累计建成5G基站6万个。"
    rows = extract_article(text, "t.txt", ArticleMeta())
    five_g = next(r for r in rows if r["value_raw"] == "6")
    assert five_g["period"] == "2022-09"
