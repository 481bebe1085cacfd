"""Date phrases as methodologists write them, kept as text and understood where possible.

«Октябрь 2023», «Декабрь 2023, июнь 2023», «сентябрь – октябрь, 2022 г.»,
«октябрь 2022 г. – май 2023 г.», «II полугодие 2025», «IV квартал», «весна 2025»,
«в течение 2025/2026 учебного года», «до 25 мая 2025 г.», «15.09.2023», «03.2025»,
«09.2025–05.2026», «с 1 по 15 октября», «один раз в четверть», «по графику РМО»,
«В течение года (при наличии незакрытых вакансий)».

The text is what the document shows and is never changed here; the parse serves
the checks. ``parse_dates(text)`` gives a ``DatePhrase``:

* ``items`` — every piece that names a time, in written order, each with the
  fragment as written and its months (``start``/``end``, a year where known);
* ``spans`` — the same pieces as plain month spans (the older interface);
* flags: ``whole_year`` («в течение года»), ``recurring`` («ежемесячно»),
  ``schedule`` («по отдельному графику»), ``condition`` («при наличии вакансий»);
* ``months(period)`` — the (year, month) pairs the phrase covers inside a
  roadmap's period, placing a month written without a year where it falls in
  that period («март» in September 2025 – May 2026 is March 2026);
* ``outside(period)`` — the pieces that fall outside the period.

A period is given as ``(first, last)`` with ``(year, month)`` pairs, or as any
object with ``first`` and ``last`` attributes of that shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Any

from ..reading.homoglyphs import fold_to_cyrillic

MONTHS = {
    1: ("январ",),
    2: ("феврал",),
    3: ("март",),
    4: ("апрел",),
    5: ("ма",),
    6: ("июн",),
    7: ("июл",),
    8: ("август",),
    9: ("сентябр",),
    10: ("октябр",),
    11: ("ноябр",),
    12: ("декабр",),
}
MONTH_NAMES = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
]
# «15 октября 2025»: the months as a date names them.
MONTH_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip

_ABBREVIATED = {
    "янв": 1,
    "фев": 2,
    "февр": 2,
    "мар": 3,
    "апр": 4,
    "авг": 8,
    "сен": 9,
    "сент": 9,
    "окт": 10,
    "ноя": 11,
    "нояб": 11,
    "дек": 12,
}


def month_number(word: str) -> int:
    word = word.lower().rstrip(".")
    for number, (stem,) in MONTHS.items():
        if word.startswith(stem):
            if stem == "ма" and not re.fullmatch(r"ма[йяею]", word):
                continue
            return number
    if word in _ABBREVIATED:
        return _ABBREVIATED[word]
    raise ValueError(word)


YearMonth = tuple[int, int]


@dataclass(frozen=True)
class MonthRef:
    month: int
    year: int | None

    def key(self, default_year: int) -> tuple[int, int]:
        return (self.year if self.year is not None else default_year, self.month)

    def label(self) -> str:
        return MONTH_NAMES[self.month - 1] + (f" {self.year}" if self.year else "")


@dataclass(frozen=True)
class Span:
    """One month (start == end) or a written range «сентябрь – октябрь»."""

    start: MonthRef
    end: MonthRef


@dataclass(frozen=True)
class DateItem:
    """One piece of a phrase that names a time, with the fragment as written.

    ``kind``: month, range, date (a numeric or day-and-month date), year, years,
    school-year, half, quarter, term (school четверть), season, holidays.
    ``start``/``end`` are its first and last months (year ``None`` where the text
    gives none); both are ``None`` for a half-year whose months depend on the
    period («2 полугодие»: January–May of a school year, July–December of a
    calendar year) — then ``half`` says which.
    ``bound``: «until» for «до …», «не позднее …», «по …» without a start;
    «since» for «с …» without an end.
    ``loose``: a yearless winter («зимой»): its months are placed one by one.
    ``some``: the event happens at some time within («2025 г.»), so the piece is
    outside a period only when none of it overlaps.
    """

    kind: str
    text: str
    start: MonthRef | None
    end: MonthRef | None
    half: int | None = None
    bound: str | None = None
    loose: bool = False
    some: bool = False

    @property
    def span(self) -> Span | None:
        if self.start is None or self.end is None:
            return None
        return Span(self.start, self.end)

    def months(self, first: YearMonth, last: YearMonth) -> list[YearMonth]:
        """The (year, month) pairs this piece covers, placed in the period ``first``–``last``."""
        covered, _ = self._placed(first, last)
        return covered

    def _placed(self, first: YearMonth, last: YearMonth) -> tuple[list[YearMonth], list[MonthRef]]:
        """Covered months, and months written without a year that fit nowhere in the period."""
        start, end = self.start, self.end
        if start is None or end is None:
            start, end = _half_months(self.half or 1, first, last)
        if self.bound == "until":
            deadline, lost = _place_one(end, first, last)
            if deadline is None:
                return [], lost
            return (_month_range(first, deadline) if deadline >= first else [deadline]), []
        if self.bound == "since":
            begin, lost = _place_one(start, first, last)
            if begin is None:
                return [], lost
            return (_month_range(begin, last) if begin <= last else [begin]), []
        if start.year is not None and end.year is not None:
            a, b = (start.year, start.month), (end.year, end.month)
            return (_month_range(a, b) if a <= b else [a, b]), []
        run = _run(start.month, end.month)
        if self.loose:
            covered, lost = [], []
            for month in run:
                placed = _place_run([month], first, last)
                if placed is None:
                    lost.append(MonthRef(month, None))
                else:
                    covered += placed
            return sorted(covered), lost
        placed = _place_run(run, first, last)
        if placed is None:
            return [], [MonthRef(m, None) for m in run]
        return placed, []


@dataclass(frozen=True)
class Outside:
    """A piece of a phrase outside the period: the fragment as written and the months that fall out.

    ``reason``: «before» (all before the period), «after» (all after it), «both»,
    or «nowhere» (months written without a year that fit no year of the period).
    ``bound`` is the piece's: «until» marks a deadline («до 25 мая 2026 г.»).
    """

    text: str
    months: tuple[MonthRef, ...]
    reason: str
    bound: str | None = None

    @property
    def label(self) -> str:
        """The months outside, briefly: «январь – февраль 2026», «2024 год», «июль»."""
        return months_label(self.months)


@dataclass(frozen=True)
class DatePhrase:
    text: str
    items: tuple[DateItem, ...] = ()
    whole_year: bool = False
    schedule: bool = False
    recurring: bool = False
    condition: bool = False
    vague: str = ""  # «в течение полугодия»: a stretch named without saying which (``vague_advice``)

    @property
    def spans(self) -> list[Span]:
        """Pieces with known months, as spans.

        Left out: a half-year whose months depend on the period; a yearless
        winter (its December and February are not a range to order or invert);
        and a piece that happens at some time within («2025 г.», «2025–2026 гг.»,
        «2025/2026 учебный год»), whose every month is not a date of the event —
        ``outside()`` judges those by overlap.
        """
        return [s for s in (item.span for item in self.items if not (item.loose or item.some)) if s is not None]

    @property
    def understood(self) -> bool:
        return bool(self.items or self.whole_year or self.schedule or self.recurring or self.condition)

    @property
    def concrete(self) -> bool:
        """True when the phrase names when it happens (months, a season, a deadline, the whole year, a periodicity)."""
        return bool(self.items or self.whole_year or self.recurring)

    def years(self) -> set[int]:
        return {m.year for item in self.items for m in (item.start, item.end) if m is not None and m.year is not None}

    def inverted_spans(self, default_year: int) -> list[Span]:
        return [s for s in self.spans if s.start.key(default_year) > s.end.key(default_year)]

    def inverted(self) -> list[Span]:
        """Ranges written backwards where both ends carry a year («май 2026 – сентябрь 2025»).

        A yearless «декабрь – январь» or «октябрь – апрель» is a range across the
        new year, not an inverted one.
        """
        return [
            s
            for s in self.spans
            if s.start.year is not None
            and s.end.year is not None
            and (s.start.year, s.start.month) > (s.end.year, s.end.month)
        ]

    def out_of_order(self, default_year: int) -> tuple[Span, Span] | None:
        """The first pair of consecutive items written out of chronological order."""
        for before, after in pairwise(self.spans):
            if after.start.key(default_year) < before.end.key(default_year):
                return before, after
        return None

    def months(self, period: Any, last: YearMonth | None = None) -> list[YearMonth]:
        """Sorted (year, month) pairs the phrase covers, placed in the period.

        «В течение года», «ежемесячно» and other phrases without months cover the
        whole period; «по отдельному графику» alone covers nothing known (empty).
        """
        first, last = _period(period, last)
        covered: set[YearMonth] = set()
        for item in self.items:
            covered.update(item.months(first, last))
        if not self.items and (self.whole_year or self.recurring):
            covered.update(_month_range(first, last))
        return sorted(covered)

    def outside(self, period: Any, last: YearMonth | None = None) -> list[Outside]:
        """Pieces of the phrase that fall outside the period, in written order.

        A range reports the months that fall out («ноябрь 2025 – февраль 2026» in
        2025: январь – февраль 2026); a bare year or a deadline is outside only
        when it does not meet the period at all; a ``loose`` winter or a month
        without a year is outside when it fits no year of the period. Ranges
        written backwards are left to ``inverted()``.
        """
        first, last = _period(period, last)
        found = []
        inverted = self.inverted()
        for item in self.items:
            span = item.span
            if span is not None and span in inverted:
                continue
            covered, lost = item._placed(first, last)
            if item.bound == "until" and covered:
                covered = [covered[-1]]
            elif item.bound == "since" and covered:
                covered = [covered[0]]
            out = [ym for ym in covered if not first <= ym <= last]
            if item.some and len(out) < len(covered):
                out = []
            if lost:
                found.append(Outside(item.text, tuple(lost), "nowhere", item.bound))
            elif out:
                before = all(ym < first for ym in out)
                after = all(ym > last for ym in out)
                reason = "before" if before else "after" if after else "both"
                found.append(Outside(item.text, tuple(MonthRef(m, y) for y, m in out), reason, item.bound))
        return found


def months_label(months: tuple[MonthRef, ...] | list[MonthRef]) -> str:
    """«январь – февраль 2026», «ноябрь 2025 – февраль 2026», «2024 год», «июль, август»."""
    dated = sorted({(m.year, m.month) for m in months if m.year is not None})
    parts = []
    runs: list[list[YearMonth]] = []
    for ym in dated:
        if runs and _next(runs[-1][-1]) == ym:
            runs[-1].append(ym)
        else:
            runs.append([ym])
    for run in runs:
        (y1, m1), (y2, m2) = run[0], run[-1]
        if len(run) % 12 == 0 and m1 == 1 and m2 == 12:
            parts.append(f"{y1} год" if y1 == y2 else f"{y1}–{y2} годы")
        elif len(run) == 1:
            parts.append(f"{MONTH_NAMES[m1 - 1]} {y1}")
        elif y1 == y2:
            parts.append(f"{MONTH_NAMES[m1 - 1]} – {MONTH_NAMES[m2 - 1]} {y1}")
        else:
            parts.append(f"{MONTH_NAMES[m1 - 1]} {y1} – {MONTH_NAMES[m2 - 1]} {y2}")
    parts += [MONTH_NAMES[m.month - 1] for m in months if m.year is None]
    return ", ".join(parts)


# ---------------------------------------------------------------- placing months in a period


def _period(period: Any, last: YearMonth | None) -> tuple[YearMonth, YearMonth]:
    if last is not None:
        return tuple(period), tuple(last)  # type: ignore[return-value]
    if hasattr(period, "first") and hasattr(period, "last"):
        return tuple(period.first), tuple(period.last)  # type: ignore[return-value]
    first, last = period
    return tuple(first), tuple(last)  # type: ignore[return-value]


def _next(ym: YearMonth) -> YearMonth:
    year, month = ym
    return (year + 1, 1) if month == 12 else (year, month + 1)


def _month_range(a: YearMonth, b: YearMonth) -> list[YearMonth]:
    out = []
    while a <= b and len(out) < 1200:
        out.append(a)
        a = _next(a)
    return out


def _run(a: int, b: int) -> list[int]:
    """Months from ``a`` to ``b``, across the new year when ``b`` comes before ``a``."""
    return list(range(a, b + 1)) if a <= b else list(range(a, 13)) + list(range(1, b + 1))


def _place_run(run: list[int], first: YearMonth, last: YearMonth) -> list[YearMonth] | None:
    """A run of yearless months placed in the period.

    The earliest placement that fits whole; else the earliest whose start lies
    inside; else the one with most months inside; ``None`` if none meets it.
    """
    candidates = []
    for start_year in range(first[0] - 1, last[0] + 1):
        year, placed = start_year, []
        for i, month in enumerate(run):
            if i and month < run[i - 1]:
                year += 1
            placed.append((year, month))
        candidates.append(placed)
    inside = lambda ym: first <= ym <= last
    for placed in candidates:
        if all(map(inside, placed)):
            return placed
    for placed in candidates:
        if inside(placed[0]):
            return placed
    best = max(candidates, key=lambda placed: sum(map(inside, placed)))
    return best if any(map(inside, best)) else None


def _place_one(ref: MonthRef, first: YearMonth, last: YearMonth) -> tuple[YearMonth | None, list[MonthRef]]:
    if ref.year is not None:
        return (ref.year, ref.month), []
    placed = _place_run([ref.month], first, last)
    return (placed[0], []) if placed else (None, [ref])


def school_like(first: YearMonth, last: YearMonth) -> bool:
    """A school year: begins June–September, ends April–August of the next year."""
    return last[0] == first[0] + 1 and 6 <= first[1] <= 9 and 4 <= last[1] <= 8


def _half_months(half: int, first: YearMonth, last: YearMonth) -> tuple[MonthRef, MonthRef]:
    """A half-year's months without a year: halves of a school year in a school-year period, else of the calendar."""
    if school_like(first, last):
        return (
            (MonthRef(9, None), MonthRef(12, None))
            if half == 1
            else (MonthRef(1, None), MonthRef(min(last[1], 6), None))
        )
    return (MonthRef(1, None), MonthRef(6, None)) if half == 1 else (MonthRef(7, None), MonthRef(12, None))


