"""Property-based tests: the cleaner and the number reader never crash, and offsets stay valid."""

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from extract.clean import clean
from extract.numbers import find_numbers, mask_idioms
from extract.pipeline import extract_article
from extract.textio import ArticleMeta

# Arbitrary Unicode, biased towards what breaks Chinese news parsers: digits, numerals, units,
# brackets with pinyin, full-width forms, Traditional characters and line breaks.
ALPHABET = st.one_of(
    st.characters(),
    st.sampled_from(list("0123456789.,%万亿元个第年月日同比增长下降全省湖北數據(shù)（）——、。；：\n５６％‰两十百千")),
)
TEXT = st.text(alphabet=ALPHABET, max_size=300)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TEXT)
def test_clean_map_points_into_the_original(text):
    ct = clean(text)
    assert len(ct.omap) == len(ct.text) + 1
    assert list(ct.omap) == sorted(ct.omap)
    assert all(0 <= i <= len(text) for i in ct.omap)
    for i in range(len(ct.text)):
        s, e = ct.to_original(i, i + 1)
        assert 0 <= s < e <= len(text)


@SETTINGS
@given(TEXT)
def test_number_tokens_are_spans_of_the_text(text):
    masked = mask_idioms(text)
    assert len(masked) == len(text)
    for tok in find_numbers(masked):
        assert 0 <= tok.start < tok.end <= tok.token_end <= len(text)
        assert tok.value_raw


@SETTINGS
@given(TEXT)
@example("一\ud800")  # a lone surrogate once crashed the Traditional/Simplified check
def test_extracted_offsets_index_the_original(text):
    for row in extract_article(text, "p.txt", ArticleMeta(date="2022-06")):
        s, e = row["start"], row["end"]
        assert 0 <= s < e <= len(text)
        written = text[s:e]
        assert any(ch.isdigit() or ch in "零〇一二两三四五六七八九十百千万" for ch in written)


@SETTINGS
@given(st.lists(st.sampled_from(["湖北：", "全省", "2021年,", "数字经济规模达到", "2.1万亿元", "同比增长", "5%", "。", "\n",
                                 "居全国第", "8位", "到2025年", "力争", "、", "(上接第1版)", "數(shù)"]), max_size=40))
def test_news_like_fragments_never_crash(parts):
    text = "".join(parts)
    rows = extract_article(text, "p.txt", ArticleMeta(date="2022-06"))
    assert all(text[r["start"]:r["end"]] for r in rows)
    assert len({r["fact_id"] for r in rows}) == len(rows)
