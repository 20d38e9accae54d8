"""Near-duplicate clustering: LSH candidates, exact verification, union of clusters, earliest copy.

One algorithm, two homes. `Linker.assign` takes a batch of new fingerprints and an index of what came
before (a `CandidateIndex`) and decides which cluster each new item joins, merging clusters that a new
item bridges. `MemoryIndex` keeps everything in memory around a datasketch `MinHashLSH`; the store keeps
the same data in DuckDB tables (parley.store.dedup). The clusters are the connected components of the
graph whose edges are candidate pairs (sharing an LSH band) that pass `Verifier.same`, so they do not
depend on the order or the batching of the input.
"""
from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol

import numpy as np
from datasketch import MinHashLSH

from parley.corpus.fingerprint import Fingerprint, Fingerprinter, Verifier, band_pairs, estimates

BATCH_SIZE = 2000
PER_CLUSTER = 3  # stored members of one cluster verified against a new item, best MinHash estimates first
_ONE_BY_ONE = 256  # Linker.assign verifies this many remaining edges in one pass rather than in rounds
_END_OF_DAY = timedelta(days=1, microseconds=-1)


def published_at(value: object) -> datetime | None:
    """A publication date as a naive UTC datetime for ordering copies; None when absent or unparseable.

    A date without a time counts as the end of its day (a month as the end of the month, a year as
    the end of the year): a copy dated only "2023-05-10" is not taken as earlier than one stamped
    09:30 that day, since it may well have appeared later.
    """
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
    if not isinstance(value, str) or len(value) < 4:
        return None
    text = value.strip()
    try:
        if len(text) == 4:
            return datetime(int(text), 12, 31) + _END_OF_DAY
        if len(text) == 7:
            year, month = int(text[:4]), int(text[5:7])
            return datetime(year, month, calendar.monthrange(year, month)[1]) + _END_OF_DAY
        if len(text) == 10:
            return datetime.fromisoformat(text) + _END_OF_DAY
        moment = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        return None
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def order_key(published: datetime | None, first_seen: datetime, article_id: str) -> tuple[bool, datetime, datetime, str]:
    """Sort key of the earliest copy: publication time (undated copies last), then first seen, then id."""
    return (published is None, published or datetime.max, first_seen, article_id)


@dataclass(frozen=True)
class Candidates:
    """Stored items sharing an LSH band with rows of a batch: one entry per (batch row, stored item) pair."""

    rows: np.ndarray  # int64[pairs]: the batch row of each pair
    items: np.ndarray  # int64[pairs]: its stored item, an index into ids
    ids: list[str]  # the distinct stored items
    clusters: list[str]  # the cluster each of them belongs to now
    signatures: np.ndarray  # uint32[len(ids), num_perm]: their MinHash signatures


@dataclass(frozen=True)
class Inside:
    """A batch's own candidate pairs: its items with text, their signatures and LSH band keys, and the
    pairs of them sharing a band whose MinHash estimate reaches the verifier's floor."""

    rows: np.ndarray  # int64: the batch positions of the items with text
    signatures: np.ndarray  # uint32[len(rows), num_perm]
    keys: np.ndarray  # int64[len(rows), bands]
    later: np.ndarray  # int64[pairs]: the later batch position of each pair
    earlier: np.ndarray  # int64[pairs]: the earlier one
    estimates: np.ndarray  # float64[pairs]

    def among(self, kept: np.ndarray) -> Inside:
        """The same for the batch less some items (kept: bool per batch position), positions renumbered:
        what Linker.inside gives for the kept items alone, without finding their pairs again."""
        position = np.cumsum(kept) - 1
        item, pair = kept[self.rows], kept[self.later] & kept[self.earlier]
        return Inside(position[self.rows[item]], self.signatures[item], self.keys[item],
                      position[self.later[pair]], position[self.earlier[pair]], self.estimates[pair])


