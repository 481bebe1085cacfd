"""The municipality's data file for one year: data models (domain/base.py).

References between parts use stable ids (school ids, catalog parameter ids),
never the rendered codes «1.1.», so reordering never breaks a link. Emptiness
of a field is allowed by the schema and reported by the rules, with its
position, so that a half-filled draft still loads and gets useful messages.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from .base import DataModel, Field, field_validator, model_validator
from .periods import Period

ALL_PARAMETERS_WORDS = ("все выявленные параметры", "все", "all")

RefId = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[\w.\-]+$")]


class Order(DataModel):
    """Утверждение приказом: «УТВЕРЖДЕНА приказом <орган> от <дата> № <номер>»."""

    body: str = Field(
        description="Чей приказ, в родительном падеже: «управления образования администрации МО Кореновский район»."
    )
    date: str = Field(description='Дата приказа, как в документе: «31.08.2023» или «"31" августа 2023 г.».')
    number: str = Field(description="Номер приказа без знака №: «123» или «01-05/77».")


class Approval(DataModel):
    """Гриф утверждения: должностным лицом («УТВЕРЖДАЮ», должность, подпись, дата) или приказом («УТВЕРЖДЕНА
    приказом…»).
    """

    position: str = Field(
        "",
        description="Должность утверждающего: «Начальник управления образования администрации МО Кореновский район».",
    )
    name: str = Field("", description="Инициалы и фамилия: «И.И. Иванова».")
    date: str = Field(
        "",
        description="Дата утверждения, если уже известна: «31.08.2023»; пусто — в документе останется строка для даты.",
    )
    order: Order | None = Field(
        None, description="Если карта утверждается приказом — реквизиты приказа (тогда должность и имя не нужны)."
    )

    @property
    def by_order(self) -> bool:
        return self.order is not None

    @property
    def empty(self) -> bool:
        return self.order is None and not (self.position or self.name or self.date)


class Signature(DataModel):
    position: str = Field(description="Должность подписывающего (у левого поля).")
    name: str = Field(description="Инициалы и фамилия (у правого поля).")


class DocumentInfo(DataModel):
    municipality: str = Field(
        description="Название муниципального образования, как в заголовке после «в муниципальном образовании»: "
        "«Кореновский район»."
    )
    year: int | None = Field(
        None,
        ge=2000,
        le=2100,
        description="Календарный год дорожной карты. Если карта составлена на учебный год или иной срок, вместо года "
        "укажите period.",
    )
    period: Period | None = Field(
        None,
        description="Срок дорожной карты, если это не календарный год: start — «сентябрь 2025», end — «май 2026» "
        "(учебный год).",
    )
    body: str = Field(
        "",
        description="Орган, составивший карту: «Управление образования администрации МО Кореновский район»; "
        "печатается в шапке документа.",
    )
    approval: Approval | None = Field(
        None,
        description="Гриф утверждения. Если карту только подписывает руководитель УО или ТМС, гриф не нужен: укажите "
        "signature.",
    )
    signature: Signature | None = Field(None, description="Подпись под документом; по умолчанию — утверждающий.")

    @model_validator(mode="before")
    @classmethod
    def _year_as_people_write_it(cls, data):
        # «year: 2025/2026» or «2025–2026 уч. год» means the school year; «year: 2025 г.» means 2025.
        if not isinstance(data, dict) or not isinstance(data.get("year"), str):
            return data
        text = data["year"]
        school = re.fullmatch(
            r"\s*((?:19|20)\d\d)\s*[/–—-]\s*((?:19|20)?\d\d)\s*(?:уч\.?\s*(?:г\.?|год)|учебный\s+год)?\s*", text
        )
        if school and "period" not in data:
            first = int(school.group(1))
            second = int(school.group(2)) if len(school.group(2)) == 4 else first // 100 * 100 + int(school.group(2))
            if second == first + 1:
                return {
                    **{k: v for k, v in data.items() if k != "year"},
                    "period": {"start": f"сентябрь {first}", "end": f"август {second}"},
                }
        plain = re.fullmatch(r"\s*((?:19|20)\d\d)\s*(?:г\.?|года?)?\s*", text)
        if plain:
            return {**data, "year": int(plain.group(1))}
        return data

    @model_validator(mode="after")
    def _year_or_period(self):
        if self.year is None and self.period is None:
            raise ValueError(
                "укажите year (календарный год карты) или period (начало и окончание, например учебный год: start: "
                "сентябрь 2025, end: май 2026)"
            )
        return self

    @property
    def span(self) -> Period:
        """The months the roadmap covers: its period, or January–December of its year."""
        return self.period if self.period is not None else Period.calendar_year(self.year)  # type: ignore[arg-type]

    @property
    def first_year(self) -> int:
        return self.span.first[0]

    @property
    def period_title(self) -> str:
        """«2025 год», «2025/2026 учебный год» or the span as written."""
        return self.span.title()


class School(DataModel):
    id: RefId = Field(
        description="Короткий постоянный идентификатор школы, на который ссылаются аудит и мероприятия: «sosh5»."
    )
    name: str = Field(description="Полное краткое наименование: «МБОУ СОШ № 5», «МБОУ Волошинская СОШ».")
    short: str = Field(
        "", description="Как писать в перечне ШНОР, если не годится автоматическое сокращение («СОШ № 5»)."
    )
    shnor: bool = Field(False, description="true — школа с низкими образовательными результатами (ШНОР).")


class Finding(DataModel):
    """One parameter found by the audit: a catalog parameter, own wording of one, or an own parameter."""

    parameter: str = Field(
        "", description="Идентификатор параметра из каталога: «staffing.teacher-shortage» (см. `neuspeh catalog`)."
    )
    id: str = Field("", description="Свой идентификатор — только для собственного параметра, которого нет в каталоге.")
    factor: str = Field("", description="Фактор собственного параметра (идентификатор из каталога).")
    title: str = Field("", description="Своя формулировка параметра (уточнение каталожной или собственный параметр).")
    schools: list[str] = Field(
        default_factory=list,
        description="Идентификаторы школ, в работе которых проявляется параметр: ШНОР, а в год без ШНОР — любые ОО.",
    )

    @field_validator("schools", mode="before")
    @classmethod
    def _not_all_shnor(cls, value: object) -> object:
        # «все ШНОР» is a word of events (``shnor: все``); section I names the schools the audit found the risk in.
        if isinstance(value, str) and value.strip().rstrip(".").lower() in ALL_SHNOR_WORDS:
            raise ValueError(
                f"«{value.strip()}» в разделе I не пишется: перечислите школы, где проявляется параметр, их "
                "идентификаторами из schools — [sosh5, sosh12]"
            )
        return value

    @property
    def ref(self) -> str:
        """The id events use to address this finding."""
        return self.id or self.parameter


EventGroup = Literal["municipal", "shnor", "control"]
GROUPS: tuple[str, ...] = ("municipal", "shnor", "control")
ALL_SHNOR_WORDS = ("все", "все шнор", "all")


class Event(DataModel):
    id: str = Field(
        "", description="Идентификатор мероприятия: на него ссылаются monitoring.events и отчёт о реализации («e01»)."
    )
    name: str = Field(
        "",
        description="Название мероприятия, как в документе: «Моя профессия – учитель» (в кавычках-ёлочках, если это "
        "тема).",
    )
    form: str = Field(
        "", description="Форма: семинар, стажировка, мониторинг, собеседование… (список — `neuspeh forms`)."
    )
    parameters: list[str] | str = Field(
        default_factory=list,
        description="Параметры, на которые направлено мероприятие: список идентификаторов или «все выявленные "
        "параметры».",
    )
    groups: list[EventGroup] = Field(
        default_factory=list,
        description="Группы мероприятий по методике (можно несколько): municipal — муниципальные (организует ТМС/УО), "
        "shnor — с участием / для ШНОР, control — контроль подготовки и реализации внутришкольных систем "
        "профилактики.",
    )
    group: EventGroup | None = Field(None, description="Прежняя запись одной группы; используйте groups: [ … ].")
    shnor: list[str] | str = Field(
        default_factory=list,
        description="ШНОР, которые участвуют в мероприятии: список идентификаторов школ или «все» (все ШНОР "
        "муниципалитета).",
    )
    contingent: str = Field("", description="Контингент: кто участвует.")
    place: str = Field("", description="Место проведения.")
    dates: str = Field(
        "",
        description="Дата проведения: «Октябрь 2023», «Декабрь 2023, июнь 2023», «В течение года», «II полугодие "
        "2025», «По отдельному графику».",
    )
    responsible: str = Field("", description="Ответственные.")
    draft: bool = Field(
        False,
        description="Черновик, предложенный `neuspeh roadmap draft`: уточните даты, место и ответственных и удалите "
        "эту строку.",
    )

    @field_validator("parameters")
    @classmethod
    def _all_or_list(cls, value: list[str] | str) -> list[str] | str:
        if isinstance(value, str) and value.strip().lower() not in ALL_PARAMETERS_WORDS:
            raise ValueError("укажите список идентификаторов параметров или «все выявленные параметры»")
        return value

    @field_validator("shnor")
    @classmethod
    def _all_shnor_or_list(cls, value: list[str] | str) -> list[str] | str:
        if isinstance(value, str) and value.strip().lower() not in ALL_SHNOR_WORDS:
            raise ValueError("укажите список идентификаторов ШНОР ([sosh5, sosh6]) или «все»")
        return value

    @property
    def addresses_all(self) -> bool:
        return isinstance(self.parameters, str)

    @property
    def parameter_refs(self) -> list[str]:
        return [] if isinstance(self.parameters, str) else list(self.parameters)

    @property
    def stated_groups(self) -> list[str]:
        """The groups written in the file (``groups``, or the old single ``group``), in the method's order."""
        written = set(self.groups) | ({self.group} if self.group else set())
        return [g for g in GROUPS if g in written]

    @property
    def all_shnor(self) -> bool:
        return isinstance(self.shnor, str)

    @property
    def shnor_ids(self) -> list[str]:
        return [] if isinstance(self.shnor, str) else list(self.shnor)


