"""Generate a folder of plausible municipalities' files for the institute's review.

Every municipality gets a roadmap (format v2, see README/docs) and, for some of
its ШНОР, a school programme; some municipalities submit nothing or only
programmes, and some files carry the mistakes real submissions carry:
unaddressed parameters, no monitoring, empty cells, dates in the wrong year, a
broken YAML file, a file in Windows-1251, a duplicated key, a mistyped
parameter id, forgotten drafts. Output is a pure function of the options and the
seed: every municipality draws from its own random stream, so the corpus does
not change when generated in parallel.

    python tools/make_region.py examples/region --preset example --force
    python tools/make_region.py /tmp/corpus --preset benchmark --jobs 2

The data are invented: names of municipalities, schools and people are made up.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from neuspeh_cli.domain.dates import MONTH_NAMES

# ---------------------------------------------------------------- name banks

STEMS = [
    "Берёзовский",
    "Ольховский",
    "Камышовский",
    "Ковыльный",
    "Степной",
    "Лиманский",
    "Тополинский",
    "Вишнёвский",
    "Заречный",
    "Ясеневский",
    "Калиновский",
    "Рябиновский",
    "Сосновский",
    "Кленовский",
    "Дубравный",
    "Липецкий",
    "Ивановский",
    "Покровский",
    "Троицкий",
    "Никольский",
    "Светлоярский",
    "Каменский",
    "Озёрный",
    "Луговской",
    "Полевской",
    "Садовый",
    "Чернореченский",
    "Белореченский",
    "Краснопольский",
    "Ракитянский",
    "Медвежинский",
    "Соколовский",
    "Журавлёвский",
    "Лебяжинский",
    "Орловский",
    "Гусевский",
    "Лисичанский",
    "Зеленоградский",
    "Горностаевский",
    "Осиновский",
    "Серебрянский",
    "Малиновский",
    "Ромашковский",
    "Васильковский",
    "Подгорный",
    "Приволжский",
    "Нагорный",
    "Прибрежный",
    "Песчанский",
    "Глинищевский",
    "Кременский",
    "Мирный",
    "Раздольненский",
    "Привольненский",
    "Широковский",
    "Тихореченский",
    "Ярославский",
    "Успенский",
    "Родниковский",
    "Ключевской",
    "Ветлужский",
    "Сухоложский",
    "Долинский",
    "Холмогорский",
    "Борисоглебский",
    "Знаменский",
    "Вознесенский",
    "Крестовский",
    "Рождественский",
    "Спасский",
    "Петровский",
    "Алексеевский",
    "Михайловский",
    "Григорьевский",
    "Андреевский",
    "Дмитриевский",
    "Елизаветинский",
    "Екатерининский",
    "Мариинский",
    "Ольгинский",
]
PREFIXES = ["", "Ново", "Старо", "Верхне", "Нижне", "Красно", "Бело", "Усть-"]
CITY_STEMS = [
    "Приозёрск",
    "Светлогорск",
    "Каменск",
    "Лесногорск",
    "Солнечногорск",
    "Новоречинск",
    "Староградск",
    "Озерск",
    "Белогорск",
    "Краснозёрск",
    "Зеленодольск",
    "Сосновоборск",
    "Ясногорск",
    "Тихогорск",
    "Среднегорск",
    "Верхнеозёрск",
    "Заводск",
    "Речинск",
    "Мирногорск",
    "Горноключевск",
]
REGIONS = [
    "Южная область",
    "Северная область",
    "Приречный край",
    "Степной край",
    "Озёрная область",
    "Горная республика",
    "Лесная область",
    "Приморская область",
    "Заволжская область",
    "Уральская область",
    "Черноземная область",
    "Прибрежный край",
]
VILLAGE_ADJ = [
    "Волошинская",
    "Вольненская",
    "Кирпильская",
    "Ладожская",
    "Зеленчукская",
    "Воронежская",
    "Двубратская",
    "Тенгинская",
    "Некрасовская",
    "Суворовская",
    "Александровская",
    "Раздольненская",
    "Новолабинская",
    "Бейсужекская",
    "Ирклиевская",
    "Челбасская",
    "Ясенская",
    "Камышеватская",
    "Привольненская",
    "Медведовская",
    "Роговская",
    "Поповическая",
    "Крупская",
    "Хуторская",
]
SURNAMES_F = [
    "Иванова",
    "Смирнова",
    "Кузнецова",
    "Попова",
    "Соколова",
    "Лебедева",
    "Козлова",
    "Новикова",
    "Морозова",
    "Петрова",
    "Волкова",
    "Соловьёва",
    "Васильева",
    "Зайцева",
    "Павлова",
    "Семёнова",
    "Голубева",
    "Виноградова",
    "Богданова",
    "Воробьёва",
]
SURNAMES_M = [
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Соколов",
    "Лебедев",
    "Козлов",
    "Новиков",
    "Морозов",
    "Петров",
    "Волков",
    "Соловьёв",
    "Васильев",
    "Зайцев",
    "Павлов",
    "Семёнов",
]
INITIALS = "АВГДЕИКЛМНОПРСТЮ"
SUBJECTS = [
    "математики",
    "русского языка",
    "физики",
    "химии",
    "биологии",
    "истории",
    "английского языка",
    "начальных классов",
    "информатики",
    "географии",
    "литературы",
]
HONOREES = [
    "А.С. Пушкина",
    "Героя Советского Союза И.В. Панфилова",
    "М.Ю. Лермонтова",
    "Ю.А. Гагарина",
    "К.Д. Ушинского",
    "А.П. Чехова",
    "В.И. Вернадского",
]

# ---------------------------------------------------------------- events

# Per factor: titles of implementation events, as municipalities word them.
TOPICS: dict[str, list[str]] = {
    "equipment": [
        "«Подготовка документации для участия в федеральной программе модернизации школьных систем образования»",
        "«Грантовые конкурсы: как школе привлечь ресурсы»",
        "«Сетевое партнёрство: ресурсы центров „Точка роста“ для школ района»",
        "«Цифровая образовательная среда: эффективное использование оборудования»",
        "«Внебюджетные средства школы: платные дополнительные образовательные услуги»",
    ],
    "contingent": [
        "«Взаимодействие ШВР и служб системы профилактики»",
        "«Сопровождение обучающихся из семей, находящихся в социально опасном положении»",
        "«Адаптированные образовательные программы для обучающихся с ОВЗ»",
        "«Тьюторское сопровождение обучающихся с трудностями в обучении»",
        "«Профилактика девиантного поведения: работа ШВР»",
        "«Индивидуальный образовательный маршрут обучающегося, находящегося в трудной жизненной ситуации»",
    ],
    "language-barriers": [
        "«Русский язык как неродной: методики обучения»",
        "«Социализация детей-мигрантов в школе»",
        "«Диагностика уровня владения русским языком»",
        "«Консультативная помощь семьям мигрантов»",
    ],
    "staffing": [
        "«Целевое обучение: от школьника к педагогу»",
        "«Педагогический класс: открытие и сопровождение»",
        "«Кадровый резерв руководителей ОО»",
        "«Школа молодого руководителя»",
        "«Ярмарка вакансий педагогических работников»",
    ],
    "teacher-competence": [
        "«Формирующее оценивание на уроке»",
        "«Дифференцированное обучение в классе с разным уровнем подготовки»",
        "«Функциональная грамотность: задания и оценивание»",
        "«Современный урок: деятельностный подход»",
        "«Трудные темы ОГЭ: методика подготовки»",
        "«Методика подготовки к ВПР»",
    ],
    "professional-development": [
        "«Наставничество в школе: организация, документы, эффективные практики»",
        "«От курсов к уроку: внедрение результатов повышения квалификации в практику»",
        "«Профессиональные обучающиеся сообщества учителей»",
        "«Взаимопосещение уроков: анализ и обратная связь»",
        "«Педагогический дебют»",
    ],
    "internal-assessment": [
        "«Объективность оценивания образовательных результатов»",
        "«ВСОКО: согласование внутреннего и внешнего оценивания»",
        "«Критерии оценивания и перепроверка работ ВПР»",
        "«График оценочных процедур: как избежать перегрузки обучающихся»",
        "«Метапредметные результаты: инструменты контроля»",
    ],
    "at-risk-students": [
        "«Индивидуальный образовательный маршрут обучающегося с рисками учебной неуспешности»",
        "«Учебная мотивация: как вернуть интерес к учёбе»",
        "«Коррекционно-развивающие занятия: организация и содержание»",
        "«Работа с неуспевающими: дополнительные занятия и консультации»",
        "«Ранняя диагностика трудностей в обучении»",
    ],
    "parents": [
        "«Семья и школа: вместе к успеху ребёнка»",
        "«Как рассказать родителям о динамике образовательных достижений ребёнка»",
        "«Родительский всеобуч»",
        "«Открытая школа: день открытых дверей для родителей»",
        "«Учимся вместе»",
    ],
    "school-climate": [
        "«Школьная служба примирения»",
        "«Профилактика буллинга в образовательной среде»",
        "«Профессиональное выгорание педагога: профилактика и поддержка»",
        "«Профориентация: от интереса к выбору профессии»",
        "«Комфортная школа: психологический климат в коллективе»",
    ],
    "methodical-service": [
        "«Адресное методическое сопровождение ШНОР по результатам аудита»",
        "«Я – эффективный специалист»",
        "«Школа молодого методиста»",
        "«Анализ образовательных результатов: компетенции специалиста ТМС»",
    ],
}
# (form, weight); a few everyday forms the method does not name are kept on purpose.
IMPLEMENTATION_FORMS = [
    ("тематический семинар", 10),
    ("семинар-практикум", 6),
    ("совещание", 5),
    ("мастер-класс", 6),
    ("тренинг", 3),
    ("стажировка", 4),
    ("консультирование", 5),
    ("разработка ИОМ", 2),
    ("конкурс", 2),
    ("фестиваль", 1),
    ("конференция", 2),
    ("заседание рабочей группы", 2),
    ("посещение ОО", 2),
    ("вебинар", 4),
    ("заседание РМО", 3),
    ("практикум", 2),
    ("акция", 1),
    ("марафон", 1),
    ("педсовет", 1),
]
CONTROL_EVENTS = [
    ("«Внутришкольная программа профилактики учебной неуспешности: ход реализации»", "экспертные выезды"),
    ("«Реализация внутришкольных систем профилактики учебной неуспешности: итоги года»", "контрольные собеседования"),
    ("Аудит внутришкольных систем оценки качества образования ШНОР", "аудит"),
    ("«Итоги реализации муниципальной дорожной карты»", "круглый стол"),
    ("Анализ результатов ВПР и ОГЭ в ШНОР", "исследование"),
    ("Отчёт ШНОР о реализации внутришкольных программ", "отчёт"),
]
MONITORING_NAME = "Мониторинг подготовки и реализации внутришкольных систем профилактики учебной неуспешности"
# Per factor: who takes part; «{who}» is completed with «всех ОО» or «ШНОР (СОШ № 5, 8)».
AUDIENCES: dict[str, list[str]] = {
    "equipment": [
        "Руководители и заместители руководителей {who}",
        "Ответственные за цифровую образовательную среду {who}",
    ],
    "contingent": [
        "Руководители ШВР, социальные педагоги, педагоги-психологи {who}",
        "Социальные педагоги и классные руководители {who}",
    ],
    "language-barriers": [
        "Учителя начальных классов и русского языка {who}",
        "Педагоги-психологи и классные руководители {who}",
    ],
    "staffing": [
        "Руководители {who}",
        "Резерв управленческих кадров {who}",
        "Заместители руководителей {who} со стажем руководящей работы менее 5 лет",
    ],
    "teacher-competence": [
        "Учителя {subject} {who}",
        "Молодые педагоги со стажем работы до 3 лет {who}",
        "Руководители школьных методических объединений {who}",
    ],
    "professional-development": [
        "Заместители руководителей и кураторы наставничества {who}",
        "Наставники и молодые педагоги {who}",
    ],
    "internal-assessment": [
        "Заместители руководителей по учебно-воспитательной работе {who}",
        "Руководители РМО и учителя {subject} {who}",
    ],
    "at-risk-students": [
        "Классные руководители и педагоги-психологи {who}",
        "Учителя {subject} {who}",
        "Заместители руководителей {who}",
    ],
    "parents": ["Родители (законные представители) обучающихся {who}", "Классные руководители {who}"],
    "school-climate": ["Педагоги-психологи и социальные педагоги {who}", "Педагогические коллективы {who}"],
}
SUBJECT_FACTORS = ("teacher-competence", "internal-assessment", "at-risk-students")
CONTINGENT_SERVICE = ["Специалисты УО, методисты ТМС", "Методисты ТМС", "Руководители РМО, методисты ТМС"]
PLACES = ["УО", "ТМС", "ТМС (онлайн)", "ОО", "ШНОР", "ГДК", "Районный дом культуры", "ППМС-центр", "МНЦ"]
RESPONSIBLE = [
    "УО, ТМС",
    "ТМС",
    "Руководитель ТМС",
    "УО",
    "УО, ТМС, ППМС",
    "МНЦ, ТМС",
    "УО, руководители ШНОР",
    "ТМС, руководители ОО",
]
MONTHS = MONTH_NAMES  # the tool's own month names: a generated date reads as the tool reads it
INDICATORS = [
    (
        "Доля ШНОР с утверждённой внутришкольной программой профилактики учебной неуспешности",
        "%",
        40,
        100,
        "мониторинг ТМС",
        "2 раза в год",
    ),
    (
        "Доля обучающихся с рисками учебной неуспешности, имеющих индивидуальный образовательный маршрут",
        "%",
        35,
        90,
        "данные ОО",
        "ежеквартально",
    ),
    (
        "Доля обучающихся с рисками учебной неуспешности, показавших положительную динамику образовательных "
        "результатов",
        "%",
        20,
        50,
        "ВСОКО",
        "по итогам полугодия",
    ),
    ("Доля педагогов ШНОР, включённых в систему наставничества", "%", 15, 60, "мониторинг ТМС", "2 раза в год"),
    (
        "Доля обучающихся, подтвердивших на ВПР отметки за предыдущую четверть",
        "%",
        55,
        75,
        "результаты ВПР",
        "1 раз в год",
    ),
    ("Число педагогов ШНОР, прошедших стажировку", "чел.", 0, 25, "отчёты ТМС", "по итогам года"),
    (
        "Доля родителей обучающихся с рисками учебной неуспешности, участвовавших в мероприятиях ОО",
        "%",
        30,
        70,
        "анкетирование",
        "2 раза в год",
    ),
    (
        "Средний балл самодиагностики внутришкольной системы профилактики",
        "балл",
        2.1,
        3.5,
        "самодиагностика ОО",
        "2 раза в год",
    ),
]
VAGUE_INDICATORS = ["Наличие программы", "Проведение мероприятий", "Повышение качества образования"]

MISTAKES = [
    "unaddressed",  # a parameter with no event of its own
    "no-monitoring",  # no monitoring event, no monitoring section
    "no-indicators",  # monitoring without quality indicators
    "empty-cells",  # events with empty contingent / place / responsible
    "wrong-dates",  # dates in another year
    "broken-yaml",  # bad indentation: the file does not parse
    "cp1251",  # saved in Windows-1251
    "duplicate-key",  # a key written twice in one event
    "unknown-parameter",  # a mistyped parameter id
    "drafts",  # draft events left in
    "only-shnor-listed",  # schools lists only the ШНОР
    "no-roadmap",  # programmes submitted, the roadmap is not
    "absent",  # nothing submitted at all
]
TYPOS = {"shortage": "shortge", "teacher": "teacher", "students": "studens", "parents": "parrents", "low": "lov"}


# ---------------------------------------------------------------- configuration


@dataclass
class Config:
    municipalities: int = 46
    regions: int = 1
    events_min: int = 15
    events_max: int = 70
    events_mean: float = 35.0
    programmes: float = 0.6  # share of ШНОР with a programme file
    mistakes: float = 0.45  # share of municipalities with at least one mistake
    layout: str = "mixed"  # nested | mixed | flat
    missing: bool = True  # some municipalities submit no roadmap (off for a corpus of exactly N roadmaps)
    seed: int = 2025
    year: int = 2025


PRESETS = {
    "example": Config(),
    "benchmark": Config(
        municipalities=2500,
        regions=85,
        events_min=20,
        events_max=200,
        events_mean=62.0,
        programmes=0.0,
        mistakes=0.2,
        layout="nested",
        missing=False,
    ),
}


@dataclass
class School:
    id: str
    name: str
    shnor: bool = False


@dataclass
class Municipality:
    index: int
    region: str
    name: str
    slug: str
    mistakes: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- helpers


def slug(text: str) -> str:
    """A folder or file name from a Russian name: the same transliteration as school ids."""
    from neuspeh_cli.scaffold import transliterate

    return transliterate(text)


_PLAIN_FORBIDDEN_START = tuple("-?:,[]{}#&*!|>'\"%@`")


def q(value) -> str:
    """A YAML scalar as a person would write it: plain when safe, else double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    needs = (
        not text
        or text.startswith(_PLAIN_FORBIDDEN_START)
        or text != text.strip()
        or ": " in text
        or " #" in text
        or text.endswith(":")
        or text.lower() in ("yes", "no", "true", "false", "null", "on", "off", "~")
        or text.replace(".", "").replace(",", "").replace("-", "").isdigit()
    )
    return json.dumps(text, ensure_ascii=False) if needs else text


