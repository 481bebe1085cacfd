"""From the files' facts to the region: municipalities, their expert sheets, and the regional figures.

Files belong to a municipality by the name they give (``document.municipality``
of a roadmap, ``municipality`` of a programme, compared as ``domain.links``
does), wherever they lie; an unreadable file by the ``municipality:`` line
found in its raw text. One pass over the files and one over the events: the
work grows with the amount of data, never with its square.

The views (``tables``) are plain tables: the workbook and the page render any
of them, so a new kind of file (the implementation report) adds a section to
``SECTIONS`` and appears in both.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .checklist import FAILED, NA, PARTLY, PASSED, STAGE_TITLES, VERDICTS, Reason, Sheet, expert_sheet, parameter_codes
from .facts import CLEAN, ERRORS, UNREADABLE, FileFacts

MISSING = "missing"
STATUS_TITLES = {MISSING: "не представлена", UNREADABLE: "не читается", ERRORS: "с ошибками", CLEAN: "без ошибок"}
STATUS_ORDER = [MISSING, UNREADABLE, ERRORS, CLEAN]
GROUPS = ("municipal", "shnor", "control")
GROUP_TITLES = {"municipal": "муниципальные (ТМС/УО)", "shnor": "с участием / для ШНОР", "control": "контроль внутришкольных систем"}


def municipality_key(name: str) -> str:
    from ..domain.links import municipality_key as key

    return key(name)


@dataclass
class Municipality:
    name: str
    key: str
    roadmap: FileFacts | None = None  # the one reviewed
    other_roadmaps: list[FileFacts] = field(default_factory=list)
    programmes: list[FileFacts] = field(default_factory=list)
    linked_programmes: list[FileFacts] = field(default_factory=list)  # those whose period meets the roadmap's
    reports: list[FileFacts] = field(default_factory=list)  # implementation reports (issue 10)
    other_files: list[FileFacts] = field(default_factory=list)  # unreadable files of unknown kind that name this municipality
    expected: bool = True  # in the register (or no register given)
    sheet: Sheet | None = None
    cross_findings: list[Reason] = field(default_factory=list)  # found across files (programmes ↔ roadmap)

    @property
    def status(self) -> str:
        if self.roadmap is None:
            return MISSING
        return self.roadmap.status

    @property
    def files(self) -> list[FileFacts]:
        return [f for f in [self.roadmap, *self.other_roadmaps, *self.programmes, *self.reports, *self.other_files] if f is not None]

    @property
    def folder(self) -> str:
        first = self.roadmap or (self.files[0] if self.files else None)
        return str(Path(first.name).parent) if first is not None else ""

    @property
    def shnor_ids(self) -> list[str]:
        if self.roadmap is None or self.roadmap.roadmap is None:
            return []
        return [s.id for s in self.roadmap.roadmap.schools if s.shnor]

    @property
    def shnor_in_events(self) -> set[str]:
        if self.roadmap is None or self.roadmap.roadmap is None:
            return set()
        shnor = set(self.shnor_ids)
        tally = tallies(self.roadmap)  # the events counted once by the worker, not walked again for every view
        if tally["all_shnor"]:
            return shnor
        return set(tally["shnor"]) & shnor

    @property
    def participation_known(self) -> bool:
        """Whether the roadmap says which ШНОР take part (``shnor`` of some event); format-1 files do not."""
        if self.roadmap is None or self.roadmap.roadmap is None:
            return False
        tally = tallies(self.roadmap)
        return bool(tally["all_shnor"] or tally["shnor"])

    @property
    def programme_schools(self) -> set[str]:
        return {p.programme.school_id for p in self.programmes if p.programme is not None}


@dataclass
class Table:
    """One view: a sheet of the workbook, a table of the page."""

    name: str  # sheet name (≤ 31 characters)
    title: str
    columns: list[tuple[str, str]]  # (title, type: text / int / share / link / status)
    rows: list[list[Any]]
    note: str = ""


@dataclass
class Region:
    municipalities: list[Municipality]
    files: list[FileFacts]
    register: bool  # a list of expected municipalities was given
    programmes_collected: bool
    catalog: Any
    sections: dict[str, Any] = field(default_factory=dict)  # figures added by SECTIONS
    memo: dict[str, Any] = field(default_factory=dict)  # figures computed once for every view that shows them

    def status_counts(self) -> Counter:
        return Counter(m.status for m in self.municipalities)

    @property
    def reviewed(self) -> list[Municipality]:
        """Municipalities whose roadmap was modelled: they make the regional figures."""
        return [m for m in self.municipalities if m.roadmap is not None and m.roadmap.roadmap is not None]


# ---------------------------------------------------------------- grouping


def build_region(files: list[FileFacts], expected: list[str] | None = None) -> Region:
    from ..domain.outline import bundled_outline

    by_key: dict[str, Municipality] = {}

    def municipality(name: str) -> Municipality:
        key = municipality_key(name)
        if key not in by_key:
            by_key[key] = Municipality(" ".join(name.split()), key, expected=expected is None)
        return by_key[key]

    for name in expected or []:
        municipality(name).expected = True
    unnamed: list[FileFacts] = []
    roadmaps: dict[str, list[FileFacts]] = defaultdict(list)
    for file in files:
        name = file.municipality
        if not name.strip():
            unnamed.append(file)
            continue
        target = municipality(name)
        if file.kind == "roadmap":
            roadmaps[target.key].append(file)
        elif file.kind == "programme":
            target.programmes.append(file)
        elif file.kind == "report":
            target.reports.append(file)
        else:
            target.other_files.append(file)
    for key, found in roadmaps.items():
        # The modelled one with the latest period is reviewed; the rest are listed.
        ranked = sorted(found, key=lambda f: (f.roadmap is not None, f.roadmap.period_last if f.roadmap else (0, 0), f.name), reverse=True)
        by_key[key].roadmap, by_key[key].other_roadmaps = ranked[0], ranked[1:]
    for file in unnamed:
        # A file whose municipality cannot be told: a row of its own, named after the file.
        row = Municipality(f"(не определено: {file.name})", f"~{file.name}", expected=expected is None)
        if file.kind == "roadmap" or file.kind is None:
            row.roadmap = file
        else:
            row.programmes.append(file)
        by_key[row.key] = row
    programmes_collected = any(f.kind == "programme" for f in files)
    region = Region(sorted(by_key.values(), key=lambda m: (m.key.startswith("~"), m.key)), files, expected is not None, programmes_collected, bundled_outline())
    for muni in region.municipalities:
        _link_programmes(muni)
        muni.sheet = expert_sheet(muni.roadmap, muni.linked_programmes)
    for section in SECTIONS:
        region.sections[section.name] = section.collect(region)
    return region


def _link_programmes(muni: Municipality) -> None:
    """Programmes outside the roadmap's period are set aside; a programme's school missing from the roadmap is a finding."""
    road = muni.roadmap.roadmap if muni.roadmap is not None else None
    if road is None:
        return
    linked, others = [], []
    for programme in muni.programmes:
        facts = programme.programme
        if facts is not None and facts.period_first is not None and not (facts.period_first <= road.period_last and road.period_first <= facts.period_last):
            others.append(programme)
        else:
            linked.append(programme)
    muni.programmes = linked + others
    muni.linked_programmes = linked
    schools = {s.id for s in road.schools}
    for programme in linked:
        facts = programme.programme
        if facts is not None and facts.school_id and facts.school_id not in schools:
            muni.cross_findings.append(Reason(f"программа школы «{facts.school_id}», которой нет в schools дорожной карты", programme.path, programme.name, 0))
    for programme in others:
        muni.cross_findings.append(Reason("срок программы не пересекается со сроком дорожной карты: программа не учтена", programme.path, programme.name, 0))


# ---------------------------------------------------------------- extension point


@dataclass(frozen=True)
class Section:
    """Figures drawn from the files of one kind (the report files of issue 10 will add one)."""

    name: str
    collect: Callable[[Region], Any]  # → anything; kept in region.sections[name]
    tables: Callable[[Region], list[Table]]  # → views for the workbook and the page


OUTCOMES = ("устранён", "снижен", "сохраняется", "усилился")  # as domain/report.py orders them


def _report_rows(region: Region) -> list[list[Any]]:
    rows = []
    for muni in region.municipalities:
        for file in muni.reports:
            report = file.extra.get("report")
            if report is None:  # unreadable, or its roadmap could not be loaded: the file's own row says why
                rows.append([muni.name, "", None, None, None, None, None, None, None, None, "", "", "", "", "", FILE_STATUS_TITLES[file.status], _link(file.path, file.name, 0)])
                continue
            st = report.statuses
            crit = {number: text for number, _, _, text in report.criteria}
            rows.append(
                [
                    muni.name,
                    report.period_title + (" (итоговый)" if report.final else ""),
                    report.planned,
                    st.get("проведено", 0),
                    st.get("проводится", 0),
                    st.get("перенесено", 0),
                    st.get("отменено", 0),
                    st.get("не начато", 0) + st.get("нет сведений", 0),
                    report.participants,
                    share(report.shnor_reached, report.shnor_total),
                    crit.get("1.1", ""),
                    crit.get("1.2", ""),
                    crit.get("2.1", ""),
                    crit.get("2.2", ""),
                    ", ".join(f"{k} — {report.outcomes[k]}" for k in OUTCOMES if report.outcomes.get(k)),
                    FILE_STATUS_TITLES[file.status],
                    _link(file.path, file.name, 0),
                ]
            )
    return rows


def _report_tables(region: Region) -> list[Table]:
    rows = region.sections["reports"]
    if not rows:
        return []
    return [
        Table(
            "Отчёты",
            "Отчёты о реализации: выполнение мероприятий и критерии эффективности",
            [
                ("Муниципальное образование", "text"),
                ("Период", "text"),
                ("Мероприятий в карте", "int"),
                ("Проведено", "int"),
                ("Проводится", "int"),
                ("Перенесено", "int"),
                ("Отменено", "int"),
                ("Не начато или нет сведений", "int"),
                ("Участников", "int"),
                ("Охват ШНОР", "share"),
                ("1.1. Участники", "text"),
                ("1.2. Восприятие", "text"),
                ("2.1. Положительная динамика", "text"),
                ("2.2. Социальная ситуация", "text"),
                ("Выходной аудит (ячейки раздела I)", "text"),
                ("Состояние файла", "status"),
                ("Файл", "link"),
            ],
            rows,
        )
    ]


SECTIONS: list[Section] = [Section("reports", _report_rows, _report_tables)]


# ---------------------------------------------------------------- figures


def _memoised(function: Callable[[Region], Any]) -> Callable[[Region], Any]:
    def figure(region: Region) -> Any:
        if function.__name__ not in region.memo:
            region.memo[function.__name__] = function(region)
        return region.memo[function.__name__]

    figure.__doc__ = function.__doc__
    return figure


@_memoised
def factor_prevalence(region: Region) -> list[dict]:
    """Per catalog factor and parameter: municipalities and ШНОР where it was found, and the events aimed at it."""
    catalog = region.catalog
    # ШНОР and schools are pairs (municipality, school): the pairs of two municipalities never meet, so each
    # municipality's distinct schools are counted on their own and added up (no set of every pair in the region).
    rows: dict[str, dict] = {}
    for factor in catalog.factors:
        rows[factor.id] = {"factor": factor, "municipalities": set(), "shnor": 0, "schools": 0, "events": 0, "parameters": {}}
        for parameter in factor.parameters:
            rows[factor.id]["parameters"][parameter.id] = {"parameter": parameter, "municipalities": set(), "shnor": 0, "schools": 0, "events": 0}
    own: dict[str, dict] = {}
    for muni in region.reviewed:
        road = muni.roadmap.roadmap
        shnor = {s.id for s in road.schools if s.shnor}
        counts = tallies(muni.roadmap)["refs"]
        here: dict[int, tuple[dict, set[str]]] = {}  # a row's schools in this municipality
        for finding in road.findings:
            factor_row = rows.get(finding.factor)
            if factor_row is None:
                continue
            target = factor_row["parameters"].get(finding.parameter)
            if target is None:  # the municipality's own parameter
                target = own.setdefault(
                    f"{finding.factor}/{finding.title}",
                    {"parameter": None, "title": finding.title, "factor": finding.factor, "municipalities": set(), "shnor": 0, "schools": 0, "events": 0},
                )
            events = counts.get(finding.ref, 0)
            for row in (factor_row, target):
                row["municipalities"].add(muni.key)
                row["events"] += events
                if id(row) not in here:
                    here[id(row)] = (row, set())
                here[id(row)][1].update(finding.schools)
        for row, schools in here.values():
            row["schools"] += len(schools)
            row["shnor"] += len(schools & shnor)
    result = []
    for factor in catalog.factors:
        row = rows[factor.id]
        parameters = [
            {
                "id": p["parameter"].id,
                "code": f"{factor.number}.{i}.",
                "title": p["parameter"].title,
                "municipalities": len(p["municipalities"]),
                "shnor": p["shnor"],
                "schools": p["schools"],
                "events": p["events"],
            }
            for i, p in enumerate(row["parameters"].values(), 1)
        ]
        parameters += [
            {
                "id": "",
                "code": "",
                "title": f"{o['title']} (собственный параметр)",
                "municipalities": len(o["municipalities"]),
                "shnor": o["shnor"],
                "schools": o["schools"],
                "events": o["events"],
            }
            for o in own.values()
            if o["factor"] == factor.id
        ]
        result.append(
            {
                "id": factor.id,
                "number": factor.number,
                "title": factor.title,
                "municipalities": len(row["municipalities"]),
                "shnor": row["shnor"],
                "schools": row["schools"],
                "events": row["events"],
                "parameters": parameters,
            }
        )
    return result


@_memoised
def event_counts(region: Region) -> dict[str, Counter]:
    forms, stages, groups, guessed = Counter(), Counter(), Counter(), Counter()
    form_stage: dict[str, int] = {}
    for muni in region.reviewed:
        tally = tallies(muni.roadmap)
        forms.update(tally["forms"])
        stages.update(tally["stages"])
        groups.update(tally["groups"])
        guessed.update(tally["guessed"])
        for form, stage in tally["form_stage"].items():
            form_stage.setdefault(form, stage)
    return {"forms": forms, "stages": stages, "groups": groups, "guessed": guessed, "form_stage": form_stage}  # type: ignore[dict-item]


def tallies(file: FileFacts) -> dict:
    """A roadmap's events counted by form, stage, group and parameter: made by the worker, summed here."""
    from .facts import TALLIES_KEY, event_tallies

    return file.extra.get(TALLIES_KEY) or event_tallies(file.roadmap)


