"""The words the extractor knows: verbs and the kind of record each signals, titles, honorifics.

The verb table follows the idea of the CAMEO/PETRARCH verb dictionaries: a verb, sometimes with
the words that must follow it ("ruled out", "branded … a gimmick"), maps to an event class; here
the classes are the record kinds of DESIGN.md §2, with the stance the verb usually expresses
toward its object. Patterns are regular expressions over lower-case text outside quotations.
Order matters only between overlapping patterns: the longest match wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Verb:
    pattern: re.Pattern[str]
    kind: str
    stance: str | None  # the stance the verb itself expresses toward its object, if any
    reporting: bool = False  # a speech verb: what follows is what was said, not another event
    weight: float = 0.8  # how surely the verb signals this kind


def _v(pattern: str, kind: str, stance: str | None = None, *, reporting: bool = False, weight: float = 0.8) -> Verb:
    return Verb(re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])"), kind, stance, reporting, weight)


# Gap: up to eight words that are not a clause boundary ("branded the previous government's scheme a gimmick").
_GAP = r"(?:[^\s,.;:!?]+\s+){0,8}?"
PEJORATIVE = (
    r"gimmick|failure|disaster|shambles|betrayal|embarrassment|disgrace|farce|fiasco|joke|mess|"
    r"con|sham|stunt|sell-out|scandal|nonsense|chaos|catastrophe|folly|blunder|cop-out|u-turn|"
    r"humiliation|insult|travesty|waste"
)

VERBS: tuple[Verb, ...] = (
    # refusal: saying no to a proposal, a request or a deal
    _v(r"rul(?:ed|es|ing) (?:\w+ )?out|rule (?:\w+ )?out", "refusal", "oppose", weight=0.9),
    _v(r"refus(?:ed|es) to", "refusal", "oppose", weight=0.85),
    _v(r"reject(?:ed|s)", "refusal", "oppose", weight=0.85),
    _v(r"turn(?:ed|s) down|said no to|says no to", "refusal", "oppose", weight=0.85),
    _v(r"vetoe(?:d|s)|voted against|vote against|blocked|blocks", "refusal", "oppose", weight=0.85),
    # proposal: putting a plan forward
    _v(r"unveil(?:ed|s)?|unveiling", "proposal", "support", weight=0.9),
    _v(r"propos(?:ed|es)|put(?:s)? forward|float(?:ed|s)|tabled|set(?:s)? out plans|announc(?:ed|es) plans|"
       r"call(?:ed|s|ing) (?:instead |also |again |now )?for|call(?:ed|s|ing) on|urg(?:ed|es|ing)|launch(?:ed|es) a (?:consultation|review) on|invit(?:ed|es) \w+ (?:\w+ )?to|"
       r"set out (?:its|his|her|their|the) (?:\w+ )?(?:plans?|proposals?|support|case)|"
       r"demand(?:ed|s|ing)|lobb(?:ied|ies|ying) for|press(?:ed|es|ing) for|appeal(?:ed|s) (?:to|for)|"
       r"brought forward|mooted|submitted (?:a|an|its|their|his|her) (?:\w+ )?(?:bill|application|plan|proposal|amendment)|"
       r"lodged (?:a|an) (?:\w+ )?(?:appeal|objection|amendment|challenge)|launched a (?:\w+ )?(?:bid|campaign|legal challenge)",
       "proposal", "support", weight=0.85),
    # an attempt is a proposal put forward: "Labour had attempted to remove the section", "failed in their bid to scrap"
    _v(r"(?:attempted|tried|sought) to|(?:failed|lost) in (?:their|its|his|her|a) (?:bid|attempt|effort) to", "proposal", "support", weight=0.7),
    # a standing position told in the present: "The Conservatives want MPs to have a free vote"
    _v(r"wants?(?= (?:[^\s,.;:!?]+ ){0,7}?to\b)|would like(?= (?:[^\s,.;:!?]+ ){0,7}?to\b)", "proposal", "support", weight=0.65),
    # reversal: an actor undoing its own earlier position
    _v(r"u-turn(?:ed|ing)?|performed a u-turn|reversed|backtracked|backed down|climbed down|"
       r"abandon(?:ed|s)|dropp(?:ed) (?:its|his|her|their) (?:plans?|pledge|policy|opposition|support)|conced(?:ed|es)|"
    r"made (?:a |an )?(?:\w+ )?(?:concession|apology)|apologis(?:ed|es)|apologiz(?:ed|es)",
       "reversal", None, weight=0.85),
    # decision: doing it
    _v(r"scrap(?:ped|s)|axed|abolish(?:ed|es)|cancell?ed|cancels|halted|shelved|froze|freezes|suspended|"
       r"withdrew|withdrawn|withdraws", "decision", "oppose", weight=0.85),
    _v(r"(?:given|gave|gives|giving) (?:\w+ )?(?:the )?(?:go-ahead|green light)|green-lit|greenlit|rubber-stamped|"
       r"approv(?:ed|es)|granted|grants|introduc(?:ed|es)|launch(?:ed|es)|ordered|imposed|decided to|passed (?:(?:the|a|an) )?(?:\w+ )?(?:law|bill|act|motion|legislation)|"
       r"voted (?:for|in favour of|in support of|to)|announc(?:ed|es)|confirmed plans|extended|raised|cut|"
       r"adopt(?:ed|s)?(?= (?:the|a|an|its|his|her|their) (?:[\w-]+ ){0,3}?(?:reform|law|bill|budget|plan|policy|motion|"
       r"legislation|measures?|rules?|strategy|text|levy|tax|ban)\b)|"
       # a regulator's or a government's act told without a quote: "put the firm into special measures", "paved the
       # way for bills to rise", "allowed prices to rise", "gave consent"
       r"(?:put|puts|placed|places) (?:[^\s,.;:!?]+ ){1,5}?(?:on notice|(?:into|in|under) special measures)|"
       r"paved the way for|cleared the way for|allow(?:ed|s) (?:[^\s,.;:!?]+ ){1,4}?to|signed off|"
       r"(?:gave|gives|granted|grants) (?:\w+ )?consent|"
       # more shapes of doing it: "issued a decision", "rolled out", "brought in", "waved through", "earmarked £…"
       r"issu(?:ed|es) (?:a|an|the|its|their) (?:[\w-]+ ){0,2}?(?:decision|order|licen[cs]es?|permits?|approval|consent|guidance|"
       r"decision-in-principle)|rolled out|brought in|waved through|earmarked|allocated|awarded|fined|penalised|"
       r"(?:went|goes|going|gone|press(?:ed|es|ing)|push(?:ed|es|ing)) ahead with",
       "decision", "support", weight=0.75),
    # publishing: a decision only when what is published is a policy (checked by the reader)
    _v(r"publish(?:ed|es)|(?:placed|put|posted) (?:online|on(?:to)? (?:a|the|its) (?:\w+ )?website)", "decision", "support", weight=0.6),
    # agreement
    _v(r"sign(?:ed|s)|struck a deal|strikes a deal|agreed(?: a| to| on)?|reached (?:an|a) (?:agreement|deal)|"
       r"concluded (?:an|a) (?:agreement|deal|treaty)", "agreement", "support", weight=0.85),
    # ruling: courts, tribunals, regulators
    _v(r"ruled|rules that|held that|upheld|struck down|quashed|dismissed (?:the|an|a) (?:[\w’']+ )?(?:appeal|case|challenge|claim)|"
       r"found (?:that )?(?:the|it)", "ruling", None, weight=0.85),
    # criticism
    _v(rf"brand(?:ed|s) {_GAP}(?:an? |the )?(?:{PEJORATIVE})|branded|labell?ed {_GAP}(?:an? )?(?:{PEJORATIVE})",
       "criticism", "oppose", weight=0.9),
    _v(rf"call(?:ed|s) {_GAP}(?:an? |the )?(?:{PEJORATIVE})", "criticism", "oppose", weight=0.85),
    _v(r"criticis(?:ed|es)|criticiz(?:ed|es)|attack(?:ed|s)|condemn(?:ed|s)|slamm?(?:ed|s)|blast(?:ed|s)|"
       r"hit out at|hits out at|accus(?:ed|es)|lambast(?:ed|s)|denounc(?:ed|es)|derid(?:ed|es)|mock(?:ed|s)|"
       r"ridicul(?:ed|es)|(?:was|were|is|are) (?:\w+ )?critical of|savaged|rounded on|took aim at|rubbished|"
       r"objected to the|(?:is|was|are|were) the (?:\w+ )?objectors?|expressed (?:his |her |their )?doubts|"
       # "raised concerns about the law's practical implications", "voiced fears over…" (eighth pass; seen5, seen7)
       # a resignation in protest: "resigned after the government refused to…", "quit over the delay" (eighth pass)
       r"(?:resign(?:ed|s)|quit|quits|stepped down|steps down)(?= (?:as [^,.;:!?]{1,40}? )?(?:in protest|over|after|against)\b)|"
       r"(?:raised|raises|voiced|voices|expressed|expresses) (?:[\w-]+ ){0,2}?(?:concerns?|fears?|doubts?|objections?|alarm|"
       r"reservations|misgivings)\b(?! (?:were|had been|have been) (?:allayed|addressed|answered))|launch(?:ed|es) (?:a|an) (?:[\w-]+ ){0,2}?(?:attack|rebuke|broadside|tirade|onslaught)|complain(?:ed|s)|disagree(?:d|s)? with|"
       r"dismiss(?:ed|es) (?:[^\s,.;:!?]+ ){1,6}?as\b|lashed out at|lashes out at|tore into|rail(?:ed|s) against|decri(?:ed|es)|castigat(?:ed|es)|berat(?:ed|es)|excoriat(?:ed|es)|"
       r"described {_GAP}as (?:an? )?(?:{PEJORATIVE})".replace("{_GAP}", _GAP).replace("{PEJORATIVE}", PEJORATIVE),
       "criticism", "oppose", weight=0.85),
    # statements that carry a stance of their own
    _v(r"welcom(?:ed|es)|back(?:ed|s)|endors(?:ed|es)|prais(?:ed|es)|hail(?:ed|s)|defend(?:ed|s)|"
       r"support(?:ed|s)|champion(?:ed|s)|pledg(?:ed|es)|promis(?:ed|es|ing)|vow(?:ed|s)|applaud(?:ed|s)|"
       r"(?:renew(?:ed|s)|reaffirm(?:ed|s)|restat(?:ed|es)|reiterat(?:ed|es)) (?:its|his|her|their|the) (?:\w+ )?(?:commitment|pledge|support|promise)|"
       r"(?:was|is|were|are) (?:now )?in favour of|"
       r"(?:threw|throws|thrown) (?:his|her|its|their) (?:\w+ )?(?:weight|support) behind|"
       r"(?:gave|gives|lent|lends) (?:his|her|its|their) (?:\w+ )?(?:backing|support) to|came out in (?:favour|support) of",
       "statement", "support", weight=0.7),
    _v(r"oppos(?:ed|es)|(?:was|were|is|are) (?:\w+ )?opposed to|warn(?:ed|s) against|object(?:ed|s) to|challeng(?:ed|es)|"
       r"question(?:ed|s)|(?:was|were|is|are) against", "statement", "oppose", weight=0.7),
    _v(r"(?:gave|gives|giving|made|delivered|delivers) (?:a |an |the |his |her |its |their )?(?:[\w’']+[’']s )?(?:[\w-]+ ){0,3}?"
       r"(?:speech|statement|address|budget)\b", "statement", None, weight=0.7),
    # naming a thing in someone else's words: the quotation says what stance
    _v(r"(?:call(?:ed|s)|describ(?:ed|es)|dubb(?:ed|s)|brand(?:ed|s)) (?:[^\s,.;:!?]+ ){1,8}?(?:as )?(?:an? |the )?(?=[‘“\"'«„])",
       "statement", None, weight=0.7),
    # reporting verbs: a statement, stance from what was said
    _v(r"said|says|say|added|adds|told|tells|insist(?:ed|s)|claim(?:ed|s)|stated|declared|argu(?:ed|es)|"
       r"warn(?:ed|s)|explain(?:ed|s)|confirm(?:ed|s)|admitt?(?:ed|s)|acknowledg(?:ed|es)|suggest(?:ed|s)|"
       r"maintain(?:ed|s)|replied|responded|wrote|asked(?=\s*:| (?:why|whether|how|what|when)\b)|tweeted|posted|announced|stress(?:ed|es)|noted|den(?:ied|ies)|according to|"
       r"(?:took|takes) to (?:social media|twitter|x) to say|(?:went|goes) on to say|"
       r"told (?:the (?:commons|house|lords|bbc|press|media|committee|conference|chamber|assembly|senedd|parliament)|mps|msps|peers|reporters|journalists|delegates|the \w+ (?:programme|conference|committee))", "statement", None,
       reporting=True, weight=0.6),
)

# What must be published for publishing to be a policy act ("published the regulations", "plans were published").
POLICY_OBJECT = re.compile(
    r"(?i)\b(?:regulations?|rules|plans?|proposals?|bill|legislation|strategy|guidance|white paper|green paper|"
    r"consultation|policy|policy statement|budget|targets?|order|changes)\b"
)
# Phrases that look like events but report none.
IGNORE = re.compile(
    r"\b(?:declin(?:ed|es) to comment|refus(?:ed|es) to comment|did not (?:respond|reply|comment)|"
    r"could not be reached|(?:is|are|was|were) said to|said to be|so-called|said earlier(?! (?:this|today|on|in|last))|the said)\b"
)
# Rebuttals: rejecting a charge is a statement in the actor's own cause, not a refusal.
REBUTTAL = re.compile(
    r"\b(?:reject(?:ed|s)|dismiss(?:ed|es)|denied|denies|brushed off|brushes off|hit back at) "
    r"(?:the |these |those |such |this |that )?(?:\w+ )?(?:charges?|claims?|criticism|accusations?|allegations?|"
    r"suggestions?|suggestion|reports?|concerns?|idea that|snub)\b"
)
# An auxiliary that makes the verb a plan, a possibility or a non-event.
NOT_HAPPENED = re.compile(
    r"\b(?:will|would|could|should|must|may|might|shall|can|cannot|can't|won't|wouldn't|"
    r"(?:is|are|was|were) (?:expected|set|due|likely|poised|preparing|going|about) to|"
    r"(?:plans?|planning|hopes?|hoping|wants?|wanting|aims?|intends?|threatens?|threatened|promised|pledged|vowed|"
    r"calls?|pressure|demands?|bid|attempts?|efforts?|moves?|proposals?|power|right|need)"
    r" to|not|never|n't|no longer|failed to|attempt(?:ed|s)? to|tried to|tries to|to be|to have been)\s+(?:\w+\s+){0,1}$"
)
# A verb in an "if" clause reports nothing ("… would be if the Lib Dems blocked it").
CONDITIONAL = re.compile(r"(?i)\b(?:if|unless|whether)\b[^,;:]*$")  # "If the Tories joined … and supported…,": nothing
PASSIVE = re.compile(r"\b(?:was|were|been|being|be|is|are|had been|has been|have been)\s+(?:(?:\w+ly|today|yesterday|also|now|then|"
                     r"later|again|once|last night)\s+)?$")  # "The Government was today accused of…": the passive

# Words that say the stance of a statement (outside or inside its quotation).
POSITIVE = re.compile(
    r"\b(?:support|supports|supported|back|backs|backed|welcome|welcomed|welcomes|favour|favor|want|wants|"
    r"hail(?:ed|s)?|victory|success|successful|fair|certainty|commit(?:ted|ment)|determined|proud|"
    r"stands? by|stood by|right thing|effective(?:ly)?|vital|essential|good news|delighted|pleased|"
    r"deliver|benefit|benefits|bridge to|boost|protect(?:ing)?|keep (?:that|this|our) promise|defended|"
    r"historic|landmark|milestone|step forward|great news|real difference|good for|positive|applaud|celebrate|"
    r"long overdue|right decision|sensible|pragmatic|progress|enormous step|save (?:\w+ )?lives|make work pay|"
    r"committed|commitment|priority|statement of intent|breakthrough|encouraging|glad|excellent|important step|significant step|win for|"
    r"creat\w* (?:\w+ ){0,3}?jobs|contribut\w* (?:\w+ ){0,4}?to the economy|"
    # defiance: a negated suppression is resolve ("Scottish democracy will not be denied", "cannot and will not be silenced")
    r"(?:not|never) be (?:denied|silenced|stopped|deterred|defeated|ignored|cowed|bullied|intimidated))\b"
)
NEGATIVE = re.compile(
    r"\b(?:oppose|opposes|opposed|against|no|not|never|reject(?:ed|s)?|refuse[ds]?|disappointed|"
    r"disappointing|concern(?:ed|s)?|worried|alarmed|no interest|failed|failure|unlawful|illegal|betrayal|"
    r"embarrassment|gimmick|chaos|weak|shambles|sell-out|damaging|wasted|indefensible|mistake|wrong|"
    r"disaster|deficit|bust|fewer|crisis|doubts?|meddling|unfair|cuts?|half-baked|panic|scrambling|one-off|said no|"
    r"far enough|too far|humiliation|imitation|scrap(?:ped)?|worst|lost|losing|costs?|burden|inflation|"
    r"unemployment|job losses|risks?|threat(?:en)?s?|damag(?:e|es|ing)|harm(?:ful)?|struggl\w*|untenable|"
    r"unworkable|unacceptabl[ey]|shabby|outrage\w*|appall\w*|shameful|disgrace\w*|cynical|hypocri\w*|"
    r"reckless|irresponsible|undermin\w*|flawed|divisive|gambit|spin|smokescreen|sneak\w*|avoiding scrutiny|"
    r"hate|attack|fails?|devastat\w*|dismay\w*|furious|anger|angry|condemn\w*|deplor\w*|regret\w*|"
    r"limit|hike|squeeze|anything but|worrying|concerning|alarming|troubling|sacrific\w*|ignor\w*|destabilis\w*|destabiliz\w*|cash cow|milked|harder|worse|price (?:\w+ )?out|destroy\w*|daft|absurd|ridiculous|insult\w*|betray\w*|worsen\w*|little faith|no faith|"
    r"hurt|hurts|hurting|propaganda|fight (?:it|this|that|the (?:plan|measure|bill|law|move|decision|change))|"
    r"backward step|step backwards?)\b"
)
# "reducing waste", "tackling the crisis": a bad word after a remedy verb is not a complaint
REMEDY = re.compile(
    r"\b(?:reduc\w*|cut(?:ting|s)?|tackl\w*|curb\w*|fight\w*|prevent\w*|end(?:ing|s)?|stop(?:ping|s)?|"
    r"protect\w* (?:\w+ )?(?:from|against)|address\w*|combat\w*|eas(?:e|ing|es)|lower\w*|avoid\w*|without)\s+"
    r"(?:\w+\s+){0,2}$"
)
# Stance told outright in the speaker's own words: "We welcome…", "I am deeply disappointed…"
OWN_SUPPORT = re.compile(
    r"(?i)\b(?:we|i)\s+(?:\w+\s+)?(?:welcome|support|back|applaud|endorse|celebrate|are (?:\w+ )?(?:pleased|delighted|glad))\b"
    r"|\b(?:this|it) is (?:a )?(?:\w+ )?(?:welcome|great news|good news|victory|win|landmark|historic|huge step|step forward)\b"
)
OWN_OPPOSITION = re.compile(
    r"(?i)\b(?:we|i)\s+(?:\w+\s+)?(?:oppose|reject|condemn|deplore|regret|urge \w+ to (?:reject|drop|scrap|vote against)|"
    r"are (?:\w+ )?(?:disappointed|concerned|worried|alarmed|appalled|dismayed|angry|furious|opposed))\b"
)
CONTRAST = re.compile(r"\b(?:but|however|although|though|yet|while)\b")
# Criticism of an undoing ("branded the U-turn a betrayal") speaks for what was undone.
UNDOING = re.compile(
    r"\b(?:scrap(?:s|ping|ped)?|phas(?:e|es|ed|ing)[ -]out|phase-out|ended|ending|put an end to|revers(?:e|ed|ing)|u-turn|climbdown|reversal|ax(?:e|es|ed|ing)|abandon(?:ing|ment|ed)?|cancell?(?:ation|ed|ing)|cuts?|"
    r"remov(?:e|es|ed|al|ing)|(?:get|gets|getting|got) rid of|eliminat(?:e|es|ed|ing|ion)|repeal(?:s|ed|ing)?|abolish(?:ed|ing|es)?|abolition|(?:do|does|did|done|doing) away with|"
    r"challeng(?:e|es|ed|ing) (?:the|this|that) (?:decision|ruling|plans?|policy|law)|strik(?:e|es|ing) down|struck down|toss(?:ed|ing)? out|overturn(?:ed|s|ing)?|quash(?:ed|es|ing)?|"
    r"ditch(?:ed|ing)?|dropp(?:ed|ing)|drop|halt(?:ed|ing)?|withdr[ae]w\w*|water(?:ed|ing)? down|delay(?:s|ed|ing)?|row(?:ing|ed)? back|veto(?:es|ed)?|block(?:s|ed|ing)?)\b"
)
# Words that point back at the article's news rather than name a thing: "called the news a disgrace".
ANAPHORIC_TARGET = re.compile(r"^\s*\w+(?: \w+)?\s+(?:the|this|that) (?:[\w]+['’]s )?(?:news|move|decision|announcement|plans?|proposals?|step|change|changes)\b|^\s*\w+ it\b")
# Topic words after these are what the subject is being compared with, not the subject.
COMPARISON = re.compile(
    r"\b(?:different[’'”\"]? from|unlike|rather than|instead of|replacement for|similar to|compared with)\b"
)

HONORIFICS = {
    "sir": "m", "lord": "m", "baron": "m", "mr": "m", "dame": "f", "lady": "f", "baroness": "f",
    "mrs": "f", "ms": "f", "miss": "f", "dr": None, "professor": None, "prof": None, "judge": None,
    "cllr": None, "coun": None, "gov": None, "sen": None, "rep": None, "councillor": None, "rev": None, "father": "m", "sister": "f", "president": None, "senator": None,
}
# Honorifics that are followed by a first name ("Sir Keir") rather than a surname ("Mr Rama").
FIRST_NAME_HONORIFICS = {"sir", "dame"}
JUDICIAL = re.compile(r"\b(?:Mr|Mrs|Ms|Lord|Lady) Justice\b")

# A title is one or more capitalised words ending in one of these ("Shadow Home Secretary").
TITLE_HEADS = {
    "secretary", "minister", "pm", "chancellor", "president", "mayor", "leader", "governor", "senator",
    "commissioner", "nurse", "campaigner", "activist", "economist", "teacher", "headteacher", "analyst",
    "lawyer", "barrister", "solicitor", "businessman", "businesswoman", "entrepreneur", "scientist", "spokesman", "spokeswoman", "spokesperson", "chair", "chairman", "chairwoman",
    "director", "ambassador", "councillor", "mp", "mep", "speaker", "general", "premier", "taoiseach",
    "chief", "executive", "envoy", "attorney", "whip", "officer", "treasurer", "regulator", "mayor",
}
TITLE_ABBREVIATIONS = {"pm": "prime minister"}
# Words that begin a title without being a title head ("Shadow", "Deputy", "Foreign").
TITLE_LEAD_WORDS = {
    "shadow", "deputy", "prime", "home", "foreign", "health", "energy", "education", "defence", "justice",
    "culture", "transport", "business", "environment", "housing", "work", "works", "pensions", "trade",
    "first", "chief", "vice", "acting", "interim", "former", "labour", "tory", "conservative", "green",
    "lib", "liberal", "democratic", "reform", "party", "opposition", "fisheries", "security", "interior",
    "finance", "economy", "treasury", "cabinet", "junior", "senior", "minister", "secretary", "state",
    "immigration", "migration", "border", "northern", "ireland", "scottish", "welsh", "science", "digital",
    "communities", "local", "government", "levelling", "up", "environment", "climate", "central", "trade",
    "association", "cabinet", "and",
}
# Capitalised single words that name an organisation on their own ("Labour said…").
PARTIES = {
    "labour", "conservatives", "tories", "greens", "democrats", "republicans", "government", "cabinet", "treasury",
    "parliament", "senedd", "congress", "senate",
}
# Acronyms that are places, currencies or things, not actors.
NOT_ACTOR_ACRONYMS = {"UK", "US", "USA", "EU", "UN", "NHS", "VAT", "GDP", "TV", "HS2", "AONB", "MP", "MPS", "PM", "CEO", "CEOS"}
# Capitalised words that start a sentence or a phrase without being part of a name.
NOT_NAMES = {
    "the", "a", "an", "but", "and", "or", "in", "on", "at", "for", "with", "by", "from", "as", "after",
    "before", "when", "while", "speaking", "its", "his", "her", "their", "our", "my", "this", "that",
    "these", "those", "one", "yesterday", "today", "tonight", "last", "earlier", "meanwhile", "however",
    "under", "over", "despite", "since", "following", "if", "asked", "then", "now", "so", "yet", "also",
    "it", "he", "she", "they", "we", "i", "you", "there", "here", "what", "who", "where", "why", "how",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "leaving", "towering", "according", "unclear", "within", "during", "until", "all", "both", "each",
    "some", "many", "most", "several", "any", "no", "not", "more", "less", "about", "into", "read",
    "campaign", "council", "group", "q", "a&a", "former", "new", "other", "such", "than", "whose",
    # prepositions and adverbs that open a sentence ("Among the MPs who backed…", "Amid the row…")
    "among", "amongst", "amid", "amidst", "against", "across", "around", "through", "throughout", "without",
    "alongside", "besides", "beyond", "behind", "below", "above", "instead", "indeed", "still", "even", "just",
    "only", "perhaps", "already", "again", "once", "thus", "therefore", "nevertheless", "nonetheless", "although",
    "though", "because", "unlike", "like", "including", "regarding", "thanks", "whether", "every", "another",
    "further", "recently", "currently", "previously", "ahead", "outside", "inside", "near", "via",
}
# What a capitalised run names when it ends in one of these is a policy or a thing, not an actor ("Sugar Tax",
# "Universal Credit", "Railways Bill").
POLICY_NOUNS = {
    "tax", "taxes", "levy", "bill", "act", "scheme", "plan", "plans", "budget", "strategy", "policy", "reform",
    "reforms", "charge", "charges", "ban", "programme", "program", "review", "duty", "allowance", "payment",
    "payments", "credit", "pledge", "agreement", "treaty", "report", "statement", "speech", "fees", "relief",
    "subsidy", "zone", "regulations", "rules",
    "amendment", "motion", "referendum", "election", "manifesto", "settlement", "framework", "initiative",
    "guarantee", "benefit", "benefits", "pension", "pensions",
}
# A party named as an adjective ("said Lib Dem justice spokesman…", "a Tory MP"): an affiliation, not a speaker.
ADJECTIVAL_PARTIES = {
    "lib dem", "libdem", "tory", "conservative", "liberal", "liberal democrat", "democratic", "republican", "unionist",
}
# Words of a run that is shouted in capitals at the start of a story ("HEALTH CAMPAIGNERS welcomed…"): a
# capitalised run of more than one word, some of them longer than an acronym, is the lead, not a name.
ACRONYM_MAX = 5
# Nouns for anonymous or collective sources: not actors unless the store names them.
ANONYMOUS = {
    "officials", "ministers", "sources", "insiders", "critics", "campaigners", "residents", "experts",
    "analysts", "aides", "allies", "friends", "colleagues", "observers", "diplomats", "mps", "peers",
    "members", "supporters", "opponents", "people", "police",
}
# A name ending in one of these is an organisation.
ORGANISATION_HEADS = {
    "council", "court", "federation", "association", "party", "union", "trust", "fund", "institute",
    "foundation", "society", "group", "board", "agency", "service", "committee", "commission",
    "authority", "office", "department", "ministry", "treasury", "government", "parliament", "assembly",
    "congress", "senate", "bank", "company", "ltd", "plc", "inc", "corporation", "democrats",
    "republicans", "conservatives", "tories", "greens", "labour", "uk", "alliance", "coalition", "network",
    "forum", "centre", "center", "confederation", "chamber", "tribunal", "regulator", "people", "street",
    "house", "hall", "organisation", "organization", "league", "movement", "campaign", "club", "nations",
    "executive", "cabinet", "police", "army", "navy", "dales", "friends",
}
CONNECTORS = {"of", "for", "and", "the", "de", "du", "da", "van", "von", "der", "al", "la", "le", "y", "ap"}  # "Rhun ap Iorwerth"
PRONOUNS = {"he": "m", "she": "f", "they": None, "it": None}

STOPWORDS = set(
    "a an the and or of for to in on at by with from as is are was were be been being it its this that "
    "these those his her their our your my we you they he she i not no but so if than then there here "
    "who whom which what when where why how all any each some such very more most other into over under "
    "about after before up down out off again once also only just still even new old own same both few "
    "can could would should will may might must shall do does did done has have had having uk british "
    "plan plans scheme schemes government said says say year years month week day days people "
    # words of time: "last night" repeated in a report of an evening vote is no topic (sixth pass)
    "night last yesterday today tonight morning afternoon evening weekend monday tuesday wednesday thursday friday "
    "saturday sunday per cent percent".split()
)
