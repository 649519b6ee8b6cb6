"""Extraction on the bundled sample corpus, checked against its hand-written truth.yaml.

The corpus and truth.yaml are the project's own (src/frontlines/data/sample/). Where the
extract stage does not yet reach the truth, the test pins what it reaches (a floor), so
that a regression fails and an improvement can raise the floor.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from frontlines.records import Document, Report

ROOT = Path(__file__).resolve().parents[1] / "src" / "frontlines" / "data" / "sample"
TRUTH = yaml.safe_load((ROOT / "truth.yaml").read_text(encoding="utf-8"))
FIRST_ARTICLE = date(2015, 5, 14)
# Every name the truth file gives a place (its spellings), plus the demonyms the corpus uses.
PLACE_WORDS = {w.casefold() for k, v in TRUTH["spellings"].items() if k != "Islamic State" for w in [k, *v]} | {
    "homs", "baghdad", "beirut", "raqqa", "anbar", "akcakale", "hasaka", "syrian", "syrians", "kurdish",
    "iraqi", "iraqis", "turkish", "shi'ite", "sunni", "american", "british",
}


def _load() -> dict[str, Document]:
    from frontlines.extract import document_from_json
    from frontlines.ingest import iter_sources
    from frontlines.settings import Settings

    docs: dict[str, Document] = {}
    for r in iter_sources([str(ROOT / "pages"), str(ROOT / "text")], Settings()):
        if r.document is not None:
            docs[str(Path(r.source).relative_to(ROOT))] = r.document
    for n, line in enumerate((ROOT / "wire.jsonl").read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            obj = json.loads(line)
            docs[f"wire.jsonl#{obj['id']}"] = document_from_json(obj, n)
    return docs


@pytest.fixture(scope="module")
def corpus() -> dict[str, tuple[Document, list[Report]]]:
    from frontlines.extract import extract_reports

    return {name: (doc, extract_reports(doc)) for name, doc in _load().items()}


def _with_sentence(corpus, file: str, needle: str) -> tuple[Document, list[Report]]:
    doc, reports = corpus[file]
    at = doc.text.find(needle)
    assert at >= 0, f"{needle!r} not in {file}"
    return doc, [r for r in reports if r.evidence.start <= at < r.evidence.end]


def _place_ok(r: Report, place: str) -> bool:
    names = {place, *TRUTH["spellings"].get(place, [])}
    if r.location is None:
        return False
    got = {r.location.mention, r.location.place.name}
    return any(n.casefold() in g.casefold() or g.casefold() in n.casefold() for n in names for g in got)


def test_corpus_is_complete(corpus) -> None:
    assert len(corpus) == TRUTH["corpus"]["pages"] + 2 + 3


@pytest.mark.parametrize(("file", "place", "actor", "dates"), [
    ("pages/levant-wire/2015-05-17-islamic-state-seizes-ramadi-as-iraqi-forces-pull-out.html",
     "Ramadi", "Islamic State", {date(2015, 5, 17)}),
    ("pages/levant-wire/2015-05-21-islamic-state-takes-palmyra.html",
     "Palmyra", "Islamic State", {date(2015, 5, 20), date(2015, 5, 21)}),
    ("pages/euphrates-tribune/2015-05-21-tadmur-falls-to-isis.html",
     "Palmyra", "Islamic State", {date(2015, 5, 20), date(2015, 5, 21)}),
    pytest.param("pages/levant-wire/2015-06-16-kurdish-led-forces-take-tal-abyad.html",
                 "Tal Abyad", "YPG", {date(2015, 6, 15), date(2015, 6, 16)}),
    pytest.param("pages/newspulse-hub/2015-06-16-kurdish-fighters-take-tal-abyad.html",
                 "Tal Abyad", "YPG", {date(2015, 6, 15), date(2015, 6, 16)},
                 marks=pytest.mark.xfail(reason="'Kurdish fighters' is the YPG in Syria but the Peshmerga in Iraq: "
                                                "the dictionary has no country-aware alias for it yet")),
])
def test_control_changes(corpus, file: str, place: str, actor: str, dates: set[date]) -> None:
    _, reports = corpus[file]
    taken = [r for r in reports if r.sub_event_type == "Non-state actor overtakes territory"
             and r.modality in ("asserted", "claimed")]
    assert taken, [(r.sub_event_type, r.evidence.text) for r in reports]
    r = taken[0]
    assert r.actor1 is not None and actor in r.actor1.name
    assert _place_ok(r, place), r.location
    assert r.date in dates


@pytest.mark.parametrize("item", TRUTH["expectations"], ids=lambda x: x["what"])
def test_expectations_are_expected(corpus, item) -> None:
    _, reports = _with_sentence(corpus, item["file"], item["sentence_contains"])
    assert all(r.modality == "expected" for r in reports), [(r.modality, r.evidence.text) for r in reports]


@pytest.mark.parametrize("item", TRUTH["hypotheticals"], ids=lambda x: x["sentence_contains"][:30])
def test_hypotheticals_are_hypothetical(corpus, item) -> None:
    _, reports = _with_sentence(corpus, item["file"], item["sentence_contains"])
    assert all(r.modality == "hypothetical" for r in reports), [(r.modality, r.evidence.text) for r in reports]


def test_denials_are_denied(corpus) -> None:
    found = 0
    # one sentence of the corpus both denies a loss and announces reinforcements: one report
    # per sentence can be either, not both
    forecasts = {(x["file"], x["sentence_contains"]) for x in TRUTH["expectations"]}
    for item in TRUTH["denials"]:
        doc, reports = _with_sentence(corpus, item["file"], item["sentence_contains"])
        sentence = next(s for s in doc.text.split("\n") if item["sentence_contains"] in s)
        allowed = {"denied", "claimed"} | ({"expected"} if any(f == item["file"] and n in sentence
                                                              for f, n in forecasts) else set())
        assert all(r.modality in allowed for r in reports), [(r.modality, r.evidence.text) for r in reports]
        found += any(r.modality == "denied" for r in reports)
    assert found >= 2  # pinned: sentences like "These allegations are completely false" carry no event cue


def test_no_actor_is_a_place_or_a_demonym(corpus) -> None:
    bad = []
    for name, (doc, reports) in corpus.items():
        for r in reports:
            for a in (r.actor1, r.actor2):
                # a metonym ("Baghdad will send ...") is named by a place and canonicalised away
                if a is not None and (a.name.casefold() in PLACE_WORDS
                                      or a.name == a.mention and a.mention.casefold() in PLACE_WORDS):
                    bad.append((name, a.name, r.evidence.text[:60]))
    assert not bad


def test_no_source_or_noun_phrase_as_actor(corpus) -> None:
    for _, reports in corpus.values():
        for r in reports:
            for a in (r.actor1, r.actor2):
                if a is None:
                    continue
                assert "Observatory" not in a.name
                assert not a.name[:1].islower() and not a.name.startswith("the ")


def test_civilians_never_start_violence(corpus) -> None:
    for _, reports in corpus.values():
        for r in reports:
            if r.event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians"):
                assert r.actor1 is None or r.actor1.inter != 7, r.evidence.text


def test_government_period_follows_the_event_date(corpus) -> None:
    names = {a.name for _, reports in corpus.values() for r in reports for a in (r.actor1, r.actor2) if a}
    dated = [n for n in names if re.search(r"\((\d{4})-(\d{4})?\)", n)]
    assert dated
    for n in dated:
        m = re.search(r"\((\d{4})-(\d{4})?\)", n)
        assert m is not None
        assert int(m.group(1)) <= 2015 and (m.group(2) is None or int(m.group(2)) >= 2015), n


def test_location_is_not_the_dateline(corpus) -> None:
    from frontlines.extract.places import dateline_span

    checked = 0
    for name, (doc, reports) in corpus.items():
        span = dateline_span(doc.text)
        if span is None:
            continue
        checked += 1
        dateline = doc.text[span[0]:span[1]]
        for r in reports:
            if r.location is not None and r.location.mention in dateline \
                    and r.location.mention not in doc.text[span[1]:]:
                assert r.location.geo_precision == 3, (name, r.evidence.text)
    assert checked >= 30


def test_location_is_not_the_base_of_a_source(corpus) -> None:
    for _, reports in corpus.values():
        for r in reports:
            if r.location is not None:
                assert r.location.place.country_code != "GB", r.evidence.text


def test_evidence_never_crosses_a_line_break(corpus) -> None:
    for doc, reports in corpus.values():
        for r in reports:
            assert "\n" not in r.evidence.text
            assert doc.text[r.evidence.start:r.evidence.end] == r.evidence.text


def test_no_event_before_the_campaign(corpus) -> None:
    early = [(r.date, r.evidence.text[:80]) for _, reports in corpus.values() for r in reports
             if r.date is not None and r.date < date(2015, 5, 1)]
    assert not early


@pytest.mark.parametrize("item", TRUTH["relative_dates"], ids=lambda x: f"{x['phrase']}-{x['date']}")
def test_relative_dates(corpus, item) -> None:
    from frontlines.extract.dates import find_dates

    doc, _ = corpus[item["file"]]
    assert doc.published is not None
    found = [d for d in find_dates(doc.text, doc.published.date()) if item["phrase"].lower() in d.text.lower()
             or d.text.lower() in item["phrase"].lower()]
    assert found, item
    if item.get("precision") == "week":
        # a week-precise date is right anywhere in its (Sunday to Saturday) week
        def week(d: date) -> int:
            return (d.toordinal() - date(2015, 1, 4).toordinal()) // 7

        assert week(item["date"]) in {week(d.date) for d in found if d.date}
    else:
        assert item["date"] in {d.date for d in found}


def test_fatalities(corpus) -> None:
    right = 0
    for item in TRUTH["fatalities"]:
        _, reports = _with_sentence(corpus, item["file"], item["sentence_contains"])
        want = item["value"]
        got = {r.fatalities for r in reports}
        # ACLED's 0 for an injured-only report is the contract's null ("no death said")
        right += (want in got) or (want == 0 and None in got) or (want is None and bool(got - {None}))
    print("fatalities right:", right, "of", len(TRUTH["fatalities"]))
    assert right >= 17, right  # pinned floor (of 19)


def test_event_types(corpus) -> None:
    right = 0
    for item in TRUTH["event_types"]:
        _, reports = _with_sentence(corpus, item["file"], item["sentence_contains"])
        want_sub = item.get("sub_event_type")
        ok = [r for r in reports if r.event_type == item["event_type"]
              and (want_sub is None or r.sub_event_type == want_sub)
              and (item.get("tag") is None or item["tag"] in r.tags)]
        right += bool(ok)
        if not ok:
            print("MISS", item["sentence_contains"][:50], [(r.event_type, r.sub_event_type, r.tags) for r in reports])
    print("event types right:", right, "of", len(TRUTH["event_types"]))
    assert right >= 18, right  # pinned floor (of 22)
