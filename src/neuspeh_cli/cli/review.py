"""The review command: every municipality's files of a region at once."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from ._app import _err, app, reporting
from .build import PdfEngine

# The options, declared once here so that the command itself reads as what it does.
Paths = Annotated[
    list[Path],
    typer.Argument(
        help="Папки (и файлы) муниципалитетов: дорожные карты, школьные программы; вложенность любая.",
        show_default=False,
        metavar="ПАПКА...",
    ),
]
Output = Annotated[
    Path,
    typer.Option(
        "--output",
        "-o",
        help="Папка для свода (.xlsx, .html), экспертных листов и аналитической справки (.docx, .pdf).",
        metavar="ПАПКА",
    ),
]
Expected = Annotated[
    Optional[Path],
    typer.Option(
        "--expected",
        help="Перечень муниципальных образований, которые должны представить карту (по одному в строке): кто не "
        "представил — в своде.",
        metavar="ФАЙЛ",
    ),
]
Formats = Annotated[
    str, typer.Option("--format", "-f", help="Что сделать, через запятую: xlsx, html, docx, pdf.", metavar="СПИСОК")
]
NoPdf = Annotated[bool, typer.Option("--no-pdf", help="Без PDF (только Word).")]
Engine = Annotated[
    PdfEngine, typer.Option("--pdf-engine", help="Чем делать PDF: auto — Word, если установлен, иначе LibreOffice.")
]
Jobs = Annotated[
    Optional[int],
    typer.Option(
        "--jobs", "-j", help="Сколько процессов проверяют файлы (по умолчанию — по числу ядер).", metavar="ЧИСЛО"
    ),
]
NoCache = Annotated[
    bool, typer.Option("--no-cache", help="Проверить все файлы заново, не используя результаты прошлой экспертизы.")
]
Force = Annotated[bool, typer.Option("--force", help="Перезаписать свод и документы прошлой экспертизы в этой папке.")]
SplitSheets = Annotated[
    bool,
    typer.Option(
        "--split-sheets",
        help="Ещё и экспертный лист каждого муниципалитета отдельным файлом (папка «экспертные-листы»), чтобы "
        "отправить его муниципалитету.",
    ),
]
Institute = Annotated[
    str,
    typer.Option(
        "--institute",
        help="Учреждение для бланка аналитической справки («ГБОУ ИРО Краснодарского края»).",
        metavar="ТЕКСТ",
    ),
]
Position = Annotated[str, typer.Option("--position", help="Должность того, кто подписывает справку.", metavar="ТЕКСТ")]
Signatory = Annotated[
    str, typer.Option("--signatory", help="Инициалы и фамилия того, кто подписывает справку.", metavar="ТЕКСТ")
]
Date = Annotated[
    str,
    typer.Option("--date", help="Дата справки («15.05.2025»); без неё — строка для даты от руки.", metavar="ДАТА"),
]


@app.command()
def review(
    paths: Paths,
    out: Output,
    expected: Expected = None,
    formats: Formats = "xlsx,html,docx,pdf",
    no_pdf: NoPdf = False,
    pdf_engine: Engine = PdfEngine.auto,
    jobs: Jobs = None,
    no_cache: NoCache = False,
    force: Force = False,
    split_sheets: SplitSheets = False,
    institute: Institute = "",
    position: Position = "",
    signatory: Signatory = "",
    date: Date = "",
) -> None:
    """Экспертиза дорожных карт региона: экспертный лист по каждому муниципалитету и свод по региону (Excel, HTML, Word,
    PDF).
    """
    from ..review import Letterhead, ReviewOptions, run_review

    with reporting():
        if jobs is not None and jobs < 1:
            from ..errors import UsageError

            raise UsageError("--jobs: укажите число процессов от 1")
        chosen = tuple(f.strip().lower() for f in formats.split(",") if f.strip())
        options = ReviewOptions(
            out_dir=out,
            expected=expected,
            formats=tuple(f for f in chosen if f != "pdf") if no_pdf else chosen,
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
        _report(result)


def _report(result) -> None:
    """What the review found and wrote, on stdout; what it could not make, on stderr."""
    from ..review.summary import STATUS_ORDER, STATUS_TITLES

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

    def update(self, done: int, total: int, stage: str | None = None) -> None:
        # Once every file is checked, what remains is writing the outputs: say so rather than sit at 100 %.
        if stage == "PDF":
            description = "PDF экспертных листов и справки"
        else:
            description = "Проверка файлов" if done < total else "Запись свода и документов"
        self.bar.update(self.task, completed=done, total=total, description=description)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()
