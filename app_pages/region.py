"""地区 Region profile: every indicator for one region, its targets and progress, its rank, a timeline."""

import streamlit as st

from dashboard import cached as q
from dashboard import figures as F
from dashboard.analysis import target_progress
from dashboard.analyst_views import region_targets, target_verdict
from dashboard.archive import scoped
from dashboard.data import clean_quote
from dashboard.i18n import fmt_period, fmt_value, level_label
from dashboard.regions import GROUP_EN
from dashboard.ui import (
    alt_text,
    empty_state,
    filters_container,
    hint,
    page_setup,
    reader_link,
    show_chart,
    show_provenance,
    source_line,
    url_selectbox,
    url_tabs,
)
from dashboard.views import values_table

ctx = page_setup("region")
ds, lang = ctx.ds, ctx.lang
st.title(ctx.t("reg_title"))

regions = q.regions_with_data(ds)
if not regions:
    empty_state(ctx, "no_data")
    st.stop()

with filters_container(ctx):
    region = url_selectbox(ctx, st, ctx.t("region"), regions, key="reg_reg",
                           default="湖北省" if "湖北省" in regions else regions[0],
                           labeler=lambda r, lg: q.region_label(ds, r, lg))

full = ds
ds = ctx.ds = scoped(full, region=region)  # an archive: this region's facts (the shipped dataset: unchanged)
info = ds.regions.get(region, {})
name = q.region_label(ds, region, lang)
st.header(name)
facts_bits = [level_label(str(info.get("level", "")), lang)]
if info.get("group"):
    facts_bits.append(str(info["group"]) if lang == "zh" else GROUP_EN.get(str(info["group"]), str(info["group"])))
if info.get("province"):
    facts_bits.append(q.region_label(ds, str(info["province"]), lang))
if info.get("members"):
    sep, colon = ("、", "：") if lang == "zh" else (", ", ": ")
    facts_bits.append(ctx.t("members") + colon + sep.join(q.region_label(ds, str(m), lang) for m in info["members"]))
st.text(" · ".join(b for b in facts_bits if b))

profile = q.region_profile(ds, region)
if profile.empty:
    empty_state(ctx)
    st.stop()

# --- every indicator: as a table, or on a time axis --------------------------------------------------------
# Tabs that run only when open (bound to the URL): a first load draws the table alone, and the timeline's
# chart code is loaded only by those who open it.
t_table, t_timeline, t_targets = url_tabs(ctx, "reg_tab", [("table", "reg_all_indicators"),
                                                          ("timeline", "tab_timeline"), ("targets", "targets_view")])
if t_table.open:
    with t_table:
        hint(ctx, "table_hint")
        picked = values_table(ctx, profile, key="reg_table", with_region=False, with_indicator=True)
        if picked:
            show_provenance(ctx, picked, key="reg_table_prov")

if t_timeline.open:
    with t_timeline:
        hint(ctx, "click_hint")
        every = q.best_facts(ds.facts.loc[ds.facts["region"] == region])
        title = ctx.t("reg_timeline", region=name)
        periods = q.sort_periods(every["period"].astype(str))
        sub = ctx.t("subtitle_period", period=q.period_span_label(periods, lang))
        labels = {i: q.indicator_label(ds, i, lang) for i in every["indicator"].astype(str).unique()}
        src = source_line(ctx, every["doc"].astype(str))
        fig = q.figure(("timeline", ds.signature, region, title, sub, src, lang),
                       lambda: F.make_timeline_figure(every, title=title, subtitle=sub, source=src, lang=lang,
                                                      indicator_labels=labels))
        show_chart(ctx, fig, key="reg_timeline", alt=alt_text(ctx, title, sub), filename=f"{region}_timeline")

if t_targets.open:
    with t_targets:
        region_targets(ctx, region)



@st.cache_data(show_spinner=False, max_entries=64)
def _verdicts(signature: tuple, region: str, target_ids: tuple, _facts) -> dict:
    """Progress verdicts of the targets shown (each reads only its own region and indicator's facts)."""
    keep = (_facts["kind"].astype(str) != "target") | _facts["fact_id"].astype(str).isin(target_ids)
    return {p.target_fact: p for p in target_progress(_facts.loc[keep], region=region)}


