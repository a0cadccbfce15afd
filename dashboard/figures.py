"""Pure figure builders: DataFrame in, ``go.Figure`` out. No Streamlit, no I/O.

Every figure carries its own title, a subtitle with unit and period, and a source line drawn inside the
figure, so a screenshot or PNG export explains itself. Colours are the Okabe–Ito palette (colour-blind
safe, legible in greyscale print). ``customdata[0]`` of every clickable point is the fact_id, so a click
leads back to the sentence. Text that comes from the data is escaped before Plotly sees it: Plotly
interprets a small HTML subset (<a href>, <b>, <br>) in titles, labels and hover text.
"""

from __future__ import annotations

import html
import math

import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import (
    DISPLAY_EN,
    display_factor,
    fmt_number,
    fmt_period,
    fmt_value,
    kind_label,
    status_label,
    t,
    unit_label,
)

FONT_FAMILY = ("Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, "
               "WenQuanYi Micro Hei, sans-serif")
# Okabe & Ito (2008): distinguishable with all common colour-vision deficiencies
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
BAR = "#0072B2"
HIGHLIGHT = "#D55E00"
TARGET = "#E69F00"
INK = "#1a1a1a"
MUTED = "#555555"
GRID = "#e6e6e6"
STATUS_COLORS = {"accepted": "#0072B2", "edited": "#E69F00", "added": "#009E73", "unreviewed": "#999999"}
KIND_SYMBOLS = {"actual": "circle", "target": "diamond-open", "change": "triangle-up", "rank": "square"}
# sequential, colour-blind safe, prints in greyscale (ColorBrewer Blues, 5 classes)
SEQUENTIAL = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]

TOP = 96  # room for title + subtitle
BOTTOM = 64  # room for the source line


def esc(s) -> str:
    """Escape data text for Plotly's pseudo-HTML (titles, labels, hover)."""
    return html.escape(str(s), quote=False)


def base_layout(fig: go.Figure, *, title: str, subtitle: str, source: str, height: int,
                bottom: int = BOTTOM, note: str = "", lang: str = "zh") -> go.Figure:
    """Title, subtitle, source line and the shared print-friendly style."""
    fig.update_layout(
        template="simple_white",
        font=dict(family=FONT_FAMILY, size=13, color=INK),
        title=dict(
            text=f"<b>{esc(title)}</b>", x=0, xref="container", xanchor="left", y=0.98, yref="container", pad=dict(l=12),
            yanchor="top", font=dict(size=18, color=INK),
            subtitle=dict(text=esc(subtitle), font=dict(size=13, color=MUTED)),
        ),
        margin=dict(l=12, r=24, t=TOP, b=bottom),
        height=height,
        paper_bgcolor="white",
        plot_bgcolor="white",
        hoverlabel=dict(font=dict(family=FONT_FAMILY, size=13), bgcolor="white", bordercolor="#888"),
        separators=".,",
        dragmode=False,
        meta={"lang": lang},
    )
    src = wrap_source(esc(source))
    extra = 16 * src.count("<br>")
    fig.update_layout(margin=dict(b=bottom + extra), height=height + extra)
    fig.add_annotation(
        name="source", text=src, showarrow=False, xref="paper", yref="paper", x=0, y=0,
        xanchor="left", yanchor="top", yshift=-(bottom - 22), align="left",
        font=dict(size=11, color=MUTED),
    )
    if note:
        fig.add_annotation(
            name="note", text=esc(note), showarrow=False, xref="paper", yref="paper", x=1, y=1,
            xanchor="right", yanchor="bottom", yshift=4, align="right", font=dict(size=12, color=HIGHLIGHT),
        )
    return fig


class FrozenFigure(go.Figure):
    """A figure that is not changed after it is built, so its dict is computed once.

    ``st.plotly_chart`` calls ``to_dict()`` on every script run, and plotly's ``to_dict`` deep-copies every
    trace: for the province map (its GeoJSON is in the traces) that was the largest server cost of the
    overview page. The dict returned here is shared: readers must not change it (copy it first).
    """

    def to_dict(self) -> dict:
        built = self.__dict__.get("_frozen_dict")  # plain attribute: plotly's __setattr__ only takes properties
        if built is None:
            built = super().to_dict()
            self.__dict__["_frozen_dict"] = built
        return built


