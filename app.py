"""区域数字经济看板 · Regional Digital Economy Dashboard.

    streamlit run app.py

The entry point only builds the navigation; each page in ``app_pages/`` does its own setup through
``dashboard.ui.page_setup`` so it also runs on its own (AppTest, ``streamlit run app_pages/x.py``).
Set DASHBOARD_DATA_DIR to read a dataset other than ``data/``; open an extracted archive (``python -m extract
SRC -o OUT``) with ``streamlit run app.py -- --archive OUT`` or DASHBOARD_ARCHIVE=OUT (dashboard/archive.py).
"""

import os
import sys

import streamlit as st

from dashboard.i18n import t
from dashboard.ui import PAGES, current_briefing, current_lang, page_config

for i, arg in enumerate(sys.argv[1:], 1):  # streamlit run app.py -- --archive OUT (or --archive=OUT)
    if arg == "--archive" and i + 1 < len(sys.argv):
        os.environ["DASHBOARD_ARCHIVE"] = sys.argv[i + 1]
    elif arg.startswith("--archive="):
        os.environ["DASHBOARD_ARCHIVE"] = arg.split("=", 1)[1]

lang = current_lang()
briefing = current_briefing()
page_config(lang, briefing)

pages = [
    st.Page(path, title=t(nav_key, lang), icon=icon, url_path=url_path, default=(page_id == "overview"))
    for page_id, (path, url_path, nav_key, icon) in PAGES.items()
]
pg = st.navigation(pages, position="top" if briefing else "sidebar")
pg.run()
