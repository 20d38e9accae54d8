"""Integrity of the packaged CAMEO taxonomy (and its agreement with ../shared when present)."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from parley.events.taxonomy import (
    ROOTS,
    CameoCode,
    load_taxonomy,
    lookup,
    read_data_file,
    root_quad_class,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"
EVENTS_DATA = SHARED / "data" / "events"

# PLOVER v0.8 event types (manual draft 0.8); kept here so the package test needs no ../shared.
PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}


def _shared_rows(name: str) -> list[dict[str, str]]:
    path = EVENTS_DATA / name
    if not path.is_file():
        pytest.skip(f"{path} not available (../shared is absent)")
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


@pytest.fixture(scope="module")
def tax() -> dict[str, CameoCode]:
    return load_taxonomy()


def test_loads_and_is_cached(tax):
    assert len(tax) == 315
    assert load_taxonomy() is tax
    assert all(isinstance(c, CameoCode) for c in tax.values())


def test_no_duplicate_codes_in_file():
    codes = [
        ln.split("\t", 1)[0]
        for ln in read_data_file("cameo.tsv").splitlines()
        if ln.strip() and not ln.startswith("#")
    ][1:]
    assert len(codes) == len(set(codes))


def test_all_roots_present(tax):
    assert set(ROOTS) == {c.root for c in tax.values()}
    for root in ROOTS:
        assert root in tax
        assert tax[root].level == 1


def test_codes_are_well_formed(tax):
    for code, c in tax.items():
        assert code == c.code
        assert code.isdigit() and 2 <= len(code) <= 4, code
        assert c.root in tax, code
        assert code.startswith(c.root), code
        if c.parent is not None:
            assert c.parent in tax, f"{code}: parent {c.parent} missing"
        assert c.name and c.name == c.name.strip()


def test_goldstein_in_range(tax):
    for c in tax.values():
        assert -10.0 <= c.goldstein <= 10.0, c.code


def test_quad_class_follows_gdelt_root_convention(tax):
    for c in tax.values():
        assert c.quad_class in (1, 2, 3, 4)
        assert c.quad_class == root_quad_class(c.root), c.code


def test_plover_types_valid(tax):
    for c in tax.values():
        if c.root in ("01", "02"):
            assert c.plover is None, c.code
        else:
            assert c.plover in PLOVER_TYPES, c.code


def test_known_values(tax):
    assert tax["163"].goldstein == -8.0 and tax["163"].plover == "COERCE"
    assert tax["057"].name == "Sign formal agreement" and tax["057"].plover == "SUPPORT"
    assert tax["0874"].goldstein == 10.0
    assert tax["1823"].goldstein == -10.0
    # no published value: parent's
    assert tax["1213"].goldstein == tax["121"].goldstein == -4.0
    assert tax["1951"].goldstein == tax["195"].goldstein == -10.0
    # roots with several PLOVER targets take the most common child's
    assert tax["08"].plover == "RETREAT"
    assert tax["16"].plover == "SANCTION"
    assert tax["17"].plover == "COERCE"
    assert tax["19"].plover == "ASSAULT"


def test_lookup_falls_back_to_parent():
    assert lookup("0874").code == "0874"
    assert lookup("1667").code == "166"
    assert lookup("0999").code == "09"
    assert lookup(" 19 ").code == "19"
    with pytest.raises(KeyError):
        lookup("99")
    with pytest.raises(KeyError):
        lookup("")


def test_root_quad_class():
    assert [root_quad_class(r) for r in ("01", "05", "06", "09", "10", "14", "15", "20")] == [
        1, 1, 2, 2, 3, 3, 4, 4,
    ]
    with pytest.raises(KeyError):
        root_quad_class("21")


# --- agreement with the source tables in ../shared (skipped when absent) ---


def test_plover_types_match_shared_table():
    rows = _shared_rows("plover_event_types.tsv")
    assert {r["event"] for r in rows} == PLOVER_TYPES


def test_transcription_matches_shared(tax):
    rows = _shared_rows("cameo_codes.tsv")
    assert {r["code"] for r in rows} == set(tax)
    for r in rows:
        c = tax[r["code"]]
        assert c.root == r["root"]
        assert c.quad_class == int(r["quad_class"])
        assert c.name == " ".join(r["name"].split())
        if r["goldstein"]:
            assert c.goldstein == float(r["goldstein"]), c.code
        else:
            assert c.goldstein == tax[c.parent or c.root].goldstein, c.code
        listed = r["plover_event"]
        if listed == "dropped":
            assert c.plover is None
        else:
            assert c.plover in listed.split("/"), c.code
        assert (c.plover_mode or "") == r["plover_mode"]