def empty_figure(*, title: str, subtitle: str, source: str, lang: str = "zh", message: str = "") -> go.Figure:
    """A figure that says plainly there is nothing to show (keeps title and source)."""
    fig = go.Figure()
    base_layout(fig, title=title, subtitle=subtitle, source=source, height=300, lang=lang)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.add_annotation(
        name="no_data", text=esc(message or t("no_data", lang)), showarrow=False, xref="paper", yref="paper",
        x=0.5, y=0.5, font=dict(size=16, color=MUTED),
    )
    return fig


LABEL_SIZE = 13  # px, category labels of the bar charts
_LABEL_EM_SLACK = 1.08  # _text_width is an estimate: wide Latin capitals must not be clipped


def _text_width(s: str) -> float:
    """Approximate width in em: CJK characters are one em, Latin and digits about half."""
    return sum(1.0 if ord(ch) > 0x2E80 else 0.55 for ch in str(s))


def wrap_source(text: str, width_em: float = 80) -> str:
    """Break a long source line at separators so it stays inside a 1200-px export."""
    out, line = [], ""
    for part in (str(text).replace("；", "；\x00").replace("; ", "; \x00").replace("。", "。\x00")
                 .replace(". ", ". \x00").replace("  ·  ", "  ·  \x00").split("\x00")):
        if line and _text_width(line + part) > width_em:
            out.append(line)
            line = part
        else:
            line += part
    if line:
        out.append(line)
    return "<br>".join(out)


def _value_text(row, unit: str, lang: str, kind: str = "") -> str:
    return fmt_value(row["value"], unit, row.get("qualifier", ""), lang, kind, str(row.get("rank_of", "") or ""))


def _hover(lang: str) -> str:
    return ("%{customdata[1]}<br>%{customdata[2]}<br>" + ("时期" if lang == "zh" else "Period")
            + "：%{customdata[3]}<br>" + ("审核" if lang == "zh" else "Review") + "：%{customdata[4]}<extra></extra>")


def _customdata(df: pd.DataFrame, texts: list[str], lang: str) -> list[list[str]]:
    return [
        [str(fid), esc(lbl), esc(txt), fmt_period(str(p), lang), status_label(str(s), lang)]
        for fid, lbl, txt, p, s in zip(df["fact_id"], df["label"], texts, df["period"], df["status"], strict=True)
    ]


CONFLICT_MARK = "†"  # after a value the sources disagree on


def _disputed(row) -> bool:
    try:
        return float(row.get("alternatives", 0) or 0) > 0
    except (TypeError, ValueError):
        return False


