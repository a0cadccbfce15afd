"""数据 Data: the facts table with filters, and a CSV download of exactly the rows and columns shown,
headed by a citation line and the meaning of each column."""

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import archive as A
from dashboard import cached as q
from dashboard.citation import citation_csv
from dashboard.data import clean_quote
from dashboard.i18n import (
    column_label,
    fmt_compact,
    fmt_period,
    kind_label,
    screen_doc,
    source_label,
    status_label,
    t,
)
from dashboard.review import status_text
from dashboard.review import tr as review_text
from dashboard.ui import empty_state, filters_container, hint, page_setup, show_provenance, url_multiselect


def conflict_text(alternatives, preferred, rule, lang: str) -> str:
    """'首选（更晚发布）· 另有1个数值' / 'preferred (later publication) · 1 other value' / '' without a conflict."""
    n = int(pd.to_numeric(alternatives, errors="coerce") or 0)
    if n <= 0:
        return ""
    chosen = str(preferred).lower() == "true"
    state = t("conflict_cell_preferred", lang, rule=t("prefer_" + str(rule), lang)) if chosen else t(
        "conflict_cell_other", lang)
    return f"{state} · {t('conflict_cell_count', lang, n=n)}"


# The CSV keeps the facts table's columns and codes (spec/DATA.md), with the quote cleaned; the screen shows
# the same rows in words: labels in the reader's language, values with their unit as a reader writes them.
COLUMNS = ["region", "indicator", "subject", "kind", "value", "unit", "qualifier", "rank_of", "period", "status",
           "quote", "title", "date", "source", "doc", "note", "fact_id"]


