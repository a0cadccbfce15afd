"""AppTest of the analyst views and the briefing-pack page: the targets tab (region) and targets view (indicator),
the fair-comparison measure switch and log toggle (compare, indicator), the growth-vs-level quadrant, "add to
pack" under a chart, and the pack page (reorder, retitle, remove, downloads, URL) — state from the URL, both
languages."""

from __future__ import annotations

import pytest

from dashboard.pack import ChartSpec, Pack
from tests.conftest import FIXTURE_DATASET
from tests.test_app_pages import run_page, specs, titles


@pytest.fixture
def fixture_data(monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(FIXTURE_DATASET))
    return FIXTURE_DATASET


def annotations(spec: dict, name: str) -> list[str]:
    return [a.get("text", "") for a in spec["layout"].get("annotations", []) if a.get("name") == name]


def test_region_targets_tab(fixture_data):
    at = run_page("region", {"reg_reg": "湖北省", "reg_tab": "目标进度"})
    assert not at.exception, at.exception
    got = titles(at)
    # 湖北省 has three targets; the share-of-GDP one has no actual to compare with
    assert got == ["<b>湖北省·5G基站：目标进度</b>", "<b>湖北省·数字经济规模：目标进度</b>"]
    badge = annotations(specs(at)[0], "progress_badge")[0]
    assert "需年均增长 8.8%" in badge and "已实现年均 23.3%" in badge and "按当前增速可达成" in badge
    lines = [t.value for t in at.text]
    assert any("2023年6月 81,000个 → 2025年 100,000个" in x for x in lines)
    assert at.button(key="pack_add_reg_prog_0").label == "加入简报包"


def test_region_targets_tab_in_english(fixture_data):
    at = run_page("region", {"reg_reg": "Hebei", "reg_tab": "Targets", "lang": "English"})
    assert not at.exception, at.exception
    assert titles(at) == ["<b>Hebei · Digital economy size: progress to target</b>"]
    badge = annotations(specs(at)[0], "progress_badge")[0]
    assert "behind" in badge and "needs 15.3% a year" in badge and "achieved 7.1% a year" in badge


def test_indicator_targets_across_regions(fixture_data):
    at = run_page("indicator", {"ind_ind": "数字经济规模", "ind_tab": "目标进度"})
    assert not at.exception, at.exception
    [spec] = specs(at)
    assert spec["layout"]["title"]["text"] == "<b>数字经济规模：各地区目标进度</b>"
    assert set(spec["data"][0]["y"]) == {"湖北省", "浙江省", "河北省", "湖南省", "海南省"}
    table = at.dataframe[0].value
    assert dict(zip(table["地区"], table["完成进度"], strict=True))["河北省"] == "进度落后"


@pytest.mark.parametrize("params, measure", [({"ind_fair_m": "人均"}, "per_capita"),
                                             ({"ind_fair_m": "占GDP比重"}, "gdp_share")])
def test_fair_comparison_missing_denominators_are_named(fixture_data, params, measure):
    at = run_page("indicator", {"ind_ind": "数字经济规模", "ind_tab": "公平对比", **params})
    assert not at.exception, at.exception
    assert at.session_state["ind_fair_m"] == measure
    [spec] = specs(at)
    # the fixture ships no population and no GDP: no bar is drawn, the figure names the regions and what is missing
    assert spec["data"] == []
    message = annotations(spec, "no_data")[0]
    what = "人口" if measure == "per_capita" else "地区生产总值"
    assert message == f"缺{what}，无数据：浙江省、广东省、江苏省等 9 个地区"  # every province in the fixture


def test_compare_index_with_base_year_from_url(fixture_data):
    at = run_page("compare", {"cmp_ind": "数字经济规模", "cmp_grp": "自选", "cmp_reg": ["湖北省", "浙江省", "海南省"],
                              "cmp_tab": "公平对比", "cmp_fair_m": "指数（基期=100）", "cmp_fair_base": "2021年"})
    assert not at.exception, at.exception
    assert at.session_state["cmp_fair_m"] == "index" and at.session_state["cmp_fair_base"] == "2021"
    bar, line = specs(at)  # an index gets its line over time too
    values = dict(zip(bar["data"][0]["y"], bar["data"][0]["text"], strict=True))
    assert values["湖北省"] == "119.0" and values["浙江省"] == "109.2"  # 25000/21000, 39000/35700
    assert values["海南省"] == "无数据"  # no 2021 value to index on
    assert bar["layout"]["xaxis"].get("type") != "log"


def test_log_toggle_and_quadrant(fixture_data):
    at = run_page("indicator", {"ind_ind": "数字经济规模", "ind_tab": "规模与增速", "ind_quad_log": "true"})
    assert not at.exception, at.exception
    [spec] = specs(at)
    assert spec["layout"]["title"]["text"] == "<b>数字经济规模：规模与增速</b>"
    assert spec["layout"]["xaxis"]["type"] == "log"
    assert len(annotations(spec, "quadrant")) == 4
    plain = run_page("indicator", {"ind_ind": "数字经济规模", "ind_tab": "规模与增速"})
    assert specs(plain)[0]["layout"]["xaxis"].get("type") != "log"  # linear by default


def test_add_to_pack_from_a_chart(fixture_data):
    at = run_page("region", {"reg_reg": "湖北省", "reg_tab": "目标进度"})
    at.button(key="pack_add_reg_prog_0").click().run()
    assert not at.exception, at.exception
    pack = at.session_state["_pack"]
    assert [(s.view, s.params["indicator"]) for s in pack.items] == [("progress", "base_stations_5g")]
    at.button(key="pack_add_reg_prog_0").click().run()  # the same chart is not added twice
    assert len(at.session_state["_pack"].items) == 1


