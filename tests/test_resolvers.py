"""Table-driven tests of each resolver on invented phrases of news prose (none taken from a gold article).

Each row: text, article date, the number, and what the resolver under test must decide, with its rule."""

import pytest

from extract.pipeline import explain_article, extract_article
from extract.resolve.indicator import names_own_quantity, resolve_indicator
from extract.resolve.subject import list_items, list_measure, list_pair, noun_phrase, refine
from extract.textio import ArticleMeta


def fact(text: str, date: str, number: str) -> dict:
    rows = [r for r in extract_article(text, "t.txt", ArticleMeta(date=date)) if r["value_raw"] == number]
    assert rows, f"{number} not extracted from {text}"
    return rows[0]


def rule(row: dict, question: str) -> str:
    return dict(p.split(":", 1) for p in row["why"].split("; "))[question].split("@")[0].split("+")[0]


# ---- region ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, number, region, why", [
    ("上半年，无锡GDP为6800亿元。其中，规上工业增加值增长6.4%。", "6.4", "无锡市", "region.carried_from_earlier_sentence"),
    ("江西：经济稳中向好\n合肥上半年GDP为5800亿元。同期，全市社零增长3.1%。", "3.1", "合肥市", "region.section_word"),
    ("浙江：经济回升\n温州全市上半年软件业务收入达到180亿元。", "180", "温州市", "region.section_word"),
    ("一季度，江西GDP达7000亿元，与5500亿元的福建相比仍有差距。", "5500", "福建省", "region.holder_of_number"),
    ("陕西一季度GDP为7300亿元，超出四川200亿元。", "200", "陕西省", "region.subject_mention"),
    ("武汉的国家顶级节点目前已接入中部4省的27个二级节点。", "27", "武汉市", "region.subject_mention"),
    ("2022年，湖南GDP增长4.5%，全省5G基站约占全国4%。", "4", "湖南省", "region.section_word"),
    ("宜宾上半年GDP为1500亿元，增速在全省21个市州中排第2位。", "2", "宜宾市", "region.subject_mention"),
    ("太原：数字经济\n截至9月底，该市已建成5G基站1.1万个。", "1.1", "太原市", "region.section_word"),
])
def test_region(text, number, region, why):
    row = fact(text, "2022-08", number)
    assert (row["region"], rule(row, "region")) == (region, why)


def test_a_bloc_named_in_passing_is_not_carried():
    row = fact("安徽融入长三角后发展迅猛。全省5G基站达到10万个。", "2022-08", "10")
    assert row["region"] == "安徽省"


# ---- period ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, date, number, period, why", [
    ("一季度，山西规上工业增加值增长7.2%。\n其中，煤炭工业增长5.1%。", "2022-04", "5.1", "2022-Q1",
     "period.governing_phrase_carried"),
    ("截至目前，甘肃已建成5G基站1.9万个。", "2022-08", "1.9", "2022-08", "period.in_sentence"),
    ("截至2021年末，太原累计开通5G基站1.2万个。", "2022-03", "1.2", "2021-12", "period.in_sentence"),
    ("2022年前三季度，西安地区生产总值8500亿元。", "2023-01", "8500", "2022-09", "period.in_sentence"),
    ("河南2015年全年实现地区生产总值3.7万亿元。", "2022-08", "3.7", "2015", "period.in_sentence"),
    ("一季度，郑州GDP为3100亿元。而在去年同期，郑州GDP为2900亿元。", "2022-04", "2900", "2021-Q1",
     "period.same_time_last_year"),
    ("上半年，天津累计建成充电桩3.5万个。", "2022-08", "3.5", "2022-06", "period.in_sentence"),
    ("宁夏：统计公报\n2022年末，全区常住人口728万人。年末全区5G用户达到300万户。", "2023-03", "300", "2022-12",
     "period.in_sentence"),
])
def test_period(text, date, number, period, why):
    row = fact(text, date, number)
    assert (row["period"], rule(row, "period")) == (period, why)


