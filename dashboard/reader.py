"""Article reader: split an article into paragraphs of plain-text pieces and highlighted numbers.

Pure functions (no Streamlit). The page renders ``Text`` pieces with ``st.text`` (never interpreted as
Markdown or HTML) and ``Number`` pieces as buttons whose label is the number as written — but only when that
label is made of digits and number characters (``SAFE_NUMBER``); anything else is shown as text followed by
a neutral marker, so nothing from the article ever reaches a Markdown-interpreting label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SAFE_NUMBER = re.compile(r"^[0-9０-９.．,，%％\s一二三四五六七八九十百千万亿两零〇点负几余多]+$")
BREAK_AFTER = "，。；、：！？,;:!?）)"
# the least-reviewed status colours a number several facts share; a rejected fact only if it is alone there
STATUS_ORDER = {"unreviewed": 3, "edited": 2, "added": 1, "accepted": 0, "rejected": -1}


@dataclass
class Text:
    text: str


@dataclass
class Number:
    text: str  # the article text at [start:end]
    start: int
    end: int
    fact_ids: list[str] = field(default_factory=list)
    status: str = "accepted"  # the least-reviewed status among its facts

    @property
    def safe_label(self) -> str | None:
        return self.text if SAFE_NUMBER.match(self.text or "") else None


@dataclass
class Paragraph:
    index: int
    start: int
    pieces: list  # Text | Number

    @property
    def has_numbers(self) -> bool:
        return any(isinstance(p, Number) for p in self.pieces)


def spans(text: str, facts) -> tuple[list[Number], list[str]]:
    """Valid, non-overlapping number spans (facts sharing a span share a Number) and ids with bad offsets.

    ``facts``: iterable of (fact_id, start, end, status).
    """
    bad: list[str] = []
    by_span: dict[tuple[int, int], Number] = {}
    n = len(text)
    for fid, start, end, status in facts:
        try:
            s, e = int(start), int(end)
        except (TypeError, ValueError):
            bad.append(str(fid))
            continue
        if not (0 <= s < e <= n) or "\n" in text[s:e]:
            bad.append(str(fid))
            continue
        num = by_span.get((s, e))
        if num is None:
            num = by_span[(s, e)] = Number(text=text[s:e], start=s, end=e, status=str(status))
        num.fact_ids.append(str(fid))
        if STATUS_ORDER.get(str(status), 3) > STATUS_ORDER.get(num.status, 3):
            num.status = str(status)
    out: list[Number] = []
    last_end = -1
    for num in sorted(by_span.values(), key=lambda x: (x.start, -x.end)):
        if num.start < last_end:  # overlapping span: attach its facts to the previous number
            prev = out[-1]
            prev.fact_ids.extend(i for i in num.fact_ids if i not in prev.fact_ids)
            if STATUS_ORDER.get(num.status, 3) > STATUS_ORDER.get(prev.status, 3):
                prev.status = num.status
            continue
        out.append(num)
        last_end = num.end
    return out, bad


PIECE_MIN = 16  # characters: shorter runs stay together (every piece is an element the browser must draw)


def _split_text(s: str) -> list[Text]:
    """Cut plain text after punctuation so a paragraph reflows around the highlighted numbers; a piece is
    cut only once it is PIECE_MIN characters long, which keeps a page's element count (and its draw time)
    down without leaving wide gaps at line ends."""
    pieces, buf = [], []
    for ch in s:
        buf.append(ch)
        if ch in BREAK_AFTER and len(buf) >= PIECE_MIN:
            pieces.append(Text("".join(buf)))
            buf = []
    if buf:
        pieces.append(Text("".join(buf)))
    return pieces


def paragraphs(text: str, numbers: list[Number]) -> list[Paragraph]:
    """The article as paragraphs (split on newlines; blank lines dropped) with numbers placed in them."""
    out: list[Paragraph] = []
    pos = 0
    ni = 0
    for idx, line in enumerate(text.split("\n")):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        nums = []
        while ni < len(numbers) and numbers[ni].start < end:
            if numbers[ni].start >= start:
                nums.append(numbers[ni])
            ni += 1
        if not nums:
            out.append(Paragraph(idx, start, [Text(line)]))
            continue
        pieces: list = []
        cur = start
        for num in nums:
            if num.start > cur:
                pieces.extend(_split_text(text[cur:num.start]))
            pieces.append(num)
            cur = num.end
        if cur < end:
            pieces.extend(_split_text(text[cur:end]))
        out.append(Paragraph(idx, start, pieces))
    return out


def reassemble(pars: list[Paragraph]) -> str:
    """Concatenate the pieces back (tests: nothing is lost or altered)."""
    return "\n".join("".join(p.text for p in par.pieces) for par in pars)


def search(texts: dict[str, str], query: str, context: int = 30, limit: int = 3) -> dict[str, list[str]]:
    """Case-insensitive literal search: doc → a few snippets around the matches."""
    query = (query or "").strip()
    if not query:
        return {}
    pat = re.compile(re.escape(query), re.IGNORECASE)
    hits: dict[str, list[str]] = {}
    for doc, text in texts.items():
        snippets = []
        for m in pat.finditer(text):
            a, b = max(0, m.start() - context), min(len(text), m.end() + context)
            snippets.append(("…" if a > 0 else "") + text[a:b].replace("\n", " ") + ("…" if b < len(text) else ""))
            if len(snippets) >= limit:
                break
        if snippets:
            hits[doc] = snippets
    return hits


# ---------------------------------------------------------------------------------------------------------
# the text a reader sees: cleaned (Simplified, no glued pinyin, no page-flow or heading marks) and reflowed
LINE_END = "。！？；：…”’」』）)!?;:》】"
SOFT_BREAK_MIN = 12  # a line this long that stops mid-sentence was wrapped by the source, not by the author


@dataclass
class Display:
    text: str
    omap: list[int]  # omap[i] = index in the original of text[i]; omap[len(text)] = len(original)

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The displayed [start, end) of the original span, or None when it does not survive cleaning."""
        import bisect

        s = bisect.bisect_left(self.omap, start, 0, len(self.text))
        e = bisect.bisect_left(self.omap, end, 0, len(self.text) + 1)
        if s >= e or s >= len(self.text) or self.omap[s] != start:
            return None
        return s, e


