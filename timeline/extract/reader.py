"""Reading acts out of sentences: the verbs of the lexicon, their subjects and their dates.

For each body sentence: find the verbs outside quotations, give each its subject (the nearest actor
mention on its left; the mention after it when the verb follows a quotation, "…,’ said Mr Rama";
the agent after "by" in the passive; the last fitting actor for "he"/"she"), drop the verbs that
report no event (modals and plans, negations, "declined to comment", what a speaker said someone
else did), then date each act from its own clause: the date of the speech act, not of what it
mentions, never more precise than the text.
"""

from __future__ import annotations

import itertools
import re
from datetime import date

from events.dates import PartialDate
from timeline.extract import lexicon as lx
from timeline.extract.acts import Event
from timeline.extract.anchors import later_anchor, policy_content, scheduled, undate_causes, with_seasons
from timeline.extract.chambers import chamber_events
from timeline.extract.clauses import attach_quotes, bench_voice, is_court
from timeline.extract.dates import find_dates
from timeline.extract.dating import (background_date, case_end_date, date_by_accusation, date_event, late_lead_date,
                                     unnamed_accusation)
from timeline.extract.gazetteer import Gazetteer
from timeline.extract.mentions import Entity, Mention, MentionFinder
from timeline.extract.names import media_outlet
from timeline.extract.officers import officer_events
from timeline.extract.passive import co_subjects
from timeline.extract.posts import paragraph_statement
from timeline.extract.subjects import Subjects
from timeline.extract.text import MASK, Sentence
from timeline.extract.verbs import find_verbs
from timeline.extract.votes import vote_events

# A party's members voting ("Labour and Plaid Cymru MSs voted in support"): the party's position, not a chamber's decision.
_MEMBERS_VOTED = re.compile(r"\s(?:MPs|MSs|MSPs|AMs|MEPs|TDs|[Mm]embers|councillors|senators|peers)\s+(?:\w+ly\s+)?$")
# An indirect question put to the speaker: its words (and its dates, its time words) are not the answer's (eighth pass).
_ASKED = re.compile(r"(?i)\basked\b[^,;]*?\b(?:how|why|whether|what|when|if)\b[^,;]*")
_QUOTED_TODAY = re.compile(r"(?i)\b(?:today|this morning|this afternoon|this evening|tonight)\b")
_TIME_SHIFT = re.compile(r"\b(?:before|after|following|later|earlier|afterwards|subsequently|previously)\b")


_POLICY_SUBJECT = re.compile(
    r"^(?:[A-Z]\w*,\s+)?(?:[Tt]he|[Tt]his|[Tt]hat|[Ii]ts) (?:[\w’'-]+ ){0,3}?(?:bill|act|law|legislation|scheme|plan|policy|"
    r"measures?|rules|regulations?|proposals?|order|strategy|amendment|cap|levy|tax|ban|clause)\s+(?:also\s+)?"
    r"(?:\w+s|will|would|has|is|was)\b")
_DECISION_TODAY = re.compile(r"(?i)\b(?:decision|approval|go-ahead|consent)\b[^.;]{0,60}?\btoday\b")
LEAD_SENTENCES = 5  # the lead event's day is looked for in the body's first sentences
_PLURAL_SUBJECT = re.compile(r"(?:^|,\s+)(?:[Tt]he|[Tt]hese|[Tt]hose|[Tt]heir|[Ss]ome|[Mm]any)\s+(?:[\w’'-]+\s+){0,3}?"
                             r"([a-z][\w-]*[^s\W’']s)\s+(?:\w+ly\s+)?(?:said|say|argued|argue|claimed|claim|insisted|insist|"
                             r"warned|warn|told|contended|maintained|complained|added)\b")


def _unnamed_plural_subject(masked: str, mentions: list[Mention]) -> bool:
    """The sentence's speaker is a plural common noun, not an actor: "the local authorities' lawyers said", "Critics
    argued" — so the "they" of the next sentence is them, not an organisation named earlier (seventh pass)."""
    found = _PLURAL_SUBJECT.search(masked)
    return bool(found) and not any(m.start <= found.start(1) < m.end for m in mentions)


