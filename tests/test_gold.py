"""The pipeline scored against the bundled examples' gold files (every format, not only the seed).

The floors sit a little under the measured figures (README, accuracy section) so a regression in
any stage fails here; they are not tuned to one document.
"""
from __future__ import annotations

import pytest
from conftest import EXAMPLES

from parley.evaluate import load_golds, score_records
from parley.ingest import read_inputs
from parley.records import Article


@pytest.fixture(scope="module")
def report(pipeline):
    golds = load_golds(EXAMPLES / "gold")
    if not golds:
        pytest.skip("no gold files")
    records = [a.to_json() for a in pipeline.process_stream(read_inputs([str(EXAMPLES / "corpus")])) if isinstance(a, Article)]
    return score_records(records, golds).report()


def test_every_story_is_scored(report):
    assert report["articles"] >= 20


def test_recovery(report):
    assert report["body_prf"][2] >= 0.97
    assert report["title_acc"] >= 0.95


def test_quotes_with_speakers(report):
    assert report["quote_prf"][2] >= 0.97
    assert report["quote_speaker_prf"][2] >= 0.92


def test_events(report):
    precision, _, f1 = report["event_prf"]
    assert precision >= 0.90
    assert f1 >= 0.82
