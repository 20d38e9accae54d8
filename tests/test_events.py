"""Event coding on our own fictional sentences: mood (negation, modality, intent, threat), voice, coordination,
nominal events, claims, dates, places, metonyms, titles and typos.

Every sentence here was written for these tests (no validation-set sentence is reused). Each runs the real
stages (spaCy, ActorResolver, QuoteFinder, EventCoder) of the session's one Pipeline.
"""
from __future__ import annotations

import pytest

from parley.events.modality import Mood, recode
from parley.records import Event, RawDocument

PUBLISHED = "2025-03-12"  # a Wednesday


def code(pipeline, text: str, published: str | None = PUBLISHED):
    doc = pipeline.nlp(text)
    quotes, table = pipeline.quotes(doc, pipeline.actors(doc))
    return table, pipeline.events(doc, table, quotes, published)


def dyads(pipeline, text: str) -> set[tuple[str | None, str | None, str]]:
    """(source country, target country, CAMEO root) of every event coded in a text."""
    _, events = code(pipeline, text)
    return {((e.source_code or "")[:3], (e.target_code or "")[:3], e.cameo[:2]) for e in events}


def only(pipeline, text: str) -> Event:
    _, events = code(pipeline, text)
    assert len(events) == 1, [(e.source_code, e.target_code, e.cameo, e.trigger) for e in events]
    return events[0]


# ---------------------------------------------------------------- negation and modality

def test_negated_conflict_is_no_event(pipeline):
    assert dyads(pipeline, "Canada did not impose sanctions on Venezuela.") == set()
    assert dyads(pipeline, "Iceland never attacked Greenland's fishing fleet.") == set()


def test_negated_cooperation_is_a_rejection(pipeline):
    e = only(pipeline, "Norway will not agree to a Swedish proposal on fishing quotas.")
    assert (e.source_code, e.target_code, e.cameo[:2], e.negated) == ("NOR", "SWE", "12", True)


def test_refusal_recodes_the_refused_act(pipeline):
    e = only(pipeline, "Peru refused to extradite the Bolivian activist.")
    assert (e.source_code[:3], e.target_code[:3], e.cameo[:2]) == ("PER", "BOL", "12")


@pytest.mark.parametrize("text", [
    "Chile could impose tariffs on Peru.",
    "Ecuador may expel the Colombian consul.",
    "If Kenya attacks, Somalia will respond.",
])
def test_hypothetical_acts_are_no_events(pipeline, text):
    assert dyads(pipeline, text) == set()


def test_considered_act_is_only_considered(pipeline):
    # CAMEO 014 "consider policy option"; the expulsion itself did not happen
    assert dyads(pipeline, "Latvia is considering expelling the Belarusian ambassador.") == {("LVA", "BLR", "01")}


def test_wished_acts_are_the_appeal_only(pipeline):
    # Cambodia's withdrawal is what Vietnam asks for, not something that happened
    assert dyads(pipeline, "Vietnam urged Cambodia to withdraw its troops.") == {("VNM", "KHM", "02")}


def test_promised_cooperation_is_intent(pipeline):
    assert dyads(pipeline, "Nepal will send food aid to Bhutan.") == {("NPL", "BTN", "03")}
    e = only(pipeline, "Brazil pledged to release the detained Uruguayan sailors.")
    assert (e.source_code, e.target_code[:3], e.cameo) == ("BRA", "URY", "0353")


def test_announced_force_is_a_threat(pipeline):
    assert dyads(pipeline, "Morocco said it would retaliate against Algeria.") == {("MAR", "DZA", "13")}
    e = only(pipeline, "Laos threatened to expel Thai diplomats.")
    assert (e.source_code, e.target_code[:3], e.cameo) == ("LAO", "THA", "1313")


def test_conditional_acts_are_threats_or_offers(pipeline):
    e = only(pipeline, "Chad said it would withdraw its peacekeeping troops from Mali unless Bamako paid their wages.")
    assert (e.source_code, e.target_code, e.cameo[:2]) == ("TCD", "MLI", "13")
    e = only(pipeline, "Uruguay would release the Argentine sailors if Buenos Aires apologised.")
    assert (e.source_code, e.target_code[:3], e.cameo) == ("URY", "ARG", "0353")


