"""CSV rows: nested fields flattened into name and id columns, lists joined into one cell."""

from __future__ import annotations

from claimgraph.export.tables import CSV_TABLES, actor_csv_row, contradiction_csv_row, event_csv_row
from claimgraph.model import ActorRef, Contradiction, Event, FactRef, Span, Voice


def test_actor_row_joins_aliases_and_counted_spellings() -> None:
    record = {
        "id": "country:irn",
        "aliases": ["Tehran", "Persia"],
        "surface_forms": [{"text": "Tehran", "count": 2}],
    }
    row = actor_csv_row(record)
    assert (row["aliases"], row["surface_forms"]) == ("Tehran | Persia", "Tehran (2)")


def test_event_row_splits_actor_and_target() -> None:
    event = Event(
        "e1", "d1", Voice.OWN, ActorRef("Iran", "country:irn"), "fight", "19", None, None, None,
        "asserted", "Iran struck", Span("d1", 0, 11),
    )  # fmt: skip
    row = event_csv_row(event)
    assert (row["actor_name"], row["actor_id"], row["target_name"], row["target_actor_id"]) == (
        "Iran",
        "country:irn",
        None,
        None,
    )
    assert set(CSV_TABLES["events"]) <= set(row)


def test_contradiction_row_has_one_column_per_side_field() -> None:
    c = Contradiction("x1", "c1", FactRef("event", "e1", "d1"), FactRef("statement", "s2", "d2"), "denied")
    assert contradiction_csv_row(c) == {
        "id": "x1", "claim_id": "c1", "a_kind": "event", "a_id": "e1", "a_doc_id": "d1",
        "b_kind": "statement", "b_id": "s2", "b_doc_id": "d2", "reason": "denied",
    }  # fmt: skip
