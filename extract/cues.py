"""The cue lexicon (``cues.yaml``): word lists of news prose, each entry with its reason, as regex pieces."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from extract.trie import guarded

CUES_FILE = Path(__file__).with_name("cues.yaml")


@lru_cache(maxsize=1)
def lexicon() -> dict[str, list[dict]]:
    data = yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))
    for name, entries in data.items():
        for e in entries:
            if not e.get("reason") or ("word" in e) == ("pattern" in e):
                raise ValueError(f"cues.yaml {name}: each entry needs a reason and exactly one of word/pattern: {e}")
    return data


def words(name: str) -> tuple[str, ...]:
    """The literal words of a list (entries given as patterns are left out)."""
    return tuple(e["word"] for e in lexicon()[name] if "word" in e)


def alternation(name: str) -> str:
    """A regex alternation of a list: words escaped, longest first so 位居 wins over 居; patterns as given."""
    entries = lexicon()[name]
    lits = sorted((e["word"] for e in entries if "word" in e), key=len, reverse=True)
    pats = [e["pattern"] for e in entries if "pattern" in e]
    joined = "|".join([*(re.escape(w) for w in lits), *pats])
    # Words alone: re skips ahead to their first characters by itself. A pattern that opens with a look-behind
    # or a group stops that, and the whole list is tried at every position; a look-ahead restores the skip.
    return guarded(joined) if pats else joined


def reason(name: str, cue: str) -> str:
    """Why ``cue`` is in list ``name`` (for explanations); '' if it is not a literal entry."""
    return next((e["reason"] for e in lexicon()[name] if e.get("word") == cue), "")
