"""The stage chain: RawDocument → recover → nlp → actors → quotes → events → Article.

One code path for `parley process`, `parley ingest` and distributed workers. Models and lexicons
load once when the Pipeline is built; documents are parsed in batches with `nlp.pipe`. Each document
is read on its own unless the Pipeline is given site templates (parley.recover.templates), which it
then applies to every page and teaches with it: what it makes of a page depends on the pages before.
"""
from __future__ import annotations

import gc
import logging
from collections.abc import Iterable, Iterator
from datetime import date
from urllib.parse import urlsplit

from spacy.tokens import Doc

from parley.actors.resolve import ActorResolver
from parley.errors import InputError, ParleyError
from parley.events.coder import EventCoder
from parley.limits import (
    DEFAULT_MAX_TEXT_CHARS,
    ENV_MAX_SECONDS,
    TEXT_INPUT_FACTOR,
    DocumentTimeout,
    Stopwatch,
    clip_text,
    current_limits,
)
from parley.nlp import load_nlp
from parley.quotes.finder import HeadlineClause, QuoteFinder
from parley.records import Article, RawDocument, Recovered, Source, content_id
from parley.recover.templates import SiteTemplates, page_key, page_lines, site_of
from parley.recover.text import recover_text

log = logging.getLogger(__name__)

# Longer bodies are cut: a pathological page must not stall a worker. PARLEY_MAX_TEXT_CHARS overrides
# it, and PARLEY_MAX_SECONDS caps the time one document may take (parley.limits).
MAX_TEXT_CHARS = DEFAULT_MAX_TEXT_CHARS


def recover(raw: RawDocument, templates: SiteTemplates | None = None) -> Recovered:
    """The clean article inside one raw document, by its markup (its site's template lines dropped when
    templates are given); no publication date after the day it was crawled."""
    today = crawl_day(raw)
    domain = site_of(raw.url) if templates is not None else None
    if raw.format in ("html", "warc"):
        from parley.recover.html import recover_html

        rec = recover_html(raw.content, raw.url, title_hint=raw.title, today=today, templates=templates, domain=domain)
    else:
        rec = recover_text(raw.content, title_hint=raw.title, published_hint=raw.published, today=today,
                           templates=templates, domain=domain)
    if raw.published and not rec.published:
        rec = _with(rec, published=raw.published)
    return rec


def learn_page(templates: SiteTemplates, raw: RawDocument, rec: Recovered) -> None:
    """Teach the templates the lines of one page of its site (once per page content; no site, no lesson)."""
    domain = site_of(raw.url)
    if domain:
        templates.learn(domain, page_lines(rec), page=page_key(raw.content), article=_article_id(raw, rec))


def crawl_day(raw: RawDocument) -> date | None:
    """The day the document was fetched, when its container says (a WARC-Date), else None."""
    try:
        return date.fromisoformat(raw.crawled[:10]) if raw.crawled else None
    except ValueError:
        return None


def _with(rec: Recovered, **changes: object) -> Recovered:
    from dataclasses import replace

    return replace(rec, **changes)  # type: ignore[arg-type]


def _source(raw: RawDocument) -> Source:
    domain = urlsplit(raw.url).hostname if raw.url else None
    return Source(format=raw.container or raw.format, path=raw.path, url=raw.url, domain=domain, record=raw.record)


