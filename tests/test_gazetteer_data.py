"""Integrity checks for the actor gazetteers in src/parley/actors/data/."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from functools import cache
from pathlib import Path

import pycountry
import pytest

DATA = Path(__file__).resolve().parents[1] / "src" / "parley" / "actors" / "data"
SHARED = Path(__file__).resolve().parents[2] / "shared"
CAMEO_ACTORS = SHARED / "data" / "events" / "cameo_actor_codes.tsv"

COLUMNS = {
    "countries.tsv": ["iso3", "name", "aliases", "demonyms", "capitals", "seats"],
    "orgs.tsv": ["code", "acronym", "name", "aliases", "kind", "country", "sector"],
    "roles.tsv": ["role", "sector", "person", "note"],
    "institutions.tsv": ["name", "aliases", "iso3", "sector"],
    "people.tsv": ["name", "aliases", "iso3", "role", "code", "as_of", "source"],
    "places.tsv": ["name", "aliases"],
    "regions.tsv": ["name", "aliases", "iso3"],
}
MULTI = {"aliases", "demonyms", "capitals", "seats"}
USER_ASSIGNED_ISO3 = {"XKX"}  # Kosovo: not in ISO 3166-1, user-assigned code in common use
CODE_RE = re.compile(r"^[A-Z]{3,9}$")
ORG_KINDS = {"igo", "ngo", "group"}
SECTOR_KINDS = {"primary_role", "secondary_role", "tertiary_role", "international_generic"}

# Strings that deliberately resolve to more than one code across the files (keys as normalise() gives them).
# "brussels": the Belgian capital (a place, countries.tsv) and the usual metonym for the EU (orgs.tsv);
# the resolver prefers the EU reading when "Brussels" is an actor.
ALLOWED_COLLISIONS = {"brussels": {"BEL", "IGOEUREEC"}}


def read(name: str) -> list[dict[str, str]]:
    """Rows of one gazetteer, skipping the leading '#' provenance lines."""
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        lines = fh.read().split("\n")
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    if lines and lines[-1] == "":
        lines.pop()
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    assert header == COLUMNS[name], f"{name}: header {header}"
    rows = []
    for lineno, fields in enumerate(reader, start=2):
        assert len(fields) == len(header), f"{name} row {lineno}: {len(fields)} fields: {fields}"
        rows.append(dict(zip(header, fields, strict=True)))
    return rows


def values(field: str) -> list[str]:
    """Split a '|' list field; empty field -> []."""
    return field.split("|") if field else []


@cache
def iso3_codes() -> frozenset[str]:
    """Valid country codes: pycountry alpha-3 plus user-assigned ones."""
    return frozenset(c.alpha_3 for c in pycountry.countries) | USER_ASSIGNED_ISO3


@cache
def cameo_sector_codes() -> frozenset[str] | None:
    """Three-letter role and generic codes from the CAMEO actor table; None when ../shared is absent."""
    if not CAMEO_ACTORS.exists():
        return None
    with CAMEO_ACTORS.open(encoding="utf-8", newline="") as fh:
        return frozenset(r["code"] for r in csv.DictReader(fh, delimiter="\t") if r["kind"] in SECTOR_KINDS)


def sector_ok(sector: str) -> bool:
    """A sector is one or more concatenated three-letter CAMEO codes (e.g. GOV, GOVMIL).

    Membership in the CAMEO table is checked only when ../shared is present; the shape always is.
    """
    if not re.fullmatch(r"(?:[A-Z]{3})+", sector):
        return False
    known = cameo_sector_codes()
    return known is None or all(sector[i : i + 3] in known for i in range(0, len(sector), 3))


def test_cameo_table_present() -> None:
    if cameo_sector_codes() is None:
        pytest.skip(f"{CAMEO_ACTORS} not available: sector codes checked for shape only")
    assert {"GOV", "MIL", "ELI", "IGO"} <= (cameo_sector_codes() or frozenset())


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_file_parses_and_cells_are_clean(name: str) -> None:
    rows = read(name)
    assert rows, f"{name} is empty"
    for row in rows:
        for col, cell in row.items():
            assert cell == cell.strip(), f"{name}: stray whitespace in {col}: {cell!r}"
            if col in MULTI:
                parts = values(cell)
                assert all(p and p == p.strip() for p in parts), f"{name}: empty/padded item in {col}: {cell!r}"
                assert len(parts) == len(set(parts)), f"{name}: duplicate item in {col}: {cell!r}"


def test_countries() -> None:
    rows = read("countries.tsv")
    codes = [r["iso3"] for r in rows]
    assert len(codes) == len(set(codes)), "duplicate iso3"
    assert set(codes) <= iso3_codes()
    missing = {c.alpha_3 for c in pycountry.countries} - set(codes)
    assert not missing, f"countries missing: {sorted(missing)}"
    assert {"XKX", "PSE"} <= set(codes)
    for r in rows:
        assert r["name"], r
        assert r["name"] not in values(r["aliases"]), r["iso3"]
    by = {r["iso3"]: r for r in rows}
    assert by["RUS"]["name"] == "Russia" and "Kremlin" in values(by["RUS"]["seats"])
    assert {"US", "U.S.", "America"} <= set(values(by["USA"]["aliases"]))
    assert values(by["USA"]["capitals"]).count("Washington") == 1
    assert {"Kiev", "Kyiv"} <= set(values(by["UKR"]["capitals"]))


def test_orgs() -> None:
    rows = read("orgs.tsv")
    codes = [r["code"] for r in rows]
    assert len(codes) == len(set(codes)), "duplicate org code"
    for r in rows:
        assert r["name"], r
        assert CODE_RE.match(r["code"]), r["code"]
        assert r["kind"] in ORG_KINDS, r
        if r["country"]:
            assert r["country"] in iso3_codes(), r
        if r["sector"]:
            assert sector_ok(r["sector"]), r
        if r["kind"] == "group" and r["country"]:
            # domestic group code = ISO3 + sector + organisation code
            assert r["code"].startswith(r["country"] + r["sector"]), r
    by = {r["code"]: r for r in rows}
    assert by["IGONAT"]["acronym"] == "NATO"
    assert by["IGOUNO"]["name"] == "United Nations"


def test_orgs_reuse_cameo_manual_codes() -> None:
    """Every manual code we use names the same body as the manual (names compared loosely)."""
    if cameo_sector_codes() is None:
        pytest.skip(f"{CAMEO_ACTORS} not available")
    with CAMEO_ACTORS.open(encoding="utf-8", newline="") as fh:
        manual = {r["code"]: r["name"] for r in csv.DictReader(fh, delimiter="\t") if r["kind"] == "international_org"}
    for r in read("orgs.tsv"):
        if r["code"] in manual:
            words = set(re.findall(r"[a-z]{4,}", manual[r["code"]].lower()))
            ours = " ".join([r["name"], r["aliases"], r["acronym"]]).lower()
            assert any(w in ours for w in words), (r["code"], manual[r["code"]], r["name"])


def test_roles() -> None:
    rows = read("roles.tsv")
    roles = [r["role"] for r in rows]
    assert len(roles) == len(set(roles)), "duplicate role"
    for r in rows:
        assert r["role"] and r["role"] == r["role"].lower(), r
        assert sector_ok(r["sector"]), r
        assert r["person"] in {"yes", "no"}, r
    by = {r["role"]: r for r in rows}
    assert by["deputy foreign minister"]["sector"] == "GOV" and by["deputy foreign minister"]["person"] == "yes"
    assert by["troops"]["sector"] == "MIL" and by["troops"]["person"] == "no"


def test_institutions() -> None:
    rows = read("institutions.tsv")
    names = [r["name"] for r in rows]
    assert len(names) == len(set(names)), "duplicate institution"
    for r in rows:
        assert r["name"], r
        assert r["iso3"] in iso3_codes(), r
        assert sector_ok(r["sector"]), r


def test_people() -> None:
    rows = read("people.tsv")
    org_codes = {r["code"] for r in read("orgs.tsv")}
    names = [r["name"] for r in rows]
    assert len(names) == len(set(names)), "duplicate person"
    for r in rows:
        assert r["name"] and r["role"] and r["source"], r
        assert CODE_RE.match(r["code"]), r
        assert re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", r["as_of"]), r
        if r["iso3"]:
            assert r["iso3"] in iso3_codes(), r
            assert r["code"] in org_codes or (r["code"].startswith(r["iso3"]) and sector_ok(r["code"][3:])), r
        else:
            assert r["code"] in org_codes, f"{r['name']}: IGO official needs an orgs.tsv code"
    by = {r["name"]: r for r in rows}
    assert by["Sergey Ryabkov"]["code"] == "RUSGOV"
    assert "Peskov" in values(by["Dmitry Peskov"]["aliases"])


def normalise(text: str) -> str:
    """Loose key a matcher might use: casefolded, accents, punctuation, spaces and a leading 'the' dropped."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"[\W_]+", "", text)


