"""Browser tests: Playwright drives Debian chromium against a real ``streamlit run app.py`` server.

Server and browser come from tests/conftest.py; the server reads the fixture dataset
(tests/fixtures/dataset), whose article 002 carries hostile markup. Page URLs are read from the app's own
navigation (the sidebar links app.py builds from ``dashboard.ui.PAGES``), so nothing here guesses a URL.
Screenshots go to test-output/screens/<page>.png. No test asserts a time.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from bench.harness import (
    AFTER_RUN_READY_JS,
    ARM_JS,
    DIALOG_SELECTOR,
    ERROR_ALERT_SELECTOR,
    EXCEPTION_SELECTOR,
    NAV_LINKS_JS,
    PAGE_READY_JS,
    POLL_MS,
    STATE_JS,
    VIEWPORT,
    WAIT_IDLE_JS,
    StreamlitServer,
    app_pages,
    resolve_page_urls,
)
from dashboard.i18n import LANG_LABELS, t
from dashboard.ui import PAGES
from extract.textio import read_article_text

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "dataset"
SCREENS = REPO / "test-output" / "screens"
TIMEOUT_MS = 45_000
PAGE_IDS = [pid for pid, _ in app_pages()]

# What each page must draw besides "no error": its main chart(s) / table(s). Pages not listed here only
# need the generic check (at least one drawn chart or table).
MAIN_CONTENT = {
    "overview": [".js-plotly-plot .choroplethlocation"],
    "compare": [".js-plotly-plot .bars path"],
    "region": ['[data-testid="stDataFrame"] canvas'],
    "indicator": [".js-plotly-plot .bars path"],
    "sources": ['[data-testid="stDataFrame"] canvas', '[class*="st-key-reader"]'],
    "data": ['[data-testid="stDataFrame"] canvas'],
}


# ---------------------------------------------------------------------------------------------------------
# helpers
def fixture_facts() -> list[dict]:
    with open(FIXTURE / "indicators.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _wait(page, js: str, what: str) -> None:
    try:
        page.wait_for_function(js, timeout=TIMEOUT_MS, polling=POLL_MS)
    except Exception as exc:  # Playwright's TimeoutError: say what the page looked like
        try:
            state = page.evaluate(STATE_JS)
        except Exception:  # noqa: BLE001
            state = "?"
        raise AssertionError(f"{what} not reached within {TIMEOUT_MS / 1000:.0f} s at {page.url} [{state}]") from exc


def wait_ready(page, charts: bool = True) -> None:
    """The run is over and (``charts``) every chart/table on the page is drawn."""
    _wait(page, PAGE_READY_JS if charts else WAIT_IDLE_JS, "page drawn" if charts else "script idle")


def rerun_after(page, action) -> None:
    """Run ``action`` (a click that reruns the script) and wait until that rerun has ended and is drawn."""
    page.evaluate(ARM_JS)
    action()
    _wait(page, AFTER_RUN_READY_JS, "rerun drawn")


def problems(page) -> list[str]:
    """Error elements on the page, as readable strings (empty = none)."""
    out = []
    for sel, what in ((EXCEPTION_SELECTOR, "exception"), (ERROR_ALERT_SELECTOR, "st.error"),
                      (DIALOG_SELECTOR, "dialog")):
        loc = page.locator(sel)
        out += [f"{what}: {txt.strip()[:300]}" for txt in loc.all_inner_texts()]
    return out


def nav_links(page) -> list[tuple[str, str]]:
    return [(href, text) for href, text in page.evaluate(NAV_LINKS_JS)]


def not_blank(png: Path, box: dict | None) -> tuple[float, int]:
    """(grey-level stddev, distinct colours) of the screenshot, inside ``box`` (the main area) if given."""
    from PIL import Image, ImageStat

    img = Image.open(png).convert("RGB")
    if box:
        img = img.crop((int(box["x"]), int(box["y"]), int(box["x"] + box["width"]), int(box["y"] + box["height"])))
    std = ImageStat.Stat(img.convert("L")).stddev[0]
    colours = img.getcolors(maxcolors=1 << 20)
    return std, len(colours) if colours else 1 << 20


def screenshot_whole(page, path: Path) -> dict | None:
    """Screenshot with the viewport grown to the page's height (Streamlit scrolls inside its own container,
    so Playwright's full_page would only capture the window). Returns the main area's box."""
    path.parent.mkdir(parents=True, exist_ok=True)
    height = page.evaluate("""() => {
      const m = document.querySelector('[data-testid="stMain"]');
      return Math.max(m ? m.scrollHeight : 0, document.documentElement.scrollHeight);
    }""")
    page.set_viewport_size({"width": VIEWPORT["width"], "height": int(min(max(height, VIEWPORT["height"]), 6000))})
    page.wait_for_timeout(400)  # Plotly relayouts on resize (no rerun)
    page.screenshot(path=str(path))
    box = page.locator('[data-testid="stMain"]').bounding_box()
    page.set_viewport_size(VIEWPORT)
    return box


# ---------------------------------------------------------------------------------------------------------
# fixtures
@pytest.fixture(scope="session")
def page_urls(browser, streamlit_server) -> dict[str, str]:
    """page id -> absolute URL, from the sidebar navigation the app draws (PAGES order = navigation order).

    Opening ``/`` first also runs app.py (st.navigation) once on this server before any test opens a page.
    """
    ctx = browser.new_context(viewport=VIEWPORT)
    page = ctx.new_page()
    page.goto(streamlit_server + "/")
    wait_ready(page, charts=False)
    page.wait_for_selector('[data-testid="stSidebarNavLink"]', timeout=TIMEOUT_MS)
    links = nav_links(page)
    ctx.close()
    return resolve_page_urls(streamlit_server, links)


@pytest.fixture
def page(browser):
    """A fresh browser context per test; records JS dialogs (and dismisses them) and page errors."""
    ctx = browser.new_context(viewport=VIEWPORT)
    ctx.set_default_timeout(15_000)
    pg = ctx.new_page()
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.js_errors = []  # type: ignore[attr-defined]
    pg.requests = []  # type: ignore[attr-defined]
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("dialog", lambda d: (pg.dialogs.append(f"{d.type}: {d.message}"), d.dismiss()))
    pg.on("pageerror", lambda e: pg.js_errors.append(str(e)))
    yield pg
    ctx.close()


# ---------------------------------------------------------------------------------------------------------
# every page loads, draws its main content, and screenshots are not blank
@pytest.mark.parametrize("page_id", PAGE_IDS)
def test_page_loads_without_errors(page, page_urls, page_id):
    page.goto(page_urls[page_id])
    wait_ready(page)
    assert problems(page) == [], f"{page_id}: error elements on the page"
    for sel in MAIN_CONTENT.get(page_id, []):
        assert page.locator(sel).filter(visible=True).count() > 0, f"{page_id}: main content {sel!r} not shown"
    h1 = page.locator('[data-testid="stMain"] h1')
    assert h1.count() >= 1 and h1.first.inner_text().strip(), f"{page_id}: no page title"

    png = SCREENS / f"{page_id}.png"
    box = screenshot_whole(page, png)
    std, colours = not_blank(png, box)
    assert std > 8 and colours > 64, f"{page_id}: screenshot looks blank (stddev {std:.1f}, {colours} colours)"
    assert page.js_errors == [], f"{page_id}: JavaScript errors {page.js_errors}"
    # Offline: nothing is fetched from another host. And the province map is drawn without plotly.js's base
    # topology (dashboard.geo puts a Scattergeo first on each subplot), which would cost a request and a redraw.
    origin = urlsplit(page_urls[page_id]).netloc
    assert [u for u in page.requests if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc != origin] == []
    assert [u for u in page.requests if "world_110m" in u] == []


# The tabs that run only when opened (overview, region, indicator) are bound to the URL: a shared link opens them drawn.
TAB_VIEWS = [
    ("overview", "ov_tab", "排名", ".js-plotly-plot .bars path"),
    ("region", "reg_tab", "时间线", ".js-plotly-plot .scatterlayer .point"),
    ("indicator", "ind_tab", "数据覆盖", ".js-plotly-plot .scatterlayer .point"),
    ("indicator", "ind_tab", "数据表", '[data-testid="stDataFrame"] canvas'),
]


@pytest.mark.parametrize("page_id, key, tab, selector", [v for v in TAB_VIEWS if v[0] in PAGE_IDS])
def test_tab_view_from_a_shared_link(page, page_urls, page_id, key, tab, selector):
    page.goto(f"{page_urls[page_id]}?{urlencode({key: tab})}")
    wait_ready(page)
    assert problems(page) == [], f"{page_id} {tab}: error elements on the page"
    assert page.locator(selector).filter(visible=True).count() > 0, f"{page_id} {tab}: {selector!r} not drawn"
    selected = page.locator('[data-testid="stTab"][aria-selected="true"]')
    assert selected.count() == 1 and tab in selected.inner_text()
    assert page.js_errors == []


def test_blank_check_flags_a_blank_screenshot(tmp_path):
    from PIL import Image, ImageDraw

    blank = tmp_path / "blank.png"
    Image.new("RGB", (400, 300), "white").save(blank)
    assert not_blank(blank, None)[0] < 1
    busy = tmp_path / "busy.png"
    img = Image.new("RGB", (400, 300), "white")
    draw = ImageDraw.Draw(img)
    for i in range(0, 400, 4):
        draw.rectangle((i, 300 - i // 2, i + 3, 300), fill=(i % 256, 80, 255 - i % 256))
    img.save(busy)
    std, colours = not_blank(busy, None)
    assert std > 8 and colours > 64


def test_navigation_lists_every_page_with_its_title(page, page_urls):
    page.goto(page_urls[PAGE_IDS[0]])
    wait_ready(page, charts=False)
    titles = [text for _, text in nav_links(page)]
    assert titles == [t(PAGES[pid][2], "zh") for pid in PAGE_IDS]


def test_direct_link_on_a_fresh_server(browser):
    """The first visitor of a newly started server opens a shared link to a page that is not the default.
    It must get the app's navigation (app.py's st.navigation), not Streamlit's automatic page list."""
    target = PAGE_IDS[-1]
    with StreamlitServer("app.py", data_dir=FIXTURE) as srv:
        ctx = browser.new_context(viewport=VIEWPORT)
        page = ctx.new_page()
        page.goto(f"{srv.url}/{PAGES[target][1]}")
        wait_ready(page, charts=False)
        page.wait_for_timeout(500)
        found = problems(page)
        titles = [text for _, text in nav_links(page)]
        ctx.close()
    assert found == [], f"direct link to /{PAGES[target][1]} on a fresh server"
    assert titles == [t(PAGES[pid][2], "zh") for pid in PAGE_IDS], "sidebar navigation is not the app's"


