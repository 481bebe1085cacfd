"""The region as plain tables: a sheet of the workbook each, and the tables of the page.

Every figure comes from the region's summary (``summary.summarise``, computed
once); a view only arranges it in rows and names the columns. Column types say
how a writer formats a cell: text, int, share (a fraction shown as a
percentage), link, status, item.
"""

from __future__ import annotations

from typing import Any

from .checklist import ITEMS, STAGE_TITLES, STATUS_TITLES, VERDICTS
from .summary import (
    FILE_STATUS_TITLES,
    GROUP_TITLES,
    GROUPS,
    SECTIONS,
    STATUS_ORDER,
    Region,
    RegionSummary,
    Table,
    _link,
    kind_title,
    share,
)
from .summary import STATUS_TITLES as SUBMISSION_TITLES
from .wording import rule_title

ITEM_COLUMNS = (
    "1. Каждый параметр",
    "2. Три группы",
    "3. Участие ШНОР",
    "4. Мониторинг",
    "5. Все школы",
    "6. Этапы цикла",
    "7. Краевой и школьный",
    "8. Полнота",
)


def tables(region: Region) -> list[Table]:
    """Every view, in the order of the workbook's sheets."""
    summary = region.summary
    assert summary is not None, "build_region makes the summary"
    views = [
        summary_view(summary),
        municipalities_view(summary, region),
        sheets_view(region),
        factors_view(summary, len(region.reviewed)),
        parameters_view(summary),
        forms_view(summary),
        stages_view(summary),
        shnor_view(summary),
        indicators_view(summary),
        problems_view(region),
        files_view(region),
    ]
    for section in SECTIONS:
        views.extend(section.tables(region))
    return views


def summary_view(s: RegionSummary) -> Table:
    munis = len(s.municipalities)
    checked = sum(s.verdicts.values())
    rows: list[list[Any]] = [
        ["Муниципальных образований", munis, None],
        *[
            [
                f"Дорожная карта {SUBMISSION_TITLES[st]}",
                s.status_counts.get(st, 0),
                share(s.status_counts.get(st, 0), munis),
            ]
            for st in STATUS_ORDER
        ],
        ["Файлов проверено", s.files, None],
        ["Школьных программ", s.programmes, None],
        ["Мероприятий в дорожных картах", s.events, None],
        ["ШНОР в дорожных картах", s.shnor, None],
        ["ШНОР, участвующих в мероприятиях", s.shnor_covered, share(s.shnor_covered, s.shnor_known)],
        ["ШНОР без сведений об участии (в карте не сказано, какие ШНОР участвуют)", s.shnor_unknown, None],
        [
            "ШНОР со школьной программой (в муниципалитетах, приславших программы)",
            s.programme_covered,
            share(s.programme_covered, s.programme_shnor),
        ],
        ["Средний балл экспертного листа", s.average_score, None],
        *[
            [f"Соответствие методике: «{v.title}»", s.verdicts.get(v, 0), share(s.verdicts.get(v, 0), checked)]
            for v in VERDICTS
        ],
    ]
    return Table("Сводка", "Сводка по региону", [("Показатель", "text"), ("Значение", "int"), ("Доля", "share")], rows)


def municipalities_view(s: RegionSummary, region: Region) -> Table:
    rows = []
    for f, m in zip(s.municipalities, region.municipalities):
        rows.append(
            [
                f.name,
                f.folder,
                f.status_title,
                f.score,
                f.verdict,
                f.period,
                f.schools,
                f.shnor,
                f.findings,
                f.events,
                f.shnor_share,
                f.programmes,
                f.errors,
                f.warnings,
                *[STATUS_TITLES[f.items[spec.key]] if spec.key in f.items else "" for spec in ITEMS],
                _link(m.roadmap.path, m.roadmap.name, 0) if m.roadmap else "",
            ]
        )
    columns = [
        ("Муниципальное образование", "text"),
        ("Папка", "text"),
        ("Дорожная карта", "status"),
        ("Балл", "int"),
        ("Заключение", "text"),
        ("Срок карты", "text"),
        ("Школ", "int"),
        ("ШНОР", "int"),
        ("Параметров", "int"),
        ("Мероприятий", "int"),
        ("ШНОР в мероприятиях", "share"),
        ("Программы ШНОР", "text"),
        ("Ошибок", "int"),
        ("Предупреждений", "int"),
        *[(title, "item") for title in ITEM_COLUMNS],
        ("Файл", "link"),
    ]
    return Table("Муниципалитеты", "Муниципальные образования", columns, rows)


def sheets_view(region: Region) -> Table:
    rows = []
    for m in region.municipalities:
        if m.sheet is None:
            continue
        for item in m.sheet.items:
            for reason in item.reasons or ():
                rows.append(
                    [
                        m.name,
                        item.title,
                        item.status_title,
                        reason.text,
                        _link(reason.file, reason.name, reason.line) if reason.file else "",
                    ]
                )
        for reason in m.cross_findings:
            rows.append(
                [m.name, "Файлы муниципалитета", "замечание", reason.text, _link(reason.file, reason.name, reason.line)]
            )
    columns = [
        ("Муниципальное образование", "text"),
        ("Пункт", "text"),
        ("Оценка", "item"),
        ("Причина", "text"),
        ("Где", "link"),
    ]
    return Table("Экспертные листы", "Экспертные листы: пункты и причины", columns, rows)


