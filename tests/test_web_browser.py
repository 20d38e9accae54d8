"""The web UI in a real browser: Debian's Chromium driven by Playwright against a live uvicorn server.

Skips cleanly when the `playwright` package or a Chromium binary is absent (set PARLEY_CHROMIUM to
use another binary). Never downloads a browser. Screenshots go to artifacts/ (gitignored).
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_web import records  # the synthetic corpus of the TestClient tests (tests/ is on sys.path)

from parley.store import Store
from parley.web import create_app

sync_api = pytest.importorskip("playwright.sync_api")
uvicorn = pytest.importorskip("uvicorn")

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = os.environ.get("PARLEY_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
TIMEOUT_MS = 30_000

if not Path(CHROMIUM).exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set PARLEY_CHROMIUM)",
                allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A live server on a free loopback port, over a store of the synthetic corpus; yields its base URL."""
    db = tmp_path_factory.mktemp("browser") / "web.duckdb"
    with Store(db) as store:
        store.add_articles(records())
    port = _free_port()
    app = create_app(db, allowed_hosts=["127.0.0.1", "localhost"])
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the web server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as pw:
        try:
            chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        except Exception as exc:  # noqa: BLE001 - a browser that cannot start is an environment problem
            pytest.skip(f"Chromium at {CHROMIUM} would not start: {exc}")
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.problems = []  # console errors and uncaught exceptions, CSP violations included
    page.on("console", lambda msg: msg.type == "error" and page.problems.append(msg.text))
    page.on("pageerror", lambda exc: page.problems.append(str(exc)))
    yield page
    context.close()


def _shot(page, name: str) -> Path:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path


def test_dyad_chart_to_article_quote(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/dyads/RUS/USA")
    page.wait_for_selector("#chart[data-ready='true'] svg")
    bars = page.locator("#chart svg g.mark-rect path")
    assert bars.count() >= 3  # RUS→USA and USA→RUS bars
    assert page.locator("#chart svg g.mark-line path").count() >= 1  # the Goldstein lines
    _shot(page, "web-dyad.png")

    # the sanctions bar of USA → RUS (material conflict, February 2022) leads to its events
    sanctions = page.locator("#chart svg g.mark-rect path[fill='#d93025']")
    assert sanctions.count() == 1
    sanctions.click()
    page.wait_for_url(re.compile(r"/dyads/USA/RUS\?freq=month&since=2022-02-01&until=2022-02-28#events$"))
    events = page.locator("#events table.events")
    assert "The United States imposed sweeping sanctions" in events.inner_text()
    assert "offered to meet Russia in Geneva" not in events.inner_text()

    # one more click: the event's sentence in its article, with the quote and speaker beside it
    events.get_by_role("link", name=re.compile("imposed sweeping sanctions")).click()
    page.wait_for_url(re.compile(r"/articles/rus-usa-1#event-1$"))
    assert page.locator("mark.e.flash").first.is_visible()
    quote = page.locator("#text mark.q").first
    assert quote.is_visible() and quote.inner_text() == "We see no basis for concessions"
    chip = page.locator("#text a.chip").first
    assert chip.is_visible() and chip.inner_text() == "Sergey Ryabkov"
    background = quote.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")  # highlighted in the speaker's colour
    _shot(page, "web-article.png")

    # the boilerplate toggle
    removed = page.locator("details.removed")
    assert not removed.get_by_text("Subscribe to our newsletter").is_visible()
    removed.locator("summary").click()
    assert removed.get_by_text("Subscribe to our newsletter").is_visible()
    _shot(page, "web-article-removed.png")
    assert page.problems == []


def test_hostile_article_runs_no_script(server: str, page) -> None:  # type: ignore[no-untyped-def]
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{server}/articles/xss-1")
    assert HOSTILE in page.locator("h1").inner_text()
    page.goto(f"{server}/search?q=alert")
    page.wait_for_load_state("load")
    assert dialogs == []
    _shot(page, "web-search-hostile.png")


def test_overview_and_quotes(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/")
    page.get_by_role("link", name="RUS → USA").click()
    page.wait_for_selector("#chart[data-ready='true'] svg")
    page.goto(f"{server}/quotes?speaker=Ryabkov")
    assert "We see no basis for concessions" in page.locator("ol.quotes").inner_text()
    _shot(page, "web-quotes.png")
    page.goto(f"{server}/articles/copy-1")
    page.locator("details.copies summary").click()
    assert "earliest copy" in page.locator("details.copies").inner_text()
    _shot(page, "web-article-copies.png")
    page.goto(f"{server}/")
    _shot(page, "web-overview.png")
    assert page.problems == []


HOSTILE = '<script>alert("title")</script> Breaking <b>news</b>'
