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


def disputed_ranking(directory):
    """An (indicator, kind, period) whose province ranking draws at least one value the sources disagree on."""
    from dashboard import queries as q
    from dashboard.data import load_dataset

    ds = load_dataset(directory)
    shipped = pd.read_csv(directory / "indicators.csv", dtype=str, keep_default_na=False)
    disputed = shipped.loc[(shipped["alternatives"].astype(int) > 0) & (shipped["preferred"] == "true")
                           & (shipped["region_level"] == "province")]
    for (indicator, kind, period), _ in disputed.groupby(["indicator", "kind", "period"]):
        vals = q.values_by_region(ds, indicator, kind, period)
        n = int((pd.to_numeric(vals.df.get("alternatives"), errors="coerce").fillna(0) > 0).sum())
        if n and len(vals.df) > 1:
            return indicator, kind, period, n
    pytest.skip("no province ranking in the shipped dataset draws a disputed value")


def test_ranking_marks_the_values_the_sources_disagree_on(page, shipped_server):  # noqa: F811
    from dashboard.figures import CONFLICT_MARK

    indicator, kind, period, n_disputed = disputed_ranking(REPO / "data")
    page.goto(f"{shipped_server}/?ov_ind={indicator}&ov_kind={kind}&ov_per={period}&ov_tab=ranking")
    wait_ready(page)
    assert problems(page) == []
    bar_texts = page.evaluate("""() => [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')]
        .filter(p => p.checkVisibility()).flatMap(p => [...p.querySelectorAll('.bars text')].map(t => t.textContent))""")
    assert sum(CONFLICT_MARK in tx for tx in bar_texts) == n_disputed, bar_texts
    notes = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot .annotation-text')]
        .map(t => t.textContent)""")
    assert any("来源不一致" in tx for tx in notes), notes
