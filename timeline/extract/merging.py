"""Merging: one act told in several places becomes one candidate."""

from __future__ import annotations

import re

from timeline.extract import lexicon as lx
from timeline.extract.acts import Event
from timeline.extract.passive import governing as _governing
from timeline.extract.stances import _CRITICAL, _OWN_PLAN, and_quotes


def merge(events: list[Event]) -> list[Event]:
    """One act told in several places becomes one candidate.

    A statement joins the same actor's act in the same sentence ("Ms Lund, who signed…, said…")
    or in the next sentence or two ("…ruled out…" then "Mrs Carver said: ‘…’"); a plain statement
    also joins the speaker's act across others' reactions when it is near, not a new moment and not
    differently dated (`_resumes`); a paragraph that only continues a quotation joins its speaker;
    two adjacent acts of one kind ("rubbished…", "She attacked…") are one. Two acts of their own ("froze fees… and scrapped…") stay two candidates.
    """
    merged: list[Event] = []
    for event in events:
        target = _same_act_as(merged, event)
        if target is not None:
            _absorb(target, event)
        else:
            merged.append(event)
    return merged


def _same_act_as(merged: list[Event], event: Event) -> Event | None:
    if merged and _speaks_for(merged[-1], event):
        merged[-1].speaker = merged[-1].speaker or event.actor
        return merged[-1]
    if merged and merged[-1].speaker is event.actor and (event.by_pronoun or event.continuation) and event.kind in ("statement", "criticism") \
            and 0 < event.sentence.index - merged[-1].sentences[-1].index <= 1:
        return merged[-1]  # "…Lucy Powell asked why…" (Labour's voice) then "She said…": the same speech goes on
    if merged and _teller_of(merged[-1], event):
        event.stance = None  # the teller adds no stance of its own
        return merged[-1]  # "Reeves has scrapped the jet tax, the Treasury confirmed on Friday": one act, told (eighth pass)
    if merged and _backers_of(merged[-1], event):
        event.stance = None  # backing an act takes that act's stance
        return merged[-1]  # "X is the initial objector and has been backed by councillors A, B…": X's act, A and B with it
    if merged and _minister_for(merged[-1], event):
        merged[-1].actor = event.actor  # the named minister, not an unnamed "the government", is who a fact-checker credits
        return merged[-1]
    retold = next((e for e in reversed(merged) if _one_body(e, event) and _retold(e, event)), None)
    if retold is not None:
        retold.retold = True
        return retold
    for back, earlier in enumerate(reversed(merged)):  # noqa: B007 - back is used after the loop
        if earlier.actor is event.actor:
            break
    else:
        return None
    if earlier.kind == "ruling" and event.speaker is not None and event.kind in ("ruling", "statement") and (
            event.date is None or earlier.date is None or event.date == earlier.date or _inferred(event)):
        return earlier  # a judge's reasons after the court's ruling (the court's voice): one ruling (seventh pass)
    if earlier.settled != event.settled:
        return None  # a member's vote and the member's words after it are two acts
    if _plan_after_words(earlier, event):
        return None  # "…was a mistake," Mr Biden said. Then "The US President said he would introduce…": a proposal of its own
    if _also_another(earlier, event):
        return None  # "May has withdrawn funding…" then "May also warned…": a further act, not the same one told again
    last_sentence = earlier.sentences[-1].index
    between = merged[len(merged) - back :]
    interrupted = any(e.sentence.index != last_sentence or e.sentences[-1].index > last_sentence for e in between)
    later = any(e.sentence.index > last_sentence for e in between)  # another actor after the earlier act's last sentence
    if not later and event.by_pronoun and 0 < event.sentence.index - last_sentence <= 1 and event.date is None \
            and earlier.date is not None \
            and event.date_note == "the article gives no date" and {event.kind, earlier.kind} <= {"statement", "criticism"}:
        return earlier  # "In February, Mr Gauke argued…" then "And he insisted…": the same speech goes on (seventh pass)
    if not later and event.kind == earlier.kind and _also_same(earlier, event) and event.rank - earlier.rank <= 3:
        return earlier  # "In a report…, Normington called for…" then "He also called for…": the same report goes on
    if interrupted and not _resumes(earlier, event):
        return None  # someone else acted in a later sentence: a new turn
    if event.continuation and not interrupted:
        return earlier
    same_sentence = event.sentence.index == last_sentence
    if not same_sentence and not interrupted and event.rank - earlier.rank > 2 + len(earlier.sentences):
        return None
    if event.signature and earlier.signature and event.signature != earlier.signature:
        return None  # the speaker turned to another topic: another record
    if (event.date is None or event.date == earlier.date) and not same_sentence and event.kind == earlier.kind and \
            event.kind in ("decision", "ruling", "refusal", "criticism") and not event.reporting and not earlier.reporting \
            and not event.by_pronoun and event.rank - earlier.rank <= 2:
        # "…passed the Australian Senate on Thursday" then "The Senate approved the bill 34-19"; "X has resigned after…"
        # then "X … quit after…": one act told twice, however its sentences move in time (eighth pass)
        return earlier
    if event.shifted and not same_sentence:
        return None  # "Speaking before he met…", "…said following the rejection": another moment
    if event.date is not None and earlier.date is not None and event.date != earlier.date and not (
            event.by_pronoun and _inferred(event)):
        return None  # a pronoun-led sentence dated only by the lead event does not tell another moment
    if event.date is None and earlier.date is not None and not same_sentence:
        return None
    if (event.kind == "statement" and (event.reporting or earlier.kind == "statement")) or (
            same_sentence and earlier.kind == "statement"):
        return earlier  # a rebuttal or a stance verb ("has rejected suggestions…") after a decision is an act of its own
    if (event.by_pronoun and not interrupted and event.rank - earlier.rank <= 1 and earlier.kind in ("statement", "criticism")
            and event.kind in ("statement", "criticism")):
        return earlier  # "Cllr Harrison said he believed…" then "He attacked the Government…": one speech
    if event.kind == earlier.kind and not interrupted and event.rank - earlier.rank <= 1:
        return earlier  # "…rubbished the decision." then "She attacked Mr Harper…": one criticism told twice
    return None


