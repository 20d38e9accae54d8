"""The quote stage: direct, indirect and mixed quotations, each with its cue and a resolved speaker.

Direct quotes are the stretches inside quotation marks that stand as utterances (marks.py finds them
in every style, over several paragraphs, and degrades locally when a mark is missing). Each looks for
its tag after the closing mark ("…,” the minister said), then before the opening one (She said: “…),
including a tag that ends the previous paragraph with a colon; a dash after the quote (“…” — Name)
and a bare name with a colon (NAME: “…”) are tags without a verb. A direct quote with no tag of its own
continues the speaker of the quote just before it, in its paragraph or the one before.

Indirect quotes are what the reporting verbs of the cue lexicon govern: a reported clause ("said that
…", "…, officials said", "…, he said, …", "as she put it"), an infinitive ("promised to …"), an object
("cited the figures") or a prepositional object ("called for talks"), the subject of a passive that
names its source ("the plan was endorsed by three unions"), and the rest of a sentence holding
"according to X" or "in X's poll". A claim the writer hedges ("seems to …", "it appears that …") or marks as
hearsay ("reportedly") is a quote with no speaker (evidential.py). People's acts and attitudes count too ("urged voters to …", "wants
to …"), as attribution corpora count them, but not those between states or bodies ("Finland urged
Sweden to …"): those are events. One holding a quoted fragment is a mixed quote, as is a fragment
quoted after a verb of naming ('called the sanctions “illegal”'). A noun of saying or stance
attributes what follows it to its possessor ("her claim that …", "his decision to …"), an adjective of
stance to its subject ("she was sure that …"), and one without a possessor to whoever utters it ("made the
argument that …"). The writer's own "I" and "we" are a speaker, "the writer"; a generic "you" is none. A tag
between commas splits one report in two ("The pier, she said, will reopen"), and a report ends before the
writer's aside that closes it (", which …"). A paragraph ending "X said:" makes the next paragraph
X's words, and a line opening with a short name and a colon ("PENCE: …", "Poll: …") is that source's.

Headline and standfirst quotes ("Talks unlikely – Moscow"; "…, a senior diplomat has said") come from
`headline_quotes`, with offsets into their own string (`part`), and are linked to the body's speakers.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import NamedTuple

from spacy.language import Language
from spacy.strings import get_string_id
from spacy.symbols import ADJ, NOUN, PROPN
from spacy.tokens import Doc, Token

from parley.actors.resolve import ActorTable
from parley.columns import Columns, string_ids
from parley.quotes.clauses import (
    IDIOMS,
    PERSONAL_OBJECTS,
    SET_OFF,
    back_over_joints,
    governed,
    idiom_content,
    own_words_end,
    run_on,
    set_off,
    strip_clause,
)
from parley.quotes.cues import (
    VERBAL,
    cue_lemma,
    cue_lexicon,
    cue_tokens,
    cue_word_forms,
    holder_lexicon,
    is_cue_verb,
    reporting_cues,
    stance_lexicon,
)
from parley.quotes.evidential import HEARSAY, RAISING, hearsay_claim, raised_claim
from parley.quotes.marks import ALL_MARKS, WORD, Utterance, utterances
from parley.quotes.speaker import FIRST_PERSON, GENERIC_PERSON, NOMINAL, RELATIVE, Speakers, is_person_noun, mention_of, subject_of
from parley.records import Actor, Mention, Quote, QuoteKind

__all__ = ["QuoteFinder", "reporting_cues"]

# verbs whose subject utters the noun of saying they take ("made the case that …", "renewed calls for …")
VOICING_VERBS = frozenset({"make", "voice", "express", "repeat", "renew", "raise", "offer", "issue", "deliver", "air", "reiterate",
                           "persist", "press", "push", "put", "lay", "share", "echo", "register", "lodge", "file", "stand"})
DASHES = frozenset({"—", "–", "―", "-", "--", "―-"})
SENTENCE_END = frozenset({".", "!", "?", "…"})
WINDOW = 40  # tokens a tag may lie from its quote
WORKS = frozenset({  # kinds of work whose title follows them in marks
    "book", "books", "memoir", "novel", "documentary", "film", "movie", "show", "series", "program", "programme", "podcast",
    "song", "album", "column", "commentary", "essay", "article", "headline", "titled", "entitled", "play", "poem",
})
NAMING_VERBS = frozenset({"call", "describe", "label", "brand", "dub", "term", "name", "deem"})
ADJUNCT_PREPS = frozenset({"on", "in", "at", "from", "with", "by", "into", "onto", "during", "after", "before", "near"})
FIRST_PERSON_POSSESSIVES = frozenset({"my", "our", "your"})
EXPLETIVES = frozenset({"it", "there", "this", "that"})  # "it is clear that …" holds nothing
COPULAS = frozenset({"be", "seem", "remain", "become", "appear", "sound", "grow", "feel", "stay"})
BODIES = frozenset({"country", "organization"})  # actors whose acts towards each other are events
RECIPROCAL = frozenset({"discuss", "debate", "negotiate", "agree", "exchange"})  # acts two parties do together
FINDINGS = frozenset({"poll", "survey", "study", "analysis", "census", "audit"})  # "In the latest poll, turnout fell"
STANCE_PHRASES = frozenset({"favor", "favour", "support", "opposition", "defense", "defence"})  # "voted in favor of …"
VIEWPOINTS = frozenset({"view", "opinion", "estimation", "judgment", "judgement", "word", "telling", "account", "mind"})  # "in her view, …"
DOCUMENTS = frozenset({  # what speaks for whoever made it ("according to a speech by the mayor")
    "statement", "report", "poll", "survey", "data", "figure", "document", "release", "study", "analysis", "speech",
    "interview", "letter", "memo", "filing", "email", "tweet", "post", "remarks", "testimony", "transcript", "book",
    "article", "column", "editorial", "op-ed",
})
NOT_SOURCES = frozenset({
    "update", "updated", "watch", "editor", "note", "read", "photo", "photos", "video", "related", "source", "sources",
    "correction", "clarification", "exclusive", "breaking", "live", "listen", "see", "more", "also", "warning", "disclaimer", "advertisement",
    "share", "follow", "tags", "topics", "by", "credit", "caption", "image", "getty", "reuters", "ap", "afp",
})
LINE = re.compile(r"[^\n]+")
_SAYS = r"(?:says|say|said|warns|claims|insists|admits|denies)(?: of| that)?|tells \w+"
HEADLINE_TAGS = (  # the conventions headlines attribute by, tried where the parse found no quote
    re.compile(r"\s*(?P<content>.+?)\s+(?P<cue>[–—―]|-{1,2})\s+(?P<source>[^–—―,]{2,40}?)\s*$"),
    re.compile(rf"\s*(?P<content>.+?),\s+(?P<source>[^,]{{2,40}}?)\s+(?P<cue>{_SAYS})\s*$"),
    re.compile(rf"\s*(?P<source>[A-Z][^,:]{{1,40}}?)\s+(?P<cue>{_SAYS})\s+(?P<content>.+?)\s*$"),
)
HEADLINE_PUNCTUATION = re.compile(r"[:\-–—―]")  # colon and dash attributions, speaker labels
DASH_TAG = re.compile(r"[ \t\xa0]*([―—–]|--?)[ \t\xa0]*(?=[^\W\d_])")
SPEAKER_LABEL = re.compile(r"([A-Z][A-Z.'’ -]{1,30}):[ \t]+")  # "PENCE: Well, look …" in a transcript


class HeadlineClause(NamedTuple):
    """One clause of the headline or standfirst: which of them (`part`), where it starts there, its text."""

    part: str
    offset: int
    text: str


@dataclass(frozen=True)
class _Tag:
    """What attributes a quote: the cue as written, where it is, and the speaker's token."""

    cue: str | None
    cue_mention: Mention | None
    speaker: Token | None


