"""Renderers: pure functions from a schedule to artifacts (a file name, a media type and bytes)."""

from __future__ import annotations

from msgspec import Struct


class Artifact(Struct, frozen=True, kw_only=True):
    """One output file, rendered but not yet written."""

    name: str  # a relative path inside the output folder, "/"-separated
    media_type: str
    data: bytes
