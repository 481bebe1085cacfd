"""The ``neuspeh`` application object, its sub-groups and the one place that turns failures into exit codes.

Heavy libraries (pydantic, python-docx, docxtpl) are imported inside the
commands that need them, so ``neuspeh --help`` and ``validate`` start fast.
"""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import click
import typer

from .. import __version__, i18n

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


def reporting():
    """The one place where expected failures become a message and an exit code (``exits.reporting``)."""
    from ..exits import reporting as ending

    return ending(typer.Exit, (typer.Exit, typer.Abort, click.exceptions.ClickException), _err)


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
