"""A synthetic news corpus with known republication: fictional stories copied, lightly edited, by fake sites.

Every story is written here from templates: fictional officials, real country names, varied verbs.
Each is published once by an origin outlet and then republished by mirror sites with their own
boilerplate, a few per cent of words changed, sentences dropped or swapped, truncation and another
headline casing. Some stories get "siblings": different stories on the same topic with the same actors
and event type, the hard negatives a deduplicator must keep apart. The truth (url -> story id) comes
with the documents, so clustering can be scored pairwise.
"""
from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

# (country, capital, demonym): real names; everything said about them below is invented.
COUNTRIES = (
    ("RUS", "Russia", "Moscow", "Russian"), ("USA", "the United States", "Washington", "American"),
    ("CHN", "China", "Beijing", "Chinese"), ("UKR", "Ukraine", "Kyiv", "Ukrainian"), ("FRA", "France", "Paris", "French"),
    ("DEU", "Germany", "Berlin", "German"), ("IRN", "Iran", "Tehran", "Iranian"), ("IND", "India", "New Delhi", "Indian"),
    ("BRA", "Brazil", "Brasilia", "Brazilian"), ("TUR", "Turkey", "Ankara", "Turkish"), ("JPN", "Japan", "Tokyo", "Japanese"),
    ("EGY", "Egypt", "Cairo", "Egyptian"), ("NGA", "Nigeria", "Abuja", "Nigerian"), ("MEX", "Mexico", "Mexico City", "Mexican"),
    ("POL", "Poland", "Warsaw", "Polish"), ("SRB", "Serbia", "Belgrade", "Serbian"), ("KEN", "Kenya", "Nairobi", "Kenyan"),
    ("IDN", "Indonesia", "Jakarta", "Indonesian"), ("ARG", "Argentina", "Buenos Aires", "Argentine"),
    ("PAK", "Pakistan", "Islamabad", "Pakistani"), ("VNM", "Vietnam", "Hanoi", "Vietnamese"), ("NOR", "Norway", "Oslo", "Norwegian"),
    ("ZAF", "South Africa", "Pretoria", "South African"), ("SAU", "Saudi Arabia", "Riyadh", "Saudi"),
    ("VEN", "Venezuela", "Caracas", "Venezuelan"), ("BLR", "Belarus", "Minsk", "Belarusian"), ("QAT", "Qatar", "Doha", "Qatari"),
    ("ETH", "Ethiopia", "Addis Ababa", "Ethiopian"), ("CHL", "Chile", "Santiago", "Chilean"), ("HUN", "Hungary", "Budapest", "Hungarian"),
)
FIRST = (
    "Arvel", "Kesia", "Dorin", "Maelis", "Tovan", "Ilsabet", "Renko", "Vasha", "Oriel", "Jastin", "Perrin",
    "Lioba", "Casimir", "Ysolde", "Brannoc", "Teodric", "Mirela", "Osric", "Fenna", "Halvard", "Ludmira",
    "Ezren", "Calloway", "Sabeth", "Quillon", "Radka", "Emeric", "Tamsin", "Vidar", "Zorana", "Anselm",
    "Corvina", "Dalibor", "Elowen", "Gorvan", "Idris", "Katalin", "Lorcan", "Nevena", "Pascoe",
)
LAST = (
    "Dunmore", "Varnholt", "Keszler", "Ostravin", "Pellacott", "Marvaneh", "Torvik", "Quenneville",
    "Brasko", "Ellingrud", "Fairbairn", "Gorodin", "Halloway", "Ivaskov", "Jorund", "Kallistrat", "Lindqvar",
    "Morrowfield", "Navratsky", "Orlanov", "Petrakis", "Rennwick", "Sarovar", "Tiberly", "Ulmaster",
    "Vantreska", "Wexley", "Yarrowby", "Zelenko", "Ashcombe", "Belvane", "Corradine", "Dravik", "Esterhald",
)
ROLES = (
    "Foreign Minister", "Defence Minister", "President", "Prime Minister", "Deputy Foreign Minister",
    "Trade Minister", "Finance Minister", "chief negotiator", "foreign ministry spokesperson",
    "national security adviser", "Energy Minister", "Interior Minister",
)
SAID = ("said", "told reporters", "said in a statement", "stressed", "insisted", "noted", "added",
        "declared", "warned", "told a news conference", "wrote on social media", "argued")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SECTORS = ("energy", "banking", "shipping", "grain", "steel", "aviation", "technology", "fertiliser",
           "mining", "telecommunications", "defence", "pharmaceutical", "fisheries", "rail")
