"""Shards: the unit of scale-out work, and the one engine-agnostic function that turns a shard into Parquet.

A shard is a short list of *parts* in input order. A part is a whole file, a record range of a large
WARC or JSON Lines file, or an input that could not be found (reported as an error row). The planner
(:func:`plan`) makes shards of about ``records_per_shard`` documents; :func:`process_shard` reads a
shard with the ordinary readers, runs the ordinary :class:`~parley.pipeline.Pipeline` and writes one
Parquet file per table, then a completion marker. Every file is written under a temporary name and
renamed into place, the marker last, so a shard is either finished (marker present) or redone from
scratch, and a rerun skips finished shards. Engines (a local process pool, Dask) only decide where
``process_shard`` runs; see :mod:`parley.distributed`.

Output layout (a Parquet dataset per table, one file per shard)::

    OUT/articles/part-SHARD.parquet   the store's article columns + json (the full schema-v1 record) + shard, seq
    OUT/actors/  quotes/  events/     the store's flattened rows + shard, seq (seq: the article's position)
    OUT/errors/part-SHARD.parquet     path, record, reason, hint, message, shard, seq
    OUT/_done/SHARD.json              completion marker: parts, file fingerprints, counts, timing
"""
from __future__ import annotations

import functools
import gzip
import hashlib
import itertools
import json
import os
import re
import resource
import socket
import threading
import time
import uuid
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Literal

import orjson
import pyarrow as pa
import pyarrow.parquet as pq

from parley import __version__
from parley.errors import InputError, ParleyError
from parley.ingest import ReadStats, iter_files, read_bytes, read_file, sniff
from parley.ingest.detect import GZIP_MAGIC, HEAD_SIZE, gunzip_head
from parley.records import Article, RawDocument
from parley.store.rows import ARROW_SCHEMAS, Batch, RecordError, compact_json

if TYPE_CHECKING:
    from parley.pipeline import Pipeline
    from parley.store.db import Store

RECORDS_PER_SHARD = 200  # documents (or WARC/JSONL records) per shard: ~10 s of work for one core
MAX_SHARD_BYTES = 64 * 1024 * 1024  # small files are grouped into one shard up to this many bytes
DONE = "_done"
ERROR_SAMPLES = 20  # error messages kept per shard for the run summary

PartKind = Literal["file", "warc", "jsonl", "jsonl.gz", "error"]
Item = RawDocument | InputError

_EXTRA = [pa.field("shard", pa.string()), pa.field("seq", pa.int64())]
# The store's own columns (whatever its flatten makes of a record), then ours: the articles table
# carries each record's full schema-v1 JSON, which is what load_parquet gives the store.
SCHEMAS: dict[str, pa.Schema] = {
    **{name: pa.schema(list(schema) + _EXTRA) for name, schema in ARROW_SCHEMAS.items()},
    "articles": pa.schema([*ARROW_SCHEMAS["articles"], pa.field("json", pa.string()), *_EXTRA]),
    "errors": pa.schema([
        ("path", pa.string()), ("record", pa.int64()), ("reason", pa.string()), ("hint", pa.string()),
        ("message", pa.string()), *_EXTRA,
    ]),
}
TABLES = tuple(SCHEMAS)  # the store's tables, then errors
_BROKEN_WARC = "corrupt or truncated WARC"
_BEFORE = re.compile(r"the (\d+) record\(s\) before it were read")


# ---- shards -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """One piece of a shard: a whole file, a record range [start, stop) of a WARC/JSONL file, or an error."""

    label: str  # the path as the user spelled it: what records and error messages name
    file: str  # absolute path, opened by the worker (workers may run in another directory)
    kind: PartKind = "file"
    start: int = 0  # first record of a range
    stop: int | None = None  # record after the last one; None: to the end of the file
    offset: int = 0  # byte offset of record `start` (plain WARC/JSONL, per-record gzip WARC)
    end: int | None = None  # byte offset where the range ends; None: end of file
    records: int = 1  # planned documents (weight for grouping and progress)
    size: int = -1  # file size and mtime when planned: a changed file is processed again
    mtime_ns: int = -1
    reason: str = ""  # kind "error": why the input cannot be read
    hint: str = ""

    def describe(self) -> str:
        """Where this part's documents come from, for messages."""
        if self.kind in ("file", "error"):
            return self.label
        return f"{self.label} records {self.start}-{'end' if self.stop is None else self.stop - 1}"


