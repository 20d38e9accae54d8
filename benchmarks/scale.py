"""Scale-out figures: articles/second of `parley run` with 1 and 2 workers, per-worker peak memory, and the
rate as a fraction of bare spaCy ``nlp.pipe`` on the same texts with as many processes.

The bundled examples are repeated to --articles documents in one JSON Lines file, which the planner cuts
into record ranges of --records-per-shard. For each engine and worker count it reports:

  cold   wall time of the whole command: pool or cluster start, model loads, all shards
  warm   (dask) wall time of run() on a cluster whose workers have already loaded the model
  cpu    articles per CPU-second of the workers (robust to other load on the machine)
  peak   largest peak RSS of any worker process

and the baseline: the recovered body texts through ``nlp.pipe(batch_size=16)`` in 1 and in 2 fresh
processes (each taking half), timed after the model is loaded; and, robust to other load, the CPU time of
process_shard over every shard next to nlp.pipe over the same texts, alternately in one process. Targets: 2-worker / 1-worker >= 1.7,
peak <= 1.5 GB per worker, parley / spaCy >= 0.8. The machine's load average is printed alongside,
because other work on a 2-core machine skews every wall-clock figure.

    python benchmarks/scale.py [--articles 400] [--records-per-shard 25] [--engines local,dask] [--repeat 1] [--json]
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def make_corpus(n: int, folder: Path) -> tuple[Path, list[str]]:
    """The examples repeated to n JSONL records (HTML pages as html, text dumps as text), and their texts."""
    from parley.ingest import read_inputs
    from parley.pipeline import recover
    from parley.records import RawDocument

    base = [d for d in read_inputs([str(ROOT / "examples" / "corpus")]) if isinstance(d, RawDocument)]
    texts = [recover(d).text for d in base]
    path = folder / "bench.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            d = base[i % len(base)]
            field = "text" if d.format == "text" else "html"
            line: dict[str, Any] = {field: d.content, "url": f"https://bench.example/{i}"}
            if d.title:
                line["title"] = d.title
            if d.published:
                line["published"] = d.published
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    return path, [texts[i % len(texts)] for i in range(n)]


# ---- bare spaCy ---------------------------------------------------------------------------


def _spacy_worker(texts: list[str], ready: Any, go: Any, out: Any) -> None:
    from parley.nlp import load_nlp

    nlp = load_nlp()
    list(nlp.pipe(texts[:4]))  # warm
    ready.set()
    go.wait()
    t0, c0 = time.perf_counter(), time.process_time()
    count = sum(1 for _ in nlp.pipe(texts, batch_size=16))
    out.put({"articles": count, "seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0,
             "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})


def bare_spacy(texts: list[str], processes: int) -> dict[str, Any]:
    """nlp.pipe over the texts split across fresh processes, timed from a common start after model load."""
    ctx = mp.get_context("spawn")
    go, queue = ctx.Event(), ctx.Queue()
    procs, readies = [], []
    for k in range(processes):
        ready = ctx.Event()
        p = ctx.Process(target=_spacy_worker, args=(texts[k::processes], ready, go, queue))
        p.start()
        procs.append(p)
        readies.append(ready)
    for ready in readies:
        ready.wait()
    t0 = time.perf_counter()
    go.set()
    results = [queue.get() for _ in procs]
    wall = time.perf_counter() - t0
    for p in procs:
        p.join()
    articles = sum(r["articles"] for r in results)
    return {"processes": processes, "articles": articles, "seconds": round(wall, 2),
            "per_second": round(articles / wall, 2), "per_cpu_second": round(articles / sum(r["cpu"] for r in results), 2),
            "peak_mb": round(max(r["peak_mb"] for r in results))}


def _paired(corpus: str, texts: list[str], per_shard: int, scratch: str, out: Any) -> None:
    from parley.pipeline import Pipeline
    from parley.shards import plan, process_shard

    pipeline = Pipeline()
    shards = plan([corpus], per_shard)
    list(pipeline.nlp.pipe(texts[:4]))
    parley_cpu, spacy_cpu = [], []
    for round_ in range(2):  # interleaved, so that other load on the machine hits both alike
        c0 = time.process_time()
        for shard in shards:
            process_shard(shard, f"{scratch}/paired-{round_}", force=True, pipeline=pipeline)
        parley_cpu.append(time.process_time() - c0)
        c0 = time.process_time()
        sum(1 for _ in pipeline.nlp.pipe(texts, batch_size=16))
        spacy_cpu.append(time.process_time() - c0)
    out.put({"parley_cpu_seconds": round(min(parley_cpu), 2), "spacy_cpu_seconds": round(min(spacy_cpu), 2),
             "ratio": round(min(spacy_cpu) / min(parley_cpu), 3)})


def paired(corpus: Path, texts: list[str], per_shard: int, scratch: Path) -> dict[str, Any]:
    """parley's shards and bare nlp.pipe on the same texts, alternately in one process, by CPU time."""
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    p = ctx.Process(target=_paired, args=(str(corpus), texts, per_shard, str(scratch), queue))
    p.start()
    result = queue.get()
    p.join()
    return result


