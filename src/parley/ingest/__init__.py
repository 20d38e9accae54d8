"""Reading inputs into RawDocuments: files, directories and stdin, any supported format, sniffed by content.

Errors are yielded as :class:`parley.errors.InputError` values, never raised, so that one bad file
or record costs one line of output and the rest of a batch still goes through.
"""
from __future__ import annotations

import gzip
import io
import logging
import os
import re
import shutil
import sys
import tempfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from parley.errors import InputError, ParleyError
from parley.ingest.decode import decode_bytes
from parley.ingest.detect import GZIP_MAGIC, HEAD_SIZE, describe_unsupported, sniff
from parley.ingest.readers import (
    html_url,
    parse_jsonl_record,
    read_html,
    read_jsonl,
    read_text,
)
from parley.ingest.stats import ReadStats
from parley.ingest.warc import read_warc
from parley.limits import DEFAULT_MAX_DOC_BYTES, ENV_MAX_DOC_BYTES, Limits, current_limits, human_bytes
from parley.records import RawDocument

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "ReadStats",
    "decode_bytes",
    "html_url",
    "iter_files",
    "parse_jsonl_record",
    "read_bytes",
    "read_file",
    "read_inputs",
    "sniff",
]

STDIN = "-"
# The default cap on one document (file, WARC record, JSONL line); PARLEY_MAX_DOC_BYTES overrides it
# (parley.limits). Streaming formats have no cap on the file, only on each record in it.
MAX_DOCUMENT_BYTES = DEFAULT_MAX_DOC_BYTES

log = logging.getLogger(__name__)

Item = RawDocument | InputError
_SPOOL_IN_MEMORY = 8 * 1024 * 1024
_JSON_ARRAY = re.compile(rb"^(?:\xef\xbb\xbf)?\s*\[\s*\{\s*\"")


def read_inputs(paths: Iterable[str], stats: ReadStats | None = None) -> Iterator[Item]:
    """Every document in the given files, directories (recursive) and "-" (stdin), with errors inline."""
    stats = stats if stats is not None else ReadStats()
    current_limits()  # a malformed PARLEY_* variable is a usage error before anything is read
    for path in paths:
        if path == STDIN:
            items: Iterator[Item] = _read_stdin(stats)
        elif Path(path).is_dir():
            items = _read_dir(path, stats)
        elif Path(path).exists() or Path(path).is_symlink():
            items = read_file(path, stats)
        else:
            stats.errors += 1
            yield InputError(path, "no such file or directory")
            continue
        for item in items:
            if isinstance(item, InputError):
                stats.errors += 1
            else:
                stats.records += 1
            yield item


def iter_files(root: str) -> Iterator[str | InputError]:
    """Files under a directory in sorted path order, skipping hidden ones and *.gold.json annotations."""
    found: list[tuple[tuple[str, ...], str]] = []
    problems: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=problems.append):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        parts = Path(dirpath).relative_to(root).parts
        for name in filenames:
            if name.startswith(".") or name.endswith(".gold.json"):
                continue
            found.append(((*parts, name), str(Path(dirpath) / name)))
    for problem in problems:
        yield InputError(problem.filename, f"cannot read directory ({problem.strerror or problem})")
    for _, path in sorted(found):
        yield path


def _read_dir(root: str, stats: ReadStats) -> Iterator[Item]:
    for entry in iter_files(root):
        if isinstance(entry, InputError):
            yield entry
        elif Path(entry).is_file():
            yield from read_file(entry, stats)
        elif Path(entry).is_symlink() and not Path(entry).exists():
            stats.files += 1
            yield InputError(entry, "broken symbolic link")
        # sockets, FIFOs and devices inside a corpus folder are not documents (and could block)


def read_file(path: str, stats: ReadStats | None = None) -> Iterator[Item]:
    """The documents of one file of any supported format (InputErrors for what cannot be read)."""
    stats = stats if stats is not None else ReadStats()
    stats.files += 1
    try:
        handle = Path(path).open("rb")  # noqa: SIM115 - closed in the finally below, after streaming
    except OSError as exc:
        yield InputError(path, f"cannot open file ({exc.strerror or exc})")
        return
    try:
        yield from _read_stream(handle, path, Path(path).name, stats)
    except OSError as exc:
        yield InputError(path, f"cannot read file ({exc.strerror or exc})")
    except ParleyError:
        raise  # a usage error (a malformed PARLEY_* variable) ends the run
    except Exception as exc:  # noqa: BLE001 - a reader bug on one file must not end a batch (logged)
        yield _reader_bug(path, exc)
    finally:
        handle.close()


def _reader_bug(path: str | None, exc: Exception) -> InputError:
    log.debug("reading %s failed", path or "<stdin>", exc_info=True)
    return InputError(path, f"could not read the input ({type(exc).__name__}: {exc})",
                      hint="this is a bug in parley: please report it with this input")


