"""Benchmark: web API latency (list and map queries) on a generated store of 1 million events.

1. Generate a store with the project's own schema (``Store.open`` runs the Alembic migrations),
   bulk-inserting synthetic but plausible events: ACLED types and sub-types, dates over five
   years, places inside eight countries, actors of each side, fatalities, one report per event
   and one document per three reports. The SQLite file is cached under
   ``~/.cache/frontlines/bench/`` keyed by schema revision, generator version and size, so a
   re-run reuses it (``--rebuild`` makes it again).
2. Serve it with ``frontlines serve --workers N`` (uvicorn, a real HTTP server; default two
   processes, one per core) in a subprocess on a free loopback port.
3. Ask every distinct query of the mix once, one at a time, before any load: what a query costs
   when the server has no answer kept for it (the web app keeps whole answers of its read-only
   JSON endpoints until the store changes, ``web/response_cache.py``). Reported apart. Then ask
   each eight times on new connections, so that every server process has kept it (a server that
   has run for a while has), and drive the load for ``--warmup`` seconds unmeasured.
4. Drive it open-loop at a fixed rate (default 200 requests/s) for a fixed time. Each request has
   a scheduled send time and its latency is measured from that time, so a slow server delays
   the requests behind it and the delay counts (no coordinated omission).

Reported per endpoint and overall: requests, errors, achieved rate, p50, p90, p99 and max
latency, the share of answers the server had kept for the current store ("kept") and of those it
served as they were before a write while computing the new one ("stale"), with the load average at
the time. Target (issue 6): p99 < 100 ms.

    python bench/bench_api.py [--events 1000000] [--rate 200] [--seconds 20] [--rebuild]
                              [--server-workers 2] [--db URL] [--json FILE]
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import math
import os
import queue
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

GENERATOR_VERSION = 1
CACHE_DIR = Path.home() / ".cache" / "frontlines" / "bench"
TARGET_P99_MS = 100.0
FIRST_DAY = date(2021, 1, 1)
N_DAYS = 5 * 365
EVENTS_PER_DOC = 3
BATCH = 20_000  # events per executemany round; one transaction per 10 rounds

# Country: (rough bounding box inside the country as (lat0, lat1, lon0, lon1), weight).
COUNTRIES: dict[str, tuple[tuple[float, float, float, float], int]] = {
    "SY": ((33.0, 36.8, 36.0, 41.5), 20),
    "UA": ((46.5, 51.5, 24.0, 39.5), 25),
    "SD": ((10.0, 19.5, 23.0, 36.0), 15),
    "ML": ((12.0, 19.0, -11.0, 3.5), 8),
    "YE": ((13.0, 17.5, 43.5, 51.5), 10),
    "MM": ((16.0, 26.0, 94.0, 98.5), 12),
    "CD": ((-9.0, 3.0, 18.0, 29.5), 6),
    "SO": ((-1.0, 10.5, 41.5, 50.5), 4),
}
PLACES_PER_COUNTRY = 120
ADMIN1_PER_COUNTRY = 10
TYPE_WEIGHTS = {
    "Battles": 30,
    "Explosions/Remote violence": 30,
    "Violence against civilians": 15,
    "Protests": 12,
    "Riots": 5,
    "Strategic developments": 8,
}
SIDES = (
    ("Military Forces of {c}", 1),
    ("Police Forces of {c}", 1),
    ("{c} Liberation Front", 2),
    ("{c} Democratic Army", 2),
    ("Northern {c} Militia", 3),
    ("Southern {c} Self-Defence Group", 4),
    ("Rioters ({c})", 5),
    ("Protesters ({c})", 6),
    ("Civilians ({c})", 7),
    ("Foreign Expeditionary Force in {c}", 8),
)
OUTLETS = [(f"Bench Wire {i:02d}", f"wire{i:02d}.example.org", "ABCDEF"[i % 6]) for i in range(40)]
MODALITY_WEIGHTS = {"asserted": 80, "claimed": 12, "expected": 3, "hypothetical": 2, "denied": 3}


# ---------------------------------------------------------------- the store


def schema_head() -> str:
    """The newest migration shipped: part of the cache key, so a new migration means a new store."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from frontlines.store import migrations_dir

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return ScriptDirectory.from_config(cfg).get_current_head() or "none"


