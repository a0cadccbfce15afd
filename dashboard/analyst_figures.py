"""Pure figure builders for the analyst views: progress to target, fair comparison (total / per capita / share
of GDP / index, linear or log), growth vs level quadrant. Same conventions as ``dashboard.figures``: title,
subtitle with unit and period and the source line inside the figure; ``customdata[0]`` is a fact id.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis import Progress
from dashboard.data import period_end
from dashboard.figures import (
    BAR,
    GRID,
    HIGHLIGHT,
    INK,
    LINE_COLORS,
    MUTED,
    OTHER_LINE,
    TARGET,
    _text_width,
    base_layout,
    empty_figure,
    esc,
)
from dashboard.figures import (
    _spread as F_spread,
)
from dashboard.i18n import display_factor, fmt_period, fmt_value, t, unit_label

STATUS_COLOR = {"on_track": "#009E73", "met": "#009E73", "behind": HIGHLIGHT, "missed": HIGHLIGHT,
                "unknown": MUTED}


def fmt_rate(r: float | None, rate_unit: str, lang: str = "zh") -> str:
    """0.153 → 15.3% (compound, per year); 2.3 → 2.3 (percentage points per year)."""
    if r is None or (isinstance(r, float) and math.isnan(r)):
        return t("rate_na", lang)
    if rate_unit == "pp/yr":
        return f"{r:+.1f}" if lang == "en" else f"{r:.1f}"
    return f"{r * 100:.1f}%"


def rate_lines(p: Progress, lang: str = "zh") -> tuple[str, str]:
    """('需年均增长 15.3%', '已实现年均 7.1%') for a target."""
    if p.rate_unit == "pp/yr":
        return (t("pp_required", lang, r=fmt_rate(p.required, p.rate_unit, lang)),
                t("pp_achieved", lang, r=fmt_rate(p.achieved, p.rate_unit, lang)))
    return (t("rate_required", lang, r=fmt_rate(p.required, p.rate_unit, lang)),
            t("rate_achieved", lang, r=fmt_rate(p.achieved, p.rate_unit, lang)))


def derived_unit_label(unit: str, lang: str = "zh") -> str:
    """Units of derived values: 元/人, 个/万人, % (of GDP), 2020=100."""
    if unit == "元/人":
        return t("unit_per_person", lang)
    if unit.endswith("/万人"):
        return t("unit_per_10k", lang, unit=unit_label(unit[:-3], lang) or ("number" if lang == "en" else unit[:-3]))
    if unit.endswith("=100"):
        return t("unit_index", lang, base=fmt_period(unit[:-4], lang))
    return unit_label(unit, lang)


def fmt_derived(v: float, unit: str, lang: str = "zh") -> str:
    """A derived value as a label: reported totals as usual (43.3%, 2.3万 …), ratios to one decimal."""
    if unit == "%" or unit.endswith("=100") or unit == "元/人" or unit.endswith("/万人"):
        num = f"{v:,.1f}" if abs(v) < 1e5 else f"{v:,.0f}"
        return f"{num}%" if unit == "%" else num
    return fmt_value(v, unit, "", lang)


def log_ticks(lo: float, hi: float) -> list[float]:
    """1-2-5 tick values between 10**lo and 10**hi (plotly's own log ticks crowd their labels)."""
    out = []
    for k in range(math.floor(lo), math.ceil(hi) + 1):
        for m in (1, 2, 5):
            v = m * 10 ** k
            if 10 ** lo <= v <= 10 ** hi:
                out.append(v)
    return out if len(out) >= 2 else [10 ** lo, 10 ** hi]


def _label_positions(xs: list[float], ys: list[float], xspan: float, yspan: float) -> list[str]:
    """Text positions for scatter labels: a label that would sit on a neighbour's goes below or to the side."""
    order = sorted(range(len(xs)), key=lambda i: (-ys[i], xs[i]))
    placed: list[tuple[float, float, str]] = []
    out = ["top center"] * len(xs)
    for i in order:
        for pos in ("top center", "bottom center", "middle right", "middle left"):
            clash = any(abs(xs[i] - x) < 0.07 * xspan and abs(ys[i] - y) < 0.09 * yspan and pos == q
                        for x, y, q in placed)
            if not clash:
                break
        out[i] = pos
        placed.append((xs[i], ys[i], pos))
    return out


# ---------------------------------------------------------------------------------------------------------
def make_progress_figure(p: Progress, *, title: str, subtitle: str, source: str, lang: str = "zh") -> go.Figure:
    """The actual series (solid), a dashed path from the latest actual to the target, the target marked, and an
    annotation with the growth per year required vs achieved and the on-track / behind verdict."""
    if p is None or not p.series:
        return empty_figure(title=title, subtitle=subtitle, source=source, lang=lang)
    f = display_factor(p.unit, lang) if p.target_type != "share" else 1.0
    xs = [period_end(per) for per, _, _ in p.series]
    ys = [v * f for _, v, _ in p.series]
    texts = [fmt_value(v, p.unit, "", lang) for _, v, _ in p.series]
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=xs, y=ys, mode="lines+markers+text", name=t("progress_actual", lang), line=dict(color=BAR, width=3),
        marker=dict(size=10, color=BAR, line=dict(width=1, color="white")),
        text=[esc(x) for x in texts], textposition="top center", textfont=dict(size=12, color=INK), cliponaxis=False,
        customdata=[[fid, esc(fmt_period(per, lang)), esc(tx)] for (per, _, fid), tx in zip(p.series, texts, strict=True)],
        hovertemplate="%{customdata[1]}：%{customdata[2]}<extra></extra>",
    ))
    t_end = period_end(p.target_period)
    year = fmt_period(p.target_period, lang)
    if p.projected is not None and t_end is not None and t_end > xs[-1]:
        proj = p.projected * f
        if p.target_type == "growth":
            label = t("progress_growth_label", lang, rate=f"{p.target_value:g}%",
                      value=fmt_value(p.projected, p.unit, "", lang))
        else:
            label = t("progress_target_label", lang, year=year,
                      value=fmt_value(p.projected, p.unit, p.target_qualifier, lang))
        fig.add_trace(go.Scatter(
            x=[xs[-1], t_end], y=[ys[-1], proj], mode="lines+markers+text", name=t("progress_path", lang),
            line=dict(color=TARGET, width=2.5, dash="dash"),
            marker=dict(size=[0, 14], symbol="diamond-open", color=TARGET, line=dict(width=2.5, color=TARGET)),
            text=["", esc(label)], textposition="top left", textfont=dict(size=12, color=INK), cliponaxis=False,
            customdata=[[p.series[-1][2], "", ""], [p.target_fact, esc(year), esc(label)]],
            hovertemplate="%{customdata[1]} %{customdata[2]}<extra></extra>",
        ))
    req, ach = rate_lines(p, lang)
    verdict = t(f"status_{p.status}", lang)
    color = STATUS_COLOR.get(p.status, MUTED)
    base_layout(fig, title=title, subtitle=subtitle, source=source, height=460, lang=lang)
    fig.add_annotation(
        name="progress_badge", xref="paper", yref="paper", x=0.01, y=0.99, xanchor="left", yanchor="top",
        text=f"<b>{esc(verdict)}</b><br>{esc(req)}<br>{esc(ach)}", showarrow=False, align="left",
        font=dict(size=13, color=INK), bordercolor=color, borderwidth=2, borderpad=6, bgcolor="rgba(255,255,255,0.92)",
    )
    all_y = ys + ([p.projected * f] if p.projected is not None else [])
    hi = max(all_y) if all_y else 1
    lo = min(all_y) if all_y else 0
    x_lo = xs[0] - pd.Timedelta(days=200)
    x_hi = max(xs[-1], t_end or xs[-1]) + pd.Timedelta(days=200)
    tick_periods = [per for per, _, _ in p.series] + ([p.target_period] if t_end is not None and t_end > xs[-1] else [])
    fig.update_xaxes(range=[x_lo, x_hi], tickvals=[period_end(x) for x in tick_periods],
                     ticktext=[fmt_period(x, lang) for x in tick_periods], showgrid=False, ticks="outside")
    # head-room above the highest point for its label and below the badge
    fig.update_yaxes(showgrid=True, gridcolor=GRID, tickformat=",~f",
                     range=[min(0, lo), hi * 1.35 if hi > 0 else 1], zeroline=True, zerolinecolor="#999")
    fig.update_layout(showlegend=False, margin=dict(r=40))
    return fig


