"""Commands of the implementation report: report init."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ._app import report_app, reporting


@report_app.command("init")
def report_init(
    roadmap: Annotated[
        Path,
        typer.Argument(
            help="Файл дорожной карты (.yaml), о реализации которой отчёт.",
            metavar="ДОРОЖНАЯ_КАРТА",
            show_default=False,
        ),
    ],
    output: Annotated[
        Optional[Path],
        typer.Option(
            "--output",
            "-o",
            help="Файл отчёта (по умолчанию рядом с картой: ИМЯ-report.yaml).",
            metavar="ОТЧЁТ",
            show_default=False,
        ),
    ] = None,
    period: Annotated[
        Optional[str],
        typer.Option(
            "--period",
            help="Отчётный период: «2025», «I полугодие 2025», «сентябрь 2025 – май 2026», «2025/2026 учебный год» "
            "или «I полугодие 2025/2026 учебного года»; по умолчанию — срок карты.",
            metavar="ПЕРИОД",
            show_default=False,
        ),
    ] = None,
    schema: Annotated[
        Optional[str],
        typer.Option(
            "--schema",
            help="Путь или адрес JSON Schema для первой строки нового отчёта; по умолчанию рядом с ним создаётся "
            "report.schema.json.",
            metavar="ПУТЬ|URL",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Создать отчёт о реализации дорожной карты или дописать в него новое из изменившейся карты (заполненное не
    трогается).
    """
    from ..report_scaffold import init_report, summary_lines

    with reporting():
        for line in summary_lines(init_report(roadmap, output, period, schema_ref=schema)):
            typer.echo(line)
