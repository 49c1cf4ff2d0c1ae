"""The ``meetplan`` command: load the configuration, schedule, render, write.

Only click is imported at start-up so that ``meetplan --help`` answers at once; each command imports the
parts it needs.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from contextlib import suppress
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from pathlib import Path

    from meetplan.model import Schedule
    from meetplan.plan import Plan


class PathType(click.Path):
    """click.Path giving a pathlib.Path, with pathlib imported when a command runs rather than at start-up:
    ``meetplan --help`` does without it (and the urllib.parse and ipaddress it brings, 3 ms)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from pathlib import Path

        return Path(os.fsdecode(super().convert(value, param, ctx)))


# A folder is reported by config.read_text like every other problem, not by click's usage error.
CONFIG = click.argument("config", type=PathType())
# The official languages' codes, as meetplan.languages.CODES lists them (a test holds the two equal): written out
# here so that the options need no import of meetplan's own modules at start-up.
LANGUAGE = click.option("--language", "-l", type=click.Choice(("en", "fr", "es", "ru", "zh", "ar")), default="en", show_default=True,
                        help="The language, from the configuration's translations: (en: the configuration's own text).")


def _in_language(schedule: Schedule, code: str) -> Schedule:
    from meetplan.translate import localize

    return localize(schedule, code)


class MeetplanGroup(click.Group):
    """Turns meetplan's own errors into one line per problem and exit status 2, in one place."""

    def invoke(self, ctx: click.Context) -> Any:
        from meetplan.errors import MeetplanError

        try:
            return super().invoke(ctx)
        except MeetplanError as error:
            for problem in error.problems:
                click.echo(f"error: {problem}", err=True)
            count = len(error.problems)
            click.echo(f"meetplan: {count} problem{'s' if count != 1 else ''}; nothing was written.", err=True)
            ctx.exit(2)


@click.group(cls=MeetplanGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="meetplan")
def main() -> None:
    """Plan a hybrid intergovernmental meeting from one configuration file.

    \b
    Example:
      meetplan init my-meeting.yaml
      meetplan check my-meeting.yaml
      meetplan build my-meeting.yaml      # writes output/my-meeting/
    """


def run() -> None:
    """The ``meetplan`` program (its console script and ``python -m meetplan``): ``main`` as a batch, whose objects
    live until it ends, then ends.

    The cyclic garbage collector is off: its passes over a build's objects (a million at 100,000 registrations)
    found nothing to free and took 0.5 s of that build, with the same peak memory, and 6 ms of `meetplan check`'s
    imports. The exit leaves the objects to the system instead of freeing them one by one, which took 0.4 s after
    that build. Everything a command writes is closed and synced before it returns; the standard streams are
    flushed here. (BENCHMARKS.md; a caller of ``main`` in its own process keeps its collector and its exit.)"""
    gc.disable()
    try:
        main()
        status: int = 0
    except SystemExit as stop:  # click ends every command so, with its status (or a message: status 1)
        if stop.code is None or isinstance(stop.code, int):
            status = stop.code or 0
        else:
            print(stop.code, file=sys.stderr)
            status = 1
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):  # a pipe closed early ("| head"): what was not read was not wanted
            stream.flush()
    os._exit(status)


def _plan(config: Path) -> Plan:
    from meetplan.plan import plan

    return plan(config, source_date_epoch=os.environ.get("SOURCE_DATE_EPOCH"))


def _warn(planned: Plan) -> None:
    """Print the lists of speakers' warnings on stderr: they are not errors, so the exit status stays 0."""
    from meetplan.errors import shown

    for warning in planned.speakers.warnings if planned.speakers else ():
        click.echo(f"warning: {shown(warning)}", err=True)


class _Progress:
    """A progress bar on stderr for a build that has taken more than a second; nothing when stderr is no terminal.

    Output that goes to a file or a pipe (CI logs, scripts) stays exactly the list of files written.
    """

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.total = self.done = 0
        self.bar: Any = None
        self.terminal = sys.stderr.isatty()

    def advance(self, phase: str) -> None:
        """Count the previous phase as done and name the one that starts."""
        self.done += 1
        if self.bar is None and self.terminal and time.monotonic() - self.started > 1:
            self.bar = click.progressbar(length=self.total, label="meetplan build", file=sys.stderr, show_eta=False,
                                         item_show_func=lambda name: name)
            self.bar.update(self.done - 1)
        if self.bar is not None:
            self.bar.update(1, phase)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.update(1, "done")
            self.bar.render_finish()


