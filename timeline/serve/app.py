"""Building and running the server: Datasette over the read model file, with our plugin.

Datasette opens the file read-only (`mode=ro`; it is mutable, not `immutable`, because catch-up
adds to it while serving), under the database name `timeline`. Its own table browsing, facets and
CSV/JSON stay; `sql=False` turns off arbitrary SQL for everyone.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from timeline.errors import TimelineError

DATABASE = "timeline"
FACETS = ["actor", "topic", "kind", "stance"]


class Site:
    """What our pages share: the tracker (for catch-up), a read-only connection, the SQL switch."""

    def __init__(self, tracker: Any, *, sql: bool = True) -> None:
        from timeline.serve.freshness import Freshness, read_only

        self.tracker = tracker
        self.freshness = Freshness(tracker)
        self.freshness.ensure()  # caught up before the first page (and the browse view exists)
        self.conn = read_only(tracker.view_path)
        self.sql = sql

    def catch_up(self) -> str | None:
        """Catch up (throttled); the error's sentence if the store cannot be read, else None."""
        try:
            self.freshness.ensure()
        except TimelineError as error:
            return str(error)
        except Exception as error:  # a store gone away must not become a traceback page
            return f"{type(error).__name__}: {error}"
        return None


def metadata(*, sql: bool) -> dict[str, Any]:
    from timeline.readmodel.browse import BROWSE_VIEW

    meta: dict[str, Any] = {
        "title": "timeline",
        "description": "Records of what political actors said and decided; the read model of a timeline store.",
        "databases": {DATABASE: {"tables": {
            BROWSE_VIEW: {"facets": FACETS, "sort_desc": "date",
                          "description": "Every record with its actor's name (retracted ones have status retracted)."},
            "tracking": {"hidden": True}, "meta": {"hidden": True},
        }}},
    }
    if not sql:
        meta["allow_sql"] = False
    return meta


def build(tracker: Any, *, sql: bool = True) -> Any:
    """A Datasette instance over `tracker`'s read model (caught up now), with our plugin."""
    from datasette.app import Datasette
    from datasette.database import Database
    from datasette.plugins import pm

    from timeline.serve import plugin

    if not pm.is_registered(plugin):
        pm.register(plugin, name="timeline-serve")
    site = Site(tracker, sql=sql)
    package = resources.files("timeline.serve")
    ds = Datasette(
        metadata=metadata(sql=sql),
        template_dir=str(package / "templates"),
        static_mounts=[("timeline-static", str(package / "static"))],
        settings={"default_allow_sql": sql, "facet_time_limit_ms": 1000, "sql_time_limit_ms": 3000},
    )
    if "_memory" in ds.databases:
        ds.remove_database("_memory")  # Datasette adds it when given no files; we add ours by name
    ds.timeline_site = site
    ds.add_database(Database(ds, path=str(Path(tracker.view_path)), is_mutable=True), name=DATABASE)
    return ds


def run(ds: Any, sock: Any) -> None:
    """Serve on a bound socket until interrupted."""
    import uvicorn

    host, port = sock.getsockname()[:2]
    server = uvicorn.Server(uvicorn.Config(ds.app(), host=host, port=port, log_level="warning", lifespan="on"))
    server.run(sockets=[sock])