def csv_view(shown: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The rows as the CSV has them: the facts table's columns and codes, the quote cleaned, and the conflict."""
    view = shown[COLUMNS].copy()
    view["conflict"] = [conflict_text(a, p, r, lang) for a, p, r in
                        zip(shown.get("alternatives", pd.Series(0, index=shown.index)),
                            shown.get("preferred", pd.Series("true", index=shown.index)),
                            shown.get("preferred_by", pd.Series("", index=shown.index)), strict=True)]
    for col in ("region", "indicator", "kind", "unit", "period", "status", "doc"):
        view[col] = view[col].astype(str)
    view["quote"] = [clean_quote(x) for x in view["quote"]]
    return view


SCREEN = ["region", "indicator", "subject", "kind", "value", "conflict", "period", "status", "quote", "title", "date",
          "source", "note", "fact_id"]
WIDTHS = {"region": "small", "indicator": "medium", "subject": "medium", "kind": "small", "value": "medium",
          "period": "medium", "status": "small", "quote": "large", "title": "medium", "date": "small",
          "source": "medium", "note": "medium", "fact_id": "small", "conflict": "medium"}


def screen_view(v: pd.DataFrame, confidence: pd.Series, lang: str, ds) -> pd.DataFrame:
    """The CSV view's rows in words: labels in the reader's language, values as a reader writes them."""
    wording = t("curator_wording", lang)
    return pd.DataFrame({
        "region": [q.region_label(ds, r, lang) for r in v["region"]],
        "indicator": [q.indicator_label(ds, i, lang, s) for i, s in zip(v["indicator"], v["subject"], strict=True)],
        "subject": [q.wording(s, lang) if s else "" for s in v["subject"]],
        "kind": [kind_label(k, lang) for k in v["kind"]],
        "value": [fmt_compact(x, u, qq, lang, k, p) for x, u, qq, k, p in
                  zip(v["value"], v["unit"], v["qualifier"], v["kind"], v["rank_of"], strict=True)],
        "conflict": v["conflict"].to_numpy(),
        "period": [fmt_period(p, lang) for p in v["period"]],
        "status": [status_text(s, c, lang) for s, c in zip(v["status"], confidence, strict=True)],
        "quote": v["quote"].to_numpy(),
        "title": v["title"].to_numpy(),
        "date": v["date"].to_numpy(),
        "source": [source_label(str((ds.articles.get(d) or {}).get("source") or ""), lang,
                                str((ds.articles.get(d) or {}).get("source_en") or "")) for d in v["doc"]],
        "note": [f"{wording}{n}" if str(n).strip() else "" for n in v["note"]],
        "fact_id": v["fact_id"].to_numpy(),
    })


@st.cache_data(show_spinner=False, max_entries=32)
def readable(signature: tuple, ids: tuple, lang: str, _view, _confidence, _ds) -> pd.DataFrame:
    """An archive's rows (a query's first rows) in words."""
    return screen_view(_view, _confidence, lang, _ds)


@st.cache_resource(show_spinner=False, max_entries=8)
def table_all(signature: tuple, lang: str, _ds) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The shipped dataset's whole table three ways, built once per dataset (its signature includes the
    sidebar filters) and language, shared by the sessions and never changed: the facts with their articles
    (the filters select from it), the CSV view and the screen view, all on the same index. A filter change
    then costs a boolean mask and a row selection, not a label lookup per row (issue 16: 836 ms a rerun on
    50,000 facts)."""
    facts = q.facts_with_articles(_ds)
    view = csv_view(facts, lang)
    return facts, view, screen_view(view, facts["confidence"], lang, _ds)


@st.cache_resource(show_spinner=False, max_entries=8)
def periods_of(signature: tuple, _ds) -> list[str]:
    facts = q.facts_with_articles(_ds)
    return q.sort_periods(facts["period"].astype(str).unique())[::-1]


ctx = page_setup("data")
ds, lang = ctx.ds, ctx.lang
st.title(ctx.t("dat_title"))

ARCHIVE = A.is_archive(ds)
ARCHIVE_ROWS = 2000  # an archive: the first rows of the matching facts, queried with the filters in SQL


@st.cache_data(show_spinner=False, max_entries=32)
def archive_rows(signature: tuple, filters: tuple, _ds) -> tuple:
    return A.data_page(_ds, **dict(filters), limit=ARCHIVE_ROWS)


@st.cache_data(show_spinner=False, max_entries=8)
def archive_options(signature: tuple, _ds) -> tuple:
    return A.data_page_options(_ds)


if ARCHIVE:
    ind_opts, periods, has_other = archive_options(ds.signature, ds)
    indicators = [*ind_opts, *(["other"] if has_other else [])]
else:
    facts, view_all, screen_all = table_all(ds.signature, lang, ds)
    indicators = [*q.indicator_options(ds), *(["other"] if (facts["indicator"].astype(str) == "other").any() else [])]
    periods = periods_of(ds.signature, ds)
regions = q.regions_with_data(ds)

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
    only_conflicts = st.toggle(ctx.t("dat_conflicts"), key="dat_conflicts", bind="query-params",
                               help=ctx.t("dat_conflicts_help"))

if ARCHIVE:  # the same filters as SQL; the matching rows come back in the same order, the first ARCHIVE_ROWS
    facts, n_matching = archive_rows(ds.signature, (("indicators", tuple(inds)), ("regions", tuple(regs)),
                                                    ("kinds", tuple(kinds)), ("statuses", tuple(statuses)),
                                                    ("periods", tuple(pers)), ("text", text_q.strip())), ds)
    ctx.ds = A.Dataset(facts=facts, indicators=ds.indicators, articles=ds.articles, regions=ds.regions,
                       data_dir=ds.data_dir, signature=ds.signature)  # the cards below read these rows
    shown = facts.loc[q.conflict_mask(facts)] if only_conflicts else facts
else:
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
    if only_conflicts:
        mask &= q.conflict_mask(facts)
    shown = facts.loc[mask]

# rows of the tables built once (the same rows as `shown`, in the same order); an archive's rows are new each query
view = csv_view(shown, lang) if ARCHIVE else view_all.loc[shown.index]
if ARCHIVE:
    total_facts = A.count_facts(ds)[0]
    st.text(ctx.t("dat_shown", n=f"{n_matching:,}", total=f"{total_facts:,}"))
    if n_matching > len(facts):
        st.caption(review_text("rv_first_rows", lang, n=f"{len(facts):,}", total=f"{n_matching:,}"))
else:
    st.text(ctx.t("dat_shown", n=f"{len(view):,}", total=f"{len(facts):,}"))
if view.empty:
    empty_state(ctx)
else:
    screen = (readable(ds.signature, tuple(view["fact_id"]), lang, view, shown["confidence"], ds) if ARCHIVE
              else screen_all.loc[shown.index].reset_index(drop=True))
    ev = st.dataframe(
        screen, hide_index=True, key="dat_table", on_select="rerun", selection_mode="multi-row",
        column_config={c: st.column_config.TextColumn(column_label(c, lang), width=WIDTHS[c],
                                                      help=screen_doc(c, lang) or None) for c in SCREEN},
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
        {ctx.t("dat_column"): [column_label(c, lang) for c in SCREEN if screen_doc(c, lang)],
         ctx.t("definition"): [screen_doc(c, lang) for c in SCREEN if screen_doc(c, lang)]},
        hide_index=True, column_config={ctx.t("definition"): st.column_config.TextColumn(width="large")},
    )
    hint(ctx, "dat_csv_codes")