@main.command()
@CONFIG
@click.option("--output", "-o", type=click.Path(), help="Folder to write into [default: output/<config file stem>/].")
def build(config: Path, output: str | None) -> None:
    """Render every output the configuration supports into a folder.

    \b
    Example:
      meetplan build config/wgsom-2020.yaml
      meetplan build config/wgsom-2020.yaml --output annexes/2020
    """
    from pathlib import Path

    from meetplan.errors import MeetplanError
    from meetplan.output import StoppedInPlace, output_folder, read_previous, release, write_artifacts
    from meetplan.outputs import in_folder, moved_pins, steps

    # Checked as given: an empty --output (an unset shell variable) would otherwise be the current folder.
    folder = output_folder(output, Path("output") / config.stem)
    click.get_current_context().call_on_close(lambda: release(folder))  # the lock, should a renderer fail
    progress = _Progress()
    planned = _plan(config)
    previous = read_previous(folder)
    moved = moved_pins(planned, previous)  # read before this build replaces the previous issue's record
    # What delegates and speakers were last told, for the notice of changes.
    previous_annex, previous_order = _previous_file(previous, "annex.tsv"), _previous_file(previous, "running-order.md")
    phases = steps(planned, previous)
    progress.total = len(phases) + 2  # reading and scheduling; each phase; writing
    done: list[Any] = []
    try:
        for name, run in phases:
            progress.advance(name)
            run(done)
    except MeetplanError as error:
        raise MeetplanError([in_folder(problem, folder) for problem in error.problems]) from None
    artifacts = [artifact for _, artifact in done]
    progress.advance("writing")
    stopped: int | None = None
    try:
        written = write_artifacts(artifacts, folder, moment=planned.moment)
    except StoppedInPlace as late:  # Ctrl-C as the last files moved: the issue is complete, and said to be
        written, stopped = late.written, late.number
    progress.close()
    _warn(planned)
    for warning in moved:
        click.echo(f"warning: {warning}", err=True)
    _notice(previous_annex, previous_order, artifacts)
    for path in written:
        click.echo(str(path))
    if stopped is not None:
        import signal

        click.echo(f"meetplan: {signal.Signals(stopped).name} came as the new outputs were moved into place; the moves "
                   "were finished first: the files listed are this issue, complete.", err=True)
        click.get_current_context().exit(128 + stopped)


def _previous_file(previous: Any, name: str) -> bytes | None:
    """The previous issue's ``name``, or None: the notice of changes is a courtesy, and a folder or link where the
    file belongs is the writer's to report, with the message that says what to do."""
    from meetplan.errors import MeetplanError

    try:
        data: bytes | None = previous(name)
    except MeetplanError:
        return None
    return data


def _notice(previous_annex: bytes | None, previous_order: bytes | None, artifacts: list[Any]) -> None:
    """The changes since the previous issue, for the secretariat's notice to delegates and to the speakers whose
    expected time moved: `note:` lines on stderr."""
    from meetplan.changes import changes, speakers_moved
    from meetplan.errors import shown

    current = {artifact.name: artifact.data for artifact in artifacts if artifact.name in ("annex.tsv", "running-order.md")}
    lines = changes(previous_annex, current["annex.tsv"]) if previous_annex is not None and "annex.tsv" in current else []
    if previous_order is not None and "running-order.md" in current:
        lines += speakers_moved(previous_order, current["running-order.md"])
    for line in lines:
        click.echo(f"note: {shown(line)}", err=True)


@main.command()
@CONFIG
@LANGUAGE
def check(config: Path, language: str) -> None:
    """Validate the configuration and print the schedule.

    Each plenary meeting is listed with its date and hours, and the items taken up in it with the share of
    the meeting each gets.

    \b
    Example:
      meetplan check config/wgsom-2020.yaml
    """
    from meetplan.summary import describe

    planned = _plan(config)
    click.echo(describe(_in_language(planned.schedule, language), planned.replanned))
    if planned.programme is not None:
        from meetplan.parallel import describe as describe_parallel

        click.echo(describe_parallel(planned.programme))
    _warn(planned)
    _fit_notes(planned)


