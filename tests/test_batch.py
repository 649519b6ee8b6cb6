"""`frontlines batch` on a real Dask LocalCluster (worker processes), then `load` into real stores.

One cluster run per session (workers load the NLP pipeline, which takes seconds): the input mixes
JSON Lines (with bad lines), a folder of HTML and text files, and a WARC with HTML responses, a
non-HTML response, an empty page and a duplicate article. Texts are invented for these tests.
"""

from __future__ import annotations

import io
import itertools
import json
from dataclasses import replace
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from frontlines.batch import (
    BatchOptions,
    BatchSummary,
    Partition,
    finished_partitions,
    load_output,
    plan_partitions,
    process_partition,
    read_partition,
    run_batch,
    work_order,
)
from frontlines.cli import main
from frontlines.extract import extract_reports
from frontlines.settings import Settings
from frontlines.store import Store

STORIES = [
    ("Rebel fighters shelled the northern districts of Aleppo on Tuesday, killing four civilians, "
     "a local monitor said."),
    ("Government troops retook a hilltop village near Hama on Friday after two days of clashes "
     "with rebel units."),
    "Hundreds of people protested peacefully in central Baghdad on Sunday against power cuts.",
    "An air strike hit a fuel depot outside Idlib on Monday night, residents said.",
    "Police arrested twelve people in Mosul on Wednesday after a market was looted.",
]


def page(title: str, body: str) -> str:
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>{body}</p><p>Witnesses described the scene to reporters later that day, and "
            f"officials promised an inquiry into what happened there.</p></article></body></html>")


