"""Peak memory while streaming a large WARC through parley's reader (and, optionally, HTML recovery).

Writes a WARC of about --gigabytes (default 1) uncompressed into a temporary folder: HTML response
records of about 60 KB each (our own generated prose), with request, image and redirect records
between them, a few 5 MB pages, and one 20 MB page over the default 16 MiB per-document cap. The same
records are also written gzipped per record, as Common Crawl does. Each file is then read in a fresh
process through ``parley.ingest.read_inputs`` and the process's peak RSS is printed next to its RSS
before reading: streaming means the peak stays near one record, not the file.

``--recover N`` also runs HTML recovery (trafilatura and parley's refinements) over the first N
documents in another fresh process. Recovery and spaCy parsing of a whole 1 GB crawl would take hours
on a laptop (recovery alone runs at tens of pages a second), so the full chain is not measured here;
benchmarks/throughput.py measures its rate and memory on the examples.

    python benchmarks/warc_memory.py [--gigabytes 1.0] [--recover 500] [--keep DIR]
"""
from __future__ import annotations

import argparse
import gzip
import multiprocessing as mp
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

PAGE_KB = 60
WORDS = (
    "minister", "talks", "corridor", "grain", "harbour", "delegation", "sanctions", "ceasefire", "parliament", "ministry", "officials", "agreement",
    "envoy", "border", "summit", "negotiations", "trade", "tariffs", "embassy", "spokesman", "statement", "council", "vote", "election",
    "protest", "government", "opposition", "treaty", "alliance", "security", "forces", "aid", "shipment", "port", "island",
)


def _page(rng: random.Random, n: int, size: int) -> bytes:
    paras = []
    total = 0
    while total < size:
        words = [rng.choice(WORDS) for _ in range(rng.randint(40, 90))]
        para = " ".join(words).capitalize() + "."
        paras.append(f"<p>{para}</p>")
        total += len(para) + 7
    nav = "".join(f'<li><a href="/s/{i}">Section {i}</a></li>' for i in range(30))
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Dispatch {n}</title>'
            f'<script>var cfg = {{"id": {n}}};</script></head><body><nav><ul>{nav}</ul></nav>'
            f'<article><h1>Dispatch {n}</h1>{"".join(paras)}</article><footer>© News Example</footer></body></html>').encode()


def _record(kind: str, block: bytes, uri: str, content_type: str = "application/http; msgtype=response") -> bytes:
    head = (f"WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-04-02T10:00:00Z\r\n"
            f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n")
    return head.encode() + block + b"\r\n\r\n"


def _http(body: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK") -> bytes:
    return f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body


def write_warcs(folder: Path, gigabytes: float) -> tuple[Path, Path, dict[str, int]]:
    """A plain and a per-record gzipped WARC of about the given size; returns their paths and counts."""
    rng = random.Random(7)
    pool = [_page(rng, i, PAGE_KB * 1000) for i in range(64)]
    png = b"\x89PNG\r\n\x1a\n" + rng.randbytes(30_000)
    target = int(gigabytes * 1e9)
    counts = {"html": 0, "other": 0, "big": 0, "oversize": 0}
    plain, packed = folder / "crawl.warc", folder / "crawl.warc.gz"
    written = 0
    with plain.open("wb") as out, packed.open("wb") as gz:
        def put(rec: bytes) -> None:
            nonlocal written
            out.write(rec)
            gz.write(gzip.compress(rec, compresslevel=1))
            written += len(rec)

        n = 0
        while written < target:
            n += 1
            uri = f"https://news.example/{n}"
            if n % 4000 == 1000:
                put(_record("response", _http(_page(rng, n, 5_000_000)), uri))
                counts["big"] += 1
            elif n % 10_000 == 5000 and not counts["oversize"]:
                put(_record("response", _http(_page(rng, n, 20_000_000)), uri))
                counts["oversize"] += 1
            elif n % 5 == 0:
                put(_record("request", b"GET / HTTP/1.1\r\nHost: news.example\r\n\r\n", uri,
                            "application/http; msgtype=request"))
                put(_record("response", _http(png, "image/png"), uri + ".png"))
                put(_record("response", _http(b"", "text/html", "301 Moved Permanently"), uri + "/old"))
                counts["other"] += 3
            else:
                page = pool[n % len(pool)].replace(b"Dispatch ", f"Dispatch {n} ".encode(), 2)
                put(_record("response", _http(page), uri))
                counts["html"] += 1
    return plain, packed, counts


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _current_rss_mib() -> float:
    with Path("/proc/self/statm").open() as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 2**20


def _read(path: str, out: mp.Queue) -> None:
    from parley.errors import InputError
    from parley.ingest import ReadStats, read_inputs

    before = _current_rss_mib()
    stats = ReadStats()
    chars = errors = 0
    start = time.perf_counter()
    for item in read_inputs([path], stats):
        if isinstance(item, InputError):
            errors += 1
            print(f"    skipped: {item}", file=sys.stderr)
        else:
            chars += len(item.content)
    out.put({"seconds": time.perf_counter() - start, "records": stats.records, "skipped": stats.skipped,
             "errors": errors, "chars": chars, "rss_before": before, "peak": _rss_mib()})


def _recover(path: str, limit: int, out: mp.Queue) -> None:
    from parley.ingest import read_inputs
    from parley.pipeline import recover
    from parley.records import RawDocument

    before = _current_rss_mib()
    done = 0
    start = time.perf_counter()
    for item in read_inputs([path]):
        if isinstance(item, RawDocument):
            recover(item)
            done += 1
            if done >= limit:
                break
    out.put({"seconds": time.perf_counter() - start, "records": done, "rss_before": before, "peak": _rss_mib()})


def _in_child(target, *args) -> dict:
    ctx = mp.get_context("spawn")
    queue: mp.Queue = ctx.Queue()
    proc = ctx.Process(target=target, args=(*args, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def main() -> None:
    """Write the WARCs, read each in a fresh process, print time and peak memory."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gigabytes", type=float, default=1.0, help="uncompressed WARC size (default 1)")
    parser.add_argument("--recover", type=int, default=0, metavar="N", help="also recover the first N pages")
    parser.add_argument("--keep", metavar="DIR", help="write the WARCs here and keep them")
    args = parser.parse_args()

    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="parley-warc-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        start = time.perf_counter()
        plain, packed, counts = write_warcs(folder, args.gigabytes)
        print(f"wrote {plain.stat().st_size / 1e9:.2f} GB WARC and {packed.stat().st_size / 1e9:.2f} GB .warc.gz "
              f"in {time.perf_counter() - start:.0f} s: {counts['html']} HTML pages (~{PAGE_KB} KB), "
              f"{counts['big']} of 5 MB, {counts['oversize']} of 20 MB, {counts['other']} other records")
        for path in (plain, packed):
            r = _in_child(_read, str(path))
            size = path.stat().st_size
            print(f"read_inputs {path.name}: {r['records']} documents, {r['skipped']} skipped records, "
                  f"{r['errors']} errors, {r['chars'] / 1e9:.2f} G chars in {r['seconds']:.1f} s "
                  f"({size / 1e6 / r['seconds']:.0f} MB/s of file); RSS before reading {r['rss_before']:.0f} MiB, "
                  f"peak {r['peak']:.0f} MiB")
        if args.recover:
            r = _in_child(_recover, str(packed), args.recover)
            print(f"recover (HTML extraction) {r['records']} pages in {r['seconds']:.1f} s "
                  f"({r['records'] / r['seconds']:.1f} pages/s); RSS before {r['rss_before']:.0f} MiB, "
                  f"peak {r['peak']:.0f} MiB")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
