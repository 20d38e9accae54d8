"""Scale-out: shards read exactly what read_inputs reads; a run on a 2-worker Dask LocalCluster (and on the
local pool) gives exactly the records Pipeline.process_stream gives; a worker killed mid-run costs nothing;
a rerun skips finished shards; load_parquet fills the store once."""
from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import signal
import threading
import time
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from parley.errors import InputError, ParleyError
from parley.ingest import read_inputs
from parley.records import Article, RawDocument
from parley.shards import TABLES, Shard, load_parquet, plan, process_shard, read_shard

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"


# ---- helpers ------------------------------------------------------------------------------


def _key(record: dict[str, Any]) -> tuple[str, int]:
    source = record["source"]
    return source["path"] or "", -1 if source["record"] is None else source["record"]


def reference(pipeline: Any, inputs: list[str]) -> tuple[list[dict[str, Any]], list[str]]:
    """What the one-process pipeline makes of the inputs: records in (path, record) order, error messages."""
    records, errors = [], []
    for out in pipeline.process_stream(read_inputs(inputs)):
        if isinstance(out, Article):
            records.append(out.to_json())
        else:
            errors.append(str(out))
    return sorted(records, key=_key), sorted(errors)


def only(ref: tuple[list[dict[str, Any]], list[str]], *prefixes: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """The part of a reference that comes from files under the given paths."""
    keep = tuple(str(p) for p in prefixes)
    return ([r for r in ref[0] if (r["source"]["path"] or "").startswith(keep)],
            [e for e in ref[1] if e.startswith(keep)])


def dataset(out: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """The records (full JSON) and error messages a run left under out."""
    records = [json.loads(text) for path in sorted((out / "articles").glob("*.parquet"))
               for text in pq.read_table(path, columns=["json"]).column("json").to_pylist()]
    errors = [msg for path in sorted((out / "errors").glob("*.parquet"))
              for msg in pq.read_table(path, columns=["message"]).column("message").to_pylist()]
    return sorted(records, key=_key), sorted(errors)


def same(got: list[dict[str, Any]], want: list[dict[str, Any]]) -> None:
    """Assert two record lists are equal, naming the first record and field that differ."""
    assert [_key(r) for r in got] == [_key(r) for r in want]
    for g, w in zip(got, want, strict=True):
        diff = [f for f in w if g.get(f) != w[f]]
        assert not diff, f"{_key(w)}: {diff[0]} differs: {str(g.get(diff[0]))[:300]} != {str(w[diff[0]])[:300]}"


def _item(x: RawDocument | InputError) -> Any:
    return ("error", str(x)) if isinstance(x, InputError) else x


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled examples plus every way a multi-record file can be split or broken."""
    root = tmp_path_factory.mktemp("corpus")
    shutil.copytree(EXAMPLES, root, dirs_exist_ok=True)
    warc = gzip.decompress((EXAMPLES / "crawl.warc.gz").read_bytes())
    (root / "plain.warc").write_bytes(warc)  # uncompressed: cut at byte offsets
    (root / "whole.warc.gz").write_bytes(gzip.compress(warc))  # one gzip stream: cannot be cut
    (root / "cut.warc.gz").write_bytes((EXAMPLES / "crawl.warc.gz").read_bytes()[:-100])  # truncated
    lines = (EXAMPLES / "feed.jsonl").read_bytes().splitlines(keepends=True)
    big = [*lines, b"{broken\n", b"\n", *lines, b'{"text": 3}\n', *lines]
    (root / "big.jsonl").write_bytes(b"".join(big))
    (root / "big.jsonl.gz").write_bytes(gzip.compress(b"".join(big)))
    (root / "cut.jsonl.gz").write_bytes(gzip.compress(b"".join(big))[:-30])
    return root


@pytest.fixture(scope="module")
def ref(pipeline: Any, corpus: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """process_stream over the examples, a large JSONL file and a missing input: the records every run must give."""
    return reference(pipeline, [str(EXAMPLES), str(corpus / "big.jsonl"), str(corpus / "missing.html")])


# ---- planning and reading (no model) -------------------------------------------------------


@pytest.mark.parametrize("per_shard", [1, 2, 3, 200])
def test_shards_read_exactly_what_read_inputs_reads(corpus: Path, tmp_path: Path, per_shard: int) -> None:
    inputs = [str(corpus), str(tmp_path / "missing.txt")]
    shards = plan(inputs, per_shard)
    got = [_item(x) for shard in shards for x in read_shard(shard)]
    assert got == [_item(x) for x in read_inputs(inputs)]
    if per_shard < 3:  # the large WARC/JSONL files really were split into record ranges
        kinds = {p.kind for s in shards for p in s.parts}
        assert {"warc", "jsonl", "jsonl.gz", "file", "error"} <= kinds
        assert all(len(s.parts) == 1 for s in shards if s.parts[0].kind not in ("file", "error"))


def test_plan_ids_are_stable_and_globs_expand(corpus: Path, tmp_path: Path) -> None:
    first = plan([str(corpus)], 3)
    assert [s.id for s in first] == [s.id for s in plan([str(corpus)], 3)]
    assert len({s.id for s in first}) == len(first)
    texts = plan([str(corpus / "text" / "*.txt")], 200)
    assert [p.label for s in texts for p in s.parts] == sorted(str(p) for p in (corpus / "text").glob("*.txt"))
    nothing = plan([str(tmp_path / "*.warc")], 200)
    assert [str(x) for x in read_shard(nothing[0])] == [f"{tmp_path / '*.warc'}: no files match this pattern"]
    with pytest.raises(ParleyError, match="standard input"):
        plan(["-"])
    # A new file regroups from where it lands: the shards before it keep their ids (and stay finished).
    folder = tmp_path / "grow"
    shutil.copytree(corpus / "text", folder)
    before = plan([str(folder)], 2)
    new = folder / "06a_new.txt"
    new.write_text((corpus / "text" / "06_nile_dam_talks.txt").read_text() + "\nMore.\n")
    after = {s.id for s in plan([str(folder)], 2)}
    earlier = [s.id for s in before if all(p.label < str(new) for p in s.parts)]
    kept = set(earlier[:-1])  # the shard just before the new file may now take it in
    assert kept and kept <= after


def test_a_document_that_crashes_the_pipeline_becomes_an_error_row(pipeline: Any, ref: Any, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = [str(EXAMPLES / "text")]
    want, _ = only(ref, EXAMPLES / "text")
    real = pipeline.process_stream

    def crashing(items: Any, batch_size: int = 16) -> Any:  # a stage bug that escapes the pipeline's own guards
        for out in real(items, batch_size):
            if isinstance(out, Article) and "Tallinn" in out.text:
                raise RuntimeError("boom")
            yield out

    monkeypatch.setattr(pipeline, "process_stream", crashing)
    shard = Shard(tuple(p for s in plan(inputs, 200) for p in s.parts))
    result = process_shard(shard, str(tmp_path), pipeline=pipeline)
    records, errors = dataset(tmp_path)
    assert (result.documents, result.articles, result.errors) == (len(want), len(want) - 1, 1)
    assert records == [r for r in want if "Tallinn" not in r["text"]]
    assert errors == [f"{EXAMPLES / 'text' / '02_tallinn_expels_diplomats.txt'}: internal error while processing "
                      "(RuntimeError: boom) (please report this document)"]
    assert all((tmp_path / t / f"part-{shard.id}.parquet").is_file() for t in TABLES)
    assert process_shard(shard, str(tmp_path), pipeline=pipeline).skipped  # the marker says it is done


# ---- Dask ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cluster() -> Any:
    pytest.importorskip("distributed")
    from parley.distributed import local_cluster

    with local_cluster(2, dashboard_address=":0") as local:
        yield local


def test_the_local_cluster_leaves_heap_trimming_as_the_environment_has_it(cluster: Any) -> None:
    import os

    from distributed import Client

    with Client(cluster) as client:
        seen = client.run(lambda: os.environ.get("MALLOC_TRIM_THRESHOLD_"))
    assert len(seen) == 2 and set(seen.values()) == {os.environ.get("MALLOC_TRIM_THRESHOLD_")}  # not Dask's 65536


def test_the_local_cluster_runs_no_sampling_profiler_unless_asked(cluster: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import dask
    from distributed import Client

    from parley.distributed import PROFILER_SETTING, local_cluster

    def profiling() -> bool:
        return bool(dask.config.get("distributed.worker.profile.enabled"))

    with Client(cluster) as client:
        assert set(client.run(profiling).values()) == {False}
    monkeypatch.setenv(PROFILER_SETTING, "True")
    dask.config.refresh()  # as a process started with the variable reads it
    try:
        with local_cluster(1, dashboard_address=":0") as asked, Client(asked) as client:
            assert set(client.run(profiling).values()) == {True}
    finally:
        monkeypatch.delenv(PROFILER_SETTING)
        dask.config.refresh()


def test_dask_gives_exactly_the_records_of_process_stream_and_reruns_skip(
        ref: Any, corpus: Path, cluster: Any, tmp_path: Path) -> None:
    from parley.distributed import run

    inputs = [str(EXAMPLES), str(corpus / "big.jsonl"), str(corpus / "missing.html")]
    want, want_errors = ref
    assert len({r["id"] for r in want}) == 24 and want_errors
    out = tmp_path / "out"
    summary = run(inputs, out, engine="dask", scheduler=cluster.scheduler_address, records_per_shard=3,
                  progress=False, echo=None)
    assert (summary.failed, summary.skipped, summary.done) == (0, 0, summary.shards) and summary.shards >= 8
    assert dataset(out) == (want, want_errors)
    assert (summary.articles, summary.errors, summary.exit_code) == (len(want), len(want_errors), 1)
    assert summary.dashboard and summary.dashboard.startswith("http")
    files = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}

    again = run(inputs, out, engine="dask", scheduler=cluster.scheduler_address, records_per_shard=3,
                progress=False, echo=None)
    assert (again.done, again.skipped, again.failed) == (0, summary.shards, 0)
    assert (again.articles, again.errors) == (summary.articles, summary.errors)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == files  # nothing rewritten

    from parley.store.db import Store

    with Store(tmp_path / "news.duckdb") as store:
        loaded = load_parquet(out, store)
        assert (loaded.added, loaded.errors) == (24, len(want_errors))
        assert load_parquet(out, store).added == 0  # idempotent by article id
        by_id = {r["id"]: r for r in reversed(want)}
        assert store.summary()["quotes"] == sum(len(r["quotes"]) for r in by_id.values())


def _worker_pids(client: Any) -> dict[str, int]:
    return client.run(os.getpid)


def test_dask_worker_killed_mid_run_loses_and_duplicates_nothing(ref: Any, cluster: Any, tmp_path: Path) -> None:
    from distributed import Client

    from parley.distributed import run

    inputs = [str(EXAMPLES / "text"), str(EXAMPLES / "feed.jsonl")]
    want, _ = only(ref, *map(Path, inputs))
    out = tmp_path / "out"
    box: dict[str, Any] = {}
    worker = threading.Thread(target=lambda: box.update(summary=run(
        inputs, out, engine="dask", scheduler=cluster.scheduler_address, records_per_shard=1, progress=False, echo=None)))
    with Client(cluster.scheduler_address) as client:
        victim, pid = sorted(_worker_pids(client).items())[0]
        worker.start()
        killed: list[str] = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not killed:
            busy = [str(k) for k in client.processing(workers=[victim]).get(victim, ())]
            if any("parley-shard" in k for k in busy) and any((out / "_done").glob("*.json")):
                os.kill(pid, signal.SIGKILL)  # mid-run: some shards finished, this worker holds others
                killed = busy
            time.sleep(0.02)
        worker.join(120)
        assert killed, "the victim worker never held a shard"
        summary = box["summary"]
        assert (summary.failed, summary.done) == (0, summary.shards)
        same(dataset(out)[0], want)  # every record exactly once
        client.wait_for_workers(2, timeout=60)  # the nanny brings the worker back
        assert victim not in _worker_pids(client) or _worker_pids(client)[victim] != pid


# A Dask worker preload (a file path in distributed.worker.preload): recovering a document that holds the
# marker spins in Python for a minute, like a pathological page.
SLOW_PRELOAD = """
import time

import parley.pipeline as pl


def slowed(real):
    def recover(raw, *args, **kwargs):
        if "SLOW-MARKER" in raw.content:
            end = time.perf_counter() + 60
            while time.perf_counter() < end:
                pass
        return real(raw, *args, **kwargs)

    recover.slowed = True
    return recover


if not hasattr(pl.recover, "slowed"):  # Dask may run a preload more than once
    pl.recover = slowed(pl.recover)
"""


def test_a_slow_document_on_a_dask_worker_is_cut_at_its_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Dask runs tasks in worker threads, where SIGALRM never rings: the watchdog holds the cap there too."""
    dask = pytest.importorskip("dask")
    from parley.distributed import run

    folder = tmp_path / "in"
    folder.mkdir()
    good = sorted((EXAMPLES / "text").glob("*.txt"))[:2]
    for path in good:
        shutil.copy(path, folder / path.name)
    slow = folder / "00_slow.txt"
    slow.write_text("SLOW-MARKER\n\n" + good[0].read_text(encoding="utf-8"), encoding="utf-8")
    preload = tmp_path / "slow_preload.py"
    preload.write_text(SLOW_PRELOAD, encoding="utf-8")
    monkeypatch.setenv("PARLEY_MAX_SECONDS", "3")  # the workers LocalCluster spawns inherit it
    with dask.config.set({"distributed.worker.preload": [str(preload)]}):
        summary = run([str(folder)], tmp_path / "out", engine="dask", workers=1, progress=False, echo=None)
    # usually one shard; the planner's path-hash cuts make it two for about one temporary folder in a hundred
    assert summary.failed == 0 and summary.done == summary.shards >= 1
    assert max(r.seconds for r in summary.results) < 30  # not the minute the slow page asked for
    records, errors = dataset(tmp_path / "out")
    assert len(errors) == 1 and errors[0].startswith(f"{slow}: took longer than 3 s while recovering the article")
    assert sorted(r["source"]["path"] for r in records) == [str(folder / p.name) for p in good]


# ---- local engine --------------------------------------------------------------------------


def test_local_pool_survives_a_killed_worker_and_matches_process_stream(ref: Any, tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    psutil = pytest.importorskip("psutil")
    from parley.distributed import add_run_parser, cmd_run, ingest_parquet, run

    inputs = [str(EXAMPLES / "text")]
    want, _ = only(ref, *map(Path, inputs))
    out = tmp_path / "out"
    me = psutil.Process()
    before = {p.pid for p in me.children()}
    box: dict[str, Any] = {}
    worker = threading.Thread(target=lambda: box.update(summary=run(
        inputs, out, engine="local", workers=2, records_per_shard=1, progress=False, echo=None)))
    worker.start()
    killed = False
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not killed:
        if any((out / "_done").glob("*.json")):
            pool = [p for p in me.children() if p.pid not in before and "spawn_main" in " ".join(p.cmdline())
                    and "resource_tracker" not in " ".join(p.cmdline())]
            if pool:
                pool[0].send_signal(signal.SIGKILL)
                killed = True
        time.sleep(0.02)
    worker.join(120)
    assert killed
    summary = box["summary"]
    assert (summary.failed, summary.done) == (0, summary.shards) and summary.retried >= 1
    same(dataset(out)[0], want)

    # The CLI entry points the `parley` command wires in: a rerun skips every shard; the load fills the store.
    parser = argparse.ArgumentParser(prog="parley")
    add_run_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["run", *inputs, "--out", str(out), "--workers", "2", "--records-per-shard", "1", "--no-progress"])
    assert cmd_run(args) == 0
    assert "0 done, 12 skipped (finished earlier), 0 failed" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        parser.parse_args(["run", *inputs, "--out", str(out), "--workers", "2", "--scheduler", "tcp://127.0.0.1:8786"])
    assert ingest_parquet(out, tmp_path / "news.duckdb") == 0
    assert "12 new article(s)" in capsys.readouterr().err


def test_usage_errors(tmp_path: Path) -> None:
    from parley import distributed, shards
    from parley.distributed import run

    assert distributed.RECORDS_PER_SHARD == shards.RECORDS_PER_SHARD

    with pytest.raises(ParleyError, match="unknown engine"):
        run([str(EXAMPLES)], tmp_path, engine="spark", echo=None)  # type: ignore[arg-type]
    with pytest.raises(ParleyError, match="needs --engine dask"):
        run([str(EXAMPLES)], tmp_path, scheduler="tcp://127.0.0.1:1", echo=None)
    with pytest.raises(ParleyError, match="at least 1"):
        run([str(EXAMPLES)], tmp_path, workers=0, echo=None)
    with pytest.raises(ParleyError, match="no finished shards"):
        load_parquet(tmp_path, None)  # type: ignore[arg-type]


# ---- shard tables ---------------------------------------------------------------------------


def _fictional_articles() -> list[Article | InputError]:
    """Two fictional articles (one of them twice) and an error."""
    from parley.records import Actor, Caption, Event, Mention, Quote, Source

    body = ("The Velmorian envoy Tarsa Quill met her Ostrander counterpart on Monday.",
            "\u201cWe will talk again,\u201d Quill said after the meeting.")
    text = "\n\n".join(body)
    actors = (Actor("a1", "Velmoria", "country", "VLM", None, "VLM", (Mention(4, 13, "Velmorian"),)),
              Actor("a2", "Tarsa Quill", "person", "VLM", "envoy", "VLMGOV", (Mention(21, 32, "Tarsa Quill"),)))
    first = Article(
        id="f00d", source=Source("html", "pages/quill.html", "https://news.example/quill", "news.example"),
        title="Envoys meet", body=body, text=text, section="World", byline="Ada Fenn", published="2031-04-07",
        language="en", captions=(Caption("The envoys", "Example Photo"),), related=("Talks stall",),
        removed=("Share",), actors=actors,
        quotes=(Quote("We will talk again,", "direct", len(body[0]) + 3, len(body[0]) + 22, "a2",
                      "Tarsa Quill", "said"),),
        events=(Event("a2", "a1", "036", "The Velmorian envoy Tarsa Quill met her Ostrander counterpart on Monday.",
                      0, 71, goldstein=4.0, quad_class=1, confidence=0.75),))
    odd = Article(id="beef", source=Source("jsonl", "feed.jsonl", record=7), title="Short note",
                  body=("One line of text.",), text="One line of text.")
    return [first, InputError("gone.warc", "corrupt or truncated WARC", 3, "re-fetch it"), odd, first]


def test_shard_tables_hold_the_stores_rows_and_each_records_json() -> None:
    """Each table's rows are the store's flatten of the record plus shard and seq, the articles' json its
    compact record JSON, repeated articles kept."""
    from datetime import datetime

    from parley.shards import shard_tables
    from parley.store.rows import compact_json, flatten

    outputs = _fictional_articles()
    tables = shard_tables("s9", outputs)
    first_seen = tables["articles"].column("first_seen")[0].as_py()
    expected: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for seq, out in enumerate(outputs):
        if isinstance(out, InputError):
            expected["errors"].append({"path": out.path, "record": out.record, "reason": out.reason,
                                       "hint": out.hint or None, "message": str(out), "shard": "s9", "seq": seq})
            continue
        record = out.to_json()
        for name, rows in flatten(record, first_seen).items():
            expected[name].extend({**row, "shard": "s9", "seq": seq} for row in rows)
        expected["articles"][-1]["json"] = compact_json(record)
    assert isinstance(first_seen, datetime)
    for name in TABLES:
        assert tables[name].to_pylist() == expected[name], name
    assert [r["seq"] for r in tables["articles"].to_pylist()] == [0, 2, 3]


def test_a_record_orjson_refuses_gets_its_json_from_the_fallback_route() -> None:
    from dataclasses import replace

    from parley.shards import _record_and_json
    from parley.store.rows import compact_json

    plain, = (a for a in _fictional_articles() if isinstance(a, Article) and a.id == "beef")
    for article in (plain, replace(plain, title="Broken \ud800 title")):  # a lone surrogate: orjson refuses it
        record, text = _record_and_json(article)
        assert record == article.to_json()
        assert text == compact_json(article.to_json())
