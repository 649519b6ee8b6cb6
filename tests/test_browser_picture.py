"""The situation picture in a real Chromium: the time slider, sitrep evidence links, print view,
Atom feeds, and the screenshots of the closing note (docs/screenshot-*.png)."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import feedparser
import pytest
from playwright.sync_api import Browser, Page
from test_browser import CHROMIUM, ROOT, _page, _serve
from test_web_picture import demo_db_url

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not __import__("os").path.exists(CHROMIUM), reason=f"{CHROMIUM} is missing"),
]


# SQLite only: test_web_picture.py runs these routes on both stores; Chromium once is enough.
@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, Any]]:
    from frontlines.picture import build_picture
    from frontlines.store import Store

    url = demo_db_url()
    with Store.open(url) as store:
        pic = build_picture(store)
    with _serve(url) as base:
        yield base, pic


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser, served: tuple[str, Any]) -> Iterator[Page]:
    errors: list[str] = []
    with _page(browser, served[0], errors) as pg:
        yield pg


def _ramadi(pic: Any) -> tuple[int, Any]:
    gid = next(g for g, cs in pic.control.items() if cs[0].place.name == "Ramadi")
    return gid, pic.control[gid][0]


def _set_slider(pg: Page, day: str) -> None:
    days = pg.get_attribute("#day-slider", "data-days").split(",")
    pg.focus("#day-slider")
    # Keyboard only: Home, then the right arrow up to the day.
    pg.keyboard.press("Home")
    for _ in range(days.index(day)):
        pg.keyboard.press("ArrowRight")
    assert pg.inner_text("#day-label") == day


def _shade(pg: Page, gid: int) -> dict[str, str | None]:
    node = pg.locator(f"path.control-gid-{gid}")
    if node.count() == 0:
        return {"fill": None, "actor": None}
    return {"fill": node.get_attribute("fill"), "actor": node.get_attribute("data-actor")}


def test_time_slider_changes_the_shading_of_ramadi(page: Page, served: tuple[str, Any]) -> None:
    base, pic = served
    gid, change = _ramadi(pic)
    before = (change.date - timedelta(days=1)).isoformat()
    after = (change.date + timedelta(days=1)).isoformat()
    pg = page
    pg.goto(base + "/")
    pg.wait_for_selector(f"path.control-gid-{gid}", state="attached", timeout=10_000)
    _set_slider(pg, after)
    shade_after = _shade(pg, gid)
    assert shade_after["actor"] == change.gaining
    n_after = pg.locator("path.event-marker").count()
    assert pg.locator(f"#control-table tbody tr[data-geonameid='{gid}']").inner_text().count(change.gaining) == 1
    _set_slider(pg, before)
    shade_before = _shade(pg, gid)
    assert shade_before != shade_after, (shade_before, shade_after)
    assert shade_before["actor"] != change.gaining
    # Fewer events exist on the earlier day, and the visible date label says which day it is.
    assert pg.locator("path.event-marker").count() < n_after
    assert pg.get_attribute("#day-slider", "aria-valuetext") == before
    assert f"day={before}" in pg.url


def test_place_page_screenshot(page: Page, served: tuple[str, Any]) -> None:
    base, pic = served
    gid, _ = _ramadi(pic)
    pg = page
    pg.goto(f"{base}/places/{gid}")
    rows = pg.locator("table.control-history tbody tr")
    assert rows.count() >= 1 and "Taken by" in rows.first.inner_text()
    height = pg.evaluate("document.documentElement.scrollHeight")
    shot = ROOT / "docs" / "screenshot-place.png"
    pg.screenshot(path=str(shot), full_page=True, clip={"x": 0, "y": 0, "width": 1280, "height": min(height, 1100)})
    assert shot.stat().st_size > 30_000


def _busy_day(pic: Any) -> str:
    return max(pic.sitrep_days(), key=lambda d: (bool(pic.sitrep(d, "daily").outlook), len(pic.sitrep(d, "daily").highlights))).isoformat()


def test_sitrep_links_to_its_evidence_and_screenshot(page: Page, served: tuple[str, Any]) -> None:
    base, pic = served
    day = _busy_day(pic)
    pg = page
    pg.goto(f"{base}/sitreps/{day}")
    assert pg.locator(".outlook .expected-flag").inner_text() == "Expected — not happened"
    height = pg.evaluate("document.documentElement.scrollHeight")
    shot = ROOT / "docs" / "screenshot-sitrep.png"
    pg.screenshot(path=str(shot), full_page=True, clip={"x": 0, "y": 0, "width": 1280, "height": min(height, 1400)})
    assert shot.stat().st_size > 30_000
    cite = pg.locator(".highlights li.sitrep-line a.cite").first
    href = cite.get_attribute("href")
    cite.click()
    pg.wait_for_url(base + href)
    mark = pg.locator("blockquote.evidence mark").first
    assert mark.is_visible() and mark.inner_text().strip()
    colour = mark.evaluate("m => getComputedStyle(m).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")


def test_print_view_hides_navigation(page: Page, served: tuple[str, Any]) -> None:
    base, pic = served
    day = _busy_day(pic)
    pg = page
    pg.goto(f"{base}/sitreps/{day}")
    nav = pg.locator("nav[aria-label=Main]")
    assert nav.evaluate("n => getComputedStyle(n).display") != "none"  # on screen, the site's navigation
    pg.emulate_media(media="print")
    assert nav.evaluate("n => getComputedStyle(n).display") == "none"
    pg.goto(f"{base}/sitreps/{day}/print")
    for selector in ["nav[aria-label=Main]", "header.site", ".print-tools"]:
        assert pg.locator(selector).evaluate("n => getComputedStyle(n).display") == "none", selector
    assert pg.locator("#map").count() == 0
    assert pg.locator(".footnotes li").count() >= 1
    assert pg.locator(".sitrep").evaluate("n => getComputedStyle(n).display") != "none"


def test_atom_feeds_validate(served: tuple[str, Any]) -> None:
    base, pic = served
    with urllib.request.urlopen(base + "/feeds/sitreps.atom") as r:
        sitreps = feedparser.parse(r.read())
    assert sitreps.bozo == 0, sitreps.get("bozo_exception")
    days = sorted(pic.sitrep_days())
    assert len(sitreps.entries) == min(len(days), 60)
    assert {e.link for e in sitreps.entries} == {f"{base}/sitreps/{d.isoformat()}" for d in days[-60:]}
    assert all(e.title and e.content[0].value for e in sitreps.entries)
    with urllib.request.urlopen(base + "/feeds/alerts.atom") as r:
        raw = r.read()
    assert b"<georss:point>" in raw
    alerts = feedparser.parse(raw)
    assert alerts.bozo == 0, alerts.get("bozo_exception")
    assert len(alerts.entries) == len(pic.alerts) >= 1
    by_id = {f"{base}/alerts/{a.id}": a for a in pic.alerts}
    for entry in alerts.entries:
        alert = by_id[entry.id]
        assert alert.summary in entry.title
        lon, lat = entry.where["coordinates"]  # feedparser reads georss:point into GeoJSON order
        assert abs(lat - alert.lat) < 1e-3 and abs(lon - alert.lon) < 1e-3
