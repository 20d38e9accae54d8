"""Per-document limits, so that one pathological input costs one error line instead of a stalled worker.

Three caps, each set by an environment variable (read when a batch starts) or left at its default:

============================  ==========  =====================================================================
variable                      default     what it bounds
============================  ==========  =====================================================================
``PARLEY_MAX_DOC_BYTES``      16 MiB      bytes of one document: a text/HTML file, a WARC record's payload, a
                                          JSONL line, a gunzipped file. Larger ones are skipped with an error,
                                          never read into memory whole.
``PARLEY_MAX_SECONDS``        30          seconds of work on one document (recovery, then actors, quotes and
                                          events); past it the document is skipped with an error. 0 turns the
                                          clock off. Enforced in every thread (see :func:`time_limit`).
``PARLEY_MAX_TEXT_CHARS``     200,000     characters of article text handed to the parser; longer bodies are
                                          cut at a paragraph (or word) boundary so that offsets stay valid. The
                                          parse itself runs in batches and is bounded by this cap, not the clock.
============================  ==========  =====================================================================
"""
from __future__ import annotations

import ctypes
import heapq
import itertools
import logging
import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

from parley.errors import ParleyError

log = logging.getLogger(__name__)

ENV_MAX_DOC_BYTES = "PARLEY_MAX_DOC_BYTES"
ENV_MAX_SECONDS = "PARLEY_MAX_SECONDS"
ENV_MAX_TEXT_CHARS = "PARLEY_MAX_TEXT_CHARS"

DEFAULT_MAX_DOC_BYTES = 16 * 1024 * 1024
DEFAULT_MAX_SECONDS = 30.0
DEFAULT_MAX_TEXT_CHARS = 200_000
# A plain-text dump longer than this many times the text cap is cut before recovery: at most the cap is
# parsed anyway, and line labelling a 10 MB single-line "page" costs seconds for nothing.
TEXT_INPUT_FACTOR = 5


@dataclass(frozen=True)
class Limits:
    """The caps in force for one batch; see the module docstring for what each bounds."""

    max_doc_bytes: int = DEFAULT_MAX_DOC_BYTES
    max_seconds: float = DEFAULT_MAX_SECONDS  # 0: no clock
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS

    def size_text(self, size: int | None = None) -> str:
        """A byte count for messages: '16 MiB', '1.5 MiB', '900 KiB'."""
        return human_bytes(self.max_doc_bytes if size is None else size)


def human_bytes(size: int) -> str:
    """Bytes as a short human figure (binary units)."""
    for unit, shift in (("GiB", 30), ("MiB", 20), ("KiB", 10)):
        if size >= 1 << shift:
            value = size / (1 << shift)
            return f"{value:.0f} {unit}" if value >= 10 or value == int(value) else f"{value:.1f} {unit}"
    return f"{size} bytes"


def _number(name: str, default: float, *, integer: bool) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw) if integer else float(raw)
    except ValueError:
        kind = "a whole number of bytes or characters" if integer else "a number of seconds"
        raise ParleyError(f"{name} must be {kind}, got {raw!r} (unset it to use the default)") from None
    if value < 0 or (integer and value == 0):
        raise ParleyError(f"{name} must be {'positive' if integer else 'zero or positive'}, got {raw!r}")
    return value


def current_limits() -> Limits:
    """The caps from the environment (defaults where unset); a ParleyError names a malformed variable."""
    return Limits(
        max_doc_bytes=int(_number(ENV_MAX_DOC_BYTES, DEFAULT_MAX_DOC_BYTES, integer=True)),
        max_seconds=_number(ENV_MAX_SECONDS, DEFAULT_MAX_SECONDS, integer=False),
        max_text_chars=int(_number(ENV_MAX_TEXT_CHARS, DEFAULT_MAX_TEXT_CHARS, integer=True)),
    )


class DocumentTimeout(BaseException):
    """A document ran past its time budget.

    A BaseException, like KeyboardInterrupt, so that the ``except Exception`` guards which keep a batch
    going around third-party extractors do not swallow it and carry on with the slow document.
    """

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took longer than {seconds:g} s")
        self.seconds = seconds


@contextmanager
def time_limit(seconds: float, budget: float | None = None) -> Iterator[None]:
    """Raise DocumentTimeout in the block once ``seconds`` have passed (no-op for 0).

    Two clocks, because a process has one SIGALRM and only its main thread receives it:

    * in the main thread, where SIGALRM exists and no other interval timer runs, a one-shot SIGALRM. It
      also interrupts sleeps, waits and regex matching (``re`` checks for signals);
    * elsewhere (Dask runs tasks in worker threads; Windows has no SIGALRM; an outer timer such as a
      test timeout owns SIGALRM), a watchdog thread that raises the exception asynchronously in this
      thread. That interrupts Python code between bytecodes; a C call (a regex match, lxml parsing a
      page, a sleep) is interrupted when it returns, which the byte and text caps keep short.

    The watchdog was chosen over a child process per shard: the stages would have to cross a process
    boundary (pickling every document and article), a Dask worker's daemonic process may not start
    children, and a killed child would cost a model reload; what the watchdog cannot cut short, the size
    caps bound. Nested limits in one thread: the outer one governs and the inner runs without a clock of
    its own, as SIGALRM has one timer. ``budget`` is the figure the error reports (default: ``seconds``).
    """
    if seconds <= 0 or getattr(_limited, "active", False):
        yield
        return
    clock = _alarm if _alarm_free() else _watchdog
    _limited.active = True
    try:
        with clock(seconds, seconds if budget is None else budget):
            yield
    finally:
        _limited.active = False


