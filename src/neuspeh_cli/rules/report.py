"""Rules of the implementation report (method stages 3–4, DESIGN.md §1.4).

Most rules compare the report with its roadmap; when the roadmap cannot be
loaded, ``report-roadmap`` says why and the rules that need it stay silent.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..domain.report import (
    CATEGORIES,
    HELD_STATUSES,
    Report,
    is_due,
    is_final,
    section_one_cells,
    shnor_ids,
)
from ..problems import Problem, Severity
from . import Context, rule
from .common import closest

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO
KIND = "report"


def _report(ctx: Context) -> Report:
    return ctx.model


@dataclass
class _Links:
    roadmap: Any = None
    catalog: Any = None
    roadmap_problem: str = ""
    previous: Any = None
    previous_problem: str = ""


def _links(ctx: Context) -> _Links:
    """The report's roadmap and previous report, opened once per check through the run's workspace."""
    return ctx.shared("report-links", lambda: _open_links(ctx))


def _open_links(ctx: Context) -> _Links:
    from pathlib import Path

    from ..domain.report import linked_path, unusable_reason

    report = _report(ctx)
    here = Path(ctx.doc.path)
    links = _Links()
    if not report.roadmap.strip():
        links.roadmap_problem = "не указан файл дорожной карты: roadmap — путь к нему относительно отчёта"
    else:
        path = linked_path(here, report.roadmap)
        if path.resolve() == here.resolve():
            links.roadmap_problem = "roadmap указывает на сам отчёт: укажите файл дорожной карты"
        else:
            loaded = ctx.workspace.open(path)
            links.roadmap_problem = unusable_reason(loaded, path, "roadmap")
            if not links.roadmap_problem:
                links.roadmap, links.catalog = loaded.model, loaded.catalog
    if report.previous.strip():
        path = linked_path(here, report.previous)
        if path.resolve() == here.resolve():
            links.previous_problem = "previous указывает на сам отчёт: укажите отчёт за предыдущий период"
        else:
            loaded = ctx.workspace.open(path)
            links.previous_problem = unusable_reason(loaded, path, "report")
            links.previous = None if links.previous_problem else loaded.model
    return links


def _roadmap(ctx: Context):
    return _links(ctx).roadmap


def with_roadmap(check):
    """A rule that needs the report's roadmap: it gets it as a second argument and is skipped without one
    (``report-roadmap`` already says why there is none)."""

    @functools.wraps(check)
    def run(ctx: Context) -> Iterable[Problem]:
        roadmap = _roadmap(ctx)
        return iter(()) if roadmap is None else check(ctx, roadmap)

    return run


def _event(ctx: Context, event_id: str) -> str:
    """«мероприятие № 5 (e05)»: the number the roadmap document prints and the id the files use; the id alone
    when the roadmap is not at hand or has no such event."""
    roadmap = _roadmap(ctx)
    for number, event in enumerate(roadmap.events if roadmap is not None else [], 1):
        if event.id and event.id == event_id:
            return f"мероприятие № {number} ({event_id})"
    return f"мероприятие «{event_id}»"


def _at(ctx: Context, loc: tuple) -> tuple:
    """``loc`` when the file has it, else the nearest written parent (a key left out has no position)."""
    while loc and loc not in ctx.doc.values:
        loc = loc[:-1]
    return loc


# ---------------------------------------------------------------- links


@rule(
    "report-roadmap",
    E,
    "Файл дорожной карты, указанный в отчёте (roadmap), не найден, не читается или это не дорожная карта.",
    kind=KIND,
)
def report_roadmap(ctx: Context) -> Iterable[Problem]:
    links = _links(ctx)
    if links.roadmap is None:
        yield ctx.problem(_at(ctx, ("roadmap",)), links.roadmap_problem)


@rule("report-previous", E, "Отчёт за предыдущий период (previous) не найден, не читается или это не отчёт.", kind=KIND)
def report_previous(ctx: Context) -> Iterable[Problem]:
    links = _links(ctx)
    if links.previous_problem:
        yield ctx.problem(_at(ctx, ("previous",)), links.previous_problem)
        return
    earlier, now = links.previous, _report(ctx).period
    if (
        earlier is not None
        and earlier.period.first <= earlier.period.last
        and now.first <= now.last
        and earlier.period.last >= now.first
    ):
        # Dynamics and retention compare two periods one after the other; an overlapping one counts events twice.
        yield ctx.problem(
            _at(ctx, ("previous",)),
            f"отчёт за предыдущий период ({earlier.period.text}) не предшествует отчётному ({now.text}): динамика и "
            "сохранность "
            "сравнивают период с тем, что был до него — укажите отчёт за более ранний период",
            severity=W,
        )


@rule("report-period", E, "Отчётный период выходит за срок дорожной карты или перевёрнут.", kind=KIND)
def report_period(ctx: Context) -> Iterable[Problem]:
    period = _report(ctx).period
    if period.first > period.last:
        yield ctx.problem(_at(ctx, ("period",)), f"отчётный период «{period.text}» перевёрнут: начало позже окончания")
        return
    roadmap = _roadmap(ctx)
    if roadmap is None:
        return
    span = roadmap.document.span
    if period.first < span.first or period.last > span.last:
        yield ctx.problem(
            _at(ctx, ("period",)),
            f"отчётный период «{period.text}» выходит за срок дорожной карты ({span.text}): отчёт составляется за "
            "полугодие или год внутри срока карты",
        )


# ---------------------------------------------------------------- references


@rule(
    "report-unknown-id",
    E,
    "Отчёт ссылается на мероприятие, параметр, школу или показатель, которых нет в дорожной карте.",
    kind=KIND,
)
@with_roadmap
def report_unknown_id(ctx: Context, roadmap) -> Iterable[Problem]:
    report = _report(ctx)
    events = {e.id for e in roadmap.events if e.id}
    schools = {s.id for s in roadmap.schools}
    indicators = {x.id for x in roadmap.monitoring.reported_indicators}
    cells = dict(section_one_cells(roadmap))
    seen: dict[str, int] = {}
    for i, item in enumerate(report.events):
        if item.event not in events:
            yield ctx.problem(
                _at(ctx, ("events", i, "event")),
                f"мероприятия «{item.event}» нет в дорожной карте{closest(item.event, events)}: укажите id "
                "мероприятия из events дорожной карты",
            )
        elif item.event in seen:
            yield ctx.problem(
                _at(ctx, ("events", i, "event")),
                f"{_event(ctx, item.event)} уже описано (events, пункт {seen[item.event] + 1}): оставьте одно описание",
            )
        seen.setdefault(item.event, i)
        for school in item.participants.shnor_schools:
            if school not in schools:
                yield ctx.problem(
                    _at(ctx, ("events", i, "participants", "shnor_schools", school)),
                    f"школы «{school}» нет в schools дорожной карты{closest(school, schools)}",
                )
    for r, round_ in enumerate(report.monitoring):
        if round_.event and round_.event not in events:
            yield ctx.problem(
                _at(ctx, ("monitoring", r, "event")),
                f"мероприятия «{round_.event}» нет в дорожной карте{closest(round_.event, events)}",
            )
        for s, entry in enumerate(round_.schools):
            if entry.school not in schools:
                yield ctx.problem(
                    _at(ctx, ("monitoring", r, "schools", s, "school")),
                    f"школы «{entry.school}» нет в schools дорожной карты{closest(entry.school, schools)}",
                )
            for key in entry.values:
                if key not in indicators:
                    yield ctx.problem(
                        _at(ctx, ("monitoring", r, "schools", s, "values", key)),
                        f"показателя «{key}» нет среди показателей качества дорожной карты (monitoring.indicators, "
                        f"поле id){closest(key, indicators)}",
                    )
    for p, outcome in enumerate(report.outcomes):
        if outcome.parameter not in cells:
            yield ctx.problem(
                _at(ctx, ("outcomes", p, "parameter")),
                f"параметра «{outcome.parameter}» нет в разделе I дорожной карты{closest(outcome.parameter, cells)}: "
                "выходной аудит оценивает только выявленные параметры",
            )
            continue
        for s, cell in enumerate(outcome.schools):
            if cell.school not in cells[outcome.parameter]:
                if cell.school not in schools:
                    text = f"школы «{cell.school}» нет в schools дорожной карты{closest(cell.school, schools)}"
                else:
                    text = (
                        f"школа «{cell.school}» не указана в разделе I для параметра «{outcome.parameter}»: выходной "
                        "аудит оценивает только ячейки раздела I; "
                        f"риск, выявленный в ней в течение года, запишите в risks (parameter: {outcome.parameter}, "
                        f"schools: [{cell.school}], found, evidence) — "
                        "он перейдёт во входной аудит следующего года"
                    )
                yield ctx.problem(_at(ctx, ("outcomes", p, "schools", s, "school")), text)
    for c, correction in enumerate(report.corrections):
        if correction.event and correction.event not in events and correction.change != "добавлено":
            yield ctx.problem(
                _at(ctx, ("corrections", c, "event")),
                f"мероприятия «{correction.event}» нет в дорожной карте{closest(correction.event, events)}",
            )
        if correction.change == "добавлено" and not (correction.event or correction.name):
            yield ctx.problem(
                _at(ctx, ("corrections", c)),
                "для добавленного мероприятия укажите name (название) или event (его id в дорожной карте)",
            )


@rule(
    "report-event-missing",
    W,
    "Мероприятие дорожной карты не упомянуто в отчёте (`neuspeh report init` добавит его).",
    kind=KIND,
)
@with_roadmap
def report_event_missing(ctx: Context, roadmap) -> Iterable[Problem]:
    described = {e.event for e in _report(ctx).events}
    for n, event in enumerate(roadmap.events, 1):
        if event.id and event.id not in described:
            yield ctx.problem(
                _at(ctx, ("events",)),
                f"мероприятие № {n} ({event.id}) дорожной карты не описано в отчёте: добавьте его (`neuspeh report "
                "init` допишет недостающие)",
                key=True,
            )
    unnamed = [str(n) for n, e in enumerate(roadmap.events, 1) if not e.id]
    if unnamed:
        yield ctx.problem(
            _at(ctx, ("roadmap",)),
            f"у мероприятий № {', '.join(unnamed)} дорожной карты нет id: отчёт ссылается на мероприятия по id — "
            "добавьте их в дорожную карту (id: e01 …)",
        )


# ---------------------------------------------------------------- events


@rule("report-status-missing", E, "Срок мероприятия прошёл, а статус в отчёте не указан.", kind=KIND)
@with_roadmap
def report_status_missing(ctx: Context, roadmap) -> Iterable[Problem]:
    report = _report(ctx)
    span = roadmap.document.span
    by_id = {e.id: e for e in roadmap.events if e.id}
    for i, item in enumerate(report.events):
        event = by_id.get(item.event)
        if event is None or item.status is not None:
            continue
        if is_due(event, report, span):
            when = f"срок — {event.dates}" if event.dates else "срок карты истёк"
            yield ctx.problem(
                _at(ctx, ("events", i, "status")),
                f"{_event(ctx, item.event)}, {when}: укажите status — проведено, проводится, перенесено (и new_date), "
                "отменено (и reason) или не начато",
                key=("events", i, "status") in ctx.doc.keys,
            )


@rule(
    "report-held-incomplete",
    E,
    "«Проведено» без фактической даты или без участников; «перенесено» без нового срока; «отменено» без причины.",
    kind=KIND,
)
def report_held_incomplete(ctx: Context) -> Iterable[Problem]:
    for i, item in enumerate(_report(ctx).events):
        loc = ("events", i)
        if item.status == "проведено":
            if not item.held:
                yield ctx.problem(
                    _at(ctx, loc + ("held",)),
                    f"{_event(ctx, item.event)} проведено: укажите в held фактическую дату («12.03.2025»)",
                )
            if not item.participants.filled:
                yield ctx.problem(
                    _at(ctx, loc + ("participants",)),
                    f"{_event(ctx, item.event)} проведено: укажите участников по категориям (participants: heads, "
                    "teachers, students, parents, specialists)",
                )
        elif item.status == "перенесено" and not item.new_date:
            yield ctx.problem(
                _at(ctx, loc + ("new_date",)),
                f"{_event(ctx, item.event)} перенесено: укажите новый срок в new_date («Октябрь 2025») и причину в "
                "reason",
            )
        elif item.status == "отменено" and not item.reason:
            yield ctx.problem(
                _at(ctx, loc + ("reason",)), f"{_event(ctx, item.event)} отменено: укажите причину в reason"
            )


@rule(
    "report-not-held-participants",
    W,
    "Участники указаны у мероприятия, которое не проведено (перенесено, отменено, не начато).",
    kind=KIND,
)
def report_not_held_participants(ctx: Context) -> Iterable[Problem]:
    for i, item in enumerate(_report(ctx).events):
        if item.status is not None and item.status not in HELD_STATUSES and item.participants.total:
            yield ctx.problem(
                _at(ctx, ("events", i, "participants")),
                f"{_event(ctx, item.event)} — {item.status}, а участники указаны: они не войдут в охват; уберите их "
                "или исправьте статус",
            )


@rule(
    "report-shnor-not-shnor",
    E,
    "Участниками из ШНОР указаны школы, которые в дорожной карте не отмечены как ШНОР.",
    kind=KIND,
)
@with_roadmap
def report_shnor_not_shnor(ctx: Context, roadmap) -> Iterable[Problem]:
    schools = {s.id for s in roadmap.schools}
    shnor = set(shnor_ids(roadmap))
    for i, item in enumerate(_report(ctx).events):
        for school in item.participants.shnor_schools:
            if school in schools and school not in shnor:
                yield ctx.problem(
                    _at(ctx, ("events", i, "participants", "shnor_schools", school)),
                    f"школа «{school}» не ШНОР по дорожной карте: в shnor_schools — только школы с shnor: true "
                    f"({', '.join(sorted(shnor)) or 'в карте ШНОР нет'})",
                )


@rule(
    "report-counts",
    E,
    "Числа не сходятся: из ШНОР больше, чем всего; сумма по школам не равна числу из ШНОР; положительных отзывов "
    "больше, чем ответивших…",
    kind=KIND,
)
def report_counts(ctx: Context) -> Iterable[Problem]:
    for i, item in enumerate(_report(ctx).events):
        loc = ("events", i)
        p, f, d = item.participants, item.feedback, item.dynamics
        total = p.total
        name = f"{_event(ctx, item.event)}"
        if p.shnor is not None and p.filled and p.shnor > total:
            yield ctx.problem(
                _at(ctx, loc + ("participants", "shnor")),
                f"{name}: из ШНОР {p.shnor}, а всего участников {total} ({_sum_text(p)})",
            )
        by_school = [v for v in p.shnor_schools.values() if v is not None]
        if by_school:
            if p.shnor is None:
                yield ctx.problem(
                    _at(ctx, loc + ("participants", "shnor")),
                    f"{name}: участники по ШНОР указаны ({sum(by_school)}), а общее число из ШНОР (shnor) — нет",
                    key=True,
                )
            elif sum(by_school) != p.shnor:
                yield ctx.problem(
                    _at(ctx, loc + ("participants", "shnor_schools")),
                    f"{name}: по школам {' + '.join(map(str, by_school))} = {sum(by_school)}, а из ШНОР указано "
                    f"{p.shnor}: числа должны совпадать",
                )
        if f.positive is not None and f.respondents is not None and f.positive > f.respondents:
            yield ctx.problem(
                _at(ctx, loc + ("feedback", "positive")),
                f"{name}: положительных отзывов {f.positive}, а ответивших {f.respondents}",
            )
        if f.positive is not None and f.respondents is None:
            yield ctx.problem(
                _at(ctx, loc + ("feedback",)),
                f"{name}: укажите respondents — сколько участников ответили на анкету (положительных {f.positive})",
            )
        if f.respondents is not None and p.filled and f.respondents > total:
            yield ctx.problem(
                _at(ctx, loc + ("feedback", "respondents")),
                f"{name}: ответивших {f.respondents}, а участников всего {total}",
            )
        if d.positive is not None and d.assessed is not None and d.positive > d.assessed:
            yield ctx.problem(
                _at(ctx, loc + ("dynamics", "positive")),
                f"{name}: с положительной динамикой {d.positive}, а оценено {d.assessed}",
            )
        if d.positive is not None and d.assessed is None:
            yield ctx.problem(
                _at(ctx, loc + ("dynamics",)),
                f"{name}: укажите assessed — у скольких участников оценивалась динамика (положительная у {d.positive})",
            )
        if d.assessed is not None and p.filled and d.assessed > total:
            yield ctx.problem(
                _at(ctx, loc + ("dynamics", "assessed")),
                f"{name}: динамика оценена у {d.assessed}, а участников всего {total}",
            )


def _sum_text(p) -> str:
    parts = [f"{CATEGORIES[key]} {value}" for key, value in p.by_category().items() if value]
    return ", ".join(parts) or "категории не заполнены"


# ---------------------------------------------------------------- quality indicators


def _unit_range(unit: str) -> tuple[float, float | None, str] | None:
    """(lowest, highest or None, how to say it) for the units the method's indicators use."""
    text = unit.strip().lower().rstrip(".")
    if text in ("%", "процент", "процентов", "проц"):
        return 0, 100, "доля в процентах — от 0 до 100"
    if text in ("чел", "человек", "шт", "ед", "единиц", "кол-во", "количество", "балл", "баллов", "баллы"):
        return 0, None, "количество — не меньше 0"
    return None


