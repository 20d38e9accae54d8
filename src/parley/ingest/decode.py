"""Bytes to text: BOM, declared charset (HTTP header, HTML meta), UTF-8, then charset detection."""
from __future__ import annotations

import codecs
import re
from functools import lru_cache

from charset_normalizer import from_bytes

# A byte-order mark settles the question; UTF-32 first because its LE mark starts with UTF-16's.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# WHATWG encoding-standard aliases: browsers decode these labels with the superset codec,
# and pages labelled with the narrow one routinely contain the superset's extra characters.
_SUPERSETS = {
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso_8859-1": "cp1252",
    "iso-8859-9": "cp1254",
    "iso-8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "big5": "big5hkscs",
    "utf8": "utf-8",
    "unicode": "utf-8",
}

_META_CHARSET = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_HTML_SNIFF_BYTES = 8192
# C0 controls that no text format uses (lxml refuses them outright) and lone UTF-16 surrogates, which a
# JSON escape or a bad decoder can leave in a str and which cannot be printed as UTF-8. Vertical tab and
# form feed separate lines (pages, in old text dumps).
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff]")
_LINE_CONTROLS = re.compile(r"[\x0b\x0c]")
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark announces and the mark's length, or None without one."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def clean_text(text: str) -> str:
    """Text without NULs, other stray C0 controls and lone surrogates (U+FFFD for those); VT/FF become newlines."""
    # Fast path for the usual clean page: encoding and a bytes scan run at C speed (a regex scan of a
    # 1 GB crawl is most of the reading time). UTF-8 never uses C0 bytes inside multi-byte characters.
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError:
        pass  # lone surrogates
    else:
        if len(raw.translate(None, _CONTROL_BYTES)) == len(raw):
            return text
    text = _LINE_CONTROLS.sub("\n", text)
    return _UNPRINTABLE.sub(lambda m: "\ufffd" if m.group() >= "\ud800" else "", text)


def utf16_guess(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' for BOM-less UTF-16 (mostly-ASCII text leaves every other byte NUL)."""
    sample = data[:4096]
    if len(sample) < 8:
        return None
    sample = sample[: len(sample) & ~1]
    even, odd = sample[0::2], sample[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.4 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.4 and odd_nul < 0.05:
        return "utf-16-be"
    # Non-Latin UTF-16 (Cyrillic, Greek, Arabic ...): the high bytes repeat one or two block numbers
    # and only spaces and punctuation leave NULs. Accept it when it decodes to letters and spaces.
    for codec, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if high.count(0) / len(high) > 0.05 and low.count(0) / len(low) < 0.02 and len(set(high)) <= 4:
            try:
                text = sample.decode(codec)
            except UnicodeDecodeError:
                continue
            good = sum(ch.isalpha() or ch.isspace() or ch in ".,;:!?\"'()-–—«»„“”" for ch in text)
            if good >= 0.9 * len(text):
                return codec
    return None


def normalize_charset(label: str | None) -> str | None:
    """A Python codec name for a charset label, mapped to its WHATWG superset; None if unknown."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    name = _SUPERSETS.get(name, name)
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    # A page that reached us as bytes cannot really be UTF-16 if it declared so in ASCII.
    if codec.startswith(("utf-16", "utf-32")):
        return None
    return codec


def html_declared_charset(data: bytes) -> str | None:
    """The charset an HTML page (or XML prolog) declares in its first few kilobytes."""
    head = data[:_HTML_SNIFF_BYTES]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return normalize_charset(match.group(1).decode("ascii", "ignore")) if match else None


@lru_cache(maxsize=64)
def _single_byte(codec: str) -> bool:
    # Multi-byte codecs fold lead/trail byte pairs into one character.
    if codec == "utf-8":
        return False
    return len(bytes(range(256)).decode(codec, errors="replace")) == 256


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few broken bytes (a cut multi-byte character, a stray Latin-1 byte), not another charset.

    A single-byte charset almost never forms valid multi-byte sequences, so many valid ones against
    few invalid bytes means UTF-8 that got damaged; a charset detector would read the whole page as
    mojibake instead.
    """
    sample = data[:1 << 20]
    text = sample.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - sample.count("\ufffd".encode())
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - text.count("\ufffd")
    return bad > 0 and multibyte >= 4 * bad and bad <= max(len(text) // 100, 2)


def decode_bytes(data: bytes, declared: str | None = None, *, html: bool = False) -> tuple[str, str]:
    """Decode input bytes to text without ever raising; returns (text, codec used)."""
    bom = bom_encoding(data)
    if bom:
        name, size = bom
        return data[size:].decode(name, errors="replace"), name
    guess16 = utf16_guess(data)
    if guess16:
        return data.decode(guess16, errors="replace"), guess16
    if data.isascii():
        return data.decode("ascii"), "ascii"

    candidates: list[str] = []
    for label in (declared, html_declared_charset(data) if html else None):
        codec = normalize_charset(label)
        if codec and codec not in candidates:
            candidates.append(codec)
    valid_utf8 = _is_utf8(data)
    for codec in candidates:
        # Mislabelled pages are common; valid multi-byte UTF-8 is almost never accidental in a
        # single-byte charset, so trust the bytes over a single-byte label.
        if valid_utf8 and _single_byte(codec):
            return data.decode("utf-8"), "utf-8"
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
    if valid_utf8 or _mostly_utf8(data):
        return data.decode("utf-8", errors="replace"), "utf-8"
    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return str(best), best.encoding
    fallback = candidates[0] if candidates else "utf-8"
    return data.decode(fallback, errors="replace"), fallback
