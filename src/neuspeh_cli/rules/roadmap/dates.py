"""Dates of events: understood, inside the roadmap's period, in order, not before the approval."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise

from ...domain.dates import MonthRef, Outside, Span, YearMonth, date_slips, parse_dates, vague_advice
from ...domain.periods import Period, month_of_date
from ...problems import Problem
from .. import Context, rule
from ._shared import E, I, W, numbered, roadmap_of


@rule("dates-slip", E, "Месяц написан с ошибкой («Новябрь 2025», «Маи 2025») или такой даты нет («31.04.2025»).")
def dates_slip(ctx: Context) -> Iterable[Problem]:
    for i, event in enumerate(roadmap_of(ctx).events):
        slips = date_slips(event.dates) if event.dates else []
        if slips:
            yield ctx.problem(("events", i, "dates"), f"дата «{event.dates}»: {'; '.join(slips)}")


@rule("dates-unrecognised", W, "Дата проведения не распознана.")
def dates_unrecognised(ctx: Context) -> Iterable[Problem]:
    for i, event in enumerate(roadmap_of(ctx).events):
        phrase = parse_dates(event.dates) if event.dates else None
        if phrase is None or phrase.understood or date_slips(event.dates):
            continue
        vague = vague_advice(phrase)
        yield ctx.problem(
            ("events", i, "dates"),
            f"дата «{event.dates}» не ставится ни на один месяц: {vague}, или «В течение года»"
            if vague
            else f"дата «{event.dates}» не распознана: напишите месяц и год («Октябрь 2025»), период («сентябрь – "
            "октябрь 2025», «II полугодие 2025»), «В течение года» или «По отдельному графику»",
        )


@rule(
    "dates-outside-period",
    E,
    "Дата проведения вне срока дорожной карты (календарного или учебного года), в том числе числовая («15.04.2026») "
    "или один год («2026 г.»).",
)
def dates_outside_period(ctx: Context) -> Iterable[Problem]:
    roadmap = roadmap_of(ctx)
    span = roadmap.document.span
    period = (span.first, span.last)  # worked out once, not at every event
    hint = _school_year_hint(roadmap)
    for i, event in enumerate(roadmap.events):
        outside = _outside(event.dates, period)
        if outside:
            pieces = "; ".join(
                f"«{piece.text}» — {piece.label}" if piece.text != event.dates else piece.label for piece in outside
            )
            school_year = hint and all(
                piece.reason == "after" and all(m.year == span.first[0] + 1 and m.month <= 8 for m in piece.months)
                for piece in outside
            )
            advice = hint if school_year else "проверьте год"
            yield ctx.problem(
                ("events", i, "dates"),
                f"дата «{event.dates}» вне срока карты ({roadmap.document.period_title}: {span.text}): {pieces}; "
                f"{advice}",
            )


# Events and roadmaps repeat their date phrases («Октябрь 2025», «Ежеквартально») and periods: each phrase is placed
# in a period once per process, not once per event of every roadmap (as the calendar's ``_placed`` is).
@lru_cache(maxsize=16384)
def _outside(dates: str, period: tuple[YearMonth, YearMonth]) -> tuple[Outside, ...]:
    return tuple(parse_dates(dates).outside(period))


@lru_cache(maxsize=16384)
def _order(
    dates: str, period: tuple[YearMonth, YearMonth]
) -> tuple[tuple[Span, ...], tuple[tuple[YearMonth, ...], tuple[YearMonth, ...]] | None]:
    """The ranges written backwards, and the first two pieces out of order (their months) or None."""
    phrase = parse_dates(dates)
    placed = [tuple(months) for months in (_placed(item, period) for item in phrase.items) if months]
    disorder = next(((a, b) for a, b in pairwise(placed) if min(b) < max(a)), None)
    return tuple(phrase.inverted()), disorder


def _school_year_hint(roadmap) -> str:
    """For a roadmap declared by a calendar ``year`` whose events run into the next spring: how to declare a school
    year.
    """
    document = roadmap.document
    if document.period is not None or document.year is None:
        return ""
    year = document.year
    return (
        f"если карта составлена на {year}/{year + 1} учебный год, замените в document строку «year: {year}» "
        f"на «period: {{start: сентябрь {year}, end: май {year + 1}}}» (или «year: {year}/{year + 1}»), иначе "
        "проверьте год"
    )


def _placed(item, period: tuple[tuple[int, int], tuple[int, int]]) -> list[tuple[int, int]]:
    return item.months(*period)


@rule("dates-order", W, "Месяцы в дате записаны не по порядку или период перевёрнут.")
def dates_order(ctx: Context) -> Iterable[Problem]:
    roadmap = roadmap_of(ctx)
    span = roadmap.document.span
    period = (span.first, span.last)
    for i, event in enumerate(roadmap.events):
        inverted, disorder = _order(event.dates, period)
        loc = ("events", i, "dates")
        for s in inverted:
            yield ctx.problem(
                loc,
                f"период «{event.dates}» перевёрнут: {s.start.label()} позже, чем {s.end.label()}; проверьте год или "
                "порядок месяцев",
                severity=E,
            )
        if disorder is not None:
            earlier, later = disorder
            yield ctx.problem(
                loc,
                f"даты «{event.dates}» не по порядку: {MonthRef(later[0][1], later[0][0]).label()} раньше, чем "
                f"{MonthRef(earlier[-1][1], earlier[-1][0]).label()}; перечислите по времени",
            )


def _key(span: Period, ref: MonthRef) -> tuple[int, int]:
    return span.place(ref) or (span.first[0], ref.month)


@rule(
    "dates-before-approval", I, "Мероприятие назначено на время до утверждения карты: уже проведено или дата ошибочна."
)
def dates_before_approval(ctx: Context) -> Iterable[Problem]:
    roadmap = roadmap_of(ctx)
    approval = roadmap.document.approval
    if approval is None:
        return
    written = approval.order.date if approval.order is not None else approval.date
    approved = month_of_date(written) if written else None
    if approved is None:
        return
    span = roadmap.document.span
    before: dict[str, bool] = {}  # by date phrase: a roadmap repeats its phrases
    for i, event in enumerate(roadmap.events):
        early = before.get(event.dates)
        if early is None:
            spans = parse_dates(event.dates).spans
            early = before[event.dates] = bool(spans) and all(_key(span, s.end) < approved for s in spans)
        if early:
            yield ctx.problem(
                ("events", i, "dates"),
                f"{numbered(i, roadmap_of(ctx).events[i])} назначено на «{event.dates}», до утверждения карты "
                f"({written}): если оно уже проведено, так и оставьте, иначе проверьте дату",
            )
