"""Writing artifacts: the only code that writes output files, atomically and inside the output folder."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

from meetplan.errors import MeetplanError, Problem
from meetplan.render import Artifact

# Names Windows reserves whatever the extension (CON.txt is the console); Windows 11 adds CONIN$, CONOUT$ and
# the superscript digits.
_RESERVED = {
    "con", "prn", "aux", "nul", "conin$", "conout$",
    *(f"{device}{digit}" for device in ("com", "lpt") for digit in "0123456789\u00b9\u00b2\u00b3"),
}  # fmt: skip
# Characters Windows forbids, control characters (C0 and C1), and the bidirectional controls that can make
# "exe.pdf" display as "fdp.exe".
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]+')
MAX_STEM = 80  # leaves room for a folder and an extension under every platform's path limits


def safe_name(text: str, extension: str = "", fallback: str = "unnamed") -> str:
    """A file name from free text or a document symbol that is valid and stays put on every platform.

    "CTOC/COP/WG.7/2020/1" becomes "CTOC-COP-WG.7-2020-1"; "..", reserved names such as "CON", and control
    characters cannot escape or break the output folder.
    """
    stem = unicodedata.normalize("NFC", text)
    stem = _UNSAFE.sub("-", stem)
    stem = re.sub(r"\s+", " ", stem).strip(" .-")
    stem = re.sub(r"-{2,}", "-", stem)
    if len(stem.encode()) > MAX_STEM:
        stem = stem.encode()[:MAX_STEM].decode("utf-8", "ignore").rstrip(" .-")
    if not stem or set(stem) <= {"."}:
        stem = fallback
    if stem.split(".")[0].strip().lower() in _RESERVED:
        stem = f"_{stem}"
    return f"{stem}{extension}"


def _checked_path(folder: Path, name: str) -> Path:
    parts = PurePosixPath(name).parts
    # A backslash and ":" separate folders and drives on Windows: "..\x" or "C:x" would leave the folder there.
    if not parts or PurePosixPath(name).is_absolute() or any(p in ("", ".", "..") or re.search(r'[\\:\x00]', p) for p in parts):
        raise MeetplanError([Problem(file=name, message="an output name must stay inside the output folder")])
    return folder.joinpath(*parts)


def read_previous(folder: Path) -> Callable[[str], bytes | None]:
    """A reader of the previous build's outputs in ``folder``, by artifact name."""

    def read(name: str) -> bytes | None:
        path = _checked_path(folder, name)
        try:
            return path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as error:
            raise MeetplanError([Problem(file=str(path), message=f"cannot read the previous output: {error.strerror}")]) from None

    return read


def write_artifacts(artifacts: Iterable[Artifact], folder: Path) -> list[Path]:
    """Write every artifact, or none: all go to a temporary folder first and are moved into place at the end."""
    artifacts = list(artifacts)
    names = [a.name for a in artifacts]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise MeetplanError([Problem(file=n, message="two outputs would have this name") for n in duplicates])
    targets = [_checked_path(folder, a.name) for a in artifacts]
    if folder.exists() and not folder.is_dir():
        raise MeetplanError([Problem(file=str(folder), message="is a file, not a folder; choose another --output")])
    # os.replace would fail on a folder only after earlier outputs were replaced: refuse before writing.
    blocked = [t for t in targets if t.is_dir() or (t.exists() and not t.is_file())]
    if blocked:
        raise MeetplanError([Problem(file=str(t), message="is a folder, not a file; move it away or choose another --output") for t in blocked])
    try:
        folder.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".meetplan-", dir=folder))
    except OSError as error:
        raise MeetplanError([Problem(file=str(folder), message=f"cannot write here: {error.strerror}")]) from None
    try:
        staged = []
        for artifact in artifacts:
            path = _checked_path(staging, artifact.name)
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(artifact.data)
                handle.flush()
                os.fsync(handle.fileno())
            staged.append(path)
        _replace_all(staged, targets, staging)
    except OSError as error:
        raise MeetplanError([Problem(file=str(folder), message=f"cannot write the outputs: {error.strerror}")]) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return targets


def _replace_all(staged: list[Path], targets: list[Path], staging: Path) -> None:
    """Move the staged files into place; if one move fails, put every previous output back."""
    backups = staging / ".previous"
    backups.mkdir()
    done: list[tuple[Path, Path | None]] = []  # each target replaced so far, with its previous file
    try:
        for index, (source, target) in enumerate(zip(staged, targets, strict=True)):
            target.parent.mkdir(parents=True, exist_ok=True)
            backup: Path | None = None
            if target.is_file():
                backup = backups / str(index)
                os.replace(target, backup)
            done.append((target, backup))
            os.replace(source, target)
    except OSError:
        for target, backup in reversed(done):
            if backup is not None:
                os.replace(backup, target)
            else:
                target.unlink(missing_ok=True)
        raise
