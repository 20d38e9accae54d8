"""Who a quote belongs to: the subject of its cue, resolved to an actor of the document.

Named people, surnames, role nouns ("the diplomat") and he/she come resolved from the actor stage;
here "they"/"it"/"their"/"its" find the nearest organisation or group before them, a relative pronoun ("who",
"that") gives way to the noun it refers to and is never a speaker itself, the writer's own "I" and "we" are
one actor, "the writer", and a speaker no gazetteer knows ("industry analysts", "a campaign aide") becomes
an actor of its own, named by its noun phrase.
"""
from __future__ import annotations

import bisect
from functools import cache

from spacy.tokens import Doc, Span, Token

from parley.actors.gazetteer import load_gazetteer
from parley.actors.resolve import ActorTable, actor_for_token
from parley.quotes.cues import is_cue_verb, stance_lexicon
from parley.records import Actor, ActorKind, Mention

RELATIVE = frozenset({"who", "whom", "that", "which", "whose"})
GROUP_PRONOUNS = frozenset({"they", "them", "it", "their", "its"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
FIRST_PERSON = frozenset({"i", "me", "we", "us", "you"})
WRITER = frozenset({"i", "we"})  # the writer's "I" and "we" are one speaker
GENERIC_PERSON = FIRST_PERSON - WRITER  # "you say", "tell me": no source
# pronouns that name a body of people by themselves ("some say", "many of whom said"): a group speaker, as written
INDEFINITE = frozenset({"some", "many", "most", "all", "several", "few", "others", "another", "both", "each", "everyone", "everybody",
                        "someone", "somebody", "one"})
SHARES = frozenset({"half", "third", "thirds", "quarter", "quarters", "majority", "minority", "plurality"})  # "half said"
WRITER_NAME = "the writer"  # the actor a column's "I" and "we" stand for
NOMINAL = frozenset({"NOUN", "PROPN"})
SPEAKING_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})  # entities that can be a source
# what someone issues to speak through: its participle speaks for whoever issued it ("issued a statement calling …")
CARRIERS = frozenset({"statement", "letter", "tweet", "post", "ad", "advertisement", "paper", "release", "message", "memo",
                      "video", "speech", "conference", "filing", "petition", "resolution", "op-ed", "column", "email"})
PRONOUN_REACH = 400  # characters back that "they"/"it" look for the body they stand for
# a title or role before a name, not the speaker's own head noun ("Chief" in "police Chief Chuck Jordan")
NP_EDGE_DEPS = frozenset({"det", "compound", "amod", "nummod", "poss", "case", "nmod", "punct", "quantmod", "advmod"})


def mention_of(tok: Token) -> Mention:
    """A one-token mention."""
    return Mention(tok.idx, tok.idx + len(tok.text), tok.text)


def subject_of(verb: Token) -> Token | None:
    """The grammatical subject of a verb, looking through coordination, control and participle clauses."""
    seen = 0
    while seen < 4:
        for child in verb.children:
            if child.dep_ == "nsubj":
                return child
            if child.dep_ == "agent":  # "it was announced by the ministry"
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            return None  # "Clinton was told that …": the subject heard it, someone unnamed said it
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
            verb = verb.head.head  # "ended by telling reporters that …"
            seen += 1
            continue
        if verb.head.dep_ == "ccomp" and is_cue_verb(verb.head.head) and (
                (verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.doc[verb.left_edge.i - 1].text == ",")
                or (verb.dep_ == "conj" and (is_cue_verb(verb) or is_cue_verb(verb, stance_lexicon())))):
            # "X said prices rose, citing …", "X said the levy was unfair and urged …": the reporter's own next act
            verb = verb.head.head
            seen += 1
            continue
        if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.doc[verb.left_edge.i - 1].text == "," \
                and verb.head.dep_ == "relcl" and verb.sent.root.pos_ in ("VERB", "AUX"):
            verb = verb.sent.root  # "X defended not hiring a builder who said …, saying, “…”": X says it
            seen += 1
            continue
        if verb.dep_ == "acl" and verb.head.dep_ == "pobj" and verb.head.head.head.pos_ in ("VERB", "AUX"):
            verb = verb.head.head.head  # "hid their havens, in many cases reporting …": not the cases
            seen += 1
            continue
        if verb.dep_ in ("xcomp", "pcomp") and verb.head.pos_ not in ("VERB", "AUX"):
            governing = _verb_above(verb.head)
            if governing is not None:
                verb = governing  # "was able to tout …", "were foremost in urging …"
                seen += 1
                continue
        if verb.dep_ == "acl" and verb.head.lower_ in INDEFINITE:
            return verb.head  # "one saying that …", "some arguing that …"
        if verb.dep_ in ("conj", "xcomp", "advcl", "acl") and verb.head.pos_ in ("VERB", "AUX", "NOUN", "PROPN") and verb.head.i != verb.i:
            if verb.dep_ == "acl" and verb.head.pos_ in NOMINAL:
                issuer = _issuing_verb(verb.head) or _voiceless_holder_verb(verb.head)
                if issuer is None:
                    return verb.head  # "officials, saying …"
                # "issued a statement calling …", "posted a string of messages attacking …", "are racking their brains
                # trying to …": the one who acts through the noun
                verb = issuer
                seen += 1
                continue
            verb = verb.head
            seen += 1
            continue
        return None
    return None


