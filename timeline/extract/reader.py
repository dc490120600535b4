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
from timeline.extract.clauses import attach_quotes, bench_voice, inside_parenthesis, is_court, names_end
from timeline.extract.dates import find_dates
from timeline.extract.dating import (background_date, case_end_date, date_by_accusation, date_event, late_lead_date,
                                     unnamed_accusation)
from timeline.extract.gazetteer import Gazetteer
from timeline.extract.mentions import Entity, Mention, MentionFinder
from timeline.extract.officers import officer_events
from timeline.extract.passive import agent_from_context, co_subjects
from timeline.extract.posts import paragraph_statement
from timeline.extract.text import MASK, QUOTE_MARKS, Sentence
from timeline.extract.verbs import find_verbs
from timeline.extract.votes import vote_events

_SKIPPABLE = re.compile(
    r"(?i)^(?:also|now|then|later|earlier|again|once|already|still|just|only|even|swiftly|quickly|first|long|"
    r"immediately|publicly|formally|repeatedly|twice|yesterday|today|tonight|last|night|week|month|year|"
    r"was|were|is|are|has|have|had|been|being|be|not|on|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|morning|afternoon|evening|this|ago|fortnight|january|february|march|april|may|june|july|august|september|"
    r"october|november|december|\d{1,2}(?:st|nd|rd|th)?|\d{4}|a|an|in|two|three|four|five|six|days?|weeks?|months?|"
    r"years?|\w+ly)$"
)
_POST_NOMINALS = {"MP", "MS", "MSP", "AM", "MEP", "MLA", "QC", "KC", "OBE", "CBE", "MBE",
                  "MPs", "MSs", "MSPs", "AMs", "MEPs", "TDs", "Members"}  # "Plaid Cymru MSs voted": the party's members
# A party's members voting ("Labour and Plaid Cymru MSs voted in support"): the party's position, not a chamber's decision.
_MEMBERS_VOTED = re.compile(r"\s(?:MPs|MSs|MSPs|AMs|MEPs|TDs|[Mm]embers|councillors|senators|peers)\s+(?:\w+ly\s+)?$")
_QUOTED_TODAY = re.compile(r"(?i)\b(?:today|this morning|this afternoon|this evening|tonight)\b")
_TIME_SHIFT = re.compile(r"\b(?:before|after|following|later|earlier|afterwards|subsequently|previously)\b")


# A body's voice or organ between its name and the verb ("A Treasury spokesperson said", "X's executive board approved").
_ORGAN = re.compile(r"(?:['’]s)?\s+(?:[a-z]+\s+){0,2}?(?:spokes(?:man|woman|person)|press office|board|cabinet|committee|"
                    r"executive|panel)\s+(?:(?:has|have|had|also|\w+ly)\s+)?")
# Unnamed ministers deciding: "Ministers agreed to amend the bill", "ministers have decided to…".
_MINISTERS = re.compile(r"(?:^|[,;]\s*|\band\s+)(?:[Mm]inisters|[Tt]he [Mm]inisters)\s+(?:(?:have|has|had|also|\w+ly)\s+){0,2}$")
_POLICY_SUBJECT = re.compile(
    r"^(?:[A-Z]\w*,\s+)?(?:[Tt]he|[Tt]his|[Tt]hat|[Ii]ts) (?:[\w’'-]+ ){0,3}?(?:bill|act|law|legislation|scheme|plan|policy|"
    r"measures?|rules|regulations?|proposals?|order|strategy|amendment|cap|levy|tax|ban|clause)\s+(?:also\s+)?"
    r"(?:\w+s|will|would|has|is|was)\b")
_DECISION_TODAY = re.compile(r"(?i)\b(?:decision|approval|go-ahead|consent)\b[^.;]{0,60}?\btoday\b")
LEAD_SENTENCES = 5  # the lead event's day is looked for in the body's first sentences
# A named subject coordinated with an unnamed plural: "the Scottish Greens and environment campaigners argued".
_JOINT_UNNAMED = re.compile(r"\s+and\s+(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*[^s\W]s\s+(?:\w+ly\s+)?$")
_PLURAL_SUBJECT = re.compile(r"(?:^|,\s+)(?:[Tt]he|[Tt]hese|[Tt]hose|[Tt]heir|[Ss]ome|[Mm]any)\s+(?:[\w’'-]+\s+){0,3}?"
                             r"([a-z][\w-]*[^s\W’']s)\s+(?:\w+ly\s+)?(?:said|say|argued|argue|claimed|claim|insisted|insist|"
                             r"warned|warn|told|contended|maintained|complained|added)\b")


def _unnamed_plural_subject(masked: str, mentions: list[Mention]) -> bool:
    """The sentence's speaker is a plural common noun, not an actor: "the local authorities' lawyers said", "Critics
    argued" — so the "they" of the next sentence is them, not an organisation named earlier (seventh pass)."""
    found = _PLURAL_SUBJECT.search(masked)
    return bool(found) and not any(m.start <= found.start(1) < m.end for m in mentions)


