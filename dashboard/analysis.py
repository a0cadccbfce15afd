"""Analyst derivations over the facts table: progress to target, per capita, share of GDP, index to a base year,
growth vs level. Pure pandas: no Streamlit, no I/O.

Every derived value carries how it was computed (``method``, plain text) and the facts behind it (``fact_ids``
and ``docs``), so a chart or a slide can cite each number. A missing input (no population for that region and
period, a base year without a value) gives a missing value (NaN) and a ``missing`` reason, never a guess.

Periods are placed on a time axis at their end dates (2023-06 → 30 June 2023, 2025 → 31 December 2025), so
growth per year uses the real spacing of the periods: from a mid-2023 actual to a 2025 target is 2.5 years.

The input is any facts frame with at least fact_id, doc, region, indicator, kind, value, unit, period (subject,
qualifier, status, confidence optional). Extra columns (``why``, ``rank_of`` …) are carried along unread.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from dashboard.data import period_end, period_key

POPULATION = "population"
GDP = "gdp"
MEASURES = ("total", "per_capita", "gdp_share", "index")
DAYS_PER_YEAR = 365.25

# unit → (dimension, factor to the dimension's base unit: yuan, persons)
UNIT_SCALE = {
    "元": ("money", 1.0), "万元": ("money", 1e4), "亿元": ("money", 1e8), "万亿元": ("money", 1e12),
    "人": ("people", 1.0), "万人": ("people", 1e4), "亿人": ("people", 1e8),
}
STATUS_RANK = {"accepted": 0, "edited": 0, "added": 0, "unreviewed": 1}


def unit_scale(unit: str) -> tuple[str, float]:
    """(dimension, factor to base) of a unit; a unit outside the table is its own dimension with factor 1."""
    return UNIT_SCALE.get(str(unit), (str(unit), 1.0))


def convert(value: float, unit: str, to_unit: str) -> float | None:
    """``value`` in ``unit`` expressed in ``to_unit``; None when the two measure different things."""
    d1, f1 = unit_scale(unit)
    d2, f2 = unit_scale(to_unit)
    if d1 != d2:
        return None
    return float(value) * f1 / f2


def years_between(p0: str, p1: str) -> float | None:
    """Years from the end of period ``p0`` to the end of period ``p1`` (negative if p1 is earlier)."""
    e0, e1 = period_end(str(p0)), period_end(str(p1))
    if e0 is None or e1 is None:
        return None
    return (e1 - e0).days / DAYS_PER_YEAR


def is_annual(period: str) -> bool:
    return len(str(period)) == 4


def cagr(v0: float, v1: float, years: float) -> float | None:
    """Compound growth per year (0.1 = 10 %) from v0 to v1 over ``years``; None if undefined."""
    if years is None or years <= 0 or v0 is None or v1 is None or v0 <= 0 or v1 <= 0:
        return None
    return (v1 / v0) ** (1 / years) - 1


# ---------------------------------------------------------------------------------------------------------
# selecting facts
def best(df: pd.DataFrame) -> pd.DataFrame:
    """One fact per region/indicator/subject(other)/kind/period/unit: the dataset's ``is_best`` if present,
    else reviewed first, then higher confidence."""
    if df.empty:
        return df
    if "is_best" in df.columns:
        return df.loc[df["is_best"].astype(bool)]
    subj = _subject_key(df)
    tmp = df.assign(_s=df["status"].astype(str).map(STATUS_RANK).fillna(1) if "status" in df else 0,
                    _c=df["confidence"].fillna(0) if "confidence" in df else 0, _subj=subj)
    tmp = tmp.sort_values(["_s", "_c"], ascending=[True, False], kind="stable")
    keep = ~tmp.duplicated(["region", "indicator", "_subj", "kind", "period", "unit"], keep="first")
    return df.loc[df.index.isin(tmp.index[keep.to_numpy()])]


def _subject_key(df: pd.DataFrame) -> pd.Series:
    if "subject" not in df.columns:
        return pd.Series("", index=df.index)
    return df["subject"].astype(str).where(df["indicator"].astype(str) == "other", "")


def _facts(df: pd.DataFrame, indicator: str, kind: str, region: str | None = None, subject: str = "") -> pd.DataFrame:
    m = (df["indicator"].astype(str) == indicator) & (df["kind"].astype(str) == kind)
    if region is not None:
        m &= df["region"].astype(str) == region
    if indicator == "other":
        m &= _subject_key(df) == subject
    out = best(df.loc[m])
    return out.assign(_pk=[period_key(str(p)) for p in out["period"]]).sort_values("_pk", kind="stable")


def _docs(df: pd.DataFrame, ids) -> tuple[str, ...]:
    ids = set(ids)
    return tuple(dict.fromkeys(df.loc[df["fact_id"].astype(str).isin(ids), "doc"].astype(str)))


# ---------------------------------------------------------------------------------------------------------
# progress to target
@dataclass
class Progress:
    """One target and how the region is doing against it. Rates are fractions (0.1 = 10 % per year) for level
    and growth targets, percentage points per year for share targets (``rate_unit`` says which)."""

    region: str
    indicator: str
    subject: str
    target_type: str  # level | growth | share
    target_value: float  # in the actuals' unit for level targets; % for growth and share targets
    target_unit: str
    target_period: str
    target_qualifier: str
    unit: str  # unit of the actual series
    latest_value: float
    latest_period: str
    first_value: float
    first_period: str
    n_actuals: int
    years_left: float
    years_observed: float
    required: float | None  # per year, from the latest actual to the target period
    achieved: float | None  # per year, over the actual series (or a stated growth rate, see method)
    rate_unit: str  # "%/yr" (compound) or "pp/yr" (linear, for shares)
    status: str  # on_track | behind | met | missed | unknown
    projected: float | None  # level at the target period: target itself, or latest grown at the target rate
    method: str
    fact_ids: tuple[str, ...]
    docs: tuple[str, ...]
    series: list[tuple[str, float, str]] = field(default_factory=list)  # (period, value, fact_id) of actuals

    @property
    def target_fact(self) -> str:
        return self.fact_ids[0]

    def as_row(self) -> dict:
        d = dict(self.__dict__)
        d.pop("series")
        d["target_fact"] = self.target_fact
        return d


def _level_status(latest: float, target: float, required, achieved, decreasing: bool, time_left: bool) -> str:
    """A level or share target: met once the latest value has reached it; with time left, judged by the pace;
    with none left, missed."""
    if (latest <= target) if decreasing else (latest >= target):
        return "met"
    return _status(required, achieved, decreasing) if time_left else "missed"


def _status(required: float | None, achieved: float | None, decreasing: bool) -> str:
    if required is None or achieved is None:
        return "unknown"
    if decreasing:
        return "on_track" if achieved <= required + 1e-12 else "behind"
    return "on_track" if achieved >= required - 1e-12 else "behind"


def _stated_growth(df: pd.DataFrame, region: str, indicator: str, subject: str, period: str):
    """A stated year-on-year change in % for ``period`` (同比增长10.9%): the fallback achieved rate."""
    ch = _facts(df, indicator, "change", region, subject)
    ch = ch.loc[(ch["unit"].astype(str) == "%") & (ch["period"].astype(str) == period)]
    return None if ch.empty else ch.iloc[-1]


def progress_for_target(df: pd.DataFrame, target: pd.Series) -> Progress | None:
    """Progress against one target fact; None when the region has no actual of the same indicator."""
    region, indicator = str(target["region"]), str(target["indicator"])
    subject = str(target.get("subject", "")) if indicator == "other" else ""
    acts = _facts(df, indicator, "actual", region, subject)
    if acts.empty:
        return None
    t_unit, t_val, t_per = str(target["unit"]), float(target["value"]), str(target["period"])
    units = acts["unit"].astype(str)
    if t_unit == "%" and (units == "%").any():
        ttype, acts = "share", acts.loc[units == "%"]
    elif t_unit == "%":
        ttype = "growth"  # 年均增长10%: a rate for a series measured in something else
    else:
        ttype = "level"
        dim = unit_scale(t_unit)[0]
        acts = acts.loc[[unit_scale(u)[0] == dim for u in acts["unit"].astype(str)]]
        if acts.empty:
            return None
    if ttype != "share":  # one unit for the series: the latest actual's
        acts = acts.loc[acts["unit"].astype(str) == str(acts["unit"].iloc[-1])]
    unit = str(acts["unit"].iloc[-1])
    flow = unit_scale(unit)[0] == "money"
    notes = []
    if flow and len(acts) > 1 and not acts["period"].astype(str).map(is_annual).all():
        # a year-to-date sum (截至9月底) is not comparable with full years of a flow
        annual = acts.loc[acts["period"].astype(str).map(is_annual)]
        if not annual.empty:
            acts = annual
            notes.append("flows: full years only")
    first, latest = acts.iloc[0], acts.iloc[-1]
    v0, v1 = float(first["value"]), float(latest["value"])
    p0, p1 = str(first["period"]), str(latest["period"])
    left = years_between(p1, t_per)
    observed = years_between(p0, p1) if len(acts) > 1 else 0.0
    used = [str(target["fact_id"])] + list(acts["fact_id"].astype(str))
    achieved = None
    ach_how = ""
    if ttype == "share":
        achieved = (v1 - v0) / observed if observed else None
        ach_how = f"({v1:g} − {v0:g}) / {observed:.2f} yr" if achieved is not None else ""
    elif observed:
        achieved = cagr(v0, v1, observed)
        ach_how = f"({v1:g} / {v0:g})^(1/{observed:.2f}) − 1" if achieved is not None else ""
    if achieved is None and ttype != "share":
        stated = _stated_growth(df, region, indicator, subject, p1)
        if stated is not None:
            achieved = float(stated["value"]) / 100
            used.append(str(stated["fact_id"]))
            ach_how = f"stated growth {float(stated['value']):g}% in {p1}"
    decreasing = False
    if ttype == "level":
        tv = convert(t_val, t_unit, unit)
        target_level = tv
        decreasing = str(target.get("qualifier", "")) == "<="  # 不超过: a ceiling
        if left is not None and left > 0:
            required = cagr(v1, tv, left)
            req_how = f"({tv:g} / {v1:g})^(1/{left:.2f}) − 1"
        else:
            required, req_how = None, "target period reached"
        status = _level_status(v1, tv, required, achieved, decreasing, time_left=left is not None and left > 0)
        rate_unit = "%/yr"
    elif ttype == "growth":
        required = t_val / 100
        req_how = f"stated target rate {t_val:g}%"
        target_level = v1 * (1 + required) ** left if left and left > 0 else None
        status = _status(required, achieved, False)
        rate_unit = "%/yr"
    else:  # share: percentage points per year, linear
        target_level = t_val
        decreasing = str(target.get("qualifier", "")) == "<="
        if left is not None and left > 0:
            required = (t_val - v1) / left
            req_how = f"({t_val:g} − {v1:g}) / {left:.2f} yr"
        else:
            required, req_how = None, "target period reached"
        status = _level_status(v1, t_val, required, achieved, decreasing, time_left=left is not None and left > 0)
        rate_unit = "pp/yr"
    method = (f"{ttype} target {t_val:g}{t_unit} by {t_per}; latest actual {v1:g}{unit} ({p1}); "
              f"required {req_how}" + (f"; achieved {ach_how}" if ach_how else "; achieved: fewer than two actuals")
              + (f"; {'; '.join(notes)}" if notes else ""))
    return Progress(
        region=region, indicator=indicator, subject=subject, target_type=ttype,
        target_value=t_val if ttype != "level" else float(convert(t_val, t_unit, unit)), target_unit=t_unit,
        target_period=t_per, target_qualifier=str(target.get("qualifier", "") or ""), unit=unit,
        latest_value=v1, latest_period=p1, first_value=v0, first_period=p0, n_actuals=len(acts),
        years_left=float(left) if left is not None else math.nan, years_observed=float(observed or 0.0),
        required=required, achieved=achieved, rate_unit=rate_unit, status=status, projected=target_level,
        method=method, fact_ids=tuple(dict.fromkeys(used)), docs=_docs(df, used),
        series=[(str(p), float(v), str(f)) for p, v, f in zip(acts["period"], acts["value"], acts["fact_id"],
                                                               strict=True)],
    )


def target_progress(df: pd.DataFrame, *, region: str | None = None, indicator: str | None = None,
                    regions=None) -> list[Progress]:
    """Progress for every target fact with at least one actual of the same region and indicator."""
    m = df["kind"].astype(str) == "target"
    if region is not None:
        m &= df["region"].astype(str) == region
    if regions is not None:
        m &= df["region"].astype(str).isin([str(r) for r in regions])
    if indicator is not None:
        m &= df["indicator"].astype(str) == indicator
    targets = best(df.loc[m])
    targets = targets.assign(_pk=[period_key(str(p)) for p in targets["period"]])
    out = []
    # A target's progress reads only the facts of its own region and indicator: hand each target just those
    # (same rows, same order), not the whole table (an archive has thousands of targets).
    near = df.loc[df["region"].astype(str).isin(set(targets["region"].astype(str)))
                  & df["indicator"].astype(str).isin(set(targets["indicator"].astype(str)))]
    groups = dict(iter(near.groupby([near["region"].astype(str), near["indicator"].astype(str)], sort=False)))
    for _, tg in targets.sort_values(["region", "indicator", "_pk"], kind="stable").iterrows():
        p = progress_for_target(groups.get((str(tg["region"]), str(tg["indicator"])), near.iloc[0:0]), tg)
        if p is not None:
            out.append(p)
    return out


def progress_frame(items: list[Progress]) -> pd.DataFrame:
    return pd.DataFrame([p.as_row() for p in items])


# ---------------------------------------------------------------------------------------------------------
# fair comparisons
DERIVED_COLUMNS = ["region", "period", "value", "unit", "measure", "method", "missing", "fact_ids", "docs",
                   "source_value", "source_unit", "fact_id"]


def _latest_or_all(facts: pd.DataFrame, period: str | None, latest: bool) -> pd.DataFrame:
    if period is not None:
        facts = facts.loc[facts["period"].astype(str) == str(period)]
    if latest and not facts.empty:
        facts = facts.sort_values("_pk", kind="stable").drop_duplicates("region", keep="last")
    return facts


def _denominator(df: pd.DataFrame, indicator: str, region: str, period: str) -> pd.Series | None:
    """The denominator fact for region and period: the same period, else the same year's annual value."""
    d = _facts(df, indicator, "actual", region)
    if d.empty:
        return None
    same = d.loc[d["period"].astype(str) == period]
    if same.empty:
        same = d.loc[d["period"].astype(str) == str(period)[:4]]
    return None if same.empty else same.iloc[-1]


