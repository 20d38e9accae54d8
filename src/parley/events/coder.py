"""The event stage: code who did what to whom from dependency parses and the pattern lexicon.

Verb and noun triggers are looked up in the lexicon; the source is the subject (or the agent of a
passive, or the owner/"from" phrase of a noun), the target the slot the pattern names. Negated
cooperation becomes a rejection, negated conflict and hypotheticals are not events, and events
inside someone's quote or reported speech carry `claimed_by`. A few speech-act rules code what the
lexicon cannot: rejecting talks as "impossible", demanding that another actor "should" act,
declaring oneself "open to dialogue", and accusing another actor in reported speech.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from parley.actors.resolve import ActorTable, actor_for_token
from parley.dates import resolve_event_date
from parley.events.lexicon import Pattern, object_keys, select, triggers
from parley.events.taxonomy import lookup
from parley.records import Actor, Event, Quote

NEGATIONS = {"not", "n't", "never", "no"}
REFUSALS = {"refuse", "decline", "reject", "rule"}
HYPOTHETICAL = {"could", "may", "might"}
PREPOSITIONS_OF_TARGET = ("on", "to", "with", "against", "at", "for", "into", "in", "toward", "towards")
REJECTED_BY_PREDICATE = {"impossible", "unlikely", "unacceptable", "unthinkable", "question", "table", "pointless"}
TALK_NOUNS = {"negotiation", "talk", "dialogue", "concession", "compromise", "deal", "agreement", "cooperation", "contact", "communication"}
OPEN_TO = {"open", "ready", "willing", "prepared"}
ACCUSATION_WORDS = {"participant", "responsible", "guilty", "aggressor", "complicit", "blame", "provocation",
                    "sponsor", "culprit", "aggression", "hypocrisy", "lie", "interference"}
DEMAND_MODALS = {"should", "must"}
SUBJECT_PRONOUNS = {"it", "we", "i", "they"}
FORCE_ROOTS = {"15", "17", "18", "19", "20"}  # force is used "in"/"against"/"on" a place as often as a named target
FORCE_PREPS = ("against", "on", "in", "into", "at")
RECIPROCAL_ROOTS = {"03", "04", "05", "06"}  # cooperation between coordinated subjects runs both ways


@dataclass(frozen=True)
class _Slots:
    sources: tuple[Actor, ...]
    targets: tuple[Actor, ...]
    from_context: bool = False  # may the target fall back to the story's main counterpart?

    @classmethod
    def one(cls, source: Actor | None, target: Actor | None, from_context: bool = False) -> _Slots:
        return cls(tuple(a for a in [source] if a), tuple(a for a in [target] if a), from_context)


def _children(tok: Token, deps: tuple[str, ...]) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _subject(verb: Token) -> Token | None:
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is not None:
        return subj
    if verb.dep_ in ("conj", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)
    return None


def _complements(verb: Token) -> list[Token]:
    """What a trigger verb acts on: direct objects (and their conjuncts), an xcomp verb and its object, attributes."""
    out = [c for c in verb.children if c.dep_ in ("dobj", "attr", "xcomp", "oprd")]
    out += [c for o in list(out) for c in o.children if c.dep_ == "conj" or (o.dep_ == "xcomp" and c.dep_ == "dobj")]
    return out


def _prep_nouns(heads: list[Token]) -> list[Token]:
    """Nouns inside prepositional phrases of the heads, which some patterns name as their object."""
    return [pobj for head in heads for prep in head.children if prep.dep_ in ("prep", "dative")
            for pobj in prep.children if pobj.dep_ == "pobj"]


def _object_keys(tokens: list[Token]) -> set[str]:
    keys: set[str] = set()
    for t in tokens:
        mods = [c.lemma_ for c in t.children if c.dep_ in ("compound", "amod")]
        keys |= object_keys(t.lemma_, mods)
    return keys


def _prep_objects(heads: list[Token], prep: str) -> list[Token]:
    """Objects of a preposition ("on" → "Moscow") attached to any of the heads, in order."""
    return [pobj for head in heads for child in head.children
            if child.dep_ in ("prep", "dative", "agent") and child.lower_ == prep
            for pobj in child.children if pobj.dep_ == "pobj"]


def _prep_object(heads: list[Token], prep: str) -> Token | None:
    found = _prep_objects(heads, prep)
    return found[0] if found else None


def _group(tok: Token | None, actors: ActorTable) -> tuple[Actor, ...]:
    """The actors a noun phrase names, through coordination: "Kenya and Uganda" → both."""
    if tok is None:
        return ()
    found: list[Actor] = []
    for t in [tok, *(c for c in tok.subtree if c.dep_ == "conj" and c.head.i in {tok.i, *(x.i for x in tok.subtree)})]:
        actor = actor_for_token(actors, t)[0]
        if actor is not None and actor not in found:
            found.append(actor)
    return tuple(found)


def _actors_at(heads: list[Token], prep: str | None, actors: ActorTable) -> tuple[Actor, ...]:
    """The actors named by that preposition's object ("in February" is skipped for "in Ukraine")."""
    if prep is None or prep == "dobj":
        return ()
    for pobj in _prep_objects(heads, prep):
        group = _group(pobj, actors)
        if group:
            return group
    return ()


