"""Issue 16 in a real browser (Playwright + Debian chromium, the server of tests/conftest.py over the fixture
dataset): map click -> profile, "View in article" scrolls to the number, the copy-link button, and a walk
through every page in both languages for internal codes (Chinese view) and CJK (English view's chart text
and table headers). Helpers and the ``page`` / ``page_urls`` fixtures come from tests/test_browser.py."""

from __future__ import annotations

import csv
import re
from urllib.parse import urlencode

import pytest

from dashboard.i18n import t
from tests.test_browser import (  # noqa: F401 - page and page_urls are fixtures
    FIXTURE,
    PAGE_IDS,
    TIMEOUT_MS,
    VIEWPORT,
    page,
    page_urls,
    problems,
    rerun_after,
    wait_ready,
)

pytestmark = pytest.mark.browser

# The centre of a province whose fill is (or is not) the no-data grey, hit at its centre without any other
# province there: [x, y], or null. (As in tests/test_browser.py: plotly's geo click works from the position.)
PROVINCE_JS = """(chart, grey) => {
  const noData = 'rgb(233, 233, 233)';
  const all = [...chart.querySelectorAll('path.choroplethlocation')];
  const inside = (p, x, y) => p.isPointInFill(new DOMPoint(x, y).matrixTransform(p.getScreenCTM().inverse()));
  const cands = all.filter(p => (getComputedStyle(p).fill === noData) === grey)
    .map(p => [p, p.getBoundingClientRect()])
    .sort((a, b) => b[1].width * b[1].height - a[1].width * a[1].height);
  for (const [p, r] of cands) {
    const x = r.x + r.width / 2, y = r.y + r.height / 2;
    if (inside(p, x, y) && all.every(o => o === p || !inside(o, x, y))) return [x, y];
  }
  return null;
}"""


def _click_province(page, grey: bool):  # noqa: F811
    page.goto(page_urls_cache["overview"])
    wait_ready(page)
    chart = page.locator('[data-testid="stPlotlyChart"]').filter(has=page.locator(".choroplethlocation")).first
    chart.scroll_into_view_if_needed()
    target = chart.evaluate(PROVINCE_JS, grey)
    assert target, f"no {'grey' if grey else 'coloured'} province can be hit at its centre"
    rerun_after(page, lambda: page.mouse.click(*target))
    offer = page.locator('[class*="st-key-map_offer"]')
    offer.wait_for(timeout=TIMEOUT_MS)
    return offer


page_urls_cache: dict[str, str] = {}


@pytest.fixture(autouse=True)
def _urls(page_urls):  # noqa: F811
    page_urls_cache.update(page_urls)


def test_map_click_offers_the_province_profile(page):  # noqa: F811
    offer = _click_province(page, grey=False)
    link = offer.get_by_role("link")
    label = link.inner_text().strip().splitlines()[-1].strip()  # after the icon's ligature name
    assert label.startswith("查看") and label.endswith("概况"), label
    province = label.removeprefix("查看").removesuffix("概况")
    link.click()
    page.wait_for_url(re.compile(r"/region\?"), timeout=TIMEOUT_MS)
    wait_ready(page, charts=False)
    assert page.locator('[data-testid="stMain"] h2').first.inner_text().strip() == province
    assert problems(page) == []


def test_map_click_on_a_grey_province_says_no_data_yet(page):  # noqa: F811
    offer = _click_province(page, grey=True)
    text = offer.inner_text()
    assert "本指标暂无数据" in text and "暂无任何数据" in text, text
    assert problems(page) == []


def _last_fact_far_down() -> tuple[str, str]:
    with open(FIXTURE / "indicators.csv", encoding="utf-8", newline="") as fh:
        facts = list(csv.DictReader(fh))
    f = max((f for f in facts if f["doc"].startswith("001_")), key=lambda f: int(f["start"]))
    return f["doc"], f["fact_id"]


def test_view_in_article_scrolls_to_the_number_and_highlights_it(page):  # noqa: F811
    doc, fact = _last_fact_far_down()
    page.set_viewport_size({"width": VIEWPORT["width"], "height": 700})
    page.goto(f"{page_urls_cache['sources']}?{urlencode({'doc': doc, 'fact': fact})}")
    wait_ready(page, charts=False)
    number = page.locator('[class*="st-key-rdn-"][class*="-sel-"]').first
    number.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_function("() => document.querySelector('[data-scrolled]') !== null", timeout=10_000)
    box = number.bounding_box()
    assert box and 0 <= box["y"] and box["y"] + box["height"] <= 700, f"the number is not in view: {box}"
    outline = number.locator("button").first.evaluate("b => getComputedStyle(b).outlineStyle")
    assert outline == "solid"


def test_copy_link_button_copies_the_address(browser):
    ctx = browser.new_context(viewport=VIEWPORT, permissions=["clipboard-read", "clipboard-write"])
    try:
        pg = ctx.new_page()
        pg.goto(f"{page_urls_cache['compare']}?cmp_ind=base_stations_5g")
        wait_ready(pg)
        button = pg.locator("button.copy-link")
        assert button.inner_text().strip().endswith(t("copy_link", "zh"))
        button.click()
        pg.wait_for_function("() => document.querySelector('button.copy-link').textContent.includes('✓')",
                             timeout=5_000)
        copied = pg.evaluate("() => navigator.clipboard.readText()")
        assert copied == pg.url and "cmp_ind=base_stations_5g" in copied
    finally:
        ctx.close()