# ---- kind -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, date, number, kind, why", [
    ("2022年前三季度，西安地区生产总值8500亿元，同比增长3.2%。", "2023-01", "3.2", "change", "kind.change_verb:同比增长"),
    ("一季度长沙以8.5%的增长速度领跑中部省会。", "2022-04", "8.5", "change", "kind.growth_word_after"),
    ("上半年，贵州数字经济增加值增长18%，比上年同期高2.3个百分点。", "2022-08", "2.3", "change",
     "kind.change_against_period"),
    ("2022年，云南互联网普及率提高到78.5%。", "2023-01", "78.5", "actual", "kind.level_reached"),
    ("今后五年，西宁数字经济占GDP比重要达到40%。", "2023-02", "40", "target", "kind.target_cue:今后五年"),
    ("据初步核算预计，昆明2022年GDP在7500亿元以上。", "2023-01", "7500", "actual", "kind.level"),
    ("2022年，江西软件业务收入增长18.2%，高于全国平均6.5个百分点。", "2023-01", "6.5", "change",
     "kind.gap_between_growth_rates"),
    ("2021年，湖北省数控化率58.1%，高于全国2.4个百分点。", "2022-11", "2.4", "actual", "kind.gap_between_levels"),
])
def test_kind(text, date, number, kind, why):
    row = fact(text, date, number)
    assert (row["kind"], rule(row, "kind")) == (kind, why)


# ---- facthood -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, number_span, reason_part", [
    ("2022年，甘肃信息化发展指数在全国31个省（区、市）中列第24位。", "31个", "region"),
    ("贵阳的算力规模已迈入全国第一梯队，5G基站达到3万个。", "一", "ordinal"),
    ("厦门今后或许能把工业占比维持在40%以上。", "40%", "hypothetical"),
    ("2022年，江西已有12家软件企业年营收跨越50亿元。", "50亿元", "counted group"),
    ("每秒产生3.9GB数据，吸引全世界的科学家。", "3.9GB", "one facility"),
    ("宁波在全国市场占有率排名第一的制造企业有100多家。", "一", "noun phrase"),
])
def test_facthood_skips_non_facts_with_a_reason(text, number_span, reason_part):
    report = explain_article("浙江：发展\n" + text, "t.txt", ArticleMeta(date="2022-08"))
    original = "浙江：发展\n" + text
    reasons = {original[s:e]: why for s, e, why in report["skipped"]}
    assert any(reason_part in why for span, why in reasons.items() if number_span.startswith(span) or
               span.startswith(number_span)), reasons


@pytest.mark.parametrize("text, number, value", [
    ("广西人口约占全国1/12。", "0.0833", 8.3333),
    ("数字产业化占据湖南全省接近一半。", "0.5", 50.0),
    ("江西数字经济总量突破万亿。", "1", 10000.0),  # 亿元, the indicator's unit
    ("合肥市数字经济产业总量跃过 4000 亿元大关。", "4000", 4000.0),
])
def test_numbers_written_as_words_fractions_or_with_spaces(text, number, value):
    row = fact("安徽：发展\n2021年，" + text, "2022-05", number)
    assert float(row["value"]) == pytest.approx(value, rel=1e-3)


# ---- subject and indicator ------------------------------------------------------------------------------
@pytest.mark.parametrize("words, phrase", [
    ("累计建成5G基站", "5G基站"),
    ("还新增国家级制造业单项冠军企业", "国家级制造业单项冠军企业"),
    ("大数据中心相继投入运营", "大数据中心"),
    ("投入运营的大数据中心", "投入运营的大数据中心"),
    ("的增速", ""),
    ("第三方平台", "第三方平台"),  # an ordinal before its noun names the thing
    ("第二批试点城市", "第二批试点城市"),
    ("第二产业增加值", "第二产业增加值"),
    ("5个项目", "项目"),  # a count before its noun does not
])
def test_subject_is_cut_to_a_noun_phrase(words, phrase):
    assert noun_phrase(words) == phrase