# ---------------------------------------------------------------- phrases without months

_WHOLE_YEAR_PATTERN = (
    r"(?:в\s+течени[еия]|на\s+протяжении)\s+(?:всего\s+)?(?:(?:учебного|календарного|текущего|отч[её]тного)\s+)?(?:года|периода|срока(?:\s+реализации)?)(?![\w/])"
    r"|(?:до\s+конца|до\s+окончания)\s+(?:(?:учебного|календарного|текущего)\s+)?года(?![\w/])"
    r"|весь\s+(?:учебный\s+|календарный\s+)?(?:год|период)(?![\w/])|круглый\s+год|круглогодично|(?<![\w])в\s+течение\s+всего\s+года"
)
_RECURRING_PATTERN = (
    r"еже(?:дневн|недельн|месячн|квартальн|годн|четвертн|полугодн)\w*"
    r"|(?<![\w])(?:(?:не\s+(?:реже|менее|чаще|более)\s+)?(?:\d+|одного|один|два|двух|три|трех|четыре|четырех|пять)\s*-?\s*(?:х\s+)?)?раз(?:а)?\s+в\s+"
    r"(?:\d+\s+|две\s+|три\s+)?(?:день|дня|недел\w+|месяц\w*|четверть|четверти|квартал\w*|полугодие|полугодия|триместр\w*|семестр\w*|(?:учебный\s+)?год|года|год)"
    r"|кажд(?:ый|ую|ое|ая|ые|ого|ой|ом)\s+(?:\w+\s+)?(?:день|недел\w|месяц|четверт\w|квартал|полугоди\w|год|понедельник|вторник|сред\w|четверг|пятниц\w|суббот\w)"
    r"|по\s+(?:понедельникам|вторникам|средам|четвергам|пятницам|субботам|воскресеньям|выходным|будням|будним\s+дням)"
    r"|по\s+(?:итогам|окончании|завершении)\s+(?:каждой\s+|каждого\s+)?(?:четверти|месяца|триместра|полугоди[йя])"
    r"|в\s+(?:последн\w+|перв\w+|втор\w+|трет\w+)\s+(?:понедельник|вторник|сред\w|четверг|пятниц\w|суббот\w|недел\w)\s+(?:каждого\s+)?месяца"
    r"|(?:в|во\s+время)\s+(?:каникулярн\w+\s+(?:время|период)|каникул(?:ы|ах)?(?![\w]))|в\s+период\s+каникул(?![\w])"
    r"|постоянно|систематически|регулярно|периодически|циклично"
)
_SCHEDULE_PATTERN = (
    r"(?:по|согласно|в\s+соответствии\s+с(?:о)?)\s+(?:(?:своему|своим|отдельному|отдельным|отдельно|утвержд[её]нному|утвержд[её]нным|утвержденному|единому|индивидуальному|индивидуальным|"
    r"составленному|годовому|общему|муниципальному|региональному|краевому|согласованному|рабочему)\s+)?"
    r"(?:график\w*|план\w*|расписани\w*|запрос\w*|заявк\w*|согласовани\w*|приказ\w*|положени\w*|срок\w*|дат\w*|договор\w*|договоренност\w*)"
    r"(?:\s+(?:работы\s+)?(?!(?:янв|фев|мар|апр|ма[йяею]|июн|июл|авг|сен|окт|ноя|дек|\d))(?:с\s+\w+|\w+))?"
    r"|по\s+мере\s+(?:необходимости|поступления|готовности|потребности)\w*|по\s+необходимости|по\s+потребности"
    r"|в\s+(?:установленные|определ[её]нные|указанные|утвержденные|утвержд[её]нные)\s+сроки|в\s+сроки,?\s+(?:установленные|определ[её]нные|утвержд[её]нные)\s*\w*(?:\s+\w+){0,3}"
    r"|дата\s+(?:уточняется|будет\s+определена)|сроки\s+уточняются|по\s+факту"
)
_CONDITION_PATTERN = (
    r"при\s+(?:наличии|необходимости|выявлении|поступлении|условии|возникновении|отсутствии|появлении|потребности)[^,;)]*"
    r"|в\s+случае\s+[^,;)]*|по\s+мере\s+необходимости|по\s+необходимости|если\s+[^,;)]*"
)

