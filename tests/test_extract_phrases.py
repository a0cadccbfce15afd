"""Whole-pipeline behaviour on real phrases of provincial news, one small article per case.

Each case gives the article text, its date, and the facts expected for the numbers written in it:
(number as written, region, kind, period, value). Numbers not listed must not be extracted.
"""

import pytest

from extract.pipeline import extract_article
from extract.textio import ArticleMeta


def run(text, date):
    rows = extract_article(text, "case.txt", ArticleMeta(date=date))
    return [(text[r["start"]:r["end"]], r["region"], r["kind"], r["period"], float(r["value"])) for r in rows]


CASES = [
    pytest.param(
        "湖北：数字经济发展迈上新台阶\n2021年,湖北省数字经济规模达到2.1万亿元,居全国第8位、中部地区第1位,数字经济占全省GDP比重升至42%。",
        "2022-11",
        [("2.1", "湖北省", "actual", "2021", 21000.0), ("8", "湖北省", "rank", "2021", 8.0),
         ("1", "湖北省", "rank", "2021", 1.0), ("42", "湖北省", "actual", "2021", 42.0)],
        id="level-rank-share",
    ),
    pytest.param(
        "海南:危中求机谋划新产业\n第一季度全省完成工业投资52.11亿元,同比增长33%;新增企业4975家;新建5G基站数量是去年同期的10倍。",
        "2020-04",
        [("52.11", "海南省", "actual", "2020-Q1", 52.11), ("33", "海南省", "change", "2020-Q1", 33.0),
         ("4975", "海南省", "actual", "2020-Q1", 4975.0), ("10", "海南省", "change", "2020-Q1", 10.0)],
        id="section-region-quarter",
    ),
    pytest.param(
        "海南省工信厅\n第一季度虽然全省工业增加值同比下降9.7%,但3月降幅(-7.7%)已显现收窄趋势。",
        "2020-04",
        [("9.7", "海南省", "change", "2020-Q1", -9.7), ("-7.7", "海南省", "change", "2020-03", -7.7)],
        id="decrease-negative",
    ),
    pytest.param(
        "湖南加快发展产业链\n力争到2025年,全省工业新兴优势产业链产值突破2万亿元,占全省规模以上工业增加值比重40%以上。",
        "2020-04",
        [("2", "湖南省", "target", "2025", 20000.0), ("40", "湖南省", "target", "2025", 40.0)],
        id="target-year",
    ),
    pytest.param(
        "浙江：建设全球先进制造业基地\n会议围绕促进工业经济稳增长等6个专题进行研讨,深入学习党的十九届六中全会精神,5G+工业互联网大会在杭州举行。",
        "2022-01",
        [],
        id="not-facts-names-parts-ordinals",
    ),
    pytest.param(
        "省内38家药企向湖北、武汉捐赠7274万元(药品、物资)。",
        "2020-04",
        [],
        id="no-region-no-fact",
    ),
    pytest.param(
        "海南：抗疫\n省内38家药企向湖北、武汉捐赠7274万元(药品、物资)。",
        "2020-04",
        # 38家 is a count held at the article's date (as of 2020-04); the donation is a flow of 2020.
        [("38", "海南省", "actual", "2020-04", 38.0), ("7274", "海南省", "actual", "2020", 0.7274)],
        id="destination-is-not-subject",
    ),
    pytest.param(
        "湖南省规模以上工业企业复工复产率和员工到岗率持续保持在99%以上。",
        "2020-04",
        # rates measured at a point with no time words: as of the article's month
        [("99", "湖南省", "actual", "2020-04", 99.0), ("99", "湖南省", "actual", "2020-04", 99.0)],
        id="one-number-two-indicators",
    ),
    pytest.param(
        "截至9月底,国家工业互联网武汉顶级节点标识注册量达到79.28亿个,较去年同期增长超过20亿个。",
        "2022-11",
        [("79.28", "武汉市", "actual", "2022-09", 7928000000.0), ("20", "武汉市", "change", "2022-09", 2000000000.0)],
        id="city-in-subject",
    ),
    pytest.param(
        "2020年中国数字经济规模达到39.2万亿元,占GDP比重为38.6%,数字经济总量居世界第二。",
        "2021-09",
        [("39.2", "全国", "actual", "2020", 392000.0), ("38.6", "全国", "actual", "2020", 38.6),
         ("二", "全国", "rank", "2020", 2.0)],
        id="nation",
    ),
    pytest.param(
        "河北：信息化\n2020年全省数字化研发设计工具普及率达到了64%,比2016年提升13.4个百分点。",
        "2022-01",
        [("64", "河北省", "actual", "2020", 64.0), ("13.4", "河北省", "change", "2020", 13.4)],
        id="comparison-base-year",
    ),
    pytest.param(
        "湖北：两化融合\n截至今年上半年,全省企业关键工序数控化率达58.1%,高于全国2.4个百分点。",
        "2022-11",
        # rates held at a point: 截至上半年 is as of June
        [("58.1", "湖北省", "actual", "2022-06", 58.1), ("2.4", "湖北省", "actual", "2022-06", 2.4)],
        id="gap-to-nation-is-actual",
    ),
    pytest.param(
        "湖北：项目\n今年前三季度,全省计划总投资10亿元以上的重大项目1123个,为历年最多。",
        "2023-11",
        [("1123", "湖北省", "actual", "2023-09", 1123.0)],
        id="size-threshold-is-not-a-fact",
    ),
    pytest.param(
        "上海：导则\n资源共享方面,明确5G基站总体站址利用率不低于80%。设立总规模不低于100亿元的产业基金。",
        "2020-04",
        [("80", "上海市", "target", "2020", 80.0), ("100", "上海市", "actual", "2020", 100.0)],
        id="requirement-is-target-bound-is-not",
    ),
    pytest.param(
        "湖北：项目\n今年全省839个项目报名参赛,是去年的4倍。",
        "2022-11",
        [("839", "湖北省", "actual", "2022", 839.0), ("4", "湖北省", "change", "2022", 4.0)],
        id="times-last-year",
    ),
]