@pytest.mark.parametrize("subject, kind, unit, previous, indicator, why", [
    ("数字经济规模", "actual", "元", None, "digital_economy_scale", "indicator.subject"),
    ("软体和资讯技术服务业收入", "actual", "元", None, "software_revenue", "indicator.subject"),  # Taiwan usage
    ("数字经济增速", "change", "%", None, "digital_economy_scale", "indicator.subject"),
    ("数字经济规模占GDP比重", "actual", "%", None, "digital_economy_gdp_share", "indicator.subject"),
    ("位", "rank", "位", ("gdp", "亿元"), "gdp", "indicator.previous_fact"),
    ("人均GDP", "actual", "元", None, "gdp_per_capita", "indicator.subject"),
    # a growth or rank whose words name only generic quantities is of the fact before it
    ("增速", "change", "%", ("gdp", "亿元"), "gdp", "indicator.previous_fact"),
    ("规模在排位历史性", "rank", "位", ("software_revenue", "亿元"), "software_revenue", "indicator.previous_fact"),
    ("实际", "change", "%", ("gdp", "亿元"), "gdp", "indicator.previous_fact"),
    # one that names a thing of its own is not, even when the catalogue lacks that thing
    ("采矿业增加值", "change", "%", ("industrial_value_added", "亿元"), "other", "indicator.none"),
    ("综合评价", "rank", "位", ("digital_economy_scale", "亿元"), "other", "indicator.none"),
    ("新能源汽车", "change", "%", ("gdp", "亿元"), "other", "indicator.none"),
    ("产业营收情况", "rank", "位", ("digital_economy_scale", "亿元"), "other", "indicator.none"),
    # a count cannot carry an amount's indicator (32个行业增速高于20%)
    ("行业", "actual", "个", ("fixed_asset_investment", "亿元"), "other", "indicator.none"),
    # an alias that only qualifies the noun after it, or is qualified by a part-of word before it
    ("数字经济核心产业", "change", "%", None, "other", "indicator.none"),
    ("规模以上工业企业营业收入", "change", "%", None, "other", "indicator.none"),
    ("第二产业就业人口", "actual", "万人", None, "other", "indicator.none"),
    ("其他服务业增加值", "change", "%", None, "other", "indicator.none"),
    ("贫困人口", "change", "万人", None, "other", "indicator.none"),
    ("信息传输、软件和信息技术服务业规上企业", "actual", "家", None, "other", "indicator.none"),
    ("规上工业企业", "actual", "家", None, "above_scale_enterprises", "indicator.subject"),
    # an alias's first character inside another word is no match (人工智能 holds 工, not 工业)
    ("人工智能产业增加值", "change", "%", None, "other", "indicator.none"),
    # the comparison base of a gap is not what the gap measures
    ("增幅比全部工业增加值高", "change", "个百分点", ("other", ""), "other", "indicator.none"),
    ("企业关键工序数控化率高于全国", "actual", "个百分点", None, "nc_key_process_rate", "indicator.subject_gap"),
    ("男性人口", "actual", "万人", None, "other", "indicator.none"),
    ("机电产品出口", "change", "%", None, "other", "indicator.none"),
    ("互联网省际出口带宽", "actual", "Gbps", None, "other", "indicator.none"),
    ("5G基站密度", "actual", "个", None, "other", "indicator.none"),
    ("拉动GDP增长", "change", "个百分点", None, "other", "indicator.none"),
    ("数字经济项目总投资", "actual", "亿元", None, "other", "indicator.none"),
    ("进口", "actual", "亿元", ("exports", "亿元"), "imports", "indicator.subject"),
    ("软件和信息服务业收入", "actual", "亿元", None, "software_revenue", "indicator.subject"),  # the older name
    # a generic word that refers back to the figure before
    ("数据", "actual", "亿元", ("gdp", "亿元"), "gdp", "indicator.previous_fact"),  # 这一数据高出上海70亿元
    # 财政总收入 is wider than 一般公共预算收入
    ("财政总收入", "actual", "亿元", None, "total_fiscal_revenue", "indicator.subject"),
    ("一般公共预算收入", "actual", "亿元", None, "fiscal_revenue", "indicator.subject"),
])
def test_indicator(subject, kind, unit, previous, indicator, why):
    got = resolve_indicator(subject, "", subject, unit, "", kind, previous)
    assert (got[0], got[2]) == (indicator, why)