def test_agreed_act_replaces_the_bare_agreement(pipeline):
    # one event per direction: the intent to hold joint drills (0312), not also "agree" (030)
    _, events = code(pipeline, "Greece and Cyprus agreed to hold joint naval exercises.")
    assert sorted((e.source_code, e.target_code, e.cameo) for e in events) == [("CYP", "GRC", "0312"), ("GRC", "CYP", "0312")]


def test_recode_table():
    assert recode("072", Mood("future")) == "0332"
    assert recode("190", Mood("future")) == "1384"
    assert recode("163", Mood("intent", governor_threatens=True)) == "1312"
    assert recode("0841", Mood("negated")) == "1243"
    assert recode("190", Mood("negated")) is None
    assert recode("163", Mood("hypothetical")) is None
    assert recode("111", Mood("future")) == "111"


# ---------------------------------------------------------------- structure

def test_coordinated_targets(pipeline):
    assert dyads(pipeline, "Ghana condemned Togo and Benin.") == {("GHA", "TGO", "11"), ("GHA", "BEN", "11")}


def test_coordinated_subjects_act_on_each_other(pipeline):
    assert dyads(pipeline, "Kenya and Tanzania signed a border agreement on Friday.") == {("KEN", "TZA", "05"), ("TZA", "KEN", "05")}


def test_passive_with_agent(pipeline):
    e = only(pipeline, "Two Moldovan border guards were detained by Romanian police on Monday.")
    assert (e.source_code, e.target_code, e.cameo) == ("ROUCOP", "MDAMIL", "173")


def test_passive_with_demonym_agent(pipeline):
    e = only(pipeline, "Senegalese troops were attacked by Malian rebels near Kayes.")
    assert (e.source_code, e.target_code, e.cameo[:2]) == ("MLIREB", "SENMIL", "19")


def test_nominal_event(pipeline):
    e = only(pipeline, "The Finnish expulsion of three Estonian diplomats angered Tallinn.")
    assert (e.source_code, e.target_code[:3], e.cameo[:2]) == ("FIN", "EST", "16")
    assert dyads(pipeline, "The EU's sanctions on Belarus took effect.") == {("IGO", "BLR", "16")}


def test_pronoun_source_in_reported_speech(pipeline):
    assert dyads(pipeline, "Armenia said it had released two Azerbaijani soldiers.") == {("ARM", "AZE", "08")}


def test_object_pronoun_of_a_participle(pipeline):
    got = dyads(pipeline, "Estonia expelled two Russian diplomats, accusing them of spying.")
    assert got == {("EST", "RUS", "16"), ("EST", "RUS", "11")}


def test_targets_through_border_and_membership_phrases(pipeline):
    assert dyads(pipeline, "Venezuela deployed troops to its border with Guyana.") == {("VEN", "GUY", "15")}
    e = only(pipeline, "Iran allowed inspectors from the IAEA to visit the site.")
    assert (e.source_code, e.target_code, e.cameo) == ("IRN", "IGOUNOIAE", "0862")


def test_openness_to_talks_in_reported_speech(pipeline):
    e = only(pipeline, "Pakistan's foreign ministry said Islamabad was open to talks with New Delhi.")
    assert (e.source_code, e.target_code, e.cameo) == ("PAKGOV", "INDGOV", "036")


def test_disapproval_in_words(pipeline):
    assert dyads(pipeline, "Mongolian officials called the Chinese move unacceptable.") == {("MNG", "CHN", "11")}
    assert ("MDA", "RUS", "11") in dyads(pipeline, "Moldova said Russia's military drills were a dangerous provocation.")


def test_summons_is_a_complaint(pipeline):
    e = only(pipeline, "Egypt summoned the Sudanese ambassador in Cairo on Tuesday.")
    assert (e.source_code, e.target_code, e.cameo[:2]) == ("EGY", "SDNGOV", "11")


def test_crowds_are_placed_by_their_sentence(pipeline):
    e = only(pipeline, "Hundreds of protesters rallied outside the Danish embassy in Oslo on Sunday.")
    assert (e.source_code, e.target_code, e.cameo[:2]) == ("NORCVL", "DNKGOV", "14")


