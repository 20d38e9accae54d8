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
                                          clock off. Enforced with SIGALRM, so only in the main thread on
                                          platforms that have it (Linux, macOS); elsewhere there is no clock.
``PARLEY_MAX_TEXT_CHARS``     200,000     characters of article text handed to the parser; longer bodies are
                                          cut at a paragraph (or word) boundary so that offsets stay valid. The
                                          parse itself runs in batches and is bounded by this cap, not the clock.
============================  ==========  =====================================================================
"""
from __future__ import annotations

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


def clock_available() -> bool:
    """Whether time_limit can interrupt here: SIGALRM exists and this is the main thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float, budget: float | None = None) -> Iterator[None]:
    """Raise DocumentTimeout in the block once ``seconds`` have passed (no-op for 0 or without a clock).

    Interrupts Python code (regex matching included); one long C call is interrupted when it returns,
    which the byte and text caps keep short. The timer is one-shot: if it rings just as the block ends,
    the DocumentTimeout surfaces at the end of the ``with``, where the caller catches it anyway. If
    another interval timer is already running (an outer limit, a test timeout) it is left alone and the
    block runs without a clock. ``budget`` is the figure the error reports (default: ``seconds``).
    """
    if seconds <= 0 or not clock_available() or signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        yield
        return
    armed = True

    def ring(signum: int, frame: FrameType | None) -> None:
        if armed:
            raise DocumentTimeout(seconds if budget is None else budget)

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


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