@pytest.mark.parametrize("subject, names", [
    ("增速", False), ("增加值", False), ("规模在排位历史性", False), ("以微弱优势", False), ("发展增速", False),
    ("副省级城市中", False), ("实际", False), ("", False),
    ("采矿业增加值", True), ("综合评价", True), ("新能源汽车", True), ("工业机器人", True), ("数字经济", True),
])
def test_names_own_quantity(subject, names):
    assert names_own_quantity(subject) is names


@pytest.mark.parametrize("text, number, indicator, subject", [
    # the measure written once after a 分别 list's last item is every item's
    ("宁波：经济运行\n2021年，全市规上工业增加值增长11.5%。其中，人工智能产业、数字经济核心产业、装备制造业增加值分别增长21.3%、17.5%和16.1%。",
     "17.5", "core_digital_industry_value_added", "数字经济核心产业增加值"),
    ("宁波：经济运行\n2021年，全市规上工业增加值增长11.5%。其中，人工智能产业、数字经济核心产业、装备制造业增加值分别增长21.3%、17.5%和16.1%。",
     "21.3", "other", "人工智能产业增加值"),
    # a 分别 list a clause or two before its numbers: the n-th number is the n-th item's
    ("广东：经济开局良好\n一季度，互联网和相关服务业、软件和信息技术服务业，持续较快增长，同比分别增长15.9%和37.5%。",
     "15.9", "internet_industry", "互联网和相关服务业"),
    ("广东：经济开局良好\n一季度，互联网和相关服务业、软件和信息技术服务业，持续较快增长，同比分别增长15.9%和37.5%。",
     "37.5", "software_revenue", "软件和信息技术服务业"),
    # a sentence that names its own topic does not take the indicator of the sentence before
    ("重庆：工业运行\n上半年，全市规上工业增加值增长10.2%。高技术制造业快速增长，实现增加值同比增长28.1%。",
     "28.1", "other", "增加值"),
])
def test_indicator_in_context(text, number, indicator, subject):
    row = fact(text, "2022-07", number)
    assert (row["indicator"], row["subject"]) == (indicator, subject)


@pytest.mark.parametrize("text, number, region", [
    # 中部省份排名第1 / 东北地区第2: a macro-region before a rank is the ranking pool, never the subject
    ("山西：通信业发展\n2023年，山西每万人拥有5G基站26.7个，中部省份排名第1；5G用户普及率达58.6%。", "58.6", "山西省"),
    ("山西：通信业发展\n2023年，山西每万人拥有5G基站26.7个，中部省份排名第1；5G用户普及率达58.6%。", "1", "山西省"),
    ("湖北：数字经济\n2021年，湖北数字经济规模达到2.1万亿元，中部省份排名第1位；数字经济占比42%。", "42", "湖北省"),
])
def test_macro_region_before_a_rank_is_its_pool(text, number, region):
    assert fact(text, "2024-02", number)["region"] == region


