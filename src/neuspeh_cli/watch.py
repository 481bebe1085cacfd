"""``build --watch``: rebuild Word and PDF whenever a data file is saved, LibreOffice kept running.

Polling mtime and size (no file-system notification library): a few ``stat``
calls every 0.03 s cost nothing next to a build and work the same on every
system, network folders included. A save is built once it has settled (two
polls alike), so an editor writing a file in several steps is built once.
A bad save is reported like any build and watching goes on; Ctrl-C (or SIGTERM)
stops, and the converter's LibreOffice is ended on the way out.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable
from pathlib import Path

from .build import BuildOptions, BuildReport, build_files
from .errors import NeuspehError

POLL_SECONDS = 0.03


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None  # being replaced (save via rename) or deleted: wait for it to come back
    return stat.st_mtime_ns, stat.st_size


@contextlib.contextmanager
def _stop_signals():
    """SIGTERM and SIGINT end the watch like Ctrl-C, so ``finally`` blocks end LibreOffice too.

    SIGINT too: a shell starting a command in the background makes it ignore SIGINT,
    and Python then never turns it into KeyboardInterrupt.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    names = [n for n in ("SIGTERM", "SIGINT") if hasattr(signal, n)]
    previous = {name: signal.signal(getattr(signal, name), interrupt) for name in names}
    try:
        yield
    finally:
        for name, handler in previous.items():
            signal.signal(getattr(signal, name), handler)


def watch(
    paths: list[Path],
    options: BuildOptions,
    on_report: Callable[[BuildReport], None],
    on_error: Callable[[NeuspehError], None],
    on_change: Callable[[list[Path]], None] | None = None,
    stop: threading.Event | None = None,
    poll: float = POLL_SECONDS,
) -> None:
    """Build ``paths`` now, then each one again whenever it changes, until Ctrl-C or ``stop`` is set.

    Build failures (``NeuspehError``) go to ``on_error`` and watching goes on.
    Raises ``BuildError`` only when a forced PDF engine is missing.
    """
    from .render import pdf

    paths = [Path(p) for p in paths]
    watched = paths + ([Path(options.template)] if options.template else [])
    converter = None
    if options.pdf_engine != "none":
        converter = pdf.choose_converter(options.pdf_engine, pdfa=options.pdfa, keep_warm=True)
        if converter is not None:
            converter.start(len(paths))
    options = BuildOptions(**{**options.__dict__, "converter": converter})
    stop = stop or threading.Event()

    def run(targets: list[Path]) -> None:
        try:
            on_report(build_files(targets, options))
        except NeuspehError as exc:
            on_error(exc)

    try:
        with _stop_signals():
            stamps = {p: _stamp(p) for p in watched}
            run(paths)
            while not stop.wait(poll):
                changed = [p for p in watched if _stamp(p) != stamps[p]]
                if not changed:
                    continue
                # Let the save settle: an editor may truncate, write and rename in steps.
                while True:
                    before = {p: _stamp(p) for p in watched}
                    if stop.wait(poll):
                        return
                    if before == {p: _stamp(p) for p in watched}:
                        break
                changed = [p for p in watched if before[p] != stamps[p] and before[p] is not None]
                stamps.update({p: before[p] for p in changed})
                if not changed:
                    continue
                if on_change is not None:
                    on_change(changed)
                run(paths if any(p not in paths for p in changed) else changed)  # a new template rebuilds everything
    finally:
        if converter is not None:
            converter.close()