class _Context:
    """One document while its quotes are found: text, token index, quotations, speakers."""

    def __init__(self, doc: Doc, table: ActorTable) -> None:
        self.doc = doc
        self.text = doc.text
        self.words = Columns(doc)  # read from one array: no Token object a word
        self.starts: list[int] = self.words.idx
        self.utts = utterances(self.text)
        self.speakers = Speakers(doc, table, [(p.start, p.end) for u in self.utts for p in u.parts])
        self.lines = [m.span() for m in LINE.finditer(self.text)]
        self.line_starts = [s for s, _ in self.lines]
        self.direct: list[Utterance] = []
        self.fragments: list[Utterance] = []  # quotations that are no utterance of their own ('called it “illegal”')
        self.mark_ends = {u.end for u in self.utts if u.closed}
        self.mark_starts = {p.open_at for u in self.utts for p in u.parts}
        parts = sorted((p.start, p.end) for u in self.utts for p in u.parts)  # marked stretches never overlap
        self._mark_starts = [a for a, _ in parts]
        self._mark_ends_sorted = [b for _, b in parts]

    def token_at(self, char: int) -> int:
        """Index of the token holding (or first after) a character offset."""
        k = bisect.bisect_right(self.starts, char) - 1
        return max(k, 0)

    def line_of(self, char: int) -> tuple[int, int]:
        k = bisect.bisect_right(self.line_starts, char) - 1
        return self.lines[max(k, 0)] if self.lines else (0, len(self.text))

    def in_marks(self, char: int) -> bool:
        k = bisect.bisect_right(self._mark_starts, char) - 1
        return k >= 0 and char < self._mark_ends_sorted[k]

    def after(self, u: Utterance) -> list[Token]:
        """Tokens after the closing mark up to the end of the clause, the next quote or the line."""
        start = u.close_end
        line_end = self.line_of(u.end)[1]
        i = self.token_at(start)
        if i < len(self.doc) and self.doc[i].idx < start:
            i += 1
        out: list[Token] = []
        while i < len(self.doc) and len(out) < WINDOW:
            tok = self.doc[i]
            if tok.idx >= line_end or "\n" in tok.text or tok.text in SENTENCE_END or tok.idx in self.mark_starts:
                break
            if not tok.is_space:
                out.append(tok)
            i += 1
        while out and out[0].is_punct and out[0].text not in DASHES:
            out.pop(0)
        return out

    def before(self, u: Utterance) -> tuple[list[Token], bool]:
        """Tokens before the opening mark back to the start of the clause; (tokens, ends the previous paragraph)."""
        open_at = u.open_at
        line_start = self.line_of(open_at)[0]
        window = self._left(open_at, line_start)
        if window or self.text[line_start:open_at].strip():
            return window, False
        if not line_start:
            return [], False
        prev_start, prev_end = self.line_of(line_start - 1)
        prev = self.text[prev_start:prev_end].rstrip()
        if not prev.endswith(":"):
            return [], False
        return self._left(prev_start + len(prev), prev_start), True

    def _left(self, end: int, floor: int) -> list[Token]:
        i = self.token_at(end - 1) if end > 0 else -1
        if i >= 0 and self.doc[i].idx >= end:
            i -= 1
        out: list[Token] = []
        while i >= 0 and len(out) < WINDOW:
            tok = self.doc[i]
            if tok.idx < floor or "\n" in tok.text or tok.text in SENTENCE_END or tok.idx + len(tok.text) - 1 in self.mark_ends \
                    or (tok.idx in self.mark_ends) or (tok.text in ("―", "—", "--") and out):
                break
            if not tok.is_space:
                out.append(tok)
            i -= 1
        out.reverse()
        return out


def _speech_verb(frames: tuple[str, ...]) -> bool:
    """A verb that introduces words: one with a reported clause, or a manner-of-speech tag ("shouted")."""
    return not frames or "ccomp" in frames


def _title_case(words: list[str]) -> bool:
    """Most longer words capitalised: a title ("The Art of the Deal"), not speech."""
    longer = [w for w in words if len(w) > 3]
    return bool(longer) and all(w[:1].isupper() for w in longer)


def _subhead(text: str, u: Utterance, line_start: int, line_end: int) -> bool:
    """A whole line in quotation marks and in title case ('Legend in the Coal Fields.'): a subheading, not a quote."""
    if len(u.parts) > 1 or text[line_start:line_end].strip(" \xa0\t.“”\"‘’'") != text[u.start : u.end].strip(" \xa0\t.“”\"‘’'"):
        return False
    words = WORD.findall(text[u.start : u.end])
    return 0 < len(words) <= 10 and sum(w[:1].isupper() for w in words if len(w) > 3) >= max(1, len([w for w in words if len(w) > 3]) - 0)


def _work_title(before: str) -> bool:
    """Marks right after the name of a kind of work (the documentary, “13th,”; his book, “Make Your Kid …”):
    a title, not anyone's words."""
    words = WORD.findall(before.rstrip(" ,:\t\xa0")[-30:].lower())
    return bool(words) and words[-1] in WORKS


def _nominal_run(tokens: Iterable[Token]) -> list[Token]:
    """The first run of noun-phrase tokens (names with their titles) in a stretch of tokens."""
    run: list[Token] = []
    for tok in tokens:
        if tok.pos_ in (*NOMINAL, "PRON") or (run and (tok.pos_ in ("DET", "ADJ", "NUM") or tok.text in (".", "'s", "’s"))) \
                or (not run and tok.pos_ in ("DET", "ADJ")):
            run.append(tok)
        elif run:
            break
    while run and run[-1].pos_ not in (*NOMINAL, "PRON"):
        run.pop()
    return run


def _head(run: list[Token]) -> Token | None:
    """The head of a name or noun phrase: its last noun, or its last proper noun before a comma."""
    nouns = [t for t in run if t.pos_ in (*NOMINAL, "PRON")]
    return nouns[-1] if nouns else None


def _cue(verb: Token) -> tuple[str, Mention]:
    """The cue around a reporting verb as written ("told reporters", "said in a statement", "wrote on X") and where it is."""
    tokens = cue_tokens(verb)
    return " ".join(t.text for t in tokens), _cue_mention(tokens)


