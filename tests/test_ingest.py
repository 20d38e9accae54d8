"""Reading inputs: detection by content, decoding, JSONL/WARC readers, directories, stdin and errors.

All documents here are our own fictional stories; WARC files are built in the test with stdlib gzip.
"""
from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from parley.errors import InputError
from parley.ingest import ReadStats, read_bytes, read_file, read_inputs
from parley.ingest.decode import decode_bytes
from parley.ingest.detect import sniff
from parley.records import RawDocument

HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Ferry strike ends</title>
<link rel="canonical" href="https://news.example/ports/ferry-strike-ends">
<meta property="og:url" content="https://news.example/og-url">
</head><body><article><h1>Ferry strike ends</h1>
<p>Crews on the Kessel ferry line returned to work on Tuesday after a two-day strike over rosters.</p>
</article></body></html>
"""
TEXT_STORY = (
    "Ferry strike ends\n\nCrews on the Kessel ferry line returned to work on Tuesday "
    "after a two-day strike over rosters, the port authority said.\n"
)
RUSSIAN = (
    "Министр иностранных дел Велории заявил во вторник, что переговоры о квотах на вылов рыбы "
    "зашли в тупик. По его словам, делегация Остмарка покинула зал заседаний без объяснений, "
    "а следующий раунд встреч пока не назначен. Рыбаки обеих стран опасаются, что сезон будет потерян."
)


def docs(items: list) -> list[RawDocument]:
    return [i for i in items if isinstance(i, RawDocument)]


def errors(items: list) -> list[InputError]:
    return [i for i in items if isinstance(i, InputError)]


# --- WARC building ------------------------------------------------------------------------------------

def warc_record(kind: str, block: bytes, uri: str | None = None,
                content_type: str = "application/http; msgtype=response") -> bytes:
    head = [
        "WARC/1.1",
        f"WARC-Type: {kind}",
        f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{abs(hash((kind, block, uri))) % 10**12:012d}>",
        "WARC-Date: 2024-02-03T04:05:06Z",
    ]
    if uri:
        head.append(f"WARC-Target-URI: {uri}")
    head += [f"Content-Type: {content_type}", f"Content-Length: {len(block)}"]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def http_response(body: bytes, content_type: str | None, status: str = "200 OK",
                  extra: tuple[str, ...] = ()) -> bytes:
    lines = [f"HTTP/1.1 {status}"]
    if content_type:
        lines.append(f"Content-Type: {content_type}")
    lines += list(extra)
    if not any(h.lower().startswith("transfer-encoding") for h in extra):
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def chunked(body: bytes, size: int = 50) -> bytes:
    out = b""
    for i in range(0, len(body), size):
        piece = body[i:i + size]
        out += f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
    return out + b"0\r\n\r\n"


PAGE_A = "<html><head><title>Квоты</title></head><body><p>" + RUSSIAN + "</p></body></html>"
PAGE_B = "<html><body><p>Harbour pilots in Kessel agreed a new contract on Friday.</p></body></html>"
PAGE_C = "<html><body><p>Ostmark’s parliament approved the budget after a night-long session.</p></body></html>"


def build_warc_records() -> list[bytes]:
    return [
        warc_record("warcinfo", b"software: parley-test\r\nformat: WARC File Format 1.1\r\n",
                    content_type="application/warc-fields"),                                    # 0
        warc_record("request", b"GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n", "https://news.example/a",
                    content_type="application/http; msgtype=request"),                          # 1
        warc_record("response", http_response(PAGE_A.encode("cp1251"), "text/html; charset=windows-1251"),
                    "https://news.example/a"),                                                   # 2
        warc_record("response", http_response(b"\x89PNG\r\n\x1a\n\x00\x00fake", "image/png"),
                    "https://news.example/logo.png"),                                            # 3
        warc_record("response", http_response(chunked(gzip.compress(PAGE_B.encode())), "text/html",
                                              extra=("Transfer-Encoding: chunked", "Content-Encoding: gzip")),
                    "https://news.example/b"),                                                   # 4
        warc_record("response", http_response(b"", "text/html", status="301 Moved Permanently",
                                              extra=("Location: https://news.example/c",)),
                    "https://news.example/old-c"),                                               # 5
        warc_record("response", http_response(PAGE_C.encode(), "application/xhtml+xml; charset=utf-8"),
                    "https://news.example/c"),                                                   # 6
    ]


def write_warc(tmp_path: Path, name: str, compress: bool) -> tuple[Path, bytes]:
    records = build_warc_records()
    data = b"".join(gzip.compress(r) for r in records) if compress else b"".join(records)
    path = tmp_path / name
    path.write_bytes(data)
    return path, data


# --- detection ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("content", "name", "expected"), [
    (HTML_PAGE.encode(), "story.txt", "html"),
    (b"<div><p>Short <b>fragment</b> of a page</p></div>", "fragment", "html"),
    (TEXT_STORY.encode(), "story.html", "text"),
    (b'{"text": "Crews returned to work."}\n{"text": "Second story."}\n', "export.txt", "jsonl"),
    (b'{"text": "one record only"}', "", "jsonl"),
    (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "crawl.json", "warc"),
    (gzip.compress(b"WARC/1.1\r\nWARC-Type: warcinfo\r\n"), "crawl.bin", "warc"),
    (gzip.compress(HTML_PAGE.encode()), "page.gz", "html"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "article.html", None),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.txt", None),
    (b"PK\x03\x04\x14\x00\x06\x00", "story.jsonl", None),
    (b"abc\x00\x01\x02\x03def" * 10, "data.txt", None),
    (bytes(range(1, 9)) * 50, "noise", None),
    ("Ferry strike ends\n".encode("utf-16"), "utf16.txt", "text"),
    (b"Hello <b>world</b>, said the <i>minister</i>.", "quote.txt", "text"),
])
def test_sniff_by_content_not_extension(content: bytes, name: str, expected: str | None) -> None:
    assert sniff(content, name) == expected


def test_sniff_extension_breaks_ties_for_broken_jsonl() -> None:
    broken_first_line = b'{"text": "unterminated\n{"text": "fine"}\n'
    assert sniff(broken_first_line, "feed.jsonl") == "jsonl"
    assert sniff(b'{"text": "unterminated\n{"nope\n', "notes.txt") == "text"
    assert sniff(b'{"text": "unterminated\n{"nope\n', "feed.jsonl") == "jsonl"


# --- decoding -----------------------------------------------------------------------------------------

def test_decode_cp1251_without_charset() -> None:
    page = f"<html><head><title>Переговоры</title></head><body><p>{RUSSIAN}</p></body></html>"
    text, codec = decode_bytes(page.encode("cp1251"), html=True)
    assert RUSSIAN in text
    assert codec.replace("-", "").replace("_", "").lower() in {"cp1251", "windows1251"}


def test_decode_prefers_declared_then_bom_and_never_crashes() -> None:
    assert decode_bytes("Café crème".encode("cp1252"), "iso-8859-1")[0] == "Café crème"
    # a page that says latin-1 but is really UTF-8
    page = '<meta charset="iso-8859-1"><p>Zürich – Genève</p>'.encode()
    assert "Zürich – Genève" in decode_bytes(page, html=True)[0]
    assert decode_bytes(b"\xef\xbb\xbfBOM text")[0] == "BOM text"
    assert decode_bytes("Ostmark".encode("utf-16"))[0] == "Ostmark"
    text, _ = decode_bytes(b"broken \xff\xfe\xfa bytes \x81\x8d", "utf-8")
    assert text.startswith("broken")
    assert decode_bytes(b"plain", "no-such-charset")[0] == "plain"


def test_cp1251_html_file_without_charset_decodes(tmp_path: Path) -> None:
    path = tmp_path / "ru.html"
    path.write_bytes(f"<html><body><h1>Квоты</h1><p>{RUSSIAN}</p></body></html>".encode("cp1251"))
    (doc,) = list(read_file(str(path)))
    assert isinstance(doc, RawDocument)
    assert doc.format == "html"
    assert RUSSIAN in doc.content


# --- single files -------------------------------------------------------------------------------------

def test_html_file_gets_canonical_url(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"  # misleading name: content decides
    path.write_text(HTML_PAGE, encoding="utf-8")
    (doc,) = list(read_inputs([str(path)]))
    assert doc == RawDocument(content=HTML_PAGE, format="html", path=str(path),
                              url="https://news.example/ports/ferry-strike-ends")


def test_text_file_is_one_document(tmp_path: Path) -> None:
    path = tmp_path / "story"
    path.write_bytes(TEXT_STORY.replace("\n", "\r\n").encode())
    (doc,) = list(read_inputs([str(path)]))
    assert doc.format == "text"
    assert doc.content == TEXT_STORY
    assert doc.path == str(path)
    assert doc.record is None
    assert doc.container is None


def test_binary_file_error_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + b"\x00" * 100)
    (err,) = list(read_inputs([str(path)]))
    assert isinstance(err, InputError)
    assert err.path == str(path)
    assert str(err) == f"{path}: binary file (PDF), not a news page"


def test_empty_missing_and_whitespace_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.html"
    blank.write_bytes(b"  \n\t\n")
    missing = tmp_path / "nope.txt"
    items = list(read_inputs([str(empty), str(missing), str(blank)]))
    assert [type(i) for i in items] == [InputError, InputError, InputError]
    assert items[0].reason == "empty file"
    assert str(missing) in str(items[1])
    assert "no such file" in items[1].reason
    assert items[2].reason == "empty file"


def test_gzipped_text_and_truncated_gzip(tmp_path: Path) -> None:
    good = tmp_path / "story.txt.gz"
    good.write_bytes(gzip.compress(TEXT_STORY.encode()))
    bad = tmp_path / "cut.html.gz"
    bad.write_bytes(gzip.compress(HTML_PAGE.encode() * 20)[:200])
    items = list(read_inputs([str(good), str(bad)]))
    assert items[0].content == TEXT_STORY
    assert isinstance(items[1], InputError)
    assert "gzip" in items[1].reason


# --- JSONL --------------------------------------------------------------------------------------------

def test_jsonl_bad_lines_reported_and_good_ones_continue(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "Crews returned to work on Tuesday.", "url": "https://news.example/1",
                    "published": "2024-03-05", "title": "Strike ends"}),            # 0 good
        '{"text": "missing brace"',                                                  # 1 malformed
        "[1, 2, 3]",                                                                 # 2 not an object
        json.dumps({"body": "no usable field"}),                                     # 3 no text/html
        json.dumps({"text": 42}),                                                    # 4 wrong type
        "",                                                                          # 5 blank: skipped
        json.dumps({"html": HTML_PAGE}),                                             # 6 good html
        json.dumps({"text": "Another story.", "url": ["not", "a", "string"]}),      # 7 wrong type
        json.dumps({"text": "Last story from Kessel."}),                             # 8 good
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    stats = ReadStats()
    items = list(read_inputs([str(path)], stats))

    good = docs(items)
    assert [(d.record, d.format) for d in good] == [(0, "text"), (6, "html"), (8, "text")]
    assert all(d.container == "jsonl" for d in good)
    assert good[0].url == "https://news.example/1"
    assert good[0].published == "2024-03-05"
    assert good[0].title == "Strike ends"
    assert good[1].url == "https://news.example/ports/ferry-strike-ends"  # from the page's canonical link

    bad = errors(items)
    assert [e.record for e in bad] == [1, 2, 3, 4, 7]
    assert all(e.path == str(path) for e in bad)
    assert str(bad[0]).startswith(f"{path} record 1: malformed JSON")
    assert "expected a JSON object, got array" in bad[1].reason
    assert "no 'text' or 'html' field" in bad[2].reason
    assert "field 'text' must be a string, got number" in bad[3].reason
    assert "field 'url' must be a string" in bad[4].reason
    assert (stats.files, stats.records, stats.errors) == (1, 3, 5)


def test_jsonl_with_misleading_name_and_broken_first_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.txt"
    path.write_text('{"text": "oops\n{"text": "Second line is fine."}\n{"text": "So is the third."}\n')
    items = list(read_inputs([str(path)]))
    assert isinstance(items[0], InputError)
    assert items[0].record == 0
    assert [d.content for d in docs(items)] == ["Second line is fine.", "So is the third."]


# --- WARC ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("compress", [True, False])
def test_warc_yields_html_responses_with_record_indexes(tmp_path: Path, compress: bool) -> None:
    path, _ = write_warc(tmp_path, "crawl.warc.gz" if compress else "crawl.dat", compress)
    stats = ReadStats()
    items = list(read_inputs([str(path)], stats))
    assert errors(items) == []
    assert [(d.record, d.url) for d in items] == [
        (2, "https://news.example/a"),
        (4, "https://news.example/b"),
        (6, "https://news.example/c"),
    ]
    assert all(d.format == "warc" and d.container == "warc" and d.path == str(path) for d in items)
    assert RUSSIAN in items[0].content           # charset from the HTTP header
    assert items[1].content == PAGE_B            # chunked + gzip content encoding undone
    assert items[2].content == PAGE_C
    # warcinfo, request, image and redirect are skipped and counted
    assert (stats.files, stats.records, stats.skipped, stats.errors) == (1, 3, 4, 0)


@pytest.mark.parametrize("compress", [True, False])
def test_truncated_warc_reports_error_after_earlier_records(tmp_path: Path, compress: bool) -> None:
    path, data = write_warc(tmp_path, "cut.warc", compress)
    path.write_bytes(data[: len(data) - 40])  # the last record (index 6) loses its end
    items = list(read_inputs([str(path)]))
    assert [d.record for d in docs(items)] == [2, 4]
    (err,) = errors(items)
    assert items[-1] is err
    assert err.path == str(path)
    assert err.record == 6
    assert "truncated" in err.reason


def test_warc_cut_inside_a_record_header(tmp_path: Path) -> None:
    records = build_warc_records()
    data = b"".join(records[:3]) + records[3][:60]  # stops inside record 3's header
    items = list(read_bytes(data, "cut.warc", path="cut.warc"))
    assert [d.record for d in docs(items)] == [2]
    (err,) = errors(items)
    assert err.record == 3


def test_warc_every_cut_point_is_reported() -> None:
    records = build_warc_records()
    data = b"".join(gzip.compress(r) for r in records)
    last_start = len(data) - len(gzip.compress(records[-1]))
    for cut in range(last_start + 1, len(data), 7):
        items = list(read_bytes(data[:cut]))
        # a cut in the gzip trailer leaves record 6 whole: it is read, and the damage still reported
        assert [d.record for d in docs(items)] in ([2, 4], [2, 4, 6]), cut
        assert [e.record for e in errors(items)] == [6], cut


def test_warc_gzipped_as_one_stream_reads_like_per_record_members() -> None:
    records = build_warc_records()
    items = list(read_bytes(gzip.compress(b"".join(records), mtime=0)))
    assert errors(items) == []
    assert [d.record for d in docs(items)] == [2, 4, 6]


def test_warc_gzipped_as_one_stream_cut_short_is_reported() -> None:
    records = build_warc_records()
    data = gzip.compress(b"".join(records), mtime=0)
    for cut in range(len(data) // 2, len(data) - 8, 53):  # the eight-byte trailer cut leaves all records
        items = list(read_bytes(data[:cut]))
        bad = errors(items)
        assert len(bad) == 1 and "truncated" in bad[0].reason, cut
        assert [d.record for d in docs(items)] == [d for d in (2, 4, 6) if d < bad[0].record], cut


def test_corrupt_warc_garbage_between_records() -> None:
    records = build_warc_records()
    data = b"".join(records[:3]) + b"THIS IS NOT A WARC HEADER\r\n\r\n" + b"".join(records[3:])
    items = list(read_bytes(data))
    # the garbage counts as record 3; reading resumes at the next header, so nothing after it is lost
    assert [d.record for d in docs(items)] == [2, 5, 7]
    (err,) = errors(items)
    assert err.record == 3
    assert "reading resumed at the next record" in str(err)


@pytest.mark.parametrize("compress", [False, True])
def test_warc_resumes_after_a_corrupt_record(compress: bool) -> None:
    records = build_warc_records()
    if compress:  # a damaged gzip member where record 2 should be
        data = b"".join(gzip.compress(r) for r in records[:2]) + b"\x1f\x8b\x08\x00damaged member" \
            + b"".join(gzip.compress(r) for r in records[3:])
    else:  # record 2 cut short in mid-file: its Content-Length runs into the records after it
        data = b"".join(records[:2]) + records[2][:200] + b"".join(records[3:])
    items = list(read_bytes(data))
    assert [d.url for d in docs(items)] == ["https://news.example/b", "https://news.example/c"]
    (err,) = errors(items)
    assert err.record in (2, 3) and "reading resumed at the next record" in str(err)


# --- directories and stdin ----------------------------------------------------------------------------

def test_directory_is_recursive_sorted_and_skips_hidden_and_gold(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "b_sub").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "b.txt").write_text(TEXT_STORY)
    (root / "a.html").write_text(HTML_PAGE)
    (root / "b_sub" / "c.txt").write_text("Third fictional story about the Kessel harbour.\n")
    (root / ".hidden.txt").write_text("secret")
    (root / ".git" / "config.txt").write_text("not input")
    (root / "a.gold.json").write_text('{"title": "gold"}')
    (root / "broken.pdf").write_bytes(b"%PDF-1.5\n")
    stats = ReadStats()
    items = list(read_inputs([str(root)], stats))
    names = [Path(i.path).name for i in items]
    assert names == ["a.html", "b.txt", "c.txt", "broken.pdf"]  # sorted by path components
    assert isinstance(items[3], InputError)
    assert "binary file (PDF)" in items[3].reason
    assert (stats.files, stats.records, stats.errors) == (4, 3, 1)


def test_stdin_is_sniffed_like_a_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _, warc = write_warc(tmp_path, "x.warc.gz", True)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(warc)))
    items = list(read_inputs(["-"]))
    assert [(d.format, d.record, d.path) for d in items] == [("warc", 2, None), ("warc", 4, None), ("warc", 6, None)]

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(HTML_PAGE.encode("utf-8"))))
    (doc,) = list(read_inputs(["-"]))
    assert (doc.format, doc.path, doc.url) == ("html", None, "https://news.example/ports/ferry-strike-ends")

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    (err,) = list(read_inputs(["-"]))
    assert str(err) == "<stdin>: empty file"


def test_mixed_batch_carries_on_after_errors(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(TEXT_STORY)
    (tmp_path / "img.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    paths = [str(tmp_path / "img.jpg"), str(tmp_path / "missing"), str(tmp_path / "ok.txt")]
    items = list(read_inputs(paths))
    assert [type(i).__name__ for i in items] == ["InputError", "InputError", "RawDocument"]
    assert "binary file (JPEG)" in str(items[0])


def test_json_array_is_explained_not_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps([{"text": "One story."}, {"text": "Another."}]))
    (err,) = list(read_inputs([str(path)]))
    assert isinstance(err, InputError)
    assert "JSON array, not JSON Lines" in str(err)


def test_jsonl_with_a_record_longer_than_the_sniffing_window(tmp_path: Path) -> None:
    long_html = "<html><body>" + "<p>Kessel harbour news.</p>" * 5000 + "</body></html>"
    path = tmp_path / "big.dat"
    path.write_text(json.dumps({"html": long_html, "url": "https://news.example/big"}) + "\n"
                    + json.dumps({"text": "Short one."}) + "\n")
    items = list(read_inputs([str(path)]))
    assert [(d.record, d.format, len(d.content)) for d in items] == [(0, "html", len(long_html)), (1, "text", 10)]


def test_unreadable_path_is_an_error_not_an_exception(tmp_path: Path) -> None:
    (err,) = list(read_file(str(tmp_path)))  # a directory handed to the file reader
    assert isinstance(err, InputError)
    assert err.path == str(tmp_path)
    assert "cannot open file" in err.reason