# ---------------------------------------------------------------------------------------------------------
# provenance: clicking a bar shows its quote
BAR_VIEWS = {"overview": {"ov_tab": "排名"}, "compare": {}}  # the overview's ranking is its second tab


@pytest.mark.parametrize("page_id", [p for p in BAR_VIEWS if p in PAGE_IDS])
def test_click_bar_shows_its_quote(page, page_urls, page_id):
    query = urlencode(BAR_VIEWS[page_id])
    page.goto(page_urls[page_id] + (f"?{query}" if query else ""))
    wait_ready(page)
    chart = page.locator('[data-testid="stPlotlyChart"]').filter(has=page.locator(".bars path")).first
    chart.scroll_into_view_if_needed()
    # the widest bar: easy to hit, never a zero-width path
    bars = chart.locator(".bars path")
    boxes = [b for b in (bars.nth(i).bounding_box() for i in range(bars.count())) if b]
    assert boxes, f"{page_id}: no bars drawn"
    box = max(boxes, key=lambda b: b["width"] * b["height"])
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2

    page.mouse.move(x, y)
    hover = page.locator(".hoverlayer .hovertext").first
    hover.wait_for(timeout=5_000)
    lines = hover.evaluate("e => { const ls = [...e.querySelectorAll('tspan.line')].map(t => t.textContent);"
                           " return ls.length ? ls : [e.textContent]; }")
    region_label = lines[0].strip()
    regions = {f["region"] for f in fixture_facts()}
    assert region_label in regions, f"hover label {region_label!r} is not a region of the fixture"
    quotes = {f"“{f['quote']}”" for f in fixture_facts() if f["region"] == region_label}

    def quote_count() -> int:
        # a fact card's text element opens with the quote; the article and any conflicting values follow
        return sum(1 for s in page.locator('[data-testid="stText"]').all_inner_texts()
                   if s.strip().split("\n")[0] in quotes)

    before = quote_count()
    rerun_after(page, lambda: page.mouse.click(x, y))
    header = page.get_by_text(t("selected_facts", "zh"), exact=True)
    header.first.wait_for(timeout=TIMEOUT_MS)
    assert header.first.is_visible()
    assert quote_count() > before, f"{page_id}: no quote of {region_label} appeared after the click"
    assert problems(page) == []