# «в течение полугодия», «в течение месяца»: a stretch of time without saying which one — no months to place. The
# checks say what is missing rather than «не распознана».
_VAGUE_PATTERN = re.compile(
    r"(?<![\w])(?:в\s+течени[еия]|на\s+протяжении|в\s+период|за)\s+(?:одного\s+|всего\s+|текущего\s+)?"
    r"(?P<unit>полугоди|четверт|квартал|месяц|недел|триместр|семестр)\w*"
)
_VAGUE_ADVICE = {
    "полугоди": "не сказано, какое полугодие — напишите «I полугодие» или «II полугодие» (можно с годом: "
    "«II полугодие 2025/2026 учебного года»)",
    "четверт": "не сказано, какая четверть — напишите «I четверть» … «IV четверть» или месяцы",
    "квартал": "не сказано, какой квартал — напишите «I квартал» … «IV квартал» или месяцы",
    "месяц": "не сказано, какой месяц — напишите месяц и год («Октябрь 2025») или «ежемесячно»",
    "недел": "не сказано, какая неделя — напишите даты («с 1 по 7 октября 2025 г.») или «еженедельно»",
    "триместр": "не сказано, какой триместр — напишите месяцы («сентябрь – ноябрь 2025»)",
    "семестр": "не сказано, какой семестр — напишите месяцы («сентябрь – декабрь 2025»)",
}


