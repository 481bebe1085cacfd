"""The document's own data: who approves or signs it, for which period."""

from __future__ import annotations

from collections.abc import Iterable

from ...problems import Problem
from .. import Context, rule
from ._shared import E, W, roadmap_of


@rule("approval-incomplete", E, "Гриф утверждения заполнен не до конца, или нет ни грифа, ни подписи руководителя.")
def approval_incomplete(ctx: Context) -> Iterable[Problem]:
    document = roadmap_of(ctx).document
    approval = document.approval
    where = ("document", "approval") if ctx.has(("document", "approval")) else ("document",)
    if approval is None or approval.empty:
        if document.signature is None:
            yield ctx.problem(
                where,
                "нет ни грифа утверждения, ни подписи: укажите approval (position и name — «УТВЕРЖДАЮ», или order — "
                "«УТВЕРЖДЕНА приказом…») "
                "или, если карту только подписывает руководитель УО или ТМС, signature (position и name)",
                key=True,
            )
        return
    if approval.order is not None:
        return
    missing = [key for key in ("position", "name") if not getattr(approval, key)]
    if missing:
        yield ctx.problem(
            where,
            f"гриф «УТВЕРЖДАЮ» заполнен не до конца: укажите approval.{' и approval.'.join(missing)} (должность; "
            "инициалы и фамилия) "
            "или реквизиты приказа в approval.order; если гриф не нужен, удалите approval и оставьте signature",
            key=True,
        )


@rule("period-mismatch", W, "Год карты не совпадает с её сроком (period).")
def period_mismatch(ctx: Context) -> Iterable[Problem]:
    document = roadmap_of(ctx).document
    if document.year is not None and document.period is not None and document.year not in document.period.years:
        yield ctx.problem(
            ("document", "year"),
            f"год {document.year} вне срока карты «{document.period.text}»: укажите только period (учебный год) или "
            "исправьте year",
        )


@rule("period-inverted", E, "Срок карты перевёрнут: начало позже окончания.")
def period_inverted(ctx: Context) -> Iterable[Problem]:
    period = roadmap_of(ctx).document.period
    if period is not None and period.first > period.last:
        yield ctx.problem(
            ("document", "period", "start"),
            f"срок карты перевёрнут: начало «{period.start}» позже окончания «{period.end}»",
        )
