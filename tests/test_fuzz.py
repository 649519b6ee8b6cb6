"""Fuzzing the readers: HTML pages, RSS/Atom feeds, JSON Lines (ingest, annotate, geoparse), WARC.

Every reader either gives its result or raises the named ``BadInput``; nothing else escapes, nothing
hangs. ``annotate_lines`` and ``geoparse_lines`` answer every input line, in order, with offsets inside
the text. Two settings profiles, picked by the environment variable HYPOTHESIS_PROFILE: ``ci`` (the
default: few examples, derandomized, the module in well under a minute) and ``long`` (what
``bench/fuzz_campaign.py`` runs).
"""

from __future__ import annotations

import json
import os
import signal
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from frontlines.errors import BadInput
from frontlines.records import Document, document_id

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
          HealthCheck.function_scoped_fixture, HealthCheck.large_base_example]
settings.register_profile("ci", max_examples=10, derandomize=True, database=None, print_blob=True,
                          deadline=timedelta(seconds=20), suppress_health_check=_QUIET)
settings.register_profile("long", max_examples=200, derandomize=False, database=None, print_blob=True,
                          deadline=timedelta(seconds=20), suppress_health_check=_QUIET)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
if PROFILE not in ("ci", "long"):
    PROFILE = "ci"
HANG_SECONDS = 30  # an example still running after this is a hang, whatever the machine's load

# Examples run per target, for the campaign's report (test-side bookkeeping only).
EXECUTED: Counter[str] = Counter()


def fuzz_settings(ci_examples: int, long_examples: int) -> settings:
    base = settings.get_profile(PROFILE)
    return settings(base, max_examples=ci_examples if PROFILE == "ci" else long_examples)


class Hang(Exception):
    """An example ran longer than HANG_SECONDS."""


@contextmanager
def hard_deadline(seconds: float = HANG_SECONDS) -> Iterator[None]:
    """Interrupt a runaway example (hypothesis's own deadline only judges it after it returns)."""
    def alarm(_signum: int, _frame: Any) -> None:
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# ---------------------------------------------------------------- strategies

# Text that exercises the readers: prose words, markup characters, controls, RTL marks, emoji,
# combining marks, and the odd escape.
WORDS = ["rebels", "shelled", "the", "city", "of", "Aleppo", "on", "Monday", "killing", "12",
         "civilians", "Goma", "said", "army", "&amp;", "&#0;", "&#xD800;", "&nbsp;", "<", ">",
         "\u202e", "\u200b", "\ufeff", "\x00", "\x0b", "\r", "\n", "\t", "𝕏", "💥", "é", "ß",
         "ـ", "中文", "\\", '"', "'", "]]>", "<!--", "-->", "\\ud800", "İ"]
prose = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=40).map(" ".join)

TAGS = ["html", "head", "body", "title", "meta", "p", "div", "span", "article", "main", "section",
        "a", "table", "tr", "td", "ul", "li", "h1", "h2", "time", "script", "style", "noscript",
        "iframe", "svg", "math", "template", "br", "img", "form", "header", "nav", "footer", "figure",
        "blockquote", "pre", "xmp", "plaintext", "frameset", "x-custom", "p:p", ""]
ATTRS = ["charset", "lang", "content", "property", "name", "datetime", "href", "class", "id", "src",
         "http-equiv", "itemprop", "type", "dir"]
ATTR_VALUES = st.one_of(
    st.sampled_from(["utf-8", "utf-16", "latin-1", "undefined", "unicode_escape", "punycode", "x-bogus",
                     "shift_jis", "utf-7", "og:title", "article:published_time", "2025-13-45",
                     "0001-01-01T00:00:00+05:00", "9999-12-31", "en", "ar", "rtl",
                     "javascript:alert(1)", "http://[::1", "//", "text/html; charset=utf-32"]),
    st.text(max_size=20),
)


