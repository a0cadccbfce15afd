"""Where articles disagree on one value, keep every value and prefer one by rules written in data.

Facts are compared within a key: region, indicator, kind, period, unit (and subject, for indicator
``other``). Where a key has more than one distinct value, the rules of ``data/curation/preferences.yaml``
are tried in order, and the first that separates the candidates decides; each fact records whether it is
preferred, how many other values its key has, and the rule's id.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from curate.schema import CuratedFact
from extract.refdata import load_catalogue

PREFERENCES_NAME = "preferences.yaml"


@dataclass(frozen=True)
class Rules:
    order: tuple[str, ...]
    reasons: dict[str, str]
    source_words: tuple[str, ...]
    overrides: dict[str, str]  # fact_id -> reason


def load_rules(curation_dir: Path) -> Rules:
    path = curation_dir / PREFERENCES_NAME
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    rules = data.get("rules") or [{"id": r} for r in ("reviewer", "statistical_source", "exact_over_bound",
                                                        "later_publication", "more_precise", "reviewed_over_unreviewed")]
    words: tuple[str, ...] = ()
    for r in rules:
        words += tuple(r.get("source_words") or ())
    overrides = {str(o["fact_id"]): str(o.get("reason", "")) for o in (data.get("overrides") or [])}
    return Rules(tuple(r["id"] for r in rules), {r["id"]: r.get("reason", "") for r in rules}, words, overrides)


def _digits(value_raw: str) -> int:
    return sum(ch.isdigit() for ch in value_raw.lstrip("-").lstrip("0").replace(".", ""))


def _score(rule: str, f: CuratedFact, rules: Rules, articles: dict[str, dict]) -> Any:
    """Higher is preferred."""
    meta = articles.get(f.doc, {})
    if rule == "reviewer":
        return f.fact_id in rules.overrides
    if rule == "statistical_source":
        text = f"{meta.get('source', '')} {meta.get('title', '')}"
        return any(w in text for w in rules.source_words)
    if rule == "exact_over_bound":
        return f.qualifier == ""
    if rule == "later_publication":
        return str(meta.get("date", ""))
    if rule == "more_precise":
        return _digits(f.value_raw)
    if rule == "reviewed_over_unreviewed":
        return f.status != "unreviewed"
    return 0


# Words before a stock that do not change what is counted (累计建成5G基站 = 5G基站), and endings that do not
# either (5G基站数量) — the same reading as the app's series (dashboard.data.series_of).
_SAME_PREFIXES = ("累计建成", "已建成", "建成", "累计开通", "已开通", "开通", "累计", "拥有", "共有", "现有")
_SAME_SUFFIXES = ("", "数量", "总数")


def series_of(f: CuratedFact) -> str:
    """'' for the indicator's own measure, else the subject (室外5G基站 and 5G基站 are different measures)."""
    subject = f.subject.strip()
    if f.indicator == "other":
        return subject
    ind = load_catalogue().get(f.indicator)
    if ind is None or not subject:
        return ""
    bare = next((subject[len(p):] for p in _SAME_PREFIXES if subject.startswith(p) and len(subject) > len(p)), subject)
    names = {ind.zh + s for s in _SAME_SUFFIXES} | set(ind.same_measure)
    return "" if subject in names or bare in names else subject


def key_of(f: CuratedFact) -> tuple:
    """What must be equal for two values to disagree: the same measure (series) of one region, kind, period and
    unit; ranks of different pools (全国第8, 中部第1) do not disagree."""
    return (f.region, f.indicator, f.kind, f.period, f.unit, series_of(f), f.rank_of)


def apply_preferences(facts: list[CuratedFact], rules: Rules, articles: dict[str, dict]) -> list[CuratedFact]:
    """The facts with preferred / alternatives / preferred_by set; order kept."""
    groups: dict[tuple, list[int]] = {}
    for i, f in enumerate(facts):
        groups.setdefault(key_of(f), []).append(i)
    out = list(facts)
    for idx in groups.values():
        values = {round(facts[i].value, 9) for i in idx}
        if len(values) == 1:
            # the same value from one or more articles: no conflict; the first (by the rules) stands for it
            best, rule = _pick([facts[i] for i in idx], rules, articles)
            for i in idx:
                out[i] = facts[i].model_copy(update={"preferred": facts[i] is best, "alternatives": 0,
                                                     "preferred_by": ""})
            continue
        best, rule = _pick([facts[i] for i in idx], rules, articles)
        for i in idx:
            others = len({round(facts[j].value, 9) for j in idx if round(facts[j].value, 9) != round(facts[i].value, 9)})
            out[i] = facts[i].model_copy(update={"preferred": facts[i] is best, "alternatives": others,
                                                 "preferred_by": rule})
    return out


def _pick(cands: list[CuratedFact], rules: Rules, articles: dict[str, dict]) -> tuple[CuratedFact, str]:
    pool = list(cands)
    for rule in rules.order:
        scores = [_score(rule, f, rules, articles) for f in pool]
        top = max(scores)
        kept = [f for f, s in zip(pool, scores, strict=True) if s == top]
        if len(kept) < len(pool):
            if len(kept) == 1:
                return kept[0], rule
            pool = kept
    return pool[0], "first_in_dataset"
