"""Text fingerprints for near-duplicate detection: word shingles, datasketch MinHash signatures, LSH band keys.

A text becomes the set of its word 5-shingles (lower-cased, Unicode-normalised word tokens), each
hashed to 32 bits; a MinHash signature (datasketch, "affine32" scheme) summarises that set, and the
signature cut into LSH bands gives the keys under which similar texts collide. Every hash here is
stable across processes and machines, because signatures and band keys are persisted in the store.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from datasketch import MinHash, MinHashLSH

SHINGLE = 5  # words per shingle
NUM_PERM = 128  # MinHash permutations
LSH_THRESHOLD = 0.3  # a low candidate threshold: light edits must still collide; verification decides
SEED = 1  # MinHash permutation seed; changing it invalidates persisted signatures

_WORD = re.compile(r"\w+")
_MULT = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit constant (golden ratio) for polynomial combination
_M1, _M2 = np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53)
_S33 = np.uint64(33)
_MASK32 = np.uint64(0xFFFFFFFF)
_token_hashes: dict[bytes, int] = {}  # a token's UTF-32-LE bytes -> its _token_hash
_TOKEN_CACHE_MAX = 2_000_000


def _normal(text: str) -> str:
    """NFKC-normalised, lower-cased text: what tokens are cut from."""
    return unicodedata.normalize("NFKC", text).lower()


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens of NFKC-normalised text; punctuation and spacing are ignored."""
    return _WORD.findall(_normal(text))


@cache
def _word_points() -> np.ndarray:
    """bool[0x110000]: the code points Python's \\w matches, found with Python's own regex engine, so runs
    of them are exactly the tokens tokens() finds."""
    points = np.arange(0x110000, dtype=np.uint32)
    points = points[(points < 0xD800) | (points > 0xDFFF)]  # every code point but the surrogates
    word = np.zeros(0x110000, dtype=bool)
    for run in _WORD.finditer(points.tobytes().decode("utf-32-le")):
        word[points[run.start():run.end()]] = True
    return word


def _token_hash(token: str) -> int:
    """A stable 64-bit hash of one token."""
    return int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest(), "little")


def _token_hashes_of(words: list[bytes]) -> list[int]:
    """The stable hashes of distinct tokens (their UTF-32-LE bytes), through a cache (news vocabulary repeats)."""
    hashed = list(map(_token_hashes.get, words))
    if None in hashed:
        if len(_token_hashes) + len(words) > _TOKEN_CACHE_MAX:
            _token_hashes.clear()
        _token_hashes.update({token: _token_hash(token.decode("utf-32-le")) for token in words if token not in _token_hashes})
        hashed = list(map(_token_hashes.__getitem__, words))
    return hashed  # type: ignore[return-value]


def _word_runs(points: np.ndarray) -> np.ndarray:
    """Where the runs of word code points start and end: [start, end, start, end, ...] (ends exclusive)."""
    word = _word_points()[points]
    if not word.size:
        return np.empty(0, dtype=np.int64)
    changes = np.flatnonzero(word[1:] != word[:-1]) + 1
    return np.concatenate(([0] if word[0] else [], changes, [word.size] if word[-1] else [])).astype(np.int64)


