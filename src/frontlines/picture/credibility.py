"""Information credibility (Admiralty 1-6) from corroboration, copies and denials."""

from __future__ import annotations

from frontlines.picture.model import Credibility
from frontlines.picture.rules import GradingRules
from frontlines.picture.sources import SourceGroup, Sources
from frontlines.records import Report, slugify

FACT = ("asserted", "claimed")
PREDICTION = ("expected", "hypothetical")


def denial_voices(denials: list[Report], sources: Sources) -> set[str]:
    """Distinct voices denying: the quoted speaker when there is one, else the outlet."""
    voices = set()
    for r in denials:
        speaker = r.attribution.speaker if r.attribution and r.attribution.speaker else None
        voices.add(f"speaker:{slugify(speaker)}" if speaker else f"outlet:{sources.outlet_of(r)}")
    return voices


def grade_reports(
    event_id: str,
    support: list[Report],
    denials: list[Report],
    sources: Sources,
    rules: GradingRules,
    *,
    against: int = 0,
    prediction: bool = False,
) -> tuple[Credibility, list[SourceGroup]]:
    """Grade one event (or one control change) from its supporting and denying reports.

    ``against`` adds independent sources that contradict it otherwise (an outcome contradiction).
    """
    labels = rules.credibility_labels
    groups = sources.groups(support)
    voices = len(denial_voices(denials, sources)) + against
    n = len(groups)
    copies = sum(len(g.copies) for g in groups)
    copied_from = {
        sources.outlet_name(c): g.name for g in groups for c in sorted(g.copies)
    }
    names = [g.name for g in groups]

    def make(grade: int, reason: str) -> Credibility:
        if copies:
            reason += f"; not counted as independent: {', '.join(f'{c} (copy of {o})' for c, o in copied_from.items())}"
        return Credibility(
            event_id, grade, labels.get(grade, str(grade)), n, copies, voices, reason, names, copied_from
        )

    if prediction and n == 0:
        return make(6, "an expectation or hypothetical, not a statement of fact"), groups
    if n == 0:
        if voices:
            return make(5, "only denials of it are on record"), groups
        return make(6, "no statement of fact supports it"), groups

    confirming = set(rules.cred("confirming_grades"))
    enough = n >= int(rules.cred("confirmed_min_sources")) and (
        any(g.grade in confirming for g in groups) or n >= int(rules.cred("confirmed_min_any_grade"))
    )
    listed = ", ".join(names)
    if enough:
        if voices:
            return make(2, f"{n} independent sources ({listed}) but denied by {voices}"), groups
        return make(1, f"confirmed by {n} independent sources ({listed})"), groups
    if n >= 2:
        if voices:
            return make(3, f"{n} sources of low or unknown reliability ({listed}), denied by {voices}"), groups
        return make(2, f"{n} independent sources of low or unknown reliability ({listed})"), groups

    g = groups[0]
    if voices:
        return make(4, f"one source ({g.name}, grade {g.grade}) against {voices} denial(s)"), groups
    if not g.asserted:
        return make(3, f"a claim relayed by one source ({g.name}, grade {g.grade}), not corroborated"), groups
    if g.grade in set(rules.cred("probable_single_grades")):
        return make(2, f"asserted by one reliable source ({g.name}, grade {g.grade}), not yet corroborated"), groups
    if g.grade in set(rules.cred("unjudged_single_grades")):
        return make(6, f"one source whose reliability cannot be judged ({g.name}, grade {g.grade})"), groups
    if g.grade in set(rules.cred("doubtful_single_grades")):
        return make(4, f"one unreliable source ({g.name}, grade {g.grade}), not corroborated"), groups
    return make(3, f"one source ({g.name}, grade {g.grade}), not corroborated"), groups
