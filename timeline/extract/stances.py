"""Kinds and stances settled from what was said: criticism, rulings, support, opposition, mixed."""

from __future__ import annotations

import re

from timeline.extract import lexicon as lx
from timeline.extract.acts import Event, own_clause

# A critic's evaluative words (sixth pass): a statement in them is a criticism ("the budget is built on a lie", "the
# amendment is rubbish", "contrary to the democratic process", "more questions than answers", "hugely frustrating").
CRITIC_WORDS = (
    r"(?:a|the|big|one) lie|lies\b(?! ahead| in| with| at| behind| on| within)|lied|rubbish|contemptible|contrary to|"
    r"more questions than answers|frustrat\w*|rehashed|abysmal|undemocratic|dishonest|deceitful|hollow|empty promises?|"
    r"(?:was|is|be|been) (?:a|an) (?:\w+ )?mistake|"  # "the court's decision … was a mistake" (seventh pass)
    # eighth pass: "I oscillate between disappointment and anger", "shocked", "pure propaganda", "too little, too late",
    # and a reproach, "We should have gone to the vote", "should have been reached months earlier"
    r"disappointment|dismay|(?:disappointment|dismay|frustration) and anger|shocked|appalled|propaganda|"
    r"(?:a )?backward step|irresponsible|too little,? too late|"
    r"should (?:have|never have) (?:been|gone|done|acted|come|happened|listened|consulted|waited|held|put|had)"
)
_CRITICAL = re.compile(
    rf"(?i)\b(?:{lx.PEJORATIVE}|wasted|indefensible|hiding behind|incompetent|reckless|half-baked|"
    rf"weak imitation|panic|cover up|never cared|what was the point|shabby|gambit|disgrace\w*|hate|untenable|daft|"
    rf"cynical|shameful|outrage\w*|appalling|unacceptable|hypocri\w*|smokescreen|sneak\w*|spiteful|knee.jerk|"
    rf"(?:has|have|had) failed|not (?:been )?good enough|exceeded its authority|a shame|unsustainable|suspicious|dubious|"
    rf"inhumane|cruel|heartless|misrule|(?:made|make|makes) a (?:\w+ )?choice not to|chose not to|{CRITIC_WORDS})\b"
)
_DEFIANT = re.compile(r"(?:not|never) be (?:denied|silenced|stopped|deterred|defeated|ignored|cowed|bullied|intimidated)\b")
# Another, unnamed speaker's words joined by "but" ("said the move would create jobs, but campaigners claimed…").
_OTHERS_SAY = re.compile(r",?\s+but\s+(?:[a-z][\w-]*\s+){1,3}(?:said|say|says|claimed|claim|argued|warned|insisted|called)\b")


# An act told in the speaker's own words: "we will rephase construction", "we are launching the review".
_OWN_ACT = re.compile(
    r"(?i)\b(?:we|i)\s+(?:will|are|am|have decided to|have agreed to)\s+(?:now\s+)?"
    r"(?:rephas|launch|introduc|scrap|delay|cut|rais|freez|ban|extend|lay|cancel|halt|paus|abolish|approv|"
    r"increas|reduc|end|stop|close|open|publish|set up)\w*\b"
)
# A plan told in reported speech: "Mr Gove said the government would publish league tables".
_OWN_PLAN = re.compile(
    r"(?i)\b(?:said|says|added|announced|confirmed|suggested|signall?ed|indicated|hinted)\s+(?:(?:on|last|this)\s+\w+\s+)?"
    r"(?:that\s+)?(?:(?:the|his|her|their|its|our) government|ministers|we|it|he|she|they)\s+"
    r"(?:would|will|(?:was|is|were|are) (?:willing|ready|prepared|going) to|intends? to|intended to|plans? to|planned to)\s+"
    r"(?!not\b)(?!be\s+(?:making|giving|speaking|saying|meeting|holding|a|an|the)\b)\w+"
    r"|\b(?:said|says|added|announced|confirmed|told (?:the |a )?(?:commons|house|mps|parliament|lords|peers|chamber|senate))\s+"
    r"(?:that\s+)?(?:the\s+)?[\w\s()]{3,60}?\s+(?:will|would)\s+be\s+(?!a\b|an\b|the\b|\w+ing\b)\w+"
)  # not "said she would be making a statement", "said the rises would be a bitter pill": no plan


