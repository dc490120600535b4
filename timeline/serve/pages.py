"""The page handlers: parameters in, a Datasette-templated page or its `.json` twin out.

Every page goes through `respond`: the question (from `questions`) runs on the read-only
connection; a TimelineError becomes a 4xx page (or JSON `{"error": …}`) with the CLI's sentence;
anything else a 500 with one sentence, never a traceback. Templates autoescape, so names and
summaries stay text; addresses are built here with every part quoted.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Callable
from typing import Any
from urllib.parse import quote, unquote, urlencode

from timeline.errors import InputError, TimelineError
from timeline.exporting.snapshot import human_date, safe_url
from timeline.serve import questions


class Links:
    """Addresses of our pages, every part quoted (names may hold '/', '?', '<'…)."""

    safe_url = staticmethod(safe_url)
    human_date = staticmethod(human_date)

    @staticmethod
    def actor(name: str, **params: str) -> str:
        return f"/actor/{quote(name, safe='')}" + _query(params)

    @staticmethod
    def record(record_id: str) -> str:
        return f"/record/{quote(record_id, safe='')}"

    @staticmethod
    def page(path: str, **params: Any) -> str:
        return path + _query(params)


def _stamped(params: dict[str, Any], answer: dict[str, Any]) -> dict[str, Any]:
    """A page's question with its answer's known_at: the twin's address then gives this answer."""
    return {**{k: v for k, v in params.items() if k not in ("known_at", "known-at")}, "known_at": answer["known_at"]}


def _query(params: dict[str, Any]) -> str:
    kept = {k: v for k, v in params.items() if v}
    return "?" + urlencode(kept) if kept else ""


def cli_line(*words: str | None, **options: str | None) -> str:
    """The equivalent command, for people who will want to script it: `timeline position … --json`."""
    parts = ["timeline", *(shlex.quote(w) for w in words if w)]
    for name, value in options.items():
        if value:
            parts += [f"--{name.replace('_', '-')}", shlex.quote(value)]
    return " ".join(parts)


def json_body(data: Any) -> str:
    """Exactly what the CLI's `emit` prints for `--json`."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def status_of(error: TimelineError) -> int:
    return 400 if isinstance(error, InputError) else 404


async def respond(request: Any, datasette: Any, *, template: str, title: str, as_json: bool,
                  work: Callable[[Any, list[str]], tuple[Any, dict[str, Any]]],
                  form: Callable[[Any], dict[str, Any]] | None = None) -> Any:
    """Answer with `work(conn, notes)` → (data, context) as a page or its JSON twin; `form(conn)`
    gives what the page's form needs (choices), shown with errors too."""
    from datasette.utils.asgi import Response

    site = datasette.timeline_site
    params = _args(request)
    notes: list[str] = []
    status, context = 200, {}
    try:
        if form is not None and not as_json:
            context = form(site.conn)
        data, found = work(site.conn, notes)
        context.update(found)
    except TimelineError as error:
        status, message = status_of(error), str(error)
    except Exception as error:  # the last line of defence: one sentence, never a traceback
        status, message = 500, f"unexpected {type(error).__name__}: {error}"
    if status != 200:
        if as_json:
            return Response(json_body({"error": message}), status=status, content_type="application/json; charset=utf-8")
        data, context = None, {**context, "error": message}
    if as_json:
        return Response(json_body(data), content_type="application/json; charset=utf-8")
    page = await datasette.render_template(
        template, {"title": title, "data": data, "params": params, "notes": notes, "link": Links,
                   "sql": site.sql, **context}, request=request)
    return Response.html(page, status=status)


def _args(request: Any) -> dict[str, str]:
    return {key: request.args.get(key) for key in request.args.keys()}


# -- the pages -------------------------------------------------------------------------------------


def _choices(conn: Any) -> dict[str, Any]:
    """The forms' choices: actor names, topics, and whether stances can be asked yet."""
    return {"actors": [a["name"] for a in questions.queries.list_actors(conn)],
            "topics": questions.queries.list_topics(conn)}


async def home(request: Any, datasette: Any) -> Any:
    def work(conn: Any, notes: list[str]) -> tuple[Any, dict[str, Any]]:
        data = questions.home(conn)
        return data, {"tree": questions.topic_tree(data["topics"])}

    return await respond(request, datasette, template="timeline_home.html", title="timeline",
                         as_json=bool(request.url_vars.get("fmt")), work=work)