class QualityIndicator(DataModel):
    """Показатель качества внутришкольных систем профилактики: что измеряется, в чём, от какого значения к какому."""

    id: str = Field("", description="Идентификатор показателя: на него ссылается отчёт о реализации («q1»).")
    text: str = Field(
        "", description="Формулировка: «Доля ШНОР с утверждённой внутришкольной программой профилактики»."
    )
    unit: str = Field("", description="Единица: «%», «чел.», «шт.», «балл».")
    baseline: float | None = Field(None, description="Исходное значение (по входному аудиту).")
    target: float | None = Field(None, description="Целевое значение на конец срока карты.")
    source: str = Field("", description="Источник данных: «мониторинг ТМС», «ВСОКО», «результаты ВПР».")
    frequency: str = Field("", description="Периодичность измерения: «2 раза в год», «ежеквартально».")


class Monitoring(DataModel):
    """«Мониторинг подготовки и реализации внутришкольных систем профилактики учебной неуспешности»."""

    events: list[str] = Field(
        default_factory=list, description="Идентификаторы мероприятий-мониторингов (поле id в events)."
    )
    event: str = Field("", description="Прежняя запись одного мероприятия-мониторинга; используйте events: [ … ].")
    indicators: list[QualityIndicator | str] = Field(
        default_factory=list,
        description="Показатели качества внутришкольных систем профилактики учебной неуспешности: text, unit, "
        "baseline, target, source, frequency (простой текст тоже принимается).",
    )

    @property
    def event_ids(self) -> list[str]:
        return list(dict.fromkeys([*self.events, *([self.event] if self.event else [])]))

    @property
    def quality_indicators(self) -> list[QualityIndicator]:
        """Every indicator as a structured one (a plain string becomes its text)."""
        return [QualityIndicator(text=x) if isinstance(x, str) else x for x in self.indicators]

    @property
    def reported_indicators(self) -> list[QualityIndicator]:
        """Every indicator with an id the report can refer to: its own, or «q<its number>» when it has none
        (the next free «q…» if that one is taken), so that a report leaves no indicator out."""
        found = self.quality_indicators
        taken = {x.id for x in found if x.id}
        result = []
        for number, x in enumerate(found, 1):
            if not x.id:
                generated = f"q{number}"
                while generated in taken:
                    number += len(found)
                    generated = f"q{number}"
                taken.add(generated)
                x = x.model_copy(update={"id": generated})
            result.append(x)
        return result

    def generated_indicator_ids(self) -> list[tuple[int, str]]:
        """(number from 1, generated id) of the indicators written without an id."""
        return [
            (n, x.id)
            for n, (x, raw) in enumerate(zip(self.reported_indicators, self.quality_indicators), 1)
            if not raw.id
        ]