@dataclass(frozen=True)
class Shard:
    """A unit of work: parts processed together into one Parquet file per table."""

    parts: tuple[Part, ...]

    @property
    def id(self) -> str:
        """Stable name from what the shard covers (absolute paths and record ranges)."""
        key = json.dumps([(p.file, p.kind, p.start, p.stop, p.reason) for p in self.parts])
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    @property
    def fingerprint(self) -> str:
        """The id plus each file's size and mtime: a marker with another fingerprint is stale."""
        key = json.dumps([asdict(p) for p in self.parts], sort_keys=True)
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    @property
    def records(self) -> int:
        """Planned documents in this shard."""
        return sum(p.records for p in self.parts)

    def describe(self) -> str:
        """A short human name: the part, or the first part and how many more."""
        first = self.parts[0].describe()
        return first if len(self.parts) == 1 else f"{first} and {len(self.parts) - 1} more file(s)"


@dataclass(frozen=True)
class ShardResult:
    """What processing (or skipping) one shard produced; also the body of its completion marker."""

    shard: str
    skipped: bool = False
    documents: int = 0  # items read: articles + errors
    articles: int = 0
    actors: int = 0
    quotes: int = 0
    events: int = 0
    errors: int = 0
    warc_skipped: int = 0  # WARC records that hold no HTML page
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # CPU time of the worker process on this shard (wall seconds include waiting)
    worker: str = ""  # host:pid
    peak_rss_mb: float = 0.0  # the worker process's peak resident memory so far
    samples: tuple[str, ...] = field(default_factory=tuple)  # the first error messages


# ---- planning -----------------------------------------------------------------------------


def plan(inputs: Sequence[str], records_per_shard: int = RECORDS_PER_SHARD,
         max_shard_bytes: int = MAX_SHARD_BYTES) -> list[Shard]:
    """Shards covering every document of the inputs (files, directories, globs), in input order.

    WARC and JSON Lines files with more than ``records_per_shard`` records are split into record
    ranges; smaller files are grouped until a shard holds about that many documents.
    """
    if records_per_shard < 1:
        raise ParleyError(f"records per shard must be at least 1, got {records_per_shard}")
    if "-" in inputs:
        raise ParleyError("standard input cannot be split into shards; save it to a file, or use `parley ingest -`")
    parts: list[Part] = []
    seen: set[tuple[str, str]] = set()
    for path in inputs:
        for part in _input_parts(path, records_per_shard, max_shard_bytes):
            key = (part.file, part.describe())
            if key not in seen:  # a file named twice (itself and through its folder) is read once
                seen.add(key)
                parts.append(part)
    return _group(parts, records_per_shard, max_shard_bytes)


def _has_magic(path: str) -> bool:
    return any(c in path for c in "*?[")


def _input_parts(path: str, n: int, max_bytes: int) -> Iterator[Part]:
    if Path(path).is_dir():
        for entry in iter_files(path):
            if isinstance(entry, InputError):
                yield _error_part(entry.path or path, entry.reason, entry.hint)
            elif Path(entry).is_file():
                yield from _file_parts(entry, n, max_bytes)
            elif Path(entry).is_symlink() and not Path(entry).exists():
                yield _error_part(entry, "broken symbolic link")
            # sockets, FIFOs and devices inside a corpus folder are not documents (as read_inputs)
    elif Path(path).exists() or Path(path).is_symlink():
        yield from _file_parts(path, n, max_bytes)
    elif _has_magic(path):
        matches = sorted(glob_paths(path))
        if not matches:
            yield _error_part(path, "no files match this pattern")
        for match in matches:
            yield from _input_parts(match, n, max_bytes)
    else:
        yield _error_part(path, "no such file or directory")


def glob_paths(pattern: str) -> list[str]:
    """Paths matching a shell pattern (``**`` crosses directories), hidden files left out."""
    import glob

    return glob.glob(str(Path(pattern).expanduser()), recursive=True)  # noqa: PTH207 - Path.glob takes no absolute patterns


def _error_part(label: str, reason: str, hint: str = "") -> Part:
    return Part(label=label, file=_absolute(label), kind="error", reason=reason, hint=hint)


def _absolute(label: str) -> str:
    """Absolute and normalised, symbolic links kept (a broken link must stay one)."""
    return os.path.abspath(label)  # noqa: PTH100 - Path.resolve would follow links


