"""The stage chain: RawDocument → recover → nlp → actors → quotes → events → Article.

One code path for `parley process`, `parley ingest` and distributed workers. Models and lexicons
load once when the Pipeline is built; documents are parsed in batches with `nlp.pipe`.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from spacy.tokens import Doc

from parley.actors.resolve import ActorResolver
from parley.errors import InputError, ParleyError
from parley.events.coder import EventCoder
from parley.nlp import load_nlp
from parley.quotes.finder import QuoteFinder
from parley.records import Article, RawDocument, Recovered, Source, content_id
from parley.recover.text import recover_text

MAX_TEXT_CHARS = 200_000  # longer bodies are cut: a pathological page must not stall a worker


def recover(raw: RawDocument) -> Recovered:
    """The clean article inside one raw document, by its markup."""
    if raw.format in ("html", "warc"):
        from parley.recover.html import recover_html

        rec = recover_html(raw.content, raw.url, title_hint=raw.title)
    else:
        rec = recover_text(raw.content, title_hint=raw.title, published_hint=raw.published)
    if raw.published and not rec.published:
        rec = _with(rec, published=raw.published)
    return rec


def _with(rec: Recovered, **changes: object) -> Recovered:
    from dataclasses import replace

    return replace(rec, **changes)  # type: ignore[arg-type]


def _source(raw: RawDocument) -> Source:
    domain = urlsplit(raw.url).hostname if raw.url else None
    return Source(format=raw.container or raw.format, path=raw.path, url=raw.url, domain=domain, record=raw.record)


class Pipeline:
    """The loaded stage chain; build once per process and feed it documents."""

    def __init__(self) -> None:
        self.nlp = load_nlp()
        self.actors = ActorResolver(self.nlp)
        self.quotes = QuoteFinder()
        self.events = EventCoder()

    def annotate(self, raw: RawDocument, rec: Recovered, doc: Doc) -> Article:
        """Run the stages after parsing on one document."""
        quotes, table = self.quotes(doc, self.actors(doc))
        events = self.events(doc, table, quotes, rec.published)
        text = rec.text
        return Article(
            id=content_id(text or rec.title or raw.content[:2000]),
            source=_source(raw), title=rec.title, body=rec.body, text=text, section=rec.section,
            standfirst=rec.standfirst, byline=rec.byline, published=rec.published, language=rec.language,
            captions=rec.captions, related=rec.related, removed=rec.removed,
            actors=table.actors, quotes=quotes, events=events,
        )

    def process(self, raw: RawDocument) -> Article:
        """One document through every stage."""
        return next(iter(self.process_stream([raw])))  # type: ignore[return-value]

    def process_stream(self, items: Iterable[RawDocument | InputError], batch_size: int = 16) -> Iterator[Article | InputError]:
        """Documents through every stage, parsed in batches; errors pass through in order."""
        def recovered() -> Iterator[tuple[str, tuple[RawDocument, Recovered] | InputError]]:
            for item in items:
                if isinstance(item, ParleyError):
                    yield "", item  # type: ignore[misc]
                    continue
                try:
                    rec = recover(item)
                except Exception as exc:  # noqa: BLE001 - one bad page must not end a batch
                    yield "", InputError(item.path, f"could not recover an article: {exc}", item.record)
                    continue
                if not rec.body:
                    yield "", InputError(item.path, "no article text found", item.record,
                                         "the page may be an index, a paywall or not a news story")
                    continue
                if len(rec.text) > MAX_TEXT_CHARS:
                    rec = _with(rec, body=_clip(rec.body))
                yield rec.text, (item, rec)

        for doc, ctx in self.nlp.pipe(recovered(), as_tuples=True, batch_size=batch_size):
            if isinstance(ctx, ParleyError):
                yield ctx  # type: ignore[misc]
                continue
            raw, rec = ctx
            yield self.annotate(raw, rec, doc)


def _clip(body: tuple[str, ...]) -> tuple[str, ...]:
    """Paragraphs that fit in MAX_TEXT_CHARS once joined, so offsets stay valid."""
    out: list[str] = []
    size = 0
    for para in body:
        if size + len(para) > MAX_TEXT_CHARS:
            break
        out.append(para)
        size += len(para) + 2
    return tuple(out)
