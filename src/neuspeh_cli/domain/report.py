"""The implementation report: what became of a roadmap in one period (method stages 3–4).

One file per municipality and period (half-year or year). It refers to its
roadmap by path (relative to the report file) and to the roadmap's events,
parameters, schools and quality indicators by id, never by rendered numbers.
Everything is optional for the schema, so a half-filled report loads; the
rules (``rules/report.py``) say what is missing, with its place.
"""

from __future__ import annotations

from typing import Literal

from .base import DataModel, Field
from .periods import Period
from .roadmap import Signature

Status = Literal["проведено", "проводится", "перенесено", "отменено", "не начато"]
STATUSES: tuple[str, ...] = ("проведено", "проводится", "перенесено", "отменено", "не начато")
HELD_STATUSES = ("проведено", "проводится")  # participants are counted for these

Outcome = Literal["устранён", "снижен", "сохраняется", "усилился"]
OUTCOMES: tuple[str, ...] = ("устранён", "снижен", "сохраняется", "усилился")
IMPROVED = ("устранён", "снижен")
PERSISTING = ("сохраняется", "усилился")  # these start next year's input audit

Change = Literal["добавлено", "перенесено", "отменено", "изменено"]
CHANGES: tuple[str, ...] = ("добавлено", "перенесено", "отменено", "изменено")

CATEGORIES: dict[str, str] = {
    "heads": "руководители",
    "teachers": "педагоги",
    "students": "обучающиеся",
    "parents": "родители",
    "specialists": "специалисты",
}


class Participants(DataModel):
    """Участники мероприятия по категориям; из них — из ШНОР, по школам."""

    heads: int | None = Field(None, ge=0, description="Руководители и заместители руководителей ОО (человек).")
    teachers: int | None = Field(None, ge=0, description="Педагоги (человек).")
    students: int | None = Field(None, ge=0, description="Обучающиеся (человек).")
    parents: int | None = Field(None, ge=0, description="Родители (законные представители) обучающихся (человек).")
    specialists: int | None = Field(None, ge=0, description="Специалисты УО, ТМС, ППМС и других организаций (человек).")
    shnor: int | None = Field(None, ge=0, description="Из всех участников — из ШНОР (человек).")
    shnor_schools: dict[str, int | None] = Field(
        default_factory=dict,
        description="Какие ШНОР участвовали и сколько человек от каждой: {sosh10: 4, oosh19: 2} (идентификаторы школ "
        "из дорожной карты).",
    )

    @property
    def total(self) -> int:
        return sum(getattr(self, key) or 0 for key in CATEGORIES)

    @property
    def filled(self) -> bool:
        return any(getattr(self, key) is not None for key in CATEGORIES)

    def by_category(self) -> dict[str, int]:
        return {key: getattr(self, key) or 0 for key in CATEGORIES}


class Feedback(DataModel):
    """Обратная связь участников: анкетирование после мероприятия."""

    respondents: int | None = Field(None, ge=0, description="Сколько участников ответили на анкету обратной связи.")
    positive: int | None = Field(None, ge=0, description="Сколько из ответивших оценили мероприятие положительно.")
    remarks: str = Field("", description="Основные замечания и предложения участников.")


class Dynamics(DataModel):
    """Участники с положительной динамикой: по итогам диагностики до и после (ИОМ, перепроверка, анкеты)."""

    assessed: int | None = Field(
        None, ge=0, description="У скольких участников оценена динамика (диагностика до и после)."
    )
    positive: int | None = Field(None, ge=0, description="Сколько из них показали положительную динамику.")
    method: str = Field(
        "", description="Как оценивалась динамика: «входная и итоговая диагностика профессиональных дефицитов»."
    )


class Evidence(DataModel):
    """Подтверждение: реквизиты документов и ссылка."""

    order: str = Field("", description="Приказ о проведении или об итогах: «приказ УО от 05.03.2025 № 87».")
    minutes: str = Field("", description="Протокол, справка, аналитическая записка: «протокол № 2 от 12.03.2025».")
    link: str = Field("", description="Ссылка на материалы на сайте УО, ТМС или ОО.")

    @property
    def text(self) -> str:
        return "; ".join(x for x in (self.order, self.minutes, self.link) if x)


class EventReport(DataModel):
    """Как прошло одно мероприятие дорожной карты."""

    event: str = Field(description="Идентификатор мероприятия в дорожной карте (поле id в events): «e01».")
    status: Status | None = Field(
        None,
        description="Статус: проведено, проводится (для мероприятий в течение года), перенесено (укажите new_date), "
        "отменено (укажите reason), не начато.",
    )
    held: str = Field("", description="Фактические даты проведения: «12.03.2025», «март – апрель 2025».")
    new_date: str = Field("", description="Для перенесённого мероприятия — новый срок: «Октябрь 2025».")
    reason: str = Field("", description="Причина переноса или отмены.")
    participants: Participants = Field(
        default_factory=Participants, description="Участники по категориям, из них — из ШНОР, по школам."
    )
    feedback: Feedback = Field(
        default_factory=Feedback,
        description="Обратная связь: сколько ответили, сколько оценили положительно, замечания.",
    )
    dynamics: Dynamics = Field(
        default_factory=Dynamics, description="Участники с положительной динамикой (если она оценивалась)."
    )
    evidence: Evidence = Field(default_factory=Evidence, description="Подтверждение: приказ, протокол, ссылка.")
    note: str = Field("", description="Примечание к мероприятию.")


