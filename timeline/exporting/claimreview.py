"""The `claimreview` export: schema.org ClaimReview JSON-LD, one review per change of position.

What fact-checkers publish and aggregators (search engines, Google's Fact Check Explorer) read. The
claim reviewed is the later record (what the actor now says); the review rates it against the
earlier record, which is cited. Rating scale, three steps (bestRating 3 = consistent):

    3  "No change of position"         the stance is the same as before (never emitted: only changes are)
    2  "Half change of position"    a half change (support/oppose ↔ mixed/neutral)
    1  "Full change of position (U-turn)"  support ↔ oppose

The rating says of each change exactly what `timeline changes` says: its grade (the ratingValue and
the label), and, in `alternateName` (the verdict aggregators show) and `reviewBody`, the two doubts
`changes` states: "order uncertain" (the two records share a day, so either may be the later) and
"in force on no day" (the record of the change has an open end, `2024-07/..`: position never counts it
as definite, so no day can be named by which the position had changed). Such a step is published,
qualified, rather than left out: the record exists and `changes` lists it; the export says on stderr
how many it published so.

Dates: a record's date goes out as a schema.org Date (ISO 8601), never more precise than the record:
a day, a month (2024-07) or a year (2024) as it is; any other period as the month or year that holds
it (spring 2024 → 2024), and a period across years has no datePublished but a `temporalCoverage`
interval (2023-11-01/2024-02-29). ISO 8601 has no qualifiers, so the honest date goes in words in
each Claim's `name` and in the `reviewBody` ('3 May 2020 (uncertain, approximate; EDTF 2020-05-03%)',
'May 2020'). The review's `url` is a `tag:` URI naming the change (publishers replace it with the
page they publish it on); its author is the export's --title, else "timeline".
"""

from __future__ import annotations

import json
from typing import Any

from events.dates import PartialDate
from timeline.exporting.snapshot import Snapshot, date_words, open_ended, safe_url

SCALE = {
    "none": (3, "No change of position"),
    "half": (2, "Half change of position"),
    "full": (1, "Full change of position (U-turn)"),
}
BEST, WORST = 3, 1
UNCERTAIN = "order uncertain"
NO_DAY = "in force on no day (open-ended date)"


def when_said(text: str) -> dict[str, str]:
    """A record's date as schema.org accepts it: {"datePublished": ISO 8601 date} or, for a period
    across years, {"temporalCoverage": ISO 8601 interval}; never more precise than the record."""
    when = PartialDate.parse(text)
    if when.precision.value in ("day", "month", "year"):
        # ISO 8601 has no qualifiers, wherever EDTF puts them (2024-05?, 2024-?05, ?2024-05)
        return {"datePublished": str(when).translate({ord(c): None for c in "?~%"})}
    start, end = when.start, when.end
    if start is None or end is None:  # an open end: schema.org takes ISO 8601 open intervals
        first = start.isoformat() if start else ".."
        last = end.isoformat() if end else ".."
        return {"temporalCoverage": f"{first}/{last}"}
    if (start.year, start.month) == (end.year, end.month):
        return {"datePublished": f"{start.year:04d}-{start.month:02d}"}
    if start.year == end.year:
        return {"datePublished": f"{start.year:04d}"}
    return {"temporalCoverage": f"{start.isoformat()}/{end.isoformat()}"}


def _agent(name: str, kinds: dict[str, str]) -> dict[str, Any]:
    return {"@type": "Organization" if kinds.get(name) == "organisation" else "Person", "name": name}


