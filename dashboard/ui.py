"""Shared page helpers: setup (language, briefing mode, dataset), charts with provenance and PNG export,
fact cards, links to the reader, and plain empty states.

Safety rule for this module and the pages: text that comes from the dataset (quotes, titles, subjects,
notes, article text) is shown with ``st.text``, ``st.dataframe`` or inside Plotly figures (escaped), never
with ``st.markdown``/``st.caption``/labels that interpret Markdown, and never with ``unsafe_allow_html``.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from dashboard import queries as q
from dashboard.archive import count_facts, is_archive, load_app_dataset, with_filters
from dashboard.data import Dataset, DatasetError, clean_quote, data_dir
from dashboard.i18n import (
    LANG_LABELS,
    LANGS,
    basis_label,
    fmt_compact,
    fmt_period,
    pool_label,
    source_label,
    t,
    unit_label,
)
from dashboard.review import review_controls, status_text
from dashboard.review import tr as review_text

PAGES = {
    # id: (file, url_path, nav key, icon). Keep url_path == the file's stem: see _ensure_entrypoint.
    "overview": ("pages/overview.py", "overview", "nav_overview", ":material/dashboard:"),
    "compare": ("pages/compare.py", "compare", "nav_compare", ":material/bar_chart:"),
    "region": ("pages/region.py", "region", "nav_region", ":material/location_on:"),
    "indicator": ("pages/indicator.py", "indicator", "nav_indicator", ":material/query_stats:"),
    "sources": ("pages/sources.py", "sources", "nav_sources", ":material/article:"),
    "data": ("pages/data_table.py", "data_table", "nav_data", ":material/table:"),
    "pack": ("pages/pack.py", "pack", "nav_pack", ":material/slideshow:"),
    "coverage": ("pages/coverage.py", "coverage", "nav_coverage", ":material/grid_on:"),
}

STATUS_ICONS = {"accepted": ":material/check_circle:", "edited": ":material/edit:",
                "added": ":material/add_circle:", "unreviewed": ":material/help:", "rejected": ":material/block:"}
BADGE_COLORS = {"accepted": "blue", "edited": "orange", "added": "green", "unreviewed": "gray", "rejected": "red"}


@dataclass
class Ctx:
    ds: Dataset
    lang: str
    briefing: bool
    page: str
    notices: object = None  # where a page says which part of its link it could not use

    def t(self, key: str, **kw) -> str:
        return t(key, self.lang, **kw)


# ---------------------------------------------------------------------------------------------------------
# language and briefing state (readable before the widgets exist, e.g. in app.py for page titles)
def current_lang() -> str:
    v = st.session_state.get("_lang")
    if v in LANGS:
        return v
    raw = st.query_params.get("lang")
    for code, label in LANG_LABELS.items():
        if raw in (code, label):
            return code
    return "zh"


def current_briefing() -> bool:
    v = st.session_state.get("_brief")
    if isinstance(v, bool):
        return v
    return str(st.query_params.get("brief", "")).lower() in ("true", "1", "yes")


def page_config(lang: str | None = None, briefing: bool | None = None, page: str | None = None) -> None:
    lang = lang or current_lang()
    briefing = current_briefing() if briefing is None else briefing
    title = t("app_title", lang)
    if page and page in PAGES:
        title = f"{t(PAGES[page][2], lang)} · {title}"
    st.set_page_config(page_title=title, page_icon="📊", layout="wide",
                       initial_sidebar_state="collapsed" if briefing else "auto")


# The URL-bound input widgets of the pages. Their URL value is the option's *label*, which depends on the
# language, so a language switch must re-send them (see _relabel_bound_widgets). Only input widgets may be
# listed: charts, tables and buttons refuse values set through session state.
BOUND_KEYS = (
    "ov_ind", "ov_kind", "ov_per",
    "cmp_ind", "cmp_kind", "cmp_per", "cmp_grp", "cmp_reg",
    "reg_reg",
    "ind_ind", "ind_kind", "ind_lvl",
    "src_q",
    "dat_ind", "dat_reg", "dat_kind", "dat_status", "dat_per", "dat_q",
    "cmp_fair_m", "cmp_fair_base", "cmp_fair_log", "ind_fair_m", "ind_fair_base", "ind_fair_log", "ind_quad_log",
)


def _relabel_bound_widgets() -> None:
    """After a language switch, re-assign every bound widget its own value: Streamlit then sends the value
    back to the browser, which rewrites the URL with the labels of the new language, so a copied link
    still reproduces the view. (The Compare tab, bound by its label, falls back to the first tab.)"""
    for key in BOUND_KEYS:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def _on_lang_change() -> None:
    st.session_state["_lang"] = st.session_state.get("lang") or "zh"
    _relabel_bound_widgets()


VIEW_MODES = ("explore", "briefing")


def _on_brief_change() -> None:
    st.session_state["_brief"] = st.session_state.get("brief") == "briefing"


def _sidebar_controls() -> tuple[str, bool]:
    """Language and layout (explore / briefing) switches, shared by every page.

    Their values live in plain session keys (``_lang``, ``_brief``) that seed the widgets on every page and
    are mirrored into the URL by hand (``lang=English``, ``brief=true``). ``bind="query-params"`` is not
    used for these two: a bound parameter is dropped when st.navigation switches pages (streamlit#14350)
    and the widget's state does not follow it to the next page, which silently turned English back into
    Chinese. The pages' own widgets are bound normally.
    """
    if "_lang" not in st.session_state:
        st.session_state["_lang"] = current_lang()
    if "_brief" not in st.session_state:
        st.session_state["_brief"] = current_briefing()
    st.session_state["lang"] = st.session_state["_lang"]
    st.session_state["brief"] = "briefing" if st.session_state["_brief"] else "explore"
    # Both are segmented controls: one widget type for the shared controls, so every page's first load
    # fetches one set of widget scripts for them (a toggle would add five more requests ahead of plotly.js).
    with st.sidebar:
        lang = st.segmented_control(
            t("language", st.session_state["_lang"]), list(LANGS), required=True,
            format_func=lambda c: LANG_LABELS[c], key="lang", on_change=_on_lang_change,
        ) or "zh"
        briefing = st.segmented_control(
            t("view_mode", lang), VIEW_MODES, required=True, format_func=lambda m: t(f"mode_{m}", lang),
            key="brief", help=t("briefing_help", lang), on_change=_on_brief_change,
        ) == "briefing"
    _mirror_param("lang", LANG_LABELS[lang] if lang != "zh" else None)
    _mirror_param("brief", "true" if briefing else None)
    return lang, briefing


def _mirror_param(key: str, value: str | None) -> None:
    if value is None:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != value:
        st.query_params[key] = value


def _ensure_entrypoint() -> None:
    """Route a page opened by the legacy ``pages/`` router back through app.py.

    Until some session has run ``st.navigation``, Streamlit (1.67) treats ``pages/`` as a v1 multipage
    folder: a shared link such as ``/compare`` opened right after the server starts runs pages/compare.py
    *without* app.py, so the navigation (titles, language, briefing layout) would be the raw file list.
    Our url paths equal the file names, so after switching the legacy mode off, a rerun through app.py lands
    on the same page with the real navigation.
    """
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # a future Streamlit without the legacy router
        return
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def page_setup(page: str) -> Ctx:
    """Call first on every page: config, language and layout switches, the dataset (or a clear error page)."""
    _ensure_entrypoint()
    page_config(page=page)
    lang, briefing = _sidebar_controls()
    reviewed_only, min_conf = review_controls(lang)
    try:
        ds = load_app_dataset()
    except DatasetError as err:
        show_dataset_error(err, lang)
        st.stop()
        raise  # unreachable: st.stop() ends the run
    ds = with_filters(ds, reviewed_only, min_conf)
    ctx = Ctx(ds=ds, lang=lang, briefing=briefing, page=page, notices=st.container())
    _sidebar_info(ctx)
    if reviewed_only and count_facts(ds)[0] == 0:
        st.info(review_text("rv_none_reviewed", lang), icon=":material/info:")
    with st.sidebar:
        copy_link_button(lang)
    return ctx


def show_dataset_error(err: DatasetError, lang: str) -> None:
    """The page shown instead of the app when the dataset is missing or damaged. No stack trace."""
    st.title(t("err_title", lang))
    st.error(t("err_what", lang), icon=":material/error:")
    st.text(f"{Path(err.path).name} {err.what}" if err.path else str(err.what))
    if err.path:
        st.text(f"{t('err_file', lang)}: {err.path}")
    st.subheader(t("err_fix", lang))
    st.text(t("err_fix_body", lang))
    st.code("make data", language="bash")
    st.text(t("err_fix_env", lang))
    st.code(str(data_dir()), language=None)
    st.text(t("err_fix_after", lang))


def _sidebar_info(ctx: Ctx) -> None:
    ds = ctx.ds
    try:
        mtime = os.path.getmtime(Path(ds.data_dir) / "indicators.csv")
        updated = _dt.datetime.fromtimestamp(mtime).strftime("%Y-%m-%d")
    except OSError:
        updated = "–"
    with st.sidebar:
        n_facts, n_docs = count_facts(ds)
        if is_archive(ds):
            st.caption(review_text("rv_archive", ctx.lang, path=_md_safe(Path(ds.data_dir).name)))
        st.caption(ctx.t("dataset_caption", facts=f"{n_facts:,}", articles=f"{n_docs:,}", updated=updated))
        if ds.warnings:
            with st.expander(ctx.t("data_checks", n=len(ds.warnings)), icon=":material/warning:"):
                for w in ds.warnings:
                    st.text(w)


_READER_CSS = """
<style>
/* reader: numbers highlighted by review status (selectors use our own widget keys only) */
[class*="st-key-rdn-"] button {min-height: 0; padding: 0 4px; margin: 0 1px; border-radius: 4px;
  line-height: 1.45; font-weight: 600; font-variant-numeric: tabular-nums;}
[class*="st-key-rdn-"] button p {font-size: 1rem;}
[class*="st-key-rdn-accepted-"] button {background: #d6e8f5; border: 1px solid #0072B2; color: #003b5c;}
[class*="st-key-rdn-edited-"] button {background: #fbe6bd; border: 1px solid #B37800; color: #5a3b00;}
[class*="st-key-rdn-added-"] button {background: #cdeee2; border: 1px solid #009E73; color: #00513b;}
[class*="st-key-rdn-unreviewed-"] button {background: #eeeeee; border: 1px dashed #666; color: #333;}
[class*="st-key-rdn-rejected-"] button {background: #fff; border: 1px dotted #b2182b; color: #b2182b;}
[class*="st-key-rdn-rejected-"] button p {text-decoration: line-through; text-decoration-thickness: 2px;}
[class*="st-key-rdn-"][class*="-sel-"] button {outline: 3px solid #D55E00; outline-offset: 1px;
  box-shadow: 0 0 0 6px rgba(213, 94, 0, 0.25); animation: rdn-flash 1.2s ease-out 2;}
@keyframes rdn-flash {0% {box-shadow: 0 0 0 14px rgba(213, 94, 0, 0.45);} 100% {box-shadow: 0 0 0 6px rgba(213, 94, 0, 0.25);}}
[class*="st-key-rdpara-"] {row-gap: 0.15rem; align-items: baseline;}
[class*="st-key-rdpara-"] [data-testid="stText"] {white-space: pre-wrap;}
[class*="st-key-legend-"] {display: inline-block; padding: 0 6px; border-radius: 4px; font-weight: 600;}
</style>
"""


def inject_reader_css() -> None:
    """The reader's highlight colours. Only the Sources page calls it: an st.html element costs every page
    that draws one an extra script chunk on first load, and no other page uses these keys."""
    st.html(_READER_CSS)


_SCROLL_JS = """<script>
(() => {
  let tries = 0;
  const go = () => {
    const el = document.querySelector('[class*="st-key-rdn-"][class*="-sel-"]');
    if (el) { el.scrollIntoView({block: "center", behavior: "instant"}); el.setAttribute("data-scrolled", "1"); }
    else if (tries++ < 50) { setTimeout(go, 100); }
  };
  setTimeout(go, 50);
})();
</script>"""


_COPY_LINK_HTML = """<button type="button" class="copy-link" data-done="{done}"
  style="font: inherit; font-size: 0.875rem; padding: 0.25rem 0.75rem; border-radius: 0.5rem; cursor: pointer;
         border: 1px solid rgba(49, 51, 63, 0.2); background: white; color: rgb(49, 51, 63);">{label}</button>
<script>
(() => {{
  const buttons = document.querySelectorAll("button.copy-link");
  buttons.forEach((b) => {{
    if (b.dataset.wired) return;
    b.dataset.wired = "1";
    const label = b.textContent;
    b.addEventListener("click", async () => {{
      const url = window.location.href;
      try {{ await navigator.clipboard.writeText(url); }}
      catch (e) {{ window.prompt("", url); return; }}
      b.textContent = "✓ " + b.dataset.done;
      setTimeout(() => {{ b.textContent = label; }}, 2000);
    }});
  }});
}})();
</script>"""


def copy_link_button(lang: str) -> None:
    """Copy the page's address (its state is in the URL) to the clipboard. Fixed labels of ours only."""
    st.html(_COPY_LINK_HTML.format(label=t("copy_link", lang), done=t("link_copied", lang)),
            unsafe_allow_javascript=True)


def scroll_to_selected_number() -> None:
    """Scroll the reader to the highlighted (selected) number. A fixed script of ours: no data goes in it."""
    st.html(_SCROLL_JS, unsafe_allow_javascript=True)


def filters_container(ctx: Ctx):
    """Where a page puts its controls: inline normally, a collapsed expander in briefing mode."""
    if ctx.briefing:
        return st.expander(ctx.t("controls"), icon=":material/tune:")
    return st.container()


def headline_card_markdown(label: str, value: str) -> str:
    """A small grey label over a large value, in plain Markdown (both escaped)."""
    return f":gray[{_md_safe(label)}]\n\n## {_md_safe(value)}"


def headline_cards(items: list[tuple[str, str]]) -> None:
    """Headline numbers in a row of bordered cards: label above, large value below.

    Plain Markdown (a heading without its anchor link), not st.metric and not HTML: on a first load
    st.metric pulls seven script chunks (number formatting, sparkline support) and Markdown with HTML three
    (an HTML parser), and those requests queue ahead of plotly.js on the browser's six connections to the
    server, delaying every chart on the page (bench/RESULTS.md, page loads).
    """
    for col, (label, value) in zip(st.columns(len(items), border=True), items, strict=True):
        col.markdown(headline_card_markdown(label, value), anchors=False)


def hint(ctx: Ctx, key: str, **kw) -> None:
    """An explanatory caption that briefing mode hides (i18n strings only)."""
    if not ctx.briefing:
        st.caption(ctx.t(key, **kw))


# ---------------------------------------------------------------------------------------------------------
# widgets whose state lives in the URL as ids and codes (never as labels, which depend on the language)
def _resolve(raw: list[str], options: list, labeler) -> tuple[list, list[str]]:
    """URL values -> options. An option's id, or (links made before ids were stored) its label in either
    language; anything else is returned as ignored."""
    by_text: dict[str, object] = {}
    for o in options:
        by_text.setdefault(str(o), o)
    if labeler is not None:
        for lang in LANGS:
            for o in options:
                by_text.setdefault(str(labeler(o, lang)), o)
    found, ignored = [], []
    for v in raw:
        if v in by_text:
            if by_text[v] not in found:
                found.append(by_text[v])
        else:
            ignored.append(v)
    return found, ignored


def _url_seed(ctx: Ctx, key: str, label: str, options: list, default, labeler, multi: bool) -> None:
    """Before the widget: take its value from the URL when the URL changed from outside (a link, a reload);
    otherwise keep the widget's own state. Values the link holds that are not options are reported."""
    raw = st.query_params.get_all(key)
    seen = f"_url_{key}"
    if raw != st.session_state.get(seen):
        st.session_state[seen] = raw
        if raw:
            found, ignored = _resolve(raw, options, labeler)
            if ignored:
                _url_ignored(ctx, label, ignored)
            if multi:
                st.session_state[key] = found
            elif found:
                st.session_state[key] = found[0]
    cur = st.session_state.get(key)
    if multi:
        if not isinstance(cur, list):
            st.session_state[key] = list(default or [])
        elif any(v not in options for v in cur):
            st.session_state[key] = [v for v in cur if v in options]
    elif cur not in options:
        st.session_state[key] = default


def _url_write(key: str, ids: list[str]) -> None:
    """After the widget: the URL holds the ids (none when the value is the default)."""
    if st.query_params.get_all(key) != ids:
        if ids:
            st.query_params[key] = ids if len(ids) > 1 else ids[0]
        elif key in st.query_params:
            del st.query_params[key]
    st.session_state[f"_url_{key}"] = ids


def _url_ignored(ctx: Ctx, label: str, values: list[str]) -> None:
    sep = "、" if ctx.lang == "zh" else ", "
    box = ctx.notices if ctx.notices is not None else st
    box.warning(ctx.t("url_ignored", what=label, values=sep.join(values)), icon=":material/link_off:")


def url_selectbox(ctx: Ctx, where, label: str, options: list, *, key: str, labeler, default=None, **kw):
    """st.selectbox whose value is kept in the URL as the option's id: ``labeler(option, lang)`` gives the
    label shown (and lets old links that stored a label still resolve)."""
    default = options[0] if default is None and options else default
    _url_seed(ctx, key, label, options, default, labeler, multi=False)
    value = where.selectbox(label, options, format_func=lambda o: labeler(o, ctx.lang), key=key, **kw)
    _url_write(key, [] if value == default or value is None else [str(value)])
    return value


def url_multiselect(ctx: Ctx, where, label: str, options: list, *, key: str, labeler, default=None, **kw):
    """st.multiselect kept in the URL as repeated ids (``?k=a&k=b``); see url_selectbox."""
    default = list(default or [])
    _url_seed(ctx, key, label, options, default, labeler, multi=True)
    # Streamlit's dropdown offers an English-only "Select all" unless fewer than all options may be chosen; an
    # empty filter already means "all" here, so one fewer than all loses nothing.
    if len(options) > 2 and "max_selections" not in kw:
        kw["max_selections"] = max(len(options) - 1, len(st.session_state.get(key) or []))
    value = where.multiselect(label, options, format_func=lambda o: labeler(o, ctx.lang), key=key, **kw)
    _url_write(key, [] if list(value) == default else [str(v) for v in value])
    return value


def _on_tab(key: str, ids: list[str], labels: list[str]) -> None:
    label = st.session_state.get(key)
    if label in labels:
        st.session_state[f"_tab_{key}"] = ids[labels.index(label)]


def url_tabs(ctx: Ctx, key: str, tabs: list[tuple[str, str]]):
    """Tabs that run only when open, the open one kept in the URL by id (``?cmp_tab=line``), never by its
    label. ``tabs``: (id, i18n key of the label)."""
    ids = [i for i, _ in tabs]
    labels = [ctx.t(k) for _, k in tabs]
    raw = st.query_params.get(key)
    seen = f"_url_{key}"
    if raw != st.session_state.get(seen):
        st.session_state[seen] = raw
        if raw:
            found, ignored = _resolve([raw], ids, lambda i, lang: t(dict(tabs)[i], lang))
            if found:
                st.session_state[f"_tab_{key}"] = found[0]
            else:
                _url_ignored(ctx, ctx.t("tab_label"), ignored)
    cur = st.session_state.get(f"_tab_{key}")
    cur = cur if cur in ids else ids[0]
    st.session_state[key] = labels[ids.index(cur)]
    objs = st.tabs(labels, key=key, on_change=_on_tab, args=(key, ids, labels))
    value = [] if cur == ids[0] else [cur]
    if st.query_params.get_all(key) != value:
        if value:
            st.query_params[key] = cur
        elif key in st.query_params:
            del st.query_params[key]
    st.session_state[seen] = cur if value else None
    return objs


# ---------------------------------------------------------------------------------------------------------
# labels shared by widgets
def fmt_region(ctx: Ctx):
    return lambda r: q.region_label(ctx.ds, r, ctx.lang)


def fmt_indicator(ctx: Ctx):
    return lambda i: q.indicator_label(ctx.ds, i, ctx.lang)


def source_line(ctx: Ctx, docs, *, bare: bool = False) -> str:
    """'来源：中国电子报 2023-03；…。区域数字经济看板整理' (``bare``: without the '来源：' prefix, for the map,
    which adds its own)."""
    names = q.source_names(ctx.ds, list(docs), ctx.lang)
    if not names:
        line = ctx.t("source_line", sources="–")
    elif len(names) <= 3:
        sep = "；" if ctx.lang == "zh" else "; "
        line = ctx.t("source_line", sources=sep.join(names))
    else:
        line = ctx.t("source_line_n", n=len(names), first=names[0])
    if bare:
        for prefix in ("来源：", "Source: "):
            line = line.removeprefix(prefix)
    return line


def unit_text(ctx: Ctx, unit: str, kind: str = "", pool: str = "") -> str:
    """The unit as a subtitle names it: 亿元 / bn yuan, 个 / number, 全国位次 / rank nationally, 指数 / index."""
    if kind == "rank" or unit == "位":
        where = pool_label(pool, ctx.lang)
        return f"{where}位次" if ctx.lang == "zh" else f"rank {where}".strip()
    if unit == "":
        return "指数" if ctx.lang == "zh" else "index"
    u = unit_label(unit, ctx.lang)
    if ctx.lang == "en" and not u:
        return "number"
    return u


# ---------------------------------------------------------------------------------------------------------
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


# ---------------------------------------------------------------------------------------------------------
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


def page_url(page: str) -> str:
    """Path of a page: the default page (overview) lives at the root, the others at /<url_path>."""
    return "/" if page == "overview" else f"/{PAGES[page][1]}"


def fact_card(ctx: Ctx, row: pd.Series, *, key: str, link: bool = True) -> None:
    """One fact: value, region, indicator, period, review status, the quote (as text) and its article."""
    ds = ctx.ds
    ind = q.indicator_label(ds, str(row["indicator"]), ctx.lang, str(row.get("subject", "")))
    value = fmt_compact(row["value"], str(row["unit"]), str(row["qualifier"]), ctx.lang, str(row["kind"]),
                        str(row.get("rank_of", "") or ""))
    status = str(row["status"])
    kind = t("kind_" + str(row["kind"]), ctx.lang)
    badge = (f":{BADGE_COLORS.get(status, 'gray')}-badge[{STATUS_ICONS.get(status, '')} "
             f"{_md_safe(status_text(status, row.get('confidence'), ctx.lang))}]")
    art = ds.articles.get(str(row["doc"])) or {}
    colon = "：" if ctx.lang == "zh" else ": "
    meta = [str(art.get("title") or row["doc"]),
            source_label(str(art.get("source") or ""), ctx.lang, str(art.get("source_en") or "")),
            str(art.get("date") or "")]
    if str(row.get("period_basis", "")) and str(row.get("period_basis")) != "explicit":
        meta.append(f"{t('period', ctx.lang)}{colon}{basis_label(str(row['period_basis']), ctx.lang)}")
    if str(row.get("note", "")).strip():
        meta.append(f"{t('note_label', ctx.lang)}{colon}{t('curator_wording', ctx.lang)}{row['note']}")
    # Few elements per card (a page shows up to a dozen): the value line is one Markdown element built only
    # from our own labels, escaped; everything that comes from an article or curation stays plain text.
    with st.container(border=True):
        st.text(f"{q.region_label(ds, str(row['region']), ctx.lang)} · {ind} · "
                f"{fmt_period(str(row['period']), ctx.lang)}")
        kind_md = _md_safe(f"（{kind}）" if ctx.lang == "zh" else f" ({kind})")
        st.markdown(f"**{_md_safe(value)}**{kind_md} {badge}")
        st.text(f"“{clean_quote(str(row['quote']))}”")
        st.text(" · ".join(x for x in meta if x))
        others = q.alternatives_of(ds, str(row["fact_id"]))
        if not others.empty:
            # Articles disagree on this value: every value is kept, side by side, with the rule that chose one.
            rule = str(row.get("preferred_by", "") or "")
            head = t("conflict_preferred" if str(row.get("preferred", "")).lower() == "true" else "conflict_other",
                     ctx.lang, rule=t("prefer_" + rule, ctx.lang) if rule else "")
            lines = [head] + [
                "· " + fmt_compact(o["value"], str(o["unit"]), str(o["qualifier"]), ctx.lang, str(o["kind"]),
                                   str(o.get("rank_of", "") or ""))
                + f"（{(ds.articles.get(str(o['doc'])) or {}).get('source') or o['doc']} "
                  f"{(ds.articles.get(str(o['doc'])) or {}).get('date') or ''}）"
                + (f" ← {t('conflict_is_preferred', ctx.lang)}" if str(o.get('preferred', '')).lower() == "true" else "")
                for _, o in others.head(5).iterrows()]
            st.text("\n".join(lines))
        if link:
            reader_link(ctx, str(row["doc"]), str(row["fact_id"]), key=f"rl_{key}")


def _md_safe(s: str) -> str:
    """Backslash-escape every ASCII punctuation character: for short strings we format ourselves (numbers
    with units). Never used for article text."""
    return "".join("\\" + ch if (ch.isascii() and not ch.isalnum() and not ch.isspace()) else ch for ch in s)


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


def empty_state(ctx: Ctx, key: str = "no_data_filter", **kw) -> None:
    st.info(ctx.t(key, **kw), icon=":material/info:")
