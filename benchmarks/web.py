"""Time every web UI page and API route over a synthetic store of 1,000,000 events (target: < 300 ms each).

The store is built once (a few minutes on two cores) from generated records, turned into rows by the
store's own Batch and bulk-inserted with Arrow — no NLP, no near-duplicate fingerprinting
(every article is its own story) — and reused on later runs:

    python benchmarks/web.py                     # build out/bench_web.duckdb if needed, then time
    python benchmarks/web.py --events 200000     # a smaller store (its own file)
    python benchmarks/web.py --rebuild --repeat 9

Each page is requested once (`first`: its aggregates not yet cached, DuckDB's buffers warming),
then --repeat times, through the ASGI app in process (Starlette's TestClient, no network); the
table gives the first, median and worst wall time per page. The target applies to the median.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import warnings
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb

from parley.store import Store
from parley.store.dedup import refresh_story_events
from parley.store.rows import Batch

TARGET_MS = 300
EVENTS_PER_ARTICLE = 10
QUOTES_PER_ARTICLE = 3
START = date(2018, 1, 1)
DAYS = 7 * 365

# (code, name, weight): a skewed mix so a few dyads are busy, as in real news.
COUNTRIES = [
    ("RUS", "Russia", 30), ("USA", "United States", 30), ("UKR", "Ukraine", 20), ("CHN", "China", 15),
    ("DEU", "Germany", 6), ("FRA", "France", 6), ("GBR", "United Kingdom", 6), ("IRN", "Iran", 6),
    ("ISR", "Israel", 5), ("TUR", "Turkey", 5), ("IND", "India", 4), ("PAK", "Pakistan", 3), ("JPN", "Japan", 3),
    ("KOR", "South Korea", 2), ("PRK", "North Korea", 3), ("SYR", "Syria", 3), ("SAU", "Saudi Arabia", 2),
    ("EGY", "Egypt", 2), ("BRA", "Brazil", 2), ("IGONAT", "NATO", 5), ("IGOUNO", "United Nations", 4),
    ("IGOEU", "European Union", 4),
]
SURNAMES = ["Ivanov", "Smith", "Kovalenko", "Wang", "Müller", "Dubois", "Jones", "Rahimi", "Cohen", "Yilmaz",
            "Sharma", "Khan", "Sato", "Kim", "Ri", "Haddad", "Al-Saud", "Hassan", "Silva", "Rasmussen"]
ROLES = ["Foreign Minister", "Defence Minister", "spokesperson", "President", "ambassador", "envoy"]
# (CAMEO, PLOVER, Goldstein, quad class, verb phrase)
EVENTS = [
    ("010", None, 0.0, 1, "made a statement about"), ("036", "CONSULT", 4.0, 1, "offered to meet"),
    ("042", "CONSULT", 1.9, 1, "travelled to meet"), ("051", "COOPERATE", 3.4, 1, "praised"),
    ("057", "AGREE", 8.0, 1, "signed an agreement with"), ("061", "COOPERATE", 6.4, 2, "cooperated economically with"),
    ("070", "AID", 7.0, 2, "sent aid to"), ("081", "CONCEDE", 5.0, 2, "eased restrictions on"),
    ("111", "ACCUSE", -2.0, 3, "criticised"), ("112", "ACCUSE", -2.0, 3, "accused"),
    ("125", "REJECT", -5.0, 3, "rejected talks with"), ("130", "THREATEN", -4.4, 3, "threatened"),
    ("163", "SANCTION", -8.0, 4, "imposed sanctions on"), ("172", "SANCTION", -5.0, 4, "expelled diplomats of"),
    ("190", "FIGHT", -10.0, 4, "attacked forces of"), ("195", "FIGHT", -10.0, 4, "launched air strikes against"),
]
TOPICS = ["the border", "energy supplies", "grain exports", "the nuclear programme", "prisoner exchanges",
          "the peace plan", "troop movements", "trade tariffs", "cyber attacks", "the embassy"]
QUOTES = ["We will not accept these conditions", "Dialogue remains the only way forward",
          "There is no basis for concessions", "Our patience has limits", "We are ready to talk at any time",
          "These sanctions will only hurt ordinary people", "The door to diplomacy is still open"]
DOMAINS = ["example.org", "news.example.com", "wire.example", "daily.example.net", "world.example.info"]


def _flush(con: duckdb.DuckDBPyConnection, batch: Batch) -> None:
    """Insert one batch of flattened articles, every table by column name (as Store does)."""
    for table, arrow in batch.tables().items():
        if arrow.num_rows:
            con.register("_bench", arrow)
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _bench")
            con.unregister("_bench")


def _stories(con: duckdb.DuckDBPyConnection) -> None:
    """Every article its own story (the generator writes no near-duplicates): the dedup and clusters rows
    Store would have written, without MinHash signatures, then the story_events table from them."""
    con.execute(
        "INSERT INTO dedup (article_id, cluster, published_at, first_seen, domain, shingles, signature) "
        "SELECT id, id, day::TIMESTAMP, first_seen, domain, 0, NULL FROM articles"
    )
    con.execute(
        "INSERT INTO clusters (cluster, canonical, published_at, first_seen, day) "
        "SELECT id, id, day::TIMESTAMP, first_seen, day FROM articles"
    )
    refresh_story_events(con)


def build(path: Path, events: int, seed: int = 7) -> None:
    """Write a store of `events` events (10 per article, 3 quotes each).

    Records are generated here and turned into table rows by the store's own Batch, then
    bulk-inserted: the store's exact layout, without the NLP and the near-duplicate fingerprinting
    that `parley ingest` spends its time on.
    """
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in (path, path.with_name(path.name + ".wal")):
        stale.unlink(missing_ok=True)
    with Store(path):
        pass  # creates the tables at the current schema version
    con = duckdb.connect(str(path))
    codes = [c for c, _, _ in COUNTRIES]
    names = {c: n for c, n, _ in COUNTRIES}
    weights = [w for _, _, w in COUNTRIES]
    people = {c: [f"{first} {rng.choice(SURNAMES)}" for first in ("Anna", "Boris", "Chen", "Dara", "Emil", "Farid")]
              for c in codes}
    now = datetime.now(UTC).replace(tzinfo=None)
    batch = Batch()
    articles = events // EVENTS_PER_ARTICLE
    started = time.perf_counter()
    for i in range(articles):
        c1, c2 = rng.choices(codes, weights, k=2)
        while c2 == c1:
            c2 = rng.choices(codes, weights)[0]
        day = START + timedelta(days=rng.randrange(DAYS))
        p1, p2 = rng.choice(people[c1]), rng.choice(people[c2])
        gov = lambda c: c if c.startswith("IGO") else c + "GOV"  # noqa: E731
        actors = [
            {"id": "a1", "name": names[c1], "kind": "country", "country": c1[:3], "code": gov(c1), "mentions": []},
            {"id": "a2", "name": names[c2], "kind": "country", "country": c2[:3], "code": gov(c2), "mentions": []},
            {"id": "a3", "name": p1, "kind": "person", "country": c1[:3], "role": rng.choice(ROLES), "code": gov(c1),
             "mentions": []},
            {"id": "a4", "name": p2, "kind": "person", "country": c2[:3], "role": rng.choice(ROLES), "code": gov(c2),
             "mentions": []},
        ]
        paragraphs: list[str] = []
        offset = 0
        event_items: list[dict[str, Any]] = []
        quote_items: list[dict[str, Any]] = []
        for n in range(EVENTS_PER_ARTICLE):
            src, tgt = (actors[0], actors[1]) if rng.random() < 0.6 else (actors[1], actors[0])
            cameo, plover, goldstein, quad, verb = rng.choice(EVENTS)
            sentence = f"{src['name']} {verb} {tgt['name']} over {rng.choice(TOPICS)}, officials said."
            at, offset = offset, offset + len(sentence) + 2
            paragraphs.append(sentence)
            when = day - timedelta(days=rng.randrange(4))
            event_items.append({
                "source": src["id"], "target": tgt["id"], "source_code": src["code"], "target_code": tgt["code"],
                "cameo": cameo, "plover": plover, "goldstein": goldstein, "quad_class": quad,
                "date": when.isoformat(), "date_text": "on Monday" if n % 3 == 0 else None, "sentence": sentence,
                "start": at, "end": at + len(sentence), "negated": rng.random() < 0.03,
                "claimed_by": None, "confidence": round(rng.uniform(0.5, 1.0), 2),
            })
        for n in range(QUOTES_PER_ARTICLE):
            speaker = actors[2 + n % 2]
            said = rng.choice(QUOTES)
            paragraph = f"\u201c{said},\u201d {speaker['name']} told reporters."
            at, offset = offset, offset + len(paragraph) + 2
            paragraphs.append(paragraph)
            quote_items.append({"text": said, "kind": "direct", "start": at + 1, "end": at + 1 + len(said),
                                "speaker": speaker["id"], "speaker_name": speaker["name"], "cue": "told reporters"})
        article_id = f"{i:016x}"
        domain = rng.choice(DOMAINS)
        record = {
            "schema_version": 1, "id": article_id,
            "source": {"format": "html", "path": None, "url": f"https://{domain}/{article_id}", "domain": domain,
                       "record": None},
            "language": "en", "section": "World", "title": f"{names[c1]} and {names[c2]} at odds over {rng.choice(TOPICS)}",
            "standfirst": None, "byline": None, "published": day.isoformat(), "body": paragraphs,
            "text": "\n\n".join(paragraphs), "captions": [], "related": [], "removed": ["Share this article", "Most read"],
            "actors": actors, "quotes": quote_items, "events": event_items, "duplicate_of": None,
        }
        batch.add(record, now)
        if (i + 1) % 5000 == 0:
            _flush(con, batch)
            batch = Batch()
            print(f"  {i + 1:,}/{articles:,} articles ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    _flush(con, batch)
    _stories(con)
    con.execute("CHECKPOINT")
    con.close()


def _count_events(path: Path) -> int:
    """Events in an existing benchmark store; -1 when there is none or it cannot be read."""
    if not path.exists():
        return -1
    try:
        with Store(path, read_only=True) as store:
            return int(store.summary(top=1)["events"])
    except Exception as exc:  # noqa: BLE001 - any unreadable file is rebuilt
        print(f"{path}: {exc}; rebuilding", file=sys.stderr)
        return -1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000, help="events in the synthetic store")
    parser.add_argument("--db", type=Path, help="store file (default out/bench_web_<events>.duckdb)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the store even if it exists")
    parser.add_argument("--repeat", type=int, default=5, help="timed requests per page")
    args = parser.parse_args(argv)
    path = args.db or Path("out") / f"bench_web_{args.events}.duckdb"
    if args.rebuild or _count_events(path) != args.events:
        print(f"building {path} with {args.events:,} events …", file=sys.stderr)
        started = time.perf_counter()
        build(path, args.events)
        print(f"built in {time.perf_counter() - started:.1f} s, {path.stat().st_size / 2**20:.0f} MiB",
              file=sys.stderr)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from parley.web import create_app

    started = time.perf_counter()
    client = TestClient(create_app(path)).__enter__()  # runs the lifespan: the overview's cache is warmed
    print(f"app started in {(time.perf_counter() - started) * 1000:.0f} ms")
    with Store(path, read_only=True) as store:
        summary = store.summary(top=3)
        some = store.articles(limit=1, offset=1234 % max(summary["articles"], 1))[0]["id"]
        speaker = summary["top_speakers"][0]["name"]
    pages = [
        "/", "/search", "/search?q=sanctions", "/search?q=zanzibar",
        "/search?q=nuclear&actor=IRN&since=2020-01-01",
        "/search?domain=wire.example&page=3", f"/articles/{some}", "/actors/RUS", "/actors/IGONAT",
        "/dyads/RUS/USA", "/dyads/RUS/USA?freq=day", "/dyads/USA/RUS?freq=month&since=2022-02-01&until=2022-02-28",
        "/quotes", f"/quotes?speaker={speaker.replace(' ', '%20')}", "/quotes?q=patience&actor=CHN",
        "/api/summary", "/api/articles?q=embassy&limit=50", "/api/articles?limit=200&offset=50000",
        f"/api/articles/{some}",
        "/api/events?source=RUS&target=UKR&code=19", "/api/quotes?speaker=Ivanov", "/api/speakers",
        "/api/actors/CHN", "/api/dyads/RUS/USA?freq=week", "/api/openapi.json",
    ]
    print(f"store: {path} · {summary['articles']:,} articles, {summary['quotes']:,} quotes, "
          f"{summary['events']:,} events · {args.repeat} timed requests per page after one warm-up")
    print(f"{'page':<64} {'status':>6} {'KiB':>7} {'first ms':>9} {'median ms':>10} {'max ms':>8}")
    slow = 0
    for page in pages:
        started = time.perf_counter()
        first = client.get(page)
        cold = (time.perf_counter() - started) * 1000
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            response = client.get(page)
            times.append((time.perf_counter() - started) * 1000)
        median = statistics.median(times)
        flag = "" if median < TARGET_MS else "  SLOW"
        slow += bool(flag)
        print(f"{page[:64]:<64} {first.status_code:>6} {len(response.content) / 1024:>7.1f} {cold:>9.1f} "
              f"{median:>10.1f} {max(times):>8.1f}{flag}")
    print(f"{len(pages) - slow}/{len(pages)} pages under {TARGET_MS} ms (median)")
    return 0 if not slow else 1


if __name__ == "__main__":
    sys.exit(main())
