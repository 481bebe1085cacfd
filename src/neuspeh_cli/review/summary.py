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
from typing import Any, NamedTuple

from .checklist import FAILED, ITEMS, NA, PARTLY, PASSED, Reason, Sheet, expert_sheet, parameter_codes
from .facts import CLEAN, ERRORS, UNREADABLE, FileFacts

MISSING = "missing"
# Where a municipality keeps a file of each kind besides its roadmap; a kind not named here (a new one) is «other».
KIND_LISTS = {"programme": "programmes", "report": "reports"}
STATUS_TITLES = {MISSING: "не представлена", UNREADABLE: "не читается", ERRORS: "с ошибками", CLEAN: "без ошибок"}
STATUS_ORDER = [MISSING, UNREADABLE, ERRORS, CLEAN]
GROUPS = ("municipal", "shnor", "control")
GROUP_TITLES = {
    "municipal": "муниципальные (ТМС/УО)",
    "shnor": "с участием / для ШНОР",
    "control": "контроль внутришкольных систем",
}


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
    other_files: list[FileFacts] = field(
        default_factory=list
    )  # unreadable files of unknown kind that name this municipality
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
        return [
            f
            for f in [self.roadmap, *self.other_roadmaps, *self.programmes, *self.reports, *self.other_files]
            if f is not None
        ]

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
    summary: RegionSummary | None = None  # every figure the writers show, computed once by ``summarise``

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
    roadmaps: dict[str, list[FileFacts]] = defaultdict(list)
    for file in files:
        name = file.municipality
        if name.strip():
            target = municipality(name)
        else:  # a file whose municipality cannot be told: a row of its own, named after the file
            target = by_key[f"~{file.name}"] = Municipality(
                f"(не определено: {file.name})", f"~{file.name}", expected=expected is None
            )
        if file.kind == "roadmap" or (file.kind is None and not name.strip()):
            roadmaps[target.key].append(file)
        else:
            getattr(target, KIND_LISTS.get(file.kind or "", "other_files")).append(file)
    for key, found in roadmaps.items():
        # The modelled one with the latest period is reviewed; the rest are listed.
        ranked = sorted(
            found,
            key=lambda f: (f.roadmap is not None, f.roadmap.period_last if f.roadmap else (0, 0), f.name),
            reverse=True,
        )
        by_key[key].roadmap, by_key[key].other_roadmaps = ranked[0], ranked[1:]
    programmes_collected = any(f.kind == "programme" for f in files)
    region = Region(
        sorted(by_key.values(), key=lambda m: (m.key.startswith("~"), m.key)),
        files,
        expected is not None,
        programmes_collected,
        bundled_outline(),
    )
    for muni in region.municipalities:
        _link_programmes(muni)
        muni.sheet = expert_sheet(muni.roadmap, muni.linked_programmes)
    for section in SECTIONS:
        region.sections[section.name] = section.collect(region)
    region.summary = summarise(region)
    return region


def _link_programmes(muni: Municipality) -> None:
    """Programmes outside the roadmap's period are set aside; a programme's school missing from the roadmap is a
    finding.
    """
    road = muni.roadmap.roadmap if muni.roadmap is not None else None
    if road is None:
        return
    linked, others = [], []
    for programme in muni.programmes:
        facts = programme.programme
        if (
            facts is not None
            and facts.period_first is not None
            and not (facts.period_first <= road.period_last and road.period_first <= facts.period_last)
        ):
            others.append(programme)
        else:
            linked.append(programme)
    muni.programmes = linked + others
    muni.linked_programmes = linked
    schools = {s.id for s in road.schools}
    for programme in linked:
        facts = programme.programme
        if facts is not None and facts.school_id and facts.school_id not in schools:
            named = facts.school_name or facts.school_id
            muni.cross_findings.append(
                Reason(
                    f"программа школы «{named}», которой нет в перечне школ дорожной карты",
                    programme.path,
                    programme.name,
                    0,
                )
            )
    for programme in others:
        muni.cross_findings.append(
            Reason(
                "срок программы не пересекается со сроком дорожной карты: программа не учтена",
                programme.path,
                programme.name,
                0,
            )
        )


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
                rows.append(
                    [
                        muni.name,
                        "",
                        None,
                        None,
                        None,
                        None,
                        None,
                        None,
                        None,
                        None,
                        "",
                        "",
                        "",
                        "",
                        "",
                        FILE_STATUS_TITLES[file.status],
                        _link(file.path, file.name, 0),
                    ]
                )
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


