"""The lexicon's pattern syntax (LEXICON.md, "Pattern syntax"): each form matches what it says."""

from __future__ import annotations

import re

import pytest

from frontlines.extract.lexicon import pattern_to_regex


@pytest.mark.parametrize(("pattern", "text", "matches"), [
    ("attack+", "the rebels attacked the post", True),
    ("dispers*", "police dispersed the crowd", True),
    ("seized _ town", "seized the small town", True),
    ("seized _ town", "seized one two three four town", False),
    # a gap stays within its sentence
    ("killing _ protesters", "a march against the killing of a teacher. protesters later", False),
    ("(a|an|the) mine", "an mine exploded", True),
    # a lookahead keeps its meaning: a kidnapper's demand is no protest
    ("demanding(?! (a |the )?ransom)", "nurses were demanding permanent jobs", True),
    ("demanding(?! (a |the )?ransom)", "the gang was demanding a ransom", False),
    ("demanding(?! (a |the )?ransom)", "the gang was demanding ransom", False),
])
def test_pattern_syntax(pattern: str, text: str, matches: bool) -> None:
    assert bool(re.search(pattern_to_regex(pattern, {}), text)) is matches
