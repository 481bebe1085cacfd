"""What the review keeps of one file: small, picklable facts drawn from a loaded document.

A worker process loads and checks a file, then keeps only these facts (the
data model and the positions stay behind): they travel back to the main
process and into the cache, and everything the review shows is computed from
them. Named tuples pickle compactly and fast, which matters at 150,000 events.

Adding a document kind to the review is its extractor named in ``kinds.Kind.review_facts``:
its result lands in ``FileFacts.extra[kind]`` and a section of ``summary.SECTIONS``
turns it into tables — as the implementation report (issue 10) does.
"""

from __future__ import annotations

import pickle
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, NamedTuple

# Bump when the shape of the facts changes: old cache entries are then ignored.
FACTS_VERSION = 10  # 8: the plan's calendar by months (``calendar_load``); 9: its undated events by number;
# 10: a Word file's places (``FileFacts.places``)

UNREADABLE, ERRORS, CLEAN, FOREIGN = "unreadable", "errors", "clean", "foreign"


class ProblemFact(NamedTuple):
    rule: str
    severity: str  # error / warning / info
    message: str
    line: int
    column: int


class SchoolFact(NamedTuple):
    id: str
    name: str
    short: str
    shnor: bool
    line: int


class FindingFact(NamedTuple):
    ref: str  # what events name: the catalog id or the own id
    parameter: str  # catalog parameter id ("" for an own parameter)
    factor: str  # factor id ("" when unknown)
    factor_title: str
    title: str  # the parameter's wording (own or the catalog's)
    schools: tuple[tuple[str, ...], ...]
    line: int
    check_measure: bool = False  # the catalog's municipal measure for it is a check: control events are its prevention


class EventFact(NamedTuple):
    number: int  # 1-based, as in the document
    id: str
    name: str
    form: str
    form_term: str  # the vocabulary's term («тематический семинар»), "" when unknown
    stage: int  # 1–4 of the management cycle, 0 when the form is unknown
    groups: tuple[str, ...]  # municipal / shnor / control, as ``validate`` reads them (domain.structure.event_groups)
    groups_stated: bool  # written in the file (else guessed from the text)
    parameters: tuple[str, ...]
    all_parameters: bool  # «все выявленные параметры»
    shnor: tuple[str, ...]  # the ШНОР taking part, as ``validate`` reads them (domain.structure.Participation)
    all_shnor: bool
    dates: str
    dates_understood: bool
    dates_concrete: bool
    draft: bool
    line: int
    shnor_guessed: bool = False  # participants read from the contingent or place, not written in ``shnor``
    regional: bool = False  # an event of the regional level (the institute's, the ministry's)


class IndicatorFact(NamedTuple):
    id: str
    text: str
    unit: str
    baseline: float | None
    target: float | None
    source: str
    frequency: str
    structured: bool  # written as a mapping, not a plain string
    line: int


class Events(Sequence):
    """A roadmap's events: a tuple of ``EventFact`` that travels pickled and is unpickled when first read.

    The review's own figures take what they need of the events from the
    worker's tallies and checklist items, so a review of 2,500 cached files
    never reads 150,000 events back (a third of the time a second review spent
    unpickling, and as much memory): only their number, kept beside them.
    """

    __slots__ = ("_blob", "_items", "_length")

    def __init__(self, items: Iterable[EventFact] = ()):
        self._items: tuple[EventFact, ...] | None = tuple(items)
        self._blob: bytes | None = None
        self._length = len(self._items)

    @classmethod
    def _packed(cls, blob: bytes, length: int) -> Events:
        events = cls.__new__(cls)
        events._items, events._blob, events._length = None, blob, length
        return events

    def _all(self) -> tuple[EventFact, ...]:
        if self._items is None:
            self._items, self._blob = pickle.loads(self._blob), None  # type: ignore[arg-type]
        return self._items  # type: ignore[return-value]

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index):  # type: ignore[override]
        return self._all()[index]

    def __iter__(self) -> Iterator[EventFact]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Events):
            other = other._all()
        return self._all() == other if isinstance(other, tuple) else NotImplemented

    def __hash__(self) -> int:
        return hash(self._all())

    def __repr__(self) -> str:
        return f"Events({self._all()!r})"

    def __reduce__(self):
        blob = self._blob if self._blob is not None else pickle.dumps(self._items, protocol=pickle.HIGHEST_PROTOCOL)
        return Events._packed, (blob, self._length)


