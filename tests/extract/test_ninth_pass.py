"""Date classes of the blind parts' misses (issue 18, ninth pass), each on sentences written for the test, not taken
from the articles: a date that is a policy's content, "tonight" in the lead, a schedule's "from", "later on
Wednesday", an act told as the first of its kind, seasons, a party's argument to a court, a present tense that restates
a present-perfect act, and what such an act followed. Each rule has a test that it does not fire where it should not."""

from __future__ import annotations

from datetime import date

from timeline.extract.anchors import policy_content, scheduled, season_dates
from timeline.extract.extractor import extract

TUESDAY = date(2025, 3, 11)
THURSDAY = date(2025, 3, 13)
FRIDAY = date(2025, 6, 13)


def _dates(article: str, published: date) -> dict[str, str | None]:
    return {c.actor: c.date for c in extract(article, published=published)}


# -- a date that is the content of a policy --------------------------------------------------------------------


def test_a_birth_date_the_bill_names_dates_neither_the_vote_nor_the_reactions():
    article = (
        "A bill to stop a generation from ever buying cigarettes has cleared its first vote in parliament.\n"
        "The bill means anyone born on or after 1 January 2010 will never be able to buy tobacco.\n"
        "Opposition leader Maria Holt voted against the bill.\n"
    )
    found = _dates(article, TUESDAY)
    assert "2010-01-01" not in found.values()
    assert found["Maria Holt"] != "2010-01-01"


def test_only_a_birth_date_is_a_policys_content():
    masked = "The measure covers anyone born on or after 1 January 2010, and it passed on 3 March 2025."
    first, second = masked.index("1 January"), masked.index("3 March")

    class Expression:  # what policy_content reads of a date: where it starts
        def __init__(self, start: int) -> None:
            self.start = start

    assert policy_content(masked, Expression(first))
    assert not policy_content(masked, Expression(second))


# -- "tonight" in the lead ---------------------------------------------------------------------------------------


def test_tonights_numbers_in_the_lead_date_the_vote_and_its_reactions_by_the_publication_day():
    article = (
        "A bill to ban disposable vapes has cleared its first hurdle in parliament.\n"
        "While tonight’s numbers show broad support, Green Party leader Carla Mendes criticised the bill.\n"
    )
    assert _dates(article, TUESDAY)["Carla Mendes"] == "2025-03-11"


def test_without_tonight_the_same_reaction_stays_undated():
    article = (
        "A bill to ban disposable vapes has cleared its first hurdle in parliament.\n"
        "While the numbers show broad support, Green Party leader Carla Mendes criticised the bill.\n"
    )
    assert _dates(article, TUESDAY)["Carla Mendes"] is None


# -- a schedule's "from" governs only the date right after it ----------------------------------------------------


def test_from_far_before_a_day_does_not_make_it_a_schedule():
    assert not scheduled("The decision to remove the cuts from the bill was announced an hour before MPs voted on ")
    assert scheduled("The levy applies from ")
    assert scheduled("The ban will apply to shops in the capital on ")


def test_a_day_after_a_from_clause_is_the_lead_day_of_the_reactions():
    article = (
        "Ministers dropped the disability cuts to save their welfare bill.\n"
        "The decision to remove the cuts from the bill was announced an hour before MPs voted on Monday night.\n"
        "Opposition leader Maria Holt accused ministers of chaos.\n"
    )
    assert _dates(article, TUESDAY)["Maria Holt"] == "2025-03-10"


# -- "later on Wednesday" -----------------------------------------------------------------------------------------


def test_later_on_a_day_dates_the_act_before_it_and_the_articles_news():
    article = (
        "The city council has passed its budget after a long debate.\n"
        "Councillor Ruth Kane voted against the budget, and faces a party disciplinary meeting later on Wednesday evening.\n"
        "Mayor Ian Cole welcomed the result.\n"
    )
    found = _dates(article, THURSDAY)
    assert found["Ruth Kane"] == "2025-03-12"
    assert found["Ian Cole"] == "2025-03-12"


def test_a_day_of_another_clause_without_later_still_dates_nothing():
    article = (
        "The city council has passed its budget after a long debate.\n"
        "Councillor Ruth Kane voted against the budget, which the finance committee had drafted in January.\n"
    )
    assert _dates(article, THURSDAY)["Ruth Kane"] is None


# -- an act told as the first of its kind ---------------------------------------------------------------------------


def test_first_proposed_when_he_was_mayor_is_an_earlier_act_undated():
    article = (
        "The assembly approved the congestion charge on Monday.\n"
        "The charge was first proposed by Daniel Ortiz when he was mayor.\n"
    )
    assert _dates(article, TUESDAY)["Daniel Ortiz"] is None


