"""Dating one act: `date_event` chooses the date expression of the act's own clause (or a fronted one, or the
tense, or the article's lead event), and the helpers turn a calendar date, an offset ("a week later") or a
window after taking office into the act's date, its confidence and the note that says where it came from."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from events.dates import PartialDate, smallest_containing
from timeline.extract.acts import Event
from timeline.extract.anchors import after_main_day, first_told, hearing_argument, later_anchor, restates_perfect
from timeline.extract.clauses import is_court
from timeline.extract.dates import DateExpression, find_dates, office_date, offset_date, resolve
from timeline.extract.mentions import Mention

_REACTION = re.compile(
    r"(?i)\b(?:in response to|responding to|reacting to|in reaction to)\s+((?:yesterday|last night|"
    r"(?:last\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)))['’]s\b"
)


def date_from_offset(event: Event, expression: DateExpression, usable: list[DateExpression],
                     last_day: PartialDate | None) -> None:
    """"a week later" counts from the sentence's other date, else the last day the article named;
    "…, a week after the Treasury floated…" counts back from the sentence's other date."""
    here = [d.value for d in usable if d.kind == "calendar" and d.value]
    backwards = event.verb[0] > expression.end and expression.text.lower().endswith("after")
    anchor = here[0] if here else (None if backwards else last_day)
    event.date = offset_date(expression, anchor, backwards=backwards) if anchor else None
    if event.date is None:
        event.date_note = f"'{expression.text}': nothing in the article fixes the day it counts from"
        event.date_confidence = 0.6
    else:
        event.date_note = f"'{expression.text}' counted from {anchor}"
        event.date_confidence = 0.85


def date_from_expression(event: Event, expression: DateExpression) -> None:
    """A calendar date as it is; a window after taking office from the store's first role; else undated."""
    if expression.kind == "calendar":
        event.date = expression.value
        event.date_note = expression.note
        event.date_confidence = 1.0
    elif expression.kind == "office":
        event.date = office_date(expression, event.actor.office_start)
        if event.date is None:
            event.date_note = f"'{expression.text}': the store does not record when {event.actor.name} took office"
            event.date_confidence = 0.6
        else:
            event.date_note = f"'{expression.text}': {event.actor.name} took office {event.actor.office_start}"
            event.date_confidence = 0.9
    else:
        start = event.actor.office_start
        event.date_note = f"'{expression.text}'" + (f": before {start}" if start else ": the article gives no date")
        event.date_confidence = 0.6


def date_in_response(event: Event, published: date) -> bool:
    """"In response to yesterday's Budget, Mr Stride objected…": some time between that day and publication,
    as the smallest date containing both. False when the sentence says no such thing."""
    reaction = _REACTION.search(event.sentence.masked)
    day = resolve(reaction.group(1), published) if reaction else None
    if day is None or day.value is None or day.value.precision != "day" or day.future:
        return False
    event.date = smallest_containing(day.value.start, published)
    event.date_note, event.date_confidence = f"in response to {reaction.group(1)}'s event: by publication", 0.7
    return True


_BOUNDARY = re.compile(
    r"[,;:()–—]|\b(?:when|while|after|before|because|although|though|since|until|who|which|whose|whereas|"
    r"and|but|as)\b"
)
_PRESENT_PERFECT = re.compile(r"\b(?:has|have|'ve)\s+(?:\w+\s+){0,2}$")
_PLUPERFECT = re.compile(r"\bhad\s+(?:\w+\s+)?$")
_PRESENT_REPORTING = re.compile(r"^(?:says|say|insists|warns|claims|argues|believes|tells|adds|according)$")
# What may stand between a speech verb and the date of the speech: "said in a statement Thursday afternoon".
_RIGHT_AFTER = re.compile(
    r"[\s,]*(?:(?:in|on|to|at|during|via)\s+(?:a |an |the |his |her |its |their )?[\w’'-]+(?:\s+[\w’'-]+)?\s*,?\s*)?"
    r"(?:on|last|this|earlier|yesterday|today)?\s*"
)
# A fronted date inside a clause with its own subject and verb dates that clause, not the act: "Making his first
# statement since he was elected first minister last month, Yousaf told MSPs…" (sixth pass).
_SUBORDINATE = re.compile(r"\b(?:since|when|after|before|because|until|while|as)\s+(?:he|she|they|it|we|i|the\s+\w+)\s+"
                          r"(?:\w+\s+)?(?:was|were|had|has|have|is|are|\w+ed)\b[^,;]*$", re.IGNORECASE)
_PRESENT_POSITION = re.compile(r"^(?:wants?|opposes|supports|backs|believes|favours|rejects|would)$")


_HABITUAL = re.compile(r"(?i)\b(?:normally|usually|typically|traditionally|generally|always|routinely)\b")
_RECURRING = re.compile(r"(?i)^\s*(?:each|every)\s+(?:year|month|week)\b|^\s*annually\b")
_RELATIVE = re.compile(r",\s*(?:which|who|where|when|whose)\b[^,;]*$")


