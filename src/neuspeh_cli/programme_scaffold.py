"""``school init``: a commented school programme to start from, with seed 004's wording.

Plain text built here rather than dumped from a model, because its value is in
the Russian comments. It loads as it is; ``validate`` then lists what is still
to be written (order, period, stage dates, the roadmap's measures).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .emit.roadmap import schema_header
from .emit.scalars import comment as _comment
from .emit.scalars import yaml_scalar as _scalar
from .errors import UsageError
from .kinds import KINDS
from .outputs import refuse_overwrite, write_atomic

SCHEMA_FILE = KINDS["programme"].schema  # the registry names each kind's schema file

# Seed 004 (Кочубеевский муниципальный округ), the starting point a school edits.
CATEGORIES = [
    "учащиеся с низкой академической успеваемостью",
    "учащиеся, у которых наблюдаются проблемы в поведении",
    "дети из социально неблагополучных семей и дети, находящиеся в трудной жизненной ситуации",
]
DIRECTIONS = [
    "индивидуализация обучения",
    "психолого-педагогическое сопровождение",
    "включение учащихся в систему дополнительного образования, участие в конкурсах и олимпиадах",
]
GOAL = (
    "Снижение доли обучающихся с рисками учебной неуспешности за счет системного преодоления дефицитов "
    "организации образовательного процесса посредством разработки и поэтапного внедрения системной работы "
    "с участниками образовательных отношений."
)
TASKS = [
    "выявить причины затруднений учащихся по результатам мониторинга предметных и метапредметных результатов в рамках "
    "внутренней системы оценки качества образования",
    "обеспечить разработку и реализацию индивидуальных планов по ликвидации академической неуспеваемости для всех "
    "обучающихся, имеющих риски учебной неуспешности",
    "обеспечить учет индивидуальных результатов каждого обучающегося всеми участниками образовательных отношений",
    "обеспечить психолого-педагогическое сопровождение учащихся с рисками учебной неуспешности и их родителей "
    "(законных представителей)",
    "обеспечить охват обучающихся, имеющих риски учебной неуспешности, программами дополнительного образования в "
    "соответствии с их потребностями",
]
INDICATORS = [
    "Доля обучающихся, имеющих риски учебной неуспешности, у которых определены причины затруднений в усвоении "
    "учебного материала.",
    "Разработаны индивидуальные планы по ликвидации академической неуспеваемости для всех обучающихся, имеющих риски "
    "учебной неуспешности.",
    "Наличие документов, отражающих достижения и индивидуальный прогресс по достижению предметных, метапредметных "
    "результатов, у 100 % обучающихся.",
    "Разработан и утвержден график оказания психологической помощи учащимся и родителям (законным представителям).",
    "Доля обучающихся, имеющих риски учебной неуспешности, охваченных программами дополнительного образования в "
    "соответствии с их потребностями.",
]
METHODS = [
    "диагностика индивидуальных особенностей познавательных процессов обучающихся с рисками учебной неуспешности",
    "проведение мониторинга качества образования в рамках школьной системы оценки качества образования",
]
STAGES = [
    (
        "аналитико-диагностический",
        [
            "анализ исходного состояния и тенденций развития для понимания реальных возможностей и сроков исполнения "
            "программы",
        ],
    ),
    (
        "основной",
        [
            "внедрение действенных механизмов реализации программы",
            "промежуточный контроль реализации программы, предъявление промежуточного опыта школы",
        ],
    ),
    (
        "практико-прогностический",
        [
            "реализация, анализ, обобщение результатов повседневной работы школы",
            "подведение итогов, осмысление результатов реализации программы",
            "оценка ее эффективности на основе достижения показателей",
        ],
    ),
]
WORKING_GROUP = [
    "директор школы",
    "заместитель директора по учебно-воспитательной работе",
    "руководители школьных методических объединений",
    "представители родительского комитета",
]

_SCHOOL_ID = re.compile(r"^[\w.\-]*$")


@dataclass
class ProgrammeScaffold:
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)
    known: KnownSchool | None = None


@dataclass
class KnownSchool:
    """What the municipality's roadmap already says about the school: the scaffold starts from it."""

    name: str
    period: tuple[str, str]  # the roadmap's span: «январь 2025», «декабрь 2025»
    parameters: list[tuple[str, str]]  # (ref, title) of the findings naming the school
    events: list[str]  # «№ 3. «…» (стажировка) — Октябрь 2025, МАОУ гимназия № 2»
    measures: list[str]  # the catalog's school-level measures for its parameters


