"""指标 Indicator: definition, unit and category; every region's values; coverage of regions × periods."""

import streamlit as st

from dashboard import cached as q
from dashboard import figures as F
from dashboard.analyst_views import fair_view, quadrant_view, targets_across
from dashboard.archive import scoped
from dashboard.i18n import kind_label, level_label
from dashboard.ui import (
    alt_text,
    empty_state,
    filters_container,
    hint,
    page_setup,
    show_chart,
    show_provenance,
    source_line,
    unit_text,
    url_selectbox,
    url_tabs,
)
from dashboard.views import ranking_chart, values_table

ctx = page_setup("indicator")
ds, lang = ctx.ds, ctx.lang
st.title(ctx.t("ind_title"))

indicators = q.indicator_options(ds)
if not indicators:
    empty_state(ctx, "no_data")
    st.stop()

with filters_container(ctx):
    c1, c2, c3 = st.columns([3, 2, 2])
    ind = url_selectbox(ctx, c1, ctx.t("indicator"), indicators, key="ind_ind",
                        default="digital_economy_scale" if "digital_economy_scale" in indicators else indicators[0],
                        labeler=lambda i, lg: q.indicator_label(ds, i, lg))
    ds = ctx.ds = scoped(ds, indicator=ind)  # an archive: this indicator's facts (the shipped dataset: unchanged)
    kinds = q.kinds_for(ds, ind) or ["actual"]
    kind = url_selectbox(ctx, c2, ctx.t("measure"), kinds, key="ind_kind", labeler=kind_label)
    present = set(q.facts_for(ds, ind, kind)["region_level"].astype(str))
    levels = [lv for lv in ("province", "nation", "area", "city") if lv in present] or ["province"]
    level = url_selectbox(ctx, c3, ctx.t("level"), levels, key="ind_lvl", labeler=level_label)

meta = ds.indicators.get(ind, {})
name = q.indicator_label(ds, ind, lang)
st.header(name)
d1, d2, d3 = st.columns([4, 1, 2])
with d1:
    st.markdown(f"**{ctx.t('definition')}**")
    st.text(str(meta.get("definition_en" if lang == "en" else "definition") or meta.get("definition") or "–"))
with d2:
    st.markdown(f"**{ctx.t('unit')}**")
    st.text(unit_text(ctx, str(meta.get("unit", q.dominant_unit(q.facts_for(ds, ind, "actual"))))))
with d3:
    st.markdown(f"**{ctx.t('category')}**")
    cat = meta.get("category_en" if lang == "en" else "category_zh") or meta.get("category") or "–"
    st.text(str(cat))

# Tabs that run only when open (bound to the URL, so a link can open any of them): the first load draws one
# chart, and the facts table's grid code is loaded only by those who open it.
t_vals, t_cov, t_table, t_targets, t_fair, t_quad = url_tabs(
    ctx, "ind_tab", [("values", "ind_values"), ("coverage", "tab_coverage"), ("table", "tab_table"),
                     ("targets", "targets_view"), ("fair", "tab_fair"), ("quadrant", "tab_quadrant")])

if t_vals.open:
    with t_vals:
        hint(ctx, "click_hint")
        vals = q.values_by_region(ds, ind, kind, None, levels=(level,), lang=lang)
        if vals.df.empty:
            empty_state(ctx)
        else:
            title = f"{name}（{kind_label(kind, lang)}）" if lang == "zh" else f"{name} ({kind_label(kind, lang)})"
            ranking_chart(ctx, vals, indicator=ind, kind=kind, key="ind_rank", latest=True, title=title)

if t_cov.open:
    with t_cov:
        hint(ctx, "click_hint")
        cov = q.coverage(ds, ind, lang)
        title = ctx.t("coverage_title", indicator=name)
        sub = ctx.t("coverage_sub")
        src = source_line(ctx, q.facts_for(ds, ind)["doc"].astype(str))
        fig = q.figure(("coverage", ds.signature, ind, title, sub, src, lang),
                       lambda: F.make_coverage_figure(cov, title=title, subtitle=sub, source=src, lang=lang))
        show_chart(ctx, fig, key="ind_coverage", alt=alt_text(ctx, title, sub), filename=f"{ind}_coverage")

if t_table.open:
    with t_table:
        hint(ctx, "table_hint")
        every = q.order_by_region(ds, q.best_facts(q.facts_for(ds, ind)))
        picked = values_table(ctx, every, key="ind_table")
        if picked:
            show_provenance(ctx, picked, key="ind_table_prov")

# analyst views: every region's progress to target, the fair comparison, level vs growth (provinces by default)
if t_targets.open:
    with t_targets:
        targets_across(ctx, ind, key="ind_targets")

if t_fair.open:
    with t_fair:
        fair_view(ctx, ind, prefix="ind")

if t_quad.open:
    with t_quad:
        quadrant_view(ctx, ind, prefix="ind")
