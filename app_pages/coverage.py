"""覆盖 Coverage: what the dataset knows and what it is missing, province by core indicator.

One row per province (and 全国), one column per core indicator of spec/DATA.md; a cell shows the latest
reviewed period, empty where nothing is known. The figures above the table are the ones the project measures
its dataset by. A click on a row opens that region's profile.
"""

import streamlit as st

from dashboard import coverage as C
from dashboard.archive import coverage_facts, is_archive
from dashboard.review import tr as review_text
from dashboard.ui import page_link, page_setup

ctx = page_setup("coverage")
ds, lang = ctx.ds, ctx.lang
st.title(ctx.t("cov_title"))
if not ctx.briefing:
    st.caption(ctx.t("cov_hint"))


@st.cache_data(show_spinner=False, max_entries=8)
def _coverage(signature: tuple, lang: str):
    src = coverage_facts(ds) if is_archive(ds) else ds  # an archive: SQL counts, every fact passing the filters
    table = C.coverage_table(src)
    figures = C.coverage_figures(src)
    ids = list(table.columns)
    labels = {i: (ds.indicators.get(i, {}).get("en" if lang == "en" else "zh") or i) for i in ids}
    shown = table.rename(columns=labels)
    shown.index = [ds.regions.get(r, {}).get("en", r) if lang == "en" else r for r in table.index]
    known = (table != "").sum(axis=1)
    shown.insert(0, "✓" if lang == "en" else "已知", known.values)
    return shown, figures, list(table.index)


shown, figures, region_ids = _coverage(ds.signature, lang)
if is_archive(ds):
    st.caption(review_text("rv_coverage", lang))
cols = st.columns(len(figures))
for col, fig in zip(cols, figures, strict=True):
    col.markdown(f"**{fig.value} / {fig.threshold}**  \n{ctx.t('cov_fig_' + str(figures.index(fig)))}"
                 + ("" if fig.holds else f"  \n:orange[{ctx.t('cov_missing')}]"))
event = st.dataframe(shown, key="cov_table", on_select="rerun", selection_mode="single-row",
                     width="stretch", height=min(36 * (len(shown) + 1) + 3, 1200))
rows = event.selection.rows if event is not None else []
if rows:
    region = region_ids[rows[0]]
    page_link(ctx, "region", ctx.t("cov_open_profile", region=shown.index[rows[0]]), {"reg_reg": region},
              icon=":material/location_on:")
