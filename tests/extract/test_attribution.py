"""Attribution and dates on the shapes real copy takes (issue 18): appositives, relative clauses,
objects of prepositions, institutions and courts as actors, and dates of the speech act."""

from __future__ import annotations

from datetime import date

from timeline.extract.extractor import extract
from timeline.extract.gazetteer import Gazetteer
from timeline.extract.review import review

STORE = Gazetteer.from_lists(
    [{"name": "Caroline Lucas", "aliases": ["Ms Lucas"]}, {"name": "Claire Coutinho"},
     {"name": "High Court", "kind": "organisation"}],
    [{"slug": "return-hubs", "title": "Return hubs for failed asylum seekers abroad"}],
)
ARTICLE = (
    "Claire Coutinho, the shadow energy secretary, attacked the plan on Monday.\n"
    "Caroline Lucas, the former Green Party leader, welcomed the decision on Tuesday. She called for the levy to be scrapped.\n"
    "Chancellor Rachel Reeves, who last year described Sizewell C as a vital project, said on Wednesday: "
    "\u201cWe will not let this project be derailed.\u201d\n"
    "The Campaign to Protect Rural England warned that the plant would damage the coast.\n"
    "The High Court on Tuesday blocked the funding.\n"
    "Mrs Justice Harris said the decision to approve the funding in July 2022 was unlawful.\n"
    "A source close to Mr Khan accused the government of distraction tactics.\n"
)


def test_the_speaker_is_the_name_not_the_appositive_the_relative_clause_or_a_prepositions_object():
    found = extract(ARTICLE, published=date(2025, 5, 16), gazetteer=STORE)
    actors = [c.actor for c in found]
    assert "Green Party" not in actors and "Sizewell C" not in actors and "Mr Khan" not in actors
    assert [c.actor for c in found if c.evidence.startswith("Caroline Lucas")] == ["Caroline Lucas"]
    assert [c.actor for c in found if c.evidence.startswith("She called")] == ["Caroline Lucas"]
    assert any(c.actor == "Rachel Reeves" and c.role == "Chancellor" for c in found)
    assert "Campaign to Protect Rural England" in actors


def test_courts_are_actors_and_a_date_in_what_was_said_does_not_date_the_saying():
    found = extract(ARTICLE, published=date(2025, 5, 16), gazetteer=STORE)
    court = [c for c in found if c.actor == "High Court"]
    # Mrs Justice Harris's words are the court's reasons, one ruling with it (seventh pass); "July 2022" in them dates
    # nothing (a judge's words dated 2022-07 would not join a ruling of 2025-05-13)
    assert [c.date for c in court] == ["2025-05-13"]
    assert not [c for c in found if "Harris" in c.actor]


def test_titles_before_names_and_new_topics_are_proposed_not_forced():
    text = "Central Devon MP Mel Stride said on Thursday that the failed budget tax rises hurt families. The tax rises start in April.\n"
    found = extract(text, published=date(2025, 11, 27), gazetteer=STORE)
    assert [c.actor for c in found] == ["Mel Stride"] and found[0].role == "Central Devon MP"
    assert found[0].topic != "return-hubs"  # one shared word ("failed") is no evidence
    assert found[0].to_line().get("topic_title") and "new topic" in found[0].notes["topic_note"]


def test_evidence_spans_point_into_the_article():
    for candidate in extract(ARTICLE, published=date(2025, 5, 16), gazetteer=STORE):
        line = candidate.to_line()
        start, end = line["extra"]["evidence_span"]["evidence"]
        assert ARTICLE[start:end] == line["extra"]["evidence"]
        if line.get("quote"):
            start, end = line["extra"]["evidence_span"]["quote"]
            assert ARTICLE[start:end] == line["quote"]


def test_review_edits_actor_kind_and_summary():
    line = {"id": "x-1", "actor": "Green Party", "actor_aliases": ["the Greens"], "role": "party", "kind": "statement",
            "stance": "support", "date": "2025-05-13", "topic": "t", "summary": "s"}
    answers = iter(["w", "Caroline Lucas", "k", "criticism", "k", "nonsense", "u", "Welcomed the decision.", "a"])
    told: list[str] = []
    kept = review([line], lambda prompt: next(answers), told.append)
    assert kept == [{"id": "x-1", "actor": "Caroline Lucas", "kind": "criticism", "stance": "support",
                     "date": "2025-05-13", "topic": "t", "summary": "Welcomed the decision."}]
    assert any("is not a kind" in message for message in told)