def _actor_at(heads: list[Token], prep: str | None, actors: ActorTable) -> Actor | None:
    found = _actors_at(heads, prep, actors)
    return found[0] if found else None


def _negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" or (c.lower_ in NEGATIONS and c.dep_ in ("neg", "advmod", "det")) for c in tok.children):
        return True
    head = tok.head
    return tok.dep_ == "xcomp" and (head.lemma_ in REFUSALS or (_negated(head) and head.lemma_ in ("want", "plan", "intend", "agree")))


def _hypothetical(tok: Token) -> bool:
    chain = [tok, *([tok.head] if tok.dep_ in ("xcomp", "conj") else [])]
    for t in chain:
        if any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL for c in t.children):
            return True
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in t.children):
            return True
        if t.lemma_ in ("threaten", "consider", "plan", "weigh", "propose") and tok.dep_ == "xcomp":
            return True
    return False


class EventCoder:
    """Callable stage: (Doc, ActorTable, quotes, published) → events in text order."""

    def __call__(self, doc: Doc, actors: ActorTable, quotes: tuple[Quote, ...], published: str | None) -> tuple[Event, ...]:
        counterpart = _main_actors(actors)
        events: list[Event] = []
        for sent in doc.sents:
            found: list[tuple[Token, str, _Slots, bool]] = []
            consumed: set[int] = set()
            for tok in sent:
                if tok.pos_ in ("VERB", "AUX"):
                    hit = self._verb_event(tok, actors, consumed)
                elif tok.pos_ in ("NOUN", "PROPN") and tok.i not in consumed:
                    hit = self._noun_event(tok, actors)
                else:
                    hit = None
                if hit is not None:
                    found.append((tok, *hit))
            found.extend(self._speech_acts(sent, actors, quotes))
            for tok, code, slots, negated in found:
                targets: tuple[Actor | None, ...] = slots.targets or (None,)
                for source in slots.sources:
                    for target in targets:
                        event = self._event(sent, tok, code, source, target, slots.from_context, negated, quotes,
                                            published, counterpart)
                        if event is not None and not any(_same(event, e) for e in events):
                            events.append(event)
        return tuple(events)

    def _verb_event(self, verb: Token, actors: ActorTable, consumed: set[int]) -> tuple[str, _Slots, bool] | None:
        lemma = verb.lemma_.lower()
        if lemma not in triggers("verb"):
            return None
        complements = _complements(verb)
        preps = {c.lower_ for c in verb.children if c.dep_ in ("prep", "dative", "agent")}
        preps |= {c.lower_ for o in complements for c in o.children if c.dep_ == "prep"}
        if any(c.dep_ == "dobj" for c in verb.children):
            preps.add("dobj")
        particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "prep")}
        # "agree to a ceasefire", "accuse X of corruption", "declare a state of emergency"
        phrase_objects = _prep_nouns([verb, *complements])
        objects = _object_keys(complements) | _object_keys(phrase_objects)
        pattern = select("verb", lemma, objects=objects, preps=preps, particles=particles)
        if pattern is None:
            return None
        consumed.update(o.i for o in complements if pattern.object_matches(_object_keys([o])))
        slots = self._verb_slots(verb, pattern, complements, actors)
        if not slots.sources:
            return None
        return pattern.cameo, slots, _negated(verb) and not _hypothetical(verb)

    def _verb_slots(self, verb: Token, pattern: Pattern, complements: list[Token],
                    actors: ActorTable) -> _Slots:
        heads = [verb, *complements]
        passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if passive is not None:
            agent = _prep_object(heads, "by")
            sources = _group(agent, actors)
            if pattern.prep == "dobj":
                return _Slots(sources, _group(passive, actors))
            return _Slots(sources, _actors_at(heads, pattern.target_prep, actors))
        subjects = _group(_subject(verb), actors)
        if pattern.source_prep:  # "receive aid from X": X is the source, the subject the target
            return _Slots(_actors_at(heads, pattern.source_prep, actors), subjects)
        if pattern.prep == "dobj":
            return _Slots(subjects, _group(next((c for c in verb.children if c.dep_ == "dobj"), None), actors))
        targets = _actors_at(heads, pattern.target_prep, actors)
        if not targets and pattern.cameo[:2] in FORCE_ROOTS:
            targets = next((a for prep in FORCE_PREPS if (a := _actors_at(heads, prep, actors))), ())
        if not targets and len(subjects) > 1 and pattern.cameo[:2] in RECIPROCAL_ROOTS:
            # "Armenia and Azerbaijan signed a protocol": each side acts towards the other
            return _Slots(subjects, subjects)
        return _Slots(subjects, targets)

    def _noun_event(self, noun: Token, actors: ActorTable) -> tuple[str, _Slots, bool] | None:
        lemma = noun.lemma_.lower()
        if lemma not in triggers("noun") or noun.dep_ in ("compound", "amod"):
            return None  # "aid workers" is about workers, not aid
        modifiers = [c for c in noun.children if c.dep_ in ("compound", "amod")]
        preps = {c.lower_ for c in noun.children if c.dep_ == "prep"}
        objects = _object_keys(_prep_nouns([noun])) | {m.lemma_.lower() for m in modifiers}
        pattern = select("noun", lemma, objects=objects, preps=preps)
        if pattern is None:
            return None
        source = _actor_at([noun], pattern.source_prep, actors) if pattern.source_prep else None
        if source is None:
            for child in noun.children:
                if child.dep_ in ("poss", "compound", "amod"):
                    source = actor_for_token(actors, child)[0] or source
            source = source or _actor_at([noun], "by", actors)
        if source is None:
            return None
        target = _actor_at([noun], pattern.target_prep, actors) if pattern.target_prep not in (None, "dobj") else None
        if target is None:
            target = _governing_subject(noun, actors, source)
        return pattern.cameo, _Slots.one(source, target), False

    def _speech_acts(self, sent: Span, actors: ActorTable, quotes: tuple[Quote, ...]) -> list[tuple[Token, str, _Slots, bool]]:
        """Rejections, demands, openness and accusations voiced in someone's words."""
        out: list[tuple[Token, str, _Slots, bool]] = []
        for q in quotes:
            if q.speaker is None or not (sent.start_char <= q.start < sent.end_char):
                continue
            speaker = actors.by_id(q.speaker)
            clause = sent.doc.char_span(q.start, q.end, alignment_mode="expand")
            if speaker is None or clause is None:
                continue
            for tok in clause:
                lemma = tok.lemma_.lower()
                if lemma in TALK_NOUNS and _predicate_rejects(tok):
                    out.append((tok, "125" if lemma in ("negotiation", "talk", "dialogue", "communication", "contact") else "120",
                                _Slots.one(speaker, _with_target(tok, actors), True), False))
                elif lemma in OPEN_TO and tok.pos_ == "ADJ" and _open_to_talks(tok):
                    subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
                    if subj is not None and subj.lower_ in SUBJECT_PRONOUNS | {"russia"} | {speaker.name.lower()}:
                        out.append((tok, "036", _Slots.one(speaker, _with_target(tok, actors), True), _negated(tok.head)))
                elif tok.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lower_ in DEMAND_MODALS for c in tok.children):
                    subj = _subject(tok)
                    target = actor_for_token(actors, subj)[0] if subj is not None else None
                    if target is not None and target.country != speaker.country:
                        out.append((tok, "100", _Slots.one(speaker, target), False))
                elif lemma in ACCUSATION_WORDS:
                    target = _accused(tok, actors, speaker)
                    if target is not None:
                        out.append((tok, "112", _Slots.one(speaker, target), False))
        return out

    @staticmethod
    def _event(sent: Span, tok: Token, code: str, source: Actor, target: Actor | None, from_context: bool, negated: bool,
               quotes: tuple[Quote, ...], published: str | None, counterpart: list[Actor]) -> Event | None:
        if _hypothetical(tok):
            return None
        confidence = 0.8
        if target is None and from_context:
            target = next((a for a in counterpart if a.country and a.country != source.country), None)
            confidence = 0.5
        if target is None or (target.code == source.code) or (target.country and target.country == source.country):
            return None
        if negated:
            if code[:2] in ("01", "02", "03", "04", "05", "06", "07", "08"):
                code = "125" if code[:2] in ("03", "04") else "120"
            else:
                return None  # a conflict act that did not happen is not an event
        info = lookup(code)
        claim = next((q for q in quotes if q.start <= tok.idx < q.end and q.speaker), None)
        sentence = sent.text.strip()
        start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
        date, date_text = resolve_event_date(sentence, published)
        return Event(
            source=source.id, target=target.id, cameo=info.code, sentence=sentence, start=start, end=start + len(sentence),
            source_code=source.code, target_code=target.code, plover=info.plover, goldstein=info.goldstein,
            quad_class=info.quad_class, date=date, date_text=date_text, negated=False,
            claimed_by=claim.speaker if claim else None, confidence=confidence, trigger=tok.text,
        )


