"""The embedded DuckDB store: add article records idempotently and query articles, quotes, events.

Near-duplicates. Every article added is clustered with the stored ones (parley.store.dedup: MinHash LSH
candidates, exact shingle verification); copies are linked, never deleted: articles.duplicate_of holds
the id of the story's earliest copy (by publication time, then first seen) for every other copy.

Counting each story once. Listings (articles, quotes, events) show every row of every copy. Aggregates
count a story once: summary()'s dyads and dyad_series() count distinct story events (cluster, actor
codes, CAMEO code, day: the table story_events, with GDELT-style mentions/articles/sources), and a
speaker's quote count is the number of distinct quote texts per story. summary() also reports raw row
counts (articles, quotes, events) next to stories and unique_events.
"""
from __future__ import annotations

import gc
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

if TYPE_CHECKING:
    from parley.corpus.cluster import Inside, Linker
    from parley.corpus.fingerprint import Fingerprint
    from parley.store.dedup import StoreIndex

    Printed = tuple[list[Fingerprint], Inside]  # a batch's fingerprints and the candidate pairs among them

from parley.errors import InputError, StoreError
from parley.store.rows import ARROW_SCHEMAS, BODY_SQL, RAW_IN_COLUMNS, Batch, RecordError, iso_day
from parley.store.schema import SCHEMA_VERSION, migrate, schema_version
from parley.store.staging import Staging, file_version

DateLike = str | date
_CATALOG = "parley"  # the name a read-only store file is attached under
# Articles per transaction: a commit costs about as much as writing a few hundred articles, and a
# crash loses at most one uncommitted batch (a rerun stores it again).
BATCH_SIZE = 2000
# WAL size past which DuckDB checkpoints on commit. At its default (16 MB) nearly every batch
# checkpointed, and commits took 6x as long in benchmarks/store.py. Batches stay durable in the WAL;
# the writer checkpoints once, when it closes.
CHECKPOINT_THRESHOLD = "1GB"
# Net allocations of container objects between the garbage collector's young collections while an
# ingest runs (see _collector_eased); Python's default is 700.
_YOUNG_OBJECTS = 50_000
FREQUENCIES = {"day": "1 day", "week": "1 week", "month": "1 month", "quarter": "3 months", "year": "1 year"}

# Country-level grouping of a CAMEO actor code: its first three letters, except transnational
# actors (IGO/NGO/MNC...), whose whole code is the unit.
_COUNTRY = "CASE WHEN left({c}, 3) IN ('IGO', 'NGO', 'MNC') THEN {c} ELSE left({c}, 3) END"

