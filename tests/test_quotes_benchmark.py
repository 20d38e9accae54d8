"""How the PolNeAR benchmark groups parley's quotes into attributions, on our own fictional text."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from parley.records import Actor, Mention, Quote

_SPEC = importlib.util.spec_from_file_location("quotes_benchmark", Path(__file__).resolve().parents[1] / "benchmarks" / "quotes.py")
assert _SPEC is not None and _SPEC.loader is not None
bench = importlib.util.module_from_spec(_SPEC)
sys.modules[_SPEC.name] = bench  # dataclasses look their module up while the file runs
_SPEC.loader.exec_module(bench)


def _quote(text: str, part: str, kind: str, speaker: Mention, cue: str | None = None) -> Quote:
    start = text.index(part)
    cue_at = Mention(text.index(cue), text.index(cue) + len(cue), cue) if cue else None
    return Quote(text=part, kind=kind, start=start, end=start + len(part), speaker="a1", speaker_name="Ida Ames",  # type: ignore[arg-type]
                 cue=cue, speaker_mention=speaker, cue_mention=cue_at)


def test_a_direct_follow_on_goes_with_the_direct_quote_not_the_stance_between():
    text = "“The pier is safe,” Ames said, urging calm. “We will reopen it.”"
    ames = Mention(text.index("Ames"), text.index("Ames") + 4, "Ames")
    quotes = [_quote(text, "The pier is safe,", "direct", ames, "said"), _quote(text, "calm", "indirect", ames, "urging"),
              _quote(text, "We will reopen it.", "direct", ames)]
    units = bench.parley_units(text, quotes, [Actor(id="a1", name="Ida Ames", kind="person", mentions=(ames,))])
    assert [(u.kind, [text[s:e] for s, e in u.parts]) for u in units] == [
        ("direct", ["The pier is safe,", "We will reopen it."]), ("indirect", ["calm"])]


def test_a_follow_on_in_another_paragraph_is_an_attribution_of_its_own():
    text = "“The pier is safe,” Ames said.\n\n“We will reopen it.”"
    ames = Mention(text.index("Ames"), text.index("Ames") + 4, "Ames")
    quotes = [_quote(text, "The pier is safe,", "direct", ames, "said"), _quote(text, "We will reopen it.", "direct", ames)]
    units = bench.parley_units(text, quotes, [Actor(id="a1", name="Ida Ames", kind="person", mentions=(ames,))])
    assert len(units) == 2
