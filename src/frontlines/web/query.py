"""Event filters as query parameters, shared by every page and its data twin.

The parameters are parsed here rather than by FastAPI's typing so that an empty form field
(``?since=&country=``, what a plain HTML form sends) means "no filter", and so that every bad value
gets one clear message naming the parameter, returned as 422 in FastAPI's usual error shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Annotated
from urllib.parse import urlencode

from fastapi import Query
from fastapi.exceptions import RequestValidationError

from frontlines.records import EVENT_TYPES, MODALITIES
from frontlines.store import EventFilter

MAX_PER_PAGE = 500
DEFAULT_PER_PAGE = 100
MAX_TEXT_CHARS = 200  # longer than any actor, outlet or region name; a cap keeps LIKE scans cheap
TEXT_FILTERS = ("admin1", "actor", "outlet")
# date.fromisoformat also takes "20250101" and "2025-W01-1"; the API promises YYYY-MM-DD only.
DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
# int() also takes "٣", "5_0" and "+5".
_WHOLE = re.compile(r"-?\d+", re.ASCII)
# NUL and other C0 controls: PostgreSQL refuses NUL in a string parameter, and no name has them.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
FILTER_NAMES: tuple[str, ...] = (
    "since",
    "until",
    "country",
    "admin1",
    "event_type",
    "actor",
    "outlet",
    "modality",
    "changed_since",
)


@dataclass
class EventQuery:
    """Validated filters plus paging; ``params`` keeps the raw non-empty values for links."""

    filter: EventFilter
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    params: dict[str, str] = field(default_factory=dict)

    def url(self, path: str, **overrides: object) -> str:
        """``path`` with the same filters, some replaced (None drops one)."""
        params: dict[str, object] = dict(self.params)
        params.update(overrides)
        clean = {k: v for k, v in params.items() if v is not None and v != "" and k != "page"}
        if params.get("page") not in (None, "", 1, "1"):
            clean["page"] = params["page"]  # last, so links differ only at the end
        return f"{path}?{urlencode(clean)}" if clean else path

    @property
    def filters_only(self) -> dict[str, str]:
        return {k: v for k, v in self.params.items() if k in FILTER_NAMES}


def _error(name: str, value: str, msg: str) -> dict[str, object]:
    return {"type": "value_error", "loc": ["query", name], "msg": msg, "input": value}


def date_error(name: str, value: str) -> dict[str, object]:
    return _error(name, value, f"{name} must be a date as YYYY-MM-DD")


def strict_date(text: str) -> date:
    """A date written exactly as YYYY-MM-DD; ValueError otherwise (no 20250101, no week dates)."""
    if not DATE_PATTERN.fullmatch(text):
        raise ValueError(text)
    return date.fromisoformat(text)


def _parse_datetime(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        # An unencoded "+00:00" in a URL arrives as " 00:00".
        head, _, tail = text.rpartition(" ")
        if not head:
            raise
        value = datetime.fromisoformat(f"{head}+{tail}")
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _known_country(code: str) -> bool:
    import pycountry

    return len(code) == 2 and pycountry.countries.get(alpha_2=code) is not None


def parse_event_query(raw: dict[str, str | None]) -> EventQuery:
    """Validate raw query values; raise ``RequestValidationError`` listing every bad one."""
    errors: list[dict[str, object]] = []
    values = {k: (v or "").strip() for k, v in raw.items()}
    params = {k: v for k, v in values.items() if v}

    def get_date(name: str) -> date | None:
        text = values.get(name, "")
        if not text:
            return None
        try:
            return strict_date(text)
        except ValueError:
            errors.append(date_error(name, text))
            return None

    def get_int(name: str, default: int, low: int, high: int) -> int:
        text = values.get(name, "")
        if not text:
            return default
        if not _WHOLE.fullmatch(text):
            errors.append(_error(name, text, f"{name} must be a whole number"))
            return default
        # int() of thousands of digits is slow (and refused past 4300); such a number is out of range anyway.
        number = int(text) if len(text) <= 20 else high + 1
        if not low <= number <= high:
            errors.append(_error(name, text, f"{name} must be between {low} and {high}"))
            return default
        return number

    since, until = get_date("since"), get_date("until")
    if since and until and since > until:
        errors.append(_error("until", values["until"], "until must not be before since"))

    changed_since: datetime | None = None
    if text := values.get("changed_since", ""):
        try:
            changed_since = _parse_datetime(text)
        except (ValueError, OverflowError):  # overflow: a time zone pushing year 1 or 9999 out of range
            errors.append(
                _error("changed_since", text, "changed_since must be an ISO 8601 date-time, e.g. 2025-01-31T12:00:00Z")
            )

    country = values.get("country", "").upper() or None
    if country and not _known_country(country):
        errors.append(_error("country", values["country"], "country must be an ISO 3166-1 alpha-2 code, e.g. SY"))
    elif country:
        params["country"] = country

    event_type = values.get("event_type") or None
    if event_type and event_type not in EVENT_TYPES:
        errors.append(_error("event_type", event_type, f"event_type must be one of: {'; '.join(EVENT_TYPES)}"))

    modality = values.get("modality", "").lower() or None
    if modality and modality not in MODALITIES:
        errors.append(_error("modality", modality, f"modality must be one of: {', '.join(MODALITIES)}"))

    for name in TEXT_FILTERS:
        text = values.get(name, "")
        if len(text) > MAX_TEXT_CHARS:
            errors.append(_error(name, text[:40] + "…", f"{name} must be at most {MAX_TEXT_CHARS} characters"))
        elif _CONTROL.search(text):
            errors.append(_error(name, text, f"{name} must not contain control characters"))

    page = get_int("page", 1, 1, 1_000_000)
    per_page = get_int("per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
    if errors:
        raise RequestValidationError(errors)

    event_filter = EventFilter(
        since=since,
        until=until,
        country=country,
        admin1=values.get("admin1") or None,
        event_type=event_type,
        actor=values.get("actor") or None,
        outlet=values.get("outlet") or None,
        modality=modality,
        changed_since=changed_since,
    )
    return EventQuery(filter=event_filter, page=page, per_page=per_page, params=params)


# FastAPI dependency: the declared parameters document the API in /docs and /openapi.json.
def event_query(
    since: Annotated[str | None, Query(description="events on or after this date (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, Query(description="events on or before this date (YYYY-MM-DD)")] = None,
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-2 country code, e.g. SY")] = None,
    admin1: Annotated[str | None, Query(description="first-level administrative division")] = None,
    event_type: Annotated[str | None, Query(description="ACLED event type, e.g. Battles")] = None,
    actor: Annotated[str | None, Query(description="actor name or slug")] = None,
    outlet: Annotated[str | None, Query(description="outlet name or slug")] = None,
    modality: Annotated[
        str | None, Query(description="asserted, claimed, expected, hypothetical or denied")
    ] = None,
    changed_since: Annotated[
        str | None, Query(description="events created or changed after this ISO 8601 date-time")
    ] = None,
    page: Annotated[str | None, Query(description="page number, from 1")] = None,
    per_page: Annotated[str | None, Query(description=f"events per page, 1-{MAX_PER_PAGE} (default {DEFAULT_PER_PAGE})")] = None,
) -> EventQuery:
    return parse_event_query(
        {
            "since": since,
            "until": until,
            "country": country,
            "admin1": admin1,
            "event_type": event_type,
            "actor": actor,
            "outlet": outlet,
            "modality": modality,
            "changed_since": changed_since,
            "page": page,
            "per_page": per_page,
        }
    )
