"""The expert sheet: the method's checklist for one municipality's roadmap, item by item, a score and a verdict.

One set of facts: every item stands on the findings ``validate`` reports for the
same file (the same loader, the same rules). Each roadmap rule belongs to exactly
one item; an item with an error of its rules is «не выполнено», with a warning
«частично», otherwise «выполнено». So a file with errors always has a failed item
and can never be «соответствует методике», and a sheet never blames what the check
passed. The reasons are written here from the facts, in the municipality's words
(«мероприятие № 3», «показатель без единицы измерения»), never as field names.

Item 7 (the school and regional levels) is not a rule of the check: the institute
asks a municipality for its roadmap only, so programmes count for nothing in the
score and a municipality that sent none gets «не применяется». The items, the
method's words each rests on and the verdict's scale are in docs/review.md.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from enum import StrEnum
from functools import cached_property
from typing import NamedTuple

from .facts import EventFact, FileFacts, FindingFact, ProblemFact, RoadmapFacts
from .wording import rule_title


class Status(StrEnum):
    """How an item of the sheet is met. A ``str``: the cache keeps it as its value."""

    PASSED = "passed"
    PARTLY = "partly"
    FAILED = "failed"
    NA = "na"
    UNCHECKED = "unchecked"

    @property
    def title(self) -> str:
        return STATUS_TITLES[self]


class Verdict(StrEnum):
    """The sheet's conclusion."""

    COMPLIANT = "compliant"
    NEEDS_WORK = "needs-work"
    NONCOMPLIANT = "noncompliant"
    UNCHECKED = "unchecked"

    @property
    def title(self) -> str:
        return VERDICT_TITLES[self]


PASSED, PARTLY, FAILED, NA, UNCHECKED = Status.PASSED, Status.PARTLY, Status.FAILED, Status.NA, Status.UNCHECKED
STATUS_TITLES = {
    PASSED: "выполнено",
    PARTLY: "частично",
    FAILED: "не выполнено",
    NA: "не применяется",
    UNCHECKED: "не проверено",
}
VERDICT_TITLES = {
    Verdict.COMPLIANT: "соответствует методике",
    Verdict.NEEDS_WORK: "требует доработки",
    Verdict.NONCOMPLIANT: "не соответствует методике",
    Verdict.UNCHECKED: "не проверено",
}
VERDICTS = (Verdict.COMPLIANT, Verdict.NEEDS_WORK, Verdict.NONCOMPLIANT)
POINTS = {PASSED: 1.0, PARTLY: 0.5, FAILED: 0.0}
COMPLIANT_SCORE, NEEDS_WORK_SCORE = 85, 50


class ItemSpec(NamedTuple):
    key: str
    title: str
    weight: int
    rules: frozenset[str]  # the check's rules this item stands on; item 8 takes every rule no other item names


