"""An office's title names whoever held the office when the article was published (DESIGN §3):
"the Prime Minister" in an April 2024 article is not the July 2024 holder who keeps the title as an
alias in the store, and a handover the store is unsure of names nobody."""

from __future__ import annotations

from datetime import date

from timeline.extract.extractor import extract
from timeline.extract.gazetteer import Gazetteer, KnownOffice

ACTORS = [
    {"name": "Keir Starmer", "aliases": ["Sir Keir", "the Prime Minister", "Prime Minister", "the PM"]},
    {"name": "Rishi Sunak", "aliases": ["Mr Sunak"]},
]
OFFICES = [{"office": "UK Prime Minister", "aliases": ["the Prime Minister", "the PM"],
            "terms": [{"holder": "Rishi Sunak", "start": "2022-10-25", "end": "2024-07-05"},
                      {"holder": "Keir Starmer", "start": "2024-07-05", "end": None}]}]
TOPICS = [{"slug": "defence-spending", "title": "Defence spending"}]
ARTICLE = "The Prime Minister announced on Tuesday that defence spending will rise to 2.5% of GDP by 2030.\n"


def actors_of(published: date, offices=OFFICES) -> list[str]:
    store = Gazetteer.from_lists(ACTORS, TOPICS, offices=offices)
    return [c.actor for c in extract(ARTICLE, published=published, gazetteer=store)]


def test_the_title_names_the_holder_on_the_day_of_publication():
    assert actors_of(date(2024, 4, 23)) == ["Rishi Sunak"]
    assert actors_of(date(2025, 5, 16)) == ["Keir Starmer"]


def test_a_title_kept_as_an_alias_never_names_someone_out_of_office_that_day():
    before_any_term = actors_of(date(2019, 1, 15))
    assert "Keir Starmer" not in before_any_term and "Rishi Sunak" not in before_any_term


def test_an_uncertain_handover_names_nobody():
    unsure = [{**OFFICES[0], "terms": [{"holder": "Rishi Sunak", "start": "2022-10-25", "end": "2024-07"},
                                       {"holder": "Keir Starmer", "start": "2024-07", "end": None}]}]
    assert KnownOffice("UK Prime Minister", (), (("Rishi Sunak", "2022-10-25", "2024-07"),
                                                 ("Keir Starmer", "2024-07", None))).holder_on(date(2024, 7, 5)) is None
    found = actors_of(date(2024, 7, 5), unsure)
    assert "Keir Starmer" not in found and "Rishi Sunak" not in found


def test_without_offices_the_store_aliases_are_used_as_they_are():
    store = Gazetteer.from_lists(ACTORS, TOPICS)
    assert store.on(date(2024, 4, 23)) is store


def test_a_former_holder_is_never_the_title_holder():
    article = ("The Prime Minister has announced that defence spending will rise to 2.5% of GDP.\n"
               "The pledge continues a commitment made under former PM Boris Johnson.\n")
    found = extract(article, published=date(2024, 4, 23), gazetteer=Gazetteer())
    assert "Boris Johnson" not in [c.actor for c in found if c.evidence.startswith("The Prime Minister")]
