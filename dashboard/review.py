"""Review filters shared by every page: "reviewed only" and a confidence threshold, in the sidebar and the URL.

Both work on the shipped dataset and on an extracted archive (where nothing is reviewed: "reviewed only"
then shows nothing, and the page says why). The values live in plain session keys mirrored into the URL by
hand (``reviewed=1``, ``conf=0.7``), as the language switch does, so they follow the reader from page to
page (a widget bound with ``bind="query-params"`` loses its value when st.navigation switches pages).

``status_text`` is how a fact's review state reads everywhere: reviewed facts by their status, an
unreviewed one with the extractor's confidence (未审核 · 置信度 0.82 / unreviewed · confidence 0.82).
"""

from __future__ import annotations

import math

import streamlit as st

from dashboard.i18n import status_label

CONFIDENCE_STEPS = (0.0, 0.5, 0.7, 0.8, 0.9)
REVIEW_MODES = ("all", "reviewed")
TEXTS = {
    "rv_filter": ("审核", "Review"),
    "rv_all": ("全部", "All"),
    "rv_reviewed": ("仅已审核", "Reviewed only"),
    "rv_conf": ("置信度下限", "Minimum confidence"),
    "rv_any": ("不限", "Any"),
    "rv_help": ("未审核的数值由程序从文章中提取，尚未经人核对；置信度是提取程序的评分（0–1）。",
                "Unreviewed values were extracted from the articles by the program and not yet checked by a "
                "person; confidence is the extractor's score (0–1)."),
    "rv_none_reviewed": ("此数据中没有已审核的数值：请在侧栏选择“全部”查看未审核的数值。",
                         "This data has no reviewed values: choose “All” in the sidebar to see the unreviewed ones."),
    "rv_conf_word": ("置信度", "confidence"),
    "rv_coverage": ("提取归档：每个符合侧栏筛选的数值都计入（均未审核）。",
                    "Extracted archive: every value passing the sidebar filters is counted (none is reviewed)."),
    "rv_first_rows": ("提取归档：显示符合条件的 {total} 条中的前 {n} 条（下载同样）；请用筛选缩小范围。",
                      "Extracted archive: the first {n} of {total} matching facts are shown (and downloaded); "
                      "narrow them with the filters."),
    "rv_no_text": ("提取归档只含数值及其原句，不含文章全文：本文的数值见右侧。",
                   "An extracted archive holds the values and their sentences, not the articles' text: this "
                   "article's values are on the right."),
    "rv_archive": ("数据：提取归档 {path}（未审核）", "Data: extracted archive {path} (unreviewed)"),
}


def tr(key: str, lang: str, **kw) -> str:
    zh, en = TEXTS[key]
    return (en if lang == "en" else zh).format(**kw)


def status_text(status, confidence, lang: str = "zh") -> str:
    """A fact's review state as a reader sees it: unreviewed facts carry their confidence."""
    s = str(status or "unreviewed")
    label = status_label(s, lang)
    if s != "unreviewed":
        return label
    try:
        c = float(confidence)
    except (TypeError, ValueError):
        return label
    if math.isnan(c):
        return label
    return f"{label} · {tr('rv_conf_word', lang)} {c:.2f}"


def _param_conf() -> float:
    try:
        v = float(st.query_params.get("conf", 0) or 0)
    except (TypeError, ValueError):
        return 0.0
    return v if v in CONFIDENCE_STEPS else 0.0


def _param_reviewed() -> bool:
    return str(st.query_params.get("reviewed", "")).lower() in ("1", "true", "yes")


def _on_change() -> None:
    st.session_state["_rv_reviewed"] = st.session_state.get("rv_mode") == "reviewed"
    st.session_state["_rv_conf"] = float(st.session_state.get("rv_conf") or 0.0)


def review_controls(lang: str) -> tuple[bool, float]:
    """The two sidebar filters; returns (reviewed only, minimum confidence)."""
    if "_rv_reviewed" not in st.session_state:
        st.session_state["_rv_reviewed"] = _param_reviewed()
    if "_rv_conf" not in st.session_state:
        st.session_state["_rv_conf"] = _param_conf()
    st.session_state["rv_mode"] = "reviewed" if st.session_state["_rv_reviewed"] else "all"
    st.session_state["rv_conf"] = st.session_state["_rv_conf"]
    with st.sidebar:  # segmented controls: the widget type the sidebar already loads (no extra script chunks)
        mode = st.segmented_control(tr("rv_filter", lang), REVIEW_MODES, required=True, key="rv_mode",
                                    format_func=lambda m: tr(f"rv_{m}", lang), help=tr("rv_help", lang),
                                    on_change=_on_change)
        conf = st.segmented_control(tr("rv_conf", lang), CONFIDENCE_STEPS, required=True, key="rv_conf",
                                    format_func=lambda c: tr("rv_any", lang) if not c else f"≥{c:.1f}",
                                    on_change=_on_change)
    reviewed = mode == "reviewed"
    conf = float(conf or 0.0)
    _mirror("reviewed", "1" if reviewed else None)
    _mirror("conf", f"{conf:g}" if conf else None)
    return reviewed, conf


def _mirror(key: str, value: str | None) -> None:
    if value is None:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != value:
        st.query_params[key] = value