_ALSO = re.compile(r"\balso\s+(?:\w+ly\s+)?$")
_COMES_AS = re.compile(r"(?:It|This|The (?:\w+ )?(?:move|news|announcement|decision)) (?:comes|came) as\b")  # a further item


def _also_same(earlier: Event, event: Event) -> bool:
    """"He also called for…" after the same actor's "called for": "also" with the same verb adds to the same act."""
    verb = event.sentence.masked[event.verb[0] : event.verb[1]].lower()
    return bool(_ALSO.search(event.sentence.masked[: event.verb[0]])) and any(
        re.search(rf"\b{re.escape(verb)}\b", s.masked.lower()) for s in earlier.sentences)


def _also_another(earlier: Event, event: Event) -> bool:
    """"X has withdrawn…" then "X also warned", "It comes as X also insisted": "also" before an act of another kind, or in
    a sentence that brings a further item ("It comes as…"), tells a further act (sixth pass); before the same verb ("called
    for…" then "He also called for…") or another of the same kind ("also said") it goes on with the same one. A lead's
    undated present-perfect act takes the day of the further act told right after it: both were told on that occasion."""
    if not _ALSO.search(event.sentence.masked[: event.verb[0]]):
        return False
    verb = event.sentence.masked[event.verb[0] : event.verb[1]].lower()
    if any(re.search(rf"\b{re.escape(verb)}\b", s.masked.lower()) for s in earlier.sentences):
        return False
    speech = {"statement", "criticism"}
    if (event.kind == earlier.kind or {event.kind, earlier.kind} <= speech) and not _COMES_AS.match(event.sentence.masked):
        return False  # "Mr Browne also said…", "She also accused…": the same speech goes on
    if earlier.date is None and "present perfect" in (earlier.date_note or "") and event.rank - earlier.rank <= 1 \
            and event.date is not None and event.date.precision == "day" and not _inferred(event):
        earlier.date, earlier.date_confidence = event.date, 0.7
        earlier.date_note = f"told with {earlier.actor.name}'s further act of the next sentence: {event.date_note or event.date}"
    return True


