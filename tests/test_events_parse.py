"""Event coding through the parse constructions that hide an act's doer or name it indirectly: relative clauses,
purpose clauses, participles, container nouns ("a mediation effort") and acts that a light verb performs.

Every sentence here was written for these tests. Each runs the real stages of the session's one Pipeline.
"""
from __future__ import annotations

import pytest
from spacy.tokens import Doc
from test_events import code, dyads, only


def test_relative_pronoun_subject_is_the_noun_it_describes(pipeline):
    assert ("TCD", "SDN", "19") in dyads(pipeline, "Observers named the Chadian rebels who attacked Sudan's army last week.")


def test_purpose_clause_shares_the_main_subject(pipeline):
    assert ("GHA", "TGO", "04") in dyads(pipeline, "Ghana sent two envoys to Lome on Monday to mediate between Togo and Benin.")


def test_purpose_clause_shares_the_main_mood(pipeline):
    roots = {root for src, _, root in dyads(pipeline, "Ghana will send two envoys next week to mediate between Togo and Benin.")
             if src == "GHA"}
    assert roots and "04" not in roots  # announced, so intent (03), not yet mediation


def test_participle_subject_is_the_noun_it_describes(pipeline):
    _, events = code(pipeline, "Ugandan students denouncing Kenya marched through Kampala on Friday.")
    assert any((e.source_code or "")[:3] == "UGA" and (e.target_code or "")[:3] == "KEN" and e.cameo[:2] == "11"
               for e in events), [(e.source_code, e.target_code, e.cameo) for e in events]


def test_container_noun_offers_what_it_contains(pipeline):
    _, events = code(pipeline, "Norway halted its mediation effort between Sudan and Chad.")
    assert [e.cameo for e in events if e.source_code == "NOR"] and all(
        e.cameo == "165" for e in events if e.source_code == "NOR"), [(e.source_code, e.target_code, e.cameo) for e in events]


def test_performed_act_without_partner_phrase_is_between_its_doers(pipeline):
    assert {("GHA", "TGO", "04"), ("TGO", "GHA", "04")} <= dyads(pipeline, "Ghana and Togo held talks in Accra on Monday.")


def test_performed_strike_needs_no_target_phrase(pipeline):
    assert ("NGA", "NGA", "14") in dyads(pipeline, "Nigerian unions staged a general strike on Monday.")


def test_bare_mention_of_an_act_codes_nothing(pipeline):
    # no light verb performs the talks here, and they name no partner: nobody's act
    assert dyads(pipeline, "Talks resumed in Accra on Monday.") == set()


def test_weapon_as_subject_is_an_unnamed_armed_doer(pipeline):
    _, events = code(pipeline, "A roadside bomb outside the Malian town of Gao killed three French soldiers on Sunday.")
    assert [(e.source_code, (e.target_code or "")[:3]) for e in events] == [("MLIUAF", "FRA")]


def test_participle_names_the_victims_of_an_agentless_act(pipeline):
    _, events = code(pipeline, "There were four Chadian soldiers killed in Niger on Sunday.")
    assert [(e.source_code, e.target_code) for e in events] == [("NERUAF", "TCDMIL")]


def test_killing_by_armed_forces_is_fighting_by_others_assault(pipeline):
    armed = only(pipeline, "Ugandan troops killed three Congolese villagers.")
    unarmed = only(pipeline, "Ugandan farmers killed three Congolese villagers.")
    assert (armed.cameo[:2], unarmed.cameo) == ("19", "1823")


def test_faith_names_no_country_of_a_group(pipeline):
    # "Islamist" places no one: the story's one country does, as "Mauritanian students" would be placed
    table, events = code(pipeline, "Islamist students marched against Mauritania's new press law.")
    assert [a.code for a in table.actors if a.kind == "group"] == ["MRTEDU"]
    assert [(e.source_code, e.target_code, e.cameo[:2]) for e in events] == [("MRTEDU", "MRT", "14")]


