"""Find direct quotations by their quote marks, across sentences and paragraphs.

Pure string scanning, linear in the text, no parse needed. Handles curly (“…”), straight
("…"), guillemets («…») and the doubled-apostrophe style (''…'') some wires use. Single quotes
are ignored: they cannot be told from apostrophes cheaply.

Newspaper convention for multi-paragraph quotations: a paragraph that continues a quotation
opens with a quote mark and the previous paragraph does not close it. A quotation left open
at a paragraph end whose next paragraph does not open with a quote mark is unbalanced and is
closed at that paragraph end, so one stray mark never swallows the rest of the document.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

CURLY_OPEN = "“«„"
CURLY_CLOSE = "”»"
STRAIGHT = '"'
DOUBLED = "''"
OPENER_CONTEXT = " \t\n([{—–-/"  # characters after which a straight mark opens a quotation
MIN_QUOTE_CHARS = 2  # shorter "quotations" (a lone mark, `""`) are noise
TEXT_KEY = "claimgraph_text"  # Doc.user_data slots: a parse's text and quotations, once each
QUOTES_KEY = "claimgraph_quotes"


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: `start` at the opening mark, `end` after the closing mark (or paragraph end)."""

    start: int
    end: int
    closed: bool


def _by_context(text: str, i: int, width: int) -> str:
    """'open', 'close' or 'either' for a mark at `i`, judged by the characters around it."""
    before = text[i - 1] if i else " "
    after = text[i + width] if i + width < len(text) else " "
    if before in OPENER_CONTEXT and not after.isspace():
        return "open"
    if not before.isspace():
        return "close"
    return "either"


def _marks(text: str) -> list[tuple[int, int, str]]:
    """(position, length, kind) of every quote mark; kind is 'open', 'close', 'either' or 'para'.

    Curly marks say which side they are on, but typists swap them (`here,“ said`), so a
    curly mark whose context clearly says the other side is read by its context.
    """
    out = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in CURLY_OPEN or ch in CURLY_CLOSE:
            context = _by_context(text, i, 1)
            out.append((i, 1, context if context != "either" else ("open" if ch in CURLY_OPEN else "close")))
        elif ch == STRAIGHT or text.startswith(DOUBLED, i):
            width = 1 if ch == STRAIGHT else 2
            out.append((i, width, _by_context(text, i, width)))
            i += width
            continue
        elif ch == "\n":
            out.append((i, 1, "para"))
        i += 1
    return out


def _paragraph_opens_with_quote(text: str, pos: int) -> bool:
    """Does the paragraph starting after the newline at `pos` open with a quote mark?"""
    rest = text[pos + 1 :].lstrip()
    return bool(rest) and (rest[0] in CURLY_OPEN or rest[0] == STRAIGHT or rest.startswith(DOUBLED))


def find_quotes(text: str) -> list[Quote]:
    """All quotations in `text`, in order, non-overlapping."""
    quotes: list[Quote] = []
    open_at: int | None = None
    skip_next_open = False

    def close(end: int, closed: bool) -> None:
        nonlocal open_at
        if open_at is not None and end - open_at >= MIN_QUOTE_CHARS:
            quotes.append(Quote(open_at, end, closed))
        open_at = None

    for pos, width, kind in _marks(text):
        if kind == "para":
            if open_at is not None:
                if _paragraph_opens_with_quote(text, pos):
                    skip_next_open = True  # continuation: the quote runs on
                else:
                    close(pos, closed=False)
            continue
        if kind == "open" or (kind == "either" and open_at is None):
            if open_at is None:
                open_at = pos
            elif skip_next_open:
                skip_next_open = False
            else:
                close(pos, closed=False)  # a new quote opens before the old one closed
                open_at = pos
            continue
        skip_next_open = False
        if open_at is not None:
            close(pos + width, closed=True)
    if open_at is not None:
        close(len(text.rstrip()), closed=False)
    return quotes


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once per parse: spaCy rebuilds it from every token on each access,
    which made the attribution rules quadratic in the length of a run."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def doc_quotes(doc: Doc) -> list[Quote]:
    """`find_quotes` of a parse's text, once per parse (attribution rules and speakers share it)."""
    quotes = doc.user_data.get(QUOTES_KEY)
    if quotes is None:
        quotes = doc.user_data[QUOTES_KEY] = find_quotes(doc_text(doc))
    return quotes
