"""Atom feeds of the situation reports and of the alerts, made with feedgen.

Entry ids are the pages' absolute addresses, so a reader that has seen an entry never sees it as
new again; alerts carry a GeoRSS point (``georss:point``, "lat lon") where their place is known.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from markupsafe import escape

FEED_ENTRIES = 60


def _stamp(day: date | None) -> datetime:
    # A day's report is complete at the end of that day (UTC).
    if day is None:
        return datetime(1970, 1, 1, tzinfo=UTC)
    return datetime.combine(day, time(23, 59, 59), tzinfo=UTC)


def _new_feed(feed_id: str, title: str, self_url: str, page_url: str, subtitle: str) -> Any:
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    fg.id(feed_id)
    fg.title(title)
    fg.subtitle(subtitle)
    fg.link(href=self_url, rel="self", type="application/atom+xml")
    fg.link(href=page_url, rel="alternate", type="text/html")
    fg.language("en")
    fg.generator("Frontlines")
    return fg


def _lines_html(lines: list[Any], base: str) -> str:
    items = []
    for line in lines:
        cites = " ".join(
            f'<a href="{base}/events/{escape(eid)}">[{i}]</a>' for i, eid in enumerate(line.event_ids, 1)
        )
        items.append(f"<li>{escape(line.text)} {cites}</li>")
    return "<ul>" + "".join(items) + "</ul>" if items else ""


def sitreps_feed(picture: Any, base: str) -> bytes:
    """The newest daily reports, one entry each, highlights and outlook as the content."""
    fg = _new_feed(
        f"{base}/sitreps",
        "Frontlines situation reports",
        f"{base}/feeds/sitreps.atom",
        f"{base}/sitreps",
        "Daily situation reports drafted from the record; every statement links to its events.",
    )
    days = sorted(picture.sitrep_days())[-FEED_ENTRIES:]
    latest = _stamp(days[-1] if days else None)
    fg.updated(latest)
    for day in days:  # feedgen lists entries newest first when added oldest first
        rep = picture.sitrep(day, "daily")
        url = f"{base}/sitreps/{day.isoformat()}"
        fe = fg.add_entry()
        fe.id(url)
        fe.title(rep.title)
        fe.link(href=url, rel="alternate", type="text/html")
        fe.updated(_stamp(day))
        fe.published(_stamp(day))
        body = "<h2>Highlights</h2>" + (_lines_html(rep.highlights, base) or "<p>No highlights.</p>")
        if rep.outlook:
            body += "<h2>Outlook: expected, not happened</h2>" + _lines_html(rep.outlook, base)
        fe.content(body, type="html")
        fe.summary(" ".join(line.text for line in rep.highlights[:3]) or rep.title)
    return fg.atom_str(pretty=True)


def alerts_feed(picture: Any, base: str, places: dict[int, Any]) -> bytes:
    """Every alert, newest first, with a GeoRSS point at its first known place."""
    fg = _new_feed(
        f"{base}/alerts",
        "Frontlines alerts",
        f"{base}/feeds/alerts.atom",
        f"{base}/alerts",
        "Campaign momentum and expected interventions, derived from the record.",
    )
    fg.load_extension("geo")
    alerts = sorted(picture.alerts, key=lambda a: (a.date or date.min, a.id))[-FEED_ENTRIES:]
    fg.updated(_stamp(alerts[-1].date if alerts else None))
    for alert in alerts:
        url = f"{base}/alerts#alert-{alert.id}"
        fe = fg.add_entry()
        fe.id(f"{base}/alerts/{alert.id}")
        title = alert.summary if alert.status != "expected" else f"Expected, not happened: {alert.summary}"
        fe.title(title)
        fe.link(href=url, rel="alternate", type="text/html")
        fe.updated(_stamp(alert.date))
        cites = " ".join(f'<a href="{base}/events/{escape(e)}">[{i}]</a>' for i, e in enumerate(alert.event_ids, 1))
        fe.content(
            f"<p>{escape(alert.summary)} <em>({escape(alert.kind)}, {escape(alert.status)})</em> {cites}</p>",
            type="html",
        )
        point = _alert_point(alert, places)
        if point is not None:
            fe.geo.point(f"{point[0]:.5f} {point[1]:.5f}")
    return fg.atom_str(pretty=True)


def _alert_point(alert: Any, places: dict[int, Any]) -> tuple[float, float] | None:
    """The alert's own point (its latest place), else its first known place."""
    if getattr(alert, "lat", None) is not None and getattr(alert, "lon", None) is not None:
        return alert.lat, alert.lon
    for gid in alert.place_ids:
        place = places.get(gid)
        if place is not None:
            return place.lat, place.lon
    return None