def background_date(masked: str, expression: DateExpression) -> bool:
    """A date of what normally happens, not of an act: "the annual payment, which normally changes on April 1 each
    year, will be kept…" — a date in a relative clause that tells a habit or a recurrence ("normally", "each year"),
    or followed by "each year" / "every year" / "annually", dates nothing and is no lead date (seventh pass)."""
    if _RECURRING.search(masked[expression.end :]):
        return True
    relative = _RELATIVE.search(masked[: expression.start])
    if relative is None:
        return False
    clause = masked[relative.start() : expression.end] + (re.match(r"[^,;.]*", masked[expression.end :]).group())
    return bool(_HABITUAL.search(clause) or _RECURRING.search(masked[expression.end :]))


def date_event(reader: Any, event: Event, dates: list[DateExpression], mentions: list[Mention]) -> None:
    """The date of the act itself from its own clause, a fronted date, a window, the tense or the lead event
    (`reader` keeps the lead date, the last day named and the publication day)."""
    sentence = event.sentence
    if event.reporting:
        # "said the decision to approve the funding in July 2022 was unlawful": July 2022 dates the
        # decision she spoke of; only a date right after the verb ("said on Wednesday") dates the speech
        verb_end = event.verb[1]
        told = re.match(r"(?i)\s*(?:told|tells)\s+(?:the\s+)?[\w’'-]+(?=\s+(?:on|last|this|yesterday|earlier|today)\b)",
                        sentence.masked[event.verb[0] :])
        verb_end = max(verb_end, event.verb[0] + told.end()) if told else verb_end  # "told MSPs on Tuesday afternoon"
        dates = [d for d in dates if d.end <= event.verb[0] or re.fullmatch(_RIGHT_AFTER, sentence.masked[verb_end : d.start])]
    usable = [d for d in dates if not d.future and d.kind not in ("anaphoric", "offset")]
    verb_clause = _clause_of(sentence.masked, event.verb[0], dates)
    own = [d for d in dates if _clause_of(sentence.masked, d.start, dates) == verb_clause and not d.future]
    own_mention = [m.start for m in mentions if m.entity is event.actor and m.end <= event.verb[0]]
    first_subject = own_mention[-1] if own_mention else min(
        (m.start for m in mentions if m.how != "pronoun"), default=len(sentence.masked))  # "Speaking on BBC Radio…, Mr Stride said"
    datable = [d for d in dates if not d.future and d.kind != "anaphoric"]
    fronted = [d for d in datable if d.end <= min(first_subject, event.verb[0])
               and not re.search(r"\bbut\b|;|\s[-–—]\s", sentence.masked[d.end : event.verb[0]])
               and not _SUBORDINATE.search(sentence.masked[: d.start])]
    # "Elisabeth Borne engaged, this Thursday, March 16, the responsibility of her government by using article 49.3 … to
    # adopt the reform": the sentence's one date, set off after its subject, dates the act it leads to (eighth pass)
    inserted = [d for d in datable if len(datable) == 1 and d.kind == "calendar" and first_subject < d.start
                and d.end <= event.verb[0] and re.search(r",\s*$", sentence.masked[: d.start])
                and not re.search(r"\b(?:who|which|that|whose|after|before|since|when|until|while|as|following|if)\b",
                                  sentence.masked[first_subject : d.start])]
    chosen = next((d for d in own if d.kind != "anaphoric"), None) or (fronted[0] if fronted else None) or (
        inserted[0] if inserted else None)
    if chosen is None and any(d.kind == "anaphoric" for d in own):
        others = [d for d in usable if d.kind == "calendar"]
        if others:
            chosen = min(others, key=lambda d: abs(d.start - event.verb[0]))
    if chosen is None and usable and re.search(r"\b(?:when|as|while)\s+(?:\S+\s+){0,3}$", sentence.masked[: event.verb[0]].lower()):
        chosen = usable[0]
    if chosen is not None and chosen.kind == "offset":
        date_from_offset(event, chosen, usable, reader.anchor)
        return
    if chosen is not None:
        date_from_expression(event, chosen)
        return
    before = sentence.masked[: event.verb[0]].lower()
    verb_word = sentence.masked[event.verb[0] : event.verb[1]].lower().split()[0]
    if date_in_response(event, reader.published):
        return
    later = next((d for d in datable if later_anchor(d) and d.start >= event.verb[1]), None)
    main = after_main_day(sentence.masked, event.verb[0], datable)
    if later is not None:  # "X voted against the motion, and faces sanctions at a meeting held later on Wednesday evening"
        event.date, event.date_confidence = later.value, 0.8
        event.date_note = f"before what happened '{later.text}': that day"
    elif main is not None:
        event.date, event.date_confidence = main.value, 0.75
        event.date_note = f"what the news of '{main.text}' came after: that day"
    elif datable:
        event.date_note = "the sentence dates another event; nothing dates this one"
    elif first_told(before):
        event.date_note = "told as the first of its kind ('first proposed'): earlier than the news, the article does not say when"
    elif _PRESENT_PERFECT.search(before):
        event.date_note = "present perfect: the article does not say when"
    elif _PLUPERFECT.search(before):
        event.date_note = "past perfect: earlier than the events reported, the article does not say when"
    elif _PRESENT_REPORTING.match(verb_word) and restates_perfect(reader.events, event):
        event.date_note = "says what its present-perfect act said: the article does not say when"
    elif _PRESENT_REPORTING.match(verb_word):
        event.date, event.date_confidence = PartialDate.of(reader.published), 0.85
        event.date_note = "present tense: taken as the day of publication"
    elif _PRESENT_POSITION.match(verb_word):
        event.date_note = "a position told in the present: the article does not say since when"
    elif hearing_argument(sentence.masked, event.verb[0]) and not is_court(event.actor):
        event.date_note = "an argument put to the court: made at the hearing, the article does not say when"
    elif reader.main_date is not None:
        reader._lead_date(event)
    else:
        event.pending = True
        event.date_note = "the article gives no date"
    if event.date is None:
        event.date_confidence = 0.6


