"""extract stage: a Document in, Reports out (one per event mention, each with its evidence).

Also the ``annotate`` contract (DESIGN.md): JSON lines in, one JSON object per line out.
"""

from __future__ import annotations

import json
import multiprocessing
import os
from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from frontlines.errors import BadInput
from frontlines.geo import get_gazetteer
from frontlines.records import Document, Report, Toponym, _parse_datetime, document_id

from .actors import find_mentions, load_actor_dictionary
from .country_words import load_country_words
from .events import actors_countries, build_reports, focus_text
from .lexicon import load_lexicon
from .places import find_toponyms

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "annotate_batch",
    "annotate_document",
    "annotate_lines",
    "annotate_lines_parallel",
    "document_from_json",
    "extract_reports",
    "extract_reports_many",
]

BATCH_SIZE = 64
# spaCy's own limit (nlp.max_length): a longer text makes nlp.pipe raise, ending the whole run.
MAX_TEXT_CHARS = 1_000_000


def _nlp() -> Any:
    """The shared pipeline with the parser (it also ends sentences at line breaks: nlp.py)."""
    from frontlines.nlp import get_nlp

    return get_nlp(parser=True)


# ``model``: a directory written by ``frontlines train`` (learned.py); None is the rule-based default.
ModelDir = str | os.PathLike[str] | None


def _retype(model: ModelDir, doc: Document, reports: list[Report]) -> list[Report]:
    if model is None:
        return reports
    from .learned import load_model

    return load_model(model).retype(doc, reports)


def _reports(doc: Document, sdoc: Doc, model: ModelDir) -> tuple[list[Report], list[Toponym]]:
    """The document's reports and its toponyms, from its parsed text (``sdoc`` reads
    ``doc.text`` or its ``focus_text``: the places are those the models read)."""
    dictionary = load_actor_dictionary()
    actors = find_mentions(sdoc, dictionary)  # read once: a prior for the places, then the actors
    cue = load_country_words().country(sdoc.text)  # the text's own words: read once, used twice
    prior = actors_countries(actors, dictionary) or (cue.countries if cue else ())
    toponyms = find_toponyms(sdoc.text, sdoc, prior)
    reports = build_reports(doc, sdoc, toponyms, load_lexicon(), dictionary, actors, cue)
    return _retype(model, doc, reports), toponyms


def _analyse(doc: Document, sdoc: Doc, model: ModelDir = None) -> dict[str, Any]:
    reports, toponyms = _reports(doc, sdoc, model)
    return {
        "id": doc.id,
        "events": [r.to_annotation() for r in reports],
        "places": [t.to_dict() for t in toponyms],
    }


def _focus(doc: Document) -> str:
    return focus_text(doc.text, load_lexicon())


def extract_reports(doc: Document, model: ModelDir = None) -> list[Report]:
    """The document's event reports, ordered by salience ([0] is the main event).

    The models read only the paragraphs that can hold a report and the first one
    (``events.focus_text``): on long pages a third of the cost. The reports are the same
    ones; where a report's own paragraph names no place, its place is looked for among the
    places of the paragraphs read. ``annotate`` reads everything, as its "places" list
    covers the whole text."""
    return _reports(doc, _nlp()(_focus(doc)), model)[0]


def extract_reports_many(docs: Sequence[Document], model: ModelDir = None) -> list[list[Report] | Exception]:
    """``extract_reports`` over many documents, parsed together with ``nlp.pipe`` (batches
    amortise spaCy's per-call overhead). One entry per document, in order: its reports, or the
    exception its extraction raised, so one bad document does not cost the others theirs."""
    nlp = _nlp()
    out: list[list[Report] | Exception] = []
    for start in range(0, len(docs), BATCH_SIZE):
        chunk = docs[start:start + BATCH_SIZE]
        # A text over spaCy's limit would make nlp.pipe raise for the whole chunk.
        fits = [i for i, d in enumerate(chunk) if len(d.text) <= nlp.max_length]
        try:
            parsed = dict(zip(fits, nlp.pipe((_focus(chunk[i]) for i in fits), batch_size=BATCH_SIZE)))
        except Exception:  # noqa: BLE001 - a component failing on one text: redo the chunk one by one
            parsed = {}
        for i, doc in enumerate(chunk):
            try:
                sdoc = parsed.get(i)
                out.append(_reports(doc, sdoc, model)[0] if sdoc is not None else extract_reports(doc, model))
            except Exception as exc:  # noqa: BLE001 - reported per document, as extract_reports raises
                out.append(exc)
    return out


def annotate_document(doc: Document, model: ModelDir = None) -> dict[str, Any]:
    """The ``annotate`` output for one document: {"id", "events", "places"}."""
    return _analyse(doc, _nlp()(doc.text), model)


