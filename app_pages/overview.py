"""总览 Overview: headline numbers, a province map and ranking for one indicator, the newest facts."""

import streamlit as st

from dashboard import cached as q
from dashboard.archive import scoped
from dashboard.i18n import fmt_period, kind_label, t
from dashboard.ui import (
    empty_state,
    fact_card,
    filters_container,
    headline_cards,
    hint,
    page_setup,
    url_selectbox,
    url_tabs,
)
from dashboard.views import map_chart, ranking_chart

LATEST = "latest"

ctx = page_setup("overview")
ds, lang = ctx.ds, ctx.lang
full = ds  # the whole dataset (an archive: SQL over all of it)

st.title(ctx.t("ov_title"))
hint(ctx, "ov_intro")

# The headline cards sit here but are drawn after the chart (see the end of the chart section): elements
# reach the browser in the order they are written, and the chart's script, the page's largest, is then
# requested before the cards' (bench/RESULTS.md, page loads).
headline_slot = st.container()


def draw_headline() -> None:
    h = q.headline(full)
    with headline_slot:
        headline_cards([
            (ctx.t("m_regions"), f"{h['regions']:,}"),
            (ctx.t("m_indicators"), f"{h['indicators']:,}"),
            (ctx.t("m_facts"), f"{h['facts']:,}"),
            (ctx.t("m_articles"), f"{h['articles']:,}"),
            (ctx.t("m_latest"), fmt_period(h["latest"], lang) if h["latest"] else "–"),
        ])


indicators = q.indicator_options(ds)
if not indicators:
    draw_headline()
    empty_state(ctx, "no_data")
    st.stop()

with filters_container(ctx):
    c1, c2, c3 = st.columns([3, 2, 2])
    ind = url_selectbox(ctx, c1, ctx.t("indicator"), indicators, key="ov_ind",
                        default=q.map_default_indicator(ds, indicators),
                        labeler=lambda i, lg: q.indicator_label(ds, i, lg))
    # an archive: the chosen indicator's facts from here on (the shipped dataset: the same object)
    ds = ctx.ds = scoped(full, indicator=ind)
    kinds = q.kinds_for(ds, ind) or ["actual"]
    kind = url_selectbox(ctx, c2, ctx.t("measure"), kinds, key="ov_kind", labeler=kind_label)
    periods = q.period_options(ds, ind, kind)
    period = url_selectbox(ctx, c3, ctx.t("period"), [LATEST, *periods[::-1]], key="ov_per",
                           labeler=lambda p, lg: t("latest", lg) if p == LATEST else fmt_period(p, lg))

latest = period == LATEST
vals = q.values_by_region(ds, ind, kind, None if latest else period, lang=lang)
ind_name = q.indicator_label(ds, ind, lang)
hint(ctx, "click_hint")

if vals.df.empty:
    empty_state(ctx)
else:
    # Map and ranking are tabs bound to the URL, and only the open one runs (as on the other pages): a first
    # load draws one chart, and a shared link can open either.
    t_map, t_rank = url_tabs(ctx, "ov_tab", [("map", "tab_map"), ("ranking", "tab_ranking")])
    if t_map.open:
        with t_map:
            map_chart(ctx, vals, indicator=ind, kind=kind, key="ov_map", latest=latest,
                      title=ctx.t("map_title", indicator=ind_name, kind=kind_label(kind, lang)))
    if t_rank.open:
        with t_rank:
            ranking_chart(ctx, vals, indicator=ind, kind=kind, key="ov_rank", latest=latest,
                          title=ctx.t("rank_title", indicator=ind_name))
draw_headline()

st.subheader(ctx.t("newest_facts"))
newest = q.newest_facts(full, 6)
if newest.empty:
    empty_state(ctx, "no_data")
else:
    grid = st.columns(2)
    for i, (_, row) in enumerate(newest.iterrows()):
        with grid[i % 2]:
            fact_card(ctx, row, key=f"ov_new_{i}")