@_memoised
def indicator_usage(region: Region) -> list[dict]:
    used: dict[str, dict] = {}
    for muni in region.reviewed:
        for indicator in muni.roadmap.roadmap.indicators:
            key = " ".join(indicator.text.lower().replace("ё", "е").split()).rstrip(".")
            if not key:
                continue
            row = used.setdefault(key, {"text": indicator.text.rstrip("."), "municipalities": set(), "units": Counter(), "structured": 0, "total": 0})
            row["municipalities"].add(muni.key)
            row["units"][indicator.unit or "—"] += 1
            row["structured"] += bool(indicator.structured and indicator.unit and indicator.target is not None)
            row["total"] += 1
    rows = [
        {
            "text": r["text"],
            "municipalities": len(r["municipalities"]),
            "units": ", ".join(u for u, _ in sorted(r["units"].items(), key=lambda x: (-x[1], x[0]))),
            "measurable": r["structured"],
            "total": r["total"],
        }
        for r in used.values()
    ]
    rows.sort(key=lambda r: (-r["municipalities"], r["text"]))
    return rows


def shnor_rows(region: Region) -> list[list[Any]]:
    """Per ШНОР: its parameters, the events it takes part in, its programme."""
    rows = []
    for muni in region.reviewed:
        road = muni.roadmap.roadmap
        codes = parameter_codes(road.findings)
        programmes = {p.programme.school_id: p for p in muni.programmes if p.programme is not None}
        tally = tallies(muni.roadmap)
        named = tally["shnor"]  # participants as validate reads them, «все» included
        found_in: dict[str, list[str]] = {}  # school → codes of the findings naming it, in the order of section I
        for f in road.findings:
            for school_id in dict.fromkeys(f.schools):
                found_in.setdefault(school_id, []).append(codes.get(f.ref, f.ref))
        for school in road.schools:
            if not school.shnor:
                continue
            params = found_in.get(school.id, [])
            programme = programmes.get(school.id)
            rows.append(
                [
                    muni.name,
                    school.name,
                    school.id,
                    ", ".join(params),
                    named.get(school.id, 0),
                    "есть" if programme is not None else ("нет" if muni.linked_programmes else "—"),
                    _link(programme.path, programme.name, 0) if programme is not None else _link(muni.roadmap.path, muni.roadmap.name, school.line),
                ]
            )
    return rows