PLACES = ("the border region", "the northern provinces", "the port city", "the disputed islands",
          "the capital", "the eastern districts", "the mountain passes", "the coastal zone", "the river delta",
          "the industrial belt", "the southern corridor", "the highland towns")
ADJ = ("unprecedented", "long-awaited", "controversial", "sweeping", "modest", "surprise", "carefully worded",
       "hastily arranged", "closely watched", "symbolic", "limited", "far-reaching", "provisional", "renewed")
REASONS = ("alleged violations of airspace", "a dispute over transit fees", "the detention of two journalists",
           "unpaid debts for gas deliveries", "a row over fishing quotas", "the expulsion of diplomats",
           "missile tests near the frontier", "restrictions on grain exports", "a cyber attack on ministries",
           "the seizure of a cargo vessel", "disputed election results", "a planned military exercise",
           "the treatment of minorities", "water rights on a shared river", "a stalled pipeline project")
OUTCOMES = ("further talks next month", "a joint working group", "a review of the measures",
            "consultations at expert level", "a meeting of envoys in a neutral country", "a ceasefire monitoring mission",
            "the return of ambassadors", "a new round of negotiations", "an emergency session of parliament")

# Event types: verbs in the past tense (as a headline or lead uses them) and the nouns for follow-ups.
TOPICS: dict[str, dict[str, tuple[str, ...]]] = {
    "SANCTION": {"verb": ("imposed sanctions on", "announced new restrictions against", "froze assets linked to",
                          "widened trade penalties on", "blacklisted firms from"),
                 "noun": ("sanctions", "restrictions", "penalties", "export bans", "asset freezes")},
    "CONSULT": {"verb": ("held talks with", "hosted a delegation from", "opened consultations with",
                         "met counterparts from", "resumed dialogue with"),
                "noun": ("talks", "consultations", "the meeting", "the dialogue", "the visit")},
    "ACCUSE": {"verb": ("accused", "blamed", "sharply criticised", "condemned", "denounced"),
               "noun": ("accusations", "the charges", "criticism", "the allegations", "the complaint")},
    "AID": {"verb": ("pledged aid to", "sent humanitarian supplies to", "promised loans to",
                     "delivered medical equipment to", "offered reconstruction funds to"),
            "noun": ("aid", "assistance", "the support package", "the relief shipment", "the loan")},
    "REJECT": {"verb": ("rejected a proposal from", "refused demands by", "dismissed an offer from",
                        "turned down a plan put forward by", "ruled out concessions to"),
               "noun": ("the refusal", "the rejection", "the proposal", "the demands", "the offer")},
    "THREATEN": {"verb": ("threatened", "issued an ultimatum to", "warned of retaliation against",
                          "threatened to cut ties with", "vowed to punish"),
                 "noun": ("threats", "the ultimatum", "the warning", "retaliation", "the threat")},
    "AGREE": {"verb": ("signed an agreement with", "reached a deal with", "agreed a framework with",
                       "concluded a treaty with", "settled a dispute with"),
              "noun": ("the agreement", "the deal", "the accord", "the framework", "the treaty")},
    "FIGHT": {"verb": ("shelled positions held by", "launched strikes against", "clashed with forces of",
                       "fired artillery at", "carried out raids against"),
              "noun": ("the strikes", "the shelling", "the clashes", "the raids", "the fighting")},
}

