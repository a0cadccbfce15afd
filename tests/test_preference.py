"""Where articles disagree, every value is kept and one is preferred by a rule written in data."""

import pytest

from curate.preference import Rules, apply_preferences, load_rules
from curate.schema import CuratedFact

BASE = dict(region="湖北省", region_level="province", indicator="gdp", subject="地区生产总值", kind="actual",
            unit_raw="亿元", unit="亿元", qualifier="", period="2022", period_basis="explicit", quote="q",
            start=0, end=1, confidence=0.9, status="accepted")
RULES = Rules(order=("reviewer", "statistical_source", "exact_over_bound", "later_publication", "more_precise",
                     "reviewed_over_unreviewed"),
              reasons={}, source_words=("统计局", "统计公报"), overrides={})


def fact(fid, value, doc="a.txt", **kw):
    return CuratedFact(**{**BASE, "fact_id": fid, "doc": doc, "value": value, "value_raw": kw.pop("raw", str(value)),
                          **kw})


@pytest.mark.parametrize("facts, articles, overrides, winner, rule", [
    ([fact("aaaaaaaaaaa1", 53734, doc="news.txt"), fact("aaaaaaaaaaa2", 53735, doc="bulletin.txt")],
     {"news.txt": {"source": "湖北日报", "date": "2023-03"}, "bulletin.txt": {"source": "湖北省统计局", "date": "2023-03"}},
     {}, "aaaaaaaaaaa2", "statistical_source"),
    ([fact("aaaaaaaaaaa1", 5, qualifier=">="), fact("aaaaaaaaaaa2", 5.3, doc="b.txt")], {}, {}, "aaaaaaaaaaa2",
     "exact_over_bound"),
    ([fact("aaaaaaaaaaa1", 53734, doc="early.txt"), fact("aaaaaaaaaaa2", 53700, doc="late.txt")],
     {"early.txt": {"date": "2023-01"}, "late.txt": {"date": "2023-04"}}, {}, "aaaaaaaaaaa2", "later_publication"),
    ([fact("aaaaaaaaaaa1", 3404, raw="3404"), fact("aaaaaaaaaaa2", 3404.04, doc="b.txt", raw="3404.04")], {}, {},
     "aaaaaaaaaaa2", "more_precise"),
    # a reviewer's override beats every other rule
    ([fact("aaaaaaaaaaa1", 53734, doc="news.txt"), fact("aaaaaaaaaaa2", 53735, doc="bulletin.txt")],
     {"news.txt": {"source": "湖北日报"}, "bulletin.txt": {"source": "湖北省统计局"}},
     {"aaaaaaaaaaa1": "the bulletin was revised"}, "aaaaaaaaaaa1", "reviewer"),
])
def test_the_first_rule_that_separates_the_values_decides(facts, articles, overrides, winner, rule):
    rules = Rules(RULES.order, {}, RULES.source_words, overrides)
    out = apply_preferences(facts, rules, articles)
    assert [f.fact_id for f in out if f.preferred] == [winner]
    assert all(f.alternatives == 1 and f.preferred_by == rule for f in out)


def test_agreeing_values_are_no_conflict_and_other_keys_are_untouched():
    facts = [fact("aaaaaaaaaaa1", 7), fact("aaaaaaaaaaa2", 7, doc="b.txt"),
             fact("aaaaaaaaaaa3", 8, period="2021")]
    out = apply_preferences(facts, RULES, {})
    assert [f.alternatives for f in out] == [0, 0, 0]
    assert sum(f.preferred for f in out[:2]) == 1 and out[2].preferred
    assert {f.preferred_by for f in out} == {""}


def test_rules_load_from_the_curation_folder(tmp_path):
    (tmp_path / "preferences.yaml").write_text(
        "rules:\n  - {id: later_publication, reason: newer}\n  - {id: statistical_source, reason: stats, "
        "source_words: [统计局]}\noverrides:\n  - {fact_id: abcabcabcabc, reason: checked}\n", encoding="utf-8")
    rules = load_rules(tmp_path)
    assert rules.order == ("later_publication", "statistical_source")
    assert rules.source_words == ("统计局",) and rules.overrides == {"abcabcabcabc": "checked"}


def test_shipped_dataset_prefers_one_value_per_key():
    import csv

    from curate.preference import key_of

    with open("data/indicators.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    facts = [CuratedFact(**{k: v for k, v in r.items()}) for r in rows]
    groups: dict[tuple, list[CuratedFact]] = {}
    for f in facts:
        groups.setdefault(key_of(f), []).append(f)
    assert all(sum(f.preferred for f in g) == 1 for g in groups.values())
    conflicted = [g for g in groups.values() if len({f.value for f in g}) > 1]
    assert conflicted and all(all(f.alternatives > 0 for f in g) for g in conflicted)
    assert {f.preferred_by for g in conflicted for f in g} <= {
        "reviewer", "statistical_source", "exact_over_bound", "later_publication", "more_precise",
        "reviewed_over_unreviewed", "first_in_dataset"}
