"""The document model: paragraphs, headings, sentences and clauses, as offsets into the cleaned text.

Every later stage works on these spans; none of them re-splits the text.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from extract import patterns as P
from extract.refdata import NATION
from extract.regions import SECTION, find_mentions

HEADING_MAX_CHARS = 36
_TERMINAL = tuple("。！？!?；;，,、：:…")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-empty lines, trimmed of surrounding blanks."""
    out, pos = [], 0
    for line in text.split("\n"):
        s, e = pos, pos + len(line)
        while s < e and text[s] in " \t\r":
            s += 1
        while e > s and text[e - 1] in " \t\r":
            e -= 1
        if e > s:
            out.append((s, e))
        pos += len(line) + 1
    return out


def is_heading(para: str) -> bool:
    """A headline, section title or byline: short, unpunctuated; or a region name and a colon (浙江：…)."""
    m = P.HEADING_WITH_COLON.match(para)
    if m and any(x.region not in (SECTION, NATION) and x.start == 0 for x in find_mentions(m.group(1))):
        return True
    return (len(para) <= HEADING_MAX_CHARS and not para.endswith(_TERMINAL) and not re.search(r"[。，,；;]", para)
            and bool(P.CJK_CHAR.search(para)))


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    for m in P.SENTENCE_SPLIT.finditer(text, start, end):
        if m.end() > m.start():
            out.append((m.start(), m.end()))
    return out


_CLAUSE_DELIM = re.compile(f"[{re.escape(P.CLAUSE_DELIMS)}]")


def clause_bounds(text: str, sent: tuple[int, int], pos: int) -> tuple[int, int]:
    """The clause (between ，；：。) of ``sent`` that holds ``pos``."""
    delims = _clause_delims(text, sent[0], sent[1])
    i = bisect.bisect_left(delims, pos)
    return (delims[i - 1] + 1 if i else sent[0]), (delims[i] if i < len(delims) else sent[1])


@lru_cache(maxsize=64)
def _clause_delims(text: str, start: int, end: int) -> tuple[int, ...]:
    """Where the clause delimiters of text[start:end] stand; kept, as every number and region of a sentence
    asks for its clause (the text's hash is computed once per string, so the key is cheap)."""
    return tuple(m.start() for m in _CLAUSE_DELIM.finditer(text, start, end))


def masked_spans(text: str) -> list[tuple[int, int]]:
    """Quoted names and book titles: numbers inside them are part of a name (“1+16+X”, 《…2023年》)."""
    return [m.span() for m in P.QUOTED.finditer(text)]
