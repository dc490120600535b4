"""`python -m timeline.cli`: the same as the `timeline` command."""

from timeline.cli import app

app()