def _cue_mention(tokens: list[Token]) -> Mention:
    span = tokens[0].doc[tokens[0].i : tokens[-1].i + 1]  # a span's text, not doc.text: that would rebuild the whole text
    return Mention(span.start_char, span.end_char, span.text)


class QuoteFinder:
    """Callable stage: (Doc, ActorTable) → quotes in text order, and the table with any new speakers.

    A speaker the actor stage did not know ("industry analysts", "diplomats in New York") becomes
    an actor of its own, named by its noun phrase, so every attributed quote points at an actor.
    Acts and attitudes count as well ("urged voters to act", "wants to …", "praised her for …"), as
    attribution corpora such as PolNeAR annotate them, except where they pass between states or
    bodies ("Finland urged Sweden to reopen talks", "the two ministers agreed to meet"): those are
    diplomatic acts, left to the event coder. With `stances`, those count too.
    """

    def __init__(self, stances: bool = False) -> None:
        self._cue_forms: frozenset[str] | None = None  # see _may_attribute
        self.lexicon = cue_lexicon()
        self.cues = frozenset(self.lexicon)
        self.stances = stance_lexicon()
        self.diplomatic_stances = stances
        self.holders = holder_lexicon()
        self.tags = frozenset(cue for cue, frames in self.lexicon.items() if not frames)  # "as she put it", "he continued"

    def __call__(self, doc: Doc, actors: ActorTable) -> tuple[tuple[Quote, ...], ActorTable]:
        c = _Context(doc, actors)
        for u in c.utts:
            if self._is_direct(c, u):
                c.direct.append(u)
        c.fragments = [u for u in c.utts if u not in c.direct]
        quotes = [self._direct(c, u) for u in c.direct]
        quotes += self._block_quotes(c)
        quotes += self._colon_lines(c, quotes)
        quotes += self._indirect(c)
        quotes += self._held(c)
        covered = [(q.start, q.end) for q in quotes]
        fragments = [u for u in c.fragments if not any(s <= u.start < e for s, e in covered)]
        quotes += self._named(c, fragments)
        quotes = _dedupe(sorted(quotes, key=lambda q: (q.start, -q.end)))
        return tuple(_inherit(quotes, c)), c.speakers.actors()

    # ---- direct quotes -------------------------------------------------------------------------------

    def _is_direct(self, c: _Context, u: Utterance) -> bool:
        """An utterance, not a scare quote or a title: it stands as its own clause and says something."""
        text = c.text
        first = u.parts[0]
        words = sum(len(WORD.findall(text[p.start : p.end])) for p in u.parts)
        inner = text[first.start : first.end].rstrip()
        punctuated = inner[-1:] in ",.?!…—–-:;" or not first.closed or len(u.parts) > 1
        line_start = c.line_of(first.open_at)[0]
        before = text[line_start : first.open_at].rstrip()
        if _subhead(text, u, line_start, c.line_of(first.start)[1]) or _work_title(before):
            return False
        prev = [v for v in c.direct if line_start <= v.end <= first.open_at and v.closed]
        between = c.doc.char_span(prev[-1].close_end, first.open_at, alignment_mode="expand") if prev else None
        if between is not None and not any(t.text in SENTENCE_END for t in between) and len(between) < 30 \
                and any(is_cue_verb(t) for t in between):
            initial = True  # “A,” she said, “b …”: the second half of a quote split by its tag
        elif before.rstrip(" ,").lower().endswith(" that"):
            initial = False  # 'said that, “…”' quotes inside a report: mixed
        elif before[-1:] == "," and inner[:1].islower():
            # ', “the generals …”' continues a reported clause ("said that under Obama, “…”") unless none precedes
            sent = c.doc[c.token_at(first.start)].sent
            initial = not any(is_cue_verb(t) for t in sent if t.idx < first.start)
        elif not before or before[-1] in ":;.!?—–-―(”\"’»,":
            initial = True
        else:
            tok = c.doc[c.token_at(line_start + len(before) - 1)]
            initial = is_cue_verb(tok) and tok.idx + len(tok.text) == line_start + len(before) \
                and _speech_verb(self.lexicon.get(cue_lemma(tok) or "", ("obj",))) and inner[:1].isupper()
        return initial and (words >= 4 or (punctuated and words >= 1)) and (punctuated or not self._runs_on(c, u))

    def _runs_on(self, c: _Context, u: Utterance) -> bool:
        """The sentence goes on after the closing mark, in lower case and with no tag ('“You squeezed employees” to
        drive up …'): the marks quote part of the writer's own sentence."""
        after = c.after(u)
        return bool(after) and after[0].is_lower and after[0].is_alpha and not any(is_cue_verb(t) for t in after[:4])

    def _direct(self, c: _Context, u: Utterance) -> Quote:
        text = c.text
        raw = text[u.start : u.end]
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        start = u.start + lead
        label = SPEAKER_LABEL.match(body)
        if label is not None and len(label.group(1).split()) <= 3:
            name = c.doc.char_span(start, start + len(label.group(1)), alignment_mode="expand")
            if name is not None:
                labelled, named = c.speakers.label(name)
                colon = start + label.end(1)
                body, start = body[label.end() :], start + label.end()
                return _quote(body, "direct", start, labelled, ":", named, Mention(colon, colon + 1, ":"))
        tag = self._tag(c, u)
        if tag is None:
            return Quote(text=body, kind="direct", start=start, end=start + len(body))
        actor, mention = c.speakers.resolve(tag.speaker)
        return _quote(body, "direct", start, actor, tag.cue, mention, tag.cue_mention)

    def _tag(self, c: _Context, u: Utterance) -> _Tag | None:
        after = c.after(u)
        before, colon_line = c.before(u)
        tail_at = u.close_end
        dash = DASH_TAG.match(c.text, tail_at, min(len(c.text), tail_at + 12))
        if dash is not None:  # “…” ― Name
            names = [t for t in after if t.idx >= dash.end()]
            run = _nominal_run(names[:7])
            if run and names and run[0].i == names[0].i:
                at = dash.start(1)
                return _Tag(dash.group(1), Mention(at, dash.end(1), dash.group(1)), _head(run))
        last = c.text[u.parts[-1].start : u.parts[-1].end].rstrip()[-1:]
        open_end = last in ",?!—–-…:;" or not u.closed
        tags: list[_Tag | None] = []
        if after and (open_end or after[0].is_lower):
            tags.append(self._tag_after(c, after))
        if before and (colon_line or before[-1].text in (":", ",", "—", "–") or is_cue_verb(before[-1])
                       or before[-1].text in ("“", '"')):
            tags.append(self._tag_before(c, before))
        if after and not open_end and not after[0].is_lower:
            tags.append(self._tag_after(c, after, short=True))  # “… .” Name said (no comma inside the marks)
        found = [t for t in tags if t is not None]
        return next((t for t in found if t.speaker is not None), found[0] if found else None)

    def _tag_after(self, c: _Context, window: list[Token], short: bool = False) -> _Tag | None:
        cues = [t for t in window if is_cue_verb(t)]
        if short:
            cues = [t for t in cues if t.i - window[0].i <= 6]
        for verb in cues:
            speaker = self._speaker_near(c, verb, window)
            if speaker is not None or short:
                return _Tag(*_cue(verb), speaker) if speaker is not None else None
        according = self._according_in(window)
        if according is not None:
            return according
        if cues:
            return _Tag(*_cue(cues[0]), None)
        return None

    def _tag_before(self, c: _Context, window: list[Token]) -> _Tag | None:
        cues = [t for t in window if is_cue_verb(t)]
        for verb in reversed(cues):
            speaker = self._speaker_near(c, verb, window)
            if speaker is not None:
                return _Tag(*_cue(verb), speaker)
            subj = subject_of(verb)
            if subj is not None and subj.lower_ in FIRST_PERSON:
                return _Tag(*_cue(verb), None)  # the narrator's words, not an earlier cue's
        according = self._according_in(window)
        if according is not None:
            return according
        body = [t for t in window if not t.is_space]
        if body and body[-1].text == ":" and not cues:
            run = _nominal_run(body[:-1])
            if run and len(body) - 1 <= 6 and run[-1].i == body[-2].i and run[0].i == body[0].i:
                return _Tag(":", mention_of(body[-1]), _head(run))
            # "The mayor is trying out a new slogan: “…”": the clause before the colon introduces its subject's words
            ids = {t.i for t in body}
            verbs = [t for t in body if t.pos_ in ("VERB", "AUX") and (t.head.i not in ids or t.head.i == t.i or t.dep_ == "conj")]
            subj = subject_of(verbs[-1]) if verbs else None
            if subj is not None and subj.i in ids and subj.lower_ not in FIRST_PERSON:
                return _Tag(":", mention_of(body[-1]), subj)
        if cues:
            return _Tag(*_cue(cues[-1]), None)
        return None

    def _according_in(self, window: list[Token]) -> _Tag | None:
        for tok in window:
            if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
                to = tok.doc[tok.i + 1]
                source = next((ch for ch in to.children if ch.dep_ == "pobj"), None)
                if source is None:
                    run = _nominal_run(tok.doc[to.i + 1 : to.i + 8])
                    source = _head(run) if run else None
                return _Tag("according to", _cue_mention([tok, to]), _behind_document(source))
        return None

    def _speaker_near(self, c: _Context, verb: Token, window: list[Token]) -> Token | None:
        """The subject of a tag's verb; where the parse lost it, the name right before or after the verb."""
        inside = {t.i for t in window}
        subj = subject_of(verb)
        if subj is not None and subj.i in inside:
            return None if subj.lower_ in GENERIC_PERSON else subj  # "I said" is the writer's; "you say" nobody's
        left = [t for t in window if t.i < verb.i]
        k = len(left)
        while k and left[k - 1].pos_ in ("ADV", "AUX", "PART"):
            k -= 1
        if k and left[k - 1].text == ")":  # "Rep. Jane Doe (D-Ohio) said"
            while k and left[k - 1].text != "(":
                k -= 1
            k = max(k - 1, 0)
        if k and left[k - 1].text == ",":  # "Jane Doe, a senior aide, said"
            j = k - 1
            while j and left[j - 1].text != ",":
                j -= 1
            if j:
                k = j - 1
        run: list[Token] = []
        while k and (left[k - 1].pos_ in (*NOMINAL, "PRON") or (run and left[k - 1].text == ".")):
            run.insert(0, left[k - 1])
            k -= 1
        if run and run[-1].lower_ not in FIRST_PERSON and run[-1].ent_type_ not in ("DATE", "TIME"):
            return _head(run)
        # "said Jane Doe": a name right after the verb (not "adding that its …")
        right = _nominal_run(t for t in window if t.i > verb.i and t.ent_type_ not in ("DATE", "TIME"))
        if right and right[0].i == verb.i + 1 and right[-1].lower_ not in FIRST_PERSON and right[0].tag_ != "PRP$":
            return _head(right)
        return None

    # ---- quotes without marks ------------------------------------------------------------------------

    def _block_quotes(self, c: _Context) -> list[Quote]:
        """'X said:' closing a paragraph makes the next paragraph, unmarked, X's words."""
        found = []
        for n, (s, e) in enumerate(c.lines[:-1]):
            line = c.text[s:e].rstrip()
            if not line.endswith(":"):
                continue
            ns, ne = c.lines[n + 1]
            nxt = c.text[ns:ne].strip()
            if not nxt or nxt[0] in ALL_MARKS or len(WORD.findall(nxt)) < 4:
                continue
            window = c._left(s + len(line), s)
            tag = self._tag_before(c, window)
            if tag is None or tag.speaker is None:
                continue
            actor, mention = c.speakers.resolve(tag.speaker)
            start = ns + (len(c.text[ns:ne]) - len(c.text[ns:ne].lstrip()))
            found.append(_quote(nxt, "direct", start, actor, tag.cue, mention, tag.cue_mention))
        return found

    def _colon_lines(self, c: _Context, quotes: list[Quote]) -> list[Quote]:
        """'PENCE: Well, look …' and 'Poll: voters abandon …': a line headed by a short source and a colon."""
        found = []
        taken = [(q.start, q.end) for q in quotes]
        for s, e in c.lines:
            line = c.text[s:e]
            colon = line.find(":")
            if colon <= 0 or colon > 40 or any(a <= s + colon < b for a, b in taken):
                continue
            head = c.doc[c.token_at(s) : c.token_at(s + colon) + 1]
            toks = [t for t in head if not t.is_space]
            if not toks or toks[-1].text != ":" or len(toks) > 5:
                continue
            name = toks[:-1]
            if not name or not all(t.pos_ in NOMINAL or t.text in (".", "'s", "’s") for t in name) \
                    or not (name[0].is_title or name[0].is_upper) or any(t.lower_ in NOT_SOURCES for t in name) \
                    or any(not t.text.replace(".", "").replace("’s", "").replace("'s", "").isalpha() for t in name if t.text not in (".",)):
                continue
            rest = line[colon + 1 :]
            content = rest.strip()
            if len(WORD.findall(content)) < 3:
                continue
            start = s + colon + 1 + (len(rest) - len(rest.lstrip()))
            speaker = name[-1]
            actor, mention = c.speakers.resolve(speaker)
            kind: QuoteKind = "direct" if content[0] in ALL_MARKS or speaker.is_upper else "indirect"
            if content[0] in ALL_MARKS:
                continue  # a marked quote after "NAME:" is found with its marks
            found.append(_quote(content, kind, start, actor, ":", mention, mention_of(toks[-1])))
        return found

    def _indirect(self, c: _Context) -> list[Quote]:
        found: list[Quote] = []
        for i in _report_candidates(c.words):
            tok = c.doc[i]
            if c.in_marks(tok.idx):
                continue  # inside quotation marks the words are the speaker's, not a report of someone else's
            low = tok.lower_
            if low in ("according", "in"):
                q = self._source_phrase(c, tok)
                if q is not None:
                    found.append(q)
                continue
            if low in HEARSAY:
                q = self._unsourced(c, tok, hearsay_claim(tok))
                if q is not None:
                    found.append(q)
                continue
            lemma = self._attribution_lemma(tok)
            if lemma is not None:
                found.extend(self._reported(c, tok, lemma))
                continue
            plain = tok.lemma_  # a verb of no report: perhaps a hedge ("seems to …") or a phrase ("made it clear that …")
            if plain in RAISING:
                q = self._unsourced(c, tok, raised_claim(tok))
            else:
                idiom = idiom_content(tok) if plain in IDIOMS else None
                q = self._clause_quote(c, tok, *idiom) if idiom is not None else None
            if q is not None:
                found.append(q)
        return found

    def _source_phrase(self, c: _Context, tok: Token) -> Quote | None:
        """'according to X', 'in X's poll' and 'in X's view': the clause the phrase hangs on is the source's."""
        if tok.lower_ == "according" and tok.i + 1 < len(c.doc) and c.doc[tok.i + 1].lower_ == "to":
            to = c.doc[tok.i + 1]
            return self._sourced_clause(c, [tok, to], next((ch for ch in to.children if ch.dep_ == "pobj"), None))
        obj = next((ch for ch in tok.children if ch.dep_ == "pobj"), None) if tok.lower_ == "in" and tok.dep_ == "prep" else None
        if obj is None:
            return None
        kind = obj.lemma_.lower()  # the cheap test first: most "in"s are places and times
        if (kind not in FINDINGS and kind not in VIEWPOINTS) or self._attribution_lemma(tok.head) is not None:
            return None
        if kind in FINDINGS:
            return self._sourced_clause(c, [tok], obj)
        holder = next((ch for ch in obj.children if ch.dep_ == "poss"), None)
        if holder is None or holder.lower_ in FIRST_PERSON_POSSESSIVES:
            return None
        return self._sourced_clause(c, [tok, obj], holder)

    def _reported(self, c: _Context, tok: Token, lemma: str) -> list[Quote]:
        """What a reporting or stance verb governs, attributed to its subject (not a passive participle's: "Asked about
        the deal, she …" names no asker)."""
        if _passive_participle(tok):
            return []
        speech = self.lexicon.get(lemma, ())
        for n, frame in enumerate(speech + self.stances.get(lemma, ())):
            bounds = governed(tok, frame, stance=n >= len(speech))
            if bounds is None:
                continue
            if n >= len(speech) and not self.diplomatic_stances and _between_bodies(c, tok, bounds):
                return []
            q = self._clause_quote(c, tok, bounds[0], run_on(tok, bounds[1], clause=frame in ("ccomp", "xcomp")))
            return [q] if q is not None else []
        topic = _passive_topic(tok)
        # a participle's source is weighed as a stance's is ("waters claimed by Guyana" is a state's act)
        if topic is not None and ((speech and tok.dep_ != "acl") or self.diplomatic_stances or not _between_bodies(c, tok, topic)):
            q = self._clause_quote(c, tok, *topic)
            return [q] if q is not None else []
        if "ccomp" in speech or (lemma in self.tags and _as_clause(tok)):
            return self._inverted(c, tok)
        return []

    def _unsourced(self, c: _Context, tok: Token, bounds: tuple[int, int] | None) -> Quote | None:
        """A claim (`bounds`) the writer hedges ("turnout seems to be rising") or marks as hearsay ("the council
        reportedly balked"), attributed to no one; not where the claim is itself someone's report ("she appeared to
        concede …", "he reportedly said …")."""
        if bounds is None:
            return None
        inner = tok.head if tok.lower_ in HEARSAY else next((ch for ch in tok.children if ch.dep_ in ("xcomp", "ccomp")), None)
        if inner is not None and self._attribution_lemma(inner) is not None:
            return None
        return self._clause_quote(c, None, *bounds, cue=tok.text, cue_at=mention_of(tok))

    def _held(self, c: _Context) -> list[Quote]:
        """What a noun or adjective of saying or stance holds, attributed to its holder: a noun's possessor ('her claim
        that …', 'his decision to …', 'Trump's criticism of …'), an adjective's subject ('she was sure that …',
        'Republicans are wary of …', 'he is determined to …'). Here too, among the nouns, the verbs of a report that
        the tagger took for plural nouns ('Ames claims that …')."""
        found: list[Quote] = []
        nouns, adjectives, roles = self.holders["noun"], self.holders["adj"], self.holders["role"]
        plural = get_string_id("NNS")  # the tag as a number: cheaper to compare
        for i, pos in enumerate(c.words.pos):
            if pos not in (NOUN, ADJ):
                continue  # only a noun or an adjective holds anything (read from one array: no Token object a word)
            word = c.doc[i]
            lemma = word.lemma_.lower() if word.pos == NOUN else None
            misread = self._misread_verb(c, word, lemma) if lemma is not None and word.tag == plural else None
            if misread is not None:
                found.append(misread)
                continue
            if lemma is not None and lemma in nouns:
                holder = next((ch for ch in word.children if ch.dep_ == "poss"), None) or _voicer(word) or _phrase_holder(word)
                preps = nouns[lemma]
            elif lemma is not None and lemma in roles:
                holder = _role_holder(word)
                preps = roles[lemma]
            elif word.pos == ADJ and word.lower_ in adjectives and word.dep_ == "acomp" and word.head.lemma_ in COPULAS:
                holder = subject_of(word.head)
                preps = adjectives[word.lower_]
            else:
                continue
            if holder is None or holder.lower_ in FIRST_PERSON_POSSESSIVES | FIRST_PERSON | EXPLETIVES or c.in_marks(word.idx):
                continue
            bounds = _held_content(word, preps)
            if bounds is None:
                continue
            first, last = bounds
            cue = c.doc[word.i : word.i + 1]
            q = self._clause_quote(c, None, first, last, source=holder, cue=word.text,
                                   cue_at=Mention(cue.start_char, cue.end_char, cue.text))
            if q is not None:
                found.append(q)
        return found

    def _misread_verb(self, c: _Context, word: Token, lemma: str) -> Quote | None:
        """'Ames claims that …', 'the campaign plans to …' tagged as a plural noun after a compound: the verb of a
        report, its subject the compound, when a clause or an infinitive follows as it would a verb."""
        if (lemma not in self.lexicon and lemma not in self.stances) or not word.i or c.in_marks(word.idx):
            return None
        subj = c.doc[word.i - 1]
        if subj.dep_ != "compound" or subj.head.i != word.i or any(ch.dep_ in ("det", "poss", "nummod", "amod") for ch in word.children):
            return None
        clause = next((ch for ch in word.rights if ch.pos in VERBAL and ch.dep_ in ("ccomp", "xcomp", "acl")
                       and any((g.dep_, g.lower_) in (("mark", "that"), ("aux", "to")) for g in ch.children)), None)
        if clause is None:
            return None
        cue = c.doc[word.i : word.i + 1]
        return self._clause_quote(c, None, clause.left_edge.i, clause.right_edge.i, source=subj, cue=word.text,
                                  cue_at=Mention(cue.start_char, cue.end_char, cue.text))

    def _attribution_lemma(self, tok: Token) -> str | None:
        """The reporting or stance verb a token stands for, if any."""
        if not (tok.pos in VERBAL or tok.tag_.startswith("VB")):
            return None
        return cue_lemma(tok, self.lexicon, self.stances)

    def _inverted(self, c: _Context, verb: Token) -> list[Quote]:
        """'Climate change, he said, is the threat' and '…, he said.' parsed with the clause as the head; 'as she put
        it' and 'as he noted' before or after it."""
        if verb.dep_ not in ("parataxis", "ccomp", "advcl") or verb.head.i == verb.i or subject_of(verb) is None:
            return []
        as_clause = _as_clause(verb)
        if verb.dep_ != "parataxis" and verb.head.i > verb.i and not as_clause:
            return []
        if not (set_off(verb) or as_clause):
            return []  # a tag stands apart: "…, officials said" (not "let editorials tell them …")
        tag = {t.i for t in verb.subtree}
        end = verb.right_edge.i + (verb.doc[verb.right_edge.i].text not in SET_OFF)  # the tag's closing comma, its own or not
        inside = end < len(verb.doc) and verb.doc[end].text in SET_OFF  # "…, he said, …": the tag sits inside the report
        head = verb.head
        while head.head.i != head.i and (head.pos_ not in ("VERB", "AUX") or (inside and head.right_edge.i <= verb.right_edge.i)):
            # "The difference now, she told me, is that …": the tag hangs on the subject, the clause is its verb's;
            # "Though the vote was close, he said, the result stands": on a clause that ends at the tag, the report is the whole
            head = head.head
        left = [t for t in head.subtree if t.i < verb.left_edge.i]
        right = [t for t in head.subtree if t.i > verb.right_edge.i and t.i not in tag]
        if inside and left and right and len(left) + len(right) >= 4:
            sides = [left, right]  # "The museum, he said, would make visitors face hard truths": both halves, sharing the tag
        else:
            sides = [side for side in (left, right) if len(side) >= 3]
        if len(sides) == 2 and verb.dep_ != "parataxis" and not inside:
            sides = [left]  # "…, he said and left": a tag closes the report; one between commas sits inside it
        quotes = [self._clause_quote(c, verb, side[0].i, side[-1].i) for side in sides]
        return [q for q in quotes if q is not None]

    def _clause_quote(self, c: _Context, verb: Token | None, first: int, last: int, source: Token | None = None,
                      cue: str | None = None, cue_at: Mention | None = None) -> Quote | None:
        doc = c.doc
        first, last = strip_clause(doc, first, own_words_end(c.words, first, last))
        if last < first or (last == first and doc[first].pos_ not in NOMINAL and doc[first].lower_ not in PERSONAL_OBJECTS):
            return None  # one word is content only as a name, a noun or a person ("endorsed Ames", "her"), not "it" or "so"
        start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
        for u in c.direct:
            if u.open_at <= start < u.close_end or u.open_at < end <= u.close_end or (start <= u.start and u.end <= end):
                return None
        inside = [u for u in c.fragments if start < u.start <= end]
        if inside:  # a quoted fragment makes the report mixed; take it whole, closing mark included
            end = max(end, *(u.close_end for u in inside))
        kind: QuoteKind = "mixed" if inside else "indirect"
        if verb is not None:
            subj = subject_of(verb)
            if subj is not None and subj.lower_ in GENERIC_PERSON:
                return None  # a generic "you": not a source (the writer's "I" and "we" are)
            passive = any(ch.dep_ in ("nsubjpass", "auxpass") for ch in verb.children)
            if subj is None and not passive:
                subj = self._speaker_near(c, verb, [t for t in verb.sent if t.i < first])  # a subject the parse lost
                if subj is None:
                    return None
            actor, mention = c.speakers.resolve(subj)
            cue, cue_at = _cue(verb)
        else:
            actor, mention = c.speakers.resolve(source)
        return _quote(c.text[start:end], kind, start, actor, cue, mention, cue_at)

    def _sourced_clause(self, c: _Context, cue: list[Token], source: Token | None) -> Quote | None:
        """The clause a source phrase hangs on: 'according to X' or 'in X's poll' (a finding: 'In the latest poll,
        turnout fell')."""
        if source is None:
            return None
        prep = cue[-1]
        sent = cue[0].sent
        # within the sentence, the part between semicolons that holds the phrase ("A; B, according to X" is B)
        first = max((t.i + 1 for t in sent if t.text == ";" and t.i < cue[0].i), default=sent.start)
        last = min((t.i for t in sent if t.text == ";" and t.i > cue[0].i), default=sent.end)
        skip = {t.i for t in cue[0].subtree} | {t.i for t in cue} | {t.i for t in prep.subtree}
        kept = [t for t in sent.doc[first:last] if t.i not in skip and not t.is_space]
        if len(kept) < 3:
            return None
        # in the middle of a sentence, the side of the clause the phrase hangs on ("X rose, according to Y, more than
        # …" is about X; "X, according to Y, said …" about what X said), else the longer side
        left = [t for t in kept if t.i < cue[0].i]
        right = [t for t in kept if t.i > cue[0].i]
        head = cue[0].head.i if cue[0].head.i != cue[0].i else None
        if not left or not right:
            side = kept
        elif head is not None:
            side = left if head < cue[0].i else right
        else:
            side = right if len(right) >= len(left) else left
        return self._clause_quote(c, None, side[0].i, side[-1].i, source=_behind_document(source),
                                  cue=" ".join(t.text for t in cue), cue_at=_cue_mention(cue))

    def _named(self, c: _Context, fragments: list[Utterance]) -> list[Quote]:
        """A fragment quoted in a clause whose subject is a known actor ('condemned the strikes as “a campaign of terror”').

        The quote runs from the verb to the closing mark, a mixed quote. Titles (title case) and names in
        adjuncts ('on Radio Tamar’s “Harbour Hour”') are not someone's words; neither is a scare quote in a
        sentence whose subject is no actor.
        """
        found = []
        for u in fragments:
            span = c.doc.char_span(u.start, u.end, alignment_mode="expand")
            words = WORD.findall(c.text[u.start : u.end])
            if span is None or not words or _title_case(words) or _work_title(c.text[c.line_of(u.open_at)[0] : u.open_at]):
                continue
            verb = span.root
            hops = 0
            adjunct = False
            while (verb.pos_ not in ("VERB", "AUX") or span.start <= verb.i < span.end) and verb.head.i != verb.i and hops < 5:
                adjunct = adjunct or (verb.dep_ == "prep" and verb.lower_ in ADJUNCT_PREPS)
                verb = verb.head
                hops += 1
            if adjunct or verb.pos_ not in ("VERB", "AUX") or verb.i > span.start:
                continue
            if len(words) < 2 and verb.lemma_.lower() not in NAMING_VERBS:
                continue  # one quoted word is someone's only after a verb of naming ('called the plan “reckless”')
            governing = verb
            while governing.dep_ in ("ccomp", "conj") and governing.head.i != governing.i and not is_cue_verb(governing):
                governing = governing.head
            if is_cue_verb(governing) and governing.i != verb.i:
                verb = governing  # 'tweeted that Machado was “disgusting”': the tweet's author speaks, not Machado
            elif verb.lemma_ == "be":
                continue  # 'the plan was “dead”' describes; nobody is quoted
            subj = subject_of(verb)
            if subj is None or subj.lower_ in FIRST_PERSON:
                continue
            actor, mention = c.speakers.resolve(subj, create=False)
            if actor is None:
                continue
            start_tok = verb.i + 1
            while start_tok < span.start and (c.doc[start_tok].dep_ in ("prt", "advmod", "npadvmod")
                                              or (c.doc[start_tok].is_punct and c.doc[start_tok].text not in ALL_MARKS)):
                start_tok += 1
            start = c.doc[start_tok].idx
            end = u.close_end
            if end - start > 400 or "\n" in c.text[start:end]:
                continue
            cue, cue_at = _cue(verb)
            found.append(_quote(c.text[start:end], "mixed", start, actor, cue, mention, cue_at))
        return found

    # ---- headline and standfirst ---------------------------------------------------------------------

    def headline_clauses(self, nlp: Language, title: str | None, standfirst: str | None) -> list[HeadlineClause]:
        """The clauses of the headline and standfirst to parse for quotes (headlines join clauses with ';'),
        less those that cannot attribute (see _may_attribute). The caller parses them, in its own batches."""
        return [HeadlineClause(name, m.start(), m.group())
                for name, s in (("title", title), ("standfirst", standfirst)) if s
                for m in re.finditer(r"[^;\s](?:[^;]*[^;\s])?", s)
                if WORD.search(m.group()) and self._may_attribute(nlp, m.group())]

    def headline_quotes(self, clauses: list[HeadlineClause], docs: Iterable[Doc], body: tuple[Quote, ...],
                        table: ActorTable) -> tuple[Quote, ...]:
        """Quotes in the headline and standfirst, offsets into that string (`part`), speakers linked to the body's actors.

        ``docs`` are the parses of ``clauses``. A clause the parser reads no quote in gets the headline
        conventions: 'Talks unlikely – Moscow', 'Talks unlikely, Moscow says', 'Moscow says talks
        unlikely'. The speaker is then matched to a body actor by name or mention ("Moscow"), by role
        noun ("a senior diplomat" → the body's "the diplomat"), or, for an unnamed role, taken to be the
        body's most quoted person.
        """
        out: list[Quote] = []
        for clause, doc in zip(clauses, docs, strict=True):
            for found in self._headline(doc, clause.text):
                out.append(replace(_link(_shift(found, clause.offset), table, body), part=clause.part))  # type: ignore[arg-type]
        return tuple(out)

    def _may_attribute(self, nlp: Language, text: str) -> bool:
        """Whether a headline clause is worth parsing for quotes: most hold no quotation mark, colon or dash
        and no form of a cue verb, and the parse would find nothing in them (a sixth of a document's time)."""
        if self._cue_forms is None:
            try:
                exceptions = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc")["verb"]  # type: ignore[attr-defined]
            except (KeyError, AttributeError):  # a model without the rule lemmatizer: parse every clause
                return True
            self._cue_forms = cue_word_forms(exceptions)
        if any(ch in ALL_MARKS for ch in text) or HEADLINE_PUNCTUATION.search(text):
            return True
        return any(w in self._cue_forms or w == "according" for w in WORD.findall(text.lower()))

    def _headline(self, doc: Doc, text: str) -> list[Quote]:
        """Quotes of one headline clause, with the speaker as written (no actor yet)."""
        quotes, _ = self(doc, ActorTable.build(()))
        found = [q for q in quotes if q.speaker_mention is not None] or list(quotes)
        if not found:
            for pattern in HEADLINE_TAGS:
                m = pattern.match(text)
                if m is not None and len(WORD.findall(m.group("content"))) >= 3 and len(WORD.findall(m.group("source"))) <= 5:
                    c0, s0, q0 = m.span("content"), m.span("source"), m.span("cue")
                    found.append(Quote(text=m.group("content"), kind="indirect", start=c0[0], end=c0[1], cue=m.group("cue"),
                                       speaker_mention=Mention(*s0, m.group("source")), cue_mention=Mention(*q0, m.group("cue"))))
                    break
        return [replace(q, speaker=None, speaker_name=None) for q in found]


