"""Readers for single-document inputs (plain text, HTML) and JSON Lines."""
from __future__ import annotations

import html as htmllib
import json
import re
from collections.abc import Iterable, Iterator
from urllib.parse import urljoin, urlsplit

from parley.errors import InputError
from parley.ingest.decode import clean_text, decode_bytes
from parley.ingest.markup import defuse_markup
from parley.limits import ENV_MAX_DOC_BYTES, human_bytes
from parley.records import RawDocument

_TAG = re.compile(r"<(link|meta)\b([^<>]*)>", re.IGNORECASE)
_ATTR = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_HEAD_END = re.compile(r"</head\s*>|<body[\s>]", re.IGNORECASE)
_JSON_FIELDS = ("text", "html", "url", "published", "title")


def _attrs(raw: str) -> dict[str, str]:
    return {m.group(1).lower(): htmllib.unescape(m.group(2) or m.group(3) or m.group(4) or "").strip()
            for m in _ATTR.finditer(raw)}


def _absolute(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def html_url(html: str) -> str | None:
    """The page's own URL from <link rel=canonical> or og:url in its <head>, if it declares one."""
    end = _HEAD_END.search(html)
    head = html[: end.start() if end else 200_000]
    canonical = og_url = None
    for match in _TAG.finditer(head):
        attrs = _attrs(match.group(2))
        if match.group(1).lower() == "link":
            if canonical is None and "canonical" in attrs.get("rel", "").lower().split() and attrs.get("href"):
                canonical = attrs["href"]
        elif og_url is None and attrs.get("property", attrs.get("name", "")).lower() == "og:url":
            og_url = attrs.get("content") or None
    if canonical and not _absolute(canonical) and og_url and _absolute(og_url):
        canonical = urljoin(og_url, canonical)
    for url in (canonical, og_url):
        if url and _absolute(url):
            return url
    return None


def _normalize_newlines(text: str) -> str:
    return clean_text(text).replace("\r\n", "\n").replace("\r", "\n")


def read_text(data: bytes, path: str | None) -> Iterator[RawDocument | InputError]:
    """A plain-text file as one RawDocument (newlines normalised to \\n)."""
    text, _ = decode_bytes(data)
    text = _normalize_newlines(text)
    if not text.strip():
        yield InputError(path, "empty file", hint="nothing but whitespace")
        return
    yield RawDocument(content=text, format="text", path=path)


def read_html(data: bytes, path: str | None) -> Iterator[RawDocument | InputError]:
    """An HTML file as one RawDocument; its URL from the canonical link or og:url."""
    text, _ = decode_bytes(data, html=True)
    text = defuse_markup(clean_text(text))
    if not text.strip():
        yield InputError(path, "empty file", hint="nothing but whitespace")
        return
    yield RawDocument(content=text, format="html", path=path, url=html_url(text))


def _type_name(value: object) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", int: "number",
            float: "number", type(None): "null"}.get(type(value), type(value).__name__)


def parse_jsonl_record(line: bytes | str, path: str | None, index: int) -> RawDocument | InputError | None:
    """One JSON Lines record to a RawDocument, an InputError naming the record, or None for a blank line."""
    if isinstance(line, bytes):
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            text, _ = decode_bytes(line)
    else:
        text = line
    text = text.lstrip("\ufeff")
    if not text.strip():
        return None
    try:
        obj = json.loads(text, strict=False)  # tolerate raw tabs/newlines inside strings
    except ValueError as exc:
        reason = f"malformed JSON ({exc.msg} at column {exc.colno})" if isinstance(exc, json.JSONDecodeError) \
            else f"malformed JSON ({exc})"
        return InputError(path, reason, record=index)
    except RecursionError:
        return InputError(path, "malformed JSON (nested too deeply)", record=index)
    if not isinstance(obj, dict):
        return InputError(path, f"expected a JSON object, got {_type_name(obj)}", record=index)
    for key in _JSON_FIELDS:
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            return InputError(path, f"field '{key}' must be a string, got {_type_name(value)}", record=index)
    # JSON escapes can carry NULs and lone surrogates ("\\ud800") that would break parsing and printing.
    obj = {key: clean_text(obj[key]) for key in _JSON_FIELDS if isinstance(obj.get(key), str)}
    html, body = obj.get("html"), obj.get("text")
    if html is None and body is None:
        return InputError(path, "no 'text' or 'html' field", record=index,
                          hint="each line needs a \"text\" or \"html\" string")
    if html and html.strip():
        html = defuse_markup(html)
        url = obj.get("url") or html_url(html)
        return RawDocument(content=html, format="html", path=path, url=url or None,
                           published=obj.get("published") or None, record=index, title=obj.get("title") or None,
                           container="jsonl")
    if body and body.strip():
        return RawDocument(content=_normalize_newlines(body), format="text", path=path, url=obj.get("url") or None,
                           published=obj.get("published") or None, record=index, title=obj.get("title") or None,
                           container="jsonl")
    return InputError(path, f"empty '{'html' if html is not None else 'text'}' field", record=index)


def read_jsonl(lines: Iterable[bytes | None], path: str | None, max_bytes: int | None = None) -> Iterator[RawDocument | InputError]:
    """A JSON Lines stream, one RawDocument per line; bad lines become InputErrors and reading goes on.

    A None among the lines stands for a line longer than max_bytes, which the caller did not hold.
    """
    for index, line in enumerate(lines):
        if line is None:
            size = f" the {human_bytes(max_bytes)}" if max_bytes else " the"
            yield InputError(path, f"line too long (over{size} limit)", record=index,
                             hint=f"raise {ENV_MAX_DOC_BYTES} to read it")
            continue
        result = parse_jsonl_record(line, path, index)
        if result is not None:
            yield result