_ARTICLE_COLUMNS = (
    "id, title, section, standfirst, byline, published, language, format, path, url, domain, "
    f"record, text, {BODY_SQL.format(p='')} AS body, captions, related, removed, first_seen, duplicate_of"
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


class Filters:
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
    """One open DuckDB store file; use as a context manager so the file lock is released.

    Read-only, the file is attached to a private in-memory DuckDB instance: never one that DuckDB
    cached for this path in this process, which may still hold a file an ingest has since replaced.
    For writing, the Store works in a staging copy that close() swaps in (parley.store.staging), so
    readers are never locked out.
    """

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        where = str(self.path)
        self._staging: Staging | None = None
        self._attached = read_only and where != ":memory:"
        # the file's version as opened (taken before opening: a swap in between makes it look stale, never fresh)
        self.version = file_version(self.path) if self._attached else None
        if read_only and where != ":memory:" and not self.path.exists():
            raise StoreError(f"{where}: no store there; create one with `parley ingest`")
        if not read_only and where != ":memory:":
            self._staging = Staging(self.path)
        try:
            self._con = self._connect()
        except duckdb.Error as exc:
            self._release()
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
                self._con.execute(f"SET checkpoint_threshold = '{CHECKPOINT_THRESHOLD}'")
                migrate(self._con, where)
        except BaseException:
            self._con.close()
            self._release()
            raise
        self._index: StoreIndex | None = None
        self._linker: Linker | None = None

    def _connect(self) -> duckdb.DuckDBPyConnection:
        """The connection: the staging copy for writing, the file attached read-only for reading."""
        if self._staging is not None:
            return duckdb.connect(str(self._staging.path))
        con = duckdb.connect(":memory:")
        if self._attached:
            try:
                con.execute(f"ATTACH '{_sql_string(str(self.path))}' AS {_CATALOG} (READ_ONLY)")
                con.execute(f"USE {_CATALOG}")
            except BaseException:
                con.close()
                raise
        return con

    def session(self) -> Store:
        """Another Store over this one's open database, for use on another thread (a DuckDB connection
        must not be shared between threads); close it when done. Closing this Store closes its sessions."""
        other = Store.__new__(Store)
        other.path, other.read_only, other._attached, other.version = self.path, self.read_only, self._attached, self.version
        other._staging = None
        other._index = other._linker = None
        other._con = self._cursor()
        return other

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The open DuckDB connection, for modules that keep their own tables or queries in the store
        (site templates, the web's aggregate queries); writes through it go where the Store's own go."""
        return self._con

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        """A new connection to this Store's database, reading the same catalog."""
        cursor = self._con.cursor()
        if self._attached:
            cursor.execute(f"USE {_CATALOG}")
        return cursor

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection; a writer then publishes its work and lets the next writer in. Safe to call twice."""
        if self._staging is None:
            self._con.close()
            return
        try:
            self._con.execute("CHECKPOINT")  # into the staging file, so the swap leaves no WAL behind
            self._con.close()
            self._staging.publish()
        except duckdb.Error as exc:
            self._con.close()
            raise StoreError(f"{self.path}: could not finish writing ({exc}); the next ingest resumes") from exc
        finally:
            self._release()

    def _release(self) -> None:
        if self._staging is not None:
            self._staging.release()
            self._staging = None

    # ---- writing -------------------------------------------------------------------------

    def add_articles(
        self, records: Iterable[Mapping[str, Any]], batch_size: int = BATCH_SIZE
    ) -> AddResult:
        """Store schema-v1 records, skipping ids already present; each batch is one transaction.

        Each batch is clustered against the stored articles (near-duplicates: see parley.store.dedup)
        in the same transaction. Three threads share the work: a full batch is fingerprinted, and its
        own candidate pairs found, on one (Arrow and numpy, mostly without the GIL) while this one reads
        the next batch and clusters the batch before against the store; the other inserts a clustered
        batch's rows and commits (DuckDB works without the GIL too). Batches commit one at a time, in
        input order.
        """
        self._writable()
        added = skipped = 0
        batch = Batch()
        first = position = 0  # input positions of the first and the latest record in `batch`
        printing: tuple[Future[Printed], Batch, int, int] | None = None  # a full batch being fingerprinted
        inflight: tuple[Future[int], int] | None = None  # a clustered batch being written

        def settle() -> None:
            """Wait for the batch being written and count it; its StoreError propagates."""
            nonlocal inflight, added, skipped
            if inflight is not None:
                future, size = inflight
                inflight = None
                stored = future.result()
                added, skipped = added + stored, skipped + size - stored

        def link(printed: tuple[Future[Printed], Batch, int, int] | None) -> None:
            """Cluster a fingerprinted batch once the one before is committed, and hand it to the writer."""
            nonlocal inflight
            if printed is None:
                return
            future, full, low, high = printed
            prints, inside = future.result()
            try:  # before waiting for the writer: this needs no transaction
                tables = full.tables()
            except pa.ArrowException as exc:
                settle()
                raise _not_stored(low, high, exc) from exc
            settle()
            self._con.begin()
            with self._rollback_on_error(low, high):
                tables, changed = self._link(full, prints, inside, tables)
            inflight = writer.submit(self._finish, tables, changed, low, high), len(full)

        def submit() -> None:
            """Start fingerprinting the full batch, then cluster the one before."""
            nonlocal printing, batch, first
            earlier, printing = printing, (printer.submit(self._fingerprints, batch), batch, first, position)
            link(earlier)
            batch, first = Batch(), position + 1

        with (self._one_duckdb_thread(), _collector_eased(),
              ThreadPoolExecutor(max_workers=1, thread_name_prefix="parley-print") as printer,
              ThreadPoolExecutor(max_workers=1, thread_name_prefix="parley-store") as writer):
            for position, record in enumerate(records):
                try:
                    if not batch.add(record, datetime.now(UTC).replace(tzinfo=None)):
                        skipped += 1
                except RecordError as exc:
                    link(printing)
                    settle()
                    raise StoreError(
                        f"record {position}{_id_hint(record)}: {exc}; records {first}-{position} were not "
                        f"stored, {added} article(s) before them were"
                    ) from exc
                if len(batch) >= batch_size:
                    submit()
            if len(batch):
                submit()
            link(printing)
            settle()
        return AddResult(added, skipped)

    @contextmanager
    def _one_duckdb_thread(self) -> Iterator[None]:
        """Let DuckDB run an ingest's queries on one thread of its own, its setting restored after.

        Each batch's queries are small, and the ingest's own threads keep the cores busy: DuckDB's
        parallel workers cost about 4% more CPU over the whole ingest for no gain in time (2 cores).
        The checkpoint at close runs with the usual setting."""
        threads = self._con.execute("SELECT current_setting('threads')").fetchall()[0][0]
        self._con.execute("SET threads = 1")
        try:
            yield
        finally:
            self._con.execute(f"SET threads = {int(threads)}")

    def _fingerprints(self, batch: Batch) -> Printed:
        """Near-duplicate fingerprints of a batch's article texts, in its order, and the candidate pairs
        among them (Linker.inside)."""
        if self._linker is None:
            # imported here: datasketch (and scipy under it) cost a second to load, which read-only
            # commands never need
            from parley.corpus.cluster import Linker

            self._linker = Linker()
        prints = self._linker.fingerprinter.fingerprints([text or "" for text in batch.column("articles", "text")])
        return prints, self._linker.inside(prints)

    @contextmanager
    def _rollback_on_error(self, first: int, last: int) -> Iterator[None]:
        """Roll the open batch transaction back on any error; DuckDB and Arrow errors become StoreError."""
        try:
            yield
        except (duckdb.Error, pa.ArrowException) as exc:
            self._con.rollback()
            raise _not_stored(first, last, exc) from exc
        except BaseException:
            self._con.rollback()
            raise

    def _link(self, batch: Batch, prints: list[Fingerprint], inside: Inside, tables: dict[str, pa.Table],
              ) -> tuple[dict[str, pa.Table], list[str]]:
        """In the open transaction: cluster the batch's articles not yet stored and write their cluster rows.
        Returns the batch's tables (Batch.tables) less the stored articles, and the clusters changed."""
        ids = batch.column("articles", "id")
        present = {
            row[0] for row in self._con.execute(
                "SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids],
            ).fetchall()
        }
        if present:
            tables = _without_articles(tables, present)
            prints = [fp for article_id, fp in zip(ids, prints, strict=True) if article_id not in present]
            inside = inside.among(np.fromiter((article_id not in present for article_id in ids), dtype=bool, count=len(ids)))
        names = ARROW_SCHEMAS["articles"].names
        heads = [dict(zip(names, row, strict=True)) for row in batch.rows["articles"] if row[0] not in present]
        if not heads:
            return tables, []
        from parley.store.dedup import StoreIndex, link

        if self._index is None:
            assert self._linker is not None  # set by _fingerprints
            self._index = StoreIndex(self._con, self._linker)
        linked = link(self._con, self._index, heads, prints, inside)
        tables["articles"] = tables["articles"].set_column(
            names.index("duplicate_of"), "duplicate_of",
            pa.array([linked.duplicate_of[head["id"]] for head in heads], pa.string()),
        )
        return tables, sorted(linked.changed)

    def _finish(self, tables: dict[str, pa.Table], changed: list[str], first: int, last: int) -> int:
        """On the worker: insert a linked batch's rows, recount its stories' events and commit; the articles stored."""
        from parley.store.dedup import refresh_story_events

        with self._rollback_on_error(first, last):
            for table, arrow in tables.items():
                if arrow.num_rows:
                    self._insert(table, arrow)
            refresh_story_events(self._con, changed)
            self._con.commit()
        return int(tables["articles"].num_rows)

    def _insert(self, table: str, arrow: pa.Table) -> None:
        """Bulk-insert an Arrow table whose columns are named like the store table's."""
        insert_arrow(self._con, table, arrow)

    def add_errors(self, errors: Iterable[InputError | Mapping[str, Any]]) -> int:
        """Log inputs that could not be processed (InputError, or dicts with path/record/message); returns
        how many were new. An error already logged (same path, record and message) is not logged again,
        so rerunning an ingest over the same bad inputs leaves the log as it was."""
        self._writable()
        at = datetime.now(UTC).replace(tzinfo=None)
        rows = [
            (e.path, e.record, str(e)) if isinstance(e, InputError) else (e.get("path"), e.get("record"), e["message"])
            for e in errors
        ]
        if not rows:
            return 0
        path, record, message = (list(column) for column in zip(*rows, strict=True))
        table = pa.table({"path": pa.array(path, pa.string()), "record": pa.array(record, pa.int64()),
                          "message": pa.array(message, pa.string())})
        try:
            return insert_arrow(
                self._con, "errors", table,
                select='SELECT DISTINCT path, record, message, ?::TIMESTAMP AS "at" FROM _parley_rows b '
                       "WHERE NOT EXISTS (SELECT 1 FROM errors e WHERE e.path IS NOT DISTINCT FROM b.path "
                       "AND e.record IS NOT DISTINCT FROM b.record AND e.message = b.message)",
                params=[at])
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: could not log {len(rows)} error(s) ({exc})") from exc

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
        found = self._rows(f"SELECT raw, text, {BODY_SQL.format(p='')} AS body FROM articles WHERE id = ?", [article_id])
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
        duplicates_of: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Articles, newest first, filtered by text (title/standfirst/body), date and domain.

        With duplicates_of, only the copies of that article's story (its near-duplicate cluster, the
        article itself included), earliest copy first: where and when the story was republished.
        """
        where = Filters()
        where.contains(("title", "standfirst", "text"), search)
        where.dates("day", since, until)
        if domain:
            where.add("lower(domain) = lower(?)", domain)
        order = "day DESC NULLS LAST, id"
        if duplicates_of:
            where.add(
                "id IN (SELECT article_id FROM dedup WHERE cluster = (SELECT cluster FROM dedup WHERE article_id = ?))",
                duplicates_of,
            )
            order = "duplicate_of IS NOT NULL, (SELECT published_at FROM dedup WHERE article_id = id) NULLS LAST, first_seen, id"
        return self._rows(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles {where.sql()} ORDER BY {order} LIMIT ? OFFSET ?",
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
        where = Filters()
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
        """Events filtered by actor-code prefixes, CAMEO prefix, date (event, else published), text.

        Every filter is on the events table, so the page is cut first and only its rows are joined to
        their articles (joining first sorts every match: 3x slower on a million events).
        """
        where = Filters()
        where.code_prefix("source_code", source)
        where.code_prefix("target_code", target)
        if actor:
            where.add(
                "(starts_with(upper(source_code), upper(?)) OR starts_with(upper(target_code), upper(?)))",
                actor, actor,
            )
        if code:
            where.add("starts_with(cameo, ?)", code)
        where.dates("day", since, until)
        where.contains(("sentence",), search)
        return self._rows(
            f"WITH e AS (SELECT * FROM events {where.sql()} ORDER BY day DESC NULLS LAST, article_id, n LIMIT ? OFFSET ?) "
            f"SELECT {_EVENT_COLUMNS} FROM e JOIN articles a ON a.id = e.article_id "
            "ORDER BY e.day DESC NULLS LAST, e.article_id, e.n",
            where.params + _page(limit, offset),
        )

    def summary(self, top: int = 10) -> dict[str, Any]:
        """Row counts, the most quoted speakers and the busiest country-level dyads (negated events left out).

        Counting each story once: `stories` is the number of near-duplicate clusters; a speaker's count
        is the number of distinct quotes (by text) per story, so a quote republished by twenty mirrors
        counts once; dyad counts are distinct story events (see story_events), not event rows.
        """
        counts = self._rows(
            "SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(DISTINCT cluster) FROM dedup) AS stories, "
            "(SELECT count(*) FROM quotes) AS quotes, (SELECT count(*) FROM events) AS events, "
            "(SELECT count(*) FROM errors) AS errors"
        )[0]
        speakers = self._rows(
            "SELECT speaker_name AS name, count(*) AS count FROM ("
            "  SELECT DISTINCT coalesce(d.cluster, q.article_id), q.speaker_name, lower(q.text)"
            "  FROM quotes q LEFT JOIN dedup d ON d.article_id = q.article_id WHERE q.speaker_name IS NOT NULL) AS u(c, speaker_name, t) "
            "GROUP BY speaker_name ORDER BY count DESC, name LIMIT ?",
            [top],
        )
        src, tgt = _COUNTRY.format(c="source_code"), _COUNTRY.format(c="target_code")
        dyads = self._rows(
            f"SELECT {src} AS source_code, {tgt} AS target_code, count(*) AS count, avg(goldstein) AS goldstein "
            "FROM story_events WHERE source_code IS NOT NULL AND target_code IS NOT NULL "
            "GROUP BY ALL ORDER BY count DESC, source_code, target_code LIMIT ?",
            [top],
        )
        counts["unique_events"] = self._rows("SELECT count(*) AS n FROM story_events")[0]["n"]
        return {**counts, "top_speakers": speakers, "dyads": dyads}

    def dyad_series(self, source: str, target: str, freq: str = "month") -> list[dict[str, Any]]:
        """Events from source to target (code prefixes) per period: counts by quad class, mean Goldstein.

        Each story counts once: an event reported by several copies of one story (same cluster, actor
        codes, CAMEO code and day) is one event (the story_events table). Periods with no events between
        the first and last are included with zero counts; negated events and events with no date at all
        are left out.
        """
        if freq not in FREQUENCIES:
            raise StoreError(f"freq={freq!r} is not one of {', '.join(FREQUENCIES)}")
        where = Filters()
        where.code_prefix("source_code", source)
        where.code_prefix("target_code", target)
        where.add("day IS NOT NULL")
        return self._rows(
            f"""
            WITH e AS (
                SELECT date_trunc(?, day)::DATE AS period, quad_class, goldstein
                FROM story_events {where.sql()}
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

    def story_events(
        self, source: str | None = None, target: str | None = None, *, since: DateLike | None = None,
        until: DateLike | None = None, limit: int | None = 50, offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Distinct events, each story counted once, with GDELT-style NumMentions/NumArticles/NumSources.

        An event is (cluster, source code, target code, CAMEO code, day), where day is the event's own
        date when the text gives one, else the publication day of the story's earliest copy. mentions
        counts event rows (every copy, every sentence), articles the copies reporting it, sources their
        distinct domains. Negated events are left out, as GDELT leaves them out.
        """
        where = Filters()
        where.code_prefix("source_code", source)
        where.code_prefix("target_code", target)
        where.dates("day", since, until)
        page = "" if limit is None else "LIMIT ? OFFSET ?"
        return self._rows(
            f"SELECT * FROM story_events {where.sql()} "
            f"ORDER BY day NULLS LAST, cluster, source_code, target_code, cameo {page}",
            where.params + ([] if limit is None else _page(limit, offset)),
        )

    def copies(self, article_id: str) -> list[dict[str, Any]]:
        """Every copy of an article's story, earliest first, with its site and delay after the earliest copy."""
        return self._rows(
            """
            SELECT a.id, a.url, d.domain, a.published, d.published_at, d.first_seen, a.title, a.duplicate_of,
                d.cluster, d.published_at - c.published_at AS delay
            FROM dedup d JOIN articles a ON a.id = d.article_id JOIN clusters c ON c.cluster = d.cluster
            WHERE d.cluster = (SELECT cluster FROM dedup WHERE article_id = ?)
            ORDER BY a.duplicate_of IS NOT NULL, d.published_at NULLS LAST, d.first_seen, a.id
            """,
            [article_id],
        )

    def sources(self, limit: int = 50) -> list[dict[str, Any]]:
        """Sites by number of articles, with how many were earliest copies and how many republications."""
        return self._rows(
            "SELECT domain, count(*) AS articles, count(*) FILTER (duplicate_of IS NULL) AS originals, "
            "count(*) FILTER (duplicate_of IS NOT NULL) AS copies FROM articles "
            "GROUP BY domain ORDER BY articles DESC, domain NULLS LAST LIMIT ?",
            [limit],
        )

    def republications(self) -> list[dict[str, Any]]:
        """One row per copy that is not its story's earliest: which site copied which, and how much later."""
        return self._rows(
            """
            SELECT d.cluster, c.canonical, o.domain AS origin, d.article_id, d.domain AS copier,
                date_diff('second', c.published_at, d.published_at) AS delay_s,
                date_diff('second', c.first_seen, d.first_seen) AS seen_delay_s
            FROM dedup d JOIN clusters c ON c.cluster = d.cluster JOIN dedup o ON o.article_id = c.canonical
            WHERE d.article_id <> c.canonical
            ORDER BY d.cluster, d.published_at NULLS LAST, d.article_id
            """
        )

    def execute_arrow(self, sql: str, params: Sequence[Any] = ()) -> pa.Table:
        """Run a read query and return an Arrow table (for exports)."""
        cursor = self._cursor()  # its own result state: a relation query refuses to run beside an unfinished one
        try:
            return cursor.sql(sql, params=list(params) or None).to_arrow_table()
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: query failed ({exc})") from exc
        finally:
            cursor.close()

    def copy_to(self, sql: str, path: str, options: str, params: Sequence[Any] = ()) -> None:
        """COPY the result of a read query to a file or directory (DuckDB COPY options, ours, never user input)."""
        try:
            self._con.execute(f"COPY ({sql}) TO '{_sql_string(path)}' ({options})", list(params))
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: export to {path} failed ({exc})") from exc


def insert_arrow(con: duckdb.DuckDBPyConnection, table: str, arrow: pa.Table,
                 select: str = "SELECT * FROM _parley_rows b", params: Sequence[Any] = ()) -> int:
    """Bulk-insert an Arrow table (registered as ``_parley_rows``, alias ``b`` by convention) into one of
    our tables, by column name, through ``select``; the rows inserted. Table and SQL are ours, never input."""
    con.register("_parley_rows", arrow)
    try:
        return int(con.execute(f"INSERT INTO {table} BY NAME {select}", list(params) or None).fetchall()[0][0])
    finally:
        con.unregister("_parley_rows")


@contextmanager
def _collector_eased() -> Iterator[None]:
    """Keep the garbage collector out of an ingest's way for a while.

    A full collection walks every object in the process (records waiting to be stored, a loaded NLP
    model), so the objects that exist now are frozen out of them: those took about 0.4 s per 20,000
    articles, holding the GIL meanwhile. Young collections are made rarer too (every _YOUNG_OBJECTS
    allocations, not 700): each one walked the batch being built, its thousands of rows still alive,
    about 7 us per article in all. The freeze is left alone when something else froze objects (it
    would unfreeze them too early)."""
    thresholds = gc.get_threshold()
    if thresholds[0]:  # 0: automatic collection is off, and stays off
        gc.set_threshold(max(thresholds[0], _YOUNG_OBJECTS), *thresholds[1:])
    frozen = not gc.get_freeze_count()
    if frozen:
        gc.freeze()
    try:
        yield
    finally:
        if frozen:
            gc.unfreeze()
        gc.set_threshold(*thresholds)


def _not_stored(first: int, last: int, exc: Exception) -> StoreError:
    """The error for a batch that failed as a whole (records first to last)."""
    earlier = ", earlier records were" if first else ""
    return StoreError(f"records {first}-{last} were not stored{earlier} ({exc})")


def _without_articles(tables: dict[str, pa.Table], ids: set[str]) -> dict[str, pa.Table]:
    """The batch tables less every row of some articles (those already stored)."""
    drop = pa.array(sorted(ids), pa.string())
    return {table: arrow.filter(pc.invert(pc.is_in(arrow["id" if table == "articles" else "article_id"], value_set=drop)))
            for table, arrow in tables.items()}


def _sql_string(text: str) -> str:
    """A string literal body with single quotes doubled (COPY takes no parameter for its target)."""
    return text.replace("'", "''")


def _id_hint(record: object) -> str:
    """' (id …)' for error messages when the bad record has a usable id."""
    article_id = record.get("id") if isinstance(record, Mapping) else None
    return f" (id {article_id})" if isinstance(article_id, str) and article_id else ""
