"""The build command: data files to Word and PDF."""

from __future__ import annotations

import sys
import time
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ._app import _err, app, reporting


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
    no_pdfa: Annotated[bool, typer.Option("--no-pdfa", help="Обычный PDF вместо PDF/A-2b (PDF/A — для сдачи в архив и делопроизводство).")] = False,
    watch: Annotated[
        bool, typer.Option("--watch", "-w", help="Следить за файлами и пересобирать Word и PDF при каждом сохранении (LibreOffice остаётся запущенным); остановить — Ctrl+C.")
    ] = False,
) -> None:
    """Собрать дорожную карту (или школьную программу) в Word и PDF."""
    from ..build import BuildOptions, build_files

    with reporting():
        options = BuildOptions(out_dir=out, template=template, with_measures=with_measures, pdf_engine="none" if no_pdf else pdf_engine.value, force=force, pdfa=not no_pdfa)
        if watch:
            _watch(paths, options)
        report = build_files(paths, options)
        raise typer.Exit(_print_report(report))


def _print_report(report) -> int:
    from ..report import print_text

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
    return 1 if refused else 0


def _watch(paths, options) -> None:
    from ..watch import watch

    def changed(files):
        names = ", ".join(str(p) for p in files)
        _err(f"{time.strftime('%H:%M:%S')} изменён {names}: пересобираю")

    _err("Слежу за файлами; остановить — Ctrl+C.")
    try:
        watch(paths, options, on_report=_print_report, on_error=lambda exc: _err(f"Ошибка: {exc}"), on_change=changed)
    except KeyboardInterrupt:
        _err("Слежение остановлено.")
    raise typer.Exit(0)


def _as_report(result):
    from ..validate import FileReport

    return FileReport(str(result.source), problems=[p for p in result.problems])
