"""Names in running text: capitalised runs split into title, honorific and name.

"Shadow Home Secretary Chris Philp" → title "Shadow Home Secretary", name "Chris Philp";
"Mr Justice Collier" → honorific "Mr Justice", name "Collier"; "Britain and Norway" → two names;
"Campaign to Protect Rural England" stays one. Also which one-word and several-word names are
organisations. `mentions` resolves what this finds against the article's cast and the store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from events.text import normalise
from timeline.extract import lexicon as lx

_TOKEN = re.compile(r"[^\W_](?:[\w&]|[’'\-.](?=\w))*")
_POST_NOMINALS = {"MP", "MPs", "MS", "MSs", "MSP", "MSPs", "AM", "AMs", "MEP", "MEPs", "MLA", "MLAs", "QC", "KC", "OBE", "CBE",
                  "MBE", "KBE", "DBE", "PC", "TD", "TDs"}  # plurals: "Plaid Cymru MSs voted" is the party's members
NATIONALITY = re.compile(r"^[A-Z][a-z]+(?:an|ian|ish|ese|i|ic|ch)$|^(?:US|UK|EU)$")  # "US President" (seventh pass)

# Capitalised words and a lower-case preposition right before a one-word name: "Dignity in Dying", "Hope not Hate".
JOINED_NAME = re.compile(r"(?:^|(?<=[\s(]))((?:[A-Z][\w’'-]*\s+)+(?:in|on|at|against|for|with|without|to|not)\s+)$")
NAMED_BODY = re.compile(r"\s+(?:union|party|charity|think[ -]tank|pressure group|campaign group|group|trust|"
                         r"federation|association|alliance|council)\b")
# A court's bench named by its members: "three senior judges", "the justices".
BENCH = re.compile(r"\b(?:[Tt]he |[Tt]wo |[Tt]hree |[Ff]ive |[Ss]even |[Nn]ine |[Ee]leven )?(?:(?:senior|appeal|federal|high court|supreme court) )*"
                    r"((?:judges|justices|(?<![\w,;] )(?:Judges|Justices))(?: (?:at|of|on|in) the (?:[\w’']+ ){0,3}?court)?)\b")  # "Judges at the UK's highest court have ruled" (eighth pass)
# A dateline opening an article: a place in capitals, then a full stop, a comma or a dash (eighth pass; seen7).
DATELINE = re.compile(r"[A-Z]{3,}(?:[ -][A-Z]{3,})*(?:\.\s*$|,\s+[A-Z][a-z]+\s+[-–—]|\s+[-–—]\s)")
PREPOSITIONS = {
    "with", "over", "for", "from", "to", "of", "against", "at", "on", "about", "after", "before", "under",
    "between", "among", "towards", "toward", "than", "like", "alongside", "including", "behind", "beside",
    "into", "onto", "upon", "via", "without", "following", "host", "as", "by",
}


@dataclass
class Parsed:
    start: int
    end: int
    title: list[str]
    honorific: list[str]
    name: list[str]
    possessive: bool


# After an unknown one-word name: an appositive that says it is a body, or a speech verb right away.
ACTING_BODY = re.compile(
    r"(,\s*(?:the|a|an)\s[^,]{0,60}?\b(?:union|charity|group|think[ -]tank|company|firm|association|organisation|"
    r"body|regulator|watchdog|party|trust|campaign|movement|federation|network|alliance|coalition)\b[^,]{0,30},)?"
    r"\s*(?:also\s+|has\s+|have\s+|yesterday\s+|today\s+|on \w+day\s+|last \w+\s+|\w+ly\s+)?(?:said|says|warned|welcomed|criticised|"
    r"called|urged|added|told|argued|claimed|insisted|accused|rejected|announced|backed|opposed|condemned|slammed|described|"
    # a regulator's or a government's decision told without a quote: "Ofgem confirmed…", "Ofwat yesterday put…"
    r"confirmed|put|placed|approved|decided|ruled|allowed|ordered|fined|granted|paved|cleared|launched|imposed|blocked)\b"
)


def capitalised_runs(masked: str) -> list[list[tuple[int, int, str]]]:
    """Runs of capitalised words joined by single spaces, with lower-case connectors inside."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(masked)]
    runs: list[list[tuple[int, int, str]]] = []
    current: list[tuple[int, int, str]] = []
    for i, token in enumerate(tokens):
        word = token[2]
        gap = masked[current[-1][1] : token[0]] if current else ""
        if current and gap in ("’ ", "' ") and current[-1][2].endswith("s") and normalise(word) in lx.ORGANISATION_HEADS:
            # "the National Farmers’ Union": a plural possessive inside an organisation's name keeps it whole
            current[-1] = (current[-1][0], current[-1][1] + 1, current[-1][2] + gap[0])
        joined = current and (masked[current[-1][1] : token[0]] == " " or (
            masked[current[-1][1] : token[0]] == ", " and _listing_name(current, tokens, i)))
        capital = (word[0].isupper() and not re.search(r"-[a-z]", word)) or (
            word[0].isdigit() and bool(current) and current[-1][2] in {"No", "Number"}
        )
        connector = bool(current) and (
            word in lx.CONNECTORS or (word == "to" and current[-1][2].lower() in lx.ORGANISATION_HEADS)
        ) and _leads_to_name(tokens, i, masked)
        if current and joined and (capital or connector):
            current.append(token)
            continue
        if current:
            runs.append(current)
        current = [token] if capital else []
    if current:
        runs.append(current)
    return runs