# A warning whose subject is the measure itself: "warned that it would drive production to China", "warns the ban could…".
_WARNED_OF_MEASURE = re.compile(
    r"(?i)warn(?:ed|s)?\s+(?:\w+\s+)?(?:that\s+)?(?:it|this|the (?:[\w-]+ )?(?:plan|ban|law|bill|measure|move|change|policy|proposal|"
    r"reform|levy|tax|cap|rules?|scheme|legislation))\s+(?:would|will|could|may|might|risks?)\b")


def _plan(text: str) -> re.Match[str] | None:
    """A plan told in reported speech, not a threat on a condition ("said it would seek a judicial review if the
    barriers were removed": the condition is the stance, eighth pass)."""
    plan = _OWN_PLAN.search(text)
    return None if plan is None or re.match(r"[^.;]*\b(?:if|unless)\b", text[plan.end() :]) else plan


# A measure announced with the day it starts: "Australia will ban imports of disposable vapes from January 1, the
# government said", "said fees will rise to £9,535 from September" — a decision told, not a plan (seventh pass).
_MONTHS = r"January|February|March|April|May|June|July|August|September|October|November|December"
_SCHEDULED = re.compile(
    rf"\b(?:will|is to|are to)\s+(?:now\s+|also\s+)?(?:ban|introduc|scrap|abolish|rais|rise|cut|freez|end|impos|extend|cap|"
    rf"requir|clos|launch|increas|reduc|fall|replac|lift)\w*\b[^.;]{{0,80}}?\bfrom\s+(?:(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?"
    rf"(?:{_MONTHS})\b|\d{{4}}\b|next (?:year|month|week)|the (?:start|beginning) of)")


# A call to look again at a policy questions it: "demanded an immediate review of the levy", "called for a rethink".
_RECONSIDER = re.compile(r"(?i)\s*(?:(?:for|on \w+ to hold)\s+)?(?:an?|the)\s+(?:\w+\s+)?(?:review|rethink|reconsideration) of\b|\s*(?:for\s+)?a rethink\b")


# A criticism that names a policy is about that policy; one that names none is about the news.
_POLICY_WORD = re.compile(
    r"(?i)\b(?:plans?|polic\w+|bill|law|act|ban|scheme|tax\w*|fees?|levy|charges?|budget|project|programme|"
    r"targets?|strategy|reforms?|cuts?|subsidy|funding|rules?|regulations?|legislation)\b"
)


