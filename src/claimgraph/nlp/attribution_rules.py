"""Find attributions (source, cue, content) in a parsed spaCy `Doc`.

Two kinds of evidence, combined:
- the dependency parse: a cue verb (the patterns of `cues`) with its nsubj as source and its
  ccomp/xcomp/dobj as content, covering `X said (that) …`, `"…," X said`, `"…," said X`,
  `X told Reuters …`, `X denied …`; `according to X, …` takes the rest of the clause;
- quote marks (see `quotes`): content that touches a quotation grows to the whole quotation,
  even across sentences and paragraphs, and `X said: "…"` / `X: "…"` attach the quotation
  that follows.

Everything here works on character offsets of the Doc's text; callers map them to spans.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from claimgraph.nlp.cues import (
    ADDRESSEE_VERBS,
    CUE_MEDIA_NOUNS,
    CUES,
    PREP_CONTENT,
    cue_kind,
    cue_label,
    is_according,
)
from claimgraph.nlp.quotes import Quote, doc_quotes, doc_text

SUBJECT_INHERIT_DEPS = ("advcl", "conj", "xcomp")  # "…, adding that", "and added": the head's subject
MAX_SUBJECT_HOPS = 3  # heads climbed to find an inherited subject; deeper chains were wrong on train
MAX_QUOTE_GAP_CHARS = 4  # ", ", ": " or ":\n\n" between cue and quotation: still adjacent
MAX_COLON_SOURCE_TOKENS = 6  # `Name: "…"`: longer lead-ins are sentences, not speaker labels
MAX_COLON_LINE_TOKENS = 10  # `Name, affiliation or role: "…"` on a line of its own
MIN_COLON_QUOTE_WORDS = 3  # `US and Iran: “indirect confederates”` is a headline, not a speaker label
DIRECT_QUOTE_SHARE = 0.5  # content at least half inside quote marks is a direct quotation
MIN_NESTING_QUOTE_CHARS = 25  # shorter quotations are scare quotes or titles, not someone's words
CUTOFF_DEPS = frozenset({"relcl", "acl", "advcl"})  # trailing clauses that do not name the source
FOUND_EXTENSION = "claimgraph_attributions"  # Doc._ slot: find_attributions' result, once per parse
if not Doc.has_extension(FOUND_EXTENSION):
    Doc.set_extension(FOUND_EXTENSION, default=None)


@dataclass(frozen=True, slots=True)
class Found:
    """One attribution in Doc character offsets; `source` keeps the tokens for speaker analysis."""

    source: SpacySpan | None
    cue: tuple[int, int]
    content: tuple[int, int]
    direct: bool
    medium: str | None = None  # the outlet a speaker told: "Reuters" in "told Reuters"
    conjunct: bool = False  # "X says A and says B": the second cue often parses inside A


def _chars(tokens: Iterable[Token]) -> tuple[int, int] | None:
    toks = list(tokens)
    if not toks:
        return None
    return min(t.idx for t in toks), max(t.idx + len(t) for t in toks)


def _trim(doc: Doc, toks: list[Token]) -> list[Token]:
    """Drop edge punctuation except quote marks (they belong to a direct quotation)."""
    while toks and toks[0].is_punct and not toks[0].is_quote:
        toks = toks[1:]
    while toks and ((toks[-1].is_punct and not toks[-1].is_quote) or toks[-1].is_space):
        toks = toks[:-1]
    return toks


def _subtree_run(head: Token, exclude: set[int]) -> list[Token]:
    """The contiguous run of `head`'s subtree that contains `head`, skipping excluded tokens."""
    sub = [t for t in head.subtree]
    pos = next(i for i, t in enumerate(sub) if t.i == head.i)
    lo = pos
    while lo > 0 and sub[lo - 1].i not in exclude and sub[lo - 1].i == sub[lo].i - 1:
        lo -= 1
    hi = pos
    while hi + 1 < len(sub) and sub[hi + 1].i not in exclude and sub[hi + 1].i == sub[hi].i + 1:
        hi += 1
    return sub[lo : hi + 1]


