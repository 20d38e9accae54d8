"""Corpus-level work: near-duplicate clustering (MinHash LSH), earliest copies, republication networks.

Modules: fingerprint (shingles, MinHash signatures, LSH band keys, verification), cluster (the linking
algorithm, an in-memory index and Deduplicator), network (republication networks), synth (a synthetic
corpus with known republication), cli (command-line handlers). Import them directly: datasketch takes
about a second to load, which commands that only read the store should not pay.
"""
