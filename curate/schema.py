"""Typed models of the facts table, the curated dataset and the curation decisions (pydantic v2).

The enums come from ``extract/columns.py`` so the contract lives in one place. Checks that need the
articles, the gazetteer or the catalogue run only when a ``Reference`` is passed as validation context
(``CuratedFact.model_validate(row, context={"reference": ref})``): the models stay usable on their own,
and the build validates every fact against the real reference data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    FiniteFloat,
    NonNegativeInt,
    PositiveInt,
    StringConstraints,
    ValidationInfo,
    model_validator,
)

from extract.columns import KINDS, PERIOD_BASES, QUALIFIERS, REGION_LEVELS, STATUSES

# '' is allowed by the type; CuratedFact decides when it is acceptable (see _reviewed_facts_are_dated).
PERIOD_PATTERN = r"^(\d{4}(-(0[1-9]|1[0-2]|H1|H2|Q[1-4]))?)?$"
OTHER_INDICATOR = "other"

FactId = Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z_-]{1,64}$")]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Period = Annotated[str, StringConstraints(pattern=PERIOD_PATTERN)]
Kind = Literal[KINDS]
RegionLevel = Literal[REGION_LEVELS]
Qualifier = Literal[QUALIFIERS]
PeriodBasis = Literal[PERIOD_BASES]
Status = Literal[STATUSES]
Confidence = Annotated[float, Field(ge=0, le=1)]

# Columns a reviewer may change with `edit`. Identity (fact_id, doc) and position (start, end) are not
# editable: a wrong span is a reject plus an add. confidence is the extractor's, not the reviewer's.
EDITABLE_COLUMNS = (
    "region", "region_level", "indicator", "subject", "kind", "value_raw", "unit_raw", "value", "unit",
    "qualifier", "period", "period_basis", "quote", "rank_of",
)


@dataclass(frozen=True)
class Reference:
    """What facts are checked against: article texts by doc, the gazetteer and the catalogue."""

    texts: dict[str, str]
    regions: dict[str, Any]  # name -> refdata.Region (anything with a .level)
    indicators: frozenset[str] = field(default_factory=frozenset)


def quote_covers_span(text: str, quote: str, start: int, end: int) -> bool:
    """True if some occurrence of ``quote`` in ``text`` contains ``text[start:end]``.

    The first occurrence at or after ``end - len(quote)`` is the only candidate that can contain the
    span; it does iff it starts at or before ``start``.
    """
    if not quote or end - start > len(quote):
        return False
    i = text.find(quote, max(0, end - len(quote)))
    return i != -1 and i <= start


def _reference_problems(fact: Fact, ref: Reference) -> str | None:
    text = ref.texts.get(fact.doc)
    if text is None:
        return f"article {fact.doc} not found"
    if fact.end > len(text):
        return f"span {fact.start}-{fact.end} lies beyond the end of {fact.doc} ({len(text)} chars)"
    if fact.quote not in text:
        return f"quote is not verbatim in {fact.doc}: {fact.quote[:40]!r}"
    if not quote_covers_span(text, fact.quote, fact.start, fact.end):
        return (f"text[{fact.start}:{fact.end}] = {text[fact.start:fact.end]!r} does not lie inside "
                f"an occurrence of the quote")
    region = ref.regions.get(fact.region)
    if region is None:
        return f"region {fact.region!r} is not in the gazetteer"
    if region.level != fact.region_level:
        return f"region_level {fact.region_level!r} but the gazetteer says {fact.region} is {region.level!r}"
    if fact.indicator != OTHER_INDICATOR and fact.indicator not in ref.indicators:
        return f"indicator {fact.indicator!r} is not in the catalogue (use one of its ids, or 'other')"
    return None


class Fact(BaseModel):
    """One row of ``facts.csv`` (../shared/spec/DATA.md); field order is the column order."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    fact_id: FactId
    doc: NonEmpty
    region: NonEmpty
    region_level: RegionLevel
    indicator: NonEmpty
    subject: str
    kind: Kind
    value_raw: str
    unit_raw: str
    value: FiniteFloat
    unit: str
    qualifier: Qualifier
    period: Period
    period_basis: PeriodBasis
    quote: NonEmpty
    start: NonNegativeInt
    end: NonNegativeInt
    confidence: Confidence
    rank_of: str = ""
    why: str = ""

    @model_validator(mode="after")
    def _span_is_ordered(self) -> Fact:
        if self.start >= self.end:
            raise ValueError(f"start {self.start} must be before end {self.end}")
        return self

    @model_validator(mode="after")
    def _matches_reference(self, info: ValidationInfo) -> Fact:
        ref = (info.context or {}).get("reference")
        if ref is not None:
            problem = _reference_problems(self, ref)
            if problem:
                raise ValueError(problem)
        return self