def cache_path(n: int, cache_dir: Path = CACHE_DIR) -> Path:
    return cache_dir / f"events-n{n}-rev{schema_head()}-gen{GENERATOR_VERSION}.sqlite"


@dataclass
class World:
    """The fixed cast the events are drawn from: places, actors and outlets."""

    places: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # by country
    place_weights: list[float] = field(default_factory=list)
    actors: dict[str, list[tuple[str, int, str]]] = field(default_factory=dict)  # name, inter, country

    @classmethod
    def make(cls, rng: random.Random) -> World:
        world = cls()
        gid = 9_000_000
        # A few places are busy and most are quiet, as in real conflict data.
        world.place_weights = [1.0 / (k + 1) for k in range(PLACES_PER_COUNTRY)]
        for cc, ((lat0, lat1, lon0, lon1), _) in COUNTRIES.items():
            rows = []
            for k in range(PLACES_PER_COUNTRY):
                gid += 1
                rows.append(
                    {
                        "geonameid": gid,
                        "name": f"{cc} Town {k:03d}",
                        "lat": round(rng.uniform(lat0, lat1), 5),
                        "lon": round(rng.uniform(lon0, lon1), 5),
                        "country_code": cc,
                        "admin1": f"{cc} Province {k % ADMIN1_PER_COUNTRY}",
                        "feature_code": "PPLA" if k < ADMIN1_PER_COUNTRY else "PPL",
                    }
                )
            world.places[cc] = rows
            world.actors[cc] = [(tpl.format(c=cc), inter, cc) for tpl, inter in SIDES]
        return world


def _hex(*parts: object) -> str:
    return hashlib.sha256(":".join(map(str, parts)).encode()).hexdigest()[:16]


def _actor_cols(prefix: str, actor: tuple[str, int, str] | None, *, slug: bool) -> dict[str, Any]:
    from frontlines.records import slugify

    cols: dict[str, Any] = {
        f"{prefix}_name": actor[0] if actor else None,
        f"{prefix}_mention": actor[0] if actor else None,
        f"{prefix}_inter": actor[1] if actor else None,
        f"{prefix}_country": actor[2] if actor else None,
    }
    if slug:
        cols[f"{prefix}_slug"] = slugify(actor[0]) if actor else None
    return cols


