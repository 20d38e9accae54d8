"""The event stage: code who did what to whom from dependency parses and the pattern lexicon.

Verb and noun triggers are looked up in the lexicon; the source is the subject (or the agent of a
passive, or the owner/"by" phrase of a noun), the target the slot the pattern names, else the actor
the act is aimed at ("against", "on", "with" …) or, for force, where it happens. The mood of the
trigger (modality.py) recodes it: promised or announced cooperation is intent (03), announced force
a threat (13), refused or negated cooperation a rejection (12), and conditional, considered or merely
wished-for acts are not events. Events inside someone's quote or reported speech carry `claimed_by`.
A few speech-act rules code what the lexicon cannot: calling another actor's act "illegal" or "a
provocation" (disapproval), rejecting talks as "impossible", demanding that another actor "should"
act, and declaring oneself "open to dialogue". Where the text names no one but CAMEO's conventions say who, an actor
is inferred with no mention behind it: a part of the one country a story names acting on no one addresses that
country, an agentless arrest is the state's where it happens, an agentless killing that of unidentified armed forces.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cached_property

from spacy.symbols import ADJ, AUX, NOUN, PRON, PROPN, VERB
from spacy.tokens import Doc, Span, Token

from parley.actors.resolve import INTERNATIONAL_SECTORS, ActorTable, actor_for_token, code_at, stance
from parley.dates import resolve_event_date
from parley.events.lexicon import Pattern, object_free, object_keys, select, triggers
from parley.events.modality import FORCE, NOUN_GOVERNORS, Mood, infinitive, mood, negated, recode
from parley.events.places import place_of, sentence_places
from parley.events.taxonomy import lookup
from parley.records import Actor, Event, Quote

REJECTED_BY_PREDICATE = {"impossible", "unlikely", "unacceptable", "unthinkable", "question", "table", "pointless"}
TALK_NOUNS = {"negotiation", "talk", "dialogue", "concession", "compromise", "deal", "agreement", "cooperation", "contact", "communication"}
OPEN_TO = {"open", "ready", "willing", "prepared"}
# words that, said of another actor or of its acts, make the statement an accusation (112) …
ACCUSATION_WORDS = {"participant", "responsible", "guilty", "aggressor", "complicit", "blame", "provocation", "provocative",
                    "sponsor", "culprit", "aggression", "hypocrisy", "lie", "interference", "meddling", "unprovoked",
                    "violation", "crime", "criminal", "terrorism", "terrorist", "genocide", "occupation", "occupier",
                    "blackmail", "propaganda", "espionage", "invader", "invasion", "aggressive", "complicity"}
# … or a criticism (111)
CRITICISM_WORDS = {"illegal", "illegitimate", "unlawful", "unacceptable", "unjustified", "unjustifiable", "unfounded", "baseless",
                   "groundless", "absurd", "worthless", "reckless", "irresponsible", "hostile", "dangerous", "destabilizing",
                   "destabilising", "threat", "outrageous", "shameful", "deplorable", "disgraceful", "regrettable", "mistake",
                   "wrong", "unhelpful", "counterproductive", "incompatible", "invalid", "void", "arbitrary", "hypocritical",
                   "irrational", "provocation", "escalation", "insult", "insulting", "abuse", "unfriendly", "politicized",
                   "politicised", "discriminatory", "barbaric", "inhumane", "brutal", "cynical", "lawless", "unilateral",
                   "excessive", "disproportionate", "scandalous", "farce", "sham", "nonsense", "slander", "smear", "fabrication",
                   "fabricated", "hysteria", "manipulation", "threatening", "unprecedented", "spy", "mania"}
NAMING_VERBS = {"call", "describe", "label", "brand", "term", "dub", "characterize", "characterise", "denounce", "condemn"}
REPORTING_VERBS = {"say", "tell", "add", "insist", "stress", "claim", "argue", "note", "warn", "declare", "state", "allege",
                   "charge", "assert", "maintain", "complain", "write", "tweet", "accuse", "suggest", "reply", "respond",
                   "announce", "conclude", "reiterate", "repeat", "emphasize", "emphasise", "underline", "affirm"}
JUDGING_VERBS = NAMING_VERBS | REPORTING_VERBS
JUDGING_WORDS = ACCUSATION_WORDS | CRITICISM_WORDS  # a word in these (by lemma or form) judges: _word_judgement
CLAUSE_CUES = JUDGING_WORDS | OPEN_TO  # the lemmas a reported clause is read for (besides its demand modal)
DEMAND_MODALS = {"should", "must"}
RELATIVE_PRONOUNS = {"who", "which", "that"}
SUBJECT_PRONOUNS = {"it", "we", "i", "they", "he", "she"}
FIRST_PERSON = {"i", "we", "us", "our", "my", "me", "ours"}
ISSUING_VERBS = {"release", "publish", "adopt", "sign", "pass", "enact", "send", "deliver", "present", "submit"}
STATIVE_PASSIVES = {"oppose", "commit", "dedicate", "devote"}  # "is opposed to", "is committed to"
WITHDRAWALS = ("0873", "0874")  # demobilize, retreat: in an agentless passive, the forces named are the side that acts
DEPARTURES = {"withdrawal", "pullout", "resignation", "departure", "retreat", "removal", "ouster", "exit", "expulsion"}
PLURAL_PRONOUNS = {"they", "them", "their"}
PRONOUNS = {"it", "its", "they", "them", "their", "he", "him", "his", "she", "her", "we", "us", "our"}
FORCE_PREPS = ("against", "on", "at", "into", "in", "inside", "across", "over", "near", "along")
TARGET_PREPS = ("against", "on", "with", "to", "toward", "towards", "at", "into", "between", "among", "from", "for", "over")
ADDRESSEE_PREPS = ("to", "toward", "towards", "against", "with", "for", "on")  # whom an act noun is aimed at
PROTEST_PREPS = ("against", "outside", "at", "near", "in")
RECIPROCAL_ROOTS = {"04", "05", "06"}  # meeting, signing, cooperating between coordinated subjects run both ways
SYMMETRIC = {"clash", "exchange", "fight", "battle", "skirmish", "agree", "reach"}  # "… exchanged fire", "… agreed"
EVENT_PREPS = {"during", "after", "before", "following", "at", "on", "in"}  # "during a visit to Beirut": the subject's visit
# verbs whose object noun names the act the subject performs ("mounted an invasion", "announced a suspension");
# "stag" is the lemma the tagger gives "staged"
LIGHT_VERBS = {"mount", "launch", "carry", "conduct", "stage", "stag", "complete", "continue", "begin", "start", "speed", "step",
               "intensify", "escalate", "resume", "hold", "make", "undertake", "announce", "order", "pursue", "wage", "finish",
               "expand", "extend", "declare", "unveil", "initiate", "organize", "organise", "lead", "issue", "lodge", "file"}
# codes whose target is the place they apply to when no actor is named: curfews, emergencies, protection
# codes whose unaddressed acts aim at the source's own state (CAMEO codes domestic protest as against the government)
DOMESTIC_DEFAULT = ("14", "104")
# repression and emergency rule (threatened or imposed): aimed at the state's own people when no one is named
REPRESSION = ("132", "137", "172", "175")
# roots whose acts can be aimed at the actor's own country (cooperation, meetings and cutting ties need a partner;
# protest has its own domestic rule, DOMESTIC_DEFAULT)
INWARD_ROOTS = {"08", "09", "10", "11", "12", "13", "15", "17", "18", "19", "20"}
# roots whose unaddressed acts by a part of a country, in a story about that country alone, aim at the country itself
HOME_ROOTS = INWARD_ROOTS | {"02", "03", "07", "14", "16"}
VIOLENT = {"18", "19", "20"}  # assault, fight, mass violence
# intent to cooperate, reform or yield, and yielding: what a state grants its own country (aid, meetings and mediation
# need a foreign partner)
CONCEDING = ("030", "034", "035", "08")
DOER_GERUND_PREPS = {"by", "in", "after", "before", "while", "through"}  # "X responded by shelling": X shells
RESORTING = {"resort", "turn", "return", "revert", "switch"}  # "X resorted to throwing stones": X throws them
CLAUSE_DEPS = {"prep", "acl", "relcl", "advcl", "ccomp", "xcomp"}  # a noun's phrases and clauses, which hold other actors
RESPONSIBILITY = {"015", "016"}  # claiming and denying responsibility: aimed at whom the act hit
MEDIATION = "045"  # the one act between two sides that a third party does
PLACE_PREPS = ("in", "inside", "near", "outside", "across", "over", "throughout")
STATE_ACTS = {"172", "173", "174", "175"}  # administrative sanctions, arrests, expulsions, repression: only states do them
KILLING = "1823"
ARMED_SECTORS = {"MIL", "UAF", "REB", "INS", "SEP"}  # organised armed groups, whose killings are acts of war
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
# answers to a proposal (reject, yield, accept/agree): the proposal's author is the target
ANSWERING_ROOTS = {"12", "08", "03"}
PROPOSAL_NOUNS = {"call", "demand", "request", "appeal", "offer", "invitation", "proposal", "plan", "ultimatum", "initiative",
                  "bid", "plea", "condition", "proposition"}
PLACE_TARGETED = {"081", "074", "033", "086", "120", "122", "124", "125", "123"}
ENGAGING = {"engage", "participate", "involve", "take", "join", "persist", "continue", "succeed"}  # "… in the attack"
BORDER_NOUNS = {"border", "frontier", "boundary"}
MEMBER_NOUNS = {"inspector", "observer", "monitor", "delegation", "team", "expert", "mission", "envoy", "official", "diplomat",
                "representative", "negotiator", "investigator", "delegate", "soldier", "troop", "peacekeeper", "officer",
                "counterpart"}
# places that stand for the people they serve ("a camp for Sudanese refugees")
FACILITY_NOUNS = {"camp", "school", "hospital", "clinic", "shelter", "orphanage", "home", "hostel", "centre", "center"}
# nouns that stand for the act they are "of" or named after: "a mediation effort", "part of an aid programme"
CONTAINER_NOUNS = {"effort", "program", "programme", "part", "plan", "campaign", "drive", "process", "bid", "attempt",
                   "mission", "initiative", "scheme", "project", "round", "package", "policy", "operation", "team", "group",
                   "contingent", "batch", "number"}
# "thousands of Nigerians", "crowds of Iraqis": a country's people (its civilians), not its state
CROWD_WORDS = {"hundreds", "thousands", "dozens", "tens", "scores", "crowd", "crowds", "millions"}


@dataclass(frozen=True)
class _Slots:
    sources: tuple[Actor, ...]
    targets: tuple[Actor, ...]
    from_context: bool = False  # may the target fall back to the story's main counterpart?

    @classmethod
    def one(cls, source: Actor | None, target: Actor | None, from_context: bool = False) -> _Slots:
        return cls(tuple(a for a in [source] if a), tuple(a for a in [target] if a), from_context)


@dataclass(frozen=True)
class _Found:
    """One coded trigger before it becomes Events (one per source × target)."""

    tok: Token
    code: str
    slots: _Slots
    governor: Token | None = None  # the intent verb it replaces ("agreed" in "agreed to send")
    negated: bool = False  # a negated act of cooperation, recoded as a rejection


class _Where:
    """A sentence's text, offset, date and places, each worked out once (and only when an event needs it) for all the
    events coded in it, from the sentence's words already built (Span.text would build a Token per word again)."""

    def __init__(self, sent: Span, words: list[Token], published: str | None) -> None:
        self.sent = sent
        self.words = words
        self.published = published

    @cached_property
    def raw(self) -> str:
        """Span.text: the words with their whitespace, less the last word's."""
        raw = "".join([w.text_with_ws for w in self.words])
        return raw[:-1] if self.words[-1].whitespace_ else raw

    @cached_property
    def text(self) -> str:
        return self.raw.strip()

    @cached_property
    def start(self) -> int:
        return self.sent.start_char + len(self.raw) - len(self.raw.lstrip())

    @cached_property
    def dated(self) -> tuple[str | None, str | None]:
        return resolve_event_date(self.text, self.published)

    @cached_property
    def places(self) -> list[Span]:
        return sentence_places(self.words)