@rule(
    "report-indicator-range",
    E,
    "Значение показателя вне диапазона его единицы: % — от 0 до 100, количество — не меньше 0.",
    kind=KIND,
)
@with_roadmap
def report_indicator_range(ctx: Context, roadmap) -> Iterable[Problem]:
    units = {x.id: x.unit for x in roadmap.monitoring.reported_indicators}
    for r, round_ in enumerate(_report(ctx).monitoring):
        for s, entry in enumerate(round_.schools):
            for key, value in entry.values.items():
                if value is None or key not in units:
                    continue
                limits = _unit_range(units[key])
                if limits is None:
                    continue
                low, high, words = limits
                if value < low or (high is not None and value > high):
                    yield ctx.problem(
                        _at(ctx, ("monitoring", r, "schools", s, "values", key)),
                        f"показатель «{key}» школы «{entry.school}» ({round_.round}): {_number(value)} {units[key]} — "
                        f"{words}",
                    )


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


@rule("report-round", W, "Срез мониторинга не назван месяцем и годом или лежит вне отчётного периода.", kind=KIND)
def report_round(ctx: Context) -> Iterable[Problem]:
    from ..domain.periods import month_or_year

    report = _report(ctx)
    for r, round_ in enumerate(report.monitoring):
        found = month_or_year(round_.round)
        if found is None or found[1] == 0:
            yield ctx.problem(
                _at(ctx, ("monitoring", r, "round")),
                f"срез «{round_.round}»: напишите месяц и год мониторинга («май 2025»)",
            )
        elif not report.period.first <= found <= report.period.last:
            yield ctx.problem(
                _at(ctx, ("monitoring", r, "round")),
                f"срез «{round_.round}» вне отчётного периода ({report.period.text})",
            )


