"""The quote stage's wider reach, on our own fictional sentences: the writer's "I" and "we", shares of people
("six in 10 said"), objects of reporting verbs, nouns of saying voiced by a verb's subject, a tag inside its report, where a report ends
before the writer's aside, and two parses the tagger and parser are known to get wrong (built by hand
here, so each test holds whatever the model makes of the words)."""
from __future__ import annotations

import pytest
from spacy.tokens import Doc

from parley.quotes.clauses import run_on
from parley.records import Quote


def find(pipeline, text: str) -> tuple[list[Quote], dict[str, str]]:
    """Quotes of a body text, and actor id → name."""
    doc = pipeline.nlp(text)
    return _found(pipeline, doc)


def _found(pipeline, doc: Doc) -> tuple[list[Quote], dict[str, str]]:
    quotes, table = pipeline.quotes(doc, pipeline.actors(doc))
    for q in quotes:
        assert doc.text[q.start : q.end] == q.text, "offsets point into the text"
        if q.speaker is not None:
            assert table.by_id(q.speaker) is not None, "every speaker is an actor of the table"
    return list(quotes), {a.id: a.name for a in table.actors}


def parsed(pipeline, tokens: str) -> Doc:
    """A Doc with the tags and tree given, one token per 'word|fine tag|coarse tag|dependency|head index|lemma'."""
    rows = [t.split("|") for t in tokens.split()]
    spaces = [i + 1 < len(rows) and rows[i + 1][0] not in (".", ",") for i in range(len(rows))]
    return Doc(pipeline.nlp.vocab, words=[r[0] for r in rows], spaces=spaces, tags=[r[1] for r in rows],
               pos=[r[2] for r in rows], deps=[r[3] for r in rows], heads=[int(r[4]) for r in rows], lemmas=[r[5] for r in rows])


# ---- the writer ---------------------------------------------------------------------------------------------

def test_the_writers_i_and_we_are_one_speaker_and_a_generic_you_none(pipeline):
    text = ("I think the bridge will never open. You know that the council has no money. "
            "We believe the harbour should stay public.")
    quotes, names = find(pipeline, text)
    bridge, harbour = only(quotes, "the bridge will never open"), only(quotes, "the harbour should stay public")
    assert names[bridge.speaker] == "the writer" and bridge.speaker == harbour.speaker
    assert bridge.speaker_mention is not None and bridge.speaker_mention.text == "I"
    assert not [q for q in quotes if "council" in q.text]


def test_the_writers_own_tag_on_a_direct_quote(pipeline):
    quotes, names = find(pipeline, "“The ferry is late again,” I said.")
    assert [(q.text, names.get(q.speaker or "")) for q in quotes] == [("The ferry is late again,", "the writer")]


def only(quotes: list[Quote], words: str) -> Quote:
    hits = [q for q in quotes if words in q.text]
    assert len(hits) == 1, f"one quote with {words!r}, got {[q.text for q in quotes]}"
    return hits[0]


# ---- what reporting verbs and nouns of saying govern --------------------------------------------------------

@pytest.mark.parametrize(("text", "content", "speaker"), [
    ("The harbour master denied the allegations.", "the allegations", "harbour master"),
    ("The council announced the closure of the pier.", "the closure of the pier", "council"),
    ("Mayor Ida Ames promised a veto of the bill.", "a veto of the bill", "Ida Ames"),
    ("Kowalski believes in the sound judgement of the fishermen.", "the sound judgement of the fishermen", "Kowalski"),
    ("Kowalski brags about his record on the harbour.", "his record on the harbour", "Kowalski"),
    ("The mayor likened the ferry strike to a siege.", "the ferry strike to a siege", "mayor"),
    ("The harbour master downplayed the risk of flooding.", "the risk of flooding", "harbour master"),
    ("The ferry captain bemoaned the state of the pier.", "the state of the pier", "ferry captain"),
    ("Kowalski railed against the new harbour fees.", "the new harbour fees", "Kowalski"),
    ("The harbour master has largely ignored the complaints of the fishermen.", "the complaints of the fishermen", "harbour master"),
])
def test_reporting_verbs_with_an_object_or_a_preposition(pipeline, text, content, speaker):
    quotes, names = find(pipeline, text)
    q = only(quotes, content)
    assert q.text == content and speaker in names[q.speaker]


