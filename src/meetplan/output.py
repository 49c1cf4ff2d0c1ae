"""The output folder: the only code that writes output files, and the only reader of the previous ones.

Between two issues of a meeting's documents the output folder is the secretariat's memory: the calendars' UIDs
and SEQUENCE numbers come from the previous issue there. So a build

- holds a lock on the folder (``.meetplan.lock``) from reading the previous outputs to its last move, so that
  two builds never mix their files;
- writes every new file into ``.meetplan-build/`` first, keeps each output it replaces or removes as a hard
  link in ``.meetplan-build/.previous/``, writes a journal of the moves, and only then moves files into
  place; removing the journal, once the whole set is in place and on disk, is the moment the build counts;
- rolls back on any exception (Ctrl-C included), and a build that finds a journal left by a killed one puts
  every previous output back before it reads anything;
- never reads or writes through a symbolic link below the output folder, and reads previous outputs only
  when they are regular files of a sensible size;
- removes what the previous build wrote (its ``outputs.json``) and this one no longer writes, except a
  calendar, which is first issued once more with its events cancelled; a file whose bytes changed since
  meetplan wrote it is not meetplan's any more and stays.
"""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import errno
import functools
import hashlib
import json
import locale
import os
import re
import shutil
import signal
import stat
import sys
import tempfile
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from msgspec import Struct
from msgspec.structs import replace

from meetplan.errors import MeetplanError, Problem, shown
from meetplan.render import Artifact

if TYPE_CHECKING:
    from filelock import BaseFileLock

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

LOCK = ".meetplan.lock"
STAGING = ".meetplan-build"  # one name, so that the next build finds what a killed one left
JOURNAL = "journal.json"
BACKUPS = ".previous"
MANIFEST = "outputs.json"  # the previous build's list of outputs, each with its SHA-256
CALENDAR_TYPE = "text/calendar"
# A meeting's calendar is kilobytes (the 2020 meeting's 20 plenary meetings take 20 KB); 5 MB is room for a
# conference and still reads in well under a second.
MAX_PREVIOUS_BYTES = 5_000_000
LOCK_WAIT_SECONDS = 10.0  # a second build waits this long for the first, then stops
_STAGING_LEGACY = re.compile(r"\.meetplan-[A-Za-z0-9_]{8}")  # tempfile.mkdtemp's, from meetplan before issue 12


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
        raise MeetplanError([Problem(file=shown(name), message="an output name must stay inside the output folder")])
    try:
        os.fsencode(name)
    except UnicodeEncodeError:
        # Under the C locale with UTF-8 mode off (a cron job, a container), file names are ASCII only.
        raise MeetplanError([Problem(file=shown(name), message=(
            f"this file name cannot be written under the locale {locale.setlocale(locale.LC_CTYPE)!r}; "
            "run with a UTF-8 locale or PYTHONUTF8=1"))]) from None
    return folder.joinpath(*parts)


# --- what is on the way to an output --------------------------------------------------------------------------