def write_warc(path: Path) -> None:
    records = [
        ("https://wire.example/a", "text/html; charset=utf-8", page("Shelling", STORIES[0])),
        ("https://wire.example/robots.txt", "text/plain", "User-agent: *"),
        ("https://wire.example/empty", "text/html", ""),
        ("https://wire.example/b", "text/html", page("Village retaken", STORIES[1])),
        ("https://mirror.example/b", "text/html", page("Village retaken", STORIES[1])),  # a copy
    ]
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, ctype, body in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body.encode()), http_headers=headers))


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("batch-input")
    lines = [json.dumps({"text": t, "outlet": "Test Wire", "published": f"2024-02-0{i + 1}"})
             for i, t in enumerate(STORIES)]
    lines[2:2] = ["this line is not JSON", "", json.dumps({"title": "no text here"})]
    (root / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    folder = root / "pages"
    folder.mkdir()
    (folder / "one.html").write_text(page("Strike on depot", STORIES[3]), encoding="utf-8")
    (folder / "two.txt").write_text("Arrests after looting\n\n" + STORIES[4] + "\n", encoding="utf-8")
    (folder / ".hidden.html").write_text(page("Hidden", "never read"), encoding="utf-8")
    write_warc(root / "crawl.warc.gz")
    return root


def inputs(corpus: Path) -> list[str]:
    return [str(corpus / "wire.jsonl"), str(corpus / "pages"), str(corpus / "crawl.warc.gz")]


@pytest.fixture(scope="session")
def batch_run(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BatchSummary, str]:
    """One partition done in-process first (an earlier, interrupted run), the rest on Dask."""
    out = tmp_path_factory.mktemp("batch-out")
    plan = plan_partitions(inputs(corpus), partition_size=3)
    first = plan.partitions[0]
    process_partition(first.to_dict(), str(out), Settings())
    summary = run_batch(inputs(corpus), out, BatchOptions(workers=2, partition_size=3))
    return out, summary, first.id


def test_plan_is_deterministic_and_sized(corpus: Path) -> None:
    a = plan_partitions(inputs(corpus), partition_size=3)
    b = plan_partitions(inputs(corpus), partition_size=3)
    assert [p.id for p in a.partitions] == [p.id for p in b.partitions]
    kinds = [p.kind for p in a.partitions]
    # 7 non-blank JSONL lines -> 3 partitions; 2 files (hidden one skipped) -> 1; 4 HTML responses -> 2
    assert kinds == ["jsonl", "jsonl", "jsonl", "files", "warc", "warc"]
    assert not a.errors
    assert plan_partitions([str(corpus / "nothing-here")], 3).errors


def test_partitions_weigh_their_items_and_bytes_and_the_heaviest_run_first(corpus: Path) -> None:
    parts = plan_partitions(inputs(corpus), partition_size=3).partitions
    assert [p.items for p in parts] == [3, 3, 1, 2, 3, 1]
    jsonl, files, warc = parts[:3], parts[3], parts[4:]
    assert sum(p.size for p in jsonl) == (corpus / "wire.jsonl").stat().st_size
    assert files.size == sum((corpus / "pages" / n).stat().st_size for n in ("one.html", "two.txt"))
    # a WARC partition spans its records up to the next partition's first one, or the file's end
    assert warc[0].size == warc[1].offsets[0] - warc[0].offsets[0]
    assert warc[1].size == (corpus / "crawl.warc.gz").stat().st_size - warc[1].offsets[0]
    # the weight orders the work; it is not part of what names a partition
    assert replace(parts[0], items=99, size=1).id == parts[0].id
    assert Partition.from_dict(parts[4].to_dict()) == parts[4]
    order = work_order(parts)
    assert [p.items for p in order] == [3, 3, 3, 2, 1, 1]
    for a, b in itertools.pairwise(order):
        assert a.items > b.items or a.size >= b.size  # as many items: more bytes first
        if a.weight == b.weight:  # equal weights keep the input order
            assert parts.index(a) < parts.index(b)


def test_batch_runs_on_dask_resumes_and_records_errors(batch_run) -> None:
    out, summary, _ = batch_run
    assert summary.ok, summary
    assert (summary.partitions, summary.skipped, summary.processed) == (6, 1, 5)
    assert len(finished_partitions(out)) == 6
    assert not list(out.rglob("*.tmp")), "a temporary file was left behind"
    markers = [json.loads(m.read_text()) for m in (out / "_done").glob("*.json")]
    # where and when each partition ran: this process for the first, Dask workers for the rest
    assert len({m["worker"] for m in markers}) >= 2
    assert all(m["started"] > 1.7e9 for m in markers)
    errors = [row for f in (out / "errors").glob("*.parquet") for row in pq.read_table(f).to_pylist()]
    causes = " | ".join(f"{e['item']}: {e['error']}" for e in errors)
    assert "line 3" in causes and "not valid JSON" in causes
    assert 'no "text"' in causes
    assert "empty page" in causes
    parts = [read_partition(out, p) for p in finished_partitions(out)]
    docs = [d for p in parts for d in p.documents]
    # 5 JSONL stories, 2 files, 3 WARC pages; the text file repeats a JSONL story and the
    # mirror page repeats a WARC page (in another partition): 8 distinct documents
    assert len(docs) == 10
    assert len({d.id for d in docs}) == 8
    assert sum(len(r) for p in parts for r in p.reports.values()) > 0


def test_workers_extract_what_the_stage_extracts_in_process(batch_run) -> None:
    out, _, _ = batch_run
    for part_id in finished_partitions(out):
        part = read_partition(out, part_id)
        for doc in part.documents[:2]:
            mine = [r.to_dict() for r in extract_reports(doc)]
            assert [r.to_dict() for r in part.reports[doc.id]] == mine


def test_rerun_skips_finished_partitions_without_starting_dask(batch_run, corpus: Path) -> None:
    out, _, _ = batch_run
    again = run_batch(inputs(corpus), out, BatchOptions(workers=2, partition_size=3))
    assert (again.processed, again.skipped, again.startup_seconds) == (0, 6, 0.0)


def test_load_is_idempotent(batch_run, store_url: str) -> None:
    out, _, _ = batch_run
    with Store.open(store_url) as store:
        first = load_output(out, store)
        n_docs = store.count_documents()
        assert first.new_documents == n_docs > 0
        assert first.events and first.events > 0
        second = load_output(out, store)
        assert (second.new_documents, second.already_stored) == (0, first.new_documents + first.already_stored)
        assert store.count_documents() == n_docs
        for part_id in finished_partitions(out):
            for doc in read_partition(out, part_id).documents:
                assert len(store.get_reports(doc.id)) == len(read_partition(out, part_id).reports[doc.id])


def test_cli_batch_and_load_report_and_exit_codes(batch_run, corpus: Path, tmp_path: Path) -> None:
    out, _, _ = batch_run
    runner = CliRunner()
    res = runner.invoke(main, ["batch", *inputs(corpus), "--out", str(out), "--partition-size", "3"])
    assert res.exit_code == 0, res.output
    assert "0 processed, 6 already finished" in res.output
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    res = runner.invoke(main, ["load", str(out), "--db", db])
    assert res.exit_code == 0, res.output
    assert "new documents" in res.output and "events in the store" in res.output
    res = runner.invoke(main, ["load", str(tmp_path), "--db", db])
    assert res.exit_code != 0 and "not a batch output folder" in res.output


def test_local_workers_run_without_the_profiler_and_frequent_health_checks() -> None:
    """The profiler samples the task thread's stack every 10 ms under the GIL, the event loop's
    health is checked every 20 ms; a batch run's workers do neither, and the settings reach the
    worker processes, not just this one."""
    import dask

    from frontlines.batch.run import QUIET_LOCAL_CLUSTER, _client

    client = _client(BatchOptions(workers=1))
    try:
        seen = client.run(lambda: [dask.config.get(k) for k in QUIET_LOCAL_CLUSTER])
    finally:
        client.close()
        client.cluster.close()
    assert list(seen.values()) == [list(QUIET_LOCAL_CLUSTER.values())]
    assert dask.config.get("distributed.worker.profile.enabled") is True  # this process untouched
    assert dask.config.get("distributed.admin.tick.interval") == "20ms"
