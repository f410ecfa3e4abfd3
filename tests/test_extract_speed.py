"""Extraction work grows linearly with a sentence's length: counted, not timed.

A sentence without a danda that repeats a meeting clause ("चीन के वांग यी ने नेपाल के मंत्री
से मुलाकात की और ...") once made every pair of names rescan the sentence. Here the slot
readings and the title-phrase scans are counted for n and 2n clauses: twice the text
may cost about twice the work, not four or eight times.
"""
from __future__ import annotations

import pytest

from core.extract import extract_meetings, frames, mentions
from core.model import Article

UNIT = "चीन के वांग यी ने नेपाल के मंत्री से मुलाकात की और "


def _work(monkeypatch: pytest.MonkeyPatch, clauses: int) -> int:
    calls = 0
    slot, phrase = frames.slot, mentions._title_phrase

    def counted_slot(*args, **kwargs):
        nonlocal calls
        calls += 1
        return slot(*args, **kwargs)

    def counted_phrase(*args, **kwargs):
        nonlocal calls
        calls += 1
        return phrase(*args, **kwargs)

    monkeypatch.setattr(frames, "slot", counted_slot)
    monkeypatch.setattr(mentions, "_title_phrase", counted_phrase)
    records = extract_meetings(Article("long.txt", UNIT * clauses))
    assert len(records) == 1            # one pair, reported again and again
    monkeypatch.setattr(frames, "slot", slot)
    monkeypatch.setattr(mentions, "_title_phrase", phrase)
    return calls


def test_work_per_sentence_is_linear(monkeypatch: pytest.MonkeyPatch) -> None:
    small, large = _work(monkeypatch, 100), _work(monkeypatch, 200)
    assert small > 100
    assert large <= 2.2 * small


GIVEN = ("अमित", "सुरेश", "रमेश", "अनिल", "विनय", "राजेश", "मनोज", "दीपक", "संजय", "राहुल")
FAMILY = ("शर्मा", "वर्मा", "गुप्ता", "सिंह", "यादव", "मेहता", "जोशी", "पांडे", "मिश्रा", "राव")
MIDDLE = ("प्रसाद", "कुमार", "चंद्र", "नाथ", "लाल", "देव", "मोहन", "किशोर", "बहादुर", "राज")


def _meetings(n: int) -> Article:
    """An article of n meeting sentences with n different counterparts who share surnames."""
    return Article("many.txt", "\n".join(
        f"चीनी विदेश मंत्री वांग यी ने {i % 28 + 1} मार्च को नेपाल के विदेश मंत्री {GIVEN[i % 10]} "
        f"{MIDDLE[i // 100 % 10]} {FAMILY[i // 10 % 10]} से मुलाकात की।" for i in range(n)))


def test_linking_people_is_linear_in_the_article(monkeypatch: pytest.MonkeyPatch) -> None:
    counts = {}
    for n in (300, 600):
        calls = 0
        same = mentions._same_name

        def counted(*args, **kwargs):
            nonlocal calls
            calls += 1
            return same(*args, **kwargs)

        monkeypatch.setattr(mentions, "_same_name", counted)
        assert len(extract_meetings(_meetings(n))) == n
        monkeypatch.setattr(mentions, "_same_name", same)
        counts[n] = calls
    assert counts[600] <= 2.5 * max(counts[300], 1)
