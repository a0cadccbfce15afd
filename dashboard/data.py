"""Loading and validating the curated dataset (indicators.csv + metadata.yaml + articles/).

Everything the app shows comes from ``DATA_DIR``: the env var ``DASHBOARD_DATA_DIR`` or ``<repo>/data``.
Files are parsed once per process (``st.cache_data``, keyed by the files' size and mtime, so a rebuilt
dataset is picked up without a restart). Problems that make the data unusable raise ``DatasetError`` with
a message a person can act on; row-level oddities are dropped and reported as warnings instead.

The parsing functions are plain Python (``parse_dataset``) so tests and benchmarks can call them without
Streamlit; ``load_dataset`` is the cached wrapper used by the pages.
"""

from __future__ import annotations

import csv
import functools
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from dashboard.regions import NATION_INFO

REPO_DIR = Path(__file__).resolve().parent.parent
REBUILD_HINT = "make data"

COLUMNS = (
    "fact_id", "doc", "region", "region_level", "indicator", "subject", "kind", "value_raw", "unit_raw",
    "value", "unit", "qualifier", "period", "period_basis", "quote", "start", "end", "confidence", "status",
    "note",
)
# Columns a newer facts table carries; an older file without them reads as if they were empty.
OPTIONAL_COLUMNS = ("rank_of", "why")
# A row without one of these cannot be shown or traced; in a well-formed file they are never empty,
# so an empty one means the file is damaged (most often: truncated mid-row).
ESSENTIAL = ("fact_id", "doc", "region", "indicator", "kind", "value", "period", "status")
TEXT_COLUMNS = tuple(c for c in COLUMNS if c not in ("value", "start", "end", "confidence")) + OPTIONAL_COLUMNS
KINDS = ("actual", "target", "change", "rank")
STATUSES = ("accepted", "edited", "added", "unreviewed")
LEVELS = ("nation", "province", "city", "area")

_HAS_LIBYAML = hasattr(yaml, "CSafeLoader")
PERIOD_RE = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2])|-(H[12])|-(Q[1-4]))?$")


class DatasetError(Exception):
    """The dataset cannot be used. ``what`` says what is wrong, ``path`` which file."""

    def __init__(self, what: str, path: str | os.PathLike | None = None, detail: str = ""):
        self.what = what
        self.path = str(path) if path is not None else ""
        self.detail = detail
        super().__init__(f"{self.path}: {what}" if self.path else what)


@dataclass
class Dataset:
    facts: pd.DataFrame
    indicators: dict[str, dict[str, Any]]
    articles: dict[str, dict[str, Any]]
    regions: dict[str, dict[str, Any]]
    data_dir: str
    warnings: list[str] = field(default_factory=list)
    signature: tuple = ()  # files_signature() at load time: the cache key of everything derived from it


# ---------------------------------------------------------------------------------------------------------
# paths
def data_dir() -> Path:
    env = os.environ.get("DASHBOARD_DATA_DIR", "").strip()
    return Path(env).expanduser() if env else REPO_DIR / "data"


def files_signature(directory: str | os.PathLike) -> tuple:
    """(name, size, mtime_ns) of the dataset files: the cache key, so a rebuild is picked up."""
    d = Path(directory)
    sig = [str(d.resolve())]
    for name in ("indicators.csv", "metadata.yaml"):
        p = d / name
        try:
            st = p.stat()
            sig.append((name, st.st_size, st.st_mtime_ns))
        except OSError:
            sig.append((name, None, None))
    return tuple(sig)


# ---------------------------------------------------------------------------------------------------------
# periods
def period_key(period: str) -> int:
    """Sortable integer: year, then end month, then granularity (month < quarter < half < year)."""
    m = PERIOD_RE.match(period or "")
    if not m:
        return -1
    year = int(m.group(1))
    if m.group(2):
        month, gran = int(m.group(2)), 0
    elif m.group(3):
        month, gran = (6 if m.group(3) == "H1" else 12), 2
    elif m.group(4):
        month, gran = int(m.group(4)[1]) * 3, 1
    else:
        month, gran = 12, 3
    return year * 1000 + month * 10 + gran


def period_end(period: str) -> pd.Timestamp | None:
    k = period_key(period)
    if k < 0:
        return None
    year, month = k // 1000, (k % 1000) // 10
    return pd.Timestamp(year=year, month=month, day=1) + pd.offsets.MonthEnd(0)


def sort_periods(periods) -> list[str]:
    return sorted({p for p in periods if p}, key=period_key)


