"""Near-duplicate clustering inside the store: the corpus Linker over an LSH index kept in DuckDB tables.

Each batch that add_articles writes is fingerprinted, linked to the stored articles and to itself,
and written with its cluster rows in the same transaction as the articles, so a crash never leaves
an article without its cluster, nor a cluster row without its article. See parley.corpus.cluster for
the algorithm and schema.py (v2) for the tables.
"""
from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from parley.corpus.cluster import Assignment, Candidates, Inside, Linker, order_key, published_at
from parley.corpus.fingerprint import Fingerprint, shingle_batch, spans
from parley.store.rows import iso_day

_CACHE_SIZE = 200_000  # shingle sets kept per session (about 1 KB each) to verify candidates without re-reading text

DEDUP_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("cluster", pa.string()), ("published_at", pa.timestamp("us")),
    ("first_seen", pa.timestamp("us")), ("domain", pa.string()), ("shingles", pa.int32()), ("signature", pa.binary()),
])
LSH_SCHEMA = pa.schema([("band", pa.int16()), ("key", pa.int64()), ("article_id", pa.string())])
CLUSTER_SCHEMA = pa.schema([
    ("cluster", pa.string()), ("canonical", pa.string()), ("published_at", pa.timestamp("us")),
    ("first_seen", pa.timestamp("us")), ("day", pa.date32()),
])


def _strings(con: duckdb.DuckDBPyConnection, sql: str, ids: Sequence[str]) -> list[tuple[Any, ...]]:
    """Rows of a query whose single parameter is a list of ids."""
    return con.execute(sql, [list(ids)]).fetchall()


