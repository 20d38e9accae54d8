"""Tests for near-duplicate clustering: fingerprints, verification, linking, earliest copies, networks, synth."""
from __future__ import annotations

import random
from collections import Counter
from datetime import datetime
from itertools import combinations

import numpy as np
import pytest
from datasketch import MinHash, MinHashLSH

from parley.corpus.cluster import Deduplicator, Item, Linker, order_key, published_at
from parley.corpus.fingerprint import Fingerprinter, Verifier, band_pairs, overlap, shingle_batch, shingles, tokens
from parley.corpus.network import build_network, format_network
from parley.corpus.synth import CorpusGenerator, generate, record

STORY = (
    "The foreign ministry of Kestovia said on Tuesday that it had imposed new restrictions on shipping "
    "companies from Varnland after a dispute over transit fees. Deputy Minister Arvel Dunmore told reporters "
    "that the measures would take effect within ten days and would cover grain and fertiliser cargoes. "
    "Officials in the Varnland capital summoned the Kestovian envoy and called the decision a grave mistake. "
    "Trade between the two countries reached four billion dollars last year, much of it in energy goods. "
    "Analysts said the row could disrupt shipments through the northern ports within weeks."
)


def _edit(text: str, rate: float, seed: int) -> str:
    rng = random.Random(seed)
    return " ".join(w if rng.random() >= rate else "altered" for w in text.split())


@pytest.fixture(scope="module")
def corpus() -> list:
    return generate(500, seed=11)