def surface_forms() -> dict[str, set[str]]:
    """Every entity string in every file (normalised) -> the codes it resolves to."""
    out: dict[str, set[str]] = defaultdict(set)

    def add(text: str, code: str) -> None:
        out[normalise(text)].add(code)

    for r in read("countries.tsv"):
        for s in [r["name"], *values(r["aliases"]), *values(r["demonyms"]), *values(r["capitals"])]:
            add(s, r["iso3"])
        for s in values(r["seats"]):
            add(s, r["iso3"] + "GOV")
    for r in read("orgs.tsv"):
        for s in [r["name"], *values(r["aliases"]), *values(r["acronym"])]:
            add(s, r["code"])
    for r in read("institutions.tsv"):
        for s in [r["name"], *values(r["aliases"])]:
            add(s, r["iso3"] + r["sector"])
    for r in read("people.tsv"):
        for s in [r["name"], *values(r["aliases"])]:
            add(s, r["code"])
    return out


def test_no_unintended_collisions() -> None:
    bad = {text: codes for text, codes in surface_forms().items() if len(codes) > 1 and ALLOWED_COLLISIONS.get(text) != codes}
    assert not bad, f"strings resolving to several codes: {bad}"


def test_allowed_collisions_still_exist() -> None:
    forms = surface_forms()
    for text, codes in ALLOWED_COLLISIONS.items():
        assert forms.get(text) == codes, f"stale entry in ALLOWED_COLLISIONS: {text}"


