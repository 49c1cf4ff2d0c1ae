"""Work done in a second process beside the build's own, where the system allows it (issue 20).

At 100,000 registrations, participants.xlsx takes as long to render as every other output together; in a small
meeting with translations, the outputs in the five other languages take more than half of the rendering. On a
machine with two cores or more, a forked copy of the build renders each of these (the outputs marked ``beside``
in outputs.py, participants.xlsx from 1,000 registrations: outputs.beside_lanes) while the build renders the rest
(BENCHMARKS.md gives both timings).

Fork, not spawn: the copy has the plan already, so nothing is pickled on the way in; only the result (the
artifacts' bytes) comes back, through a pipe. The second process is an optimization and nothing else. It is not
used where the system cannot fork safely (not Linux, one core, or a process with other threads running, such as
a test runner's: a fork copies only the calling thread, and a lock another thread held stays locked in the copy);
and when it fails in any way other than a located problem with the input, the work is done again in the build's
own process. It writes nothing but its result: the output folder, its lock and its journal stay the build's.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from typing import Generic, NoReturn, TypeVar

from meetplan.errors import MeetplanError

_Result = TypeVar("_Result")


class Beside(Generic[_Result]):
    """``work()``, started in a second process where possible; ``result()`` waits for it and gives its value (or
    raises its MeetplanError, after re-emitting the warnings it logged), ``cancel()`` stops it unused."""

    def __init__(self, work: Callable[[], _Result]) -> None:
        self._work = work
        self._pid: int | None = None
        self._pipe: int | None = None
        if not _can_fork():
            return
        read_end, write_end = os.pipe()
        build = os.getpid()
        try:
            pid = os.fork()
        except OSError:  # no memory or process slot for a copy: the build does the work itself
            os.close(read_end)
            os.close(write_end)
            return
        if pid == 0:
            os.close(read_end)
            _run_and_exit(work, write_end, build)
        os.close(write_end)
        self._pid, self._pipe = pid, read_end

    def result(self) -> _Result:
        if self._pid is None or self._pipe is None:
            return self._work()
        with os.fdopen(self._pipe, "rb") as pipe:
            self._pipe = None
            data = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        if status != 0 or not data:  # killed, out of memory, or an error of meetplan's own: once more, here
            return self._work()
        outcome, value, records = pickle.loads(data)
        for record in records:
            logging.getLogger(record.name).handle(record)
        if outcome == "raised":
            error_class, problems = value
            raise error_class(problems)
        return value  # type: ignore[no-any-return]

    def __del__(self) -> None:  # a build interrupted between two phases
        self.cancel()

    def cancel(self) -> None:
        """Stop the second process without waiting for its work (the build failed or was interrupted)."""
        if self._pid is not None:
            os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
            self._pid = None
        if self._pipe is not None:
            os.close(self._pipe)
            self._pipe = None


_MAX_FILES = os.sysconf("SC_OPEN_MAX") if hasattr(os, "sysconf") else 1024  # the highest descriptor, plus one


def _can_fork() -> bool:
    return (sys.platform == "linux" and len(os.sched_getaffinity(0)) > 1
            and threading.active_count() == 1)


def _end_with(build: int) -> None:
    """Have the system kill this process when the build's process ends (Linux's PR_SET_PDEATHSIG), so that a build
    killed meanwhile leaves no copy of itself finishing work that nobody will read."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != build:  # the build ended before that took effect
        os._exit(1)


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


class _Kept(logging.Handler):
    """The second process's log records, kept to be handled by the build's process, in its handlers."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args = record.getMessage(), None  # formatted here: the arguments need not pickle
        self.records.append(record)


def _run_and_exit(work: Callable[[], object], write_end: int, build: int) -> NoReturn:
    """In the second process: do the work, send (outcome, value, log records) and end without running the build's
    clean-up (``os._exit``), which would release the lock the build holds."""
    status = 1
    try:
        _end_with(build)
        # Only the standard streams and its own pipe: not the folder's lock (a build killed meanwhile would leave it
        # held until this process ends), nor the pipe of another second process (which would then not learn
        # that nobody reads it). Each file this process reads, it opens.
        os.closerange(3, write_end)
        os.closerange(write_end + 1, _MAX_FILES)
        for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):  # a signal to the build ends the copy too;
            signal.signal(number, signal.SIG_DFL)  # the build's own handlers are for the build
        kept = _Kept()
        logging.getLogger().handlers = [kept]
        for logger in logging.Logger.manager.loggerDict.values():
            if isinstance(logger, logging.Logger):
                logger.handlers, logger.propagate = [], True
        try:
            sent = pickle.dumps(("returned", work(), kept.records), pickle.HIGHEST_PROTOCOL)
        except MeetplanError as error:  # a located problem: the build reports it as its own
            sent = pickle.dumps(("raised", (type(error), error.problems), kept.records), pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(sent)
        status = 0
    finally:
        os._exit(status)