def test_domestic_force_codes_but_same_actor_never(pipeline):
    assert ("TUR", "TUR", "17") in dyads(pipeline, "Turkish police arrested dozens of Turkish opposition activists.")
    assert dyads(pipeline, "Russia's foreign ministry said Russia would cooperate.") == set()


# ---------------------------------------------------------------- claims, dates, places

def test_claimed_by_the_reporting_speaker(pipeline):
    table, events = code(pipeline, "Portugal's foreign minister said Spain had seized a Portuguese fishing boat.")
    assert len(events) == 1
    e = events[0]
    assert (e.source_code, e.target_code, e.cameo[:2]) == ("ESP", "PRT", "17")
    claimant = table.by_id(e.claimed_by)
    assert claimant is not None and claimant.code == "PRTGOV"


def test_own_statement_is_no_claim(pipeline):
    _, events = code(pipeline, '"We will not negotiate with Serbia," Croatian Foreign Minister Ana Markov said.')
    assert events and all(e.claimed_by is None for e in events if e.source_code == "HRVGOV")


@pytest.mark.parametrize(("text", "date", "words"), [
    ("Egypt summoned the Sudanese ambassador on Tuesday.", "2025-03-11", "on Tuesday"),
    ("Japan released eleven Chinese fishermen yesterday.", "2025-03-11", "yesterday"),
    ("Sweden expelled two Russian diplomats in October 2023.", "2023-10", "in October 2023"),
    ("Chad closed its border with Sudan last month.", "2025-02", "last month"),
])
def test_event_dates_resolve_against_publication(pipeline, text, date, words):
    _, events = code(pipeline, text)
    assert events and {(e.date, e.date_text) for e in events} == {(date, words)}


def test_place_is_geocoded(pipeline):
    e = only(pipeline, "Australia handed over two patrol boats to the Indonesian navy in Darwin last week.")
    assert e.place == "Darwin" and e.lat is not None and e.lon is not None
    assert abs(e.lat + 12.46) < 0.5 and abs(e.lon - 130.84) < 0.5
    assert e.date == "2025-W10"


def test_region_keeps_its_name_without_coordinates(pipeline):
    _, events = code(pipeline, "Indian and Pakistani troops exchanged artillery fire in Kashmir on Tuesday.")
    assert {(e.source_code[:3], e.target_code[:3]) for e in events} == {("IND", "PAK"), ("PAK", "IND")}
    assert {(e.place, e.lat) for e in events} == {("Kashmir", None)}


# ---------------------------------------------------------------- actors: metonyms, titles, typos

@pytest.mark.parametrize(("text", "source", "target"), [
    ("The Kremlin summoned the Latvian envoy.", "RUSGOV", "LVAGOV"),
    ("Washingston imposed new tariffs on Beijing.", "USAGOV", "CHNGOV"),  # a typo of a metonym
    ("Downing Street said the prime minister had spoken by phone with the Irish taoiseach.", "GBRGOV", "IRL"),
    ("The European Union praised Yerevan.", "IGOEUREEC", "ARMGOV"),
])
def test_metonyms_and_typos(pipeline, text, source, target):
    e = only(pipeline, text)
    assert (e.source_code, e.target_code) == (source, target)


def test_title_in_text_beats_gazetteer_code(pipeline):
    # Joe Biden is a former president in the gazetteer (USAELI); a story calling him President is from his term
    e = only(pipeline, "President Joe Biden met Chancellor Olaf Scholz in Berlin on 3 June 2024.")
    assert (e.source_code, e.target_code, e.date, e.place) == ("USAGOV", "DEUGOV", "2024-06-03", "Berlin")
    assert only(pipeline, "Biden criticised Hungary.").source_code == "USAELI"


def test_untitled_spokesman_speaks_for_the_last_actor(pipeline):
    text = ("Jordan closed its border with Syria on Monday. Spokesman Omar Haddad said the closure was temporary "
            "and called the smuggling from Syria a dangerous threat.")
    table, _ = code(pipeline, text)
    haddad = next(a for a in table.actors if a.name == "Omar Haddad")
    assert haddad.code == "JORGOV"


def test_known_surname_and_mis_cased_names(pipeline):
    assert dyads(pipeline, "Putin phoned president erdogan.") == {("RUS", "TUR", "04")}
    assert dyads(pipeline, "Egypt welcomed the tunisian proposal.") == {("EGY", "TUN", "05")}


