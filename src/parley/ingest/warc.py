"""WARC reader: one RawDocument per HTML response, streamed with fastwarc (gzip handled)."""
from __future__ import annotations

import gzip
import io
import logging
import re
import zlib
from collections.abc import Iterator
from typing import BinaryIO, cast

from fastwarc.stream_io import BrotliReader, ChunkedReader, ZstdReader
from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from parley.errors import InputError
from parley.ingest.decode import clean_text, decode_bytes
from parley.ingest.detect import GZIP_MAGIC, gunzip_head, sniff
from parley.ingest.markup import defuse_markup
from parley.ingest.stats import ReadStats
from parley.limits import DEFAULT_MAX_DOC_BYTES, ENV_MAX_DOC_BYTES, human_bytes
from parley.records import RawDocument

log = logging.getLogger(__name__)

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "application/xhtml", "text/xhtml"})
_CARRIERS = WarcRecordType.response | WarcRecordType.resource


def _mime(value: str | None) -> str:
    return (value or "").split(";", 1)[0].strip().lower()


class PayloadTooLarge(ValueError):
    """An HTTP payload that decompresses past the per-document byte cap (a decompression bomb, or a dump)."""


def _inflate(data: bytes, wbits: int, max_bytes: int) -> bytes:
    # Keep what decompresses even if the crawler cut the payload short (WARC-Truncated).
    inflater = zlib.decompressobj(wbits=wbits)
    out = inflater.decompress(data, max_bytes + 1)
    if len(out) > max_bytes:
        raise PayloadTooLarge
    return out + inflater.flush()


def _decode_payload(payload: bytes, transfer: str, encoding: str, max_bytes: int = DEFAULT_MAX_DOC_BYTES) -> bytes:
    """Undo HTTP transfer and content encodings; raises OSError/zlib.error when they are corrupt,
    PayloadTooLarge when they expand past max_bytes."""
    if "chunked" in transfer:
        payload = ChunkedReader(io.BytesIO(payload)).read()
    for coding in reversed([c.strip() for c in encoding.split(",") if c.strip()]):
        if coding in ("gzip", "x-gzip"):
            payload = _inflate(payload, 47, max_bytes)  # 32+15: gzip or zlib header, detected
        elif coding == "deflate":
            try:
                payload = _inflate(payload, 15, max_bytes)
            except zlib.error:  # servers often send raw deflate despite the name
                payload = _inflate(payload, -15, max_bytes)
        elif coding == "br":
            payload = BrotliReader(io.BytesIO(payload)).read(max_bytes + 1)
        elif coding == "zstd":
            payload = ZstdReader(io.BytesIO(payload)).read(max_bytes + 1)
        elif coding not in ("identity", "none"):
            raise OSError(f"unsupported Content-Encoding {coding!r}")
        if len(payload) > max_bytes:
            raise PayloadTooLarge
    return payload


def _html_payload(record: WarcRecord, payload: bytes) -> tuple[bool, str | None]:
    """Whether a carrier record holds an HTML page, and the charset its HTTP header declares."""
    if record.is_http:
        status = record.http_headers.status_code if record.http_headers is not None else None
        if status is not None and not 200 <= status < 300:
            return False, None
        mime, charset = _mime(record.http_content_type), record.http_charset
    else:
        mime, charset = _mime(record.headers.get("Content-Type")), None
    if mime:
        return mime in HTML_TYPES, charset
    return sniff(payload[:65536]) == "html", charset