def _attrs(draw: st.DrawFn) -> str:
    pairs = draw(st.lists(st.tuples(st.sampled_from(ATTRS), ATTR_VALUES), max_size=3))
    quote = draw(st.sampled_from(['"', "'", ""]))
    return "".join(f" {k}={quote}{v}{quote}" for k, v in pairs)


@st.composite
def html_fragment(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4 if depth < 3 else 1))):
        kind = draw(st.integers(0, 9))
        if kind <= 3 or depth >= 4:
            parts.append(draw(prose))
        elif kind == 4:
            parts.append(draw(st.sampled_from(["<!doctype html>", "<?xml version='1.0' encoding='undefined'?>",
                                               "<![CDATA[x", "<!-- c", "</p>", "</div></div></html>",
                                               "<p" * 50, "<div>" * 300, "&#99999999;", "<!DOCTYPE"])))
        else:
            tag = draw(st.sampled_from(TAGS))
            inner = draw(html_fragment(depth + 1))
            close = draw(st.booleans())
            parts.append(f"<{tag}{_attrs(draw)}>{inner}" + (f"</{tag}>" if close else ""))
    return "".join(parts)


ENCODINGS = ["utf-8", "utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1", "shift_jis", "koi8-r", "utf-8-sig"]


@st.composite
def html_bytes(draw: st.DrawFn) -> bytes:
    page = draw(html_fragment())
    if draw(st.booleans()):
        # Usually what a real page has: enough prose for trafilatura to find an article.
        page = f"<html><head><title>{draw(prose)}</title></head><body><article><p>{draw(prose)} " \
               f"{' '.join(WORDS[:20])}.</p>{page}<p>{draw(prose)}</p></article></body></html>"
    data = page.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    cut = draw(st.integers(0, len(data)))
    return data[:cut] if draw(st.integers(0, 9)) == 0 else data  # sometimes a truncated download


@st.composite
def feed_bytes(draw: st.DrawFn) -> bytes:
    def field() -> str:
        return draw(st.one_of(prose, html_fragment(), st.sampled_from(
            ["", "http://example.org/a", "/relative/path", "javascript:x", "http://[::1", "Mon, 99 Foo 2025",
             "2025-02-30T25:61:00Z", "0001-01-01T00:00:00+05:00", "<![CDATA[<p>x</p>]]>", "&undefined;"])))

    atom = draw(st.booleans())
    items = []
    for _ in range(draw(st.integers(0, 4))):
        if atom:
            items.append(f"<entry><title>{field()}</title><link href=\"{field()}\"/><updated>{field()}</updated>"
                         f"<content type=\"html\">{field()}</content></entry>")
        else:
            items.append(f"<item><title>{field()}</title><link>{field()}</link><pubDate>{field()}</pubDate>"
                         f"<description>{field()}</description></item>")
    head = draw(st.sampled_from(["<?xml version=\"1.0\"?>", "<?xml version=\"1.0\" encoding=\"undefined\"?>",
                                 "<?xml version=\"1.0\" encoding=\"utf-16\"?>", "", "\ufeff",
                                 ("<!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">"
                                  "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]>"),
                                 "<!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"]))
    body = "".join(items)
    if atom:
        doc = f"{head}<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>{field()}</title>{body}</feed>"
    else:
        doc = f"{head}<rss version=\"2.0\"><channel><title>{field()}</title>{body}</channel></rss>"
    data = doc.encode(draw(st.sampled_from(["utf-8", "utf-16", "cp1252"])), errors="replace")
    return data[: draw(st.integers(0, len(data)))] if draw(st.integers(0, 5)) == 0 else data


JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
              prose, st.sampled_from(["2025-01-15", "0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00",
                                      "2025-02-30", "yesterday", ""])),
    lambda children: st.one_of(st.lists(children, max_size=3), st.dictionaries(st.text(max_size=6), children, max_size=3)),
    max_leaves=8,
)


