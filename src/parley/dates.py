"""Dates: publication dates from page text, and event dates resolved against publication.

Event dates are given at the precision the text supports: "on Monday" → a day, "last month" or
"in February 2022" → a month ("2022-02"), "last year" → a year.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import cache

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
MONTH_RE = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
            r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")

ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?")
DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH_RE}),?\s+(\d{{4}})\b", re.I)
MONTH_DAY_YEAR = re.compile(rf"\b({MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)

# Event-date expressions, most specific first, each with the lower-case stems one of which its every
# match contains (its ASCII match, at least): most event sentences hold none, and a substring test is
# much cheaper than a regex search. Each is resolved by _resolve_match.
MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
DAY_STEMS = ("day",)  # the weekdays, "today", "yesterday"
UNIT_STEMS = ("week", "month", "year")
EXPRESSIONS = [
    ("dmy", MONTH_STEMS,
     re.compile(rf"\b(?:on\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH_RE}),?\s+(\d{{4}})\b", re.I)),
    ("mdy", MONTH_STEMS,
     re.compile(rf"\b(?:on\s+)?({MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)),
    ("my", MONTH_STEMS,
     re.compile(rf"\b(?:in\s+|since\s+)?(?:early\s+|late\s+|mid-?)?({MONTH_RE})\s+(\d{{4}})\b", re.I)),
    ("dm", MONTH_STEMS, re.compile(rf"\bon\s+(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH_RE})\b", re.I)),
    ("md", MONTH_STEMS, re.compile(rf"\bon\s+({MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b", re.I)),
    ("weekday", DAY_STEMS,
     re.compile(r"\b(?:on\s+|last\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)),
    ("rel_day", DAY_STEMS, re.compile(r"\b(yesterday|today|the day before yesterday)\b", re.I)),
    ("rel", UNIT_STEMS, re.compile(r"\b(last|this|next|earlier this|later this)\s+(week|month|year)\b", re.I)),
    ("in_month", MONTH_STEMS, re.compile(rf"\bin\s+({MONTH_RE})\b(?!\s+\d)", re.I)),
    ("year", ("19", "20"), re.compile(r"\bin\s+((?:19|20)\d{2})\b", re.I)),
    ("ago", ("ago",), re.compile(r"\b(\d+|a|one|two|three|four|five|six)\s+(day|week|month|year)s?\s+ago\b", re.I)),
]
NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _month(name: str) -> int:
    """The month number of a matched name; casefold, as the case-blind regexes do ("ſept." is "sept.")."""
    key = name.casefold().rstrip(".")
    return MONTHS[key[:4] if key.startswith("sept") else key[:3]]


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def parse_date(text: str) -> str | None:
    """An ISO date (or date-time) from a dateline/timestamp string; None when there is none."""
    m = ISO.search(text)
    if m:
        day = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if day is None:
            return None
        if m.group(4):
            return f"{day.isoformat()}T{m.group(4)}:{m.group(5)}:{m.group(6) or '00'}"
        return day.isoformat()
    m = DAY_MONTH_YEAR.search(text)
    if m:
        day = _safe_date(int(m.group(3)), _month(m.group(2)), int(m.group(1)))
        return day.isoformat() if day else None
    m = MONTH_DAY_YEAR.search(text)
    if m:
        day = _safe_date(int(m.group(3)), _month(m.group(1)), int(m.group(2)))
        return day.isoformat() if day else None
    return _dateparser_fallback(text)


@cache
def _dateparser_fallback(text: str) -> str | None:
    import dateparser  # slow to import: only when the fast forms fail

    cleaned = re.sub(r"^(?:published|updated|posted|last updated|date)\s*:?\s*", "", text.strip(), flags=re.I)
    if not re.search(r"\d", cleaned):
        return None
    parsed = dateparser.parse(cleaned, languages=["en"], settings={"REQUIRE_PARTS": ["day", "month", "year"]})
    return parsed.date().isoformat() if parsed else None


def publication_day(published: str | None) -> dt.date | None:
    """The calendar day of an ISO publication date/time string."""
    if not published:
        return None
    m = ISO.search(published)
    return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def _shift_month(day: dt.date, months: int) -> tuple[int, int]:
    idx = day.year * 12 + day.month - 1 + months
    return idx // 12, idx % 12 + 1


def _resolve_match(kind: str, m: re.Match[str], pub: dt.date | None) -> str | None:
    g = m.groups()
    if kind == "dmy":
        d = _safe_date(int(g[2]), _month(g[1]), int(g[0]))
        return d.isoformat() if d else None
    if kind == "mdy":
        d = _safe_date(int(g[2]), _month(g[0]), int(g[1]))
        return d.isoformat() if d else None
    if kind == "my":
        return f"{int(g[1]):04d}-{_month(g[0]):02d}"
    if kind == "year":
        return g[0]
    if pub is None:
        return None
    if kind in ("dm", "md"):
        day_s, mon_s = (g[0], g[1]) if kind == "dm" else (g[1], g[0])
        d = _safe_date(pub.year, _month(mon_s), int(day_s))
        if d and d > pub:
            d = _safe_date(pub.year - 1, d.month, d.day)
        return d.isoformat() if d else None
    if kind == "weekday":
        back = (pub.weekday() - WEEKDAYS[g[0].lower()]) % 7
        return (pub - dt.timedelta(days=back)).isoformat()
    if kind == "rel_day":
        word = g[0].lower()
        delta = {"today": 0, "yesterday": 1}.get(word, 2)
        return (pub - dt.timedelta(days=delta)).isoformat()
    if kind == "in_month":
        month = _month(g[0])
        year = pub.year if month <= pub.month else pub.year - 1
        return f"{year:04d}-{month:02d}"
    if kind == "rel":
        which, unit = g[0].lower(), g[1].lower()
        step = -1 if which == "last" else (1 if which == "next" else 0)
        if unit == "year":
            return str(pub.year + step)
        if unit == "month":
            y, mo = _shift_month(pub, step)
            return f"{y:04d}-{mo:02d}"
        monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=step)
        iso = monday.isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}"
    if kind == "ago":
        n = NUMBERS.get(g[0].lower()) or int(g[0])
        unit = g[1].lower()
        if unit == "day":
            return (pub - dt.timedelta(days=n)).isoformat()
        if unit == "week":
            return (pub - dt.timedelta(weeks=n)).isoformat()
        if unit == "month":
            y, mo = _shift_month(pub, -n)
            return f"{y:04d}-{mo:02d}"
        return str(pub.year - n)
    return None


def resolve_event_date(sentence: str, published: str | None) -> tuple[str | None, str | None]:
    """The date an event sentence states, resolved against publication: (iso date, words that gave it)."""
    # Outside ASCII, re.I also folds letters that str.lower() leaves apart (the long s, the Kelvin sign):
    # there every expression is searched.
    low = sentence.lower() if sentence.isascii() else None
    held: dict[tuple[str, ...], bool] = {}
    for kind, stems, pattern in EXPRESSIONS:
        if low is not None:
            if stems not in held:
                held[stems] = any(stem in low for stem in stems)
            if not held[stems]:
                continue
        m = pattern.search(sentence)
        if m:
            return _resolve_match(kind, m, publication_day(published)), m.group(0).strip()
    return None, None