def _file_parts(label: str, n: int, max_bytes: int) -> Iterator[Part]:
    """The parts of one file: the whole file, or record ranges when it is a large WARC/JSONL."""
    file = _absolute(label)
    cuts: list[tuple[int, int]] | None = None
    try:
        st = Path(file).stat()
        whole = Part(label=label, file=file, size=st.st_size, mtime_ns=st.st_mtime_ns)
        with Path(file).open("rb") as handle:
            head = handle.read(HEAD_SIZE)
            fmt = sniff(head, Path(label).name) if head else None
            if fmt not in ("warc", "jsonl"):
                yield whole
                return
            handle.seek(0)
            gzipped = head.startswith(GZIP_MAGIC)
            kind: PartKind = "warc" if fmt == "warc" else "jsonl.gz" if gzipped else "jsonl"
            if fmt == "warc":
                count, cuts = _warc_cuts(handle, n, max_bytes, gzipped)
            else:
                count, cuts = _jsonl_cuts(handle, n, max_bytes, gzipped)
    except OSError:
        yield Part(label=label, file=file)  # the reader will say what is wrong
        return
    if not cuts or len(cuts) == 1:
        yield replace(whole, records=max(count, 1))
        return
    for k, (start, offset) in enumerate(cuts):
        last = k == len(cuts) - 1
        stop, end = (None, None) if last else cuts[k + 1]
        yield replace(whole, kind=kind, start=start, stop=stop, offset=offset, end=end,
                      records=(count if stop is None else stop) - start)


def _warc_cuts(handle: BinaryIO, n: int, max_bytes: int, gzipped: bool) -> tuple[int, list[tuple[int, int]] | None]:
    """Record count and where ranges start (record, byte offset): every n records or max_bytes.

    None when the file cannot be cut (one gzip stream over the whole file rather than one per record).
    """
    from fastwarc.warc import ArchiveIterator

    count, cuts = 0, [(0, 0)]
    try:
        for record in ArchiveIterator(handle, parse_http=False, auto_decode="none"):
            index, pos = cuts[-1]
            if count - index >= n or (count > index and record.stream_pos - pos >= max_bytes):
                cuts.append((count, record.stream_pos))
            count += 1
    except (OSError, ValueError):
        pass  # a break in the file: the last range runs to the end and reports it
    for _, pos in cuts[1:]:
        handle.seek(pos)
        head = handle.read(4096)
        inner = gunzip_head(head, 16) if gzipped else head
        if not inner or not inner.startswith(b"WARC/"):
            return count, None
    return count, cuts


def _jsonl_cuts(handle: BinaryIO, n: int, max_bytes: int, gzipped: bool) -> tuple[int, list[tuple[int, int]]]:
    """Line count and where ranges start (line, byte offset into the uncompressed lines).

    A range starts only at a line holding a JSON object, so that each range, read on its own, is
    recognised as JSON Lines just as the whole file is.
    """
    stream: Any = gzip.GzipFile(fileobj=handle, mode="rb") if gzipped else handle
    count, pos, cuts = 0, 0, [(0, 0)]
    try:
        for line in stream:
            index, offset = cuts[-1]
            if (count - index >= n or (count > index and pos - offset >= max_bytes)) and _json_object(line):
                cuts.append((count, pos))
            pos += len(line)
            count += 1
    except (EOFError, OSError, zlib.error):
        pass  # a break in the gzip stream: the last range reads to the end and reports it
    return count, cuts


def _json_object(line: bytes) -> bool:
    if not line.lstrip().startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _group(parts: list[Part], n: int, max_bytes: int) -> list[Shard]:
    """Record ranges each become a shard; whole files and errors are grouped in order.

    Groups close when full, and also where a file's path hash says so, so that adding one file to
    a folder regroups only its neighbours and a rerun still skips most finished shards.
    """
    shards: list[Shard] = []
    group: list[Part] = []
    weight = size = 0
    for part in parts:
        if part.kind not in ("file", "error"):
            if group:
                shards.append(Shard(tuple(group)))
                group, weight, size = [], 0, 0
            shards.append(Shard((part,)))
            continue
        cut = int(hashlib.sha1(part.file.encode("utf-8")).hexdigest()[:8], 16) % n == 0
        if group and (cut or weight + part.records > n or size + max(part.size, 0) > max_bytes):
            shards.append(Shard(tuple(group)))
            group, weight, size = [], 0, 0
        group.append(part)
        weight += part.records
        size += max(part.size, 0)
    if group:
        shards.append(Shard(tuple(group)))
    return shards


