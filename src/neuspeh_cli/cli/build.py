"""The build command: data files to Word and PDF."""

from __future__ import annotations

import sys
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
            "отчёте — план и факт. По умолчанию оно есть в отчёте и нет в дорожной карте; --calendar добавляет его "
            "к карте, --no-calendar убирает из отчёта.",
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
    from ..build import BuildOptions, build_files

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
        raise typer.Exit(_print_report(report, paths))


def _print_report(report, paths) -> int:
    """Print what was built and why anything was not; the exit code."""
    from ..problems import exit_code
    from ..report import Listing, print_text

    if not report.results:
        from ..errors import UsageError

        raise UsageError("не найдено ни одного файла данных (.yaml) в: " + ", ".join(str(p) for p in paths))
    unreadable = report.unreadable
    if unreadable:
        _err("Не прочитано (исправьте файл; --force здесь не поможет):")
        print_text([Listing(r.document.name, r.document.errors) for r in unreadable], sys.stderr, summary=False)
    refused = [r for r in report.refused if not r.unreadable]
    if refused:
        _err("Не собрано: в файлах есть ошибки или неоконченные черновики (исправьте их или добавьте --force):")
        print_text([Listing(r.document.name, r.blocking) for r in refused], sys.stderr, summary=False)
    if report.forced:
        _err("Собрано с --force, несмотря на:")
        print_text([Listing(r.document.name, r.blocking) for r in report.forced], sys.stderr, summary=False)
    warned = [r for r in report.results if r.docx is not None and r.warnings]
    if warned:
        _err("Предупреждения:")
        print_text([Listing(r.document.name, r.warnings) for r in warned], sys.stderr, summary=False)
    for result in report.results:
        for path in (result.docx, result.pdf):
            if path is not None:
                typer.echo(f"Записан {path}")
    if report.pdf_note:
        _err(report.pdf_note)
    code = exit_code([p for r in report.results for p in r.problems])
    return code if code in (2, 3) else 1 if report.refused else 0


def _watch(paths, options) -> None:
    """Build now and on every save until Ctrl-C; a bad save is reported and watching goes on."""
    from ..watch import watch

    def changed(files):
        names = ", ".join(str(p) for p in files)
        _err(f"{time.strftime('%H:%M:%S')} изменён {names}: пересобираю")

    def report(result):
        try:
            _print_report(result, paths)
        except NeuspehError as exc:
            _err(f"Ошибка: {exc}")

    _err("Слежу за файлами; остановить — Ctrl+C.")
    try:
        watch(paths, options, on_report=report, on_error=lambda exc: _err(f"Ошибка: {exc}"), on_change=changed)
    except KeyboardInterrupt:
        _err("Слежение остановлено.")
    raise typer.Exit(0)
