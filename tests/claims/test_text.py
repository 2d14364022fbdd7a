"""Text helpers of claim building and stance assignment: polarity, actor groups, sentences and
their voices, places, and the claim texts a person would write."""

from __future__ import annotations

from dataclasses import replace

import pytest

from claimgraph.claims.text import (
    ActorTable,
    Sentence,
    actors_in,
    affirmed,
    contains,
    document_sentences,
    groups_in,
    groups_of,
    has_cue,
    holder_of_voice,
    is_country_name,
    is_military,
    names_other_place,
    overlaps,
    place_country,
    polarity_of,
    polarity_on,
    proposition,
    speaker_name,
    states_positively,
    strip_dateline,
    words,
)
from claimgraph.model import (
    Actor,
    ActorMention,
    Document,
    DocumentAnalysis,
    Segment,
    Span,
    Speaker,
    Statement,
    Voice,
)


def test_text_words_fold_case_and_curly_apostrophes() -> None:
    assert words("Iran’s 2 Jets DIDN'T fly") == ["iran's", "jets", "didn't", "fly"]


@pytest.mark.parametrize(
    ("text", "relation", "expected"),
    [
        ("They are coordinating airstrikes", "cooperate_militarily", True),
        ("The two armies work closely with each other", "cooperate_militarily", True),  # a word pair
        ("The two armies work for peace", "cooperate_militarily", False),
        ("Ships waited outside the port", "attack", False),
        ("They coordinate", "no_such_relation", False),
    ],
)
def test_text_has_cue(text: str, relation: str, expected: bool) -> None:
    assert has_cue(text, relation) is expected


def test_text_is_military() -> None:
    assert is_military("coordinating Military operations") and is_military("providing air cover")
    assert not is_military("signing a trade deal")


@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        ("Iran and the US cooperate on security", 1),
        ("Iran and the US do not cooperate", -1),
        ("Washington ruled out any cooperation", -1),  # a phrase, no negating word
        ("Iran and the US could cooperate", 0),  # hedged
        ("Do Iran and the US cooperate?", 0),  # a question
        ("Whether they work together is the question Washington has not answered", 0),
        ("The US is sending 300 advisers but no combat troops", 1),  # the exception is not the clause
        ("The US is sending advisers, but not coordinating with Iran", -1),  # "but not" negates a verb
    ],
)
def test_text_polarity_of(text: str, polarity: int) -> None:
    assert polarity_of(text) == polarity


@pytest.mark.parametrize(
    ("text", "relation", "polarity"),
    [
        # the negation is about something else, far from the relation's word
        (
            "The US is coordinating strikes with Iran, and no decision on troops has been taken",
            "cooperate",
            1,
        ),
        ("The US is not coordinating strikes with Iran", "cooperate", -1),
        ("Officials denied that Washington was coordinating with Tehran", "cooperate", -1),
        ("Iran rejected the offer", "reject", 1),  # the relation's own word denies nothing
        ("Washington ruled out working with Iran in the long run, coordinating", "cooperate", -1),
        ("Iran does not attack", None, -1),  # no relation: polarity_of
    ],
)
def test_text_polarity_on(text: str, relation: str | None, polarity: int) -> None:
    assert polarity_on(text, relation) == polarity


PENTAGON = Actor("government_body:pentagon", "Pentagon", "government_body", affiliation="country:usa")
SPOKESMAN = Actor("person:bill-speaks", "Bill Speaks", "person", affiliation=PENTAGON.id)
USA = Actor("country:usa", "United States", "country")
ISIS = Actor("armed_group:isis", "Islamic State", "armed_group", affiliation="country:irq")
LOOP_A = Actor("org:a", "A", "organisation", affiliation="org:b")
LOOP_B = Actor("org:b", "B", "organisation", affiliation="org:a")


@pytest.fixture(scope="module")
def table() -> ActorTable:
    return ActorTable(
        [DocumentAnalysis("d1", (PENTAGON, SPOKESMAN, USA)), DocumentAnalysis("d2", (ISIS, LOOP_A, LOOP_B))]
    )


def test_text_actor_table_walks_up_to_the_group(table: ActorTable) -> None:
    assert table.group(SPOKESMAN.id) == USA.id  # person -> body -> country
    assert table.group(PENTAGON.id) == USA.id
    assert table.group(USA.id) == USA.id
    assert table.group(ISIS.id) == ISIS.id  # an armed group is a group, whatever it is affiliated to
    assert table.group("person:nobody") == "person:nobody" and table.group(None) is None
    assert table.group(LOOP_A.id) in {LOOP_A.id, LOOP_B.id}  # a cycle ends


