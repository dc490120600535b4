"""Exports for timeline and calendar programs: TimelineJS3 JSON and iCalendar (ics)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from events.dates import PartialDate
from timeline.exporting.snapshot import QUALIFIED, Snapshot, date_words, human_date, safe_url


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def _html(text: str | None, *, attribute: bool = False) -> str:
    from html import escape

    return escape(text or "", quote=attribute).replace("\n", "<br>")


def to_timelinejs(snap: Snapshot, *, group_by: str = "actor") -> str:
    """Knight Lab TimelineJS3 JSON; text fields are HTML, so every value from the data is escaped."""
    events = []
    for r in snap.records:
        when = PartialDate.parse(r["date"])
        start, end = _tljs_dates(when, r["period"])
        body = [f"<p><strong>{_html(r['actor'])}</strong> · {_html(r['kind'])} · {_html(r['stance'])} · {_html(r['topic'])}</p>"]
        if r["quote"]:
            body.append(f"<blockquote>“{_html(r['quote'])}”</blockquote>")
        if r["source"] or r["source_url"]:
            link = safe_url(r["source_url"])
            label = _html(r["source"] or r["source_url"])
            body.append(f"<p>Source: <a href=\"{_html(link, attribute=True)}\">{label}</a></p>" if link else f"<p>Source: {label}</p>")
        events.append({
            "start_date": start,
            **({"end_date": end} if end else {}),
            "display_date": human_date(r["date"]),
            "text": {"headline": _html(r["summary"]), "text": "".join(body)},
            "group": _html(r["actor"] if group_by == "actor" else r["topic"]),  # TimelineJS shows it as HTML
            "unique_id": r["id"],
        })
    title = {"text": {"headline": _html(snap.heading), "text": f"<p>{_html(snap.scope())}</p>"}}
    return _json({"title": title, "events": events}) + "\n"


def _tljs_dates(when: PartialDate, period: dict[str, str | None]) -> tuple[dict[str, int], dict[str, int] | None]:
    """TimelineJS start (and end) dates as precise as the record's date, never more: a day, a month or a
    year as itself; an interval as its two ends as written (an open end left out: TimelineJS has none);
    any other range as its first and last day, without the day or month its bounds do not name."""
    if when.year is not None:
        start = {"year": when.year}
        if when.month is not None:
            start["month"] = when.month
        if when.day is not None:
            start["day"] = when.day
        return start, None
    text = str(when)
    if "/" in text:
        first_side, last_side = text.split("/")
        ends = [_tljs_side(side, last=n == 1) if side not in ("", "..") else None
                for n, side in enumerate((first_side, last_side))]
        return (ends[1], None) if ends[0] is None else (ends[0], ends[1])
    first, last = period["start"], period["end"]
    return _parts(first, first, last), _parts(last, first, last)


def _tljs_side(text: str, *, last: bool) -> dict[str, int]:
    """One end of an interval, as precise as it is written ('2024-06', a season's first or last month)."""
    side = PartialDate.parse(text)
    start, end = (day.isoformat() for day in side.period)
    parts = _tljs_dates(side, {"start": start, "end": end})
    return parts[1] if last and parts[1] is not None else parts[0]


def _parts(day: str, first: str, last: str) -> dict[str, int]:
    """TimelineJS parts of `day`, a bound of [first, last], without a day (or month) that the bounds
    do not name: a quarter runs from April to June, not from 1 April to 30 June."""
    whole_years = first[5:] == "01-01" and last[5:] == "12-31"
    whole_months = first[8:] == "01" and date.fromisoformat(last) == _month_end(last)
    found = {"year": int(day[:4])}
    if not whole_years:
        found["month"] = int(day[5:7])
        if not whole_months:
            found["day"] = int(day[8:10])
    return found


def _month_end(day: str) -> date:
    from calendar import monthrange

    year, month = int(day[:4]), int(day[5:7])
    return date(year, month, monthrange(year, month)[1])


def to_ics(snap: Snapshot) -> str:
    """An RFC 5545 calendar: one all-day event per record known to the day (others are noted); a
    qualified day says so in its SUMMARY and DESCRIPTION (RFC 5545 dates have no qualifiers)."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//timeline//policy positions export//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", snap.heading)
    skipped = 0
    for r in snap.records:
        if r["precision"] != "day":
            skipped += 1
            continue
        day = PartialDate.parse(r["date"]).start
        event = Event()
        event.add("uid", f"{r['id']}@timeline")
        event.add("dtstamp", snap.exported_at.astimezone(UTC))
        event.add("created", datetime.fromisoformat(r["recorded_at"]))
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        # A qualified day (`2020-05-03%`) sits on its day, the nearest an all-day event can show; the
        # summary and description say in words that the day is uncertain or approximate.
        qualifier = QUALIFIED.get(PartialDate.parse(r["date"]).qualifier)
        doubt = f"; date {qualifier}" if qualifier else ""
        event.add("summary", f"{r['actor']} ({r['stance']}{doubt}): {' '.join(r['summary'].split())}")
        lines = [r["summary"], "", f"{r['kind']} · {r['stance']} · {r['topic']}"]
        if qualifier:
            lines += ["", f"Date: {date_words(r['date'])}: the event sits on that day, which is {qualifier}"]
        if r["quote"]:
            lines += ["", f"“{r['quote']}”"]
        if r["source"] or r["source_url"]:
            lines += ["", "Source: " + " ".join(x for x in (r["source"], r["source_url"]) if x)]
        event.add("description", "\n".join(lines))
        event.add("categories", [r["topic"], r["kind"], r["stance"]])
        if safe_url(r["source_url"]):
            event.add("url", safe_url(r["source_url"]))
        cal.add_component(event)
    if skipped:
        snap.notes.append(f"left out {skipped} record{'s' * (skipped != 1)} not known to the day "
                          "(a month, a year or a range: an all-day calendar event would invent a day)")
    return cal.to_ical().decode("utf-8")