left, right = st.columns(2, gap="large")
# --- targets and progress ------------------------------------------------------------------------------------
with left:
    st.subheader(ctx.t("reg_targets"))
    targets = profile.loc[profile["kind"].astype(str) == "target"]
    if targets.empty:
        st.text(ctx.t("reg_no_targets"))
    # A target pairs only with actuals of its own series (its subject, unless that is the indicator's own
    # measure); an uncatalogued (other) target only with its own subject.
    keys = dict.fromkeys((ind, subj if (ind == "other" or ser) else None)
                         for ind, subj, ser in zip(targets["indicator"].astype(str), targets["subject"].astype(str),
                                                   targets["series"].astype(str), strict=True))
    pairs = [(ind, subj, q.actual_vs_target(ds, ind, [region], lang, subject=subj)) for ind, subj in keys]
    # verdicts for the targets shown only (a region of an archive has hundreds of targets)
    shown_targets = {str(at.iloc[0]["target_fact"]) for _i, _s, at in pairs if not at.empty}
    verdicts = _verdicts(ds.signature, region, tuple(sorted(shown_targets)), ds.facts)
    for i, (ind, subj, at) in enumerate(pairs):
        if at.empty:
            continue
        r = at.iloc[0]
        label = q.indicator_label(ds, ind, lang, subject=subj or "")
        tgt = fmt_value(r["target_value"], r["unit"], r["target_qualifier"], lang)
        year = fmt_period(r["target_period"], lang).rstrip("年")
        with st.container(border=True):  # the indicator and its progress: one plain-text element
            if r["actual_fact"] and r["progress"] is not None:
                act = fmt_value(r["actual_value"], r["unit"], r["actual_qualifier"], lang)
                st.text(label + "\n" + ctx.t("progress_line", period=fmt_period(r["actual_period"], lang),
                                              actual=act, year=year, target=tgt, pct=f"{r['progress']:.0%}"))
                st.progress(max(0.0, min(1.0, float(r["progress"]))))
            else:
                st.text(label + "\n" + ctx.t("progress_no_actual", year=year, target=tgt))
            if str(r["target_fact"]) in verdicts:  # required vs achieved growth per year, on track or behind
                target_verdict(ctx, verdicts[str(r["target_fact"])])
            row = ds.facts.loc[ds.facts["fact_id"] == r["target_fact"]]
            if not row.empty:
                reader_link(ctx, str(row["doc"].iloc[0]), str(r["target_fact"]), key=f"reg_tg_{i}")

# --- ranks -----------------------------------------------------------------------------------------------------
with right:
    st.subheader(ctx.t("reg_ranks"))
    ranks = q.computed_ranks(full, region)  # ranks need the other regions too
    # One plain-text element per list (one line per rank): a region has dozens of ranks, and every element is
    # a message the browser renders on arrival.
    if ranks.empty:
        st.text(ctx.t("reg_no_ranks"))
    else:
        st.text("\n".join(  # a bullet per rank, so a wrapped line does not read as the next rank
            "· " + ctx.t("reg_rank_line", indicator=q.indicator_label(ds, r["indicator"], lang, r["series"]), rank=r["rank"],
                  n=r["n"], period=fmt_period(r["period"], lang)) for _, r in ranks.iterrows()))
    stated = profile.loc[profile["kind"].astype(str) == "rank"]
    if not stated.empty:
        st.markdown(f"**{ctx.t('reg_rank_stated')}**")
        colon, lp, rp = ("：", "（", "）") if lang == "zh" else (": ", " (", ") ")
        st.text("\n\n".join(
            f"{q.indicator_label(ds, str(r['indicator']), lang, str(r['subject']))}{colon}"
            f"{fmt_value(r['value'], str(r['unit']), str(r['qualifier']), lang, 'rank', str(r['rank_of']))}"
            f"{lp}{fmt_period(str(r['period']), lang)}{rp}“{clean_quote(str(r['quote']))}”"
            for _, r in stated.iterrows()))
