"""Full-text search over what records say (summary, quote, source), from the read model's FTS5 index.

The query language is FTS5's, made forgiving: words (`gimmick`), prefixes (`embarrass*`), "quoted
phrases", AND / OR / NOT and parentheses work as FTS5 defines them; any other word that FTS5 would
read as syntax (`return-hubs`, `one-off`, `Starmer's`, `No.10`) is searched for as a phrase of its
parts. A query FTS5 still cannot read is refused in one sentence (InputError), never with SQLite's
message. Best match first (bm25), ties in record order.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from typing import Any

from timeline.errors import InputError
from timeline.queries.names import ActorRef, subtree
from timeline.queries.records import actor_names, record_json

# Snippet markers: control characters no summary contains (check_text refuses them), turned into
# «guillemets» for JSON and into bold text for the terminal.
START, END = "\x02", "\x03"
_TOKEN = re.compile(r'"(?:[^"]|"")*"?|[()]|[^\s()"]+')
_BAREWORD = re.compile(r"^\^?\w+\*?$")
_OPERATORS = {"AND", "OR", "NOT", "NEAR"}


def fts_query(text: str) -> str:
    """The user's query as FTS5 syntax: barewords, phrases and operators kept; other words quoted."""
    parts = []
    for token in _TOKEN.findall(text):
        if token.startswith('"'):
            if len(token) < 2 or token.count('"') % 2:  # a closed phrase has an even number, escapes included
                raise InputError(f"the search {text!r} has a double quote that is not closed; close it or leave it out")
            parts.append(token)
        elif token in ("(", ")") or token in _OPERATORS or _BAREWORD.match(token):
            parts.append(token)
        else:
            prefix = token.endswith("*") and len(token) > 1
            word = token[:-1] if prefix else token
            parts.append('"' + word.replace('"', '""') + '"' + ("*" if prefix else ""))
    query = " ".join(parts)
    if not query.strip():
        raise InputError("give some words to search for, e.g. timeline search gimmick")
    return query


def search(
    conn: sqlite3.Connection,
    text: str,
    *,
    actor: ActorRef | None = None,
    topic: str | None = None,
    kind: str | None = None,
    first: date | None = None,
    last: date | None = None,
    include_retracted: bool = False,
    limit: int | None = 50,
) -> dict[str, Any]:
    """`search --json`: records whose summary, quote or source match `text`, best first, each with
    a snippet (matches between START and END markers), filtered like `show`. With `limit`, at most
    that many results; `more` says whether others matched."""
    clauses = ["records_fts MATCH ?"]
    args: list[Any] = [fts_query(text)]
    if not include_retracted:
        clauses.append("r.status != 'retracted'")
    if actor is not None:
        clauses.append(f"r.actor_uuid IN ({','.join('?' * len(actor.uuids))})")
        args += actor.uuids
    if topic is not None:
        topics = subtree(conn, topic)
        clauses.append(f"r.topic IN ({','.join('?' * len(topics))})")
        args += topics
    if kind is not None:
        clauses.append("r.kind = ?")
        args.append(kind)
    if first is not None:
        clauses.append("r.end >= ?")
        args.append(first.isoformat())
    if last is not None:
        clauses.append("r.start <= ?")
        args.append(last.isoformat())
    # Two steps: rank every match (cheap) and keep the best; only then make their snippets, which
    # cost far more than ranking and would otherwise be made for every match of a common word.
    sql = (
        f"SELECT records_fts.rowid FROM records_fts JOIN records r ON r.uuid = records_fts.uuid "
        f"WHERE {' AND '.join(clauses)} ORDER BY rank, r.seq"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit) + 1}"
    try:
        best = [row[0] for row in conn.execute(sql, args)]
    except sqlite3.OperationalError as error:
        if _is_query_error(error):
            raise InputError(
                f"cannot read the search {text!r} (check its quotes, parentheses and AND/OR/NOT); "
                'put a phrase in double quotes to search for it literally'
            ) from None
        raise
    more = limit is not None and len(best) > limit
    best = best[:limit] if limit is not None else best
    found: dict[int, sqlite3.Row] = {}
    for start in range(0, len(best), 500):
        chunk = best[start : start + 500]
        for row in conn.execute(
            f"SELECT records_fts.rowid AS fts_rowid, r.*, snippet(records_fts, -1, '{START}', '{END}', '…', 16) AS snippet "
            f"FROM records_fts JOIN records r ON r.uuid = records_fts.uuid "
            f"WHERE records_fts MATCH ? AND records_fts.rowid IN ({','.join('?' * len(chunk))})",
            [args[0], *chunk],
        ):
            found[row["fts_rowid"]] = row
    rows = [found[rowid] for rowid in best]
    names = actor_names(conn)
    return {
        "query": text,
        "results": [
            {"record": record_json(row, names.get(row["actor_uuid"], "?")), "snippet": row["snippet"]}
            for row in rows
        ],
        "more": more,
    }


def _is_query_error(error: sqlite3.OperationalError) -> bool:
    message = str(error)
    return message.startswith("fts5:") or "syntax error" in message or "no such column" in message \
        or "unterminated" in message or "unknown special query" in message


def marked(snippet: str, opening: str = "«", closing: str = "»") -> str:
    """A snippet with its match markers shown as `opening` and `closing`."""
    return snippet.replace(START, opening).replace(END, closing)
