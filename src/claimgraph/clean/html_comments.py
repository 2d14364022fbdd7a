"""Reader comments in HTML: find the thread, take each comment and its author, cut it out.

Comment systems mark their containers (WordPress `#comments`, `.commentlist`, `#respond`;
Disqus `#disqus_thread`) and their items (`li.comment`, `article.comment`); the author sits
in `cite.fn`, `.comment-author`, `.author` or similar. The thread is removed from the tree
before main-text extraction so that no comment is read as the page's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml.html import HtmlElement

# Class or id values of a comment thread container. Exact tokens only: WordPress also puts
# "comments-open" on <body>, which must not remove the page.
_CONTAINER = re.compile(
    r"^(?:comments?|commentlist|comment-?list|comments?[-_](?:area|section|container|wrapper|block|thread|list|wrap)"
    r"|respond|comment-respond|disqus_thread|dsq-comments|disqus)$",
    re.IGNORECASE,
)
# Class values of one comment in a thread.
_ITEM = re.compile(r"^(?:comment|comment-body|comment-item|single-comment|depth-\d+)$", re.IGNORECASE)
# Class values of the element naming a comment's author.
_AUTHOR = re.compile(
    r"^(?:fn|author|comment-author|comment-author-name|username|user-name|name|vcard)$", re.IGNORECASE
)
_AUTHOR_NOISE = re.compile(r"\s*(?:says|said|wrote)\s*:?\s*$", re.IGNORECASE)
_SKIP_TAGS = {"form", "script", "style", "noscript", "button", "input", "textarea", "select", "footer"}
_META_CLASS = re.compile(r"(?:meta|date|time|reply|avatar|permalink|edit|count|says)", re.IGNORECASE)
# Comment text outside <p>: `<div class="comment-content">text</div>`.
_TEXT_CLASS = re.compile(r"^comment[-_]?(?:content|text|body)$", re.IGNORECASE)
# A "comments" element holding the headline or the article body is a page wrapper, not a thread
# (threads can be longer than the post, so size alone cannot tell).
_ARTICLE_CLASS = re.compile(r"^(?:entry-content|post-content|article-body|article-content|post-body|entry)$")
AUTHOR_MAX_CHARS = 60


@dataclass(frozen=True, slots=True)
class HtmlComment:
    """One reader comment: its paragraphs and, when the page names one, its author."""

    paragraphs: tuple[str, ...]
    author: str | None


def _tokens(element: HtmlElement) -> list[str]:
    return [*(element.get("class") or "").split(), *(element.get("id") or "").split()]


def _matches(element: HtmlElement, pattern: re.Pattern[str]) -> bool:
    return any(pattern.match(token) for token in _tokens(element))


def _text(element: HtmlElement) -> str:
    return " ".join(" ".join(element.itertext()).split())


def _author(item: HtmlElement) -> str | None:
    for element in item.iter():
        if element is item or not isinstance(element.tag, str):
            continue
        if element.tag == "cite" or _matches(element, _AUTHOR):
            name = _AUTHOR_NOISE.sub("", _text(element)).strip()
            if 0 < len(name) <= AUTHOR_MAX_CHARS:
                return name
    return None


def _ancestors_until(element: HtmlElement, stop: HtmlElement) -> list[HtmlElement]:
    found = []
    parent = element.getparent()
    while parent is not None and parent is not stop:
        found.append(parent)
        parent = parent.getparent()
    return found


def _skipped(element: HtmlElement) -> bool:
    """Form fields, author lines and comment metadata (dates, reply links, counts)."""
    return (
        element.tag in _SKIP_TAGS
        or element.tag == "cite"
        or _matches(element, _AUTHOR)
        or any(_META_CLASS.search(token) for token in _tokens(element))
    )


def _is_text_block(element: HtmlElement) -> bool:
    if element.tag == "p":
        return True
    return _matches(element, _TEXT_CLASS) and element.find(".//p") is None


def _comments_in(container: HtmlElement) -> list[HtmlComment]:
    """Paragraphs grouped by the nearest comment item around them, in page order."""
    groups: dict[HtmlElement | None, list[str]] = {}
    for element in container.iter():
        if not isinstance(element.tag, str) or not _is_text_block(element):
            continue
        ancestors = _ancestors_until(element, container)
        if _skipped(element) or any(_skipped(a) for a in ancestors):
            continue
        text = _text(element)
        if text:
            owner = next((a for a in ancestors if _matches(a, _ITEM)), None)
            groups.setdefault(owner, []).append(text)
    return [HtmlComment(tuple(ps), None if owner is None else _author(owner)) for owner, ps in groups.items()]


def take_comments(tree: HtmlElement) -> list[HtmlComment]:
    """Remove comment threads from `tree` (in place) and return their comments in page order."""
    containers = [
        e
        for e in tree.iter()
        if isinstance(e.tag, str) and e.tag not in ("html", "body") and _matches(e, _CONTAINER)
    ]
    outermost = [c for c in containers if not any(a in containers for a in _ancestors_until(c, tree))]
    comments: list[HtmlComment] = []
    for container in outermost:
        if container.find(".//h1") is not None or any(_matches(e, _ARTICLE_CLASS) for e in container.iter()):
            continue
        comments.extend(_comments_in(container))
        container.drop_tree()  # keeps the text that follows the container
    return comments
