"""The Excel form: `export` writes it, `import-form` reads a filled one back into the data file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ._app import _err, app, report_app, reporting, school_app


@app.command("export")
def export_command(
    path: Annotated[
        Path,
        typer.Argument(
            help="Файл данных дорожной карты или отчёта о реализации (.yaml).", show_default=False, metavar="ФАЙЛ"
        ),
    ],
    output: Annotated[
        Optional[Path],
        typer.Option(
            "--output",
            "-o",
            help="Куда записать форму (по умолчанию — рядом с файлом, с расширением .xlsx).",
            metavar="ФОРМА",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Перезаписать существующую форму.")] = False,
) -> None:
    """Выгрузить дорожную карту в форму Excel для заполнения: листы «Реквизиты», «Школы», «Раздел I»,
    «Раздел II», «Показатели» с выпадающими списками и инструкцией; отчёт о реализации — лист
    «План и факт» по мероприятиям.

    Заполненную форму переносит обратно в файл данных `neuspeh import-form`.
    Коды выхода: 0 — форма записана; 1 — в карте ошибки схемы; 2 — файл не читается.
    """
    from ..workbook import export_roadmap

    with reporting():
        target = export_roadmap(path, output or path.with_suffix(".xlsx"), force=force)
        typer.echo(f"Записана форма {target}. Заполните её и перенесите обратно: neuspeh import-form {target} {path}")


@app.command("import-form")
def import_form_command(
    form: Annotated[
        Path,
        typer.Argument(
            help="Заполненная форма (.xlsx или .ods), выгруженная `neuspeh export`.",
            show_default=False,
            metavar="ФОРМА",
        ),
    ],
    path: Annotated[
        Path,
        typer.Argument(
            help="Файл данных дорожной карты или отчёта (.yaml), который обновить.", show_default=False, metavar="ФАЙЛ"
        ),
    ],
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
            typer.echo(
                "Обратите внимание: при записи изменилось оформление некоторых строк (отступы или кавычки); данные и "
                "комментарии сохранены."
            )
        if update.written:
            typer.echo(f"Дальше: neuspeh validate {path}")


@school_app.command("sheets")
def school_sheets_command(
    path: Annotated[
        Path, typer.Argument(help="Файл данных дорожной карты (.yaml).", show_default=False, metavar="КАРТА")
    ],
    out: Annotated[
        Optional[Path],
        typer.Option(
            "--output",
            "-o",
            help="Папка для листов и форм (по умолчанию — рядом с картой, папка «школы»).",
            metavar="ПАПКА",
        ),
    ] = None,
    school: Annotated[
        Optional[list[str]],
        typer.Option("--school", help="Только эта школа (идентификатор); можно несколько раз.", show_default=False),
    ] = None,
    no_pdf: Annotated[bool, typer.Option("--no-pdf", help="Только Word, без PDF.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Перезаписать существующие листы и формы.")] = False,
) -> None:
    """Лист для каждой школы (ШНОР — первыми): одна страница Word и PDF — выявленные параметры,
    мероприятия с участием школы со сроками и местом, что школа представляет; и форма мониторинга
    (.xlsx) для заполнения школой. Заполненные формы переносит в отчёт `neuspeh report collect`.
    """
    from ..schoolsheets import write_school_sheets

    with reporting():
        result = write_school_sheets(path, out or path.parent / "школы", pdf=not no_pdf, force=force, schools=school)
        for written in result.written:
            typer.echo(f"Записан {written}")
        if result.pdf_note:
            _err(result.pdf_note)
        typer.echo(
            "Разошлите школам формы *-мониторинг.xlsx; заполненные перенесите в отчёт: neuspeh report collect "
            "ОТЧЁТ.yaml ПАПКА"
        )


@report_app.command("collect")
def report_collect_command(
    report: Annotated[Path, typer.Argument(help="Отчёт о реализации (.yaml).", show_default=False, metavar="ОТЧЁТ")],
    forms: Annotated[
        list[Path],
        typer.Argument(
            help="Заполненные формы мониторинга школ (.xlsx, .ods) или папки с ними.",
            show_default=False,
            metavar="ФОРМЫ...",
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Только показать, что будет перенесено, отчёт не менять.")
    ] = False,
) -> None:
    """Перенести заполненные школами формы мониторинга в отчёт: значения показателей по срезам
    и участие ШНОР в мероприятиях; перечислить, чего не хватает, и не переносить значения вне диапазона.

    Коды выхода: 0 — перенесено; 1 — есть значения вне диапазона или нечитаемые формы
    (остальное перенесено); 2 — файл не читается.
    """
    from ..schoolsheets.collect import collect_forms

    with reporting():
        result = collect_forms(report, forms, dry_run=dry_run)
        if result.changes:
            verb = "перенесено" if result.written else "будет перенесено (--dry-run: отчёт не изменён)"
            typer.echo(f"{report}: {verb} — {len(result.changes)}:")
            for line in result.changes:
                typer.echo(f"  {line}")
        else:
            typer.echo(f"{report}: переносить нечего — отчёт не изменён.")
        if result.notes:
            typer.echo(f"Проверьте в отчёте ({len(result.notes)}):")
            for line in result.notes.values():
                typer.echo(f"  {line}")
        if result.missing:
            typer.echo(f"Не хватает ({len(result.missing)}):")
            for line in result.missing:
                typer.echo(f"  {line}")
        for line in result.unreadable:
            _err(f"Ошибка: {line}")
        if result.refused:
            _err(f"Не перенесено ({len(result.refused)}): исправьте форму и повторите:")
            for line in result.refused:
                _err(f"  {line}")
        raise typer.Exit(1 if result.refused or result.unreadable else 0)
