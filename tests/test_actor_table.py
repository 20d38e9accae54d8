"""ActorTable.at, the character range → actor lookup every stage after the actor stage leans on: it answers the
tightest mention overlapping the range (the one starting first among equally tight ones), looking at the 64 mentions
that start last before the range ends."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from parley.actors.resolve import ActorTable
from parley.records import Actor, Mention

mentions = st.lists(st.tuples(st.integers(0, 400), st.integers(1, 30), st.integers(0, 4)), max_size=120)


def _table(raw: list[tuple[int, int, int]]) -> ActorTable:
    actors = tuple(Actor(id=f"a{n}", name=f"actor {n}", kind="country",
                         mentions=tuple(Mention(s, s + w, "x" * w) for s, w, who in raw if who == n)) for n in range(5))
    return ActorTable.build(actors)


@given(mentions, st.integers(0, 430), st.integers(1, 12))
def test_the_tightest_overlapping_mention_wins(raw: list[tuple[int, int, int]], start: int, width: int) -> None:
    table = _table(raw)
    end = start + width
    spans = sorted((m.start, m.end, i) for i, a in enumerate(table.actors) for m in a.mentions)
    window = [sp for sp in spans if sp[0] < end][-64:]
    overlapping = [(e - s, s, e, i) for s, e, i in window if e > start]
    expected = table.actors[min(overlapping)[3]] if overlapping else None
    assert table.at(start, end) == expected


def test_a_nested_mention_beats_the_phrase_around_it() -> None:
    table = _table([(0, 20, 0), (5, 6, 1), (30, 4, 2)])
    assert table.at(6, 7) == table.actors[1]
    assert table.at(1, 3) == table.actors[0]
    assert table.at(25, 29) is None


def test_among_equally_tight_mentions_the_first_to_start_wins() -> None:
    table = _table([(0, 10, 2), (5, 10, 1), (40, 5, 3), (40, 5, 1)])
    assert table.at(6, 8) == table.actors[2]
    assert table.at(41, 42) == table.actors[1]