def factors_view(s: RegionSummary, reviewed: int) -> Table:
    columns = [
        ("№", "int"),
        ("Фактор", "text"),
        ("Муниципалитетов", "int"),
        ("Доля муниципалитетов", "share"),
        ("ШНОР", "int"),
        ("Школ", "int"),
        ("Мероприятий", "int"),
    ]
    rows = [
        [
            f["number"],
            f["title"],
            f["municipalities"],
            share(f["municipalities"], reviewed),
            f["shnor"],
            f["schools"],
            f["events"],
        ]
        for f in s.factors
    ]
    return Table("Факторы", "Распространённость факторов риска", columns, rows)


def parameters_view(s: RegionSummary) -> Table:
    columns = [
        ("Код", "text"),
        ("Параметр", "text"),
        ("Фактор", "text"),
        ("Муниципалитетов", "int"),
        ("ШНОР", "int"),
        ("Школ", "int"),
        ("Мероприятий", "int"),
    ]
    rows = [
        [p["code"], p["title"], f["title"], p["municipalities"], p["shnor"], p["schools"], p["events"]]
        for f in s.factors
        for p in f["parameters"]
    ]
    return Table("Параметры", "Распространённость параметров и мероприятия по ним", columns, rows)


def forms_view(s: RegionSummary) -> Table:
    events = s.event_counts
    ordered = sorted(events["forms"].items(), key=lambda x: (-x[1], x[0]))
    rows = [[form, STAGE_TITLES[events["form_stage"][form]], count, share(count, s.events)] for form, count in ordered]
    return Table(
        "Формы",
        "Мероприятия по формам",
        [("Форма", "text"), ("Этап", "text"), ("Мероприятий", "int"), ("Доля", "share")],
        rows,
    )


def stages_view(s: RegionSummary) -> Table:
    events = s.event_counts
    rows = [
        [
            "этап",
            f"{st}. {STAGE_TITLES[st]}" if st else STAGE_TITLES[0],
            events["stages"].get(st, 0),
            share(events["stages"].get(st, 0), s.events),
            None,
        ]
        for st in (1, 2, 3, 4, 0)
    ]
    rows += [
        [
            "группа",
            GROUP_TITLES[g],
            events["groups"].get(g, 0),
            share(events["groups"].get(g, 0), s.events),
            events["guessed"].get(g, 0),
        ]
        for g in GROUPS
    ]
    columns = [
        ("Разрез", "text"),
        ("Значение", "text"),
        ("Мероприятий", "int"),
        ("Доля", "share"),
        ("Из них группа определена по тексту", "int"),
    ]
    return Table("Этапы и группы", "Мероприятия по этапам управленческого цикла и группам", columns, rows)


def shnor_view(s: RegionSummary) -> Table:
    columns = [
        ("Муниципальное образование", "text"),
        ("Школа", "text"),
        ("Параметры", "text"),
        ("Мероприятий с участием", "int"),
        ("Программа", "text"),
        ("Файл", "link"),
    ]
    return Table("ШНОР", "ШНОР: параметры, участие в мероприятиях, школьные программы", columns, s.shnor_rows)


def indicators_view(s: RegionSummary) -> Table:
    columns = [
        ("Показатель", "text"),
        ("Муниципалитетов", "int"),
        ("Единицы", "text"),
        ("Измеримых (единица и цель)", "int"),
        ("Всего записей", "int"),
    ]
    rows = [[r["text"], r["municipalities"], r["units"], r["measurable"], r["total"]] for r in s.indicators]
    return Table("Показатели", "Показатели качества внутришкольных систем профилактики", columns, rows)


def problems_view(region: Region) -> Table:
    rows = []
    titles: dict[str, str] = {}
    for file in region.files:
        for p in file.problems:
            if p.severity == "info":
                continue
            if p.rule not in titles:
                titles[p.rule] = rule_title(p.rule)
            rows.append(
                [
                    file.municipality,
                    # a Word file's messages name their place in it; the line is one of the data read from it
                    _link(file.path, file.name, 0 if file.places else p.line),
                    None if file.places else p.line,
                    "ошибка" if p.severity == "error" else "предупреждение",
                    titles[p.rule],
                    p.message,
                ]
            )
    columns = [
        ("Муниципальное образование", "text"),
        ("Файл: строка", "link"),
        ("Строка", "int"),
        ("Важность", "text"),
        ("Правило", "text"),
        ("Сообщение", "text"),
    ]
    return Table("Замечания", "Замечания проверки по файлам (ошибки и предупреждения)", columns, rows)


def files_view(region: Region) -> Table:
    columns = [
        ("Файл", "text"),
        ("Вид", "text"),
        ("Муниципальное образование", "text"),
        ("Состояние", "status"),
        ("Ошибок", "int"),
        ("Предупреждений", "int"),
        ("Открыть", "link"),
    ]
    rows = [
        [
            f.name,
            kind_title(f.kind),
            f.municipality,
            FILE_STATUS_TITLES[f.status],
            f.count("error"),
            f.count("warning"),
            _link(f.path, f.name, 0),
        ]
        for f in region.files
    ]
    return Table("Файлы", "Все файлы", columns, rows)