class Reader(Subjects):
    """Reads the body's sentences in order, keeping what later sentences need (the lead date, the last day named)."""

    def __init__(self, finder: MentionFinder, gazetteer: Gazetteer, published: date) -> None:
        self.finder = finder
        self.gazetteer = gazetteer
        self.published = published
        self.events: list[Event] = []
        self.main_date: tuple[PartialDate, str] | None = None
        self.body_seen = 0
        self.complement_from: int | None = None  # where the last sentence's reported speech began
        self.last_day: PartialDate | None = None  # the latest day the article named, for "a week later"
        self.last_group: list[Entity] = []  # "The RCN and the RCM said…": who "they" are next
        self.previous_subject: Entity | None = None  # who acted first in the last sentence, for "he"/"she"
        self.pronoun_subject = False  # the subject just found was a pronoun
        self.current: list[Event] = []  # the acts found so far in the sentence being read
        self.heading_today: str | None = None  # a heading, caption or lead sentence that says "today"
        self.policy_subject = False  # the last sentence's subject was a policy ("the bill requires…")
        self.decision_today: str | None = None  # a passage that says a decision is today's
        self.accusation: tuple[PartialDate, str] | None = None  # "X was today accused of…", accuser unnamed
        self.vote_memory: dict = {}  # a group of voters told of, whose names may follow (votes.group_voters)
        self.plural_unnamed = False  # the last sentence's subject was an unnamed plural ("the councils' lawyers said")
        self.later_day: tuple[PartialDate, str] | None = None  # the first "later on Wednesday" of the article

    def read(self, sentence: Sentence, mentions: list[Mention]) -> None:
        self.body_seen += 1
        asked = [m.span() for m in _ASKED.finditer(sentence.masked)]  # "Asked how he would … before April 1, X said"
        dates = [d for d in with_seasons(find_dates(sentence, self.published), sentence.masked, self.published)
                 if not background_date(sentence.masked, d) and not policy_content(sentence.masked, d)
                 and not any(a <= d.start < b for a, b in asked)]
        if self.main_date is None and self.body_seen <= LEAD_SENTENCES:
            for d in dates:
                # not "was due to charge … from June 1" nor "by December 31": a schedule, not the news (`anchors`)
                if d.kind == "calendar" and d.value and d.value.precision == "day" and not d.future \
                        and not scheduled(sentence.masked[: d.start]):
                    self.main_date = (d.value, d.text)
                    break
        if sentence.pure_quote:
            speaker = self.events[-1] if self.events else None
            if speaker is not None:
                event = Event(sentence, (0, 0), speaker.actor, "statement", None, 0.6, True, 0.8, [sentence],
                              continuation=True, rank=self.body_seen)
                event.quotes = [sentence.quote_text(q) for q in sentence.quotes]
                event.date, event.date_note, event.date_confidence = speaker.date, speaker.date_note, speaker.date_confidence
                self.events.append(event)
            return
        self.anchor = self.last_day
        self.later_day = self.later_day or next(((d.value, d.text) for d in dates if later_anchor(d)), None)
        for d in dates:
            if d.kind == "calendar" and d.value and d.value.precision == "day" and not d.future:
                self.last_day = d.value
        found = self._events_of(sentence, mentions)
        found += vote_events(sentence, mentions, found, self.finder, self.body_seen, self.vote_memory)
        found += officer_events(sentence, self.finder, self.body_seen, found)
        found += chamber_events(sentence, mentions, self.body_seen, found)
        framing = sentence.masked[: self.complement_from] if self.complement_from else sentence.masked
        # "Asked by a reporter how he would reverse the tax before it rises…, Carney responded": a time word inside the
        # question asked is not the moment of the answer (eighth pass)
        framing = _ASKED.sub(" ", framing)
        # nor one that places the occasion where it was said ("said Carney, at a press conference following his swearing-in")
        framing = re.sub(r"(?i)\bat (?:a|an|the|his|her|their|its) (?:[\w-]+ ){0,2}?(?:conference|briefing|rally|meeting|event|summit|"
                         r"hustings|session)\s+(?:following|after|before)\b[^,;.]*", " ", framing)
        shifted = bool(_TIME_SHIFT.search(framing.lower()))
        attach_quotes(sentence, found)
        for event in found:
            event.shifted = shifted
            if not event.pending:  # a member's vote named in a later sentence waits for the vote's day
                date_event(self, event, dates, mentions)
                date_by_accusation(event, self.accusation)
        self.accusation = self.accusation or unnamed_accusation(sentence.masked, dates)
        for first, event in itertools.pairwise(found):
            if event.actor is first.actor and first.date is None and "present perfect" in (first.date_note or "") and (
                    event.pending or (event.date_note or "").startswith("not dated in its")) and re.fullmatch(
                    r"[^.;]*\s(?:and|but)\s+(?:also\s+)?", sentence.masked[first.verb[1] : event.verb[0]]):
                # "have claimed … and accused": the auxiliary governs both verbs, so both are undated
                event.date, event.pending, event.date_note = None, False, first.date_note
        undate_causes(found, sentence.masked)
        for event, teller in itertools.pairwise(found):
            telling = teller.reporting or re.match(r"(?i)announc|confirm", teller.sentence.masked[teller.verb[0] :])
            if event.date is None and telling and teller.date is not None and "present perfect" in (event.date_note or ""):
                # "A third runway has been given the go-ahead by the Cabinet, Chris Grayling announced on Tuesday"
                event.date, event.date_confidence = teller.date, 0.8
                event.date_note = f"told as news by {teller.actor.name}: {teller.date_note or teller.date}"
        for event in found:
            if self.main_date is None and self.body_seen <= 5 and event.date is not None and event.date.precision == "day" \
                    and event.date_confidence >= 0.75:
                self.main_date = (event.date, event.date_note or str(event.date))
        self.events.extend(found)
        self._decision_today(sentence)
        self.plural_unnamed = not found and _unnamed_plural_subject(sentence.masked, mentions)
        first = (found[0].speaker or found[0].actor) if found else None
        self.previous_subject = first if first is not None and first.kind == "person" else None
        # "Elsewhere, the bill requires …" then "It also introduces …": "it" is the policy, not an actor
        self.policy_subject = bool(_POLICY_SUBJECT.match(sentence.masked)) or (
            self.policy_subject and sentence.masked.startswith("It ") and not found)
        if self.heading_today is None and self.body_seen <= LEAD_SENTENCES and re.search(
                r"(?i)\btoday\b(?!['’]s| programme)|\btonight\b", sentence.masked):
            # "delaying an announcement on cuts until today", "tonight's numbers" (a vote's; ninth pass): the lead says
            # the news is of the day of publication
            self.heading_today = sentence.masked.strip()[:60]

    def _decision_today(self, sentence: Sentence) -> None:
        found = _DECISION_TODAY.search(sentence.masked)
        if found is not None and self.decision_today is None:
            self.decision_today = found.group()

    def heading(self, sentence: Sentence, mentions: list[Mention] | None = None) -> None:
        """A caption or heading yields no act, but its "today" says the news is of the day of publication; an
        embedded post or a pull quote, which look like captions, is its author's statement (`posts`)."""
        if self.heading_today is None and re.search(r"(?i)\btoday\b", sentence.masked):
            self.heading_today = sentence.masked.strip()[:60]
        self._decision_today(sentence)
        post = paragraph_statement(sentence, mentions or [], self.finder.article, self.body_seen)
        if post is not None:
            self.events.append(post)

    def finish(self) -> None:
        """Undated past-tense acts told before the article's lead date was found take it now."""
        if self.main_date is None and self.heading_today is not None:
            # "Sugary drinks were in the Chancellor's firing line today" (a caption): the news is of the day
            self.main_date = (PartialDate.of(self.published), f"today, in a heading or caption: {self.heading_today}")
        # "in a meeting held later on Wednesday evening": the news before it was of that Wednesday (ninth pass)
        self.main_date = self.main_date or late_lead_date(self.events, LEAD_SENTENCES) or self.later_day or case_end_date(
            self.finder.article, self.published)
        for i, event in enumerate(self.events):
            if not event.pending:
                continue
            told = [event, *itertools.takewhile(lambda e: e.continuation and e.actor is event.actor, self.events[i + 1 :])]
            if any(_QUOTED_TODAY.search(q) for e in told for q in e.quotes):
                event.pending = False
                if self.main_date is not None:  # said on the day of the news the article reports
                    self._lead_date(event)
                    event.date_note = f"'today' in the speaker's own words: the day of the lead event ('{self.main_date[1]}')"
                    continue
                event.date, event.date_confidence = PartialDate.of(self.published), 0.75
                event.date_note = "'today' in the speaker's own words: taken as the day of publication"
                self.main_date = (event.date, "today")
        for event in self.events:
            if event.pending and self.main_date is not None:
                event.pending = False
                self._lead_date(event)
        if self.decision_today is not None and self.main_date is not None:
            for event in self.events:
                if event.kind in ("decision", "ruling") and event.rank <= 2 and event.date is None \
                        and "present perfect" in (event.date_note or ""):
                    # "Rosebank … has been granted consent by the regulator", and a post on "the decision to approve
                    # Rosebank today": the lead's decision is dated by the passage that says it is today's
                    event.date, event.date_confidence = self.main_date[0], 0.7
                    event.date_note = f"told as today's decision elsewhere in the article: '{self.decision_today}'"
                    break

    def _lead_date(self, event: Event) -> None:
        """An undated past-tense act in a report of one news event takes the lead event's date."""
        value, phrase = self.main_date
        event.date, event.date_confidence = value, 0.8
        event.date_note = f"not dated in its sentence: the date of the article's lead event ('{phrase}')"

    def _events_of(self, sentence: Sentence, mentions: list[Mention]) -> list[Event]:
        masked = sentence.masked
        events: list[Event] = []
        complement_from: int | None = None
        verbs = find_verbs(masked)
        for start, end, verb in verbs:
            if complement_from is not None and start >= complement_from:
                resumed = re.search(r"\b(?:and|but)\b(?:[^.;]{0,40},)?\s+(?:he|she)\s+$", masked[complement_from:start])
                # "X was accused of … today after he was shamed into … and U-turning": a clause of its own (seventh pass)
                own = re.search(r"\b(?:after|as|when)\s+(?:he|she|they)\s+(?:was|were|had)\s+\w+ed\b[^.;]*\band\s+$",
                                masked[complement_from:start])
                # "The Greens have claimed the plan is flawed and accused the minister of…": a second verb of the
                # subject, a criticism joined by "and" with no subject of its own
                second = verb.kind == "criticism" and re.search(r"\s(?:and|but)\s+(?:also\s+)?$", masked[complement_from:start]) \
                    and not re.search(r"\b(?:had|would|will|could|should)\b", masked[complement_from:start])
                if not (((resumed or second) and events) or own):
                    break  # what a speaker said someone did is not an event of this article
                # "Mr Lansley admitted he had been rebuked and in a major concession, he conceded…": a new clause
            relative = re.search(r",\s*who\s+[^,]*$", masked[:start])
            if relative and re.match(r"[^,]*,", masked[end:]) and any(v[0] > end for v in verbs):
                continue  # "Lord Adonis, …, who has called for more spending, posted…": background, the main verb follows
            if events and re.search(r",\s*(?:which|who|whose|where)\b", masked[events[-1].verb[1] : start]):
                continue  # "… set out its support in a statement, which … has been approved by the Cabinet": background
            if re.search(r",\s*(?:\w+ly\s+)?$", masked[:start]) and masked[start:end].endswith("ed") and \
                    re.match(r"\s+(?:for|over)\b", masked[end:]):
                continue  # "The regulator, strongly criticised for allowing…, has been accused": a participle in apposition
            if lx.CONDITIONAL.search(masked[:start]):
                continue  # "the only way it could be stopped would be if the Lib Dems blocked it": nothing happened
            if verb.kind == "decision" and re.match(r"publish|(?:placed|put|posted) (?:online|on)", masked[start:end].lower()) and not (
                    lx.POLICY_OBJECT.search(masked[end : end + 50]) if not lx.PASSIVE.search(masked[:start].lower())
                    else lx.POLICY_OBJECT.search(masked[max(0, start - 80) : start])):
                continue  # "a report published by…", "published its annual accounts": no policy act
            self.pronoun_subject, self.current = False, events
            subject = self._subject(sentence, mentions, start, end, verb)
            if subject is not None and media_outlet(subject[0].name, subject[0].known):
                subject = None  # an outlet reports acts, it does not do them: no candidate rather than a doubtful actor
            coordinated = re.search(r"(?:\band|\bbut|,)\s+(?:(?:also|then|later|\w+ly)\s+)?$", masked[:start])
            if coordinated and events and not any(coordinated.start() <= m.start < start for m in mentions) \
                    and not re.match(r"\s+by\b", masked[end:]):  # not "…welcomed by unions but criticised by small firms"
                subject = events[-1].actor, events[-1].subject_confidence  # "X welcomed Ms Y … but stressed": X stressed
            if subject is not None:
                actor, confidence = subject
                court = bench_voice(actor, masked, self.finder._one_court())
                speaker, actor = (actor, court) if court is not None else (None, actor)
                if verb.kind in ("refusal", "decision") and is_court(actor):
                    verb = lx.Verb(verb.pattern, "ruling", verb.stance, verb.reporting, verb.weight)
                if re.match(r"voted|backed|supported", masked[start:end]) and _MEMBERS_VOTED.search(masked[:start]):
                    verb = lx.Verb(verb.pattern, "statement", verb.stance, verb.reporting, verb.weight)
                group = co_subjects(masked, mentions, actor, start) or (self.last_group if self._they(masked, start) else [])
                for member in group or [actor]:
                    events.append(Event(sentence, (start, end), member, verb.kind, verb.stance, verb.weight,
                                        verb.reporting, confidence, [sentence], rank=self.body_seen,
                                        by_pronoun=self.pronoun_subject, speaker=speaker))
                self.last_group = group if len(group) > 1 else self.last_group if self._they(masked, start) else []
            if verb.kind == "criticism" and re.match(r"accus", masked[start:end].lower()) and complement_from is None:
                accused_of = re.match(r"\s+(?:[^\s,.;:]+\s+){0,6}?of\b", masked[end:])
                if accused_of:  # "accused the government of lacking the courage … as they had promised": the charge
                    complement_from = end + accused_of.end()
                    continue
            quoted_before = re.search(rf"{MASK}\s?[’”\"'»›“]?\s*,?\s*(?:\S+\s+){{0,3}}$", masked[:start])
            if (verb.reporting and not quoted_before) or re.match(r"\s+(?:\w+\s+){0,3}?that\b", masked[end:].lower()):
                complement_from = end
        self.complement_from = complement_from
        return events