def _fit_notes(planned: Plan) -> None:
    """Which items need shorter speaking limits, and the limits that would fit (fit.py): `note:` lines on stderr."""
    from meetplan.errors import shown
    from meetplan.fit import note

    for entry in planned.speakers.items if planned.speakers else ():
        if entry.fitting is not None:
            click.echo(f"note: {shown(note(entry.item.label, entry.fitting))}", err=True)


FORMATS = ("md", "html", "docx", "tsv")


@main.command()
@CONFIG
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="md", show_default=True, help="Output format.")
@click.option("--output", "-o", type=PathType(dir_okay=False), help="File to write [default: standard output; required for docx].")
@LANGUAGE
def annex(config: Path, fmt: str, output: Path | None, language: str) -> None:
    """Render the annex "Proposed organization of work" alone.

    \b
    Example:
      meetplan annex config/wgsom-2020.yaml --format md
      meetplan annex config/wgsom-2020.yaml --format docx --output annex.docx
      meetplan annex config/wgsom-2020.yaml --language fr
    """
    from meetplan.errors import MeetplanError, Problem
    from meetplan.output import write_artifacts
    from meetplan.render import annex as text_annex

    if fmt == "docx" and output is None:
        raise MeetplanError([Problem(field="--output", message="a Word document cannot go to the terminal: give --output FILE.docx")])
    schedule = _in_language(_plan(config).schedule, language)
    if fmt == "docx":
        from meetplan.render.annex_docx import render_docx

        artifact = render_docx(schedule)
    else:
        renderer = {"md": text_annex.render_markdown, "html": text_annex.render_html, "tsv": text_annex.render_tsv}[fmt]
        artifact = renderer(schedule)
    if output is None:
        sys.stdout.buffer.write(artifact.data)
        return
    from msgspec.structs import replace

    write_artifacts([replace(artifact, name=output.name)], output.parent)
    click.echo(str(output))


@main.command()
@CONFIG
@click.option("--output", "-o", type=PathType(dir_okay=False), help="File to write [default: standard output]. An existing FILE is read first as the previous issue.")
@LANGUAGE
def calendar(config: Path, output: Path | None, language: str) -> None:
    """Render the plenary meetings alone as an iCalendar file.

    When FILE already holds the previous issue, the events keep their UIDs, an event that changed gets a
    higher SEQUENCE, and a plenary meeting that was dropped is sent as cancelled, so that a calendar that
    imported the previous issue updates in place.

    \b
    Example:
      meetplan calendar config/wgsom-2020.yaml --output wgsom-2020.ics
    """
    from meetplan.output import read_previous, write_artifacts
    from meetplan.render.calendar import render_calendar

    previous = read_previous(output.parent, whole_build=False)(output.name) if output is not None else None
    artifact = render_calendar(_in_language(_plan(config).schedule, language), previous, str(output) if output else None)
    if output is None:
        sys.stdout.buffer.write(artifact.data)
        return
    from msgspec.structs import replace

    write_artifacts([replace(artifact, name=output.name)], output.parent)
    click.echo(str(output))


@main.command(short_help="Write the order of the day: a date's plenary meetings and items.")
@CONFIG
@click.argument("date")
@click.option("--format", "-f", "fmt", type=click.Choice(("md", "html", "docx")), default="md", show_default=True, help="Output format.")
@click.option("--output", "-o", type=PathType(dir_okay=False), help="File to write [default: standard output; required for docx].")
def day(config: Path, date: str, fmt: str, output: Path | None) -> None:
    """Write the order of the day: DATE's plenary meetings in the shape of the UN Journal.

    The body and its session, each plenary meeting's number, hours and room, the agenda items with
    "(continued)" and their documents, and for a hybrid meeting the platform. With a record of progress
    (progress:) it is the re-planned programme.

    \b
    Example:
      meetplan day config/wgsom-2020-rev1.yaml 2020-09-09
      meetplan day config/wgsom-2020-rev1.yaml 2020-09-09 --format docx --output day.docx
    """
    from msgspec.structs import replace

    from meetplan.config import date as parse_date
    from meetplan.errors import MeetplanError, Problem
    from meetplan.output import write_artifacts
    from meetplan.render import journal

    try:
        when = parse_date(date)
    except ValueError as error:
        raise MeetplanError([Problem(field="DATE", message=str(error))]) from None
    if fmt == "docx" and output is None:
        raise MeetplanError([Problem(field="--output", message="a Word document cannot go to the terminal: give --output FILE.docx")])
    renderer = {"md": journal.render_markdown, "html": journal.render_html, "docx": journal.render_docx}[fmt]
    artifact = renderer(_plan(config).schedule, when)
    if output is None:
        sys.stdout.buffer.write(artifact.data)
        return
    write_artifacts([replace(artifact, name=output.name)], output.parent)
    click.echo(str(output))


