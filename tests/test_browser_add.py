"""The Add article page in a real browser (Playwright + Debian chromium), issue 13.

Each module server reads a temporary dataset (the fixture articles, extracted and built here) through
DASHBOARD_DATA_DIR, so nothing touches the shipped data/. The marked article is the project's inline v2
component; its marks are in an open shadow root, which Playwright's CSS locators pierce. No test asserts a time.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote as urlquote

import pytest
import yaml

from bench.harness import VIEWPORT, WAIT_IDLE_JS
from dashboard import byo
from extract.pipeline import extract_article
from extract.textio import ArticleMeta
from tests.test_browser import REPO, screenshot_whole

pytestmark = pytest.mark.browser

SCREENS = REPO / "test-output" / "screens"
TIMEOUT_MS = 60_000
ARTICLE = ("新华社武汉3月5日电 2023年，湖北省数字经济规模达到2.3万亿元，同比增长12.5%。\n"
           "武汉市软件业务收入2500亿元，全市5G基站达到4.2万个。\n"
           "全省新增数字经济企业1200家，举办对接活动36场。\n"
           "省里表示，将在3年内完成改造。\n"
           "襄阳市数字经济核心产业增加值增长15%。\n")
SOURCE = "测试日报"


def make_dataset(root: Path) -> Path:
    """The fixture articles, extracted and built with the command line (a real facts.csv and curation dir)."""
    shutil.copytree(REPO / "tests" / "fixtures" / "dataset" / "articles", root / "articles")
    (root / "curation").mkdir()
    py = sys.executable
    subprocess.run([py, "-m", "extract", str(root / "articles"), "-o", str(root / "extracted")], cwd=REPO,
                   check=True, capture_output=True)
    subprocess.run([py, "-m", "curate.build", "--facts", str(root / "extracted" / "facts.csv"), "--curation",
                    str(root / "curation"), "--articles", str(root / "articles"), "--out", str(root)], cwd=REPO,
                   check=True, capture_output=True)
    return root


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    return make_dataset(tmp_path_factory.mktemp("byo"))


@pytest.fixture(scope="module")
def server(streamlit_factory, data) -> str:
    return streamlit_factory(data)


@pytest.fixture
def ctx(browser):
    c = browser.new_context(viewport=VIEWPORT)
    yield c
    c.close()


def idle(page) -> None:
    page.wait_for_function(WAIT_IDLE_JS, timeout=TIMEOUT_MS, polling=50)


def open_page(page, url: str) -> None:
    page.goto(url)
    idle(page)


def paste_and_read(page, text: str) -> None:
    page.locator(".st-key-add_text textarea").fill(text)
    page.locator(".st-key-add_read button").click()


def mark(page, fact_id: str):
    return page.locator(f'mark[data-fact="{fact_id}"]')


def wait_state(page, fact_id: str, state: str) -> None:
    page.wait_for_function(
        """([fid, state]) => {
            const host = [...document.querySelectorAll('*')].find(e => e.shadowRoot &&
                e.shadowRoot.querySelector('mark[data-fact="' + fid + '"]'));
            const m = host && host.shadowRoot.querySelector('mark[data-fact="' + fid + '"]');
            return !!m && m.getAttribute('data-state') === state;
        }""", arg=[fact_id, state], timeout=TIMEOUT_MS, polling=100)


def marks(page) -> list[dict]:
    return page.evaluate("""() => {
        const out = [];
        for (const host of document.querySelectorAll('*')) {
            if (!host.shadowRoot) continue;
            for (const m of host.shadowRoot.querySelectorAll('mark[data-fact]')) out.push({
                id: m.getAttribute('data-fact'), start: +m.getAttribute('data-start'), text: m.textContent,
                state: m.getAttribute('data-state'), label: m.getAttribute('data-label'),
                sel: m.classList.contains('sel')});
        }
        return out;
    }""")


def press(page, key: str) -> None:
    idle(page)
    page.locator("h1").first.click()  # focus out of any text field: shortcuts only act outside them
    page.keyboard.press(key)


SELECT_JS = """([context, needle]) => {
    for (const host of document.querySelectorAll('*')) {
        if (!host.shadowRoot) continue;
        const box = host.shadowRoot.querySelector('.byo-text');
        if (!box) continue;
        const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const c = n.data.indexOf(context);
            if (c < 0) continue;
            const i = c + context.indexOf(needle);  // UTF-16 offsets, as the DOM has them
            const r = document.createRange();
            r.setStart(n, i); r.setEnd(n, i + needle.length);
            const sel = host.shadowRoot.getSelection ? host.shadowRoot.getSelection() : window.getSelection();
            sel.removeAllRanges(); sel.addRange(r);
            box.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
            return true;
        }
    }
    return false;
}"""


def select_in_text(page, context: str, needle: str) -> None:
    """Select ``needle`` where it occurs in ``context`` inside one text run of the article, as a mouse would."""
    assert page.evaluate(SELECT_JS, [context, needle]), f"{context!r} not found in one text run"


def choose(page, scope, label_text: str, option: str) -> None:
    """Pick ``option`` in the selectbox labelled ``label_text`` inside ``scope``."""
    box = scope.locator('[data-testid="stSelectbox"]').filter(has_text=label_text).first
    box.locator("input").click()
    page.keyboard.press("Control+A")
    page.keyboard.type(option)
    page.locator('[role="option"]').filter(has_text=option).first.wait_for(timeout=TIMEOUT_MS)
    page.keyboard.press("Enter")
    page.wait_for_function("""([sel, opt]) => true""", arg=["", option])


def expected_rows(text: str) -> list[dict]:
    g = byo.infer_details(text)
    return extract_article(text, byo.stored_name(text), ArticleMeta(date=g["date"], title=g["title"]))


def built(data: Path) -> dict[str, dict]:
    with open(data / "indicators.csv", encoding="utf-8", newline="") as fh:
        return {r["fact_id"]: r for r in csv.DictReader(fh)}


# ---------------------------------------------------------------------------------------------------------
def test_paste_review_with_keys_add_and_see_it_everywhere(ctx, server, data):
    doc = byo.stored_name(ARTICLE)
    rows = expected_rows(ARTICLE)
    assert len(rows) >= 6
    page = ctx.new_page()
    open_page(page, f"{server}/add_article")
    paste_and_read(page, ARTICLE)
    page.wait_for_selector("mark.byo-mark", timeout=TIMEOUT_MS)
    idle(page)
    got = marks(page)
    # every extracted number is marked, at its Python offset, labelled by kind, all suggested
    assert [(m["id"], m["start"], m["text"]) for m in got] == [
        (r["fact_id"], r["start"], ARTICLE[r["start"]:r["end"]]) for r in rows]
    assert {m["state"] for m in got} == {"suggested"} and all(m["label"] for m in got)
    assert got[0]["sel"]  # the fact in focus is outlined
    screenshot_whole(page, SCREENS / "add_article_read.png")

    # accept two with the keyboard (the focus moves on to the next undecided fact)
    press(page, "a")
    wait_state(page, rows[0]["fact_id"], "accepted")
    press(page, "a")
    wait_state(page, rows[1]["fact_id"], "accepted")
    # reject the third with a reason
    press(page, "x")
    dialog = page.locator('[data-testid="stDialog"]')
    dialog.wait_for(timeout=TIMEOUT_MS)
    dialog.locator('[data-testid="stButtonGroup"] button').filter(has_text="重复").click()
    idle(page)
    dialog.locator("button").filter(has_text="确认拒绝").click()
    wait_state(page, rows[2]["fact_id"], "rejected")
    # edit the fourth one's region
    press(page, "e")
    dialog.wait_for(timeout=TIMEOUT_MS)
    choose(page, dialog, "地区", "襄阳市")
    idle(page)
    dialog.locator("button").filter(has_text="保存修改").click()
    wait_state(page, rows[3]["fact_id"], "edited")
    # the number the extractor missed: select it in the text, describe it, add it
    start = ARTICLE.index("3年内")
    assert all(r["start"] != start for r in rows)
    select_in_text(page, "将在3年内", "3")
    missed = page.locator(".st-key-add_missed").filter(has_text="“3”").first
    missed.wait_for(timeout=TIMEOUT_MS)
    # the component sent code-point offsets: the form names exactly the selected number
    assert "“3”" in missed.inner_text()
    choose(page, missed, "地区", "湖北省")
    missed.locator('[data-testid="stSelectbox"]').filter(has_text="类型").locator("input").click()
    page.locator('[role="option"]').filter(has_text="目标值").first.click()
    missed.locator('[data-testid="stTextInput"]').filter(has_text="单位").locator("input").fill("年")
    missed.locator('[data-testid="stTextInput"]').filter(has_text="原文表述").locator("input").fill("完成改造年限")
    missed.locator("button").filter(has_text="补充这条事实").click()
    add_id = f"add_{start}_{start + 1}"
    wait_state(page, add_id, "added")

    # a reload keeps every decision (they are on disk, under the article's review file)
    page.reload()
    idle(page)
    page.wait_for_selector("mark.byo-mark", timeout=TIMEOUT_MS)
    states = {m["id"]: m["state"] for m in marks(page)}
    assert [states[r["fact_id"]] for r in rows[:4]] == ["accepted", "accepted", "rejected", "edited"]
    assert states[add_id] == "added"
    review = json.loads((data / "inbox" / f"{Path(doc).stem}.review.json").read_text(encoding="utf-8"))
    assert review["decisions"][rows[2]["fact_id"]]["reason"] == "重复"
    assert review["decisions"][rows[3]["fact_id"]]["set"]["region"] == "襄阳市"

    # details, then add to the dataset
    details = page.locator('[data-testid="stExpander"]').filter(has_text="文章信息")
    if not details.locator('[data-testid="stTextInput"]').first.is_visible():
        details.locator("summary").click()
    details.locator('[data-testid="stTextInput"]').filter(has_text="发布日期").locator("input").fill("2026-12-01")
    details.locator('[data-testid="stTextInput"]').filter(has_text="来源").locator("input").fill(SOURCE)
    details.locator("button").filter(has_text="保存文章信息").click()
    page.get_by_text("文章信息已保存。").wait_for(timeout=TIMEOUT_MS)
    page.locator(".st-key-add_commit button").click()
    page.get_by_text("已加入数据集").wait_for(timeout=120_000)
    screenshot_whole(page, SCREENS / "add_article_added.png")

    # written through curate.review and curate.build
    cur = yaml.safe_load((data / "curation" / f"{Path(doc).stem}.yaml").read_text(encoding="utf-8"))
    assert [d["action"] for d in cur["decisions"]] == ["accept", "accept", "reject", "edit", "add"]
    assert cur["decisions"][0]["span"] == [rows[0]["start"], rows[0]["end"]]
    facts = built(data)
    assert facts[rows[0]["fact_id"]]["status"] == facts[rows[1]["fact_id"]]["status"] == "accepted"
    assert rows[2]["fact_id"] not in facts
    assert facts[rows[3]["fact_id"]]["region"] == "襄阳市" and facts[rows[3]["fact_id"]]["status"] == "edited"
    added = [f for f in facts.values() if f["doc"] == doc and f["status"] == "added"]
    assert [(a["value_raw"], int(a["start"]), a["kind"]) for a in added] == [("3", start, "target")]
    meta = yaml.safe_load((data / "metadata.yaml").read_text(encoding="utf-8"))
    assert meta["articles"][doc]["source"] == SOURCE

    # a reload after adding: the decisions now come from the curation file
    page.reload()
    idle(page)
    page.wait_for_selector("mark.byo-mark", timeout=TIMEOUT_MS)
    states = {m["id"]: m["state"] for m in marks(page)}
    assert [states[r["fact_id"]] for r in rows[:4]] == ["accepted", "accepted", "rejected", "edited"]
    assert "added" in states.values()

    # the overview (newest facts) and the data page show the new facts with their source, no restart
    open_page(page, f"{server}/")
    page.get_by_text(SOURCE).first.wait_for(timeout=TIMEOUT_MS)
    screenshot_whole(page, SCREENS / "add_article_overview.png")
    page.set_viewport_size({"width": 3600, "height": 1000})  # the table draws only the columns in view
    open_page(page, f"{server}/data_table?dat_q={urlquote('湖北省数字经济规模达到2.3万亿元')}")
    page.wait_for_function("""(src) => [...document.querySelectorAll('[role="gridcell"]')]
        .some(c => c.textContent.trim() === src)""", arg=SOURCE, timeout=TIMEOUT_MS)
    screenshot_whole(page, SCREENS / "add_article_data.png")


# ---------------------------------------------------------------------------------------------------------
# untrusted input: each refusal says why and changes nothing; article text is never markup
def inbox_files(data: Path) -> set[str]:
    box = data / "inbox"
    return {p.name for p in box.iterdir()} if box.is_dir() else set()


def upload(page, name: str, raw: bytes, mime: str = "text/plain") -> None:
    """Upload one file and wait until the uploader lists it as sent (its chip, without a spinner)."""
    page.locator('.st-key-add_files input[type="file"]').set_input_files(
        files=[{"name": name, "mimeType": mime, "buffer": raw}])
    page.locator('.st-key-add_files [data-testid="stFileChip"]').filter(has_text=name).wait_for(timeout=TIMEOUT_MS)
    page.wait_for_function("""() => !document.querySelector('.st-key-add_files [data-testid="stFileChipIconSpinner"]')""",
                           timeout=TIMEOUT_MS, polling=100)
    idle(page)


def _zip_bytes() -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("article.txt", ARTICLE)
    return buf.getvalue()


@pytest.mark.parametrize("name, raw, message", [
    ("article.txt", _zip_bytes(), "这是压缩包（zip）"),
    ("article.txt", bytes(range(256)) * 64, "这是二进制文件"),
    ("notes.txt", "湖北省数字经济发展迅速，企业数量稳步增长。".encode(), "文中没有数字"),
])
def test_refused_upload_in_the_browser(ctx, server, data, name, raw, message):
    page = ctx.new_page()
    open_page(page, f"{server}/add_article")
    before = inbox_files(data)
    upload(page, name, raw)
    page.locator(".st-key-add_read button").click()
    err = page.locator('[data-testid="stAlertContentError"]').filter(has_text=message)
    err.wait_for(timeout=TIMEOUT_MS)
    assert name in err.inner_text()
    assert inbox_files(data) == before
    assert page.locator("mark.byo-mark").count() == 0


def test_a_50_mb_upload_is_refused_before_it_is_sent(ctx, server, data, tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    page = ctx.new_page()
    open_page(page, f"{server}/add_article")
    before = inbox_files(data)
    page.locator('.st-key-add_files input[type="file"]').set_input_files(str(big))
    page.locator(".st-key-add_files").get_by_text("or smaller").wait_for(timeout=TIMEOUT_MS)
    page.locator(".st-key-add_read button").click()
    page.get_by_text("请先粘贴文本或选择文件。").wait_for(timeout=TIMEOUT_MS)  # nothing reached the server
    assert inbox_files(data) == before


def test_html_with_script_is_reduced_and_markup_in_text_stays_text(ctx, server, data):
    page = ctx.new_page()
    page.add_init_script("window.__pwned = 0;")
    open_page(page, f"{server}/add_article")
    html_page = ("<html><head><title>湖北数字经济快报</title><script>window.__pwned = 1;</script></head><body>"
                 "<p>2023年，湖北省数字经济规模达到2.3万亿元。</p>"
                 "<p><img src=x onerror=\"window.__pwned = 2\">武汉市软件业务收入2500亿元。</p></body></html>")
    upload(page, "page.html", html_page.encode(), "text/html")
    page.locator(".st-key-add_read button").click()
    page.wait_for_selector("mark.byo-mark", timeout=TIMEOUT_MS)
    idle(page)
    box = page.locator(".byo-text")
    assert "window.__pwned" not in box.inner_text() and "2500" in box.inner_text()
    assert page.evaluate("window.__pwned") == 0
    # a plain text that contains markup: shown literally, never parsed
    page.locator(".st-key-add_close button").click()
    idle(page)
    hostile = ("2024年，海南省数字经济增长<img src=x onerror=\"window.__pwned = 3\">15%，**粗体** [链接](javascript:x)\n"
               "三亚市软件收入120亿元。\n")
    paste_and_read(page, hostile)
    page.wait_for_selector("mark.byo-mark", timeout=TIMEOUT_MS)
    idle(page)
    text = page.locator(".byo-text").inner_text()
    assert '<img src=x onerror="window.__pwned = 3">' in text and "**粗体** [链接](javascript:x)" in text
    assert page.locator(".byo-text img").count() == 0 and page.locator(".byo-text a").count() == 0
    assert page.evaluate("window.__pwned") == 0


# ---------------------------------------------------------------------------------------------------------
def test_two_sessions_deciding_on_one_article_keep_both(browser, server, data):
    text = ARTICLE.replace("襄阳市", "宜昌市")  # its own article (own stored name)
    doc = byo.stored_name(text)
    rows = expected_rows(text)
    a_ctx, b_ctx = browser.new_context(viewport=VIEWPORT), browser.new_context(viewport=VIEWPORT)
    try:
        a, b = a_ctx.new_page(), b_ctx.new_page()
        open_page(a, f"{server}/add_article")
        paste_and_read(a, text)
        a.wait_for_selector("mark.byo-mark", timeout=TIMEOUT_MS)
        open_page(b, f"{server}/add_article?doc={doc}")  # the same draft, in another session
        b.wait_for_selector("mark.byo-mark", timeout=TIMEOUT_MS)
        idle(a)
        # A accepts the first fact; B, whose screen still shows it undecided, presses accept on it too
        press(a, "a")
        wait_state(a, rows[0]["fact_id"], "accepted")
        press(b, "a")
        # B is told: its decision was not written over A's, and what the other session changed
        b.get_by_text("另一会话已对这条事实作出决定").wait_for(timeout=TIMEOUT_MS)
        b.get_by_text("另一会话刚刚修改了 1 条决定").wait_for(timeout=TIMEOUT_MS)
        wait_state(b, rows[0]["fact_id"], "accepted")  # B now shows A's decision
        # B decides another fact: merged with A's, nothing lost
        b.locator(f'mark[data-fact="{rows[1]["fact_id"]}"]').click()
        # the clicked number's fact is in focus (during a rerun the previous card may still be on screen)
        b.locator(".st-key-add_focus").filter(has_text="当前事实 2/").filter(
            has_text=rows[1]["value_raw"] + rows[1]["unit_raw"]).first.wait_for(timeout=TIMEOUT_MS)
        press(b, "a")
        wait_state(b, rows[1]["fact_id"], "accepted")
        a.reload()
        idle(a)
        wait_state(a, rows[1]["fact_id"], "accepted")
        wait_state(a, rows[0]["fact_id"], "accepted")
        state = byo.load_review(data, doc)
        assert {k: v["action"] for k, v in state["decisions"].items()} == {rows[0]["fact_id"]: "accept",
                                                                            rows[1]["fact_id"]: "accept"}
        assert len({v["session"] for v in state["decisions"].values()}) == 2
    finally:
        a_ctx.close()
        b_ctx.close()


# ---------------------------------------------------------------------------------------------------------
ASTRAL = ("𠀀😀湖北省\r\n2023年，湖北省数字经济规模达到2.3万亿元，同比增长12.5%。\r\n"
          "𠀁👩‍💻武汉市软件业务收入2500亿元，全市5G基站达到4.2万个。\r\n")


def test_offsets_hold_on_astral_characters_emoji_and_crlf(ctx, server, data):
    rows = expected_rows(ASTRAL)
    assert len(rows) >= 3
    page = ctx.new_page()
    open_page(page, f"{server}/add_article")
    upload(page, "astral.txt", ASTRAL.encode("utf-8"))  # an upload keeps \r\n (a textarea would not)
    page.locator(".st-key-add_read button").click()
    page.wait_for_selector("mark.byo-mark", timeout=TIMEOUT_MS)
    idle(page)
    stored = (data / "inbox" / byo.stored_name(ASTRAL)).read_bytes()
    assert stored == ASTRAL.encode("utf-8")
    # each mark sits on exactly the characters Python's offsets name
    got = marks(page)
    assert [(m["start"], m["text"]) for m in got] == [(r["start"], ASTRAL[r["start"]:r["end"]]) for r in rows]
    # the DOM text is the article, character for character (\r\n included)
    dom = page.evaluate("""() => { for (const h of document.querySelectorAll('*'))
        if (h.shadowRoot && h.shadowRoot.querySelector('.byo-text')) return h.shadowRoot.querySelector('.byo-text').textContent
            .replace(/[\\u0000-\\uffff]/g, c => c); return null; }""")
    assert dom == ASTRAL
    # clicking a mark after the astral characters selects its fact
    target = next(r for r in rows if ASTRAL[r["start"]:r["end"]] == "2500")
    mark(page, target["fact_id"]).click()
    i = [r["fact_id"] for r in rows].index(target["fact_id"])
    page.locator(".st-key-add_focus").filter(has_text=f"当前事实 {i + 1}/").filter(has_text="2500亿元").first.wait_for(
        timeout=TIMEOUT_MS)
    idle(page)
    assert next(m for m in marks(page) if m["id"] == target["fact_id"])["sel"]
    # a selection after 𠀀, 😀 and \r\n comes back as the right code points
    select_in_text(page, "2023年，", "2023")
    page.locator(".st-key-add_missed").filter(has_text="“2023”").first.wait_for(timeout=TIMEOUT_MS)
    select_in_text(page, "👩‍💻武汉", "武汉")
    page.locator(".st-key-add_missed").filter(has_text="“武汉”").first.wait_for(timeout=TIMEOUT_MS)
    screenshot_whole(page, SCREENS / "add_article_astral.png")


def test_next_previous_skip_and_undo_keys(ctx, server, data):
    text = ARTICLE.replace("襄阳市", "十堰市")
    rows = expected_rows(text)
    page = ctx.new_page()
    open_page(page, f"{server}/add_article")
    paste_and_read(page, text)
    page.wait_for_selector("mark.byo-mark", timeout=TIMEOUT_MS)

    def focus_is(i: int) -> None:
        page.wait_for_function(
            """(fid) => [...document.querySelectorAll('*')].some(h => h.shadowRoot &&
                h.shadowRoot.querySelector('mark.sel[data-fact="' + fid + '"]'))""",
            arg=rows[i]["fact_id"], timeout=TIMEOUT_MS, polling=100)

    focus_is(0)
    press(page, "j")
    focus_is(1)
    press(page, "j")
    focus_is(2)
    press(page, "k")
    focus_is(1)
    press(page, "Space")  # skip: on to the next fact, nothing decided
    focus_is(2)
    press(page, "a")
    wait_state(page, rows[2]["fact_id"], "accepted")
    focus_is(3)
    press(page, "u")  # undo the accept: the fact is suggested again and back in focus
    wait_state(page, rows[2]["fact_id"], "suggested")
    focus_is(2)
    assert byo.load_review(data, byo.stored_name(text))["decisions"] == {}
