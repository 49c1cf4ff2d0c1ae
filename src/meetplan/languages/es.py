"""Spanish. Attested (../shared/LANGUAGES.md; A/AC.291/11; the Spanish translation service's manual, "Fechas"):
"Martes 9 de junio"; "10.00 horas", "10.15 horas", "12.00 horas"; "de las 10.00 a las 13.00 horas";
"(continuación)"; "240ª reunión plenaria"; the annex title "Propuesta de organización de los trabajos" and its
headings "Fecha y hora", "Tema del programa", "Título o descripción". Our convention: the range in an annex cell
"10.00 a 13.00 horas" (the running-text form without its articles), the holiday note, sub-items "1 a)", and
the calendar's labels."""

from __future__ import annotations

import datetime as dt

from meetplan.languages import Continued, Language, cldr_month, cldr_weekday
from meetplan.model import Hours


def day_heading(date: dt.date) -> str:
    return f"{cldr_weekday('es', date)} {date.day} de {cldr_month('es', date)}"


def masthead_date(date: dt.date) -> str:
    """"23 de septiembre de 2020"."""
    return f"{date.day} de {cldr_month('es', date)} de {date.year}"


def _clock(time: dt.time) -> str:
    return f"{time.hour}.{time.minute:02d}"


def hours(span: Hours) -> str:
    return f"{_clock(span.start)} a {_clock(span.end)} horas"


LANGUAGE = Language(
    code="es", word_code="es-ES", name="Spanish", rtl=False, font="Times New Roman",
    annex="Anexo",
    annex_title="Propuesta de organización de los trabajos",
    headings=("Fecha y hora", "Tema del programa", "Título o descripción"),
    continued=Continued(before=" (", word="continuación", after=")"),
    holiday="Feriado oficial de las Naciones Unidas",
    agenda_items="Temas del programa:",
    organization_of_work="Organización de los trabajos: {symbol}",
    hybrid="Reunión híbrida: en la sala o en línea a través de {platform}",
    online_meeting="Reunión en línea a través de {platform}",
    online_location="En línea",
    day_heading=day_heading,
    hours=hours,
    plenary_meeting=lambda number: f"{number}ª reunión plenaria",
    sub_item=lambda number, letter: f"{number} {letter})",
    united_nations="Naciones Unidas",
    distribution="Distr. general",
    masthead_date=masthead_date,
    issued_in="Español",
    original="Original: inglés",
    participants_title="Lista de participantes",
    categories=(
        "Partes",
        "Signatarios",
        "Estados que no son partes ni signatarios",
        "Organizaciones intergubernamentales y entidades de las Naciones Unidas",
        "Entidades que mantienen oficinas permanentes de observación",
        "Organizaciones no gubernamentales",
    ),
)  # fmt: skip