def test_role_phrases_do_not_shadow_entities() -> None:
    forms = surface_forms()
    clash = [r["role"] for r in read("roles.tsv") if normalise(r["role"]) in forms]
    assert not clash, f"role phrases that are also entity names: {clash}"


def test_places_shadow_an_actor_name() -> None:
    """Every place is there because a country, demonym or capital sits inside it ("South China Sea")."""
    actor_words = set()
    for r in read("countries.tsv"):
        for s in [r["name"], *values(r["aliases"]), *values(r["demonyms"]), *values(r["capitals"])]:
            actor_words.add(s)
    for r in read("places.tsv"):
        for place in [r["name"], *values(r["aliases"])]:
            assert any(re.search(rf"\b{re.escape(w)}\b", place) for w in actor_words), place


def test_regions() -> None:
    rows = read("regions.tsv")
    assert all(r["iso3"] in iso3_codes() for r in rows)
    forms = [f for r in rows for f in [r["name"], *values(r["aliases"])]]
    assert len(forms) == len(set(forms)), "a region named twice"
    countries = {f for r in read("countries.tsv") for col in ("name", "aliases", "demonyms", "capitals")
                 for f in values(r[col])}
    assert not set(forms) & countries, "a region that is also a country, demonym or capital"


def test_typo_tolerance_compares_only_keys_of_near_length_and_finds_what_all_keys_would():
    import difflib

    from parley.actors.gazetteer import FUZZY_CUTOFF, _close_match, _of_near_length, load_gazetteer

    keys = load_gazetteer().fuzzy_keys
    surfaces = ["Washingston", "Moscwo", "Kazakstan", "Afganistan", "Vladivostok", "Ukrainee", "Bejing",
                "Philipines", "Argentinia", "Kyrgystan", "Harbourmaster", "Ethiopa", *(k[:-1] for k in keys[::25])]
    for surface in surfaces:
        everything = difflib.get_close_matches(surface, keys, n=1, cutoff=FUZZY_CUTOFF)
        assert _close_match(surface, _of_near_length(keys, len(surface))) == (everything[0] if everything else None), surface
    assert load_gazetteer().fuzzy("Washingston") is not None
    assert all(len(_of_near_length(keys, n)) < len(keys) for n in (6, 12))
