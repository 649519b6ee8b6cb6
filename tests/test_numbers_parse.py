"""Counting the dead on a given dependency parse.

The parses here are written by hand, the way the small English model sometimes reads headline
English, so that each rule is tested whatever a model version makes of the sentence.
Every sentence is written for the test.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from frontlines.extract.numbers import sentence_fatalities

_VOCAB = spacy.blank("en").vocab


def _doc(rows: list[tuple[str, int, str, str, str]], ents: list[str] | None = None) -> Doc:
    words, heads, deps, pos, tags = zip(*rows)
    return Doc(_VOCAB, words=list(words), heads=list(heads), deps=list(deps), pos=list(pos),
               tags=list(tags), ents=ents)


def test_a_number_cut_off_its_noun_still_counts_it() -> None:
    # "6 suspected rebels killed in a raid": the number hangs on "suspected", read as the verb
    doc = _doc([
        ("6", 1, "npadvmod", "NUM", "CD"), ("suspected", 1, "ROOT", "VERB", "VBD"),
        ("rebels", 1, "dobj", "NOUN", "NNS"), ("killed", 2, "acl", "VERB", "VBN"),
        ("in", 3, "prep", "ADP", "IN"), ("a", 6, "det", "DET", "DT"), ("raid", 4, "pobj", "NOUN", "NN"),
        (".", 1, "punct", "PUNCT", "."),
    ])
    assert sentence_fatalities(doc[:], {}) == (6, False)


def test_a_number_after_a_preposition_is_not_the_dead() -> None:
    # "Raids on 6 suspected hideouts killed rebels": 6 counts hideouts, not the dead
    doc = _doc([
        ("Raids", 6, "nsubj", "NOUN", "NNS"), ("on", 0, "prep", "ADP", "IN"),
        ("6", 3, "npadvmod", "NUM", "CD"), ("suspected", 4, "amod", "VERB", "VBN"),
        ("hideouts", 1, "pobj", "NOUN", "NNS"), (",", 6, "punct", "PUNCT", ","),
        ("killed", 6, "ROOT", "VERB", "VBD"), ("rebels", 6, "dobj", "NOUN", "NNS"),
    ])
    count, _ = sentence_fatalities(doc[:], {})
    assert count != 6


def test_a_date_read_as_the_subject_is_no_one() -> None:
    # "On 12 June a trader was found dead": the parser took "June" for the one found
    doc = _doc([
        ("On", 2, "prep", "ADP", "IN"), ("12", 2, "nummod", "NUM", "CD"), ("June", 7, "nsubjpass", "PROPN", "NNP"),
        (",", 2, "punct", "PUNCT", ","), ("a", 5, "det", "DET", "DT"), ("trader", 2, "appos", "NOUN", "NN"),
        ("was", 7, "auxpass", "AUX", "VBD"), ("found", 7, "ROOT", "VERB", "VBN"),
        ("dead", 7, "oprd", "ADJ", "JJ"), (".", 7, "punct", "PUNCT", "."),
    ], ents=["O", "B-DATE", "I-DATE", "O", "O", "O", "O", "O", "O", "O"])
    count, _ = sentence_fatalities(doc[:], {})
    assert count != 12


@pytest.mark.parametrize("word", ["beheaded", "mutilated"])
def test_a_body_is_counted_once(word: str) -> None:
    # "The beheaded body of a man was found": the adjective and the body name one man
    doc = _doc([
        ("The", 2, "det", "DET", "DT"), (word, 2, "amod", "VERB", "VBN"), ("body", 7, "nsubjpass", "NOUN", "NN"),
        ("of", 2, "prep", "ADP", "IN"), ("a", 5, "det", "DET", "DT"), ("man", 3, "pobj", "NOUN", "NN"),
        ("was", 7, "auxpass", "AUX", "VBD"), ("found", 7, "ROOT", "VERB", "VBN"), (".", 7, "punct", "PUNCT", "."),
    ])
    assert sentence_fatalities(doc[:], {}) == (1, False)


def test_the_killer_of_shot_dead_is_not_counted_when_a_source_is_quoted() -> None:
    # "A settler shot dead a farmer, the ministry said.": "dead" holds the object; the quoted
    # source is not someone "said" to have died
    doc = _doc([
        ("A", 1, "det", "DET", "DT"), ("settler", 2, "nsubj", "NOUN", "NN"), ("shot", 9, "ccomp", "VERB", "VBD"),
        ("dead", 2, "acomp", "ADJ", "JJ"), ("a", 5, "det", "DET", "DT"), ("farmer", 3, "dobj", "NOUN", "NN"),
        (",", 9, "punct", "PUNCT", ","), ("the", 8, "det", "DET", "DT"), ("ministry", 9, "nsubj", "NOUN", "NN"),
        ("said", 9, "ROOT", "VERB", "VBD"), (".", 9, "punct", "PUNCT", "."),
    ])
    assert sentence_fatalities(doc[:], {}) == (1, False)


def test_drones_shot_down_are_not_the_dead() -> None:
    doc = _doc([
        ("Troops", 1, "nsubj", "NOUN", "NNS"), ("shot", 1, "ROOT", "VERB", "VBD"), ("down", 1, "prt", "ADP", "RP"),
        ("12", 4, "nummod", "NUM", "CD"), ("drones", 1, "dobj", "NOUN", "NNS"), (".", 1, "punct", "PUNCT", "."),
    ])
    assert sentence_fatalities(doc[:], {})[0] in (None, 0)


def test_a_headline_place_hung_on_the_verb_is_not_one_of_the_dead() -> None:
    # "Somalia: attack repelled, 20 militants killed": the parser made the country a second
    # subject of "killed"; the subject next to the verb is who died
    doc = _doc([
        ("Somalia", 7, "nsubj", "PROPN", "NNP"), (":", 0, "punct", "PUNCT", ":"), ("attack", 3, "nsubj", "NOUN", "NN"),
        ("repelled", 0, "acl", "VERB", "VBN"), (",", 7, "punct", "PUNCT", ","), ("20", 6, "nummod", "NUM", "CD"),
        ("militants", 7, "nsubj", "NOUN", "NNS"), ("killed", 7, "ROOT", "VERB", "VBN"),
    ])
    assert sentence_fatalities(doc[:], {}) == (20, False)


def test_a_verb_with_its_own_counted_subject_is_no_relative_clause() -> None:
    # "They travelled a roadside mine hit them and 4 traders were killed": "hit" read as a
    # relative clause of "roadside"; the killing joined to it has a counted subject of its own
    doc = _doc([
        ("They", 1, "nsubj", "PRON", "PRP"), ("travelled", 1, "ROOT", "VERB", "VBD"),
        ("a", 3, "det", "DET", "DT"), ("roadside", 1, "npadvmod", "NOUN", "NN"),
        ("mine", 5, "nsubj", "NOUN", "NN"), ("hit", 3, "relcl", "VERB", "VBD"),
        ("them", 5, "dobj", "PRON", "PRP"), ("and", 5, "cc", "CCONJ", "CC"),
        ("4", 9, "nummod", "NUM", "CD"), ("traders", 11, "nsubjpass", "NOUN", "NNS"),
        ("were", 11, "auxpass", "AUX", "VBD"), ("killed", 5, "conj", "VERB", "VBN"),
        (".", 1, "punct", "PUNCT", "."),
    ])
    assert sentence_fatalities(doc[:], {}) == (4, False)


def test_who_died_hung_on_the_state_as_its_apposition() -> None:
    # "In Manaus, Amazonas, a man was beaten to death.": no subject on the verb
    doc = _doc([
        ("In", 8, "prep", "ADP", "IN"), ("Manaus", 0, "pobj", "PROPN", "NNP"), (",", 1, "punct", "PUNCT", ","),
        ("Amazonas", 1, "conj", "PROPN", "NNP"), (",", 3, "punct", "PUNCT", ","), ("a", 6, "det", "DET", "DT"),
        ("man", 3, "appos", "NOUN", "NN"), ("was", 8, "auxpass", "AUX", "VBD"), ("beaten", 8, "ROOT", "VERB", "VBN"),
        ("to", 8, "prep", "ADP", "IN"), ("death", 9, "pobj", "NOUN", "NN"), (".", 8, "punct", "PUNCT", "."),
    ])
    assert sentence_fatalities(doc[:], {}) == (1, False)


def test_a_state_read_as_the_subject_is_no_one_and_its_apposition_died() -> None:
    # "In Sinop, Mato Grosso, a driver and his son were shot dead.": the state is the subject
    doc = _doc([
        ("In", 12, "prep", "ADP", "IN"), ("Sinop", 0, "pobj", "PROPN", "NNP"), (",", 1, "punct", "PUNCT", ","),
        ("Mato", 4, "compound", "PROPN", "NNP"), ("Grosso", 12, "nsubjpass", "PROPN", "NNP"),
        (",", 4, "punct", "PUNCT", ","), ("a", 7, "det", "DET", "DT"), ("driver", 4, "appos", "NOUN", "NN"),
        ("and", 7, "cc", "CCONJ", "CC"), ("his", 10, "poss", "PRON", "PRP$"), ("son", 7, "conj", "NOUN", "NN"),
        ("were", 12, "auxpass", "AUX", "VBD"), ("shot", 12, "ROOT", "VERB", "VBN"), ("dead", 12, "oprd", "ADJ", "JJ"),
        (".", 12, "punct", "PUNCT", "."),
    ])
    assert sentence_fatalities(doc[:], {}) == (2, False)


def test_a_count_the_parse_hangs_nowhere_is_read_from_the_words() -> None:
    # "Rebels clashed with troops, resulting in 1 soldier killed.": "killed" read as a second
    # verb of "clashed", its count as the object of "in"; the words still say one died (and a
    # match at "resulting in" must not hide the one at "1")
    doc = _doc([
        ("Rebels", 1, "nsubj", "NOUN", "NNS"), ("clashed", 1, "ROOT", "VERB", "VBD"),
        ("with", 1, "prep", "ADP", "IN"), ("troops", 2, "pobj", "NOUN", "NNS"), (",", 1, "punct", "PUNCT", ","),
        ("resulting", 1, "advcl", "VERB", "VBG"), ("in", 5, "prep", "ADP", "IN"), ("1", 8, "nummod", "NUM", "CD"),
        ("soldier", 6, "pobj", "NOUN", "NN"), ("killed", 1, "conj", "VERB", "VBN"), (".", 1, "punct", "PUNCT", "."),
    ])
    assert sentence_fatalities(doc[:], {}) == (1, False)
    # ... but not the last of a list ("2 soldiers and 1 rebel killed"), whose first count the
    # words cannot join to it
    doc = _doc([
        ("Rebels", 1, "nsubj", "NOUN", "NNS"), ("clashed", 1, "ROOT", "VERB", "VBD"),
        ("with", 1, "prep", "ADP", "IN"), ("troops", 2, "pobj", "NOUN", "NNS"), (",", 1, "punct", "PUNCT", ","),
        ("resulting", 1, "advcl", "VERB", "VBG"), ("in", 5, "prep", "ADP", "IN"), ("2", 8, "nummod", "NUM", "CD"),
        ("soldiers", 6, "pobj", "NOUN", "NNS"), ("and", 8, "cc", "CCONJ", "CC"), ("1", 11, "nummod", "NUM", "CD"),
        ("rebel", 8, "conj", "NOUN", "NN"), ("killed", 1, "conj", "VERB", "VBN"), (".", 1, "punct", "PUNCT", "."),
    ])
    assert sentence_fatalities(doc[:], {})[0] != 1


def test_a_past_tense_shot_hung_on_were_is_a_passive() -> None:
    # "Three traders were at dusk shot dead near the pier": "shot" read as a past tense that
    # modifies "were"; the subject of "were" died
    doc = _doc([
        ("Three", 1, "nummod", "NUM", "CD"), ("traders", 2, "nsubj", "NOUN", "NNS"), ("were", 2, "ROOT", "AUX", "VBD"),
        ("at", 2, "prep", "ADP", "IN"), ("dusk", 3, "pobj", "NOUN", "NN"), ("shot", 2, "advcl", "VERB", "VBD"),
        ("dead", 5, "oprd", "ADJ", "JJ"), ("near", 5, "prep", "ADP", "IN"), ("the", 9, "det", "DET", "DT"),
        ("pier", 7, "pobj", "NOUN", "NN"), (".", 2, "punct", "PUNCT", "."),
    ])
    assert sentence_fatalities(doc[:], {}) == (3, False)


def test_a_campaigns_running_tally_is_not_the_events_toll() -> None:
    # "Earlier, 38 victims died during the ongoing blockade": the dead of a weeks-long
    # campaign, told as background to one arson attack
    doc = _doc([
        ("Earlier", 5, "advmod", "ADV", "RBR"), (",", 5, "punct", "PUNCT", ","), ("38", 4, "nummod", "NUM", "CD"),
        ("burn", 4, "compound", "NOUN", "NN"), ("victims", 5, "nsubj", "NOUN", "NNS"), ("died", 5, "ROOT", "VERB", "VBD"),
        ("during", 5, "prep", "ADP", "IN"), ("the", 10, "det", "DET", "DT"), ("ongoing", 10, "amod", "ADJ", "JJ"),
        ("blockade", 10, "compound", "NOUN", "NN"), ("programme", 6, "pobj", "NOUN", "NN"), (".", 5, "punct", "PUNCT", "."),
    ])
    assert sentence_fatalities(doc[:], {})[0] is None