# ---------------------------------------------------------------- output audit


@rule(
    "report-outcome-missing",
    E,
    "Выходной аудит пропускает ячейку раздела I (параметр × школа) или в итоговом отчёте не указан итог.",
    kind=KIND,
)
@with_roadmap
def report_outcome_missing(ctx: Context, roadmap) -> Iterable[Problem]:
    report = _report(ctx)
    final = is_final(report, roadmap.document.span)
    written = {o.parameter: (p, o) for p, o in enumerate(report.outcomes)}
    if not report.outcomes and not final:
        return  # an interim report may leave the output audit for the year's end
    for ref, schools in section_one_cells(roadmap):
        if ref not in written:
            yield ctx.problem(
                _at(ctx, ("outcomes",)),
                f"в выходном аудите нет параметра «{ref}» раздела I: добавьте его со школами "
                f"{', '.join(schools) or '(без школ — итог для УО и ТМС в result)'}",
                key=True,
            )
            continue
        p, outcome = written[ref]
        cells = {c.school: (s, c) for s, c in enumerate(outcome.schools)}
        for school in schools:
            if school not in cells:
                yield ctx.problem(
                    _at(ctx, ("outcomes", p, "schools")),
                    f"параметр «{ref}»: нет итога по школе «{school}» (она указана для него в разделе I)",
                    key=True,
                )
            elif final and cells[school][1].result is None:
                s = cells[school][0]
                yield ctx.problem(
                    _at(ctx, ("outcomes", p, "schools", s, "result")),
                    f"параметр «{ref}», школа «{school}»: укажите итог — устранён, снижен, сохраняется или усилился",
                    key=("outcomes", p, "schools", s, "result") in ctx.doc.keys,
                )
        if not schools and final and outcome.result is None:
            yield ctx.problem(
                _at(ctx, ("outcomes", p, "result")),
                f"параметр «{ref}» (без школ): укажите итог в result — устранён, снижен, сохраняется или усилился",
                key=("outcomes", p, "result") in ctx.doc.keys,
            )


