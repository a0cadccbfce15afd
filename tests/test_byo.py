"""Bring your own article (issue 13): intake, details, offsets, review state under a lock, adding to the dataset.

Pure functions of ``dashboard.byo`` with tables; ``add_to_dataset`` runs the real extractor, curate.review and
curate.build on a temporary data dir (never the shipped data/).
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import zipfile
from pathlib import Path

import pytest
import yaml

from curate.curation import load_curation_file, locate_added
from curate.schema import Accept, Add
from dashboard import byo

ARTICLE = ("新华社武汉3月5日电 2023年，湖北省数字经济规模达到2.3万亿元，同比增长12.5%。\n"
           "武汉市软件业务收入2500亿元，全市5G基站达到4.2万个。\n"
           "全省新增数字经济企业1200家。\n")
TODAY = dt.date(2026, 12, 7)


# ---- offsets ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, cp, u16", [
    ("abc", 2, 2),
    ("𠀀12", 1, 2),  # CJK Extension B: one code point, two UTF-16 units
    ("𠀀12", 3, 4),
    ("😀😀增长5%", 2, 4),
    ("a\r\nb7", 4, 4),  # \r\n is two code points and two units
    ("é", 1, 1),  # combining mark: its own code point
    ("", 0, 0),
])
def test_offsets_convert_both_ways(text, cp, u16):
    assert byo.utf16_offset(text, cp) == u16
    assert byo.codepoint_offset(text, u16) == cp


def test_offsets_agree_with_utf16_encoding_everywhere():
    text = "𠀀甲😀乙\r\n丙𠀁12.5%"
    for i in range(len(text) + 1):
        assert byo.utf16_offset(text, i) == len(text[:i].encode("utf-16-le")) // 2
        assert byo.codepoint_offset(text, byo.utf16_offset(text, i)) == i


def test_segments_cover_the_text_and_mark_each_number():
    text = "𠀀😀增长12.5%，达到3万家\r\n完"
    facts = [{"fact_id": "a", "start": 4, "end": 9, "kind": "change"},
             {"fact_id": "b", "start": 12, "end": 14, "kind": "actual", "state": "accepted"},
             {"fact_id": "c", "start": 13, "end": 14, "kind": "actual"}]  # overlaps b: not marked twice
    segs = byo.segments(text, facts)
    assert "".join(s["t"] for s in segs) == text
    for s in segs:
        assert text[s["s"]:s["s"] + len(s["t"])] == s["t"]
    marked = [(s["id"], s["t"], s["state"]) for s in segs if s.get("id")]
    assert marked == [("a", "12.5%", "suggested"), ("b", "3万", "accepted")]


# ---- intake -------------------------------------------------------------------------------------------------
def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", ARTICLE)
    return buf.getvalue()


@pytest.mark.parametrize("name, raw, key", [
    ("a.zip", _zip(), "add_err_archive"),
    ("a.txt", _zip(), "add_err_archive"),  # the name does not matter, the bytes do
    ("a.txt", gzip.compress(ARTICLE.encode()), "add_err_archive"),
    ("a.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "add_err_binary"),
    ("a.txt", b"abc\x00\x01\x02" * 100, "add_err_binary"),
    ("a.exe", ARTICLE.encode(), "add_err_type"),
    ("a.txt", b"x" * (byo.MAX_UPLOAD_BYTES + 1), "add_err_too_big"),
    ("a.txt", "湖北省数字经济发展迅速，企业数量稳步增长。".encode(), "add_err_no_numbers"),
    ("a.txt", b"Only English text with 12 numbers and 3 more.", "add_err_not_chinese"),
    ("a.txt", b"   \n", "add_err_empty"),
])
def test_uploads_that_are_refused(name, raw, key):
    with pytest.raises(byo.IntakeError) as exc:
        byo.read_upload(name, raw)
    assert exc.value.key == key


def test_gb18030_upload_reads():
    got = byo.read_upload("a.txt", ARTICLE.encode("gb18030"))
    assert got.text == ARTICLE and got.encoding == "gb18030"


def test_html_upload_is_reduced_to_text_and_scripts_are_dropped():
    page = ("<html><head><title>湖北数字经济</title><script>alert('x'); var n = 99;</script>"
            "<style>p{color:red}</style></head><body><p>2023年，湖北省数字经济规模达到2.3万亿元&amp;。</p>"
            "<div onclick=\"evil()\">武汉市软件业务收入2500亿元。</div></body></html>")
    got = byo.read_upload("page.html", page.encode())
    assert got.html and got.dropped_scripts == 2
    assert "alert" not in got.text and "color" not in got.text and "<" not in got.text
    assert "湖北省数字经济规模达到2.3万亿元&。" in got.text
    assert got.text.splitlines()[0] == "湖北数字经济"


def test_pasted_html_is_reduced_too():
    got = byo.read_pasted("<div><p>湖北省数字经济规模达到2.3万亿元。</p><script>steal()</script><p>增长12%</p></div>")
    assert got.text == "湖北省数字经济规模达到2.3万亿元。\n增长12%"


def test_stored_name_comes_from_the_text_only():
    a = byo.stored_name(ARTICLE)
    assert a == byo.stored_name(ARTICLE) and a != byo.stored_name(ARTICLE + "。")
    assert byo.safe_doc(a)


@pytest.mark.parametrize("doc", ["../x.txt", ".hidden.txt", "a/b.txt", "a b.txt", "x.yaml", "", "web_1.txt/.."])
def test_unsafe_document_names_are_refused(doc):
    assert not byo.safe_doc(doc)


# ---- the details form ---------------------------------------------------------------------------------------------
def test_details_are_prefilled_from_the_extractor():
    d = byo.infer_details(ARTICLE)
    assert d["title"] == ARTICLE.splitlines()[0]
    assert d["date"].startswith("2024") or d["date"].startswith("2023")  # the extractor's own inference
    assert d["date_rule"].startswith("date.")


@pytest.mark.parametrize("date, title, url, errors", [
    ("2023-03-05", "标题", "", []),
    ("2023-03", "标题", "https://example.org/a?b=1", []),
    ("2023", "标题", "", []),
    ("2026-12-07", "标题", "", []),  # today is fine
    ("2026-12-08", "标题", "", ["add_err_date_future"]),
    ("2027", "标题", "", ["add_err_date_future"]),
    ("2026-13", "标题", "", ["add_err_date_unreadable"]),
    ("昨天", "标题", "", ["add_err_date_unreadable"]),
    ("2023-02-30", "标题", "", ["add_err_date_unreadable"]),
    ("", "标题", "", ["add_err_date_missing"]),
    ("2023", "  ", "", ["add_err_title_missing"]),
    ("2023", "标题", "javascript:alert(1)", ["add_err_url"]),
])
def test_details_are_checked(date, title, url, errors):
    clean, got = byo.check_details(date, title, "来源", url, TODAY)
    assert [k for k, _ in got] == errors
    if not errors:
        assert clean["date"] and clean["title"] == title.strip()


# ---- review state ---------------------------------------------------------------------------------------------------
def _row(fid="f1", start=10, end=15, quote="quote one") -> dict:
    return {"fact_id": fid, "start": start, "end": end, "quote": quote, "region": "湖北省", "indicator": "other",
            "kind": "actual", "value": "1", "unit": "个", "period": "2023"}


def test_two_sessions_keep_each_others_decisions(tmp_path):
    a = byo.decide(tmp_path, "web_x.txt", [("f1", None, byo.decision_for(_row("f1"), "accept"))], session="A", seen_rev=0)
    assert a.applied == ["f1"] and a.others == []
    # B saw revision 0: its decision on another fact is merged, and it learns what A changed
    b = byo.decide(tmp_path, "web_x.txt", [("f2", None, byo.decision_for(_row("f2", 20, 22), "reject", reason="dup"))],
                   session="B", seen_rev=0)
    assert b.applied == ["f2"] and b.others == ["f1"]
    # B decides f1 believing it undecided: a conflict, nothing of it written, A's accept stays
    c = byo.decide(tmp_path, "web_x.txt", [("f1", None, byo.decision_for(_row("f1"), "reject", reason="no"))],
                   session="B", seen_rev=b.state["rev"])
    assert c.applied == [] and c.conflicts and c.conflicts[0][1]["action"] == "accept"
    state = byo.load_review(tmp_path, "web_x.txt")
    assert {k: v["action"] for k, v in state["decisions"].items()} == {"f1": "accept", "f2": "reject"}


def test_undo_clears_only_what_was_seen(tmp_path):
    d = byo.decision_for(_row(), "accept")
    byo.decide(tmp_path, "web_x.txt", [("f1", None, d)], session="A", seen_rev=0)
    res = byo.decide(tmp_path, "web_x.txt", [("f1", d, None)], session="A", seen_rev=1)
    assert res.applied == ["f1"] and byo.load_review(tmp_path, "web_x.txt")["decisions"] == {}


@pytest.mark.parametrize("now, state, stale", [
    (_row(), "accepted", None),
    (_row(start=11, end=16), "rereview", "changed"),  # the span moved
    (_row(quote="quote two"), "rereview", "changed"),  # the quote changed
    (None, None, "gone"),  # the fact is no longer extracted
])
def test_a_decision_on_a_moved_or_changed_fact_needs_re_review(now, state, stale):
    decisions = {"f1": byo.decision_for(_row(), "accept")}
    states, stales = byo.fact_states([now] if now else [], decisions)
    assert states.get("f1") == state
    assert [s["why_stale"] for s in stales] == ([stale] if stale else [])


def test_curation_stale_for_uses_quote_and_span():
    a = Accept(action="accept", fact_id="f1", quote="q", span=(1, 3))
    assert a.stale_for({"start": "1", "end": "3", "quote": "q"}) == ""
    assert "re-review" in a.stale_for({"start": "2", "end": "4", "quote": "q"})
    assert "re-review" in a.stale_for({"start": "1", "end": "3", "quote": "other"})
    assert Accept(action="accept", fact_id="f1").stale_for({"start": "9", "end": "9", "quote": "x"}) == ""


@pytest.mark.parametrize("text, start, end", [
    ("2023年，湖北省增长12%，武汉市增长12%。", 19, 22),  # the second of two equal numbers
    ("𠀀😀\r\n湖北省5G基站4.2万个。", 10, 13),
    ("湖北省软件收入2500亿元", 7, 11),
])
def test_an_added_fact_is_found_again_by_the_curation_code(text, start, end):
    d = byo.added_decision(text, start, end, {"region": "湖北省", "indicator": "other", "subject": "x", "kind": "actual",
                                              "value": 1.0, "unit": "", "period": "2023", "period_basis": "explicit"})
    add = Add(**{k: v for k, v in d.items() if k not in ("start", "end")}, doc="d.txt")
    assert locate_added(add, text) == (start, end)


# ---- into the dataset -----------------------------------------------------------------------------------------------------
@pytest.fixture
def data(tmp_path) -> Path:
    (tmp_path / "articles").mkdir()
    (tmp_path / "curation").mkdir()
    (tmp_path / "extracted").mkdir()
    from extract.columns import FACT_COLUMNS

    (tmp_path / "extracted" / "facts.csv").write_text(",".join(FACT_COLUMNS) + "\n", encoding="utf-8")
    return tmp_path


def _rows(text: str, doc: str) -> list[dict]:
    from extract.pipeline import extract_article
    from extract.textio import ArticleMeta

    return extract_article(text, doc, ArticleMeta(date="2024-03", title="t"))


def test_add_to_dataset_writes_through_review_and_build(data):
    doc = byo.stored_name(ARTICLE)
    rows = _rows(ARTICLE, doc)
    assert len(rows) >= 4
    r0, r1, r2 = rows[0], rows[1], rows[2]
    decisions = {
        r0["fact_id"]: byo.decision_for(r0, "accept"),
        r1["fact_id"]: byo.decision_for(r1, "reject", reason="not a fact"),
        r2["fact_id"]: byo.decision_for(r2, "edit", changes={"region": "武汉市"}, reason="the city"),
    }
    s = ARTICLE.index("1200")
    decisions[f"add_{s}_{s + 4}"] = byo.added_decision(ARTICLE, s, s + 4, {
        "region": "湖北省", "indicator": "other", "subject": "新增数字经济企业", "kind": "actual", "value": 1200.0,
        "unit": "家", "period": "2023", "period_basis": "explicit"})
    assert byo.save_draft(data, byo.read_pasted(ARTICLE)) == doc
    res = byo.add_to_dataset(data, doc, ARTICLE, {"date": "2024-03", "title": "t", "source": "新华社", "url": ""},
                             decisions, by="tester", today=TODAY)
    assert not (data / "inbox" / doc).exists()  # the draft became the article
    assert byo.draft_text(data, doc) == ARTICLE
    assert res.facts == len(rows) and res.decisions == 4
    assert (data / "articles" / doc).read_bytes() == ARTICLE.encode("utf-8")
    assert yaml.safe_load((data / "articles" / f"{Path(doc).stem}.yaml").read_text())["source"] == "新华社"
    cur = load_curation_file(data / "curation" / f"{Path(doc).stem}.yaml")
    assert [d.action for d in cur.file.decisions] == ["accept", "reject", "edit", "add"]
    assert cur.file.decisions[0].span == (r0["start"], r0["end"]) and cur.file.decisions[0].quote == r0["quote"]
    with open(data / "indicators.csv", encoding="utf-8", newline="") as fh:
        built = {r["fact_id"]: r for r in csv.DictReader(fh)}
    assert built[r0["fact_id"]]["status"] == "accepted"
    assert r1["fact_id"] not in built
    assert built[r2["fact_id"]]["status"] == "edited" and built[r2["fact_id"]]["region"] == "武汉市"
    added = [r for r in built.values() if r["status"] == "added"]
    assert len(added) == 1 and added[0]["value_raw"] == "1200" and int(added[0]["start"]) == s
    assert res.dataset_facts == len(built)


def test_a_refused_build_changes_nothing(data):
    doc = byo.stored_name(ARTICLE)
    rows = _rows(ARTICLE, doc)
    before = (data / "extracted" / "facts.csv").read_bytes()
    bad = {rows[0]["fact_id"]: byo.decision_for(rows[0], "edit", changes={"region": "不存在市"}, reason="x")}
    with pytest.raises(Exception):  # noqa: B017 - the build's own error
        byo.add_to_dataset(data, doc, ARTICLE, {"date": "2024-03", "title": "t"}, bad, by="t", today=TODAY)
    assert not (data / "articles" / doc).exists()
    assert not (data / "curation" / f"{Path(doc).stem}.yaml").exists()
    assert (data / "extracted" / "facts.csv").read_bytes() == before
    assert not (data / "indicators.csv").exists()


def test_a_re_extraction_that_changes_the_quote_leaves_the_fact_unreviewed(data):
    from curate.build import Paths, run_build

    doc = byo.stored_name(ARTICLE)
    rows = _rows(ARTICLE, doc)
    r0 = rows[0]
    byo.add_to_dataset(data, doc, ARTICLE, {"date": "2024-03", "title": "t"}, {r0["fact_id"]: byo.decision_for(r0, "accept")},
                       by="t", today=TODAY)
    # a later extraction quotes the fact differently (same id: same span)
    facts = data / "extracted" / "facts.csv"
    text = facts.read_text(encoding="utf-8")
    assert r0["quote"] in text
    facts.write_text(text.replace(r0["quote"], r0["quote"][:-1], 1), encoding="utf-8")
    run_build(Paths(facts, data / "curation", data / "articles", data), log=lambda _l: None)
    with open(data / "indicators.csv", encoding="utf-8", newline="") as fh:
        built = {r["fact_id"]: r for r in csv.DictReader(fh)}
    assert built[r0["fact_id"]]["status"] == "unreviewed"
    assert "needs re-review" in (data / "curation_report.txt").read_text(encoding="utf-8")
    queue = {q["doc"]: q for q in byo.review_queue(data)}
    assert queue[doc]["rereview"] == 1


def test_the_queue_lists_command_line_articles_and_drafts(data):
    doc = "001_cli.txt"
    rows = _rows(ARTICLE, doc)
    with open(data / "extracted" / "facts.csv", "a", encoding="utf-8", newline="") as fh:
        from extract.columns import FACT_COLUMNS

        w = csv.DictWriter(fh, fieldnames=FACT_COLUMNS, lineterminator="\n")
        for r in rows:
            w.writerow(r)
    draft = byo.save_draft(data, byo.read_pasted("湖北省2024年数字经济增长10%。"))
    queue = byo.review_queue(data)
    assert queue[0] == {"doc": draft, "undecided": None, "rereview": 0, "draft": True}
    assert {"doc": doc, "undecided": len(rows), "rereview": 0, "draft": False} in queue


def test_checked_mark_goes_into_the_curation_file_once(data):
    doc = byo.stored_name(ARTICLE)
    rows = _rows(ARTICLE, doc)
    byo.add_to_dataset(data, doc, ARTICLE, {"date": "2024-03", "title": "t"},
                       {rows[0]["fact_id"]: byo.decision_for(rows[0], "accept")}, by="lw", checked=True, today=TODAY)
    path = data / "curation" / f"{Path(doc).stem}.yaml"
    cur = load_curation_file(path)
    assert cur.file.checked is not None and cur.file.checked.by == "lw" and len(cur.file.decisions) == 1
    from curate.review import mark_checked

    before = path.read_bytes()
    mark_checked(path, doc, "other", TODAY)  # already checked: the file stays as it is
    assert path.read_bytes() == before


def test_saving_decisions_on_an_article_already_in_the_dataset_keeps_its_files(data):
    doc = "001_cli.txt"
    (data / "articles" / doc).write_text(ARTICLE, encoding="utf-8")
    side = "# hand-written, with a comment\ndate: 2024-03\ntitle: 手写标题\nsource: 湖北日报\n"
    (data / "articles" / "001_cli.yaml").write_text(side, encoding="utf-8")
    rows = _rows(ARTICLE, doc)
    res = byo.add_to_dataset(data, doc, ARTICLE, None, {rows[1]["fact_id"]: byo.decision_for(rows[1], "accept")},
                             by="lw", today=TODAY)
    assert res.decisions == 1
    assert (data / "articles" / "001_cli.yaml").read_text(encoding="utf-8") == side
    assert built_status(data)[rows[1]["fact_id"]] == "accepted"


def built_status(data: Path) -> dict[str, str]:
    with open(data / "indicators.csv", encoding="utf-8", newline="") as fh:
        return {r["fact_id"]: r["status"] for r in csv.DictReader(fh)}