class _Spoken:
    """A document's quotes that have a speaker, found by where they start: each sentence looks only at those starting
    in it (not at every quote of the story), in the quotes' own order."""

    def __init__(self, quotes: tuple[Quote, ...]) -> None:
        ranked = sorted((q.start, k) for k, q in enumerate(quotes) if q.speaker is not None)
        self._starts = [start for start, _ in ranked]
        self._order = [k for _, k in ranked]
        self._quotes = quotes

    def starting_in(self, first: int, end: int) -> list[Quote]:
        """The quotes with a speaker whose start lies in [first, end), in the order they were given."""
        lo, hi = bisect_left(self._starts, first), bisect_left(self._starts, end)
        return [self._quotes[k] for k in sorted(self._order[lo:hi])]


# ---------------------------------------------------------------- parse helpers

def _subject(verb: Token) -> Token | None:
    """The subject of a verb, through coordination, control ("agreed to send", "is ready to talk") and participles."""
    subj = _described_subject(next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None))
    head = verb.head
    if subj is not None:
        # "the rebels who seized the town": a relative pronoun stands for the noun its clause describes
        return head if verb.dep_ == "relcl" and subj.lower_ in RELATIVE_PRONOUNS and head != verb else subj
    if head == verb:
        return None
    if verb.dep_ == "advcl" and head.pos_ in ("VERB", "AUX") and infinitive(verb):
        return _subject(head)  # a purpose clause: "Chad sent envoys to mediate" – Chad mediates
    if verb.dep_ == "acl" and head.lemma_.lower() in NOUN_GOVERNORS and infinitive(verb):
        # "Kenya's decision to expel …", "announced a plan to build …": whose decision or plan it is
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is None and head.dep_ == "dobj" and head.head.pos_ in ("VERB", "AUX"):
            owner = _subject_or_passive(head.head)
        return owner
    if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN") and (verb.tag_ == "VBG" or head.dep_ == "ROOT"):
        # "militias attacking the convoy", "a group demanding reforms"; a participle on a noun that the parser made
        # the sentence's root is its predicate ("A Syrian newspaper called on Arabs to …")
        return head
    if verb.dep_ in ("conj", "acomp") and head.pos_ in ("VERB", "AUX"):
        return _subject(head)  # "… and seized", "Kenya is opposed to …" (a participle read as an adjective)
    if verb.dep_ == "xcomp":
        if head.pos_ == "ADJ" and head.head != head:
            return _subject(head.head)
        if head.pos_ in ("VERB", "AUX"):
            # "X is scheduled to attend", "X was forced to resign": the passive's subject does the act
            return _subject_or_passive(head)
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and head.pos_ in ("VERB", "AUX"):
        return _subject(head)  # "Estonia expelled two diplomats, accusing them of …"
    if verb.dep_ == "pcomp" and _doer_shares_gerund(head):
        return _subject(head.head)  # "responded by shelling the town", "resorted to throwing stones"
    return None


def _doer_shares_gerund(prep: Token) -> bool:
    """Whether a gerund under this preposition is done by the subject of the verb the preposition hangs on: "responded
    by shelling", "succeeded in taking", "after shelling", "resorted to throwing"; not when that verb has an object
    ("accused Uganda of killing" is Uganda's killing) and not "refrained from", "warned against", "objected to"."""
    verb = prep.head
    if verb.pos not in (VERB, AUX) or any(c.dep_ == "dobj" for c in verb.children):
        return False
    word = prep.lower_
    return word in DOER_GERUND_PREPS or (word == "to" and verb.lemma_.lower() in RESORTING)


def _described_subject(subj: Token | None) -> Token | None:
    """ "The Red Cross operating in Somalia said …": a participle that describes the subject is sometimes parsed as the
    subject itself, with the noun as the participle's own subject; the noun is who speaks or acts."""
    if subj is None or subj.tag_ not in ("VBG", "VBN"):
        return subj
    return next((c for c in subj.children if c.dep_ == "nsubj" and c.i < subj.i), subj)


def _subject_or_passive(verb: Token) -> Token | None:
    """Whoever a verb's clause is about: its subject, else the subject of its passive ("X was forced to …")."""
    return _subject(verb) or next((c for c in verb.children if c.dep_ == "nsubjpass"), None)


def _patient(verb: Token) -> Token | None:
    """The subject of a passive verb, or the noun a past participle describes ("soldiers killed in the raid")."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN") and verb.head.dep_ != "ROOT":
        return verb.head
    return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)


def _issuer(verb: Token) -> Token | None:
    """Who acts through a text or an event that a clause describes: "issued a declaration demanding …", "signed a
    decree banning …" (the noun is what a light verb produces), "gathered for a rally to protest …" (an act's noun)."""
    if verb.dep_ not in ("acl", "relcl") or verb.head.pos_ != "NOUN":
        return None
    noun = verb.head
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in LIGHT_VERBS | ISSUING_VERBS:
        return _subject(noun.head)
    prep = noun.head
    if noun.dep_ == "pobj" and noun.lemma_.lower() in triggers("noun") and prep.head.pos_ in ("VERB", "AUX"):
        return _subject(prep.head)
    return None


def _reporter(pron: Token) -> Token | None:
    """The subject of the clause that reports a pronoun's clause ("Israel said it would …" → Israel)."""
    clause = pron.head
    while clause.pos_ not in ("VERB", "AUX") and clause.head != clause:
        clause = clause.head
    if clause.dep_ not in ("ccomp", "xcomp", "advcl", "conj", "relcl") or clause.head == clause:
        return None
    subj = _subject(clause.head)
    return None if subj is None or subj.i == pron.i else subj


def _complements(verb: Token) -> list[Token]:
    """What a trigger verb acts on: direct objects (and their conjuncts), an xcomp verb and its object, attributes."""
    out = [c for c in verb.children if c.dep_ in ("dobj", "attr", "xcomp", "oprd")]
    # "allowed inspectors to visit …", parsed with the object as the subject of an infinitive clause
    controlled = _controlled_object(verb)
    if controlled is not None:
        out += [controlled, controlled.head]
    out += [c for o in list(out) if o.dep_ in ("xcomp", "ccomp") for c in o.children if c.dep_ == "dobj"]
    # "launched drone, mortar and artillery fire against …": a list is a chain of conjuncts, each on the one before
    out += [c for o in list(out) for c in _conjuncts(o)]
    # "suspended part of an aid programme for Bosnia": what the container holds is acted on too
    out += [c for o in list(out) if o.lemma_.lower() in CONTAINER_NOUNS for c in _prep_objects([o], "of")]
    return out


