"""The shared event store in PostgreSQL (eventsourcing[postgres], psycopg 3).

    TIMELINE_DB=postgresql://user[:password]@host[:port]/dbname[?schema=NAME&connect_timeout=SECONDS&…]
    TIMELINE_DB=postgresql:///dbname                      (Unix socket: $PGHOST, else /var/run/postgresql or /tmp)
    TIMELINE_DB=postgresql://user@/dbname?host=/run/postgresql&sslmode=require

- Any libpq connection parameter (sslmode, sslrootcert, application_name, options, …) may be given
  in the query; it is passed to every connection. `host`, `port`, `user`, `dbname` and `password`
  in the query fill what the URL's own parts leave out.

- The user name and password are percent-decoded (write `@` as %40, `/` as %2F, `:` as %3A).
  Without a password in the URL, $PGPASSWORD is used, then libpq's ~/.pgpass; without a user,
  $PGUSER, then the login name. Other libpq variables (PGSSLMODE, PGSSLROOTCERT…) apply as usual.
- `schema` (default `public`) keeps several timelines in one database; timeline creates the
  schema and its table (`timeline_events`) on the first write. `connect_timeout` defaults to 5 s.
- Before the library opens its connection pool, one plain connection checks the server, so an
  unreachable server, a refused login or a missing database is one sentence within the timeout
  (the pool alone would wait and retry, then say only that it got no connection).
- Concurrent writers: the library takes `LOCK TABLE … IN EXCLUSIVE MODE` in every insert
  transaction, so notification ids are committed in increasing order and a reader that has seen
  id N will never later find a smaller one (gaps from rolled-back inserts are harmless). That
  lock is missing from its optional insert function, so POSTGRES_ENABLE_DB_FUNCTIONS stays off.
"""

from __future__ import annotations

import getpass
import os
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from timeline.errors import DomainError, InputError
from timeline.store.location import redact
from timeline.store.pgguard import check_privileges, guard

DEFAULT_PORT = 5432
CONNECT_TIMEOUT = 5
LOCK_TIMEOUT = 30  # seconds a writer waits for the table lock, as for SQLite
EVENTS_TABLE = "timeline_events"  # eventsourcing names it after the application ("timeline")
SCHEMA_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
PARAMETERS = ("schema", "connect_timeout")
# libpq's connection keywords (PostgreSQL 17 docs, "Parameter Key Words"): passed through as given.
LIBPQ_PARAMETERS = frozenset("""
    hostaddr passfile require_auth channel_binding client_encoding options application_name
    fallback_application_name keepalives keepalives_idle keepalives_interval keepalives_count
    tcp_user_timeout replication gssencmode sslmode requiressl sslnegotiation sslcompression sslcert
    sslkey sslpassword sslcertmode sslrootcert sslcrl sslcrldir sslsni requirepeer
    ssl_min_protocol_version ssl_max_protocol_version krbsrvname gsslib gssdelegation service
    target_session_attrs load_balance_hosts
""".split())
URL_PARTS = ("host", "port", "user", "dbname", "password")
SOCKET_DIRS = ("/var/run/postgresql", "/tmp")  # where libpq builds put the Unix socket


@dataclass(frozen=True)
class PostgresLocation:
    """A parsed postgresql:// URL. Its repr and label never show the password."""

    host: str
    port: int
    dbname: str
    user: str
    password: str | None = field(default=None, repr=False)
    schema: str = "public"
    connect_timeout: int = CONNECT_TIMEOUT
    libpq: tuple[tuple[str, str], ...] = field(default=(), repr=False)  # other libpq parameters (may hold secrets)

    @property
    def server(self) -> str:
        if self.host.startswith("/"):
            return f"{self.host} (Unix socket, port {self.port})"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    def label(self) -> str:
        """How messages name this store: the URL without its password."""
        schema = f"schema={self.schema}" if self.schema != "public" else ""
        if self.host.startswith("/"):
            port = f"&port={self.port}" if self.port != DEFAULT_PORT else ""
            return f"postgresql://{self.user}@/{self.dbname}?host={self.host}{port}{'&' + schema if schema else ''}"
        return f"postgresql://{self.user}@{self.server}/{self.dbname}{'?' + schema if schema else ''}"

    def identity(self) -> str:
        """The log itself: server, database and schema (not who connects, nor how)."""
        if self.host.startswith("/"):
            return f"postgresql:///{self.dbname}?host={self.host}&port={self.port}&schema={self.schema}"
        return f"postgresql://{self.server}/{self.dbname}?schema={self.schema}"

    def connect_kwargs(self) -> dict[str, Any]:
        return {"host": self.host, "port": self.port, "dbname": self.dbname, "user": self.user,
                "password": self.password, **dict(self.libpq)}


