"""Section I: the parameters the input audit found and the schools where they show."""

from __future__ import annotations

from collections.abc import Iterable

from ...domain.structure import factor_id_of
from ...problems import Problem
from .. import Context, rule
from ..common import closest, repeats
from ._shared import METHODICAL_SERVICE, E, W, misspelt_parameters, number_ref, roadmap_of


@rule("audit-empty", W, "В разделе I нет ни одного выявленного параметра.")
def audit_empty(ctx: Context) -> Iterable[Problem]:
    if not roadmap_of(ctx).audit:
        yield ctx.problem(
            ("audit",),
            "раздел I пуст: перечислите в audit параметры, выявленные входным аудитом, и ШНОР, где они проявляются",
            key=True,
        )


@rule(
    "parameter-unknown",
    E,
    "Параметр не найден в каталоге факторов, а для собственного параметра не указаны id, factor и title.",
)
def parameter_unknown(ctx: Context) -> Iterable[Problem]:
    catalog = ctx.catalog
    roadmap = roadmap_of(ctx)
    slips = misspelt_parameters(roadmap, catalog)
    for i, finding in enumerate(roadmap.audit):
        loc = ("audit", i)
        if finding.parameter in slips:
            meant = slips[finding.parameter]
            users = [number_ref(n, e) for n, e in enumerate(roadmap.events) if meant in e.parameter_refs]
            used = f" — на него уже ссылаются мероприятия {', '.join(users)}" if users else ""
            yield ctx.problem(
                loc + ("parameter",),
                f"параметра «{finding.parameter}» нет в каталоге: опечатка в разделе I? Исправьте здесь на "
                f"«{meant}»{used}",
            )
        elif finding.parameter and finding.parameter not in catalog.parameters:
            yield ctx.problem(
                loc + ("parameter",),
                f"параметра «{finding.parameter}» нет в каталоге{closest(finding.parameter, catalog.parameters)}; "
                "список — `neuspeh catalog`",
            )
        elif not finding.parameter:
            missing = [k for k in ("id", "factor", "title") if not getattr(finding, k)]
            if missing:
                yield ctx.problem(
                    loc,
                    "укажите parameter (идентификатор из каталога) или, для собственного параметра, id, factor и "
                    "title; не хватает: " + ", ".join(missing),
                )
            elif finding.factor not in catalog.factors_by_id:
                yield ctx.problem(
                    loc + ("factor",),
                    f"фактора «{finding.factor}» нет в каталоге{closest(finding.factor, catalog.factors_by_id)}",
                )


@rule(
    "parameter-custom",
    W,
    "Собственный параметр, которого нет в каталоге: допустим, но институт сверяет карты с «Конструктором».",
)
def parameter_custom(ctx: Context) -> Iterable[Problem]:
    for i, finding in enumerate(roadmap_of(ctx).audit):
        if not finding.parameter and finding.id and finding.factor in ctx.catalog.factors_by_id and finding.title:
            yield ctx.problem(
                ("audit", i, "id"),
                f"собственный параметр «{finding.title}» не из каталога: если он уточняет каталожный, укажите "
                "parameter и свою формулировку в title",
            )


@rule("parameter-duplicate", E, "Один и тот же параметр указан в разделе I дважды.")
def parameter_duplicate(ctx: Context) -> Iterable[Problem]:
    audit = roadmap_of(ctx).audit
    for i, first in repeats(f.ref for f in audit):
        yield ctx.problem(
            ("audit", i),
            f"параметр «{audit[i].ref}» уже указан (audit, пункт {first + 1}): объедините списки школ или дайте "
            "уточнённому параметру свой id",
        )


@rule("school-duplicate", E, "Две школы с одним идентификатором.")
def school_duplicate(ctx: Context) -> Iterable[Problem]:
    schools = roadmap_of(ctx).schools
    for i, _ in repeats(s.id for s in schools):
        yield ctx.problem(
            ("schools", i, "id"), f"идентификатор школы «{schools[i].id}» уже занят: у каждой школы свой id"
        )


@rule(
    "school-same-name",
    W,
    'Одна школа записана в schools дважды под разными id («МБОУ СОШ № 5» и «МБОУ "СОШ №5"»).',
)
def school_same_name(ctx: Context) -> Iterable[Problem]:
    from ...domain.schools import name_key

    schools = roadmap_of(ctx).schools
    first: dict[str, int] = {}
    for i, school in enumerate(schools):
        key = name_key(school.name) if school.name else ""
        if not key:
            continue
        if key in first and schools[first[key]].id != school.id:
            other = schools[first[key]]
            yield ctx.problem(
                ("schools", i, "name"),
                f"«{school.name}» ({school.id}) — та же школа, что «{other.name}» ({other.id}): оставьте одну запись "
                f"и ссылайтесь на её id",
            )
        first.setdefault(key, i)


@rule("school-unknown", E, "В разделе I указана школа, которой нет в списке schools.")
def school_unknown(ctx: Context) -> Iterable[Problem]:
    roadmap = roadmap_of(ctx)
    ids = {s.id for s in roadmap.schools}
    for i, finding in enumerate(roadmap.audit):
        for j, school in enumerate(finding.schools):
            if school not in ids:
                yield ctx.problem(
                    ("audit", i, "schools", j),
                    f"школы «{school}» нет в списке schools{closest(school, ids)}: добавьте её туда или исправьте "
                    "идентификатор",
                )


@rule(
    "school-not-shnor",
    W,
    "В перечне ШНОР раздела I указана школа, не отмеченная как ШНОР (в год без ШНОР не проверяется).",
)
def school_not_shnor(ctx: Context) -> Iterable[Problem]:
    roadmap = roadmap_of(ctx)
    if not roadmap.has_shnor:
        return  # a year without ШНОР: risks are recorded «по каждой ОО»
    shnor = {s.id: s.shnor for s in roadmap.schools}
    for i, finding in enumerate(roadmap.audit):
        for j, school in enumerate(finding.schools):
            if shnor.get(school) is False:
                yield ctx.problem(
                    ("audit", i, "schools", j),
                    f"школа «{school}» не отмечена как ШНОР (shnor: true), а раздел I — перечень ШНОР; если в этом "
                    "году ШНОР нет, не отмечайте ни одной — раздел I станет перечнем ОО",
                )


@rule(
    "parameter-no-schools",
    W,
    "Для параметра не указана ни одна школа (кроме фактора «Низкая эффективность работы методической службы»).",
)
def parameter_no_schools(ctx: Context) -> Iterable[Problem]:
    roadmap = roadmap_of(ctx)
    which = "ШНОР" if roadmap.has_shnor else "ОО"
    for i, finding in enumerate(roadmap.audit):
        factor = factor_id_of(finding, ctx.catalog)
        if factor and factor != METHODICAL_SERVICE and not finding.schools:
            yield ctx.problem(("audit", i), f"не указаны {which}, в которых проявляется параметр: заполните schools")


@rule("shnor-not-audited", W, "ШНОР не упомянута ни в одном параметре раздела I.")
def shnor_not_audited(ctx: Context) -> Iterable[Problem]:
    roadmap = roadmap_of(ctx)
    if not roadmap.audit:
        return
    mentioned = {s for f in roadmap.audit for s in f.schools}
    for i, school in enumerate(roadmap.schools):
        if school.shnor and school.id not in mentioned:
            yield ctx.problem(
                ("schools", i),
                f"ШНОР «{school.name}» не указана ни в одном параметре раздела I: проверьте результаты аудита",
            )
