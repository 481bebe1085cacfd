"""Commands that start a file: audit init, roadmap draft, init repo, school init."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ._app import audit_app, init_app, reporting, roadmap_app, school_app

# ---------------------------------------------------------------- from nothing to a first draft (issue 4)

MunicipalityOption = Annotated[
    Optional[str],
    typer.Option(
        "--municipality",
        "-m",
        help="Муниципальное образование, как в заголовке: «Кореновский район». Без параметра спрашивается.",
        show_default=False,
    ),
]
YearOption = Annotated[
    Optional[int],
    typer.Option(
        "--year", "-y", min=2000, max=2100, help="Год дорожной карты. Без параметра спрашивается.", show_default=False
    ),
]
SchoolsOption = Annotated[
    Optional[Path],
    typer.Option(
        "--schools",
        help="Список школ: текст (одна школа в строке) или CSV со столбцами name[;shnor].",
        metavar="ФАЙЛ",
        show_default=False,
    ),
]


def _ask(municipality: Optional[str], year: Optional[int]) -> tuple[str, int]:
    """Ask for what the options did not give; without a terminal (CI) say which options to pass."""
    import click

    try:
        if municipality is None:
            municipality = typer.prompt("Муниципальное образование (как в заголовке: «Кореновский район»)")
        if year is None:
            year = typer.prompt("Год дорожной карты", type=click.IntRange(2000, 2100))
    except click.exceptions.Abort:
        from ..errors import UsageError

        typer.echo()  # end the unanswered prompt's line before the message
        raise UsageError("не указаны муниципальное образование и год: добавьте --municipality и --year") from None
    return municipality, year


@audit_app.command("init")
def audit_init(
    path: Annotated[
        Path, typer.Argument(help="Файл данных, который нужно создать (.yaml).", metavar="ФАЙЛ", show_default=False)
    ],
    municipality: MunicipalityOption = None,
    year: YearOption = None,
    schools: SchoolsOption = None,
    schema: Annotated[
        Optional[str],
        typer.Option(
            "--schema",
            help="Путь или адрес JSON Schema для первой строки файла; по умолчанию рядом с файлом создаётся "
            "roadmap.schema.json.",
            metavar="ПУТЬ|URL",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Перезаписать существующий файл.")] = False,
    source: Annotated[
        Optional[Path],
        typer.Option(
            "--from",
            help="Итоговый отчёт о реализации прошлой дорожной карты: параметры, по которым риск сохраняется, "
            "усилился, снижен или выявлен в течение года, отмечаются сразу, со школами; школы, муниципалитет, "
            "срок (год или учебный год), орган, утверждающий и подпись — из прошлой карты.",
            metavar="ОТЧЁТ",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Создать заготовку файла данных: сведения о документе, школы и весь «Конструктор» для отметки результатов
    аудита.
    """
    from ..scaffold import create_scaffold, summary_lines

    with reporting():
        start = None
        if source is not None:
            from ..report_scaffold import next_audit_from

            start = next_audit_from(source)
        else:
            municipality, year = _ask(municipality, year)
        result = create_scaffold(
            path, municipality or "", year or 0, schools_file=schools, schema_ref=schema, force=force, start=start
        )
        for line in summary_lines(result):
            typer.echo(line)


@roadmap_app.command("draft")
def roadmap_draft(
    path: Annotated[
        Path, typer.Argument(help="Файл данных дорожной карты (.yaml).", metavar="ФАЙЛ", show_default=False)
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Только показать, что будет добавлено; файл не менять.")
    ] = False,
) -> None:
    """Дописать черновики мероприятий из «Конструктора» для параметров без мероприятий и обязательный мониторинг;
    комментарии файла сохраняются.
    """
    from ..draft import draft_file, summary_lines

    with reporting():
        for line in summary_lines(draft_file(path, dry_run=dry_run)):
            typer.echo(line)


@init_app.command("repo")
def init_repo(
    directory: Annotated[Path, typer.Argument(help="Папка нового репозитория.", metavar="ПАПКА", show_default=False)],
    municipality: MunicipalityOption = None,
    year: YearOption = None,
    schools: SchoolsOption = None,
    name: Annotated[
        Optional[str],
        typer.Option("--name", help="Имя файла данных в data/ (по умолчанию roadmap-ГОД).", show_default=False),
    ] = None,
    source: Annotated[
        Optional[str],
        typer.Option(
            "--source",
            help="Откуда ставить neuspeh в CI и pre-commit: имя пакета, git+https://…@версия или путь к .whl. По "
            "умолчанию — пакет этой версии neuspeh, положенный в vendor/ нового репозитория.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Писать в непустую папку, перезаписывая одноимённые файлы.")
    ] = False,
) -> None:
    """Создать репозиторий методиста: файл данных, JSON Schema, CI для GitHub и GitLab, pre-commit, README."""
    from ..repo_init import init_repo as create_repo
    from ..repo_init import summary_lines

    with reporting():
        municipality, year = _ask(municipality, year)
        result = create_repo(directory, municipality, year, schools_file=schools, name=name, source=source, force=force)
        for line in summary_lines(result):
            typer.echo(line)


# ---------------------------------------------------------------- school programme (issue 5)


@school_app.command("init")
def school_init(
    path: Annotated[
        Path, typer.Argument(help="Файл программы, который нужно создать (.yaml).", metavar="ФАЙЛ", show_default=False)
    ],
    school: Annotated[
        str,
        typer.Option(
            "--school",
            help="Идентификатор школы, как в schools дорожной карты муниципалитета: sosh5.",
            show_default=False,
        ),
    ] = "",
    municipality: Annotated[
        str,
        typer.Option(
            "--municipality",
            "-m",
            help="Муниципальное образование, как в дорожной карте: по нему программа сверяется с аудитом.",
            show_default=False,
        ),
    ] = "",
    schema: Annotated[
        Optional[str],
        typer.Option(
            "--schema",
            help="Путь или адрес JSON Schema для первой строки файла; по умолчанию рядом с файлом создаётся "
            "programme.schema.json.",
            metavar="ПУТЬ|URL",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Перезаписать существующий файл.")] = False,
    roadmap: Annotated[
        Optional[Path],
        typer.Option(
            "--from",
            help="Дорожная карта муниципалитета (.yaml): взять из неё наименование школы, срок, выявленные параметры "
            "и мероприятия с участием школы.",
            metavar="КАРТА",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Создать заготовку школьной программы профилактики учебной неуспешности (по образцу, с комментариями)."""
    from ..programme_scaffold import create_programme, summary_lines

    with reporting():
        for line in summary_lines(
            create_programme(path, school, municipality, schema_ref=schema, force=force, roadmap=roadmap)
        ):
            typer.echo(line)
