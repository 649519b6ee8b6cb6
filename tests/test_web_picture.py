"""The situation picture on the web: control map, place/actor/outlet pages, alerts, contradictions,
sitreps, feeds and /about, on the demo store built from the bundled sample corpus, once on SQLite
and once on PostgreSQL (conftest's ``web_demo_url``)."""

from __future__ import annotations

import re
import tempfile
import warnings
from collections.abc import Iterator
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from frontlines.web.app import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

NOT_FACT = {"expected", "hypothetical"}


@lru_cache(maxsize=1)
def demo_db_url() -> str:
    """The sample corpus through the whole pipeline, built once per test process."""
    from frontlines.pipeline import build_demo
    from frontlines.settings import Settings
    from frontlines.store import Store

    url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='frontlines-webdemo-')) / 'demo.db'}"
    with Store.open(url) as store:
        summary = build_demo(store, Settings(db=url))
        assert summary is not None and not summary.errors, summary
    return url


def replay_demo(source_url: str, target_url: str) -> str:
    """The demo store again in the empty store at ``target_url``, written through the same Store
    calls as the pipeline (outlets, each document with its reports, fuse) with the reports read
    back from ``source_url``: a second backend without running the NLP pipeline twice."""
    from frontlines.pipeline import load_outlets_file, sample_corpus_dir
    from frontlines.store import Store

    with Store.open(source_url) as source, Store.open(target_url) as target:
        target.upsert_outlets(load_outlets_file(sample_corpus_dir() / "outlets.yaml"))
        for doc_id in sorted(source.document_infos()):
            doc = source.get_document(doc_id)
            assert doc is not None
            assert target.add_documents_with_reports([(doc, source.get_reports(doc_id))]) == (1, 0)
        target.fuse()
        # Same documents and reports give the same events, ids included, on either backend.
        assert [e.id for e in target.iter_events()] == [e.id for e in source.iter_events()]
    return target_url


@pytest.fixture(scope="module")
def app(web_demo_url: str, web_backend: str) -> Iterator[Any]:
    application = create_app(web_demo_url, tiles="")
    assert application.state.store.dialect == web_backend
    yield application
    application.state.store.close()


@pytest.fixture(scope="module")
def client(app: Any) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def pic(app: Any) -> Any:
    return app.state.pictures.get()


def _json(client: TestClient, url: str) -> Any:
    r = client.get(url)
    assert r.status_code == 200, (url, r.text[:500])
    assert r.headers["content-type"].startswith("application/json")
    return r.json()


def _html(client: TestClient, url: str) -> str:
    r = client.get(url)
    assert r.status_code == 200, (url, r.text[:500])
    assert r.headers["content-type"].startswith("text/html")
    return r.text