def test_whole_pipeline_on_a_story(pipeline):
    story = ("Estonia expels Russian diplomats\n\n"
             "Estonia expelled two Russian diplomats on Thursday over an alleged plot against a power station in Narva, "
             "the foreign ministry in Tallinn said in a statement.\n\n"
             "Moscow said it would retaliate against Tallinn and accused the Baltic state of staging a provocation "
             "ahead of its elections.\n\n"
             "The ministry gave the two men 72 hours to leave the country and said the investigation was continuing.")
    article = pipeline.process(RawDocument(content=story, format="text", published="2025-03-14"))
    got = {(e.source_code, e.target_code, e.cameo[:2], e.date) for e in article.events}
    assert ("EST", "RUSGOV", "16", "2025-03-13") in got
    assert ("RUSGOV", "ESTGOV", "13", None) in got


# ---------------------------------------------------------------- domestic defaults

def test_the_government_is_the_country_in_focus(pipeline):
    e = only(pipeline, "Thousands of Bolivians demonstrated against the government.")
    assert (e.source_code, e.target_code, e.cameo[:2]) == ("BOLCVL", "BOLGOV", "14")  # a crowd is the people, not the state


def test_unaddressed_protest_aims_at_the_home_government(pipeline):
    text = "President Ruto spoke in Nairobi on Monday. Kenyan nurses protested outside a hospital on Tuesday."
    e = only(pipeline, text)
    assert (e.source_code, e.target_code, e.cameo[:2]) == ("KENHLH", "KENGOV", "14")
    # a state's protest is diplomatic and names its addressee: none here, so no event
    assert dyads(pipeline, "Japan protested against the launches.") == set()


def test_bare_infinitive_object_is_the_target(pipeline):
    e = only(pipeline, "The Brazilian army helped Haitian police restore order.")
    assert (e.source_code, e.target_code) == ("BRAMIL", "HTICOP")


def test_demand_on_a_domestic_rival_in_a_that_clause(pipeline):
    e = only(pipeline, "The Nigerian government demanded that the rebels take part in talks.")
    assert (e.source_code, e.target_code, e.cameo[:2]) == ("NGAGOV", "NGAREB", "10")


def test_regional_demonym_counts_as_its_country(pipeline):
    e = only(pipeline, "Chechen rebels attacked a Russian convoy.")
    assert (e.source_code, (e.target_code or "")[:3], e.cameo[:2]) == ("RUSREB", "RUS", "19")


@pytest.mark.parametrize("text, target", [
    ("Peru rejected calls by Chile to reopen the border.", "CHL"),
    ("Ghana turned down Togo's offer of talks.", "TGO"),
    ("Vietnam refused to respond to a request from Cambodia.", "KHM"),
])
def test_answer_to_a_proposal_targets_its_author(pipeline, text, target):
    assert any(e.cameo.startswith("12") and (e.target_code or "")[:3] == target for e in code(pipeline, text)[1])


@pytest.mark.parametrize("text, target", [
    ("Bolivia threatened to close the border unless Chile withdrew its troops.", "CHL"),
    ("Iran threatened to halt talks if Britain imposed new sanctions.", "GBR"),
])
def test_threat_targets_the_party_its_condition_is_put_to(pipeline, text, target):
    assert any(e.cameo.startswith("13") and (e.target_code or "")[:3] == target for e in code(pipeline, text)[1])


def test_emergency_rule_with_no_one_named_aims_at_the_own_country(pipeline):
    e = only(pipeline, "President Ruto of Kenya threatened to declare a state of emergency.")
    assert (e.source_code, e.target_code, e.cameo) == ("KENGOV", "KEN", "1324")


@pytest.mark.parametrize("text, target", [
    ("Colombian troops clashed with rebels on Friday.", "COLREB"),
    ("Sudanese troops killed twelve rebels in Darfur.", "SDNREB"),
    ("Nepalese troops clashed with Maoist rebels on Friday.", "NPLREB"),
])
def test_unqualified_armed_body_belongs_to_the_one_country_named(pipeline, text, target):
    assert [e.target_code for e in code(pipeline, text)[1]] == [target]


