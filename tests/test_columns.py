"""The premises the actor stage's cheap passes rest on: a token column (resolve.Columns) says what the Token would, so
testing numbers picks the same words as testing Tokens did; and a title is searched only for the role phrases whose
opening it holds, which finds what searching it for every phrase found."""
from __future__ import annotations

import string

from hypothesis import given
from hypothesis import strategies as st
from spacy.strings import get_string_id
from spacy.symbols import AUX, VERB

from parley.actors.gazetteer import load_gazetteer
from parley.actors.resolve import _role_in, _roles_longest_first
from parley.columns import Columns

TEXT = ("The envoy of the Republic of Vestria, ÉMILE Varga, told the MINISTER that the rebels near Porto Lund had left; "
        "the mayor's aide, Ilkka Straße, said so, and the Vestrian police agreed.")


def test_the_columns_hold_what_the_tokens_say(pipeline):
    doc = pipeline.nlp(TEXT)
    cols = Columns(doc)
    assert cols.idx == [t.idx for t in doc]
    assert cols.orth == [get_string_id(t.text) for t in doc]
    assert cols.lower == [get_string_id(t.text.lower()) for t in doc]  # str.lower, whatever the script
    assert cols.pos == [t.pos for t in doc] and cols.tag == [t.tag for t in doc] and cols.dep == [t.dep for t in doc]
    assert cols.ent == [t.ent_type for t in doc]
    assert cols.alpha == [t.is_alpha for t in doc] and cols.ascii == [t.is_ascii for t in doc]
    assert get_string_id("") == 0 == doc[0].ent_type  # a word outside every entity holds 0, the id of ""
    assert cols.head == [t.head.i for t in doc]
    assert cols.verbal == [t.pos in (VERB, AUX) or t.tag_.startswith("VB") for t in doc]


def test_left_heads_are_the_tokens_with_that_word_among_their_left_children(pipeline):
    doc = pipeline.nlp(TEXT)
    expected = {t.i for t in doc if t.n_lefts and any(c.lower_ == "the" for c in t.lefts)}
    assert expected and Columns(doc).left_heads(get_string_id("the")) == expected
    assert Columns(doc).left_heads(get_string_id("zebra")) == set()


@given(st.text(alphabet=string.ascii_letters, min_size=1, max_size=12))
def test_capitalising_an_ascii_word_changes_only_its_case(word):
    """Why the lower-case column can stand for a surname lookup of the capitalised word; outside ASCII it cannot
    ("ßmith" capitalises to "Ssmith"), so such words are always looked up."""
    assert word.capitalize().lower() == word.lower()
    assert "ßmith".capitalize().lower() != "ßmith".lower()


def _role_in_every_phrase(text: str) -> tuple[str, str] | None:
    """The search as it was: every phrase, longest first."""
    low = text.lower()
    for phrase in _roles_longest_first():
        at = low.rfind(phrase)
        if at >= 0 and (at == 0 or not low[at - 1].isalpha()) and (at + len(phrase) == len(low) or not low[at + len(phrase)].isalpha()):
            return text[at : at + len(phrase)], load_gazetteer().roles[phrase].sector
    return None


WORDS = ["foreign", "minister", "ministers", "prime", "deputy", "Gen.", "spokesman", "of", "Vestria", "the", "ex-president",
         "army", "chief", "senior", "aide", "Lt.", "col.", "said", "-", ",", "(", ")", "secretary-general", "envoy", "King"]


@given(st.lists(st.sampled_from(WORDS), max_size=8), st.sampled_from(["", " ", "-", ", "]))
def test_a_title_is_searched_only_for_the_phrases_it_opens(words, joint):
    text = joint.join(words)
    assert _role_in(text, load_gazetteer()) == _role_in_every_phrase(text)
