"""Full-text search over what records say (summary, quote, source), from the read model's FTS5 index.

The query language is FTS5's, made forgiving: words (`gimmick`), prefixes (`embarrass*`), "quoted
phrases", AND / OR / NOT and parentheses work as FTS5 defines them; any other word that FTS5 would
read as syntax (`return-hubs`, `one-off`, `Starmer's`, `No.10`) is searched for as a phrase of its
parts. A query FTS5 still cannot read is refused in one sentence (InputError), never with SQLite's
message. Best match first (bm25), ties in record order.

How much is ranked: BM25 scores every match it ranks (≈ 0.3 µs each, and there is no top-k shortcut in
FTS5), so a word in most of a million records took ≈ 0.2 s. When more than `WINDOW` records match and
no filter narrows them, the best come from the `WINDOW` most recently recorded matches (their scores
are the same BM25 scores: FTS5 weighs each word by its frequency in the whole index); the answer says
so (`window`), and `rank_all` (`search --rank-all`) ranks every match however many there are.
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
_COLUMNS = ("summary", "quote", "source")  # what `summary:word` may name
# what a user may take for a field, each with the option that does it
_NOT_FIELDS = {"actor": "--actor", "author": "--actor", "speaker": "--actor", "who": "--actor", "topic": "--topic",
               "kind": "--kind", "date": "--from/--to", "on": "--from/--to", "from": "--from", "to": "--to"}
_SLACK = 16  # extra best matches asked of the index, for retracted records among them
WINDOW = 10_000  # matches ranked at most, without a filter, unless every match is asked for


def fts_query(text: str) -> str:
    """The user's query as FTS5 syntax: barewords, phrases and operators kept; other words quoted.
    `summary:`, `quote:` and `source:` before a word or phrase search that column only; `AND NOT`
    is FTS5's `NOT` (FTS5 refuses the pair), and so is `-word` after another term, as in web
    search; `actor:` and the like are refused with the option that does it."""
    parts: list[str] = []
    bareword = re.compile(_BAREWORD).match
    for token in re.findall(_TOKEN, text):
        column, colon, rest = token.partition(":")
        if colon and column.lower() in _COLUMNS and not token.startswith('"'):
            parts.append(column.lower() + " :")
            if not rest:
                continue  # a phrase follows: `quote:"loyal to"`
            token = rest
        elif colon and column.lower() in _NOT_FIELDS:
            raise InputError(f"search looks in summaries, quotes and sources only: for {token!r} use "
                             f"{_NOT_FIELDS[column.lower()]} (fields: summary:, quote:, source:)")
        if not token.startswith('"') and not re.search(r"\w", token) and token not in ("(", ")"):
            continue  # punctuation alone ('-', '*', "'") finds nothing and means nothing
        if token.startswith("-") and len(token) > 1 and not token[1:].startswith("-"):
            if parts and parts[-1] == "AND":
                parts.pop()
            if not parts or parts[-1] in ("(", "OR", "NOT") or parts[-1].endswith(":"):
                raise InputError(f"the search {text!r} leaves out {token[1:]!r} from nothing: "
                                 f"put a word before it, e.g. levy {token}")
            parts.append("NOT")
            token = token[1:]
        if token == "NOT" and parts and parts[-1] == "AND":
            parts.pop()
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
    if not re.search(r"\w", query.replace("summary :", "").replace("quote :", "").replace("source :", "")):
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
    rank_all: bool = False,
) -> dict[str, Any]:
    """`search --json`: records whose summary, quote or source match `text`, best first, each with
    a snippet (matches between START and END markers), filtered like `show`. With `limit`, at most
    that many results; `more` says whether others matched. `window` is None when every match was
    ranked, else the number of most recently recorded matches the best were taken from (only
    without filters, with a `limit` below WINDOW, and without `rank_all`)."""
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
    window = None
    try:
        if len(clauses) == 1 + (not include_retracted) and limit is not None:
            edge = None if rank_all or limit >= WINDOW else _window_edge(conn, args[0], include_retracted)
            window = WINDOW if edge is not None else None
            found = _best_unfiltered(conn, args[0], include_retracted, int(limit) + 1, edge or 0)
        else:
            found = _snippets(conn, args[0], _best_joined(conn, clauses, args, limit))
    except sqlite3.OperationalError as error:
        if _is_query_error(error):
            raise InputError(
                f"cannot read the search {text!r} (check its quotes, parentheses and AND/OR/NOT); "
                'put a phrase in double quotes to search for it literally'
            ) from None
        raise
    more = limit is not None and len(found) > limit
    rows = _with_records(conn, found[:limit] if limit is not None else found)
    names = actor_names(conn)
    return {
        "query": text,
        "results": [
            {"record": record_json(row, names.get(row["actor_uuid"], "?")), "snippet": snippet}
            for row, snippet in rows
        ],
        "more": more,
        "window": window,
    }


MARKS = f"snippet(records_fts, -1, '{START}', '{END}', '…', 16)"


def _snippets(conn: sqlite3.Connection, query: str, best: list[int]) -> list[tuple[int, str, str]]:
    """(rowid, uuid, snippet) of each fts rowid in `best`, in that order: snippets only for these."""
    snippets: dict[int, tuple[str, str]] = {}
    for start in range(0, len(best), 500):
        chunk = best[start : start + 500]
        if "*" in query:
            # A prefix query is evaluated afresh for each rowid of an IN list (its terms' lists merged
            # each time): one pass over its matches instead, making snippets only for the chosen.
            sql = (f"SELECT * FROM (SELECT rowid, uuid, CASE WHEN rowid IN (SELECT value FROM json_each(?2)) "
                   f"THEN {MARKS} END AS snippet FROM records_fts WHERE records_fts MATCH ?1 "
                   f"AND rowid BETWEEN ?3 AND ?4) WHERE snippet IS NOT NULL")
            import json

            params: list[Any] = [query, json.dumps(chunk), min(chunk), max(chunk)]
        else:
            sql = f"SELECT rowid, uuid, {MARKS} FROM records_fts WHERE records_fts MATCH ? AND rowid IN ({','.join('?' * len(chunk))})"
            params = [query, *chunk]
        snippets.update((rowid, (uuid, snippet)) for rowid, uuid, snippet in conn.execute(sql, params))
    return [(rowid, *snippets[rowid]) for rowid in best]


def _with_records(conn: sqlite3.Connection, found: list[tuple[int, str, str]]) -> list[tuple[sqlite3.Row, str]]:
    """(record row, snippet) of each (rowid, uuid, snippet), in that order."""
    uuids = [uuid for _, uuid, _ in found]
    records: dict[str, sqlite3.Row] = {}
    for start in range(0, len(uuids), 500):
        chunk = uuids[start : start + 500]
        records.update((row["uuid"], row) for row in conn.execute(
            f"SELECT * FROM records WHERE uuid IN ({','.join('?' * len(chunk))})", chunk))
    return [(records[uuid], snippet) for _, uuid, snippet in found]


def _best_joined(conn: sqlite3.Connection, clauses: list[str], args: list[Any], limit: int | None) -> list[int]:
    """The fts rowids of the best matches passing every filter: rank every match joined with its
    record (the filters need the record's columns), best first, ties in record order. Joined on the
    index's rowid, the record's seq: its `uuid` column is read from `records` row by row (external
    content), so joining on it cost two lookups a match (1M records, a word in most: 0.97 s, 0.15 s now)."""
    sql = (
        f"SELECT records_fts.rowid FROM records_fts JOIN records r ON r.seq = records_fts.rowid "
        f"WHERE {' AND '.join(clauses)} ORDER BY rank, r.seq"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit) + 1}"
    return [row[0] for row in conn.execute(sql, args)]


def _window_edge(conn: sqlite3.Connection, query: str, include_retracted: bool) -> int | None:
    """The rowid of the WINDOW-th most recently recorded match when more than WINDOW match, else None
    (FTS5 walks its matches newest first and stops there: ≈ 1 ms for a word in most of 1M records).
    Retracted records are not counted unless they are searched too, so that the window holds WINDOW
    answers: the few retracted ones in it (a partial index lists them) push the edge back as far."""
    take = WINDOW
    while True:
        rows = conn.execute(f"SELECT rowid FROM records_fts WHERE records_fts MATCH ? ORDER BY rowid DESC "
                            f"LIMIT 2 OFFSET {take - 1}", (query,)).fetchall()
        if len(rows) < 2:
            return None
        edge = int(rows[0][0])
        if include_retracted:
            return edge
        retracted = [seq for seq, in conn.execute(
            "SELECT seq FROM records WHERE status = 'retracted' AND seq >= ?", (edge,))]
        gone = _matching(conn, query, retracted) if retracted else 0
        if take - gone >= WINDOW:
            return edge
        take = WINDOW + gone


def _matching(conn: sqlite3.Connection, query: str, rowids: list[int]) -> int:
    """How many of these fts rowids match the query (one pass over the matches between the least
    and the greatest of them: an IN list would evaluate a prefix query afresh for each)."""
    import json

    return conn.execute(
        "SELECT count(*) FROM records_fts WHERE records_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3 "
        "AND rowid IN (SELECT value FROM json_each(?4))",
        (query, min(rowids), max(rowids), json.dumps(rowids))).fetchone()[0]


def _best_unfiltered(conn: sqlite3.Connection, query: str, include_retracted: bool, wanted: int,
                     edge: int = 0) -> list[tuple[int, str, str]]:
    """The same answer as _best_joined with no filter but (maybe) the retracted one, without joining
    every match: the index ranks its matches and keeps the best few by itself (ranking is cheap,
    joining every match of a common word was not) — its rowid is the record's seq, so (rank, rowid)
    is the joined order — and only those are looked up. When retracted records leave fewer than
    `wanted` while the index had more to give, it asks again for more (retractions are rare).
    Only matches from rowid `edge` on are ranked (all of them with the default 0). Each comes with
    its snippet, made in the same statement for the few it returns (a prefix query's list of matches
    is built afresh by each statement: ≈ 10 ms at 1M for a prefix of a common word)."""
    take = wanted + _SLACK
    while True:
        ranked = conn.execute(
            f"SELECT rowid, uuid, {MARKS} FROM records_fts WHERE records_fts MATCH ? AND rowid >= ? "
            f"ORDER BY rank, rowid LIMIT {take}", (query, edge)
        ).fetchall()
        status = dict(conn.execute(
            f"SELECT uuid, status FROM records WHERE uuid IN ({','.join('?' * len(ranked))})", [u for _, u, _ in ranked]))
        kept = [(rowid, uuid, snippet) for rowid, uuid, snippet in ranked
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