# ---- reading ------------------------------------------------------------------------------


def read_shard(shard: Shard, stats: ReadStats | None = None) -> Iterator[Item]:
    """Every document (or InputError) of a shard, exactly as read_inputs gives them for the same files."""
    stats = stats if stats is not None else ReadStats()
    for part in shard.parts:
        try:
            yield from read_part(part, stats)
        except Exception as exc:  # noqa: BLE001 - a reader bug costs this part, not the shard
            yield InputError(part.label, f"internal error while reading ({type(exc).__name__}: {exc})",
                             hint="please report this file")


def read_part(part: Part, stats: ReadStats | None = None) -> Iterator[Item]:
    """The documents of one part, labelled with the path as the user gave it, records numbered in the file."""
    stats = stats if stats is not None else ReadStats()
    if part.kind == "error":
        yield InputError(part.label, part.reason, hint=part.hint)
        return
    if part.kind == "file":
        for item in read_file(part.file, stats):
            yield _relabel(item, part.label, 0)
        return
    name = Path(part.label).name
    try:
        if part.kind == "jsonl.gz":
            data, broken = _gzip_lines(part)
            name = name.removesuffix(".gz")
        else:
            with Path(part.file).open("rb") as handle:
                handle.seek(part.offset)
                data, broken = handle.read(-1 if part.end is None else part.end - part.offset), None
    except OSError as exc:
        yield InputError(part.label, f"cannot read file ({exc.strerror or exc})")
        return
    # The range as if it were a file of its own: the same detection, limits and per-record errors.
    for item in read_bytes(data, name=name, path=part.file, stats=stats):
        yield _relabel(item, part.label, part.start)
    if broken is not None:
        yield broken


def _gzip_lines(part: Part) -> tuple[bytes, InputError | None]:
    """Lines [start, stop) of a gzipped file (no random access: decompress and skip), and the error
    that ended the stream early, if one did."""
    lines: list[bytes] = []
    with Path(part.file).open("rb") as handle:
        try:
            lines.extend(itertools.islice(gzip.GzipFile(fileobj=handle, mode="rb"), part.start, part.stop))
        except (EOFError, OSError, zlib.error) as exc:
            return b"".join(lines), InputError(part.label, f"corrupt or truncated gzip data ({exc})")
    return b"".join(lines), None


def _relabel(item: Item, label: str, start: int) -> Item:
    """An item with the user's path and its record number counted from the start of the file."""
    if isinstance(item, InputError):
        record = None if item.record is None else item.record + start
        hint = item.hint
        if start and hint:
            hint = _BEFORE.sub(lambda m: f"the {int(m[1]) + start} record(s) before it were read", hint)
        elif start and record and item.reason.startswith(_BROKEN_WARC):  # read whole, the file says how far it got
            hint = f"the {record} record(s) before it were read"
        return InputError(label, item.reason, record, hint)
    record = None if item.record is None else item.record + start
    return replace(item, path=label, record=record)


# ---- processing ---------------------------------------------------------------------------

_PIPELINE_LOCK = threading.Lock()


@functools.cache
def worker_pipeline() -> Pipeline:
    """The process's one Pipeline (spaCy model, gazetteers, lexicons): loaded on first use, then reused."""
    from parley.pipeline import Pipeline

    return Pipeline()


def annotate(pipeline: Pipeline, items: Sequence[Item]) -> Iterator[Article | InputError]:
    """process_stream over items, one output per item, where a document that makes a stage raise
    becomes an InputError instead of ending the batch."""
    done = 0
    while done < len(items):
        try:
            for out in pipeline.process_stream(items[done:]):
                yield out
                done += 1
        except Exception:  # noqa: BLE001 - isolate the culprit below, then carry on with the rest
            item = items[done]
            try:
                out = next(iter(pipeline.process_stream([item])))
            except Exception as exc:  # noqa: BLE001 - one bad document must not fail its shard
                out = _internal_error(item, exc)
            yield out
            done += 1


def _internal_error(item: Item, exc: BaseException) -> InputError:
    if isinstance(item, InputError):
        return item
    return InputError(item.path, f"internal error while processing ({type(exc).__name__}: {exc})", item.record,
                      "please report this document")


