"""The app over an extracted archive (``python -m extract SRC -o OUT``): DuckDB over OUT/facts/**/*.parquet.

    DASHBOARD_ARCHIVE=OUT streamlit run app.py        or        streamlit run app.py -- --archive OUT

An ``ArchiveDataset`` looks like a ``Dataset`` to the pages (indicators, articles, regions, signature) but holds
no facts table: ``facts`` is an empty frame with the columns. What the pages need comes from DuckDB, where
the archive is read once per process (``all_facts``), and from tables built from it when it is opened:
``best_facts`` (the best fact of every region/indicator/kind/period/unit/series/rank pool, with ``n_key``, the
number of facts it stands for: about a tenth of the facts), ``ranks`` (every region's computed ranks) and a
summary of facts per indicator/kind/level/period (the select boxes' options).

- small aggregates (headline, indicator list, regions with data, periods, kinds, the newest facts, the
  article list, ranks, coverage) are SQL over the whole archive or look-ups in those tables (``QUERIES``);
- a page scoped to one indicator or region (``scoped``) fetches nothing until it reads ``facts`` or asks a
  per-indicator or per-region question; then the app's own pandas queries run on a *compact slice*
  (``compact``): the scope's best facts only, with ``n_key`` so that counts stay counts of facts. The largest
  indicator of a million facts is 226,018 facts but about 22,000 best facts, and one kind of it a few
  thousand; a region a few thousand. Slices are cached per process (``st.cache_resource``);
- an article's page reads every fact of the article (``full_slice``), each marked best or not;
- with a sidebar filter (reviewed only, a confidence threshold) the best facts are chosen again among the
  facts passing it, in SQL, per query (``compact_sql``, ``_with_best``).
Nothing loads all rows into pandas.

The archive layout (docs/scale-out.md §5): ``facts/year=YYYY/region_code=NNNNNN/*.parquet`` with the columns of
``extract.columns.FACT_COLUMNS`` (``value`` as written, a string), no ``status`` (nothing is reviewed; a
``status`` column is used when a review pass wrote one). An optional ``docs/*.parquet`` (doc, title, date,
source, url) gives article titles and dates; without it articles are named by their id and have no date.
Indicator and region metadata come from the extractor's catalogue and gazetteer, as ``curate.build`` writes them.

The "best fact" rule is the app's (dashboard.data.best_mask): reviewed first, then confidence, then the newer
article; ties go to the smaller ``fact_id`` here and in the slices (fetched in ``fact_id`` order), so SQL and
pandas pick the same fact.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import threading
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard import queries as _q
from dashboard.data import (
    COLUMNS,
    KINDS,
    OPTIONAL_COLUMNS,
    Dataset,
    DatasetError,
    _complete_regions,
    add_period_dates,
    best_mask,
    period_key,
    series_of,
    sort_periods,
    type_fact_columns,
)
from dashboard.i18n import source_label

ENV = "DASHBOARD_ARCHIVE"
MEMORY_LIMIT = "500MB"  # DuckDB's share of the server's memory
ARTICLE_LIST_LIMIT = 1000  # the Sources page lists the newest articles of an archive, not 50,000 of them
REVIEWED = ("accepted", "edited", "added")
CATEGORICAL = ("region", "region_level", "indicator", "kind", "unit", "status", "doc", "period")


def archive_dir() -> Path | None:
    """The archive the app opens: ``DASHBOARD_ARCHIVE`` (set by ``app.py -- --archive OUT`` too), else None."""
    env = os.environ.get(ENV, "").strip()
    return Path(env).expanduser() if env else None


def archive_signature(path: str | os.PathLike) -> tuple:
    """(files, bytes, newest mtime) of the archive's Parquet files: the cache key, so a new run is picked up."""
    p = Path(path)
    sig: list[Any] = [str(p.resolve())]
    for sub in ("facts", "docs"):
        n = size = newest = 0
        for f in (p / sub).rglob("*.parquet") if (p / sub).is_dir() else ():
            s = f.stat()
            n, size, newest = n + 1, size + s.st_size, max(newest, s.st_mtime_ns)
        sig.append((sub, n, size, newest))
    with contextlib.suppress(OSError):
        s = (p / "facts.csv").stat()
        sig.append(("facts.csv", s.st_size, s.st_mtime_ns))
    return tuple(sig)


@dataclasses.dataclass(eq=False)
class ArchiveDataset:
    """An extracted archive, opened. Queries go through ``sql``; see the module docstring."""

    path: str
    con: Any  # duckdb connection with the views facts / docs (one per process and archive)
    indicators: dict[str, dict[str, Any]]
    articles: dict[str, dict[str, Any]]
    regions: dict[str, dict[str, Any]]
    n_facts_all: int
    has_status: bool
    partitioned: bool = True  # facts/year=…/region_code=… (Spark); False: one facts.csv (local engine)
    warnings: list[str] = dataclasses.field(default_factory=list)
    # facts per indicator/kind/level/period (and regions), the whole archive: the select boxes' options
    summary: pd.DataFrame | None = None
    signature: tuple = ()
    reviewed_only: bool = False
    min_confidence: float = 0.0
    # (indicator, region, doc) once ``scoped``: the pages' queries still run in SQL over the whole archive, and
    # ``facts`` is that scope's compact slice, fetched (once per process) only when something reads it
    scope: tuple = ()
    _slice: Any = dataclasses.field(default=None, init=False, repr=False, compare=False)  # materialize's memo
    is_archive = True

    @property
    def data_dir(self) -> str:
        return self.path

    @property
    def facts(self) -> pd.DataFrame:
        """Unscoped: no facts table in memory, an empty frame with the columns (use ``scoped`` or the SQL
        queries). Scoped: the scope's facts (see ``scoped``)."""
        if self.scope:
            return materialize(self).facts
        return _empty_facts()

    @property
    def filter_signature(self) -> tuple:
        """The signature without the scope: archive files and sidebar filters (the key of the slice caches)."""
        return self.signature[:-1] if self.scope else self.signature

    def where(self, alias: str = "") -> str:
        """The sidebar filters as SQL (numbers and fixed words only: nothing from a user goes in as text)."""
        a = f"{alias}." if alias else ""
        out = []
        if self.min_confidence > 0:
            out.append(f"coalesce({a}confidence, 0) >= {float(self.min_confidence):.6f}")
        if self.reviewed_only:
            out.append(f"{a}status IN ('accepted', 'edited', 'added')")
        return " AND ".join(out) or "TRUE"

    def sql(self, query: str, params: list | None = None) -> pd.DataFrame:
        """Run ``query`` on a cursor of its own (DuckDB connections are not shared across threads)."""
        cur = self.con.cursor()
        try:  # through Arrow: three to four times faster than .df() for text columns
            return cur.sql(query, params=params or None).to_arrow_table().to_pandas()
        finally:
            cur.close()


