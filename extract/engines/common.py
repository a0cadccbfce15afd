"""What every engine shares: the per-article function, the partition keys, and the run report.

``extract_record`` is the one function both engines run on each article. It calls only
``extract.pipeline.extract_article`` (the pipeline's public entry point), so the local process pool and a
Spark executor give the same facts, with the same ``fact_id``s, for the same record.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from extract.columns import FACT_COLUMNS
from extract.sources import Record
from extract.textio import looks_like_html

GAZETTEER = Path(__file__).resolve().parent.parent / "data" / "gazetteer.yaml"
NATION = "全国"
NATION_CODE = "000000"  # GB/T 2260 has no code for the whole country; six zeros keep the width
OTHER_CODE = "990000"  # areas (长三角, 中部地区 …) and anything not in the gazetteer; no province uses 99
MAX_REPORTED_PROBLEMS = 1000  # the report lists the first ones; the counts are always complete

# Parquet types of the numeric fact columns; every other column (including ones the pipeline adds later,
# such as ``why`` or ``rank_of``) is written as a string, as in facts.csv. The column list itself is always
# ``extract.columns.FACT_COLUMNS`` at run time.
NUMERIC_COLUMNS = {"start": "int64", "end": "int64", "confidence": "float64"}


@dataclass
class Outcome:
    doc: str
    origin: str
    rows: list[dict]
    messages: list[str]  # lines for stderr, in the order the folder CLI always printed them
    problems: list[tuple[str, str]]  # (where, reason) for the run report
    skipped: bool  # the record produced nothing because it was refused
    size: int = 0

    @property
    def failed(self) -> bool:
        return self.skipped or bool(self.problems)


def extract_record(rec: Record) -> Outcome:
    """Facts of one record; never raises for bad input (a bad record is a skipped outcome with a reason)."""
    from extract.pipeline import extract_article

    messages = list(rec.messages)
    problems = list(rec.problems)
    if rec.error is not None or rec.text is None:
        reason = rec.error or "no text"
        return Outcome(rec.doc, rec.origin, [], messages + [f"{rec.origin}: skipped: {reason}"],
                       problems + [(rec.origin, f"skipped: {reason}")], True, rec.size)
    html = looks_like_html(rec.text)
    if html:
        messages.append(f"{rec.origin}: note: HTML page; tags and scripts ignored, offsets index the raw file")
    try:
        rows = extract_article(rec.text, rec.doc, rec.meta, html=html)
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop the corpus
        reason = f"skipped: extractor error ({type(exc).__name__}: {exc})"
        return Outcome(rec.doc, rec.origin, [], messages + [f"{rec.origin}: {reason}"],
                       problems + [(rec.origin, reason)], True, rec.size)
    return Outcome(rec.doc, rec.origin, rows, messages, problems, False, rec.size)


def warm_up() -> None:
    """Load OpenCC, cn2an, jieba with its user dictionary, the gazetteer and the catalogue now (once per process),
    not in the first article."""
    from extract.pipeline import extract_article

    extract_article("湖北：数字经济\n2021年,湖北省数字经济规模达到2.1万亿元。\n", "warm-up")


# ---- partition keys ---------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def region_codes() -> dict[str, str]:
    """Canonical region name -> the six-digit GB/T 2260 code of its province (a city maps to its province)."""
    with open(GAZETTEER, encoding="utf-8") as fh:
        gaz = yaml.safe_load(fh)
    codes = {NATION: NATION_CODE}
    for p in gaz.get("provinces", []):
        if p.get("adcode"):
            codes[p["name"]] = str(p["adcode"])
    for c in gaz.get("cities", []):
        prov = codes.get(c.get("province", ""))
        if prov and c["name"] not in codes:
            codes[c["name"]] = prov
    return codes


def region_code(region: str | None) -> str:
    return region_codes().get(region or "", OTHER_CODE)


def fact_year(row: dict, article_year: int | None) -> int:
    """The year the fact is about (its period's year), else the article's year, else 0."""
    period = str(row.get("period") or "")
    if period[:4].isdigit():
        return int(period[:4])
    return article_year or 0


# ---- the run report --------------------------------------------------------------------------------------

@dataclass
class Tally:
    records: int = 0
    skipped: int = 0
    with_problems: int = 0
    facts: int = 0
    bytes: int = 0
    problems: list[dict] = field(default_factory=list)
    problems_total: int = 0

    def count(self, out: Outcome) -> None:
        """Count one record's outcome; problems are recorded separately (Spark ships them to the driver)."""
        self.records += 1
        self.skipped += out.skipped
        self.with_problems += out.failed
        self.facts += len(out.rows)
        self.bytes += out.size

    def add(self, out: Outcome) -> None:
        self.count(out)
        for where, reason in out.problems:
            self.add_problem(out.doc, where, reason)

    def add_problem(self, doc: str, where: str, reason: str) -> None:
        self.problems_total += 1
        if len(self.problems) < MAX_REPORTED_PROBLEMS:
            self.problems.append({"doc": doc, "where": where, "reason": reason})

    def merge(self, other: Tally) -> None:
        for name in ("records", "skipped", "with_problems", "facts", "bytes"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for p in other.problems:
            self.problems_total += 1
            if len(self.problems) < MAX_REPORTED_PROBLEMS:
                self.problems.append(p)
        self.problems_total += other.problems_total - len(other.problems)


def write_report(path, tally: Tally, *, engine: str, source: str, fmt: str, output: str, seconds: float,
                 extra: dict | None = None) -> dict:
    """``run_report.json``: what was read, what failed and why, what was written, how long it took."""
    report = {
        "engine": engine,
        "source": source,
        "format": fmt,
        "output": output,
        "finished": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "seconds": round(seconds, 3),
        "articles_read": tally.records,
        "articles_extracted": tally.records - tally.skipped,
        "articles_failed": tally.skipped,
        "articles_with_problems": tally.with_problems,
        "facts_written": tally.facts,
        "bytes_read": tally.bytes,
        "problems_total": tally.problems_total,
        "problems": tally.problems,
        "fact_columns": list(FACT_COLUMNS),
    }
    report.update(extra or {})
    text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    if "://" in str(path):
        from pyarrow import fs as pafs

        fs, p = pafs.FileSystem.from_uri(str(path))
        with fs.open_output_stream(p) as fh:
            fh.write(text.encode("utf-8"))
    else:
        from extract.atomic import atomic_open

        with atomic_open(Path(path)) as fh:
            fh.write(text)
    return report


def facts_dataset(path):
    """The Spark engine's ``OUT/facts`` as a ``pyarrow.dataset``, partition keys typed as written.

    Without the explicit schema pyarrow (and DuckDB, Spark) infer ``region_code`` as an integer and
    ``000000`` (全国) comes back as 0."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    partitioning = ds.partitioning(pa.schema([("year", pa.int32()), ("region_code", pa.string())]), flavor="hive")
    return ds.dataset(str(path), format="parquet", partitioning=partitioning)