def make_ranking_figure(df: pd.DataFrame, *, title: str, subtitle: str, source: str, unit: str,
                        lang: str = "zh", kind: str = "actual", highlight=None, show_period: bool = False,
                        note: str = "") -> go.Figure:
    """Horizontal bars, largest on top. One region → one bar and a note. Unreviewed facts are hatched.

    df columns: fact_id, label, value, period, status, qualifier (optional region).
    """
    if df is None or df.empty:
        return empty_figure(title=title, subtitle=subtitle, source=source, lang=lang)
    df = df.sort_values("value", ascending=True, kind="stable")
    f = 1.0 if kind == "rank" else display_factor(unit, lang)
    highlight = set(highlight or [])
    texts = [_value_text(r, unit, lang, kind) for _, r in df.iterrows()]
    if show_period:  # periods differ: name the period on the bars that are not from the usual one
        usual = df["period"].astype(str).mode().iloc[0]
        texts = [tx if p == usual else (f"{tx}（{fmt_period(p, lang)}）" if lang == "zh" else f"{tx} ({fmt_period(p, lang)})")
                 for tx, p in zip(texts, df["period"].astype(str), strict=True)]
        note = note or (f"其余为{fmt_period(usual, lang)}数据" if lang == "zh" else f"others: {fmt_period(usual, lang)}")
    # A value the sources disagree on is marked (the dataset keeps every value; the chart draws the preferred one)
    disputed = pd.to_numeric(df["alternatives"], errors="coerce").fillna(0) > 0 if "alternatives" in df else None
    if disputed is not None and disputed.any():
        texts = [f"{tx} {CONFLICT_MARK}" if d else tx for tx, d in zip(texts, disputed, strict=True)]
    regions = df["region"].astype(str) if "region" in df else df["label"].astype(str)
    colors = [HIGHLIGHT if r in highlight else BAR for r in regions]
    patterns = ["/" if str(s) == "unreviewed" else "" for s in df["status"]]
    if len(df) == 1 and not note:
        note = t("one_region_note", lang, region=str(df["label"].iloc[0]))
    fig = go.Figure(go.Bar(
        x=df["value"] * f, y=[esc(v) for v in df["label"]], orientation="h",
        # plotly.js builds pattern definitions whenever marker.pattern is set, even with no shape: only when used
        marker=dict(color=colors, line=dict(width=0),
                    **(dict(pattern=dict(shape=patterns, fgcolor="white", size=6)) if any(patterns) else {})),
        text=[esc(x) for x in texts], textposition="outside", cliponaxis=False,
        textfont=dict(size=12, color=INK),
        customdata=_customdata(df, texts, lang), hovertemplate=_hover(lang), name="",
    ))
    n = len(df)
    height = max(260, TOP + BOTTOM + (44 if n <= 4 else 30) * n + 40)
    extra = []
    if (df["status"].astype(str) == "unreviewed").any():
        extra.append(t("unreviewed_note", lang))
    if df.get("qualifier", pd.Series(dtype=str)).astype(str).isin([">=", "<=", "~"]).any():
        extra.append(t("qualifier_note", lang))
    if disputed is not None and disputed.any():
        extra.append(t("conflict_note", lang, mark=CONFLICT_MARK))
    src = source + ("  ·  " + "；".join(extra) if extra and lang == "zh" else "  ·  " + "; ".join(extra) if extra else "")
    base_layout(fig, title=title, subtitle=subtitle, source=src, height=height, note=note, lang=lang)
    vmax = float(df["value"].max()) * f if n else 0
    vmin = float(df["value"].min()) * f if n else 0
    longest = max((_text_width(x) for x in texts), default=0)
    pad = min(0.9, 0.1 + 0.022 * longest)  # room for the value labels outside the bars
    fig.update_xaxes(showgrid=True, gridcolor=GRID, zeroline=True, zerolinecolor="#999", tickformat=",~f",
                     range=[min(0, vmin * (1 + pad)), max(0, vmax) * (1 + pad) or 1], showline=False, ticks="")
    # The left margin fits the longest region name. Computed here rather than by yaxis.automargin, which makes
    # plotly.js lay the whole chart out twice on every draw.
    label_px = max(_text_width(v) for v in df["label"].astype(str)) * LABEL_SIZE * _LABEL_EM_SLACK
    fig.update_yaxes(automargin=False, ticks="", showline=False, tickfont=dict(size=LABEL_SIZE))
    fig.update_layout(bargap=0.28, showlegend=False, margin=dict(l=12 + math.ceil(label_px) + 8))
    set_export_width(fig, n)
    return fig


def export_width(n_bars: int) -> int:
    """Width of a bar chart's PNG: narrow for a few bars (a 3-bar chart is no 1200-px strip), full for many."""
    return 760 if n_bars <= 4 else 960 if n_bars <= 10 else 1200


def set_export_width(fig: go.Figure, n_bars: int) -> None:
    """Record the PNG width in layout.meta and re-wrap the source line to fit it (room added below)."""
    meta = dict(fig.layout.meta or {})
    width = meta["export_width"] = export_width(n_bars)
    fig.update_layout(meta=meta)
    left = fig.layout.margin.l or 0
    for ann in fig.layout.annotations:
        if ann.name != "source":
            continue
        flat = str(ann.text).replace("<br>", "")
        wrapped = wrap_source(flat, width_em=max(20.0, (width - left - 24) / 11))
        extra = 16 * (wrapped.count("<br>") - str(ann.text).count("<br>"))
        ann.text = wrapped
        if extra > 0:
            fig.update_layout(height=fig.layout.height + extra, margin=dict(b=fig.layout.margin.b + extra))


LINE_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000"]  # no yellow on white
OTHER_LINE = "#9a9a9a"


def _spread(values: list[float], gap: float) -> list[float]:
    """Push sorted label positions apart so that neighbours are at least ``gap`` apart (keeps the mean)."""
    if not values:
        return []
    order = sorted(range(len(values)), key=lambda i: values[i])
    pos = [values[i] for i in order]
    for i in range(1, len(pos)):
        pos[i] = max(pos[i], pos[i - 1] + gap)
    shift = (sum(values) - sum(pos)) / len(pos)
    out = [0.0] * len(values)
    for k, i in enumerate(order):
        out[i] = pos[k] + shift
    return out


