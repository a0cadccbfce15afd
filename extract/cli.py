"""Command line: extract facts from a folder of articles into ``OUT_DIR/facts.csv``.

Articles are processed one at a time (or by a pool of workers, in order), and rows are streamed to a
temporary file that replaces ``facts.csv`` only when every article has been handled, so memory stays
flat as the corpus grows and an interrupted run leaves the previous ``facts.csv`` untouched.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Iterator
from multiprocessing import get_context
from pathlib import Path

from extract.atomic import atomic_open, locked, remove_stale_temps
from extract.columns import FACT_COLUMNS
from extract.pipeline import extract_article
from extract.textio import ArticleError, load_article

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


def list_articles(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)


def process_file(path: Path) -> tuple[str, list[dict], list[str], bool]:
    """(doc, rows, messages, failed) for one article; never raises for bad input."""
    try:
        article = load_article(path)
    except ArticleError as exc:
        return path.name, [], [f"{path}: skipped: {exc}"], True
    messages, failed = list(article.notes), article.bad_sidecar
    try:
        rows = extract_article(article.text, path.name, article.meta, html=article.html)
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop the corpus
        return path.name, [], messages + [f"{path}: skipped: extractor error ({type(exc).__name__}: {exc})"], True
    return path.name, rows, messages, failed


def _results(paths: list[Path], workers: int) -> Iterator[tuple[str, list[dict], list[str], bool]]:
    if workers <= 1 or len(paths) <= 1:
        for p in paths:
            yield process_file(p)
        return
    with get_context("fork").Pool(workers) as pool:
        yield from pool.imap(process_file, paths, chunksize=1)


def run(articles_dir: Path, out_dir: Path, workers: int = 1, stderr=sys.stderr) -> int:
    if not articles_dir.is_dir():
        print(f"{articles_dir}: not a folder of articles", file=stderr)
        return 2
    paths = list_articles(articles_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / "facts.csv"
    failures = n_rows = 0
    # One extraction at a time per output folder; a killed earlier run may have left its temp file.
    with locked(out_dir / ".extract.lock",
                on_wait=lambda: print(f"waiting for another extraction into {out_dir}", file=stderr)):
        remove_stale_temps(target)
        with atomic_open(target) as fh:
            writer = csv.DictWriter(fh, fieldnames=FACT_COLUMNS, lineterminator="\n")
            writer.writeheader()
            for _doc, rows, messages, failed in _results(paths, workers):
                for msg in messages:
                    print(msg, file=stderr)
                failures += failed
                writer.writerows(rows)
                n_rows += len(rows)
    print(f"{n_rows} facts from {len(paths) - failures} of {len(paths)} articles -> {target}", file=stderr)
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m extract", description="Extract regional facts from articles.")
    ap.add_argument("articles", type=Path, help="folder of article .txt files (with optional <stem>.yaml sidecars)")
    ap.add_argument("-o", "--out", type=Path, required=True, help="output folder; facts.csv is written there")
    ap.add_argument("--workers", type=int, default=1, help="parallel worker processes (default 1)")
    args = ap.parse_args(argv)
    try:
        return run(args.articles, args.out, max(1, args.workers))
    except KeyboardInterrupt:
        print("interrupted; previous facts.csv left as it was", file=sys.stderr)
        return 130
