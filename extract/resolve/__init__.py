"""One resolver per question about a number token.

- ``facthood``: is it a fact at all (not a date, a label, an ordinal, a size class), and its qualifier
- ``kind``: actual, change, target or rank
- ``region``: which region it is about (with the discourse scope that carries regions between sentences)
- ``subject``: the shortest phrase naming the quantity as the article words it
"""