def test_proposed_without_first_takes_the_lead_day():
    article = (
        "The assembly approved the congestion charge on Monday.\n"
        "The amendment was proposed by Daniel Ortiz.\n"
    )
    assert _dates(article, TUESDAY)["Daniel Ortiz"] == "2025-03-10"


# -- seasons --------------------------------------------------------------------------------------------------------


def test_a_hearing_in_the_spring_dates_the_barristers_words_by_the_year():
    article = (
        "The High Court on Friday dismissed the challenge to the levy on private schools.\n"
        "During a hearing in the spring, the barrister for the families, Helen Shaw KC, told the court that the law "
        "was unfair.\n"
    )
    assert _dates(article, FRIDAY)["Helen Shaw"] == "2025"


def test_seasons_resolve_to_the_latest_one_and_until_to_the_coming_one():
    def values(text: str, published: date) -> list[tuple[str, bool]]:
        return [(str(d.value), d.future) for d in season_dates(text, published)]

    assert values("They met last autumn.", FRIDAY) == [("2024", False)]
    assert values("They met this summer.", FRIDAY) == [("2025-06", False)]
    assert values("They met in summer 2023.", FRIDAY) == [("2023", False)]
    assert values("It was delayed until the summer.", date(2016, 3, 16)) == [("2016", True)]
    assert values("A spring in their step.", FRIDAY) == []  # a bare season word is no date
    assert values("Before the summer recess.", FRIDAY) == []  # nor a season's event
    assert values("They met in the winter.", FRIDAY) == []  # a winter spans two years


# -- a party's argument to a court ----------------------------------------------------------------------------------


def test_a_partys_defence_of_the_case_is_not_dated_by_the_ruling():
    article = (
        "The Supreme Court ruled on Friday that the oil well's emissions must be assessed.\n"
        "The Government defended the case, alongside the county council.\n"
    )
    assert _dates(article, FRIDAY)["Government"] is None


def test_a_partys_reaction_to_the_ruling_is_dated_by_it():
    article = (
        "The Supreme Court ruled on Friday that the oil well's emissions must be assessed.\n"
        "The Government welcomed the ruling.\n"
    )
    assert _dates(article, FRIDAY)["Government"] == "2025-06-13"


# -- a present tense that restates a present-perfect act ----------------------------------------------------------


def test_the_courts_present_tense_restates_its_undated_ruling():
    article = (
        "The Supreme Court has ruled against the Named Person scheme.\n"
        "The Supreme Court says some proposals breach the right to privacy.\n"
    )
    assert _dates(article, THURSDAY)["Supreme Court"] is None


def test_a_speakers_present_tense_alone_is_the_publication_day():
    article = "Premier Doug Stanton says his government will reverse the land swap.\n"
    assert _dates(article, THURSDAY)["Doug Stanton"] == "2025-03-13"


# -- what an undated present-perfect act followed -----------------------------------------------------------------


def test_what_a_resignation_in_the_present_perfect_followed_is_undated():
    article = (
        "Sports minister Clara Voss is understood to have resigned after the Government refused to cut the stake.\n"
        "Chancellor Philip Lane announced the budget on Thursday.\n"
    )
    assert _dates(article, THURSDAY)["Government"] is None


def test_what_a_present_tense_win_followed_keeps_the_lead_day():
    article = (
        "The coalition survived a confidence vote on Wednesday.\n"
        "The parliamentary win comes after the Government supported an amendment on rents.\n"
    )
    assert _dates(article, THURSDAY)["Government"] == "2025-03-12"


# -- what the day's news came after ---------------------------------------------------------------------------------


def test_what_a_dated_accusation_came_after_is_that_days_news():
    article = ("Chancellor Omar Petit was accused of quick fixes today after he was forced into pledging help for renters "
               "and U-turning on a windfall tax.\n"
               "Labour leader Ann Ross said the plan came too late.\n")
    assert _dates(article, THURSDAY)["Omar Petit"] == "2025-03-13"


def test_a_day_inside_the_after_clause_is_not_the_main_clauses_day():
    from timeline.extract.anchors import after_main_day
    from timeline.extract.dates import find_dates
    from timeline.extract.text import split_article

    sentence = split_article("Ms Holt resigned after the council voted on Monday to close the library.\n").sentences[0]
    dates = find_dates(sentence, THURSDAY)
    assert dates and after_main_day(sentence.masked, sentence.masked.index("voted"), dates) is None


def test_a_voters_birth_year_does_not_keep_the_vote_from_the_lead_day():
    article = ("The Senate passed the bill on Wednesday.\n"
               "Senator Mia Long, who was born in 1970, voted against it.\n")
    assert _dates(article, THURSDAY)["Mia Long"] == "2025-03-12"
