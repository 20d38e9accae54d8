"""Claims attributed to no one named, on our own fictional sentences: the writer's hedges ("seems to", "it appears
that") and adverbs of hearsay ("reportedly"). Each is a quote with a cue and no speaker."""
from __future__ import annotations

import pytest
from conftest import quotes_in

from parley.records import Quote


def find(pipeline, text: str) -> list[Quote]:
    quotes = quotes_in(pipeline, text)
    for q in quotes:
        assert text[q.start : q.end] == q.text, "offsets point into the text"
    return list(quotes)


@pytest.mark.parametrize(("text", "cue", "claim"), [
    ("The ferry service seems to be losing money every winter.", "seems", "The ferry service"),
    ("The harbour board appeared ready to sell the old pier.", "appeared", "ready to sell the old pier"),
    ("It appears that the harbour board has run out of money.", "appears", "the harbour board has run out of money"),
    ("The harbour board reportedly sold the old pier to a developer.", "reportedly", "sold the old pier to a developer"),
])
def test_a_hedged_or_hearsay_claim_is_nobodys(pipeline, text, cue, claim):
    hits = [q for q in find(pipeline, text) if claim in q.text]
    assert len(hits) == 1, [q.text for q in find(pipeline, text)]
    assert hits[0].cue == cue and hits[0].speaker is None and hits[0].speaker_mention is None


@pytest.mark.parametrize("text", [
    "The mayor appeared on the evening news with the harbour master.",  # showed up: no claim
    "The mayor of Brindle is expected to resign before the spring.",  # parley's own gold counts no hearsay passive
    "The harbour was clear of ice by March.",  # no judgement of a clause
])
def test_no_claim_without_a_hedge(pipeline, text):
    assert not [q for q in find(pipeline, text) if q.speaker is None]


def test_a_hedged_report_stays_its_reporters(pipeline):
    """'She appeared to concede that …': the concession is hers; the hedge adds no quote of its own."""
    quotes = find(pipeline, "Mayor Tilda Brook appeared to concede that the pier would close.")
    assert [q.speaker_name for q in quotes if "the pier would close" in q.text] == ["Tilda Brook"]
    assert not [q for q in quotes if q.speaker is None]


def test_a_claim_of_nobodys_does_not_break_a_run_of_quotes(pipeline):
    text = "“The pier will close,” Mayor Tilda Brook said, as it seems to be the case. “It is far too old.”"
    quotes = find(pipeline, text)
    assert [q.speaker_name for q in quotes if q.kind == "direct"] == ["Tilda Brook", "Tilda Brook"]
