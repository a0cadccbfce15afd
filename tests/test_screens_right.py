"""Issue 16: every screen right and readable (AppTest). Each test names the point of the issue it checks.

Datasets with the cases the fixture lacks (one indicator with several subjects, a narrower measure beside
the full one) are the fixture dataset plus a few appended rows, written to a temporary folder.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.ui import PAGES
from tests.conftest import FIXTURE_DATASET, REPO

PAGE_FILES = {pid: str(REPO / spec[0]) for pid, spec in PAGES.items()}


def run_page(page: str, params: dict | None = None, timeout: float = 60) -> AppTest:
    at = AppTest.from_file(PAGE_FILES[page], default_timeout=timeout)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, at.exception
    return at


def specs(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def all_text(at: AppTest) -> str:
    parts = [e.value for e in at.text] + [e.value for e in at.markdown] + [e.value for e in at.warning]
    return "\n".join(str(p) for p in parts)


def qp(at: AppTest, key: str) -> list[str]:
    """A query parameter's values as a list (AppTest gives a single value as a plain string)."""
    v = at.query_params.get(key)
    return [] if v is None else [v] if isinstance(v, str) else list(v)


def dataset_with(tmp_path: Path, rows: list[dict]) -> Path:
    """The fixture dataset plus ``rows`` (each a partial fact; the rest copied from the first fixture row)."""
    d = tmp_path / "dataset"
    shutil.copytree(FIXTURE_DATASET, d)
    path = d / "indicators.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        cols, base = reader.fieldnames, next(reader)
    with open(path, "a", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cols, lineterminator="\n")
        for i, r in enumerate(rows):
            w.writerow({**base, "fact_id": f"extra{i:07d}", "note": "", "rank_of": "", **r})
    return d


@pytest.fixture
def fixture_data(monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(FIXTURE_DATASET))
    return FIXTURE_DATASET


# Hubei: 上云企业超过4万家 (the fixture) and 100 省级上云标杆企业 of the same year: two series of one indicator.
BENCHMARK_FIRMS = {"indicator": "cloud_enterprises", "subject": "省级上云标杆企业", "kind": "actual", "value": "100",
                   "unit": "家", "unit_raw": "家", "value_raw": "100", "qualifier": "", "period": "2022"}
# Hunan: 5G宏基站 only (macro stations), beside other provinces' 5G基站 (all stations).
MACRO_STATIONS = {"region": "湖南省", "indicator": "base_stations_5g", "subject": "5G宏基站", "kind": "actual",
                  "value": "60000", "unit": "个", "unit_raw": "万个", "value_raw": "6", "qualifier": "",
                  "period": "2022"}


# ---------------------------------------------------------------------------------------------------------
# 1. wrong or misleading
def test_one_indicator_several_subjects_are_separate_series(tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(dataset_with(tmp_path, [BENCHMARK_FIRMS])))
    at = run_page("region", {"reg_reg": "湖北省"})
    table = at.dataframe[0].value
    cloud = table.loc[table["指标"].str.startswith("上云企业")]
    # both series are there, the narrower one named after its subject
    assert set(cloud["指标"]) == {"上云企业", "上云企业（省级上云标杆企业）"}
    assert set(cloud["数值"]) == {"≥4万家", "100家"}


def test_several_subjects_in_english_are_marked_as_the_articles_wording(tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(dataset_with(tmp_path, [BENCHMARK_FIRMS])))
    at = run_page("region", {"reg_reg": "湖北省", "lang": "English"})
    names = set(at.dataframe[0].value["Indicator"])
    assert "Enterprises on the cloud (“省级上云标杆企业”)" in names


def test_rank_scope_is_shown_and_both_pools_are_kept(fixture_data):
    at = run_page("region", {"reg_reg": "湖北省"})
    values = set(at.dataframe[0].value["数值"])
    assert {"全国第8位", "中部第1位"} <= values
    at = run_page("region", {"reg_reg": "湖北省", "lang": "English"})
    values = set(at.dataframe[0].value["Value"])
    assert {"8th nationally", "1st in Central China"} <= values


