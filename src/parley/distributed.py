"""Scale-out: the same stage chain over shards, on a local process pool or a Dask cluster.

:func:`run` plans shards (:mod:`parley.shards`), skips those a previous run finished, and has an
engine run :func:`parley.shards.process_shard` on the rest:

* ``local``: a pool of ``workers`` processes on this machine (spawned, one model each). A worker that
  dies takes its shard with it; the pool is rebuilt and the shard retried, alone, up to
  ``MAX_ATTEMPTS`` times.
* ``dask``: a Dask cluster — a fresh ``LocalCluster`` of ``workers`` single-threaded processes, or an
  existing one at ``scheduler``. Dask reschedules the tasks of a lost worker (up to its
  ``distributed.scheduler.allowed-failures``, 3 by default); every task is idempotent.

Each worker process loads the spaCy model and gazetteers once (:func:`parley.shards.worker_pipeline`).
Results are a Parquet dataset per table under the output directory; :func:`load_parquet` puts them
into the store.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import time
import uuid
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from parley.errors import ParleyError

if TYPE_CHECKING:
    from parley.shards import LoadResult, Shard, ShardResult
    from parley.store.db import Store

# The CLI imports this module to build its parser: the heavy parts (pyarrow, spaCy, Dask) load only
# when a run starts. parley.shards.RECORDS_PER_SHARD is the same number (a test checks).
RECORDS_PER_SHARD = 200

__all__ = ["MAX_ATTEMPTS", "RECORDS_PER_SHARD", "RunSummary", "add_run_parser", "cmd_run", "ingest_parquet", "load_parquet", "run"]

Engine = Literal["local", "dask"]
ENGINES = ("local", "dask")
MAX_ATTEMPTS = 3  # local engine: times a shard may be running when its worker dies before it counts as failed
EXIT_OK, EXIT_SKIPPED = 0, 1
SHOWN_ERRORS = 10  # input errors named in the summary; all of them are in OUT/errors/

log = logging.getLogger(__name__)


@dataclass
class RunSummary:
    """What a run did: shards done, skipped (finished earlier) and failed, and what they hold."""

    engine: str
    out_dir: str
    workers: int | None = None
    shards: int = 0
    done: int = 0
    skipped: int = 0
    failed: int = 0
    stale_removed: int = 0
    retried: int = 0  # local engine: shard attempts repeated because their worker process died
    documents: int = 0
    articles: int = 0
    quotes: int = 0
    events: int = 0
    errors: int = 0
    seconds: float = 0.0
    dashboard: str | None = None
    failures: list[str] = field(default_factory=list)  # "SHARD (where): why", one per failed shard
    error_samples: list[str] = field(default_factory=list)  # the first input errors, as `parley ingest` prints them
    results: list[ShardResult] = field(default_factory=list)

    def add(self, result: ShardResult) -> None:
        """Count one shard's result (processed now, or skipped as finished earlier)."""
        self.results.append(result)
        if result.skipped:
            self.skipped += 1
        else:
            self.done += 1
        self.documents += result.documents
        self.articles += result.articles
        self.quotes += result.quotes
        self.events += result.events
        self.errors += result.errors
        room = SHOWN_ERRORS - len(self.error_samples)
        if room > 0:
            self.error_samples.extend(result.samples[:room])

    def fail(self, shard: Shard, reason: str) -> None:
        """Count a shard that could not be processed (it has no marker, so a rerun tries it again)."""
        self.failed += 1
        self.failures.append(f"{shard.id} ({shard.describe()}): {reason}")

    @property
    def exit_code(self) -> int:
        """0 when every input was processed, 1 when some inputs were skipped or shards failed."""
        return EXIT_SKIPPED if self.errors or self.failed else EXIT_OK

    def format(self) -> str:
        """The end-of-run report, one `parley: ` line each, for stderr."""
        where = f"{self.engine}" + (f", {self.workers} worker(s)" if self.workers else "")
        lines = [f"skipped {msg}" for msg in self.error_samples]
        if self.errors > len(self.error_samples):
            lines.append(f"... {self.errors - len(self.error_samples)} more input error(s) in {self.out_dir}/errors/")
        lines += [f"shard failed: {msg}" for msg in self.failures]
        if self.retried:
            lines.append(f"{self.retried} shard attempt(s) repeated after a worker process died")
        lines.append(f"run finished in {self.seconds:.1f} s ({where}): {self.shards} shard(s), {self.done} done, "
                     f"{self.skipped} skipped (finished earlier), {self.failed} failed")
        lines.append(f"{self.articles} article(s), {self.quotes} quote(s), {self.events} event(s), "
                     f"{self.errors} input error(s) -> {self.out_dir}")
        if self.failed:
            lines.append("rerun the same command to retry the failed shards; finished ones are skipped")
        return "\n".join(f"parley: {line}" for line in lines)


