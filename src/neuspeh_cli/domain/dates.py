"""Date phrases as methodologists write them, kept as text and understood where possible.

«Октябрь 2023», «Декабрь 2023, июнь 2023», «сентябрь – октябрь, 2022 г.»,
«октябрь 2022 г. – май 2023 г.», «В течение года», «По отдельному графику»,
«Ежемесячно, октябрь – апрель, 2022 г.». The text is what the document shows;
the parsed spans serve the checks (inside the year, written in order).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
MONTH_NAMES = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"]

_MONTH_RE = (
    r"(?P<month>январ[ьяе]|феврал[ьяе]|марта?|марте|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|"
    r"августа?|августе|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе])"
)
_TOKEN_RE = re.compile(
    _MONTH_RE + r"(?![а-яё])"
    r"|(?P<year>(?:19|20)\d\d)\s*(?:г\.|гг\.|года|год|г(?![а-яё]))?"
    r"|(?P<dash>\s[-–—]\s|[-–—])"
    r"|(?P<comma>[,;])",
    re.IGNORECASE,
)
_WHOLE_YEAR_RE = re.compile(r"в\s+течени[ие]\s+(?:всего\s+)?(?:учебного\s+|календарного\s+)?года|весь\s+год|круглогодично", re.I)
_SCHEDULE_RE = re.compile(r"по\s+(?:отдельному\s+|утвержд[её]нному\s+)?графику|по\s+плану|по\s+запросу|по\s+мере\s+необходимости|по\s+согласованию", re.I)
_RECURRING_RE = re.compile(r"ежемесячно|еженедельно|ежеквартально|ежегодно|ежедневно|постоянно|систематически|\d+\s+раза?\s+в\s+(?:четверть|месяц|неделю|полугодие|год)", re.I)


def month_number(word: str) -> int:
    word = word.lower()
    for number, (stem,) in MONTHS.items():
        if word.startswith(stem):
            if stem == "ма" and not re.fullmatch(r"ма[йяе]", word):
                continue
            return number
    raise ValueError(word)


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


@dataclass
class DatePhrase:
    text: str
    spans: list[Span] = field(default_factory=list)
    whole_year: bool = False
    schedule: bool = False
    recurring: bool = False

    @property
    def understood(self) -> bool:
        return bool(self.spans or self.whole_year or self.schedule or self.recurring)

    @property
    def concrete(self) -> bool:
        """True when the phrase names when it happens (months or the whole year)."""
        return bool(self.spans or self.whole_year or self.recurring)

    def years(self) -> set[int]:
        return {m.year for s in self.spans for m in (s.start, s.end) if m.year is not None}

    def inverted_spans(self, default_year: int) -> list[Span]:
        return [s for s in self.spans if s.start.key(default_year) > s.end.key(default_year)]

    def out_of_order(self, default_year: int) -> tuple[Span, Span] | None:
        """The first pair of consecutive items written out of chronological order."""
        for before, after in zip(self.spans, self.spans[1:]):
            if after.start.key(default_year) < before.end.key(default_year):
                return before, after
        return None


def parse_dates(text: str) -> DatePhrase:
    phrase = DatePhrase(text=text)
    if not text or not text.strip():
        return phrase
    phrase.whole_year = bool(_WHOLE_YEAR_RE.search(text))
    phrase.schedule = bool(_SCHEDULE_RE.search(text))
    phrase.recurring = bool(_RECURRING_RE.search(text))

    # Tokens in order: month, year, dash, comma. A year applies to every month
    # written before it that has none yet («сентябрь – октябрь, 2022 г.»).
    months: list[list] = []  # [month, year|None]
    pending: list[list] = []
    ranges: list[tuple[int, int]] = []
    last_kind = None
    range_open = False
    for match in _TOKEN_RE.finditer(text):
        kind = match.lastgroup
        if kind == "month":
            entry = [month_number(match.group("month")), None]
            if range_open and months:
                ranges.append((len(months) - 1, len(months)))
            months.append(entry)
            pending.append(entry)
            range_open = False
        elif kind == "year":
            for entry in pending:
                entry[1] = int(match.group("year"))
            pending = []
        elif kind == "dash":
            range_open = last_kind in ("month", "year") and bool(months)
        elif kind == "comma":
            range_open = False
        last_kind = kind

    in_range = {i for pair in ranges for i in pair}
    starts = {a: b for a, b in ranges}
    i = 0
    while i < len(months):
        month, year = months[i]
        if i in starts:
            end_month, end_year = months[starts[i]]
            phrase.spans.append(Span(MonthRef(month, year), MonthRef(end_month, end_year)))
            i = starts[i] + 1
            continue
        if i not in in_range:
            ref = MonthRef(month, year)
            phrase.spans.append(Span(ref, ref))
        i += 1
    return phrase
