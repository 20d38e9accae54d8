"""Our code, data and tests are written here: no file may carry a run of words from the evaluation texts in
../shared/data (PolNeAR is licensed for evaluation only, and the event suites are test sets: an example taken
from them in a test or a comment is a rule fitted to the test). Skipped when ../shared is absent."""
from __future__ import annotations

import json
import re

from conftest import ROOT, shared_path

RUN = 7  # words in a row; shorter runs are stock phrases ("said in a statement on")
WORD = re.compile(r"\w+")


def _runs(text: str) -> dict[int, str]:
    words = [w.lower() for w in WORD.findall(text)]
    return {hash(run): run for run in (" ".join(words[i : i + RUN]) for i in range(len(words) - RUN + 1))}


def test_no_file_repeats_the_evaluation_texts():
    texts: set[int] = set()  # hashes of every run of words in the evaluation texts
    for folder in ("quotes", "events"):
        for path in shared_path("data", folder).glob("*.jsonl"):
            with path.open(encoding="utf-8") as f:
                for line in f:
                    texts.update(_runs(json.loads(line).get("text") or ""))
    # the gazetteer's rows are names of countries, bodies and people: facts, which the texts name too
    ours = [p for pattern in ("src/**/*.py", "src/**/*.tsv", "tests/*.py", "benchmarks/*.py", "docs/*.md", "README.md")
            for p in ROOT.glob(pattern) if "actors/data" not in p.as_posix()]
    found = [f"{p.relative_to(ROOT)}: {run!r}" for p in ours  # the file as one run of words: strings span lines
             for key, run in _runs(p.read_text(encoding="utf-8")).items() if key in texts]
    assert not found, f"files sharing {RUN} words in a row with ../shared/data: {found}"
