"""From the fourth new-user review: a store topic of one word is named by that word; a decade dates an act."""

from __future__ import annotations

from datetime import date

from timeline.extract.extractor import extract
from timeline.extract.gazetteer import Gazetteer, KnownTopic

PUBLISHED = date(2025, 3, 12)
STORE = Gazetteer(topics=[KnownTopic("nuclear", "Nuclear"), KnownTopic("wind-power", "Wind power"),
                          KnownTopic("return-hubs", "Return hubs")])


def _topics(article: str) -> list[tuple[str, str | None]]:
    return [(c.summary, c.topic) for c in extract(article, published=PUBLISHED, gazetteer=STORE)]


def test_a_one_word_store_topic_is_named_by_its_word_and_each_sentence_keeps_its_own_topic():
    found = _topics("Mira Tallis said on 3 February that nuclear power was \"not on the table\". "
                    "Mira Tallis backs wind power.")
    assert [topic for _, topic in found] == ["nuclear", "wind-power"]


def test_one_shared_word_of_a_two_word_topic_is_still_no_evidence():
    found = _topics("Mira Tallis said on 3 February that the return of the tariff was \"long overdue\".")
    assert [topic for _, topic in found] != ["return-hubs"]


def test_a_decade_dates_the_act_it_frames():
    found = extract("In the 1990s, Ana Souza had supported reactors.", published=PUBLISHED)
    assert [(c.actor, c.date) for c in found] == [("Ana Souza", "199X")]