def pairwise(truth: dict[str, str], predicted: dict[str, str]) -> tuple[float, float]:
    both = Counter((truth[u], predicted[u]) for u in truth)
    tp = sum(n * (n - 1) // 2 for n in both.values())
    pred = sum(n * (n - 1) // 2 for n in Counter(predicted.values()).values())
    true = sum(n * (n - 1) // 2 for n in Counter(truth.values()).values())
    return tp / pred, tp / true


def test_tokens_ignore_case_punctuation_and_width() -> None:
    assert tokens("Moscow, MOSCOW! \uff2d\uff4f\uff53\uff43\uff4f\uff57") == ["moscow"] * 3
    assert (shingles("Russia will not agree to talks.") == shingles("russia  WILL not agree to talks")).all()


def test_shingles_are_stable_sorted_unique() -> None:
    a = shingles(STORY)
    assert a.dtype == np.uint32 and (np.diff(a.astype(np.int64)) > 0).all()
    assert len(a) == len(tokens(STORY)) - 4  # no repeated 5-word windows in this text
    assert (shingle_batch([STORY, "", "two words"])[0] == a).all()
    assert shingles("").size == 0 and shingles("two words").size == 1
    # pinned values: shingle hashes, signatures and band keys are persisted in stores, so they must not
    # drift between runs, machines or versions (a change needs a store migration that recomputes them)
    assert int(shingles("one two three four five")[0]) == 2086719768
    fp = Fingerprinter()
    assert (fp.bands, fp.rows) == (37, 3)
    p = fp.fingerprint("one two three four five six seven")
    assert p.signature[:3].tolist() == [2103535037, 1058548598, 76219813]
    assert fp.band_keys(p.signature[None, :])[0, :2].tolist() == [-3093665386912925217, 8064146911418766956]


def test_batch_tokens_are_the_tokens_of_each_text() -> None:
    # the batch finds tokens as runs of the code points Python's own \\w matches: any text gives tokens() exactly
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from parley.corpus.fingerprint import _batch_tokens, _token_hash

    text = st.text(st.characters(), max_size=60)
    tricky = st.sampled_from(["", " ", "İstanbul ÇAĞ", "ｆｕｌｌ ＡＢＣ １２３", "नमस्ते दुनिया", "a_b __c_", "\u0301x",
                              "x²y³ ½ Ⅻ", "日本語、テキスト。", "👍 emoji 🇺🇸", "tab\tnew\nline", "ǅemal ﬁne"])

    @settings(max_examples=200, deadline=None, derandomize=True, database=None)
    @given(st.lists(st.one_of(text, tricky), max_size=8))
    def check(texts: list[str]) -> None:
        hashes, counts = _batch_tokens(texts)
        assert counts.tolist() == [len(tokens(t)) for t in texts]
        assert hashes.tolist() == [_token_hash(w) for t in texts for w in tokens(t)]

    check()


def test_signatures_are_datasketch_minhash() -> None:
    fp = Fingerprinter()
    sets = shingle_batch([STORY, _edit(STORY, 0.1, 1), "", "a b c"])
    batch = fp.signatures(sets)
    for s, sig in zip(sets, batch, strict=True):
        reference = MinHash(num_perm=fp.num_perm, seed=fp.seed, hashfunc=lambda x: x, scheme="affine32")
        if s.size:
            reference.update_batch(s.tolist())
        assert (reference.hashvalues == sig).all()


def test_band_keys_collide_exactly_when_datasketch_lsh_does() -> None:
    fp = Fingerprinter()
    texts = [STORY, _edit(STORY, 0.05, 2), _edit(STORY, 0.3, 3), _edit(STORY, 0.6, 4), "unrelated words " * 20]
    prints = fp.fingerprints(texts)
    keys = fp.band_keys(np.stack([p.signature for p in prints]))
    lsh = MinHashLSH(num_perm=fp.num_perm, params=(fp.bands, fp.rows))
    for i, p in enumerate(prints):
        lsh.insert(i, fp.restore(p.signature))
    for i, p in enumerate(prints):
        ours = {j for j in range(len(texts)) if (keys[i] == keys[j]).any()}
        assert ours == set(lsh.query(fp.restore(p.signature)))


def test_verifier_light_edits_truncation_and_briefs() -> None:
    v = Verifier()
    a = shingles(STORY)
    assert v.same(a, shingles(_edit(STORY, 0.03, 5)))
    assert v.same(a, shingles(STORY[: len(STORY) * 2 // 3]))  # truncated republication: containment
    assert not v.same(a, shingles("Completely different text about football results and the weather this weekend " * 3))
    # two briefs differing by one word are not enough to call them one story
    assert not v.same(shingles("Paragraph one of art1. Russia will not agree to talks, the diplomat said."),
                      shingles("Paragraph one of art2. Russia will not agree to talks, the diplomat said."))
    assert overlap(a, a) == a.size and overlap(a, np.empty(0, np.uint32)) == 0


def test_published_at_and_order() -> None:
    assert published_at("2023-05-10T09:30:00+03:00") == datetime(2023, 5, 10, 6, 30)
    assert published_at("2023-05-10T09:30:00Z") == datetime(2023, 5, 10, 9, 30)
    assert published_at("2023-05-10") == datetime(2023, 5, 10, 23, 59, 59, 999999)  # a bare day: its end
    assert published_at("2023-02") == datetime(2023, 2, 28, 23, 59, 59, 999999)
    assert published_at("2023").month == 12
    assert published_at("yesterday") is None and published_at(None) is None
    seen = datetime(2024, 1, 1)
    early = order_key(published_at("2023-05-10T09:30:00Z"), seen, "b")
    assert early < order_key(published_at("2023-05-10"), seen, "a") < order_key(None, datetime(2000, 1, 1), "c")


def test_deduplicator_on_generated_corpus(corpus: list) -> None:
    d = Deduplicator(batch_size=300)
    d.add(Item(doc.url, doc.text, doc.published) for doc in corpus)
    truth = {doc.url: doc.story for doc in corpus}
    precision, recall = pairwise(truth, {doc.url: d.cluster_of(doc.url) for doc in corpus})
    assert precision >= 0.97 and recall >= 0.97
    origins = {doc.url for doc in corpus if doc.origin}
    right = sum(d.earliest(c) in origins for c in d.clusters())
    assert right >= 0.95 * len(d.clusters())
    first = corpus[0]
    assert d.duplicate_of(first.url) is None
    copy = next(doc for doc in corpus if doc.story == first.story and not doc.origin)
    assert d.duplicate_of(copy.url) == first.url


def test_clusters_do_not_depend_on_order_or_batching(corpus: list) -> None:
    def partition(items: list, batch: int) -> set[frozenset[str]]:
        d = Deduplicator(batch_size=batch)
        d.add(Item(doc.url, doc.text, doc.published) for doc in items)
        return {frozenset(m) for m in d.clusters().values()}

    shuffled = corpus[:]
    random.Random(3).shuffle(shuffled)
    assert partition(corpus, 2000) == partition(shuffled, 97)


@pytest.mark.parametrize("one_by_one", [0, 10**9])
def test_clusters_are_the_components_of_the_verified_candidate_pairs(
        corpus: list, one_by_one: int, monkeypatch: pytest.MonkeyPatch) -> None:
    from parley.corpus import cluster

    # brute force: every pair sharing an LSH band, with an estimate at the floor or above, verified
    linker = Linker()
    prints = linker.fingerprinter.fingerprints([doc.text for doc in corpus])
    keys = linker.fingerprinter.band_keys(np.stack([p.signature for p in prints]))
    parent = list(range(len(corpus)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, j in band_pairs(keys).tolist():
        close = (prints[i].signature == prints[j].signature).mean() >= linker.verifier.floor
        if close and linker.verifier.same(prints[i].shingles, prints[j].shingles):
            parent[root(i)] = root(j)
    expected: dict[int, set[str]] = {}
    for i, doc in enumerate(corpus):
        expected.setdefault(root(i), set()).add(doc.url)
    # in rounds only (0), or one pair after another (10**9): the same components
    monkeypatch.setattr(cluster, "_ONE_BY_ONE", one_by_one)
    d = Deduplicator(linker, batch_size=len(corpus))
    d.add(Item(doc.url, doc.text, doc.published) for doc in corpus)
    assert {frozenset(m) for m in d.clusters().values()} == {frozenset(m) for m in expected.values()}
    assert d.verified < len(band_pairs(keys)) // 4  # pairs already joined are not verified


def test_a_bridging_copy_merges_clusters() -> None:
    # b and c are too far apart to be linked directly; a, which arrives last, links both.
    words = STORY.split()
    a = " ".join(words)
    b = " ".join(words[: len(words) * 3 // 5])
    c = " ".join(words[len(words) * 2 // 5:])
    v = Verifier()
    assert not v.same(shingles(b), shingles(c)) and v.same(shingles(a), shingles(b)) and v.same(shingles(a), shingles(c))
    d = Deduplicator(batch_size=1)
    d.add([Item("b", b, "2023-01-02"), Item("c", c, "2023-01-03")])
    assert d.cluster_of("b") != d.cluster_of("c")
    d.add([Item("a", a, "2023-01-01T08:00:00Z")])
    assert d.cluster_of("a") == d.cluster_of("b") == d.cluster_of("c")
    assert d.duplicate_of("b") == d.duplicate_of("c") == "a" and d.duplicate_of("a") is None


def test_linker_keeps_empty_texts_apart() -> None:
    d = Deduplicator(Linker())
    d.add([Item("x", ""), Item("y", ""), Item("z", STORY)])
    assert len({d.cluster_of(i) for i in "xyz"}) == 3


def test_network_edges_delays_and_groups() -> None:
    rows = []
    for story in range(10):
        for copier in ("m1.test", "m2.test"):
            rows.append({"cluster": f"s{story}", "origin": "state.test", "copier": copier,
                         "delay_s": 3600 * (1 if copier == "m1.test" else 5), "seen_delay_s": None})
    for story in range(10, 20):
        rows.append({"cluster": f"s{story}", "origin": "other.test", "copier": "m3.test", "delay_s": None,
                     "seen_delay_s": 60})
    net = build_network(rows, min_shared=3, min_lift=1.0)
    edges = {(e.origin, e.copier): e for e in net.edges}
    assert edges["state.test", "m1.test"].copies == 10 and edges["state.test", "m1.test"].median_delay_h == 1.0
    assert edges["state.test", "m2.test"].median_delay_h == 5.0
    assert edges["other.test", "m3.test"].median_delay_h is None
    assert net.origins["state.test"] == {"stories": 10, "copies": 20, "copiers": 2, "median_delay_h": 3.0}
    assert net.groups == [["m1.test", "m2.test", "state.test"], ["m3.test", "other.test"]]
    text = format_network(net)
    assert "state.test" in text and "content-sharing groups of sites (2)" in text


def test_synth_is_deterministic_and_marked() -> None:
    a, b = generate(300, seed=4), generate(300, seed=4)
    assert [x.to_json() for x in a] == [x.to_json() for x in b]
    assert set(a[0].to_json()) == {"url", "published", "title", "text"}
    by_story = Counter(doc.story for doc in a)
    assert max(by_story.values()) > 1  # republication happens
    assert all(sum(d.origin for d in a if d.story == s) <= 1 for s in by_story)
    assert all(".example" in d.domain or d.domain.endswith(".test") for d in a)
    gen = CorpusGenerator(4)
    rec = record(next(gen.documents(1)))
    assert rec["schema_version"] == 1 and rec["events"] and rec["text"] == "\n\n".join(rec["body"])


def test_a_batch_shingles_and_pairs_like_one_text_at_a_time() -> None:
    texts = [STORY, "", "two words", "one two three four five", _edit(STORY, 0.1, 2), "x", "", STORY]
    assert [s.tolist() for s in shingle_batch(texts)] == [shingles(t).tolist() for t in texts]
    assert shingle_batch([]) == []
    keys = np.random.default_rng(3).integers(0, 4, size=(40, 5))
    brute = [[a, b] for a, b in combinations(range(40), 2) if (keys[a] == keys[b]).any()]
    assert band_pairs(keys).tolist() == brute
    assert band_pairs(keys[:1]).shape == (0, 2)


def test_a_batchs_own_pairs_less_some_items_are_those_of_the_rest() -> None:
    texts = [STORY, "", _edit(STORY, 0.1, 2), "two words", _edit(STORY, 0.2, 3), STORY, "", _edit(STORY, 0.05, 4)]
    linker = Linker()
    prints = linker.fingerprinter.fingerprints(texts)
    whole = linker.inside(prints)
    assert whole.later.size >= 6  # the copies of STORY pair with each other
    for kept in ([True] * 8, [False, True, True, False, True, True, False, False], [True, False] * 4, [False] * 7 + [True]):
        mask = np.array(kept)
        expected = linker.inside([p for p, k in zip(prints, kept, strict=True) if k])
        got = whole.among(mask)
        for field in ("rows", "signatures", "keys", "later", "earlier", "estimates"):
            assert getattr(got, field).tolist() == getattr(expected, field).tolist(), field