def read_bytes(data: bytes, name: str = "", path: str | None = None,
               stats: ReadStats | None = None) -> Iterator[Item]:
    """The documents in an in-memory input (stdin, an upload); name only breaks format ties."""
    stats = stats if stats is not None else ReadStats()
    yield from _read_stream(io.BytesIO(data), path, name, stats)


def _spool(handle: BinaryIO) -> BinaryIO:
    """A seekable copy of a pipe, in memory up to a few MiB and on disk beyond, so a crawl piped in
    is streamed like a file instead of held whole."""
    spool = tempfile.SpooledTemporaryFile(max_size=_SPOOL_IN_MEMORY)  # noqa: SIM115 - the caller closes it
    shutil.copyfileobj(handle, spool, 1 << 20)
    spool.seek(0)
    return spool  # type: ignore[return-value]


def _read_stdin(stats: ReadStats) -> Iterator[Item]:
    stats.files += 1
    try:
        spool = _spool(sys.stdin.buffer)
    except (OSError, AttributeError, ValueError) as exc:
        yield InputError(None, f"cannot read standard input ({exc})")
        return
    with spool:
        try:
            yield from _read_stream(spool, None, "", stats)
        except ParleyError:
            raise
        except Exception as exc:  # noqa: BLE001 - as read_file: one input, one error line
            yield _reader_bug(None, exc)


def _too_large(path: str | None, reason: str, limits: Limits, size: int | None = None) -> InputError:
    """The error for a document over the byte cap, saying how big it is and how to let it through."""
    over = f"{human_bytes(size)}, over" if size is not None else "over"
    return InputError(path, f"{reason} ({over} the {limits.size_text()} limit)",
                      hint=f"raise {ENV_MAX_DOC_BYTES} to read it, or split it into pages as JSONL or WARC")


def _read_stream(handle: BinaryIO, path: str | None, name: str, stats: ReadStats) -> Iterator[Item]:
    limits = current_limits()
    if not handle.seekable():  # pipes and FIFOs: sniffing needs to go back to the start
        with _spool(handle) as spool:
            yield from _read_stream(spool, path, name, stats)
        return
    head = handle.read(HEAD_SIZE)
    if not head:
        yield InputError(path, "empty file")
        return
    fmt = sniff(head, name)
    if fmt is None:
        yield InputError(path, describe_unsupported(head))
        return
    handle.seek(0)
    gzipped = head.startswith(GZIP_MAGIC)
    if fmt == "warc":
        yield from read_warc(handle, path, stats, max_bytes=limits.max_doc_bytes)
        return
    if fmt == "jsonl":
        stream: BinaryIO = gzip.GzipFile(fileobj=handle, mode="rb") if gzipped else handle  # type: ignore[assignment]
        try:
            yield from read_jsonl(bounded_lines(stream, limits.max_doc_bytes), path, limits.max_doc_bytes)
        except (EOFError, OSError, zlib.error) as exc:
            yield InputError(path, f"corrupt or truncated gzip data ({exc})")
        return
    if fmt == "text" and _JSON_ARRAY.match(head):
        yield InputError(path, "a JSON array, not JSON Lines",
                         hint="put one JSON object per line, e.g. jq -c '.[]' FILE > FILE.jsonl")
        return
    # Never read more than the cap (plus one byte, to know it is over): a 50 MB page costs one read.
    data = handle.read(limits.max_doc_bytes + 1)
    if len(data) > limits.max_doc_bytes:
        yield _too_large(path, f"file too large for one {fmt} document", limits, _size(handle))
        return
    if gzipped:
        try:
            data = _gunzip(data, limits.max_doc_bytes)
        except (EOFError, OSError, zlib.error) as exc:
            yield InputError(path, f"corrupt or truncated gzip data ({exc})")
            return
        if len(data) > limits.max_doc_bytes:
            yield _too_large(path, f"file too large for one {fmt} document once uncompressed", limits)
            return
    if not data.strip():
        yield InputError(path, "empty file", hint="nothing but whitespace")
        return
    yield from (read_html(data, path) if fmt == "html" else read_text(data, path))


def _size(handle: BinaryIO) -> int | None:
    try:
        return handle.seek(0, io.SEEK_END)
    except (OSError, ValueError):
        return None


def bounded_lines(stream: BinaryIO, max_bytes: int) -> Iterator[bytes | None]:
    """The lines of a stream, each at most max_bytes long; None in place of a longer line, never held whole."""
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(1 << 20)
            yield None
            continue
        yield line


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    inflater = zlib.decompressobj(wbits=31)
    out = inflater.decompress(data, max_bytes + 1)
    if len(out) <= max_bytes and not inflater.eof:
        raise EOFError("the gzip stream ends early")
    return out