def generate_rows(
    n: int, seed: int = 6
) -> Iterator[tuple[list[dict], list[dict], list[dict], list[dict], list[dict]]]:
    """Batches of (documents, reports, events, event_reports, event_outlets) rows."""
    from frontlines.records import TAXONOMY, slugify

    rng = random.Random(seed)
    world = World.make(rng)
    countries = list(COUNTRIES)
    country_w = [COUNTRIES[c][1] for c in countries]
    types, type_w = list(TYPE_WEIGHTS), list(TYPE_WEIGHTS.values())
    modalities, modality_w = list(MODALITY_WEIGHTS), list(MODALITY_WEIGHTS.values())
    built = datetime(2025, 11, 1, tzinfo=UTC).replace(tzinfo=None)
    docs: list[dict] = []
    reports: list[dict] = []
    events: list[dict] = []
    links: list[dict] = []
    outlet_links: list[dict] = []
    sentences: list[str] = []
    for i in range(n):
        cc = rng.choices(countries, country_w)[0]
        place = rng.choices(world.places[cc], world.place_weights)[0]
        et = rng.choices(types, type_w)[0]
        sub = rng.choice(TAXONOMY[et])
        cast = world.actors[cc]
        a1 = rng.choice(cast)
        a2 = rng.choice(cast) if rng.random() < 0.6 else None
        if a2 == a1:
            a2 = None
        day = FIRST_DAY + timedelta(days=rng.randrange(N_DAYS))
        dead = 0 if rng.random() < 0.6 else int(rng.expovariate(1 / 6))
        modality = rng.choices(modalities, modality_w)[0]
        outlet = OUTLETS[rng.randrange(len(OUTLETS))]
        doc_no = i // EVENTS_PER_DOC
        doc_id = _hex("doc", doc_no)
        sentence = (
            f"{a1[0]} were involved in {sub.lower()} near {place['name']} on {day.isoformat()}"
            + (f" against {a2[0]}" if a2 else "")
            + (f"; {dead} people were killed." if dead else ".")
        )
        start = sum(len(s) + 1 for s in sentences)
        sentences.append(sentence)
        # The columns a report and its event share (event type, place, day, toll, modality).
        shared = {
            "event_type": et,
            "sub_event_type": sub,
            "tags": [],
            "date": day,
            "time_precision": 1,
            "fatalities": dead,
            "modality": modality,
            "place_name": place["name"],
            "place_mention": place["name"],
            "geonameid": place["geonameid"],
            "lat": place["lat"],
            "lon": place["lon"],
            "country_code": cc,
            "admin1": place["admin1"],
            "feature_code": place["feature_code"],
            "geo_precision": 1,
        }
        report_id = _hex(doc_id, start, start + len(sentence), et, sub)
        reports.append(
            {
                "id": report_id,
                "doc_id": doc_id,
                "seq": len(sentences) - 1,
                **shared,
                **_actor_cols("actor1", a1, slug=False),
                **_actor_cols("actor2", a2, slug=False),
                "outlet": outlet[0],
                "speaker": None,
                "evidence_start": start,
                "evidence_end": start + len(sentence),
                "evidence_text": sentence,
                "confidence": round(rng.uniform(0.5, 0.99), 3),
            }
        )
        event_id = _hex("event", report_id)
        events.append(
            {
                "id": event_id,
                **shared,
                **_actor_cols("actor1", a1, slug=True),
                **_actor_cols("actor2", a2, slug=True),
                "fatalities_low": dead,
                "fatalities_high": dead,
                "outlets": [outlet[0]],
                "n_reports": 1,
                "content_hash": _hex("content", event_id),
                "updated_at": min(built, datetime(day.year, day.month, day.day, 12) + timedelta(days=1)),
            }
        )
        links.append({"event_id": event_id, "report_id": report_id, "position": 0})
        outlet_links.append({"event_id": event_id, "outlet_slug": slugify(outlet[0])})
        if (i + 1) % EVENTS_PER_DOC == 0 or i == n - 1:
            published = datetime(day.year, day.month, day.day, 9) + timedelta(days=1)
            docs.append(
                {
                    "id": doc_id,
                    "url": f"https://{outlet[1]}/news/{doc_no}",
                    "outlet": outlet[0],
                    "outlet_slug": slugify(outlet[0]),
                    "title": sentences[0][:80],
                    "author": None,
                    "published": published,
                    "language": "en",
                    "text": " ".join(sentences),
                    "source": "bench",
                    "ingested_at": published,
                }
            )
            sentences = []
            if len(events) >= BATCH:
                yield docs, reports, events, links, outlet_links
                docs, reports, events, links, outlet_links = [], [], [], [], []
    if events:
        yield docs, reports, events, links, outlet_links


def generate_store(url: str, n: int, log: Any = print) -> float:
    """Create the schema at ``url`` and fill it with ``n`` events; returns the seconds taken."""
    from sqlalchemy import insert

    from frontlines.records import slugify
    from frontlines.store import Store
    from frontlines.store.models import (
        ActorRow,
        DocumentRow,
        EventOutletRow,
        EventReportRow,
        EventRow,
        OutletRow,
        PlaceRow,
        ReportRow,
    )

    t0 = time.perf_counter()
    store = Store.open(url)
    engine = store._write_engine  # the store's own engine: same pragmas, same dialect handling
    world = World.make(random.Random(6))
    with engine.begin() as conn:
        if store.dialect == "sqlite":
            conn.exec_driver_sql("PRAGMA cache_size=-400000")  # 400 MB while building
        conn.execute(
            insert(OutletRow),
            [
                {"slug": slugify(name), "name": name, "domain": dom, "country": None, "grade": grade,
                 "description": "Synthetic outlet of the API benchmark."}
                for name, dom, grade in OUTLETS
            ],
        )
        conn.execute(insert(PlaceRow), [p for rows in world.places.values() for p in rows])
        conn.execute(
            insert(ActorRow),
            [
                {"slug": slugify(name), "name": name, "inter": inter, "country": cc}
                for cast in world.actors.values()
                for name, inter, cc in cast
            ],
        )
    done = 0
    batches = generate_rows(n)
    while True:
        with engine.begin() as conn:
            if store.dialect == "sqlite":
                conn.exec_driver_sql("PRAGMA cache_size=-400000")
            for rounds, (docs, reports, events, links, outlet_links) in enumerate(batches, 1):
                conn.execute(insert(DocumentRow), docs)
                conn.execute(insert(ReportRow), reports)
                conn.execute(insert(EventRow), events)
                conn.execute(insert(EventReportRow), links)
                conn.execute(insert(EventOutletRow), outlet_links)
                done += len(events)
                if rounds == 10:
                    break
            else:
                break
        log(f"  {done:,} events, {time.perf_counter() - t0:.0f} s")
    if store.dialect == "sqlite":
        raw = engine.raw_connection()  # outside SQLAlchemy's transaction: a checkpoint needs none
        try:
            raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()
    store.close()
    return time.perf_counter() - t0


