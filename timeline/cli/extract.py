"""`timeline extract`: candidate records from a news article, for review.

Only typer and the shared CLI helpers are imported here: the extractor (and dateparser) load when the
command runs, so other commands start as fast as before.
"""

import sys
from typing import Annotated

import typer

from timeline.cli.common import command, say, tracker


@command
def extract(
    article: Annotated[str, typer.Argument(metavar="ARTICLE|-", help="The article as UTF-8 plain text; '-' reads standard input.")],
    published: Annotated[str, typer.Option("--published", help="The article's publication day (2025-05-16 or '16 May 2025'): 'yesterday' in the article counts from it.")],
    source: Annotated[str | None, typer.Option("--source", help="Source citation for every candidate (default: the file name and publication day).")] = None,
    url: Annotated[str | None, typer.Option("--url", help="Link to the article, kept as source_url.")] = None,
    fmt: Annotated[str | None, typer.Option("--format", help="jsonl (the import format) or table; default: table on a terminal, jsonl otherwise.")] = None,
) -> None:
    """Propose records from a news article for review: who did what, when, in whose words.

    Prints candidates in the import format (JSON Lines), each with extra.evidence (its sentence)
    and extra.confidence (0 to 1). A date the article does not support is null, with
    extra.date_note saying why: import refuses such a line until you fill it in. Actors, aliases
    and topics come from the store when there is one (--db); without one, from the article alone.
    Edit the file, then import it, or walk through it with import --review.

    Example: timeline extract article.txt --published 2025-05-16 --source "Daily Mail, 16 May 2025" > candidates.jsonl
    """
    from timeline.errors import InputError
    from timeline.extract import article as work

    chosen = (fmt or ("table" if sys.stdout.isatty() else "jsonl")).strip().lower()
    if chosen not in work.FORMATS:
        raise InputError(f"unknown --format {fmt!r}; choose jsonl or table")
    data = sys.stdin.buffer.read() if article == "-" else work.read_file(article)
    text = work.read_article(data, article)
    day = work.publication_day(published)
    gazetteer, notice = work.gazetteer_of(tracker())
    say(notice)
    candidates = work.run(text, article, published=day, gazetteer=gazetteer, source=source, url=url)
    sys.stdout.write(work.as_table(candidates) if chosen == "table" else work.as_jsonl(candidates))
    say(work.summary_notice(candidates))
