"""总览 Overview: headline numbers, a province map and ranking for one indicator, the newest facts."""

import streamlit as st

from dashboard import cached as q
from dashboard.i18n import fmt_period, kind_label
from dashboard.ui import empty_state, fact_card, filters_container, fmt_indicator, headline_cards, hint, page_setup
from dashboard.views import map_chart, ranking_chart

LATEST = "latest"

ctx = page_setup("overview")
ds, lang = ctx.ds, ctx.lang

st.title(ctx.t("ov_title"))
hint(ctx, "ov_intro")

h = q.headline(ds)
headline_cards([
    (ctx.t("m_regions"), f"{h['regions']:,}"),
    (ctx.t("m_indicators"), f"{h['indicators']:,}"),
    (ctx.t("m_facts"), f"{h['facts']:,}"),
    (ctx.t("m_articles"), f"{h['articles']:,}"),
    (ctx.t("m_latest"), fmt_period(h["latest"], lang) if h["latest"] else "–"),
])

indicators = q.indicator_options(ds)
if not indicators:
    empty_state(ctx, "no_data")
    st.stop()

with filters_container(ctx):
    c1, c2, c3 = st.columns([3, 2, 2])
    default_ind = indicators.index(q.map_default_indicator(ds, indicators))
    ind = c1.selectbox(ctx.t("indicator"), indicators, index=default_ind, format_func=fmt_indicator(ctx),
                       key="ov_ind", bind="query-params")
    kinds = q.kinds_for(ds, ind) or ["actual"]
    kind = c2.selectbox(ctx.t("measure"), kinds, format_func=lambda k: kind_label(k, lang), key="ov_kind",
                        bind="query-params")
    periods = q.period_options(ds, ind, kind)
    period = c3.selectbox(ctx.t("period"), [LATEST, *periods[::-1]],
                          format_func=lambda p: ctx.t("latest") if p == LATEST else fmt_period(p, lang),
                          key="ov_per", bind="query-params")

latest = period == LATEST
vals = q.values_by_region(ds, ind, kind, None if latest else period, lang=lang)
ind_name = q.indicator_label(ds, ind, lang)
hint(ctx, "click_hint")

if vals.df.empty:
    empty_state(ctx)
else:
    map_chart(ctx, vals, indicator=ind, kind=kind, key="ov_map", latest=latest,
              title=ctx.t("map_title", indicator=ind_name, kind=kind_label(kind, lang)))
    ranking_chart(ctx, vals, indicator=ind, kind=kind, key="ov_rank", latest=latest,
                  title=ctx.t("rank_title", indicator=ind_name))

st.subheader(ctx.t("newest_facts"))
newest = q.newest_facts(ds, 6)
if newest.empty:
    empty_state(ctx, "no_data")
else:
    grid = st.columns(2)
    for i, (_, row) in enumerate(newest.iterrows()):
        with grid[i % 2]:
            fact_card(ctx, row, key=f"ov_new_{i}")
