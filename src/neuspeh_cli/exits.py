"""How a command ends: expected failures as a message and an exit code, signals as interrupts.

The CLI's commands run inside ``reporting`` (through ``cli._app.reporting``, which ends them with
click's exit); ``validate`` with a plain command line runs inside it without click and typer
loaded at all (``__main__``), and ends the same way.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

from .errors import INTERNAL_EXIT_CODE, NeuspehError, Terminated, internal_error_message, record_crash


def _stderr(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


@contextmanager
def _signals_as_interrupts() -> Iterator[None]:
    """SIGTERM and SIGHUP (``timeout``, a cancelled CI job, a closed terminal) end the command like Ctrl-C.

    The exception unwinds through every ``finally``: LibreOffice's process group
    and the review's workers are ended before the tool exits. The first signal
    counts; more of them while cleaning up are ignored, so the clean-up finishes.

    A signal's exception can land where Python only prints it and goes on
    («Exception ignored in …»: a ``__del__``, an at-fork hook — the review
    forks its workers inside ``errors.signals_deferred`` for that reason); then
    the command would run to its end. ``sys.unraisablehook`` sees such a
    ``Terminated`` and has it raised again in the main thread a moment later (SIGALRM).
    """
    import signal
    import threading

    from .errors import terminate

    names = [n for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n)]
    if threading.current_thread() is not threading.main_thread() or not names:
        yield
        return
    state = {"signum": 0}

    def stop(signum, _frame):
        if state["signum"]:
            return  # a second signal while the first one's clean-up runs
        state["signum"] = signum
        terminate(signum)

    def again(_signum, _frame):
        terminate(state["signum"])

    def unraisable(report) -> None:
        if isinstance(report.exc_value, Terminated) and hasattr(signal, "setitimer"):
            signal.signal(signal.SIGALRM, again)
            signal.setitimer(signal.ITIMER_REAL, 0.02)  # raised inside this hook it would be ignored again
            return
        hook(report)

    hook = sys.unraisablehook
    previous = {name: signal.signal(getattr(signal, name), stop) for name in names}
    sys.unraisablehook = unraisable
    try:
        yield
    finally:
        sys.unraisablehook = hook
        for name, handler in previous.items():
            signal.signal(getattr(signal, name), handler)


@contextmanager
def reporting(
    exit: Callable[[int], BaseException] = SystemExit,
    passing: tuple[type[BaseException], ...] = (),
    err: Callable[[str], None] | None = None,
) -> Iterator[None]:
    """The one place where expected failures become a message and an exit code.

    ``exit(code)`` is raised to end the command (the CLI's is click's; ``SystemExit`` where
    click is not loaded), ``passing`` exceptions go through untouched, ``err`` prints a line to
    stderr (the CLI's prints through click).
    """
    _err = err or _stderr
    try:
        with _signals_as_interrupts():
            yield
    except NeuspehError as exc:
        _err(f"Ошибка: {exc}")
        raise exit(exc.exit_code) from None
    except KeyboardInterrupt as exc:
        # 128 + the signal's number, as a shell reports a command a signal ended (130 for Ctrl-C).
        code = 128 + exc.signum if isinstance(exc, Terminated) else 130
        with suppress(OSError):  # SIGHUP: the terminal may be gone
            _err("Прервано." if code == 130 else "Остановлено сигналом завершения.")
        raise exit(code) from None
    except passing:
        raise
    except BrokenPipeError:
        # The reader went away (`neuspeh validate … | head`): nothing to report, as click does.
        _silence_stdout()
        raise exit(1) from None
    except Exception:
        # A defect of the tool: one line and a log, never a traceback, and an exit code CI tells from «errors found».
        if os.environ.get("NEUSPEH_DEBUG"):
            raise
        import traceback

        _err(f"Ошибка: {internal_error_message(record_crash(traceback.format_exc()))}")
        raise exit(INTERNAL_EXIT_CODE) from None


def _silence_stdout() -> None:
    """Point stdout at devnull so that Python's own flush at exit does not raise again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