def parse_location(url: str) -> PostgresLocation:
    """Parse a postgresql:// URL; InputError (with the password hidden) when it is malformed."""
    shown = redact(url)

    def bad(reason: str) -> InputError:
        return InputError(f"cannot use the PostgreSQL URL {shown}: {reason}")

    try:
        parts = urlsplit(url)
    except ValueError:
        raise bad("it is malformed") from None
    # An unencoded "/", "?" or "#" in a password ends the host part early; refuse rather than
    # connect somewhere odd (and perhaps show part of the password as a host or database name).
    if "@" in url[url.index("//") + 2 + len(parts.netloc):]:
        raise bad("percent-encode special characters in the user name or password (e.g. / as %2F, @ as %40)")
    try:
        port = parts.port
    except ValueError:
        raise bad("the port must be a number from 1 to 65535") from None
    path = parts.path[1:] if parts.path.startswith("/") else parts.path
    if parts.fragment:
        raise bad("remove the #… part")
    options: dict[str, str] = {}
    libpq: dict[str, str] = {}
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key in PARAMETERS or key in URL_PARTS:
            options[key] = value
        elif key in LIBPQ_PARAMETERS:
            libpq[key] = value
        else:
            raise bad(f"unknown parameter '{key}' (timeline understands schema, connect_timeout and libpq's "
                      "connection parameters such as sslmode)")
    dbname = unquote(path) or options.get("dbname", "")
    if not dbname or "/" in path:
        raise bad("it names no database (add /DBNAME after the host)")
    host = parts.hostname or options.get("host") or os.environ.get("PGHOST") or _socket_dir(port or DEFAULT_PORT)
    if options.get("port") and not port:
        if not options["port"].isdigit() or not 1 <= int(options["port"]) <= 65535:
            raise bad("the port must be a number from 1 to 65535")
        port = int(options["port"])
    schema = options.get("schema") or "public"
    if not SCHEMA_NAME.fullmatch(schema):
        raise bad("a schema name is lower-case letters, digits and _ (at most 63), e.g. ?schema=team")
    timeout = options.get("connect_timeout") or str(CONNECT_TIMEOUT)
    if not timeout.isdigit() or not 1 <= int(timeout) <= 600:
        raise bad("connect_timeout is a number of seconds from 1 to 600")
    user = unquote(parts.username) if parts.username else options.get("user") or os.environ.get("PGUSER") or _login_name()
    password = unquote(parts.password) if parts.password else options.get("password") or os.environ.get("PGPASSWORD") or None
    return PostgresLocation(
        host=host, port=port or DEFAULT_PORT, dbname=dbname, user=user, password=password,
        schema=schema, connect_timeout=int(timeout), libpq=tuple(sorted(libpq.items())),
    )


def _socket_dir(port: int) -> str:
    """No host named: the Unix socket, in the first usual folder that has one (as libpq would)."""
    for folder in SOCKET_DIRS:
        if os.path.exists(os.path.join(folder, f".s.PGSQL.{port}")):
            return folder
    return SOCKET_DIRS[0]


def _login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in this environment: libpq would fail the same way
        raise InputError("the PostgreSQL URL names no user and $PGUSER is not set; write postgresql://USER@host/dbname") from None


def connect(where: PostgresLocation) -> Any:
    """A plain autocommit connection (psycopg), or one sentence saying why there is none."""
    import psycopg

    try:
        return psycopg.connect(**where.connect_kwargs(), connect_timeout=where.connect_timeout, autocommit=True)
    except psycopg.Error as error:
        raise connection_error(where, error) from None


