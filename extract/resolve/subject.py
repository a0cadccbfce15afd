"""The subject of a fact: the indicator as the article words it."""

from __future__ import annotations

import re

from extract import patterns as P
from extract.numbers import NumberToken
from extract.regions import Mention


def subject(text: str, clause: tuple[int, int], tok: NumberToken, prev_end: int, mentions: list[Mention],
             rank: bool = False) -> tuple[str, int]:
    """The indicator as the article words it, and where it starts."""
    after = text[tok.token_end:clause[1]]
    after = re.sub(r"^(以上|以下|左右|多|余)?的?", "", after)
    if not rank and after and re.match(r"[\u4e00-\u9fff]|[A-Za-z0-9]+[A-Za-z]", after) and not P.VERB_AFTER_NUMBER.match(after):
        # Short parentheticals belong to the noun: 17家高端(先进)制造企业
        probe = re.sub(r"[(（][^()（）]{1,6}[)）]", lambda m: "〇" * len(m.group()), after)
        stop = P.SUBJECT_AFTER_STOP.search(probe)
        follow = re.split(r"(?<![A-Za-z])\d+(?:\.\d+)?(?![A-Za-z\d])", after[:stop.start()] if stop else after)[0]
        if len(follow) >= 2:
            return follow[:16], tok.token_end
    s = max(clause[0], prev_end)
    raw = text[s:tok.start]
    if raw.endswith("第"):
        raw = raw[:-1]
    # Drop region names and section words inside the subject: 湖北省数字经济规模 -> 数字经济规模.
    for mnt in sorted((m for m in mentions if s <= m.start < tok.start), key=lambda m: -m.start):
        a, b = mnt.start - s, mnt.end - s
        if 0 <= a < b <= len(raw):
            raw = raw[:a] + " " * (b - a) + raw[b:]
    raw = re.sub(r"(?<=\s)[、和及与](?=\s)", " ", raw)  # 向湖北、武汉捐赠: the joiner of removed names goes too
    raw = P.PERIOD_EXPR.sub(lambda m: " " * len(m.group()), raw)
    raw = P.SUBJECT_COMPARISON.sub(lambda m: " " * len(m.group()), raw)
    raw = raw.replace(" ", "")
    lead = P.SUBJECT_LEAD.match(raw)
    subject = raw[lead.end():] if lead else raw
    subject = P.SUBJECT_TRAIL.sub("", subject).replace(" ", "").strip("“”\"")
    start = s
    if len(subject) >= 2 and not re.fullmatch(r"[\d.%]+", subject):
        return subject[-24:], start
    return subject, start
