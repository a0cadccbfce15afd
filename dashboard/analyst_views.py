"""Analyst views shared by the pages: progress to target (one region, or one indicator across regions), the
fair comparison with its measure switch (total / per capita / share of GDP / index, linear or log), and the
growth-vs-level quadrant. Widgets are bound to the URL with the page's prefix; charts go through
``ui.show_chart`` (PNG, add to pack, click-to-quote) with a rebuildable pack spec."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import analysis as A
from dashboard import pack as P
from dashboard import queries
from dashboard.analyst_figures import fmt_derived, fmt_rate, rate_lines
from dashboard.data import sort_periods
from dashboard.i18n import fmt_period, fmt_value
from dashboard.ui import Ctx, _md_safe, alt_text, empty_state, hint, show_chart, show_provenance


@st.cache_data(show_spinner=False, max_entries=64)
def _progress(signature: tuple, region, indicator, regions, _facts) -> list:
    """A.target_progress, once per dataset (and filters) and arguments: an archive's slice has hundreds of targets."""
    return A.target_progress(_facts, region=region, indicator=indicator,
                             regions=list(regions) if regions is not None else None)


@st.cache_data(show_spinner=False, max_entries=32)
def _targets_built(signature: tuple, indicator: str, lang: str, regions, _ds):
    return P.build_targets(_ds, indicator, lang, list(regions) if regions is not None else None)


def _show(ctx: Ctx, built: P.Built | None, *, key: str, spec: P.ChartSpec, filename: str) -> list[str]:
    if built is None:
        empty_state(ctx)
        return []
    return show_chart(ctx, built.fig, key=key, alt=alt_text(ctx, built.title, built.subtitle), filename=filename,
                      pack_spec=spec)


def progress_line(ctx: Ctx, p: A.Progress) -> str:
    """'2023年6月 81,000个 → 2025年 100,000个 · 需年均增长 8.8% · 已实现年均 23.3% · 按当前增速可达成'."""
    req, ach = rate_lines(p, ctx.lang)
    latest = fmt_value(p.latest_value, p.unit, "", ctx.lang)
    target = (f"{p.target_value:g}%" if p.target_type == "growth"
              else fmt_value(p.target_value, p.unit if p.target_type == "level" else "%", p.target_qualifier, ctx.lang))
    return (f"{fmt_period(p.latest_period, ctx.lang)} {latest} → {fmt_period(p.target_period, ctx.lang)} {target}"
            f" · {req} · {ach} · {ctx.t('status_' + p.status)}")


STATUS_BADGE = {"on_track": "green", "met": "green", "behind": "orange", "missed": "red", "unknown": "gray"}


def target_verdict(ctx: Ctx, p: A.Progress) -> None:
    """A coloured verdict badge and the numbers behind it (our own labels only: safe as Markdown)."""
    st.markdown(f":{STATUS_BADGE.get(p.status, 'gray')}-badge[{_md_safe(ctx.t('status_' + p.status))}]")
    req, ach = rate_lines(p, ctx.lang)
    st.text(f"{req} · {ach}")


def region_targets(ctx: Ctx, region: str) -> None:
    """Every target of a region with at least one actual: its progress chart and the numbers behind it."""
    items = _progress(ctx.ds.signature, region, None, None, ctx.ds.facts)
    if not items:
        st.text(ctx.t("targets_none"))
        return
    hint(ctx, "click_hint")
    for i, p in enumerate(items):
        spec = P.ChartSpec("progress", {"region": region, "indicator": p.indicator, "target_fact": p.target_fact})
        built = P.build_progress(ctx.ds, region, p.indicator, ctx.lang, p.target_fact)
        _show(ctx, built, key=f"reg_prog_{i}", spec=spec, filename=f"{region}_{p.indicator}_progress")
        st.text(progress_line(ctx, p))
        with st.expander(ctx.t("targets_how"), icon=":material/calculate:"):
            st.text(p.method)


def targets_across(ctx: Ctx, indicator: str, regions=None, *, key: str) -> None:
    """One indicator across regions: required vs achieved growth per year, and a table of the numbers."""
    spec = P.ChartSpec("targets", {"indicator": indicator, **({"regions": list(regions)} if regions else {})})
    regs = tuple(regions) if regions is not None else None
    built = _targets_built(ctx.ds.signature, indicator, ctx.lang, regs, ctx.ds)
    if built is None:
        empty_state(ctx, "targets_none")
        return
    _show(ctx, built, key=key, spec=spec, filename=f"{indicator}_targets")
    items = _progress(ctx.ds.signature, None, indicator, regs, ctx.ds.facts)
    rows = [{
        ctx.t("region"): queries.region_label(ctx.ds, p.region, ctx.lang),
        ctx.t("targets_required"): fmt_rate(p.required, p.rate_unit, ctx.lang),
        ctx.t("targets_achieved"): fmt_rate(p.achieved, p.rate_unit, ctx.lang),
        ctx.t("progress"): ctx.t("status_" + p.status),
        ctx.t("targets_how"): p.method,
    } for p in items]
    st.dataframe(pd.DataFrame(rows), hide_index=True, key=f"{key}_table")


