"""The shortcuts taken for speed decide exactly what the slow, obvious code decided.

Each fast path in extract/ states an equivalence (a prefix tree for a longest-first alternation, a look-ahead
on first characters, a width bound that skips a regex); these tests hold it against the obvious version."""

import re

import pytest

from extract import cues
from extract import patterns as P
from extract.document import clause_bounds
from extract.numbers import find_numbers
from extract.regions import _name_index
from extract.trie import first_chars, guarded, trie_alternation

WORDS = ["北京", "北京市", "南京", "南京市", "全国", "全省", "中国", "中部地区", "中部", "a.b", "吉林", "吉林省", "吉林市"]
TEXTS = ["北京市的数字经济", "北京人", "南京市和南京", "全省全国", "a.b与axb", "南", "吉林省吉林市", "中部地区中部省份", ""]


def longest_first(words):
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@pytest.mark.parametrize("text", TEXTS)
def test_trie_matches_what_the_longest_first_alternation_matches(text):
    tree, flat = re.compile(trie_alternation(WORDS)), re.compile(longest_first(WORDS))
    assert [m.span() for m in tree.finditer(text)] == [m.span() for m in flat.finditer(text)]


def test_trie_backtracks_inside_a_larger_pattern():
    # 北京市 is tried first, fails on what must follow, and 北京 still matches (as the flat alternation does)
    tree = re.compile(f"(?:{trie_alternation(WORDS)})市的")
    flat = re.compile(f"(?:{longest_first(WORDS)})市的")
    assert tree.search("北京市的").group() == flat.search("北京市的").group() == "北京市的"


def test_trie_with_many_first_characters_is_bucketed_and_matches_the_same():
    words = [chr(0x4E00 + i) + chr(0x4E00 + (7 * i) % 50) * (i % 3 + 1) for i in range(120)] + ["一", "乙乙"]
    text = "".join(words) + "".join(reversed(words)) + "丁一乙乙乙"
    tree = trie_alternation(words)
    assert tree.count("(?=[") > 1  # bucketed
    assert [m.span() for m in re.finditer(tree, text)] == [m.span() for m in re.finditer(longest_first(words), text)]


def test_trie_refuses_an_empty_word():
    with pytest.raises(ValueError):
        trie_alternation(["北京", ""])


def test_region_index_finds_what_a_longest_first_alternation_finds():
    pattern, names = _name_index()
    flat = re.compile(longest_first(names))
    text = "湖北省武汉市、吉林省吉林市和山西中部城市群，全省与全国，我国中部地区。"
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in flat.finditer(text)]


@pytest.mark.parametrize("pattern, chars", [
    ("a|b", "ab"),
    ("(?<!x)ab|c+d", "ac"),
    ("x*y", "xy"),
    ("[ab]c|(?:de)?f", "abdf"),
    ("^(?:a|b)$", "ab"),
    ("a?", None),            # may match the empty string anywhere
    (r"\d年", None),          # a class, not a short list
    ("[一-龥]+", None),       # a range
    (".x", None),
])
def test_first_chars(pattern, chars):
    assert first_chars(pattern) == chars


@pytest.mark.parametrize("name", sorted(cues.lexicon()))
def test_every_cue_list_scans_the_same_behind_its_guard(name):
    plain = "|".join([*(re.escape(e["word"]) for e in cues.lexicon()[name] if "word" in e),
                      *(e["pattern"] for e in cues.lexicon()[name] if "pattern" in e)])
    text = ("力争到2025年数字经济规模达到1万亿元，预期增长10%，拟新建5G基站2万个；如果明年突破，"
            "计划新增投资，累计建成，同比增长，占GDP比重，规模以上工业，其他服务业，截至目前。")
    fast = re.compile(cues.alternation(name))
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in re.compile(plain).finditer(text)]
    assert [m.span() for m in re.compile(guarded(plain)).finditer(text)] == [
        m.span() for m in re.compile(plain).finditer(text)]


def test_holder_between_spans_at_most_two_characters():
    # region.observe and holder_of try HOLDER_BETWEEN only for numbers one or two characters after a name
    assert re._parser.parse(P.HOLDER_BETWEEN.pattern).getwidth()[1] <= 2