class Reader:
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

    def read(self, sentence: Sentence, mentions: list[Mention]) -> None:
        self.body_seen += 1
        dates = [d for d in find_dates(sentence, self.published) if not background_date(sentence.masked, d)]
        if self.main_date is None and self.body_seen <= LEAD_SENTENCES:
            for d in dates:
                scheduled = re.search(r"\b(?:from|until|till|starting|due to|set to|expected to|will|would)\b[^,;]*$",
                                      sentence.masked[: d.start].lower())
                if d.kind == "calendar" and d.value and d.value.precision == "day" and not d.future and not scheduled:
                    self.main_date = (d.value, d.text)  # not "was due to charge … from June 1": a schedule, not the news
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
        for d in dates:
            if d.kind == "calendar" and d.value and d.value.precision == "day" and not d.future:
                self.last_day = d.value
        found = self._events_of(sentence, mentions)
        found += vote_events(sentence, mentions, found, self.finder, self.body_seen, self.vote_memory)
        found += officer_events(sentence, self.finder, self.body_seen, found)
        framing = sentence.masked[: self.complement_from] if self.complement_from else sentence.masked
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
                r"(?i)\btoday\b(?!['’]s| programme)", sentence.masked):
            # "delaying an announcement on cuts until today": the lead says the news is of the day of publication
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
        self.main_date = self.main_date or late_lead_date(self.events, LEAD_SENTENCES) or case_end_date(
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
            coordinated = re.search(r"(?:\band|\bbut|,)\s+(?:(?:also|then|later|\w+ly)\s+)?$", masked[:start])
            if coordinated and events and not any(coordinated.start() <= m.start < start for m in mentions):
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

    # -- subjects ----------------------------------------------------------------------------

    def _subject(self, sentence: Sentence, mentions: list[Mention], start: int, end: int,
                 verb: lx.Verb) -> tuple[Entity, float] | None:
        masked = sentence.masked
        before = masked[:start]
        verb_word = masked[start:end].split()[0].lower()
        if verb_word == "according":  # "…, according to Minister for Housing James Browne"
            after = [m for m in mentions if m.start >= end and m.start - end <= 40 and m.how != "pronoun"]
            return (after[0].entity, after[0].confidence) if after else None
        if lx.PASSIVE.search(before.lower()) and not verb_word.endswith("ing"):
            agent = self._agent(masked, mentions, end)
            if agent is None and verb.kind in ("decision", "proposal") and not re.search(r"\bby\b", masked[end : end + 60]):
                return agent_from_context(before, masked, self.published.year, mentions, self.events,
                                          list(self.finder.cast.entities.values()))
            return agent
        if re.search(r"[’”\"'»›“]\s*,?\s*$", before) and MASK in before:
            # "‘…,’ said its director, Graham Pike": the speaker follows the verb
            after = [m for m in mentions if m.start >= end and m.start - end <= 80 and not m.possessive
                     and not m.after_preposition]
            if after and after[0].how != "pronoun":
                return after[0].entity, after[0].confidence
        organ = self._organ(masked, mentions, start)
        if organ is not None:
            return organ
        joint = _JOINT_UNNAMED.search(before)
        named = [m for m in mentions if joint and m.end <= joint.start() and not masked[m.end : joint.start()].strip()]
        if named and not named[-1].possessive and not named[-1].after_preposition and named[-1].how != "pronoun":
            return named[-1].entity, named[-1].confidence * 0.9  # "the Scottish Greens and environment campaigners argued"
        if not self._subject_slot_open(masked, mentions, start):
            if verb.kind in ("decision", "proposal", "agreement", "reversal") and _MINISTERS.search(before):
                return self.finder._government(False), 0.6  # "Ministers agreed to extend the scheme": the government
            return None
        for mention in sorted((m for m in mentions if m.end <= start), key=lambda m: -m.end):
            if mention.possessive or inside_parenthesis(masked, mention, start):
                continue
            gap = masked[mention.end : start]
            relative = re.match(r"\s*,\s*(?:who|which)\b", gap)
            spokesman = re.search(r"\b(?:spokes(?:man|woman|person)|representative|statement)\s+(?:for|of|from)\s+(?:the\s+)?$",
                                  masked[: mention.start]) or (mention.how != "title" and re.search(
                                      r"\b(?:[Tt]he|[Aa]n?)\s+(?:head|chief|leader|boss|chair(?:man|woman)?|president|general secretary|"
                                      r"chief executive|director)\s+(?:of|at)\s+(?:the\s+)?$", masked[: mention.start]))
            agent = mention.after_by and verb_word.endswith("ing") and not gap.strip(" ,")
            # "… after Ofgem confirmed the cap would change": a conjunction, not a preposition, before the subject
            conjunction = re.search(r"\b(?:after|before|since|until|as|when|while)\s+(?:the\s+)?$", masked[: mention.start]) and not re.sub(
                r"\b(?:also|\w+ly)\b", "", gap).strip()  # "It comes as Mr Barclay also insisted"
            if mention.after_preposition and not relative and not spokesman and not agent and not conjunction:
                continue  # "a source close to Mr Khan accused": the object of a preposition is not the speaker
            # (but "a demo organised by the Unite union demanding…": the agent right before a participle acts)
            if mention.how == "pronoun":
                self.pronoun_subject = True
                return self._antecedent(mention)
            return mention.entity, mention.confidence  # "A spokesman for the Department … said": the department
        return None

    def _organ(self, masked: str, mentions: list[Mention], start: int) -> tuple[Entity, float] | None:
        """"A Treasury spokesperson said", "Leeds City Council's executive board approved", "the Prime Minister's
        official spokesman said": a body's organ or voice acts for the body (or the person) named before it."""
        before = [m for m in mentions if m.end <= start and m.how != "pronoun" and m.entity is not None]
        if before and _ORGAN.fullmatch(masked[before[-1].end : start]) and not before[-1].after_preposition:
            return before[-1].entity, 0.75
        return None

    def _subject_slot_open(self, masked: str, mentions: list[Mention], start: int) -> bool:
        """False when the word before the verb is a noun that is not an actor ("ministers insisted")."""
        prefix = masked[:start]
        place = re.search(r"\s(?:in|at|from)\s+(?:[A-Z][\w.\-]*\s+)+$", prefix)
        if place and not any(m.end > place.start() for m in mentions if m.end <= start):  # not "Dignity in Dying"
            prefix = prefix[: place.start() + 1]  # "A federal judge in Washington blocked…": a place, not the subject
        words = list(re.finditer(r"[^\s,;:]+|[,;:]", prefix))
        ends = {m.end for m in mentions}
        for word in reversed(words):
            token = word.group().strip(QUOTE_MARKS)
            if word.end() in ends or word.end() - 2 in ends or (token.startswith("(") and word.end() - 1 in ends):
                return True
            if token in {"who", "which", "that"} and not names_end(words, word, ends):
                return False  # "angry nurses who warned", "a report that called for": the noun is the subject
            if token in {",", ";", ":", "who", "which", "and", "but", "or", "to", "that"} or not token or (
                    token == "by" and masked[start:].split()[0].endswith("ing")):  # "X surprised MPs by going ahead with…"
                return True
            if MASK in token:
                return True
            if _SKIPPABLE.match(token) or token in _POST_NOMINALS:
                continue
            return False
        return True

    def _agent(self, masked: str, mentions: list[Mention], end: int) -> tuple[Entity, float] | None:
        by = re.search(r"\bby\b", masked[end : end + 60])
        if not by or re.search(r"\b(?:\w+ed|\w+en|which|that|who|whose)\b", masked[end : end + by.start()]):
            return None  # "placed on a website managed by the National Archives": another verb's agent
        at = end + by.end()
        for mention in mentions:
            if mention.start >= at and mention.start - at <= 60 and not mention.possessive and mention.how != "pronoun":
                return mention.entity, mention.confidence * 0.9
        return None

    def _they(self, masked: str, start: int) -> bool:
        return bool(re.search(r"\b[Tt]hey\s+(?:\w+\s+){0,2}$", masked[:start]))

    def _antecedent(self, pronoun: Mention) -> tuple[Entity, float] | None:
        """"he"/"she": the latest actor of an event who can be one; "it"/"they": an organisation."""
        wants_person = pronoun.text.lower() in {"he", "she"}
        if pronoun.text in {"It", "it"} and self.policy_subject and pronoun.start == 0:
            return None  # "It also introduces an electoral ban": the bill of the sentence before
        if wants_person and self.previous_subject is not None:
            person = self.previous_subject  # the subject of the sentence before
            if pronoun.gender is None or person.gender in (None, pronoun.gender):
                return person, 0.8
        if pronoun.text.lower() == "they" and not self.last_group and self.plural_unnamed:
            return None  # "the local authorities' lawyers said …" then "They argued …": the unnamed plural (seventh pass)
        recent = [*self.events, *self.current]  # this sentence's earlier acts too: "X admitted … and he conceded"
        for event in reversed(recent):
            actor = event.actor
            if wants_person and actor.kind == "person" and (pronoun.gender is None or actor.gender in (None, pronoun.gender)):
                return actor, 0.8
            if pronoun.text.lower() == "they" and self.last_group:
                return self.last_group[0], 0.7  # "The RCN and the RCM … now they want…": the group (reader adds the rest)
            if not wants_person and actor.kind == "organisation" and not (pronoun.text.lower() == "they" and is_court(actor)):
                return actor, 0.7  # a court is "it", never "they" (seventh pass)
            if len(recent) - recent.index(event) > 4:
                break
        return None
