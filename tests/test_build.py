"""The curated-dataset build: merging, orphans, re-extraction, validation, idempotence, crashes, locking.

Every test works on a copy of tests/fixtures/curation in tmp_path, never on data/.
"""

from __future__ import annotations

import csv
import io
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
import yaml

from curate import build
from curate.curation import read_article
from curate.review import main as review_main
from extract.atomic import atomic_open, atomic_write_many, atomic_write_text, locked
from extract.columns import CURATED_COLUMNS

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "curation"
OUTPUTS = build.OUTPUT_NAMES

# ids in tests/fixtures/curation/facts.csv
ACCEPTED, UNREVIEWED, REJECTED, EDITED, LOW = "07c736374f29", "86a6afabb4be", "d56e97e7c1dc", "0b36fd398c50", "114811067181"


class Workspace:
    """A copy of the fixture: facts.csv, curation/, articles/, and an out/ folder for the dataset."""

    def __init__(self, root: Path):
        shutil.copytree(FIXTURE, root)
        self.root = root
        self.facts, self.curation, self.articles, self.out = (
            root / "facts.csv", root / "curation", root / "articles", root / "out")

    def args(self, *extra: str, curation: Path | None = None) -> list[str]:
        return ["--facts", str(self.facts), "--curation", str(curation or self.curation),
                "--articles", str(self.articles), "--out", str(self.out), *extra]

    def build(self, *extra: str, curation: Path | None = None) -> int:
        return build.main(self.args(*extra, curation=curation))

    def outputs(self) -> dict[str, bytes]:
        return {name: (self.out / name).read_bytes() for name in OUTPUTS}

    def rows(self) -> dict[str, dict]:
        df = pd.read_csv(self.out / "indicators.csv", dtype=str, keep_default_na=False)
        return {r["fact_id"]: r for r in df.to_dict("records")}

    def facts_rows(self) -> list[dict]:
        with open(self.facts, encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))

    def write_facts(self, rows: list[dict]) -> None:
        with open(self.facts, "w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
            w.writeheader()
            w.writerows(rows)

    def append_curation(self, stem: str, text: str) -> None:
        with open(self.curation / f"{stem}.yaml", "a", encoding="utf-8") as fh:
            fh.write(text)

    def subprocess_build(self, *extra: str, slow: float = 0.0, curation: Path | None = None) -> subprocess.Popen:
        env = {**os.environ, build.SLOW_WRITE_ENV: str(slow)} if slow else dict(os.environ)
        return subprocess.Popen([sys.executable, "-m", "curate.build", *self.args(*extra, curation=curation)],
                                cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture
def ws(tmp_path) -> Workspace:
    return Workspace(tmp_path / "ws")


def assert_loadable(out: Path) -> None:
    """What the app does at start: the CSV parses with its columns, both YAML files load safely."""
    df = pd.read_csv(out / "indicators.csv", dtype=str, keep_default_na=False)
    assert list(df.columns) == CURATED_COLUMNS and len(df) > 0
    assert isinstance(yaml.safe_load((out / "indicators.yaml").read_text(encoding="utf-8")), dict)
    meta = yaml.safe_load((out / "metadata.yaml").read_text(encoding="utf-8"))
    assert set(meta) == {"indicators", "articles", "regions"}


# ---- merging ----------------------------------------------------------------------------------------------


def test_decisions_are_applied(ws):
    assert ws.build() == 0
    rows = ws.rows()
    assert REJECTED not in rows
    assert {r["status"] for r in rows.values()} == {"accepted", "edited", "added", "unreviewed"}
    assert rows[ACCEPTED]["status"] == "accepted"
    assert rows[UNREVIEWED]["status"] == "unreviewed" and rows[UNREVIEWED]["note"] == ""
    edited = rows[EDITED]
    assert (edited["status"], edited["region"], edited["region_level"]) == ("edited", "武汉市", "city")
    assert edited["note"] == "标识注册量 belongs to 武汉市"
    (added,) = [r for r in rows.values() if r["status"] == "added"]
    text = read_article(ws.articles / added["doc"])
    assert text[int(added["start"]):int(added["end"])] == "7.35" == added["value_raw"]
    assert (added["value"], added["unit"], added["note"]) == ("73500", "个", "missed by the extractor")
    # rows in (doc, start, fact_id) order
    keys = [(r["doc"], int(r["start"]), r["fact_id"]) for r in rows.values()]
    assert keys == sorted(keys)


def test_yaml_groups_the_same_facts_and_metadata_describes_them(ws):
    assert ws.build() == 0
    rows = ws.rows()
    tree = yaml.safe_load((ws.out / "indicators.yaml").read_text(encoding="utf-8"))
    flat = {e["fact_id"]: (region, ind, period, e)
            for region, by_ind in tree.items() for ind, by_p in by_ind.items()
            for period, entries in by_p.items() for e in entries}
    assert set(flat) == set(rows)
    for fact_id, (region, ind, period, e) in flat.items():
        r = rows[fact_id]
        assert (region, ind, period) == (r["region"], r["indicator"], r["period"])
        assert float(e["value"]) == float(r["value"]) and e["quote"] == r["quote"]
    assert list(tree)[0] == "全国"  # nation first, then provinces by adcode, then cities

    meta = yaml.safe_load((ws.out / "metadata.yaml").read_text(encoding="utf-8"))
    keys = {"zh", "en", "unit", "category", "category_zh", "category_en", "definition", "definition_en"}
    assert all(set(v) - {"core", "same_measure"} == keys for v in meta["indicators"].values())
    # the core ids of spec/DATA.md are marked, digital or macro
    assert meta["indicators"]["base_stations_5g"]["core"] == "digital" and meta["indicators"]["gdp"]["core"] == "macro"
    assert meta["indicators"]["other"]["zh"] == "其他"
    assert meta["indicators"]["digital_economy_scale"]["category_zh"] == "数字经济"
    assert meta["articles"]["102_hainan.txt"] == {"title": "海南：危中求机谋划新产业", "date": "2020-04-15",
                                                  "source": "测试日报", "url": "https://example.org/102"}
    assert meta["articles"]["101_hubei.txt"]["date"] == "2022-11"
    regions = meta["regions"]
    assert {r["region"] for r in rows.values()} <= set(regions)
    assert regions["湖北省"]["adcode"] == "420000" and regions["湖北省"]["level"] == "province"
    assert regions["武汉市"]["province"] == "湖北省" and regions["全国"]["level"] == "nation"


def test_report_counts_statuses(ws):
    assert ws.build() == 0
    report = (ws.out / "curation_report.txt").read_text(encoding="utf-8")
    for line in ("  accepted: 2", "  edited: 1", "  added: 1", "  unreviewed: 3", "rejected: 1",
                 "orphaned decisions: 0", "  101_hubei.txt: 2"):
        assert line in report.splitlines(), report


def test_idempotent(ws, tmp_path):
    assert ws.build() == 0
    first = ws.outputs()
    assert ws.build() == 0
    assert ws.outputs() == first
    # and independent of where it is written
    other = tmp_path / "elsewhere"
    assert build.main(ws.args()[:-2] + ["--out", str(other)]) == 0
    assert {n: (other / n).read_bytes() for n in OUTPUTS} == first


# ---- nothing lost -------------------------------------------------------------------------------------------


def test_orphaned_decision_is_reported_and_kept(ws, capsys):
    # the extractor stops producing the rejected fact: its decision becomes an orphan
    ws.write_facts([r for r in ws.facts_rows() if r["fact_id"] != REJECTED])
    decision_file = ws.curation / "101_hubei.yaml"
    before = decision_file.read_bytes()
    assert ws.build() == 0
    out = capsys.readouterr().out
    orphan_line = f"  {decision_file}:8: reject {REJECTED}: the extractor no longer produces this fact"
    assert orphan_line in out.splitlines()
    report = (ws.out / "curation_report.txt").read_text(encoding="utf-8")
    assert "orphaned decisions: 1 (kept in their files; a person must resolve them)" in report
    assert orphan_line in report.splitlines()
    assert decision_file.read_bytes() == before  # never dropped, never rewritten

    # --strict refuses, naming the decision, and leaves the dataset alone
    dataset = ws.outputs()
    assert ws.build("--strict") == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{decision_file}:8: orphaned reject of fact {REJECTED}") and err.count("\n") == 1
    assert ws.outputs() == dataset


def test_edit_survives_reextraction(ws, capsys):
    assert ws.build() == 0
    capsys.readouterr()
    # a re-extraction: same ids for the same spans, other confidences, another row order, one new fact
    rows = ws.facts_rows()
    for r in rows:
        r["confidence"] = "0.42"
    text = read_article(ws.articles / "102_hainan.txt")
    quote = "上云企业总数达1.2万家"
    start = text.index(quote) + quote.index("1.2")
    new = {**rows[-1], "fact_id": "feedc0ffee00", "subject": "上云企业总数", "value_raw": "1.2",
           "unit_raw": "万家", "value": "12000", "quote": quote, "start": str(start), "end": str(start + 3)}
    ws.write_facts(list(reversed(rows)) + [new])
    decisions_before = {p.name: p.read_bytes() for p in ws.curation.iterdir()}

    assert ws.build() == 0
    after = ws.rows()
    edited = after[EDITED]
    assert (edited["status"], edited["region"], edited["region_level"]) == ("edited", "武汉市", "city")
    assert edited["confidence"] == "0.42"
    assert after[ACCEPTED]["status"] == "accepted" and REJECTED not in after
    assert after["feedc0ffee00"]["status"] == "unreviewed"
    assert "new unreviewed facts since the previous build: 1 (feedc0ffee00)" in capsys.readouterr().out
    assert {p.name: p.read_bytes() for p in ws.curation.iterdir()} == decisions_before


def test_review_accept_reaches_the_dataset(ws):
    common = ["--facts", str(ws.facts), "--curation", str(ws.curation), "--articles", str(ws.articles)]
    assert review_main([*common, "accept", UNREVIEWED, LOW, "--by", "t"]) == 0
    assert review_main([*common, "reject", "e7c2ec2efee0", "--reason", "a flow, counted elsewhere"]) == 0
    assert review_main([*common, "accept", UNREVIEWED]) == 1  # already decided
    assert ws.build() == 0
    rows = ws.rows()
    assert rows[UNREVIEWED]["status"] == rows[LOW]["status"] == "accepted"
    assert "e7c2ec2efee0" not in rows
    assert "unreviewed: 0" in (ws.out / "curation_report.txt").read_text(encoding="utf-8")


def test_review_list_shows_undecided_facts_with_context(ws, capsys):
    common = ["--facts", str(ws.facts), "--curation", str(ws.curation), "--articles", str(ws.articles)]
    assert review_main([*common, "list", "--doc", "101"]) == 0
    out = capsys.readouterr().out
    assert f"  {UNREVIEWED}  conf 0.90\n" in out and f"  {LOW}  conf 0.55  LOW\n" in out
    assert ACCEPTED not in out and "102_hainan" not in out
    assert "      quote:   同比增長10.9%\n" in out
    assert "規模達到2.3萬億元,同比增長⟦10.9⟧%。全省建成5G宏基站" in out
    assert review_main([*common, "list", "--low-only"]) == 0
    out = capsys.readouterr().out
    assert LOW in out and UNREVIEWED not in out and "e7c2ec2efee0" in out
    assert review_main([*common, "show", EDITED]) == 0
    assert f"decision: edit at {ws.curation / '101_hubei.yaml'}:11 — 标识注册量 belongs to 武汉市" in capsys.readouterr().out


# ---- a bad input stops the build, the previous dataset stays --------------------------------------------

BAD_ADD = ("  - action: add\n    quote: 全省建成5G宏基站7.35万个\n    number: '7.35'\n"
           "    set: {region: 湖北省, indicator: base_stations_5g, subject: s, kind: actual, value: 1, unit: 个, "
           "period: '2022', period_basis: article}\n")


def _facts_edit(ws, fact_id, **change):
    ws.write_facts([{**r, **change} if r["fact_id"] == fact_id else r for r in ws.facts_rows()])


BREAKAGES = {
    "reject without reason": (lambda ws: ws.append_curation("102_hainan", "- fact_id: e7c2ec2efee0\n  action: reject\n"),
                              "curation/102_hainan.yaml:6: decision 2 (reject e7c2ec2efee0): a reason is required"),
    "python tag": (lambda ws: ws.append_curation("102_hainan", "- !!python/object/apply:os.system ['true']\n"),
                   "curation/102_hainan.yaml:6: refused Python tag"),
    "bad YAML": (lambda ws: ws.append_curation("102_hainan", "- {fact_id: e7c2ec2efee0, action: accept\n"),
                 "curation/102_hainan.yaml:7: invalid YAML"),
    "add quote not in article": (lambda ws: ws.append_curation("101_hubei", BAD_ADD),
                                 "curation/101_hubei.yaml:21: quote not found in 101_hubei.txt"),
    "edit to unknown region": (lambda ws: ws.append_curation(
        "102_hainan", "- fact_id: e7c2ec2efee0\n  action: edit\n  set: {region: 海南市}\n  reason: r\n"),
        "curation/102_hainan.yaml:6: region '海南市' is not in the gazetteer"),
    "edit to unknown indicator": (lambda ws: ws.append_curation(
        "102_hainan", "- fact_id: e7c2ec2efee0\n  action: edit\n  set: {indicator: cloud_things}\n  reason: r\n"),
        "curation/102_hainan.yaml:6 (edit of"),
    "decision in the wrong file": (lambda ws: ws.append_curation("102_hainan", f"- fact_id: {UNREVIEWED}\n  action: accept\n"),
                                   f"curation/102_hainan.yaml:6: fact {UNREVIEWED} is in 101_hubei.txt, not 102_hainan.txt"),
    "extracted quote not at its span": (lambda ws: _facts_edit(ws, UNREVIEWED, start="10", end="14"),
                                        f"facts.csv:3: fact {UNREVIEWED}: text[10:14] = '展\\n20' does not lie inside an occurrence of the quote"),
    "extracted period malformed": (lambda ws: _facts_edit(ws, UNREVIEWED, period="2022年"),
                                   f"facts.csv:3: fact {UNREVIEWED}: period: '2022年' is not YYYY"),
    "extracted value not numeric": (lambda ws: _facts_edit(ws, UNREVIEWED, value="10.9%"),
                                    f"facts.csv:3: fact {UNREVIEWED}: value: Input should be a valid number"),
    "duplicate fact_id": (lambda ws: ws.write_facts(ws.facts_rows() + ws.facts_rows()[:1]),
                          f"facts.csv:9: fact_id {ACCEPTED} repeats line 2"),
    "article missing": (lambda ws: (ws.articles / "102_hainan.txt").unlink(),
                        "facts.csv:7 (accepted at"),
    "sidecar with python tag": (lambda ws: (ws.articles / "101_hubei.yaml").write_text(
        "date: !!python/object/apply:os.getcwd []\n", encoding="utf-8"), "articles/101_hubei.yaml:1: refused YAML tag"),
}


@pytest.mark.parametrize("name", list(BREAKAGES))
def test_bad_input_stops_the_build_and_keeps_the_previous_dataset(ws, capsys, name):
    assert ws.build() == 0
    previous = ws.outputs()
    capsys.readouterr()
    breakage, expected = BREAKAGES[name]
    breakage(ws)
    assert ws.build() == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert err.startswith(str(ws.root / expected.split(":")[0])) and expected in err, err
    assert ws.outputs() == previous
    assert sorted(p.name for p in ws.out.iterdir()) == sorted([*OUTPUTS, build.LOCK_NAME])  # no temp left


def test_malformed_file_in_a_real_process_prints_one_line(ws):
    ws.append_curation("102_hainan", "- fact_id: e7c2ec2efee0\n  action: reject\n")
    proc = ws.subprocess_build()
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert err == f"{ws.curation / '102_hainan.yaml'}:6: decision 2 (reject e7c2ec2efee0): a reason is required\n"
    assert not ws.out.joinpath("indicators.csv").exists()


# ---- crashes and concurrency -----------------------------------------------------------------------------


def _read_line(proc: subprocess.Popen, timeout: float = 60.0) -> str:
    """The next stdout line of ``proc`` ('' if it exits first); fails after ``timeout`` seconds."""
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    if not ready:
        raise AssertionError("no output from the build")
    return proc.stdout.readline()


def _temps(out: Path) -> list[Path]:
    return sorted(out.glob(".*.tmp"))


def _wait_for(predicate, timeout: float = 30.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.005)


@pytest.mark.parametrize("temps_before_kill", [1, 3], ids=["while writing the CSV", "while writing metadata"])
def test_killed_build_leaves_the_previous_dataset(ws, temps_before_kill):
    assert ws.build() == 0
    previous = ws.outputs()
    # a change the killed build would have published
    ws.append_curation("102_hainan", "- fact_id: e7c2ec2efee0\n  action: accept\n")

    proc = ws.subprocess_build(slow=0.05)
    _wait_for(lambda: len(_temps(ws.out)) >= temps_before_kill or proc.poll() is not None,
              what=f"{temps_before_kill} temp file(s)")
    assert proc.poll() is None, "the build finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    assert ws.outputs() == previous
    assert_loadable(ws.out)
    leftovers = _temps(ws.out)
    assert leftovers and all(p.name.startswith(".") and p.name.endswith(".tmp") for p in leftovers)
    visible = sorted(p.name for p in ws.out.iterdir() if not p.name.startswith("."))
    assert visible == sorted(OUTPUTS)  # a temp file is never taken for an output

    # the next build cleans up and publishes the change
    assert ws.build() == 0
    assert _temps(ws.out) == []
    assert ws.rows()["e7c2ec2efee0"]["status"] == "accepted"


def test_concurrent_builds_serialise(ws, tmp_path):
    # two builds of different decisions into the same folder: the result is one of them, whole
    other = tmp_path / "curation2"
    shutil.copytree(ws.curation, other)
    with open(other / "102_hainan.yaml", "a", encoding="utf-8") as fh:
        fh.write("- fact_id: e7c2ec2efee0\n  action: reject\n  reason: counted elsewhere\n")
    expected = []
    for cur in (ws.curation, other):
        ref = tmp_path / f"ref-{cur.name}"
        assert build.main(ws.args(curation=cur)[:-2] + ["--out", str(ref)]) == 0
        expected.append({n: (ref / n).read_bytes() for n in OUTPUTS})
    assert expected[0] != expected[1]

    # hold the lock until both builds are waiting for it, so they certainly run at once
    ws.out.mkdir()
    with locked(ws.out / build.LOCK_NAME):
        procs = [ws.subprocess_build(slow=0.005), ws.subprocess_build(slow=0.005, curation=other)]
        assert all(_read_line(p).startswith("waiting for another build") for p in procs)
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    assert ws.outputs() in expected
    assert_loadable(ws.out)
    assert _temps(ws.out) == []


def test_build_waits_for_the_lock(ws):
    ws.out.mkdir()
    with locked(ws.out / build.LOCK_NAME):
        proc = ws.subprocess_build()
        assert _read_line(proc).startswith("waiting for another build")
        time.sleep(0.3)
        assert proc.poll() is None  # blocked on the lock, nothing written
        assert not (ws.out / "indicators.csv").exists()
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert_loadable(ws.out)


# ---- atomic writes ---------------------------------------------------------------------------------------------


def test_atomic_write_replaces_whole_files_and_keeps_the_mode(tmp_path):
    target = tmp_path / "f.txt"
    atomic_write_text(target, "one\r\n")
    target.chmod(0o640)
    atomic_write_text(target, "two\n")
    assert target.read_bytes() == b"two\n" and (target.stat().st_mode & 0o777) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


def test_atomic_write_many_changes_nothing_when_interrupted(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    atomic_write_many({a: b"old a", b: b"old b"})
    calls = []

    def fail_late():
        calls.append(1)
        if len(calls) == 3:  # while staging the second file
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic_write_many({a: b"new a!", b: b"new b!"}, chunk_size=2, on_chunk=fail_late)
    assert (a.read_bytes(), b.read_bytes()) == (b"old a", b"old b")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b"]


def test_atomic_open_streams_and_commits_only_on_success(tmp_path):
    target = tmp_path / "facts.csv"
    with atomic_open(target) as fh:
        csv.writer(fh, lineterminator="\n").writerows([["a", "b"], ["1", "2"]])
    assert target.read_text(encoding="utf-8") == "a,b\n1,2\n"
    with pytest.raises(RuntimeError), atomic_open(target) as fh:
        fh.write("half")
        raise RuntimeError
    assert target.read_text(encoding="utf-8") == "a,b\n1,2\n"
    assert [p.name for p in tmp_path.iterdir()] == ["facts.csv"]


def test_csv_output_reads_back_with_plain_csv(ws):
    # the app may read it with csv or pandas; both must see the same table
    assert ws.build() == 0
    raw = (ws.out / "indicators.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(raw, newline="")))
    assert [r["fact_id"] for r in rows] == list(ws.rows())


def test_shipped_curated_dataset_is_current(tmp_path):
    """data/indicators.* are what `python -m curate.build` makes of the shipped facts and decisions today."""
    repo = Path(__file__).resolve().parents[1]
    proc = subprocess.run([sys.executable, "-m", "curate.build", "--out", str(tmp_path)], cwd=repo,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    for name in ("indicators.csv", "indicators.yaml", "metadata.yaml"):
        assert (tmp_path / name).read_bytes() == (repo / "data" / name).read_bytes(), name
    report = (tmp_path / "curation_report.txt").read_text(encoding="utf-8")
    assert "unreviewed: 0" in report and "orphaned decisions: 0" in report