# Subjects that name an indicator's own measure: its Chinese name, optionally with one of these endings
# (5G基站 = 5G基站数量 = 5G基站总数). Any other subject (5G宏基站, 省级上云标杆企业) is a series of its own unless
# the catalogue lists it under ``same_measure`` (copied into the dataset's metadata.yaml by curate.build).
SAME_MEASURE_SUFFIXES = ("", "数量", "总数")
# Words before a stock that do not change what is counted (建成5G基站 = 5G基站; 新建 is a flow and stays apart).
SAME_MEASURE_PREFIXES = ("累计建成", "已建成", "建成", "累计开通", "已开通", "开通", "累计", "拥有", "共有", "现有")


def series_of(indicators: dict, indicator: str, subject: str) -> str:
    """The series a fact belongs to within its indicator: '' for the indicator's own measure, else the subject.

    Facts of one indicator id but different subjects (上云工业企业 vs 省级上云标杆企业) are different series."""
    subject = str(subject or "").strip()
    if not subject:
        return ""
    info = indicators.get(indicator) or {}
    name = str(info.get("zh") or "")
    bare = next((subject[len(p):] for p in SAME_MEASURE_PREFIXES if subject.startswith(p) and len(subject) > len(p)),
                subject)
    if indicator != "other" and name and any(x == name + suf for x in (subject, bare) for suf in SAME_MEASURE_SUFFIXES):
        return ""
    same = info.get("same_measure")
    if not isinstance(same, (list, tuple)):
        same = ()
    if indicator != "other" and subject in same:
        return ""
    return subject


STATUS_PRIORITY = {"accepted": 0, "edited": 0, "added": 0, "unreviewed": 1}


def best_mask(df: pd.DataFrame) -> pd.Series:
    """True for the fact that represents its region/indicator/series/kind/period/unit (and rank pool).

    The dataset's own `preferred` column where it has one (the curation build decides by rules written in
    data); else reviewed facts win over unreviewed ones, then higher confidence, then the newer article.
    """
    if df.empty:
        return pd.Series(False, index=df.index, dtype=bool)
    subj = df["series"] if "series" in df.columns else df["subject"].where(df["indicator"].astype(str) == "other", "")
    pool = df["rank_of"] if "rank_of" in df.columns else pd.Series("", index=df.index)
    # where articles disagree the dataset names the value it prefers (data/curation/preferences.yaml): it goes first
    preferred = (df["preferred"].astype(str).str.lower().eq("true") if "preferred" in df.columns
                 else pd.Series(True, index=df.index))
    tmp = pd.DataFrame({
        "region": df["region"].astype(str), "indicator": df["indicator"].astype(str), "kind": df["kind"].astype(str),
        "period": df["period"].astype(str), "unit": df["unit"].astype(str), "subj": subj.astype(str),
        "pool": pool.astype(str), "p": (~preferred).astype(int),
        "s": df["status"].astype(str).map(STATUS_PRIORITY).fillna(1), "c": df["confidence"].fillna(0),
        "d": df["doc_date"].astype(str),
    }, index=df.index)
    order = tmp.sort_values(["p", "s", "c", "d"], ascending=[True, True, False, False], kind="stable")
    first = ~order.duplicated(["region", "indicator", "kind", "period", "unit", "subj", "pool"], keep="first")
    return first.reindex(df.index).astype(bool)


# ---------------------------------------------------------------------------------------------------------
# parsing
def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise DatasetError("is neither UTF-8 nor GB18030 text", path)


