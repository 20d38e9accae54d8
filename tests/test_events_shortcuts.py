"""The event coder's shortcuts leave its answers as they were: each test pins a premise a faster path relies on.

Every sentence here was written for these tests.
"""
from __future__ import annotations

from parley.events.coder import _may_judge, _Resolver


def _clause(pipeline, text: str):
    """The clause reported by the sentence's root verb."""
    doc = pipeline.nlp(text)
    root = next(iter(doc.sents)).root
    return next(c for c in root.children if c.dep_ == "ccomp")


def test_only_clauses_with_a_judging_word_an_openness_or_a_demand_are_read(pipeline):
    plain = _clause(pipeline, "Zambia said the delegation arrived in Lusaka on Friday.")
    assert not _may_judge(plain, list(plain.subtree))
    for text in ("Zambia said the Malawian raid was illegal.",
                 "Zambia said Lilongwe was open to talks with Lusaka.",
                 "Zambia said Malawi must withdraw its soldiers."):
        clause = _clause(pipeline, text)
        assert _may_judge(clause, list(clause.subtree)), text


def test_judgements_in_reported_clauses_still_code(pipeline):
    def coded(text: str) -> set[tuple[str, str, str]]:
        doc = pipeline.nlp(text)
        quotes, table = pipeline.quotes(doc, pipeline.actors(doc))
        return {((e.source_code or "")[:3], (e.target_code or "")[:3], e.cameo[:2])
                for e in pipeline.events(doc, table, quotes, None)}

    assert ("ZMB", "MWI", "10") in coded("Zambia said Malawi must withdraw its soldiers from the border.")
    assert coded("Zambia said the delegation arrived in Lusaka on Friday.") == set()


def test_a_words_group_is_the_same_when_asked_again(pipeline):
    doc = pipeline.nlp("Zambia and Malawi signed a fishing accord on Monday.")
    table = pipeline.actors(doc)
    res = _Resolver(table, ())
    first = res.group(doc[0])
    assert [a.code for a in first] == ["ZMB", "MWI"]
    assert res.group(doc[0]) == first == _Resolver(table, ()).group(doc[0])


def test_a_judging_word_is_one_of_the_judging_words(pipeline):
    """_may_judge tests lemmas and forms against JUDGING_WORDS where _word_judgement tests them word by word."""
    from parley.events.coder import JUDGING_WORDS, _word_judgement

    doc = pipeline.nlp("The envoy called the blockade an illegal and reckless provocation, not a routine patrol.")
    for word in doc:
        judged = _word_judgement(word) is not None
        assert judged == (word.lemma_.lower() in JUDGING_WORDS or word.lower_ in JUDGING_WORDS), word.text


def test_each_sentence_reads_only_the_quotes_that_start_in_it():
    from parley.events.coder import _Spoken
    from parley.records import Quote

    def quote(start: int, speaker: str | None) -> Quote:
        return Quote(text="…", kind="direct", start=start, end=start + 5, speaker=speaker)

    quotes = (quote(40, "a1"), quote(3, "a2"), quote(12, None), quote(20, "a3"), quote(9, "a4"))
    spoken = _Spoken(quotes)
    assert spoken.starting_in(0, 21) == [quotes[1], quotes[3], quotes[4]]  # in the order given, not by start
    assert spoken.starting_in(21, 40) == []
    assert spoken.starting_in(40, 41) == [quotes[0]]


def test_what_an_object_free_verb_acts_on_never_changes_its_pattern():
    """_verb_event skips the object keys of a verb whose patterns constrain no object: pinned over the whole lexicon."""
    from parley.events.lexicon import object_free, patterns_for, select, triggers

    objects = {"sanction", "aid", "military aid", "talk", "troop", "ceasefire", "embassy", "ambassador"}
    free = [lemma for lemma in sorted(triggers("verb")) if object_free("verb", lemma)]
    assert free and not object_free("verb", next(lemma for lemma in sorted(triggers("verb"))
                                                 if any(p.objects for p in patterns_for("verb", lemma))))
    for lemma in free:
        for preps in ((), ("dobj",), ("on", "with"), ("to", "against", "from")):
            for particles in ((), ("out",), ("up", "down")):
                chosen = select("verb", lemma, preps=preps, particles=particles)
                assert select("verb", lemma, objects=objects, preps=preps, particles=particles) == chosen, lemma
                assert chosen is None or chosen.object_matches(set()), lemma