ITEMS: list[ItemSpec] = [
    ItemSpec(
        "parameters",
        "Профилактика по каждому выявленному параметру",
        3,
        frozenset(
            {
                "audit-empty",
                "parameter-not-addressed",
                "parameter-control-only",
                "all-parameters-not-control",
                "event-no-parameters",
                "code-dangling",
            }
        ),
    ),
    ItemSpec(
        "groups",
        "Три группы мероприятий (муниципальные, с участием ШНОР, контроль)",
        2,
        frozenset({"event-groups", "event-groups-implicit", "municipal-responsible"}),
    ),
    ItemSpec(
        "shnor",
        "Участие ШНОР в мероприятиях по их параметрам",
        2,
        frozenset(
            {
                "parameter-shnor-not-reached",
                "event-shnor-unknown",
                "event-shnor-implicit",
                "shnor-not-audited",
                "school-not-shnor",
            }
        ),
    ),
    ItemSpec(
        "monitoring",
        "Мониторинг внутришкольных систем профилактики: сроки и показатели качества",
        2,
        frozenset(
            {
                "monitoring-missing",
                "monitoring-not-control",
                "monitoring-dates",
                "quality-indicators-missing",
                "indicator-unstructured",
                "indicator-unmeasured",
                "indicator-values",
                "indicator-id-duplicate",
            }
        ),
    ),
    ItemSpec("all_schools", "Охват всех школ муниципалитета", 1, frozenset({"all-schools"})),
    ItemSpec(
        "stages",
        "Этапы управленческого цикла: реализация и оценка эффективности",
        1,
        frozenset({"management-cycle", "form-unknown"}),
    ),
    ItemSpec("levels", "Краевой и школьный уровни: мероприятия региона, программы ШНОР", 0, frozenset()),
    ItemSpec("completeness", "Полнота и правильность заполнения, сроки мероприятий", 1, frozenset()),
]
TITLES = {spec.key: spec.title for spec in ITEMS}
WEIGHTS = {spec.key: spec.weight for spec in ITEMS}
CLAIMED = frozenset().union(*(spec.rules for spec in ITEMS))
# A roadmap that misses one of these has no prevention to speak of: «не соответствует методике» whatever the score.
CORE_RULES = frozenset({"audit-empty", "parameter-not-addressed", "quality-indicators-missing"})
# Unfinished: ``build`` refuses such a roadmap (the registry's ``blocks_build``), so it cannot be «соответствует»
# either.
UNFINISHED_RULES = frozenset({"event-incomplete", "event-draft"})

GROUP_TITLES = {
    "municipal": "муниципальные",
    "shnor": "с участием / для ШНОР",
    "control": "контроль внутришкольных систем",
}
STAGE_TITLES = {
    1: "диагностика",
    2: "планирование",
    3: "реализация",
    4: "оценка эффективности (контроль)",
    0: "форма не из перечня",
}
MAX_REASONS = 12
SEVERE = {"error": FAILED, "warning": PARTLY}


class Reason(NamedTuple):
    text: str
    file: str = ""  # absolute path ("" — the reason is about the whole municipality)
    name: str = ""  # as shown
    line: int = 0


class Item(NamedTuple):
    key: str
    title: str
    weight: int
    status: str  # a Status (a plain string when read back from the cache)
    reasons: tuple[Reason, ...]

    @property
    def status_title(self) -> str:
        return STATUS_TITLES[self.status]


class Sheet(NamedTuple):
    items: tuple[Item, ...]
    score: int
    verdict: Verdict

    @property
    def checked(self) -> bool:
        return self.verdict is not Verdict.UNCHECKED

    @property
    def verdict_title(self) -> str:
        return self.verdict.title


def score_of(items: Iterable[Item]) -> int:
    applicable = [i for i in items if i.status in POINTS and i.weight]
    total = sum(i.weight for i in applicable)
    if not total:
        return 0
    return round(100 * sum(i.weight * POINTS[i.status] for i in applicable) / total)


def verdict_of(score: int, items: Iterable[Item], core_failure: bool = False, unfinished: bool = False) -> Verdict:
    """Core failure or a score below 50 — not compliant; a failed item (an error), drafts or below 85 — needs work."""
    if core_failure or score < NEEDS_WORK_SCORE:
        return Verdict.NONCOMPLIANT
    if score < COMPLIANT_SCORE or unfinished or any(i.status == FAILED for i in items):
        return Verdict.NEEDS_WORK
    return Verdict.COMPLIANT


def unchecked_sheet(reason: str, file: FileFacts | None = None, line: int = 1) -> Sheet:
    """Every item «не проверено»; why is said once, under the first item: the same line under all eight read as eight
    findings."""
    why = (Reason(reason, file.path, file.name, line),) if file is not None else (Reason(reason),)
    items = tuple(Item(s.key, s.title, s.weight, UNCHECKED, why if n == 0 else ()) for n, s in enumerate(ITEMS))
    return Sheet(items, 0, Verdict.UNCHECKED)


