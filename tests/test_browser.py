"""The pages in a real Chromium (Debian's /usr/bin/chromium) through Playwright, fully offline."""

from __future__ import annotations

import json
import os
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page
from test_web_corpus import Corpus, build_store

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is missing (apt install chromium)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# SQLite only (a browser run per backend would double minutes of Chromium): test_web*.py run every
# page on both stores, and test_home_map_on_postgresql loads one page from PostgreSQL.
@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return build_store(tmp_path_factory.mktemp("browser") / "browser.db")


@contextmanager
def _serve(db_url: str) -> Iterator[str]:
    """The app over ``db_url`` on a free local port, offline (no tile server)."""
    import uvicorn

    from frontlines.web.app import create_app

    app = create_app(db_url, tiles="")
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        app.state.store.close()


@pytest.fixture(scope="module")
def base_url(corpus: Corpus) -> Iterator[str]:
    with _serve(corpus.db_url) as url:
        yield url


@dataclass
class Demo:
    db_url: str
    showcase_id: str  # the event whose page goes into the README: several outlets, reports disagreeing
    expected_id: str | None


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    """The bundled sample corpus through the whole pipeline (ingest, extract, fuse): the real demo."""
    from test_web_picture import demo_db_url

    from frontlines.store import EventFilter, Store

    url = demo_db_url()  # built once per test process, shared with the picture tests
    store = Store.open(url)
    try:
        events = list(store.iter_events())
        assert len(events) >= 30, f"the demo built only {len(events)} events"

        def rank(e: Any) -> tuple[int, int, int]:
            return (len({r.modality for r in e.reports}) > 1, len(e.outlets), len(e.reports))

        showcase = max((e for e in events if e.location is not None), key=rank)
        expected, _ = store.list_events(EventFilter(modality="expected"), page=1, per_page=1)
    finally:
        store.close()
    return Demo(url, showcase.id, expected[0].id if expected else None)


@pytest.fixture(scope="module")
def demo_url(demo: Demo) -> Iterator[str]:
    with _serve(demo.db_url) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield b
        b.close()


@pytest.fixture
def errors() -> list[str]:
    """Script errors and console errors of the page; any left at the end fail the test."""
    return []


@contextmanager
def _page(browser: Browser, base_url: str, errors: list[str]) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    outside: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    # The product works offline: any request that leaves this server fails the test.
    pg.on("request", lambda req: outside.append(req.url)
          if not req.url.startswith((base_url, "data:")) else None)
    yield pg
    context.close()
    assert not outside, f"requests outside the app: {outside}"
    assert not errors, f"browser errors: {errors}"


@pytest.fixture
def page(browser: Browser, base_url: str, errors: list[str]) -> Iterator[Page]:
    with _page(browser, base_url, errors) as pg:
        yield pg


@pytest.fixture
def demo_page(browser: Browser, demo_url: str, errors: list[str]) -> Iterator[Page]:
    with _page(browser, demo_url, errors) as pg:
        yield pg


def test_map_markers_popup_and_evidence(page: Page, base_url: str, corpus: Corpus) -> None:
    pg = page
    pg.goto(base_url + "/")
    markers = pg.locator("path.event-marker")
    markers.first.wait_for(state="attached", timeout=10_000)
    n_rows = pg.locator("#map-points tbody tr").count()
    assert n_rows >= 8
    assert markers.count() == n_rows
    # Facts are filled; what has not happened is hollow.
    hollow = pg.locator("path.event-marker.modality-hypothetical").first
    assert hollow.get_attribute("fill-opacity") == "0"
    assert hollow.get_attribute("stroke-dasharray")
    assert pg.locator("path.event-marker.modality-asserted").first.get_attribute("fill-opacity") == "0.85"
    assert pg.locator(".ref-label").count() > 0
    _wait_for_land(pg)

    row = pg.locator("#map-points tbody tr[data-place='Omdurman']")
    assert row.count() == 1
    event_id = row.get_attribute("data-id")

    # Click a marker; its popup opens with a link to the event page.
    marker = _marker_for(pg, event_id)
    marker.click()
    popup = pg.locator(".leaflet-popup-content")
    popup.wait_for(timeout=5_000)
    link = popup.locator(f"a[href='/events/{event_id}']")
    assert link.count() == 1
    assert "Omdurman" in link.inner_text()
    link.click()
    pg.wait_for_url(f"{base_url}/events/{event_id}")
    mark = pg.locator("blockquote.evidence mark").first
    assert "drone struck a crowded market in Omdurman" in mark.inner_text()
    assert mark.is_visible()
    assert pg.locator(".modality-box").inner_text().startswith("Modality:")


@pytest.mark.postgres
def test_home_map_on_postgresql(browser: Browser, errors: list[str], pg_server: Any) -> None:
    corpus = build_store(pg_server.new_schema(prefix="browser"))
    with _serve(corpus.db_url) as base, _page(browser, base, errors) as pg:
        pg.goto(base + "/")
        markers = pg.locator("path.event-marker")
        markers.first.wait_for(state="attached", timeout=10_000)
        n_rows = pg.locator("#map-points tbody tr").count()
        assert n_rows >= 8 and markers.count() == n_rows
        event_id = pg.locator("#map-points tbody tr[data-place='Omdurman']").get_attribute("data-id")
        pg.goto(f"{base}/events/{event_id}")
        assert "drone struck a crowded market in Omdurman" in pg.locator("blockquote.evidence mark").first.inner_text()


