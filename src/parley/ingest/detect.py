"""Input format detection by content: WARC, JSON Lines, HTML, plain text, or not a news input at all.

The file extension is only consulted when the content is ambiguous (an HTML fragment with a couple
of tags, a JSONL file whose first line is broken), because crawls and exports routinely carry
misleading names (``.txt`` HTML dumps, ``.json`` JSONL, extension-less WARCs).
"""
from __future__ import annotations

import json
import re
import zlib
from pathlib import PurePath

from parley.ingest.decode import bom_encoding, utf16_guess
from parley.records import Format

HEAD_SIZE = 64 * 1024  # bytes read for sniffing

GZIP_MAGIC = b"\x1f\x8b"

# (magic, offset, label). Checked before any text heuristics.
_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"%PDF-", 0, "PDF"),
    (b"\x89PNG\r\n\x1a\n", 0, "PNG"),
    (b"\xff\xd8\xff", 0, "JPEG"),
    (b"GIF87a", 0, "GIF"),
    (b"GIF89a", 0, "GIF"),
    (b"WEBP", 8, "WEBP"),
    (b"PK\x03\x04", 0, "ZIP"),
    (b"PK\x05\x06", 0, "ZIP"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "MS Office"),
    (b"{\\rtf", 0, "RTF"),
    (b"7z\xbc\xaf\x27\x1c", 0, "7-Zip"),
    (b"Rar!\x1a\x07", 0, "RAR"),
    (b"\xfd7zXZ\x00", 0, "XZ"),
    (b"\x28\xb5\x2f\xfd", 0, "Zstandard"),
    (b"BZh", 0, "BZIP2"),
    (b"\x7fELF", 0, "ELF executable"),
    (b"MZ", 0, "Windows executable"),
    (b"SQLite format 3\x00", 0, "SQLite"),
    (b"PAR1", 0, "Parquet"),
    (b"OggS", 0, "Ogg"),
    (b"ID3", 0, "MP3"),
    (b"ftyp", 4, "MP4"),
    (b"wOFF", 0, "font"),
    (b"wOF2", 0, "font"),
)

_EXT_HINTS: dict[str, Format] = {
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html", ".xht": "html",
    ".php": "html", ".asp": "html", ".aspx": "html", ".jsp": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jl": "jsonl", ".json": "jsonl",
    ".warc": "warc", ".arc": "warc",
    ".txt": "text", ".text": "text", ".md": "text",
}

_HTML_STRONG = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_HTML_TAG = re.compile(
    r"</?(?:p|div|span|a|br|hr|h[1-6]|article|section|header|footer|nav|main|aside|figure|figcaption|"
    r"img|ul|ol|li|table|tr|td|th|em|strong|b|i|u|blockquote|meta|link|script|style|title|time|"
    r"picture|source|iframe|form|input|button|label|small|sup|sub|pre|code)\b[^<>]{0,2000}>",
    re.IGNORECASE,
)
# C0 controls other than TAB, LF, VT, FF, CR and ESC never occur in text files.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27)) + b"\x7f"


def gunzip_head(head: bytes, size: int = HEAD_SIZE) -> bytes | None:
    """The first bytes of a gzip stream's content, or None if it is not readable gzip."""
    try:
        return zlib.decompressobj(wbits=31).decompress(head, size)
    except zlib.error:
        return None


def _magic_kind(head: bytes) -> str | None:
    for magic, offset, label in _MAGIC:
        if head[offset:offset + len(magic)] == magic:
            if label == "MP3" and (len(head) < 4 or head[3] > 9):  # 'ID3' then a version byte
                continue
            if label == "BZIP2" and head[4:10] != b"1AY&SY":
                continue
            if label == "Windows executable" and b"This program" not in head[:512]:
                continue
            return label
    return None


def binary_kind(head: bytes) -> str | None:
    """A short label ("PDF", "PNG", "binary data") if these leading bytes are not text, else None."""
    kind = _magic_kind(head)
    if kind:
        return kind
    if bom_encoding(head) or utf16_guess(head):
        return None
    sample = head[:8192]
    if not sample:
        return None
    # A few NULs in otherwise clean text (a damaged download, a C string dumped with its terminator)
    # do not make a binary file: they are dropped when the text is decoded.
    if sample.count(0) > len(sample) // 100:
        return "binary data"
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    if controls / len(sample) > 0.02:
        return "binary data"
    return None


def _head_text(head: bytes) -> str:
    bom = bom_encoding(head)
    if bom:
        return head[bom[1]:].decode(bom[0], errors="replace")
    guess = utf16_guess(head)
    if guess:
        return head.decode(guess, errors="replace")
    return head.decode("utf-8", errors="replace")


def _ext_hint(name: str) -> Format | None:
    path = PurePath(name.lower())
    suffixes = [s for s in path.suffixes if s not in (".gz", ".gzip")]
    return _EXT_HINTS.get(suffixes[-1]) if suffixes else None


def _looks_jsonl(text: str, hint: Format | None) -> bool:
    lines = text.splitlines(keepends=True)
    candidates = [(i, line) for i, line in enumerate(lines[:50]) if line.strip()][:5]
    if not candidates or not candidates[0][1].lstrip().startswith("{"):
        return False
    for i, line in candidates:
        try:
            value = json.loads(line)
        except ValueError:
            # The head may cut a long record short: an unfinished '{"key"...' is still JSONL.
            cut_short = i == len(lines) - 1 and not line.endswith(("\n", "\r"))
            if cut_short and re.match(r'\s*\{\s*"', line):
                return True
            if not line.lstrip().startswith("{"):
                return False
            continue
        return isinstance(value, dict)
    # Every candidate line starts with '{' but none parses: only the name can tell.
    return hint == "jsonl"


def sniff(head: bytes, name: str = "") -> Format | None:
    """The input format of a file from its leading bytes (extension only breaks ties); None if unsupported."""
    if not head:
        return None
    hint = _ext_hint(name)
    if head.startswith(GZIP_MAGIC):
        inner = gunzip_head(head)
        if not inner:
            return None
        return sniff(inner, name)
    if _magic_kind(head):
        return None
    # A WARC is a container: the images and PDFs inside it must not make it look binary.
    if head.lstrip(b"\r\n\t ").startswith(b"WARC/"):
        return "warc"
    if binary_kind(head):
        return None
    text = _head_text(head)
    stripped = text.lstrip()
    if _looks_jsonl(text, hint):
        return "jsonl"
    if _HTML_STRONG.search(text, 0, 4096):
        return "html"
    tags = len(_HTML_TAG.findall(text))
    if tags >= 5 and tags * 1000 / max(len(text), 1) >= 1.0:
        return "html"
    if tags and hint == "html":
        return "html"
    if stripped.startswith("<") and tags >= 2:
        return "html"
    return "text"


def describe_unsupported(head: bytes) -> str:
    """A user-facing reason for a file sniff() rejected: 'binary file (PDF), not a news page'."""
    if head.startswith(GZIP_MAGIC):
        inner = gunzip_head(head)
        if not inner:
            return "unreadable gzip file, not a news page"
        return describe_unsupported(inner)
    kind = binary_kind(head) or "binary data"
    if kind == "binary data":
        return "binary file, not a news page"
    return f"binary file ({kind}), not a news page"
