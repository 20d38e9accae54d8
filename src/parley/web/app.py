"""The analyst's web UI: server-rendered pages and a JSON API over a store opened read-only per request.

DuckDB connections must not be shared across threads, and Starlette runs these (synchronous)
endpoints in a thread pool, so every request gets its own read-only session on the current version
of the store file, closed when done (see Opener: an ingest running meanwhile swaps in a new file,
which the next request opens). Aggregates are cached per version of the file. Templates autoescape
everything; errors reach the browser as plain pages or JSON without traces.
"""
from __future__ import annotations

import ipaddress
import json
import logging
import re
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Hashable, Iterator, Mapping, Sequence
from contextlib import asynccontextmanager, contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import anyio.to_thread
import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from parley.errors import StoreError
from parley.store import Store
from parley.store.staging import file_version
from parley.web import params as P
from parley.web import queries
from parley.web.openapi import openapi_document
from parley.web.params import PAGE_SIZE, BadRequest
from parley.web.render import (
    QUAD_CLASSES,
    annotate,
    cameo_label,
    delay,
    dyad_chart,
    period_query,
    quad_name,
    script_json,
    speaker_key,
    speaker_slots,
)

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"
SNIPPET = 90  # characters of context either side of a search match
MAX_PERIODS = 400  # periods a dyad chart shows at most (the latest ones)

# Scripts only from our own origin; Vega compiles its expressions with Function(), hence 'unsafe-eval',
# and writes inline styles for tooltips and SVG, hence style 'unsafe-inline'.
SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'none'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
     b"img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
     b"frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class Opener:
    """Hands each request a read-only Store over the current version of the store file.

    Each version of the file is opened once (a Snapshot) and requests get cheap sessions on it (about
    1 ms, against 20+ ms and cold caches for opening the file). An ingest never writes the live file:
    it swaps in a new one when done (parley.store.staging), so a request that finds the file changed
    (a stat of the file and of its WAL) opens the new version, and the old snapshot closes when its
    last request ends; requests are never refused while an ingest runs. With hold (the default) the
    current snapshot stays open between requests; without, it closes whenever no request uses it.
    """

    def __init__(self, path: str | Path, *, hold: bool = True) -> None:
        self.path = Path(path)
        self.hold = hold
        self._lock = threading.Lock()
        self._current: Snapshot | None = None
        self._release(self._acquire())  # StoreError at once: missing, wrong schema version

    def close(self) -> None:
        """Let go of the current snapshot (at shutdown); requests still running finish on it."""
        with self._lock:
            current, self._current = self._current, None
            if current is not None:
                current.retire()

    @contextmanager
    def __call__(self) -> Iterator[Store]:
        try:
            snapshot = self._acquire()
        except StoreError as exc:
            raise StoreBusy(str(exc)) from exc
        try:
            with snapshot.store.session() as store:
                yield store
        finally:
            self._release(snapshot)

    def _acquire(self) -> Snapshot:
        """The snapshot of the file as it is now (opened if it changed), counted as in use."""
        version = file_version(self.path)
        with self._lock:
            current = self._current
            if current is None or (version is not None and version != current.store.version):
                current = Snapshot(Store(self.path, read_only=True))
                if self._current is not None:
                    self._current.retire()
                self._current = current
            current.users += 1
            return current

    def _release(self, snapshot: Snapshot) -> None:
        with self._lock:
            snapshot.users -= 1
            if not self.hold and snapshot is self._current and not snapshot.users:
                self._current = None
                snapshot.retire()
            elif snapshot.retired and not snapshot.users:
                snapshot.store.close()