def _claim(record: dict[str, Any], kinds: dict[str, str]) -> dict[str, Any]:
    appearance: dict[str, Any] = {"@type": "CreativeWork", "name": record["source"] or f"record {record['id']}"}
    if safe_url(record["source_url"]):  # a web or mail address; javascript: and the like are no link
        appearance["url"] = record["source_url"]
    claim = {
        "@type": "Claim",
        "identifier": record["id"],
        "author": _agent(record["actor"], kinds),
        **when_said(record["date"]),
        "appearance": appearance,
        "text": record["quote"] or record["summary"],
        # ISO 8601 cannot say "approximately" or "spring": the date in words, as honest as the EDTF
        "name": f"{record['actor']}, {record['kind']} ({record['stance']}), dated {date_words(record['date'])}: "
                f"{record['summary']}",
        "about": {"@type": "Thing", "name": record["topic"]},
    }
    return claim


def claim_reviews(snap: Snapshot) -> list[dict[str, Any]]:
    """One ClaimReview object per change of position in the snapshot, in its order."""
    by_id = {r["id"]: r for r in snap.records}
    kinds = {a["name"]: a["kind"] for a in snap.actors}
    published = snap.exported_at.date().isoformat()
    reviews = []
    for change in snap.changes:
        later = by_id[change["record_id"]]
        before_id = change["from_record_id"]
        earlier = by_id.get(before_id)
        value, label = SCALE[change["grade"]]
        cited = _claim(earlier, kinds) if earlier else {"@type": "Claim", "identifier": before_id}
        reviews.append({
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            # the topic too: one pair of records can be a change on a topic and on a roll-up above it
            "url": f"tag:timeline,{published[:4]}:change/{change['topic']}/{before_id}/{later['id']}",
            "datePublished": published,
            "author": {"@type": "Organization", "name": snap.title or "timeline"},
            "claimReviewed": later["quote"] or later["summary"],
            "itemReviewed": _claim(later, kinds),
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": value,
                "bestRating": BEST,
                "worstRating": WORST,
                "alternateName": "; ".join([label, *_doubts(change)]),
            },
            "reviewBody": _body(change, label, later, earlier),
            "citation": cited,
        })
    return reviews


def _doubts(change: dict[str, Any]) -> list[str]:
    """What `changes` says of a step besides its grade: the order uncertain, in force on no day."""
    return ([UNCERTAIN] if change.get("certain") is False else []) + ([NO_DAY] if open_ended(change["date"]) else [])


def _body(change: dict[str, Any], label: str, later: dict[str, Any], earlier: dict[str, Any] | None) -> str:
    """The review in words: the step, both records' dates as honest as their EDTF, and every doubt."""
    before = change["from_record_id"]
    text = (f"{later['actor']} on {change['topic']}: {change['from']} → {change['to']} ({label}), "
            f"{date_words(later['date'])}, after the record {before}"
            + (f" ({date_words(earlier['date'])})" if earlier else ""))
    if change.get("certain") is False:
        text += "; the order of the two records is not certain: their dates share a day, so either may be the later"
    if open_ended(change["date"]):
        text += ("; in force on no day: the record of the change has an open end, so no day can be named by which "
                 "the position had changed (position lists it only as possible)")
    if change.get("flipped"):
        text += "; flipped: a stance on an inverse sub-topic counts the other way for " + change["topic"]
    return text


def to_claimreview(snap: Snapshot) -> str:
    """A JSON array of ClaimReview documents (JSON-LD), one per change of position."""
    reviews = claim_reviews(snap)
    if not reviews:
        snap.notes.append(f"no change of position among the {len(snap.records)} record{'s' * (len(snap.records) != 1)} "
                          "selected: ClaimReview has one review per change, so the array is empty")
    undated = sum(1 for change in snap.changes if open_ended(change["date"]))
    if undated:
        snap.notes.append(f"{undated} change{'s' * (undated != 1)} of position {'are' if undated != 1 else 'is'} in "
                          "force on no day (the record of the change has an open end): published with "
                          f"'{NO_DAY}' in the rating and the review, as `timeline changes` says, not as a plain change")
    # Safe inside <script type="application/ld+json">: no "</script>" or "<!--" can close or open it.
    return json.dumps(reviews, ensure_ascii=False, indent=2).replace("<", "\\u003c") + "\n"