def is_archive(ds) -> bool:
    return bool(getattr(ds, "is_archive", False))


def _empty_facts() -> pd.DataFrame:  # a new frame: callers may add columns
    cols = [*COLUMNS, *OPTIONAL_COLUMNS, "period_key", "period_date", "year", "doc_date", "series", "is_best"]
    return pd.DataFrame({c: pd.Series(dtype="float64" if c in ("value", "confidence") else "object") for c in cols})


_NO_FACTS = _empty_facts()  # shared and never mutated: "nothing here"


# ---------------------------------------------------------------------------------------------------------
# opening
def _glob(path: Path, sub: str) -> str:
    return str(path / sub / "**" / "*.parquet").replace("'", "''")


def open_archive(path: str | os.PathLike) -> ArchiveDataset:
    """Open the archive at ``path`` (no Streamlit here). Raises DatasetError with a readable message."""
    import duckdb

    p = Path(path)
    if not p.is_dir():
        raise DatasetError("the archive folder does not exist", p)
    parquet = (p / "facts").is_dir() and any((p / "facts").rglob("*.parquet"))
    if not parquet and not (p / "facts.csv").is_file():
        raise DatasetError("has no facts/**/*.parquet or facts.csv (is it the output of python -m extract … -o OUT?)", p)
    # Read once per process into DuckDB's own columnar memory (about 125 MB for a million facts; it spills to
    # disk past the limit): an archive is hundreds of small Parquet files, and scanning them again on every
    # query costs seconds. Nothing of it is a pandas frame.
    con = duckdb.connect(config={"memory_limit": MEMORY_LIMIT, "preserve_insertion_order": False})
    con.execute("SET enable_progress_bar = false")
    if parquet:  # --engine spark: facts/year=YYYY/region_code=NNNNNN/*.parquet
        raw = (f"read_parquet('{_glob(p, 'facts')}', hive_partitioning = true, "
               "hive_types = {'year': INTEGER, 'region_code': VARCHAR}, union_by_name = true)")
    else:  # --engine local: one facts.csv, every cell as written
        csv_path = str(p / "facts.csv").replace("'", "''")
        raw = f"read_csv('{csv_path}', header = true, all_varchar = true)"
    cols = set(con.execute(f"SELECT * FROM {raw} LIMIT 0").df().columns)
    missing = [c for c in ("fact_id", "doc", "region", "indicator", "kind", "value", "period") if c not in cols]
    if missing:
        raise DatasetError(f"the facts lack the column(s) {', '.join(missing)}", p / "facts")
    has_status = "status" in cols
    opt = {c: (f"coalesce(CAST({c} AS VARCHAR), '')" if c in cols else "''")
           for c in ("region_level", "subject", "value_raw", "unit_raw", "unit", "qualifier", "period_basis", "quote",
                     "rank_of", "why")}
    status = ("CASE WHEN status IN ('accepted', 'edited', 'added') THEN status ELSE 'unreviewed' END"
              if has_status else "'unreviewed'")
    note = "coalesce(CAST(note AS VARCHAR), '')" if "note" in cols else "''"
    num = {c: (f"TRY_CAST(\"{c}\" AS {t})" if c in cols else "NULL") for c, t in
           (("start", "BIGINT"), ("end", "BIGINT"), ("confidence", "DOUBLE"))}
    con.execute(f"""CREATE TABLE raw_facts AS SELECT
        CAST(fact_id AS VARCHAR) AS fact_id, CAST(doc AS VARCHAR) AS doc, CAST(region AS VARCHAR) AS region,
        {opt['region_level']} AS region_level, CAST(indicator AS VARCHAR) AS indicator, {opt['subject']} AS subject,
        CAST(kind AS VARCHAR) AS kind, {opt['value_raw']} AS value_raw, {opt['unit_raw']} AS unit_raw,
        TRY_CAST(value AS DOUBLE) AS value, {opt['unit']} AS unit, {opt['qualifier']} AS qualifier,
        CAST(period AS VARCHAR) AS period, {opt['period_basis']} AS period_basis, {opt['quote']} AS quote,
        coalesce({num['start']}, -1) AS start, coalesce({num['end']}, -1) AS "end", {num['confidence']} AS confidence,
        {status} AS status, {note} AS note, {opt['rank_of']} AS rank_of, {opt['why']} AS why,
        {"year" if "year" in cols else "NULL::INTEGER AS year"},
        {"region_code" if "region_code" in cols else "NULL::VARCHAR AS region_code"}
        FROM {raw}""")

    # periods and series are the app's own Python rules, applied to the distinct values (a few hundred)
    periods = [r[0] for r in con.execute("SELECT DISTINCT period FROM raw_facts WHERE period IS NOT NULL").fetchall()]
    keys = {pp: period_key(pp) for pp in periods}
    con.execute("CREATE TABLE period_keys (period VARCHAR, period_key BIGINT)")
    good = [(pp, k) for pp, k in keys.items() if k >= 0]
    if good:
        con.executemany("INSERT INTO period_keys VALUES (?, ?)", good)
    indicators = _indicator_meta()
    pairs = con.execute("SELECT DISTINCT indicator, subject FROM raw_facts").fetchall()
    con.execute("CREATE TABLE series_map (indicator VARCHAR, subject VARCHAR, series VARCHAR)")
    if pairs:
        con.executemany("INSERT INTO series_map VALUES (?, ?, ?)",
                        [(i, s, series_of(indicators, i, s)) for i, s in pairs])

    docs_dir = p / "docs"
    if docs_dir.is_dir() and any(docs_dir.rglob("*.parquet")):
        con.execute(f"""CREATE TABLE docs AS SELECT CAST(doc AS VARCHAR) AS doc,
            coalesce(CAST(title AS VARCHAR), '') AS title, coalesce(CAST(date AS VARCHAR), '') AS date,
            coalesce(CAST(source AS VARCHAR), '') AS source, coalesce(CAST(url AS VARCHAR), '') AS url
            FROM read_parquet('{_glob(p, 'docs')}', union_by_name = true)""")
    else:
        con.execute("CREATE TABLE docs (doc VARCHAR, title VARCHAR, date VARCHAR, source VARCHAR, url VARCHAR)")
    kinds = ", ".join(f"'{k}'" for k in KINDS)
    con.execute(f"""CREATE TABLE all_facts AS SELECT f.*, pk.period_key, coalesce(d.date, '') AS doc_date,
        coalesce(sm.series, '') AS series,
        CASE WHEN f.status = 'unreviewed' THEN 1 ELSE 0 END AS status_rank
        FROM raw_facts f JOIN period_keys pk USING (period)
        LEFT JOIN docs d ON d.doc = f.doc
        LEFT JOIN series_map sm ON sm.indicator = f.indicator AND sm.subject = f.subject
        WHERE f.kind IN ({kinds}) AND f.fact_id IS NOT NULL AND f.value IS NOT NULL""")

    # The best fact of every key with how many facts the key has (n_key), chosen once for the whole archive
    # (no sidebar filter): about a tenth of the facts. Pages read what they draw from here (``compact``).
    con.execute(f"""CREATE TABLE best_facts AS SELECT *, count(*) OVER (PARTITION BY {BEST_KEYS}) AS n_key
        FROM all_facts QUALIFY row_number() OVER (PARTITION BY {BEST_KEYS} ORDER BY {BEST_ORDER}) = 1
        ORDER BY indicator, region, kind, fact_id""")
    # Every region's computed rank (dashboard.queries.computed_ranks): among the best actual facts of its level,
    # per indicator, series, period and unit (two or more regions); looked up per region.
    con.execute("""CREATE TABLE ranks AS WITH p AS (
            SELECT *, count(*) OVER k AS n, rank() OVER (k ORDER BY value DESC) AS rnk
            FROM best_facts WHERE kind = 'actual' AND indicator <> 'other'
            WINDOW k AS (PARTITION BY region_level, indicator, series, period, unit))
        SELECT region, indicator, series, period, rnk AS rank, n, value, unit, fact_id, period_key FROM p
        WHERE n >= 2 ORDER BY region""")
    # What the select boxes offer (kinds, periods, the fullest period, indicators by facts): a few thousand rows
    summary = con.execute("""SELECT indicator, kind, region_level, period, max(period_key) AS period_key,
        count(*) AS n, count(DISTINCT region) AS regions FROM all_facts GROUP BY ALL""").df()

    warnings = []
    n_raw = con.execute("SELECT count(*) FROM raw_facts").fetchone()[0]
    n_all = con.execute("SELECT count(*) FROM all_facts").fetchone()[0]
    n_bad = n_raw - n_all
    con.execute("DROP TABLE raw_facts")
    if n_bad:
        warnings.append(f"{n_bad:,} fact(s) with a malformed period, an unknown kind or no value were left out")
    articles = {d: {"title": t, "date": dt, "source": s, "url": u}
                for d, t, dt, s, u in con.execute("SELECT doc, title, date, source, url FROM docs").fetchall()}
    if not articles:
        warnings.append("no docs/*.parquet in the archive: articles are named by their id and have no date")
    names = con.execute("SELECT DISTINCT region, region_level FROM all_facts").df()
    regions = _region_meta(names)
    return ArchiveDataset(path=str(p), con=con, indicators=indicators, articles=articles, regions=regions,
                          n_facts_all=int(n_all), has_status=has_status, partitioned=parquet, warnings=warnings,
                          summary=summary,
                          signature=("archive", *archive_signature(p)))


