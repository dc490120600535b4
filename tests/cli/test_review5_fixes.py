"""Fixes from the fifth round of new-user reviews (2 December 2026), each a case that failed before."""


def test_a_term_whose_start_is_only_a_month_may_mean_no_one_held_the_office(cli):
    cli("office", "term", "Harbour Master", "Ann Example", "--from", "2020-05", "--new-actor")
    result = cli("holder", "Harbour Master", "--on", "2020-05-10", code=1)
    assert "the recorded dates allow Ann Example (2020-05 to now) or no one" in result.stderr
    assert "held Harbour Master" in cli("holder", "Harbour Master", "--on", "2020-06-01").stdout