def test_plural_pronoun_stands_for_the_coordinated_reporters(pipeline):
    _, events = code(pipeline, "Chile and Peru said on Monday that they would expel the Bolivian ambassador.")
    assert {(e.source_code, (e.target_code or "")[:3]) for e in events} == {("CHL", "BOL"), ("PER", "BOL")}


def test_participle_of_a_thing_is_background(pipeline):
    _, events = code(pipeline, "The Nigerien government lifted the curfew imposed in Agadez last year.")
    assert [e.trigger for e in events] == ["lifted"]


def test_a_demand_that_someone_go_is_addressed_to_who_must_go(pipeline):
    e = only(pipeline, "Mali demanded the withdrawal of French troops from Niger.")
    assert (e.source_code, (e.target_code or "")[:3], e.cameo[:2]) == ("MLI", "FRA", "10")


def test_what_a_container_holds_is_acted_on(pipeline):
    e = only(pipeline, "Japan halted part of a development aid scheme for Myanmar.")
    assert (e.source_code, e.target_code, e.cameo[:3]) == ("JPN", "MMR", "162")


def test_claiming_that_another_did_wrong_is_an_accusation(pipeline):
    assert ("GHA", "TGO", "11") in dyads(pipeline, "Ghana claimed that Togo had shelled its border posts.")
    # a claim of one's own act, or of credit, accuses no one
    assert not any(root == "11" for _, _, root in dyads(pipeline, "Ghana claimed that it had won the vote."))


def test_deepening_ties_is_diplomatic_cooperation(pipeline):
    assert {("PER", "CHL", "05"), ("CHL", "PER", "05")} & dyads(pipeline, "Peru deepened its partnership with Chile in March.")


def test_ending_a_mediation_effort_halts_mediation(pipeline):
    _, events = code(pipeline, "Egyptian officers ended their mediation effort between Sudan and Chad.")
    assert {(e.source_code, e.cameo) for e in events} == {("EGYMIL", "165")}


@pytest.mark.parametrize("text, expected", [
    # an apposed name of unknown allegiance yields to the body its of-phrase names
    ("A member of the Kenyan parliament, Joseph Mwangi, started a hunger strike against the Kenyan government.",
     ("KENLEG", "KENGOV", "142")),
    # the passive subject of "engaged in" does the act
    ("Chadian forces were engaged in heavy fighting with Sudanese rebels.", ("TCDMIL", "SDNREB", "190")),
    # capturing a stronghold occupies territory
    ("Chadian troops captured a rebel stronghold in Sudan.", ("TCDMIL", "SDN", "192")),
    # a suspension of ties with a country reduces relations with it (the slot hangs on the of-phrase)
    ("Ghana announced a suspension of trade ties with Togo on Friday.", ("GHA", "TGO", "161")),
    # prohibiting aid cuts it
    ("Ghana prohibited all aid to Togolese rebels.", ("GHA", "TGOREB", "162")),
    # in an agentless passive demobilization, the forces named are the side that stands down
    ("Some 500 Chadian rebels have been demobilized since the peace accord with the Chadian government.",
     ("TCDREB", "TCDGOV", "0873")),
    # receiving observers lets their sender in; "a team of" holds what it names
    ("Mali's prime minister received a team of observers from the African Union on Monday.", ("MLIGOV", "IGOAFR", "0862")),
    # taking in refugees grants them asylum; refusing to is a rejection
    ("Chad took in thousands of Sudanese refugees last year.", ("TCD", "SDNREF", "075")),
    ("Kenya said it will not admit any further Somali refugees.", ("KEN", "SOMREF", "122")),
    # a protest against acts by someone is against the doer, whether a verb or a noun tells it
    ("Togolese students protested against abuses by Ghanaian police.", ("TGOEDU", "GHACOP", "141")),
    ("Togolese students staged demonstrations against abuses by Ghanaian police.", ("TGOEDU", "GHACOP", "141")),
])
def test_one_event_with_its_doer_and_target(pipeline, text, expected):
    e = only(pipeline, text)
    assert (e.source_code, e.target_code, e.cameo) == expected


