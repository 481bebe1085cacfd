"""The calendar of a municipality's plan in its details on the review page: events by months, the ШНОР's load.

The figures are the worker's (``facts.calendar_load``, computed once per file
with the other tallies and kept in the cache): the page gets twelve-odd numbers
per municipality in its JSON and the page's script draws the table when a row
is opened. Nothing here reads the events: computed at the page from the
cached events, the calendar cost some 25 µs an event — 2–4 s for the benchmark
region's 150,000 events, more than a repeated review's whole budget.
"""

from __future__ import annotations

from typing import Any

TITLE = "Календарь плана по месяцам"


def calendar_data(municipality: Any) -> list | None:
    """[first year, first month, events per month, the busiest ШНОР's count per month (None: the roadmap names no
    ШНОР), indexes of the overloaded months, their busiest ШНОР named, numbers of the events without a month] — what
    the page's script draws; None without a calendar."""
    from .facts import CALENDAR_KEY

    file = municipality.roadmap
    load = file.extra.get(CALENDAR_KEY) if file is not None and file.roadmap is not None else None
    if load is None:
        return None
    return [
        load.year,
        load.month,
        _numbers(load.events),
        _numbers(load.busiest) if file.roadmap.has_shnor else None,
        _numbers(load.overloaded),
        [month.split("\t") for month in load.schools.split("\n")] if load.schools else [],
        _numbers(load.undated),
    ]


def _numbers(text: str) -> list[int]:
    return [int(n) for n in text.split(",")] if text else []


def page_texts() -> dict:
    """What the script needs once per page to draw every calendar: month names, the heading, the rule's wording."""
    from ..domain.calendar import ALL_SHNOR, MONTH_SHORT, OVERLOAD, events_word
    from ..domain.dates import MONTH_NAMES

    return {
        "title": TITLE,
        "short": list(MONTH_SHORT),
        "names": list(MONTH_NAMES),
        "rows": ["мероприятий с датой", "наибольшая нагрузка на одну ШНОР"],
        "overloaded": "Перегруженные месяцы:",
        # «N мероприятие/мероприятия/мероприятий» by N's last digits, as domain.calendar words it: for 1, 2 and 5
        "all": ALL_SHNOR,
        "words": [events_word(1), events_word(2), events_word(5)],
        "undated": ["Без месяца в сроке карты — мероприятие № ", "Без месяца в сроке карты — мероприятия № "],
        "no_shnor": "ШНОР в дорожной карте не названы: нагрузка на ШНОР не считается.",
        "rule": f"Месяц перегружен, если у одной ШНОР {OVERLOAD} и более мероприятий с датой в этом месяце; "
        "мероприятия «в течение года» и на несколько месяцев (больше двух) нагрузкой месяца не считаются.",
    }
