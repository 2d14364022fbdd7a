"""Who published a document, and when, where the container does not say.

An outlet is what explanations, chains and `sources.csv` show, so it must be a name a
person recognises, never a file path or `file.csv#135`. In order: the page's own metadata
(og:site_name, JSON-LD publisher: trafilatura's `sitename`) when it is a real name, the
URL's registered domain ("ap.org", "nj.com"), then the file name (a PolNeAR-style
`<outlet>_<YYYY-MM-DD>_<slug>.txt` gives outlet and date; any other name is shown as the
bare file name). A multi-record file with no outlet column is one source, not one per row:
counting each row as its own outlet would manufacture corroboration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath
from urllib.parse import urlsplit

from tld import get_fld

from claimgraph.model import Document

# A site name longer than this after cutting at a separator is a tagline, not a name.
MAX_SITENAME_CHARS = 60
# Words of at most this many letters in a file-name outlet are acronyms ("nyt" -> "NYT").
ACRONYM_CHARS = 3

_JUNK_SITENAME = re.compile(r"(?i)copyright|©|all rights reserved|^\W*$")
_SEPARATOR = re.compile(r"\s+[|•·–—-]\s+")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
# PolNeAR and similar corpora: outlet slug, ISO date, title slug, separated by underscores.
_OUTLET_DATE_NAME = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*)_(\d{4}-\d{2}-\d{2})_")
_STRIP_HOST = ("www.", "m.", "amp.")


@dataclass(frozen=True, slots=True)
class FileHints:
    """What a file name says about its document."""

    outlet: str | None = None
    published: str | None = None
    name: str | None = None  # the bare file name (container name for multi-record files)


def host_name(url: str | None) -> str | None:
    """A readable name for a URL's site: its registered domain ("hosted.ap.org" -> "ap.org")."""
    if not url or "://" not in url or url.startswith("file:"):
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    domain = get_fld(f"http://{host}", fail_silently=True)
    if isinstance(domain, str) and domain:
        return domain
    for prefix in _STRIP_HOST:
        host = host.removeprefix(prefix)
    return host or None


def _hosts(url: str | None) -> set[str]:
    try:
        host = urlsplit(url).hostname if url else None
    except ValueError:
        return set()
    return {host} if host else set()


def _host_labels(url: str | None) -> set[str]:
    return {label for host in _hosts(url) for label in host.split(".")}


def clean_sitename(sitename: str | None, url: str | None) -> str | None:
    """The page's site name if it names the site, else None.

    Rejected: copyright lines, URLs (their host is used), taglines, and a one-word name that
    only repeats a label of the page's host: AP's hosted pages declare og:site_name "Hosted"
    (hosted.ap.org), wday.ru has only the Twitter handle "@Wday_", nj.com says "nj" (which
    trafilatura capitalises to "Nj"); the registered domain names those sites better.
    """
    if not sitename:
        return None
    name = " ".join(sitename.split()).lstrip("@")
    if "://" in name:
        return host_name(name)
    if _JUNK_SITENAME.search(name):
        return None
    name = _SEPARATOR.split(name)[0].strip()
    if not name or len(name) > MAX_SITENAME_CHARS:
        return None
    if host_name(url) and name.removeprefix("www.") in {h.removeprefix("www.") for h in _hosts(url)}:
        return host_name(url)  # the bare host ("hosted.ap.org"): its registered domain reads better
    bare = name.strip("_").casefold()
    if " " not in name and name in (name.casefold(), name.casefold().title()) and bare in _host_labels(url):
        return None
    return name


def _readable_slug(slug: str) -> str:
    words = slug.split("-")
    return " ".join(w.upper() if len(w) <= ACRONYM_CHARS and w.isalpha() else w.capitalize() for w in words)


def file_hints(uri: str) -> FileHints:
    """Outlet and date from a document's file name, and the bare name to show otherwise.

    `uri` is a path, or `path#record` for one record of a container file.
    """
    path = uri.split("#", 1)[0]
    if "://" in path and not path.startswith("file:"):
        return FileHints()
    name = PurePath(path.removeprefix("file://")).name
    if not name:
        return FileHints()
    published = None
    match = _OUTLET_DATE_NAME.match(name)
    outlet = _readable_slug(match.group(1)) if match else None
    for found in ([match.group(2)] if match else [m.group(0) for m in _ISO_DATE.finditer(name)])[:1]:
        try:
            published = date.fromisoformat(found).isoformat()
        except ValueError:
            published = None
    return FileHints(outlet=outlet, published=published, name=name)


def infer_outlet(given: str | None, sitename: str | None, url: str | None, uri: str) -> str | None:
    """The outlet to store: container's, page's, URL host's, file name's, in that order."""
    if given and given.strip():
        return given
    hints = file_hints(uri)
    record = uri.split("#", 1)[-1]  # a WARC record is `crawl.warc.gz#<target URL>`
    return (
        clean_sitename(sitename, url)
        or host_name(url)
        or host_name(uri)
        or host_name(record)
        or hints.outlet
        or hints.name
    )


def source_name(doc: Document) -> str:
    """The name a document's own voice goes by: its outlet, else one inferred from its URL or
    file name (documents stored before outlets were inferred, or built by hand), never its path."""
    return outlet_name(doc.outlet, doc.url, doc.uri)


def outlet_name(outlet: str | None, url: str | None, uri: str) -> str:
    """`source_name` from a document's stored fields (the corpus stage reads no text for it)."""
    return outlet or infer_outlet(None, None, url, uri) or "unknown source"