class SchoolValues(DataModel):
    """Значения показателей качества одной школы в одном срезе мониторинга."""

    school: str = Field(description="Идентификатор школы из дорожной карты: «sosh10».")
    values: dict[str, float | None] = Field(
        default_factory=dict, description="Значение каждого показателя по его идентификатору: {q1: 100, q2: 45}."
    )
    conclusion: str = Field("", description="Вывод по школе: что изменилось, что мешает, что делать дальше.")


class MonitoringRound(DataModel):
    """Один срез мониторинга внутришкольных систем профилактики."""

    round: str = Field(description="Срез мониторинга — месяц и год: «май 2025».")
    event: str = Field(
        "", description="Идентификатор мероприятия-мониторинга в дорожной карте, по итогам которого получены значения."
    )
    schools: list[SchoolValues] = Field(default_factory=list, description="Значения показателей по школам.")


class CellOutcome(DataModel):
    """Итог по одной школе для одного параметра раздела I."""

    school: str = Field(description="Идентификатор школы из раздела I дорожной карты.")
    result: Outcome | None = Field(None, description="Итог: устранён, снижен, сохраняется, усилился.")
    evidence: str = Field("", description="На чём основан вывод: результаты мониторинга, ВПР, выездов, документы.")


class ParameterOutcome(DataModel):
    """Выходной аудит по одному параметру раздела I: итог по каждой школе, где он был выявлен."""

    parameter: str = Field(description="Параметр раздела I дорожной карты (parameter или собственный id).")
    schools: list[CellOutcome] = Field(
        default_factory=list, description="Итог по каждой школе, в которой параметр был выявлен."
    )
    result: Outcome | None = Field(
        None, description="Итог для параметра без школ (касается УО и ТМС): устранён, снижен, сохраняется, усилился."
    )
    evidence: str = Field("", description="Подтверждение итога для параметра без школ.")


class Correction(DataModel):
    """Изменение дорожной карты в отчётном периоде."""

    change: Change = Field(description="Что сделано: добавлено, перенесено, отменено, изменено.")
    event: str = Field(
        "",
        description="Идентификатор мероприятия в дорожной карте (для добавленного — его новый id, если он уже внесён "
        "в карту).",
    )
    name: str = Field("", description="Название мероприятия, если его нет в дорожной карте (добавленное).")
    date: str = Field("", description="Когда принято решение: «15.05.2025».")
    reason: str = Field("", description="Почему: причина изменения.")
    document: str = Field("", description="Документ, которым оформлено изменение: «приказ УО от 20.05.2025 № 190».")


class NewRisk(DataModel):
    """Риск, выявленный в течение года в школе, где раздел I его не отмечал (этап 4 методики: «определение рисков»)."""

    parameter: str = Field(
        description="Параметр «Конструктора» (или параметр раздела I дорожной карты): «staffing.teacher-shortage»."
    )
    schools: list[str] = Field(
        default_factory=list, description="Школы, в которых риск выявлен (идентификаторы из дорожной карты): [sosh1]."
    )
    found: str = Field("", description="Когда выявлен: «ноябрь 2025».")
    evidence: str = Field("", description="На чём основан вывод: мониторинг, выезд, ВПР, документы.")


class ReportInfo(DataModel):
    """Сведения об отчёте: дата и подпись."""

    date: str = Field("", description="Дата отчёта: «20.12.2025».")
    author: str = Field("", description="Кто составил отчёт: «ТМС УО администрации МО Усть-Лабинский район».")
    signature: Signature | None = Field(None, description="Подпись под отчётом: должность и инициалы с фамилией.")


class Report(DataModel):
    """Отчёт о реализации муниципальной дорожной карты по профилактике учебной неуспешности за полугодие или год."""

    kind: Literal["report"] = Field("report", description="Вид файла: report — отчёт о реализации дорожной карты.")
    roadmap: str = Field(
        description="Файл дорожной карты, о которой отчёт (путь относительно этого файла): «ust-labinsk-2025.yaml»."
    )
    period: Period = Field(
        description="Отчётный период: полугодие (start: январь 2025, end: июнь 2025) или год (start: январь 2025, "
        "end: декабрь 2025)."
    )
    previous: str = Field(
        "",
        description="Отчёт за предыдущий период (путь относительно этого файла): для динамики количества участников.",
    )
    document: ReportInfo = Field(default_factory=ReportInfo, description="Дата, составитель и подпись отчёта.")
    events: list[EventReport] = Field(
        default_factory=list,
        description="Выполнение мероприятий дорожной карты: статус, даты, участники, отзывы, подтверждение.",
    )
    monitoring: list[MonitoringRound] = Field(
        default_factory=list,
        description="Показатели качества внутришкольных систем профилактики по школам в каждом срезе мониторинга.",
    )
    outcomes: list[ParameterOutcome] = Field(
        default_factory=list, description="Выходной аудит: итог по каждой паре «параметр раздела I × школа»."
    )
    corrections: list[Correction] = Field(
        default_factory=list,
        description="Коррекция дорожной карты: что добавлено, перенесено, отменено, когда и почему.",
    )
    risks: list[NewRisk] = Field(
        default_factory=list,
        description="Новые риски, выявленные в течение года в школах, где раздел I их не отмечал: войдут во входной "
        "аудит следующего года.",
    )

    def event_report(self, event_id: str) -> EventReport | None:
        return next((e for e in self.events if e.event == event_id), None)


