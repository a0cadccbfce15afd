"""Shared page helpers, one import for the pages: ``from dashboard.ui import page_setup, show_chart, ...``.

The helpers live in modules by concern; this module only gathers their public names (and a few private ones
the tests use), so callers need not know the split:

- ``dashboard.ui_state``: the page context ``Ctx``, language and briefing state, URL-bound widgets;
- ``dashboard.ui_page``: ``PAGES`` (the navigation), page config and setup, the shared sidebar, the dataset
  error page;
- ``dashboard.ui_style``: the reader's CSS and scroll script;
- ``dashboard.ui_cards``: formatting for widgets, source lines, units, headline and fact cards, empty states;
- ``dashboard.ui_links``: links to the reader and to other pages;
- ``dashboard.ui_charts``: charts with PNG export, "add to pack" and click-to-quote provenance.

Names: ``q`` is the cached query layer (``dashboard.cached``) everywhere, in these modules as in the pages.

Safety rule for these modules and the pages: text that comes from the dataset (quotes, titles, subjects,
notes, article text) is shown with ``st.text``, ``st.dataframe`` or inside Plotly figures (escaped), never
with ``st.markdown``/``st.caption``/labels that interpret Markdown, and never with ``unsafe_allow_html``.
"""

from __future__ import annotations

from dashboard.ui_cards import (
    BADGE_COLORS,
    STATUS_ICONS,
    empty_state,
    fact_card,
    fmt_indicator,
    fmt_region,
    headline_card_markdown,
    headline_cards,
    source_line,
    unit_text,
)
from dashboard.ui_charts import (
    _point_fact_ids,
    alt_text,
    export_available,
    plotly_config,
    png_button,
    show_chart,
    show_provenance,
)
from dashboard.ui_links import page_link, reader_link, region_offer
from dashboard.ui_page import (
    PAGES,
    copy_link_button,
    filters_container,
    hint,
    page_config,
    page_setup,
    page_url,
    show_dataset_error,
)
from dashboard.ui_state import (
    BOUND_KEYS,
    VIEW_MODES,
    Ctx,
    _md_safe,
    _resolve,
    current_briefing,
    current_lang,
    url_multiselect,
    url_selectbox,
    url_tabs,
)
from dashboard.ui_style import inject_reader_css, scroll_to_selected_number

__all__ = [
    "BADGE_COLORS", "BOUND_KEYS", "PAGES", "STATUS_ICONS", "VIEW_MODES", "Ctx", "_md_safe", "_point_fact_ids",
    "_resolve", "alt_text", "copy_link_button", "current_briefing", "current_lang", "empty_state",
    "export_available", "fact_card", "filters_container", "fmt_indicator", "fmt_region", "headline_card_markdown",
    "headline_cards", "hint", "inject_reader_css", "page_config", "page_link", "page_setup", "page_url",
    "plotly_config", "png_button", "reader_link", "region_offer", "scroll_to_selected_number", "show_chart",
    "show_dataset_error", "show_provenance", "source_line", "unit_text", "url_multiselect", "url_selectbox",
    "url_tabs",
]