def _batch_tokens(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """The hashes of every text's tokens, laid end to end (uint64), and each text's token count.

    Tokens are found in numpy over the batch's code points (an RE2 split took twice as long) and
    dictionary-encoded in Arrow as UTF-32 strings; only each distinct token is looked up in Python."""
    normal = list(map(_normal, texts))
    joined = "\0".join(normal)  # NUL is no word character: no token runs from one text into the next
    points = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    runs = _word_runs(points)
    segments = pa.Array.from_buffers(  # the word runs and the gaps between them, alternately
        pa.large_binary(), max(runs.size - 1, 0), [None, pa.py_buffer(runs * 4), pa.py_buffer(points)])
    vocabulary = pc.dictionary_encode(segments.take(np.arange(0, runs.size - 1, 2)))
    hashes = np.array(_token_hashes_of(vocabulary.dictionary.to_pylist()), dtype=np.uint64)
    bounds = np.cumsum([0] + [len(text) + 1 for text in normal])  # where each text starts, and the end
    return (hashes[vocabulary.indices.to_numpy(zero_copy_only=False)],
            np.diff(np.searchsorted(runs[::2], bounds)))


def _fmix64(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser: spreads every input bit over the output (uint64 wraps)."""
    h = h ^ (h >> _S33)
    h = h * _M1
    h = h ^ (h >> _S33)
    h = h * _M2
    return h ^ (h >> _S33)


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finaliser, the pre-mix datasketch's "affine32" MinHash applies to each input hash."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def spans(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The positions start, start + 1, ..., start + length - 1 of every span, concatenated."""
    ends = np.cumsum(lengths)
    return np.repeat(starts - (ends - lengths), lengths) + np.arange(ends[-1] if len(ends) else 0)


def shingle_batch(texts: Sequence[str], k: int = SHINGLE) -> list[np.ndarray]:
    """shingles() of many texts at once: hashing, combining and de-duplicating run vectorised over the batch.

    Every text's tokens are laid end to end (a text shorter than k words padded with zeros, so its one
    shingle does not run into the next text); each shingle's hash is one sort of (text, hash) pairs away
    from its text's sorted unique set.
    """
    if not texts:
        return []
    hashes, lengths = _batch_tokens(texts)
    padded = np.where(lengths > 0, np.maximum(lengths, k), 0)
    starts = np.cumsum(padded) - padded
    flat = np.zeros(int(padded.sum()) + k, dtype=np.uint64)
    flat[spans(starts, lengths)] = hashes
    n = len(flat) - k + 1
    with np.errstate(over="ignore"):
        combined = flat[:n].copy()
        for j in range(1, k):
            combined = combined * _MULT + flat[j:j + n]
        mixed = _fmix64(combined) & _MASK32
    counts = np.where(lengths > 0, np.maximum(lengths - k + 1, 1), 0)
    text_of = np.repeat(np.arange(len(texts), dtype=np.uint64), counts)
    keyed = np.sort((text_of << np.uint64(32)) | mixed[spans(starts, counts)])
    keyed = keyed[np.concatenate(([True], keyed[1:] != keyed[:-1]))[:keyed.size]]  # np.unique without its slow hashing
    cuts = np.searchsorted(keyed >> np.uint64(32), np.arange(1, len(texts), dtype=np.uint64))
    return np.split((keyed & _MASK32).astype(np.uint32), cuts)


def shingles(text: str, k: int = SHINGLE) -> np.ndarray:
    """Sorted unique 32-bit hashes of the text's word k-shingles; a text shorter than k words is one shingle."""
    return shingle_batch([text], k)[0]


def _identity(value: int) -> int:
    return value


@cache
def _lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """Bands and rows per band that datasketch's MinHashLSH picks for a threshold."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


@dataclass(frozen=True)
class Fingerprint:
    """One text's shingle hashes (for exact verification) and MinHash signature (for LSH)."""

    shingles: np.ndarray  # sorted unique uint32
    signature: np.ndarray  # uint32[num_perm]


class Fingerprinter:
    """Makes fingerprints with one fixed set of datasketch MinHash permutations."""

    def __init__(self, num_perm: int = NUM_PERM, threshold: float = LSH_THRESHOLD, k: int = SHINGLE,
                 seed: int = SEED) -> None:
        self.num_perm, self.threshold, self.k, self.seed = num_perm, threshold, k, seed
        self._template = MinHash(num_perm=num_perm, seed=seed, hashfunc=_identity, scheme="affine32")
        self.bands, self.rows = _lsh_params(threshold, num_perm)

    def minhash(self, shingle_hashes: np.ndarray) -> MinHash:
        """A datasketch MinHash of a shingle-hash set (shares this fingerprinter's permutations)."""
        m = MinHash(num_perm=self.num_perm, seed=self.seed, hashfunc=_identity,
                    permutations=self._template.permutations, scheme="affine32")
        if shingle_hashes.size:
            m.update_batch(shingle_hashes.tolist())
        return m

    def restore(self, signature: np.ndarray) -> MinHash:
        """The datasketch MinHash whose hash values are a stored signature."""
        return MinHash(seed=self.seed, hashfunc=_identity, hashvalues=signature,
                       permutations=self._template.permutations, scheme="affine32")

    def fingerprint(self, text: str) -> Fingerprint:
        """Shingles and signature of one text."""
        return self.fingerprints([text])[0]

    def fingerprints(self, texts: Sequence[str]) -> list[Fingerprint]:
        """Shingles and signatures of many texts, computed as one vectorised batch."""
        sets = shingle_batch(texts, self.k)
        sigs = self.signatures(sets)
        return [Fingerprint(s, sig) for s, sig in zip(sets, sigs, strict=True)]

    def signatures(self, sets: Sequence[np.ndarray]) -> np.ndarray:
        """uint32[n, num_perm]: the datasketch affine32 MinHash hash values of each shingle set.

        The same arithmetic as MinHash.update_batch (fmix32 pre-mix, then a*h+b mod 2^32, then the
        minimum per permutation), run over a whole batch of sets at once; tests check the values
        against datasketch's own. An empty set keeps datasketch's initial all-max values.
        """
        a, b = self._template.permutations
        a, b = a[:, None], b[:, None]
        out = np.full((len(sets), self.num_perm), np.uint32(0xFFFFFFFF), dtype=np.uint32)
        filled = [i for i, s in enumerate(sets) if s.size]
        at = 0
        while at < len(filled):  # chunks of whole sets, about 8k hashes each, keep the temporary matrix in cache
            chunk = [filled[at]]
            size = sets[filled[at]].size
            at += 1
            while at < len(filled) and size + sets[filled[at]].size <= 8192:
                chunk.append(filled[at])
                size += sets[filled[at]].size
                at += 1
            values = _fmix32(np.concatenate([sets[j] for j in chunk]))
            lengths = np.fromiter((sets[j].size for j in chunk), dtype=np.int64, count=len(chunk))
            offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
            permuted = np.multiply(a, values[None, :])  # [num_perm, hashes], contiguous per permutation
            np.add(permuted, b, out=permuted)  # uint32 arithmetic wraps: that is the mod 2^32
            out[chunk] = np.minimum.reduceat(permuted, offsets, axis=1).T
        return out

    def band_keys(self, signatures: np.ndarray) -> np.ndarray:
        """int64[n, bands]: one key per LSH band of each signature (rows of `signatures`).

        Two signatures collide in a band exactly when datasketch's MinHashLSH would put them in the same
        bucket of that band (equal hash values over the band's rows); the key is a 64-bit hash of those
        values, so it can be stored and joined in SQL. Empty texts get no keys (callers skip them).
        """
        sig = np.asarray(signatures, dtype=np.uint64).reshape(len(signatures), -1)
        cut = sig[:, : self.bands * self.rows].reshape(len(sig), self.bands, self.rows)
        with np.errstate(over="ignore"):
            key = np.zeros(cut.shape[:2], dtype=np.uint64) + np.arange(self.bands, dtype=np.uint64)
            for j in range(self.rows):
                key = _fmix64(key * _MULT + cut[:, :, j])
        return key.view(np.int64)


def band_pairs(keys: np.ndarray) -> np.ndarray:
    """int64[m, 2]: every pair (i, j), i < j, of rows of `keys` (band_keys) equal in at least one band, sorted.

    Sorting each band's keys puts each bucket's rows together; every row is then paired with the rows
    after it in its bucket, and pairs found in several bands are kept once.
    """
    n = len(keys)
    if not n:
        return np.empty((0, 2), dtype=np.int64)
    order = np.argsort(keys, axis=0)
    key = np.take_along_axis(keys, order, axis=0).T.reshape(-1)  # band by band
    row = order.T.reshape(-1).astype(np.int64)
    bucket_starts = np.ones(row.size, dtype=bool)
    bucket_starts[1:] = key[1:] != key[:-1]
    bucket_starts[::n] = True  # a band's first row starts a bucket whatever its key
    starts = np.flatnonzero(bucket_starts)
    sizes = np.diff(np.append(starts, row.size))
    at = np.arange(row.size)
    after = np.repeat(starts + sizes, sizes) - at - 1  # rows after each one in its bucket
    first, second = row[np.repeat(at, after)], row[spans(at + 1, after)]
    codes = np.sort(np.minimum(first, second) * n + np.maximum(first, second))
    codes = codes[np.concatenate(([True], codes[1:] != codes[:-1]))[:codes.size]]
    return np.column_stack((codes // n, codes % n)) if codes.size else np.empty((0, 2), dtype=np.int64)


def overlap(a: np.ndarray, b: np.ndarray) -> int:
    """How many hashes two sorted unique uint32 arrays share."""
    if not a.size or not b.size:
        return 0
    if a.size > b.size:
        a, b = b, a
    at = np.searchsorted(b, a)
    at[at == b.size] = 0
    return int(np.count_nonzero(b[at] == a))


@dataclass(frozen=True)
class Verifier:
    """The exact test of a candidate pair: same story when the shingle sets overlap enough.

    Jaccard similarity catches copies with light edits and different boilerplate; containment (the
    share of the smaller set found in the larger) catches truncated republications, but only for
    texts long enough that a shared stock phrase or two cannot make up most of one of them.
    """

    jaccard: float = 0.3
    containment: float = 0.5
    min_shingles: int = 40  # the smaller text needs this many shingles for containment to count
    short: int = 25  # below this many shingles a text is a brief: only a near-verbatim copy counts
    short_jaccard: float = 0.7
    floor: float = 0.15  # candidates whose MinHash estimate is below this are not verified at all

    def same(self, a: np.ndarray, b: np.ndarray) -> bool:
        """Whether two shingle sets belong to the same story."""
        shared = overlap(a, b)
        if not shared:
            return False
        small, union = min(a.size, b.size), a.size + b.size - shared
        if small < self.short:
            return shared >= self.short_jaccard * union
        if shared >= self.jaccard * union:
            return True
        return small >= self.min_shingles and shared >= self.containment * small

    def similarity(self, a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
        """(Jaccard, containment) of two shingle sets, for reports and tuning."""
        shared = overlap(a, b)
        if not shared:
            return 0.0, 0.0
        return shared / (a.size + b.size - shared), shared / min(a.size, b.size)


def estimates(a: np.ndarray, i: np.ndarray, b: np.ndarray, j: np.ndarray) -> np.ndarray:
    """MinHash Jaccard estimates of the signature pairs (a[i[k]], b[j[k]]): the share of equal hash values
    (float64, the value datasketch's jaccard() gives)."""
    out = np.empty(len(i))
    for at in range(0, len(i), 4096):  # pairs in blocks, so the gathered rows stay in cache
        out[at:at + 4096] = np.count_nonzero(a[i[at:at + 4096]] == b[j[at:at + 4096]], axis=1)
    return out / a.shape[1]