def _kind(mode: int) -> str:
    for test, kind in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
                       (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"), (stat.S_ISLNK, "a symbolic link")):
        if test(mode):
            return kind
    return "not a regular file"


def _link_problem(path: Path, target: str) -> Problem:
    return Problem(file=shown(str(path)), message=(
        f"is a symbolic link to {shown(target)}; an output folder must not link outside itself (remove the link)"))


def _readlink(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "?"


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None


def _is_link(info: os.stat_result) -> bool:
    # A Windows junction is a folder that points elsewhere, as a symbolic link does; other reparse points (a
    # OneDrive file not yet downloaded) are plain files and folders.
    tag = getattr(info, "st_reparse_tag", 0)
    return stat.S_ISLNK(info.st_mode) or tag in (getattr(stat, "IO_REPARSE_TAG_MOUNT_POINT", -1), getattr(stat, "IO_REPARSE_TAG_SYMLINK", -1))


def _way_problems(folder: Path, names: Iterable[str]) -> list[Problem]:
    """Every reason the outputs ``names`` cannot be written as plain files below ``folder``, once each."""
    problems: list[Problem] = []
    folders: dict[Path, bool] = {}  # each folder on the way: whether it is usable
    for name in names:
        parts = PurePosixPath(name).parts
        path = folder
        usable = True
        for part in parts[:-1]:
            path = path / part
            if path not in folders:
                info = _lstat(path)
                problem = None
                if info is not None and _is_link(info):
                    problem = _link_problem(path, _readlink(path))
                elif info is not None and not stat.S_ISDIR(info.st_mode):
                    problem = Problem(file=shown(str(path)), message=f"is {_kind(info.st_mode) if not stat.S_ISREG(info.st_mode) else 'a file'}, "
                                      "not a folder; move it away or choose another --output")
                folders[path] = problem is None
                if problem is not None:
                    problems.append(problem)
            usable = usable and folders[path]
            if not usable:
                break
        if not usable:
            continue
        target = path / parts[-1]
        info = _lstat(target)
        if info is None or stat.S_ISREG(info.st_mode):
            continue
        if _is_link(info):
            problems.append(_link_problem(target, _readlink(target)))
        else:
            problems.append(Problem(file=shown(str(target)), message=f"is {_kind(info.st_mode)}, not a file; move it away or choose another --output"))
    return problems


def _folder_problem(folder: Path) -> Problem | None:
    """Why ``folder`` (as given: it may itself be a link) cannot be an output folder, or None."""
    try:
        info = folder.stat()
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        return Problem(file=shown(str(folder)), message="is inside a file, not a folder; choose another --output")
    except OSError as error:
        return Problem(file=shown(str(folder)), message=f"cannot be used: {error.strerror}")
    if stat.S_ISREG(info.st_mode):
        return Problem(file=shown(str(folder)), message="is a file, not a folder; choose another --output")
    if not stat.S_ISDIR(info.st_mode):
        return Problem(file=shown(str(folder)), message=f"is {_kind(info.st_mode)}, not a folder; choose another --output")
    return None


def output_folder(value: str | None, default: Path) -> Path:
    """The folder ``--output`` names; an empty value (an unset shell variable) or a device is refused."""
    if value is None:
        return default
    if not value.strip():
        raise MeetplanError([Problem(field="--output", message=f"is empty; give a folder (default: {shown(str(default))})")])
    folder = Path(value)
    problem = _folder_problem(folder)
    if problem is None and sys.platform != "win32":
        system = next((root for root in ("/dev", "/proc", "/sys") if Path(os.path.realpath(folder)).is_relative_to(root)), None)
        if system is not None:
            problem = Problem(file=shown(value), message=f"is in {system}, a system folder; choose another --output")
    if problem is not None:
        raise MeetplanError([problem])
    return folder


# --- the lock, and what an interrupted build left ------------------------------------------------------------------


class _Session(Struct):
    """A folder this process has locked: from reading the previous outputs to the last move."""

    lock: BaseFileLock | None
    whole_build: bool  # a build's folder (its outputs.json says what to remove), not one file written into a folder


_sessions: dict[str, _Session] = {}
_sessions_lock = threading.Lock()


def _note(text: str) -> None:
    sys.stderr.write(f"note: {shown(text)}\n")
    sys.stderr.flush()


def _open(folder: Path, *, whole_build: bool, create_lock: bool) -> _Session:
    """Lock ``folder`` (with ``create_lock``, a new lock if there is none; otherwise only when a build's lock is
    there) and, once locked, put back what an interrupted build left."""
    key = os.path.abspath(folder)
    with _sessions_lock:
        if key in _sessions:
            return _sessions[key]
        problem = _folder_problem(folder)
        if problem is not None:
            raise MeetplanError([problem])
        if create_lock:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise MeetplanError([Problem(file=shown(str(folder)), message=f"cannot write here: {error.strerror}")]) from None
        lock = None
        if create_lock or os.path.lexists(folder / LOCK):
            lock = _acquire(folder)
        session = _Session(lock=lock, whole_build=whole_build)
        _sessions[key] = session
    try:
        # Only a build stages, and a build always locks: a folder without a lock has nothing to recover.
        if lock is not None:
            _recover(folder)
    except BaseException:
        release(folder)
        raise
    return session


def _acquire(folder: Path) -> BaseFileLock:
    from filelock import FileLock, Timeout

    path = folder / LOCK
    info = _lstat(path)
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise MeetplanError([_link_problem(path, _readlink(path)) if _is_link(info) else
                             Problem(file=shown(str(path)), message=f"is {_kind(info.st_mode)}, not meetplan's lock; move it away")])
    lock = FileLock(str(path), timeout=LOCK_WAIT_SECONDS)
    try:
        lock.acquire()
    except Timeout:
        raise MeetplanError([Problem(file=shown(str(folder)), message=(
            "another meetplan build is writing here; try again when it has finished"))]) from None
    except OSError as error:
        raise MeetplanError([Problem(file=shown(str(path)), message=f"cannot lock the output folder: {error.strerror}")]) from None
    return lock


def release(folder: Path) -> None:
    """Unlock ``folder`` if this process holds it: write_artifacts does so itself; this is for a build that
    stopped before writing."""
    with _sessions_lock:
        session = _sessions.pop(os.path.abspath(folder), None)
    if session is not None and session.lock is not None:
        session.lock.release()


def _recover(folder: Path) -> None:
    """Put back the previous outputs an interrupted build had begun to replace; remove what it left."""
    staging = folder / STAGING
    info = _lstat(staging)
    if info is not None:
        if _is_link(info) or not stat.S_ISDIR(info.st_mode):
            raise MeetplanError([Problem(file=shown(str(staging)), message="is not the folder meetplan stages a build in; remove it")])
        journal = staging / JOURNAL
        if journal.is_file():
            try:
                entries = json.loads(journal.read_bytes())["moves"]
            except (ValueError, KeyError, TypeError, OSError):
                raise MeetplanError([Problem(file=shown(str(journal)), message=(
                    "an interrupted build left this journal and it cannot be read; put the files of "
                    f"{BACKUPS}/ back by hand, then remove {STAGING}"))]) from None
            restored = _roll_back(folder, staging, entries)
            journal.unlink()
            if restored:
                _note(f"{folder}: a build was interrupted while moving its outputs into place; the previous outputs "
                      f"were put back ({restored} file{'s' if restored != 1 else ''})")
            else:
                _note(f"{folder}: removed the files an interrupted build had left in {STAGING}/ (it had replaced no output)")
        else:
            _note(f"{folder}: removed the files an interrupted build had left in {STAGING}/")
        shutil.rmtree(staging)
    for entry in os.scandir(folder):
        if not (_STAGING_LEGACY.fullmatch(entry.name) and entry.is_dir(follow_symlinks=False)):
            continue
        kept = Path(entry.path) / BACKUPS
        if kept.is_dir() and any(kept.iterdir()):
            # Its numbered backups do not say which output each one was.
            raise MeetplanError([Problem(file=shown(entry.path), message=(
                f"an interrupted build of an earlier meetplan left this folder; its {BACKUPS}/ holds previous outputs: "
                "put back what is missing from the output folder, then remove it"))])
        shutil.rmtree(entry.path)
        _note(f"{entry.path}: removed (left by an interrupted build)")


def recover(folder: Path) -> None:
    """Put back what an interrupted build left in ``folder``, under its lock: every build does this first."""
    _open(folder, whole_build=False, create_lock=False)
    release(folder)


def _sha256_file(path: Path) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def _roll_back(folder: Path, staging: Path, entries: list[dict[str, Any]]) -> int:
    """Undo the moves of ``entries`` (done or not): each previous output back, each new one gone."""
    restored = 0
    parents = set()
    for entry in reversed(entries):
        target = _checked_path(folder, str(entry["name"]))
        parents.add(target.parent)
        backup = entry.get("backup")
        if backup is not None:
            kept = staging / BACKUPS / str(backup)
            before, now = _lstat(kept), _lstat(target)
            if before is None:
                continue
            if now is None or (now.st_ino, now.st_dev) != (before.st_ino, before.st_dev):
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(kept, target)
                restored += 1
        elif entry.get("sha256") and _sha256_file(target) == entry["sha256"]:
            # A new output where there was none: it goes, unless something else has taken its place.
            target.unlink()
            restored += 1
    for parent in parents:
        _fsync_folder(parent)
    return restored


def _fsync_folder(path: Path) -> None:
    """Make the folder's entries durable (a rename is on disk only once its folder is); not possible on Windows."""
    if os.name == "nt":
        return
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


# --- reading the previous outputs ------------------------------------------------------------------------------------


def read_previous(folder: Path, *, whole_build: bool = True) -> Callable[[str], bytes | None]:
    """A reader of the previous build's outputs in ``folder``, by artifact name.

    The folder stays locked until write_artifacts has written into it (or the process ends). ``whole_build``
    False is for one file written into a folder that need not be a build's (``meetplan calendar``).
    """
    _open(folder, whole_build=whole_build, create_lock=whole_build)

    def read(name: str) -> bytes | None:
        return _read_below(folder, name)

    return read


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_LINK_ERRORS = {errno.ELOOP, errno.EMLINK}  # what O_NOFOLLOW on a link gives: Linux, then FreeBSD


def _read_below(folder: Path, name: str) -> bytes | None:
    """An output's bytes, opened folder by folder without following a link; None when there is none."""
    path = _checked_path(folder, name)
    parts = PurePosixPath(name).parts
    if not (_NOFOLLOW and os.open in os.supports_dir_fd):
        return _read_checked(folder, name, path)
    try:
        directory = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | os.O_CLOEXEC)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        raise MeetplanError([Problem(file=shown(str(folder)), message=f"cannot be read: {error.strerror}")]) from None
    try:
        here = folder
        for part in parts[:-1]:
            here = here / part
            try:
                inner = os.open(part, os.O_RDONLY | os.O_DIRECTORY | _NOFOLLOW | os.O_CLOEXEC, dir_fd=directory)
            except FileNotFoundError:
                return None
            except OSError as error:
                info = _lstat(here)
                if info is not None and _is_link(info):
                    raise MeetplanError([_link_problem(here, _readlink(here))]) from None
                if error.errno == errno.ENOTDIR:
                    return None  # a file where a folder belongs: writing says so
                raise MeetplanError([Problem(file=shown(str(here)), message=f"cannot be read: {error.strerror}")]) from None
            os.close(directory)
            directory = inner
        try:
            # O_NONBLOCK: opening a named pipe must not wait for a writer.
            descriptor = os.open(parts[-1], os.O_RDONLY | _NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=directory)
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as error:
            if error.errno in _LINK_ERRORS:
                raise MeetplanError([_link_problem(path, _readlink(path))]) from None
            raise MeetplanError([Problem(file=shown(str(path)), message=f"cannot be read: {error.strerror}")]) from None
        try:
            return _read_regular(descriptor, path)
        finally:
            os.close(descriptor)
    finally:
        os.close(directory)


def _read_checked(folder: Path, name: str, path: Path) -> bytes | None:
    """_read_below where the platform cannot open without following links (Windows): look, then open."""
    problems = _way_problems(folder, [name])
    if problems:
        raise MeetplanError(problems)
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        raise MeetplanError([Problem(file=shown(str(path)), message=f"cannot be read: {error.strerror}")]) from None
    try:
        return _read_regular(descriptor, path)
    finally:
        os.close(descriptor)


def _read_regular(descriptor: int, path: Path) -> bytes:
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode):
        what = "a calendar" if path.suffix == ".ics" else "an output"
        raise MeetplanError([Problem(file=shown(str(path)), message=f"is {_kind(info.st_mode)}, not {what}; move it away")])
    if info.st_size > MAX_PREVIOUS_BYTES:
        raise MeetplanError([_too_large(path, info.st_size)])
    chunks, size = [], 0
    while chunk := os.read(descriptor, 1 << 20):
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_PREVIOUS_BYTES:  # it grew while being read
            raise MeetplanError([_too_large(path, size)])
    return b"".join(chunks)


