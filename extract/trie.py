"""Alternations of many literal words as a prefix tree, for the regex engine.

``re`` tries the branches of ``北京市|北京|南京市|…`` one after another at every position; with 800 region
names that is 800 tries wherever a name could start. Written as a tree (``北京(?:市)?|南京(?:市)?``) it tries
one branch per character of the name. The greedy ``?`` keeps longest-first: where 北京市 and 北京 both fit,
the tree goes as deep as the text allows, as the old longest-first alternation did.
"""

from __future__ import annotations

import math
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
    firsts = sorted(ch for ch in root if ch != _END)
    if len(firsts) <= _BUCKET_ABOVE:
        return _node_regex(root)
    # Hundreds of first characters (800 region names start with 260): re would still try the first-level
    # branches one by one wherever any of them fits. In buckets behind a look-ahead on their own characters, it
    # skips a bucket with one class test, then tries the few branches of the one that fits.
    size = max(_BUCKET_ABOVE // 2, math.ceil(2 * math.sqrt(len(firsts))))
    buckets = []
    for i in range(0, len(firsts), size):
        chunk = firsts[i:i + size]
        branches = "|".join(re.escape(ch) + _node_regex(root[ch]) for ch in chunk)
        buckets.append(f"(?=[{re.escape(''.join(chunk))}])(?:{branches})")
    return "(?:" + "|".join(buckets) + ")"


_BUCKET_ABOVE = 32  # first-level branches beyond which they are bucketed


def _node_regex(node: dict) -> str:
    branches = [re.escape(ch) + _node_regex(child) for ch, child in sorted(node.items()) if ch != _END]
    if not branches:
        return ""
    if _END in node:
        return "(?:" + "|".join(branches) + ")?"
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


def first_chars(pattern: str) -> str | None:
    """Every character a match of ``pattern`` can start with, or None when that is not a short list (a class
    like \\d or [一-龥], ``.``, or a match that may be empty). Look-arounds are skipped: they consume nothing.

    ``(?=[…])`` + pattern is then the same regex, faster to scan with: ``re`` tries an alternation at every
    position, and when its branches open with look-behinds or groups it cannot skip ahead by itself."""
    from re import _constants as C
    from re import _parser

    def first(items, start: int = 0) -> tuple[set[str], bool] | None:
        """(characters, whether items[start:] may match the empty string), or None when unknown."""
        chars: set[str] = set()
        for op, av in list(items)[start:]:
            if op is C.LITERAL:
                return chars | {chr(av)}, False
            if op is C.IN:
                got = set()
                for iop, iav in av:
                    if iop is not C.LITERAL:
                        return None  # ranges, categories, negation: not a short list
                    got.add(chr(iav))
                return chars | got, False
            if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
                continue
            if op is C.SUBPATTERN:
                sub = first(av[3])
            elif op is C.BRANCH:
                subs = [first(alt) for alt in av[1]]
                if any(s is None for s in subs):
                    return None
                sub = (set().union(*(s[0] for s in subs)), any(s[1] for s in subs))
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
                inner = first(av[2])
                sub = None if inner is None else (inner[0], inner[1] or av[0] == 0)
            else:
                return None
            if sub is None:
                return None
            chars |= sub[0]
            if not sub[1]:
                return chars, False
        return chars, True

    got = first(_parser.parse(pattern))
    if got is None or got[1] or not got[0]:
        return None
    return "".join(sorted(got[0]))


def guarded(pattern: str) -> str:
    """``pattern`` behind a look-ahead on the characters it can start with (``first_chars``), if known."""
    chars = first_chars(pattern)
    if chars is None:
        return pattern
    return f"(?=[{re.escape(chars)}])(?:{pattern})"