# The centre of a coloured province (one with data), if that point is inside this province's shape and no
# other's (not in a hole such as Beijing inside Hebei): [x, y], or null. Plotly's geo hover works from the
# pointer's position on the map (its paths take no pointer events), so the test is geometric.
PROVINCE_TARGET_JS = """(chart) => {
  const noData = 'rgb(233, 233, 233)';
  const all = [...chart.querySelectorAll('path.choroplethlocation')];
  const inside = (p, x, y) => p.isPointInFill(new DOMPoint(x, y).matrixTransform(p.getScreenCTM().inverse()));
  const coloured = all.filter(p => getComputedStyle(p).fill !== noData)
    .map(p => [p, p.getBoundingClientRect()])
    .sort((a, b) => b[1].width * b[1].height - a[1].width * a[1].height);
  for (const [p, r] of coloured) {
    const x = r.x + r.width / 2, y = r.y + r.height / 2;
    if (inside(p, x, y) && all.every(o => o === p || !inside(o, x, y))) return [x, y];
  }
  return null;
}"""


def test_click_province_shows_its_quote(page, page_urls):
    page.goto(page_urls["overview"])
    wait_ready(page)
    chart = page.locator('[data-testid="stPlotlyChart"]').filter(has=page.locator(".choroplethlocation")).first
    chart.scroll_into_view_if_needed()
    target = chart.evaluate(PROVINCE_TARGET_JS)
    assert target, "no coloured province can be hit at its centre"
    x, y = target
    page.mouse.move(x, y)
    hover = page.locator(".hoverlayer .hovertext").first
    hover.wait_for(timeout=5_000)
    lines = hover.evaluate("e => { const ls = [...e.querySelectorAll('tspan.line')].map(t => t.textContent);"
                           " return ls.length ? ls : [e.textContent]; }")
    short = lines[0].strip()  # 湖北: the map's short label
    facts = [f for f in fixture_facts() if f["region"].startswith(short)]
    assert facts, f"hover label {short!r} is not a province of the fixture"
    quotes = {f"“{f['quote']}”" for f in facts}

    def quote_count() -> int:
        # a fact card's text element opens with the quote; the article and any conflicting values follow
        return sum(1 for s in page.locator('[data-testid="stText"]').all_inner_texts()
                   if s.strip().split("\n")[0] in quotes)

    before = quote_count()
    rerun_after(page, lambda: page.mouse.click(x, y))
    page.get_by_text(t("selected_facts", "zh"), exact=True).first.wait_for(timeout=TIMEOUT_MS)
    assert quote_count() > before, f"no quote of {short} appeared after clicking the province"
    assert problems(page) == []


