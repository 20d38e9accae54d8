"""Query parameters declared once: parsed and bounded for every page and API route, and documented in OpenAPI."""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from parley.store.rows import iso_day

MAX_LIMIT = 200  # rows one API call may ask for
MAX_OFFSET = 100_000  # deeper paging costs a scan per page; narrow the filters instead
PAGE_SIZE = 25  # rows per HTML page
MAX_PAGE = MAX_OFFSET // PAGE_SIZE
CODE = re.compile(r"^[A-Za-z0-9]{2,16}$")  # a CAMEO-style actor code or prefix, e.g. RUS, USAGOV, IGONATO
DIGITS = re.compile(r"^[0-9]{1,4}$")  # a CAMEO event code or prefix


class BadRequest(Exception):
    """A query parameter that cannot be used; str() says which and what is expected."""


@dataclass(frozen=True)
class Param:
    """One query parameter: its type, bounds and what it does."""

    name: str
    description: str
    type: str = "string"  # "string", "integer", "date", "code" (actor code) or "digits" (CAMEO code)
    default: Any = None
    minimum: int | None = None
    maximum: int | None = None
    enum: tuple[str, ...] | None = None
    max_length: int = 200

    def parse(self, raw: str | None) -> Any:
        """The value of this parameter from its raw query-string text; BadRequest when unusable."""
        if raw is None or not raw.strip():
            return self.default
        raw = raw.strip()
        if len(raw) > self.max_length:
            raise BadRequest(f"{self.name} is longer than {self.max_length} characters")
        if self.type == "integer":
            try:
                value = int(raw)
            except ValueError:
                raise BadRequest(f"{self.name}={raw!r} is not a whole number") from None
            if self.minimum is not None and value < self.minimum:
                raise BadRequest(f"{self.name} must be at least {self.minimum}")
            if self.maximum is not None and value > self.maximum:
                raise BadRequest(f"{self.name} must be at most {self.maximum}")
            return value
        if self.type == "date" and iso_day(raw) is None:
            raise BadRequest(f"{self.name}={raw!r} is not a date; use YYYY-MM-DD, YYYY-MM or YYYY")
        if self.type == "digits" and not DIGITS.match(raw):
            raise BadRequest(f"{self.name}={raw!r} is not a CAMEO code prefix (1-4 digits, e.g. 16 or 163)")
        if self.type == "code" and not CODE.match(raw):
            raise BadRequest(f"{self.name}={raw!r} is not an actor code (2-16 letters or digits, e.g. RUS, USAGOV)")
        if self.enum and raw not in self.enum:
            raise BadRequest(f"{self.name}={raw!r} is not one of {', '.join(self.enum)}")
        return raw.upper() if self.type == "code" else raw

    def openapi(self) -> dict[str, Any]:
        """This parameter as an OpenAPI 3.1 parameter object."""
        schema: dict[str, Any] = {"type": "integer" if self.type == "integer" else "string"}
        if self.type == "date":
            schema["pattern"] = r"^\d{4}(-\d{2}(-\d{2})?)?"
        if self.type == "code":
            schema["pattern"] = CODE.pattern
        if self.type == "digits":
            schema["pattern"] = DIGITS.pattern
        if self.type != "integer":
            schema["maxLength"] = self.max_length
        for key, value in (("default", self.default), ("minimum", self.minimum), ("maximum", self.maximum)):
            if value is not None:
                schema[key] = value
        if self.enum:
            schema["enum"] = list(self.enum)
        return {"name": self.name, "in": "query", "required": False, "description": self.description, "schema": schema}


def parse(query: Mapping[str, str], params: Sequence[Param]) -> dict[str, Any]:
    """Every declared parameter's value (its default when absent); unknown parameters are ignored."""
    return {p.name: p.parse(query.get(p.name)) for p in params}


Q = Param("q", "words to find (case-insensitive substring) in headline, standfirst and text, or in quote/sentence text")
SINCE = Param("since", "on or after this date (YYYY-MM-DD, YYYY-MM or YYYY)", "date")
UNTIL = Param("until", "on or before this date (YYYY-MM-DD, YYYY-MM or YYYY)", "date")
DOMAIN = Param("domain", "source site, e.g. example.org (exact, case-insensitive)")
ACTOR = Param("actor", "actor code prefix, e.g. RUS or USAGOV: articles mentioning it, quotes by it, events from or to it",
              "code")
SPEAKER = Param("speaker", "speaker name contains this (case-insensitive)")
NAME = Param("name", "speaker name contains this (case-insensitive)")
SOURCE = Param("source", "source actor code prefix, e.g. RUS", "code")
TARGET = Param("target", "target actor code prefix, e.g. USA", "code")
CAMEO = Param("code", "CAMEO event code prefix, e.g. 16 or 163", "digits", max_length=4)
FREQ = Param("freq", "period of the time series", default="month",
             enum=("day", "week", "month", "quarter", "year"))
LIMIT = Param("limit", "at most this many rows", "integer", default=50, minimum=1, maximum=MAX_LIMIT)
OFFSET = Param("offset", "skip this many rows first (paging)", "integer", default=0, minimum=0, maximum=MAX_OFFSET)
PAGE = Param("page", "page number, from 1", "integer", default=1, minimum=1, maximum=MAX_PAGE)
