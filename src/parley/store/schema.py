"""The store's tables and the numbered migrations that create and evolve them."""
from __future__ import annotations

from collections.abc import Callable

import duckdb

from parley.errors import StoreError

Migration = Callable[[duckdb.DuckDBPyConnection], None]

# `day` columns are derived DATEs used for since/until filters and time series; partial ISO dates
# ("2022-02", "2022") count as the first day of their period.
_V1_TABLES = """
CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
CREATE TABLE articles (
    id VARCHAR PRIMARY KEY,
    title VARCHAR,
    section VARCHAR,
    standfirst VARCHAR,
    byline VARCHAR,
    published VARCHAR,
    day DATE,
    language VARCHAR,
    format VARCHAR,
    path VARCHAR,
    url VARCHAR,
    domain VARCHAR,
    record BIGINT,
    text VARCHAR NOT NULL,
    body VARCHAR[],
    captions JSON,
    related VARCHAR[],
    removed VARCHAR[],
    first_seen TIMESTAMP NOT NULL,
    duplicate_of VARCHAR,
    raw JSON NOT NULL
);
CREATE TABLE actors (
    article_id VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    name VARCHAR,
    kind VARCHAR,
    country VARCHAR,
    role VARCHAR,
    code VARCHAR,
    mentions JSON
);
CREATE TABLE quotes (
    article_id VARCHAR NOT NULL,
    n INTEGER NOT NULL,
    text VARCHAR,
    kind VARCHAR,
    start BIGINT,
    "end" BIGINT,
    speaker VARCHAR,
    speaker_name VARCHAR,
    speaker_code VARCHAR,
    cue VARCHAR
);
CREATE TABLE events (
    article_id VARCHAR NOT NULL,
    n INTEGER NOT NULL,
    source VARCHAR,
    target VARCHAR,
    source_code VARCHAR,
    target_code VARCHAR,
    source_name VARCHAR,
    target_name VARCHAR,
    cameo VARCHAR NOT NULL,
    root VARCHAR,
    plover VARCHAR,
    goldstein DOUBLE,
    quad_class INTEGER,
    date VARCHAR,
    date_text VARCHAR,
    sentence VARCHAR,
    start BIGINT,
    "end" BIGINT,
    negated BOOLEAN,
    claimed_by VARCHAR,
    confidence DOUBLE,
    published VARCHAR,
    day DATE
);
CREATE TABLE errors (path VARCHAR, record BIGINT, message VARCHAR NOT NULL, "at" TIMESTAMP NOT NULL);
"""


def _v1_initial(con: duckdb.DuckDBPyConnection) -> None:
    """Create the schema-v1 tables in an empty database."""
    con.execute(_V1_TABLES)


# Near-duplicate clustering (parley.store.dedup). `dedup` has one row per article: its cluster (the id
# of the cluster's founding article, kept through merges by the smallest id), the publication time used
# to find the earliest copy, and its MinHash signature; `lsh_bands` is the persisted LSH index (one key
# per band per article); `clusters` caches each cluster's earliest copy ("canonical"), whose id is every
# other member's articles.duplicate_of; `story_events` holds each story's distinct events (see
# parley.store.dedup.STORY_EVENTS) so aggregates count a story once without re-grouping every event row.
# Derived tables: no keys, rewritten per affected cluster in the transaction that affects it.
_V2_TABLES = """
CREATE TABLE dedup (
    article_id VARCHAR NOT NULL,
    cluster VARCHAR NOT NULL,
    published_at TIMESTAMP,
    first_seen TIMESTAMP NOT NULL,
    domain VARCHAR,
    shingles INTEGER NOT NULL,
    signature BLOB
);
CREATE TABLE lsh_bands (band SMALLINT NOT NULL, key BIGINT NOT NULL, article_id VARCHAR NOT NULL);
CREATE TABLE clusters (
    cluster VARCHAR NOT NULL,
    canonical VARCHAR NOT NULL,
    published_at TIMESTAMP,
    first_seen TIMESTAMP NOT NULL,
    day DATE
);
CREATE TABLE story_events (
    cluster VARCHAR NOT NULL,
    source_code VARCHAR,
    target_code VARCHAR,
    cameo VARCHAR NOT NULL,
    day DATE,
    quad_class INTEGER,
    goldstein DOUBLE,
    mentions INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    sources INTEGER NOT NULL,
    first_seen TIMESTAMP
);
"""


def _v2_dedup(con: duckdb.DuckDBPyConnection) -> None:
    """Add the clustering tables and cluster the articles a v1 store already holds."""
    from parley.store.dedup import backfill

    con.execute(_V2_TABLES)
    backfill(con)


# Site templates (parley.recover.templates, saved by parley.store.templates): per domain, how many pages
# were learned from and how many of them showed each line; and every page learned from, by a hash of its
# content, with the id of the article it made, so a page read again is neither counted again nor, once its
# article is stored, stored again. Rewritten a domain at a time, so no keys (see _V2_TABLES).
_V3_TABLES = """
CREATE TABLE site_template_domains (domain VARCHAR NOT NULL, pages INTEGER NOT NULL);
CREATE TABLE site_template_lines (
    domain VARCHAR NOT NULL,
    line_key VARCHAR NOT NULL,
    line VARCHAR NOT NULL,
    pages INTEGER NOT NULL
);
CREATE TABLE site_template_pages (domain VARCHAR NOT NULL, page_key VARCHAR NOT NULL, article_id VARCHAR);
"""


def _v3_site_templates(con: duckdb.DuckDBPyConnection) -> None:
    """Add the (empty) site-template tables: templates are learned from pages ingested from now on."""
    con.execute(_V3_TABLES)


# MIGRATIONS[v] upgrades a store from schema version v to v + 1; append, never edit or reorder.
MIGRATIONS: list[Migration] = [_v1_initial, _v2_dedup, _v3_site_templates]
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version recorded in the store, 0 for a database parley has not set up."""
    # fetchall, not fetchone: a result left unfinished blocks the connection's next relation query
    has_meta = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'meta'"
    ).fetchall()
    if not has_meta or not has_meta[0][0]:
        return 0
    rows = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    return int(rows[0][0]) if rows else 0


def migrate(con: duckdb.DuckDBPyConnection, where: str) -> None:
    """Bring the store up to SCHEMA_VERSION in one transaction: a kill mid-way leaves the old version whole."""
    current = schema_version(con)
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"{where}: store has schema version {current}, newer than this parley ({SCHEMA_VERSION});"
            " upgrade parley to read it"
        )
    if current == SCHEMA_VERSION:
        return
    con.begin()
    version = current
    try:
        for version in range(current, SCHEMA_VERSION):
            MIGRATIONS[version](con)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        con.commit()
    except duckdb.Error as exc:
        con.rollback()
        raise StoreError(f"{where}: migration to schema version {version + 1} failed: {exc}") from exc