@pytest.mark.parametrize("text, expected", [
    # 三次产业比例A∶B∶C: each term is one industry's share of GDP
    ("宁波：统计公报\n2021年宁波三大产业比例为2.4∶48.0∶49.6，结构持续优化。",
     [("2.4", "第一产业增加值占GDP比重"), ("48.0", "第二产业增加值占GDP比重"), ("49.6", "第三产业增加值占GDP比重")]),
    ("广西：经济运行\n2022年，广西三次产业结构为16.2:34.0:49.8。",
     [("16.2", "第一产业增加值占GDP比重"), ("34.0", "第二产业增加值占GDP比重"), ("49.8", "第三产业增加值占GDP比重")]),
])
def test_industry_ratio_is_three_shares(text, expected):
    rows = extract_article(text, "t.txt", ArticleMeta(date="2022-05"))
    got = [(text[r["start"]:r["end"]], r["subject"]) for r in rows]
    assert got == expected
    assert all(r["unit"] == "%" and r["kind"] == "actual" for r in rows)


def test_a_ratio_of_other_things_is_not_read_as_industry_shares():
    rows = extract_article("浙江：\n2022年，全省男女比例为105:100。", "t.txt", ArticleMeta(date="2022-05"))
    assert not any("产业" in r["subject"] for r in rows)


@pytest.mark.parametrize("text, number, subject_word", [
    # a measure noun or a regional bloc right before 第N makes it a rank
    ("福建：经济\n2021年，泉州GDP总量第一，港口吞吐量华东第三。", "1", "GDP总量"),
    ("福建：经济\n2021年，泉州GDP总量第一，港口吞吐量华东第三。", "3", "港口吞吐量"),
    ("湖北：经济\n2022年湖北GDP增长4.7%，在经济大省中增速第一。", "1", ""),
])
def test_rank_without_a_rank_verb(text, number, subject_word):
    row = fact(text, "2022-03", number)
    assert row["kind"] == "rank" and subject_word in row["subject"]


def test_third_industry_after_a_measure_is_not_a_rank():
    rows = extract_article("江苏：\n2021年，全省经济总量第三产业占比51%。", "t.txt", ArticleMeta(date="2022-03"))
    assert not any(r["kind"] == "rank" for r in rows)


def test_a_level_the_group_crosses_is_the_nations_own_figure():
    text = "一季度经济数据出炉\n从GDP同比增速看，其中8个省份GDP增速超过18.3%的全国平均水平。"
    row = fact(text, "2021-04", "18.3")
    assert (row["region"], row["kind"], row["qualifier"]) == ("全国", "change", "")


@pytest.mark.parametrize("text", [
    "云南：经济\n16个州市中，GDP增速最快的是曲靖，达到12%。",
    "河南：经济\n我省17个省辖市和济源示范区今年上半年经济运行情况均已公布。",
])
def test_counts_of_prefectures_are_group_sizes(text):
    rows = extract_article(text, "t.txt", ArticleMeta(date="2022-03"))
    assert not any(r["unit"] == "个" for r in rows)


