"""Store figures: ingest throughput of processed records, and time-series queries over a million events.

  ingest   schema-v1 records (generated pages with actors, quotes and events, no NLP) added to a new file
           store with Store.add_articles, near-duplicate clustering included, timed from opening the store
           to the end of close() (the swap of the finished file into place); the clustering libraries are
           imported before the clock starts, as a long ingest pays for that once
  series   a store holding 1,000,000 events (bulk-filled with SQL: 250,000 articles in 62,500 stories of
           four copies that share their events; story_events derived by the store's own code) queried
           with Store.dyad_series by month, each story counted once; the median of five runs after one warm-up

    python benchmarks/store.py [--articles 20000] [--events 1000000]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb

CODES = ("RUS", "RUSGOV", "USA", "USAGOV", "CHN", "CHNGOV", "UKR", "UKRMIL", "FRA", "DEU", "IRN", "IND", "TUR",
         "JPN", "GBR", "IGOWSTNAT", "IGOUNO", "BRA", "EGY", "ISR", "PAK", "POL", "SAU", "SYR", "KOR", "PRK", "VEN",
         "CUB", "MEX", "NGA")
CAMEOS = (("036", 4.0, 1), ("040", 1.0, 1), ("057", 8.0, 1), ("070", 7.0, 2), ("112", -2.0, 3), ("120", -4.0, 3),
          ("130", -4.4, 3), ("163", -8.0, 4), ("190", -10.0, 4), ("0311", 5.2, 1))


def bench_ingest(n: int, seed: int) -> float:
    """Articles per second of Store.add_articles on n generated records (file store, clustering on)."""
    import parley.corpus.cluster  # noqa: F401  loaded once per process (datasketch, scipy: about a second), not per article
    from parley.corpus.synth import records
    from parley.store import Store

    recs = records(n, seed=seed)
    with tempfile.TemporaryDirectory() as tmp:
        t0, cpu0 = time.perf_counter(), time.process_time()
        store = Store(Path(tmp) / "ingest.duckdb")
        t1 = time.perf_counter()
        result = store.add_articles(recs)
        t2 = time.perf_counter()
        store.close()
        seconds, cpu = time.perf_counter() - t0, time.process_time() - cpu0
        with Store(Path(tmp) / "ingest.duckdb", read_only=True) as store:
            stories = store.summary()["stories"]
    rate = len(recs) / seconds
    print(f"ingest: {len(recs)} records ({result.added} new, {result.skipped} repeated ids, {stories} stories) "
          f"in {seconds:.2f} s = {rate:,.0f} articles/s (open {t1 - t0:.2f} s, add {t2 - t1:.2f} s, "
          f"close {seconds - (t2 - t0):.2f} s)")
    print(f"ingest: CPU time {cpu:.2f} s = {cpu / len(recs) * 1e6:.0f} us per article over all threads "
          f"({os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end)")
    return rate


def fill(path: Path, events: int) -> None:
    """A store with `events` events in stories of four copies, bulk-inserted with SQL (schema from Store)."""
    from parley.store import Store

    with Store(path):
        pass
    articles = events // 4
    codes = "[" + ", ".join(f"'{c}'" for c in CODES) + "]"
    cameos = "[" + ", ".join(f"'{c}'" for c, _, _ in CAMEOS) + "]"
    golds = "[" + ", ".join(str(g) for _, g, _ in CAMEOS) + "]"
    quads = "[" + ", ".join(str(q) for _, _, q in CAMEOS) + "]"
    con = duckdb.connect(str(path))
    con.execute(f"""
        CREATE TEMP TABLE base AS
        SELECT i, i // 4 AS s, 'a' || i AS id, 'a' || (i - i % 4) AS cluster, 'site' || (i % 300) || '.example' AS domain,
            DATE '2015-01-01' + ((i // 4) * 7919 % 3650)::INTEGER + (i % 4 // 2)::INTEGER AS d
        FROM range({articles}) t(i);
        INSERT INTO articles (id, title, published, day, domain, url, text, first_seen, raw, duplicate_of)
        SELECT id, 'story ' || s, strftime(d, '%Y-%m-%d'), d, domain, 'https://' || domain || '/' || i,
            'text of story ' || s, d::TIMESTAMP + INTERVAL 1 HOUR * (i % 4), '{{}}',
            CASE WHEN i % 4 = 0 THEN NULL ELSE cluster END
        FROM base;
        INSERT INTO dedup SELECT id, cluster, d::TIMESTAMP + INTERVAL 1 HOUR * (i % 4), d::TIMESTAMP + INTERVAL 1 HOUR * (i % 4),
            domain, 100, NULL FROM base;
        INSERT INTO clusters SELECT cluster, cluster, min(published_at), min(first_seen), min(published_at)::DATE
        FROM dedup GROUP BY cluster;
        INSERT INTO events (article_id, n, source, target, source_code, target_code, cameo, root, goldstein, quad_class,
            sentence, negated, published, day)
        SELECT id, n, 'a1', 'a2', {codes}[1 + (s * 31 + n * 7) % {len(CODES)}],
            {codes}[1 + (s * 17 + n * 13 + 5) % {len(CODES)}], {cameos}[1 + (s + n) % {len(CAMEOS)}],
            left({cameos}[1 + (s + n) % {len(CAMEOS)}], 2), {golds}[1 + (s + n) % {len(CAMEOS)}],
            {quads}[1 + (s + n) % {len(CAMEOS)}], 'sentence', (s + n) % 20 = 0, NULL, d
        FROM base, range(4) u(n);
    """)
    from parley.store.dedup import refresh_story_events

    t0 = time.perf_counter()
    refresh_story_events(con)  # what ingest maintains batch by batch, here in one pass
    print(f"series: story_events for {events:,} events computed in {time.perf_counter() - t0:.1f} s")
    con.close()


def bench_series(events: int, runs: int = 5) -> float:
    """Median milliseconds of a monthly dyad series over a store of `events` events."""
    from parley.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "series.duckdb"
        t0 = time.perf_counter()
        fill(path, events)
        print(f"series: filled a store with {events:,} events in {time.perf_counter() - t0:.1f} s")
        with Store(path, read_only=True) as store:
            for label, src, tgt in (("RUS -> USA", "RUS", "USA"), ("all dyads", "", "")):
                store.dyad_series(src, tgt)  # warm-up: first touch of the columns
                times = []
                for _ in range(runs):
                    t = time.perf_counter()
                    series = store.dyad_series(src, tgt)
                    times.append((time.perf_counter() - t) * 1000)
                total = sum(r["events"] for r in series)
                print(f"series: dyad_series({label}, month): {len(series)} months, {total:,} story events, "
                      f"median {statistics.median(times):.0f} ms (min {min(times):.0f}, max {max(times):.0f})")
            t = time.perf_counter()
            summary = store.summary()
            print(f"series: summary(): {summary['events']:,} event rows, {summary['unique_events']:,} story events, "
                  f"{(time.perf_counter() - t) * 1000:.0f} ms")
            return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    """Run both measurements and print them."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--articles", type=int, default=20_000, help="records to ingest")
    p.add_argument("--events", type=int, default=1_000_000, help="events in the series store")
    p.add_argument("--seed", type=int, default=2)
    p.add_argument("--only", choices=("ingest", "series"))
    args = p.parse_args(argv)
    if args.only != "series":
        bench_ingest(args.articles, args.seed)
    if args.only != "ingest":
        bench_series(args.events)
    return 0


if __name__ == "__main__":
    sys.exit(main())