def test_serial_comma_list_is_one_group(pipeline):
    assert dyads(pipeline, "Brazil, Argentina, and Chile met on Monday.") == {
        (a, b, "04") for a in ("BRA", "ARG", "CHL") for b in ("BRA", "ARG", "CHL") if a != b}
    # parsed with "Finland" as an apposition that carries the list's "and Estonia" itself
    assert dyads(pipeline, "Norway, Finland, and Estonia met yesterday.") == {
        (a, b, "04") for a in ("NOR", "FIN", "EST") for b in ("NOR", "FIN", "EST") if a != b}


def test_serial_list_does_not_swallow_a_title_apposition(pipeline):
    found = dyads(pipeline, "Peru and Chile pledged to send troops to Haiti, UN envoy for Peace and Security Ana Ruiz said.")
    assert {s for s, _, _ in found} == {"PER", "CHL"} and {t for _, t, _ in found} == {"HTI"}


@pytest.mark.parametrize("text, expected", [
    ("Ecuadorian soldiers detained three sailors near the coast of Ecuador.", ("ECUMIL", "ECU", "173")),  # no role noun
    ("Ecuador's government lifted the curfew, Ecuador's state radio reported.", ("ECUGOV", "ECU", "0813")),
])
def test_unaddressed_act_in_a_one_country_story_is_domestic(pipeline, text, expected):
    e = only(pipeline, text)
    assert (e.source_code, e.target_code, e.cameo) == expected


@pytest.mark.parametrize("text, expected", [
    ("The Zambian government lifted the curfew.", ("ZMBGOV", "ZMB", "08")),
    ("Malian rebels surrendered on Sunday.", ("MLIREB", "MLI", "08")),
])
def test_a_part_of_the_one_country_named_acts_on_that_country(pipeline, text, expected):
    e = only(pipeline, text)
    assert (e.source_code, e.target_code, e.cameo[:2]) == expected
    assert e.target is None  # the addressee is inferred, not a mention


def test_no_home_addressee_when_the_story_names_another_country(pipeline):
    assert dyads(pipeline, "The Zambian government lifted the curfew, Kenyan radio reported.") == set()
    assert dyads(pipeline, "Peru lifted the curfew.") == set()  # a bare country is no part of itself


@pytest.mark.parametrize("text, expected", [
    ("Uruguay condemned the killing of two farmers by Brazilian soldiers.", ("URY", "BRAMIL", "11")),
    ("A Chilean human rights group protested the arrest of journalists by Peruvian police.", ("CHLHRI", "PERCOP", "14")),
])
def test_a_judged_act_targets_its_author(pipeline, text, expected):
    e = only(pipeline, text)
    assert (e.source_code, e.target_code, e.cameo[:2]) == expected


def test_what_an_act_reaches_stands_in_a_country(pipeline):
    e = only(pipeline, "Doctors from two American charities donated medicine to hospitals in Haiti.")
    assert (e.source_code, e.target_code, e.cameo[:2]) == ("USAHLH", "HTI", "07")  # from the US, not placed in Haiti


@pytest.mark.parametrize("text", [
    "Zulu elders demanded that the South African government return their land.",
    "Zulu elders asked that the land be returned by the South African government.",
    "Zulu elders have demanded that the South African government hand back their land.",
])
def test_a_demanded_subjunctive_act_is_no_event(pipeline, text):
    assert not any(e.cameo.startswith("08") for e in code(pipeline, text)[1])


@pytest.mark.parametrize("text, expected", [
    ("President Jonas Mbeki of Namibia criticized Angola.", ("NAMGOV", "AGO", "11")),
    ("Sultan Omar Saleh of Brunei visited Malaysia on Monday.", ("BRNGOV", "MYS", "04")),  # the title inside the name
])
def test_a_titled_person_of_a_country_is_its_government(pipeline, text, expected):
    e = only(pipeline, text)
    assert (e.source_code, e.target_code, e.cameo[:2]) == expected


@pytest.mark.parametrize("text, expected", [
    ("Six villagers were killed in Turkish air strikes in northern Iraq.", ("TUR", "IRQ", "195")),
    ("Four Afghan farmers died in an American drone strike.", ("USA", "AFG", "1952")),
])
def test_an_attack_named_as_the_means_of_a_killing_strikes_its_victims(pipeline, text, expected):
    e = only(pipeline, text)
    assert (e.source_code, (e.target_code or "")[:3], e.cameo) == expected