def make_targets_figure(items: list[Progress], labels: dict[str, str], *, title: str, subtitle: str, source: str,
                        lang: str = "zh") -> go.Figure:
    """Across regions for one indicator: required vs achieved growth per year, one pair of bars per region,
    the verdict written beside each. Only targets of one rate unit (compound % or percentage points)."""
    items = [p for p in items if p.required is not None or p.achieved is not None]
    if not items:
        return empty_figure(title=title, subtitle=subtitle, source=source, lang=lang, message=t("targets_none", lang))
    scale = 1.0 if items[0].rate_unit == "pp/yr" else 100.0
    items = [p for p in items if p.rate_unit == items[0].rate_unit]
    items = sorted(items, key=lambda p: -(p.required if p.required is not None else -1e9))[::-1]
    names = [esc(labels.get(p.region, p.region)) for p in items]
    req = [p.required * scale if p.required is not None else None for p in items]
    ach = [p.achieved * scale if p.achieved is not None else None for p in items]
    fig = go.Figure()
    fig.add_trace(go.Bar(
        y=names, x=[v if v is not None else 0 for v in req], orientation="h", name=t("targets_required", lang),
        marker=dict(color="white", line=dict(color=TARGET, width=2), pattern=dict(shape="/", fgcolor=TARGET, size=6)),
        text=[fmt_rate(p.required, p.rate_unit, lang) for p in items], textposition="outside", cliponaxis=False,
        customdata=[[p.target_fact, esc(p.method)] for p in items], hovertemplate="%{customdata[1]}<extra></extra>",
    ))
    fig.add_trace(go.Bar(
        y=names, x=[v if v is not None else 0 for v in ach], orientation="h", name=t("targets_achieved", lang),
        marker=dict(color=BAR), text=[fmt_rate(p.achieved, p.rate_unit, lang) for p in items], textposition="outside",
        cliponaxis=False, customdata=[[p.series[-1][2], esc(p.method)] for p in items],
        hovertemplate="%{customdata[1]}<extra></extra>",
    ))
    vals = [v for v in req + ach if v is not None] or [1]
    vmax, vmin = max(vals + [0]), min(vals + [0])
    n = len(items)
    base_layout(fig, title=title, subtitle=subtitle, source=source, height=max(320, 96 + 64 + 70 * n + 60), lang=lang)
    for name, p in zip(names, items, strict=True):
        fig.add_annotation(name="verdict", x=1.0, xref="paper", xanchor="left", y=name, yref="y", showarrow=False,
                           text=f"<b>{esc(t('status_' + p.status, lang))}</b>", xshift=8,
                           font=dict(size=12, color=STATUS_COLOR.get(p.status, MUTED)))
    longest = max(_text_width(t("status_" + p.status, lang)) for p in items)
    label_px = max(_text_width(x) for x in names) * 13 * 1.08
    fig.update_layout(barmode="group", bargap=0.3, bargroupgap=0.08,
                      legend=dict(orientation="h", x=0, xanchor="left", y=1.0, yanchor="bottom"),
                      margin=dict(l=12 + math.ceil(label_px) + 8, r=int(30 + 13 * longest)))
    span = (vmax - vmin) or 1
    fig.update_xaxes(showgrid=True, gridcolor=GRID, ticksuffix="%" if scale == 100 else "", zeroline=True,
                     zerolinecolor="#999", range=[vmin - 0.05 * span if vmin < 0 else 0, vmax + 0.3 * span])
    fig.update_yaxes(automargin=False, ticks="", showline=False, categoryorder="array", categoryarray=names)
    return fig


