"""The cue lexicon: every cue word is data with a reason, and the regexes built from it match its words."""

import re

import pytest
import yaml

from extract import cues
from extract import patterns as P


def test_every_entry_has_a_reason_and_one_form():
    for name, entries in cues.lexicon().items():
        assert entries, name
        for e in entries:
            assert e["reason"].strip(), (name, e)
            assert ("word" in e) != ("pattern" in e), (name, e)


@pytest.mark.parametrize("name", list(yaml.safe_load(cues.CUES_FILE.read_text(encoding="utf-8"))))
def test_alternation_matches_each_word_whole(name):
    rx = re.compile(f"^(?:{cues.alternation(name)})$")
    for word in cues.words(name):
        assert rx.match(word), (name, word)


@pytest.mark.parametrize("pattern, text, matches", [
    (P.NON_SUBJECT_BEFORE, "这一数据高出", True),  # 高出上海70亿元: 上海 is the base
    (P.NON_SUBJECT_BEFORE, "已联接", True),
    (P.NON_SUBJECT_BEFORE, "2021年，", False),
    (P.TARGET_CUE, "2025年前", True),
    (P.TARGET_CUE, "2021年前三季度", False),  # a span, not a deadline
    (P.TARGET_CUE, "经济增速低于预期", False),
    (P.TARGET_CUE, "长沙未来五年数字经济占GDP比重要超", True),
    (P.HYPOTHETICAL, "如果天津GDP也迈上", True),
    (P.ORDINAL_NOUN_AFTER, "梯队", True),
    (P.PLAN_START_AFTER, "”开局之年", True),
])
def test_cue_patterns_on_phrases(pattern, text, matches):
    assert bool(pattern.search(text)) is matches


def test_a_cue_without_reason_is_refused(tmp_path, monkeypatch):
    bad = tmp_path / "cues.yaml"
    bad.write_text("hedges:\n  - {word: 如果}\n", encoding="utf-8")
    monkeypatch.setattr(cues, "CUES_FILE", bad)
    cues.lexicon.cache_clear()
    try:
        with pytest.raises(ValueError, match="reason"):
            cues.lexicon()
    finally:
        cues.lexicon.cache_clear()


def test_reason_is_reported_for_a_word():
    assert "destination" in cues.reason("non_subject_before", "向")
    assert cues.reason("non_subject_before", "湖北") == ""