def test_a_demonym_on_an_attack_is_no_place(pipeline):
    table, _ = code(pipeline, "Six villagers were killed in Turkish air strikes in northern Iraq.")
    assert any(a.code == "IRQCVL" for a in table.actors)


def test_an_unplaced_acting_group_belongs_to_the_one_country_named(pipeline):
    e = only(pipeline, "Students marched against the Ghanaian government on Monday.")
    assert (e.source_code, e.target_code, e.cameo[:2]) == ("GHAEDU", "GHAGOV", "14")
    table, _ = code(pipeline, "Protesters burned Ghanaian and Togolese flags.")
    assert not any(a.name == "protesters" for a in table.actors)  # two countries: none is guessed


def test_an_unplaced_speaking_body_belongs_to_the_one_country_named(pipeline):
    e = only(pipeline, "Zulu elders have demanded that the South African government hand back their land.")
    assert (e.source_code, e.target_code, e.cameo[:2]) == ("ZAF", "ZAFGOV", "10")


@pytest.mark.parametrize("text, expected", [
    ("Three journalists were arrested in Lagos on Monday.", (None, "NGA", "NGAMED", "173")),
    ("Two Iraqi policemen were killed in Mosul on Sunday.", ("", "IRQUAF", "IRQCOP", "190")),  # armed forces fight
    ("Two rockets were fired at Israel from Lebanon on Sunday.", ("", "LBNUAF", "ISR", "194")),  # rockets: as when active
])
def test_a_passive_act_with_no_doer_named(pipeline, text, expected):
    e = only(pipeline, text)
    unnamed, source, target, cameo = expected
    assert (e.source_code, e.target_code, e.cameo) == (source, target, cameo)
    assert (e.source is None) == (unnamed == "")  # unidentified armed forces are no mention; the state is its place


def test_no_unnamed_doer_where_the_attack_names_its_own(pipeline):
    assert dyads(pipeline, "Four soldiers were killed on Sunday.") == set()  # no place, no country
    found = code(pipeline, "Six villagers were killed in Turkish air strikes in northern Iraq.")[1]
    assert [e.source_code for e in found] == ["TUR"]


@pytest.mark.parametrize("text, expected", [
    ("Militants attacked a convoy in Balochistan.", ("PAKREB", "PAK", "19")),
    ("Soldiers clashed with rebels in Mindanao.", ("PHLMIL", "PHLREB", "19")),
    ("Police arrested twelve protesters in Texas.", ("USACOP", "USACVL", "17")),
])
def test_a_region_stands_for_its_country(pipeline, text, expected):
    e = only(pipeline, text)
    assert (e.source_code, e.target_code, e.cameo[:2]) == expected


def test_main_only_keeps_the_highest_act_with_all_its_pairs(pipeline):
    from parley.events.coder import EventCoder

    text = "Chile expelled two Bolivian diplomats, accusing them of espionage."
    doc = pipeline.nlp(text)
    quotes, table = pipeline.quotes(doc, pipeline.actors(doc))
    assert len(pipeline.events(doc, table, quotes, PUBLISHED)) == 2
    main = EventCoder(main_only=True)(doc, table, quotes, PUBLISHED)
    assert [(e.source_code, e.target_code, e.cameo) for e in main] == [("CHL", "BOLGOV", "161")]
    doc = pipeline.nlp("Norway, Finland, and Estonia met yesterday.")
    quotes, table = pipeline.quotes(doc, pipeline.actors(doc))
    assert len(EventCoder(main_only=True)(doc, table, quotes, PUBLISHED)) == 6


@pytest.mark.parametrize("text, expected", [
    # the thing hit stands in a city: the city's country is the target
    ("Ethiopian troops fired artillery at positions in Kassala.", ("ETHMIL", "SDN", "19")),
    # a city named through its kind of settlement places the crowd
    ("Protesters marched in the city of Kassala on Friday.", ("SDNCVL", "SDN", "14")),
])
def test_a_city_named_as_a_place_stands_for_its_country(pipeline, text, expected):
    e = only(pipeline, text)
    assert (e.source_code, e.target_code, e.cameo[:2]) == expected


