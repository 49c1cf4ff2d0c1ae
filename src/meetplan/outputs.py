"""The list of outputs: every file a build can write, declared once.

Each output names its file, media type, audience, the configuration sections it needs and its renderer.
``meetplan build``, the commands that render one output, the privacy checks and the tests all read this list,
so adding an output is one entry here and its renderer in ``render/``.

Audience: a ``public`` output is handed out or published (the annex, the calendar, the list of participants,
the report, the Chair's running order): it carries names, titles and delegations only, never an e-mail
address or a telephone number. A ``secretariat`` output is the secretariat's working file and may carry them.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import hashlib
import json
from collections.abc import Callable, Sequence
from enum import StrEnum
from functools import partial
from pathlib import Path

from msgspec import Struct
from msgspec.structs import replace

from meetplan.errors import Problem
from meetplan.output import MANIFEST
from meetplan.plan import Plan
from meetplan.render import Artifact

# Reads an output of the previous build by its name in the output folder (None when there is none), so that a
# renderer can carry identities forward (calendar UIDs and SEQUENCE) without doing I/O itself.
PreviousReader = Callable[[str], bytes | None]

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def no_previous(name: str) -> bytes | None:
    return None


class Audience(StrEnum):
    PUBLIC = "public"
    SECRETARIAT = "secretariat"


class Rendering(Struct, frozen=True, kw_only=True):
    """What a renderer is given: the plan, the previous build's files, and the outputs rendered before it."""

    plan: Plan
    previous: PreviousReader
    before: Sequence[tuple[Output, Artifact]]


class Output(Struct, frozen=True, kw_only=True):
    """One output of a build. ``name`` is a file name, or a pattern for a folder of files ("speakers/*.ics")."""

    name: str
    media_type: str
    audience: Audience
    needs: str | None  # the configuration section without which it is not written: participants, speakers, report
    step: str  # the phase of the build it belongs to, shown as progress
    render: Callable[[Rendering], list[Artifact]]
    description: str
    # Rendered in a second process beside the build where the system allows it (forked.Beside), one process for
    # the outputs of each name here: those that take longest (participants.xlsx at 100,000 registrations, the
    # annexes and lists in five more languages of a small meeting; not their calendars, which the build renders
    # in a few milliseconds once it has imported icalendar for its own, and which the second process would take
    # 40 ms to import and set up again). Their renderers must not read Rendering.before.
    beside: str | None = None
    # ... from this many registrations: below it, a second process costs more than it saves (participants.xlsx
    # beside the 2020 meeting's 450 registrations made its build 23 ms longer; beside 3,000, 200 ms shorter).
    beside_from: int = 0

    def wanted(self, plan: Plan) -> bool:
        """Whether the configuration supports this output."""
        return {
            None: True,
            "participants": plan.seats is not None,
            "speakers": plan.speakers is not None,
            "fit": plan.speakers is not None and bool(plan.speakers.fitted),
            "statistics": plan.speakers is not None and plan.meeting.speakers is not None and plan.meeting.speakers.statistics,
            "report": plan.report is not None,
            "translations": bool(plan.meeting.translations),
            "parallel": plan.programme is not None,
        }[self.needs]


# --- renderers that adapt the plan to the render modules --------------------------------------------------------


def _annex(fmt: str) -> Callable[[Rendering], list[Artifact]]:
    def render(rendering: Rendering) -> list[Artifact]:
        from meetplan.render import annex
        from meetplan.render.annex_docx import render_docx

        renderer = {"md": annex.render_markdown, "html": annex.render_html, "tsv": annex.render_tsv, "docx": render_docx}[fmt]
        return [renderer(rendering.plan.schedule)]

    return render


def _calendar(rendering: Rendering) -> list[Artifact]:
    from meetplan.render.calendar import calendar_name, render_calendar

    return [render_calendar(rendering.plan.schedule, rendering.previous(calendar_name(rendering.plan.meeting)))]


