"""Turn stored records into what the templates show: annotated article text, labels, chart specs.

Everything that came from an article passes through markupsafe.escape here before it is wrapped in
markup, so annotation never opens a hole in the templates' autoescaping.
"""
from __future__ import annotations

import calendar
import functools
import itertools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from markupsafe import Markup, escape

QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
QUAD_COLORS = {1: "#8fd19e", 2: "#1e8e3e", 3: "#f4a742", 4: "#d93025"}
SPEAKER_COLORS = 8  # .s0 … .s7 in parley.css


@functools.cache
def cameo_label(code: str | None) -> str | None:
    """The CAMEO name of an event code (nearest listed ancestor), None when the taxonomy lacks it."""
    if not code:
        return None
    try:
        from parley.events.taxonomy import lookup

        entry = lookup(code)
    except (ImportError, KeyError, ValueError, OSError):
        return None
    return entry.name if entry.code == code else f"{entry.name} ({entry.code})"


def delay(value: object) -> str:
    """A timedelta as '+2 d 3 h', '+45 min' or '+10 s'; empty for anything else."""
    if not isinstance(value, timedelta):
        return ""
    seconds = int(value.total_seconds())
    sign, seconds = ("-" if seconds < 0 else "+"), abs(seconds)
    days, hours, minutes = seconds // 86400, seconds % 86400 // 3600, seconds % 3600 // 60
    if days:
        return f"{sign}{days} d" + (f" {hours} h" if hours else "")
    if hours:
        return f"{sign}{hours} h" + (f" {minutes} min" if minutes else "")
    return f"{sign}{minutes} min" if minutes else f"{sign}{seconds} s"


def quad_name(quad: object) -> str | None:
    """The name of a quad class number (1-4), None for anything else."""
    return QUAD_CLASSES.get(quad) if isinstance(quad, int) else None


def _offsets(item: Mapping[str, Any], length: int) -> tuple[int, int] | None:
    """An item's (start, end) when they form a non-empty range inside the text, else None."""
    start, end = item.get("start"), item.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool) or isinstance(end, bool):
        return None
    start, end = max(start, 0), min(end, length)
    return (start, end) if start < end else None