def ensure_store(
    n: int, rebuild: bool, db: str | None, cache_dir: Path = CACHE_DIR
) -> tuple[str, float | None]:
    """The store's URL and the seconds generation took (None when a cached store was reused)."""
    from frontlines.store import Store

    if db is not None:
        if not rebuild and _has_events(db):
            return db, None
        return db, generate_store(db, n)
    path = cache_path(n, cache_dir)
    if path.exists() and not rebuild:
        return f"sqlite:///{path}", None
    older = sorted(cache_dir.glob(f"events-n{n}-rev*-gen{GENERATOR_VERSION}.sqlite"))
    if older and not rebuild:
        # Same events under an older schema: the store's own migrations bring it up to date,
        # which is quicker than generating a million events again.
        older[-1].replace(path)
        t0 = time.perf_counter()
        Store.open(f"sqlite:///{path}").close()
        print(f"store: migrated {older[-1].name} to the current schema in {time.perf_counter() - t0:.1f} s")
        return f"sqlite:///{path}", None
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".building")
    for p in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        p.unlink(missing_ok=True)
    seconds = generate_store(f"sqlite:///{tmp}", n)
    for suffix in ("-wal", "-shm"):  # checkpointed and closed: nothing is left in the WAL
        Path(f"{path}{suffix}").unlink(missing_ok=True)
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    tmp.replace(path)  # only a finished store gets the cache name
    return f"sqlite:///{path}", seconds


def _has_events(url: str) -> bool:
    from frontlines.store import EventFilter, Store

    with Store.open(url) as store:
        return store.list_events(EventFilter(), page=1, per_page=1)[1] > 0


# ---------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(url: str, port: int, log: Path, workers: int = 1) -> subprocess.Popen[bytes]:
    exe = Path(sys.executable).with_name("frontlines")
    cmd = [str(exe), "serve", "--db", url, "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    # The server's log goes to a file: a pipe nobody reads fills up and stalls the server.
    with log.open("wb") as err:
        return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)


def wait_ready(proc: subprocess.Popen[bytes], base: str, log: Path, timeout: float = 120.0) -> float:
    import httpx

    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        if proc.poll() is not None:
            err = log.read_text(errors="replace")
            raise SystemExit(f"the server exited with {proc.returncode}:\n{err[-3000:]}")
        try:
            if httpx.get(f"{base}/openapi.json", timeout=2.0).status_code == 200:
                return time.perf_counter() - t0
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"the server did not answer within {timeout:.0f} s")


# ---------------------------------------------------------------- the load