def _in_languages(english: Callable[[Rendering], list[Artifact]]) -> Callable[[Rendering], list[Artifact]]:
    """An output once per language of ``translations:``: the English output's renderer over the plan in that
    language (``translate.localize``), whose meeting names the files ("annex.fr.md")."""

    def rendered(rendering: Rendering) -> list[Artifact]:
        from meetplan.translate import localize

        schedule = rendering.plan.schedule
        return [artifact for translation in schedule.meeting.translations
                for artifact in english(replace(rendering, plan=replace(rendering.plan, schedule=localize(schedule, translation.language))))]

    return rendered


def _programme(fmt: str) -> Callable[[Rendering], list[Artifact]]:
    def render(rendering: Rendering) -> list[Artifact]:
        from meetplan.render import programme

        assert rendering.plan.programme is not None
        from meetplan.render.programme_docx import render_docx

        renderer = {"md": programme.render_markdown, "html": programme.render_html, "tsv": programme.render_tsv, "docx": render_docx}[fmt]
        return [renderer(rendering.plan.programme)]

    return render


def _body_calendars(rendering: Rendering) -> list[Artifact]:
    from meetplan.render.body_calendars import render_body_calendars

    assert rendering.plan.programme is not None
    return render_body_calendars(rendering.plan.programme, rendering.previous)


def _participants_xlsx(rendering: Rendering) -> list[Artifact]:
    from meetplan.render.participants_xlsx import render_participants_xlsx

    assert rendering.plan.seats is not None
    return [render_participants_xlsx(rendering.plan.schedule, rendering.plan.seats, rendering.plan.programme)]


def _list_of_participants(fmt: str) -> Callable[[Rendering], list[Artifact]]:
    def render(rendering: Rendering) -> list[Artifact]:
        from meetplan.render import list_of_participants

        renderer = {"md": list_of_participants.render_markdown, "docx": list_of_participants.render_docx}[fmt]
        return [renderer(rendering.plan.meeting, rendering.plan.seats)]  # the people in the room or online

    return render


def _report(fmt: str) -> Callable[[Rendering], list[Artifact]]:
    def render(rendering: Rendering) -> list[Artifact]:
        from meetplan.render import report

        assert rendering.plan.report is not None
        if fmt == "md":
            return [report.render_markdown(rendering.plan.report)]
        return [report.render_docx(rendering.plan.report, rendering.plan.meeting)]

    return render


def _speakers_xlsx(rendering: Rendering) -> list[Artifact]:
    from meetplan.render.speakers_xlsx import render_speakers_xlsx

    assert rendering.plan.speakers is not None
    return [render_speakers_xlsx(rendering.plan.speakers)]


def _running_order(fmt: str) -> Callable[[Rendering], list[Artifact]]:
    def render(rendering: Rendering) -> list[Artifact]:
        from meetplan.render import running_order

        assert rendering.plan.speakers is not None
        renderer = {"md": running_order.render_markdown, "docx": running_order.render_docx}[fmt]
        return [renderer(rendering.plan.speakers)]

    return render


def _arrangements(rendering: Rendering) -> list[Artifact]:
    from meetplan.render.arrangements import render_markdown

    assert rendering.plan.speakers is not None
    return [render_markdown(rendering.plan.speakers)]


def _statistics(rendering: Rendering) -> list[Artifact]:
    from meetplan.render.statistics import render_markdown

    assert rendering.plan.speakers is not None
    return [render_markdown(rendering.plan.speakers)]


def _interpreters_pack(rendering: Rendering) -> list[Artifact]:
    from meetplan.render.interpreters_pack import render_interpreters_pack

    assert rendering.plan.speakers is not None
    return render_interpreters_pack(rendering.plan.speakers)


def _speaker_calendars(rendering: Rendering) -> list[Artifact]:
    from meetplan.render.speaker_calendars import render_speaker_calendars

    assert rendering.plan.speakers is not None
    return render_speaker_calendars(rendering.plan.speakers, rendering.previous)


INDEX = MANIFEST  # the writer reads the previous one to retire outputs a build no longer writes


def _index(rendering: Rendering) -> list[Artifact]:
    """outputs.json: every file the build wrote (itself excepted), in order, with its audience and SHA-256."""
    entries = [
        {"name": artifact.name, "media_type": artifact.media_type, "audience": output.audience.value,
         "sha256": hashlib.sha256(artifact.data).hexdigest()}
        for output, artifact in rendering.before
    ]  # fmt: skip
    index: dict[str, object] = {"outputs": entries}
    if pinned := numbered_pins(rendering.plan):
        index["numbered_pins"] = pinned
    data = json.dumps(index, ensure_ascii=False, indent=2) + "\n"
    return [Artifact(name=INDEX, media_type="application/json", data=data.encode())]


