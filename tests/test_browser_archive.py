"""Browser test of the app over an extracted archive: ``streamlit run app.py -- --archive OUT`` (the command-line
form), every page loads in chromium without an error and draws its main content; screenshots go to
test-output/screens/archive-<page>.png. The archive is generated (bench/archive_facts.py, 20,000 facts); the
1M-fact figures are the bench's (bench/RESULTS.md). No test asserts a time.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.archive_facts import make_archive_facts
from bench.harness import (
    ERROR_ALERT_SELECTOR,
    EXCEPTION_SELECTOR,
    NAV_LINKS_JS,
    PAGE_READY_JS,
    POLL_MS,
    VIEWPORT,
    WAIT_IDLE_JS,
    StreamlitServer,
    app_pages,
    resolve_page_urls,
)

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
SCREENS = REPO / "test-output" / "screens"
TIMEOUT_MS = 90_000
MAIN_CONTENT = {
    "overview": ".js-plotly-plot .choroplethlocation",
    "compare": ".js-plotly-plot .bars path",
    "region": '[data-testid="stDataFrame"] canvas',
    "indicator": ".js-plotly-plot .bars path",
    "sources": '[data-testid="stDataFrame"] canvas',
    "data": '[data-testid="stDataFrame"] canvas',
    "coverage": '[data-testid="stDataFrame"] canvas',
}


@pytest.fixture(scope="module")
def archive_server(tmp_path_factory, browser):
    out = make_archive_facts(20_000, tmp_path_factory.mktemp("browser-archive") / "out", seed=3)
    srv = StreamlitServer("app.py", extra_env={"DASHBOARD_ARCHIVE": ""},
                          extra_args=["--", "--archive", str(out)], start_timeout=90).start()
    try:
        yield srv.url
    finally:
        srv.stop()


@pytest.fixture(scope="module")
def page_urls(archive_server, browser):
    ctx = browser.new_context(viewport=VIEWPORT)
    page = ctx.new_page()
    page.goto(archive_server + "/")
    page.wait_for_function(WAIT_IDLE_JS, timeout=TIMEOUT_MS, polling=POLL_MS)
    page.wait_for_selector('[data-testid="stSidebarNavLink"]', timeout=TIMEOUT_MS)
    urls = resolve_page_urls(archive_server, page.evaluate(NAV_LINKS_JS))
    ctx.close()
    return urls


# The add-article page draws no chart or table on an archive, only its message that intake is for the curated
# dataset (tests/test_archive.py::test_every_page_runs_on_an_archive[add] checks it).
@pytest.mark.parametrize("page_id", [pid for pid, _ in app_pages() if pid != "add"])
def test_every_page_on_an_archive_loads_without_error(browser, page_urls, page_id):
    ctx = browser.new_context(viewport=VIEWPORT)
    page = ctx.new_page()
    try:
        page.goto(page_urls[page_id], wait_until="commit", timeout=TIMEOUT_MS)
        page.wait_for_function(PAGE_READY_JS, timeout=TIMEOUT_MS, polling=POLL_MS)
        assert page.locator(EXCEPTION_SELECTOR).count() == 0, page.locator(EXCEPTION_SELECTOR).first.inner_text()
        assert page.locator(ERROR_ALERT_SELECTOR).count() == 0
        if page_id in MAIN_CONTENT:
            page.wait_for_selector(MAIN_CONTENT[page_id], timeout=TIMEOUT_MS)
        sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
        assert "提取归档" in sidebar and "20,000" in sidebar  # the archive is what the app shows
        SCREENS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENS / f"archive-{page_id}.png"))
    finally:
        ctx.close()


def test_region_table_on_an_archive_says_unreviewed_with_confidence(browser, page_urls):
    ctx = browser.new_context(viewport=VIEWPORT)
    page = ctx.new_page()
    try:
        page.goto(page_urls["overview"] + "?conf=0.8", wait_until="commit", timeout=TIMEOUT_MS)
        page.wait_for_function(PAGE_READY_JS, timeout=TIMEOUT_MS, polling=POLL_MS)
        page.wait_for_selector(".js-plotly-plot", timeout=TIMEOUT_MS)
        body = page.locator('[data-testid="stMain"]').inner_text()
        assert "未审核 · 置信度 0.8" in body or "未审核 · 置信度 0.9" in body  # newest facts, filtered >= 0.8
        assert "置信度 0.7" not in body
    finally:
        ctx.close()
