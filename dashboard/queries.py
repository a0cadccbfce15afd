"""Pure transforms of the facts table into what the pages show. No Streamlit here: easy to test and time.

Conventions:
- "best" fact: where several facts give the same region/indicator/kind/period, reviewed facts win over
  unreviewed ones, then higher confidence, then the newer article. The chosen fact's id travels with the
  value so every number on screen keeps a path to its sentence.
- values of one indicator are only compared within one kind and one unit (the most common one).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from dashboard.data import Dataset, best_mask, period_key, series_of, sort_periods
from dashboard.i18n import fmt_period, source_label
from dashboard.regions import GROUP_EN, GROUPS


# ---------------------------------------------------------------------------------------------------------
# labels
def region_label(ds: Dataset, region: str, lang: str = "zh") -> str:
    if lang == "en":
        info = ds.regions.get(region) or {}
        return str(info.get("en") or region)
    return str(region)


def wording(subject: str, lang: str = "zh") -> str:
    """A subject in the article's own words. In English it stays Chinese, marked by curly quotes as the
    article's wording (a reader of the English view sees the quotes, not an untranslated label)."""
    return str(subject) if lang != "en" else f"“{subject}”"


def indicator_label(ds: Dataset, indicator: str, lang: str = "zh", subject: str = "") -> str:
    """The indicator's name; with a subject that is not the indicator's own measure, the subject too:
    上云企业（省级上云标杆企业） / Enterprises on the cloud (“省级上云标杆企业”)."""
    if indicator == "other" and subject:
        return wording(subject, lang)
    info = ds.indicators.get(indicator) or {}
    if lang == "en":
        name = str(info.get("en") or info.get("zh") or indicator)
    else:
        name = str(info.get("zh") or indicator)
    series = series_of(ds.indicators, indicator, subject) if subject else ""
    if series:
        return f"{name}（{series}）" if lang != "en" else f"{name} ({wording(series, lang)})"
    return name


def series_label(ds: Dataset, region: str, series: str, lang: str = "zh") -> str:
    """A region's bar/line label; a series other than the indicator's own measure is named after it."""
    name = region_label(ds, region, lang)
    if not series:
        return name
    return f"{name}（{series}）" if lang != "en" else f"{name} ({wording(series, lang)})"


def like_for_like(df: pd.DataFrame, kind: str) -> tuple[pd.DataFrame, list[str], str]:
    """Facts that can stand side by side: one rank pool (the most common; 全国 on ties) and, per region, one
    series — the indicator's own measure where the region has it, else its most reported subject.

    Returns (facts, the narrower series that had to be shown, the pool)."""
    if df.empty:
        return df, [], ""
    pool = ""
    if kind == "rank" and "rank_of" in df.columns:
        pools = df["rank_of"].astype(str)
        counts = pools.value_counts()
        pool = max(counts.index, key=lambda p: (int(counts[p]), p == "全国", p != ""))
        df = df.loc[pools == pool]
    if "series" not in df.columns:
        return df, [], pool
    ser = df["series"].astype(str)
    regions = df["region"].astype(str)
    has_own = set(regions[ser == ""])
    pick = {r: "" for r in has_own}
    rest = df.loc[~regions.isin(has_own)]
    if not rest.empty:
        for region, s in rest["series"].astype(str).groupby(rest["region"].astype(str), observed=True):
            pick[region] = str(s.value_counts().index[0])
    df = df.loc[ser == regions.map(pick)]
    mixed = sorted(set(df["series"].astype(str)) - {""})
    return df, mixed, pool


def article_label(ds: Dataset, doc: str) -> str:
    info = ds.articles.get(doc) or {}
    title = str(info.get("title") or doc)
    date = str(info.get("date") or "")
    return f"{title}（{date}）" if date else title


def source_names(ds: Dataset, docs, lang: str = "zh") -> list[str]:
    out = []
    for doc in dict.fromkeys(docs):
        info = ds.articles.get(doc) or {}
        name = source_label(str(info.get("source") or ""), lang, str(info.get("source_en") or ""))
        date = str(info.get("date") or "").strip()
        label = " ".join(x for x in (name, date) if x) or str(doc)
        if label not in out:
            out.append(label)
    return out