@rule("report-outcome-evidence", W, "Итог выходного аудита без подтверждения (на чём основан вывод).", kind=KIND)
def report_outcome_evidence(ctx: Context) -> Iterable[Problem]:
    for p, outcome in enumerate(_report(ctx).outcomes):
        for s, cell in enumerate(outcome.schools):
            if cell.result is not None and not cell.evidence:
                yield ctx.problem(
                    _at(ctx, ("outcomes", p, "schools", s)),
                    f"параметр «{outcome.parameter}», школа «{cell.school}»: итог «{cell.result}» — укажите в "
                    "evidence, на чём он основан",
                )
        if outcome.result is not None and not outcome.evidence:
            yield ctx.problem(
                _at(ctx, ("outcomes", p)),
                f"параметр «{outcome.parameter}»: итог «{outcome.result}» — укажите в evidence, на чём он основан",
            )


# ---------------------------------------------------------------- corrections


@rule(
    "report-correction-missing",
    W,
    "Мероприятие перенесено или отменено, а в коррекции дорожной карты это не отражено.",
    kind=KIND,
)
def report_correction_missing(ctx: Context) -> Iterable[Problem]:
    report = _report(ctx)
    recorded = {(c.event, c.change) for c in report.corrections}
    for i, item in enumerate(report.events):
        if item.status in ("перенесено", "отменено") and (item.event, item.status) not in recorded:
            yield ctx.problem(
                _at(ctx, ("events", i, "status")),
                f"{_event(ctx, item.event)} {item.status}: добавьте в corrections запись (change: {item.status}, "
                f"event: {item.event}, date, reason, document)",
            )


