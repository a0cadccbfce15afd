"""The briefing pack: an ordered list of chart specs, rendered as a 16:9 PPTX (python-pptx) or a PDF (kaleido's
vector PDF per chart, merged with pypdf). No Streamlit here: the pages, the CLI and the tests share it.

    python -m dashboard.pack --region 湖北省 -o brief.pptx
    python -m dashboard.pack --indicator base_stations_5g --regions 湖北省,河北省 -o brief.pdf

A ``ChartSpec`` names a view and its parameters (``progress``: region + indicator; ``targets``: indicator;
``fair``: indicator + measure; ``quadrant``: indicator; ``series``: region + indicator) and is rebuilt from the
dataset when the pack is rendered, or carries a built figure (view ``figure``: any chart of the app, added
with its fact ids). ``Pack.to_param`` / ``from_param`` put the rebuildable part in a URL parameter.

Every chart slide holds: the title as text; the chart as a 2× PNG whose title, unit, period and source line
are inside the image; the source line again as text, each article a hyperlink; speaker notes with each plotted
value's quote, article, date and fact id. Then a sources slide. Every text run gets an East Asian typeface
(``a:ea``) because python-pptx has no API for it and Chinese falls back to a Latin font outside Windows
PowerPoint without it. The slide layouts come from dashboard/templates/pack.pptx
(scripts/build_pack_template.py).
"""

from __future__ import annotations

import argparse
import base64
import copy
import datetime as dt
import io
import json
import re
import sys
import unicodedata
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

import plotly.graph_objects as go

from dashboard import analysis as A
from dashboard import analyst_figures as AF
from dashboard import figures as F
from dashboard import queries
from dashboard.data import Dataset, sort_periods
from dashboard.i18n import fmt_period, fmt_value, kind_label, t, unit_label

TEMPLATE = Path(__file__).resolve().parent / "templates" / "pack.pptx"
EA_FONT = "Noto Sans CJK SC"
VIEWS = ("progress", "targets", "fair", "quadrant", "series", "figure")
IMAGE_WIDTH = 1200  # px of the figure; PNGs are rendered at scale 2 (2400 px wide)
IMAGE_SCALE = 2
PDF_PAD = 20  # px, see to_pdf
# In the PDF, Latin letters and digits come from a TrueType font: Chromium embeds the CJK font (CFF outlines) as
# Type 3 fonts whose ToUnicode maps some digits to nothing, so "5G" would be copied as "G".
PDF_FONT_FAMILY = "Liberation Sans, Arimo, Arial, " + F.FONT_FAMILY


# ---------------------------------------------------------------------------------------------------------
# the model
@dataclass
class ChartSpec:
    view: str
    params: dict = field(default_factory=dict)
    title: str = ""  # the slide title; empty: the chart's own title
    figure: dict | None = None  # view "figure" only: the figure as plotly JSON (kept in the session, not the URL)
    fact_ids: list[str] = field(default_factory=list)  # view "figure" only
    uid: str = field(default_factory=lambda: uuid.uuid4().hex[:10])  # stable widget keys while it is reordered

    def key(self) -> str:
        """Identity of the chart (not of its title): the same chart is not added twice."""
        if self.view == "figure":
            title = ((self.figure or {}).get("layout", {}).get("title") or {}).get("text", "")
            return json.dumps(["figure", title, sorted(self.fact_ids)], ensure_ascii=False)
        return json.dumps([self.view, self.params], ensure_ascii=False, sort_keys=True)


@dataclass
class Pack:
    items: list[ChartSpec] = field(default_factory=list)
    title: str = ""

    def add(self, spec: ChartSpec) -> bool:
        if any(s.key() == spec.key() for s in self.items):
            return False
        self.items.append(spec)
        return True

    def move(self, i: int, delta: int) -> None:
        j = i + delta
        if 0 <= i < len(self.items) and 0 <= j < len(self.items):
            self.items[i], self.items[j] = self.items[j], self.items[i]

    def remove(self, i: int) -> None:
        if 0 <= i < len(self.items):
            del self.items[i]

    def retitle(self, i: int, title: str) -> None:
        if 0 <= i < len(self.items):
            self.items[i].title = title.strip()

    def to_param(self) -> str:
        """The rebuildable items (not embedded figures) as a compact URL-safe string."""
        data = {"t": self.title, "i": [[s.view, s.params, s.title] for s in self.items if s.view != "figure"]}
        raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def from_param(cls, s: str) -> Pack:
        try:
            raw = base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))
            data = json.loads(raw.decode())
            items = [ChartSpec(view=str(v), params=dict(p), title=str(tt)) for v, p, tt in data.get("i", [])
                     if v in VIEWS and v != "figure"]
            return cls(items=items, title=str(data.get("t", "")))
        except (ValueError, TypeError, AttributeError):
            return cls()

    def to_dict(self) -> dict:
        return {"title": self.title, "items": [asdict(s) for s in self.items]}

    @classmethod
    def from_dict(cls, d: dict) -> Pack:
        return cls(items=[ChartSpec(**s) for s in d.get("items", [])], title=str(d.get("title", "")))