# ---------------------------------------------------------------------------------------------------------
# selection helpers
def best_facts(df: pd.DataFrame) -> pd.DataFrame:
    """One fact per region/indicator/kind/period/unit (see module docstring for the order)."""
    if df.empty:
        return df
    if "is_best" in df.columns:  # computed once for the whole table at load time
        return df.loc[df["is_best"]]
    return df.loc[best_mask(df)]


def indicator_options(ds: Dataset) -> list[str]:
    """Catalogue indicators that have data, most-reported first (``other`` last, never a default)."""
    df = ds.facts
    if df.empty:
        return []
    counts = df.loc[df["indicator"].astype(str) != "other", "indicator"].astype(str).value_counts()
    return list(counts.index)


def map_default_indicator(ds: Dataset, indicators: list[str]) -> str:
    """The indicator whose map is fullest: most provinces with an actual value (ties: catalogue order)."""
    df = ds.facts
    prov = df.loc[(df["region_level"].astype(str) == "province") & (df["kind"].astype(str) == "actual")]
    counts = prov.groupby(prov["indicator"].astype(str), observed=True)["region"].nunique()
    return max(indicators, key=lambda i: (int(counts.get(i, 0)), i == "digital_economy_scale", -indicators.index(i)))


def n_facts(df: pd.DataFrame) -> int:
    """How many facts ``df`` stands for: its rows, or on an archive's compact slice (one best fact per key,
    dashboard.archive.compact) the facts each row stands for (``n_key``)."""
    return int(df["n_key"].sum()) if "n_key" in df.columns else len(df)


def dominant_unit(df: pd.DataFrame) -> str:
    if df.empty:
        return ""
    if "n_key" in df.columns:  # a compact slice: count the facts behind each row
        counts = df.groupby(df["unit"].astype(str), sort=False)["n_key"].sum()
        return str(counts.sort_values(ascending=False, kind="stable").index[0])
    return str(df["unit"].astype(str).value_counts().index[0])


def kinds_for(ds: Dataset, indicator: str) -> list[str]:
    df = ds.facts
    present = set(df.loc[df["indicator"] == indicator, "kind"].astype(str))
    return [k for k in ("actual", "change", "target", "rank") if k in present]


def facts_for(ds: Dataset, indicator: str, kind: str | None = None, levels=None) -> pd.DataFrame:
    df = ds.facts
    m = df["indicator"] == indicator
    if kind:
        m &= df["kind"] == kind
    if levels:
        m &= df["region_level"].isin(list(levels))
    return df.loc[m]


@dataclass
class Values:
    """Comparable values (one per region) plus what a caption needs to say about them."""

    df: pd.DataFrame  # fact columns + label, ordered by value desc
    unit: str
    periods: list[str]  # the periods shown, sorted
    dropped_units: int = 0  # facts left out because their unit differs
    mixed: list[str] = field(default_factory=list)  # narrower series shown for regions without the own measure
    pool: str = ""  # for ranks: the pool every rank shown is within (rank_of)


def values_by_region(ds: Dataset, indicator: str, kind: str = "actual", period: str | None = None,
                     regions=None, levels=("province",), lang: str = "zh") -> Values:
    """One value per region: for ``period`` (exact) or, when period is None, each region's latest."""
    df = facts_for(ds, indicator, kind, None if regions is not None else levels)
    if regions is not None:
        df = df.loc[df["region"].isin(list(regions))]
    unit = dominant_unit(df)
    n_before = n_facts(df)
    df = df.loc[df["unit"] == unit]
    dropped = n_before - n_facts(df)
    if period:
        df = df.loc[df["period"] == period]
    df, mixed, pool = like_for_like(best_facts(df), kind)
    if period is None and not df.empty:
        df = df.sort_values("period_key", kind="stable").drop_duplicates("region", keep="last")
    df = df.copy()
    df["label"] = _labels(ds, df, lang)
    df = df.sort_values("value", ascending=False, kind="stable")
    return Values(df=df, unit=unit, periods=sort_periods(df["period"].astype(str)), dropped_units=dropped,
                  mixed=mixed, pool=pool)


