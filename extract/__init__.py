"""Extraction: article text -> facts (``python -m extract ARTICLES -o OUT``; ``python -m extract explain ARTICLE``).

Stages over a parsed document (``document``): numbers (``numbers``, ``units``), region mentions (``regions``),
then one resolver per question in ``resolve/`` (facthood, region scope, period, kind, subject, indicator), with
the cue words of news prose as data (``cues.yaml``). ``pipeline.extract_article`` is the one entry point.
Human decisions on the facts live in the ``curate`` package.
"""
