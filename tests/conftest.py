"""Shared fixtures: paths to ../shared (skipped cleanly when absent) and one loaded pipeline."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not available (../shared is absent)")
    return path


@pytest.fixture(scope="session")
def pipeline():
    from parley.pipeline import Pipeline

    return Pipeline()


def quotes_in(pipeline, text: str):
    """The quotes the pipeline finds in one text (actor stage first, as it runs them)."""
    doc = pipeline.nlp(text)
    return pipeline.quotes(doc, pipeline.actors(doc))[0]