@st.composite
def jsonl_line(draw: st.DrawFn, *, spans: bool = False) -> str:
    """One input line: usually a plausible document object, sometimes anything at all."""
    kind = draw(st.integers(0, 9))
    if kind == 0:
        return draw(st.text(max_size=60))  # not JSON, or JSON of the wrong shape
    if kind == 1:
        return draw(st.sampled_from(["", "   ", "[" * 5000 + "]" * 5000, '{"text": ' + "[" * 3000 + "}",
                                     '{"id": ' + "1" * 5000 + ', "text": "x"}', '{"id": "a\\udc00", "text": "x"}',
                                     '{"id": "s", "text": "Goma \\ud800 attacked", "spans": [[0, 4]]}',
                                     '{"id": 1, "text": "In Aleppo.", "spans": [[Infinity, 1]]}', "null", "[]",
                                     '{"text": "Fighting near Aleppo.", "published": "0001-01-01T00:00:00+05:00"}']))
    obj: dict[str, Any] = {}
    if draw(st.booleans()):
        obj["id"] = draw(st.one_of(st.text(max_size=10), st.integers(), JSON_VALUES))
    text = draw(st.one_of(prose, JSON_VALUES))
    obj["text"] = text
    for key in ("published", "outlet", "url", "title"):
        if draw(st.integers(0, 3)) == 0:
            obj[key] = draw(JSON_VALUES)
    if spans and isinstance(text, str) and draw(st.booleans()):
        n = max(len(text), 1)
        obj["spans"] = draw(st.lists(st.one_of(
            st.tuples(st.integers(-2, n + 2), st.integers(-2, n + 2)).map(list),
            JSON_VALUES), max_size=4))
    line = json.dumps(obj, ensure_ascii=draw(st.booleans()), allow_nan=True)
    return line


# ---------------------------------------------------------------- HTML

@given(data=st.one_of(html_bytes(), st.binary(max_size=3000), html_fragment().map(str)),
       url=st.sampled_from([None, "https://www.example.org/a/b.html", "http://[::1", "not a url", "https://x.y/" + "a" * 3000]),
       charset=st.sampled_from([None, "utf-8", "undefined", "unicode_escape", "bogus", "utf-16", "koi8-r"]))
@fuzz_settings(60, 150)
@example(data=b'<meta charset="undefined"><p>' + b"word " * 30 + b"</p>", url=None, charset=None)
@example(data=b'<meta charset="unicode_escape"><p>\\ud800 ' + b"word " * 30 + b"</p>", url=None, charset=None)
@example(data=b"<div>" * 5000 + b"<p>" + b"deep words " * 20, url=None, charset=None)
def test_html_reader_gives_a_document_or_bad_input(data: bytes | str, url: str | None, charset: str | None) -> None:
    from frontlines.ingest import document_from_html

    EXECUTED["html"] += 1
    with hard_deadline():
        try:
            doc = document_from_html(data, url=url, item="fuzz page", declared_charset=charset)
        except BadInput as exc:
            assert exc.item == "fuzz page" and exc.cause
            return
    assert isinstance(doc, Document) and doc.text.strip()
    assert doc.id == document_id(doc.text)
    doc.text.encode("utf-8")  # a stored document is always valid text
    json.dumps(doc.to_dict())


# ---------------------------------------------------------------- RSS / Atom

@given(data=st.one_of(feed_bytes(), st.binary(max_size=2000)),
       base=st.sampled_from([None, "https://example.org/feed.xml", "http://[::1"]))
@fuzz_settings(60, 200)
@example(data=b'<?xml version="1.0" encoding="undefined"?><rss version="2.0"><channel><item><link>/a</link>'
              b"</item></channel></rss>", base="https://example.org/")
@example(data=b'<rss version="2.0"><channel><item><link>http://a.example/</link>'
              b"<pubDate>9999-12-31T23:59:59-05:00</pubDate></item></channel></rss>", base=None)
@example(data=b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title><!--</title><link href=""/><updated>'
              b'</updated><content type="html"></content></entry><entry><title></title><link href=""/><updated>'
              b'</updated><content type="html">--></content></entry></feed>', base=None)