def _plan_after_words(earlier: Event, event: Event) -> bool:
    """A speaker's plan told in reported speech ("said he would introduce relief through a new path") after the same
    speaker's critical words that tell no plan ("…was a mistake") is a second act, a proposal (seventh pass): one actor's
    criticism and proposal are two records."""
    if not event.reporting or event.by_pronoun or event.sentence.index == earlier.sentences[-1].index:
        return False
    plan = _OWN_PLAN.search(and_quotes(event.sentence))
    critical = any(_CRITICAL.search(and_quotes(s)) for s in earlier.sentences)
    return plan is not None and critical and not _CRITICAL.search(and_quotes(event.sentence)) and not any(
        _OWN_PLAN.search(and_quotes(s)) for s in earlier.sentences)


RESUME_WINDOW = 6  # body sentences within which a speaker's later words can still be the same act


def _resumes(earlier: Event, event: Event) -> bool:
    """A speaker's later sentence goes on with the same act although others spoke in between
    ("Michael Gove said…", Labour and a federation react, "In a speech in London, Mr Gove said…"):
    a plain reported statement (not a rebuttal of what was said in between), near enough, on the
    same day as far as the text says, not a new moment; with a quotation of its own only after a statement or a
    criticism (after a refusal or a decision, new words quoted are a new thing said: "Mr Rama said his country
    had refused: ‘we said no…’")."""
    quoted_ok = not event.quotes or earlier.kind in ("statement", "criticism")
    return (event.kind == "statement" and event.reporting and not event.shifted
            and event.date == earlier.date and quoted_ok and event.sentence.index - earlier.sentences[-1].index <= RESUME_WINDOW)


def _speaks_for(earlier: Event, event: Event) -> bool:
    """"The GMB said…" then "Brian Strutton, national officer of the GMB union, said…": an organisation's act
    and its officer's words right after it, naming it before the verb, are one act."""
    if earlier.actor.kind != "organisation" or event.actor.kind != "person" or event.rank - earlier.rank > 2:
        return False
    if earlier.kind not in ("statement", "criticism") or event.kind != "statement" or event.sentence.index == earlier.sentences[-1].index:
        return False
    names = [earlier.actor.name, *earlier.actor.aliases]
    lead = event.sentence.masked[: event.verb[0]]  # a name inside the quotation is what was said, not the speaker's body
    party = earlier.actor.name.lower() in lx.PARTIES - {"government", "cabinet", "treasury"} or earlier.actor.name.endswith(" Party")
    if party and event.rank - earlier.rank == 1 and re.search(r"\bopposite number\b|\b[Ss]hadow\b", lead):
        return True  # "Labour suggested…" then "Ms Dorries' opposite number Lucy Powell asked…": the party's spokesperson
    return any(re.search(rf"\b{re.escape(n)}\b", lead) for n in names if n)


def _teller_of(earlier: Event, event: Event) -> bool:
    """A speech verb closing the sentence of another's act, with nothing said after it ("X has scrapped the tax, the
    Treasury confirmed on Friday."): it tells that act, it is no act of its own (eighth pass)."""
    masked = event.sentence.masked
    return (event.sentence is earlier.sentence and event.reporting and earlier.actor is not event.actor and not event.quotes
            and earlier.kind in ("decision", "refusal", "proposal", "reversal", "ruling", "agreement")
            and earlier.verb[1] <= event.verb[0] and re.search(r",\s*[^,]*$", masked[earlier.verb[1] : event.verb[0]]) is not None
            and re.fullmatch(r"\s*(?:(?:on|last|this|earlier|late|yesterday|today|in a statement)\b[\w\s]*)?[.!]?\s*",
                             masked[event.verb[1] :]) is not None)


def _backers_of(earlier: Event, event: Event) -> bool:
    """The agents of "has been backed/supported/joined by …" in the sentence of another actor's act back that act: one
    record, theirs is no act of its own (seventh pass)."""
    masked = event.sentence.masked
    return (event.sentence is earlier.sentence and earlier.actor is not event.actor and earlier.verb[1] <= event.verb[0]
            and re.match(r"(?i)(?:backed|supported|endorsed|joined)\b", masked[event.verb[0] :]) is not None
            and re.search(r"\b(?:has|have|had) been\s+$|\b(?:was|were)\s+$", masked[: event.verb[0]]) is not None)


