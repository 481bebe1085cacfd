"""Filled school forms → the report: indicator values of each monitoring round, ШНОР participation in events.

The report file is edited in place with ruamel.yaml (its comments stay). A
figure out of range (a share over 100 %, a negative count, text) is refused and
listed with its cell; what is missing (a school without a form, an empty cell
of a round inside the report's period) is listed too. Figures already in the
report are replaced only by a different figure from a form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import NeuspehError
from .form import SchoolForm, SchoolFormError, percent, read_school_form


class CollectError(NeuspehError):
    exit_code = 1


@dataclass
class CollectResult:
    path: Path
    changes: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # event id → what to check in the report after the figures
    written: bool = False


def form_files(paths: list[Path]) -> list[Path]:
    found = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found += sorted(p for p in path.glob("*.xlsx") if not p.name.startswith((".", "~$")))
            found += sorted(p for p in path.glob("*.ods") if not p.name.startswith("."))
        else:
            found.append(path)
    return found


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip().replace(",", ".").replace("\u00a0", "").replace(" ", "").rstrip("%")
    try:
        return float(text)
    except ValueError:
        return None


def _plain(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def collect_forms(report_path: Path, paths: list[Path], dry_run: bool = False) -> CollectResult:
    """Put the forms at ``paths`` (files or folders) into the report at ``report_path``."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from ..document import read_document
    from ..domain.dates import parse_dates
    from ..domain.report import linked_path
    from ..domain.structure import school_short_names
    from ..outputs import write_atomic
    from ..workbook.read import cell_text
    from ..yaml_edit import EditError, open_for_edit
    from . import load_roadmap
    from .facts import school_views

    report_path = Path(report_path)
    document = read_document(report_path)
    if document.kind != "report" or document.model is None:
        first = document.problems[0].message if document.problems else "это не отчёт о реализации (kind: report)"
        raise CollectError(f"{report_path}: {first}")
    report = document.model
    loaded = load_roadmap(linked_path(report_path, report.roadmap))
    roadmap = loaded.model
    views = {v.school.id: v for v in school_views(roadmap, loaded.catalog)}
    short = school_short_names(roadmap)
    indicators = {q.id: q for q in roadmap.monitoring.quality_indicators if q.id}
    period = (report.period.first, report.period.last)
    result = CollectResult(report_path)

    forms: dict[str, SchoolForm] = {}
    for path in form_files(paths):
        try:
            form = read_school_form(path)
        except (SchoolFormError, NeuspehError) as exc:
            result.unreadable.append(str(exc))
            continue
        if form.school not in views:
            result.unreadable.append(f"{path}: школы «{form.school}» нет в дорожной карте {report.roadmap}")
            continue
        forms[form.school] = form
    for school_id in views:
        if school_id not in forms:
            result.missing.append(f"нет формы: {short[school_id]} ({school_id})")

    try:
        edit = open_for_edit(document.source.text, document.source)
    except EditError as exc:
        raise CollectError(f"{report_path}: {exc}") from None
    data = edit.data

    def month_of(text: str) -> tuple[int, int] | None:
        months = parse_dates(text).months(roadmap.document.span)
        return months[0] if len(months) == 1 else None

    rounds = data.get("monitoring")
    for school_id, form in forms.items():
        name = short[school_id]
        for round_name, figures in form.values.items():
            month = month_of(round_name)
            if month is None or not (period[0] <= month <= period[1]):
                continue  # a round of another report period
            for indicator_id, figure in figures.items():
                indicator = indicators.get(indicator_id)
                if indicator is None:
                    continue
                if figure.value is None:
                    result.missing.append(f"не заполнено: {name}, {round_name}, {indicator_id} — {figure.where}")
                    continue
                value = _number(figure.value)
                if value is None or value < 0 or (percent(indicator.unit) and value > 100):
                    allowed = "доля — от 0 до 100" if percent(indicator.unit) else "число не меньше 0"
                    result.refused.append(f"{figure.where}: «{cell_text(figure.value)}» — {allowed}; значение не перенесено ({name}, {round_name}, {indicator_id})")
                    continue
                if not isinstance(rounds, CommentedSeq):
                    rounds = CommentedSeq()
                    data["monitoring"] = rounds
                entry = next((r for r in rounds if isinstance(r, CommentedMap) and month_of(str(r.get("round", ""))) == month), None)
                if entry is None:
                    event_id = next((e for n, e in views[school_id].rounds if n == round_name), "")
                    entry = CommentedMap([("round", round_name), ("event", event_id), ("schools", CommentedSeq())])
                    rounds.append(entry)
                schools = entry.get("schools")
                if not isinstance(schools, CommentedSeq):
                    schools = CommentedSeq()
                    entry["schools"] = schools
                item = next((s for s in schools if isinstance(s, CommentedMap) and s.get("school") == school_id), None)
                if item is None:
                    item = CommentedMap([("school", school_id), ("values", CommentedMap())])
                    schools.append(item)
                values = item.get("values")
                if not isinstance(values, CommentedMap):
                    values = CommentedMap()
                    item["values"] = values
                old = values.get(indicator_id)
                if old is not None and float(old) == value:
                    continue
                values[indicator_id] = _plain(value)
                before = "(пусто)" if old is None else str(_plain(float(old)))
                result.changes.append(f"~ {round_name}, {name}, {indicator_id}: {before} → {_plain(value)}")

        events = data.get("events")
        for event_id, figure in form.participation.items():
            if figure.value is None:
                result.missing.append(f"не заполнено: {name}, участие в мероприятии {event_id} — {figure.where}")
                continue
            value = _number(figure.value)
            if value is None or value < 0 or not value.is_integer():
                result.refused.append(f"{figure.where}: «{cell_text(figure.value)}» — целое число человек, не меньше 0; значение не перенесено ({name}, {event_id})")
                continue
            item = next((e for e in events or [] if isinstance(e, CommentedMap) and e.get("event") == event_id), None) if isinstance(events, CommentedSeq) else None
            if item is None:
                result.missing.append(f"в отчёте нет мероприятия {event_id}: участие {name} не перенесено (допишите отчёт: neuspeh report init)")
                continue
            participants = item.get("participants")
            if not isinstance(participants, CommentedMap):
                participants = CommentedMap()
                item["participants"] = participants
            by_school = participants.get("shnor_schools")
            if not isinstance(by_school, CommentedMap):
                by_school = CommentedMap()
                participants["shnor_schools"] = by_school
            old = by_school.get(school_id)
            if old is not None and int(old) == int(value):
                continue
            old_sum = sum(int(v) for v in by_school.values() if v is not None)
            by_school[school_id] = int(value)
            total = participants.get("shnor")
            if total is None or total == old_sum:
                # The total of ШНОР participants follows the schools while it was their sum.
                participants["shnor"] = sum(int(v) for v in by_school.values() if v is not None)
            before = "(пусто)" if old is None else str(old)
            result.changes.append(f"~ {event_id}, участники от {name}: {before} → {int(value)}")
            shnor_total = participants.get("shnor")
            everyone = sum(int(participants.get(k) or 0) for k in ("heads", "teachers", "students", "parents", "specialists"))
            if everyone and shnor_total is not None and int(shnor_total) > everyone:
                result.notes[event_id] = f"{event_id}: из ШНОР {shnor_total}, а всего участников {everyone} — уточните участников по категориям"
    if not result.changes:
        return result
    try:
        new_text, _ = edit.result()
    except EditError as exc:
        raise CollectError(f"{report_path}: {exc}") from None
    _check(report_path, new_text)
    if not dry_run:
        bom = b"\xef\xbb\xbf" if document.source.bom else b""
        write_atomic(report_path, bom + new_text.encode("utf-8"))
        result.written = True
    return result


def _check(path: Path, text: str) -> None:
    from ..document import model_with_repairs
    from ..domain.report import Report
    from ..reading.yamlread import read_yaml_text

    model, problems = model_with_repairs(Report, read_yaml_text(text.replace("\r\n", "\n"), str(path)))
    if model is None or problems:
        raise CollectError(f"{path}: после переноса отчёт не прошёл бы проверку схемы ({problems[0].message if problems else 'не читается'}): файл не изменён; сообщите об ошибке")
