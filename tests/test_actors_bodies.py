"""Actor resolution of bodies named by a head noun that an organisation or a country qualifies: "a UN team" and
"IAEA inspectors" are the organisation's, "a Kenyan delegation" is Kenya's government.

Every sentence here was written for these tests. Each runs the real stages of the session's one Pipeline.
"""
from __future__ import annotations

import pytest
from test_events import code


@pytest.mark.parametrize("text, source", [
    ("A UN team visited Kenya on Tuesday.", "IGOUNO"),
    ("IAEA inspectors visited the plant in Iran on Monday.", "IGOUNOIAE"),
    ("The AU monitoring committee condemned Burundi for the attack.", "IGOAFR"),
    ("Arab League monitors visited Syria.", "IGOARL"),
])
def test_an_organisation_qualifying_a_group_noun_is_the_actor(pipeline, text, source):
    _, events = code(pipeline, text)
    assert [e.source_code for e in events] == [source]


def test_a_national_delegation_is_its_government(pipeline):
    table, events = code(pipeline, "An American delegation visited Uganda on Monday.")
    assert [a.code for a in table.actors if a.name == "American delegation"] == ["USAGOV"]
    assert [(e.source_code, e.target_code) for e in events] == [("USAGOV", "UGA")]


def test_a_national_delegation_abroad_stays_its_countrys(pipeline):
    _, events = code(pipeline, "The Kenyan delegation in Kampala criticised Uganda.")
    assert [(e.source_code, e.target_code) for e in events] == [("KENGOV", "UGA")]


@pytest.mark.parametrize("text", [
    "A delegation arrived in Kenya on Monday and met Ugandan officials.",
    "The delegation in Nairobi criticised Uganda.",
    "Kenya welcomed the delegation.",
])
def test_a_delegation_is_not_placed_by_where_it_is(pipeline, text):
    table, _ = code(pipeline, text)
    assert not [a for a in table.actors if "delegation" in a.name]


@pytest.mark.parametrize("text, pair", [
    ("A NATO-led force shelled rebel positions in Kosovo.", ("IGONAT", "XKX")),
    ("Ghana refused to join the French-led coalition against Mali.", ("GHA", "FRA")),
    ("The Saudi-led coalition bombed a port in Yemen.", ("SAU", "YEM")),
])
def test_a_body_led_by_an_actor_is_that_actor(pipeline, text, pair):
    _, events = code(pipeline, text)
    assert pair in {(e.source_code, e.target_code) for e in events}


def test_a_body_backed_by_an_actor_is_not_that_actor(pipeline):
    table, _ = code(pipeline, "Kenya criticised the Ethiopian-backed militia on Friday.")
    assert not any(a.code == "ETH" and "militia" in a.name for a in table.actors)


@pytest.mark.parametrize("text, pair", [
    ("Aid agencies accused Sudan of blocking food deliveries.", ("NGO", "SDN")),
    ("The international community condemned Eritrea on Monday.", ("INT", "ERI")),
])
def test_an_international_generic_body_needs_no_country(pipeline, text, pair):
    _, events = code(pipeline, text)
    assert [(e.source_code, e.target_code) for e in events] == [pair]


def test_bare_peacekeepers_are_not_guessed(pipeline):
    _, events = code(pipeline, "Chad refused to deploy peacekeepers in Niger.")
    assert [(e.source_code, e.target_code) for e in events] == [("TCD", "NER")]


@pytest.mark.parametrize("text, pair", [
    ("The Security Council condemned the attack on Chad.", ("IGOUNOSEC", "TCD")),
    ("Ghana vetoed a Security Council draft on Mali.", ("GHA", "IGOUNOSEC")),
    ("The General Assembly condemned Eritrea on Friday.", ("IGOUNOGAS", "ERI")),
])
def test_the_un_organs_named_bare_are_the_uns(pipeline, text, pair):
    _, events = code(pipeline, text)
    assert pair in {(e.source_code, e.target_code) for e in events}


@pytest.mark.parametrize("text", [
    "Russia's Security Council accused Ukraine of shelling Belgorod.",
    "Iran's Supreme National Security Council rejected the offer from France.",
    "The General Assembly of Kentucky condemned Cuba.",
])
def test_a_qualified_council_or_assembly_is_not_the_uns(pipeline, text):
    table, _ = code(pipeline, text)
    assert not any((a.code or "").startswith("IGOUNO") for a in table.actors)


def test_an_unplaced_group_acted_on_in_a_one_country_story_is_that_countrys(pipeline):
    _, events = code(pipeline, "Malian authorities kept pressing the workers at a textile mill to abandon their strike.")
    assert [(e.source_code, e.target_code) for e in events] == [("MLIGOV", "MLILAB")]


def test_a_country_a_group_supports_is_not_its_country(pipeline):
    table, _ = code(pipeline, "Pro-Russian rebels shelled Mariupol on Monday.")
    assert not any((a.code or "").startswith("RUS") for a in table.actors)


def test_a_country_written_against_is_not_the_nouns_owner(pipeline):
    table, _ = code(pipeline, "A prominent anti-Syria journalist was killed in a sector of eastern Beirut.")
    assert not any(a.code == "SYRMED" for a in table.actors)


def test_an_act_written_against_a_country_is_aimed_at_it(pipeline):
    _, events = code(pipeline, "Egyptian students staged anti-Israeli demonstrations on Friday.")
    assert [(e.source_code, e.target_code, e.cameo[:2]) for e in events] == [("EGYEDU", "ISR", "14")]


def test_a_city_named_as_the_whole_a_place_is_part_of_is_a_place(pipeline):
    _, events = code(pipeline, "Two journalists were shot dead in the suburbs of Kabul.")
    assert [(e.source_code, e.target_code) for e in events] == [("AFGUAF", "AFGMED")]


def test_repressing_an_act_is_aimed_at_its_doers_named_as_a_passives_agent(pipeline):
    _, events = code(pipeline, "Greek police prevented a march staged by students outside the campus.")
    assert [(e.source_code, e.target_code, e.cameo[:2]) for e in events] == [("GRCCOP", "GRCEDU", "17")]


@pytest.mark.parametrize("text", [
    "Kenya accused Uganda's allies of arming the rebels.",
    "Kenya condemned the rivals of the Ugandan president.",
])
def test_a_relational_noun_is_not_the_actor_it_relates_to(pipeline, text):
    _, events = code(pipeline, text)
    assert not any((e.target_code or "").startswith("UGA") for e in events)


def test_an_alliances_members_are_still_the_alliance(pipeline):
    _, events = code(pipeline, "The Finnish defence minister thanked NATO allies for their support.")
    assert {(e.target_code or "")[:6] for e in events} == {"IGONAT"}


@pytest.mark.parametrize("text, pair", [
    ("Canada carried out a raid on an Islamic State depot north of Mosul.", ("CAN", "IMGMUSISI")),
    ("Benin on Tuesday opposed a Security Council motion rebuking Togo.", ("BEN", "IGOUNOSEC")),
])
def test_an_actor_in_a_stack_of_compounds_names_the_noun(pipeline, text, pair):
    _, events = code(pipeline, text)
    assert pair in {(e.source_code, e.target_code) for e in events}
