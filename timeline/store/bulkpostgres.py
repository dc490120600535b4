"""The PostgreSQL recorder bulk import uses: the library's own application recorder, with large
inserts sent by COPY instead of the library's `INSERT … SELECT FROM unnest(%s::composite[])`.

Why: psycopg dumps the composite array in pure Python (≈37 µs an event, measured); COPY in binary
format costs a few µs. Everything else is the library's: the same transaction takes the same
`SET LOCAL lock_timeout` and `LOCK TABLE … IN EXCLUSIVE MODE` statements (`_lock_table`), sends the
same NOTIFY, and writes the same four columns, so the table's default numbers the rows from the same
sequence, in order, while no other writer can insert. The notification ids are then read back (the
rows numbered above the largest id seen under the lock), as the library's RETURNING would give them.
Small inserts (an `add`, a short import batch) go through the library's path unchanged. Used only
by `timeline import` (Tracker.bulk); tests/application/test_postgres.py compares the stored rows
with the library recorder's on the same events.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import ProgrammingError
from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.utils import retry
from psycopg import InterfaceError, OperationalError
from psycopg.sql import SQL, Identifier

TOPIC = "timeline.store.bulkpostgres:BulkPostgresRecorder"


class BulkPostgresRecorder(PostgresApplicationRecorder):
    COPY_FROM = 64  # events in one insert from which COPY pays

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
    def insert_events(self, stored_events: Sequence[Any], **kwargs: Any) -> Sequence[int] | None:
        if len(stored_events) < self.COPY_FROM or self.datastore.enable_db_functions:
            return super().insert_events(stored_events, **kwargs)
        table = SQL("{}.{}").format(Identifier(self.datastore.schema), Identifier(self.events_table_name))
        with self.datastore.get_connection() as conn, conn.transaction(), conn.cursor() as curs:
            self._lock_table(curs)
            self._notify_channel(curs)
            curs.execute(self.max_notification_id_statement)
            before = curs.fetchone()["max"] or 0
            copy_sql = SQL("COPY {} (originator_id, originator_version, topic, state) FROM STDIN (FORMAT BINARY)")
            with curs.copy(copy_sql.format(table)) as copy:
                copy.set_types([self.datastore.originator_id_type, "int8", "text", "bytea"])
                for event in stored_events:
                    copy.write_row((event.originator_id, event.originator_version, event.topic, event.state))
            curs.execute(
                SQL("SELECT notification_id FROM {} WHERE notification_id > %s ORDER BY notification_id").format(table),
                (before,),
            )
            ids = [row["notification_id"] for row in curs.fetchall()]
            if len(ids) != len(stored_events):  # cannot happen under the lock; never guess ids
                raise ProgrammingError(f"copied {len(stored_events)} events but found {len(ids)} new notification ids")
        return ids