def make_lines_figure(df: pd.DataFrame, *, title: str, subtitle: str, source: str, unit: str,
                      lang: str = "zh", kind: str = "actual") -> go.Figure:
    """One line per region over periods (period end dates on a time axis), labelled at their ends.

    Regions are ordered by their latest value; the first seven get colours, the rest grey. End labels are
    spread so they do not overlap. df columns: fact_id, region, label, value, period, period_date, status,
    qualifier. Markers are clickable (Plotly has no click event on the line itself).
    """
    if df is None or df.empty:
        return empty_figure(title=title, subtitle=subtitle, source=source, lang=lang)
    fig = go.Figure()
    f = 1.0 if kind == "rank" else display_factor(unit, lang)
    last_rows = df.sort_values("period_key").groupby(df["region"].astype(str), observed=True).tail(1)
    regions = list(last_rows.sort_values("value", ascending=(kind == "rank"))["region"].astype(str))
    height = 460
    plot_px = height - TOP - BOTTOM
    vals = df["value"] * f
    lo, hi = (min(0.0, float(vals.min())) if kind == "actual" else float(vals.min())), float(vals.max())
    span = (hi - lo) or 1.0
    ends = []
    for i, region in enumerate(regions):
        d = df.loc[df["region"].astype(str) == region].sort_values("period_key")
        color = LINE_COLORS[i] if i < len(LINE_COLORS) else OTHER_LINE
        texts = [_value_text(r, unit, lang, kind) for _, r in d.iterrows()]
        label = esc(d["label"].iloc[0])
        fig.add_trace(go.Scatter(
            x=d["period_date"], y=d["value"] * f, mode="lines+markers", name=label,
            line=dict(color=color, width=2.5 if i < len(LINE_COLORS) else 1.5),
            # a diamond: the sources disagree on this value (the chart draws the one the rules prefer)
            marker=dict(size=9, color=color, line=dict(width=1, color="white"),
                        symbol=[("diamond" if _disputed(r) else "circle") + ("-open" if str(r["status"]) == "unreviewed"
                                                                              else "") for _, r in d.iterrows()]),
            customdata=_customdata(d, texts, lang), hovertemplate=_hover(lang),
        ))
        last = d.iloc[-1]
        ends.append((last["period_date"], float(last["value"]) * f, f"{label} {esc(texts[-1])}", color))
    # spread the end labels that share an x position
    gap = span * 15 / max(plot_px, 1)
    by_x: dict = {}
    for j, (x, _y, _, _) in enumerate(ends):
        by_x.setdefault(x, []).append(j)
    for _x, idx in by_x.items():
        ys = [ends[j][1] * (-1 if kind == "rank" else 1) for j in idx]
        for j, y in zip(idx, _spread(ys, gap), strict=True):
            x0, y0, text, color = ends[j]
            fig.add_annotation(x=x0, y=y * (-1 if kind == "rank" else 1), text=text, showarrow=False, xanchor="left",
                               xshift=8, font=dict(size=12, color=color), name="end_label")
    periods = df.drop_duplicates("period").sort_values("period_key")
    if any(_disputed(r) for _, r in df.iterrows()):
        source = source + ("  ·  " if source else "") + t("conflict_note_lines", lang)
    base_layout(fig, title=title, subtitle=subtitle, source=source, height=height, lang=lang)
    longest = max((_text_width(e[2]) for e in ends), default=8)
    fig.update_layout(showlegend=False, margin=dict(r=int(24 + 12 * longest)))
    fig.update_xaxes(tickvals=periods["period_date"], ticktext=[fmt_period(p, lang) for p in periods["period"].astype(str)],
                     showgrid=False, ticks="outside")
    fig.update_yaxes(showgrid=True, gridcolor=GRID, tickformat=",~f", rangemode="tozero" if kind == "actual" else "normal",
                     zeroline=True, zerolinecolor="#999", autorange="reversed" if kind == "rank" else True)
    return fig


