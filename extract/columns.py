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
    "rank_of",  # for a rank: the pool it is within (全国, 中部地区 …), '' where the text names none
    "why",  # how region, period, kind and indicator were decided: question:rule@evidence offsets; …
]

# Added to the contract after the first datasets were written: a facts.csv without them still reads ('').
OPTIONAL_FACT_COLUMNS = ("rank_of", "why")

# The curated dataset adds the review status and note, and where articles disagree on one value (same
# region, indicator, kind, period, unit): whether this value is the preferred one, how many other values
# there are, and which rule of data/curation/preferences.yaml preferred it.
CURATED_COLUMNS = FACT_COLUMNS + ["status", "note", "preferred", "alternatives", "preferred_by"]

KINDS = ("actual", "target", "change", "rank")
REGION_LEVELS = ("nation", "province", "city", "area")
QUALIFIERS = ("", ">=", "<=", "~")
PERIOD_BASES = ("explicit", "relative", "article")
STATUSES = ("accepted", "edited", "added", "unreviewed")
