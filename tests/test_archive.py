"""The app over an extracted archive (dashboard/archive.py): every page with DASHBOARD_ARCHIVE, the SQL queries
against their pandas counterparts on the same facts, and the review filters (reviewed only, confidence).

The archives are written by the bench generator (bench/archive_facts.py) into tmp folders: one with a
``status`` column (a share reviewed), one as the extractor writes it (no status: nothing reviewed). Real
DuckDB throughout.
"""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from bench.archive_facts import make_archive_facts
from dashboard import archive as A
from dashboard import queries as Q
from dashboard.data import Dataset, parse_dataset
from dashboard.review import status_text
from dashboard.ui import PAGES
from tests.conftest import FIXTURE_DATASET, REPO

PAGE_FILES = {pid: str(REPO / spec[0]) for pid, spec in PAGES.items()}


@pytest.fixture(scope="session")
def archive_dir(tmp_path_factory):
    """3,000 facts, 30% reviewed (a status column), in the archive layout."""
    return make_archive_facts(3000, tmp_path_factory.mktemp("archive") / "out", seed=11, reviewed=0.3)


@pytest.fixture(scope="session")
def bare_archive_dir(tmp_path_factory):
    """2,000 facts as the extractor writes them: no status column, no docs table."""
    out = make_archive_facts(2000, tmp_path_factory.mktemp("bare") / "out", seed=5)
    for f in (out / "docs").glob("*.parquet"):
        f.unlink()
    return out


@pytest.fixture(scope="session")
def arch(archive_dir):
    return A.open_archive(archive_dir)


@pytest.fixture(scope="session")
def full(arch):
    """The same archive loaded whole into pandas (fine for a test): what the pandas queries run on."""
    facts = A.fetch(arch, "TRUE")
    return Dataset(facts=facts, indicators=arch.indicators, articles=arch.articles, regions=arch.regions,
                   data_dir=arch.path, signature=("full",))


def run_page(page: str, params: dict | None = None) -> AppTest:
    at = AppTest.from_file(PAGE_FILES[page], default_timeout=90)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    return at


def texts(at: AppTest) -> str:
    parts = [e.value for e in at.text] + [e.value for e in at.markdown] + [e.value for e in at.info]
    parts += [e.value for e in at.caption]
    return "\n".join(str(p) for p in parts)


# ---------------------------------------------------------------------------------------------------------
# opening
def test_open_reads_every_fact_with_types_and_metadata(arch, archive_dir):
    raw = pd.read_parquet(archive_dir / "facts")
    assert arch.n_facts_all == len(raw) == 3000
    assert arch.has_status
    assert len(arch.articles) == 150  # docs/docs.parquet: 20 facts per article
    assert arch.regions["湖北省"]["level"] == "province" and arch.regions["湖北省"].get("adcode")
    assert arch.indicators["digital_economy_scale"]["zh"] == "数字经济规模"
    assert arch.facts.empty and "confidence" in arch.facts.columns  # no table in memory


def test_bare_archive_is_all_unreviewed_and_named_by_id(bare_archive_dir):
    ds = A.open_archive(bare_archive_dir)
    assert not ds.has_status and ds.articles == {}
    assert any("docs" in w for w in ds.warnings)
    facts = A.fetch(ds, "TRUE")
    assert len(facts) == 2000 and set(facts["status"].astype(str)) == {"unreviewed"}
    assert (facts["doc_date"] == "").all()


