"""Unit tests of the pure figure builders (dashboard.figures): titles, subtitles and source inside the figure,
trace counts, the one-region note, the empty-data figure, and fact ids in customdata for click-to-quote."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import figures as F
from dashboard import queries as q
from dashboard.data import parse_dataset
from tests.conftest import FIXTURE_DATASET


@pytest.fixture(scope="module")
def ds():
    return parse_dataset(FIXTURE_DATASET)


def _annotation(fig: go.Figure, name: str):
    return [a for a in fig.layout.annotations if a.name == name]


def _ranking(ds, lang="zh", regions=None, indicator="digital_economy_scale", kind="actual", period="2022"):
    vals = q.values_by_region(ds, indicator, kind, period, regions=regions, lang=lang)
    return vals, F.make_ranking_figure(vals.df, title="数字经济规模", subtitle="单位：亿元；时期：2022年",
                                       source="来源：测试", unit=vals.unit, lang=lang, kind=kind)


def _lines(ds, lang="zh"):
    df = q.series(ds, "digital_economy_scale", "actual", ["湖北省", "浙江省", "广东省"], lang)
    return df, F.make_lines_figure(df, title="历年", subtitle="单位：亿元", source="来源：测试", unit="亿元", lang=lang)


def _target(ds, lang="zh"):
    df = q.actual_vs_target(ds, "digital_economy_scale", ["湖北省", "浙江省", "河北省", "海南省"], lang)
    return df, F.make_actual_target_figure(df, title="实际与目标", subtitle="单位：亿元", source="来源：测试",
                                           unit="亿元", lang=lang)


def _timeline(ds, lang="zh"):
    df = q.best_facts(ds.facts.loc[ds.facts["region"] == "湖北省"])
    return df, F.make_timeline_figure(df, title="湖北省", subtitle="时期", source="来源：测试", lang=lang,
                                      indicator_labels={"digital_economy_scale": "数字经济规模"})


def _coverage(ds, lang="zh"):
    df = q.coverage(ds, "digital_economy_scale", lang)
    return df, F.make_coverage_figure(df, title="覆盖", subtitle="每格", source="来源：测试", lang=lang)


BUILDERS = {"ranking": _ranking, "lines": _lines, "target": _target, "timeline": _timeline, "coverage": _coverage}


@pytest.mark.parametrize("name", list(BUILDERS))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_figure_carries_title_subtitle_and_source(ds, name, lang):
    _, fig = BUILDERS[name](ds, lang)
    assert fig.layout.title.text and "<b>" in fig.layout.title.text
    assert fig.layout.title.subtitle.text
    src = _annotation(fig, "source")
    assert len(src) == 1 and "来源" in src[0].text
    # the source line is drawn inside the figure: below the plot, within the bottom margin
    assert src[0].yref == "paper" and src[0].y == 0 and src[0].yshift < 0
    assert abs(src[0].yshift) < fig.layout.margin.b
    assert fig.layout.font.family.startswith("Noto Sans CJK SC")
    assert fig.layout.paper_bgcolor == "white"


@pytest.mark.parametrize("name, expected_traces", [
    # timeline: one trace per kind in each unit panel (亿元 actual/target, % actual/change, 个 actual/target, index,
    # 家, ranks); coverage: accepted, added, unreviewed
    ("ranking", 1), ("lines", 3), ("target", 2), ("timeline", 10), ("coverage", 3),
])
def test_trace_counts(ds, name, expected_traces):
    _, fig = BUILDERS[name](ds)
    assert len(fig.data) == expected_traces


@pytest.mark.parametrize("name", list(BUILDERS))
def test_customdata_carries_fact_ids(ds, name):
    _, fig = BUILDERS[name](ds)
    ids = set(ds.facts["fact_id"])
    seen = [cd[0] for tr in fig.data for cd in (tr.customdata or []) if cd[0]]
    assert seen, "no clickable points"
    assert set(seen) <= ids


def test_ranking_orders_values_and_labels_units(ds):
    vals, fig = _ranking(ds)
    bar = fig.data[0]
    assert bar.type == "bar" and bar.orientation == "h"
    assert list(bar.x) == sorted(bar.x)  # largest on top (last)
    assert bar.y[-1] == "广东省"
    assert any("≥51,000亿元" in t for t in bar.text)  # qualifier and unit on the label
    # unreviewed facts are hatched; without any, no pattern is set at all (plotly.js would build one)
    n_unreviewed = (vals.df["status"] == "unreviewed").sum()
    shapes = list(bar.marker.pattern.shape or [])
    assert shapes.count("/") == n_unreviewed and (bool(shapes) == bool(n_unreviewed))


@pytest.mark.parametrize("labels", [["广东省", "粤港澳大湾区"], ["Guangdong", "Yangtze River Delta (WWW)"]])
def test_ranking_left_margin_fits_the_longest_label(labels):
    df = pd.DataFrame({"fact_id": ["a", "b"], "label": labels, "value": [1.0, 2.0], "period": ["2023", "2023"],
                       "status": ["accepted", "accepted"], "unit": ["亿元", "亿元"], "qualifier": ["", ""]})
    fig = F.make_ranking_figure(df, title="t", subtitle="s", source="src", unit="亿元")
    longest_px = max(F._text_width(x) for x in labels) * F.LABEL_SIZE
    assert longest_px + 12 < fig.layout.margin.l < longest_px * 1.3 + 40


def test_ranking_one_region_shows_one_bar_and_a_note(ds):
    vals, fig = _ranking(ds, regions=["湖北省"])
    assert len(vals.df) == 1 and len(fig.data[0].x) == 1
    note = _annotation(fig, "note")
    assert note and "湖北省" in note[0].text and "无法比较" in note[0].text


def test_ranking_english_rescales_to_billions(ds):
    _, fig = _ranking(ds, lang="en")
    bar = fig.data[0]
    assert bar.y[-1] == "Guangdong"
    assert max(bar.x) == pytest.approx(6400.0)  # 64,000 亿元 = 6,400 bn yuan
    assert "6,400 bn yuan" in bar.text[-1]


@pytest.mark.parametrize("builder", [F.make_ranking_figure, F.make_lines_figure, F.make_actual_target_figure])
@pytest.mark.parametrize("df", [pd.DataFrame(), None])
def test_empty_input_gives_a_no_data_figure(builder, df):
    fig = builder(df, title="标题", subtitle="副标题", source="来源：测试", unit="亿元")
    assert _annotation(fig, "no_data") and _annotation(fig, "no_data")[0].text == "暂无数据"
    assert fig.layout.title.text == "<b>标题</b>"
    assert _annotation(fig, "source")


@pytest.mark.parametrize("builder", [F.make_timeline_figure, F.make_coverage_figure])
def test_empty_input_other_builders(builder):
    fig = builder(pd.DataFrame(), title="T", subtitle="S", source="Source: x", lang="en")
    assert _annotation(fig, "no_data")[0].text == "No data"


def test_empty_input_english_message():
    fig = F.make_ranking_figure(pd.DataFrame(), title="T", subtitle="S", source="Source", unit="", lang="en")
    assert _annotation(fig, "no_data")[0].text == "No data"


def test_data_text_is_escaped_for_plotly():
    df = pd.DataFrame({
        "fact_id": ["a1"], "region": ["<b>x</b>"], "label": ['<a href="javascript:alert(1)">x</a>'],
        "value": [1.0], "period": ["2022"], "status": ["accepted"], "qualifier": [""],
    })
    fig = F.make_ranking_figure(df, title="<script>", subtitle="<img>", source="<a href='javascript:x'>",
                                unit="个")
    blob = fig.to_json()
    assert "<a href" not in blob and "<script>" not in blob and "<img>" not in blob
    assert "&lt;a href" in blob


def test_lines_labels_every_series_at_its_end(ds):
    df, fig = _lines(ds)
    labels = _annotation(fig, "end_label")
    assert len(labels) == df["region"].nunique()
    assert not fig.layout.showlegend


def test_lines_end_labels_do_not_overlap():
    df = pd.DataFrame({
        "fact_id": [f"f{i}" for i in range(6)], "region": [f"r{i}" for i in range(6)],
        "label": [f"地区{i}" for i in range(6)], "value": [100, 101, 102, 103, 104, 500],
        "period": ["2022"] * 6, "period_key": [2022123] * 6, "period_date": [pd.Timestamp("2022-12-31")] * 6,
        "status": ["accepted"] * 6, "qualifier": [""] * 6,
    })
    fig = F.make_lines_figure(df, title="T", subtitle="S", source="来源", unit="个")
    ys = sorted(a.y for a in _annotation(fig, "end_label"))
    gaps = [b - a for a, b in zip(ys, ys[1:], strict=False)]
    assert min(gaps) > 5  # spread apart (values were 1 apart)


def test_actual_vs_target_labels_progress(ds):
    df, fig = _target(ds)
    actual, target = fig.data
    assert actual.name == "最新实际值" and target.name == "目标值"
    hubei = list(actual.y).index("湖北省")
    assert "83%" in actual.text[hubei] and "2023年" in actual.text[hubei]
    assert "2025年目标" in target.text[hubei]


@pytest.mark.parametrize("period, expected", [
    ("2022", "2022-12-31"), ("2023-06", "2023-06-30"), ("2022-H1", "2022-06-30"), ("2021-Q3", "2021-09-30"),
])
def test_time_axis_uses_period_end_dates(period, expected):
    from dashboard.data import period_end

    assert str(period_end(period).date()) == expected


def test_summary_for_alt_text(ds):
    _, fig = _ranking(ds)
    s = F.figure_summary(fig)
    assert s.startswith("广东省 64,000亿元")


def test_frozen_figure_serialises_once_and_identically(ds):
    fig = F.make_ranking_figure(q.values_by_region(ds, "digital_economy_scale", "actual", None).df, title="t",
                                subtitle="s", source="src", unit="亿元")
    frozen = F.FrozenFigure(fig)
    first = frozen.to_dict()
    assert first == fig.to_dict()  # the same figure as the plain one
    assert frozen.to_dict() is first  # built once, not deep-copied on every call
    import json

    import plotly.io as pio

    assert json.loads(pio.to_json(frozen, validate=False)) == json.loads(pio.to_json(fig, validate=False))


def test_timeline_axis_spans_exactly_its_rows(ds):
    df = q.best_facts(ds.facts.loc[ds.facts["region"] == "湖北省"])
    fig = F.make_timeline_figure(df, title="t", subtitle="s", source="src")
    for axis in [k for k in fig.layout.to_plotly_json() if k.startswith("yaxis")]:
        yaxis = fig.layout[axis]
        rows = list(yaxis.categoryarray)
        ref = "y" + axis.removeprefix("yaxis")
        plotted = {y for tr in fig.data if tr.yaxis == ref for y in tr.y}
        assert set(rows) == plotted  # every row has a point, no empty category
        low, high = yaxis.range
        assert low == -0.6 and high == len(rows) - 0.4  # no padding rows


def test_timeline_groups_facts_by_unit(ds):
    """Issue 16: one panel per unit, so values of one unit sit together and a unit is never mixed in a row."""
    df = q.best_facts(ds.facts.loc[ds.facts["region"] == "湖北省"])
    fig = F.make_timeline_figure(df, title="t", subtitle="s", source="src")
    panels = [a.text for a in fig.layout.annotations if a.name == "panel"]
    assert panels[-1] == "<b>位次</b>" and "<b>单位：亿元</b>" in panels and "<b>单位：%</b>" in panels
    by_id = {str(f): (str(u) if str(k) != "rank" else "位") for f, u, k in zip(df["fact_id"], df["unit"], df["kind"],
                                                                               strict=True)}
    for tr in fig.data:
        units = {by_id[cd[0]] for cd in tr.customdata}
        assert len(units) == 1, f"a panel mixes units {units}"
    # only the latest value of a row is written beside it
    texts = [x for tr in fig.data for x in tr.text if x]
    rows = {y for tr in fig.data for y in tr.y}
    assert len(texts) == len(rows)


def test_ranking_marks_values_the_sources_disagree_on():
    import pandas as pd

    from dashboard.figures import CONFLICT_MARK, make_ranking_figure

    df = pd.DataFrame({"fact_id": ["a", "b"], "label": ["湖北省", "湖南省"], "region": ["湖北省", "湖南省"],
                       "value": [2.1, 1.5], "period": ["2022", "2022"], "status": ["accepted", "accepted"],
                       "qualifier": ["", ""], "unit": ["万亿元", "万亿元"], "kind": ["actual", "actual"],
                       "alternatives": ["1", "0"], "doc": ["x.txt", "y.txt"], "quote": ["q", "q"]})
    fig = make_ranking_figure(df, title="t", subtitle="s", source="来源：x", unit="万亿元")
    texts = list(fig.data[0].text)
    assert sum(CONFLICT_MARK in x for x in texts) == 1
    assert any(CONFLICT_MARK in (a.text or "") and "来源不一致" in a.text for a in fig.layout.annotations)
    plain = make_ranking_figure(df.assign(alternatives="0"), title="t", subtitle="s", source="来源：x", unit="万亿元")
    assert not any(CONFLICT_MARK in x for x in plain.data[0].text)