def _echo(message: str) -> None:
    print(f"parley: {message}", file=sys.stderr, flush=True)


def run(inputs: Sequence[str], out_dir: str | Path, engine: Engine = "local", workers: int | None = None,
        scheduler: str | None = None, progress: bool = True, *, records_per_shard: int = RECORDS_PER_SHARD,
        echo: Callable[[str], None] | None = _echo) -> RunSummary:
    """Process inputs (files, directories, globs) into a Parquet dataset under out_dir, shard by shard.

    Finished shards of an earlier run into the same out_dir are skipped. Raises ParleyError for usage
    problems (unknown engine, no inputs, stdin, unreachable scheduler, unwritable out_dir); problems
    with inputs become rows of the errors table and never stop the run.
    """
    say = echo or (lambda _msg: None)
    t0 = time.perf_counter()
    if engine not in ENGINES:
        raise ParleyError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if workers is not None and workers < 1:
        raise ParleyError(f"--workers must be at least 1, got {workers}")
    if scheduler and engine != "dask":
        raise ParleyError("--scheduler needs --engine dask")
    if scheduler and workers is not None:
        raise ParleyError("--workers sizes a cluster parley starts; with --scheduler the cluster decides")
    if not inputs:
        raise ParleyError("no inputs given")
    out = Path(out_dir).expanduser().resolve()  # workers may run elsewhere: give them absolute paths
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ParleyError(f"{out_dir}: cannot create output directory ({exc.strerror or exc})") from exc
    if not os.access(out, os.W_OK):
        raise ParleyError(f"{out_dir}: output directory is not writable")

    from parley.shards import finished, plan, remove_stale

    shards = plan(inputs, records_per_shard)
    n_workers = None if scheduler else (workers or os.cpu_count() or 1)
    summary = RunSummary(engine=engine, out_dir=str(out_dir), workers=n_workers, shards=len(shards))
    summary.stale_removed = remove_stale(out, shards)
    todo = []
    for shard in shards:
        earlier = finished(shard, out)
        if earlier is None:
            todo.append(shard)
        else:
            summary.add(earlier)
    say(f"{len(shards)} shard(s) of up to {records_per_shard} document(s) planned; {summary.skipped} finished "
        f"earlier and skipped" + (f"; {summary.stale_removed} outdated shard(s) removed" if summary.stale_removed else ""))

    bar = _progress(len(shards), summary.skipped, progress and bool(todo))

    def done(result: ShardResult) -> None:
        # A shard planned as unfinished that reports "skipped" was finished by this run in an attempt
        # whose answer was lost with its worker (the retry found the marker): it counts as done.
        summary.add(replace(result, skipped=False))
        _tick(bar, summary)

    def failed(shard: Shard, reason: str) -> None:
        summary.fail(shard, reason)
        _tick(bar, summary)

    try:
        if todo and engine == "local":
            _run_local(todo, out, n_workers or 1, done, failed, summary)
        elif todo:
            _run_dask(todo, out, n_workers, scheduler, done, failed, summary, say)
    finally:
        if bar is not None:
            bar.close()
    summary.seconds = round(time.perf_counter() - t0, 2)
    return summary


def _progress(total: int, initial: int, show: bool) -> Any:
    if not show:
        return None
    from tqdm import tqdm

    return tqdm(total=total, initial=initial, unit="shard", desc="parley run", file=sys.stderr, dynamic_ncols=True)


def _tick(bar: Any, summary: RunSummary) -> None:
    if bar is not None:
        bar.set_postfix(articles=summary.articles, errors=summary.errors, failed=summary.failed, refresh=False)
        bar.update(1)


# ---- local engine -------------------------------------------------------------------------