class Snapshot:
    """One version of the store file, open read-only, and how many requests are using it."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.users = 0
        self.retired = False

    def retire(self) -> None:
        """No new requests: close now if none is using it, else when the last one ends (Opener._release)."""
        self.retired = True
        if not self.users:
            self.store.close()


class StoreBusy(Exception):
    """The store could not be opened for this request (gone, or replaced by one this parley cannot read)."""


class Cache:
    """Results of the costlier aggregate queries, per version of the store file (LRU, thread-safe)."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._data: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, store: Store, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The value for key on this store's version of the file, computed and kept on a miss; callers
        must not mutate it. Values of older versions are never looked up again and age out."""
        entry = (store.version, key)
        with self._lock:
            if entry in self._data:
                self._data.move_to_end(entry)
                return self._data[entry]
        value = compute()
        with self._lock:
            self._data[entry] = value
            while len(self._data) > self.size:
                self._data.popitem(last=False)
        return value


class Guard:
    """ASGI middleware: security headers on every response, and Host checking when serving on loopback.

    The Host check stops DNS-rebinding pages in the analyst's browser from reading the local store.
    """

    def __init__(self, app: ASGIApp, allowed_hosts: Sequence[str] | None) -> None:
        self.app = app
        self.allowed = {h.lower().strip("[]") for h in allowed_hosts} if allowed_hosts else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.allowed is not None:
            host = _hostname(dict(scope["headers"]).get(b"host", b"").decode("latin-1"))
            if host not in self.allowed:
                response = Response("Invalid host header", status_code=400, media_type="text/plain")
                await response(scope, receive, self._with_headers(send))
                return
        await self.app(scope, receive, self._with_headers(send))

    @staticmethod
    def _with_headers(send: Send) -> Send:
        async def sender(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        return sender


def _hostname(host: str) -> str:
    """The host part of a Host header, lower case, IPv6 brackets and port removed."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses, where the UI is private to this machine."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _json_default(value: object) -> object:
    """JSON for what DuckDB returns beyond plain JSON types (dates, timestamps)."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


class ApiResponse(JSONResponse):
    """JSON with dates as ISO strings and non-ASCII kept readable."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, default=_json_default, separators=(",", ":")).encode("utf-8")


def _page_window(page: int) -> tuple[int, int]:
    """(limit, offset) for an HTML page; one row more than shown tells whether a next page exists."""
    return PAGE_SIZE + 1, (page - 1) * PAGE_SIZE


def _trim(rows: list[dict[str, Any]], size: int) -> tuple[list[dict[str, Any]], bool]:
    """The first size rows, and whether there were more."""
    return rows[:size], len(rows) > size


def _snippet(text: str | None, needle: str | None) -> dict[str, str] | None:
    """Text around the first match of needle (before, match, after), or the opening of text."""
    if not text:
        return None
    found = re.search(re.escape(needle), text, re.IGNORECASE) if needle else None
    if found:
        at, stop = found.span()
        start, end = max(at - SNIPPET, 0), min(stop + SNIPPET, len(text))
        return {"before": ("…" if start else "") + text[start:at], "match": text[at:stop],
                "after": text[stop:end] + ("…" if end < len(text) else "")}
    cut = text[: SNIPPET * 2]
    return {"before": cut + ("…" if len(text) > len(cut) else ""), "match": "", "after": ""}


_LIST_FIELDS = queries.LIST_COLUMNS.split(", ")


def find_articles(store: Store, f: Mapping[str, Any], limit: int, offset: int) -> list[dict[str, Any]]:
    """Articles for a search (text, dates, site, actor): list fields plus a snippet around the match."""
    rows = queries.search_articles(store, f.get("q"), since=f.get("since"), until=f.get("until"),
                                   domain=f.get("domain"), actor=f.get("actor"), limit=limit, offset=offset)
    return [{**{k: r.get(k) for k in _LIST_FIELDS},
             "snippet": _snippet(r.get("text"), f.get("q")) if f.get("q") else _snippet(r.get("standfirst"), None)}
            for r in rows]