def numbered_pins(plan: Plan) -> list[dict[str, object]]:
    """The items pinned by plenary meeting number, with the days those plenary meetings fall on (ISO dates), kept
    in outputs.json so that the next build can say when a change of hours moved one to another day."""
    dates = {p.number: p.date.isoformat() for p in plan.schedule.plenaries}
    # "if n in dates": a record of progress may cancel the meeting a pin named (replan.py).
    return [{"item": e.label, "plenary_meetings": list(e.pin), "days": sorted({dates[n] for n in e.pin if n in dates})}
            for e in plan.meeting.entries if e.pinned_by_number]  # fmt: skip


def moved_pins(plan: Plan, previous: PreviousReader) -> list[str]:
    """Warnings for the items pinned by number whose plenary meetings the previous issue held on other days
    (an afternoon dropped earlier in the session moves every later number): each names the item and both days.

    The previous issue's outputs.json is the record; one that is missing or unreadable gives no warning.
    """
    from meetplan.style import day_heading, join_list, plenary_meetings_phrase

    try:
        recorded = json.loads(previous(INDEX) or b"{}").get("numbered_pins", [])
        before = {entry["item"]: (entry["plenary_meetings"], [dt.date.fromisoformat(d) for d in entry["days"]]) for entry in recorded}
    except (ValueError, TypeError, AttributeError, KeyError):
        return []
    warnings = []
    for entry in plan.meeting.entries:
        numbers, days_before = before.get(entry.label, (None, []))
        days_now = sorted({p.date for p in plan.schedule.plenaries if p.number in entry.pin})
        if entry.pinned_by_number and numbers == list(entry.pin) and days_before != days_now:
            warnings.append(
                f"item {entry.label} is pinned to {plenary_meetings_phrase(entry.pin)}, held on "
                f"{join_list(day_heading(d) for d in days_now)} in this issue but on {join_list(day_heading(d) for d in days_before)} "
                "in the previous one: pin it by date to keep it on its day")
    return warnings


