"""Composite views shared by several pages: a chart with its titles, source line, alt text, PNG button and
click-to-quote, built from the cached dataset. Pages stay thin; figure builders stay pure."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import cached as q
from dashboard import figures as F
from dashboard.data import clean_quote, sort_periods
from dashboard.i18n import display_factor, fmt_compact, fmt_period, kind_label, t
from dashboard.review import status_text
from dashboard.ui import Ctx, alt_text, region_offer, show_chart, source_line, unit_text


def ids(df: pd.DataFrame) -> tuple:
    """The fact ids behind a figure: with the dataset signature, they identify its data exactly."""
    return tuple(df["fact_id"].astype(str)) if "fact_id" in df.columns else ()


def mixed_note(ctx: Ctx, mixed: list[str]) -> str:
    """Said inside the figure when some regions could only be shown with a narrower measure."""
    if not mixed:
        return ""
    return ctx.t("mixed_measures")


def with_note(source: str, note: str) -> str:
    """The source line and a note after it ("；"/"; " so the line wrappers may break there)."""
    if not note:
        return source
    return f"{source}；{note}" if any("\u3400" <= ch <= "\u9fff" for ch in note) else f"{source}; {note}"


def subtitle(ctx: Ctx, unit: str, kind: str, periods: list[str], latest: bool, pool: str = "") -> str:
    if latest and len(periods) > 1:
        period = ctx.t("periods_range", first=fmt_period(periods[0], ctx.lang), last=fmt_period(periods[-1], ctx.lang))
    else:
        period = q.period_span_label(periods, ctx.lang) or "–"
    return ctx.t("subtitle_unit_period", unit=unit_text(ctx, unit, kind, pool), period=period)


def with_scope(ctx: Ctx, sub: str, scope: str) -> str:
    return f"{scope} · {sub}" if scope else sub


def ranking_chart(ctx: Ctx, vals: q.Values, *, indicator: str, kind: str, key: str, title: str,
                  latest: bool, highlight=None, scope: str = "") -> list[str]:
    """Ranked bars for ``vals`` with full provenance. Returns the fact ids the user clicked."""
    sub = with_scope(ctx, subtitle(ctx, vals.unit, kind, vals.periods, latest, vals.pool), scope)
    src = source_line(ctx, vals.df["doc"].astype(str)) if not vals.df.empty else source_line(ctx, [])
    src = with_note(src, mixed_note(ctx, vals.mixed))
    show_period = latest and len(vals.periods) > 1
    key = ("rank", ctx.ds.signature, ids(vals.df), title, sub, src, vals.unit, ctx.lang, kind, tuple(highlight or ()),
           show_period)
    fig = q.figure(key, lambda: F.make_ranking_figure(
        vals.df, title=title, subtitle=sub, source=src, unit=vals.unit, lang=ctx.lang, kind=kind,
        highlight=highlight, show_period=show_period,
    ))
    return show_chart(ctx, fig, key=key, alt=alt_text(ctx, title, sub, F.figure_summary(fig)),
                      filename=f"{indicator}_{kind}_ranking")


def map_chart(ctx: Ctx, vals: q.Values, *, indicator: str, kind: str, key: str, title: str,
              latest: bool) -> list[str]:
    """Province map coloured by the values (dashboard.geo). Falls back to a plain note if unavailable."""
    sub = subtitle(ctx, vals.unit, kind, vals.periods, latest, vals.pool)
    df = vals.df.loc[vals.df["region_level"].astype(str) == "province"].copy()
    src = with_note(source_line(ctx, df["doc"].astype(str), bare=True), mixed_note(ctx, vals.mixed))
    try:
        from dashboard.geo import TOPOJSON_CONFIG, make_china_map_figure
    except Exception as exc:  # the map module is owned by another engineer; degrade, never crash
        st.info(ctx.t("map_unavailable", err=type(exc).__name__), icon=":material/map:")
        return []
    period_col, status_col = ctx.t("period"), ctx.t("status")
    df[period_col] = [fmt_period(p, ctx.lang) for p in df["period"].astype(str)]
    df[status_col] = [ctx.t(f"status_{s}") for s in df["status"].astype(str)]
    df["region"] = df["region"].astype(str)
    if kind != "rank":
        df["value"] = df["value"] * display_factor(vals.unit, ctx.lang)
    scale = "Blues"
    if kind == "rank":  # rank 1 is best: reverse the scale so darker still means better
        from dashboard.geo import SEQUENTIAL_PALETTE

        n = len(SEQUENTIAL_PALETTE)
        scale = [[i / (n - 1), c] for i, c in enumerate(SEQUENTIAL_PALETTE[::-1])]
    key = ("map", ctx.ds.signature, ids(df), title, sub, src, vals.unit, ctx.lang, kind)
    try:
        fig = q.figure(key, lambda: make_china_map_figure(
            df, value_col="value", region_col="region", title=title, subtitle=sub, source=src,
            unit=unit_text(ctx, vals.unit, kind, vals.pool), lang=ctx.lang, colorscale=scale,
            hover_cols=[period_col, status_col],
        ))
    except Exception as exc:
        st.info(ctx.t("map_unavailable", err=type(exc).__name__), icon=":material/map:")
        return []
    by_region = dict(zip(df["region"], df["fact_id"].astype(str), strict=True))

    def offer(regions: list[str]) -> None:  # a click on a province offers its profile (grey ones too)
        region_offer(ctx, regions[0], regions[0] in by_region)

    return show_chart(ctx, fig, key=key, alt=alt_text(ctx, title, sub), filename=f"{indicator}_{kind}_map",
                      to_fact=lambda r: by_region.get(r), config=dict(TOPOJSON_CONFIG), on_points=offer)


def lines_chart(ctx: Ctx, df: pd.DataFrame, *, indicator: str, kind: str, key: str, title: str,
                scope: str = "") -> list[str]:
    unit = q.dominant_unit(df)
    periods = sort_periods(df["period"].astype(str)) if not df.empty else []
    pool = str(df["rank_of"].astype(str).iloc[0]) if kind == "rank" and "rank_of" in df.columns and len(df) else ""
    sub = with_scope(ctx, subtitle(ctx, unit, kind, periods, latest=False, pool=pool), scope)
    src = source_line(ctx, df["doc"].astype(str)) if not df.empty else source_line(ctx, [])
    mixed = sorted(set(df["series"].astype(str)) - {""}) if "series" in df.columns and not df.empty else []
    src = with_note(src, mixed_note(ctx, mixed))
    key = ("lines", ctx.ds.signature, ids(df), title, sub, src, unit, ctx.lang, kind)
    fig = q.figure(key, lambda: F.make_lines_figure(df, title=title, subtitle=sub, source=src, unit=unit,
                                                    lang=ctx.lang, kind=kind))
    return show_chart(ctx, fig, key=key, alt=alt_text(ctx, title, sub), filename=f"{indicator}_{kind}_lines")


def target_chart(ctx: Ctx, df: pd.DataFrame, *, indicator: str, key: str, title: str, scope: str = "") -> list[str]:
    unit = str(df["unit"].iloc[0]) if not df.empty else ""
    periods = sorted(set(df["actual_period"]) - {""}) if not df.empty else []
    tperiods = sorted(set(df["target_period"])) if not df.empty else []
    period = ""
    if periods or tperiods:
        a = q.period_span_label(periods, ctx.lang)
        tg = q.period_span_label(tperiods, ctx.lang)
        period = (f"实际 {a}；目标 {tg}" if ctx.lang == "zh" else f"actual {a}; target {tg}")
    sub = with_scope(ctx, ctx.t("subtitle_unit_period", unit=unit_text(ctx, unit), period=period or "–"), scope)
    docs = []
    if not df.empty:
        ids = list(df["actual_fact"]) + list(df["target_fact"])
        docs = ctx.ds.facts.loc[ctx.ds.facts["fact_id"].isin(ids), "doc"].astype(str)
    src = source_line(ctx, docs)
    key = ("target", ctx.ds.signature, tuple(df["actual_fact"]) + tuple(df["target_fact"]) if not df.empty else (),
           title, sub, src, unit, ctx.lang)
    fig = q.figure(key, lambda: F.make_actual_target_figure(df, title=title, subtitle=sub, source=src, unit=unit,
                                                            lang=ctx.lang))
    return show_chart(ctx, fig, key=key, alt=alt_text(ctx, title, sub, F.figure_summary(fig)),
                      filename=f"{indicator}_actual_vs_target")


def readable_facts(ds, df: pd.DataFrame, lang: str, with_region: bool = True,
                   with_indicator: bool = False) -> pd.DataFrame:
    """Facts with every column formatted for reading (labels, values with units, periods, sources)."""
    def tt(k: str) -> str:
        return t(k, lang)

    out = pd.DataFrame({"fact_id": df["fact_id"].astype(str).to_numpy()})
    if with_region:
        out[tt("region")] = [q.region_label(ds, r, lang) for r in df["region"].astype(str)]
    if with_indicator:
        out[tt("indicator")] = [q.indicator_label(ds, i, lang, s) for i, s in
                                zip(df["indicator"].astype(str), df["subject"].astype(str), strict=True)]
    out[tt("measure")] = [kind_label(k, lang) for k in df["kind"].astype(str)]
    pools = df["rank_of"].astype(str) if "rank_of" in df.columns else [""] * len(df)
    out[tt("value")] = [fmt_compact(v, u, qq, lang, k, p) for v, u, qq, k, p in
                        zip(df["value"], df["unit"].astype(str), df["qualifier"], df["kind"].astype(str), pools,
                            strict=True)]
    out[tt("period")] = [fmt_period(p, lang) for p in df["period"].astype(str)]
    conf = df["confidence"] if "confidence" in df.columns else [None] * len(df)
    out[tt("status")] = [status_text(s, c, lang) for s, c in zip(df["status"].astype(str), conf, strict=True)]
    labels = {d: q.article_label(ds, d) for d in df["doc"].astype(str).unique()}
    out[tt("source")] = df["doc"].astype(str).map(labels).to_numpy()
    out[tt("quote")] = [clean_quote(x) for x in df["quote"].astype(str)]
    return out


@st.cache_data(show_spinner=False, max_entries=256)
def _readable_cached(signature: tuple, ids: tuple, lang: str, with_region: bool, with_indicator: bool,
                     _ds, _df: pd.DataFrame) -> pd.DataFrame:
    return readable_facts(_ds, _df, lang, with_region, with_indicator)


def values_table(ctx: Ctx, df: pd.DataFrame, *, key: str, with_region: bool = True, with_indicator: bool = False,
                 selectable: bool = True) -> list[str]:
    """Facts as a readable table (every cell plain text). Selecting rows shows their quotes."""
    if df.empty:
        return []
    out = _readable_cached(ctx.ds.signature, ids(df), ctx.lang, with_region, with_indicator, ctx.ds, df)
    if not selectable:
        st.dataframe(out, hide_index=True, column_config={"fact_id": None}, key=key)
        return []
    ev = st.dataframe(out, hide_index=True, column_config={"fact_id": None}, key=key, on_select="rerun",
                      selection_mode="multi-row")
    rows = list(getattr(getattr(ev, "selection", None), "rows", []) or [])
    return [out["fact_id"].iloc[i] for i in rows if 0 <= i < len(out)]


def kind_options_label(ctx: Ctx):
    return lambda k: kind_label(k, ctx.lang)
