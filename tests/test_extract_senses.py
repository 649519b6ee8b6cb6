"""Ordinary news is no conflict: words of violence used in another sense (a match won, a film
shot, a disease that kills, a fire crew's battle) and the meetings, deals and deployments of
peaceful life make no event; the same words among armed men still do."""

from __future__ import annotations

import pytest

NOT_EVENTS = [
    # the fighting of a war told only as a scene of another story
    "The ministry dismissed a report accusing it of arming rebels fighting in the eastern provinces.",
    "Aid agencies said two million people had fled their homes as fighting between the two armies drags on.",
    "Wheat futures climbed 3% on Thursday as fighting between the two navies spread along the coast.",
    "Grain traders were nervous on Monday as fighting along the border raised fears for the harvest.",
    # a state's sanctions on another's commanders are no curfew or ban of its own
    "The European Union imposed sanctions on two militia commanders on Monday, its foreign ministers said.",
    # an institution named after a crime
    "The Commission on Enforced Disappearance held its first hearing in the capital on Monday.",
    # games
    "Brazil beat Argentina 3-1 in Saturday's qualifier.",
    "Spain beat Portugal on Tuesday night.",
    "She sank a jump shot at the buzzer to seal the win.",
    "The guard was always ready to shoot a three-pointer.",
    "Lindqvist made 31 saves and Moreau added a goal as the Hawks beat the Lions for a third straight win.",
    "The mayor's aide beat out two rivals for the vacant council seat.",
    "A kitchen fire killed an elderly man in his flat on Sunday.",
    # a film, a disease, the weather, a road accident
    "The crew spent a week shooting a documentary in the old port.",
    "A cholera outbreak has killed dozens of people in the region this month.",
    "A tornado destroyed homes and a school in the county.",
    "A pedestrian was struck and killed by a car on the coastal highway.",
    "He died of a heart attack at his home on Sunday.",
    # fights that are no one's violence, and violence that is talk
    "Firefighters battled the blaze for six hours.",
    "The senator faces an uphill battle in the primary.",
    "The charity runs a shelter for victims of domestic violence.",
    "Detectives executed a search warrant at the house on Friday.",
    "Over four decades she built a body of work admired by critics.",
    "The two candidates ran against each other in the last election.",
    "She fought to get funding for the new library.",
    "The debate took a confrontational turn after midnight.",
    # a market's rally, an address's block, a product's demonstration
    "Stocks staged a broad rally on Friday after the jobs report.",
    "Neighbours in the 300 block of Elm Street reported a loud noise.",
    "The chef gave a cooking demonstration at the fair.",
    "The court agreed to delay the execution of the convicted man until the appeal is heard.",
    "The chief executive will hand over the reins to her deputy next month.",
    "The space agency is pushing back the date of the launch to next spring.",
    "The campaign's advertising is targeted at younger voters.",
    "The study demonstrates that reading aloud helps children learn.",
    "The shares regained the €1.80 level in late trading.",
    "The project ran into a cost overrun of two million dollars.",
    "The two teams will clash again in the second leg next week.",
    "Supernova explosions shaped the early galaxies.",
    "Officers executed two search warrants at the farm.",
    "Two Highway Patrol troopers were monitoring the flooded roads.",
    "The council voted to buy a larger patrol car for the constable.",
    # weapons named, not used
    "The airline ordered 30 new jets worth nine billion dollars.",
    "The kingdom is buying 180 howitzers and a batch of anti-aircraft missiles.",
    "Scientists think an ocean lies beneath the moon's icy shell.",
    "The new watch comes with a 44mm steel case.",
    "Police found a 9mm pistol in the glove box.",
    # meetings, deals, visits and warnings of peaceful life
    "The town council will hold a meeting on Tuesday to discuss the school budget.",
    "The two airlines signed an agreement to share routes across the Atlantic.",
    "Weather officials warned that the storm could bring heavy snow overnight.",
    "The minister visited a new textile factory in the capital.",
    # a figure of speech
    "The young striker set the league alight in his first season.",
    "The government is pulling out of the missile treaty and building a missile shield.",
]


@pytest.mark.parametrize("text", NOT_EVENTS)
def test_other_senses_and_peaceful_news_make_no_event(extract, text: str) -> None:
    assert [(r.sub_event_type, r.evidence.text) for r in extract(text)] == []


STILL_EVENTS = [
    ("Change to group/activity", "Troops were deployed to the border town after the elections."),
    ("Agreement", "The rebels and the government signed a ceasefire agreement."),
    ("Other", "Thousands of families poured across the border on Sunday, fleeing the fighting."),
    ("Attack", "Soldiers beat a farmer to death at a checkpoint."),
    ("Attack", "Gunmen stormed the village at dawn, killing five people."),
    ("Armed clash", "The army engaged militants in a fire fight near the border."),
    ("Attack", "A man was shot dead by unknown gunmen outside a bar."),
    ("Change to group/activity", "Soldiers began to patrol the border villages after the elections."),
    ("Mob violence", "Two rival groups hurled stones at each other in the market."),
    ("Peaceful protest", "Teachers staged a rally in the city on Thursday to press their demands."),
    ("Shelling/artillery/missile attack", "Heavy artillery fire was reported in the southern suburbs."),
    ("Shelling/artillery/missile attack", "Militants fired several mortar rounds towards the army base."),
    ("Air/drone strike", "Government aircraft targeted a market in the rebel-held town."),
    # a crowd that lays siege to an office or a factory protests (a gherao); armed men who lay
    # siege to a town do not
    ("Peaceful protest", "Hundreds of workers laid siege to the factory gates demanding their back pay."),
    # a game's crowd that fights is a riot, however many of sport's words the sentence has
    ("Mob violence", "Two fans were killed when rival supporters clashed after the league match."),
    # a road death behind a protest is no attack
    ("Peaceful protest", "Commuters blocked the ring road after a nurse lost her life in a road accident."),
    ("Peaceful protest", "Villagers blocked the highway after a speeding lorry killed a schoolboy."),
    # fighting that is the story stays a battle, and so does a war told as the event
    ("Armed clash", "Heavy fighting between the army and the rebels killed twelve people near the river on Monday."),
    ("Armed clash", "Two killed in ethnic fighting near the river."),
    # (soldiers who drive the rebels from a town regain it)
    ("Government regains territory", "Soldiers drove the rebels from the town on Monday, ending a four-month battle for the port."),
    # ... but a bomb in a bus that killed is still a bomb
    ("Remote explosive/landmine/IED", "A bomb blast in a crowded bus killed at least ten passengers on Sariab road."),
]


@pytest.mark.parametrize(("sub", "text"), STILL_EVENTS)
def test_the_same_words_among_armed_men_still_make_events(extract, sub: str, text: str) -> None:
    reports = extract(text)
    assert reports and reports[0].sub_event_type == sub, [(r.sub_event_type, r.evidence.text) for r in reports]