@pytest.mark.parametrize("text, date, expected", CASES)
def test_phrase(text, date, expected):
    assert run(text, date) == expected


def test_offsets_index_the_original_traditional_text():
    text = "截至今年上半年,全省兩化融合指數(shù)達(dá)到88.8,居中部地區(qū)第2位。"
    rows = extract_article("湖北：融合\n" + text, "t.txt", ArticleMeta(date="2022-11"))
    original = "湖北：融合\n" + text
    assert [(original[r["start"]:r["end"]], r["region"], r["kind"]) for r in rows] == [
        ("88.8", "湖北省", "actual"), ("2", "湖北省", "rank")]
    assert rows[0]["indicator"] == "integration_index"
    assert "(shù)" in rows[0]["quote"]  # the quote stands as written in the article


def test_repeated_paragraph_counts_once():
    para = "海南一系列行之有效的工作,促进404家规模以上工业企业复工398家,复工率98.5%。"
    text = "海南：复工\n" + para + "\n\n" + para[3:] + "\n"
    rows = extract_article(text, "t.txt", ArticleMeta(date="2020-04"))
    assert [r["value_raw"] for r in rows] == ["404", "398", "98.5"]
    assert all(r["start"] < len("海南：复工\n") + len(para) for r in rows)


def test_page_flow_marker_and_pinyin_removed_but_offsets_kept():
    text = "湖北：算力\n(上接第1版)湖北全省在用數(shù)據(jù)中心112個。"
    rows = extract_article(text, "t.txt", ArticleMeta(date="2022-11"))
    assert [(text[r["start"]:r["end"]], r["indicator"]) for r in rows] == [("112", "data_centers")]


def test_fact_ids_are_stable_and_unique():
    text = "湖北：x\n全省上云工业企业达4.6万家,覆盖率超过45%。"
    a = extract_article(text, "t.txt", ArticleMeta(date="2022-11"))
    b = extract_article(text, "t.txt", ArticleMeta(date="2022-11"))
    assert a == b
    assert len({r["fact_id"] for r in a}) == len(a) == 2
    assert a[1]["qualifier"] == ">="
    assert a[1]["indicator"] == "cloud_adoption_rate"


def test_article_date_inferred_without_sidecar():
    text = "湖北：x\n2023年11月8日,论坛在武汉举行。今年前三季度,全省锂电及相关材料制造业增加值增长66.7%。"
    rows = extract_article(text, "t.txt")
    assert [(r["period"], r["period_basis"], r["kind"]) for r in rows] == [("2023-09", "relative", "change")]


def test_regions_sharing_one_number_get_one_fact_each():
    text = "2022年，北京、上海、天津数字经济占GDP比重均超过50%。"
    rows = extract_article(text, "t.txt", ArticleMeta(date="2023-05"))
    assert [(r["region"], r["qualifier"], r["indicator"]) for r in rows] == [
        ("北京市", ">=", "digital_economy_gdp_share"), ("上海市", ">=", "digital_economy_gdp_share"),
        ("天津市", ">=", "digital_economy_gdp_share")]
    assert len({r["fact_id"] for r in rows}) == 3
    assert len({(r["start"], r["end"]) for r in rows}) == 1