def _link(path: str, name: str, line: int) -> dict:
    return {"path": path, "name": name, "line": line}


def shnor_coverage(region: Region) -> tuple[int, int, int]:
    """(ШНОР in events, ШНОР of roadmaps that name participants, ШНОР of roadmaps that do not): the share counts the first two only."""
    covered = known = unknown = 0
    for m in region.reviewed:
        if m.participation_known:
            covered += len(m.shnor_in_events)
            known += len(m.shnor_ids)
        else:
            unknown += len(m.shnor_ids)
    return covered, known, unknown


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


# ---------------------------------------------------------------- the views


def tables(region: Region) -> list[Table]:
    """Every view, in the order of the workbook's sheets."""
    counts = region.status_counts()
    reviewed = region.reviewed
    shnor_total = sum(len(m.shnor_ids) for m in reviewed)
    shnor_covered, shnor_known, shnor_unknown = shnor_coverage(region)
    with_programme = sum(len(set(m.shnor_ids) & m.programme_schools) for m in reviewed)
    events_total = sum(len(m.roadmap.roadmap.events) for m in reviewed)
    sheets = [m.sheet for m in reviewed if m.sheet is not None]
    summary_rows: list[list[Any]] = [
        ["Муниципальных образований", len(region.municipalities)],
        *[[f"Дорожная карта {STATUS_TITLES[s]}", counts.get(s, 0)] for s in STATUS_ORDER],
        ["Файлов проверено", len(region.files)],
        ["Школьных программ", sum(1 for f in region.files if f.kind == "programme")],
        ["Мероприятий в дорожных картах", events_total],
        ["ШНОР в дорожных картах", shnor_total],
        ["Доля ШНОР, участвующих в мероприятиях", share(shnor_covered, shnor_known)],
        ["ШНОР без сведений об участии (в карте не указано поле shnor)", shnor_unknown],
        ["Доля ШНОР со школьной программой", share(with_programme, shnor_total) if region.programmes_collected else None],
        ["Средний балл экспертного листа", round(sum(s.score for s in sheets) / len(sheets)) if sheets else None],
        *[[f"Соответствие методике: «{v.title}»", sum(1 for s in sheets if s.verdict is v)] for v in VERDICTS],
    ]
    views = [Table("Сводка", "Сводка по региону", [("Показатель", "text"), ("Значение", "number")], summary_rows)]

    muni_rows = []
    for m in region.municipalities:
        road = m.roadmap.roadmap if m.roadmap is not None else None
        sheet = m.sheet
        items = {i.key: i.status_title for i in sheet.items} if sheet else {}
        muni_rows.append(
            [
                m.name,
                m.folder,
                STATUS_TITLES[m.status] + ("" if m.expected else " (нет в перечне)"),
                sheet.score if sheet and sheet.checked else None,
                sheet.verdict.title if sheet else "",
                road.period_title if road else "",
                len(road.schools) if road else None,
                len(m.shnor_ids) if road else None,
                len(road.findings) if road else None,
                len(road.events) if road else None,
                share(len(m.shnor_in_events), len(m.shnor_ids)) if road and m.shnor_ids and m.participation_known else None,
                f"{len(set(m.shnor_ids) & m.programme_schools)} из {len(m.shnor_ids)}" if road and m.shnor_ids and region.programmes_collected else "",
                m.roadmap.count("error") if m.roadmap else None,
                m.roadmap.count("warning") if m.roadmap else None,
                *[items.get(key, "") for key in ("parameters", "groups", "shnor", "monitoring", "all_schools", "stages", "levels", "completeness")],
                _link(m.roadmap.path, m.roadmap.name, 0) if m.roadmap else "",
            ]
        )
    views.append(
        Table(
            "Муниципалитеты",
            "Муниципальные образования",
            [
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
                ("1. Каждый параметр", "item"),
                ("2. Три группы", "item"),
                ("3. Участие ШНОР", "item"),
                ("4. Мониторинг", "item"),
                ("5. Все школы", "item"),
                ("6. Этапы цикла", "item"),
                ("7. Программы ШНОР", "item"),
                ("8. Полнота", "item"),
                ("Файл", "link"),
            ],
            muni_rows,
        )
    )

    checklist_rows = []
    for m in region.municipalities:
        if m.sheet is None:
            continue
        for item in m.sheet.items:
            for reason in item.reasons or (Reason(""),):
                checklist_rows.append([m.name, item.title, item.status_title, reason.text, _link(reason.file, reason.name, reason.line) if reason.file else ""])
        for reason in m.cross_findings:
            checklist_rows.append([m.name, "Файлы муниципалитета", "замечание", reason.text, _link(reason.file, reason.name, reason.line)])
    views.append(
        Table(
            "Экспертные листы",
            "Экспертные листы: пункты и причины",
            [("Муниципальное образование", "text"), ("Пункт", "text"), ("Оценка", "item"), ("Причина", "text"), ("Где", "link")],
            checklist_rows,
        )
    )

    factors = factor_prevalence(region)
    n = len(reviewed)
    views.append(
        Table(
            "Факторы",
            "Распространённость факторов риска",
            [("№", "int"), ("Фактор", "text"), ("Муниципалитетов", "int"), ("Доля муниципалитетов", "share"), ("ШНОР", "int"), ("Школ", "int"), ("Мероприятий", "int")],
            [[f["number"], f["title"], f["municipalities"], share(f["municipalities"], n), f["shnor"], f["schools"], f["events"]] for f in factors],
        )
    )
    views.append(
        Table(
            "Параметры",
            "Распространённость параметров и мероприятия по ним",
            [
                ("Код", "text"),
                ("Параметр", "text"),
                ("Фактор", "text"),
                ("Муниципалитетов", "int"),
                ("ШНОР", "int"),
                ("Школ", "int"),
                ("Мероприятий", "int"),
                ("Идентификатор", "text"),
            ],
            [[p["code"], p["title"], f["title"], p["municipalities"], p["shnor"], p["schools"], p["events"], p["id"]] for f in factors for p in f["parameters"]],
        )
    )
    events = event_counts(region)
    views.append(
        Table(
            "Формы",
            "Мероприятия по формам",
            [("Форма", "text"), ("Этап", "text"), ("Мероприятий", "int"), ("Доля", "share")],
            [[form, STAGE_TITLES[events["form_stage"][form]], count, share(count, events_total)] for form, count in sorted(events["forms"].items(), key=lambda x: (-x[1], x[0]))],
        )
    )
    views.append(
        Table(
            "Этапы и группы",
            "Мероприятия по этапам управленческого цикла и группам",
            [("Разрез", "text"), ("Значение", "text"), ("Мероприятий", "int"), ("Доля", "share"), ("Из них группа определена по тексту", "int")],
            [
                ["этап", f"{s}. {STAGE_TITLES[s]}" if s else STAGE_TITLES[0], events["stages"].get(s, 0), share(events["stages"].get(s, 0), events_total), None]
                for s in (1, 2, 3, 4, 0)
            ]
            + [["группа", GROUP_TITLES[g], events["groups"].get(g, 0), share(events["groups"].get(g, 0), events_total), events["guessed"].get(g, 0)] for g in GROUPS],
        )
    )
    views.append(
        Table(
            "ШНОР",
            "ШНОР: параметры, участие в мероприятиях, школьные программы",
            [
                ("Муниципальное образование", "text"),
                ("Школа", "text"),
                ("Идентификатор", "text"),
                ("Параметры", "text"),
                ("Мероприятий с участием", "int"),
                ("Программа", "text"),
                ("Файл", "link"),
            ],
            shnor_rows(region),
        )
    )
    views.append(
        Table(
            "Показатели",
            "Показатели качества внутришкольных систем профилактики",
            [("Показатель", "text"), ("Муниципалитетов", "int"), ("Единицы", "text"), ("Измеримых (единица и цель)", "int"), ("Всего записей", "int")],
            [[r["text"], r["municipalities"], r["units"], r["measurable"], r["total"]] for r in indicator_usage(region)],
        )
    )
    problem_rows = []
    for file in region.files:
        muni = file.municipality
        for p in file.problems:
            if p.severity == "info":
                continue
            problem_rows.append([muni, _link(file.path, file.name, p.line), p.line, "ошибка" if p.severity == "error" else "предупреждение", p.rule, p.message])
    views.append(
        Table(
            "Замечания",
            "Замечания проверки по файлам (ошибки и предупреждения)",
            [("Муниципальное образование", "text"), ("Файл: строка", "link"), ("Строка", "int"), ("Важность", "text"), ("Правило", "text"), ("Сообщение", "text")],
            problem_rows,
        )
    )
    views.append(
        Table(
            "Файлы",
            "Все файлы",
            [("Файл", "text"), ("Вид", "text"), ("Муниципальное образование", "text"), ("Состояние", "status"), ("Ошибок", "int"), ("Предупреждений", "int"), ("Открыть", "link")],
            [
                [
                    f.name,
                    KIND_TITLES.get(f.kind or "", "не определён"),
                    f.municipality,
                    FILE_STATUS_TITLES[f.status],
                    f.count("error"),
                    f.count("warning"),
                    _link(f.path, f.name, 0),
                ]
                for f in region.files
            ],
        )
    )
    for section in SECTIONS:
        views.extend(section.tables(region))
    return views


KIND_TITLES = {"roadmap": "дорожная карта", "programme": "школьная программа", "report": "отчёт о реализации"}
FILE_STATUS_TITLES = {UNREADABLE: "не читается", ERRORS: "с ошибками", CLEAN: "без ошибок"}
ITEM_STATUSES = (PASSED, PARTLY, FAILED, NA)
