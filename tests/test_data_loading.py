"""Loading and validating the dataset (dashboard.data), the pure queries, the reader's segmentation, the CSV
export and the string table. Broken datasets must raise DatasetError with a message naming the file."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pandas as pd
import pytest

from bench.synth import make_synthetic_dataset
from dashboard import queries as q
from dashboard import reader as R
from dashboard.citation import citation_csv
from dashboard.data import DatasetError, _read_text, data_dir, parse_dataset, period_key, sort_periods
from dashboard.i18n import check_table, fmt_period, fmt_value
from tests.conftest import FIXTURE_DATASET


@pytest.fixture(scope="module")
def ds():
    return parse_dataset(FIXTURE_DATASET)


@pytest.fixture(scope="session")
def synth50k(tmp_path_factory):
    return make_synthetic_dataset(50_000, tmp_path_factory.mktemp("synth50k"))


def copy_fixture(tmp_path: Path) -> Path:
    dst = tmp_path / "dataset"
    shutil.copytree(FIXTURE_DATASET, dst)
    return dst


# ---------------------------------------------------------------------------------------------------------
# the fixture itself
def test_fixture_loads_clean(ds):
    assert len(ds.facts) >= 60
    assert ds.warnings == []
    assert {"湖北省", "海南省", "湖南省", "河北省", "浙江省", "武汉市", "全国", "中部地区"} <= set(ds.facts["region"])
    assert set(ds.facts["kind"]) == {"actual", "target", "change", "rank"}
    assert ds.facts["fact_id"].is_unique


def test_fixture_offsets_are_true(ds):
    """text[start:end] is the number as written, for every fact (article 002 is GB18030)."""
    for doc, grp in ds.facts.groupby(ds.facts["doc"].astype(str), observed=True):
        text = _read_text(FIXTURE_DATASET / "articles" / doc)
        for _, r in grp.iterrows():
            assert text[r["start"]:r["end"]] == r["value_raw"], (doc, r["fact_id"])
            assert r["value_raw"] in r["quote"]


def test_untrusted_fixture_article_is_gb18030_and_hostile():
    raw = (FIXTURE_DATASET / "articles" / "002_hainan_untrusted.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = _read_text(FIXTURE_DATASET / "articles" / "002_hainan_untrusted.txt")
    for needle in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "\n# "):
        assert needle in text


def test_data_dir_env(monkeypatch, tmp_path):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(tmp_path))
    assert data_dir() == tmp_path
    monkeypatch.delenv("DASHBOARD_DATA_DIR")
    assert data_dir().name == "data"


# ---------------------------------------------------------------------------------------------------------
# broken datasets
def _truncate(d: Path):
    text = (d / "indicators.csv").read_text(encoding="utf-8")  # cut between characters, as a copy interrupted
    (d / "indicators.csv").write_text(text[: int(len(text) * 0.6)], encoding="utf-8")  # mid-row would


def _drop_column(d: Path):
    df = pd.read_csv(d / "indicators.csv", dtype=str, keep_default_na=False)
    df.drop(columns=["period"]).to_csv(d / "indicators.csv", index=False)


def _bad_value(d: Path):
    text = (d / "indicators.csv").read_text(encoding="utf-8").splitlines()
    cells = text[3].split(",")
    cells[9] = "abc"
    text[3] = ",".join(cells)
    (d / "indicators.csv").write_text("\n".join(text) + "\n", encoding="utf-8")


def _unterminated_quote(d: Path):
    with open(d / "indicators.csv", "a", encoding="utf-8") as fh:
        fh.write('x1,000_hubei_digital.txt,湖北省,province,digital_economy_scale,"数字经济规模\n')


BROKEN = {
    "missing folder": (lambda d: shutil.rmtree(d), "does not exist"),
    "missing csv": (lambda d: (d / "indicators.csv").unlink(), "indicators.csv: is missing"),
    "empty csv": (lambda d: (d / "indicators.csv").write_text("", encoding="utf-8"), "is empty"),
    "truncated csv": (_truncate, "truncated"),
    "missing column": (_drop_column, "lacks the column(s) period"),
    "non-numeric value": (_bad_value, "row 4: column value is not a number"),
    "unterminated quote": (_unterminated_quote, "indicators.csv"),
    "not utf-8": (lambda d: (d / "indicators.csv").write_bytes("地区,值\n".encode("gb18030") * 3), "not UTF-8"),
    "missing metadata": (lambda d: (d / "metadata.yaml").unlink(), "metadata.yaml: is missing"),
    "invalid yaml": (lambda d: (d / "metadata.yaml").write_text("indicators: [unclosed\n  a: b\n", encoding="utf-8"),
                     "is not valid YAML at line"),
    "python tag": (lambda d: (d / "metadata.yaml").write_text("!!python/object/apply:os.system ['echo hi']\n",
                                                              encoding="utf-8"), "is not valid YAML"),
    "yaml not a mapping": (lambda d: (d / "metadata.yaml").write_text("- a\n- b\n", encoding="utf-8"), "must be a mapping"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_dataset_raises_a_readable_error(tmp_path, case):
    d = copy_fixture(tmp_path)
    damage, expected = BROKEN[case]
    damage(d)
    with pytest.raises(DatasetError) as info:
        parse_dataset(d)
    msg = str(info.value)
    assert expected in msg, msg
    assert "Traceback" not in msg and "\n" not in msg


def test_row_level_problems_are_warnings(tmp_path):
    d = copy_fixture(tmp_path)
    df = pd.read_csv(d / "indicators.csv", dtype=str, keep_default_na=False)
    df.loc[0, "period"] = "2022年"  # malformed period
    df.loc[1, "kind"] = "forecast"  # unknown kind
    df = pd.concat([df, df.iloc[[2]]])  # duplicate id
    df.to_csv(d / "indicators.csv", index=False)
    ds = parse_dataset(d)
    assert len(ds.facts) == 64 - 2
    assert len(ds.warnings) == 3
    assert any("malformed period" in w for w in ds.warnings)


def test_unknown_statuses_are_treated_as_unreviewed(tmp_path):
    d = copy_fixture(tmp_path)
    df = pd.read_csv(d / "indicators.csv", dtype=str, keep_default_na=False)
    df.loc[0, "status"] = "pending"
    df.to_csv(d / "indicators.csv", index=False)
    assert parse_dataset(d).facts.loc[0, "status"] == "unreviewed"


# ---------------------------------------------------------------------------------------------------------
# periods
@pytest.mark.parametrize("periods, expected", [
    (["2022", "2021"], ["2021", "2022"]),
    (["2022", "2022-H1", "2022-06", "2022-Q2", "2022-Q1"], ["2022-Q1", "2022-06", "2022-Q2", "2022-H1", "2022"]),
    (["2023-06", "2022", "2025"], ["2022", "2023-06", "2025"]),
])
def test_period_order(periods, expected):
    assert sort_periods(periods) == expected


@pytest.mark.parametrize("bad", ["2022年", "22", "2022-13", "2022-H3", "2022-Q5", ""])
def test_malformed_periods_have_no_key(bad):
    assert period_key(bad) == -1


@pytest.mark.parametrize("period, lang, expected", [
    ("2022", "zh", "2022年"), ("2022", "en", "2022"), ("2022-H1", "zh", "2022年上半年"), ("2022-H1", "en", "H1 2022"),
    ("2021-Q3", "zh", "2021年三季度"), ("2023-06", "zh", "2023年6月"), ("2023-06", "en", "Jun 2023"),
])
def test_fmt_period(period, lang, expected):
    assert fmt_period(period, lang) == expected


@pytest.mark.parametrize("args, expected", [
    ((23000, "亿元", "", "zh"), "23,000亿元"),
    ((23000, "亿元", "", "en"), "2,300 bn yuan"),
    ((10000, "亿元", ">=", "zh"), "≥10,000亿元"),
    ((43.3, "%", "", "zh"), "43.3%"),
    ((-9.7, "%", "", "en"), "-9.7%"),
    ((8, "位", "", "zh", "rank"), "第8位"),
    ((8, "位", "", "en", "rank"), "No. 8"),
    ((62.1, "", "", "zh"), "62.1"),
    ((39000, "家", "~", "en"), "≈39,000 firms"),
])
def test_fmt_value(args, expected):
    assert fmt_value(*args) == expected


def test_string_table_complete():
    assert check_table() == []


# ---------------------------------------------------------------------------------------------------------
# queries
def test_best_fact_prefers_reviewed(tmp_path):
    d = copy_fixture(tmp_path)
    df = pd.read_csv(d / "indicators.csv", dtype=str, keep_default_na=False)
    dup = df.loc[df["fact_id"] == df["fact_id"].iloc[0]].copy()
    dup["fact_id"] = "dup000000000"
    dup["value"] = "99999"
    dup["status"] = "unreviewed"
    dup["confidence"] = "0.99"
    pd.concat([dup, df]).to_csv(d / "indicators.csv", index=False)
    ds = parse_dataset(d)
    vals = q.values_by_region(ds, "digital_economy_scale", "actual", "2022")
    assert vals.df.loc[vals.df["region"] == "湖北省", "value"].item() == 23000


def test_values_latest_per_region(ds):
    vals = q.values_by_region(ds, "digital_economy_scale", "actual", None)
    latest = dict(zip(vals.df["region"].astype(str), vals.df["period"].astype(str), strict=True))
    assert latest["湖北省"] == "2023" and latest["浙江省"] == "2022"
    assert "全国" not in latest  # provinces only by default
    assert vals.unit == "亿元" and vals.periods == ["2022", "2023"]


def test_best_period_is_the_most_reported(ds):
    assert q.best_period(ds, "digital_economy_scale") == "2022"


def test_actual_vs_target(ds):
    at = q.actual_vs_target(ds, "digital_economy_scale", ["湖北省", "浙江省"])
    hubei = at.set_index("region").loc["湖北省"]
    assert hubei["target_value"] == 30000 and hubei["actual_value"] == 25000
    assert hubei["progress"] == pytest.approx(25000 / 30000)


def test_computed_ranks_use_the_best_covered_period(ds):
    ranks = q.computed_ranks(ds, "湖北省").set_index("indicator")
    assert ranks.loc["digital_economy_scale", "period"] == "2022"
    assert (ranks.loc["digital_economy_scale", "rank"], ranks.loc["digital_economy_scale", "n"]) == (4, 9)


def test_region_groups(ds):
    groups = q.region_groups(ds)
    assert set(groups["中部"]) >= {"湖北省", "湖南省", "河南省"}
    assert "中部地区" not in groups  # same members as 中部: not repeated
    assert q.group_label(ds, "中部", "en") == "Central region"


def test_article_summary_drops_unsafe_urls(ds):
    ds.articles["000_hubei_digital.txt"]["url"] = "javascript:alert(1)"
    try:
        arts = q.article_summary(ds).set_index("doc")
        assert arts.loc["000_hubei_digital.txt", "url"] == ""
        assert arts.loc["001_provinces_roundup.txt", "url"].startswith("https://")
        assert arts.loc["002_hainan_untrusted.txt", "n"] == 6
    finally:
        ds.articles["000_hubei_digital.txt"]["url"] = ""


def test_headline(ds):
    h = q.headline(ds)
    assert h == {"regions": 12, "indicators": 9, "facts": 64, "articles": 3, "latest": "2023"}


# ---------------------------------------------------------------------------------------------------------
# reader
def test_reader_segments_keep_every_character(ds):
    doc = "002_hainan_untrusted.txt"
    text = _read_text(FIXTURE_DATASET / "articles" / doc)
    f = ds.facts.loc[ds.facts["doc"] == doc]
    numbers, bad = R.spans(text, zip(f["fact_id"], f["start"], f["end"], f["status"].astype(str), strict=True))
    assert bad == [] and len(numbers) == 6
    pars = R.paragraphs(text, numbers)
    assert R.reassemble(pars) == "\n".join(line for line in text.split("\n") if line.strip())
    assert sum(isinstance(p, R.Number) for par in pars for p in par.pieces) == 6
    assert all(n.safe_label == n.text for n in numbers)


@pytest.mark.parametrize("label, safe", [
    ("2.3", True), ("1,500", True), ("两万", True), ("15.4%", True),
    ("**8**", False), ("[x](javascript:1)", False), (":red[1]", False), ("<b>1</b>", False),
])
def test_reader_safe_number_labels(label, safe):
    assert (R.Number(text=label, start=0, end=len(label)).safe_label is not None) is safe


def test_reader_bad_and_overlapping_offsets():
    text = "甲省2022年规模达到2.3万亿元，增长10%。"
    i = text.index("2.3")
    facts = [("a", i, i + 3, "accepted"), ("b", i, i + 3, "unreviewed"), ("c", i + 1, i + 2, "edited"),
             ("d", 5, 500, "accepted"), ("e", "x", 3, "accepted")]
    numbers, bad = R.spans(text, facts)
    assert bad == ["d", "e"]
    assert len(numbers) == 1 and numbers[0].fact_ids == ["a", "b", "c"] and numbers[0].status == "unreviewed"


def test_search_finds_literal_text():
    texts = {"a.txt": "湖北省5G基站达到7.3万个。" * 3, "b.txt": "(a+b)* 正则字符不应被解释"}
    assert list(R.search(texts, "5g基站")) == ["a.txt"]
    assert list(R.search(texts, "(a+b)*")) == ["b.txt"]
    assert R.search(texts, "  ") == {}


# ---------------------------------------------------------------------------------------------------------
# CSV export
def test_citation_csv_round_trips(ds):
    view = q.facts_with_articles(ds).head(7)[["region", "indicator", "value", "unit", "period", "quote", "fact_id"]]
    for c in ("region", "indicator", "unit", "period"):
        view[c] = view[c].astype(str)
    raw = citation_csv(view, lang="zh", date="2026-01-01", filters={"region": ["湖北省"], "q": ""})
    assert raw.startswith("\ufeff# 引用：".encode())
    text = raw.decode("utf-8-sig")
    assert "# 筛选条件: region=湖北省" in text and "# quote: 原文句子" in text
    back = pd.read_csv(io.StringIO(text), comment="#", dtype={"period": str})
    assert len(back) == 7 and list(back.columns) == list(view.columns)
    assert list(back["fact_id"]) == list(view["fact_id"])


# ---------------------------------------------------------------------------------------------------------
# scale
def test_synthetic_50k_dataset_loads(synth50k):
    ds = parse_dataset(synth50k)
    assert len(ds.facts) == 50_000 and ds.warnings == []
    sample = ds.facts.sample(200, random_state=1)
    for _, r in sample.iterrows():
        text = _read_text(Path(synth50k) / "articles" / r["doc"])
        assert text[r["start"]:r["end"]] == r["value_raw"]
    vals = q.values_by_region(ds, "digital_economy_scale", "actual", None)
    assert 20 <= len(vals.df) <= 31


def test_targets_outside_the_catalogue_pair_only_with_their_own_subject():
    shipped = parse_dataset(Path(__file__).resolve().parents[1] / "data")
    hubei_other = shipped.facts.loc[(shipped.facts["region"] == "湖北省") & (shipped.facts["indicator"] == "other")]
    assert {"target", "actual"} <= set(hubei_other["kind"].astype(str))
    assert q.actual_vs_target(shipped, "other", ["湖北省"]).empty  # no subject: nothing is comparable
    subject = str(hubei_other.loc[hubei_other["kind"] == "target", "subject"].iloc[0])
    paired = q.actual_vs_target(shipped, "other", ["湖北省"], subject=subject)
    assert len(paired) == 1 and paired["actual_fact"].iloc[0] == ""  # no actual of that subject was reported


def test_map_default_indicator_is_the_fullest_map(ds):
    indicators = q.indicator_options(ds)
    chosen = q.map_default_indicator(ds, indicators)
    prov = ds.facts.loc[(ds.facts["region_level"] == "province") & (ds.facts["kind"] == "actual")]
    counts = prov.groupby(prov["indicator"].astype(str), observed=True)["region"].nunique()
    assert counts.get(chosen, 0) == max(counts.get(i, 0) for i in indicators)
