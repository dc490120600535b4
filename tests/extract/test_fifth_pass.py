"""The recall classes of the fourth held-out part (issue 18, fifth pass), each on sentences written for the test:
votes told without a tally, named rebels, party groups, regulators' decisions without a quote, embedded posts and
pull quotes, the stance of the speaker's own words, and dates carried by the lead."""

from __future__ import annotations

from datetime import date

from timeline.extract.extractor import extract

FRIDAY = date(2025, 3, 14)


def _found(article: str, published: date = FRIDAY) -> list[tuple[str, str, str, str | None]]:
    return [(c.actor, c.kind, c.stance, c.date) for c in extract(article, published=published)]


def _actors(article: str) -> list[str]:
    return [actor for actor, *_ in _found(article)]


# -- votes ----------------------------------------------------------------------------------------------


def test_a_chamber_or_its_members_as_a_whole_voting_is_the_chambers_decision():
    found = _found("Peers rejected the ferry levy amendment on Wednesday.\n")
    assert found == [("House of Lords", "decision", "oppose", "2025-03-12")]
    found = _found("MPs have voted in favour of the Harbour Safety Bill - despite it delaying the berth ban.\n")
    assert [(a, k, s) for a, k, s, _ in found] == [("House of Commons", "decision", "support")]  # "despite …" is not the object


def test_a_group_of_members_or_a_relative_clause_is_not_the_whole_chamber():
    assert "House of Commons" not in _actors("Seven Tory MPs backed the motion on Tuesday.\n")
    assert "House of Commons" not in _actors("Critics questioned a result which fewer than half of eligible MPs backed.\n")


def test_a_bill_passed_in_a_chamber_is_the_chambers_decision_but_not_a_law_passed_by_it_as_background():
    found = _found("The Fishing Rights Bill passed its second reading in the Commons on Monday.\n")
    assert ("House of Commons", "decision", "support", "2025-03-10") in found
    assert "Senedd" not in _actors("The minister was reacting to news that a law passed by the Senedd would be repealed.\n")


def test_a_tally_in_ayes_and_noes_is_a_division():
    found = _found("MPs passed the bill through the House of Commons by 301 ayes to 199 noes on Tuesday.\n")
    assert ("House of Commons", "decision", "support", "2025-03-11") in found


def test_a_failed_bid_in_a_chamber_is_the_bidders_proposal_and_the_chambers_decision_against_it():
    found = _found("In the Dáil on Thursday the Greens failed in their bid to scrap the carbon levy.\n")
    assert ("Greens", "proposal", "oppose", "2025-03-13") in found
    assert ("Dáil Éireann", "decision", "support", "2025-03-13") in found  # against scrapping: for the levy


def test_an_attempt_is_a_proposal_with_the_stance_of_what_it_would_do():
    found = _found("Labour had tried to remove the charging clause, but that was rejected by 300 votes to 250.\n")
    assert ("Labour", "proposal", "oppose") in [(a, k, s) for a, k, s, _ in found]


def test_members_named_after_a_group_of_rebels_each_state_the_votes_direction_on_the_votes_day():
    article = (
        "The four Conservative MPs who rebelled by voting for an amendment to scrap the ferry tax have lost the whip.\n\n"
        "Anna Fielding, Tom Reyes, Priya Dutt and Owen Marsh have been suspended from the party.\n\n"
        "The Government defeated the amendment in the Commons on Tuesday.\n"
    )
    found = _found(article)
    for person in ("Anna Fielding", "Tom Reyes", "Priya Dutt", "Owen Marsh"):
        assert (person, "statement", "oppose", "2025-03-11") in found  # for scrapping the tax: against it


def test_members_listed_before_were_among_those_who_voted():
    found = _found("Maria Lopez and Dan Webb were among those who voted against the parking levy on Monday.\n")
    assert {(a, s) for a, k, s, _ in found if k == "statement"} >= {("Maria Lopez", "oppose"), ("Dan Webb", "oppose")}


def test_a_party_groups_vote_is_each_partys_statement_not_a_named_person():
    found = _found("After the debate Reform UK and Plaid Cymru MSs voted in support of the tram plan on Tuesday.\n")
    assert ("Plaid Cymru", "statement", "support", "2025-03-11") in found
    assert ("Reform UK", "statement", "support", "2025-03-11") in found
    assert "Plaid Cymru MSs" not in _actors("Plaid Cymru MSs voted in support of the tram plan on Tuesday.\n")
    assert "Tory MPs" not in _actors("Disgruntled Tory MPs attempted to force the leader out on Tuesday.\n")


