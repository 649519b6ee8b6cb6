"""The web app: server-rendered pages, each with a data twin (``/events`` and ``/events.json``).

``create_app(db_url)`` opens the store once and returns a FastAPI app. Pages are Jinja2 templates
over the same store calls the JSON twins make; CSV and GeoJSON twins go through
``frontlines.export`` so a download equals what ``frontlines export`` writes.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from frontlines import __version__
from frontlines.export import MEDIA_TYPES, write_events
from frontlines.records import EVENT_TYPES, INTER_CODES, MODALITIES, TAXONOMY, slugify
from frontlines.store import EventFilter, Store
from frontlines.web import present
from frontlines.web.basemap import reference_points, world_outlines
from frontlines.web.evidence import evidence_snippet
from frontlines.web.picture_cache import PictureCache
from frontlines.web.query import MAX_PER_PAGE, EventQuery, event_query
from frontlines.web.response_cache import ResponseCache
from frontlines.web.situation import (
    add_situation_routes,
    contradictions_of,
    control_view,
    credibility_dict,
    credibility_of,
    parse_day,
    picture,
)

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
DATA_SUFFIXES = (".json", ".csv", ".geojson", ".jsonl", ".parquet", ".atom")
HOME_MAP_LIMIT = 500  # markers on the home map (newest first)
OUTLINES_URL = "/static-data/countries.geojson"
MAX_GEONAMEID = 2**31 - 1  # the store's column is a 32-bit integer on PostgreSQL
MAX_ID_CHARS = 64  # the store's event id column
# An export's ?limit= reaches SQL LIMIT: past 64 bits the drivers fail (PostgreSQL "bigint out of
# range", sqlite3 OverflowError), so a bound far above any store's size keeps that a 422.
MAX_EXPORT_LIMIT = 1_000_000_000
# /events.json counts matches only this far: a count over a million events costs more than the
# page itself. Past it the JSON says "total_exact": false and pages run on while they are full.
COUNT_LIMIT = 10_000

# Module level: with postponed annotations FastAPI resolves route annotations by global name.
Q = Annotated[EventQuery, Depends(event_query)]


# ---------------------------------------------------------------- security headers


class SecurityHeaders:
    """Adds the security headers to every response (pure ASGI, so streaming is untouched)."""

    def __init__(self, app: ASGIApp, tiles: str | None = None) -> None:
        self.app = app
        img = "'self' data:"
        if tiles:
            # The tile server is the one outside origin the page may load images from.
            parts = urlsplit(tiles)
            if parts.scheme in {"http", "https"} and parts.netloc:
                img += f" {parts.scheme}://{parts.netloc.replace('{s}', '*')}"
        self.csp = (
            f"default-src 'self'; img-src {img}; style-src 'self'; script-src 'self'; "
            "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
        )
        # Swagger UI (/docs) loads its assets from a CDN and runs an inline script.
        self.docs_csp = (
            "default-src 'self'; img-src 'self' data: https://fastapi.tiangolo.com; "
            "style-src 'self' https://cdn.jsdelivr.net; "
            "script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; frame-ancestors 'none'"
        )

    def headers(self, path: str) -> list[tuple[bytes, bytes]]:
        csp = self.docs_csp if path.startswith(("/docs", "/redoc")) else self.csp
        return [
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"strict-origin-when-cross-origin"),
            (b"x-frame-options", b"DENY"),
            (b"content-security-policy", csp.encode()),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = self.headers(scope.get("path", ""))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)


# ---------------------------------------------------------------- helpers


def _wants_data(request: Request) -> bool:
    path = request.url.path
    return path.endswith(DATA_SUFFIXES) or path.startswith("/openapi")


def _store(request: Request) -> Store:
    return request.app.state.store


def _templates(request: Request) -> Jinja2Templates:
    return request.app.state.templates


def _page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return _templates(request).TemplateResponse(request, name, context, status_code=status_code)


def _not_found(what: str) -> StarletteHTTPException:
    return StarletteHTTPException(status_code=404, detail=f"No {what} here.")


def _export_response(events: Iterator[Any], fmt: str, filename: str) -> StreamingResponse:
    """Write an export to a spooled temp file (memory up to 8 MB, then disk) and stream it back.

    Writing first, inside the request's worker thread, keeps the store's iterator and its
    database connection on one thread, and a failure becomes a clean 500 instead of a cut-off file.
    """
    # Not a with-block: the response's generator owns the file and closes it when done.
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    write_events(events, fmt, spool)  # type: ignore[arg-type]
    spool.seek(0)

    def chunks() -> Iterator[bytes]:
        try:
            while block := spool.read(64 * 1024):
                yield block
        finally:
            spool.close()

    headers = {"Content-Disposition": f'inline; filename="{filename}"'}
    return StreamingResponse(chunks(), media_type=MEDIA_TYPES[fmt], headers=headers)


def _events_page_data(store: Store, q: EventQuery, count_limit: int | None = None) -> dict[str, Any]:
    events, total = store.list_events(q.filter, page=q.page, per_page=q.per_page, count_limit=count_limit)
    exact = count_limit is None or total < count_limit
    pages = max(1, -(-total // q.per_page))
    if not exact and len(events) == q.per_page:
        pages = max(pages, q.page + 1)  # more may follow; the count stopped short of them
    return {
        "events": events,
        "total": total,
        "total_exact": exact,
        "page": q.page,
        "per_page": q.per_page,
        "pages": pages,
        "next": q.url("/events.json", page=q.page + 1) if q.page < pages else None,
        "prev": q.url("/events.json", page=q.page - 1) if q.page > 1 else None,
    }


# ---------------------------------------------------------------- the app


def create_app(db_url: str, tiles: str | None = None) -> FastAPI:
    """The web app over the store at ``db_url``.

    ``tiles`` is an optional tile URL template for the map (``https://{s}.tile.../{z}/{x}/{y}.png``);
    without it (the default, and ``FRONTLINES_TILES`` unset) the map works fully offline.
    """
    if tiles is None:
        tiles = os.environ.get("FRONTLINES_TILES") or None
    store = Store.open(db_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()  # release pooled connections; the engine reconnects if the app restarts

    app = FastAPI(
        lifespan=lifespan,
        title="Frontlines",
        version=__version__,
        description="Events of armed conflict read from news reports, each with its sources and evidence.",
    )
    app.state.store = store
    app.state.pictures = PictureCache(store)
    app.state.tiles = tiles
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(
        colour=present.colour,
        inter_label=present.inter_label,
        country_name=present.country_name,
        outlet_slug=present.outlet_slug,
        slugify=slugify,
        EVENT_TYPES=EVENT_TYPES,
        EVENT_COLOURS=present.EVENT_COLOURS,
        MODALITIES=MODALITIES,
        MODALITY_TEXT=present.MODALITY_TEXT,
        MODALITY_DASH=present.MODALITY_DASH,
        MODALITY_FILL=present.MODALITY_FILL,
        TAXONOMY=TAXONOMY,
        INTER_CODES=INTER_CODES,
        TERRITORY_SUBTYPES=present.TERRITORY_SUBTYPES,
        headline=present.headline,
        what=present.what,
        grade_label=present.grade_label,
        area_kind=present.area_kind,
        GRADE_TEXT=present.GRADE_TEXT,
        MODALITY_HEADLINE=present.MODALITY_HEADLINE,
        PRECISION_TEXT=present.PRECISION_TEXT,
        CREDIBILITY_TEXT=present.CREDIBILITY_TEXT,
        CONTROL_STATUS_TEXT=present.CONTROL_STATUS_TEXT,
        CONTESTED_COLOUR=present.CONTESTED_COLOUR,
        credibility_label=present.credibility_label,
        change_kind=present.change_kind,
        version=__version__,
    )
    app.state.templates = templates

    import xstatic.pkg.leaflet

    app.mount("/static/leaflet", StaticFiles(directory=xstatic.pkg.leaflet.BASE_DIR), name="leaflet")
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.add_middleware(ResponseCache, store=store)  # inside SecurityHeaders: kept answers get them too
    app.add_middleware(SecurityHeaders, tiles=tiles)
    _add_error_handlers(app)
    _add_routes(app)
    return app


def serving_app(db_url: str) -> FastAPI:
    """``create_app`` for a server process (``frontlines serve``). What is loaded by then
    (libraries, app, templates) lives as long as the process: frozen, it is left out of garbage
    collections, whose full passes over it would stop every request for a tenth of a second now
    and then."""
    app = create_app(db_url)
    gc.collect()
    gc.freeze()
    return app


def app_from_env() -> FastAPI:
    """``serving_app`` over the store the settings name (``FRONTLINES_DB``): the factory each
    process of ``frontlines serve --workers N`` calls."""
    from frontlines.settings import load_settings

    return serving_app(load_settings().db)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if exc.status_code < 500 else "Something went wrong on our side."
        if _wants_data(request):
            return JSONResponse({"detail": message}, status_code=exc.status_code, headers=exc.headers)
        return _page(request, "error.html", status_code=exc.status_code, status=exc.status_code, message=message)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        errors = [
            {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
            for e in exc.errors()
        ]
        if _wants_data(request):
            return JSONResponse({"detail": errors}, status_code=422)
        return _page(request, "error.html", status_code=422, status=422, message="Bad query parameters.", errors=errors)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path)
        message = "Something went wrong on our side; the error has been logged."
        if _wants_data(request):
            response: Response = JSONResponse({"detail": message}, status_code=500)
        else:
            response = _page(request, "error.html", status_code=500, status=500, message=message)
        # This handler runs outside the middleware stack, so it sets the headers itself.
        for name, value in SecurityHeaders(app, request.app.state.tiles).headers(request.url.path):
            response.headers[name.decode()] = value.decode()
        return response


def _add_routes(app: FastAPI) -> None:
    """Every route in one place, pages next to their twins."""
    # ---- home: map + latest
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(
        request: Request,
        q: Q,
        day: Annotated[str | None, Query(description="shade places by who held them on this date")] = None,
    ) -> Response:
        store = _store(request)
        pic = picture(request)
        control = control_view(pic, parse_day(day))
        events, total = store.list_events(q.filter, page=1, per_page=HOME_MAP_LIMIT)
        points = present.map_points(events)
        tiles = request.app.state.tiles
        countries = {e.location.place.country_code for e in events if e.location}
        refs = [] if tiles else [r.to_dict() for r in reference_points(countries)]
        return _page(
            request,
            "index.html",
            q=q,
            total=total,
            shown=len(events),
            points=points,
            latest=events[:15],
            limit=HOME_MAP_LIMIT,
            tiles=tiles,
            refs_json=json.dumps(refs),
            outlines_url="" if tiles else OUTLINES_URL,
            event_countries=",".join(sorted(c for c in countries if c)),
            geojson_url=q.url("/events.geojson", limit=HOME_MAP_LIMIT),
            control=control,
            control_json=json.dumps(
                {"days": [d.isoformat() for d in control.days], "snapshots": control.snapshots,
                 "colours": control.colours, "contested": present.CONTESTED_COLOUR}
            ),
            cred=_cred(pic),
        )

    # ---- offline base map: country outlines, built once per process, cached by the browser
    @app.get(OUTLINES_URL, include_in_schema=False)
    def countries_geojson(request: Request) -> Response:
        body = world_outlines()
        etag = _outlines_etag()
        headers = {"Cache-Control": "public, max-age=86400", "ETag": etag}
        if etag in request.headers.get("if-none-match", ""):
            return Response(status_code=304, headers=headers)
        return Response(body, media_type="application/geo+json", headers=headers)

    # ---- events
    @app.get("/events.json", summary="Events (paginated), newest first")
    def events_json(request: Request, q: Q) -> dict[str, Any]:
        store = _store(request)
        data = _events_page_data(store, q, count_limit=COUNT_LIMIT)
        # A big store's picture is not built inside a request: credibility is left out (null).
        pic = picture(request) if request.app.state.pictures.affordable() else None
        data["events"] = [
            {
                **present.event_summary(e),
                "credibility": credibility_dict(credibility_of(pic, e.id)) if pic is not None else None,
            }
            for e in data["events"]
        ]
        data["filters"] = q.filters_only
        return data

    @app.get("/events.csv", summary="Events as CSV with ACLED column names (all matching events)")
    def events_csv(
        request: Request,
        q: Q,
        limit: Annotated[int | None, Query(ge=1, le=MAX_EXPORT_LIMIT, description="at most this many events")] = None,
    ) -> StreamingResponse:
        return _export_response(_limited(_store(request).iter_events(q.filter), limit), "csv", "events.csv")

    @app.get("/events.geojson", summary="Events with a location as a GeoJSON FeatureCollection")
    def events_geojson(
        request: Request,
        q: Q,
        limit: Annotated[
            int | None, Query(
                ge=1, le=MAX_EXPORT_LIMIT,
                description="only the newest this many events (those without a place are left out)",
            )
        ] = None,
    ) -> StreamingResponse:
        # The limit goes to the store: it reads only the newest ``limit`` ids, not every match.
        return _export_response(
            _limited(_store(request).iter_events(q.filter, limit=limit), limit), "geojson", "events.geojson"
        )

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(request: Request, q: Q) -> Response:
        data = _events_page_data(_store(request), q)
        return _page(
            request,
            "events.html",
            q=q,
            cred=_cred(picture(request)),
            max_per_page=MAX_PER_PAGE,
            next_url=q.url("/events", page=q.page + 1) if data["next"] else None,
            prev_url=q.url("/events", page=q.page - 1) if data["prev"] else None,
            page_links=[
                (n, q.url("/events", page=n) if n else None) for n in present.page_window(q.page, data["pages"])
            ],
            **{k: v for k, v in data.items() if k not in {"next", "prev"}},
        )

    @app.get("/events/{event_id}.json", summary="One event with every supporting report")
    def event_json(request: Request, event_id: str) -> dict[str, Any]:
        event = _store(request).get_event(event_id) if _plausible_id(event_id) else None
        if event is None:
            raise _not_found("event with this id")
        pic = picture(request)
        return {
            **event.to_dict(),
            "credibility": credibility_dict(credibility_of(pic, event.id)),
            "contradictions": [present.jsonable(c) for c in contradictions_of(pic, event.id)],
        }

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: str) -> Response:
        store = _store(request)
        event = store.get_event(event_id) if _plausible_id(event_id) else None
        if event is None:
            raise _not_found("event with this id")
        sources = []
        docs: dict[str, Any] = {}
        for report in event.reports:
            doc_id = report.evidence.doc_id
            if doc_id not in docs:
                docs[doc_id] = store.get_document(doc_id)
            doc = docs[doc_id]
            sources.append(
                {
                    "report": report,
                    "doc": doc,
                    "snippet": evidence_snippet(doc.text if doc else None, report.evidence),
                    "outlet": (doc.outlet if doc else None)
                    or (report.attribution.outlet if report.attribution else None),
                }
            )
        grades = {o.name: o for o in store.list_outlets()}
        voices = present.voices(
            event.reports,
            [src["outlet"] for src in sources],
            [src["doc"].published if src["doc"] else None for src in sources],
        )
        return _page(
            request,
            "event.html",
            event=event,
            sources=sources,
            voices=voices,
            attributions=present.attributions(voices),
            counts=present.modality_counts(event.reports),
            outlet_info=grades,
            credibility=credibility_of(picture(request), event.id),
            contradictions=contradictions_of(picture(request), event.id),
        )

    # ---- places
    @app.get("/places.json", summary="Places with events, and who holds each as of the last day of the record")
    def places_json(request: Request) -> dict[str, Any]:
        pic = picture(request)
        held = _held_now(pic)
        places = [
            {**present.place_dict(p), "control": held.get(p.place.geonameid)} for p in _store(request).list_places()
        ]
        return {"total": len(places), "places": places}

    @app.get("/places", response_class=HTMLResponse, include_in_schema=False)
    def places_page(request: Request) -> Response:
        return _page(request, "places.html", places=_store(request).list_places(), held=_held_now(picture(request)))

    @app.get("/places/{geonameid:int}.json", summary="One place, its control history and its events")
    def place_json(request: Request, geonameid: int) -> dict[str, Any]:
        store = _store(request)
        summary = store.get_place(geonameid) if 0 <= geonameid <= MAX_GEONAMEID else None
        if summary is None:
            raise _not_found("place with this GeoNames id")
        events, _ = store.list_events(EventFilter(geonameid=geonameid), page=1, per_page=MAX_PER_PAGE)
        pic = picture(request)
        return {
            **present.place_dict(summary),
            "control": [present.jsonable(c) for c in pic.control.get(geonameid, [])],
            "events": [present.event_summary(e) for e in events],
        }

    @app.get("/places/{geonameid:int}", response_class=HTMLResponse, include_in_schema=False)
    def place_page(request: Request, geonameid: int) -> Response:
        store = _store(request)
        summary = store.get_place(geonameid) if 0 <= geonameid <= MAX_GEONAMEID else None
        if summary is None:
            raise _not_found("place with this GeoNames id")
        events, total = store.list_events(EventFilter(geonameid=geonameid), page=1, per_page=MAX_PER_PAGE)
        pic = picture(request)
        history = list(pic.control.get(geonameid, []))
        return _page(
            request, "place.html", summary=summary, events=events, total=total, history=history,
            events_by_id=_event_index(pic), cred=_cred(pic), held=_held_now(pic).get(geonameid),
        )

    # ---- actors
    @app.get("/actors.json", summary="Actors named in events")
    def actors_json(request: Request) -> dict[str, Any]:
        actors = [present.actor_dict(a) for a in _store(request).list_actors()]
        return {"total": len(actors), "actors": actors}

    @app.get("/actors", response_class=HTMLResponse, include_in_schema=False)
    def actors_page(request: Request) -> Response:
        return _page(request, "actors.html", actors=_store(request).list_actors())

    @app.get("/actors/{slug}.json", summary="One actor: places gained and lost, and its events")
    def actor_json(request: Request, slug: str, q: Q) -> dict[str, Any]:
        store = _store(request)
        summary = store.get_actor(slug)
        if summary is None:
            raise _not_found("actor with this name")
        events, _ = store.list_events(EventFilter(actor=summary.slug), page=1, per_page=MAX_PER_PAGE)
        gained, lost = _gains(picture(request), summary.name, q)
        return {
            **present.actor_dict(summary),
            "gained": [present.jsonable(c) for c in gained],
            "lost": [present.jsonable(c) for c in lost],
            "events": [present.event_summary(e) for e in events],
        }

    @app.get("/actors/{slug}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(request: Request, slug: str, q: Q) -> Response:
        store = _store(request)
        summary = store.get_actor(slug)
        if summary is None:
            raise _not_found("actor with this name")
        events, total = store.list_events(EventFilter(actor=summary.slug), page=1, per_page=MAX_PER_PAGE)
        pic = picture(request)
        gained, lost = _gains(pic, summary.name, q)
        return _page(
            request, "actor.html", summary=summary, events=events, total=total, gained=gained, lost=lost,
            q=q, cred=_cred(pic), events_by_id=_event_index(pic),
        )

    # ---- outlets (also the "links" page: the outlets followed, with their grades)
    @app.get("/outlets.json", summary="Outlets (publishers), their grades and track records")
    def outlets_json(request: Request) -> dict[str, Any]:
        pic = picture(request)
        outlets = [
            {**present.outlet_dict(o), "record": present.jsonable(_record(pic, o.slug))}
            for o in _store(request).list_outlets()
        ]
        return {"total": len(outlets), "outlets": outlets}

    @app.get("/outlets", response_class=HTMLResponse, include_in_schema=False)
    def outlets_page(request: Request) -> Response:
        pic = picture(request)
        outlets = _store(request).list_outlets()
        return _page(request, "outlets.html", outlets=outlets, records={o.slug: _record(pic, o.slug) for o in outlets})

    @app.get("/outlets/{slug}.json", summary="One outlet, its grade and record, and the events it reported")
    def outlet_json(request: Request, slug: str) -> dict[str, Any]:
        store = _store(request)
        summary = _find_outlet(store, slug)
        events, _ = store.list_events(EventFilter(outlet=summary.slug), page=1, per_page=MAX_PER_PAGE)
        return {
            **present.outlet_dict(summary),
            "record": present.jsonable(_record(picture(request), summary.slug)),
            "events": [present.event_summary(e) for e in events],
        }

    @app.get("/outlets/{slug}", response_class=HTMLResponse, include_in_schema=False)
    def outlet_page(request: Request, slug: str) -> Response:
        store = _store(request)
        summary = _find_outlet(store, slug)
        events, total = store.list_events(EventFilter(outlet=summary.slug), page=1, per_page=MAX_PER_PAGE)
        pic = picture(request)
        return _page(
            request, "outlet.html", summary=summary, events=events, total=total,
            record=_record(pic, summary.slug), cred=_cred(pic),
        )

    # ---- methodology
    @app.get("/about", response_class=HTMLResponse, include_in_schema=False)
    def about(request: Request) -> Response:
        from frontlines.web.methodology import data_files, grading_rules

        grading_file, grading, grading_sections = grading_rules()
        return _page(
            request, "about.html", data_files=data_files(), grading=grading, grading_file=grading_file,
            grading_sections=grading_sections,
            n_actors=len(_store(request).list_actors()),
        )

    add_situation_routes(app, _page)


def _cred(pic: Any) -> Any:
    """What the events tables call for an event's credibility (None when it has none)."""
    return lambda event_id: credibility_of(pic, event_id)


def _event_index(pic: Any) -> dict[str, Any]:
    from frontlines.web.situation import event_index

    return event_index(pic)


def _held_now(pic: Any) -> dict[int, dict[str, Any]]:
    """Who holds each place as of the last day of the record, by GeoNames id."""
    view = control_view(pic, None)
    return {int(r["geonameid"]): r for r in view.rows}


def _gains(pic: Any, actor: str, q: EventQuery) -> tuple[list[Any], list[Any]]:
    from frontlines.web.situation import record_days

    days = record_days(pic)
    if not days:
        return [], []
    since = q.filter.since or days[0]
    until = q.filter.until or days[-1]
    gained, lost = pic.actor_gains(actor, since, until)
    return list(gained), list(lost)


def _record(pic: Any, slug: str) -> Any | None:
    try:
        return pic.outlet_record(slug)
    except (KeyError, LookupError):
        return None


@lru_cache(maxsize=1)
def _outlines_etag() -> str:
    return '"' + hashlib.sha256(world_outlines()).hexdigest()[:16] + '"'


def _find_outlet(store: Store, slug: str) -> Any:
    """An outlet by slug; pages link outlets by the slug of their name, which a registered
    outlet may have replaced with a slug of its own."""
    summary = store.get_outlet(slug)
    if summary is None:
        summary = next((o for o in store.list_outlets() if slugify(o.name) == slug), None)
    if summary is None:
        raise _not_found("outlet with this name")
    return summary


def _plausible_id(text: str) -> bool:
    """Whether an id from a URL can be looked up at all: PostgreSQL refuses NUL in a string."""
    return len(text) <= MAX_ID_CHARS and text.isprintable()


def _limited(events: Iterator[Any], limit: int | None) -> Iterator[Any]:
    try:
        for i, event in enumerate(events):
            if limit is not None and i >= limit:
                break
            yield event
    finally:
        # Stopping early must still release the store's cursor now, not at garbage collection.
        close = getattr(events, "close", None)
        if close is not None:
            close()
