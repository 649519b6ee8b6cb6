"""The web app on a real store, SQLite and PostgreSQL: every page, its data twin, filters, errors, headers."""

from __future__ import annotations

import csv
import io
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_web_corpus import WIRE_TEXT, Corpus, build_store

from frontlines.records import EVENT_TYPES, SUB_EVENT_TYPES
from frontlines.web.app import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="session")
def corpus(web_corpus: Corpus) -> Corpus:
    """The shared corpus store, once on SQLite and once on PostgreSQL (see conftest)."""
    return web_corpus


@pytest.fixture(scope="session")
def client(corpus: Corpus) -> Iterator[TestClient]:
    app = create_app(corpus.db_url, tiles="")
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
    app.state.store.close()


def test_runs_on_the_backend_it_says(client: TestClient, web_backend: str) -> None:
    # Guards the fixtures: the PostgreSQL run must read PostgreSQL, not fall back to a file.
    assert client.app.state.store.dialect == web_backend  # type: ignore[attr-defined]


def _row_ids(html: str) -> list[str]:
    """Event ids in the order the page's events table lists them."""
    return re.findall(r'<tr class="event-row[^"]*" data-id="([0-9a-f]+)"', html)


def _json(client: TestClient, url: str) -> Any:
    r = client.get(url)
    assert r.status_code == 200, (url, r.text[:500])
    assert r.headers["content-type"].startswith("application/json")
    return r.json()


