"""One situation picture per state of the store, built on first use and reused until the store changes.

``build_picture`` reads every event, so pages must not call it per request. The store's state is
its revision (``Store.revision``: one number every write transaction raises, read by primary
key), so telling whether the picture is current costs one small read.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from frontlines.store import Store


@dataclass
class _Entry:
    picture: Any
    revision: int


# The picture is built from every event with its reports, in memory, and its contradiction search
# grows faster than linearly (about a minute for 20,000 events on the 2-core bench machine).
# Above this size a request must not build it (``PictureCache.affordable``).
MAX_EVENTS = 20_000


class PictureCache:
    """Thread-safe holder of the current ``Picture`` of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._entry: _Entry | None = None
        self._affordable: tuple[int, bool] | None = None  # (revision, answer)
        self._lock = threading.Lock()
        self.builds = 0  # how many times the picture was built (tests read it)

    def affordable(self) -> bool:
        """Whether the store is small enough to build its picture on a request (counted once
        per revision: a count over a million events is itself a cost)."""
        revision = self.store.revision()
        known = self._affordable
        if known is not None and known[0] == revision:
            return known[1]
        answer = self.store.count_events(limit=MAX_EVENTS + 1) <= MAX_EVENTS
        self._affordable = (revision, answer)
        return answer

    def get(self) -> Any:
        """The picture of the store as it is now."""
        with self._lock:
            # Read the revision first: a change made while the picture is built shows as a
            # new revision on the next request, which then builds again.
            revision = self.store.revision()
            entry = self._entry
            if entry is not None and entry.revision == revision:
                return entry.picture
            from frontlines.picture import build_picture

            picture = build_picture(self.store)
            self._entry = _Entry(picture, revision)
            self.builds += 1
            return picture