def test_a_preposition_the_parser_left_without_object_takes_the_phrase_after_it(pipeline):
    # a parse as the tagger sometimes makes it: "officers" taken as the subject of "hiding", "to" left stranded
    events = _coded(pipeline, "Peru:1:nsubj:PROPN:NNP:Peru:B-GPE granted:1:ROOT:VERB:VBD:grant:O asylum:1:dobj:NOUN:NN:asylum:O "
                              "to:1:prep:ADP:IN:to:O five:6:nummod:NUM:CD:five:O Bolivian:6:amod:ADJ:JJ:bolivian:B-NORP "
                              "officers:7:nsubj:NOUN:NNS:officer:O hiding:1:advcl:VERB:VBG:hide:O there:7:advmod:ADV:RB:there:O")
    assert [(e.source_code, e.target_code, e.cameo) for e in events] == [("PER", "BOLMIL", "075")]


def test_a_country_named_bare_acts_on_its_own_people_but_not_its_own_government(pipeline):
    assert ("KEN", "KEN", "09") in dyads(pipeline, "Kenya is investigating Kenyan militants over the bombing.")
    assert dyads(pipeline, "Chile praised the Chilean government on Monday.") == set()


def test_a_complaint_is_against_whom_it_is_about_not_whom_it_is_made_to(pipeline):
    e = only(pipeline, "Togo complained to the United Nations about Ghanaian border raids.")
    assert (e.source_code, (e.target_code or "")[:3], e.cameo[:2]) == ("TGO", "GHA", "11")


def test_being_opposed_to_is_the_subjects_own_stance(pipeline):
    assert ("KEN", "UGA", "11") in dyads(pipeline, "Kenya is opposed to Ugandan mediation in the border dispute.")
    assert ("KEN", "UGA", "11") in dyads(pipeline, "Kenya has long been opposed to any Ugandan mediation.")


def test_thousands_of_a_people_are_its_civilians(pipeline):
    _, events = code(pipeline, "Thousands of Ghanaians marched through Accra against the new tax on Friday.")
    assert [(e.source_code, (e.target_code or "")[:3], e.cameo[:2]) for e in events] == [("GHACVL", "GHA", "14")]


def test_an_announced_must_is_a_demand_even_on_a_rival_at_home(pipeline):
    assert ("TCD", "TCD", "10") in dyads(pipeline, "Chadian rebels announced that the Chadian government must free all prisoners.")


def test_scrapping_restrictions_and_shortening_curfews_ease_sanctions(pipeline):
    assert ("CMR", "CMR", "08") in dyads(pipeline, "Cameroon's government scrapped restrictions on Anglophone schools.")
    assert ("CMR", "CMR", "08") in dyads(pipeline, "Cameroon's government shortened the curfew in Bamenda by two hours.")


def test_a_statement_or_rally_acts_for_whoever_issued_or_held_it(pipeline):
    e = only(pipeline, "The Togolese opposition issued a statement demanding that the Togolese government free all prisoners.")
    assert (e.source_code, e.target_code, e.cameo[:2]) == ("TGOOPP", "TGOGOV", "10")
    e = only(pipeline, "Thousands of Ghanaians gathered for a rally in Accra to protest against the new tax.")
    assert (e.source_code, (e.target_code or "")[:3], e.cameo[:2]) == ("GHACVL", "GHA", "14")
    # a plan that someone else wrote is not the act of whoever rejects it
    assert not any(root == "16" for _, _, root in dyads(pipeline, "Ghana rejected a plan calling for sanctions on Togo."))


def test_a_participle_on_a_root_noun_is_the_predicate(pipeline):
    # the tagger reads "newspaper called" as "a newspaper (that was) called …" and makes the noun the sentence's root
    coded = dyads(pipeline, "The pro-government Kenyan weekly called Tuesday on Ugandans to oppose President Museveni.")
    assert coded == {("KEN", "UGA", "02")}  # the opposition it calls for is only wished


def test_a_slot_naming_the_doer_itself_leaves_the_target_to_other_phrases(pipeline):
    e = only(pipeline, "Ghana imposed restrictions on its border markets for Togolese traders.")
    assert (e.source_code, e.target_code, e.cameo) == ("GHA", "TGOBUS", "163")  # traders are business (BUS)


