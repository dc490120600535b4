"""The read model: a disposable SQLite file (sqlite-utils) projected from the event log.

- `schema`: the tables, their columns and indexes;
- `place`: where the file lives (beside the store, or in the user's data directory);
- `view`: the file, its tracking position, catch-up and rebuild (exactly once, see there);
- `projector`: applying domain events to the tables, dispatched on the event classes;
- `browse`: a SQL view of records with actor names, for browsing in `timeline serve`.

Only this package and `timeline.queries` know the read model's tables.
"""
