"""Which region a number is about, and the discourse scope that carries regions through the article.

The scope holds the section's region (set by a heading such as ``浙江：`` or, after a heading that names
none, by the first province the body names). A number takes the nearest subject mention before it in
its sentence; a section word (全省, 全市) stands for the section's region.
"""

from __future__ import annotations

from dataclasses import dataclass

from extract import patterns as P
from extract.document import clause_bounds
from extract.numbers import NumberToken
from extract.refdata import NATION
from extract.regions import SECTION, Mention, find_mentions, is_subject_mention, province_of, region_level


@dataclass
class Section:
    region: str | None = None
    pending: bool = True  # heading named no region: the first province named in the body decides
    target_year: int | None = None


class RegionScope:
    """Region state of one article while its sentences are read in order."""

    def __init__(self, text: str):
        self.text = text
        self.section = Section()

    # ---- headings and sections ----
    def heading_region(self, start: int, end: int) -> str | None:
        for m in find_mentions(self.text[start:end]):
            if m.region in (SECTION,):
                continue
            after = self.text[start + m.end:start + m.end + 6]
            before = self.text[max(start, start + m.start - 1):start + m.start]
            if before == "在" or (P.EVENT_LOCATION.match(after.lstrip()) and before in ("在", "于")):
                continue
            if not is_subject_mention(self.text, Mention(start + m.start, start + m.end, m.region, m.surface), start):
                continue
            return m.region
        return None

    def open_heading(self, start: int, end: int) -> None:
        region = self.heading_region(start, end)
        if region:
            self.section = Section(region=region, pending=False)
        else:
            self.section = Section(region=self.section.region, pending=True)

    def sentence_mentions(self, sent: tuple[int, int]) -> tuple[list[Mention], list[Mention]]:
        """(all mentions, subject mentions) of a sentence, with absolute offsets."""
        text = self.text
        s0 = sent[0]
        mentions = [Mention(m.start + s0, m.end + s0, m.region, m.surface) for m in find_mentions(text[s0:sent[1]])]
        subject_mentions: list[Mention] = []
        prev_non_subject_end = -10
        for m in mentions:
            clause = clause_bounds(text, sent, m.start)
            ok = is_subject_mention(text, m, clause[0])
            if ok and text[prev_non_subject_end:m.start] in ("、", "和", "及", "与"):
                ok = False  # 向湖北、武汉捐赠: the list after a preposition shares its role
            if ok:
                subject_mentions.append(m)
            else:
                prev_non_subject_end = m.end
        return mentions, subject_mentions

    def settle_pending(self, subject_mentions: list[Mention]) -> None:
        """A section opened by a heading without a region takes the first province its body names."""
        if not self.section.pending:
            return
        for m in subject_mentions:
            if m.region not in (SECTION, NATION) and region_level(m.region) == "province":
                self.section.region = m.region
                self.section.pending = False
                break

    # ---- one number ----
    def resolve_section_word(self, surface: str, nearest_province: str | None) -> str | None:
        region = self.section.region or nearest_province
        if region is None:
            return None
        if surface in ("全市", "我市", "本市", "市内"):
            return region
        return province_of(region) or region

    def region_for(self, tok: NumberToken, mentions: list[Mention],
                   subject_mentions: list[Mention]) -> tuple[str | None, bool]:
        """(region, named explicitly in the sentence)."""
        before = [m for m in subject_mentions if m.end <= tok.start]
        # 高于全国平均水平48.8: the number right after a comparison base is that base's value.
        base = [m for m in mentions if m.end <= tok.start and m not in subject_mentions and m.region == NATION]
        if base and tok.unit not in ("个百分点", "百分点", "倍"):
            gap = self.text[base[-1].end:tok.start]
            if P.COMPARISON_BASE_VALUE.search(self.text[base[-1].start:tok.start]) and len(gap) <= 5:
                return NATION, True
        nearest_province = None
        for m in reversed(before):
            if m.region not in (SECTION, NATION) and region_level(m.region) == "province":
                nearest_province = m.region
                break
        if before:
            m = before[-1]
            if m.region == SECTION:
                return self.resolve_section_word(m.surface, nearest_province), False
            return m.region, True
        if self.section.region:
            return self.section.region, False
        return None, False

    def region_list(self, tok: NumberToken, subject_mentions: list[Mention], clause: tuple[int, int]) -> list[Mention]:
        """Regions listed together before a number (北京、上海、天津…), if there are two or more."""
        before = [m for m in subject_mentions if clause[0] <= m.start and m.end <= tok.start and m.region != SECTION]
        if len(before) < 2:
            return []
        run = [before[-1]]
        for m in reversed(before[:-1]):
            if self.text[m.end:run[0].start] in ("、", "和", "及", "与", ",", "，"):
                run.insert(0, m)
            else:
                break
        return run if len(run) >= 2 else []
