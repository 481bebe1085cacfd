"""The mandatory monitoring of the school systems, its dates and the quality indicators it measures."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ...domain.dates import parse_dates
from ...domain.structure import MONITORING_TITLE, is_control_form, monitoring_candidates, monitoring_events
from ...problems import Problem
from .. import Context, rule
from ..common import repeats
from ._shared import E, I, W, numbered, roadmap_of


@rule(
    "monitoring-missing",
    E,
    "Нет обязательного «Мониторинга подготовки и реализации внутришкольных систем профилактики учебной неуспешности» "
    "(monitoring.events).",
)
def monitoring_missing(ctx: Context) -> Iterable[Problem]:
    roadmap = roadmap_of(ctx)
    monitoring = roadmap.monitoring
    ids = monitoring.event_ids
    candidates = monitoring_candidates(roadmap) or _named_like_monitoring(roadmap)
    if ids:
        known = {e.id for e in roadmap.events}
        key = "events" if monitoring.events else "event"
        linked = [(i, e) for i, e in candidates if e.id in ids]
        for j, missing in enumerate(i for i in ids if i not in known):
            loc = ("monitoring", key, j) if key == "events" and ctx.has(("monitoring", key, j)) else ("monitoring", key)
            if candidates and not linked:
                i, event = candidates[0]
                what = (
                    f"«{event.id}»" if event.id else f"его id (мероприятию № {i + 1} нужен id, например id: monitoring)"
                )
                yield ctx.problem(
                    loc,
                    f"мероприятия с id «{missing}» нет в events: сошлитесь на мероприятие № {i + 1} «{event.name}» — "
                    f"укажите {what}",
                )
            else:
                yield ctx.problem(loc, f"мероприятия с id «{missing}» нет в events: укажите id мероприятия-мониторинга")
        return
    if candidates:
        i, event = candidates[0]
        how = (
            f"monitoring: events: [{event.id}]"
            if event.id
            else f"мероприятию № {i + 1} id (например, id: monitoring) и monitoring: events: [monitoring]"
        )
        yield ctx.problem(
            ("events", i),
            f"{numbered(i, roadmap_of(ctx).events[i])} похоже на обязательный мониторинг внутришкольных систем, но "
            f"карта на него не ссылается: если это он, сошлитесь на мероприятие № {i + 1} — допишите {how}",
        )
        return
    yield ctx.problem(
        ("monitoring",) if ctx.has(("monitoring",)) else ("events",),
        f"добавьте мероприятие «{MONITORING_TITLE}» (форма — мониторинг, параметры — «все выявленные параметры», "
        "groups: [control]) и сошлитесь на его id в monitoring.events",
        key=True,
    )


def _named_like_monitoring(roadmap) -> list:
    """Events named in the method's own words («Мониторинг подготовки и реализации внутришкольных систем…») whatever
    their form (the form is ``monitoring-not-control``'s business once linked); a seminar about monitoring is not
    one."""
    words = "мониторинг подготовки и реализации внутришкольн"
    return [(i, e) for i, e in enumerate(roadmap.events) if words in " ".join(e.name.lower().replace("ё", "е").split())]


@rule(
    "monitoring-not-control",
    W,
    "Мероприятие, названное мониторингом внутришкольных систем, проводится не в форме контроля (мониторинг, аудит, "
    "собеседование…).",
)
def monitoring_not_control(ctx: Context) -> Iterable[Problem]:
    for i, event in monitoring_events(roadmap_of(ctx)):
        if event.form and not is_control_form(event.form):
            yield ctx.problem(
                ("events", i, "form"),
                f"{numbered(i, roadmap_of(ctx).events[i])} указано в monitoring.events, но его форма «{event.form}» — "
                "не контроль: мониторинг проводится в форме мониторинга, аудита или собеседования",
            )


@rule("monitoring-dates", E, "У мониторинга внутришкольных систем должны быть сроки (месяцы или период).")
def monitoring_dates(ctx: Context) -> Iterable[Problem]:
    for i, event in monitoring_events(roadmap_of(ctx)):
        if event.dates and not parse_dates(event.dates).concrete:
            yield ctx.problem(
                ("events", i, "dates"),
                f"сроки мониторинга «{event.dates}» не названы: укажите месяцы проведения («Июнь 2025, декабрь 2025»)",
            )


@rule(
    "quality-indicators-missing",
    E,
    "Не перечислены показатели качества внутришкольных систем профилактики учебной неуспешности.",
)
def quality_indicators_missing(ctx: Context) -> Iterable[Problem]:
    if not [x for x in roadmap_of(ctx).monitoring.quality_indicators if x.text.strip()]:
        loc = ("monitoring",) if ctx.has(("monitoring",)) else ()
        yield ctx.problem(
            loc,
            "перечислите в monitoring.indicators показатели качества внутришкольных систем профилактики учебной "
            "неуспешности (методика требует их в дорожной карте): "
            "text, unit, baseline, target",
            key=bool(loc),
        )


@rule(
    "indicator-unstructured",
    I,
    "Показатель качества записан одной строкой: без единицы, исходного и целевого значений его нечем измерить в "
    "отчёте.",
)
def indicator_unstructured(ctx: Context) -> Iterable[Problem]:
    for j, indicator in enumerate(roadmap_of(ctx).monitoring.indicators):
        if isinstance(indicator, str) and indicator.strip():
            yield ctx.problem(
                ("monitoring", "indicators", j),
                f"показатель «{_short(indicator)}» записан строкой: чтобы отчёт мог его измерить, запишите его как «- "
                "text: …» с unit (единица), baseline (исходное) и target (целевое значение)",
            )


# A measurable indicator names a quantity: a share, a number, a mean, a level…
_MEASURES = re.compile(
    r"\b(доля|процент|количеств|числ[оа]|средн|уровень|показател|индекс|балл|рейтинг|динамик|охват|%)", re.I
)
_PRESENCE = re.compile(r"^\s*(наличие|отсутствие|разработка|утверждение|обеспечение|организация|проведение)\b", re.I)


@rule(
    "indicator-unmeasured",
    W,
    "Показатель качества ничего не измеряет («Наличие программы») или у него нет единицы и целевого значения.",
)
def indicator_unmeasured(ctx: Context) -> Iterable[Problem]:
    for j, indicator in enumerate(roadmap_of(ctx).monitoring.quality_indicators):
        text = indicator.text
        if not text.strip():
            continue
        written = roadmap_of(ctx).monitoring.indicators[j]
        if _PRESENCE.match(text) and not _MEASURES.search(text):
            yield ctx.problem(
                ("monitoring", "indicators", j),
                f"«{_short(text)}» — это факт, а не показатель: сформулируйте, что измеряется, например «Доля ШНОР, в "
                'которых …» (unit: "%")',
            )
        elif not isinstance(written, str):
            missing = [key for key in ("unit", "target") if getattr(indicator, key) in ("", None)]
            if missing:
                yield ctx.problem(
                    ("monitoring", "indicators", j),
                    f"у показателя «{_short(text)}» не указаны {', '.join(missing)}: без них отчёт не сравнит "
                    "значение с целью",
                )


@rule(
    "indicator-values",
    E,
    "Исходное или целевое значение показателя вне возможного для его единицы (проценты — от 0 до 100, количество — не "
    "меньше 0).",
)
def indicator_values(ctx: Context) -> Iterable[Problem]:
    for j, indicator in enumerate(roadmap_of(ctx).monitoring.indicators):
        if isinstance(indicator, str):
            continue
        percent = indicator.unit.strip() in ("%", "процент", "проценты", "процентов")
        for key in ("baseline", "target"):
            value = getattr(indicator, key)
            if value is None:
                continue
            if value < 0 or (percent and value > 100):
                allowed = "от 0 до 100" if percent else "не меньше 0"
                yield ctx.problem(
                    ("monitoring", "indicators", j, key),
                    f"{key} = {value:g} — для единицы «{indicator.unit or 'без единицы'}» значение должно быть "
                    f"{allowed}",
                )


@rule("indicator-id-duplicate", E, "Два показателя качества с одним идентификатором id.")
def indicator_id_duplicate(ctx: Context) -> Iterable[Problem]:
    indicators = roadmap_of(ctx).monitoring.quality_indicators
    for j, first in repeats(x.id for x in indicators):
        yield ctx.problem(
            ("monitoring", "indicators", j, "id"),
            f"id показателя «{indicators[j].id}» уже занят показателем № {first + 1}",
        )


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