class RoadmapFacts(NamedTuple):
    municipality: str
    period_title: str
    period_first: tuple[int, int]
    period_last: tuple[int, int]
    approval: str  # official / order / signature / none
    schools: tuple[SchoolFact, ...]
    findings: tuple[FindingFact, ...]
    events: Events  # a sequence of EventFact
    monitoring: tuple[int, ...]  # indexes into events
    monitoring_by_name: bool  # found by its name, not named in monitoring.events
    monitoring_line: int
    indicators: tuple[IndicatorFact, ...]
    has_shnor: bool


class ProgrammeFacts(NamedTuple):
    municipality: str
    school_id: str
    school_name: str
    period_first: tuple[int, int] | None
    period_last: tuple[int, int] | None
    parameters: tuple[str, ...]


class ReportFacts(NamedTuple):
    """An implementation report (issue 10): execution of the roadmap's events and the method's four criteria."""

    municipality: str  # from the report's roadmap
    roadmap: str  # the roadmap's path as written in the report
    period_title: str  # «за 2025 год»
    period_first: tuple[int, int]
    period_last: tuple[int, int]
    final: bool  # reaches the roadmap's last month: the year's outcome is due
    planned: int  # events in the roadmap
    statuses: dict[str, int]  # status → events; «нет сведений» for events the report does not mention
    participants: int
    shnor_reached: int
    shnor_total: int
    criteria: tuple[tuple[str, str, float | None, str], ...]  # (number, title, value, text)
    outcomes: dict[str, int]  # устранён / снижен / сохраняется / усилился → cells of section I


class FileFacts(NamedTuple):
    """One file as the review sees it. ``path`` and ``name`` are filled in after the cache."""

    kind: str | None
    status: str
    problems: tuple[ProblemFact, ...]
    roadmap: RoadmapFacts | None = None
    programme: ProgrammeFacts | None = None
    municipality_hint: str = ""  # read from the raw text when the file could not be modelled
    extra: dict[str, Any] = {}  # never mutated: replaced with ``_replace``
    dependencies: tuple[str, ...] = ()  # other files the result depends on (the municipality's own catalog)
    path: str = ""  # absolute
    name: str = ""  # as shown: relative to the folder reviewed
    places: tuple[tuple[int, str], ...] = ()  # a document imported in memory: line of its data → place in it

    @property
    def municipality(self) -> str:
        if self.roadmap is not None:
            return self.roadmap.municipality
        if self.programme is not None:
            return self.programme.municipality
        for value in self.extra.values():  # the report, or any kind the registry adds
            found = value.get("municipality") if isinstance(value, dict) else getattr(value, "municipality", "")
            if found:
                return found
        return self.municipality_hint

    def count(self, severity: str) -> int:
        return sum(1 for p in self.problems if p.severity == severity)


# ---------------------------------------------------------------- extraction


def status_of(problems: list) -> str:
    if any(p.rule == "read-error" for p in problems):
        return UNREADABLE
    if any(p.severity.value == "error" for p in problems):
        return ERRORS
    return CLEAN


def extract(document: Any, raw: bytes | None = None) -> FileFacts:
    """The facts of a loaded document (``document.LoadedDocument``); never raises for a bad file."""
    # A Word or Excel file's problems name their place in it («таблица 2, строка 14, графа «Сроки»»).
    problems = tuple(
        ProblemFact(p.rule, p.severity.value, f"{p.place}: {p.message}" if p.place else p.message, p.line, p.column)
        for p in document.problems
    )
    status = status_of(document.problems)
    if document.kind is None and not document.problems:
        return FileFacts(None, FOREIGN, ())
    facts = FileFacts(document.kind, status, problems)
    extractor = _extractor(document.kind) if document.model is not None else None
    if extractor is not None:
        value = extractor(document)
        field = document.kind
        facts = facts._replace(**{field: value}) if field in FileFacts._fields else facts._replace(extra={field: value})
    if document.model is None and raw is not None:
        facts = facts._replace(municipality_hint=municipality_hint(raw), kind=document.kind or kind_hint(raw))
    if document.imported is not None:
        from ..document import line_places

        facts = facts._replace(places=tuple(sorted(line_places(document).items())))
    return facts._replace(dependencies=dependencies(document))


