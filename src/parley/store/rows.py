"""Flatten schema-v1 article records into per-table Arrow columns, so a batch inserts in bulk."""
from __future__ import annotations

import calendar
import json
import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import pyarrow as pa

_S, _SS, _I, _F, _D = pa.string(), pa.list_(pa.string()), pa.int64(), pa.float64(), pa.date32()

# Arrow column types per table; names must match the SQL columns (inserted BY NAME).
ARROW_SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("id", _S), ("title", _S), ("section", _S), ("standfirst", _S), ("byline", _S),
        ("published", _S), ("day", _D), ("language", _S), ("format", _S), ("path", _S),
        ("url", _S), ("domain", _S), ("record", _I), ("text", _S), ("body", _SS),
        ("captions", _S), ("related", _SS), ("removed", _SS), ("first_seen", pa.timestamp("us")),
        ("duplicate_of", _S), ("raw", _S),
    ]),
    "actors": pa.schema([
        ("article_id", _S), ("actor_id", _S), ("name", _S), ("kind", _S), ("country", _S),
        ("role", _S), ("code", _S), ("mentions", _S),
    ]),
    "quotes": pa.schema([
        ("article_id", _S), ("n", _I), ("text", _S), ("kind", _S), ("start", _I), ("end", _I),
        ("speaker", _S), ("speaker_name", _S), ("speaker_code", _S), ("cue", _S),
    ]),
    "events": pa.schema([
        ("article_id", _S), ("n", _I), ("source", _S), ("target", _S), ("source_code", _S),
        ("target_code", _S), ("source_name", _S), ("target_name", _S), ("cameo", _S), ("root", _S),
        ("plover", _S), ("goldstein", _F), ("quad_class", _I), ("date", _S), ("date_text", _S),
        ("sentence", _S), ("start", _I), ("end", _I), ("negated", pa.bool_()), ("claimed_by", _S),
        ("confidence", _F), ("published", _S), ("day", _D),
    ]),
}

_REQUIRED = {
    "record": ("schema_version", "id", "source", "title", "body", "text", "actors", "quotes", "events"),
    "actors": ("id", "name", "kind"),
    "quotes": ("text", "kind", "start", "end"),
    "events": ("source", "target", "cameo", "sentence"),
}
_REQUIRED_SETS = {kind: frozenset(keys) for kind, keys in _REQUIRED.items()}
_json_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
try:  # orjson is an optional speed-up (about 5x faster on records); the output decodes to the same value
    import orjson

    _ORJSON = True
except ImportError:  # pragma: no cover - depends on the environment
    _ORJSON = False


def compact_json(value: Any) -> str:
    """Compact JSON text of a value (orjson when installed)."""
    if _ORJSON:
        try:
            return orjson.dumps(value).decode("utf-8")
        except TypeError:  # integers beyond 64 bits, non-string keys: the standard encoder copes
            pass
    return _json_dumps(value)


# Fields the articles table holds verbatim in columns of their own, left out of the `raw` JSON to halve
# what each article writes; Store.article() puts them back.
RAW_IN_COLUMNS = ("text", "body")
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

Rows = dict[str, list[dict[str, Any]]]
_NO_ACTOR = (None,) * 8  # the row of an actor a quote or event names but the record lacks


class RecordError(ValueError):
    """A record that does not have the shape of a schema-v1 article."""


class _Malformed(Exception):
    """Raised by the fast path of Batch.add where a check fails; _validate then says what is wrong."""


