"""The extraction CLI on good and bad input: one line per bad file, the rest processed, no traceback."""

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from extract.cli import run
from extract.columns import FACT_COLUMNS

REPO = Path(__file__).resolve().parents[1]
ARTICLES = REPO / "data" / "articles"
GOOD = "湖北：数字经济\n2021年,湖北省数字经济规模达到2.1万亿元,居全国第8位。\n"


def write_corpus(folder: Path) -> None:
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "good.yaml").write_text("date: 2022-11\ntitle: 好文章\n", encoding="utf-8")


def run_cli(folder: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extract", str(folder), "-o", str(out), *extra],
                          capture_output=True, text=True, cwd=REPO, timeout=300)


def read_rows(out: Path) -> list[dict]:
    with open(out / "facts.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


BAD_FILES = {
    "empty.txt": b"",
    "binary.txt": bytes(range(256)) * 40,
    "english.txt": b"The digital economy of Hubei reached 2.1 trillion yuan in 2021. " * 20,
    "numbers.txt": b"123 456 789 2021 3.14\n" * 50,
}


@pytest.mark.parametrize("name, content", BAD_FILES.items())
def test_bad_article_gets_one_line_and_others_still_processed(tmp_path, name, content):
    folder = tmp_path / "articles"
    write_corpus(folder)
    (folder / name).write_bytes(content)
    proc = run_cli(folder, tmp_path / "out")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if name in ln]
    assert len(lines) == 1 and "skipped" in lines[0]
    assert {r["doc"] for r in read_rows(tmp_path / "out")} == {"good.txt"}


@pytest.mark.parametrize(
    "sidecar, message",
    [
        ("date: [2022-11\n", "malformed YAML"),
        ("date: !!python/object/apply:os.system ['echo pwned']\n", "refused YAML tag"),
        ("date: 2022-13\n", "no such month"),
        ("date: yesterday\n", "is not YYYY"),
    ],
)
def test_bad_sidecar_is_reported_and_article_still_extracted(tmp_path, sidecar, message):
    folder = tmp_path / "articles"
    write_corpus(folder)
    (folder / "good.yaml").write_text(sidecar, encoding="utf-8")
    proc = run_cli(folder, tmp_path / "out")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and "pwned" not in proc.stdout
    assert any("good.yaml" in ln and message in ln for ln in proc.stderr.splitlines())
    assert [r["value_raw"] for r in read_rows(tmp_path / "out")] == ["2.1", "8"]


def test_gb18030_and_html_articles_are_read(tmp_path):
    folder = tmp_path / "articles"
    write_corpus(folder)
    (folder / "gbk.txt").write_bytes(GOOD.replace("湖北", "湖南").encode("gb18030"))
    html = "<html><body><script>var x = 99;</script><p>浙江：数字经济</p><p>2021年,浙江省数字经济规模达到3.57万亿元。</p></body></html>"
    (folder / "page.html").write_text(html, encoding="utf-8")
    proc = run_cli(folder, tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    rows = read_rows(tmp_path / "out")
    by_doc = {r["doc"]: r for r in rows if r["kind"] == "actual"}
    assert by_doc["gbk.txt"]["region"] == "湖南省"
    assert by_doc["page.html"]["region"] == "浙江省" and by_doc["page.html"]["value_raw"] == "3.57"
    raw = (folder / "page.html").read_text(encoding="utf-8")
    r = by_doc["page.html"]
    assert raw[int(r["start"]):int(r["end"])] == "3.57"
    assert all(r["value_raw"] != "99" for r in rows)
    assert any("page.html" in ln and "HTML" in ln for ln in proc.stderr.splitlines())
    assert any("gbk.txt" in ln and "GB18030" in ln for ln in proc.stderr.splitlines())


def test_mixed_encodings_are_read_line_by_line(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    raw = "湖北：数字经济\n".encode() + "2021年,湖北省数字经济规模达到2.1万亿元。\n".encode("gb18030")
    (folder / "mixed.txt").write_bytes(raw)
    proc = run_cli(folder, tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    assert any("mixed.txt" in ln and "mixed encodings" in ln for ln in proc.stderr.splitlines())
    assert [r["region"] for r in read_rows(tmp_path / "out")] == ["湖北省"]


def test_oversized_article_is_refused(tmp_path, monkeypatch):
    folder = tmp_path / "articles"
    write_corpus(folder)
    big = folder / "big.txt"
    with open(big, "w", encoding="utf-8") as fh:
        fh.write(GOOD * 500_000)  # about 50 MB
    proc = run_cli(folder, tmp_path / "out")
    assert proc.returncode == 1
    assert any("big.txt" in ln and "too large" in ln for ln in proc.stderr.splitlines())
    assert {r["doc"] for r in read_rows(tmp_path / "out")} == {"good.txt"}


def test_output_is_byte_identical_across_runs_and_workers(tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(ARTICLES, folder)
    assert run(folder, tmp_path / "a", workers=1) == 0
    assert run(folder, tmp_path / "b", workers=2) == 0
    a = (tmp_path / "a" / "facts.csv").read_bytes()
    assert a == (tmp_path / "b" / "facts.csv").read_bytes()
    header = a.decode("utf-8").splitlines()[0].split(",")
    assert header == FACT_COLUMNS


def test_shipped_extraction_is_current(tmp_path):
    """data/extracted/facts.csv is what the extractor makes of data/articles today."""
    assert run(ARTICLES, tmp_path, workers=1) == 0
    assert (tmp_path / "facts.csv").read_bytes() == (REPO / "data" / "extracted" / "facts.csv").read_bytes()


def test_offsets_and_quotes_hold_on_shipped_articles():
    for r in read_rows(REPO / "data" / "extracted"):
        text = (ARTICLES / r["doc"]).read_text(encoding="utf-8")
        s, e = int(r["start"]), int(r["end"])
        number = text[s:e]
        assert number.lstrip("-").replace(",", "") and number in r["quote"], r
        assert r["quote"] in text.replace("\n", " "), r


def test_killed_extraction_leaves_previous_facts_intact(tmp_path):
    """SIGKILL in the middle of a run: facts.csv is still the previous, complete file."""
    import signal
    import time

    folder = tmp_path / "articles"
    folder.mkdir()
    seed = (ARTICLES / "001_65f858969d164425.txt").read_text(encoding="utf-8")
    for i in range(400):  # long enough that the kill lands while rows are being written
        (folder / f"a{i:04d}.txt").write_text(seed, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    previous = "fact_id,doc\nkeep,me.txt\n"
    (out / "facts.csv").write_text(previous, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "extract", str(folder), "-o", str(out)], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline and not any(p.name.endswith(".tmp") for p in out.iterdir()):
        time.sleep(0.02)  # wait until the temporary output exists, i.e. the run is writing
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert (out / "facts.csv").read_text(encoding="utf-8") == previous
    # the next run cleans up and replaces the file completely
    assert run(folder.parent / "articles", out) == 0
    rows = read_rows(out)
    assert len({r["doc"] for r in rows}) == 400
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]  # the killed run's temp file is gone
