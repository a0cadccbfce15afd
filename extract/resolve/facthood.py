"""Is a number token a fact at all, and how does the article bound it (超过 → >=, 约 → ~)?"""

from __future__ import annotations

import bisect

from extract import patterns as P
from extract.numbers import NumberToken
from extract.units import dimension


def qualifier(prefix: str, tok: NumberToken, after: str) -> str:
    if tok.approx_suffix:
        return ">="
    if after.startswith(P.QUAL_AFTER_GE):
        return ">="
    if after.startswith(P.QUAL_AFTER_LE):
        return "<="
    if after.startswith(P.QUAL_AFTER_APPROX):
        return "~"
    if P.AVERAGE_HOLDER_AFTER.match(after):
        return ""  # 增速超过18.3%的全国平均水平: 超过 compares the subject with the nation's exact figure
    tail = prefix[-4:]
    if not tail.endswith(_BEFORE_WORDS):
        return ""
    for w, q in _QUALIFIERS_BEFORE:  # longest first: 不低于 is >=, though it ends in 低于
        if tail.endswith(w):
            return q
    return ""


_QUALIFIERS_BEFORE = sorted([(w, "<=") for w in P.QUAL_BEFORE_LE] + [(w, ">=") for w in P.QUAL_BEFORE_GE]
                            + [(w, "~") for w in P.QUAL_BEFORE_APPROX], key=lambda p: -len(p[0]))
_BEFORE_WORDS = tuple(w for w, _ in _QUALIFIERS_BEFORE)


def is_rank(text: str, tok: NumberToken, clause_prefix: str) -> bool:
    if tok.unit == "位" and P.RANK_MOVE_BEFORE.search(clause_prefix):
        return True  # 排位从第25位提升至20位
    if tok.start == 0 or text[tok.start - 1] != "第":
        return False
    if tok.unit and tok.unit not in ("位", "名"):
        return False
    after = text[tok.token_end:tok.token_end + 2]
    if not tok.unit and P.ORDINAL_NOUN_AFTER.match(after):
        return False
    if tok.unit or after.startswith("大"):
        return True
    before_di = clause_prefix[:-1]
    if P.RANK_MEASURE_BEFORE.search(before_di) and not after.startswith("产业"):
        return True  # GDP总量第一: the measure's rank (but 总量第三产业… is an industry)
    return bool(P.RANK_POOL_BEFORE.search(before_di) or P.RANK_VERB.search(before_di) or P.ORDINAL_LIST_BEFORE.search(before_di))


def not_a_fact(text: str, tok: NumberToken, clause_prefix: str, after: str, masked: list[tuple[int, int]],
                sent_prefix: str = "") -> str | None:
    """Why a token is not a fact, or None if it may be one."""
    i = bisect.bisect_right(masked, (tok.start, float("inf"))) - 1
    if i >= 0 and masked[i][0] <= tok.start < masked[i][1]:
        return "inside a quoted name"
    unit = tok.unit
    if P.UNIT_TIME_RE.fullmatch(unit or "-"):
        return "date or duration"
    before = text[max(0, tok.start - 2):tok.start]
    if P.LABEL_LETTER_BEFORE.search(before) or P.LABEL_BEFORE_PLUS.search(before):
        return "label"
    if P.LABEL_AFTER.match(text[tok.token_end:tok.token_end + 2]) and dimension(unit) not in ("percent", "compute"):
        return "label"
    if P.RANK_IN_NOUN_PHRASE_AFTER.match(text[tok.token_end - (1 if tok.unit else 0):tok.token_end + 3]) and (
            tok.form == "rank_word" or (tok.start > 0 and text[tok.start - 1] == "第")):
        return "a rank inside a noun phrase (排名第一的企业): it describes the things counted"
    if tok.start > 0 and text[tok.start - 1] == "第":
        return None if is_rank(text, tok, clause_prefix) else "ordinal"
    if after.startswith("级") or after.startswith("元级"):
        return "size class"
    if P.PRE_THRESHOLD.search(clause_prefix):
        return "size threshold"
    if tok.form == "rank_word":
        return None
    if tok.form == "bare":
        return "size class" if after.startswith("级") else None
    if P.HYPOTHETICAL.search(sent_prefix):
        return "hypothetical (如果, 或将, 有可能): not a reported figure"
    if tok.chinese:
        if not unit or unit in ("位",):
            return "numeral word"
        if P.BARE_MAGNITUDE_CHAR.fullmatch(text[tok.start:tok.end]) and not P.ROUND_NUMERAL_LEAD.search(clause_prefix):
            return "round numeral (百万网友, 十万吨级): a size, not a count"
        if tok.scaled < 10 and not tok.magnitude and dimension(unit) not in ("percent", "times"):
            return "small numeral"
    if not unit and not tok.magnitude:
        # An index is written without a unit; its comparison value may sit in the next clause (高于全国平均水平48.8).
        if not (P.INDEX_CONTEXT.search(clause_prefix) or (P.INDEX_CONTEXT.search(sent_prefix[-30:])
                                                          and P.AVERAGE_AT_END.search(clause_prefix))):
            return "bare number"
        if tok.value.is_integer() and 1900 <= tok.value <= 2100:
            return "year"
    if (P.GROUP_SUBJECT.search(clause_prefix) and not P.AVERAGE_HOLDER_AFTER.match(after)) or (
            unit and P.GROUP_AFTER.match(after)):
        return "a level a counted group crosses (8个省份GDP超过1万亿元): it describes the group"
    if dimension(unit) == "physical" and P.SPEC_NOUN_AFTER.match(after):
        return "a specification inside a name (500米口径望远镜)"
    if P.PER_TIME_BEFORE.search(clause_prefix) or P.PER_TIME_AFTER.match(text[tok.token_end:tok.token_end + 3]):
        return "the rate of one facility (每秒产生…, 9万片/月)"
    if dimension(unit) == "count" and (P.REGION_COUNT_AFTER.match(after) or P.REGION_COUNT_BEFORE.search(clause_prefix)):
        return "count of regions (8个省份, 省份共8个): the size of a group, not a fact of one region"
    if dimension(unit) == "count" and P.POOL_AFTER.match(after):
        return "size of a ranking pool (在15个副省级城市中排名第1)"
    if tok.range_end is not None and dimension(unit) == "count":
        return "range of a count (每期4—6名): a size, not a fact"
    if dimension(unit) == "count" and P.STRUCTURAL_NOUN_AFTER.match(after):
        return "count of a plan's parts"
    if unit == "千伏":
        return "voltage class"
    return None
