"""Page setup: the navigation registry (``PAGES``), page config, the shared sidebar (language, layout,
dataset caption, copy-link button) and the page shown when the dataset cannot be loaded.

``app_pages/`` holds the page files. The folder is deliberately not called ``pages/``: Streamlit treats a
``pages/`` folder next to the entry point as a legacy (v1) multipage app until some session has run
``st.navigation``, so a shared link opened right after a server start would run the page without app.py. With
any other folder name the only router is app.py's ``st.navigation`` (no private Streamlit attribute to set).
"""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path

import streamlit as st

from dashboard.archive import count_facts, is_archive, load_app_dataset, with_filters
from dashboard.data import DatasetError, data_dir
from dashboard.i18n import LANG_LABELS, LANGS, t
from dashboard.review import review_controls
from dashboard.review import tr as review_text
from dashboard.ui_state import (
    VIEW_MODES,
    Ctx,
    _md_safe,
    _mirror_param,
    _on_brief_change,
    _on_lang_change,
    current_briefing,
    current_lang,
)

PAGES = {
    # id: (file, url_path, nav key, icon); app.py builds st.navigation from it.
    "overview": ("app_pages/overview.py", "overview", "nav_overview", ":material/dashboard:"),
    "compare": ("app_pages/compare.py", "compare", "nav_compare", ":material/bar_chart:"),
    "region": ("app_pages/region.py", "region", "nav_region", ":material/location_on:"),
    "indicator": ("app_pages/indicator.py", "indicator", "nav_indicator", ":material/query_stats:"),
    "sources": ("app_pages/sources.py", "sources", "nav_sources", ":material/article:"),
    "data": ("app_pages/data_table.py", "data_table", "nav_data", ":material/table:"),
    "pack": ("app_pages/pack.py", "pack", "nav_pack", ":material/slideshow:"),
    "coverage": ("app_pages/coverage.py", "coverage", "nav_coverage", ":material/grid_on:"),
    "add": ("app_pages/add_article.py", "add_article", "nav_add", ":material/post_add:"),
}


def page_config(lang: str | None = None, briefing: bool | None = None, page: str | None = None) -> None:
    lang = lang or current_lang()
    briefing = current_briefing() if briefing is None else briefing
    title = t("app_title", lang)
    if page and page in PAGES:
        title = f"{t(PAGES[page][2], lang)} · {title}"
    st.set_page_config(page_title=title, page_icon="📊", layout="wide",
                       initial_sidebar_state="collapsed" if briefing else "auto")


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


def page_setup(page: str) -> Ctx:
    """Call first on every page: config, language and layout switches, the dataset (or a clear error page)."""
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


def filters_container(ctx: Ctx):
    """Where a page puts its controls: inline normally, a collapsed expander in briefing mode."""
    if ctx.briefing:
        return st.expander(ctx.t("controls"), icon=":material/tune:")
    return st.container()


def hint(ctx: Ctx, key: str, **kw) -> None:
    """An explanatory caption that briefing mode hides (i18n strings only)."""
    if not ctx.briefing:
        st.caption(ctx.t(key, **kw))


def page_url(page: str) -> str:
    """Path of a page: the default page (overview) lives at the root, the others at /<url_path>."""
    return "/" if page == "overview" else f"/{PAGES[page][1]}"