@pytest.mark.parametrize("text, expected", [
    ("Ethnic Hungarians in southern Slovakia are demanding autonomy from Slovak authorities.", ("SVKCVL", "SVKGOV", "10")),
    ("Slovak police detained two ethnic Hungarians in eastern Slovakia.", ("SVKCOP", "SVKCVL", "17")),
    # the place a people's of-phrase names is its head, not a modifier before it
    ("Greeks of the Turkish-held Cyprus marched on Sunday.", ("CYPCVL", "CYP", "14")),
])
def test_a_placed_minority_belongs_to_the_country_it_lives_in(pipeline, text, expected):
    e = only(pipeline, text)
    assert (e.source_code, e.target_code, e.cameo[:2]) == expected


def test_a_people_in_its_own_country_stays_that_country(pipeline):
    table, _ = code(pipeline, "Hungarians protested in Budapest.")
    assert {a.code for a in table.actors} == {"HUN"}


def test_the_object_of_engage_in_is_the_other_party(pipeline):
    e = only(pipeline, "Indian troops engaged Pakistani soldiers in a fierce battle along the frontier.")
    assert (e.source_code, e.target_code, e.cameo[:2]) == ("INDMIL", "PAKMIL", "19")


@pytest.mark.parametrize("text, expected", [
    # the subject of a passive governor acts ("is scheduled to attend"); attending an event abroad visits its host
    ("The Kenyan president is scheduled to attend a regional forum in Ethiopia.", ("KENGOV", "ETH", "042")),
    ("Ghana's foreign minister attended the Lome conference on Tuesday.", ("GHAGOV", "TGO", "042")),
])
def test_attending_an_event_abroad_is_a_visit(pipeline, text, expected):
    e = only(pipeline, text)
    assert (e.source_code, (e.target_code or "")[:3], e.cameo) == expected


@pytest.mark.parametrize("text, expected", [
    # who is to perform the demanded act: the "by" phrase of the object, the subject of the noun's that-clause
    ("Chile's senate demanded an immediate apology by Bolivia.", ("CHL", "BOL", "10")),
    ("The African Union repeated its demand that Sudan free the detained journalists.", ("IGO", "SDN", "10")),
])
def test_a_demand_targets_whoever_is_to_act(pipeline, text, expected):
    assert expected in dyads(pipeline, text)


def test_widening_cooperation_is_diplomatic_cooperation(pipeline):
    assert dyads(pipeline, "Kenya expanded cooperation with Ethiopia on Monday.") == {("KEN", "ETH", "05")}


def test_an_act_still_ahead_in_a_before_clause_is_no_event(pipeline):
    assert dyads(pipeline, "The vote comes a day before Kenya's president travels to Ethiopia.") == set()
    assert dyads(pipeline, "Kenya's president travels to Ethiopia on Monday.") == {("KEN", "ETH", "04")}


def test_a_killing_participle_is_the_attack_it_follows(pipeline):
    found = dyads(pipeline, "Chadian troops shelled rebel positions in Sudan, killing twelve fighters.")
    assert len(found) == 1 and next(iter(found))[2] == "19"


@pytest.mark.parametrize("text, expected", [
    # CAMEO 0811/0812: easing restrictions on political freedoms, on parties and politicians; the allowed act is
    # read through the controlled clause ("allowed X to hold a rally")
    ("Pakistan's interior minister allowed the opposition leader to hold a rally in Lahore.", ("PAKGOV", "PAKOPP", "0811")),
])
def test_allowing_political_activity_is_a_concession(pipeline, text, expected):
    e = only(pipeline, text)
    assert (e.source_code, e.target_code, e.cameo) == expected


def test_former_country_names_are_the_country(pipeline):
    assert ("KHM", "THA", "19") in dyads(pipeline, "Kampuchean troops shelled positions inside Siam.")


def test_a_national_contingent_of_an_international_force_is_its_country(pipeline):
    e = only(pipeline, "Chadian rebels attacked Nepalese peacekeepers near the border.")
    assert (e.source_code, e.target_code) == ("TCDREB", "NPL")


@pytest.mark.parametrize("published, source", [("2014-05-02", "USAGOV"), (PUBLISHED, "USAELI")])
def test_a_former_office_holder_holds_the_office_in_the_years_of_the_term(pipeline, published, source):
    _, events = code(pipeline, "Barack Obama visited Kenya on Friday.", published)
    assert [(e.source_code, e.target_code) for e in events] == [(source, "KEN")]