_limited = threading.local()  # .active: a time_limit guards this thread now (a nested one defers to it)


def _alarm_free() -> bool:
    """Whether SIGALRM can time this block: it exists, this is the main thread, and no timer runs."""
    return (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
            and signal.getitimer(signal.ITIMER_REAL)[0] == 0)


@contextmanager
def _alarm(seconds: float, report: float) -> Iterator[None]:
    """SIGALRM after ``seconds``. One-shot: if it rings just as the block ends, the DocumentTimeout
    surfaces at the end of the ``with``, where the caller catches it anyway."""
    armed = True

    def ring(signum: int, frame: FrameType | None) -> None:
        if armed:
            raise DocumentTimeout(report)

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _watchdog(seconds: float, report: float) -> Iterator[None]:
    """DocumentTimeout raised in this thread by the watchdog after ``seconds``, unless the block ends first.

    The exception must never land outside the block, and this thread must never hold a lock the
    watchdog needs when one lands: an asynchronous exception can strike between any two bytecodes,
    ``with lock:`` included, and leave the lock taken forever. So ending the block and firing race for
    the deadline through one atomic claim, with no shared lock; a fired exception not yet delivered
    when the block ends is withdrawn, so the block's result stands. One delivered during this cleanup
    surfaces at the end of the ``with``.
    """
    deadline = _WATCHDOG.arm(threading.get_ident(), seconds, report)
    try:
        yield
    finally:
        if not deadline.claim():  # the watchdog fired: wait until its exception is set, then withdraw it
            deadline.raised.acquire()
            _async_raise(deadline.thread, None)


class _Deadline:
    """One block's clock. Whoever claims it first, the block ending or the watchdog firing, decides."""

    def __init__(self, thread: int, report: float) -> None:
        self.thread = thread
        self.report = report
        # released once the watchdog has fired: a bare lock, as releasing one never waits, so the watchdog
        # cannot be stalled by a timed thread that an exception struck while it held this
        self.raised = threading.Lock()
        self.raised.acquire()
        self._claim = [True]

    def claim(self) -> bool:
        """True for the first caller only (``list.pop`` is atomic under the GIL)."""
        try:
            self._claim.pop()
        except IndexError:
            return False
        return True


class _Watchdog:
    """One daemon thread per process that raises DocumentTimeout in threads whose deadline has passed.

    Shared rather than a timer thread per block: arming costs a heap push, not a thread start (a few
    microseconds against a few hundred, twice per document). Deadlines claimed by their block stay
    queued until due. The lock is taken by timed threads only in ``arm``, when no exception of theirs
    can be pending.
    """

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """No deadlines and no thread yet (also a forked child's state: threads are not forked)."""
        self._wake = threading.Condition(threading.Lock())
        self._due: list[tuple[float, int, _Deadline]] = []
        self._order = itertools.count()  # ties in time never compare deadlines
        self._thread: threading.Thread | None = None

    def arm(self, thread: int, seconds: float, report: float) -> _Deadline:
        """Start timing ``thread``: past ``seconds`` it raises DocumentTimeout reporting ``report``."""
        deadline = _Deadline(thread, report)
        with self._wake:
            heapq.heappush(self._due, (time.monotonic() + seconds, next(self._order), deadline))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="parley-watchdog", daemon=True)
                self._thread.start()
            elif self._due[0][2] is deadline:
                self._wake.notify()  # due sooner than the watchdog means to wake
        return deadline

    def _run(self) -> None:
        with self._wake:
            while True:
                now = time.monotonic()
                while self._due and self._due[0][0] <= now:
                    deadline = heapq.heappop(self._due)[2]
                    if deadline.claim():
                        _async_raise(deadline.thread, _timeout_type(deadline.report))
                        deadline.raised.release()
                self._wake.wait(self._due[0][0] - now if self._due else None)


_WATCHDOG = _Watchdog()
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_WATCHDOG.reset)


def _timeout_type(seconds: float) -> type[DocumentTimeout]:
    """A DocumentTimeout class that needs no arguments: an asynchronous exception is raised as ``cls()``."""

    def __init__(self: DocumentTimeout) -> None:
        DocumentTimeout.__init__(self, seconds)

    return type("DocumentTimeout", (DocumentTimeout,), {"__init__": __init__})


def _async_raise(thread: int, exc: type[BaseException] | None) -> bool:
    """Have ``thread`` raise ``exc`` at its next bytecode; None withdraws one not yet raised."""
    return ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), exc and ctypes.py_object(exc)) == 1


class Stopwatch:
    """Seconds spent on one document across the stages that run under its budget."""

    def __init__(self, budget: float) -> None:
        self.budget = budget
        self.spent = 0.0

    @contextmanager
    def running(self) -> Iterator[None]:
        """Run a block under what is left of the budget, adding its time to the total."""
        left = max(self.budget - self.spent, 0.001) if self.budget > 0 else 0.0
        start = time.perf_counter()
        try:
            with time_limit(left, self.budget):
                yield
        finally:
            self.spent += time.perf_counter() - start


def clip_text(text: str, max_chars: int) -> str:
    """The text cut to at most max_chars, at the last line break (else whitespace) in its final tenth."""
    if len(text) <= max_chars:
        return text
    head = text[:max_chars]
    floor = max_chars - max(max_chars // 10, 1)
    for sep in ("\n", " "):
        cut = head.rfind(sep, floor)
        if cut > 0:
            return head[:cut]
    return head