class CuratedFact(Fact):
    """One row of ``data/indicators.csv``: a fact plus its review status and the reviewer's note."""

    status: Status
    note: str = ""
    preferred: bool = True  # the value charts draw for its region/indicator/kind/period/unit
    alternatives: NonNegativeInt = 0  # other values the dataset holds for the same
    preferred_by: str = ""  # the rule of data/curation/preferences.yaml that decided, where values differ

    @model_validator(mode="after")
    def _reviewed_facts_are_dated(self) -> CuratedFact:
        # The extractor may fail to date a fact; a person who accepts it must give it a period.
        if not self.period and self.status != "unreviewed":
            raise ValueError(f"a {self.status} fact needs a period (add it with an edit)")
        return self


# ---- curation decisions ------------------------------------------------------------------------------


class _Decision(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    by: str | None = None
    at: date | datetime | None = None
    note: str = ""

    def note_text(self) -> str:
        """The text the dataset's ``note`` column shows for this decision."""
        parts = [getattr(self, "reason", "") or "", self.note]
        return "; ".join(p.strip() for p in parts if p and p.strip())


class FactPatch(BaseModel):
    """The ``set`` of an edit: any editable column, each checked with the type of the facts table."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    region: NonEmpty | None = None
    region_level: RegionLevel | None = None
    indicator: NonEmpty | None = None
    subject: str | None = None
    kind: Kind | None = None
    value_raw: str | None = None
    unit_raw: str | None = None
    value: FiniteFloat | None = None
    unit: str | None = None
    qualifier: Qualifier | None = None
    period: Period | None = None
    period_basis: PeriodBasis | None = None
    quote: NonEmpty | None = None
    rank_of: str | None = None

    @model_validator(mode="after")
    def _no_nulls(self) -> FactPatch:
        # A null would mean "clear this column", which no column allows; '' is the empty value.
        nulls = [k for k in self.model_fields_set if getattr(self, k) is None]
        if nulls:
            raise ValueError(f"{nulls[0]} is null; write '' for an empty text")
        if not self.model_fields_set:
            raise ValueError("nothing to change: name at least one column")
        return self

    def changes(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in sorted(self.model_fields_set)}


# What a reviewer saw of an extracted fact when deciding on it. Kept with accept and edit decisions, so a
# later extraction that says something else does not silently change what a person accepted.
SEEN_COLUMNS = ("region", "indicator", "kind", "value", "unit", "period")


class _OnSpan(_Decision):
    """A decision on an extracted fact may keep the fact's quote and offsets as the reviewer saw them (the
    browser writes both): a later extraction that moves or rewords the fact then leaves it for re-review."""

    quote: str | None = None
    span: tuple[NonNegativeInt, NonNegativeInt] | None = None

    def stale_for(self, row: dict) -> str:
        """Why this decision no longer fits the extracted ``row`` ('' when it does)."""
        if self.span is not None:
            try:
                now = (int(row.get("start", -1)), int(row.get("end", -1)))
            except (TypeError, ValueError):
                now = (-1, -1)
            if tuple(self.span) != now:
                return f"needs re-review: decided on {self.span[0]}-{self.span[1]}, the fact is now at {now[0]}-{now[1]}"
        if self.quote is not None and self.quote != str(row.get("quote", "")):
            return "needs re-review: the fact's quote changed since the decision"
        return ""


class Accept(_OnSpan):
    action: Literal["accept"]
    fact_id: FactId
    reason: str = ""
    seen: FactPatch | None = None


class Reject(_OnSpan):
    action: Literal["reject"]
    fact_id: FactId
    reason: Reason
    seen: FactPatch | None = None


class Edit(_OnSpan):
    action: Literal["edit"]
    fact_id: FactId
    fields: FactPatch = Field(alias="set")
    reason: Reason
    seen: FactPatch | None = None


class Add(_Decision):
    """A fact the extractor missed. Written with its columns under ``set`` in the file; flattened here."""

    action: Literal["add"]
    doc: str = ""  # filled from the curation file's doc
    quote: NonEmpty
    number: NonEmpty  # the number as written in the quote
    occurrence: PositiveInt | None = None  # which match of `number` inside the quote, if it repeats
    region: NonEmpty
    region_level: RegionLevel | None = None  # from the gazetteer when not given
    indicator: NonEmpty
    subject: NonEmpty
    kind: Kind
    value: FiniteFloat
    unit: str
    value_raw: str | None = None  # defaults to `number`
    unit_raw: str = ""
    qualifier: Qualifier = ""
    period: Annotated[str, StringConstraints(pattern=PERIOD_PATTERN, min_length=4)]
    period_basis: PeriodBasis
    rank_of: str = ""
    reason: str = ""

    @model_validator(mode="before")
    @classmethod
    def _lift_set(cls, data: Any) -> Any:
        if not isinstance(data, dict) or "set" not in data:
            return data
        inner = data["set"]
        if not isinstance(inner, dict):
            raise ValueError("set must be a mapping of column: value")
        clash = sorted(set(inner) & (set(data) - {"set"}))
        if clash:
            raise ValueError(f"{clash[0]} is given both in set and beside it")
        return {**{k: v for k, v in data.items() if k != "set"}, **inner}


Decision = Annotated[Accept | Reject | Edit | Add, Field(discriminator="action")]
ACTIONS = ("accept", "reject", "edit", "add")


class Checked(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    by: str | None = None
    at: date | datetime | None = None


class CurationFile(BaseModel):
    """``data/curation/<stem>.yaml``: the decisions about one article."""

    model_config = ConfigDict(extra="forbid")

    doc: NonEmpty
    # "checked: nothing missing": someone read the whole article and every fact in it is decided or added
    checked: Checked | None = None
    decisions: list[Decision] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _empty_list(cls, data: Any) -> Any:
        # `decisions:` with nothing under it (a fresh file) loads as null
        if isinstance(data, dict) and data.get("decisions", ()) is None:
            return {**data, "decisions": []}
        return data

    @model_validator(mode="after")
    def _adds_belong_to_doc(self) -> CurationFile:
        for i, d in enumerate(self.decisions):
            if isinstance(d, Add):
                if d.doc and d.doc != self.doc:
                    raise ValueError(f"decision {i + 1} adds to {d.doc}, but this file is about {self.doc}")
                if not d.doc:
                    self.decisions[i] = d.model_copy(update={"doc": self.doc})
        return self


class Dataset(BaseModel):
    """The whole curated table: ids unique, rows in (doc, start, fact_id) order."""

    facts: list[CuratedFact]

    @model_validator(mode="after")
    def _unique_and_sorted(self) -> Dataset:
        seen: set[str] = set()
        for f in self.facts:
            if f.fact_id in seen:
                raise ValueError(f"fact_id {f.fact_id} occurs twice")
            seen.add(f.fact_id)
        keys = [sort_key(f) for f in self.facts]
        if keys != sorted(keys):
            raise ValueError("rows are not sorted by doc, start, fact_id")
        return self


def sort_key(fact: Fact) -> tuple[str, int, str]:
    return (fact.doc, fact.start, fact.fact_id)


_PATTERN_HELP = {
    "period": "is not YYYY, YYYY-MM, YYYY-H1/H2 or YYYY-Q1..Q4",
    "fact_id": "is not an id (letters, digits, '_' or '-')",
}


def error_message(err: dict) -> str:
    """The message of one pydantic error, in words a reviewer can act on (no regexes, no 'Value error')."""
    field_name = next((p for p in reversed(err["loc"]) if isinstance(p, str)), "")
    if err["type"] == "string_pattern_mismatch" and field_name in _PATTERN_HELP:
        return f"{err['input']!r} {_PATTERN_HELP[field_name]}"
    msg = err["msg"].removeprefix("Value error, ")
    if "input" in err and not isinstance(err["input"], dict | list) and err["type"] != "value_error":
        msg += f" (got {err['input']!r})"
    return msg