def make_actual_target_figure(df: pd.DataFrame, *, title: str, subtitle: str, source: str, unit: str,
                              lang: str = "zh") -> go.Figure:
    """Per region: latest actual (solid) beside its target (open), both labelled with their period.

    df columns: see ``queries.actual_vs_target``.
    """
    if df is None or df.empty:
        return empty_figure(title=title, subtitle=subtitle, source=source, lang=lang)
    df = df.sort_values("target_value", ascending=True, kind="stable")
    labels = [esc(v) for v in df["label"]]
    f = display_factor(unit, lang)
    act_txt, tgt_txt, act_cd, tgt_cd = [], [], [], []
    for _, r in df.iterrows():
        a = fmt_value(r["actual_value"], unit, r["actual_qualifier"], lang) if r["actual_fact"] else "–"
        tg = fmt_value(r["target_value"], unit, r["target_qualifier"], lang)
        pct = f" · {r['progress']:.0%}" if r["progress"] is not None and pd.notna(r["progress"]) else ""
        ap = fmt_period(r["actual_period"], lang) if r["actual_period"] else ""
        tp = fmt_period(r["target_period"], lang)
        act_txt.append(esc(f"{a}（{ap}）{pct}" if lang == "zh" else f"{a} ({ap}){pct}") if r["actual_fact"] else "–")
        tgt_txt.append(esc(f"{tg}（{tp}目标）" if lang == "zh" else f"{tg} ({tp} target)"))
        act_cd.append([r["actual_fact"], esc(r["label"]), act_txt[-1], ap, status_label(r["actual_status"], lang)])
        tgt_cd.append([r["target_fact"], esc(r["label"]), tgt_txt[-1], tp, status_label(r["target_status"], lang)])
    fig = go.Figure()
    fig.add_trace(go.Bar(
        y=labels, x=df["actual_value"].fillna(0) * f, orientation="h", name=t("actual_latest", lang),
        marker=dict(color=BAR), text=act_txt, textposition="outside", cliponaxis=False,
        customdata=act_cd, hovertemplate=_hover(lang), offsetgroup="a",
    ))
    fig.add_trace(go.Bar(
        y=labels, x=df["target_value"] * f, orientation="h", name=t("target", lang),
        marker=dict(color="white", line=dict(color=TARGET, width=2), pattern=dict(shape="x", fgcolor=TARGET, size=5)),
        text=tgt_txt, textposition="outside", cliponaxis=False,
        customdata=tgt_cd, hovertemplate=_hover(lang), offsetgroup="t",
    ))
    n = len(df)
    base_layout(fig, title=title, subtitle=subtitle, source=source, height=max(300, TOP + BOTTOM + 64 * n + 60),
                lang=lang)
    vmax = float(pd.concat([df["actual_value"].fillna(0), df["target_value"]]).max()) * f
    fig.update_layout(barmode="group", bargap=0.3, bargroupgap=0.08,
                      legend=dict(orientation="h", x=0, xanchor="left", y=1.0, yanchor="bottom", traceorder="normal"))
    fig.update_xaxes(showgrid=True, gridcolor=GRID, tickformat=",~f", range=[0, vmax * 1.45 or 1], ticks="")
    fig.update_yaxes(automargin=True, ticks="", showline=False, categoryorder="array", categoryarray=labels)
    set_export_width(fig, 2 * n)
    return fig


PANEL_GAP = 56  # px between the unit panels of the timeline (room for the next panel's heading)
ROW_PX = 30  # px per indicator row


def _unit_heading(unit: str, kind: str, lang: str) -> str:
    if kind == "rank" or unit == "位":
        return "位次" if lang == "zh" else "Rank"
    if unit == "":
        return "指数" if lang == "zh" else "Index"
    u = DISPLAY_EN[unit][1] if lang == "en" and unit in DISPLAY_EN else unit_label(unit, lang)
    return (f"单位：{u}" if lang == "zh" else f"Unit: {u or 'number'}")