class _Registered:
    """An Arrow table visible to SQL under a name for the duration of a with block."""

    def __init__(self, con: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> None:
        self.con, self.name, self.table = con, name, table

    def __enter__(self) -> str:
        self.con.register(self.name, self.table)
        return self.name

    def __exit__(self, *exc: object) -> None:
        self.con.unregister(self.name)


class _Bands:
    """The stored articles' LSH band keys, in memory for a writing session: the lsh_bands rows read once,
    then each linked batch's added. Joining every batch against the table scanned all of it each time,
    so a batch cost more the bigger the store. Memory: about 14 bytes per band of each article.

    Keys are kept in sorted runs (a new batch is one run; runs of similar size are merged), so finding
    a batch's keys is a binary search per run, and adding a batch re-sorts little.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        stored = con.sql("SELECT key, band, article_id FROM lsh_bands ORDER BY key").to_arrow_table()
        self.ids: list[str] = []  # item number -> article id
        self._item: dict[str, int] = {}
        self._runs: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # (keys sorted, their bands, their items)
        if stored.num_rows:
            encoded = pc.dictionary_encode(stored["article_id"].combine_chunks())
            self.ids = encoded.dictionary.to_pylist()
            self._item = {article_id: n for n, article_id in enumerate(self.ids)}
            self._runs.append((stored["key"].to_numpy(), stored["band"].to_numpy(),
                               encoded.indices.to_numpy(zero_copy_only=False).astype(np.int32)))

    def add(self, ids: Sequence[str], keys: np.ndarray) -> None:
        """Index the band keys of linked articles (ids[i] has keys[i]): as their lsh_bands rows are written."""
        for article_id in ids:
            if article_id not in self._item:
                self._item[article_id] = len(self.ids)
                self.ids.append(article_id)
        bands = keys.shape[1]
        flat = keys.reshape(-1)
        order = np.argsort(flat)
        self._runs.append((flat[order], np.tile(np.arange(bands, dtype=np.int16), len(ids))[order],
                           np.repeat(np.array([self._item[i] for i in ids], dtype=np.int32), bands)[order]))
        while len(self._runs) > 1 and self._runs[-2][0].size <= self._runs[-1][0].size:
            (keys_a, bands_a, items_a), (keys_b, bands_b, items_b) = self._runs.pop(), self._runs.pop()
            keys_ab = np.concatenate((keys_b, keys_a))
            order = np.argsort(keys_ab, kind="stable")
            self._runs.append((keys_ab[order], np.concatenate((bands_b, bands_a))[order],
                               np.concatenate((items_b, items_a))[order]))

    def pairs(self, keys: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The distinct (batch row, item) pairs with equal keys in the same band (row rows[i] has keys[i])."""
        bands = keys.shape[1]
        order = np.argsort(keys.reshape(-1))  # searched in order, a run's keys are read in order too
        flat, band = keys.reshape(-1)[order], (order % bands).astype(np.int16)
        codes = [np.empty(0, dtype=np.int64)]
        for run_keys, run_bands, run_items in self._runs:
            low = np.searchsorted(run_keys, flat)
            asked = np.flatnonzero(run_keys[np.minimum(low, run_keys.size - 1)] == flat)
            count = np.searchsorted(run_keys, flat[asked], "right") - low[asked]
            at, asked = spans(low[asked], count), np.repeat(asked, count)
            same = run_bands[at] == band[asked]
            codes.append(rows[order[asked[same]] // bands].astype(np.int64) * len(self.ids) + run_items[at[same]])
        pairs = np.unique(np.concatenate(codes))
        return pairs // max(len(self.ids), 1), pairs % max(len(self.ids), 1)


class StoreIndex:
    """CandidateIndex over the store's dedup and lsh_bands tables, with an in-session cache of shingle sets
    and the band keys in memory (_Bands)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, linker: Linker) -> None:
        self.con, self.linker = con, linker
        self._sets: OrderedDict[str, np.ndarray] = OrderedDict()
        self._bands: _Bands | None = None  # read on the first batch linked

    def candidates(self, keys: np.ndarray, signatures: np.ndarray, rows: np.ndarray) -> Candidates:
        """Stored articles sharing an LSH band with a batch row (found in _Bands), with their clusters and
        signatures (one SQL join against dedup)."""
        if self._bands is None:
            self._bands = _Bands(self.con)
        pair_rows, pair_items = self._bands.pairs(keys, rows)
        distinct, pair_of = np.unique(pair_items, return_inverse=True)
        names = pa.array([self._bands.ids[i] for i in distinct.tolist()], pa.string())
        with _Registered(self.con, "_parley_ids", pa.table({"i": pa.array(np.arange(distinct.size)), "id": names})) as name:
            stored = self.con.execute(
                f"SELECT u.i, d.article_id, d.cluster, d.signature FROM {name} u JOIN dedup d ON d.article_id = u.id "
                "WHERE d.signature IS NOT NULL ORDER BY u.i"
            ).fetchall()
        # an article's dedup row is written with its lsh_bands rows, in the same transaction: a pair whose
        # item has none (its batch was rolled back) is dropped
        item_of = np.full(distinct.size, -1, dtype=np.int64)
        item_of[[row[0] for row in stored]] = np.arange(len(stored))
        items = item_of[pair_of]
        kept = items >= 0
        signatures = np.frombuffer(b"".join(row[3] for row in stored), dtype="<u4").astype(np.uint32)
        return Candidates(pair_rows[kept], items[kept], [row[1] for row in stored],
                          [row[2] for row in stored], signatures.reshape(len(stored), self.linker.fingerprinter.num_perm))

    def add_bands(self, ids: Sequence[str], keys: np.ndarray) -> None:
        """Index the band keys written for a linked batch (ids[i] has keys[i]), when the stored ones were read."""
        if self._bands is not None and len(ids):
            self._bands.add(ids, keys)

    def shingles(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Shingle sets: from the session cache, else recomputed from the stored text."""
        found = {i: self._sets[i] for i in ids if i in self._sets}
        missing = [i for i in ids if i not in found]
        if missing:
            rows = _strings(self.con, "SELECT id, text FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", missing)
            sets = shingle_batch([text or "" for _, text in rows], self.linker.fingerprinter.k)
            for (article_id, _), sh in zip(rows, sets, strict=True):
                found[article_id] = sh
                self._remember(article_id, sh)
        return found

    def _remember(self, article_id: str, sh: np.ndarray) -> None:
        self._sets[article_id] = sh
        if len(self._sets) > _CACHE_SIZE:
            self._sets.popitem(last=False)

    def remember(self, ids: Sequence[str], prints: Sequence[Fingerprint]) -> None:
        """Cache a linked batch's shingle sets: verifying later batches needs them."""
        for article_id, fp in zip(ids, prints, strict=True):
            if fp.shingles.size:
                self._remember(article_id, fp.shingles)


# Every event row with its story (near-duplicate cluster) and story day: the event's own date when the
# text gives one, else the publication day of the story's earliest copy (copies published on later days
# must not turn one event into several). Articles not clustered count as their own story.
STORY_EVENT_ROWS = """
    SELECT coalesce(d.cluster, e.article_id) AS cluster, e.source_code, e.target_code, e.cameo, e.quad_class,
        e.goldstein, CASE WHEN e.date IS NOT NULL AND e.day IS NOT NULL THEN e.day ELSE coalesce(c.day, e.day) END AS day,
        e.article_id, d.domain, d.first_seen
    FROM events e LEFT JOIN dedup d ON d.article_id = e.article_id LEFT JOIN clusters c ON c.cluster = d.cluster
    WHERE NOT e.negated {where}
"""
# A story event: (cluster, source code, target code, CAMEO code, story day), with GDELT's counts over the
# story's copies: mentions (event rows), articles (copies reporting it), sources (their distinct domains).
STORY_EVENTS = """
    SELECT cluster, source_code, target_code, cameo, day, min(quad_class) AS quad_class, min(goldstein) AS goldstein,
        count(*) AS mentions, count(DISTINCT article_id) AS articles, count(DISTINCT domain) AS sources,
        min(first_seen) AS first_seen
    FROM ({rows}) GROUP BY cluster, source_code, target_code, cameo, day
"""


def refresh_story_events(con: duckdb.DuckDBPyConnection, clusters: Sequence[str] | None = None) -> None:
    """Recompute the story_events rows of some clusters (all when None) from the events they hold now."""
    if clusters is None:
        con.execute("DELETE FROM story_events")
        con.execute(f"INSERT INTO story_events {STORY_EVENTS.format(rows=STORY_EVENT_ROWS.format(where=''))}")
        return
    if not clusters:
        return
    ids = list(clusters)
    con.execute("DELETE FROM story_events WHERE cluster IN (SELECT unnest(?::VARCHAR[]))", [ids])
    rows = STORY_EVENT_ROWS.format(where="AND d.cluster IN (SELECT unnest(?::VARCHAR[]))")
    con.execute(f"INSERT INTO story_events {STORY_EVENTS.format(rows=rows)}", [ids])


class Linked:
    """What link() decided for a batch: each new article's duplicate_of, and the clusters it changed."""

    def __init__(self, duplicate_of: dict[str, str | None], changed: set[str]) -> None:
        self.duplicate_of = duplicate_of
        self.changed = changed  # clusters whose story events must be recomputed (merged-away ids included)


def link(
    con: duckdb.DuckDBPyConnection, index: StoreIndex, new: Sequence[Mapping[str, Any]],
    prints: Sequence[Fingerprint] | None = None, inside: Inside | None = None,
) -> Linked:
    """Cluster a batch of new article rows (id, text, published, first_seen, domain) and write the cluster tables.

    Runs inside the caller's transaction, before the articles themselves are inserted. Returns each new
    article's duplicate_of (None for the earliest copy) and the clusters changed; stored articles whose
    earliest copy changed (an earlier copy arrived, or their cluster merged with another) get their
    duplicate_of updated here. The caller refreshes story_events for the changed clusters once the
    batch's events are inserted. `inside` is the linker's Linker.inside(prints), when computed already.
    """
    linker = index.linker
    ids = [a["id"] for a in new]
    if prints is None:
        prints = linker.fingerprinter.fingerprints([a["text"] or "" for a in new])
    if inside is None:
        inside = linker.inside(prints)
    assignment = linker.assign(ids, prints, index, inside)
    result = _write_clusters(con, new, prints, assignment, inside)
    index.remember(ids, prints)
    index.add_bands([ids[i] for i in inside.rows.tolist()], inside.keys)
    return Linked(result, set(assignment.clusters) | set(assignment.merged) | set(assignment.merged.values()))


def _write_clusters(
    con: duckdb.DuckDBPyConnection, new: Sequence[Mapping[str, Any]], prints: Sequence[Fingerprint],
    assignment: Assignment, inside: Inside,
) -> dict[str, str | None]:
    """Apply merges, pick each affected cluster's earliest copy, write dedup/lsh/cluster rows."""
    merged = assignment.merged
    if merged:
        table = pa.table({"old": list(merged), "new": list(merged.values())})
        with _Registered(con, "_parley_merge", table) as name:
            con.execute(f"UPDATE dedup SET cluster = m.new FROM {name} m WHERE dedup.cluster = m.old")
    affected = set(assignment.clusters) | set(merged.values())
    # earliest copy so far of every affected cluster, and of clusters merged into them
    before: dict[str, tuple[Any, ...]] = {}
    for cluster, canonical, pub, seen, day in _strings(
        con, "SELECT cluster, canonical, published_at, first_seen, day FROM clusters "
        "WHERE cluster IN (SELECT unnest(?::VARCHAR[]))", sorted(affected | set(merged)),
    ):
        before[cluster] = (order_key(pub, seen, canonical), canonical, pub, seen, day)
    best: dict[str, tuple[Any, ...]] = {}
    for cluster, info in before.items():
        target = merged.get(cluster, cluster)
        if target not in best or info[0] < best[target][0]:
            best[target] = info
    published = [published_at(a.get("published")) for a in new]
    for a, pub, cluster in zip(new, published, assignment.clusters, strict=True):
        info = (order_key(pub, a["first_seen"], a["id"]), a["id"], pub, a["first_seen"], iso_day(a.get("published")))
        if cluster not in best or info[0] < best[cluster][0]:
            best[cluster] = info
    # stored members must be relinked where their cluster's earliest copy is not the one they point to
    stale = {c for c in affected if c in before and before[c][1] != best[c][1]}
    stale |= {target for old, target in merged.items() if old in before and before[old][1] != best[target][1]}
    if stale:
        table = pa.table({"cluster": sorted(stale), "canonical": [best[c][1] for c in sorted(stale)]})
        with _Registered(con, "_parley_canon", table) as name:
            con.execute(
                "UPDATE articles SET duplicate_of = CASE WHEN articles.id = c.canonical THEN NULL ELSE c.canonical END "
                f"FROM dedup d, {name} c WHERE d.article_id = articles.id AND d.cluster = c.cluster"
            )
    gone = sorted(affected | set(merged))
    con.execute("DELETE FROM clusters WHERE cluster IN (SELECT unnest(?::VARCHAR[]))", [gone])
    clusters = sorted(affected)
    _insert(con, "clusters", pa.Table.from_pylist([
        {"cluster": c, "canonical": best[c][1], "published_at": best[c][2], "first_seen": best[c][3],
         "day": _as_date(best[c][4])} for c in clusters
    ], schema=CLUSTER_SCHEMA))
    _insert(con, "dedup", pa.table({
        "article_id": [a["id"] for a in new], "cluster": assignment.clusters, "published_at": published,
        "first_seen": [a["first_seen"] for a in new], "domain": [a.get("domain") for a in new],
        "shingles": [fp.shingles.size for fp in prints],
        "signature": [fp.signature.astype("<u4").tobytes() if fp.shingles.size else None for fp in prints],
    }, schema=DEDUP_SCHEMA))
    if inside.rows.size:
        bands = inside.keys.shape[1]
        _insert(con, "lsh_bands", pa.table({
            "band": pa.array(np.tile(np.arange(bands, dtype=np.int16), inside.rows.size)),
            "key": pa.array(inside.keys.reshape(-1)),
            "article_id": pa.array(np.repeat(np.array([new[i]["id"] for i in inside.rows.tolist()], dtype=object), bands),
                                   pa.string()),
        }, schema=LSH_SCHEMA))
    return {a["id"]: None if best[c][1] == a["id"] else best[c][1] for a, c in zip(new, assignment.clusters, strict=True)}


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def _insert(con: duckdb.DuckDBPyConnection, table: str, arrow: pa.Table) -> None:
    """Bulk-insert an Arrow table into one of our own tables (never user input)."""
    if arrow.num_rows:
        with _Registered(con, "_parley_rows", arrow) as name:
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {name}")


def backfill(con: duckdb.DuckDBPyConnection, linker: Linker | None = None, batch: int = 2000) -> int:
    """Cluster articles stored before deduplication existed (schema v1 -> v2), in first-seen order."""
    index = StoreIndex(con, linker or Linker())
    todo = con.execute(
        "SELECT id, text, published, first_seen, domain FROM articles "
        "WHERE id NOT IN (SELECT article_id FROM dedup) ORDER BY first_seen, id"
    ).fetchall()
    for start in range(0, len(todo), batch):
        chunk = [
            {"id": i, "text": text, "published": pub, "first_seen": seen, "domain": domain}
            for i, text, pub, seen, domain in todo[start:start + batch]
        ]
        links = link(con, index, chunk).duplicate_of
        table = pa.table({"id": list(links), "duplicate_of": list(links.values())},
                         schema=pa.schema([("id", pa.string()), ("duplicate_of", pa.string())]))
        with _Registered(con, "_parley_links", table) as name:
            con.execute(f"UPDATE articles SET duplicate_of = l.duplicate_of FROM {name} l WHERE articles.id = l.id")
    refresh_story_events(con)
    return len(todo)
