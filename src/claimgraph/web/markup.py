"""Helpers that turn model values into what templates print: text pieces coloured by voice with
facts marked, safe links, stance bars. Templates escape everything (autoescape is on); this
module never builds HTML strings, so article text cannot become markup."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from importlib.resources import files
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape

SAFE_SCHEMES = ("http", "https")


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of a document's text in one voice, with the facts that cover it."""

    text: str
    voice: str
    facts: tuple[str, ...]  # "s:<id>" statements, "e:<id>" events
    highlight: bool


def safe_url(url: str | None) -> str | None:
    """The url when it is a plain http(s) address; None for `javascript:`, `data:`, relative, odd."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.netloc:
        return None
    return url.strip()


def shown_uri(uri: str) -> str:
    """An input's uri as a page shows it: a web address whole, a file by its name only (the
    server's folders are not the reader's business)."""
    if uri.lower().startswith(SAFE_SCHEMES) or ":" in uri.split("/")[0]:
        return uri
    return uri.replace("\\", "/").rsplit("/", 1)[-1]


def pieces(
    doc: dict[str, Any],
    statements: list[dict[str, Any]],
    events: list[dict[str, Any]],
    highlight: tuple[int, int] | None = None,
) -> list[Piece]:
    """The document's text cut wherever a voice, a fact or the highlighted evidence starts or ends."""
    text = doc["text"]
    n = len(text)
    spans = [("s:" + s["id"], s["span"]["start"], s["span"]["end"]) for s in statements]
    spans += [("e:" + e["id"], e["span"]["start"], e["span"]["end"]) for e in events]
    cuts = {0, n}
    for seg in doc["segments"]:
        cuts |= {seg["start"], seg["end"]}
    for _, a, b in spans:
        cuts |= {a, b}
    if highlight is not None:
        cuts |= set(highlight)
    bounds = sorted(c for c in cuts if 0 <= c <= n)
    out: list[Piece] = []
    segments = doc["segments"]
    for a, b in itertools.pairwise(bounds):
        if a == b:
            continue
        voice = next((s["voice"] for s in segments if s["start"] <= a < s["end"]), "none")
        facts = tuple(f for f, s, e in spans if s <= a < e)
        lit = highlight is not None and highlight[0] <= a < highlight[1]
        if out and (out[-1].voice, out[-1].facts, out[-1].highlight) == (voice, facts, lit):
            out[-1] = Piece(out[-1].text + text[a:b], voice, facts, lit)
        else:
            out.append(Piece(text[a:b], voice, facts, lit))
    return out


def templates_env() -> Environment:
    """Jinja2 with autoescaping on for every template (HTML and SVG)."""
    env = Environment(
        loader=FileSystemLoader(str(files("claimgraph.web") / "templates")),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    env.filters["shown_uri"] = shown_uri
    return env
