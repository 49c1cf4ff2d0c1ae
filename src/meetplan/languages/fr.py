"""French. Attested (../shared/LANGUAGES.md): "Mardi 9 juin", "Mercredi 1er juillet" (no comma); "10 heures",
"10 h 15", "midi"; "(suite)"; "240e séance plénière"; "Intitulé ou description" (CAC/COSP/IRG/2015/1).
Our convention where no form was found: the range in an annex cell "10 heures–13 heures" (the en dash of the
English annex; lists were read as "10 heures - 13 heures" in a corpus that normalizes dashes), the column
headings "Date et heure" and "Point de l’ordre du jour", the holiday note, sub-items "1 a)", and the
calendar's labels."""

from __future__ import annotations

import datetime as dt

from meetplan.languages import Continued, Language, cldr_month, cldr_weekday, clock_range
from meetplan.style import EN_DASH

NBSP = "\u00a0"  # before a colon, as French typography sets it


def day_heading(date: dt.date) -> str:
    day = "1er" if date.day == 1 else str(date.day)
    return f"{cldr_weekday('fr', date)} {day} {cldr_month('fr', date)}"


def masthead_date(date: dt.date) -> str:
    """"23 septembre 2020", "1er juillet 2015"."""
    day = "1er" if date.day == 1 else str(date.day)
    return f"{day} {cldr_month('fr', date)} {date.year}"


def time_of_day(time: dt.time) -> str:
    if time == dt.time(12, 0):
        return "midi"
    return f"{time.hour} h {time.minute:02d}" if time.minute else f"{time.hour} heures"


LANGUAGE = Language(
    code="fr", word_code="fr-FR", name="French", rtl=False, font="Times New Roman",
    annex="Annexe",
    annex_title="Projet d’organisation des travaux",
    headings=("Date et heure", "Point de l’ordre du jour", "Intitulé ou description"),
    continued=Continued(before=" (", word="suite", after=")"),
    holiday="Jour férié officiel de l’Organisation des Nations Unies",
    agenda_items=f"Points de l’ordre du jour{NBSP}:",
    organization_of_work=f"Organisation des travaux{NBSP}: {{symbol}}",
    hybrid=f"Réunion hybride{NBSP}: en salle ou en ligne par {{platform}}",
    online_meeting="Réunion en ligne par {platform}",
    online_location="En ligne",
    day_heading=day_heading,
    hours=lambda span: clock_range(span, time_of_day, EN_DASH),
    plenary_meeting=lambda number: f"{number}{'re' if number == 1 else 'e'} séance plénière",
    sub_item=lambda number, letter: f"{number} {letter})",
    united_nations="Nations Unies",
    distribution="Distr. générale",
    masthead_date=masthead_date,
    issued_in="Français",
    original="Original\u00a0: anglais",
    participants_title="Liste des participants",
    categories=(
        "Parties",
        "Signataires",
        "États non parties ni signataires",
        "Organisations intergouvernementales et entités des Nations Unies",
        "Entités ayant un bureau permanent d’observateur",
        "Organisations non gouvernementales",
    ),
)  # fmt: skip
