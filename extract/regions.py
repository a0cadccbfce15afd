"""Finding region mentions in text and deciding which of them is the subject of a number.

One regex, longest name first, over the gazetteer (full and short names of provinces and cities),
the areas, the nation words (全国, 我国) and the section words (全省, 我省, 本省, 全市 …) that stand
for whichever region the current section is about.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from extract import patterns as P
from extract.refdata import NATION, Region, load_regions, load_short_name_exclusions
from extract.trie import trie_alternation

SECTION = "<section>"  # a word meaning "the region this section is about"
PROVINCE_WORDS = ("全省", "我省", "本省", "省内", "全自治区", "该省")
CITY_WORDS = ("全市", "我市", "本市", "市内", "该市")  # 该市: the city named just before
SECTION_WORDS = (*PROVINCE_WORDS, *CITY_WORDS, "全区", "全域")
NATION_WORDS = ("全国", "我国")


class Mention(NamedTuple):
    """A region named in the text (a named tuple: immutable, and cheap to build for every name read)."""

    start: int
    end: int
    region: str  # canonical name, NATION, or SECTION
    surface: str


@lru_cache(maxsize=1)
def _name_index() -> tuple[re.Pattern, dict[str, str]]:
    regions = load_regions()
    excluded = load_short_name_exclusions()
    names: dict[str, str] = {}
    # Cities first, so a province's short name wins where both have it (吉林).
    for r in regions.values():
        if r.level == "city":
            names[r.name] = r.name
            if r.short and r.short not in excluded and len(r.short) >= 2:
                names[r.short] = r.name
    for r in regions.values():
        if r.level == "province":
            names[r.name] = r.name
            if r.short:
                names[r.short] = r.name
        elif r.level == "area":
            names[r.name] = r.name
            for a in r.aliases:
                names[a] = r.name
    for w in SECTION_WORDS:
        names[w] = SECTION
    for w in NATION_WORDS:
        names[w] = NATION
    alternation = trie_alternation(names)  # longest name first, one branch per character
    first_chars = "".join(sorted({n[0] for n in names}))
    # The lookahead on first characters lets the engine skip most positions before trying 800 names.
    return re.compile(f"(?=[{re.escape(first_chars)}])(?:{alternation})"), names


def find_mentions(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """The region names in text[start:end], with offsets into ``text`` (the patterns look at nothing before
    ``start`` and nothing after ``end``, so this is find_mentions(text[start:end]) shifted by ``start``)."""
    end = len(text) if end is None else end
    pattern, names = _name_index()
    out = [Mention(m.start(), m.end(), names[m.group()], m.group()) for m in pattern.finditer(text, start, end)]
    # 山西中部城市群, 湖北西部: an area word right after a province or city names a part of it, not the area
    regions = load_regions()
    out = [m for i, m in enumerate(out)
           if not (i and _is_area(m.region, regions) and out[i - 1].end == m.start
                   and out[i - 1].region not in (SECTION, NATION) and not _is_area(out[i - 1].region, regions))]
    if text.find("中国", start, end) >= 0:
        out += [Mention(m.start(), m.start() + 2, NATION, "中国") for m in P.CHINA_AS_NATION.finditer(text, start, end)]
    out.sort(key=lambda m: m.start)
    return out


def _is_area(name: str, regions) -> bool:
    r = regions.get(name)
    return r is not None and r.level == "area"


def is_subject_mention(text: str, mention: Mention, clause_start: int) -> bool:
    """Whether a mention can be the subject of what follows it in its clause."""
    before = text[max(clause_start, mention.start - 4):mention.start]
    if P.NON_SUBJECT_BEFORE.search(before):
        return False
    if P.RANK_POOL_AFTER.match(text[mention.end:mention.end + 4]):
        return False
    if P.COMPANY_AFTER_REGION.match(text[mention.end:mention.end + 4]):
        return False  # 山东移动建设6300个: the company's figure
    if P.POOL_PHRASE_AFTER.match(text[mention.end:mention.end + 20]):
        return False
    if P.EVENT_LOCATION.match(text[mention.end:mention.end + 4]):
        return False  # 在上海举行: where an event is held
    if mention.region == NATION and mention.surface in ("全国", "国内"):
        return bool(P.CLAUSE_HEAD.search(text[max(0, mention.start - 6):mention.start]) or mention.start == clause_start)
    return True


def region_level(name: str) -> str:
    if name == NATION:
        return "nation"
    r: Region | None = load_regions().get(name)
    return r.level if r else ""


def province_of(name: str) -> str:
    """The province a region belongs to (itself for a province), '' for the nation and areas."""
    r = load_regions().get(name)
    if r is None:
        return ""
    if r.level == "province":
        return r.name
    if r.level == "city":
        return r.province
    return ""