def test_missing_archive_is_a_readable_error(tmp_path):
    from dashboard.data import DatasetError

    with pytest.raises(DatasetError, match="does not exist"):
        A.open_archive(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(DatasetError, match="facts"):
        A.open_archive(tmp_path / "empty")


# ---------------------------------------------------------------------------------------------------------
# SQL forms = pandas forms on the same facts
def test_best_fact_in_sql_is_the_pandas_best_mask(arch, full):
    from dashboard.data import best_mask

    assert full.facts["is_best"].equals(best_mask(full.facts))
    assert 0 < int(full.facts["is_best"].sum()) < len(full.facts)  # re-reports: not every fact is the best
    # an article's slice keeps the marks chosen among all facts, not among the article's own
    best = dict(zip(full.facts["fact_id"], full.facts["is_best"], strict=True))
    for doc in list(arch.articles)[:20]:
        sl = A.scoped(arch, doc=doc).facts
        assert [best[f] for f in sl["fact_id"]] == list(sl["is_best"])
    filtered = A.fetch(A.with_filters(arch, False, 0.8), "TRUE")
    assert filtered["is_best"].equals(best_mask(filtered))  # and among the facts passing the filters


def test_headline_matches_pandas(arch, full):
    assert A.headline(arch) == Q.headline(full)


def test_indicator_options_and_default_match_pandas(arch, full):
    counts = full.facts.loc[full.facts["indicator"].astype(str) != "other", "indicator"].astype(str).value_counts()
    assert A.indicator_options(arch) == sorted(Q.indicator_options(full), key=lambda i: (-counts[i], i))
    inds = A.indicator_options(arch)
    assert A.map_default_indicator(arch, inds) == Q.map_default_indicator(full, inds)


@pytest.mark.parametrize("levels", [None, ("province",), ("city", "area")])
def test_regions_with_data_matches_pandas(arch, full, levels):
    assert A.regions_with_data(arch, levels) == Q.regions_with_data(full, levels)


def test_kinds_periods_best_period_match_pandas(arch, full):
    for ind in A.indicator_options(arch)[:6]:
        assert A.kinds_for(arch, ind) == Q.kinds_for(full, ind)
        for kind in ("actual", "change", "target"):
            assert A.period_options(arch, ind, kind) == Q.period_options(full, ind, kind)
            assert A.best_period(arch, ind, kind) == Q.best_period(full, ind, kind)


def test_newest_facts_match_pandas(arch, full):
    sql, pd_ = A.newest_facts(arch, 8), Q.newest_facts(full, 8)
    assert list(sql["fact_id"]) == list(pd_["fact_id"])


def test_article_summary_matches_pandas(arch, full):
    sql, pd_ = A.article_summary(arch), Q.article_summary(full)
    pd.testing.assert_frame_equal(sql.sort_values("doc").reset_index(drop=True),
                                  pd_.sort_values("doc").reset_index(drop=True), check_dtype=False)
    assert list(sql["date"]) == sorted(sql["date"], reverse=True)  # newest first


def test_computed_ranks_match_pandas(arch, full):
    checked = 0
    for region in ("湖北省", "广东省", "江苏省", "浙江省", "北京市"):
        sql, pd_ = A.computed_ranks(arch, region), Q.computed_ranks(full, region)
        pd.testing.assert_frame_equal(sql.reset_index(drop=True), pd_.reset_index(drop=True), check_dtype=False)
        checked += len(sql)
    assert checked > 0  # the regions do have ranks: the comparison compared something


@pytest.mark.parametrize("name", ["values_by_region", "series", "actual_vs_target", "coverage"])
def test_per_indicator_queries_on_a_slice_match_the_whole_table(arch, full, name):
    """The archive runs these on one indicator's slice: same result as on every fact."""
    provinces = [r for r in Q.regions_with_data(full) if full.regions.get(r, {}).get("level") == "province"]
    for ind in A.indicator_options(arch)[:4]:
        args = {"values_by_region": (ind, "actual"), "series": (ind, "actual", provinces),
                "actual_vs_target": (ind, provinces), "coverage": (ind,)}[name]
        got, want = A.query(name)(arch, *args), getattr(Q, name)(full, *args)
        if name == "values_by_region":
            assert got.unit == want.unit and got.periods == want.periods and got.dropped_units == want.dropped_units
            got, want = got.df, want.df
            assert not want.empty
        cols = [c for c in ("region", "fact_id", "value", "period", "n", "target_fact", "actual_fact", "progress")
                if c in want.columns]
        pd.testing.assert_frame_equal(got[cols].astype(str).reset_index(drop=True),
                                      want[cols].astype(str).reset_index(drop=True))


def test_region_profile_on_a_region_slice_matches(arch, full):
    for region in ("湖北省", "全国"):
        got, want = A.query("region_profile")(arch, region), Q.region_profile(full, region)
        assert list(got["fact_id"]) == list(want["fact_id"]) and len(want) > 0


def test_data_page_query_matches_pandas_filter(arch, full):
    rows, total = A.data_page(arch, indicators=["digital_economy_scale"], kinds=["actual", "target"], limit=50)
    f = full.facts
    want = f.loc[(f["indicator"] == "digital_economy_scale") & f["kind"].isin(["actual", "target"])]
    assert total == len(want) > 50 and len(rows) == 50
    order = want.assign(r=want["region"].astype(str), i=want["indicator"].astype(str), k=want["kind"].astype(str))
    order = order.sort_values(["r", "i", "k", "period_key", "fact_id"])
    assert list(rows["fact_id"]) == list(order["fact_id"].head(50))
    assert rows["title"].str.len().gt(0).all()  # article titles joined from docs/
    hits, n = A.data_page(arch, text="湖北省")
    assert n == int(f["quote"].str.contains("湖北省", regex=False).sum()) > 0


# ---------------------------------------------------------------------------------------------------------
# review filters
def test_filters_on_the_archive_match_pandas_filters(arch, full):
    ds = A.with_filters(arch, True, 0.7)
    assert ds is not arch and ds.signature != arch.signature
    want = Dataset(facts=A.filter_frame(full.facts, True, 0.7), indicators=full.indicators, articles=full.articles,
                   regions=full.regions, data_dir="", signature=("f",))
    assert A.headline(ds) == Q.headline(want)
    assert 0 < A.count_facts(ds)[0] < A.count_facts(arch)[0]
    ind = A.indicator_options(ds)[0]
    got = A.query("values_by_region")(ds, ind, "actual").df
    exp = Q.values_by_region(want, ind, "actual").df
    assert list(got["fact_id"]) == list(exp["fact_id"]) and not got.empty
    sl = A.scoped(ds, indicator=ind).facts
    assert set(sl["status"].astype(str)) <= {"accepted"} and sl["confidence"].min() >= 0.7


def test_filters_off_give_the_same_object():
    ds = parse_dataset(FIXTURE_DATASET)
    assert A.with_filters(ds, False, 0.0) is ds


def test_filters_on_the_shipped_dataset_choose_the_best_again():
    ds = parse_dataset(FIXTURE_DATASET)
    f = ds.facts
    out = A.filter_dataset(ds, True, 0.0).facts
    assert len(out) == int(f["status"].astype(str).ne("unreviewed").sum()) > 0
    assert "unreviewed" not in set(out["status"].astype(str))
    t = float(f["confidence"].quantile(0.5))
    hi = A.filter_dataset(ds, False, t).facts
    assert len(hi) == int((f["confidence"].fillna(0) >= t - 1e-9).sum()) and hi["confidence"].min() >= t - 1e-9
    # every region/indicator/kind/period that still has facts has exactly one best fact again
    keys = ["region", "indicator", "kind", "period", "unit", "series", "rank_of"]
    best = hi.loc[hi["is_best"]].groupby([hi.loc[hi["is_best"], k].astype(str) for k in keys]).size()
    allk = hi.groupby([hi[k].astype(str) for k in keys]).size()
    assert len(best) == len(allk) and (best == 1).all()


def test_status_text_marks_unreviewed_with_confidence():
    assert status_text("unreviewed", 0.823, "zh") == "未审核 · 置信度 0.82"
    assert status_text("unreviewed", 0.5, "en").endswith("confidence 0.50")
    assert "置信度" not in status_text("accepted", 0.9, "zh")
    assert status_text("unreviewed", float("nan"), "zh") == "未审核"


# ---------------------------------------------------------------------------------------------------------
# every page over an archive (AppTest)
@pytest.fixture
def archive_env(monkeypatch, archive_dir):
    monkeypatch.setenv("DASHBOARD_ARCHIVE", str(archive_dir))
    return archive_dir


TITLES = {"overview": "区域数字经济总览", "compare": "地区对比", "region": "地区概况", "indicator": "指标详情",
          "sources": "来源文章", "data": "数据表", "pack": "简报包", "coverage": "数据覆盖：各省核心指标",
          "add": "添加文章"}
CHARTS = {"overview": 1, "compare": 1, "indicator": 1}


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_runs_on_an_archive(archive_env, arch, page):
    at = run_page(page)
    assert not at.exception, at.exception
    assert at.title[0].value == TITLES[page]
    assert len(at.get("plotly_chart")) == CHARTS.get(page, 0)
    assert "提取归档" in texts(at)  # the sidebar says which data this is
    assert f"{arch.n_facts_all:,}" in texts(at)  # the sidebar's fact count is the archive's
    if page == "add":  # intake is for the curated dataset: on an archive the page says so and offers nothing
        assert "提取归档" in " ".join(i.value for i in at.info) and not at.text_area
    assert at.segmented_control(key="rv_mode").value == "all"
    assert at.segmented_control(key="rv_conf").value == 0.0


def test_overview_on_an_archive_shows_the_archive_headline(archive_env, arch):
    at = run_page("overview")
    cards = "\n".join(md.value for md in at.markdown)
    h = A.headline(arch)
    assert f"{h['facts']:,}" in cards.replace("\\", "") and f"{h['articles']:,}" in cards.replace("\\", "")
    assert "置信度" in cards  # newest facts: unreviewed ones carry their confidence in the badge


def test_region_table_marks_unreviewed_with_confidence(archive_env):
    at = run_page("region", {"reg_reg": "广东省"})
    assert not at.exception
    table = at.dataframe[0].value
    status = table["审核状态"] if "审核状态" in table.columns else table.iloc[:, -3]
    assert status.astype(str).str.contains("未审核 · 置信度").any()


def test_confidence_filter_from_the_url_narrows_every_page(archive_env, arch):
    at = run_page("data", {"conf": "0.9"})
    assert not at.exception
    assert at.segmented_control(key="rv_conf").value == 0.9
    n = A.count_facts(A.with_filters(arch, False, 0.9))[0]
    assert 0 < n < arch.n_facts_all
    assert f"{n:,}" in texts(at)
    assert at.query_params["conf"] == ["0.9"] or at.query_params["conf"] == "0.9"


def test_reviewed_only_on_a_bare_archive_says_there_is_nothing(monkeypatch, bare_archive_dir):
    monkeypatch.setenv("DASHBOARD_ARCHIVE", str(bare_archive_dir))
    at = run_page("overview", {"reviewed": "1"})
    assert not at.exception
    assert any("没有已审核" in i.value for i in at.info)
    assert at.segmented_control(key="rv_mode").value == "reviewed"


def test_reviewed_only_on_the_shipped_fixture(monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(FIXTURE_DATASET))
    monkeypatch.delenv("DASHBOARD_ARCHIVE", raising=False)
    at = run_page("data", {"reviewed": "1"})
    assert not at.exception
    ds = parse_dataset(FIXTURE_DATASET)
    n = int(ds.facts["status"].astype(str).ne("unreviewed").sum())
    assert f"{n:,}" in texts(at) and n < len(ds.facts)
    shown = at.dataframe[0].value
    assert not shown.astype(str).apply(lambda c: c.str.startswith("未审核")).any().any()


def test_local_engine_csv_output_opens_like_the_parquet_archive(tmp_path, archive_dir, arch):
    """``--engine local`` writes OUT/facts.csv: the same facts give the same answers."""
    import duckdb

    out = tmp_path / "local"
    (out / "docs").mkdir(parents=True)
    src = str(archive_dir / "facts" / "**" / "*.parquet")
    cols = "fact_id, doc, region, region_level, indicator, subject, kind, value_raw, unit_raw, value, unit, " \
           "qualifier, period, period_basis, quote, start, \"end\", confidence, rank_of, why, status"
    duckdb.sql(f"COPY (SELECT {cols} FROM read_parquet('{src}')) TO '{out / 'facts.csv'}' (HEADER)")
    duckdb.sql(f"COPY (SELECT * FROM read_parquet('{archive_dir / 'docs' / 'docs.parquet'}')) "
               f"TO '{out / 'docs' / 'docs.parquet'}' (FORMAT parquet)")
    ds = A.open_archive(out)
    assert not ds.partitioned and ds.n_facts_all == arch.n_facts_all
    assert A.headline(ds) == A.headline(arch)
    assert A.computed_ranks(ds, "湖北省").equals(A.computed_ranks(arch, "湖北省"))
    a = A.scoped(ds, region="湖北省").facts
    b = A.scoped(arch, region="湖北省").facts
    assert list(a["fact_id"]) == list(b["fact_id"]) and list(a["is_best"]) == list(b["is_best"]) and len(a) > 0


@pytest.mark.parametrize("argv", [["--archive", "{dir}"], ["--archive={dir}"]])
def test_app_py_takes_the_archive_from_its_arguments(monkeypatch, archive_dir, arch, argv):
    """``streamlit run app.py -- --archive OUT``: the script's own arguments choose the archive."""
    monkeypatch.setenv("DASHBOARD_ARCHIVE", "")  # restored after the test (app.py sets it for the process)
    monkeypatch.setattr("sys.argv", ["app.py", *[a.format(dir=archive_dir) for a in argv]])
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    at.run()
    assert not at.exception, at.exception
    assert "提取归档" in texts(at) and f"{arch.n_facts_all:,}" in texts(at)


@pytest.mark.parametrize("page, tab_param, keys", [
    ("overview", "ov_tab", ["tab_ranking"]),
    ("region", "reg_tab", ["tab_timeline", "targets_view"]),
    ("indicator", "ind_tab", ["tab_coverage", "tab_table", "targets_view", "tab_fair", "tab_quadrant"]),
    ("compare", "cmp_tab", ["tab_line", "tab_target", "tab_table", "tab_fair", "tab_quadrant"]),
])
def test_every_tab_runs_on_an_archive(archive_env, page, tab_param, keys):
    from dashboard.i18n import t

    for key in keys:
        at = run_page(page, {tab_param: t(key, "zh")})
        assert not at.exception, (key, at.exception)
        drawn = len(at.get("plotly_chart")) + len(at.dataframe)
        assert drawn > 0 or any(i.value for i in at.info), key  # a chart, a table, or an empty-state note


# ---------------------------------------------------------------------------------------------------------
# compact slices: the best facts only, each with the number of facts it stands for (n_key)
def test_compact_slice_is_the_best_facts_with_their_counts(arch, full):
    f = full.facts
    for ind in A.indicator_options(arch)[:3]:
        sl = A.compact(arch, indicator=ind, kinds=("actual",)).facts
        want = f.loc[(f["indicator"] == ind) & (f["kind"] == "actual")]
        assert set(sl["fact_id"]) == set(want.loc[want["is_best"], "fact_id"]) and len(sl) < len(want)
        assert int(sl["n_key"].sum()) == len(want)  # every fact is counted by its key's best fact
    # with a filter the best facts are chosen again among the facts passing it
    ds = A.with_filters(arch, False, 0.8)
    ff = A.filter_frame(f, False, 0.8)
    ind = A.indicator_options(arch)[0]
    sl = A.compact(ds, indicator=ind, kinds=("actual",)).facts
    want = ff.loc[(ff["indicator"] == ind) & (ff["kind"] == "actual")]
    assert set(sl["fact_id"]) == set(want.loc[want["is_best"], "fact_id"])
    assert int(sl["n_key"].sum()) == len(want) and sl["confidence"].min() >= 0.8


def test_scoped_archive_fetches_nothing_until_its_facts_are_read(arch):
    sc = A.scoped(arch, indicator="digital_economy_scale")
    assert A.is_archive(sc) and sc._slice is None  # the page's SQL queries do not need the slice
    assert A.kinds_for(sc, "digital_economy_scale") == A.kinds_for(arch, "digital_economy_scale")
    assert sc._slice is None
    facts = sc.facts
    assert sc._slice is not None and len(facts) > 0 and facts["is_best"].all()
    assert set(facts["indicator"].astype(str)) <= {"digital_economy_scale", "gdp", "population"}


def test_region_targets_lookup_matches_pandas(arch, full):
    """The region page asks actual_vs_target once per target series: a look-up in the region's targets."""
    checked = 0
    for region in ("湖北省", "广东省", "全国", "北京市"):
        sc = A.scoped(arch, region=region)
        prof = Q.region_profile(full, region)
        tg = prof.loc[prof["kind"].astype(str) == "target"]
        keys = dict.fromkeys((i, s if (i == "other" or se) else None) for i, s, se in
                             zip(tg["indicator"].astype(str), tg["subject"].astype(str), tg["series"].astype(str),
                                 strict=True))
        for ind, subj in keys:
            got = A.query("actual_vs_target")(sc, ind, [region], "zh", subject=subj)
            want = Q.actual_vs_target(full, ind, [region], "zh", subject=subj)
            pd.testing.assert_frame_equal(got, want, check_dtype=False)
            checked += len(want)
    assert checked > 0
    # another region than the scope's: the pandas query on the indicator's slice
    sc = A.scoped(arch, region="湖北省")
    ind = A.indicator_options(arch)[0]
    got = A.query("actual_vs_target")(sc, ind, ["广东省", "江苏省"])
    pd.testing.assert_frame_equal(got, Q.actual_vs_target(full, ind, ["广东省", "江苏省"]), check_dtype=False)


def test_computed_ranks_under_a_filter_match_pandas(arch, full):
    ds = A.with_filters(arch, False, 0.6)
    want_ds = Dataset(facts=A.filter_frame(full.facts, False, 0.6), indicators=full.indicators,
                      articles=full.articles, regions=full.regions, data_dir="", signature=("f",))
    for region in ("湖北省", "广东省"):
        got, want = A.computed_ranks(ds, region), Q.computed_ranks(want_ds, region)
        pd.testing.assert_frame_equal(got.reset_index(drop=True), want.reset_index(drop=True), check_dtype=False)
        assert not want.empty


def test_select_box_options_under_a_filter_match_pandas(arch, full):
    ds = A.with_filters(arch, True, 0.0)
    want_ds = Dataset(facts=A.filter_frame(full.facts, True, 0.0), indicators=full.indicators,
                      articles=full.articles, regions=full.regions, data_dir="", signature=("f",))
    for ind in A.indicator_options(ds)[:3]:
        assert A.kinds_for(ds, ind) == Q.kinds_for(want_ds, ind)
        assert A.period_options(ds, ind, "actual") == Q.period_options(want_ds, ind, "actual")
        assert A.best_period(ds, ind, "actual") == Q.best_period(want_ds, ind, "actual")


def test_bench_clears_every_cache_but_the_opened_dataset(archive_env, arch):
    """bench pages: the 'first' change is timed after every query cache is forgotten, the archive kept."""
    from bench.pages_bench import clear_query_caches

    run_page("region")
    opened = A.load_archive(arch.path)
    assert A.count_facts(opened) == (arch.n_facts_all, len(set(A.fetch(arch, "TRUE")["doc"])))
    n = clear_query_caches()
    assert n is not None and n > 0
    assert A.load_archive(arch.path) is opened  # the opened archive survives the clear