def fair_controls(ctx: Ctx, prefix: str, indicator: str, regions) -> tuple[str, str | None, bool]:
    """Measure switch (URL-bound), base year (index only) and the log toggle (linear by default)."""
    c1, c2, c3 = st.columns([4, 2, 2])
    measure = c1.segmented_control(ctx.t("fair_measure"), list(A.MEASURES), default="total", required=True,
                                   format_func=lambda m: ctx.t(f"measure_{m}"), key=f"{prefix}_fair_m",
                                   bind="query-params") or "total"
    base = None
    if measure == "index":
        f = ctx.ds.facts
        sel = f.loc[(f["indicator"].astype(str) == indicator) & (f["kind"].astype(str) == "actual")]
        if regions is not None:
            sel = sel.loc[sel["region"].astype(str).isin(list(regions))]
        years = sort_periods(sel["period"].astype(str).unique())
        if years:
            base = c2.selectbox(ctx.t("base_year"), years, format_func=lambda p: fmt_period(p, ctx.lang),
                                key=f"{prefix}_fair_base", bind="query-params")
    log = c3.toggle(ctx.t("log_scale"), value=False, key=f"{prefix}_fair_log", bind="query-params")
    return measure, base, log


def fair_view(ctx: Ctx, indicator: str, regions=None, *, prefix: str) -> None:
    measure, base, log = fair_controls(ctx, prefix, indicator, regions)
    hint(ctx, "fair_hint")
    params = {"indicator": indicator, "measure": measure, "log": log, "chart": "bar"}
    if regions is not None:
        params["regions"] = list(regions)
    if base:
        params["base"] = base
    built = P.build_fair(ctx.ds, indicator, measure, ctx.lang, regions, base, log, "bar")
    picked = _show(ctx, built, key=f"{prefix}_fair_bar", spec=P.ChartSpec("fair", params),
                   filename=f"{indicator}_{measure}")
    derived_table(ctx, indicator, measure, regions, base, key=f"{prefix}_fair_table", exclude=picked)
    if measure == "index" and built is not None:  # an index is read over time
        lp = {**params, "chart": "line"}
        line = P.build_fair(ctx.ds, indicator, measure, ctx.lang, regions, base, log, "line")
        _show(ctx, line, key=f"{prefix}_fair_line", spec=P.ChartSpec("fair", lp), filename=f"{indicator}_index_line")


def derived_table(ctx: Ctx, indicator: str, measure: str, regions, base, *, key: str, exclude=()) -> None:
    """Each region's derived value with how it was computed (or why it is missing), the facts that went
    into it and their articles. Selecting rows shows the quotes."""
    df = A.derive(ctx.ds.facts, indicator, measure, regions=regions, latest=True, base_period=base)
    if df.empty:
        return
    out = pd.DataFrame({
        "fact_id": [ids[0] for ids in df["fact_ids"]],
        ctx.t("region"): [queries.region_label(ctx.ds, r, ctx.lang) for r in df["region"]],
        ctx.t("period"): [fmt_period(p, ctx.lang) for p in df["period"]],
        ctx.t("value"): [fmt_derived(v, u, ctx.lang) if v == v else ctx.t("fair_missing")
                         for v, u in zip(df["value"], df["unit"], strict=True)],
        ctx.t("targets_how"): [m or r for m, r in zip(df["method"], df["missing"], strict=True)],
        ctx.t("fair_table_facts"): [", ".join(ids) for ids in df["fact_ids"]],
        ctx.t("source"): ["；".join(queries.article_label(ctx.ds, d) for d in docs) for docs in df["docs"]],
    })
    ev = st.dataframe(out, hide_index=True, column_config={"fact_id": None}, key=key, on_select="rerun",
                      selection_mode="multi-row")
    rows = list(getattr(getattr(ev, "selection", None), "rows", []) or [])
    ids = [i for r in rows if 0 <= r < len(df) for i in df["fact_ids"].iloc[r] if i not in set(exclude)]
    if ids:
        show_provenance(ctx, ids, key=f"{key}_prov")


def quadrant_view(ctx: Ctx, indicator: str, regions=None, *, prefix: str) -> None:
    log = st.toggle(ctx.t("log_scale"), value=False, key=f"{prefix}_quad_log", bind="query-params")
    params = {"indicator": indicator, "log": log, **({"regions": list(regions)} if regions is not None else {})}
    built = P.build_quadrant(ctx.ds, indicator, ctx.lang, regions, log)
    _show(ctx, built, key=f"{prefix}_quadrant", spec=P.ChartSpec("quadrant", params), filename=f"{indicator}_quadrant")