def read_warc(stream: BinaryIO, path: str | None, stats: ReadStats | None = None,
              max_bytes: int = DEFAULT_MAX_DOC_BYTES) -> Iterator[RawDocument | InputError]:
    """Yield each HTML response of a (possibly gzipped) WARC; a break in the file becomes an InputError.

    Streams record by record: memory holds one record's payload, at most max_bytes of it. After a
    corrupt stretch (a wrong Content-Length, garbage between records) reading resumes at the next
    record header (or gzip member holding one); a file cut short ends with an InputError.
    """
    stats = stats if stats is not None else ReadStats()
    start = stream.tell()
    gzipped = stream.read(2) == GZIP_MAGIC
    stream.seek(start)
    if gzipped and _one_gzip_stream(stream, start):
        # fastwarc's positions inside one long gzip stream are not record starts, so read it through
        # a decompressing file instead: positions, resumption and the end check then work as for plain WARC
        one_stream = _OneGzipStream(fileobj=stream)
        stream = cast(BinaryIO, one_stream)
        start, gzipped = 0, False
    else:
        one_stream = None
    index = 0  # records fully handled so far == index of the record being read
    last_pos = floor = start  # where the last record read began; where the last resumption began
    resumed = False  # whether the pass now reading started at a resumption point
    while True:
        broken: InputError | None = None
        read_any = False
        try:
            for record in ArchiveIterator(stream, parse_http=True, auto_decode="none"):
                last_pos = record.stream_pos
                read_any = True
                result = _record_document(record, path, index, stats, max_bytes)
                index += 1
                if isinstance(result, InputError) and result.reason.startswith(_BROKEN):
                    broken, index = result, index - 1
                    break
                if result is not None:
                    yield result
        except (OSError, ValueError, EOFError) as exc:
            broken = InputError(path, f"{_BROKEN} ({exc})", record=index)
        if resumed and not read_any:
            # the resumption point was the start of the damaged record itself (a member cut short):
            # nothing new was read, and that damage is already reported
            return
        if broken is None:
            break
        resume = _next_record(stream, max(last_pos, floor) + 1, gzipped)
        done = f"the {index} record(s) before it were read" if index else ""
        yield InputError(path, broken.reason, record=index,
                         hint="reading resumed at the next record" if resume is not None else done)
        if resume is None:
            return
        index += 1
        last_pos = floor = resume
        resumed = True
        stream.seek(resume)
    # fastwarc ends quietly when the file stops inside a record header or a gzip member, so check
    # that the last record it read really ends the file.
    problem = _tail_problem(stream, last_pos, gzipped)
    if problem is None and one_stream is not None and one_stream.cut:
        problem = "the file ends inside its gzip stream", 0
    if problem:
        reason, step = problem
        where = max(index - 1 + step, 0)
        yield InputError(path, f"{_BROKEN} ({reason})", record=where,
                         hint=f"the {where} record(s) before it were read" if where else "")


_RECORD_START = re.compile(rb"\nWARC/1\.[01]\r?\n")
_FIRST_MEMBER_LIMIT = 16 * 1024 * 1024


class _OneGzipStream(gzip.GzipFile):
    """A gzip stream read to wherever it stops: a cut-short stream ends its data and sets `cut`."""

    cut = False

    def read(self, size: int | None = -1) -> bytes:
        try:
            return super().read(size)
        except EOFError:  # raised only once everything before the cut has been returned
            self.cut = True
            return b""


def _one_gzip_stream(stream: BinaryIO, start: int) -> bool:
    """Whether the whole WARC is gzipped as one stream rather than one gzip member per record.

    Decides from the first member alone: if it goes on past the end of its first record with another
    record header, records share members.
    """
    inflater = zlib.decompressobj(wbits=31)
    data = b""
    try:
        while not inflater.eof and len(data) < _FIRST_MEMBER_LIMIT:
            chunk = stream.read(_SCAN_CHUNK)
            if not chunk:
                break
            data += inflater.decompress(chunk, _FIRST_MEMBER_LIMIT - len(data))
            header_end = _HEADER_END.search(data)
            length = _CONTENT_LENGTH.search(data, 0, header_end.start()) if header_end else None
            if header_end and length:
                end = header_end.end() + int(length.group(1))
                if len(data) > end + 4:  # some of the next record is here: this member holds two
                    return data[end:].lstrip(b"\r\n").startswith(b"WARC/")
    except zlib.error:
        return False
    finally:
        stream.seek(start)
    return False

_SCAN_CHUNK = 1 << 20


def _next_record(stream: BinaryIO, offset: int, gzipped: bool) -> int | None:
    """Where the next record (or gzip member holding one) starts at or after offset; None if none does."""
    pos = offset
    while True:
        stream.seek(pos)
        chunk = stream.read(_SCAN_CHUNK)
        if not chunk:
            return None
        if gzipped:
            at = chunk.find(GZIP_MAGIC + b"\x08")
            while at >= 0:
                stream.seek(pos + at)
                head = gunzip_head(stream.read(4096), 16)
                if head and head.startswith(b"WARC/"):
                    return pos + at
                at = chunk.find(GZIP_MAGIC + b"\x08", at + 1)
        else:
            found = _RECORD_START.search(chunk)
            if found:
                return pos + found.start() + 1
        if len(chunk) < _SCAN_CHUNK:
            return None
        pos += len(chunk) - 16  # overlap, for a marker split between chunks


