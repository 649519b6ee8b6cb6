"""The pages in a real Chromium (Debian's /usr/bin/chromium) through Playwright, fully offline."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

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


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return build_store(tmp_path_factory.mktemp("browser") / "browser.db")


@pytest.fixture(scope="module")
def base_url(corpus: Corpus) -> Iterator[str]:
    import uvicorn

    from frontlines.web.app import create_app

    app = create_app(corpus.db_url, tiles="")
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    app.state.store.close()


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


@pytest.fixture
def page(browser: Browser, base_url: str, errors: list[str]) -> Iterator[Page]:
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

    shot = ROOT / "docs" / "screenshot-map.png"
    shot.parent.mkdir(exist_ok=True)
    pg.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000

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
