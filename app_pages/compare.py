"""对比 Compare: one indicator across chosen regions — one period, over time, actual vs target, table."""

import pandas as pd
import streamlit as st

from dashboard import cached as q
from dashboard.analyst_views import fair_view, quadrant_view
from dashboard.archive import scoped
from dashboard.i18n import fmt_period, kind_label, t
from dashboard.ui import (
    empty_state,
    filters_container,
    fmt_region,
    hint,
    page_setup,
    show_provenance,
    url_multiselect,
    url_selectbox,
    url_tabs,
)
from dashboard.views import lines_chart, ranking_chart, target_chart, values_table

LATEST = "latest"
ALL = "all"
CUSTOM = "custom"

ctx = page_setup("compare")
ds, lang = ctx.ds, ctx.lang
st.title(ctx.t("cmp_title"))

indicators = q.indicator_options(ds)
if not indicators:
    empty_state(ctx, "no_data")
    st.stop()

groups = q.region_groups(ds)  # keys stay Chinese (stable ids); labels follow the language



def members_line(names: list[str]) -> str:
    sep, colon = ("、", "：") if lang == "zh" else (", ", ": ")
    return ctx.t("members") + colon + sep.join(fmt_region(ctx)(r) for r in names) if names else ""


with filters_container(ctx):
    c1, c2, c3 = st.columns([3, 2, 2])
    ind = url_selectbox(ctx, c1, ctx.t("indicator"), indicators, key="cmp_ind",
                        default="digital_economy_scale" if "digital_economy_scale" in indicators else indicators[0],
                        labeler=lambda i, lg: q.indicator_label(ds, i, lg))
    kinds = [k for k in q.kinds_for(ds, ind) if k != "target"] or ["actual"]
    kind = url_selectbox(ctx, c2, ctx.t("measure"), kinds, key="cmp_kind", labeler=kind_label)
    periods = q.period_options(ds, ind, kind)
    period = url_selectbox(ctx, c3, ctx.t("period"), [LATEST, *periods[::-1]], key="cmp_per",
                           labeler=lambda p, lg: t("latest", lg) if p == LATEST else fmt_period(p, lg))
    g1, g2 = st.columns([2, 5])
    scope_opts = [ALL, *groups, CUSTOM]
    scope = url_selectbox(
        ctx, g1, ctx.t("region_group"), scope_opts, key="cmp_grp",
        labeler=lambda s, lg: t("all_regions", lg) if s == ALL else t("group_none", lg) if s == CUSTOM
        else q.group_label(ds, s, lg))
    with_data = q.regions_with_data(ds)
    if scope == CUSTOM:
        default_regions = q.default_custom_regions(ds, ind, kind)
        regions = url_multiselect(ctx, g2, ctx.t("regions"), with_data, key="cmp_reg", default=default_regions,
                                  labeler=lambda r, lg: q.region_label(ds, r, lg), placeholder=ctx.t("regions"))
    elif scope == ALL:
        regions = [r for r in with_data if ds.regions.get(r, {}).get("level") == "province"]
        g2.text(members_line(regions))
    else:
        regions = list(groups.get(scope, []))
        g2.text(members_line(regions))

ds = ctx.ds = scoped(ds, indicator=ind)  # an archive: this indicator's facts (the shipped dataset: unchanged)
hint(ctx, "click_hint")
if not regions:
    empty_state(ctx)
    st.stop()

ind_name = q.indicator_label(ds, ind, lang)
latest = period == LATEST
scope_label = (ctx.t("all_regions") if scope == ALL else "" if scope == CUSTOM else q.group_label(ds, scope, lang))
t_bar, t_line, t_target, t_table, t_fair, t_quad = url_tabs(
    ctx, "cmp_tab", [("bar", "tab_bar"), ("line", "tab_line"), ("target", "tab_target"), ("table", "tab_table"),
                     ("fair", "tab_fair"), ("quadrant", "tab_quadrant")])

if t_bar.open:
    with t_bar:
        vals = q.values_by_region(ds, ind, kind, None if latest else period, regions=regions, lang=lang)
        if vals.df.empty:
            empty_state(ctx)
        else:
            title = ctx.t("cmp_bar_title", indicator=f"{ind_name}（{kind_label(kind, lang)}）" if lang == "zh"
                          else f"{ind_name} ({kind_label(kind, lang)})",
                          period=ctx.t("latest") if latest else fmt_period(period, lang))
            ranking_chart(ctx, vals, indicator=ind, kind=kind, key="cmp_bar", latest=latest, title=title,
                          scope=scope_label)

if t_line.open:
    with t_line:
        ser = q.series(ds, ind, kind, regions, lang)
        if ser.empty:
            empty_state(ctx)
        else:
            lines_chart(ctx, ser, indicator=ind, kind=kind, key="cmp_line",
                        title=ctx.t("cmp_line_title", indicator=ind_name), scope=scope_label)

if t_target.open:
    with t_target:
        at = q.actual_vs_target(ds, ind, regions, lang)
        if at.empty:
            empty_state(ctx, "cmp_no_target")
        else:
            target_chart(ctx, at, indicator=ind, key="cmp_target", title=ctx.t("cmp_at_title", indicator=ind_name),
                         scope=scope_label)

if t_table.open:
    with t_table:
        ser = q.series(ds, ind, kind, regions, lang)
        tg = q.best_facts(q.facts_for(ds, ind, "target"))
        tg = tg.loc[tg["region"].isin(regions)]
        table = pd.concat([ser, tg]).sort_values(["region", "kind", "period_key"]) if not tg.empty else ser
        if table.empty:
            empty_state(ctx)
        else:
            picked = values_table(ctx, table, key="cmp_table")
            if picked:
                show_provenance(ctx, picked, key="cmp_table_prov")

if t_fair.open:
    with t_fair:
        fair_view(ctx, ind, regions, prefix="cmp")

if t_quad.open:
    with t_quad:
        quadrant_view(ctx, ind, regions, prefix="cmp")
