"""The subject of a fact: the indicator as the article words it.

The words before (or after) the number, less regions, time phrases and comparison bases, are cut to a noun
phrase with jieba's parts of speech: a leading verb phrase (还新增, 累计建成, 以…居于) and a trailing one
(相继投入运营) go, unless a 的 makes the verb a modifier (投入运营的大数据中心). jieba reads the catalogue's
aliases and the gazetteer's names as words (a user dictionary built once), and only these short spans are
segmented, never whole articles.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extract import patterns as P
from extract.numbers import NumberToken
from extract.regions import Mention

_WORD_START = re.compile(r"[\u4e00-\u9fff]|[A-Za-z0-9]+[A-Za-z]")  # a word, not a number, right after a number
_SHARE_HELD = re.compile(r"所占(比重|比例)$")


def subject(text: str, clause: tuple[int, int], tok: NumberToken, prev_end: int, mentions: list[Mention],
             rank: bool = False) -> tuple[str, int]:
    """The indicator as the article words it, and where it starts."""
    after = text[tok.token_end:clause[1]]
    after = P.BOUND_WORD_LEAD.sub("", after)
    if not rank and after and _WORD_START.match(after) and not P.VERB_AFTER_NUMBER.match(after):
        # Short parentheticals belong to the noun: 17家高端(先进)制造企业
        probe = P.SHORT_PARENTHETICAL.sub(lambda m: "〇" * len(m.group()), after)
        stop = P.SUBJECT_AFTER_STOP.search(probe)
        follow = P.BARE_NUMBER.split(after[:stop.start()] if stop else after)[0]
        if len(follow) >= 2:
            return follow[:16], tok.token_end
    s = max(clause[0], prev_end)
    raw = text[s:tok.start]
    if raw.endswith("第"):
        raw = raw[:-1]
    # Drop region names and section words inside the subject: 湖北省数字经济规模 -> 数字经济规模.
    for mnt in mentions:  # (blanking is the same in any order: each name's span becomes spaces)
        if not s <= mnt.start < tok.start:
            continue
        a, b = mnt.start - s, mnt.end - s
        if 0 <= a < b <= len(raw):
            raw = raw[:a] + " " * (b - a) + raw[b:]
    raw = P.LONE_JOINER.sub(" ", raw)  # 向湖北、武汉捐赠: the joiner of removed names goes too
    raw = P.PERIOD_EXPR.sub(lambda m: " " * len(m.group()), raw)
    raw = P.SUBJECT_COMPARISON.sub(lambda m: " " * len(m.group()), raw)
    raw = raw.replace(" ", "")
    lead = P.SUBJECT_LEAD.match(raw)
    subject = raw[lead.end():] if lead else raw
    subject = P.SUBJECT_TRAIL.sub("", subject).replace(" ", "").strip("“”\"")
    start = s
    if len(subject) >= 2 and not P.NUMERIC_ONLY.fullmatch(subject):
        return subject[-24:], start
    return subject, start


# Parts of speech that may lead or trail a subject only as a verb phrase around it.
_VERBAL = ("v", "d", "p", "c", "r", "t", "u", "y", "e", "o", "z")
_NOUNISH = ("n", "vn", "eng", "j", "b", "f", "l", "an", "s")


@lru_cache(maxsize=1)
def _tagger():
    import jieba
    import jieba.posseg

    from extract.refdata import load_catalogue, load_regions

    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    for ind in load_catalogue().values():
        for alias in {ind.zh, *ind.aliases}:
            if len(alias) >= 2:
                tokenizer.add_word(alias, freq=20000, tag="nz")
    for r in load_regions().values():
        tokenizer.add_word(r.name, freq=20000, tag="ns")
    return jieba.posseg.POSTokenizer(tokenizer)


@lru_cache(maxsize=1)
def _part_of_words() -> frozenset[str]:
    from extract.cues import words

    return frozenset(words("subset_qualifiers"))


@lru_cache(maxsize=1)
def _refine_patterns() -> dict[str, re.Pattern]:
    from extract.cues import alternation

    measure = alternation("measure_nouns")
    return {
        "measure_end": re.compile(f"(?:{measure})$"),
        # 高技术产业和战略性新兴产业增加值占比分别…: a list's shared measure may be a share of it
        "list_measure_end": re.compile(f"(?:{measure})(?:所占比重|占比)?$"),
        "trailing": re.compile(f"(?:{alternation('subject_trailing_words')})+$"),
        "year_word_inside": re.compile(f"(?<=[\\u4e00-\\u9fff]{{2}})(?:全年|当年)(?=(?:{measure})(?:$|占))"),
        "measure_twice": re.compile(f"(?<=[\\u4e00-\\u9fff]{{2}})(?:{measure})+(?P<last>{measure})(?=$|占)"),
    }


@lru_cache(maxsize=20000)
def tagged(words: str) -> tuple[tuple[str, str], ...]:
    """(word, part of speech) of a short span, with the catalogue's aliases and the gazetteer's names as words."""
    return tuple((w.word, w.flag) for w in _tagger().lcut(words))


@lru_cache(maxsize=20000)
def noun_phrase(words: str) -> str:
    """The noun phrase in a subject candidate: leading and trailing verb phrases cut off ('' if none)."""
    if len(words) < 3:
        return words
    toks = list(tagged(words))
    i, j = 0, len(toks)

    def verbal(k: int) -> bool:
        word, flag = toks[k]
        if word in _part_of_words():
            return False  # 其他服务业增加值: 其他 names a part, it stays with its noun
        return (flag.startswith(_VERBAL) and flag != "vn") or (flag == "m" and not (k + 1 < j and toks[k + 1][1] in
                                                                                        ("eng", "q"))
                                                                and not ordinal(k))

    def ordinal(k: int) -> bool:  # 第一产业: an ordinal before its noun names the thing
        return toks[k][0].startswith("第") and k + 1 < j and toks[k + 1][1].startswith("n")

    def trailing_verbal(k: int) -> bool:  # 投入运营 at the end: a verb with its nominal object is a predicate
        return verbal(k) or (toks[k][1] == "vn" and k > 0 and verbal(k - 1))

    def modifies(k: int) -> bool:  # a 的 ahead makes the verb phrase a modifier of the noun after it
        return any(toks[x][0] == "的" for x in range(k + 1, min(j, k + 5)))

    while i < j and verbal(i) and not modifies(i):
        i += 1
    while j > i and trailing_verbal(j - 1) and any(f.startswith(_NOUNISH) and f != "vn" for _, f in toks[i:j - 1]):
        j -= 1
    phrase = "".join(w for w, _ in toks[i:j]).strip("、，,（(")
    return phrase if any(f.startswith(_NOUNISH) or f == "nz" for _, f in toks[i:j]) else ""


# 生产总值[2] (a footnote mark), 算力(suànlì)规模 (a pinyin gloss), 1)生产总值 (an enumeration mark): print
# apparatus, not words of the subject
_APPARATUS = re.compile(r"\[\d{1,2}\]|[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü ]{2,}[)）]|^[(（]?\d{1,2}[)）]|^[①-⑳]")
_WHOLE_REGION_LEAD = re.compile(r"^(?:全省|全市|全区|全县|全州|自治区)(?![级内外域场])")
_NOT_AN_ITEM = re.compile(r"占|高于|低于|快于|慢于|超过|领先|拉动")
_NAMES_MEASURE = re.compile(r"(?:率|量|额|数|比重|比例|占比|指数|规模|产值|收入|投资|增速|增幅|价格|总值|人口|水平|排名|位次)$")


def refine(subject: str, previous: str | None = None, kind: str = "", parallel: bool = False) -> str:
    """The subject as a reviewer writes it, from the noun phrase the resolver cut: print apparatus (生产总值[2],
    算力(suànlì)规模) and predicate words at its end (粮食总产量连续) go; a bare item of a growth after a measured one
    in the same sentence (采矿业增加值增长4.5%，制造业增长2.6%) takes that measure. ``previous`` is the refined
    subject of the fact before in the same sentence when it is of the same ``kind``; ``parallel`` says the number's
    clause is only the subject and a growth verb (金银珠宝类增长41.5%)."""
    pats = _refine_patterns()
    out = _APPARATUS.sub("", subject)
    cut = pats["trailing"].sub("", out).rstrip("、，,")
    if len(cut) >= 2:
        out = cut
    lead = _WHOLE_REGION_LEAD.sub("", out)  # 全省规模以上高技术制造业增加值: 全省 is the region, not the subject
    if len(lead) >= 2:
        out = lead
    # 互联网产业全年营收 / 互联网产业全年营收营收增加值 (a restated subject): the year word and a measure followed by
    # another measure are not part of the name; the last measure is the quantity
    out = pats["measure_twice"].sub(lambda m: m.group("last"), out)
    out = pats["year_word_inside"].sub("", out)
    out = _SHARE_HELD.sub(r"\1", out)  # 第一产业增加值所占比重 -> 第一产业增加值比重
    if (previous and kind == "change" and len(out) >= 2
            and not _NOT_AN_ITEM.search(out) and not _NOT_AN_ITEM.search(previous)):
        m = pats["measure_end"].search(previous)
        base = previous[:m.start()] if m else ""
        # the same kind of item (制造业 after 采矿业, 金银珠宝类 after 粮油食品类), or any item in a run of parallel
        # clauses (…，金银珠宝类增长41.5%，新能源汽车增长55%), that names no measure of its own
        named = re.sub(r"[(（][^()（）]*[)）]$", "", out)  # 产业投资(不含房地产开发): the note is not the name's end
        if (m and len(base) >= 2 and not pats["measure_end"].search(named) and not _NAMES_MEASURE.search(named)
                and (named[-1:] == base[-1] or parallel)):
            out += m.group()
    return out or subject


def list_measure(items: list[str]) -> list[str]:
    """人工智能产业、数字经济核心产业、装备制造业增加值 / 工业机器人、集成电路、服务机器人等新产品产量 分别增长…:
    the measure written once after the last item is every item's; a class word after 等 (等新产品) goes.
    第一、二、三产业增加值: ordinals share the 第 of the first and the noun of the last."""
    if len(items) < 2:
        return items
    ordinals = _ORDINAL_LIST.fullmatch("、".join(items))
    if ordinals:
        rest = ordinals.group("rest")
        return [f"第{n}{rest}" for n in re.findall(r"[一二三四五六七八九十]", "".join(items)[:-len(rest)])]
    pats = _refine_patterns()
    last = pats["trailing"].sub("", items[-1]) or items[-1]
    if any(pats["measure_end"].search(i) or _NAMES_MEASURE.search(i) for i in items[:-1]):
        return items
    if "占" in last:  # 高技术制造业、先进制造业增加值占规模以上工业增加值比重: the measure and its share
        before, share = last.split("占", 1)
        m = pats["measure_end"].search(before)
        if not m or m.start() == 0:
            return items
        head, tail = before[:m.start()], m.group() + "占" + share
    else:
        m = pats["list_measure_end"].search(last)
        if not m or m.start() == 0:
            return items
        head, tail = last[:m.start()], m.group()
    # …、服务机器人等新产品产量 / 高新技术产品(二者有交叉)出口: a class word after 等 or a note is not the item's
    head = re.sub(r"等[^等、]{0,6}$|[(（][^()（）]*[)）]$", "", head)
    return [i + tail for i in items[:-1]] + [head + tail]


def list_items(head: str) -> list[str]:
    """The items a 分别 distributes over, from the sentence up to the number: the 、 list of the clause before 分别
    (or of the nearest clause before it with one: 互联网和相关服务业、软件和信息技术服务业，持续较快增长，同比分别…),
    cut at its own 分别 (第一、二、三产业增加值分别为…，比上年分别增长…); else two items joined by one 和."""
    head = P.LIST_HEAD_NOUN.sub("", head[:head.rfind("分别")])
    parts = P.CLAUSE_SPLIT.split(head)
    words = parts[-1]
    if "、" not in words:
        words = next((p for p in reversed(parts[:-1]) if "、" in p), words)
    words = P.LIST_INTRO.sub("", words.split("分别")[0])
    items = [i for i in words.split("、") if i]
    return items if len(items) >= 2 else list_pair(P.LIST_INTRO.sub("", parts[-1]))


def list_pair(words: str) -> list[str]:
    """住宿餐饮业和交通运输业增加值 / 软件产品和嵌入式软件收入, before 分别 and two numbers: two items joined by one
    和 (与, 及); [] when the words hold a 、 list or more than one joiner (和 is often inside a name)."""
    if "、" in words:
        return []
    parts = re.split(r"以及|和|与|及", words)
    if len(parts) != 2 or any(len(p) < 2 or _NOT_A_LIST_ITEM.search(p) for p in parts):
        return []
    # 柳州和桂林则分别以…: regions sharing numbers are the holders, not the items measured
    return [] if any(flag == "ns" for p in parts for _, flag in tagged(p)) else parts


# 占全国10% / 占了全省的26.6% / 分别占全国产量的15%: the share of a whole region's total
_SHARE_OF_WHOLE_BEFORE = re.compile(r"占了?(?P<whole>全国|全省|全市|全区|全球)(?:[\u4e00-\u9fff]{1,6}?的|的)?"
                                    r"(?:比重|比例|份额)?(?:为|是|达到|达|约|超过|超|近|逾)?$")
# 增至 / 升至 …: the words after a number that only say how it moved
_MOVE_ONLY = re.compile(r"(?:增|升|降|提高|提升|跃升|扩大|增长|下降|减少|缩小|回落)(?:至|到)")
# (按年平均汇率折算为17745美元): a conversion note after a figure
_CONVERSION_NOTE = re.compile(r"按[^，,。]{0,8}(?:汇率|价格|口径)")
# 重庆全市地区生产总值从2012年的…: the quantity that moves, before 从 / 由
_MOVE_FROM = re.compile(r"(?P<words>[^，,；;。从由]{2,30})(?:从|由)[^，,；;。从由]*$")


def _named_before_move(clause_prefix: str) -> str:
    m = _MOVE_FROM.search(clause_prefix)
    if not m:
        return ""
    words = P.PERIOD_EXPR.sub("", m.group("words"))
    words = "".join(w for w, flag in tagged(words) if flag != "ns")
    words = _WHOLE_REGION_LEAD.sub("", words)
    phrase = noun_phrase(words)
    return phrase if len(phrase) >= 2 else ""


# 5G用户达5.61亿户，全球占比均超过60%: a share of the whole world's (or nation's) total, written before its number
_SHARE_WORD_BEFORE = re.compile(r"(?P<w>(?:全球|全国|全省|全市|全区)(?:占比|比重))(?:均|分别|也)?"
                                r"(?:为|是|达到|达|约|超过|超|近|已达|已超|高达|提升至|提高到|升至)*$")
_SHARE_CLOSED = re.compile(r"(?:占比|比重|比例|份额|率)$")
_REGION_WORD_ONLY = re.compile(r"全球|全国|全省|全市|全区|世界")
# 每万 / 每百 / 每千 before 人 or 户
_PER_HEAD_BEFORE = re.compile(r"每[十百千万]{1,2}$")
# 亿元 / 百亿元 / 5000万元 before 以上: the size class of the things counted after it
_SIZE_CLASS_BEFORE = re.compile(r"(?:\d+(?:\.\d+)?)?[十百千]?[万亿]*元$")
# 比2020和2019年: a comparison base or a date, not an item
_NOT_A_LIST_ITEM = re.compile(r"\d|^(?:比|较|同比|与)")
# 第一、二、三产业增加值 / 第二、三产业: a list of ordinals written with one 第 and one noun
_ORDINAL_LIST = re.compile(r"第[一二三四五六七八九十](?:、[一二三四五六七八九十])+(?P<rest>产业[\u4e00-\u9fff]*)")
# 年均增速17% / 年平均增长8%: a yearly average growth of the quantity named before it in the sentence
_YEARLY_GROWTH_BEFORE = re.compile(r"(?P<g>(?:年均|年平均)(?:增速|增长率|增幅|增长)?)(?:为|达到|达|约|超过|超|在)?$")
_YEARLY_ONLY = re.compile(r"(?:年均|年平均|年平)(?:增速|增长率|增幅|增长)?")


# 从重点产业看， / 分经济类型看， / 分行业看，: a sentence that breaks down the figure before it
_BREAKDOWN_OPENING = re.compile(r"\s*(?:[从分][^，,。；;]{1,10}看|其中)[，,]")
_GROWTH_VERB_ONLY = re.compile(r"(?:同比)?(?:增长|下降|增|降)")


def _bare_growth_clause(clause_prefix: str, subject: str) -> bool:
    """Whether the words before a number are only the subject and a growth verb (…，金银珠宝类增长41.5%)."""
    at = clause_prefix.rfind(subject) if subject else -1
    if at < 0:
        return False
    lead = clause_prefix[:at]
    return (not lead.strip(" \u3000，,；;、") or bool(_BREAKDOWN_OPENING.fullmatch(lead))) and bool(
        _GROWTH_VERB_ONLY.fullmatch(clause_prefix[at + len(subject):]))


def refine_subjects(cands: list, text: str = "") -> None:
    """Refine every fact's subject in text order (after restatements are merged, so what counts as the same fact
    does not depend on it); a list item takes its list's measure first. ``text`` is the cleaned article text the
    candidates' offsets index."""
    before = None
    for c in cands:
        base = noun_phrase(c.list_subject) if c.list_subject else c.subject
        same = before is not None and before.sentence == c.sentence and before.kind == c.kind
        parallel = bool(text) and _bare_growth_clause(text[c.clause[0]:c.start], base)
        if (not same and parallel and before is not None and before.kind == c.kind and text
                and _BREAKDOWN_OPENING.match(text, c.sentence[0], c.clause[1])
                and "\n" not in text[before.sentence[1]:c.sentence[0]]):
            same = True  # 规上工业增加值增长6.8%。从重点产业看，汽车制造业同比增长11.4%: a breakdown of the figure before
        c.subject = refine(base, before.subject if same else None, c.kind, parallel)
        if text and c.subject.startswith(("以上", "以下", "及以上")):
            # 亿元以上在建项目995个: the size class (a bare magnitude, not a fact) is part of what is counted
            at = text.rfind(c.subject, c.sentence[0], c.start)
            size = _SIZE_CLASS_BEFORE.search(text, c.sentence[0], at) if at > 0 else None
            if size:
                c.subject = size.group() + c.subject
        if text and c.subject[:1] in ("人", "户"):
            # 每万人拥有5G基站19个: the 万 of 每万人 was read as a number; the rate is per ten thousand people
            at = text.rfind(c.subject, c.sentence[0], c.start)
            per = _PER_HEAD_BEFORE.search(text, c.sentence[0], at) if at > 0 else None
            if per:
                c.subject = per.group() + c.subject
        if text and (_MOVE_ONLY.fullmatch(c.subject) or _CONVERSION_NOTE.match(c.subject)):
            # 地区生产总值从2012年的1.16万亿元增至2021年的2.79万亿元 / 125043元(按年平均汇率折算为17745美元)，增长5.3%:
            # the words after the number are a move or a note, the quantity is the one named before
            named = _named_before_move(text[c.clause[0]:c.start])
            if before is not None and before.sentence == c.sentence and before.kind != "rank":
                c.subject = re.sub(r"(?:增速|增长|增幅)$", "", before.subject) or before.subject
            elif named:
                c.subject = named
        whole = _SHARE_OF_WHOLE_BEFORE.search(text, c.clause[0], c.start) if text and c.kind == "actual" else None
        if whole and (c.token.unit or "") == "%" and len(c.subject) >= 2 and "占" not in c.subject:
            # 产量分别占全国产量的15% / 产值占全区70%以上: a share of the whole region's total
            c.subject = f"{c.subject}占{whole.group('whole')}比重"
        share = _SHARE_WORD_BEFORE.search(text, c.clause[0], c.start) if text else None
        if share and (c.token.unit or "") == "%" and "占" not in c.subject and not _SHARE_CLOSED.search(c.subject):
            # 5G用户达5.61亿户，全球占比均超过60%: the number is the share of the thing named (before, when the words
            # before the number name only the world)
            if _REGION_WORD_ONLY.fullmatch(c.subject) or not c.subject:
                if before is not None and before.sentence == c.sentence and "占" not in before.subject:
                    c.subject = before.subject + share.group("w")
            elif len(c.subject) >= 2:
                c.subject += share.group("w")
        if text and _YEARLY_ONLY.fullmatch(c.subject) and before is not None and before.sentence == c.sentence:
            # 软件和信息技术服务业突破900亿元，年均增速17%: the yearly growth of what the sentence named before
            growth = _YEARLY_GROWTH_BEFORE.search(text, c.clause[0], c.start)
            # of the quantity itself, not of its share (数字经济增加值占GDP的比重…，年平均增长) or its growth
            head = re.sub(r"占.*$|(?:年均|年平均)?(?:增速|增长率|增幅|增长)$", "", before.subject)
            if growth and len(head) >= 2:
                c.subject = head + growth.group("g")
        before = c