def document_from_json(obj: Any, line_no: int = 0) -> Document:
    """One ``annotate`` input object to a Document; BadInput names what is wrong."""
    where = f"line {line_no}"
    if not isinstance(obj, dict):
        raise BadInput(where, f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise BadInput(where, 'no "text" (a non-empty string is required)')
    if len(text) > MAX_TEXT_CHARS:
        raise BadInput(where, f'"text" longer than {MAX_TEXT_CHARS:,} characters ({len(text):,})')
    ident = obj.get("id")
    try:
        published = _parse_datetime(obj.get("published"))
    except (TypeError, ValueError, OverflowError):  # overflow: year 1 or 9999 shifted by a time zone
        raise BadInput(where, f'bad "published" {obj.get("published")!r} (expected YYYY-MM-DD)') from None
    meta = {k: obj.get(k) if isinstance(obj.get(k), str) else None for k in ("outlet", "url", "title")}
    return Document(id=str(ident) if ident is not None else document_id(text), text=text,
                    published=published, **meta)


def _error(line_no: int, ident: Any, cause: str) -> dict[str, Any]:
    return {"id": ident, "error": f"line {line_no}: {cause}"}


def _lone_surrogate(obj: Any) -> str | None:
    """The JSON escape of a lone surrogate in ``obj`` ("\\ud800"): valid JSON, but not text that
    spaCy can read or that can be written back out as UTF-8."""
    try:
        json.dumps(obj, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as e:
        return f"\\u{ord(e.object[e.start]):04x}"
    return None


def _parse_line(line: str, line_no: int) -> Document | dict[str, Any]:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        return _error(line_no, None, f"not JSON ({e.msg})")
    except (RecursionError, ValueError) as e:  # nested too deeply; a number of over 4300 digits
        return _error(line_no, None, f"not usable JSON ({type(e).__name__}: {str(e)[:100]})")
    ident = obj.get("id") if isinstance(obj, dict) else None
    if (bad := _lone_surrogate(obj)) is not None:
        return _error(line_no, None if _lone_surrogate(ident) else ident,
                      f"not valid Unicode (a lone surrogate {bad})")
    try:
        return document_from_json(obj, line_no)
    except BadInput as e:
        return _error(line_no, ident, e.cause)


def annotate_lines(lines: Iterable[str], model: ModelDir = None) -> Iterator[dict[str, Any]]:
    """The CLI contract: one JSON line in, one dict out, same order; a bad line gets an error."""
    nlp = _nlp()
    chunk: list[Document | dict[str, Any]] = []

    def flush() -> Iterator[dict[str, Any]]:
        docs = [d for d in chunk if isinstance(d, Document)]
        parsed = iter(nlp.pipe((d.text for d in docs), batch_size=BATCH_SIZE))
        for item in chunk:
            if isinstance(item, Document):
                sdoc = next(parsed)
                try:
                    yield _analyse(item, sdoc, model)
                except Exception as e:  # noqa: BLE001 - one bad document must not end the run
                    yield {"id": item.id, "error": f"extract failed: {type(e).__name__}: {e}"}
            else:
                yield item
        chunk.clear()

    line_no = 0
    for line_no, line in enumerate(lines, start=1):
        if not line.strip():
            chunk.append(_error(line_no, None, "empty line"))
        else:
            chunk.append(_parse_line(line, line_no))
        if len(chunk) >= BATCH_SIZE:
            yield from flush()
    yield from flush()


def _annotate_chunk(docs: list[Document], model: ModelDir = None) -> list[dict[str, Any]]:
    nlp = _nlp()
    out = []
    for doc, sdoc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=BATCH_SIZE)):
        try:
            out.append(_analyse(doc, sdoc, model))
        except Exception as e:  # noqa: BLE001 - one bad document must not end the run
            out.append({"id": doc.id, "error": f"extract failed: {type(e).__name__}: {e}"})
    return out


def _warm(model: ModelDir = None) -> None:
    _nlp()
    if model is not None:
        from .learned import load_model

        load_model(model)
    load_lexicon()
    load_actor_dictionary()
    get_gazetteer()


def annotate_batch(docs: list[Document], n_process: int = 1, model: ModelDir = None) -> list[dict[str, Any]]:
    """Annotate many documents; ``n_process`` > 1 spreads them over worker processes.

    Each worker loads the model once (inherited by fork when the parent has it already).
    """
    if n_process <= 1 or len(docs) < 2 * BATCH_SIZE:
        return _annotate_chunk(docs, model)
    n_process = min(n_process, os.cpu_count() or 1) or 1
    size = max(BATCH_SIZE, len(docs) // (n_process * 4) or 1)
    chunks = [docs[i:i + size] for i in range(0, len(docs), size)]
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    if method == "fork":
        _warm(model)  # children inherit the loaded model instead of each loading it
    ctx = multiprocessing.get_context(method)
    model = os.fspath(model) if model is not None else None  # a path crosses the process boundary cheaply
    with ctx.Pool(n_process, initializer=_warm, initargs=(model,)) as pool:
        results = pool.map(partial(_annotate_chunk, model=model), chunks)
    return [r for chunk in results for r in chunk]


def annotate_lines_parallel(lines: Iterable[str], n_process: int, chunk_lines: int = 2048,
                            model: ModelDir = None) -> Iterator[dict[str, Any]]:
    """``annotate_lines`` over several worker processes; same output, same order."""
    chunk: list[Document | dict[str, Any]] = []

    def flush() -> Iterator[dict[str, Any]]:
        docs = [d for d in chunk if isinstance(d, Document)]
        done = iter(annotate_batch(docs, n_process=n_process, model=model))
        for item in chunk:
            yield next(done) if isinstance(item, Document) else item
        chunk.clear()

    for line_no, line in enumerate(lines, start=1):
        chunk.append(_error(line_no, None, "empty line") if not line.strip() else _parse_line(line, line_no))
        if len(chunk) >= chunk_lines:
            yield from flush()
    yield from flush()
