"""Charts on a page: Plotly config, the PNG download, "add to pack", and the quotes behind a clicked point."""

from __future__ import annotations

import streamlit as st

from dashboard.ui_cards import fact_card
from dashboard.ui_state import Ctx


# charts
def export_available() -> bool:
    try:
        from dashboard.export import find_browser
    except Exception:  # the export module is missing or broken: no PNG button, the page still works
        return False
    return find_browser() is not None


def plotly_config(ctx: Ctx, filename: str, extra: dict | None = None) -> dict:
    cfg = {
        "displaylogo": False,
        "responsive": True,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "zoomIn2d", "zoomOut2d", "autoScale2d", "pan2d",
                                   "zoom2d", "resetScale2d", "toggleSpikelines", "hoverClosestCartesian",
                                   "hoverCompareCartesian", "zoomInGeo", "zoomOutGeo", "resetGeo",
                                   "hoverClosestGeo"],
    }
    if ctx.briefing:
        cfg["displayModeBar"] = False
    if extra:
        cfg.update(extra)
    return cfg


def png_button(ctx: Ctx, fig, *, key: str, filename: str, width: int = 1200) -> None:
    """A PNG (2×) download rendered by kaleido only when clicked (``data`` is a callable)."""
    if not export_available():
        st.caption(ctx.t("png_unavailable"))
        return
    def render() -> bytes:
        from dashboard.export import figure_to_png  # lazy: another module owns export

        height = int(fig.layout.height) if fig.layout.height else None
        meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
        return figure_to_png(fig, width=int(meta.get("export_width") or width), height=height, scale=2)

    st.download_button(ctx.t("png_download"), data=render, file_name=f"{filename}.png", mime="image/png",
                       key=f"png_{key}", icon=":material/download:", on_click="ignore", type="tertiary")


def _point_fact_ids(points, to_fact=None) -> list[str]:
    ids = []
    for p in points or []:
        cd = p.get("customdata") if isinstance(p, dict) else None
        if cd is None:
            continue
        first = cd[0] if isinstance(cd, (list, tuple)) and cd else cd
        fid = to_fact(str(first)) if to_fact else str(first)
        if fid:
            ids.extend(fid if isinstance(fid, list) else [fid])
    return list(dict.fromkeys(i for i in ids if i))


def show_chart(ctx: Ctx, fig, *, key: str, alt: str, filename: str, to_fact=None, config: dict | None = None,
               provenance: bool = True, pack_spec=None, on_points=None) -> list[str]:
    """Plotly chart (theme=None so screen = export), PNG button, "add to pack" (``pack_spec``: a rebuildable
    ``dashboard.pack.ChartSpec``; default: the figure itself), and the quotes behind a clicked point.

    ``on_points(keys)``, if given, is called with the clicked points' customdata[0] before the quotes."""
    state = st.plotly_chart(fig, key=key, on_select="rerun", selection_mode="points", theme=None,
                            config=plotly_config(ctx, filename, config), alt=alt)
    png_button(ctx, fig, key=key, filename=filename)
    from dashboard.pack_ui import add_button  # lazy: the pack pulls in python-pptx only when rendering

    add_button(ctx.lang, fig, key=str(key), spec=pack_spec, to_fact=to_fact)
    ids: list[str] = []
    try:
        points = state.selection.points  # type: ignore[union-attr]
        ids = _point_fact_ids(points, to_fact)
        if on_points is not None:
            clicked = _point_fact_ids(points)
            if clicked:
                on_points(clicked)
    except (AttributeError, KeyError, TypeError):
        ids = []
    if provenance and ids:
        show_provenance(ctx, ids, key=key)
    return ids


def alt_text(ctx: Ctx, title: str, subtitle: str, summary: str = "") -> str:
    s = ctx.t("alt_chart", title=title, subtitle=subtitle)
    return f"{s} {summary}".strip()


def show_provenance(ctx: Ctx, fact_ids: list[str], *, key: str, limit: int = 6) -> None:
    facts = ctx.ds.facts
    rows = facts.loc[facts["fact_id"].isin(fact_ids[:limit])]
    if rows.empty:
        return
    st.markdown(f"**{ctx.t('selected_facts')}**")
    order = {fid: i for i, fid in enumerate(fact_ids)}
    rows = rows.assign(_o=rows["fact_id"].map(order)).sort_values("_o")
    for i, (_, row) in enumerate(rows.iterrows()):
        fact_card(ctx, row, key=f"{key}_{i}")
