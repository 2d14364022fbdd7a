"""The per-document stages: voice counts, failing early without a spaCy model, the NLP stage's
version following its code, and stages a process pool can send to its workers."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

import claimgraph.nlp.analysis
import claimgraph.nlp.spacy_model
from claimgraph.engine import stages
from claimgraph.engine.stages import (
    NLP_STAGE_VERSION,
    VOICES_STAGE,
    nlp_analysis,
    nlp_fingerprint,
    nlp_models,
    nlp_stage,
    require_model,
    voice_summary,
)
from claimgraph.errors import ClaimgraphError
from claimgraph.model import Document, DocumentAnalysis, Segment, Voice

TEXT = "Iran denies strikes\nFrom the WSJ: officials said so.\nLog in\nGreat post"


def document(language: str | None = "en") -> Document:
    def seg(part: str, voice: Voice) -> Segment:
        start = TEXT.index(part)
        return Segment(voice, start, start + len(part))

    return Document(
        "d1",
        "a.txt",
        "text",
        TEXT,
        segments=(
            seg("Iran denies strikes", Voice.OWN),
            seg("From the WSJ: officials said so.", Voice.QUOTED),
            seg("Log in", Voice.BOILERPLATE),
            seg("Great post", Voice.COMMENT),
        ),
        language=language,
    )


def test_stages_voice_summary_counts_segments_and_characters() -> None:
    summary = voice_summary(document())
    assert summary["segments"] == {v.value: 1 for v in Voice}
    assert summary["chars"] == {"own": 19, "quoted": 32, "boilerplate": 6, "comment": 10}


def test_stages_voice_summary_of_an_empty_document_names_every_voice() -> None:
    empty = Document("d0", "e.txt", "text", "", segments=())
    assert voice_summary(empty) == {
        "segments": {v.value: 0 for v in Voice},
        "chars": {v.value: 0 for v in Voice},
    }


def test_stages_require_model_without_any_model_is_e015(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(claimgraph.nlp.spacy_model, "FALLBACK_MODELS", ())
    with pytest.raises(ClaimgraphError) as caught:
        require_model("no_such_model_xx")
    assert caught.value.code == "E015"
    assert "'no_such_model_xx' is not installed" in str(caught.value) and "--no-nlp" in str(caught.value)


def test_stages_require_model_accepts_an_installed_fallback() -> None:
    require_model("no_such_model_xx")  # a fallback of FALLBACK_MODELS is installed with the dev extra


def test_stages_nlp_models_turns_a_missing_model_into_e015(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str) -> None:
        raise claimgraph.nlp.spacy_model.ModelNotInstalled(f"no English pipeline ({name})")

    monkeypatch.setattr(claimgraph.nlp.spacy_model, "load_nlp", missing)
    with pytest.raises(ClaimgraphError) as caught:
        nlp_models("never_cached_model")  # a failed load is not cached
    assert caught.value.code == "E015" and "never_cached_model" in str(caught.value)


def test_stages_nlp_analysis_passes_the_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def analyze(doc: Document, nlp: object, resolver: object, max_seconds: float | None) -> DocumentAnalysis:
        calls.append((doc.id, nlp, resolver, max_seconds))
        return DocumentAnalysis(doc_id=doc.id)

    monkeypatch.setattr(stages, "nlp_models", lambda model: ("nlp:" + model, "resolver"))
    monkeypatch.setattr(claimgraph.nlp.analysis, "analyze_document", analyze)
    for language in ("en", None):  # undetected: analysed as English
        assert nlp_analysis("m", document(language), 2.5) == DocumentAnalysis(doc_id="d1")
    assert calls == [("d1", "nlp:m", "resolver", 2.5)] * 2


def fake_package(root: Path) -> Path:
    (root / "nlp").mkdir(parents=True)
    (root / "data").mkdir()
    (root / "nlp" / "events.py").write_text("RULES = 1\n", encoding="utf-8")
    (root / "data" / "actions.json").write_text("{}", encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("path", "changes"),
    [
        ("nlp/events.py", True),  # extractor code
        ("data/actions.json", True),  # its data
        ("nlp/new_rules.py", True),  # a new module
        ("nlp/README.md", False),  # not code
        ("claims/build.py", False),  # another layer
        ("data/notes.txt", False),
    ],
)
def test_stages_fingerprint_follows_the_nlp_code_and_data(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, path: str, changes: bool
) -> None:
    root = fake_package(tmp_path / "pkg")
    monkeypatch.setattr(stages, "files", lambda _: root)
    fingerprint = nlp_fingerprint.__wrapped__  # the uncached function
    before = fingerprint()
    assert re.fullmatch(r"[0-9a-f]{16}", before) and fingerprint() == before
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(target.read_text(encoding="utf-8") + "# edited\n" if target.exists() else "x = 2\n")
    assert (fingerprint() != before) is changes


def test_stages_fingerprint_follows_the_model_versions(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = fake_package(tmp_path / "pkg")
    monkeypatch.setattr(stages, "files", lambda _: root)
    before = nlp_fingerprint.__wrapped__()
    real = stages.metadata.version
    monkeypatch.setattr(stages.metadata, "version", lambda name: "9.9.9" if name == "spacy" else real(name))
    assert nlp_fingerprint.__wrapped__() != before


def test_stages_nlp_stage_version_and_time_limit() -> None:
    stage = nlp_stage("en_core_web_sm", max_seconds=3.0)
    assert stage.name == "nlp" and stage.version == f"{NLP_STAGE_VERSION}+{nlp_fingerprint()}"
    assert stage.run.keywords == {"max_seconds": 3.0} and stage.run.args == ("en_core_web_sm",)
    assert stage.prepare is not None and stage.prepare.args == ("en_core_web_sm",)


def test_stages_survive_pickling_for_worker_processes() -> None:
    for stage in (VOICES_STAGE, nlp_stage("en_core_web_sm", 1.0)):
        copy = pickle.loads(pickle.dumps(stage))
        assert (copy.name, copy.version) == (stage.name, stage.version)
    assert pickle.loads(pickle.dumps(VOICES_STAGE)).run(document()) == voice_summary(document())
