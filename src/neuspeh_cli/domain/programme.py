"""A school's programme of prevention of academic failure (seed 004, DESIGN.md §1.3): data models (domain/base.py).

Numbers of tasks, indicators and stages are kept as written, so that a gap
(«1, 2, 4») is reported instead of silently renumbered; when none is written
the tool numbers them in order. Roadmap rows and indicators refer to tasks by
number, because that is how the document itself links them. Empty fields load
and are reported by the rules with their position, as in ``model.py``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from .base import DataModel, Field, field_validator
from .periods import Period

SchoolId = Annotated[str, Field(max_length=80, pattern=r"^[\w.\-]*$")]
Number = Annotated[int, Field(ge=1, le=999)]

DEFAULT_TITLE = "Программа профилактики учебной неуспешности"


class ProgrammeSchool(DataModel):
    id: SchoolId = Field(
        "",
        description="Идентификатор школы, как в schools дорожной карты муниципалитета: «sosh5». По нему программа "
        "сверяется с аудитом.",
    )
    name: str = Field("", description="Краткое наименование школы: «МБОУ СОШ № 5».")


class ProgrammeOrder(DataModel):
    """Приказ, которым утверждена программа: «Приложение к приказу <орган> от <дата> № <номер>»."""

    body: str = Field(
        "",
        description="Чей приказ, в родительном падеже: «отдела образования администрации Кочубеевского муниципального "
        "округа Ставропольского края».",
    )
    date: str = Field("", description="Дата приказа, как в документе: «14.01.2022» или «14 января 2022 года».")
    number: str = Field("", description="Номер приказа без знака №: «44».")
    appendix: str = Field(
        "",
        description="Номер приложения, если у приказа их несколько: «1» → «Приложение № 1 к приказу…»; пусто — "
        "«Приложение к приказу…».",
    )


class Task(DataModel):
    number: Number | None = Field(
        None,
        description="Номер задачи, как в документе. Если не указан ни у одной задачи, задачи нумеруются по порядку.",
    )
    text: str = Field("", description="Формулировка задачи: «выявить причины затруднений учащихся…».")


class Indicator(DataModel):
    number: Number | None = Field(
        None,
        description="Номер показателя («Показатель 1»). Если не указан ни у одного показателя, показатели нумеруются "
        "по порядку.",
    )
    task: Number | None = Field(None, description="Номер задачи, достижение которой измеряет показатель.")
    text: str = Field("", description="Формулировка показателя: «Доля обучающихся, …».")


class Stage(DataModel):
    number: Number | None = Field(
        None, description="Номер этапа. Если не указан ни у одного этапа, этапы нумеруются по порядку."
    )
    title: str = Field(
        "", description="Название этапа: «аналитико-диагностический», «основной», «практико-прогностический»."
    )
    period: str = Field(
        "", description="Сроки этапа, как в документе: «сентябрь – октябрь 2022 г.», «октябрь 2022 г. – май 2023 г.»."
    )
    contents: list[str] = Field(default_factory=list, description="Что включает этап: список работ.")


class Measure(DataModel):
    text: str = Field(
        "", description="Мероприятие или мера: «проведение мониторинга с целью определения затруднений…»."
    )
    deadline: str = Field(
        "",
        description="Срок исполнения: «Октябрь 2022 г.», «сентябрь – октябрь 2022 г.», «ежемесячно, октябрь 2022 г. – "
        "апрель 2023 г.», «1 раз в четверть».",
    )


class RoadmapRow(DataModel):
    """Строка дорожной карты: задача → результаты → меры и сроки → показатели → ответственные."""

    task: Number = Field(description="Номер задачи из раздела tasks.")
    results: list[str] = Field(
        default_factory=list, description="Ожидаемые конечные результаты реализации программы по задаче."
    )
    measures: list[Measure] = Field(
        default_factory=list, description="Мероприятия/меры, у каждой — свой срок исполнения."
    )
    indicators: list[str] = Field(
        default_factory=list,
        description="Показатели в графе дорожной карты; если пусто — берутся целевые показатели этой задачи.",
    )
    responsible: str = Field("", description="Ответственные: «заместитель директора по учебно-воспитательной работе».")


class Programme(DataModel):
    """Внутришкольная программа профилактики учебной неуспешности (одна школа)."""

    kind: Literal["programme"] = Field("programme", description="Вид файла: programme — школьная программа.")
    municipality: str = Field(
        "",
        description="Муниципальное образование, как в document.municipality дорожной карты: «Кочубеевский "
        "муниципальный округ». По нему `neuspeh validate` сверяет программу с дорожной картой "
        "муниципалитета.",
    )
    school: ProgrammeSchool = Field(default_factory=ProgrammeSchool, description="Школа, чья это программа.")
    order: ProgrammeOrder = Field(
        default_factory=ProgrammeOrder,
        description="Приказ, которым утверждена программа (реквизиты для строки «Приложение к приказу…»).",
    )
    title: str = Field(DEFAULT_TITLE, description="Заголовок документа.")
    period: Period | None = Field(None, description="Срок реализации программы.")
    categories: list[str] = Field(
        default_factory=list, description="Основные категории детей с рисками учебной неуспешности."
    )
    directions: list[str] = Field(
        default_factory=list, description="Направления работы по профилактике учебной неуспешности."
    )
    goal: str = Field("", description="Цель программы.")
    tasks: list[Task] = Field(default_factory=list, description="Задачи программы.")
    indicators: list[Indicator] = Field(
        default_factory=list, description="Целевые показатели, каждый привязан к задаче (task)."
    )
    methods: list[str] = Field(default_factory=list, description="Методы сбора и обработки информации.")
    stages: list[Stage] = Field(default_factory=list, description="Этапы реализации программы, по порядку.")
    roadmap: list[RoadmapRow] = Field(
        default_factory=list, description="Дорожная карта реализации программы: по строке на задачу."
    )
    working_group: list[str] = Field(default_factory=list, description="Состав рабочей группы (исполнители).")
    parameters: list[str] = Field(
        default_factory=list,
        description="Параметры из каталога факторов (`neuspeh catalog`), на которые направлена программа: "
        "«staffing.teacher-shortage». Сверяются с параметрами, выявленными аудитом в этой школе.",
    )

    @field_validator("period", mode="before")
    @classmethod
    def _period_as_pair(cls, value):
        # «period: сентябрь 2022 – май 2023» is the natural way to write it: say exactly how instead.
        if isinstance(value, str):
            raise ValueError(
                f"«{value}» — напишите начало и окончание отдельно: period: {{start: сентябрь 2022, end: май 2023}}"
            )
        return value


def numbers(items: list) -> list[int | None]:
    """Effective numbers: as written, or 1..n in order when none is written."""
    if items and all(item.number is None for item in items):
        return list(range(1, len(items) + 1))
    return [item.number for item in items]
