"""Scale-out figures: articles/second of `parley run` with 1 and 2 workers, per-worker peak memory, and the
rate as a fraction of bare spaCy ``nlp.pipe`` on the same texts with as many processes.

The bundled examples are repeated to --articles documents in one JSON Lines file, which the planner cuts
into record ranges of --records-per-shard. Every configuration runs --repeat times (default 2); each try is
printed, and the fastest counts for scaling. What each figure includes:

  cold   wall time of the whole `run()`: pool or cluster start, imports and model load in every worker,
         planning, all shards (read, stages, Parquet, markers)
  warm   (dask) wall time of `run()` on a cluster whose workers have already loaded the model: planning,
         scheduling, all shards
  busy   articles / the busiest worker's summed shard seconds (from the completion markers): read, stages,
         Arrow and Parquet, nothing else; the steady rate, comparable to the baseline
  cpu    articles per CPU-second of the workers on their shards (robust to other load on the machine)
  peak   largest peak RSS of any worker process

Baselines, each in fresh processes, timed from a common start after the model is loaded:
  bodies    bare spaCy: the model as shipped (``spacy.load``), ``nlp.pipe(batch_size=16)`` over the
            recovered body texts, split across 1 or 2 processes, with one BLAS thread per process as parley
            runs; the issue's yardstick (parley / spaCy >= 0.8)
            (batch 16 is its fastest setting here: spaCy's default of 1000 is slower)
  shipped   the same, with numpy's default BLAS thread pool (one thread per CPU), as a plain `import spacy`
            process runs it: what parley's one-thread setting (parley/__init__.py) saves
  tuned     the same texts through parley's own copy of the pipeline (load_nlp: the attribute ruler and
            lemmatizer memoised, identical annotations): the stricter yardstick, parsing as fast as parley parses
  parsed    bare spaCy over the bodies plus each article's headline and standfirst strings, which parley
            also parses (for quotes in them)
and, robust to other load, the CPU time of process_shard over every shard next to nlp.pipe over the body
texts (bare and tuned), alternately in one process. Targets: 2-worker / 1-worker >= 1.7, peak <= 1.5 GB per worker,
parley / spaCy >= 0.8. Shards hold parley's default number of records. The machine's load average is printed alongside, because other work on a 2-core
machine skews every wall-clock figure.

    python benchmarks/scale.py [--articles 800] [--records-per-shard 200] [--engines local,dask] [--repeat 2] [--json]
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def make_corpus(n: int, folder: Path) -> tuple[Path, list[list[str]]]:
    """The examples repeated to n JSONL records (HTML pages as html, text dumps as text), and for each the
    texts parley parses: its recovered body, then its headline and standfirst when it has them."""
    from parley.ingest import read_inputs
    from parley.pipeline import recover
    from parley.records import RawDocument

    base = [d for d in read_inputs([str(ROOT / "examples" / "corpus")]) if isinstance(d, RawDocument)]
    recovered = [recover(d) for d in base]
    texts = [[r.text, *(s for s in (r.title, r.standfirst) if s)] for r in recovered]
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


def _nlp(tuned: bool) -> Any:
    """parley's pipeline (tuned) or the model exactly as spaCy loads it (bare)."""
    import spacy

    from parley.nlp import load_nlp, model_package

    return load_nlp() if tuned else spacy.load(model_package())


