"""What keeps one schema behaving the same on SQLite and PostgreSQL (imported by `schema`).

SQLite ignores VARCHAR lengths and compares text byte-wise (BINARY collation). PostgreSQL would
enforce the lengths (`value too long`) and sort by the database's locale, so an export's order
and `id > last` paging would change with the server's settings. On PostgreSQL every string column
is therefore created as unbounded `VARCHAR`/`TEXT` with `COLLATE "C"`: byte order, which for
UTF-8 is code-point order, as in SQLite and in Python's `sorted`. The lengths in `schema` stay as
documentation of the expected sizes.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, Text
from sqlalchemy.ext.compiler import compiles


@compiles(String, "postgresql")
def _string(element: String, compiler: Any, **kw: Any) -> str:
    return 'VARCHAR COLLATE "C"'


@compiles(Text, "postgresql")
def _text(element: Text, compiler: Any, **kw: Any) -> str:
    return 'TEXT COLLATE "C"'
