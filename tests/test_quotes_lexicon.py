"""Words of saying and stance, on our own fictional sentences: verbs added to the cue lexicon attribute what they
govern to their subject; a noun of saying holds the clause of its copula ("her claim is that …") and names its
holder in a phrase ("in her view, …"); a role of stance is held by whom it describes ("she is a critic of …")."""
from __future__ import annotations

import pytest
from conftest import quotes_in


@pytest.mark.parametrize(("text", "cue", "content"), [
    ("Mayor Tilda Brook backed the harbour plan on Monday.", "backed", "the harbour plan"),
    ("Ms. Brook referred to the levy as a tax on fishermen.", "referred", "the levy as a tax on fishermen"),
    ("Ms. Brook thanked the volunteers for their work.", "thanked", "the volunteers for their work"),
    ("Ms. Brook recounted how the pier froze in 1963.", "recounted", "how the pier froze in 1963"),
    ("Ms. Brook implied that the board had hidden the costs.", "implied", "the board had hidden the costs"),
    ("Ms. Brook lashed out at the harbour board.", "lashed out", "the harbour board"),
    ("Ms. Brook deemed the old pier unsafe.", "deemed", "the old pier unsafe"),
    ("Ms. Brook sided with the fishermen.", "sided", "the fishermen"),
    ("Ms. Brook attacked Peter Olsen on Tuesday.", "attacked", "Peter Olsen"),  # aimed at a person: words, not arms
    ("Ms. Brook asked for a recount.", "asked", "a recount"),
    ("Ms. Brook called for every bidder to publish their accounts.", "called", "every bidder to publish their accounts"),
    ("Ms. Brook made it clear that the pier would close.", "made", "the pier would close"),
    ("Ms. Brook took aim at the harbour board.", "took", "the harbour board"),
])
def test_a_verb_of_saying_or_stance_attributes_what_it_governs(pipeline, text, cue, content):
    quotes = quotes_in(pipeline, text)
    assert [(q.cue, q.text, q.speaker_name) for q in quotes] == [(cue, content, "Tilda Brook" if "Tilda" in text else "Brook")]


@pytest.mark.parametrize("text", [
    "Ms. Brook backed away from the harbour plan.",  # no object: no stance
    "Ms. Brook took the train to Oslo.",  # a light verb alone says nothing
])
def test_no_stance_without_its_words(pipeline, text):
    quotes = quotes_in(pipeline, text)
    assert quotes == ()


@pytest.mark.parametrize(("text", "cue", "content", "speaker"), [
    ("Brook's main claim is that the board hid the costs.", "claim", "the board hid the costs", "Brook"),
    ("In Ms. Brook's view, the board should resign.", "In view", "the board should resign", "Brook"),
    ("Ms. Brook's critique of the harbour board was sharp.", "critique", "the harbour board", "Brook"),
])
def test_a_noun_of_saying_holds_the_clause_of_its_copula_or_its_phrase(pipeline, text, cue, content, speaker):
    quotes = quotes_in(pipeline, text)
    assert [(q.cue, q.text, q.speaker_name) for q in quotes] == [(cue, content, speaker)]


@pytest.mark.parametrize(("text", "content"), [
    ("Governor Ada Quill endorsed her on Tuesday.", "her"),  # a stance aimed at a person needs no more than a pronoun
    ("Ada Quill and Ben Marsh endorsed Cole Varga for mayor.", "Cole Varga for mayor"),  # each one's stance, no joint act
])
def test_a_stance_takes_a_persons_pronoun_and_coordinated_holders(pipeline, text, content):
    quotes = quotes_in(pipeline, text)
    assert [(q.cue, q.text) for q in quotes] == [("endorsed", content)]
    assert quotes[0].speaker_mention is not None


def test_holders_acting_jointly_is_an_event(pipeline):
    quotes = quotes_in(pipeline, "The two foreign ministers agreed to meet again in Geneva.")
    assert quotes == ()


def test_a_share_of_voters_is_no_joint_act(pipeline):
    quotes = quotes_in(pipeline, "In the Brindle poll, 56 percent would vote for Cole Varga.")
    assert [(q.cue, q.text) for q in quotes if q.cue == "vote"] == [("vote", "Cole Varga")]


def test_a_participle_with_its_source_attributes_the_noun_it_qualifies(pipeline):
    quotes = quotes_in(pipeline, "The harbour levy, strongly opposed by the local fishermen, passed on Monday.")
    assert [(q.cue, q.speaker_name) for q in quotes if "harbour levy" in q.text] == [("opposed", "local fishermen")]


def test_a_state_attacking_a_state_is_no_attribution(pipeline):
    quotes = quotes_in(pipeline, "Russia attacked Ukraine at dawn.")
    assert quotes == ()


@pytest.mark.parametrize(("text", "cue", "content", "speaker"), [
    ("Ms. Brook is a fierce critic of the harbour board.", "critic", "the harbour board", "Brook"),
    ("Peter Olsen, an early backer of the levy, resigned.", "backer", "the levy", "Peter Olsen"),
    ("Peter Olsen is mindful of the cost of the dredging.", "mindful", "the cost of the dredging", "Peter Olsen"),
])
def test_a_role_or_an_adjective_of_stance_is_held_by_whom_it_describes(pipeline, text, cue, content, speaker):
    quotes = quotes_in(pipeline, text)
    assert [(q.cue, q.text, q.speaker_name) for q in quotes] == [(cue, content, speaker)]