def vague_advice(phrase: DatePhrase) -> str:
    """What a phrase placed on no month lacks, in Russian: «в течение полугодия» names no half-year. «» if nothing
    specific is known (the checks then give their general examples)."""
    if phrase.understood or not phrase.vague:
        return ""
    match = _VAGUE_PATTERN.search(_normalise(phrase.vague))
    return _VAGUE_ADVICE[match.group("unit")] if match else ""


# ---------------------------------------------------------------- tokens

_MONTH_WORD = (
    r"январ[ьяеюё]|феврал[ьяеюё]|март(?:а|е|у|ом)?|апрел[ьяеюё]|ма(?:й|я|е|ю|ем)|июн[ьяеюё]|июл[ьяеюё]|август(?:а|е|у|ом)?|"
    r"сентябр[ьяеюё]|октябр[ьяеюё]|ноябр[ьяеюё]|декабр[ьяеюё]|(?:янв|февр?|мар|апр|авг|сент?|окт|нояб?|дек)\."
)
_MONTH_START = r"(?:янв|фев|мар|апр|ма[йяею]|июн|июл|авг|сен|окт|ноя|дек)"
_ORDINAL = r"(?:iv|i{1,3}|[1-4]|перв|втор|трет|четверт)"
_ORDINAL_TAIL = r"(?:\s*-?\s*(?:ое|ой|ый|ий|ья|ая|ую|ом|ого|е|й|я|м|го))?"
_YEAR_WORD = r"(?:\s*(?:г\.?г\.|гг\.?|г\.|года|году|годом|год|г(?![а-я])))?"
_SCHOOL_WORD = r"(?:уч\.|уч(?=\s)|учебн\w*)"

