"""Curation: human decisions on extracted facts, and the curated dataset built from both.

articles -> ``extract`` -> facts.csv -> ``curate`` (+ data/curation/*.yaml) -> data/indicators.csv -> dashboard

- ``curate.curation``: reading and validating decision files (accept, reject, edit, add)
- ``curate.schema``: the facts table and decisions as pydantic models
- ``curate.review``: list and decide unreviewed facts; per-article review statistics
- ``curate.build``: facts + decisions -> the curated dataset (``python -m curate.build``)
"""
