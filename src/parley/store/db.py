"""The embedded DuckDB store: add article records idempotently and query articles, quotes, events."""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

import duckdb
import pyarrow as pa

if TYPE_CHECKING:
    from parley.store.dedup import StoreIndex

from parley.errors import InputError, StoreError
from parley.store.rows import RAW_IN_COLUMNS, Batch, RecordError, Rows, flatten, iso_day
from parley.store.schema import SCHEMA_VERSION, migrate, schema_version

DateLike = str | date
# Articles per transaction: a commit costs about as much as writing a few hundred articles, and a
# crash loses at most one uncommitted batch (a rerun stores it again).
BATCH_SIZE = 2000
FREQUENCIES = {"day": "1 day", "week": "1 week", "month": "1 month", "quarter": "3 months", "year": "1 year"}

# Country-level grouping of a CAMEO actor code: its first three letters, except transnational
# actors (IGO/NGO/MNC...), whose whole code is the unit.
_COUNTRY = "CASE WHEN left({c}, 3) IN ('IGO', 'NGO', 'MNC') THEN {c} ELSE left({c}, 3) END"

_ARTICLE_COLUMNS = (
    "id, title, section, standfirst, byline, published, language, format, path, url, domain, "
    "record, text, body, captions, related, removed, first_seen, duplicate_of"
)
_QUOTE_COLUMNS = (
    'q.article_id, q.n, q.text, q.kind, q.start, q."end", q.speaker, q.speaker_name, '
    "q.speaker_code, q.cue, a.title, a.published, a.url"
)
_EVENT_COLUMNS = (
    "e.article_id, e.n, e.source, e.target, e.source_code, e.target_code, e.source_name, "
    "e.target_name, e.cameo, e.root, e.plover, e.goldstein, e.quad_class, e.date, e.date_text, "
    'e.sentence, e.start, e."end", e.negated, e.claimed_by, e.confidence, e.published, a.title, a.url'
)


@dataclass(frozen=True)
class AddResult:
    """How many articles a call to add_articles stored and how many it skipped as already present."""

    added: int
    skipped: int


def default_db_path() -> Path:
    """The store path: $PARLEY_DB when set, else parley.duckdb in the working directory."""
    return Path(os.environ.get("PARLEY_DB") or "parley.duckdb")


