"""Site templates: lines that recur across one domain's pages are that site's furniture.

A page alone cannot always tell a site's standing blurb ("The Harbour Ledger is an independent paper,
funded by its readers ...") from the article's first paragraph: both are prose next to the text. Across
a domain's pages the difference is plain: the blurb is on every page, a paragraph on one. So each page's
visible lines are counted per domain (``learn``), and once a line has been seen on enough of a domain's
pages it is boilerplate there (``is_boilerplate``) — on every later page, whatever it looks like.

The counts are plain data: ``to_json``/``from_json`` for a file, ``rows`` for a table. The store table
this is made for (DuckDB)::

    CREATE TABLE site_template_domains (
        domain   TEXT PRIMARY KEY,
        pages    INTEGER NOT NULL            -- pages of the domain learned from
    );
    CREATE TABLE site_template_lines (
        domain   TEXT NOT NULL,
        line_key TEXT NOT NULL,              -- key(): the normalised line's SHA-1, 16 hex digits
        line     TEXT NOT NULL,              -- the line as first seen, for audit
        pages    INTEGER NOT NULL,           -- how many of the domain's pages showed it
        PRIMARY KEY (domain, line_key)
    );

A line is boilerplate when ``pages >= MIN_PAGES`` and ``pages >= MIN_SHARE * domain pages``; lines seen
once are dropped from the table now and then (``prune``) so that it stays about the size of the
sites' chrome rather than of the corpus.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from parley.records import Recovered

__all__ = ["MIN_PAGES", "MIN_SHARE", "SiteTemplates", "key", "normalise", "page_lines"]

# a line is a site's furniture once this many of its pages, and this share of them, showed it
MIN_PAGES = 3
MIN_SHARE = 0.25
# longer lines are not counted: a template line is a label, a menu or a blurb, not an article
MAX_CHARS = 1000
# after this many pages of a domain, lines seen on a single page are forgotten (see prune)
PRUNE_EVERY = 200

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_SPACE = re.compile(r"\s+")
_EDGES = " \t.,;:!?·•|–—-_*#>»›"


def normalise(line: str) -> str:
    """The form lines are compared in: NFKC, case-folded, single spaces, years as 0000, no edge punctuation.

    ("© 2024 Harbour Ledger" and "© 2025 Harbour Ledger." are the same template line; other numbers
    count, since a score or a figure is what tells one report from the next.)
    """
    text = unicodedata.normalize("NFKC", line).casefold()
    text = _YEAR.sub("0000", _SPACE.sub(" ", text))
    return text.strip(_EDGES)


def key(line: str) -> str:
    """A short stable key for a line: the SHA-1 of its normalised form, 16 hex digits."""
    return hashlib.sha1(normalise(line).encode("utf-8")).hexdigest()[:16]


@dataclass
class _Domain:
    pages: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # line key -> pages that showed it
    text: dict[str, str] = field(default_factory=dict)  # line key -> the line as first seen


class SiteTemplates:
    """Per-domain counts of the lines pages show; lines on enough of a domain's pages are boilerplate."""

    def __init__(self, min_pages: int = MIN_PAGES, min_share: float = MIN_SHARE) -> None:
        self.min_pages = min_pages
        self.min_share = min_share
        self._domains: dict[str, _Domain] = {}

    # --- learning and asking -------------------------------------------------------------------------

    def learn(self, domain: str | None, lines: Iterable[str]) -> None:
        """Count one page's lines for its domain (each distinct line once per page)."""
        if not domain:
            return
        site = self._domains.setdefault(_domain_key(domain), _Domain())
        site.pages += 1
        seen: set[str] = set()
        for line in lines:
            if not line or len(line) > MAX_CHARS:
                continue
            k = key(line)
            if not k or k in seen or not normalise(line):
                continue
            seen.add(k)
            site.counts[k] = site.counts.get(k, 0) + 1
            site.text.setdefault(k, line)
        if site.pages % PRUNE_EVERY == 0:
            self._prune(site)

    def is_boilerplate(self, domain: str | None, line: str) -> bool:
        """Whether the line is part of the domain's template (seen on enough of its pages)."""
        if not domain or not line:
            return False
        site = self._domains.get(_domain_key(domain))
        if site is None or site.pages < self.min_pages:
            return False
        pages = site.counts.get(key(line), 0)
        return pages >= self.min_pages and pages >= self.min_share * site.pages

    def template(self, domain: str | None) -> list[str]:
        """The domain's template lines, most frequent first (for audit and display)."""
        site = self._domains.get(_domain_key(domain or ""))
        if site is None:
            return []
        lines = [k for k, n in site.counts.items() if n >= self.min_pages and n >= self.min_share * site.pages]
        return [site.text[k] for k in sorted(lines, key=lambda k: (-site.counts[k], site.text[k]))]

    def pages(self, domain: str | None) -> int:
        """How many pages of the domain have been learned from."""
        site = self._domains.get(_domain_key(domain or ""))
        return site.pages if site else 0

    def prune(self) -> None:
        """Forget lines seen on a single page of their domain: they cannot be template lines yet."""
        for site in self._domains.values():
            self._prune(site)

    @staticmethod
    def _prune(site: _Domain) -> None:
        for k in [k for k, n in site.counts.items() if n <= 1]:
            del site.counts[k]
            site.text.pop(k, None)

    # --- plain data ------------------------------------------------------------------------------------

    def rows(self) -> Iterator[tuple[str, str, str, int]]:
        """(domain, line_key, line, pages) for the site_template_lines table."""
        for domain, site in sorted(self._domains.items()):
            for k, n in site.counts.items():
                yield domain, k, site.text[k], n

    def domain_rows(self) -> Iterator[tuple[str, int]]:
        """(domain, pages) for the site_template_domains table."""
        for domain, site in sorted(self._domains.items()):
            yield domain, site.pages

    @classmethod
    def from_rows(cls, domains: Iterable[tuple[str, int]], lines: Iterable[tuple[str, str, str, int]], **kwargs: Any) -> SiteTemplates:
        """Rebuild from the two tables' rows."""
        out = cls(**kwargs)
        for domain, pages in domains:
            out._domains[domain] = _Domain(pages=int(pages))
        for domain, k, line, pages in lines:
            site = out._domains.setdefault(domain, _Domain())
            site.counts[k] = int(pages)
            site.text[k] = line
        return out

    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable form: {"min_pages", "min_share", "domains": {domain: {"pages", "lines": [[key, line, pages]]}}}."""
        return {
            "min_pages": self.min_pages,
            "min_share": self.min_share,
            "domains": {
                domain: {"pages": site.pages, "lines": [[k, site.text[k], n] for k, n in sorted(site.counts.items())]}
                for domain, site in sorted(self._domains.items())
            },
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SiteTemplates:
        """Rebuild from to_json()'s form."""
        out = cls(min_pages=int(data.get("min_pages", MIN_PAGES)), min_share=float(data.get("min_share", MIN_SHARE)))
        for domain, site in (data.get("domains") or {}).items():
            entry = _Domain(pages=int(site.get("pages", 0)))
            for k, line, n in site.get("lines", []):
                entry.counts[k] = int(n)
                entry.text[k] = line
            out._domains[domain] = entry
        return out


def page_lines(rec: Recovered) -> list[str]:
    """Every line a recovered page showed, whatever field it went to: what ``learn`` should count."""
    lines = [rec.section, rec.title, rec.standfirst, rec.byline, *rec.body, *rec.related, *rec.removed]
    lines += [part for c in rec.captions for part in (c.text, c.credit)]
    return [line for line in lines if line]


def _domain_key(domain: str) -> str:
    """Sites by host, without 'www.' and case ('WWW.Example.org' and 'example.org' are one site)."""
    host = domain.strip().lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host