def _listing_name(current: list[tuple[int, int, str]], tokens: list[tuple[int, int, str]], i: int) -> bool:
    """"Department for Business, Enterprise and Regulatory Reform": a department's list of subjects is one name."""
    words = [w for _, _, w in current]
    if words[0] not in {"Department", "Ministry", "Secretary"} or not ({"for", "of"} & set(words)):
        return False
    following = [w for _, _, w in tokens[i : i + 4]]
    return tokens[i][2][:1].isupper() and "and" in following


def _leads_to_name(tokens: list[tuple[int, int, str]], i: int, masked: str) -> bool:
    """A connector joins a name only when more connectors and then a capitalised word follow."""
    j = i
    while j + 1 < len(tokens) and masked[tokens[j][1] : tokens[j + 1][0]] == " ":
        following = tokens[j + 1][2]
        if following in lx.CONNECTORS:
            j += 1
            continue
        return following[:1].isupper() and following.lower().rstrip(".") not in lx.HONORIFICS
    return False


# A lower-case office that names the body it serves just before a capitalised run (eighth pass; seen7).
_SERVES = re.compile(r"\b(?:secretary|minister|chancellor|head|chief|director|leader|chair(?:man|woman)?|spokes(?:man|woman|person)|"
                     r"adviser|advisor|member|commissioner|president)\s+(?:of|to|for|at)\s+(?:the\s+)?$")
# A news outlet: it reports acts, it is never the actor (eighth pass; "told BFMTV", "reports BFMTV" in seen7).
_OUTLET = re.compile(r"^(?:BBC|ITV|CNN|Reuters|AFP|Bloomberg|Sky|PA|AP|RTÉ|RTE|BFMTV|Euronews|Politico)\b|\b(?:News|Times|Post|Guardian|"
                     r"Telegraph|Herald|Mail|Express|Mirror|Gazette|Tribune|Chronicle|Journal|Observer|Radio|TV|FM|Broadcasting|"
                     r"Newspapers?|Press Association|News Agency)$|[A-Z]{2,}(?:TV|FM)$")


_POSSESSED_CHAMBER = re.compile(r"\b((?:New |South |North |United )?[A-Z][a-z]+)['’]s (parliament|senate|congress|national assembly|"
                                r"lower house|upper house)\b")


