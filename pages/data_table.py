"""数据 Data: the facts table with filters, and a CSV download of exactly the rows and columns shown,
headed by a citation line and the meaning of each column."""

import datetime as dt

import streamlit as st

from dashboard import cached as q
from dashboard.citation import citation_csv
from dashboard.i18n import COLUMN_DOC, column_label, fmt_period, kind_label, status_label
from dashboard.ui import empty_state, filters_container, page_setup, show_provenance, url_multiselect

ctx = page_setup("data")
ds, lang = ctx.ds, ctx.lang
st.title(ctx.t("dat_title"))

facts = q.facts_with_articles(ds)  # sorted by region, indicator, kind, period; with article title/date/source
indicators = [*q.indicator_options(ds), *(["other"] if (facts["indicator"].astype(str) == "other").any() else [])]
regions = q.regions_with_data(ds)
periods = q.sort_periods(facts["period"].astype(str).unique())[::-1]

with filters_container(ctx):
    c1, c2 = st.columns(2)
    inds = url_multiselect(ctx, c1, ctx.t("indicator"), indicators, key="dat_ind", placeholder=ctx.t("all"),
                           labeler=lambda i, lg: q.indicator_label(ds, i, lg))
    regs = url_multiselect(ctx, c2, ctx.t("regions"), regions, key="dat_reg", placeholder=ctx.t("all"),
                           labeler=lambda r, lg: q.region_label(ds, r, lg))
    c3, c4, c5, c6 = st.columns([2, 2, 2, 3])
    kinds = url_multiselect(ctx, c3, ctx.t("kinds"), ["actual", "target", "change", "rank"], key="dat_kind",
                            labeler=kind_label, placeholder=ctx.t("all"))
    statuses = url_multiselect(ctx, c4, ctx.t("statuses"), ["accepted", "edited", "added", "unreviewed"],
                               key="dat_status", labeler=status_label, placeholder=ctx.t("all"))
    pers = url_multiselect(ctx, c5, ctx.t("period"), periods, key="dat_per", labeler=fmt_period,
                           placeholder=ctx.t("all"))
    text_q = c6.text_input(ctx.t("dat_search"), key="dat_q", bind="query-params")

mask = facts["fact_id"].notna()
if inds:
    mask &= facts["indicator"].isin(inds)
if regs:
    mask &= facts["region"].isin(regs)
if kinds:
    mask &= facts["kind"].isin(kinds)
if statuses:
    mask &= facts["status"].isin(statuses)
if pers:
    mask &= facts["period"].isin(pers)
if text_q.strip():
    needle = text_q.strip()
    mask &= (facts["quote"].str.contains(needle, case=False, regex=False)
             | facts["subject"].str.contains(needle, case=False, regex=False))
shown = facts.loc[mask]

COLUMNS = ["region", "indicator", "subject", "kind", "value", "unit", "qualifier", "period", "status", "quote",
           "title", "date", "source", "doc", "note", "fact_id"]
view = shown[COLUMNS].copy()
for col in ("region", "indicator", "kind", "unit", "period", "status", "doc"):
    view[col] = view[col].astype(str)

st.text(ctx.t("dat_shown", n=f"{len(view):,}", total=f"{len(facts):,}"))
if view.empty:
    empty_state(ctx)
else:
    ev = st.dataframe(
        view, hide_index=True, key="dat_table", on_select="rerun", selection_mode="multi-row",
        column_config={
            "value": st.column_config.NumberColumn(column_label("value", lang), format="%g"),
            "quote": st.column_config.TextColumn(column_label("quote", lang), width="large"),
            **{c: st.column_config.Column(column_label(c, lang), help=COLUMN_DOC[c][1 if lang == "en" else 0]
                                          if c in COLUMN_DOC else None)
               for c in COLUMNS if c not in ("value", "quote")},
        },
    )
    rows = list(getattr(getattr(ev, "selection", None), "rows", []) or [])
    if rows:
        show_provenance(ctx, [view["fact_id"].iloc[i] for i in rows if 0 <= i < len(view)], key="dat_prov")

    today = dt.date.today().isoformat()
    filters = {"indicator": inds, "region": regs, "kind": kinds, "status": statuses, "period": pers, "q": text_q.strip()}
    st.download_button(
        ctx.t("dat_download", n=f"{len(view):,}"),
        data=lambda: citation_csv(view, lang=lang, date=today, filters=filters),
        file_name=f"regional_digital_economy_{today}.csv", mime="text/csv", key="dat_download",
        icon=":material/download:", on_click="ignore", type="primary",
    )

with st.expander(ctx.t("dat_columns"), icon=":material/help:"):
    st.dataframe(
        {ctx.t("dat_column"): [f"{column_label(c, lang)} ({c})" for c in COLUMNS if c in COLUMN_DOC],
         ctx.t("definition"): [COLUMN_DOC[c][1 if lang == "en" else 0] for c in COLUMNS if c in COLUMN_DOC]},
        hide_index=True,
    )
