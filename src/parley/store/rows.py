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


def _dumps(value: Any) -> str:
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


class RecordError(ValueError):
    """A record that does not have the shape of a schema-v1 article."""


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


def flatten(record: object, first_seen: datetime) -> Rows:
    """The rows one article contributes to each table; raises RecordError on a malformed record."""
    rec = _check(record, "record", "record")
    if rec["schema_version"] != 1:
        raise RecordError(f"schema_version is {rec['schema_version']!r}, this store reads 1")
    article_id = rec["id"]
    if not isinstance(article_id, str) or not article_id:
        raise RecordError(f"'id' is {article_id!r}, expected a non-empty string")
    source = rec["source"]
    if type(source) is not dict and not isinstance(source, Mapping):
        raise RecordError("'source' is not a JSON object")
    published = rec.get("published")
    published_day = iso_day(published)

    actors = [_check(a, "actors", f"actors[{i}]") for i, a in enumerate(_list(rec, "actors"))]
    by_id = {a["id"]: a for a in actors}
    rows: Rows = {
        "articles": [{
            "id": article_id, "title": rec["title"], "section": rec.get("section"),
            "standfirst": rec.get("standfirst"), "byline": rec.get("byline"),
            "published": published, "day": published_day, "language": rec.get("language"),
            "format": source.get("format"), "path": source.get("path"), "url": source.get("url"),
            "domain": source.get("domain"), "record": source.get("record"), "text": rec["text"],
            "body": rec["body"], "captions": _dumps(_list(rec, "captions")),
            "related": _list(rec, "related"), "removed": _list(rec, "removed"),
            "first_seen": first_seen, "duplicate_of": rec.get("duplicate_of"),
            "raw": _dumps(_without(rec, RAW_IN_COLUMNS)),
        }],
        "actors": [{
            "article_id": article_id, "actor_id": a["id"], "name": a["name"], "kind": a["kind"],
            "country": a.get("country"), "role": a.get("role"), "code": a.get("code"),
            "mentions": _dumps(a.get("mentions") or []),
        } for a in actors],
        "quotes": [],
        "events": [],
    }
    for n, item in enumerate(_list(rec, "quotes")):
        q = _check(item, "quotes", f"quotes[{n}]")
        rows["quotes"].append({
            "article_id": article_id, "n": n, "text": q["text"], "kind": q["kind"],
            "start": q["start"], "end": q["end"], "speaker": q.get("speaker"),
            "speaker_name": q.get("speaker_name"),
            "speaker_code": by_id.get(q.get("speaker"), {}).get("code"), "cue": q.get("cue"),
        })
    for n, item in enumerate(_list(rec, "events")):
        e = _check(item, "events", f"events[{n}]")
        src, tgt = by_id.get(e["source"], {}), by_id.get(e["target"], {})
        cameo = e["cameo"]
        if not isinstance(cameo, str) or not cameo:
            raise RecordError(f"events[{n}].cameo is {cameo!r}, expected a code such as '163'")
        rows["events"].append({
            "article_id": article_id, "n": n, "source": e["source"], "target": e["target"],
            "source_code": e.get("source_code") or src.get("code"),
            "target_code": e.get("target_code") or tgt.get("code"),
            "source_name": src.get("name"), "target_name": tgt.get("name"),
            "cameo": cameo, "root": cameo[:2], "plover": e.get("plover"),
            "goldstein": e.get("goldstein"), "quad_class": e.get("quad_class"),
            "date": e.get("date"), "date_text": e.get("date_text"), "sentence": e["sentence"],
            "start": e.get("start"), "end": e.get("end"), "negated": bool(e.get("negated")),
            "claimed_by": e.get("claimed_by"), "confidence": e.get("confidence"),
            "published": published, "day": iso_day(e.get("date")) or published_day,
        })
    return rows


class Batch:
    """Rows for every table, filled one whole article at a time, turned into Arrow tables in bulk."""

    def __init__(self) -> None:
        self._rows: dict[str, list[dict[str, Any]]] = {t: [] for t in ARROW_SCHEMAS}

    def add(self, rows: Rows) -> None:
        """Append every row of one flattened article."""
        for table, table_rows in rows.items():
            if table in self._rows:
                self._rows[table].extend(table_rows)

    def tables(self) -> dict[str, pa.Table]:
        """One typed Arrow table per store table (the articles' body column as the store keeps it, see
        _body_column); raises pyarrow errors on mistyped values.

        Arrow converts the row dicts itself (as one struct array), several times faster than building
        each column from Python lists.
        """
        out = {
            table: pa.Table.from_struct_array(pa.array(self._rows[table], type=pa.struct(schema)))
            for table, schema in ARROW_SCHEMAS.items()
        }
        articles = self._rows["articles"]
        body = pa.array([_body_column(row["body"], row["text"]) for row in articles], type=_SS)
        out["articles"] = out["articles"].set_column(ARROW_SCHEMAS["articles"].get_field_index("body"), "body", body)
        return out
