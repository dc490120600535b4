"""`timeline serve`: Datasette over the read model, with our pages (timeline.serve)."""

from typing import Annotated

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
    if host not in LOCAL:
        say(f"Warning: serving on {host}: anyone who can reach this address can read the whole timeline; "
            "the server has no authentication.")
    say(f"Serving {store.view_path} (read-only) at http://{'[' + host + ']' if ':' in host else host}:{port}/ "
        f"{'without' if no_sql else 'with'} arbitrary SQL; press Ctrl+C to stop.")
    run(ds, host=host, port=port)