# ---- subject refinement: print apparatus, predicate words, a measure shared by items ----------------------
@pytest.mark.parametrize("subject, previous, kind, refined", [
    # print apparatus: a footnote mark, a pinyin gloss
    ("生产总值[2]", None, "actual", "生产总值"),
    ("算力(suànlì)规模", None, "actual", "算力规模"),
    ("地区生产总值(GDP)", None, "actual", "地区生产总值(GDP)"),  # an abbreviation is not a gloss
    ("移动宽带(4G/5G)用户", None, "actual", "移动宽带(4G/5G)用户"),
    # predicate words at the end
    ("粮食总产量连续", None, "actual", "粮食总产量"),
    ("集成电路产量同比", None, "change", "集成电路产量"),
    ("环比", None, "change", "环比"),  # nothing left: the words stay
    ("连续性指标", None, "actual", "连续性指标"),  # inside a word, not at the end
    # an enumeration mark, a year word before the measure, a measure restated, 所占比重
    ("1)生产总值", None, "actual", "生产总值"),
    ("（2）地区生产总值", None, "actual", "地区生产总值"),
    ("互联网产业全年营收", None, "actual", "互联网产业营收"),
    ("互联网产业全年营收营收增加值", None, "actual", "互联网产业增加值"),
    ("互联网产业全年营收增加值占GDP", None, "actual", "互联网产业增加值占GDP"),
    ("第一产业增加值所占比重", None, "actual", "第一产业增加值比重"),
    ("全年营收", None, "actual", "全年营收"),  # nothing named before the year word
    ("营业收入", None, "actual", "营业收入"),  # one measure, not two
    ("规模以上工业增加值", None, "change", "规模以上工业增加值"),
    ("5G基站", None, "actual", "5G基站"),  # a digit that is not an enumeration mark
    # a whole-region word leading the subject
    ("全省规模以上高技术制造业增加值", None, "change", "规模以上高技术制造业增加值"),
    ("自治区信息化指数", None, "actual", "信息化指数"),
    ("全省", None, "actual", "全省"),
    ("全市投资", None, "actual", "投资"),
    ("全区域5G覆盖率", None, "actual", "全区域5G覆盖率"),  # 全区域 is a word, not 全区 + 域
    ("全市场份额", None, "actual", "全市场份额"),
    ("省级工业互联网平台", None, "actual", "省级工业互联网平台"),
    # a bare item after a measured one in the same sentence takes its measure
    ("制造业", "采矿业增加值", "change", "制造业增加值"),
    ("金银珠宝类", "服装、鞋帽、针纺织品类零售额", "change", "金银珠宝类零售额"),
    ("智能终端业", "电子信息制造业营业收入", "change", "智能终端业营业收入"),
    # ... but not a level, not an item of another kind, not one that names its own measure, not a gap or share
    ("制造业", "采矿业增加值", "actual", "制造业"),
    ("新能源汽车", "金银珠宝类零售额", "change", "新能源汽车"),
    ("服务业营业收入", "制造业增加值", "change", "服务业营业收入"),
    ("快于规模以上工业", "高技术制造业增加值", "change", "快于规模以上工业"),
    ("制造业", "采矿业增加值占GDP比重", "change", "制造业"),
    ("制造业", "增加值", "change", "制造业"),  # the measure alone names no item
    ("居民消费价格", "食品类价格", "change", "居民消费价格"),
    ("产业投资(不含房地产开发)", "基础设施投资", "change", "产业投资(不含房地产开发)"),  # names its measure before a note
])
def test_subject_refine(subject, previous, kind, refined):
    assert refine(subject, previous, kind) == refined


@pytest.mark.parametrize("subject, previous, parallel, refined", [
    # in a run of parallel clauses (…，金银珠宝类增长41.5%，新能源汽车增长55%) any bare item takes the measure
    ("新能源汽车", "金银珠宝类零售额", True, "新能源汽车零售额"),
    ("新能源汽车", "金银珠宝类零售额", False, "新能源汽车"),
    ("新能源汽车销量", "金银珠宝类零售额", True, "新能源汽车销量"),  # names its own measure
])
def test_subject_refine_parallel_clauses(subject, previous, parallel, refined):
    assert refine(subject, previous, "change", parallel) == refined


@pytest.mark.parametrize("items, measured", [
    # the measure after the last item is every item's; a class word after 等 goes
    (["工业机器人", "集成电路", "服务机器人等新产品产量"], ["工业机器人产量", "集成电路产量", "服务机器人产量"]),
    (["新能源汽车", "集成电路产量同比"], ["新能源汽车产量", "集成电路产量"]),
    (["人工智能产业", "装备制造业增加值"], ["人工智能产业增加值", "装备制造业增加值"]),
    (["高技术制造业", "服务业投资"], ["高技术制造业投资", "服务业投资"]),
    # not when an item names its own measure, or the last item is only a measure
    (["软件业务收入", "信息技术服务收入"], ["软件业务收入", "信息技术服务收入"]),
    (["5G基站数", "光缆线路长度"], ["5G基站数", "光缆线路长度"]),
    (["增加值"], ["增加值"]),
    # a share of the shared measure
    (["高技术制造业", "先进制造业增加值占规模以上工业增加值比重"],
     ["高技术制造业增加值占规模以上工业增加值比重", "先进制造业增加值占规模以上工业增加值比重"]),
    (["机电产品", "高新技术产品(二者有交叉)出口"], ["机电产品出口", "高新技术产品出口"]),
    # ordinals written with one 第 and one noun
    (["第一", "二", "三产业增加值"], ["第一产业增加值", "第二产业增加值", "第三产业增加值"]),
    (["第二", "三产业"], ["第二产业", "第三产业"]),
    (["第一", "二", "三季度"], ["第一", "二", "三季度"]),  # not industries: left as written
    (["机电产品", "投资"], ["机电产品", "投资"]),
])
def test_list_measure(items, measured):
    assert list_measure(items) == measured


