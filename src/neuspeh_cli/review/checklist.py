"""The expert sheet: the method's checklist for one municipality's roadmap, item by item, and a score.

Items (DESIGN.md §1.1, seed 000), each «выполнено», «частично», «не выполнено»
or «не применяется», with the reasons and the file:line they point at:

1. parameters — every parameter of section I has an implementation event of its own
   (an event «для всех выявленных параметров» and control events do not count:
   the method wants prevention «в отношении каждого негативного фактора»);
   none at all → not met; only control events → partly.
2. groups — the three groups of events: municipal, with/for the ШНОР, control
   (in a year without ШНОР only municipal and control); one missing → partly.
3. shnor — every ШНОР takes part in some event (not met otherwise) and in an event
   of each parameter found in it (partly otherwise). Not applicable without ШНОР.
4. monitoring — the monitoring of the school systems is there, with months, and
   quality indicators; missing event or indicators → not met; dates not named, or
   indicators without unit and target value → partly.
5. all_schools — all schools of the municipality are listed and there are events
   for all of them (group municipal); only ШНОР listed → partly.
6. stages — events of the implementation stage and of the evaluation (control) stage,
   in forms the method knows; one stage missing or over a fifth of forms unknown → partly.
7. levels — the school level: a programme of prevention for every ШНОР among the
   files reviewed; some missing, or a programme aimed at none of its school's
   parameters → partly; all missing → not met. Not applicable without ШНОР or when
   the review has no programmes at all.
8. completeness — cells filled, no drafts, dates understood and inside the period:
   an error of these rules → not met, a warning → partly.

Score: weights 3, 2, 2, 2, 1, 1, 1, 1 (the first item is what the method stresses
most); «выполнено» counts 1, «частично» 0.5, «не выполнено» 0; the score is the
weighted share of the applicable items, 0–100. Verdict: at least 85 with no item
failed — «соответствует методике»; at least 50 — «требует доработки»; below —
«не соответствует методике». A roadmap that could not be read or modelled is
«не проверено», score 0.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import cached_property
from typing import NamedTuple

from .facts import EventFact, FileFacts, FindingFact, RoadmapFacts

PASSED, PARTLY, FAILED, NA, UNCHECKED = "passed", "partly", "failed", "na", "unchecked"
STATUS_TITLES = {PASSED: "выполнено", PARTLY: "частично", FAILED: "не выполнено", NA: "не применяется", UNCHECKED: "не проверено"}
POINTS = {PASSED: 1.0, PARTLY: 0.5, FAILED: 0.0}

ITEMS: list[tuple[str, str, int]] = [
    ("parameters", "Профилактика по каждому выявленному параметру", 3),
    ("groups", "Три группы мероприятий (муниципальные, с участием ШНОР, контроль)", 2),
    ("shnor", "Участие ШНОР в мероприятиях по их параметрам", 2),
    ("monitoring", "Мониторинг внутришкольных систем профилактики: сроки и показатели качества", 2),
    ("all_schools", "Охват всех школ муниципалитета", 1),
    ("stages", "Этапы управленческого цикла: реализация и оценка эффективности", 1),
    ("levels", "Школьный уровень: программы профилактики ШНОР", 1),
    ("completeness", "Полнота граф и сроки мероприятий", 1),
]
TITLES = {key: title for key, title, _ in ITEMS}
WEIGHTS = {key: weight for key, _, weight in ITEMS}

GROUP_TITLES = {"municipal": "муниципальные", "shnor": "с участием / для ШНОР", "control": "контроль внутришкольных систем"}
STAGE_TITLES = {1: "диагностика", 2: "планирование", 3: "реализация", 4: "оценка эффективности (контроль)", 0: "форма не из перечня"}
COMPLETENESS_RULES = frozenset(
    {
        "event-incomplete",
        "event-draft",
        "dates-unrecognised",
        "dates-outside-year",
        "dates-outside-period",
        "dates-order",
        "dates-before-approval",
        "approval-incomplete",
        "event-duplicate",
        "event-no-parameters",
        "code-dangling",
    }
)
MAX_REASONS = 12


class Reason(NamedTuple):
    text: str
    file: str = ""  # absolute path ("" — the reason is about the whole municipality)
    name: str = ""  # as shown
    line: int = 0


class Item(NamedTuple):
    key: str
    title: str
    weight: int
    status: str
    reasons: tuple[Reason, ...]

    @property
    def status_title(self) -> str:
        return STATUS_TITLES[self.status]


class Sheet(NamedTuple):
    items: tuple[Item, ...]
    score: int
    verdict: str


def score_of(items: Iterable[Item]) -> int:
    applicable = [i for i in items if i.status in POINTS]
    total = sum(i.weight for i in applicable)
    if not total:
        return 0
    return round(100 * sum(i.weight * POINTS[i.status] for i in applicable) / total)


def verdict_of(score: int, items: Iterable[Item]) -> str:
    if score >= 85 and not any(i.status == FAILED for i in items):
        return "соответствует методике"
    if score >= 50:
        return "требует доработки"
    return "не соответствует методике"


def unchecked_sheet(reason: str, file: FileFacts | None = None) -> Sheet:
    why = (Reason(reason, file.path, file.name, 1),) if file is not None else (Reason(reason),)
    return Sheet(tuple(Item(k, t, w, UNCHECKED, why) for k, t, w in ITEMS), 0, "не проверено")


# ---------------------------------------------------------------- codes «1.2.» as in the document


def parameter_codes(findings: Iterable[FindingFact]) -> dict[str, str]:
    """Finding ref → «1.2.»: factors numbered in order of first appearance, parameters within (as domain.structure.resolve)."""
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


def _numbers(events: Iterable[EventFact]) -> str:
    numbers = [e.number for e in events]
    shown = ", ".join(str(n) for n in numbers[:8])
    return f"№ {shown}{'…' if len(numbers) > 8 else ''}"


def _capped(reasons: list[Reason]) -> tuple[Reason, ...]:
    if len(reasons) <= MAX_REASONS:
        return tuple(reasons)
    return (*reasons[:MAX_REASONS], Reason(f"и ещё {len(reasons) - MAX_REASONS}: полный перечень — в листе «Замечания»"))


# ---------------------------------------------------------------- the sheet


class _Sheet:
    def __init__(self, file: FileFacts, programmes: list[FileFacts], programmes_collected: bool):
        self.file = file
        self.road: RoadmapFacts = file.roadmap  # type: ignore[assignment]
        self.programmes = programmes
        self.programmes_collected = programmes_collected
        self.shnor = [s for s in self.road.schools if s.shnor]

    # What the items computed by the worker need; the review itself asks only for «levels», for every municipality.
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

    def reason(self, text: str, line: int = 0) -> Reason:
        return Reason(text, self.file.path, self.file.name, line)

    def label(self, finding: FindingFact) -> str:
        code = self.codes.get(finding.ref, "")
        return f"{code} «{finding.title}»" if code else f"«{finding.title}» ({finding.ref})"

    def item(self, key: str, status: str, reasons: list[Reason]) -> Item:
        return Item(key, TITLES[key], WEIGHTS[key], status, _capped(reasons))

    # 1
    def parameters(self) -> Item:
        road = self.road
        if not road.findings:
            return self.item("parameters", FAILED, [self.reason("раздел I пуст: нет выявленных параметров, профилактике не на что опереться", 1)])
        missing, control_only = [], []
        for finding in road.findings:
            events = self.by_ref.get(finding.ref, [])
            own = [e for e in events if "control" not in e.groups and e.stage != 4]
            if not events:
                missing.append(finding)
            elif not own:
                control_only.append((finding, events))
        reasons = [self.reason(f"{self.label(f)}: нет ни одного мероприятия по этому параметру", f.line) for f in missing]
        reasons += [self.reason(f"{self.label(f)}: только мероприятия контроля ({_numbers(ev)}), нет мероприятий реализации", f.line) for f, ev in control_only]
        general = [e for e in road.events if e.all_parameters and "control" not in e.groups]
        if missing and general:
            reasons.append(self.reason(f"мероприятия «для всех выявленных параметров» ({_numbers(general)}) не заменяют мероприятий по каждому параметру", general[0].line))
        status = FAILED if missing else PARTLY if control_only else PASSED
        if status == PASSED:
            reasons.append(self.reason(f"все параметры раздела I ({len(road.findings)}) обеспечены мероприятиями реализации"))
        return self.item("parameters", status, reasons)

    # 2
    def groups(self) -> Item:
        road = self.road
        if not road.events:
            return self.item("groups", FAILED, [self.reason("раздел II пуст: нет мероприятий", 1)])
        present = {g for e in road.events for g in e.groups}
        needed = ["municipal", "control"] + (["shnor"] if road.has_shnor else [])
        missing = [g for g in needed if g not in present]
        reasons = [self.reason(f"нет мероприятий группы «{GROUP_TITLES[g]}»") for g in missing]
        guessed = [e for e in road.events if not e.groups_stated]
        if guessed:
            reasons.append(self.reason(f"у {len(guessed)} мероприятий группа не указана (groups) и определена по тексту ({_numbers(guessed)})", guessed[0].line))
        if not road.has_shnor:
            reasons.append(self.reason("ШНОР в этом году нет: группа «с участием ШНОР» не требуется"))
        status = PASSED if not missing else PARTLY if len(missing) == 1 else FAILED
        if status == PASSED:
            counts = {g: sum(1 for e in road.events if g in e.groups) for g in needed}
            reasons.insert(0, self.reason("группы мероприятий: " + "; ".join(f"{GROUP_TITLES[g]} — {n}" for g, n in counts.items())))
        return self.item("groups", status, reasons)

    # 3
    def shnor_item(self) -> Item:
        road = self.road
        if not self.shnor:
            return self.item("shnor", NA, [self.reason("ШНОР в этом году нет: риски записаны по каждой ОО")])
        everyone = [e for e in road.events if e.all_shnor]
        involved = {s for e in road.events for s in e.shnor}
        if not everyone and not involved:
            # Format-1 files name no participants at all: say so rather than fail every ШНОР.
            return self.item(
                "shnor",
                PARTLY,
                [self.reason("ни в одном мероприятии не указано, какие ШНОР участвуют (поле shnor: идентификаторы школ или «все»): участие ШНОР не проверить")],
            )
        absent = [s for s in self.shnor if s.id not in involved and not everyone]
        reasons = [self.reason(f"{s.short} (ШНОР) не участвует ни в одном мероприятии", s.line) for s in absent]
        uncovered = []
        shnor_ids = {s.id for s in self.shnor}
        for finding in road.findings:
            events = self.by_ref.get(finding.ref, [])
            taking_part = {s for e in events for s in e.shnor} | (shnor_ids if any(e.all_shnor for e in events) else set())
            lacking = [s for s in finding.schools if s in shnor_ids and s not in taking_part]
            if lacking:
                uncovered.append(self.reason(f"{self.label(finding)}: не участвуют в мероприятиях по параметру — {', '.join(self.short.get(s, s) for s in lacking)}", finding.line))
        reasons += uncovered
        status = FAILED if absent else PARTLY if uncovered else PASSED
        if status == PASSED:
            reasons.append(self.reason(f"все ШНОР ({len(self.shnor)}) участвуют в мероприятиях по своим параметрам"))
        return self.item("shnor", status, reasons)

    # 4
    def monitoring(self) -> Item:
        road = self.road
        reasons: list[Reason] = []
        events = [road.events[i] for i in road.monitoring]
        status = PASSED
        if not events:
            status = FAILED
            reasons.append(self.reason("нет мероприятия «Мониторинг подготовки и реализации внутришкольных систем профилактики учебной неуспешности»", road.monitoring_line or 1))
        else:
            if road.monitoring_by_name:
                reasons.append(self.reason(f"мониторинг найден по названию (№ {events[0].number}): укажите его id в monitoring.events", events[0].line))
            vague = [e for e in events if not e.dates_concrete]
            if vague:
                status = PARTLY
                reasons += [self.reason(f"сроки мониторинга (№ {e.number}) не названы: «{e.dates or '—'}»", e.line) for e in vague]
        if not road.indicators:
            status = FAILED
            reasons.append(self.reason("не перечислены показатели качества внутришкольных систем профилактики (monitoring.indicators)", road.monitoring_line or 1))
        else:
            weak = [q for q in road.indicators if not (q.structured and q.unit and q.target is not None)]
            if weak:
                status = PARTLY if status == PASSED else status
                reasons += [self.reason(f"показатель «{q.text}» не измерим: укажите unit, baseline и target", q.line) for q in weak]
        if status == PASSED:
            reasons.append(self.reason(f"мониторинг (№ {', '.join(str(e.number) for e in events)}): {events[0].dates}; показателей качества — {len(road.indicators)}"))
        return self.item("monitoring", status, reasons)

    # 5
    def all_schools(self) -> Item:
        road = self.road
        if not road.schools:
            return self.item("all_schools", FAILED, [self.reason("не перечислены школы муниципалитета (schools)", 1)])
        municipal = [e for e in road.events if "municipal" in e.groups]
        reasons = []
        status = PASSED
        if not municipal:
            status = FAILED
            reasons.append(self.reason("нет мероприятий для всех ОО муниципалитета (группа municipal)"))
        if road.has_shnor and all(s.shnor for s in road.schools):
            status = PARTLY if status == PASSED else status
            reasons.append(self.reason("в schools только ШНОР: перечислите все школы муниципалитета", road.schools[0].line))
        if status == PASSED:
            reasons.append(self.reason(f"школ — {len(road.schools)}, из них ШНОР — {len(self.shnor)}; мероприятий для всех ОО — {len(municipal)}"))
        return self.item("all_schools", status, reasons)

    # 6
    def stages(self) -> Item:
        road = self.road
        if not road.events:
            return self.item("stages", FAILED, [self.reason("раздел II пуст: нет мероприятий", 1)])
        stages = {e.stage for e in road.events}
        missing = [s for s in (3, 4) if s not in stages]
        reasons = [self.reason(f"нет мероприятий этапа «{STAGE_TITLES[s]}»") for s in missing]
        unknown = [e for e in road.events if e.stage == 0]
        many_unknown = len(unknown) * 5 > len(road.events)
        if unknown:
            forms = sorted({e.form.lower() for e in unknown if e.form})
            reasons.append(self.reason(f"формы не из перечня методики ({len(unknown)} мероприятий): {', '.join(forms[:8])}{'…' if len(forms) > 8 else ''}", unknown[0].line))
        status = FAILED if len(missing) == 2 else PARTLY if missing or many_unknown else PASSED
        if not missing:
            counts = Counter(e.stage for e in road.events)
            reasons.insert(0, self.reason(f"мероприятий реализации — {counts[3]}, оценки эффективности (контроля) — {counts[4]}"))
        return self.item("stages", status, reasons)

    # 7
    def levels(self) -> Item:
        road = self.road
        if not self.shnor:
            return self.item("levels", NA, [self.reason("ШНОР в этом году нет")])
        if not self.programmes_collected:
            return self.item("levels", NA, [self.reason("школьные программы в проверяемых файлах не представлены ни одним муниципалитетом")])
        by_school: dict[str, FileFacts] = {}
        for programme in self.programmes:
            if programme.programme is not None:
                by_school.setdefault(programme.programme.school_id, programme)
        missing = [s for s in self.shnor if s.id not in by_school]
        reasons = [self.reason(f"у {s.short} (ШНОР) нет школьной программы профилактики", s.line) for s in missing]
        audited: dict[str, set[str]] = {}
        for finding in road.findings:
            for school in finding.schools:
                audited.setdefault(school, set()).update({finding.ref, finding.parameter} - {""})
        aimless = []
        for school in self.shnor:
            programme = by_school.get(school.id)
            if programme is not None and audited.get(school.id) and not (set(programme.programme.parameters) & audited[school.id]):
                aimless.append(Reason(f"программа {school.short} не направлена ни на один параметр, выявленный в этой школе", programme.path, programme.name, 0))
        reasons += aimless
        status = FAILED if len(missing) == len(self.shnor) else PARTLY if missing or aimless else PASSED
        if status == PASSED:
            reasons.append(self.reason(f"программы есть у всех ШНОР ({len(self.shnor)})"))
        return self.item("levels", status, reasons)

    # 8
    def completeness(self) -> Item:
        relevant = [p for p in self.file.problems if p.rule in COMPLETENESS_RULES]
        errors = [p for p in relevant if p.severity == "error"]
        warnings = [p for p in relevant if p.severity == "warning"]
        status = FAILED if errors else PARTLY if warnings else PASSED
        # One line per rule: «Дата проведения не распознана — 9 (строки 122, 141…)»; each message is in «Замечания».
        by_rule: dict[str, list] = {}
        for problem in errors + warnings:
            by_rule.setdefault(problem.rule, []).append(problem)
        reasons = []
        for rule, found in by_rule.items():
            lines = ", ".join(str(p.line) for p in found[:10]) + ("…" if len(found) > 10 else "")
            if len(found) == 1:
                reasons.append(self.reason(found[0].message, found[0].line))
            else:
                summary = _rule_summary(rule)
                reasons.append(self.reason(f"{summary[:1].upper()}{summary[1:]} — {len(found)} (строки {lines})"))
        if status == PASSED:
            reasons.append(self.reason("графы заполнены, сроки распознаны и в пределах срока карты"))
        return self.item("completeness", status, reasons)


# How a group of findings of one rule is named in a sheet («даты не распознаны — 9 (строки …)»).
# Short on purpose: each message in full is in the «Замечания» sheet. Written here, not taken
# from the rules' registry, so that a review from the cache never imports the rules and models.
RULE_GROUPS = {
    "event-incomplete": "не заполнены графы мероприятий",
    "event-draft": "черновики мероприятий",
    "dates-unrecognised": "даты не распознаны",
    "dates-outside-year": "даты вне срока дорожной карты",
    "dates-outside-period": "даты вне срока дорожной карты",
    "dates-order": "даты записаны не по порядку",
    "dates-before-approval": "даты раньше утверждения карты",
    "approval-incomplete": "гриф утверждения не заполнен",
    "event-duplicate": "мероприятия повторяются",
    "event-no-parameters": "мероприятия без параметров",
    "code-dangling": "ссылки на параметры, которых нет в разделе I",
}


def _rule_summary(rule: str) -> str:
    return RULE_GROUPS.get(rule, rule)


def expert_sheet(file: FileFacts | None, programmes: list[FileFacts], programmes_collected: bool) -> Sheet:
    """The checklist of one municipality's roadmap (``file``; None when none was submitted)."""
    if file is None:
        return unchecked_sheet("дорожная карта не представлена")
    if file.roadmap is None:
        first = next((p for p in file.problems if p.severity == "error"), None)
        why = f"файл не прочитан: {first.message}" if first is not None else "файл не прочитан"
        return Sheet(tuple(Item(k, t, w, UNCHECKED, (Reason(why, file.path, file.name, first.line if first else 1),)) for k, t, w in ITEMS), 0, "не проверено")
    own = file.extra.get(ITEMS_KEY) or roadmap_items(file)
    # Reasons about the roadmap itself were made where its path was not known yet (a worker, the cache).
    path, name = file.path, file.name
    own = tuple(i._replace(reasons=tuple(Reason(r.text, path, name, r.line) if r.file == SELF else r for r in i.reasons)) for i in own)
    items = (*own[:6], _Sheet(file, programmes, programmes_collected).levels(), own[6])
    score = score_of(items)
    return Sheet(items, score, verdict_of(score, items))


ITEMS_KEY = "checklist"
SELF = "\0roadmap"  # stands for the roadmap's own path in reasons computed before it is known


def roadmap_items(file: FileFacts) -> tuple[Item, ...]:
    """The items that depend on the roadmap alone (all but «levels»), in the checklist's order.

    Computed by the worker that loads the file and kept with its facts in the
    cache, so a second review does not redo them for 2,500 unchanged files.
    """
    sheet = _Sheet(file._replace(path=file.path or SELF, name=file.name or SELF), [], False)
    return (sheet.parameters(), sheet.groups(), sheet.shnor_item(), sheet.monitoring(), sheet.all_schools(), sheet.stages(), sheet.completeness())