def _run_local(todo: Sequence[Shard], out: Path, workers: int,
               done: Callable[[ShardResult], None], failed: Callable[[Shard, str], None], summary: RunSummary) -> None:
    """Shards over a spawned process pool, at most `workers` in flight so a dead worker's shards are known.

    A shard that was running when a worker died is retried alone (so an innocent neighbour is not
    blamed twice) and fails after MAX_ATTEMPTS such deaths.
    """
    from parley.shards import process_shard

    queue: deque[Shard] = deque(todo)
    attempts: dict[str, int] = {}
    context = multiprocessing.get_context("spawn")  # no fork: the parent may hold threads and locks
    pool: ProcessPoolExecutor | None = None
    inflight: dict[Future[ShardResult], Shard] = {}

    def settle(future: Future[ShardResult]) -> bool:
        """Report one finished future; True when its worker died (the shard is requeued or failed)."""
        shard = inflight.pop(future)
        exc = future.exception()
        if exc is None:
            done(future.result())
            return False
        if not isinstance(exc, BrokenProcessPool):
            failed(shard, f"{type(exc).__name__}: {exc}")
            return False
        attempts[shard.id] = attempts.get(shard.id, 0) + 1
        if attempts[shard.id] >= MAX_ATTEMPTS:
            failed(shard, f"its worker process died {attempts[shard.id]} times (out of memory? a crash in a native library?)")
        else:
            queue.appendleft(shard)
            summary.retried += 1
        return True

    try:
        while queue or inflight:
            if pool is None:
                pool = ProcessPoolExecutor(max_workers=min(workers, len(queue)), mp_context=context)
            # A shard that was running when a worker died runs alone until it succeeds or is given up.
            while queue and len(inflight) < workers and not any(attempts.get(s.id) for s in inflight.values()):
                if attempts.get(queue[0].id) and inflight:
                    break
                try:
                    future = pool.submit(process_shard, queue[0], str(out))
                except BrokenProcessPool:  # an idle worker died: nothing was running, start a new pool
                    break
                inflight[future] = queue.popleft()
            if not inflight:
                pool.shutdown(wait=True, cancel_futures=True)
                pool = None
                continue
            finished_now, _ = wait(inflight, return_when=FIRST_COMPLETED)
            broken = [settle(future) for future in finished_now]
            if any(broken):
                log.warning("a worker process died; restarting the pool and retrying the shard(s) it was running")
                wait(inflight)  # the pool is broken: everything still in flight ends now, most with it
                for future in list(inflight):
                    settle(future)
                pool.shutdown(wait=True, cancel_futures=True)
                pool = None
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


# ---- Dask engine --------------------------------------------------------------------------


PROFILER_SETTING = "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED"  # the user's choice of Dask's worker profiler


def local_cluster(workers: int | None, dashboard_address: str = ":8787") -> Any:
    """A LocalCluster of single-threaded worker processes, without Dask's aggressive heap trimming and without its
    sampling profiler.

    Dask starts workers with MALLOC_TRIM_THRESHOLD_=65536, so that freed memory goes back to the system
    at once; parley's workers free and reallocate the parser's arrays every batch, and with that setting
    spent about a tenth more CPU on fresh pages. Their peak is a few hundred MB either way. A value the
    user set in the environment still wins. The profiler samples every worker's stack a hundred times a
    second for the dashboard's Profile page (about 4% of a worker's CPU here); the task stream and progress
    stay. DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=True in the environment keeps it.
    """
    import dask
    from distributed import LocalCluster

    settings: dict[str, Any] = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}
    if PROFILER_SETTING not in os.environ:
        settings["distributed.worker.profile.enabled"] = False
    with dask.config.set(settings):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                            silence_logs=logging.ERROR, dashboard_address=dashboard_address)


