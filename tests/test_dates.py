"""Publication dates and event dates resolved against them."""
from __future__ import annotations

import pytest

from parley.dates import EXPRESSIONS, parse_date, resolve_event_date


@pytest.mark.parametrize(("text", "expected"), [
    ("Published: 12 Mar, 2025 08:15", "2025-03-12"),
    ("2024-11-02T09:30:00Z", "2024-11-02T09:30:00"),
    ("Updated March 4, 2026", "2026-03-04"),
    ("no date here", None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(("sentence", "date", "words"), [
    ("Troops crossed the border in February 2022.", "2022-02", "in February 2022"),
    ("The minister spoke on Monday.", "2025-03-10", "on Monday"),  # published Wednesday 2025-03-12
    ("The envoy said last month that talks failed.", "2025-02", None),
    ("They met yesterday.", "2025-03-11", "yesterday"),
    ("Sanctions were imposed in 2019.", "2019", "in 2019"),
    ("The treaty was signed on 3 June 2021.", "2021-06-03", None),
    ("The sky is blue.", None, None),
])
def test_event_dates(sentence, date, words):
    got, text = resolve_event_date(sentence, "2025-03-12")
    assert got == date
    if words:
        assert text == words


def test_relative_dates_need_a_publication_date():
    assert resolve_event_date("They met on Monday.", None) == (None, "on Monday")


@pytest.mark.parametrize("sentence", [
    "The ministers met in MARCH and again on TUESDAY.",
    "Two weeks ago the convoy turned back.",
    "The port reopened in 1998 after the floods.",
    "The mayor of Velden resigned last week.",  # "may" in "mayor" passes the stem test, no month follows
    "Die Gespräche in Zürich endeten on 4 May 2023.",  # not ASCII: every expression is searched
    "Nobody said anything about dates.",
])
def test_event_dates_agree_with_searching_every_expression(sentence):
    """The cheap stem test only skips expressions that could not have matched."""
    first = next((m for _, _, pattern in EXPRESSIONS if (m := pattern.search(sentence))), None)
    got = resolve_event_date(sentence, "2025-03-12")
    assert got[1] == (first.group(0).strip() if first else None)


def test_a_month_name_the_case_blind_match_folds_still_resolves():
    from parley.dates import resolve_event_date

    # the long s (U+017F) matches "s" case-blind; it once raised KeyError instead of giving September
    assert resolve_event_date("Talks resumed in ſeptember 2021.", "2022-03-01")[0] == "2021-09"
