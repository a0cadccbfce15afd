"""Sources and engines: folder / JSONL / Parquet archives, bad records, local vs Spark ``local[2]``.

One archive in three forms (a folder tree with sidecars, JSONL, Parquet) holds the shipped articles and one
record of every bad kind. Each engine runs once per form (module fixtures); the tests then compare what
they wrote. Spark tests carry the ``spark`` marker (``-m "not spark"`` deselects them); they share one
``local[2]`` session. pyspark comes from requirements-spark.txt, which ``make test`` installs.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml

from extract.cli import process_file, run
from extract.columns import FACT_COLUMNS
from extract.engines.common import NATION_CODE, facts_dataset, region_code
from extract.sources import MAX_LINE_BYTES, Columns, open_source
from extract.textio import MAX_ARTICLE_BYTES

REPO = Path(__file__).resolve().parents[1]
ARTICLES = REPO / "data" / "articles"
GOOD = "湖北：数字经济\n2021年,湖北省数字经济规模达到2.1万亿元,居全国第8位。\n"
spark_mark = pytest.mark.spark

# Bad records of every kind, as article text (folder) and as record fields (JSONL / Parquet), with the reason
# both engines must give. Each is skipped; the good records are still extracted.
BAD_TEXTS = {
    "empty": ("", "empty article"),
    "binary": (bytes(range(256)).decode("latin-1") * 40, "binary file"),
    "english": ("The digital economy of Hubei reached 2.1 trillion yuan in 2021. " * 20, "not Chinese"),
    "huge": (GOOD * (MAX_ARTICLE_BYTES // len(GOOD.encode()) + 10), "too large"),
}


# The archive under test: the five seed articles of the shipped corpus (the whole corpus would only make the
# Spark tests slower without testing anything more).
SEEDS = sorted(ARTICLES.glob("00[0-4]_*.txt"))


def shipped() -> list[tuple[str, str, dict]]:
    """(file name, text, sidecar dict) of the shipped seed articles."""
    out = []
    for p in SEEDS:
        side = yaml.safe_load(p.with_suffix(".yaml").read_text(encoding="utf-8")) or {}
        out.append((p.name, p.read_text(encoding="utf-8"), side))
    return out


def record(name: str, text, side: dict) -> dict:
    date = side.get("date")
    return {"id": name, "date": None if date is None else str(date), "title": side.get("title"),
            "source": side.get("source"), "url": side.get("url"), "text": text}


def make_folder(root: Path) -> Path:
    folder = root / "folder"
    folder.mkdir(parents=True)
    for p in SEEDS:
        shutil.copy(p, folder / p.name)
        shutil.copy(p.with_suffix(".yaml"), folder / p.with_suffix(".yaml").name)
    (folder / "sub" / "deeper").mkdir(parents=True)
    (folder / "sub" / "deeper" / "nested.txt").write_text(GOOD, encoding="utf-8")
    (folder / "sub" / "deeper" / "nested.yaml").write_text("date: 2022-11\n", encoding="utf-8")
    (folder / "gbk.txt").write_bytes(GOOD.replace("湖北", "湖南").encode("gb18030"))
    (folder / "page.html").write_text("<html><body><script>var x = 99;</script><p>浙江：数字经济</p>"
                                      "<p>2021年,浙江省数字经济规模达到3.57万亿元。</p></body></html>", encoding="utf-8")
    (folder / "badside.txt").write_text(GOOD, encoding="utf-8")
    (folder / "badside.yaml").write_text("date: [2022-11\n", encoding="utf-8")
    for kind, (text, _reason) in BAD_TEXTS.items():
        (folder / f"bad_{kind}.txt").write_bytes(text.encode("latin-1" if kind == "binary" else "utf-8"))
    return folder


def jsonl_lines() -> list[bytes]:
    lines = [json.dumps(record(n, t, s), ensure_ascii=False).encode() for n, t, s in shipped()]
    lines.append(json.dumps(record("nested", GOOD, {"date": "2022-11"}), ensure_ascii=False).encode())
    for kind, (text, _reason) in BAD_TEXTS.items():
        lines.append(json.dumps(record(f"bad_{kind}", text, {}), ensure_ascii=False).encode())
    lines.append(b'{"id": "bad_json", "text": "2021\xe5\xb9\xb4 unterminated')  # malformed JSON
    lines.append('{"id": "bad_utf8", "text": "湖北"}'.encode("gb18030"))  # not UTF-8
    lines.append(json.dumps({"id": "bad_missing", "title": "no text"}).encode())
    lines.append(json.dumps({"id": "bad_null", "text": None}).encode())
    lines.append(json.dumps({"id": "bad_baddate", "date": "yesterday", "text": GOOD}, ensure_ascii=False).encode())
    lines.append(b"[1, 2, 3]")
    lines.append(b"")  # a blank line is not a record
    return lines


JSONL_BAD = {  # id (or line) -> reason
    "bad_json": "malformed JSON",
    "bad_utf8": "not UTF-8",
    "bad_missing": "missing text",
    "bad_null": "missing text",
    "list_line": "not an object",
}


def make_jsonl(root: Path) -> Path:
    path = root / "archive.jsonl"
    path.write_bytes(b"\n".join(jsonl_lines()) + b"\n")
    return path


def make_parquet(root: Path) -> Path:
    folder = root / "parquet"
    folder.mkdir()
    recs = [record(n, t, s) for n, t, s in shipped()]
    recs.append(record("nested", GOOD, {"date": "2022-11"}))
    recs += [record(f"bad_{k}", t, {}) for k, (t, _r) in BAD_TEXTS.items()]
    recs.append({"id": "bad_null", "date": None, "title": None, "source": None, "url": None, "text": None})
    table = pa.Table.from_pylist(recs, schema=pa.schema([(c, pa.string()) for c in Columns().names()]))
    pq.write_table(table.slice(0, 6), folder / "part-a.parquet", row_group_size=2)  # three row groups
    pq.write_table(table.slice(6), folder / "part-b.parquet", row_group_size=3)
    (folder / "broken.parquet").write_bytes(b"PAR1 this is not a parquet file")
    return folder


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("archive")
    return {"folder": make_folder(root), "jsonl": make_jsonl(root), "parquet": make_parquet(root)}


def run_local(src: Path, out: Path, **kw) -> tuple[int, list[dict], dict, str]:
    err = io.StringIO()
    rc = run(src, out, stderr=err, report=True, **kw)
    with open(out / "facts.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return rc, rows, json.loads((out / "run_report.json").read_text(encoding="utf-8")), err.getvalue()


@pytest.fixture(scope="module")
def local_runs(archive, tmp_path_factory) -> dict[str, tuple]:
    root = tmp_path_factory.mktemp("local")
    return {kind: run_local(src, root / kind, workers=2) for kind, src in archive.items()}


def as_text(v) -> str:
    return "" if v is None else str(v)


def row_key(r: dict) -> tuple:
    return tuple(as_text(r[c]) for c in FACT_COLUMNS)


def problem_reasons(report: dict) -> dict[str, str]:
    """doc -> reasons, for the records a report lists as problems."""
    out: dict[str, str] = {}
    for p in report["problems"]:
        out[p["doc"]] = out.get(p["doc"], "") + p["reason"]
    return out


# ---- sources and the local engine (no Spark) ------------------------------------------------------------

def test_folder_source_is_recursive_and_keeps_the_historic_output(archive, local_runs, tmp_path):
    rc, rows, report, err = local_runs["folder"]
    assert rc == 1  # bad files and a bad sidecar
    docs = {r["doc"] for r in rows}
    assert "sub/deeper/nested.txt" in docs and "gbk.txt" in docs and "page.html" in docs
    # the shipped articles give exactly the shipped facts (same fact_ids): a sub-folder does not change them
    seed_docs = {p.name for p in SEEDS}
    shipped_rows = [r for r in csv.DictReader(open(REPO / "data" / "extracted" / "facts.csv", encoding="utf-8"))
                     if r["doc"] in seed_docs]
    assert [r for r in rows if r["doc"] in {r2["doc"] for r2 in shipped_rows}] == shipped_rows
    assert report["articles_read"] == 5 + 4 + len(BAD_TEXTS)
    assert report["articles_failed"] == len(BAD_TEXTS)
    assert report["facts_written"] == len(rows)
    assert any("badside.yaml" in ln and "malformed YAML" in ln for ln in err.splitlines())
    # process_file (kept for callers of the old API) gives the same rows for one file
    doc, file_rows, _msgs, failed = process_file(archive["folder"] / "001_65f858969d164425.txt")
    assert doc == "001_65f858969d164425.txt" and not failed
    assert file_rows and [row_key(r) for r in file_rows] == [
        row_key(r) for r in shipped_rows if r["doc"] == doc]


@pytest.mark.parametrize("kind", sorted(BAD_TEXTS))
@pytest.mark.parametrize("form", ["folder", "jsonl", "parquet"])
def test_bad_text_is_skipped_with_its_reason_locally(local_runs, form, kind):
    _rc, rows, report, err = local_runs[form]
    doc = f"bad_{kind}.txt" if form == "folder" else f"bad_{kind}"
    reasons = problem_reasons(report)
    assert BAD_TEXTS[kind][1] in reasons[doc] and "skipped" in reasons[doc]
    assert doc not in {r["doc"] for r in rows}
    assert sum(1 for ln in err.splitlines() if "skipped" in ln and (doc in ln or f"id {doc})" in ln)) == 1


@pytest.mark.parametrize("doc, reason", JSONL_BAD.items())
def test_bad_jsonl_lines_are_skipped_with_their_reason(local_runs, doc, reason):
    _rc, _rows, report, err = local_runs["jsonl"]
    if doc == "list_line":
        assert any(reason in p["reason"] for p in report["problems"])
    else:
        reasons = problem_reasons(report)
        matching = [v for k, v in reasons.items() if k == doc or k.startswith("archive.jsonl#")]
        assert any(reason in v for v in matching), reasons
    assert "Traceback" not in err


def test_jsonl_and_parquet_give_the_folder_facts_for_the_same_articles(local_runs):
    """Records with id = the file name give the same facts, fact_ids included, as the files themselves."""
    folder_rows = [r for r in local_runs["folder"][1] if r["doc"].endswith(".txt") and r["doc"][:3].isdigit()]
    assert len(folder_rows) > 100
    for form in ("jsonl", "parquet"):
        rows = [r for r in local_runs[form][1] if r["doc"][:3].isdigit()]
        assert [row_key(r) for r in rows] == [row_key(r) for r in folder_rows], form
    # a record without a date in its fields is dated from the text; a bad date is a problem, not a crash
    jsonl_report = local_runs["jsonl"][2]
    assert "is not YYYY" in problem_reasons(jsonl_report)["bad_baddate"]
    assert any(r["doc"] == "bad_baddate" for r in local_runs["jsonl"][1])


def test_parquet_row_groups_and_a_broken_file(local_runs):
    rc, rows, report, _err = local_runs["parquet"]
    assert rc == 1
    reasons = problem_reasons(report)
    assert "not a readable Parquet file" in reasons["broken.parquet"]
    assert "missing text" in reasons["bad_null"]
    assert {r["doc"] for r in rows} >= {"nested", "000_b8c67cf1e0551556.txt", "004_1e4af29fab1a8898.txt"}


def test_jsonl_byte_ranges_split_lines_exactly(tmp_path, monkeypatch):
    """Cut into many small byte ranges, a JSONL file still yields every record once, in order."""
    import extract.sources as sources

    path = tmp_path / "small.jsonl"
    lines = [ln for ln in jsonl_lines() if len(ln) < 100_000]
    path.write_bytes(b"\n".join(lines) + b"\n")
    whole = open_source(path)
    units, _ = whole.units()
    assert len(units) == 1
    expected = [r.doc for u in units for r in whole.read_unit(u)]
    assert len(expected) == len([ln for ln in lines if ln.strip()])
    monkeypatch.setattr(sources, "SPLIT_BYTES", 997)
    units, _ = whole.units()
    assert len(units) > 50
    assert [r.doc for u in units for r in whole.read_unit(u)] == expected


def test_oversized_jsonl_line_is_skipped_unparsed(tmp_path):
    path = tmp_path / "big.jsonl"
    with open(path, "wb") as fh:
        fh.write(json.dumps({"id": "first", "text": GOOD}, ensure_ascii=False).encode() + b"\n")
        fh.write(b'{"id": "huge", "text": "' + b"a" * (MAX_LINE_BYTES + 10) + b'"}\n')
        fh.write(json.dumps({"id": "last", "text": GOOD}, ensure_ascii=False).encode() + b"\n")
    rc, rows, report, err = run_local(path, tmp_path / "out")
    assert rc == 1
    assert {r["doc"] for r in rows} == {"first", "last"}
    assert [p["reason"] for p in report["problems"]] == ["skipped: record too large (line over 50 MB)"]
    assert "Traceback" not in err


def test_configurable_columns(tmp_path):
    path = tmp_path / "other.jsonl"
    path.write_text(json.dumps({"key": "k1", "body": GOOD, "published": "2022-11"}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "extract", str(path), "-o", str(tmp_path / "out"),
                           "--text-col", "body", "--id-col", "key", "--date-col", "published"],
                          capture_output=True, text=True, cwd=REPO, timeout=300)
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(open(tmp_path / "out" / "facts.csv", encoding="utf-8")))
    assert {r["doc"] for r in rows} == {"k1"} and [r["value_raw"] for r in rows] == ["2.1", "8"]
    assert rows[0]["period"] == "2021"
    # without the mapping the text column is missing: reported, exit 1, no traceback
    proc = subprocess.run([sys.executable, "-m", "extract", str(path), "-o", str(tmp_path / "out2")],
                          capture_output=True, text=True, cwd=REPO, timeout=300)
    assert proc.returncode == 1 and "missing text" in proc.stderr and "Traceback" not in proc.stderr


def test_unreadable_source_exits_2(tmp_path):
    err = io.StringIO()
    assert run(tmp_path / "nope", tmp_path / "out", stderr=err) == 2
    assert "not a folder of articles" in err.getvalue()
    (tmp_path / "x.csv").write_text("a,b\n", encoding="utf-8")
    err = io.StringIO()
    assert run(tmp_path / "x.csv", tmp_path / "out", stderr=err) == 2


def test_region_codes_are_ascii_province_codes():
    assert region_code("湖北省") == "420000"
    assert region_code("武汉市") == "420000"  # a city is filed under its province
    assert region_code("全国") == NATION_CODE == "000000"
    assert region_code("中部地区") == region_code("不存在") == "990000"


# ---- Spark local[2] -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def spark():
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("the Spark tests need Java 17+ (java on PATH or JAVA_HOME)")
    from extract.engines.spark import session

    s = session("local[2]")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def spark_runs(spark, archive, tmp_path_factory) -> dict[str, tuple]:
    from extract.engines.spark import run_spark

    root = tmp_path_factory.mktemp("spark")
    out = {}
    for kind, src in archive.items():
        err = io.StringIO()
        rc = run_spark(open_source(src), root / kind, spark=spark, stderr=err)
        table = facts_dataset(root / kind / "facts").to_table()
        report = json.loads((root / kind / "run_report.json").read_text(encoding="utf-8"))
        out[kind] = (rc, table.to_pylist(), report, err.getvalue(), root / kind)
    return out


@spark_mark
@pytest.mark.parametrize("form", ["folder", "jsonl", "parquet"])
def test_spark_and_local_give_the_same_facts(local_runs, spark_runs, form):
    l_rc, l_rows, l_report, _ = local_runs[form]
    s_rc, s_rows, s_report, _err, _out = spark_runs[form]
    assert len(l_rows) > 200
    assert sorted(row_key(r) for r in s_rows) == sorted(row_key(r) for r in l_rows)
    assert sorted(r["fact_id"] for r in s_rows) == sorted(r["fact_id"] for r in l_rows)
    assert s_rc == l_rc == 1
    for key in ("articles_read", "articles_failed", "articles_with_problems", "facts_written", "bytes_read"):
        assert s_report[key] == l_report[key], key
    assert sorted((p["where"], p["reason"]) for p in s_report["problems"]) == sorted(
        (p["where"], p["reason"]) for p in l_report["problems"])
    assert s_report["fact_columns"] == FACT_COLUMNS and s_report["seconds"] > 0


@spark_mark
@pytest.mark.parametrize("kind", sorted(BAD_TEXTS))
@pytest.mark.parametrize("form", ["folder", "jsonl", "parquet"])
def test_spark_skips_each_bad_record_with_its_reason(spark_runs, form, kind):
    _rc, rows, report, err, _out = spark_runs[form]
    doc = f"bad_{kind}.txt" if form == "folder" else f"bad_{kind}"
    assert BAD_TEXTS[kind][1] in problem_reasons(report)[doc]
    assert doc not in {r["doc"] for r in rows}
    assert any(doc in ln and BAD_TEXTS[kind][1] in ln for ln in err.splitlines())


@spark_mark
def test_spark_reports_bad_jsonl_lines_and_broken_parquet(spark_runs):
    jsonl = spark_runs["jsonl"][2]
    reasons = " | ".join(p["reason"] for p in jsonl["problems"])
    for reason in JSONL_BAD.values():
        assert reason in reasons
    assert "not a readable Parquet file" in problem_reasons(spark_runs["parquet"][2])["broken.parquet"]


@spark_mark
def test_spark_partitions_are_ascii_year_and_province_code(spark_runs):
    _rc, rows, _report, _err, out = spark_runs["folder"]
    dirs = [p for p in (out / "facts").rglob("*") if p.is_dir()]
    assert dirs
    for d in dirs:
        assert d.name.isascii() and re.fullmatch(r"year=\d{4}|region_code=\d{6}", d.name), d.name
    by_region = {(r["region"], r["region_code"]) for r in rows}
    assert ("湖北省", "420000") in by_region and ("武汉市", "420000") in by_region
    assert ("全国", "000000") in by_region
    assert all(r["year"] == int(r["period"][:4]) for r in rows)
    leaves = {p.parent for p in (out / "facts").rglob("*.parquet")}
    assert leaves and all(len(list(d.glob("*.parquet"))) == 1 for d in leaves)  # one file per folder


@spark_mark
def test_spark_cli_end_to_end(archive, tmp_path):
    """``python -m extract SRC -o OUT --engine spark``: exit code, facts/ and run_report.json, no traceback."""
    proc = subprocess.run([sys.executable, "-m", "extract", str(archive["jsonl"]), "-o", str(tmp_path / "out"),
                           "--engine", "spark", "--master", "local[2]"],
                          capture_output=True, text=True, cwd=REPO, timeout=600)
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    report = json.loads((tmp_path / "out" / "run_report.json").read_text(encoding="utf-8"))
    assert report["engine"] == "spark" and report["facts_written"] == facts_dataset(
        tmp_path / "out" / "facts").count_rows() > 200
    assert re.search(r"\d+ facts from \d+ of \d+ articles", proc.stderr)