# ---------------------------------------------------------------------------------------------------------
def make_fair_figure(df: pd.DataFrame, *, title: str, subtitle: str, source: str, unit: str, lang: str = "zh",
                     log: bool = False, chart: str = "bar", missing_note: str = "") -> go.Figure:
    """The derived values of ``analysis.derive`` (plus a ``label`` column) as ranked bars (one period) or
    lines (over periods). Missing values are named, not drawn: a bar chart writes "无数据" where the bar would be.
    ``unit`` is the derived unit (元/人, %, 2020=100 …); log scale only when asked (linear by default)."""
    if df is None or df.empty:
        return empty_figure(title=title, subtitle=subtitle, source=source, lang=lang)
    f = display_factor(unit, lang)
    miss = t("fair_missing", lang)
    if chart == "line":
        return _fair_lines(df, title=title, subtitle=subtitle, source=source, unit=unit, lang=lang, log=log,
                           missing_note=missing_note)
    df = df.assign(_v=df["value"].astype(float)).sort_values("_v", ascending=True, na_position="first", kind="stable")
    present = df["_v"].notna()
    if not present.any():  # nothing to draw: say what is missing instead of an empty axis
        return empty_figure(title=title, subtitle=subtitle, source=source, lang=lang,
                            message=missing_note or t("no_data", lang))
    texts = [fmt_derived(v, unit, lang) if ok else miss for v, ok in zip(df["_v"], present, strict=True)]
    xs = [v * f if ok else None for v, ok in zip(df["_v"], present, strict=True)]
    labels = [esc(x) for x in df["label"]]
    cd = [[str(ids[0]) if len(ids) else "", esc(m or r)] for ids, m, r in
          zip(df["fact_ids"], df["method"], df["missing"], strict=True)]
    fig = go.Figure(go.Bar(
        x=[x if x is not None else 0 for x in xs], y=labels, orientation="h",
        marker=dict(color=[BAR if ok else "rgba(0,0,0,0)" for ok in present], line=dict(width=0)),
        text=[esc(x) for x in texts], textposition="outside", cliponaxis=False,
        textfont=dict(size=12, color=[INK if ok else MUTED for ok in present]),
        customdata=cd, hovertemplate="%{y}<br>%{customdata[1]}<extra></extra>", name="",
    ))
    n = len(df)
    base_layout(fig, title=title, subtitle=subtitle, source=source, height=max(280, 96 + 64 + 30 * n + 40),
                note=missing_note, lang=lang)
    label_px = max(_text_width(v) for v in df["label"].astype(str)) * 13 * 1.08
    fig.update_layout(bargap=0.28, showlegend=False, margin=dict(l=12 + math.ceil(label_px) + 8))
    vals = [x for x in xs if x is not None]
    if log and vals and min(vals) > 0:
        lo, hi = math.log10(min(vals)), math.log10(max(vals))
        pad = max(0.15, (hi - lo) * 0.25)
        fig.update_xaxes(type="log", range=[lo - 0.3, hi + pad], showgrid=True, gridcolor=GRID,
                         tickvals=log_ticks(lo - 0.3, hi + pad), tickformat=",~f")
    else:
        vmax = max(vals) if vals else 1
        longest = max((_text_width(x) for x in texts), default=0)
        fig.update_xaxes(range=[0, vmax * (1.1 + 0.025 * longest) or 1], showgrid=True, gridcolor=GRID,
                         tickformat=",~f", zeroline=True, zerolinecolor="#999")
    if unit.endswith("=100") and vals:
        fig.add_vline(x=100, line_dash="dot", line_color=MUTED, line_width=1.5, opacity=0.8)
    fig.update_yaxes(automargin=False, ticks="", showline=False, tickfont=dict(size=13))
    return fig