def _held_content(word: Token, preps: frozenset[str]) -> tuple[int, int] | None:
    """Token bounds of what a noun or adjective of saying or stance holds: a clause, an infinitive or the object of one
    of its prepositions after it ("the claim that …", "wary of …"), or the clause its copula takes ("the claim is that
    …", "she was adamant that …")."""
    content = next((ch for ch in word.rights if (ch.dep_ in ("acl", "ccomp", "xcomp") and ch.pos_ in ("VERB", "AUX"))
                    or (ch.dep_ == "prep" and ch.lower_ in preps)), None)
    if content is None and word.dep_ in ("nsubj", "acomp") and word.head.lemma_ in COPULAS:
        content = next((ch for ch in word.head.rights if ch.i > word.i and ch.dep_ in ("ccomp", "xcomp") and ch.pos_ in ("VERB", "AUX")), None)
    if content is None:
        return None
    if content.dep_ != "prep":
        return content.left_edge.i, content.right_edge.i
    obj = next((o for o in content.children if o.dep_ in ("pobj", "pcomp")), None)
    return (obj.left_edge.i, content.right_edge.i) if obj is not None else None


def _role_holder(noun: Token) -> Token | None:
    """Whom a role of stance describes: the subject of its copula ("she is a critic of …") or the noun it stands in
    apposition to ("Ames, a backer of …")."""
    if noun.dep_ == "attr" and noun.head.lemma_ in COPULAS:
        return subject_of(noun.head)
    return noun.head if noun.dep_ == "appos" else None