@pytest.mark.parametrize("words, items", [
    ("住宿餐饮业和交通运输业增加值", ["住宿餐饮业", "交通运输业增加值"]),
    ("软件产品和嵌入式软件收入", ["软件产品", "嵌入式软件收入"]),
    ("柳州和桂林则", []),  # regions holding the numbers, not items
    ("比2020和2019年", []),  # comparison bases
    ("软件和信息技术服务业收入和利润", []),  # more than one joiner: 和 inside a name
    ("工业机器人、集成电路和服务机器人产量", []),  # a 、 list: split elsewhere
    ("A和B", []),
])
def test_list_pair(words, items):
    assert list_pair(words) == items


@pytest.mark.parametrize("head, items", [
    ("分产业看，第一、二、三产业增加值分别为2325亿元、33205亿元和42185亿元，比上年分别增长3.2%、",
     ["第一", "二", "三产业增加值"]),
    ("互联网和相关服务业、软件和信息技术服务业，持续较快增长，同比分别增长15.9%和", ["互联网和相关服务业", "软件和信息技术服务业"]),
    ("其中，住宿餐饮业和交通运输业增加值分别增长14.6%和", ["住宿餐饮业", "交通运输业增加值"]),
    ("全省规上工业增加值分别增长", []),  # one item: nothing to distribute
])
def test_list_items(head, items):
    assert list_items(head) == items


