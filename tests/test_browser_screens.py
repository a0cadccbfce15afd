"""Issue 16 in a real browser (Playwright + Debian chromium, the server of tests/conftest.py over the fixture
dataset): map click -> profile, "View in article" scrolls to the number, the copy-link button, and a walk
through every page in both languages for internal codes (Chinese view) and CJK (English view's chart text
and table headers). Helpers and the ``page`` / ``page_urls`` fixtures come from tests/test_browser.py."""

from __future__ import annotations

import csv
import re
from urllib.parse import urlencode, urlsplit

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


# ---------------------------------------------------------------------------------------------------------
# 4. a walk through every page (and each of its views) in both languages
WALK = [("overview", {}), ("overview", {"ov_tab": "ranking"}), ("compare", {}), ("compare", {"cmp_tab": "line"}),
        ("compare", {"cmp_tab": "target"}), ("compare", {"cmp_tab": "table"}), ("region", {}),
        ("region", {"reg_tab": "timeline"}), ("indicator", {}), ("indicator", {"ind_tab": "coverage"}),
        ("indicator", {"ind_tab": "table"}), ("sources", {}), ("data", {})]
INTERNAL_CODE = re.compile(r"[a-z_]+_[a-z_]+|\bactual\b|\bedited\b|>=")
CJK = re.compile(r"[\u3400-\u9fff]")
ARTICLE_WORDING = re.compile(r"“[^”]*”")  # subjects outside the catalogue, marked as the article's wording

# Every visible text node of the app, except icon ligatures (Material Symbols render a name as an icon).
VISIBLE_TEXT_JS = """() => {
  const out = [], root = document.querySelector('[data-testid="stApp"]');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!el || el.closest('script, style')) continue;
    if (!el.checkVisibility() || getComputedStyle(el).fontFamily.includes('Material')) continue;
    const s = walker.currentNode.textContent.trim();
    if (s) out.push(s);
  }
  return out;
}"""
# Text a chart draws that names things: titles, subtitles, axis labels, legends, colour bars, annotations
# (the source line among them). Values written on bars and points are numbers with units.
CHART_TEXT_JS = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')].flatMap(p =>
  [...p.querySelectorAll('.gtitle, .xtick text, .ytick text, .annotation-text, .legendtext, .cbtitle text')]
  .map(t => t.textContent))"""
# Cells of the tables' drawn rows (the grid's accessible copy of its canvas), except columns that hold the
# articles' and reviewers' own words (quotes, titles, subjects, notes).
WORDING_COLUMNS = {"原文", "文章标题", "原文表述", "审核备注", "标题"}
CELLS_JS = """(skip) => [...document.querySelectorAll('[data-testid="stDataFrame"]')].filter(d => d.checkVisibility())
  .flatMap(d => {
    const heads = Object.fromEntries([...d.querySelectorAll('[role="columnheader"]')]
      .map(h => [h.getAttribute('aria-colindex'), h.textContent.trim()]));
    return [...d.querySelectorAll('[role="gridcell"]')]
      .filter(c => !skip.includes(heads[c.getAttribute('aria-colindex')]))
      .map(c => c.textContent.trim());
  })"""
HEADERS_JS = """() => [...document.querySelectorAll('[data-testid="stDataFrame"]')].filter(d => d.checkVisibility())
  .map(d => [...d.querySelectorAll('[role="columnheader"]')].map(h => h.textContent.trim()))"""


@pytest.fixture(scope="module", params=["fixture", "shipped"])
def walk_server(request, streamlit_factory):
    from tests.test_browser import REPO

    return streamlit_factory(FIXTURE if request.param == "fixture" else REPO / "data")


def _open_view(page, base: str, page_id: str, params: dict, lang: str) -> None:  # noqa: F811
    from bench.harness import PAGE_READY_JS, WAIT_IDLE_JS
    from tests.test_browser import _wait  # noqa: PLC0415

    path = urlsplit(page_urls_cache[page_id]).path  # the same on every server of this app
    query = {**params, **({"lang": "English"} if lang == "en" else {})}
    page.goto(f"{base}{path}?{urlencode(query)}")
    _wait(page, WAIT_IDLE_JS, "script idle")
    try:  # a view may state that it has nothing to chart; otherwise wait until charts and tables are drawn
        page.wait_for_function(PAGE_READY_JS, timeout=10_000)
    except Exception:  # noqa: BLE001
        pass
    # the grid's accessible column headers exist once the table is drawn
    page.wait_for_function("""() => [...document.querySelectorAll('[data-testid="stDataFrame"]')]
        .filter(d => d.checkVisibility()).every(d => d.querySelector('[role="columnheader"]'))""", timeout=TIMEOUT_MS)


@pytest.mark.parametrize("page_id, params", WALK, ids=[f"{p}-{'-'.join(v.values()) or 'default'}" for p, v in WALK])
def test_chinese_view_shows_no_internal_codes(page, walk_server, page_id, params):  # noqa: F811
    _open_view(page, walk_server, page_id, params, "zh")
    assert problems(page) == []
    texts = page.evaluate(VISIBLE_TEXT_JS) + page.evaluate(CHART_TEXT_JS)
    texts += page.evaluate(CELLS_JS, sorted(WORDING_COLUMNS))
    texts += [h for table in page.evaluate(HEADERS_JS) for h in table]
    found = {m.group(0): s for s in texts for m in [INTERNAL_CODE.search(s)] if m}
    assert not found, f"internal codes in the Chinese view: {found}"


@pytest.mark.parametrize("page_id, params", WALK, ids=[f"{p}-{'-'.join(v.values()) or 'default'}" for p, v in WALK])
def test_english_view_charts_and_headers_have_no_chinese(page, walk_server, page_id, params):  # noqa: F811
    _open_view(page, walk_server, page_id, params, "en")
    assert problems(page) == []
    charts = page.evaluate(CHART_TEXT_JS)
    headers = [h for table in page.evaluate(HEADERS_JS) for h in table]
    chinese = [s for s in charts + headers if CJK.search(ARTICLE_WORDING.sub("", s))]
    assert not chinese, f"Chinese in the English view's charts or table headers: {chinese[:10]}"
