"""Hostile and broken input through the CLI: every case in tests/bad_inputs.py gets its declared outcome,
one line per skipped input, the rest of the batch goes through, and no document outlives its caps."""
from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from bad_inputs import CASES, STORY, STORY_PAGE, TEST_ENV, Case, warc_record, write_corpus
from conftest import ROOT, SHARED

from parley.cli import EXIT_OK, EXIT_SKIPPED, EXIT_USAGE, main
from parley.errors import InputError, ParleyError
from parley.ingest import read_bytes, read_inputs
from parley.ingest.decode import clean_text, decode_bytes
from parley.limits import DocumentTimeout, Limits, clip_text, current_limits, time_limit
from parley.records import Article, RawDocument

SKIPPED = "parley: skipped "


class Run:
    """One `parley process --json` over a folder: exit code, records by path, skipped lines by path."""

    def __init__(self, code: int, out: str, err: str, seconds: float) -> None:
        self.code, self.err, self.seconds = code, err, seconds
        self.records = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
        self.other_out = [line for line in out.splitlines() if line and not line.startswith("{")]
        self.skipped = [line for line in err.splitlines() if line.startswith(SKIPPED)]

    def records_of(self, path: str) -> list[dict]:
        return [r for r in self.records if r["source"]["path"] == path]

    def skipped_of(self, path: str) -> list[str]:
        return [line for line in self.skipped if line[len(SKIPPED):].startswith((path + ":", path + " record "))]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Case]:
    return write_corpus(tmp_path_factory.mktemp("bad") / "corpus")


@pytest.fixture(scope="module")
def run(corpus: dict[str, Case]) -> Run:
    folder = str(Path(next(iter(corpus))).parent)
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        for key, value in TEST_ENV.items():
            mp.setenv(key, value)
        start = time.perf_counter()
        with redirect_stdout(out), redirect_stderr(err):
            code = main(["process", "--json", folder])
        seconds = time.perf_counter() - start
    return Run(code, out.getvalue(), err.getvalue(), seconds)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_case_has_its_declared_outcome(case: Case, corpus: dict[str, Case], run: Run) -> None:
    path = next(p for p, c in corpus.items() if c is case)
    records, skipped = run.records_of(path), run.skipped_of(path)
    assert len(records) == case.records, (case.name, skipped)
    assert len(skipped) == len(case.errors), skipped
    for line, expected in zip(skipped, case.errors, strict=True):
        assert expected in line, line
    for record in records:
        text = record["text"]
        assert text.strip()
        for word in case.lacks:
            assert word not in text and word not in (record["title"] or "")
        if case.max_text is not None:
            assert len(text) <= case.max_text
    for word in case.has:
        assert any(word in r["text"] for r in records), (word, [r["text"][:200] for r in records])


def test_the_batch_goes_on_and_says_so(corpus: dict[str, Case], run: Run) -> None:
    assert run.code == EXIT_SKIPPED
    assert len(run.records) == sum(c.records for c in CASES)
    # every skipped line belongs to a case that declared it: nothing unexpected, nothing silent
    assert len(run.skipped) == sum(len(c.errors) for c in CASES)
    assert all(any(run.skipped_of(p) and line in run.skipped_of(p) for p in corpus) for line in run.skipped)
    assert not run.other_out
    summary = run.err.strip().splitlines()[-1]
    assert summary.startswith(f"parley: {len(run.records)} article(s) processed, {len(run.skipped)} input(s) skipped (see lines above)")
    assert "WARC record(s) without an HTML page passed over" in summary  # the corpus holds non-HTML WARC records
    for line in run.skipped:  # the reason, and what to do where there is something to do
        assert line.count(": ") >= 2 and "\n" not in line


def test_the_whole_corpus_is_quick(run: Run) -> None:
    # about 10 s on an idle laptop; the bound only catches a case that is parsed instead of refused
    assert run.seconds < 120