# ---------------------------------------------------------------------------------------------------------
# shareable state
def _compare_url(page_urls, lang_value: str) -> tuple[str, dict]:
    """A hand-written link to the compare page in English with an indicator and three regions."""
    from dashboard import queries as q
    from dashboard.data import parse_dataset

    ds = parse_dataset(FIXTURE)
    ind = "digital_economy_gdp_share"
    regions = ["浙江省", "广东省", "湖北省"]
    want = {
        "indicator": q.indicator_label(ds, ind, "en"),
        "regions": [q.region_label(ds, r, "en") for r in regions],
        "group": t("group_none", "en"),
    }
    params = [("lang", lang_value), ("cmp_ind", want["indicator"]), ("cmp_grp", want["group"])]
    params += [("cmp_reg", r) for r in want["regions"]]
    return f"{page_urls['compare']}?{urlencode(params)}", want


def _view_state(page) -> dict:
    """What the compare page shows: language, title, indicator, region group and region tags."""
    ms = page.locator('[data-testid="stMultiSelect"]').filter(has=page.get_by_role("combobox", name=t("regions", "en")))
    tags = ms.locator("[data-tag]")
    return {
        "lang": [c.strip() for c in page.locator('[role="radiogroup"] [role="radio"][aria-checked="true"]')
                 .all_inner_texts() if c.strip() in LANG_LABELS.values()],  # not the layout switch's
        "title": page.locator('[data-testid="stMain"] h1').first.inner_text().strip(),
        "indicator": page.get_by_role("combobox", name=t("indicator", "en")).input_value(),
        "group": page.get_by_role("combobox", name=t("region_group", "en")).input_value(),
        "regions": [tags.nth(i).get_attribute("aria-label") for i in range(tags.count())],
    }