OUTPUTS: tuple[Output, ...] = (
    Output(name="annex.md", media_type="text/markdown", audience=Audience.PUBLIC, needs=None, step="annex",
           render=_annex("md"), description="the proposed organization of work, as Markdown"),
    Output(name="annex.html", media_type="text/html", audience=Audience.PUBLIC, needs=None, step="annex",
           render=_annex("html"), description="the same, as a web page that prints on A4"),
    Output(name="annex.docx", media_type=DOCX, audience=Audience.PUBLIC, needs=None, step="annex",
           render=_annex("docx"), description="the same, as a Word document"),
    Output(name="annex.tsv", media_type="text/tab-separated-values", audience=Audience.PUBLIC, needs=None, step="annex",
           render=_annex("tsv"), description="the same, as the seeds' tab-separated rows"),
    Output(name="calendar.ics", media_type="text/calendar", audience=Audience.PUBLIC, needs=None, step="calendar",
           render=_calendar, description="one event per plenary meeting, updated in place by a new issue"),
    *(Output(name=f"annex.*.{fmt}", media_type=media_type, audience=Audience.PUBLIC, needs="translations", step="annex",
             render=_in_languages(_annex(fmt)), beside="languages",
             description=f"the annex in each language of translations: (annex.fr.{fmt}, ...)")
      for fmt, media_type in (("md", "text/markdown"), ("html", "text/html"), ("docx", DOCX), ("tsv", "text/tab-separated-values"))),
    Output(name="calendar.*.ics", media_type="text/calendar", audience=Audience.PUBLIC, needs="translations", step="calendar",
           render=_in_languages(_calendar),  # not beside: the build has imported icalendar for calendar.ics
           description="the calendar in each language of translations: (calendar.fr.ics, ...)"),
    Output(name="programme.md", media_type="text/markdown", audience=Audience.PUBLIC, needs="parallel", step="programme",
           render=_programme("md"), description="the programme with the parallel meetings, as Markdown"),
    Output(name="programme.html", media_type="text/html", audience=Audience.PUBLIC, needs="parallel", step="programme",
           render=_programme("html"), description="the same, as a web page that prints on A4"),
    Output(name="programme.docx", media_type=DOCX, audience=Audience.PUBLIC, needs="parallel", step="programme",
           render=_programme("docx"), description="the same, as a Word document"),
    Output(name="programme.tsv", media_type="text/tab-separated-values", audience=Audience.PUBLIC, needs="parallel",
           step="programme", render=_programme("tsv"), description="the same, as tab-separated rows"),
    Output(name="calendar-*.ics", media_type="text/calendar", audience=Audience.PUBLIC, needs="parallel", step="programme",
           render=_body_calendars, description="one calendar per parallel body, updated in place by a new issue"),
    Output(name="participants.xlsx", media_type=XLSX, audience=Audience.SECRETARIAT, needs="participants",
           step="participants", render=_participants_xlsx, beside="participants", beside_from=1000,
           description="who sits in the room, who connects online, local times, e-mail addresses"),
    Output(name="list-of-participants.docx", media_type=DOCX, audience=Audience.PUBLIC, needs="participants",
           step="participants", render=_list_of_participants("docx"), description="the published list of participants"),
    Output(name="list-of-participants.md", media_type="text/markdown", audience=Audience.PUBLIC, needs="participants",
           step="participants", render=_list_of_participants("md"), description="the same, as Markdown"),
    Output(name="list-of-participants.*.docx", media_type=DOCX, audience=Audience.PUBLIC, needs="participants",
           step="participants", render=_in_languages(_list_of_participants("docx")), beside="languages",
           description="the list in each language of translations: (States' names in it)"),
    Output(name="list-of-participants.*.md", media_type="text/markdown", audience=Audience.PUBLIC, needs="participants",
           step="participants", render=_in_languages(_list_of_participants("md")), beside="languages",
           description="the same, as Markdown"),
    Output(name="report.md", media_type="text/markdown", audience=Audience.PUBLIC, needs="report", step="report",
           render=_report("md"), description="the report's organizational part, as Markdown"),
    Output(name="report.docx", media_type=DOCX, audience=Audience.PUBLIC, needs="report", step="report",
           render=_report("docx"), description="the same, as a Word document"),
    Output(name="speakers.xlsx", media_type=XLSX, audience=Audience.SECRETARIAT, needs="speakers", step="speakers",
           render=_speakers_xlsx, description="the lists of speakers, one sheet per agenda item"),
    Output(name="running-order.docx", media_type=DOCX, audience=Audience.PUBLIC, needs="speakers", step="speakers",
           render=_running_order("docx"), description="the Chair's running order"),
    Output(name="running-order.md", media_type="text/markdown", audience=Audience.PUBLIC, needs="speakers",
           step="speakers", render=_running_order("md"), description="the same, as Markdown"),
    Output(name="speaking-time.md", media_type="text/markdown", audience=Audience.PUBLIC, needs="fit", step="speakers",
           render=_arrangements, description="the speaking time arrangements of the items whose limits speakers.fit_limits cut"),
    Output(name="speaking-statistics.md", media_type="text/markdown", audience=Audience.PUBLIC, needs="statistics", step="speakers",
           render=_statistics, description="the speaking time by kind of speaker, regional group and mode"),
    Output(name="interpreters-pack.docx", media_type=DOCX, audience=Audience.SECRETARIAT, needs="speakers", step="speakers",
           render=_interpreters_pack, description="the statements' texts in running order, for the interpreters (when texts are given)"),
    Output(name="speakers/*.ics", media_type="text/calendar", audience=Audience.SECRETARIAT, needs="speakers",
           step="speakers", render=_speaker_calendars,
           description="a personal calendar for each panellist and remote speaker, sent to them by the secretariat"),
    Output(name=INDEX, media_type="application/json", audience=Audience.SECRETARIAT, needs=None, step="index",
           render=_index, description="every file the build wrote, with its audience and SHA-256"),
)  # fmt: skip


