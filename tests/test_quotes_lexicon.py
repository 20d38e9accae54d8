"""Verbs of saying and stance added to the cue lexicon, on our own fictional sentences: each attributes what it
governs to its subject."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "cue", "content"), [
    ("Mayor Tilda Brook backed the harbour plan on Monday.", "backed", "the harbour plan"),
    ("Ms. Brook referred to the levy as a tax on fishermen.", "referred", "the levy as a tax on fishermen"),
    ("Ms. Brook thanked the volunteers for their work.", "thanked", "the volunteers for their work"),
    ("Ms. Brook recounted how the pier froze in 1963.", "recounted", "how the pier froze in 1963"),
    ("Ms. Brook implied that the board had hidden the costs.", "implied", "the board had hidden the costs"),
    ("Ms. Brook lashed out at the harbour board.", "lashed out", "the harbour board"),
])
def test_a_verb_of_saying_or_stance_attributes_what_it_governs(pipeline, text, cue, content):
    doc = pipeline.nlp(text)
    quotes, _ = pipeline.quotes(doc, pipeline.actors(doc))
    assert [(q.cue, q.text, q.speaker_name) for q in quotes] == [(cue, content, "Tilda Brook" if "Tilda" in text else "Brook")]


def test_backing_away_backs_nobody(pipeline):
    doc = pipeline.nlp("Ms. Brook backed away from the harbour plan.")
    quotes, _ = pipeline.quotes(doc, pipeline.actors(doc))
    assert quotes == ()
