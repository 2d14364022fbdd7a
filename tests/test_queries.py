"""The list queries (`claimgraph.find_*`): each filter and limit, and the CLI's --json giving the
same rows as the Python API, with the export's provenance fields."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from typer.testing import CliRunner

import claimgraph
from claimgraph.cli import app
from claimgraph.errors import ClaimgraphError
from claimgraph.model import Document, DocumentAnalysis
from claimgraph.store import Store

runner = CliRunner()


@pytest.fixture
def judged(
    db_path: str,
    nlp_doc: Callable[..., Document],
    nlp_result: Callable[..., DocumentAnalysis],
    judge_two_outlets: Callable[[Store], None],
) -> str:
    """The hand-built article from two outlets, its NLP rows, and the corpus stage's claims."""
    with Store.open(db_path) as store:
        store.add_documents([nlp_doc()])
        store.put_document_analysis(nlp_result())
        judge_two_outlets(store)
        store.track_claim("claim:tracked0001", "Iran and the US coordinate airstrikes")
    return db_path


def cli_json(db: str, *args: str) -> list[dict]:
    result = runner.invoke(app, [*args, "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    return data


def test_statements_speaker_doc_and_limit(judged: str) -> None:
    with claimgraph.open_store(judged) as store:
        every = claimgraph.find_statements(store)
        spokesman = claimgraph.find_statements(store, speaker="spokesman")
        one_doc = claimgraph.find_statements(store, doc="00aa")
        first = claimgraph.find_statements(store, limit=1)
    assert len(every) == 4  # two statements in each outlet's copy
    assert {s.speaker.name for s in spokesman} == {"Bill Speaks"} and len(spokesman) == 2
    assert {s.doc_id for s in one_doc} == {"00aa11bb22cc33dd"} and len(one_doc) == 2
    assert first == every[:1]


def test_events_actor_and_action(judged: str) -> None:
    with claimgraph.open_store(judged) as store:
        every = claimgraph.find_events(store)
        iran = claimgraph.find_events(store, actor="tehran")  # an alias of the canonical actor
        attacks = claimgraph.find_events(store, action="Attack")
        both = claimgraph.find_events(store, actor="pentagon", action="attack")
    assert {e.action for e in every} == {"attack", "cooperate_militarily"}
    assert iran and {e.actor.name for e in iran} == {"Iran"}
    assert attacks and {e.action for e in attacks} == {"attack"} and len(attacks) < len(every)
    assert both == []


def test_unknown_action_and_negative_limit_are_numbered_errors(judged: str) -> None:
    with claimgraph.open_store(judged) as store:
        with pytest.raises(ClaimgraphError, match=r"E013.*action 'bomb'.*attack"):
            claimgraph.find_events(store, action="bomb")
        with pytest.raises(ClaimgraphError, match="E115"):
            claimgraph.find_actors(store, limit=-1)
        with pytest.raises(ClaimgraphError, match=r"E013.*verdict 'true'"):
            claimgraph.find_claims(store, verdict="true")


def test_claims_tracked_first_then_verdict_and_text_filters(judged: str) -> None:
    with claimgraph.open_store(judged) as store:
        every = claimgraph.find_claims(store)
        built = store.list_claims()
        verdicts = store.list_verdicts()
        label = verdicts[built[0].id].label.value
        same_verdict = claimgraph.find_claims(store, verdict=label)
        waiting = claimgraph.find_claims(store, verdict="not judged yet")
        word = built[0].text.split()[-1].upper()  # the filter ignores case
        by_text = claimgraph.find_claims(store, text=word)
        two = claimgraph.find_claims(store, limit=2)
    assert every[0].tracked and every[0].id == "claim:tracked0001"
    assert [c.id for c in every[1:]] == [c.id for c in built]
    assert same_verdict and all(c.verdict == label for c in same_verdict)
    assert [c.id for c in waiting] == ["claim:tracked0001"]
    assert by_text and all(word.casefold() in c.text.casefold() for c in by_text)
    assert len(by_text) < len(every)
    assert two == every[:2]
    assert every[1].sources["agree"] == 2  # both outlets carry it; the fake model agrees


def test_actors_and_documents_limits(judged: str) -> None:
    with claimgraph.open_store(judged) as store:
        actors = claimgraph.find_actors(store)
        docs = claimgraph.find_documents(store)
        assert claimgraph.find_actors(store, limit=2) == actors[:2]
        assert claimgraph.find_documents(store, limit=0) == []
    kerry = next(a for a in actors if a.actor.id == "person:john-kerry")
    assert kerry.mentions == 2 and len(docs) == 2


@pytest.mark.parametrize(
    ("args", "key", "expected"),
    [
        (["statements", "--speaker", "kerry"], "speaker", {"name": "John Kerry"}),
        (["events", "--action", "attack", "--limit", "1"], "action", "attack"),
        (["actors", "--limit", "1"], "id", "armed_group:isis"),
        (["docs"], "outlet", "Harbor Times"),
        (["claims", "--verdict", "not judged yet"], "tracked", True),
    ],
)
def test_cli_json_matches_the_api(judged: str, args: list[str], key: str, expected: object) -> None:
    rows = cli_json(judged, *args)
    assert rows
    value = rows[0][key]
    assert value == expected or (isinstance(expected, dict) and expected.items() <= value.items())


def test_cli_json_rows_carry_provenance_and_equal_the_api(judged: str) -> None:
    statements = cli_json(judged, "statements", "--doc", "00aa")
    events = cli_json(judged, "events")
    with claimgraph.open_store(judged) as store:
        assert [s["id"] for s in statements] == [s.id for s in claimgraph.find_statements(store, doc="00aa")]
        assert [e["id"] for e in events] == [e.id for e in claimgraph.find_events(store)]
        claims = [c.id for c in claimgraph.find_claims(store)]
    for row in (*statements, *events):
        assert {"doc_id", "voice", "start", "end"} <= row.keys()
    assert all(s["chain"][0] == "Harbor Times" for s in statements)
    assert [c["id"] for c in cli_json(judged, "claims")] == claims


def test_cli_filters_in_tables(judged: str) -> None:
    result = runner.invoke(app, ["events", "--db", judged, "--action", "cooperate_militarily"])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.stdout.splitlines()[1:]]
    assert rows and {r[4] for r in rows} == {"cooperate_militarily"}
    bad = runner.invoke(app, ["events", "--db", judged, "--action", "bomb"])
    assert bad.exit_code == 2 and "E013" in bad.stderr and "Traceback" not in bad.output
    limited = runner.invoke(app, ["claims", "--db", judged, "--limit", "1"])
    assert len(limited.stdout.splitlines()) == 2  # header and one claim