def known_school(roadmap_path: Path, school_id: str) -> tuple[str, KnownSchool]:
    """(municipality, what the roadmap knows of ``school_id``). Raises ``UsageError`` for an unknown school."""
    from .domain.dates import MONTH_NAMES
    from .report_links import load_linked
    from .schoolsheets.facts import school_views

    loaded, problem = load_linked(Path(roadmap_path), "roadmap")
    if loaded is None:
        raise UsageError(problem)
    roadmap, catalog = loaded.model, loaded.catalog
    views = {v.school.id: v for v in school_views(roadmap, catalog)}
    if school_id not in views:
        shnor = ", ".join(s.id for s in roadmap.schools if s.shnor) or "—"
        raise UsageError(f"{roadmap_path}: школы «{school_id}» нет в дорожной карте; укажите --school (ШНОР: {shnor})")
    view = views[school_id]
    span = roadmap.document.span
    period = tuple(f"{MONTH_NAMES[m - 1]} {y}" for y, m in (span.first, span.last))
    refs = [f for f in roadmap.audit if school_id in f.schools]
    parameters = []
    measures: list[str] = []
    for finding in refs:
        title = finding.title or (
            catalog.parameters[finding.parameter].title if finding.parameter in catalog.parameters else finding.ref
        )
        parameters.append((finding.ref, title))
        if finding.parameter in catalog.parameters:
            for group in catalog.measures_for(finding.parameter):
                measures += [m for m in group.school if m not in measures]
    events = []
    for item in view.events:
        event = item.event
        where = ", ".join(x for x in (event.dates, event.place) if x)
        form = f" ({event.form})" if event.form else ""
        events.append(f"№ {item.number}. {event.name}{form} — {where}")
    return roadmap.document.municipality, KnownSchool(view.school.name, period, parameters, events, measures)  # type: ignore[arg-type]


def _items(values: list[str], indent: int = 2) -> list[str]:
    return [" " * indent + "- " + _scalar(v) for v in values]


# The scaffold's comments: what to write where, with examples.
INTRO = """
Внутришкольная программа профилактики учебной неуспешности: данные для neuspeh.
Категории детей, направления, цель, задачи, показатели, методы, этапы и рабочая
группа взяты из образца (программа Кочубеевского муниципального округа, 2022) —
отредактируйте их под свою школу.

Как заполнять:
  1. Школа, приказ об утверждении программы, срок реализации.
  2. Задачи и целевые показатели: номера подряд, у показателя — номер задачи (task).
  3. Сроки этапов и дорожная карта: по строке на задачу — результаты, меры со
     сроками, ответственные.
  4. `neuspeh validate ФАЙЛ` — проверка, `neuspeh build ФАЙЛ` — Word и PDF.
Строка, начинающаяся с «#», — комментарий: программа её не читает.
Отступы — только пробелами; текст с двоеточием и пробелом («: ») берите в кавычки."""
MUNICIPALITY_HINT = """
Муниципальное образование — как в document.municipality дорожной карты
(«Кочубеевский муниципальный округ»): по нему `neuspeh validate ПАПКА` сверяет
программу с результатами аудита муниципалитета."""
ORDER_HINT = """
Приказ, которым утверждена программа, — для строки «Приложение к приказу … от … № …».
body — чей приказ, в родительном падеже: «отдела образования администрации
Кочубеевского муниципального округа Ставропольского края»; date — «14.01.2022»;
number — номер без знака №; appendix — номер приложения, если их несколько."""
PERIOD_EXAMPLE = """
Срок реализации программы: месяц и год или год. Сотрите «#» и впишите свои:
period:
  start: сентябрь 2025
  end: май 2026"""
