"""Plain typed records passed between pipeline stages, and their JSON (schema v1) form."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, fields, is_dataclass
from functools import cache
from typing import Any, Literal

import orjson

SCHEMA_VERSION = 1
Format = Literal["text", "html", "warc", "jsonl"]
ActorKind = Literal["person", "organization", "country", "group", "location"]
QuoteKind = Literal["direct", "indirect", "mixed"]


@dataclass(frozen=True)
class RawDocument:
    """One input document as a reader found it, before any cleaning."""

    content: str
    format: Format
    path: str | None = None
    url: str | None = None
    published: str | None = None
    record: int | None = None
    title: str | None = None  # a title the container supplied (JSONL field), used as a hint
    container: Format | None = None  # "jsonl" or "warc" when the document came out of a multi-record file
    crawled: str | None = None  # when it was fetched (ISO 8601, the WARC-Date): no later date is its publication date


@dataclass(frozen=True)
class Caption:
    text: str
    credit: str | None = None


@dataclass(frozen=True)
class Recovered:
    """The clean article a recovery stage made from a RawDocument."""

    title: str | None
    body: tuple[str, ...]
    section: str | None = None
    standfirst: str | None = None
    byline: str | None = None
    published: str | None = None
    captions: tuple[Caption, ...] = ()
    related: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    language: str | None = None

    @property
    def text(self) -> str:
        """Body paragraphs joined by a blank line: every offset downstream points into this."""
        return "\n\n".join(self.body)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: ActorKind
    country: str | None = None
    role: str | None = None
    code: str | None = None
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class Quote:
    text: str
    kind: QuoteKind
    start: int
    end: int
    speaker: str | None = None
    speaker_name: str | None = None
    cue: str | None = None
    speaker_mention: Mention | None = None
    cue_mention: Mention | None = None  # where the cue is written ("told reporters", "according to", ":")
    # None: offsets (start, end and both mentions) point into `text`; "title" / "standfirst": into that string
    part: Literal["title", "standfirst"] | None = None


@dataclass(frozen=True)
class Event:
    source: str | None
    target: str | None
    cameo: str
    sentence: str
    start: int
    end: int
    source_code: str | None = None
    target_code: str | None = None
    plover: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    date: str | None = None
    date_text: str | None = None
    negated: bool = False
    claimed_by: str | None = None
    confidence: float | None = None
    trigger: str | None = None
    place: str | None = None  # where the text says it happened ("Kashmir", "Darwin")
    lat: float | None = None  # the place geocoded offline (cities only; None for regions and countries)
    lon: float | None = None


@dataclass(frozen=True)
class Source:
    format: Format
    path: str | None = None
    url: str | None = None
    domain: str | None = None
    record: int | None = None


@dataclass(frozen=True)
class Article:
    """The finished record: what `parley process --json` prints and the store keeps."""

    id: str
    source: Source
    title: str | None
    body: tuple[str, ...]
    text: str
    section: str | None = None
    standfirst: str | None = None
    byline: str | None = None
    published: str | None = None
    language: str | None = None
    captions: tuple[Caption, ...] = ()
    related: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    actors: tuple[Actor, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    duplicate_of: str | None = None
    schema_version: int = field(default=SCHEMA_VERSION)
    # Quotes in the headline and standfirst: offsets point into that string (Quote.part), not `text`,
    # so they are kept apart from `quotes`, whose offsets the schema ties to `text`.
    headline_quotes: tuple[Quote, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The schema-v1 JSON object (lists, not tuples). orjson writes dataclasses natively, and its round
        trip is twice as fast as building the dicts in Python; that stays for what orjson refuses."""
        try:
            return orjson.loads(orjson.dumps(self))  # type: ignore[no-any-return]
        except orjson.JSONEncodeError:  # a lone surrogate, an integer beyond 64 bits
            return _plain(self)


def _plain(value: Any) -> Any:
    """Records as JSON-ready dicts and lists; dataclasses.asdict does the same but deep-copies every leaf."""
    if is_dataclass(value) and not isinstance(value, type):
        return {name: _plain(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind))


def content_id(body_text: str) -> str:
    """Stable id from the normalised body, so the same story always gets the same id."""
    norm = unicodedata.normalize("NFKC", body_text).lower()
    norm = re.sub(r"\W+", " ", norm).strip()
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:16]
