"""The briefing pack in the app: kept in the session (so it survives page changes), an "add to pack" button
that ``dashboard.ui.show_chart`` puts under every chart, and the lazy PPTX / PDF downloads of the pack page.

Charts from the analyst views are added as specs (view + parameters) and are rebuilt when the pack is
rendered; any other chart is added as its built figure with the fact ids it plots.
"""

from __future__ import annotations

import copy

import streamlit as st

from dashboard.i18n import t
from dashboard.pack import ChartSpec, Pack, fact_ids_of

SESSION_KEY = "_pack"


def get_pack() -> Pack:
    pack = st.session_state.get(SESSION_KEY)
    if not isinstance(pack, Pack):
        pack = Pack()
        raw = st.query_params.get("pack")
        if raw:  # a shared link to the pack page: its rebuildable charts
            pack = Pack.from_param(str(raw))
        st.session_state[SESSION_KEY] = pack
    return pack


def _add(spec: ChartSpec | None, fig, lang: str, to_fact=None) -> None:
    pack = get_pack()
    if spec is None:
        ids = fact_ids_of(fig)
        if to_fact is not None:  # points that carry something else than a fact id (the map: a region)
            mapped = [to_fact(i) for i in ids]
            ids = list(dict.fromkeys(f for m in mapped if m for f in (m if isinstance(m, list) else [m])))
        spec = ChartSpec("figure", figure=copy.deepcopy(fig.to_dict()), fact_ids=ids)
    pack.add(spec)
    st.toast(t("pack_added", lang, n=len(pack.items)), icon=":material/slideshow:")


def add_button(lang: str, fig, *, key: str, spec: ChartSpec | None = None, to_fact=None) -> None:
    """'加入简报包' under a chart. ``spec``: a rebuildable chart; None: the figure itself goes into the pack
    (with the fact ids of its points, through ``to_fact`` when the points carry something else)."""
    st.button(t("pack_add", lang), key=f"pack_add_{key}", icon=":material/add_to_photos:", type="tertiary",
              on_click=_add, args=(spec, fig, lang, to_fact))
