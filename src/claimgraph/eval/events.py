"""Events scorer on the PETRARCH2 gold unit-test records: how many expected CAMEO events we recover.

The records use Tolkien actors (Arnor, Gondor) whose codes exist only in PETRARCH's
validation actor dictionary, so the resolver here is built from that dictionary instead of
our registry. The gold event codes follow that suite's verb dictionary, whose header says
"most of the codes are WEIS, not CAMEO" (MEET is 031, CONDEMN 122, RESTORE 064), so an
action-code match is not a fair test of a CAMEO taxonomy: it is reported
(`code_root_agreement`) but the headline is the actor pair. A gold event counts as recovered
(`pair_recall`) when one of our events in the record has its source code (first three
letters: "BREGOV" → "BRE"; PETRARCH agents are not modelled) and its target ("---": any).
`source_recall` asks only for the source. These sentences test a coder's edge cases, not
news accuracy: expect low figures.

    evaluate_petrarch("/work/shared/data/petrarch_cameo")
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from claimgraph.model import Actor, Document, Segment, Voice
from claimgraph.nlp.actors import ActorResolver, slug
from claimgraph.nlp.events import extract_events
from claimgraph.nlp.parsed import keep_hyphenated_words
from claimgraph.nlp.registry import RegistryEntry
from claimgraph.nlp.spacy_model import load_nlp

RECORDS_FILE = "unit_test_records.dev.jsonl"
ACTORS_FILE = "validation_dictionaries/PETR.Validate.actors.txt"
COUNTRY_CHARS = 3  # CAMEO actor codes start with the country (or IGO/group) code
ROOT_CHARS = 2  # CAMEO event roots: "04" consult, "19" fight
NO_TARGET = "---"
_ACTOR_LINE = re.compile(r"^([^\s#<\[+][^\[#]*?)\s*\[([^\]\s]+)\]")


SMALL_WORDS = frozenset({"THE", "OF", "AND", "FOR", "IN"})  # capitalised, never kept as acronyms


def _title(name: str) -> str:
    """ "GONDOR" → "Gondor", keeping short acronyms: "UAE" stays "UAE"; "THE" becomes "The"."""
    return " ".join(
        w if len(w) <= 3 and w.isupper() and w not in SMALL_WORDS else w.capitalize() for w in name.split()
    )


def read_validation_actors(path: Path) -> list[RegistryEntry]:
    """PETRARCH actor dictionary: `NAME_ [CODE]` lines, `+SYNONYM` lines after them."""
    entries: list[tuple[str, str, list[str]]] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if line.startswith("+") and entries:
            entries[-1][2].append(line[1:].replace("_", " ").strip())
            continue
        match = _ACTOR_LINE.match(line)
        if match and not match.group(2).startswith("~") and match.group(2) != NO_TARGET:
            name = match.group(1).replace("_", " ").strip()
            entries.append((name, match.group(2).split("/")[0].split("<")[0], []))
    registry = []
    for name, code, synonyms in entries:
        names = [name, *synonyms]
        aliases = tuple(dict.fromkeys(v for n in names for v in (n, _title(n)) if v != _title(name)))
        actor = Actor(f"petrarch:{code.lower()}:{slug(name)}", _title(name), "country", aliases, None, code)
        registry.append(RegistryEntry(actor))
    return registry


def _key(code: str | None) -> str:
    return (code or NO_TARGET)[:COUNTRY_CHARS].upper()


def _matches(gold: dict, found: set[tuple[str, str, str]], *, code: bool = False) -> bool:
    source, target, root = _key(gold["source"]), _key(gold["target"]), gold["event"][:ROOT_CHARS]
    return any(
        s == source and (target == NO_TARGET or t == target) and (not code or r == root) for s, t, r in found
    )


def evaluate_petrarch(directory: str | Path) -> dict:
    """Recall/precision of (source, target, CAMEO root) over the unit-test records in `directory`."""
    root = Path(directory)
    records = [json.loads(line) for line in (root / RECORDS_FILE).read_text().splitlines() if line.strip()]
    resolver = ActorResolver(read_validation_actors(root / ACTORS_FILE))
    nlp = load_nlp()
    keep_hyphenated_words(nlp)
    totals = dict.fromkeys(("gold", "pairs", "sources", "codes", "predicted", "correct", "alarms"), 0)
    for record in records:
        text = record["text"]
        date = record.get("date") or ""
        published = f"{date[:4]}-{date[4:6]}-{date[6:8]}" if len(date) == 8 else None
        segments = (Segment(Voice.OWN, 0, len(text)),)
        doc = Document(record["id"], record["id"], "text", text, segments, published=published)
        found = set()
        for event in extract_events(doc, nlp, resolver):
            ids = (event.actor.actor_id, event.target.actor_id if event.target else None)
            source, target = (resolver.entries[i].actor.code if i else None for i in ids)
            found.add((_key(source), _key(target), (event.cameo or "")[:ROOT_CHARS]))
        gold = [] if record.get("noevents") else record["codings"]
        totals["alarms"] += bool(record.get("noevents") and found)
        totals["gold"] += len(gold)
        totals["pairs"] += sum(_matches(g, found) for g in gold)
        totals["codes"] += sum(_matches(g, found, code=True) for g in gold)
        totals["sources"] += sum(any(f[0] == _key(g["source"]) for f in found) for g in gold)
        totals["predicted"] += len(found)
        totals["correct"] += sum(any(_matches(g, {f}) for g in gold) for f in found)
    gold_total = totals["gold"] or 1
    return {
        "records": len(records),
        "gold_events": totals["gold"],
        "predicted_events": totals["predicted"],
        "pair_recall": round(totals["pairs"] / gold_total, 4),
        "source_recall": round(totals["sources"] / gold_total, 4),
        "pair_precision": round(totals["correct"] / totals["predicted"], 4) if totals["predicted"] else 0.0,
        "code_root_agreement": round(totals["codes"] / gold_total, 4),
        "noevent_records_with_events": totals["alarms"],
    }