class Pipeline:
    """The loaded stage chain; build once per process and feed it documents.

    With ``templates``, every page is read with what the earlier pages of its site taught them, then
    teaches them (once per page content: see SiteTemplates.learn); the caller keeps and saves them.
    """

    def __init__(self, templates: SiteTemplates | None = None) -> None:
        self.templates = templates
        self.nlp = load_nlp()
        self.actors = ActorResolver(self.nlp)
        self.quotes = QuoteFinder()
        self.events = EventCoder()
        self._warm_up()
        # The model, gazetteers and lexicons live as long as the process: frozen, they are out of the cyclic
        # collector's full passes, which otherwise walk their few hundred thousand objects again and again
        # while documents are processed (about 2% of a worker's CPU).
        gc.freeze()

    def _warm_up(self) -> None:
        """One short story through every stage now, so that lexicons and modules the stages load on
        first use are loaded with the pipeline, not on the first document's time budget."""
        from parley.recover import html  # noqa: F401 - imports trafilatura

        list(self.process_stream([RawDocument(content=_WARM_UP, format="text")]))  # no site: teaches no template

    def annotate(self, raw: RawDocument, rec: Recovered, doc: Doc,
                 headline: tuple[list[HeadlineClause], list[Doc]]) -> Article:
        """Run the stages after parsing on one document; ``headline``: its headline clauses and their parses."""
        resolved = self.actors(doc)
        quotes, table = self.quotes(doc, resolved)
        # Events are coded between the actor stage's actors: a speaker the quote stage adds (an unnamed group,
        # an unplaced person) has no code, and would stand in front of the coded actors its words name.
        events = self.events(doc, resolved, quotes, rec.published)
        display = self.quotes.headline_quotes(*headline, quotes, table)
        text = rec.text
        return Article(
            id=_article_id(raw, rec),
            source=_source(raw), title=rec.title, body=rec.body, text=text, section=rec.section,
            standfirst=rec.standfirst, byline=rec.byline, published=rec.published, language=rec.language,
            captions=rec.captions, related=rec.related, removed=rec.removed,
            actors=table.actors, quotes=quotes, events=events, headline_quotes=display,
        )

    def process(self, raw: RawDocument) -> Article:
        """One document through every stage."""
        return next(iter(self.process_stream([raw])))  # type: ignore[return-value]

    def process_stream(self, items: Iterable[RawDocument | InputError], batch_size: int = 16) -> Iterator[Article | InputError]:
        """Documents through every stage, parsed in batches; errors pass through in order.

        Each batch of bodies is parsed in one ``nlp.pipe``, and their headline clauses in another without
        the entity recogniser: a clause's speaker is matched to the body's actors by its words, so the
        entities (over half the parse time) would go unused there.
        """
        for batch in _batches(self._recovered(items), batch_size):
            ready = [item for item in batch if not isinstance(item, ParleyError)]
            bodies = self.nlp.pipe([rec.text for _, rec, _, _ in ready], batch_size=batch_size)
            clause_docs = iter(self.nlp.pipe([c.text for *_, clauses in ready for c in clauses],
                                             batch_size=batch_size, disable=["ner"]))
            for item in batch:
                if isinstance(item, ParleyError):
                    yield item  # type: ignore[misc]
                    continue
                raw, rec, clock, clauses = item
                doc = next(bodies)
                headline = (clauses, [next(clause_docs) for _ in clauses])
                # The parse ran in a batch, bounded by the text cap; the clock covers the stages around it.
                try:
                    with clock.running():
                        article = self.annotate(raw, rec, doc, headline)
                except DocumentTimeout as exc:
                    yield _timed_out(raw, exc, "while finding actors, quotes and events")
                    continue
                except Exception as exc:  # a bug on one article must not end a batch
                    log.debug("annotation failed", exc_info=True)
                    yield InputError(raw.path, f"could not analyse the article ({type(exc).__name__}: {exc})", raw.record,
                                     "this is a bug in parley: please report it with this input")
                    continue
                yield article

    def _recovered(self, items: Iterable[RawDocument | InputError]) -> Iterator[_Recovered | ParleyError]:
        """Each document's article and the headline clauses to parse with it, or the error that stopped it."""
        limits = current_limits()
        for item in items:
            if isinstance(item, ParleyError):
                yield item
                continue
            clock = Stopwatch(limits.max_seconds)
            try:
                with clock.running():
                    rec = recover(_clip_input(item, limits.max_text_chars), self.templates)
            except DocumentTimeout as exc:
                yield _timed_out(item, exc, "while recovering the article")
                continue
            except Exception as exc:  # noqa: BLE001 - one bad page must not end a batch
                yield InputError(item.path, f"could not recover an article: {exc}", item.record)
                continue
            if not rec.body:
                yield InputError(item.path, "no article text found", item.record,
                                 "the page may be an index, a paywall or not a news story")
                continue
            if len(rec.text) > limits.max_text_chars:
                log.warning("%s: article text cut to %d characters", _where(item), limits.max_text_chars)
                rec = _with(rec, body=_clip(rec.body, limits.max_text_chars))
            if self.templates is not None:
                learn_page(self.templates, item, rec)
            yield item, rec, clock, self.quotes.headline_clauses(self.nlp, rec.title, rec.standfirst)


_Recovered = tuple[RawDocument, Recovered, Stopwatch, list[HeadlineClause]]  # a document ready to parse


def _batches(items: Iterable[_Recovered | ParleyError], size: int) -> Iterator[list[_Recovered | ParleyError]]:
    """Consecutive runs of items holding ``size`` documents each (errors ride along where they came)."""
    batch: list[_Recovered | ParleyError] = []
    documents = 0
    for item in items:
        batch.append(item)
        if not isinstance(item, ParleyError):
            documents += 1
            if documents == size:
                yield batch
                batch, documents = [], 0
    if batch:
        yield batch


_WARM_UP = ("Envoys meet in Valletta\n\nMalta's foreign minister met Tunisia's envoy in Valletta on Tuesday, "
            "officials said. “We will not accept delays,” the minister told reporters.\n")


def _article_id(raw: RawDocument, rec: Recovered) -> str:
    """An article's id: the content id of its text (of its title or raw page when it has none)."""
    return content_id(rec.text or rec.title or raw.content[:2000])


def _where(raw: RawDocument) -> str:
    return (raw.path or "<stdin>") + ("" if raw.record is None else f" record {raw.record}")


def _timed_out(raw: RawDocument, exc: DocumentTimeout, stage: str) -> InputError:
    return InputError(raw.path, f"{exc} {stage}", raw.record,
                      f"a pathological page; set {ENV_MAX_SECONDS} higher to allow more time")


def _clip_input(raw: RawDocument, max_text_chars: int) -> RawDocument:
    """A plain-text document cut well past the text cap before recovery (it cannot all be parsed anyway)."""
    cap = max_text_chars * TEXT_INPUT_FACTOR
    if raw.format != "text" or len(raw.content) <= cap:
        return raw
    from dataclasses import replace

    return replace(raw, content=clip_text(raw.content, cap))


def _clip(body: tuple[str, ...], max_chars: int = MAX_TEXT_CHARS) -> tuple[str, ...]:
    """Paragraphs that fit in max_chars once joined, so offsets stay valid; a first paragraph that is
    longer on its own is cut at a word boundary rather than dropped."""
    out: list[str] = []
    size = 0
    for para in body:
        if size + len(para) > max_chars:
            if not out:
                out.append(clip_text(para, max_chars).rstrip())
            break
        out.append(para)
        size += len(para) + 2
    return tuple(p for p in out if p)