def request_mix(seed: int = 7) -> list[tuple[str, str, int]]:
    """(endpoint label, path with query, weight): what users of the list and the map ask."""
    from urllib.parse import urlencode

    from frontlines.records import slugify

    rng = random.Random(seed)
    countries = list(COUNTRIES)
    mix: list[tuple[str, str, int]] = []

    def add(label: str, weight: int, **params: object) -> None:
        mix.append((label, f"{label}?{urlencode(params)}" if params else label, weight))

    add("/events.json", 4)
    add("/events.json", 2, page=50)
    add("/events.json", 1, page=2000)  # deep: offset 199,900 of all events
    for cc in countries:
        add("/events.json", 2, country=cc)
        add("/events.json", 1, country=cc, page=40)
        add("/events.json", 1, country=cc, event_type=rng.choice(list(TYPE_WEIGHTS)))
        day = FIRST_DAY + timedelta(days=rng.randrange(N_DAYS - 60))
        add("/events.json", 1, country=cc, since=day.isoformat(), until=(day + timedelta(days=30)).isoformat())
        tpl, _ = rng.choice(SIDES)
        add("/events.json", 1, actor=slugify(tpl.format(c=cc)))
        add("/events.json", 1, actor=tpl.format(c=cc), country=cc, page=3)
    for et in TYPE_WEIGHTS:
        add("/events.json", 1, event_type=et)
    day = FIRST_DAY + timedelta(days=rng.randrange(N_DAYS - 10))
    add("/events.json", 1, since=day.isoformat(), until=(day + timedelta(days=7)).isoformat())
    # The map: the home page's GeoJSON twin (newest 500), filtered as the page's form filters.
    add("/events.geojson", 3, limit=500)
    for cc in countries:
        add("/events.geojson", 1, country=cc, limit=500)
        add("/events.geojson", 1, country=cc, event_type=rng.choice(list(TYPE_WEIGHTS)), limit=500)
        day = FIRST_DAY + timedelta(days=rng.randrange(N_DAYS - 90))
        add("/events.geojson", 1, country=cc, since=day.isoformat(),
            until=(day + timedelta(days=90)).isoformat(), limit=500)
    return mix


@dataclass
class Sample:
    label: str
    path: str
    latency: float  # seconds from the scheduled send time to the full response
    status: int  # 0: no response (timeout, refused)
    cache: str = ""  # x-frontlines-cache: "hit" (kept, current), "stale" (kept, before a write), "miss"


def ask(client: Any, path: str) -> tuple[int, str]:
    """GET ``path``: the status (0 for no answer) and how the server answered it
    (``x-frontlines-cache``: "hit", "stale" or "miss")."""
    import httpx

    try:
        r = client.get(path)
    except httpx.HTTPError:
        return 0, ""
    return r.status_code, r.headers.get("x-frontlines-cache", "")


def drive(
    base: str, rate: float, seconds: float, timeout: float, seed: int = 11, workers: int = 64
) -> tuple[list[Sample], float]:
    """Send the planned requests at their scheduled times from a pool of sender threads.

    Request i is due at start + i/rate whatever happened before it; the next free sender takes
    it, and if none is free the wait counts in its latency. (Threads with one keep-alive
    connection each: httpx's async pool spends most of the CPU in its own bookkeeping once
    hundreds of requests queue in it, which would measure the client, not the server.)
    """
    import httpx

    mix = request_mix()
    rng = random.Random(seed)
    plan = rng.choices(mix, [w for _, _, w in mix], k=int(rate * seconds))
    todo: queue.SimpleQueue[tuple[int, str, str]] = queue.SimpleQueue()
    for i, (label, path, _) in enumerate(plan):
        todo.put((i, label, path))
    samples: list[Sample] = []
    # Every sender builds its client (an SSL context each, tens of milliseconds of CPU) before
    # the clock starts; otherwise the first second measures the load generator's own start-up.
    ready = threading.Barrier(workers + 1)
    start = 0.0

    def sender() -> None:
        with httpx.Client(base_url=base, timeout=timeout) as client:
            ready.wait()
            while True:
                try:
                    i, label, path = todo.get_nowait()
                except queue.Empty:
                    return
                due = start + i / rate
                time.sleep(max(0.0, due - time.perf_counter()))
                if time.perf_counter() > due + timeout:
                    # Past its deadline before a sender was free: it counts as unanswered, and
                    # the run ends on time however far behind the server is.
                    samples.append(Sample(label, path, time.perf_counter() - due, 0))
                    continue
                status, cache = ask(client, path)
                samples.append(Sample(label, path, time.perf_counter() - due, status, cache))

    threads = [threading.Thread(target=sender, daemon=True) for _ in range(workers)]
    for t in threads:
        t.start()
    # No garbage collection while the clock runs (as timeit does): a full pass over this
    # process's objects stops every sender thread for a tenth of a second, which would count
    # as server latency.
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter() + 0.5
        ready.wait()
        for t in threads:
            t.join()
    finally:
        gc.enable()
    return samples, time.perf_counter() - start


