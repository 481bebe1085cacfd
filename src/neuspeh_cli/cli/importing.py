"""The import command: a roadmap in Word or Excel → a data file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ._app import _err, app, reporting


@app.command("import")
def import_command(
    path: Annotated[
        Path,
        typer.Argument(
            help="Дорожная карта в Word (.docx, .doc, .odt) или Excel (.xlsx, .xls, .ods).",
            show_default=False,
            metavar="ФАЙЛ",
        ),
    ],
    output: Annotated[
        Optional[Path],
        typer.Option(
            "--output",
            "-o",
            help="Куда записать файл данных (по умолчанию — рядом с документом, с расширением .yaml).",
            metavar="ФАЙЛ",
        ),
    ] = None,
    catalog: Annotated[
        Optional[Path],
        typer.Option(
            "--catalog", help="Свой каталог факторов муниципалитета (.yaml) в дополнение к встроенному.", metavar="ФАЙЛ"
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Перезаписать существующий файл данных.")] = False,
) -> None:
    """Перенести дорожную карту из Word или Excel в файл данных и сказать, что не удалось разместить.

    Коды выхода: 0 — перенесено всё; 1 — часть текста не размещена (список — в выводе);
    2 — файл не читается или это не дорожная карта.
    """
    from ..importing import default_output, import_file, write_result
    from ..outputs import refuse_overwrite

    with reporting():
        target = output or default_output(path)
        refuse_overwrite(target, force)
        from ..workbook import create_from_form, is_form

        if is_form(path):
            # The tool's own Excel form: its sheets say exactly what goes where.
            update = create_from_form(path, target, force=force)
            typer.echo(
                f"Записан {target} из формы neuspeh: {len(update.changes)} записей. Дальше: neuspeh validate {target}"
            )
            return
        result = import_file(path, catalog_path=catalog)
        write_result(result, target, force=force)
        for line in result.summary_lines(target):
            typer.echo(line)
        if result.unplaced:
            _err(f"Не размещено ({len(result.unplaced)}) — перенесите вручную или поправьте документ и повторите:")
            for item in result.unplaced:
                _err(f"  {item.describe()}")
        typer.echo(f"Дальше: neuspeh validate {target}")
        raise typer.Exit(1 if result.unplaced else 0)