PARAMETERS_KNOWN = """
Параметры «Конструктора», на которые направлена программа: здесь — выявленные аудитом в вашей
школе (раздел I дорожной карты муниципалитета); оставьте те, на которые направлена программа."""
PARAMETERS_EXAMPLE = """
Параметры «Конструктора» (`neuspeh catalog`), на которые направлена программа:
хотя бы один из выявленных аудитом в вашей школе. Сотрите «[]» и перечислите, например:
  - at-risk-students.remedial-lessons
  - parents.poor-information"""
TASKS_HINT = """
Задачи: номера подряд с 1 (или без номеров у всех — тогда их пронумерует программа).
Знаки препинания в конце пунктов расставляются при сборке документа."""
STAGES_HINT = """
Этапы реализации: впишите сроки каждого этапа внутри срока программы, по порядку:
«сентябрь – октябрь 2025 г.», «октябрь 2025 г. – май 2026 г.»."""
ROADMAP_HINT = """
Дорожная карта: по строке на задачу. results — ожидаемые конечные результаты;
measures — мероприятия, у каждого срок (deadline); indicators — графа «Показатели»
(если пусто, в неё попадут целевые показатели этой задачи); responsible — ответственные.
Пример меры:
    measures:
      - text: проведение мониторинга с целью определения затруднений при освоении основной образовательной программы
        deadline: сентябрь – октябрь 2025 г."""


def scaffold_text(
    school_id: str = "", municipality: str = "", schema_ref: str | None = SCHEMA_FILE, known: KnownSchool | None = None
) -> str:
    """The commented programme file; ``school_id`` and ``municipality`` filled in when given, and what the roadmap
    knows.
    """
    out = schema_header(schema_ref)
    out += _comment(INTRO)
    out += ["kind: programme", ""]
    out += _school_lines(school_id, municipality, known)
    out += _parameter_lines(known)
    out += _seed_lines()
    out += _roadmap_lines(known)
    out += _comment("Рабочая группа (исполнители программы).")
    out += ["working_group:", *_items(WORKING_GROUP)]
    return "\n".join(out) + "\n"


def _school_lines(school_id: str, municipality: str, known: KnownSchool | None) -> list[str]:
    """Municipality, school, order and period: what identifies the programme."""
    out = _comment(MUNICIPALITY_HINT)
    out += [f"municipality: {_scalar(municipality)}", ""]
    out += _comment("Школа: id — как в schools дорожной карты муниципалитета («sosh5»), name — «МБОУ СОШ № 5».")
    name = _scalar(known.name) if known else '""'
    out += ["school:", f"  id: {_scalar(school_id)}", f"  name: {name}", ""]
    out += _comment(ORDER_HINT)
    out += ["order:", '  body: ""', '  date: ""', '  number: ""', ""]
    if known:
        out += _comment("Срок реализации программы: месяц и год или год (здесь — срок дорожной карты муниципалитета).")
        out += ["period:", f"  start: {known.period[0]}", f"  end: {known.period[1]}"]
    else:
        out += _comment(PERIOD_EXAMPLE)
    out.append("")
    return out


def _parameter_lines(known: KnownSchool | None) -> list[str]:
    if known and known.parameters:
        out = _comment(PARAMETERS_KNOWN)
        return out + ["parameters:"] + [f"  - {ref}  # {title}" for ref, title in known.parameters] + [""]
    return [*_comment(PARAMETERS_EXAMPLE), "parameters: []", ""]


def _seed_lines() -> list[str]:
    """Categories to stages: seed 004's wording, for the school to edit."""
    out = _comment("Основные категории детей с рисками учебной неуспешности.")
    out += ["categories:", *_items(CATEGORIES), ""]
    out += _comment("Направления работы по профилактике учебной неуспешности.")
    out += ["directions:", *_items(DIRECTIONS), ""]
    out += ["goal: >-"] + [f"  {line}" for line in _wrap(GOAL)] + [""]
    out += _comment(TASKS_HINT)
    out.append("tasks:")
    for n, text in enumerate(TASKS, 1):
        out += [f"  - number: {n}", f"    text: {_scalar(text)}"]
    out.append("")
    out += _comment("Целевые показатели: у каждого — номер задачи (task), достижение которой он измеряет.")
    out.append("indicators:")
    for n, text in enumerate(INDICATORS, 1):
        out += [f"  - number: {n}", f"    task: {n}", f"    text: {_scalar(text)}"]
    out.append("")
    out += _comment("Методы сбора и обработки информации.")
    out += ["methods:", *_items(METHODS), ""]
    out += _comment(STAGES_HINT)
    out.append("stages:")
    for n, (title, contents) in enumerate(STAGES, 1):
        out += [f"  - number: {n}", f"    title: {_scalar(title)}", '    period: ""', "    contents:"]
        out += _items(contents, 6)
    out.append("")
    return out


