"""One exception tree for meetplan: the command line turns it into messages and exit status 2."""

from __future__ import annotations

import re

from msgspec import Struct

# Control characters (C0, C1) and the bidirectional controls, which a terminal would act on: a file name or a
# quoted value that carries ESC ] 0 ; ... BEL would set the window's title, or clear the screen.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


class Problem(Struct, frozen=True, kw_only=True):
    """One thing wrong with an input, and where: ``file:line: field: message``."""

    message: str
    file: str | None = None
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        place = ":".join(str(part) for part in (self.file, self.line) if part is not None)
        parts = [part for part in (place, self.field, self.message) if part]
        return shown(": ".join(parts))


def shown(text: str) -> str:
    """Text for one line on a terminal, whatever the input held: control and bidirectional characters as the
    escapes repr writes ("\\x1b"), never raw."""
    return _CONTROL.sub(lambda match: repr(match.group())[1:-1], text)


class MeetplanError(Exception):
    """Raised for anything a user can fix in the input; carries every problem found."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class ConfigError(MeetplanError):
    """The configuration (or a data file it names) cannot be read or is invalid."""


class PlanError(MeetplanError):
    """The configuration is well formed but the plan it describes cannot be scheduled."""
