"""The two ways a command refuses: the input is malformed (exit 2) or the domain says no (exit 1)."""


class TimelineError(Exception):
    """An error a user can act on; its message is one clear sentence."""

    exit_code = 1


class DomainError(TimelineError):
    """Unknown or ambiguous actor, unknown record, a conflict: exit 1."""

    exit_code = 1


class InputError(TimelineError):
    """Unparseable date, invalid stance or kind, malformed file: exit 2."""

    exit_code = 2


class Interrupted(KeyboardInterrupt):
    """Ctrl-C honoured at a safe point, with a sentence saying what was kept (exit 130)."""

    def __init__(self, notice: str) -> None:
        super().__init__(notice)
        self.notice = notice