# Sentence templates; {A}/{B} countries, {a}/{b} demonyms, {capA}/{capB} capitals, {P1}/{P2} officials
# "Role Name", {N1}/{N2} bare names, {V} topic verb, {X} topic noun, other slots drawn per use.
LEADS = (
    "{A} {V} {B} on {day}, {P1} {said}, citing {reason}.",
    "{capA} {V} {B} on {day} in what officials described as a {adj} step over {reason}.",
    "In a {adj} move on {day}, {A} {V} {B}, according to {P1}.",
    "{P1} announced on {day} that {A} had {V} {B} after weeks of tension over {reason}.",
    "{A} has {V} {B}, {P1} {said} on {day}, the latest turn in a row over {reason}.",
)
BODY = (
    "{N1} {said} that {X} were a response to {reason} and that {capA} had exhausted other options.",
    "\u201c{quote},\u201d {N1} {said}.",
    "\u201c{quote},\u201d {P1} {said}, adding that {capA} would watch the reaction in {capB} closely.",
    "{P2} {said} that {capB} regarded {X} as {adj} and would consider its response.",
    "\u201c{quote2},\u201d {N2} {said} in {capB}.",
    "The {b} side said {X} would hurt the {sector} sector, which employs about {num} people.",
    "Officials in {capB} summoned the {a} envoy on {day2}, according to {P2}.",
    "Trade between the two countries reached {money} last year, much of it in {sector} goods.",
    "Analysts said {X} could affect shipments through {place} within {few} weeks.",
    "{N1} did not say whether {capA} would extend {X} to the {sector2} industry.",
    "The dispute began {few} months ago when {reason2} strained relations between {capA} and {capB}.",
    "Both governments have called for {outcome}, though no date has been set.",
    "A statement from the {a} foreign ministry said {X} would take effect within {few} days.",
    "{P2} described the decision as {adj} and said it ignored {reason2}.",
    "Residents of {place} said they feared the row would disrupt {sector} supplies.",
    "The {b} parliament is expected to debate {X} on {day2}, {N2} {said}.",
    "Diplomats from {C} offered to mediate, proposing {outcome}.",
    "Markets in {capB} fell by {pct} per cent after the announcement, according to traders.",
    "{N1} rejected criticism from {C}, saying {capA} acted within international law.",
    "A joint commission of the two countries last met {few} years ago in {capC}.",
    "Observers noted that {X} came days after {reason2} was raised at a regional summit.",
    "{C} urged restraint and called on both sides to pursue {outcome}.",
    "The {a} embassy in {capB} said consular services would continue as normal.",
    "Shares of {sector} companies in {capA} rose {pct} per cent on the news.",
    "According to {P2}, {capB} had offered {outcome} but received no reply.",
    "The measures cover {num} companies and {few} state agencies, the document shows.",
    "Opposition politicians in {capA} questioned the timing of {X}, citing {reason2}.",
    "{N2} said {capB} would bring the matter before an international court if needed.",
)
QUOTES = (
    "We have been patient for too long and our patience has limits",
    "This decision was not taken lightly and it leaves the door open",
    "Our partners know exactly what is required of them",
    "Nobody should doubt our resolve on this question",
    "We will answer in a manner and at a time of our choosing",
    "The responsibility for this situation lies entirely with the other side",
    "Dialogue remains possible if our concerns are taken seriously",
    "These steps are proportionate and fully in line with our obligations",
    "We regret that it has come to this but we had no choice",
    "Any attempt to pressure us will fail as it has failed before",
    "We expect a constructive answer within days rather than weeks",
    "The people of both countries deserve better than this escalation",
)
QUOTES2 = (
    "This is a grave mistake that will only deepen the crisis",
    "We reject these claims as baseless and politically motivated",
    "Our country will not bow to pressure of any kind",
    "We remain ready to talk but not under threats",
    "The timing of this announcement speaks for itself",
    "History will judge those who chose confrontation over cooperation",
    "We call on the international community to take note",
    "We are studying the text carefully and will respond in due course",
)
HEADLINES = (
    "{A} {V} {B} over {reason}", "{P1}: {capA} {V} {B}", "{A} {V} {B} as row deepens",
    "{capA} {V} {B}, citing {reason}", "{a} government {V} {B}", "{A} and {B}: {X} after {reason}",
)
# Words mirror sites swap in or out when they lightly edit a copy.
SWAPS = {
    "said": "stated", "stated": "said", "told": "informed", "announced": "declared", "declared": "announced",
    "officials": "authorities", "authorities": "officials", "country": "nation", "nation": "country",
    "government": "administration", "talks": "negotiations", "people": "citizens", "response": "reply",
    "decision": "move", "move": "step", "step": "measure", "criticism": "condemnation", "days": "weeks",
    "would": "will", "could": "might", "however": "but", "about": "around", "last": "previous",
    "expected": "set", "rose": "climbed", "fell": "dropped", "announcement": "news", "measures": "steps",
}
FILLERS = ("reportedly", "also", "now", "officially", "again", "already", "still", "formally")

