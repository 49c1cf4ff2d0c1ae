"""English: the forms of the seeds (the Working Group's annexes) and the UN Editorial Manual, in ``style``."""

from __future__ import annotations

from meetplan.languages import Continued, Language
from meetplan.style import day_heading, full_date, hours, ordinal

LANGUAGE = Language(
    code="en", word_code="en-GB", name="English", rtl=False, font="Times New Roman",
    annex="Annex",
    annex_title="Proposed organization of work",
    headings=("Date and time", "Agenda item", "Title or description"),
    continued=Continued(before=" (", word="continued", after=")"),
    holiday="Official United Nations holiday",
    agenda_items="Agenda items:",
    organization_of_work="Organization of work: {symbol}",
    hybrid="Hybrid meeting: in the room or online through {platform}",
    online_meeting="Online meeting through {platform}",
    online_location="Online",
    day_heading=day_heading,
    hours=hours,
    plenary_meeting=lambda number: f"{ordinal(number)} plenary meeting",
    sub_item=lambda number, letter: f"{number} ({letter})",
    united_nations="United Nations",
    distribution="Distr.: General",
    masthead_date=full_date,
    issued_in="",
    original="Original: English",
    participants_title="List of participants",
    categories=(
        "Parties",
        "Signatories",
        "States not parties or signatories",
        "Intergovernmental organizations and United Nations entities",
        "Entities maintaining permanent observer offices",
        "Non-governmental organizations",
    ),
)  # fmt: skip