def _spacy_worker(articles: list[list[str]], tuned: bool, ready: Any, go: Any, out: Any) -> None:
    nlp = _nlp(tuned)
    texts = [text for texts in articles for text in texts]
    list(nlp.pipe(texts[:4]))  # warm
    ready.set()
    go.wait()
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    out.put({"articles": len(articles), "seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0,
             "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})


def bare_spacy(articles: list[list[str]], processes: int, tuned: bool = False, blas_pool: bool = False) -> dict[str, Any]:
    """nlp.pipe over the articles' texts split across fresh processes, timed from a common start after model load;
    ``blas_pool``: without parley's one-BLAS-thread setting, which the processes otherwise inherit."""
    ctx = mp.get_context("spawn")
    go, queue = ctx.Event(), ctx.Queue()
    procs, readies = [], []
    setting = os.environ.pop("OPENBLAS_NUM_THREADS", None) if blas_pool else None
    try:
        for k in range(processes):
            ready = ctx.Event()
            p = ctx.Process(target=_spacy_worker, args=(articles[k::processes], tuned, ready, go, queue))
            p.start()
            procs.append(p)
            readies.append(ready)
    finally:
        if setting is not None:
            os.environ["OPENBLAS_NUM_THREADS"] = setting
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
    bare = _nlp(tuned=False)
    for nlp in (pipeline.nlp, bare):
        list(nlp.pipe(texts[:4]))
    cpu: dict[str, list[float]] = {"parley": [], "bare": [], "tuned": []}
    for round_ in range(2):  # interleaved, so that other load on the machine hits all alike
        c0 = time.process_time()
        for shard in shards:
            process_shard(shard, f"{scratch}/paired-{round_}", force=True, pipeline=pipeline)
        cpu["parley"].append(time.process_time() - c0)
        for name, nlp in (("bare", bare), ("tuned", pipeline.nlp)):
            c0 = time.process_time()
            sum(1 for _ in nlp.pipe(texts, batch_size=16))
            cpu[name].append(time.process_time() - c0)
    best = {name: min(times) for name, times in cpu.items()}
    out.put({"parley_cpu_seconds": round(best["parley"], 2), "spacy_cpu_seconds": round(best["bare"], 2),
             "tuned_cpu_seconds": round(best["tuned"], 2), "ratio": round(best["bare"] / best["parley"], 3),
             "ratio_tuned": round(best["tuned"] / best["parley"], 3)})


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
    busy: dict[str, float] = {}
    for r in results:
        busy[r.worker] = busy.get(r.worker, 0.0) + r.seconds
    return {"articles": summary.articles, "errors": summary.errors, "shards": summary.shards, "failed": summary.failed,
            "seconds": round(wall, 2), "per_second": round(summary.articles / wall, 2),
            "busy_per_second": round(summary.articles / max(busy.values()), 2) if busy else None,
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
    from distributed import Client

    from parley.distributed import local_cluster, run
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
    with local_cluster(workers, dashboard_address=":0") as cluster, Client(cluster) as client:
        client.run(_warm)
        out = scratch / f"dask-warm-{workers}"
        shutil.rmtree(out, ignore_errors=True)
        t0 = time.perf_counter()
        summary = run([str(corpus)], out, engine="dask", scheduler=cluster.scheduler_address, progress=False,
                      echo=None, records_per_shard=per_shard)
        result["warm"] = _figures(summary, time.perf_counter() - t0)
        result["warm"]["peak_mb"] = round(max(client.run(peak_rss_mb).values()))
    return result


def rate(run: dict[str, Any], mode: str) -> float | None:
    """A try's articles/second in one mode: cold or warm wall time, or busy (from the cold run's markers)."""
    if mode == "busy":
        return run["cold"].get("busy_per_second")
    return run[mode]["per_second"] if mode in run else None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    from parley.distributed import RECORDS_PER_SHARD

    ap.add_argument("--articles", type=int, default=800, help="documents (the examples repeated; default 800)")
    ap.add_argument("--records-per-shard", type=int, default=RECORDS_PER_SHARD,
                    help=f"records per shard (default {RECORDS_PER_SHARD}, as `parley run`)")
    ap.add_argument("--workers", default="1,2", help="worker counts to try (default 1,2)")
    ap.add_argument("--engines", default="local,dask", help="engines to try (default local,dask)")
    ap.add_argument("--repeat", type=int, default=2,
                    help="tries of each configuration (default 2); each is printed, the fastest counts for scaling")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = ap.parse_args()
    counts = [int(w) for w in args.workers.split(",")]
    engines = args.engines.split(",")

    from parley.nlp import model_name

    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="parley-scale-") as tmp:
        scratch = Path(tmp)
        corpus, texts = make_corpus(args.articles, scratch)
        bodies = [t[:1] for t in texts]
        same_process = paired(corpus, [t[0] for t in texts], args.records_per_shard, scratch)
        spacy: dict[str, dict[int, list[dict[str, Any]]]] = {"bodies": {}, "shipped": {}, "tuned": {}, "parsed": {}}
        runs: list[dict[str, Any]] = []
        for k in range(args.repeat):  # tries interleaved, so that a burst of other load hits every configuration alike
            for w in counts:
                spacy["bodies"].setdefault(w, []).append(bare_spacy(bodies, w))
                spacy["shipped"].setdefault(w, []).append(bare_spacy(bodies, w, blas_pool=True))
                spacy["tuned"].setdefault(w, []).append(bare_spacy(bodies, w, tuned=True))
                spacy["parsed"].setdefault(w, []).append(bare_spacy(texts, w))
            for engine in engines:
                for w in counts:
                    bench = bench_local if engine == "local" else bench_dask
                    runs.append({**bench(corpus, w, args.records_per_shard, scratch), "try": k + 1})
    base = {name: {w: max(r["per_second"] for r in tries) for w, tries in by.items()} for name, by in spacy.items()}
    report: dict[str, Any] = {
        "model": model_name(), "python": platform.python_version(), "articles": args.articles, "records_per_shard": args.records_per_shard,
        "cpus": os.cpu_count(), "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in os.getloadavg()], "same_process": same_process, "spacy": spacy,
        "spacy_best": base, "runs": runs}
    for engine in engines:
        for mode in ("cold", "warm", "busy"):
            rates = {w: max((rate(r, mode) or 0.0 for r in runs if r["engine"] == engine and r["workers"] == w),
                            default=0.0) for w in counts}
            if all(rates.values()):
                report[f"{engine}_{mode}"] = {
                    "per_second": rates,
                    **{f"vs_spacy_{name}": {w: round(v / base[name][w], 3) for w, v in rates.items()} for name in base},
                    **({"scaling": round(rates[2] / rates[1], 2)} if 1 in rates and 2 in rates else {})}
    if args.json:
        print(json.dumps(report))
        return 0
    print_report(report, args.repeat)
    return 0


BASELINES = {"bodies": "bare, bodies", "shipped": "bare, bodies, default BLAS threads",
             "tuned": "parley's tuned copy, bodies", "parsed": "bare, bodies + headlines"}


def print_report(report: dict[str, Any], repeat: int) -> None:
    """The report as a table: every try, then the best of each configuration against the baselines."""
    same = report["same_process"]
    print(f"model {report['model']}, Python {report['python']}, {report['articles']} articles, {report['records_per_shard']} records per shard, "
          f"{report['cpus']} CPUs, {repeat} tries each, load average {report['loadavg_before'][0]} before / "
          f"{report['loadavg_after'][0]} after")
    print(f"  same process, by CPU time: parley shards {same['parley_cpu_seconds']} s, nlp.pipe over the bodies "
          f"{same['spacy_cpu_seconds']} s bare / {same['tuned_cpu_seconds']} s tuned: parley / spaCy rate "
          f"{same['ratio']:.2f} bare / {same['ratio_tuned']:.2f} tuned")
    for name, by in report["spacy"].items():
        for w, tries in by.items():
            print(f"  nlp.pipe ({BASELINES[name]}), {w} process(es): "
                  + ", ".join(f"{t['per_second']:.1f}" for t in tries) + f" articles/s  (peak {tries[0]['peak_mb']} MB)")
    for r in report["runs"]:
        for mode in ("cold", "warm"):
            if mode in r:
                f = r[mode]
                busy = f" busy {f['busy_per_second']:6.1f}" if f.get("busy_per_second") else ""
                print(f"  try {r['try']} {r['engine']:5} {mode} {r['workers']} worker(s): {f['per_second']:6.1f} articles/s "
                      f"in {f['seconds']:6.1f} s,{busy}, {f['per_cpu_second']} per CPU-s, peak {f['peak_mb']} MB/worker, "
                      f"failed {f['failed']}")
    for key, value in report.items():
        if isinstance(value, dict) and "vs_spacy_bodies" in value:
            rates = ", ".join(f"{w}w {v:.1f}/s" for w, v in value["per_second"].items())
            versus = ", ".join(name + " " + " ".join(f"{w}w {v:.2f}" for w, v in value[f"vs_spacy_{name}"].items())
                               for name in BASELINES)
            scaling = f"; scaling {value['scaling']:.2f}x" if "scaling" in value else ""
            print(f"  best {key:11}: {rates}; vs nlp.pipe {versus}{scaling}")


if __name__ == "__main__":
    sys.exit(main())