def item_of(rule: str) -> str:
    """The key of the item a rule of the check belongs to."""
    for spec in ITEMS:
        if rule in spec.rules:
            return spec.key
    return "completeness"


# ---------------------------------------------------------------- codes «1.2.» as in the document


def parameter_codes(findings: Iterable[FindingFact]) -> dict[str, str]:
    """Finding ref → «1.2.»: factors numbered in order of first appearance, parameters within (as
    domain.structure.resolve).
    """
    factor_numbers: dict[str, int] = {}
    counts: dict[str, int] = {}
    codes: dict[str, str] = {}
    for finding in findings:
        if not finding.factor:
            continue
        if finding.factor not in factor_numbers:
            factor_numbers[finding.factor] = len(factor_numbers) + 1
        counts[finding.factor] = counts.get(finding.factor, 0) + 1
        codes.setdefault(finding.ref, f"{factor_numbers[finding.factor]}.{counts[finding.factor]}.")
    return codes


def numbers(events: Iterable[EventFact], limit: int = 8) -> str:
    shown = [e.number for e in events]
    return "№ " + ", ".join(str(n) for n in shown[:limit]) + ("…" if len(shown) > limit else "")


def _lines(found: Sequence[ProblemFact], limit: int = 10) -> str:
    lines = sorted({p.line for p in found})
    text = ", ".join(str(n) for n in lines[:limit]) + ("…" if len(lines) > limit else "")
    return f"строка {text}" if len(lines) == 1 else f"строки {text}"


def _capped(reasons: list[Reason]) -> tuple[Reason, ...]:
    if len(reasons) <= MAX_REASONS:
        return tuple(reasons)
    return (
        *reasons[:MAX_REASONS],
        # The sheet goes to the municipality, which has no review workbook: the file's own check lists them all.
        Reason(f"и ещё {len(reasons) - MAX_REASONS}: полный перечень даёт проверка файла («neuspeh validate»)"),
    )


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------- the sheet


