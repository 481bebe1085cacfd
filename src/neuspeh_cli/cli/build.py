"""The build command: data files to Word and PDF."""

from __future__ import annotations

import time
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import NeuspehError
from ._app import _err, app, reporting


class PdfEngine(str, Enum):
    auto = "auto"
    word = "word"
    libreoffice = "libreoffice"


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="Файлы данных (.yaml).", show_default=False, metavar="ФАЙЛ...")],
    out: Annotated[
        Optional[Path],
        typer.Option(
            "--output", "-o", help="Папка для .docx и .pdf (по умолчанию — рядом с файлом данных).", metavar="ПАПКА"
        ),
    ] = None,
    template: Annotated[
        Optional[Path], typer.Option("--template", help="Свой шаблон Word (.docx) вместо встроенного.", metavar="ФАЙЛ")
    ] = None,
    with_measures: Annotated[
        bool,
        typer.Option(
            "--with-measures",
            help="Добавить приложение: рекомендуемые меры «Конструктора» по каждому выявленному параметру.",
        ),
    ] = False,
    calendar: Annotated[
        Optional[bool],
        typer.Option(
            "--calendar/--no-calendar",
            help="Приложение «Календарь мероприятий»: по месяцам, с нагрузкой на ШНОР и перегруженными месяцами; в "
            "отчёте — план и факт. По умолчанию оно есть в отчёте и нет в дорожной карте; --no-calendar убирает его "
            "из отчёта, --calendar добавляет к карте.",
            show_default=False,
        ),
    ] = None,
    pdf_engine: Annotated[
        PdfEngine, typer.Option("--pdf-engine", help="Чем делать PDF: auto — Word, если установлен, иначе LibreOffice.")
    ] = PdfEngine.auto,
    no_pdf: Annotated[bool, typer.Option("--no-pdf", help="Только Word, без PDF.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Собрать, даже если проверка нашла ошибки.")] = False,
    no_pdfa: Annotated[
        bool,
        typer.Option("--no-pdfa", help="Обычный PDF вместо PDF/A-2b (PDF/A — для сдачи в архив и делопроизводство)."),
    ] = False,
    watch: Annotated[
        bool,
        typer.Option(
            "--watch",
            "-w",
            help="Следить за файлами и пересобирать Word и PDF при каждом сохранении (LibreOffice остаётся "
            "запущенным); остановить — Ctrl+C.",
        ),
    ] = False,
) -> None:
    """Собрать документы в Word и PDF: дорожную карту, школьную программу, отчёт о реализации карты. Вид документа
    узнаётся по самому файлу; к карте по желанию — приложения мер и календаря. Файлы проверяются так же, как в `neuspeh
    validate`.
    """
    from ..build import BuildOptions, build_files, print_report

    # A plain command line does not come here: ``__main__`` builds without click (``plain_build``).
    with reporting():
        options = BuildOptions(
            out_dir=out,
            template=template,
            with_measures=with_measures,
            calendar=calendar,
            pdf_engine="none" if no_pdf else pdf_engine.value,
            force=force,
            pdfa=not no_pdfa,
        )
        if watch:
            _watch(paths, options)
        report = build_files(paths, options)
        raise typer.Exit(print_report(report, paths))


def _watch(paths, options) -> None:
    """Build now and on every save until Ctrl-C; a bad save is reported and watching goes on."""
    from ..watch import watch

    def changed(files):
        names = ", ".join(str(p) for p in files)
        _err(f"{time.strftime('%H:%M:%S')} изменён {names}: пересобираю")

    def report(result):
        from ..build import print_report

        try:
            print_report(result, paths)
        except NeuspehError as exc:
            _err(f"Ошибка: {exc}")

    _err("Слежу за файлами; остановить — Ctrl+C.")
    try:
        watch(paths, options, on_report=report, on_error=lambda exc: _err(f"Ошибка: {exc}"), on_change=changed)
    except KeyboardInterrupt:
        _err("Слежение остановлено.")
    raise typer.Exit(0)