def make_timeline_figure(df: pd.DataFrame, *, title: str, subtitle: str, source: str, lang: str = "zh",
                         indicator_labels: dict | None = None) -> go.Figure:
    """All facts of one region on a time axis, grouped by unit: one panel per unit (亿元, %, 个 … and ranks),
    one row per indicator series in it, marker shape = kind. Only each row's latest value is written next to
    its marker (the others are in the hover), so labels never pile up; rows read as a list of indicators.

    df columns: fact_id, indicator, subject, kind, value, unit, qualifier, period, period_date, status
    (optional: series, rank_of). ``indicator_labels``: indicator id -> label; a row of a narrower series
    (``series``) or of ``other`` is labelled by its subject.
    """
    if df is None or df.empty:
        return empty_figure(title=title, subtitle=subtitle, source=source, lang=lang)
    indicator_labels = indicator_labels or {}
    df = df.copy()
    series = df["series"].astype(str) if "series" in df.columns else pd.Series("", index=df.index)
    pools = df["rank_of"].astype(str) if "rank_of" in df.columns else pd.Series("", index=df.index)
    kinds = df["kind"].astype(str)

    def row_label(ind: str, subj: str, ser: str, pool: str, kind: str) -> str:
        base = subj if ind == "other" else indicator_labels.get(ind, subj or ind)
        if ser and ind != "other":
            base = f"{base}（{ser}）" if lang == "zh" else f"{base} (“{ser}”)"
        if ind == "other" and lang == "en":
            base = f"“{base}”"
        if kind == "rank" and pool:
            from dashboard.i18n import pool_label

            where = pool_label(pool, lang)
            base = f"{base} · {where}" if lang == "zh" else f"{base} · {where}"
        return esc(base)

    df["row"] = [row_label(i, s, se, p, k) for i, s, se, p, k in
                 zip(df["indicator"].astype(str), df["subject"].astype(str), series, pools, kinds, strict=True)]
    df["panel"] = [_unit_heading("位" if k == "rank" else str(u), k, lang) for u, k in zip(df["unit"].astype(str), kinds,
                                                                                         strict=True)]
    # panels: largest first, ranks last; rows: by indicator within a panel
    sizes = df.groupby("panel")["row"].nunique()
    rank_panel = _unit_heading("位", "rank", lang)
    panels = sorted(sizes.index, key=lambda p: (p == rank_panel, -int(sizes[p]), p))
    rows_of = {p: list(dict.fromkeys(df.loc[df["panel"] == p].sort_values(["indicator", "row"])["row"]))
               for p in panels}
    from plotly.subplots import make_subplots

    heights = [max(1, len(rows_of[p])) for p in panels]
    total_rows = sum(heights)
    plot_px = ROW_PX * total_rows
    gap_px = PANEL_GAP * (len(panels) - 1)
    fig = make_subplots(rows=len(panels), cols=1, shared_xaxes=True, row_heights=heights,
                        vertical_spacing=(gap_px / (plot_px + gap_px) / max(1, len(panels) - 1)) if len(panels) > 1
                        else 0.0)
    shown_kinds: set[str] = set()
    latest = df.sort_values("period_key").groupby("row").tail(1).index
    for pi, panel in enumerate(panels, start=1):
        dp = df.loc[df["panel"] == panel]
        for i, kind in enumerate(["actual", "change", "target", "rank"]):
            d = dp.loc[dp["kind"].astype(str) == kind]
            if d.empty:
                continue
            pools_d = d["rank_of"].astype(str) if "rank_of" in d.columns else [""] * len(d)
            texts = [fmt_value(v, str(u), str(q), lang, kind, p)
                     for v, u, q, p in zip(d["value"], d["unit"], d["qualifier"], pools_d, strict=True)]
            d = d.assign(label=d["row"])
            fig.add_trace(go.Scatter(
                x=d["period_date"], y=d["row"], mode="markers+text", name=kind_label(kind, lang),
                legendgroup=kind, showlegend=kind not in shown_kinds,
                marker=dict(symbol=KIND_SYMBOLS[kind], size=11, color=PALETTE[i], line=dict(width=1.5, color=PALETTE[i])),
                text=[esc(x) if ix in latest else "" for x, ix in zip(texts, d.index, strict=True)],
                textposition="middle right", textfont=dict(size=11, color=MUTED),
                customdata=_customdata(d, texts, lang), hovertemplate=_hover(lang), cliponaxis=False,
            ), row=pi, col=1)
            shown_kinds.add(kind)
        rows = rows_of[panel]
        fig.update_yaxes(categoryorder="array", categoryarray=rows[::-1], range=[-0.6, len(rows) - 0.4],
                         automargin=True, showgrid=True, gridcolor=GRID, ticks="", tickfont=dict(size=12),
                         row=pi, col=1)
        yref = "y domain" if pi == 1 else f"y{pi} domain"
        fig.add_annotation(name="panel", text=f"<b>{esc(panel)}</b>", xref="paper", yref=yref, x=0, y=1,
                           xanchor="right", yanchor="bottom", yshift=6, xshift=-6, showarrow=False,
                           font=dict(size=13, color=INK), align="left")
    periods = df.drop_duplicates("period").sort_values("period_key")
    slant = len(periods) > 3
    bottom = BOTTOM + (40 if slant else 0)
    base_layout(fig, title=title, subtitle=subtitle, source=source, lang=lang, bottom=bottom,
                height=max(320, TOP + 30 + bottom + plot_px + gap_px))
    # the kinds' legend at the top right, level with the title (clear of the first panel's heading)
    fig.update_layout(legend=dict(orientation="h", x=1, xanchor="right", y=1, yanchor="top", yref="container",
                                  xref="container"), margin=dict(t=TOP + 30, r=150))
    span = (periods["period_date"].max() - periods["period_date"].min())
    pad = max(span * 0.06, pd.Timedelta(days=150))
    fig.update_xaxes(tickvals=periods["period_date"], ticktext=[fmt_period(p, lang) for p in periods["period"].astype(str)],
                     tickangle=-35 if slant else 0, showgrid=True, gridcolor=GRID,
                     range=[periods["period_date"].min() - pad, periods["period_date"].max() + pad])
    fig.update_xaxes(showticklabels=False, ticks="")
    fig.update_xaxes(showticklabels=True, ticks="outside", row=len(panels), col=1)
    return fig


