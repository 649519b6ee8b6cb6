"""The models read only the paragraphs that can hold a report (events.focus_text)."""

from __future__ import annotations

from frontlines.extract import _nlp, _reports, extract_reports
from frontlines.extract.events import focus_text
from frontlines.extract.lexicon import load_lexicon
from frontlines.records import Document

# A long page in the shape of a web article: a headline, an event paragraph among others that
# talk about the weather, the economy and a football match.
PARAGRAPHS = [
    "Market town counts the cost after a hard week",
    "The spring fair opened on Monday with record crowds and sunny weather across the valley.",
    "Farmers said the price of wheat had risen for the third month running.",
    ("Gunmen attacked a police checkpoint outside Kirkuk on Tuesday, killing two officers, "
     "a spokesman for the provincial police said."),
    "The local football team won its match against a visiting side by two goals to one.",
    "",
    "A new bakery on the high street sells bread baked in a wood-fired oven.",
    ("Demonstrators gathered in front of the governor's office in Kirkuk on Wednesday to "
     "demand better protection for the checkpoints."),
    "Next week's forecast promises rain and cooler nights.",
]
PAGE = "\n".join(PARAGRAPHS)


def test_focus_keeps_every_offset_and_blanks_quiet_paragraphs() -> None:
    focused = focus_text(PAGE, load_lexicon())
    assert len(focused) == len(PAGE)
    assert [i for i, c in enumerate(focused) if c == "\n"] == [i for i, c in enumerate(PAGE) if c == "\n"]
    kept = [p for p in focused.split("\n") if p.strip()]
    assert kept[0].startswith("Market town")  # the first paragraph is always read
    assert any(p.startswith("Gunmen attacked") for p in kept)
    assert any(p.startswith("Demonstrators gathered") for p in kept)
    assert not any("football" in p or "wheat" in p or "bakery" in p for p in kept)
    for kept_para in kept:
        assert kept_para in PAGE


def test_a_paragraph_with_only_a_verb_of_taking_is_kept() -> None:
    text = "Headline\nQuiet words about the harvest.\nThe militia took Tal Afar in the night."
    focused = focus_text(text, load_lexicon())
    assert focused.endswith("The militia took Tal Afar in the night.")
    assert "harvest" not in focused


def test_focused_reports_are_those_of_the_whole_text() -> None:
    doc = Document.from_text(PAGE, published="2021-03-14", outlet="Test Wire")
    whole = _reports(doc, _nlp()(doc.text), None)[0]
    focused = extract_reports(doc)

    def key(r):
        return (r.evidence.start, r.evidence.end, r.evidence.text, r.event_type, r.sub_event_type,
                r.location.place.name if r.location else None, r.date, r.fatalities)

    assert [key(r) for r in focused] == [key(r) for r in whole]
    assert [(r.event_type, r.location.place.name, r.fatalities) for r in focused] == [
        ("Battles", "Kirkuk", 2), ("Protests", "Kirkuk", 0)]


def test_a_date_in_a_quiet_paragraph_still_dates_the_report() -> None:
    paragraphs = [
        "Week in review",
        "On 3 March 2021 the river burst its banks near the old mill.",
        "Residents cleared the mud for days.",
        "Later, gunmen shot dead a shopkeeper in Mosul, police said.",
    ]
    text = "\n".join(paragraphs)
    doc = Document.from_text(text, published="2021-03-14")
    assert "3 March" not in focus_text(text, load_lexicon())
    reports = extract_reports(doc)
    assert reports and str(reports[0].date) == "2021-03-03"
