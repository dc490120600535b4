"""The claimreview export against the schema.org vocabulary: types, the properties each type has
(inherited ones included), the types each property takes, and what Google's ClaimReview guidance
requires (claimReviewed, reviewRating with its scale, itemReviewed Claim with author, date and
appearance, author, datePublished, url).

The vocabulary below is copied from the schema.org definitions (https://schema.org/ClaimReview,
/Review, /CreativeWork, /Claim, /Rating, /Thing, /Person, /Organization), limited to what we use.
"""

from __future__ import annotations

import json
import re

PARENT = {"ClaimReview": "Review", "Review": "CreativeWork", "Claim": "CreativeWork", "CreativeWork": "Thing",
          "Rating": "Intangible", "Intangible": "Thing", "Person": "Thing", "Organization": "Thing", "Thing": None}
OWN_PROPERTIES = {
    "Thing": {"name", "url", "identifier", "description", "alternateName", "sameAs"},
    "CreativeWork": {"author", "datePublished", "text", "about", "citation", "temporalCoverage", "headline"},
    "Review": {"itemReviewed", "reviewRating", "reviewBody"},
    "ClaimReview": {"claimReviewed"},
    "Claim": {"appearance", "firstAppearance", "claimInterpreter"},
    "Rating": {"ratingValue", "bestRating", "worstRating", "ratingExplanation", "reviewAspect", "author"},
    "Intangible": set(), "Person": set(), "Organization": set(),
}
# property → the types its value may have ("Text", "Number", "Date", "URL" are data types)
RANGE = {
    "name": {"Text"}, "url": {"URL"}, "identifier": {"Text", "URL"}, "alternateName": {"Text"},
    "author": {"Person", "Organization"}, "datePublished": {"Date"}, "text": {"Text"}, "about": {"Thing"},
    "citation": {"CreativeWork", "Text"}, "temporalCoverage": {"Text"}, "itemReviewed": {"Thing"},
    "reviewRating": {"Rating"}, "reviewBody": {"Text"}, "claimReviewed": {"Text"}, "appearance": {"CreativeWork"},
    "ratingValue": {"Number", "Text"}, "bestRating": {"Number", "Text"}, "worstRating": {"Number", "Text"},
}
REQUIRED = {
    "ClaimReview": {"claimReviewed", "reviewRating", "itemReviewed", "author", "datePublished", "url"},
    "Rating": {"ratingValue", "bestRating", "worstRating", "alternateName"},
    "Claim": {"author", "appearance"},  # and a date: datePublished, or temporalCoverage for a period across years
}
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
ISO_INTERVAL = re.compile(r"^(\d{4}-\d{2}-\d{2}|\.\.)/(\d{4}-\d{2}-\d{2}|\.\.)$")  # ISO 8601-2 open ends


def is_a(kind: str | None, wanted: str) -> bool:
    while kind is not None:
        if kind == wanted:
            return True
        kind = PARENT[kind]
    return False


def properties(kind: str) -> set[str]:
    found: set[str] = set()
    while kind is not None:
        found |= OWN_PROPERTIES[kind]
        kind = PARENT[kind]
    return found


def check(node: dict, path: str = "$") -> list[str]:
    """Every way `node` breaks the vocabulary (empty when it is valid)."""
    problems: list[str] = []
    kind = node.get("@type")
    if kind not in PARENT:
        return [f"{path}: unknown type {kind!r}"]
    for prop in REQUIRED.get(kind, set()) - set(node):
        problems.append(f"{path}: {kind} lacks {prop}")
    if kind == "Claim" and not ({"datePublished", "temporalCoverage"} & set(node)):
        problems.append(f"{path}: Claim has no date")
    allowed = properties(kind)
    for prop, value in node.items():
        if prop.startswith("@"):
            continue
        if prop not in allowed:
            problems.append(f"{path}: {kind} has no property {prop}")
            continue
        ranges = RANGE[prop]
        where = f"{path}.{prop}"
        if isinstance(value, dict):
            if not any(is_a(value.get("@type"), r) for r in ranges if r in PARENT):
                problems.append(f"{where}: a {value.get('@type')} where {ranges} is expected")
            problems += check(value, where)
        elif isinstance(value, bool) or value is None:
            problems.append(f"{where}: {value!r} is not a value")
        elif isinstance(value, (int, float)):
            if "Number" not in ranges:
                problems.append(f"{where}: a number where {ranges} is expected")
        elif "Date" in ranges:
            if not ISO_DATE.match(value):
                problems.append(f"{where}: {value!r} is not an ISO 8601 date")
        elif ranges == {"URL"} and not re.match(r"^[a-z][a-z0-9+.-]*:\S+$", value):
            problems.append(f"{where}: {value!r} is not a URL")
        elif not ({"Text", "URL"} & ranges):
            problems.append(f"{where}: text where {ranges} is expected")
        if prop == "temporalCoverage" and not ISO_INTERVAL.match(value):
            problems.append(f"{where}: {value!r} is not an ISO 8601 interval")
    if kind == "Rating" and not problems:
        assert node["worstRating"] <= node["ratingValue"] <= node["bestRating"]
    return problems