# ---------------------------------------------------------------- dates, blanks and what the criteria leave out


@rule(
    "report-held-date",
    E,
    "Фактическая дата или новый срок не распознаны, месяц написан с ошибкой или такой даты нет («32.10.2025»).",
    kind=KIND,
)
def report_held_date(ctx: Context) -> Iterable[Problem]:
    from ..domain.dates import date_slips, parse_dates, vague_advice

    for i, item in enumerate(_report(ctx).events):
        for key, example in (("held", "«12.03.2025», «март – апрель 2025»"), ("new_date", "«Октябрь 2025»")):
            text = getattr(item, key)
            if not text.strip():
                continue
            slips = date_slips(text)
            if slips:
                yield ctx.problem(
                    _at(ctx, ("events", i, key)), f"{_event(ctx, item.event)}, дата «{text}»: {'; '.join(slips)}"
                )
            elif not parse_dates(text).understood:
                vague = vague_advice(parse_dates(text))
                yield ctx.problem(
                    _at(ctx, ("events", i, key)),
                    f"{_event(ctx, item.event)}: дата «{text}» не ставится ни на один месяц: {vague}"
                    if vague
                    else f"{_event(ctx, item.event)}: дата «{text}» не распознана — напишите {example}",
                )


@rule(
    "report-held-outside",
    W,
    "Мероприятие проведено вне отчётного периода: его участники в этом отчёте не считаются.",
    kind=KIND,
)
def report_held_outside(ctx: Context) -> Iterable[Problem]:
    from ..domain.effectiveness import held_outside

    report = _report(ctx)
    period = report.period
    if period.first > period.last:
        return
    for i in held_outside(report):
        item = report.events[i]
        yield ctx.problem(
            _at(ctx, ("events", i, "held")),
            f"{_event(ctx, item.event)} проведено «{item.held}» — вне отчётного периода ({period.text}): в этом "
            "отчёте его участники, отзывы и динамика не считаются "
            "(они — в отчёте за тот период); если дата ошибочна, исправьте её",
        )