def flow_list(items: Iterable[str]) -> str:
    return "[" + ", ".join(q(i) for i in items) + "]"


def person(rng: random.Random) -> str:
    female = rng.random() < 0.75  # most heads of УО and ТМС in the sample are women
    surname = rng.choice(SURNAMES_F if female else SURNAMES_M)
    return f"{rng.choice(INITIALS)}.{rng.choice(INITIALS)}. {surname}"


def short(name: str) -> str:
    for legal in ("МБОУ ", "МАОУ ", "МКОУ ", "МОУ "):
        if name.startswith(legal):
            name = name[len(legal) :]
    return name.strip("«»") if name.count("«") == 1 and name.startswith("«") else name


def compact(names: list[str]) -> str:
    """«СОШ № 5, 8; Волошинская СОШ» as roadmaps list schools."""
    groups: dict[str, list[str]] = {}
    others: list[str] = []
    for name in names:
        text = short(name)
        if "№" in text and " имени " not in text:
            kind, number = text.split("№", 1)
            groups.setdefault(kind.strip(), []).append(number.strip())
        else:
            others.append(text)
    parts = [f"{kind} № {', '.join(numbers)}" for kind, numbers in groups.items()]
    return "; ".join(parts + others)


# ---------------------------------------------------------------- municipality names