def _clause_of(masked: str, position: int, dates: list[DateExpression]) -> int:
    """Index of the clause that contains `position` (boundaries inside date expressions don't count)."""
    count = 0
    for match in _BOUNDARY.finditer(masked[:position]):
        if any(d.start <= match.start() < d.end for d in dates):
            continue
        count += 1
    return count


# An accusation told in the passive with no accuser, and dated: "The Government was today accused of 'picking the pockets'…"
_UNNAMED_ACCUSATION = re.compile(r"\b(?:was|were|has been|have been)\s+(?:(?:today|yesterday|\w+ly)\s+)?(?:accused|criticised|criticized|"
                                 r"attacked|slammed|condemned|blasted)\b(?![^.;]{0,60}\bby\b)")


def unnamed_accusation(masked: str, dates: list[DateExpression]) -> tuple[PartialDate, str] | None:
    """The day of an accusation whose accuser the sentence does not name, for the accuser named later (sixth pass)."""
    if _UNNAMED_ACCUSATION.search(masked) is None:
        return None
    days = [d for d in dates if d.kind == "calendar" and d.value and d.value.precision == "day" and not d.future]
    return (days[0].value, days[0].text) if days else None


def date_by_accusation(event: Event, accusation: tuple[PartialDate, str] | None) -> None:
    """"But the move has been slammed by Charity Age UK": an undated criticism told in the passive with its agent, after
    an unnamed accusation dated "today", is that accusation: it takes its day."""
    masked = event.sentence.masked
    if accusation is None or event.kind != "criticism" or event.date is not None or "present perfect" not in (event.date_note or ""):
        return
    if not re.match(r"\s+by\b", masked[event.verb[1] :]) or not re.search(r"\b(?:been|was|were)\s+$", masked[: event.verb[0]]):
        return
    event.date, event.date_confidence = accusation[0], 0.7
    event.date_note = f"the accuser of '{accusation[1]}' told earlier without a name"


def late_lead_date(events: list[Event], lead_sentences: int) -> tuple[PartialDate, str] | None:
    """With no date in the lead, the lead event's day may come later, told by the lead's first actor: "Steve Barclay
    promised… as he revealed the payments" … "Mr Barclay said on Thursday that premium payments will be offered" (sixth
    pass). Only that actor: another's dated act later ("In his speech on Wednesday, Mr Sunak said") is another event."""
    first = next((e.actor for e in events if e.rank <= lead_sentences and not e.continuation), None)
    for event in events:
        if event.actor is first and event.date is not None and event.date.precision == "day" \
                and event.date_confidence >= 0.75 and not event.pending:
            return event.date, f"{event.actor.name}'s act dated later in the article: {event.date_note or event.date}"
    return None


# The end of a court case told as background: "a joint judicial review of the proposals … ended successfully on 21 June".
_CASE_END = re.compile(r"(?i)\b(?:judicial review|legal challenge|court challenge|legal action|court case|lawsuit|appeal)\b"
                       r"[^.;]{0,120}?\b(?:ended|concluded|succeeded|failed|was (?:won|lost|upheld|dismissed))\b[^.;]{0,25}$")


def case_end_date(article: Any, published: date) -> tuple[PartialDate, str] | None:
    """With no date in the lead, the day a court case the article tells of ended is the day of its news, the ruling's
    (seventh pass): "…after the High Court ruled…" … "a judicial review … ended successfully on 21 June"."""
    for sentence in (s for s in article.sentences if s.body):
        for d in find_dates(sentence, published):
            if d.kind == "calendar" and d.value and d.value.precision == "day" and not d.future \
                    and _CASE_END.search(sentence.masked[: d.start]):
                return d.value, f"the day the case ended: '{d.text}'"
    return None