async def position(request: Any, datasette: Any) -> Any:
    args, as_json = _args(request), bool(request.url_vars.get("fmt"))

    def work(conn: Any, notes: list[str]) -> tuple[Any, dict[str, Any]]:
        if not as_json and not questions.param(args, "actor"):
            return None, {}  # the empty form
        answer = questions.position(conn, args, notes)
        rows = answer["positions"] if "positions" in answer else [answer]
        return answer, {"rows": rows, "json_link": Links.page("/position.json", **_stamped(args, answer)),
                        # as the user named them (an office stays an office: `via`), at the answer's
                        # known_at, so that the command prints this page's JSON byte for byte
                        "command": cli_line("position", questions.param(args, "actor") or answer["actor"],
                                            topic=answer.get("topic"), on=answer["on"], known_at=answer.get("known_at"))}

    return await respond(request, datasette, template="timeline_position.html", title="Position", as_json=as_json,
                         work=work, form=_choices)


async def stances(request: Any, datasette: Any) -> Any:
    args, as_json = _args(request), bool(request.url_vars.get("fmt"))

    def work(conn: Any, notes: list[str]) -> tuple[Any, dict[str, Any]]:
        if not as_json and not questions.param(args, "topic"):
            return None, {}
        answer = questions.stances(conn, args, notes)
        return answer, {"json_link": Links.page("/stances.json", **_stamped(args, answer)),
                        "command": cli_line("stances", topic=answer["topic"], on=answer["on"],
                                            known_at=answer.get("known_at") or args.get("known_at"))}

    return await respond(request, datasette, template="timeline_stances.html", title="Who stood where", as_json=as_json,
                         work=work, form=_choices)


async def actor(request: Any, datasette: Any) -> Any:
    args, as_json = _args(request), bool(request.url_vars.get("fmt"))
    name = unquote(request.url_vars["name"])

    def work(conn: Any, notes: list[str]) -> tuple[Any, dict[str, Any]]:
        answer = questions.show(conn, name, args, notes)
        if as_json:
            return answer, {}
        records = answer["records"]
        who = questions.queries.resolve_actor(conn, name)
        found = questions.changes(conn, name, args)
        return records, {"who": who, "changes": found, "frame": Links.page(Links.actor(name) + "/timeline.html", **args),
                         "json_link": Links.page(Links.actor(name) + ".json", **_stamped(args, answer)),
                         "command": cli_line("show", name, topic=args.get("topic"), **{
                             "from": questions.param(args, "from"), "to": questions.param(args, "to")},
                             known_at=answer["known_at"])}

    return await respond(request, datasette, template="timeline_actor.html", title=name, as_json=as_json,
                         work=work, form=_choices)


async def actor_timeline(request: Any, datasette: Any) -> Any:
    """The html export's page itself (shown in a frame on the actor's page)."""
    from datasette.utils.asgi import Response

    try:
        page = questions.timeline_page(datasette.timeline_site.conn, unquote(request.url_vars["name"]), _args(request))
    except TimelineError as error:
        return Response.text(str(error), status=status_of(error))
    return Response.html(page)


async def record(request: Any, datasette: Any) -> Any:
    record_id = unquote(request.url_vars["id"])
    as_json = bool(request.url_vars.get("fmt"))

    def work(conn: Any, notes: list[str]) -> tuple[Any, dict[str, Any]]:
        versions = questions.history(conn, record_id)
        return versions, {"current": versions[-1]["record"], "thread": questions.thread(conn, record_id),
                          "json_link": Links.record(record_id) + ".json", "command": cli_line("history", record_id)}

    return await respond(request, datasette, template="timeline_record.html", title=record_id, as_json=as_json, work=work)


async def search(request: Any, datasette: Any) -> Any:
    args, as_json = _args(request), bool(request.url_vars.get("fmt"))

    def work(conn: Any, notes: list[str]) -> tuple[Any, dict[str, Any]]:
        if not as_json and not questions.param(args, "q"):
            return None, {}
        answer = questions.search(conn, args)
        window = answer.pop("window")
        if window is not None:
            notes.append(f"More than {window:,} records match: the best are from the {window:,} most "
                         "recently recorded. Add words to narrow it (or use timeline search with --actor, "
                         "--topic, --kind or --rank-all).")
        return answer, {"json_link": Links.page("/search.json", **args),
                        "command": cli_line("search", answer["query"], actor=args.get("actor"), topic=args.get("topic"),
                                            kind=args.get("kind"))}

    return await respond(request, datasette, template="timeline_search.html", title="Search", as_json=as_json, work=work)


ROUTES = [
    (r"^/(?P<fmt>\.json)?$", home),
    (r"^/position(?P<fmt>\.json)?$", position),
    (r"^/stances(?P<fmt>\.json)?$", stances),
    (r"^/search(?P<fmt>\.json)?$", search),
    (r"^/actor/(?P<name>[^/]+?)/timeline\.html$", actor_timeline),
    (r"^/actor/(?P<name>[^/]+?)(?P<fmt>\.json)?$", actor),
    (r"^/record/(?P<id>[^/]+?)(?P<fmt>\.json)?$", record),
]
