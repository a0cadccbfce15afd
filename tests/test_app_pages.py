"""AppTest for every page: runs without an exception over the fixture dataset, shows its key elements, takes
its state from the URL, switches language, states emptiness plainly, renders the untrusted article as
text, shows a clear page for a broken dataset, and copes with 50,000 synthetic facts."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bench.synth import make_synthetic_dataset
from dashboard.ui import PAGES
from tests.conftest import FIXTURE_DATASET, REPO

PAGE_FILES = {pid: str(REPO / spec[0]) for pid, spec in PAGES.items()}
UNTRUSTED = "002_hainan_untrusted.txt"


@pytest.fixture
def fixture_data(monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(FIXTURE_DATASET))
    return FIXTURE_DATASET


def run_page(page: str, params: dict | None = None, timeout: float = 60) -> AppTest:
    at = AppTest.from_file(PAGE_FILES[page], default_timeout=timeout)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    return at


def specs(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def all_text(at: AppTest) -> str:
    parts = [e.value for e in at.text] + [e.value for e in at.markdown] + [e.value for e in at.title]
    parts += [e.value for e in at.header] + [e.value for e in at.subheader] + [e.value for e in at.info]
    return "\n".join(str(p) for p in parts)


HEADLINE_CARD = re.compile(r"^:gray\[(?P<label>.*)\]\n\n## (?P<value>.*)$")


def _md_unescape(s: str) -> str:
    return re.sub(r"\\(.)", r"\1", s)


def headline(at: AppTest) -> dict[str, str]:
    """The headline cards (dashboard.ui.headline_cards) as {label: value}, read back from their Markdown."""
    cards = [HEADLINE_CARD.match(md.value) for md in at.markdown]
    return {_md_unescape(m["label"]): _md_unescape(m["value"]) for m in cards if m}


def titles(at: AppTest) -> list[str]:
    return [s["layout"]["title"]["text"] for s in specs(at)]


# ---------------------------------------------------------------------------------------------------------
# every page runs and shows its key elements
KEY_ELEMENTS = {
    "overview": {"title": "区域数字经济总览", "charts": 1, "headline": 5},
    "compare": {"title": "地区对比", "charts": 1},
    "region": {"title": "地区概况", "dataframes": 1},  # the timeline is in a tab that runs when opened
    "indicator": {"title": "指标详情", "charts": 1},  # coverage and table: tabs that run when opened
    "sources": {"title": "来源文章", "dataframes": 2},
    "data": {"title": "数据表", "dataframes": 2, "downloads": 1},
    "pack": {"title": "简报包"},  # empty until charts are added (tests/test_app_analyst.py)
    "coverage": {"title": "数据覆盖：各省核心指标", "dataframes": 1},
    "add": {"title": "添加文章"},  # intake and review queue (tests/test_app_add.py)
}


@pytest.mark.parametrize("page", list(PAGES))
def test_page_runs_and_shows_key_elements(fixture_data, page):
    at = run_page(page)
    assert not at.exception, at.exception
    want = KEY_ELEMENTS[page]
    assert at.title[0].value == want["title"]
    assert len(at.get("plotly_chart")) == want.get("charts", 0)
    assert len(headline(at)) == want.get("headline", 0)
    assert len(at.metric) == 0  # headline numbers are Markdown cards, not st.metric (page-load cost)
    assert len(at.dataframe) >= want.get("dataframes", 0)
    assert len(at.download_button) >= want.get("downloads", 0)
    # every chart is a briefing-grade figure: title, subtitle, a source line inside, theme=None (no override)
    for spec in specs(at):
        layout = spec["layout"]
        assert layout["title"]["text"]
        assert layout["title"]["subtitle"]["text"]
        assert any("来源" in a.get("text", "") for a in layout.get("annotations", []))
    for el in at.get("plotly_chart"):
        assert el.proto.theme == ""  # theme=None: what the screen shows is what the PNG shows
    # the shared sidebar controls exist on every page
    assert at.segmented_control(key="lang").value == "zh"
    assert at.segmented_control(key="brief").value == "explore"


def test_headline_card_escapes_its_text():
    from dashboard.ui import headline_card_markdown

    card = HEADLINE_CARD.match(headline_card_markdown("[x](javascript:alert(1))", "**1** <b>2</b>"))
    assert card and "](" not in card["label"] and "**" not in card["value"] and "<b>" not in card["value"]
    assert (_md_unescape(card["label"]), _md_unescape(card["value"])) == ("[x](javascript:alert(1))", "**1** <b>2</b>")


def test_overview_metrics_and_newest_quotes(fixture_data):
    at = run_page("overview")
    assert headline(at) == {"地区": "12", "指标": "9", "数据点": "64", "文章": "3", "最新时期": "2023年"}
    assert titles(at) == ["<b>数字经济规模：各省份实际值</b>"]  # the map tab; the ranking is the other tab
    assert titles(run_page("overview", {"ov_tab": "排名"})) == ["<b>数字经济规模：省份排名</b>"]
    # newest facts come with their quote, shown as plain text
    texts = [t.value for t in at.text]
    assert any(t.startswith("“") and "海南省数字经济规模" in t for t in texts)


def test_overview_map_is_a_choropleth_with_region_customdata(fixture_data):
    at = run_page("overview")
    mapspec = specs(at)[0]
    chor = [tr for tr in mapspec["data"] if tr["type"] == "choropleth"]
    assert chor and any(cd[0] == "湖北省" for tr in chor for cd in tr.get("customdata", []))


# ---------------------------------------------------------------------------------------------------------
# URL in → widget state out
URL_CASES = [
    ("overview", {"ov_ind": "5G基站", "ov_per": "2022年"}, {"ov_ind": "base_stations_5g", "ov_per": "2022"}),
    ("compare", {"cmp_ind": "软件业务收入", "cmp_grp": "自选", "cmp_reg": ["湖北省", "广东省"]},
     {"cmp_ind": "software_revenue", "cmp_grp": "custom", "cmp_reg": ["湖北省", "广东省"]}),
    ("compare", {"cmp_grp": "中部地区", "cmp_per": "2021年"}, {"cmp_grp": "中部", "cmp_per": "2021"}),
    ("region", {"reg_reg": "浙江省"}, {"reg_reg": "浙江省"}),
    ("region", {"reg_reg": "Zhejiang", "lang": "English"}, {"reg_reg": "浙江省", "lang": "en"}),
    ("indicator", {"ind_ind": "上云企业", "ind_kind": "实际值"}, {"ind_ind": "cloud_enterprises", "ind_kind": "actual"}),
    ("sources", {"src_q": "5G基站"}, {"src_q": "5G基站"}),
    ("data", {"dat_reg": ["海南省"], "dat_kind": ["目标值"]}, {"dat_reg": ["海南省"], "dat_kind": ["target"]}),
]


@pytest.mark.parametrize("page, params, expected", URL_CASES)
def test_url_params_restore_widget_state(fixture_data, page, params, expected):
    at = run_page(page, params)
    assert not at.exception, at.exception
    for key, value in expected.items():
        assert at.session_state[key] == value, key


def test_url_restores_the_view_not_just_the_widgets(fixture_data):
    at = run_page("compare", {"cmp_ind": "5G基站", "cmp_grp": "自选", "cmp_reg": ["湖北省", "浙江省"]})
    spec = specs(at)[0]
    assert spec["layout"]["title"]["text"].startswith("<b>5G基站")
    assert set(spec["data"][0]["y"]) == {"湖北省", "浙江省"}


def test_data_page_table_follows_url_filters(fixture_data):
    at = run_page("data", {"dat_reg": ["海南省"], "dat_kind": ["目标值"]})
    table = at.dataframe[0].value
    # the screen shows labels (目标值), not codes; the CSV keeps the codes
    assert len(table) == 1 and table["region"].iloc[0] == "海南省" and table["kind"].iloc[0] == "目标值"
    assert "显示 1 / 64 行" in all_text(at)


def test_sources_reader_opens_at_the_linked_fact(fixture_data, ):
    import pandas as pd

    facts = pd.read_csv(FIXTURE_DATASET / "indicators.csv", dtype=str)
    fid = facts.loc[facts["doc"] == UNTRUSTED, "fact_id"].iloc[2]
    at = run_page("sources", {"doc": UNTRUSTED, "fact": fid})
    assert at.selectbox(key="src_doc_sel").value == UNTRUSTED
    assert at.session_state["src_fact"] == fid
    # the selected number is highlighted (its key carries -sel-) and its card is shown
    assert any("-sel-" in (b.key or "") for b in at.button)
    assert "当前数据" in all_text(at)


# ---------------------------------------------------------------------------------------------------------
# language
@pytest.mark.parametrize("page", list(PAGES))
def test_english_switch_changes_labels(fixture_data, page):
    at = run_page(page, {"lang": "English"})
    assert not at.exception, at.exception
    text = all_text(at)
    assert at.title[0].value.isascii(), at.title[0].value
    for spec in specs(at):
        assert spec["layout"]["title"]["text"].isascii() or "<b>" in spec["layout"]["title"]["text"]
        assert "Source" in json.dumps(spec["layout"].get("annotations", []), ensure_ascii=False)
    for zh in ("数据类型", "指标", "时期", "地区组", "审核状态"):
        assert not any(w.label == zh for w in [*at.selectbox, *at.multiselect]), zh
    assert "来源：" not in text


@pytest.mark.parametrize("page", list(PAGES))
def test_language_toggle_on_every_page(fixture_data, page):
    at = run_page(page)
    at.segmented_control(key="lang").set_value("en").run()
    assert not at.exception, at.exception
    assert at.title[0].value == run_page(page, {"lang": "English"}).title[0].value
    at.segmented_control(key="lang").set_value("zh").run()
    assert not at.exception, at.exception
    assert at.title[0].value == KEY_ELEMENTS[page]["title"]


def test_language_toggle_in_the_sidebar(fixture_data):
    at = run_page("compare")
    assert at.title[0].value == "地区对比"
    at.segmented_control(key="lang").set_value("en").run()
    assert at.title[0].value == "Compare regions"
    assert at.selectbox(key="cmp_ind").value == "digital_economy_scale"  # the selection survives the switch
    assert titles(at)[0].startswith("<b>Digital economy size")


# ---------------------------------------------------------------------------------------------------------
# empty states and briefing mode
def test_empty_region_selection_says_so(fixture_data):
    at = run_page("compare", {"cmp_grp": "自选"})
    at.multiselect(key="cmp_reg").set_value([]).run()
    assert not at.exception
    assert any("没有数据" in i.value for i in at.info)
    assert not at.get("plotly_chart")


def test_filter_without_matches_says_so(fixture_data):
    at = run_page("data", {"dat_q": "这句话不存在"})
    assert not at.exception
    assert any("没有数据" in i.value for i in at.info)
    assert not at.download_button


def test_one_region_shows_one_bar_and_a_note(fixture_data):
    at = run_page("compare", {"cmp_ind": "工业互联网平台"})
    spec = specs(at)[0]
    assert len(spec["data"][0]["y"]) == 1  # x is base64-packed by plotly 7; y holds the region labels
    notes = [a["text"] for a in spec["layout"]["annotations"] if a.get("name") == "note"]
    assert notes and "仅 江苏省" in notes[0]


def test_no_target_says_so(fixture_data):
    at = run_page("compare", {"cmp_ind": "软件业务收入", "cmp_tab": "实际与目标"})
    assert any("没有该指标的目标值" in i.value for i in at.info)


@pytest.mark.parametrize("tab, trace_type", [("单期对比", "bar"), ("历年走势", "scatter"), ("实际与目标", "bar")])
def test_compare_tabs(fixture_data, tab, trace_type):
    at = run_page("compare", {"cmp_tab": tab})
    assert not at.exception
    assert specs(at)[0]["data"][0]["type"] == trace_type


@pytest.mark.parametrize("page, params, charts, tables, trace_type", [
    ("overview", {"ov_tab": "省份地图"}, 1, 0, "scattergeo"),
    ("overview", {"ov_tab": "排名"}, 1, 0, "bar"),
    ("region", {"reg_tab": "时间线"}, 1, 0, "scatter"),
    ("region", {"reg_tab": "全部指标（最新值）"}, 0, 1, None),
    ("indicator", {"ind_tab": "数据覆盖"}, 1, 0, "scatter"),
    ("indicator", {"ind_tab": "数据表"}, 0, 1, None),
    ("indicator", {"ind_tab": "各地区数值"}, 1, 0, "bar"),
])
def test_lazy_tabs_run_only_the_open_one(fixture_data, page, params, charts, tables, trace_type):
    at = run_page(page, params)
    assert not at.exception, at.exception
    assert len(at.get("plotly_chart")) == charts and len(at.dataframe) == tables
    if trace_type:
        assert specs(at)[0]["data"][0]["type"] == trace_type
        assert specs(at)[0]["layout"]["title"]["text"]


def test_layout_switch_turns_briefing_mode_on_and_off(fixture_data):
    at = run_page("overview")
    explore_expanders = len(at.expander)
    at.segmented_control(key="brief").set_value("briefing").run()
    assert not at.exception, at.exception
    assert at.session_state["_brief"] is True and len(at.expander) > explore_expanders
    assert at.segmented_control(key="brief").value == "briefing"
    at.segmented_control(key="brief").set_value("explore").run()
    assert at.session_state["_brief"] is False and len(at.expander) == explore_expanders


def test_compare_table_tab(fixture_data):
    at = run_page("compare", {"cmp_tab": "数据表"})
    assert not at.get("plotly_chart") and len(at.dataframe) == 1


def test_briefing_mode_collapses_controls_and_hints(fixture_data):
    normal = run_page("overview")
    brief = run_page("overview", {"brief": "true"})
    assert not brief.exception
    assert brief.segmented_control(key="brief").value == "briefing"
    assert len(brief.expander) > len(normal.expander)  # filters tucked into an expander
    assert len(brief.caption) < len(normal.caption)  # explanatory hints hidden
    for el in brief.get("plotly_chart"):
        assert json.loads(el.proto.config)["displayModeBar"] is False


# ---------------------------------------------------------------------------------------------------------
# untrusted article text
def test_untrusted_article_renders_literally(fixture_data):
    at = run_page("sources", {"doc": UNTRUSTED})
    assert not at.exception
    # the cleaned text (the default) drops the heading mark and keeps the line as plain text
    texts = [t.value for t in at.text]
    lines = [line for t in texts for line in t.split("\n")]  # paragraphs without numbers share one element
    assert any(line.startswith("这一行以井号开头") for line in lines) and not any("# 这一行" in t for t in texts)
    # the original, one click away, is exactly the file
    at.segmented_control(key="src_view").set_value("original").run()
    texts = [t.value for t in at.text]
    for needle in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
                   "# 这一行以井号开头，不应显示为标题", "**加粗标记** 与 `代码标记` 以及 <b>HTML标签</b> 也应原样显示。"):
        assert any(needle in t for t in texts), needle
    # nothing from the article reaches an element that interprets Markdown or HTML
    interpreted = [m.value for m in at.markdown] + [m.value for m in at.caption] + [h.proto.body for h in at.html]
    interpreted += [b.label for b in at.button] + [e.proto.label for e in at.get("expander")]
    for value in interpreted:
        assert "alert" not in value and "javascript" not in value and "井号" not in value, value
    for m in at.markdown:
        assert not m.proto.allow_html
    # highlighted numbers are buttons labelled with the number itself
    labels = sorted(b.label for b in at.button if (b.key or "").startswith("rdn-"))
    assert labels == sorted(["1500", "15.4", "2.6", "20.5", "2000", "2.5"])


def test_untrusted_text_in_quotes_elsewhere_is_plain_text(fixture_data):
    at = run_page("data", {"dat_q": "海南"})
    assert not at.exception
    for m in at.markdown:
        assert "javascript" not in m.value


# ---------------------------------------------------------------------------------------------------------
# broken dataset → a clear page, no traceback
def _truncate(d: Path):
    raw = (d / "indicators.csv").read_bytes()
    (d / "indicators.csv").write_bytes(raw[: len(raw) // 2])


DAMAGE = {
    "missing csv": lambda d: (d / "indicators.csv").unlink(),
    "truncated csv": _truncate,
    "invalid yaml": lambda d: (d / "metadata.yaml").write_text("regions: {湖北省: [\n", encoding="utf-8"),
    "missing folder": lambda d: shutil.rmtree(d),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
@pytest.mark.parametrize("page", ["overview", "sources", "data"])
def test_broken_dataset_shows_a_clear_page(tmp_path, monkeypatch, damage, page):
    d = tmp_path / "dataset"
    shutil.copytree(FIXTURE_DATASET, d)
    DAMAGE[damage](d)
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(d))
    at = run_page(page)
    assert not at.exception, at.exception
    assert at.title[0].value == "数据集无法加载"
    assert any(c.value == "make data" for c in at.code)
    text = all_text(at)
    assert "Traceback" not in text
    assert str(d) in "\n".join(c.value for c in at.code) + text


def test_broken_dataset_page_in_english(tmp_path, monkeypatch):
    d = tmp_path / "dataset"
    shutil.copytree(FIXTURE_DATASET, d)
    (d / "indicators.csv").unlink()
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(d))
    at = run_page("compare", {"lang": "English"})
    assert at.title[0].value == "The dataset cannot be loaded"
    assert any("indicators.csv" in t.value and "is missing" in t.value for t in at.text)


# ---------------------------------------------------------------------------------------------------------
# the entry point with st.navigation
def test_app_navigation_runs_every_page(fixture_data):
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception and at.title[0].value == "区域数字经济总览"
    # under st.navigation the provenance links are real page links to the reader
    links = [pl for pl in at.page_link if pl.proto.page == "sources"]
    assert links and "doc=" in links[0].proto.query_string and "fact=" in links[0].proto.query_string
    for page_id, spec in PAGES.items():
        at.switch_page(spec[0]).run()
        assert not at.exception, (page_id, at.exception)
        assert at.title[0].value == KEY_ELEMENTS[page_id]["title"]


# ---------------------------------------------------------------------------------------------------------
# scale
@pytest.fixture(scope="module")
def synth50k(tmp_path_factory):
    return make_synthetic_dataset(50_000, tmp_path_factory.mktemp("synth50k_pages"))


@pytest.mark.parametrize("page", list(PAGES))
def test_pages_run_on_50k_synthetic_facts(synth50k, monkeypatch, page):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(synth50k))
    at = run_page(page, timeout=120)
    assert not at.exception, at.exception
    assert at.title[0].value == KEY_ELEMENTS[page]["title"]
    if page == "overview":
        assert headline(at)["数据点"] == "50,000"


def test_coverage_page_shows_every_province_and_the_latest_period(fixture_data):
    from dashboard import coverage as C
    from dashboard.data import parse_dataset

    at = run_page("coverage")
    assert not at.exception, at.exception
    df = at.dataframe[0].value
    assert len(df) == 32 and df.index[0] == "全国"  # the nation and the 31 mainland provinces
    table = C.coverage_table(parse_dataset(fixture_data))
    assert df.loc["湖北省", "数字经济规模"] == table.loc["湖北省", "digital_economy_scale"] != ""
    assert df.loc["甘肃省", "已知"] == (table.loc["甘肃省"] != "").sum()
    at_en = run_page("coverage", {"lang": "English"})
    assert "Hubei" in at_en.dataframe[0].value.index and "Digital economy size" in at_en.dataframe[0].value.columns