# ---------------------------------------------------------------- facts shared by the rules, the scaffold and the
# document


def month_index(ym: tuple[int, int]) -> int:
    return ym[0] * 12 + ym[1] - 1


def planned_end(event, span: Period) -> tuple[int, int] | None:
    """The last month an event is planned for, inside the roadmap's span; ``None`` when the dates name no month.

    «В течение года» and recurring phrases last until the end of the span.
    """
    from .dates import parse_dates

    phrase = parse_dates(event.dates)
    months = [span.place(m) for s in phrase.spans for m in (s.start, s.end)]
    months = [m for m in months if m is not None]
    if months:
        return max(months)
    if phrase.whole_year or phrase.recurring:
        return span.last
    return None


def planned_months(text: str, span: Period) -> list[tuple[int, int]]:
    """Every month a date phrase names (the first and last of each range), placed in the span, in order."""
    from .dates import parse_dates

    found = [
        span.place(m) for s in parse_dates(text).spans for m in ((s.start,) if s.start == s.end else (s.start, s.end))
    ]
    return sorted({m for m in found if m is not None})


def is_final(report: Report, span: Period) -> bool:
    """A report whose period reaches the roadmap's last month: the year's outcome is due."""
    return report.period.last >= span.last


def is_due(event, report: Report, span: Period) -> bool:
    """An event whose planned term is over by the end of the report's period: its status is due, and «не начато» means
    overdue (the rules warn of it, the calendar marks it not held). An event without a month is due in the final
    report only.
    """
    end = planned_end(event, span)
    if end is None:
        return is_final(report, span)
    return month_index(end) <= month_index(report.period.last)


def section_one_cells(roadmap) -> list[tuple[str, list[str]]]:
    """(parameter ref, school ids) of every finding of section I, in file order; a parameter without schools has
    none.
    """
    return [(f.ref, list(dict.fromkeys(f.schools))) for f in roadmap.audit if f.ref]


def shnor_ids(roadmap) -> list[str]:
    return [s.id for s in roadmap.schools if s.shnor]


def period_title(period: Period) -> str:
    """«за 2025 год», «за I полугодие 2025 года», «за 2025/2026 учебный год», or «за период с … по …»."""
    (y1, m1), (y2, m2) = period.first, period.last
    if y1 == y2 and (m1, m2) == (1, 12):
        return f"за {y1} год"
    if y1 == y2 and (m1, m2) == (1, 6):
        return f"за I полугодие {y1} года"
    if y1 == y2 and (m1, m2) == (7, 12):
        return f"за II полугодие {y1} года"
    if period.is_school_year:
        return f"за {y1}/{y2} учебный год"
    from .dates import MONTH_NAMES

    genitive = {"май": "мая", "март": "марта", "август": "августа"}

    def name(m: int) -> str:
        word = MONTH_NAMES[m - 1]
        return genitive.get(word, word[:-1] + "я")

    return f"за период с {name(m1)} {y1} г. по {name(m2)} {y2} г."


def unusable_reason(loaded, path, kind: str) -> str:
    """Why a linked file (a loaded document: ``kind``, ``model``, ``problems``) cannot serve as a ``kind``; "" when it
    can.
    """
    from ..kinds import KINDS

    wanted = KINDS[kind]
    title = wanted.short_title
    if loaded is None:
        return wanted.not_found(path)
    unreadable = next((p for p in loaded.problems if p.rule in ("read-error", "internal-error")), None)
    if unreadable is not None:
        return f"{title} {path} не читается: {unreadable.message}"
    if loaded.kind != kind:
        what = KINDS[loaded.kind].short_title if loaded.kind in KINDS else "не файл neuspeh"
        return f"{path} — это {what}, а нужен файл вида kind: {kind} ({title})"
    if loaded.model is None:
        first = next(
            (p for p in loaded.problems if p.rule == "schema"), loaded.problems[0] if loaded.problems else None
        )
        verb, it = ("не прошла", "её") if wanted.feminine else ("не прошёл", "его")
        where = f" ({first.where}: {first.message})" if first is not None else ""
        return f"{title} {path} {verb} проверку схемы{where}: исправьте {it} (`neuspeh validate {path}`)"
    return ""


def linked_path(report_path, written: str):
    """A path written in a report, relative to the report's folder."""
    from pathlib import Path

    return Path(report_path).parent / written
