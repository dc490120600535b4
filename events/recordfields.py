"""What a record's fields must be, and its aggregate id: plain functions, no eventsourcing.

`events.records` (the Record aggregate) uses them and re-exports them; the lean `add`
(`timeline.store.leanadd`) and the import's validation use them without defining the aggregates'
event classes, which costs most of an `add`'s start-up (docs/performance.md, "Lean add").
"""

from __future__ import annotations

import re
from typing import Any
from uuid import NAMESPACE_URL, UUID

from events.dates import PartialDate
from events.text import check_name, check_slug, check_text
from events.vocabulary import Kind, Stance, choose

try:  # the SHA-1 that uuid5 uses, without hashlib: importing it loads OpenSSL (~4 ms of an `add`)
    from _sha1 import sha1
except ImportError:  # pragma: no cover - a build without it
    from hashlib import sha1

# Fields a correction may change, and the value each must have.
CORRECTABLE = (
    "date", "stance", "kind", "summary", "quote", "source", "source_url", "topic", "actor_id", "extra",
    "responds_to", "target_id",
)

_SPACE_OR_SLASH = re.compile(r"[\s/]")
_NAMESPACE = NAMESPACE_URL.bytes


class Refused(ValueError):
    """What a record's state does not allow (a retracted record, a correction that changes nothing),
    as opposed to a malformed value."""


def record_uuid(record_id: str) -> UUID:
    """Aggregate id of the record with this public id: a second record with the id cannot be saved.

    `events.text.stable_id("records", record_id)`, i.e. `uuid5(NAMESPACE_URL, "/records/<id>")`,
    computed as uuid5 computes it (tests/application/test_lean_add.py compares them)."""
    digest = sha1(_NAMESPACE + f"/records/{record_id}".encode()).digest()
    return UUID(bytes=digest[:16], version=5)


def check_record_id(value: str) -> str:
    value = check_name(value, "record id")
    if _SPACE_OR_SLASH.search(value):
        raise ValueError(f"record id {value!r} may not contain spaces or slashes")
    return value


def check_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Validate record fields (any subset); ValueError names the first bad one."""
    checked: dict[str, Any] = {}
    for name, value in fields.items():
        if name == "kind":
            checked[name] = choose(Kind, value, "kind").value
        elif name == "stance":
            checked[name] = choose(Stance, value, "stance").value
        elif name == "date":
            if not isinstance(value, PartialDate):
                raise ValueError("date must be a partial date")
            checked[name] = value
        elif name == "summary":
            checked[name] = check_text(value, "summary", required=True)
        elif name in ("quote", "source", "source_url"):
            checked[name] = check_text(value, name.replace("_", " "))
        elif name == "topic":
            checked[name] = check_slug(value)
        elif name == "extra":
            if not isinstance(value, dict):
                raise ValueError("extra must be an object")
            checked[name] = value
        elif name == "actor_id":
            if not isinstance(value, UUID):
                raise ValueError("actor id must be a UUID")
            checked[name] = value
        elif name == "responds_to":
            checked[name] = None if value in (None, "") else check_record_id(value)
        elif name == "target_id":
            if value is not None and not isinstance(value, UUID):
                raise ValueError("target id must be a UUID")
            checked[name] = value
        else:
            raise ValueError(f"records have no field {name!r}")
    return checked
