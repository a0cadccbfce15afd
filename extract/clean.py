"""Cleaning article text while keeping a map back to the original.

Every cleaning step either deletes characters or replaces one character by one character, so the
cleaned text carries, for each of its characters, the index of that character in the original.
``CleanText.to_original(start, end)`` turns a span of the cleaned text back into the original span.
"""

from __future__ import annotations

import operator
import re
from array import array
from dataclasses import dataclass
from functools import lru_cache

from extract import patterns as P

# Full-width digits, letters and a few symbols have half-width twins; one character maps to one.
_FULLWIDTH = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}
_FULLWIDTH.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})
_FULLWIDTH.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})
_FULLWIDTH.update({"％": "%", "．": ".", "－": "-", "～": "~", "＋": "+", "／": "/", "\u3000": " ", "\xa0": " "})
_FULLWIDTH_TABLE = str.maketrans(_FULLWIDTH)
# Runs of those characters: most articles have none or a few, so only the runs are translated.
_FULLWIDTH_RUN = re.compile("[" + "".join(re.escape(c) for c in _FULLWIDTH) + "]+")


def _halfwidth(text: str) -> str:
    return _FULLWIDTH_RUN.sub(lambda m: m.group().translate(_FULLWIDTH_TABLE), text)


_identity = array("l")


def _identity_map(start: int, end: int) -> array:
    """array('l', range(start, end)), sliced from one kept identity array (a copy, not a loop over ints)."""
    global _identity
    if len(_identity) < end:
        _identity = array("l", range(max(end, 2 * len(_identity))))
    return _identity[start:end]

SAMPLE_CHARS = 4000  # enough prose to tell Traditional from Simplified
TRADITIONAL_SHARE = 0.05  # share of CJK characters that t2s changes, above which a text is Traditional


@dataclass
class CleanText:
    text: str
    omap: array  # omap[i] = index in the original of text[i]; omap[len(text)] = len(original)
    original: str
    traditional: bool = False

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the cleaned span [start, end) (end exclusive, span non-empty)."""
        return self.omap[start], self.omap[end - 1] + 1

    def original_slice(self, start: int, end: int) -> str:
        s, e = self.to_original(start, end)
        return self.original[s:e]


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def _deleted_spans(text: str, html: bool) -> list[tuple[int, int]]:
    spans = [m.span() for m in P.PINYIN_ANNOTATION.finditer(text)]
    spans += [m.span() for m in P.PAGE_FLOW_MARKER.finditer(text)]
    spans += [m.span(1) for m in P.MARKDOWN_HEADING_MARK.finditer(text)]
    if html:
        spans += [m.span() for m in P.HTML_SCRIPT_STYLE.finditer(text)]
        spans += [m.span() for m in P.HTML_TAG.finditer(text)]
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def _to_simplified(text: str) -> tuple[str, bool]:
    """Convert to Simplified only when the text is Traditional; length is kept character for character."""
    # Decide on a sample: a Traditional article is Traditional throughout its opening.
    sample = text[:SAMPLE_CHARS]
    cjk = len(P.NON_CJK_RUN.sub("", sample))
    if not cjk:
        return text, False
    converted_sample = _t2s().convert(sample)
    if converted_sample == sample:
        return text, False  # nothing for t2s to change: the common case, decided without counting
    if len(converted_sample) == len(sample):
        changed = sum(map(operator.ne, sample, converted_sample))
    else:
        changed = sum(1 for ch in sample if _t2s().convert(ch) != ch)
    if changed < TRADITIONAL_SHARE * cjk:
        # Simplified text: t2s would rewrite names (王兴於 -> 王兴于), so leave it alone.
        return text, False
    converted = _t2s().convert(text)
    if len(converted) == len(text):
        return converted, True
    # A phrase conversion changed the length somewhere: fall back to one character at a time.
    out = []
    for ch in text:
        c = _t2s().convert(ch)
        out.append(c if len(c) == 1 else ch)
    return "".join(out), True


def clean(original: str, *, html: bool = False) -> CleanText:
    """Remove pinyin glued into characters, page-flow markers and (for HTML pages) tags; normalise
    full-width characters; convert Traditional to Simplified when the article is Traditional."""
    deleted = _deleted_spans(original, html)
    pieces: list[str] = []
    omap = array("l")
    pos = 0
    for s, e in deleted + [(len(original), len(original))]:
        if s > pos:
            pieces.append(original[pos:s])
            omap.extend(_identity_map(pos, s))
        pos = max(pos, e)
    text = _halfwidth("".join(pieces))
    # Lone surrogates cannot come from a decoded file, but a caller's str may hold them; OpenCC cannot encode
    # them, so they become U+FFFD (one character for one, offsets unchanged).
    text = P.LONE_SURROGATE.sub("\ufffd", text)
    text, traditional = _to_simplified(text)
    omap.append(len(original))
    return CleanText(text=text, omap=omap, original=original, traditional=traditional)
