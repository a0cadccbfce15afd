"""Review decisions keep what the reviewer saw, drafts list every fact, and stats measure the extractor."""

from __future__ import annotations

import pytest
import yaml

from curate.curation import parse_curation_text
from curate.review import main as review_main
from tests.test_build import LOW, UNREVIEWED, Workspace


@pytest.fixture
def ws(tmp_path) -> Workspace:
    return Workspace(tmp_path / "ws")


def common(ws: Workspace) -> list[str]:
    return ["--facts", str(ws.facts), "--curation", str(ws.curation), "--articles", str(ws.articles)]


def test_accept_records_what_the_reviewer_saw(ws):
    assert review_main([*common(ws), "accept", UNREVIEWED, "--by", "t"]) == 0
    decisions = yaml.safe_load((ws.curation / "101_hubei.yaml").read_text(encoding="utf-8"))["decisions"]
    entry = next(d for d in decisions if d.get("fact_id") == UNREVIEWED)
    row = next(r for r in ws.facts_rows() if r["fact_id"] == UNREVIEWED)
    assert entry["seen"]["region"] == row["region"] and entry["seen"]["period"] == row["period"]
    assert entry["seen"]["value"] == float(row["value"])


def test_an_accepted_fact_keeps_the_reviewed_values_when_the_extractor_changes(ws):
    assert review_main([*common(ws), "accept", UNREVIEWED]) == 0
    rows = ws.facts_rows()
    reviewed = next(r for r in rows if r["fact_id"] == UNREVIEWED)
    reviewed_period = reviewed["period"]
    reviewed["period"] = "1999"  # a later extraction dates the fact differently
    ws.write_facts(rows)
    assert ws.build() == 0
    out = ws.rows()[UNREVIEWED]
    assert out["status"] == "accepted" and out["period"] == reviewed_period
    report = (ws.out / "curation_report.txt").read_text(encoding="utf-8")
    assert "changed by the extractor since review: 1" in report
    assert f"period: reviewed '{reviewed_period}', extractor now '1999'" in report


def test_stats_count_accepted_edited_rejected_added_and_undecided(ws, capsys):
    assert review_main([*common(ws), "stats"]) == 0
    out = capsys.readouterr().out
    total = next(line for line in out.splitlines() if line.startswith("total"))
    # the fixture: 101 has one accept, one edit (region), one reject, two undecided; 102 one add
    extracted, accepted, edited, rejected, added, undecided = map(int, total.split()[1:7])
    rows = ws.facts_rows()
    assert extracted == len(rows)
    assert rejected >= 1 and edited >= 1 and accepted >= 1
    assert undecided == len(rows) - accepted - edited - rejected
    assert "region" in total
    assert "accepted exactly as extracted:" in out


def test_stats_count_a_drifted_accept_as_edited(ws, capsys):
    assert review_main([*common(ws), "accept", LOW]) == 0
    capsys.readouterr()
    assert review_main([*common(ws), "stats", "--doc", "101"]) == 0
    before = capsys.readouterr().out
    rows = ws.facts_rows()
    next(r for r in rows if r["fact_id"] == LOW)["region"] = "湖南省"
    ws.write_facts(rows)
    assert review_main([*common(ws), "stats", "--doc", "101"]) == 0
    after = capsys.readouterr().out
    acc = lambda text: int(next(line for line in text.splitlines() if line.startswith("101")).split()[2])  # noqa: E731
    ed = lambda text: int(next(line for line in text.splitlines() if line.startswith("101")).split()[3])  # noqa: E731
    assert acc(after) == acc(before) - 1 and ed(after) == ed(before) + 1


def test_draft_lists_every_undecided_fact_with_its_sentence(ws, capsys):
    (ws.curation / "102_hainan.yaml").unlink()
    assert review_main([*common(ws), "draft", "--doc", "102"]) == 0
    path = ws.curation / "102_hainan.yaml"
    text = path.read_text(encoding="utf-8")
    loaded = parse_curation_text(text, path)
    ids_102 = [r["fact_id"] for r in ws.facts_rows() if r["doc"] == "102_hainan.txt"]
    assert [d.fact_id for d in loaded.file.decisions] == ids_102
    assert all(d.action == "accept" and d.seen is not None for d in loaded.file.decisions)
    assert text.count("【") == len(ids_102)
    assert ws.build() == 0


