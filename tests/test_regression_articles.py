"""Whole-article regression: seed articles and the project's own fixture articles, against facts it labelled."""

from pathlib import Path

import pytest
import yaml

from extract.pipeline import extract_article
from extract.textio import read_article_text, read_sidecar

REPO = Path(__file__).resolve().parents[1]
FIXTURES = sorted((REPO / "tests" / "fixtures" / "regression").glob("*.yaml"))


def load(fixture: Path):
    spec = yaml.safe_load(fixture.read_text(encoding="utf-8"))
    path = REPO / spec.get("dir", "data/articles") / spec["doc"]
    text = read_article_text(path)
    rows = extract_article(text, spec["doc"], read_sidecar(path.with_suffix(".yaml")))
    return spec, text, rows


def span_of(text: str, context: str, number: str) -> tuple[int, int]:
    at = text.find(context)
    assert at >= 0, f"context not in article: {context}"
    inner = context.find(number)
    assert inner >= 0, f"{number} not in {context}"
    return at + inner, at + inner + len(number)


CASES = []
for fx in FIXTURES:
    spec = yaml.safe_load(fx.read_text(encoding="utf-8"))
    CASES += [pytest.param(fx, f, id=f"{fx.stem[:3]}-{f['context']}") for f in spec["facts"]]


@pytest.mark.parametrize("fixture, fact", CASES)
def test_labelled_fact_is_extracted(fixture, fact):
    _spec, text, rows = load(fixture)
    start, end = span_of(text, fact["context"], fact["number"])
    found = [r for r in rows if r["start"] == start and r["end"] == end]
    assert found, f"not extracted: {fact}"
    row = found[0]
    for key in ("region", "kind", "period", "indicator", "rank_of"):
        if key in fact:
            assert row[key] == str(fact[key]), (key, row)


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem[:3])
def test_labelled_non_facts_are_not_extracted(fixture):
    spec, text, rows = load(fixture)
    for context in spec["not_facts"]:
        at = text.find(context)
        assert at >= 0, context
        inside = [r for r in rows if at <= r["start"] < at + len(context)]
        assert not inside, (context, inside)