_TOKEN_PATTERN = (
    # «2026-02-14» (ISO 8601, as a spreadsheet with that date format shows it), before a school year «2025-26» could
    # take its first half.
    r"(?P<isodate>(?<![\d.])(?P<iso_year>(?:19|20)\d\d)-(?P<iso_month>[01]?\d)-(?P<iso_day>[0-3]?\d)(?![\d]))"
    r"|(?P<numdate>(?<![\d.])(?P<nd_day>[0-3]?\d)\.(?P<nd_month>[01]?\d)\.(?P<nd_year>(?:19|20)\d\d|\d\d)(?![\d.]))"
    + _YEAR_WORD
    + r""
    r"|(?P<nummonth>(?<![\d.])(?P<nm_month>[01]?\d)\.(?P<nm_year>(?:19|20)\d\d)(?![\d.]))" + _YEAR_WORD + r""
    # «с 01.09 по 30.11», «до 15.10»: a day and a month without a year; «2.3.4.5» (codes) is none.
    r"|(?P<daymonth>(?<![\d.])(?P<dm_day>[0-3]?\d)\.(?P<dm_month>[01]?\d)(?:\.(?!\d))?(?![\d.]))"
    r"|(?P<schoolyear>(?P<sy_lead>"
    + _SCHOOL_WORD
    + r"\s+год\w*\s+)?(?P<sy1>(?:19|20)\d\d)\s*(?:г\.\s*)?(?P<sy_sep>/|\\|[-–—])\s*(?P<sy2>(?:19|20)?\d\d)(?![\d.])"
    r"(?:\s*(?:г\.?г\.|гг\.?|г\.|годы|годов|годах|годам))?(?P<sy_school>\s*" + _SCHOOL_WORD + r"\s*(?:г\.|год\w*)?)?)"
    r"|(?P<year>(?<![\d.])(?:19|20)\d\d)(?![\d.])" + _YEAR_WORD + r""
    # «I–II полугодие», «1-2 квартал», «3–4 кв. 2025»: a range of them, the first ordinal in ``*_from``.
    r"|(?P<half>(?<![\w.])(?:(?P<half_from>" + _ORDINAL + r")[а-я]*" + _ORDINAL_TAIL + r"\s*[-–—]\s*)?"
    r"(?P<half_n>" + _ORDINAL + r")[а-я]*" + _ORDINAL_TAIL + r"\s*(?:полугоди\w*|пол\.|п/г))"
    r"|(?P<quarter>(?<![\w.])(?:(?P<q_from>" + _ORDINAL + r")[а-я]*" + _ORDINAL_TAIL + r"\s*[-–—]\s*)?"
    r"(?P<q_n>" + _ORDINAL + r")[а-я]*" + _ORDINAL_TAIL + r"\s*(?:квартал\w*|кв\.|кв(?![а-я])))"
    r"|(?P<term>(?<![\w.])(?:(?P<t_from>" + _ORDINAL + r")[а-я]*" + _ORDINAL_TAIL + r"\s*[-–—]\s*)?"
    r"(?P<t_n>" + _ORDINAL + r")[а-я]*" + _ORDINAL_TAIL + r"\s*(?:четверт\w*|четв\.))"
    r"|(?P<holidays>(?P<hol>осенн|зимн|весенн|летн)\w*\s+каникул\w*)"
    r"|(?P<season>(?<![\w])(?:весн(?:а|ой|у|ы|е)|весенн\w+|лет(?:о|ом|а|е)|летн\w+|осен(?:ь|ью|и)|осенн\w+|зим(?:а|ой|у|ы|е)|зимн\w+)(?![\w]))"
    r"|(?P<month>(?<![а-яa-z])(?:" + _MONTH_WORD + r"))(?![а-яa-z])"
    r"|(?P<school>(?<![\w])" + _SCHOOL_WORD + r"\s*(?:г\.|год\w*))"
    r"|(?P<yearpart>(?<![\w])(?:в\s+)?(?P<yp>начал[аеуо]|конц[аеуо]|конец|окончани[еия]|завершени[еия]|итог(?:ам|е|и)|середин[аеуы])\s+(?P<yp_school>учебного\s+|календарного\s+)?года(?![\w/]))"
    r"|(?P<endof>(?<![\w])(?:в\s+)?(?:конц[аеу]|окончани[яю]|завершени[яю]|итогам|начал[аеу])(?![\w]))"
    r"|(?P<since>(?<![\w])(?:начиная\s+)?с(?:о)?(?=\s+(?:\d|" + _MONTH_START + r"|начал)))"
    r"|(?P<until>(?<![\w])(?:не\s+позднее|не\s+позже|(?:в\s+срок\s+)?до|к)(?=\s+(?:\d|конц|окончани|"
    + _MONTH_START
    + r"|"
    + _ORDINAL
    + r")))"
    r"|(?P<po>(?<![\w])по(?=\s+(?:\d|" + _MONTH_START + r")))"
    r"|(?P<within>(?<![\w])(?:в\s+течени[еия]|на\s+протяжении|в\s+период|за)(?![\w]))"
    r"|(?P<num>(?<![\d.])[0-3]?\d(?:\s*-?\s*(?:го|е|ое))?(?![\d.]))"
    r"|(?P<dash>\s[-–—]\s|[-–—])"
    r"|(?P<comma>[,;(]|\s(?:и|или)\s)"
)

_ORDINALS = {
    "i": 1,
    "ii": 2,
    "iii": 3,
    "iv": 4,
    "1": 1,
    "2": 2,
    "3": 3,
    "4": 4,
    "перв": 1,
    "втор": 2,
    "трет": 3,
    "четверт": 4,
}
_SEASONS = {"весн": (3, 5), "лет": (6, 8), "осен": (9, 11), "зим": (12, 2)}
_HOLIDAYS = {"осенн": (10, 11), "зимн": (12, 1), "весенн": (3, 3), "летн": (6, 8)}
_TERMS = {1: (9, 10), 2: (11, 12), 3: (1, 3), 4: (4, 5)}
# The token groups that make a unit, in the order a match is told by (``_kind_of``); «yearpart» goes last.
_UNIT_ORDER = (
    "isodate",
    "numdate",
    "nummonth",
    "daymonth",
    "schoolyear",
    "year",
    "half",
    "quarter",
    "term",
    "holidays",
    "season",
    "month",
    "yearpart",
)
_UNIT_KINDS = frozenset(_UNIT_ORDER)


@dataclass
class _Unit:
    kind: str
    begin: int
    finish: int
    a: int = 0  # first month (or the half's number, for a half without semantics yet)
    b: int = 0  # last month
    year_a: int | None = None
    year_b: int | None = None
    half: int | None = None
    school: bool = False
    bound: str | None = None
    loose: bool = False
    some: bool = False
    pending: bool = True
    back: bool = False  # «до 1 января 2026»: the deadline is December of the year before

    def give_year(self, year: int) -> None:
        if self.half is not None and not self.school:
            self.a, self.b = (1, 6) if self.half == 1 else (7, 12)
            self.half = None
        if self.a > self.b:
            # A winter or the winter holidays of «2025»: the months of that year.
            self.a = 1
            self.b = 2 if self.kind == "season" else 1
        self.year_a = self.year_b = year - 1 if self.back else year
        self.pending = False

    def give_school_year(self, first: int, second: int) -> None:
        if self.half is not None:
            self.a, self.b = (9, 12) if self.half == 1 else (1, 5)
            self.half = None
        self.year_a = first if self.a >= 8 else second
        self.year_b = first if self.b >= 8 else second
        self.loose = False
        self.pending = False

    def make_school(self) -> None:
        if self.half is not None:
            self.a, self.b = (9, 12) if self.half == 1 else (1, 5)
            self.half = None
            self.school = True


def _normalise(text: str) -> str:
    # «Oктябрь» with a Latin O is October; the homoglyph check reports the letter.
    lowered = fold_to_cyrillic(text).lower()
    if len(lowered) != len(text):
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in fold_to_cyrillic(text))
    return lowered.replace("ё", "е")


