"""Browser test of the briefing pack: add three charts from three pages (compare, region targets, indicator
quadrant) with the "add to pack" button, move through the app by its navigation (one session), reorder on the
pack page, then download the PPTX and the PDF and read them back. Screenshot: test-output/screens/pack_filled.png."""

from __future__ import annotations

import io
import re

import pytest
from pptx import Presentation
from pypdf import PdfReader

from bench.harness import VIEWPORT
from dashboard.i18n import t
from tests.test_browser import SCREENS, TIMEOUT_MS, problems, rerun_after, screenshot_whole, wait_ready

pytestmark = pytest.mark.browser


@pytest.fixture
def pack_page(browser, streamlit_server):
    ctx = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    ctx.set_default_timeout(30_000)
    pg = ctx.new_page()
    pg.js_errors = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda e: pg.js_errors.append(str(e)))
    pg.goto(streamlit_server + "/compare")
    wait_ready(pg)
    yield pg
    ctx.close()


def go(page, nav_key: str) -> None:
    """Open a page through the sidebar navigation (a client-side switch: the session and its pack survive)."""
    label = page.locator('[data-testid="stMarkdownContainer"]', has_text=re.compile(f"^{t(nav_key, 'zh')}$"))
    link = page.locator('[data-testid="stSidebarNavLink"]').filter(has=label)
    rerun_after(page, lambda: link.first.click())
    wait_ready(page)


def open_tab(page, label: str) -> None:
    rerun_after(page, lambda: page.get_by_role("tab", name=label, exact=True).click())
    wait_ready(page)


def add_first_chart(page) -> None:
    button = page.get_by_role("button", name=t("pack_add", "zh")).first
    button.scroll_into_view_if_needed()
    rerun_after(page, lambda: button.click())


def item_titles(page) -> list[str]:
    boxes = page.locator('[class*="st-key-pack_t_"] input')
    return [boxes.nth(i).input_value() for i in range(boxes.count())]


def test_pack_from_three_pages_reorder_and_download(pack_page, tmp_path):
    page = pack_page
    add_first_chart(page)  # compare: the one-period bars
    go(page, "nav_region")
    open_tab(page, t("targets_view", "zh"))
    add_first_chart(page)  # region: progress to target
    go(page, "nav_indicator")
    open_tab(page, t("tab_quadrant", "zh"))
    add_first_chart(page)  # indicator: level vs growth
    go(page, "nav_pack")
    page.locator('[class*="st-key-pack_t_"] input').nth(2).wait_for(timeout=TIMEOUT_MS)
    before = item_titles(page)
    assert len(before) == 3
    assert before[1] == "湖北省·5G基站：目标进度" and before[2] == "数字经济规模：规模与增速"
    # move the quadrant to the top (two clicks on its "up" button)
    for _ in range(2):
        item = page.locator('[class*="st-key-pack_item_"]').filter(
            has=page.locator("input[value='数字经济规模：规模与增速']"))
        rerun_after(page, lambda item=item: item.get_by_role("button", name=t("pack_up", "zh")).click())
    after = item_titles(page)
    assert after == [before[2], before[0], before[1]]
    assert problems(page) == [] and page.js_errors == []
    SCREENS.mkdir(parents=True, exist_ok=True)
    screenshot_whole(page, SCREENS / "pack_filled.png")

    with page.expect_download(timeout=TIMEOUT_MS * 2) as dl:
        page.get_by_role("button", name=t("pack_download_pptx", "zh")).click()
    pptx_path = tmp_path / "pack.pptx"
    dl.value.save_as(pptx_path)
    prs = Presentation(str(pptx_path))
    slides = list(prs.slides)
    assert len(slides) == 1 + 3 + 1
    assert [s.shapes.title.text for s in slides[1:4]] == after  # the order chosen on the page

    with page.expect_download(timeout=TIMEOUT_MS * 2) as dl:
        page.get_by_role("button", name=t("pack_download_pdf", "zh")).click()
    pdf = PdfReader(io.BytesIO(dl.value.path().read_bytes()))
    assert len(pdf.pages) == 1 + 3 + 1
    assert "规模与增速" in pdf.pages[1].extract_text() and "目标进度" in pdf.pages[3].extract_text()
