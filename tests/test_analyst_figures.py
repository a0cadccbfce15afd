"""Unit tests of the analyst figure builders (dashboard/analyst_figures.py): title, subtitle and source inside
every figure; the progress chart's dashed path and required-vs-achieved badge; missing values named, not drawn;
log scale only when asked; the quadrant's medians, quadrant labels and regions without growth; fact ids in
customdata (click-to-quote and the pack's speaker notes)."""

from __future__ import annotations

import pytest

from dashboard import analysis as A
from dashboard import analyst_figures as AF
from dashboard.data import parse_dataset
from tests.conftest import FIXTURE_DATASET


@pytest.fixture(scope="module")
def ds():
    return parse_dataset(FIXTURE_DATASET)


def named(fig, name):
    return [a.text for a in fig.layout.annotations if a.name == name]


def _progress(ds, lang):
    [p] = A.target_progress(ds.facts, region="湖北省", indicator="base_stations_5g")
    return AF.make_progress_figure(p, title="进度", subtitle="单位：个", source="来源：测试", lang=lang)


def _targets(ds, lang):
    items = A.target_progress(ds.facts, indicator="digital_economy_scale")
    return AF.make_targets_figure(items, {}, title="目标", subtitle="年均", source="来源：测试", lang=lang)


def _fair(ds, lang, log=False, chart="bar"):
    df = A.derive(ds.facts, "digital_economy_scale", "index", base_period="2021", latest=(chart == "bar"),
                  regions=["湖北省", "浙江省", "海南省"])
    df["label"] = df["region"]
    return AF.make_fair_figure(df, title="指数", subtitle="2021=100", source="来源：测试", unit="2021=100", lang=lang,
                               log=log, chart=chart, missing_note="无数据：海南省")


def _quadrant(ds, lang, log=False):
    df = A.growth_vs_level(ds.facts, "digital_economy_scale",
                           regions=["湖北省", "浙江省", "广东省", "河北省", "湖南省", "四川省"])
    df["label"] = df["region"]
    return AF.make_quadrant_figure(df, title="规模与增速", subtitle="亿元", source="来源：测试", unit="亿元", lang=lang,
                                   log=log)


BUILDERS = {"progress": _progress, "targets": _targets, "fair": _fair, "quadrant": _quadrant}


@pytest.mark.parametrize("name", list(BUILDERS))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_title_subtitle_source_inside(ds, name, lang):
    fig = BUILDERS[name](ds, lang)
    assert fig.layout.title.text.startswith("<b>") and fig.layout.title.subtitle.text
    assert named(fig, "source") == ["来源：测试"]
    known = set(ds.facts["fact_id"])
    ids = [row[0] for tr in fig.data for row in (tr.customdata or []) if row[0]]
    assert ids and set(ids) <= known  # every clickable point leads to a fact


def test_progress_dashed_path_and_badge(ds):
    fig = _progress(ds, "zh")
    actual, path = fig.data
    assert actual.line.dash is None and path.line.dash == "dash"
    assert path.x[0] == actual.x[-1] and path.y[-1] == 100000  # from the latest actual to the target
    [badge] = named(fig, "progress_badge")
    assert "按当前增速可达成" in badge and "需年均增长 8.8%" in badge and "已实现年均 23.3%" in badge
    en = named(_progress(ds, "en"), "progress_badge")[0]
    assert "on track" in en and "needs 8.8% a year" in en


def test_targets_verdicts_per_region(ds):
    fig = _targets(ds, "zh")
    verdicts = dict(zip(fig.data[0].y, named(fig, "verdict"), strict=True))
    assert "进度落后" in verdicts["河北省"] and "按当前增速可达成" in verdicts["浙江省"]


def test_fair_missing_named_and_log_only_when_asked(ds):
    fig = _fair(ds, "zh")
    texts = dict(zip(fig.data[0].y, fig.data[0].text, strict=True))
    assert texts["海南省"] == "无数据" and texts["湖北省"] == "119.0"
    assert fig.data[0].marker.color[list(fig.data[0].y).index("海南省")] == "rgba(0,0,0,0)"  # no bar drawn
    assert fig.layout.xaxis.type != "log"
    assert _fair(ds, "zh", log=True).layout.xaxis.type == "log"
    line = _fair(ds, "zh", log=True, chart="line")
    assert line.layout.yaxis.type == "log" and any(s.y0 == 100 for s in line.layout.shapes)  # base = 100 line


def test_quadrant_medians_labels_and_missing_growth(ds):
    fig = _quadrant(ds, "zh")
    assert len(named(fig, "quadrant")) == 4
    assert any(s.line.dash == "dot" and s.line.width for s in fig.layout.shapes)  # medians, visible
    assert "四川省" in named(fig, "note")[0]  # one actual, no stated change: named, not placed
    assert "四川省" not in list(fig.data[0].text)
    assert _quadrant(ds, "zh", log=True).layout.xaxis.type == "log"


def test_log_ticks_are_1_2_5():
    assert AF.log_ticks(3, 4) == [1000, 2000, 5000, 10000]
