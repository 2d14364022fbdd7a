"""Language per document (issue 12, item 4): detected, stored, exported; English-only stages skip
other languages; no claim is built from text the models cannot read."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import text as sql

from claimgraph import api
from claimgraph.config import Config
from claimgraph.engine.stages import nlp_analysis
from claimgraph.export.records import export_dict
from claimgraph.language import detect_language, is_english
from claimgraph.model import Document, DocumentAnalysis, Segment, Voice
from claimgraph.pipeline import with_language
from claimgraph.report import render_report
from claimgraph.store import Store
from claimgraph.store.migrations import applied_migrations

# Written for these tests (no third-party text).
PERSIAN = "ایران اعزام نیرو به عراق را رد کرد"
PERSIAN_LEAD = "وزیر امور خارجه گفت که گفتگوها هفته آینده در پایتخت ادامه خواهد یافت."
ARABIC = "إيران تنفي إرسال قوات إلى العراق"
JAPANESE = "外務大臣は、協議は来週首都で続けられると述べた。政府は新しい計画を発表した。"
RUSSIAN = "Министр иностранных дел заявил, что переговоры продолжатся на следующей неделе."
ENGLISH = (
    "Secretary of State John Kerry said on Monday that the United States was open to talks with Iran "
    "about the crisis in Iraq, but ruled out any military cooperation with Tehran."
)
NON_LATIN = re.compile(r"[\u0600-\u06ff\u3040-\u30ff\u4e00-\u9fff\u0400-\u04ff]")


@pytest.mark.parametrize(
    ("text", "code"),
    [(PERSIAN, "fa"), (ARABIC, "ar"), (JAPANESE, "ja"), (RUSSIAN, "ru"), (ENGLISH, "en")],
)
def test_detect_language_names_the_language(text: str, code: str) -> None:
    found, confidence = detect_language(text)
    assert found == code
    assert 0.5 <= confidence <= 1.0


@pytest.mark.parametrize("text", ["Obama", "", "12345 67890", "Kerry: Iran could help"])
def test_short_or_unsure_text_is_undetermined_and_kept_as_english(text: str) -> None:
    code, _ = detect_language(text)
    assert is_english(code)


def _doc(text: str) -> Document:
    return Document(
        id=f"d{abs(hash(text)) % 10**12:012d}",
        uri="x",
        format="text",
        text=text,
        segments=(Segment(Voice.OWN, 0, len(text)),),
    )


def test_nlp_stage_skips_other_languages_without_loading_spacy(monkeypatch) -> None:
    import claimgraph.engine.stages as stages

    def fail(model: str) -> None:
        raise AssertionError("spaCy must not be loaded for a Persian document")

    monkeypatch.setattr(stages, "nlp_models", fail)
    doc = with_language(_doc(PERSIAN))
    assert doc.language == "fa"
    assert nlp_analysis("en_core_web_sm", doc) == DocumentAnalysis(doc_id=doc.id)


def test_language_is_stored_exported_and_reported(tmp_path: Path) -> None:
    for name, body in (("fa.txt", PERSIAN), ("ja.txt", JAPANESE), ("en.txt", ENGLISH)):
        (tmp_path / name).write_text(body + "\n", encoding="utf-8")
    article = f"<article><h1>{RUSSIAN}</h1><p>{RUSSIAN}</p></article>"
    page = f"<html><head><title>Иран</title></head><body>{article}</body></html>"
    (tmp_path / "ru.html").write_text(page, encoding="utf-8")
    db = str(tmp_path / "s.db")
    summary = api.analyze([str(tmp_path)], config=Config(db=db, analyse_nlp=False))
    assert summary.languages == {"fa": 1, "ja": 1, "ru": 1}
    assert summary.counts()["not_english"] == 3
    with Store.open(db) as store:
        export = export_dict(store)
    languages = {Path(d["uri"]).name: d["language"] for d in export["documents"]}
    assert languages == {"fa.txt": "fa", "ja.txt": "ja", "en.txt": "en", "ru.html": "ru"}
    report = render_report(export)
    assert "3 document(s) not in English (fa 1, ja 1, ru 1)" in report
    assert "fa: not analysed (English-only models)" in report


def test_migration_0005_adds_the_column_to_an_older_store(tmp_path: Path) -> None:
    db = str(tmp_path / "old.db")
    with Store.open(db) as old:
        old.add_documents([_doc(ENGLISH)])
        with old.engine.begin() as conn:  # what a store written before 0005 looks like
            conn.execute(sql("ALTER TABLE documents DROP COLUMN language"))
            conn.execute(sql("DELETE FROM schema_version WHERE name = '0005_document_language'"))
    with Store.open(db) as store:
        assert "0005_document_language" in applied_migrations(store.engine)
        assert [d.language for d in store.iter_documents()] == [None]
        store.add_documents([with_language(_doc(PERSIAN))])
        assert sorted(str(d.language) for d in store.iter_documents()) == ["None", "fa"]


@pytest.mark.slow
def test_persian_and_arabic_headlines_make_no_claims(tmp_path: Path) -> None:
    """The hostile sweep: the same Persian and Arabic headlines in three files became a claim
    marked corroborated (0.74), and an Arabic phrase a speaker."""
    for n in range(3):
        (tmp_path / f"fa{n}.txt").write_text(f"{PERSIAN}\n\n{PERSIAN_LEAD}\n", encoding="utf-8")
        (tmp_path / f"ar{n}.txt").write_text(f"{ARABIC}: {PERSIAN}\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text(ENGLISH + "\n", encoding="utf-8")
    db = str(tmp_path / "s.db")
    api.analyze([str(tmp_path)], config=Config(db=db))
    with Store.open(db) as store:
        export = export_dict(store)
    assert not [c for c in export["claims"] if NON_LATIN.search(str(c))]
    assert not [s for s in export["statements"] if NON_LATIN.search(str(s["speaker"]))]
    assert {d["language"] for d in export["documents"]} == {"fa", "ar", "en"}
