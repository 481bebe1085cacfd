"""The calendar of a municipality's plan in its details on the review page: events by months, the ШНОР's load.

A ``html.DETAIL_PANELS`` hook, not registered by default: ``register()`` adds it.
The figures come from the cached facts of the roadmap (``EventFact``: dates and
the ШНОР taking part, as ``validate`` reads them) through
``domain.calendar.build_calendar``; the panel is one small table. Computed here,
at the page, it reads every event back from the cache and costs some 25 µs an
event on a busy machine: 2–4 s for the benchmark region's 150,000 events, more
than a repeated review's whole budget (2 s). Before it is on by default it
belongs with the worker's tallies (computed once per file and cached), the page
only drawing twelve numbers per municipality.
"""

from __future__ import annotations

from html import escape
from typing import Any

OVER = ' style="background:#f4b183;font-weight:bold"'


def calendar_panel(municipality: Any) -> tuple[str, str] | None:
    from ..domain.calendar import PlannedEvent, build_calendar, month_short, month_title, months_between

    facts = municipality.roadmap.roadmap if municipality.roadmap is not None else None
    if facts is None or not len(facts.events):
        return None
    months = months_between(facts.period_first, facts.period_last)
    if not months or len(months) > 36:
        return None
    events = [PlannedEvent(e.number, e.id, e.name, e.form, e.dates, tuple(e.shnor)) for e in facts.events]
    shnor = [s.id for s in facts.schools if s.shnor]
    calendar = build_calendar(months, events, shnor, {s.id: s.short for s in facts.schools})
    head = "".join(
        f'<th title="{escape(month_title(m.month))}"{OVER if m.overloaded else ""}>{escape(month_short(m.month))}</th>'
        for m in calendar.load
    )
    counts = "".join(f"<td>{m.events or ''}</td>" for m in calendar.load)
    busiest = "".join(f"<td{OVER if m.overloaded else ''}>{m.busiest_count or ''}</td>" for m in calendar.load)
    table = (
        f"<table><tr><th></th>{head}</tr><tr><th>мероприятий с датой</th>{counts}</tr><tr><th>наибольшая нагрузка на "
        f"одну ШНОР</th>{busiest}</tr></table>"
    )
    notes = [calendar.overload_text(m) for m in calendar.overloaded]
    note = f"<p>Перегружены: {escape('; '.join(notes))}.</p>" if notes else ""
    undated = len(calendar.undated)
    if undated:
        note += f"<p>Без месяца в сроке карты: мероприятий — {undated}.</p>"
    return "Календарь плана по месяцам", table + note


def register() -> None:
    from .html import DETAIL_PANELS

    if calendar_panel not in DETAIL_PANELS:
        DETAIL_PANELS.append(calendar_panel)