def settle_kind_and_stance(event: Event, events: list[Event], lead_undoing: bool = False) -> None:
    """Kind and stance from the words said; `lead_undoing`: the article's news is an undoing (scrapping,
    repealing, blocking), so criticising "the news" or "the move" speaks for what is undone."""
    clause = _clause_after_verb(event)
    others = _OTHERS_SAY.search(clause)  # "…, but campaigners claimed the decision was “reckless”": not its words
    dropped = clause[others.start() :] if others else ""
    clause = clause[: others.start()] if others else clause
    quotes = [q for q in event.quotes if not (dropped and q in dropped)]
    said = " ".join([*(q for q in quotes if q not in clause), clause])  # each quotation once, in its context
    critical = bool(_cues(_CRITICAL, said)) and not lx.OWN_SUPPORT.search(" ".join(event.quotes))
    if event.kind == "statement" and not critical:
        own_act = next((m for q in event.quotes for m in [_OWN_ACT.search(q)] if m), None)
        scheduled = event.reporting and _SCHEDULED.search(event.sentence.masked)
        if scheduled and not re.search(r"(?i)\b(?:if|unless|provided)\b", event.sentence.masked):  # no condition anywhere
            event.kind = "decision"
            event.stance = "oppose" if re.match(r"will (?:\w+ )?(?:scrap|abolish|end|cut|lift)", scheduled.group()) else "support"
        elif own_act is not None:  # "I am laying our proposal", "we will scrap the fees": the speaker's own act
            event.kind = "decision"
            event.stance = event.stance or ("oppose" if lx.UNDOING.search(own_act.group().lower()) else "support")
        elif event.reporting and any(_plan(and_quotes(s)) for s in event.sentences):
            plan = next(_plan(and_quotes(s)) for s in event.sentences if _plan(and_quotes(s)))
            undoing = lx.UNDOING.search(and_quotes(event.sentence)[plan.start() :])
            event.kind, event.stance = "proposal", event.stance or ("oppose" if undoing else "support")
    if event.kind == "statement" and critical:
        event.kind, event.stance = "criticism", event.stance or "oppose"
    after_verb = own_clause(event)[event.verb[1] - event.verb[0] :].lower()  # what is wanted or done, not the verb
    wanted = re.split(r"\b(?:if|on condition|provided|unless|in return|so that|as long as)\b", after_verb)[0]
    # "passed legislation which has removed abortion from the Crimes Act": a relative clause describes the object, it
    # is not what the act does to it (seventh pass)
    wanted = re.split(r",?\s(?:which|that|who)\s+(?:has|have|had|would|will|is|are|was|were)\b", wanted)[0]
    pledge = event.kind == "statement" and re.match(r"(?i)(?:pledg|promis|vow)", event.sentence.masked[event.verb[0] :])
    if (event.kind in ("proposal", "decision") or pledge) and event.stance == "support" and not event.settled \
            and lx.UNDOING.search(" ".join(wanted.split()[:12])) and event.kind != "reversal":
        # "want the bill to be dropped", "voted to scrap the scheme", "pledged to abolish the tax"
        event.stance = "oppose"
    if event.kind == "proposal" and event.stance == "support" and _RECONSIDER.match(wanted):
        event.stance = "oppose"  # "demanded an immediate review of the policy": calling it into question
    positive, negative = _cues(lx.POSITIVE, said), _cues(lx.NEGATIVE, said)
    if _WARNED_OF_MEASURE.match(event.sentence.masked[event.verb[0] :]):
        negative += 2  # "warned that it would drive production abroad": a warning about the measure is against it (eighth)
    quoted = " ".join(quotes)
    own_support, own_opposition = bool(lx.OWN_SUPPORT.search(quoted)), bool(lx.OWN_OPPOSITION.search(quoted))
    if own_support != own_opposition:  # what the speaker says outright outweighs the counting of words
        positive, negative = (positive + 3, negative) if own_support else (positive, negative + 3)
    event.polarity = positive - negative
    if event.kind in ("statement", "criticism") and event.polarity < 0 and (_against_opponent(event, events) or (
            _OPPONENTS.search(said) and _cues(lx.NEGATIVE, _OPPONENTS.sub(" ", said)) > _cues(lx.POSITIVE, said))):
        event.kind, event.stance = "criticism", "support"  # "said the Conservatives have been against every reform"
    elif event.kind == "criticism":
        target = re.split(r"\bsaying\b", own_clause(event).lower())[0]
        pointing_back = lead_undoing and (lx.ANAPHORIC_TARGET.search(target) or not _POLICY_WORD.search(target))
        event.stance = "support" if lx.UNDOING.search(target) or pointing_back else "oppose"
    elif lead_undoing and event.kind == "statement" and event.stance == "support" and re.match(
            r"(?i)welcom|prais|hail|applaud|back", event.sentence.masked[event.verb[0] :]) and lx.ANAPHORIC_TARGET.search(
            own_clause(event).lower()):
        event.stance = "oppose"  # "welcomed the decision" when the news is a scrapping: for the undoing, against what is undone
    elif event.kind == "ruling" and event.stance is None:
        undone = lx.UNDOING.search(own_clause(event).lower())
        event.stance = "oppose" if undone or re.search(r"\b(?:unlawful\w*|illegal\w*|struck down|quashed|breach\w*)\b", said.lower()) else (
            "support" if re.search(r"\b(?:lawful\w*|upheld|dismissed)\b", said.lower()) else None)
    if event.kind == "proposal" and event.stance == "support" and event.polarity <= -2 and not own_support:
        event.stance = "oppose"  # "urged ministers to listen and said … concerns the plans could destabilise the NHS"
    if re.search(r"(?i)^\s*(?:while|although|despite|though)\s+(?:\w+\s+){0,2}?welcom", event.sentence.masked):
        event.mixed = True  # "While welcoming certain measures, X told parliament the Government had failed"
    if event.mixed or (event.stance == "support" and negative and lx.CONTRAST.search(said.lower())):
        event.stance = "mixed"
    if event.stance is None:
        if positive and negative and lx.CONTRAST.search(said.lower()):
            event.stance = "mixed"
        elif event.polarity > 0:
            event.stance = "support"
        elif event.polarity < 0:
            event.stance = "oppose"
        else:
            earlier = [e for e in events[: events.index(event)] if e.actor is event.actor and e.topic == event.topic and e.stance]
            # no cue either way: on the benchmark such acts are support far more often than neutral (14 to 0)
            event.stance = earlier[-1].stance if earlier else "support"
            event.stance_guessed = not earlier