def _fair_lines(df, *, title, subtitle, source, unit, lang, log, missing_note):
    f = display_factor(unit, lang)
    df = df.assign(_d=[period_end(p) for p in df["period"].astype(str)], _v=df["value"].astype(float) * f)
    last = df.dropna(subset=["_v"]).sort_values("_d").groupby("region", sort=False).tail(1)
    order = list(last.sort_values("_v", ascending=False)["region"]) + [
        r for r in dict.fromkeys(df["region"]) if r not in set(last["region"])]
    fig = go.Figure()
    ends = []
    for i, region in enumerate(order):
        d = df.loc[df["region"] == region].sort_values("_d")
        color = LINE_COLORS[i] if i < len(LINE_COLORS) else OTHER_LINE
        label = esc(d["label"].iloc[0])
        fig.add_trace(go.Scatter(
            x=d["_d"], y=d["_v"], mode="lines+markers", name=label, connectgaps=False,
            line=dict(color=color, width=2.5), marker=dict(size=8, color=color),
            customdata=[[str(ids[0]), esc(m or r)] for ids, m, r in zip(d["fact_ids"], d["method"], d["missing"],
                                                                         strict=True)],
            hovertemplate=f"{label}<br>%{{customdata[1]}}<extra></extra>",
        ))
        ok = d.dropna(subset=["_v"])
        if not ok.empty:
            ends.append((ok["_d"].iloc[-1], ok["_v"].iloc[-1],
                         f"{label} {esc(fmt_derived(ok['_v'].iloc[-1] / f, unit, lang))}", color))
    # end labels that share a date are pushed apart (in log space on a log axis) so they never print over each other
    use_log = log and all(e[1] > 0 for e in ends)
    ys_all = [math.log10(e[1]) if use_log else e[1] for e in ends]
    span = (max(ys_all) - min(ys_all)) if ys_all else 1
    vals_all = df["_v"].dropna()
    if not use_log and not vals_all.empty:
        span = max(span, float(vals_all.max()) - min(0.0, float(vals_all.min())))
    gap = (span or 1) * 16 / 300
    by_x: dict = {}
    for j, e in enumerate(ends):
        by_x.setdefault(e[0], []).append(j)
    for x, idx in by_x.items():
        for j, y in zip(idx, F_spread([ys_all[j] for j in idx], gap), strict=True):
            fig.add_annotation(x=x, y=y, text=ends[j][2], showarrow=False, xanchor="left", xshift=8,
                               font=dict(size=12, color=ends[j][3]), name="end_label")
    base_layout(fig, title=title, subtitle=subtitle, source=source, height=460, note=missing_note, lang=lang)
    periods = df.drop_duplicates("period").sort_values("_d")
    longest = max((_text_width(e[2]) for e in ends), default=8)
    fig.update_layout(showlegend=False, margin=dict(r=int(24 + 12 * longest)))
    fig.update_xaxes(tickvals=periods["_d"], ticktext=[fmt_period(p, lang) for p in periods["period"].astype(str)],
                     showgrid=False, ticks="outside")
    vals = df["_v"].dropna()
    if log and not vals.empty and vals.min() > 0:
        fig.update_yaxes(type="log", showgrid=True, gridcolor=GRID, tickformat=",~f",
                         tickvals=log_ticks(math.log10(vals.min()) - 0.1, math.log10(vals.max()) + 0.1))
    else:
        fig.update_yaxes(showgrid=True, gridcolor=GRID, tickformat=",~f", rangemode="tozero")
    if unit.endswith("=100"):
        fig.add_hline(y=100, line_dash="dot", line_color=MUTED, line_width=1.5, opacity=0.8)
    return fig