def connection_error(where: PostgresLocation, error: Exception) -> DomainError:
    """Turn libpq's words into one sentence that says what to do; never with the password."""
    text = str(error)
    low = text.lower()
    server = f"the PostgreSQL server at {where.server}"
    if "password authentication failed" in low:
        message = f"{server} refused the password for user {where.user}"
    elif "no password supplied" in low:
        message = f"{server} wants a password for user {where.user}; put it in the URL or in PGPASSWORD"
    elif "role" in low and "does not exist" in low:
        message = f"{server} has no user {where.user}"
    elif "database" in low and "does not exist" in low:
        message = f"{server} has no database {where.dbname}; create it first (createdb {where.dbname})"
    elif "timeout expired" in low or "timed out" in low:
        message = f"{server} did not answer within {where.connect_timeout} seconds"
    elif "connection refused" in low:
        message = f"cannot connect to {server}: connection refused (is the server running?)"
    elif "resolve host" in low or "translate host name" in low:
        message = f"cannot find the PostgreSQL host {where.host}"
    elif "pg_hba.conf" in low:
        message = f"{server} does not let user {where.user} connect to database {where.dbname} from here (pg_hba.conf)"
    else:
        message = f"cannot connect to {server}: {_first_line(text)}"
    return DomainError(_masked(message, where))


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else "unknown error"
    line = line.rsplit("failed: ", 1)[-1] if line.startswith("connection") else line
    return re.sub(r"^(FATAL|ERROR):\s+", "", line).rstrip(".")


def _masked(text: str, where: PostgresLocation) -> str:
    text = redact(text)
    if where.password:
        text = text.replace(where.password, "***")
    return text


def open_postgres(location: str, *, create: bool) -> Any:
    """Open the shared store as a TimelineApp; with `create`, make its schema and table if needed."""
    where = parse_location(location)
    conn = connect(where)
    try:
        if _has_events_table(conn, where):
            check_privileges(conn, where, write=create)
            return _application(where, create_table=False)
        if not create:
            raise DomainError(
                f"there is no timeline database at {where.label()}; run 'timeline seed' or 'timeline add' to start one"
            )
        # The first writers of a new store may start together: let one create the tables (the
        # library's CREATE … IF NOT EXISTS statements are not safe to run concurrently).
        key = f"timeline:{where.schema}"
        conn.execute("SELECT pg_advisory_lock(hashtext(%s))", (key,))
        try:
            if not _has_events_table(conn, where):
                _create_schema(conn, where)
                return _application(where, create_table=True)
            return _application(where, create_table=False)
        finally:
            conn.execute("SELECT pg_advisory_unlock(hashtext(%s))", (key,))
    except Exception as error:
        import psycopg

        if isinstance(error, psycopg.Error):
            raise DomainError(_masked(f"cannot open the timeline store at {where.label()}: {_first_line(str(error))}", where)) from None
        raise
    finally:
        conn.close()


def _has_events_table(conn: Any, where: PostgresLocation) -> bool:
    row = conn.execute("SELECT to_regclass(%s) IS NOT NULL", (f'"{where.schema}"."{EVENTS_TABLE}"',)).fetchone()
    return bool(row[0])


def _create_schema(conn: Any, where: PostgresLocation) -> None:
    from psycopg import sql

    exists = conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (where.schema,)).fetchone()
    if not exists:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(where.schema)))


def _application(where: PostgresLocation, *, create_table: bool) -> Any:
    from timeline.store.application import TimelineApp

    env = {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": where.dbname,
        "POSTGRES_HOST": where.host,
        "POSTGRES_PORT": str(where.port),
        "POSTGRES_USER": where.user,
        "POSTGRES_PASSWORD": where.password or "",  # empty: libpq still tries ~/.pgpass
        "POSTGRES_SCHEMA": where.schema,
        "POSTGRES_CONNECT_TIMEOUT": str(where.connect_timeout),
        "POSTGRES_LOCK_TIMEOUT": str(LOCK_TIMEOUT),
        "POSTGRES_POOL_SIZE": "1",  # one command, one thread: one connection (and one spare)
        "POSTGRES_MAX_OVERFLOW": "1",
        "POSTGRES_ENABLE_DB_FUNCTIONS": "no",  # see the module docstring: the table lock matters
        "CREATE_TABLE": "yes" if create_table else "no",
        "IS_SNAPSHOTTING_ENABLED": "no",
    }
    try:
        app = TimelineApp(env=env)
    except Exception as error:  # the library wraps psycopg errors in its own classes
        raise DomainError(
            _masked(f"cannot open the timeline store at {where.label()}: {_first_line(str(error))}", where)
        ) from None
    datastore = app.recorder.datastore
    # The library knows only host, port, user and password: the URL's other libpq parameters (sslmode…)
    # and the connect timeout go straight into the pool's connection arguments (it opens lazily).
    datastore.pool.kwargs.update(dict(where.libpq), connect_timeout=where.connect_timeout)
    guard(datastore, where)
    return app