@dataclass
class Built:
    """A chart ready for a slide: its figure, titles, and the facts (and articles) behind it."""

    title: str
    fig: go.Figure
    fact_ids: list[str]
    subtitle: str = ""
    source: str = ""


# ---------------------------------------------------------------------------------------------------------
# labels shared with the pages
def source_line(ds: Dataset, docs, lang: str = "zh") -> str:
    names = queries.source_names(ds, list(docs))
    if not names:
        return t("source_line", lang, sources="–")
    if len(names) <= 3:
        return t("source_line", lang, sources=("；" if lang == "zh" else "; ").join(names))
    return t("source_line_n", lang, n=len(names), first=names[0])


def unit_text(unit: str, lang: str = "zh", kind: str = "") -> str:
    if kind == "rank" or unit == "位":
        return "位次" if lang == "zh" else "rank"
    if unit == "":
        return "指数" if lang == "zh" else "index"
    if "/" in unit or unit.endswith("=100"):
        return AF.derived_unit_label(unit, lang)
    u = unit_label(unit, lang)
    return u or ("number" if lang == "en" else unit)


def docs_of(ds: Dataset, fact_ids) -> list[str]:
    f = ds.facts
    rows = f.loc[f["fact_id"].astype(str).isin(set(map(str, fact_ids)))]
    order = {fid: i for i, fid in enumerate(fact_ids)}
    rows = rows.assign(_o=rows["fact_id"].astype(str).map(order)).sort_values("_o")
    return list(dict.fromkeys(rows["doc"].astype(str)))


def fact_ids_of(fig: go.Figure, known=None) -> list[str]:
    """The fact ids a figure plots: ``customdata[0]`` of its points (kept if in ``known``, when given)."""
    out = []
    for tr in fig.data:
        cd = getattr(tr, "customdata", None)
        if cd is None:
            continue
        for row in cd:
            first = row[0] if isinstance(row, (list, tuple)) or hasattr(row, "__len__") and not isinstance(row, str) \
                else row
            if first:
                out.append(str(first))
    out = list(dict.fromkeys(out))
    return [x for x in out if x in known] if known is not None else out


def _span(periods: list[str], lang: str) -> str:
    return queries.period_span_label(sort_periods(periods), lang) or "–"


def measure_label(measure: str, lang: str = "zh") -> str:
    return t(f"measure_{measure}", lang)


# ---------------------------------------------------------------------------------------------------------
# chart builders (pure: dataset + parameters → figure)
def build_progress(ds: Dataset, region: str, indicator: str, lang: str = "zh", target_fact: str = "") -> Built | None:
    items = A.target_progress(ds.facts, region=region, indicator=indicator)
    if target_fact:
        items = [p for p in items if p.target_fact == target_fact] or items
    if not items:
        return None
    p = items[-1]
    name = queries.indicator_label(ds, indicator, lang, p.subject)
    title = t("progress_title", lang, region=queries.region_label(ds, region, lang), indicator=name)
    periods = [per for per, _, _ in p.series] + [p.target_period]
    sub = t("subtitle_unit_period", lang, unit=unit_text(p.unit if p.target_type != "share" else "%", lang),
            period=_span(periods, lang))
    src = source_line(ds, p.docs, lang)
    fig = AF.make_progress_figure(p, title=title, subtitle=sub, source=src, lang=lang)
    return Built(title=title, fig=fig, fact_ids=list(p.fact_ids), subtitle=sub, source=src)