def _labels(ds: Dataset, df: pd.DataFrame, lang: str) -> list[str]:
    ser = df["series"].astype(str) if "series" in df.columns else pd.Series("", index=df.index)
    return [series_label(ds, r, s, lang) for r, s in zip(df["region"].astype(str), ser, strict=True)]


def period_options(ds: Dataset, indicator: str, kind: str = "actual") -> list[str]:
    df = facts_for(ds, indicator, kind)
    return sort_periods(df["period"].astype(str).unique())


def best_period(ds: Dataset, indicator: str, kind: str = "actual", levels=("province",)) -> str | None:
    """The period with the most regions (newest on ties): the fairest single period to rank."""
    df = facts_for(ds, indicator, kind, levels)
    if df.empty:
        return None
    counts = df.groupby(df["period"].astype(str), observed=True)["region"].nunique()
    counts = counts[counts == counts.max()]
    return max(counts.index, key=period_key)


def series(ds: Dataset, indicator: str, kind: str, regions, lang: str = "zh") -> pd.DataFrame:
    """All periods for the given regions (best fact per period), for line charts and tables."""
    df = facts_for(ds, indicator, kind)
    df = df.loc[df["region"].isin(list(regions))]
    unit = dominant_unit(df)
    df, _mixed, _pool = like_for_like(best_facts(df.loc[df["unit"] == unit]), kind)
    df = df.copy()
    df["label"] = _labels(ds, df, lang)
    return df.sort_values(["region", "period_key"], kind="stable")


def actual_vs_target(ds: Dataset, indicator: str, regions, lang: str = "zh", subject: str | None = None) -> pd.DataFrame:
    """Per region: its latest actual and its furthest target (same unit), with progress = actual/target.

    Only facts of one series are paired: ``subject`` picks it (for ``other`` it is required; without it nothing
    is paired); by default the indicator's own measure.
    """
    rows = []
    base = ds.facts.loc[(ds.facts["indicator"] == indicator) & ds.facts["region"].isin(list(regions))]
    if indicator == "other":
        if subject is None:
            return pd.DataFrame()
        base = base.loc[base["subject"].astype(str) == subject]
    elif "series" in base.columns:
        base = base.loc[base["series"].astype(str) == series_of(ds.indicators, indicator, subject or "")]
    targets = best_facts(base.loc[base["kind"] == "target"])
    actuals = best_facts(base.loc[base["kind"] == "actual"])
    for region, tg in targets.groupby(targets["region"].astype(str), observed=True):
        tgt = tg.sort_values("period_key").iloc[-1]
        act = actuals.loc[(actuals["region"] == region) & (actuals["unit"] == tgt["unit"])]
        act = act.sort_values("period_key").iloc[-1] if not act.empty else None
        progress = None
        if act is not None and tgt["value"] not in (0, 0.0):
            progress = float(act["value"]) / float(tgt["value"])
        rows.append({
            "region": region, "label": region_label(ds, region, lang), "unit": str(tgt["unit"]),
            "target_value": float(tgt["value"]), "target_period": str(tgt["period"]),
            "target_qualifier": str(tgt["qualifier"]), "target_fact": str(tgt["fact_id"]),
            "target_status": str(tgt["status"]),
            "actual_value": float(act["value"]) if act is not None else float("nan"),
            "actual_period": str(act["period"]) if act is not None else "",
            "actual_qualifier": str(act["qualifier"]) if act is not None else "",
            "actual_fact": str(act["fact_id"]) if act is not None else "",
            "actual_status": str(act["status"]) if act is not None else "",
            "progress": progress,
        })
    out = pd.DataFrame(rows)
    if out.empty:
        return out
    return out.sort_values("target_value", ascending=False, kind="stable").reset_index(drop=True)


