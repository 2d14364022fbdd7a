"""`/api/v1` over the corpus model (web/api_claims.py): claims and their filters, one claim with
both sides, its history, the timeline and the relation graph."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from claimgraph.store import Store

Box = Callable[[dict[str, Any]], tuple[float, float, float, float]]
Walk = Callable[[str, int], list[dict[str, Any]]]


def test_web_api_cursor_pages_visit_every_claim_once(walk: Walk, example_db: str) -> None:
    with Store.open(example_db, read_only=True) as store:
        expected = [c.id for c in store.list_claims()]
    assert len(expected) >= 3
    assert [c["id"] for c in walk("/api/v1/claims", 2)] == expected


def test_web_api_claim_has_every_stance_on_both_sides(client: TestClient, example_db: str) -> None:
    with Store.open(example_db, read_only=True) as store:
        stances: dict[str, list[Any]] = {}
        for s in store.iter_stances():
            stances.setdefault(s.claim_id, []).append(s)
    disputed = max(stances, key=lambda c: len({s.stance for s in stances[c]}))
    body = client.get(f"/api/v1/claims/{disputed}").json()
    assert body["claim"]["id"] == disputed
    got = sorted((s["doc_id"], s["holder"], s["stance"]) for side in body["sides"].values() for s in side)
    want = sorted((s.doc_id, s.holder, s.stance.value) for s in stances[disputed])
    assert got == want
    for side, items in body["sides"].items():
        assert all(s["stance"] == side for s in items)
    for item in (s for side in body["sides"].values() for s in side):
        assert item["doc_id"] in body["documents"]
        for ev in item["evidence"]:
            assert {"span", "text", "voice", "chain"} <= set(ev)


def test_web_api_claim_prefix_and_history(client: TestClient) -> None:
    first = client.get("/api/v1/claims", params={"limit": 1}).json()["items"][0]
    body = client.get(f"/api/v1/claims/{first['id'].removeprefix('claim:')[:10]}").json()
    assert body["claim"]["id"] == first["id"]
    history = client.get(f"/api/v1/claims/{first['id']}/history").json()
    dates = [h["date"] for h in history]
    assert dates and all(h["label"] for h in history)
    assert dates == sorted(dates)


def test_web_api_claim_filters(client: TestClient, walk: Walk) -> None:
    everything = walk("/api/v1/claims", 200)
    verdicts = {c["verdict"]["label"] for c in everything if c["verdict"]}
    for label in verdicts:
        chosen = client.get("/api/v1/claims", params={"verdict": label, "limit": 200}).json()["items"]
        assert chosen and all(c["verdict"]["label"] == label for c in chosen)
    word = everything[0]["text"].split()[0]
    found = client.get("/api/v1/claims", params={"q": word, "limit": 200}).json()["items"]
    assert everything[0]["id"] in [c["id"] for c in found]
    iran = client.get("/api/v1/claims", params={"actor": "country:irn", "limit": 200}).json()["items"]
    assert iran and all("country:irn" in c["actors"] for c in iran)
    late = client.get("/api/v1/claims", params={"since": "2014-09-01", "limit": 200}).json()["items"]
    assert all(c["last"] >= "2014-09-01" for c in late)
    assert len(late) < len(everything) or all(c["last"] >= "2014-09-01" for c in everything)
    bad = client.get("/api/v1/claims", params={"verdict": "true"})
    assert bad.status_code == 422
    assert client.get("/api/v1/claims", params={"since": "June"}).status_code == 422


def test_web_api_sql_looking_queries_are_plain_text(client: TestClient) -> None:
    for q in ["' OR 1=1 --", '"; DROP TABLE claims; --', "%", "_"]:
        response = client.get("/api/v1/claims", params={"q": q})
        assert response.status_code == 200
        assert response.json()["items"] == []
        assert client.get("/api/v1/statements", params={"speaker": q}).status_code == 200
    assert client.get("/api/v1/claims", params={"limit": 1}).json()["items"]  # nothing was dropped


def test_web_api_graph_hides_isolated_and_unresolved(client: TestClient, label_box: Box) -> None:
    default = client.get("/api/v1/graph").json()
    everything = client.get("/api/v1/graph", params={"all": "true"}).json()
    assert default["nodes"] and len(everything["nodes"]) > len(default["nodes"])
    assert not any(n["id"].startswith("unresolved:") for n in default["nodes"])
    assert all(n["degree"] > 0 for n in default["nodes"])
    shown = {n["id"] for n in default["nodes"]}
    assert all(e["source"] in shown and e["target"] in shown for e in default["edges"])
    labelled = [n for n in default["nodes"] if n["label"]]
    assert labelled
    boxes = [label_box(n) for n in labelled]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), "labels overlap"


def test_web_api_timeline_is_dated_then_undated(walk: Walk) -> None:
    rows = walk("/api/v1/timeline", 200)
    dates = [r["entry"]["date"] for r in rows]
    dated = [d for d in dates if d]
    assert dated == sorted(dated)
    assert dates == dated + [None] * (len(dates) - len(dated))
    assert any(r["claims"] for r in rows)  # facts carry the claims they state
