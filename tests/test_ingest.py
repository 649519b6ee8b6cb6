"""ingest: local files (HTML, text, JSON Lines, feeds, folders) and the bad inputs among them."""

from __future__ import annotations

import shutil
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from frontlines.errors import BadInput
from frontlines.ingest import IngestResult, document_from_html, iter_sources
from frontlines.settings import Settings

DATA = Path(__file__).parent / "data" / "ingest"
SETTINGS = Settings()


def ingest(*sources: str | Path, settings: Settings = SETTINGS) -> list[IngestResult]:
    return list(iter_sources([str(s) for s in sources], settings))


def only_error(results: list[IngestResult]) -> str:
    assert len(results) == 1 and results[0].document is None, results
    assert results[0].error and "\n" not in results[0].error
    return results[0].error


def test_html_page_boilerplate_removed_and_metadata_read() -> None:
    doc = document_from_html((DATA / "article.html").read_bytes())
    assert doc.text.startswith("The ferry linking the two shores")
    assert doc.text.endswith("due back from its refit next month.")
    assert "Odile Varga" in doc.text
    for furniture in ("Home", "Politics", "Printer-friendly", "Email this", "Share on",
                      "Tweet", "Copyright", "All rights reserved", "Privacy"):
        assert furniture not in doc.text, furniture
    assert doc.title == "Ferry service resumes on the northern lake"
    assert doc.author == "Mira Kestrel"
    assert doc.outlet == "The Harbour Ledger"
    assert doc.published == datetime(2023, 9, 14, tzinfo=UTC)
    assert doc.url == "https://www.harbourledger.example/region/ferry-service-resumes"
    assert doc.language == "en"


def test_outlet_from_host_when_no_site_name() -> None:
    html = (DATA / "quarry.html").read_text(encoding="utf-8")
    doc = document_from_html(html, url="https://www.dunmarrow-post.example/news/quarry")
    assert doc.outlet == "dunmarrow-post.example"
    assert "Home" not in doc.text and "Sport" not in doc.text
    assert document_from_html(html, outlet="Given Outlet").outlet == "Given Outlet"


def test_same_article_on_two_sites_gets_the_same_id() -> None:
    first, second = ingest(DATA / "article.html", DATA / "article_reprint.html")
    assert first.document and second.document
    assert first.document.id == second.document.id
    assert first.document.outlet != second.document.outlet
    # The reprint has no date; a copyright year is not taken for one.
    assert second.document.published is None


def test_page_with_no_article() -> None:
    error = only_error(ingest(DATA / "no_article.html"))
    assert error.startswith(str(DATA / "no_article.html") + ": no article text")
    with pytest.raises(BadInput, match="no article text"):
        document_from_html("<html><body><p></p></body></html>")


def test_text_file_title_convention(tmp_path: Path) -> None:
    (result,) = ingest(DATA / "bulletin.txt")
    assert result.document is not None
    assert result.document.title == "Road to the quarry closed after landslide"
    assert result.document.text.startswith("A landslide blocked")
    untitled = tmp_path / "untitled.txt"
    untitled.write_text("A single paragraph with no title line.\nIt goes on here.\n", encoding="utf-8")
    (result,) = ingest(untitled)
    assert result.document and result.document.title is None
    assert result.document.text.startswith("A single paragraph")


def test_jsonl_good_lines_and_one_error_per_bad_line() -> None:
    path = DATA / "documents.jsonl"
    results = ingest(path)
    assert len(results) == 7  # eight lines, the blank one skipped
    good = [r.document for r in results if r.document]
    assert [d.title for d in good] == ["Oaks for the river", None, None]
    assert good[0].outlet == "Tressel Gazette" and good[0].url == "https://gazette.example/oaks"
    assert good[0].published == datetime(2023, 10, 7, tzinfo=UTC)
    assert good[2].published == datetime(2023, 11, 2, 9, 15, tzinfo=UTC)
    errors = [r.error for r in results if r.error]
    assert errors == [
        f"{path} line 3: not valid JSON (Invalid control character, column 45)",
        f"{path} line 4: not a JSON object (got list)",
        f'{path} line 5: no "text" string',
        f"{path} line 7: bad \"published\" date 'not a date'",
    ]


def test_folder_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    shutil.copy(DATA / "article.html", tmp_path / "b" / "ferry.html")
    shutil.copy(DATA / "bulletin.txt", tmp_path / "a.txt")
    shutil.copy(DATA / "quarry.html", tmp_path / ".hidden" / "quarry.html")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    results = ingest(tmp_path)
    assert [Path(r.source).relative_to(tmp_path).as_posix() for r in results] == ["a.txt", "b/ferry.html"]
    assert all(r.document for r in results)
    (empty := tmp_path / "empty").mkdir()
    assert "folder has no" in only_error(ingest(empty))


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "x.bin"
    path.write_bytes(b"\x00\x01\x02\x03binary\x00data" * 100)
    assert only_error(ingest(path)) == f"{path}: binary file, not text or HTML"
    pdf = tmp_path / "report.html"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    assert only_error(ingest(pdf)) == f"{pdf}: binary file (PDF document), not text or HTML"