def test_records_are_valid_schema_v1(run: Run) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema_path = SHARED / "schema" / "article.schema.json"
    if not schema_path.exists():
        pytest.skip("../shared is absent")
    validator = jsonschema.Draft202012Validator(json.loads(schema_path.read_text()))
    for record in run.records:
        validator.validate(record)
        for q in record["quotes"]:
            assert record["text"][q["start"]:q["end"]] == q["text"]
        for e in record["events"]:
            assert record["text"][e["start"]:e["end"]] == e["sentence"]


def test_fifty_megabytes_are_refused_without_reading_them(corpus: dict[str, Case]) -> None:
    path = next(p for p in corpus if p.endswith("huge-50mb.html"))
    start = time.perf_counter()
    (err,) = list(read_inputs([path]))
    assert time.perf_counter() - start < 5  # milliseconds when idle; parsing it would take minutes
    assert isinstance(err, InputError) and "too large" in err.reason


# --- exit codes ---------------------------------------------------------------------------------------

def test_exit_0_when_every_input_is_good(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "page.html").write_text(STORY_PAGE, encoding="utf-8")
    assert main(["process", "--json", str(tmp_path)]) == EXIT_OK
    captured = capsys.readouterr()
    assert len([ln for ln in captured.out.splitlines() if ln.startswith("{")]) == 2
    assert SKIPPED not in captured.err


def test_exit_1_for_a_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    assert main(["process", str(tmp_path / "story.txt"), str(tmp_path / "nope.txt")]) == EXIT_SKIPPED
    err = capsys.readouterr().err
    assert f"{SKIPPED}{tmp_path / 'nope.txt'}: no such file or directory" in err


@pytest.mark.parametrize("argv", [["process"], ["process", "--no-such-option", "x"], ["frobnicate"]])
def test_exit_2_for_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == EXIT_USAGE
    assert "usage: parley" in capsys.readouterr().err


@pytest.mark.parametrize(("name", "value"), [("PARLEY_MAX_SECONDS", "soon"), ("PARLEY_MAX_DOC_BYTES", "-5"),
                                             ("PARLEY_MAX_TEXT_CHARS", "1.5")])
