"""The `parley` command line: process news into records, ingest them into a store, query the store.

Exit status: 0 every input was processed; 1 some inputs were skipped (each named on stderr);
2 usage error (bad option, store cannot be opened); 130 interrupted (Ctrl-C).
"""
from __future__ import annotations

import argparse
import csv
import json
import logging
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from parley.corpus.cli import add_duplicates_argument, add_sources_parser, cmd_sources
from parley.distributed import add_run_parser, cmd_run, ingest_parquet
from parley.errors import InputError, ParleyError
from parley.export import add_export_parser, cmd_export
from parley.ingest.stats import ReadStats
from parley.records import Article

if TYPE_CHECKING:
    from parley.store.templates import IngestTemplates

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

EPILOG = """\
inputs are detected by content: plain-text page dumps, HTML pages, WARC files (.warc, .warc.gz),
JSON Lines (fields text or html, optional url, published, title), directories (recursive), - for stdin.

exit status: 0 all inputs processed, 1 some inputs skipped (one line each on stderr), 2 usage error,
130 interrupted.
"""


def _add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="FILE", help="store file (default: $PARLEY_DB or ./parley.duckdb)")


def _add_format(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="output format: aligned table (default), CSV, or JSON Lines")
    p.add_argument("--limit", type=int, default=50, help="at most this many rows (default 50)")
    p.add_argument("--offset", type=int, default=0, help="skip this many rows first (paging)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; every command has its own --help."""
    parser = argparse.ArgumentParser(
        prog="parley", description="Who said what, and who did what to whom, when — from raw international news.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("process", help="process inputs and print one record per article",
                       description="Process news inputs and print one record per article to stdout.",
                       epilog="example: parley process --json story.txt crawl.warc.gz > articles.jsonl\n\n" + EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, directories, or - for stdin")
    p.add_argument("--json", action="store_true", help="print JSON Lines (schema v1) instead of a readable summary")

    p = sub.add_parser("ingest", help="process inputs into the store (idempotent)",
                       description="Process inputs into the embedded store. Rerunning adds nothing twice.",
                       epilog="example: parley ingest examples/corpus --db news.duckdb\n\n" + EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="*", metavar="PATH", help="files, directories, or - for stdin")
    p.add_argument("--from-parquet", metavar="DIR", help="load the Parquet dataset a `parley run` wrote, instead of PATHs")
    _add_db(p)
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--no-templates", action="store_true",
                   help="read each page on its own, without the site templates the store has learned "
                        "(lines that recur across a site's pages are its boilerplate)")

    p = sub.add_parser("articles", help="list stored articles", description="List stored articles.")
    p.add_argument("--search", help="words in headline or text")
    p.add_argument("--since", help="published on or after this date (YYYY-MM-DD)")
    p.add_argument("--until", help="published on or before this date (YYYY-MM-DD)")
    p.add_argument("--domain", help="source site, e.g. example.org")
    add_duplicates_argument(p)
    _add_db(p)
    _add_format(p)

    p = sub.add_parser("quotes", help="search stored quotes", description="Search stored quotes.",
                       epilog="example: parley quotes --speaker Ryabkov --search talks")
    p.add_argument("--speaker", help="speaker name contains this (case-insensitive)")
    p.add_argument("--actor", help="speaker's actor code starts with this, e.g. RUS")
    p.add_argument("--search", help="words in the quote")
    p.add_argument("--since", help="article published on or after (YYYY-MM-DD)")
    p.add_argument("--until", help="article published on or before (YYYY-MM-DD)")
    _add_db(p)
    _add_format(p)

    p = sub.add_parser("events", help="filter stored events", description="Filter stored events.",
                       epilog="example: parley events --source RUS --target USA --code 12")
    p.add_argument("--source", help="source actor code prefix, e.g. RUS or RUSGOV")
    p.add_argument("--target", help="target actor code prefix")
    p.add_argument("--actor", help="either side's code prefix")
    p.add_argument("--code", help="CAMEO code prefix: 16 finds 160-166")
    p.add_argument("--since", help="event date on or after (YYYY-MM-DD)")
    p.add_argument("--until", help="event date on or before (YYYY-MM-DD)")
    p.add_argument("--search", help="words in the event sentence")
    _add_db(p)
    _add_format(p)

    p = sub.add_parser("summary", help="what the store holds: counts, top speakers, events by dyad",
                       description="Summarise the store: counts, top speakers, events by dyad.")
    _add_db(p)
    add_sources_parser(sub)
    add_export_parser(sub)
    add_run_parser(sub)

    p = sub.add_parser("serve", help="serve the web UI over the store (read-only)",
                       description="Serve the analyst's web UI over the store, read-only: search, articles with "
                                   "highlighted quotes and events, actors, dyad timelines, quotes by speaker.",
                       epilog="example: parley serve --db news.duckdb, then open http://127.0.0.1:8000/")
    _add_db(p)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    return parser


@dataclass
class Batch:
    """One command's run over its inputs: the inputs it skipped (each named once on stderr) and the reader's counts."""

    errors: list[InputError] = field(default_factory=list)
    stats: ReadStats = field(default_factory=ReadStats)

    def skip(self, error: InputError) -> None:
        self.errors.append(error)
        print(f"parley: skipped {error}", file=sys.stderr)

    def articles(self, paths: Sequence[str], templates: IngestTemplates | None = None) -> Iterator[Article]:
        """Every article the inputs hold, through the whole stage chain; with a store's site templates,
        pages are read against them (and teach them), and pages whose article is stored are passed over."""
        from parley.ingest import read_inputs
        from parley.pipeline import Pipeline

        def documents() -> Iterator[Any]:
            items = read_inputs(paths, self.stats)
            for item in templates.fresh(items) if templates else items:
                if isinstance(item, InputError):
                    self.skip(item)
                else:
                    yield item

        pipeline = Pipeline(**templates.pipeline_kwargs) if templates else Pipeline()
        for item in pipeline.process_stream(documents()):
            if isinstance(item, InputError):
                self.skip(item)
            else:
                yield item

    def closing_line(self, done: str) -> str:
        """What happened, in one line: done, skipped inputs, WARC records that held no page."""
        parts = [done, f"{len(self.errors)} input(s) skipped" + (" (see lines above)" if self.errors else "")]
        if self.stats.skipped:
            parts.append(f"{self.stats.skipped} WARC record(s) without an HTML page passed over")
        return "parley: " + ", ".join(parts)

    @property
    def exit_code(self) -> int:
        return EXIT_SKIPPED if self.errors else EXIT_OK


def summarize(article: Article) -> str:
    """A readable summary: headline, quotes by speaker, events as 'RUSGOV -> USA 125 REJECT (-4.0)'."""
    lines = [f"# {article.title or '(no headline)'}", f"  id {article.id}  published {article.published or '?'}"
             f"  {article.source.path or ''}{'' if article.source.record is None else f' record {article.source.record}'}"]
    if article.quotes:
        lines.append(f"  quotes ({len(article.quotes)}):")
        for q in article.quotes:
            text = q.text if len(q.text) < 100 else q.text[:97] + "..."
            lines.append(f"    {q.speaker_name or '?'} [{q.kind}, {q.cue or 'no cue'}]: {text}")
    if article.events:
        lines.append(f"  events ({len(article.events)}):")
        for e in article.events:
            gs = "" if e.goldstein is None else f" ({e.goldstein:+.1f})"
            when = f"  {e.date}" if e.date else ""
            lines.append(f"    {e.source_code or '?'} -> {e.target_code or '?'} {e.cameo} {e.plover or '-'}{gs}{when}")
    return "\n".join(lines)


def cmd_process(args: argparse.Namespace) -> int:
    batch = Batch()
    count = 0
    for article in batch.articles(args.paths):
        count += 1
        if args.json:
            print(json.dumps(article.to_json(), ensure_ascii=False), flush=True)
        else:
            print(summarize(article) + "\n", flush=True)
    if batch.errors or batch.stats.skipped:
        print(batch.closing_line(f"{count} article(s) processed"), file=sys.stderr)
    return batch.exit_code


def cmd_ingest(args: argparse.Namespace) -> int:
    from parley.store.db import Store, default_db_path
    from parley.store.templates import templates_for_ingest

    if args.from_parquet:
        if args.paths:
            raise ParleyError("give either PATHs or --from-parquet DIR, not both")
        return ingest_parquet(args.from_parquet, args.db)
    if not args.paths:
        raise ParleyError("nothing to ingest: give PATHs (files, directories, -) or --from-parquet DIR")

    batch = Batch()
    path = args.db or default_db_path()
    show = not args.no_progress and sys.stderr.isatty()
    with Store(path) as store:
        templates = None if args.no_templates else templates_for_ingest(store)
        stream = (a.to_json() for a in batch.articles(args.paths, templates))
        if show:
            from tqdm import tqdm

            stream = tqdm(stream, desc="ingest", unit=" articles", file=sys.stderr)
        try:
            result = store.add_articles(stream)
        finally:
            if templates:
                templates.save()  # what the pages taught, also when the ingest is cut short
        if batch.errors:
            store.add_errors(batch.errors)
    passed_over = templates.already_stored if templates else 0
    print(batch.closing_line(f"ingested into {path}: {result.added} new article(s), "
                             f"{result.skipped + passed_over} already stored"), file=sys.stderr)
    return batch.exit_code


def _emit(rows: list[dict[str, Any]], fmt: str, columns: Sequence[str]) -> None:
    if fmt == "json":
        for row in rows:
            print(json.dumps(row, ensure_ascii=False, default=str))
        return
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        return
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [min(60, max([len(c)] + [len(r[i]) for r in cells])) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    for r in cells:
        print("  ".join(v[:w].ljust(w) for v, w in zip(r, widths, strict=True)))


def _cell(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split())


def _open_store(args: argparse.Namespace) -> Any:
    from parley.store.db import Store, default_db_path

    return Store(args.db or default_db_path(), read_only=True)


def cmd_articles(args: argparse.Namespace) -> int:
    with _open_store(args) as store:
        rows = store.articles(search=args.search, since=args.since, until=args.until, domain=args.domain,
                              duplicates_of=args.duplicates_of, limit=args.limit, offset=args.offset)
    _emit(rows, args.format, ["id", "published", "domain", "duplicate_of", "title"] if args.format == "table" else list(rows[0]) if rows else ["id"])
    return EXIT_OK


def cmd_quotes(args: argparse.Namespace) -> int:
    with _open_store(args) as store:
        rows = store.quotes(speaker=args.speaker, actor=args.actor, search=args.search, since=args.since,
                            until=args.until, limit=args.limit, offset=args.offset)
    cols = ["speaker_name", "speaker_code", "kind", "cue", "text"]
    _emit(rows, args.format, cols if args.format == "table" else list(rows[0]) if rows else cols)
    return EXIT_OK


def cmd_events(args: argparse.Namespace) -> int:
    with _open_store(args) as store:
        rows = store.events(source=args.source, target=args.target, actor=args.actor, code=args.code,
                            since=args.since, until=args.until, search=args.search, limit=args.limit, offset=args.offset)
    cols = ["date", "source_code", "target_code", "cameo", "plover", "goldstein", "sentence"]
    _emit(rows, args.format, cols if args.format == "table" else list(rows[0]) if rows else cols)
    return EXIT_OK


def cmd_summary(args: argparse.Namespace) -> int:
    with _open_store(args) as store:
        s = store.summary()
    print(format_summary(s))
    return EXIT_OK


def format_summary(s: dict[str, Any]) -> str:
    """The store summary as text: counts, top speakers, events by dyad."""
    lines = [f"articles: {s['articles']} ({s.get('stories', s['articles'])} distinct stories)   quotes: {s['quotes']}   "
             f"events: {s['events']} ({s.get('unique_events', s['events'])} counted once per story)   errors: {s['errors']}", "",
             "top speakers:"]
    lines += [f"  {r['count']:4d}  {r['name']}" for r in s["top_speakers"]]
    lines += ["", "events by dyad (source -> target: count, mean Goldstein):"]
    lines += [f"  {r['source_code']:>8} -> {r['target_code']:<8} {r['count']:4d}  {r['goldstein'] or 0:+.2f}" for r in s["dyads"]]
    return "\n".join(lines)


def cmd_serve(args: argparse.Namespace) -> int:
    from parley.web import serve

    serve(args.db, args.host, args.port)
    return EXIT_OK


COMMANDS = {"process": cmd_process, "ingest": cmd_ingest, "articles": cmd_articles, "quotes": cmd_quotes,
            "events": cmd_events, "summary": cmd_summary, "sources": cmd_sources, "export": cmd_export,
            "serve": cmd_serve, "run": cmd_run}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `parley` script."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="parley: %(message)s")
    if args.verbose:
        logging.getLogger("parley").setLevel(logging.DEBUG)
    try:
        return COMMANDS[args.command](args)
    except ParleyError as exc:
        print(f"parley: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        print("parley: interrupted; rerunning the same command resumes (stored articles are not added twice)", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
