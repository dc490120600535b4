"""One act, one candidate, and the kind an act takes (issue 18, second pass): a speaker's words
across others' reactions, acts told in the speaker's own words, courts, acronyms in brackets and a
line that introduces a quotation."""

from __future__ import annotations

from datetime import date

from timeline.extract.extractor import extract

DAY = date(2024, 3, 14)


def test_a_speakers_later_statement_joins_the_act_across_others_reactions():
    article = (
        "Michael Gove said councils that block housing would be named and shamed.\n\n"
        "Labour said the government had failed.\n\n"
        "The National Housing Federation said the plans would mean fewer homes.\n\n"
        "In a speech in London, Mr Gove said the government would publish league tables.\n"
    )
    gove = [c for c in extract(article, published=DAY) if c.actor == "Michael Gove"]
    assert len(gove) == 1
    assert gove[0].kind == "proposal"


def test_a_differently_dated_statement_stays_its_own_act():
    article = (
        "Mel Stride criticised the Budget on Wednesday.\n\n"
        "Labour said the Budget was fair.\n\n"
        "Speaking on Thursday, Mr Stride said the Budget broke a promise.\n"
    )
    assert len([c for c in extract(article, published=DAY) if c.actor == "Mel Stride"]) == 2


def test_an_act_told_in_the_speakers_own_words_is_a_decision():
    article = 'Mark Harper said: "We have seen rising costs, and so we will rephase construction by two years."\n'
    (harper,) = extract(article, published=DAY)
    assert harper.kind == "decision"


def test_what_a_judge_blocks_is_a_ruling_and_her_next_sentence_the_same_act():
    article = (
        'Judge Colleen Kollar-Kotelly held that the plaintiffs "have established that they will be injured".\n\n'
        "She blocked provisions having to do with accession and retention directives.\n"
    )
    found = extract(article, published=DAY)
    assert [(c.actor, c.kind) for c in found] == [("Colleen Kollar-Kotelly", "ruling")]


def test_an_acronym_in_brackets_is_the_organisation_just_named():
    article = "But the Department for Education (DfE) has refused to publish the advice.\n\nThe DfE declined to comment.\n"
    (dfe,) = extract(article, published=DAY)
    assert (dfe.actor, dfe.kind) == ("Department for Education", "refusal")


def test_a_line_ending_in_a_colon_before_a_quotation_is_body_not_a_heading():
    article = (
        "Lord Adonis, the former Transport Secretary, who has called for more rail spending, posted on Twitter:\n\n"
        '"HS2 review is about as stupid as you can get. What a shambles."\n'
    )
    found = extract(article, published=DAY)
    assert [(c.actor, c.kind) for c in found] == [("Lord Adonis", "criticism")]