def _indicator_meta() -> dict[str, dict]:
    try:
        from curate.build import indicator_meta
        from extract import refdata

        return indicator_meta(refdata.load_catalogue(), refdata.load_categories())
    except Exception:  # the catalogue is optional for the app: ids are shown as they are
        return {"other": {"zh": "其他", "en": "Other"}}


def _region_meta(names: pd.DataFrame) -> dict[str, dict]:
    known: dict[str, dict] = {}
    try:
        from curate.build import region_meta
        from extract import refdata

        gaz = refdata.load_regions()
        known = region_meta([n for n in names["region"].astype(str) if n in gaz], gaz)
    except Exception:
        known = {}
    frame = pd.DataFrame({"region": names["region"].astype(str), "region_level": names["region_level"].astype(str)})
    return _complete_regions(known, frame)


# ---------------------------------------------------------------------------------------------------------
# filters: the same two on the shipped dataset and on an archive
def with_filters(ds, reviewed_only: bool, min_confidence: float):
    """The dataset as the sidebar filters see it (the same object when no filter is on)."""
    min_confidence = float(min_confidence or 0.0)
    if not reviewed_only and min_confidence <= 0:
        return ds
    tag = ("filters", bool(reviewed_only), round(min_confidence, 6))
    if is_archive(ds):
        return dataclasses.replace(ds, reviewed_only=bool(reviewed_only), min_confidence=min_confidence,
                                   signature=(*ds.signature, tag))
    return _filtered_cached(ds.signature, tag, ds)


def filter_frame(df: pd.DataFrame, reviewed_only: bool, min_confidence: float) -> pd.DataFrame:
    """Facts passing the filters, with the best-fact choice made again among them."""
    mask = pd.Series(True, index=df.index)
    if reviewed_only:
        mask &= df["status"].astype(str).isin(REVIEWED)
    if min_confidence > 0:
        mask &= df["confidence"].fillna(0) >= min_confidence - 1e-9
    out = df.loc[mask].reset_index(drop=True)
    for c in CATEGORICAL:
        if c in out.columns and isinstance(out[c].dtype, pd.CategoricalDtype):
            out[c] = out[c].cat.remove_unused_categories()
    out["is_best"] = best_mask(out)
    return out


def filter_dataset(ds: Dataset, reviewed_only: bool, min_confidence: float) -> Dataset:
    tag = ("filters", bool(reviewed_only), round(float(min_confidence), 6))
    return dataclasses.replace(ds, facts=filter_frame(ds.facts, reviewed_only, float(min_confidence)),
                               signature=(*ds.signature, tag))


def _cache_resource(**kw):
    import streamlit as st

    return st.cache_resource(**kw)


@_cache_resource(show_spinner=False, max_entries=8)
def _filtered_cached(signature: tuple, tag: tuple, _ds: Dataset) -> Dataset:
    return filter_dataset(_ds, tag[1], tag[2])


@_cache_resource(show_spinner=False, max_entries=4)
def _open_cached(path: str, signature: tuple) -> ArchiveDataset:
    return open_archive(path)


SIGNATURE_TTL = 5.0  # seconds: how long a rerun trusts the last look at the archive's files
_signatures: dict[str, tuple[float, tuple]] = {}


def load_archive(path: str | os.PathLike) -> ArchiveDataset:
    """The archive, opened once per process, and again when its files change (looked at every
    ``SIGNATURE_TTL`` seconds at most: stat-ing hundreds of Parquet files on every rerun costs ~40 ms)."""
    import time

    key = str(path)
    now = time.monotonic()
    seen = _signatures.get(key)
    if seen is None or now - seen[0] > SIGNATURE_TTL:
        seen = _signatures[key] = (now, archive_signature(path))
    return _open_cached(key, seen[1])


