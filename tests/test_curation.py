"""Curation files: parsing, one-line errors with file:line, safe YAML, and appending decisions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curate.curation import (
    CurationError,
    added_fact_id,
    load_curation_dir,
    load_sidecar,
    locate_added,
    parse_curation_text,
)
from curate.review import append_decisions, insert_decisions
from curate.schema import (
    EDITABLE_COLUMNS,
    Accept,
    Add,
    CuratedFact,
    Edit,
    Fact,
    FactPatch,
    Reject,
    quote_covers_span,
)
from extract.columns import CURATED_COLUMNS, FACT_COLUMNS

PATH = "data/curation/101_hubei.yaml"
HEAD = "# decisions for 101_hubei.txt\ndoc: 101_hubei.txt\ndecisions:\n"
ADD_SET = ("{region: 湖北省, indicator: base_stations_5g, subject: 5G宏基站, kind: actual, unit_raw: 万个, "
           "value: 73500, unit: 个, period: '2022', period_basis: article}")


def parse(body: str, head: str = HEAD):
    return parse_curation_text(head + body, PATH)


# ---- well-formed files --------------------------------------------------------------------------------


def test_every_action_parses_to_its_model():
    cur = parse(
        "  - fact_id: 3f2a9c1b0d4e\n    action: accept\n    by: lw\n    at: 2026-11-22\n"
        "  - fact_id: 9b1c2d3e4f5a\n    action: reject\n    reason: 5G is part of a name\n"
        "  - fact_id: 77aa0c1d2e3f\n    action: edit\n    set: {region: 武汉市, value: 12.5}\n    reason: Wuhan\n"
        f"  - action: add\n    quote: 全省建成5G宏基站7.35萬個\n    number: '7.35'\n    set: {ADD_SET}\n"
    )
    accept, reject, edit, add = cur.file.decisions
    assert isinstance(accept, Accept) and accept.by == "lw" and accept.at == date(2026, 11, 22)
    assert isinstance(reject, Reject) and reject.reason == "5G is part of a name"
    assert isinstance(edit, Edit) and edit.fields.changes() == {"region": "武汉市", "value": 12.5}
    assert isinstance(add, Add) and add.doc == "101_hubei.txt" and add.value == 73500 and add.period == "2022"
    assert cur.lines == (4, 8, 11, 15)


def test_scalars_are_read_as_written():
    # YAML 1.1 would make 012345 an octal int, 2022 an int and NO a boolean
    cur = parse("  - fact_id: 012345\n    action: edit\n    set: {period: 2022, subject: NO}\n    reason: yes\n    by: NO\n")
    (edit,) = cur.file.decisions
    assert edit.fact_id == "012345" and edit.by == "NO" and edit.reason == "yes"
    assert edit.fields.changes() == {"period": "2022", "subject": "NO"}


@pytest.mark.parametrize("decisions", ["", "decisions:\n", "decisions: []\n", "decisions: null\n"])
def test_a_file_without_decisions_is_valid(decisions):
    cur = parse_curation_text("doc: 101_hubei.txt\n" + decisions, PATH)
    assert cur.file.decisions == []


# ---- malformed files: one line, file:line, what is wrong ----------------------------------------------

MALFORMED = [
    ("bad YAML", "  - fact_id: [abc\n    action: accept\n", 5, "invalid YAML"),
    ("unknown action", "  - fact_id: abc\n    action: approve\n", 4, "unknown action 'approve'"),
    ("no action", "  - fact_id: abc\n", 4, "no action"),
    ("reject without reason", "  - fact_id: abc\n    action: reject\n", 4, "decision 1 (reject abc): a reason is required"),
    ("reject with blank reason", "  - fact_id: abc\n    action: reject\n    reason: '  '\n", 6, "a reason is required"),
    ("edit without reason", "  - fact_id: abc\n    action: edit\n    set: {region: 武汉市}\n", 4, "a reason is required"),
    ("unknown column in set", "  - fact_id: abc\n    action: edit\n    set:\n      region: 武汉市\n      colour: red\n    reason: r\n",
     8, "'colour' cannot be set"),
    ("identity is not editable", "  - fact_id: abc\n    action: edit\n    set: {start: 3}\n    reason: r\n", 6, "'start' cannot be set"),
    ("empty set", "  - fact_id: abc\n    action: edit\n    set: {}\n    reason: r\n", 6, "nothing to change"),
    ("null in set", "  - fact_id: abc\n    action: edit\n    set: {qualifier: null}\n    reason: r\n", 6, "qualifier is null"),
    ("bad period", "  - fact_id: abc\n    action: edit\n    set: {period: 2022-13}\n    reason: r\n", 6, "period"),
    ("non-numeric value", "  - fact_id: abc\n    action: edit\n    set: {value: 7.35万}\n    reason: r\n", 6, "value"),
    ("unknown kind", "  - fact_id: abc\n    action: edit\n    set: {kind: guess}\n    reason: r\n", 6, "kind"),
    ("unknown decision field", "  - fact_id: abc\n    action: accept\n    reviewer: me\n", 6, "unknown field 'reviewer'"),
    ("add without indicator", "  - action: add\n    quote: q\n    number: '1'\n    set: {region: 湖北省}\n", 4, "missing 'indicator'"),
    ("add with fact_id", f"  - action: add\n    fact_id: abc\n    quote: q\n    number: '1'\n    set: {ADD_SET}\n", 5,
     "unknown field 'fact_id'"),
    ("bad fact_id", "  - fact_id: 'a b'\n    action: accept\n", 4, "fact_id"),
    ("duplicate decision", "  - fact_id: abc\n    action: accept\n  - fact_id: abc\n    action: reject\n    reason: r\n",
     6, "second decision for fact abc (first at line 4)"),
    ("duplicate key", "  - fact_id: abc\n    action: reject\n    reason: a\n    reason: b\n", 7, "duplicate key 'reason'"),
    ("python tag", "  - !!python/object/apply:os.system ['echo pwned']\n", 4, "refused Python tag !!python/object/apply:os.system"),
    ("python tag in a value", "  - fact_id: abc\n    action: reject\n    reason: !!python/name:os.system\n", 6, "refused Python tag"),
    ("other tag", "  - fact_id: !secret abc\n    action: accept\n", 4, "unknown YAML tag !secret"),
    ("decisions not a list", "  fact_id: abc\n", 3, "decisions: Input should be a valid list"),
]


@pytest.mark.parametrize("body,line,message", [m[1:] for m in MALFORMED], ids=[m[0] for m in MALFORMED])
def test_malformed_file_gives_one_line_with_file_and_line(body, line, message):
    with pytest.raises(CurationError) as info:
        parse(body)
    text = str(info.value)
    assert "\n" not in text
    assert text.startswith(f"{PATH}:{line}: "), text
    assert message in text, text


@pytest.mark.parametrize("text,line,message", [
    ("- doc: 101_hubei.txt\n", 1, "expected a mapping"),
    ("doc: 102_hainan.txt\ndecisions:\n", 1, "does not match the file name"),
    ("doc: 101_hubei.txt\nnotes: x\n", 2, "unknown field 'notes'"),
    ("doc: 101_hubei.txt\n---\ndoc: 101_hubei.txt\n", 2, "invalid YAML"),
    ("doc: !!python/object:os.environ {}\n", 1, "refused Python tag"),
])
def test_malformed_file_level(text, line, message):
    with pytest.raises(CurationError) as info:
        parse_curation_text(text, PATH)
    assert str(info.value).startswith(f"{PATH}:{line}: ") and message in str(info.value), str(info.value)


def test_python_tag_is_never_constructed(tmp_path):
    marker = tmp_path / "ran"
    text = HEAD + f"  - !!python/object/apply:os.system ['touch {marker}']\n"
    with pytest.raises(CurationError, match="refused Python tag"):
        parse_curation_text(text, PATH)
    assert not marker.exists()


def test_one_fact_is_decided_once_across_files(tmp_path):
    (tmp_path / "101_hubei.yaml").write_text(HEAD + "  - fact_id: abc\n    action: accept\n", encoding="utf-8")
    (tmp_path / "102_hainan.yaml").write_text(
        "doc: 102_hainan.txt\ndecisions:\n  - fact_id: abc\n    action: reject\n    reason: r\n", encoding="utf-8")
    (tmp_path / ".101_hubei.yaml.x.tmp").write_text("not: [yaml", encoding="utf-8")  # hidden: ignored
    with pytest.raises(CurationError) as info:
        load_curation_dir(tmp_path)
    assert str(info.value) == (f"{tmp_path / '102_hainan.yaml'}:3: second decision for fact abc "
                               f"(first at {tmp_path / '101_hubei.yaml'}:4); keep one")


def test_sidecar_with_python_tag_is_refused(tmp_path):
    sidecar = tmp_path / "a.yaml"
    sidecar.write_text("date: 2022-11\ntitle: !!python/object/apply:os.system ['true']\n", encoding="utf-8")
    with pytest.raises(CurationError) as info:
        load_sidecar(sidecar)
    assert str(info.value).startswith(f"{sidecar}:2: ") and "\n" not in str(info.value)


# ---- added facts: quote, then number ------------------------------------------------------------------

TEXT = "湖北：\n2022年,全省建成5G宏基站7.35萬個,比上年增長35%,新增35個。"


def _add(quote, number, occurrence=None):
    return Add.model_validate({
        "action": "add", "doc": "a.txt", "quote": quote, "number": number, "occurrence": occurrence,
        "set": {"region": "湖北省", "indicator": "other", "subject": "s", "kind": "actual", "value": 1,
                "unit": "", "period": "2022", "period_basis": "explicit"}})


@pytest.mark.parametrize("quote,number,occurrence,expected", [
    ("全省建成5G宏基站7.35萬個", "7.35", None, "7.35"),
    ("全省建成5G宏基站7.35萬個", "5", None, "5"),  # the 5 of 5G: not glued to the digits of 7.35
    ("比上年增長35%,新增35個", "35", 2, "35"),
    ("2022年,全省", "2022", None, "2022"),
])
def test_locate_added_points_at_the_number(quote, number, occurrence, expected):
    start, end = locate_added(_add(quote, number, occurrence), TEXT)
    assert TEXT[start:end] == expected
    assert TEXT.index(quote) <= start and end <= TEXT.index(quote) + len(quote)
    if occurrence == 2:
        assert start == TEXT.rindex("35")


@pytest.mark.parametrize("quote,number,occurrence,message", [
    ("全省建成5G宏基站7.35万个", "7.35", None, "quote not found"),  # Simplified, but the article is Traditional
    ("宏基站7.35萬個", "35", None, "not found in the quote"),  # only inside 7.35
    ("宏基站7.35萬個", "7", None, "not found in the quote"),
    ("比上年增長35%,新增35個", "35", None, "occurs 2 times"),
    ("比上年增長35%,新增35個", "35", 3, "occurs 2 time(s)"),
])
def test_locate_added_refuses_what_it_cannot_place(quote, number, occurrence, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        locate_added(_add(quote, number, occurrence), TEXT)


def test_added_fact_id_is_stable_and_span_specific():
    assert added_fact_id("a.txt", 3, 7) == added_fact_id("a.txt", 3, 7)
    assert len({added_fact_id("a.txt", 3, 7), added_fact_id("a.txt", 3, 8), added_fact_id("b.txt", 3, 7)}) == 3


# ---- the models match the column contract --------------------------------------------------------------


def test_models_follow_the_columns():
    assert list(Fact.model_fields) == FACT_COLUMNS
    assert list(CuratedFact.model_fields) == CURATED_COLUMNS
    assert tuple(FactPatch.model_fields) == EDITABLE_COLUMNS


ROW = {"fact_id": "a3f9c2d1e0b4", "doc": "a.txt", "region": "湖北省", "region_level": "province",
       "indicator": "digital_economy_scale", "subject": "数字经济规模", "kind": "actual", "value_raw": "2.1",
       "unit_raw": "万亿元", "value": "21000", "unit": "亿元", "qualifier": "", "period": "2021",
       "period_basis": "explicit", "quote": "规模达到2.1万亿元", "start": "4", "end": "7", "confidence": "0.92"}


@pytest.mark.parametrize("period,ok", [
    ("2021", True), ("2022-09", True), ("2022-H1", True), ("2022-Q4", True), ("", True),
    ("2022-13", False), ("2022-00", False), ("2022-Q5", False), ("2022-H3", False), ("22", False),
    ("2022-9", False), ("2022年", False),
])
def test_period_format(period, ok):
    if ok:
        assert Fact.model_validate({**ROW, "period": period}).period == period
    else:
        with pytest.raises(ValueError):
            Fact.model_validate({**ROW, "period": period})


@pytest.mark.parametrize("change,message", [
    ({"start": "7", "end": "7"}, "must be before end"),
    ({"value": "nan"}, "value"),
    ({"value": "2.1万"}, "value"),
    ({"confidence": "1.5"}, "confidence"),
    ({"qualifier": "about"}, "qualifier"),
    ({"region_level": "county"}, "region_level"),
])
def test_fact_rejects_bad_values(change, message):
    with pytest.raises(ValueError, match=message):
        Fact.model_validate({**ROW, **change})


def test_reviewed_facts_need_a_period():
    assert CuratedFact.model_validate({**ROW, "period": "", "status": "unreviewed"}).period == ""
    with pytest.raises(ValueError, match="needs a period"):
        CuratedFact.model_validate({**ROW, "period": "", "status": "accepted"})


@pytest.mark.parametrize("text,quote,start,end,ok", [
    ("ab达到2.1万亿元cd", "达到2.1万亿元", 4, 7, True),
    ("ab达到2.1万亿元cd", "达到2.1", 4, 7, True),
    ("ab达到2.1万亿元cd", "万亿元", 4, 7, False),  # quote elsewhere, not around the span
    ("2.1 x 达到2.1", "达到2.1", 0, 3, False),  # the quote occurs, but only after the span
    ("达到2.1 x 达到2.1", "达到2.1", 9, 12, True),  # second occurrence holds the span
])
def test_quote_covers_span(text, quote, start, end, ok):
    assert quote_covers_span(text, quote, start, end) is ok


# ---- review appends without rewriting ---------------------------------------------------------------------

EXISTING = ("# decisions for 101_hubei.txt  (hand-written comment)\n"
            "doc: 101_hubei.txt\n"
            "decisions:\n"
            "- fact_id: abc   # keep me\n"
            "  action: reject\n"
            "  reason: \"a name\"\n"
            "\n"
            "# trailing note\n")


@pytest.mark.parametrize("existing", [EXISTING, EXISTING.rstrip("\n"), EXISTING.replace("\n- ", "\n  - ").replace("\n  a", "\n    a").replace("\n  r", "\n    r")])
def test_append_keeps_existing_text(existing, tmp_path):
    path = tmp_path / "101_hubei.yaml"
    path.write_text(existing, encoding="utf-8")
    entry = {"fact_id": "012345", "action": "accept", "by": "lw", "at": date(2026, 11, 22)}
    after = append_decisions(path, "101_hubei.txt", [entry])
    new = path.read_text(encoding="utf-8")
    assert new.startswith(existing.rstrip("\n"))
    assert [(d.action, d.fact_id) for d in after.file.decisions] == [("reject", "abc"), ("accept", "012345")]
    assert after.file.decisions[1].by == "lw"


def test_append_creates_the_file_and_refuses_a_second_decision(tmp_path):
    path = tmp_path / "101_hubei.yaml"
    append_decisions(path, "101_hubei.txt", [{"fact_id": "abc", "action": "accept", "at": date(2026, 11, 22)}])
    assert parse_curation_text(path.read_text(encoding="utf-8"), path).file.decisions[0].fact_id == "abc"
    before = path.read_bytes()
    with pytest.raises(Exception, match="already decided"):
        append_decisions(path, "101_hubei.txt", [{"fact_id": "abc", "action": "reject", "reason": "r"}])
    assert path.read_bytes() == before


@pytest.mark.parametrize("text", ["doc: 101_hubei.txt\ndecisions: []\n", "doc: 101_hubei.txt\ndecisions:   # none yet\n",
                                  "doc: 101_hubei.txt\n", "decisions: null\ndoc: 101_hubei.txt\n"])
def test_insert_into_an_empty_list(text):
    new = insert_decisions(text, [{"fact_id": "abc", "action": "accept"}], Path(PATH))
    assert [d.fact_id for d in parse_curation_text(new, PATH).file.decisions] == ["abc"]


# ---- properties ---------------------------------------------------------------------------------------------

YAMLISH = st.text(alphabet=st.sampled_from(list("abc:-[]{}!'\"#&*|>%@ \n\t0123456789")) | st.characters(), max_size=200)


@settings(max_examples=300, deadline=None)
@given(body=YAMLISH)
def test_any_text_gives_a_decision_file_or_one_curation_error(body):
    try:
        parse_curation_text(HEAD + body, PATH)
    except CurationError as exc:
        assert "\n" not in str(exc) and str(exc).startswith(PATH)


@settings(max_examples=300, deadline=None)
@given(text=st.text(min_size=1, max_size=60), data=st.data())
def test_a_quote_taken_around_a_span_covers_it(text, data):
    i = data.draw(st.integers(0, len(text) - 1))
    j = data.draw(st.integers(i + 1, len(text)))
    start = data.draw(st.integers(i, j - 1))
    end = data.draw(st.integers(start + 1, j))
    assert quote_covers_span(text, text[i:j], start, end)