def _soft_breaks(text: str) -> list[int]:
    """Positions of newlines that only wrap a sentence (a single newline after a long line that stops
    mid-sentence, before a line that continues it)."""
    out = []
    pos = text.find("\n")
    while pos >= 0:
        line_start = text.rfind("\n", 0, pos) + 1
        prev = text[line_start:pos].rstrip()
        nxt_end = text.find("\n", pos + 1)
        nxt = text[pos + 1: nxt_end if nxt_end >= 0 else len(text)].strip()
        if (len(prev) >= SOFT_BREAK_MIN and nxt and prev[-1] not in LINE_END
                and not nxt.startswith(("#", "-", "*", "（一", "一、", "二、", "三、", "四、", "五、"))):
            out.append(pos)
        pos = text.find("\n", pos + 1)
    return out


def display_text(original: str) -> Display:
    """The article as the reader shows it by default; ``Display.span`` maps a fact's original offsets."""
    try:
        from extract.clean import clean
    except ImportError:  # no extractor: the original, as it is
        return Display(original, [*range(len(original)), len(original)])
    ct = clean(original)
    text, omap = ct.text, list(ct.omap)
    soft = set(_soft_breaks(text))
    if soft:
        chars, keep = [], []
        for i, ch in enumerate(text):
            if i in soft:
                a, b = text[i - 1:i], text[i + 1:i + 2]
                if a.isascii() and a.isalnum() and b.isascii() and b.isalnum():
                    chars.append(" ")  # Latin words either side: a space, not nothing
                    keep.append(omap[i])
                continue
            chars.append(ch)
            keep.append(omap[i])
        text, omap = "".join(chars), [*keep, omap[-1]]
    return Display(text, omap)
