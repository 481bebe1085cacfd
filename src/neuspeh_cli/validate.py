"""``validate``: read each file, check its shape, then the method's rules.

Usable without the CLI: ``validate_paths([...])`` returns every problem of
every file; nothing is raised for a bad file, it becomes a ``read-error``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import NeuspehError, ReadError
from .problems import Problem, Severity
from .reading.yamlread import YamlDocument, read_yaml_file

YAML_SUFFIXES = (".yaml", ".yml")
KINDS = ("roadmap", "programme", "report")


@dataclass
class FileReport:
    path: str
    kind: str | None = None
    model: Any = None
    linked: Any = None  # a report's roadmap and previous report (report_links.ReportLinks)
    problems: list[Problem] = field(default_factory=list)


def collect_files(paths: list[Path]) -> list[Path]:
    """Files named on the command line, and the YAML files inside named folders (hidden ones skipped)."""
    result: list[Path] = []
    for path in paths:
        if path.is_dir():
            for candidate in sorted(path.rglob("*")):
                relative = candidate.relative_to(path).parts
                if candidate.suffix in YAML_SUFFIXES and candidate.is_file() and not any(p.startswith(".") for p in relative):
                    result.append(candidate)
        else:
            result.append(path)
    return result


def detect_kind(data: Any) -> str | None:
    """roadmap / programme, by ``kind`` or by the keys present; None for a foreign YAML file."""
    if not isinstance(data, dict):
        return None
    kind = data.get("kind")
    if kind in KINDS:
        return kind
    if isinstance(data.get("roadmap"), str) and ({"period", "outcomes"} & set(data)):
        return "report"
    if "programme" in data or "tasks" in data:
        return "programme"
    if {"document", "audit", "events"} & set(data):
        return "roadmap"
    return None


def read_problem(exc: ReadError) -> Problem:
    return Problem("read-error", Severity.ERROR, exc.message, exc.path, exc.line, exc.column)


def load_model(doc: YamlDocument, kind: str) -> tuple[Any, list[Problem]]:
    """The pydantic model of a document, or the schema problems that prevent it."""
    from pydantic import ValidationError

    from .reading.schema_errors import schema_problems

    model_class = _model_class(kind)
    try:
        return model_class.model_validate(doc.data), []
    except ValidationError as exc:
        return None, schema_problems(exc, doc, model_class)


def _model_class(kind: str):
    if kind == "programme":
        from .domain.programme import Programme

        return Programme
    if kind == "report":
        from .domain.report import Report

        return Report
    from .domain.roadmap import Roadmap

    return Roadmap


def catalog_for(roadmap: Any, path: Path):
    """The bundled catalog, merged with the municipality's own when the file names one."""
    from .domain.catalog import load_catalog

    extra = (path.parent / roadmap.catalog) if getattr(roadmap, "catalog", "") else None
    return load_catalog(extra)


def validate_file(path: Path, explicit: bool = True) -> FileReport:
    """All problems of one file. ``explicit=False`` (found in a folder) skips foreign YAML files."""
    from .rules import Context, run_rules

    report = FileReport(str(path))
    try:
        doc = read_yaml_file(path)
    except ReadError as exc:
        report.problems.append(read_problem(exc))
        return report
    kind = detect_kind(doc.data)
    if kind is None:
        if not explicit:
            return report
        if not isinstance(doc.data, dict):
            found = "список" if isinstance(doc.data, list) else "одно значение"
            message = f"в начале файла должен быть словарь (kind:, document:, schools:…), а здесь {found}: начните с `neuspeh audit init`"
        else:
            message = "не похоже на файл neuspeh: нет ключей document/audit/events или programme; укажите kind: roadmap или kind: programme"
        report.problems.append(Problem("schema", Severity.ERROR, message, doc.path, 1, 1))
        return report
    report.kind = kind
    model, problems = load_model(doc, kind)
    report.problems.extend(problems)
    if model is None:
        return report
    report.model = model
    try:
        catalog = catalog_for(model, path) if kind == "roadmap" else None
    except NeuspehError as exc:
        report.problems.append(Problem("read-error", Severity.ERROR, str(exc), doc.path, 1, 1))
        return report
    if kind == "report":
        from .report_links import link_report

        report.linked = link_report(model, path)
        catalog = report.linked.catalog
    report.problems.extend(run_rules(Context(model, doc, catalog, linked=report.linked), kind))
    report.problems.sort(key=lambda p: (p.line, p.column))
    return report


def validate_paths(paths: list[Path]) -> list[FileReport]:
    from .links import link_problems

    explicit = {p for p in paths if not p.is_dir()}
    reports = []
    for path in collect_files(paths):
        report = validate_file(path, explicit=path in explicit)
        if report.kind is not None or report.problems:
            reports.append(report)
    link_problems(reports)
    return reports
