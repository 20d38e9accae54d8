"""Site templates kept in the store: loaded before an ingest, used and taught by its Pipeline, saved back.

The counts live in the site_template_* tables (parley.store.schema, version 3). Saving rewrites the
domains learned from since the last save and adds the new pages, in one transaction of its own; saving
the same state twice leaves the same tables. Pages are counted once each by a hash of their content, and
each page remembers the id of the article it made: on a rerun, a page whose article is stored is passed
over (``IngestTemplates.fresh``), since read against templates that have learned more since, it would make
a cleaner, differently-identified copy of an article the store already holds.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import duckdb
import pyarrow as pa

from parley.errors import StoreError
from parley.records import RawDocument
from parley.recover.templates import SiteTemplates, page_key, site_of
from parley.store.db import insert_arrow

if TYPE_CHECKING:
    from parley.store.db import Store

__all__ = ["IngestTemplates", "load_templates", "save_templates", "templates_for_ingest"]

T = TypeVar("T")

_DOMAINS = ("domain", "pages")
_LINES = ("domain", "line_key", "line", "pages")
_PAGES = ("domain", "page_key", "article_id")


def load_templates(store: Store) -> SiteTemplates:
    """The store's site templates."""
    return _load(store)[0]


def save_templates(store: Store, templates: SiteTemplates) -> None:
    """Write what the templates learned since they were loaded or last saved, in one transaction."""
    changes = templates.changes()
    if not (changes.domains or changes.pages):
        return
    if store.read_only:
        raise StoreError(f"{store.path}: store was opened read-only; open it without read_only to save templates")
    domains = [row[0] for row in changes.domains]
    con = store.connection.cursor()  # a transaction of its own, apart from any the store has open
    try:
        con.begin()
        con.execute("DELETE FROM site_template_domains WHERE domain IN (SELECT unnest(?::VARCHAR[]))", [domains])
        con.execute("DELETE FROM site_template_lines WHERE domain IN (SELECT unnest(?::VARCHAR[]))", [domains])
        _insert(con, "site_template_domains", _DOMAINS, changes.domains)
        _insert(con, "site_template_lines", _LINES, changes.lines)
        _insert(con, "site_template_pages", _PAGES, changes.pages,
                "WHERE NOT EXISTS (SELECT 1 FROM site_template_pages p "
                "WHERE p.domain = b.domain AND p.page_key = b.page_key)")
        con.commit()
    except duckdb.Error as exc:
        con.rollback()
        raise StoreError(f"{store.path}: could not save the site templates ({exc})") from exc
    finally:
        con.close()
    templates.mark_saved()


class IngestTemplates:
    """An ingest's site templates: build the Pipeline with ``pipeline_kwargs``, feed it ``fresh`` documents,
    ``save`` after the articles are added (also when the ingest is cut short: saving is always safe)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.templates, self._stored = _load(store)
        self.already_stored = 0  # documents passed over by fresh(): their article is in the store

    @property
    def pipeline_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for parley.pipeline.Pipeline."""
        return {"templates": self.templates}

    def fresh(self, items: Iterable[T]) -> Iterator[T]:
        """The items, less the documents whose page was learned from and whose article is stored."""
        for item in items:
            if isinstance(item, RawDocument) and self._stored:
                domain = site_of(item.url)
                if domain is not None and (domain, page_key(item.content)) in self._stored:
                    self.already_stored += 1
                    continue
            yield item

    def save(self) -> None:
        """Save what the templates learned (see save_templates)."""
        save_templates(self.store, self.templates)


def templates_for_ingest(store: Store) -> IngestTemplates:
    """Load the store's site templates for an ingest into it."""
    return IngestTemplates(store)


def _load(store: Store) -> tuple[SiteTemplates, set[tuple[str, str]]]:
    """The templates, and the (domain, page key) of pages whose article is in the store."""
    domains = store.execute_arrow("SELECT domain, pages FROM site_template_domains")
    lines = store.execute_arrow("SELECT domain, line_key, line, pages FROM site_template_lines")
    pages = store.execute_arrow(
        "SELECT p.domain, p.page_key, p.article_id, a.id IS NOT NULL AS stored "
        "FROM site_template_pages p LEFT JOIN articles a ON a.id = p.article_id"
    )
    page_rows = list(_tuples(pages, (*_PAGES, "stored")))
    templates = SiteTemplates.from_rows(_tuples(domains, _DOMAINS), _tuples(lines, _LINES), (r[:3] for r in page_rows))
    return templates, {(r[0], r[1]) for r in page_rows if r[3]}


def _tuples(table: pa.Table, columns: tuple[str, ...]) -> Iterator[tuple[Any, ...]]:
    return zip(*(table.column(c).to_pylist() for c in columns), strict=True)


def _insert(con: duckdb.DuckDBPyConnection, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]],
            where: str = "") -> None:
    """Bulk-insert rows through Arrow (executemany is a statement per row); table and where are ours."""
    if not rows:
        return
    batch = pa.table({c: list(values) for c, values in zip(columns, zip(*rows, strict=True), strict=True)})
    insert_arrow(con, table, batch, f"SELECT * FROM _parley_rows b {where}")