class Writer:
    """A write to the store every ``every`` seconds while the load runs (an outlet's grade set,
    alternately, to two values), as ``watch`` or ``ingest`` would write: each one raises the
    store's revision, so the server recomputes every answer it is asked next."""

    def __init__(self, url: str, every: float) -> None:
        from frontlines.store import Store

        self.store = Store.open(url)
        self.every = every
        self.writes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        from frontlines.records import slugify

        slug = slugify(OUTLETS[0][0])
        while not self._stop.wait(self.every):
            self.store.set_outlet_grade(slug, "AB"[self.writes % 2])
            self.writes += 1

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        self.store.close()
        return self.writes


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, math.ceil(p / 100 * len(sorted_values)) - 1))  # nearest rank
    return sorted_values[k]


def summarise(samples: list[Sample], wall: float) -> dict[str, dict[str, Any]]:
    groups: dict[str, list[Sample]] = defaultdict(list)
    for s in samples:
        groups[s.label].append(s)
    groups["overall"] = list(samples)
    out = {}
    for label, group in groups.items():
        ms = sorted(s.latency * 1000 for s in group)
        out[label] = {
            "n": len(group),
            "errors": sum(1 for s in group if s.status != 200),
            "statuses": dict(sorted(Counter(str(s.status) for s in group).items())),  # 0: no answer
            "rate": round(len(group) / wall, 1),
            "p50_ms": round(percentile(ms, 50), 1),
            "p90_ms": round(percentile(ms, 90), 1),
            "p99_ms": round(percentile(ms, 99), 1),
            "max_ms": round(ms[-1], 1) if ms else None,
            "kept_share": round(sum(s.cache == "hit" for s in group) / len(group), 3) if group else None,
            "stale_share": round(sum(s.cache == "stale" for s in group) / len(group), 3) if group else None,
        }
    return out


def cold_pass(base: str, timeout: float) -> list[Sample]:
    """Every distinct query of the mix once, one at a time, on an idle server that has kept no
    answer for it: the cost of a query the server must compute."""
    import httpx

    out = []
    with httpx.Client(base_url=base, timeout=timeout) as client:
        for label, path, _ in request_mix():
            t0 = time.perf_counter()
            status, cache = ask(client, path)
            out.append(Sample(label, path, time.perf_counter() - t0, status, cache))
    return out


def warm_pass(base: str, timeout: float, repeats: int = 8) -> int:
    """Ask every distinct query ``repeats`` times, each on a new connection: the kernel spreads
    connections over the server processes, so each process very likely keeps every answer, as a
    server that has run for a while has. Returns how many answers were computed (misses)."""
    import http.client
    from urllib.parse import urlsplit

    where = urlsplit(base)
    misses = 0
    for _, path, _ in request_mix():
        for _ in range(repeats):
            conn = http.client.HTTPConnection(where.hostname, where.port, timeout=timeout)
            try:
                conn.request("GET", path)
                r = conn.getresponse()
                r.read()
                misses += r.getheader("x-frontlines-cache") == "miss"
            finally:
                conn.close()
    return misses