@pytest.mark.skipif("compare" not in PAGE_IDS, reason="the app has no compare page")
@pytest.mark.parametrize("lang_value", ["en", LANG_LABELS["en"]])
def test_hand_written_url_restores_view(page, page_urls, lang_value):
    url, want = _compare_url(page_urls, lang_value)
    page.goto(url)
    wait_ready(page)
    assert problems(page) == []
    shown = _view_state(page)
    assert shown["lang"] == [LANG_LABELS["en"]], f"language switch shows {shown['lang']}, not English"
    assert shown["title"] == t("cmp_title", "en")
    assert [text for _, text in nav_links(page)] == [t(PAGES[pid][2], "en") for pid in PAGE_IDS]
    assert {k: shown[k] for k in want} == want


def _choose(page, box_label: str, option: str) -> None:
    box = page.locator('[data-testid="stSelectbox"]').filter(has=page.get_by_role("combobox", name=box_label))
    box.get_by_role("button", name="Open").click()
    rerun_after(page, lambda: page.get_by_role("option", name=option, exact=True).click())


@pytest.mark.skipif("compare" not in PAGE_IDS, reason="the app has no compare page")
def test_view_built_by_clicking_survives_a_copied_url(browser, page, page_urls):
    """Switch to English, pick an indicator and a custom region group with the mouse, then open the
    address bar's URL in another browser: the same view comes back."""
    from dashboard import queries as q
    from dashboard.data import parse_dataset

    ds = parse_dataset(FIXTURE)
    page.goto(page_urls["compare"])
    wait_ready(page)
    rerun_after(page, lambda: page.get_by_role("radio", name=LANG_LABELS["en"]).click())
    _choose(page, t("indicator", "en"), q.indicator_label(ds, "digital_economy_gdp_share", "en"))
    _choose(page, t("region_group", "en"), t("group_none", "en"))
    # choosing "Custom" fills the region tags in a follow-up rerun: wait for them, then read the view
    regions_box = page.locator('[data-testid="stMultiSelect"]').filter(
        has=page.get_by_role("combobox", name=t("regions", "en")))
    regions_box.locator("[data-tag]").first.wait_for(timeout=TIMEOUT_MS)
    wait_ready(page)
    shown = _view_state(page)
    assert shown["lang"] == [LANG_LABELS["en"]] and shown["title"] == t("cmp_title", "en")
    assert shown["indicator"] == q.indicator_label(ds, "digital_economy_gdp_share", "en")
    assert shown["group"] == t("group_none", "en") and shown["regions"], "custom group shows no regions"
    copied = page.url

    ctx = browser.new_context(viewport=VIEWPORT)
    other = ctx.new_page()
    try:
        other.goto(copied)
        wait_ready(other)
        assert problems(other) == []
        assert _view_state(other) == shown, f"the copied URL {copied} does not restore the view"
    finally:
        ctx.close()