def region_profile(ds: Dataset, region: str) -> pd.DataFrame:
    """Every indicator (and `other` subject) for one region: latest fact per indicator/subject/kind."""
    df = ds.facts.loc[ds.facts["region"] == region]
    if df.empty:
        return df
    df = best_facts(df)
    # one row per series: facts of one id but different subjects, and ranks within different pools, are apart
    subj = df["series"] if "series" in df.columns else df["subject"].where(df["indicator"].astype(str) == "other", "")
    pool = df["rank_of"] if "rank_of" in df.columns else ""
    df = df.assign(_subj=subj, _pool=pool)
    df = df.sort_values("period_key", kind="stable")
    latest = df.drop_duplicates(["indicator", "_subj", "kind", "_pool"], keep="last")
    return latest.sort_values(["indicator", "_subj", "kind", "_pool"], kind="stable").drop(columns=["_subj", "_pool"])


def computed_ranks(ds: Dataset, region: str) -> pd.DataFrame:
    """Rank of ``region`` among regions of the same level, per indicator.

    Only indicators where at least two regions report the same period and unit are comparable; the period
    used is the one where most regions report (the newest on ties), so the rank is as fair as the data allows.
    """
    facts = ds.facts
    cols = ["indicator", "series", "period", "rank", "n", "value", "unit", "fact_id"]
    lvl_rows = facts.loc[facts["region"] == region, "region_level"]
    if lvl_rows.empty:
        return pd.DataFrame(columns=cols)
    level = str(lvl_rows.iloc[0])
    pool = best_facts(facts.loc[(facts["kind"] == "actual") & (facts["region_level"] == level)
                                & (facts["indicator"].astype(str) != "other")])
    inds = set(pool.loc[pool["region"] == region, "indicator"].astype(str))
    pool = pool.loc[pool["indicator"].isin(list(inds))]
    if pool.empty:
        return pd.DataFrame(columns=cols)
    # like for like: only facts of one series (5G宏基站 is not ranked against 5G基站)
    keys = [pool["indicator"].astype(str), pool["series"].astype(str), pool["period"].astype(str),
            pool["unit"].astype(str)]
    pool = pool.assign(
        n=pool.groupby(keys, observed=True)["region"].transform("size"),
        rank=pool.groupby(keys, observed=True)["value"].rank(ascending=False, method="min"),
    )
    mine = pool.loc[(pool["region"] == region) & (pool["n"] >= 2)]
    mine = mine.sort_values(["n", "period_key"], ascending=[False, False]).drop_duplicates(["indicator", "series"])
    out = pd.DataFrame({
        "indicator": mine["indicator"].astype(str), "series": mine["series"].astype(str), "period": mine["period"].astype(str),
        "rank": mine["rank"].astype(int), "n": mine["n"].astype(int), "value": mine["value"].astype(float),
        "unit": mine["unit"].astype(str), "fact_id": mine["fact_id"].astype(str),
    })
    return out.sort_values("indicator").reset_index(drop=True)


def coverage(ds: Dataset, indicator: str, lang: str = "zh", max_regions: int = 45) -> pd.DataFrame:
    """Counts of facts per region × period for one indicator, with the best status and a fact id.

    At most ``max_regions`` rows (nation, provinces, areas, then cities) so the grid stays legible."""
    df = ds.facts.loc[ds.facts["indicator"] == indicator]
    if df.empty:
        return pd.DataFrame(columns=["region", "label", "period", "period_key", "n", "status", "fact_id"])
    best = best_facts(df).sort_values(["region", "period_key"])
    keys = [df["region"].astype(str), df["period"].astype(str)]
    g = (df.groupby(keys, observed=True)["n_key"].sum() if "n_key" in df.columns  # a compact slice
         else df.groupby(keys, observed=True).size()).rename("n")
    first = best.drop_duplicates(["region", "period"])[["region", "period", "status", "fact_id", "period_key"]]
    first = first.assign(region=first["region"].astype(str), period=first["period"].astype(str))
    out = first.merge(g.reset_index(), on=["region", "period"], how="left")
    out["label"] = [region_label(ds, r, lang) for r in out["region"]]
    out["status"] = out["status"].astype(str)
    order = {r: i for i, r in enumerate(regions_with_data(ds))}
    out = out.assign(_r=out["region"].map(order).fillna(len(order))).sort_values(["_r", "period_key"])
    keep = list(dict.fromkeys(out["region"]))[:max_regions]
    return out.loc[out["region"].isin(keep)].drop(columns="_r").reset_index(drop=True)