def test_a_from_phrase_names_whose_act_a_noun_is(pipeline):
    e = only(pipeline, "Kenya's president faces growing pressure from Uganda over the border dispute.")
    assert (e.source_code, e.target_code, e.cameo[:2]) == ("UGA", "KENGOV", "10")
    # an answered proposal is the answer's target, not an event of its own
    assert dyads(pipeline, "Peru rejected a request from Chile for talks.") == {("PER", "CHL", "12")}


@pytest.mark.parametrize("text, expected", [
    # what is investigated stands in a place; whose acts are investigated comes before whom they hurt
    ("UN inspectors inspected three sites in Iraq.", ("IGO", "IRQ", "09")),
    ("Chad investigated abuses by Sudanese militias against refugees.", ("TCD", "SDN", "09")),
])
def test_an_investigation_targets_the_investigated(pipeline, text, expected):
    assert dyads(pipeline, text) == {expected}


def test_releasing_an_office_holder_is_releasing_a_person(pipeline):
    e = only(pipeline, "Uganda released the detained Kenyan lawmaker on Monday.")
    assert (e.source_code, e.target_code, e.cameo) == ("UGA", "KENLEG", "0841")


# ---------------------------------------------------------------- objects of a pattern row

def test_a_phrase_noun_beside_a_direct_object_is_not_the_acts_object(pipeline):
    # the workers stop work, not attacks: "strike" in the in-phrase must not satisfy "stop attacks/strikes"
    assert dyads(pipeline, "Rail unions in Estonia stopped work in a strike on Monday.") == set()
    assert dyads(pipeline, "Estonia stopped its strikes on Latvian border posts.") == {("EST", "LVA", "08")}


def test_an_intransitive_verbs_phrase_noun_is_still_its_object(pipeline):
    # agreeing to a ceasefire is CAMEO 0356 (intent to de-escalate: "offer, promise, agree to"), not declaring one (0871)
    e = only(pipeline, "Slovenia agreed with Croatia on a ceasefire.")
    assert (e.source_code[:3], e.target_code[:3], e.cameo) == ("SVN", "HRV", "0356")


@pytest.mark.parametrize(("text", "expected"), [
    # sending inspectors or observers somewhere is investigating it (CAMEO 09), sending an envoy a visit (04)
    ("Norway sent election observers to Malawi on Tuesday.", ("NOR", "MWI", "09")),
    ("Ukrainian monitors monitored the ceasefire in Moldova.", ("UKR", "MDA", "09")),
    ("Ghana dispatched an envoy to Togo.", ("GHA", "TGO", "04")),
])
def test_sending_observers_is_investigation_and_an_envoy_a_visit(pipeline, text, expected):
    assert dyads(pipeline, text) == {expected}


def test_a_state_promising_or_yielding_to_its_own_country_is_a_domestic_dyad(pipeline):
    e = only(pipeline, "Chad's president promised to democratize Chad.")
    assert (e.source_code, e.target_code, e.cameo[:2]) == ("TCDGOV", "TCD", "03")


def test_a_state_rejecting_something_about_its_own_people_is_no_dyad_with_them(pipeline):
    _, events = code(pipeline, "The Chadian president rejected a Nigerian offer of peace between Chad and Sudan.")
    assert ("TCDGOV", "TCD") not in {(e.source_code, e.target_code) for e in events}


def test_a_state_offering_its_own_help_is_no_dyad_with_itself(pipeline):
    _, events = code(pipeline, "The Chadian foreign minister offered Chad's help to Niger on Monday.")
    assert ("TCDGOV", "TCD") not in {(e.source_code, e.target_code) for e in events}


def test_swearing_to_use_force_is_a_threat(pipeline):
    e = only(pipeline, "The rebels swore to attack Kenyan troops.")
    assert (e.target_code, e.cameo[:2]) == ("KENMIL", "13")


def test_claiming_an_attack_is_aimed_at_whom_it_hit(pipeline):
    e = only(pipeline, "The Somali militant group al-Shabab claimed responsibility for a deadly attack on a mall in Kenya's capital.")
    assert (e.source_code[:3], e.target_code, e.cameo) == ("SOM", "KEN", "015")
