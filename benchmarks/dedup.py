"""Near-duplicate clustering quality and speed on a generated corpus: pairwise precision and recall of "same story".

Generates (or reads, with --corpus/--truth from make_corpus.py) pages whose story is known, clusters the
page texts with parley's clustering, and prints:
  pairwise precision  share of page pairs put in one cluster that are the same story
  pairwise recall     share of same-story page pairs put in one cluster
  earliest = origin   share of clusters whose earliest copy is the story's original page
and pages/second. --via-store runs the same texts through Store.add_articles (an in-memory DuckDB store,
persisted LSH tables and all) instead of the in-memory index: the clustering code is the same.

    python benchmarks/dedup.py --articles 10000
    python benchmarks/dedup.py --articles 10000 --via-store
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any


def _pairs(sizes: Any) -> int:
    return sum(n * (n - 1) // 2 for n in sizes)


def score(truth: dict[str, str], predicted: dict[str, str]) -> tuple[float, float, int, int]:
    """Pairwise precision, recall, and the numbers of true and predicted same-story pairs."""
    both = Counter((truth[u], predicted[u]) for u in truth)
    tp = _pairs(both.values())
    pred = _pairs(Counter(predicted[u] for u in truth).values())
    true = _pairs(Counter(truth.values()).values())
    return (tp / pred if pred else 1.0), (tp / true if true else 1.0), true, pred


def main(argv: list[str] | None = None) -> int:
    """Generate or read a corpus, cluster it, print the figures."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--articles", type=int, default=10_000)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--corpus", help="JSONL from make_corpus.py (default: generate)")
    p.add_argument("--truth", help="truth TSV from make_corpus.py (with --corpus)")
    p.add_argument("--via-store", action="store_true", help="cluster through Store.add_articles")
    args = p.parse_args(argv)

    from parley.corpus.cluster import Deduplicator, Item

    if args.corpus:
        pages = [json.loads(line) for line in Path(args.corpus).read_text(encoding="utf-8").splitlines()]
        rows = [line.split("\t") for line in Path(args.truth).read_text(encoding="utf-8").splitlines()]
        truth = {r[0]: r[1] for r in rows}
        origin = {r[0] for r in rows if r[3] == "1"}
    else:
        from parley.corpus.synth import generate

        docs = generate(args.articles, seed=args.seed)
        pages = [d.to_json() for d in docs]
        truth = {d.url: d.story for d in docs}
        origin = {d.url for d in docs if d.origin}
    print(f"corpus: {len(pages)} pages, {len(set(truth.values()))} stories, "
          f"{_pairs(Counter(truth.values()).values())} same-story pairs")
    t0 = time.perf_counter()
    if args.via_store:
        predicted, earliest = _via_store(pages)
    else:
        dedup = Deduplicator()
        dedup.add(Item(pg["url"], pg["text"], pg.get("published")) for pg in pages)
        predicted = {pg["url"]: dedup.cluster_of(pg["url"]) for pg in pages}
        earliest = {c: dedup.earliest(c) for c in dedup.clusters()}
    seconds = time.perf_counter() - t0
    precision, recall, _, pred_pairs = score(truth, predicted)
    right = sum(1 for first in earliest.values() if first in origin)
    print(f"clusters: {len(set(predicted.values()))}   predicted same-story pairs: {pred_pairs}")
    print(f"pairwise precision: {precision:.4f}")
    print(f"pairwise recall:    {recall:.4f}")
    print(f"earliest = origin:  {right / max(1, len(earliest)):.4f} of {len(earliest)} clusters")
    print(f"speed: {len(pages) / seconds:,.0f} pages/s ({seconds:.1f} s{', through the store' if args.via_store else ''})")
    return 0 if precision >= 0.97 and recall >= 0.97 else 1


def _via_store(pages: list[dict[str, Any]]) -> tuple[dict[str, str], dict[str, str]]:
    """Cluster through Store.add_articles: minimal records whose id is the url, text the page text."""
    from urllib.parse import urlsplit

    from parley.store import Store

    def record(pg: dict[str, Any]) -> dict[str, Any]:
        return {"schema_version": 1, "id": pg["url"], "source": {"format": "jsonl", "url": pg["url"],
                "domain": urlsplit(pg["url"]).hostname}, "title": pg.get("title"), "published": pg.get("published"),
                "body": pg["text"].split("\n\n"), "text": pg["text"], "actors": [], "quotes": [], "events": []}

    with Store(":memory:") as store:
        store.add_articles(record(pg) for pg in pages)
        rows = store.execute_arrow("SELECT article_id, cluster FROM dedup").to_pylist()
        canon = store.execute_arrow("SELECT cluster, canonical FROM clusters").to_pylist()
    return {r["article_id"]: r["cluster"] for r in rows}, {r["cluster"]: r["canonical"] for r in canon}


if __name__ == "__main__":
    sys.exit(main())
