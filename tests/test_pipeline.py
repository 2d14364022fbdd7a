"""The run: batches, idempotent re-runs, skipped analyses, errors kept, and kill-and-resume."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

import claimgraph
from claimgraph.clean.ids import document_id
from claimgraph.config import PIPELINE_VERSION, Config
from claimgraph.corpus import CORPUS_STEPS
from claimgraph.model import Document, DocumentAnalysis, IngestError, RawDocument, Segment, Voice
from claimgraph.pipeline import DOCUMENT_STAGES, Stage, cleaned, config_hash, document_stages, run
from claimgraph.store import Store, schema

REPO_ROOT = Path(__file__).resolve().parents[1]


def fake_clean(raw: RawDocument) -> Document:
    """Stands in for claimgraph.clean.clean: all text is the outlet's own voice."""
    text = raw.text or ""
    return Document(
        id=document_id(text),
        uri=raw.uri,
        format=raw.format,
        text=text,
        segments=(Segment(Voice.OWN, 0, len(text)),),
        title=raw.title,
    )


def article(i: int) -> str:
    return f"Report {i}\nOn day {i} officials in city {i} said talks number {i} went on for {i} hours."


def docs(n: int, start: int = 0) -> list[Document]:
    return [
        fake_clean(RawDocument(uri=f"doc{i}.txt", format="text", text=article(i))) for i in range(start, n)
    ]


def config(db: str, batch_size: int = 4) -> Config:
    return Config(db=db, batch_size=batch_size, analyse_nlp=False)


def test_pipeline_counts_new_duplicates_and_errors(store: Store) -> None:
    items = [*docs(10), IngestError("bad.txt", "binary data"), *docs(3)]
    summary = run(items, store, config(store.db))
    assert (summary.documents_read, summary.new, summary.duplicates) == (13, 10, 3)
    assert summary.errors == [IngestError("bad.txt", "binary data")]
    assert (summary.analysed, summary.analyses_skipped) == (10, 3)
    assert store.count_documents() == 10
    assert list(store.iter_ingest_errors()) == [IngestError("bad.txt", "binary data")]


def test_pipeline_rerun_changes_nothing(store: Store) -> None:
    items = [*docs(9), IngestError("bad.txt", "empty file")]
    run(items, store, config(store.db))
    counts, checksum = store.table_counts(), store.content_checksum()
    again = run(items, store, config(store.db))
    assert (again.new, again.duplicates, again.analysed, again.analyses_skipped) == (0, 9, 0, 9)
    counts["runs"] += 1  # the run log is the one table a run adds to
    assert store.table_counts() == counts
    assert store.content_checksum() == checksum


def test_pipeline_stores_analyses_per_stage(store: Store) -> None:
    run(docs(2), store, config(store.db))
    doc = next(store.iter_documents())
    payload = store.get_analysis(doc.id, PIPELINE_VERSION, config_hash(config(store.db)))
    assert payload == {
        "voices": {
            "segments": {"own": 1, "quoted": 0, "comment": 0, "boilerplate": 0},
            "chars": {"own": len(doc.text), "quoted": 0, "comment": 0, "boilerplate": 0},
        }
    }


def test_pipeline_new_stage_version_recomputes(store: Store) -> None:
    run(docs(3), store, config(store.db))
    bumped = (*DOCUMENT_STAGES, Stage("length", "1", lambda d: len(d.text)))
    summary = run(docs(3), store, config(store.db), stages=bumped)
    assert (summary.new, summary.analysed) == (0, 3)
    assert config_hash(config(store.db), bumped) != config_hash(config(store.db))


def test_pipeline_config_hash_ignores_run_settings() -> None:
    assert config_hash(Config(db="a.db", batch_size=1)) == config_hash(Config(db="b.db", workers=2))
    assert config_hash(Config()) != config_hash(Config(spacy_model="en_core_web_lg"))


def test_pipeline_groups_near_duplicates(store: Store) -> None:
    base = " ".join(f"word{i}" for i in range(200))
    copy = base.replace("word100 ", "changed ")
    items = [fake_clean(RawDocument(uri=u, format="text", text=t)) for u, t in [("a", base), ("b", copy)]]
    summary = run([*items, *docs(3)], store, config(store.db))
    assert (summary.near_duplicates, summary.near_duplicate_groups) == (1, 1)
    group = store.near_dup_groups()[0]
    assert group.doc_ids == tuple(sorted(d.id for d in items)) and group.id == min(group.doc_ids)


def test_pipeline_failure_mid_stream_keeps_what_was_read(store: Store) -> None:
    def stream() -> Iterator[Document]:
        yield from docs(6)
        raise OSError("disk went away")

    with pytest.raises(OSError):
        run(stream(), store, config(store.db))
    assert store.count_documents() == 6


