"""`timeline import --review`: walk through candidate lines on a terminal before importing them.

`review` works on the raw rows (dicts as read from the file, before validation), because a
candidate may lack what validation demands (a date the article did not give, a topic): the
reviewer can fill those in here. For each line it shows actor, kind, stance, date, topic, the
evidence with its character offsets in the article (`extra.evidence_span`), and asks: [a]ccept,
edit the [w]ho (actor), [k]ind, [s]tance, [d]ate, [t]opic or s[u]mmary, [n]ext (skip the line), or
[q]uit. Quitting keeps what was accepted so far. Edited lines keep their `id`; an edited actor
drops the aliases and role the extractor proposed for the old one.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from events.dates import PartialDate
from events.text import check_slug
from events.vocabulary import Kind, Stance

Ask = Callable[[str], str]
Tell = Callable[[str], None]
PROMPT = "[a]ccept, edit [w]ho, [k]ind, [s]tance, [d]ate, [t]opic, s[u]mmary, [n]ext (skip) or [q]uit? "


def describe(line: dict[str, Any], number: int, total: int) -> str:
    extra = line.get("extra") if isinstance(line.get("extra"), dict) else {}
    parts = [
        f"── {number}/{total}  {line.get('id') or ''}".rstrip(),
        f"   {line.get('actor')} · {line.get('kind')} · {line.get('stance')} · "
        f"{line.get('date') or '(no date)'} · {line.get('topic') or '(no topic)'}",
    ]
    if line.get("summary"):
        parts.append(f"   summary: {line['summary']}")
    if extra.get("evidence"):
        span = (extra.get("evidence_span") or {}).get("evidence") if isinstance(extra.get("evidence_span"), dict) else None
        where = f" (characters {span[0]}–{span[1]})" if span else ""
        parts.append(f"   evidence{where}: {extra['evidence']}")
    if line.get("quote"):
        parts.append(f"   quote: “{line['quote']}”")
    for key in ("date_note", "topic_note"):
        if extra.get(key):
            parts.append(f"   note: {extra[key]}")
    if extra.get("confidence") is not None:
        parts.append(f"   confidence: {extra['confidence']}")
    return "\n".join(parts)


def review(lines: list[dict[str, Any]], ask: Ask, tell: Tell) -> list[dict[str, Any]]:
    """The lines the reviewer accepted, with their edits, in order."""
    accepted: list[dict[str, Any]] = []
    for number, original in enumerate(lines, start=1):
        line = dict(original)
        tell(describe(line, number, len(lines)))
        while True:
            answer = ask(PROMPT).strip().lower()
            if answer in {"a", "accept"}:
                missing = [key for key in ("date", "topic") if not line.get(key)]
                if missing:
                    tell(f"   This line has no {' or '.join(missing)}: set it first, or skip the line.")
                    continue
                accepted.append(line)
                break
            if answer in {"n", "next", "skip"}:
                break
            if answer in {"q", "quit"}:
                tell(f"Stopped: {len(accepted)} line(s) accepted, the rest left out.")
                return accepted
            if answer in {"w", "who", "actor"}:
                _edit(line, "actor", ask, tell, _text("actor"), "actor (a name, e.g. Rachel Reeves)? ")
            elif answer in {"k", "kind"}:
                _edit(line, "kind", ask, tell, _kind, f"kind ({', '.join(k.value for k in Kind)})? ")
            elif answer in {"u", "summary"}:
                _edit(line, "summary", ask, tell, _text("summary"), "summary? ")
            elif answer in {"s", "stance"}:
                _edit(line, "stance", ask, tell, _stance, "stance (support, oppose, neutral or mixed)? ")
            elif answer in {"d", "date"}:
                base = _published(line)
                _edit(line, "date", ask, tell, lambda text: _date(text, base),
                      "date (2025-05-15, 2025-05, 2025, 'spring 2024', 'last Tuesday'"
                      + (f" from {base}" if base else "") + ")? ")
            elif answer in {"t", "topic"}:
                _edit(line, "topic", ask, tell, _topic, "topic slug (e.g. return-hubs)? ")
            else:
                tell("   Answer a, w, k, s, d, t, u, n or q.")
    return accepted


def review_rows(rows: list[tuple[int, Any]], ask: Ask, tell: Tell) -> list[tuple[int, Any]]:
    """`review` over `importing.read_rows` output, keeping each line's number for error messages."""
    objects = [(number, row) for number, row in rows if isinstance(row, dict)]
    kept = review([row for _, row in objects], ask, tell)
    numbers = {id(row): number for number, row in objects}
    result = []
    for row in kept:
        number = next((n for n, r in objects if r.get("id") == row.get("id") and r.get("id")), None)
        result.append((number if number is not None else numbers.get(id(row), 0), row))
    return result


def ask_terminal(prompt: str) -> str:
    """Ask on the terminal (prompt on stderr, so stdout stays clean); end of input means quit."""
    sys.stderr.write(prompt)
    sys.stderr.flush()
    answer = sys.stdin.readline()
    return answer if answer else "q"


def _edit(line: dict[str, Any], key: str, ask: Ask, tell: Tell, check: Callable[[str], str], prompt: str) -> None:
    answer = ask(prompt).strip()
    try:
        line[key] = check(answer)
    except ValueError as error:
        tell(f"   {error}; {key} unchanged.")
        return
    if key == "actor":
        for proposed in ("actor_aliases", "role", "actor_kind"):
            line.pop(proposed, None)
    if key == "topic":
        line.pop("topic_title", None)  # the proposed title named the proposed topic
    if key == "date":
        line.pop("relative_to", None)
        line.pop("date_precision", None)
    if isinstance(line.get("extra"), dict) and f"{key}_note" in line["extra"]:
        line["extra"] = {**line["extra"], f"{key}_note": f"{key} set by the reviewer"}
    tell(f"   {key} set to {line[key]}.")


def _text(what: str) -> Callable[[str], str]:
    def check(text: str) -> str:
        if not text.strip():
            raise ValueError(f"an empty {what}")
        return " ".join(text.split())

    return check


def _kind(text: str) -> str:
    try:
        return Kind(text.lower()).value
    except ValueError:
        raise ValueError(f"{text!r} is not a kind ({', '.join(k.value for k in Kind)})") from None


def _stance(text: str) -> str:
    try:
        return Stance(text.lower()).value
    except ValueError:
        raise ValueError(f"{text!r} is not a stance (support, oppose, neutral or mixed)") from None


def _date(text: str, relative_to: Any = None) -> str:
    """What `--on` accepts: EDTF or a phrase, a phrase read from the article's day when it has one."""
    from timeline.dates import parse_date
    from timeline.errors import InputError

    try:
        parsed = parse_date(text, relative_to=relative_to)
    except InputError as error:
        raise ValueError(str(error)) from None
    return str(parsed.value)


def _published(line: dict[str, Any]) -> Any:
    """The day the line's relative dates count from: its `relative_to`, else the publication day
    `extract` writes in the source ("article.txt, published 2025-05-16"), else None (today)."""
    import re

    found = re.search(r"published (\d{4}-\d{2}-\d{2})", str(line.get("source") or ""))
    text = line.get("relative_to") or (found.group(1) if found else None)
    try:
        return PartialDate.parse(str(text)).start if text else None
    except ValueError:
        return None


def _topic(text: str) -> str:
    return check_slug(text)
