"""Each of ACLED's 25 sub-event types is recognised from a sentence written for the test."""

from __future__ import annotations

import pytest

from frontlines.records import SUB_EVENT_TYPES

CASES = [
    ("Armed clash", "Rebels and government troops exchanged fire for two hours near the river crossing."),
    ("Government regains territory", "Government troops recaptured the village of Tamsa from the rebels on Monday."),
    ("Non-state actor overtakes territory", "Fighters of the Northern Liberation Front seized control of the town of Kuru after a night of fighting."),
    # a group's last holding named by what it is, not by a town the gazetteer knows
    ("Non-state actor overtakes territory", "Rebel fighters captured the last militant enclave on the river island after a week of fighting."),
    ("Chemical weapon", "Residents said a chlorine attack on the suburb left dozens struggling to breathe."),
    ("Air/drone strike", "A drone struck a pickup truck on the highway outside the city."),
    ("Suicide bomb", "A suicide bomber detonated his vest at the entrance of the ministry."),
    ("Shelling/artillery/missile attack", "Artillery shelling hit the eastern districts of the town through the night."),
    ("Remote explosive/landmine/IED", "A roadside bomb went off under a minibus on the main road."),
    ("Grenade", "Unknown men hurled a grenade into a crowded bar."),
    ("Sexual violence", "Two women were raped by armed men at a checkpoint."),
    ("Attack", "Gunmen shot dead a shopkeeper in front of his store."),
    ("Abduction/forced disappearance", "Armed men kidnapped a local councillor from his home."),
    ("Peaceful protest", "Nurses held a peaceful protest outside the hospital demanding unpaid wages."),
    ("Protest with intervention", "Police used tear gas to disperse students protesting against fee increases."),
    ("Excessive force against protesters", "Soldiers opened fire on protesters marching to the governor's office, killing three."),
    ("Violent demonstration", "Protesters pelted police with stones and torched two buses."),
    ("Mob violence", "An angry mob lynched a man accused of theft."),
    ("Mob violence", "Opposition activists set fire to a truck near the bus terminal."),
    # a protest turns violent by what the crowd does, however the words are inflected
    ("Violent demonstration", "Students protesting the fee rise throw stones at passing cars."),
    # (rival camps fighting at a campaign rally, no protest: mob violence, as ACLED codes party
    # supporters' fights)
    ("Mob violence", "Supporters of two rival candidates clashed at a campaign rally."),
    ("Violent demonstration", "Traders protesting the new market levy set a fire at the council gate."),
    # blocking roads is how many protests are held; a nationwide blockade is a political strike
    ("Peaceful protest", "Farmers blocked a highway for six hours demanding higher crop prices."),
    ("Peaceful protest", "The opposition alliance's nationwide transport blockade entered its fifth day."),
    # who was hit decides between an attack and a clash, even with armed words nearby
    ("Attack", "Gunmen shot dead a tribal elder near the army checkpoint."),
    ("Armed clash", "Police shot dead two suspected robbers at a roadblock."),
    # an attack on the police is a riot only when a crowd makes it
    ("Armed clash", "Rebels attack police officers at a checkpoint."),
    # "police men" written in two words, a "gun-battle" with a hyphen, an army unit's hill post
    ("Armed clash", "Insurgents attacked two police men guarding the bank and took their rifles."),
    ("Armed clash", "A woman Naxal was shot dead in a gun-battle with security forces in the forest."),
    ("Armed clash", "Troops launched an attack on the 3rd Battalion's camp near the river."),
    # "guns down" is "gunned down" in a headline's present tense
    ("Attack", "Gunman guns down a trader outside his shop in the old town"),
    # a "fire exchange" and "cross-border gunfire" are shots both ways
    ("Armed clash", "On Tuesday night a fire exchange broke out between border guards of the two countries."),
    ("Armed clash", "Soldiers pursued the raiders back over the frontier after cross-border gunfire at dawn."),
    # an ambush is an attack: on a column of troops a clash, on travellers violence against civilians
    ("Armed clash", "Rebels ambushed a government column in the hills west of the town."),
    ("Attack", "Gunmen ambushed a bus carrying traders on the highway, killing two passengers."),
    # a crowd's people hurt in a gunfight were in a fight with guns, not a mob's
    ("Armed clash", "Three party activists were injured in a gunfight with police near the market on Friday."),
    # an abduction told beside an armed clash is the clash's cause or its prelude
    ("Armed clash", "Vigilantes hunting for the abducted farmers engaged the kidnappers in an armed clash at dawn."),
    ("Mob violence", "Youths attacked police officers who tried to remove their barricade."),
    # other words for the same acts
    ("Attack", "A ruling party activist was slaughtered in the upazila on Thursday night."),
    ("Attack", "An opposition MLA was roughed up at a market by rival party members."),
    ("Armed clash", "Monitors observed 20 bursts of fire involving small arms near the village."),
    ("Peaceful protest", "Students have taken to the streets calling for an end to the strikes."),
    ("Peaceful protest", "Union members continued an indefinite fast demanding better wages."),
    # how a protest was broken up, in the same or the next sentence
    ("Protest with intervention", "Students protest over absent lecturers at the college. Six arrests reported."),
    ("Protest with intervention", "Tea pickers staged a protest over new machines. Police injured 3 protesters."),
    # a seizure of explosives, in any tense, is a weapon taken out of use
    ("Disrupted weapons use", "Police seize explosives from two suspected militants at a bus stop."),
    ("Disrupted weapons use", "Two suspects arrested with explosive devices in the market town."),
    # heavy weapons with gunfire, or a side that fires back, is a clash
    ("Armed clash", "Troops resorted to heavy firing and mortar shelling on border posts."),
    ("Armed clash", "Gunmen hurled a grenade at a police van and fired gunshots; police retaliated."),
    # aircraft named in other words
    ("Air/drone strike", "Military jet fighters pounded militant hideouts in the valley, killing nine."),
    ("Air/drone strike", "Aerial precision strikes by the army killed six militants in their hideout."),
    ("Agreement", "The two militias signed a ceasefire agreement in the capital."),
    ("Arrests", "Police arrested the opposition leader at his residence."),
    ("Change to group/activity", "The rebel group announced it had recruited hundreds of new fighters."),
    ("Disrupted weapons use", "Soldiers defused an explosive device found near the school."),
    ("Disrupted weapons use", "Army engineers disarmed two landmines on the road to the border post."),
    # a drone brought down before it struck: no air strike took place
    ("Disrupted weapons use", "Air defence units shot down three drones over the port city overnight."),
    # a force's aircraft brought down by rebels is a fight with that force
    ("Armed clash", "Insurgents shot down an army helicopter near the frontier."),
    # a bomb that goes off on those who carry or build it
    ("Disrupted weapons use", "Two suspected militants died when explosives they were carrying went off near the bridge."),
    ("Headquarters or base established", "The militia established a new base in the hills above the valley."),
    ("Looting/property destruction", "Fighters looted shops and burned houses in the market quarter."),
    ("Non-violent transfer of territory", "The army handed over the airport to the local council without a fight."),
    ("Other", "Peace talks between the factions were held in the capital."),
]


