"""Generate the two large examples that test the layout with realistic volumes.

Run from the repository root: ``python tools/make_large_examples.py``.

* ``examples/large-62-parameters-2025.yaml`` — all 62 parameters of the catalog
  in section I over 25 schools (9 of them ШНОР), one or two events per block of
  the catalog's recommended municipal measures, so every parameter is addressed;
* ``examples/large-150-events-2025.yaml`` — a school-year roadmap
  (сентябрь 2025 – май 2026) with 150 events over 22 parameters, approved by an
  order, with structured quality indicators.

The content is assembled from the catalog's own wording (parameters and
measures) and from everyday Russian event vocabulary; it is plausible, not
real. The choice is seeded: the same script writes the same files.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "src"))

from neuspeh_cli.domain.catalog import load_catalog  # noqa: E402

SCHOOLS = [
    ("sosh1", "МБОУ СОШ № 1", False),
    ("sosh2", "МБОУ СОШ № 2", True),
    ("sosh3", "МБОУ СОШ № 3", False),
    ("sosh4", "МБОУ СОШ № 4", True),
    ("sosh5", "МБОУ СОШ № 5", False),
    ("sosh6", "МАОУ СОШ № 6", False),
    ("sosh7", "МБОУ СОШ № 7", True),
    ("sosh8", "МБОУ СОШ № 8", False),
    ("sosh9", "МБОУ СОШ № 9", True),
    ("sosh11", "МБОУ СОШ № 11", False),
    ("sosh12", "МБОУ СОШ № 12", True),
    ("sosh14", "МБОУ «СОШ № 14»", False),
    ("sosh15", "МБОУ СОШ № 15", True),
    ("sosh17", "МБОУ СОШ № 17", False),
    ("sosh18", "МБОУ СОШ № 18", False),
    ("oosh20", "МКОУ ООШ № 20", True),
    ("oosh22", "МКОУ ООШ № 22", True),
    ("oosh23", "МКОУ ООШ № 23", False),
    ("licey1", "МБОУ лицей № 1", False),
    ("gimnaziya2", "МАОУ гимназия № 2", False),
    ("gimnaziya3", "МБОУ гимназия № 3", False),
    ("novoselskaya", "МБОУ Новосельская СОШ", False),
    ("sosh24", "МБОУ СОШ № 24", True),
    ("kamennobrodskaya", "МКОУ Каменнобродская ООШ", False),
    ("privolnenskaya", "МБОУ Привольненская СОШ", False),
]
SHNOR = [s for s, _, shnor in SCHOOLS if shnor]

FORMS = [
    "тематический семинар",
    "семинар-практикум",
    "мастер-класс",
    "консультирование",
    "совещание",
    "стажировка",
    "тренинг",
    "круглый стол",
    "заседание рабочей группы",
    "вебинар",
    "конференция",
    "посещение ОО",
    "стратегическая сессия",
    "конкурс",
]
CONTROL_FORMS = ["контрольные собеседования", "экспертные выезды", "аудит", "мониторинг"]
CONTINGENTS = [
    "Руководители и заместители руководителей всех ОО",
    "Заместители руководителей ШНОР по учебно-воспитательной работе",
    "Учителя начальных классов, математики и русского языка всех ОО (в том числе ШНОР)",
    "Педагоги-психологи, социальные педагоги, классные руководители ОО",
    "Молодые педагоги со стажем работы менее 5 лет и их наставники",
    "Руководители РМО, методисты ТМС",
    "Руководители ШНОР, специалисты УО",
    "Учителя-предметники ШНОР, педагоги школ-партнёров",
    "Родители (законные представители) обучающихся ОО",
    "Обучающиеся 5–9 классов с рисками учебной неуспешности, педагоги ОО",
]
PLACES = [
    "УО",
    "ТМС",
    "МАОУ гимназия № 2",
    "МБОУ лицей № 1",
    "МБОУ СОШ № 5",
    "ППМС-центр",
    "ОО",
    "ОО (дистанционно)",
    "МБОУ СОШ № 17",
    "ГДК",
]
RESPONSIBLE = [
    "УО, ТМС",
    "ТМС",
    "УО",
    "ТМС, руководители РМО",
    "ТМС, МНЦ",
    "УО, ТМС, ППМС-центр",
    "ТМС, руководители ОО",
    "ТМС, МТКП",
]
MONTHS = ["январь", "февраль", "март", "апрель", "май", "июнь", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"]
SCHOOL_YEAR_MONTHS = [
    ("сентябрь", 2025),
    ("октябрь", 2025),
    ("ноябрь", 2025),
    ("декабрь", 2025),
    ("январь", 2026),
    ("февраль", 2026),
    ("март", 2026),
    ("апрель", 2026),
    ("май", 2026),
]
TOPICS = [
    "для учителей математики",
    "для учителей русского языка",
    "для учителей начальных классов",
    "для руководителей ШНОР",
    "для молодых педагогов",
    "для классных руководителей",
    "для педагогов-психологов",
    "в ШНОР",
    "на базе школ-партнёров",
    "по итогам ВПР",
]

MONITORING = "Мониторинг подготовки и реализации внутришкольных систем профилактики учебной неуспешности"


def q(text: str) -> str:
    """A YAML scalar: quoted when it would otherwise be read as something else."""
    if any(c in text for c in ':#{}[],&*!|>%@`"') or text[:1] in "«-?" or text != text.strip():
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def header(comment: str) -> list[str]:
    return [
        "# yaml-language-server: $schema=../src/neuspeh_cli/schemas/roadmap.schema.json",
        "#",
        *[f"# {line}" for line in comment.strip().splitlines()],
        "kind: roadmap",
        "",
    ]


def schools_yaml() -> list[str]:
    lines = ["schools:"]
    for sid, name, shnor in SCHOOLS:
        lines.append(f"  - {{id: {sid}, name: {q(name)}" + (", shnor: true}" if shnor else "}"))
    return lines + [""]


def event_yaml(e: dict) -> list[str]:
    lines = [f"  - id: {e['id']}", f"    name: {q(e['name'])}", f"    form: {q(e['form'])}"]
    if isinstance(e["parameters"], str):
        lines.append(f"    parameters: {e['parameters']}")
    else:
        lines.append("    parameters: [" + ", ".join(e["parameters"]) + "]")
    lines.append("    groups: [" + ", ".join(e["groups"]) + "]")
    if e.get("shnor"):
        lines.append("    shnor: " + (e["shnor"] if isinstance(e["shnor"], str) else "[" + ", ".join(e["shnor"]) + "]"))
    for key in ("contingent", "place", "dates", "responsible"):
        lines.append(f"    {key}: {q(e[key])}")
    return lines


def looks_like_the_monitoring(measure: str) -> bool:
    """A measure worded like the mandatory monitoring would be taken for it (by a reader, and by `import`)."""
    text = measure.lower()
    return "мониторинг" in text and "внутришкольн" in text


FULL_NAME = {sid: name for sid, name, _ in SCHOOLS}


def event_name(measure: str, rnd: random.Random) -> str:
    text = measure.strip().rstrip(".")
    if len(text) > 150:
        text = text[:150].rsplit(" ", 1)[0]
    return capital(text) if rnd.random() < 0.6 else f"«{capital(text)}»"


def plain_event(rnd: random.Random, index: int, name: str, parameters, dates: str, where: dict[str, list[str]]) -> dict:
    """An event; the ШНОР where its parameters show take part in it (the method's check wants each reached)."""
    taking_part = sorted({s for p in parameters for s in where.get(p, [])}, key=[s for s, _, _ in SCHOOLS].index)
    return {
        "id": f"e{index:03d}",
        "name": name,
        "form": rnd.choice(FORMS),
        "parameters": parameters,
        "groups": ["municipal", "shnor"] if taking_part else ["municipal"],
        "shnor": taking_part or None,
        "contingent": rnd.choice([c for c in CONTINGENTS if taking_part or "ШНОР" not in c])
        + (f" (ШНОР: {', '.join(FULL_NAME[s] for s in taking_part)})" if taking_part and rnd.random() < 0.5 else ""),
        "place": rnd.choice(PLACES),
        "dates": dates,
        "responsible": rnd.choice(RESPONSIBLE),
    }


def control_events(start: int, dates: list[str]) -> list[dict]:
    return [
        {
            "id": f"e{start:03d}",
            "name": MONITORING,
            "form": "мониторинг",
            "parameters": "все выявленные параметры",
            "groups": ["control"],
            "shnor": "все",
            "contingent": "Руководители и заместители руководителей всех ОО",
            "place": "ТМС",
            "dates": dates[0],
            "responsible": "УО, ТМС",
        },
        {
            "id": f"e{start + 1:03d}",
            "name": "Экспертиза внутришкольных программ профилактики учебной неуспешности ШНОР",
            "form": "экспертные выезды",
            "parameters": "все выявленные параметры",
            "groups": ["control", "shnor"],
            "shnor": "все",
            "contingent": "Руководители и заместители руководителей ШНОР",
            "place": "ШНОР",
            "dates": dates[1],
            "responsible": "УО, ТМС",
        },
    ]


INDICATORS = [
    (
        "q1",
        "Доля ШНОР с утверждённой внутришкольной программой профилактики учебной неуспешности",
        "%",
        44,
        100,
        "мониторинг ТМС",
        "2 раза в год",
    ),
    (
        "q2",
        "Доля обучающихся с рисками учебной неуспешности, для которых разработаны индивидуальные образовательные "
        "маршруты",
        "%",
        35,
        90,
        "ВСОКО",
        "ежеквартально",
    ),
    (
        "q3",
        "Доля педагогов ШНОР, прошедших повышение квалификации по вопросам преодоления учебной неуспешности",
        "%",
        28,
        75,
        "отчёты ОО",
        "1 раз в год",
    ),
    (
        "q4",
        "Число ШНОР, заключивших договоры о сетевом взаимодействии со школами-партнёрами",
        "шт.",
        3,
        9,
        "мониторинг ТМС",
        "1 раз в полугодие",
    ),
    (
        "q5",
        "Доля обучающихся ШНОР, не достигших базового уровня по результатам ВПР по математике",
        "%",
        21.5,
        12,
        "результаты ВПР",
        "1 раз в год",
    ),
    ("q6", "Средний балл ОГЭ по русскому языку в ШНОР", "балл", 24.1, 26, "результаты ГИА", "1 раз в год"),
]


def indicators_yaml() -> list[str]:
    lines = ["  indicators:"]
    for id_, text, unit, baseline, target, source, frequency in INDICATORS:
        lines += [
            f"    - id: {id_}",
            f"      text: {q(text)}",
            f"      unit: {q(unit)}",
            f"      baseline: {baseline}",
            f"      target: {target}",
            f"      source: {q(source)}",
            f"      frequency: {q(frequency)}",
        ]
    return lines


def large_62(catalog) -> str:
    rnd = random.Random(62)
    lines = header(
        """
Большой пример для проверки вёрстки: все 62 параметра «Конструктора» в разделе I,
25 ОО (9 ШНОР), по одному-два мероприятия на каждый блок рекомендуемых мер.
Данные условные, собраны скриптом tools/make_large_examples.py из формулировок
каталога; муниципалитет, школы, даты и фамилии придуманы.
"""
    )
    lines += [
        "document:",
        "  municipality: Условный район",
        "  year: 2025",
        "  body: Управление образования администрации муниципального образования Условный район",
        "  approval:",
        "    position: Начальник управления образования администрации муниципального образования Условный район",
        "    name: О.В. Кравченко",
        '    date: "30.01.2025"',
        "",
    ]
    lines += schools_yaml()
    lines.append("audit:")
    where: dict[str, list[str]] = {}
    for factor in catalog.factors:
        lines.append(f"  # {factor.number}. {factor.title}")
        for parameter in factor.parameters:
            lines.append(f"  - parameter: {parameter.id}")
            if factor.id == "methodical-service":
                continue  # concerns the УО and ТМС themselves: no school
            chosen = sorted(rnd.sample(SHNOR, rnd.randint(1, 7)), key=[s for s, _, _ in SCHOOLS].index)
            where[parameter.id] = chosen
            lines.append("    schools: [" + ", ".join(chosen) + "]")
    lines += ["", "events:"]
    index = 1
    for factor in catalog.factors:
        lines.append(f"  # {factor.number}. {factor.title}")
        for group in factor.measures:
            usable = [m for m in group.municipal if not looks_like_the_monitoring(m)] or [
                f"{factor.title}: обмен опытом ОО муниципалитета"
            ]
            for measure in usable[: rnd.choice((1, 2))]:
                month = rnd.choice(MONTHS)
                event = plain_event(
                    rnd, index, event_name(measure, rnd), list(group.parameters), f"{capital(month)} 2025", where
                )
                lines += event_yaml(event)
                index += 1
    lines.append("  # Контроль подготовки и реализации внутришкольных систем профилактики")
    control = control_events(index, ["Июнь 2025, декабрь 2025", "Октябрь – ноябрь 2025"])
    for event in control:
        lines += event_yaml(event)
    lines += ["", "monitoring:", f"  events: [{control[0]['id']}]"] + indicators_yaml() + [""]
    return "\n".join(lines)


def large_150(catalog) -> str:
    rnd = random.Random(150)
    chosen = [p for f in catalog.factors for p in f.parameters[:2]][:22]
    lines = header(
        """
Большой пример для проверки вёрстки: 150 мероприятий на 2025/2026 учебный год
(сентябрь 2025 – май 2026), 22 параметра, утверждение приказом, показатели
качества в структурной форме. Данные условные, собраны скриптом
tools/make_large_examples.py из формулировок каталога.
"""
    )
    lines += [
        "document:",
        "  municipality: Условный городской округ",
        "  period: {start: сентябрь 2025, end: май 2026}",
        "  body: Управление образования администрации Условного городского округа",
        "  approval:",
        "    order:",
        "      body: управления образования администрации Условного городского округа",
        '      date: "29.08.2025"',
        '      number: "01-07/415"',
        "  signature:",
        "    position: Начальник управления образования администрации Условного городского округа",
        "    name: Н.С. Белоусова",
        "",
    ]
    lines += schools_yaml()
    lines.append("audit:")
    where: dict[str, list[str]] = {}
    for parameter in chosen:
        schools = sorted(rnd.sample(SHNOR, rnd.randint(2, 6)), key=[s for s, _, _ in SCHOOLS].index)
        where[parameter.id] = schools
        lines += [f"  - parameter: {parameter.id}", "    schools: [" + ", ".join(schools) + "]"]
    lines += ["", "events:"]
    measures = []
    for parameter in chosen:
        for group in catalog.measures_for(parameter.id):
            for measure in group.municipal:
                if not looks_like_the_monitoring(measure):
                    measures.append((measure, parameter.id))
    measures = list({text: (text, parameter) for text, parameter in reversed(measures)}.values())[
        ::-1
    ]  # one event per measure text
    index = 1
    while index <= 148:
        measure, parameter = measures[(index - 1) % len(measures)]
        name = event_name(measure, rnd)
        if index > len(measures):
            name = f"{name.rstrip('»')} {rnd.choice(TOPICS)}" + ("»" if name.startswith("«") else "")
        month, year = rnd.choice(SCHOOL_YEAR_MONTHS)
        dates = (
            f"{capital(month)} {year}"
            if rnd.random() < 0.8
            else rnd.choice(
                [
                    "В течение года",
                    "По отдельному графику",
                    "Ежемесячно",
                    "Октябрь 2025, март 2026",
                    "Ноябрь – декабрь 2025",
                ]
            )
        )
        extra = [p.id for p in rnd.sample(chosen, rnd.choice((0, 0, 1, 2)))]
        parameters = list(dict.fromkeys([parameter, *extra]))
        lines += event_yaml(plain_event(rnd, index, name, parameters, dates, where))
        index += 1
    control = control_events(index, ["Декабрь 2025, май 2026", "Февраль – март 2026"])
    for event in control:
        lines += event_yaml(event)
    lines += ["", "monitoring:", f"  events: [{control[0]['id']}]"] + indicators_yaml() + [""]
    return "\n".join(lines)


def main() -> None:
    catalog = load_catalog(None)
    for name, text in (
        ("large-62-parameters-2025.yaml", large_62(catalog)),
        ("large-150-events-2025.yaml", large_150(catalog)),
    ):
        (ROOT / "examples" / name).write_text(text, encoding="utf-8")
        print(f"examples/{name}")


if __name__ == "__main__":
    main()