def _voiceless_holder_verb(noun: Token) -> Token | None:
    """The verb whose subject acts through a common noun that cannot speak itself ('racked their brains trying to …',
    'used their phones saying …'): not a name, a person, a group or a body."""
    if noun.pos_ == "PROPN" or noun.ent_type_ in SPEAKING_ENTITIES or noun.lower_ in INDEFINITE or is_person_noun(noun) \
            or noun.dep_ not in ("dobj", "pobj"):
        return None
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    return verb if verb.pos_ in ("VERB", "AUX") and any(ch.dep_ == "nsubj" for ch in verb.children) else None


def _body_of_people(tok: Token) -> bool:
    """A word that names a body of people by itself: an indefinite ("some say"), a demonstrative with its description
    ("those surveyed", "those who back her") or a share ("six in 10 say", "half said")."""
    if tok.lower_ in INDEFINITE or tok.lower_ in SHARES:
        return True
    if tok.lower_ in ("those", "these"):
        return any(ch.dep_ in ("acl", "relcl", "prep") for ch in tok.children)
    return tok.pos_ == "NUM" and tok.ent_type_ not in ("DATE", "TIME", "MONEY", "QUANTITY")


def _verb_above(tok: Token) -> Token | None:
    """The verb an adjective, adverb or prepositional phrase hangs on ("was [able] to …", "were in the [lead] in …")."""
    for _ in range(4):
        if tok.dep_ not in ("acomp", "advmod", "prep", "pobj", "pcomp", "npadvmod") or tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


def _antecedent(relative: Token) -> Token | None:
    """The noun a relative pronoun refers to: the head of its relative clause, or, where the parser took the clause
    for another kind, the noun right before it ("the police department, which reported …")."""
    if relative.head.dep_ == "relcl":
        noun: Token | None = relative.head.head
    else:
        k = relative.i - 1
        while k >= 0 and relative.doc[k].text in (",", "—", "–"):
            k -= 1
        noun = relative.doc[k] if k >= 0 and relative.doc[k].pos_ in NOMINAL else None
    return noun if noun is not None and noun.pos_ in (*NOMINAL, "PRON") and noun.lower_ not in RELATIVE else None


def _issuing_verb(noun: Token) -> Token | None:
    """The verb whose subject issued a statement, tweet or letter ('X issued a statement …', 'X filed papers …')."""
    if noun.lemma_.lower() not in CARRIERS:
        return None
    tok, hops = noun, 0
    while tok.dep_ in ("dobj", "pobj", "prep") and hops < 4:
        tok, hops = tok.head, hops + 1
        if tok.pos_ == "VERB":
            return tok
    return None


