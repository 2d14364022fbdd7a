"""Statements and attributions on invented sentences (clear ones: the parser is statistical)."""

from __future__ import annotations

import time

import pytest
from spacy.language import Language

from claimgraph.model import Document, Segment, Statement, Voice
from claimgraph.nlp.attribution import extract_attributions, extract_statements

MAX_SECONDS_BAD_INPUT = 20.0  # ~30k words of hostile text; sm parses ~5k words/s on one core


def _doc(text: str, *segments: Segment, outlet: str | None = "Example Blog") -> Document:
    segs = segments or (Segment(Voice.OWN, 0, len(text)),)
    return Document(id="d1", uri="test://d1", format="text", text=text, segments=segs, outlet=outlet)


def _one(nlp: Language, text: str) -> Statement:
    found = extract_statements(_doc(text), nlp)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "direct"),
    [
        ('Jane Doe said, "The bridge will reopen next week."', True),
        ('"The bridge will reopen next week," Jane Doe said.', True),
        ('"The bridge will reopen next week," said Jane Doe.', True),
        ('Jane Doe: "The bridge will reopen next week after repairs."', True),
        ("Jane Doe said that the bridge will reopen next week.", False),
        ("Jane Doe said the bridge will reopen next week.", False),
        ("According to Jane Doe, the bridge will reopen next week.", False),
    ],
)
def test_attribution_every_order(nlp: Language, text: str, direct: bool) -> None:
    st = _one(nlp, text)
    assert st.speaker.name == "Jane Doe"
    assert "bridge will reopen" in st.content
    assert st.direct is direct
    assert st.content == text[st.content_span.start : st.content_span.end]
    assert st.speaker_span is not None
    assert text[st.speaker_span.start : st.speaker_span.end] == "Jane Doe"


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Jane Doe denied that the bridge was closed.", "denied"),
        ("Jane Doe confirmed that the bridge was closed.", "confirmed"),
        ("Jane Doe stressed that the bridge was closed.", "stressed"),
        ("Jane Doe warned that the bridge was closed.", "warned"),
    ],
)
def test_attribution_indirect_cues(nlp: Language, text: str, cue: str) -> None:
    st = _one(nlp, text)
    assert (st.speaker.name, st.cue, st.direct) == ("Jane Doe", cue, False)
    assert st.content.startswith("that the bridge")


def test_attribution_told_outlet_is_the_medium(nlp: Language) -> None:
    st = _one(nlp, "Jane Doe told Reuters that the bridge was closed.")
    assert st.cue == "told Reuters"
    assert st.chain == ("Example Blog", "Reuters", "Jane Doe")


@pytest.mark.parametrize(
    ("text", "description", "affiliation"),
    [
        (
            '"We are open to talks," said a senior State Department official.',
            "a senior State Department official",
            "State Department",
        ),
        ("US officials said the talks had ended.", "US officials", "US"),
    ],
)
def test_attribution_described_speaker(nlp: Language, text: str, description: str, affiliation: str) -> None:
    st = _one(nlp, text)
    assert st.speaker.name is None
    assert (st.speaker.description, st.affiliation) == (description, affiliation)


def test_attribution_name_with_appositive_description(nlp: Language) -> None:
    st = _one(nlp, '"There has been no contact," Bill Speaks, a Pentagon spokesman, told the Guardian.')
    assert (st.speaker.name, st.speaker.description) == ("Bill Speaks", "a Pentagon spokesman")
    assert st.cue == "told the Guardian"
    assert st.chain == ("Example Blog", "Guardian", "Bill Speaks")
    assert st.affiliation == "Pentagon"


def test_attribution_pronoun_resolves_to_previous_named_speaker(nlp: Language) -> None:
    text = "Jane Doe said the bridge was closed. She also said that repairs would take a month."
    found = extract_statements(_doc(text), nlp)
    assert [s.speaker.name for s in found] == ["Jane Doe", "Jane Doe"]
    assert text[found[1].speaker_span.start : found[1].speaker_span.end] == "She"


def test_attribution_quote_across_paragraphs(nlp: Language) -> None:
    text = (
        "“The first part of the statement is here.\n\n"
        "“The second part continues the statement,” Jane Doe said."
    )
    st = _one(nlp, text)
    assert st.content_span.start == 0
    assert "second part" in st.content
    assert st.direct


def test_attribution_voice_and_chain_follow_segments(nlp: Language) -> None:
    own = "The blog has a view on this.\n\n"
    quoted = "NSC spokeswoman Bernadette Meehan said that the United States does not coordinate.\n\n"
    comment = "The generals said that nothing had changed.\n\n"
    chrome = 'Log in. Jane Doe said "subscribe now to our list."'
    text = own + quoted + comment + chrome
    a, b, c = len(own), len(own) + len(quoted), len(own) + len(quoted) + len(comment)
    doc = _doc(
        text,
        Segment(Voice.OWN, 0, a - 2),
        Segment(Voice.QUOTED, a, b - 2, source="Washington Post"),
        Segment(Voice.COMMENT, b, c - 2, author="liz"),
        Segment(Voice.BOILERPLATE, c, len(text)),
    )
    found = extract_statements(doc, nlp)
    assert [(s.voice, s.chain) for s in found] == [
        (Voice.QUOTED, ("Example Blog", "Washington Post", "Bernadette Meehan")),
        (Voice.COMMENT, ("Example Blog", "liz", "The generals")),
    ]
    meehan = found[0]
    assert meehan.speaker.description == "NSC spokeswoman"
    assert text[meehan.content_span.start : meehan.content_span.end] == meehan.content
    assert a <= meehan.span.start < meehan.span.end <= b