def build_targets(ds: Dataset, indicator: str, lang: str = "zh", regions=None) -> Built | None:
    items = A.target_progress(ds.facts, indicator=indicator, regions=regions)
    latest: dict[str, A.Progress] = {}
    for p in items:  # one target per region: the furthest
        latest[p.region] = p
    items = list(latest.values())
    if not items:
        return None
    name = queries.indicator_label(ds, indicator, lang)
    title = t("targets_title", lang, indicator=name)
    labels = {p.region: queries.region_label(ds, p.region, lang) for p in items}
    periods = [p.latest_period for p in items] + [p.target_period for p in items]
    unit = "个百分点/年" if items[0].rate_unit == "pp/yr" else "%/年"
    if lang == "en":
        unit = "pp a year" if items[0].rate_unit == "pp/yr" else "% a year"
    sub = t("subtitle_unit_period", lang, unit=unit, period=_span(periods, lang))
    ids = [f for p in items for f in p.fact_ids]
    src = source_line(ds, docs_of(ds, ids), lang)
    fig = AF.make_targets_figure(items, labels, title=title, subtitle=sub, source=src, lang=lang)
    return Built(title=title, fig=fig, fact_ids=list(dict.fromkeys(ids)), subtitle=sub, source=src)


MISSING_WHAT = {"per_capita": "what_population", "gdp_share": "what_gdp", "index": "what_base"}


def build_fair(ds: Dataset, indicator: str, measure: str = "total", lang: str = "zh", regions=None,
               base: str | None = None, log: bool = False, chart: str = "bar", kind: str = "actual") -> Built | None:
    if regions is None:
        regions = [r for r in queries.regions_with_data(ds) if ds.regions.get(r, {}).get("level") == "province"]
    df = A.derive(ds.facts, indicator, measure, regions=regions, latest=(chart == "bar"), base_period=base, kind=kind)
    if df.empty:
        return None
    df["label"] = [queries.region_label(ds, r, lang) for r in df["region"]]
    unit = str(df["unit"].iloc[0])
    name = queries.indicator_label(ds, indicator, lang)
    mlabel = measure_label(measure, lang)
    title = t("fair_title", lang, indicator=name, measure=mlabel if lang == "zh" else mlabel[0].lower() + mlabel[1:])
    sub = t("subtitle_unit_period", lang, unit=unit_text(unit, lang), period=_span(list(df["period"]), lang))
    missing = df.loc[df["value"].isna()]
    note = ""
    if not missing.empty:
        what = t(MISSING_WHAT.get(measure, "what_money"), lang)
        if measure == "gdp_share" and any("not money" in m for m in missing["missing"]):
            what = t("what_money", lang)
        names = list(dict.fromkeys(missing["label"].astype(str)))
        sep = "、" if lang == "zh" else ", "
        regions_txt = sep.join(names)
        if len(names) > 4:  # the note sits above the plot: name a few, count the rest
            regions_txt = t("fair_missing_more", lang, first=sep.join(names[:3]), n=len(names), more=len(names) - 3)
        note = t("fair_missing_note", lang, regions=regions_txt, what=what)
    ids = [f for fs in df["fact_ids"] for f in fs]
    src = source_line(ds, docs_of(ds, ids), lang)
    fig = AF.make_fair_figure(df, title=title, subtitle=sub, source=src, unit=unit, lang=lang, log=log, chart=chart,
                              missing_note=note)
    return Built(title=title, fig=fig, fact_ids=list(dict.fromkeys(ids)), subtitle=sub, source=src)


def build_quadrant(ds: Dataset, indicator: str, lang: str = "zh", regions=None, log: bool = False) -> Built | None:
    if regions is None:
        regions = [r for r in queries.regions_with_data(ds) if ds.regions.get(r, {}).get("level") == "province"]
    df = A.growth_vs_level(ds.facts, indicator, regions=regions)
    if df.empty:
        return None
    df["label"] = [queries.region_label(ds, r, lang) for r in df["region"]]
    unit = str(df["unit"].iloc[0])
    name = queries.indicator_label(ds, indicator, lang)
    title = t("quadrant_title", lang, indicator=name)
    sub = t("subtitle_unit_period", lang, unit=unit_text(unit, lang), period=_span(list(df["period"]), lang)) \
        + ("；" if lang == "zh" else "; ") + t("quadrant_median", lang)
    ids = [f for fs in df["fact_ids"] for f in fs]
    src = source_line(ds, docs_of(ds, ids), lang)
    fig = AF.make_quadrant_figure(df, title=title, subtitle=sub, source=src, unit=unit, lang=lang, log=log)
    return Built(title=title, fig=fig, fact_ids=list(dict.fromkeys(ids)), subtitle=sub, source=src)