def test_a_noun_of_saying_is_voiced_by_the_subject_of_the_verb_that_utters_it(pipeline):
    quotes, names = find(pipeline, "The dockers' union made the argument that wages had stalled for a decade.")
    q = only(quotes, "wages had stalled")
    assert q.cue == "argument" and "union" in names[q.speaker]


def test_a_noun_of_saying_answered_by_the_verbs_subject_is_not_theirs(pipeline):
    quotes, _ = find(pipeline, "The harbour master rejected the argument that wages had stalled for a decade.")
    assert not [q for q in quotes if q.cue == "argument"]


# ---- where a report starts and ends -------------------------------------------------------------------------

def test_a_report_ends_before_the_writers_closing_aside(pipeline):
    quotes, _ = find(pipeline, "The harbour master said the pier would close in May, which surprised the fishermen of Tollby.")
    assert only(quotes, "the pier would close").text == "the pier would close in May"


def test_a_tag_between_commas_splits_one_report_with_a_short_subject(pipeline):
    quotes, _ = find(pipeline, "The pier, Ms. Ames said, would reopen after the storms.")
    said = [q.text for q in quotes if q.cue == "said"]
    assert said == ["The pier", "would reopen after the storms"]


def test_a_tag_hung_on_a_clause_that_ends_at_it_reports_the_whole_sentence(pipeline):
    # "Though the vote was close, she said, the ban would stand." with the tag parsed under the first clause only
    doc = parsed(pipeline, "Though|IN|SCONJ|mark|3|though the|DT|DET|det|2|the vote|NN|NOUN|nsubj|3|vote "
                           "was|VBD|AUX|advcl|12|be close|JJ|ADJ|acomp|3|close ,|,|PUNCT|punct|7|, she|PRP|PRON|nsubj|7|she "
                           "said|VBD|VERB|parataxis|3|say ,|,|PUNCT|punct|7|, the|DT|DET|det|10|the ban|NN|NOUN|nsubj|12|ban "
                           "would|MD|AUX|aux|12|would stand|VB|VERB|ROOT|12|stand .|.|PUNCT|punct|12|.")
    quotes, _ = _found(pipeline, doc)
    assert [q.text for q in quotes if q.cue == "said"] == ["the vote was close", "the ban would stand"]


def test_a_report_the_parser_split_in_two_runs_on_through_its_second_half(pipeline):
    # "Kowalski said the levy was fair and the delay was late." with the second clause hung on "said"
    doc = parsed(pipeline, "Kowalski|NNP|PROPN|nsubj|1|Kowalski said|VBD|VERB|ROOT|1|say the|DT|DET|det|3|the "
                           "levy|NN|NOUN|nsubj|4|levy was|VBD|AUX|ccomp|1|be fair|JJ|ADJ|acomp|4|fair and|CC|CCONJ|cc|4|and "
                           "the|DT|DET|det|8|the delay|NN|NOUN|nsubj|9|delay was|VBD|AUX|ccomp|1|be late|JJ|ADJ|acomp|9|late "
                           ".|.|PUNCT|punct|1|.")
    assert run_on(doc[1], 6, clause=True) == 10
    assert run_on(doc[1], 6, clause=False) == 6, "only a reported clause runs on into a second one"
    quotes, _ = _found(pipeline, doc)
    assert [q.text for q in quotes] == ["the levy was fair and the delay was late"]