def output(name: str) -> Output:
    """The output that writes the file ``name`` ("speakers/Amanda-Ledwaba.ics" is "speakers/*.ics", "annex.fr.md"
    is "annex.*.md", "calendar-WG.ics" is "calendar-*.ics")."""
    for candidate in OUTPUTS:
        if candidate.name == name or ("*" in candidate.name and "*" not in name and fnmatch.fnmatchcase(name, candidate.name)):
            return candidate
    raise KeyError(name)


def in_folder(problem: Problem, folder: Path) -> Problem:
    """A renderer's problem with a previous output ("calendar.ics: …"), naming the output's path in ``folder``
    ("out/calendar.ics: …") so that the officer finds the file; any other problem as it is."""
    try:
        output(problem.file or "")
    except KeyError:
        return problem
    return replace(problem, file=str(folder / str(problem.file)))


def steps(plan: Plan, previous: PreviousReader = no_previous, *, second_process: bool = True,
          ) -> list[tuple[str, Callable[[list[tuple[Output, Artifact]]], None]]]:
    """The build's phases in order, each named (``meetplan build`` shows them as progress on a long build).

    Each phase appends its (output, artifact) pairs to the list it is given; nothing is written here. Run in
    order, the phases leave the pairs by phase, and in the order of OUTPUTS within a phase. With
    ``second_process``, the second phase starts the outputs of ``beside_lanes`` in a process for each name they give
    (forked.Beside), the last phase (the index of every file) takes their artifacts in, and a phase that fails
    stops those processes.
    """
    from meetplan.forked import Beside

    wanted = [entry for entry in OUTPUTS if entry.wanted(plan)]
    names = list(dict.fromkeys(entry.step for entry in wanted))
    lanes = beside_lanes(plan) if second_process and len(names) > 1 else {}
    beside = [entry for lane in lanes.values() for entry in lane]
    started: list[Beside[list[tuple[str, list[Artifact]]]]] = []
    by_name = {entry.name: entry for entry in wanted}
    position = {entry.name: (names.index(entry.step), number) for number, entry in enumerate(wanted)}  # as rendered in turn

    def render_lane(entries: list[Output]) -> list[tuple[str, list[Artifact]]]:  # by name: an Output does not pickle
        return [(entry.name, entry.render(Rendering(plan=plan, previous=previous, before=()))) for entry in entries]

    def phase(step: str) -> Callable[[list[tuple[Output, Artifact]]], None]:
        def run(done: list[tuple[Output, Artifact]]) -> None:
            try:
                if step == names[1]:  # once the first phase has imported python-docx and the languages, for both processes
                    started.extend(Beside(partial(render_lane, entries)) for entries in lanes.values())
                if step == names[-1]:
                    for second in started:
                        done.extend((by_name[name], artifact) for name, artifacts in second.result() for artifact in artifacts)
                    done.sort(key=lambda pair: position[pair[0].name])
                for entry in wanted:
                    if entry.step == step and entry not in beside:
                        rendering = Rendering(plan=plan, previous=previous, before=tuple(done))
                        done.extend((entry, artifact) for artifact in entry.render(rendering))
            except BaseException:
                for second in started:
                    second.cancel()
                raise

        return run

    return [(step, phase(step)) for step in names]


def beside_lanes(plan: Plan) -> dict[str, list[Output]]:
    """The outputs of ``plan`` to render in second processes where the system allows it, by the name of their
    process (Output.beside), in the order of OUTPUTS; those with fewer registrations than their ``beside_from``
    stay in the build's own."""
    lanes: dict[str, list[Output]] = {}
    for entry in OUTPUTS:
        if entry.beside is not None and entry.wanted(plan) and len(plan.meeting.participants) >= entry.beside_from:
            lanes.setdefault(entry.beside, []).append(entry)
    return lanes


def render_outputs(plan: Plan, previous: PreviousReader = no_previous) -> list[tuple[Output, Artifact]]:
    """Every output the configuration supports, rendered in memory in the order of OUTPUTS, with its output."""
    done: list[tuple[Output, Artifact]] = []
    for _, run in steps(plan, previous):
        run(done)
    return done


def render_all(plan: Plan, previous: PreviousReader = no_previous) -> list[Artifact]:
    """The artifacts of render_outputs, without their outputs."""
    return [artifact for _, artifact in render_outputs(plan, previous)]
