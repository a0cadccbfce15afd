"""Per-process caches over the pure queries and figure builders, keyed by the dataset's file signature.

``from dashboard import cached as q`` gives the same names as ``dashboard.queries``: the heavy queries are
memoised with ``st.cache_data`` (the Dataset itself is passed unhashed; its ``signature`` — file sizes and
mtimes — is the key, so a rebuilt dataset invalidates everything); every other name falls through to
``dashboard.queries``. ``figure(key, builder)`` memoises a built Plotly figure with ``st.cache_resource``
(shared, never mutated after building) as a ``FrozenFigure``, which saves rebuilding the map's large GeoJSON
traces on reruns and copying them on every ``st.plotly_chart`` call.
"""

from __future__ import annotations

import functools

import streamlit as st

from dashboard import archive as _archive
from dashboard import queries as _q
from dashboard.data import Dataset
from dashboard.figures import FrozenFigure


@st.cache_data(show_spinner=False, max_entries=512)
def _call(signature: tuple, name: str, args: tuple, kwargs: tuple, _ds: Dataset):
    if getattr(_ds, "is_archive", False):  # an extracted archive: SQL, or the query on one indicator's slice
        return _archive.query(name)(_ds, *args, **dict(kwargs))
    return getattr(_q, name)(_ds, *args, **dict(kwargs))


def _memo(name: str):
    @functools.wraps(getattr(_q, name))
    def wrapper(ds: Dataset, *args, **kwargs):
        frozen = tuple(tuple(a) if isinstance(a, list) else a for a in args)
        kw = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in kwargs.items()))
        return _call(ds.signature, name, frozen, kw, ds)

    return wrapper


values_by_region = _memo("values_by_region")
series = _memo("series")
actual_vs_target = _memo("actual_vs_target")
region_profile = _memo("region_profile")
computed_ranks = _memo("computed_ranks")
coverage = _memo("coverage")
newest_facts = _memo("newest_facts")
headline = _memo("headline")
regions_with_data = _memo("regions_with_data")
indicator_options = _memo("indicator_options")
period_options = _memo("period_options")
kinds_for = _memo("kinds_for")
region_groups = _memo("region_groups")
article_summary = _memo("article_summary")
facts_with_articles = _memo("facts_with_articles")
map_default_indicator = _memo("map_default_indicator")
best_period = _memo("best_period")
default_custom_regions = _memo("default_custom_regions")


def facts_for(ds: Dataset, indicator: str, kind: str | None = None, levels=None):
    """dashboard.queries.facts_for; on an archive from the indicator's (and kind's) compact slice."""
    if getattr(ds, "is_archive", False):
        return _archive.facts_for(ds, indicator, kind, levels)
    return _q.facts_for(ds, indicator, kind, levels)


def alternatives_of(ds: Dataset, fact_id: str):
    """dashboard.queries.alternatives_of; on an archive SQL-free: its facts carry no conflict marks."""
    if getattr(ds, "is_archive", False):
        return _archive.alternatives_of(ds, fact_id)
    return _q.alternatives_of(ds, fact_id)


@st.cache_resource(show_spinner=False, max_entries=128)
def _figure(key: tuple, _builder):
    return FrozenFigure(_builder())


def figure(key: tuple, builder):
    """The figure ``builder()`` returns, built once per ``key`` (include the dataset signature and language)."""
    return _figure(key, builder)


def __getattr__(name: str):
    return getattr(_q, name)