def test_the_checker_catches_what_it_should():
    good = {"@type": "Rating", "ratingValue": 1, "bestRating": 3, "worstRating": 1, "alternateName": "U-turn"}
    assert check(good) == []
    assert check({**good, "stars": 5}) == ["$: Rating has no property stars"]
    assert check({k: v for k, v in good.items() if k != "bestRating"}) == ["$: Rating lacks bestRating"]
    claim = {"@type": "Claim", "author": {"@type": "Rating"}, "appearance": {"@type": "CreativeWork"}, "datePublished": "15 May"}
    problems = check(claim)
    assert "$.author: a Rating where {'Organization', 'Person'} is expected" in problems or \
        "$.author: a Rating where {'Person', 'Organization'} is expected" in problems
    assert "$.datePublished: '15 May' is not an ISO 8601 date" in problems


def test_claimreview_export_validates_one_review_per_change(seeded):
    reviews = json.loads(seeded("export", "--format", "claimreview", "--topic", "offshoring").stdout)
    changes = seeded.json("changes", "--topic", "offshoring")["changes"]
    assert len(reviews) == len(changes) == 1  # Starmer's U-turn; Philp made none (his records all back offshoring)
    for review in reviews:
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        assert check(review) == [], check(review)
    starmer = next(r for r in reviews if r["itemReviewed"]["author"]["name"] == "Keir Starmer")
    assert starmer["itemReviewed"]["identifier"] == "starmer-no-silver-bullet"
    assert starmer["citation"]["identifier"] == "starmer-scraps-rwanda"  # the record position shows before the change
    assert starmer["citation"]["datePublished"] == "2024-07"  # the month, as precise as the record
    assert starmer["reviewRating"]["ratingValue"] == 1 and starmer["reviewRating"]["alternateName"].startswith("Full")
    assert starmer["claimReviewed"].startswith("no single measure")


def test_partial_changes_and_periods(cli):
    for rid, stance, on in [("a", "support", "2020-01-01"), ("b", "mixed", "2024-21"), ("c", "oppose", "2023-11/2024-02")]:
        cli("add", "Downing Street", "--topic", "tax", "--kind", "statement", "--stance", stance, "--on", on,
            "--summary", rid, "--id", rid, "--new-actor", "--new-topic", "--source", "Gazette",
            "--url", "https://news.example/" + rid, code=None)
    reviews = json.loads(cli("export", "--format", "claimreview").stdout)
    assert reviews and all(check(r) == [] for r in reviews)
    assert {r["reviewRating"]["ratingValue"] for r in reviews} <= {1, 2}
    assert any(r["reviewRating"]["alternateName"] == "Half change of position" for r in reviews)
    assert reviews[0]["itemReviewed"]["appearance"]["url"].startswith("https://news.example/")


def test_open_ended_and_qualified_dates_stay_valid_and_honest(cli):
    """A change involving "before July 2024" (an open start) or "May 2024~" once crashed the export."""
    for rid, stance, on in [("p", "support", "../2024-06"), ("q", "oppose", "2024-08~"), ("r", "support", "2025/..")]:
        cli("add", "Downing Street", "--topic", "tax", "--kind", "statement", "--stance", stance, "--on", on,
            "--summary", rid, "--id", rid, "--new-actor", "--new-topic", code=None)
    reviews = json.loads(cli("export", "--format", "claimreview").stdout)
    assert len(reviews) == 2 and all(check(r) == [] for r in reviews)
    claims = {r["itemReviewed"]["identifier"]: r["itemReviewed"] for r in reviews}
    assert claims["q"]["datePublished"] == "2024-08"  # ISO 8601: the qualifier cannot travel
    assert claims["r"]["temporalCoverage"] == "2025-01-01/.."  # open end kept open, no invented day


def test_no_change_of_position_is_an_empty_array_and_a_note(cli):
    cli("add", "Al", "--new-actor", "--topic", "t", "--new-topic", "--kind", "statement", "--stance", "support",
        "--on", "2024-01-01", "--summary", "s")
    result = cli("export", "--format", "claimreview")
    assert result.stdout.strip() == "[]"
    assert "Note: no change of position among the 1 record selected" in result.stderr


def test_claimreview_is_safe_to_paste_into_a_page_and_ids_each_review(cli):
    add = ["--kind", "statement", "--summary", "s"]
    cli("topic", "add", "tax")
    cli("topic", "add", "vat", "--parent", "tax")
    cli("add", "Al B", "--new-actor", "--topic", "vat", "--stance", "support", "--on", "2024-01-01", *add)
    cli("add", "Al B", "--topic", "vat", "--stance", "oppose", "--on", "2024-02-01", "--quote", '"we will" </script>',
        "--url", "javascript:alert(2)", *add)
    text = cli("export", "--format", "claimreview").stdout
    assert "</script" not in text and "<!--" not in text  # inside <script type="application/ld+json">
    reviews = json.loads(text)
    assert reviews[0]["claimReviewed"] == '"we will" </script>'  # the same text, once decoded
    assert all("url" not in r["itemReviewed"]["appearance"] for r in reviews)  # javascript: is no link
    tax = json.loads(cli("export", "--format", "claimreview", "--topic", "tax").stdout)
    assert len({r["url"] for r in reviews + tax}) == len(reviews + tax)  # vat's change and tax's roll-up differ