def process_shard(shard: Shard, out_dir: str, *, force: bool = False, pipeline: Pipeline | None = None) -> ShardResult:
    """Read, process and write one shard as Parquet plus its completion marker; skip it when already finished.

    Idempotent: every file goes to a temporary name and is renamed into place, the marker last, so a
    retry after a lost worker (or a concurrent duplicate attempt) leaves one complete copy.
    """
    out = Path(out_dir)
    if not force:
        earlier = finished(shard, out)
        if earlier is not None:
            return earlier
    if pipeline is None:
        with _PIPELINE_LOCK:  # loaded once per process, outside the shard's own timing
            worker_pipeline()
    t0, cpu0 = time.perf_counter(), time.process_time()
    stats = ReadStats()
    items = list(read_shard(shard, stats))
    if pipeline is None:
        with _PIPELINE_LOCK:  # Dask workers may run several threads; one model, used by one at a time
            outputs = list(annotate(worker_pipeline(), items))
    else:
        outputs = list(annotate(pipeline, items))
    tables = shard_tables(shard.id, outputs)
    for name, table in tables.items():
        _write_atomic(out / name / f"part-{shard.id}.parquet", lambda tmp, t=table: pq.write_table(t, tmp, compression="zstd"))
    errors = tables["errors"]
    rows = {name: table.num_rows for name, table in tables.items()}
    result = ShardResult(
        shard=shard.id, documents=len(outputs), articles=rows["articles"], actors=rows.get("actors", 0),
        quotes=rows.get("quotes", 0), events=rows.get("events", 0), errors=rows["errors"],
        warc_skipped=stats.skipped, seconds=round(time.perf_counter() - t0, 3),
        cpu_seconds=round(time.process_time() - cpu0, 3), worker=f"{socket.gethostname()}:{os.getpid()}",
        peak_rss_mb=round(peak_rss_mb(), 1), samples=tuple(errors.column("message").to_pylist()[:ERROR_SAMPLES]),
    )
    marker = {**asdict(result), "fingerprint": shard.fingerprint, "parts": [asdict(p) for p in shard.parts],
              "finished": datetime.now(UTC).isoformat(timespec="seconds"), "parley": __version__}
    data = json.dumps(marker, ensure_ascii=False, indent=1).encode("utf-8")
    _write_atomic(out / DONE / f"{shard.id}.json", lambda tmp: Path(tmp).write_bytes(data))
    return result


