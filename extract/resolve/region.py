"""Which region a number is about, and the discourse scope that carries regions through the article.

A number takes the nearest subject mention before it in its sentence. Without one, the region the
discourse is about carries it: the last region named as a subject in an earlier sentence (其中…, 同期，全市…,
其GDP…), else the section's region (a heading such as ``浙江：``), else the article's own region (its
title's, or the one it names most). A section word (全省, 全市) stands for the nearest region of its level.
"""

from __future__ import annotations

from dataclasses import dataclass

from extract import patterns as P
from extract.document import clause_bounds, is_heading, paragraphs, sentences
from extract.numbers import NumberToken
from extract.refdata import NATION
from extract.regions import (
    CITY_WORDS,
    PROVINCE_WORDS,
    SECTION,
    Mention,
    find_mentions,
    is_subject_mention,
    province_of,
    region_level,
)


@dataclass
class Section:
    region: str | None = None
    pending: bool = True  # heading named no region: the first province named in the body decides
    target_year: int | None = None


class RegionScope:
    """Region state of one article while its sentences are read in order."""

    def __init__(self, text: str, article_region: str | None = None):
        self.text = text
        self.section = Section()
        self.carried: str | None = None  # the last region named as a subject
        self.article_region = article_region
        self._mentions_by_sentence: dict[tuple[int, int], tuple[list[Mention], list[Mention]]] = {}

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
            self.carried = region
        else:
            self.section = Section(region=self.section.region, pending=True)

    def sentence_mentions(self, sent: tuple[int, int]) -> tuple[list[Mention], list[Mention]]:
        """(all mentions, subject mentions) of a sentence, with absolute offsets. They depend on the text
        alone, so they are kept: ``article_region`` counts them over the whole article before the reading
        starts, and the reading asks again for every sentence. Callers must not change the lists."""
        known = self._mentions_by_sentence.get(sent)
        if known is not None:
            return known
        text = self.text
        s0 = sent[0]
        mentions = find_mentions(text, s0, sent[1])
        subject_mentions: list[Mention] = []
        prev_non_subject_end = -10
        for m in mentions:
            clause = clause_bounds(text, sent, m.start)
            ok = is_subject_mention(text, m, clause[0])
            if ok and prev_non_subject_end >= 0 and text[prev_non_subject_end:m.start] in ("、", "和", "及", "与", ""):
                ok = False  # 向湖北、武汉捐赠 / 占据湖南全省: what follows a non-subject in its phrase shares its role
            if ok:
                subject_mentions.append(m)
            else:
                prev_non_subject_end = m.end
        self._mentions_by_sentence[sent] = (mentions, subject_mentions)
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
    def _fallbacks(self) -> list[str]:
        return [r for r in (self.carried, self.section.region, self.article_region) if r]

    def resolve_section_word(self, surface: str, before: list[Mention]) -> str | None:
        """全市 / 全省 / 全区: the nearest region of that level named before it, else the discourse's."""
        named = [m.region for m in reversed(before) if m.region not in (SECTION, NATION)]
        pool = named + self._fallbacks()
        if not pool:
            return None
        if surface in CITY_WORDS:
            return next((r for r in pool if region_level(r) == "city"), pool[0])
        if surface in PROVINCE_WORDS:
            return next((province_of(r) for r in pool if province_of(r)), pool[0])
        return pool[0]

    def holder_of(self, tok: NumberToken, mentions: list[Mention]) -> tuple[str, int, int] | None:
        """江苏的19.2%, 10223.99亿元的湖南, 18.3%的全国平均水平: a region joined to the number by 的 owns it."""
        for m in mentions:
            if m.region == SECTION:
                continue
            if (0 < tok.start - m.end <= 2 and P.HOLDER_BETWEEN.fullmatch(self.text, m.end, tok.start)
                    and not P.SHARE_OF_BEFORE.search(self.text[max(0, m.start - 3):m.start].rstrip("了"))):
                return m.region, m.start, m.end  # (占了全省的26.6%: the province is the whole of a share)
            if m.start >= tok.token_end and P.HOLDER_AFTER.fullmatch(self.text[tok.token_end:m.start]):
                return m.region, m.start, m.end
        return None

    def region_for(self, tok: NumberToken, mentions: list[Mention],
                   subject_mentions: list[Mention]) -> tuple[str | None, bool, str]:
        """(region, named explicitly in the sentence, rule@evidence)."""
        holder = self.holder_of(tok, mentions)
        if holder:
            return holder[0], True, f"region.holder_of_number@{holder[1]}-{holder[2]}"
        before = [m for m in subject_mentions if m.end <= tok.start]
        # 高于全国平均水平48.8: the number right after a comparison base is that base's value.
        base = [m for m in mentions if m.end <= tok.start and m not in subject_mentions and m.region == NATION]
        if (base and tok.unit not in ("个百分点", "百分点", "倍") and tok.form not in ("rank_word", "fraction")
                and self.text[tok.start - 1] != "第"):
            gap = self.text[base[-1].end:tok.start]
            share_of = P.SHARE_OF_BEFORE.search(self.text[max(0, base[-1].start - 3):base[-1].start])
            if P.COMPARISON_BASE_VALUE.search(self.text[base[-1].start:tok.start]) and len(gap) <= 5 and not share_of:
                return NATION, True, f"region.comparison_base_value@{base[-1].start}-{base[-1].end}"
        if before:
            m = before[-1]
            if m.region == SECTION:
                return (self.resolve_section_word(m.surface, before[:-1]), False,
                        f"region.section_word@{m.start}-{m.end}")
            return m.region, True, f"region.subject_mention@{m.start}-{m.end}"
        for region, rule in ((self.carried, "region.carried_from_earlier_sentence"),
                             (self.section.region, "region.section_heading"),
                             (self.article_region, "region.article_region")):
            if region:
                return region, False, rule
        return None, False, "region.none"

    def observe(self, tokens_start: list[int], mentions: list[Mention], subject_mentions: list[Mention]) -> None:
        """After a sentence: the last region it names as a subject carries into the next ones."""
        for m in reversed(subject_mentions):
            if m.region == SECTION:
                resolved = self.resolve_section_word(m.surface, [x for x in subject_mentions if x.end <= m.start])
                if resolved:
                    self.carried = resolved
                return
            # (HOLDER_BETWEEN spans one or two characters: only numbers that close to the name are tried)
            if any(0 < t - m.end <= 2 and P.HOLDER_BETWEEN.fullmatch(self.text, m.end, t) for t in tokens_start):
                continue  # 杭州的12.44%: a comparison's value, not the topic
            if not self._heads_its_clause(m):
                continue  # 实现…冬奥会张家口赛区5G覆盖: named inside an object, not what the text is about
            if region_level(m.region) == "area":
                continue  # 融入长三角, 地处东北亚: a bloc named in passing is not what the next sentences are about
            self.carried = m.region
            return

    def _heads_its_clause(self, m: Mention) -> bool:
        """Whether a mention stands where a subject stands: at the head of its clause, after at most a time
        phrase or a short lead (其中, 同时, 在)."""
        start = clause_bounds(self.text, (0, len(self.text)), m.start)[0]  # after the last delimiter before it
        lead = P.PERIOD_EXPR.sub("", self.text[start:m.start])
        return len(P.CARRY_LEAD_WORDS.sub("", lead).strip()) <= 2

    def rank_pool(self, tok: NumberToken, mentions: list[Mention], clause: tuple[int, int], region: str) -> str:
        """居全国第8位 -> 全国, 居中部地区第1位 -> 中部地区, 在全省21个市州中排第2 -> the province: the last
        region named in the rank's clause before it, other than the ranked region itself."""
        for m in reversed(mentions):
            if not (clause[0] <= m.start and m.end <= tok.start):
                continue
            pool = m.region
            if pool == SECTION:
                pool = self.resolve_section_word(m.surface, [x for x in mentions if x.end <= m.start]) or ""
            if pool and pool != region:
                return pool
        return ""

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


def article_region(text: str, title: str = "", scope: RegionScope | None = None) -> str | None:
    """The region an article is about: its title's first subject, else the region it names most as a subject.
    ``scope``: the reading's scope over ``text``, which then keeps the mentions counted here."""
    first_line = text.lstrip().split("\n", 1)[0]
    for source in (title, first_line if is_heading(first_line) else ""):
        if source:
            subjects = RegionScope(source).sentence_mentions((0, len(source)))[1]
            named = [m.region for m in subjects if m.region not in (SECTION, NATION)]
            if named:
                return named[0]
    scope = scope if scope is not None else RegionScope(text)
    counts: dict[str, int] = {}
    for ps, pe in paragraphs(text):
        for sent in sentences(text, ps, pe):
            for m in scope.sentence_mentions(sent)[1]:
                if m.region not in (SECTION, NATION):
                    counts[m.region] = counts.get(m.region, 0) + 1
    return max(counts, key=counts.get) if counts else None