@dataclass
class _Prevalence:
    """Where one factor or parameter was found: municipalities, ШНОР and schools, and the events aimed at it."""

    title: str = ""
    factor: str = ""  # of a municipality's own parameter
    municipalities: set = field(default_factory=set)
    shnor: int = 0
    schools: int = 0
    events: int = 0

    def figures(self) -> dict:
        return {
            "municipalities": len(self.municipalities),
            "shnor": self.shnor,
            "schools": self.schools,
            "events": self.events,
        }


def factor_prevalence(region: Region) -> list[dict]:
    """Per catalog factor and parameter: municipalities and ШНОР where it was found, and the events aimed at it."""
    catalog = region.catalog
    factors = {f.id: _Prevalence() for f in catalog.factors}
    parameters = {(f.id, p.id): _Prevalence() for f in catalog.factors for p in f.parameters}
    own: dict[str, _Prevalence] = {}  # the municipalities' own parameters, by factor and title
    for muni in region.reviewed:
        _count_prevalence(muni, factors, parameters, own)
    result = []
    for factor in catalog.factors:
        rows = [
            {"id": p.id, "code": f"{factor.number}.{i}.", "title": p.title, **parameters[factor.id, p.id].figures()}
            for i, p in enumerate(factor.parameters, 1)
        ]
        rows += [
            {"id": "", "code": "", "title": f"{o.title} (собственный параметр)", **o.figures()}
            for o in own.values()
            if o.factor == factor.id
        ]
        result.append(
            {
                "id": factor.id,
                "number": factor.number,
                "title": factor.title,
                **factors[factor.id].figures(),
                "parameters": rows,
            }
        )
    return result


def _count_prevalence(muni: Municipality, factors: dict, parameters: dict, own: dict) -> None:
    """Add one municipality's findings to the rows of their factors and parameters.

    ШНОР and schools are pairs (municipality, school): the pairs of two municipalities never meet, so each
    municipality's distinct schools are counted on their own and added up (no set of every pair in the region).
    """
    road = muni.roadmap.roadmap
    shnor = {s.id for s in road.schools if s.shnor}
    counts = tallies(muni.roadmap)["refs"]
    here: dict[int, tuple[_Prevalence, set[str]]] = {}  # a row's schools in this municipality
    for finding in road.findings:
        factor_row = factors.get(finding.factor)
        if factor_row is None:
            continue
        target = parameters.get((finding.factor, finding.parameter))
        if target is None:  # the municipality's own parameter
            key = f"{finding.factor}/{finding.title}"
            target = own.setdefault(key, _Prevalence(title=finding.title, factor=finding.factor))
        events = counts.get(finding.ref, 0)
        for row in (factor_row, target):
            row.municipalities.add(muni.key)
            row.events += events
            here.setdefault(id(row), (row, set()))[1].update(finding.schools)
    for row, schools in here.values():
        row.schools += len(schools)
        row.shnor += len(schools & shnor)


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


def indicator_usage(region: Region) -> list[dict]:
    used: dict[str, dict] = {}
    for muni in region.reviewed:
        for indicator in muni.roadmap.roadmap.indicators:
            key = " ".join(indicator.text.lower().replace("ё", "е").split()).rstrip(".")
            if not key:
                continue
            row = used.setdefault(
                key,
                {
                    "text": indicator.text.rstrip("."),
                    "municipalities": set(),
                    "units": Counter(),
                    "structured": 0,
                    "total": 0,
                },
            )
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
                    ", ".join(params),
                    named.get(school.id, 0),
                    "есть" if programme is not None else ("нет" if muni.linked_programmes else "—"),
                    _link(programme.path, programme.name, 0)
                    if programme is not None
                    else _link(muni.roadmap.path, muni.roadmap.name, school.line),
                ]
            )
    return rows


def _link(path: str, name: str, line: int) -> dict:
    return {"path": path, "name": name, "line": line}


def shnor_coverage(region: Region) -> tuple[int, int, int]:
    """(ШНОР in events, ШНОР of roadmaps that name participants, ШНОР of roadmaps that do not): the share counts the
    first two only.
    """
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


FILE_STATUS_TITLES = {UNREADABLE: "не читается", ERRORS: "с ошибками", CLEAN: "без ошибок"}
ITEM_STATUSES = (PASSED, PARTLY, FAILED, NA)