def test_attribution_ids_are_deterministic(nlp: Language) -> None:
    text = "Jane Doe said the bridge was closed."
    first = extract_statements(_doc(text), nlp)
    assert first == extract_statements(_doc(text), nlp)
    assert len(first[0].id) == 16


def test_attribution_resolve_actor_hook(nlp: Language) -> None:
    st = extract_statements(
        _doc("Jane Doe said the bridge was closed."), nlp, resolve_actor=lambda n: f"a:{n}"
    )
    assert st[0].speaker.actor_id == "a:Jane Doe"


def test_attribution_raw_text_spans(nlp: Language) -> None:
    text = '"The bridge is closed," said Jane Doe.'
    (att,) = extract_attributions(text, nlp)
    assert att.source_span is not None
    assert text[slice(*att.source_span)] == "Jane Doe"
    assert text[slice(*att.cue_span)] == "said"
    assert text[slice(*att.content_span)] == '"The bridge is closed,"'


@pytest.mark.parametrize(
    "text",
    [
        'He said "this quote never ends\n\n' * 300,
        "“" + "a very long quotation paragraph.\n\n" * 20 + "” she said.",
        "“Only quotes.” “Nothing else.” “At all.”" * 200,
        "no sentence punctuation at all the minister said things were fine " * 400,
        "THE MINISTER SAID THAT EVERYTHING WAS FINE. " * 300,
        "Le ministre a déclaré que tout allait bien. " * 300,
        "",
    ],
)
def test_attribution_bad_input_is_bounded(nlp: Language, text: str) -> None:
    start = time.perf_counter()
    found = extract_statements(_doc(text), nlp)
    assert time.perf_counter() - start < MAX_SECONDS_BAD_INPUT
    assert all(0 <= s.span.start <= s.span.end <= len(text) for s in found)


def test_attribution_continued_quotation_keeps_speaker(nlp: Language) -> None:
    text = '"The bridge will reopen next week," said Jane Doe, the city engineer. "Traffic will be lighter."'
    first, second = extract_statements(_doc(text), nlp)
    assert second.content.startswith('"Traffic') and second.direct
    assert second.speaker == first.speaker and second.cue == "said"
    assert second.cue_span is None  # the cue is inherited, not at this quotation


@pytest.mark.parametrize(
    ("text", "speaker", "description"),
    [
        (
            'Jane Doe praised the plan. "It is a good plan," said John Roe. Mary Poe, a council member, '
            'was less sure. "It will cost too much money," she said.',
            "Mary Poe",
            None,
        ),
        (
            'A senior city official said the bridge would reopen soon. "We are confident about the '
            'schedule," the official said.',
            None,
            "A senior city official",
        ),
        (
            'What they said:\nJane Doe, city engineer: "The bridge will reopen next week."',
            "Jane Doe",
            "city engineer",
        ),
        (
            "City officials have said there is no danger, and have insisted that the bridge is safe.",
            None,
            "City officials",
        ),
        (
            "Mayor reopens bridge, says city is safe\nJane Doe said on Monday that the bridge was safe.",
            "Jane Doe",
            None,
        ),
    ],
)
def test_attribution_last_speaker_resolved(
    nlp: Language, text: str, speaker: str | None, description: str | None
) -> None:
    last = extract_statements(_doc(text), nlp)[-1]
    assert (last.speaker.name, last.speaker.description) == (speaker, description)


@pytest.mark.parametrize(
    ("text", "resolve", "chain"),
    [
        (
            "In an interview with Reuters, Jane Doe said the bridge was safe.",
            None,
            ("Example Blog", "Reuters", "Jane Doe"),
        ),
        (
            "Jane Doe told Congress that the bridge was safe.",
            {"Congress": "government_body:us-congress"},
            ("Example Blog", "Jane Doe"),
        ),
        (
            "Jane Doe told Reuters that the bridge was safe.",
            {"Reuters": "media:reuters"},
            ("Example Blog", "Reuters", "Jane Doe"),
        ),
    ],
)
def test_attribution_chain_names_outlets_only(
    nlp: Language, text: str, resolve: dict[str, str] | None, chain: tuple[str, ...]
) -> None:
    resolver = None if resolve is None else resolve.get
    found = extract_statements(_doc(text), nlp, resolve_actor=resolver)
    assert [st.chain for st in found] == [chain]


@pytest.mark.parametrize(
    ("text", "expected_cues"),
    [
        ("The statements from both capitals point the same way: the talks failed.", []),
        ("Analysts pointed to the strikes as evidence of a deal.", ["pointed to"]),
        ("He pointed out that the talks had failed.", ["pointed out"]),
    ],
)
def test_attribution_point_is_a_cue_only_with_its_particle_or_preposition(
    nlp, text: str, expected_cues: list[str]
) -> None:
    found = extract_attributions(text, nlp)
    assert [text[a.cue_span[0] : a.cue_span[1]] for a in found] == expected_cues
