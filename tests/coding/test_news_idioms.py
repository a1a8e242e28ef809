"""Frequent news idioms as lexicon data, and two named groups of one code as two actors.

Invented sentences; the codes follow docs/annotation.md.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def _found(events):  # type: ignore[no-untyped-def]
    return {(e.source.code if e.source else None, e.cameo, e.target.code if e.target else None) for e in events}


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("The Dutch prime minister paid tribute to Kenya on Monday.", ("NLDGOV", "051", "KEN")),
        ("Canada will impose further costs on Iran.", ("CAN", "163", "IRN")),
        ("Japan called upon Syria to release the detainees.", ("JPN", "02", "SYR")),
        ("Brazil and Argentina signed a bilateral arrangement on migration.", ("BRA", "057", "ARG")),
        ("Brazil and Argentina signed a bilateral arrangement on migration.", ("ARG", "057", "BRA")),
        ("Peru will expand its partnership with Chile.", ("PER", "030", "CHL")),
        ("The Kenyan president hurled criticism at the Ugandan government.", ("KENGOV", "111", "UGAGOV")),
        ("India launched air strikes in Pakistan.", ("IND", "195", "PAK")),
        ("The Kenyan president directed sharp criticism at the Ugandan government.", ("KENGOV", "111", "UGAGOV")),
        # criticism undergone: the one it comes from is the source (audit of unlabelled news, 2026-12-02)
        ("The Kenyan government came under fire from Ugandan lawmakers.", ("UGALEG", "111", "KENGOV")),
        ("The Kenyan government took heat from Ugandan lawmakers over the deal.", ("UGALEG", "111", "KENGOV")),
        ("The Kenyan president bashed the Ugandan government on Monday.", ("KENGOV", "111", "UGAGOV")),
        ("The Kenyan president chided the Ugandan government.", ("KENGOV", "111", "UGAGOV")),
    ],
)
def test_idioms(code_text, text, event):  # type: ignore[no-untyped-def]
    source, code, target = event
    assert any(s == source and c.startswith(code) and t == target for s, c, t in _found(code_text(text)))


def test_agreeing_on_a_need_is_accord_not_an_intent(code_text):  # type: ignore[no-untyped-def]
    found = _found(code_text("Ghana and Togo have agreed on the importance of trade."))
    assert found == {("GHA", "019", "TGO"), ("TGO", "019", "GHA")}


def test_agreeing_to_meet_is_still_an_intent_to_meet(code_text):  # type: ignore[no-untyped-def]
    assert ("GHA", "036", "TGO") in _found(code_text("Ghana agreed to meet Togo next week."))


def test_two_named_groups_of_one_code_are_two_actors(code_text):  # type: ignore[no-untyped-def]
    found = _found(code_text("The Sinaloa Cartel attacked the Gulf Cartel in Tamaulipas."))
    assert {(s, c[:2], t) for s, c, t in found} & {("MEXCRM", "18", "MEXCRM"), ("MEXCRM", "19", "MEXCRM")}


def test_one_group_named_twice_is_one_actor(code_text, pipeline):  # type: ignore[no-untyped-def]
    text = "The Zetas attacked Los Zetas rivals."
    assert [m.code for m in pipeline.find_actors(text)] == ["MEXCRM", "MEXCRM"]  # both sides are found ...
    assert _found(code_text(text)) == set()  # ... and are one actor


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Police arrested 15 suspected Barrio 18 members in Milan.", "SLVCRM"),
        ("Soldiers captured a Zetas commander in Peten.", "MEXCRM"),
        ("Colombian police raided a camp of the Urabeños.", "COLCRM"),
    ],
)
def test_criminal_groups_are_coded(code_text, text, code):  # type: ignore[no-untyped-def]
    assert code in {e.target.code for e in code_text(text) if e.target}


def test_agreeing_with_no_partner_is_no_event(code_text):  # type: ignore[no-untyped-def]
    assert _found(code_text("The government agreed to defer prosecution of the bank.")) == set()


def test_agreeing_to_stay_in_touch_is_an_intent_to_meet(code_text):  # type: ignore[no-untyped-def]
    text = "Ghana's president met Togo's president in Accra. They agreed to stay in touch regularly."
    found = {(s, c, t) for s, c, t in _found(code_text(text)) if c.startswith("03")}
    assert found == {("GHAGOV", "036", "TGOGOV"), ("TGOGOV", "036", "GHAGOV")}


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Colombian police seized 1.7 metric tons of coca base.", ("COLCOP", "1711", None)),
        ("Peruvian soldiers intercepted a cocaine shipment near the border.", ("PERMIL", "1711", None)),
        ("Mexican police dismantled a Zetas training camp.", ("MEXCOP", "171", "MEXCRM")),
    ],
)
def test_seizures_of_goods_need_no_owner(code_text, text, event):  # type: ignore[no-untyped-def]
    assert event in _found(code_text(text))


def test_seizing_a_person_is_no_seizure_of_goods(code_text):  # type: ignore[no-untyped-def]
    assert all(c != "1711" for _, c, _ in _found(code_text("Colombian police seized the suspect at his home.")))


def test_a_campaign_rally_is_no_protest(code_text):  # type: ignore[no-untyped-def]
    found = _found(code_text("Before his rally in Ohio on Monday, the Kenyan president met Uganda's president."))
    assert all(not c.startswith("14") for _, c, _ in found)


def test_a_rally_against_someone_is_a_protest(code_text):  # type: ignore[no-untyped-def]
    found = _found(code_text("Kenyan students held a rally against the Ugandan government."))
    assert any(c.startswith("14") for _, c, _ in found)


def test_calling_for_someone_to_act_is_an_appeal_to_them(code_text):  # type: ignore[no-untyped-def]
    found = _found(code_text("Kenya called for Uganda to withdraw its troops from Somalia."))
    assert ("KEN", "025", "UGA") in found
    assert all(s != "UGA" for s, _, _ in found)  # the withdrawal asked for is no withdrawal


def test_acknowledging_a_fact_is_no_claim_of_responsibility(code_text):  # type: ignore[no-untyped-def]
    assert _found(code_text("The Kenyan army acknowledged the severity of the problem.")) == set()
    assert ("KENMIL", "015", None) in _found(code_text("The Kenyan army acknowledged responsibility for the raid."))
    assert ("KENOPP", "015", None) in _found(code_text("The Kenyan opposition admitted defeat on Monday."))
