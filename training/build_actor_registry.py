"""Write `src/claimgraph/data/actors.json`: every ISO country as an actor.

Names and codes come from pycountry (ISO 3166); capitals and demonyms, which pycountry
lacks, from countryinfo. Both are needed only here, at build time: the package reads the
JSON this writes. Hand-curated story actors live in `actors_curated.json` beside it.

    .venv/bin/pip install countryinfo && .venv/bin/python training/build_actor_registry.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pycountry
from countryinfo import CountryInfo, CountryNotFoundError

OUT = Path(__file__).resolve().parents[1] / "src" / "claimgraph" / "data" / "actors.json"

# countryinfo capitals carry suffixes or old names that news never uses alone.
CAPITAL_FIXES = {"USA": ["Washington", "Washington, D.C.", "Washington D.C."]}
# Short forms news writes that neither library lists as a name.
EXTRA_NAMES = {
    "USA": ["U.S.", "US", "U.S.A.", "USA", "America", "United States of America"],
    "GBR": ["UK", "U.K.", "Britain", "Great Britain"],
    "RUS": ["Russia"],
    "IRN": ["Iran", "Islamic Republic of Iran", "Islamic Republic"],
    "SYR": ["Syria"],
    "TUR": ["Turkey", "Türkiye"],
    "KOR": ["South Korea"],
    "PRK": ["North Korea"],
    "ARE": ["UAE", "United Arab Emirates"],
    "PSE": ["Palestine", "Palestinian territories"],
}
# Display names news of the period uses, where ISO's differs ("Palestine, State of").
NAME_FIXES = {"PSE": "Palestine", "TUR": "Turkey"}
# Spellings that are ordinary English words and would match far more than the country.
ALIAS_STOPLIST = {"Island"}
# Capitals that are also common personal names: as actor names they would match people.
CAPITAL_STOPLIST = {"Hamilton", "Victoria", "Douglas", "Stanley", "Jamestown", "Plymouth", "Georgetown"}
EXTRA_DEMONYMS = {
    "USA": ["US", "U.S."],
    "GBR": ["UK", "U.K.", "Briton", "Britons"],
    "PSE": ["Palestinian"],
    "TUR": ["Turk", "Turks"],
}


def _ascii_ok(name: str) -> bool:
    """Keep names a news text in English could write (drops native-script spellings)."""
    return all(ord(ch) < 0x250 for ch in name) and not re.fullmatch(r"[A-Z]{2,3}", name)


def _countryinfo(iso3: str) -> tuple[list[str], str | None, str | None, int]:
    """(alternative spellings, capital, demonym, population); empty when countryinfo lacks it."""
    try:
        info = CountryInfo(iso3)
        spellings, capital, demonym = info.alt_spellings() or [], info.capital(), info.demonym()
        return list(spellings), capital or None, demonym or None, int(info.population() or 0)
    except (CountryNotFoundError, KeyError, AttributeError, TypeError, ValueError):
        return [], None, None, 0


def _unshare(actors: list[dict], populations: dict[str, int], field: str) -> None:
    """A capital or demonym several entries share ("American": USA, American Samoa, Northern
    Mariana Islands) stays only with the most populous: the sovereign state, not its territories."""
    owners: dict[str, str] = {}
    for actor in actors:
        for value in actor[field]:
            held = owners.get(value)
            if held is None or populations[actor["code"]] > populations[held]:
                owners[value] = actor["code"]
    for actor in actors:
        actor[field] = [v for v in actor[field] if owners[v] == actor["code"]]


def _plural(demonym: str) -> str:
    if demonym.endswith(("ese", "ss", "sh", "ch")):
        return demonym
    return demonym + "s"


def build() -> list[dict]:
    actors = []
    populations: dict[str, int] = {}
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        iso3 = country.alpha_3
        name = NAME_FIXES.get(iso3) or getattr(country, "common_name", None) or country.name
        spellings, capital, demonym, populations[iso3] = _countryinfo(iso3)
        names = [name, country.name, getattr(country, "official_name", None), *spellings]
        capitals = CAPITAL_FIXES.get(iso3, [capital] if capital and capital not in CAPITAL_STOPLIST else [])
        demonyms = [demonym, _plural(demonym)] if demonym else []
        demonyms += EXTRA_DEMONYMS.get(iso3, [])
        names += EXTRA_NAMES.get(iso3, [])
        kept = {n for n in names if n and _ascii_ok(n)} | set(EXTRA_NAMES.get(iso3, []))
        aliases = sorted(kept - {name} - ALIAS_STOPLIST)
        actors.append(
            {
                "id": f"country:{iso3.lower()}",
                "name": name,
                "kind": "country",
                "aliases": aliases,
                "capitals": capitals,
                "demonyms": sorted(set(demonyms)),
                "affiliation": None,
                "code": iso3,
            }
        )
    _unshare(actors, populations, "capitals")
    _unshare(actors, populations, "demonyms")
    return actors


if __name__ == "__main__":
    actors = build()
    OUT.write_text(json.dumps(actors, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(actors)} countries to {OUT}")