def build_series(ds: Dataset, region: str, indicator: str, lang: str = "zh") -> Built | None:
    """One region, one indicator: its progress to target when it has one, else its actual values over time."""
    built = build_progress(ds, region, indicator, lang)
    if built is not None:
        return built
    df = queries.series(ds, indicator, "actual", [region], lang)
    if df.empty:
        return None
    name = queries.indicator_label(ds, indicator, lang)
    title = f"{queries.region_label(ds, region, lang)}·{name}" if lang == "zh" else f"{queries.region_label(ds, region, lang)} · {name}"
    unit = queries.dominant_unit(df)
    sub = t("subtitle_unit_period", lang, unit=unit_text(unit, lang), period=_span(list(df["period"].astype(str)), lang))
    src = source_line(ds, df["doc"].astype(str), lang)
    if len(df) == 1:
        fig = F.make_ranking_figure(df, title=title, subtitle=sub, source=src, unit=unit, lang=lang,
                                    note=fmt_period(str(df["period"].iloc[0]), lang))
    else:
        fig = F.make_lines_figure(df, title=title, subtitle=sub, source=src, unit=unit, lang=lang)
    return Built(title=title, fig=fig, fact_ids=list(df["fact_id"].astype(str)), subtitle=sub, source=src)


def build_chart(ds: Dataset, spec: ChartSpec, lang: str = "zh") -> Built | None:
    p = spec.params
    if spec.view == "figure":
        if not spec.figure:
            return None
        fig = go.Figure(copy.deepcopy(spec.figure))
        title = spec.title or _plain(((spec.figure.get("layout") or {}).get("title") or {}).get("text", ""))
        known = set(ds.facts["fact_id"].astype(str))
        ids = [i for i in (spec.fact_ids or fact_ids_of(fig)) if i in known]
        return Built(title=title, fig=fig, fact_ids=ids, source=source_line(ds, docs_of(ds, ids), lang))
    builders = {
        "progress": lambda: build_progress(ds, p["region"], p["indicator"], lang, p.get("target_fact", "")),
        "targets": lambda: build_targets(ds, p["indicator"], lang, p.get("regions")),
        "fair": lambda: build_fair(ds, p["indicator"], p.get("measure", "total"), lang, p.get("regions"),
                                   p.get("base"), bool(p.get("log")), p.get("chart", "bar"), p.get("kind", "actual")),
        "quadrant": lambda: build_quadrant(ds, p["indicator"], lang, p.get("regions"), bool(p.get("log"))),
        "series": lambda: build_series(ds, p["region"], p["indicator"], lang),
    }
    if spec.view not in builders:
        return None
    try:
        built = builders[spec.view]()
    except KeyError:  # a spec without its parameters (an edited URL)
        return None
    if built is not None and spec.title:
        built.title = spec.title
    return built


def _plain(s: str) -> str:
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", str(s)))


# ---------------------------------------------------------------------------------------------------------
# packs the CLI makes
def region_pack(ds: Dataset, region: str, lang: str = "zh") -> Pack:
    """A region's profile: one chart per catalogue indicator with an actual value (targets as progress)."""
    f = ds.facts
    mine = f.loc[(f["region"].astype(str) == region) & (f["kind"].astype(str) == "actual")
                 & (f["indicator"].astype(str) != "other")]
    inds = list(dict.fromkeys(mine["indicator"].astype(str)))
    name = queries.region_label(ds, region, lang)
    pack = Pack(title=f"{name}{t('pack_default_title', lang)}" if lang == "zh" else f"{name}: {t('pack_default_title', lang)}")
    for ind in sorted(inds, key=lambda i: queries.indicator_options(ds).index(i) if i in queries.indicator_options(ds) else 999):
        pack.add(ChartSpec("series", {"region": region, "indicator": ind}))
    return pack