class Speakers:
    """Speaker resolution for one document: the actor table plus the speakers found here that it lacked."""

    def __init__(self, doc: Doc, table: ActorTable, quoted: list[tuple[int, int]] | None = None) -> None:
        self.doc = doc
        self.table = table
        self.quoted = quoted or []
        self.new: dict[str, Actor] = {}
        self._offset = len(table.actors)
        groups = sorted((m.start, i) for i, a in enumerate(table.actors) if a.kind in ("organization", "group", "country")
                        for m in a.mentions)
        self._group_starts = [s for s, _ in groups]
        self._group_ids = [i for _, i in groups]

    def actors(self) -> ActorTable:
        """The table with any new speakers added."""
        return ActorTable.build(self.table.actors + tuple(self.new.values())) if self.new else self.table

    def resolve(self, tok: Token | None, create: bool = True) -> tuple[Actor | None, Mention | None]:
        """The actor a speaker token stands for, and the mention it was found through; `create` makes unknown ones actors."""
        if tok is None:
            return None, None
        if tok.lower_ in RELATIVE:
            # a relative pronoun is never the speaker itself: the noun it refers to is; the pronoun stays the
            # mention the quote came from, as "he" does
            antecedent = _antecedent(tok)
            if antecedent is not None:
                actor, _ = self.resolve(antecedent, create)
                return actor, mention_of(tok)
            return None, None
        if tok.lower_ in WRITER:
            return self._writer(tok), mention_of(tok)
        if tok.lower_ in PERSON_PRONOUNS and tok.pos_ == "PRON":
            # he/she: the person named last outside quotation marks (a name inside a quote is rarely the speaker)
            return self._person_before(tok.idx), mention_of(tok)
        actor, found = actor_for_token(self.table, tok)
        if actor is not None:
            return actor, mention_of(found)
        known = self._known_new(tok)
        if known is not None:
            return known, mention_of(tok)
        body = _body_of_people(tok)
        if (tok.pos_ == "PRON" or tok.lower_ in GROUP_PRONOUNS | PERSON_PRONOUNS) and not body:
            low = tok.lower_
            if low in GROUP_PRONOUNS:
                plural = low not in ("it", "its")
                group = self._group_before(tok.idx, plural=plural)
                if group is None and plural and create:
                    group = self._people_before(tok)
                return group, mention_of(tok)
            return None, mention_of(tok)
        if tok.pos_ not in NOMINAL and tok.ent_type_ not in ("PERSON", "ORG", "NORP", "GPE") and not body:
            return None, None
        span = self._noun_phrase(tok)
        mention = Mention(span.start_char, span.end_char, span.text)
        if len(span) > 12 or not create:
            return None, mention
        return self._unknown(tok, span, mention), mention

    def label(self, span: Span) -> tuple[Actor | None, Mention]:
        """The speaker a transcript label names ("PENCE:"), whatever the tagger made of the word."""
        mention = Mention(span.start_char, span.end_char, span.text)
        actor, _ = actor_for_token(self.table, span[-1])
        if actor is None:
            actor = self._known_new(span[-1])
        if actor is None:
            key = span.text.lower()
            actor = self.new.get(key)
            if actor is None:
                actor = Actor(id=f"a{self._offset + len(self.new) + 1}", name=span.text, kind="person", mentions=(mention,))
                self.new[key] = actor
            else:
                actor = self._add_mention(actor, mention)
        return actor, mention

    def _writer(self, tok: Token) -> Actor:
        """The writer, who speaks as "I" or "we" outside quotation marks (a column's "I believe …")."""
        mention = mention_of(tok)
        known = self.new.get(WRITER_NAME)
        if known is not None:
            return self._add_mention(known, mention)
        actor = Actor(id=f"a{self._offset + len(self.new) + 1}", name=WRITER_NAME, kind="person", mentions=(mention,))
        self.new[WRITER_NAME] = actor
        return actor

    def _known_new(self, tok: Token) -> Actor | None:
        """A speaker found earlier in this document by the same surname or head noun."""
        for actor in self.new.values():
            if actor.kind == "person" and tok.pos_ == "PROPN" and actor.name.split()[-1].lower() == tok.lower_:
                return self._add_mention(actor, mention_of(tok))
        return None

    def _person_before(self, at: int) -> Actor | None:
        best: tuple[int, Actor] | None = None
        people = [a for a in self.table.actors if a.kind == "person"] + [a for a in self.new.values() if a.kind == "person"]
        for actor in people:
            for m in actor.mentions:
                if m.start < at and (best is None or m.start > best[0]) and m.text.lower() not in PERSON_PRONOUNS \
                        and not any(s <= m.start < e for s, e in self.quoted):
                    best = (m.start, actor)
        return best[1] if best else None

    def _group_before(self, at: int, plural: bool) -> Actor | None:
        """The organisation, country or group named last before a pronoun, within reach."""
        k = bisect.bisect_left(self._group_starts, at) - 1
        best: tuple[int, Actor] | None = None
        if k >= 0 and at - self._group_starts[k] <= PRONOUN_REACH:
            best = (self._group_starts[k], self.table.actors[self._group_ids[k]])
        for actor in self.new.values():
            if actor.kind != "group" and not plural:
                continue
            for m in actor.mentions:
                if m.start < at and at - m.start <= PRONOUN_REACH and (best is None or m.start > best[0]):
                    best = (m.start, actor)
        return best[1] if best else None

    def _people_before(self, pronoun: Token) -> Actor | None:
        """For "they" that no known body explains: the plural or coordinated subject named last before it, within reach
        and outside quotation marks ("Two economists reviewed the plan. They said …" → the economists), through earlier
        "they" subjects, as an actor of its own."""
        doc = pronoun.doc
        reach_from = pronoun.idx
        for tok in reversed(doc[max(pronoun.i - 300, 0) : pronoun.i]):
            if reach_from - tok.idx > PRONOUN_REACH:
                break
            if tok.dep_ not in ("nsubj", "nsubjpass") or any(s <= tok.idx < e for s, e in self.quoted):
                continue
            if tok.lower_ == "they":
                reach_from = tok.idx  # "They met on Monday. … they said": the chain leads further back
                continue
            conj = [c for c in tok.children if c.dep_ == "conj"]
            if conj or tok.tag_ in ("NNS", "NNPS"):  # "Ms. Ames and Mr. Berg", "two economists"
                span = doc[tok.left_edge.i : conj[-1].right_edge.i + 1] if conj else self._noun_phrase(tok)
                if len(span) <= 12:
                    return self._unknown(tok, span, Mention(span.start_char, span.end_char, span.text))
        return None

    @staticmethod
    def _noun_phrase(head: Token) -> Span:
        """The speaker's noun phrase without relative clauses or appositions; a short 'of' phrase stays ("Joint Chiefs of Staff")."""
        doc = head.doc
        left = head.left_edge.i
        while left < head.i and doc[left].dep_ in ("punct", "cc"):
            left += 1
        right = head.i
        of = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None and of.i == head.i + 1 and of.right_edge.i - left < 8 and not any(t.is_punct for t in doc[of.i : of.right_edge.i + 1]):
            right = of.right_edge.i
        return doc[left : right + 1]

    def _unknown(self, head: Token, span: Span, mention: Mention) -> Actor:
        """An actor for a speaker no gazetteer knows, named by its noun phrase (a person by the name itself)."""
        words = [t for t in span if not t.is_punct and not (t.i == span.start and t.dep_ == "det")]
        person = _is_person(head, words)
        if person and head.pos_ == "PROPN":
            # "Russian Foreign Ministry spokeswoman Alla Vetrova" is Alla Vetrova: the names after the last title word
            k = len(words)
            while k and words[k - 1].pos_ == "PROPN" and not is_person_noun(words[k - 1]):
                k -= 1
            words = words[k:] or words
        name = " ".join(t.text for t in words).strip(" ,")
        name = name.removesuffix(" ’s").removesuffix(" 's")
        key = name.lower()
        known = self.new.get(key)
        if known is not None:
            return self._add_mention(known, mention)
        kind: ActorKind = "person" if person else "group"
        actor = Actor(id=f"a{self._offset + len(self.new) + 1}", name=name or head.text, kind=kind, mentions=(mention,))
        self.new[key] = actor
        return actor

    def _add_mention(self, actor: Actor, mention: Mention) -> Actor:
        if mention in actor.mentions:
            return actor
        key = next(k for k, a in self.new.items() if a.id == actor.id)
        updated = Actor(id=actor.id, name=actor.name, kind=actor.kind, country=actor.country, role=actor.role, code=actor.code,
                        mentions=(*actor.mentions, mention))
        self.new[key] = updated
        return updated