def _source_span(subj: Token) -> SpacySpan:
    """The subject's noun phrase, cut before trailing relative or participial clauses."""
    doc = subj.doc
    cut = {t.i for c in subj.children if c.dep_ in CUTOFF_DEPS and c.i > subj.i for t in c.subtree}
    toks = _trim(doc, [t for t in _subtree_run(subj, cut)])
    if not toks:
        return doc[subj.i : subj.i + 1]
    return doc[toks[0].i : toks[-1].i + 1]


def _subject(verb: Token) -> Token | None:
    tok = verb
    for _ in range(MAX_SUBJECT_HOPS):
        for child in tok.children:
            if child.dep_ == "nsubj":
                return child
        if tok.dep_ not in SUBJECT_INHERIT_DEPS or tok.head is tok:
            break
        tok = tok.head
    return _earlier_speaker_subject(verb) if verb.dep_ == "conj" else None


def _earlier_speaker_subject(verb: Token) -> Token | None:
    """`X said A, and have insisted B`: the parser hangs the second cue inside A; a
    subjectless conjunct cue takes the subject of the nearest speech verb before it."""
    for tok in reversed(verb.sent[: verb.i - verb.sent.start]):
        if cue_kind(tok) == "speech":
            return next((c for c in tok.children if c.dep_ == "nsubj"), None)
    return None


def _topical(prep: Token) -> bool:
    """Is this preposition's object a topic ("called for a ban"), not a time ("on Friday")?"""
    objs = [g for g in prep.children if g.dep_ in ("pobj", "pcomp")]
    return bool(objs) and objs[0].ent_type_ not in ("DATE", "TIME")


def _cue_tokens(verb: Token) -> list[Token]:
    """The verb, its particle ("ruled out"), and a nominal medium ("said in a statement")."""
    toks = [verb]
    preps = PREP_CONTENT.get(verb.lemma_.lower(), ())
    for child in verb.children:
        if child.dep_ == "prt" or (child.dep_ == "prep" and child.lower_ in preps and _topical(child)):
            toks.append(child)
        elif child.dep_ == "prep" and child.lower_ == "in" and child.i > verb.i:
            objs = [g for g in child.children if g.dep_ == "pobj" and g.lemma_.lower() in CUE_MEDIA_NOUNS]
            if objs:
                toks.extend(t for t in child.subtree if t.i <= objs[0].i)
    return toks


def _medium(verb: Token) -> str | None:
    """The outlet a speaker told: "told Reuters" (an ORG object of an addressee verb), or
    "in an interview with Reuters" / "said in an interview with Reuters"."""
    for child in verb.children:
        addressee = child.dep_ in ("dobj", "dative") and verb.lemma_.lower() in ADDRESSEE_VERBS
        if addressee and child.ent_type_ == "ORG":
            return verb.doc[child.left_edge.i : child.i + 1].text
        if child.dep_ == "prep" and child.lower_ == "in":
            media = [g for g in child.children if g.dep_ == "pobj" and g.lemma_.lower() in CUE_MEDIA_NOUNS]
            for noun in media:
                for outlet in (o for p in noun.children if p.lower_ == "with" for o in p.children):
                    if outlet.dep_ == "pobj" and outlet.ent_type_ == "ORG":
                        return verb.doc[outlet.left_edge.i : outlet.i + 1].text
    return None


def _clausal_content(verb: Token, kind: str) -> list[Token] | None:
    """Tokens of the clause a cue verb governs, if any."""
    lemma = verb.lemma_.lower()
    order = ["ccomp", "xcomp"] if kind == "belief" else ["ccomp", "xcomp", "dobj"]
    for dep in order:
        for child in verb.children:
            if child.dep_ != dep:
                continue
            if dep == "dobj" and (lemma in ADDRESSEE_VERBS or (kind == "speech" and lemma == "say")):
                continue
            return [t for t in child.subtree]
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in PREP_CONTENT.get(lemma, ()) and _topical(child):
            objs = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
            if objs:
                return [t for t in objs[0].subtree]
    return None


def _host_clause(verb: Token, kind: str) -> list[Token] | None:
    """`"…," X said` / `A, X said, B`: the parser made the reported clause the cue's head."""
    if kind == "belief" or verb.dep_ not in ("ccomp", "parataxis") or verb.head is verb:
        return None
    head = verb.head
    sub = {t.i for t in verb.subtree}
    if head.i > verb.i:
        return [t for t in head.subtree if t.i not in sub] if verb.dep_ == "parataxis" else None
    before = [t for t in head.subtree if t.i not in sub and t.i < verb.left_edge.i]
    gap = verb.doc[before[-1].i + 1 : verb.left_edge.i] if before else None
    if gap is not None and all(t.is_punct or t.is_space for t in gap):
        return before
    return None


