"""The failure classes of the second held-out part (issue 18, third pass), each on invented copy:
names with a party possessive or letters after them, every kind of quote mark, passives without
"by", present positions, "told the Commons", coordinated subjects, role nouns, relative clauses,
"if" clauses, and the dates of relative days and of quotations."""

from __future__ import annotations

from datetime import date

from timeline.extract.extractor import extract

THURSDAY = date(2016, 12, 22)


def _one(article: str, published: date = THURSDAY, actor: str | None = None):
    found = [c for c in extract(article, published=published) if actor is None or c.actor == actor]
    assert len(found) == 1, [(c.actor, c.kind, c.evidence) for c in found]
    return found[0]


def test_a_party_possessive_is_an_affiliation_and_letters_after_a_name_are_not_part_of_it():
    marsden = _one('Labour\'s Gordon Marsden accused the government of trying to "sneak out" the changes.\n')
    assert (marsden.actor, marsden.role, marsden.kind, marsden.stance) == ("Gordon Marsden", "Labour", "criticism", "oppose")
    dodds = _one("Welsh Liberal Democrat Leader Jane Dodds MS called the decision “a disgrace”.\n")
    assert dodds.actor == "Jane Dodds" and dodds.kind == "criticism"


def test_a_possessive_inside_an_organisations_name_stays_in_it():
    found = extract("The King’s Fund welcomed the levy on Tuesday.\n", published=THURSDAY)
    assert [c.actor for c in found] == ["King’s Fund"]


def test_guillemets_and_low_quotes_are_quotations_and_their_words_give_the_stance():
    article = (
        "Kate Nicholls, chair of UKHospitality, said: «Businesses have reached their limit. The rise will cost jobs.» "
        "She called the rise „yet another burden“.\n\n"
        "Paul Nowak, general secretary of the TUC, said: « We welcome this pay rise, it is good for workers. »\n"
    )
    found = {c.actor: c for c in extract(article, published=THURSDAY)}
    assert found["Kate Nicholls"].stance == "oppose"
    assert "Businesses have reached their limit" in found["Kate Nicholls"].quote
    assert found["Paul Nowak"].stance == "support"


def test_said_outright_outweighs_counted_words_and_a_remedy_is_no_complaint():
    lowman = _one('James Lowman said: "We welcome the plans. The charge has been highly effective at reducing waste."\n')
    assert (lowman.kind, lowman.stance) == ("statement", "support")


def test_a_passive_without_by_goes_to_the_government_body_of_the_article():
    article = (
        "The Department for Education has rejected suggestions it wanted to hide the increase.\n\n"
        "Labour's Angela Rayner criticised the rise on Monday.\n\n"
        "The regulations to raise tuition fees were published last Thursday.\n"
    )
    decisions = [c for c in extract(article, published=THURSDAY) if c.kind == "decision"]
    assert [(c.actor, c.date) for c in decisions] == [("Department for Education", "2016-12-15")]


def test_a_passive_without_by_and_without_a_government_or_a_policy_subject_is_no_act():
    assert extract("The figures were published last Thursday.\n", published=THURSDAY) == []
    assert extract("The 5p levy was introduced in England in 2015.\n", published=THURSDAY) == []


def test_a_present_position_is_a_proposal_with_no_date():
    tories = _one('The Conservatives want MPs to have a free vote on the "untenable" plans.\n')
    assert (tories.actor, tories.kind, tories.date) == ("Conservatives", "proposal", None)


def test_told_the_commons_introduces_the_speakers_words():
    article = (
        "Transport Secretary Chris Grayling told the Commons: "
        '"Today I am laying before Parliament our final proposal for expanding Heathrow Airport."\n'
    )
    grayling = _one(article, published=date(2018, 6, 5))
    assert grayling.actor == "Chris Grayling" and grayling.stance == "support" and grayling.date == "2018-06-05"


def test_a_coordinated_subject_gives_each_actor_an_act_and_they_are_who_they_are_next():
    article = (
        "The Royal College of Nursing and the Royal College of Midwives said they were disappointed.\n"
        "Now they want the entire bill to be dropped.\n"
    )
    found = extract(article, published=THURSDAY)
    proposals = sorted(c.actor for c in found if c.kind == "proposal")
    assert proposals == ["Royal College of Midwives", "Royal College of Nursing"]
    assert all(c.stance == "oppose" for c in found if c.kind == "proposal")