# ---------------------------------------------------------------------------------------------------------
def make_quadrant_figure(df: pd.DataFrame, *, title: str, subtitle: str, source: str, unit: str, lang: str = "zh",
                         log: bool = False) -> go.Figure:
    """Level (x) against growth per year (y) across regions, with median lines and the four quadrants named.

    df: ``analysis.growth_vs_level`` plus ``label``. Regions without a growth figure are named in a note."""
    if df is None or df.empty:
        return empty_figure(title=title, subtitle=subtitle, source=source, lang=lang)
    f = display_factor(unit, lang)
    ok = df.dropna(subset=["growth"])
    no = df.loc[df["growth"].isna()]
    note = t("quadrant_no_growth", lang, regions=("、" if lang == "zh" else ", ").join(no["label"].astype(str))) \
        if not no.empty else ""
    if ok.empty:
        return empty_figure(title=title, subtitle=subtitle, source=source, lang=lang, message=note)
    x = ok["level"].astype(float) * f
    y = ok["growth"].astype(float)
    xs_plot = [math.log10(v) if log and v > 0 else v for v in x]
    positions = _label_positions(xs_plot, list(y), (max(xs_plot) - min(xs_plot)) or 1, (y.max() - y.min()) or 1)
    fig = go.Figure(go.Scatter(
        x=x, y=y, mode="markers+text", text=[esc(v) for v in ok["label"]], textposition=positions,
        marker=dict(size=13, color=BAR, line=dict(width=1, color="white")), textfont=dict(size=12, color=INK),
        cliponaxis=False, name="",
        customdata=[[str(ids[0]), esc(m), esc(fmt_value(lv, unit, "", lang)), f"{g:.1f}%"] for ids, m, lv, g in
                    zip(ok["fact_ids"], ok["method"], ok["level"], ok["growth"], strict=True)],
        hovertemplate="%{text}<br>%{customdata[2]} · %{customdata[3]}<br>%{customdata[1]}<extra></extra>",
    ))
    mx, my = float(x.median()), float(y.median())
    fig.add_vline(x=mx, line_dash="dot", line_color=MUTED, line_width=1.5, opacity=0.8)
    fig.add_hline(y=my, line_dash="dot", line_color=MUTED, line_width=1.5, opacity=0.8)
    for key, (ax, ay, xa, ya) in {"quadrant_hi_hi": (0.99, 0.99, "right", "top"),
                                  "quadrant_lo_hi": (0.01, 0.99, "left", "top"),
                                  "quadrant_hi_lo": (0.99, 0.01, "right", "bottom"),
                                  "quadrant_lo_lo": (0.01, 0.01, "left", "bottom")}.items():
        fig.add_annotation(name="quadrant", text=esc(t(key, lang)), xref="paper", yref="paper", x=ax, y=ay,
                           xanchor=xa, yanchor=ya, showarrow=False, font=dict(size=12, color=MUTED))
    base_layout(fig, title=title, subtitle=subtitle, source=source, height=520, note=note, lang=lang, bottom=100)
    ulabel = unit_label(unit, lang) or unit
    fig.update_xaxes(title=dict(text=esc(t("quadrant_x", lang, unit=ulabel)), font=dict(size=12, color=MUTED)),
                     showgrid=True, gridcolor=GRID, tickformat=",~f", zeroline=False)
    if log and x.min() > 0:
        lo, hi = math.log10(x.min()), math.log10(x.max())
        fig.update_xaxes(type="log", range=[lo - 0.2, hi + 0.2], tickvals=log_ticks(lo - 0.2, hi + 0.2))
    else:
        span = (x.max() - x.min()) or x.max() or 1
        fig.update_xaxes(range=[max(0, x.min() - 0.12 * span), x.max() + 0.12 * span])
    yspan = (y.max() - y.min()) or 2
    fig.update_yaxes(title=dict(text=esc(t("quadrant_y", lang)), font=dict(size=12, color=MUTED)), showgrid=True,
                     gridcolor=GRID, range=[y.min() - 0.2 * yspan, y.max() + 0.3 * yspan], ticksuffix="%")
    fig.update_layout(showlegend=False, margin=dict(l=70, r=30))
    return fig
