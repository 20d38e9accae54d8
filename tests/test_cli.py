"""The command line end to end: process (JSON contract), ingest (idempotent), queries, bad inputs."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLES, shared_path

from parley.cli import EXIT_OK, EXIT_SKIPPED, build_parser, main
from parley.evaluate import Score, score_article

STORY = """World

Envoys meet over grain corridor – Valletta

Malta and Tunisia agreed to reopen talks, officials said

Published: 2 Apr, 2025 10:00

Maltese Foreign Minister Karl Borg met Tunisian Foreign Minister Amira Haddad in Valletta on Tuesday.

“We will not accept a corridor that ignores small ports,” Borg told reporters after the meeting.

Haddad said that Tunisia would send a technical team to Malta next month.

Leave a Reply
"""


def _validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(shared_path("schema", "article.schema.json").read_text())
    return jsonschema.Draft202012Validator(schema)


def _records(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def test_every_command_has_help(capsys):
    parser = build_parser()
    for command in ("process", "ingest", "articles", "quotes", "events", "summary"):
        with pytest.raises(SystemExit) as exit_:
            parser.parse_args([command, "--help"])
        assert exit_.value.code == 0
        assert "usage: parley " + command in capsys.readouterr().out


def test_process_json_is_valid_against_the_schema(tmp_path, capsys):
    validator = _validator()
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    assert main(["process", "--json", str(story)]) == EXIT_OK
    [record] = _records(capsys.readouterr().out)
    validator.validate(record)
    assert record["title"] == "Envoys meet over grain corridor – Valletta"
    assert record["published"] == "2025-04-02"
    for q in record["quotes"]:
        assert record["text"][q["start"]:q["end"]] == q["text"]
    for e in record["events"]:
        assert record["text"][e["start"]:e["end"]] == e["sentence"]
    speakers = {q["speaker_name"] for q in record["quotes"]}
    assert {"Karl Borg", "Amira Haddad"} <= speakers


def test_seed_meets_its_gold(capsys):
    validator = _validator()
    seed = shared_path("seed", "000_b571c39c7b842e1b.txt")
    gold = json.loads(shared_path("seed", "seed.gold.json").read_text())
    assert main(["process", "--json", str(seed)]) == EXIT_OK
    [record] = _records(capsys.readouterr().out)
    validator.validate(record)
    score = Score()
    score_article(score, record, gold)
    report = score.report()
    assert report["body_prf"][2] >= 0.98
    assert report["title_acc"] == 1.0
    assert report["quote_speaker_prf"][2] >= 0.80
    assert report["event_prf"][2] >= 0.70
    assert record["section"] == gold["section"] and record["standfirst"] == gold["standfirst"]
    assert record["related"] == gold["related"]
    assert [c["credit"] for c in record["captions"]] == ["Getty Images"]


def test_a_broken_file_is_named_and_the_rest_processed(tmp_path, capsys):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good.txt").write_text(STORY, encoding="utf-8")
    (folder / "broken.html").write_bytes(b"%PDF-1.7\n\x00\x01\x02binary\xff\xfe" * 50)
    (folder / "empty.txt").write_bytes(b"")
    code = main(["process", "--json", str(folder)])
    captured = capsys.readouterr()
    assert code == EXIT_SKIPPED
    assert len(_records(captured.out)) == 1
    skipped = [ln for ln in captured.err.splitlines() if ln.startswith("parley: skipped")]
    assert len(skipped) == 2
    assert any("broken.html" in ln for ln in skipped) and any("empty.txt" in ln for ln in skipped)


def test_ingest_is_idempotent_and_queryable(tmp_path, capsys):
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    db = str(tmp_path / "t.duckdb")
    assert main(["ingest", str(story), "--db", db, "--no-progress"]) == EXIT_OK
    assert "1 new article(s)" in capsys.readouterr().err
    assert main(["ingest", str(story), "--db", db, "--no-progress"]) == EXIT_OK
    assert "0 new article(s), 1 already stored" in capsys.readouterr().err
    assert main(["articles", "--db", db, "--format", "json"]) == EXIT_OK
    assert len(_records(capsys.readouterr().out)) == 1
    assert main(["quotes", "--db", db, "--speaker", "borg", "--format", "json"]) == EXIT_OK
    rows = _records(capsys.readouterr().out)
    assert rows and all("Borg" in r["speaker_name"] for r in rows)
    assert main(["quotes", "--db", db, "--speaker", "nobody-at-all", "--format", "csv"]) == EXIT_OK
    assert capsys.readouterr().out.strip().count("\n") == 0  # header only
    assert main(["summary", "--db", db]) == EXIT_OK
    assert "articles: 1" in capsys.readouterr().out


def test_examples_are_all_readable(capsys):
    corpus = EXAMPLES / "corpus"
    if not corpus.exists():
        pytest.skip("no bundled examples")
    assert main(["process", "--json", str(corpus)]) == EXIT_OK
    records = _records(capsys.readouterr().out)
    formats = {r["source"]["format"] for r in records}
    assert formats == {"text", "html", "warc", "jsonl"}
    assert len(records) >= 20
    assert len({r["id"] for r in records}) == len(records)
    assert all(Path(r["source"]["path"]).exists() for r in records)
