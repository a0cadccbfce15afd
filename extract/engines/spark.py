"""The Spark engine: the local engine's per-article function in ``mapPartitions``, Parquet out.

- The driver only plans: it lists files and reads Parquet footers (``Source.units()``), and parallelises that
  list of small work units. Executors open and read the archive themselves (``Source.read_unit``), so no
  article text is collected to, or shipped from, the driver.
- Each partition warms the extractor once (OpenCC, cn2an, the gazetteer, the indicator catalogue and the
  compiled patterns; cached per Python worker, which Spark reuses) and then runs ``extract_record`` - the very function the local engine runs -
  on every record.
- Facts go to ``OUT/facts/year=YYYY/region_code=NNNNNN/part-*.parquet`` (ASCII partition names: the
  province's GB/T 2260 code, ``000000`` for 全国, ``990000`` for areas and unknown regions), with the columns
  of ``extract.columns.FACT_COLUMNS`` at run time. Bad records become problems in ``OUT/run_report.json``;
  they never fail the job.
- Plain RDD ``mapPartitions`` and ``createDataFrame`` with an explicit schema: no pandas UDFs (PySpark does
  not fully support pandas 3, which the project pins).
"""

from __future__ import annotations

import os
import sys
import time
import warnings
from functools import partial
from pathlib import Path

from extract.columns import FACT_COLUMNS
from extract.engines.common import (
    NUMERIC_COLUMNS,
    Tally,
    extract_record,
    fact_year,
    region_code,
    warm_up,
    write_report,
)
from extract.sources import Source

REPO_ROOT = Path(__file__).resolve().parents[2]  # the folder that holds the ``extract`` package
MAX_PRINTED_PROBLEMS = 50
_warm = False


def under_spark_submit() -> bool:
    """True when this driver was started by ``spark-submit`` (which then owns the master and the config)."""
    return "PYSPARK_GATEWAY_PORT" in os.environ


def session(master: str | None = "local[2]", app_name: str = "extract-facts", conf: dict | None = None):
    """A SparkSession. ``master=None``: the one ``spark-submit`` was given, else ``local[2]``.

    Local masters run Python workers with this interpreter and bind to 127.0.0.1 with the web UI off; on a
    cluster, ``spark-submit`` settings apply (docs/scale-out.md)."""
    if master is None and not under_spark_submit():
        master = "local[2]"
    local = master is not None and master.startswith("local")
    if local:
        # Python workers must be this venv's interpreter and find this package (not python3 from PATH).
        os.environ["PYSPARK_PYTHON"] = sys.executable
        os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        path = os.environ.get("PYTHONPATH", "")
        if str(REPO_ROOT) not in path.split(os.pathsep):
            os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), path) if p)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*pandas >= 3.0.0.*")  # no pandas APIs are used here
        from pyspark.sql import SparkSession

        builder = SparkSession.builder.appName(app_name)
        if master is not None:
            builder = builder.master(master)
        if local or not under_spark_submit():
            builder = builder.config("spark.ui.enabled", "false")
        builder = (builder
                   .config("spark.ui.showConsoleProgress", "false")
                   .config("spark.sql.sources.partitionOverwriteMode", "static"))
        if local:
            builder = (builder.config("spark.driver.host", "127.0.0.1")
                       .config("spark.driver.bindAddress", "127.0.0.1")
                       .config("spark.sql.shuffle.partitions", "2"))
        for key, value in (conf or {}).items():
            builder = builder.config(key, value)
        spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def fact_schema():
    """Spark schema of the output: FACT_COLUMNS as of now (numeric ones typed), then the partition keys."""
    from pyspark.sql import types as T

    typed = {"int64": T.LongType(), "float64": T.DoubleType()}
    fields = [T.StructField(c, typed.get(NUMERIC_COLUMNS.get(c, ""), T.StringType()), True) for c in FACT_COLUMNS]
    fields += [T.StructField("year", T.IntegerType(), False), T.StructField("region_code", T.StringType(), False)]
    return T.StructType(fields)