def _conjuncts(tok: Token) -> list[Token]:
    """Every conjunct coordinated with a word, however deep the parser chains them."""
    found: list[Token] = []
    todo = [c for c in tok.children if c.dep_ == "conj"]
    while todo:
        c = todo.pop()
        found.append(c)
        todo += [g for g in c.children if g.dep_ == "conj"]
    return found


def _proposer(heads: list[Token]) -> Token | None:
    """The author of a proposal that the verb answers: "rejected calls by X", "accepted demands from X", "X's offer",
    also through a complement ("declined to answer a request from X")."""
    for h in heads:
        for tok in h.subtree:
            if tok.lemma_.lower() not in PROPOSAL_NOUNS or tok.dep_ not in ("dobj", "pobj", "conj"):
                continue
            if tok.head.i != h.i and tok.head.dep_ not in ("prep", "dobj", "xcomp", "conj") and tok.head.pos_ != "VERB":
                continue
            poss = next((c for c in tok.children if c.dep_ == "poss"), None)
            if poss is not None:
                return poss
            author = next((o for p in tok.children if p.dep_ == "prep" and p.lower_ in ("by", "from")
                           for o in p.children if o.dep_ == "pobj"), None)
            if author is not None:
                return author
    return None


def _controlled_object(verb: Token) -> Token | None:
    """The object of "allow X to …", "urge X to …", "help X do …" when the parser made X the subject of the infinitive."""
    for clause in verb.children:
        # "helped X restore", "let X go": a bare infinitive is controlled too (a finite clause is not)
        if clause.dep_ == "ccomp" and (clause.tag_ == "VB" or infinitive(clause)):
            subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                return subj
    return None


def _shifted_object(verb: Token) -> Token | None:
    """The object the parser took into an "as" phrase when the writer put it after its predicate: "denounced as illegal
    Uganda's detention of …" (= "denounced Uganda's detention … as illegal"); only an owned act is read so."""
    if any(c.dep_ == "dobj" for c in verb.children):
        return None
    return next((o for p in verb.children if p.dep_ == "prep" and p.lower_ == "as" for o in p.children
                 if o.dep_ == "pobj" and any(c.dep_ == "poss" for c in o.children) and o.left_edge.pos_ == "ADJ"), None)


def _prep_nouns(heads: list[Token]) -> list[Token]:
    """Nouns inside prepositional phrases of the heads, which some patterns name as their object."""
    return [pobj for head in heads for prep in head.children if prep.dep_ in ("prep", "dative", "agent")
            for pobj in prep.children if pobj.dep_ in ("pobj", "pcomp")]


# prepositions whose noun is a verb's second argument even beside a direct object: "threatened X with sanctions",
# "accused X of fraud", "asked X for aid"
ARGUMENT_PREPS = {"with", "of", "for"}


def _verb_phrase_objects(verb: Token, complements: list[Token]) -> list[Token]:
    """Phrase nouns that may stand for a trigger verb's object: "agree on a ceasefire", "go on strike". Once a verb
    (the trigger or its infinitive) has a direct object, only an argument preposition's noun still can: "stopped
    work in a strike" stops work, not strikes; so for a noun complement ("delivered tons of aid")."""
    found = []
    for head in (verb, *complements):
        children = [(c, c.dep_) for c in head.children]  # built once for both looks below
        has_object = head.pos not in (VERB, AUX) or any(dep == "dobj" for _, dep in children)
        found += [pobj for prep, dep in children if dep in ("prep", "dative", "agent")
                  and (not has_object or prep.lower_ in ARGUMENT_PREPS)
                  for pobj in prep.children if pobj.dep_ in ("pobj", "pcomp")]
    return found


def _object_keys(tokens: list[Token], depth: int = 0) -> set[str]:
    """Lexicon object candidates of complements; a container noun ("a mediation effort", "part of an aid programme")
    and a title before a name ("candidate Ali") also offer what they contain or name."""
    keys: set[str] = set()
    for t in tokens:
        mods: list[Token] = []
        owned: list[Token] = []
        for child in t.children:
            dep = child.dep_
            if dep in ("compound", "amod"):
                mods.append(child)
            elif dep == "prep" and child.lower_ == "of":
                owned += [o for o in child.children if o.dep_ == "pobj"]
        keys |= object_keys(t.lemma_, [m.lemma_ for m in (*mods, *owned)])
        if depth < 2 and (t.lemma_.lower() in CONTAINER_NOUNS or t.pos_ == "PROPN"):
            keys |= _object_keys([m for m in (*mods, *owned) if m.pos_ == "NOUN"], depth + 1)
    return keys


def _prep_objects(heads: list[Token], prep: str) -> list[Token]:
    """Objects of a preposition ("on" → "Moscow") attached to any of the heads, in order."""
    found = []
    for head in heads:
        for child in head.children:
            if child.dep_ in ("prep", "dative", "agent") and child.lower_ == prep:
                objects = [p for p in child.children if p.dep_ in ("pobj", "pcomp")]
                found += objects or _stranded_object(child)
            elif child.dep_ == "dative" and prep == "to" and child.pos_ in ("PROPN", "NOUN", "PRON"):
                found.append(child)  # "give Tanzania a grant"
    return found


def _of_time(prep: Token) -> bool:
    """ "on Monday", "in March", "for three hours": a phrase of time, which names no one a pattern's slot could hold."""
    return any(o.ent_type_ in ("DATE", "TIME") for o in prep.children if o.dep_ == "pobj")