def _clock_option(value: str, option: str) -> Any:
    """An HH:MM option as a time, or a located error."""
    import datetime as dt

    from meetplan.errors import MeetplanError, Problem

    try:
        hour, minute = (int(part) for part in value.split(":"))
        return dt.time(hour, minute)
    except ValueError:
        raise MeetplanError([Problem(field=option, message=f"must be a time of day as HH:MM, such as 08:00, not {value!r}")]) from None


@main.command(short_help="Rank daily hours by how many online participants they suit.")
@CONFIG
@click.option("--from", "start", default="08:00", show_default=True, help="The venue's service hours start (HH:MM, local).")
@click.option("--to", "end", default="20:00", show_default=True, help="The venue's service hours end (HH:MM, local).")
@click.option("--grid", type=click.Choice(("15", "30")), default="30", show_default=True, help="Minutes between possible starts.")
@click.option("--break", "least", type=click.IntRange(0, 720), help="The shortest break between two plenary meetings, in minutes [default: the usual hours' shortest].")
@click.option("--top", type=click.IntRange(1, 1000), default=5, show_default=True, help="How many of the best hours to show.")
def hours(config: Path, start: str, end: str, grid: str, least: int | None, top: int) -> None:
    """Rank the possible daily hours by how many online participants and delegations each leaves at night.

    Every daily hours within the service hours, with the plenary meetings of the usual lengths and starts on the
    grid, is tried; a participant is at night when a plenary meeting falls outside 7 a.m.-10 p.m. where their
    delegation is. Prints the best few and the current hours, with who would be at night.

    \b
    Example:
      meetplan hours config/wgsom-2020.yaml
      meetplan hours config/wgsom-2020.yaml --from 07:00 --to 21:00 --grid 15 --top 10
    """
    from meetplan.errors import MeetplanError, Problem
    from meetplan.hours import describe, rank

    service = (_clock_option(start, "--from"), _clock_option(end, "--to"))
    if service[0] >= service[1]:
        raise MeetplanError([Problem(field="--to", message=f"must be after --from ({start}), not {end}")])
    planned = _plan(config)
    ranking = rank(planned.schedule, planned.seats, service=service, grid=int(grid), minimum_break=least)
    click.echo(describe(ranking, planned.meeting, top=top), nl=False)


@main.command(short_help="Print the JSON Schema of a configuration, for editors.")
def schema() -> None:
    """Print the JSON Schema of a configuration, so that an editor completes and checks keys as you type.

    It is generated from the declarations meetplan reads configurations with, so it knows every key.

    \b
    Example:
      meetplan schema > meetplan.schema.json
      # and on a configuration's first line, for VS Code's YAML extension:
      # yaml-language-server: $schema=meetplan.schema.json
    """
    from meetplan.config.schema import schema_json

    click.echo(schema_json(), nl=False)


@main.command()
@click.argument("file", type=PathType(dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
def init(file: Path, force: bool) -> None:
    """Write a commented starter configuration that builds as it is.

    \b
    Example:
      meetplan init my-meeting.yaml && meetplan build my-meeting.yaml
    """
    from meetplan.errors import MeetplanError, Problem
    from meetplan.output import write_artifacts
    from meetplan.reference import package_data
    from meetplan.render import Artifact

    if file.exists() and not force:
        raise MeetplanError([Problem(file=str(file), message="already exists; use --force to overwrite it")])
    starter = package_data("starter.yaml")
    write_artifacts([Artifact(name=file.name, media_type="application/yaml", data=starter)], file.parent)
    click.echo(f"{file}: edit it, then run: meetplan build {file}")
