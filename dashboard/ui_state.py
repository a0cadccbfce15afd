"""Session and URL state shared by the pages: the page context (``Ctx``), language and briefing mode
(readable before any widget exists), and widgets whose value lives in the URL as ids (never labels).
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from dashboard.data import Dataset
from dashboard.i18n import LANG_LABELS, LANGS, t


@dataclass
class Ctx:
    ds: Dataset
    lang: str
    briefing: bool
    page: str
    notices: object = None  # where a page says which part of its link it could not use

    def t(self, key: str, **kw) -> str:
        return t(key, self.lang, **kw)


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


def _mirror_param(key: str, value: str | None) -> None:
    if value is None:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != value:
        st.query_params[key] = value


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


def _md_safe(s: str) -> str:
    """Backslash-escape every ASCII punctuation character: for short strings we format ourselves (numbers
    with units). Never used for article text."""
    return "".join("\\" + ch if (ch.isascii() and not ch.isalnum() and not ch.isspace()) else ch for ch in s)
