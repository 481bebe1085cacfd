"""The review command: every municipality's files of a region at once."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from ._app import _err, app, reporting
from .build import PdfEngine


@app.command()
def review(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Папки (и файлы) муниципалитетов: дорожные карты, школьные программы; вложенность любая.",
            show_default=False,
            metavar="ПАПКА...",
        ),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Папка для свода (.xlsx, .html), экспертных листов и аналитической справки (.docx, .pdf).",
            metavar="ПАПКА",
        ),
    ],
    expected: Annotated[
        Optional[Path],
        typer.Option(
            "--expected",
            help="Перечень муниципальных образований, которые должны представить карту (по одному в строке): кто не "
            "представил — в своде.",
            metavar="ФАЙЛ",
        ),
    ] = None,
    formats: Annotated[
        str, typer.Option("--format", "-f", help="Что сделать, через запятую: xlsx, html, docx, pdf.", metavar="СПИСОК")
    ] = "xlsx,html,docx,pdf",
    no_pdf: Annotated[bool, typer.Option("--no-pdf", help="Без PDF (только Word).")] = False,
    pdf_engine: Annotated[
        PdfEngine, typer.Option("--pdf-engine", help="Чем делать PDF: auto — Word, если установлен, иначе LibreOffice.")
    ] = PdfEngine.auto,
    jobs: Annotated[
        Optional[int],
        typer.Option(
            "--jobs", "-j", help="Сколько процессов проверяют файлы (по умолчанию — по числу ядер).", metavar="ЧИСЛО"
        ),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Проверить все файлы заново, не используя результаты прошлой экспертизы.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Перезаписать свод и документы прошлой экспертизы в этой папке.")
    ] = False,
    split_sheets: Annotated[
        bool,
        typer.Option(
            "--split-sheets",
            help="Ещё и экспертный лист каждого муниципалитета отдельным файлом (папка «экспертные-листы»), чтобы "
            "отправить его муниципалитету.",
        ),
    ] = False,
    institute: Annotated[
        str,
        typer.Option(
            "--institute",
            help="Учреждение для бланка аналитической справки («ГБОУ ИРО Краснодарского края»).",
            metavar="ТЕКСТ",
        ),
    ] = "",
    position: Annotated[
        str, typer.Option("--position", help="Должность того, кто подписывает справку.", metavar="ТЕКСТ")
    ] = "",
    signatory: Annotated[
        str, typer.Option("--signatory", help="Инициалы и фамилия того, кто подписывает справку.", metavar="ТЕКСТ")
    ] = "",
    date: Annotated[
        str,
        typer.Option("--date", help="Дата справки («15.05.2025»); без неё — строка для даты от руки.", metavar="ДАТА"),
    ] = "",
) -> None:
    """Экспертиза дорожных карт региона: экспертный лист по каждому муниципалитету и свод по региону (Excel, HTML, Word,
    PDF).
    """
    from ..review import Letterhead, ReviewOptions, run_review
    from ..review.summary import STATUS_ORDER, STATUS_TITLES

    with reporting():
        if jobs is not None and jobs < 1:
            from ..errors import UsageError

            raise UsageError("--jobs: укажите число процессов от 1")
        chosen = tuple(f.strip().lower() for f in formats.split(",") if f.strip())
        if no_pdf:
            chosen = tuple(f for f in chosen if f != "pdf")
        options = ReviewOptions(
            out_dir=out,
            expected=expected,
            formats=chosen,
            jobs=jobs,
            cache=not no_cache,
            force=force,
            pdf_engine=pdf_engine.value,
            split_sheets=split_sheets,
            letterhead=Letterhead(institute.strip(), position.strip(), signatory.strip(), date.strip()),
            freeze_at_end=True,
        )
        with _progress() as progress:
            result = run_review(paths, options, progress=progress)
        region = result.region
        counts = region.status_counts()
        states = ", ".join(f"{STATUS_TITLES[s]} — {counts.get(s, 0)}" for s in STATUS_ORDER)
        typer.echo(f"Муниципальных образований: {len(region.municipalities)} (дорожная карта: {states}).")
        typer.echo(
            f"Файлов: {len(region.files)} (проверено — {result.loaded}, из результатов прошлой экспертизы — "
            f"{result.reused})."
        )
        for path in result.written:
            typer.echo(f"Записано: {path}")
        for note in result.notes:
            _err(f"Предупреждение: {note}")


class _progress:
    """A progress bar on a terminal (stderr); nothing when output goes to a file or a pipe."""

    def __enter__(self):
        self.bar = None
        if not sys.stderr.isatty():
            return None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.bar.start()
        self.task = self.bar.add_task("Проверка файлов", total=None)
        return self.update

    def update(self, done: int, total: int) -> None:
        # Once every file is checked, what remains is writing the outputs: say so rather than sit at 100 %.
        self.bar.update(
            self.task,
            completed=done,
            total=total,
            description="Проверка файлов" if done < total else "Запись свода и документов",
        )

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()
