"""Offline pipeline: articles -> extracted facts -> curated dataset.

Stages, each one module with one entry point:
- ``extract.pipeline``: article text -> facts (``python -m extract ARTICLES -o OUT``)
- ``extract.build``: facts + curation decisions -> curated dataset (``python -m extract.build``)
- ``extract.review``: list and decide unreviewed facts (``python -m extract.review``)
"""