def test_exit_2_for_a_malformed_limit(name: str, value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    monkeypatch.setenv(name, value)
    assert main(["process", str(tmp_path / "story.txt")]) == EXIT_USAGE
    captured = capsys.readouterr()
    assert f"parley: error: {name} must be" in captured.err
    assert not captured.out


def test_real_process_exit_codes_and_clean_stdout(corpus: dict[str, Case]) -> None:
    """A few cases through a real `parley` process: exit status, stdout holding only JSON, stdin."""
    env = {**os.environ, **TEST_ENV}
    pick = [p for p in corpus if p.endswith(("noise.html", "feed.jsonl", "bomb.warc"))]
    binary = Path(next(p for p in corpus if p.endswith("report.html"))).read_bytes()
    proc = subprocess.run([sys.executable, "-m", "parley.cli", "process", "--json", *pick, "-"], input=binary,
                          capture_output=True, env=env, cwd=ROOT, timeout=120, check=False)
    err = proc.stderr.decode()
    assert proc.returncode == EXIT_SKIPPED, err
    lines = proc.stdout.decode().splitlines()
    assert len(lines) == 4 and all(json.loads(ln)["schema_version"] == 1 for ln in lines)
    assert err.count(SKIPPED) == 1 + 9 + 1 + 1
    assert f"{SKIPPED}<stdin>: binary file (PDF), not a news page" in err


# --- the clock ----------------------------------------------------------------------------------------

SLOW = "SLOW-MARKER"
CAP = 3.0  # seconds: a normal story takes well under a second, even on a loaded machine


class Stage:
    """A stand-in for a pipeline stage object: calls go to ``call``, everything else to the real stage."""

    def __init__(self, real, call) -> None:
        self.real, self.call = real, call

    def __call__(self, *args):
        return self.call(*args)

    def __getattr__(self, name: str):
        return getattr(self.real, name)


def _docs() -> list[RawDocument]:
    return [RawDocument(content=STORY.replace("Valletta on", f"{SLOW} Valletta on"), format="text", path="slow.txt"),
            RawDocument(content=STORY, format="text", path="good.txt")]


def test_a_slow_recovery_is_cut_off_at_its_cap(pipeline, monkeypatch: pytest.MonkeyPatch) -> None:
    import parley.pipeline as pl

    real = pl.recover
    held: list[float] = []

    def slow_recover(raw: RawDocument, templates=None):
        if SLOW in raw.content:
            start = time.perf_counter()
            try:
                try:
                    time.sleep(20)
                except Exception:  # noqa: BLE001 - a library guard that swallows errors must not keep it going
                    time.sleep(20)
            finally:
                held.append(time.perf_counter() - start)
        return real(raw, templates)

    monkeypatch.setattr(pl, "recover", slow_recover)
    monkeypatch.setenv("PARLEY_MAX_SECONDS", str(CAP))
    start = time.perf_counter()
    out = list(pipeline.process_stream(_docs()))
    assert time.perf_counter() - start < 15  # not the 20 s the slow stage asked for
    assert held and held[0] < CAP + 1.0  # the cap, plus scheduling slack on a loaded machine
    err, article = out
    assert isinstance(err, InputError) and isinstance(article, Article)
    assert str(err).startswith(f"slow.txt: took longer than {CAP:g} s while recovering the article")
    assert "PARLEY_MAX_SECONDS" in str(err)
    assert article.source.path == "good.txt" and article.quotes


def test_a_slow_annotation_is_cut_off_at_its_cap(pipeline, monkeypatch: pytest.MonkeyPatch) -> None:
    real = pipeline.quotes
    held: list[float] = []

    def slow_quotes(doc, actors):
        if SLOW in doc.text:
            start = time.perf_counter()
            try:
                time.sleep(20)
            finally:
                held.append(time.perf_counter() - start)
        return real(doc, actors)

    monkeypatch.setattr(pipeline, "quotes", Stage(real, slow_quotes))
    monkeypatch.setenv("PARLEY_MAX_SECONDS", str(CAP))
    out = list(pipeline.process_stream(_docs()))
    assert held and held[0] < CAP + 1.0  # what is left of the cap, plus scheduling slack
    err, article = out
    assert isinstance(err, InputError)
    assert str(err).startswith(f"slow.txt: took longer than {CAP:g} s while finding actors, quotes and events")
    assert isinstance(article, Article) and article.quotes


def test_a_crash_in_annotation_costs_one_document(pipeline, monkeypatch: pytest.MonkeyPatch) -> None:
    real = pipeline.events

    def broken_events(doc, *args):
        if SLOW in doc.text:
            raise IndexError("list index out of range")
        return real(doc, *args)

    monkeypatch.setattr(pipeline, "events", Stage(real, broken_events))
    err, article = list(pipeline.process_stream(_docs()))
    assert isinstance(err, InputError) and "could not analyse the article (IndexError" in str(err)
    assert isinstance(article, Article)


def test_time_limit_interrupts_python_and_restores_the_old_handler() -> None:
    before = signal.getsignal(signal.SIGALRM)
    start = time.perf_counter()
    with pytest.raises(DocumentTimeout), time_limit(0.2):
        while True:
            pass
    assert time.perf_counter() - start < 3
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    with time_limit(0.2):  # a block that ends in time leaves nothing armed
        pass
    time.sleep(0.3)


def spin(seconds: float) -> None:
    """Busy Python work (a pathological page's loop), which only the clock can cut short."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def in_thread(work):
    """work() in a new thread, as a Dask worker runs a task: its result, or the exception it raised."""
    box: dict = {}

    def target() -> None:
        try:
            box["result"] = work()
        except BaseException as exc:  # noqa: BLE001 - handed to the test's thread
            box["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["result"]


def test_time_limit_interrupts_python_outside_the_main_thread() -> None:
    def work() -> float:
        start = time.perf_counter()
        with pytest.raises(DocumentTimeout, match=r"took longer than 0\.2 s"), time_limit(0.2):
            spin(20)
        with time_limit(0.2):  # a block that ends in time leaves nothing pending
            pass
        spin(0.3)
        return time.perf_counter() - start

    assert in_thread(work) < 3


def test_a_timeout_never_lands_outside_its_block() -> None:
    """Blocks that end just as their clock rings: the exception surfaces at the `with` or not at all.

    Every tenth block runs far past its limit, so that some are cut even when a busy machine is slow to run the
    watchdog (with the interpreter's default 5 ms switch interval and other load, none of the 1-3 ms blocks was
    cut in one CI run); a short switch interval lets the watchdog in while the blocks spin."""
    def work() -> int:
        cut = 0
        for i in range(300):
            try:
                with time_limit(0.002):
                    spin(0.05 if i % 10 == 9 else 0.001 * (i % 3 + 1))
            except DocumentTimeout:
                cut += 1
            spin(0.002)  # an exception fired late but not withdrawn would land here
        return cut

    interval = sys.getswitchinterval()
    sys.setswitchinterval(0.0005)
    try:
        assert in_thread(work) > 0
    finally:
        sys.setswitchinterval(interval)


@pytest.mark.parametrize("where", ["main thread", "worker thread"])
def test_a_nested_limit_defers_to_the_outer_one(where: str) -> None:
    def work() -> float:
        with pytest.raises(DocumentTimeout) as caught, time_limit(0.2), time_limit(30):
            spin(20)
        return caught.value.seconds

    assert (work() if where == "main thread" else in_thread(work)) == 0.2


@pytest.mark.parametrize("stage", ["recovering the article", "finding actors, quotes and events"])
def test_a_slow_stage_is_cut_off_in_a_worker_thread(stage: str, pipeline, monkeypatch: pytest.MonkeyPatch) -> None:
    """Off the main thread (no SIGALRM there) the watchdog holds the cap, even past an `except Exception`."""
    import parley.pipeline as pl

    held: list[float] = []

    def slow(real, text):
        def call(*args):
            if SLOW in text(args[0]):
                start = time.perf_counter()
                try:
                    try:
                        spin(20)
                    except Exception:  # noqa: BLE001 - a library guard that swallows errors must not keep it going
                        spin(20)
                finally:
                    held.append(time.perf_counter() - start)
            return real(*args)
        return call

    if stage == "recovering the article":
        monkeypatch.setattr(pl, "recover", slow(pl.recover, lambda raw: raw.content))
    else:
        monkeypatch.setattr(pipeline, "quotes", Stage(pipeline.quotes, slow(pipeline.quotes, lambda doc: doc.text)))
    monkeypatch.setenv("PARLEY_MAX_SECONDS", str(CAP))
    err, article = in_thread(lambda: list(pipeline.process_stream(_docs())))
    assert held and held[0] < CAP + 1.0  # the cap (or what is left of it), plus scheduling slack
    assert isinstance(err, InputError) and str(err).startswith(f"slow.txt: took longer than {CAP:g} s while {stage}")
    assert isinstance(article, Article) and article.source.path == "good.txt" and article.quotes


def test_an_outer_timer_is_left_alone() -> None:
    """SIGALRM belongs to the outer timer (a test timeout, say); the watchdog times the block instead."""
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        start = time.perf_counter()
        with pytest.raises(DocumentTimeout), time_limit(0.05):
            spin(5)
        assert time.perf_counter() - start < 0.45
        spin(0.6)
        assert fired == [1]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- limits and decoding, unit by unit -----------------------------------------------------------------

def test_limits_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert current_limits() == Limits()
    monkeypatch.setenv("PARLEY_MAX_DOC_BYTES", "1024")
    monkeypatch.setenv("PARLEY_MAX_SECONDS", "0")
    monkeypatch.setenv("PARLEY_MAX_TEXT_CHARS", "500")
    assert current_limits() == Limits(max_doc_bytes=1024, max_seconds=0.0, max_text_chars=500)
    monkeypatch.setenv("PARLEY_MAX_SECONDS", "-1")
    with pytest.raises(ParleyError, match="PARLEY_MAX_SECONDS"):
        current_limits()


def test_small_byte_cap_applies_to_files_records_and_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bad_inputs import http_response, story_response

    monkeypatch.setenv("PARLEY_MAX_DOC_BYTES", "2000")
    big = STORY_PAGE.replace("</article>", "<p>" + "filler " * 400 + "</p></article>").encode()
    warc = warc_record("response", http_response(big), "https://news.example/big") + story_response(1)
    jsonl = json.dumps({"text": "x " * 2000}) + "\n" + json.dumps({"text": STORY}) + "\n"
    items = list(read_bytes(big, path="big.html")) + list(read_bytes(warc, path="w.warc")) \
        + list(read_bytes(jsonl.encode(), path="f.jsonl"))
    summary = [(type(i).__name__, i.path, i.record) for i in items]
    assert summary == [("InputError", "big.html", None), ("InputError", "w.warc", 0), ("RawDocument", "w.warc", 1),
                       ("InputError", "f.jsonl", 0), ("RawDocument", "f.jsonl", 1)]
    assert "record too large" in str(items[1]) and "line too long" in str(items[3])


def test_decoding_damaged_and_unusual_text() -> None:
    damaged = ("Zürich – Genève. " * 30).encode() + b"\xff broken \xe2\x80"
    text, codec = decode_bytes(damaged)
    assert codec == "utf-8" and text.startswith("Zürich – Genève.") and text.count("\ufffd") == 2
    russian = "Переговоры о квотах на вылов рыбы зашли в тупик, заявил министр. " * 3
    assert decode_bytes(russian.encode("utf-16-be"))[0] == russian
    assert clean_text("a\x00b\x0bc\ud800d\x7f") == "ab\nc\ufffdd"
    assert clip_text("abcd " * 100, 52) == ("abcd " * 10).rstrip()
    assert clip_text("x" * 50, 10) == "x" * 10


def test_text_cap_keeps_offsets_valid_on_one_giant_paragraph(pipeline, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARLEY_MAX_TEXT_CHARS", "3000")
    body = "Borg said that talks would resume next week in Valletta. " * 400
    (article,) = list(pipeline.process_stream([RawDocument(content=body, format="text", path="giant.txt")]))
    assert isinstance(article, Article)
    assert 2500 <= len(article.text) <= 3000
    for q in article.quotes:
        assert article.text[q.start:q.end] == q.text


def test_the_docs_table_is_current() -> None:
    from bad_inputs import table

    doc = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
    assert table() in doc, "regenerate the table in docs/reliability.md with: python tests/bad_inputs.py --table"


def test_tags_with_absurdly_many_attributes_are_defused() -> None:
    from parley.ingest.markup import MAX_ATTRIBUTES, defuse_markup

    page = "<html><body><p " + " ".join(f'a{i}="v {i}"' for i in range(20_000)) + ">Kept text.</p></body></html>"
    out = defuse_markup(page)
    assert out.count("=") == MAX_ATTRIBUTES and 'a0="v 0"' in out and "<p " in out and ">Kept text.</p>" in out
    normal = "<html><body>" + "<p class='x' id='y'>text</p>" * 2000 + "</body></html>"
    assert defuse_markup(normal) == normal


def test_a_reader_bug_costs_one_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from parley import ingest

    real = ingest.read_html

    def broken(data: bytes, path: str | None):
        if path and path.endswith("bad.html"):
            raise KeyError("boom")
        return real(data, path)

    monkeypatch.setattr(ingest, "read_html", broken)
    (tmp_path / "bad.html").write_text(STORY_PAGE, encoding="utf-8")
    (tmp_path / "good.html").write_text(STORY_PAGE, encoding="utf-8")
    err, doc = list(read_inputs([str(tmp_path)]))
    assert isinstance(err, InputError) and "could not read the input (KeyError: 'boom')" in str(err)
    assert isinstance(doc, RawDocument) and doc.path.endswith("good.html")