def kind_title(kind: str | None) -> str:
    """A file's kind as a column shows it: the registry's kind (kinds.py), in a short form where one is known."""
    from ..kinds import KINDS

    if kind not in KINDS:
        return "вид не определён"
    return KINDS[kind].short_title


# ---------------------------------------------------------------- the summary, computed once


class MunicipalityFigures(NamedTuple):
    """One municipality's row, as every writer shows it."""

    name: str
    folder: str
    status: str  # missing / unreadable / errors / clean
    status_title: str  # «с ошибками (нет в перечне)»
    score: int | None  # None when not checked
    verdict: str  # «соответствует методике»
    period: str
    schools: int | None
    shnor: int | None
    findings: int | None
    events: int | None
    shnor_share: float | None  # ШНОР taking part in events; None when unknown
    programmes: str  # «1 из 2», «» when the municipality sent none
    programme_share: float | None
    errors: int | None
    warnings: int | None
    items: dict[str, str]  # item key → status


@dataclass
class RegionSummary:
    """Every figure of the region the writers show: computed once, so that writers only format."""

    municipalities: list[MunicipalityFigures]
    status_counts: Counter
    files: int
    programmes: int
    events: int
    shnor: int
    shnor_covered: int
    shnor_known: int
    shnor_unknown: int
    programme_shnor: int  # ШНОР of municipalities that sent programmes
    programme_covered: int  # of those, ШНОР with a programme
    average_score: int | None
    scores: list[int]
    verdicts: Counter  # Verdict → roadmaps
    item_statuses: dict[str, Counter]  # item key → status → roadmaps
    factors: list[dict]
    event_counts: dict[str, Any]
    indicators: list[dict]
    indicator_roadmaps: int  # roadmaps that list quality indicators
    indicator_records: int
    shnor_rows: list[list[Any]]


def municipality_figures(m: Municipality) -> MunicipalityFigures:
    road = m.roadmap.roadmap if m.roadmap is not None else None
    sheet = m.sheet
    shnor = len(m.shnor_ids)
    with_programme = len(set(m.shnor_ids) & m.programme_schools)
    sent = bool(road and shnor and m.linked_programmes)
    return MunicipalityFigures(
        m.name,
        m.folder,
        m.status,
        STATUS_TITLES[m.status] + ("" if m.expected else " (нет в перечне)"),
        sheet.score if sheet is not None and sheet.checked else None,
        sheet.verdict.title if sheet is not None else "",
        road.period_title if road else "",
        len(road.schools) if road else None,
        shnor if road else None,
        len(road.findings) if road else None,
        len(road.events) if road else None,
        share(len(m.shnor_in_events), shnor) if road and shnor and m.participation_known else None,
        f"{with_programme} из {shnor}" if sent else "",
        share(with_programme, shnor) if sent else None,
        m.roadmap.count("error") if m.roadmap else None,
        m.roadmap.count("warning") if m.roadmap else None,
        {i.key: i.status for i in sheet.items} if sheet is not None else {},
    )


def summarise(region: Region) -> RegionSummary:
    reviewed = region.reviewed
    sheets = [m.sheet for m in reviewed if m.sheet is not None]
    covered, known, unknown = shnor_coverage(region)
    senders = [m for m in reviewed if m.linked_programmes]
    scores = [s.score for s in sheets]
    return RegionSummary(
        municipalities=[municipality_figures(m) for m in region.municipalities],
        status_counts=region.status_counts(),
        files=len(region.files),
        programmes=sum(1 for f in region.files if f.kind == "programme"),
        events=sum(len(m.roadmap.roadmap.events) for m in reviewed),
        shnor=sum(len(m.shnor_ids) for m in reviewed),
        shnor_covered=covered,
        shnor_known=known,
        shnor_unknown=unknown,
        programme_shnor=sum(len(m.shnor_ids) for m in senders),
        programme_covered=sum(len(set(m.shnor_ids) & m.programme_schools) for m in senders),
        average_score=round(sum(scores) / len(scores)) if scores else None,
        scores=scores,
        verdicts=Counter(s.verdict for s in sheets),
        item_statuses={spec.key: Counter(s.items[n].status for s in sheets) for n, spec in enumerate(ITEMS)},
        factors=factor_prevalence(region),
        event_counts=event_counts(region),
        indicators=indicator_usage(region),
        indicator_roadmaps=sum(1 for m in reviewed if m.roadmap.roadmap.indicators),
        indicator_records=sum(len(m.roadmap.roadmap.indicators) for m in reviewed),
        shnor_rows=shnor_rows(region),
    )
