"""Links between pages: to the reader at a fact, to another page with its filters, the map's region offer."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from dashboard import cached as q
from dashboard.i18n import LANG_LABELS
from dashboard.ui_page import PAGES, page_url
from dashboard.ui_state import Ctx


# provenance
def reader_link(ctx: Ctx, doc: str, fact_id: str, *, key: str, label: str | None = None) -> None:
    """A link to the article reader at this fact. Works under st.navigation; standalone it falls back to a
    plain URL (AppTest runs page files on their own)."""
    label = label or ctx.t("open_reader")
    params = {"doc": doc, "fact": fact_id}
    if ctx.lang != "zh":
        params["lang"] = LANG_LABELS[ctx.lang]
    try:
        st.page_link(PAGES["sources"][0], label=label, icon=":material/menu_book:", query_params=params)
    except Exception:  # StreamlitPageNotFoundError and friends when the page is run on its own
        st.link_button(label, f"{page_url('sources')}?{urlencode(params)}", icon=":material/menu_book:", type="tertiary")


def page_link(ctx: Ctx, page: str, label: str, params: dict, icon: str | None = None) -> None:
    params = dict(params)
    if ctx.lang != "zh":
        params["lang"] = LANG_LABELS[ctx.lang]
    try:
        st.page_link(PAGES[page][0], label=label, icon=icon, query_params=params)
    except Exception:
        st.link_button(label, f"{page_url(page)}?{urlencode(params)}", icon=icon, type="tertiary")


def region_offer(ctx: Ctx, region: str, has_value: bool) -> None:
    """After a click on the map: the province's name and a way to its profile, or that there is no data yet."""
    name = q.region_label(ctx.ds, region, ctx.lang)
    with st.container(border=True, key="map_offer"):
        if has_value:
            st.text(name)
        else:
            st.text(ctx.t("map_no_value", region=name))
        if region in set(q.regions_with_data(ctx.ds)):
            page_link(ctx, "region", ctx.t("open_region_of", region=name), {"reg_reg": region},
                      icon=":material/location_on:")
        else:
            st.text(ctx.t("map_no_data", region=name))