def municipality_names(count: int, seed: int) -> list[str]:
    rng = random.Random(f"names-{seed}")
    # Plain names first («Берёзовский район»), prefixed ones («Новоберёзовский») only for big corpora.
    tiers: list[list[str]] = [[], []]
    for prefix in PREFIXES:
        for stem in STEMS:
            adjective = prefix + (stem if prefix.endswith("-") else stem.lower()) if prefix else stem
            tiers[bool(prefix)] += [f"{adjective} район", f"{adjective} муниципальный округ"]
            tiers[1] += [f"{adjective} городской округ", f"{adjective} муниципальный район"]
    for prefix in ("", "Ново", "Верхне"):
        for city in CITY_STEMS:
            tiers[bool(prefix)].append("город " + ((prefix + city.lower()) if prefix else city))
    names = []
    for tier in tiers:
        tier = sorted(set(tier) - set(names))
        rng.shuffle(tier)
        names += tier
    if count > len(names):
        raise SystemExit(f"не больше {len(names)} муниципалитетов")
    return names[:count]


# ---------------------------------------------------------------- one municipality


class Maker:
    def __init__(self, catalog, config: Config):
        self.catalog = catalog
        self.config = config
        self.factor_of = {p.id: f.id for f in catalog.factors for p in f.parameters}
        self.parameter_ids = [p.id for f in catalog.factors for p in f.parameters]
        # How often municipalities find each factor: staffing and competence dominate, language barriers are rare.
        weights = {
            "equipment": 4,
            "contingent": 5,
            "language-barriers": 1,
            "staffing": 9,
            "teacher-competence": 9,
            "professional-development": 7,
            "internal-assessment": 6,
            "at-risk-students": 8,
            "parents": 6,
            "school-climate": 4,
            "methodical-service": 3,
        }
        self.weights = [weights.get(self.factor_of[p], 3) for p in self.parameter_ids]

    # --- schools

    def schools(self, rng: random.Random, size: str, name: str) -> list[School]:
        count = {"small": rng.randint(4, 9), "medium": rng.randint(10, 24), "large": rng.randint(25, 60)}[size]
        used_numbers: set[int] = set()
        schools: list[School] = []
        adjectives = list(VILLAGE_ADJ)
        rng.shuffle(adjectives)
        for i in range(count):
            roll = rng.random()
            number = self._number(rng, used_numbers, count)
            legal = rng.choices(["МБОУ", "МАОУ", "МКОУ"], [6, 2, 1])[0]
            if i == 0 and size != "small":
                school = School(f"licey{number}", f"{legal} лицей № {number}")
            elif i == 1 and size != "small":
                school = School(f"gimnaziya{number}", f"{legal} гимназия № {number}")
            elif roll < 0.12 and adjectives:
                adjective = adjectives.pop()
                school = School(slug(adjective)[:14], f"{legal} {adjective} СОШ")
            elif roll < 0.25:
                school = School(f"oosh{number}", f"МКОУ ООШ № {number}")
            elif roll < 0.3:
                school = School(f"sosh{number}", f"{legal} «СОШ № {number}»")
            elif roll < 0.35:
                school = School(f"sosh{number}", f"{legal} СОШ № {number} имени {rng.choice(HONOREES)}")
            else:
                school = School(f"sosh{number}", f"{legal} СОШ № {number}")
            schools.append(school)
        schools.sort(key=lambda s: (not s.id.startswith(("licey", "gimnaziya")), _number_of(s.id), s.id))
        if rng.random() < 0.1:
            return schools  # a year without ШНОР: risks recorded «по каждой ОО»
        shnor_count = max(1, round(count * rng.uniform(0.1, 0.35)))
        for school in rng.sample(
            [s for s in schools if not s.id.startswith(("licey", "gimnaziya"))],
            min(shnor_count, count - 2 if count > 4 else 1),
        ):
            school.shnor = True
        return schools

    @staticmethod
    def _number(rng: random.Random, used: set[int], count: int) -> int:
        while True:
            number = rng.randint(1, max(12, count * 2))
            if number not in used:
                used.add(number)
                return number

    # --- audit

    def audit(self, rng: random.Random, schools: list[School]) -> list[dict]:
        pool = [s for s in schools if s.shnor] or schools
        count = min(len(self.parameter_ids), max(2, int(rng.triangular(2, 14, 6))))
        chosen: list[str] = []
        while len(chosen) < count:
            parameter = rng.choices(self.parameter_ids, self.weights)[0]
            if parameter not in chosen:
                chosen.append(parameter)
        chosen.sort(key=self.parameter_ids.index)
        findings = []
        for parameter in chosen:
            if self.factor_of[parameter] == "methodical-service":
                findings.append({"parameter": parameter, "schools": []})
                continue
            k = rng.randint(1, len(pool))
            ids = sorted(rng.sample([s.id for s in pool], k), key=[s.id for s in schools].index)
            finding = {"parameter": parameter, "schools": ids}
            if rng.random() < 0.08:
                title = self.catalog.parameters[parameter].title
                finding["title"] = title.rstrip(".") + f" ({rng.choice(SUBJECTS)})"
            findings.append(finding)
        return findings

    # --- dates

    def months(self, start: tuple[int, int], end: tuple[int, int]) -> list[tuple[int, int]]:
        out = []
        year, month = start
        while (year, month) <= end:
            out.append((year, month))
            month += 1
            if month == 13:
                year, month = year + 1, 1
        return out

    def dates(self, rng: random.Random, months: list[tuple[int, int]]) -> str:
        roll = rng.random()
        if roll < 0.07:
            return rng.choice(
                ["В течение года", "По отдельному графику", "Ежеквартально", "По графику работы РМО", "Ежемесячно"]
            )
        y1, m1 = rng.choice(months)
        if roll < 0.55:
            return f"{MONTHS[m1 - 1].capitalize()} {y1}"
        if roll < 0.7:
            later = [m for m in months if m > (y1, m1)]
            if later:
                y2, m2 = rng.choice(later[:4])
                if y1 == y2:
                    return f"{MONTHS[m1 - 1].capitalize()} – {MONTHS[m2 - 1]} {y1}"
                return f"{MONTHS[m1 - 1].capitalize()} {y1} – {MONTHS[m2 - 1]} {y2}"
            return f"{MONTHS[m1 - 1].capitalize()} {y1}"
        if roll < 0.82:
            y2, m2 = rng.choice(months)
            first, second = sorted([(y1, m1), (y2, m2)])
            if first == second:
                return f"{MONTHS[m1 - 1].capitalize()} {y1}"
            return f"{MONTHS[first[1] - 1].capitalize()} {first[0]}, {MONTHS[second[1] - 1]} {second[0]}"
        if roll < 0.9:
            return f"{rng.randint(10, 28)}.{m1:02d}.{y1}"
        if roll < 0.95:
            return f"{'I' if m1 <= 6 else 'II'} полугодие {y1}"
        return f"{'I' if m1 <= 3 else 'II' if m1 <= 6 else 'III' if m1 <= 9 else 'IV'} квартал {y1}"

    # --- events

    def events(
        self,
        rng: random.Random,
        count: int,
        schools: list[School],
        audit: list[dict],
        months: list[tuple[int, int]],
        mistakes: list[str],
    ) -> tuple[list[dict], list[str]]:
        shnor = [s for s in schools if s.shnor]
        by_id = {s.id: s for s in schools}
        refs = [f["parameter"] for f in audit]
        skipped = {refs[-1]} if "unaddressed" in mistakes and len(refs) > 1 else set()
        events: list[dict] = []

        def add(**fields) -> dict:
            fields = {"id": f"e{len(events) + 1:02d}", **fields}
            events.append(fields)
            return fields

        add(
            name="«Муниципальная система профилактики учебной неуспешности: от входного аудита к внутришкольным "
            "программам»",
            form="стратегическая сессия",
            parameters="все выявленные параметры",
            groups=["municipal"] + (["shnor"] if shnor else []),
            shnor="все" if shnor else None,
            contingent="Руководители и заместители руководителей всех ОО, специалисты УО, методисты ТМС",
            place="УО",
            dates=self.dates(rng, months[:3]),
            responsible="УО, ТМС",
        )
        control_budget = min(len(CONTROL_EVENTS), max(1, count // 12))
        # The cycle's first stages: an analysis of the audit (diagnosis), a correction of the roadmap (planning).
        analysis = rng.random() < 0.5
        planning = rng.random() < 0.3
        if analysis:
            add(
                name=rng.choice(
                    [
                        "Анализ результатов входного аудита и оценочных процедур ШНОР",
                        "«Причины учебной неуспешности глазами родителей и обучающихся»",
                    ]
                ),
                form=rng.choice(["анализ", "анкетирование"]),
                parameters="все выявленные параметры",
                groups=["municipal"],
                shnor="все" if shnor else None,
                contingent="Заместители руководителей всех ОО, методисты ТМС",
                place="ТМС",
                dates=self.dates(rng, months[:3]),
                responsible="ТМС",
            )
        implementation = max(
            len(refs), count - 1 - analysis - planning - control_budget - ("no-monitoring" not in mistakes)
        )
        targets = [r for r in refs if r not in skipped]
        for n in range(implementation):
            if not targets:
                break
            # Every parameter first, then the rest in proportion to how many schools show it.
            if n < len(targets):
                main = targets[n]
            else:
                main = rng.choices(targets, [1 + len(f["schools"]) for f in audit if f["parameter"] in targets])[0]
            parameters = [main]
            same_factor = [r for r in targets if r != main and self.factor_of[r] == self.factor_of[main]]
            if same_factor and rng.random() < 0.3:
                parameters.append(rng.choice(same_factor))
            finding = next(f for f in audit if f["parameter"] == main)
            form = rng.choices([f for f, _ in IMPLEMENTATION_FORMS], [w for _, w in IMPLEMENTATION_FORMS])[0]
            title = rng.choice(TOPICS.get(self.factor_of[main], ["«Профилактика учебной неуспешности»"]))
            factor = self.factor_of[main]
            subject = rng.choice(SUBJECTS)
            if factor in SUBJECT_FACTORS and rng.random() < 0.3:
                title = f"{title} (для учителей {subject})"
            audience = rng.choice(AUDIENCES.get(factor, ["Педагоги {who}"]))
            concerned = [by_id[s] for s in finding["schools"] if s in by_id and by_id[s].shnor]
            roll = rng.random()
            if concerned and roll < 0.45:
                involved = sorted(rng.sample(concerned, rng.randint(1, len(concerned))), key=schools.index)
                groups = ["shnor"] if rng.random() < 0.6 else ["municipal", "shnor"]
                contingent = audience.format(subject=subject, who=f"ШНОР ({compact([s.name for s in involved])})")
                shnor_field = [s.id for s in involved] if len(involved) < len(shnor) or rng.random() < 0.5 else "все"
            elif factor == "methodical-service":
                groups, contingent, shnor_field = ["municipal"], rng.choice(CONTINGENT_SERVICE), None
            elif shnor and roll < 0.6:
                groups, shnor_field = ["municipal", "shnor"], "все"
                contingent = audience.format(subject=subject, who="всех ОО (в том числе из ШНОР)")
            else:
                groups, shnor_field = ["municipal"], None
                contingent = audience.format(subject=subject, who="всех ОО")
            place = rng.choice(PLACES) if rng.random() < 0.7 else rng.choice(schools).name
            add(
                name=title,
                form=form,
                parameters=parameters,
                groups=groups,
                shnor=shnor_field,
                contingent=contingent,
                place=place,
                dates=self.dates(rng, months),
                responsible=rng.choice(RESPONSIBLE),
            )
        if planning:
            add(
                name="«Корректировка муниципальной дорожной карты по итогам мониторинга»",
                form="разработка дорожной карты",
                parameters="все выявленные параметры",
                groups=["municipal"],
                contingent="Специалисты УО, методисты ТМС, руководители ШНОР"
                if shnor
                else "Специалисты УО, методисты ТМС",
                place="УО",
                dates=self.dates(rng, months[len(months) // 2 :]),
                responsible="УО, ТМС",
            )
        monitoring_id = None
        if "no-monitoring" not in mistakes:
            spring = [m for m in months if m[1] in (4, 5)] or months[:1]
            autumn = [m for m in months if m[1] in (10, 11, 12)] or months[-1:]
            (y1, m1), (y2, m2) = sorted([rng.choice(spring), rng.choice(autumn)])
            name = MONITORING_NAME if rng.random() < 0.6 else f"{MONITORING_NAME} в ОО"
            event = add(
                name=name,
                form="мониторинг",
                parameters="все выявленные параметры",
                groups=["control"],
                shnor="все" if shnor else None,
                contingent="Руководители и заместители руководителей всех ОО",
                place="ТМС",
                dates=f"{MONTHS[m1 - 1].capitalize()} {y1}, {MONTHS[m2 - 1]} {y2}",
                responsible="УО, ТМС",
            )
            monitoring_id = event["id"]
        for name, form in rng.sample(CONTROL_EVENTS, control_budget):
            add(
                name=name,
                form=form,
                parameters="все выявленные параметры",
                groups=["control"],
                shnor="все" if shnor else None,
                contingent=f"Руководители ШНОР ({compact([s.name for s in shnor])})"
                if shnor
                else "Руководители всех ОО",
                place=rng.choice(["УО", "ТМС", "ШНОР"]),
                dates=self.dates(rng, months[len(months) // 2 :]),
                responsible="УО, ТМС",
            )
        return events, ([monitoring_id] if monitoring_id else [])

    # --- the roadmap file

    # Over complexity 30 on purpose: one branch per way a generated roadmap varies (test data, not the tool).
    def roadmap(self, rng: random.Random, muni: Municipality, size: str, count: int) -> tuple[str, list[School]]:  # noqa: C901
        config = self.config
        year = config.year
        school_year = rng.random() < 0.35
        if school_year:
            start, end = (year, 9), (year + 1, 5)
        else:
            start, end = (year, 1), (year, 12)
        months = self.months(start, end)
        schools = self.schools(rng, size, muni.name)
        audit = self.audit(rng, schools)
        events, monitoring = self.events(rng, count, schools, audit, months, muni.mistakes)
        mistakes = muni.mistakes
        old_style = rng.random() < 0.15  # v1 habits: group:, monitoring.event, plain indicators

        if "empty-cells" in mistakes:
            for event in rng.sample(events[1:], min(len(events) - 1, rng.randint(2, 5))):
                event[rng.choice(["contingent", "place", "responsible", "dates"])] = ""
        if "wrong-dates" in mistakes:
            for event in rng.sample(events[1:], min(len(events) - 1, rng.randint(1, 3))):
                event["dates"] = rng.choice([f"Октябрь {year - 2}", f"15.04.{year + 2}", f"Март {year - 1}"])
        if "unknown-parameter" in mistakes:
            for event in events:
                if isinstance(event["parameters"], list):
                    ref = event["parameters"][0]
                    factor, _, name = ref.partition(".")
                    event["parameters"][0] = f"{factor}.{name[:-2]}{name[-1]}{name[-2]}"  # two letters swapped
                    break
        if "drafts" in mistakes:
            for event in rng.sample(events[1:], min(len(events) - 1, rng.randint(2, 6))):
                event.update(draft=True, place="", dates="", responsible="")
        if "only-shnor-listed" in mistakes and any(s.shnor for s in schools):
            schools = [s for s in schools if s.shnor]

        lines: list[str] = []
        w = lines.append
        w(f"# Дорожная карта по профилактике учебной неуспешности: {muni.name}")
        w("# Данные сгенерированы tools/make_region.py и не описывают реальные школы.")
        w("kind: roadmap")
        w("")
        w("document:")
        w(f"  municipality: {q(muni.name)}")
        if school_year:
            if rng.random() < 0.5:
                w(f"  year: {year}")
            w("  period:")
            w(f"    start: сентябрь {year}")
            w(f"    end: май {year + 1}")
        else:
            w(f"  year: {year}")
        body = (
            f"Управление образования администрации муниципального образования {muni.name}"
            if not muni.name.startswith("город")
            else f"Управление образования администрации {muni.name.replace('город', 'города', 1)}"
        )
        w(f"  body: {q(body)}")
        head = person(rng)
        approval_date = f"{rng.randint(10, 28):02d}.{'08' if school_year else '01'}.{year}"
        layout = rng.choices(["official", "order", "signature"], [5, 3, 2])[0]
        if layout == "official":
            w("  approval:")
            w("    position: Начальник управления образования")
            w(f"    name: {head}")
            w(f'    date: "{approval_date}"')
        elif layout == "order":
            w("  approval:")
            w("    order:")
            w(f"      body: {q('управления образования администрации муниципального образования ' + muni.name)}")
            w(f'      date: "{approval_date}"')
            w(f'      number: "{rng.randint(10, 480)}"')
            w("  signature:")
            w("    position: Начальник управления образования")
            w(f"    name: {head}")
        else:
            w("  signature:")
            w(
                "    position: "
                f"{rng.choice(['Начальник управления образования', 'Руководитель ТМС', 'Директор МКУ «Центр развития образования»'])}"  # noqa: E501
            )
            w(f"    name: {head}")
        w("")
        w("schools:")
        for school in schools:
            w(f"  - {{id: {school.id}, name: {q(school.name)}{', shnor: true' if school.shnor else ''}}}")
        w("")
        w("# Раздел I. Результаты входного аудита")
        w("audit:")
        current_factor = None
        for finding in audit:
            factor = self.factor_of[finding["parameter"]]
            if factor != current_factor:
                w(f"  # {self.catalog.factors_by_id[factor].title}")
                current_factor = factor
            w(f"  - parameter: {finding['parameter']}")
            if "title" in finding:
                w(f"    title: {q(finding['title'])}")
            if finding["schools"]:
                w(f"    schools: {flow_list(finding['schools'])}")
        w("")
        w("# Раздел II. Мероприятия")
        w("events:")
        duplicate_at = rng.randrange(1, len(events)) if "duplicate-key" in mistakes else -1
        broken_at = rng.randrange(1, len(events)) if "broken-yaml" in mistakes else -1
        for i, event in enumerate(events):
            w(f"  - id: {event['id']}")
            w(f"    name: {q(event['name'])}")
            w(f"    form: {q(event['form'])}")
            parameters = event["parameters"]
            w(f"    parameters: {parameters if isinstance(parameters, str) else flow_list(parameters)}")
            if old_style:
                group = (
                    "control"
                    if "control" in event["groups"]
                    else "shnor"
                    if event["groups"] == ["shnor"]
                    else "municipal"
                )
                w(f"    group: {group}")
            else:
                w(f"    groups: {flow_list(event['groups'])}")
                if event.get("shnor"):
                    value = event["shnor"]
                    w(f"    shnor: {value if isinstance(value, str) else flow_list(value)}")
            for key in ("contingent", "place", "dates", "responsible"):
                value = event[key]
                w(f"    {key}: {q(value)}" if value else f"    {key}:")
            if i == duplicate_at:
                w(f"    place: {q(rng.choice(PLACES))}")
            if i == broken_at:
                w(f"   responsible: {q(rng.choice(RESPONSIBLE))}")  # one space short: the file no longer parses
            if event.get("draft"):
                w("    draft: true")
        if monitoring or "no-indicators" in mistakes:
            w("")
            w("# Мониторинг внутришкольных систем профилактики и показатели их качества")
            w("monitoring:")
            if monitoring:
                w(f"  event: {monitoring[0]}" if old_style else f"  events: {flow_list(monitoring)}")
            if "no-indicators" not in mistakes:
                w("  indicators:")
                for n, (text, unit, base, target, source, frequency) in enumerate(
                    rng.sample(INDICATORS, rng.randint(2, 6)), 1
                ):
                    if old_style:
                        w(f"    - {q(text)}")
                        continue
                    w(f"    - id: q{n}")
                    w(f"      text: {q(text)}")
                    w(f'      unit: "{unit}"')
                    w(f"      baseline: {base}")
                    w(f"      target: {target}")
                    w(f"      source: {q(source)}")
                    w(f"      frequency: {q(frequency)}")
                if rng.random() < 0.2:
                    w(f"    - {q(rng.choice(VAGUE_INDICATORS))}")
        w("")
        return "\n".join(lines) + "\n", schools

    # --- a school programme

    def programme(self, rng: random.Random, muni_name: str, school: School, audit: list[dict], year: int) -> str:
        parameters = [f["parameter"] for f in audit if school.id in f["schools"]] or [audit[0]["parameter"]]
        tasks = [
            "выявить причины затруднений обучающихся по результатам мониторинга предметных и метапредметных "
            "результатов",
            "обеспечить разработку и реализацию индивидуальных планов ликвидации академической неуспеваемости",
            "обеспечить психолого-педагогическое сопровождение обучающихся с рисками учебной неуспешности и их "
            "родителей",
            "повысить профессиональную компетентность педагогов в работе с обучающимися с рисками учебной неуспешности",
            "обеспечить охват обучающихся с рисками учебной неуспешности программами дополнительного образования",
        ][: rng.randint(3, 5)]
        numbers = list(range(1, len(tasks) + 1))
        if rng.random() < 0.15:
            numbers = [n if n < 3 else n + 1 for n in numbers]  # «1, 2, 4»: a task number skipped, as in seed 004
        lines = [
            f"# Программа профилактики учебной неуспешности: {school.name}",
            "kind: programme",
            f"municipality: {q(muni_name)}",
            "school:",
            f"  id: {school.id}",
            f"  name: {q(school.name)}",
            "",
            "order:",
            f"  body: {q('управления образования администрации муниципального образования ' + muni_name)}",
            f'  date: "{rng.randint(10, 28):02d}.0{rng.randint(1, 8)}.{year}"',
            f'  number: "{rng.randint(10, 480)}"',
            "",
            "period:",
            f"  start: сентябрь {year}",
            f"  end: май {year + 1}",
            "",
            f"parameters: {flow_list(parameters)}",
            "",
            "categories:",
            "  - обучающиеся с низкой академической успеваемостью",
            "  - дети из социально неблагополучных семей и дети, находящиеся в трудной жизненной ситуации",
            "",
            "directions:",
            "  - индивидуализация обучения",
            "  - психолого-педагогическое сопровождение",
            "",
            "goal: >-",
            "  Снижение доли обучающихся с рисками учебной неуспешности за счёт системного",
            "  преодоления дефицитов организации образовательного процесса.",
            "",
            "tasks:",
        ]
        for number, text in zip(numbers, tasks):
            lines += [f"  - number: {number}", f"    text: {q(text)}"]
        lines.append("")
        lines.append("indicators:")
        for number in numbers:
            lines += [
                f"  - number: {number}",
                f"    task: {number}",
                "    text: "
                f"{q('Доля обучающихся с рисками учебной неуспешности, охваченных мерами по задаче ' + str(number) + '.')}",  # noqa: E501
            ]
        lines += [
            "",
            "methods:",
            "  - диагностика индивидуальных особенностей познавательных процессов обучающихся",
            "",
            "stages:",
            "  - number: 1",
            "    title: аналитико-диагностический",
            f"    period: сентябрь – октябрь {year} г.",
            "    contents:",
            "      - анализ исходного состояния",
            "  - number: 2",
            "    title: основной",
            f"    period: ноябрь {year} г. – май {year + 1} г.",
            "    contents:",
            "      - внедрение механизмов реализации программы",
            "",
            "roadmap:",
        ]
        for number in numbers:
            month = MONTHS[rng.choice([8, 9, 10])]
            lines += [
                f"  - task: {number}",
                "    results:",
                "      - аналитическая справка",
                "    measures:",
                "      - text: проведение диагностики и анализ её результатов",
                f"        deadline: {month} {year} г.",
                "    responsible: заместитель директора по учебно-воспитательной работе",
            ]
        lines += [
            "",
            "working_group:",
            "  - директор школы",
            "  - заместитель директора по учебно-воспитательной работе",
            "",
        ]
        return "\n".join(lines)


def _number_of(school_id: str) -> int:
    digits = "".join(ch for ch in school_id if ch.isdigit())
    return int(digits) if digits else 10_000


# ---------------------------------------------------------------- the region


def plan(config: Config) -> list[Municipality]:
    names = municipality_names(config.municipalities, config.seed)
    rng = random.Random(f"plan-{config.seed}")
    regions = (
        REGIONS
        if config.regions <= len(REGIONS)
        else [f"{REGIONS[i % len(REGIONS)]} {i // len(REGIONS) + 1}" for i in range(config.regions)]
    )
    result = []
    for i, name in enumerate(names):
        region = regions[i * config.regions // len(names)] if config.regions > 1 else regions[0]
        result.append(Municipality(i, region, name, slug(name)))
    # Every kind of mistake at least once (when there are enough municipalities), then at random.
    with_mistakes = rng.sample(result, round(len(result) * config.mistakes))
    kinds = [k for k in MISTAKES if config.missing or k not in ("absent", "no-roadmap")]
    rng.shuffle(kinds)
    for n, muni in enumerate(with_mistakes):
        muni.mistakes.append(kinds[n] if n < len(kinds) else rng.choice(kinds))
        if rng.random() < 0.25:
            extra = rng.choice(kinds)
            if (
                extra not in muni.mistakes
                and extra not in ("absent", "no-roadmap", "broken-yaml", "cp1251")
                and muni.mistakes[0] not in ("absent", "no-roadmap")
            ):
                muni.mistakes.append(extra)
    return result


def events_count(rng: random.Random, config: Config) -> int:
    # Log-normal: most municipalities write a few dozen events, a few write very many.
    sigma = 0.5
    mu = math.log(max(config.events_min, config.events_mean)) - sigma * sigma / 2
    return max(config.events_min, min(config.events_max, round(rng.lognormvariate(mu, sigma))))


def make_municipality(maker: Maker, muni: Municipality, out: Path) -> list[tuple[Path, bytes]]:
    config = maker.config
    rng = random.Random(f"{config.seed}-{muni.index}")
    size = rng.choices(["small", "medium", "large"], [4, 4, 2])[0]
    # Bigger municipalities write more events; the factors average to about 1, so the mean holds.
    scale = {"small": 0.75, "medium": 1.0, "large": 1.4}[size]
    count = max(config.events_min, min(config.events_max, round(events_count(rng, config) * scale)))
    roadmap_text, schools = maker.roadmap(rng, muni, size, count)
    if "absent" in muni.mistakes:
        return []
    layout = (
        config.layout if config.layout != "mixed" else rng.choice(["nested", "nested", "programmes-dir", "flat-named"])
    )
    region_dir = out / slug(muni.region) if config.regions > 1 else out
    # flat: every file of the region in one folder, named after the municipality.
    folder = region_dir if layout == "flat" else region_dir / muni.slug
    files: list[tuple[Path, bytes]] = []
    if "no-roadmap" not in muni.mistakes:
        name = {"nested": f"roadmap-{config.year}.yaml", "programmes-dir": "dorozhnaya-karta.yaml"}.get(
            layout, f"{muni.slug}-roadmap-{config.year}.yaml"
        )
        data = roadmap_text.encode("cp1251", "replace") if "cp1251" in muni.mistakes else roadmap_text.encode("utf-8")
        files.append((folder / name, data))
    audit = _audit_of(roadmap_text)
    for school in schools:
        if not school.shnor or rng.random() >= config.programmes:
            continue
        text = maker.programme(rng, muni.name, school, audit, config.year)
        sub = folder / "programmes" if layout in ("nested", "programmes-dir") else folder
        prefix = f"{muni.slug}-" if layout == "flat" else ""
        files.append((sub / f"{prefix}programme-{school.id}.yaml", text.encode("utf-8")))
    if "no-roadmap" in muni.mistakes and not files and layout != "flat":
        # A folder with a note and no data: the municipality is known only from the register.
        files.append((folder / "README.txt", "Дорожная карта будет представлена позже.\n".encode()))
    return files


def _audit_of(text: str) -> list[dict]:
    """The audit back from the text just written (avoids threading it through the mistakes)."""
    audit, current = [], None
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("- parameter: "):
            current = {"parameter": stripped.split(": ", 1)[1], "schools": []}
            audit.append(current)
        elif stripped.startswith("schools: [") and current is not None:
            current["schools"] = [s.strip() for s in stripped[len("schools: [") : -1].split(",")]
        elif stripped.startswith("events:"):
            break
    return audit


def _worker(args: tuple[Config, list[Municipality], str]) -> list[tuple[str, int, list[str]]]:
    config, munis, out = args
    from neuspeh_cli.domain.catalog import load_catalog

    maker = Maker(load_catalog(), config)
    written = []
    for muni in munis:
        files = make_municipality(maker, muni, Path(out))
        for path, data in files:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        written.append((muni.name, len(files), [str(p.relative_to(out)) for p, _ in files]))
    return written


def generate(out: Path, config: Config, jobs: int = 1, force: bool = False) -> list[Municipality]:
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        if not force:
            raise SystemExit(f"{out}: папка не пуста; чтобы перезаписать её, добавьте --force")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    munis = plan(config)
    batches = [munis[i::jobs] for i in range(jobs)] if jobs > 1 else [munis]
    if jobs > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(jobs) as pool:
            results = [r for batch in pool.map(_worker, [(config, b, str(out)) for b in batches]) for r in batch]
    else:
        results = _worker((config, munis, str(out)))
    files_of = {name: files for name, _, files in results}
    for muni in munis:
        muni.files = files_of.get(muni.name, [])
    _write_register(out, munis)
    return munis


def _write_register(out: Path, munis: list[Municipality]) -> None:
    """municipalities.txt (who must submit, for `neuspeh review --expected`) and a README of planted mistakes."""
    register = ["# Муниципальные образования, которые должны представить дорожную карту (по одному в строке)."]
    register += [m.name for m in sorted(munis, key=lambda m: (m.region, m.name))]
    (out / "municipalities.txt").write_text("\n".join(register) + "\n", encoding="utf-8")
    titles = {
        "unaddressed": "параметр без мероприятий",
        "no-monitoring": "нет мониторинга",
        "no-indicators": "нет показателей качества",
        "empty-cells": "пустые графы мероприятий",
        "wrong-dates": "даты не того года",
        "broken-yaml": "файл не читается (отступ)",
        "cp1251": "файл в кодировке Windows-1251",
        "duplicate-key": "ключ повторяется",
        "unknown-parameter": "опечатка в идентификаторе параметра",
        "drafts": "черновики мероприятий",
        "only-shnor-listed": "в schools только ШНОР",
        "no-roadmap": "дорожная карта не представлена",
        "absent": "не представлено ничего",
    }
    lines = [
        "# Условный регион для `neuspeh review`",
        "",
        "Сгенерировано `tools/make_region.py` (данные вымышлены). Заложенные ошибки:",
        "",
        "| Муниципальное образование | Ошибки |",
        "| --- | --- |",
    ]
    for muni in sorted(munis, key=lambda m: (m.region, m.name)):
        if muni.mistakes:
            lines.append(f"| {muni.name} | {', '.join(titles[m] for m in muni.mistakes)} |")
    if len(munis) <= 200:
        (out / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def parse_args(argv: list[str] | None = None) -> tuple[argparse.Namespace, Config]:
    parser = argparse.ArgumentParser(
        description="Сгенерировать папку правдоподобных файлов муниципалитетов для `neuspeh review`."
    )
    parser.add_argument("out", type=Path, help="папка, куда записать файлы")
    parser.add_argument(
        "--preset",
        choices=sorted(PRESETS),
        default="example",
        help="example — пример для репозитория (46 МО); benchmark — 2500 МО по 20–200 мероприятий",
    )
    parser.add_argument("--municipalities", type=int, help="число муниципалитетов")
    parser.add_argument("--regions", type=int, help="число регионов (подпапок верхнего уровня)")
    parser.add_argument("--events", help="мин:макс мероприятий в карте, например 20:200")
    parser.add_argument("--mean-events", type=float, help="среднее число мероприятий")
    parser.add_argument("--programmes", type=float, help="доля ШНОР со школьной программой (0–1)")
    parser.add_argument("--mistakes", type=float, help="доля муниципалитетов с ошибками (0–1)")
    parser.add_argument("--layout", choices=["nested", "mixed", "flat"], help="раскладка файлов по папкам")
    parser.add_argument("--seed", type=int, help="зерно генератора (один и тот же набор при одном зерне)")
    parser.add_argument("--jobs", type=int, default=1, help="число процессов")
    parser.add_argument("--force", action="store_true", help="очистить непустую папку")
    args = parser.parse_args(argv)
    base = PRESETS[args.preset]
    config = Config(**{**base.__dict__})
    for name in ("municipalities", "regions", "programmes", "mistakes", "layout", "seed"):
        value = getattr(args, name)
        if value is not None:
            setattr(config, name, value)
    if args.events:
        low, _, high = args.events.partition(":")
        config.events_min, config.events_max = int(low), int(high or low)
    if args.mean_events is not None:
        config.events_mean = args.mean_events
    return args, config


def main(argv: list[str] | None = None) -> None:
    args, config = parse_args(argv)
    munis = generate(args.out, config, jobs=args.jobs, force=args.force)
    total = sum(p.stat().st_size for p in args.out.rglob("*.yaml"))
    files = sum(1 for _ in args.out.rglob("*.yaml"))
    print(f"{len(munis)} муниципалитетов, {files} файлов YAML, {total / 1e6:.1f} МБ → {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
