"""Who is named where: actors found by name, honorific, title and pronoun, resolved in context.

Two passes over the article. The first builds its *cast*: every full name ("Edi Rama",
"Sir Keir Starmer", "Friends of the Dales"), mapped to the store's actor when the store knows the
name or an alias, with the titles the article binds to it ("Albanian PM Edi Rama"). The second
reads each sentence and resolves the short forms against the cast: "Mr Rama" and "Sir Keir" by
surname or first name, "the Prime Minister" by the store's aliases and the article's own titles
(the most prominent holder wins when several fit), "he"/"she" by the discourse (done later, by
the extractor, which knows who spoke last).

A single capitalised word on its own is not taken for a new actor: at the start of a sentence it
is usually an ordinary word, and elsewhere usually a place. Single words count only when the store
knows them or the article has used them as part of a full name.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from events.text import normalise
from timeline.extract import lexicon as lx
from timeline.extract.gazetteer import Gazetteer, KnownActor
from timeline.extract.names import (
    ACTING_BODY,
    BENCH,
    DATELINE,
    JOINED_NAME,
    NAMED_BODY,
    NATIONALITY,
    PREPOSITIONS,
    Parsed,
    capitalised_runs,
    form_pattern,
    gender_of_aliases,
    is_organisation,
    month_surnames,
    parse_run,
    plausible_new_actor,
    possessed_chambers,
    single_word_organisation,
)
from timeline.extract.roles import COUNCILLORS, by_role, council_of, one_court
from timeline.extract.text import Article, Sentence

# "the minister said": a role noun in lower case refers back to the last actor who holds it.
_ROLE_NOUN = re.compile(
    r"\b(?:[Tt]he|THE) (?:(?:state|country|nation|city|county|government)['’]s |highest |top |federal |appeals? |high |new |full |"
    r"[A-Z][a-z]+ [a-z]+['’]s (?=(?:full )?council\b)|[a-z]+ (?=(?:secretary|minister)\b)){0,2}(minister|secretary|chancellor|premier|mp|judge|mayor|councillor|senator|president|chairman|chairwoman|"
    r"chair|union|council|party|department|regulator|court|commission|committee|charity|association|college|"
    r"institute|federation|confederation|trust|board|agency|authority|campaign|company|firm)\b(?!['’]s)"
    r"|\b[Tt]he (?:[a-z]+ )?(regulator|watchdog)\b(?!['’]s)"  # "the energy regulator", "the watchdog"
)


@dataclass(eq=False)
class Entity:
    name: str
    kind: str = "person"
    known: bool = False  # the store's actor
    aliases: set[str] = field(default_factory=set)  # forms the article uses that the store lacks
    titles: set[str] = field(default_factory=set)
    gender: str | None = None
    count: int = 0  # mentions in the body of the article
    office_start: object = None  # PartialDate when the store records the actor's first role

    first = property(lambda self: self.name.split()[0])
    last = property(lambda self: self.name.split()[-1])


@dataclass
class Mention:
    start: int
    end: int
    text: str
    how: str  # store | name | honorific | surname | title | pronoun
    entity: Entity | None = None
    gender: str | None = None
    possessive: bool = False
    after_preposition: bool = False
    after_by: bool = False
    confidence: float = 1.0


class Cast:
    """The actors of one article, and how its short forms resolve to them."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.entities: dict[str, Entity] = {}
        self.bindings: dict[str, list[Entity]] = {}  # normalised title -> holders named in the article
        self.last_seen: dict[int, int] = {}  # id(entity) -> sentence index of its latest mention

    # -- building ---------------------------------------------------------------------------

    def known(self, actor: KnownActor) -> Entity:
        key = normalise(actor.name)
        if key not in self.entities:
            self.entities[key] = Entity(
                actor.name, actor.kind, known=True, office_start=actor.office_start(),
                gender=gender_of_aliases(actor.aliases),
            )
        return self.entities[key]

    def new(self, name: str, kind: str, gender: str | None) -> Entity:
        key = normalise(name)
        longer = [e for e in self.entities.values() if e.kind == "organisation" and normalise(e.name).endswith(" " + key)
                  and len(e.name.split()) == len(name.split()) + 1]
        if key not in self.entities and kind == "organisation" and len(longer) == 1 and _SHORT_FORM.search(name):
            return longer[0]  # "the Australian Senate" then "The Senate approved…": one chamber (eighth pass)
        if key not in self.entities:
            self.entities[key] = Entity(name, kind, gender=gender)
        entity = self.entities[key]
        entity.gender = entity.gender or gender
        return entity

    def bind(self, title: str, entity: Entity) -> None:
        """Remember `entity` as a holder of `title`, for "the minister" later. A past title ("former PM
        Boris Johnson", "then-chancellor", "ex-leader") is the entity's role but makes it no holder:
        "the Prime Minister" is never a former one."""
        key = title_key(title)
        if not key:
            return
        if not PAST_TITLE.search(title):
            holders = self.bindings.setdefault(key, [])
            if entity not in holders:
                holders.append(entity)
        entity.titles.add(" ".join(title.split()))

    # -- resolving --------------------------------------------------------------------------

    def by_store(self, *forms: str) -> list[Entity]:
        for form in forms:
            if form:
                found = self.gazetteer.lookup(form)
                if found:
                    return [self.known(a) for a in found]
        return []

    def by_part(self, token: str, *, first_name: bool, gender: str | None) -> list[Entity]:
        """People in the cast (or the store) whose surname, or first name, is `token`."""
        token_key = normalise(token)
        people = [e for e in self.entities.values() if e.kind == "person" and len(e.name.split()) > 1]
        people += [self.known(a) for a in self.gazetteer.actors if a.kind == "person" and len(a.name.split()) > 1]
        found: list[Entity] = []
        for entity in people:
            parts = {normalise(entity.last)} | ({normalise(entity.first)} if first_name else set())
            if token_key in parts and entity not in found and (gender is None or entity.gender in (None, gender)):
                found.append(entity)
        return found

    def pick(self, candidates: list[Entity]) -> Entity | None:
        """Of several that fit, the one most recently mentioned, else the most prominent."""
        if not candidates:
            return None
        return max(candidates, key=lambda e: (self.last_seen.get(id(e), -1), e.count))

    def most_prominent(self, candidates: list[Entity]) -> Entity | None:
        if not candidates:
            return None
        return max(candidates, key=lambda e: (e.count, -list(self.entities.values()).index(e) if e in self.entities.values() else 0))


