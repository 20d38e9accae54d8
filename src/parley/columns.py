"""A document's token attributes read as whole columns (one ``doc.to_array``), for the actor and quote stages' passes
over every word.

Every ``doc[i]``, ``tok.head`` or iteration over a span builds a new Token, and every ``tok.dep_`` looks a
string up: a pass that tests each word that way costs microseconds a word. Testing the numbers of a column
first, and building a Token only for the few words that pass, finds the same words at a fraction of the cost.
A column becomes a Python list only when a pass reads it (numpy's own tests cost more than a Python pass over
a list for a few hundred words, but building a list of hashes is not free either).
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, IS_ALPHA, IS_ASCII, LOWER, ORTH, POS, TAG
from spacy.strings import get_string_id
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc

VERBAL = frozenset({VERB, AUX})
ATTRS = (IDX, ORTH, LOWER, POS, TAG, DEP, ENT_TYPE, IS_ALPHA, IS_ASCII, HEAD)
# tag id → whether the tag's name starts with "VB": the model's few dozen tags, looked up once each, not in every document
_VERB_TAG: dict[int, bool] = {}


def string_ids(words: Iterable[str]) -> frozenset[int]:
    """Words as the numbers a column holds (their hashes, or spaCy's symbol ids)."""
    return frozenset(get_string_id(w) for w in words)


def _as_list(attr: int) -> cached_property[list[int]]:
    """A column as a Python list, made the first time a pass reads it."""
    return cached_property(lambda self: self.column(attr).tolist())


class Columns:
    """One number a word per attribute. ``lower`` is the id of the token's text in lower case (``str.lower``), as
    spaCy's lexeme computes it; ``ent`` is 0 outside every entity."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.array = doc.to_array(list(ATTRS))  # one row a word, one uint64 column an attribute

    def column(self, attr: int) -> np.ndarray:
        return self.array[:, ATTRS.index(attr)]

    idx = _as_list(IDX)
    orth = _as_list(ORTH)
    lower = _as_list(LOWER)
    pos = _as_list(POS)
    tag = _as_list(TAG)
    dep = _as_list(DEP)
    ent = _as_list(ENT_TYPE)

    @cached_property
    def head(self) -> list[int]:
        """Each word's head, by index (the column holds offsets, negative ones wrapped in uint64)."""
        return (self.column(HEAD).astype(np.int64) + np.arange(len(self.array))).tolist()

    @cached_property
    def alpha(self) -> list[bool]:
        return (self.column(IS_ALPHA) == 1).tolist()

    @cached_property
    def ascii(self) -> list[bool]:
        return (self.column(IS_ASCII) == 1).tolist()

    @cached_property
    def verbal(self) -> list[bool]:
        """Whether each word is a verb by part of speech or by tag (``tok.pos in (VERB, AUX) or tok.tag_.startswith("VB")``),
        the first test of every reporting verb."""
        strings, tags, verb_tag = self.doc.vocab.strings, self.tag, _VERB_TAG
        for tag in set(tags).difference(verb_tag):
            verb_tag[tag] = strings[tag].startswith("VB")
        return [pos in VERBAL or verb_tag[tag] for pos, tag in zip(self.pos, tags, strict=True)]

    def left_heads(self, word: int) -> set[int]:
        """The tokens that have a word (a LOWER id) among their left children ("the" → the nouns it determines)."""
        at = np.flatnonzero(self.column(LOWER) == word).tolist()
        head = self.head if at else []
        return {head[i] for i in at if head[i] > i}