class _Sheet:
    """The items of one roadmap: status from the check's findings, reasons from the facts."""

    def __init__(self, file: FileFacts):
        self.file = file
        self.road: RoadmapFacts = file.roadmap  # type: ignore[assignment]
        self.shnor = [s for s in self.road.schools if s.shnor]
        self.found: dict[str, list[ProblemFact]] = {}
        for problem in file.problems:
            if problem.severity in SEVERE:
                self.found.setdefault(problem.rule, []).append(problem)

    @cached_property
    def codes(self) -> dict[str, str]:
        return parameter_codes(self.road.findings)

    @cached_property
    def short(self) -> dict[str, str]:
        return {s.id: s.short for s in self.road.schools}

    @cached_property
    def by_ref(self) -> dict[str, list[EventFact]]:
        by_ref: dict[str, list[EventFact]] = {}
        for event in self.road.events:
            for ref in event.parameters:
                by_ref.setdefault(ref, []).append(event)
        return by_ref

    @cached_property
    def _event_lines(self) -> list[int]:
        return [e.line for e in self.road.events]

    def event_at(self, line: int) -> EventFact | None:
        """The event whose text holds this line of the file (a problem's position)."""
        index = bisect_right(self._event_lines, line) - 1
        events = self.road.events
        return events[index] if index >= 0 and events and line >= events[0].line else None

    def finding_at(self, line: int) -> FindingFact | None:
        before = [f for f in self.road.findings if f.line <= line]
        return before[-1] if before else None

    def problems(self, *rules: str) -> list[ProblemFact]:
        return [p for rule in rules for p in self.found.get(rule, ())]

    def status(self, key: str) -> Status:
        rules = next(s.rules for s in ITEMS if s.key == key)
        mine = [
            p for rule, found in self.found.items() if (rule in rules if rules else rule not in CLAIMED) for p in found
        ]
        if any(p.severity == "error" for p in mine):
            return FAILED
        return PARTLY if mine else PASSED

    def reason(self, text: str, line: int = 0) -> Reason:
        return Reason(text, self.file.path, self.file.name, line)

    def label(self, finding: FindingFact) -> str:
        code = self.codes.get(finding.ref, "")
        return f"{code} «{finding.title}»" if code else f"«{finding.title}»"

    def item(self, key: str, reasons: list[Reason], status: Status | None = None) -> Item:
        return Item(key, TITLES[key], WEIGHTS[key], status or self.status(key), _capped(reasons))

    def school_names(self, ids: Iterable[str]) -> str:
        return ", ".join(self.short.get(s, s) for s in ids)

    # 1
    def parameters(self) -> Item:
        road, reasons = self.road, []
        if self.problems("audit-empty") or not road.findings:
            reasons.append(
                self.reason("в разделе I нет ни одного выявленного параметра: профилактике не на что опереться", 1)
            )
        for p in self.problems("parameter-not-addressed"):
            finding = self.finding_at(p.line)
            what = self.label(finding) if finding is not None else "параметр"
            reasons.append(self.reason(f"{what}: нет ни одного мероприятия, направленного на этот параметр", p.line))
        general = [e for e in road.events if e.all_parameters]
        if self.problems("parameter-not-addressed") and general:
            reasons.append(
                self.reason(
                    f"мероприятия «для всех выявленных параметров» ({numbers(general)}) не заменяют мероприятий по "
                    "каждому параметру",
                    general[0].line,
                )
            )
        for p in self.problems("parameter-control-only"):
            finding = self.finding_at(p.line)
            if finding is not None:
                own = numbers(self.by_ref.get(finding.ref, []))
                reasons.append(
                    self.reason(
                        f"{self.label(finding)}: только мероприятия контроля ({own}), нет мероприятий реализации",
                        p.line,
                    )
                )
        for p in self.problems("event-no-parameters"):
            reasons.append(self.reason(f"{self._event(p)} не направлено ни на один параметр раздела I", p.line))
        for p in self.problems("code-dangling"):
            reasons.append(self.reason(f"{self._event(p)} направлено на параметр, которого нет в разделе I", p.line))
        status = self.status("parameters")
        if status == PASSED:
            text = f"все параметры раздела I ({len(road.findings)}) обеспечены мероприятиями"
            checks = [
                f
                for f in road.findings
                if f.check_measure and all("control" in e.groups for e in self.by_ref.get(f.ref, []))
            ]
            if checks:
                codes = ", ".join(self.codes.get(f.ref, "") or f"«{f.title}»" for f in checks)
                text += f"; по {codes} — проверками, которые «Конструктор» называет мерой по этим параметрам"
            reasons.append(self.reason(text))
        return self.item("parameters", reasons, status)

    def _event(self, problem: ProblemFact) -> str:
        event = self.event_at(problem.line)
        return f"мероприятие № {event.number}" if event is not None else "мероприятие"

    # 2
    def groups(self) -> Item:
        road, reasons = self.road, []
        if not road.events:
            return self.item("groups", [self.reason("раздел II пуст: нет мероприятий", 1)], FAILED)
        present = {g for e in road.events for g in e.groups}
        needed = ["municipal", "control"] + (["shnor"] if self.shnor else [])
        reasons += [self.reason(f"нет мероприятий группы «{GROUP_TITLES[g]}»") for g in needed if g not in present]
        for p in self.problems("municipal-responsible"):
            reasons.append(
                self.reason(
                    f"{self._event(p)} — муниципальное, но среди ответственных нет ни управления образованием, ни ТМС",
                    p.line,
                )
            )
        guessed = [e for e in road.events if not e.groups_stated]
        if guessed:
            reasons.append(
                self.reason(
                    f"у {len(guessed)} из {len(road.events)} мероприятий группа не указана и определена по тексту "
                    f"({numbers(guessed)})",
                    guessed[0].line,
                )
            )
        if not self.shnor:
            reasons.append(self.reason("ШНОР в этом году нет: группа «с участием ШНОР» не требуется"))
        status = self.status("groups")
        if not any(g not in present for g in needed):
            counts = {g: sum(1 for e in road.events if g in e.groups) for g in needed}
            reasons.insert(
                0,
                self.reason("группы мероприятий: " + "; ".join(f"{GROUP_TITLES[g]} — {n}" for g, n in counts.items())),
            )
        return self.item("groups", reasons, status)

    # 3
    def shnor_item(self) -> Item:
        road = self.road
        if not self.shnor:
            return self.item("shnor", [self.reason("ШНОР в этом году нет: риски записаны по каждой ОО")], NA)
        involved = {s for e in road.events for s in e.shnor}
        reasons = [
            self.reason(f"{s.short} (ШНОР) не участвует ни в одном мероприятии", s.line)
            for s in self.shnor
            if s.id not in involved
        ]
        shnor_ids = {s.id for s in self.shnor}
        for p in self.problems("parameter-shnor-not-reached"):
            finding = self.finding_at(p.line)
            if finding is None:
                continue
            taking_part = {s for e in self.by_ref.get(finding.ref, []) for s in e.shnor}
            lacking = [s for s in finding.schools if s in shnor_ids and s not in taking_part]
            reasons.append(
                self.reason(
                    f"{self.label(finding)}: не участвуют в мероприятиях по этому параметру — "
                    f"{self.school_names(lacking)}",
                    p.line,
                )
            )
        for p in self.problems("event-shnor-unknown"):
            reasons.append(
                self.reason(f"{self._event(p)}: участником названа школа, которой нет среди ШНОР карты", p.line)
            )
        for p in self.problems("shnor-not-audited"):
            reasons.append(
                self.reason(
                    "ШНОР не названа ни в одном параметре раздела I: не видно, по каким параметрам с ней работать",
                    p.line,
                )
            )
        for p in self.problems("school-not-shnor"):
            finding = self.finding_at(p.line)
            reasons.append(
                self.reason(
                    f"{self.label(finding) if finding else 'параметр'}: среди ШНОР указана школа, не отмеченная как "
                    "ШНОР",
                    p.line,
                )
            )
        status = self.status("shnor")
        if status == PASSED:
            reasons.append(self.reason(f"все ШНОР ({len(self.shnor)}) участвуют в мероприятиях по своим параметрам"))
        guessed = [e for e in road.events if e.shnor_guessed]
        if guessed:
            where = "мероприятии" if len(guessed) % 10 == 1 and len(guessed) % 100 != 11 else "мероприятиях"
            reasons.append(
                self.reason(
                    f"участие ШНОР в {len(guessed)} {where} прочитано из контингента и места ({numbers(guessed)})",
                    guessed[0].line,
                )
            )
        return self.item("shnor", reasons, status)

    # 4
    def monitoring(self) -> Item:
        road, reasons = self.road, []
        events = [road.events[i] for i in road.monitoring]
        for p in self.problems("monitoring-missing"):
            if events and road.monitoring_by_name:
                text = (
                    f"мероприятие № {events[0].number} похоже на обязательный мониторинг внутришкольных систем, но в "
                    "карте не отмечено как мониторинг"
                )
            elif events:
                text = "мониторинг ссылается на мероприятие, которого нет в разделе II"
            else:
                text = (
                    "нет мероприятия «Мониторинг подготовки и реализации внутришкольных систем профилактики учебной "
                    "неуспешности»"
                )
            reasons.append(self.reason(text, p.line))
        if road.monitoring_by_name and events and not events[0].dates_concrete:
            reasons.append(
                self.reason(
                    f"сроки мониторинга (№ {events[0].number}) не названы: «{events[0].dates or '—'}»", events[0].line
                )
            )
        for p in self.problems("monitoring-dates"):
            event = self.event_at(p.line)
            reasons.append(
                self.reason(
                    f"сроки мониторинга ({_number(event)}) не названы: «{event.dates if event else '—'}»", p.line
                )
            )
        for p in self.problems("monitoring-not-control"):
            event = self.event_at(p.line)
            reasons.append(
                self.reason(
                    f"мониторинг ({_number(event)}) проводится не в форме контроля: «{event.form if event else '—'}»",
                    p.line,
                )
            )
        if self.problems("quality-indicators-missing"):
            reasons.append(
                self.reason(
                    "не перечислены показатели качества внутришкольных систем профилактики", road.monitoring_line or 1
                )
            )
        indicators = {q.line: q for q in road.indicators}
        for p in self.problems("indicator-unmeasured", "indicator-values", "indicator-id-duplicate"):
            q = indicators.get(p.line) or next((q for q in reversed(road.indicators) if q.line <= p.line), None)
            reasons.append(self.reason(_indicator_reason(p.rule, q), p.line))
        status = self.status("monitoring")
        if status == PASSED and events:
            reasons.append(
                self.reason(
                    f"мониторинг ({numbers(events)}): {events[0].dates}; показателей качества — {len(road.indicators)}"
                )
            )
        return self.item("monitoring", reasons, status)

    # 5
    def all_schools(self) -> Item:
        road, reasons = self.road, []
        found = self.problems("all-schools")
        only_shnor = bool(road.schools) and all(s.shnor for s in road.schools)
        if only_shnor:
            reasons.append(
                self.reason(
                    "в карте перечислены только ШНОР: перечислите все школы муниципалитета", road.schools[0].line
                )
            )
        if len(found) > only_shnor:
            reasons.append(self.reason("все мероприятия — только для ШНОР: нет мероприятий для всех ОО муниципалитета"))
        status = self.status("all_schools")
        if not road.schools:
            reasons.append(self.reason("не перечислены школы муниципалитета", 1))
        elif status == PASSED:
            municipal = sum(1 for e in road.events if "municipal" in e.groups)
            reasons.append(
                self.reason(
                    f"школ — {len(road.schools)}, из них ШНОР — {len(self.shnor)}; мероприятий для всех ОО — "
                    f"{municipal}"
                )
            )
        return self.item("all_schools", reasons, status)

    # 6
    def stages(self) -> Item:
        road, reasons = self.road, []
        if not road.events:
            return self.item("stages", [self.reason("раздел II пуст: нет мероприятий", 1)], FAILED)
        counts = Counter(e.stage for e in road.events)
        reasons += [self.reason(f"нет мероприятий этапа «{STAGE_TITLES[s]}»") for s in (3, 4) if not counts[s]]
        if counts[3] and counts[4]:
            reasons.append(
                self.reason(f"мероприятий реализации — {counts[3]}, оценки эффективности (контроля) — {counts[4]}")
            )
        unknown = [e for e in road.events if e.stage == 0]
        if unknown:
            forms = sorted({e.form.lower() for e in unknown if e.form})
            shown = ", ".join(f"«{f}»" for f in forms[:6]) + ("…" if len(forms) > 6 else "")
            reasons.append(
                self.reason(
                    f"форма не из перечня методики у {len(unknown)} из {len(road.events)} мероприятий: {shown}",
                    unknown[0].line,
                )
            )
        return self.item("stages", reasons)

    # 8
    def completeness(self) -> Item:
        """Every finding of the check that no other item takes: one line per rule, with event numbers and lines."""
        reasons = []
        for rule, found in self.found.items():
            if rule in CLAIMED:
                continue
            # One finding points at its line (the sheet adds «строка N»); several name their lines in the text.
            events = [e for e in (self.event_at(p.line) for p in found) if e is not None]
            lines = "" if len(found) == 1 else _lines(found)
            where = (
                f"{numbers(dict.fromkeys(events))}{f' ({lines})' if lines else ''}"
                if len(events) == len(found)
                else lines
            )
            # Lower case as every other reason of the sheet («– нет мероприятий…»), not «– Не заполнены графы…».
            text = rule_title(rule) + (f": {where}" if where else "")
            reasons.append(self.reason(text, found[0].line if len(found) == 1 else 0))
        status = self.status("completeness")
        if status == PASSED:
            reasons.append(self.reason("графы заполнены, сроки распознаны и в пределах срока карты"))
        return self.item("completeness", reasons, status)

    def core_failure(self) -> bool:
        """What leaves a roadmap without prevention: a parameter with no event, no monitoring, no quality indicators."""
        road = self.road
        if any(rule in self.found for rule in CORE_RULES) or not road.findings or not road.events:
            return True
        return "monitoring-missing" in self.found and not road.monitoring