class Roadmap(DataModel):
    """Данные муниципальной дорожной карты по профилактике учебной неуспешности."""

    kind: Literal["roadmap"] = Field("roadmap", description="Вид файла: roadmap — муниципальная дорожная карта.")
    catalog: str = Field(
        "", description="Свой каталог факторов (путь относительно этого файла), дополняющий встроенный."
    )
    document: DocumentInfo
    schools: list[School] = Field(
        default_factory=list, description="Все школы муниципалитета; ШНОР отмечены shnor: true."
    )
    audit: list[Finding] = Field(
        default_factory=list,
        description="Раздел I: выявленные параметры и ШНОР (в год без ШНОР — ОО), в которых они проявляются.",
    )
    events: list[Event] = Field(default_factory=list, description="Раздел II: мероприятия дорожной карты.")
    monitoring: Monitoring = Field(
        default_factory=Monitoring,
        description="Обязательный мониторинг внутришкольных систем профилактики и показатели их качества.",
    )
    abbreviations: dict[str, str] = Field(
        default_factory=dict, description="Свои сокращения и их расшифровки: «ГДК: городской дом культуры»."
    )

    @property
    def has_shnor(self) -> bool:
        """False in a year without ШНОР: the audit then records risks «по каждой ОО»."""
        return any(s.shnor for s in self.schools)
