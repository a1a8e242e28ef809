from __future__ import annotations

import datetime as dt

import pytest

from tacitus.sources.dateline import parse_dateline, split_dateline


@pytest.mark.parametrize(
    ("text", "date", "source", "place", "rest"),
    [
        (
            " date 2021-06-14 (Bloomberg) -- Ministers argued late into the night.\n\nMore.",
            dt.date(2021, 6, 14),
            "Bloomberg",
            None,
            "Ministers argued late into the night.\n\nMore.",
        ),
        ("OTTAWA (Reuters) - The cabinet met on Tuesday.", None, "Reuters", "OTTAWA", "The cabinet met on Tuesday."),
        (
            "LIMA, Peru (AP) \u2014 Farmers blocked a highway.",
            None,
            "AP",
            "LIMA, Peru",
            "Farmers blocked a highway.",
        ),
        ("NAIROBI \u2014 Rain closed the airport.", None, None, "NAIROBI", "Rain closed the airport."),
        ("OSLO - Norway signed.", None, None, "OSLO", "Norway signed."),
        ("TRENTON, N.J. - Voters queued.", None, None, "TRENTON, N.J.", "Voters queued."),
        ("Feb. 9, 2020 (AFP) - Talks resumed in Geneva.", dt.date(2020, 2, 9), "AFP", None, "Talks resumed in Geneva."),
        (
            "OSLO, March 2, 2018 (Reuters) -- Norway signed.",
            dt.date(2018, 3, 2),
            "Reuters",
            "OSLO",
            "Norway signed.",
        ),
        (
            "NEW DELHI (Reuters) - \u201cWe will not yield,\u201d she said.",
            None,
            "Reuters",
            "NEW DELHI",
            "\u201cWe will not yield,\u201d she said.",
        ),
    ],
)
def test_datelines_are_parsed_and_removed(text, date, source, place, rest):
    dateline, remainder = split_dateline(text)
    assert dateline is not None
    assert (dateline.date, dateline.source, dateline.place) == (date, source, place)
    assert remainder == rest
    assert text[dateline.end :] == remainder


@pytest.mark.parametrize(
    "text",
    [
        "Chile rejected the proposal on Monday.",
        "Chile \u2014 the largest copper producer \u2014 rejected the proposal.",
        "FILE - In this March 6 photo, the minister spoke.",
        "FINAL UPDATE - The votes are in.",
        "E.U. \u2014 Canada talks resumed.",
        "BREAKING \u2014 Parliament dissolved.",
        "In Lima (Peru) \u2014 Farmers met.",
        "Mr. Ortega (AP) - said nothing.",
        "OTTAWA (Reuters) - the cabinet met.",  # lower-case after the dash: not a dateline
        "",
        "   ",
    ],
)
def test_normal_first_sentences_are_left_alone(text):
    assert parse_dateline(text) is None
    assert split_dateline(text) == (None, text)


def test_impossible_date_keeps_the_dateline_but_no_date():
    dateline = parse_dateline("date 2019-02-30 (Bloomberg) -- Text here.")
    assert dateline is not None
    assert dateline.date is None
    assert dateline.source == "Bloomberg"


def test_a_dateline_does_not_reach_across_a_line_break():
    assert parse_dateline("DAILY HERALD\n\nOTTAWA \u2014 The cabinet met.") is None
    assert parse_dateline("Parliament\n- The cabinet met.") is None