def peak_rss_mb() -> float:
    """This process's peak resident memory in MiB (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if os.uname().sysname == "Darwin" else peak / 1024


def _write_atomic(final: Path, write: Any) -> None:
    """Write through a hidden temporary file in the same folder, then rename it over the final name."""
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = final.parent / f".{final.name}.{uuid.uuid4().hex}.tmp"
    try:
        write(str(tmp))
        tmp.replace(final)
    finally:
        tmp.unlink(missing_ok=True)


def shard_tables(shard_id: str, outputs: Iterable[Article | InputError]) -> dict[str, pa.Table]:
    """The Arrow tables of one shard: store rows per article (plus its full record JSON), and one row per error.

    Rows stay tuples in schema column order (the store's Batch makes them so) and become Arrow arrays
    column by column: building a dict per row for Table.from_pylist cost more than the rows themselves.
    """
    rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in TABLES}
    first_seen = datetime.now(UTC).replace(tzinfo=None)
    for seq, out in enumerate(outputs):
        error = out if isinstance(out, InputError) else None
        if isinstance(out, Article):
            record, record_json = _record_and_json(out)
            batch = Batch()  # one per article: a shard keeps an id it has seen before, the store would not
            try:
                batch.add(record, first_seen)
            except RecordError as exc:  # a pipeline bug, kept as an error rather than a failed shard
                error = InputError(out.source.path, f"internal error: record does not fit schema v1 ({exc})", out.source.record)
            else:
                for name, table_rows in batch.rows.items():
                    extra = (record_json, shard_id, seq) if name == "articles" else (shard_id, seq)
                    rows[name].extend(row + extra for row in table_rows)
        if error is not None:
            rows["errors"].append((error.path, error.record, error.reason, error.hint or None, str(error), shard_id, seq))
    return {name: _table(rows[name], SCHEMAS[name]) for name in TABLES}


def _record_and_json(article: Article) -> tuple[dict[str, Any], str]:
    """The article's schema-v1 record and its compact JSON text, from one serialisation where orjson can
    make it (its output read back and written again is the same bytes)."""
    try:
        data = orjson.dumps(article)
    except orjson.JSONEncodeError:  # what Article.to_json falls back on, and compact_json after it
        record = article.to_json()
        return record, compact_json(record)
    return orjson.loads(data), data.decode("utf-8")


def _table(rows: list[tuple[Any, ...]], schema: pa.Schema) -> pa.Table:
    """An Arrow table of tuple rows in the schema's column order."""
    columns = list(zip(*rows, strict=True)) or [()] * len(schema)
    return pa.Table.from_arrays([pa.array(c, type=f.type) for c, f in zip(columns, schema, strict=True)], schema=schema)


# ---- markers ------------------------------------------------------------------------------


def read_marker(out: Path, shard_id: str) -> dict[str, Any] | None:
    """A shard's completion marker, or None when absent or unreadable."""
    try:
        marker = json.loads((out / DONE / f"{shard_id}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return marker if isinstance(marker, dict) else None


def finished(shard: Shard, out: Path) -> ShardResult | None:
    """The marker's result (as skipped) when this shard was finished earlier on the same file versions."""
    marker = read_marker(out, shard.id)
    if marker is None or marker.get("fingerprint") != shard.fingerprint:
        return None
    if not all((out / name / f"part-{shard.id}.parquet").is_file() for name in TABLES):
        return None
    return _result(marker, skipped=True)


def _result(marker: dict[str, Any], skipped: bool) -> ShardResult:
    names = set(ShardResult.__dataclass_fields__)
    values = {k: v for k, v in marker.items() if k in names}
    values["samples"] = tuple(values.get("samples") or ())
    return ShardResult(**{**values, "skipped": skipped})


def markers(out: Path) -> list[dict[str, Any]]:
    """Every completion marker under out, ordered like the inputs were (by first path, then record)."""
    found = []
    for path in sorted((out / DONE).glob("*.json")):
        marker = read_marker(out, path.stem)
        if marker is not None and marker.get("parts"):
            found.append(marker)
    return sorted(found, key=lambda m: (m["parts"][0]["label"], m["parts"][0]["start"], m["shard"]))


def remove_stale(out: Path, shards: Sequence[Shard]) -> int:
    """Remove finished shards the current plan replaces: every file they cover is planned again under
    other shards (a file grew, a folder gained files). Returns how many were removed."""
    planned = {p.file for s in shards for p in s.parts}
    ids = {s.id for s in shards}
    removed = 0
    for marker in markers(out):
        if marker["shard"] in ids or not all(p["file"] in planned for p in marker["parts"]):
            continue
        for name in TABLES:
            (out / name / f"part-{marker['shard']}.parquet").unlink(missing_ok=True)
        (out / DONE / f"{marker['shard']}.json").unlink(missing_ok=True)
        removed += 1
    return removed


# ---- loading ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoadResult:
    """What load_parquet put into the store."""

    shards: int
    added: int
    skipped: int  # articles already in the store (earlier loads, or the same story in two inputs)
    errors: int


def load_parquet(out_dir: str | Path, store: Store) -> LoadResult:
    """Load a run's finished shards into the store: articles by their full record JSON (the store skips
    ids it holds, so duplicates across shards and repeated loads add nothing), then the input errors."""
    out = Path(out_dir)
    if not out.is_dir():
        raise ParleyError(f"{out}: no such directory; make one with `parley run INPUTS --out {out}`")
    done = markers(out)
    if not done:
        raise ParleyError(f"{out}: no finished shards here (not a `parley run` output, or the run has not finished any)")

    def records() -> Iterator[dict[str, Any]]:
        for marker in done:
            table = pq.read_table(out / "articles" / f"part-{marker['shard']}.parquet", columns=["json"])
            for text in table.column("json").to_pylist():
                yield json.loads(text)

    added = store.add_articles(records())
    errors = 0
    for marker in done:
        table = pq.read_table(out / "errors" / f"part-{marker['shard']}.parquet", columns=["path", "record", "message"])
        errors += store.add_errors(table.to_pylist())
    return LoadResult(shards=len(done), added=added.added, skipped=added.skipped, errors=errors)