def iso_day(value: object, *, end: bool = False) -> date | None:
    """First (or, with end, last) day of an ISO date, year-month or year; None when unparseable."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = _ISO_DATE.match(value) if isinstance(value, str) else None
    if not match:
        return None
    year = int(match[1])
    month = int(match[2]) if match[2] else None
    day = int(match[3]) if match[3] else None
    try:
        if month is None:
            return date(year, 12, 31) if end else date(year, 1, 1)
        if day is None:
            return date(year, month, calendar.monthrange(year, month)[1] if end else 1)
        return date(year, month, day)
    except ValueError:
        return None


def _check(obj: object, kind: str, where: str) -> Mapping[str, Any]:
    """The object itself when it is a JSON object with the fields `kind` requires, else RecordError."""
    if type(obj) is not dict and not isinstance(obj, Mapping):  # the exact-type test first: ABC checks are slow
        raise RecordError(f"{where} is {type(obj).__name__}, expected a JSON object")
    if not obj.keys() >= _REQUIRED_SETS[kind]:
        missing = [key for key in _REQUIRED[kind] if key not in obj]
        raise RecordError(f"{where} lacks required field(s) {', '.join(map(repr, missing))}")
    return obj


def _list(record: Mapping[str, Any], key: str) -> list[Any]:
    """A list-valued field, [] when absent or null; RecordError when it is something else."""
    value = record.get(key) or []
    if not isinstance(value, list):
        raise RecordError(f"'{key}' is {type(value).__name__}, expected a list")
    return value


def _validate(record: object) -> None:
    """Raise the RecordError naming the first fault of a malformed record (checked in reading order)."""
    rec = _check(record, "record", "record")
    if rec["schema_version"] != 1:
        raise RecordError(f"schema_version is {rec['schema_version']!r}, this store reads 1")
    article_id = rec["id"]
    if not isinstance(article_id, str) or not article_id:
        raise RecordError(f"'id' is {article_id!r}, expected a non-empty string")
    if not isinstance(rec["source"], Mapping):
        raise RecordError("'source' is not a JSON object")
    for i, actor in enumerate(_list(rec, "actors")):
        _check(actor, "actors", f"actors[{i}]")
    for key in ("captions", "related", "removed"):
        _list(rec, key)
    for n, quote in enumerate(_list(rec, "quotes")):
        _check(quote, "quotes", f"quotes[{n}]")
    for n, event in enumerate(_list(rec, "events")):
        cameo = _check(event, "events", f"events[{n}]")["cameo"]
        if not isinstance(cameo, str) or not cameo:
            raise RecordError(f"events[{n}].cameo is {cameo!r}, expected a code such as '163'")


def _body_column(body: object, text: object) -> object:
    """The body to store: None when splitting the text at blank lines gives it back exactly (the usual
    case, since text is the body joined by blank lines), which saves storing every article twice."""
    if isinstance(body, list) and body and isinstance(text, str) and text.split("\n\n") == body:
        return None
    return body


# The body column as queries should read it: stored, or rebuilt from the text (see _body_column).
BODY_SQL = "coalesce({p}body, string_split({p}text, chr(10) || chr(10)))"


def _without(record: Mapping[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    """A shallow copy of record less some keys (copying whole and popping is quicker than filtering)."""
    out = dict(record)
    for key in keys:
        out.pop(key, None)
    return out


def _json_list(value: object) -> str:
    """A list field as JSON text ("[]" for an empty or absent one, the usual case, without encoding)."""
    return compact_json(value) if value else "[]"


def _article_rows(rec: Mapping[str, Any], first_seen: datetime) -> tuple[tuple[Any, ...], list[tuple[Any, ...]],
                                                                         list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The rows (in ARROW_SCHEMAS column order) one record gives each table: articles, actors, quotes, events.

    The fast path: it assumes a well-formed record, and a malformed one makes it fail somewhere (a
    missing key, a wrong type, or _Malformed where Python itself would not notice); Batch.add then
    asks _validate what is wrong.
    """
    if type(rec) is not dict and not isinstance(rec, Mapping):
        raise _Malformed
    article_id, source = rec["id"], rec["source"]
    if rec["schema_version"] != 1 or type(article_id) is not str or not article_id or not isinstance(source, Mapping):
        raise _Malformed
    published = rec.get("published")
    published_day = iso_day(published)
    captions, related, removed = _list(rec, "captions"), _list(rec, "related"), _list(rec, "removed")
    actors = [(article_id, a["id"], a["name"], a["kind"], a.get("country"), a.get("role"), a.get("code"),
               _json_list(a.get("mentions"))) for a in _list(rec, "actors")]
    by_id = {row[1]: row for row in actors}  # actor id -> its row: name at 2, code at 6
    quotes = [(article_id, n, q["text"], q["kind"], q["start"], q["end"], q.get("speaker"), q.get("speaker_name"),
               by_id.get(q.get("speaker"), _NO_ACTOR)[6], q.get("cue")) for n, q in enumerate(_list(rec, "quotes"))]
    events = []
    for n, e in enumerate(_list(rec, "events")):
        cameo, src_id, tgt_id = e["cameo"], e["source"], e["target"]
        if type(cameo) is not str or not cameo:
            raise _Malformed
        src, tgt = by_id.get(src_id, _NO_ACTOR), by_id.get(tgt_id, _NO_ACTOR)
        date_ = e.get("date")
        events.append((
            article_id, n, src_id, tgt_id, e.get("source_code") or src[6], e.get("target_code") or tgt[6],
            src[2], tgt[2], cameo, cameo[:2], e.get("plover"), e.get("goldstein"), e.get("quad_class"), date_,
            e.get("date_text"), e["sentence"], e.get("start"), e.get("end"), bool(e.get("negated")),
            e.get("claimed_by"), e.get("confidence"), published, (date_ is not None and iso_day(date_)) or published_day,
        ))
    article = (
        article_id, rec["title"], rec.get("section"), rec.get("standfirst"), rec.get("byline"), published,
        published_day, rec.get("language"), source.get("format"), source.get("path"), source.get("url"),
        source.get("domain"), source.get("record"), rec["text"], rec["body"], _json_list(captions), related, removed,
        first_seen, rec.get("duplicate_of"), compact_json(_without(rec, RAW_IN_COLUMNS)),
    )
    return article, actors, quotes, events