def test_empty_files(tmp_path: Path) -> None:
    for name in ("empty.html", "empty.txt", "empty.jsonl"):
        (tmp_path / name).write_bytes(b"")
        assert only_error(ingest(tmp_path / name)) == f"{tmp_path / name}: empty file"
    (tmp_path / "blank.txt").write_text("  \n\n ", encoding="utf-8")
    assert "empty file" in only_error(ingest(tmp_path / "blank.txt"))


def test_missing_path() -> None:
    assert only_error(ingest("/no/such/place.html")).endswith("no such file, folder or URL")


def test_latin1_page_decoded() -> None:
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        "<title>Caf\u00e9 reopens</title></head><body><article>"
        "<p>The caf\u00e9 on the square at Sainte-\u00c9lise reopened on Friday after the flood, "
        "and its owner, Ren\u00e9e Marchal, served cr\u00eapes to the first forty customers free "
        "of charge.</p><p>The municipal architect said the building was sound and that repairs to "
        "the fa\u00e7ade would start in the spring, once the walls had dried.</p>"
        "</article></body></html>"
    ).encode("latin-1")
    doc = document_from_html(html)
    assert "Ren\u00e9e Marchal" in doc.text and "fa\u00e7ade" in doc.text
    assert "\ufffd" not in doc.text


def test_latin1_text_file_without_declaration(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes(
        "The r\u00e9gion's caf\u00e9s and h\u00f4tels stayed open during the strike, the "
        "chamber of commerce said on Tuesday.\n".encode("latin-1")
    )
    (result,) = ingest(path)
    assert result.document and "caf\u00e9s" in result.document.text


def test_undecodable_text(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(1, 9)) * 400)  # control bytes, no NUL: no encoding makes text
    assert only_error(ingest(path)) == f"{path}: not valid text in any encoding we tried"


def test_oversized_file_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: no 50 MB actually written
    start = time.perf_counter()
    error = only_error(ingest(path))
    assert time.perf_counter() - start < 0.5
    assert error == f"{path}: file too large (52,428,800 bytes, limit 20,000,000)"


def test_local_feed_item_without_link(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        "<item><title>Orphan</title><description>No link here.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    assert only_error(ingest(path)) == f"{path} item 1: feed item ('Orphan') has no link"


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "data.xml"
    path.write_text('<?xml version="1.0"?><catalogue><book>One</book></catalogue>', encoding="utf-8")
    assert only_error(ingest(path)) == f"{path}: XML file is not an RSS or Atom feed"


def test_jsonl_line_not_utf8_and_line_too_long(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        '{"text": "Le caf\u00e9 a rouvert."}\n'.encode("latin-1")
        + b'{"text": "' + b"word " * 50 + b'"}\n'
        + b'{"text": "The harbour wall was repaired before the winter storms arrived."}\n'
    )
    results = ingest(path, settings=SETTINGS.with_overrides(max_file_bytes=200))
    assert results[0].error == f"{path} line 1: not UTF-8 (invalid continuation byte at byte 17)"
    assert results[1].error == f"{path} line 2: line longer than the limit of 200 bytes"
    assert results[2].document and results[2].document.text.startswith("The harbour wall")


def test_text_file_headers_give_outlet_date_and_title(tmp_path) -> None:
    from frontlines.ingest import document_from_text

    data = (b"Title: Night of shelling in the old town\nOutlet: Valley Relief Network\n"
            b"Published: 2019-04-02\n\nShells landed near the market overnight, residents said.\n")
    doc = document_from_text(data, "note.txt")
    assert (doc.title, doc.outlet) == ("Night of shelling in the old town", "Valley Relief Network")
    assert doc.published is not None and doc.published.date().isoformat() == "2019-04-02"
    assert doc.text.startswith("Shells landed")


def test_text_file_bad_published_header_is_a_clear_error() -> None:
    import pytest

    from frontlines.errors import BadInput
    from frontlines.ingest import document_from_text

    with pytest.raises(BadInput, match="Published"):
        document_from_text(b"Outlet: X\nPublished: last spring\n\nSome text about a clash.\n", "n.txt")


def test_text_without_headers_keeps_the_title_convention() -> None:
    from frontlines.ingest import document_from_text

    doc = document_from_text(b"Clashes near the dam\n\nFighters exchanged fire near the dam.\n", "t.txt")
    assert doc.title == "Clashes near the dam" and doc.outlet is None