_TAIL_LIMIT = 64 * 1024 * 1024
_HEADER_END = re.compile(rb"\r?\n\r?\n")
_CONTENT_LENGTH = re.compile(rb"(?im)^content-length:[ \t]*(\d+)")


def _tail_problem(stream: BinaryIO, offset: int, gzipped: bool) -> tuple[str, int] | None:
    """Why the data from the last record read to the end of the file is not exactly that record.

    Returns the reason and where it lies: 0 for the last record read, 1 for whatever follows it.
    """
    stream.seek(offset)
    raw = stream.read(_TAIL_LIMIT)
    if len(raw) >= _TAIL_LIMIT:
        return None  # too large to re-check cheaply; per-record length checks still apply
    data = raw
    if gzipped:
        parts, rest, size = [], raw, 0
        while rest.strip(b"\x00\r\n\t "):
            inflater = zlib.decompressobj(wbits=31)
            try:
                parts.append(inflater.decompress(rest, _TAIL_LIMIT - size))
            except zlib.error:
                return "unreadable gzip data", min(len(parts), 1)
            size += len(parts[-1])
            if inflater.unconsumed_tail or size >= _TAIL_LIMIT:
                return None  # expands too far to re-check cheaply
            if not inflater.eof:
                return "the file ends inside a gzip member", min(len(parts) - 1, 1)
            rest = inflater.unused_data
        data = b"".join(parts)
    if not data.strip():
        return None if offset == 0 and not raw.strip() else ("no WARC record where one should start", 0)
    header_end = _HEADER_END.search(data)
    if not data.startswith(b"WARC/") or header_end is None:
        return "the file ends inside a record header", 0
    length = _CONTENT_LENGTH.search(data, 0, header_end.start())
    if length is None:
        return "a record header has no Content-Length", 0
    end = header_end.end() + int(length.group(1))
    if len(data) < end:
        return "the file ends inside this record", 0
    if data[end:].strip():
        return "the file ends inside a record header", 1
    return None


_BROKEN = "corrupt or truncated WARC"


def _too_large(path: str | None, index: int, what: str, max_bytes: int, size: int | None = None,
               once: str = "") -> InputError:
    over = f"{human_bytes(size)}, over" if size is not None else "over"
    return InputError(path, f"{what} too large {once}({over} the {human_bytes(max_bytes)} limit)", record=index,
                      hint=f"raise {ENV_MAX_DOC_BYTES} to read it")


def _record_document(record: WarcRecord, path: str | None, index: int, stats: ReadStats,
                     max_bytes: int = DEFAULT_MAX_DOC_BYTES) -> RawDocument | InputError | None:
    """The RawDocument for one WARC record, an InputError, or None for a record skipped as non-HTML."""
    if record.headers.get("Content-Length") is None:
        return InputError(path, f"{_BROKEN} (record header incomplete)", record=index)
    carrier = bool(record.record_type & _CARRIERS)
    expected = record.content_length
    oversized = False
    if carrier:
        # The HTTP headers were parsed off already; the rest is the payload, held only up to the cap.
        payload = record.reader.read(max_bytes + 1)
        got = len(payload)
        if got > max_bytes:
            oversized = True
            got += record.reader.consume()
    else:
        payload, got = b"", record.reader.consume()
    if got < expected:
        return InputError(path, f"{_BROKEN} (file ends inside this record: {got} of {expected} bytes)",
                          record=index)
    if not carrier:
        stats.skipped += 1
        return None
    if oversized:
        return _too_large(path, index, "record", max_bytes, expected)
    if record.is_http and record.http_headers is not None:
        http = record.http_headers
        try:
            payload = _decode_payload(payload, (http.get("Transfer-Encoding") or "").lower(),
                                      (http.get("Content-Encoding") or "").lower(), max_bytes)
        except PayloadTooLarge:
            return _too_large(path, index, "HTTP payload", max_bytes, once="once decompressed ")
        except (OSError, zlib.error) as exc:
            return InputError(path, f"cannot decode the HTTP payload ({exc})", record=index)
    is_html, charset = _html_payload(record, payload)
    if not is_html:
        stats.skipped += 1
        return None
    text, _ = decode_bytes(payload, charset, html=True)
    text = defuse_markup(clean_text(text))
    if not text.strip():
        stats.skipped += 1
        return None
    url = (record.headers.get("WARC-Target-URI") or "").strip().strip("<>") or None
    return RawDocument(content=text, format="warc", path=path, url=url, record=index, container="warc",
                       crawled=(record.headers.get("WARC-Date") or "").strip() or None)