# ---------------------------------------------------------------------------------------------------------
# untrusted article text
def _hostile_article() -> tuple[str, str]:
    for p in sorted((FIXTURE / "articles").glob("*.txt")):
        text = read_article_text(p)
        if "<script>" in text:
            return p.name, text
    raise AssertionError("the fixture dataset has no article with <script> in it")


def test_untrusted_article_text_is_shown_literally(page, page_urls):
    doc, text = _hostile_article()
    markers = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
               "**加粗标记**", "<b>HTML标签</b>"]
    heading = next(line for line in text.splitlines() if line.startswith("# "))
    for m in markers:
        assert m in text, f"fixture article lost its marker {m!r}"

    page.goto(f"{page_urls['sources']}?{urlencode({'doc': doc})}")
    wait_ready(page)
    # the reader shows the cleaned text by default; the original, as the file has it, is one click away
    rerun_after(page, lambda: page.get_by_role("radio", name=t("src_view_original", "zh")).click())
    page.wait_for_timeout(1_000)  # give any injected script a chance to run
    main = page.locator('[data-testid="stMain"]')
    assert page.dialogs == [], f"a JavaScript dialog fired: {page.dialogs}"
    assert page.locator('a[href^="javascript:" i]').count() == 0
    js_links = page.evaluate("""() => [...document.querySelectorAll('a[href]')]
        .map(a => a.getAttribute('href')).filter(h => h.replace(/\\s/g, '').toLowerCase().startsWith('javascript:'))""")
    assert js_links == []
    assert main.locator("script").count() == 0
    assert main.locator("img[onerror]").count() == 0
    for m in markers:
        loc = main.get_by_text(m, exact=False)
        assert loc.count() >= 1 and loc.first.is_visible(), f"literal {m!r} not visible in the reader"
    for tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        assert main.locator(tag, has_text=heading[2:].strip()).count() == 0, "a '# ' line rendered as a heading"
    assert main.get_by_text(heading, exact=False).count() >= 1, "the '# ' line is not shown as written"
    assert main.locator("b, strong", has_text="HTML标签").count() == 0
    assert main.locator("b, strong", has_text="加粗标记").count() == 0
    assert problems(page) == []
    assert page.js_errors == []


# ---------------------------------------------------------------------------------------------------------
# a damaged dataset gets the friendly error page
@pytest.fixture(scope="module")
def broken_dataset(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("broken") / "dataset"
    shutil.copytree(FIXTURE, d)
    csv_path = d / "indicators.csv"
    raw = csv_path.read_bytes()
    cut = raw.rfind(b"\n", 0, len(raw) // 2) + 40  # 40 bytes into a row: a row cut off mid-way
    csv_path.write_bytes(raw[:cut])
    return d


@pytest.mark.parametrize("page_id", [PAGE_IDS[0], *(p for p in ("sources",) if p in PAGE_IDS)])
def test_broken_dataset_shows_friendly_error(page, streamlit_factory, broken_dataset, page_id):
    base = streamlit_factory(broken_dataset)
    url = base + "/" if page_id == PAGE_IDS[0] else f"{base}/{PAGES[page_id][1]}"
    page.goto(url)
    wait_ready(page, charts=False)
    page.wait_for_timeout(300)
    assert page.locator(EXCEPTION_SELECTOR).count() == 0, "a traceback is shown"
    assert page.locator('[data-testid="stMain"] h1').first.inner_text().strip() == t("err_title", "zh")
    assert page.locator(ERROR_ALERT_SELECTOR).count() >= 1
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert "indicators.csv" in body, "the error does not name the damaged file"
    assert "Traceback" not in body
    assert page.locator('[data-testid="stPlotlyChart"]').count() == 0