def _run_dask(todo: Sequence[Shard], out: Path, workers: int | None, scheduler: str | None,
              done: Callable[[ShardResult], None], failed: Callable[[Shard, str], None],
              summary: RunSummary, say: Callable[[str], None]) -> None:
    """Shards as Dask tasks on a LocalCluster of single-threaded worker processes or an existing cluster."""
    from parley.shards import process_shard

    try:
        from distributed import Client, as_completed
    except ImportError as exc:
        raise ParleyError("the dask engine needs dask[distributed]: pip install 'distributed==2026.8.0'") from exc

    cluster = None
    try:
        if scheduler:
            try:
                client = Client(scheduler, timeout=30)
            except (OSError, TimeoutError) as exc:
                raise ParleyError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from exc
        else:
            cluster = local_cluster(workers)
            client = Client(cluster)
    except ParleyError:
        raise
    except Exception as exc:  # a cluster that cannot start is a usage problem, not a crash
        if cluster is not None:
            cluster.close()
        raise ParleyError(f"cannot start a local Dask cluster ({type(exc).__name__}: {exc})") from exc
    try:
        summary.dashboard = client.dashboard_link
        say(f"Dask dashboard: {summary.dashboard}" + ("" if _has_bokeh() or scheduler else
                                                      " (install bokeh>=3.1 to see it)"))
        token = uuid.uuid4().hex[:8]
        keys = [f"parley-shard-{s.id}-{token}" for s in todo]
        by_key = dict(zip(keys, todo, strict=True))
        futures = client.map(process_shard, todo, out_dir=str(out), key=keys, pure=False)
        for future in as_completed(futures):
            shard = by_key[future.key]
            if future.status == "error":
                error = future.exception()
                reason = f"{type(error).__name__}: {error}"
                if type(error).__name__ == "KilledWorker":
                    reason = f"workers died running it, again and again (out of memory? see the worker logs): {error}"
                failed(shard, reason)
            elif future.status == "cancelled":
                failed(shard, "cancelled (the cluster went away?)")
            else:
                done(future.result())
            future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def load_parquet(out_dir: str | Path, store: Store) -> LoadResult:
    """Load a run's finished shards into the store (see parley.shards.load_parquet)."""
    from parley.shards import load_parquet as load

    return load(out_dir, store)


def _has_bokeh() -> bool:
    import importlib.util

    return importlib.util.find_spec("bokeh") is not None


# ---- command line (wired into parley.cli by its owner) ------------------------------------

RUN_EPILOG = """\
examples:
  parley run examples/corpus --out runs/examples                        # local process pool, one worker per CPU
  parley run --engine dask 'crawl/*.warc.gz' feeds/ --out runs/cc --workers 8
  parley run --engine dask crawl/ --out /shared/runs/cc --scheduler tcp://10.0.0.5:8786
  parley ingest --from-parquet runs/examples --db news.duckdb

Rerunning the same command skips finished shards. With --scheduler, every worker must have parley
installed and see INPUTS and DIR at the same paths (a shared file system). See docs/scale-out.md.

exit status: 0 all inputs processed, 1 some inputs skipped or shards failed (rerun to retry), 2 usage error.
"""


def add_run_parser(sub: Any) -> Any:
    """Add the `run` command to the CLI's subparsers (argparse's _SubParsersAction); returns its parser."""
    import argparse

    p = sub.add_parser(
        "run", help="process inputs into a Parquet dataset on a process pool or a Dask cluster (resumable)",
        description="Process inputs shard by shard into a Parquet dataset (articles, actors, quotes, events, "
                    "errors) on a local process pool or a Dask cluster; load it with `parley ingest --from-parquet`.",
        epilog=RUN_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", metavar="INPUT", help="files, directories or globs (quote globs: 'crawl/*.warc.gz')")
    p.add_argument("--out", required=True, metavar="DIR", help="output directory (a Parquet dataset per table)")
    p.add_argument("--engine", choices=ENGINES, default="local", help="local process pool (default) or Dask")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, metavar="N",
                       help="worker processes for the local pool or a local Dask cluster (default: one per CPU)")
    where.add_argument("--scheduler", metavar="ADDRESS",
                       help="address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786 (needs --engine dask)")
    p.add_argument("--records-per-shard", type=int, default=RECORDS_PER_SHARD, metavar="N",
                   help=f"documents per shard; larger WARC/JSONL files are split into ranges of N records (default {RECORDS_PER_SHARD})")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    return p


def cmd_run(args: Any) -> int:
    """`parley run`: the run, then its summary on stderr; the exit status per RunSummary.exit_code."""
    summary = run(args.paths, args.out, engine=args.engine, workers=args.workers, scheduler=args.scheduler,
                  progress=not args.no_progress and sys.stderr.isatty(), records_per_shard=args.records_per_shard)
    print(summary.format(), file=sys.stderr)
    return summary.exit_code


def ingest_parquet(out_dir: str | Path, db: str | Path | None = None) -> int:
    """`parley ingest --from-parquet DIR`: load a run's finished shards into the store; exit status 0."""
    from parley.store.db import Store, default_db_path

    path = db or default_db_path()
    with Store(path) as store:
        result = load_parquet(out_dir, store)
    print(f"parley: ingested {result.shards} shard(s) from {out_dir} into {path}: {result.added} new article(s), "
          f"{result.skipped} already stored, {result.errors} input error(s) logged", file=sys.stderr)
    return EXIT_OK
