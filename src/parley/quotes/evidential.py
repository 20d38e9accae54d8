"""Claims attributed to no one named: the writer's hedges and marks of hearsay.

"Turnout seems to be rising", "it appears that …", "the council reportedly balked": each presents a claim as
someone's view or report without naming whose. Attribution corpora annotate them with no source; the claim is the
content, its subject included ("turnout … to be rising"), unless the subject is an empty "it" ("it appears that …":
the clause alone). The agentless passive of a reporting verb ("is expected to …") is left out: parley's own gold
counts it no quote.
"""
from __future__ import annotations

from spacy.tokens import Token

RAISING = frozenset({"seem", "appear"})  # "X seems to …", "it appears that …", "X seemed ready to …"
HEARSAY = frozenset({"reportedly", "allegedly", "purportedly", "reputedly", "supposedly", "seemingly"})
# what a raising verb's claim hangs on: an infinitive or predicate ("seems [to be]", "appeared [ready]"), a clause
# ("it seems [that …]"), and for "seem" a likeness ("seems [like a good deal]")
RAISED_DEPS = frozenset({"xcomp", "acomp", "ccomp", "attr", "oprd"})
EMPTY_SUBJECTS = frozenset({"it", "there"})


def raised_claim(verb: Token) -> tuple[int, int] | None:
    """Token bounds of the claim a raising verb hedges ("Turnout seems to be rising"), or None when it raises nothing
    ("she appeared on television")."""
    if verb.lemma_.lower() not in RAISING:
        return None
    comp = next((ch for ch in verb.rights if ch.dep_ in RAISED_DEPS or (ch.dep_ == "prep" and ch.lower_ == "like"
                                                                        and verb.lemma_.lower() == "seem")), None)
    return _with_subject(verb, comp) if comp is not None else None


def hearsay_claim(adverb: Token) -> tuple[int, int] | None:
    """Token bounds of the clause an adverb of hearsay marks ("the council reportedly balked at the cost")."""
    if adverb.lower_ not in HEARSAY or adverb.dep_ != "advmod" or adverb.head.pos_ not in ("VERB", "AUX"):
        return None
    verb = adverb.head
    subject = next((ch for ch in verb.children if ch.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    first, last = min(subject.left_edge.i, adverb.i), verb.right_edge.i
    while last > first and verb.doc[last].is_punct:
        last -= 1
    return first, last


def _with_subject(verb: Token, comp: Token) -> tuple[int, int]:
    """The complement with the verb's subject before it, unless the subject is an empty 'it' or 'there'."""
    subject = next((ch for ch in verb.children if ch.dep_ in ("nsubj", "nsubjpass") and ch.i < verb.i), None)
    if subject is None or subject.lower_ in EMPTY_SUBJECTS:
        return comp.left_edge.i, comp.right_edge.i
    return subject.left_edge.i, comp.right_edge.i
