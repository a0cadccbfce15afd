"""Unit tests of dashboard.analysis: target arithmetic (required vs achieved growth with the periods' real
spacing; targets as levels, growth rates and shares), per capita, share of GDP, index to a base year, growth
vs level. Every derivation is also checked with its denominator missing: the value is NaN, never a guess."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard import analysis as A


def facts(*rows) -> pd.DataFrame:
    """rows: (fact_id, region, indicator, kind, value, unit, period[, qualifier]); one doc per fact."""
    out = []
    for r in rows:
        fid, region, ind, kind, value, unit, period, *rest = r
        out.append({"fact_id": fid, "doc": f"doc_{fid}", "region": region, "region_level": "province",
                    "indicator": ind, "subject": "", "kind": kind, "value": float(value), "unit": unit,
                    "qualifier": rest[0] if rest else "", "period": period, "status": "accepted",
                    "confidence": 0.9, "quote": f"quote {fid}", "why": "extra column from another branch"})
    return pd.DataFrame(out)


# ---------------------------------------------------------------------------------------------------------
# progress to target
PROGRESS_CASES = {
    # name: (rows, expected: target_type, required, achieved, status, years_left)
    "level on track, annual": (
        [("t", "甲", "x", "target", 30000, "亿元", "2025"), ("a1", "甲", "x", "actual", 19000, "亿元", "2020"),
         ("a2", "甲", "x", "actual", 25000, "亿元", "2023")],
        ("level", (30000 / 25000) ** (1 / 2) - 1, (25000 / 19000) ** (1 / 3) - 1, "on_track", 2.0)),
    "level behind": (
        [("t", "甲", "x", "target", 23000, "亿元", "2025"), ("a1", "甲", "x", "actual", 14000, "亿元", "2021"),
         ("a2", "甲", "x", "actual", 15000, "亿元", "2022")],
        ("level", (23000 / 15000) ** (1 / 3) - 1, 15000 / 14000 - 1, "behind", 3.0)),
    "uneven spacing: mid-year actual": (
        # 2022 (31 Dec) → 2023-06 (30 Jun) is half a year; 2023-06 → 2025 is two and a half
        [("t", "甲", "x", "target", 100000, "个", "2025"), ("a1", "甲", "x", "actual", 73000, "个", "2022"),
         ("a2", "甲", "x", "actual", 81000, "个", "2023-06")],
        ("level", (100000 / 81000) ** (1 / 2.5038) - 1, (81000 / 73000) ** (1 / 0.4956) - 1, "on_track", 2.5038)),
    "target in 万亿元, actuals in 亿元": (
        [("t", "甲", "x", "target", 3, "万亿元", "2025"), ("a1", "甲", "x", "actual", 20000, "亿元", "2021"),
         ("a2", "甲", "x", "actual", 22000, "亿元", "2022")],
        ("level", (30000 / 22000) ** (1 / 3) - 1, 0.1, "behind", 3.0)),
    "growth target 年均增长10%": (
        [("t", "甲", "x", "target", 10, "%", "2025"), ("a1", "甲", "x", "actual", 100, "亿元", "2020"),
         ("a2", "甲", "x", "actual", 121, "亿元", "2022")],
        ("growth", 0.10, 0.10, "on_track", 3.0)),
    "growth target behind": (
        [("t", "甲", "x", "target", 12, "%", "2025"), ("a1", "甲", "x", "actual", 100, "亿元", "2020"),
         ("a2", "甲", "x", "actual", 110, "亿元", "2022")],
        ("growth", 0.12, 1.1 ** 0.5 - 1, "behind", 3.0)),
    "share target, percentage points": (
        [("t", "甲", "x", "target", 45, "%", "2025"), ("a1", "甲", "x", "actual", 36, "%", "2020"),
         ("a2", "甲", "x", "actual", 40, "%", "2022")],
        ("share", (45 - 40) / 3, (40 - 36) / 2, "on_track", 3.0)),
    "share target behind": (
        [("t", "甲", "x", "target", 63, "%", "2025"), ("a1", "甲", "x", "actual", 55, "%", "2021"),
         ("a2", "甲", "x", "actual", 56, "%", "2022")],
        ("share", 7 / 3, 1.0, "behind", 3.0)),
    "already met": (
        [("t", "甲", "x", "target", 50, "个", "2025"), ("a1", "甲", "x", "actual", 60, "个", "2022")],
        ("level", (50 / 60) ** (1 / 3) - 1, None, "met", 3.0)),
    "target year passed and missed": (
        [("t", "甲", "x", "target", 50, "个", "2022"), ("a1", "甲", "x", "actual", 30, "个", "2021"),
         ("a2", "甲", "x", "actual", 40, "个", "2023")],
        ("level", None, (40 / 30) ** 0.5 - 1, "missed", -1.0)),
    "one actual, stated growth as achieved": (
        [("t", "甲", "x", "target", 25000, "亿元", "2025"), ("a1", "甲", "x", "actual", 16000, "亿元", "2022"),
         ("c1", "甲", "x", "change", 15.4, "%", "2022")],
        ("level", (25000 / 16000) ** (1 / 3) - 1, 0.154, "behind", 3.0)),
    "one actual, nothing to compare": (
        [("t", "甲", "x", "target", 25000, "亿元", "2025"), ("a1", "甲", "x", "actual", 16000, "亿元", "2022")],
        ("level", (25000 / 16000) ** (1 / 3) - 1, None, "unknown", 3.0)),
}


def approx(v, rel=1e-3):
    return None if v is None else pytest.approx(v, rel=rel)


@pytest.mark.parametrize("name", list(PROGRESS_CASES))
def test_progress_to_target(name):
    rows, (ttype, required, achieved, status, left) = PROGRESS_CASES[name]
    [p] = A.target_progress(facts(*rows))
    assert p.target_type == ttype
    assert p.required == approx(required)
    assert p.achieved == approx(achieved)
    assert p.status == status
    assert p.years_left == pytest.approx(left, abs=2e-3)
    assert p.fact_ids[0] == "t" and "a1" in p.fact_ids  # the target and the actuals it was judged on
    assert all(d.startswith("doc_") for d in p.docs) and len(p.docs) == len(p.fact_ids)
    assert p.method  # says how it was computed


def test_progress_rate_units_and_projection():
    [share] = A.target_progress(facts(*PROGRESS_CASES["share target, percentage points"][0]))
    assert share.rate_unit == "pp/yr" and share.projected == 45
    [growth] = A.target_progress(facts(*PROGRESS_CASES["growth target 年均增长10%"][0]))
    assert growth.rate_unit == "%/yr"
    assert growth.projected == pytest.approx(121 * 1.1 ** 3, rel=1e-3)  # latest grown at the target rate to 2025


def test_target_without_actual_or_other_region_is_skipped():
    df = facts(("t", "甲", "x", "target", 10, "个", "2025"), ("a", "乙", "x", "actual", 5, "个", "2022"),
               ("b", "甲", "y", "actual", 5, "个", "2022"))
    assert A.target_progress(df) == []


def test_target_in_another_dimension_is_skipped():
    df = facts(("t", "甲", "x", "target", 10, "亿元", "2025"), ("a", "甲", "x", "actual", 5, "个", "2022"))
    assert A.target_progress(df) == []


def test_flows_use_full_years_only():
    # a year-to-date sum (Jan–Jun) of a money flow would look like a collapse against the full year before
    df = facts(("t", "甲", "x", "target", 300, "亿元", "2025"), ("a1", "甲", "x", "actual", 200, "亿元", "2021"),
               ("a2", "甲", "x", "actual", 220, "亿元", "2022"), ("a3", "甲", "x", "actual", 110, "亿元", "2023-06"))
    [p] = A.target_progress(df)
    assert p.latest_period == "2022" and p.achieved == pytest.approx(0.1, rel=1e-3)
    assert "a3" not in p.fact_ids and "full years" in p.method


def test_years_between_uses_period_ends():
    assert A.years_between("2022", "2025") == pytest.approx(3.0, abs=2e-3)
    assert A.years_between("2023-Q1", "2023-H2") == pytest.approx(0.75, abs=0.01)
    assert A.years_between("bad", "2025") is None


# ---------------------------------------------------------------------------------------------------------
# fair comparisons
BASE = [("s1", "甲", "x", "actual", 2000, "亿元", "2022"), ("s2", "乙", "x", "actual", 500, "亿元", "2022"),
        ("n1", "甲", "n", "actual", 300, "个", "2022")]
DENOM = {
    "pop_甲": ("p1", "甲", "population", "actual", 5000, "万人", "2022"),
    "pop_乙_other_year": ("p2", "乙", "population", "actual", 1000, "万人", "2020"),
    "gdp_甲_万亿": ("g1", "甲", "gdp", "actual", 5, "万亿元", "2022"),
    "gdp_乙_亿": ("g2", "乙", "gdp", "actual", 2500, "亿元", "2022"),
}

DERIVE_CASES = {
    # name: (indicator, measure, denominators, {region: expected value or None for NaN}, unit)
    "per capita yuan": ("x", "per_capita", ["pop_甲"], {"甲": 2000e8 / 5000e4, "乙": None}, "元/人"),
    "per capita: denominator of another year is not used": (
        "x", "per_capita", ["pop_甲", "pop_乙_other_year"], {"甲": 4000.0, "乙": None}, "元/人"),
    "per capita counts per 10k people": ("n", "per_capita", ["pop_甲"], {"甲": 300 / 5000}, "个/万人"),
    "share of GDP: 亿元 over 万亿元 and over 亿元": (
        "x", "gdp_share", ["gdp_甲_万亿", "gdp_乙_亿"], {"甲": 2000 / 50000 * 100, "乙": 20.0}, "%"),
    "share of GDP: no GDP": ("x", "gdp_share", ["gdp_甲_万亿"], {"甲": 4.0, "乙": None}, "%"),
    "share of GDP: counts are not money": ("n", "gdp_share", ["gdp_甲_万亿"], {"甲": None}, "%"),
    "total": ("x", "total", [], {"甲": 2000.0, "乙": 500.0}, "亿元"),
}


@pytest.mark.parametrize("name", list(DERIVE_CASES))
def test_derive(name):
    ind, measure, denoms, want, unit = DERIVE_CASES[name]
    out = A.derive(facts(*BASE, *(DENOM[d] for d in denoms)), ind, measure)
    got = dict(zip(out["region"], out["value"], strict=True))
    assert set(got) == set(want)
    for region, v in want.items():
        row = out.loc[out["region"] == region].iloc[0]
        assert row["unit"] == unit
        if v is None:
            assert math.isnan(got[region]), f"{region} should be missing, got {got[region]}"
            assert row["missing"] and not row["method"]
            assert len(row["fact_ids"]) == 1  # only the numerator: nothing was borrowed
        else:
            assert got[region] == pytest.approx(v)
            assert row["method"] and not row["missing"]
            n = 1 if measure == "total" else 2
            assert len(row["fact_ids"]) == n and len(row["docs"]) == n  # numerator (+ denominator) with sources


def test_index_to_base_year_and_missing_base():
    df = facts(("a", "甲", "x", "actual", 100, "亿元", "2020"), ("b", "甲", "x", "actual", 130, "亿元", "2022"),
               ("c", "乙", "x", "actual", 50, "亿元", "2021"), ("d", "乙", "x", "actual", 60, "亿元", "2022"))
    out = A.derive(df, "x", "index", base_period="2020")
    jia = out.loc[out["region"] == "甲"].set_index("period")["value"]
    assert jia["2020"] == 100 and jia["2022"] == pytest.approx(130)
    yi = out.loc[out["region"] == "乙"]
    assert yi["value"].isna().all() and yi["missing"].str.contains("2020").all()
    assert set(out.loc[(out["region"] == "甲") & (out["period"] == "2022"), "fact_ids"].iloc[0]) == {"a", "b"}
    latest = A.derive(df, "x", "index", base_period="2020", latest=True)
    assert list(latest["period"]) == ["2022", "2022"]


def test_derive_latest_and_unknown_measure():
    df = facts(("a", "甲", "x", "actual", 100, "亿元", "2020"), ("b", "甲", "x", "actual", 130, "亿元", "2022"))
    assert list(A.derive(df, "x", "total", latest=True)["period"]) == ["2022"]
    assert A.derive(df, "nothing", "total").empty
    with pytest.raises(ValueError):
        A.derive(df, "x", "per_person")


# ---------------------------------------------------------------------------------------------------------
# growth vs level
def test_growth_vs_level():
    df = facts(("a1", "甲", "x", "actual", 100, "亿元", "2021"), ("a2", "甲", "x", "actual", 121, "亿元", "2023"),
               ("b1", "乙", "x", "actual", 50, "亿元", "2022"), ("b2", "乙", "x", "change", 8, "%", "2022"),
               ("c1", "丙", "x", "actual", 70, "亿元", "2022"))
    out = A.growth_vs_level(df, "x").set_index("region")
    assert out.loc["甲", "growth"] == pytest.approx(10.0, rel=1e-3)  # two years apart: 10 % a year, not 21 %
    assert out.loc["乙", "growth"] == 8 and "stated" in out.loc["乙", "method"]
    assert math.isnan(out.loc["丙", "growth"]) and out.loc["丙", "missing"]
    assert out.loc["甲", "level"] == 121 and out.loc["甲", "fact_ids"] == ("a2", "a1")


def test_unit_conversion():
    assert A.convert(2.1, "万亿元", "亿元") == pytest.approx(21000)
    assert A.convert(1, "亿元", "个") is None
