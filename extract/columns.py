"""Column contract of the facts table (../shared/spec/DATA.md). Other tools read these names."""

FACT_COLUMNS = [
    "fact_id",
    "doc",
    "region",
    "region_level",
    "indicator",
    "subject",
    "kind",
    "value_raw",
    "unit_raw",
    "value",
    "unit",
    "qualifier",
    "period",
    "period_basis",
    "quote",
    "start",
    "end",
    "confidence",
]

# The curated dataset adds these two.
CURATED_COLUMNS = FACT_COLUMNS + ["status", "note"]

KINDS = ("actual", "target", "change", "rank")
REGION_LEVELS = ("nation", "province", "city", "area")
QUALIFIERS = ("", ">=", "<=", "~")
PERIOD_BASES = ("explicit", "relative", "article")
STATUSES = ("accepted", "edited", "added", "unreviewed")
