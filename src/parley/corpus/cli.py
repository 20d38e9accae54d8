"""Command-line pieces for near-duplicates and republication networks (wired into parley.cli by the lead)."""
from __future__ import annotations

import argparse
import json
from typing import Any

from parley.corpus.network import build_network, format_network, network_json


def add_duplicates_argument(p: argparse.ArgumentParser) -> None:
    """Add --duplicates-of to the `articles` command (pass it on as Store.articles(duplicates_of=...))."""
    p.add_argument("--duplicates-of", metavar="ID",
                   help="only the copies of this article's story (its near-duplicate cluster), earliest first")


def add_sources_parser(sub: Any) -> argparse.ArgumentParser:
    """Add the `sources` command to the CLI's subparsers."""
    p: argparse.ArgumentParser = sub.add_parser(
        "sources", help="sites in the store; --network: who republishes whom, how fast",
        description="Sites in the store. With --network: which sites republish which origin's stories, "
                    "the median delay after the original, and groups of sites that share content.",
        epilog="example: parley sources --network --top 30")
    p.add_argument("--network", action="store_true", help="show the republication network")
    p.add_argument("--top", type=int, default=20, help="rows per section (default 20)")
    p.add_argument("--min-shared", type=int, default=8,
                   help="stories two sites must share to be grouped together (default 8)")
    p.add_argument("--min-lift", type=float, default=4.0,
                   help="and share this many times more stories than chance would give (default 4)")
    p.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    p.add_argument("--db", metavar="FILE", help="store file (default: $PARLEY_DB or ./parley.duckdb)")
    return p


def cmd_sources(args: argparse.Namespace) -> int:
    """Run `parley sources`: per-site counts, or with --network the republication network."""
    from parley.store import Store, default_db_path

    with Store(args.db or default_db_path(), read_only=True) as store:
        if args.network:
            net = build_network(store.republications(), min_shared=args.min_shared, min_lift=args.min_lift)
            if args.format == "json":
                print(json.dumps(network_json(net), ensure_ascii=False))
            else:
                print(format_network(net, top=args.top))
            return 0
        rows = store.sources(limit=args.top)
    if args.format == "json":
        for row in rows:
            print(json.dumps(row, ensure_ascii=False, default=str))
    else:
        print(f"{'domain':<40} {'articles':>8} {'origins':>8} {'copies':>8}")
        for r in rows:
            print(f"{r['domain'] or '?':<40} {r['articles']:8d} {r['originals']:8d} {r['copies']:8d}")
    return 0
