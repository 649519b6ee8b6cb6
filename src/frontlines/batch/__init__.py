"""batch stage: the same ingest + extract, over many documents in parallel on Dask.

``run_batch(inputs, out_dir, BatchOptions(...))`` splits JSONL, WARC, HTML and text inputs into
deterministic partitions, processes them on a local Dask cluster (or a scheduler by address)
and writes Parquet partitions; a re-run skips the partitions already finished.
``load_output(out_dir, store)`` then loads them into the store, idempotently, and fuses.
This package holds only the glue: reading items, extraction and storage are the stage
functions of ``frontlines.ingest``, ``frontlines.extract`` and ``frontlines.store``.
"""

from frontlines.batch.load import LoadSummary, load_output
from frontlines.batch.output import (
    PartitionOutput,
    finished_partitions,
    read_partition,
    write_partition,
)
from frontlines.batch.partitions import Partition, Plan, plan_partitions, read_items, work_order
from frontlines.batch.run import (
    BatchOptions,
    BatchSummary,
    process_partition,
    run_batch,
    warm_pipeline,
)

__all__ = [
    "BatchOptions",
    "BatchSummary",
    "LoadSummary",
    "Partition",
    "PartitionOutput",
    "Plan",
    "finished_partitions",
    "load_output",
    "plan_partitions",
    "process_partition",
    "read_items",
    "read_partition",
    "run_batch",
    "warm_pipeline",
    "work_order",
    "write_partition",
]
