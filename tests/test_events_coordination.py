"""Event coding of coordinated actors and of lexicon rows added from the CAMEO codebook, on our own fictional sentences.

Every sentence here was written for these tests (no validation-set sentence is reused). Each runs the real stages of
the session's one Pipeline.
"""
from __future__ import annotations

import pytest
from test_events import code


def pairs(pipeline, text: str) -> set[tuple[str | None, str | None, str]]:
    """(source code, target code, CAMEO root) of every event coded in a text."""
    _, events = code(pipeline, text)
    return {(e.source_code, e.target_code, e.cameo[:2]) for e in events}


def test_coordinated_demonyms_share_their_role_noun(pipeline):
    table, _ = code(pipeline, "Kenyan and Ugandan troops shelled rebel positions in eastern Congo on Monday.")
    assert {"KENMIL", "UGAMIL"} <= {a.code for a in table.actors}
    assert {s for s, _, root in pairs(pipeline, "Kenyan and Ugandan troops shelled rebel positions in eastern Congo on Monday.")
            if root == "19"} == {"KENMIL", "UGAMIL"}


def test_coordinated_demonyms_in_a_target_each_count(pipeline):
    found = pairs(pipeline, "Tanzanian police beat dozens of Rwandan and Burundian refugees at a border camp.")
    assert {t for _, t, root in found if root == "18"} == {"RWAREF", "BDIREF"}


def test_every_coordinated_doer_of_a_performed_noun_event(pipeline):
    found = pairs(pipeline, "Danish and Norwegian students staged a sit-down protest outside the Chinese embassy on Friday.")
    assert {s for s, _, root in found if root == "14"} == {"DNKEDU", "NOREDU"}


def test_a_phrase_of_time_is_no_target_slot(pipeline):
    # "on Monday" must not make the 'stop attacks on X' row win over 'stop work'
    found = pairs(pipeline, "Peruvian miners stopped work on Monday in a strike over pay.")
    assert found == {("PERLAB", "PER", "14")}


def test_an_inquiry_targets_whose_acts_it_looks_into(pipeline):
    found = pairs(pipeline, "The Ghanaian government opened a hearing into alleged abuses by Togolese police.")
    assert found == {("GHAGOV", "TGOCOP", "09")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Malian troops remained on high alert along the border with Niger.", ("MLIMIL", "NER", "152")),
    ("Tanzania's president gave a warm welcome to Kenyan President William Ruto.", ("TZAGOV", "KENGOV", "043")),
    ("Zambian opposition leaders violated a ban on public rallies.", ("ZMBOPP", "ZMB", "128")),
    ("The African Union has dispatched observers to Guinea to monitor the vote.", ("IGOAFR", "GIN", "090")),
])
def test_codebook_rows_for_alerts_welcomes_defiance_and_inspections(pipeline, text, expected):
    _, events = code(pipeline, text)
    assert expected in {(e.source_code, e.target_code, e.cameo) for e in events}


def test_occupations_are_their_sectors(pipeline):
    table, _ = code(pipeline, "Ecuadorian soldiers detained three fishermen near the coast of Ecuador.")
    assert "ECUAGR" in {a.code for a in table.actors}


def test_an_armed_group_named_by_its_kind_is_placed_where_it_is_based(pipeline):
    table, events = code(pipeline, "A militant group based in Mali claimed responsibility for the bombing of a Nigerien army post.")
    assert "MLIREB" in {a.code for a in table.actors}
    assert [(e.source_code, e.target_code, e.cameo) for e in events] == [("MLIREB", "NER", "015")]


def test_a_place_stands_for_the_people_it_serves(pipeline):
    found = pairs(pipeline, "A camp for Sudanese refugees was shelled by Chadian troops.")
    assert found == {("TCDMIL", "SDNREF", "19")}


def test_a_force_led_by_a_country_is_that_countrys(pipeline):
    table, _ = code(pipeline, "Saudi-led forces shelled rebel positions near the Omani border.")
    assert "SAUMIL" in {a.code for a in table.actors}


def test_an_object_shifted_behind_its_predicate_is_the_target(pipeline):
    assert pairs(pipeline, "Kenya denounced as illegal Uganda's detention of two journalists.") == {("KEN", "UGA", "11")}
