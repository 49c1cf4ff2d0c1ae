"""The ``meeting:`` section: the body, the venue, the time zone, the format and the issue of the annex."""

from __future__ import annotations

from typing import Any

from meetplan.config import convert
from meetplan.config.reader import Key, Kind, Section, kind_of
from meetplan.model import Online
from meetplan.yamlsource import LineDict

ONLINE_KEYS = ("platform", "url")


def online(value: Any) -> Online:
    """The platform (text), or {platform, url}: how delegates connect to a hybrid or online meeting."""
    if isinstance(value, str):
        return Online(platform=convert.text(value))
    if not isinstance(value, LineDict):
        raise ValueError(f"must be a mapping with platform and url, not {kind_of(value)}")
    unknown = sorted(set(value) - set(ONLINE_KEYS))
    if unknown:
        raise ValueError(f"unknown key {unknown[0]!r}; known keys: platform, url")
    if "platform" not in value:
        raise ValueError("platform is missing (such as Interprefy)")
    url = convert.text(value["url"]) if value.get("url") is not None else None
    if url is not None:
        try:
            convert.https_url(url)
        except ValueError:
            raise ValueError(f"url must be an https:// address without spaces, not {url!r}") from None
    return Online(platform=convert.text(value["platform"]), url=url)


ONLINE_SCHEMA: dict[str, Any] = {"anyOf": [convert.TEXT_SCHEMA, {
    "type": "object", "required": ["platform"], "additionalProperties": False,
    "properties": {"platform": {**convert.TEXT_SCHEMA, "description": "The platform, such as Interprefy."},
                   "url": {**convert.HTTPS_URL.schema, "description": "The link delegates connect through."}},
}]}

MEETING = Section((
    Key(name="body", kind=convert.TEXT, doc="The body that meets, such as Working Group on the Smuggling of Migrants.", required=True),
    Key(name="short_name", kind=convert.TEXT, doc="The body's short name for calendar titles, such as COSP (default: the body)."),
    Key(name="term", kind=convert.TERM, doc="session or meeting: what its documents call it (default: meeting for a Working Group, else session)."),
    Key(name="time_heading", kind=convert.TEXT, doc="The annex's first column heading (default: Date and time; some annexes print Date/time)."),
    Key(name="parent_rows", kind=convert.BOOLEAN, doc="true: the annex prints a row for an item with sub-items (\"1  Organizational matters\") above them (default: false, as the Working Groups' annexes)."),
    Key(name="annex_masthead", kind=convert.BOOLEAN, doc="true: annex.docx is issued as a document of its own, under the UN masthead (default: false, the annex of the annotated agenda)."),
    Key(name="parent_body", kind=convert.TEXT, doc="The body it reports to, if any."),
    Key(name="ordinal", kind=convert.POSITIVE_INT, doc="Which meeting of the body this is: 7 for the seventh.", required=True),
    Key(name="symbol", kind=convert.TEXT, doc="The symbol of the annotated provisional agenda.", required=True),
    Key(name="venue", kind=convert.TEXT, doc="The city, such as Vienna.", required=True),
    Key(name="room", kind=convert.TEXT, doc="The meeting room."),
    Key(name="time_zone", kind=convert.TIME_ZONE, doc="The venue's IANA time zone, such as Europe/Vienna.", required=True),
    Key(name="format", kind=convert.FORMAT, doc="in person, hybrid or online (in person when left out)."),
    Key(name="online", kind=Kind(online, ONLINE_SCHEMA), doc="How delegates connect: the platform, or {platform, url}."),
    Key(name="issued", kind=convert.DATE, doc="The date the annex is issued, YYYY-MM-DD.", required=True),
    Key(name="revision", kind=convert.NON_NEGATIVE_INT, doc="The revision of the annex, 0 for the first issue.", default=0),
    Key(name="plenary_meetings", kind=convert.POSITIVE_INT, doc="How many plenary meetings the resources allow.", required=True),
), doc="The meeting: who meets, where, when the annex is issued.")
