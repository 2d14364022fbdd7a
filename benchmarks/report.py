"""Report generation time and file size on a synthetic export of 10,000 documents and 2,000 claims.

The export has the shape of docs/schema.md: ~2,500-character documents in four voices, 300 actors,
5 statements and 3 events a document, and 15 stances a claim with one evidence sentence each.
Prints seconds to build the export, seconds to render, and the page size in MB; `--sections` also
prints the CPU seconds (min of 3, each on a fresh `ExportIndex`) of the graph and timeline sections,
which run `graph.build_graph` and `timeline.timeline` on the export read back as model types.

    python benchmarks/report.py --documents 10000 --claims 2000 [--sections]
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path
from typing import Any

from claimgraph.report import render_report
from claimgraph.report.index import ExportIndex
from claimgraph.report.relations import graph_view
from claimgraph.report.timeline import timeline_view

WORDS = (
    "government officials said forces militants city border talks military cooperation airstrikes "
    "ministry statement spokesman week region security troops support offensive province capital "
    "reported according analysts conflict negotiations embassy advisers weapons coalition"
).split()
VOICES = ("boilerplate", "own", "quoted", "own", "comment")
ACTIONS = (("cooperate", "060"), ("consult", "040"), ("attack", "190"), ("reject", "120"), ("deny", "016"))
MODALITIES = ("asserted", "denied", "planned", "hypothetical", "reported")
STANCES = ("agree", "disagree", "discuss")
SENTENCES_PER_SEGMENT = 4
STATEMENTS_PER_DOC, EVENTS_PER_DOC, STANCES_PER_CLAIM = 5, 3, 15


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 24))).capitalize() + "."


def _document(rng: random.Random, i: int, outlets: list[str]) -> dict[str, Any]:
    text, segments = "", []
    for voice in VOICES:
        body = " ".join(_sentence(rng) for _ in range(SENTENCES_PER_SEGMENT))
        start = len(text) + (2 if text else 0)
        text = f"{text}\n\n{body}" if text else body
        segments.append(
            {
                "voice": voice,
                "start": start,
                "end": len(text),
                "text": body,
                "source": rng.choice(outlets) if voice == "quoted" else None,
                "author": f"reader{rng.randint(1, 999)}" if voice == "comment" else None,
            }
        )
    day = 1 + i % 28
    return {
        "id": f"{i:016x}",
        "uri": f"synthetic/{i}.html",
        "title": _sentence(rng)[:70],
        "outlet": outlets[i % len(outlets)],
        "published": f"2014-{1 + i % 12:02d}-{day:02d}",
        "author": None,
        "text": text,
        "segments": segments,
    }


def synthetic_export(documents: int, claims: int, seed: int = 7) -> dict[str, Any]:
    rng = random.Random(seed)
    outlets = [f"Outlet {n}" for n in range(200)]
    actors = [
        {
            "id": f"person:p{n}",
            "name": f"Person {n}",
            "kind": "person",
            "aliases": [],
            "affiliation": None,
            "code": None,
        }
        for n in range(300)
    ]
    docs = [_document(rng, i, outlets) for i in range(documents)]
    statements, events = [], []
    for doc in docs:
        own = doc["segments"][1]
        for k in range(STATEMENTS_PER_DOC):
            speaker = rng.choice(actors)
            statements.append(
                {
                    "id": f"{doc['id']}s{k}",
                    "doc_id": doc["id"],
                    "voice": "own",
                    "speaker": {"name": speaker["name"], "actor_id": speaker["id"], "description": None},
                    "affiliation": None,
                    "chain": [doc["outlet"], speaker["name"]],
                    "cue": "said",
                    "content": own["text"][:120],
                    "direct": False,
                    "start": own["start"],
                    "end": own["start"] + 120,
                    "content_start": own["start"],
                    "content_end": own["start"] + 120,
                }
            )
        for k in range(EVENTS_PER_DOC):
            a, b = rng.sample(actors[:60], 2)
            action, cameo = rng.choice(ACTIONS)
            events.append(
                {
                    "id": f"{doc['id']}e{k}",
                    "doc_id": doc["id"],
                    "voice": "own",
                    "actor": {"name": a["name"], "actor_id": a["id"]},
                    "action": action,
                    "cameo": cameo,
                    "target": {"name": b["name"], "actor_id": b["id"]},
                    "place": None,
                    "date": doc["published"],
                    "modality": rng.choice(MODALITIES),
                    "text": own["text"][:150],
                    "start": own["start"],
                    "end": own["start"] + 150,
                }
            )
    claim_list = []
    for c in range(claims):
        stances = []
        for doc in rng.sample(docs, STANCES_PER_CLAIM):
            own = doc["segments"][1]
            speaker = rng.random() < 0.4
            stances.append(
                {
                    "doc_id": doc["id"],
                    "holder": rng.choice(actors)["name"] if speaker else doc["outlet"],
                    "holder_kind": "speaker" if speaker else "source",
                    "stance": rng.choice(STANCES),
                    "score": round(rng.random(), 3),
                    "evidence": [
                        {
                            "doc_id": doc["id"],
                            "start": own["start"],
                            "end": own["start"] + 200,
                            "text": own["text"][:200],
                        }
                    ],
                }
            )
        claim_list.append(
            {
                "id": f"claim{c}",
                "text": _sentence(rng),
                "subject": None,
                "relation": None,
                "object": None,
                "stances": stances,
                "verdict": {
                    "label": rng.choice(("corroborated", "disputed", "denied", "unverified")),
                    "confidence": round(rng.random(), 2),
                    "explanation": _sentence(rng),
                },
            }
        )
    sources = [
        {"name": o, "reliability": round(rng.random(), 3), "documents": documents // len(outlets)}
        for o in outlets
    ]
    return {
        "documents": docs,
        "actors": actors,
        "statements": statements,
        "events": events,
        "claims": claim_list,
        "contradictions": [],
        "sources": sources,
    }


def section_seconds(export: dict[str, Any], repeats: int = 3) -> dict[str, float]:
    """CPU seconds, best of `repeats`, of the graph and timeline sections on a fresh index each."""
    sections = {
        "graph_view": lambda: graph_view(ExportIndex.build(export)),
        "timeline_view": lambda: timeline_view(ExportIndex.build(export), set()),
    }
    best = {}
    for name, run in sections.items():
        times = []
        for _ in range(repeats):
            start = time.process_time()
            run()
            times.append(time.process_time() - start)
        best[name] = min(times)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--claims", type=int, default=2_000)
    parser.add_argument("--out", type=Path, help="also write the page here")
    parser.add_argument("--sections", action="store_true", help="also time the graph and timeline sections")
    args = parser.parse_args()
    t0 = time.perf_counter()
    export = synthetic_export(args.documents, args.claims)
    t1 = time.perf_counter()
    page = render_report(export, title="synthetic benchmark")
    t2 = time.perf_counter()
    size = len(page.encode("utf-8"))
    if args.out:
        args.out.write_text(page, encoding="utf-8")
    print(
        f"documents={args.documents} claims={args.claims} statements={len(export['statements'])} "
        f"events={len(export['events'])} stances={sum(len(c['stances']) for c in export['claims'])}"
    )
    print(f"build export {t1 - t0:.1f} s; render {t2 - t1:.2f} s; page {size / 1e6:.2f} MB")
    if args.sections:
        print("; ".join(f"{name} {seconds:.2f} s CPU" for name, seconds in section_seconds(export).items()))


if __name__ == "__main__":
    main()
