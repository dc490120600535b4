"""`timeline serve`: the newsroom's window onto the timeline, in a browser, built on Datasette.

- `app`: the Datasette instance over the read model file (read-only), our settings and facets;
- `plugin`: the Datasette hooks: our routes, and catching up before every request;
- `pages`: the page handlers (HTML through `templates/`, and each page's `.json` twin);
- `questions`: request parameters → the same calls into `timeline.queries` as the CLI's commands;
- `freshness`: throttled catch-up (at most once a second) and the read-only connection.

Templates and CSS are package data (`templates/`, `static/`). Datasette is imported only here,
only when the server starts.
"""
