"""Read-only queries the web UI needs beyond Store's public methods, run on a Store's own connection.

Store answers most pages (article, quotes, summary, dyad_series, copies, sources). What it lacks —
an actor filter on article search, an actor's names and partners, the speaker list, an event page
that is cut before its join (see events) — lives here so the store module stays the colleague's; each function takes an open Store and only
reads. Filters and paging follow Store's conventions: code filters are case-insensitive prefixes,
dates are the derived `day` columns, ordering is newest first.
"""
from __future__ import annotations

from typing import Any

import duckdb

from parley.errors import StoreError
from parley.store import Store
from parley.store.db import Filters

# Article fields a list needs; the full text stays out of list pages and the JSON list API.
LIST_COLUMNS = "id, title, section, standfirst, byline, published, domain, url, duplicate_of"
_COUNTRY = "CASE WHEN left({c}, 3) IN ('IGO', 'NGO', 'MNC') THEN {c} ELSE left({c}, 3) END"


def _rows(store: Store, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    """Rows of a query as dicts; StoreError on a DuckDB failure, like Store's own queries."""
    try:
        cursor = store.connection.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    except duckdb.Error as exc:
        raise StoreError(f"{store.path}: query failed ({exc})") from exc


def search_articles(
    store: Store,
    search: str | None = None,
    *,
    since: str | None = None,
    until: str | None = None,
    domain: str | None = None,
    actor: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Articles like Store.articles (list fields only, plus `text` when searching), with an actor filter too.

    The actor filter keeps articles in which any actor's code starts with that prefix.
    """
    where = Filters()
    where.contains(("title", "standfirst", "text"), search)
    where.dates("day", since, until)
    if domain:
        where.add("lower(domain) = lower(?)", domain)
    if actor:
        where.add("id IN (SELECT article_id FROM actors WHERE starts_with(upper(code), upper(?)))", actor)
    columns = LIST_COLUMNS + (", text" if search else "")

    def page(extra: list[str], extra_params: list[Any], count: int, skip: int) -> list[dict[str, Any]]:
        parts = where.clauses + extra
        sql = "WHERE " + " AND ".join(parts) if parts else ""
        return _rows(
            store,
            f"SELECT {columns} FROM articles {sql} ORDER BY day DESC NULLS LAST, id LIMIT ? OFFSET ?",
            [*where.params, *extra_params, count, skip],
        )

    cutoff = _recent_cutoff(store) if search and offset + limit <= WINDOW_MAX_ROWS else None
    if cutoff is None:
        return page([], [], limit, offset)
    # Text search lowercases every article it looks at, and results come newest first: look at the
    # newest slice first and stop there when it fills the page (common words), else go on with the rest.
    need = offset + limit
    found = page(["day >= ?"], [cutoff], need, 0)
    if len(found) < need:
        found += page(["(day < ? OR day IS NULL)"], [cutoff], need - len(found), 0)
    return found[offset:need]


WINDOW_MIN_ARTICLES = 20_000  # below this a text search is one scan
WINDOW_SHARE = 0.1  # the newest share of articles a text search scans first
WINDOW_MAX_ROWS = 1_000  # deeper pages go straight to one LIMIT/OFFSET scan


def _recent_cutoff(store: Store) -> Any:
    """The day from which on the newest WINDOW_SHARE of articles lie; None for a small store."""
    row = _rows(store, "SELECT count(*) AS n, quantile_disc(day, ?) AS cutoff FROM articles", [1 - WINDOW_SHARE])[0]
    return row["cutoff"] if row["n"] >= WINDOW_MIN_ARTICLES else None


def events(store: Store, source: str | None = None, target: str | None = None, **filters: Any) -> list[dict[str, Any]]:
    """Store.events, which the pages call through here like the other queries."""
    return store.events(source, target, **filters)


def actor_profile(store: Store, code: str, names: int = 5) -> dict[str, Any]:
    """The names an actor code (prefix) goes by (countries and organisations first), how many quotes it
    has, and how many distinct events (each story once, as in the dyad charts) it is source or target of."""
    found = _rows(
        store,
        "SELECT name, kind, count(*) AS count FROM actors WHERE starts_with(upper(code), upper(?)) "
        "GROUP BY name, kind ORDER BY kind IN ('country', 'organization') DESC, count DESC, name LIMIT ?",
        [code, names],
    )
    counts = _rows(
        store,
        "SELECT (SELECT count(*) FROM quotes WHERE starts_with(upper(speaker_code), upper(?))) AS quotes, "
        "(SELECT count(*) FROM story_events WHERE starts_with(upper(source_code), upper(?))) AS as_source, "
        "(SELECT count(*) FROM story_events WHERE starts_with(upper(target_code), upper(?))) AS as_target, "
        "(SELECT count(DISTINCT article_id) FROM actors WHERE starts_with(upper(code), upper(?))) AS articles",
        [code] * 4,
    )[0]
    return {"code": code.upper(), "names": found, "counts": counts}


def actor_partners(store: Store, code: str, limit: int = 15) -> list[dict[str, Any]]:
    """The actors (country level) that code interacts with most, both directions.

    Counts distinct events, each story once (Store's story_events, which leaves negated events out),
    so the figures match the dyad charts.
    """
    src, tgt = _COUNTRY.format(c="source_code"), _COUNTRY.format(c="target_code")
    return _rows(
        store,
        f"""
        WITH mine AS (
            SELECT {tgt} AS partner, 'out' AS way, goldstein FROM story_events
            WHERE starts_with(upper(source_code), upper(?)) AND target_code IS NOT NULL
            UNION ALL
            SELECT {src} AS partner, 'in' AS way, goldstein FROM story_events
            WHERE starts_with(upper(target_code), upper(?)) AND source_code IS NOT NULL
        )
        SELECT partner, count(*) AS events,
            count(*) FILTER (way = 'out') AS outgoing, count(*) FILTER (way = 'in') AS incoming,
            avg(goldstein) FILTER (way = 'out') AS goldstein_out,
            avg(goldstein) FILTER (way = 'in') AS goldstein_in
        FROM mine WHERE NOT starts_with(upper(partner), upper(?))
        GROUP BY partner ORDER BY events DESC, partner LIMIT ?
        """,
        [code, code, code, limit],
    )


def actor_name(store: Store, code: str) -> str | None:
    """The name to show for an actor code prefix: its most frequent country/organisation name, else any."""
    found = _rows(
        store,
        "SELECT name FROM actors WHERE starts_with(upper(code), upper(?)) GROUP BY name, kind "
        "ORDER BY kind IN ('country', 'organization') DESC, count(*) DESC, name LIMIT 1",
        [code],
    )
    return found[0]["name"] if found else None


def speakers(
    store: Store, name: str | None = None, *, actor: str | None = None, limit: int = 50, offset: int = 0
) -> list[dict[str, Any]]:
    """Speakers with how many quotes each has, most quoted first; filtered by name part and code prefix."""
    clauses = ["speaker_name IS NOT NULL"]
    params: list[Any] = []
    if name:
        clauses.append("contains(lower(speaker_name), lower(?))")
        params.append(name)
    if actor:
        clauses.append("starts_with(upper(speaker_code), upper(?))")
        params.append(actor)
    return _rows(
        store,
        "SELECT speaker_name AS name, max(speaker_code) AS code, count(*) AS quotes, "
        "count(DISTINCT article_id) AS articles FROM quotes WHERE " + " AND ".join(clauses)
        + " GROUP BY speaker_name ORDER BY quotes DESC, name LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