def test_pipeline_clean_failure_is_an_ingest_error() -> None:
    def broken(raw: RawDocument) -> Document:
        raise ValueError("bad markup")

    raw = RawDocument(uri="x.html", format="html", html="<p>")
    assert list(cleaned([raw], broken)) == [IngestError("x.html", "cleaning failed: ValueError: bad markup")]


def test_pipeline_progress_reports(store: Store) -> None:
    seen: list[tuple[int, int]] = []
    run(docs(5), store, config(store.db), progress=lambda s: seen.append((s.documents_read, s.analysed)))
    # after each input read, after each batch written, and once at the end
    assert seen == [(1, 0), (2, 0), (3, 0), (4, 0), (4, 4), (5, 4), (5, 5), (5, 5)]


# -- end to end, through the real ingest and cleaning, in a subprocess ------------------------

UNIQUE = 3000  # enough that a run takes seconds, so the kill lands mid-run
REPEATS = 300  # exact copies of earlier files under other names


def write_corpus(folder: Path) -> int:
    """UNIQUE distinct articles plus REPEATS exact copies; returns the number of files."""
    folder.mkdir()
    for i in range(UNIQUE):
        (folder / f"a{i:05d}.txt").write_text(article(i) + "\n", encoding="utf-8")
    for i in range(REPEATS):
        (folder / f"copy{i:05d}.txt").write_text(article(i * 7) + "\n", encoding="utf-8")
    return UNIQUE + REPEATS


def analyze_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "claimgraph.cli", "analyze", *args]


def count(db: Path, sql: str) -> int:
    with sqlite3.connect(db, timeout=30) as conn:
        return int(conn.execute(sql).fetchone()[0])


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO_ROOT / "src")}


