"""A report's links: the roadmap it reports on and the previous period's report, loaded beside it.

Never raises for a bad linked file: what went wrong becomes a Russian sentence
the rule ``report-roadmap`` (or ``report-previous``) reports at the key that
names the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class ReportLinks:
    roadmap_path: Path | None = None
    roadmap: Any = None  # domain.roadmap.Roadmap
    catalog: Any = None
    roadmap_problem: str = ""
    previous_path: Path | None = None
    previous: Any = None  # domain.report.Report
    previous_problem: str = ""


def _load(path: Path, kind: str, title: str) -> tuple[Any, str]:
    """(model, "") or (None, why not) for a linked file."""
    from .errors import ReadError
    from .reading.yamlread import read_yaml_file
    from .validate import detect_kind, load_model

    try:
        doc = read_yaml_file(path)
    except ReadError as exc:
        return None, f"{title} {path} не читается: {exc.message}"
    found = detect_kind(doc.data)
    if found != kind:
        what = {"roadmap": "дорожная карта", "programme": "школьная программа", "report": "отчёт"}.get(found or "", "не файл neuspeh")
        return None, f"{path} — это {what}, а нужен файл вида kind: {kind} ({title})"
    model, problems = load_model(doc, kind)
    if model is None:
        first = problems[0]
        verb, it = ("не прошла", "её") if kind == "roadmap" else ("не прошёл", "его")
        return None, f"{title} {path} {verb} проверку схемы ({first.where}: {first.message}): исправьте {it} (`neuspeh validate {path}`)"
    return model, ""


def link_report(report: Any, path: Path) -> ReportLinks:
    from .errors import NeuspehError
    from .validate import catalog_for

    links = ReportLinks()
    here = Path(path).parent
    if not report.roadmap.strip():
        links.roadmap_problem = "не указан файл дорожной карты: roadmap — путь к нему относительно отчёта"
    else:
        links.roadmap_path = here / report.roadmap
        if links.roadmap_path.resolve() == Path(path).resolve():
            links.roadmap_problem = "roadmap указывает на сам отчёт: укажите файл дорожной карты"
        else:
            links.roadmap, links.roadmap_problem = _load(links.roadmap_path, "roadmap", "дорожная карта")
        if links.roadmap is not None:
            try:
                links.catalog = catalog_for(links.roadmap, links.roadmap_path)
            except NeuspehError as exc:
                links.roadmap, links.roadmap_problem = None, f"каталог дорожной карты {links.roadmap_path} не читается: {exc}"
    if report.previous.strip():
        links.previous_path = here / report.previous
        if links.previous_path.resolve() == Path(path).resolve():
            links.previous_problem = "previous указывает на сам отчёт: укажите отчёт за предыдущий период"
        else:
            links.previous, links.previous_problem = _load(links.previous_path, "report", "отчёт")
    return links
