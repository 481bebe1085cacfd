"""The Excel form: `export` writes it, `import-form` reads a filled one back into the data file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ._app import _err, app, reporting


@app.command("export")
def export_command(
    path: Annotated[Path, typer.Argument(help="Файл данных дорожной карты (.yaml).", show_default=False, metavar="КАРТА")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Куда записать форму (по умолчанию — рядом с картой, с расширением .xlsx).", metavar="ФАЙЛ")] = None,
    force: Annotated[bool, typer.Option("--force", help="Перезаписать существующую форму.")] = False,
) -> None:
    """Выгрузить дорожную карту в форму Excel для заполнения: листы «Реквизиты», «Школы», «Раздел I»,
    «Раздел II», «Показатели» с выпадающими списками и инструкцией.

    Заполненную форму переносит обратно в файл данных `neuspeh import-form`.
    Коды выхода: 0 — форма записана; 1 — в карте ошибки схемы; 2 — файл не читается.
    """
    from ..workbook import export_roadmap

    with reporting():
        target = export_roadmap(path, output or path.with_suffix(".xlsx"), force=force)
        typer.echo(f"Записана форма {target}. Заполните её и перенесите обратно: neuspeh import-form {target} {path}")


@app.command("import-form")
def import_form_command(
    form: Annotated[Path, typer.Argument(help="Заполненная форма (.xlsx или .ods), выгруженная `neuspeh export`.", show_default=False, metavar="ФОРМА")],
    path: Annotated[Path, typer.Argument(help="Файл данных дорожной карты (.yaml), который обновить.", show_default=False, metavar="КАРТА")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Только показать изменения, файл не менять.")] = False,
) -> None:
    """Перенести заполненную форму Excel в файл данных: изменить только то, что изменилось в форме,
    сохранив комментарии файла, и перечислить изменения.

    Коды выхода: 0 — перенесено (или нечего переносить); 1 — ячейки формы не читаются
    (список — в выводе; файл не изменён); 2 — файл не читается.
    """
    from ..workbook import FormError, update_from_form

    with reporting():
        try:
            update = update_from_form(form, path, dry_run=dry_run)
        except FormError as exc:
            _err(f"Ошибка: {exc}")
            for line in exc.problems:
                _err(f"  {line}")
            raise typer.Exit(exc.exit_code) from None
        for note in update.notes:
            typer.echo(note)
        if not update.changes:
            typer.echo(f"{path}: в форме нет изменений — файл не изменён.")
            return
        verb = "изменено" if update.written else "будет изменено (--dry-run: файл не изменён)"
        typer.echo(f"{path}: {verb} — {len(update.changes)}:")
        for line in update.changes:
            typer.echo(f"  {line}")
        if update.reformatted and update.written:
            typer.echo("Обратите внимание: при записи изменилось оформление некоторых строк (отступы или кавычки); данные и комментарии сохранены.")
        if update.written:
            typer.echo(f"Дальше: neuspeh validate {path}")
