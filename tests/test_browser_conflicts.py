"""Conflicting values in a real browser (Playwright + Debian chromium) over the shipped dataset: the Data page's
filter lists every value the sources disagree on, each saying whether it is the one drawn and by which rule."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.test_browser import REPO, page, problems, wait_ready  # noqa: F401 - page is a fixture

pytestmark = pytest.mark.browser

CELLS_BY_HEADER_JS = """(header) => [...document.querySelectorAll('[data-testid="stDataFrame"]')]
  .filter(d => d.checkVisibility()).flatMap(d => {
    const col = [...d.querySelectorAll('[role="columnheader"]')].find(h => h.textContent.trim() === header);
    if (!col) return [];
    const idx = col.getAttribute('aria-colindex');
    return [...d.querySelectorAll(`[role="gridcell"][aria-colindex="${idx}"]`)].map(c => c.textContent.trim());
  })"""


@pytest.fixture(scope="module")
def shipped_server(streamlit_factory):
    return streamlit_factory(REPO / "data")


@pytest.mark.parametrize("lang, header, drawn, other", [
    ("zh", "来源不一致", "选用", "另有"),
    ("en", "sources disagree", "drawn", "other value"),
])
def test_conflicts_filter_lists_values_the_sources_disagree_on(page, shipped_server, lang, header, drawn, other):  # noqa: F811
    shipped = pd.read_csv(REPO / "data" / "indicators.csv", dtype=str, keep_default_na=False)
    n_conflicts = int((shipped["alternatives"].astype(int) > 0).sum())
    assert n_conflicts > 0
    query = "dat_conflicts=true" + ("&lang=English" if lang == "en" else "")
    page.goto(f"{shipped_server}/data_table?{query}")
    wait_ready(page)
    assert problems(page) == []
    # the count line says how many rows are shown: exactly the conflicting ones
    body = page.inner_text("body")
    assert f"{n_conflicts:,}" in body
    page.wait_for_function(f"""() => [...document.querySelectorAll('[role="columnheader"]')]
        .some(h => h.textContent.trim() === {header!r})""")
    cells = page.evaluate(CELLS_BY_HEADER_JS, header)
    assert cells, "no cells drawn in the conflicts column"
    assert all(other in c for c in cells), cells[:5]  # every row shown has other values
    assert any(drawn in c for c in cells)  # and the drawn one says so
