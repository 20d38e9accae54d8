"""The OpenAPI 3.1 document of the JSON API, built from the same parameter declarations the handlers parse."""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from parley.web.params import CODE, Param

_S = {"type": ["string", "null"]}
_I = {"type": ["integer", "null"]}
_N = {"type": ["number", "null"]}


def _obj(**props: Any) -> dict[str, Any]:
    return {"type": "object", "properties": props}


def _list_of(ref: str) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["items", "limit", "offset", "next_offset"],
        "properties": {
            "items": {"type": "array", "items": {"$ref": f"#/components/schemas/{ref}"}},
            "limit": {"type": "integer"}, "offset": {"type": "integer"},
            "next_offset": {"type": ["integer", "null"], "description": "offset of the next page, null on the last"},
        },
    }


SCHEMAS: dict[str, Any] = {
    "ArticleSummary": _obj(
        id={"type": "string"}, title=_S, section=_S, standfirst=_S, byline=_S, published=_S, domain=_S, url=_S,
        duplicate_of=_S,
        snippet={"type": ["object", "null"], "description": "text around the first match of q (before, match, after)",
                 "properties": {"before": {"type": "string"}, "match": {"type": "string"}, "after": {"type": "string"}}},
    ),
    "ArticleRecord": {"type": "object", "description": "the stored record exactly as ingested; see parley's "
                      "article.schema.json (schema_version 1)", "required": ["schema_version", "id", "text"]},
    "Quote": _obj(article_id={"type": "string"}, n={"type": "integer"}, text={"type": "string"}, kind=_S,
                  start=_I, end=_I, speaker=_S, speaker_name=_S, speaker_code=_S, cue=_S, title=_S,
                  published=_S, url=_S),
    "Event": _obj(article_id={"type": "string"}, n={"type": "integer"}, source=_S, target=_S, source_code=_S,
                  target_code=_S, source_name=_S, target_name=_S, cameo={"type": "string"}, root=_S, plover=_S,
                  goldstein=_N, quad_class=_I, date=_S, date_text=_S, sentence=_S, start=_I, end=_I,
                  negated={"type": ["boolean", "null"]}, claimed_by=_S, confidence=_N, published=_S, title=_S, url=_S),
    "Speaker": _obj(name={"type": "string"}, code=_S, quotes={"type": "integer"}, articles={"type": "integer"}),
    "SeriesPoint": _obj(period={"type": "string", "format": "date"}, events={"type": "integer"},
                        verbal_cooperation={"type": "integer"}, material_cooperation={"type": "integer"},
                        verbal_conflict={"type": "integer"}, material_conflict={"type": "integer"}, goldstein=_N),
    "Dyad": _obj(source={"type": "string"}, target={"type": "string"}, freq={"type": "string"},
                 forward={"type": "array", "items": {"$ref": "#/components/schemas/SeriesPoint"}},
                 reverse={"type": "array", "items": {"$ref": "#/components/schemas/SeriesPoint"}}),
    "Summary": _obj(articles={"type": "integer"}, quotes={"type": "integer"}, events={"type": "integer"},
                    errors={"type": "integer"},
                    top_speakers={"type": "array", "items": _obj(name={"type": "string"}, count={"type": "integer"})},
                    dyads={"type": "array", "items": _obj(source_code={"type": "string"}, target_code={"type": "string"},
                                                          count={"type": "integer"}, goldstein=_N)}),
    "Actor": _obj(code={"type": "string"},
                  counts=_obj(quotes={"type": "integer"}, as_source={"type": "integer"},
                              as_target={"type": "integer"}, articles={"type": "integer"}),
                  names={"type": "array", "items": _obj(name={"type": "string"}, kind=_S, count={"type": "integer"})},
                  partners={"type": "array", "items": _obj(partner={"type": "string"}, events={"type": "integer"},
                                                           outgoing={"type": "integer"}, incoming={"type": "integer"},
                                                           goldstein_out=_N, goldstein_in=_N)},
                  quotes={"type": "array", "items": {"$ref": "#/components/schemas/Quote"}},
                  events_as_source={"type": "array", "items": {"$ref": "#/components/schemas/Event"}},
                  events_as_target={"type": "array", "items": {"$ref": "#/components/schemas/Event"}}),
    "Error": {"type": "object", "required": ["error", "status"],
              "properties": {"error": {"type": "string"}, "status": {"type": "integer"}}},
}

ENDPOINTS: dict[str, tuple[str, str, str]] = {
    # path: (summary, description, response schema)
    "/api/summary": ("Store overview", "Row counts, most quoted speakers and busiest country-level dyads.",
                     "Summary"),
    "/api/articles": ("Search articles", "Articles newest first, filtered by text, date, source site and actor; "
                      "what the /search page lists.", "list:ArticleSummary"),
    "/api/articles/{article_id}": ("One article", "The whole stored record: text, quotes, events, removed "
                                   "boilerplate; what /articles/{id} shows.", "ArticleRecord"),
    "/api/events": ("Search events", "Events newest first by event date (else publication date).", "list:Event"),
    "/api/quotes": ("Search quotes", "Quotes newest first; what /quotes lists.", "list:Quote"),
    "/api/speakers": ("Speakers", "Speakers by number of quotes; the side list of /quotes.", "list:Speaker"),
    "/api/actors/{code}": ("One actor", "Names, counts, partners, recent quotes and events of an actor code "
                           "prefix; what /actors/{code} shows.", "Actor"),
    "/api/dyads/{source}/{target}": ("Dyad time series", "Event counts by quad class and mean Goldstein per "
                                     "period, both directions; the chart on /dyads/{source}/{target}.", "Dyad"),
}

_PATH_PARAMS = {
    "article_id": {"type": "string", "maxLength": 200},
    "code": {"type": "string", "pattern": CODE.pattern},
    "source": {"type": "string", "pattern": CODE.pattern},
    "target": {"type": "string", "pattern": CODE.pattern},
}


def openapi_document(params: Mapping[str, Sequence[Param]]) -> dict[str, Any]:
    """The OpenAPI 3.1 document for every API route in params (path → its query parameters)."""
    paths: dict[str, Any] = {}
    for path, query in params.items():
        summary, description, reply = ENDPOINTS[path]
        if reply.startswith("list:"):
            schema = _list_of(reply[5:])
        else:
            schema = {"$ref": f"#/components/schemas/{reply}"}
        errors = {"$ref": "#/components/schemas/Error"}
        responses: dict[str, Any] = {
            "200": {"description": "OK", "content": {"application/json": {"schema": schema}}},
            "400": {"description": "a parameter is unusable", "content": {"application/json": {"schema": errors}}},
        }
        in_path = re.findall(r"{(\w+)}", path)
        if in_path:
            responses["404"] = {"description": "not found", "content": {"application/json": {"schema": errors}}}
        paths[path] = {"get": {
            "summary": summary, "description": description, "operationId": _operation_id(path),
            "parameters": [{"name": name, "in": "path", "required": True, "schema": _PATH_PARAMS[name]}
                           for name in in_path] + [p.openapi() for p in query],
            "responses": responses,
        }}
    return {
        "openapi": "3.1.0",
        "info": {"title": "parley", "version": "1",
                 "description": "Read-only JSON API over a parley store: articles, quotes, events and dyads "
                                "extracted from international news. Every list is paged with limit/offset."},
        "paths": paths,
        "components": {"schemas": SCHEMAS},
    }


def _operation_id(path: str) -> str:
    """A stable operation id from the path: /api/dyads/{source}/{target} → get_dyads_source_target."""
    return "get_" + "_".join(part.strip("{}") for part in path.split("/")[2:])
