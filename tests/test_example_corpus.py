"""The bundled example corpus and its gold file agree with each other.

Later evaluations (speaker accuracy, event recall, stance) score claimgraph against
`gold.json`, so every prefix it cites must really occur in the document it names, every
label must come from the agreed sets, and every document of the corpus must be covered.
"""

from __future__ import annotations

import gzip
import html
import importlib.util
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from shared_data import require_shared
from warcio.archiveiterator import ArchiveIterator

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "src" / "claimgraph" / "example_corpus"
GOLD = CORPUS / "gold.json"
SEEDS = ROOT / ".." / "shared" / "seeds"

STANCES = {"agree", "disagree", "discuss", "unrelated"}
VOICES = {"own", "quoted", "comment", "boilerplate"}
MODALITIES = {"asserted", "denied", "planned", "hypothetical", "reported"}
ACTIONS = {
    "consult", "cooperate_militarily", "provide_military_aid", "deploy_forces", "attack", "seize",
    "withdraw", "threaten", "deny", "accuse", "praise", "sanction",
}  # fmt: skip
VERDICTS = {"corroborated", "disputed", "denied", "single-source", "unverified"}
JSONL_FIELDS = {"title", "text", "outlet", "published", "url", "author"}
CONTENT_NS = "{http://purl.org/rss/1.0/modules/content/}encoded"
OPENING_QUOTES = {'"', "“"}
# The HTML news page must carry site chrome, a quoted outlet and a comment section.
NEWS_PAGE_MARKERS = ("<nav", "<footer", "<blockquote", 'class="comment-author"', "Share on")