def test_every_new_route_and_its_twin(client: TestClient, pic: Any) -> None:
    day = pic.sitrep_days()[len(pic.sitrep_days()) // 2].isoformat()
    event_id = pic.contradictions[0].sides[0].event_id
    gid = next(iter(pic.control))
    pages = ["/", f"/?day={day}", "/alerts", "/contradictions", "/sitreps", f"/sitreps/{day}",
             f"/sitreps/{day}?period=weekly", f"/sitreps/{day}/print", f"/places/{gid}", "/places",
             f"/events/{event_id}", "/outlets", "/outlets/levant-wire", "/about",
             "/actors/islamic-state-iraq-and-the-levant"]
    for url in pages:
        assert "<main id=\"main\">" in _html(client, url)
    twins = ["/alerts.json", "/contradictions.json", "/sitreps.json", f"/sitreps/{day}.json",
             f"/sitreps/{day}.json?period=weekly", f"/control.json?day={day}", f"/places/{gid}.json",
             "/places.json", f"/events/{event_id}.json", "/outlets.json", "/outlets/levant-wire.json",
             "/actors/islamic-state-iraq-and-the-levant.json", "/events.json"]
    for url in twins:
        _json(client, url)
    for url in ["/feeds/sitreps.atom", "/feeds/alerts.atom"]:
        r = client.get(url)
        assert r.status_code == 200 and r.headers["content-type"].startswith("application/atom+xml")
    # Documented in the OpenAPI schema.
    paths = _json(client, "/openapi.json")["paths"]
    for p in ["/alerts.json", "/contradictions.json", "/sitreps.json", "/sitreps/{day}.json", "/control.json",
              "/feeds/alerts.atom", "/feeds/sitreps.atom"]:
        assert p in paths, p


def test_bad_sitrep_dates_are_404(client: TestClient) -> None:
    assert client.get("/sitreps/1999-01-01").status_code == 404
    assert client.get("/sitreps/not-a-date.json").status_code == 404
    assert client.get("/sitreps/2015-05-20?period=monthly").status_code in (404, 422)
    assert client.get("/?day=yesterday").status_code == 422


def test_ramadi_control_on_the_map_twin_and_place_page(client: TestClient, pic: Any) -> None:
    ramadi = next(gid for gid, cs in pic.control.items() if cs[0].place.name == "Ramadi")
    change = pic.control[ramadi][0]
    before = (change.date - timedelta(days=2)).isoformat()
    after = (change.date + timedelta(days=2)).isoformat()
    row_before = [r for r in _json(client, f"/control.json?day={before}")["places"] if r["geonameid"] == ramadi]
    row_after = next(r for r in _json(client, f"/control.json?day={after}")["places"] if r["geonameid"] == ramadi)
    assert not row_before or row_before[0]["actor"] != row_after["actor"]
    assert row_after["actor"] == change.gaining
    # The control table of the home page for that day, server-rendered.
    html = _html(client, f"/?day={after}")
    table = html[html.index('id="control-table"'):]
    assert f'data-geonameid="{ramadi}"' in table and change.gaining in table
    # The place page: taken by, from, status, dated, linked to its supporting events.
    page = _html(client, f"/places/{ramadi}")
    history = page[page.index('class="control-history"'):]
    assert "Taken by" in history and change.date.isoformat() in history and change.status in history
    for eid in change.event_ids:
        assert f'href="/events/{eid}"' in history
    data = _json(client, f"/places/{ramadi}.json")
    assert data["control"][0]["gaining"] == change.gaining


def test_expected_events_never_in_control_map_or_highlights(client: TestClient, pic: Any) -> None:
    modality = {e.id: e.modality for e in pic.events}
    assert any(m in NOT_FACT for m in modality.values()), "the demo should have expectations to test against"
    days = _json(client, "/sitreps.json")["daily"]
    for d in days:
        rep = _json(client, f"/sitreps/{d['day']}.json")
        for line in rep["highlights"] + [x for lines in rep["by_area"].values() for x in lines]:
            assert not any(modality.get(e) in NOT_FACT for e in line["event_ids"]), (d, line)
        for line in rep["outlook"]:
            assert all(modality.get(e) == "expected" for e in line["event_ids"]), line
    weekly = _json(client, f"/sitreps/{days[0]['day']}.json?period=weekly")
    for line in weekly["highlights"]:
        assert not any(modality.get(e) in NOT_FACT for e in line["event_ids"])
    for d in sorted({e.date for e in pic.events if e.date}):
        for row in _json(client, f"/control.json?day={d}")["places"]:
            assert not any(modality.get(e) in NOT_FACT for e in row["event_ids"]), row


def test_sitrep_page_links_every_sentence_and_marks_the_outlook(client: TestClient, pic: Any) -> None:
    day = next(d for d in pic.sitrep_days() if pic.sitrep(d, "daily").outlook)
    html = _html(client, f"/sitreps/{day}")
    for line in re.findall(r'<li class="sitrep-line[^"]*">(.*?)</li>', html, re.DOTALL):
        assert re.search(r'<a class="cite" href="/events/[0-9a-f]+"', line), line
    outlook = html[html.index('class="outlook"'):html.index('class="footnotes"')]
    assert "Expected — not happened" in outlook
    highlights = html[html.index('class="highlights"'):html.index('class="outlook"')]
    assert "Expected — not happened" not in highlights
    mailto = re.search(r'class="email-this" href="(mailto:[^"]+)"', html)
    assert mailto and "subject=" in mailto.group(1) and f"sitreps%2F{day}" in mailto.group(1)
    printed = _html(client, f"/sitreps/{day}/print")
    assert 'href="/static/print.css"' in printed and 'id="map"' not in printed
    assert 'class="footnotes"' in printed and f"/events/{pic.sitrep(day, 'daily').lines()[0].event_ids[0]}" in printed


def test_event_page_shows_credibility_and_contradictions(client: TestClient, pic: Any) -> None:
    c = next(x for x in pic.contradictions if len({s.event_id for s in x.sides}) >= 1)
    eid = c.sides[0].event_id
    html = _html(client, f"/events/{eid}")
    assert 'class="credibility-box"' in html and f'class="cred cred-{pic.credibility(eid).grade}"' in html
    block = html[html.index('class="contradictions"'):]
    assert block.count('<blockquote class="side') >= 2
    data = _json(client, f"/events/{eid}.json")
    assert data["credibility"]["grade"] == pic.credibility(eid).grade and data["credibility"]["reason"]
    assert any(x["id"] == c.id for x in data["contradictions"])
    listed = _json(client, "/events.json?per_page=5")["events"]
    assert all(e["credibility"] and e["credibility"]["reason"] for e in listed)
    assert 'class="cred cred-' in _html(client, "/events")
    assert c.summary.split(" ")[0] in _html(client, "/contradictions")


def test_lists_filter_and_paginate(client: TestClient, pic: Any) -> None:
    everything = _json(client, "/contradictions.json?per_page=500")
    assert everything["total"] == len(pic.contradictions)
    first = _json(client, "/contradictions.json?per_page=2")
    assert len(first["contradictions"]) == min(2, first["total"]) and (first["next"] or first["total"] <= 2)
    syria = _json(client, "/contradictions.json?country=SY&per_page=500")
    assert syria["total"] < everything["total"] and syria["filters"] == {"country": "SY"}
    alerts = _json(client, "/alerts.json")
    assert alerts["total"] == len(pic.alerts) and alerts["alerts"][0]["event_urls"]
    assert _json(client, "/alerts.json?until=2000-01-01")["total"] == 0


def test_actor_outlet_and_about_pages(client: TestClient, pic: Any) -> None:
    isis = "islamic-state-iraq-and-the-levant"
    data = _json(client, f"/actors/{isis}.json")
    assert any(c["place"]["name"] == "Ramadi" for c in data["gained"])
    assert "Gained (" in _html(client, f"/actors/{isis}")
    assert _json(client, f"/actors/{isis}.json?until=2015-05-01")["gained"] == []
    outlet = _json(client, "/outlets/levant-wire.json")
    assert outlet["record"]["n_reports"] > 0
    assert "Track record" in _html(client, "/outlets/levant-wire")
    about = _html(client, "/about")
    for needle in ["Actor dictionary", "Communities", "Event lexicon", "Country cue words", "confirmed_min_sources", "Non-state actor overtakes territory",
                   'href="/actors"', "hypothetical"]:
        assert needle in about, needle


def test_picture_is_cached_per_store_state(app: Any, client: TestClient) -> None:
    cache = app.state.pictures
    cache.get()
    builds = cache.builds
    for _ in range(3):
        _html(client, "/")
    assert cache.builds == builds
    # A changed grade changes credibility: the picture is rebuilt.
    store = app.state.store
    outlet = store.list_outlets()[0]
    store.upsert_outlets([{"name": outlet.name, "slug": outlet.slug, "grade": "E" if outlet.grade != "E" else "D"}])
    try:
        _html(client, "/")
        assert cache.builds == builds + 1
    finally:
        store.upsert_outlets([{"name": outlet.name, "slug": outlet.slug, "grade": outlet.grade}])


def test_week_ends_cover_the_record(pic: Any) -> None:
    from frontlines.web.situation import week_ends

    days = pic.sitrep_days()
    ends = week_ends(days)
    assert ends[0] == max(days) and ends[-1] - timedelta(days=6) <= min(days)
    assert all(isinstance(d, date) for d in ends)