SITE_WORDS = ("Daily", "Morning", "Evening", "Northern", "Global", "Free", "Capital", "Eastern", "Western",
              "Central", "People's", "Independent", "Coastal", "Metro", "National", "Continental")
SITE_NOUNS = ("Ledger", "Courier", "Herald", "Dispatch", "Observer", "Gazette", "Monitor", "Chronicle",
              "Bulletin", "Tribune", "Wire", "Sentinel", "Record", "Review", "Post", "Digest")
MENUS = ("Home | World | Politics | Economy | Opinion", "News  Business  Sport  Culture  Video",
         "Latest | Europe | Asia | Africa | Americas | Analysis", "TOP STORIES  WORLD  MARKETS  TECH",
         "Menu  Search  Subscribe  Sign in", "World News > Diplomacy", "Front page | Region | In depth")
FOOTERS = (
    "\u00a9 {year} {site}. All rights reserved.", "Follow {site} on social media for the latest updates.",
    "Subscribe to our newsletter to get the day's headlines in your inbox.",
    "This article was republished from {origin}. Views expressed are not necessarily those of {site}.",
    "Share this story: Facebook | X | Telegram | Email", "Comments are closed for this article.",
    "Advertisement", "Read more stories like this on our World page.", "Tags: diplomacy, politics, {tag}",
    "Source: {origin}", "Report a correction or typo", "Most read today",
)


@dataclass(frozen=True)
class Site:
    """A fake news site: its domain, display name and boilerplate style."""

    domain: str
    name: str
    menu: str
    footers: tuple[str, ...]
    casing: str  # headline casing: "title", "upper", "sentence", "as-is"
    dated: bool  # whether its pages carry a publication date
    network: int  # which origin's mirror network it mainly belongs to (-1: aggregator of all)


@dataclass(frozen=True)
class Document:
    """One generated page: what a crawl would hold (url, published, title, text) and the truth (story)."""

    url: str
    published: str | None
    title: str
    text: str
    story: str
    domain: str
    origin: bool
    body: tuple[str, ...] = ()  # the article paragraphs without the site's boilerplate
    topic: str = ""
    cast: tuple[tuple[str, str], ...] = ()  # the story's slot values: countries, codes, officials

    def to_json(self) -> dict[str, Any]:
        """The JSONL fields parley reads: url, published, title, text."""
        return {"url": self.url, "published": self.published, "title": self.title, "text": self.text}


class _Story:
    """One written story: headline, paragraphs (lists of sentences), actors, topic and date."""

    def __init__(self, sid: str, rng: random.Random, topic: str, cast: dict[str, str], when: datetime) -> None:
        self.id, self.topic, self.cast, self.when = sid, topic, cast, when
        self.title: str
        verbs, nouns = TOPICS[topic]["verb"], TOPICS[topic]["noun"]
        slots = dict(cast)
        slots.update(V=rng.choice(verbs), X=rng.choice(nouns), day=WEEKDAYS[when.weekday()])

        def fill(template: str) -> str:
            return template.format(
                **slots, said=rng.choice(SAID), reason2=rng.choice(REASONS),
                adj=rng.choice(ADJ), sector=rng.choice(SECTORS), sector2=rng.choice(SECTORS),
                place=rng.choice(PLACES), outcome=rng.choice(OUTCOMES), quote=rng.choice(QUOTES),
                quote2=rng.choice(QUOTES2), num=f"{rng.randint(2, 900) * 100:,}", few=rng.choice(
                    ("two", "three", "four", "five", "six", "several", "nine", "ten")),
                money=f"${rng.randint(2, 95)}.{rng.randint(0, 9)} billion", pct=f"{rng.randint(1, 9)}.{rng.randint(0, 9)}",
                day2=rng.choice(WEEKDAYS),
            )

        slots["reason"] = rng.choice(REASONS)
        self.title = fill(rng.choice(HEADLINES))
        sentences = [fill(rng.choice(LEADS))]
        sentences += [fill(t) for t in rng.sample(BODY, rng.randint(7, 16))]
        # paragraphs of one to three sentences
        self.paragraphs: list[list[str]] = []
        i = 0
        while i < len(sentences):
            size = 1 if i == 0 else rng.choice((1, 2, 2, 3))
            self.paragraphs.append(sentences[i:i + size])
            i += size


