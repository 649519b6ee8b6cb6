"""One situation picture per state of the store, built on first use and reused until the store changes.

``build_picture`` reads every event, so pages must not call it per request. The store's state is
told by three cheap reads: how many events there are, how many changed since the picture was built
(``EventFilter.changed_since``: fuse() touches ``updated_at`` of every event it adds or alters) and
the outlets' grades (an edited grade changes credibility without touching any event).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from frontlines.store import EventFilter, Store

# updated_at is written by the database's clock; a margin keeps an event written in the same
# instant as the build from being missed.
_CLOCK_MARGIN = timedelta(seconds=2)


@dataclass(frozen=True)
class _State:
    n_events: int
    n_changed: int  # events changed since ``built_at`` (as counted right after the build)
    grades: tuple[tuple[str, str | None], ...]


@dataclass
class _Entry:
    picture: Any
    built_at: datetime
    state: _State


# The picture is built from every event with its reports, in memory, and its contradiction search
# grows faster than linearly (about a minute for 20,000 events on the 2-core bench machine).
# Above this size a request must not build it (``PictureCache.affordable``).
MAX_EVENTS = 20_000


class PictureCache:
    """Thread-safe holder of the current ``Picture`` of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._entry: _Entry | None = None
        self._lock = threading.Lock()
        self.builds = 0  # how many times the picture was built (tests read it)

    def _state(self, since: datetime) -> _State:
        total = self.store.count_events()
        changed = self.store.count_events(EventFilter(changed_since=since))
        grades = tuple(sorted((o.slug, o.grade) for o in self.store.list_outlets()))
        return _State(total, changed, grades)

    def affordable(self) -> bool:
        """Whether the store is small enough to build its picture on a request."""
        return self.store.count_events(limit=MAX_EVENTS + 1) <= MAX_EVENTS

    def get(self) -> Any:
        """The picture of the store as it is now."""
        with self._lock:
            entry = self._entry
            if entry is not None and self._state(entry.built_at) == entry.state:
                return entry.picture
            from frontlines.picture import build_picture

            built_at = datetime.now(UTC) - _CLOCK_MARGIN
            # Read the state first: a change made while the picture is built shows as a difference
            # on the next request, which then builds again.
            state = self._state(built_at)
            picture = build_picture(self.store)
            self._entry = _Entry(picture, built_at, state)
            self.builds += 1
            return picture
