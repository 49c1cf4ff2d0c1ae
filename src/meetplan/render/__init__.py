"""Renderers: pure functions from a schedule to artifacts (a file name, a media type and bytes)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class Artifact:
    """One output file, rendered but not yet written."""

    name: str  # a relative path inside the output folder, "/"-separated
    media_type: str
    data: bytes
