"""Event coding of coordinated actors and of lexicon rows added from the CAMEO codebook, on our own fictional sentences.

Every sentence here was written for these tests (no validation-set sentence is reused). Each runs the real stages of
the session's one Pipeline.
"""
from __future__ import annotations

from test_events import code


def pairs(pipeline, text: str) -> set[tuple[str | None, str | None, str]]:
    """(source code, target code, CAMEO root) of every event coded in a text."""
    _, events = code(pipeline, text)
    return {(e.source_code, e.target_code, e.cameo[:2]) for e in events}


def test_coordinated_demonyms_share_their_role_noun(pipeline):
    table, _ = code(pipeline, "Kenyan and Ugandan troops shelled rebel positions in eastern Congo on Monday.")
    assert {"KENMIL", "UGAMIL"} <= {a.code for a in table.actors}
    assert {s for s, _, root in pairs(pipeline, "Kenyan and Ugandan troops shelled rebel positions in eastern Congo on Monday.")
            if root == "19"} == {"KENMIL", "UGAMIL"}


def test_coordinated_demonyms_in_a_target_each_count(pipeline):
    found = pairs(pipeline, "Tanzanian police beat dozens of Rwandan and Burundian refugees at a border camp.")
    assert {t for _, t, root in found if root == "18"} == {"RWAREF", "BDIREF"}


def test_every_coordinated_doer_of_a_performed_noun_event(pipeline):
    found = pairs(pipeline, "Danish and Norwegian students staged a sit-down protest outside the Chinese embassy on Friday.")
    assert {s for s, _, root in found if root == "14"} == {"DNKEDU", "NOREDU"}
