"""The Office aggregate: terms, overlaps, returns, corrections."""

from uuid import uuid4

import pytest

from events.dates import PartialDate
from events.offices import Office, OverlappingTerm, office_id

D = PartialDate.parse


def test_office_id_is_the_normalised_title():
    assert Office.establish("UK  Home Secretary").id == office_id("uk home secretary")


def test_terms_may_meet_on_a_handover_day_but_not_overlap_and_a_holder_may_return():
    office, braverman, shapps = Office.establish("UK Home Secretary"), uuid4(), uuid4()
    assert office.record_term(braverman, D("2022-09-06"), D("2022-10-19")) == "recorded"
    assert office.record_term(shapps, D("2022-10-19"), D("2022-10-25")) == "recorded"
    assert office.record_term(braverman, D("2022-10-25"), D("2023-11-13")) == "recorded"
    with pytest.raises(OverlappingTerm):
        office.record_term(uuid4(), D("2022-10-24"), D("2022-11-01"))
    assert len(office.terms) == 3


def test_the_same_holder_and_start_again_corrects_the_end_or_changes_nothing():
    office, mahmood = Office.establish("UK Home Secretary"), uuid4()
    office.record_term(mahmood, D("2025-09-05"))
    assert office.record_term(mahmood, D("2025-09-05")) == "unchanged"
    assert office.record_term(mahmood, D("2025-09-05"), D("2026-01-01")) == "corrected"
    assert office.terms[0].end == D("2026-01-01")


def test_imprecise_dates_overlap_only_when_certain():
    office = Office.establish("Mayor")
    office.record_term(uuid4(), D("2010"), D("2014-05"))
    assert office.record_term(uuid4(), D("2014-05"), None) == "recorded"  # a handover some day in May 2014


@pytest.mark.parametrize("start, end", [("2024-07-05", "2024-07-05"), ("2024-07-05", "2023"), ("../2024", None)])
def test_impossible_terms_are_refused(start, end):
    with pytest.raises(ValueError):
        Office.establish("X").record_term(uuid4(), D(start), D(end) if end else None)