_MINISTER = re.compile(r"(?i)\b(?:minister|secretary|chancellor)\b")


def _minister_for(earlier: Event, event: Event) -> bool:
    """"Australia will ban imports…, the government said on Tuesday" then "…, Health Minister Mark Butler said": what
    an unnamed "the government" announced and a named minister's words on it in the next sentence or two are one act,
    the minister's (seventh pass). Not a government the store or the article names in full, and not the same sentence."""
    if earlier.actor.known or not re.fullmatch(r"(?:UK |British )?Government", earlier.actor.name):
        return False
    if event.actor.kind != "person" or not any(_MINISTER.search(t) for t in event.actor.titles):
        return False
    lower = earlier.sentence.masked.lower()
    return (event.kind == "statement" and event.reporting and 0 < event.rank - earlier.rank <= 2
            and re.search(r"\bthe (?:uk |british )?government\b", lower) is not None and "government" not in event.sentence.masked.lower()
            and earlier.kind in ("statement", "decision", "refusal") and len(earlier.sentences) == 1)  # "has blocked…" (eighth)


def _one_body(earlier: Event, event: Event) -> bool:
    """The same actor, or two names of one government ("the Department for Education", "the government")."""
    return earlier.actor is event.actor or (_governing(earlier.actor) and _governing(event.actor))


def _inferred(event: Event) -> bool:
    return (event.date_note or "").startswith("not dated in its sentence")


def _retold(earlier: Event, event: Event) -> bool:
    """The lead's undated summary of an act told again with its details later ("The fee rise has been
    launched…" … "the regulations were published last Thursday"): one decision, dated by the details."""
    undated_summary = earlier.date is None and "perfect" in (earlier.date_note or "")
    # "Drakeford has launched a stinging rebuke of…" then "Following a statement … this afternoon, Mr Drakeford said…": the
    # rebuke told in its words (seventh pass)
    rebuke = undated_summary and event.reporting and event.kind in ("statement", "criticism") and (
        earlier.kind == "criticism" or (earlier.kind == "statement" and _in_relative_clause(earlier)
                                        and not _inferred(event)))
    # "THE capital's council has backed a tourist tax." then "The city's full council voted to press ahead with…": the
    # lead's undated summary of a body's stance, and the decision right after it (eighth pass)
    if undated_summary and earlier.kind == "statement" and earlier.rank <= 2 and event.kind == "decision" and \
            not event.quotes and earlier.actor is event.actor and 0 < event.rank - earlier.rank <= 2:
        return True
    return (((event.kind == earlier.kind and event.kind in ("decision", "proposal", "ruling") and not event.quotes) or rebuke)
            and (undated_summary or (earlier.retold and earlier.date == event.date)) and event.date is not None
            and event.rank - earlier.rank <= 2 * RESUME_WINDOW
            and (not event.signature or not earlier.signature or event.signature == earlier.signature))


def _in_relative_clause(event: Event) -> bool:
    """The act is told in a relative clause, as background: "…community sentences, which Mr Gauke has argued helps…"."""
    return bool(re.search(r"\b(?:which|who|that)\s+(?:[A-Z][\w’'-]*\s+){1,3}(?:has|have|had)\s+$",
                          event.sentence.masked[: event.verb[0]]))


def _absorb(into: Event, event: Event) -> None:
    if into.kind == "statement" and event.kind != "statement":
        into.kind, into.weight, into.verb = event.kind, event.weight, event.verb
        into.sentence = event.sentence  # the act's own clause gives its stance ("now they want the bill … dropped")
    into.signature = into.signature or event.signature
    if into.stance is None:
        into.stance = event.stance
    elif event.stance is not None and event.stance != into.stance:
        into.mixed = True
    if into.date is None and event.date is not None:
        into.date, into.date_note, into.date_confidence = event.date, event.date_note, event.date_confidence
    for sentence in event.sentences:
        if sentence not in into.sentences:
            into.sentences.append(sentence)
    into.quotes.extend(q for q in event.quotes if q not in into.quotes)
    into.subject_confidence = max(into.subject_confidence, event.subject_confidence)
