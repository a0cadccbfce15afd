"""简报包 Briefing pack: the charts added from any page, to reorder, retitle, remove, and download as PPTX / PDF.

The pack lives in the session (it survives page changes); its rebuildable charts are also mirrored into the URL
(``pack=``), so a copied link to this page reproduces them. Charts added as built figures stay in the session.
"""

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import archive as A
from dashboard import cached as q
from dashboard import pack as P
from dashboard.pack_ui import get_pack
from dashboard.ui import empty_state, fmt_indicator, fmt_region, hint, page_setup

ctx = page_setup("pack")
ds, lang = ctx.ds, ctx.lang
st.title(ctx.t("pack_title"))
pack = get_pack()
VIEW_LABELS = {"progress": "targets_view", "targets": "targets_view", "fair": "tab_fair", "quadrant": "tab_quadrant",
               "series": "tab_line", "figure": "pack_view_figure"}


def _retitle(i: int, key: str) -> None:
    pack.retitle(i, str(st.session_state.get(key) or ""))


def _set_title() -> None:
    pack.title = str(st.session_state.get("pack_deck_title") or "").strip()


def _add_all(make) -> None:
    for spec in make().items:
        pack.add(spec)


hint(ctx, "pack_url_hint")
if "pack_deck_title" not in st.session_state:
    st.session_state["pack_deck_title"] = pack.title or ctx.t("pack_default_title")
    pack.title = st.session_state["pack_deck_title"]
st.text_input(ctx.t("pack_deck_title"), key="pack_deck_title", on_change=_set_title)

# the deck at a glance: one row per chart slide, with the facts and articles it will cite
def _summary(spec: P.ChartSpec) -> tuple[str, int, str]:
    """(built title, number of facts, articles) of a chart, memoised per dataset, language and chart."""
    memo = st.session_state.setdefault("_pack_summaries", {})
    k = (ds.signature, lang, spec.key())
    if k not in memo:
        sds = A.union(ds, A.pack_scopes([spec]))  # an archive: the chart's slice (the shipped dataset: itself)
        b = P.build_chart(sds, spec, lang)
        docs = P.docs_of(sds, b.fact_ids) if b is not None else []
        memo[k] = (b.title if b is not None else spec.view, len(b.fact_ids) if b is not None else 0,
                   "；".join(q.article_label(ds, d) for d in docs))
    return memo[k]


rows = []
for i, spec in enumerate(pack.items):
    built_title, n_facts, articles = _summary(spec)
    rows.append({"#": i + 1, ctx.t("pack_item_title"): spec.title or built_title, ctx.t("n_facts"): n_facts,
                 ctx.t("source"): articles})
st.dataframe(pd.DataFrame(rows, columns=["#", ctx.t("pack_item_title"), ctx.t("n_facts"), ctx.t("source")]),
             hide_index=True, key="pack_overview")

if not pack.items:
    empty_state(ctx, "pack_empty")
else:
    st.caption(ctx.t("pack_count", n=len(pack.items)))
    for i, spec in enumerate(pack.items):
        with st.container(border=True, key=f"pack_item_{i}"):
            built_title = spec.title or _summary(spec)[0]
            c1, c2, c3, c4 = st.columns([5, 1.4, 1.4, 1.4], vertical_alignment="bottom")
            tkey = f"pack_t_{spec.uid}"
            if tkey not in st.session_state:
                st.session_state[tkey] = built_title
            c1.text_input(f"{i + 1}. {ctx.t('pack_item_title')} · {ctx.t(VIEW_LABELS.get(spec.view, 'pack_title'))}",
                          key=tkey, on_change=_retitle, args=(i, tkey))
            c2.button(ctx.t("pack_up"), key=f"pack_up_{spec.uid}", icon=":material/arrow_upward:",
                      disabled=i == 0, on_click=pack.move, args=(i, -1))
            c3.button(ctx.t("pack_down"), key=f"pack_down_{spec.uid}", icon=":material/arrow_downward:",
                      disabled=i == len(pack.items) - 1, on_click=pack.move, args=(i, 1))
            c4.button(ctx.t("pack_remove"), key=f"pack_rm_{spec.uid}", icon=":material/delete:",
                      on_click=pack.remove, args=(i,))

    stamp = dt.date.today().isoformat()
    d1, d2, d3 = st.columns([2, 2, 4])
    d1.download_button(ctx.t("pack_download_pptx"), data=lambda: P.to_pptx(A.union(ds, A.pack_scopes(pack.items)), pack, lang),
                       file_name=f"briefing-{stamp}.pptx", key="pack_dl_pptx", on_click="ignore", type="primary",
                       mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                       icon=":material/slideshow:")
    d2.download_button(ctx.t("pack_download_pdf"), data=lambda: P.to_pdf(A.union(ds, A.pack_scopes(pack.items)), pack, lang),
                       file_name=f"briefing-{stamp}.pdf", mime="application/pdf", key="pack_dl_pdf",
                       on_click="ignore", icon=":material/picture_as_pdf:")
    d3.button(ctx.t("pack_clear"), key="pack_clear", icon=":material/clear_all:", type="tertiary",
              on_click=lambda: pack.items.clear())

# quick start: the same packs as the command line
st.divider()
regions = q.regions_with_data(ds)
indicators = q.indicator_options(ds)
s1, s2 = st.columns(2, gap="large")
with s1:
    default = regions.index("湖北省") if "湖北省" in regions else 0
    region = st.selectbox(ctx.t("region"), regions, index=default, format_func=fmt_region(ctx), key="pack_reg")
    st.button(f"+ {ctx.t('region')}：{q.region_label(ds, region, lang)}", key="pack_add_region",
              on_click=_add_all, args=(lambda: P.region_pack(A.scoped(ds, region=region), region, lang),))
with s2:
    ind = st.selectbox(ctx.t("indicator"), indicators, format_func=fmt_indicator(ctx), key="pack_ind")
    provinces = [r for r in regions if ds.regions.get(r, {}).get("level") == "province"]
    st.button(f"+ {ctx.t('indicator')}：{q.indicator_label(ds, ind, lang)}", key="pack_add_indicator",
              on_click=_add_all, args=(lambda: P.indicator_pack(A.scoped(ds, indicator=ind), ind, provinces, lang),))

# the rebuildable part of the pack in the URL: a copied link reproduces it
param = pack.to_param() if any(s.view != "figure" for s in pack.items) else None
if param and st.query_params.get("pack") != param:
    st.query_params["pack"] = param
elif not param and "pack" in st.query_params:
    del st.query_params["pack"]