def test_draft_never_overwrites_a_curation_file(ws, capsys):
    before = (ws.curation / "101_hubei.yaml").read_bytes()
    assert review_main([*common(ws), "draft", "--doc", "101"]) == 1
    assert (ws.curation / "101_hubei.yaml").read_bytes() == before
    assert "exists" in capsys.readouterr().err



def _produced(out: str) -> tuple[int, int]:
    line = next(x for x in out.splitlines() if x.startswith("produced exactly by today's extractor:"))
    n, _, final = line.split(":", 1)[1].split()[:3]
    return int(n), int(final)


def _accepted(out: str) -> int:
    return int(next(x for x in out.splitlines() if x.startswith("accepted exactly as extracted:")).split()[4])


def _edit_matched(ws: Workspace, rows: list[dict]) -> None:
    # a later extraction says what the reviewer's edit set: 0b36fd398c50 is 武汉市's
    row = next(r for r in rows if r["fact_id"] == "0b36fd398c50")
    row["region"], row["region_level"] = "武汉市", "city"


def _edit_still_differs(ws: Workspace, rows: list[dict]) -> None:
    next(r for r in rows if r["fact_id"] == "0b36fd398c50")["subject"] = "另一个主语"  # not a column the edit sets


def _accept_drifted(ws: Workspace, rows: list[dict]) -> None:
    next(r for r in rows if r["fact_id"] == LOW)["region"] = "湖南省"  # differs from what the reviewer saw


def _add_found(ws: Workspace, rows: list[dict]) -> None:
    # the extractor now finds the added 5G宏基站 fact at its span, with the reviewer's columns
    from curate.curation import load_curation_dir, locate_added, read_article
    from curate.schema import Add
    add = next(d for c in load_curation_dir(ws.curation) for d in c.file.decisions if isinstance(d, Add))
    start, end = locate_added(add, read_article(ws.articles / add.doc))
    rows.append({**rows[0], "fact_id": "a1b2c3d4e5f6", "doc": add.doc, "start": str(start), "end": str(end),
                 "region": "湖北省", "region_level": "province", "indicator": "base_stations_5g", "subject": "5G宏基站",
                 "kind": "actual", "value_raw": "7.35", "unit_raw": "万个", "value": "73500", "unit": "个",
                 "qualifier": "", "period": "2022", "period_basis": "article"})


def _add_found_other_subject(ws: Workspace, rows: list[dict]) -> None:
    _add_found(ws, rows)
    rows[-1]["subject"] = "基站"


@pytest.mark.parametrize("change, produced_delta", [
    (_edit_matched, 1),  # an edit the extractor now matches counts as produced, though it stays an edit
    (_edit_still_differs, 0),
    (_accept_drifted, -1),  # an accept whose reviewed values the extractor no longer gives
    (_add_found, 1),
    (_add_found_other_subject, 0),
])
def test_stats_count_facts_the_extractor_now_produces_exactly(ws, capsys, change, produced_delta):
    assert review_main([*common(ws), "accept", LOW]) == 0  # an accept that records what the reviewer saw
    assert review_main([*common(ws), "stats"]) == 0
    before = capsys.readouterr().out
    rows = ws.facts_rows()
    change(ws, rows)
    ws.write_facts(rows)
    assert review_main([*common(ws), "stats"]) == 0
    after = capsys.readouterr().out
    (n0, final0), (n1, final1) = _produced(before), _produced(after)
    assert final1 == final0 and n1 == n0 + produced_delta
    assert n0 >= _accepted(before)  # every exact accept is produced exactly
    assert _accepted(after) == _accepted(before) - (change is _accept_drifted)  # decisions are counted as recorded