def speaker_slots(quotes: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """A colour slot per speaker, in order of first quote, so each speaker keeps one colour."""
    slots: dict[str, int] = {}
    for q in quotes:
        key = speaker_key(q)
        if key not in slots:
            slots[key] = len(slots) % SPEAKER_COLORS
    return slots


def speaker_key(quote: Mapping[str, Any]) -> str:
    """What identifies a quote's speaker within one article: actor id, else name, else unknown."""
    return str(quote.get("speaker") or quote.get("speaker_name") or "?")


@dataclass
class _Point:
    opens: list[tuple[str, int]] = field(default_factory=list)
    closes: list[int] = field(default_factory=list)  # quotes ending here, for the speaker chip


def annotate(text: str, quotes: Sequence[Mapping[str, Any]], events: Sequence[Mapping[str, Any]]) -> Markup:
    """The article text as HTML: quotes marked in their speaker's colour with a speaker chip, event spans underlined.

    Spans may overlap, so the text is cut at every span boundary and each piece is wrapped in one
    <mark> carrying every annotation active over it; anchors (#quote-N, #event-N) sit where spans begin.
    """
    length = len(text)
    slots = speaker_slots(quotes)
    quote_spans = {n: r for n, q in enumerate(quotes) if (r := _offsets(q, length))}
    event_spans = {n: r for n, e in enumerate(events) if (r := _offsets(e, length))}
    points: dict[int, _Point] = {0: _Point(), length: _Point()}
    for n, (start, end) in quote_spans.items():
        points.setdefault(start, _Point()).opens.append(("quote", n))
        points.setdefault(end, _Point()).closes.append(n)
    for n, (start, end) in event_spans.items():
        points.setdefault(start, _Point()).opens.append(("event", n))
        points.setdefault(end, _Point())
    cuts = sorted(points)
    out: list[str] = []
    for left, right in itertools.pairwise(cuts):
        point = points[left]
        out.extend(f'<span class="anchor" id="{kind}-{n}"></span>' for kind, n in point.opens)
        piece = escape(text[left:right])
        active_q = [n for n, (s, e) in quote_spans.items() if s <= left and right <= e]
        active_e = [n for n, (s, e) in event_spans.items() if s <= left and right <= e]
        if active_q or active_e:
            classes = []
            titles = []
            attrs = ""
            if active_q:
                q = quotes[active_q[0]]
                classes += ["q", f"s{slots[speaker_key(q)]}"]
                titles += [f"quote {n + 1}: {quotes[n].get('speaker_name') or 'unknown speaker'}" for n in active_q]
                attrs += f' data-quotes="{" ".join(map(str, active_q))}"'
            if active_e:
                classes.append("e")
                titles += [f"event {n + 1}: {events[n].get('cameo')}" for n in active_e]
                attrs += f' data-events="{" ".join(map(str, active_e))}"'
            out.append(
                f'<mark class="{" ".join(classes)}"{attrs} title="{escape("; ".join(titles))}">{piece}</mark>'
            )
        else:
            out.append(str(piece))
        for n in points[right].closes:
            q = quotes[n]
            out.append(
                f'<a class="chip s{slots[speaker_key(q)]}" href="#q-{n}" title="{escape(q.get("cue") or "")}">'
                f"{escape(q.get('speaker_name') or 'unknown speaker')}</a>"
            )
    return Markup("".join(out))


def period_end(start: date, freq: str) -> date:
    """The last day of the dyad_series period that begins on start."""
    if freq == "day":
        return start
    if freq == "week":
        return start + timedelta(days=6)
    months = {"month": 1, "quarter": 3, "year": 12}[freq]
    month0 = start.month - 1 + months - 1
    year, month = start.year + month0 // 12, month0 % 12 + 1
    return date(year, month, calendar.monthrange(year, month)[1])


def period_query(start: date, freq: str) -> str:
    """The query string selecting one period of a dyad page's event list."""
    return f"freq={freq}&since={start.isoformat()}&until={period_end(start, freq).isoformat()}"


_TIME_UNITS = {"day": "yearmonthdate", "week": "yearweek", "month": "yearmonth", "quarter": "yearquarter", "year": "year"}


def dyad_chart(
    source: str, target: str, freq: str, forward: Sequence[Mapping[str, Any]], reverse: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """A Vega-Lite spec: stacked quad-class counts per direction and both directions' mean Goldstein.

    Data rows are kept small (s: period start, u: period end, d: direction 0 forward / 1 reverse,
    q: quad class, n: count, g: mean Goldstein); the spec derives dates, labels and each mark's
    `href` (the dyad page listing that period's events in that direction) with calculate transforms.
    source, target and freq are validated codes and an enum, so they are safe inside expressions.
    """
    counts: list[dict[str, Any]] = []
    tone: list[dict[str, Any]] = []
    for d, data in ((0, forward), (1, reverse)):
        for row in data:
            start, end = row["period"].isoformat(), period_end(row["period"], freq).isoformat()
            for quad, name in QUAD_CLASSES.items():
                if count := row[name.replace(" ", "_")]:
                    counts.append({"s": start, "u": end, "d": d, "q": quad, "n": count})
            if row.get("goldstein") is not None:
                tone.append({"s": start, "u": end, "d": d, "n": row["events"], "g": round(row["goldstein"], 2)})
    directions = [f"{source} → {target}", f"{target} → {source}"]
    derive = [
        # Local midnight, not a bare date: browsers read "YYYY-MM-DD" as UTC, which local time units
        # would shift into the previous period west of Greenwich.
        {"calculate": "toDate(datum.s + 'T00:00:00')", "as": "period"},
        {"calculate": f"datum.d == 0 ? '{directions[0]}' : '{directions[1]}'", "as": "direction"},
        {"calculate": f"'/dyads/' + (datum.d == 0 ? '{source}/{target}' : '{target}/{source}') + "
                      f"'?freq={freq}&since=' + datum.s + '&until=' + datum.u + '#events'", "as": "href"},
    ]
    names = list(QUAD_CLASSES.values())
    unit = _TIME_UNITS[freq]
    x = {"field": "period", "type": "temporal", "timeUnit": unit, "title": None}
    bars = [
        {
            "title": f"{directions[d]}: events by quad class",
            "data": {"name": "counts"},
            "transform": [{"filter": f"datum.d == {d}"}, *derive,
                          {"calculate": f"{json.dumps(['', *names])}[datum.q]", "as": "class"}],
            "mark": {"type": "bar", "cursor": "pointer"},
            "encoding": {
                "x": x,
                "y": {"field": "n", "type": "quantitative", "aggregate": "sum", "title": "events", "stack": True},
                "color": {"field": "class", "type": "nominal", "title": "quad class", "sort": names,
                          "scale": {"domain": names, "range": list(QUAD_COLORS.values())}},
                "order": {"field": "q", "type": "quantitative"},
                "href": {"field": "href", "type": "nominal"},
                "tooltip": [
                    {"field": "period", "type": "temporal", "timeUnit": unit, "title": "period"},
                    {"field": "class", "title": "quad class"},
                    {"field": "n", "aggregate": "sum", "title": "events"},
                ],
            },
        }
        for d in (0, 1)
    ]
    line = {
        "title": "mean Goldstein score (−10 conflict … +10 cooperation)",
        "data": {"name": "tone"},
        "transform": derive,
        "mark": {"type": "line", "point": {"size": 40, "cursor": "pointer"}, "interpolate": "monotone"},
        "encoding": {
            "x": x,
            "y": {"field": "g", "type": "quantitative", "scale": {"domain": [-10, 10]}, "title": "Goldstein"},
            "color": {"field": "direction", "type": "nominal", "title": "direction", "sort": directions,
                      "scale": {"domain": directions, "range": ["#1a73e8", "#a142f4"]}},
            "href": {"field": "href", "type": "nominal"},
            "tooltip": [
                {"field": "direction"},
                {"field": "period", "type": "temporal", "timeUnit": unit, "title": "period"},
                {"field": "g", "title": "mean Goldstein"},
                {"field": "n", "title": "events"},
            ],
        },
    }
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "datasets": {"counts": counts, "tone": tone},
        "vconcat": [*bars, line],
        "resolve": {"scale": {"color": "independent", "x": "shared"}},
        "config": {"view": {"continuousWidth": 760, "continuousHeight": 150}, "axis": {"labelFontSize": 11}},
    }


def script_json(value: Any) -> Markup:
    """JSON safe to place inside a <script type="application/json"> element (no '</script>' can close it)."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, code)
    return Markup(text)