PAGES = ["/", "/events", "/places", "/actors", "/outlets", "/about",
         "/places/216281", "/actors/mountain-liberation-front", "/outlets/desert-post"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_with_nav_and_headers(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    html = r.text
    assert '<nav aria-label="Main">' in html and 'href="/about"' in html
    assert "<main id=\"main\">" in html
    # No external resources: every script and stylesheet comes from this server.
    assert not re.search(r'<(script|link)[^>]+(src|href)="(https?:)?//', html)
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"]
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_every_event_page_and_twin(client: TestClient, corpus: Corpus) -> None:
    for event_id in corpus.event_ids:
        page = client.get(f"/events/{event_id}")
        assert page.status_code == 200
        data = _json(client, f"/events/{event_id}.json")
        assert data["id"] == event_id and data["reports"]
        assert f'href="/events/{event_id}.json"' in page.text
        for report in data["reports"]:
            # The evidence sentence is highlighted inside its document's text.
            assert f"<mark>{_escape(report['evidence']['text'])}</mark>" in page.text
        assert f"Modality: <span class=\"modality modality-{data['modality']}\"" in page.text


def _escape(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def test_event_page_shows_context_sources_and_modality(client: TestClient, corpus: Corpus) -> None:
    events = _json(client, "/events.json")["events"]
    battle = next(e for e in events if e["sub_event_type"] == "Armed clash")
    html = client.get(battle["url"]).text
    assert 'href="https://northern-wire.example/front-claims-goma"' in html
    assert 'href="https://lakeside-courier.example/goma-assault"' in html
    assert 'href="/outlets/northern-wire"' in html
    assert "according to <strong>hospital staff</strong>" in html
    # Context around the evidence: the sentence before the claim in the wire story is shown too.
    assert _escape(WIRE_TEXT.split(". ")[0]) in html
    assert "reports range 12–15" in html
    hypothetical = next(e for e in _json(client, "/events.json?modality=hypothetical")["events"])
    html = client.get(hypothetical["url"]).text
    assert "has <em>not</em> been established" in html


def test_events_page_and_twins_agree(client: TestClient) -> None:
    data = _json(client, "/events.json?per_page=500")
    ids = [e["id"] for e in data["events"]]
    assert data["total"] == len(ids) and data["next"] is None
    assert _row_ids(client.get("/events?per_page=500").text) == ids
    rows = list(csv.DictReader(io.StringIO(client.get("/events.csv").text)))
    assert [r["event_id_cnty"] for r in rows] == ids
    geo = client.get("/events.geojson")
    assert geo.headers["content-type"].startswith("application/geo+json")
    placed = [e["id"] for e in data["events"] if e["location"]]
    assert [f["id"] for f in geo.json()["features"]] == placed
    assert len(placed) < len(ids)


def test_events_json_pagination(client: TestClient) -> None:
    everything = [e["id"] for e in _json(client, "/events.json")["events"]]
    first = _json(client, "/events.json?per_page=3")
    assert first["total"] == len(everything) and first["pages"] == -(-len(everything) // 3)
    assert first["next"] == "/events.json?per_page=3&page=2"
    seen = []
    url: str | None = "/events.json?per_page=3"
    while url:
        page = _json(client, url)
        seen += [e["id"] for e in page["events"]]
        url = page["next"]
    assert seen == everything
    html = client.get("/events?per_page=3&page=2").text
    assert _row_ids(html) == everything[3:6]
    assert 'rel="next" href="/events?per_page=3&amp;page=3"' in html


@pytest.mark.parametrize(
    ("query", "check"),
    [
        ("country=SD", lambda e: e["location"]["country_code"] == "SD"),
        ("country=cd", lambda e: e["location"]["country_code"] == "CD"),
        ("event_type=Battles", lambda e: e["event_type"] == "Battles"),
        ("modality=expected", lambda e: e["modality"] == "expected"),
        ("since=2025-02-01", lambda e: e["date"] >= "2025-02-01"),
        ("until=2025-01-14&since=2025-01-14", lambda e: e["date"] == "2025-01-14"),
        ("actor=mountain-liberation-front", lambda e: "Mountain Liberation Front" in
         (e["actor1"] or {}).get("name", "") + (e["actor2"] or {}).get("name", "")),
        ("actor=Rapid+Support+Forces", lambda e: False),  # only in a denial, not an event's actor
        ("outlet=northern-wire", lambda e: "Northern Wire" in e["outlets"]),
        ("outlet=Desert+Post", lambda e: "Desert Post" in e["outlets"]),
        ("admin1=29", lambda e: e["location"]["admin1"] == "29"),
    ],
)
def test_filters(client: TestClient, query: str, check: Any) -> None:
    everything = _json(client, "/events.json")
    data = _json(client, f"/events.json?{query}")
    assert all(check(e) for e in data["events"]), query
    if "Rapid" not in query:
        assert 0 < data["total"] < everything["total"], query
    # The page and the CSV twin apply the same filters.
    ids = [e["id"] for e in data["events"]]
    assert _row_ids(client.get(f"/events?{query}").text) == ids
    assert [r["event_id_cnty"] for r in csv.DictReader(io.StringIO(client.get(f"/events.csv?{query}").text))] == ids


def test_changed_since(client: TestClient) -> None:
    total = _json(client, "/events.json")["total"]
    assert _json(client, "/events.json?changed_since=2000-01-01T00:00:00Z")["total"] == total
    assert _json(client, "/events.json?changed_since=2999-01-01T00:00:00%2B00:00")["total"] == 0
    # An unencoded "+00:00" arrives as a space; it still means UTC.
    assert _json(client, "/events.json?changed_since=2999-01-01T00:00:00+00:00")["total"] == 0


def test_empty_form_fields_mean_no_filter(client: TestClient) -> None:
    total = _json(client, "/events.json")["total"]
    data = _json(client, "/events.json?since=&until=&country=&event_type=&modality=&actor=&per_page=")
    assert data["total"] == total


BAD = [
    ("since=2025-13-01", "since"),
    ("until=yesterday", "until"),
    ("since=2025-02-01&until=2025-01-01", "until"),
    ("country=XX", "country"),
    ("country=Syria", "country"),
    ("event_type=Wars", "event_type"),
    ("modality=maybe", "modality"),
    ("per_page=501", "per_page"),
    ("per_page=0", "per_page"),
    ("page=0", "page"),
    ("page=two", "page"),
    ("changed_since=last+week", "changed_since"),
]


@pytest.mark.parametrize(("query", "param"), BAD)
def test_bad_filters_are_422_with_a_message(client: TestClient, query: str, param: str) -> None:
    r = client.get(f"/events.json?{query}")
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert [d["loc"] for d in detail] == [["query", param]]
    assert param in detail[0]["msg"]
    page = client.get(f"/events?{query}")
    assert page.status_code == 422 and page.headers["content-type"].startswith("text/html")
    assert f"<code>{param}</code>" in page.text and "Traceback" not in page.text
    for twin in ("/events.csv", "/events.geojson", "/"):
        assert client.get(f"{twin}?{query}").status_code == 422


def test_per_page_500_is_allowed(client: TestClient) -> None:
    assert _json(client, "/events.json?per_page=500")["per_page"] == 500


@pytest.mark.parametrize(
    "path",
    ["/events/0000000000000000", "/events/0000000000000000.json", "/places/1", "/places/1.json",
     "/places/not-a-number", "/actors/nobody-at-all", "/actors/nobody-at-all.json",
     "/outlets/no-such-outlet", "/outlets/no-such-outlet.json", "/no/such/page"],
)
def test_unknown_is_404(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    if path.endswith(".json"):
        assert r.json()["detail"]
    else:
        assert r.headers["content-type"].startswith("text/html")
        assert "<h1>Not found</h1>" in r.text and '<nav aria-label="Main">' in r.text


def test_server_error_is_a_clean_page(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    store = client.app.state.store  # type: ignore[attr-defined]

    def broken() -> None:
        raise RuntimeError("secret internals /var/lib/db")

    monkeypatch.setattr(store, "list_places", broken)
    r = client.get("/places")
    assert r.status_code == 500
    assert "Server error" in r.text and "secret internals" not in r.text and "Traceback" not in r.text
    r = client.get("/places.json")
    assert r.status_code == 500 and "secret" not in r.text
    assert r.json()["detail"]


def test_places_and_twin(client: TestClient) -> None:
    data = _json(client, "/places.json")
    names = [p["name"] for p in data["places"]]
    assert data["total"] == len(names) == 4 and names[0] == "Goma"  # busiest first
    html = client.get("/places").text
    assert [n for n in re.findall(r'<a href="/places/\d+">([^<]+)</a>', html)] == names
    goma = _json(client, "/places/216281.json")
    assert goma["geonameid"] == 216281 and goma["n_events"] == len(goma["events"]) >= 5
    assert goma["event_types"]["Battles"] >= 2
    page = client.get("/places/216281").text
    assert "Control history" in page and "Non-state actor overtakes territory" in page
    assert set(_row_ids(page)) == {e["id"] for e in goma["events"]}


def test_actors_and_twin(client: TestClient) -> None:
    data = _json(client, "/actors.json")
    slugs = [a["slug"] for a in data["actors"]]
    assert "mountain-liberation-front" in slugs
    html = client.get("/actors").text
    assert re.findall(r'<a href="/actors/([a-z0-9-]+)">', html) == slugs
    front = _json(client, "/actors/mountain-liberation-front.json")
    assert front["inter"] == 2 and front["inter_label"] == "Rebel groups"
    assert front["n_events"] == len(front["events"])
    page = client.get("/actors/mountain-liberation-front").text
    assert set(_row_ids(page)) == {e["id"] for e in front["events"]}
    # Any spelling that slugifies the same finds the actor.
    assert client.get("/actors/Mountain-Liberation-Front.json").status_code == 200


def test_outlets_and_twin(client: TestClient) -> None:
    data = _json(client, "/outlets.json")
    by_slug = {o["slug"]: o for o in data["outlets"]}
    assert set(by_slug) == {"desert-post", "lakeside-courier", "northern-wire"}
    assert by_slug["desert-post"]["grade"] == "B" and by_slug["desert-post"]["n_documents"] == 2
    html = client.get("/outlets").text
    assert re.findall(r'<a href="/outlets/([a-z0-9-]+)">', html) == [o["slug"] for o in data["outlets"]]
    wire = _json(client, "/outlets/northern-wire.json")
    assert wire["events"] and all("Northern Wire" in e["outlets"] for e in wire["events"])
    assert set(_row_ids(client.get("/outlets/northern-wire").text)) == {e["id"] for e in wire["events"]}


def test_home_map_table_matches_events(client: TestClient) -> None:
    html = client.get("/").text
    assert '<script src="/static/leaflet/leaflet.js"></script>' in html
    assert '<script src="/static/map.js"></script>' in html
    assert 'id="map"' in html and 'data-reference="' in html
    table_ids = re.findall(r'<tr data-id="([0-9a-f]+)" data-lat=', html)
    placed = [e["id"] for e in _json(client, "/events.json")["events"] if e["location"]]
    assert table_ids == placed
    assert 'href="/events.geojson?limit=500"' in html
    # Filters pass through to the map and its twin.
    html = client.get("/?country=SD").text
    assert len(re.findall(r'<tr data-id="([0-9a-f]+)" data-lat=', html)) == 2
    assert 'href="/events.geojson?country=SD&amp;limit=500"' in html
    assert client.get("/static/leaflet/leaflet.css").status_code == 200
    assert client.get("/static/map.js").status_code == 200


def test_geojson_limit(client: TestClient) -> None:
    # The limit counts the newest events, as the home map does; unplaced ones are not features.
    newest = _json(client, "/events.json?per_page=3")["events"]
    features = client.get("/events.geojson?limit=3").json()["features"]
    assert [f["id"] for f in features] == [e["id"] for e in newest if e["location"]]
    assert client.get("/events.geojson?limit=0").status_code == 422


def test_about_has_taxonomy_and_modalities(client: TestClient) -> None:
    html = client.get("/about").text
    for event_type in EVENT_TYPES:
        assert _escape(event_type) in html
    for sub in SUB_EVENT_TYPES:
        assert _escape(sub) in html
    for modality in ("asserted", "claimed", "expected", "hypothetical", "denied"):
        assert f"modality-{modality}" in html
    assert "Known limits" in html


def test_openapi_documents_the_twins(client: TestClient) -> None:
    spec = _json(client, "/openapi.json")
    for path in ("/events.json", "/events.csv", "/events.geojson", "/events/{event_id}.json",
                 "/places.json", "/places/{geonameid}.json", "/actors.json", "/actors/{slug}.json",
                 "/outlets.json"):
        assert path in spec["paths"], path
    params = {p["name"] for p in spec["paths"]["/events.json"]["get"]["parameters"]}
    assert params >= {"since", "until", "country", "admin1", "event_type", "actor", "outlet", "modality",
                      "changed_since", "page", "per_page"}
    assert client.get("/docs").status_code == 200


def test_tiles_setting_widens_csp_only_for_the_tile_host(corpus: Corpus) -> None:
    app = create_app(corpus.db_url, tiles="https://{s}.tiles.example.org/{z}/{x}/{y}.png")
    with TestClient(app) as c:
        r = c.get("/")
        assert "img-src 'self' data: https://*.tiles.example.org;" in r.headers["content-security-policy"]
        assert 'data-tiles="https://{s}.tiles.example.org/{z}/{x}/{y}.png"' in r.text
        assert 'data-reference="[]"' in r.text
    app.state.store.close()


def test_tiles_from_environment(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTLINES_TILES", "https://tiles.example.net/{z}/{x}/{y}.png")
    app = create_app(corpus.db_url)
    assert app.state.tiles == "https://tiles.example.net/{z}/{x}/{y}.png"
    app.state.store.close()


def test_outlet_found_by_name_slug(store_url: str) -> None:
    from frontlines.records import Document
    from frontlines.store import Store

    url = store_url
    store = Store.open(url)
    store.upsert_outlets([{"name": "The Hill Gazette", "slug": "hillgaz", "domain": "hill.example"}])
    store.add_document(Document.from_text("Nothing happened today.", outlet="The Hill Gazette"))
    store.close()
    app = create_app(url)
    with TestClient(app) as c:
        assert c.get("/outlets/hillgaz").status_code == 200
        assert c.get("/outlets/the-hill-gazette.json").json()["slug"] == "hillgaz"
        # An empty store still renders every list page.
        for path in ("/", "/events", "/places", "/actors", "/events.json", "/events.geojson"):
            assert c.get(path).status_code == 200, path
    app.state.store.close()


def test_country_outlines_are_served_small_and_cached(client: TestClient) -> None:
    r = client.get("/static-data/countries.geojson")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/geo+json")
    assert "max-age" in r.headers["cache-control"]
    assert len(r.content) < 1_500_000
    data = r.json()
    assert data["type"] == "FeatureCollection" and len(data["features"]) > 150
    by_code = {f["properties"]["iso_a2"]: f for f in data["features"]}
    assert by_code["SD"]["properties"]["name"] == "Sudan"
    assert by_code["CD"]["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    for feature in data["features"]:
        polygons = feature["geometry"]["coordinates"]
        if feature["geometry"]["type"] == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            for ring in polygon:
                assert len(ring) >= 4 and ring[0] == ring[-1]
    again = client.get("/static-data/countries.geojson", headers={"If-None-Match": r.headers["etag"]})
    assert again.status_code == 304
    # The home page tells the map where to find them; with a tile server it does not need them.
    assert 'data-outlines="/static-data/countries.geojson"' in client.get("/").text


def test_events_pager_links_every_page(client: TestClient) -> None:
    html = client.get("/events?per_page=2").text
    total = _json(client, "/events.json?per_page=2")["pages"]
    assert total >= 3
    assert '<span aria-current="page">1</span>' in html
    assert f'href="/events?per_page=2&amp;page={total}"' in html
    assert 'rel="next" href="/events?per_page=2&amp;page=2"' in html


def test_page_window() -> None:
    from frontlines.web.present import page_window

    assert page_window(1, 1) == [1]
    assert page_window(1, 10) == [1, 2, 3, None, 10]
    assert page_window(6, 10) == [1, None, 4, 5, 6, 7, 8, None, 10]


def test_event_title_says_when_it_is_not_a_fact(client: TestClient) -> None:
    for modality, prefix in (("hypothetical", "Hypothetical, not happened:"), ("expected", "Expected, not happened:")):
        events = _json(client, f"/events.json?modality={modality}")["events"]
        assert events, modality
        html = client.get(events[0]["url"]).text
        assert f'<span class="title-modality">{prefix}</span>' in html
        assert re.search(rf"<title>{re.escape(prefix)}", html)
        assert "has <em>not</em> been established as having happened" in html
    asserted = _json(client, "/events.json?modality=asserted")["events"][0]
    html = client.get(asserted["url"]).text
    assert "title-modality" not in html and "Who says so" in html


@pytest.mark.postgres
def test_postgresql_answers_exactly_as_sqlite(pg_server: Any, tmp_path: Path) -> None:
    """Every data twin and page, byte for byte, from the same corpus on both stores: catches an
    order or a comparison that differs between the backends, which per-backend checks can miss."""
    urls = [build_store(tmp_path / "same.db").db_url, build_store(pg_server.new_schema()).db_url]
    answers = []
    for url in urls:
        app = create_app(url, tiles="")
        with TestClient(app, raise_server_exceptions=False) as c:
            if not answers:
                events = _json(c, "/events.json?per_page=500")["events"]
                paths = [*PAGES, "/events.json?per_page=500", "/events.csv", "/events.geojson", "/places.json",
                         "/actors.json", "/outlets.json", "/alerts.json", "/contradictions.json", "/sitreps.json",
                         "/events.json?per_page=2&page=2", "/events?country=cd&admin1=11",
                         "/events.json?outlet=Desert+Post", "/events.json?actor=the+front"]
                paths += [f"/events/{e['id']}{ext}" for e in events for ext in ("", ".json")]
                paths += [f"/places/{p['geonameid']}.json" for p in _json(c, "/places.json")["places"]]
                paths += [f"/actors/{a['slug']}.json" for a in _json(c, "/actors.json")["actors"]]
                paths += [f"/outlets/{o['slug']}.json" for o in _json(c, "/outlets.json")["outlets"]]
            answers.append({p: (r.status_code, r.text) for p in paths for r in [c.get(p)]})
        app.state.store.close()
    sqlite, postgresql = answers
    assert all(status == 200 for status, _ in sqlite.values())
    assert [p for p in paths if sqlite[p] != postgresql[p]] == []
