"""Command line: extract facts from articles into ``OUT_DIR`` with the local or the Spark engine.

    python -m extract SOURCE -o OUT [--engine local|spark] [--workers N] [--master URL]
                      [--format auto|articles|jsonl|parquet] [--text-col text] [--id-col id] ... [--report]

SOURCE is a folder tree of articles (.txt/.html with optional ``<stem>.yaml`` sidecars), a JSONL file or
folder, or a Parquet file or folder (``extract.sources``). The local engine (default) writes
``OUT/facts.csv`` as it always has: records are processed one at a time (or by a pool of workers, in order),
rows are streamed to a temporary file that replaces ``facts.csv`` only when every record has been handled,
so memory stays flat and an interrupted run leaves the previous ``facts.csv`` untouched. The Spark engine
writes ``OUT/facts/`` (Parquet, partitioned by ``year`` and ``region_code``) and ``OUT/run_report.json``.

Exit codes: 0 all records fine, 1 some record skipped or with a problem (one stderr line each), 2 the source
cannot be read at all, 130 interrupted.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from extract.engines.common import extract_record
from extract.sources import ARTICLE_SUFFIXES, Columns, Record, Source, SourceError, open_source

__all__ = ["ARTICLE_SUFFIXES", "list_articles", "main", "process_file", "run"]


def list_articles(folder: Path) -> list[Path]:
    """Article files directly in ``folder`` (the folder source also reads sub-folders)."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)


def process_file(path: Path) -> tuple[str, list[dict], list[str], bool]:
    """(doc, rows, messages, failed) for one article file; never raises for bad input."""
    path = Path(path)
    src = Source(uri=str(path.parent.resolve()), format="articles", display=str(path.parent))
    sidecar = path.with_suffix(".yaml")
    size = path.stat().st_size if path.exists() else 0
    unit = ("article", str(path.resolve()), str(sidecar.resolve()) if sidecar.exists() else None, size)
    recs = list(src.read_unit(unit))
    out = extract_record(recs[0] if recs else Record(doc=path.name, origin=str(path), error="no record"))
    return out.doc, out.rows, out.messages, out.failed


def run(articles_dir: Path, out_dir: Path, workers: int = 1, stderr=sys.stderr, *, engine: str = "local",
        fmt: str = "auto", columns: Columns | None = None, master: str | None = None, report: bool = False) -> int:
    """Extract ``articles_dir`` (any source) into ``out_dir``; returns the exit code."""
    try:
        source = open_source(articles_dir, fmt, columns)
    except SourceError as exc:
        msg = str(exc)
        if fmt in ("auto", "articles") and "no such file" in msg and engine == "local":
            msg = f"{articles_dir}: not a folder of articles"  # the historic message
        print(msg, file=stderr)
        return 2
    if engine == "spark":
        try:
            from extract.engines.spark import run_spark
        except ImportError as exc:
            print(f"--engine spark needs pyspark (pip install -r requirements-spark.txt): {exc}", file=stderr)
            return 2
        return run_spark(source, out_dir, master=master, stderr=stderr)
    from extract.engines.local import run_local

    return run_local(source, Path(out_dir), workers, stderr, report=report)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m extract", description="Extract regional facts from articles.")
    ap.add_argument("articles", metavar="SOURCE",
                    help="folder tree of article .txt/.html files (with optional <stem>.yaml sidecars), "
                         "or a JSONL / Parquet file or folder of records")
    ap.add_argument("-o", "--out", required=True,
                    help="output folder: facts.csv (local) or facts/ Parquet + run_report.json (spark)")
    ap.add_argument("--engine", choices=("local", "spark"), default="local",
                    help="local process pool (default) or Spark")
    ap.add_argument("--workers", type=int, default=1, help="local engine: parallel worker processes (default 1)")
    ap.add_argument("--master", default=None,
                    help="spark engine: master URL, e.g. local[4] (default: spark-submit's master, else local[2])")
    ap.add_argument("--format", dest="fmt", choices=("auto", "articles", "jsonl", "parquet"), default="auto",
                    help="source format (default: from the file suffix or the files in the folder)")
    ap.add_argument("--report", action="store_true", help="local engine: also write OUT/run_report.json")
    defaults = Columns()
    for name in ("id", "text", "date", "title", "source", "url"):
        ap.add_argument(f"--{name}-col", default=getattr(defaults, name),
                        help=f"JSONL/Parquet field holding the {name} (default {getattr(defaults, name)!r})")
    args = ap.parse_args(argv)
    columns = Columns(id=args.id_col, text=args.text_col, date=args.date_col, title=args.title_col,
                      source=args.source_col, url=args.url_col)
    out = args.out if "://" in args.out else Path(args.out)
    try:
        return run(args.articles, out, max(1, args.workers), engine=args.engine, fmt=args.fmt, columns=columns,
                   master=args.master, report=args.report)
    except KeyboardInterrupt:
        what = "facts.csv" if args.engine == "local" else "output"
        print(f"interrupted; previous {what} left as it was", file=sys.stderr)
        return 130
