"""区域数字经济看板 · Regional Digital Economy Dashboard.

    streamlit run app.py

The entry point only builds the navigation; each page in ``app_pages/`` does its own setup through
``dashboard.ui.page_setup`` so it also runs on its own (AppTest, ``streamlit run app_pages/x.py``).
Set DASHBOARD_DATA_DIR to read a dataset other than ``data/``.
"""

import streamlit as st

from dashboard.i18n import t
from dashboard.ui import PAGES, current_briefing, current_lang, page_config

lang = current_lang()
briefing = current_briefing()
page_config(lang, briefing)

pages = [
    st.Page(path, title=t(nav_key, lang), icon=icon, url_path=url_path, default=(page_id == "overview"))
    for page_id, (path, url_path, nav_key, icon) in PAGES.items()
]
pg = st.navigation(pages, position="top" if briefing else "sidebar")
pg.run()