def test_ranks_of_different_pools_are_never_compared(fixture_data):
    at = run_page("compare", {"cmp_kind": "rank"})
    spec = specs(at)[0]
    bars = dict(zip(spec["data"][0]["y"], spec["data"][0]["text"], strict=True))
    # Hubei's 中部第1位 would stand beside Guangdong's 全国第1位: only the national pool is charted
    assert bars == {"湖北省": "全国第8位", "广东省": "全国第1位"}
    assert "全国位次" in spec["layout"]["title"]["subtitle"]["text"]


def test_a_chart_mixing_measures_says_so_inside_the_figure(tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(dataset_with(tmp_path, [MACRO_STATIONS])))
    at = run_page("compare", {"cmp_ind": "base_stations_5g", "cmp_per": "2022"})
    spec = specs(at)[0]
    assert "湖南省（5G宏基站）" in spec["data"][0]["y"]
    source = " ".join(a.get("text", "") for a in spec["layout"]["annotations"] if a.get("name") == "source")
    assert "口径不一" in source


def test_links_store_ids_not_labels(fixture_data):
    at = run_page("compare", {"cmp_ind": "5G base stations", "cmp_grp": "Custom",
                              "cmp_reg": ["Hubei", "Zhejiang"]})
    # a link made in the English view (labels, as older links stored them) still works in the Chinese one
    assert at.session_state["cmp_ind"] == "base_stations_5g"
    assert set(specs(at)[0]["data"][0]["y"]) == {"湖北省", "浙江省"}
    # and the URL now holds ids and codes only
    assert qp(at, "cmp_ind") == ["base_stations_5g"]
    assert qp(at, "cmp_grp") == ["custom"]
    assert sorted(qp(at, "cmp_reg")) == ["浙江省", "湖北省"]


def test_english_data_filters_survive_in_the_chinese_view(fixture_data):
    en = run_page("data", {"dat_reg": ["Hainan"], "dat_kind": ["Target"], "lang": "English"})
    assert qp(en, "dat_reg") == ["海南省"] and qp(en, "dat_kind") == ["target"]
    zh = run_page("data", {"dat_reg": qp(en, "dat_reg"), "dat_kind": qp(en, "dat_kind")})
    table = zh.dataframe[0].value
    assert len(table) == 1


def test_a_link_with_unknown_values_says_what_it_ignored(fixture_data):
    at = run_page("data", {"dat_reg": ["海南省", "Atlantis"]})
    warnings = [w.value for w in at.warning]
    assert any("Atlantis" in w and "地区" in w for w in warnings), warnings
    assert len(at.dataframe[0].value) < 64  # the known part of the link still applies
    tab = run_page("compare", {"cmp_tab": "nonsense"})
    assert any("nonsense" in w.value for w in tab.warning)


def test_tabs_are_kept_in_the_url_by_id(fixture_data):
    at = run_page("compare", {"cmp_tab": "Over time"})  # an English label from an older link
    assert specs(at)[0]["data"][0]["type"] == "scatter"
    assert qp(at, "cmp_tab") == ["line"]
    assert specs(run_page("overview", {"ov_tab": "ranking"}))[0]["data"][0]["type"] == "bar"