# What the corpus brief asks for; the gold file must hold at least this much.
MIN_DIRECT_QUOTES = 25
MIN_INDIRECT_STATEMENTS = 15
MIN_EVENTS = 20
# A run of this many words shared with a seed page would mean its wording was copied;
# ten words is longer than any stock phrase ("the United States and Iran") yet shorter
# than a copied sentence.
SEED_SHINGLE_WORDS = 10

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def normalise(raw: str) -> str:
    """Visible text: tags dropped, entities decoded, whitespace collapsed."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub("", raw))).strip()


def load_gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


def feed_items(path: Path) -> list[str]:
    items = ET.parse(path).getroot().iter("item")
    return [item.findtext(CONTENT_NS) or "" for item in items]


def warc_pages(path: Path) -> list[str]:
    with path.open("rb") as stream:
        return [
            record.content_stream().read().decode("utf-8")
            for record in ArchiveIterator(stream)
            if record.rec_type == "response"
        ]


def jsonl_records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@cache
def records(name: str) -> tuple[str, ...]:
    """The visible text of each document a corpus file holds, in record order."""
    path = CORPUS / name
    if name.endswith(".xml"):
        raw = feed_items(path)
    elif name.endswith(".warc.gz"):
        raw = warc_pages(path)
    elif name.endswith(".jsonl"):
        raw = [record["text"] for record in jsonl_records(path)]
    else:
        raw = [path.read_text(encoding="utf-8")]
    return tuple(normalise(text) for text in raw)


_FRONT_MATTER_URL = re.compile(r"^url: (\S+)$", re.MULTILINE)
_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')


def record_urls(name: str) -> list[str]:
    """The URL each document of a corpus file declares for itself, in record order."""
    path = CORPUS / name
    if name.endswith(".xml"):
        return [item.findtext("link") or "" for item in ET.parse(path).getroot().iter("item")]
    if name.endswith(".warc.gz"):
        with path.open("rb") as stream:
            return [
                record.rec_headers.get_header("WARC-Target-URI")
                for record in ArchiveIterator(stream)
                if record.rec_type == "response"
            ]
    if name.endswith(".jsonl"):
        return [record["url"] for record in jsonl_records(path)]
    raw = path.read_text(encoding="utf-8")
    sidecar = path.with_suffix(".json")
    if sidecar.is_file():
        return [json.loads(sidecar.read_text(encoding="utf-8"))["url"]]
    found = _FRONT_MATTER_URL.search(raw) or _CANONICAL.search(raw)
    return [found.group(1) if found else ""]


def document_text(entry: dict) -> str:
    texts = records(entry["file"])
    return texts[entry["record"] or 0]


def gold_documents() -> list[dict]:
    return load_gold()["documents"]


def doc_id(entry: dict) -> str:
    return entry["file"] if entry["record"] is None else f"{entry['file']}#{entry['record']}"


def prefixes(entry: dict) -> list[tuple[str, str]]:
    """(kind, prefix) for every prefix the gold cites in one document."""
    found = [("voice", voice["text_startswith"]) for voice in entry["voices"]]
    found += [("statement", statement["content_startswith"]) for statement in entry["statements"]]
    found += [("event", event["text_startswith"]) for event in entry["events"]]
    if entry["stance_evidence"]:
        found.append(("stance_evidence", entry["stance_evidence"]))
    return found


def all_statements() -> list[dict]:
    return [statement for entry in gold_documents() for statement in entry["statements"]]


def corpus_documents() -> set[str]:
    """Every document the corpus holds: one per page file, one per record of a container."""
    found = set()
    for path in CORPUS.iterdir():
        if path.suffix in {".txt", ".html"}:
            found.add(path.name)
        elif path.name.endswith((".xml", ".warc.gz", ".jsonl")):
            found |= {f"{path.name}#{index}" for index in range(len(records(path.name)))}
    return found


def test_example_corpus_gold_is_well_formed() -> None:
    gold = load_gold()
    assert set(gold) == {"_comment", "claim", "documents", "claims"}
    assert gold["claim"] == "the US and Iran are cooperating militarily in Iraq"
    for entry in gold["documents"]:
        assert entry["stance"] in STANCES, doc_id(entry)
        assert entry["outlet"] and entry["title"], doc_id(entry)
        assert all(voice["voice"] in VOICES for voice in entry["voices"]), doc_id(entry)
        for statement in entry["statements"]:
            assert statement["voice"] in VOICES - {"boilerplate"}, statement
            assert statement["speaker"] or statement["description"], statement
            assert statement["chain"][0] == entry["outlet"], statement
            assert statement["chain"][-1] in {statement["speaker"], statement["description"]}, statement
        for event in entry["events"]:
            assert event["action"] in ACTIONS, event
            assert event["modality"] in MODALITIES, event
            assert event["actor"], event
    for claim in gold["claims"]:
        assert claim["verdict"] in VERDICTS and claim["text"] and claim["why"], claim


@pytest.mark.parametrize("entry", gold_documents(), ids=doc_id)
def test_example_corpus_gold_prefixes_occur_in_their_document(entry: dict) -> None:
    assert (CORPUS / entry["file"]).is_file()
    text = document_text(entry)
    missing = [(kind, prefix) for kind, prefix in prefixes(entry) if prefix not in text]
    assert not missing


@pytest.mark.parametrize("entry", gold_documents(), ids=doc_id)
def test_example_corpus_gold_url_is_the_documents_own(entry: dict) -> None:
    assert record_urls(entry["file"])[entry["record"] or 0] == entry["url"]


@pytest.mark.parametrize("entry", gold_documents(), ids=doc_id)
def test_example_corpus_gold_voice_authors_and_sources(entry: dict) -> None:
    for voice in entry["voices"]:
        assert bool(voice["author"]) == (voice["voice"] == "comment"), voice
        assert bool(voice["source"]) == (voice["voice"] == "quoted"), voice


@pytest.mark.parametrize("statement", all_statements(), ids=lambda s: s["content_startswith"][:30])
def test_example_corpus_gold_direct_quotes_follow_a_quote_mark(statement: dict) -> None:
    entry = next(e for e in gold_documents() if statement in e["statements"])
    text = document_text(entry)
    before = text[text.index(statement["content_startswith"]) - 1]
    assert (before in OPENING_QUOTES) == statement["direct"]


def test_example_corpus_gold_covers_every_document() -> None:
    cited = {doc_id(entry) for entry in gold_documents()}
    assert len(cited) == len(gold_documents())
    assert cited == corpus_documents()


def test_example_corpus_gold_near_duplicate_points_at_a_document() -> None:
    files = {entry["file"] for entry in gold_documents()}
    pairs = [(e["file"], e["near_duplicate_of"]) for e in gold_documents() if e["near_duplicate_of"]]
    assert pairs
    for copy, original in pairs:
        assert original in files and original != copy


def test_example_corpus_gold_has_enough_facts() -> None:
    statements = all_statements()
    assert sum(s["direct"] for s in statements) >= MIN_DIRECT_QUOTES
    assert sum(not s["direct"] for s in statements) >= MIN_INDIRECT_STATEMENTS
    assert sum(len(entry["events"]) for entry in gold_documents()) >= MIN_EVENTS


def test_example_corpus_gold_has_every_stance() -> None:
    counts = Counter(entry["stance"] for entry in gold_documents())
    assert counts["agree"] >= 2 and counts["disagree"] >= 2
    assert counts["discuss"] >= 1 and counts["unrelated"] >= 1


@pytest.mark.parametrize(
    ("pattern", "minimum"), [("*.txt", 3), ("*.html", 2), ("*.xml", 1), ("*.warc.gz", 1), ("*.jsonl", 1)]
)
def test_example_corpus_has_each_format(pattern: str, minimum: int) -> None:
    assert len(list(CORPUS.glob(pattern))) >= minimum


def test_example_corpus_front_matter_and_plain_text_both_present() -> None:
    heads = [path.read_text(encoding="utf-8").startswith("---\n") for path in CORPUS.glob("*.txt")]
    assert any(heads) and not all(heads)


def test_example_corpus_containers_hold_full_records() -> None:
    feed = next(CORPUS.glob("*.xml"))
    assert [bool(content.strip()) for content in feed_items(feed)] == [True, True]
    warc = next(CORPUS.glob("*.warc.gz"))
    assert 1 <= len(warc_pages(warc)) <= 2
    for record in jsonl_records(next(CORPUS.glob("*.jsonl"))):
        assert set(record) == JSONL_FIELDS


def test_example_corpus_html_news_page_has_chrome_quote_and_comments() -> None:
    pages = [path.read_text(encoding="utf-8") for path in CORPUS.glob("*.html")]
    assert any(all(marker in page for marker in NEWS_PAGE_MARKERS) for page in pages)


def test_example_corpus_warc_matches_its_generator(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_warc", ROOT / "examples" / "make_warc.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rebuilt = tmp_path / "rebuilt.warc.gz"
    module.write_warc(rebuilt)
    committed = CORPUS / "crawl-2014-06.warc.gz"
    assert warc_pages(rebuilt) == warc_pages(committed)
    assert gzip.decompress(rebuilt.read_bytes()).count(b"WARC/1") == gzip.decompress(
        committed.read_bytes()
    ).count(b"WARC/1")


def test_example_corpus_examples_link_points_at_the_package() -> None:
    link = ROOT / "examples" / "corpus"
    assert link.is_symlink()
    assert link.resolve() == CORPUS.resolve()


def shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", normalise(text).casefold().replace("’", "'"))
    return {tuple(words[i : i + SEED_SHINGLE_WORDS]) for i in range(len(words) - SEED_SHINGLE_WORDS + 1)}


def test_example_corpus_does_not_copy_the_seeds() -> None:
    seeds = require_shared(SEEDS)
    seed_shingles = set().union(*(shingles(path.read_text(encoding="utf-8")) for path in seeds.glob("*.txt")))
    for name in sorted(path.name for path in CORPUS.iterdir() if path.suffix != ".json"):
        copied = {" ".join(s) for text in records(name) for s in shingles(text) & seed_shingles}
        assert not copied, name