def _blank(text: str, match: re.Match) -> str:
    return text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :]


def _year(digits: str) -> int:
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


@lru_cache(maxsize=1)
def _compiled() -> tuple[re.Pattern, ...]:
    """The grammar's expressions, compiled at the first phrase rather than at import (a few ms)."""
    return tuple(
        re.compile(p)
        for p in (_CONDITION_PATTERN, _WHOLE_YEAR_PATTERN, _SCHEDULE_PATTERN, _RECURRING_PATTERN, _TOKEN_PATTERN)
    )


@lru_cache(maxsize=8192)
def parse_dates(text: str) -> DatePhrase:
    """Understand a date phrase; never raises. The phrase's ``text`` is ``text`` unchanged."""
    if not text or not text.strip():
        return DatePhrase(text=text or "")
    work = _normalise(text)
    flags = {}
    patterns = _compiled()
    for name, pattern in zip(("condition", "whole_year", "schedule", "recurring"), patterns[:4]):
        found = False
        for match in pattern.finditer(work):
            if match.group().strip():
                found = True
                work = _blank(work, match)
        flags[name] = found
    if flags["condition"] and re.search(r"по\s+(?:мере\s+)?необходимости", _normalise(text)):
        flags["schedule"] = True
    units = _units(work)
    items = tuple(_item(text, u) for u in units)
    vague = _VAGUE_PATTERN.search(work) if not items else None
    return DatePhrase(text=text, items=items, vague=text[vague.start() : vague.end()] if vague else "", **flags)


def _units(work: str) -> list[_Unit]:
    """Units in written order; a year applies to every unit written before it that has none yet."""
    state = _State()
    for match in _compiled()[4].finditer(work):
        state.feed(_kind_of(match), match)
    return _join(state.units, state.ranges)