def test_feed_parser_gives_items_or_bad_input(data: bytes, base: str | None) -> None:
    from frontlines.ingest.feeds import FeedItem, parse_feed

    EXECUTED["feed"] += 1
    with hard_deadline():
        try:
            items = parse_feed(data, "fuzz feed", base_url=base)
        except BadInput as exc:
            assert exc.item == "fuzz feed"
            return
    assert all(isinstance(i, FeedItem) for i in items)
    assert [i.index for i in items] == list(range(1, len(items) + 1))
    for item in items:
        assert item.link is None or isinstance(item.link, str)
        assert item.published is None or item.published.tzinfo is not None


# ---------------------------------------------------------------- ingest's JSON Lines

@given(lines=st.lists(st.one_of(jsonl_line(), st.binary(max_size=80).map(lambda b: b.replace(b"\n", b""))),
                      max_size=6))
@fuzz_settings(60, 300)
def test_ingest_jsonl_gives_a_document_or_error_per_line(tmp_path_factory: pytest.TempPathFactory,
                                                         lines: list[str | bytes]) -> None:
    from frontlines.ingest.files import iter_jsonl

    EXECUTED["ingest_jsonl"] += 1
    raw = [line if isinstance(line, bytes) else line.replace("\n", " ").encode("utf-8", "surrogatepass")
           for line in lines]
    path = tmp_path_factory.mktemp("jsonl") / "in.jsonl"
    path.write_bytes(b"\n".join(raw))
    with hard_deadline():
        out = list(iter_jsonl(path, max_line_bytes=4096))
    expected = [n for n, line in enumerate(raw, start=1) if line.strip()]
    assert [item for item, _ in out] == [f"{path} line {n}" for n in expected]
    for _, outcome in out:
        assert isinstance(outcome, Document | BadInput)
        if isinstance(outcome, Document):
            outcome.text.encode("utf-8")
            assert outcome.id == document_id(outcome.text)


# ---------------------------------------------------------------- annotate and geoparse contracts


def _check_line_contract(lines: list[str], out: list[dict[str, Any]]) -> None:
    assert len(out) == len(lines)  # one answer per line, blank lines included
    for line, result in zip(lines, out):
        json.dumps(result, ensure_ascii=False).encode("utf-8")  # what the CLI writes must be writable
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError):
            obj = None
        if "error" in result:
            assert isinstance(result["error"], str) and result["error"].startswith("line ")
            continue
        assert isinstance(obj, dict) and isinstance(obj.get("text"), str)
        if obj.get("id") is not None:
            assert result["id"] == str(obj["id"]) or result["id"] == obj["id"]  # same order, same document


def _check_span(text: str, start: int, end: int, quoted: str) -> None:
    assert 0 <= start <= end <= len(text), (start, end, len(text))
    assert text[start:end] == quoted


@given(lines=st.lists(jsonl_line(), min_size=1, max_size=4))
@fuzz_settings(15, 60)
@example(lines=['{"id": "x", "text": "' + "a " * 510_000 + '"}', '{"id": "ok", "text": "Rebels shelled Goma."}'])
def test_annotate_lines_contract(lines: list[str]) -> None:
    from frontlines.extract import annotate_lines

    EXECUTED["annotate"] += 1
    with hard_deadline(HANG_SECONDS * 2):
        out = list(annotate_lines(lines))
    _check_line_contract(lines, out)
    for line, result in zip(lines, out):
        if "error" in result:
            continue
        text = json.loads(line)["text"]
        for event in result["events"]:
            ev = event["evidence"]
            _check_span(text, ev["start"], ev["end"], ev["text"])
            assert event["modality"] in {"asserted", "claimed", "expected", "hypothetical", "denied"}
        for place in result["places"]:
            _check_span(text, place["start"], place["end"], place["text"])


