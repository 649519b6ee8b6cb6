"""Pages and twins of the situation picture: control map, alerts, contradictions, sitreps, feeds.

Everything here reads the cached ``Picture`` (``frontlines.picture``) of the store; the picture says
what changed and how sure we are, and every statement it makes carries the ids of its events.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from frontlines.records import Event, Place
from frontlines.store import Store
from frontlines.web import present
from frontlines.web.query import EventQuery, date_error, event_query, strict_date

MAX_SLIDER_DAYS = 400  # a longer record gets one snapshot per control change, not per day
NOT_FACT = frozenset({"expected", "hypothetical"})


# ---------------------------------------------------------------- access


def picture(request: Request) -> Any:
    return request.app.state.pictures.get()


def event_index(pic: Any) -> dict[str, Event]:
    index = getattr(pic, "_web_event_index", None)
    if index is None:
        index = {e.id: e for e in pic.events}
        pic._web_event_index = index  # the picture is immutable once built; cache the lookup on it
    return index


def places_of(pic: Any) -> dict[int, Place]:
    """Every place the picture knows, by GeoNames id (events' places and control histories)."""
    out: dict[int, Place] = {}
    for e in pic.events:
        if e.location is not None and e.location.place.geonameid is not None:
            out.setdefault(e.location.place.geonameid, e.location.place)
    for gid, changes in pic.control.items():
        for c in changes:
            out.setdefault(gid, c.place)
    return out


def credibility_of(pic: Any, event_id: str) -> Any | None:
    try:
        return pic.credibility(event_id)
    except (KeyError, LookupError, ValueError):
        return None  # an event newer than the picture (the cache rebuilds on the next request)


def credibility_dict(cred: Any | None) -> dict[str, Any] | None:
    if cred is None:
        return None
    d = present.jsonable(cred)
    d["label"] = present.credibility_label(cred.grade)
    return d


def record_days(pic: Any) -> list[date]:
    """Every day from the first to the last dated event of the record."""
    dates = [e.date for e in pic.events if e.date is not None]
    if not dates:
        return []
    first, last = min(dates), max(dates)
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def contradictions_of(pic: Any, event_id: str) -> list[Any]:
    return [c for c in pic.contradictions if any(s.event_id == event_id for s in c.sides)]


# ---------------------------------------------------------------- the control map


@dataclass(frozen=True)
class ControlView:
    days: list[date]  # the slider's days
    day: date | None  # the chosen one
    snapshots: list[dict[str, Any]]  # [{"day", "places": control_map(day)}], only when it changes
    rows: list[dict[str, Any]]  # control_map(day) for the table
    colours: dict[str, str]


def _clean_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [present.jsonable(r) for r in rows]


def control_view(pic: Any, day: date | None) -> ControlView:
    days = record_days(pic)
    if not days:
        return ControlView([], None, [], [], {})
    if day is None or day > days[-1]:
        day = days[-1]
    day = max(day, days[0])
    if len(days) <= MAX_SLIDER_DAYS:
        probe = days
    else:
        changes = {c.date for cs in pic.control.values() for c in cs if c.date is not None}
        probe = sorted({days[0], *(d for d in changes if days[0] <= d <= days[-1])})
    snapshots: list[dict[str, Any]] = []
    last: list[dict[str, Any]] | None = None
    for d in probe:
        rows = _clean_rows(pic.control_map(d))
        if rows != last:
            snapshots.append({"day": d.isoformat(), "places": rows})
            last = rows
    rows = _clean_rows(pic.control_map(day))
    actors = [r.get("actor") for s in snapshots for r in s["places"]]
    return ControlView(days, day, snapshots, rows, present.control_colours(actors))


def parse_day(text: str | None, name: str = "day") -> date | None:
    if not text:
        return None
    try:
        return strict_date(text)
    except ValueError:
        from fastapi.exceptions import RequestValidationError

        raise RequestValidationError([date_error(name, text)]) from None


# ---------------------------------------------------------------- filtered lists


def matching_ids(store: Store, q: EventQuery) -> set[str] | None:
    """Ids of the events the query's filters match (the store's own filter), None without filters."""
    if not q.filters_only:
        return None
    ids: set[str] = set()
    page = 1
    while True:
        events, total = store.list_events(q.filter, page=page, per_page=500)
        ids.update(e.id for e in events)
        if page * 500 >= total or not events:
            return ids
        page += 1


def paginate(items: list[Any], q: EventQuery, path: str) -> dict[str, Any]:
    total = len(items)
    pages = max(1, -(-total // q.per_page))
    start = (q.page - 1) * q.per_page
    return {
        "total": total,
        "page": q.page,
        "per_page": q.per_page,
        "pages": pages,
        "items": items[start : start + q.per_page],
        "next": q.url(path, page=q.page + 1) if q.page < pages else None,
        "prev": q.url(path, page=q.page - 1) if q.page > 1 else None,
    }


def _keep(event_ids: list[str], wanted: set[str] | None) -> bool:
    return wanted is None or any(e in wanted for e in event_ids)


def filtered_alerts(request: Request, pic: Any, q: EventQuery) -> list[Any]:
    wanted = matching_ids(request.app.state.store, q)
    alerts = [a for a in pic.alerts if _keep(list(a.event_ids), wanted)]
    return sorted(alerts, key=lambda a: (a.date or date.min, a.id), reverse=True)


def filtered_contradictions(request: Request, pic: Any, q: EventQuery) -> list[Any]:
    wanted = matching_ids(request.app.state.store, q)
    return [c for c in pic.contradictions if _keep([s.event_id for s in c.sides], wanted)]


def alert_dict(alert: Any, places: dict[int, Place]) -> dict[str, Any]:
    d = present.jsonable(alert)
    d["places"] = [
        {"geonameid": gid, "name": places[gid].name, "lat": places[gid].lat, "lon": places[gid].lon}
        for gid in alert.place_ids
        if gid in places
    ]
    d["event_urls"] = [f"/events/{e}" for e in alert.event_ids]
    return d


# ---------------------------------------------------------------- sitreps


@dataclass(frozen=True)
class Cite:
    n: int
    event_id: str
    event: Event | None


def citations(rep: Any, events: dict[str, Event]) -> tuple[list[Cite], dict[str, int]]:
    """One footnote number per event, in the order the report first cites it."""
    numbers: dict[str, int] = {}
    lines = list(rep.highlights)
    for area_lines in rep.by_area.values():
        lines += list(area_lines)
    lines += list(rep.outlook)
    for line in lines:
        for eid in line.event_ids:
            numbers.setdefault(eid, len(numbers) + 1)
    return [Cite(n, eid, events.get(eid)) for eid, n in numbers.items()], numbers


def sitrep_dict(rep: Any, base: str) -> dict[str, Any]:
    d = present.jsonable(rep)
    d["url"] = f"{base}/sitreps/{rep.day.isoformat()}" + ("?period=weekly" if rep.period == "weekly" else "")
    return d


def week_ends(days: list[date]) -> list[date]:
    """Ends of the weeks that have reports: the last day, then every seventh day back."""
    if not days:
        return []
    first, end = min(days), max(days)
    out = []
    while end >= first:
        out.append(end)
        end -= timedelta(days=7)
    return out


def mailto(title: str, url: str) -> str:
    return f"mailto:?subject={quote(title)}&body={quote(url, safe='')}"


def _sitrep_or_404(pic: Any, day_text: str, period: str) -> Any:
    try:
        day = date.fromisoformat(day_text)
    except ValueError:
        raise StarletteHTTPException(404, "No situation report for this date (use YYYY-MM-DD).") from None
    if period not in ("daily", "weekly"):
        raise StarletteHTTPException(404, "period must be daily or weekly.")
    days = pic.sitrep_days()
    if not days:
        raise StarletteHTTPException(404, "No situation report yet: the record is empty.")
    if period == "daily" and day not in days:
        raise StarletteHTTPException(404, "No daily report for this date.")
    # Day differences, not day - 6: the week before 0001-01-01 is out of the date range.
    if period == "weekly" and not any(0 <= (day - d).days <= 6 for d in days):
        raise StarletteHTTPException(404, "No report in the week ending on this date.")
    return pic.sitrep(day, period)


# Module level: with postponed annotations FastAPI resolves route annotations by global name.
Period = Annotated[str, Query(description="daily (the default) or weekly: the week ending on this date")]
Q = Annotated[EventQuery, Depends(event_query)]


def add_situation_routes(app: FastAPI, page: Any) -> None:
    """Routes of the picture; ``page`` renders a template (the app's ``_page``)."""

    def base(request: Request) -> str:
        return str(request.base_url).rstrip("/")

    # ---- control map twin
    @app.get("/control.json", summary="Who controls which place on a date (the map's shading)")
    def control_json(
        request: Request,
        day: Annotated[str | None, Query(description="YYYY-MM-DD; the last day of the record by default")] = None,
    ) -> dict[str, Any]:
        pic = picture(request)
        view = control_view(pic, parse_day(day))
        return {
            "day": view.day.isoformat() if view.day else None,
            "first_day": view.days[0].isoformat() if view.days else None,
            "last_day": view.days[-1].isoformat() if view.days else None,
            "places": view.rows,
            "colours": view.colours,
        }

    # ---- alerts
    @app.get("/alerts.json", summary="Alerts: campaign momentum, expected interventions (paginated)")
    def alerts_json(request: Request, q: Q) -> dict[str, Any]:
        pic = picture(request)
        places = places_of(pic)
        data = paginate(filtered_alerts(request, pic, q), q, "/alerts.json")
        data["alerts"] = [alert_dict(a, places) for a in data.pop("items")]
        data["filters"] = q.filters_only
        return data

    @app.get("/alerts", response_class=HTMLResponse, include_in_schema=False)
    def alerts_page(request: Request, q: Q) -> Response:
        pic = picture(request)
        data = paginate(filtered_alerts(request, pic, q), q, "/alerts")
        return page(request, "alerts.html", q=q, alerts=data.pop("items"), places=places_of(pic),
                    events=event_index(pic), **data)

    # ---- contradictions
    @app.get("/contradictions.json", summary="Contradictions between reports (paginated)")
    def contradictions_json(request: Request, q: Q) -> dict[str, Any]:
        pic = picture(request)
        data = paginate(filtered_contradictions(request, pic, q), q, "/contradictions.json")
        data["contradictions"] = [present.jsonable(c) for c in data.pop("items")]
        data["filters"] = q.filters_only
        return data

    @app.get("/contradictions", response_class=HTMLResponse, include_in_schema=False)
    def contradictions_page(request: Request, q: Q) -> Response:
        pic = picture(request)
        data = paginate(filtered_contradictions(request, pic, q), q, "/contradictions")
        return page(request, "contradictions.html", q=q, contradictions=data.pop("items"),
                    events=event_index(pic), **data)

    # ---- sitreps ("weblog")
    @app.get("/sitreps.json", summary="Situation reports: the days and weeks that have one")
    def sitreps_json(request: Request) -> dict[str, Any]:
        pic = picture(request)
        days = sorted(pic.sitrep_days(), reverse=True)
        b = base(request)
        return {
            "daily": [{"day": d.isoformat(), "url": f"{b}/sitreps/{d.isoformat()}"} for d in days],
            "weekly": [
                {"week_ending": d.isoformat(), "url": f"{b}/sitreps/{d.isoformat()}?period=weekly"}
                for d in week_ends(days)
            ],
            "feed": f"{b}/feeds/sitreps.atom",
        }

    @app.get("/sitreps", response_class=HTMLResponse, include_in_schema=False)
    def sitreps_page(request: Request) -> Response:
        pic = picture(request)
        days = sorted(pic.sitrep_days(), reverse=True)
        return page(request, "sitreps.html", days=days, weeks=week_ends(days))

    @app.get("/sitreps/{day}.json", summary="One situation report (daily, or weekly ending that day)")
    def sitrep_json(request: Request, day: str, period: Period = "daily") -> dict[str, Any]:
        rep = _sitrep_or_404(picture(request), day, period)
        return sitrep_dict(rep, base(request))

    def _sitrep_page(request: Request, day: str, period: str, template: str) -> Response:
        pic = picture(request)
        rep = _sitrep_or_404(pic, day, period)
        events = event_index(pic)
        cites, numbers = citations(rep, events)
        suffix = "?period=weekly" if period == "weekly" else ""
        url = f"{base(request)}/sitreps/{rep.day.isoformat()}{suffix}"
        return page(
            request, template, rep=rep, cites=cites, numbers=numbers, events=events,
            page_url=url, mailto=mailto(rep.title, url), suffix=suffix,
            credibility=lambda eid: credibility_of(pic, eid),
        )

    @app.get("/sitreps/{day}/print", response_class=HTMLResponse, include_in_schema=False)
    def sitrep_print(request: Request, day: str, period: Period = "daily") -> Response:
        return _sitrep_page(request, day, period, "sitrep_print.html")

    @app.get("/sitreps/{day}", response_class=HTMLResponse, include_in_schema=False)
    def sitrep_page(request: Request, day: str, period: Period = "daily") -> Response:
        return _sitrep_page(request, day, period, "sitrep.html")

    # ---- feeds
    @app.get("/feeds/sitreps.atom", summary="Atom feed of the daily situation reports")
    def sitreps_atom(request: Request) -> Response:
        from frontlines.web.feeds import sitreps_feed

        body = sitreps_feed(picture(request), base(request))
        return Response(body, media_type="application/atom+xml")

    @app.get("/feeds/alerts.atom", summary="Atom feed of the alerts, with GeoRSS points")
    def alerts_atom(request: Request) -> Response:
        from frontlines.web.feeds import alerts_feed

        pic = picture(request)
        body = alerts_feed(pic, base(request), places_of(pic))
        return Response(body, media_type="application/atom+xml")
