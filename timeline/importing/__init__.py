"""Bulk import of JSON Lines or CSV: validate everything, then append in batches.

1. `rows`: read the file as (line number, row) pairs, JSON Lines or CSV, in constant memory.
2. `validate`: check every line; any error → all errors listed with line numbers, nothing written.
   Valid lines are spooled to disk in batches of plain tuples (bounded memory).
3. `plan`: against the caught-up read model, decide which actors and topics are new, which lines
   are unchanged (same id, same content) and which conflict; save in batches, one transaction
   each. A batch that loses a race with a concurrent importer is re-planned, so importing stays
   idempotent under concurrency. `owners` says whose record a line is (by name, by an office's
   holder at the line's date, or by alias); `identities` and `terms` handle actor, topic, office and
   term lines; `summary` counts what was done.
"""

from timeline.importing.plan import BATCH, Summary, import_lines
from timeline.importing.rows import iter_rows, read_rows
from timeline.importing.validate import Line, spool, validate

__all__ = ["BATCH", "Line", "Summary", "import_lines", "iter_rows", "read_rows", "spool", "validate"]
