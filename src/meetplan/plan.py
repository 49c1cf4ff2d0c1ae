"""The core: from a configuration to everything a build renders, each part computed once.

``plan(path)`` reads the configuration, sizes the items' shares by their speakers (``speakers.size_shares``),
schedules, times the lists of speakers, seats the participants and composes the report's proceedings. The
renderers take a ``Plan`` and never compute these again; the command line and a library caller go through
the same function, so neither can skip a step.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct
from msgspec.structs import replace

from meetplan.errors import MeetplanError, Problem
from meetplan.model import Meeting, Programme, Schedule, SeatPlan, SpeakersList

if TYPE_CHECKING:
    from meetplan.replan import Replan
    from meetplan.report import Report


class Plan(Struct, frozen=True, kw_only=True):
    """What one issue of a meeting's documents is made from."""

    schedule: Schedule
    speakers: SpeakersList | None  # None without a speakers: section
    seats: SeatPlan | None  # None without registrations
    report: Report | None  # None without a report: section
    programme: Programme | None = None  # the parallel meetings beside the plenary; None without a parallel: section
    replanned: Replan | None = None  # with a record of progress (progress:), the re-plan and its measure

    @property
    def meeting(self) -> Meeting:
        return self.schedule.meeting

    @property
    def moment(self) -> dt.datetime:
        """The moment stamped into the meeting's outputs (UTC): SOURCE_DATE_EPOCH, else the issue date at midnight."""
        return self.meeting.stamp or dt.datetime.combine(self.meeting.issued, dt.time(0, 0), tzinfo=dt.UTC)


# ZIP time stamps, which every Word and Excel output carries, end with 2107.
LAST_MOMENT = dt.datetime(2107, 12, 31, 23, 59, 58, tzinfo=dt.UTC)


def issue_moment(source_date_epoch: str | None) -> dt.datetime | None:
    """The moment to stamp into every output (UTC) from SOURCE_DATE_EPOCH (seconds since 1970, as the
    reproducible-builds convention gives it); None when it is not set, and each output takes its issue date.

    Raises MeetplanError when the value is not a whole number of seconds up to the end of 2107.
    """
    epoch = (source_date_epoch or "").strip()
    if not epoch:
        return None
    if epoch.isascii() and epoch.isdigit() and int(epoch) <= LAST_MOMENT.timestamp():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    raise MeetplanError([Problem(field="SOURCE_DATE_EPOCH", message=(
        f"must be a whole number of seconds since 1970 up to {int(LAST_MOMENT.timestamp())} (the end of 2107, "
        f"the last date a Word or Excel file can carry), not {epoch[:40]!r}"))])


def plan(source: Path | str | Meeting, *, source_date_epoch: str | None = None) -> Plan:
    """The plan of a meeting from its configuration file (or an already loaded Meeting).

    ``source_date_epoch`` is the environment's SOURCE_DATE_EPOCH, which the command line passes in: the moment
    is resolved here once, into ``Meeting.stamp``, and no renderer reads the environment.

    Raises ConfigError for a configuration with problems and PlanError for one that cannot be scheduled, each
    with every problem located.
    """
    from meetplan.config import load
    from meetplan.parallel import programme
    from meetplan.replan import schedule_with_progress
    from meetplan.report import build_report
    from meetplan.seating import seat_plan
    from meetplan.speakers import sized, speakers_list

    meeting = source if isinstance(source, Meeting) else load(source)
    meeting = replace(meeting, stamp=issue_moment(source_date_epoch))
    # With speakers.size_shares the inscriptions give the items' shares before the scheduler runs; a record of
    # progress (progress:) keeps the meetings held and lays the rest around them (replan.py).
    scheduled, replanned = schedule_with_progress(sized(meeting))
    return Plan(
        replanned=replanned,
        schedule=scheduled,
        speakers=speakers_list(scheduled) if meeting.speakers is not None else None,
        seats=seat_plan(meeting) if meeting.registrations is not None else None,
        report=build_report(scheduled) if meeting.report is not None else None,
        programme=programme(scheduled) if meeting.parallel is not None else None,
    )