@pytest.mark.parametrize("text", [
    "全省GDP增长8.1%，其中第三产业增长9.0%。",
    "上万名网友、百分之四十的企业、三分之一的地区，贡献率超7成，接近一半。",
    "突破万亿元，居全国首位，三次产业比例为2.4∶48.0∶49.6，占全国1/10。",
    "下降(-7.7%)，2021—2025年，一二三四五六七八九十，〇零两千。",
])
def test_every_number_starts_at_a_number_start_character(text):
    # run() skips reading numbers in a paragraph head that has no such character
    for tok in find_numbers(text):
        assert P.NUMBER_START_CHAR.match(text, tok.start), (text, tok)


@pytest.mark.parametrize("text", ["一，二；三：四。", "没有分隔", "，开头和结尾。", "a,b;c:d!e?f\ng"])
def test_clause_bounds_equal_the_delimiters_around_each_position(text):
    delims = set(P.CLAUSE_DELIMS)
    for pos in range(len(text) + 1):
        start = max([i + 1 for i in range(pos) if text[i] in delims], default=0)
        end = next((i for i in range(pos, len(text)) if text[i] in delims), len(text))
        assert clause_bounds(text, (0, len(text)), pos) == (start, end), pos


@pytest.fixture(scope="module")
def shipped_text():
    from pathlib import Path

    from extract.clean import clean

    articles = sorted(Path(__file__).resolve().parent.parent.joinpath("data", "articles").glob("*.txt"))[:40]
    assert articles
    return "\n".join(clean(p.read_text(encoding="utf-8")).text for p in articles)


@pytest.mark.parametrize("name", sorted(P.UNGUARDED))
def test_guarded_patterns_match_what_they_matched_before(name, shipped_text):
    fast, plain = getattr(P, name), P.UNGUARDED[name]
    assert fast.pattern != plain.pattern
    spans = [m.span() for m in plain.finditer(shipped_text)]
    assert [m.span() for m in fast.finditer(shipped_text)] == spans
    for line in shipped_text.splitlines()[:400]:  # anchored patterns: per line, as the pipeline uses them
        assert bool(fast.search(line)) == bool(plain.search(line)), (name, line)


def test_number_pattern_opens_with_the_number_and_keeps_its_group_order(shipped_text):
    # find_numbers unpacks m.groups() by position and takes m.start() for the number's start
    assert list(P.NUMBER.groupindex) == ["num", "range", "num2", "approx", "mag", "approx2", "unit"]
    matches = list(P.NUMBER.finditer(shipped_text))
    assert matches
    assert all(m.start() == m.start("num") for m in matches)


def test_mentions_in_a_window_are_the_mentions_of_the_slice_shifted(shipped_text):
    import random

    from extract.regions import find_mentions

    rnd = random.Random(7)
    for _ in range(300):
        s = rnd.randrange(len(shipped_text))
        e = min(len(shipped_text), s + rnd.randrange(1, 200))
        shifted = [(m.start + s, m.end + s, m.region, m.surface) for m in find_mentions(shipped_text[s:e])]
        assert [tuple(m) for m in find_mentions(shipped_text, s, e)] == shifted


def test_a_restatement_always_shares_the_value_or_the_scaled_amount():
    # _dedupe calls _restates only for pairs with the same value or scaled amount
    from pathlib import Path

    from extract import pipeline as pl
    from extract.clean import clean

    pairs = restating = 0
    for path in sorted(Path(__file__).resolve().parent.parent.joinpath("data", "articles").glob("*.txt"))[:25]:
        ct = clean(path.read_text(encoding="utf-8"))
        cands = pl._ArticleExtractor(ct, path.name, 2023, 6).run()
        pl._resolve_indicators(ct, cands)
        for i, k in enumerate(cands):
            for c in cands[i + 1:]:
                pairs += 1
                if pl._restates(k, c):
                    restating += 1
                    assert k.token.value == c.token.value or k.token.scaled == c.token.scaled
    assert pairs > 1000 and restating > 0
