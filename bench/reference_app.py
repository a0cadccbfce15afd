"""The one-chart reference page for the page benchmark: a title and one Plotly bar chart, nothing else.

    streamlit run bench/reference_app.py

Served by ``python -m bench pages`` next to the app, in the same run, with the same config (the repo's
.streamlit/config.toml), so each app page's first-load time can be given as a ratio to this page's.
"""

import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="reference", layout="wide")
st.title("参考页面 Reference")
regions = ["广东", "江苏", "浙江", "山东", "湖北", "四川", "河南", "福建", "湖南", "安徽"]
values = [6.4, 5.1, 3.9, 3.6, 2.5, 1.9, 1.75, 2.6, 1.6, 1.5]
fig = go.Figure(go.Bar(x=values, y=regions, orientation="h", marker_color="#0072B2"))
fig.update_layout(title="数字经济规模（万亿元）", height=420, margin={"l": 60, "r": 20, "t": 60, "b": 40})
st.plotly_chart(fig, theme=None)
