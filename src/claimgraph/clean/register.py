"""Tell a blogger's own interjections from paragraphs of a quoted newspaper article.

Blogs that quote an article at length interleave its paragraphs with short rebuttals
("Did they do no more than ...?", "It's not only possible, it happened."). Wire-style news
prose has no questions or exclamations outside quotation marks, no first or second person,
no chatty contractions and few verbless fragments; it attributes ("officials said"). Speech
inside quotation marks is removed first, so a quoted "we" or "?" does not count.
"""

from __future__ import annotations

import re

# Interjections are short: in the calibration blog (seed 004) every rebuttal without other
# own-voice marks had <= 13 words and every quoted newspaper paragraph >= 16.
SHORT_INTERJECTION_MAX_WORDS = 14
# Verbless fragments ("Just present at the battle. Like Obama in the Senate."): news sentences
# average 20+ words; a paragraph of >= 3 sentences averaging <= 6 words is an aside.
FRAGMENT_MIN_SENTENCES = 3
FRAGMENT_MAX_MEAN_WORDS = 6

_SPEECH = re.compile(r"“[^”]*(?:”|$)|\"[^\"\n]*(?:\"|$)|«[^»]*(?:»|$)")
_BRACKETED = re.compile(r"\[[^\]]*\]")  # "[read prevaricated]": an editor's insertion
_QUESTION_OR_BANG = re.compile(r"[?!]")
# First and second person outside speech; "us" only in lower case so "US" stays the country.
_PERSONAL = re.compile(
    r"\b(?:I|I['’]m|I['’]ve|I['’]d|me|my|mine)\b|\b(?:we|our|ours|you|your|yours)\b|\bus\b", re.IGNORECASE
)
_FIRST_PERSON = re.compile(r"\b(?:I|I['’]m|I['’]ve|I['’]d|[Mm]e|[Mm]y|[Mm]ine|[Ww]e|[Oo]urs?)\b|\bus\b")
_US_COUNTRY = re.compile(r"\bUS\b|\bU\.S\.")
# Chatty contractions: "It's", "Here's", "That's" outside speech are rare in news copy.
_CHATTY = re.compile(r"\b(?:it|here|that|what|there|let|who)['’]s\b", re.IGNORECASE)
_OWN_MARKER = re.compile(
    r"^(?:my|our) (?:comment|take|view|thoughts?|two cents)s?\b"
    r"|^(?:comment|update|editor['’]s note|note|p\.?s\.?)\s*:",
    re.IGNORECASE,
)
# Reported speech and sourcing: the backbone of news register.
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|told|according to|reported|reportedly|reports|announced|stated|confirmed|denied|"
    r"acknowledged|accused|claimed|insisted|warned|added|noted|officials?|spokes(?:man|woman|person))\b",
    re.IGNORECASE,
)
# A sentence ends at .!?… followed by a capital, so "U.S. officials" stays one sentence.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[”\"’)]*\s+(?=[“\"‘(]?[A-Z])")
_WORD = re.compile(r"\w[\w'’.-]*")  # "America’s", "U.S." and "co-operating" are one word each
_ENDS_SENTENCE = re.compile(r"[.!?…]\s*[”\"’)]*\s*$")
_ELLIPSIS_START = re.compile(r"^\s*[“\"]?(?:…|\.{3,})")
_ELLIPSIS_END = re.compile(r"(?:…|\.{3,})\s*[”\"]?\s*$")
_FOOTNOTE = re.compile(r"\[\d{1,3}\]")  # "[54]": copied from Wikipedia or a paper


def outside_speech(text: str) -> str:
    """The text with quoted speech and bracketed insertions removed."""
    return _BRACKETED.sub(" ", _SPEECH.sub(" ", text))


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def is_own_marker(text: str) -> bool:
    """A paragraph the writer labels as their own ("My Comment:", "Update:")."""
    return bool(_OWN_MARKER.match(text.strip()))


def speaks_in_person(text: str) -> bool:
    """First or second person, a question, an exclamation or a chatty "it's", outside speech."""
    bare = outside_speech(text)
    if _QUESTION_OR_BANG.search(bare) or _CHATTY.search(bare):
        return True
    return any(not _US_COUNTRY.fullmatch(m.group()) for m in _PERSONAL.finditer(bare))


def speaks_in_first_person(text: str) -> bool:
    """ "I", "we", "our" outside speech: a writer talking as themselves (news copy says "you" too)."""
    return bool(_FIRST_PERSON.search(outside_speech(text)))


def has_own_voice(text: str) -> bool:
    """Marks of a writer talking in person: questions, first/second person, asides."""
    if is_own_marker(text) or speaks_in_person(text):
        return True
    bare = outside_speech(text)
    words = word_count(text)
    if words <= SHORT_INTERJECTION_MAX_WORDS and _ENDS_SENTENCE.search(text) and not attributes(text):
        return True
    sentences = [s for s in _SENTENCE_BREAK.split(bare) if _WORD.search(s)]
    return len(sentences) >= FRAGMENT_MIN_SENTENCES and words / len(sentences) <= FRAGMENT_MAX_MEAN_WORDS


def attributes(text: str) -> bool:
    """Reported speech or sourcing ("officials said", "told Reuters")."""
    return bool(_ATTRIBUTION.search(text))


def continues_excerpt(text: str) -> bool:
    """An excerpt's cut marks: it starts or ends with an ellipsis."""
    return bool(_ELLIPSIS_START.search(text) or _ELLIPSIS_END.search(text))


def looks_reproduced(text: str) -> bool:
    """Text that was copied whole: excerpt ellipses or reference-style footnote numbers."""
    return continues_excerpt(text) or bool(_FOOTNOTE.search(text))
