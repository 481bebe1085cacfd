"""The ``neuspeh`` command: parses arguments, calls the library, prints, sets the exit code.

Heavy libraries (pydantic, python-docx, docxtpl) are imported inside the
commands that need them, so ``neuspeh --help`` and ``validate`` start fast.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Iterator, Optional

import typer

from . import __version__, i18n
from .errors import NeuspehError

i18n.install()

HELP = (
    "Муниципальная дорожная карта по профилактике учебной неуспешности: "
    "проверка по методике и сборка в Word и PDF.\n\n"
    "Коды выхода: 0 — ошибок нет; 1 — найдены ошибки (или предупреждения при --strict); "
    "2 — файл не читается или команда вызвана неверно."
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
audit_app = typer.Typer(help="Входной аудит: заготовка файла данных муниципалитета.", rich_markup_mode=None, no_args_is_help=True)
roadmap_app = typer.Typer(help="Дорожная карта: черновик мероприятий из «Конструктора».", rich_markup_mode=None, no_args_is_help=True)
school_app = typer.Typer(help="Внутришкольная программа профилактики учебной неуспешности.", rich_markup_mode=None, no_args_is_help=True)
init_app = typer.Typer(help="Заготовки: репозиторий методиста с проверкой в CI.", rich_markup_mode=None, no_args_is_help=True)
app.add_typer(audit_app, name="audit")
app.add_typer(roadmap_app, name="roadmap")
app.add_typer(school_app, name="school")
app.add_typer(init_app, name="init")


def _err(message: str) -> None:
    typer.echo(message, err=True)


@contextmanager
def reporting() -> Iterator[None]:
    """The one place where expected failures become a message and an exit code."""
    try:
        yield
    except NeuspehError as exc:
        _err(f"Ошибка: {exc}")
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        _err("Прервано.")
        raise typer.Exit(130) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"neuspeh {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Показать версию и выйти.")] = None,
) -> None:
    """Муниципальная дорожная карта по профилактике учебной неуспешности."""


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


@app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument(help="Файлы данных (.yaml) или папки с ними.", show_default=False, metavar="ФАЙЛ|ПАПКА...")],
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Вывод: text — для человека, json — для программ, github — аннотации GitHub Actions.")] = OutputFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Считать предупреждения ошибками (код выхода 1).")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Не показывать замечания (info), только ошибки и предупреждения.")] = False,
) -> None:
    """Проверить файлы данных по методике: все ошибки и предупреждения с файлом, строкой и столбцом."""
    from .problems import exit_code
    from .report import print_github, print_json, print_text
    from .validate import validate_paths

    with reporting():
        reports = validate_paths(paths)
        if not reports:
            raise _no_files(paths)
        if format is OutputFormat.json:
            print_json(reports, sys.stdout)
        elif format is OutputFormat.github:
            print_github(reports, sys.stdout)
        else:
            print_text(reports, sys.stdout, show_info=not quiet)
        raise typer.Exit(exit_code([p for r in reports for p in r.problems], strict))


def _no_files(paths: list[Path]) -> NeuspehError:
    from .errors import UsageError

    return UsageError("не найдено ни одного файла данных (.yaml) в: " + ", ".join(str(p) for p in paths))


class CatalogFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
def catalog(
    format: Annotated[CatalogFormat, typer.Option("--format", "-f", help="text — таблица в терминале, json — для программ.")] = CatalogFormat.text,
    measures: Annotated[bool, typer.Option("--measures", help="Показать и рекомендуемые меры на уровне муниципалитета и ОО.")] = False,
    extra: Annotated[Optional[Path], typer.Option("--catalog", help="Свой каталог муниципалитета, дополняющий встроенный.")] = None,
) -> None:
    """Показать каталог факторов риска («Конструктор»): факторы, параметры и их идентификаторы."""
    from .domain.catalog import load_catalog
    from .catalog_view import catalog_json, print_catalog

    with reporting():
        cat = load_catalog(extra)
        if format is CatalogFormat.json:
            typer.echo(catalog_json(cat))
        else:
            print_catalog(cat, sys.stdout, measures=measures)


@app.command()
def rules() -> None:
    """Перечислить правила проверки: идентификатор, важность, что проверяется."""
    from .rules import all_rules

    for rule in all_rules():
        typer.echo(f"{rule.id:32} {rule.severity.label:15} {rule.summary}")


class PdfEngine(str, Enum):
    auto = "auto"
    word = "word"
    libreoffice = "libreoffice"


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="Файлы данных (.yaml).", show_default=False, metavar="ФАЙЛ...")],
    out: Annotated[Optional[Path], typer.Option("--output", "-o", help="Папка для .docx и .pdf (по умолчанию — рядом с файлом данных).", metavar="ПАПКА")] = None,
    template: Annotated[Optional[Path], typer.Option("--template", help="Свой шаблон Word (.docx) вместо встроенного.", metavar="ФАЙЛ")] = None,
    with_measures: Annotated[bool, typer.Option("--with-measures", help="Добавить приложение: рекомендуемые меры «Конструктора» по каждому выявленному параметру.")] = False,
    pdf_engine: Annotated[PdfEngine, typer.Option("--pdf-engine", help="Чем делать PDF: auto — Word, если установлен, иначе LibreOffice.")] = PdfEngine.auto,
    no_pdf: Annotated[bool, typer.Option("--no-pdf", help="Только Word, без PDF.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Собрать, даже если проверка нашла ошибки.")] = False,
) -> None:
    """Собрать дорожную карту (или школьную программу) в Word и PDF."""
    from .build import BuildOptions, build_files
    from .report import print_text

    with reporting():
        options = BuildOptions(out_dir=out, template=template, with_measures=with_measures,
                               pdf_engine="none" if no_pdf else pdf_engine.value, force=force)
        report = build_files(paths, options)
        refused = report.refused
        if refused:
            _err("Не собрано: в файлах есть ошибки (исправьте их или добавьте --force):")
            print_text([_as_report(r) for r in refused], sys.stderr, show_info=False)
        for result in report.results:
            for path in (result.docx, result.pdf):
                if path is not None:
                    typer.echo(f"Записан {path}")
        if report.pdf_note:
            _err(report.pdf_note)
        raise typer.Exit(1 if refused else 0)


def _as_report(result):
    from .validate import FileReport

    return FileReport(str(result.source), problems=[p for p in result.problems])


class SchemaKind(str, Enum):
    roadmap = "roadmap"
    programme = "programme"


@app.command()
def schema(
    kind: Annotated[SchemaKind, typer.Option("--kind", help="roadmap — дорожная карта, programme — школьная программа.")] = SchemaKind.roadmap,
) -> None:
    """Вывести JSON Schema файла данных (для подсказок и проверки в редакторе)."""
    from .jsonschema import schema_text

    typer.echo(schema_text(kind.value), nl=False)


# ---------------------------------------------------------------- from nothing to a first draft (issue 4)

MunicipalityOption = Annotated[Optional[str], typer.Option("--municipality", "-m", help="Муниципальное образование, как в заголовке: «Кореновский район». Без параметра спрашивается.", show_default=False)]
YearOption = Annotated[Optional[int], typer.Option("--year", "-y", min=2000, max=2100, help="Год дорожной карты. Без параметра спрашивается.", show_default=False)]
SchoolsOption = Annotated[Optional[Path], typer.Option("--schools", help="Список школ: текст (одна школа в строке) или CSV со столбцами name[;shnor].", metavar="ФАЙЛ", show_default=False)]


def _ask(municipality: Optional[str], year: Optional[int]) -> tuple[str, int]:
    """Ask for what the options did not give; without a terminal (CI) say which options to pass."""
    import click

    try:
        if municipality is None:
            municipality = typer.prompt("Муниципальное образование (как в заголовке: «Кореновский район»)")
        if year is None:
            year = typer.prompt("Год дорожной карты", type=click.IntRange(2000, 2100))
    except click.exceptions.Abort:
        from .errors import UsageError

        typer.echo()  # end the unanswered prompt's line before the message
        raise UsageError("не указаны муниципальное образование и год: добавьте --municipality и --year") from None
    return municipality, year


@audit_app.command("init")
def audit_init(
    path: Annotated[Path, typer.Argument(help="Файл данных, который нужно создать (.yaml).", metavar="ФАЙЛ", show_default=False)],
    municipality: MunicipalityOption = None,
    year: YearOption = None,
    schools: SchoolsOption = None,
    schema: Annotated[Optional[str], typer.Option("--schema", help="Путь или адрес JSON Schema для первой строки файла; по умолчанию рядом с файлом создаётся roadmap.schema.json.", metavar="ПУТЬ|URL", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Перезаписать существующий файл.")] = False,
) -> None:
    """Создать заготовку файла данных: сведения о документе, школы и весь «Конструктор» для отметки результатов аудита."""
    from .scaffold import create_scaffold, summary_lines

    with reporting():
        municipality, year = _ask(municipality, year)
        result = create_scaffold(path, municipality, year, schools_file=schools, schema_ref=schema, force=force)
        for line in summary_lines(result):
            typer.echo(line)


@roadmap_app.command("draft")
def roadmap_draft(
    path: Annotated[Path, typer.Argument(help="Файл данных дорожной карты (.yaml).", metavar="ФАЙЛ", show_default=False)],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Только показать, что будет добавлено; файл не менять.")] = False,
) -> None:
    """Дописать черновики мероприятий из «Конструктора» для параметров без мероприятий и обязательный мониторинг; комментарии файла сохраняются."""
    from .draft import draft_file, summary_lines

    with reporting():
        for line in summary_lines(draft_file(path, dry_run=dry_run)):
            typer.echo(line)


@init_app.command("repo")
def init_repo(
    directory: Annotated[Path, typer.Argument(help="Папка нового репозитория.", metavar="ПАПКА", show_default=False)],
    municipality: MunicipalityOption = None,
    year: YearOption = None,
    schools: SchoolsOption = None,
    name: Annotated[Optional[str], typer.Option("--name", help="Имя файла данных в data/ (по умолчанию roadmap-ГОД).", show_default=False)] = None,
    source: Annotated[str, typer.Option("--source", help="Откуда ставить neuspeh в CI и pre-commit: имя пакета, git+https://…@версия или путь к .whl.")] = "neuspeh",
    force: Annotated[bool, typer.Option("--force", help="Писать в непустую папку, перезаписывая одноимённые файлы.")] = False,
) -> None:
    """Создать репозиторий методиста: файл данных, JSON Schema, CI для GitHub и GitLab, pre-commit, README."""
    from .repo_init import init_repo as create_repo, summary_lines

    with reporting():
        municipality, year = _ask(municipality, year)
        result = create_repo(directory, municipality, year, schools_file=schools, name=name, source=source, force=force)
        for line in summary_lines(result):
            typer.echo(line)


# ---------------------------------------------------------------- school programme (issue 5)


@school_app.command("init")
def school_init(
    path: Annotated[Path, typer.Argument(help="Файл программы, который нужно создать (.yaml).", metavar="ФАЙЛ", show_default=False)],
    school: Annotated[str, typer.Option("--school", help="Идентификатор школы, как в schools дорожной карты муниципалитета: sosh5.", show_default=False)] = "",
    municipality: Annotated[str, typer.Option("--municipality", "-m", help="Муниципальное образование, как в дорожной карте: по нему программа сверяется с аудитом.", show_default=False)] = "",
    schema: Annotated[Optional[str], typer.Option("--schema", help="Путь или адрес JSON Schema для первой строки файла; по умолчанию рядом с файлом создаётся programme.schema.json.", metavar="ПУТЬ|URL", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Перезаписать существующий файл.")] = False,
) -> None:
    """Создать заготовку школьной программы профилактики учебной неуспешности (по образцу, с комментариями)."""
    from .programme_scaffold import create_programme, summary_lines

    with reporting():
        for line in summary_lines(create_programme(path, school, municipality, schema_ref=schema, force=force)):
            typer.echo(line)


def main() -> None:
    app(prog_name="neuspeh")
