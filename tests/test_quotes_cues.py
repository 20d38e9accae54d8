"""cue_lemma over several lexicons at once (the attribution test of every verb) finds what asking each in turn found."""
from __future__ import annotations

from parley.quotes.cues import cue_lemma, cue_lexicon, stance_lexicon

TEXT = ("The mayor of Tarnow said on Monday she hopes the council urges voters to back the plan, and aides claimed "
        "the levy was praised by farmers who are planning to protest, insisting the vote be delayed.")


def test_one_pass_over_both_lexicons_finds_what_two_found(pipeline):
    speech, stances = cue_lexicon(), stance_lexicon()
    assert "" not in speech and "" not in stances  # an empty entry would be falsy: `or` would have passed it over
    doc = pipeline.nlp(TEXT)
    found = [cue_lemma(t, speech, stances) for t in doc]
    assert found == [cue_lemma(t) or cue_lemma(t, stances) for t in doc]
    assert {"say", "hope", "urge", "claim", "praise", "insist"} <= set(found)