def _cast(rng: random.Random) -> dict[str, str]:
    """Two countries with a fictional official each, a third country as bystander."""
    (code_a, a, cap_a, dem_a), (code_b, b, cap_b, dem_b), (_, c, cap_c, _) = rng.sample(COUNTRIES, 3)
    n1 = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    n2 = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    r1, r2 = rng.choice(ROLES), rng.choice(ROLES)
    return {
        "A": a, "B": b, "C": c, "capA": cap_a, "capB": cap_b, "capC": cap_c, "a": dem_a, "b": dem_b,
        "N1": n1, "N2": n2, "P1": f"{dem_a} {r1} {n1}", "P2": f"{dem_b} {r2} {n2}",
        "codeA": code_a, "codeB": code_b, "R1": r1, "R2": r2,
    }


def _sentence_case(s: str) -> str:
    return s[:1].upper() + s[1:]


def _casing(title: str, style: str) -> str:
    if style == "upper":
        return title.upper()
    if style == "title":
        return " ".join(w[:1].upper() + w[1:] for w in title.split())
    if style == "sentence":
        return title[:1].upper() + title[1:].lower()
    return title


def _edit_words(sentence: str, rate: float, rng: random.Random) -> str:
    """Change about `rate` of the words: synonym swaps, deletions, inserted fillers."""
    words = sentence.split(" ")
    out: list[str] = []
    for w in words:
        if rng.random() >= rate:
            out.append(w)
            continue
        bare = w.strip(".,\u201c\u201d").lower()
        roll = rng.random()
        if bare in SWAPS and roll < 0.6:
            out.append(w.replace(bare, SWAPS[bare]) if w.islower() else SWAPS[bare])
        elif roll < 0.8 and len(words) > 6:
            continue  # dropped word
        else:
            out.extend((rng.choice(FILLERS), w))
    return _sentence_case(" ".join(out))


