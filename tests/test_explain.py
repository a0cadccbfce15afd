"""The `why` column and `python -m extract explain`: every decision names its rule and points at its evidence."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from extract.pipeline import explain_article, extract_article
from extract.textio import ArticleMeta

REPO = Path(__file__).resolve().parents[1]
EVIDENCE = re.compile(r"(\w+):([\w.]+)(?::[^@;]*)?@(\d+)-(\d+)")


def why_parts(row: dict) -> dict[str, str]:
    return dict(part.split(":", 1) for part in row["why"].split("; "))


def evidence(row: dict, original: str) -> dict[str, tuple[str, str]]:
    """question -> (rule, the original text the rule rests on)."""
    return {m.group(1): (m.group(2), original[int(m.group(3)):int(m.group(4))]) for m in EVIDENCE.finditer(row["why"])}


@pytest.mark.parametrize("text, date, number, question, rule, words", [
    ("湖北：数字经济\n2021年，湖北省数字经济规模达到2.1万亿元。", "2022-08", "2.1", "region", "region.subject_mention", "湖北省"),
    ("湖北：数字经济\n2021年，湖北省数字经济规模达到2.1万亿元。", "2022-08", "2.1", "period", "period.in_sentence", "2021年"),
    ("宁波：经济\n宁波全市财政总收入达3264亿元。", "2022-03", "3264", "region", "region.section_word", "全市"),
    ("一季度，江苏GDP增长8%，高于浙江的6.5%。", "2022-04", "6.5", "region", "region.holder_of_number", "浙江"),
    # Traditional text with pinyin glued in: offsets must index the original file, noise included.
    ("2021年，江西數(shù)字經(jīng)濟(jì)規(guī)模達(dá)到1萬億元。", "2022-05", "1", "region", "region.subject_mention", "江西"),
])
def test_why_points_at_the_words_it_rests_on(text, date, number, question, rule, words):
    rows = [r for r in extract_article(text, "t.txt", ArticleMeta(date=date)) if r["value_raw"] == number]
    assert rows, rows
    got = evidence(rows[0], text)
    assert got[question] == (rule, words)


@pytest.mark.parametrize("text, date, number, question, rule", [
    # no region named in the sentence: the previous sentence's subject carries it
    ("上半年，合肥GDP为5800亿元。其中，规模以上工业增加值增长11.2%。", "2022-07", "11.2", "region",
     "region.carried_from_earlier_sentence"),
    ("2022年，江西GDP增长4.7%，其中工业增加值增长7.1%。", "2023-01", "7.1", "kind", "kind.change_verb:增长"),
    ("力争到2025年，湖南数字经济规模突破2万亿元。", "2022-01", "2", "kind", "kind.target_cue:力争"),
    ("截至目前，甘肃已建成5G基站1.9万个。", "2022-08", "1.9", "period", "period.in_sentence@0-4+period.as_of_stock"),
    ("2021年，湖北省数字经济规模达到2.1万亿元，居全国第8位。", "2022-08", "8", "indicator", "indicator.subject"),
])
def test_why_names_the_rule(text, date, number, question, rule):
    rows = [r for r in extract_article(text, "t.txt", ArticleMeta(date=date)) if r["value_raw"] == number]
    assert rows
    assert why_parts(rows[0])[question] == rule


def test_every_fact_explains_every_question():
    text = (REPO / "tests/fixtures/articles/chengdu_sichuan.txt").read_text(encoding="utf-8")
    rows = extract_article(text, "chengdu_sichuan.txt", ArticleMeta(date="2023-07"))
    assert rows
    for row in rows:
        assert set(why_parts(row)) == {"region", "period", "kind", "indicator"}, row["why"]


def test_explain_lists_skipped_numbers_with_reasons():
    text = "浙江：会议\n会议围绕6个专题进行研讨，5G+工业互联网大会在杭州举行。2022年，浙江数字经济增加值达到3.8万亿元。"
    report = explain_article(text, "t.txt", ArticleMeta(date="2023-01"))
    assert [r["value_raw"] for r in report["facts"]] == ["3.8"]
    reasons = {text[s:e]: why for s, e, why in report["skipped"]}
    assert "count of a plan's parts" in reasons["6个"]
    assert reasons["5"] == "label"
    assert report["article_region"] == "浙江省"


def test_explain_command_prints_decisions_and_evidence():
    article = REPO / "tests/fixtures/articles/chengdu_sichuan.txt"
    out = subprocess.run([sys.executable, "-m", "extract", "explain", str(article), "--skipped"], cwd=REPO,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "【2856】" in out.stdout
    assert "region.subject_mention  «成都市»" in out.stdout
    assert "Numbers that are not facts:" in out.stdout


def test_explain_command_refuses_a_missing_file(tmp_path):
    out = subprocess.run([sys.executable, "-m", "extract", "explain", str(tmp_path / "none.txt")], cwd=REPO,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2
    assert "none.txt" in out.stderr


def test_fact_ids_of_a_shared_number_follow_the_split_label_not_the_position():
    from extract.pipeline import _make_id

    text = "2022年，北京、上海、天津数字经济占GDP比重均超过50%。"
    rows = [r for r in extract_article(text, "t.txt", ArticleMeta(date="2023-01")) if r["value_raw"] == "50"]
    assert [r["region"] for r in rows] == ["北京市", "上海市", "天津市"]
    start, end = rows[0]["start"], rows[0]["end"]
    # the first fact keeps the id an unsplit number has; the others are keyed by what they were split by
    assert rows[0]["fact_id"] == _make_id("t.txt", start, end)
    assert rows[1]["fact_id"] == _make_id("t.txt", start, end, "region:上海市")
    assert rows[2]["fact_id"] == _make_id("t.txt", start, end, "region:天津市")
    assert len({r["fact_id"] for r in rows}) == 3