def _actor_index(record: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """A record's actors by their document-local id."""
    return {a["id"]: a for a in record.get("actors") or [] if isinstance(a, dict) and "id" in a}


def _record_events(record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A record's events with actor names and codes filled in, shaped like Store.events rows."""
    actors = _actor_index(record)
    out = []
    for n, e in enumerate(record.get("events") or []):
        src, tgt = actors.get(e.get("source"), {}), actors.get(e.get("target"), {})
        claimed = actors.get(e.get("claimed_by"), {})
        out.append({**e, "n": n, "source_name": src.get("name"), "target_name": tgt.get("name"),
                    "source_code": e.get("source_code") or src.get("code"),
                    "target_code": e.get("target_code") or tgt.get("code"),
                    "claimed_by_name": claimed.get("name")})
    return out


def _record_quotes(record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A record's quotes with the speaker's actor code and colour slot."""
    actors = _actor_index(record)
    quotes = list(record.get("quotes") or [])
    slots = speaker_slots(quotes)
    return [{**q, "n": n, "speaker_code": actors.get(q.get("speaker"), {}).get("code"),
             "slot": slots[speaker_key(q)]} for n, q in enumerate(quotes)]


def create_app(db: str | Path, *, allowed_hosts: Sequence[str] | None = None, hold: bool = True) -> ASGIApp:
    """The ASGI app over the store at db, opened read-only; StoreError at once if it cannot be read.

    allowed_hosts limits the Host header when given; hold keeps the current version of the file open
    between requests (see Opener).
    """
    opener = Opener(db, hold=hold)
    cache = Cache()
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True)
    templates = Jinja2Templates(env=env)
    env.filters.update(cameo_label=cameo_label, quad_name=quad_name, number=lambda n: f"{n:,}" if n is not None else "–",
                       goldstein=lambda g: f"{g:+.1f}" if isinstance(g, int | float) else "–", script_json=script_json,
                       delay=delay)

    def url(request: Request, path: str | None = None, **changes: Any) -> str:
        """The current page (or path) with query parameters changed; None drops one."""
        query = {k: v for k, v in request.query_params.items() if k not in changes}
        query.update({k: v for k, v in changes.items() if v is not None})
        return (path or request.url.path) + ("?" + urlencode(query) if query else "")

    env.globals.update(url=url, QUAD_CLASSES=QUAD_CLASSES, PAGE_SIZE=PAGE_SIZE)

    def page(request: Request, name: str, status: int = 200, **context: Any) -> Response:
        return templates.TemplateResponse(request, name, context, status_code=status)

    # Aggregates scan every event; they are cached until the store file changes.
    def summary(store: Store, top: int) -> dict[str, Any]:
        return cache.get(store, ("summary", top), lambda: store.summary(top=top))

    def domains(store: Store, limit: int = 100) -> list[dict[str, Any]]:
        return cache.get(store, ("sources", limit), lambda: [s for s in store.sources(limit) if s["domain"]])

    def series(store: Store, source: str, target: str, freq: str) -> list[dict[str, Any]]:
        return cache.get(store, ("dyad", source, target, freq), lambda: store.dyad_series(source, target, freq))

    def profile(store: Store, code: str, limit: int = 15) -> dict[str, Any]:
        return cache.get(store, ("actor", code, limit), lambda: {**queries.actor_profile(store, code),
                                                          "partners": queries.actor_partners(store, code, limit)})

    def display_name(store: Store, code: str) -> str:
        return cache.get(store, ("name", code), lambda: queries.actor_name(store, code)) or code

    def speakers(store: Store, name: str | None, actor: str | None, limit: int, offset: int) -> list[dict[str, Any]]:
        if name or actor:
            return queries.speakers(store, name, actor=actor, limit=limit, offset=offset)
        return cache.get(store, ("speakers", limit, offset), lambda: queries.speakers(store, limit=limit, offset=offset))

    # ---- pages --------------------------------------------------------------------------------

    def index(request: Request) -> Response:
        with opener() as store:
            counts = summary(store, 10)
            recent = find_articles(store, {}, 10, 0)
            sites = domains(store, 10)
        return page(request, "index.html", summary=counts, recent=recent, sites=sites)

    search_params = (P.Q, P.SINCE, P.UNTIL, P.DOMAIN, P.ACTOR, P.PAGE)

    def search(request: Request) -> Response:
        f = P.parse(request.query_params, search_params)
        limit, offset = _page_window(f["page"])
        with opener() as store:
            articles, more = _trim(find_articles(store, f, limit, offset), PAGE_SIZE)
            quotes = []
            if f["q"]:
                quotes = store.quotes(search=f["q"], since=f["since"], until=f["until"], actor=f["actor"], limit=11)
            sites = domains(store)
        quotes, more_quotes = _trim(quotes, 10)
        return page(request, "search.html", f=f, articles=articles, more=more, quotes=quotes,
                    more_quotes=more_quotes, sites=sites)

    def article(request: Request) -> Response:
        article_id = request.path_params["article_id"]
        if len(article_id) > 200:
            raise HTTPException(404)
        with opener() as store:
            record = store.article(article_id)
            copies = store.copies(article_id) if isinstance(record, dict) else []
        if not isinstance(record, dict):
            raise HTTPException(404, "No article with that id in this store.")
        quotes, events = _record_quotes(record), _record_events(record)
        text = record.get("text") or ""
        legend = list({speaker_key(q): {"slot": q["slot"], "name": q.get("speaker_name") or "unknown speaker"}
                       for q in quotes}.values())  # each speaker once, in order of first quote
        return page(request, "article.html", a=record, quotes=quotes, events=events, legend=legend, copies=copies,
                    body=annotate(text, quotes, events), actors=list(_actor_index(record).values()),
                    source=record.get("source") or {})

    def _code(request: Request, key: str) -> str:
        value = request.path_params[key]
        if not P.CODE.match(value):
            raise HTTPException(404, "Actor codes are 2-16 letters or digits, e.g. RUS, USAGOV, IGONATO.")
        return value.upper()

    def actor(request: Request) -> Response:
        code = _code(request, "code")
        f = P.parse(request.query_params, (P.PAGE,))
        limit, offset = _page_window(f["page"])
        with opener() as store:
            about = profile(store, code)
            said = store.quotes(actor=code, limit=10)
            did, more = _trim(queries.events(store, source=code, limit=limit, offset=offset), PAGE_SIZE)
            done_to = queries.events(store, target=code, limit=10)
        return page(request, "actor.html", code=code, profile=about, partners=about["partners"], said=said, did=did,
                    more=more, done_to=done_to, f=f)

    dyad_params = (P.FREQ, P.SINCE, P.UNTIL, P.PAGE)

    def dyad(request: Request) -> Response:
        source, target = _code(request, "source"), _code(request, "target")
        f = P.parse(request.query_params, dyad_params)
        limit, offset = _page_window(f["page"])
        with opener() as store:
            forward = series(store, source, target, f["freq"])
            reverse = series(store, target, source, f["freq"])
            events, more = _trim(queries.events(store, source, target, since=f["since"], until=f["until"],
                                                limit=limit, offset=offset), PAGE_SIZE)
            names = {code: display_name(store, code) for code in (source, target)}
        # A chart of thousands of bars says nothing and weighs megabytes: show the latest periods only.
        periods = sorted({r["period"] for r in (*forward, *reverse)})
        clipped = len(periods) > MAX_PERIODS
        first = periods[-MAX_PERIODS] if clipped else None
        if first is not None:
            forward = [r for r in forward if r["period"] >= first]
            reverse = [r for r in reverse if r["period"] >= first]
        rows = [{"direction": (s, t), "row": r, "query": period_query(r["period"], f["freq"])}
                for s, t, data in ((source, target, forward), (target, source, reverse)) for r in data
                if r["events"]]
        return page(request, "dyad.html", source=source, target=target, f=f, names=names, events=events,
                    more=more, rows=rows, clipped=clipped, first=first, max_periods=MAX_PERIODS,
                    spec=dyad_chart(source, target, f["freq"], forward, reverse))

    quote_params = (P.SPEAKER, P.ACTOR, P.Q, P.SINCE, P.UNTIL, P.PAGE)

    def quotes_page(request: Request) -> Response:
        f = P.parse(request.query_params, quote_params)
        limit, offset = _page_window(f["page"])
        with opener() as store:
            found, more = _trim(store.quotes(f["speaker"], search=f["q"], since=f["since"], until=f["until"],
                                             actor=f["actor"], limit=limit, offset=offset), PAGE_SIZE)
            people = speakers(store, f["speaker"], f["actor"], 30, 0)
        return page(request, "quotes.html", f=f, quotes=found, more=more, speakers=people)

    # ---- JSON API -------------------------------------------------------------------------------

    def listing(items: list[dict[str, Any]], limit: int, offset: int) -> dict[str, Any]:
        items, more = _trim(items, limit)
        return {"items": items, "limit": limit, "offset": offset, "next_offset": offset + limit if more else None}

    def api_summary(request: Request) -> Response:
        f = P.parse(request.query_params, API_PARAMS["/api/summary"])
        with opener() as store:
            return ApiResponse(summary(store, f["top"]))

    def api_articles(request: Request) -> Response:
        f = P.parse(request.query_params, API_PARAMS["/api/articles"])
        with opener() as store:
            rows = find_articles(store, f, f["limit"] + 1, f["offset"])
        return ApiResponse(listing(rows, f["limit"], f["offset"]))

    def api_article(request: Request) -> Response:
        with opener() as store:
            record = store.article(request.path_params["article_id"][:200])
        if record is None:
            raise HTTPException(404, "No article with that id in this store.")
        return ApiResponse(record)

    def api_events(request: Request) -> Response:
        f = P.parse(request.query_params, API_PARAMS["/api/events"])
        with opener() as store:
            rows = queries.events(store, f["source"], f["target"], actor=f["actor"], code=f["code"], since=f["since"],
                                  until=f["until"], search=f["q"], limit=f["limit"] + 1, offset=f["offset"])
        return ApiResponse(listing(rows, f["limit"], f["offset"]))

    def api_quotes(request: Request) -> Response:
        f = P.parse(request.query_params, API_PARAMS["/api/quotes"])
        with opener() as store:
            rows = store.quotes(f["speaker"], search=f["q"], since=f["since"], until=f["until"], actor=f["actor"],
                                limit=f["limit"] + 1, offset=f["offset"])
        return ApiResponse(listing(rows, f["limit"], f["offset"]))

    def api_speakers(request: Request) -> Response:
        f = P.parse(request.query_params, API_PARAMS["/api/speakers"])
        with opener() as store:
            rows = speakers(store, f["name"], f["actor"], f["limit"] + 1, f["offset"])
        return ApiResponse(listing(rows, f["limit"], f["offset"]))

    def api_actor(request: Request) -> Response:
        code = _code(request, "code")
        f = P.parse(request.query_params, API_PARAMS["/api/actors/{code}"])
        with opener() as store:
            body = {**profile(store, code, f["limit"]),
                    "quotes": store.quotes(actor=code, limit=f["limit"]),
                    "events_as_source": queries.events(store, source=code, limit=f["limit"]),
                    "events_as_target": queries.events(store, target=code, limit=f["limit"])}
        return ApiResponse(body)

    def api_dyad(request: Request) -> Response:
        source, target = _code(request, "source"), _code(request, "target")
        f = P.parse(request.query_params, API_PARAMS["/api/dyads/{source}/{target}"])
        with opener() as store:
            body = {"source": source, "target": target, "freq": f["freq"],
                    "forward": series(store, source, target, f["freq"]),
                    "reverse": series(store, target, source, f["freq"])}
        return ApiResponse(body)

    def api_openapi(request: Request) -> Response:
        return ApiResponse(openapi_document(API_PARAMS))

    def favicon(request: Request) -> Response:
        return Response(status_code=204)

    api_handlers: dict[str, Callable[[Request], Response]] = {
        "/api/summary": api_summary, "/api/articles": api_articles, "/api/articles/{article_id}": api_article,
        "/api/events": api_events, "/api/quotes": api_quotes, "/api/speakers": api_speakers,
        "/api/actors/{code}": api_actor, "/api/dyads/{source}/{target}": api_dyad,
    }
    routes: list[BaseRoute] = [
        Route("/", index), Route("/search", search), Route("/articles/{article_id}", article),
        Route("/actors/{code}", actor), Route("/dyads/{source}/{target}", dyad), Route("/quotes", quotes_page),
        Route("/api/openapi.json", api_openapi),
        *(Route(path, handler) for path, handler in api_handlers.items()),
        Route("/favicon.ico", favicon),
        Mount("/static", app=StaticFiles(directory=STATIC, follow_symlink=False), name="static"),
    ]

    def error(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api/"):
            return ApiResponse({"error": message, "status": status}, status_code=status)
        return page(request, "error.html", status, code=status, message=message)

    def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        default = {404: "There is nothing at this address.", 405: "That method is not allowed here."}
        detail = exc.detail if exc.detail and exc.detail != _reason(exc.status_code) else ""
        return error(request, exc.status_code, detail or default.get(exc.status_code, _reason(exc.status_code)))

    def on_bad_request(request: Request, exc: Exception) -> Response:
        return error(request, 400, str(exc))

    def on_busy(request: Request, exc: Exception) -> Response:
        log.warning("%s %s: store unavailable: %s", request.method, request.url.path, exc)
        return error(request, 503, "The store cannot be opened right now; try again in a moment.")

    def on_crash(request: Request, exc: Exception) -> Response:
        log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
        return error(request, 500, "Something went wrong on our side; the details are in the server log.")

    def warm() -> None:
        """Fill the cache for the overview before the first visitor asks (a second or so on a big store)."""
        try:
            with opener() as store:
                summary(store, 10)
                domains(store, 10)
                domains(store)
        except Exception:  # warming is an optimisation; the pages report real failures
            log.warning("could not pre-compute the overview", exc_info=True)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await anyio.to_thread.run_sync(warm)
        yield
        opener.close()

    app = Starlette(
        debug=False, routes=routes, lifespan=lifespan,
        exception_handlers={HTTPException: on_http, BadRequest: on_bad_request, StoreBusy: on_busy,
                            Exception: on_crash},
    )
    app.state.opener = opener
    return Guard(app, allowed_hosts)


def _reason(status: int) -> str:
    """The standard reason phrase of an HTTP status."""
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


# Each API route's query parameters: parsed by the handler, and documented in /api/openapi.json.
API_PARAMS: dict[str, tuple[P.Param, ...]] = {
    "/api/summary": (P.Param("top", "how many top speakers and dyads", "integer", default=10, minimum=1, maximum=100),),
    "/api/articles": (P.Q, P.SINCE, P.UNTIL, P.DOMAIN, P.ACTOR, P.LIMIT, P.OFFSET),
    "/api/articles/{article_id}": (),
    "/api/events": (P.SOURCE, P.TARGET, P.ACTOR, P.CAMEO, P.SINCE, P.UNTIL, P.Q, P.LIMIT, P.OFFSET),
    "/api/quotes": (P.SPEAKER, P.ACTOR, P.Q, P.SINCE, P.UNTIL, P.LIMIT, P.OFFSET),
    "/api/speakers": (P.NAME, P.ACTOR, P.LIMIT, P.OFFSET),
    "/api/actors/{code}": (P.Param("limit", "rows per list", "integer", default=20, minimum=1, maximum=P.MAX_LIMIT),),
    "/api/dyads/{source}/{target}": (P.FREQ,),
}