_CATEGORY_WORDS = {
    "heads": "руководители",
    "teachers": "педагоги",
    "students": "обучающиеся",
    "parents": "родители",
    "specialists": "специалисты",
}


@rule("report-blank", W, "Пустое значение рядом с заполненными: пустое — не ноль; оно не входит в критерии.", kind=KIND)
def report_blank(ctx: Context) -> Iterable[Problem]:
    report = _report(ctx)
    for i, item in enumerate(report.events):
        if item.status not in HELD_STATUSES:
            continue
        loc = ("events", i)
        name = f"{_event(ctx, item.event)}"
        f, d, p = item.feedback, item.dynamics, item.participants
        if f.respondents and f.positive is None:
            yield ctx.problem(
                _at(ctx, loc + ("feedback", "positive")),
                f"{name}: ответили {f.respondents}, а сколько оценили положительно — не указано: пустое не считается "
                "нулём, мероприятие не вошло в критерий 1.2; "
                "если положительных отзывов не было, напишите 0",
            )
        if d.assessed and d.positive is None:
            yield ctx.problem(
                _at(ctx, loc + ("dynamics", "positive")),
                f"{name}: динамика оценена у {d.assessed}, а у скольких она положительная — не указано: пустое не "
                "считается нулём, мероприятие не вошло в критерий 2.1; "
                "если положительной динамики нет, напишите 0",
            )
        if p.filled:
            blank = [
                word
                for key, word in _CATEGORY_WORDS.items()
                if getattr(p, key) is None and ctx.has(loc + ("participants", key))
            ]
            if blank:
                yield ctx.problem(
                    _at(ctx, loc + ("participants",)),
                    f"{name}: не заполнено — {', '.join(blank)}: пустое не считается нулём; если таких участников не "
                    "было, напишите 0",
                )
    for r, round_ in enumerate(report.monitoring):
        # An indicator blank at every school was not measured in that round; blank at some, it is missing there.
        measured = {k for entry in round_.schools for k, v in entry.values.items() if v is not None}
        for s, entry in enumerate(round_.schools):
            filled = [k for k, v in entry.values.items() if v is not None]
            blank = [k for k, v in entry.values.items() if v is None and k in measured]
            if filled and blank:
                yield ctx.problem(
                    _at(ctx, ("monitoring", r, "schools", s, "values")),
                    f"срез «{round_.round}», школа «{entry.school}»: не заполнено — {', '.join(blank)}: пустое не "
                    "считается нулём, в оценке будет «нет данных»",
                )


