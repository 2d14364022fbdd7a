"""One parse per voice run: runs, blanked boilerplate, tokenizer and sentence fixes, the cache."""

from __future__ import annotations

import spacy
from spacy.language import Language

from claimgraph.model import Document, Segment, Voice
from claimgraph.nlp import components
from claimgraph.nlp.parsed import PARAGRAPH_BREAKS, parse_document, prepare, run_text, voice_runs

TEXT = 'Kerry said talks failed.\nShare this\n"We will try again," he said.\nReader: no way.'
SEGMENTS = (
    Segment(Voice.OWN, 0, 24),
    Segment(Voice.BOILERPLATE, 25, 35),
    Segment(Voice.OWN, 36, 65),
    Segment(Voice.COMMENT, 66, 81, author="Reader"),
)
DOC = Document("d1", "test://d1", "text", TEXT, SEGMENTS)


def test_parsed_runs_merge_one_voice_across_boilerplate() -> None:
    runs = voice_runs(DOC)
    assert [(r.voice, r.start, r.end) for r in runs] == [(Voice.OWN, 0, 65), (Voice.COMMENT, 66, 81)]


def test_parsed_run_text_blanks_boilerplate_and_keeps_offsets() -> None:
    run = voice_runs(DOC)[0]
    text = run_text(DOC, run, 10_000)
    assert len(text) == run.end - run.start
    assert text[25] == "\n" and text[26:35].strip() == "" and text[36:] == TEXT[36:65]
    assert run_text(DOC, run, 10) == TEXT[:10]  # cut at the model's max_length


def test_parsed_prepare_keeps_hyphenated_words_and_breaks_sentences() -> None:
    nlp = spacy.blank("en")
    prepare(nlp)
    prepare(nlp)  # idempotent
    assert nlp.pipe_names == [PARAGRAPH_BREAKS]
    doc = nlp("They co-operated.\nNew line")
    assert "co-operated" in [t.text for t in doc]
    assert doc[[t.text for t in doc].index("New")].is_sent_start


def test_parsed_one_parse_per_run_with_the_components_results(nlp: Language) -> None:
    parses = parse_document(DOC, nlp)
    assert [run.voice for run, _ in parses] == [Voice.OWN, Voice.COMMENT]
    assert parse_document(DOC, nlp) is parses  # cached: the extractors share it
    assert all(name in nlp.pipe_names for name in components.NAMES)
    own = parses[0][1]
    assert own.text == run_text(DOC, parses[0][0], nlp.max_length)
    assert own._.claimgraph_attributions is not None and own._.claimgraph_cues  # "said" matched
