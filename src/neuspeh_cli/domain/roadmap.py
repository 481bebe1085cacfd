"""The municipality's data file for one year: pydantic models.

References between parts use stable ids (school ids, catalog parameter ids),
never the rendered codes «1.1.», so reordering never breaks a link. Emptiness
of a field is allowed by the schema and reported by the rules, with its
position, so that a half-filled draft still loads and gets useful messages.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ALL_PARAMETERS_WORDS = ("все выявленные параметры", "все", "all")

RefId = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[\w.\-]+$")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _nothing_after_colon_is_empty(cls, data):
        # «audit:» with every item still commented out reads as null: it means «none yet».
        if isinstance(data, dict):
            for name, field in cls.model_fields.items():
                if name in data and data[name] is None and field.default_factory in (list, dict):
                    data = {**data, name: field.default_factory()}
        return data


class Order(_Model):
    """Утверждение приказом: «УТВЕРЖДЕНА приказом <орган> от <дата> № <номер>»."""

    body: str = Field(description="Чей приказ, в родительном падеже: «управления образования администрации МО Кореновский район».")
    date: str = Field(description='Дата приказа, как в документе: «31.08.2023» или «"31" августа 2023 г.».')
    number: str = Field(description="Номер приказа без знака №: «123» или «01-05/77».")


class Approval(_Model):
    """Гриф утверждения: должностным лицом (должность, подпись, дата) или приказом."""

    position: str = Field("", description="Должность утверждающего: «Начальник управления образования администрации МО Кореновский район».")
    name: str = Field("", description="Инициалы и фамилия: «И.И. Иванова».")
    date: str = Field("", description="Дата утверждения, если уже известна: «31.08.2023»; пусто — в документе останется строка для даты.")
    order: Order | None = Field(None, description="Если карта утверждается приказом — реквизиты приказа (тогда должность и имя не нужны).")


class Signature(_Model):
    position: str = Field(description="Должность подписывающего (у левого поля).")
    name: str = Field(description="Инициалы и фамилия (у правого поля).")


class DocumentInfo(_Model):
    municipality: str = Field(description="Название муниципального образования, как в заголовке после «в муниципальном образовании»: «Кореновский район».")
    year: int = Field(ge=2000, le=2100, description="Год, на который составлена дорожная карта.")
    body: str = Field("", description="Орган, составивший карту: «Управление образования администрации МО Кореновский район» (шапка документа).")
    approval: Approval = Field(default_factory=Approval, description="Гриф утверждения.")
    signature: Signature | None = Field(None, description="Подпись под документом; по умолчанию — утверждающий.")


class School(_Model):
    id: RefId = Field(description="Короткий постоянный идентификатор школы, на который ссылаются аудит и мероприятия: «sosh5».")
    name: str = Field(description="Полное краткое наименование: «МБОУ СОШ № 5», «МБОУ Волошинская СОШ».")
    short: str = Field("", description="Как писать в перечне ШНОР, если не годится автоматическое сокращение («СОШ № 5»).")
    shnor: bool = Field(False, description="true — школа с низкими образовательными результатами (ШНОР).")


class Finding(_Model):
    """One parameter found by the audit: a catalog parameter, own wording of one, or an own parameter."""

    parameter: str = Field("", description="Идентификатор параметра из каталога: «staffing.teacher-shortage» (см. `neuspeh catalog`).")
    id: str = Field("", description="Свой идентификатор — только для собственного параметра, которого нет в каталоге.")
    factor: str = Field("", description="Фактор собственного параметра (идентификатор из каталога).")
    title: str = Field("", description="Своя формулировка параметра (уточнение каталожной или собственный параметр).")
    schools: list[str] = Field(default_factory=list, description="Идентификаторы ШНОР, в работе которых проявляется параметр.")

    @property
    def ref(self) -> str:
        """The id events use to address this finding."""
        return self.id or self.parameter


EventGroup = Literal["municipal", "shnor", "control"]


class Event(_Model):
    id: str = Field("", description="Необязательный идентификатор мероприятия (нужен, чтобы сослаться на него из monitoring.event).")
    name: str = Field("", description="Название мероприятия, как в документе: «Моя профессия – учитель» (в кавычках-ёлочках, если это тема).")
    form: str = Field("", description="Форма: семинар, стажировка, мониторинг, собеседование… (этапы управленческого цикла — в README).")
    parameters: list[str] | str = Field(default_factory=list, description="Параметры, на которые направлено мероприятие: список идентификаторов или «все выявленные параметры».")
    contingent: str = Field("", description="Контингент: кто участвует.")
    place: str = Field("", description="Место проведения.")
    dates: str = Field("", description="Дата проведения: «Октябрь 2023», «Декабрь 2023, июнь 2023», «В течение года», «По отдельному графику».")
    responsible: str = Field("", description="Ответственные.")
    group: EventGroup | None = Field(
        None,
        description="Группа мероприятий по методике: municipal — муниципальные (организует ТМС), shnor — с участием / для ШНОР, control — контроль внутришкольных систем профилактики. Если не указана, определяется по тексту.",
    )
    draft: bool = Field(False, description="Черновик, предложенный `neuspeh roadmap draft`: уточните даты, место и ответственных и удалите эту строку.")

    @field_validator("parameters")
    @classmethod
    def _all_or_list(cls, value: list[str] | str) -> list[str] | str:
        if isinstance(value, str) and value.strip().lower() not in ALL_PARAMETERS_WORDS:
            raise ValueError("укажите список идентификаторов параметров или «все выявленные параметры»")
        return value

    @property
    def addresses_all(self) -> bool:
        return isinstance(self.parameters, str)

    @property
    def parameter_refs(self) -> list[str]:
        return [] if isinstance(self.parameters, str) else list(self.parameters)


class Monitoring(_Model):
    """«Мониторинг подготовки и реализации внутришкольных систем профилактики учебной неуспешности»."""

    event: str = Field("", description="Идентификатор мероприятия-мониторинга (поле id в events); если не указан, ищется по названию.")
    indicators: list[str] = Field(default_factory=list, description="Показатели качества внутришкольных систем профилактики учебной неуспешности.")


class Roadmap(_Model):
    """Данные муниципальной дорожной карты по профилактике учебной неуспешности на один год."""

    kind: Literal["roadmap"] = Field("roadmap", description="Вид файла: roadmap — муниципальная дорожная карта.")
    catalog: str = Field("", description="Свой каталог факторов (путь относительно этого файла), дополняющий встроенный.")
    document: DocumentInfo
    schools: list[School] = Field(default_factory=list, description="Все школы муниципалитета; ШНОР отмечены shnor: true.")
    audit: list[Finding] = Field(default_factory=list, description="Раздел I: выявленные параметры и ШНОР, в которых они проявляются.")
    events: list[Event] = Field(default_factory=list, description="Раздел II: мероприятия дорожной карты.")
    monitoring: Monitoring = Field(default_factory=Monitoring, description="Обязательный мониторинг внутришкольных систем профилактики и показатели их качества.")
    abbreviations: dict[str, str] = Field(default_factory=dict, description="Свои сокращения и их расшифровки: «ГДК: городской дом культуры».")
