"""Event coding of coordinated actors and of lexicon rows added from the CAMEO codebook, on our own fictional sentences.

Every sentence here was written for these tests (no validation-set sentence is reused). Each runs the real stages of
the session's one Pipeline.
"""
from __future__ import annotations

from test_events import code, dyads


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
    # "in March" must not meet the "in!" phrase of the state-of-siege row (1724): the siege is a blockade (191)
    assert pairs(pipeline, "Ethiopian troops imposed a siege in March.") == {("ETHMIL", "ETH", "19")}


def test_an_inquiry_targets_whose_acts_it_looks_into(pipeline):
    found = pairs(pipeline, "The Ghanaian government opened an inquiry into alleged abuses by Togolese police.")
    assert found == {("GHAGOV", "TGOCOP", "09")}


def test_force_along_a_border_targets_the_other_side(pipeline):
    found = pairs(pipeline, "Malian troops shelled villages along the border with Niger.")
    assert ("MLIMIL", "NER", "19") in found


def test_occupations_are_their_sectors(pipeline):
    table, _ = code(pipeline, "Ecuadorian soldiers detained three fishermen near the coast of Ecuador.")
    assert "ECUAGR" in {a.code for a in table.actors}
    assert pairs(pipeline, "The Kenyan Interior Ministry banned Ugandan traders.") == {("KENGOV", "UGABUS", "17")}


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


def test_the_party_in_power_and_state_bodies_are_the_government(pipeline):
    assert pairs(pipeline, "Tanzania's ruling party accused the opposition of inciting violence.") == {("TZAGOV", "TZAOPP", "11")}
    table, _ = code(pipeline, "The head of Kenya's electoral commission rejected the opposition's demands.")
    assert "KENGOV" in {a.code for a in table.actors}


def test_a_passive_subject_meets_the_object_constraint(pipeline):
    assert pairs(pipeline, "New sanctions were imposed on Iran by the European Union.") == {("IGOEUREEC", "IRN", "16")}
    assert pairs(pipeline, "Humanitarian aid was sent to Haiti by Canada.") == {("CAN", "HTI", "07")}
    active = only_code(pipeline, "Kenya expelled two Somali diplomats on Monday.")
    assert only_code(pipeline, "Two Somali diplomats were expelled by Kenya on Monday.") == active


def only_code(pipeline, text: str) -> str:
    _, events = code(pipeline, text)
    assert len(events) == 1, [(e.source_code, e.target_code, e.cameo) for e in events]
    return events[0].cameo


def test_a_main_clause_pronoun_subject_continues_the_sentence_before(pipeline):
    found = pairs(pipeline, "Kenya summoned the Somali envoy on Monday. It also expelled two Somali diplomats.")
    assert ("KEN", "SOMGOV", "16") in found
    found = pairs(pipeline, "Kenyan and Ugandan troops entered Congo on Monday. They attacked rebel camps near Beni.")
    assert {s for s, _, root in found if root == "19"} == {"KENMIL", "UGAMIL"}



def test_main_only_prefers_the_reported_act_to_the_reports_judgement(pipeline):
    from parley.events.coder import EventCoder

    doc = pipeline.nlp("Amnesty International said Ugandan police had beaten dozens of Kenyan traders whom Ugandan officials "
                       "blame for smuggling.")
    quotes, table = pipeline.quotes(doc, pipeline.actors(doc))
    everything = {e.cameo[:2] for e in EventCoder()(doc, table, quotes, "2025-03-12")}
    assert {"18", "11"} <= everything
    main = EventCoder(main_only=True)(doc, table, quotes, "2025-03-12")
    assert {(e.source_code, e.cameo[:2]) for e in main} == {("UGACOP", "18")}


def test_activists_are_political_opposition(pipeline):
    # CAMEO's OPP: "opposition parties, individuals, anti-government activists"
    found = pairs(pipeline, "Belarusian activists staged a protest outside the parliament in Minsk on Sunday.")
    assert {s for s, _, root in found if root == "14"} == {"BLROPP"}


def test_a_counterpart_is_the_other_sides_government(pipeline):
    found = pairs(pipeline, "Kenyan Foreign Minister Ali Hassan held talks with his Ugandan counterpart.")
    assert found == {("KENGOV", "UGAGOV", "04")}
    # "his" is the doer's, so the counterpart is whoever the from-phrase names
    assert pairs(pipeline, "The Kenyan president met his counterpart from Uganda on Monday.") == {("KENGOV", "UGA", "04")}


def test_a_nominal_event_between_two_sides(pipeline):
    assert pairs(pipeline, "Talks between Kenya and Uganda resumed in Nairobi on Monday.") == {("KEN", "UGA", "04")}
    found = pairs(pipeline, "Fierce clashes between Ethiopian and Eritrean troops broke out near Badme.")
    assert found == {("ETHMIL", "ERIMIL", "19")}
    # a mediator is the third party: the sides are not each other's mediators
    assert all(source == "NOR" for source, _, _ in pairs(pipeline, "Norway offered mediation between Ethiopia and Eritrea."))


def test_a_noun_that_governs_an_infinitive_gives_its_owner_and_mood(pipeline):
    assert pairs(pipeline, "Kenya's decision to expel two Somali diplomats angered Somalia.") == {("KEN", "SOMGOV", "16")}
    assert pairs(pipeline, "Kenya's threat to expel two Somali diplomats angered Somalia.") == {("KEN", "SOMGOV", "13")}
    assert pairs(pipeline, "Kenya's refusal to extradite the Ugandan activist angered Kampala.") == {("KEN", "UGAOPP", "12")}
    # a call to withdraw is wanted of someone else: only the rejection is an event
    assert pairs(pipeline, "Kenya rejected Uganda's call to withdraw its troops.") == {("KEN", "UGA", "12")}


def test_a_phrase_on_the_last_item_of_a_listed_object_names_the_target(pipeline):
    # the parser chains "drone, mortar and artillery fire" as conjuncts of conjuncts; "against" hangs on the last
    assert ("NER", "MLI", "19") in dyads(
        pipeline, "Nigerien troops launched drone, mortar, and artillery fire against Malian rebel bases along the frontier.")


def test_a_list_inside_another_phrase_is_not_the_heads_group(pipeline):
    # "Albanian migrants and Roma workers" are the abuses' victims, not what is investigated
    _, events = code(pipeline, "Albanian police opened an inquiry into abuses committed by Greek soldiers "
                               "against Albanian migrants and Roma workers.")
    assert [(e.source_code, e.target_code) for e in events] == [("ALBCOP", "GRCMIL")]


def test_a_list_in_the_heads_of_phrase_is_still_its_group(pipeline):
    assert {("KEN", "UGA", "04"), ("UGA", "KEN", "04")} <= dyads(pipeline, "The leaders of Kenya and Uganda met in Arusha.")


def test_acts_judged_are_aimed_at_who_did_them_through_a_participle(pipeline):
    _, events = code(pipeline, "Kenya condemned the killings carried out by Ugandan troops.")
    assert [(e.source_code, e.target_code) for e in events] == [("KEN", "UGAMIL")]


def test_coordinated_people_stay_coordinated_when_the_parser_misreads_a_first_name(pipeline):
    # the tagger makes "Barack" a preposition and "Obama" its object; Xi is coordinated with Obama
    assert {("USA", "CHN"), ("CHN", "USA")} <= {(s, t) for s, t, _ in dyads(
        pipeline, "Barack Obama and Xi Jinping will meet in Geneva to discuss their plans")}
