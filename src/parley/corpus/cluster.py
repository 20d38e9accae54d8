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

from parley.corpus.fingerprint import Fingerprint, Fingerprinter, Verifier, band_pairs

BATCH_SIZE = 2000
PER_CLUSTER = 3  # stored members of one cluster verified against a new item, best MinHash estimates first
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


class CandidateIndex(Protocol):
    """What the linker needs from the items already clustered (in memory or in the store)."""

    def lookup(self, keys: np.ndarray, signatures: np.ndarray, rows: Sequence[int]) -> list[tuple[int, str]]:
        """(row, id) for every stored item sharing an LSH band with batch row `rows[i]` (keys[i])."""

    def signatures(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Stored MinHash signatures of these ids."""

    def shingles(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Shingle sets of these ids (recomputed from their text when not cached)."""

    def clusters(self, ids: Sequence[str]) -> dict[str, str]:
        """The cluster each of these stored ids belongs to now."""


@dataclass
class Assignment:
    """What a batch did: the cluster of each new item, stored clusters merged, verified links."""

    clusters: list[str]
    merged: dict[str, str] = field(default_factory=dict)  # old cluster id -> the cluster it joined
    links: list[tuple[str, str]] = field(default_factory=list)  # (new id, id it was verified against)
    verified: int = 0  # exact comparisons made


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        parent = self.parent
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while x != root:
            parent[x], x = root, parent.get(x, x)
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


class Linker:
    """Assigns batches of new items to clusters against a CandidateIndex."""

    def __init__(self, fingerprinter: Fingerprinter | None = None, verifier: Verifier | None = None) -> None:
        self.fingerprinter = fingerprinter or Fingerprinter()
        self.verifier = verifier or Verifier()

    def assign(self, ids: Sequence[str], prints: Sequence[Fingerprint], index: CandidateIndex) -> Assignment:
        """Cluster each new item: link it to stored items and to others in the batch that pass verification.

        A new item's cluster is a stored cluster it links to (stored clusters it bridges are merged into
        the one with the smallest id), else the id of the first new item of its group. Pairs are verified
        best MinHash estimate first, and a pair already in one cluster is not verified again.
        """
        rows = [i for i, p in enumerate(prints) if p.shingles.size]
        if not rows:
            return Assignment(clusters=list(ids))
        sigs = np.stack([prints[i].signature for i in rows])
        keys = self.fingerprinter.band_keys(sigs)
        verifier = self.verifier
        # pairs inside the batch: positions (in `rows`) sharing a bucket in any band
        pairs = band_pairs(keys)
        scored: list[tuple[float, int, str | int]] = []  # (estimate, row, other): int = batch row, str = stored id
        if len(pairs):
            estimates = (sigs[pairs[:, 0]] == sigs[pairs[:, 1]]).mean(axis=1)
            keep = estimates >= verifier.floor
            scored.extend((e, rows[b], rows[a]) for e, a, b in zip(
                estimates[keep].tolist(), pairs[keep, 0].tolist(), pairs[keep, 1].tolist(), strict=True))
        # pairs with stored items: per stored cluster, only its best few members by estimate
        stored_pairs = index.lookup(keys, sigs, rows)
        stored = sorted({other for _, other in stored_pairs})
        stored_sigs = index.signatures(stored) if stored else {}
        stored_cluster = index.clusters(stored) if stored else {}
        known = [(row, other) for row, other in stored_pairs if other in stored_sigs]
        if known:
            position = {row: pos for pos, row in enumerate(rows)}
            mine = sigs[[position[row] for row, _ in known]]
            theirs = np.stack([stored_sigs[other] for _, other in known])
            estimates = (mine == theirs).mean(axis=1)
            best: dict[tuple[int, str], list[tuple[float, str]]] = defaultdict(list)
            for e, (row, other) in zip(estimates.tolist(), known, strict=True):
                if e >= verifier.floor:
                    best[row, stored_cluster.get(other, other)].append((e, other))
            for (row, _), found in best.items():
                found.sort(key=lambda t: (-t[0], t[1]))
                scored.extend((e, row, other) for e, other in found[:PER_CLUSTER])
        scored.sort(key=lambda t: (-t[0], t[1], str(t[2])))
        uf = _UnionFind()
        node = [f"\x00{i:09d}" for i in range(len(ids))]  # batch items sort before any cluster id
        need = sorted({o for _, _, o in scored if isinstance(o, str)})
        stored_sets = index.shingles(need) if need else {}
        result = Assignment(clusters=[])
        for _, row, target in scored:
            a = uf.find(node[row])
            b = uf.find(node[target] if isinstance(target, int) else stored_cluster.get(target, target))
            if a == b:
                continue
            target_set = prints[target].shingles if isinstance(target, int) else stored_sets.get(target)
            if target_set is None:
                continue
            result.verified += 1
            if verifier.same(prints[row].shingles, target_set):
                uf.union(a, b)
                result.links.append((ids[row], ids[target] if isinstance(target, int) else target))
        # name each component: its smallest stored cluster id, else its first new item's id
        members: dict[str, list[str]] = defaultdict(list)
        for cluster in set(stored_cluster.values()) | set(stored) - set(stored_cluster):
            members[uf.find(cluster)].append(cluster)
        names: dict[str, str] = {}
        for root, clusters in members.items():
            keep = min(clusters)
            names[root] = keep
            for c in clusters:
                if c != keep:
                    result.merged[c] = keep
        for i, item in enumerate(ids):
            root = uf.find(node[i])
            if root not in names:
                names[root] = item
            result.clusters.append(names[root])
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

    def lookup(self, keys: np.ndarray, signatures: np.ndarray, rows: Sequence[int]) -> list[tuple[int, str]]:
        """Candidates from the datasketch LSH (band keys are not needed here: the LSH bands itself)."""
        found: list[tuple[int, str]] = []
        for sig, row in zip(signatures, rows, strict=True):
            found.extend((row, other) for other in self.lsh.query(self.fingerprinter.restore(sig)))
        return found

    def signatures(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Signatures of stored ids."""
        return {i: self._sigs[i] for i in ids if i in self._sigs}

    def shingles(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Shingle sets of stored ids."""
        return {i: self._sets[i] for i in ids if i in self._sets}

    def clusters(self, ids: Sequence[str]) -> dict[str, str]:
        """Current clusters of stored ids."""
        return {i: self.cluster_of[i] for i in ids}

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
