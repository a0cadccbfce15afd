"""Reading numbers as written in Chinese news: Arabic digits, Chinese numerals, magnitudes, units.

``find_numbers(text)`` yields every number token with its span in ``text``; deciding which tokens are
facts is the pipeline's job. Values are plain floats; conversion to canonical units is in ``units``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from extract import patterns as P
from extract import unit_table

MAGNITUDE_VALUE = unit_table.magnitudes()
_CHINESE_NUMERAL_RE = re.compile(P.CHINESE_NUMERAL)
_ARABIC_RE = re.compile(P.ARABIC)


INDUSTRY_SHARE_FORM = "industry_share:"  # + 1/2/3: a term of 三次产业比例A∶B∶C, that industry's share of GDP


class NumberToken(NamedTuple):
    """One number as written. A named tuple rather than a frozen dataclass: immutable all the same, and a
    tenth of the cost to build, which counts at one token per numeral of every sentence."""

    start: int  # span of the number itself (digits or numerals), in the text given
    end: int
    token_end: int  # end of number + magnitude + unit
    value: float  # the number as written, magnitude not applied (2.1 for 2.1万亿元)
    value_raw: str  # Arabic rendering of the number as written ("2.1", "2" for 两万)
    magnitude: str  # 万 / 亿 / 万亿 / ''
    unit: str  # unit as written after the magnitude: 元, 个, %, 个百分点 ...
    approx_suffix: str  # 多 / 余 / ''
    chinese: bool  # written in Chinese numerals
    range_end: float | None = None
    form: str = ""  # "" digits or numerals; "bare": a bare magnitude (突破万亿); "rank_word": 首位 (rank 1)

    def shifted(self, by: int) -> NumberToken:
        """The same token with its offsets moved by ``by`` (a sentence's offsets to the article's)."""
        return NumberToken(self.start + by, self.end + by, self.token_end + by, *self[3:])

    @property
    def unit_raw(self) -> str:
        return self.magnitude + self.unit

    @property
    def scaled(self) -> float:
        """Value with the magnitude applied (2.1万亿 -> 2.1e12)."""
        return self.value * MAGNITUDE_VALUE.get(self.magnitude, 1.0)


@lru_cache(maxsize=4096)
def chinese_to_number(s: str) -> float | None:
    """两 -> 2, 二十三 -> 23, 百 -> 100, 一点五 -> 1.5; None if it is not a numeral."""
    import cn2an

    if not s:
        return None
    if s[0] in "十百千" and s != "十":
        s = "一" + s
    try:
        return float(cn2an.cn2an(s, "smart"))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def arabic_to_number(s: str) -> float:
    if "," in s or " " in s:
        s = s.replace(",", "").replace(" ", "")
    return float(s)


@lru_cache(maxsize=8192)  # the same few values (1, 10, 2022.0 …) come back in every article
def format_value(v: float) -> str:
    """Shortest exact rendering: 2.0 -> '2', 0.5 -> '0.5', 73500.0 -> '73500'."""
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return repr(round(v, 10)).rstrip("0").rstrip(".")


def parse_number(s: str) -> tuple[float, bool] | None:
    """(value, is_chinese) of a number string, or None."""
    if _ARABIC_RE.fullmatch(s.replace(" ", "")):
        return arabic_to_number(s), False
    if _CHINESE_NUMERAL_RE.fullmatch(s):
        v = chinese_to_number(s)
        return (v, True) if v is not None else None
    return None


def mask_idioms(text: str) -> str:
    """Replace numerals inside idioms and fixed words with a neutral character (length kept)."""
    return P.NUMERAL_IDIOMS.sub(lambda m: "〓" * len(m.group()), text)


_LIST_UNIT_JOINERS = ("、", "和", "及", "与", "或")


def _share_list_units(text: str, tokens: list[NumberToken]) -> list[NumberToken]:
    """高于全国2.5和3.1个百分点: a list writes the unit once, after its last number; the others share it."""
    if not any(not t.unit and not t.magnitude for t in tokens[:-1]):
        return tokens  # every number but the last has its own unit: nothing to share
    out = list(tokens)
    for i in range(len(out) - 2, -1, -1):
        t, nxt = out[i], out[i + 1]
        if (not t.unit and not t.magnitude and (nxt.unit or nxt.magnitude)
                and text[t.token_end:nxt.start] in _LIST_UNIT_JOINERS):
            out[i] = NumberToken(t.start, t.end, t.token_end, t.value, t.value_raw, nxt.magnitude, nxt.unit,
                                 t.approx_suffix, t.chinese, t.range_end)
    return out


def _share(start: int, end: int, fraction: float, chinese: bool) -> NumberToken:
    """A share written as a fraction (1/10, 三分之一, 一半): value_raw is the fraction, the value a percentage."""
    return NumberToken(start, end, end, round(fraction * 100, 4), format_value(round(fraction, 4)), "", "%", "", chinese,
                       form="fraction")


def find_numbers(text: str) -> list[NumberToken]:
    """Every number token in ``text`` (already cleaned, idioms masked), in order."""
    tokens: list[NumberToken] = []
    for m in P.NUMBER.finditer(text):
        num, _, num2, approx, mag, approx2, unit = m.groups()  # one call for the seven groups
        if num[0] not in P.CHINESE_DIGITS:
            # digits: the pattern matched ARABIC, so parse_number would accept it as Arabic; skip the re-check
            value, chinese = arabic_to_number(num), False
        else:
            parsed = parse_number(num)
            if parsed is None:
                continue
            value, chinese = parsed
        mag, unit = mag or "", unit or ""
        start = m.start()  # the number opens the match (what precedes it is a look-ahead)
        if chinese and len(num) == 1 and num in "十百千" and not unit and not mag and text[start - 1:start] != "第":
            continue  # a lone 十/百/千 with nothing after is a word, not a number (but 第十 is a rank)
        range_end = None
        if num2:
            p2 = parse_number(num2)
            range_end = p2[0] if p2 else None
            if range_end is None or (not mag and not unit):
                # "17-2" in a field name, "1至" before a non-unit: not a range of a quantity
                range_end = None
        token_end = m.end()
        if not mag and not unit and not chinese:
            spaced = P.SPACED_UNIT_AFTER.match(text, token_end)
            if spaced and (spaced.group("mag") or spaced.group("unit")):
                # 越过 4000 亿元大关: a space between the number and its unit
                mag, unit, token_end = spaced.group("mag") or "", spaced.group("unit") or "", spaced.end()
        end = start + len(num) if range_end is None else m.end(3)
        # A minus sign written before the digits ((-7.7%)), not a dash between two numbers or a label (17-2).
        if not chinese and start > 0 and text[start - 1] in "-−" and (start < 2 or not text[start - 2].isalnum()):
            start -= 1
            value = -value
        tokens.append(NumberToken(start, end, token_end, value, format_value(value), mag, unit, approx or approx2 or "",
                                  chinese, range_end))
    n_written = len(tokens)  # in text order so far: NUMBER's matches come left to right
    # The rarer forms below each need a word most sentences lack: look for it before scanning with the regex.
    has_wan, has_yi = "万" in text, "亿" in text
    for m in (P.PERCENT_WORDS.finditer(text) if "百分之" in text else ()):
        parsed = parse_number(m.group("num"))
        if parsed:
            tokens.append(NumberToken(m.start(), m.end(), m.end(), parsed[0], format_value(parsed[0]), "", "%", "", True))
    for m in (P.BARE_MAGNITUDE.finditer(text) if has_wan or "千" in text or "百" in text else ()):
        tokens.append(NumberToken(m.start("mag"), m.end("mag"), m.end(), 1.0, "1", m.group("mag"), m.group("unit"), "", True))
    for m in (P.FRACTION_SLASH.finditer(text) if "/" in text else ()):
        a, b = int(m.group("a")), int(m.group("b"))
        if 0 < a < b:
            tokens.append(_share(m.start(), m.end(), a / b, chinese=False))
    for m in (P.FRACTION_WORDS.finditer(text) if "分之" in text else ()):
        a, b = chinese_to_number(m.group("a")), chinese_to_number(m.group("b"))
        if a and b and 0 < a < b:
            tokens.append(_share(m.start(), m.end(), a / b, chinese=True))
    for m in (P.TENTHS.finditer(text) if "成" in text else ()):
        n = m.group("n")
        tenths = float(n) if n[0].isdigit() else chinese_to_number(n)
        tokens.append(_share(m.start(), m.end(), tenths / 10, chinese=not n[0].isdigit()))
    for m in (P.HALF.finditer(text) if "一半" in text else ()):
        tokens.append(_share(m.start(), m.end(), 0.5, chinese=True))
    for m in (P.MILESTONE_MAGNITUDE.finditer(text) if has_wan or has_yi else ()):
        tokens.append(NumberToken(m.start("mag"), m.end("mag"), m.end(), 1.0, "1", m.group("mag"), m.group("unit") or "",
                                  "", True, form="bare"))
    for m in (P.INDUSTRY_RATIO.finditer(text) if "产业" in text else ()):
        # 三次产业比例为2.4∶48.0∶49.6: each term is one industry's share of GDP, in %
        for i, part in enumerate(("a", "b", "c")):
            v = float(m.group(part))
            tokens.append(NumberToken(m.start(part), m.end(part), m.end(part), v, format_value(v), "", "%", "", False,
                                      form=f"{INDUSTRY_SHARE_FORM}{i + 1}"))
    for m in (P.FIRST_PLACE.finditer(text) if "首位" in text else ()):
        tokens.append(NumberToken(m.start("first"), m.end("first"), m.end(), 1.0, "1", "", "位", "", True, form="rank_word"))
    if len(tokens) > n_written:
        tokens.sort(key=lambda t: t.start)
    tokens = _share_list_units(text, tokens)
    # Drop tokens overlapping an earlier one (百分之四十 also matched 四十 on its own).
    out: list[NumberToken] = []
    for t in tokens:
        if out and t.start < out[-1].token_end:
            longer = t.token_end - t.start > out[-1].token_end - out[-1].start
            if t.start == out[-1].start and (longer or t.form.startswith(INDUSTRY_SHARE_FORM)):
                out[-1] = t
            continue
        out.append(t)
    return out