# ---- parley run ---------------------------------------------------------------------------


def _figures(summary: Any, wall: float) -> dict[str, Any]:
    results = summary.results
    cpu = sum(r.cpu_seconds for r in results)
    peaks: dict[str, float] = {}
    for r in results:
        peaks[r.worker] = max(peaks.get(r.worker, 0.0), r.peak_rss_mb)
    return {"articles": summary.articles, "errors": summary.errors, "shards": summary.shards, "failed": summary.failed,
            "seconds": round(wall, 2), "per_second": round(summary.articles / wall, 2),
            "per_cpu_second": round(summary.articles / cpu, 2) if cpu else None,
            "workers_seen": len(peaks), "peak_mb": round(max(peaks.values())) if peaks else None}


def bench_local(corpus: Path, workers: int, per_shard: int, scratch: Path) -> dict[str, Any]:
    from parley.distributed import run

    out = scratch / f"local-{workers}"
    shutil.rmtree(out, ignore_errors=True)
    t0 = time.perf_counter()
    summary = run([str(corpus)], out, engine="local", workers=workers, progress=False, echo=None,
                  records_per_shard=per_shard)
    return {"engine": "local", "workers": workers, "cold": _figures(summary, time.perf_counter() - t0)}


def _warm() -> float:
    from parley.shards import peak_rss_mb, worker_pipeline

    worker_pipeline()
    return peak_rss_mb()


def bench_dask(corpus: Path, workers: int, per_shard: int, scratch: Path) -> dict[str, Any]:
    from distributed import Client, LocalCluster

    from parley.distributed import run
    from parley.shards import peak_rss_mb

    result: dict[str, Any] = {"engine": "dask", "workers": workers}
    # Cold: parley starts its own LocalCluster, as `parley run --engine dask --workers N` does.
    out = scratch / f"dask-cold-{workers}"
    shutil.rmtree(out, ignore_errors=True)
    t0 = time.perf_counter()
    summary = run([str(corpus)], out, engine="dask", workers=workers, progress=False, echo=None,
                  records_per_shard=per_shard)
    result["cold"] = _figures(summary, time.perf_counter() - t0)
    # Warm: an existing cluster whose workers have loaded the model, as with --scheduler.
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=40) as cluster, Client(cluster) as client:
        client.run(_warm)
        out = scratch / f"dask-warm-{workers}"
        shutil.rmtree(out, ignore_errors=True)
        t0 = time.perf_counter()
        summary = run([str(corpus)], out, engine="dask", scheduler=cluster.scheduler_address, progress=False,
                      echo=None, records_per_shard=per_shard)
        result["warm"] = _figures(summary, time.perf_counter() - t0)
        result["warm"]["peak_mb"] = round(max(client.run(peak_rss_mb).values()))
    return result