# -- regulators and bodies acting without a quote ----------------------------------------------------------


def test_a_one_word_body_acting_with_a_decision_verb_and_the_regulator_it_is():
    article = (
        "Ofreg yesterday put Northvale Gas on notice that it must improve.\n\n"
        "The energy regulator insisted the step was needed to protect customers.\n"
    )
    found = _found(article)
    assert found[0][:3] == ("Ofreg", "decision", "support") and found[0][3] == "2025-03-13"
    assert all(actor == "Ofreg" for actor, *_ in found)


def test_a_subject_after_a_conjunction_acts():
    found = _found("Campaigners hit out on Thursday after Ofreg confirmed the tariff would change every quarter.\n")
    assert [(a, d) for a, _, _, d in found] == [("Ofreg", "2025-03-13")]


def test_a_participle_in_apposition_and_a_place_are_no_acts():
    assert _found("The regulator, strongly criticised for its delays, has been accused of siding with firms.\n") == []
    assert "Denver" not in _actors("A federal judge in Denver blocked the ban on Tuesday.\n")


def test_more_shapes_of_an_act():
    assert _found("The Ministry of Mines has issued a licence for the Carrow mine.\n")[0][:3] == (
        "Ministry of Mines", "decision", "support")
    assert _found("The Ramblers Association lodged an appeal against the fence on Monday.\n")[0][:2] == (
        "Ramblers Association", "proposal")


# -- posts and pull quotes ----------------------------------------------------------------------------------


def test_an_embedded_post_is_its_authors_statement_dated_by_its_date_line():
    article = (
        "The ferry fare rise was confirmed on Monday.\n\n"
        "Raising fares is reckless and a betrayal of island communities. — Jane Morrow MSP (@JaneMorrowMSP) March 3, 2025\n"
    )
    found = _found(article)
    assert ("Jane Morrow", "criticism", "oppose", "2025-03-03") in found


def test_a_pull_quote_is_its_speakers_statement_and_a_caption_is_not():
    article = (
        "Ministers defended the timetable on Tuesday.\n\n"
        "Ministers had every chance to fix the rail timetable and chose not to do so Amira Khan, Transport Committee chair\n\n"
        "Amira Khan, the committee chair\n\n"
        "Protesters gather outside the station before the timetable vote Picture: Tom Vale, chief photographer\n"
    )
    found = _found(article)
    assert [f for f in found if f[0] == "Amira Khan"] == [("Amira Khan", "criticism", "oppose", "2025-03-11")]


# -- stance of the speaker's own words ----------------------------------------------------------------------


def test_another_unnamed_speaker_after_but_does_not_colour_the_statement():
    article = ("The Government said the new port would create hundreds of jobs, but campaigners claimed the decision "
               "was “reckless”.\n")
    assert _found(article)[0][:3] == ("Government", "statement", "support")


def test_defiance_is_resolve_not_opposition():
    article = "The first minister, Ailsa Grant, said after the ruling: “Our voice will not be silenced.”\n"
    assert _found(article)[0][:3] == ("Ailsa Grant", "statement", "support")


def test_a_judgement_told_with_would_be_is_no_plan():
    article = "Chancellor Rob Lyle said the rises would be a ‘hard blow’ for families.\n"
    assert _found(article)[0][1] != "proposal"
    assert [k for _, k, _, _ in _found("Ms Grant said she would be making a full statement later.\n")] == ["statement"]


def test_harsh_words_make_a_criticism():
    article = "Sam Ode, co-ordinator for the Warm Homes Coalition, said the change was “simply inhumane”.\n"
    assert _found(article)[0][:3] == ("Sam Ode", "criticism", "oppose")


def test_criticising_an_opponent_of_the_policy_speaks_for_it():
    article = (
        "The Conservatives tried to scrap the tram scheme on Monday.\n\n"
        "The transport minister, Jo Price, said the Conservatives had been against every reform.\n"
    )
    assert ("Jo Price", "criticism", "support") in [(a, k, s) for a, k, s, _ in _found(article)]


# -- who acted ------------------------------------------------------------------------------------------------


def test_the_charge_of_an_accusation_is_no_act_of_its_own():
    article = ("The Treasury confirmed the cuts on Monday.\n\n"
               "Ms Hart accused the government of lacking the courage to protect renters as they had promised.\n")
    assert _actors(article) == ["Treasury", "Ms Hart"]  # not a promise by "they", the government


