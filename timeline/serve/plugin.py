"""Our Datasette plugin: the routes of our pages, and catching up before every request.

Registered by `timeline.serve.app.build` with Datasette's plugin manager (no entry point: the
plugin is part of `timeline serve`, not of every Datasette the user may run).
"""

from __future__ import annotations

from typing import Any

from datasette import hookimpl


@hookimpl
def register_routes(datasette: Any) -> list[tuple[str, Any]]:
    if getattr(datasette, "timeline_site", None) is None:
        return []  # another Datasette in this process, not ours
    from timeline.serve.pages import ROUTES

    return ROUTES


@hookimpl
def asgi_wrapper(datasette: Any) -> Any:
    """Catch the read model up (throttled) before any page, ours or Datasette's, is answered."""

    def wrap(app: Any) -> Any:
        site = getattr(datasette, "timeline_site", None)
        if site is None:
            return app

        async def caught_up(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope["type"] == "http" and not scope["path"].startswith(("/-/static", "/timeline-static")):
                message = site.catch_up()
                if message:
                    body = f"The timeline store cannot be read right now: {message}\n".encode()
                    await send({"type": "http.response.start", "status": 503,
                                "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
                    await send({"type": "http.response.body", "body": body})
                    return
            await app(scope, receive, send)

        return caught_up

    return wrap