def _number(event: EventFact | None) -> str:
    return f"№ {event.number}" if event is not None else "—"


def _indicator_reason(rule: str, q) -> str:
    name = f"показатель «{_short(q.text, 60)}»" if q is not None else "показатель"
    if rule == "indicator-values":
        return f"{name}: исходное или целевое значение вне возможного для единицы измерения"
    if rule == "indicator-id-duplicate":
        return f"{name}: обозначение повторяет другой показатель"
    if q is None:
        return f"{name} ничего не измеряет"
    missing = [
        what for what, empty in (("единицы измерения", not q.unit), ("целевого значения", q.target is None)) if empty
    ]
    if q.structured and missing:
        return f"{name} без {' и '.join(missing)}"
    return f"{name} называет факт, а не измеряемую величину (например, «Доля ШНОР, в которых …», %)"


# ---------------------------------------------------------------- item 7: the school and regional levels


def levels_item(file: FileFacts, programmes: list[FileFacts]) -> Item:
    """Programmes of the ШНОР among the municipality's own files, and the regional events of its roadmap.

    Never a failure: the institute's letter asks for the roadmap alone, so a
    municipality that sent no programmes gets «не применяется», and one that
    sent some is never worse off than if it had sent none (the item weighs 0).
    """
    road: RoadmapFacts = file.roadmap  # type: ignore[assignment]
    shnor = [s for s in road.schools if s.shnor]
    regional = file.extra.get(REGIONAL_KEY)
    reasons: list[Reason] = [_own_path(regional, file) if regional is not None else regional_reason(file)]
    by_school: dict[str, FileFacts] = {}
    for programme in programmes:
        if programme.programme is not None:
            by_school.setdefault(programme.programme.school_id, programme)
    if not shnor or not by_school:
        why = (
            "ШНОР в этом году нет"
            if not shnor
            else "школьные программы муниципалитет не представлял (институт их не запрашивал)"
        )
        return Item("levels", TITLES["levels"], WEIGHTS["levels"], NA, (Reason(why), *reasons))
    missing = [s for s in shnor if s.id not in by_school]
    reasons += [
        Reason(f"у {s.short} (ШНОР) нет школьной программы среди представленных файлов", file.path, file.name, s.line)
        for s in missing
    ]
    audited: dict[str, set[str]] = {}
    for finding in road.findings:
        for school in finding.schools:
            audited.setdefault(school, set()).update({finding.ref, finding.parameter} - {""})
    for school in shnor:
        programme = by_school.get(school.id)
        if (
            programme is not None
            and audited.get(school.id)
            and not (set(programme.programme.parameters) & audited[school.id])
        ):
            reasons.append(
                Reason(
                    f"программа {school.short} не направлена ни на один параметр, выявленный в этой школе",
                    programme.path,
                    programme.name,
                    0,
                )
            )
    status = PARTLY if len(reasons) > 1 else PASSED
    present = len(shnor) - len(missing)
    reasons.insert(0, Reason(f"школьные программы — у {present} из {len(shnor)} ШНОР"))
    return Item("levels", TITLES["levels"], WEIGHTS["levels"], status, _capped(reasons))


