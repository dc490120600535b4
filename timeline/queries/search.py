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
# Patterns compiled on first use (`re` caches them): `timeline.queries` imports this module for every
# command that asks a question, and compiling both costs ~1 million instructions (issue 17).
_TOKEN = r'"(?:[^"]|"")*"?|[()]|[^\s()"]+'
_BAREWORD = r"^\^?\w+\*?$"
_OPERATORS = {"AND", "OR", "NOT", "NEAR"}
_SLACK = 16  # extra best matches asked of the index, for retracted records among them


def fts_query(text: str) -> str:
    """The user's query as FTS5 syntax: barewords, phrases and operators kept; other words quoted."""
    parts = []
    bareword = re.compile(_BAREWORD).match
    for token in re.findall(_TOKEN, text):
        if token.startswith('"'):
            if len(token) < 2 or token.count('"') % 2:  # a closed phrase has an even number, escapes included
                raise InputError(f"the search {text!r} has a double quote that is not closed; close it or leave it out")
            parts.append(token)
        elif token in ("(", ")") or token in _OPERATORS or bareword(token):
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
    try:
        if len(clauses) == 1 + (not include_retracted) and limit is not None:
            best = _best_unfiltered(conn, args[0], include_retracted, int(limit) + 1)
        else:
            best = _best_joined(conn, clauses, args, limit)
    except sqlite3.OperationalError as error:
        if _is_query_error(error):
            raise InputError(
                f"cannot read the search {text!r} (check its quotes, parentheses and AND/OR/NOT); "
                'put a phrase in double quotes to search for it literally'
            ) from None
        raise
    more = limit is not None and len(best) > limit
    best = best[:limit] if limit is not None else best
    rows = _with_snippets(conn, args[0], best)
    names = actor_names(conn)
    return {
        "query": text,
        "results": [
            {"record": record_json(row, names.get(row["actor_uuid"], "?")), "snippet": snippet}
            for row, snippet in rows
        ],
        "more": more,
    }


def _with_snippets(conn: sqlite3.Connection, query: str, best: list[int]) -> list[tuple[sqlite3.Row, str]]:
    """(record row, snippet) of each fts rowid in `best`, in that order: snippets only for these."""
    marks = f"snippet(records_fts, -1, '{START}', '{END}', '…', 16)"
    snippets: dict[int, tuple[str, str]] = {}
    for start in range(0, len(best), 500):
        chunk = best[start : start + 500]
        if "*" in query:
            # A prefix query is evaluated afresh for each rowid of an IN list (its terms' lists merged
            # each time): one pass over its matches instead, making snippets only for the chosen.
            sql = (f"SELECT * FROM (SELECT rowid, uuid, CASE WHEN rowid IN (SELECT value FROM json_each(?2)) "
                   f"THEN {marks} END AS snippet FROM records_fts WHERE records_fts MATCH ?1) WHERE snippet IS NOT NULL")
            import json

            params: list[Any] = [query, json.dumps(chunk)]
        else:
            sql = f"SELECT rowid, uuid, {marks} FROM records_fts WHERE records_fts MATCH ? AND rowid IN ({','.join('?' * len(chunk))})"
            params = [query, *chunk]
        snippets.update((rowid, (uuid, snippet)) for rowid, uuid, snippet in conn.execute(sql, params))
    uuids = [snippets[rowid][0] for rowid in best]
    records: dict[str, sqlite3.Row] = {}
    for start in range(0, len(uuids), 500):
        chunk = uuids[start : start + 500]
        records.update((row["uuid"], row) for row in conn.execute(
            f"SELECT * FROM records WHERE uuid IN ({','.join('?' * len(chunk))})", chunk))
    return [(records[snippets[rowid][0]], snippets[rowid][1]) for rowid in best]


def _best_joined(conn: sqlite3.Connection, clauses: list[str], args: list[Any], limit: int | None) -> list[int]:
    """The fts rowids of the best matches passing every filter: rank every match joined with its
    record (the filters need the record's columns), best first, ties in record order."""
    sql = (
        f"SELECT records_fts.rowid FROM records_fts JOIN records r ON r.uuid = records_fts.uuid "
        f"WHERE {' AND '.join(clauses)} ORDER BY rank, r.seq"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit) + 1}"
    return [row[0] for row in conn.execute(sql, args)]


def _best_unfiltered(conn: sqlite3.Connection, query: str, include_retracted: bool, wanted: int) -> list[int]:
    """The same answer as _best_joined with no filter but (maybe) the retracted one, without joining
    every match: the index ranks its matches and keeps the best few by itself (ranking is cheap,
    joining every match of a common word was not) — its rowid is the record's seq, so (rank, rowid)
    is the joined order — and only those are looked up. When retracted records leave fewer than
    `wanted` while the index had more to give, it asks again for more (retractions are rare)."""
    take = wanted + _SLACK
    while True:
        ranked = conn.execute(
            f"SELECT rowid, uuid FROM records_fts WHERE records_fts MATCH ? ORDER BY rank, rowid LIMIT {take}", (query,)
        ).fetchall()
        status = dict(conn.execute(
            f"SELECT uuid, status FROM records WHERE uuid IN ({','.join('?' * len(ranked))})", [u for _, u in ranked]))
        kept = [rowid for rowid, uuid in ranked
                if uuid in status and (include_retracted or status[uuid] != "retracted")]
        if len(kept) >= wanted or len(ranked) < take:
            return kept[:wanted]
        take *= 4


def _is_query_error(error: sqlite3.OperationalError) -> bool:
    message = str(error)
    return message.startswith("fts5:") or "syntax error" in message or "no such column" in message \
        or "unterminated" in message or "unknown special query" in message


def marked(snippet: str, opening: str = "«", closing: str = "»") -> str:
    """A snippet with its match markers shown as `opening` and `closing`."""
    return snippet.replace(START, opening).replace(END, closing)