def _too_large(path: Path, size: int) -> Problem:
    return Problem(file=shown(str(path)), message=(
        f"is {size:,} bytes; a previous issue is read up to {MAX_PREVIOUS_BYTES:,} (a meeting's calendar is kilobytes): "
        "move it away to start anew"))


# --- writing ----------------------------------------------------------------------------------------------------


def write_artifacts(artifacts: Iterable[Artifact], folder: Path, *, whole_build: bool | None = None,
                    moment: dt.datetime | None = None) -> list[Path]:
    """Write every artifact, or none, and return their paths.

    ``whole_build`` (by default: whether read_previous opened ``folder`` as a build's) also retires what the
    previous build wrote and this one does not: see the module's docstring. ``moment`` stamps the calendars
    issued cancelled (by default the DTSTAMP of this build's calendar.ics).

    Raises MeetplanError (nothing written), KeyboardInterrupt or SystemExit for a signal before the moves (rolled
    back), and StoppedInPlace, with the paths, for one that came during the moves (all in place).
    """
    artifacts = list(artifacts)
    names = [a.name for a in artifacts]
    duplicates = sorted(name for name, count in collections.Counter(names).items() if count > 1)
    if duplicates:
        raise MeetplanError([Problem(file=shown(n), message="two outputs would have this name") for n in duplicates])
    targets = [_checked_path(folder, a.name) for a in artifacts]
    problem = _folder_problem(folder)
    if problem is not None:
        raise MeetplanError([problem])
    if (len(artifacts) == 1 and not whole_build and os.path.abspath(folder) not in _sessions
            and not os.path.lexists(folder / LOCK)):
        # One file into a folder that is not a build's (meetplan calendar, annex, init): a single os.replace is
        # all or nothing already, and no lock or staging folder is left beside the user's files.
        problems = _way_problems(folder, names)
        if problems:
            raise MeetplanError(problems)
        with _write_errors(folder):
            _write_one(folder, artifacts[0])
        return targets
    session = _open(folder, whole_build=bool(whole_build), create_lock=True)
    try:
        problems = _way_problems(folder, names)
        if problems:
            raise MeetplanError(problems)
        removed: list[str] = []
        cancelled: list[str] = []
        if session.whole_build if whole_build is None else whole_build:
            rendered = set(names)
            artifacts, removed = _retire(folder, artifacts, moment)
            cancelled = [a.name for a in artifacts if a.name not in rendered]
            targets = [_checked_path(folder, a.name) for a in artifacts]
        with _write_errors(folder):
            late = _commit(folder, artifacts, removed)
    finally:
        release(folder)
    for name in cancelled:
        _note(f"{_checked_path(folder, name)}: issued with its events cancelled (no longer in this issue): send it to "
              "those who had it; the next build removes it")
    for name in removed:
        _note(f"{_checked_path(folder, name)}: removed (this build no longer writes it)")
    if late:
        raise StoppedInPlace(late[0], targets)
    return targets