def test_it_after_a_policy_subject_is_the_policy():
    article = (
        "MPs passed the Tenancy Bill on Monday.\n\n"
        "Elsewhere, the bill requires councils to publish data.\n\n"
        "It also introduces a levy on landlords.\n"
    )
    assert len([a for a in _actors(article) if a == "House of Commons"]) == 1


def test_role_words_in_an_appositive_do_not_give_the_subject():
    article = "Jo Bloggs, director of policy at the charity Homes Matter, said the rise was unfair.\n"
    assert _actors(article) == ["Jo Bloggs"]
    article = "Liz Carr, Labour leadership candidate and shadow minister for care, described the move as a “broken promise”.\n"
    assert _actors(article) == ["Liz Carr"]


def test_a_paragraph_cut_off_inside_a_quotation_is_body_text():
    article = ("The council delayed the tram on Monday.\n\n"
               "Ann Lee, the opposition leader, described the move as a \"shameful broken promise and devastating news for commuters\n")
    assert "Ann Lee" in _actors(article)


# -- dates ------------------------------------------------------------------------------------------------------


def test_today_in_a_lead_sentence_dates_the_news():
    article = (
        "The Opposition has accused ministers of delaying the statement on cuts until today.\n\n"
        "Jon Hale told MPs in the Commons that the regiment would be cut.\n"
    )
    assert ("Jon Hale", "2025-03-14") in [(a, d) for a, _, _, d in _found(article)]


def test_a_leads_present_perfect_decision_is_dated_by_a_passage_calling_it_todays():
    article = (
        "The Kestrel gas field has been granted consent by the regulator, the Offshore Energy Authority.\n\n"
        "I back the decision to approve Kestrel today. — Mark Tull MP (@MarkTull) March 14, 2025\n"
    )
    found = _found(article)
    assert ("Offshore Energy Authority", "decision", "support", "2025-03-14") in found
    assert ("Mark Tull", "statement", "support", "2025-03-14") in found


# -- bodies acting through their voice, their organs or their members ---------------------------------------


def test_a_bodys_spokesperson_or_organ_acts_for_the_body():
    assert _actors("A Treasury spokesperson said the policy would protect families.\n") == ["Treasury"]
    assert _found("Barnsley Borough Council's planning committee approved the depot on Tuesday.\n") == [
        ("Barnsley Borough Council", "decision", "support", "2025-03-11")]


def test_councillors_voting_is_the_council_the_article_names():
    article = "Councillors voted to approve the low-traffic zone on Tuesday at a meeting of Kirkby Town Council.\n"
    assert _found(article) == [("Kirkby Town Council", "decision", "support", "2025-03-11")]
    assert _found("Councillors voted to approve the low-traffic zone on Tuesday.\n") == []  # no council named


def test_unnamed_ministers_deciding_are_the_government_but_not_when_they_only_speak():
    assert [(a, k) for a, k, _, _ in _found("Ministers have also agreed to extend the grant scheme.\n")] == [
        ("Government", "agreement")]
    assert _found("Ministers insisted the grant scheme was working.\n") == []


def test_a_fine_is_a_decision():
    assert _found("The Competition Authority fined the port operator £2m on Tuesday.\n")[0][:2] == (
        "Competition Authority", "decision")


def test_dismissing_a_plan_as_a_gimmick_is_criticism_and_a_hyphenated_tally_is_a_division():
    assert _found("Opposition leader Kay Dunn dismissed the rail plan as a gimmick.\n")[0][:3] == (
        "Kay Dunn", "criticism", "oppose")
    assert _found("MPs voted 300-250 to approve the harbour package on Wednesday.\n") == [
        ("House of Commons", "decision", "support", "2025-03-12")]


def test_among_those_voting_names_the_voters_with_the_direction_of_what_they_backed():
    found = _found("Among those voting against the parking levy were Anna Pryce and Tom Ellery.\n")
    assert {(a, s) for a, _, s, _ in found} == {("Anna Pryce", "oppose"), ("Tom Ellery", "oppose")}
    found = _found("Among the Labour MPs backing the amendment to scrap the cap were Ruth Dale and Sam Ives.\n")
    assert {(a, s) for a, _, s, _ in found} == {("Ruth Dale", "oppose"), ("Sam Ives", "oppose")}  # against the cap


def test_judges_are_the_court_of_the_news_not_the_court_of_a_later_appeal():
    article = (
        "Campaigners have won their High Court case over the parking levy.\n\n"
        "The council said it would appeal the decision at the Supreme Court.\n\n"
        "Three senior judges ruled on Tuesday that the levy was unlawful.\n"
    )
    assert ("High Court", "ruling", "oppose", "2025-03-11") in _found(article)
