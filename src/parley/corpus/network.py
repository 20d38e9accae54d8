"""Republication networks: which sites copy which origin's stories, how fast, and which sites share content.

Built from one row per copy (Store.republications()): the story's earliest copy is its origin, every
other copy a republication by its domain. Sites are grouped into content-sharing networks: the connected
components of the graph linking two domains that carry at least `min_shared` of the same stories, and
more of them than chance would give (lift: shared stories / the number expected if each site picked its
stories at random; aggregators that copy everyone would otherwise chain every site into one group).
"""
from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Edge:
    """An origin domain and a domain that republished its stories."""

    origin: str
    copier: str
    copies: int
    median_delay_h: float | None  # publication delay after the earliest copy, hours (dated copies only)
    median_seen_delay_h: float | None  # delay between the two being first seen by parley, hours


@dataclass
class Network:
    """The whole picture: edges, per-origin totals, content-sharing groups of domains."""

    edges: list[Edge] = field(default_factory=list)
    origins: dict[str, dict[str, Any]] = field(default_factory=dict)
    groups: list[list[str]] = field(default_factory=list)


def _hours(seconds: list[float]) -> float | None:
    return round(statistics.median(seconds) / 3600, 2) if seconds else None


def build_network(rows: Iterable[Mapping[str, Any]], min_shared: int = 8, min_lift: float = 4.0) -> Network:
    """The republication network of copy rows (cluster, origin, copier, delay_s, seen_delay_s)."""
    delays: dict[tuple[str, str], list[float]] = defaultdict(list)
    seen: dict[tuple[str, str], list[float]] = defaultdict(list)
    counts: Counter[tuple[str, str]] = Counter()
    stories: dict[str, set[str]] = defaultdict(set)  # cluster -> domains carrying it
    origin_stories: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        origin, copier = row.get("origin") or "?", row.get("copier") or "?"
        stories[row["cluster"]].update((origin, copier))
        origin_stories[origin].add(row["cluster"])
        if origin == copier:
            continue  # a site republishing its own story (an update, another section) is no network
        counts[origin, copier] += 1
        if row.get("delay_s") is not None:
            delays[origin, copier].append(float(row["delay_s"]))
        if row.get("seen_delay_s") is not None:
            seen[origin, copier].append(float(row["seen_delay_s"]))
    net = Network()
    net.edges = sorted(
        (Edge(o, c, n, _hours(delays[o, c]), _hours(seen[o, c])) for (o, c), n in counts.items()),
        key=lambda e: (-e.copies, e.origin, e.copier),
    )
    by_origin: dict[str, list[Edge]] = defaultdict(list)
    for edge in net.edges:
        by_origin[edge.origin].append(edge)
    for origin, edges in by_origin.items():
        all_delays = [d for e in edges for d in delays[e.origin, e.copier]]
        net.origins[origin] = {
            "stories": len(origin_stories[origin]), "copies": sum(e.copies for e in edges), "copiers": len(edges),
            "median_delay_h": _hours(all_delays),
        }
    shared: Counter[tuple[str, str]] = Counter()
    carried: Counter[str] = Counter(d for domains in stories.values() for d in domains)
    for domains in stories.values():
        ordered = sorted(domains)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                shared[a, b] += 1
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    total = max(1, len(stories))
    for (a, b), n in shared.items():
        if n >= min_shared and n * total >= min_lift * carried[a] * carried[b]:
            parent[find(a)] = find(b)
    groups: dict[str, list[str]] = defaultdict(list)
    for domain in list(parent):
        groups[find(domain)].append(domain)
    net.groups = sorted((sorted(g) for g in groups.values() if len(g) > 1), key=lambda g: (-len(g), g))
    return net


def format_network(net: Network, top: int = 20) -> str:
    """The network as text: origins, the busiest origin -> copier links, the content-sharing groups."""
    lines = ["origins (stories first published there, copies elsewhere, copying sites, median delay):"]
    ranked = sorted(net.origins.items(), key=lambda kv: (-kv[1]["copies"], kv[0]))[:top]
    for origin, o in ranked:
        delay = "?" if o["median_delay_h"] is None else f"{o['median_delay_h']:.1f} h"
        lines.append(f"  {origin:<40} {o['stories']:6d} stories {o['copies']:6d} copies {o['copiers']:4d} sites  {delay}")
    lines += ["", "republication links (origin -> copier: copies, median delay after the original, after first seen):"]
    for e in net.edges[:top]:
        delay = "?" if e.median_delay_h is None else f"{e.median_delay_h:.1f} h"
        seen = "?" if e.median_seen_delay_h is None else f"{e.median_seen_delay_h:.1f} h"
        lines.append(f"  {e.origin:>36} -> {e.copier:<36} {e.copies:5d}  {delay:>8}  {seen:>8}")
    lines += ["", f"content-sharing groups of sites ({len(net.groups)}):"]
    for i, group in enumerate(net.groups[:top], 1):
        shown = ", ".join(group[:12]) + (f", ... (+{len(group) - 12})" if len(group) > 12 else "")
        lines.append(f"  {i:3d}. {len(group)} sites: {shown}")
    return "\n".join(lines)


def network_json(net: Network) -> dict[str, Any]:
    """The network as plain JSON-ready data."""
    return {
        "origins": net.origins,
        "edges": [e.__dict__ for e in net.edges],
        "groups": net.groups,
    }
