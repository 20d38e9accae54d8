"""Actor resolution of a capital named as a place whose name a city of another country also bears.

Every sentence here was written for these tests. Each runs the real stages of the session's one Pipeline.
"""
from __future__ import annotations

from test_events import code


def _places(pipeline, text: str) -> set[str | None]:
    table, _ = code(pipeline, text)
    return {a.code for a in table.actors if a.kind == "location"}


def test_a_capital_name_goes_to_the_named_country_that_has_such_a_city(pipeline):
    # Libya's capital and a Lebanese city share the name: a Lebanese story means the Lebanese one
    assert _places(pipeline, "Lebanese soldiers clashed with gunmen in Tripoli on Sunday.") == {"LBN"}


def test_a_capital_stays_its_countrys_when_that_country_is_named(pipeline):
    assert _places(pipeline, "Libyan soldiers clashed with gunmen in Tripoli on Sunday.") == {"LBY"}
    # no named country has a city of that name: the capital keeps its own country
    assert _places(pipeline, "Egyptian envoys held talks in Tripoli on Sunday.") == {"LBY"}


def _codes(pipeline, text: str) -> dict[str, str | None]:
    table, _ = code(pipeline, text)
    return {a.name: a.code for a in table.actors if a.kind == "organization"}


def test_an_unlisted_party_is_the_opposition_of_the_country_it_is_placed_in(pipeline):
    assert _codes(pipeline, "The Democratic Renewal Party in Kenya accused the government of fraud.")["Democratic Renewal Party"] \
        == "KENOPP"
    # its own demonym places it; "ruling" makes it part of the government
    assert _codes(pipeline, "The ruling Unity Party of Ghana accused the opposition of fraud.")["Unity Party"] == "GHAGOV"


def test_an_unlisted_armed_front_is_rebels_and_an_unplaced_one_no_actor(pipeline):
    assert _codes(pipeline, "In Chad, the Zarovian Liberation Front attacked an army post.")["Zarovian Liberation Front"] \
        == "TCDREB"
    assert "Zarovian Liberation Front" not in _codes(pipeline, "The Zarovian Liberation Front issued a statement.")


def test_an_ethnic_groups_body_placed_in_another_country_is_that_countrys(pipeline):
    table, _ = code(pipeline, "Ethnic Uzbek guerrillas operating in Kyrgyzstan attacked a police post.")
    assert [a.code for a in table.actors if "guerrillas" in a.name] == ["KGZREB"]


def test_a_national_body_abroad_without_ethnic_stays_its_countrys(pipeline):
    table, _ = code(pipeline, "Albanian rebels attacked a police post in Macedonia.")
    assert [a.code for a in table.actors if "rebels" in a.name] == ["ALBREB"]


def test_a_people_qualified_by_another_countrys_word_lives_there(pipeline):
    table, _ = code(pipeline, "Bosnian Croats called for a ceasefire with rival militias in western Bosnia.")
    assert [a.code for a in table.actors if a.name == "Croats"] == ["BIHCVL"]


def test_a_definite_groups_own_from_phrase_places_it(pipeline):
    table, _ = code(pipeline, "Norway welcomed the four banished dissidents from Egypt.")
    assert [a.code for a in table.actors if "dissident" in a.name] == ["EGYOPP"]