def test_text_actor_table_of_actors_is_the_table_of_their_analyses(table: ActorTable) -> None:
    same = ActorTable.of_actors([PENTAGON, SPOKESMAN, USA, ISIS, LOOP_A, LOOP_B])
    assert same.actors == table.actors
    assert same.group(SPOKESMAN.id) == USA.id and same.name(ISIS.id) == "Islamic State"


def test_text_actor_table_kind_and_name(table: ActorTable) -> None:
    assert table.kind(PENTAGON.id) == "government_body" and table.kind("x:y") is None
    assert table.name(SPOKESMAN.id) == "Bill Speaks"
    assert table.name("person:john-kerry") == "John Kerry"  # unknown: readable from the id
    assert table.name(None) == ""


def test_text_actor_table_first_analysis_wins() -> None:
    renamed = Actor(USA.id, "USA", "country")
    assert ActorTable([DocumentAnalysis("a", (USA,)), DocumentAnalysis("b", (renamed,))]).name(USA.id) == (
        "United States"
    )


TEXT = "Kerry said Iran could help. Iran struck Diyala.\nLog in\nGreat post. Thanks."


def document() -> Document:
    def seg(part: str, voice: Voice, source: str | None = None, author: str | None = None) -> Segment:
        start = TEXT.index(part)
        return Segment(voice, start, start + len(part), source, author)

    return Document(
        "d1",
        "a.txt",
        "text",
        TEXT,
        segments=(
            seg("Kerry said Iran could help. Iran struck Diyala.", Voice.OWN),
            seg("Log in", Voice.BOILERPLATE),
            seg("Great post. Thanks.", Voice.COMMENT, author="liz"),
        ),
        outlet="Harbor Times",
    )


def statement(part: str, doc_id: str = "d1") -> Statement:
    start = TEXT.index(part)
    return Statement(
        id="s1",
        doc_id=doc_id,
        voice=Voice.OWN,
        speaker=Speaker("Kerry", None, None),
        affiliation=None,
        chain=("Harbor Times", "Kerry"),
        cue="said",
        content="Iran could help",
        direct=False,
        span=Span(doc_id, start, start + len(part)),
        cue_span=None,
        speaker_span=None,
        content_span=None,
    )


def test_text_document_sentences_mark_attributed_ones() -> None:
    doc = document()
    found = document_sentences(doc, [statement("Kerry said Iran could help")])
    assert [(s.text, s.voice, s.attributed, s.segment_source) for s in found] == [
        ("Kerry said Iran could help.", Voice.OWN, True, None),
        ("Iran struck Diyala.", Voice.OWN, False, None),
        ("Great post.", Voice.COMMENT, False, "liz"),
        ("Thanks.", Voice.COMMENT, False, "liz"),
    ]
    assert all(doc.text[s.span.start : s.span.end] == s.text for s in found)


def test_text_a_short_quote_does_not_make_its_sentence_attributed() -> None:
    found = document_sentences(document(), [statement("could help")])  # 10 of 28 characters
    assert found[0].attributed is False


def test_text_a_statement_across_segments_covers_sentences_in_both() -> None:
    """Sentences are compared only with the statements their segment overlaps: one that runs
    over a segment's edge still counts on both sides, one in another segment nowhere."""
    doc = document()
    across = statement("Iran struck Diyala.")
    start = across.span.start
    across = replace(across, span=Span("d1", start, TEXT.index("Thanks.")))  # into the comments
    found = document_sentences(doc, [across, statement("Kerry said")])
    assert [(s.text, s.attributed) for s in found] == [
        ("Kerry said Iran could help.", False),  # 10 of 27 characters, the other statement elsewhere
        ("Iran struck Diyala.", True),
        ("Great post.", True),
        ("Thanks.", False),
    ]


def test_text_groups_in_a_span(table: ActorTable) -> None:
    analysis = DocumentAnalysis(
        "d1",
        (PENTAGON, SPOKESMAN, USA),
        mentions=(
            ActorMention(SPOKESMAN.id, "Bill Speaks", Span("d1", 0, 5), Voice.OWN),
            ActorMention(ISIS.id, "Islamic State", Span("d1", 20, 30), Voice.OWN),
        ),
    )
    assert groups_in(Span("d1", 0, 10), analysis, table) == {USA.id}
    assert groups_in(Span("d1", 0, 40), analysis, table) == {USA.id, ISIS.id}
    assert groups_in(Span("d1", 3, 25), analysis, table) == set()  # only whole mentions count
    # the actor ids, found once, give the same groups under any table
    assert actors_in(Span("d1", 0, 40), analysis) == [SPOKESMAN.id, ISIS.id]
    assert groups_of(actors_in(Span("d1", 0, 40), analysis), table) == {USA.id, ISIS.id}
    assert groups_of(actors_in(Span("d1", 0, 10), analysis), ActorTable([])) == {SPOKESMAN.id}


