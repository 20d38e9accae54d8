"""The web UI over a store built here from synthetic schema-v1 records: pages, JSON API, escaping, errors."""
from __future__ import annotations

import json
import re
import warnings
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

with warnings.catch_warnings():  # Starlette 1.x suggests httpx2; httpx is what the project pins
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from parley.errors import StoreError
from parley.store import Store
from parley.web import create_app
from parley.web.params import PAGE_SIZE
from parley.web.render import annotate, period_end, script_json

HOSTILE_TITLE = '<script>alert("title")</script> Breaking <b>news</b>'
HOSTILE_QUOTE = '<script>alert("quote")</script><img src=x onerror=alert(1)>'


# ---- a small factory of schema-valid records ------------------------------------------------------

def make_record(
    article_id: str,
    paragraphs: list[str],
    *,
    title: str | None = "Untitled",
    published: str | None = "2022-02-10",
    domain: str | None = "example.org",
    actors: list[dict[str, Any]] | None = None,
    quotes: list[dict[str, Any]] | None = None,
    events: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A schema-v1 record; quotes and events name a `find` substring of the text, turned into offsets here."""
    text = "\n\n".join(paragraphs)

    def span(item: dict[str, Any]) -> dict[str, Any]:
        item = dict(item)
        find = item.pop("find")
        start = text.index(find)
        return {**item, "start": start, "end": start + len(find)}

    record = {
        "schema_version": 1,
        "id": article_id,
        "source": {"format": "html", "path": f"/corpus/{article_id}.html", "url": f"https://{domain}/{article_id}",
                   "domain": domain, "record": None},
        "language": "en",
        "section": "World",
        "title": title,
        "standfirst": None,
        "byline": "By A. Reporter",
        "published": published,
        "body": paragraphs,
        "text": text,
        "captions": [],
        "related": [],
        "removed": [],
        "actors": actors or [],
        "quotes": [span(q) for q in quotes or []],
        "events": [span(e) for e in events or []],
        "duplicate_of": None,
    }
    record.update(extra)
    return record


RUSSIA = {"id": "a1", "name": "Russia", "kind": "country", "country": "RUS", "code": "RUSGOV", "mentions": []}
USA = {"id": "a2", "name": "United States", "kind": "country", "country": "USA", "code": "USAGOV", "mentions": []}
RYABKOV = {"id": "a3", "name": "Sergey Ryabkov", "kind": "person", "country": "RUS",
           "role": "Deputy Foreign Minister", "code": "RUSGOV", "mentions": []}
BLINKEN = {"id": "a4", "name": "Antony Blinken", "kind": "person", "country": "USA", "role": "Secretary of State",
           "code": "USAGOV", "mentions": []}


def records() -> list[dict[str, Any]]:
    """The test corpus: two rich stories, a hostile one, a republication, and filler for paging."""
    story = make_record(
        "rus-usa-1",
        [
            "Russia will not agree to new talks with Washington, Deputy Foreign Minister Sergey Ryabkov said on Monday.",
            "\u201cWe see no basis for concessions,\u201d Ryabkov told reporters in Moscow.",
            "The United States imposed sweeping sanctions on Russia in February 2022.",
        ],
        title="Moscow rejects talks with Washington",
        standfirst="Ryabkov says there is no basis for concessions",
        section="Russia & FSU",
        actors=[RUSSIA, USA, RYABKOV],
        quotes=[{"text": "We see no basis for concessions", "kind": "direct", "find": "We see no basis for concessions",
                 "speaker": "a3", "speaker_name": "Sergey Ryabkov", "cue": "told reporters"}],
        events=[
            {"source": "a1", "target": "a2", "cameo": "125", "plover": "REJECT", "goldstein": -5.0, "quad_class": 3,
             "date": "2022-02-07", "date_text": "on Monday", "negated": False, "claimed_by": "a3", "confidence": 0.9,
             "sentence": "Russia will not agree to new talks with Washington, Deputy Foreign Minister Sergey Ryabkov "
                         "said on Monday.",
             "find": "Russia will not agree to new talks with Washington"},
            {"source": "a2", "target": "a1", "cameo": "163", "plover": "SANCTION", "goldstein": -8.0, "quad_class": 4,
             "date": "2022-02", "date_text": "in February 2022", "negated": False, "claimed_by": None,
             "confidence": 0.8, "sentence": "The United States imposed sweeping sanctions on Russia in February 2022.",
             "find": "The United States imposed sweeping sanctions on Russia in February 2022."},
        ],
        related=["Teaser: Kremlin hosts summit"],
        removed=["Share this article", "Subscribe to our newsletter"],
        captions=[{"text": "Sergey Ryabkov in Moscow", "credit": "Photo: Agency"}],
    )
    reply = make_record(
        "usa-rus-2",
        [
            "The United States offered to meet Russia in Geneva next month.",
            "\u201cDiplomacy is the only way forward,\u201d Blinken said.",
        ],
        title="Washington offers Geneva meeting",
        published="2022-03-05",
        domain="news.example.com",
        actors=[RUSSIA, USA, BLINKEN],
        quotes=[{"text": "Diplomacy is the only way forward", "kind": "direct",
                 "find": "Diplomacy is the only way forward", "speaker": "a4", "speaker_name": "Antony Blinken",
                 "cue": "said"}],
        events=[{"source": "a2", "target": "a1", "cameo": "036", "plover": "CONSULT", "goldstein": 4.0,
                 "quad_class": 1, "date": "2022-04", "negated": False,
                 "sentence": "The United States offered to meet Russia in Geneva next month.",
                 "find": "The United States offered to meet Russia in Geneva next month."}],
    )
    hostile = make_record(
        "xss-1",
        [f"An official said \u201c{HOSTILE_QUOTE}\u201d and left.", "Russia denied <i>everything</i> & more."],
        title=HOSTILE_TITLE,
        standfirst='<img src=x onerror="alert(2)">',
        domain="evil.example",
        published="2022-02-11",
        actors=[RUSSIA, USA, {"id": "a9", "name": "<b>Evil</b> Speaker", "kind": "person", "code": "RUSGOV"}],
        quotes=[{"text": HOSTILE_QUOTE, "kind": "direct", "find": HOSTILE_QUOTE, "speaker": "a9",
                 "speaker_name": "<b>Evil</b> Speaker", "cue": '"><script>alert(3)</script>'}],
        events=[{"source": "a1", "target": "a2", "cameo": "111", "goldstein": -2.0, "quad_class": 3, "negated": True,
                 "sentence": "Russia denied <i>everything</i> & more.", "find": "Russia denied <i>everything</i>"}],
        removed=["<iframe src=javascript:alert(4)></iframe>"],
        related=["<a href=javascript:alert(5)>click</a>"],
        source={"format": "html", "url": "javascript:alert(6)", "domain": "evil.example", "path": None, "record": None},
    )
    copy = make_record("copy-1", reply["body"], title="Washington offers Geneva meeting (wire copy)",
                       published="2022-03-06", domain="wire.example", duplicate_of="usa-rus-2")
    filler = [
        make_record(
            f"filler-{n:02d}",
            [f"Filler story {n} about routine diplomacy between Russia and the United States."],
            title=f"Routine diplomacy {n}",
            published=f"2021-{n % 12 + 1:02d}-15",
            actors=[RUSSIA, USA],
            events=[{"source": "a1", "target": "a2", "cameo": "042", "goldstein": 1.9, "quad_class": 1,
                     "negated": False, "sentence": f"Filler story {n} about routine diplomacy.",
                     "find": f"Filler story {n} about routine diplomacy"}],
        )
        for n in range(PAGE_SIZE + 5)
    ]
    return [story, reply, hostile, copy, *filler]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    with Store(path) as store:
        store.add_articles(records())
        store.add_errors([{"path": "bad.html", "record": None, "message": "could not decode"}])
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db), raise_server_exceptions=False)


def test_records_are_schema_valid() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema_path = Path(__file__).resolve().parents[2] / "shared" / "schema" / "article.schema.json"
    if not schema_path.exists():
        pytest.skip("../shared/schema is absent")
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    for record in records():
        jsonschema.validate(record, schema)
        for q in record["quotes"]:
            assert record["text"][q["start"]:q["end"]] == q["text"]


# ---- pages -----------------------------------------------------------------------------------

def test_overview(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "Overview" in r.text
    assert "Busiest dyads" in r.text and 'href="/dyads/RUS/USA"' in r.text
    assert "Sergey Ryabkov" in r.text and "Moscow rejects talks with Washington" in r.text
    assert "<b>34</b> articles" in r.text and "<b>33</b> stories" in r.text  # the copy counts once
    assert "/static/parley.css" in r.text


def test_search_articles_and_quotes(client: TestClient) -> None:
    r = client.get("/search", params={"q": "concessions"})
    assert r.status_code == 200
    assert "Moscow rejects talks with Washington" in r.text
    assert "<mark>concessions</mark>" in r.text  # snippet highlights the match
    assert "We see no basis for concessions" in r.text  # the quote section
    assert "Routine diplomacy" not in r.text


def test_search_filters(client: TestClient) -> None:
    by_site = client.get("/search", params={"domain": "news.example.com"}).text
    assert '<option value="wire.example">wire.example (1)</option>' in by_site
    assert "Washington offers Geneva meeting" in by_site and "Moscow rejects" not in by_site
    by_date = client.get("/search", params={"since": "2022-03-01", "until": "2022-03-31"}).text
    assert "Washington offers Geneva meeting" in by_date and "Moscow rejects" not in by_date
    assert "Routine diplomacy" not in by_date
    by_actor = client.get("/search", params={"q": "Geneva", "actor": "usa"}).text
    assert "Washington offers Geneva meeting" in by_actor
    none = client.get("/search", params={"q": "Geneva", "actor": "CHN"}).text
    assert "No articles match." in none


def test_search_pages(client: TestClient) -> None:
    first = client.get("/search").text
    assert first.count('class="headline"') == PAGE_SIZE
    assert 'rel="next"' in first and 'rel="prev"' not in first
    second = client.get("/search", params={"page": 2}).text
    assert second.count('class="headline"') == len(records()) - PAGE_SIZE
    assert 'rel="prev"' in second and 'rel="next"' not in second


@pytest.mark.parametrize("query", [{"since": "last week"}, {"page": "0"}, {"page": "x"}, {"actor": "R$S"},
                                   {"q": "x" * 500}])
def test_search_bad_parameters(client: TestClient, query: dict[str, str]) -> None:
    r = client.get("/search", params=query)
    assert r.status_code == 400
    assert "Traceback" not in r.text and "<h1>400</h1>" in r.text


def test_article_highlights_quotes_and_events(client: TestClient) -> None:
    r = client.get("/articles/rus-usa-1")
    assert r.status_code == 200
    html = r.text
    quote = re.search(r'<mark class="q s0"[^>]*data-quotes="0"[^>]*>([^<]*)</mark>', html)
    assert quote and quote.group(1) == "We see no basis for concessions"
    assert '<a class="chip s0" href="#q-0"' in html  # the speaker chip right after the quote
    assert re.search(r'<a class="chip s0" href="#q-0"[^>]*>Sergey Ryabkov</a>', html)
    assert 'id="quote-0"' in html and 'id="event-0"' in html and 'id="event-1"' in html
    assert re.search(r'<mark class="e" data-events="1"[^>]*>The United States imposed', html)
    # events table: codes, PLOVER, Goldstein, quad class, actors linked
    assert "<code>163</code>" in html and "SANCTION" in html and "-8.0" in html and "material conflict" in html
    assert 'href="/actors/RUSGOV"' in html and 'href="/actors/USAGOV"' in html
    assert "claimed by Sergey Ryabkov" in html and "“in February 2022”" in html
    # the boilerplate toggle
    assert '<details class="removed"' in html
    assert "Subscribe to our newsletter" in html and "Teaser: Kremlin hosts summit" in html
    assert "2 boilerplate line(s), 1 related teaser(s)" in html
    assert "Sergey Ryabkov in Moscow" in html and "Photo: Agency" in html  # caption


def test_article_labels_cameo_codes_when_taxonomy_present(client: TestClient) -> None:
    pytest.importorskip("parley.events.taxonomy")
    from parley.web.render import cameo_label

    label = cameo_label("163")
    if label is None:
        pytest.skip("taxonomy data not available")
    assert label in client.get("/articles/rus-usa-1").text


def test_article_republication_links_original(client: TestClient) -> None:
    html = client.get("/articles/copy-1").text
    assert 'href="/articles/usa-rus-2"' in html and "republication" in html
    assert "This story appeared 2 times" in html and "wire.example" in html and "earliest copy" in html
    assert "<td>+1 d</td>" in html
    assert "This story appeared" not in client.get("/articles/rus-usa-1").text


def test_actor_page(client: TestClient) -> None:
    r = client.get("/actors/rus")
    assert r.status_code == 200
    html = r.text
    assert "<code>RUS</code>" in html and "Russia" in html
    assert 'href="/dyads/RUS/USA"' in html  # the top partner, one click from the dyad
    assert "We see no basis for concessions" in html  # what they said
    assert "Russia will not agree to new talks" in html  # what they did
    assert "The United States imposed sweeping sanctions" in html  # what was done to them


def test_actor_pages_its_events(client: TestClient) -> None:
    first = client.get("/actors/RUS").text
    assert 'rel="next"' in first
    second = client.get("/actors/RUS", params={"page": 2}).text
    assert 'rel="prev"' in second


def test_dyad_page(client: TestClient) -> None:
    r = client.get("/dyads/RUS/USA")
    assert r.status_code == 200
    html = r.text
    for script in ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js"):
        assert f'src="/static/vendor/{script}"' in html
    spec_text = re.search(r'<script type="application/json" id="chart-spec">(.*?)</script>', html, re.S)
    assert spec_text
    spec = json.loads(spec_text.group(1))
    counts = spec["datasets"]["counts"]
    assert {c["d"] for c in counts} == {0, 1}
    sanction = next(c for c in counts if c["q"] == 4)
    assert sanction == {"s": "2022-02-01", "u": "2022-02-28", "d": 1, "q": 4, "n": 1}  # USA → RUS
    href = next(t["calculate"] for t in spec["vconcat"][0]["transform"] if t.get("as") == "href")
    assert href == ("'/dyads/' + (datum.d == 0 ? 'RUS/USA' : 'USA/RUS') + '?freq=month&since=' + datum.s + "
                    "'&until=' + datum.u + '#events'")
    assert all(t["g"] is not None for t in spec["datasets"]["tone"])
    # the data table and the event list stand in without JavaScript
    assert "Data table" in html and "Russia will not agree to new talks" in html


def test_dyad_events_behind_a_point(client: TestClient) -> None:
    html = client.get("/dyads/USA/RUS", params={"freq": "month", "since": "2022-02-01", "until": "2022-02-28"}).text
    assert "The United States imposed sweeping sanctions" in html
    assert "offered to meet Russia in Geneva" not in html  # an April event
    assert "all periods" in html
    year = client.get("/dyads/USA/RUS", params={"freq": "year"})
    spec = json.loads(re.search(r'id="chart-spec">(.*?)</script>', year.text, re.S).group(1))
    assert {c["s"] for c in spec["datasets"]["counts"]} == {"2021-01-01", "2022-01-01"}


def test_dyad_without_events(client: TestClient) -> None:
    r = client.get("/dyads/CHN/IND")
    assert r.status_code == 200 and "No dated events between these actors." in r.text


def test_quotes_explorer(client: TestClient) -> None:
    r = client.get("/quotes", params={"speaker": "ryabkov"})
    assert r.status_code == 200
    assert "We see no basis for concessions" in r.text and "Diplomacy is the only way" not in r.text
    everyone = client.get("/quotes").text
    assert 'href="/quotes?speaker=Antony%20Blinken"' in everyone
    by_actor = client.get("/quotes", params={"actor": "USA"}).text
    assert "Diplomacy is the only way forward" in by_actor and "concessions" not in by_actor


# ---- JSON API ----------------------------------------------------------------------------------

def test_api_summary(client: TestClient) -> None:
    body = client.get("/api/summary").json()
    assert body["articles"] == len(records()) and body["errors"] == 1
    assert {"source_code": "RUS", "target_code": "USA"}.items() <= body["dyads"][0].items()


def test_api_articles_paging(client: TestClient) -> None:
    first = client.get("/api/articles", params={"limit": 20}).json()
    assert len(first["items"]) == 20 and first["next_offset"] == 20
    assert "text" not in first["items"][0] and {"id", "title", "published", "snippet"} <= set(first["items"][0])
    rest = client.get("/api/articles", params={"limit": 20, "offset": 20}).json()
    assert len(rest["items"]) == len(records()) - 20 and rest["next_offset"] is None
    found = client.get("/api/articles", params={"q": "geneva", "domain": "news.example.com"}).json()
    assert [a["id"] for a in found["items"]] == ["usa-rus-2"]


def test_api_article(client: TestClient) -> None:
    record = client.get("/api/articles/rus-usa-1").json()
    assert record == next(r for r in records() if r["id"] == "rus-usa-1")
    missing = client.get("/api/articles/nope")
    assert missing.status_code == 404 and missing.json()["status"] == 404


def test_api_events_and_quotes(client: TestClient) -> None:
    events = client.get("/api/events", params={"source": "USA", "target": "RUS"}).json()["items"]
    assert [e["cameo"] for e in events] == ["036", "163"]
    assert client.get("/api/events", params={"code": "16"}).json()["items"][0]["plover"] == "SANCTION"
    quotes = client.get("/api/quotes", params={"speaker": "Blinken"}).json()["items"]
    assert [q["text"] for q in quotes] == ["Diplomacy is the only way forward"]
    speakers = client.get("/api/speakers").json()["items"]
    assert {s["name"] for s in speakers} == {"Sergey Ryabkov", "Antony Blinken", "<b>Evil</b> Speaker"}


def test_api_actor_and_dyad(client: TestClient) -> None:
    actor = client.get("/api/actors/USA").json()
    assert actor["code"] == "USA" and actor["partners"][0]["partner"] == "RUS"
    assert actor["counts"]["quotes"] == 1 and actor["quotes"][0]["speaker_name"] == "Antony Blinken"
    dyad = client.get("/api/dyads/RUS/USA", params={"freq": "quarter"}).json()
    assert dyad["freq"] == "quarter" and dyad["forward"] and dyad["reverse"]
    assert {"period", "events", "material_conflict", "goldstein"} <= set(dyad["reverse"][0])


@pytest.mark.parametrize(("path", "query"), [
    ("/api/articles", {"limit": "0"}), ("/api/articles", {"limit": "100000"}), ("/api/articles", {"offset": "-1"}),
    ("/api/events", {"code": "abc"}), ("/api/events", {"since": "2022-13"}), ("/api/dyads/RUS/USA", {"freq": "hour"}),
    ("/api/summary", {"top": "1000"}),
])
def test_api_rejects_bad_parameters(client: TestClient, path: str, query: dict[str, str]) -> None:
    r = client.get(path, params=query)
    assert r.status_code == 400
    assert r.headers["content-type"].startswith("application/json") and r.json()["status"] == 400


def test_openapi_documents_every_api_route(client: TestClient) -> None:
    doc = client.get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    documented = set(doc["paths"])
    assert documented == {"/api/summary", "/api/articles", "/api/articles/{article_id}", "/api/events",
                          "/api/quotes", "/api/speakers", "/api/actors/{code}", "/api/dyads/{source}/{target}"}
    for path, item in doc["paths"].items():
        names = {p["name"] for p in item["get"]["parameters"] if p["in"] == "path"}
        assert names == set(re.findall(r"{(\w+)}", path))
        ref = json.dumps(item["get"]["responses"]["200"])
        for name in re.findall(r"#/components/schemas/(\w+)", ref):
            assert name in doc["components"]["schemas"]
    limit = next(p for p in doc["paths"]["/api/articles"]["get"]["parameters"] if p["name"] == "limit")
    assert limit["schema"]["maximum"] == 200
    # every documented path answers
    for path in ("/api/articles/rus-usa-1", "/api/actors/RUS", "/api/dyads/RUS/USA"):
        assert client.get(path).status_code == 200


# ---- security -----------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/articles/xss-1", "/search?q=alert", "/quotes?speaker=Evil", "/actors/RUS",
                                  "/", "/search?domain=evil.example", "/dyads/RUS/USA"])
def test_article_content_is_escaped(client: TestClient, path: str) -> None:
    html = client.get(path).text
    assert "<script>alert" not in html and "<img src=x" not in html and "<iframe" not in html
    assert "<b>Evil</b>" not in html and "<a href=javascript" not in html and "<i>everything" not in html
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert all('src="/static/' in s or 'type="application/json"' in s for s in scripts)


def test_hostile_article_shows_as_text(client: TestClient) -> None:
    html = client.get("/articles/xss-1").text
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; Breaking &lt;b&gt;news&lt;/b&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # inside the highlighted quote
    assert "&lt;b&gt;Evil&lt;/b&gt; Speaker" in html
    assert "&lt;iframe src=javascript:alert(4)&gt;&lt;/iframe&gt;" in html
    assert 'href="javascript:' not in html and '<span class="url">javascript:alert(6)</span>' in html
    assert '<a class="url" href="https://example.org/rus-usa-1" rel="noopener noreferrer nofollow">' in (
        client.get("/articles/rus-usa-1").text)


def test_api_hostile_content_is_json(client: TestClient) -> None:
    r = client.get("/api/articles/xss-1")
    assert r.headers["content-type"].startswith("application/json")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.json()["title"] == HOSTILE_TITLE


def test_script_json_cannot_close_its_script() -> None:
    text = str(script_json({"x": "</script><script>alert(1)</script>", "y": "&\u2028"}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"x": "</script><script>alert(1)</script>", "y": "&\u2028"}


@pytest.mark.parametrize("path", [
    "/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py", "/static/vendor/..%2f..%2fapp.py",
    "/static/%2e%2e%2f%2e%2e%2fstore/db.py", "/static/..%5capp.py", "/static//etc/passwd", "/static/%2fetc%2fpasswd",
    "/static/vendor/../../templates/base.html", "/static/....//app.py",
])
def test_static_refuses_traversal(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code in (400, 404)
    assert "create_app" not in r.text and "root:" not in r.text and "{% block" not in r.text


def test_static_serves_bundled_vega(client: TestClient) -> None:
    r = client.get("/static/vendor/vega-embed.min.js")
    assert r.status_code == 200 and "vegaEmbed" in r.text
    assert client.get("/static/vendor/LICENSE.vega-lite").status_code == 200
    assert client.get("/static/parley.css").status_code == 200


@pytest.mark.parametrize("path", ["/articles/nope", "/nowhere", "/actors/R$S", "/dyads/RUS/U%20S", "/static/nope.js"])
def test_not_found_pages(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    assert "<h1>404</h1>" in r.text and "Traceback" not in r.text


def test_api_not_found_is_json(client: TestClient) -> None:
    r = client.get("/api/nowhere")
    assert r.status_code == 404 and r.json() == {"error": "There is nothing at this address.", "status": 404}


def test_server_errors_hide_details(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("secret internal detail /etc/parley")

    monkeypatch.setattr(Store, "summary", boom)
    client = TestClient(create_app(db), raise_server_exceptions=False)
    page = client.get("/")
    assert page.status_code == 500 and "<h1>500</h1>" in page.text
    assert "secret internal detail" not in page.text and "Traceback" not in page.text
    api = client.get("/api/summary")
    assert api.status_code == 500 and "secret" not in api.text and api.json()["status"] == 500


def test_security_headers(client: TestClient) -> None:
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY" and headers["referrer-policy"] == "no-referrer"


def test_host_header_guard(db: Path) -> None:
    app = create_app(db, allowed_hosts=["localhost", "127.0.0.1", "::1"])
    assert TestClient(app, base_url="http://rebound.example").get("/").status_code == 400
    assert TestClient(app, base_url="http://localhost:8000").get("/").status_code == 200
    assert TestClient(app, base_url="http://127.0.0.1:9").get("/api/summary").status_code == 200
    assert TestClient(app, base_url="http://[::1]:8000").get("/").status_code == 200


def test_store_is_opened_read_only(client: TestClient) -> None:
    opener = client.app.app.state.opener  # the Starlette app inside the Guard middleware
    assert opener._current is not None and opener._current.store.read_only
    with opener() as store:
        assert store.read_only
        with pytest.raises(StoreError, match="read-only"):
            store.add_articles(records()[:1])


@pytest.mark.parametrize("hold", [True, False])
def test_a_writer_is_not_kept_out_and_its_rows_show_when_it_is_done(tmp_path: Path, hold: bool) -> None:
    path = tmp_path / "live.duckdb"
    with Store(path) as store:
        store.add_articles(records()[:2])
    client = TestClient(create_app(path, hold=hold))
    assert client.get("/api/summary").json()["articles"] == 2
    assert "Washington offers Geneva meeting" in client.get("/").text
    with Store(path) as store:  # what `parley ingest` does, while the app serves
        store.add_articles(records()[2:5])
        assert client.get("/api/summary").json()["articles"] == 2  # the store as it was, not a 503
    assert client.get("/api/summary").json()["articles"] == 5  # the new file, not the cached summary
    opener = client.app.app.state.opener
    assert (opener._current is not None) == hold  # unheld, the file is closed between requests


def test_a_request_running_across_a_swap_finishes_on_the_version_it_started_with(tmp_path: Path) -> None:
    from parley.web.app import Opener

    path = tmp_path / "live.duckdb"
    with Store(path) as store:
        store.add_articles(records()[:2])
    opener = Opener(path)
    with opener() as slow:
        old = opener._current
        with Store(path) as store:
            store.add_articles(records()[2:5])
        with opener() as fresh:
            assert fresh.summary()["articles"] == 5 and opener._current is not old
        assert slow.summary()["articles"] == 2  # its version stays open while it is in use
    assert old is not None and old.retired and not old.users
    with pytest.raises(StoreError, match="closed"):
        old.store.summary()  # closed once its last request ended
    opener.close()


def test_serve_binds_loopback_and_guards_host(db: Path, monkeypatch: pytest.MonkeyPatch,
                                             caplog: pytest.LogCaptureFixture) -> None:
    import uvicorn

    from parley.web import serve

    calls: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    serve(str(db), "127.0.0.1", 8123)
    app, kw = calls[-1]
    assert kw["host"] == "127.0.0.1" and kw["port"] == 8123
    assert TestClient(app, base_url="http://evil.example").get("/").status_code == 400
    assert TestClient(app, base_url="http://localhost:8123").get("/").status_code == 200
    with caplog.at_level("WARNING"):
        serve(str(db), "0.0.0.0", 8124)
    assert "anyone who can reach this address can read the store" in caplog.text
    assert TestClient(calls[-1][0], base_url="http://192.0.2.1:8124").get("/").status_code == 200
    with pytest.raises(StoreError):
        serve(str(db) + ".missing")


def test_missing_store_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store there"):
        create_app(tmp_path / "missing.duckdb")


def test_methods_other_than_get_are_refused(client: TestClient) -> None:
    assert client.post("/api/articles", json={}).status_code == 405
    assert client.delete("/articles/rus-usa-1").status_code == 405


# ---- rendering helpers -------------------------------------------------------------------------

def test_annotate_overlapping_and_bad_spans() -> None:
    text = "Alpha beta gamma delta."
    quotes = [{"start": 6, "end": 16, "speaker": "a1", "speaker_name": "Zed"},
              {"start": 50, "end": 60, "speaker": "a2"}, {"start": 3, "end": 3}, {"start": "x", "end": 4}]
    events = [{"start": 0, "end": 10, "cameo": "010"}]
    html = str(annotate(text, quotes, events))
    assert re.sub(r"<[^>]+>", "", html.replace(">Zed<", "><")) == text  # the text survives, in order
    assert '<mark class="e" data-events="0"' in html and '>Alpha </mark>' in html
    assert '<mark class="q s0 e" data-quotes="0" data-events="0"' in html and ">beta</mark>" in html
    assert '<mark class="q s0" data-quotes="0"' in html and "> gamma</mark>" in html
    assert html.index(">Zed</a>") > html.index("> gamma</mark>")


def test_annotate_escapes() -> None:
    text = "<b>x</b> & y"
    html = str(annotate(text, [{"start": 0, "end": 8, "speaker_name": "<i>S</i>", "cue": '"x'}], []))
    assert "<b>" not in html and "<i>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html and "&amp; y" in html


def test_delay_format() -> None:
    from datetime import timedelta

    from parley.web.render import delay

    assert [delay(timedelta(days=2, hours=3)), delay(timedelta(minutes=45)), delay(timedelta(seconds=-10)),
            delay(timedelta(hours=1, minutes=5)), delay(None)] == ["+2 d 3 h", "+45 min", "-10 s", "+1 h 5 min", ""]


@pytest.mark.parametrize(("start", "freq", "end"), [
    ("2022-02-01", "month", "2022-02-28"), ("2024-02-01", "month", "2024-02-29"), ("2022-10-01", "quarter", "2022-12-31"),
    ("2022-11-01", "quarter", "2023-01-31"), ("2022-01-01", "year", "2022-12-31"), ("2022-01-03", "week", "2022-01-09"),
    ("2022-01-03", "day", "2022-01-03"),
])
def test_period_end(start: str, freq: str, end: str) -> None:
    from datetime import date

    assert period_end(date.fromisoformat(start), freq) == date.fromisoformat(end)


@pytest.mark.parametrize("share", [0.05, 0.3, 0.9])
def test_windowed_text_search_matches_one_scan(db: Path, monkeypatch: pytest.MonkeyPatch, share: float) -> None:
    from parley.web import queries

    filters: list[dict[str, Any]] = [{}, {"actor": "USA", "since": "2021-06"}, {"domain": "example.org"}]
    with Store(db, read_only=True) as store:
        def run() -> list[list[str]]:
            return [[r["id"] for r in queries.search_articles(store, q, limit=limit, offset=offset, **kw)]
                    for q in ("diplomacy", "Russia", "geneva", "nothing-matches") for kw in filters
                    for limit, offset in ((5, 0), (5, 5), (25, 0), (10, 20))]

        monkeypatch.setattr(queries, "WINDOW_MAX_ROWS", 0)  # one scan
        expected = run()
        assert any(len(ids) == 5 for ids in expected) and any(not ids for ids in expected)
        monkeypatch.setattr(queries, "WINDOW_MAX_ROWS", 1000)
        monkeypatch.setattr(queries, "WINDOW_MIN_ARTICLES", 0)
        monkeypatch.setattr(queries, "WINDOW_SHARE", share)
        assert queries._recent_cutoff(store) is not None
        assert run() == expected
