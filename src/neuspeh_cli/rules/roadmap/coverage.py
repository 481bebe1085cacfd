"""Prevention «в отношении каждого (!) негативного фактора»: every parameter gets events of its own, reaching its
ШНОР.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from ...domain.roadmap import Event
from ...domain.structure import OwnEvents, Participation, is_control_only
from ...problems import Problem
from .. import Context, rule
from ..common import closest
from ._shared import E, I, W, flow, misspelt_parameters, number_ref, numbered, roadmap_of

T = TypeVar("T")


def _once(judge: Callable[[Event], T]) -> Callable[[int, Event], T]:
    """``judge`` of an event, worked out once per event number."""
    known: dict[int, T] = {}

    def judged(number: int, event: Event) -> T:
        if number not in known:
            known[number] = judge(event)
        return known[number]

    return judged


def _numbers(events: list[tuple[int, Event]]) -> str:
    return ", ".join(number_ref(i, e) for i, e in events)


@rule(
    "parameter-not-addressed",
    E,
    "На каждый параметр раздела I нужно своё мероприятие: «все выявленные параметры» засчитываются только контролю.",
)
def parameter_not_addressed(ctx: Context) -> Iterable[Problem]:
    roadmap = roadmap_of(ctx)
    general = [(i, e) for i, e in enumerate(roadmap.events) if e.addresses_all]
    own_events = OwnEvents(roadmap)
    slips = misspelt_parameters(roadmap, ctx.catalog)
    for i, finding in enumerate(roadmap.audit):
        if not finding.ref or own_events(finding) or finding.ref in slips:
            continue
        note = (
            f"; «все выявленные параметры» у {_numbers(general)} не заменяет мероприятия по самому параметру "
            "(методика требует профилактики в отношении каждого фактора)"
            if general
            else ""
        )
        yield ctx.problem(
            ("audit", i),
            f"на параметр «{finding.ref}» не направлено ни одно мероприятие раздела II{note}: добавьте мероприятие с "
            "этим параметром в parameters (или `neuspeh roadmap draft`)",
        )


@rule(
    "parameter-control-only",
    W,
    "На параметр направлены только мероприятия контроля (мониторинг, собеседования): профилактики по нему нет.",
)
def parameter_control_only(ctx: Context) -> Iterable[Problem]:
    roadmap = roadmap_of(ctx)
    own_events = OwnEvents(roadmap)
    control_only = _once(is_control_only)  # an event counts for several parameters: judged once
    for i, finding in enumerate(roadmap.audit):
        if ctx.catalog.municipal_checks(finding.parameter):
            continue  # the «Конструктор» itself answers this parameter with a check
        own = own_events(finding)
        if own and all(control_only(j, e) for j, e in own):
            yield ctx.problem(
                ("audit", i),
                f"на параметр «{finding.ref}» направлен только контроль ({_numbers(own)}): добавьте мероприятие этапа "
                "реализации (семинар, консультирование, стажировка…) по этому параметру",
            )


@rule(
    "all-parameters-not-control",
    I,
    "«Все выявленные параметры» указаны у мероприятия, которое не контроль: так не видно, что делается по каждому "
    "параметру.",
)
def all_parameters_not_control(ctx: Context) -> Iterable[Problem]:
    for i, event in enumerate(roadmap_of(ctx).events):
        if event.addresses_all and not is_control_only(event):
            yield ctx.problem(
                ("events", i, "parameters"),
                f"{numbered(i, roadmap_of(ctx).events[i])}: «все выявленные параметры» засчитываются только "
                "мероприятиям контроля, поэтому ни одному параметру это мероприятие не засчитано; "
                "если оно посвящено определённым параметрам, перечислите их, а если это контроль — укажите groups: "
                "[control]",
            )


@rule(
    "parameter-shnor-not-reached",
    E,
    "ШНОР, в которой проявляется параметр, не участвует ни в одном мероприятии по этому параметру.",
)
def parameter_shnor_not_reached(ctx: Context) -> Iterable[Problem]:
    roadmap = roadmap_of(ctx)
    participation = Participation(roadmap)
    shnor = participation.shnor
    if not shnor:
        return  # a year without ШНОР
    own_events = OwnEvents(roadmap)
    taking_part = _once(participation.of)  # an event counts for several parameters: read once
    for i, finding in enumerate(roadmap.audit):
        own = own_events(finding)
        expected = [s for s in finding.schools if s in shnor]
        if not own or not expected:
            continue
        reached = set().union(*(taking_part(j, e) for j, e in own))
        missing = [s for s in expected if s not in reached]
        if missing:
            first = number_ref(*own[0])
            yield ctx.problem(
                ("audit", i, "schools"),
                f"ШНОР {', '.join(missing)} (параметр «{finding.ref}») не участвуют ни в одном мероприятии по нему "
                f"({_numbers(own)}): "
                f"укажите их у подходящего мероприятия, например у № {first}: shnor: {flow(missing)} (или shnor: все)",
            )


@rule("code-dangling", E, "Мероприятие ссылается на параметр, которого нет в разделе I.")
def code_dangling(ctx: Context) -> Iterable[Problem]:
    roadmap = roadmap_of(ctx)
    refs = {f.ref for f in roadmap.audit}
    slips = misspelt_parameters(roadmap, ctx.catalog)
    meant = set(slips.values())  # the audit's slip is reported there, once
    refs_known = refs - set(slips)  # never suggest copying a slip into the events
    for i, event in enumerate(roadmap.events):
        for j, ref in enumerate(event.parameter_refs):
            if ref not in refs and ref not in meant:
                known = "есть в каталоге, но не выявлен аудитом" if ref in ctx.catalog.parameters else "неизвестен"
                yield ctx.problem(
                    ("events", i, "parameters", j),
                    f"параметр «{ref}» {known}{closest(ref, refs_known)}: добавьте его в раздел I (audit) или "
                    "исправьте ссылку",
                )


@rule("event-no-parameters", E, "Мероприятие не направлено ни на один параметр.")
def event_no_parameters(ctx: Context) -> Iterable[Problem]:
    for i, event in enumerate(roadmap_of(ctx).events):
        if not event.addresses_all and not event.parameter_refs:
            yield ctx.problem(
                ("events", i),
                f"{numbered(i, roadmap_of(ctx).events[i])}: укажите в parameters коды параметров или «все выявленные "
                "параметры»",
            )
