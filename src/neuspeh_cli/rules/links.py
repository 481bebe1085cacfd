"""Checks across the files of one municipality: the roadmap and the school programmes.

Files are linked only among those checked together (a folder, or the files
named), wherever they lie (``domain/links.py`` says how). A roadmap checked
alone says nothing about programmes: ``shnor-no-programme`` speaks only when
at least one of its programmes is in the run.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..domain.links import linked
from ..problems import Problem, Severity
from . import Context, rule

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO


def linked_roadmaps(ctx: Context, programme: Any) -> list[Any]:
    return [r for r in ctx.workspace.of_kind("roadmap") if linked(programme, r.model)]


@rule("programme-unlinked", I, "Программа не сверяется с дорожной картой: не указан municipality.", kind="programme")
def programme_unlinked(ctx: Context) -> Iterable[Problem]:
    if not ctx.model.municipality and ctx.workspace.of_kind("roadmap"):
        yield ctx.problem(
            (),
            "программа не сверяется с дорожной картой муниципалитета: укажите municipality, как в "
            "document.municipality дорожной карты",
        )


@rule(
    "programme-school-unknown",
    E,
    "Школы программы нет в списке schools дорожной карты того же муниципалитета.",
    kind="programme",
)
def programme_school_unknown(ctx: Context) -> Iterable[Problem]:
    school_id = ctx.model.school.id
    if not school_id:
        return
    for roadmap in linked_roadmaps(ctx, ctx.model):
        road = roadmap.model
        schools = {s.id for s in road.schools}
        if school_id not in schools:
            known = ", ".join(s.id for s in road.schools if s.shnor) or ", ".join(schools)
            yield ctx.problem(
                ("school", "id"),
                f"школы «{school_id}» нет в schools дорожной карты {roadmap.name} ({road.document.period_title}): "
                f"укажите id школы, как в дорожной карте (ШНОР: {known})",
            )


@rule(
    "programme-misses-audit",
    W,
    "Программа не направлена ни на один параметр, выявленный аудитом в этой школе.",
    kind="programme",
)
def programme_misses_audit(ctx: Context) -> Iterable[Problem]:
    programme = ctx.model
    school_id = programme.school.id
    for roadmap in linked_roadmaps(ctx, programme):
        found = [f for f in roadmap.model.audit if school_id and school_id in f.schools]
        if not found:
            continue
        refs = {f.ref for f in found} | {f.parameter for f in found if f.parameter}
        if set(programme.parameters) & refs:
            continue
        listed = ", ".join(dict.fromkeys(f.ref for f in found))
        loc = ("parameters",) if ctx.has(("parameters",)) else ()
        yield ctx.problem(
            loc,
            "программа не направлена ни на один параметр, выявленный аудитом в этой школе (дорожная карта "
            f"{roadmap.name}, {roadmap.model.document.period_title}): "
            f"укажите в parameters хотя бы один из: {listed}",
            key=bool(loc),
        )


@rule(
    "shnor-no-programme", W, "У ШНОР из дорожной карты нет школьной программы среди проверяемых файлов.", kind="roadmap"
)
def shnor_no_programme(ctx: Context) -> Iterable[Problem]:
    road = ctx.model
    mine = [p for p in ctx.workspace.of_kind("programme") if linked(p.model, road)]
    if not mine:
        return
    have = {p.model.school.id for p in mine}
    for i, school in enumerate(road.schools):
        if school.shnor and school.id not in have:
            yield ctx.problem(
                ("schools", i),
                f"у ШНОР «{school.name}» ({school.id}) нет школьной программы профилактики среди проверяемых файлов: "
                f"добавьте файл программы (`neuspeh school init ФАЙЛ --school {school.id}`) с municipality: "
                f"{road.document.municipality} и school.id: {school.id}",
            )


def own_parameters(ctx: Context, programme: Any) -> set[str]:
    """Ids of the municipality's own parameters, known to its roadmap but not to the catalog."""
    return {f.id for r in linked_roadmaps(ctx, programme) for f in r.model.audit if f.id}