def test_text_holder_of_voice() -> None:
    doc = document()
    assert holder_of_voice(doc, Voice.OWN, "ignored") == "Harbor Times"
    assert holder_of_voice(doc, Voice.QUOTED, "WSJ") == "WSJ"
    assert holder_of_voice(doc, Voice.COMMENT, None) == "comment in Harbor Times"


def test_text_speaker_name_falls_back_to_description() -> None:
    named = statement("Kerry said")
    assert speaker_name(named) == "Kerry"
    assert speaker_name(replace(named, speaker=Speaker(None, None, "an aide"))) == "an aide"
    assert speaker_name(replace(named, speaker=Speaker(None, None, None))) == "unnamed speaker"


def test_text_spans_contain_and_overlap_only_in_one_document() -> None:
    a, b = Span("d1", 0, 10), Span("d1", 2, 5)
    assert contains(a, b) and not contains(b, a) and contains(a, a)
    assert overlaps(a, b) and overlaps(b, a)
    assert not overlaps(Span("d1", 0, 5), Span("d1", 5, 9))  # touching is not overlapping
    assert not contains(a, Span("d2", 2, 5)) and not overlaps(a, Span("d2", 2, 5))


@pytest.mark.parametrize(
    ("place", "country"),
    [
        ("Baghdad", "country:irq"),
        (" iraq ", "country:irq"),
        ("Washington", "country:usa"),
        ("Atlantis", None),
        (None, None),
    ],
)
def test_text_place_country(place: str | None, country: str | None) -> None:
    assert place_country(place) == country


def test_text_is_country_name_not_its_capital() -> None:
    assert is_country_name("Iraq") and not is_country_name("Baghdad")


@pytest.mark.parametrize(
    ("text", "positive"),
    [
        ("The council approved the budget", True),
        ("The council didn't approve the budget", False),
        ("The report is baseless", False),
        ("Officials ruled out a deal", False),
        ("Did the council approve the budget?”", False),  # a question inside quotes
    ],
)
def test_text_states_positively(text: str, positive: bool) -> None:
    assert states_positively(text) is positive


def test_text_sentence_is_frozen() -> None:
    s = Sentence(Span("d", 0, 1), "x", Voice.OWN, False)
    with pytest.raises(AttributeError):
        s.text = "y"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "KANO, Nigeria — Soldiers reopened the market on Monday.",
            "Soldiers reopened the market on Monday.",
        ),
        ("(Reuters) - The port reopened after the storm.", "The port reopened after the storm."),
        ("(CNN) -- Rain closed the bridge.", "Rain closed the bridge."),
        ("LISBON (AP) — Ministers approved the budget.", "Ministers approved the budget."),
        (
            "By Ana Reyes and Tom Bell LISBON — The council approved the plan.",
            "The council approved the plan.",
        ),
        ("By Friday Iran had withdrawn its envoy.", None),  # "By" opens the sentence
        ("NATO allies met in Brussels — and agreed on nothing.", None),  # no dateline: unchanged
        ("UK: ministers approve the budget", None),  # a headline's colon is not a dateline
    ],
)
def test_text_dateline_byline_and_agency_tag_stripped(text: str, expected: str | None) -> None:
    assert strip_dateline(text) == (expected or text)


@pytest.mark.parametrize(
    ("text", "statement", "expected"),
    [
        ("that the council approved the budget", True, "The council approved the budget"),
        ("that there had been no talks between the two ministries", True, None),  # a denial
        ("The rumour is categorically false", False, None),
        ("Did the council approve the budget?", False, None),
        ("to publish the report next week", True, None),  # an infinitive, no proposition
        ("the mayor's plan for the harbour", True, None),  # a noun phrase
        ("he received the files from a clerk", True, None),  # whose "he"?
        ("The Latest on the harbour strike (all times local):", False, None),  # a heading
        ("MADRID — “The port will reopen on Friday”", False, "The port will reopen on Friday"),
        ("40 ferries were cancelled by the operator", True, "40 ferries were cancelled by the operator"),
    ],
)
def test_text_proposition_texts(text: str, statement: bool, expected: str | None) -> None:
    assert proposition(text, statement=statement) == expected


def test_text_affirmed_drops_negating_words() -> None:
    assert affirmed("The rebels denied agreeing to a truce") == "The rebels agreeing to a truce"
    assert affirmed("The army didn't leave the town") == "The army did leave the town"


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("New Iran", True),  # a longer place name that merely ends with the country's
        ("Iran", False),
        ("Northern Iran", False),  # a region of the country is still the country
        ("Tabriz, Iran", False),  # a city and its country
        ("the Islamic Republic of Iran", False),  # a whole alias
    ],
)
def test_text_entity_span_names_the_actor(surface: str, expected: bool) -> None:
    iran = Actor("country:irn", "Iran", "country", aliases=("Islamic Republic of Iran",))
    assert names_other_place(surface, iran) is expected
