"""Find the outlet a writer says they are quoting: "From the UK's Guardian:", "-- WSJ".

A name counts as an outlet when the page's wording makes it one ("an article in the X",
"a X report") or when it looks like one (a known outlet, or a name ending in a media word
such as Post, Times, News, Online). Person and government names are not outlets: "a
statement from President Obama:" names no outlet, so the quote it opens borrows the outlet
named earlier on the page, if any.
"""

from __future__ import annotations

import re

# Outlets common in English news and blogs that carry no media word in their name.
# Extending the list only widens recognition; it never changes how a page is split.
KNOWN_OUTLETS = (
    "Reuters", "AP", "Associated Press", "AFP", "Agence France-Presse", "BBC", "CNN", "NPR", "PBS",
    "WSJ", "NYT", "Bloomberg", "Guardian", "Independent", "Telegraph", "Economist", "Politico",
    "Salon", "Slate", "Vox", "Axios", "Wikipedia", "Haaretz", "Ynet", "Al Jazeera", "Al-Monitor",
    "Al Arabiya", "IRNA", "Fars", "Tasnim", "Yahoo", "MSNBC", "CBS", "NBC", "ABC", "Fox",
    "DEBKAfile", "DEBKA", "Newsweek", "Breitbart", "HuffPost", "Huffington Post", "Der Spiegel",
    "Le Monde", "Xinhua", "TASS", "RIA Novosti", "Sputnik", "RT", "Kyodo", "Yonhap", "Anadolu",
)  # fmt: skip

# Words that make a capitalised name an outlet's name (The Washington *Post*, Jerusalem
# *Online*, Business *Insider*, IB*Times*): matched at the end of a token, so "IBTimes" counts.
MEDIA_WORDS = (
    "Times", "Post", "Journal", "News", "Herald", "Tribune", "Telegraph", "Gazette", "Daily",
    "Online", "Press", "Agency", "Review", "Magazine", "Weekly", "Monitor", "Observer",
    "Standard", "Mail", "Express", "Chronicle", "Examiner", "Insider", "Wire", "Radio", "TV",
    "Television", "Network", "Broadcasting", "Today", "Star", "Mirror", "Report", "Register",
    "Dispatch", "Beast", "Hill", "Atlantic", "Blog", "Digest", "Bulletin", "Courier", "Sun",
    "Ledger", "Record", "Globe", "Inquirer", "Sentinel", "Leader", "Advertiser", "Courant", "Statesman",
)  # fmt: skip

# Nouns for a piece of journalism: "an article in X", "a Guardian article". Not "post" (a
# "post on Tumblr" is a person's statement) nor "interview" (the interviewee speaks).
MEDIA_NOUNS = (
    r"(?:article|report|story|piece|editorial|column|op-?ed|analysis|investigation|dispatch|feature|headline)"
)

_CAP_WORD = r"[A-Z][\w'’.&-]*"
# A capitalised name of up to 5 words, allowing "of"/"and" inside (Voice of America).
_NAME = rf"{_CAP_WORD}(?:\s+(?:of|and|&|de|al-)?\s*{_CAP_WORD}){{0,4}}"
_DET = r"(?:(?:the|a|an)\s+)?(?:[A-Z][\w.]*['’]s\s+)?"  # "the UK's", "a", "an", nothing

_KNOWN = re.compile(r"\b(" + "|".join(re.escape(o) for o in KNOWN_OUTLETS) + r")\b")
_MEDIA_WORD = re.compile(r"(?:" + "|".join(MEDIA_WORDS) + r")\b")

# "(an) article in the Washington Post", "a report from Reuters"
_NOUN_THEN_NAME = re.compile(rf"\b{MEDIA_NOUNS}s?\s+(?:in|from|by|at|on)\s+{_DET}({_NAME})")
# "a Guardian article", "according to a Wall Street Journal report"
_NAME_THEN_NOUN = re.compile(rf"\b(?:the|a|an)\s+(?:[A-Z][\w.]*['’]s\s+)?({_NAME})\s+{MEDIA_NOUNS}\b")
# "This is from Jerusalem Online:", "From the UK's Guardian:", "Via Reuters:"
_FROM_NAME = re.compile(rf"\b(?:[Ff]rom|[Vv]ia|[Pp]er)\s+{_DET}({_NAME})\s*[:;]?\s*$")
# "The New York Times reports:", "Reuters writes:"
_NAME_REPORTS = re.compile(rf"({_NAME})\s+(?:reports|reported|writes|wrote|notes|says|explains)\s*[:;]\s*$")
# A paragraph whose subject is another outlet's article: "An article in the Washington Post shows".
# Only at the start: "..., according to a report in the Argus Leader" is the writer's own sourcing.
_LEADING_REFERENCE = re.compile(
    rf"(?:An?|The)\s+(?:[a-z]+\s+)?{MEDIA_NOUNS}\s+(?:in|from|by|at|on)\s+{_DET}({_NAME})"
)
# "The Tigris Observer described the battle this way:": an outlet-looking subject of a lead-in.
_SUBJECT_NAME = re.compile(rf"(?:[Tt]he\s+)?({_NAME})\s+[a-z].*:\s*$")
# A headline ending in " -- WSJ" / " — The Guardian": the dash and a short name, nothing after.
_DASH_SUFFIX = re.compile(rf"\s(?:--|—|–)\s*((?:{_CAP_WORD}|[A-Z]{{2,}})(?:[\s,/]+{_CAP_WORD}){{0,5}})\s*$")

_LEADING_THE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE_PREFIX = re.compile(r"^[A-Z][\w.]*['’]s\s+")


def looks_like_outlet(name: str) -> bool:
    """A known outlet, or a capitalised name ending in a media word."""
    return bool(_KNOWN.search(name) or _MEDIA_WORD.search(name))


def _clean_name(name: str) -> str:
    name = _POSSESSIVE_PREFIX.sub("", _LEADING_THE.sub("", name.strip(" .,:;")))
    known = _KNOWN.search(name)
    if known and not _MEDIA_WORD.search(name):
        return known.group(1)
    return name


def named_outlet(sentence: str) -> str | None:
    """The outlet a sentence names as the source of text, as the page spells it."""
    for pattern in (_NOUN_THEN_NAME, _NAME_THEN_NOUN):
        matches = list(pattern.finditer(sentence))
        if matches:
            return _clean_name(matches[-1].group(1))
    for pattern in (_FROM_NAME, _NAME_REPORTS, _SUBJECT_NAME):
        match = pattern.search(sentence)
        if match and looks_like_outlet(match.group(1)):
            return _clean_name(match.group(1))
    return None


def article_reference(paragraph: str) -> str | None:
    """The outlet whose article a paragraph opens by pointing at ("An article in the Post shows")."""
    match = _LEADING_REFERENCE.match(paragraph)
    return _clean_name(match.group(1)) if match else None


def dash_suffix_outlet(line: str, *, in_list: bool = False) -> str | None:
    """The outlet of a headline line ending "-- Outlet"; inside a list of such lines any name counts."""
    if line.rstrip().endswith((".", "?", "!", ":", ";", ",")) and not line.rstrip().endswith(".."):
        return None
    match = _DASH_SUFFIX.search(line)
    if not match:
        return None
    name = match.group(1)
    if not (in_list or looks_like_outlet(name)):
        return None
    last = name.split(",")[-1]  # "Ian Black, The Guardian": the outlet follows the writer
    return _clean_name(last)