def test_cases_cover_the_taxonomy() -> None:
    assert {sub for sub, _ in CASES} == set(SUB_EVENT_TYPES)


@pytest.mark.parametrize(("sub", "text"), CASES, ids=[c[0] for c in CASES])
def test_sub_event_type(sub: str, text: str, extract) -> None:
    reports = extract(text)
    assert reports, f"no event found in {text!r}"
    assert reports[0].sub_event_type == sub
    assert reports[0].event_type == SUB_EVENT_TYPES[sub]


# -- ACLED's conventions on close calls ----------------------------------------------------
CONVENTIONS = [
    # a ruling party's youth league fighting the opposition's members: mob violence (ACLED)
    ("Mob violence", "Youth Brigade and PLP members fought one another at a market in Jos after a meeting."),
    # a marcher shot in the leg by the police met excessive force
    ("Excessive force against protesters", ("Two students were shot in the leg by police during demonstrations "
                                           "in Eldoret over insecurity.")),
    # launched weapons fired from afar are shelling, not a grenade thrown nor a clash
    ("Shelling/artillery/missile attack", "The army fired grenade launchers at rebel positions east of the river."),
    # a crowd on the rampage is a violent demonstration even with no protest word
    ("Violent demonstration", "Pupils of a boarding school went on a rampage after their exams were cancelled."),
    # a work stoppage is a protest; an air strike is not a strike of workers
    ("Peaceful protest", "Dock workers went on a strike over unpaid salaries at the port."),
    ("Air/drone strike", "An air strike hit a fuel depot near the border."),
    # demonstrators who clash with the police riot, told in one sentence or in the next;
    # firefighters who protest do not fight
    ("Violent demonstration", "Students protested against the fee rise and clashed with police outside the campus."),
    ("Violent demonstration", ("Traders demonstrated outside the council offices over new taxes. Clashes with the "
                               "police broke out when officers tried to clear the road.")),
    ("Peaceful protest", "Firefighters protested against budget cuts outside the main fire station."),
    # who is accused of a killing did it, not the crowd that accuses them
    ("Attack", "Villagers accused soldiers of killing two herders near the well."),
    # shelling that goes both ways across a front line is an exchange of fire: a clash
    ("Armed clash", "Monitors counted 30 mortar rounds fired in both directions across the front line near the village."),
    # a suicide attacker in a car is a suicide bomb, not a car bomb left behind
    ("Suicide bomb", "A suicide car bomber rammed a police convoy on the highway, killing six officers."),
    # police who swing batons to break up a sit-in intervene in it
    ("Protest with intervention", "Police used batons to break up a sit-in by nurses outside the ministry."),
    # a militia that agrees to disarm stops no bomb
    ("Armed clash", "Government troops attacked rebel positions in the hills, and the rebels agreed to disarm the next day."),
    # a strike that kills a commander or hits a car is an attack from the air
    ("Air/drone strike", "The army said it had killed a senior rebel commander in a strike near the border."),
    # one demonstration told in two sentences: the later violence decides its sub-type
    ("Violent demonstration", ("Traders protested against new market fees in the town centre. "
                               "By noon the crowd had burned two municipal vehicles.")),
    # vehicles torched or smashed by people with no armed identity are crowd violence (a strike
    # day's burnt buses), not the looting of an armed group; houses burnt still are
    ("Mob violence", "Unknown attackers set a passenger bus on fire at the ring road before dawn."),
    ("Mob violence", "Two lorries were vandalised near the toll plaza on the first morning of the shutdown."),
    ("Looting/property destruction", "Unknown attackers set fire to three houses at the edge of the village."),
    # what is set on fire may take many words to name; a pylon destroyed is property destroyed
    ("Looting/property destruction", "Unknown attackers set the district council's land records office ablaze at dawn."),
    ("Looting/property destruction", "Rebels destroyed an electricity pylon outside the town, cutting power to the valley."),
    # what a protest is against is its grievance: violence named there is not the protest's
    ("Peaceful protest", "Students gathered at the gate to protest against the violent crackdown on their classmates."),
    ("Peaceful protest", ("Members staged a demonstration demanding the release of eight activists arrested for "
                          "attacking a party office.")),
    ("Peaceful protest", "People protested against the activists who were arrested for attacking a police post."),
    ("Violent demonstration", "Residents protested against the land grab and pelted the police with stones."),
    # the grievance of a protest that is the sentence's main verb, but not how they protested
    ("Peaceful protest", "Market women protested the torching of their stalls by unknown men."),
    ("Violent demonstration", "Traders protest new market fees by barricading the bypass with burning logs."),
    # labourers "engaged in" their work are in no fight; police "engaged in a gun fight" are
    ("Attack", "Two armed cadres of the Northern Liberation Front assaulted five villagers and six labourers engaged in road work."),
    ("Armed clash", "Police engaged in a gun fight with bandits near the river crossing."),
    # who attacked "when" another verb's dead fell is the doer, not a side hit
    ("Attack", "One killed, several injured when bandits attacked a matatu on the highway."),
    # what a crowd burns, wrecks or pulls down, and whom it stones, is its violence
    ("Violent demonstration", "Protesters burned a police camp during a march against killings linked to the police."),
    ("Violent demonstration", "Party offices were burnt in protest of irregular nominations."),
    ("Violent demonstration", "Residents destroyed water pipes as they demonstrated against an irrigation project."),
    ("Violent demonstration", "Herders pulled down a gate to demand the reopening of a road through the ranch."),
    ("Violent demonstration", "Protesters stone a journalist covering the march."),
    ("Peaceful protest", "Villagers protested the destruction of their homes by the county."),
    # a sentence the parser hung on its subject ("A group of traders" + "attacked ...") still
    # has the traders for its doer; "soldiers killed in the ambush" were hit
    ("Mob violence", "A group of traders attacked and seriously injured two police officers at the market on Sunday."),
    ("Armed clash", "Three soldiers killed in the ambush were buried on Friday."),
    # the crowd's own killing is a riot's, one it protests after is its grievance
    ("Violent demonstration", "Demonstrators caught one of the suspected thieves and killed him near the market."),
    ("Peaceful protest", "Villagers protested after gunmen killed a teacher."),
    ("Peaceful protest", "Residents protested the death of a boy who they say died in custody."),
    # burning an effigy is a protest's theatre, deflating lorries' tyres its damage
    ("Peaceful protest", "Teachers protested against the pay freeze by burning effigies of the minister."),
    ("Violent demonstration", "Farmers blocked the toll road deflating the tyres of forty lorries."),
    # an attack whose attackers are killed or driven off is a fight, not an attack on civilians
    ("Armed clash", "Raiders attacked the village and drove off the cattle. Police intervened, killing five of the raiders."),
    ("Armed clash", "Gunmen attacked a farm at night before being repelled by the guards."),
    # those attacked or the police who came fought back: the attack became a fight
    ("Armed clash", ("A herder militia attacked a trading centre in the county. Four killed, five injured. Two of "
                     "the attackers were shot and killed by police.")),
    ("Armed clash", "Gunmen attacked a fuel depot on the ring road. Police respond, killing one of them and arresting two."),
    ("Armed clash", "Militants raided a border village at dawn. A police reservist was hurt as they tried to fight back."),
    ("Attack", "Gunmen killed a trader in the market."),
    # a bomb found and blown up by the police, a cache of explosives found: disrupted, not an IED attack
    ("Disrupted weapons use", "A pipe bomb later discovered under the bridge was safely removed by army experts."),
    ("Disrupted weapons use", "Bombs were left near the camp; police detonate and remove the bombs."),
    # explosives seized at a port: the port is where, not what was taken
    ("Disrupted weapons use", "A cache of explosives was seized at the port."),
    # gatherings that name no protest word are protests still
    ("Peaceful protest", "On 4 May, residents banged pots against the president during his visit to the city."),
    ("Peaceful protest", "On 5 May, workers of a building firm demanded the payment of three months of wages."),
    ("Peaceful protest", "On 1 May, union members gathered in front of the labour ministry with banners."),
    # fire from heavy weapons or machine guns at an area is shelling; with an exchange of fire, a clash
    ("Shelling/artillery/missile attack", "On 3 May, coalition forces fired heavy and medium weapons at a village west of the port."),
    ("Armed clash", "Rebels and troops exchanged heavy fire; the army fired heavy weapons at rebel positions."),
    # drugs seized, fortifications built
    ("Looting/property destruction", "On 6 May, police seized about 2 tons of marijuana at a highway checkpoint."),
    ("Change to group/activity", "On 7 May, coalition forces established new fortifications east of the city."),
    # what the rules used to miss: a vehicle seized, a base bombed, bombs dropped from aircraft,
    # a toll left by an operation, shots fired at someone, a hut burnt down
    ("Looting/property destruction", "On 9 May, gunmen on motorbikes seized a vehicle of the militia near the town."),
    ("Air/drone strike", "On 3 May, the army bombed militant bases in the forest."),
    ("Air/drone strike", "On 2 May, military aircrafts flew over the camps, dropping light bombs."),
    ("Armed clash", "On 3 May, an operation near the river left 3 militants dead."),
    ("Attack", "On 29 April, an unidentified group fired shots at a former MP in his car."),
    ("Looting/property destruction", "Soldiers burned down a hut used by the rebels."),
    # more verbs of attack and of protest, and posts taken
    ("Armed clash", "Suspected militants fired upon a police post, injuring a constable."),
    ("Mob violence", "Vigilantes stoned to death two men who tried to rob passengers."),
    ("Peaceful protest", "Research scholars demanded a rise in their fellowships during the science day event."),
    ("Peaceful protest", "Municipal workers have been striking for a week over unpaid wages."),
    # the protest's own crowd turning violent in the next sentence is the same event
    ("Violent demonstration", ("Inmates held a protest in the district jail over the food. "
                               "The inmates set fire to a storeroom and fought with the warders.")),
    # police shooting a protester, or shooting at the protest's crowd in the next sentence
    ("Excessive force against protesters", "Police shoot a protester while breaking up a sit-in at the depot."),
    ("Excessive force against protesters", ("Traders protested the closure of the market. "
                                            "Police shot at the crowd, wounding three.")),
    # prison inmates who fight are a crowd: mob violence
    ("Mob violence", "Prisoners attacked guards with sticks after their visiting hours were cut."),
    # police who "intervene", "arrest several protesters", "made arrests": an intervention
    ("Protest with intervention", "Hawkers protest a ban on street stalls; police intervene to clear the road."),
    ("Protest with intervention", "Nurses marched to the health ministry over unpaid allowances. Police made arrests."),
    # a killing the marchers demand justice for is their grievance, not force used on them
    ("Protest with intervention", ("Relatives marched to the police station demanding justice for a boy killed "
                                   "by a police officer. Police dispersed the marchers.")),
    # police who shot in the air to quell it, stopped it, or barred the crowd from it intervened;
    # marchers who were stopped from entering a town earlier are angry at it, not broken up
    ("Protest with intervention", "Police had to shoot in the air to calm traders who had blocked the market road in protest."),
    ("Protest with intervention", "Police in the county town stopped a demonstration against the governor."),
    ("Protest with intervention", "Police on Saturday barred hundreds of supporters from attending an opposition rally."),
    ("Peaceful protest", ("Farm workers staged a sit-in on the bridge as they were stopped from entering the district "
                          "on their way home.")),
    # a marcher "killed in police action" or "in police firing" was killed by force
    ("Excessive force against protesters", ("A student was killed in police firing when officers tried to stop a march "
                                            "demanding new land laws.")),
    # arrests of the protest's own crowd after a sentence of background, and those that end a
    # crowd's blocking of an avenue, are how the protest was broken up
    ("Protest with intervention", ("Ten members of a drivers' union staged a demonstration at the transport office. "
                                   "They said the new permits cost too much. Police officers arrested them for "
                                   "breaking the curfew.")),
    ("Protest with intervention", ("Residents blocked Independence Avenue near the market for hours on Monday. "
                                   "Two police patrols arrived and arrested four people.")),
    # police that "did not intervene" did not
    ("Peaceful protest", "Pensioners marched to the treasury. Police walked beside them but did not intervene."),
    # a strike started or resumed; trains blocked by a crowd with a demand
    ("Peaceful protest", "Sanitation workers started an indefinite strike on Monday over three months of unpaid pay."),
    ("Peaceful protest", "Villagers blocked trains at the level crossing, demanding a footbridge for their children."),
    ("Government regains territory", "Government troops captured more rebel posts near the border."),
    # arson that hurts people is an attack on them, not property destruction
    ("Attack", "A bus conductor suffered burn injuries when attackers threw a petrol bomb into the depot office."),
    # a petrol bomb "tossed" or "lobbed" is thrown all the same; "suffered burns" is being hurt
    ("Attack", "A lorry driver and his helper were hurt after party militants tossed a petrol bomb at the cab."),
    ("Attack", "A rickshaw puller suffered burns when attackers lobbed a petrol bomb at a bus stand on the bypass."),
    ("Looting/property destruction", "Militants lobbed petrol bombs at two empty parked lorries overnight."),
    # a "retaliatory attack" on people is revenge, not a fight back; a Red Cross or polling
    # officer is no armed target
    ("Attack", "Raiders from across the border killed three herders in a retaliatory attack on a fishing camp."),
    ("Attack", "A Red Cross officer was shot and wounded by gunmen on the road to the camp."),
    # who was hit, read past the doer the cue found ("raiders attack villagers"), past the agent
    # inside an instrument's phrase ("killed with a rifle shot by the police"), past a man
    # "fighting for his life" or a "firing squad"; an ambulance and an estate agent are civilian
    ("Attack", "Armed raiders attack herders and drive off their goats; three reported killed"),
    ("Attack", "A travel agent was killed with a pistol shot by the municipal police near the bus terminal."),
    ("Attack", "Gunmen shot at an ambulance on the coast road; nobody was hurt."),
    ("Attack", "Militants line up and execute nine bus passengers by firing squad near the quarry."),
    ("Attack", "One trader was shot dead and another is fighting for his life after gunmen opened fire in the market."),
    ("Attack", "Gunmen shot dead a polling officer outside the school on election day."),
    # what the protesters did next, told of "the protesters" and "later", is the same protest;
    # breaking into houses and factions clashing at a rally are a crowd's violence
    ("Violent demonstration", ("Hawkers in the market town protested against new stall fees. The protesters lit fires "
                               "and were later dispersed by police.")),
    ("Violent demonstration", "Police said protesters were breaking into shops during the march against the vote count."),
    ("Violent demonstration", "Rival factions of party members clash during a rally in the stadium."),
    # rioters who fight the police or throw stones: a riot's violence (ACLED: violent demonstration),
    # not a mob's on someone
    ("Violent demonstration", "Rioting hawkers clash with police in the city centre."),
    ("Violent demonstration", "Riots broke out after the verdict; rioters clashed with police outside the court."),
    ("Mob violence", "A mob lynched a suspected cattle thief at the market."),
    # vigilantes and "local people" who kill a suspect are a mob; a lynching over a rape is the
    # mob's violence, the rape its grievance
    ("Mob violence", "A vigilante group attacks and kills a man they suspect of a robbery in the estate."),
    ("Mob violence", "A group of local people beat a suspected bandit to death near the bus park."),
    ("Mob violence", "A vigilante mob lynches a man accused of sexual assault in the village."),
    # the crowd's own violence: a home or lorries burnt or destroyed, bonfires lit (also after the
    # grievance, "against X, burning posters"), someone beaten by the marchers in the next sentence
    ("Violent demonstration", "Villagers protested against the district chief, burning his posters and lighting bonfires."),
    ("Violent demonstration", "Traders protesting evictions burn the home of their landlord."),
    ("Violent demonstration", "Farmers block the highway and destroy two lorries to protest low cane prices."),
    ("Violent demonstration", ("Pupils marched out of the school to demand the removal of the headmaster. They beat up "
                               "and injured a teacher who tried to stop them.")),
    ("Peaceful protest", ("Refugees marched peacefully to the embassy over harassment. The refugees say they are "
                          "being targeted unfairly.")),
    # a death in a road accident is no one's violence: here what the crowd is angry at
    ("Violent demonstration", ("Villagers blocked the highway after a cyclist died in an accident with a lorry. "
                               "They lit bonfires and piled stones on the road.")),
    ("Peaceful protest", "Parents blocked the road to the school after a pupil was killed in a crash with a minibus."),
    # what someone is wanted for is an earlier event; an accusation that tells the event is it
    ("Arrests", ("Police arrested a rebel commander at his hideout in the hills. He was wanted in the bombing "
                "of a bus station last year.")),
    ("Attack", "A rights group accused soldiers of shooting dead two farmers on the road to the border."),
    # a grenade that opens an exchange of fire is a fight; air and artillery that back a
    # ground attack are its support, the attack is a battle
    ("Armed clash", "Militants threw a grenade at a police post in the market. The police fired back at them."),
    ("Armed clash", "Army troops backed by artillery and air strikes attacked rebel positions in the hills."),
    ("Air/drone strike", "Warplanes backed by drones struck a rebel base."),
    # a hail storm, torches carried, a riot the visits were stopped for: no violence of this
    # crowd; "tried to storm the hall" is
    ("Peaceful protest", ("Farmers protested outside the district office, demanding help after their crops were "
                         "destroyed by a hail storm.")),
    ("Peaceful protest", ("Residents protested from their balconies at night; a rival group marched with torches "
                         "in support of the mayor.")),
    ("Peaceful protest", ("Relatives of inmates, barred from visits since the prison riot last month, held a protest "
                         "outside the jail.")),
    ("Violent demonstration", "Youths protesting the result tried to storm the council hall."),
    # a procession gunmen fire on is their victim; one the police fire on is a protest met
    # with force; firing the protesters hold the police to account for is their grievance
    ("Attack", "Gunmen opened fire on a wedding procession, killing two."),
    ("Excessive force against protesters", "Police opened fire on a procession of opposition supporters, killing one."),
    ("Peaceful protest", "Protesters blocked the bridge, demanding action against policemen for firing on protesters last week."),
    # a policeman shot while off duty, out of uniform and unarmed is a civilian victim (ACLED)
    ("Attack", "Gunmen shot dead a police inspector while he was off duty and driving his own car home."),
    # one gunman's "rampage" is no riot; pirates shot by a patrol are an armed side
    ("Attack", "A soldier on leave shot dead six people in a rampage through a market before he was arrested."),
    ("Armed clash", "Two pirates were shot dead off the island by a navy patrol."),
    # tribal police and reservists are armed targets
    ("Armed clash", "Gunmen shot dead a khasadar near the bazaar."),
    # a death by gunfire at the protest: force against the protesters (the crowd has no guns)
    ("Excessive force against protesters",
     "One person was shot dead and another injured during protests in the town on Saturday. Police fired in the air to disperse the crowd."),
    # who tells the story after it is not whom it hit; before it, they may be
    ("Attack", "Gunmen fired at a car on the highway, a police officer said."),
    ("Attack", "The shooting at the market left one dead, the officer said."),
    ("Armed clash", "Soldiers said they were ambushed by rebels near the bridge."),
    # a bare number killed is people, not fighters, though the killers are armed
    ("Attack", "Gunmen tied to a rebel faction kill two near a roadside market."),
    # a headline's passive names the dead as its subject: members of an armed group died fighting
    ("Armed clash", "3 suspected Al Shabaab members killed near the border."),
    # an attack a witness saw: who it was against decides, not the troops who made it
    ("Attack", "A farmer says he saw an attack by government troops on his village against unarmed civilians."),
    # a military camp is an armed target
    ("Armed clash", "Al Shabaab fighters attacked a military camp at dawn."),
    # a monitor's tally of explosions, or heavy guns fired at positions, is shelling; with shots,
    # small arms or fire both ways it is a clash
    ("Shelling/artillery/missile attack",
     "On 4 May, ceasefire monitors observed a total of 13 explosions involving unknown weapons near a village."),
    ("Shelling/artillery/missile attack", "Government forces fired IFVs at the positions of the separatist militia."),
    ("Armed clash", ("Monitors observed a total of 40 projectiles, explosions and shots involving unknown weapons "
                     "in both directions of the front line near the pumping station.")),
    # an attack on a village that burns its homes is an attack on its people, not property damage
    ("Attack", "Armed raiders attacked a hamlet at night, burning twenty homes and driving off goats."),
    # an abduction that ends in a killing is an attack; one that does not stays an abduction
    ("Attack", "Gunmen kidnapped two traders from the market and killed them the next day."),
    ("Abduction/forced disappearance", "Gunmen kidnapped two traders from the market on Sunday."),
    # captives killed are defenceless, soldiers or not
    ("Attack", "Militants kidnapped two soldiers on leave and later shot them dead."),
    # heavy weapons fired both ways, or a firefight around a roadside bomb, is a clash
    ("Armed clash", "Rebel and government forces exchanged artillery fire along the northern front on Friday."),
    ("Armed clash", "Police traded fire with militants after their truck nearly drove over an IED on the coast road."),
    # damage with no doer named, right after a protest, is the crowd's
    ("Violent demonstration", "Inmates protested over a search of their cells. Mattresses were burnt and property destroyed."),
    # tyres set alight, or a road blocked with burning tyres, are a violent demonstration
    ("Violent demonstration", "Dock workers set fire to tyres outside the port gate after their contracts were cut."),
    ("Violent demonstration", "Residents blocked the highway with logs and burning tyres over repeated power cuts."),
    # arrests reported right after a protest are how it was broken up; an arrest protested is not
    ("Protest with intervention", "Farmers staged a protest in the town square demanding ration kits. 26 arrested."),
    ("Peaceful protest", "Journalists held a protest outside the newspaper office against the unjust arrest of their editor."),
    # what the crowd did in the sentence before the protest is named is part of the protest
    ("Violent demonstration", ("Students stormed the examination hall. They wanted the papers cancelled. "
                               "Police dispersed the protesters with batons.")),
    # protesters who hurt people or wreck things are a violent demonstration, whatever the verb
    ("Violent demonstration", "Students protesting a fee rise attacked and injured two lecturers on the campus."),
    ("Violent demonstration", "Traders demonstrating against the market closure left tyres on fire across the main road."),
    ("Violent demonstration", "Demonstrators against the new tax smashed the windows of the revenue office."),
    ("Violent demonstration", "Villagers protesting the fumes wrecked and destroyed the fence of the cement plant."),
    # riots told as what came before the protest are not this protest's violence; a scuffle
    # the police answered is
    ("Peaceful protest", ("Residents banged pots on their balconies in protest against the early release of "
                          "prisoners, a week after riots in several jails.")),
    ("Peaceful protest", "It was the third day of protests, held after the riots in the city's prisons the previous week."),
    ("Violent demonstration", "Police fired tear gas at the protesters following a scuffle at the market gate."),
    ("Violent demonstration", "Demonstrators angry at the election result burned the district police station."),
    ("Violent demonstration", "Teachers marching on parliament broke through the police cordon outside the gates."),
    # who was hit, when the parse gives no object: a headline names the doer first, a
    # passive's agent ("by government troops") is the doer, and a compound's last noun decides
    ("Attack", "Al Shabaab militants attack and kill herders during raid"),
    ("Attack", ("Around 100 civilians have been reported to have been intentionally killed in and around "
                "Tamsa by Myanmar Armed Forces.")),
    ("Attack", "An army officer's widow was shot dead by Al Shabaab gunmen."),
    # rangers, defence volunteers and guards are armed; a guard the writer calls civilian is not
    ("Armed clash", "A volunteer ranger was shot dead by gunmen on a motorcycle near the rubber plantation."),
    ("Attack", "Militants shot dead a civilian school guard and burned the classrooms."),
    # a party's activist is a civilian, though the dictionary gives the party an armed code
    ("Attack", "A People's Labour Party activist was hacked to death by Al Shabaab militants at the market."),
    # who "died" is whom the violence hit; who attacked "after" or "when" is no target
    ("Armed clash", "Three police officers died and one was hurt after gunmen ambushed their patrol car on the highway."),
    ("Attack", "A shopkeeper died and two customers were hurt after gunmen attacked the market at noon."),
    # a crowd's violence told in the passive or as damage is still the crowd's
    ("Violent demonstration", "A polling clerk was attacked by demonstrators outside the tallying hall."),
    ("Violent demonstration", "A traffic officer was hurt when he was hit by a stone thrown by protesting traders."),
    ("Violent demonstration", "Farmers marched on the county offices over maize prices; there was property destruction along the way."),
    ("Violent demonstration", "Supporters of the opposition and police clash outside the party offices after a rally is banned."),
    # a protest told by its form: a shutdown organised, shops shut on a party's call, a crowd
    # converging on a seat of power; a barricaded highway is a violent one
    ("Peaceful protest", "Traders' associations organised a complete shutdown of the town over the new levy."),
    ("Peaceful protest", "Shops in the old bazaar stayed shut on Monday in response to a call by the traders' union."),
    ("Peaceful protest", "Some 300 farmers converged on the provincial assembly to press for their unpaid subsidies."),
    ("Violent demonstration", "Angry villagers barricaded the main highway with logs for most of the day."),
    ("Peaceful protest", "Opposition lawmakers burnt copies of the draft budget outside parliament."),
    # sabotage by explosives, shots sprayed at a car, an axe, a petrol bomb as a verb, people taken
    ("Remote explosive/landmine/IED", "Saboteurs blew up a 12-inch water pipeline outside the town at night."),
    ("Attack", "Gunmen sprayed the councillor's car with bullets as he left the market."),
    ("Attack", "A shopkeeper was axed to death in his shop on Sunday."),
    ("Attack", "Unknown men petrol bombed the house of a journalist in the old town."),
    ("Abduction/forced disappearance", "Four herders were taken from their homes by gunmen before dawn."),
    ("Armed clash", "Troops of the two countries continued to fire across the frontier through the night."),
    # a rape a crowd protests against is the protest's grievance
    ("Peaceful protest", "Students protested outside the police station against the rape of a schoolgirl."),
    # a shutdown called over a killing is a protest; the killing is its grievance
    ("Peaceful protest", "Shutdown continued in the old town for a second day against the killing of a shopkeeper by police."),
    # the object of "shoot and kill" is the second verb's; a vehicle carrying soldiers is
    # an armed target; police reservists who engage the raiders make the raid a fight
    ("Armed clash", "Police shoot and kill seven Al Shabaab members during a raid on their hideout."),
    ("Armed clash", "Armed men opened fire on a vehicle carrying army personnel near the toll bridge."),
    ("Armed clash", ("Raiders attacked a hamlet at dawn and drove off cattle. Police reservists engage "
                     "with the raiders, killing three of them.")),
    # fire opened on protesters the writer describes, or a protester shot dead, is excessive force
    ("Excessive force against protesters", "Police open fire on mostly peaceful opposition protesters in the lake region, killing five."),
    ("Excessive force against protesters", "Hawkers marched against the eviction; two protesters were shot dead near the council gate."),
    # off-duty or retired soldiers and police are civilians, as ACLED codes them; a date
    # after "on" is no target
    ("Attack", "Gunmen shot dead an off-duty policeman at the market."),
    ("Attack", "On 3 May 2020, Al Shabaab militants shot and killed an off-duty soldier in the town."),
    # so are a group's former fighters; an attack's object "position" is a force's; fire
    # exchanged, however heavy, is a fight; a reprisal as the motive ("to retaliate for") is no
    # clash
    ("Attack", "Unknown gunmen shot dead a former militant outside the mosque on Friday."),
    ("Attack", "Gunmen shot dead an ex-soldier at his farm on Sunday."),
    ("Armed clash", "Insurgents attacked a government position in the hills before dawn, killing two."),
    ("Armed clash", "Soldiers and militants exchanged heavy gunfire for an hour near the river on Sunday."),
    ("Attack", "Herders raided a farming hamlet and burned its huts to retaliate for the theft of cattle."),
    # a verb with an agent is a passive, whatever the parser called its subject
    ("Armed clash", "Police officer shot dead by unknown gunmen"),
    # a road blockade whose crowd turns on the police in the next sentence; trucks set ablaze
    # by a strike's blockaders; a clash that erupted between protesters and the police
    ("Violent demonstration", ("Pupils of the village school blocked the district road demanding more teachers. "
                               "The pupils began pelting the police with stones.")),
    ("Violent demonstration", "During the strike, blockaders set two trucks ablaze near the bus stand."),
    ("Violent demonstration", "Two people were hurt in a clash that erupted between protesters and police near the assembly."),
    # a rowdy crowd, boulders on the road, a clash between the protesters and the police
    ("Violent demonstration", "Police dispersed rowdy hawkers protesting the new market fees."),
    ("Violent demonstration", "Villagers protesting the water cuts blocked the highway using boulders."),
    ("Violent demonstration", "Clashes erupted between protesters and police outside the electoral office."),
    # a party's workers, or cadres and labourers, who fight are a crowd, not the party's militia;
    # "with each other" is two sides of a brawl, not gunfire
    ("Mob violence", "Congress and Shiv Sena workers clashed with each other outside the polling booth."),
    ("Mob violence", "Party cadres clashed with the police at the district headquarters during the strike."),
    ("Mob violence", "Two groups of brick kiln labourers clashed over the wages owed by the contractor."),
    # every side of a clash counts, named by "between" or joined by "and"
    # (striking workers are a protest's crowd: their clash with the police is a violent demonstration)
    ("Violent demonstration", "Eight people were injured in a clash between the police and striking dock workers at the port gate."),
    ("Mob violence", "Police and voters clashed outside the polling station on Sunday."),
    # the cadres of a rebel group are its fighters; workers killed by a bomb did not make it
    ("Mob violence", "Members of the People's Labour Party clashed with their rivals outside the town hall."),
    ("Armed clash", "Cadres of the Northern Liberation Front clashed with the police near the border post."),
    ("Remote explosive/landmine/IED", "Three road workers were killed when their truck hit a landmine."),
    # a strike named by the state that flies it is from the air; a labour strike is a protest
    ("Air/drone strike", "Nine people died in a Russian strike on a market in the city centre."),
    ("Peaceful protest", "Dock workers began a strike over unpaid wages on Monday."),
    # what only a crowd is met with tells a protest where no protest word does
    ("Protest with intervention", "Police fired rubber bullets at supporters of the jailed party leader outside the court."),
    # a protest still to come is why people were arrested, not an event of the day
    ("Arrests", "Police in Khulna detained 25 opposition activists on Thursday ahead of a planned general strike."),
    ("Arrests", "Police detained nine student leaders in Quetta to prevent a march on the provincial assembly."),
    # a bombing that says nothing of aircraft or of a suicide attacker is a planted bomb
    ("Remote explosive/landmine/IED", "Eleven shoppers died in a bombing at the vegetable market on Friday."),
    # "men" and "officials" are a force's own when its name stands before them or after "of"
    ("Armed clash", "Militants fired at Iraqi army men outside the bakery."),
    ("Armed clash", "Gunmen shot dead an official of the Iraqi army as he left the bakery."),
    ("Attack", "Gunmen shot dead two men outside the bakery near the Iraqi army headquarters."),
    # an attack that turns into a fight with those who came to stop it is one battle; a fight
    # elsewhere that names neither the attackers nor a response is another event
    ("Armed clash", ("Bandits raided a hamlet and shot dead a trader. They were said to come from the hills. "
                     "The bandits later exchanged fire with police reservists who rushed to the scene.")),
    ("Attack", "Gunmen shot dead a teacher at the school gate. Soldiers and rebels exchanged fire near the dam."),
    # a crowd the state's forces clash "with" is rioting; two communities that clash fight a battle
    ("Mob violence", "Soldiers clashed with villagers at the quarry."),
    ("Armed clash", "Herders from the hills clashed with squatters over the grazing land."),
    # the police or soldiers killing someone at a protest is excessive force, however it is
    # worded; a death the protest is about ("after a truck killed ...") is not
    ("Excessive force against protesters", "Hawkers marched against the eviction of their stalls. Police intervened in the march, killing one."),
    ("Excessive force against protesters", "Teachers protested over unpaid salaries. Police allegedly shot dead a teacher at the gate."),
    ("Protest with intervention", "Police lathicharged farmers who were protesting after a truck killed a young boy on the highway."),
    ("Peaceful protest", "Residents gathered to protest, calling for the arrest of a police officer who they believe killed two youths."),
    # the words of a protest: demands, slogans, strikes by their length, South Asia's road
    # blockades and marches; a kidnapper's demand is no protest; buses set afire are violence
    ("Peaceful protest", "Hundreds of nurses sat outside the district hospital for a second day, demanding permanent contracts."),
    ("Peaceful protest", "Farmers staged a rasta roko on the state highway over the price of sugarcane."),
    ("Peaceful protest", "Opposition workers shouted slogans outside the collector's office against the power cuts."),
    ("Peaceful protest", "Bank employees staged a two-hour token strike at the main branch over pension arrears."),
    ("Peaceful protest", "The party took out a padyatra through the constituency against the land bill."),
    ("Abduction/forced disappearance", "Gunmen abducted two engineers from the dam site, demanding a ransom."),
    ("Violent demonstration", "Protesters set two buses afire on the ring road."),
    # a crowd's justice on suspected thieves is mob violence; a crowd the police dispersed had
    # gathered for something
    ("Mob violence", "Traders stone a suspected pickpocket to death at the bus park."),
    ("Mob violence", "Two suspected robbers were burnt to death by a crowd at the bus stage."),
    ("Protest with intervention", "Police dispersed opposition supporters in the market town."),
    # people arrested for calling a strike: the arrest is the event, the strike its reason
    ("Arrests", "Police arrested 12 union leaders in the capital for calling a 24-hour strike over fuel prices."),
    ("Protest with intervention", "Police arrested 20 students who were protesting outside the college."),
    # the crowd word that names who was hurt is not the doer: the police who beat or shot them
    # are (violence against civilians); a crowd named as the agent after the event word is
    ("Attack", "A student was beaten and badly hurt by two traffic policemen after he filmed them taking bribes."),
    ("Attack", "Four students were wounded as soldiers opened fire on them at a checkpoint outside the campus."),
    ("Mob violence", "A herder was badly hurt in an attack by villagers from the next valley over grazing rights."),
    # a headline's passive without its auxiliary: the reservist was shot, by fighters; a police
    # official is the force's own, as a security official is
    ("Armed clash", "Police reservist shot dead by suspected Al Shabaab fighters near the wells"),
    ("Armed clash", "Two men on a motorbike shot a police official dead outside the district court."),
    # a running battle with the police is a riot's; people shot at a protest met lethal force
    ("Violent demonstration", "A young man was hurt in a running battle between police and residents protesting the new road toll."),
    ("Excessive force against protesters", "Two traders were shot dead during the market protest on Friday."),
    # riot police come to a protest as to a riot: they say nothing of what the crowd did
    ("Protest with intervention", "Riot police used water cannon to disperse nurses marching on the health ministry."),
    # the police who broke it up in the next sentence, or removed the crowd, met the protest
    ("Protest with intervention", ("Hundreds of traders demonstrated outside the county offices over new levies. "
                                   "Police intervened to break up the crowds, with no violence reported.")),
    ("Protest with intervention", ("About eighty fishermen demonstrated at the port gate over fuel prices. "
                                   "The demonstrators were removed by the police before noon.")),
    # arrests the police made at a protest are its intervention, wherever the town stands
    ("Protest with intervention", "Police in the capital detained 40 people during a march over bread prices."),
    # bonfires, burnt ballots and a driver held hostage are a crowd's violence; "the mine" that
    # a road leads to is a pit, not a weapon; miners who fight the police are a crowd
    ("Violent demonstration", "Opposition supporters burned ballot boxes to protest the run-off result."),
    ("Violent demonstration", "Villagers blocked the road to the quarry for days, holding a lorry driver hostage."),
    ("Peaceful protest", "Residents blocked the road to the mine for a day over dust from the trucks."),
    ("Mob violence", "Miners clashed with police at the pit gate over unpaid wages."),
    # police who battle a protesting crowd meet a riot, whoever died
    ("Violent demonstration", "One man was shot dead as police battled residents protesting the closure of the clinic."),
]


@pytest.mark.parametrize(("sub", "text"), CONVENTIONS, ids=[f"{c[0]}-{i}" for i, c in enumerate(CONVENTIONS)])
def test_convention(sub: str, text: str, extract) -> None:
    reports = extract(text)
    assert reports, f"no event found in {text!r}"
    assert reports[0].sub_event_type == sub
