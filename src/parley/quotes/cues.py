"""The reporting-cue lexicon (package data) and the cue phrase as written around a reporting verb."""
from __future__ import annotations

import csv
from functools import cache
from importlib import resources

from spacy.tokens import Token

from parley.columns import VERBAL  # part-of-speech ids: cheaper to compare than their names, on every token

FRAMES = frozenset({"ccomp", "xcomp", "obj+", "obj+xcomp", "obj+for"})
# nouns after "in"/"on"/"via"/"at"/"during" that make the channel part of the cue ("said in a statement")
CHANNELS = frozenset({
    "statement", "interview", "speech", "post", "letter", "briefing", "conference", "tweet", "twitter", "x",
    "facebook", "telegram", "instagram", "blog", "podcast", "broadcast", "television", "radio", "email", "e-mail",
    "call", "address", "remarks", "video", "message", "op-ed", "column", "communique", "communiqué", "release",
})
LISTENERS_DEPS = ("dobj", "dative")


def _frames(field: str) -> tuple[str, ...]:
    frames = tuple(f for f in field.split(",") if f)
    bad = [f for f in frames if not (f in FRAMES or (f.startswith("prep:") and f[5:].isalpha()))]
    if bad:
        raise ValueError(f"cues.tsv: unknown content frames {bad}")
    return frames


@cache
def _rows() -> tuple[dict[str, str], ...]:
    path = resources.files("parley.quotes").joinpath("data", "cues.tsv")
    with path.open(encoding="utf-8") as fh:
        return tuple(csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"))


@cache
def cue_lexicon() -> dict[str, tuple[str, ...]]:
    """Reporting verb lemma → the dependents that hold what was said, in the order to try them."""
    return {r["cue"]: _frames(r["content"]) for r in _rows() if r["kind"] != "stance"}


@cache
def stance_lexicon() -> dict[str, tuple[str, ...]]:
    """Verb lemma → the dependents that hold an act or attitude ("urged Congress to act"): attributions, not speech."""
    return {r["cue"]: _frames(r["stance"]) for r in _rows() if r["stance"]}


@cache
def holder_lexicon() -> dict[str, dict[str, frozenset[str]]]:
    """Part of speech ("noun", "adj", "role": a person's stance as a noun) → word of saying or stance → the
    prepositions whose object holds what it says ("remarks about …", "wary of …", "a critic of …")."""
    path = resources.files("parley.quotes").joinpath("data", "holders.tsv")
    out: dict[str, dict[str, frozenset[str]]] = {"noun": {}, "adj": {}, "role": {}}
    with path.open(encoding="utf-8") as fh:
        for r in csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"):
            out[r["pos"]][r["word"]] = frozenset(p for p in r["preps"].split(",") if p)
    return out


def reporting_cues() -> frozenset[str]:
    """Lemmas of reporting verbs."""
    return frozenset(cue_lexicon())


def cue_word_forms(verb_exceptions: dict[str, list[str]]) -> frozenset[str]:
    """Every written form a cue or stance verb can take: its regular inflections, doubled final consonants
    and the irregular forms the model's lemmatizer maps to it (``verb_exceptions``: form → lemmas). A
    text with none of them, no quotation mark and no colon or dash attributes nothing, so it need not be
    parsed to look for quotes."""
    lemmas = {lemma for row in _rows() for lemma in [row["cue"]] if lemma}
    forms = set()
    for lemma in lemmas:
        stem = lemma[:-1]
        forms |= {lemma, lemma + "s", lemma + "es", lemma + "d", lemma + "ed", lemma + "ing",
                  lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
        if lemma.endswith("e"):
            forms.add(stem + "ing")
        if lemma.endswith("y"):
            forms |= {stem + "ies", stem + "ied"}
    forms |= {form for form, to in verb_exceptions.items() if lemmas.intersection(to)}
    return frozenset(forms)


def cue_lemma(tok: Token, *lexicons: dict[str, tuple[str, ...]]) -> str | None:
    """The entry a verb token stands for in the first of the lexicons (the cue lexicon by default) that has one; forms
    the lemmatizer gets wrong ("hopes" → "hop") included. The word's forms are spelt once for all the lexicons."""
    lexicons = lexicons or (cue_lexicon(),)
    lemma = tok.lemma_.lower()
    if lemma in lexicons[0]:
        return lemma
    low = tok.lower_
    forms = (lemma, low, low.removesuffix("s"), low.removesuffix("d"), low.removesuffix("ing") + "e")
    return next((form for lex in lexicons for form in forms if form in lex), None)


def is_cue_verb(tok: Token, *lexicons: dict[str, tuple[str, ...]]) -> bool:
    """A reporting verb used as a verb (not "the say", not "a call")."""
    return (tok.pos in VERBAL or tok.tag_.startswith("VB")) and cue_lemma(tok, *lexicons) is not None


def cue_tokens(verb: Token) -> list[Token]:
    """The verb with its particle, its listener ("told reporters") and its channel ("said in a statement")."""
    parts = [verb]
    for child in verb.children:
        if child.dep_ == "prt" or (verb.lemma_ == "tell" and child.dep_ in LISTENERS_DEPS and child.pos_ in ("NOUN", "PRON")):
            parts.append(child)
        elif child.dep_ == "prep" and child.lower_ in ("in", "on", "via", "at", "during"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and (obj.lower_ in CHANNELS or obj.lemma_.lower() in CHANNELS):
                parts.extend([child, *obj.subtree])
    parts.sort(key=lambda t: t.i)
    return parts