# A chamber or court named again without its country: the one named in full before (`Cast.new`).
_SHORT_FORM = re.compile(r"^(?:Senate|House of Representatives|House of Commons|Parliament|Assembly|Congress|Supreme Court|"
                         r"High Court|Court of Appeal|Constitutional Court)$")
PAST_TITLE = re.compile(r"(?i)\b(?:former|erstwhile|then|ex)\b")
PAST_BEFORE = re.compile(r"(?i)\b(former|erstwhile|then|ex)[\s-]+$")  # "former PM Boris Johnson"


def title_key(title: str) -> str:
    words = [w for w in normalise(title).split() if w != "the"]
    words = [lx.TITLE_ABBREVIATIONS.get(w, w) for w in words]
    return " ".join(words)


class MentionFinder:
    """Finds and resolves the actor mentions of each sentence of one article."""

    def __init__(self, article: Article, gazetteer: Gazetteer) -> None:
        self.article = article
        self.cast = Cast(gazetteer)
        self._forms = [(form, form_pattern(form)) for form in gazetteer.surface_forms()]
        self._build_cast()

    def _build_cast(self) -> None:
        for sentence in self.article.sentences:
            for mention in self._scan(sentence, learning=True):
                if mention.entity is not None and sentence.body:
                    mention.entity.count += 1

    def mentions(self, sentence: Sentence) -> list[Mention]:
        found = self._scan(sentence, learning=False)
        for mention in found:
            if mention.entity is not None:
                self.cast.last_seen[id(mention.entity)] = sentence.index
        return found

    # -- the scan --------------------------------------------------------------------------

    def _scan(self, sentence: Sentence, *, learning: bool) -> list[Mention]:
        masked = sentence.masked
        found: list[Mention] = []
        covered: list[tuple[int, int]] = []
        for run in capitalised_runs(masked):
            for part in parse_run(run, masked):
                mention = self._resolve(part, masked, learning=learning)
                if mention is not None:
                    found.append(mention)
                    covered.append((part.start, part.end))
        for start, end, name in possessed_chambers(masked, covered):  # "New Zealand's parliament has voted…" (eighth pass)
            found.append(Mention(start, end, masked[start:end], "name", self.cast.new(name, "organisation", None), confidence=0.8))
            found[-1].entity.aliases.add(masked[start:end])  # the words of the text, for the reviewer: "Sweden's parliament"
            covered.append((start, end))
        for form, pattern in self._forms:
            for match in pattern.finditer(masked):
                if any(a < match.end() and match.start() < b for a, b in covered):
                    continue
                actors = self.cast.gazetteer.lookup(form)
                entities = [self.cast.known(a) for a in actors]
                entity = entities[0] if len(entities) == 1 else self.cast.pick(entities)
                found.append(Mention(match.start(), match.end(), match.group(), "store", entity,
                                     confidence=1.0 if len(entities) == 1 else 0.7))
                covered.append((match.start(), match.end()))
        for match in re.finditer(r"\b(?:[Tt]he|UK|British) (government)\b", masked):
            if not any(a < match.end() and match.start() < b for a, b in covered):
                entity = self._government(match.group().startswith(("UK", "British")))
                found.append(Mention(match.start(1), match.end(1), match.group(1), "name", entity, confidence=0.9))
                covered.append((match.start(), match.end()))
        for start, end, word in [] if learning else month_surnames(masked, covered):  # "May also warned": Theresa May
            people = [e for e in self.cast.by_part(word, first_name=False, gender=None) if e.count]
            found += [Mention(start, end, word, "surname", people[0], confidence=0.75)] if len(people) == 1 else []
        if not learning:  # "the minister", "the union"; "three senior judges": the one court the article names
            for pattern, confidence in ((_ROLE_NOUN, 0.75), (BENCH, 0.7), (COUNCILLORS, 0.7)):
                for match in pattern.finditer(masked):
                    if not any(a < match.end() and match.start() < b for a, b in covered):
                        noun = (match.group(1) or match.group(2) or "").lower() if pattern is _ROLE_NOUN else ""
                        entity = by_role(self, noun, match.group(), sentence) if pattern is _ROLE_NOUN else (
                            self._one_court() if pattern is BENCH else council_of(self, match, masked))
                        if entity is not None:
                            group = 1 if match.group(1) else 2 if pattern is _ROLE_NOUN else 1
                            found.append(Mention(match.start(group), match.end(group), match.group(group), "title", entity,
                                                 confidence=confidence))
                            covered.append((match.start(), match.end()))
        for match in re.finditer(r"\b(?:he|she|they|it|He|She|They|It)\b", masked):
            if not any(a <= match.start() < b for a, b in covered):
                found.append(Mention(match.start(), match.end(), match.group(), "pronoun",
                                     gender=lx.PRONOUNS[match.group().lower()]))
        found.sort(key=lambda m: m.start)
        found = [m for m in found if not (m.start == 0 and DATELINE.match(masked))]  # "BERLIN.", "OTTAWA —": a place
        self._acronyms(found, masked)
        if learning:
            self._appositive_titles(found, masked)
        for mention in found:
            before = masked[: mention.start].rstrip()
            word = re.search(r"(\w+)$", before)
            previous = word.group(1).lower() if word else ""
            if previous == "the":
                earlier = re.search(r"(\w+)\s+the$", before)
                previous = earlier.group(1).lower() if earlier else previous
            mention.after_by = previous == "by"
            mention.after_preposition = previous in PREPOSITIONS
            tail = masked[mention.end : mention.end + 3]
            if tail.startswith(("’s", "'s")) or (tail[:1] in "’'" and mention.text.endswith("s")):
                mention.possessive = True
        return [m for m in found if m.how == "pronoun" or m.entity is not None]

    def _appositive_titles(self, found: list[Mention], masked: str) -> None:
        """"Ed Davey, the Lib Dem leader," and "Jane Gratton, deputy director of public policy at the BCC,":
        the appositive is the person's role."""
        for mention in found:
            if mention.entity is None or mention.entity.kind != "person" or mention.entity.known:
                continue
            appositive = re.match(r",\s*(?:the\s+|a\s+)?([^,.;:]{3,70}?)\s*(?:[,.]|$)", masked[mention.end :])
            if appositive and any(w.lower() in lx.TITLE_HEADS for w in appositive.group(1).split()[:5]) \
                    and not re.match(r"(?:who|which|whose|said|says)\b", appositive.group(1)):
                self.cast.bind(appositive.group(1), mention.entity)

    _one_court = one_court  # the one court the article is about (`roles.one_court`)

    def _government(self, national: bool) -> Entity:
        """"the government" in lower case: the government the article names ("UK Government"), the store's,
        else "Government"."""
        named = [e for e in self.cast.entities.values() if re.fullmatch(r"(?:(?:UK|HM|British) )?Government", e.name)]
        if named:
            return max(named, key=lambda e: e.count)
        store = self.cast.by_store("UK Government", "Government", "HM Government")
        if store:
            return store[0]
        return self.cast.new("UK Government" if national else "Government", "organisation", None)

    def _acronyms(self, found: list[Mention], masked: str) -> None:
        """"the Department for Education (DfE)": the acronym in brackets is the organisation just named,
        here and wherever the article uses it again."""
        for before, mention in itertools.pairwise(found):
            initials = "".join(w[0] for w in before.entity.name.split() if w[:1].isupper()) if before.entity else ""
            if (before.entity is not None and mention.entity is not None and mention.text.isalpha()
                    and "".join(c for c in mention.text if c.isupper()) == initials and len(initials) >= 2
                    and re.fullmatch(r"\s*\(", masked[before.end : mention.start]) and masked[mention.end : mention.end + 1] == ")"):
                if not mention.entity.known:
                    self.cast.entities[normalise(mention.text)] = before.entity
                    mention.entity = before.entity
                before.entity.aliases.add(mention.text)
                if not before.entity.known:
                    before.entity.kind = "organisation"

    def _resolve(self, part: Parsed, masked: str, *, learning: bool) -> Mention | None:
        cast = self.cast
        title = " ".join(part.title)
        honorific = " ".join(part.honorific)
        name = " ".join(part.name)
        if "," in masked[part.start : part.end] and not part.title and not part.honorific:
            name = masked[part.start : part.end]  # "Department for Business, Enterprise and Regulatory Reform"
        gender = lx.HONORIFICS.get(part.honorific[0].lower().rstrip(".")) if part.honorific else None
        surface = masked[part.start : part.end]
        entity: Entity | None = None
        how = "name"
        confidence = 1.0
        if name:
            with_honorific = f"{honorific} {name}".strip()
            store = cast.by_store(with_honorific, name, surface)
            if store:
                entity, how = cast.pick(store) if len(store) > 1 else store[0], "store"
            elif len(part.name) >= 2:
                existing = cast.by_part(part.name[-1], first_name=False, gender=gender) if part.honorific else []
                full = [e for e in existing if normalise(e.name) == normalise(name)]
                if not full and normalise(name) not in cast.entities and not plausible_new_actor(
                        part.name, titled=bool(part.title or part.honorific)):
                    return None  # "Sugar Tax", "Lib Dem", "HEALTH CAMPAIGNERS": not a person or a body
                entity = full[0] if full else cast.new(name, "organisation" if is_organisation(part.name) else "person", gender)
                if honorific and not entity.known:
                    entity.aliases.add(with_honorific)
            elif part.honorific:
                how, confidence = "honorific", 0.9
                first_name = part.honorific[0].lower() in lx.FIRST_NAME_HONORIFICS
                candidates = cast.by_part(name, first_name=first_name, gender=gender)
                entity = cast.pick(candidates)
                if entity is None:
                    if learning:
                        return None  # a full name may come later in the article
                    entity = cast.new(with_honorific, "person", gender)
                elif not entity.known or with_honorific not in entity.aliases:
                    entity.aliases.add(with_honorific)
            elif single_word_organisation(name):
                entity = cast.new(name, "organisation", None)
            else:
                if learning:
                    return None
                candidates = cast.by_part(name, first_name=False, gender=None)
                entity = cast.pick(candidates)
                how, confidence = "surname", 0.8
                acting = ACTING_BODY.match(masked[part.end :])
                collective = name.lower() in lx.ANONYMOUS or (name.endswith("s") and not (acting and acting.group(1)))
                joined = JOINED_NAME.search(masked[: part.start])
                if entity is None and acting and joined and not collective:
                    # "Dignity in Dying said…": the last word of a name joined by a preposition is the whole name
                    whole = joined.group(1) + name
                    entity, how, confidence = cast.new(whole, "organisation", None), "name", 0.7
                    surface, part.start = whole, joined.start(1)
                elif entity is None and NAMED_BODY.match(masked[part.end :]) and re.search(r"(?<!\bin )(?<!\bof )(?<!\bwithin )(?<!\bamong )\bthe\s+$", masked[: part.start]) \
                        and name.lower() not in lx.NOT_NAMES:
                    # "the Unite union", "the Reform party": a name followed by the noun that says it is a body
                    entity, how, confidence = cast.new(name, "organisation", None), "name", 0.75
                    part.end += NAMED_BODY.match(masked[part.end :]).end()
                    surface = masked[part.start : part.end]
                elif entity is None and acting and name.lower() not in lx.NOT_NAMES and not collective and not re.search(
                        r"\b(?:in|at|from|across|near|of)\s+$", masked[: part.start]):  # "a judge in Washington blocked": a place
                    # "Greenpeace said…", "Unison, the UK's largest union, said…": a body named by one word
                    entity, how, confidence = cast.new(name, "organisation", None), "name", 0.7
                if entity is None:
                    return None
            if entity is not None and title:
                past = PAST_BEFORE.search(masked[max(0, part.start - 24) : part.start])
                cast.bind(f"{past.group(1)} {title}" if past else title, entity)
            if entity is not None and gender and not entity.gender:
                entity.gender = gender
        elif title:
            how = "title"
            if learning:
                return None
            store = cast.by_store(f"the {title}", title)
            bound = cast.bindings.get(title_key(title), [])
            candidates = list(dict.fromkeys(store + bound))
            if not candidates and len(part.title) > 1 and NATIONALITY.match(part.title[0]):  # "The US President" (7th pass)
                rest = title_key(" ".join(part.title[1:]))
                candidates = [e for e in cast.entities.values() if e.kind == "person" and any(
                    title_key(t) == rest or normalise(t).startswith(rest + " ") for t in [*e.titles, *e.aliases])]
            if not candidates:
                return None
            entity = candidates[0] if len(candidates) == 1 else cast.most_prominent(candidates)
            confidence = 1.0 if len(candidates) == 1 and store else 0.75
        if entity is None:
            return None
        return Mention(part.start, part.end, surface, how, entity, gender=gender or entity.gender,
                       possessive=part.possessive, confidence=confidence)