def _adjacent_quote(doc: Doc, clause: tuple[int, int], quotes: list[Quote]) -> Quote | None:
    """A quotation that starts just after the cue's clause or ends just before it."""
    text = doc_text(doc)
    for q in quotes:
        gap_after = text[clause[1] : q.start]
        if q.start >= clause[1] and not gap_after.strip(" ,:\n") and len(gap_after) <= MAX_QUOTE_GAP_CHARS:
            return q
        gap_before = text[q.end : clause[0]]
        if q.end <= clause[0] and not gap_before.strip(" ,") and len(gap_before) <= MAX_QUOTE_GAP_CHARS:
            return q
    return None


def _grow_to_quotes(text: str, span: tuple[int, int], quotes: list[Quote]) -> tuple[tuple[int, int], bool]:
    """Extend content over every quotation it shares a word character with (a stray closing
    mark the sentence splitter left on the next sentence does not count); report whether the
    content is mostly quoted."""
    start, end = span
    quoted = 0
    for q in quotes:
        shared = text[max(start, q.start) : min(end, q.end)]
        if any(ch.isalnum() for ch in shared):
            start, end = min(start, q.start), max(end, q.end)
    for q in quotes:
        quoted += max(0, min(end, q.end) - max(start, q.start))
    return (start, end), quoted >= DIRECT_QUOTE_SHARE * max(1, end - start)


def _stray_that_clause(verb: Token) -> list[Token] | None:
    """`X said for the first time that …`: a that-clause the parser hung on a later word."""
    for tok in verb.subtree:
        clause_head = tok.head.pos_ in ("VERB", "AUX")
        if tok.i > verb.i and tok.dep_ == "mark" and tok.lower_ == "that" and clause_head:
            return [t for t in tok.head.subtree if t.i >= tok.i]
    return None


def _content_span(
    verb: Token, kind: str, cue: tuple[int, int], subj: Token | None, exclude: set[int], quotes: list[Quote]
) -> tuple[int, int] | None:
    """Content by priority: a governed clause, an adjacent quotation, the host clause."""
    toks = _clausal_content(verb, kind)
    if toks:
        span = _chars(_trim(verb.doc, [t for t in toks if t.i not in exclude]))
        if span is not None:
            return span
    if kind == "speech":
        edges = [cue] + ([(subj.left_edge.idx, subj.idx + len(subj))] if subj is not None else [])
        clause = (min(a for a, _ in edges), max(b for _, b in edges))
        q = _adjacent_quote(verb.doc, clause, quotes)
        if q is not None:
            return q.start, q.end
    that = _stray_that_clause(verb) if kind == "speech" else None
    if that:
        return _chars(_trim(verb.doc, that))
    host = _host_clause(verb, kind)
    return _chars(_trim(verb.doc, [t for t in host if t.i not in exclude])) if host else None


def _verb_attribution(verb: Token, quotes: list[Quote]) -> Found | None:
    kind = cue_kind(verb)  # the cue patterns ask for a verb
    if kind is None:
        return None
    cue_toks = _cue_tokens(verb)
    if _needs_preposition(verb) and len(cue_toks) == 1:
        return None  # "point" is a cue only as "point to": "reports point the same way" is not speech
    cue = _chars(cue_toks)
    assert cue is not None
    subj = _subject(verb)
    exclude = {t.i for t in cue_toks} | ({t.i for t in subj.subtree} if subj is not None else set())
    span = _content_span(verb, kind, cue, subj, exclude, quotes)
    if span is None:
        return None
    content, direct = _grow_to_quotes(doc_text(verb.doc), span, quotes)
    source = _source_span(subj) if subj is not None else None
    if source is not None and content[0] <= source.start_char < content[1]:
        source = None  # a subject inside the quotation is not the speaker
    return Found(source, cue, content, direct, _medium(verb), conjunct=verb.dep_ == "conj")