def derive(df: pd.DataFrame, indicator: str, measure: str = "total", *, regions=None, period: str | None = None,
           latest: bool = False, base_period: str | None = None, kind: str = "actual") -> pd.DataFrame:
    """One row per region (and period) of ``indicator`` in the chosen measure.

    - total: the value as reported;
    - per_capita: money per person (元/人) or counts per 10,000 people (个/万人), with ``population``;
    - gdp_share: money as % of ``gdp`` of the same region and period (units converted: 亿元, 万亿元 …);
    - index: value / value in ``base_period`` × 100, per region.
    ``latest`` keeps each region's latest period (for a bar chart); otherwise every period (for lines).
    """
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}; one of {MEASURES}")
    facts = _facts(df, indicator, kind)
    if regions is not None:
        facts = facts.loc[facts["region"].astype(str).isin([str(r) for r in regions])]
    if facts.empty:
        return pd.DataFrame(columns=DERIVED_COLUMNS)
    unit = str(facts["unit"].astype(str).value_counts().index[0])
    facts = facts.loc[facts["unit"].astype(str) == unit]
    if measure != "index":
        facts = _latest_or_all(facts, period, latest)
    rows = []
    for _, f in facts.iterrows():
        region, per, v, fid = str(f["region"]), str(f["period"]), float(f["value"]), str(f["fact_id"])
        row = {"region": region, "period": per, "source_value": v, "source_unit": unit, "fact_id": fid,
               "measure": measure, "missing": ""}
        ids = [fid]
        if measure == "total":
            row.update(value=v, unit=unit, method=f"{v:g} {unit} as reported")
        elif measure == "per_capita":
            dim, fac = unit_scale(unit)
            out_unit = "元/人" if dim == "money" else f"{unit}/万人"
            pop = _denominator(df, POPULATION, region, per)
            pop_persons = convert(pop["value"], str(pop["unit"]), "人") if pop is not None else None
            if pop is None or pop_persons in (None, 0):
                row.update(value=math.nan, unit=out_unit, method="",
                           missing=f"no population for {region} {per}" if pop is None else "population unit unknown")
            else:
                val = v * fac / pop_persons if dim == "money" else v / (pop_persons / 1e4)
                ids.append(str(pop["fact_id"]))
                row.update(value=val, unit=out_unit,
                           method=f"{v:g} {unit} / population {float(pop['value']):g} {pop['unit']} ({pop['period']})")
        elif measure == "gdp_share":
            g = _denominator(df, GDP, region, per)
            num = convert(v, unit, "元")
            den = convert(g["value"], str(g["unit"]), "元") if g is not None else None
            if num is None:
                row.update(value=math.nan, unit="%", method="", missing=f"{unit} is not money: no share of GDP")
            elif g is None or not den:
                row.update(value=math.nan, unit="%", method="",
                           missing=f"no GDP for {region} {per}" if g is None else "GDP unit is not money")
            else:
                ids.append(str(g["fact_id"]))
                row.update(value=num / den * 100, unit="%",
                           method=f"{v:g} {unit} / GDP {float(g['value']):g} {g['unit']} ({g['period']}) × 100")
        row["fact_ids"] = tuple(ids)
        rows.append(row)
    if measure == "index":
        rows = _index_rows(facts, unit, base_period)
        if latest or period is not None:
            out = pd.DataFrame(rows)
            out = out.assign(_pk=[period_key(p) for p in out["period"]])
            if period is not None:
                out = out.loc[out["period"] == str(period)]
            if latest:
                out = out.sort_values("_pk", kind="stable").drop_duplicates("region", keep="last")
            rows = out.drop(columns="_pk").to_dict("records")
    out = pd.DataFrame(rows, columns=[c for c in DERIVED_COLUMNS if c != "docs"])
    out["docs"] = [_docs(df, ids) for ids in out["fact_ids"]]
    return out[DERIVED_COLUMNS].reset_index(drop=True)


