"""The local engine: a process pool on this machine, writing ``OUT/facts.csv`` (the CLI's historic behaviour).

Work units (one article file, a byte range of a JSONL file, a Parquet row group) go to ``workers`` forked
processes in order, and their outcomes come back in order, so the output is byte-identical whatever the
number of workers. Rows are streamed to a temporary file that replaces ``facts.csv`` only when every record
has been handled: memory stays flat and an interrupted run leaves the previous ``facts.csv`` untouched.
"""

from __future__ import annotations

import csv
import sys
import time
from collections.abc import Iterable, Iterator
from functools import partial
from multiprocessing import get_context
from pathlib import Path

from extract.atomic import atomic_open, locked, remove_stale_temps
from extract.columns import FACT_COLUMNS
from extract.engines.common import Outcome, Tally, extract_record, write_report
from extract.sources import Source


def unit_outcomes(source: Source, unit: tuple) -> list[Outcome]:
    return [extract_record(rec) for rec in source.read_unit(unit)]


def iter_outcomes(source: Source, units: list[tuple], workers: int = 1) -> Iterator[Outcome]:
    """Outcomes of every record of ``units``, in order."""
    if workers <= 1 or len(units) <= 1:
        for unit in units:
            yield from unit_outcomes(source, unit)
        return
    with get_context("fork").Pool(workers) as pool:
        for outs in pool.imap(partial(unit_outcomes, source), units, chunksize=1):
            yield from outs


def write_facts_csv(outcomes: Iterable[Outcome], out_dir: Path, stderr=sys.stderr) -> tuple[Path, Tally]:
    """Stream the rows of ``outcomes`` into ``out_dir/facts.csv`` atomically, printing each record's messages."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / "facts.csv"
    tally = Tally()
    # One extraction at a time per output folder; a killed earlier run may have left its temp file.
    with locked(out_dir / ".extract.lock",
                on_wait=lambda: print(f"waiting for another extraction into {out_dir}", file=stderr)):
        remove_stale_temps(target)
        with atomic_open(target) as fh:
            writer = csv.DictWriter(fh, fieldnames=FACT_COLUMNS, lineterminator="\n")
            writer.writeheader()
            for out in outcomes:
                for msg in out.messages:
                    print(msg, file=stderr)
                tally.add(out)
                writer.writerows(out.rows)
    return target, tally


def run_local(source: Source, out_dir: Path, workers: int = 1, stderr=sys.stderr,
              report: bool = False) -> int:
    """Extract ``source`` into ``out_dir/facts.csv``; 0 if every record was fine, 1 if any had a problem."""
    t0 = time.perf_counter()
    units, unplanned = source.units()
    outcomes = _chain((extract_record(r) for r in unplanned), iter_outcomes(source, units, workers))
    target, tally = write_facts_csv(outcomes, out_dir, stderr)
    seconds = time.perf_counter() - t0
    print(f"{tally.facts} facts from {tally.records - tally.with_problems} of {tally.records} articles -> {target}",
          file=stderr)
    if report:
        write_report(out_dir / "run_report.json", tally, engine="local", source=source.display,
                     fmt=source.format, output=str(target), seconds=seconds, extra={"workers": workers})
    return 1 if tally.with_problems else 0


def _chain(*iterables):
    for it in iterables:
        yield from it