@given(lines=st.lists(jsonl_line(spans=True), min_size=1, max_size=4))
@fuzz_settings(20, 100)
def test_geoparse_lines_contract(lines: list[str]) -> None:
    from frontlines.geo import geoparse_lines

    EXECUTED["geoparse"] += 1
    with hard_deadline():
        out = list(geoparse_lines(lines))
    _check_line_contract(lines, out)
    for line, result in zip(lines, out):
        if "error" in result:
            continue
        obj = json.loads(line)
        text = obj["text"]
        if obj.get("spans") is not None:
            assert len(result["places"]) == len(obj["spans"])  # one place per given span, same order
        for place in result["places"]:
            _check_span(text, place["start"], place["end"], place["text"])


# ---------------------------------------------------------------- WARC (when the batch stage has a reader)

def _warc_reader() -> Any | None:
    """Plan a WARC's partitions and read them as ``frontlines batch`` does; None without a batch stage."""
    try:
        from frontlines.batch import partitions
    except ImportError:
        return None
    if not all(hasattr(partitions, name) for name in ("plan_partitions", "read_items")):
        return None
    from frontlines.settings import Settings

    def read(path: Path) -> list[Any]:
        plan = partitions.plan_partitions([str(path)], 2)  # a bad archive is a planning error
        if plan.errors:
            raise BadInput(str(path), f"cannot read ({plan.errors[0]})")
        return [r for part in plan.partitions for r in partitions.read_items(part, Settings())]

    return read


@pytest.mark.skipif(_warc_reader() is None, reason="no WARC reader in frontlines.batch yet")
# Found by this test: on a file that is no WARC, warcio raised ArchiveLoadFailed out of the planner.
@given(data=st.one_of(st.binary(max_size=2000), st.builds(
    lambda body, length, n: (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x.example/\r\n"
                             b"Content-Type: application/http; msgtype=response\r\nContent-Length: "
                             + str(length if length >= 0 else len(body) + 45).encode()
                             + b"\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
                             + body + b"\r\n\r\n") * n,
    html_bytes(), st.integers(-5, 5000), st.integers(1, 3))))
@fuzz_settings(20, 200)
def test_warc_reader_gives_documents_or_errors(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    from frontlines.ingest import IngestResult

    reader = _warc_reader()
    EXECUTED["warc"] += 1
    path = tmp_path_factory.mktemp("warc") / "in.warc"
    path.write_bytes(data)
    with hard_deadline():
        try:
            results = reader(path)  # type: ignore[misc]
        except BadInput:
            return
    for result in results:
        assert isinstance(result, IngestResult)
        assert (result.document is None) != (result.error is None)


# ---------------------------------------------------------------- the fixed findings, as plain cases

@pytest.mark.parametrize("charset", ["undefined", "unicode_escape", "punycode"])
def test_page_naming_a_non_charset_codec_is_read_or_refused(charset: str) -> None:
    from frontlines.ingest.decode import decode_bytes

    page = f'<meta charset="{charset}"><p>\\ud800 caf\xe9 -- \\N{{x}}</p>'.encode("latin-1")
    try:
        text = decode_bytes(page, "page")
    except BadInput:
        return
    text.encode("utf-8")  # no lone surrogate made out of "\\ud800"
    assert "\\ud800" in text  # read with a real charset, the escape stays as written


def test_blank_geoparse_line_is_answered() -> None:
    from frontlines.geo import geoparse_lines

    out = list(geoparse_lines(["", '{"id": "a", "text": "Fighting in Aleppo.", "spans": [[12, 18]]}']))
    assert out[0]["id"] is None and "empty line" in out[0]["error"]
    assert out[1]["id"] == "a" and out[1]["places"][0]["text"] == "Aleppo"


def test_text_header_with_out_of_range_date_is_bad_input() -> None:
    from frontlines.ingest import document_from_text

    with pytest.raises(BadInput, match="Published"):
        document_from_text(b"Published: 0001-01-01T00:00:00+05:00\n\nSome words here.", "a.txt")
