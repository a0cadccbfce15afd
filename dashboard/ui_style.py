"""The reader's CSS and its scroll-to-number script (fixed strings of ours; no data goes into them)."""

from __future__ import annotations

import streamlit as st

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


def scroll_to_selected_number() -> None:
    """Scroll the reader to the highlighted (selected) number. A fixed script of ours: no data goes in it."""
    st.html(_SCROLL_JS, unsafe_allow_javascript=True)
