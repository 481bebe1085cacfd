"""Printing validation results: text (rich, grouped by file), json, github annotations."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO

from .problems import Problem, Severity


@dataclass
class Listing:
    """Problems to print under a file's name (a build's refusals, what --force ignored)."""

    name: str
    problems: list[Problem]


def counts(problems: Iterable[Problem]) -> dict[Severity, int]:
    result = {s: 0 for s in Severity}
    for p in problems:
        result[p.severity] += 1
    return result


def _plural(n: int, one: str, few: str, many: str) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def summary_line(reports: list, problems: list[Problem]) -> str:
    c = counts(problems)
    files = len(reports)
    parts = [
        f"{files} {_plural(files, 'файл', 'файла', 'файлов')}",
        f"{c[Severity.ERROR]} {_plural(c[Severity.ERROR], 'ошибка', 'ошибки', 'ошибок')}",
        f"{c[Severity.WARNING]} {_plural(c[Severity.WARNING], 'предупреждение', 'предупреждения', 'предупреждений')}",
        f"{c[Severity.INFO]} {_plural(c[Severity.INFO], 'замечание', 'замечания', 'замечаний')}",
    ]
    return "Проверено: " + ", ".join(parts) + "."


_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}

Segment = tuple[str, str | None]  # text and its rich style


def _lines(reports: list, show_info: bool, summary: bool = True) -> list[list[Segment]]:
    lines: list[list[Segment]] = []
    all_problems = []
    for report in reports:
        problems = [p for p in report.problems if show_info or p.severity is not Severity.INFO]
        all_problems.extend(report.problems)
        if not problems:
            lines.append([(report.name, "bold"), (": ", None), ("замечаний нет", "green")])
            continue
        lines.append([(report.name, "bold")])
        for p in problems:
            lines.append(
                [
                    (f"  {p.where}: ", None),
                    (p.severity.label, _STYLE[p.severity]),
                    (f" {p.message} ", None),
                    (f"[{p.rule}]", "dim"),
                ]
            )
    if summary:
        lines.append([(summary_line(reports, all_problems), None)])
    return lines


def print_text(
    reports: list, out: TextIO, color: bool | None = None, show_info: bool = True, summary: bool = True
) -> None:
    """Grouped by file; colours only on a terminal (rich is not even imported otherwise)."""
    lines = _lines(reports, show_info, summary)
    use_color = (
        color
        if color is not None
        else (hasattr(out, "isatty") and out.isatty() and "NO_COLOR" not in __import__("os").environ)
    )
    if not use_color:
        out.write("".join("".join(text for text, _ in line) + "\n" for line in lines))
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, highlight=False, soft_wrap=True)
    for line in lines:
        console.print(Text.assemble(*[(text, style or "") for text, style in line]))


def print_json(reports: list, out: TextIO) -> None:
    problems = [p for r in reports for p in r.problems]
    c = counts(problems)
    data = {
        "files": [{"path": r.name, "kind": r.kind, "problems": [p.as_dict() for p in r.problems]} for r in reports],
        "summary": {
            "files": len(reports),
            "errors": c[Severity.ERROR],
            "warnings": c[Severity.WARNING],
            "info": c[Severity.INFO],
        },
    }
    out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _escape_github(text: str, property: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def print_github(reports: list, out: TextIO) -> None:
    """Workflow commands: GitHub marks each problem on its line of the pull request."""
    problems = [p for r in reports for p in r.problems]
    for p in problems:
        props = f"file={_escape_github(p.path, True)},line={p.line},col={p.column},title={_escape_github(p.rule, True)}"
        out.write(f"::{_GITHUB_LEVEL[p.severity]} {props}::{_escape_github(p.message)}\n")
    out.write(summary_line(reports, problems) + "\n")
