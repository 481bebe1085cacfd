"""Commands that check and describe: validate, catalog, rules, schema."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..kinds import KINDS
from ._app import app, reporting


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


@app.command()
def validate(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Файлы данных (.yaml) или папки с ними.", show_default=False, metavar="ФАЙЛ|ПАПКА..."),
    ],
    format: Annotated[
        OutputFormat,
        typer.Option(
            "--format", "-f", help="Вывод: text — для человека, json — для программ, github — аннотации GitHub Actions."
        ),
    ] = OutputFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Считать предупреждения ошибками (код выхода 1).")] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Не показывать замечания, только ошибки и предупреждения.")
    ] = False,
) -> None:
    """Проверить файлы данных по методике: все ошибки и предупреждения с файлом, строкой и столбцом."""
    from ..validate import run

    # A plain command line does not come here: ``__main__`` runs ``validate.run`` without click (PLAIN_FLAGS).
    with reporting():
        raise typer.Exit(run(paths, format.value, strict, quiet, sys.stdout))


class CatalogFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
def catalog(
    format: Annotated[
        CatalogFormat, typer.Option("--format", "-f", help="text — таблица в терминале, json — для программ.")
    ] = CatalogFormat.text,
    measures: Annotated[
        bool, typer.Option("--measures", help="Показать и рекомендуемые меры на уровне муниципалитета и ОО.")
    ] = False,
    extra: Annotated[
        Optional[Path], typer.Option("--catalog", help="Свой каталог муниципалитета, дополняющий встроенный.")
    ] = None,
) -> None:
    """Показать каталог факторов риска («Конструктор»): факторы, параметры и их идентификаторы."""
    from ..catalog_view import catalog_json, print_catalog
    from ..domain.catalog import load_catalog

    with reporting():
        cat = load_catalog(extra)
        if format is CatalogFormat.json:
            typer.echo(catalog_json(cat))
        else:
            print_catalog(cat, sys.stdout, measures=measures)


@app.command()
def rules() -> None:
    """Перечислить правила проверки: идентификатор, важность, что проверяется."""
    from ..rules import all_rules

    for rule in all_rules():
        typer.echo(f"{rule.id:32} {rule.severity.label:15} {rule.summary}")


# The choices come from the registry of kinds: a new kind of document needs no change here.
SchemaKind = Enum("SchemaKind", {name: name for name in KINDS}, type=str)
_KIND_HELP = ", ".join(f"{k.name} — {k.title}" for k in KINDS.values())


@app.command()
def schema(
    kind: Annotated[SchemaKind, typer.Option("--kind", help=f"Вид файла: {_KIND_HELP}.")] = SchemaKind["roadmap"],
) -> None:
    """Вывести JSON Schema файла данных (для подсказок и проверки в редакторе)."""
    from ..jsonschema import schema_text

    typer.echo(schema_text(kind.value), nl=False)
