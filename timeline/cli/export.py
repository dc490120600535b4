"""`timeline export`: a selection of records in one of the export formats, to stdout or a file."""

from typing import Annotated

import typer

from timeline.cli.common import KnownAtOption, TopicOption, command, known_at_moment, say, tracker, window


@command
def export(
    actors: Annotated[list[str] | None, typer.Argument(metavar="[ACTOR]...", help="Actors to export (names or aliases); all when none is named.")] = None,
    fmt: Annotated[str | None, typer.Option("--format", "-f", metavar="FORMAT", help="json, jsonl, csv, md, timelinejs, ics, html or claimreview (default: from the -o file's suffix).")] = None,
    output: Annotated[str | None, typer.Option("--output", "-o", metavar="FILE", help="Write to this file (atomically) instead of standard output.")] = None,
    topic: TopicOption = None,
    first: Annotated[str | None, typer.Option("--from", help="Only records whose date reaches this date or later.")] = None,
    last: Annotated[str | None, typer.Option("--to", help="Only records whose date begins by this date.")] = None,
    known_at: KnownAtOption = None,
    group_by: Annotated[str, typer.Option("--group-by", help="timelinejs: group events by actor or topic.")] = "actor",
    title: Annotated[str | None, typer.Option("--title", help="Title of the md, html, timelinejs and ics exports, and the author of claimreview's reviews (default: timeline).")] = None,
) -> None:
    """Export records as json, jsonl, csv, md (article aid), timelinejs, ics, html (swim lanes) or
    claimreview (schema.org ClaimReview JSON-LD, one per change of position).

    Corrected records appear as they stand now (or at --known-at). Retracted records are left out of
    md, timelinejs, ics, html and claimreview; json, jsonl and csv carry them marked
    `status: "retracted"` (with `retracted_reason`), so that an import retracts them again.
    jsonl is the import format: `export --format jsonl | import -` re-creates the answers.

    Example: timeline export "Keir Starmer" "Edi Rama" --topic offshoring --format html -o hubs.html
    """
    from timeline.errors import InputError
    from timeline.exporting import check_format
    from timeline.exporting.files import check_target, write_atomically
    from timeline.exporting import export as render

    kind = check_format(fmt, output if output != "-" else None)
    if group_by not in ("actor", "topic"):
        raise InputError(f"unknown --group-by {group_by!r}; choose actor or topic")
    if group_by != "actor" and kind != "timelinejs":
        raise InputError("--group-by applies to the timelinejs format only")
    target = check_target(output) if output and output != "-" else None
    start, end = window(first, last, json_out=True)
    moment = known_at_moment(known_at)
    notes: list[str] = []
    text = render(tracker().reader(), kind, actors=actors or [], topic=topic, first=start, last=end,
                  known_at=moment, group_by=group_by, title=title, notes=notes)
    for note in notes:
        say(f"Note: {note}")
    if target is None:
        import sys

        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomically(target, text)
        say(f"Wrote {kind} to {target}.")