def test_the_minister_is_the_last_minister_named():
    article = (
        "Labour criticised Health Secretary Wes Streeting over the plan.\n"
        "The minister said the reforms would save lives.\n"
    )
    assert "Wes Streeting" in [c.actor for c in extract(article, published=THURSDAY)]


def test_a_relative_clause_after_a_common_noun_is_not_the_names_act():
    article = "Mr Lansley yesterday faced heavy criticism from angry nurses who warned his plans would harm care.\n"
    assert extract(article, published=THURSDAY) == []


def test_an_if_clause_and_a_passive_infinitive_report_nothing():
    article = (
        "The only way the bill could be stopped would be if the Liberal Democrats blocked it.\n"
        "Caroline Lucas called for the levy to be scrapped.\n"
    )
    found = extract(article, published=THURSDAY)
    assert [(c.actor, c.kind, c.stance) for c in found] == [("Caroline Lucas", "proposal", "oppose")]


def test_dates_relative_to_the_date_line_and_never_of_what_is_merely_mentioned():
    article = (
        "Francis Maude said on Monday: \"Workers could strike for 15 minutes.\"\n\n"
        "Brendan Barber said unions would strike on 30 November.\n"
    )
    found = {c.actor: c for c in extract(article, published=date(2011, 11, 12))}
    assert found["Francis Maude"].date == "2011-11-07"
    assert found["Brendan Barber"].date == "2011-11-07"  # the lead date, not the strike he mentions


def test_today_in_a_quotation_dates_an_undated_act():
    article = 'Mr Gove said: "Today\'s announcement will build on the success of the charge."\n'
    assert _one(article, published=date(2018, 12, 27)).date == "2018-12-27"


def test_a_proposed_topic_is_never_missing_when_the_article_has_a_repeated_word():
    article = (
        "Jane Gratton warned that every wage increase leads to higher costs.\n"
        "She said a wage rise would hurt small firms.\n"
    )
    found = extract(article, published=THURSDAY)
    assert found and all(c.topic for c in found)


def test_a_body_named_by_one_word_acts_when_an_appositive_or_a_speech_verb_says_so():
    found = extract("Unison, the UK's largest union, said the pay offer was an insult.\n", published=THURSDAY)
    assert [(c.actor, c.kind) for c in found] == [("Unison", "criticism")]
    assert extract("Environmentalists said the plan was reckless.\n", published=THURSDAY) == []


def test_a_possessive_organisation_before_a_person_is_an_affiliation():
    found = extract("Friends of the Earth's Mike Childs said the ruling was a victory.\n", published=THURSDAY)
    assert [c.actor for c in found] == ["Mike Childs"]


def test_a_programme_named_today_is_no_date_and_a_week_ago_is_one():
    article = (
        "Chancellor Rachel Reeves announced a freeze on fuel duty on Wednesday.\n"
        "Speaking on BBC Radio 4's Today programme, the Chancellor said the freeze would help families.\n"
    )
    assert {c.date for c in extract(article, published=THURSDAY)} == {"2016-12-21"}
    week = _one("Health Secretary Jane Doe said a week ago that the plan would save lives.\n")
    assert week.date == "2016-12-12/2016-12-18"
    earlier = _one("Jane Doe, the health secretary, earlier this week announced plans to cut waiting lists.\n")
    assert earlier.date == "2016-12"  # not a week that runs past the date line


def test_an_appositive_title_is_the_role_and_a_title_before_the_name_too():
    davey = _one("'This is a disaster,' said Ed Davey, the Lib Dem leader.\n")
    assert (davey.actor, davey.role) == ("Ed Davey", "Lib Dem leader")
    reeves = _one("Chancellor Rachel Reeves said the plan would work.\n")
    assert (reeves.actor, reeves.role) == ("Rachel Reeves", "Chancellor")


def test_an_act_with_no_word_for_or_against_is_support_and_says_it_was_assumed():
    line = _one("Rachel Reeves said the rates would stay the same.\n").to_line()
    assert line["stance"] == "support" and "stance_note" in line["extra"]
