"""The quote stage: direct, indirect and mixed quotations, each with a cue and a resolved speaker.

Direct quotes come from quotation marks (any style, unclosed ones running to the paragraph's end);
indirect quotes from the clausal complement of a reporting verb or an "according to" phrase; an
indirect clause holding a quoted fragment is a mixed quote. A direct quote with no cue of its own
inherits the speaker of the quote before it.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from parley.actors.resolve import ActorTable, actor_for_token
from parley.records import Actor, ActorKind, Mention, Quote

CLOSERS = {"“": "”\"", "«": "»", "„": "“”", '"': '"', "‘": "’", "‹": "›", "”": "”"}
WORDS = re.compile(r"\w+")
FOLLOW_ON_CHARS = 600  # how far back a cue-less quote looks for the speaker it continues


@cache
def reporting_cues() -> frozenset[str]:
    """Lemmas of reporting verbs (package data)."""
    path = resources.files("parley.quotes").joinpath("data", "cues.tsv")
    with path.open(encoding="utf-8") as fh:
        rows = csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t")
        return frozenset(r["cue"] for r in rows)


@dataclass(frozen=True)
class Marked:
    """A stretch of text inside quotation marks: [start, end) excludes the marks."""

    start: int
    end: int
    closed: bool


def marked_spans(text: str) -> list[Marked]:
    """Quotation-mark spans per paragraph; an unclosed mark runs to the end of its paragraph."""
    spans: list[Marked] = []
    for para in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]*)*", text):
        p_start, p_end = para.span()
        i = p_start
        while i < p_end:
            ch = text[i]
            if ch in CLOSERS and (ch != "‘" or i == p_start or not text[i - 1].isalnum()):
                if ch == '"' and i > p_start and text[i - 1].isalnum() and i + 1 < p_end and text[i + 1] in " ,.;":
                    i += 1
                    continue
                close = _find_close(text, i + 1, p_end, CLOSERS[ch])
                if close is None:
                    if ch in "“«„\"":
                        spans.append(Marked(i + 1, p_end, False))
                    i = p_end
                    continue
                spans.append(Marked(i + 1, close, True))
                i = close + 1
                continue
            i += 1
    return [s for s in spans if WORDS.search(text[s.start : s.end])]


def _find_close(text: str, start: int, end: int, closers: str) -> int | None:
    for j in range(start, end):
        if text[j] in closers:
            if text[j] == "’" and j + 1 < end and text[j + 1].isalpha():
                continue  # an apostrophe ("it’s"), not a closing mark
            return j
    return None


def _cue_text(verb: Token) -> str:
    """The reporting verb with its particle and, for 'tell', its listener ("told reporters")."""
    parts = [verb]
    for child in verb.children:
        if child.dep_ == "prt" or (verb.lemma_ == "tell" and child.dep_ in ("dobj", "dative") and child.pos_ in ("NOUN", "PRON")):
            parts.append(child)
        elif child.dep_ == "prep" and child.lower_ == "in":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.lemma_ in ("statement", "interview", "speech", "post", "letter", "briefing"):
                parts.extend([child, *obj.subtree])
    parts.sort(key=lambda t: t.i)
    return " ".join(t.text for t in parts)


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)
    return None


def _strip_clause(doc: Doc, first: int, last: int) -> tuple[int, int]:
    """Token bounds of a reported clause without its 'that' and edge punctuation."""
    while first <= last and (doc[first].dep_ == "mark" or (doc[first].lower_ == "that" and first < last)
                             or doc[first].is_punct or doc[first].is_space):
        first += 1
    while last >= first and ((doc[last].is_punct and doc[last].text not in "”’»\"") or doc[last].is_space):
        last -= 1
    return first, last


class QuoteFinder:
    """Callable stage: (Doc, ActorTable) → quotes in text order, and the table with any new speakers.

    A speaker the actor stage did not know ("industry analysts", "diplomats in New York") becomes
    an actor of its own, named by its noun phrase, so every attributed quote points at an actor.
    """

    def __init__(self) -> None:
        self.cues = reporting_cues()

    def __call__(self, doc: Doc, actors: ActorTable) -> tuple[tuple[Quote, ...], ActorTable]:
        self._new: dict[str, Actor] = {}
        self._offset = len(actors.actors)
        marks = marked_spans(doc.text)
        direct = [m for m in marks if self._is_direct(doc, m)]
        fragments = [m for m in marks if m not in direct]
        quotes = [self._direct(doc, m, actors) for m in direct]
        quotes += self._indirect(doc, actors, direct, fragments)
        quotes += self._called(doc, actors, [f for f in fragments if not any(q.start <= f.start < q.end for q in quotes)])
        quotes.sort(key=lambda q: q.start)
        table = ActorTable.build(actors.actors + tuple(self._new.values())) if self._new else actors
        return tuple(self._inherit_speakers(quotes)), table

    def _called(self, doc: Doc, actors: ActorTable, fragments: list[Marked]) -> list[Quote]:
        """Quoted phrases outside reported speech ('called the sanctions “illegal”'): the words of the clause's subject."""
        found = []
        for m in fragments:
            inner = doc.text[m.start : m.end].strip()
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or len(WORDS.findall(inner)) < 2:
                continue
            verb = span.root
            while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                verb = verb.head
            if verb.pos_ not in ("VERB", "AUX") or _subject(verb) is None:
                continue
            actor, mention = self._speaker(verb, actors)
            if actor is None or actor in self._new.values():
                continue  # a scare quote in the narrative, not someone's words
            start = m.start + (len(doc.text[m.start : m.end]) - len(doc.text[m.start : m.end].lstrip()))
            found.append(Quote(text=inner, kind="direct", start=start, end=start + len(inner), speaker=actor.id,
                               speaker_name=actor.name, cue=_cue_text(verb), speaker_mention=mention))
        return found

    @staticmethod
    def _is_direct(doc: Doc, m: Marked) -> bool:
        """Whole utterances, not scare quotes: several words, standing as their own clause."""
        inner = doc.text[m.start : m.end]
        if len(WORDS.findall(inner)) < 4:
            return False
        before = doc.text[: m.start - 1].rstrip(" ")
        return not before or before[-1] in ":,;—–-.!?\n”\"" or before.endswith(("says", "said"))

    def _speaker(self, verb: Token, actors: ActorTable) -> tuple[Actor | None, Mention | None]:
        subj = _subject(verb)
        if subj is None:
            return None, None
        actor, tok = actor_for_token(actors, subj)
        if actor is not None:
            return actor, Mention(tok.idx, tok.idx + len(tok.text), tok.text)
        span = subj.doc[subj.left_edge.i : subj.right_edge.i + 1]
        mention = Mention(span.start_char, span.end_char, span.text)
        if subj.pos_ in ("NOUN", "PROPN") and len(span) <= 8:
            return self._unknown_speaker(subj, span, mention), mention
        return None, mention

    def _unknown_speaker(self, head: Token, span: Span, mention: Mention) -> Actor:
        """An actor for a speaker no gazetteer knows, named by its noun phrase."""
        words = [t for t in span if not (t.i == span.start and t.dep_ == "det")]
        name = " ".join(t.text for t in words).strip(" ,")
        key = name.lower()
        known = self._new.get(key)
        if known is None:
            kind: ActorKind = "person" if head.ent_type_ == "PERSON" or (head.tag_ in ("NN", "NNP") and head.ent_type_ != "ORG") else "group"
            known = Actor(id=f"a{self._offset + len(self._new) + 1}", name=name, kind=kind, mentions=(mention,))
        else:
            known = Actor(id=known.id, name=known.name, kind=known.kind, mentions=(*known.mentions, mention))
        self._new[key] = known
        return known

    def _cue_verbs(self, sent: Span, outside: tuple[int, int]) -> list[Token]:
        return [t for t in sent if t.lemma_.lower() in self.cues and t.pos_ in ("VERB", "AUX")
                and not outside[0] <= t.idx < outside[1] and _subject(t) is not None
                and not outside[0] <= _subject(t).idx < outside[1]]  # type: ignore[union-attr]

    def _direct(self, doc: Doc, m: Marked, actors: ActorTable) -> Quote:
        inner = doc.text[m.start : m.end]
        lead = len(inner) - len(inner.lstrip())
        body = inner.strip()
        start = m.start + lead
        quote = Quote(text=body, kind="direct", start=start, end=start + len(body))
        inside = doc.char_span(m.start, m.end, alignment_mode="expand")
        sents = {inside.sent} if inside is not None else set()
        before = doc.text[: m.start - 1].rstrip()
        if before.endswith(":") and len(before) > 1:
            tok = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
            if tok is not None:
                sents.add(tok.sent)
        candidates: list[Token] = []
        for sent in sents:
            candidates.extend(self._cue_verbs(sent, (m.start - 1, m.end + 1)))
        if not candidates:
            return quote
        # tag after the quote first ("…," X said), then before ('X said: "…"')
        after = [t for t in candidates if t.idx >= m.end]
        verb = after[0] if after else candidates[-1]
        actor, mention = self._speaker(verb, actors)
        return Quote(text=quote.text, kind="direct", start=quote.start, end=quote.end,
                     speaker=actor.id if actor else None, speaker_name=actor.name if actor else None,
                     cue=_cue_text(verb), speaker_mention=mention)

    def _indirect(self, doc: Doc, actors: ActorTable, direct: list[Marked], fragments: list[Marked]) -> list[Quote]:
        found: list[Quote] = []
        for tok in doc:
            if tok.lemma_.lower() in self.cues and tok.pos_ in ("VERB", "AUX"):
                clauses = [c for c in tok.children if c.dep_ == "ccomp"]
                for clause in clauses:
                    q = self._clause_quote(doc, tok, clause.left_edge.i, clause.right_edge.i, actors, direct, fragments)
                    if q is not None:
                        found.append(q)
            elif tok.lower_ == "according" and tok.dep_ == "prep":
                found.extend(self._according_to(doc, tok, actors, direct, fragments))
        return found

    def _clause_quote(self, doc: Doc, verb: Token | None, first: int, last: int, actors: ActorTable,
                      direct: list[Marked], fragments: list[Marked], speaker_tok: Token | None = None) -> Quote | None:
        first, last = _strip_clause(doc, first, last)
        if last - first < 2:
            return None
        start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
        if any(m.start - 1 <= start < m.end + 1 or m.start - 1 < end <= m.end + 1 or (start <= m.start and m.end <= end) for m in direct):
            return None
        inside = [f for f in fragments if start < f.start and f.start < end]
        if inside:  # a quoted fragment makes the report mixed; take it whole, closing mark included
            end = max(end, max(f.end for f in inside) + (1 if inside[-1].closed else 0))
        kind = "mixed" if inside else "indirect"
        if verb is not None:
            actor, mention = self._speaker(verb, actors)
            cue = _cue_text(verb)
        else:
            assert speaker_tok is not None
            actor = actor_for_token(actors, speaker_tok)[0]
            span = doc[speaker_tok.left_edge.i : speaker_tok.right_edge.i + 1]
            mention = Mention(span.start_char, span.end_char, span.text)
            cue = "according to"
        return Quote(text=doc.text[start:end], kind=kind, start=start, end=end,  # type: ignore[arg-type]
                     speaker=actor.id if actor else None, speaker_name=actor.name if actor else None,
                     cue=cue, speaker_mention=mention)

    def _according_to(self, doc: Doc, according: Token, actors: ActorTable, direct: list[Marked],
                      fragments: list[Marked]) -> list[Quote]:
        to = next((c for c in according.children if c.lower_ == "to"), None)
        source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if source is None:
            return []
        head = according.head
        sent = head.sent
        skip = {t.i for t in according.subtree}
        kept = [t for t in sent if t.i not in skip]
        if not kept:
            return []
        q = self._clause_quote(doc, None, kept[0].i, kept[-1].i, actors, direct, fragments, speaker_tok=source)
        return [q] if q is not None else []

    @staticmethod
    def _inherit_speakers(quotes: list[Quote]) -> list[Quote]:
        """A follow-on quote with no cue of its own continues the previous speaker."""
        out: list[Quote] = []
        for quote in quotes:
            prev = out[-1] if out else None
            if quote.cue is None and quote.speaker is None and prev is not None and prev.speaker is not None \
                    and quote.start - prev.end <= FOLLOW_ON_CHARS:
                out.append(replace(quote, speaker=prev.speaker, speaker_name=prev.speaker_name,
                                   speaker_mention=prev.speaker_mention))
            else:
                out.append(quote)
        return out