class CorpusGenerator:
    """Writes stories and their republications; deterministic for a seed."""

    def __init__(self, seed: int = 1, origins: int = 12, mirrors: int = 120, sibling_rate: float = 0.35,
                 max_copies: int = 40) -> None:
        self.rng = random.Random(seed)
        self.sibling_rate, self.max_copies = sibling_rate, max_copies
        used: set[str] = set()
        self.origins = [self._site(used, network=i, origin=True) for i in range(origins)]
        self.mirrors = [self._site(used, network=self.rng.randrange(origins) if k % 6 else -1, origin=False)
                        for k in range(mirrors)]
        self._stories = 0
        self._start = datetime(2023, 1, 1, 6, tzinfo=UTC)

    def _site(self, used: set[str], *, network: int, origin: bool) -> Site:
        rng = self.rng
        while True:
            name = f"{rng.choice(SITE_WORDS)} {rng.choice(SITE_NOUNS)}"
            if origin:
                name = f"{rng.choice(COUNTRIES)[3]} State {rng.choice(SITE_NOUNS)}"
            slug = name.lower().replace("'", "").replace(" ", "-")
            domain = f"{slug}.{rng.choice(('example', 'test', 'example.net', 'example.org'))}"
            if domain not in used:
                used.add(domain)
                break
        footers = tuple(rng.sample(FOOTERS, rng.randint(2, 5)))
        casing = "as-is" if origin else rng.choice(("title", "upper", "sentence", "as-is"))
        return Site(domain, name.title(), rng.choice(MENUS), footers, casing, origin or rng.random() > 0.1, network)

    def stories(self) -> Iterator[_Story]:
        """An endless stream of stories; some followed by same-topic, same-actor siblings."""
        rng = self.rng
        while True:
            topic = rng.choice(list(TOPICS))
            cast = _cast(rng)
            when = self._start + timedelta(minutes=rng.randint(0, 365 * 24 * 60))
            group = 1 + (rng.choice((1, 1, 2, 3)) if rng.random() < self.sibling_rate else 0)
            for _ in range(group):
                self._stories += 1
                yield _Story(f"s{self._stories:07d}", rng, topic, cast, when + timedelta(hours=rng.randint(0, 48)))

    def documents(self, n: int) -> Iterator[Document]:
        """About n pages: each story's origin page and its copies (copies stop when n is reached)."""
        made = 0
        for story in self.stories():
            origin = self.origins[self.rng.randrange(len(self.origins))]
            for doc in self._publish(story, origin):
                yield doc
                made += 1
                if made >= n:
                    return

    def _copies(self) -> int:
        """Heavy-tailed number of republications: most stories a few, some dozens."""
        roll = self.rng.random()
        if roll < 0.25:
            return 0
        if roll < 0.85:
            return self.rng.randint(1, 6)
        return self.rng.randint(7, self.max_copies)

    def _publish(self, story: _Story, origin: Site) -> Iterator[Document]:
        rng = self.rng
        yield self._page(story, origin, story.when, story.paragraphs, rate=0.0, origin=origin)
        network = [m for m in self.mirrors if m.network in (origin.network, -1)]
        others = [m for m in self.mirrors if m.network not in (origin.network, -1)]
        count = min(self._copies(), len(self.mirrors))
        pool = network + rng.sample(others, min(len(others), max(0, count - len(network))))
        for site in rng.sample(pool, min(count, len(pool))):
            lag = timedelta(minutes=int(rng.expovariate(1 / (6 * 60))) + 5)
            paragraphs = [list(p) for p in story.paragraphs]
            roll = rng.random()
            if roll < 0.3 and len(paragraphs) > 3:  # drop a sentence or two
                for _ in range(rng.randint(1, 2)):
                    k = rng.randrange(1, len(paragraphs))
                    paragraphs[k] = paragraphs[k][1:]
                paragraphs = [p for p in paragraphs if p]
            elif roll < 0.5 and len(paragraphs) > 3:  # swap two adjacent paragraphs
                k = rng.randrange(1, len(paragraphs) - 1)
                paragraphs[k], paragraphs[k + 1] = paragraphs[k + 1], paragraphs[k]
            elif roll < 0.62 and len(paragraphs) > 4:  # truncated republication
                paragraphs = paragraphs[: max(3, int(len(paragraphs) * rng.uniform(0.6, 0.9)))]
            rate = rng.choice((0.0, 0.01, 0.02, 0.03, 0.04, 0.05))
            yield self._page(story, site, story.when + lag, paragraphs, rate=rate, origin=origin)

    def _page(self, story: _Story, site: Site, when: datetime, paragraphs: list[list[str]], *, rate: float,
              origin: Site) -> Document:
        rng = self.rng
        body = [" ".join(_edit_words(s, rate, rng) if rate else s for s in p) for p in paragraphs]
        slug = "-".join(story.title.lower().replace(":", "").replace(",", "").split()[:7])
        url = f"https://{site.domain}/{when:%Y/%m/%d}/{slug}-{rng.randrange(10**6):06d}"
        tag = story.topic.lower()
        footer = [f.format(year=when.year, site=site.name, origin=origin.name, tag=tag) for f in site.footers]
        title = _casing(story.title, site.casing)
        text = "\n\n".join([site.menu, title, *body, *footer])
        published: str | None = None
        if site.dated:  # origins stamp the time; a fifth of mirror pages give only the day
            timed = site is origin or rng.random() < 0.8
            published = when.strftime("%Y-%m-%dT%H:%M:%SZ") if timed else when.strftime("%Y-%m-%d")
        return Document(url, published, title, text, story.id, site.domain, site is origin, tuple(body), story.topic,
                        tuple(sorted(story.cast.items())))


def generate(n: int, seed: int = 1, **options: Any) -> list[Document]:
    """n generated pages (origins and copies) for a seed; see CorpusGenerator for options."""
    return list(CorpusGenerator(seed, **options).documents(n))


# CAMEO code, Goldstein, quad class and PLOVER type each topic's verbs stand for.
TOPIC_EVENTS = {
    "SANCTION": ("163", -8.0, 4, "SANCTION"), "CONSULT": ("040", 1.0, 1, "CONSULT"),
    "ACCUSE": ("112", -2.0, 3, "ACCUSE"), "AID": ("070", 7.0, 2, "AID"), "REJECT": ("120", -4.0, 3, "REJECT"),
    "THREATEN": ("130", -4.4, 3, "THREATEN"), "AGREE": ("057", 8.0, 1, "AGREE"), "FIGHT": ("190", -10.0, 4, "FIGHT"),
}
_RECORD_EXTRA = (("036", 4.0, 1, "CONSULT"), ("112", -2.0, 3, "ACCUSE"), ("128", -4.0, 3, "REJECT"),
                 ("0311", 5.2, 1, "AGREE"), ("163", -8.0, 4, "SANCTION"))