def slowest_paths(samples: list[Sample], k: int = 8) -> list[tuple[str, float, int]]:
    by_path: dict[str, list[float]] = defaultdict(list)
    for s in samples:
        by_path[s.path].append(s.latency * 1000)
    ranked = sorted(by_path.items(), key=lambda kv: -sorted(kv[1])[len(kv[1]) // 2])
    return [(p, round(sorted(v)[len(v) // 2], 1), len(v)) for p, v in ranked[:k]]


def print_table(table: dict[str, dict[str, Any]]) -> None:
    head = (f"{'endpoint':<18}{'n':>7}{'errors':>8}{'req/s':>8}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}"
            f"{'max ms':>9}{'kept':>7}{'stale':>7}")
    print(head)
    print("-" * len(head))
    for label, r in table.items():
        print(
            f"{label:<18}{r['n']:>7}{r['errors']:>8}{r['rate']:>8}{r['p50_ms']:>9}"
            f"{r['p90_ms']:>9}{r['p99_ms']:>9}{r['max_ms']:>9}{r['kept_share']:>7}{r['stale_share']:>7}"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, default=1_000_000, help="events in the generated store")
    ap.add_argument("--rate", type=float, default=200.0, help="requests per second (open loop)")
    ap.add_argument("--seconds", type=float, default=20.0, help="how long to send")
    ap.add_argument("--warmup", type=float, default=3.0, help="seconds of load before measuring, at the same rate")
    ap.add_argument("--prime-timeout", type=float, default=120.0,
                    help="wait this long for each query of the pass before the load (a small store builds its situation picture then)")
    ap.add_argument("--timeout", type=float, default=10.0, help="per request; a timeout counts as an error")
    ap.add_argument("--rebuild", action="store_true", help="generate the store again even if cached")
    ap.add_argument("--server-workers", type=int, default=2, help="frontlines serve --workers (processes)")
    ap.add_argument("--write-every", type=float, default=0.0,
                    help="also write to the store every this many seconds during the load (0: no writes)")
    ap.add_argument("--db", help="use (and fill, if empty) this store instead of the cached SQLite file")
    ap.add_argument("--cache-dir", default=str(CACHE_DIR), help="where generated stores are kept")
    ap.add_argument("--json", help="also write the results here")
    args = ap.parse_args()

    print(f"store: {args.events:,} events ...", flush=True)
    url, gen_seconds = ensure_store(args.events, args.rebuild, args.db, Path(args.cache_dir))
    if gen_seconds is None:
        print(f"store: reusing {url}")
    else:
        print(f"store: generated {url} in {gen_seconds:.1f} s")
    # The rows went in by bulk insert, not through fuse(), which refreshes the planner's
    # statistics itself: do what it would have done.
    from frontlines.store import Store

    t0 = time.perf_counter()
    with Store.open(url) as store:
        store.optimize()
    print(f"store: planner statistics refreshed in {time.perf_counter() - t0:.1f} s")

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server_log = Path(tempfile.gettempdir()) / f"bench-api-server-{port}.log"
    proc = start_server(url, port, server_log, args.server_workers)
    try:
        ready = wait_ready(proc, base, server_log)
        print(f"server: {base} answering after {ready:.1f} s")
        # The first requests on a store small enough for it build the situation picture
        # (cached until the store changes): the long timeout lets them.
        cold = cold_pass(base, args.prime_timeout)
        cold_table = summarise(cold, sum(c.latency for c in cold))
        print(f"\neach distinct query once, one at a time, nothing kept ({len(cold)} queries):")
        print_table({k: v for k, v in cold_table.items() if k != "overall"})
        repeats = 8
        misses = warm_pass(base, args.prime_timeout, repeats)
        print(f"\nwarm pass: every query {repeats} times on new connections, {misses} computed "
              "(the other server process's first answers)")
        if args.warmup > 0:
            drive(base, args.rate, args.warmup, args.timeout, seed=3)
        load_before = os.getloadavg()
        writer = Writer(url, args.write_every) if args.write_every > 0 else None
        try:
            samples, wall = drive(base, args.rate, args.seconds, args.timeout)
        finally:
            writes = writer.stop() if writer is not None else 0
        load_after = os.getloadavg()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    errors_logged = server_log.read_text(errors="replace").count("Traceback")
    print(f"server log: {server_log} ({errors_logged} tracebacks)")
    table = summarise(samples, wall)
    if args.write_every > 0:
        print(f"\n{writes} writes to the store during the load, one every {args.write_every:g} s")
    print(
        f"\nopen loop at {args.rate:g} req/s for {args.seconds:g} s on loopback; load average "
        f"{load_before[0]:.2f} before, {load_after[0]:.2f} after (1 min; {os.cpu_count()} cores)"
    )
    print_table(table)
    overall = table["overall"]
    verdict = "meets" if overall["p99_ms"] < TARGET_P99_MS and overall["errors"] == 0 else "misses"
    print(f"\noverall p99 {overall['p99_ms']} ms: {verdict} the target (p99 < {TARGET_P99_MS:g} ms, no errors)")
    slow = slowest_paths(samples)
    print("slowest queries (median ms, n):")
    for path, med, n in slow:
        print(f"  {med:>8} {n:>5}  {path}")
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "events": args.events,
                    "store": url,
                    "generation_seconds": gen_seconds,
                    "rate": args.rate,
                    "seconds": args.seconds,
                    "loadavg_before": load_before,
                    "loadavg_after": load_after,
                    "cpus": os.cpu_count(),
                    "server_workers": args.server_workers,
                    "write_every": args.write_every,
                    "writes": writes,
                    "cold": cold_table,
                    "endpoints": table,
                    "slowest": slow,
                    "target_p99_ms": TARGET_P99_MS,
                    "meets_target": verdict == "meets",
                },
                indent=2,
            ),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