def best(tries: list[dict[str, Any]]) -> dict[str, Any]:
    """The fastest of repeated measurements of one configuration (by its warm rate when it has one)."""
    def rate(r: dict[str, Any]) -> float:
        return float(r.get("warm", r.get("cold", r))["per_second"])

    return max(tries, key=rate)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=400, help="documents (the examples repeated)")
    ap.add_argument("--records-per-shard", type=int, default=25, help="records per shard (default 25)")
    ap.add_argument("--workers", default="1,2", help="worker counts to try (default 1,2)")
    ap.add_argument("--engines", default="local,dask", help="engines to try (default local,dask)")
    ap.add_argument("--repeat", type=int, default=1,
                    help="run each configuration this many times and keep the fastest (other load on the machine only slows runs down)")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = ap.parse_args()
    counts = [int(w) for w in args.workers.split(",")]
    engines = args.engines.split(",")

    from parley.nlp import model_name

    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="parley-scale-") as tmp:
        scratch = Path(tmp)
        corpus, texts = make_corpus(args.articles, scratch)
        same_process = paired(corpus, texts, args.records_per_shard, scratch)
        spacy = {w: best([bare_spacy(texts, w) for _ in range(args.repeat)]) for w in counts}
        runs = [best([bench_local(corpus, w, args.records_per_shard, scratch) if engine == "local"
                      else bench_dask(corpus, w, args.records_per_shard, scratch) for _ in range(args.repeat)])
                for engine in engines for w in counts]
    report = {"model": model_name(), "articles": args.articles, "records_per_shard": args.records_per_shard,
              "cpus": os.cpu_count(), "loadavg_before": [round(x, 2) for x in load_before],
              "loadavg_after": [round(x, 2) for x in os.getloadavg()], "same_process": same_process, "spacy": spacy,
              "runs": runs}
    for r in runs:
        for mode in ("cold", "warm"):
            if mode in r:
                base = spacy[r["workers"]]
                r[mode]["vs_spacy"] = round(r[mode]["per_second"] / base["per_second"], 3)
                if r[mode]["per_cpu_second"]:
                    r[mode]["vs_spacy_cpu"] = round(r[mode]["per_cpu_second"] / base["per_cpu_second"], 3)
    for engine in engines:
        for mode in ("cold", "warm"):
            rates = {r["workers"]: r[mode]["per_second"] for r in runs if r["engine"] == engine and mode in r}
            if 1 in rates and 2 in rates:
                report[f"scaling_{engine}_{mode}"] = round(rates[2] / rates[1], 2)
    if args.json:
        print(json.dumps(report))
        return 0
    print(f"model {report['model']}, {args.articles} articles, {args.records_per_shard} records per shard, "
          f"{report['cpus']} CPUs, load average {report['loadavg_before'][0]} before / {report['loadavg_after'][0]} after")
    print(f"  same process, by CPU time: parley shards {same_process['parley_cpu_seconds']} s, bare nlp.pipe "
          f"{same_process['spacy_cpu_seconds']} s: parley / spaCy rate {same_process['ratio']:.2f}")
    for w, s in spacy.items():
        print(f"  bare nlp.pipe, {w} process(es): {s['per_second']:7.1f} articles/s  ({s['per_cpu_second']:.1f} per CPU-s, "
              f"peak {s['peak_mb']} MB)")
    for r in runs:
        for mode in ("cold", "warm"):
            if mode not in r:
                continue
            f = r[mode]
            print(f"  {r['engine']:5} {mode} {r['workers']} worker(s): {f['per_second']:7.1f} articles/s in {f['seconds']:6.1f} s"
                  f"  ({f['per_cpu_second']} per CPU-s)  peak {f['peak_mb']} MB/worker  "
                  f"vs spaCy {f['vs_spacy']:.2f} (CPU {f.get('vs_spacy_cpu', 0):.2f})  failed {f['failed']}")
    for key, value in report.items():
        if key.startswith("scaling_"):
            print(f"  {key}: {value:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