# ---------------------------------------------------------------------------------------------------------
# slices: one indicator / region / article as an ordinary Dataset
SLICE_COLUMNS = [*COLUMNS, *OPTIONAL_COLUMNS, "period_key", "doc_date", "series"]


# dashboard.data.best_mask in SQL: one fact per region/indicator/kind/period/unit/series/rank pool; reviewed
# first, then confidence, then the newer article, then (where pandas keeps file order) the smaller fact_id
BEST_KEYS = "region, indicator, kind, period, unit, series, rank_of"
BEST_ORDER = "status_rank, coalesce(confidence, 0) DESC, doc_date DESC, fact_id"


def _with_best(ds: ArchiveDataset, inner: str, order: str) -> str:
    """Rows of ``inner`` (a SELECT with fact_id) with ``is_best``, chosen among every fact of their region and
    indicator that passes the filters, not only among the rows selected (an article's facts, a page of rows).
    Without a filter: whether the fact is in ``best_facts`` (chosen when the archive was opened)."""
    if ds.where() == "TRUE":
        return f"""WITH s AS ({inner})
            SELECT s.*, b.fact_id IS NOT NULL AS is_best FROM s LEFT JOIN (SELECT fact_id FROM best_facts) b
            ON s.fact_id = b.fact_id ORDER BY {order}"""
    return f"""WITH s AS ({inner}),
        b AS (SELECT f.fact_id, row_number() OVER (PARTITION BY {BEST_KEYS} ORDER BY {BEST_ORDER}) = 1 AS is_best
              FROM all_facts f SEMI JOIN (SELECT DISTINCT region, indicator FROM s) k
                   ON f.region = k.region AND f.indicator = k.indicator
              WHERE {ds.where('f')})
        SELECT s.*, b.is_best FROM s JOIN b USING (fact_id) ORDER BY {order}"""


def _slice_sql(ds: ArchiveDataset, where: str) -> str:
    cols = ", ".join(f'"{c}"' for c in SLICE_COLUMNS)
    return _with_best(ds, f"SELECT {cols} FROM all_facts WHERE {where} AND {ds.where()}", "fact_id")