def _same(a: Event, b: Event) -> bool:
    return a.start == b.start and a.source == b.source and a.target == b.target and a.cameo[:2] == b.cameo[:2]


def _main_actors(actors: ActorTable) -> list[Actor]:
    """Country-level actors by how often the document mentions them: the story's counterparts."""
    counts: Counter[str] = Counter()
    for a in actors.actors:
        if a.country and a.kind != "person":
            counts[a.id] += len(a.mentions)
    ranked = (actors.by_id(aid) for aid, _ in counts.most_common())
    return [a for a in ranked if a is not None]


def _governing_subject(noun: Token, actors: ActorTable, source: Actor) -> Actor | None:
    """For a noun event with no target slot: the subject of the verb that governs it ("Moscow … respond to a request")."""
    tok = noun
    for _ in range(6):
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            subj = _subject(tok)
            if subj is not None:
                actor = actor_for_token(actors, subj)[0]
                if actor is not None and actor.id != source.id:
                    return actor
        if tok.head == tok:
            break
    return None


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


def _with_target(tok: Token, actors: ActorTable) -> Actor | None:
    for t in tok.subtree:
        if t.lower_ == "with" and t.dep_ == "prep":
            pobj = next((c for c in t.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return actor_for_token(actors, pobj)[0]
    return None


def _accused(word: Token, actors: ActorTable, speaker: Actor) -> Actor | None:
    """Who the accusation is about: the subject of the accusing predicate, else the actor just before it."""
    head = word if word.dep_ != "attr" else word.head
    for t in (head, word.head):
        subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            actor = actor_for_token(actors, subj)[0]
            if actor is not None and actor.country != speaker.country:
                return actor
    return None