def test_a_person_of_unknown_allegiance_is_placed_by_the_apposition(pipeline):
    # a name the tagger took for no one: "Kofi Mensah, the UN aid coordinator, demanded that Togo free the prisoners"
    events = _coded(pipeline, "Kofi:1:compound:PROPN:NNP:Kofi:O Mensah:6:nsubj:PROPN:NNP:Mensah:O the:5:det:DET:DT:the:O "
                              "UN:5:compound:PROPN:NNP:UN:B-ORG aid:5:compound:NOUN:NN:aid:O coordinator:1:appos:NOUN:NN:coordinator:O "
                              "demanded:6:ROOT:VERB:VBD:demand:O that:9:mark:SCONJ:IN:that:O Togo:9:nsubj:PROPN:NNP:Togo:B-GPE "
                              "free:6:ccomp:VERB:VB:free:O the:11:det:DET:DT:the:O prisoners:9:dobj:NOUN:NNS:prisoner:O")
    assert [(e.source_code, e.target_code, e.cameo[:2]) for e in events] == [("IGOUNO", "TGO", "10")]


def _coded(pipeline, parse: str):
    """The events of one sentence given as its parse, "word:head:dep:pos:tag:lemma:entity-IOB" per token: the parser's
    occasional mistakes, written out so that the test does not depend on the model's version."""
    words, heads, deps, pos, tags, lemmas, ents = (list(column) for column in zip(*(t.split(":") for t in parse.split()), strict=True))
    doc = Doc(pipeline.nlp.vocab, words=words, heads=[int(h) for h in heads], deps=deps, pos=pos, tags=tags, lemmas=lemmas,
              ents=ents, sent_starts=[True] + [False] * (len(words) - 1))
    quotes, table = pipeline.quotes(doc, pipeline.actors(doc))
    return pipeline.events(doc, table, quotes, None)


def test_a_participle_parsed_as_the_subject_leaves_the_noun_it_describes_the_speaker(pipeline):
    # the parser makes "operating" the subject of "said" and "Red Cross" the participle's own subject
    _, events = code(pipeline, "The Red Cross operating in Somalia said Kenyan forces must protect civilians.")
    assert ("NGOIRC", "KENMIL", "100") in {(e.source_code, e.target_code, e.cameo) for e in events}


def test_a_purpose_clause_naming_no_one_is_aimed_where_its_doer_is_sent(pipeline):
    assert ("IGO", "MLI", "09") in dyads(pipeline, "The UN flew a team of experts to Mali on Monday to investigate the killings.")


def test_a_purpose_clause_is_not_aimed_at_where_its_doer_merely_is(pipeline):
    assert not any(root == "09" for _, _, root in dyads(pipeline, "UN experts met in Mali on Monday to investigate the killings."))


def test_an_act_named_in_a_verbs_phrase_gives_its_own_target(pipeline):
    assert ("GHA", "GBR", "12") in dyads(
        pipeline, "The Ghanaian cabinet declined to pledge any further support to the British-led operation in Niger.")


def test_an_among_phrase_names_the_parties_an_act_is_aimed_at(pipeline):
    assert ("IGO", "SOM", "13") in dyads(pipeline, "The African Union threatened to end its peace work among Somalia's quarrelling clans.")


@pytest.mark.parametrize("text, dyad", [
    ("Kenya responded by shelling Ugandan positions.", ("KEN", "UGA", "19")),
    ("Ghanaian teachers resorted to throwing bottles during marches against raids by the Togolese army.",
     ("GHA", "TGO", "14")),
])
def test_a_gerund_under_a_preposition_is_done_by_the_verbs_subject(pipeline, text, dyad):
    assert dyad in dyads(pipeline, text)


@pytest.mark.parametrize("text", [
    "Kenya refrained from attacking Uganda.",
    "Kenya accused Uganda of shelling Kenyan villages.",
])
def test_a_gerund_the_subject_does_not_do_is_not_its_act(pipeline, text):
    assert not any(src == "KEN" and root == "19" for src, _, root in dyads(pipeline, text))