class _Where:
    """A WHERE clause built from optional filters, with its parameters kept apart from the SQL."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> None:
        """AND one condition; each `?` in it binds the next of params."""
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        """The clause text, empty when no filter was given."""
        return "WHERE " + " AND ".join(self.clauses) if self.clauses else ""

    def dates(self, column: str, since: DateLike | None, until: DateLike | None) -> None:
        """Keep rows whose date column lies in [since, until]; partial dates cover their period."""
        if since is not None:
            self.add(f"{column} >= ?", _bound(since, "since", end=False))
        if until is not None:
            self.add(f"{column} <= ?", _bound(until, "until", end=True))

    def code_prefix(self, column: str, prefix: str | None) -> None:
        """Keep rows whose CAMEO actor code starts with prefix, ignoring case."""
        if prefix:
            self.add(f"starts_with(upper({column}), upper(?))", prefix)

    def contains(self, columns: Sequence[str], needle: str | None) -> None:
        """Keep rows where any of columns contains needle, ignoring case."""
        if needle:
            self.add(
                "(" + " OR ".join(f"contains(lower({c}), lower(?))" for c in columns) + ")",
                *[needle] * len(columns),
            )


def _bound(value: DateLike, name: str, *, end: bool) -> date:
    """A since/until argument as a date; StoreError naming the argument when it is not ISO."""
    day = iso_day(value, end=end)
    if day is None:
        raise StoreError(f"{name}={value!r} is not a date; use YYYY-MM-DD, YYYY-MM or YYYY")
    return day


def _page(limit: int, offset: int) -> list[int]:
    """LIMIT/OFFSET parameters, checked so a bad value gets a clear message."""
    if limit < 0 or offset < 0:
        raise StoreError(f"limit ({limit}) and offset ({offset}) must not be negative")
    return [limit, offset]


class Store:
    """One open DuckDB store file; use as a context manager so the file lock is released."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        where = str(self.path)
        if read_only and where != ":memory:" and not self.path.exists():
            raise StoreError(f"{where}: no store there; create one with `parley ingest`")
        try:
            self._con = duckdb.connect(where, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"{where}: cannot open store ({exc})") from exc
        try:
            if read_only:
                version = schema_version(self._con)
                if version != SCHEMA_VERSION:
                    raise StoreError(
                        f"{where}: store has schema version {version}, this parley reads "
                        f"{SCHEMA_VERSION}; open it once for writing (e.g. `parley ingest`) to migrate"
                    )
            else:
                migrate(self._con, where)
        except BaseException:
            self._con.close()
            raise
        self._index: StoreIndex | None = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection and release the file lock; safe to call twice."""
        self._con.close()

    # ---- writing -------------------------------------------------------------------------

    def add_articles(
        self, records: Iterable[Mapping[str, Any]], batch_size: int = BATCH_SIZE
    ) -> AddResult:
        """Store schema-v1 records, skipping ids already present; each batch is one transaction."""
        self._writable()
        added = skipped = 0
        pending: dict[str, Rows] = {}
        first = position = 0  # input positions of the first and the latest record in `pending`
        for position, record in enumerate(records):
            try:
                rows = flatten(record, datetime.now(UTC).replace(tzinfo=None))
            except RecordError as exc:
                raise StoreError(
                    f"record {position}{_id_hint(record)}: {exc}; records {first}-{position} were not "
                    f"stored, {added} article(s) before them were"
                ) from exc
            article_id = rows["articles"][0]["id"]
            if article_id in pending:
                skipped += 1
            else:
                pending[article_id] = rows
            if len(pending) >= batch_size:
                stored = self._write(pending, first, position)
                added, skipped = added + stored, skipped + len(pending) - stored
                pending, first = {}, position + 1
        if pending:
            stored = self._write(pending, first, position)
            added, skipped = added + stored, skipped + len(pending) - stored
        return AddResult(added, skipped)

    def _write(self, pending: dict[str, Rows], first: int, last: int) -> int:
        """Insert the articles of pending not yet stored, all tables in one transaction."""
        batch = Batch()
        self._con.begin()
        try:
            present = {
                row[0] for row in self._con.execute(
                    "SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                    [list(pending)],
                ).fetchall()
            }
            new = [rows for article_id, rows in pending.items() if article_id not in present]
            if new:
                # imported here: datasketch (and scipy under it) cost a second to load, which read-only
                # commands never need
                from parley.corpus.cluster import Linker
                from parley.store.dedup import StoreIndex, link

                if self._index is None:
                    self._index = StoreIndex(self._con, Linker())
                heads = [rows["articles"][0] for rows in new]
                for head, duplicate_of in zip(heads, link(self._con, self._index, heads).values(), strict=True):
                    head["duplicate_of"] = duplicate_of
            for rows in new:
                batch.add(rows)
            for table, arrow in batch.tables().items():
                if arrow.num_rows:
                    self._insert(table, arrow)
            self._con.commit()
        except (duckdb.Error, pa.ArrowException) as exc:
            self._con.rollback()
            earlier = ", earlier records were" if first else ""
            raise StoreError(f"records {first}-{last} were not stored{earlier} ({exc})") from exc
        except BaseException:
            self._con.rollback()
            raise
        return len(new)

    def _insert(self, table: str, arrow: pa.Table) -> None:
        """Bulk-insert an Arrow table whose columns are named like the store table's."""
        self._con.register("_parley_batch", arrow)
        try:
            # `table` is one of our own table names, never user input.
            self._con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _parley_batch")
        finally:
            self._con.unregister("_parley_batch")

    def add_errors(self, errors: Iterable[InputError | Mapping[str, Any]]) -> int:
        """Log inputs that could not be processed (InputError, or dicts with path/record/message)."""
        self._writable()
        at = datetime.now(UTC).replace(tzinfo=None)
        rows = [
            (e.path, e.record, str(e), at) if isinstance(e, InputError)
            else (e.get("path"), e.get("record"), e["message"], at)
            for e in errors
        ]
        if rows:
            try:
                self._con.executemany("INSERT INTO errors VALUES (?, ?, ?, ?)", rows)
            except duckdb.Error as exc:
                raise StoreError(f"{self.path}: could not log {len(rows)} error(s) ({exc})") from exc
        return len(rows)

    def _writable(self) -> None:
        """Refuse to write through a read-only connection, with a message saying why."""
        if self.read_only:
            raise StoreError(f"{self.path}: store was opened read-only; open it without read_only to add")

    # ---- reading -------------------------------------------------------------------------

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run a query and return its rows as dicts, JSON columns decoded."""
        try:
            cursor = self._con.execute(sql, list(params))
            names = [d[0] for d in cursor.description]
            is_json = [str(d[1]) == "JSON" for d in cursor.description]
            return [
                {
                    name: json.loads(value) if decode and value is not None else value
                    for name, value, decode in zip(names, row, is_json, strict=True)
                }
                for row in cursor.fetchall()
            ]
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: query failed ({exc})") from exc

    def article(self, article_id: str) -> dict[str, Any] | None:
        """The stored record of one article exactly as it was added, or None."""
        found = self._rows(f"SELECT raw, {', '.join(RAW_IN_COLUMNS)} FROM articles WHERE id = ?", [article_id])
        if not found:
            return None
        record: dict[str, Any] = found[0]["raw"]
        for key in RAW_IN_COLUMNS:  # stored in their own columns, not repeated in raw
            record.setdefault(key, found[0][key])
        return record

    def articles(
        self,
        search: str | None = None,
        *,
        since: DateLike | None = None,
        until: DateLike | None = None,
        domain: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Articles, newest first, filtered by text (title/standfirst/body), date and domain."""
        where = _Where()
        where.contains(("title", "standfirst", "text"), search)
        where.dates("day", since, until)
        if domain:
            where.add("lower(domain) = lower(?)", domain)
        return self._rows(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles {where.sql()} "
            "ORDER BY day DESC NULLS LAST, id LIMIT ? OFFSET ?",
            where.params + _page(limit, offset),
        )

    def quotes(
        self,
        speaker: str | None = None,
        *,
        search: str | None = None,
        since: DateLike | None = None,
        until: DateLike | None = None,
        actor: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Quotes with their article, filtered by speaker name, text, article date, speaker code."""
        where = _Where()
        if speaker:
            where.add("contains(lower(q.speaker_name), lower(?))", speaker)
        where.contains(("q.text",), search)
        where.dates("a.day", since, until)
        where.code_prefix("q.speaker_code", actor)
        return self._rows(
            f"SELECT {_QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id "
            f"{where.sql()} ORDER BY a.day DESC NULLS LAST, q.article_id, q.n LIMIT ? OFFSET ?",
            where.params + _page(limit, offset),
        )

    def events(
        self,
        source: str | None = None,
        target: str | None = None,
        *,
        actor: str | None = None,
        code: str | None = None,
        since: DateLike | None = None,
        until: DateLike | None = None,
        search: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Events filtered by actor-code prefixes, CAMEO prefix, date (event, else published), text."""
        where = _Where()
        where.code_prefix("e.source_code", source)
        where.code_prefix("e.target_code", target)
        if actor:
            where.add(
                "(starts_with(upper(e.source_code), upper(?)) OR starts_with(upper(e.target_code), upper(?)))",
                actor, actor,
            )
        if code:
            where.add("starts_with(e.cameo, ?)", code)
        where.dates("e.day", since, until)
        where.contains(("e.sentence",), search)
        return self._rows(
            f"SELECT {_EVENT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id "
            f"{where.sql()} ORDER BY e.day DESC NULLS LAST, e.article_id, e.n LIMIT ? OFFSET ?",
            where.params + _page(limit, offset),
        )

    def summary(self, top: int = 10) -> dict[str, Any]:
        """Row counts, the most quoted speakers and the busiest country-level dyads (negated events left out)."""
        counts = self._rows(
            "SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM quotes) AS quotes, "
            "(SELECT count(*) FROM events) AS events, (SELECT count(*) FROM errors) AS errors"
        )[0]
        speakers = self._rows(
            "SELECT speaker_name AS name, count(*) AS count FROM quotes WHERE speaker_name IS NOT NULL "
            "GROUP BY speaker_name ORDER BY count DESC, name LIMIT ?",
            [top],
        )
        src, tgt = _COUNTRY.format(c="source_code"), _COUNTRY.format(c="target_code")
        dyads = self._rows(
            f"SELECT {src} AS source_code, {tgt} AS target_code, count(*) AS count, "
            "avg(goldstein) AS goldstein FROM events "
            "WHERE source_code IS NOT NULL AND target_code IS NOT NULL AND NOT negated "
            "GROUP BY ALL ORDER BY count DESC, source_code, target_code LIMIT ?",
            [top],
        )
        return {**counts, "top_speakers": speakers, "dyads": dyads}

    def dyad_series(self, source: str, target: str, freq: str = "month") -> list[dict[str, Any]]:
        """Events from source to target (code prefixes) per period: counts by quad class, mean Goldstein.

        Periods with no events between the first and last are included with zero counts; negated
        events and events with no date at all are left out.
        """
        if freq not in FREQUENCIES:
            raise StoreError(f"freq={freq!r} is not one of {', '.join(FREQUENCIES)}")
        where = _Where()
        where.code_prefix("source_code", source)
        where.code_prefix("target_code", target)
        where.add("day IS NOT NULL AND NOT negated")
        return self._rows(
            f"""
            WITH e AS (
                SELECT date_trunc(?, day)::DATE AS period, quad_class, goldstein
                FROM events {where.sql()}
            ),
            counted AS (
                SELECT period, count(*) AS events,
                    count(*) FILTER (quad_class = 1) AS verbal_cooperation,
                    count(*) FILTER (quad_class = 2) AS material_cooperation,
                    count(*) FILTER (quad_class = 3) AS verbal_conflict,
                    count(*) FILTER (quad_class = 4) AS material_conflict,
                    avg(goldstein) AS goldstein
                FROM e GROUP BY period
            ),
            periods AS (
                SELECT unnest(generate_series(
                    min(period)::TIMESTAMP, max(period)::TIMESTAMP, ?::INTERVAL))::DATE AS period
                FROM e
            )
            SELECT p.period, coalesce(c.events, 0) AS events,
                coalesce(c.verbal_cooperation, 0) AS verbal_cooperation,
                coalesce(c.material_cooperation, 0) AS material_cooperation,
                coalesce(c.verbal_conflict, 0) AS verbal_conflict,
                coalesce(c.material_conflict, 0) AS material_conflict,
                c.goldstein
            FROM periods p LEFT JOIN counted c USING (period)
            ORDER BY p.period
            """,
            [freq, *where.params, FREQUENCIES[freq]],
        )


def _id_hint(record: object) -> str:
    """' (id …)' for error messages when the bad record has a usable id."""
    article_id = record.get("id") if isinstance(record, Mapping) else None
    return f" (id {article_id})" if isinstance(article_id, str) and article_id else ""