def _needs_preposition(verb: Token) -> bool:
    """A verb that is a cue only through its preposition ("point to", "call for", "hint at")."""
    return cue_label(verb) == "stance_with_preposition"


def _according_to(tok: Token) -> Found | None:
    """`according to X, …`: source is X, content the clause the phrase modifies."""
    if not is_according(tok):
        return None
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if to is None or obj is None:
        return None
    phrase = {t.i for t in tok.subtree}
    head = tok.head if tok.head is not tok else tok
    rest = _trim(tok.doc, [t for t in head.sent if t.i not in phrase])
    content = _chars(rest)
    if content is None:
        return None
    return Found(_source_span(obj), (tok.idx, to.idx + len(to)), content, direct=False)


def _whole_line_label(doc: Doc, colon: int) -> SpacySpan | None:
    """`Farid Haddad, Institute for Gulf Security: "…"`: a line that opens with a name and
    reaches the colon is a speaker label, comma and description included."""
    start = colon
    while start > 0 and "\n" not in doc[start - 1].text and colon - start <= MAX_COLON_LINE_TOKENS:
        start -= 1
    label = doc[start:colon]
    if not label or colon - start > MAX_COLON_LINE_TOKENS or label[0].ent_type_ != "PERSON":
        return None
    return label


def _colon_label(doc: Doc, q: Quote) -> Found | None:
    """`Kerry: "…"`: a short speaker label before a colon that opens a quotation."""
    before = doc_text(doc)[: q.start].rstrip()
    if not before.endswith(":"):
        return None
    colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if colon is None:
        return None
    start = colon.start
    while start > 0 and colon.start - start < MAX_COLON_SOURCE_TOKENS:
        prev = doc[start - 1]
        if prev.is_punct or prev.is_space or "\n" in prev.whitespace_ or prev.is_sent_end:
            break
        start -= 1
    label = _whole_line_label(doc, colon.start) or doc[start : colon.start]
    if len(doc_text(doc)[q.start : q.end].split()) < MIN_COLON_QUOTE_WORDS:
        return None
    if not label or any(t.pos_ in ("VERB", "AUX") for t in label):
        return None
    if not any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in label):
        return None
    return Found(label, (colon.start_char, colon.end_char), (q.start, q.end), direct=True)


def _drop_nested(found: list[Found], quotes: list[Quote]) -> list[Found]:
    """Keep outer attributions only: a cue inside another's content, or inside a quotation,
    belongs to the quoted speaker's words ("I don't think it matters," X said).

    PolNeAR annotates each token with at most one role, so nested cues are never gold.
    """
    spoken = [(q.start, q.end) for q in quotes if q.end - q.start >= MIN_NESTING_QUOTE_CHARS]
    kept: list[Found] = []
    for f in sorted(found, key=lambda f: f.content[0] - f.content[1]):
        outer = [*spoken, *(() if f.conjunct else (k.content for k in kept))]
        inside = [c for c in outer if c[0] <= f.cue[0] and f.cue[1] <= c[1]]
        if not inside:
            kept.append(f)
    return kept


def attributions(doc: Doc) -> list[Found]:
    """`find_attributions` once per parse (kept on `Doc._`): statements and the discourse
    model read the same list, so they agree on who speaks where."""
    found = doc._.get(FOUND_EXTENSION)
    if found is None:
        found = find_attributions(doc)
        doc._.set(FOUND_EXTENSION, found)
    return found


def find_attributions(doc: Doc) -> list[Found]:
    """All attributions in `doc`, ordered by cue position, at most one per cue: the rules run
    on the tokens the cue patterns matched (`cues.CUES`), in text order."""
    quotes = doc_quotes(doc)
    found: dict[tuple[int, int], Found] = {}
    for i in sorted(CUES.matches(doc)):
        tok = doc[i]
        hit = _according_to(tok) or _verb_attribution(tok, quotes)
        if hit is not None and hit.cue not in found:
            found[hit.cue] = hit
    kept = _drop_nested(list(found.values()), quotes)  # a cue inside a quotation claims nothing
    claimed = [f.content for f in kept]
    for q in quotes:
        if any(a < q.end and q.start < b for a, b in claimed):
            continue
        hit = _colon_label(doc, q)
        if hit is not None:
            kept.append(hit)
    return sorted(_drop_nested(kept, quotes), key=lambda f: f.cue)