# people by what they are, for speakers no gazetteer names ("a source", "the spokeswoman")
PERSON_NOUNS = frozenset({
    "source", "spokesman", "spokeswoman", "spokesperson", "official", "aide", "adviser", "advisor", "analyst", "expert",
    "lawyer", "attorney", "witness", "resident", "voter", "supporter", "critic", "activist", "professor", "economist",
    "researcher", "scientist", "doctor", "nurse", "student", "teacher", "worker", "farmer", "driver", "officer", "man",
    "woman", "mother", "father", "son", "daughter", "friend", "neighbour", "neighbor", "survivor", "victim", "protester",
    "organizer", "organiser", "strategist", "pollster", "consultant", "operative", "donor", "candidate", "nominee",
    "founder", "executive", "director", "chairman", "chairwoman", "chair", "president", "leader", "member", "owner",
})


@cache
def _person_roles() -> frozenset[str]:
    gaz = load_gazetteer()
    return frozenset(p for p, r in gaz.roles.items() if r.person and " " not in p) | PERSON_NOUNS


def is_person_noun(tok: Token) -> bool:
    """A noun that names a person by role ("host", "spokeswoman", "minister")."""
    return tok.lemma_.lower() in _person_roles()


def _is_person(head: Token, words: list[Token]) -> bool:
    """One individual: a PERSON name, a person's role noun, or a name behind such a role."""
    if head.ent_type_ == "PERSON":
        return True
    if head.ent_type_ in ("ORG", "GPE", "NORP", "LOC", "FAC"):
        return head.pos_ == "PROPN" and any(is_person_noun(w) for w in words)
    if head.pos_ == "NOUN":
        return head.tag_ == "NN" and is_person_noun(head)
    return head.pos_ == "PROPN"
