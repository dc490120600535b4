"""The `html` export: one self-contained page with a swim lane per actor on a shared date axis.

Nothing is fetched when the page is viewed: CSS, script and icons are inline (they are kept as
real files in `assets/`, package data, and put into the template `assets/page.html`). The data travels as
JSON in a `<script type="application/json">` block with `<`, `>` and `&` escaped, and the script
puts every value from it into the page with `textContent`, so no name, summary or quote can
become markup. Links are kept only when they are http(s) or mailto addresses.
"""

from __future__ import annotations

import functools
import json
from html import escape
from importlib import resources
from typing import Any

from timeline.exporting.snapshot import Snapshot, human_date, open_ended, safe_url


def page_data(snap: Snapshot) -> dict[str, Any]:
    """What the page's script draws: actors (lanes), records with their periods, changes."""
    changed = {c["record_id"]: c for c in snap.changes}
    records = []
    # An open end is drawn to the edge of what the export holds (the mark says the date is a range).
    known = [d for r in snap.records for d in (r["period"]["start"], r["period"]["end"]) if d]
    lowest, highest = (min(known), max(known)) if known else ("", "")
    for r in snap.records:
        change = changed.get(r["id"])
        records.append({
            "id": r["id"], "actor": r["actor"], "topic": r["topic"], "kind": r["kind"], "stance": r["stance"],
            "date": r["date"], "precision": r["precision"], "label": human_date(r["date"]),
            "start": r["period"]["start"] or lowest, "end": r["period"]["end"] or highest,
            "open_start": r["period"]["start"] is None, "open_end": r["period"]["end"] is None,
            "summary": r["summary"], "quote": r["quote"], "source": r["source"], "url": safe_url(r["source_url"]),
            "responds_to": r.get("responds_to"), "target": r.get("target"),
            "change": None if change is None else {
                "from": change["from"], "to": change["to"], "grade": change["grade"],
                "previous": change["from_record_id"], "topic": change["topic"], "certain": change.get("certain"),
                **({"flipped": True} if change.get("flipped") else {}),
                **({"no_day": True} if open_ended(change["date"]) else {}),
            },
        })
    return {
        "title": snap.heading,
        "scope": snap.scope(),
        "actors": [{"name": a["name"], "kind": a["kind"], "aliases": a["aliases"]} for a in snap.actors],
        "topics": [{"slug": t["slug"], "title": t["title"], "parent": t["parent"]} for t in snap.topics],
        "records": records,
        "changes": [{**{k: c.get(k) for k in ("actor", "topic", "date", "from", "to", "grade", "record_id", "certain")},
                     **({"flipped": True} if c.get("flipped") else {}),
                     # an open end (2024-07/..): the step is in force on no day, as `changes` says
                     **({"no_day": True} if open_ended(c["date"]) else {})} for c in snap.changes],
    }


def script_json(data: Any) -> str:
    """JSON that cannot end its <script> block or open a comment inside it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@functools.cache
def asset(name: str) -> str:
    """A file of the page (`page.html`, `page.css`, `page.js`), shipped as package data."""
    return (resources.files("timeline.exporting") / "assets" / name).read_text(encoding="utf-8")


def to_html(snap: Snapshot) -> str:
    """The whole page as one string: the template with its CSS, data and script put in place."""
    title = escape(snap.heading)
    return asset("page.html").format(
        title=title,
        scope=escape(snap.scope()),
        css=asset("page.css"),
        data=script_json(page_data(snap)),
        script=asset("page.js"),
    )



__all__ = ["page_data", "script_json", "to_html"]
