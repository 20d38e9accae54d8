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
from parley.events.lexicon import Pattern, patterns_for
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


@dataclass(frozen=True)
class _Slots:
    source: Actor | None
    target: Actor | None


def _children(tok: Token, deps: tuple[str, ...]) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _subject(verb: Token) -> Token | None:
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is not None:
        return subj
    if verb.dep_ in ("conj", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)
    return None


def _negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" or c.lower_ in NEGATIONS and c.dep_ in ("neg", "advmod", "det") for c in tok.children):
        return True
    head = tok.head
    return tok.dep_ == "xcomp" and (head.lemma_ in REFUSALS or _negated(head) and head.lemma_ in ("want", "plan", "intend", "agree"))


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
                event = self._event(doc, sent, tok, code, slots, negated, actors, quotes, published, counterpart)
                if event is not None and not any(_same(event, e) for e in events):
                    events.append(event)
        return tuple(events)

    def _verb_event(self, verb: Token, actors: ActorTable, consumed: set[int]) -> tuple[str, _Slots, bool] | None:
        particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
        lemma = verb.lemma_.lower()
        patterns = (patterns_for("verb", f"{lemma} {particle}") if particle else []) + patterns_for("verb", lemma)
        if not patterns:
            return None
        objects = _children(verb, ("dobj",))
        objects += [c for o in objects for c in o.children if c.dep_ == "conj"]
        passive = any(c.dep_ == "nsubjpass" for c in verb.children)
        for pattern in patterns:
            obj = next((o for o in objects if not pattern.objects or o.lemma_.lower() in pattern.objects), None)
            if pattern.objects and obj is None:
                continue
            if obj is not None:
                consumed.add(obj.i)
            source, target = self._verb_slots(verb, pattern, obj, passive, actors)
            if source is None:
                return None
            return pattern.cameo, _Slots(source, target), _negated(verb) and not _hypothetical(verb)
        return None

    def _verb_slots(self, verb: Token, pattern: Pattern, obj: Token | None, passive: bool,
                    actors: ActorTable) -> tuple[Actor | None, Actor | None]:
        if passive:
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            source = actor_for_token(actors, by)[0] if by is not None else None
            patient = next(c for c in verb.children if c.dep_ == "nsubjpass")
            target = actor_for_token(actors, patient)[0] if pattern.prep == "dobj" else self._prep_target(verb, obj, pattern, actors)
            return source, target
        subj = _subject(verb)
        source = actor_for_token(actors, subj)[0] if subj is not None else None
        if pattern.prep == "dobj":
            dobj = next((c for c in verb.children if c.dep_ == "dobj"), None)
            target = actor_for_token(actors, dobj)[0] if dobj is not None else None
        else:
            target = self._prep_target(verb, obj, pattern, actors)
        return source, target

    @staticmethod
    def _prep_target(verb: Token, obj: Token | None, pattern: Pattern, actors: ActorTable) -> Actor | None:
        if pattern.prep in ("-", ""):
            return None
        heads = [verb] + ([obj] if obj is not None else [])
        for head in heads:
            for prep in head.children:
                if prep.dep_ in ("prep", "dative") and prep.lower_ == pattern.prep:
                    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if pobj is not None:
                        actor = actor_for_token(actors, pobj)[0]
                        if actor is not None:
                            return actor
        return None

    def _noun_event(self, noun: Token, actors: ActorTable) -> tuple[str, _Slots, bool] | None:
        patterns = patterns_for("noun", noun.lemma_.lower())
        if not patterns:
            return None
        of_obj = next((p2 for p in noun.children if p.lower_ == "of" for p2 in p.children if p2.dep_ == "pobj"), None)
        for pattern in patterns:
            if pattern.objects and (of_obj is None or of_obj.lemma_.lower() not in pattern.objects):
                continue
            source = None
            for child in noun.children:
                if child.dep_ in ("poss", "compound", "amod"):
                    source = actor_for_token(actors, child)[0] or source
                elif child.dep_ == "prep" and child.lower_ in ("from", "by"):
                    pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    if pobj is not None:
                        source = actor_for_token(actors, pobj)[0] or source
            if source is None:
                return None
            target = self._prep_target(noun, None, pattern, actors)
            if target is None:
                target = _governing_subject(noun, actors, source)
            return pattern.cameo, _Slots(source, target), False
        return None

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
                                _Slots(speaker, _with_target(tok, actors)), False))
                elif lemma in OPEN_TO and tok.pos_ == "ADJ" and _open_to_talks(tok):
                    subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
                    if subj is not None and subj.lower_ in SUBJECT_PRONOUNS | {"russia"} | {speaker.name.lower()}:
                        out.append((tok, "036", _Slots(speaker, _with_target(tok, actors)), _negated(tok.head)))
                elif tok.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lower_ in DEMAND_MODALS for c in tok.children):
                    subj = _subject(tok)
                    target = actor_for_token(actors, subj)[0] if subj is not None else None
                    if target is not None and target.country != speaker.country:
                        out.append((tok, "100", _Slots(speaker, target), False))
                elif lemma in ACCUSATION_WORDS:
                    target = _accused(tok, actors, speaker)
                    if target is not None:
                        out.append((tok, "112", _Slots(speaker, target), False))
        return out

    def _event(self, doc: Doc, sent: Span, tok: Token, code: str, slots: _Slots, negated: bool, actors: ActorTable,
               quotes: tuple[Quote, ...], published: str | None, counterpart: list[Actor]) -> Event | None:
        source, target = slots.source, slots.target
        if source is None:
            return None
        if _hypothetical(tok):
            return None
        confidence = 0.8
        if target is None:
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
    return [a for aid, _ in counts.most_common() if (a := actors.by_id(aid)) is not None]


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
