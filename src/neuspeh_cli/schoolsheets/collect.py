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

from ..errors import CollectError, NeuspehError
from ..yaml_edit import child
from .form import SchoolForm, SchoolFormError, percent, read_school_form


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
    from ..document import read_document
    from ..domain.report import linked_path
    from ..domain.structure import school_short_names
    from ..outputs import write_atomic
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
    result = CollectResult(report_path)
    forms = _read_forms(paths, views, report.roadmap, result)
    short = school_short_names(roadmap)
    result.missing += [f"нет формы: {short[school_id]} ({school_id})" for school_id in views if school_id not in forms]

    try:
        edit = open_for_edit(document.source.text, document.source)
    except EditError as exc:
        raise CollectError(f"{report_path}: {exc}") from None
    target = _Target(edit.data, roadmap, views, short, report, result)
    for school_id, form in forms.items():
        _put_monitoring(target, school_id, form)
        _put_participation(target, school_id, form)
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


def _read_forms(paths: list[Path], views: dict, roadmap_ref: str, result: CollectResult) -> dict[str, SchoolForm]:
    """The readable forms by school id; the others are listed in ``result.unreadable``."""
    forms: dict[str, SchoolForm] = {}
    for path in form_files(paths):
        try:
            form = read_school_form(path)
        except (SchoolFormError, NeuspehError) as exc:
            result.unreadable.append(str(exc))
            continue
        if form.school not in views:
            result.unreadable.append(f"{path}: школы «{form.school}» нет в дорожной карте {roadmap_ref}")
            continue
        forms[form.school] = form
    return forms


@dataclass
class _Target:
    """The report being edited and what the roadmap says about its schools."""

    data: Any  # the report's ruamel tree
    roadmap: Any
    views: dict
    short: dict[str, str]
    report: Any
    result: CollectResult

    def month_of(self, text: str) -> tuple[int, int] | None:
        from ..domain.dates import parse_dates

        months = parse_dates(text).months(self.roadmap.document.span)
        return months[0] if len(months) == 1 else None

    def in_period(self, month: tuple[int, int] | None) -> bool:
        return month is not None and self.report.period.first <= month <= self.report.period.last


def _put_monitoring(target: _Target, school_id: str, form: SchoolForm) -> None:
    """The school's indicator values of every round inside the report's period."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from ..workbook.read import cell_text

    result, name = target.result, target.short[school_id]
    indicators = {q.id: q for q in target.roadmap.monitoring.quality_indicators if q.id}
    for round_name, figures in form.values.items():
        month = target.month_of(round_name)
        if month is None:
            filled = [f for f in figures.values() if f.value not in (None, "")]
            if filled:
                # A column the school added («Примечание»): not a round; its values are said, not dropped unseen.
                column = filled[0].where.rsplit(", ", 1)[0]
                result.refused.append(
                    f"{column}: столбец «{round_name}» — не срез мониторинга (месяц и год), его значения не "
                    f"перенесены ({name}: {len(filled)})"
                )
            continue
        if not target.in_period(month):
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
                result.refused.append(
                    f"{figure.where}: «{cell_text(figure.value)}» — {allowed}; значение не перенесено ({name}, "
                    f"{round_name}, {indicator_id})"
                )
                continue
            rounds = child(target.data, "monitoring", CommentedSeq)
            entry = next(
                (
                    r
                    for r in rounds
                    if isinstance(r, CommentedMap) and target.month_of(str(r.get("round", ""))) == month
                ),
                None,
            )
            if entry is None:
                event_id = next((e for n, e in target.views[school_id].rounds if n == round_name), "")
                entry = CommentedMap([("round", round_name), ("event", event_id), ("schools", CommentedSeq())])
                rounds.append(entry)
            schools = child(entry, "schools", CommentedSeq)
            item = next((s for s in schools if isinstance(s, CommentedMap) and s.get("school") == school_id), None)
            if item is None:
                item = CommentedMap([("school", school_id), ("values", CommentedMap())])
                schools.append(item)
            values = child(item, "values", CommentedMap)
            old = values.get(indicator_id)
            if old is not None and float(old) == value:
                continue
            values[indicator_id] = _plain(value)
            before = "(пусто)" if old is None else str(_plain(float(old)))
            result.changes.append(f"~ {round_name}, {name}, {indicator_id}: {before} → {_plain(value)}")


def _put_participation(target: _Target, school_id: str, form: SchoolForm) -> None:
    """How many people of the school took part in each event; the ШНОР total follows while it was their sum."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from ..workbook.read import cell_text

    result, name = target.result, target.short[school_id]
    events = target.data.get("events")
    for event_id, figure in form.participation.items():
        if figure.value is None:
            result.missing.append(f"не заполнено: {name}, участие в мероприятии {event_id} — {figure.where}")
            continue
        value = _number(figure.value)
        if value is None or value < 0 or not value.is_integer():
            result.refused.append(
                f"{figure.where}: «{cell_text(figure.value)}» — целое число человек, не меньше 0; значение не "
                f"перенесено ({name}, {event_id})"
            )
            continue
        found = (e for e in events or [] if isinstance(e, CommentedMap) and e.get("event") == event_id)
        item = next(found, None) if isinstance(events, CommentedSeq) else None
        if item is None:
            result.missing.append(
                f"в отчёте нет мероприятия {event_id}: участие {name} не перенесено (допишите отчёт: neuspeh report "
                "init)"
            )
            continue
        participants = child(item, "participants", CommentedMap)
        by_school = child(participants, "shnor_schools", CommentedMap)
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
        categories = ("heads", "teachers", "students", "parents", "specialists")
        everyone = sum(int(participants.get(k) or 0) for k in categories)
        if everyone and shnor_total is not None and int(shnor_total) > everyone:
            result.notes[event_id] = (
                f"{event_id}: из ШНОР {shnor_total}, а всего участников {everyone} — уточните участников по категориям"
            )


def _check(path: Path, text: str) -> None:
    from ..document import model_with_repairs
    from ..domain.report import Report
    from ..reading.yamlread import read_yaml_text

    model, problems = model_with_repairs(Report, read_yaml_text(text.replace("\r\n", "\n"), str(path)))
    if model is None or problems:
        raise CollectError(
            f"{path}: после переноса отчёт не прошёл бы проверку схемы "
            f"({problems[0].message if problems else 'не читается'}): файл не изменён; сообщите об ошибке"
        )
