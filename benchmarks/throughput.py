"""End-to-end throughput and peak memory of parley next to bare spaCy `nlp.pipe` on the same texts.

Reads the bundled examples, repeats them to --articles documents, then, each in a fresh process so peaks do not mix:
  parley   read → recover → parse → actors → quotes → events (Pipeline.process_stream)
  spacy    nlp.pipe over the recovered body texts with the same model as spaCy ships it (bare spaCy)
  tuned    the same through parley's copy of the pipeline (attribute ruler and lemmatizer memoised)
and prints articles/second, peak RSS, and parley's rate as a fraction of bare and of tuned spaCy. Every
process runs with one BLAS thread, parley's setting (made when parley is imported, here before the processes
start, so bare spaCy inherits it too; `scale.py` also measures spaCy with its default thread pool).

    python benchmarks/throughput.py [--articles 2000]
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import platform
import resource
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _documents(n: int) -> list:
    from parley.ingest import read_inputs
    from parley.records import RawDocument

    base = [d for d in read_inputs([str(ROOT / "examples" / "corpus")]) if isinstance(d, RawDocument)]
    docs = []
    for i in range(n):
        d = base[i % len(base)]
        docs.append(replace(d, path=f"{d.path}#{i}"))
    return docs


def _run_parley(n: int, out: mp.Queue) -> None:
    from parley.pipeline import Pipeline

    docs = _documents(n)
    pipeline = Pipeline()
    t0 = time.perf_counter()
    count = sum(1 for a in pipeline.process_stream(docs) if hasattr(a, "events"))
    dt = time.perf_counter() - t0
    out.put({"articles": count, "seconds": dt, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})


def _run_spacy(n: int, out: mp.Queue, tuned: bool = False) -> None:
    import spacy

    from parley.nlp import load_nlp, model_package
    from parley.pipeline import recover

    texts = [recover(d).text for d in _documents(n)]
    nlp = load_nlp() if tuned else spacy.load(model_package())
    t0 = time.perf_counter()
    count = sum(1 for _ in nlp.pipe(texts, batch_size=16))
    dt = time.perf_counter() - t0
    out.put({"articles": count, "seconds": dt, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})


def _run_tuned(n: int, out: mp.Queue) -> None:
    _run_spacy(n, out, tuned=True)


def _measure(target, n: int) -> dict:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=target, args=(n, queue))
    proc.start()
    result = queue.get()
    proc.join()
    result["per_second"] = result["articles"] / result["seconds"]
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=2000, help="documents to process (examples repeated)")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = ap.parse_args()
    from parley.nlp import model_name  # imports parley: its one-BLAS-thread setting, inherited by every process below

    spacy_r = _measure(_run_spacy, args.articles)
    tuned_r = _measure(_run_tuned, args.articles)
    parley_r = _measure(_run_parley, args.articles)
    report = {"model": model_name(), "python": platform.python_version(), "articles": args.articles, "parley": parley_r, "spacy_nlp_pipe": spacy_r,
              "tuned_nlp_pipe": tuned_r,
              "parley_vs_spacy": round(parley_r["per_second"] / spacy_r["per_second"], 3),
              "parley_vs_tuned": round(parley_r["per_second"] / tuned_r["per_second"], 3)}
    if args.json:
        print(json.dumps(report))
        return
    print(f"model {report['model']}, Python {report['python']}, {args.articles} articles, one process each")
    for name, r in (("parley end-to-end", parley_r), ("bare nlp.pipe", spacy_r), ("tuned nlp.pipe", tuned_r)):
        print(f"  {name:18} {r['per_second']:7.1f} articles/s   {r['seconds']:7.1f} s   peak {r['peak_mb']:6.0f} MB")
    print(f"  parley / spaCy rate: {report['parley_vs_spacy']:.2f} bare, {report['parley_vs_tuned']:.2f} tuned")


if __name__ == "__main__":
    sys.exit(main())