def finish_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A fetched slice typed and completed as ``parse_dataset`` does (derived columns, best facts, categories)."""
    df = df.copy()
    type_fact_columns(df)
    df["period_key"] = df["period_key"].astype("int64")
    add_period_dates(df)
    df["doc_date"] = df["doc_date"].fillna("").astype(str)
    df["series"] = df["series"].fillna("").astype(str)
    df = df.reset_index(drop=True)
    # chosen in SQL among all the region's and indicator's facts (see _with_best); best_mask when absent
    df["is_best"] = df["is_best"].fillna(False).astype(bool) if "is_best" in df.columns else best_mask(df)
    # Text as plain Python objects, not categories or Arrow strings: a slice is small, and pandas then keeps
    # every text column in one block, so selecting rows is one take instead of one per column (the target
    # verdicts of a region, a dozen row selections per target, run three to four times faster).
    text = [c for c in df.columns if not (pd.api.types.is_numeric_dtype(df[c]) or pd.api.types.is_bool_dtype(df[c])
                                          or pd.api.types.is_datetime64_any_dtype(df[c]))]
    return df.astype({c: object for c in text}).copy()  # copy: consolidate into one block


def fetch(ds: ArchiveDataset, where: str, params: list | None = None) -> pd.DataFrame:
    """Facts matching ``where`` (SQL with ``?`` parameters) and the sidebar filters, completed."""
    return finish_frame(ds.sql(_slice_sql(ds, where), params))


def _scope_where(indicator, region, doc, partitioned: bool = True) -> tuple[str, list]:
    parts, params = [], []
    if indicator is not None:
        # with GDP and population: the fair comparison (per capita, share of GDP) divides by them
        parts.append("indicator IN (?, 'gdp', 'population')")
        params.append(str(indicator))
    if region is not None:
        from extract.engines.common import region_code

        parts.append("region = ?")
        params.append(str(region))
        code = _code_of(region, region_code) if partitioned else None
        if code:  # partition pruning: a region's facts are all in its province's folders
            parts.append("region_code = ?")
            params.append(code)
    if doc is not None:
        parts.append("doc = ?")
        params.append(str(doc))
    return " AND ".join(parts) or "TRUE", params


def _code_of(region: str, region_code) -> str | None:
    try:
        code = region_code(region)
    except Exception:
        return None
    return code if code and code not in ("990000",) else None


@_cache_resource(show_spinner=False, max_entries=12)
def _scoped_cached(signature: tuple, scope: tuple, _ds: ArchiveDataset) -> Dataset:
    """Every fact of one indicator / region / article (for an article's page, a briefing pack's charts)."""
    indicator, region, doc = scope
    where, params = _scope_where(indicator, region, doc, _ds.partitioned)
    facts = fetch(_ds, where, params)
    if region is not None and facts.empty:  # a region filed elsewhere than its province's code (990000)
        facts = fetch(_ds, "region = ?", [str(region)])
    return Dataset(facts=facts, indicators=_ds.indicators, articles=_ds.articles, regions=_ds.regions,
                   data_dir=_ds.path, warnings=[], signature=(*signature, ("scope", *scope)))


def full_slice(ds: ArchiveDataset, indicator: str | None = None, region: str | None = None,
               doc: str | None = None) -> Dataset:
    """Every fact of the scope (not only the best ones), as an in-memory Dataset (shared, never mutated)."""
    return _scoped_cached(ds.filter_signature, (indicator, region, doc), _unscoped(ds))


# compact slices: what a page draws is the best fact of each region/indicator/kind/period/unit/series, never
# the re-reports behind it. A compact slice holds those best facts only, each with ``n_key``, the number of
# facts (passing the filters) it stands for, so counts (dominant unit, facts per cell) stay counts of facts.
# The largest indicator of a million facts is 226,018 facts but 22,000 best facts; one province's kind of it
# a few thousand.
def _in(col: str, vals) -> tuple[str, list]:
    vals = [str(v) for v in vals]
    return f"{col} IN ({', '.join('?' for _ in vals)})", vals


def compact_sql(ds: ArchiveDataset, where: str) -> str:
    """The best fact of every key among the facts matching ``where`` and the sidebar filters, with ``n_key``.
    ``where`` may only test columns that are the same for every fact of a key (indicator, region, its level
    and code, kind, period, unit, series), so each key is whole: its best fact is the one over the archive."""
    cols = ", ".join(f'"{c}"' for c in SLICE_COLUMNS)
    if ds.where() == "TRUE":  # no filter: chosen once when the archive was opened
        inner = f"SELECT {cols}, n_key FROM best_facts WHERE {where}"
    else:
        inner = f"""SELECT {cols}, count(*) OVER (PARTITION BY {BEST_KEYS}) AS n_key FROM all_facts
            WHERE ({where}) AND {ds.where()}
            QUALIFY row_number() OVER (PARTITION BY {BEST_KEYS} ORDER BY {BEST_ORDER}) = 1"""
    return f"SELECT *, TRUE AS is_best FROM ({inner}) ORDER BY fact_id"


@_cache_resource(show_spinner=False, max_entries=48)
def _compact_cached(signature: tuple, spec: tuple, _ds: ArchiveDataset) -> Dataset:
    indicator, region, kinds, levels = spec
    parts, params = [], []
    if indicator is not None:
        # with GDP and population: the fair comparison (per capita, share of GDP) divides by them
        parts.append("indicator IN (?, 'gdp', 'population')" if kinds is None else "indicator = ?")
        params.append(str(indicator))
    if region is not None:
        parts.append("region = ?")
        params.append(str(region))
    for col, vals in (("kind", kinds), ("region_level", levels)):
        if vals is not None:
            cond, p = _in(col, vals)
            parts.append(cond)
            params += p
    facts = finish_frame(_unscoped(_ds).sql(compact_sql(_ds, " AND ".join(parts) or "TRUE"), params))
    facts["n_key"] = facts["n_key"].astype("int64")
    return Dataset(facts=facts, indicators=_ds.indicators, articles=_ds.articles, regions=_ds.regions,
                   data_dir=_ds.path, warnings=[], signature=(*signature, ("compact", *spec)))


def compact(ds: ArchiveDataset, *, indicator: str | None = None, region: str | None = None, kinds=None,
            levels=None) -> Dataset:
    """The best facts (with ``n_key``) of an indicator (with GDP and population unless ``kinds`` is given) and/or
    a region, of the given kinds and region levels, as an in-memory Dataset (shared, never mutated)."""
    spec = (indicator, region, tuple(kinds) if kinds is not None else None,
            tuple(levels) if levels is not None else None)
    return _compact_cached(ds.filter_signature, spec, _unscoped(ds))


def _unscoped(ds: ArchiveDataset) -> ArchiveDataset:
    return dataclasses.replace(ds, scope=(), signature=ds.filter_signature) if ds.scope else ds


def materialize(ds):
    """The in-memory Dataset behind a scoped archive: an article's every fact (its page lists them all), else
    the compact slice of the indicator and/or region. Anything else is returned as it is."""
    if not is_archive(ds) or not ds.scope:
        return ds
    if ds._slice is None:  # once per scoped object (a page run reads .facts many times)
        indicator, region, doc = ds.scope
        ds._slice = (full_slice(ds, indicator, region, doc) if doc is not None
                     else compact(ds, indicator=indicator, region=region))
    return ds._slice


def scoped(ds, *, indicator: str | None = None, region: str | None = None, doc: str | None = None):
    """An archive narrowed to one indicator / region / article: the SQL queries are unchanged (they read the
    whole archive, as the shipped dataset's queries read every fact), the per-indicator and per-region queries
    and ``.facts`` read the scope's compact slice, fetched when first read. Scoping a scoped archive replaces
    its scope. On the shipped dataset: the dataset itself (every page works as before)."""
    if not is_archive(ds):
        return ds
    scope = (indicator, region, doc)
    base = ds.filter_signature
    return dataclasses.replace(ds, scope=scope, signature=(*base, ("scope", *scope)))


# ---------------------------------------------------------------------------------------------------------
# SQL forms of the whole-table queries (same results as dashboard.queries on the same facts)
def _one(ds: ArchiveDataset, query: str, params: list | None = None):
    cur = ds.con.cursor()
    try:
        return cur.execute(query, params or []).fetchone()
    finally:
        cur.close()


def _all(ds: ArchiveDataset, query: str, params: list | None = None) -> list[tuple]:
    cur = ds.con.cursor()
    try:
        return cur.execute(query, params or []).fetchall()
    finally:
        cur.close()


def count_facts(ds) -> tuple[int, int]:
    """(facts, articles) as the sidebar filters see them (on an archive: counted once per process and filter)."""
    if not is_archive(ds):
        return len(ds.facts), int(ds.facts["doc"].nunique())
    return _count_cached(ds.filter_signature, _unscoped(ds))


@_cache_resource(show_spinner=False, max_entries=16)
def _count_cached(signature: tuple, _ds: ArchiveDataset) -> tuple[int, int]:
    n, a = _one(_ds, f"SELECT count(*), count(DISTINCT doc) FROM all_facts WHERE {_ds.where()}")
    return int(n), int(a)


def alternatives_of(ds, fact_id: str) -> pd.DataFrame:
    """dashboard.queries.alternatives_of on an archive: always empty. Conflicting values are marked by the
    curation step (``alternatives``, ``preferred``), which an archive has not been through; its facts are
    shown as reported, each with its review status and confidence."""
    return _NO_FACTS


def headline(ds: ArchiveDataset) -> dict:
    w = ds.where()
    n, regions, docs, inds = _one(ds, f"""SELECT count(*), count(DISTINCT region), count(DISTINCT doc),
        count(DISTINCT indicator) FILTER (WHERE indicator <> 'other') FROM all_facts WHERE {w}""")
    latest = _one(ds, f"""SELECT period FROM all_facts WHERE kind IN ('actual', 'change', 'rank') AND {w}
        ORDER BY period_key DESC LIMIT 1""")
    return {"regions": int(regions), "indicators": int(inds), "facts": int(n), "articles": int(docs),
            "latest": str(latest[0]) if latest else ""}


def indicator_options(ds: ArchiveDataset) -> list[str]:
    rows = _all(ds, f"""SELECT indicator, count(*) AS n FROM all_facts WHERE indicator <> 'other' AND {ds.where()}
        GROUP BY indicator ORDER BY n DESC, indicator""")
    return [r[0] for r in rows]


def map_default_indicator(ds: ArchiveDataset, indicators: list[str]) -> str:
    counts = dict(_all(ds, f"""SELECT indicator, count(DISTINCT region) FROM all_facts
        WHERE region_level = 'province' AND kind = 'actual' AND {ds.where()} GROUP BY indicator"""))
    return max(indicators, key=lambda i: (int(counts.get(i, 0)), i == "digital_economy_scale", -indicators.index(i)))


def regions_with_data(ds: ArchiveDataset, levels=None) -> list[str]:
    cond, params = "", []
    if levels:
        cond = "AND region_level IN (" + ", ".join("?" for _ in levels) + ")"
        params = [str(x) for x in levels]
    names = [r[0] for r in _all(ds, f"SELECT DISTINCT region FROM all_facts WHERE {ds.where()} {cond}", params)]
    order = {"nation": 0, "province": 1, "area": 2, "city": 3}
    return sorted(names, key=lambda r: (order.get(str(ds.regions.get(r, {}).get("level")), 4),
                                        str(ds.regions.get(r, {}).get("adcode", "")), r))


def _summary(ds: ArchiveDataset) -> pd.DataFrame | None:
    """The archive's summary when no sidebar filter is on (it counts every fact), else None: ask DuckDB."""
    return ds.summary if ds.summary is not None and ds.where() == "TRUE" else None


def kinds_for(ds: ArchiveDataset, indicator: str) -> list[str]:
    sm = _summary(ds)
    if sm is not None:
        present = set(sm.loc[sm["indicator"] == indicator, "kind"])
    else:
        present = {r[0] for r in _all(ds, f"SELECT DISTINCT kind FROM all_facts WHERE indicator = ? AND {ds.where()}",
                                      [indicator])}
    return [k for k in ("actual", "change", "target", "rank") if k in present]


def period_options(ds: ArchiveDataset, indicator: str, kind: str = "actual") -> list[str]:
    sm = _summary(ds)
    if sm is not None:
        return sort_periods(set(sm.loc[(sm["indicator"] == indicator) & (sm["kind"] == kind), "period"]))
    rows = _all(ds, f"SELECT DISTINCT period FROM all_facts WHERE indicator = ? AND kind = ? AND {ds.where()}",
                [indicator, kind])
    return sort_periods(r[0] for r in rows)


def best_period(ds: ArchiveDataset, indicator: str, kind: str = "actual", levels=("province",)) -> str | None:
    lv = list(levels or ())
    sm = _summary(ds)
    if sm is not None:  # a region has one level: its regions per period add up over the levels
        m = (sm["indicator"] == indicator) & (sm["kind"] == kind)
        if lv:
            m &= sm["region_level"].isin(lv)
        g = sm.loc[m].groupby("period").agg(k=("period_key", "max"), n=("regions", "sum"))
        rows = list(zip(g.index, g["k"], g["n"], strict=True))
    else:
        cond = ("AND region_level IN (" + ", ".join("?" for _ in lv) + ")") if lv else ""
        rows = _all(ds, f"""SELECT period, max(period_key), count(DISTINCT region) AS n FROM all_facts
            WHERE indicator = ? AND kind = ? {cond} AND {ds.where()} GROUP BY period""", [indicator, kind, *lv])
    if not rows:
        return None
    top = max(r[2] for r in rows)
    return max((r for r in rows if r[2] == top), key=lambda r: r[1])[0]


def newest_facts(ds: ArchiveDataset, n: int = 8) -> pd.DataFrame:
    cols = ", ".join(f'"{c}"' for c in SLICE_COLUMNS)
    order = "doc_date DESC, period_key DESC, start ASC, fact_id"
    df = ds.sql(_with_best(ds, f"""SELECT {cols} FROM all_facts WHERE indicator <> 'other' AND {ds.where()}
        ORDER BY {order} LIMIT {int(n)}""", order))
    return finish_frame(df) if not df.empty else df


def article_summary(ds: ArchiveDataset, lang: str = "zh", limit: int = ARTICLE_LIST_LIMIT) -> pd.DataFrame:
    """The newest ``limit`` articles (described in docs/ or cited by a fact), as dashboard.queries returns them."""
    df = ds.sql(f"""WITH c AS (SELECT doc, count(*) AS n, count(*) FILTER (WHERE status = 'unreviewed') AS unreviewed
                               FROM all_facts WHERE {ds.where()} GROUP BY doc)
        SELECT coalesce(c.doc, d.doc) AS doc, coalesce(d.title, '') AS title, coalesce(d.date, '') AS date,
               coalesce(d.source, '') AS source, coalesce(d.url, '') AS url,
               coalesce(c.n, 0) AS n, coalesce(c.unreviewed, 0) AS unreviewed
        FROM c FULL OUTER JOIN docs d ON c.doc = d.doc
        ORDER BY date DESC, doc DESC LIMIT {int(limit)}""")
    return pd.DataFrame({
        "doc": df["doc"].astype(str).to_numpy(),
        "title": [str(t or d) for t, d in zip(df["title"], df["doc"], strict=True)],
        "date": df["date"].astype(str).to_numpy(),
        "source": [source_label(str(s or ""), lang, "") for s in df["source"]],
        "n": df["n"].astype(int).to_numpy(),
        "unreviewed": df["unreviewed"].astype(int).to_numpy(),
        "url": [_q.safe_url(u) for u in df["url"]],
    })


def computed_ranks(ds: ArchiveDataset, region: str) -> pd.DataFrame:
    """dashboard.queries.computed_ranks in SQL: the best actual fact per region/indicator/series/period/unit of
    the region's level (``compact_sql``: read from the best facts chosen when the archive was opened), ranked
    among the regions reporting the same indicator, series, period and unit (two or more); the region's own
    rows only come back."""
    cols = ["indicator", "series", "period", "rank", "n", "value", "unit", "fact_id"]
    lvl = _one(ds, f"SELECT region_level FROM all_facts WHERE region = ? AND {ds.where()} LIMIT 1", [region])
    if not lvl:
        return pd.DataFrame(columns=cols)
    if ds.where() == "TRUE":  # computed when the archive was opened
        df = ds.sql("SELECT * FROM ranks WHERE region = ?", [region])
    else:
        df = _ranks_filtered(ds, str(lvl[0]), region)
    if df.empty:
        return pd.DataFrame(columns=cols)
    df = df.sort_values(["n", "period_key", "fact_id"], ascending=[False, False, True])
    df = df.drop_duplicates(["indicator", "series"])
    out = pd.DataFrame({
        "indicator": df["indicator"].astype(str), "series": df["series"].astype(str),
        "period": df["period"].astype(str), "rank": df["rank"].astype(int), "n": df["n"].astype(int),
        "value": df["value"].astype(float), "unit": df["unit"].astype(str), "fact_id": df["fact_id"].astype(str),
    })
    return out.sort_values("indicator").reset_index(drop=True)


def _ranks_filtered(ds: ArchiveDataset, level: str, region: str) -> pd.DataFrame:
    """The ``ranks`` table's rows of ``region``, computed among the facts passing the sidebar filters."""
    best = compact_sql(ds, "kind = 'actual' AND region_level = ? AND indicator <> 'other'")
    return ds.sql(f"""WITH b AS ({best}),
        p AS (SELECT *, count(*) OVER k AS n, rank() OVER (k ORDER BY value DESC) AS rnk FROM b
              WINDOW k AS (PARTITION BY indicator, series, period, unit))
        SELECT region, indicator, series, period, rnk AS rank, n, value, unit, fact_id, period_key FROM p
        WHERE n >= 2 AND region = ?""", [level, region])


def data_page(ds: ArchiveDataset, *, indicators=(), regions=(), kinds=(), statuses=(), periods=(), text: str = "",
              limit: int = 5000) -> tuple[pd.DataFrame, int]:
    """(up to ``limit`` matching facts with article title/date/source in the Data page's order, matching count)."""
    parts, params = [ds.where("f")], []
    for col, vals in (("indicator", indicators), ("region", regions), ("kind", kinds), ("status", statuses),
                      ("period", periods)):
        if vals:
            parts.append(f"f.{col} IN (" + ", ".join("?" for _ in vals) + ")")
            params += [str(v) for v in vals]
    if text.strip():
        parts.append("(contains(lower(f.quote), lower(?)) OR contains(lower(f.subject), lower(?)))")
        params += [text.strip(), text.strip()]
    where = " AND ".join(parts)
    total = int(_one(ds, f"SELECT count(*) FROM all_facts f WHERE {where}", params)[0])
    cols = ", ".join(f'f."{c}"' for c in SLICE_COLUMNS)
    order = "region, indicator, kind, period_key, fact_id"
    # the first ``limit`` rows in order from the sort keys alone (a quarter of a million matching facts are not
    # sorted with their quotes attached), then those rows' columns by row id (the table never changes)
    df = ds.sql(_with_best(ds, f"""SELECT {cols}, coalesce(d.title, '') AS title, coalesce(d.date, '') AS date,
        coalesce(d.source, '') AS source FROM all_facts f LEFT JOIN docs d ON d.doc = f.doc
        WHERE f.rowid IN (SELECT f.rowid FROM all_facts f WHERE {where}
                          ORDER BY f.region, f.indicator, f.kind, f.period_key, f.fact_id LIMIT {int(limit)})""",
                           order), params)
    extra = df[["title", "date", "source"]].copy()
    out = finish_frame(df.drop(columns=["title", "date", "source"]))
    for c in ("title", "date", "source"):
        out[c] = extra[c].astype(str).to_numpy()
    return out, total


def data_page_options(ds: ArchiveDataset) -> tuple[list[str], list[str], bool]:
    """(indicators with data, periods newest first, whether any `other` fact exists) for the Data page filters."""
    periods = sort_periods(r[0] for r in _all(ds, f"SELECT DISTINCT period FROM all_facts WHERE {ds.where()}"))[::-1]
    other = bool(_one(ds, f"SELECT count(*) FROM all_facts WHERE indicator = 'other' AND {ds.where()}")[0])
    return indicator_options(ds), periods, other


def coverage_facts(ds: ArchiveDataset) -> Dataset:
    """A compact stand-in for the Coverage page: one row per region/indicator/period (repeated up to 5 times,
    the most any figure counts), every fact passing the sidebar filters counted as known."""
    core = [i for i, m in ds.indicators.items() if m.get("core")]
    if not core:
        return Dataset(facts=_empty_facts(), indicators=ds.indicators, articles={}, regions=ds.regions,
                       data_dir=ds.path, signature=ds.signature)
    marks = ", ".join("?" for _ in core)
    df = ds.sql(f"""SELECT region, region_level, indicator, period, least(count(*), 5) AS n FROM all_facts
        WHERE (indicator IN ({marks}) OR region_level = 'city') AND {ds.where()}
        GROUP BY region, region_level, indicator, period""", core)
    df = df.loc[df.index.repeat(df["n"].astype(int))].drop(columns="n").reset_index(drop=True)
    df["status"] = "accepted"  # internal only: coverage counts reviewed facts, here every fact shown
    df["doc"] = ""
    return Dataset(facts=df, indicators=ds.indicators, articles={}, regions=ds.regions, data_dir=ds.path,
                   signature=ds.signature)


# ---------------------------------------------------------------------------------------------------------
# dispatch for dashboard.cached: SQL for whole-table queries, the pandas query on a slice for the rest
QUERIES = {
    "headline": headline, "indicator_options": indicator_options, "map_default_indicator": map_default_indicator,
    "regions_with_data": regions_with_data, "kinds_for": kinds_for, "period_options": period_options,
    "best_period": best_period, "newest_facts": newest_facts, "article_summary": article_summary,
    "computed_ranks": computed_ranks,
}
BY_INDICATOR = ("series", "coverage", "default_custom_regions")
BY_REGION = ("region_profile",)
_lock = threading.Lock()


def _for_indicator(ds, indicator: str):
    """What a per-indicator query reads: on a region-scoped archive the region's facts of that indicator (a
    region's page asks about that region, once per target), else the indicator's compact slice."""
    if is_archive(ds) and ds.scope and ds.scope[2] is None and ds.scope[1] is not None and ds.scope[0] is None:
        region_slice = materialize(ds)
        parts = _split_cached(region_slice.signature, _unscoped(ds), region_slice)
        return parts.get(indicator) or Dataset(
            facts=region_slice.facts.iloc[0:0], indicators=ds.indicators, articles=ds.articles, regions=ds.regions,
            data_dir=ds.path, signature=(*region_slice.signature, ("indicator", indicator)))
    return compact(ds, indicator=indicator)


@_cache_resource(show_spinner=False, max_entries=16)
def _split_cached(signature: tuple, _ds: ArchiveDataset, _slice: Dataset) -> dict[str, Dataset]:
    """A region's compact slice split by indicator (rows in the same order)."""
    f = _slice.facts
    return {str(ind): Dataset(facts=part, indicators=_ds.indicators, articles=_ds.articles, regions=_ds.regions,
                              data_dir=_ds.path, signature=(*signature, ("indicator", str(ind))))
            for ind, part in f.groupby(f["indicator"].astype(str), sort=False)}


def _region_scope(ds) -> str | None:
    """The region of an archive scoped to one region only, else None."""
    if is_archive(ds) and ds.scope and ds.scope[0] is None and ds.scope[2] is None:
        return ds.scope[1]
    return None


@_cache_resource(show_spinner=False, max_entries=16)
def _targets_cached(signature: tuple, _ds: ArchiveDataset, _slice: Dataset) -> dict:
    """dashboard.queries.actual_vs_target for every target series of a region, from its compact slice in one
    pass: per (indicator, series; for ``other`` the subject) the furthest best target and the latest best actual
    in the target's unit. {(indicator, series key): row}."""
    f = _slice.facts
    if f.empty:
        return {}
    ind = f["indicator"].astype(str)
    f = f.assign(k_ind=ind, k_key=f["subject"].astype(str).where(ind == "other", f["series"].astype(str)),
                 k_unit=f["unit"].astype(str))
    kinds = f["kind"].astype(str)
    last = ["k_ind", "k_key"]
    tg = f.loc[kinds == "target"].sort_values("period_key", kind="stable").drop_duplicates(last, keep="last")
    ac = f.loc[kinds == "actual"].sort_values("period_key", kind="stable").drop_duplicates([*last, "k_unit"], keep="last")
    acts = {(i, k, u): r for i, k, u, r in zip(ac["k_ind"], ac["k_key"], ac["k_unit"], ac.itertuples(index=False), strict=True)}
    out = {}
    for tgt in tg.itertuples(index=False):
        act = acts.get((tgt.k_ind, tgt.k_key, tgt.k_unit))
        progress = None
        if act is not None and tgt.value not in (0, 0.0):
            progress = float(act.value) / float(tgt.value)
        out[(tgt.k_ind, tgt.k_key)] = {
            "region": str(tgt.region), "unit": str(tgt.unit),
            "target_value": float(tgt.value), "target_period": str(tgt.period),
            "target_qualifier": str(tgt.qualifier), "target_fact": str(tgt.fact_id),
            "target_status": str(tgt.status),
            "actual_value": float(act.value) if act is not None else float("nan"),
            "actual_period": str(act.period) if act is not None else "",
            "actual_qualifier": str(act.qualifier) if act is not None else "",
            "actual_fact": str(act.fact_id) if act is not None else "",
            "actual_status": str(act.status) if act is not None else "",
            "progress": progress,
        }
    return out


def actual_vs_target(ds, indicator: str, regions, lang: str = "zh", subject: str | None = None) -> pd.DataFrame:
    """dashboard.queries.actual_vs_target. On an archive scoped to the one region asked about (the region
    page asks once per target series), a look-up in that region's targets, computed once per region."""
    region = _region_scope(ds)
    if region is None or [str(r) for r in regions] != [region]:
        return _q.actual_vs_target(compact(ds, indicator=indicator), indicator, regions, lang, subject)
    if indicator == "other" and subject is None:
        return pd.DataFrame()
    key = subject if indicator == "other" else series_of(ds.indicators, indicator, subject or "")
    region_slice = materialize(ds)
    row = _targets_cached(region_slice.signature, _unscoped(ds), region_slice).get((indicator, key))
    if row is None:
        return pd.DataFrame()
    row = {"region": row["region"], "label": _q.region_label(ds, region, lang), **row}
    return pd.DataFrame([row])


def values_by_region(ds, indicator: str, kind: str = "actual", period: str | None = None, regions=None,
                     levels=("province",), lang: str = "zh") -> _q.Values:
    """dashboard.queries.values_by_region on the best facts of the indicator and kind: a few thousand rows even
    for the largest indicator."""
    sub = compact(ds, indicator=indicator, kinds=(kind,))  # every level: the same slice as facts_for's
    return _q.values_by_region(sub, indicator, kind, period, regions, levels, lang)


def facts_for(ds, indicator: str, kind: str | None = None, levels=None) -> pd.DataFrame:
    """dashboard.queries.facts_for on the best facts of the indicator (of the kind, when given)."""
    sub = compact(ds, indicator=indicator, kinds=(kind,)) if kind else _for_indicator(ds, indicator)
    return _q.facts_for(sub, indicator, kind, levels)


def query(name: str):
    """The function ``dashboard.cached`` calls for ``name`` on an archive."""
    if name in QUERIES:
        return QUERIES[name]
    if name == "values_by_region":
        return values_by_region
    if name == "actual_vs_target":
        return actual_vs_target
    if name == "facts_for":
        return facts_for
    fn = getattr(_q, name)
    if name in BY_INDICATOR:
        return lambda ds, indicator, *a, **k: fn(_for_indicator(ds, indicator), indicator, *a, **k)
    if name in BY_REGION:
        return lambda ds, region, *a, **k: fn(
            materialize(ds) if ds.scope == (None, region, None) else compact(ds, region=region), region, *a, **k)
    return lambda ds, *a, **k: fn(materialize(ds), *a, **k)


def load_app_dataset():
    """What the app shows: the archive of ``DASHBOARD_ARCHIVE`` when set, else the curated dataset."""
    from dashboard.data import load_dataset

    path = archive_dir()
    return load_archive(path) if path is not None else load_dataset()


def has_doc(ds, doc: str) -> bool:
    """Whether ``doc`` is an article of the dataset (described, or cited by a fact passing the filters)."""
    if not doc:
        return False
    if doc in ds.articles:
        return True
    if not is_archive(ds):
        return bool((ds.facts["doc"].astype(str) == doc).any())
    return bool(_one(ds, f"SELECT count(*) FROM all_facts WHERE doc = ? AND {ds.where()}", [doc])[0])


def union(ds, scopes) -> Any:
    """Several slices (``(indicator, region, doc)`` each) as one in-memory Dataset; the dataset itself when it
    is not an archive. Each slice carries its own best-fact marks, which hold in the union too (the best fact
    is chosen among facts of one region and indicator, and a slice holds all of those or none)."""
    if not is_archive(ds):
        return ds
    scopes = sorted(set(scopes), key=str)
    if not scopes:
        ds = _unscoped(ds)
        return Dataset(facts=finish_frame(ds.sql(_slice_sql(ds, "FALSE"))), indicators=ds.indicators,
                       articles=ds.articles, regions=ds.regions, data_dir=ds.path, signature=ds.signature)
    parts = [full_slice(ds, *s).facts for s in scopes]
    if len(parts) == 1:
        facts = parts[0]
    else:
        facts = pd.concat(parts, ignore_index=True)
        facts = facts.drop_duplicates("fact_id").reset_index(drop=True)
    return Dataset(facts=facts, indicators=ds.indicators, articles=ds.articles, regions=ds.regions,
                   data_dir=ds.path, signature=(*ds.signature, ("union", *map(tuple, scopes))))


def pack_scopes(items) -> list[tuple]:
    """The slices a briefing pack's charts read: each chart's indicator (and gdp/population, for the fair
    comparison), else its region."""
    out = []
    for spec in items:
        p = getattr(spec, "params", {}) or {}
        if p.get("indicator"):
            out.append((str(p["indicator"]), None, None))
        elif p.get("region"):
            out.append((None, str(p["region"]), None))
    return out