# ---------------------------------------------------------------------------------------------------------
# 2. tasks
def dataset_with_rejections(tmp_path: Path) -> Path:
    """The fixture plus what the real data folder has beside it: extracted facts and a curation file that
    rejects two of them (one numbers a date, one a duplicate)."""
    d = dataset_with(tmp_path, [])
    text = (d / "articles" / "000_hubei_digital.txt").read_text(encoding="utf-8")
    rows = []
    with open(d / "indicators.csv", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        cols = reader.fieldnames
        rows = list(reader)
    start = text.index("2021年，湖北省")  # the year 2021 read as a number: rejected
    extra = [{**rows[0], "fact_id": "rej000000001", "value_raw": "2021", "value": "2021", "unit": "", "unit_raw": "",
              "start": str(start), "end": str(start + 4), "quote": "2021年，湖北省数字经济规模为2.1万亿元",
              "kind": "actual", "status": "unreviewed"},
             {**rows[0], "fact_id": "rej000000002", "value_raw": "9.6", "value": "96000",
              "start": str(text.index("9.6")), "end": str(text.index("9.6") + 3), "status": "unreviewed",
              "quote": "中部地区数字经济规模约为9.6万亿元"}]
    (d / "extracted").mkdir()
    with open(d / "extracted" / "facts.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        w.writerows(rows + extra)
    (d / "curation").mkdir()
    (d / "curation" / "000_hubei_digital.yaml").write_text(
        "doc: 000_hubei_digital.txt\ndecisions:\n"
        "- fact_id: rej000000001\n  action: reject\n  reason: a year, not a value\n"
        "- fact_id: rej000000002\n  action: reject\n  reason: duplicate of the added fact\n", encoding="utf-8")
    return d


def test_reader_shows_rejected_numbers_struck_through_with_the_reason(tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(dataset_with_rejections(tmp_path)))
    at = run_page("sources", {"doc": "000_hubei_digital.txt"})
    rejected = [b for b in at.button if b.key.startswith("rdn-rejected-")]
    assert [b.label for b in rejected] == ["2021"]  # 9.6 is also an added fact: that one colours the number
    assert "a year, not a value" in rejected[0].help and "已驳回" in rejected[0].help
    table = next(d.value for d in at.dataframe if "驳回原因" in d.value.columns)
    assert len(table) == 2 and all("审核人原话" in r for r in table["驳回原因"])
    assert table["数值"].iloc[0].replace("\u0336", "") == "2,021"  # struck through


def test_reader_filters_numbers_by_status(tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(dataset_with_rejections(tmp_path)))
    at = run_page("sources", {"doc": "000_hubei_digital.txt", "src_status": ["rejected"]})
    statuses = {b.key.split("-")[1] for b in at.button if b.key.startswith("rdn-")}
    assert statuses == {"rejected"}
    at = run_page("sources", {"doc": "000_hubei_digital.txt", "src_status": ["accepted", "edited"]})
    statuses = {b.key.split("-")[1] for b in at.button if b.key.startswith("rdn-")}
    assert statuses == {"accepted", "edited"}
    assert not [d for d in at.dataframe if "驳回原因" in d.value.columns]


def test_reader_opens_a_rejected_fact_from_a_link(tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(dataset_with_rejections(tmp_path)))
    at = run_page("sources", {"doc": "000_hubei_digital.txt", "fact": "rej000000001"})
    assert any(b.key.startswith("rdn-rejected-sel-") for b in at.button)
    assert "~~2,021~~" in all_text(at).replace("\\", "")
    assert "a year, not a value" in all_text(at)


def test_view_in_article_scrolls_to_the_number(fixture_data):
    import pandas as pd

    facts = pd.read_csv(FIXTURE_DATASET / "indicators.csv", dtype=str)
    fact = facts.iloc[-1]
    at = run_page("sources", {"doc": fact["doc"], "fact": fact["fact_id"]})
    scripts = [h.proto.body for h in at.get("html") if "scrollIntoView" in h.proto.body]
    assert scripts and '-sel-' in scripts[0]
    # a click inside the reader does not scroll again
    at = run_page("sources", {"doc": fact["doc"]})
    assert not [h for h in at.get("html") if "scrollIntoView" in h.proto.body]


def test_every_page_offers_a_copy_link_button(fixture_data):
    for page in PAGES:
        at = run_page(page)
        assert [h for h in at.get("html") if "copy-link" in h.proto.body and "复制本页链接" in h.proto.body], page


def test_custom_group_starts_from_the_top_regions_of_the_indicator(fixture_data):
    from dashboard import queries as q
    from dashboard.data import parse_dataset

    ds = parse_dataset(FIXTURE_DATASET)
    vals = q.values_by_region(ds, "digital_economy_scale", "actual", None)
    top = list(vals.df.sort_values("value", ascending=False)["region"].astype(str))[:6]
    at = run_page("compare", {"cmp_grp": "自选"})  # the label: older code read labels from the URL
    assert at.session_state["cmp_reg"] == top
    assert top[0] == "广东省"


# ---------------------------------------------------------------------------------------------------------
# 3. readability
INTERNAL = re.compile(r"[a-z_]+_[a-z_]+|\bactual\b|\bedited\b|>=")
CJK = re.compile(r"[\u3400-\u9fff]")
# A quote as a Traditional, pinyin-annotated repost has it (the real article 001 looks like this).
TRADITIONAL = {"region": "湖北省", "indicator": "integration_index", "subject": "两化融合指数", "kind": "actual",
               "value": "88.8", "unit": "", "unit_raw": "", "value_raw": "88.8", "qualifier": "", "period": "2023-06",
               "quote": "全省兩化融合指數(shù)達到88.8", "note": "checked against the provincial bulletin"}


def test_data_page_speaks_words_not_codes(fixture_data):
    at = run_page("data")
    table = at.dataframe[0].value
    cells = "\n".join(str(v) for col in ("region", "indicator", "kind", "value", "period", "status")
                      for v in table[col])
    assert not INTERNAL.search(cells), INTERNAL.search(cells)
    assert {"2.3万亿元", "7.3万个", "≥4万家", "全国第8位"} <= set(table["value"])
    assert "目标值" in set(table["kind"]) and "已修订" in set(table["status"])
    en = run_page("data", {"lang": "English"}).dataframe[0].value
    assert {"2,300 bn yuan", "8th nationally"} <= set(en["value"])
    assert not any(CJK.search(str(v)) for col in ("region", "kind", "period", "status", "source") for v in en[col])


def test_data_page_columns_are_wide_enough(fixture_data):
    at = run_page("data")
    cfg = json.loads(at.dataframe[0].proto.columns)
    assert cfg["period"]["width"] == "medium" and cfg["value"]["width"] == "medium"
    assert cfg["quote"]["width"] == "large"


def test_quotes_are_shown_cleaned_and_simplified(tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(dataset_with(tmp_path, [TRADITIONAL])))
    at = run_page("data", {"dat_q": "88.8"})
    quotes = list(at.dataframe[0].value["quote"])
    assert quotes == ["全省两化融合指数达到88.8"]
    notes = list(at.dataframe[0].value["note"])
    assert notes == ["（审核人原话）checked against the provincial bulletin"]
    card = run_page("region", {"reg_reg": "湖北省"})
    assert "(shù)" not in all_text(card)


def test_sources_table_has_no_file_names_and_working_links(fixture_data):
    at = run_page("sources")
    table = at.dataframe[0].value
    assert not any("_" in str(c) for c in table.columns)
    assert not any(".txt" in str(v) for col in table.columns for v in table[col])
    links = [v for v in table["链接"] if isinstance(v, str) and v]
    assert links and all(v.startswith("https://") for v in links)


def test_reader_shows_no_heading_marks_and_joins_wrapped_lines():
    from dashboard.reader import display_text

    original = "## 标题\n湖北省数字经济规模在二〇二二年继续扩大，总量达到\n2.3万亿元。\n\n下一段。"
    shown = display_text(original)
    assert shown.text == "标题\n湖北省数字经济规模在二〇二二年继续扩大，总量达到2.3万亿元。\n\n下一段。"
    start = original.index("2.3")
    s, e = shown.span(start, start + 3)
    assert shown.text[s:e] == "2.3"


def test_english_outlets_in_charts_and_tables(fixture_data):
    at = run_page("compare", {"lang": "English"})
    source = " ".join(a.get("text", "") for a in specs(at)[0]["layout"]["annotations"] if a.get("name") == "source")
    assert "China Electronics News" in source and not CJK.search(source), source
    table = run_page("sources", {"lang": "English"}).dataframe[0].value
    assert not any(CJK.search(str(v)) for v in table["Source"])


def test_no_english_select_all_in_the_chinese_filters(fixture_data):
    at = run_page("data")
    for ms in at.multiselect:
        assert ms.proto.max_selections and ms.proto.max_selections < len(ms.options), ms.label


def test_exported_bar_charts_are_sized_to_their_bars():
    import pandas as pd

    from dashboard import figures as F

    df = pd.DataFrame({"fact_id": ["a", "b", "c"], "label": ["湖北省", "浙江省", "广东省"], "value": [43.3, 50.6, 49.7],
                       "period": ["2022"] * 3, "status": ["accepted"] * 3, "qualifier": [""] * 3})
    fig = F.make_ranking_figure(df, title="t", subtitle="s", source="来源：湖北日报 2023-02；中国电子报 2023-03。区域数字经济看板整理",
                                unit="%")
    assert fig.layout.meta["export_width"] < 1000
    assert fig.layout.meta["export_width"] / fig.layout.height < 3  # no 2400×580 strip
