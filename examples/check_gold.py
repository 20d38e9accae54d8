#!/usr/bin/env python3
"""Check examples/gold/*.gold.json against the corpus they annotate (standard library only).

For every gold file: the JSON parses and has the seed's fields; `input` (and `record` for JSON Lines
and WARC) points at a real story; every body paragraph is a whole block of the input's visible text
(a line of a text dump, the text of one block element of an HTML page); title, standfirst, byline,
captions and teaser headlines occur in the input and teasers never in the body; every quote and every
event sentence occurs verbatim in the body; actor codes, CAMEO roots and PLOVER types are well formed.
Prints one line per problem and exits 1 if there is any.

Usage: python examples/check_gold.py [GOLD_DIR]
"""
from __future__ import annotations

import json
import re
import sys
import zlib
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIELDS = ["id", "input", "fictional", "published", "section", "title", "standfirst", "byline", "body",
          "captions", "related", "quotes", "events"]
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
          "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
ORGS = {"NATO", "EU", "UN", "IAEA", "AU", "ASEAN", "OSCE", "ECOWAS"}
BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "aside",
              "header", "footer", "nav", "figure", "figcaption", "main", "br", "form", "table", "tr", "td",
              "blockquote", "picture"}
HIDDEN_TAGS = {"script", "style", "head", "noscript", "template"}


class _Visible(HTMLParser):
    """Visible text of a page as blocks: one per block-level element, whitespace collapsed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._buf: list[str] = []
        self._hidden = 0

    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self._buf)).strip()
        if text:
            self.blocks.append(text)
        self._buf = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN_TAGS:
            self._hidden += 1
        elif tag in BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN_TAGS:
            self._hidden = max(0, self._hidden - 1)
        elif tag in BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._buf.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_blocks(html: str) -> list[str]:
    parser = _Visible()
    parser.feed(html)
    parser.close()
    return parser.blocks


def text_blocks(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def warc_records(data: bytes) -> list[tuple[dict[str, str], bytes]]:
    """Split a .warc.gz (one gzip member per record) into (WARC headers, block) pairs."""
    records, pos = [], 0
    while pos < len(data):
        z = zlib.decompressobj(31)
        raw = z.decompress(data[pos:])
        pos = len(data) - len(z.unused_data)
        head, _, rest = raw.partition(b"\r\n\r\n")
        lines = head.decode("utf-8").split("\r\n")
        assert lines[0] == "WARC/1.0", lines[0]
        headers = dict(line.split(": ", 1) for line in lines[1:])
        length = int(headers["Content-Length"])
        assert rest[length:] == b"\r\n\r\n", "record does not end with CRLF CRLF after Content-Length bytes"
        records.append((headers, rest[:length]))
    return records


def story_blocks(gold_path: Path, gold: dict) -> list[str]:
    path = (gold_path.parent / gold["input"]).resolve()
    name = path.name
    if name.endswith(".txt"):
        return text_blocks(path.read_text(encoding="utf-8"))
    if name.endswith(".html"):
        return html_blocks(path.read_text(encoding="utf-8"))
    if name.endswith(".jsonl"):
        rec = json.loads(path.read_text(encoding="utf-8").splitlines()[gold["record"]])
        return text_blocks(rec["text"]) if "text" in rec else html_blocks(rec["html"])
    if name.endswith(".warc.gz"):
        headers, block = warc_records(path.read_bytes())[gold["record"]]
        assert headers["WARC-Type"] == "response", headers["WARC-Type"]
        http_head, _, body = block.partition(b"\r\n\r\n")
        assert http_head.startswith(b"HTTP/1.1 200"), http_head[:20]
        assert b"content-type: text/html" in http_head.lower(), "not an HTML response"
        return html_blocks(body.decode("utf-8"))
    raise ValueError(f"unknown input type: {name}")


def check(gold_path: Path) -> list[str]:
    problems: list[str] = []

    def bad(msg: str) -> None:
        problems.append(f"{gold_path.name}: {msg}")

    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        return [f"{gold_path.name}: invalid JSON: {exc}"]
    keys = [k for k in gold if k != "record"]
    if keys != FIELDS:
        bad(f"fields {keys} differ from the seed's {FIELDS}")
    if gold["input"].endswith((".jsonl", ".warc.gz")) and not isinstance(gold.get("record"), int):
        bad("JSON Lines / WARC input without an integer 'record'")
    try:
        blocks = story_blocks(gold_path, gold)
    except Exception as exc:  # noqa: BLE001 - report and go on with the next file
        return [*problems, f"{gold_path.name}: cannot read input: {exc!r}"]
    visible = "\n".join(blocks)
    body = gold["body"]
    for para in body:
        if para not in blocks:
            bad(f"body paragraph is not a block of the input: {para[:60]!r}")
    joined = "\n\n".join(body)
    for field in ("title", "standfirst", "byline", "section"):
        if gold[field] and gold[field] not in visible:
            bad(f"{field} not in input: {gold[field]!r}")
    for cap in gold["captions"]:
        for part in (cap["text"], cap["credit"]):
            if part and part not in visible:
                bad(f"caption part not in input: {part!r}")
    for teaser in gold["related"]:
        if teaser not in visible:
            bad(f"related headline not in input: {teaser!r}")
        if teaser in joined:
            bad(f"related headline inside body: {teaser!r}")
    for q in gold["quotes"]:
        if q["text"] not in joined:
            bad(f"quote not in body: {q['text'][:60]!r}")
        if q["kind"] not in ("direct", "indirect", "mixed"):
            bad(f"bad quote kind {q['kind']!r}")
        if not q["speaker"] or not all(isinstance(s, str) and s for s in q["speaker"]):
            bad(f"bad speaker list {q['speaker']!r}")
    for e in gold["events"]:
        for side in ("source", "target"):
            code = e[side]
            if not (re.fullmatch(r"[A-Z]{3}", code) or code in ORGS):
                bad(f"bad {side} code {code!r}")
        if e["source"] == e["target"]:
            bad(f"source equals target: {e['source']}")
        if not e["roots"] or not all(re.fullmatch(r"0[1-9]|1[0-9]|20", r) for r in e["roots"]):
            bad(f"bad roots {e['roots']!r}")
        if e["plover"] not in PLOVER:
            bad(f"unknown PLOVER type {e['plover']!r}")
        if not any(e["sentence"] in p for p in body):
            bad(f"event sentence not in body: {e['sentence'][:60]!r}")
    return problems


def main() -> int:
    gold_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "gold"
    files = sorted(gold_dir.glob("*.gold.json"))
    problems = [p for f in files for p in check(f)]
    for p in problems:
        print(p)
    n_q = sum(len(json.loads(f.read_text(encoding="utf-8"))["quotes"]) for f in files)
    n_e = sum(len(json.loads(f.read_text(encoding="utf-8"))["events"]) for f in files)
    print(f"{len(files)} gold files, {n_q} quotes, {n_e} events, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
