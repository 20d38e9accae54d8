"""Actor resolution of offices named by a definite noun: "the mayor of the Syrian city of Aleppo" is Syria's, and
"the president of Uganda" is not whichever president the story named before.

Every sentence here was written for these tests. Each runs the real stages of the session's one Pipeline.
"""
from __future__ import annotations

from test_events import code


def test_an_office_of_a_named_place_belongs_to_that_place(pipeline):
    table, events = code(pipeline, "Germany freed the mayor of the northern Syrian city of Aleppo on Friday.")
    assert [a.code for a in table.actors if a.name == "the mayor"] == ["SYRGOV"]
    assert [(e.source_code, e.target_code) for e in events] == [("DEU", "SYRGOV")]


def test_an_office_of_another_country_is_not_the_holder_named_before(pipeline):
    table, events = code(pipeline, "President William Ruto of Kenya met the president of Uganda in Nairobi on Monday.")
    offices = [a for a in table.actors if a.name == "the president"]
    assert [a.code for a in offices] == ["UGAGOV"]
    assert ("KENGOV", "UGAGOV") in {(e.source_code, e.target_code) for e in events}


def test_an_ousted_leader_is_a_former_one(pipeline):
    _, events = code(pipeline, "Ousted president Jean-Pierre Mbeki has been accused of embezzlement by Congolese officials.")
    assert [(e.source_code, e.target_code) for e in events] == [("CODGOV", "CODELI")]


def test_an_unplaced_official_is_placed_when_two_actors_start_at_one_word():
    """A place and a body named after it ("Ohio" in "Ohio Democratic Party") start at the same character: ordering
    their mentions must not compare the actors themselves (it raised TypeError and stopped the document)."""
    from parley.actors.resolve import ActorResolver, _Draft
    from parley.records import Mention

    drafts = {
        "place": _Draft("Ohio", "location", "USA", None, None, [Mention(0, 4, "Ohio")]),
        "party": _Draft("Ohio Liberty Party", "organization", "USA", "party", "USAOPP", [Mention(0, 18, "Ohio Liberty Party")]),
        "aide": _Draft("Tom Reed", "person", None, "Spokesman", None, [Mention(40, 48, "Tom Reed")]),
    }
    ActorResolver._place_officials([], drafts)
    assert drafts["aide"].country == "USA"


def test_a_named_official_under_a_stacked_title_is_a_person_not_the_body(pipeline):
    """The compound-on-compound reading that makes 'an Islamic State depot' the group's stops at a name: the
    spokeswoman named here speaks for herself, and 'She' after her is her."""
    text = ("Moscow reacted coolly. Russian Foreign Ministry spokeswoman Irina Lebed said the port deal had failed. "
            "She said Russia would not sign.")
    doc = pipeline.nlp(text)
    quotes, table = pipeline.quotes(doc, pipeline.actors(doc))
    names = {a.id: a.name for a in table.actors}
    assert [names.get(q.speaker) for q in quotes] == ["Irina Lebed", "Irina Lebed"]
