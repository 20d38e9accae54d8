#!/usr/bin/env python3
"""Build examples/corpus/crawl.warc.gz from the pages in examples/sources/ (standard library only).

The output is deterministic: fixed record ids, dates and gzip headers, so rerunning the script gives
byte-identical output. Layout (0-based record index, as the gold files count it):

  0  warcinfo
  1  request   for story 1
  2  response  story 1  (text/html)   sources/warc_01_australia_indonesia_patrols.html
  3  response  story 2  (text/html)   sources/warc_02_norway_arrest.html
  4  response  a 1x1 PNG image       (not an article: readers must skip it)
  5  response  story 3  (text/html)   sources/warc_03_nigeria_recalls_ambassador.html

Usage: python examples/make_warc.py [OUTPUT]   (default: examples/corpus/crawl.warc.gz)
"""
from __future__ import annotations

import base64
import gzip
import hashlib
import struct
import sys
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
DEFAULT_OUT = HERE / "corpus" / "crawl.warc.gz"
CRLF = b"\r\n"

STORIES = [
    # (record id, WARC-Date, target URI, source file, HTTP Date header)
    ("9b2f4c1e-5a7d-4e38-9f61-0c3b8d2e7a11", "2026-03-02T08:14:05Z",
     "https://southerncrosstimes.example/world/2026/01/28/australia-indonesia-joint-maritime-patrols",
     "warc_01_australia_indonesia_patrols.html", "Mon, 02 Mar 2026 08:14:05 GMT"),
    ("4d81a0c7-2e6b-4b9a-8c15-7f0e9a3b5d22", "2026-03-02T08:14:09Z",
     "https://nordicpulse.example/arctic/2026/02/06/norway-arrests-russian-citizen-vardo-radar",
     "warc_02_norway_arrest.html", "Mon, 02 Mar 2026 08:14:09 GMT"),
    ("e6c3b2a9-8f14-4d07-a3e2-5b9c1d0f4e33", "2026-03-02T08:14:17Z",
     "https://lagosdispatch.example/2024/12/04/nigeria-recalls-ambassador-to-niger",
     "warc_03_nigeria_recalls_ambassador.html", "Mon, 02 Mar 2026 08:14:17 GMT"),
]
WARCINFO_ID = "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c44"
REQUEST_ID = "7c6d5e4f-3a2b-4c1d-9e0f-1a2b3c4d5e55"
IMAGE_ID = "f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a66"
IMAGE_URI = "https://southerncrosstimes.example/img/patrol-thumb.png"


def sha1_label(data: bytes) -> str:
    """WARC digest label: sha1 in base32, as Heritrix and wget write it."""
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def record(headers: list[tuple[str, str]], block: bytes) -> bytes:
    """One WARC/1.0 record as one gzip member (mtime fixed so the output is reproducible)."""
    head = [b"WARC/1.0"]
    head += [f"{k}: {v}".encode() for k, v in headers]
    head.append(f"Content-Length: {len(block)}".encode("ascii"))
    raw = CRLF.join(head) + CRLF + CRLF + block + CRLF + CRLF
    return gzip.compress(raw, compresslevel=9, mtime=0)


def http_response(body: bytes, content_type: str, date: str) -> bytes:
    """An HTTP/1.1 200 response message (status line, headers, body) as a WARC response block."""
    lines = [
        "HTTP/1.1 200 OK",
        f"Date: {date}",
        "Server: nginx",
        f"Content-Type: {content_type}",
        f"Content-Length: {len(body)}",
        "Connection: close",
    ]
    return CRLF.join(x.encode("ascii") for x in lines) + CRLF + CRLF + body


def tiny_png() -> bytes:
    """A valid 1x1 grey PNG, built by hand so no image library is needed."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00\x80", 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def response_record(rec_id: str, warc_date: str, uri: str, *, body: bytes, content_type: str, http_date: str) -> bytes:
    """A WARC response record holding an HTTP 200 response for `uri`."""
    block = http_response(body, content_type, http_date)
    return record([
        ("WARC-Type", "response"),
        ("WARC-Record-ID", f"<urn:uuid:{rec_id}>"),
        ("WARC-Date", warc_date),
        ("WARC-Target-URI", uri),
        ("WARC-Warcinfo-ID", f"<urn:uuid:{WARCINFO_ID}>"),
        ("WARC-Block-Digest", sha1_label(block)),
        ("WARC-Payload-Digest", sha1_label(body)),
        ("Content-Type", "application/http; msgtype=response"),
    ], block)


def build() -> bytes:
    out = []
    info = CRLF.join(x.encode("ascii") for x in [
        "software: parley examples/make_warc.py (Python standard library)",
        "format: WARC File Format 1.0",
        "conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.0/",
        "description: fictional news stories written for parley's bundled example corpus",
        "operator: parley developers",
    ]) + CRLF
    out.append(record([
        ("WARC-Type", "warcinfo"),
        ("WARC-Record-ID", f"<urn:uuid:{WARCINFO_ID}>"),
        ("WARC-Date", "2026-03-02T08:14:00Z"),
        ("WARC-Filename", "crawl.warc.gz"),
        ("WARC-Block-Digest", sha1_label(info)),
        ("Content-Type", "application/warc-fields"),
    ], info))

    first_id, first_date, first_uri = STORIES[0][0], STORIES[0][1], STORIES[0][2]
    host = first_uri.split("/")[2]
    path = "/" + first_uri.split("/", 3)[3]
    req = CRLF.join(x.encode("ascii") for x in [
        f"GET {path} HTTP/1.1",
        f"Host: {host}",
        "User-Agent: Mozilla/5.0 (compatible; parley-example-crawler/0.1)",
        "Accept: text/html,application/xhtml+xml",
        "Accept-Language: en",
    ]) + CRLF + CRLF
    out.append(record([
        ("WARC-Type", "request"),
        ("WARC-Record-ID", f"<urn:uuid:{REQUEST_ID}>"),
        ("WARC-Date", first_date),
        ("WARC-Target-URI", first_uri),
        ("WARC-Concurrent-To", f"<urn:uuid:{first_id}>"),
        ("WARC-Warcinfo-ID", f"<urn:uuid:{WARCINFO_ID}>"),
        ("WARC-Block-Digest", sha1_label(req)),
        ("Content-Type", "application/http; msgtype=request"),
    ], req))

    html_type = "text/html; charset=utf-8"
    for i, (rec_id, warc_date, uri, src, http_date) in enumerate(STORIES):
        body = (SOURCES / src).read_bytes()
        out.append(response_record(rec_id, warc_date, uri, body=body, content_type=html_type, http_date=http_date))
        if i == 1:  # the image sits between stories 2 and 3
            out.append(response_record(IMAGE_ID, "2026-03-02T08:14:12Z", IMAGE_URI, body=tiny_png(),
                                       content_type="image/png", http_date="Mon, 02 Mar 2026 08:14:12 GMT"))
    return b"".join(out)


def main() -> None:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT
    data = build()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    print(f"wrote {target} ({len(data)} bytes, 6 records)")


if __name__ == "__main__":
    main()