# The opponents of the policy as the target of what is said: "said of those who were voting against the Bill: …" (seventh
# pass). Said in bad words, it is a criticism that speaks for the policy.
_OPPONENTS = re.compile(
    r"(?i)\b(?:those|people|members|MPs|others)\s+(?:who\s+(?:were|are|have been|had been)\s+)?(?:voting|voted|vote|"
    r"campaigning|campaigned|speaking)\s+against\b|\b(?:those|people)\s+(?:who\s+(?:were|are)\s+)?opposing\s+(?:this|the)\b|"
    r"\bopponents of (?:this|the)\b")


def _against_opponent(event: Event, events: list[Event]) -> bool:
    """The speaker's reported words are about an actor who, in this article, acts against the policy ("Lee Waters
    said the Conservatives have been against every progressive reform" after the Conservatives' bid to scrap it):
    criticising an opponent of a policy speaks for it."""
    if not event.reporting:
        return False
    subject = re.match(r"\s+(?:that\s+)?(?:the\s+)?([A-Z][\w-]+)", event.sentence.masked[event.verb[1] :])
    if subject is None:
        return False
    stem = subject.group(1).lower().rstrip("s")
    return any(other.actor is not event.actor and other.stance == "oppose" and other.kind in ("proposal", "refusal", "statement")
               and any(w.lower().rstrip("s") == stem for w in other.actor.name.split())
               for other in events[: events.index(event)])


def and_quotes(sentence) -> str:
    """The sentence with its quoted words in place ("said it “intends to legislate to remove…”")."""
    return re.sub(r"\s?[“”«»„\"]|\s‘|’(?!\w)", " ", sentence.text)


def lead_is_undoing(lead: str) -> bool:
    """The article's first sentences report an undoing of a policy: "attempt to scrap a law", "will be done away with"."""
    return bool(lx.UNDOING.search(lead.lower()))


def _cues(pattern: re.Pattern[str], said: str) -> int:
    """Cue words in what was said, leaving out bad words that a remedy governs ("reducing waste")."""
    lower = re.sub(r"[“”‘\"«»„]|’(?!\w)", " ", said.lower())  # quote marks aside: 'tackle the "appalling"'
    count = 0
    for match in pattern.finditer(lower):
        if pattern is not lx.POSITIVE and lx.REMEDY.search(lower[: match.start()][-60:]):
            continue
        if pattern is not lx.POSITIVE and _DEFIANT.match(lower, match.start()):
            continue  # "will not be silenced": resolve, counted among the positive words
        count += 1
    return count


def _clause_after_verb(event: Event) -> str:
    sentence = event.sentence
    rest = sentence.text[event.verb[0] :]
    return rest
