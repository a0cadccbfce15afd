"""AppTest for the Add article page (issue 13): intake (paste, upload, refusals that change nothing), the details
form's validation, read-only mode, the URL's document name, and the bulk accept behind a confirmation.

Every test runs over its own copy of the fixture dataset (DASHBOARD_DATA_DIR), never the shipped data/.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from dashboard import byo
from dashboard.i18n import t
from tests.conftest import FIXTURE_DATASET, REPO

PAGE = str(REPO / "app_pages" / "add_article.py")
ARTICLE = ("新华社武汉3月5日电 2023年，湖北省数字经济规模达到2.3万亿元，同比增长12.5%。\n"
           "武汉市软件业务收入2500亿元，全市5G基站达到4.2万个。\n")


@pytest.fixture
def data(tmp_path, monkeypatch) -> Path:
    d = tmp_path / "data"
    shutil.copytree(FIXTURE_DATASET, d)
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(d))
    monkeypatch.delenv(byo.READ_ONLY_ENV, raising=False)
    return d


def run(params: dict | None = None) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=90)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def files(d: Path) -> set[str]:
    return {str(p.relative_to(d)) for p in d.rglob("*") if p.is_file()}


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def texts(at: AppTest) -> str:
    return "\n".join(str(e.value) for e in at.text)


def upload(at: AppTest, name: str, raw: bytes, mime: str = "text/plain") -> AppTest:
    at.file_uploader(key="add_files").set_value((name, raw, mime))
    at.button(key="add_read").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_paste_opens_the_article_with_its_facts(data):
    at = run()
    before = files(data)
    at.text_area(key="add_text").set_value(ARTICLE)
    at.button(key="add_read").click()
    at.run()
    doc = byo.stored_name(ARTICLE)
    assert at.session_state["add_doc"] == doc and at.query_params["doc"] in (doc, [doc])
    assert files(data) - before == {f"inbox/{doc}"}  # the draft only; the dataset is untouched
    assert (data / "inbox" / doc).read_text(encoding="utf-8") == ARTICLE
    assert t("add_focus", "zh", i=1, n=4) in texts(at)  # four numbers found, the first in focus
    assert errors(at) == []


@pytest.mark.parametrize("name, raw, key", [
    ("a.txt", "湖北省数字经济发展迅速，企业数量稳步增长。".encode(), "add_err_no_numbers"),
    ("a.txt", b"PK\x03\x04" + b"\x00" * 60, "add_err_archive"),
    ("a.txt", bytes(range(256)) * 20, "add_err_binary"),
    ("a.txt", b"Plain English with 12 numbers.", "add_err_not_chinese"),
])
def test_refused_uploads_say_why_and_change_nothing(data, name, raw, key):
    at = run()
    before = files(data)
    upload(at, name, raw)
    msg = t(key, "zh", kind="zip", size="", max="", suffix="")
    assert any(msg.split("（")[0].split("，")[0] in e for e in errors(at)), errors(at)
    assert files(data) == before
    assert at.session_state["add_doc"] is None if "add_doc" in at.session_state else True


def test_html_upload_is_read_as_text_without_its_scripts(data):
    page = ("<html><head><title>湖北数字经济</title><script>alert('x')</script></head><body>"
            "<p>2023年，湖北省数字经济规模达到2.3万亿元。</p><p>武汉市软件业务收入2500亿元。</p></body></html>")
    at = upload(run(), "page.html", page.encode(), "text/html")
    doc = at.session_state["add_doc"]
    stored = (data / "inbox" / doc).read_text(encoding="utf-8")
    assert "alert" not in stored and "<" not in stored and "2500亿元" in stored
    assert any(t("add_html_note", "zh", n=1) in str(i.value) for i in at.info)


def test_gb18030_upload_is_read(data):
    at = upload(run(), "gb.txt", ARTICLE.encode("gb18030"))
    assert (data / "inbox" / at.session_state["add_doc"]).read_text(encoding="utf-8") == ARTICLE


def _open_details(data) -> AppTest:
    at = run()
    at.text_area(key="add_text").set_value(ARTICLE)
    at.button(key="add_read").click()
    at.run()
    return at


@pytest.mark.parametrize("date, title, url, key", [
    ("2099-01-01", "标题", "", "add_err_date_future"),
    ("2999-01-01", "标题", "", "add_err_date_unreadable"),  # no plausible year
    ("3月5日", "标题", "", "add_err_date_unreadable"),
    ("2023-02-30", "标题", "", "add_err_date_unreadable"),
    ("2023-03", "", "", "add_err_title_missing"),
    ("2023-03", "标题", "file:///etc/passwd", "add_err_url"),
])
def test_the_details_form_refuses_bad_input(data, date, title, url, key):
    at = _open_details(data)
    doc = at.session_state["add_doc"]
    at.text_input(key="add_date").set_value(date)
    at.text_input(key="add_title_in").set_value(title)
    at.text_input(key="add_url").set_value(url)
    at.button(key=f"FormSubmitter:add_meta_{doc}-{t('add_save_details', 'zh')}").click()
    at.run()
    want = t(key, "zh", date=date, today="")
    assert any(want.split("（")[0][:6] in e for e in errors(at)), errors(at)
    assert not (data / "inbox" / f"{Path(doc).stem}.yaml").exists()
    assert at.button(key="add_commit").disabled  # nothing can be added without valid details


def test_the_details_form_is_prefilled_and_saves(data):
    at = _open_details(data)
    doc = at.session_state["add_doc"]
    guess = byo.infer_details(ARTICLE)
    assert at.text_input(key="add_date").value == guess["date"]
    assert at.text_input(key="add_title_in").value == ARTICLE.splitlines()[0]
    at.text_input(key="add_source").set_value("测试日报")
    at.button(key=f"FormSubmitter:add_meta_{doc}-{t('add_save_details', 'zh')}").click()
    at.run()
    assert errors(at) == []
    side = yaml.safe_load((data / "inbox" / f"{Path(doc).stem}.yaml").read_text(encoding="utf-8"))
    assert side == {"date": guess["date"], "title": ARTICLE.splitlines()[0], "source": "测试日报"}
    at.run()
    assert not at.button(key="add_commit").disabled


def test_bulk_accept_needs_a_confirmation_and_is_recorded_as_such(data):
    at = _open_details(data)
    doc = at.session_state["add_doc"]
    at.number_input(key="add_bulk_x").set_value(0.9)
    at.button(key="add_bulk_go").click()
    at.run()
    assert byo.load_review(data, doc)["decisions"] == {}  # nothing yet: a confirmation is asked first
    at.button(key="add_bulk_ok").click()
    at.run()
    decisions = byo.load_review(data, doc)["decisions"]
    assert decisions and all(d["action"] == "accept" and d["bulk"] == "bulk: accepted with confidence >= 0.9"
                             for d in decisions.values())


@pytest.mark.parametrize("doc", ["../../etc/passwd", "..%2Findicators.csv", ".review.lock", "metadata.yaml"])
def test_a_document_name_from_the_url_never_becomes_a_path(data, doc):
    at = run({"doc": doc})
    assert at.session_state["add_doc"] is None if "add_doc" in at.session_state else True
    assert at.text_area(key="add_text") is not None and errors(at) == []


def test_read_only_turns_intake_off(data, monkeypatch):
    monkeypatch.setenv(byo.READ_ONLY_ENV, "1")
    at = run()
    assert any(t("add_read_only", "zh") in str(i.value) for i in at.info)
    assert len(at.text_area) == 0 and len(at.get("file_uploader")) == 0


def test_checked_mark_is_kept_with_the_article(data):
    at = _open_details(data)
    doc = at.session_state["add_doc"]
    at.checkbox(key=f"add_checked_{doc}").check()
    at.run()
    state = json.loads((data / "inbox" / f"{Path(doc).stem}.review.json").read_text(encoding="utf-8"))
    assert state["checked"]["by"]


def test_accept_then_undo(data):
    at = _open_details(data)
    doc = at.session_state["add_doc"]
    first = at.session_state["add_cur"]
    at.button(key="add_b_accept").click()
    at.run()
    assert byo.load_review(data, doc)["decisions"][first]["action"] == "accept"
    assert at.session_state["add_cur"] != first  # the focus moved on to the next undecided fact
    at.button(key="add_b_undo").click()
    at.run()
    assert byo.load_review(data, doc)["decisions"] == {}
    assert at.session_state["add_cur"] == first


def test_the_queue_opens_an_article_added_on_the_command_line(data):
    import subprocess
    import sys

    (data / "curation").mkdir()
    subprocess.run([sys.executable, "-m", "extract", str(data / "articles"), "-o", str(data / "extracted")], cwd=REPO,
                   check=True, capture_output=True)
    at = run()
    queue = byo.review_queue(data)
    assert {q["doc"] for q in queue} == {p.name for p in (data / "articles").glob("*.txt")}
    shown = at.dataframe[0].value
    assert list(shown.iloc[:, 0]) == [q["doc"] for q in queue]
    assert list(shown.iloc[:, 2]) == [q["undecided"] for q in queue]
    first = queue[0]["doc"]
    at = run({"doc": first})  # a row of the queue opens this link; so does a shared URL
    assert at.session_state["add_doc"] == first
    assert t("add_in_dataset", "zh", n=0) in "\n".join(str(c.value) for c in at.caption)
    assert t("add_focus", "zh", i=1, n=queue[0]["undecided"]) in texts(at)