def regional_reason(file: FileFacts) -> Reason:
    """The regional events of a roadmap, as item 7 names them (every event is read: the worker says it once)."""
    regional = [e for e in file.roadmap.events if e.regional]
    if not regional:
        return Reason("мероприятий краевого уровня (института, министерства) в карте нет")
    text = f"мероприятий краевого уровня — {len(regional)} ({numbers(regional)})"
    return Reason(text, file.path, file.name, regional[0].line)


def _own_path(reason: Reason, file: FileFacts) -> Reason:
    """A reason about the roadmap itself, made where its path was not known yet (a worker, the cache), placed."""
    return Reason(reason.text, file.path, file.name, reason.line) if reason.file == SELF else reason


def _in_document(reason: Reason, file: FileFacts) -> Reason:
    """A reason about a Word (Excel, PDF) file pointed at its place there («…: не участвуют (таблица 1, строка 2)»), not
    at a line of the data read from it, which every writer shows as «Речной.doc:27»."""
    if reason.file != file.path or not reason.line:
        return reason
    places = dict(file.places)
    place = places.get(reason.line) or next((places[n] for n in range(reason.line - 1, 0, -1) if n in places), "")
    return Reason(f"{reason.text} ({place})" if place else reason.text, reason.file, reason.name, 0)


