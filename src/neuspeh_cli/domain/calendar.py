"""The plan by months: which events fall in which month of the roadmap's period, and how busy each month is for the
ШНОР.

Methodologists asked for it in their words: a month-by-month view of section II
(May, the exam season, is always overloaded; the УО uses it as its work plan).
Dates are read by ``dates.parse_dates``: «Октябрь 2025», «Апрель – май 2025»,
quarters, half-years, school-year periods; «в течение года» and «ежемесячно»
run through the whole period, and so does any event over more than ``LONG``
months (a background bar, not a load on one month);
«по отдельному графику» has no month and is listed apart.

The load of a month counts the events with a month of their own that ШНОР take
part in; a month is overloaded when one ШНОР has ``OVERLOAD`` or more of them.
Presenters (the roadmap's appendix, the review's page, the report) only draw it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .dates import MONTH_NAMES, YearMonth, parse_dates

if TYPE_CHECKING:  # only named: the review's page takes the month names from here without loading the models
    from .roadmap import Roadmap

OVERLOAD = 4  # events with a month of their own for one ШНОР in one month
ALL_SHNOR = "все ШНОР"
LONG = 2  # an event over more months than this is work through a season, not a date (a background bar)

MONTH_SHORT = ("янв.", "февр.", "март", "апр.", "май", "июнь", "июль", "авг.", "сент.", "окт.", "нояб.", "дек.")


@dataclass
class CalendarRow:
    number: int  # № of the event in section II
    event_id: str
    name: str
    form: str
    dates: str  # as written
    months: frozenset[YearMonth]  # the months it covers inside the period
    background: bool  # «в течение года», «ежемесячно», «апрель – декабрь»: a season of work, not a date
    shnor: tuple[str, ...]  # ШНОР taking part, ids
    held: frozenset[YearMonth] | None = None  # months it was held (the report's fact), when known
    missed: bool = False  # known not held (the report: cancelled, moved and not held yet, or overdue not started)
    outcome: str = ""  # the report's word on it: «проведено», «перенесено на март 2026», «отменено»
    beyond: frozenset[YearMonth] = frozenset()  # planned months of the term the calendar does not show (a report's)
    held_beyond: frozenset[YearMonth] = frozenset()  # held months it does not show

    @property
    def undated(self) -> bool:
        """No month in the roadmap's term at all («по отдельному графику»), not merely none in a report's period."""
        return not self.months and not self.beyond

    @property
    def held_months(self) -> frozenset[YearMonth]:
        """Every month it was held, shown or not."""
        return (self.held or frozenset()) | self.held_beyond

    @property
    def late(self) -> bool:
        """Held, and first held after its last planned month: «проведено позже срока». «В течение года» runs to the
        term's end, so nothing held in the term is late for it; «апрель – декабрь» held in January is. A moved event
        says so in its outcome instead."""
        planned, held = self.months | self.beyond, self.held_months
        return self.outcome == "проведено" and bool(planned) and bool(held) and min(held) > max(planned)


@dataclass
class MonthLoad:
    month: YearMonth
    events: int  # events with this month of their own
    shnor_events: int  # of them with ШНОР taking part
    busiest: tuple[str, ...]  # the ШНОР with the most such events
    busiest_count: int

    @property
    def overloaded(self) -> bool:
        return self.busiest_count >= OVERLOAD


@dataclass
class Calendar:
    months: list[YearMonth]
    rows: list[CalendarRow]
    load: list[MonthLoad]
    short_names: dict[str, str] = field(default_factory=dict)  # school id → «СОШ № 5»
    shnor_count: int = 0
    fact_title: str = ""  # a report's period as its title says it, «за I полугодие 2025 года»

    @property
    def overloaded(self) -> list[MonthLoad]:
        return [m for m in self.load if m.overloaded]

    @property
    def undated(self) -> list[CalendarRow]:
        return [r for r in self.rows if r.undated]

    @property
    def reported(self) -> bool:
        """Planned against held: a report's calendar (its rows carry the report's outcome)."""
        return any(r.outcome for r in self.rows)

    @property
    def missed(self) -> list[CalendarRow]:
        return [r for r in self.rows if r.missed]

    @property
    def late(self) -> list[CalendarRow]:
        return [r for r in self.rows if r.late]

    @property
    def beyond(self) -> list[CalendarRow]:
        """Events planned in the roadmap's term but in no month shown (a report's calendar shows its period)."""
        return [r for r in self.rows if not r.months and r.beyond]

    @property
    def held_beyond(self) -> list[CalendarRow]:
        """Events held in a month the calendar does not show (outside a report's period)."""
        return [r for r in self.rows if r.held_beyond]

    def overload_text(self, load: MonthLoad) -> str:
        """«май 2025: СОШ № 10, ООШ № 19 — по 4 мероприятия» for the note under the table.

        The schools are named as written, in the nominative, before a dash: «у Ладожская СОШ» would need a genitive
        that a school's own name cannot be given."""
        each = "по " if len(load.busiest) > 1 else ""
        count = f"{each}{load.busiest_count} {events_word(load.busiest_count)}"
        return f"{month_title(load.month)}: {', '.join(self.busiest_schools(load))} — {count}"

    def busiest_schools(self, load: MonthLoad) -> tuple[str, ...]:
        """The busiest ШНОР's short names; («все ШНОР»,) when there are several and they are all of them."""
        if len(load.busiest) > 1 and len(load.busiest) == self.shnor_count:
            return (ALL_SHNOR,)
        return tuple(self.short_names.get(s, s) for s in load.busiest)


def month_title(month: YearMonth) -> str:
    return f"{MONTH_NAMES[month[1] - 1]} {month[0]}"


def month_short(month: YearMonth) -> str:
    return MONTH_SHORT[month[1] - 1]


def events_word(n: int) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return "мероприятие"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "мероприятия"
    return "мероприятий"


def months_between(first: YearMonth, last: YearMonth) -> list[YearMonth]:
    months = []
    year, month = first
    while (year, month) <= last:
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def period_months(roadmap: Roadmap) -> list[YearMonth]:
    span = roadmap.document.span
    return months_between(span.first, span.last)


@dataclass(frozen=True)
class PlannedEvent:
    """What the calendar needs of an event; the review builds it from its cached facts, without the model."""

    number: int
    event_id: str
    name: str
    form: str
    dates: str
    shnor: tuple[str, ...]  # ШНОР taking part, ids (as ``validate`` reads them)
    held: str | None = None  # the report's actual dates; ``None`` — not known, «» — known not held
    outcome: str = ""  # the report's status of the event, worded for the calendar


def plan_calendar(
    roadmap: Roadmap,
    held: dict[str, Any] | None = None,
    outcomes: dict[str, str] | None = None,
    fact_period: tuple[YearMonth, YearMonth] | None = None,
) -> Calendar:
    """The calendar of ``roadmap``'s section II; ``held`` — event id → the text of its actual dates (the report's
    ``held``; «» — known not held); ``outcomes`` — event id → the report's status worded («отменено»);
    ``fact_period`` — the report's period, the year that «в течение года» in ``held`` means, and the months shown:
    a plan-against-fact table has no fact for a month after the report (June – August of a school year's roadmap in a
    report for September – May), so those columns are left out and the events planned only there are named under it.
    """
    from .structure import Participation, school_short_names

    participation = Participation(roadmap)
    events = []
    for number, event in enumerate(roadmap.events, 1):
        shnor = tuple(s for s in participation.shnor_ids if s in participation.of(event))
        done = held.get(event.id) if held else None  # «» — known not held; absent — not known
        outcome = outcomes.get(event.id, "") if outcomes else ""
        events.append(PlannedEvent(number, event.id, event.name, event.form, event.dates, shnor, done, outcome))
    months = period_months(roadmap)
    shown = [m for m in months if fact_period[0] <= m <= fact_period[1]] if fact_period else months
    return build_calendar(
        months, events, participation.shnor_ids, school_short_names(roadmap), fact_period, shown=shown or months
    )


def build_calendar(
    months: list[YearMonth],
    events: list[PlannedEvent],
    shnor_ids: list[str],
    short_names: dict[str, str],
    fact_period: tuple[YearMonth, YearMonth] | None = None,
    shown: list[YearMonth] | None = None,
) -> Calendar:
    """The calendar of ``events`` over ``months`` (the roadmap's term), the load counted for the ШНОР ``shnor_ids`` (in
    their order); ``shown`` — the months drawn, when fewer (a report's period)."""
    period = (months[0], months[-1])
    visible = frozenset(shown if shown is not None else months)
    rows = []
    for event in events:
        covered, background = _placed(event.dates, period)
        done = None if event.held is None else (_held(event.held, period, fact_period) if event.held else frozenset())
        rows.append(
            CalendarRow(
                event.number,
                event.event_id,
                event.name,
                event.form,
                event.dates,
                covered & visible,
                background,
                event.shnor,
                None if done is None else done & visible,
                event.held == "",
                event.outcome,
                covered - visible,
                frozenset() if done is None else done - visible,
            )
        )
    months = [m for m in months if m in visible]
    # One pass over the events, not one per month: the review draws a calendar for each of 2,500 municipalities.
    events_in: Counter = Counter()
    with_shnor: Counter = Counter()
    per_school: dict[YearMonth, Counter] = {}
    for row in rows:
        if row.background:
            continue
        events_in.update(row.months)
        if row.shnor:
            with_shnor.update(row.months)
            for month in row.months:
                counts = per_school.get(month)
                if counts is None:
                    counts = per_school[month] = Counter()
                counts.update(row.shnor)
    load = []
    for month in months:
        counts = per_school.get(month)
        top = max(counts.values()) if counts else 0
        busiest = tuple(s for s in shnor_ids if counts.get(s) == top) if top else ()
        load.append(MonthLoad(month, events_in.get(month, 0), with_shnor.get(month, 0), busiest, top))
    return Calendar(months, rows, load, short_names, len(shnor_ids))


@lru_cache(maxsize=16384)
def _placed(dates: str, period: tuple[YearMonth, YearMonth]) -> tuple[frozenset[YearMonth], bool]:
    """The months a date phrase covers inside the period, and whether it is background (a season, not a date)."""
    phrase = parse_dates(dates)
    covered = frozenset(m for m in phrase.months(period) if period[0] <= m <= period[1])
    background = len(covered) > LONG or (bool(covered) and not phrase.items and (phrase.whole_year or phrase.recurring))
    return covered, background


def _held(held: str, period: tuple[YearMonth, YearMonth], facts: tuple[YearMonth, YearMonth] | None) -> frozenset:
    """The months a report's actual dates cover in the calendar: «в течение года» held in a report for September –
    May is those months, not the roadmap's whole year up to August (a month after the report cannot be a fact)."""
    if facts is None:
        return _placed(held, period)[0]
    return frozenset(m for m in parse_dates(held).months(facts) if period[0] <= m <= period[1])