class CandidateIndex(Protocol):
    """What the linker needs from the items already clustered (in memory or in the store)."""

    def candidates(self, keys: np.ndarray, signatures: np.ndarray, rows: np.ndarray) -> Candidates:
        """Every stored item sharing an LSH band with batch row rows[i] (band keys keys[i], signature signatures[i])."""

    def shingles(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Shingle sets of these ids (recomputed from their text when not cached)."""


@dataclass
class Assignment:
    """What a batch did: the cluster of each new item, and stored clusters merged."""

    clusters: list[str]
    merged: dict[str, str] = field(default_factory=dict)  # old cluster id -> the cluster it joined
    verified: int = 0  # exact comparisons made


class _UnionFind:
    """Disjoint sets of graph nodes (ints); a set's root is its smallest node."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while x != root:
            parent[x], x = root, parent.get(x, x)
        return root

    def union(self, a: int, b: int) -> bool:
        """Join the sets of a and b; False when they were one already."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.parent[max(ra, rb)] = min(ra, rb)
        return True


def _top_per_group(first: np.ndarray, second: np.ndarray, count: int) -> np.ndarray:
    """Mask of the first `count` entries of every run of equal (first, second) in sorted arrays."""
    starts = np.ones(first.size, dtype=bool)
    starts[1:] = (first[1:] != first[:-1]) | (second[1:] != second[:-1])
    run_start = np.flatnonzero(starts)[np.cumsum(starts) - 1]
    return np.arange(first.size) - run_start < count


class Linker:
    """Assigns batches of new items to clusters against a CandidateIndex."""

    def __init__(self, fingerprinter: Fingerprinter | None = None, verifier: Verifier | None = None) -> None:
        self.fingerprinter = fingerprinter or Fingerprinter()
        self.verifier = verifier or Verifier()

    def inside(self, prints: Sequence[Fingerprint]) -> Inside:
        """The part of clustering a batch that needs nothing stored (a store computes it beside other work)."""
        rows = np.flatnonzero(np.fromiter((p.shingles.size > 0 for p in prints), dtype=bool, count=len(prints)))
        sigs = (np.stack([p.signature for p in prints if p.shingles.size]) if rows.size
                else np.empty((0, self.fingerprinter.num_perm), np.uint32))
        keys = self.fingerprinter.band_keys(sigs)
        pairs = band_pairs(keys)
        estimate = estimates(sigs, pairs[:, 1], sigs, pairs[:, 0])
        near = estimate >= self.verifier.floor
        return Inside(rows, sigs, keys, rows[pairs[near, 1]], rows[pairs[near, 0]], estimate[near])

    def assign(self, ids: Sequence[str], prints: Sequence[Fingerprint], index: CandidateIndex,
               inside: Inside | None = None) -> Assignment:
        """Cluster each new item: link it to stored items and to others in the batch that pass verification.

        The graph: one node per new item and one per stored cluster; an edge per candidate pair (two new
        items sharing an LSH band, or a new item and one of the best few members of a stored cluster it
        shares a band with) whose MinHash estimate reaches the verifier's floor. Its connected
        components over the edges that pass verification are found in rounds (Boruvka's): each
        component verifies its best remaining edge (highest estimate first), and an edge whose ends are
        one component already is never verified. A new item's cluster is the stored cluster of its
        component (stored clusters it bridges are merged into the one with the smallest id), else the
        id of the component's first new item. `inside` is self.inside(prints), when computed already.
        """
        n = len(ids)
        if inside is None:
            inside = self.inside(prints)
        rows, sigs, keys = inside.rows, inside.signatures, inside.keys
        if not rows.size:
            return Assignment(clusters=list(ids))
        floor = self.verifier.floor
        inside_from, inside_to, inside_estimate = inside.later, inside.earlier, inside.estimates
        # edges to stored clusters: per (new item, stored cluster) only the best few members by estimate
        found = index.candidates(keys, sigs, rows)
        position = np.zeros(n, dtype=np.int64)
        position[rows] = np.arange(rows.size)
        found_estimate = estimates(sigs, position[found.rows], found.signatures, found.items)
        near = found_estimate >= floor
        cluster_names, cluster_of = np.unique(np.array(found.clusters, dtype=object), return_inverse=True)
        id_rank = np.unique(np.array(found.ids, dtype=object), return_inverse=True)[1]
        row, item, estimate = found.rows[near], found.items[near], found_estimate[near]
        order = np.lexsort((id_rank[item], -estimate, cluster_of[item], row))
        row, item, estimate = row[order], item[order], estimate[order]
        best = _top_per_group(row, cluster_of[item], PER_CLUSTER)
        row, item, estimate = row[best], item[best], estimate[best]
        # all edges, best first: from a new item to a node (new item, or n + stored cluster), verified
        # against a shingle set (a new item's, or stored item `n + item`'s)
        source = np.concatenate((inside_from, row))
        node = np.concatenate((inside_to, n + cluster_of[item]))
        target = np.concatenate((inside_to, n + item))
        order = np.lexsort((np.concatenate((inside_to, n + id_rank[item])), source,
                            -np.concatenate((inside_estimate, estimate))))
        source, node, target = source[order], node[order], target[order]
        stored_sets = index.shingles([found.ids[i] for i in np.unique(item).tolist()])

        def target_set(t: int) -> np.ndarray | None:
            return prints[t].shingles if t < n else stored_sets.get(found.ids[t - n])

        result = Assignment(clusters=[])
        label = np.arange(n + len(cluster_names))  # each node's component, named by its smallest node
        sets = _UnionFind()

        def verify(edges: np.ndarray) -> None:
            """Verify edges in priority order, passing over those whose ends are joined already; relabel."""
            nonlocal label
            joined: list[int] = []
            for k in edges.tolist():
                start = int(source[k])
                a, b = sets.find(int(label[start])), sets.find(int(label[node[k]]))
                other = target_set(int(target[k])) if a != b else None
                if other is None:
                    continue
                result.verified += 1
                if self.verifier.same(prints[start].shingles, other):
                    sets.union(a, b)
                    joined.extend((a, b))
            if joined:
                rename = np.arange(label.size)
                rename[joined] = [sets.find(x) for x in joined]
                label = rename[label]

        alive = np.arange(source.size)
        while alive.size > _ONE_BY_ONE:
            ends = np.column_stack((label[source[alive]], label[node[alive]]))
            apart = ends[:, 0] != ends[:, 1]
            alive, ends = alive[apart], ends[apart]
            # each component's best remaining edge (edges are in priority order; first occurrence wins)
            picked = np.unique(alive[np.unique(ends.ravel(), return_index=True)[1] // 2])
            verify(picked)
            keep = np.ones(alive.size, dtype=bool)
            keep[np.searchsorted(alive, picked)] = False
            alive = alive[keep]
        verify(alive)  # the last few one by one: rounds that verify an edge each (failing pairs of two stories) cost more
        # name each component: its smallest stored cluster id (clusters are sorted), else its first new item's id
        names: dict[int, str] = {}
        for root, cluster in zip(label[n:].tolist(), cluster_names.tolist(), strict=True):
            if root in names:
                result.merged[cluster] = names[root]
            else:
                names[root] = cluster
        for root, item_id in zip(label[:n].tolist(), ids, strict=True):
            result.clusters.append(names.setdefault(root, item_id))
        return result


class MemoryIndex:
    """Everything clustered so far, in memory: a datasketch MinHashLSH plus signatures, sets and clusters."""

    def __init__(self, fingerprinter: Fingerprinter) -> None:
        self.fingerprinter = fingerprinter
        self.lsh = MinHashLSH(num_perm=fingerprinter.num_perm, params=(fingerprinter.bands, fingerprinter.rows))
        self._sigs: dict[str, np.ndarray] = {}
        self._sets: dict[str, np.ndarray] = {}
        self.cluster_of: dict[str, str] = {}
        self.members: dict[str, list[str]] = defaultdict(list)

    def candidates(self, keys: np.ndarray, signatures: np.ndarray, rows: np.ndarray) -> Candidates:
        """Candidates from the datasketch LSH (band keys are not needed here: the LSH bands itself)."""
        pair_rows: list[int] = []
        pair_items: list[int] = []
        position: dict[str, int] = {}
        for sig, row in zip(signatures, rows.tolist(), strict=True):
            for other in self.lsh.query(self.fingerprinter.restore(sig)):
                pair_rows.append(row)
                pair_items.append(position.setdefault(other, len(position)))
        ids = list(position)
        sigs = np.stack([self._sigs[i] for i in ids]) if ids else np.empty((0, self.fingerprinter.num_perm), np.uint32)
        return Candidates(np.array(pair_rows, dtype=np.int64), np.array(pair_items, dtype=np.int64), ids,
                          [self.cluster_of[i] for i in ids], sigs)

    def shingles(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Shingle sets of stored ids."""
        return {i: self._sets[i] for i in ids if i in self._sets}

    def add(self, ids: Sequence[str], prints: Sequence[Fingerprint], assignment: Assignment) -> None:
        """Record a linked batch: merges first, then the new items in the LSH and their clusters."""
        for old, new in assignment.merged.items():
            moved = self.members.pop(old, [])
            for item in moved:
                self.cluster_of[item] = new
            self.members[new].extend(moved)
        with self.lsh.insertion_session() as session:
            for item, fp, cluster in zip(ids, prints, assignment.clusters, strict=True):
                self.cluster_of[item] = cluster
                self.members[cluster].append(item)
                if fp.shingles.size:
                    self._sigs[item], self._sets[item] = fp.signature, fp.shingles
                    session.insert(item, self.fingerprinter.restore(fp.signature), check_duplication=False)


@dataclass(frozen=True)
class Item:
    """One document to deduplicate: an id, its text, and what decides which copy came first."""

    id: str
    text: str
    published: str | datetime | None = None
    domain: str | None = None


class Deduplicator:
    """In-memory near-duplicate clustering with the store's algorithm; feed it items, read clusters back."""

    def __init__(self, linker: Linker | None = None, batch_size: int = BATCH_SIZE) -> None:
        self.linker = linker or Linker()
        self.index = MemoryIndex(self.linker.fingerprinter)
        self.batch_size = batch_size
        self._order: dict[str, tuple[bool, datetime, datetime, str]] = {}
        self._seen = 0
        self.verified = 0

    def add(self, items: Iterable[Item]) -> None:
        """Cluster items (in batches); an id seen before is ignored."""
        batch: dict[str, Item] = {}
        for item in items:
            if item.id in self._order or item.id in batch:
                continue
            batch[item.id] = item
            if len(batch) >= self.batch_size:
                self._add_batch(list(batch.values()))
                batch = {}
        if batch:
            self._add_batch(list(batch.values()))

    def _add_batch(self, unique: list[Item]) -> None:
        ids = [item.id for item in unique]
        prints = self.linker.fingerprinter.fingerprints([item.text for item in unique])
        assignment = self.linker.assign(ids, prints, self.index)
        self.verified += assignment.verified
        self.index.add(ids, prints, assignment)
        for item in unique:
            # first-seen order stands in for an ingest timestamp
            self._seen += 1
            self._order[item.id] = order_key(published_at(item.published), datetime.min + timedelta(microseconds=self._seen),
                                             item.id)

    def cluster_of(self, item_id: str) -> str:
        """The cluster id of an item."""
        return self.index.cluster_of[item_id]

    def clusters(self) -> Mapping[str, list[str]]:
        """Cluster id -> member ids, in the order they were added."""
        return self.index.members

    def earliest(self, cluster: str) -> str:
        """The earliest copy of a cluster: by publication time, else first seen."""
        return min(self.index.members[cluster], key=self._order.__getitem__)

    def duplicate_of(self, item_id: str) -> str | None:
        """The earliest copy of the item's cluster, None when the item is that copy."""
        first = self.earliest(self.cluster_of(item_id))
        return None if first == item_id else first