def newest_facts(ds: Dataset, n: int = 8) -> pd.DataFrame:
    df = ds.facts
    if df.empty:
        return df
    df = df.loc[df["indicator"].astype(str) != "other"]
    return df.sort_values(["doc_date", "period_key", "start"], ascending=[False, False, True], kind="stable").head(n)


def safe_url(u) -> str:
    """Only http(s) links are shown; anything else (javascript:, data:, file:) becomes empty."""
    u = str(u or "").strip()
    return u if u.lower().startswith(("https://", "http://")) else ""


def article_summary(ds: Dataset, lang: str = "zh") -> pd.DataFrame:
    """One row per article (described in metadata or cited by a fact), newest first."""
    df = ds.facts
    docs = df["doc"].astype(str)
    n = docs.value_counts()
    unrev = docs[df["status"].astype(str) == "unreviewed"].value_counts()
    all_docs = sorted(set(ds.articles) | set(n.index),
                      key=lambda d: (str((ds.articles.get(d) or {}).get("date") or ""), d), reverse=True)
    meta = [ds.articles.get(d) or {} for d in all_docs]
    return pd.DataFrame({
        "doc": all_docs,
        "title": [str(m.get("title") or d) for m, d in zip(meta, all_docs, strict=True)],
        "date": [str(m.get("date") or "") for m in meta],
        "source": [source_label(str(m.get("source") or ""), lang, str(m.get("source_en") or "")) for m in meta],
        "n": [int(n.get(d, 0)) for d in all_docs],
        "unreviewed": [int(unrev.get(d, 0)) for d in all_docs],
        "url": [safe_url(m.get("url")) for m in meta],
    })


def facts_with_articles(ds: Dataset) -> pd.DataFrame:
    """The facts table with each article's title, date and source (for the Data page and its CSV)."""
    df = ds.facts
    docs = df["doc"].astype(str)
    lookup = {d: ds.articles.get(d) or {} for d in docs.unique()}
    out = df.assign(
        title=docs.map({d: str(m.get("title") or "") for d, m in lookup.items()}),
        date=docs.map({d: str(m.get("date") or "") for d, m in lookup.items()}),
        source=docs.map({d: str(m.get("source") or "") for d, m in lookup.items()}),
    )
    return out.sort_values(["region", "indicator", "kind", "period_key"], kind="stable").reset_index(drop=True)


def headline(ds: Dataset) -> dict:
    df = ds.facts
    latest = ""
    actual = df.loc[df["kind"].isin(["actual", "change", "rank"])]
    if not actual.empty:
        latest = str(actual.loc[actual["period_key"].idxmax(), "period"])
    return {
        "regions": int(df["region"].nunique()),
        "indicators": int(df.loc[df["indicator"].astype(str) != "other", "indicator"].nunique()),
        "facts": len(df),
        "articles": int(df["doc"].nunique()),
        "latest": latest,
    }


def region_groups(ds: Dataset) -> dict[str, list[str]]:
    """Named groups of provinces, keyed by their Chinese name: 东部/中部/西部/东北, then the areas the data
    names with members (an area with exactly a group's members is left out as a duplicate)."""
    groups: dict[str, list[str]] = {}
    provinces = {r: info for r, info in ds.regions.items() if info.get("level") == "province"}
    for g in GROUPS:
        members = [r for r, info in provinces.items() if info.get("group") == g]
        if members:
            groups[g] = members
    seen = {frozenset(m) for m in groups.values()}
    for name, info in ds.regions.items():
        members = info.get("members") if info.get("level") == "area" else None
        if members and isinstance(members, list) and frozenset(map(str, members)) not in seen:
            groups.setdefault(str(name), [str(m) for m in members])
    return groups


