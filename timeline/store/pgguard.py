"""What a PostgreSQL store says when the server goes away or refuses a table (one sentence each).

The eventsourcing recorder retries every failed statement ten times, and each retry waits up to the
pool's timeout for a new connection: a server that dies mid-command took ~50 s to be reported. The
guard wraps the datastore's `get_connection`: a connection lost (or none to be had) becomes a
DomainError at once, which the library's retry does not catch; other errors (a lock timeout under
contention) keep their retries. A missing privilege is checked when the store is opened, and
translated the same way should it be revoked while a command runs.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator

from timeline.errors import DomainError

PostgresLocation = Any  # timeline.store.postgres.PostgresLocation (which imports this module)

READ = ("SELECT",)
WRITE = ("SELECT", "INSERT", "UPDATE")  # UPDATE: writers take LOCK TABLE … IN EXCLUSIVE MODE


def guard(datastore: Any, where: PostgresLocation) -> None:
    """Make the datastore fail fast, in one sentence, when its server is gone or refuses a table."""
    import psycopg
    import psycopg_pool

    original = datastore.get_connection

    @contextmanager
    def get_connection() -> Iterator[Any]:
        conn = None
        try:
            with original() as conn:
                yield conn
        except Exception as error:
            cause = error.__cause__ or error
            if isinstance(cause, psycopg.errors.InsufficientPrivilege):
                raise privilege_error(where, WRITE) from None
            if isinstance(cause, psycopg_pool.PoolTimeout) or (conn is not None and conn.broken):
                raise lost(where) from None
            raise

    datastore.get_connection = get_connection


def lost(where: PostgresLocation) -> DomainError:
    return DomainError(
        f"lost the connection to the PostgreSQL server at {where.server}; nothing of this command was saved "
        "unless it said so; check the server and run the command again"
    )


def privilege_error(where: PostgresLocation, needed: tuple[str, ...]) -> DomainError:
    table = f"{where.schema}.timeline_events"
    return DomainError(
        f"the PostgreSQL user '{where.user}' may not use table {table}; ask the database owner to run "
        f"GRANT USAGE ON SCHEMA {where.schema} TO \"{where.user}\"; GRANT {', '.join(needed)} ON {table} TO "
        f"\"{where.user}\"" + (f"; GRANT USAGE ON ALL SEQUENCES IN SCHEMA {where.schema} TO \"{where.user}\"" if "INSERT" in needed else "")
    )


def check_privileges(conn: Any, where: PostgresLocation, *, write: bool) -> None:
    """Refuse in one sentence, before anything runs, when the user lacks what the command needs."""
    needed = WRITE if write else READ
    table = f'"{where.schema}"."timeline_events"'
    ok = conn.execute(
        "SELECT has_schema_privilege(%s, 'USAGE') AND " + " AND ".join(["has_table_privilege(%s, %s)"] * len(needed)),
        (where.schema, *[v for p in needed for v in (table, p)]),
    ).fetchone()[0]
    if write and ok:
        ok = conn.execute(
            "SELECT bool_and(has_sequence_privilege(c.oid, 'USAGE')) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'S' AND n.nspname = %s "
            "AND c.relname LIKE 'timeline_events%%'",
            (where.schema,),
        ).fetchone()[0] is not False
    if not ok:
        raise privilege_error(where, needed)
