"""Alternations of many literal words as a prefix tree, for the regex engine.

``re`` tries the branches of ``北京市|北京|南京市|…`` one after another at every position; with 800 region
names that is 800 tries wherever a name could start. Written as a tree (``北京(?:市)?|南京(?:市)?``) it tries
one branch per character of the name. The greedy ``?`` keeps longest-first: where 北京市 and 北京 both fit,
the tree goes as deep as the text allows, as the old longest-first alternation did.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""  # a key no character can be: marks the end of a word


def trie_alternation(words: Iterable[str]) -> str:
    """A regex (no capturing groups) matching exactly the words given, longest where several fit."""
    root: dict = {}
    for w in words:
        if not w:
            raise ValueError("an empty word would match everywhere")
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return _node_regex(root)


def _node_regex(node: dict) -> str:
    branches = [re.escape(ch) + _node_regex(child) for ch, child in sorted(node.items()) if ch != _END]
    if not branches:
        return ""
    if _END in node:
        return "(?:" + "|".join(branches) + ")?"
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"