@pytest.mark.slow
def test_pipeline_resumes_after_sigkill(tmp_path: Path) -> None:
    corpus, db = tmp_path / "corpus", tmp_path / "run.db"
    files = write_corpus(corpus)
    proc = subprocess.Popen(
        analyze_cmd(str(corpus), "--db", str(db), "--no-nlp"),  # NLP: its own resume test below
        env=env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        if db.exists():
            try:
                stored = count(db, "SELECT count(*) FROM documents")
            except sqlite3.OperationalError:  # tables not created yet
                continue
            if stored > 0:
                break
    assert proc.poll() is None, "the run finished before it could be killed: make the corpus bigger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    killed_at = count(db, "SELECT count(*) FROM documents")
    assert 0 < killed_at < UNIQUE
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    # Whole batches only: every stored document has its segments and its analysis.
    assert count(db, "SELECT count(*) FROM documents WHERE id NOT IN (SELECT doc_id FROM segments)") == 0
    assert count(db, "SELECT count(*) FROM documents WHERE id NOT IN (SELECT doc_id FROM analyses)") == 0

    done = subprocess.run(
        analyze_cmd(str(corpus), "--db", str(db), "--no-nlp"), env=env(), capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert count(db, "SELECT count(*) FROM documents") == UNIQUE
    assert count(db, "SELECT count(*) FROM document_sources") == files
    assert (
        count(
            db,
            "SELECT count(*) FROM (SELECT doc_id, ordinal FROM segments GROUP BY 1, 2 HAVING count(*) > 1)",
        )
        == 0
    )
    assert count(db, "SELECT count(*) FROM analyses") == UNIQUE
    assert count(db, "SELECT count(*) FROM runs WHERE finished IS NULL") == 1  # the killed one
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("strict", [False, True])
def test_pipeline_bad_file_mid_corpus_loses_nothing(tmp_path: Path, strict: bool) -> None:
    corpus, db = tmp_path / "corpus", tmp_path / "run.db"
    corpus.mkdir()
    for i in range(20):
        (corpus / f"a{i:02d}.txt").write_text(article(i), encoding="utf-8")
    (corpus / "a10_bad.txt").write_bytes(bytes(range(256)) * 40)  # binary data renamed .txt
    (corpus / "a11_empty.txt").write_text("", encoding="utf-8")
    args = [str(corpus), "--db", str(db), "--no-nlp", *(["--strict"] if strict else [])]
    done = subprocess.run(analyze_cmd(*args), env=env(), capture_output=True, text=True)
    assert done.returncode == (1 if strict else 0)
    assert "a10_bad.txt" in done.stderr and "a11_empty.txt" in done.stderr
    assert "Traceback" not in done.stderr
    assert count(db, "SELECT count(*) FROM documents") == 20
    assert count(db, "SELECT count(*) FROM ingest_errors") == 2


def test_pipeline_api_analyze_uses_db_argument(tmp_path: Path) -> None:

    (tmp_path / "a.txt").write_text(article(1), encoding="utf-8")
    summary = claimgraph.analyze(
        [tmp_path / "a.txt"], db=tmp_path / "x.db", config=replace(Config(), db="ignored.db")
    )
    assert summary.new == 1 and Path(summary.db) == tmp_path / "x.db"
    with claimgraph.open_store(tmp_path / "x.db") as corpus:
        assert corpus.count_documents() == 1


def test_pipeline_example_corpus_twice_changes_nothing(tmp_path: Path) -> None:
    from claimgraph.cli_demo import example_inputs

    inputs = example_inputs(REPO_ROOT / "src" / "claimgraph" / "example_corpus")
    db = tmp_path / "twice.db"
    first = claimgraph.analyze(inputs, db=db)
    with Store.open(db) as store:
        counts, checksum = store.table_counts(), store.content_checksum()
    second = claimgraph.analyze(inputs, db=db)
    assert first.new > 0 and not first.errors
    assert second.new == 0 and second.analysed == 0
    assert second.duplicates == first.documents_read
    with Store.open(db) as store:
        counts["runs"] += 1
        assert store.table_counts() == counts
        assert store.content_checksum() == checksum


# -- the NLP stage: its tables, the corpus stage, failures, determinism and resume -------------

A_ID, B_ID = "00aa11bb22cc33dd", "11bb22cc33dd44ee"


@pytest.fixture
def nlp_stages(nlp_result: Callable[..., DocumentAnalysis]) -> tuple[Stage, ...]:
    """A stand-in NLP stage: the hand-built analysis, "Bill Speaks" in A and "Speaks" in B."""

    def fake(doc: Document) -> DocumentAnalysis:
        return nlp_result(doc.id, speaks_name="Bill Speaks" if doc.id == A_ID else "Speaks")

    return (*DOCUMENT_STAGES, Stage("nlp", "1", fake))


def nlp_config(db: str) -> Config:
    return Config(db=db, batch_size=1)


def test_pipeline_nlp_results_stored_with_the_batch(
    store: Store, nlp_doc: Callable[..., Document], nlp_stages: tuple[Stage, ...]
) -> None:
    summary = run([nlp_doc(A_ID), nlp_doc(B_ID)], store, nlp_config(store.db), stages=nlp_stages)
    assert (summary.analysed, summary.statements, summary.events) == (2, 4, 4)
    counts = store.table_counts()
    assert (counts["statements"], counts["events"], counts["actor_mentions"]) == (4, 4, 6)
    payload = store.get_analysis(A_ID, PIPELINE_VERSION, config_hash(nlp_config(store.db), nlp_stages))
    assert payload is not None
    assert payload["nlp"] == {"actors": 4, "mentions": 3, "statements": 2, "events": 2}


def test_pipeline_corpus_stage_merges_people_across_documents(
    store: Store, nlp_doc: Callable[..., Document], nlp_stages: tuple[Stage, ...]
) -> None:
    summary = run([nlp_doc(A_ID), nlp_doc(B_ID)], store, nlp_config(store.db), stages=nlp_stages)
    actors = {a.id: a for a in store.list_actors()}
    assert summary.actors == len(actors) == 4
    assert "person:speaks" not in actors and actors["person:bill-speaks"].aliases == ("Speaks",)
    assert {s.speaker.actor_id for s in store.iter_statements(speaker="Speaks")} == {"person:bill-speaks"}
    assert store.actor_mention_counts()["person:bill-speaks"] == 2


def test_pipeline_runs_only_the_corpus_steps_given(
    store: Store, nlp_doc: Callable[..., Document], nlp_stages: tuple[Stage, ...]
) -> None:
    actors_only = [s for s in CORPUS_STEPS if s.name == "actors"]
    summary = run(
        [nlp_doc(A_ID), nlp_doc(B_ID)],
        store,
        nlp_config(store.db),
        stages=nlp_stages,
        corpus_steps=actors_only,
    )
    assert summary.actors == 4
    assert store.corpus_counts()["claims"] == store.corpus_counts()["stances"] == 0
    assert store.corpus_document_ids() == {A_ID, B_ID}  # the stage ran: a later run needs rebuild


def test_pipeline_nlp_rerun_changes_nothing(
    store: Store, nlp_doc: Callable[..., Document], nlp_stages: tuple[Stage, ...]
) -> None:
    items = [nlp_doc(A_ID), nlp_doc(B_ID)]
    run(items, store, nlp_config(store.db), stages=nlp_stages)
    checksum = store.content_checksum()
    again = run(items, store, nlp_config(store.db), stages=nlp_stages)
    assert (again.analysed, again.analyses_skipped, again.actors) == (0, 2, 4)
    assert store.content_checksum() == checksum


def test_pipeline_stage_failure_is_the_documents_error(
    store: Store, nlp_doc: Callable[..., Document], nlp_result: Callable[..., DocumentAnalysis]
) -> None:
    def flaky(doc: Document) -> DocumentAnalysis:
        if doc.id == B_ID:
            raise ValueError("parser gave up")
        return nlp_result(doc.id)

    stages = (*DOCUMENT_STAGES, Stage("nlp", "1", flaky))
    summary = run([nlp_doc(A_ID), nlp_doc(B_ID)], store, nlp_config(store.db), stages=stages)
    assert summary.new == 2 and summary.analysed == 1
    assert [e.problem for e in summary.errors] == ["analysis failed in stage nlp: ValueError: parser gave up"]
    assert store.missing_analyses(
        [A_ID, B_ID], PIPELINE_VERSION, config_hash(nlp_config(store.db), stages)
    ) == [B_ID]
    assert {s.doc_id for s in store.iter_statements()} == {A_ID}


def test_pipeline_no_nlp_config_has_no_nlp_stage() -> None:
    assert [s.name for s in document_stages(Config(analyse_nlp=False))] == ["voices"]
    assert [s.name for s in document_stages(Config())] == ["voices", "nlp"]
    assert config_hash(Config(analyse_nlp=False)) != config_hash(Config())


NLP_UNIQUE = 300  # tiny articles: a run with NLP takes seconds, so the kill lands mid-run


@pytest.mark.slow
def test_pipeline_resumes_after_sigkill_with_nlp(tmp_path: Path) -> None:
    """Killed mid-run with NLP on, then resumed: the NLP tables equal an uninterrupted run's."""
    corpus, db, fresh = tmp_path / "corpus", tmp_path / "run.db", tmp_path / "fresh.db"
    corpus.mkdir()
    for i in range(NLP_UNIQUE):
        (corpus / f"a{i:04d}.txt").write_text(article(i) + "\n", encoding="utf-8")
    proc = subprocess.Popen(
        analyze_cmd(str(corpus), "--db", str(db)),
        env=env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        try:
            if db.exists() and count(db, "SELECT count(*) FROM statements") > 0:
                break
        except sqlite3.OperationalError:  # tables not created yet
            continue
    assert proc.poll() is None, "the run finished before it could be killed: make the corpus bigger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 0 < count(db, "SELECT count(*) FROM documents") < NLP_UNIQUE
    # whole batches: every stored document has its analysis, every statement its document
    assert count(db, "SELECT count(*) FROM documents WHERE id NOT IN (SELECT doc_id FROM analyses)") == 0
    assert count(db, "SELECT count(*) FROM statements WHERE doc_id NOT IN (SELECT id FROM documents)") == 0

    done = subprocess.run(
        analyze_cmd(str(corpus), "--db", str(db)), env=env(), capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    claimgraph.analyze([corpus], db=fresh)  # uninterrupted, in this process
    with Store.open(db) as resumed, Store.open(fresh) as whole:
        assert resumed.table_counts()["statements"] >= NLP_UNIQUE  # "officials ... said" in each
        assert resumed.content_checksum(schema.NLP_TABLES) == whole.content_checksum(schema.NLP_TABLES)
    latest = "SELECT config_hash FROM runs ORDER BY id DESC LIMIT 1"
    analysed = f"SELECT doc_id FROM analyses WHERE config_hash = ({latest})"
    missing = f"SELECT count(*) FROM documents WHERE id NOT IN ({analysed})"
    assert count(db, missing) == 0


@pytest.mark.slow
def test_pipeline_two_workers_store_what_one_stores(tmp_path: Path) -> None:
    from claimgraph.cli_demo import example_inputs

    inputs = example_inputs(REPO_ROOT / "src" / "claimgraph" / "example_corpus")
    sums = []
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.db"
        summary = claimgraph.analyze(inputs, db=db, config=Config(workers=workers, batch_size=4))
        assert summary.analysed == summary.new > 0 and not summary.errors
        with Store.open(db) as store:
            sums.append(store.content_checksum(schema.NLP_TABLES))
    assert sums[0] == sums[1]


def test_pipeline_does_not_read_its_own_store(tmp_path: Path) -> None:
    """A store kept inside the analysed folder is not ingested on the next run."""
    (tmp_path / "story.txt").write_text("Officials met in Vienna to talk about Iraq.\n", encoding="utf-8")
    db = tmp_path / "claimgraph.db"
    first = claimgraph.analyze([tmp_path], db=db, config=Config(analyse_nlp=False))
    second = claimgraph.analyze([tmp_path], db=db, config=Config(analyse_nlp=False))
    assert first.errors == [] and second.errors == []
    assert second.new == 0 and second.documents_read == 1
