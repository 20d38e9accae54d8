"""Site templates: lines a domain repeats across its pages are learned, persisted and applied."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import duckdb
import pytest
from test_ingest import http_response, warc_record

from parley.errors import StoreError
from parley.ingest import read_bytes
from parley.pipeline import Pipeline, crawl_day, recover
from parley.records import Article, RawDocument
from parley.recover.html import recover_html
from parley.recover.templates import SiteTemplates, key, normalise, page_key, page_lines, site_of
from parley.recover.text import label_lines, recover_text
from parley.store import SCHEMA_VERSION, Store
from parley.store.templates import IngestTemplates, load_templates, save_templates, templates_for_ingest

BLURB = ("The Harbour Ledger is an independent newspaper for the Mediterranean, owned by a trust and read by more "
         "than two million people in forty countries every month.")
MENU = ["Home", "World", "Opinion", "Subscribe"]


def _dump(title: str, paragraphs: list[str]) -> str:
    return "\n\n".join([*MENU, title, BLURB, *paragraphs, "© 2025 Harbour Ledger Trust"]) + "\n"


STORIES = [
    (f"Story number {i} from the harbour", [
        f"Fishermen in port number {i} said on Monday that the new quota rules would cost them half of their catch this year.",
        f"The ministry said it would review the rules for port number {i} before the summer season opens, officials said.",
    ])
    for i in range(5)
]


def test_normalise_and_key_ignore_case_digits_and_edges():
    assert normalise("  © 2024  Harbour Ledger. ") == normalise("© 2025 harbour ledger")
    assert key("Home") == key("home ") and len(key("Home")) == 16


def test_a_line_becomes_template_after_enough_pages():
    t = SiteTemplates()
    for i in range(2):
        t.learn("www.harbourledger.example", [BLURB, f"only on page {i}"])
    assert not t.is_boilerplate("harbourledger.example", BLURB)  # two pages are not enough
    t.learn("harbourledger.example", [BLURB, "only on page 2", BLURB])  # counted once per page
    assert t.is_boilerplate("HARBOURLEDGER.example", BLURB)
    assert not t.is_boilerplate("harbourledger.example", "only on page 2")
    assert not t.is_boilerplate("other.example", BLURB)  # per domain
    assert not t.is_boilerplate(None, BLURB)
    assert t.template("harbourledger.example") == [BLURB]
    assert t.pages("harbourledger.example") == 3


def test_share_of_pages_matters_on_a_big_site():
    t = SiteTemplates(min_pages=3, min_share=0.25)
    for i in range(40):
        t.learn("big.example", ["Home", *(["Syndicated paragraph seen on a few pages."] if i < 3 else [])])
    assert t.is_boilerplate("big.example", "Home")
    assert not t.is_boilerplate("big.example", "Syndicated paragraph seen on a few pages.")


def test_table_rows_round_trip():
    t = SiteTemplates()
    for i in range(3):
        t.learn("harbourledger.example", [BLURB, "Home"], page=f"p{i}", article=f"a{i}")
    again = SiteTemplates.from_rows(t.domain_rows(), t.rows(), t.page_rows())
    assert again.is_boilerplate("harbourledger.example", "Home")
    assert {r[2] for r in t.rows()} == {BLURB, "Home"}
    assert not again.learn("harbourledger.example", [BLURB], page="p1")  # a page is counted once
    assert again.pages("harbourledger.example") == 3


def test_a_page_is_counted_once_and_changes_are_what_to_save():
    t = SiteTemplates()
    assert t.learn("www.a.example", ["Home", "story one"], page="k1", article="id1")
    assert not t.learn("a.example", ["Home", "story one"], page="k1", article="id1")
    assert t.pages("a.example") == 1
    changes = t.changes()
    assert changes.domains == [("a.example", 1)] and changes.pages == [("a.example", "k1", "id1")]
    assert {r[2] for r in changes.lines} == {"Home", "story one"}
    t.mark_saved()
    assert t.changes().domains == [] and t.changes().pages == []
    assert page_key("<p>x</p>") == page_key("<p>x</p>") != page_key("<p>y</p>")
    assert site_of("https://WWW.Harbourledger.example/a?b") == "harbourledger.example"
    assert site_of(None) is None and site_of("http://[broken") is None


def test_prune_forgets_lines_seen_once():
    t = SiteTemplates()
    t.learn("a.example", ["once", "twice"])
    t.learn("a.example", ["twice"])
    t.prune()
    assert {r[2] for r in t.rows()} == {"twice"}


def test_text_dump_drops_the_learned_blurb():
    title, paragraphs = STORIES[0]
    without = recover_text(_dump(title, paragraphs))
    assert BLURB in without.body  # prose next to the article: one page cannot tell
    t = SiteTemplates()
    for other_title, other in STORIES[1:4]:
        t.learn("harbourledger.example", page_lines(recover_text(_dump(other_title, other))))
    rec = recover_text(_dump(title, paragraphs), templates=t, domain="harbourledger.example")
    assert list(rec.body) == paragraphs
    assert BLURB in rec.removed
    labels = {ln.text: ln.label for ln in label_lines(_dump(title, paragraphs), templates=t,
                                                      domain="harbourledger.example")[0]}
    assert labels[BLURB] == "template"


def test_html_page_drops_the_learned_blurb():
    def page(title: str, paragraphs: list[str]) -> str:
        paras = "".join(f"<p>{p}</p>" for p in [BLURB, *paragraphs])
        return f"<html><head><title>{title}</title></head><body><h1>{title}</h1><div>{paras}</div></body></html>"

    t = SiteTemplates()
    for other_title, other in STORIES[1:4]:
        t.learn("harbourledger.example", page_lines(recover_html(page(other_title, other))))
    title, paragraphs = STORIES[0]
    assert BLURB in recover_html(page(title, paragraphs)).body
    rec = recover_html(page(title, paragraphs), templates=t, domain="harbourledger.example")
    assert BLURB not in rec.body and paragraphs[0] in rec.body
    assert BLURB in rec.removed


# --- in the store and the pipeline ------------------------------------------------------------------------

DOMAIN = "harbourledger.example"


def _raw(i: int) -> RawDocument:
    title, paragraphs = STORIES[i]
    return RawDocument(content=_dump(title, paragraphs), format="text", url=f"https://www.{DOMAIN}/story-{i}",
                       path="feed.jsonl", record=i, container="jsonl")


def _ingest(path: Path, pipeline: Pipeline, docs: list[RawDocument]) -> tuple[list[Article], IngestTemplates]:
    """What `parley ingest` does with templates: load, process the fresh documents, add, save."""
    with Store(path) as store:
        session = templates_for_ingest(store)
        pipeline.templates = session.pipeline_kwargs["templates"]
        try:
            out = [a for a in pipeline.process_stream(session.fresh(docs)) if isinstance(a, Article)]
        finally:
            pipeline.templates = None
        store.add_articles(a.to_json() for a in out)
        session.save()
    return out, session


def _table(path: Path, sql: str) -> list[tuple]:
    with Store(path, read_only=True) as store:
        return sorted(zip(*store.execute_arrow(sql).to_pydict().values(), strict=True))


def test_templates_persist_and_reload(tmp_path: Path) -> None:
    t = SiteTemplates()
    for i in range(4):
        t.learn(DOMAIN, [BLURB, "Home", f"paragraph {i}"], page=f"k{i}", article=f"id{i}")
    with Store(tmp_path / "s.duckdb") as store:
        save_templates(store, t)
        save_templates(store, t)  # nothing new: nothing written twice
        t.learn(DOMAIN, [BLURB], page="k4")
        save_templates(store, t)
    with Store(tmp_path / "s.duckdb") as store:
        again = load_templates(store)
    assert again.pages(DOMAIN) == 5 and again.template(DOMAIN) == t.template(DOMAIN) == [BLURB, "Home"]
    assert sorted(again.rows()) == sorted(t.rows()) and sorted(again.page_rows()) == sorted(t.page_rows())
    assert _table(tmp_path / "s.duckdb", "SELECT count(*) FROM site_template_pages") == [(5,)]
    t.learn(DOMAIN, [BLURB], page="k5")
    with Store(tmp_path / "s.duckdb", read_only=True) as store, pytest.raises(StoreError, match="read-only"):
        save_templates(store, t)


def test_a_second_ingest_uses_stored_templates_on_a_new_page(pipeline: Pipeline, tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    first, _ = _ingest(db, pipeline, [_raw(i) for i in range(4)])
    assert len(first) == 4 and BLURB in first[0].body  # the first pages of a site cannot tell yet
    (new,), _ = _ingest(db, pipeline, [_raw(4)])
    assert BLURB not in new.body and BLURB in new.removed
    assert list(new.body) == STORIES[4][1]
    plain = pipeline.process(_raw(4))  # without templates: one page on its own
    assert BLURB in plain.body


def test_rerunning_the_same_pages_changes_nothing(pipeline: Pipeline, tmp_path: Path) -> None:
    db = tmp_path / "news.duckdb"
    docs = [_raw(i) for i in range(5)]
    _ingest(db, pipeline, docs)
    counts = "SELECT domain, line_key, pages FROM site_template_lines"
    before = (_table(db, counts), _table(db, "SELECT * FROM site_template_domains"),
              _table(db, "SELECT id FROM articles"))
    again, session = _ingest(db, pipeline, docs)
    assert again == [] and session.already_stored == 5  # their articles are stored: passed over
    assert (_table(db, counts), _table(db, "SELECT * FROM site_template_domains"),
            _table(db, "SELECT id FROM articles")) == before
    # pages learned from but never stored (an ingest cut short) are read again, not counted again
    con = duckdb.connect(str(db))
    con.execute("DELETE FROM articles")
    con.close()
    again, session = _ingest(db, pipeline, docs)
    assert len(again) == 5 and session.already_stored == 0
    assert all(BLURB not in a.body for a in again)
    assert _table(db, counts) == before[0]


def test_a_v2_store_is_migrated_to_hold_templates(pipeline: Pipeline, tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    with Store(db) as store:
        store.add_articles([pipeline.process(_raw(0)).to_json()])
    con = duckdb.connect(str(db))  # made into the v2 file an older parley left
    con.execute("DROP TABLE site_template_domains; DROP TABLE site_template_lines; DROP TABLE site_template_pages")
    con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(StoreError, match="schema version 2"):
        Store(db, read_only=True)
    out, _ = _ingest(db, pipeline, [_raw(i) for i in range(1, 5)])
    assert len(out) == 4
    assert _table(db, "SELECT value FROM meta WHERE key = 'schema_version'") == [(str(SCHEMA_VERSION),)]
    assert _table(db, "SELECT count(*) FROM articles") == [(5,)]
    assert _table(db, "SELECT * FROM site_template_domains") == [(DOMAIN, 4)]


# --- the crawl date ---------------------------------------------------------------------------------------

LATE_PAGE = ("<html><head><title>Envoys meet</title>"
             '<meta property="article:published_time" content="2024-05-01T09:00:00Z"></head><body>'
             "<h1>Envoys meet</h1>" + "".join(f"<p>{p}</p>" for p in STORIES[0][1] * 3) + "</body></html>")


def test_no_publication_date_after_the_crawl() -> None:
    raw = RawDocument(content=LATE_PAGE, format="warc", url=f"https://{DOMAIN}/a", container="warc")
    assert (recover(raw).published or "").startswith("2024-05-01")
    crawled = replace(raw, crawled="2024-02-03T04:05:06Z")
    assert crawl_day(crawled) == date(2024, 2, 3)
    assert recover(crawled).published is None
    assert crawl_day(replace(raw, crawled="yesterday")) is None


def test_warc_reader_keeps_the_warc_date() -> None:
    data = warc_record("response", http_response(LATE_PAGE.encode(), "text/html"), f"https://{DOMAIN}/a")
    (doc,) = [d for d in read_bytes(data) if isinstance(d, RawDocument)]
    assert doc.crawled == "2024-02-03T04:05:06Z"


def _feed(path: Path, stories: range) -> Path:
    import json

    lines = [json.dumps({"text": _raw(i).content, "url": _raw(i).url}) for i in stories]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_parley_ingest_learns_templates_and_no_templates_reads_pages_alone(tmp_path: Path) -> None:
    from parley.cli import main

    db = tmp_path / "news.duckdb"
    assert main(["ingest", str(_feed(tmp_path / "a.jsonl", range(4))), "--db", str(db), "--no-progress"]) == 0
    assert main(["ingest", str(_feed(tmp_path / "b.jsonl", range(4, 5))), "--db", str(db), "--no-progress"]) == 0
    plain = tmp_path / "plain.duckdb"
    assert main(["ingest", str(_feed(tmp_path / "c.jsonl", range(5))), "--db", str(plain), "--no-progress",
                 "--no-templates"]) == 0
    story = STORIES[4][1][0]
    with Store(db, read_only=True) as store, Store(plain, read_only=True) as alone:
        (learned,) = [a for a in store.articles(limit=10) if story in a["text"]]
        (single,) = [a for a in alone.articles(limit=10) if story in a["text"]]
        assert _table(db, "SELECT count(*) FROM site_template_pages") == [(5,)]
        assert _table(plain, "SELECT count(*) FROM site_template_pages") == [(0,)]
    assert BLURB not in learned["text"] and BLURB in single["text"]
