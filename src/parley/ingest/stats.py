"""Counters a batch read keeps, for the CLI's summary line."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ReadStats:
    """What read_inputs saw: files opened, documents yielded, WARC records skipped, errors yielded."""

    files: int = 0
    records: int = 0
    skipped: int = 0  # WARC records that hold no HTML page (warcinfo, requests, images, redirects ...)
    errors: int = 0
