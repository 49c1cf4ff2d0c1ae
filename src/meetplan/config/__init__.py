"""The configuration: the only reader of configuration files and of the data files they name.

``load`` reads a configuration and its registrations and inscriptions files; ``parse`` turns parsed YAML into
the typed model. Each section has its module (meeting, days, agenda, delegations, participants, speakers,
report) declaring its keys once as data in ``reader.Section``; the known-keys check, the parse and the JSON
Schema (``schema``) all read those declarations.
"""

from __future__ import annotations

from meetplan.config.agenda import ITEM, SUB_ITEM
from meetplan.config.convert import date, non_negative_int, positive_int, share, text, time_zone
from meetplan.config.days import DAYS
from meetplan.config.loader import TOP, load, parse, read_text
from meetplan.config.meeting import MEETING

# The keys of each section, in the declarations' order.
TOP_KEYS = TOP.names
REQUIRED_TOP_KEYS = tuple(key.name for key in TOP.keys if key.required)
MEETING_KEYS = MEETING.names
DAYS_KEYS = DAYS.names
ITEM_KEYS = ITEM.names
SUB_ITEM_KEYS = SUB_ITEM.names

__all__ = [
    "DAYS_KEYS", "ITEM_KEYS", "MEETING_KEYS", "REQUIRED_TOP_KEYS", "SUB_ITEM_KEYS", "TOP_KEYS",
    "date", "load", "non_negative_int", "parse", "positive_int", "read_text", "share", "text", "time_zone",
]  # fmt: skip
