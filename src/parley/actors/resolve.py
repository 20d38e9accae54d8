"""The actor stage: find who is mentioned, give each a CAMEO-style code, and link coreferent mentions.

Named mentions come from the gazetteer (countries, capitals and seats as government metonyms,
organisations, institutions, known people) and from spaCy's PERSON entities qualified by their
titles and appositions. A second pass links surnames, role nouns ("the diplomat") and pronouns to
the person last named before them.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import get_string_id
from spacy.symbols import NOUN, PRON, PROPN
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from parley.actors.cities import best_city, cities
from parley.actors.gazetteer import Entry, Gazetteer, load_gazetteer
from parley.columns import Columns, string_ids
from parley.records import Actor, Mention

PERSON_PRONOUNS = {"he", "she", "him", "her"}
HEADS_OF_STATE = {"president", "prime minister", "premier", "king", "queen", "emir", "sultan", "chancellor", "monarch",
                  "head of state", "head of government", "supreme leader", "crown prince", "vice president"}
EQUIPMENT = {"drones", "warplanes", "fighter jets", "artillery", "tanks", "missiles"}  # role nouns that are no actors' names
# bodies a country sends abroad: only its own country word places one ("a Kenyan delegation" is KENGOV), never the
# place it is in or the country its sentence names ("a delegation arrived in Kenya" is no Kenyan body)
SENT_BODIES = {"delegation", "delegations"}
TYPO_ENTITY_TYPES = ("GPE", "LOC", "ORG", "NORP", "")  # a proper noun of these may be a misspelt country or capital
LOCATIVE_PREPS = {"in", "near", "outside", "inside", "around", "across", "throughout", "at"}
_TERM = re.compile(r"former (?P<office>[a-z .'-]+?) \((?P<start>\d{4})(?:-(?P<end>\d{4}))?\)")  # people.tsv office
INTERNATIONAL_SECTORS = frozenset({"IGO", "NGO", "INT", "UIS"})  # CAMEO international generic codes
STANCES = {"anti", "pro"}
# nouns whose owner or of-phrase names the other side of a relation, never the noun's own actor
RELATIONAL_NOUNS = {"ally", "rival", "enemy", "opponent", "foe", "adversary", "critic", "proxy"}
BARE_UN_ORGANS = {"Security Council": "UN Security Council", "General Assembly": "UN General Assembly"}
UNPLACED_GENERIC_SECTORS = frozenset({"NGO", "INT", "UIS"})  # those a role noun alone names ("aid agencies")
SETTLEMENTS = {"city", "town", "village", "port", "capital", "province", "district", "region", "enclave", "suburb"}
# parts of a town: "the outskirts of Kabul", "a sector of Beirut" is somewhere in the city, not its government
PLACE_PARTS = {"suburb", "outskirts", "outskirt", "sector", "district", "part", "area", "centre", "center", "neighbourhood",
               "neighborhood", "quarter", "street", "heart", "edge", "north", "south", "east", "west", "northeast",
               "northwest", "southeast", "southwest"}
FAITHS = {"islamic", "islamist", "muslim", "christian", "jewish", "hindu", "buddhist", "catholic", "protestant", "orthodox",
          "sunni", "shia", "shiite", "evangelical", "coptic", "sikh"}  # adjectives that name no country
NOMINAL_DEPS = {"compound", "amod", "nmod", "poss"}
# CAMEO sectors of an organisation the gazetteer does not list, by the noun its name ends in (actor codes, ch. 3):
# a party or movement not in government is political opposition, an armed front, army or brigade is rebels
GOVERNING = {"ruling", "governing"}
UNLISTED_ORG_SECTORS = {"party": "OPP", "movement": "OPP", "front": "REB", "army": "REB", "brigade": "REB", "brigades": "REB"}


@dataclass
class _Draft:
    """An actor while mentions are still being gathered."""

    name: str
    kind: str
    country: str | None
    role: str | None
    code: str | None
    mentions: list[Mention] = field(default_factory=list)
    ethnic: set[int] = field(default_factory=set)  # starts of mentions that "ethnic" qualifies ("ethnic Albanian rebels")

    @property
    def surname(self) -> str:
        return self.name.split()[-1] if self.kind == "person" else ""


@dataclass(frozen=True)
class ActorTable:
    """The actors of one document and a lookup from character ranges to the actor mentioned there."""

    actors: tuple[Actor, ...]
    _starts: tuple[int, ...] = ()
    _spans: tuple[tuple[int, int, int], ...] = ()  # (start, end, actor index), sorted by start
    _widest: int = 0  # the longest mention, in characters

    @classmethod
    def build(cls, actors: tuple[Actor, ...]) -> ActorTable:
        spans = sorted((m.start, m.end, i) for i, a in enumerate(actors) for m in a.mentions)
        return cls(actors, tuple(s for s, _, _ in spans), tuple(spans), max((e - s for s, e, _ in spans), default=0))

    def at(self, start: int, end: int) -> Actor | None:
        """The actor whose mention overlaps [start, end), preferring the tightest (the first in order of start among
        equally tight ones), among the 64 mentions starting last before ``end``."""
        best: tuple[int, int] | None = None
        hi = bisect.bisect_left(self._starts, end)
        spans = self._spans
        # back from the last mention that starts before ``end``, until none can reach ``start`` any more
        for k in range(hi - 1, max(0, hi - 64) - 1, -1):
            s, e, idx = spans[k]
            if s + self._widest <= start:
                break
            if e > start:
                width = e - s
                if best is None or width <= best[0]:
                    best = (width, idx)
        return self.actors[best[1]] if best else None

    def by_id(self, actor_id: str | None) -> Actor | None:
        """An actor by its document-local id."""
        return next((a for a in self.actors if a.id == actor_id), None)


@cache
def _matcher(nlp: Language) -> PhraseMatcher:
    gaz = load_gazetteer()
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    for form in gaz.forms:
        matcher.add(form, [nlp.make_doc(form)])
    for name in BARE_UN_ORGANS:  # matched apart: only their context makes them the UN's (_bare_un_organ)
        matcher.add(name, [nlp.make_doc(name)])
    return matcher


@cache
def _roles_longest_first() -> tuple[str, ...]:
    return tuple(sorted(load_gazetteer().roles, key=len, reverse=True))


@cache
def _roles_by_opening() -> tuple[int, dict[str, tuple[int, ...]]]:
    """The role phrases (as positions in _roles_longest_first) by their first ``n`` characters, with ``n``: a phrase
    occurs in a text only where the text holds its opening, so a title need not be searched for the others."""
    phrases = _roles_longest_first()
    n = min(3, *(len(p) for p in phrases))
    index: dict[str, list[int]] = {}
    for at, phrase in enumerate(phrases):
        index.setdefault(phrase[:n], []).append(at)
    return n, {opening: tuple(ats) for opening, ats in index.items()}


@cache
def _role_head_words() -> frozenset[str]:
    """The last word of every role phrase: a noun that is none of them heads no role, whatever its modifiers."""
    return frozenset(phrase.rsplit(" ", 1)[-1] for phrase in load_gazetteer().roles)


@cache
def _role_head_ids() -> frozenset[int]:
    return string_ids(_role_head_words())


def ent_span(tok: Token) -> Span | None:
    """The named-entity span a token belongs to, read from its IOB tags (cheaper than scanning doc.ents)."""
    if not tok.ent_type_:
        return None
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=tok.ent_type_)


def _role_in(text: str, gaz: Gazetteer) -> tuple[str, str] | None:
    """The longest role phrase inside a title string: (phrase as written, sector)."""
    low = text.lower()
    phrases = _roles_longest_first()
    n, by_opening = _roles_by_opening()
    present = {k for i in range(len(low) - n + 1) for k in by_opening.get(low[i : i + n], ())}
    for phrase in (phrases[k] for k in sorted(present)):  # the longest first, as before
        at = low.rfind(phrase)
        if at >= 0 and (at == 0 or not low[at - 1].isalpha()) and (at + len(phrase) == len(low) or not low[at + len(phrase)].isalpha()):
            return text[at : at + len(phrase)], gaz.roles[phrase].sector
    return None


AFFILIATION_KINDS = ("country", "demonym", "government", "institution", "organization", "region")


@cache
def _affiliation_pattern() -> re.Pattern[str]:
    gaz = load_gazetteer()
    forms = sorted((f for f, e in gaz.forms.items() if (len(f) > 2 or f.isupper()) and e.kind in AFFILIATION_KINDS),
                   key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w])")


def _affiliation(text: str, gaz: Gazetteer) -> Entry | None:
    """The first country, institution or organisation a title names ("UN envoy to Syria" → UN; "US envoy to the UN" → US)."""
    m = _affiliation_pattern().search(text)
    return gaz.forms[m.group(0)] if m else None


def _person_code(entry: Entry | None, role: tuple[str, str] | None) -> str | None:
    """CAMEO code of a person from where they belong and the role their title gives."""
    if entry is None:
        return None
    if entry.country is None:  # an international body: its own code stands for its officials
        return entry.code
    return entry.country + (role[1] if role else "")


# Definite nouns that refer back to the organisation named last ("the bloc", "the alliance", "the agency").
ORG_ANAPHORS = {"bloc", "alliance", "agency", "watchdog", "organisation", "organization", "union", "body", "commission"}
# Role nouns that may refer back to any person named before ("the diplomat" → Ryabkov); others need a matching title.
GENERIC_PERSON_ROLES = {"diplomat", "official", "envoy", "spokesman", "spokeswoman", "spokesperson", "minister", "leader",
                        "negotiator", "aide", "politician", "officer", "commander", "general", "lawmaker", "activist"}
# Titles a generic role noun most likely stands for ("the diplomat" → a foreign minister or an ambassador).
ROLE_KIN = {"diplomat": ("foreign", "ambassador", "envoy", "diplomat", "consul", "secretary of state"),
            "official": ("official", "minister", "secretary", "adviser", "spokes"),
            "spokesman": ("spokes",), "spokeswoman": ("spokes",), "spokesperson": ("spokes",)}


class ActorResolver:
    """Callable stage: Doc → ActorTable. Holds the gazetteer and matcher, built once."""

    def __init__(self, nlp: Language) -> None:
        self.gaz = load_gazetteer()
        self.matcher = _matcher(nlp)
        cities()  # indexed now (a second), not inside the time budget of the first document naming a city
        self._lone_words = string_ids([*self.gaz.folded, *(name.lower() for name in self.gaz.surnames)])
        self._typo_entity_types = string_ids(TYPO_ENTITY_TYPES)

    def __call__(self, doc: Doc) -> ActorTable:
        drafts: dict[str, _Draft] = {}
        # one Span per entity for every pass below (iterating doc.ents builds new ones each time); words as columns
        cols, ents = Columns(doc), doc.ents
        gaz_spans = self._gazetteer_spans(doc, cols, ents)
        taken = {i for span, _ in gaz_spans for i in range(span.start, span.end)}
        named = frozenset(e.country for _, e in gaz_spans if e.kind in ("country", "demonym") and e.country)
        stances = {span.start_char: stance(span[0]) for span, _ in gaz_spans}
        for span, entry in gaz_spans:
            # "South China Sea": matched only so that "China" inside it is not an actor; "pro-Russian rebels" name the
            # side they support, which does nothing in the sentence
            if entry.kind != "place" and stances[span.start_char] != "pro":
                self._add_entry_mention(doc, span, entry, drafts, named)
        for ent in ents:
            if ent.label_ == "PERSON" and not any(i in taken for i in range(ent.start, ent.end)):
                self._add_person(ent, drafts)
        self._add_cities(ents, drafts, taken)
        self._unlisted_organisations(ents, drafts)
        self._add_coreference(doc, cols, drafts, frozenset(at for at, said in stances.items() if said))
        self._place_officials(_subjects(doc, cols), drafts)
        self._located_groups(doc, cols, drafts)
        self._minorities(doc, drafts)
        actors = tuple(
            Actor(id=f"a{i}", name=d.name, kind=d.kind, country=d.country, role=d.role, code=d.code,  # type: ignore[arg-type]
                  mentions=tuple(sorted(set(d.mentions), key=lambda m: m.start)))
            for i, d in enumerate((d for d in drafts.values() if d.mentions), start=1)  # a minority may empty its nation
        )
        return ActorTable.build(actors)

    def _gazetteer_spans(self, doc: Doc, cols: Columns, ents: Sequence[Span]) -> list[tuple[Span, Entry]]:
        spans = [Span(doc, s, e, label=m) for m, s, e in self.matcher(doc)]
        found = []
        for span in filter_spans(spans):
            organ = BARE_UN_ORGANS.get(span.label_)
            if organ is not None:
                if _bare_un_organ(span):
                    found.append((span, self.gaz.forms[organ]))
                continue
            entry = self.gaz.forms[span.label_]
            # "Chad Smith", "Michael Jordan": a country name inside a longer PERSON name is part of that name (a lone
            # "Togo" that the tagger calls a person is still the country)
            if entry.kind == "country" and span.root.ent_type_ == "PERSON":
                ent = ent_span(span.root)
                if ent is not None and len(ent) > len(span):
                    continue
            found.append((span, entry))
        covered = {i for s, _ in found for i in range(s.start, s.end)}
        # a surname that another person in the text also bears is theirs, not the gazetteer's
        other_people = {ent[-1].text for ent in ents if ent.label_ == "PERSON" and len(ent) > 1 and self.gaz.lookup(ent.text) is None}
        for i in self._lone_word_candidates(cols):
            if i in covered:
                continue
            tok = doc[i]
            text = tok.text
            guess = self.gaz.casefold(text)
            if guess is None and tok.pos == PROPN and tok.ent_type_ in TYPO_ENTITY_TYPES:
                guess = self.gaz.fuzzy(text)
            if guess is None and text not in other_people:
                guess = self._known_surname(tok, text)
            if guess is not None:
                found.append((doc[tok.i : tok.i + 1], guess))
        return sorted(found, key=lambda pair: pair[0].start)

    def _lone_word_candidates(self, cols: Columns) -> list[int]:
        """The words that may name an actor alone (see _gazetteer_spans): a word written in the wrong case only if its
        lower case is a folded name, a surname only if its lower case is a known one's (a non-ASCII word may change
        more than its case when capitalised: it is always tried), a typo only in a proper noun of those entity types."""
        lone, typo_types = self._lone_words, self._typo_entity_types
        return [i for i, (alpha, ascii_, low, pos, ent) in enumerate(zip(cols.alpha, cols.ascii, cols.lower, cols.pos, cols.ent, strict=True))
                if alpha and (low in lone or not ascii_ or (pos == PROPN and ent in typo_types))]

    def _known_surname(self, tok: Token, text: str) -> Entry | None:
        """A well-known person named by surname alone ("Putin"), also in lower case after a title ("President obama");
        ``text`` is the token's (read once by the caller)."""
        capital = text[:1].isupper()
        entry = self.gaz.surnames.get(text if capital else text.capitalize())
        if entry is None:
            return None
        if capital:
            if tok.pos != PROPN:
                return None
            if tok.ent_type_ == "PERSON":
                # inside a longer name ("Michelle Obama") the surname belongs to someone else
                ent = ent_span(tok)
                if ent is not None and any(t.pos_ == "PROPN" and t.i != tok.i and t.lower_ not in self.gaz.roles for t in ent):
                    return None
            return entry
        prev = tok.doc[tok.i - 1] if tok.i else None
        return entry if prev is not None and prev.lower_ in self.gaz.roles and self.gaz.roles[prev.lower_].person else None

    def _draft(self, drafts: dict[str, _Draft], key: str, **fields: str | None) -> _Draft:
        if key not in drafts:
            drafts[key] = _Draft(**fields)  # type: ignore[arg-type]
        return drafts[key]

    def _add_entry_mention(self, doc: Doc, span: Span, entry: Entry, drafts: dict[str, _Draft], named: frozenset[str]) -> None:
        """One gazetteer match as an actor mention; ``named`` are the countries the text names by name or demonym."""
        if entry.kind in ("country", "demonym", "government", "region") and entry.country \
                and (role_head := self._role_head(span)) is not None:
            role = self.gaz.roles[role_head[1]]
            if not role.person or not self._names_person(role_head[0]):
                # "Turkish officials", "Russia's foreign ministry", "Iranian troops": country + sector
                start, end = span.start_char, role_head[0].idx + len(role_head[0].text)
                written = doc[span.start : role_head[0].i + 1].text  # (doc.text would rebuild the whole text)
                # a country's contingent in an international body ("Filipino peacekeepers") is coded by its country:
                # IGO/NGO/INT/UIS replace a country in CAMEO, they never follow one
                code = entry.country + ("" if role.sector in INTERNATIONAL_SECTORS else role.sector)
                # named as written ("Nigerian Foreign Ministry"); one actor per country and role
                d = self._draft(drafts, f"{code}:{role.phrase}", name=written, kind="group",
                                country=entry.country, role=role.phrase, code=code)
                d.mentions.append(Mention(start, end, written))
                if any(c.lower_ == "ethnic" for t in (span[0], role_head[0]) for c in t.children):
                    d.ethnic.add(start)
                return
            if self._names_person(role_head[0]):
                return  # the title of a named person: handled with that person
        kind = {"country": "country", "demonym": "country", "government": "organization",
                "institution": "organization", "person": "person"}.get(entry.kind, entry.kind)
        key = entry.name if entry.kind == "person" else entry.code
        if (entry.kind == "region" or (entry.kind == "government" and entry.role == "capital" and self._is_location(span))) \
                and entry.country:
            # "rallied in Tehran", "the embassy in Oslo": the capital as a place stands for the country, not its government;
            # so does a region ("in Darfur", "Chechnya")
            place = entry.country if entry.kind == "region" else _capital_country(span.text, entry.country, named)
            d = self._draft(drafts, f"{place}:place", name=self.gaz.country_names.get(place, place),
                            kind="location", country=place, role=None, code=place)
            d.mentions.append(Mention(span.start_char, span.end_char, span.text))
            return
        country, office, code = entry.country, entry.role if entry.kind == "person" else None, entry.code
        if entry.kind == "person" and key not in drafts:
            # the title in the text wins over the gazetteer's ("President Joe Biden" in a 2023 story is USAGOV, not ELI)
            title = self._qualifiers(span)
            said = _role_in(title, self.gaz) if title else None
            if said is not None and entry.country is None:
                office = said[0]  # an international official keeps the body's code
            elif said is not None:
                where = _affiliation(title, self.gaz)
                country = where.country if where is not None and where.kind != "organization" and where.country else entry.country
                office, code = said[0], f"{country}{said[1]}"
        d = self._draft(drafts, key, name=entry.name, kind=kind, country=country, role=office, code=code)
        d.mentions.append(Mention(span.start_char, span.end_char, span.text))

    def _add_cities(self, ents: Sequence[Span], drafts: dict[str, _Draft], taken: set[int]) -> None:
        """A city named as the place where something happens ("in Kirkuk", "near Samarra") stands for its country,
        as a capital does; a name several countries' cities bear goes to the one in a country the text names."""
        named = frozenset(d.country for d in drafts.values() if d.country)
        for ent in ents:
            if ent.label_ != "GPE" or any(i in taken for i in range(ent.start, ent.end)) or not (self._is_location(ent) or _settlement_of(ent)):
                continue
            city = best_city(ent.text.removesuffix("'s"), named)
            if city is None or not city.iso3:
                continue
            d = self._draft(drafts, f"{city.iso3}:place", name=self.gaz.country_names.get(city.iso3, city.iso3),
                            kind="location", country=city.iso3, role=None, code=city.iso3)
            d.mentions.append(Mention(ent.start_char, ent.end_char, ent.text))

    def _unlisted_organisations(self, ents: Sequence[Span], drafts: dict[str, _Draft]) -> None:
        """A party, movement or armed front the gazetteer does not list ("the Renewal Party of Kenya") is an actor of
        the country its own name, its phrases or the sentence place it in, with the sector its head noun names."""
        places = sorted((m.start, d.country) for d in drafts.values() if d.kind in ("country", "location") and d.country
                        for m in d.mentions)
        others = [(m.start, m.end) for d in drafts.values() if d.kind not in ("country", "location") for m in d.mentions]
        for ent in ents:
            sector = UNLISTED_ORG_SECTORS.get(ent[-1].lower_)
            if ent.label_ != "ORG" or sector is None or ent[0].lower_ in FAITHS \
                    or any(s < ent.end_char and e > ent.start_char for s, e in others):
                continue
            own = next((c for at, c in places if ent.start_char <= at < ent.end_char), None)
            country = own or self._origin(ent.root, drafts) or self._place_in(ent.root, places)
            if country is None and ent.root.dep_ in ("nsubj", "nsubjpass"):
                country = self._only_country(drafts)
            if country is None:
                continue
            if any(w.lower_ in GOVERNING for w in (*ent, *ent.root.lefts)):
                sector = "GOV"  # "the ruling Unity Party": CAMEO's government includes its governing parties
            name = ent.text.removeprefix("the ").removeprefix("The ")
            d = self._draft(drafts, f"org:{name}", name=name, kind="organization", country=country, role=ent[-1].lower_,
                            code=country + sector)
            d.mentions.append(Mention(ent.start_char, ent.end_char, ent.text))

    def _role_head(self, span: Span) -> tuple[Token, str] | None:
        """The role noun a country word qualifies ("Russian [troops]", "Russia's [foreign ministry]")."""
        tok = span.root
        if stance(span[0]) is not None:
            return None  # "an anti-Syria journalist", "pro-Russian rebels": the country is what they are for or against
        while tok.dep_ == "conj" and tok.head.i < tok.i:
            tok = tok.head  # "Kenyan and Ugandan forces": each demonym of a coordination qualifies the noun they share
        if tok.dep_ == "npadvmod" and tok.head.lemma_.lower() == "lead" and tok.head.dep_ in NOMINAL_DEPS:
            tok = tok.head  # "Saudi-led forces" are the leader's (CAMEO codes a coalition by its leader)
        if tok.dep_ not in NOMINAL_DEPS:
            return None
        head = tok.head
        while head.dep_ == "compound" and head.head.i > head.i:
            head = head.head
        tokens = head.doc[span.end : head.i + 1]
        words = [t.text.lower() for t in tokens]
        for n in range(len(words)):
            cand = " ".join(words[n:])
            if cand in self.gaz.roles:
                return head, cand
            # "opposition candidates" → the singular role "opposition candidate"
            cand = " ".join([*words[n:-1], head.lemma_.lower()])
            if cand in self.gaz.roles:
                return head, cand
        if head.lemma_.lower() in self.gaz.roles:
            return head, head.lemma_.lower()
        return None

    @staticmethod
    def _is_location(span: Span) -> bool:
        """A capital named as the place where something happens ("in Kabul", "outside Tehran"), not as an actor."""
        tok = span.root
        return (tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS) or _part_of_place(tok)

    @staticmethod
    def _names_person(head: Token) -> bool:
        return head.ent_type_ == "PERSON" or any(t.ent_type_ == "PERSON" for t in head.rights if t.dep_ in ("appos", "compound"))

    def _qualifiers(self, ent: Span) -> str:
        """Title words before a name and its apposition: where role and country are stated."""
        doc = ent.doc
        left = ent.root.left_edge.i
        # "Sultan Omar Saleh": a title the tagger put inside the name is a title all the same
        inner = next((i for i in range(ent.start, ent.end) if doc[i].lower_ not in self.gaz.roles), ent.start)
        title = doc[min(left, ent.start) : inner].text
        appos = [c for c in ent.root.children if c.dep_ == "appos"]
        if appos:
            title += " " + doc[appos[0].left_edge.i : appos[0].right_edge.i + 1].text
        elif ent.root.dep_ == "appos" and ent.root.head.i < ent.start:
            head = ent.root.head
            title += " " + doc[head.left_edge.i : head.i + 1].text
        # "King Hassan of Morocco", "President Jonas Mbeki of Namibia": the realm after the name
        realm = next((c for c in ent.root.children if c.dep_ == "prep" and c.lower_ == "of" and c.i >= ent.end), None)
        if realm is not None:
            title += " " + doc[realm.i : realm.right_edge.i + 1].text
        return title.strip()

    def _add_person(self, ent: Span, drafts: dict[str, _Draft]) -> None:
        name = ent.text.removesuffix("’s").removesuffix("'s").strip()
        if not name or not name[:1].isupper():
            return
        parts = name.split()
        if len(parts) == 1:
            match = next((d for d in drafts.values() if d.kind == "person" and d.surname == name), None)
            if match is not None:
                match.mentions.append(Mention(ent.start_char, ent.start_char + len(name), name))
                return
        known = self.gaz.lookup(name)
        if known is None and len(parts) == 1:
            known = self.gaz.surnames.get(name)
        title = self._qualifiers(ent)
        role = _role_in(title, self.gaz) if title else None
        where = _affiliation(title, self.gaz) if title else None
        country = where.country if where is not None else None
        code = _person_code(where, role)
        if known is not None and known.kind == "person":
            country = country or known.country
            role = role or ((known.role, known.sector or "") if known.role else None)
            code = code or known.code
            name = known.name
        d = self._draft(drafts, name, name=name, kind="person", country=country,
                        role=role[0] if role else None, code=code or None)
        d.mentions.append(Mention(ent.start_char, ent.start_char + len(ent.text.removesuffix("’s").removesuffix("'s").strip()),
                                  ent.text.removesuffix("’s").removesuffix("'s").strip()))

    def _add_coreference(self, doc: Doc, cols: Columns, drafts: dict[str, _Draft], opposed: frozenset[int]) -> None:
        """Surnames, role nouns and pronouns point at the person last named before them; "the bloc" at the last body.

        A definite office ("the prime minister") that no earlier name holds becomes an actor of its own, placed in
        the country the sentence names before it ("Downing Street said the prime minister …") or else the country
        the story is mostly about.
        """
        people = [d for d in drafts.values() if d.kind == "person"]
        named = sorted(((m.start, d) for d in people for m in d.mentions), key=lambda x: x[0])
        starts = [s for s, _ in named]
        covered = {i for d in drafts.values() for m in d.mentions for i in range(m.start, m.end)}
        surnames = {d.surname: d for d in people if d.surname}
        for i in _coreference_candidates(cols, string_ids(surnames)):
            tok = doc[i]
            at = tok.idx
            if at in covered:
                continue
            previous = bisect.bisect_left(starts, at)
            last = named[previous - 1][1] if previous else None
            pos = tok.pos  # the symbol's id: pos_ looks its name up in the string store
            if pos == PROPN and tok.text in surnames and tok.ent_type_ in ("PERSON", "", "ORG", "GPE", "NORP"):
                surnames[tok.text].mentions.append(Mention(tok.idx, tok.idx + len(tok.text), tok.text))
            elif last is not None and pos == PRON and tok.lower_ in PERSON_PRONOUNS:
                # "The minister said she had …": the speaker of the clause, before whoever was named last
                speaker = self._reporting_person(tok, drafts)
                (speaker or last).mentions.append(Mention(tok.idx, tok.idx + len(tok.text), tok.text))
            elif pos in (NOUN, PROPN) and tok.n_lefts and any(c.lower_ == "the" for c in tok.lefts):
                self._definite_noun(doc, tok, drafts, named[:previous])
            elif tok.tag_ == "NNS" and tok.lower_ in BARE_BODY_NOUNS and not any(c.dep_ in ("det", "poss") for c in tok.lefts):
                self._bare_body(doc, tok, drafts, opposed)

    @staticmethod
    def _reporting_person(pron: Token, drafts: dict[str, _Draft]) -> _Draft | None:
        """The person who is the subject of the verb that reports the pronoun's clause."""
        clause = pron.head
        if pron.dep_ != "nsubj" or clause.dep_ != "ccomp":
            return None
        subj = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
        if subj is None:
            return None
        return next((d for d in drafts.values() if d.kind == "person"
                     for m in d.mentions if m.start <= subj.idx < m.end), None)

    def _definite_noun(self, doc: Doc, tok: Token, drafts: dict[str, _Draft], before: list[tuple[int, _Draft]]) -> None:
        """Resolve "the diplomat", "the prime minister", "the bloc" (tok is the head noun)."""
        lemma = tok.lemma_.lower()
        if lemma not in ORG_ANAPHORS and lemma.rsplit(" ", 1)[-1] not in _role_head_words():
            return  # the cheap test first: a noun that is neither heads no role phrase below, whatever its modifiers
        if any(c.dep_ in ("compound", "appos", "amod") and c.pos_ == "PROPN" for c in tok.children) \
                or any(c.dep_ == "poss" or c.ent_type_ in ("NORP", "GPE", "ORG") for c in tok.lefts) \
                or tok.dep_ == "compound":
            return
        # "the mayor of the West Bank city of Nablus": an office of a place the text knows is that place's
        office_of = self._country_of_phrase(tok, drafts)
        if office_of is None and any(p.dep_ == "prep" and p.lower_ == "of" and any(o.pos_ == "PROPN" for o in p.children)
                                     for p in tok.children):
            return  # "the president of Armenia" names its own holder's country
        the = next(c for c in tok.lefts if c.lower_ == "the")
        start, end = the.idx, tok.idx + len(tok.text)
        mention = Mention(start, end, doc[the.i : tok.i + 1].text)
        if lemma in ORG_ANAPHORS:
            body = self._last_body(drafts, start)
            if body is not None:
                body.mentions.append(mention)
            return
        mods = [c.lower_ for c in tok.lefts if c.dep_ in ("compound", "amod")]
        phrase = next((p for n in range(len(mods) + 1) if (p := " ".join([*mods[n:], lemma])) in self.gaz.roles), None)
        if phrase is None or phrase.startswith("former"):
            return
        if not self.gaz.roles[phrase].person:
            # "protested against the government", "talks with the opposition": an untitled domestic body is the
            # one of the country the sentence names before it (else the story's country)
            sector = self.gaz.roles[phrase].sector
            if phrase != lemma or sector not in DOMESTIC_BODY_SECTORS or phrase in SENT_BODIES:
                return
            country = self._origin(tok, drafts) or self._country_before(doc, tok, drafts)
            if country is None:
                return
            d = self._draft(drafts, f"the {phrase}:{country}", name=f"the {phrase}", kind="organization",
                            country=country, role=phrase, code=country + sector)
            d.mentions.append(mention)
            return
        # the holder of that title named before ("the minister" → the foreign minister the story is about);
        # a generic noun ("the diplomat") may stand for anyone named before. The most mentioned one wins.
        generic = lemma in GENERIC_PERSON_ROLES and phrase == lemma
        kin = ROLE_KIN.get(phrase, (phrase,))
        weight: dict[int, tuple[int, int, _Draft]] = {}
        for at, d in before:
            if d.role and any(k in d.role.lower() for k in kin) and office_of in (None, d.country):
                n, _, _ = weight.get(id(d), (0, 0, d))
                weight[id(d)] = (n + 1, at, d)
        if not weight and generic:
            for at, d in before:
                n, _, _ = weight.get(id(d), (0, 0, d))
                weight[id(d)] = (n + 1, at, d)
        if weight:
            max(weight.values(), key=lambda w: (w[0], w[1]))[2].mentions.append(mention)
            return
        if generic:
            return
        # "the dissidents from Egypt": a from-phrase on the noun itself says where they come from
        country = office_of or self._origin(tok, drafts) or self._country_before(doc, tok, drafts)
        if country is None:
            return
        sector = self.gaz.roles[phrase].sector
        d = self._draft(drafts, f"the {phrase}:{country}", name=f"the {phrase}", kind="person", country=country,
                        role=phrase, code=country + sector)
        d.mentions.append(mention)

    def _bare_body(self, doc: Doc, tok: Token, drafts: dict[str, _Draft], opposed: frozenset[int]) -> None:
        """ "clashed with Maoist rebels", "police fired": an unqualified armed or security body belongs to the one
        country its sentence names, whatever movement or ethnic word qualifies it ("Maoist rebels"); none is guessed
        when the sentence names two."""
        if tok.dep_ == "compound" or any(c.ent_type_ in ("GPE", "ORG") for c in tok.lefts):
            return
        sent = tok.sent
        # ``opposed``: where "anti-X" names a country, which places no one ("anti-American militants")
        countries = {d.country for d in drafts.values() if d.country and (d.kind != "person" or d.code)
                     for m in d.mentions if sent.start_char <= m.start < sent.end_char and m.start not in opposed}
        if len(countries) != 1:
            return
        country = next(iter(countries))
        entry = self.gaz.roles.get(tok.lower_)
        if entry is None:
            return
        first = tok.left_edge if tok.left_edge.i >= sent.start else tok
        start = min(first.idx, tok.idx)
        d = self._draft(drafts, f"{country}{entry.sector}:{tok.lower_}", name=tok.lower_, kind="group", country=country,
                        role=tok.lower_, code=country + entry.sector)
        d.mentions.append(Mention(start, tok.idx + len(tok.text), doc[min(first.i, tok.i) : tok.i + 1].text))

    @staticmethod
    def _place_officials(subject_tokens: Iterable[Token], drafts: dict[str, _Draft], window: int = 600) -> None:
        """A titled person whose title names no country ("Spokesman Reza Kamali") speaks for the actor that acted
        last before (a sentence subject within ``window`` characters: "Iran summoned the British envoy."), else the
        government or institution named just before, else the country the text names most."""
        unplaced = [(d, d.role.lower()) for d in drafts.values() if d.kind == "person" and not d.code and d.role and d.mentions]
        if not unplaced:
            return
        mentions = sorted(((m.start, d) for d in drafts.values() for m in d.mentions if d.country and d.kind != "person"),
                          key=lambda x: x[0])  # two actors may start at one word ("Ohio" in "Ohio Democratic Party")
        subjects = [(t.left_edge.idx, t.idx + len(t.text)) for t in subject_tokens]
        counts: dict[str, int] = {}
        for _, d in mentions:
            counts[d.country or ""] = counts.get(d.country or "", 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        dominant = ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None
        for d, role in unplaced:
            first = min(m.start for m in d.mentions)
            near = [(at, a) for at, a in mentions if first - window <= at < first]
            official = [(at, a) for at, a in near if a.kind in ("organization", "group")]
            acting = [(at, a) for at, a in near if any(lo <= at < hi for lo, hi in subjects)]
            if role in HEADS_OF_STATE:
                pick = dominant  # a president is no spokesman of the ministry named before him
            else:
                pick = (acting or official or near)[-1][1].country if (acting or official or near) else dominant
            if pick:
                sector = load_gazetteer().roles.get(role)
                d.country, d.code = pick, pick + (sector.sector if sector else "")

    def _located_groups(self, doc: Doc, cols: Columns, drafts: dict[str, _Draft]) -> None:
        """Groups named by a role noun only ("demonstrators", "rebels", "riot police") belong to the country where
        the sentence places them ("… rallied outside the embassy in Tehran", "rebels in Syria")."""
        covered = {i for d in drafts.values() for m in d.mentions for i in range(m.start, m.end)}
        places = sorted((m.start, d.country) for d in drafts.values() if d.kind in ("country", "location") and d.country
                        for m in d.mentions)
        role_heads, role_head_ids = _role_head_words(), _role_head_ids()
        for i, (pos, low) in enumerate(zip(cols.pos, cols.lower, strict=True)):
            if pos != NOUN or low not in role_head_ids:
                continue
            tok = doc[i]
            if tok.idx in covered or tok.dep_ == "compound":
                continue
            word = tok.lower_  # a word: tokens hold no spaces
            if word not in role_heads:
                continue
            mods = [c.lower_ for c in tok.lefts if c.dep_ in ("compound", "amod")]
            phrase = next((p for n in range(len(mods) + 1) if (p := " ".join([*mods[n:], word])) in self.gaz.roles), None)
            if phrase is None or phrase in EQUIPMENT or phrase in SENT_BODIES or self.gaz.roles[phrase].person:
                continue
            if any(c.dep_ == "poss" or (c.ent_type_ in ("NORP", "GPE", "ORG") and c.lower_ not in FAITHS) or c.idx in covered
                   for c in tok.children):
                continue  # "Iran's police", "Syrian rebels": placed by their own words ("Islamic militants" are not)
            sector = self.gaz.roles[phrase].sector
            first = min([c for c in tok.lefts if c.dep_ in ("compound", "amod")] + [tok], key=lambda t: t.i)
            mention = Mention(first.idx, tok.idx + len(tok.text), doc[first.i : tok.i + 1].text)
            if sector in UNPLACED_GENERIC_SECTORS:
                # "aid agencies", "the international community": CAMEO's international generic codes stand in place of a
                # country, so where they are does not place them
                self._draft(drafts, f"{sector}:{phrase}", name=phrase, kind="group", country=None, role=phrase,
                            code=sector).mentions.append(mention)
                continue
            if sector in INTERNATIONAL_SECTORS:
                continue  # bare "peacekeepers" are some country's contingent: the context, not the word, says whose
            country = self._origin(tok, drafts) or self._place_in(tok, places)
            if country is None and tok.tag_ == "NNS" and (tok.dep_ in ("nsubj", "nsubjpass", "dobj") or tok.head.dep_ == "agent"):
                # "workers ended their strike against the Serbian government", "Chadian police pressured workers to …",
                # "a rally staged by students" (a passive's agent is its doer)
                country = self._only_country(drafts)
            if country is None:
                continue
            d = self._draft(drafts, f"{country}{sector}:{phrase}", name=phrase, kind="group", country=country,
                            role=phrase, code=country + sector)
            d.mentions.append(mention)

    def _minorities(self, doc: Doc, drafts: dict[str, _Draft]) -> None:
        """A people named by its demonym and placed in another country is a minority of that country, coded as its
        civilians ("ethnic Albanians in Serbia", "the Hungarians of Slovakia" → SRBCVL, SVKCVL), not as the state its
        name recalls. "Ethnic" lets the sentence's location phrase place it ("killed three ethnic Albanians in …")."""
        places = sorted((m.start, d.country) for d in drafts.values() if d.kind in ("country", "location") and d.country
                        for m in d.mentions)
        for d in [d for d in drafts.values() if d.kind == "country" and d.country]:
            for m in list(d.mentions):
                span = doc.char_span(m.start, m.end)
                if span is None or span.root.tag_ not in ("NNS", "NNPS"):
                    continue
                tok = span.root
                # "Bosnian Serbs", "Iraqi Kurds": another country's word before a people names where that people lives
                qualified = next((c for at, c in places if at != m.start and any(
                    q.idx == at for q in tok.children if q.dep_ in ("amod", "compound") and q.i < tok.i)), None)
                if qualified is not None and qualified != d.country:
                    self._rehome(drafts, d, m, qualified, "CVL", "civilians")
                    continue
                ethnic = any(c.lower_ == "ethnic" for c in tok.children)
                own = [p for p in tok.children if p.dep_ == "prep" and p.lower_ in ("in", "of")]
                if not (ethnic or own):
                    continue
                # the place the phrase is about is its head, which comes last: "of the Moroccan-held Western Sahara"
                home = self._place_in(tok, [(at, c) for at, c in places if at != m.start]) if ethnic else next(
                    (c for p in own for at, c in reversed(places) if p.idx <= at < p.right_edge.idx + len(p.right_edge.text)), None)
                if home is not None and home != d.country:
                    self._rehome(drafts, d, m, home, "CVL", "civilians")
        # "ethnic Hungarian militias active in Romania": an ethnic group's armed or other body is that country's
        for d in [d for d in drafts.values() if d.ethnic and d.country]:
            code, role = d.code or "", d.role or ""
            for m in [m for m in d.mentions if m.start in d.ethnic] if code and role else ():
                span = doc.char_span(m.start, m.end)
                if span is None:
                    continue
                home = self._place_in(span.root, [(at, c) for at, c in places if not m.start <= at < m.end])
                if home is not None and home != d.country:
                    self._rehome(drafts, d, m, home, code[3:], role)

    def _rehome(self, drafts: dict[str, _Draft], d: _Draft, m: Mention, home: str, sector: str, role: str) -> None:
        """Move one mention of a people or its body to the country it lives in, with that sector."""
        d.mentions.remove(m)
        group = self._draft(drafts, f"{home}{sector}:{m.text}", name=m.text, kind="group", country=home, role=role,
                            code=home + sector)
        group.mentions.append(m)

    @staticmethod
    def _only_country(drafts: dict[str, _Draft]) -> str | None:
        """The one country a story names, whose people its unplaced acting groups are: CAMEO codes a domestic story's
        actors to its country."""
        named = {d.country for d in drafts.values() if d.country and (d.kind != "person" or d.code)}
        return next(iter(named)) if len(named) == 1 else None

    @staticmethod
    def _origin(tok: Token, drafts: dict[str, _Draft]) -> str | None:
        """The country a group comes from, which its own "from" phrase names ("doctors from two American charities",
        "monks from Tibet"): it wins over where the sentence places them."""
        for prep in (p for p in tok.children if p.dep_ == "prep" and p.lower_ == "from"):
            lo, hi = prep.idx, prep.right_edge.idx + len(prep.right_edge.text)
            found = next((d.country for d in drafts.values() if d.country and d.kind != "person"
                          for m in d.mentions if lo <= m.start < hi), None)
            if found is not None:
                return found
        return None

    @staticmethod
    def _place_in(tok: Token, places: list[tuple[int, str]]) -> str | None:
        """The country of the place a noun's own "in X", else its sentence's location phrase, names."""
        sent = tok.sent
        spans = [p for p in tok.children if p.dep_ == "prep" and p.lower_ in LOCATIVE_PREPS]
        if not spans:
            spans = [t for t in sent if t.dep_ == "prep" and t.lower_ in LOCATIVE_PREPS]
        # "killed in Turkish air strikes in Iraq": a demonym qualifying a thing says whose it is, not where it is
        where = {t.idx for t in sent if t.dep_ != "amod"}
        for prep in spans:
            lo, hi = prep.idx, prep.right_edge.idx + len(prep.right_edge.text)
            found = next((c for at, c in places if lo <= at < hi and at in where), None)
            if found is not None:
                return found
        return None

    @staticmethod
    def _last_body(drafts: dict[str, _Draft], before: int) -> _Draft | None:
        """The international organisation mentioned last before an offset."""
        best: tuple[int, _Draft] | None = None
        for d in drafts.values():
            if d.kind == "organization" and d.country is None and d.code:
                for m in d.mentions:
                    if m.start < before and (best is None or m.start > best[0]):
                        best = (m.start, d)
        return best[1] if best else None

    @staticmethod
    def _country_of_phrase(tok: Token, drafts: dict[str, _Draft]) -> str | None:
        """The country of the last place named in a noun's of-phrase ("of the northern city of Gao" → MLI)."""
        for prep in (p for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"):
            lo, hi = prep.idx, prep.right_edge.idx + len(prep.right_edge.text)
            named = [(m.start, d.country) for d in drafts.values() if d.country and d.kind in ("country", "location")
                     for m in d.mentions if lo <= m.start < hi]
            if named:
                return max(named)[1]
        return None

    @staticmethod
    def _country_before(doc: Doc, tok: Token, drafts: dict[str, _Draft]) -> str | None:
        """The country named last before tok in its sentence, else the country the document names most."""
        sent_start = tok.sent.start_char
        best: tuple[int, str] | None = None
        counts: dict[str, int] = {}
        for d in drafts.values():
            if not d.country or (d.kind == "person" and not d.code):
                continue
            for m in d.mentions:
                counts[d.country] = counts.get(d.country, 0) + 1
                if sent_start <= m.start < tok.idx and (best is None or m.start > best[0]):
                    best = (m.start, d.country)
        if best is not None:
            return best[1]
        if not counts:
            return None
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        return ranked[0][0] if len(ranked) == 1 or ranked[0][1] > ranked[1][1] else None


RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
# sectors of bodies that "the <noun>" names in the country in focus ("the government", "the army", "the opposition")
# plural armed/security bodies that, unqualified, belong to the one country their sentence names
BARE_BODY_NOUNS = frozenset({"rebels", "militants", "guerrillas", "insurgents", "separatists", "police", "policemen"})
DOMESTIC_BODY_SECTORS = frozenset({"GOV", "MIL", "COP", "OPP", "LEG", "JUD", "REB"})
_THE, _PLURAL_NOUN = get_string_id("the"), get_string_id("NNS")
_PERSON_PRONOUN_IDS, _BARE_BODY_IDS = string_ids(PERSON_PRONOUNS), string_ids(BARE_BODY_NOUNS)
_SUBJECT_DEPS = string_ids(("nsubj", "nsubjpass"))


def _coreference_candidates(cols: Columns, surnames: frozenset[int]) -> list[int]:
    """The words _add_coreference may resolve, by the cheap half of each of its tests: a proper noun that is a known
    person's surname (``surnames``: ORTH ids), a personal pronoun, a noun with "the" among its left children, a bare
    plural body noun."""
    definite = cols.left_heads(_THE)
    return [i for i, (pos, orth, low, tag) in enumerate(zip(cols.pos, cols.orth, cols.lower, cols.tag, strict=True))
            if (pos == PROPN and orth in surnames) or (pos == PRON and low in _PERSON_PRONOUN_IDS)
            or (i in definite and pos in (NOUN, PROPN)) or (tag == _PLURAL_NOUN and low in _BARE_BODY_IDS)]


def _subjects(doc: Doc, cols: Columns) -> Iterator[Token]:
    """The subjects of a document's clauses, made Tokens only when read."""
    return (doc[i] for i, dep in enumerate(cols.dep) if dep in _SUBJECT_DEPS)


def code_at(actor: Actor, day: str | None) -> str | None:
    """An actor's code on a day: a former office holder (people.tsv "former president (2009-2017)") acts in that
    office in the years of the term, so a 2015 story's "Obama" is USAGOV, a 2025 one's USAELI."""
    term = _TERM.match(actor.role or "")
    if actor.kind != "person" or not day or not actor.country or term is None:
        return actor.code
    role = load_gazetteer().roles.get(term["office"])
    if role is None or not int(term["start"]) <= int(day[:4]) <= int(term["end"] or term["start"]):
        return actor.code
    return actor.country + role.sector


def _bare_un_organ(span: Span) -> bool:
    """ "The Security Council condemned …", "a General Assembly resolution": named bare, these are the UN's organs;
    a word before the name that qualifies it ("Russia's Security Council", "the Supreme National Security Council") or an
    of-phrase after it ("the General Assembly of Kentucky") makes it some other body."""
    doc = span.doc
    before = doc[span.start - 1] if span.start else None
    if before is not None and before.lower_ not in ("the", "a", "an") and (before.is_alpha or before.dep_ == "case"):
        return False
    return span.end >= len(doc) or doc[span.end].lower_ != "of"


def _part_of_place(tok: Token) -> bool:
    """ "in the suburbs of Kabul", "a residential sector of eastern Beirut": a city named as the whole a place is part of."""
    head = tok.head
    return tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in PLACE_PARTS


def _settlement_of(ent: Span) -> bool:
    """ "the northern city of Kirkuk", "the town of Samarra": a place named through its kind of settlement."""
    head = ent.root.head
    return ent.root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in SETTLEMENTS


def actor_for_token(table: ActorTable, tok: Token, through_of: bool = False) -> tuple[Actor | None, Token]:
    """The actor a noun-phrase head stands for, looking through relative pronouns and modifiers.

    With ``through_of``, a head that names no actor itself is read through its of-phrase ("the head of the UN
    office" → UN, "leaders of Jordan's Islamic Action Front" → the Front), two levels deep at most.
    """
    if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
        tok = tok.head.head  # "X, who said …" → X; a relative pronoun is never the speaker itself
    actor = table.at(tok.idx, tok.idx + len(tok.text))
    if actor is not None:
        return actor, tok
    # "Israel's militia ally", "opponents of the president": an owner names the other side of the relation (a
    # modifier still qualifies: "NATO allies" are NATO's members)
    relational = tok.lemma_.lower() in RELATIONAL_NOUNS
    # a modifier or apposition that names a coded actor; one of unknown allegiance only if the of-phrase names none
    # ("a member of the Ghanaian parliament, Kofi Mensah": the parliament, not the uncoded name)
    uncoded: tuple[Actor | None, Token] = (None, tok)
    for child in tok.children:
        if child.dep_ in ("compound", "amod", "poss", "nmod", "appos") and stance(child) is None \
                and not (relational and child.dep_ == "poss"):
            named = _leader(child)
            actor = table.at(named.idx, named.idx + len(named.text))
            if actor is None and child.dep_ == "compound" and tok.pos != PROPN:
                # "an Islamic State depot north of Mosul": the parser may stack compounds on compounds (not under a
                # name: "Foreign Ministry spokeswoman Alla Vetrova" is a person, not the ministry)
                inner = next((g for g in child.children if g.dep_ == "compound"), None)
                actor = table.at(inner.idx, inner.idx + len(inner.text)) if inner is not None else None
            if actor is not None and actor.code:
                return actor, named
            if actor is not None and uncoded[0] is None:
                uncoded = (actor, named)
    if uncoded[0] is not None and not through_of:
        return uncoded
    if through_of and not relational:
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    found = actor_for_token(table, pobj)
                    if found[0] is None:
                        found = next((actor_for_token(table, o) for p in pobj.children if p.dep_ == "prep" and p.lower_ == "of"
                                      for o in p.children if o.dep_ == "pobj"), (None, tok))
                    if found[0] is not None:
                        return found
    return uncoded


def stance(tok: Token) -> str | None:
    """ "anti" or "pro" when a word is written "anti-X" / "pro-X": then X is what the noun opposes or supports, never
    the noun's own country or owner ("anti-American protests" are against the US, "pro-Russian rebels" not Russia's)."""
    doc, i = tok.doc, tok.i
    if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in STANCES:
        return doc[i - 2].lower_
    return None


def _leader(modifier: Token) -> Token:
    """ "a NATO-led force", "the US-led coalition": the parser hangs the leader on "led", and a force or coalition
    someone leads is coded as that leader (CAMEO codes a led body by its leading actor); any other modifier is itself."""
    if modifier.lower_ != "led" or modifier.dep_ != "amod":
        return modifier
    return next((c for c in modifier.children if c.dep_ in ("npadvmod", "compound", "nmod", "amod") and c.i < modifier.i), modifier)


def _capital_country(name: str, capital_of: str, named: frozenset[str]) -> str:
    """The country a capital named as a place is in: its own, unless the text names only another country that has a
    city of that name ("in Tripoli, in northern Lebanon" is Lebanon's Tripoli, not Libya's capital)."""
    if capital_of in named:
        return capital_of
    city = best_city(name, named)
    return city.iso3 if city is not None and city.iso3 in named else capital_of