def indicator_pack(ds: Dataset, indicator: str, regions: list[str], lang: str = "zh") -> Pack:
    name = queries.indicator_label(ds, indicator, lang)
    pack = Pack(title=f"{name}：{t('pack_default_title', lang)}" if lang == "zh" else f"{name}: {t('pack_default_title', lang)}")
    pack.add(ChartSpec("fair", {"indicator": indicator, "measure": "total", "regions": regions, "chart": "bar"}))
    pack.add(ChartSpec("fair", {"indicator": indicator, "measure": "total", "regions": regions, "chart": "line"}))
    if A.target_progress(ds.facts, indicator=indicator, regions=regions):
        pack.add(ChartSpec("targets", {"indicator": indicator, "regions": regions}))
    gv = A.growth_vs_level(ds.facts, indicator, regions=regions)
    if gv["growth"].notna().sum() >= 2:
        pack.add(ChartSpec("quadrant", {"indicator": indicator, "regions": regions}))
    return pack


# ---------------------------------------------------------------------------------------------------------
# rendering
def _render(fig: go.Figure, fmt: str, width: int, height: int, scale: float = 1) -> bytes:
    """kaleido through dashboard.export's warm chromium (PNG or vector PDF)."""
    from dashboard import export

    export._require_browser()
    spec = copy.deepcopy(fig.to_dict())
    opts = {"format": fmt, "width": width, "height": height, "scale": scale}
    try:
        return export._warm.render(spec, opts)
    except Exception:  # noqa: BLE001 - a wedged browser: one retry with a fresh one, as figure_to_png does
        export._warm.close()
        return export._render_fresh(spec, opts)


def _fig_height(fig: go.Figure) -> int:
    return int(fig.layout.height or round(IMAGE_WIDTH * 0.5625))


def fact_notes(ds: Dataset, fact_ids: list[str], lang: str = "zh", limit: int = 60) -> list[str]:
    """One line per plotted value: region · indicator · period: value — “quote” — article, source, date — fact id."""
    f = ds.facts
    rows = f.loc[f["fact_id"].astype(str).isin(set(fact_ids))]
    order = {fid: i for i, fid in enumerate(fact_ids)}
    rows = rows.assign(_o=rows["fact_id"].astype(str).map(order)).sort_values("_o").head(limit)
    out = []
    for _, r in rows.iterrows():
        art = ds.articles.get(str(r["doc"])) or {}
        value = fmt_value(r["value"], str(r["unit"]), str(r.get("qualifier", "")), lang, str(r["kind"]))
        head = (f"{queries.region_label(ds, str(r['region']), lang)} · "
                f"{queries.indicator_label(ds, str(r['indicator']), lang, str(r.get('subject', '')))} · "
                f"{fmt_period(str(r['period']), lang)} · {kind_label(str(r['kind']), lang)}: {value}")
        where = " · ".join(x for x in (str(art.get("title") or r["doc"]), str(art.get("source") or ""),
                                       str(art.get("date") or ""), queries.safe_url(art.get("url"))) if x)
        out.append(f"{head}\n“{r['quote']}”\n{where} · fact_id {r['fact_id']}")
    return out


def _articles(ds: Dataset, docs) -> list[tuple[str, str]]:
    """(label, url) per article: '湖北日报 2023-02《湖北：数字经济跑出加速度》'."""
    out = []
    for d in dict.fromkeys(docs):
        a = ds.articles.get(d) or {}
        label = " ".join(x for x in (str(a.get("source") or ""), str(a.get("date") or "")) if x)
        title = str(a.get("title") or d)
        out.append((f"{label}《{title}》" if label else f"《{title}》", queries.safe_url(a.get("url"))))
    return out


def set_ea_font(root, typeface: str = EA_FONT) -> int:
    """Give every run (``a:r``) under ``root`` an East Asian typeface; returns how many runs were touched."""
    from pptx.oxml.ns import qn

    after = {qn(x) for x in ("a:cs", "a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst")}
    n = 0
    for r in root.iter(qn("a:r")):
        rpr = r.find(qn("a:rPr"))
        if rpr is None:
            rpr = r.makeelement(qn("a:rPr"), {})
            r.insert(0, rpr)
        ea = rpr.find(qn("a:ea"))
        if ea is None:
            ea = rpr.makeelement(qn("a:ea"), {})
            nxt = next((c for c in rpr if c.tag in after), None)
            if nxt is None:
                rpr.append(ea)
            else:
                nxt.addprevious(ea)
        ea.set("typeface", typeface)
        n += 1
    return n


def _layout(prs, name: str):
    return next(lay for lay in prs.slide_layouts if lay.name == name)