def group_label(ds: Dataset, key: str, lang: str = "zh") -> str:
    if lang != "en":
        return key if key not in GROUPS else f"{key}地区"
    if key in GROUP_EN:
        return GROUP_EN[key]
    return str((ds.regions.get(key) or {}).get("en") or key)


def regions_with_data(ds: Dataset, levels=None) -> list[str]:
    df = ds.facts
    if levels:
        df = df.loc[df["region_level"].isin(list(levels))]
    order = {"nation": 0, "province": 1, "area": 2, "city": 3}
    names = df["region"].astype(str).unique()
    return sorted(names, key=lambda r: (order.get(str(ds.regions.get(r, {}).get("level")), 4),
                                        str(ds.regions.get(r, {}).get("adcode", "")), r))


def order_by_region(ds: Dataset, df: pd.DataFrame) -> pd.DataFrame:
    """Rows in the usual reading order: nation, provinces (by adcode), areas, cities; then kind, period."""
    if df.empty:
        return df
    order = {r: i for i, r in enumerate(regions_with_data(ds))}
    kinds = {"actual": 0, "change": 1, "rank": 2, "target": 3}
    return (df.assign(_r=df["region"].astype(str).map(order).fillna(len(order)),
                      _k=df["kind"].astype(str).map(kinds).fillna(4))
              .sort_values(["_r", "_k", "period_key"], kind="stable").drop(columns=["_r", "_k"]))


def period_span_label(periods: list[str], lang: str = "zh") -> str:
    if not periods:
        return ""
    if len(periods) == 1:
        return fmt_period(periods[0], lang)
    return f"{fmt_period(periods[0], lang)}–{fmt_period(periods[-1], lang)}"


def default_custom_regions(ds: Dataset, indicator: str, kind: str = "actual", n: int = 6) -> list[str]:
    """Where a custom comparison starts: the provinces with the highest latest value of the indicator (the
    best ranks, for ranks), then other provinces with data, up to ``n``."""
    vals = values_by_region(ds, indicator, kind, None, levels=("province",))
    ranked = vals.df.sort_values("value", ascending=(kind == "rank"), kind="stable")["region"].astype(str).tolist()
    provinces = [r for r in regions_with_data(ds) if (ds.regions.get(r) or {}).get("level") == "province"]
    return list(dict.fromkeys([*ranked, *provinces]))[:n]


# ---------------------------------------------------------------------------------------------------------
# conflicting values (the dataset keeps every value where articles disagree, and marks the preferred one)
def _conflict_key(df: pd.DataFrame) -> pd.Series:
    subj = (df["series"].astype(str) if "series" in df.columns
            else df["subject"].astype(str).where(df["indicator"].astype(str) == "other", ""))
    pool = df["rank_of"].astype(str) if "rank_of" in df.columns else ""
    return (df["region"].astype(str) + "|" + df["indicator"].astype(str) + "|" + df["kind"].astype(str) + "|"
            + df["period"].astype(str) + "|" + df["unit"].astype(str) + "|" + subj + "|" + pool)


def conflict_mask(df: pd.DataFrame) -> pd.Series:
    """True for facts whose region/indicator/kind/period/unit has more than one value in the dataset."""
    if "alternatives" not in df.columns:
        return pd.Series(False, index=df.index)
    return pd.to_numeric(df["alternatives"], errors="coerce").fillna(0) > 0


def alternatives_of(ds: Dataset, fact_id: str) -> pd.DataFrame:
    """The other values the dataset holds for the same region/indicator/kind/period/unit as ``fact_id``
    (each with its article), the preferred one first; empty where the articles agree."""
    df = ds.facts
    row = df.loc[df["fact_id"] == fact_id]
    if row.empty or not conflict_mask(row).iloc[0]:
        return df.iloc[0:0]
    key = _conflict_key(df)
    same = df.loc[(key == key.loc[row.index[0]]) & (df["fact_id"] != fact_id)]
    pref = same["preferred"].astype(str).str.lower().eq("true") if "preferred" in same.columns else False
    return same.assign(_p=~pref).sort_values(["_p", "doc_date"], ascending=[True, False]).drop(columns="_p")