class _State:
    def __init__(self) -> None:
        self.units: list[_Unit] = []
        self.pending: list[_Unit] = []
        self.ranges: list[tuple[int, int]] = []
        self.range_open = False
        self.last_kind: str | None = None
        self.marker: str | None = None  # «until» or «since», waiting for its unit
        self.within = False  # «в течение …»: the whole of the next unit
        self.part: str | None = None  # «конца» / «начала» of the next year
        self.since_unit: int | None = None
        self.day: int | None = None  # the last day number read («25» of «до 25 мая»)
        self.lead: int | None = None  # where words leading to the next unit begin («до 25 …», «в течение …»)

    def add(self, unit: _Unit) -> None:
        if self.lead is not None and not self.range_open:
            unit.begin = min(unit.begin, self.lead)
        self.lead = None
        if self.range_open and self.units:
            self.ranges.append((len(self.units) - 1, len(self.units)))
            if self.since_unit == len(self.units) - 1:
                self.units[self.since_unit].bound = None
            self.since_unit = None
        elif self.marker == "until":
            unit.bound = "until"
        elif self.marker == "since":
            unit.bound = "since"
            self.since_unit = len(self.units)
        self.units.append(unit)
        self.range_open = False
        self.marker = None
        self.within = False
        self.part = None

    def give_year(self, year: int, finish: int) -> None:
        for unit in self.pending:
            unit.give_year(year)
        self.pending[-1].finish = max(self.pending[-1].finish, finish)
        self.pending = []

    def feed(self, kind: str, match: re.Match) -> None:
        begin, finish = match.start(), match.end()
        if kind in ("since", "until", "within", "num", "endof") and self.lead is None and not self.range_open:
            self.lead = begin
        if kind == "isodate":
            month, day = int(match.group("iso_month")), int(match.group("iso_day"))
            if 1 <= day <= 31 and 1 <= month <= 12:
                year = int(match.group("iso_year"))
                self.add(_Unit("date", begin, finish, month, month, year, year, pending=False))
        elif kind == "numdate":
            day, month = int(match.group("nd_day")), int(match.group("nd_month"))
            if 1 <= day <= 31 and 1 <= month <= 12:
                year = _year(match.group("nd_year"))
                unit = _Unit("date", begin, finish, month, month, year, year, pending=False)
                if day == 1 and self.marker == "until":
                    unit.a = unit.b = 12 if month == 1 else month - 1
                    unit.year_a = unit.year_b = year - 1 if month == 1 else year
                self.add(unit)
        elif kind == "nummonth":
            month = int(match.group("nm_month"))
            if 1 <= month <= 12:
                year = int(match.group("nm_year"))
                self.add(_Unit("date", begin, finish, month, month, year, year, pending=False))
        elif kind == "daymonth":
            self.day_month(int(match.group("dm_day")), int(match.group("dm_month")), begin, finish)
        elif kind == "schoolyear":
            self.school_year(match)
        elif kind == "year":
            self.year(int(match.group("year")), begin, finish)
        elif kind == "yearpart":
            self.year_part(match)
        elif kind in ("half", "quarter", "term", "holidays", "season", "month"):
            first = _range_start(kind, match)
            if first is not None:  # «I–II полугодие»: the first of the two, then a range to the second
                self.add(first)
                self.pending.append(first)
                self.range_open = True
            unit = _word_unit(kind, match)
            if kind == "month" and self.marker == "until" and self.last_kind == "num" and self.day == 1:
                # «до 1 июня», «к 1 сентября»: done by the end of the month before.
                unit.back = unit.a == 1
                unit.a = unit.b = 12 if unit.a == 1 else unit.a - 1
            if self.part == "end" and self.marker == "until":
                unit.a = unit.b  # «до конца I полугодия»: its last month
            self.add(unit)
            self.pending.append(unit)
        elif kind == "school":
            for unit in self.pending:
                unit.make_school()
        elif kind == "endof":
            self.part = "start" if "начал" in match.group("endof") else "end"
        elif kind == "since":
            self.marker = "since"
        elif kind in ("until", "po") and self.marker == "since" and self.last_kind == "num":
            self.marker = None  # «с 1 по 15 октября»: days of one month
        elif kind in ("until", "po"):
            if self.since_unit is not None and self.since_unit == len(self.units) - 1:
                self.range_open = True  # «с 1 сентября по 31 мая», «с сентября до мая»
            elif kind == "po" and self.last_kind == "unit":
                self.range_open = True
            else:
                self.marker = "until"
        elif kind == "within":
            self.within = True
        elif kind == "dash":
            self.range_open = self.last_kind == "unit" and bool(self.units)
        elif kind == "comma":
            self.range_open = False
            self.marker = None
            self.since_unit = None
            self.lead = None
        if kind == "num":
            self.day = int(re.match(r"\d+", match.group("num")).group())  # type: ignore[union-attr]
            # A day of the month: «1–15 октября» is no range of months, and
            # «с 15 сентября по 15 октября» stays one.
            self.last_kind = "num"
        elif kind in _UNIT_KINDS:
            self.last_kind = "unit"
        else:
            self.last_kind = kind

    def day_month(self, day: int, month: int, begin: int, finish: int) -> None:
        """«30.11» without a year: a month the period or a later year places, as «30 ноября» would be."""
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return
        unit = _Unit("date", begin, finish, month, month)
        if day == 1 and self.marker == "until":
            unit.back = month == 1  # «до 01.09»: done by the end of August
            unit.a = unit.b = 12 if month == 1 else month - 1
        self.add(unit)
        self.pending.append(unit)

    def school_year(self, match: re.Match) -> None:
        begin, finish = match.start(), match.end()
        first, second = int(match.group("sy1")), match.group("sy2")
        second_year = int(second) if len(second) == 4 else (first // 100) * 100 + int(second)
        school = bool(match.group("sy_school")) or match.group("sy_sep") in ("/", "\\") or bool(match.group("sy_lead"))
        if second_year != first + 1:
            school = False
        if self.pending and school:
            for unit in self.pending:
                unit.give_school_year(first, second_year)
            self.pending[-1].finish = max(self.pending[-1].finish, finish)
            self.pending = []
        elif school:
            self.add(_Unit("school-year", begin, finish, 9, 5, first, second_year, pending=False, some=not self.within))
        elif second_year > first:
            self.add(_Unit("years", begin, finish, 1, 12, first, second_year, pending=False, some=not self.within))

    def year(self, year: int, begin: int, finish: int) -> None:
        if self.pending:
            self.give_year(year, finish)
            return
        part, until = self.part, self.marker == "until"
        unit = _Unit("year", begin, finish, 1, 12, year, year, pending=False, some=not (self.within or part or until))
        if part == "end":
            unit.a = 12  # «в конце 2025 года», «до конца 2025 года»
        elif part == "start":
            unit.b = 1
        elif until:
            # «до 2026 г.»: before that year begins.
            unit.a = unit.b = 12
            unit.year_a = unit.year_b = year - 1
        self.add(unit)

    def year_part(self, match: re.Match) -> None:
        word, school = match.group("yp"), (match.group("yp_school") or "").strip() == "учебного"
        if word.startswith("начал"):
            month = 9 if school else 1
        elif word.startswith("середин"):
            month = 1 if school else 6
        else:
            month = 5 if school else 12
        unit = _Unit("month", match.start(), match.end(), month, month)
        self.add(unit)
        self.pending.append(unit)


def _kind_of(match: re.Match) -> str:
    for name in _UNIT_ORDER:
        if match.group(name) is not None:
            return name
    return match.lastgroup or ""


_FROM_GROUP = {"half": "half_from", "quarter": "q_from", "term": "t_from"}
_NUMBER_GROUP = {"half": "half_n", "quarter": "q_n", "term": "t_n"}


def _range_start(kind: str, match: re.Match) -> _Unit | None:
    """The first of «I–II полугодие», «1-2 квартал» as a unit of its own (over the whole fragment), or None."""
    group = _FROM_GROUP.get(kind)
    written = match.group(group) if group else None
    if written is None or _ORDINALS[written] >= _ORDINALS[match.group(_NUMBER_GROUP[kind])]:
        return None
    number = _ORDINALS[written]
    if kind == "half":
        return _Unit("half", match.start(), match.end(), half=number)
    if kind == "quarter":
        return _Unit("quarter", match.start(), match.end(), 3 * number - 2, 3 * number)
    a, b = _TERMS[number]
    return _Unit("term", match.start(), match.end(), a, b)


def _word_unit(kind: str, match: re.Match) -> _Unit:
    begin, finish = match.start(), match.end()
    if kind == "half":
        return _Unit("half", begin, finish, half=_ORDINALS[match.group("half_n")])
    if kind == "quarter":
        q = _ORDINALS[match.group("q_n")]
        return _Unit("quarter", begin, finish, 3 * q - 2, 3 * q)
    if kind == "term":
        a, b = _TERMS[_ORDINALS[match.group("t_n")]]
        return _Unit("term", begin, finish, a, b)
    if kind == "holidays":
        a, b = _HOLIDAYS[match.group("hol")]
        return _Unit("holidays", begin, finish, a, b, loose=a > b)
    if kind == "season":
        word = match.group("season")
        a, b = next(v for k, v in _SEASONS.items() if word.startswith(k))
        return _Unit("season", begin, finish, a, b, loose=a > b)
    month = month_number(match.group("month"))
    return _Unit("month", begin, finish, month, month)


def _join(units: list[_Unit], ranges: list[tuple[int, int]]) -> list[_Unit]:
    """Ranges «A – B» (and chains «A – B – C») become one unit from A's first month to the last one's."""
    next_of = dict(ranges)
    joined: list[_Unit] = []
    i = 0
    while i < len(units):
        j = i
        while j in next_of:
            j = next_of[j]
        first, last = units[i], units[j]
        if j == i or first.half is not None or last.half is not None:
            # A range of halves whose months depend on the period stays as its parts.
            joined.extend(units[i : j + 1])
            i = j + 1
            continue
        year_a, year_b = first.year_a, last.year_b
        if year_a is not None and year_b is None:
            year_b = year_a + (1 if last.b < first.a else 0)
        elif year_b is not None and year_a is None:
            year_a = year_b - (1 if first.a > last.b else 0)
        joined.append(
            _Unit(
                "range",
                first.begin,
                last.finish,
                first.a,
                last.b,
                year_a,
                year_b,
                pending=False,
                some=first.some and last.some,
            )
        )
        i = j + 1
    return joined


def _item(text: str, unit: _Unit) -> DateItem:
    fragment = text[unit.begin : unit.finish].strip(" ,;(")
    if unit.half is not None:
        return DateItem("half", fragment, None, None, half=unit.half, bound=unit.bound, some=unit.some)
    return DateItem(
        unit.kind,
        fragment,
        MonthRef(unit.a, unit.year_a),
        MonthRef(unit.b, unit.year_b),
        bound=unit.bound,
        loose=unit.loose,
        some=unit.some,
    )


# ---------------------------------------------------------------- slips the parse forgives: a misspelt month, a day
# that does not exist

_MONTH_FORMS: dict[str, int] = {}
for _number, _name in enumerate(MONTH_NAMES, 1):
    _stem = _name[:-1] if _name.endswith(("ь", "й")) else _name
    for _form in (_name, _stem + "я", _stem + "е") if _name.endswith(("ь", "й")) else (_name, _name + "а", _name + "е"):
        _MONTH_FORMS[_form] = _number
_GENITIVE = {
    number: next(f for f, n in _MONTH_FORMS.items() if n == number and f.endswith(("я", "а")))
    for number in range(1, 13)
}
_WORD = re.compile(r"[а-яё]+")
_NOT_MONTHS = frozenset(
    {"мой", "мал", "мак", "маг", "мам", "мах", "марш", "мира", "мама", "марк"}
)  # real words one letter off a month


def _distance(a: str, b: str, limit: int) -> int:
    """Edit distance with adjacent transpositions (optimal string alignment), cut off above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def _known_month(word: str) -> bool:
    try:
        month_number(word)
    except ValueError:
        return False
    return True


def misspelt_months(text: str) -> list[tuple[str, str]]:
    """(word as written, the month it was meant to be, in the same case and capitalisation): «Новябрь» → «Ноябрь», «Маи»
    → «Май».

    A word counts as a slip when it starts like a month form and is one letter off (two for words of six
    letters or more); the parse reads such a phrase as a bare year («Новябрь 2025» → 2025), so the
    document would print the slip and the checks would see the whole year.
    """
    found = []
    folded = fold_to_cyrillic(text)
    for match in _WORD.finditer(folded.lower().replace("ё", "е")):
        word = match.group()
        if len(word) < 3 or word in _NOT_MONTHS or _known_month(word):
            continue
        limit = 2 if len(word) >= 6 else 1
        best = None
        for form in _MONTH_FORMS:
            if form[0] != word[0]:
                continue
            d = _distance(word, form, limit)
            if d <= limit and (best is None or d < best[0]):
                best = (d, form)
        if best is not None:
            written = text[match.start() : match.end()]
            right = best[1]
            if written.isupper():
                right = right.upper()
            elif written[:1].isupper():
                right = right.capitalize()
            found.append((written, right))
    return found


# «31.04.2025», and «31.04» without a year (not «2.3.4.5», a list of codes).
_DAY_NUMERIC = re.compile(r"(?<![\d.])(\d{1,2})\s*\.\s*(\d{1,2})(?:\s*\.\s*((?:19|20)\d\d|\d\d)(?![\d])|\.?(?![\d.]))")
_DAY_WORD = re.compile(r"(?<!\d)(\d{1,2})\s+([а-яё]+)(?:\s+((?:19|20)\d\d))?")


def _days_in(month: int, year: int | None) -> int:
    import calendar

    if month == 2 and year is None:
        return 29
    return calendar.monthrange(year or 2001, month)[1]


def impossible_dates(text: str) -> list[tuple[str, str]]:
    """(date as written, why there is no such day): «31.04.2025» — «в апреле 30 дней», «32.10.2025», «15.13.2025»."""
    found = []
    for match in _DAY_NUMERIC.finditer(text):
        day, month, year_text = int(match.group(1)), int(match.group(2)), match.group(3)
        year = None if year_text is None else int(year_text) if len(year_text) == 4 else 2000 + int(year_text)
        if not 1 <= month <= 12:
            found.append((match.group(), f"месяца {month} нет"))
        elif not 1 <= day <= _days_in(month, year):
            found.append((match.group(), _no_day(day, month, year)))
    lowered = fold_to_cyrillic(text).lower().replace("ё", "е")
    for match in _DAY_WORD.finditer(lowered):
        word = match.group(2)
        if word not in _MONTH_FORMS:
            continue
        day, month = int(match.group(1)), _MONTH_FORMS[word]
        year = int(match.group(3)) if match.group(3) else None
        if not 1 <= day <= _days_in(month, year):
            found.append((text[match.start() : match.end()], _no_day(day, month, year)))
    return found


def _no_day(day: int, month: int, year: int | None) -> str:
    days = _days_in(month, year)
    name = _MONTH_FORMS and next(f for f, n in _MONTH_FORMS.items() if n == month and f.endswith("е"))
    when = f"в {name} {year} года" if month == 2 and year else f"в {name}"
    if day == 0:
        return "дня 0 нет"
    return f"{when} {days} {'день' if days % 10 == 1 and days != 11 else 'дней'}"


@lru_cache(maxsize=8192)  # as parse_dates: a roadmap repeats its date phrases, and two rules ask for each
def date_slips(text: str) -> tuple[str, ...]:
    """What is wrong with a date phrase the parse may still have read: misspelt months, days that do not exist; Russian,
    one line each.
    """
    lines = [f"«{written}» — месяц написан с ошибкой, правильно «{right}»" for written, right in misspelt_months(text)]
    lines += [f"«{written}» — такой даты нет: {why}" for written, why in impossible_dates(text)]
    return tuple(lines)
