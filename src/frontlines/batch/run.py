"""``run_batch``: ingest + extract over many partitions on Dask, results as Parquet partitions.

The work of one partition (``process_partition``) is a plain function of picklable arguments:
it reads the items with the ingest stage, extracts reports with the extract stage, and writes
the partition's files. Dask only schedules it. A worker loads the NLP pipeline once, when it
starts (``WarmPipeline``), and every task on it reuses the cached pipeline
(``frontlines.nlp.get_nlp`` is behind ``lru_cache``). A partition's documents go through spaCy
together (``extract_reports_many``, i.e. ``nlp.pipe``), not one call per document.

With a remote scheduler the workers write the output folder themselves, so it must be a path
that every worker sees (a shared file system), as with any Dask job writing Parquet.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from frontlines.batch.output import PartitionOutput, is_done, write_partition
from frontlines.batch.partitions import Partition, plan_partitions, read_items, work_order
from frontlines.errors import BadInput
from frontlines.records import Document, Report
from frontlines.settings import Settings

QUIET_LOCAL_CLUSTER = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "500ms",
    "distributed.admin.system-monitor.interval": "2s",
}
_WARM_TEXT = "Warm-up. Soldiers shelled the town of Aleppo on Monday, a monitor said."


@dataclass(frozen=True)
class BatchOptions:
    scheduler: str | None = None  # tcp://host:port of a running Dask scheduler; None: local cluster
    workers: int = 2  # worker processes of the local cluster
    partition_size: int = 500  # items per partition
    settings: Settings = field(default_factory=Settings)


@dataclass
class BatchSummary:
    partitions: int = 0
    skipped: int = 0  # finished by an earlier run
    processed: int = 0
    failed: list[str] = field(default_factory=list)  # "<partition id>: <cause>"
    documents: int = 0
    reports: int = 0
    errors: int = 0  # items that gave an error row
    cpu_seconds: float = 0.0  # CPU time the workers spent on the partitions processed
    plan_errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    # ``seconds`` split three ways, so a rate can leave out the fixed costs of a run:
    startup_seconds: float = 0.0  # starting or reaching the cluster, workers loading the pipeline
    processing_seconds: float = 0.0  # first partition submitted to last result received
    shutdown_seconds: float = 0.0  # closing the client and the local cluster
    driver_cpu_seconds: float = 0.0  # this process's CPU while processing (client + local scheduler)

    @property
    def ok(self) -> bool:
        return not self.failed and not self.plan_errors


def warm_pipeline() -> None:
    """Load everything extraction needs (spaCy pipeline, lexicons, gazetteer) in this process."""
    from frontlines.extract import extract_reports

    extract_reports(Document.from_text(_WARM_TEXT))


def process_partition(part: dict[str, Any], out_dir: str, settings: Settings) -> dict[str, Any]:
    """Ingest and extract one partition and write its files; returns its marker info.

    A bad item (unreadable, not an article, extraction failing) becomes an error row and the
    partition goes on; a document whose extraction failed is left out, so a later run can
    still store it with its reports.
    """
    from frontlines.extract import extract_reports_many

    partition = Partition.from_dict(part)
    started, cpu_started = time.perf_counter(), time.process_time()
    read: list[tuple[str, Document]] = []
    seen: set[str] = set()
    errors: list[tuple[str, str]] = []
    for result in read_items(partition, settings):
        doc = result.document
        if result.error or doc is None:
            errors.append((result.source, result.error or "no document"))
            continue
        if doc.id in seen:  # the same article twice in one partition
            continue
        seen.add(doc.id)
        read.append((result.source, doc))
    docs: list[Document] = []
    reports: dict[str, list[Report]] = {}
    for (source, doc), found in zip(read, extract_reports_many([d for _, d in read]), strict=True):
        if isinstance(found, Exception):  # one bad document must not end the partition
            errors.append((source, f"extraction failed: {type(found).__name__}: {found}"))
            continue
        docs.append(doc)
        reports[doc.id] = found
    cpu = time.process_time() - cpu_started  # on a shared machine, CPU time says more than wall time
    seconds = time.perf_counter() - started
    # when and where it ran (Unix time, worker process), to see how the work was spread
    info = {"partition": partition.to_dict(), "started": round(time.time() - seconds, 3),
            "worker": f"{socket.gethostname()}:{os.getpid()}", "seconds": round(seconds, 3),
            "cpu_seconds": round(cpu, 3)}
    write_partition(Path(out_dir), partition.id, PartitionOutput(docs, reports, errors), info)
    return {"id": partition.id, "documents": len(docs), "errors": len(errors),
            "reports": sum(len(r) for r in reports.values()), "cpu_seconds": cpu}


def _warm_plugin() -> Any:
    from distributed.diagnostics.plugin import WorkerPlugin

    class WarmPipeline(WorkerPlugin):
        """Loads the NLP pipeline when a worker starts, once per worker process."""

        name = "frontlines-warm-pipeline"

        def setup(self, worker: Any) -> None:
            warm_pipeline()

    return WarmPipeline()


def _client(options: BatchOptions) -> Any:
    import dask
    from distributed import Client, LocalCluster

    if options.scheduler:
        return Client(options.scheduler, timeout="30s")
    # Housekeeping nobody reads in a batch run, which takes the GIL from the task thread or a
    # core from the workers. A worker's statistical profiler samples the task thread's stack
    # every 10 ms: on this extraction it cost about 8 % of a worker's throughput (bench_batch.py,
    # one worker, 40-41 -> 44.4 docs/s). Every process checks its event loop's health every 20 ms
    # and samples its system use every 500 ms (for a dashboard this cluster does not start): an
    # idle 2-worker cluster used 0.63 CPU-s in 9 s so, 0.11-0.26 at 500 ms and 2 s, and on
    # 2 cores that time is taken from the workers. The nannies hand the configuration to the
    # worker processes they start here.
    with dask.config.set(QUIET_LOCAL_CLUSTER):
        cluster = LocalCluster(
            n_workers=options.workers,
            threads_per_worker=1,  # spaCy holds the GIL: one task per process
            processes=True,
            dashboard_address=None,
            silence_logs=40,  # logging.ERROR: the CLI reports progress itself
        )
    return Client(cluster)


def run_batch(
    inputs: list[str],
    out_dir: Path,
    options: BatchOptions,
    on_partition: Callable[[str, str | None], None] | None = None,
) -> BatchSummary:
    """Plan the partitions of ``inputs``, skip those finished in ``out_dir`` by an earlier run,
    and process the rest on Dask. ``on_partition(id, error)`` is called as each one ends."""
    started = time.perf_counter()
    plan = plan_partitions(inputs, options.partition_size)
    summary = BatchSummary(partitions=len(plan.partitions), plan_errors=plan.errors)
    out_dir.mkdir(parents=True, exist_ok=True)
    todo, seen = [], set()
    for part in plan.partitions:
        if part.id in seen:  # the same input named twice
            continue
        seen.add(part.id)
        if is_done(out_dir, part.id):
            summary.skipped += 1
        else:
            todo.append(part)
    if todo:
        _run_on_dask(work_order(todo), out_dir, options, summary, on_partition)
    summary.seconds = time.perf_counter() - started
    return summary


def _run_on_dask(
    todo: list[Partition],
    out_dir: Path,
    options: BatchOptions,
    summary: BatchSummary,
    on_partition: Callable[[str, str | None], None] | None,
) -> None:
    from distributed import as_completed

    started = time.perf_counter()
    try:
        client = _client(options)
    except OSError as exc:
        raise BadInput(options.scheduler or "local cluster", f"cannot start Dask ({exc})") from exc
    try:
        if not options.scheduler:  # count every local worker's start in start-up, none in processing
            client.wait_for_workers(options.workers, timeout=120)
        client.register_plugin(_warm_plugin())  # returns when every worker has run setup()
        summary.startup_seconds = time.perf_counter() - started
        processing, driver_cpu = time.perf_counter(), time.process_time()
        futures = {
            client.submit(
                process_partition, part.to_dict(), str(out_dir.resolve()), options.settings,
                pure=False, retries=1,
            ): part.id
            for part in todo
        }
        for future in as_completed(futures):
            part_id = futures[future]
            error = None
            try:
                done = future.result()
            except Exception as exc:  # noqa: BLE001 - a failed partition is reported, others go on
                error = f"{type(exc).__name__}: {exc}"
                summary.failed.append(f"{part_id}: {error}")
            else:
                summary.processed += 1
                summary.documents += done["documents"]
                summary.reports += done["reports"]
                summary.errors += done["errors"]
                summary.cpu_seconds += done["cpu_seconds"]
            if on_partition is not None:
                on_partition(part_id, error)
            future.release()
        summary.processing_seconds = time.perf_counter() - processing
        summary.driver_cpu_seconds = time.process_time() - driver_cpu
    finally:
        closing = time.perf_counter()
        cluster = getattr(client, "cluster", None)
        client.close()
        if cluster is not None:
            cluster.close()
        summary.shutdown_seconds = time.perf_counter() - closing


def summary_dict(summary: BatchSummary) -> dict[str, Any]:
    return {**asdict(summary), "seconds": round(summary.seconds, 2)}
