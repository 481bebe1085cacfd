"""A span of months written by people: «сентябрь 2025» – «май 2026», or whole years."""

from __future__ import annotations

import re
from functools import lru_cache

from .base import DataModel, Field, field_validator
from .dates import MonthRef, parse_dates


@lru_cache(maxsize=4096)  # a period's first and last month are asked for at every event's date
def month_or_year(text: str) -> tuple[int, int] | None:
    """(year, month) of «сентябрь 2022», or (year, 0) of a bare year «2022»; ``None`` if neither."""
    spans = parse_dates(text).spans
    if len(spans) == 1 and spans[0].start == spans[0].end and spans[0].start.year is not None:
        return spans[0].start.year, spans[0].start.month
    match = re.fullmatch(r"\s*((?:19|20)\d\d)\s*(?:г\.|года?)?\s*", text)
    if match:
        return int(match.group(1)), 0
    return None


class Period(DataModel):
    """С какого месяца (или года) по какой."""

    start: str = Field(description="Начало: месяц и год («сентябрь 2022») или год («2022»).")
    end: str = Field(description="Окончание: месяц и год («май 2023») или год («2023»).")

    @field_validator("start", "end")
    @classmethod
    def _month_and_year(cls, value: str) -> str:
        if month_or_year(value) is None:
            raise ValueError(f"«{value}» — напишите месяц и год («сентябрь 2022») или год («2022»)")
        return value

    @property
    def first(self) -> tuple[int, int]:
        year, month = month_or_year(self.start)  # type: ignore[misc]
        return year, month or 1

    @property
    def last(self) -> tuple[int, int]:
        year, month = month_or_year(self.end)  # type: ignore[misc]
        return year, month or 12

    @property
    def text(self) -> str:
        return f"{self.start} – {self.end}"

    @property
    def years(self) -> range:
        return range(self.first[0], self.last[0] + 1)

    def contains(self, ref: MonthRef) -> bool:
        """Whether a month lies inside; a month written without a year fits if it does in some year of the period."""
        years = [ref.year] if ref.year is not None else self.years
        return any(self.first <= (year, ref.month) <= self.last for year in years)

    def place(self, ref: MonthRef) -> tuple[int, int] | None:
        """(year, month) of a month; one without a year takes the first year of the period where it fits."""
        if ref.year is not None:
            return ref.year, ref.month
        for year in self.years:
            if self.first <= (year, ref.month) <= self.last:
                return year, ref.month
        return None

    @classmethod
    def calendar_year(cls, year: int) -> Period:
        return cls(start=f"январь {year}", end=f"декабрь {year}")

    @property
    def is_calendar_year(self) -> bool:
        return self.first[0] == self.last[0] and self.first[1] == 1 and self.last[1] == 12

    @property
    def is_school_year(self) -> bool:
        """September (or August) of one year to May–August of the next."""
        return self.last[0] == self.first[0] + 1 and self.first[1] in (8, 9) and 5 <= self.last[1] <= 8

    def title(self) -> str:
        """How the document's heading names the period: «2025 год», «2025/2026 учебный год», «сентябрь 2025 – декабрь
        2026».
        """
        if self.is_calendar_year:
            return f"{self.first[0]} год"
        if self.is_school_year:
            return f"{self.first[0]}/{self.last[0]} учебный год"
        return self.text


_ISO_DATE = re.compile(r"\b((?:19|20)\d\d)-(0[1-9]|1[0-2])-\d\d\b")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*((?:19|20)\d\d)\b")


def month_of_date(text: str) -> tuple[int, int] | None:
    """(year, month) of a written date: «31.08.2023», «"31" августа 2023 г.», «18 ноября 2024 года»."""
    match = _NUMERIC_DATE.search(text)
    if match and 1 <= int(match.group(2)) <= 12:
        return int(match.group(3)), int(match.group(2))
    iso = _ISO_DATE.search(text)
    if iso:
        return int(iso.group(1)), int(iso.group(2))
    spans = parse_dates(text).spans
    if spans and spans[0].start.year is not None:
        return spans[0].start.year, spans[0].start.month
    return None