def _marker_for(pg: Page, event_id: str) -> Locator:
    """The marker of one event: markers are drawn in table order, except that asserted events are
    drawn last (on top of hollow ones at the same spot)."""
    index = pg.evaluate(
        """(id) => {
            const rows = [...document.querySelectorAll('#map-points tbody tr')].map(r => r.dataset);
            const order = rows.map((d, i) => ({d, i}));
            order.sort((a, b) => ((a.d.modality === 'asserted') - (b.d.modality === 'asserted')) || (a.i - b.i));
            return order.findIndex(o => o.d.id === id);
        }""",
        event_id,
    )
    return pg.locator("path.event-marker").nth(index)


def test_events_page_filter_form(page: Page, base_url: str) -> None:
    pg = page
    pg.goto(base_url + "/events")
    all_rows = pg.locator("tr.event-row").count()
    pg.select_option("select[name=event_type]", "Battles")
    pg.click("form.filters button[type=submit]")
    pg.wait_for_url("**/events?*event_type=Battles*")
    rows = pg.locator("tr.event-row")
    assert 0 < rows.count() < all_rows
    # The empty fields the form also sent are not errors.
    assert pg.locator("h1").inner_text() == "Events"


def test_error_pages_look_like_pages(page: Page, base_url: str, errors: list[str]) -> None:
    pg = page
    response = pg.goto(base_url + "/events/ffffffffffffffff")
    assert response.status == 404
    # Chromium logs the 404 response itself as a console error; that one is expected.
    errors[:] = [e for e in errors if "404" not in e]
    assert pg.locator("h1").inner_text() == "Not found"
    assert pg.locator("nav[aria-label=Main] a").count() >= 7


def _wait_for_land(pg: Page) -> None:
    """The country outlines come from the app itself and are drawn under the markers."""
    pg.wait_for_selector("#map[data-land-ready]", state="attached", timeout=10_000)
    assert pg.locator("path.land").count() > 150
    assert pg.locator("path.land-events").count() >= 1


def _visible_label_boxes(pg: Page) -> list[dict[str, float]]:
    return pg.evaluate(
        """() => [...document.querySelectorAll('#map .place-label, #map .ref-label')]
            .filter(n => n.style.visibility !== 'hidden')
            .map(n => { const r = n.getBoundingClientRect();
                        return {text: n.textContent, l: r.left, r: r.right, t: r.top, b: r.bottom}; })"""
    )


def test_demo_map_screenshot(demo_page: Page, demo_url: str) -> None:
    """The README's map: the bundled sample corpus, offline, with country outlines and no clutter."""
    pg = demo_page
    pg.goto(demo_url + "/")
    markers = pg.locator("path.event-marker")
    markers.first.wait_for(state="attached", timeout=10_000)
    assert markers.count() == pg.locator("#map-points tbody tr").count() >= 30
    _wait_for_land(pg)
    # A country's name shows on hovering its outline.
    land = pg.locator("path.land").first
    land.dispatch_event("mouseover", {"clientX": 5, "clientY": 5})
    # No two labels on the map overlap.
    boxes = _visible_label_boxes(pg)
    assert len(boxes) >= 5
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a["r"] <= b["l"] or b["r"] <= a["l"] or a["b"] <= b["t"] or b["b"] <= a["t"], (a, b)
    pg.mouse.move(1270, 890)  # no hover tooltip in the picture
    shot = ROOT / "docs" / "screenshot-map.png"
    shot.parent.mkdir(exist_ok=True)
    pg.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 30_000


def test_demo_event_screenshot(demo_page: Page, demo_url: str, demo: Demo) -> None:
    """The README's event page: modality and attribution first, then every report's evidence."""
    pg = demo_page
    pg.goto(f"{demo_url}/events/{demo.showcase_id}")
    marks = pg.locator("blockquote.evidence mark")
    assert marks.count() >= 2
    for i in range(marks.count()):
        assert marks.nth(i).inner_text().strip()
    assert pg.locator(".modality-box").inner_text().startswith("Modality:")
    assert pg.locator("ul.attributions li").count() >= 1
    # Links from the event to its place and actors.
    assert pg.locator("dl.fields a[href^='/places/']").count() >= 1
    height = pg.evaluate("document.documentElement.scrollHeight")
    shot = ROOT / "docs" / "screenshot-event.png"
    pg.screenshot(path=str(shot), full_page=True, clip={"x": 0, "y": 0, "width": 1280, "height": min(height, 1500)})
    assert shot.stat().st_size > 30_000


def test_demo_expected_event_never_reads_as_fact(demo_page: Page, demo_url: str, demo: Demo) -> None:
    if demo.expected_id is None:
        pytest.skip("the demo extracted no expected event")
    pg = demo_page
    pg.goto(f"{demo_url}/events/{demo.expected_id}")
    title = pg.locator("h1").inner_text()
    assert title.lstrip().startswith("Expected, not happened:"), title
    assert "not been established as having happened" in pg.locator(".modality-box").inner_text()
    assert pg.title().startswith("Expected, not happened:")
    with urllib.request.urlopen(f"{demo_url}/events/{demo.expected_id}.json") as r:
        assert json.load(r)["modality"] == "expected"
