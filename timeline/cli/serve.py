"""`timeline serve`: Datasette over the read model, with our pages (timeline.serve)."""

from typing import Annotated, Any

import typer

from timeline.cli.common import command, say, tracker

LOCAL = ("127.0.0.1", "localhost", "::1")


@command
def serve(
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8001,
    host: Annotated[str, typer.Option("--host", help="Address to bind; anything but 127.0.0.1 lets others on the network in.")] = "127.0.0.1",
    no_sql: Annotated[bool, typer.Option("--no-sql", help="Turn off arbitrary SQL queries (table browsing stays).")] = False,
) -> None:
    """Open the timeline in a browser: search, positions on a day, who stood where, actors'
    timelines, records and their history, plus Datasette's table browsing. Read-only: the server
    never writes an event; it catches up with the store (at most once a second) so that new
    records show on the next page load.

    Example: timeline serve --port 8001   (then open http://127.0.0.1:8001/)
    """
    from timeline.errors import InputError
    from timeline.serve.app import build, run

    if not 0 < port < 65536:
        raise InputError(f"--port {port} is not a port number (1 to 65535)")
    store = tracker()
    ds = build(store, sql=not no_sql)
    sock = _listening(host, port)  # before saying "Serving": a port in use is one sentence, not uvicorn's log
    if host not in LOCAL:
        say(f"Warning: serving on {host}: anyone who can reach this address can read the whole timeline; "
            "the server has no authentication.")
    say(f"Serving {store.view_path} (read-only) at http://{'[' + host + ']' if ':' in host else host}:{port}/ "
        f"{'without' if no_sql else 'with'} arbitrary SQL; press Ctrl+C to stop.")
    run(ds, sock)


def _listening(host: str, port: int) -> Any:
    """A socket bound to (host, port), or one sentence saying why it cannot be."""
    import errno
    import socket

    from timeline.errors import DomainError

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does: a just-closed port is free
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        if error.errno == errno.EADDRINUSE:
            raise DomainError(f"port {port} on {host} is already in use (another server?); choose another with --port") from None
        if error.errno == errno.EACCES:
            raise DomainError(f"not allowed to listen on port {port} (ports below 1024 need privileges); choose another with --port") from None
        raise DomainError(f"cannot listen on {host} port {port}: {error.strerror or error}") from None
    return sock
