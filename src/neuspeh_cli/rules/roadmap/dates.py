"""Dates of events: understood, inside the roadmap's period, in order, not before the approval."""

from __future__ import annotations

from collections.abc import Iterable

from ...domain.dates import MonthRef, parse_dates
from ...domain.periods import Period, month_of_date
from ...problems import Problem
from .. import Context, rule
from ._shared import E, I, W, numbered, roadmap_of


@rule("dates-unrecognised", W, "Дата проведения не распознана.")
def dates_unrecognised(ctx: Context) -> Iterable[Problem]:
    for i, event in enumerate(roadmap_of(ctx).events):
        if event.dates and not parse_dates(event.dates).understood:
            yield ctx.problem(
                ("events", i, "dates"),
                f"дата «{event.dates}» не распознана: напишите месяц и год («Октябрь 2025»), период («сентябрь – октябрь 2025», «II полугодие 2025»), "
                "«В течение года» или «По отдельному графику»",
            )


def _outside(period: Period, ref: MonthRef) -> bool:
    return not period.contains(ref)


@rule("dates-outside-period", E, "Дата проведения вне срока дорожной карты (календарного или учебного года).")
def dates_outside_period(ctx: Context) -> Iterable[Problem]:
    roadmap = roadmap_of(ctx)
    span = roadmap.document.span
    for i, event in enumerate(roadmap.events):
        phrase = parse_dates(event.dates)
        refs = [ref for s in phrase.spans for ref in (s.start, s.end)]
        outside = [ref for ref in refs if ref.year is not None and _outside(span, ref)]
        if outside:
            labels = ", ".join(dict.fromkeys(ref.label() for ref in outside))
            yield ctx.problem(("events", i, "dates"), f"дата «{event.dates}» вне срока карты ({roadmap.document.period_title}: {span.text}): {labels}; проверьте год")


def _key(span: Period, ref: MonthRef) -> tuple[int, int]:
    return span.place(ref) or (span.first[0], ref.month)


@rule("dates-order", W, "Месяцы в дате записаны не по порядку или период перевёрнут.")
def dates_order(ctx: Context) -> Iterable[Problem]:
    roadmap = roadmap_of(ctx)
    span = roadmap.document.span
    for i, event in enumerate(roadmap.events):
        phrase = parse_dates(event.dates)
        loc = ("events", i, "dates")
        for s in phrase.spans:
            if _key(span, s.start) > _key(span, s.end):
                yield ctx.problem(loc, f"период «{event.dates}» перевёрнут: {s.start.label()} позже, чем {s.end.label()}; проверьте год или порядок месяцев", severity=E)
        for before, after in zip(phrase.spans, phrase.spans[1:]):
            if _key(span, after.start) < _key(span, before.end):
                yield ctx.problem(loc, f"даты «{event.dates}» не по порядку: {after.start.label()} раньше, чем {before.end.label()}; перечислите по времени")
                break


@rule("dates-before-approval", I, "Мероприятие назначено на время до утверждения карты: уже проведено или дата ошибочна.")
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
    for i, event in enumerate(roadmap.events):
        spans = parse_dates(event.dates).spans
        if spans and all(_key(span, s.end) < approved for s in spans):
            yield ctx.problem(
                ("events", i, "dates"),
                f"{numbered(i)} назначено на «{event.dates}», до утверждения карты ({written}): если оно уже проведено, так и оставьте, иначе проверьте дату",
            )