def _index_rows(facts: pd.DataFrame, unit: str, base_period: str | None) -> list[dict]:
    rows = []
    for region, d in facts.groupby(facts["region"].astype(str), observed=True, sort=False):
        base = d.loc[d["period"].astype(str) == str(base_period)] if base_period else d.iloc[:1]
        bp = str(base_period) if base_period else str(d["period"].iloc[0])
        bval = float(base["value"].iloc[0]) if not base.empty else None
        bid = str(base["fact_id"].iloc[0]) if not base.empty else ""
        for _, f in d.iterrows():
            v, fid = float(f["value"]), str(f["fact_id"])
            row = {"region": region, "period": str(f["period"]), "source_value": v, "source_unit": unit,
                   "fact_id": fid, "measure": "index", "unit": f"{bp}=100", "missing": ""}
            if bval is None or bval == 0:
                row.update(value=math.nan, method="", missing=f"no value for {region} in base period {bp}",
                           fact_ids=(fid,))
            else:
                row.update(value=v / bval * 100, method=f"{v:g} / {bval:g} ({bp}) × 100",
                           fact_ids=tuple(dict.fromkeys([fid, bid])))
            rows.append(row)
    return rows


# ---------------------------------------------------------------------------------------------------------
# growth vs level
def growth_vs_level(df: pd.DataFrame, indicator: str, *, regions=None) -> pd.DataFrame:
    """Per region: its latest level (x) and its growth per year (y, %), for the quadrant scatter.

    Growth is the stated year-on-year change (%) for the latest period when there is one, else the compound
    growth per year between the two latest actuals (real spacing). A region without either has growth NaN.
    """
    acts = _facts(df, indicator, "actual")
    if regions is not None:
        acts = acts.loc[acts["region"].astype(str).isin([str(r) for r in regions])]
    cols = ["region", "period", "level", "unit", "growth", "method", "missing", "fact_ids", "docs"]
    if acts.empty:
        return pd.DataFrame(columns=cols)
    unit = str(acts["unit"].astype(str).value_counts().index[0])
    acts = acts.loc[acts["unit"].astype(str) == unit]
    rows = []
    for region, d in acts.groupby(acts["region"].astype(str), observed=True, sort=False):
        last = d.iloc[-1]
        per, v = str(last["period"]), float(last["value"])
        ids = [str(last["fact_id"])]
        stated = _stated_growth(df, region, indicator, "", per)
        growth, method, missing = math.nan, "", ""
        if stated is not None:
            growth = float(stated["value"])
            ids.append(str(stated["fact_id"]))
            method = f"stated growth {growth:g}% ({per})"
        elif len(d) > 1:
            prev = d.iloc[-2]
            yrs = years_between(str(prev["period"]), per)
            g = cagr(float(prev["value"]), v, yrs)
            if g is not None:
                growth = g * 100
                ids.append(str(prev["fact_id"]))
                method = f"({v:g} / {float(prev['value']):g})^(1/{yrs:.2f}) − 1, {prev['period']}–{per}"
        if math.isnan(growth):
            missing = f"no growth for {region}: one actual and no stated change"
        rows.append({"region": region, "period": per, "level": v, "unit": unit, "growth": growth, "method": method,
                     "missing": missing, "fact_ids": tuple(ids), "docs": _docs(df, ids)})
    return pd.DataFrame(rows, columns=cols)