def make_coverage_figure(df: pd.DataFrame, *, title: str, subtitle: str, source: str, lang: str = "zh") -> go.Figure:
    """Regions × periods grid of squares (a heatmap would not be clickable); colour = review status.

    df columns: region, label, period, period_key, n, status, fact_id.
    """
    if df is None or df.empty:
        return empty_figure(title=title, subtitle=subtitle, source=source, lang=lang)
    periods = df.drop_duplicates("period").sort_values("period_key")
    period_labels = [fmt_period(p, lang) for p in periods["period"]]
    rows = list(dict.fromkeys(df["label"]))
    fig = go.Figure()
    for status in ("accepted", "edited", "added", "unreviewed"):
        d = df.loc[df["status"] == status]
        if d.empty:
            continue
        texts = [str(int(n)) for n in d["n"]]
        fig.add_trace(go.Scatter(
            x=[fmt_period(p, lang) for p in d["period"]], y=[esc(v) for v in d["label"]], mode="markers+text",
            name=status_label(status, lang),
            marker=dict(symbol="square", size=26, color=STATUS_COLORS[status]),
            text=texts, textfont=dict(color="white", size=11),
            customdata=[[fid, esc(lbl), n, fmt_period(p, lang), status_label(status, lang)]
                        for fid, lbl, n, p in zip(d["fact_id"], d["label"], texts, d["period"], strict=True)],
            hovertemplate=("%{customdata[1]} · %{customdata[3]}<br>" + ("数据条数" if lang == "zh" else "Facts")
                           + "：%{customdata[2]}<extra>%{customdata[4]}</extra>"),
        ))
    base_layout(fig, title=title, subtitle=subtitle, source=source,
                height=max(300, TOP + BOTTOM + 34 * len(rows) + 70), lang=lang)
    fig.update_layout(legend=dict(orientation="h", x=1, xanchor="right", y=1.0, yanchor="bottom"))
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=period_labels, showgrid=False, ticks="",
                     side="bottom")
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=[esc(r) for r in rows[::-1]],
                     automargin=True, showgrid=False, ticks="")
    return fig


def figure_summary(fig: go.Figure) -> str:
    """Plain-text summary of the data behind a bar figure, used for the chart's alt text."""
    parts = []
    for tr in fig.data:
        if getattr(tr, "type", "") == "bar" and tr.y is not None and tr.text is not None:
            for label, text in list(zip(tr.y, tr.text, strict=False))[::-1][:12]:
                parts.append(f"{html.unescape(str(label))} {html.unescape(str(text))}")
    return "; ".join(parts)


def fmt_axis_number(v: float) -> str:
    return fmt_number(v)
