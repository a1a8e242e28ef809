"""Scoring functions on hand-made events: matching, penta mapping, macro-F1, bands, seed checks."""

from __future__ import annotations

import pytest

from tacitus.eval.gold import GoldEvent, GoldRecord, SeedEntry, actor_key
from tacitus.eval.score import (
    check_seed,
    confidence_bands,
    match_events,
    penta_class,
    precision_at_or_above,
    score_events,
    score_penta,
    sentence_class,
)

from .helpers import event


def test_actor_key_compares_countries_at_country_level_and_igos_whole() -> None:
    assert actor_key("USAGOV") == "USA"
    assert actor_key("tur") == "TUR"
    assert actor_key("IGOWSTNAT") == "IGOWSTNAT"
    assert actor_key("IGOUNO") != actor_key("IGOWSTNAT")
    assert actor_key("IMGMUSALQ") == "IMGMUSALQ"
    assert actor_key(None) is None


@pytest.mark.parametrize(
    ("root", "expected"),
    [("01", 0), ("02", 0), ("03", 1), ("05", 1), ("06", 2), ("08", 2), ("09", 3), ("13", 3), ("16", 3)]
    + [("14", 4), ("15", 4), ("17", 4), ("20", 4), ("1211", 3)],
)
def test_penta_class_mapping(root: str, expected: int) -> None:
    assert penta_class(root) == expected


def test_penta_class_rejects_non_roots() -> None:
    with pytest.raises(ValueError):
        penta_class("21")


def test_match_requires_source_target_and_root() -> None:
    gold = [GoldEvent("TURGOV", "USA", "12")]
    assert match_events(gold, [event("TUR", "USAGOV", "120")]) == [(0, 0)]
    assert match_events(gold, [event("USA", "TUR", "120")]) == []  # reversed dyad
    assert match_events(gold, [event("TUR", "USA", "11")]) == []  # wrong root
    assert match_events(gold, [event("TUR", "USA", "11")], actors=False) == []
    assert match_events(gold, [event("USA", "TUR", "12")], actors=False) == [(0, 0)]


def test_null_target_matches_only_events_without_target() -> None:
    gold = [GoldEvent("FRA", None, "01")]
    assert match_events(gold, [event("FRA", None, "010")]) == [(0, 0)]
    assert match_events(gold, [event("FRA", "DEU", "010")]) == []


def test_each_event_matches_once_highest_confidence_first() -> None:
    gold = [GoldEvent("RUS", "UKR", "19")]
    predicted = [event("RUS", "UKR", "190", confidence=0.3), event("RUS", "UKR", "193", confidence=0.9)]
    assert match_events(gold, predicted) == [(0, 1)]
    two_gold = [GoldEvent("RUS", "UKR", "19"), GoldEvent("RUS", "UKR", "19")]
    assert len(match_events(two_gold, predicted)) == 2
    assert len(match_events(two_gold, predicted[:1])) == 1


def test_gold_with_only_plover_matches_on_plover_type() -> None:
    gold = [GoldEvent("ISR", "PSE", None, "assault")]
    assert match_events(gold, [event("ISR", "PSE", "190", plover="ASSAULT")]) == [(0, 0)]
    assert match_events(gold, [event("ISR", "PSE", "190", plover="COERCE")]) == []


def _record(rid: str, events: list[GoldEvent] | None = None, penta: int | None = None) -> GoldRecord:
    return GoldRecord(id=rid, text="text", events=tuple(events) if events is not None else None, penta_class=penta)


def test_score_events_precision_recall_f1_and_confusion() -> None:
    pairs = [
        (_record("a", [GoldEvent("TUR", "USA", "12")]), [event("TUR", "USA", "120")]),  # hit
        (_record("b", [GoldEvent("USA", "TUR", "11")]), [event("USA", "TUR", "12")]),  # wrong root
        (_record("c", []), [event("CHN", "JPN", "01")]),  # spurious
        (_record("d", [GoldEvent("IGOWSTNAT", "RUS", "17")]), []),  # miss
        (_record("e", None, penta=3), [event("GBR", "FRA", "01")]),  # not event-annotated: ignored
    ]
    scores = score_events(pairs)
    assert scores.records == 4
    assert (scores.dyad.tp, scores.dyad.predicted, scores.dyad.gold) == (1, 3, 3)
    assert scores.dyad.precision == pytest.approx(1 / 3)
    assert scores.dyad.recall == pytest.approx(1 / 3)
    assert scores.dyad.f1 == pytest.approx(1 / 3)
    assert scores.root.tp == 1
    assert scores.confusion_root[("12", "12")] == 1
    assert scores.confusion_root[("11", "12")] == 1  # substitution on the same dyad
    assert scores.confusion_root[("-", "01")] == 1  # spurious
    assert scores.confusion_root[("17", "-")] == 1  # missed
    assert scores.by_root["12"].tp == 1 and scores.by_root["12"].predicted == 2
    assert scores.matched == {"a": {0}, "b": set(), "c": set(), "d": set()}


def test_counts_with_nothing_predicted_are_zero_not_errors() -> None:
    scores = score_events([(_record("a", [GoldEvent("TUR", "USA", "12")]), [])])
    assert scores.dyad.precision == 0.0 and scores.dyad.recall == 0.0 and scores.dyad.f1 == 0.0


def test_plover_confusion_uses_mapping_for_cameo_gold() -> None:
    pairs = [(_record("a", [GoldEvent("TUR", "USA", "12")]), [event("TUR", "USA", "120", plover="REJECT")])]
    scores = score_events(pairs, plover_of=lambda cameo: "REJECT" if cameo.startswith("12") else None)
    assert scores.confusion_plover == {("REJECT", "REJECT"): 1}