class Batch:
    """Rows for every table, filled one whole article at a time, turned into Arrow tables column by column."""

    def __init__(self) -> None:
        self.rows: dict[str, list[tuple[Any, ...]]] = {table: [] for table in ARROW_SCHEMAS}
        self._ids: set[str] = set()

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, record: object, first_seen: datetime) -> bool:
        """Add one record's rows; False (and nothing added) when its id is in the batch already. Raises
        RecordError on a malformed record, repeated or not."""
        try:
            article, actors, quotes, events = _article_rows(record, first_seen)  # type: ignore[arg-type]
        except (_Malformed, RecordError, LookupError, TypeError, AttributeError):
            _validate(record)
            raise
        if article[0] in self._ids:
            return False
        self._ids.add(article[0])
        rows = self.rows
        rows["articles"].append(article)
        rows["actors"].extend(actors)
        rows["quotes"].extend(quotes)
        rows["events"].extend(events)
        return True

    def column(self, table: str, name: str) -> list[Any]:
        """One column of a table's rows, as a list."""
        at = ARROW_SCHEMAS[table].get_field_index(name)
        return [row[at] for row in self.rows[table]]

    def dicts(self) -> Rows:
        """The rows as dicts keyed by column name."""
        return {table: [dict(zip(ARROW_SCHEMAS[table].names, row, strict=True)) for row in rows]
                for table, rows in self.rows.items()}

    def tables(self) -> dict[str, pa.Table]:
        """One typed Arrow table per store table (the articles' body column as the store keeps it, see
        _body_column); raises pyarrow errors on mistyped values."""
        out = {}
        for table, schema in ARROW_SCHEMAS.items():
            columns = list(zip(*self.rows[table], strict=True)) or [()] * len(schema)
            if table == "articles":
                at = schema.get_field_index
                columns[at("body")] = tuple(map(_body_column, columns[at("body")], columns[at("text")]))
            out[table] = pa.Table.from_arrays([pa.array(c, type=f.type) for c, f in zip(columns, schema, strict=True)],
                                              schema=schema)
        return out


def flatten(record: object, first_seen: datetime) -> Rows:
    """The rows one article contributes to each table, as dicts; raises RecordError on a malformed record."""
    batch = Batch()
    batch.add(record, first_seen)
    return batch.dicts()