def test_add_any_chart_to_pack_as_figure(fixture_data):
    at = run_page("compare", {"cmp_ind": "数字经济规模"})
    key = next(b.key for b in at.button if (b.key or "").startswith("pack_add_"))
    at.button(key=key).click().run()
    [spec] = at.session_state["_pack"].items
    assert spec.view == "figure" and spec.figure["layout"]["title"]["text"].startswith("<b>数字经济规模")
    assert len(spec.fact_ids) >= 5  # the bars' fact ids, for the notes


def three_item_pack() -> Pack:
    return Pack(title="测试简报", items=[
        ChartSpec("progress", {"region": "湖北省", "indicator": "base_stations_5g"}),
        ChartSpec("targets", {"indicator": "digital_economy_scale"}),
        ChartSpec("quadrant", {"indicator": "digital_economy_scale"}),
    ])


def test_pack_page_reorder_retitle_remove(fixture_data):
    at = run_page("pack")
    assert not at.exception and at.title[0].value == "简报包"
    assert "简报包是空的" in at.info[0].value
    at.session_state["_pack"] = three_item_pack()
    at.run()
    assert len(at.download_button) == 2  # PPTX and PDF
    pack = at.session_state["_pack"]
    first, second, third = (s.uid for s in pack.items)
    at.button(key=f"pack_down_{first}").click().run()
    assert [s.uid for s in at.session_state["_pack"].items] == [second, first, third]
    at.text_input(key=f"pack_t_{third}").set_value("各省规模与增速").run()
    assert at.session_state["_pack"].items[2].title == "各省规模与增速"
    at.button(key=f"pack_rm_{second}").click().run()
    assert [s.uid for s in at.session_state["_pack"].items] == [first, third]
    # the pack is mirrored into the URL: a copied link rebuilds the same charts in the same order
    back = Pack.from_param(at.query_params["pack"])
    assert [(s.view, s.title) for s in back.items] == [("progress", ""), ("quadrant", "各省规模与增速")]


def test_pack_page_from_a_shared_link(fixture_data):
    at = run_page("pack", {"pack": three_item_pack().to_param()})
    assert not at.exception, at.exception
    labels = [w.value for w in at.text_input if (w.key or "").startswith("pack_t_")]
    assert labels == ["湖北省·5G基站：目标进度", "数字经济规模：各地区目标进度", "数字经济规模：规模与增速"]
    assert at.text_input(key="pack_deck_title").value == "测试简报"


def test_pack_page_in_english(fixture_data):
    at = run_page("pack", {"lang": "English", "pack": three_item_pack().to_param()})
    assert not at.exception, at.exception
    assert at.title[0].value == "Briefing pack"
    labels = [w.value for w in at.text_input if (w.key or "").startswith("pack_t_")]
    assert labels[0] == "Hubei · 5G base stations: progress to target"
    assert [b.label for b in at.download_button] == ["Download PPTX", "Download PDF"]


def test_map_added_to_pack_keeps_its_facts(fixture_data):
    """The map's points carry regions, not fact ids: the pack maps them back to facts for the speaker notes."""
    import pandas as pd

    at = run_page("overview")
    key = next(b.key for b in at.button if (b.key or "").startswith("pack_add_"))
    at.button(key=key).click().run()
    [spec] = at.session_state["_pack"].items
    known = set(pd.read_csv(FIXTURE_DATASET / "indicators.csv", dtype=str)["fact_id"])
    assert spec.view == "figure" and len(spec.fact_ids) >= 5 and set(spec.fact_ids) <= known


@pytest.mark.parametrize("page, params", [
    ("region", {"reg_tab": "目标进度"}), ("indicator", {"ind_tab": "公平对比"}), ("compare", {"cmp_tab": "规模与增速"}),
    ("pack", {"pack": three_item_pack().to_param()}),
])
def test_analyst_views_in_briefing_layout(fixture_data, page, params):
    at = run_page(page, {**params, "brief": "true"})
    assert not at.exception, at.exception
    assert at.segmented_control(key="brief").value == "briefing"
    if page != "pack":
        assert len(specs(at)) >= 1


def test_region_target_list_has_verdicts(fixture_data):
    at = run_page("region", {"reg_reg": "河北省"})
    assert not at.exception, at.exception
    assert any("进度落后" in m.value and "badge" in m.value for m in at.markdown)
    assert "需年均增长 15.3% · 已实现年均 7.1%" in [x.value for x in at.text]


def test_fair_table_says_how_each_value_was_computed(fixture_data):
    at = run_page("compare", {"cmp_ind": "数字经济规模", "cmp_grp": "自选", "cmp_reg": ["湖北省", "海南省"],
                              "cmp_tab": "公平对比", "cmp_fair_m": "指数（基期=100）", "cmp_fair_base": "2021年"})
    assert not at.exception, at.exception
    table = at.dataframe[0].value.set_index("地区")
    assert table.loc["湖北省", "计算方法"] == "25000 / 21000 (2021) × 100" and table.loc["湖北省", "数值"] == "119.0"
    assert len(table.loc["湖北省", "所用数据（事实编号）"].split(", ")) == 2  # the value and the base-year value
    assert "湖北：数字经济跑出加速度" in table.loc["湖北省", "来源"]  # the base year's article
    assert table.loc["海南省", "数值"] == "无数据" and "2021" in table.loc["海南省", "计算方法"]
