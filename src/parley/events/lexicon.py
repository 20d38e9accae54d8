"""The verb/noun pattern lexicon that maps event triggers to CAMEO codes.

The patterns are package data (``events/data/patterns.tsv``, format documented in its header),
written from the CAMEO category definitions. This module parses them once, indexes them by
trigger lemma and applies the precedence rules, so the coder only has to collect what the parse
offers (complement lemmas, prepositions, particles) and ask :func:`select`.
"""
from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from parley.events.taxonomy import load_taxonomy, read_data_file

POS = ("verb", "noun")
_CODE = re.compile(r"^\d{2,4}$")
_WORD = re.compile(r"^[a-z][a-z'\-]*$")
_COLUMNS = ["pos", "lemma", "object", "prep", "cameo", "note"]


@dataclass(frozen=True)
class Pattern:
    """One lexicon row: a trigger (plus optional object/particle constraints) and its CAMEO code."""

    pos: str  # "verb" | "noun"
    lemma: str  # head lemma; for "pull out" this is "pull" and particle is "out"
    objects: frozenset[str]  # alternatives ("sanction", or "military aid" = modifier + head); empty = any
    prep: str  # target slot: a preposition, "dobj", or "-" (none: target from context)
    cameo: str
    note: str = ""
    particle: str | None = None
    prep_required: bool = False  # "with!": only when that phrase is present
    source_prep: str | None = None  # "src:from": that phrase gives the SOURCE (verbs: subject = target)
    line: int = 0  # line in patterns.tsv; earlier rows win ties

    @property
    def trigger(self) -> str:
        """The trigger as written in the lexicon: "impose", "pull out"."""
        return f"{self.lemma} {self.particle}" if self.particle else self.lemma

    @property
    def target_prep(self) -> str | None:
        """The preposition (or "dobj") whose object is the target, None when there is no slot."""
        return None if self.prep == "-" else self.prep

    @property
    def sort_key(self) -> tuple[bool, bool, int, int]:
        """Static precedence: particle, then object constraint, then code depth, then file order."""
        return (self.particle is None, not self.objects, -len(self.cameo), self.line)

    def object_matches(self, candidates: Iterable[str]) -> bool:
        """True when the object constraint is empty or one alternative is among ``candidates``.

        ``candidates`` are complement lemmas and "modifier head" pairs, as :func:`object_keys` makes.
        """
        if not self.objects:
            return True
        return not self.objects.isdisjoint(candidates)


def object_keys(head: str, modifiers: Iterable[str] = ()) -> set[str]:
    """Candidate strings for one complement: its lemma plus "modifier head" for each modifier.

    The coder calls this for each complement of a trigger (direct object, to-infinitive verb and
    its object, prepositional objects; for nouns also compound/amod modifiers and the of-noun),
    passing the lemmas of that complement's compound/amod/of-complement children as modifiers.
    """
    head = head.lower()
    keys = {head}
    keys.update(f"{m.lower()} {head}" for m in modifiers)
    return keys


def _parse_prep(raw: str) -> tuple[str, bool, str | None]:
    """Split the prep column into (target prep, required, source prep)."""
    if raw.startswith("src:"):
        return "-", False, raw[4:]
    if raw.endswith("!"):
        return raw[:-1], True, None
    return raw, False, None