def _roadmap_lines(known: KnownSchool | None) -> list[str]:
    """A row a task to fill; what the municipality's roadmap knows of the school stays in comments beside."""
    out = _comment(ROADMAP_HINT)
    if known and known.events:
        out += _comment("Мероприятия дорожной карты муниципалитета с участием школы — сверьте с ними сроки своих мер:")
        out += [f"#   {line}" for line in known.events]
    if known and known.measures:
        out += _comment("Меры на уровне ОО по вашим параметрам из «Конструктора» — возьмите подходящие в measures:")
        out += [f"#   – {' '.join(m.split())}" for m in known.measures]
    out.append("roadmap:")
    for n in range(1, len(TASKS) + 1):
        out += [f"  - task: {n}", "    results: []", "    measures: []", '    responsible: ""']
    out.append("")
    return out


def _wrap(text: str, width: int = 88) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False)


def create_programme(
    path: Path,
    school_id: str = "",
    municipality: str = "",
    *,
    schema_ref: str | None = None,
    force: bool = False,
    roadmap: Path | None = None,
) -> ProgrammeScaffold:
    """Write the scaffold to ``path``; beside it ``programme.schema.json`` unless ``schema_ref`` is given.

    Never overwrites ``path`` without ``force``; an existing schema file is
    kept. Raises ``NeuspehError`` (``UsageError`` for bad arguments).
    """
    path = Path(path)
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise UsageError(
            f"{path}: файл программы должен иметь расширение .yaml (иначе `neuspeh validate ПАПКА` его не найдёт)"
        )
    if path.is_dir():
        raise UsageError(f"{path}: это папка; укажите имя файла, например {path / 'sosh5.yaml'}")
    school_id = school_id.strip()
    if not _SCHOOL_ID.match(school_id) or len(school_id) > 80:
        raise UsageError(
            f"идентификатор школы «{school_id}»: только буквы, цифры, точка, дефис и подчёркивание, без пробелов "
            "(--school sosh5)"
        )
    refuse_overwrite(path, force)
    result = ProgrammeScaffold()
    if roadmap is not None:
        if not school_id:
            raise UsageError("укажите школу: --school ИДЕНТИФИКАТОР (как в schools дорожной карты)")
        found_municipality, result.known = known_school(roadmap, school_id)
        municipality = municipality or found_municipality
    text = scaffold_text(school_id, " ".join(municipality.split()), schema_ref or SCHEMA_FILE, result.known)
    write_atomic(path, text)
    result.written.append(path)
    if schema_ref is None:
        from .jsonschema import write_schema_beside

        write_schema_beside(path, "programme", result.written, result.kept)
    return result


def summary_lines(result: ProgrammeScaffold) -> list[str]:
    """What ``school init`` wrote, and what to do next."""
    data = result.written[0]
    lines = [
        f"Создан {data}: заготовка школьной программы (категории, направления, цель, задачи и показатели из образца)."
    ]
    if result.known:
        known = result.known
        lines.append(
            f"Из дорожной карты: {known.name}, срок, параметров — {len(known.parameters)}, мероприятий с участием "
            f"школы — {len(known.events)} (в комментарии)."
        )
    from .jsonschema import schema_summary_lines

    lines += schema_summary_lines(result.written[1:], result.kept, "programme")
    lines += [
        "Дальше: впишите школу, приказ, срок, сроки этапов и меры дорожной карты, затем",
        f"  neuspeh validate {data}",
        f"  neuspeh build {data}",
    ]
    return lines