@pytest.mark.parametrize("text, number, subject", [
    ("辽宁：工业运行\n上半年，全省采矿业增加值同比增长4.5%，制造业增长2.6%，电力行业增长1.8%。", "2.6", "制造业增加值"),
    ("辽宁：工业运行\n上半年，全省采矿业增加值同比增长4.5%，制造业增长2.6%，电力行业增长1.8%。", "1.8", "电力行业增加值"),
    ("辽宁：消费\n上半年，全省粮油食品类零售额增长14.7%，金银珠宝类增长41.5%。", "41.5", "金银珠宝类零售额"),
    ("辽宁：工业\n上半年，全省工业机器人、集成电路、服务机器人等新产品产量分别增长11.3%、10.0%和7.5%。", "7.5", "服务机器人产量"),
    ("辽宁：工业\n上半年，工业机器人、集成电路、服务机器人等新产品产量分别增长11.3%、10.0%和7.5%。", "11.3", "工业机器人产量"),
    ("辽宁：经济\n初步核算，全年全省生产总值[2]28975亿元。", "28975", "生产总值"),
    # a yearly average growth written alone takes the quantity named before it in the sentence
    ("辽宁：产业\n其中，软件和信息技术服务业突破900亿元，年均增速17%。", "17", "软件和信息技术服务业年均增速"),
    ("辽宁：产业\n数字经济增加值达到4000亿元，占GDP的比重达到50%，年平均增长12%。", "12", "数字经济增加值年平均增长"),
    ("辽宁：产业\n全省地区生产总值年均增长8.2%。", "8.2", "地区生产总值"),  # named in its own words: as is
    ("辽宁：经济\n分产业看，第一、二、三产业增加值分别为2325亿元、33205亿元和42185亿元。", "33205", "第二产业增加值"),
    ("辽宁：消费\n其中，住宿餐饮业和交通运输业增加值分别增长14.6%和20.9%。", "20.9", "交通运输业增加值"),
    ("辽宁：投资\n亿元以上在建项目995个，增加60个。", "995", "亿元以上在建项目"),
    ("辽宁：投资\n其中百亿元以上项目135个。", "135", "百亿元以上项目"),
    ("辽宁：投资\n全省5G基站以上数据未统计，建成基站1200个。", "1200", "基站"),
    # a share of a whole region's total
    ("辽宁：工业\n去年，电子级多晶硅、碳酸锂产量分别占全国产量的15%、17.1%。", "15", "电子级多晶硅产量占全国比重"),
    ("昆明：经济\n其中，昆明市的GDP占了全省的26.6%。", "26.6", "GDP占全省比重"),
    ("银川：产业\n2021年，银川市数字信息产业产值占全区70%以上。", "70", "数字信息产业产值占全区比重"),
    ("银川：产业\n2021年，银川市数字信息产业产值占GDP的12%。", "12", "数字信息产业产值占GDP"),  # not a region's total
    ("银川：产业\n2021年，银川市数字信息产业产值700亿元，占全区的70%。", "700", "数字信息产业产值"),  # the level
    # the list of an earlier 分别 in the same sentence, cut at its own 分别
    ("辽宁：经济\n分产业看，第一、二、三产业增加值分别为2325亿元、33205亿元和42185亿元，比上年分别增长3.2%、3.4%和2.8%。",
     "3.4", "第二产业增加值"),
    # a move (从A增至B) or a conversion note after the number is not the subject
    ("重庆：经济\n全市地区生产总值从2012年的1.16万亿元增至2021年的2.79万亿元。", "1.16", "地区生产总值"),
    ("重庆：经济\n全市地区生产总值从2012年的1.16万亿元增至2021年的2.79万亿元。", "2.79", "地区生产总值"),
    ("辽宁：经济\n人均地区生产总值为118496元(按年平均汇率折算为17617美元)，比上年增长2.2%。", "2.2", "人均地区生产总值"),
    # parallel clauses, and a breakdown (从…看) of the figure of the sentence before
    ("辽宁：消费\n限额以上单位商品零售额中，粮油食品类零售额增长14.7%，金银珠宝类增长41.5%，新能源汽车增长55%。", "55",
     "新能源汽车零售额"),
    ("辽宁：消费\n限额以上单位商品零售额中，粮油食品类零售额增长14.7%，新能源汽车保有量达到12万辆。", "12",
     "新能源汽车保有量"),  # a level, not a growth of the run
    ("辽宁：工业\n全省规模以上工业增加值同比增长6.8%。从重点产业看，汽车制造业同比增长11.4%，装备制造业增长12.5%。", "11.4",
     "汽车制造业增加值"),
    ("辽宁：工业\n全省规模以上工业增加值同比增长6.8%。从重点产业看，汽车制造业同比增长11.4%，装备制造业增长12.5%。", "12.5",
     "装备制造业增加值"),
    ("辽宁：工业\n全省规模以上工业增加值同比增长6.8%。\n汽车制造业同比增长11.4%。", "11.4", "汽车制造业"),  # no breakdown
    ("全国：通信\n截至2022年底，全国5G用户达5.61亿户，全球占比超过60%。", "60", "5G用户全球占比"),
    ("辽宁：经济\n2021年，全省产业数字化占比8.6%。", "8.6", "产业数字化"),  # a share word alone: as written before it
    ("浙江：通信\n截至4月底，全省每万人拥有5G基站18.8个。", "18.8", "每万人拥有5G基站"),
    ("浙江：通信\n截至4月底，全省人均拥有手机1.2部。", "1.2", "人均拥有手机"),  # no 每万: as written
    # a level after a growth: no measure is carried
    ("辽宁：工业\n全省采矿业增加值增长4.5%，制造业企业达到3200家。", "3200", "制造业企业"),
])
def test_subject_in_context(text, number, subject):
    assert fact(text, "2022-07", number)["subject"] == subject
