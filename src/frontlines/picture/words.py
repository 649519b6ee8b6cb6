"""Short English sentences about events, for contradictions, alerts and situation reports.

Plain templates per ACLED sub-event type (and Strategic-development tag); the actor and place
names are the record's. A prediction is always phrased as one ("is expected to ...").
"""

from __future__ import annotations

import re
from datetime import date

from frontlines.records import Event

# sub-event type or tag -> (fact phrase, expected phrase); {a1} {a2} {place} are filled in.
_PHRASES: dict[str, tuple[str, str]] = {
    "Non-state actor overtakes territory": ("{a1} took control of {place}{from_a2}", "{a1} is expected to take {place}"),
    "Government regains territory": ("{a1} regained control of {place}{from_a2}", "{a1} is expected to retake {place}"),
    "Non-violent transfer of territory": ("{place} passed to {a1} without fighting", "{place} is expected to pass to {a1}"),
    "Armed clash": ("{a1} clashed with {a2} in {place}", "fighting is expected in {place}{by_a1}"),
    "Air/drone strike": ("air or drone strikes{by_a1} hit {place}", "air strikes{by_a1} are expected on {place}"),
    "Shelling/artillery/missile attack": ("shelling or missile fire{by_a1} hit {place}", "shelling{by_a1} is expected in {place}"),
    "Suicide bomb": ("a suicide bombing{by_a1} struck {place}", "a suicide attack is expected in {place}"),
    "Remote explosive/landmine/IED": ("an explosive device{by_a1} went off in {place}", "bombings are expected in {place}"),
    "Grenade": ("a grenade attack{by_a1} took place in {place}", "grenade attacks are expected in {place}"),
    "Chemical weapon": ("a chemical weapon{by_a1} was used in {place}", "chemical weapons are expected to be used in {place}"),
    "Attack": ("{a1} attacked civilians in {place}", "attacks on civilians are expected in {place}"),
    "Abduction/forced disappearance": ("{a1} abducted people in {place}", "abductions are expected in {place}"),
    "Sexual violence": ("sexual violence{by_a1} was reported in {place}", "sexual violence is feared in {place}"),
    "Peaceful protest": ("protesters demonstrated peacefully in {place}", "protests are expected in {place}"),
    "Protest with intervention": ("a protest in {place} was broken up{by_a1}", "protests are expected in {place}"),
    "Excessive force against protesters": ("{a1} used excessive force against protesters in {place}", "a crackdown on protesters is feared in {place}"),
    "Violent demonstration": ("a violent demonstration took place in {place}", "unrest is expected in {place}"),
    "Mob violence": ("mob violence broke out in {place}", "mob violence is feared in {place}"),
    "Agreement": ("an agreement was reached{by_a1} concerning {place}", "an agreement is expected concerning {place}"),
    "Arrests": ("{a1} made arrests in {place}", "arrests are expected in {place}"),
    "Headquarters or base established": ("{a1} established a base in {place}", "{a1} is expected to establish a base in {place}"),
    "Looting/property destruction": ("property was destroyed or looted{by_a1} in {place}", "destruction of property is feared in {place}"),
    "Disrupted weapons use": ("a weapon was disrupted or defused in {place}", "weapons disruption is expected in {place}"),
    # Strategic-development tags (more telling than the sub-type "Other")
    "retreat": ("{a1} withdrew from {place}", "{a1} is expected to withdraw from {place}"),
    "withdrawal": ("{a1} withdrew from {place}", "{a1} is expected to withdraw from {place}"),
    "deployment": ("{a1} deployed forces to {place}", "{a1} is expected to deploy forces to {place}"),
    "reinforcement": ("{a1} sent reinforcements to {place}", "{a1} is expected to send reinforcements to {place}"),
    "intervention": ("{a1} intervened in {place}", "{a1} is expected to intervene in {place}"),
    "displacement": ("people were displaced from or around {place}", "further displacement is expected around {place}"),
    "siege": ("{a1} besieged {place}", "{a1} is expected to besiege {place}"),
}
_TAG_ORDER = ("retreat", "withdrawal", "deployment", "reinforcement", "intervention", "displacement", "siege")
_PAREN = re.compile(r"\s*\((?:\d{4}-\d{4}|\d{4}-)\)")


def actor_name(name: str | None) -> str | None:
    """An actor's name for prose: the dictionary's period in brackets dropped."""
    if not name:
        return None
    return _PAREN.sub("", name).strip() or name


def place_name(event: Event) -> str:
    if event.location is None:
        return "an unspecified place"
    p = event.location.place
    where = p.name
    if event.location.geo_precision == 2:
        where = f"the area of {where}"
    return where


def _key(event: Event) -> str:
    for tag in _TAG_ORDER:
        if tag in event.tags and (event.event_type == "Strategic developments" or tag in ("retreat", "withdrawal")) and (
            event.sub_event_type not in _PHRASES or event.event_type == "Strategic developments"
        ):
            return tag
    return event.sub_event_type or ""


def clause(event: Event, *, expected: bool | None = None, capitalize: bool = True) -> str:
    """What happened, as a clause without a final stop ("Islamic State took control of Tadmur")."""
    expected = event.modality == "expected" if expected is None else expected
    a1 = actor_name(event.actor1.name if event.actor1 else None)
    a2 = actor_name(event.actor2.name if event.actor2 else None)
    key = _key(event)
    fact, predicted = _PHRASES.get(key, ("", ""))
    template = predicted if expected else fact
    if not template:
        what = (event.sub_event_type or event.event_type).lower()
        template = (
            "{what} is expected in {place}{by_a1}" if expected else "{what} in {place}{by_a1}"
        ).replace("{what}", what)
    if key == "Armed clash" and not expected and not a2:
        template = "fighting involving {a1} took place in {place}" if a1 else "fighting took place in {place}"
    if "{a1}" in template and not a1:
        a1 = "unidentified forces" if event.event_type in ("Battles", "Violence against civilians") else "an unidentified actor"
    if "{a2}" in template and not a2:
        template = template.replace(" with {a2}", "")
    text = template.format(
        a1=a1 or "",
        a2=a2 or "",
        place=place_name(event),
        by_a1=f" by {a1}" if a1 else "",
        from_a2=f" from {a2}" if a2 and key in ("Non-state actor overtakes territory", "Government regains territory") else "",
    )
    return text[0].upper() + text[1:] if capitalize else text


def day_text(d: date | None) -> str:
    return f"{d.day} {d.strftime('%B')} {d.year}" if d else "an unknown date"


def short_day(d: date | None) -> str:
    return f"{d.day} {d.strftime('%b')}" if d else "date unknown"


def join_names(names: list[str]) -> str:
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def fatalities_text(event: Event) -> str:
    if event.fatalities is None:
        return ""
    low, high = event.fatalities_low, event.fatalities_high
    if low is not None and high is not None and high > low:
        return f"at least {event.fatalities} killed (reports range {low}-{high})"
    if event.fatalities == 0:
        return ""
    return f"{event.fatalities} killed" if event.fatalities != 1 else "1 killed"