# ---------------------------------------------------------------- the whole sheet

ITEMS_KEY = "checklist"
REGIONAL_KEY = "regional-events"  # item 7's reason about the regional events: reading every event is the worker's
SELF = "\0roadmap"  # stands for the roadmap's own path in reasons computed before it is known
CORE_KEY = "core-failure"


def expert_sheet(file: FileFacts | None, programmes: list[FileFacts]) -> Sheet:
    """The checklist of one municipality's roadmap (``file``; None when none was submitted)."""
    if file is None:
        return unchecked_sheet("дорожная карта не представлена")
    if file.roadmap is None:
        first = next((p for p in file.problems if p.severity == "error"), None)
        why = f"файл не прочитан: {first.message}" if first is not None else "файл не прочитан"
        return unchecked_sheet(why, file, first.line if first else 1)
    own, core = file.extra.get(ITEMS_KEY), file.extra.get(CORE_KEY)
    if own is None or core is None:
        own, core = roadmap_items(file), _Sheet(file).core_failure()
    own = tuple(i._replace(reasons=tuple(_own_path(r, file) for r in i.reasons)) for i in own)
    items = (*own[:6], levels_item(file, programmes), own[6])
    if file.places:
        items = tuple(i._replace(reasons=tuple(_in_document(r, file) for r in i.reasons)) for i in items)
    score = score_of(items)
    unfinished = any(p.rule in UNFINISHED_RULES for p in file.problems)
    return Sheet(items, score, verdict_of(score, items, core, unfinished))


def roadmap_items(file: FileFacts) -> tuple[Item, ...]:
    """The items that depend on the roadmap alone (all but «levels»), in the checklist's order.

    Computed by the worker that loads the file and kept with its facts in the
    cache, so a second review does not redo them for 2,500 unchanged files.
    """
    sheet = _Sheet(file._replace(path=file.path or SELF, name=file.name or SELF))
    return (
        sheet.parameters(),
        sheet.groups(),
        sheet.shnor_item(),
        sheet.monitoring(),
        sheet.all_schools(),
        sheet.stages(),
        sheet.completeness(),
    )


def worker_extras(file: FileFacts) -> dict:
    """What a worker adds to a roadmap's facts for the sheet: its own items and whether a core requirement fails."""
    placeholder = file._replace(path=file.path or SELF, name=file.name or SELF)
    return {
        ITEMS_KEY: roadmap_items(file),
        CORE_KEY: _Sheet(file).core_failure(),
        REGIONAL_KEY: regional_reason(placeholder),
    }
