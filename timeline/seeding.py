"""Loading seed folders: `topics.jsonl` (the topic tree) first, then every other `*.jsonl` of records.

The project's seeds (the top-level `seeds/` folder) ship inside the installed package as
`timeline.seeds`; an editable install of a checkout reads the folder itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from timeline.errors import InputError
from timeline.importing import import_lines, read_rows, validate
from timeline.tracker import Tracker

TOPICS_FILE = "topics.jsonl"


def default_seeds() -> Path:
    """The seed story's folder: the installed package data, else the checkout's `seeds/`."""
    from importlib.util import find_spec

    spec = find_spec("timeline.seeds")  # a namespace package: data files only
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return Path(__file__).resolve().parent.parent / "seeds"  # an editable install maps nothing onto seeds/


def load_seeds(tracker: Tracker, directory: Path) -> dict[str, Any]:
    """Idempotently load a seed folder; returns the import summary plus topics created."""
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError(f"there is no seed folder at {directory}; pass one: timeline seed PATH")
    files = sorted(p for p in directory.glob("*.jsonl") if p.name != TOPICS_FILE)
    if not files:
        raise InputError(f"the seed folder {directory} holds no .jsonl files")
    from timeline import queries

    lines = [line for path in files for line in validate(read_rows(path.read_bytes(), str(path)))]
    topics_created: list[str] = []
    topics_path = directory / TOPICS_FILE
    conn = tracker.writer()
    if topics_path.exists():
        for number, row in read_rows(topics_path.read_bytes(), str(topics_path)):
            if not isinstance(row, dict) or "slug" not in row:
                raise InputError(f"{topics_path} line {number}: expected {{\"slug\", \"title\", \"parent\"}}")
            if queries.topic_exists(conn, row["slug"]):  # retitled or moved since: left as the user made it
                continue
            result = tracker.add_topic(row["slug"], title=row.get("title"), parent=row.get("parent"))
            if "created" in result["changes"]:
                topics_created.append(result["slug"])
    # Seeded again: records already stored stay as they are now, corrected or retracted since (the
    # seeds are a fixed story, not corrections of the user's store).
    stored = queries.records_by_id(conn, [line.record_id for line in lines if getattr(line, "record_id", None)])
    fresh = [line for line in lines if getattr(line, "record_id", None) not in stored]
    summary = import_lines(tracker, fresh).as_dict()
    summary["unchanged"] += len(lines) - len(fresh)
    summary["topics_created"] = topics_created + summary["topics_created"]
    summary["directory"] = str(directory)
    return summary


__all__ = ["default_seeds", "load_seeds"]