def _cell(value, kind: str | None):
    if value is None or value == "":
        return None
    if kind == "int64":
        return int(value)
    if kind == "float64":
        return float(value)
    return str(value)


def extract_partition(source: Source, columns: list[str], units):
    """mapPartitions body: ("f", fact tuple) per fact, ("p", doc, where, reason) per problem, one ("s", tally)."""
    global _warm
    if not _warm:
        warm_up()
        _warm = True
    kinds = [NUMERIC_COLUMNS.get(c) for c in columns]
    tally = Tally()
    for unit in units:
        for rec in source.read_unit(unit):
            out = extract_record(rec)
            tally.count(out)
            for where, reason in out.problems:
                yield ("p", out.doc, where, reason)
            year_fallback = rec.meta.year
            for row in out.rows:
                cells = tuple(_cell(row.get(c), k) for c, k in zip(columns, kinds, strict=True))
                yield ("f", cells + (fact_year(row, year_fallback), region_code(row.get("region"))))
    yield ("s", tally.records, tally.skipped, tally.with_problems, tally.facts, tally.bytes)


def run_spark(source: Source, out_dir: str | Path, master: str | None = None, spark=None, stderr=sys.stderr,
              partitions: int | None = None) -> int:
    """Extract ``source`` into ``out_dir/facts/`` (Parquet) and ``out_dir/run_report.json``.

    Returns 0 if every record was fine, 1 if any was skipped or had a problem (as the local engine)."""
    from pyspark import StorageLevel

    t0 = time.perf_counter()
    own = spark is None
    if own:
        spark = session(master)
    started = time.perf_counter()
    sc = spark.sparkContext
    out = str(out_dir)
    if "://" not in out:
        Path(out).mkdir(parents=True, exist_ok=True)
        out = str(Path(out).resolve())
    facts_path = f"{out.rstrip('/')}/facts"
    try:
        units, unplanned = source.units()
        tally = Tally()
        for rec in unplanned:
            tally.add(extract_record(rec))
        columns = list(FACT_COLUMNS)
        n_slices = max(1, min(len(units), partitions or sc.defaultParallelism * 4))
        tagged = (sc.parallelize(units, n_slices)
                  .mapPartitions(partial(extract_partition, source, columns))
                  .persist(StorageLevel.MEMORY_AND_DISK))
        facts = tagged.filter(lambda t: t[0] == "f").map(lambda t: t[1])
        df = spark.createDataFrame(facts, fact_schema(), verifySchema=False)
        # One shuffle so that each year/region_code folder gets one file (capped at a million rows), rather
        # than one small file per task and folder (4,295 files for 550k facts in the 200 MB bench without it).
        (df.repartition("year", "region_code").write.mode("overwrite")
         .option("maxRecordsPerFile", 1_000_000)
         .partitionBy("year", "region_code").parquet(facts_path))
        side = tagged.filter(lambda t: t[0] != "f").collect()  # problems and per-partition counts: small
        tagged.unpersist()
        for item in side:
            if item[0] == "s":
                part = Tally(*item[1:6])
                tally.merge(part)
            else:
                tally.add_problem(*item[1:4])
        seconds = time.perf_counter() - t0
        for p in tally.problems[:MAX_PRINTED_PROBLEMS]:
            print(f"{p['where']}: {p['reason']}", file=stderr)
        if tally.problems_total > MAX_PRINTED_PROBLEMS:
            print(f"... and {tally.problems_total - MAX_PRINTED_PROBLEMS} more problems (run_report.json)",
                  file=stderr)
        write_report(f"{out.rstrip('/')}/run_report.json", tally, engine="spark", source=source.display,
                     fmt=source.format, output=facts_path, seconds=seconds,
                     extra={"master": sc.master, "partitions": n_slices, "units": len(units),
                            "session_start_seconds": round(started - t0, 3)})
        print(f"{tally.facts} facts from {tally.records - tally.with_problems} of {tally.records} articles "
              f"-> {facts_path}", file=stderr)
        return 1 if tally.with_problems else 0
    finally:
        if own:
            spark.stop()
