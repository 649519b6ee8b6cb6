"""``Store.add_documents_with_reports``: the bulk, all-or-nothing write that `load` uses."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from test_crash import world_doc, world_reports

from frontlines.errors import StoreError
from frontlines.records import Report
from frontlines.store import Store


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store.open(store_url) as s:
        yield s


def items(start: int, stop: int) -> list:
    out = []
    for i in range(start, stop):
        d = world_doc(i)
        out.append((d, world_reports(d, i)))
    return out


def test_bulk_write_is_idempotent_and_keeps_report_order(store: Store) -> None:
    batch = items(0, 12)
    assert store.add_documents_with_reports(batch + batch[:2]) == (12, 0)  # a repeat inside a batch
    assert store.add_documents_with_reports(items(6, 18)) == (6, 6)
    assert store.count_documents() == 18
    d, reports = batch[3]
    assert [r.id for r in store.get_reports(d.id)] == [r.id for r in reports]
    assert store.get_document(d.id).outlet == d.outlet


def test_bulk_write_is_all_or_nothing(store: Store) -> None:
    batch = items(0, 8)
    d, reports = batch[-1]
    bad = {**reports[0].to_dict(), "fatalities": 10**30}  # no integer column holds it
    bad["evidence"] = {"start": 1, "end": 9, "text": d.text[1:9]}
    broken = Report.from_dict(bad)
    batch[-1] = (d, [*reports, broken])
    with pytest.raises(StoreError):
        store.add_documents_with_reports(batch)
    assert store.count_documents() == 0


def test_two_writers_with_overlapping_batches_store_each_document_once(store: Store) -> None:
    errors: list[BaseException] = []

    def write(start: int) -> None:
        try:
            for k in range(start, start + 40, 10):
                store.add_documents_with_reports(items(k, k + 10))
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(s,)) for s in (0, 20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert store.count_documents() == 60
    for d, reports in items(0, 60):
        assert len(store.get_reports(d.id)) == len(reports)
