"""Highlights from stored offsets, and JSON values."""

from __future__ import annotations

import datetime as dt
import math

from tacitus.web.lookups import Span, json_value, segments, sentence_spans, sentence_start

ARTICLE = "Alpha rejected Beta. Later, Alpha rejected Beta. Gamma left."


def _event(trigger_start: int, **extra):  # type: ignore[no-untyped-def]
    return {
        "sentence": "Alpha rejected Beta.",
        "trigger": "rejected",
        "trigger_start": trigger_start,
        "trigger_end": trigger_start + 8,
        "source_text": "Alpha",
        "source_char_start": trigger_start - 6,
        "source_char_end": trigger_start - 1,
        "target_text": "Beta",
        "target_char_start": trigger_start + 9,
        "target_char_end": trigger_start + 13,
        **extra,
    }


def test_the_sentence_is_found_where_its_trigger_is():
    second = ARTICLE.index("Alpha", 5)
    assert sentence_start(ARTICLE, "Alpha rejected Beta.", second + 6) == second
    assert sentence_start(ARTICLE, "Alpha rejected Beta.", 6) == 0
    assert sentence_start(ARTICLE, "Nowhere.", 3) is None


def test_spans_come_from_the_offsets_in_the_article():
    second = ARTICLE.index("Alpha", 5)
    spans = sentence_spans(_event(second + 6), ARTICLE)
    assert [(s.role, s.start, s.end, s.text) for s in spans] == [
        ("source", 0, 5, "Alpha"),
        ("trigger", 6, 14, "rejected"),
        ("target", 15, 19, "Beta"),
    ]


def test_without_the_article_the_words_are_looked_up():
    spans = sentence_spans(_event(6, target_text=None), None)
    assert [(s.role, s.text) for s in spans] == [("source", "Alpha"), ("trigger", "rejected")]


def test_overlapping_spans_keep_the_first():
    event = _event(6, source_char_start=6, source_char_end=14, source_text="rejected")
    assert [s.role for s in sentence_spans(event, ARTICLE)] == ["trigger", "target"]


def test_segments_cover_the_sentence_in_order():
    sentence = "Alpha rejected Beta."
    pieces = segments(sentence, [Span("target", 15, 19, "Beta"), Span("source", 0, 5, "Alpha")])
    assert "".join(text for text, _ in pieces) == sentence
    assert pieces == [("Alpha", "source"), (" rejected ", None), ("Beta", "target"), (".", None)]


def test_json_values():
    import numpy as np
    import pandas as pd

    assert json_value(dt.date(2022, 2, 24)) == "2022-02-24"
    assert json_value(math.nan) is None and json_value(math.inf) is None
    assert json_value(np.int64(3)) == 3 and type(json_value(np.int64(3))) is int
    assert json_value(pd.NaT) is None
    assert json_value("x") == "x"
