"""The one-chart reference page (bench/reference_app.py) as the second page of a two-page ``st.navigation``
app with a hidden menu, so the bench can open it at a sub-path (``/chart``) as the app's pages are opened
(``/compare``, ``/region`` ...). Informative only: the goal's yardstick stays bench/reference_app.py at ``/``.

Why: opened at ``/compare``, Streamlit's frontend first probes ``/compare/_stcore/health`` and
``/compare/_stcore/host-config`` (404), waits 100 ms, and only then tries ``/_stcore/...`` and opens the
websocket; a page at ``/`` goes straight there. The difference between this page and the reference is that
fixed cost, which every app page but the default one pays (bench/RESULTS.md, issue 16).

    streamlit run bench/reference_nav.py
"""

import plotly.graph_objects as go
import streamlit as st


def chart() -> None:
    st.title("参考页面 Reference")
    regions = ["广东", "江苏", "浙江", "山东", "湖北", "四川", "河南", "福建", "湖南", "安徽"]
    values = [6.4, 5.1, 3.9, 3.6, 2.5, 1.9, 1.75, 2.6, 1.6, 1.5]
    fig = go.Figure(go.Bar(x=values, y=regions, orientation="h", marker_color="#0072B2"))
    fig.update_layout(title="数字经济规模（万亿元）", height=420, margin={"l": 60, "r": 20, "t": 60, "b": 40})
    st.plotly_chart(fig, theme=None)


st.set_page_config(page_title="reference", layout="wide")
pg = st.navigation([st.Page(chart, title="reference", url_path="home", default=True),
                    st.Page(chart, title="reference at /chart", url_path="chart")], position="hidden")
pg.run()
