"""Site chrome that survives into page text: log-in forms, share bars, "read more", footers.

Every pattern matches a whole line (case-insensitive, surrounding whitespace ignored), so a
sentence that merely contains "read more" or "log in" is never touched; the glued patterns
cut chrome that the page's text extraction stuck onto a real line ("ReplyDeleteOn an
analytical note", "…or …read more").
"""

from __future__ import annotations

import re

# Log-in and account widgets (Digital Journal: "Remember meForgot password?").
LOGIN = (
    r"remember\s*me\W*forgot\s*(?:your\s*)?password\s*\??",
    r"forgot\s*(?:your\s*)?password\s*\??",
    r"(?:log|sign)\s*(?:in|up|out)(?:\s+(?:with|via|using)\s+\w+)?\s*!?",
    r"register|subscribe(?:\s+now)?|create an account|my account",
)
# Comment forms and comment-thread controls (WordPress, Blogger, Disqus).
COMMENT_FORM = (
    r"please enter your (?:comment|name|e-?mail(?: address)?)(?: here)?\s*!?",
    r"leave a (?:reply|comment)(?: to .{1,80})?|post a comment|add (?:a )?comment|cancel reply",
    r"you must (?:be logged in|log in) to post a comment\.?",
    r"notify me of (?:follow-up comments|new posts) by e-?mail\.?",
    r"save my name, e-?mail, and website in this browser for the next time i comment\.?",
    r"reply\s*delete|reply|delete|replies|load more\.*|subscribe to: post comments \(atom\)",
    r"newer post|older post|home",
    r"comments are (?:currently )?closed\.?",
    r"sorry, comments for this (?:entry|post|article) are closed(?: at this time)?\.?",
    r"comments (?:for this (?:entry|post|article) )?(?:are|have been) (?:closed|disabled)\.?",
    r"(?:\d+|no|one) (?:comments?|responses?|replies)",
)
# Navigation, "more stories" boxes and section headers (Digital Journal footers, Sweetness & Light).
NAVIGATION = (
    r"more (?:news |stories |analysis |articles |coverage )?from\b.{0,60}",  # "More from Harbor Times"
    r"(?:latest|top|breaking|related|trending|popular|recent) (?:news|stories|posts|articles|headlines)",
    r"most (?:popular|read|viewed|shared|emailed)(?: stories| articles)?",
    r"you (?:may|might) also (?:like|be interested in)|recommended(?: for you)?|trending(?: now)?",
    r"(?:back )?to top|front page|skip to (?:main )?content|(?:main )?menu|search",
    r"(?:previous|next) (?:post|article|story|page)\b.{0,100}",
)
# Arrow-and-pipe navigation rows ("« Front Page | To Top", "« | »"); needs at least one arrow or pipe.
NAV_ROW = (
    r"(?=.*[«»‹›|←→])[«»‹›|←→<>\s]*"
    r"(?:(?:front page|to top|home|next|previous|older|newer|back)[«»‹›|←→<>\s]*)*"
)
# Post metadata footers and tag lines: they describe the page, they assert nothing.
POST_META = (
    r"this (?:article|entry|post) was posted (?:by|on|in) .{0,200}",
    r"(?:posted|filed) (?:by|in|on|under):? .{0,120}",
    r"(?:tags?|categories|category|topics?):\s*.{0,200}",
    r"more about [^.!?]{1,150}",  # Digital Journal tag line: "More about Iraq violence, ISIL in Iraq"
    r"source:\s*[^.!?]{1,60}",  # credit line "Source: Israpundit"
    r"(?:©|\(c\)|copyright)\s.{0,150}|all rights reserved\.?",
    r"(?:distributed|syndicated|republished) (?:by|from|with permission of) .{0,150}",
    r"advertisement|sponsored(?: content)?|ad",
)
# Read-more and share bars.
READ_MORE = (
    r"(?:…|\.{2,})?\s*"
    r"(?:read (?:more|the (?:full|rest of the) (?:article|story|post))|continue reading|full story)"
    r"\b.{0,60}?\s*(?:\.+|…|»|›|>+|→)?"
)
SHARE = (
    r"share(?: this)?(?: (?:article|story|post|page))?:?",
    r"share (?:on|via|to|by) \w+|click to (?:share|email|print)\b.{0,60}",
    # a row of share buttons: "Facebook | Twitter | Email", "Share: Facebook Twitter"
    r"(?:share:?\s*)?"
    r"(?:(?:tweet|e-?mail|print|pin it|whatsapp|facebook|twitter|linkedin|reddit|telegram|pinterest)"
    r"(?:\s*[|·•,/]\s*|\s+|$))+",
    r"like this:?|like loading\.*",
)
# Lines that end an excerpt: after "Read more" or a "More News On ..." header the blogger's
# own text or a link list follows, not more of the quoted article.
LINK_LIST_HEADER = (
    r"more (?:news|stories|coverage|links) (?:on|about)\b.{0,150}"
    r"|related(?: coverage| links)?:?|see also:?|further reading:?"
)

_ALL_CHROME = [*LOGIN, *COMMENT_FORM, *NAVIGATION, NAV_ROW, *POST_META, READ_MORE, *SHARE, LINK_LIST_HEADER]
_FULL_LINE = re.compile(r"(?:" + "|".join(_ALL_CHROME) + r")", re.IGNORECASE)
_TERMINATOR = re.compile(r"(?:" + READ_MORE + "|" + LINK_LIST_HEADER + r")", re.IGNORECASE)
# A byline ("By Ken Hanly  Jun 13, 2014 in World"): capitalised name after "By", no sentence end.
# Case-sensitive, so "By the time the troops arrived, ..." is prose.
BYLINE = re.compile(r"By\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)+(?:[\s,|·]+[\w'’.:-]+){0,14}")
_NO_WORDS = re.compile(r"[^\w]*")  # separators such as "*" or "* * *"

# Chrome glued onto the start of a real line: Blogger's "Reply" "Delete" buttons, an image's alt text.
GLUED_PREFIX = re.compile(r"^(?:Reply\s*Delete|article image)(?=\S)")
# Chrome glued onto the end of a paragraph: "…abstaining from owning up to the kidnapping or …read more".
GLUED_SUFFIX = re.compile(
    r"(?:…|\.{3,})\s*read more\s*(?:»|›|\.+|…)?\s*$"
    r"|(?<=[.!?”\"])\s+(?:read more|continue reading)\s*(?:»|›|→|\.+|…)?\s*$",
    re.IGNORECASE,
)


def is_boilerplate(line: str) -> bool:
    """True when a whole line is site chrome."""
    stripped = line.strip()
    if BYLINE.fullmatch(stripped) and not stripped.endswith((".", "!", "?")):
        return True
    return bool(_FULL_LINE.fullmatch(stripped) or _NO_WORDS.fullmatch(stripped))


def ends_excerpt(line: str) -> bool:
    """True for chrome after which a quoted excerpt cannot go on ("Read more ....")."""
    return bool(_TERMINATOR.fullmatch(line.strip()))


def glued_chrome(line: str) -> tuple[int, int]:
    """Lengths of chrome glued to the start and end of a line (0 where none)."""
    prefix = GLUED_PREFIX.match(line)
    head = prefix.end() if prefix else 0
    suffix = GLUED_SUFFIX.search(line, head)
    tail = len(line) - suffix.start() if suffix and suffix.start() > head else 0
    return head, tail
