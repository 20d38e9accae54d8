"""Readers keep working while an ingest writes the same store: `parley serve` answers every request
(never 503) and shows the new articles once the ingest is done, without a restart; CLI queries run
beside an ingest; a second concurrent ingest is refused with one clear line (issues #6, #8)."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import EXAMPLES

from parley.corpus.synth import records
from parley.store import Store

CORPUS = EXAMPLES / "corpus"
ROUTES = ("/", "/api/summary", "/api/articles?limit=5", "/search?q=minister", "/api/events?limit=5", "/quotes",
          "/dyads/RUS/USA", "/api/dyads/RUS/USA")
pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="no bundled examples")


def _parley(*args: str, **kwargs: object) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "parley.cli", *args], text=True, **kwargs)  # type: ignore[call-overload]


def _ingest(db: Path) -> subprocess.Popen[str]:
    return _parley("ingest", str(CORPUS), "--db", str(db), "--no-progress",
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "live.duckdb"
    with Store(path) as store:
        store.add_articles(records(60, seed=5))
    return path


def _count(db: Path) -> int:
    with Store(db, read_only=True) as store:
        return int(store.summary()["articles"])


def _wait_for_writer(db: Path, ingest: subprocess.Popen[str]) -> None:
    """Until the ingest holds the store (its working copy exists)."""
    staging = db.with_name(db.name + ".ingest")
    deadline = time.monotonic() + 120
    while not staging.exists():
        assert ingest.poll() is None, "ingest ended before it was seen writing"
        assert time.monotonic() < deadline
        time.sleep(0.05)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_serve_answers_every_request_during_an_ingest_and_then_shows_its_articles(db: Path) -> None:
    before = _count(db)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = (db.parent / "serve.log").open("w")  # a file, not a pipe nobody reads: the server must never block on it
    server = _parley("serve", "--db", str(db), "--port", str(port), stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if _get(base + "/api/summary")[0] == 200:
                    break
            except OSError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, "server did not start"
            time.sleep(0.2)
        ingest = _ingest(db)
        statuses: list[tuple[str, int]] = []
        try:
            deadline = time.monotonic() + 600
            while ingest.poll() is None and time.monotonic() < deadline:
                for route in ROUTES:
                    statuses.append((route, _get(base + route)[0]))
            assert ingest.poll() == 0, ingest.stderr.read() if ingest.stderr else ""
        finally:
            ingest.kill()
            ingest.wait()
        assert len(statuses) >= len(ROUTES)
        assert all(status == 200 for _, status in statuses), [s for s in statuses if s[1] != 200]
        after = _count(db)
        assert after > before
        status, body = _get(base + "/api/summary")
        assert status == 200 and json.loads(body)["articles"] == after  # the cached summary was not served
        assert all(_get(base + route)[0] == 200 for route in ROUTES)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_cli_query_runs_during_an_ingest_and_a_second_ingest_is_refused(db: Path) -> None:
    before = _count(db)
    first = _ingest(db)
    try:
        _wait_for_writer(db, first)
        query = subprocess.run([sys.executable, "-m", "parley.cli", "articles", "--db", str(db), "--format", "json",
                                "--limit", "1000"], check=False, capture_output=True, text=True, timeout=120)
        assert query.returncode == 0, query.stderr
        assert len(query.stdout.splitlines()) == before  # the store as it was before the ingest
        second = _ingest(db)
        _, err = second.communicate(timeout=120)
        assert second.returncode == 2
        lines = err.strip().splitlines()
        assert len(lines) == 1 and "another ingest" in lines[0] and "is writing to this store" in lines[0], err
        assert first.wait(timeout=600) == 0
    finally:
        first.kill()
        first.wait()
    assert _count(db) > before


def test_a_killed_writer_leaves_the_live_store_whole_and_the_next_one_resumes(tmp_path: Path) -> None:
    """In-process: a writer that never closes (as if killed) leaves its working copy; readers see the
    store as it was, and the next writer continues from the copy rather than from the live file."""
    path = tmp_path / "s.duckdb"
    recs = records(20, seed=1)
    with Store(path) as store:
        store.add_articles(recs[:10])
    killed = Store(path)
    killed.add_articles(recs[10:])
    killed._con.close()  # no checkpoint, no swap: what SIGKILL leaves, with the lock released below
    killed._release()
    assert path.with_name(path.name + ".ingest").exists()
    assert _count(path) == len({r["id"] for r in recs[:10]})
    with Store(path) as store:
        assert store.add_articles(recs).added == 0  # all there already, in the working copy
    assert _count(path) == len({r["id"] for r in recs})
    assert not path.with_name(path.name + ".ingest").exists()