@contextlib.contextmanager
def _write_errors(folder: Path) -> Iterator[None]:
    try:
        yield
    except OSError as error:
        # The output that could not be replaced (a file open in Excel on Windows) when the error names it.
        where = error.filename2 or error.filename
        where = where if where and STAGING not in str(where) and not str(where).endswith(_PENDING) else folder
        raise MeetplanError([Problem(file=shown(str(where)), message=f"cannot write the outputs: {error.strerror}")]) from None


_PENDING = ".meetplan-new"


def _write_one(folder: Path, artifact: Artifact) -> None:
    """One file written beside its target and moved into place."""
    target = _checked_path(folder, artifact.name)
    target.parent.mkdir(parents=True, exist_ok=True)
    info = _lstat(target)
    if info is not None and _same_bytes(target, info, artifact.data):
        return
    descriptor, pending = tempfile.mkstemp(prefix=f".{target.name[:40]}.", suffix=_PENDING, dir=target.parent)
    try:
        try:
            view = memoryview(artifact.data)
            while view:
                view = view[os.write(descriptor, view):]
            if hasattr(os, "fchmod"):
                # mkstemp makes the file 0600: the previous file's permissions, or what the umask gives a new one.
                mask = os.umask(0)
                os.umask(mask)
                os.fchmod(descriptor, stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~mask)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.replace(pending, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(pending)
        raise
    _fsync_folder(target.parent)


def _same_bytes(path: Path, info: os.stat_result, data: bytes) -> bool:
    if info.st_size != len(data):
        return False
    try:
        with open(path, "rb") as handle:
            return handle.read(len(data) + 1) == data
    except OSError:
        return False


def _keep(target: Path, backup: Path) -> None:
    """Keep the previous output as it is: a second name for the same file, a copy where links are not possible."""
    try:
        os.link(target, backup)  # a regular file: checked before anything is staged
    except OSError:
        shutil.copy2(target, backup, follow_symlinks=False)
        with open(backup, "rb+") as handle:
            os.fsync(handle.fileno())


@contextlib.contextmanager
def _signals_held() -> Iterator[list[int]]:
    """Ctrl-C, SIGTERM and SIGHUP wait while the outputs move into place (milliseconds), then act.

    One that came while the moves went through to the end is taken here, where the system can (sigtimedwait: not
    macOS), into the list given: the new issue is complete, and the build says so rather than "Aborted!"."""
    late: list[int] = []
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield late
        return
    held = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    before = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield late
        if hasattr(signal, "sigtimedwait"):
            for number in sorted(signal.sigpending() & held):
                if signal.sigtimedwait({number}, 0) is not None:
                    late.append(number)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


class StoppedInPlace(BaseException):  # a stop, as KeyboardInterrupt is: no handler of errors takes it
    """A signal (Ctrl-C, SIGTERM, SIGHUP) that came while the outputs moved into place, taken once every one of them
    was in place: the build is complete, ``written`` are its files, and the command ends with 128 + ``number``."""

    def __init__(self, number: int, written: list[Path]) -> None:
        super().__init__(number)
        self.number, self.written = number, written


@contextlib.contextmanager
def _termination_as_exit() -> Iterator[None]:
    """SIGTERM and SIGHUP end the process as an exception while a build writes, so that it cleans up or rolls back
    (their default is to stop at once); the exit status stays 128 + the signal's number."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    kinds = [kind for kind in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None))
             if kind is not None and signal.getsignal(kind) is signal.SIG_DFL]

    def leave(number: int, frame: object) -> None:
        raise SystemExit(128 + number)

    for kind in kinds:
        signal.signal(kind, leave)
    try:
        yield
    finally:
        for kind in kinds:
            signal.signal(kind, signal.SIG_DFL)


def _commit(folder: Path, artifacts: list[Artifact], removed: list[str]) -> list[int]:
    """Stage, keep the previous files, journal, move into place, and remove the journal: see the module's docstring.
    Returns the signals that came during the moves and were held until they were done (_signals_held)."""
    with _termination_as_exit():
        return _stage_and_move(folder, artifacts, removed)


def _stage_and_move(folder: Path, artifacts: list[Artifact], removed: list[str]) -> list[int]:
    staging = folder / STAGING
    backups = staging / BACKUPS
    # Private: a staged participants.xlsx holds e-mail addresses.
    os.mkdir(staging, 0o700)
    clean = True  # whether removing the staging folder loses nothing; False once a rollback has failed
    try:
        os.mkdir(backups, 0o700)
        moves: list[dict[str, Any]] = []
        staged_paths: list[Path] = []
        for index, artifact in enumerate(artifacts):
            target = _checked_path(folder, artifact.name)
            info = _lstat(target)
            if info is not None and _same_bytes(target, info, artifact.data):
                continue  # unchanged: left as it is, its time stamp too
            staged = staging / str(index)
            descriptor = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_BINARY", 0), 0o666)
            try:
                view = memoryview(artifact.data)
                while view:
                    view = view[os.write(descriptor, view):]
                if info is not None and hasattr(os, "fchmod"):
                    os.fchmod(descriptor, stat.S_IMODE(info.st_mode))  # a file the secretariat restricted stays so
            finally:
                os.close(descriptor)
            staged_paths.append(staged)
            backup = None
            if info is not None:
                backup = str(index)
                _keep(target, backups / backup)
            sha = None if info is not None else hashlib.sha256(artifact.data).hexdigest()
            moves.append({"name": artifact.name, "staged": str(index), "backup": backup, "sha256": sha})
        for index, name in enumerate(removed):
            _keep(_checked_path(folder, name), backups / f"removed-{index}")
            moves.append({"name": name, "staged": None, "backup": f"removed-{index}", "sha256": None})
        if not moves:
            return []
        _sync_files(staging, staged_paths)
        if any(move["backup"] for move in moves):
            _fsync_folder(backups)
        journal = staging / JOURNAL
        with _signals_held() as late:
            _write_journal(staging, moves)
            made: list[Path] = []
            try:
                for move in moves:
                    target = _checked_path(folder, move["name"])
                    if move["staged"] is None:
                        target.unlink()
                        continue
                    if not target.parent.is_dir():
                        _make_folders(folder, target.parent, made)
                    os.replace(staging / move["staged"], target)
                for parent in {_checked_path(folder, move["name"]).parent for move in moves}:
                    _fsync_folder(parent)
                journal.unlink()
                _fsync_folder(staging)
            except BaseException:
                clean = False
                _roll_back(folder, staging, moves)
                for made_folder in reversed(made):
                    with contextlib.suppress(OSError):
                        made_folder.rmdir()
                journal.unlink(missing_ok=True)
                clean = True
                raise
            # Still with the signals held, so that a Ctrl-C now does not leave the staging folder half removed.
            shutil.rmtree(staging, ignore_errors=True)
        for name in removed:
            parent = _checked_path(folder, name).parent
            if parent != folder:
                with contextlib.suppress(OSError):
                    parent.rmdir()  # a speakers/ that this build emptied; one holding anything else stays
    finally:
        if clean:
            shutil.rmtree(staging, ignore_errors=True)
    return late


@functools.cache
def _syncfs() -> Callable[[int], int] | None:
    """Linux's syncfs(2), from the C library: None elsewhere, or where the library lacks it."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    function: Callable[[int], int] | None = getattr(ctypes.CDLL(None, use_errno=True), "syncfs", None)
    return function


def _sync_files(staging: Path, paths: list[Path]) -> None:
    """Put the bytes of the staged files (in ``staging``) on disk, before the journal names them and the first
    of them moves into place.

    Each fsync commits the file system's journal and flushes the disk, which took half of M's build (about 400
    files). So on Linux the whole file system of the output folder is synced once (syncfs: the folder's file
    system only, not every mounted one as os.sync would); elsewhere each file is synced, once all are written.
    """
    syncfs = _syncfs()
    if syncfs is not None:
        descriptor = os.open(staging, os.O_RDONLY | os.O_CLOEXEC)
        try:
            if syncfs(descriptor) != 0:  # a write the kernel could not put on disk (Linux 5.8 and later say so)
                import ctypes

                number = ctypes.get_errno()
                raise OSError(number, os.strerror(number), str(staging))
        finally:
            os.close(descriptor)
        return
    for path in paths:
        descriptor = os.open(path, os.O_RDWR | _NOFOLLOW | getattr(os, "O_BINARY", 0))  # Windows syncs only what is open for writing
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _make_folders(folder: Path, path: Path, made: list[Path]) -> None:
    missing = []
    while path != folder and not path.exists():
        missing.append(path)
        path = path.parent
    for new in reversed(missing):
        new.mkdir()
        made.append(new)


def _write_journal(staging: Path, moves: list[dict[str, Any]]) -> None:
    """The moves about to be made, on disk before the first one: what the next build puts back if this one dies."""
    data = json.dumps({"moves": moves}, ensure_ascii=False).encode()
    pending = staging / (JOURNAL + ".new")
    descriptor = os.open(pending, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        os.write(descriptor, data)
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    os.replace(pending, staging / JOURNAL)
    _fsync_folder(staging)


# --- what the previous build wrote and this one does not -------------------------------------------------------------


def _previous_manifest(folder: Path) -> list[dict[str, Any]]:
    try:
        data = _read_below(folder, MANIFEST)
    except MeetplanError:
        data = b"\xff"
    if data is None:
        return []
    try:
        entries = json.loads(data)["outputs"]
        if not isinstance(entries, list) or not all(isinstance(e, dict) and isinstance(e.get("name"), str) for e in entries):
            raise TypeError
        return entries
    except (ValueError, KeyError, TypeError):
        _note(f"{folder / MANIFEST}: cannot be read as the list of the previous build's outputs; what it listed is left in place")
        return []


def _stamp(artifacts: list[Artifact]) -> dt.datetime | None:
    """The issue's moment, as this build's calendar.ics carries it."""
    for artifact in artifacts:
        if artifact.name == "calendar.ics":
            match = re.search(rb"\r\nDTSTAMP:(\d{8}T\d{6})Z\r\n", artifact.data)
            if match:
                return dt.datetime.strptime(match[1].decode(), "%Y%m%dT%H%M%S").replace(tzinfo=dt.UTC)
    return None


def _retire(folder: Path, artifacts: list[Artifact], moment: dt.datetime | None) -> tuple[list[Artifact], list[str]]:
    """What becomes of the previous build's outputs that this build does not write.

    A calendar whose events are not all cancelled is issued once more, cancelled (a delegate imported it: a
    deleted file would leave the events in their calendar); one that was issued cancelled, and any other
    output, is removed. A file changed since meetplan wrote it, or not listed, is left alone.
    """
    from meetplan.render.cancelled import cancelled_calendar, is_cancelled

    current = {a.name for a in artifacts} | {MANIFEST}
    stamp = moment or _stamp(artifacts)
    cancelled: list[tuple[Artifact, dict[str, Any]]] = []
    removed: list[str] = []
    for entry in _previous_manifest(folder):
        name = entry["name"]
        if name in current:
            continue
        try:
            path = _checked_path(folder, name)
        except MeetplanError:
            continue
        info = _lstat(path)
        if info is None or not stat.S_ISREG(info.st_mode) or _way_problems(folder, [name]):
            continue
        if _sha256_file(path) != entry.get("sha256"):
            _note(f"{path}: no longer an output, but changed since meetplan wrote it: left in place")
            continue
        if entry.get("media_type") == CALENDAR_TYPE:
            data = _read_below(folder, name)
            try:
                if data is not None and not is_cancelled(data):
                    cancelled.append((Artifact(name=name, media_type=CALENDAR_TYPE, data=cancelled_calendar(data, stamp)), entry))
                    continue
            except (ValueError, UnicodeDecodeError):
                _note(f"{path}: no longer an output, and cannot be read as a calendar to cancel: left in place")
                continue
        removed.append(name)
    if cancelled:
        artifacts = [_with_entries(a, cancelled) if a.name == MANIFEST else a for a in artifacts]
        artifacts += [artifact for artifact, _ in cancelled]
    return artifacts, removed


def _with_entries(manifest: Artifact, cancelled: list[tuple[Artifact, dict[str, Any]]]) -> Artifact:
    """This build's outputs.json with the calendars issued cancelled: the next build removes them."""
    try:
        index = json.loads(manifest.data)
        entries = index["outputs"]
    except (ValueError, KeyError, TypeError):
        return manifest
    for artifact, previous in cancelled:
        entries.append({**previous, "media_type": artifact.media_type, "sha256": hashlib.sha256(artifact.data).hexdigest()})
    return replace(manifest, data=(json.dumps(index, ensure_ascii=False, indent=2) + "\n").encode())