def to_pptx(ds: Dataset, pack: Pack, lang: str = "zh", *, today: dt.date | None = None) -> bytes:
    """The pack as a 16:9 PPTX (bytes). Charts that cannot be built (data gone) are skipped."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Emu, Pt

    prs = Presentation(str(TEMPLATE))
    sw, sh = prs.slide_width, prs.slide_height
    margin = Emu(457200)
    built = [b for b in (build_chart(ds, s, lang) for s in pack.items) if b is not None]
    today = today or dt.date.today()
    deck_title = pack.title or t("pack_default_title", lang)

    s = prs.slides.add_slide(_layout(prs, "Title Slide"))
    s.shapes.title.text = deck_title
    s.placeholders[1].text = (t("pack_made_by", lang, date=today.isoformat()) + "\n"
                              + t("pack_count", lang, n=len(built)))

    all_docs: list[str] = []
    for b in built:
        slide = prs.slides.add_slide(_layout(prs, "Title Only"))
        slide.shapes.title.text = b.title
        for run in slide.shapes.title.text_frame.paragraphs[0].runs:  # run level: PowerPoint ignores pPr/defRPr
            run.font.size = Pt(24 if len(b.title) < 30 else 20)
        h = _fig_height(b.fig)
        png = _render(b.fig, "png", IMAGE_WIDTH, h, IMAGE_SCALE)
        top, bottom_band = Emu(1188720), Emu(594360)  # 1.3 in below the title rule; 0.65 in for the source text
        box_w, box_h = sw - 2 * margin, sh - top - bottom_band
        ratio = min(box_w / IMAGE_WIDTH, box_h / h)
        pw, ph = int(IMAGE_WIDTH * ratio), int(h * ratio)
        slide.shapes.add_picture(io.BytesIO(png), int((sw - pw) / 2), top, pw, ph)
        docs = docs_of(ds, b.fact_ids)
        all_docs.extend(docs)
        tb = slide.shapes.add_textbox(margin, sh - bottom_band + Emu(45720), sw - 2 * margin, Emu(457200))
        tf = tb.text_frame
        tf.word_wrap = True
        para = tf.paragraphs[0]
        lead = para.add_run()
        lead.text = "来源：" if lang == "zh" else "Sources: "
        lead.font.size = Pt(11)
        lead.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
        for k, (label, url) in enumerate(_articles(ds, docs)):
            if k:
                sep = para.add_run()
                sep.text = "；" if lang == "zh" else "; "
                sep.font.size = Pt(11)
            run = para.add_run()
            run.text = label
            run.font.size = Pt(11)
            if url:
                run.hyperlink.address = url
        notes = slide.notes_slide.notes_text_frame
        lines = [t("pack_notes_header", lang)] + fact_notes(ds, b.fact_ids, lang)
        notes.text = "\n\n".join(lines)

    s = prs.slides.add_slide(_layout(prs, "Title Only"))
    s.shapes.title.text = t("pack_sources", lang)
    for run in s.shapes.title.text_frame.paragraphs[0].runs:
        run.font.size = Pt(24)
    tb = s.shapes.add_textbox(margin, Emu(1280160), sw - 2 * margin, sh - Emu(1280160) - margin)
    tf = tb.text_frame
    tf.word_wrap = True
    for k, (label, url) in enumerate(_articles(ds, all_docs)):
        para = tf.paragraphs[0] if k == 0 else tf.add_paragraph()
        run = para.add_run()
        run.text = label + (f"  {url}" if url else "")
        run.font.size = Pt(14)
        if url:
            run.hyperlink.address = url
    note = tf.add_paragraph()
    r = note.add_run()
    r.text = t("source_line", lang, sources="…").split("。")[-1] if lang == "zh" else "Compiled by the Regional Digital Economy Dashboard"
    r.font.size = Pt(12)
    r.font.color.rgb = RGBColor(0x55, 0x55, 0x55)

    for slide in prs.slides:
        set_ea_font(slide.shapes._spTree)
        if slide.has_notes_slide:
            set_ea_font(slide.notes_slide.shapes._spTree)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _text_page(lines: list[tuple[str, int, str, str]], *, height: int = 675) -> go.Figure:
    """A page of text drawn by plotly (so kaleido's PDF embeds the CJK font and the text stays selectable).
    lines: (text, size, colour, url)."""
    fig = go.Figure()
    y = 0.88
    links = []  # Chromium does not keep SVG links in its PDF: to_pdf adds link annotations at these places
    for text, size, color, url in lines:
        shown = F.esc(text)
        if url:
            shown = f'<a href="{F.esc(url)}">{shown}</a>'
            links.append({"y": y, "size": size, "url": url, "em": F._text_width(text)})
        fig.add_annotation(text=shown, x=0.04, y=y, xref="paper", yref="paper", xanchor="left", yanchor="top",
                           showarrow=False, align="left", font=dict(size=size, color=color, family=F.FONT_FAMILY))
        y -= (size * 1.9) / height
    fig.update_layout(template="simple_white", width=IMAGE_WIDTH, height=height, margin=dict(l=0, r=0, t=0, b=0),
                      xaxis=dict(visible=False), yaxis=dict(visible=False), paper_bgcolor="white",
                      plot_bgcolor="white", font=dict(family=F.FONT_FAMILY), meta={"links": links})
    return fig


def _add_links(writer, page_index: int, fig: go.Figure, height: int) -> None:
    """Link annotations over the linked lines of a text page (1 px = 0.75 pt; 0.1 in page margin)."""
    from pypdf.annotations import Link

    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    page_h = float(writer.pages[page_index].mediabox.height)
    for link in meta.get("links", []):
        top = (1 - link["y"]) * height * 0.75 + 7.2
        x0 = 0.04 * IMAGE_WIDTH * 0.75 + 7.2
        x1 = x0 + link["em"] * link["size"] * 0.75 * 1.05
        rect = (x0, page_h - top - link["size"] * 0.75 * 1.4, x1, page_h - top)
        writer.add_annotation(page_number=page_index, annotation=Link(rect=rect, url=link["url"]))


def to_pdf(ds: Dataset, pack: Pack, lang: str = "zh", *, today: dt.date | None = None) -> bytes:
    """The pack as one PDF: a title page, one vector page per chart (kaleido), a sources page (pypdf merge)."""
    from pypdf import PdfReader, PdfWriter

    built = [b for b in (build_chart(ds, s, lang) for s in pack.items) if b is not None]
    today = today or dt.date.today()
    deck_title = pack.title or t("pack_default_title", lang)
    pages = [_text_page([(deck_title, 34, F.INK, ""), ("", 12, F.INK, ""),
                         (t("pack_made_by", lang, date=today.isoformat()), 18, F.MUTED, ""),
                         (t("pack_count", lang, n=len(built)), 18, F.MUTED, "")] +
                        [(f"{i + 1}. {b.title}", 16, F.INK, "") for i, b in enumerate(built[:14])] +
                        ([(t("pack_more", lang, n=len(built) - 14), 16, F.MUTED, "")] if len(built) > 14 else []))]
    all_docs: list[str] = []
    for b in built:
        fig = go.Figure(b.fig)
        if b.title != _plain(fig.layout.title.text or ""):  # a retitled chart: the new title goes into the image
            fig.update_layout(title_text=f"<b>{F.esc(b.title)}</b>")
        pages.append(fig)
        all_docs.extend(docs_of(ds, b.fact_ids))
    arts = _articles(ds, all_docs)
    src_lines = [(t("pack_sources", lang), 28, F.INK, ""), ("", 10, F.INK, "")]
    src_lines += [(label, 15, F.BAR if url else F.INK, url) for label, url in arts[:20]]
    pages.append(_text_page(src_lines, height=max(675, 140 + 30 * len(arts[:20]))))
    writer = PdfWriter()
    for fig in pages:
        # kaleido prints with 0.1 in (≈10 px) page margins on every side but sizes the page to the figure, so the
        # right and bottom 19 px would be cut (the source line): add that much blank margin to the figure
        h = _fig_height(fig)
        m = fig.layout.margin
        fig = go.Figure(fig).update_layout(margin=dict(r=(m.r if m.r is not None else 80) + PDF_PAD,
                                                       b=(m.b if m.b is not None else 80) + PDF_PAD),
                                           font_family=PDF_FONT_FAMILY)
        fig.update_annotations(font_family=PDF_FONT_FAMILY)
        pdf = _render(fig, "pdf", IMAGE_WIDTH + PDF_PAD, h + PDF_PAD)
        writer.append(PdfReader(io.BytesIO(pdf)))
        _add_links(writer, len(writer.pages) - 1, fig, h)
    fix_cjk_to_unicode(writer)
    writer.add_metadata({"/Title": deck_title, "/Creator": t("app_title", lang)})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


_RADICAL = re.compile(r"<(2[EF][0-9A-F]{2})>", re.IGNORECASE)


def fix_cjk_to_unicode(writer) -> int:
    """Map Kangxi radicals back to the ideographs in the fonts' ToUnicode tables; returns how many were fixed.

    Noto Sans CJK draws 月 and the radical ⽉ (U+2F49) with one glyph, and Chromium's PDF backend names each
    glyph by the lowest code point that maps to it, so 月, 子, 工 … would be copied (and searched) as radicals.
    NFKC folds every Kangxi / supplementary radical to its ideograph.
    """
    from pypdf.generic import NameObject

    fixed = 0
    seen = set()
    for page in writer.pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for ref in fonts.values():
            font = ref.get_object()
            tu = font.get(NameObject("/ToUnicode"))
            if tu is None or id(tu.get_object()) in seen:
                continue
            stream = tu.get_object()
            seen.add(id(stream))
            data = stream.get_data().decode("latin-1")

            def repl(m: re.Match) -> str:
                nonlocal fixed
                ch = chr(int(m.group(1), 16))
                norm = unicodedata.normalize("NFKC", ch)
                if len(norm) == 1 and norm != ch:
                    fixed += 1
                    return f"<{ord(norm):04X}>"
                return m.group(0)

            new = _RADICAL.sub(repl, data)
            if new != data:
                stream.set_data(new.encode("latin-1"))
    return fixed


def render(ds: Dataset, pack: Pack, fmt: str, lang: str = "zh") -> bytes:
    if fmt == "pptx":
        return to_pptx(ds, pack, lang)
    if fmt == "pdf":
        return to_pdf(ds, pack, lang)
    raise ValueError(f"unknown format {fmt!r}: pptx or pdf")


# ---------------------------------------------------------------------------------------------------------
# command line
def main(argv: list[str] | None = None) -> int:
    from dashboard.data import DatasetError, data_dir, parse_dataset

    ap = argparse.ArgumentParser(prog="python -m dashboard.pack", description=__doc__.split("\n\n")[0])
    ap.add_argument("--region", help="a region's profile pack: one slide per indicator with data")
    ap.add_argument("--indicator", help="an indicator across --regions")
    ap.add_argument("--regions", help="comma-separated regions (with --indicator); default: every province")
    ap.add_argument("-o", "--output", required=True, help="brief.pptx or brief.pdf: the suffix picks the format")
    ap.add_argument("--lang", choices=["zh", "en"], default="zh")
    ap.add_argument("--title", default="", help="deck title")
    ap.add_argument("--data-dir", default=None, help="dataset folder (default: DASHBOARD_DATA_DIR or data/)")
    args = ap.parse_args(argv)
    out = Path(args.output)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in ("pptx", "pdf"):
        ap.error(f"-o must end in .pptx or .pdf, not {out.suffix or '(no suffix)'}")
    if bool(args.region) == bool(args.indicator):
        ap.error("give exactly one of --region or --indicator")
    try:
        ds = parse_dataset(args.data_dir or data_dir())
    except DatasetError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    if args.region:
        if args.region not in set(ds.facts["region"].astype(str)):
            print(f"error: no facts for region {args.region!r}", file=sys.stderr)
            return 2
        pack = region_pack(ds, args.region, args.lang)
    else:
        if args.indicator not in set(ds.facts["indicator"].astype(str)):
            print(f"error: no facts for indicator {args.indicator!r}", file=sys.stderr)
            return 2
        regions = [r.strip() for r in args.regions.split(",") if r.strip()] if args.regions else None
        if regions is None:
            regions = [r for r in queries.regions_with_data(ds) if ds.regions.get(r, {}).get("level") == "province"]
        pack = indicator_pack(ds, args.indicator, regions, args.lang)
    if args.title:
        pack.title = args.title
    if not pack.items:
        print("error: nothing to chart for that choice", file=sys.stderr)
        return 1
    data = render(ds, pack, fmt, args.lang)
    out.write_bytes(data)
    print(f"wrote {out} ({len(pack.items)} charts, {len(data):,} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
