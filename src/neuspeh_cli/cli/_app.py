"""The ``neuspeh`` application object, its sub-groups and the one place that turns failures into exit codes.

Heavy libraries (pydantic, python-docx, docxtpl) are imported inside the
commands that need them, so ``neuspeh --help`` and ``validate`` start fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Annotated, Optional

import click
import typer

from .. import __version__, i18n
from ..errors import INTERNAL_EXIT_CODE, NeuspehError, Terminated, internal_error_message, record_crash

i18n.install()

HELP = (
    "Муниципальная дорожная карта по профилактике учебной неуспешности: "
    "проверка по методике и сборка в Word и PDF.\n\n"
    "Коды выхода: 0 — ошибок нет; 1 — найдены ошибки (или предупреждения при --strict); "
    "2 — файл не читается или команда вызвана неверно; 3 — внутренняя ошибка программы (подробности — в файле журнала)."
)

app = typer.Typer(
    name="neuspeh",
    help=HELP,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
audit_app = typer.Typer(
    help="Входной аудит: заготовка файла данных муниципалитета.", rich_markup_mode=None, no_args_is_help=True
)
roadmap_app = typer.Typer(
    help="Дорожная карта: черновик мероприятий из «Конструктора».", rich_markup_mode=None, no_args_is_help=True
)
school_app = typer.Typer(
    help="Внутришкольная программа профилактики учебной неуспешности.", rich_markup_mode=None, no_args_is_help=True
)
report_app = typer.Typer(
    help="Отчёт о реализации дорожной карты: заготовка из карты.", rich_markup_mode=None, no_args_is_help=True
)
init_app = typer.Typer(
    help="Заготовки: репозиторий методиста с проверкой в CI.", rich_markup_mode=None, no_args_is_help=True
)
app.add_typer(audit_app, name="audit")
app.add_typer(roadmap_app, name="roadmap")
app.add_typer(school_app, name="school")
app.add_typer(report_app, name="report")
app.add_typer(init_app, name="init")


def _err(message: str) -> None:
    typer.echo(message, err=True)


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

    from ..errors import terminate

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
def reporting() -> Iterator[None]:
    """The one place where expected failures become a message and an exit code."""
    try:
        with _signals_as_interrupts():
            yield
    except NeuspehError as exc:
        _err(f"Ошибка: {exc}")
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt as exc:
        # 128 + the signal's number, as a shell reports a command a signal ended (130 for Ctrl-C).
        code = 128 + exc.signum if isinstance(exc, Terminated) else 130
        with suppress(OSError):  # SIGHUP: the terminal may be gone
            _err("Прервано." if code == 130 else "Остановлено сигналом завершения.")
        raise typer.Exit(code) from None
    except (typer.Exit, typer.Abort, click.exceptions.ClickException):
        raise
    except BrokenPipeError:
        # The reader went away (`neuspeh validate … | head`): nothing to report, as click does.
        _silence_stdout()
        raise typer.Exit(1) from None
    except Exception:
        # A defect of the tool: one line and a log, never a traceback, and an exit code CI tells from «errors found».
        if os.environ.get("NEUSPEH_DEBUG"):
            raise
        import traceback

        _err(f"Ошибка: {internal_error_message(record_crash(traceback.format_exc()))}")
        raise typer.Exit(INTERNAL_EXIT_CODE) from None


def _silence_stdout() -> None:
    """Point stdout at devnull so that Python's own flush at exit does not raise again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _version(value: bool) -> None:
    if value:
        typer.echo(f"neuspeh {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Показать версию и выйти.")
    ] = None,
) -> None:
    """Муниципальная дорожная карта по профилактике учебной неуспешности."""


def main() -> None:
    only(sys.argv[1:])(prog_name="neuspeh")


def only(args: list[str]) -> typer.Typer:
    """The application with just the command (or group) the arguments name, or all of it.

    Typer turns every command's signature into click parameters on each start; for the
    twenty-odd commands that costs about as much as validating the sample. A command run
    by name needs only its own; help, ``--version`` and an unknown or misspelt name
    (click suggests the right one) get the whole application.
    """
    import copy

    name = args[0] if args else ""
    commands = [c for c in app.registered_commands if (c.name or c.callback.__name__.lower().replace("_", "-")) == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if len(commands) + len(groups) != 1:
        return app
    lean = copy.copy(app)
    lean.registered_commands, lean.registered_groups = commands, groups
    return lean