def record(doc: Document, index: int = 0) -> dict[str, Any]:
    """A schema-v1 article record for a generated page, as the pipeline would make it, without NLP.

    Actors are the story's two countries and two officials; quotes are the body's quoted sentences;
    events are the story's main event (source country -> target country) plus, for some pages,
    follow-ups between the same pair. For store benchmarks and tests: no spaCy needed.
    """
    from urllib.parse import urlsplit

    from parley.records import content_id

    cast = dict(doc.cast)
    text = "\n\n".join(doc.body)
    actors: list[dict[str, Any]] = [
        {"id": "a1", "name": cast["A"].removeprefix("the "), "kind": "country", "country": cast["codeA"],
         "role": None, "code": cast["codeA"], "mentions": []},
        {"id": "a2", "name": cast["B"].removeprefix("the "), "kind": "country", "country": cast["codeB"],
         "role": None, "code": cast["codeB"], "mentions": []},
        {"id": "a3", "name": cast["N1"], "kind": "person", "country": cast["codeA"], "role": cast["R1"],
         "code": cast["codeA"] + "GOV", "mentions": []},
        {"id": "a4", "name": cast["N2"], "kind": "person", "country": cast["codeB"], "role": cast["R2"],
         "code": cast["codeB"] + "GOV", "mentions": []},
    ]
    quotes = []
    for start, end in _quoted_spans(text):
        speaker = "a3" if (index + start) % 3 else "a4"
        quotes.append({"text": text[start:end], "kind": "direct", "start": start, "end": end, "speaker": speaker,
                       "speaker_name": cast["N1"] if speaker == "a3" else cast["N2"], "cue": "said"})
    lead = doc.body[0] if doc.body else ""
    cameo, goldstein, quad, plover = TOPIC_EVENTS.get(doc.topic, TOPIC_EVENTS["CONSULT"])
    specs = [("a1", "a2", cameo, goldstein, quad, plover, 0, len(lead))]
    extra = (len(doc.body) + index) % 5
    for n in range(extra):
        e = _RECORD_EXTRA[(n + len(doc.body)) % len(_RECORD_EXTRA)]
        src, tgt = ("a3", "a2") if n % 2 else ("a2", "a1")
        specs.append((src, tgt, *e, 0, len(lead)))
    by_id = {a["id"]: a for a in actors}
    events = [{
        "source": src, "target": tgt, "source_code": by_id[src]["code"], "target_code": by_id[tgt]["code"],
        "cameo": code, "plover": pl, "goldstein": gs, "quad_class": qc, "date": None, "date_text": None,
        "sentence": lead, "start": start, "end": end, "negated": False, "claimed_by": None, "confidence": 0.8,
    } for src, tgt, code, gs, qc, pl, start, end in specs]
    return {
        "schema_version": 1, "id": content_id(text),
        "source": {"format": "jsonl", "path": "corpus.jsonl", "url": doc.url, "domain": urlsplit(doc.url).hostname,
                   "record": index},
        "language": "en", "section": "World", "title": doc.title, "standfirst": None, "byline": None,
        "published": doc.published, "body": list(doc.body), "text": text, "captions": [], "related": [],
        "removed": [], "actors": actors, "quotes": quotes, "events": events, "duplicate_of": None,
    }


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each pair of curly double quotes."""
    spans, at = [], 0
    while (start := text.find("\u201c", at)) >= 0:
        end = text.find("\u201d", start + 1)
        if end < 0:
            break
        spans.append((start + 1, end))
        at = end + 1
    return spans


def records(n: int, seed: int = 1, **options: Any) -> list[dict[str, Any]]:
    """n schema-v1 records of generated pages (copies included, so some ids may repeat when bodies match)."""
    return [record(doc, i) for i, doc in enumerate(CorpusGenerator(seed, **options).documents(n))]
