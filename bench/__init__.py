"""Benchmarks for the current checkout: ``python -m bench [extract|pages|load]`` prints figures.

They never assert times; bench/RESULTS.md records what was measured, when and where.
"""
