"""The memoised attribute ruler against spaCy's own on rulers built here (the model's ruler is compared in
tests/test_quotes.py), and the rulers it must leave alone."""
from __future__ import annotations

import pytest
import spacy

from parley.nlp import MemoAttributes

TEXT = "Gon na see it, they said. There is a gon na here and gon na there; Let us go. gon"


def _ruler(patterns):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    for pattern, attrs, index in patterns:
        ruler.add([pattern], attrs, index=index)
    return nlp, ruler


@pytest.mark.parametrize("first", [{"LOWER": "gon"}, {"LOWER": {"REGEX": "^g.n$"}}, {"LOWER": {"IN": ["gon", "wan"]}}])
def test_memoised_ruler_sets_what_the_ruler_sets(first):
    nlp, ruler = _ruler([
        ([first, {"LOWER": "na"}], {"LEMMA": "going"}, 0),
        ([first, {"LOWER": "na"}], {"LEMMA": "to", "POS": "PART"}, 1),
        ([{"LOWER": "there"}], {"POS": "PRON"}, 0),
        ([{"LOWER": {"IN": ["is", "are"]}}], {"POS": "AUX"}, 0),
        ([{"LOWER": "there"}, {"LOWER": "is"}], {"LEMMA": "exist"}, -1),
    ])
    memo = MemoAttributes(ruler)
    assert MemoAttributes.replaces(ruler)
    for _ in range(2):  # the second pass answers from the memo
        ours, theirs = memo(nlp.make_doc(TEXT)), ruler(nlp.make_doc(TEXT))
        assert [(t.lemma_, t.pos_) for t in ours] == [(t.lemma_, t.pos_) for t in theirs]
    assert [t.lemma_ for t in ours][:2] == ["going", "to"]


@pytest.mark.parametrize("pattern", [
    [{"ORTH": "gon"}, {"LOWER": "na"}],       # an attribute the memo key does not hold
    [{"LOWER": "gon"}, {"LOWER": "na", "OP": "+"}],  # a repeat
    [{"IS_TITLE": True}],
])
def test_a_ruler_testing_more_than_the_memo_key_holds_is_left_alone(pattern):
    _, ruler = _ruler([(pattern, {"LEMMA": "x"}, 0)])
    assert not MemoAttributes.replaces(ruler)