def _phrase_preps(heads: list[Token]) -> set[str]:
    """The prepositions _prep_objects can find on the heads: asking it only for these spares a look at every child of
    every head for each preposition a slot list names."""
    found = {c.lower_ for h in heads for c in h.children if c.dep_ in ("prep", "dative", "agent")}
    if any(c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN", "PRON") for h in heads for c in h.children):
        found.add("to")
    return found


def _stranded_object(prep: Token) -> list[Token]:
    """The noun phrase right after a preposition the parser left without an object ("granted asylum to five officers
    holed up in …", with "officers" made the subject of the next clause): the largest noun phrase starting there."""
    start = prep.i + 1
    doc = prep.doc
    heads = [t for t in doc[start : min(start + 8, len(doc))] if t.left_edge.i == start and t.pos_ in ("NOUN", "PROPN", "PRON")]
    return heads[-1:]


class _Resolver:
    """Noun phrase → actors for one document: modifiers, of-phrases, pronouns and first person in quotes."""

    def __init__(self, actors: ActorTable, quotes: tuple[Quote, ...]) -> None:
        self.actors = actors
        self.quotes = quotes
        self._groups: dict[int, tuple[Actor, ...]] = {}  # group() by word index: one in four asks again for this document

    def actor(self, tok: Token | None, depth: int = 0) -> Actor | None:
        if tok is None:
            return None
        lemma = tok.lemma_.lower()
        if lemma in BORDER_NOUNS:
            # "its border with Guyana": the other side
            other = next((o for p in tok.children if p.dep_ == "prep" and p.lower_ == "with" for o in p.children
                          if o.dep_ == "pobj"), None)
            if other is not None:
                return self.actor(other, depth + 1)
        actor = actor_for_token(self.actors, tok, through_of=True)[0]
        if actor is not None and tok.lower_ in CROWD_WORDS and actor.kind == "country" and actor.country:
            return Actor(id="", name=f"{tok.text} of {actor.name}", kind="group", country=actor.country,
                         code=actor.country + "CVL")
        if actor is not None and actor.code:
            return actor
        if depth < 2:
            # "Ali Hassan, the UN aid coordinator, said …": a person of unknown allegiance, placed by the apposition
            described = next((a for c in tok.children if c.dep_ == "appos" and (a := self.actor(c, depth + 1)) is not None), None)
            if described is not None:
                return described
        if actor is not None:
            return actor
        if lemma in MEMBER_NOUNS or lemma in FACILITY_NOUNS:
            # "inspectors from the IAEA", "a delegation from Japan": whom they come from; "a camp for Sudanese
            # refugees", "a school for Afghan girls": whom a place serves
            prep = "from" if lemma in MEMBER_NOUNS else "for"
            origin = next((o for p in tok.children if p.dep_ == "prep" and p.lower_ == prep for o in p.children
                           if o.dep_ == "pobj"), None)
            if origin is not None:
                return self.actor(origin, depth + 1)
        low = tok.lower_
        if low in FIRST_PERSON:
            quote = next((q for q in self.quotes if q.start <= tok.idx < q.end and q.speaker), None)
            if quote is not None:
                return self.actors.by_id(quote.speaker)
        if low in PRONOUNS and depth < 3:
            return self._object_antecedent(tok, depth) or self._antecedent(tok, depth) or self._previous_subject(tok, depth)
        poss = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in PRONOUNS), None)
        if poss is not None and depth < 3:
            return self._antecedent(poss, depth)
        return None

    def _previous_subject(self, pron: Token, depth: int) -> Actor | None:
        """The actor a main-clause subject "it"/"they" that its own sentence leaves unexplained stands for (see
        _previous_subject_of); a person is left to the actor stage's own pronoun links."""
        actor = self.actor(_previous_subject_of(pron), depth + 1)
        return actor if actor is not None and actor.kind != "person" else None

    def _object_antecedent(self, pron: Token, depth: int) -> Actor | None:
        """ "expelled two Russian diplomats, accusing them of …": an object pronoun of a participle is the object
        of the verb the participle hangs on."""
        clause = pron.head
        if pron.dep_ not in ("dobj", "pobj", "dative") or clause.pos_ not in ("VERB", "AUX") or clause.dep_ not in ("advcl", "conj"):
            return None
        obj = next((c for c in clause.head.children if c.dep_ == "dobj"), None)
        return self.actor(obj, depth + 1) if obj is not None else None

    def _antecedent(self, pron: Token, depth: int) -> Actor | None:
        """ "Israel said it would …", "Niger denied that its troops …": the subject of the clause that reports it;
        "Israel mounted its invasion": a possessive in an object points at its own clause's subject first."""
        clause = pron.head
        while clause.pos_ not in ("VERB", "AUX") and clause.head != clause:
            clause = clause.head
        if pron.dep_ == "poss" and clause.pos_ in ("VERB", "AUX"):
            own = _subject(clause)
            if own is not None and own.i != pron.i and pron.i not in {t.i for t in own.subtree}:
                actor = self.actor(own, depth + 1)
                if actor is not None:
                    return actor
        subj = _reporter(pron)
        return self.actor(subj, depth + 1) if subj is not None else None

    def group(self, tok: Token | None) -> tuple[Actor, ...]:
        """The actors a noun phrase names, through coordination: "Kenya and Uganda" → both (worked out once per word)."""
        if tok is None:
            return ()
        i = tok.i
        found = self._groups.get(i)
        if found is None:
            found = self._groups[i] = self._group(tok)
        return found

    def _group(self, tok: Token) -> tuple[Actor, ...]:
        if tok.lower_ in PLURAL_PRONOUNS and tok.dep_ in ("nsubj", "nsubjpass") and (reporter := _reporter(tok)) is not None \
                and reporter.lower_ not in PRONOUNS:
            # "Chile and Peru said they would …": a subject pronoun stands for the whole coordinated reporting subject
            return self.group(reporter)
        earlier = _previous_subject_of(tok) if tok.lower_ == "they" else None
        if earlier is not None and earlier.lower_ not in PRONOUNS:
            return self.group(earlier)  # "Chile and Peru closed the border. They also …": the whole earlier subject
        found: list[Actor] = []
        # the words a conjunct may hang on: the head, its modifiers and its of-phrase ("the leaders of Kenya and Uganda"),
        # and the conjuncts themselves; one inside another phrase ("crimes by X against Y and Z") is that phrase's
        heads = [tok, *(o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj")]
        named = {h.i for h in heads} | {c.i for h in heads for c in h.children if c.dep_ not in CLAUSE_DEPS}
        conjuncts = []
        for c in tok.subtree:  # in text order: a conjunct comes after the word it is coordinated with
            if c.dep_ == "conj" and c.head.i in named:
                named.add(c.i)
                if c.pos in (PROPN, NOUN, PRON, ADJ):
                    conjuncts.append(c)
        if conjuncts:
            # "The US, Russia, and Switzerland": the parser makes the middle of a serial list an apposition, which
            # either carries the list's conjunction itself or sits before the head's own "and …"
            own_cc = any(c.dep_ == "cc" for c in tok.children)
            conjuncts += [c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i < conjuncts[-1].i
                          and (own_cc or {"cc", "conj"} <= {g.dep_ for g in c.children})]
        # "Kenyan and Ugandan forces": coordinated modifiers name one actor each, the shared noun alone the last of them
        shared = [c.head for c in conjuncts if c.head.dep_ in ("amod", "compound", "nmod")]
        for t in [*shared, tok, *conjuncts]:
            actor = self.actor(t)
            if actor is not None and actor not in found:
                found.append(actor)
        return tuple(found)

    def at(self, heads: list[Token], prep: str | None) -> tuple[Actor, ...]:
        """The actors named by that preposition's object ("in February" is skipped for "in Ukraine")."""
        if prep is None or prep == "dobj":
            return ()
        for pobj in _prep_objects(heads, prep):
            group = self.group(pobj)
            if group:
                return group
        return ()


# ---------------------------------------------------------------- the coder

class EventCoder:
    """Callable stage: (Doc, ActorTable, quotes, published) → events in text order.

    ``require_target``: code only dyadic events (the default, as the store and the scorer expect); when
    False, an act with a source but no identifiable target is kept with target None.
    ``main_only``: keep one act per sentence, the one whose trigger stands highest in the parse (with all its
    source × target pairs; an act someone reports before that reporter's own judgement of it), for corpora that
    annotate a single event per sentence.
    """

    def __init__(self, require_target: bool = True, main_only: bool = False) -> None:
        self.require_target = require_target
        self.main_only = main_only

    def __call__(self, doc: Doc, actors: ActorTable, quotes: tuple[Quote, ...], published: str | None) -> tuple[Event, ...]:
        actors = _placed_in_story(actors)
        counterpart = _main_actors(actors)
        res = _Resolver(actors, quotes)
        events: list[Event] = []
        verb_triggers, noun_triggers = triggers("verb"), triggers("noun")
        spoken = _Spoken(quotes)
        for sent in doc.sents:
            found: list[_Found] = []
            consumed: set[int] = set()
            verbs: list[tuple[Token, str]] = []
            words = list(sent)  # one Token per word for every pass over the sentence
            for tok in words:
                hit: _Found | None = None
                pos = tok.pos  # the symbol's id: pos_ looks its name up in the string store for every word
                if pos in (VERB, AUX):
                    lemma = tok.lemma_.lower()
                    verbs.append((tok, lemma))
                    if lemma in verb_triggers:
                        hit = self._verb_event(tok, lemma, res, consumed)
                elif pos in (NOUN, PROPN) and tok.i not in consumed:
                    lemma = tok.lemma_.lower()
                    if lemma in noun_triggers:
                        hit = self._noun_event(tok, lemma, res)
                if hit is not None:
                    found.append(hit)
            found.extend(self._speech_acts(sent, res, spoken))
            found.extend(self._evaluations(verbs, res))
            if not found:
                continue
            where = _Where(sent, words, published)
            # "agreed to send troops": the governed act, recoded as intent, replaces the governor's own event
            replaced = {f.governor.i for f in found if f.governor is not None and (f.slots.targets or f.slots.from_context)}
            # "shelled the town, killing eight": the participle tells what the attack did, it is no second attack
            violent = {f.tok.i for f in found if f.code[:2] in VIOLENT}
            replaced |= {f.tok.i for f in found if f.code[:2] in VIOLENT and f.tok.dep_ == "advcl" and f.tok.tag_ == "VBG"
                         and f.tok.head.i in violent}
            coded: list[tuple[tuple[bool, int], list[Event]]] = []
            for f in found:
                if f.tok.i in replaced:
                    continue
                targets: tuple[Actor | None, ...] = f.slots.targets or (None,)
                mine: list[Event] = []
                for source in f.slots.sources:
                    for target in targets:
                        event = self._event(where, f, source, target, quotes, published, counterpart, actors.actors)
                        earlier = (e for _, m in coded for e in m)
                        if event is not None and not any(_same(event, e) for e in (*earlier, *mine)):
                            mine.append(event)
                if mine:
                    # "Guinea tortured refugees, a rights group said": the act reported outranks the report's own judgement
                    coded.append(((f.tok.lemma_.lower() in REPORTING_VERBS, _depth(f.tok)), mine))
            if self.main_only and coded:
                coded = [min(coded, key=lambda c: c[0])]
            events.extend(e for _, mine in coded for e in mine)
        return tuple(events)

    # -------------------------------------------------------- verbs

    def _verb_event(self, verb: Token, lemma: str, res: _Resolver, consumed: set[int]) -> _Found | None:
        """The act a trigger verb (``lemma``: its lower-cased lemma, one the lexicon has) codes, if any."""
        complements = _complements(verb)
        # one pass over the verb's children (each pass builds a new Token per child)
        preps: set[str] = set()
        particles: set[str] = set()
        for child in verb.children:
            dep, word = child.dep_, child.lower_
            if dep in ("prep", "dative", "agent") and not _of_time(child):
                preps.add(word)
            if dep == "dobj":
                preps.add("dobj")
            elif dep == "dative" and child.pos in (PROPN, NOUN, PRON):
                preps.add("to")
            if dep in ("prt", "prep"):
                particles.add(word)
        preps |= {c.lower_ for o in complements for c in o.children if c.dep_ == "prep" and not _of_time(c)}
        # "sanctions were imposed on Iran", "two diplomats were expelled": a passive's subject is what the act is done to
        patient = _patient(verb)
        patients = [patient] if patient is not None else []
        if patients:
            preps.add("dobj")
        # each candidate's keys worked out once: the pattern's choice takes their union, what it consumes each one's;
        # none are needed when no pattern of the verb asks what it acts on (each pattern then takes and consumes all)
        free = object_free("verb", lemma)
        acted_on = [(o, set() if free else _object_keys([o])) for o in (*complements, *patients)]
        # "agree to a ceasefire", "accuse X of corruption", "declare a state of emergency"
        in_phrases = [] if free else [(o, _object_keys([o])) for o in _verb_phrase_objects(verb, complements)]
        objects = set().union(*(keys for _, keys in acted_on), *(keys for _, keys in in_phrases))
        pattern = select("verb", lemma, objects=objects, preps=preps, particles=particles)
        if pattern is None:
            return None
        m = mood(verb)
        code = recode(pattern.cameo, m)
        if code is None:
            return None
        consumed.update(o.i for o, keys in acted_on if pattern.object_matches(keys))
        if pattern.objects:
            consumed.update(o.i for o, keys in in_phrases if pattern.object_matches(keys))
        slots = self._verb_slots(verb, pattern, code, complements, res, patient)
        if not slots.sources:
            return None
        if not slots.targets and m.governor is not None:
            # "agreed with Japan to hold drills": the governor's phrase names the partner
            slots = _Slots(slots.sources, self._fallback_targets([m.governor], code, res, slots.sources), slots.from_context)
        return _Found(verb, code, slots, m.governor if m.kind in ("intent", "negated") else None, m.kind == "negated")

    def _verb_slots(self, verb: Token, pattern: Pattern, code: str, complements: list[Token], res: _Resolver,
                    passive: Token | None) -> _Slots:
        """Sources and targets of a verb trigger; ``passive`` is its patient (_patient), if it has one."""
        heads = [verb, *complements]
        if passive is not None and verb.lemma_.lower() in STATIVE_PASSIVES and not _prep_objects(heads, "by"):
            passive = None  # "Kenya is opposed to the plan": a state of the subject, who is the one opposing
        if passive is not None and verb.dep_ == "acl" and not res.group(passive):
            return _Slots((), ())  # "the curfew imposed last year": background to the news, not an act done to anyone
        if passive is not None:
            agent = next(iter(_prep_objects(heads, "by")), None)
            sources = res.group(agent) or _unnamed_doer([*heads, agent] if agent is not None else heads, code, res)
            if not sources and code in WITHDRAWALS:
                sources = res.group(passive)  # "the rebels were demobilized", "troops were pulled back": their side does it
            if not sources:
                return _Slots((), ())  # an act no one does codes no event: its target needs no looking for
            if pattern.prep == "dobj":
                return _Slots(sources, res.group(passive))
            targets = res.at(heads, pattern.target_prep) or self._fallback_targets(heads, code, res, sources)
            return _Slots(sources, targets)
        subject = _subject_or_passive(verb)
        subjects = res.group(subject)
        if not subjects and (subject is None or subject.i == verb.head.i):
            subjects = res.group(_issuer(verb))  # the clause's only subject is the text or event it describes
        if not subjects and subject is not None and subject.pos_ == "NOUN":
            # "a roadside bomb killed two soldiers": the doer of an attack that names only its weapon
            subjects = _unnamed_doer([verb, subject], code, res)
        if pattern.source_prep:  # "receive aid from X": X is the source, the subject the target
            return _Slots(res.at(heads, pattern.source_prep), subjects)
        if not subjects:
            return _Slots((), ())
        named = None
        if pattern.prep == "dobj":
            named = next((c for c in verb.children if c.dep_ == "dobj"), None) or _controlled_object(verb)
            targets = res.group(named)
        else:
            targets = _who_must_go(heads, code, res) or _accused(heads, code, res) or res.at(heads, pattern.target_prep)
        if len(subjects) == 1 and (named is None or named.pos_ != "PRON"):
            # "imposed restrictions on its own market for EU workers", "met his counterpart from Uganda": a phrase naming
            # the doer itself names no target (an object pronoun read as the doer is a doubtful reading: no fallback)
            targets = tuple(a for a in targets if a not in subjects)
        if not targets:
            targets = self._fallback_targets(heads, code, res, subjects)
        if not targets and len(subjects) > 1 and (pattern.cameo[:2] in RECIPROCAL_ROOTS or verb.lemma_.lower() in SYMMETRIC):
            # "Armenia and Azerbaijan signed a protocol": each side acts towards the other
            return _Slots(subjects, subjects)
        return _Slots(subjects, targets)

    def _fallback_targets(self, heads: list[Token], code: str, res: _Resolver, sources: tuple[Actor, ...]) -> tuple[Actor, ...]:
        """Where the pattern's own slot is empty: the direct object's owner, the actor the act is aimed at,
        for force the place it hits ("shelled positions in Kashmir"), for protest the place it faces."""
        own = {a.id for a in sources}
        if code[:2] == "14":
            # "started a hunger strike to protest the president's failure": what the protest is against
            heads = heads + [c for h in heads for c in h.children if c.dep_ in ("advcl", "xcomp")
                             and c.lemma_.lower() in ("protest", "demand", "denounce", "oppose", "press", "call", "demonstrate")]
        dobj = next((c for h in heads for c in h.children if c.dep_ == "dobj"), None) or _controlled_object(heads[0]) \
            or _shifted_object(heads[0])
        group = tuple(a for a in res.group(dobj) if a.id not in own) or _opposed(dobj, res, own)
        if group:
            return group
        if code[:2] == "13":
            # "threatened to halt talks unless Peru withdraws": the party the condition is put to
            for clause in (c for h in heads for t in (h, *(x for x in h.children if x.dep_ in ("xcomp", "ccomp")))
                           for c in t.children if c.dep_ == "advcl"):
                if any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in clause.children):
                    group = tuple(a for a in res.group(_subject(clause)) if a.id not in own)
                    if group:
                        return group
        if code[:3] in RESPONSIBILITY:
            # "claimed responsibility for an attack on a mall in Kenya": whom the act owned (or denied) was aimed at
            acts = _prep_objects(heads, "for")
            acts += [c for a in acts for c in a.children if c.dep_ == "acl"]
            group = tuple(dict.fromkeys(a for a in _phrase_actors(acts, ("of", *FORCE_PREPS), res) if a.id not in own))
            if group:
                return group[:1]
        if code[:2] in ANSWERING_ROOTS:
            # "rejected calls by X", "accepted demands from X", "X's offer": whoever made the proposal answered
            group = tuple(a for a in res.group(_proposer(heads)) if a.id not in own)
            if group:
                return group
        if code[:2] in ("02", "10", "11", "13"):
            # "demanded that Norway grant access", "alleged that France was aware": the actor the clause is about
            # (one of the source's own country only in another sector: "the government demanded that the rebels …")
            for clause in (c for h in heads for c in h.children if c.dep_ == "ccomp"):
                group = tuple(a for a in res.group(_subject(clause)) if a.id not in own
                              and not any(s.country == a.country and _same_actor(s, a, code) for s in sources))
                if group:
                    return group
        if code[:2] in ("02", "09", "10", "11", "14", "17"):
            # "demanded an admission by Moscow", "called for a withdrawal by the army": who is to do the demanded act;
            # "investigated crimes by the militia", "condemned the arrests by the police": whose acts are judged
            # "protested against violations by the army": whose acts the protest is against; "banned the rally staged by
            # students": whose act is repressed
            # "opened an inquiry into abuses by the army", "condemned the killing of protesters by police"
            acts = [*(c for h in heads for c in h.children if c.dep_ == "dobj"),
                    *(o for p in ("against", "into", "over", "of") for o in _prep_objects(heads, p))]
            for obj in acts:
                # "crimes committed by the militia": the by-phrase may hang on the participle that describes the act
                done = [c for c in obj.children if c.dep_ == "acl" and c.tag_ == "VBN"]
                group = tuple(a for a in res.at([obj, *done], "by") if a.id not in own)
                if group:
                    return group
        preps = TARGET_PREPS + (FORCE_PREPS if code[:2] in FORCE else ()) + (PROTEST_PREPS if code[:2] == "14" else ())
        if code[:3] in PLACE_TARGETED:
            preps += ("in", "across")  # "lifted the curfew in Montenegro", "peacekeepers in Liberia": the place's people
        present = _phrase_preps(heads)
        for prep in (p for p in dict.fromkeys(preps) if p in present):
            group = tuple(a for a in res.at(heads, prep) if a.id not in own)
            if group:
                return group
        # "refused to commit to any assistance to the mission in Mali": an act named in the phrase is aimed where its own
        # phrase says ("a request from X" names its author, not its addressee)
        acts = [o for o in _prep_nouns(heads) if o.lemma_.lower() in triggers("noun")]
        present = _phrase_preps(acts)
        for prep in (p for p in ADDRESSEE_PREPS if p in present):
            group = tuple(a for a in res.at(acts, prep) if a.id not in own)
            if group:
                return group
        # "fired at targets in Jericho", "inspected sites in Iran", "sent medicine to hospitals in Haiti": where the thing
        # acted on stands; force may hit the source's own country, other acts there are left to the domestic rules
        acted_on = [*(c for h in heads for c in h.children if c.dep_ == "dobj"), *_prep_nouns(heads)]
        inward = code[:2] in FORCE or code[:2] == "09"
        home = {a.country for a in sources}
        present = _phrase_preps(acted_on)
        for prep in (p for p in (FORCE_PREPS if inward else ("in", "inside")) if p in present):
            group = tuple(a for a in res.at(acted_on, prep) if a.id not in own and (inward or a.country not in home))
            if group:
                return group
        return _destination(heads[0], res, own)

    # -------------------------------------------------------- nouns

    def _noun_event(self, noun: Token, lemma: str, res: _Resolver) -> _Found | None:
        """The act a trigger noun (``lemma``: its lower-cased lemma, one the lexicon has) codes, if any."""
        if noun.dep_ in ("compound", "amod"):
            return None  # "aid workers" is about workers, not aid
        if lemma in PROPOSAL_NOUNS and noun.dep_ == "dobj" and noun.head.lemma_.lower() in triggers("verb"):
            return None  # "rejected a request from Chile": the answer is the event, the request its target
        modifiers = [c for c in noun.children if c.dep_ in ("compound", "amod")]
        preps = {c.lower_ for c in noun.children if c.dep_ == "prep"}
        partner = _engaged_partner(noun)
        if partner is not None:
            preps.add("with")  # "engaged the army in a firefight" = a firefight with the army
        sides = res.at([noun], "between") if "between" in preps else ()
        if len(sides) > 1:
            preps.add("with")  # "talks between Kenya and Uganda": each side names the other's partner
        objects = _object_keys(_prep_nouns([noun])) | {m.lemma_.lower() for m in modifiers}
        objects |= {f"{m.lemma_.lower()} {lemma}" for m in modifiers}
        performer = _performer(noun)
        pattern = select("noun", lemma, objects=objects, preps=preps, performed=performer is not None)
        if pattern is None:
            return None
        governed = self._noun_mood(noun)
        code = recode(pattern.cameo, governed) if governed is not None else pattern.cameo
        if code is None:
            return None
        if len(sides) > 1 and (code[:2] in RECIPROCAL_ROOTS or code[:2] in VIOLENT) and code[:3] != MEDIATION:
            # "a phone call between Zhou and Whitfield": the side named first towards the others (a mediator is a third)
            return _Found(noun, code, _Slots(sides[:1], sides[1:]))
        source = res.at([noun], pattern.source_prep)[:1] if pattern.source_prep else ()
        src = source[0] if source else None
        if src is None:
            for child in noun.children:
                if child.dep_ in ("poss", "compound", "amod", "nmod") and stance(child) is None:
                    src = res.actor(child) or src
            # "an attack by X", "pressure from X", "a request from X": whose act it is
            src = src or next((a for prep in ("by", "from") for a in res.at([noun], prep)), None)
        doers: tuple[Actor, ...] = ()
        if src is None:
            doers = self._event_noun_subject(noun, res)  # "Dutch and Belgian farmers staged a protest": each of them
            src = doers[0] if doers else None
        if src is None:
            return None
        if performer is not None and pattern.prep_required and pattern.prep not in preps:
            # "Chile and Peru held talks": an act whose partner phrase is missing is between its doers, if several
            doers = doers or res.group(_subject(performer))
            if len(doers) > 1 and code[:2] in RECIPROCAL_ROOTS:
                return _Found(noun, code, _Slots(doers, doers))
            return _Found(noun, code, _Slots(doers or (src,), ()))
        # "a suspension of trade ties with Togo", "deliveries of arms to Kyiv": the slot may hang on the of-phrase
        slot_heads = [noun, *_prep_objects([noun], "of")]
        target = next(iter(res.at(slot_heads, pattern.target_prep)), None) if pattern.target_prep not in (None, "dobj") else None
        if target is None:
            target = next(iter(_opposed(noun, res, {src.id})), None)
        if target is None and partner is not None:
            target = res.actor(partner)
        if target is None and code[:2] in ("11", "14") and pattern.target_prep not in (None, "dobj"):
            # "demonstrations against violations by the army": whose acts the protest is against
            target = next((a for o in _prep_objects(slot_heads, pattern.target_prep) for a in res.at([o], "by")
                           if a.id != src.id), None)
        if target is None:
            # "the expulsion of three Estonian diplomats": the acted-on phrase
            target = next((a for a in res.at([noun], "of") if a.id != src.id), None)
        if target is None and code[:2] in FORCE:
            target = next((a for prep in FORCE_PREPS for a in res.at([noun], prep) if a.id != src.id), None) \
                or _struck(noun, res, src)
        if target is None and code[:2] in ("02", "10", "11", "13"):
            # "its demand that Israel ease …", "reiterated its demand that Israel ease …": whom the clause is about
            verb = noun.head if noun.dep_ == "dobj" else None
            clauses = [c for t in (noun, verb) if t is not None for c in t.children if c.dep_ in ("ccomp", "acl")]
            target = next((a for c in clauses if (a := res.actor(_subject(c))) is not None and a.id != src.id), None)
        if target is None and code[:2] not in FORCE:
            # "respond to a request from Washington": a verbal act is addressed to the one who handles it; an attack is not
            target = _governing_subject(noun, res, src)
        return _Found(noun, code, _Slots(doers or (src,), (target,) if target else ()))

    @staticmethod
    def _noun_mood(noun: Token) -> Mood | None:
        """A noun trigger that is the object of a verb takes that verb's mood ("did not hold talks", "is willing to
        expand cooperation", "will launch an offensive", "demanded that the rebels take part in talks")."""
        head = noun.head if noun.dep_ == "dobj" else _performer(noun)
        if head is not None and head.pos_ in ("VERB", "AUX"):
            m = mood(head)
            return m if m.kind != "fact" else None
        return None

    @staticmethod
    def _event_noun_subject(noun: Token, res: _Resolver) -> tuple[Actor, ...]:
        """ "X held talks … during a visit to Beirut", "X mounted an invasion of Y": the subject of the verb the
        event phrase hangs on (a light verb's object, or a phrase of time or occasion)."""
        performer = _performer(noun)
        if performer is not None:  # "mounted an invasion", "troops were engaged in looting", "took part in the attack"
            return res.group(_subject_or_passive(performer))
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ not in EVENT_PREPS or prep.head.pos_ not in ("VERB", "AUX"):
            return ()
        if prep.lower_ in ("in", "at", "on") and not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children):
            return ()  # "in the attack" is often someone else's; "on a visit" is the subject's own
        return res.group(_subject(prep.head))

    # -------------------------------------------------------- speech

    def _speech_acts(self, sent: Span, res: _Resolver, spoken: _Spoken) -> list[_Found]:
        """Rejections, demands and openness voiced in someone's words."""
        out: list[_Found] = []
        actors = res.actors
        first, end = sent.start_char, sent.end_char
        for q in spoken.starting_in(first, end):
            speaker = actors.by_id(q.speaker)
            clause = sent.doc.char_span(q.start, min(q.end, end), alignment_mode="expand")
            if speaker is None or clause is None:
                continue
            for tok in clause:
                lemma = tok.lemma_.lower()
                if lemma in TALK_NOUNS and _predicate_rejects(tok):
                    code = "125" if lemma in ("negotiation", "talk", "dialogue", "communication", "contact") else "120"
                    out.append(_Found(tok, code, _Slots.one(speaker, _with_target(tok, res), True)))
                elif lemma in OPEN_TO and tok.pos == ADJ and _open_to_talks(tok):
                    subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
                    if subj is not None and (subj.lower_ in SUBJECT_PRONOUNS or res.actor(subj) is speaker):
                        code = "125" if negated(tok.head) else "036"
                        out.append(_Found(tok, code, _Slots.one(speaker, _with_target(tok, res), True)))
                elif tok.pos in (VERB, AUX) and any(c.dep_ == "aux" and c.lower_ in DEMAND_MODALS for c in tok.children):
                    target = res.actor(_subject(tok))
                    if target is not None and target.country != speaker.country:
                        out.append(_Found(tok, "100", _Slots.one(speaker, target)))
        return out

    def _evaluations(self, verbs: list[tuple[Token, str]], res: _Resolver) -> list[_Found]:
        """Disapproval by words: 'called the sanctions "illegal"', 'said NATO's deployment was "a threat"',
        'blamed "unprovoked Indian firing"' – criticism (111) or accusation (112) of the actor concerned.
        ``verbs``: the sentence's verbs with their lower-cased lemmas."""
        out: list[_Found] = []
        for verb, lemma in verbs:
            if lemma not in JUDGING_VERBS:
                continue
            # what is judged, looked for before who judges: most reporting verbs report no clause to read
            named = next((c for c in verb.children if c.dep_ == "dobj"), None) if lemma in NAMING_VERBS else None
            clauses = [] if lemma in NAMING_VERBS else [c for c in verb.children if c.dep_ == "ccomp"]
            if named is not None:
                words = [t for c in verb.children if c.dep_ in ("oprd", "xcomp", "ccomp", "attr", "advcl") for t in c.subtree]
                words += [t for t in named.subtree if t.i > named.i]
                code = _judgement(words)
                speaker = _judge(verb, res) if code is not None else None
                if code is not None and speaker is not None:
                    # "called the sanctions 'illegal'" (whose: from context), "what it called Russia's reckless behaviour"
                    target = res.actor(named)
                    if target is None or target is speaker:
                        target = next((a for w in words if w.dep_ in ("poss", "compound", "amod", "nmod")
                                       and (a := res.actor(w)) is not None and a is not speaker), None)
                    out.append(_Found(verb, code, _Slots.one(speaker, target, True)))
                continue
            # each clause's words walked once for all the readings below; who judges is looked for only when one may hold
            readable = [(clause, said) for clause in clauses if _may_judge(clause, said := list(clause.subtree))]
            speaker = _judge(verb, res) if readable else None
            if speaker is None:
                continue
            for clause, said in readable:
                found = self._judged_in(clause, said, speaker, res)
                if found is not None:
                    out.append(_Found(verb, *found))
                    continue
                openness = next((t for t in said if t.lemma_.lower() in OPEN_TO and t.pos == ADJ and _open_to_talks(t)), None)
                if openness is not None:
                    # "said Islamabad was open to talks with New Delhi"
                    who = res.actor(next((c for c in openness.head.children if c.dep_ == "nsubj"), None)) or speaker
                    code = "125" if negated(openness.head) else "036"
                    out.append(_Found(openness, code, _Slots.one(who, _with_target(openness, res), True)))
                elif any(c.dep_ == "aux" and c.lower_ in DEMAND_MODALS for c in clause.children):
                    # "said US forces must ensure security", "rebels announced that the government must …": a demand on
                    # the clause's subject, another country or another part of the speaker's own
                    targets = tuple(a for a in res.group(_subject(clause)) if not _same_actor(speaker, a, "100"))
                    if targets:
                        out.append(_Found(verb, "100", _Slots((speaker,), targets)))
        return out

    @staticmethod
    def _judged_in(clause: Token, said: list[Token], speaker: Actor, res: _Resolver) -> tuple[str, _Slots] | None:
        """In a reported clause (``said``: its subtree): a judging predicate of another actor ("NATO's deployment was
        'a threat'", "makes the US … participants") or a wrongful act of another actor ("'unprovoked Indian firing'")."""
        for word in said:
            code = _word_judgement(word)
            if code is None:
                continue
            subj = None
            if word.dep_ in ("attr", "acomp", "oprd") or word.i == clause.i:
                subj = next((c for c in word.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None:
                subj = next((c for c in word.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                targets = tuple(a for a in res.group(subj) if a is not speaker and a.country != speaker.country)
                if targets:  # the first one named: "the US and other NATO countries" is one accusation
                    return code, _Slots((speaker,), targets[:1])
            if word.dep_ == "amod" and word.head.pos_ == "NOUN":
                owner = next((a for c in word.head.children if c.dep_ in ("amod", "poss", "compound", "nmod")
                              and (a := res.actor(c)) is not None), None)
                if owner is not None and owner is not speaker and owner.country != speaker.country:
                    return "112", _Slots.one(speaker, owner)
        return None

    # -------------------------------------------------------- events

    def _event(self, where: _Where, found: _Found, source: Actor, target: Actor | None,
               quotes: tuple[Quote, ...], published: str | None, counterpart: list[Actor],
               everyone: tuple[Actor, ...] = ()) -> Event | None:
        tok, code = found.tok, found.code
        confidence = 0.8
        if target is None and found.slots.from_context:
            target = next((a for a in counterpart if a.country and a.country != source.country), None)
            confidence = 0.5
        domestic = False
        if target is None and code.startswith(DOMESTIC_DEFAULT) and source.country and _non_state(source, found.tok):
            # a protest, a demand for reform or a crackdown that names no addressee: aimed at the actor's own state
            target = _home_government(source, everyone, found.slots.sources)
            domestic = target is not None
        elif target is None and code.startswith(REPRESSION) and source.country and (source.code or "")[3:6] in STATE_SECTORS:
            # a curfew, martial law, a ban or a crackdown that names no one: imposed on the state's own people
            target = next((a for a in everyone if a.code == source.country and a.id != source.id), None)
            domestic = target is not None
        if target is None and code[:2] in INWARD_ROOTS:
            # a story that names one country only: a concession, demand or use of force with no named addressee is
            # aimed at home ("the government lifted the curfew", "police dispersed the demonstrators")
            target = _domestic_counterpart(source, everyone, found.slots.sources)
            domestic = target is not None
        home = _home_country(source, everyone) if target is None and code[:2] in HOME_ROOTS else None
        if home is not None:
            confidence = 0.5  # the addressee is inferred, not named
        if target is None and home is None and self.require_target:
            return None
        if target is not None and not domestic and _same_actor(source, target, code) and not _acts_on_home(source, target, code):
            return None
        if not source.code or (target is not None and not target.code):
            return None  # an actor of unknown allegiance makes no dyad
        if code == KILLING and (source.code or "")[3:6] in ARMED_SECTORS:
            code = "190"  # CAMEO keeps 1823 for killings "not with conventional military weapons"; armed forces fight (19)
        info = lookup(code)
        claim = next((q for q in quotes if q.start <= tok.idx < q.end and q.speaker), None)
        date, date_text = where.dated
        place = place_of(tok, where.places, frozenset(a.country for a in (source, target) if a is not None and a.country))
        return Event(
            source=source.id or None, target=target.id if target else None, cameo=info.code, sentence=where.text,
            start=where.start, end=where.start + len(where.text), source_code=code_at(source, date or published),
            target_code=code_at(target, date or published) if target else home,
            plover=info.plover, goldstein=info.goldstein, quad_class=info.quad_class, date=date, date_text=date_text,
            negated=found.negated, claimed_by=claim.speaker if claim and claim.speaker != source.id else None,
            confidence=confidence, trigger=tok.text, place=place.name if place else None,
            lat=place.lat if place else None, lon=place.lon if place else None,
        )


def _previous_subject_of(pron: Token) -> Token | None:
    """ "Kenya summoned the envoy. It also expelled two diplomats.": the subject "it"/"they" of a sentence's main clause
    stands for the main subject of the sentence before (None for any other pronoun or position)."""
    if pron.lower_ not in ("it", "they") or pron.dep_ != "nsubj" or pron.head.dep_ != "ROOT":
        return None
    start = pron.sent.start
    return _subject(pron.doc[start - 1].sent.root) if start else None


def _performer(noun: Token) -> Token | None:
    """The light verb that makes a noun someone's act: "staged a strike", "took part in the attack"."""
    if noun.dep_ == "dobj":
        return noun.head if noun.head.lemma_.lower() in LIGHT_VERBS else None
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "in" and prep.head.lemma_.lower() in ENGAGING:
        return prep.head
    return None


def _opposed(noun: Token | None, res: _Resolver, own: set[str]) -> tuple[Actor, ...]:
    """ "staged anti-Israeli demonstrations", "an anti-American campaign": the actor an act is written against."""
    if noun is None:
        return ()
    return tuple(a for c in noun.children if c.dep_ in ("amod", "compound", "nmod") and stance(c) == "anti"
                 and (a := res.actor(c)) is not None and a.id not in own)


def _destination(verb: Token, res: _Resolver, own: set[str]) -> tuple[Actor, ...]:
    """ "sent observers to Mali to investigate the killings", "flew to Accra to mediate": the act of a purpose clause that
    names no one is aimed at where the main verb sends or takes its doer."""
    if verb.dep_ != "advcl" or not infinitive(verb) or verb.head.pos not in (VERB, AUX):
        return ()
    sent = [c for c in verb.head.children if c.dep_ == "dobj"]  # "flew a team of experts to Mali": the phrase may hang there
    return tuple(a for a in res.at([verb.head, *sent, *_prep_objects(sent, "of")], "to") if a.id not in own)


def _who_must_go(heads: list[Token], code: str, res: _Resolver) -> tuple[Actor, ...]:
    """A demand for a withdrawal, resignation or removal is addressed to whoever is to go: "demanded the withdrawal of
    Chadian troops from Niger" is a demand on Chad, not on Niger."""
    if code[:2] not in ("02", "10"):
        return ()
    acts = (o for h in heads for o in (*(c for c in h.children if c.dep_ == "dobj"), *_prep_objects([h], "for"))
            if o.lemma_.lower() in DEPARTURES)
    return next((group for o in acts if (group := res.at([o], "of"))), ())


def _accused(heads: list[Token], code: str, res: _Resolver) -> tuple[Actor, ...]:
    """Disapproval is aimed at whom it is about, not at whom it is voiced to: "complained to the UN over Chadian raids"
    is a complaint against Chad."""
    if code[:2] != "11":
        return ()
    return next((group for prep in ("over", "about", "against") if (group := res.at(heads, prep))), ())


def _engaged_partner(noun: Token) -> Token | None:
    """The object of "engaged/involved X in <noun>": the other party of the firefight, the talks."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "in" or prep.head.lemma_.lower() not in ("engage", "involve"):
        return None
    return next((c for c in prep.head.children if c.dep_ == "dobj"), None)


def _struck(noun: Token, res: _Resolver, source: Actor) -> Actor | None:
    """ "six villagers were killed in Turkish air strikes in Iraq": an attack named as the means of what a verb tells
    struck that verb's victims, else the place where it happened."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("in", "during", "by") or prep.head.pos_ != "VERB":
        return None
    verb = prep.head
    victims = [c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")
               or (c.dep_ == "nsubj" and verb.lemma_.lower() in ("die", "perish"))]  # "farmers died in a drone strike"
    places = [o for p in FORCE_PREPS for o in _prep_objects([verb], p) if o.i != noun.i]
    return next((a for tok in (*victims, *places) for a in res.group(tok) if a.id != source.id), None)


def _phrase_actors(heads: list[Token], preps: tuple[str, ...], res: _Resolver) -> Iterator[Actor]:
    """Actors named anywhere inside the heads' phrases with those prepositions, in the order of ``preps``."""
    for prep in preps:
        for phrase in (c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == prep):
            for tok in phrase.subtree:
                actor = res.actors.at(tok.idx, tok.idx + len(tok.text))
                if actor is not None:
                    yield actor


def _depth(tok: Token) -> int:
    """How many heads lie between a token and its sentence's root."""
    depth = 0
    while tok.head != tok:
        tok, depth = tok.head, depth + 1
    return depth


def _non_state(source: Actor, trigger: Token) -> bool:
    """Students, workers, "thousands of Bolivians": not a state or its government ("Japan protested" is diplomatic)."""
    if (source.code or "")[3:6] in ("GOV", "MIL"):
        return False
    subj = _subject(trigger)
    return subj is None or subj.ent_type_ not in ("GPE", "ORG")


def _home_government(source: Actor, actors: tuple[Actor, ...], sources: tuple[Actor, ...]) -> Actor | None:
    """The government of the source's country among the document's actors, else that country itself."""
    own = {a.id for a in sources}
    mine = [a for a in actors if a.country == source.country and a.id not in own and a.code != source.code]
    return next((a for a in mine if (a.code or "")[3:6] == "GOV"), None) or next(
        (a for a in mine if a.code == source.country), None)


def _domestic_counterpart(source: Actor, actors: tuple[Actor, ...], sources: tuple[Actor, ...]) -> Actor | None:
    """When every actor of the document belongs to the source's country: that country (else another part of it)."""
    if not source.country or any(a.country and a.country != source.country for a in actors):
        return None
    own = {a.id for a in sources}
    others = [a for a in actors if a.country == source.country and a.id not in own and a.kind != "person"
              and a.code and a.code != source.code and "MED" not in a.code[3:]]  # the press reports, it is not acted on
    return next((a for a in others if a.code == source.country), None) or next(iter(others), None)


def _unnamed_doer(heads: list[Token], code: str, res: _Resolver) -> tuple[Actor, ...]:
    """Who did an act that names no doer (a passive, or a weapon as subject), where CAMEO knows: arrests, expulsions, bans and repression are the
    acts of the state where they happen ("journalists were arrested in Beirut" → LBN); killings and attacks are
    those of unidentified armed forces there, or where they shot from (LBNUAF, an actor no mention names)."""
    state = code[:3] in STATE_ACTS
    if not state and code[:2] not in VIOLENT:
        return ()
    if any(o.lemma_.lower() in triggers("noun") and res.actor(o) is not None
           for p in ("in", "during", "by") for o in _prep_objects(heads, p)):
        return ()  # "killed in Turkish air strikes": the attack named is the event, with its own doer
    # where they were: a shot or rocket's "from Gaza" first, then where it happened (not its target: "at", "on")
    # anywhere in the place phrase: "outside (of) the Malian town of Mopti", "in a shooting near the town of Gao"
    preps = (() if state else ("from",)) + PLACE_PREPS
    place = next((a for a in _phrase_actors(heads, preps, res) if a.kind in ("country", "location") and a.country), None)
    if place is None:
        country = _only_country(res.actors.actors)
        place = next((a for a in res.actors.actors if country and a.code == country), None)
    if place is None or place.country is None:
        return ()
    if state:
        return (place,)
    return (Actor(id="", name="unidentified armed forces", kind="group", country=place.country, code=place.country + "UAF"),)


def _placed_in_story(table: ActorTable) -> ActorTable:
    """A named body that no word places ("Zulu elders", "the Umma party", speakers the quote stage found) belongs to
    the one country its story names: CAMEO codes a domestic story's actors to that country."""
    country = _only_country(table.actors)
    if country is None or not any(a.kind == "group" and not a.code for a in table.actors):
        return table
    return ActorTable.build(tuple(replace(a, country=country, code=country) if a.kind == "group" and not a.code else a
                                  for a in table.actors))


def _only_country(actors: tuple[Actor, ...]) -> str | None:
    """The one country a story's coded actors belong to; None when it names none or several."""
    countries = {a.country for a in actors if a.country and a.code}
    return next(iter(countries)) if len(countries) == 1 else None


def _home_country(source: Actor, actors: tuple[Actor, ...]) -> str | None:
    """The country itself as the addressee of a part of it (its government, police, rebels, opposition) acting on no
    one named in a story about that country alone ("the Sudanese government lifted the curfew"): CAMEO codes such
    domestic acts as same-country dyads."""
    code = source.code or ""
    if len(code) <= 3 or code[3:6] in INTERNATIONAL_SECTORS or _only_country(actors) != source.country:
        return None
    return source.country


def _acts_on_home(source: Actor, target: Actor, code: str) -> bool:
    """ "Chad's president promised to democratize Chad", "the government lifted the curfew on Chad": a part of a country
    promising or yielding to the country it names bare, which CAMEO codes as a domestic dyad (as _home_country infers)."""
    return code.startswith(CONCEDING) and target.code == source.country and len(source.code or "") > 3 \
        and (source.code or "")[3:6] not in INTERNATIONAL_SECTORS


def _same_actor(a: Actor, b: Actor, code: str) -> bool:
    """The same actor, or one actor and a part of it that the text names apart ("Russia" / "Russia's government")."""
    if a.id == b.id or a.code == b.code:
        return True
    if a.country and a.country == b.country:
        if code[:2] in FORCE:
            return False  # a state's force against its own people or places is an event
        # other domestic events need two distinct sectors: opposition → government, rebels → government; a country
        # named bare is its state, so it differs from its people, rebels or press but not from its government or army
        sectors = [(x.code or "")[3:6] for x in (a, b)]
        if "" in sectors:
            return any(sector in STATE_SECTORS for sector in sectors) or sectors == ["", ""]
        return sectors[0] == sectors[1]
    return False


def _same(a: Event, b: Event) -> bool:
    """One event coded twice in a sentence ("rallied …, chanting slogans against London"): same root and dyad."""
    return a.start == b.start and a.cameo[:2] == b.cameo[:2] and (
        (a.source, a.target) == (b.source, b.target) or (a.source_code, a.target_code) == (b.source_code, b.target_code))


def _main_actors(actors: ActorTable) -> list[Actor]:
    """Country-level actors by how often the document mentions them: the story's counterparts."""
    counts: Counter[str] = Counter()
    for a in actors.actors:
        if a.country and a.kind != "person":
            counts[a.id] += len(a.mentions)
    ranked = (actors.by_id(aid) for aid, _ in counts.most_common())
    return [a for a in ranked if a is not None]


def _governing_subject(noun: Token, res: _Resolver, source: Actor) -> Actor | None:
    """For a noun event with no target slot: the subject of the verb that governs it ("Moscow … respond to a request")."""
    tok = noun
    for _ in range(6):
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            subj = _subject(tok)
            if subj is not None:
                actor = res.actor(subj)
                if actor is not None and actor.id != source.id:
                    return actor
        if tok.head == tok:
            break
    return None


def _word_judgement(word: Token) -> str | None:
    """112 when a word accuses, 111 when it only criticises, None when it is neutral (by lemma or form)."""
    lemma, low = word.lemma_.lower(), word.lower_
    if lemma in ACCUSATION_WORDS or low in ACCUSATION_WORDS:
        return "112"
    if lemma in CRITICISM_WORDS or low in CRITICISM_WORDS:
        return "111"
    return None


def _judge(verb: Token, res: _Resolver) -> Actor | None:
    """Who judges through a naming or reporting verb: its subject, or the agent of its passive."""
    speaker = res.actor(_subject(verb))
    if speaker is None and any(c.dep_ == "nsubjpass" for c in verb.children):
        speaker = res.actor(next(iter(_prep_objects([verb], "by")), None))
    return speaker


def _may_judge(clause: Token, said: list[Token]) -> bool:
    """Whether a reported clause (``said``: its subtree) holds what _evaluations reads in one: a judging word, an
    adjective of openness, a demand modal on its verb; most hold none, and then who reports them needs no resolving."""
    return any(t.lemma_.lower() in CLAUSE_CUES or t.lower_ in JUDGING_WORDS for t in said) \
        or any(c.dep_ == "aux" and c.lower_ in DEMAND_MODALS for c in clause.children)


def _judgement(words: list[Token]) -> str | None:
    """The strongest judgement among words: an accusation outweighs a criticism."""
    found = {_word_judgement(w) for w in words}
    return "112" if "112" in found else "111" if "111" in found else None


def _predicate_rejects(noun: Token) -> bool:
    """'negotiations … are impossible', 'concessions … are out of the question'."""
    head = noun.head
    if noun.dep_ != "nsubj":
        return False
    for child in head.children:
        if child.dep_ in ("acomp", "attr") and child.lemma_.lower() in REJECTED_BY_PREDICATE:
            return True
        if child.dep_ == "prep" and child.lower_ in ("out", "off"):
            return any(t.lemma_.lower() in REJECTED_BY_PREDICATE for t in child.subtree)
    return False


def _open_to_talks(adj: Token) -> bool:
    return any(p.lower_ == "to" and any(o.lemma_.lower() in TALK_NOUNS for o in p.children) for p in adj.children)


def _with_target(tok: Token, res: _Resolver) -> Actor | None:
    for t in tok.subtree:
        if t.lower_ == "with" and t.dep_ == "prep":
            pobj = next((c for c in t.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return res.actor(pobj)
    return None