def possessed_chambers(masked: str, covered: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """"New Zealand's parliament", "Italy's senate": a country's chamber in lower case is that chamber, named the common
    way ("New Zealand Parliament"); not inside a name already found."""
    found = []
    for match in _POSSESSED_CHAMBER.finditer(masked):
        if match.group(1).lower() not in lx.NOT_NAMES and not any(a < match.end(1) and match.start(1) < b for a, b in covered
                                                                  if b - a > len(match.group(1)) + 3):
            found.append((match.start(), match.end(), f"{match.group(1)} {match.group(2).title()}"))
    return found


def media_outlet(name: str, known: bool) -> bool:
    """A name shaped like a newspaper, broadcaster or agency ("Sky News", "The Herald", "BFMTV") that the store does not
    know as an actor."""
    return not known and bool(_OUTLET.search(name.strip()))


# Places whose name begins with "New", which is otherwise an ordinary word opening a sentence (seventh pass).
_NEW_PLACES = {"Zealand", "York", "Jersey", "Mexico", "Hampshire", "South", "Delhi", "England", "Brunswick", "Orleans"}


def parse_run(run: list[tuple[int, int, str]], masked: str) -> list[Parsed]:
    """Split a run into title / honorific / name parts ("Shadow Home Secretary" + "Chris Philp")."""
    words = [w for _, _, w in run]
    while words and (words[0].lower() in lx.NOT_NAMES or words[0] in lx.CONNECTORS) and not (
        len(words) > 2 and words[1] in {"to", "for", "of"} and words[0].lower() in lx.ORGANISATION_HEADS
    ) and not (words[0] == "New" and len(words) > 1 and words[1] in _NEW_PLACES):  # "New Zealand Parliament"
        run, words = run[1:], words[1:]
    while words and words[-1] in lx.CONNECTORS:
        run, words = run[:-1], words[:-1]
    if not words:
        return []
    # Split coordinated names ("Britain and Norway") unless the run names one organisation.
    department = words[0] in {"Department", "Ministry"} and bool({"for", "of"} & set(words))
    if "and" in words and normalise(words[-1]) not in lx.ORGANISATION_HEADS and not department:
        k = words.index("and")
        return parse_run(run[:k], masked) + parse_run(run[k + 1 :], masked)
    while len(words) >= 3 and words[-1] in _POST_NOMINALS and words[-2][:1].isupper():
        run, words = run[:-1], words[:-1]  # "Jane Dodds MS", "Nick Boles MP": letters after a name are not part of it
    # "Labour's Gordon Marsden", "Britain's Supreme Court": the possessor is an affiliation, the rest is the name
    for k, word in enumerate(words[:-1]):
        if re.search(r"[’']s$", word) and words[k + 1][:1].isupper() and not is_organisation(words[k + 1 :]):
            rest = parse_run(run[k + 1 :], masked)
            if rest and rest[0].name and not rest[0].title:
                rest[0].title = [re.sub(r"[’']s$", "", w) for w in words[: k + 1]]
            return rest
    possessive = False
    last = words[-1]
    if re.search(r"[’']s$", last) or masked[run[-1][1] : run[-1][1] + 2] in ("’ ", "' ") and last.endswith("s"):
        possessive = True
        words[-1] = re.sub(r"[’']s$", "", last)
    start, end = run[0][0], run[-1][1]
    lower = [w.lower().rstrip(".") for w in words]
    # "Lord Chief Justice Lord Burnett", "Lord Chancellor Lord X": a title that opens with "Lord" before the honorific
    later = next((j for j in range(2, len(lower) - 1) if lower[j] in lx.HONORIFICS), None) if lower[0] in {"lord", "lady"} else None
    if later is not None and all(w in lx.TITLE_HEADS | lx.TITLE_LEAD_WORDS | {"justice", "advocate"} for w in lower[1:later]):
        rest = parse_run(run[later:], masked)
        if rest and not rest[0].title:
            rest[0].title, rest[0].start = words[:later], start
            return rest
    # "Professor Janet Hook of the University of Otago": a person, then the body they belong to (eighth pass)
    if "of" in words[2:]:
        k = words.index("of", 2)
        body = words[k + 1 :][1:] if words[k + 1 : k + 2] == ["the"] else words[k + 1 :]
        person = words[1:k] if lower[0] in lx.HONORIFICS else words[:k]
        if _person_shaped(person) and is_organisation(body) and not is_organisation(words[:k]):
            return parse_run(run[:k], masked) + parse_run(run[k + 1 :], masked)
    # "chief secretary to the Treasury Liz Truss": a lower-case title ends with the body it serves, then the person
    k = next((j for j in range(min(3, len(words) - 2)) if lower[j] in lx.ORGANISATION_HEADS), None)
    if k is not None and _person_shaped(words[k + 1 :]) and len(words) - k - 1 <= 3 and not is_organisation(words[k + 1 :]) \
            and _SERVES.search(masked[:start]):
        return [Parsed(start, end, words[: k + 1], [], words[k + 1 :], possessive)]
    # Honorific: "Prime Minister Sir Keir Starmer", "Mr Justice Collier", "Professor Nadia Ferreira".
    for i, word in enumerate(lower):
        if word in lx.HONORIFICS and i + 1 < len(words) and (word not in {"president", "senator", "judge"} or i == 0):
            size = 2 if i + 1 < len(lower) and lower[i + 1] == "justice" and i + 2 < len(words) else 1
            return [Parsed(start, end, words[:i], words[i : i + size], words[i + size :], possessive)]
    # Title: "Albanian PM Edi Rama", "Leader of the Opposition", "Energy Secretary Daniel Reyes".
    head = _title_end(words)
    if head is not None:
        name = words[head + 1 :]
        while name and name[0] in lx.CONNECTORS:  # "Regulator the Oil and Gas Authority"
            name = name[1:]
        return [Parsed(start, end, words[: head + 1], [], name, possessive)]
    return [Parsed(start, end, [], [], words, possessive)]


def _title_end(words: list[str]) -> int | None:
    """Index of the last word of a leading title, or None when the run does not start with one.

    "Secretary of State for Transport" is all title; in "Central Devon MP Mel Stride" and
    "Communities Secretary Sajid Javid" the last title word before a name ends the title.
    """
    end = _leading_title_end(words)
    while end is not None and end + 2 <= len(words) - 1 and words[end + 1] in {"of", "for"}:
        end += 2  # "… of State for Transport"
    if end is None:
        heads = [k for k, w in enumerate(words[:-1]) if w.lower() in lx.TITLE_HEADS and words[k + 1] not in lx.CONNECTORS]
        if heads and 1 <= len(words) - heads[-1] - 1 <= 3:
            return heads[-1]
    return end


def _leading_title_end(words: list[str]) -> int | None:
    end = None
    i = 0
    while i < len(words):
        word = words[i].lower()
        if word == "justice" and i + 2 < len(words) and words[i + 1][:1].isupper() and not (
                {w.lower() for w in words[i + 1 :]} & (lx.TITLE_HEADS | lx.ORGANISATION_HEADS | lx.TITLE_LEAD_WORDS)):
            return i  # "Chief Justice John Roberts", "Justice Elena Kagan": a judge's title (not "Justice Minister")
        if word in lx.TITLE_HEADS:
            end = i
            # "Leader of the Opposition", "Secretary of State", "Minister for Fisheries"
            if i + 2 < len(words) and words[i + 1] in {"of", "for"}:
                j = i + 2
                if words[j] == "the" and j + 1 < len(words):
                    j += 1
                end = j
                i = j + 1
                continue
        elif not (word in lx.TITLE_LEAD_WORDS or NATIONALITY.match(words[i])):
            break
        i += 1
    return end


def single_word_organisation(word: str) -> bool:
    """"Labour", "the Government", "RenewableUK", "BMA": one word that names an organisation."""
    if word.lower() in lx.PARTIES:
        return True
    if not word.isalpha() or word.upper() in lx.NOT_ACTOR_ACRONYMS:
        return False
    acronym = word.isupper() and 2 <= len(word) <= 6
    camel = word[0].isupper() and any(c.isupper() for c in word[1:]) and any(c.islower() for c in word)
    surname = re.match(r"(?:Mc|Mac|De|Di|Da|La|Le|Van|Von)[A-Z]", word)  # "McMaster", "DeSantis": people
    return acronym or (camel and not surname)


def is_organisation(words: list[str]) -> bool:
    if not words:
        return False
    if normalise(words[-1].replace("’s", "").replace("'s", "")) in lx.ORGANISATION_HEADS:
        return True
    if len(words) > 2 and words[0].lower() in lx.ORGANISATION_HEADS | {"university", "bank", "ministry"} and words[1] in {"of", "for", "to"}:
        return True  # "Department for Education", "Campaign to Protect Rural England", "Bank of England"
    return all(w.isupper() and len(w) > 1 for w in words)


def shouted(words: list[str]) -> bool:
    """"HEALTH CAMPAIGNERS welcomed…": a run of capitals with a word longer than an acronym is a story's lead
    set in capitals, not a name (acronyms such as "GMB" or "TUC" stay names)."""
    letters = [w for w in words if w.isalpha()]
    return len(letters) >= 1 and all(w.isupper() for w in letters) and any(len(w) > lx.ACRONYM_MAX for w in letters)


def plausible_new_actor(words: list[str], *, titled: bool) -> bool:
    """Whether a name the store does not know may be proposed as a new actor: a person (titled, or a first and
    last name), an organisation (ending in an organisation noun), a government or parliament. A policy ("Sugar
    Tax"), a party used as an adjective ("Lib Dem"), a lead set in capitals or a run that still starts with an
    ordinary word is not one."""
    if not words:
        return False
    joined = normalise(" ".join(words)).replace("’", "'")
    if joined in lx.ADJECTIVAL_PARTIES:
        return False
    if is_organisation(words) and not shouted(words):
        return True  # "Department for Business, Enterprise and Regulatory Reform" before the policy nouns
    if shouted(words):
        return False
    if titled:
        return True  # "Mr Andrew Law", "Councillor Ann Budget": a title makes a person of any word
    if words[-1].lower().rstrip(".") in lx.POLICY_NOUNS or words[0].lower() in lx.NOT_NAMES:
        return False
    if words[-1] in _MEMBERS_PLURAL:
        return False  # "Tory MPs", "Labour Members": some of a party's members, not an actor
    return _person_shaped(words)


_MEMBERS_PLURAL = {"MPs", "MSs", "MSPs", "AMs", "TDs", "MEPs", "MLAs", "Members", "Peers", "Councillors", "Senators"}


def _person_shaped(words: list[str]) -> bool:
    # a person's name: two to four words, each capitalised like a name ("Jamie Oliver", "Mary-Lou O'Neill"), accented
    # capitals included ("Éric Bothorel", eighth pass)
    return 2 <= len(words) <= 4 and all(
        w[0].isupper() and re.fullmatch(r"(?:[^\W\d_][a-z]*[’'])?[^\W\d_][\w’'\-.]*", w) and not w.isupper() for w in words
        if w not in lx.CONNECTORS)


def gender_of_aliases(aliases: tuple[str, ...]) -> str | None:
    """"Mr Rama" among a store actor's aliases says he is a man."""
    for alias in aliases:
        first = alias.split()[0].lower() if alias.split() else ""
        if first in lx.HONORIFICS and lx.HONORIFICS[first]:
            return lx.HONORIFICS[first]
    return None


# A month that is someone's surname ("May also warned its members", after "Home Secretary Theresa May"): a capitalised
# month word with no date shape around it (no preposition or determiner before, no day or year after) (sixth pass).
_MONTH_WORD = re.compile(r"\b(January|March|April|May|June|July|August)\b(?!\s+\d|['’]s\b)")
_DATE_BEFORE = re.compile(r"(?i)(?:\b(?:in|of|since|until|till|by|from|last|next|this|early|late|mid|during|before|after|"
                          r"between|and|to|the|for|through|into|each|every|on)[\s-]+|\d\s+)$")


def month_surnames(masked: str, covered: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, word) of each month word that may be a surname, not inside a mention already found."""
    return [(m.start(), m.end(), m.group()) for m in _MONTH_WORD.finditer(masked)
            if not _DATE_BEFORE.search(masked[: m.start()]) and not any(a < m.end() and m.start() < b for a, b in covered)]


def form_pattern(form: str) -> re.Pattern[str]:
    """A store name (moved out of `mentions` in the eighth pass) or alias as it appears in running text: the first letter may be capitalised."""
    escaped = re.escape(form)
    if form[:1].isalpha():
        escaped = f"[{form[0].lower()}{form[0].upper()}]" + re.escape(form[1:])
    return re.compile(rf"(?<![\w-]){escaped}(?![\w-])")
