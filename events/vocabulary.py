"""The words records are made of: what kind of thing happened, and the actor's stance."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """What an actor did: the kind of a record."""

    STATEMENT = "statement"
    DECISION = "decision"
    PROPOSAL = "proposal"
    REFUSAL = "refusal"
    REVERSAL = "reversal"
    RULING = "ruling"
    AGREEMENT = "agreement"
    CRITICISM = "criticism"


class Stance(StrEnum):
    """The actor's stance toward the topic, as expressed by one record."""

    SUPPORT = "support"
    OPPOSE = "oppose"
    NEUTRAL = "neutral"
    MIXED = "mixed"

    @property
    def score(self) -> int:
        """Numeric scale for charts and grading: support +1, mixed and neutral 0, oppose -1."""
        return _SCORES[self]


_SCORES = {Stance.SUPPORT: 1, Stance.MIXED: 0, Stance.NEUTRAL: 0, Stance.OPPOSE: -1}


# The creation event of each kind of record: stored class names, part of the database format.
EVENT_OF_KIND_NAME: dict[str, str] = {
    Kind.STATEMENT: "StatementMade",
    Kind.DECISION: "DecisionTaken",
    Kind.PROPOSAL: "ProposalMade",
    Kind.REFUSAL: "ProposalRefused",
    Kind.REVERSAL: "PolicyReversed",
    Kind.RULING: "RulingIssued",
    Kind.AGREEMENT: "AgreementSigned",
    Kind.CRITICISM: "CriticismVoiced",
}
KIND_OF_EVENT: dict[str, str] = {name: kind.value for kind, name in EVENT_OF_KIND_NAME.items()}


class ActorKind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"


def change_grade(before: Stance | str, after: Stance | str) -> str | None:
    """`full` for support<->oppose, `half` for any other change, None when the stance is unchanged."""
    before, after = Stance(before), Stance(after)
    if before == after:
        return None
    if {before, after} == {Stance.SUPPORT, Stance.OPPOSE}:
        return "full"
    return "half"


def choose(enum: type[StrEnum], value: str, what: str) -> StrEnum:
    """Parse a vocabulary word, or raise ValueError with a sentence that lists the choices."""
    try:
        return enum(value)  # the common case: already a lower-case word
    except ValueError:
        pass
    try:
        return enum(value.strip().lower())
    except (ValueError, AttributeError):
        choices = ", ".join(member.value for member in enum)
        raise ValueError(f"unknown {what} {value!r}; choose one of {choices}") from None