@rule(
    "report-overdue",
    W,
    "В итоговом отчёте мероприятие «не начато», хотя его срок прошёл: отмените или перенесите его с причиной.",
    kind=KIND,
)
@with_roadmap
def report_overdue(ctx: Context, roadmap) -> Iterable[Problem]:
    report = _report(ctx)
    span = roadmap.document.span
    if not is_final(report, span):
        return
    by_id = {e.id: e for e in roadmap.events if e.id}
    for i, item in enumerate(report.events):
        event = by_id.get(item.event)
        if event is None or item.status != "не начато":
            continue
        if is_due(event, report, span):
            yield ctx.problem(
                _at(ctx, ("events", i, "status")),
                f"{_event(ctx, item.event)} (срок — {event.dates or 'не указан'}) не начато, а срок карты истёк: "
                "отметьте «отменено» (и reason) "
                "или «перенесено» (и new_date) и запишите изменение в corrections",
            )


@rule(
    "report-risk",
    E,
    "Новый риск (risks) ссылается на неизвестный параметр или школу или повторяет ячейку раздела I.",
    kind=KIND,
)
@with_roadmap
def report_risk(ctx: Context, roadmap) -> Iterable[Problem]:
    catalog = _links(ctx).catalog
    cells = dict(section_one_cells(roadmap))
    schools = {s.id for s in roadmap.schools}
    known = set(cells) | (set(catalog.parameters) if catalog is not None else set())
    for k, risk in enumerate(_report(ctx).risks):
        loc = ("risks", k)
        if risk.parameter not in known:
            yield ctx.problem(
                _at(ctx, loc + ("parameter",)),
                f"параметра «{risk.parameter}» нет ни в каталоге, ни в разделе I дорожной "
                f"карты{closest(risk.parameter, known)}; список — `neuspeh catalog`",
            )
            continue
        if not risk.schools:
            yield ctx.problem(
                _at(ctx, loc), f"новый риск «{risk.parameter}»: укажите schools — в каких школах он выявлен", key=True
            )
        for s, school in enumerate(risk.schools):
            if school not in schools:
                yield ctx.problem(
                    _at(ctx, loc + ("schools", s)),
                    f"школы «{school}» нет в schools дорожной карты{closest(school, schools)}",
                )
            elif school in cells.get(risk.parameter, []):
                yield ctx.problem(
                    _at(ctx, loc + ("schools", s)),
                    f"параметр «{risk.parameter}» в школе «{school}» уже есть в разделе I: это не новый риск — его "
                    "итог пишется в outcomes",
                    severity=W,
                )
