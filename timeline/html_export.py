"""The `html` export: one self-contained page with a swim lane per actor on a shared date axis.

Nothing is fetched when the page is viewed: CSS, script and icons are inline. The data travels as
JSON in a `<script type="application/json">` block with `<`, `>` and `&` escaped, and the script
puts every value from it into the page with `textContent`, so no name, summary or quote can
become markup. Links are kept only when they are http(s) or mailto addresses.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from events.dates import PartialDate
from timeline.exporting import Snapshot, human_date, safe_url
from timeline.html_assets import CSS, SCRIPT


def page_data(snap: Snapshot) -> dict[str, Any]:
    """What the page's script draws: actors (lanes), records with their periods, changes."""
    changed = {c["record_id"]: c for c in snap.changes}
    records = []
    for r in snap.records:
        period = PartialDate.parse(r["date"])
        change = changed.get(r["id"])
        records.append({
            "id": r["id"], "actor": r["actor"], "topic": r["topic"], "kind": r["kind"], "stance": r["stance"],
            "date": r["date"], "precision": r["precision"], "label": human_date(r["date"]),
            "start": period.start.isoformat(), "end": period.end.isoformat(),
            "summary": r["summary"], "quote": r["quote"], "source": r["source"], "url": safe_url(r["source_url"]),
            "change": None if change is None else {
                "from": change["from"], "to": change["to"], "grade": change["grade"],
                "previous": change["previous_record_id"], "topic": change["topic"],
            },
        })
    return {
        "title": snap.heading,
        "scope": snap.scope(),
        "actors": [{"name": a["name"], "kind": a["kind"], "aliases": a["aliases"]} for a in snap.actors],
        "topics": [{"slug": t["slug"], "title": t["title"], "parent": t["parent"]} for t in snap.topics],
        "records": records,
        "changes": [{k: c[k] for k in ("actor", "topic", "date", "from", "to", "grade", "record_id")} for c in snap.changes],
    }


def script_json(data: Any) -> str:
    """JSON that cannot end its <script> block or open a comment inside it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def to_html(snap: Snapshot) -> str:
    """The whole page as one string."""
    title = escape(snap.heading)
    return PAGE.format(
        title=title,
        scope=escape(snap.scope()),
        css=CSS,
        data=script_json(page_data(snap)),
        script=SCRIPT,
    )


PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="timeline export --format html">
<title>{title}</title>
<link rel="icon" href="data:,">
<style>{css}</style>
</head>
<body>
<header class="page-head">
  <h1>{title}</h1>
  <p class="scope">{scope}</p>
</header>
<div class="toolbar">
  <div class="legend" id="legend" aria-label="Legend"></div>
  <div class="controls">
    <label class="topic-filter">Topic <select id="topic-filter"></select></label>
    <span class="zoom" role="group" aria-label="Zoom">
      <button type="button" id="zoom-out" title="Zoom out">&minus;</button>
      <button type="button" id="zoom-in" title="Zoom in">+</button>
      <button type="button" id="zoom-fit" title="Show every record">Fit</button>
    </span>
  </div>
</div>
<main class="chart" id="chart">
  <svg id="axis" class="axis" role="presentation"></svg>
  <svg id="lanes" class="lanes" role="img" aria-label="Records by actor on a shared date axis"></svg>
  <p class="empty" id="empty" hidden>No records in this export.</p>
</main>
<p class="hint">Hover or click a mark for details &middot; pinch or Ctrl+scroll to zoom &middot; drag or Shift+scroll to pan &middot; double-click to zoom in.</p>
<section class="changes" id="changes" aria-labelledby="changes-title">
  <h2 id="changes-title">Changes of position</h2>
  <ol id="changes-list"></ol>
</section>
<div id="card" class="card" role="dialog" aria-live="polite" hidden></div>
<noscript><p class="empty">This timeline is drawn by JavaScript; its records are in the JSON block of this file.</p></noscript>
<script type="application/json" id="timeline-data">{data}</script>
<script>{script}</script>
</body>
</html>
"""

__all__ = ["page_data", "script_json", "to_html"]