def test_a_reporting_verb_tagged_as_a_plural_noun_still_reports(pipeline):
    # "Kowalski claims that the ferry will stop." with "claims" tagged as a noun and "Kowalski" as its compound
    claims = ("claims|NNS|NOUN|ROOT|1|claim that|IN|SCONJ|mark|6|that the|DT|DET|det|4|the ferry|NN|NOUN|nsubj|6|ferry "
              "will|MD|AUX|aux|6|will stop|VB|VERB|ccomp|1|stop .|.|PUNCT|punct|1|.")
    quotes, names = _found(pipeline, parsed(pipeline, "Kowalski|NNP|PROPN|compound|1|Kowalski " + claims))
    assert [(q.text, q.cue, names[q.speaker]) for q in quotes] == [("the ferry will stop", "claims", "Kowalski")]
    # with a determiner it is a noun after all ("The insurance claims that …" with "The" on "claims"): no one's report
    quotes, _ = _found(pipeline, parsed(pipeline, "The|DT|DET|det|2|the insurance|NN|NOUN|compound|2|insurance "
                                        "claims|NNS|NOUN|ROOT|2|claim that|IN|SCONJ|mark|7|that the|DT|DET|det|5|the "
                                        "ferry|NN|NOUN|nsubj|7|ferry will|MD|AUX|aux|7|will stop|VB|VERB|ccomp|2|stop .|.|PUNCT|punct|2|."))
    assert quotes == []


# ---- speakers ------------------------------------------------------------------------------------------------

def test_an_indefinite_pronoun_with_a_participle_is_the_speaker(pipeline):
    quotes, names = find(pipeline, "The petition drew hundreds of posts, including one saying that the pier should be sold.")
    q = only(quotes, "the pier should be sold")
    assert q.speaker_mention is not None and q.speaker_mention.text == "one" and names[q.speaker] == "one"


def test_a_relative_pronoun_the_parser_hung_elsewhere_still_refers_to_the_noun_before_it(pipeline):
    # "Inspectors turned to the Tollby Harbour Board, which reported a rise in thefts." with the relative clause
    # parsed as an adverbial clause of "turned"
    doc = parsed(pipeline, "Inspectors|NNS|NOUN|nsubj|1|inspector turned|VBD|VERB|ROOT|1|turn to|IN|ADP|prep|1|to "
                           "the|DT|DET|det|6|the Tollby|NNP|PROPN|compound|6|Tollby Harbour|NNP|PROPN|compound|6|Harbour "
                           "Board|NNP|PROPN|pobj|2|Board ,|,|PUNCT|punct|6|, which|WDT|PRON|nsubj|9|which "
                           "reported|VBD|VERB|advcl|1|report a|DT|DET|det|11|a rise|NN|NOUN|dobj|9|rise "
                           "in|IN|ADP|prep|11|in thefts|NNS|NOUN|pobj|12|theft .|.|PUNCT|punct|1|.")
    quotes, names = _found(pipeline, doc)
    q = only(quotes, "a rise in thefts")
    assert q.speaker_mention is not None and q.speaker_mention.text == "which"
    assert "Board" in names[q.speaker]


@pytest.mark.parametrize(("text", "content", "speaker"), [
    ("The harbour master was quick to praise the new ferry schedule.", "the new ferry schedule", "harbour master"),
    ("The fishermen were at the forefront in advocating a ban on trawlers.", "a ban on trawlers", "fishermen"),
])
def test_the_subject_of_a_report_hung_on_an_adjective_or_a_phrase(pipeline, text, content, speaker):
    quotes, names = find(pipeline, text)
    assert speaker in names[only(quotes, content).speaker]


def test_a_participle_on_a_noun_that_cannot_speak_is_its_verbs_subjects(pipeline):
    """'racked their brains trying to …': the brains do not speak; whoever racked them does."""
    quotes, names = find(pipeline, "The local fishermen racked their brains for days trying to figure out why the pier closed.")
    assert names[only(quotes, "why the pier closed").speaker] == "local fishermen"


@pytest.mark.parametrize(("text", "speaker"), [
    ("In the Brindle poll, about six in 10 said the pier should close.", "about six in 10"),
    ("Half said the harbour levy was too high.", "Half"),
    ("Those surveyed say the pier should close.", "Those"),
    ("Another said the pier should close.", "Another"),
])
def test_a_share_of_people_is_a_speaker(pipeline, text, speaker):
    quotes, names = find(pipeline, text)
    (q,) = quotes
    assert names[q.speaker] == speaker
