"""Site templates: lines that recur across one domain's pages are that site's furniture.

A page alone cannot always tell a site's standing blurb ("The Harbour Ledger is an independent paper,
funded by its readers ...") from the article's first paragraph: both are prose next to the text. Across
a domain's pages the difference is plain: the blurb is on every page, a paragraph on one. So each page's
visible lines are counted per domain (``learn``), and once a line has been seen on enough of a domain's
pages it is boilerplate there (``is_boilerplate``) — on every later page, whatever it looks like.

A line is boilerplate when it was seen on ``MIN_PAGES`` pages and on ``MIN_SHARE`` of the domain's pages;
lines seen once are dropped now and then (``prune``) so that the counts stay about the size of the sites'
chrome rather than of the corpus. Pages are counted once each, by a hash of their content (``page_key``):
reading the same crawl again teaches nothing twice. The counts are plain rows (``rows``, ``from_rows``)
for the store's site_template_* tables (parley.store.templates), saved a domain at a time (``changes``).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from parley.records import Recovered

__all__ = ["MIN_PAGES", "MIN_SHARE", "Changes", "SiteTemplates", "key", "normalise", "page_key", "page_lines", "site_of"]

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
    seen: dict[str, str | None] = field(default_factory=dict)  # page key -> id of the article it made


@dataclass(frozen=True)
class Changes:
    """What learning changed since the last save: the changed domains' rows whole, and the new pages."""

    domains: list[tuple[str, int]]  # (domain, pages)
    lines: list[tuple[str, str, str, int]]  # (domain, line_key, line, pages): every line of those domains
    pages: list[tuple[str, str, str | None]]  # (domain, page_key, article_id)


class SiteTemplates:
    """Per-domain counts of the lines pages show; lines on enough of a domain's pages are boilerplate."""

    def __init__(self, min_pages: int = MIN_PAGES, min_share: float = MIN_SHARE) -> None:
        self.min_pages = min_pages
        self.min_share = min_share
        self._domains: dict[str, _Domain] = {}
        self._changed: set[str] = set()  # domains learned from since the last save
        self._new_pages: list[tuple[str, str, str | None]] = []

    # --- learning and asking -------------------------------------------------------------------------

    def learn(self, domain: str | None, lines: Iterable[str], *, page: str | None = None,
              article: str | None = None) -> bool:
        """Count one page's lines for its domain (each distinct line once per page); False if not counted.

        With ``page`` (its ``page_key``) a page already learned from is not counted again, so a crawl read
        twice teaches what it taught once; ``article`` (the id of the article the page made) is kept with
        it, so an ingest can tell a page already stored from one learned but never stored.
        """
        if not domain:
            return False
        name = _domain_key(domain)
        site = self._domains.setdefault(name, _Domain())
        if page is not None:
            if page in site.seen:
                return False
            site.seen[page] = article
            self._new_pages.append((name, page, article))
        self._changed.add(name)
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
        return True

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
        for name, site in self._domains.items():
            self._prune(site)
            self._changed.add(name)

    @staticmethod
    def _prune(site: _Domain) -> None:
        for k in [k for k, n in site.counts.items() if n <= 1]:
            del site.counts[k]
            site.text.pop(k, None)

    # --- plain data ------------------------------------------------------------------------------------

    def rows(self, domains: Iterable[str] | None = None) -> Iterator[tuple[str, str, str, int]]:
        """(domain, line_key, line, pages) for the site_template_lines table, of all or the given domains."""
        for domain, site in self._sites(domains):
            for k, n in site.counts.items():
                yield domain, k, site.text[k], n

    def domain_rows(self, domains: Iterable[str] | None = None) -> Iterator[tuple[str, int]]:
        """(domain, pages) for the site_template_domains table."""
        for domain, site in self._sites(domains):
            yield domain, site.pages

    def page_rows(self) -> Iterator[tuple[str, str, str | None]]:
        """(domain, page_key, article_id) for the site_template_pages table."""
        for domain, site in self._sites(None):
            for page, article in site.seen.items():
                yield domain, page, article

    def changes(self) -> Changes:
        """What to write to the store since the last ``mark_saved``."""
        changed = sorted(self._changed)
        return Changes(list(self.domain_rows(changed)), list(self.rows(changed)), list(self._new_pages))

    def mark_saved(self) -> None:
        """Forget the changes: the store now holds them."""
        self._changed.clear()
        self._new_pages.clear()

    def _sites(self, domains: Iterable[str] | None) -> Iterator[tuple[str, _Domain]]:
        names = sorted(self._domains) if domains is None else domains
        for name in names:
            yield name, self._domains[name]

    @classmethod
    def from_rows(cls, domains: Iterable[tuple[str, int]], lines: Iterable[tuple[str, str, str, int]],
                  pages: Iterable[tuple[str, str, str | None]] = (), **kwargs: Any) -> SiteTemplates:
        """Rebuild from the three tables' rows (nothing to save until it learns more)."""
        out = cls(**kwargs)
        for domain, n in domains:
            out._domains[domain] = _Domain(pages=int(n))
        for domain, k, line, n in lines:
            site = out._domains.setdefault(domain, _Domain())
            site.counts[k] = int(n)
            site.text[k] = line
        for domain, page, article in pages:
            out._domains.setdefault(domain, _Domain()).seen[page] = article
        return out


def page_lines(rec: Recovered) -> list[str]:
    """Every line a recovered page showed, whatever field it went to: what ``learn`` should count."""
    lines = [rec.section, rec.title, rec.standfirst, rec.byline, *rec.body, *rec.related, *rec.removed]
    lines += [part for c in rec.captions for part in (c.text, c.credit)]
    return [line for line in lines if line]


def page_key(content: str) -> str:
    """The identity a page is counted under: a hash of its whole content, 16 hex digits."""
    return hashlib.sha1(content.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def site_of(url: str | None) -> str | None:
    """The domain a page's templates are kept under, from its URL; None without a host."""
    try:
        host = urlsplit(url).hostname if url else None
    except ValueError:  # a malformed URL ("http://[x") names no site
        return None
    return _domain_key(host) if host else None


def _domain_key(domain: str) -> str:
    """Sites by host, without 'www.' and case ('WWW.Example.org' and 'example.org' are one site)."""
    host = domain.strip().lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host