def _parse(text: str) -> list[Pattern]:
    codes = load_taxonomy()
    patterns: list[Pattern] = []
    header_seen = False
    for lineno, raw_line in enumerate(text.splitlines(), start=1):
        if not raw_line.strip() or raw_line.startswith("#"):
            continue
        cells = [c.strip() for c in raw_line.split("\t")]
        if not header_seen:
            if cells != _COLUMNS:
                raise ValueError(f"patterns.tsv line {lineno}: header must be {_COLUMNS}, got {cells}")
            header_seen = True
            continue
        if len(cells) != len(_COLUMNS):
            raise ValueError(f"patterns.tsv line {lineno}: expected 6 tab-separated cells, got {len(cells)}")
        pos, trigger, obj, prep_raw, cameo, note = cells
        where = f"patterns.tsv line {lineno}"
        if pos not in POS:
            raise ValueError(f"{where}: pos must be verb or noun, got {pos!r}")
        words = trigger.split(" ")
        if trigger != trigger.lower() or not 1 <= len(words) <= 2 or not all(_WORD.match(w) for w in words):
            raise ValueError(f"{where}: lemma must be one lower-case word or 'verb particle', got {trigger!r}")
        if len(words) == 2 and pos != "verb":
            raise ValueError(f"{where}: only verbs take a particle, got {trigger!r}")
        if not _CODE.match(cameo) or cameo not in codes:
            raise ValueError(f"{where}: {cameo!r} is not a CAMEO code in cameo.tsv")
        prep, required, source = _parse_prep(prep_raw)
        if not (prep in ("-", "dobj") or _WORD.match(prep)) or (source is not None and not _WORD.match(source)):
            raise ValueError(f"{where}: bad prep {prep_raw!r}")
        objects = frozenset() if obj == "*" else frozenset(o.strip().lower() for o in obj.split("|"))
        if any(not o or len(o.split(" ")) > 2 for o in objects):
            raise ValueError(f"{where}: object alternatives must be one lemma or 'modifier head', got {obj!r}")
        patterns.append(
            Pattern(
                pos=pos,
                lemma=words[0],
                objects=objects,
                prep=prep,
                cameo=cameo,
                note=note,
                particle=words[1] if len(words) == 2 else None,
                prep_required=required,
                source_prep=source,
                line=lineno,
            )
        )
    if not header_seen:
        raise ValueError("patterns.tsv: no header row")
    return patterns


@functools.cache
def load_patterns() -> list[Pattern]:
    """All lexicon patterns in file order, parsed and validated once per process."""
    return _parse(read_data_file("patterns.tsv"))


@functools.cache
def _index() -> dict[tuple[str, str], tuple[Pattern, ...]]:
    grouped: dict[tuple[str, str], list[Pattern]] = defaultdict(list)
    for p in load_patterns():
        grouped[(p.pos, p.lemma)].append(p)
    return {k: tuple(sorted(v, key=lambda p: p.sort_key)) for k, v in grouped.items()}


def patterns_for(pos: str, lemma: str) -> list[Pattern]:
    """Patterns for a trigger, most specific first (particle, object constraint, 4-digit, file order).

    ``lemma`` may be "pull" (every "pull" pattern, particle ones first) or "pull out" (only those).
    """
    words = lemma.lower().strip().split()
    if not words:
        return []
    found = _index().get((pos, words[0]), ())
    if len(words) > 1:
        particle = " ".join(words[1:])
        return [p for p in found if p.particle == particle]
    return list(found)


@functools.cache
def triggers(pos: str) -> frozenset[str]:
    """Head lemmas that have at least one pattern, for a quick "is this a trigger?" test."""
    return frozenset(lemma for (p, lemma) in _index() if p == pos)


@functools.cache
def object_free(pos: str, lemma: str) -> bool:
    """Whether no pattern of a trigger constrains its object: then what it acts on never changes :func:`select`'s
    choice, and every candidate object meets the chosen pattern's (empty) constraint."""
    return not any(p.objects for p in patterns_for(pos, lemma))


def select(
    pos: str,
    lemma: str,
    *,
    objects: Iterable[str] = (),
    preps: Iterable[str] = (),
    particles: Iterable[str] = (),
    performed: bool = False,
) -> Pattern | None:
    """The best pattern for a trigger occurrence, or None when none applies.

    ``objects``: candidate strings from :func:`object_keys` for the trigger's complements.
    ``preps``: prepositions attached to the trigger, plus "dobj" when it has a direct object.
    ``particles``: its prt children (and prep children: spaCy parses "call on X" with a prep).
    A pattern applies when its particle is among ``particles``, its object constraint is met and,
    if its prep is marked required, that prep is present (unless ``performed``: a noun that a light verb makes an
    act, "staged a general strike", is no bare mention and needs no such phrase). Among those, a pattern whose target (or
    source) phrase is present beats one whose phrase is absent; otherwise the static order holds.
    """
    cands = {o.lower() for o in objects}
    present = {p.lower() for p in preps}
    parts = {p.lower() for p in particles}
    best: Pattern | None = None
    best_key: tuple[bool, bool, bool, int, int] | None = None
    for p in patterns_for(pos, lemma):
        if p.particle is not None and p.particle not in parts:
            continue
        if p.prep_required and p.prep not in present and not performed:
            continue
        if not p.object_matches(cands):
            continue
        slot_present = (p.target_prep is not None and p.target_prep in present) or (
            p.source_prep is not None and p.source_prep in present
        )
        no_particle, no_object, depth, line = p.sort_key
        key = (no_particle, no_object, not slot_present, depth, line)
        if best_key is None or key < best_key:
            best, best_key = p, key
    return best