def test_sentence_class_is_class_of_highest_confidence_event() -> None:
    events = [event("A", "B", "01", confidence=0.5), event("A", "B", "190", confidence=0.8)]
    assert sentence_class(events) == 4
    assert sentence_class([]) is None
    tie = [event("A", "B", "042", confidence=0.6), event("A", "B", "120", confidence=0.6)]
    assert sentence_class(tie) == 1  # ties go to the first event


def test_penta_accuracy_macro_f1_and_no_event_is_a_miss() -> None:
    pairs = [
        (_record("a", penta=4), [event("RUS", "UKR", "190")]),  # correct
        (_record("b", penta=4), []),  # no event: wrong
        (_record("c", penta=0), [event("FRA", None, "010")]),  # correct
        (_record("d", penta=3), [event("USA", "IRN", "010")]),  # predicted 0, wrong
    ]
    scores = score_penta(pairs)
    assert scores.records == 4
    assert scores.correct == 2
    assert scores.accuracy == pytest.approx(0.5)
    assert scores.no_event == 1
    assert scores.confusion[(4, None)] == 1
    # class 0: P 1/2 R 1 → 2/3; class 3: 0; class 4: P 1 R 1/2 → 2/3; classes 1, 2 absent
    assert scores.macro_f1 == pytest.approx((2 / 3 + 0 + 2 / 3) / 3)


def test_confidence_bands_count_correct_events_per_band() -> None:
    pairs = [
        (_record("a", [GoldEvent("TUR", "USA", "12")]), [event("TUR", "USA", "12", confidence=0.9)]),
        (_record("b", []), [event("TUR", "USA", "12", confidence=0.3)]),
        (_record("c", None, penta=4), [event("X", "Y", "19", confidence=0.65), event("X", "Y", "01", confidence=0.5)]),
        (_record("d", None, None), [event("X", "Y", "19", confidence=0.95)]),  # unannotated: not counted
    ]
    matched = score_events(pairs).matched
    bands = confidence_bands(pairs, matched=matched)
    assert [b.label for b in bands] == ["[0.0, 0.4)", "[0.4, 0.6)", "[0.6, 0.8)", "[0.8, 1.0]"]
    assert [(b.events, b.correct) for b in bands] == [(1, 0), (1, 0), (1, 1), (1, 1)]
    assert bands[3].precision == 1.0
    assert confidence_bands([])[0].precision is None


def test_confidence_of_exactly_one_lands_in_top_band() -> None:
    pairs = [(_record("a", None, penta=4), [event("X", "Y", "19", confidence=1.0)])]
    assert confidence_bands(pairs)[-1].events == 1


def test_seed_required_stretch_and_forbidden_entries() -> None:
    entries = [
        SeedEntry("R1", "required", {"source_country": "TUR", "target_country": "USA", "cameo_root": ["12"]}),
        SeedEntry("R2", "required", {"source_country": "USA", "target_country": "TUR", "quad_class": [1, 2]}),
        SeedEntry("S1", "stretch", {"source_country": "TUR", "target_code_contains": "NAT", "cameo_root": ["11"]}),
        SeedEntry("F1", "forbidden", {"quad_class": [4]}),
        SeedEntry("F2", "forbidden", {"countries_outside": ["TUR", "USA"]}),
        SeedEntry("F3", "forbidden", {"same_country_dyad": True}),
    ]
    events = [
        event("TURGOV", "USAGOV", "120", quad_class=3),
        event("TUR", "IGOWSTNAT", "111", quad_class=3),
        event("USA", "USA", "190", quad_class=4),
    ]
    checks = {check.entry.id: check for check in check_seed(entries, events)}
    assert checks["R1"].passed and checks["R1"].matching == (0,)
    assert not checks["R2"].passed and checks["R2"].outcome == "NOT MET"
    assert checks["S1"].passed
    assert not checks["F1"].passed and checks["F1"].outcome == "VIOLATED" and checks["F1"].matching == (2,)
    assert checks["F2"].passed  # IGOs have no country; TUR/USA are allowed
    assert checks["F3"].matching == (2,)


def test_forbidden_countries_outside_catches_a_stray_country() -> None:
    entry = SeedEntry("F2", "forbidden", {"countries_outside": ["TUR", "USA"]})
    (check,) = check_seed([entry], [event("TUR", "GRC", "120")])
    assert check.outcome == "VIOLATED"


def test_event_asked_for_by_a_required_entry_is_exempt_from_forbidden() -> None:
    entries = [
        SeedEntry("R2", "required", {"source_country": "USA", "target_country": "TUR", "cameo_root": ["16"]}),
        SeedEntry("F1", "forbidden", {"quad_class": [4]}),
    ]
    events = [event("USA", "TUR", "1622", quad_class=4), event("USA", "TUR", "190", quad_class=4)]
    required, forbidden = check_seed(entries, events)
    assert required.passed
    assert forbidden.exempt == (0,)
    assert forbidden.matching == (1,) and forbidden.outcome == "VIOLATED"
    (alone,) = check_seed(entries[1:], events[:1])
    assert alone.matching == (0,)  # without the required entry nothing is exempt


def test_precision_at_or_above_accumulates_from_the_top_band() -> None:
    pairs = [
        (_record("a", None, penta=4), [event("X", "Y", "19", confidence=0.9), event("X", "Y", "01", confidence=0.85)]),
        (_record("b", None, penta=4), [event("X", "Y", "19", confidence=0.5), event("X", "Y", "19", confidence=0.1)]),
    ]
    bands = confidence_bands(pairs)
    assert [b.events for b in bands] == [1, 1, 0, 2]
    assert precision_at_or_above(bands) == [pytest.approx(3 / 4), pytest.approx(2 / 3), 0.5, 0.5]