def _parse_csv(path: Path) -> pd.DataFrame:
    if not path.exists():
        raise DatasetError("is missing", path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DatasetError(f"cannot be read ({exc.strerror})", path) from None
    if not raw.strip():
        raise DatasetError("is empty", path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DatasetError(f"is not UTF-8 (bad byte at position {exc.start})", path) from None
    header = next(csv.reader(io.StringIO(text.split("\n", 1)[0])), [])
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise DatasetError(f"lacks the column(s) {', '.join(missing)}", path)
    try:
        df = pd.read_csv(
            io.StringIO(text),
            dtype={c: "string" for c in TEXT_COLUMNS if c in header},
            keep_default_na=False,
            na_values={"value": [""], "start": [""], "end": [""], "confidence": [""]},
            on_bad_lines="error",
        )
    except (pd.errors.ParserError, ValueError) as exc:
        msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise DatasetError(f"cannot be parsed as CSV ({msg})", path) from None
    for col in OPTIONAL_COLUMNS:
        if col not in df.columns:
            df[col] = pd.Series("", index=df.index, dtype="string")
    df.attrs["ends_in_newline"] = text.endswith("\n")
    return df


def _validate_rows(df: pd.DataFrame, path: Path, warnings: list[str]) -> pd.DataFrame:
    # line numbers as a person sees them in an editor: header is line 1
    n = len(df)
    if n == 0:
        return df
    for col in ("value", "start", "end", "confidence"):
        conv = pd.to_numeric(df[col], errors="coerce")
        bad = conv.isna() & df[col].notna() & (df[col].astype("string").str.strip() != "")
        if bad.any():
            i = int(bad.to_numpy().nonzero()[0][0])
            raise DatasetError(
                f"row {i + 2}: column {col} is not a number ({df[col].iloc[i]!r})", path
            )
        df[col] = conv
    empty = pd.Series(False, index=df.index)
    first_bad_col = {}
    # `preferred` is written for every row by curate.build (true/false): empty means the row was cut off
    for col in ESSENTIAL + tuple(c for c in ("preferred",) if c in df.columns):
        col_empty = df[col].isna() if col == "value" else (df[col].fillna("").astype(str).str.strip() == "")
        if col == "preferred":  # true/false only: 'tr' is a value cut off mid-word
            col_empty |= ~df[col].fillna("").astype(str).str.strip().str.lower().isin(("true", "false"))
        for i in col_empty.to_numpy().nonzero()[0][:1]:
            first_bad_col.setdefault(int(i), col)
        empty |= col_empty
    if empty.any():
        i = int(empty.to_numpy().nonzero()[0][0])
        hint = " — the file looks truncated" if i >= n - 1 else ""
        raise DatasetError(
            f"row {i + 2} is incomplete: {first_bad_col.get(i, 'a required column')} is empty{hint}", path
        )

    last_status = str(df["status"].iloc[-1] or "")
    if not df.attrs.get("ends_in_newline", True) and last_status not in STATUSES:
        raise DatasetError(f"row {n + 1} is incomplete: status is cut short ({last_status!r}) — the file looks "
                           "truncated", path)
    keep = pd.Series(True, index=df.index)
    periods_ok = df["period"].str.fullmatch(PERIOD_RE.pattern).fillna(False).astype(bool)
    if not periods_ok.all():
        bad = df.loc[~periods_ok, "period"]
        warnings.append(
            f"{len(bad)} fact(s) with a malformed period were left out (e.g. {bad.iloc[0]!r})"
        )
        keep &= periods_ok
    kinds_ok = df["kind"].isin(KINDS)
    if not kinds_ok.all():
        warnings.append(f"{int((~kinds_ok).sum())} fact(s) with an unknown kind were left out")
        keep &= kinds_ok
    dup = df["fact_id"].duplicated()
    if dup.any():
        warnings.append(f"{int(dup.sum())} duplicate fact_id(s) were left out (first kept)")
        keep &= ~dup
    return df.loc[keep].reset_index(drop=True)


def _parse_metadata(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise DatasetError("is missing", path)
    try:
        text = _read_text(path)
        # safe loading only (no Python tags); libyaml's CSafeLoader when available is the same, only faster
        meta = yaml.load(text, Loader=yaml.CSafeLoader) if _HAS_LIBYAML else yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or type(exc).__name__
        raise DatasetError(f"is not valid YAML{where}: {problem}", path) from None
    if meta is None:
        raise DatasetError("is empty", path)
    if not isinstance(meta, dict):
        raise DatasetError("must be a mapping with indicators, articles and regions", path)
    for section in ("indicators", "articles", "regions"):
        val = meta.get(section)
        if val is None:
            meta[section] = {}
        elif not isinstance(val, dict):
            raise DatasetError(f"section {section!r} must be a mapping", path)
        for key, entry in meta[section].items():
            if entry is None:
                meta[section][key] = {}
            elif not isinstance(entry, dict):
                raise DatasetError(f"{section}.{key} must be a mapping", path)
    return meta


def _complete_regions(regions: dict[str, dict], facts: pd.DataFrame) -> dict[str, dict]:
    out: dict[str, dict] = {}
    out["全国"] = dict(NATION_INFO)
    for name, info in regions.items():
        merged = dict(out.get(name, {}))
        merged.update({k: v for k, v in info.items() if v not in (None, "")})
        out[str(name)] = merged
    if len(facts):
        pairs = facts[["region", "region_level"]].drop_duplicates()
        for name, level in zip(pairs["region"], pairs["region_level"], strict=True):
            entry = out.setdefault(str(name), {})
            if not entry.get("level"):
                entry["level"] = str(level) if level else "province"
    for entry in out.values():
        entry.setdefault("level", "province")
    return out


def parse_dataset(directory: str | os.PathLike) -> Dataset:
    """Read and check the dataset in ``directory``. Raises DatasetError with a readable message."""
    d = Path(directory)
    if not d.exists():
        raise DatasetError("the dataset folder does not exist", d)
    if not d.is_dir():
        raise DatasetError("is not a folder", d)
    warnings: list[str] = []
    csv_path = d / "indicators.csv"
    df = _parse_csv(csv_path)
    df = _validate_rows(df, csv_path, warnings)
    meta = _parse_metadata(d / "metadata.yaml")

    type_fact_columns(df)

    # derived columns, computed once per load
    keys = {p: period_key(p) for p in df["period"].unique()}
    df["period_key"] = df["period"].map(keys).astype("int64")
    add_period_dates(df)
    articles = {str(k): v for k, v in meta["articles"].items()}
    df["doc_date"] = df["doc"].map(lambda doc: str(articles.get(doc, {}).get("date", "") or "")).astype(str)

    unknown_docs = sorted(set(df["doc"]) - set(articles))
    if unknown_docs:
        warnings.append(f"{len(unknown_docs)} article(s) cited by facts are not described in metadata.yaml")
    indicators = {str(k): v for k, v in meta["indicators"].items()}
    pairs = {(i, s) for i, s in zip(df["indicator"], df["subject"], strict=True)}
    series = {p: series_of(indicators, *p) for p in pairs}
    df["series"] = [series[(i, s)] for i, s in zip(df["indicator"], df["subject"], strict=True)]
    df["is_best"] = best_mask(df)
    # categorical columns keep filtering fast and memory small at 50k+ rows
    for col in ("region", "region_level", "indicator", "kind", "unit", "status", "doc", "period"):
        df[col] = df[col].astype("category")

    regions = _complete_regions({str(k): v for k, v in meta["regions"].items()}, df)
    return Dataset(facts=df, indicators=indicators, articles=articles, regions=regions,
                   data_dir=str(d), warnings=warnings, signature=files_signature(d))


def type_fact_columns(df: pd.DataFrame) -> None:
    """Give the facts columns their types in place (text never NaN, offsets int, unknown statuses unreviewed);
    shared by the curated dataset and an archive's slices so both reach the pages alike."""
    for col in TEXT_COLUMNS:
        df[col] = df[col].fillna("").astype(str)
    df["start"] = df["start"].fillna(-1).astype("int64")
    df["end"] = df["end"].fillna(-1).astype("int64")
    df["confidence"] = df["confidence"].astype("float64")
    df["value"] = df["value"].astype("float64")
    df["status"] = df["status"].where(df["status"].isin(STATUSES), "unreviewed")


def add_period_dates(df: pd.DataFrame) -> None:
    """``period_date`` (the period's last day) and ``year`` from ``period_key``, in place."""
    ends = {p: period_end(p) for p in df["period"].unique()}
    df["period_date"] = pd.to_datetime(df["period"].map(ends))
    df["year"] = (df["period_key"] // 1000).astype("int64")


# ---------------------------------------------------------------------------------------------------------
# cached entry points (Streamlit)
def _cache_data(**kwargs):
    import streamlit as st

    return st.cache_data(**kwargs)


@_cache_data(show_spinner=False, max_entries=4)
def _load_cached(directory: str, signature: tuple) -> Dataset:
    return parse_dataset(directory)


def load_dataset(directory: str | os.PathLike | None = None) -> Dataset:
    """The dataset, parsed once per process and re-read only when its files change."""
    d = Path(directory) if directory is not None else data_dir()
    sig = files_signature(d)
    return _load_cached(str(d), sig)


def article_path(directory: str | os.PathLike, doc: str) -> Path | None:
    """Path of an article file, refusing names that would leave the articles folder."""
    if not doc or "/" in doc or "\\" in doc or doc.startswith("."):
        return None
    p = Path(directory) / "articles" / doc
    return p


@_cache_data(show_spinner=False, max_entries=64)
def read_article(directory: str, doc: str) -> str | None:
    """The original article text (UTF-8 or GB18030), or None when the file is missing or unreadable."""
    p = article_path(directory, doc)
    if p is None or not p.is_file():
        return None
    try:
        return _read_text(p)
    except (OSError, DatasetError):
        return None


@functools.lru_cache(maxsize=20_000)
def clean_quote(quote: str) -> str:
    """A quote as the reader should see it: Simplified, without glued pinyin, page-flow markers or Markdown
    heading marks (extract.clean, the extractor's own cleaning). The original stays in the facts table and
    one click away in the reader."""
    text = str(quote or "")
    if not text:
        return text
    try:
        from extract.clean import clean
    except ImportError:  # the extractor is optional for the app
        return text
    return clean(text).text


@_cache_data(show_spinner=False, max_entries=4)
def article_index(directory: str, docs: tuple[str, ...]) -> dict[str, str]:
    """doc → cleaned full text for full-text search (Simplified, so 数字经济 finds a Traditional article;
    texts that cannot be read are left out)."""
    out = {}
    for doc in docs:
        p = article_path(directory, doc)
        if p is None or not p.is_file():
            continue
        try:
            out[doc] = clean_quote(_read_text(p))
        except (OSError, DatasetError):
            continue
    return out


# ---------------------------------------------------------------------------------------------------------
# rejected facts: what the extractor found and a reviewer turned down (not in the dataset, shown in the reader)
REJECTED_COLUMNS = ("fact_id", "doc", "region", "indicator", "subject", "kind", "value", "unit", "qualifier",
                    "period", "quote", "start", "end", "reason", "by")


def rejected_signature(directory: str | os.PathLike) -> tuple:
    """(name, size, mtime_ns) of the curation files and the extracted facts: the rejected facts' cache key."""
    d = Path(directory)
    sig: list = [str(d.resolve())]
    for p in [d / "extracted" / "facts.csv", *sorted((d / "curation").glob("*.yaml"))]:
        try:
            s = p.stat()
            sig.append((p.name, s.st_size, s.st_mtime_ns))
        except OSError:
            sig.append((p.name, None, None))
    return tuple(sig)


def parse_rejected(directory: str | os.PathLike) -> tuple[pd.DataFrame, list[str]]:
    """Facts a reviewer rejected (data/curation/*.yaml, action reject) with the extractor's row
    (data/extracted/facts.csv) and the reason. A dataset without those folders has none; a damaged file
    gives a warning, never an error (the reader still works without them)."""
    d = Path(directory)
    empty = pd.DataFrame({c: pd.Series(dtype="float64" if c == "value" else "int64" if c in ("start", "end")
                                       else "object") for c in REJECTED_COLUMNS})
    facts_path, cur_dir = d / "extracted" / "facts.csv", d / "curation"
    if not facts_path.is_file() or not cur_dir.is_dir():
        return empty, []
    try:
        from curate.curation import CurationError, load_curation_dir

        loaded = load_curation_dir(cur_dir)
    except (ImportError, CurationError, OSError) as exc:
        return empty, [f"rejected facts not shown: {exc}"]
    reasons: dict[str, tuple[str, str]] = {}
    for cur in loaded:
        for dec in cur.file.decisions:
            if getattr(dec, "action", "") == "reject":
                reasons[str(dec.fact_id)] = (str(getattr(dec, "reason", "") or ""), str(getattr(dec, "by", "") or ""))
    if not reasons:
        return empty, []
    try:
        raw = pd.read_csv(facts_path, dtype=str, keep_default_na=False)
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        return empty, [f"rejected facts not shown: {facts_path.name} cannot be read ({type(exc).__name__})"]
    raw = raw.loc[raw["fact_id"].isin(list(reasons))].copy()
    for c in REJECTED_COLUMNS:
        if c not in raw.columns:
            raw[c] = ""
    raw["reason"] = [reasons[f][0] for f in raw["fact_id"]]
    raw["by"] = [reasons[f][1] for f in raw["fact_id"]]
    raw["value"] = pd.to_numeric(raw["value"], errors="coerce")
    for c in ("start", "end"):
        raw[c] = pd.to_numeric(raw[c], errors="coerce").fillna(-1).astype("int64")
    return raw[list(REJECTED_COLUMNS)].reset_index(drop=True), []


@_cache_data(show_spinner=False, max_entries=4)
def _rejected_cached(directory: str, signature: tuple) -> tuple[pd.DataFrame, list[str]]:
    return parse_rejected(directory)


def load_rejected(directory: str | os.PathLike) -> tuple[pd.DataFrame, list[str]]:
    """The rejected facts, read once per change of the curation files (cached like the dataset)."""
    return _rejected_cached(str(directory), rejected_signature(directory))