def _phrase_holder(noun: Token) -> Token | None:
    """The subject of the verb a phrase of stance qualifies ("voted in favor of …", "was in support of …"; not "said
    in a statement …", whose statement is the subject's own words)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "in" or prep.head.pos not in VERBAL or noun.lemma_.lower() not in STANCE_PHRASES:
        return None
    return subject_of(prep.head)


def _voicer(noun: Token) -> Token | None:
    """Who voices a noun of saying that has no possessor: the subject of a verb that utters it ('made the argument
    that …', 'voiced concern that …', 'persisted in the claim that …'), not of one that answers it ('rejected claims
    that …')."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    elif noun.dep_ != "dobj":
        return None
    if verb.pos not in VERBAL or verb.lemma_.lower() not in VOICING_VERBS:
        return None
    return subject_of(verb)


SOURCE_WORDS = string_ids(("according", "in", *HEARSAY))  # the words as numbers, as a column holds them


def _report_candidates(words: Columns) -> list[int]:
    """The tokens `_indirect` can report from: 'according', 'in', the adverbs of hearsay, and the verbs by part of speech or tag (the rest
    can carry no attribution lemma). Read from columns, which makes no Token object for every other word."""
    return [i for i, (lower, verbal) in enumerate(zip(words.lower, words.verbal, strict=True)) if lower in SOURCE_WORDS or verbal]


def _passive_participle(verb: Token) -> bool:
    """'Asked about the deal, she said …', 'a spokesman, pressed on the delay, …': the participle is passive, so the
    one it hangs on was asked, and whoever asked is not named (unless by an agent: "opposed by the union")."""
    return verb.tag_ == "VBN" and verb.dep_ in ("advcl", "acl") and not any(ch.dep_ in ("aux", "auxpass", "nsubj", "agent") for ch in verb.children)


def _as_clause(verb: Token) -> bool:
    """'as she put it', 'as he noted': a tag on the clause it hangs on, before or after it."""
    return verb.dep_ == "advcl" and any(ch.dep_ == "mark" and ch.lower_ == "as" for ch in verb.children)


def _passive_topic(verb: Token) -> tuple[int, int] | None:
    """Token bounds of what a passive report is about, when it names its source ("the plan was endorsed by three
    unions", "the loss was first reported by the Gazette", "a levy opposed by the fishermen")."""
    if not any(ch.dep_ == "agent" for ch in verb.children):
        return None
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos in (NOUN, PROPN):
        noun = verb.head  # "the levy, opposed by the fishermen, …": the noun phrase, or up to the participle at the root
        return noun.left_edge.i, noun.right_edge.i if noun.dep_ != "ROOT" else back_over_joints(verb.doc, noun.i, verb.left_edge.i - 1)
    topic = next((ch for ch in verb.children if ch.dep_ == "nsubjpass"), None)
    if topic is None or topic.lower_ in RELATIVE:
        return None
    return topic.left_edge.i, topic.right_edge.i


def _between_bodies(c: _Context, verb: Token, bounds: tuple[int, int]) -> bool:
    """A stance that passes between states or bodies: its holder or its object is a country or an organisation
    ("Finland urged Sweden to …", "the minister welcomed the AU decision"), or its holders act jointly ("Ana and
    her counterpart agreed to meet", "the two officials discussed the plan"; not an act with an object that is no
    joint one: "Ana and Ben endorsed Cole" is each one's stance). Such acts are events, not attributions."""
    subj = subject_of(verb)
    objects = [ch for ch in verb.children if ch.dep_ in ("dobj", "dative")]
    joint = not objects or verb.lemma_.lower() in RECIPROCAL  # "agreed to meet", "discussed the plan": done together
    if subj is not None and joint and any(ch.dep_ == "conj" or (ch.dep_ == "nummod" and is_person_noun(subj)) for ch in subj.children):
        return True  # "the two ministers agreed …", not "56 percent would vote for …"
    objects += [o for prep in verb.children if prep.dep_ == "prep" for o in prep.children if o.dep_ == "pobj"]
    # the holder (not a person named by a body's name: "an RT host"), and the one the stance is aimed at (inside what
    # it governs, not an adjunct: "in Brussels")
    holder = [subj] if subj is not None and not (subj.pos == NOUN and is_person_noun(subj)) else []
    parties = holder + [o for o in objects if bounds[0] <= o.i <= bounds[1]]
    for party in parties:
        actor = c.speakers.resolve(party, create=False)[0]
        if actor is not None and actor.kind in BODIES:
            return True
    return False


def _shift(q: Quote, offset: int) -> Quote:
    """A quote found in one clause of a string, with offsets into the whole string."""
    def move(m: Mention | None) -> Mention | None:
        return Mention(m.start + offset, m.end + offset, m.text) if m is not None else None
    return replace(q, start=q.start + offset, end=q.end + offset, speaker_mention=move(q.speaker_mention), cue_mention=move(q.cue_mention))


def _link(q: Quote, table: ActorTable, body: tuple[Quote, ...]) -> Quote:
    """The body actor a headline speaker stands for: same name or mention, same role noun, else the main speaker."""
    m = q.speaker_mention
    if m is None:
        return q
    words = m.text.lower().replace("’s", "").split()
    if not words:
        return q
    head = words[-1]
    best: Actor | None = None
    for actor in table.actors:
        names = {actor.name.lower(), actor.name.lower().split()[-1]} | {x.text.lower() for x in actor.mentions}
        heads = {x.text.lower().split()[-1] for x in actor.mentions if x.text.strip()}
        if " ".join(words) in names or (head in heads and head[:1].isalpha()):
            best = actor
            break
    if best is None and head.isalpha() and not m.text[:1].isupper():
        spoken = Counter(b.speaker for b in body if b.speaker)
        for speaker_id, _ in spoken.most_common(1):
            cand = table.by_id(speaker_id)
            if cand is not None and cand.kind == "person":
                best = cand
    if best is None:
        return q
    return replace(q, speaker=best.id, speaker_name=best.name)


def _behind_document(tok: Token | None) -> Token | None:
    """'according to a statement from the ministry' → the ministry."""
    if tok is None or tok.lemma_.lower() not in DOCUMENTS:
        return tok
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "of"):
            obj = next((ch for ch in prep.children if ch.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return tok


def _quote(text: str, kind: QuoteKind, start: int, actor: Actor | None, cue: str | None, mention: Mention | None,
           cue_at: Mention | None) -> Quote:
    return Quote(text=text, kind=kind, start=start, end=start + len(text), speaker=actor.id if actor else None,
                 speaker_name=actor.name if actor else None, cue=cue, speaker_mention=mention, cue_mention=cue_at)


def _dedupe(quotes: list[Quote]) -> list[Quote]:
    """One quote per stretch of text: a later one equal to or inside an earlier direct or colon quote is dropped,
    and so is a report nested in another's words ("the AU said the package showed …" is the AU's)."""
    out: list[Quote] = []
    for q in quotes:
        cm = q.cue_mention
        if cm is not None and any(o is not q and o.start <= cm.start < o.end for o in quotes):
            continue
        if any(o.start <= q.start and q.end <= o.end and (o.kind == "direct" or o.cue == ":" or (o.start, o.end) == (q.start, q.end))
               for o in out):
            continue
        out.append(q)
    return out


def _inherit(quotes: list[Quote], c: _Context) -> Iterator[Quote]:
    """A direct quote with no cue of its own continues the speaker of the quote before it, passing over claims attributed
    to nobody.

    Only within its paragraph, or from the paragraph just before when the quote opens its own.
    """
    prev: Quote | None = None
    for quote in quotes:
        q = quote
        if q.cue is None and q.speaker is None and q.speaker_mention is None and prev is not None and prev.speaker is not None:
            line = c.line_of(q.start)
            same_line = c.line_of(prev.start) == line or c.line_of(prev.end - 1) == line
            opens_line = not c.text[line[0] : q.start].strip(" \t\xa0'\"“‘«„”")
            prev_line = c.line_of(line[0] - 1) if line[0] else None
            follows = opens_line and prev_line is not None and prev_line[0] <= prev.end - 1 < prev_line[1] + 1
            if same_line or follows:
                q = replace(q, speaker=prev.speaker, speaker_name=prev.speaker_name, speaker_mention=prev.speaker_mention)
        yield q
        if q.kind == "direct" or q.speaker_mention is not None:
            prev = q  # a claim attributed to nobody ("when asked about …") does not break a speaker's run of quotes