def dependencies(document: Any) -> tuple[str, ...]:
    """Files besides the document itself whose content changes its facts: a municipality's catalog; a report's roadmap
    and previous report.
    """
    import os

    if document.model is None:
        return ()
    folder = os.path.dirname(os.path.abspath(document.path))
    written = [getattr(document.model, name, "") for name in ("catalog", "roadmap", "previous")]
    return tuple(os.path.normpath(os.path.join(folder, w)) for w in written if isinstance(w, str) and w)


_MUNICIPALITY_LINE = re.compile(r"^\s*municipality:\s*[\"']?(.+?)[\"']?\s*(?:#.*)?$", re.MULTILINE)


def municipality_hint(raw: bytes) -> str:
    """The municipality named in a file that could not be read as data (broken YAML, Windows-1251)."""
    for encoding in ("utf-8", "cp1251"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        match = _MUNICIPALITY_LINE.search(text)
        if match:
            return match.group(1).strip()
    return ""


_KIND_LINE = re.compile(rb"^kind:\s*(\w+)", re.MULTILINE)


def kind_hint(raw: bytes) -> str | None:
    """What an unreadable file was meant to be, from its ``kind:`` line or its top-level keys."""
    from ..kinds import KINDS

    match = _KIND_LINE.search(raw)
    if match and match.group(1).decode("ascii", "replace") in KINDS:
        return match.group(1).decode("ascii")
    for kind in KINDS.values():
        if any(re.search(rb"^" + key.encode() + rb":", raw, re.MULTILINE) for key in kind.keys):
            return kind.name
    return None


def _line(source: Any, loc: tuple) -> int:
    where = source.values.get(loc)  # items are always there; locate() is for paths that may not be
    return where.line if where is not None else source.locate(loc).line


def roadmap_facts(document: Any) -> RoadmapFacts:
    road, source, catalog = document.model, document.source, document.catalog
    info = road.document
    span = info.span
    schools = tuple(
        SchoolFact(s.id, s.name, s.short or _short(s.name), s.shnor, _line(source, ("schools", i)))
        for i, s in enumerate(road.schools)
    )
    findings = [_finding_fact(finding, catalog, _line(source, ("audit", i))) for i, finding in enumerate(road.audit)]
    participation = _participation(road)
    events = [_event_fact(i, event, participation, _line(source, ("events", i))) for i, event in enumerate(road.events)]
    monitoring, by_name = _monitoring(road)
    indicators = tuple(
        IndicatorFact(
            q.id,
            q.text,
            q.unit,
            q.baseline,
            q.target,
            q.source,
            q.frequency,
            not isinstance(raw, str),
            _line(source, ("monitoring", "indicators", i)),
        )
        for i, (raw, q) in enumerate(zip(road.monitoring.indicators, road.monitoring.quality_indicators))
    )
    approval = info.approval
    if approval is None or approval.empty:
        approval_kind = "signature" if info.signature is not None else "none"
    else:
        approval_kind = "order" if approval.by_order else "official"
    return RoadmapFacts(
        info.municipality,
        info.period_title,
        span.first,
        span.last,
        approval_kind,
        schools,
        tuple(findings),
        Events(events),
        monitoring,
        by_name,
        source.key_position(("monitoring",)).line if ("monitoring",) in source.values else 0,
        indicators,
        road.has_shnor,
    )


def _finding_fact(finding: Any, catalog: Any, line: int) -> FindingFact:
    factor = _factor_of(finding, catalog)
    known = catalog is not None and finding.parameter in catalog.parameters
    return FindingFact(
        finding.ref,
        finding.parameter if known else "",
        factor.id if factor is not None else "",
        factor.title if factor is not None else "",
        _finding_title(finding, catalog),
        tuple(finding.schools),
        line,
        bool(known and catalog.municipal_checks(finding.parameter)),
    )


def _event_fact(i: int, event: Any, participation: Any, line: int) -> EventFact:
    from ..domain.structure import event_groups, is_regional

    term, stage = _form(event.form)
    understood, concrete = _dates(event.dates)
    taking_part = participation.of(event)
    # Neither «все» nor named ШНОР: ``of`` is what the text names, read once (it was read twice per event).
    guessed = not event.all_shnor and not event.shnor_ids and bool(participation.shnor) and bool(taking_part)
    return EventFact(
        i + 1,
        event.id,
        event.name,
        event.form,
        term,
        stage,
        tuple(event_groups(event)),
        bool(event.stated_groups),
        tuple(event.parameter_refs),
        event.addresses_all,
        tuple(sorted(taking_part)),
        event.all_shnor,
        event.dates,
        understood,
        concrete,
        event.draft,
        line,
        guessed,
        is_regional(event),
    )


def programme_facts(document: Any) -> ProgrammeFacts:
    programme = document.model
    period = programme.period
    return ProgrammeFacts(
        programme.municipality,
        programme.school.id,
        programme.school.name,
        period.first if period is not None else None,
        period.last if period is not None else None,
        tuple(programme.parameters),
    )


TALLIES_KEY = "tallies"


def event_tallies(road: RoadmapFacts) -> dict:
    """Counts of a roadmap's events for the regional figures (plain dicts: they go into the cache)."""
    from collections import Counter

    forms, stages, groups, guessed, refs, shnor = Counter(), Counter(), Counter(), Counter(), Counter(), Counter()
    form_stage: dict[str, int] = {}
    everyone = 0
    for event in road.events:
        form = event.form_term or (event.form.strip().lower() or "(форма не указана)")
        forms[form] += 1
        form_stage.setdefault(form, event.stage)
        stages[event.stage] += 1
        for group in event.groups:
            groups[group] += 1
            if not event.groups_stated:
                guessed[group] += 1
        refs.update(event.parameters)
        shnor.update(event.shnor)
        everyone += event.all_shnor
    return {
        "forms": dict(forms),
        "stages": dict(stages),
        "groups": dict(groups),
        "guessed": dict(guessed),
        "form_stage": form_stage,
        "refs": dict(refs),
        "shnor": dict(shnor),  # school → events naming it in ``shnor``
        "all_shnor": everyone,  # events with «shnor: все»
    }


CALENDAR_KEY = "calendar"
CALENDAR_MONTHS = 36  # a plan over more months is not drawn month by month (a broken period, not a plan)


class CalendarLoad(NamedTuple):
    """A roadmap's plan by months (``domain.calendar``), counted by the worker: the review's page draws it, never
    reading the events back.

    Kept as a few strings, not tuples: the cache's decoder builds every tuple through a Python hook, and 2,500
    calendars of nested tuples cost a repeated review some 0.1 s more than these one-call entries."""

    year: int  # the first column: the roadmap's span begins
    month: int
    events: str  # per month, «9,5,7,…»: events with a month of their own
    busiest: str  # per month: the busiest ШНОР's count of them
    overloaded: str  # «0,1,2»: indexes of the overloaded months
    # The busiest ШНОР of each overloaded month, months apart by «\n», schools by «\t»: «СОШ № 10\tООШ № 19»,
    # «все ШНОР» (the page words the rest: the month and the count are in the numbers above).
    schools: str
    undated: str  # «3,7,12»: the numbers of events with no month inside the span («по отдельному графику»)


def calendar_load(road: RoadmapFacts) -> CalendarLoad | None:
    """The calendar of a roadmap's events (None without events or with a span too long to draw)."""
    from ..domain.calendar import PlannedEvent, build_calendar, months_between

    months = months_between(road.period_first, road.period_last)
    if not len(road.events) or not months or len(months) > CALENDAR_MONTHS:
        return None
    events = [PlannedEvent(e.number, e.id, e.name, e.form, e.dates, tuple(e.shnor)) for e in road.events]
    shnor = [s.id for s in road.schools if s.shnor]
    calendar = build_calendar(months, events, shnor, {s.id: s.short for s in road.schools})
    return CalendarLoad(
        months[0][0],
        months[0][1],
        ",".join(str(m.events) for m in calendar.load),
        ",".join(str(m.busiest_count) for m in calendar.load),
        ",".join(str(i) for i, m in enumerate(calendar.load) if m.overloaded),
        # A name's own tabs and line breaks (a «short:» written as a block) become spaces: they separate here.
        "\n".join("\t".join(" ".join(n.split()) for n in calendar.busiest_schools(m)) for m in calendar.overloaded),
        ",".join(str(row.number) for row in calendar.undated),
    )


def report_facts(document: Any) -> ReportFacts | None:
    """The execution and the effectiveness of a report, against its roadmap; None when the roadmap cannot be loaded."""
    from collections import Counter

    from ..domain.effectiveness import criteria, outcome_counts, shnor_reached
    from ..domain.report import is_final, linked_path, period_title, shnor_ids
    from ..report_links import load_linked

    report = document.model
    roadmap_doc, _ = load_linked(linked_path(document.path, report.roadmap), "roadmap")
    if roadmap_doc is None:
        return None
    previous = None
    if report.previous:
        previous_doc, _ = load_linked(linked_path(document.path, report.previous), "report")
        previous = previous_doc.model if previous_doc is not None else None
    road = roadmap_doc.model
    statuses = Counter(
        (report.event_report(e.id).status or "нет сведений") if e.id and report.event_report(e.id) else "нет сведений"
        for e in road.events
    )
    found = criteria(report, road, previous)
    return ReportFacts(
        road.document.municipality,
        report.roadmap,
        period_title(report.period),
        report.period.first,
        report.period.last,
        is_final(report, road.document.span),
        len(road.events),
        dict(statuses),
        int(found[0].value or 0),
        len(shnor_reached(report, road)),
        len(shnor_ids(road)),
        tuple((c.number, c.title, c.value, c.text) for c in found),
        dict(outcome_counts(report, road)),
    )


def _extractor(kind_name: str | None) -> Callable[[Any], Any] | None:
    """The kind's review extractor, from the registry (``Kind.review_facts``); its result lands in the
    field of ``FileFacts`` named after the kind, or in ``extra[kind]``."""
    from ..kinds import KINDS

    kind = KINDS.get(kind_name or "")
    return kind.review_function() if kind is not None and kind.review_facts else None


# ---------------------------------------------------------------- what the domain knows, behind one call each
# The method-check issue is changing how groups and monitoring are recognised:
# these wrappers are the only places that follow it.


def _participation(road: Any) -> Any:
    from ..domain.structure import Participation

    return Participation(road)


def _monitoring(road: Any) -> tuple[tuple[int, ...], bool]:
    from ..domain.structure import monitoring_event

    ids = road.monitoring.event_ids
    if ids:
        return tuple(i for i, e in enumerate(road.events) if e.id and e.id in ids), False
    found = monitoring_event(road)
    return ((found[0],), True) if found is not None else ((), False)


# Municipalities repeat the same dates and forms in every file: a worker parses each text once.
_DATES: dict[str, tuple[bool, bool]] = {}
_FORMS: dict[str, tuple[str, int]] = {}
_MEMO_LIMIT = 50_000


def _dates(text: str) -> tuple[bool, bool]:
    """(understood, concrete) of a date phrase."""
    known = _DATES.get(text)
    if known is None:
        from ..domain.dates import parse_dates

        phrase = parse_dates(text or "")
        known = (phrase.understood, phrase.concrete)
        if len(_DATES) < _MEMO_LIMIT:
            _DATES[text] = known
    return known


def _form(text: str) -> tuple[str, int]:
    """(the vocabulary's term, stage 1–4) of an event form; ("", 0) when unknown."""
    known = _FORMS.get(text)
    if known is None:
        from ..domain.reference import classify_form

        entries = classify_form(text) if text else []
        known = (entries[0].term, entries[0].stage) if entries else ("", 0)
        if len(_FORMS) < _MEMO_LIMIT:
            _FORMS[text] = known
    return known


def _factor_of(finding: Any, catalog: Any):
    if catalog is None:
        return None
    if finding.parameter and finding.parameter in catalog.parameters:
        return catalog.factor_of[finding.parameter]
    if finding.factor and finding.factor in catalog.factors_by_id:
        return catalog.factors_by_id[finding.factor]
    return None


def _finding_title(finding: Any, catalog: Any) -> str:
    if finding.title:
        return finding.title
    if catalog is not None and finding.parameter in catalog.parameters:
        return catalog.parameters[finding.parameter].title
    return finding.ref


def _short(name: str) -> str:
    from ..domain.schools import short_name

    return short_name(name)
