"""``roadmap draft``: events proposed from the catalog's municipal measures, written into the user's file.

Two halves: ``plan_draft`` decides what to add from the validated model (pure,
testable), ``apply_plan`` edits the YAML text with ruamel.yaml's round-trip
mode so that the user's comments, order and quoting survive. The edit is
checked before anything is written: the comments of the old text must all be
in the new one and the new text must load to the old data plus the additions;
otherwise the file is left alone.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .domain.catalog import Catalog
from .domain.roadmap import Roadmap
from .emit import texts
from .errors import DraftError
from .yaml_edit import EditError, comment_token, flow, open_for_edit, take_tail

MONITORING_ID = "monitoring-school-systems"
MONITORING_FORM = "мониторинг"
ALL_PARAMETERS = "все выявленные параметры"
EMPTY_FIELDS = ("contingent", "place", "dates", "responsible")
DEFAULT_FORM = "консультирование"

# When the vocabulary finds no form of the implementation or control stage in a
# measure's text, these say what the measure usually becomes in the sample roadmaps.
_FALLBACK_FORMS = (
    # Sports and culture for pupils and parents are held as a festival, not taught at a seminar.
    (re.compile(r"спортивн|спартакиад|соревновани|культурн|праздник|концерт"), "фестиваль"),
    (re.compile(r"контрол|наличие системы|оценк|провер"), "мониторинг"),
    (re.compile(r"координац|взаимодейств|объединени"), "совещание"),
    (re.compile(r"обучени|квалификац|мероприяти"), "тематический семинар"),
)


@dataclass
class ProposedEvent:
    name: str
    form: str
    parameters: list[str] | str
    heading: str = ""  # comment above the first event of its group
    id: str = ""
    groups: list[str] = field(default_factory=list)
    shnor: list[str] = field(default_factory=list)  # ШНОР of the findings the event addresses
    measure: str = ""  # the catalog's measure in full, when the name is its short form (a comment above the event)


@dataclass
class DraftPlan:
    new_events: list[ProposedEvent] = field(default_factory=list)
    extended: dict[int, list[str]] = field(default_factory=dict)  # index of an existing draft → refs to add
    extended_shnor: dict[int, list[str]] = field(
        default_factory=dict
    )  # index of an existing draft → ШНОР of those refs to add
    monitoring_id: str = ""  # value for monitoring.event, when it is empty
    without_measures: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.new_events or self.extended or self.monitoring_id)


@dataclass
class DraftResult:
    path: Path
    plan: DraftPlan
    written: bool
    events_before: int = 0
    reformatted: bool = False


def measure_name(text: str) -> str:
    """A measure of the catalog as an event name: one line, without the closing full stop."""
    name = " ".join(text.split())
    return name[:-1] if name.endswith(".") and not name.endswith("..") else name


_BRACKETS = re.compile(r"\s*\(")
_CLAUSE = re.compile(r",\s+(?:в том числе|направленн\w*|проводим\w*|для котор\w*)\s|,?\s+с привлечением\s")
NAME_LIMIT = 110
SHORTEST = 30  # a head shorter than this («Обучение») says too little: the clause stays


def event_name(text: str) -> str:
    """A measure of the catalog as a short event name: without the details in brackets and, when enough is
    left, the clause after the head («…, в том числе…», «… с привлечением…»); at most ``NAME_LIMIT`` characters."""
    name = measure_name(text)
    head = _BRACKETS.split(name, maxsplit=1)[0].rstrip(" ,;:") or name
    shorter = _CLAUSE.split(head, maxsplit=1)[0].rstrip(" ,;:")
    if len(shorter) >= SHORTEST:
        head = shorter
    if len(head) > NAME_LIMIT:
        head = head[:NAME_LIMIT].rsplit(" ", 1)[0]
        if head.count("«") > head.count("»"):
            head = head[: head.rindex("«")]  # never half a title in quotes
        head = head.rstrip(" ,;:") + "…"
    return head


def guess_form(text: str) -> str:
    """The event form a measure suggests: a form of the implementation or control stage named in its text."""
    from .domain.reference import classify_form, normalise

    lowered = normalise(text)
    found = []
    for entry in classify_form(text):
        # Stages 1–2 match words such as «вопрос» (опрос) or «планирование» inside
        # longer texts; a measure to carry out is stage 3 or 4.
        if entry.stage in (3, 4):
            match = entry.pattern.search(lowered)
            found.append((not entry.method, match.start() if match else 0, entry.term))
    if found:
        return min(found)[2]
    for pattern, form in _FALLBACK_FORMS:
        if pattern.search(lowered):
            return form
    return DEFAULT_FORM


def unaddressed_refs(roadmap: Roadmap) -> list[str]:
    """Findings no event addresses by name, as the rule ``parameter-not-addressed`` reads them."""
    from .domain.structure import unaddressed

    return list(dict.fromkeys(f.ref for f in unaddressed(roadmap)))


def _measures(roadmap: Roadmap, catalog: Catalog, ref: str) -> tuple[str, list[str]]:
    """The factor id and municipal measures for a finding's ref (an own parameter gets its factor's)."""
    finding = next(f for f in roadmap.audit if f.ref == ref)
    if finding.parameter in catalog.parameters:
        factor = catalog.factor_of[finding.parameter]
        groups = catalog.measures_for(finding.parameter)
    elif not finding.parameter and finding.factor in catalog.factors_by_id:
        factor = catalog.factors_by_id[finding.factor]
        groups = list(factor.measures)
    else:
        return "", []
    measures: list[str] = []
    for group in groups:
        for text in group.municipal:
            if text not in measures:
                measures.append(text)
    return factor.id, measures


def plan_draft(roadmap: Roadmap, catalog: Catalog) -> DraftPlan:
    """What ``draft`` adds: one event per municipal measure of every unaddressed finding, and the monitoring.

    An event proposed for several findings (one block of measures) addresses
    all of them; an existing draft of the same name gets the new refs instead
    of a twin. New events are grouped by factor, in the order factors first
    appear in the audit (the order of the document's section I).
    """
    plan = DraftPlan()
    by_factor = _propose_measures(plan, roadmap, catalog)
    plan.extended = {i: refs for i, refs in plan.extended.items() if refs}
    for index, refs in plan.extended.items():
        event = roadmap.events[index]
        if not event.all_shnor:
            new = [s for ref in refs for s in _shnor_of(roadmap, ref) if s not in event.shnor_ids]
            if new:
                plan.extended_shnor[index] = list(dict.fromkeys(new))
    for group in by_factor.values():
        plan.new_events.extend(group.values())
    for event in plan.new_events:
        event.id = _free_id(roadmap, plan)
    monitoring_id = _monitoring_draft(plan, roadmap)
    if not roadmap.monitoring.event_ids and monitoring_id:
        plan.monitoring_id = monitoring_id
    return plan


def _propose_measures(plan: DraftPlan, roadmap: Roadmap, catalog: Catalog) -> dict[str, dict[str, ProposedEvent]]:
    """Factor id → event name → the event proposed for the unaddressed findings; existing drafts extended in
    ``plan``."""
    existing_drafts = {
        measure_name(e.name).lower(): i for i, e in enumerate(roadmap.events) if e.draft and not e.addresses_all
    }
    by_factor: dict[str, dict[str, ProposedEvent]] = {}
    for ref in unaddressed_refs(roadmap):
        factor_id, measures = _measures(roadmap, catalog, ref)
        if not measures:
            plan.without_measures.append(ref)
            continue
        for text in measures:
            full, name = measure_name(text), event_name(text)
            # A draft written by an earlier version carries the measure in full as its name.
            index = existing_drafts.get(name.lower(), existing_drafts.get(full.lower()))
            if index is not None:
                refs = plan.extended.setdefault(index, [])
                if ref not in roadmap.events[index].parameter_refs and ref not in refs:
                    refs.append(ref)
                continue
            known = next((group[name] for group in by_factor.values() if name in group), None)
            shnor = _shnor_of(roadmap, ref)
            if known is not None:  # the same measure for another finding: one event addresses both
                if ref not in known.parameters:
                    known.parameters.append(ref)
                known.shnor.extend(s for s in shnor if s not in known.shnor)
                known.groups = _groups(known.shnor)
                continue
            factor = catalog.factors_by_id[factor_id]
            by_factor.setdefault(factor_id, {})[name] = ProposedEvent(
                name,
                guess_form(full),
                [ref],
                texts.draft_heading(factor.title),
                measure=full if full != name else "",
                groups=_groups(shnor),
                shnor=list(shnor),
            )
    return by_factor


def _monitoring_draft(plan: DraftPlan, roadmap: Roadmap) -> str:
    """The monitoring event's id: the roadmap's own, or a new draft's added to ``plan`` under a free id."""
    from .domain.structure import MONITORING_TITLE, monitoring_event

    found = monitoring_event(roadmap)
    if found is not None:
        return found[1].id
    taken = {e.id for e in roadmap.events if e.id}
    event_id = next(iter(roadmap.monitoring.event_ids), MONITORING_ID)
    n = 1
    while event_id in taken:
        n += 1
        event_id = f"{MONITORING_ID}-{n}"
    plan.new_events.append(
        ProposedEvent(
            MONITORING_TITLE,
            MONITORING_FORM,
            ALL_PARAMETERS,
            texts.MONITORING_DRAFT_HEADING,
            event_id,
            groups=["control"],
        )
    )
    return event_id


def _shnor_of(roadmap: Roadmap, ref: str) -> list[str]:
    """The ШНОР where a finding shows: they are the ones its events must reach."""
    shnor = {s.id for s in roadmap.schools if s.shnor}
    return [s for f in roadmap.audit if f.ref == ref for s in f.schools if s in shnor]


def _groups(shnor: list[str]) -> list[str]:
    # A catalog measure of the municipal level is organised by the ТМС; with ШНОР taking part it is also «for ШНОР».
    return ["municipal", "shnor"] if shnor else ["municipal"]


def _free_id(roadmap: Roadmap, plan: DraftPlan) -> str:
    """The next «eNN» not used by an event of the file or of the plan."""
    taken = {e.id for e in roadmap.events} | {e.id for e in plan.new_events}
    number = len(roadmap.events) + 1
    while f"e{number:02d}" in taken:
        number += 1
    return f"e{number:02d}"


# ---------------------------------------------------------------- editing the text


def _event_map(event: ProposedEvent) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    item = CommentedMap()
    if event.id:
        item["id"] = event.id
    item["name"] = event.name
    item["form"] = event.form
    if isinstance(event.parameters, str):
        item["parameters"] = event.parameters
    else:
        refs = CommentedSeq(event.parameters)
        refs.fa.set_flow_style()
        item["parameters"] = refs
    item["groups"] = flow(event.groups)
    if event.shnor:
        item["shnor"] = flow(event.shnor)
    for key in EMPTY_FIELDS:
        item[key] = DoubleQuotedScalarString("")
    item["draft"] = True
    return item


def apply_plan(text: str, plan: DraftPlan, doc: Any) -> tuple[str, bool]:
    """``text`` with the plan applied, and whether ruamel changed the layout of untouched lines.

    Raises ``DraftError`` when the result would lose a comment or change data
    it should not; the caller then leaves the file as it was.
    """
    from ruamel.yaml.comments import CommentedMap

    try:
        edit = open_for_edit(text, doc)
    except EditError as exc:
        raise DraftError(str(exc)) from None
    data = edit.data
    if not isinstance(data, CommentedMap):
        raise DraftError("в начале файла должен быть словарь (kind:, document:, …)")
    events, holder = _events_of(data)
    _extend_events(events, plan)
    if plan.new_events:
        _append_drafts(data, events, holder, plan.new_events, _sequence_column(doc.values))
    if plan.monitoring_id:
        _name_monitoring(data, plan.monitoring_id)
    try:
        return edit.result()
    except EditError as exc:
        raise DraftError(str(exc)) from None


def _events_of(data: Any) -> tuple[Any, str | None]:
    """The file's list of events (made, before ``monitoring``, when missing) and the key before it: that key's
    trailing comments may hold the next section's heading."""
    from ruamel.yaml.comments import CommentedSeq

    events = data.get("events")
    holder = "events"
    if not isinstance(events, CommentedSeq):
        events = CommentedSeq()
        if "events" in data:
            data["events"] = events
        else:
            keys = list(data.keys())
            position = keys.index("monitoring") if "monitoring" in keys else len(keys)
            holder = keys[position - 1] if position else None
            data.insert(position, "events", events)
    return events, holder


def _extend_events(events: Any, plan: DraftPlan) -> None:
    """New refs and ШНОР for existing drafts, appended to their lists."""
    from ruamel.yaml.comments import CommentedSeq

    for index, refs in plan.extended.items():
        parameters = events[index]["parameters"]
        for ref in refs:
            parameters.append(ref)
    for index, schools in plan.extended_shnor.items():
        event = events[index]
        if isinstance(event.get("shnor"), CommentedSeq):
            event["shnor"].extend(schools)
        else:
            position = list(event.keys()).index("parameters") + 1 if "parameters" in event else len(event)
            event.insert(position, "shnor", flow(schools))


def _append_drafts(data: Any, events: Any, holder: str | None, new_events: list[ProposedEvent], indent: int) -> None:
    """The new drafts under their factor's heading comment; the next section's heading moved after them."""
    had_events = len(events) > 0
    tail = take_tail(data, holder) if holder else ""
    events.fa.set_block_style()
    heading = None
    for event in new_events:
        events.append(_event_map(event))
        before = []
        if event.heading != heading:
            heading = event.heading
            # A blank line sets each group apart, as in the examples.
            before.append(("\n" if len(events) > 1 or had_events else "") + heading)
        if event.measure:
            before.append(_measure_comment(event.measure))
        if before:
            events.yaml_set_comment_before_after_key(len(events) - 1, before="\n".join(before), indent=indent)
    if tail:
        # A blank line before the next section's heading, as before each group of drafts
        # (a literal block «|» may have swallowed the original one).
        tail = tail if tail.startswith("\n") else "\n" + tail
        events[-1].ca.items["draft"] = [None, None, comment_token("\n" + tail), None]


def _name_monitoring(data: Any, monitoring_id: str) -> None:
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.scalarstring import PlainScalarString

    monitoring = data.get("monitoring")
    if not isinstance(monitoring, CommentedMap):
        monitoring = CommentedMap()
        data["monitoring"] = monitoring
    # Plain, even where the scaffold had «""»: an id is never quoted in the examples.
    value = PlainScalarString(monitoring_id)
    if "event" in monitoring and "events" not in monitoring:
        # A file of the first format keeps its key (and the comments attached to it).
        monitoring["event"] = value
    elif "events" in monitoring:
        monitoring["events"] = flow([value])
    else:
        monitoring.insert(0, "events", flow([value]))


def _measure_comment(text: str) -> str:
    import textwrap

    return "\n".join(
        textwrap.wrap(texts.draft_measure(text), width=100, break_long_words=False, break_on_hyphens=False)
    )


def _sequence_column(values: dict) -> int:
    """The column of «- » in the user's top-level lists (2 in the scaffold).

    An item starts two columns after its dash, whether it is a block mapping,
    a flow mapping «{…}» or a scalar.
    """
    columns = Counter(
        pos.column - 3
        for path, pos in values.items()
        if len(path) == 2 and path[0] in ("audit", "events", "schools") and isinstance(path[1], int)
    )
    return max(0, columns.most_common(1)[0][0]) if columns else 2


# ---------------------------------------------------------------- the command


def draft_file(path: Path, dry_run: bool = False) -> DraftResult:
    """Add the proposed events to ``path`` (atomically) unless ``dry_run``.

    Raises ``ReadError`` for an unreadable file and ``DraftError`` when the file
    does not match the data schema or the edit cannot keep its comments.
    """
    from .document import read_document
    from .errors import ReadError
    from .outputs import write_atomic

    path = Path(path)
    document = read_document(path)
    unreadable = [p for p in document.problems if p.rule in ("read-error", "internal-error")]
    if unreadable:
        first = unreadable[0]
        raise ReadError(first.path, first.line, first.column, first.message)
    if document.kind != "roadmap":
        raise DraftError(
            f"{path}:1:1: это не файл муниципальной дорожной карты (kind: roadmap): черновик мероприятий строится "
            "только для него"
        )
    roadmap, doc, problems = document.model, document.source, document.problems
    if problems or roadmap is None:
        first = problems[0]
        more = f" (и ещё {len(problems) - 1}; все — `neuspeh validate {path}`)" if len(problems) > 1 else ""
        raise DraftError(
            f"{first.where}: {first.message}{more}: исправьте файл, затем повторите `neuspeh roadmap draft`"
        )
    plan = plan_draft(roadmap, document.catalog)
    result = DraftResult(path, plan, written=False, events_before=len(roadmap.events))
    if plan.empty:
        return result
    text = doc.text
    try:
        new_text, result.reformatted = apply_plan(text, plan, doc)
    except DraftError as exc:
        raise DraftError(f"{path}: {exc}") from None
    _check_result(path, new_text, roadmap, plan)
    if not dry_run:
        bom = b"\xef\xbb\xbf" if doc.bom else b""
        write_atomic(path, bom + new_text.encode("utf-8"))
        result.written = True
    return result


def _check_result(path: Path, new_text: str, old: Roadmap, plan: DraftPlan) -> None:
    """The edited text must read as the old data plus exactly the planned additions."""
    from .document import model_with_repairs
    from .domain.roadmap import Roadmap as model
    from .reading.yamlread import read_yaml_text

    new, problems = model_with_repairs(model, read_yaml_text(new_text, str(path)))
    if new is None or problems:
        raise DraftError(
            f"{path}: после правки файл не прошёл бы проверку схемы ({problems[0].message}): файл не изменён; "
            "сообщите об ошибке"
        )
    expected = old.model_dump()
    for index, refs in plan.extended.items():
        expected["events"][index]["parameters"] = list(expected["events"][index]["parameters"]) + refs
    for index, schools in plan.extended_shnor.items():
        expected["events"][index]["shnor"] = list(expected["events"][index]["shnor"]) + schools
    for event in plan.new_events:
        expected["events"].append(
            {
                "id": event.id,
                "name": event.name,
                "form": event.form,
                "parameters": event.parameters if isinstance(event.parameters, str) else list(event.parameters),
                "contingent": "",
                "place": "",
                "dates": "",
                "responsible": "",
                "groups": event.groups,
                "group": None,
                "shnor": event.shnor,
                "draft": True,
            }
        )
    if plan.monitoring_id:
        key = (
            "event"
            if "event" in old.monitoring.model_fields_set and "events" not in old.monitoring.model_fields_set
            else "events"
        )
        expected["monitoring"][key] = plan.monitoring_id if key == "event" else [plan.monitoring_id]
    if new.model_dump() != expected:
        raise DraftError(
            f"{path}: правка изменила бы данные сверх добавленных мероприятий: файл не изменён; сообщите об ошибке"
        )


def summary_lines(result: DraftResult) -> list[str]:
    """What ``draft`` did (or, with ``--dry-run``, would do), in Russian, for the terminal."""
    plan, path = result.plan, result.path
    if plan.empty:
        lines = [f"{path}: добавлять нечего — на каждый выявленный параметр направлено мероприятие, мониторинг есть."]
    else:
        verb = "добавлено" if result.written else "будет добавлено"
        lines = [f"{path}: {verb} мероприятий — {len(plan.new_events)} (черновики, draft: true)."]
        for number, event in enumerate(plan.new_events, result.events_before + 1):
            target = event.parameters if isinstance(event.parameters, str) else ", ".join(event.parameters)
            lines.append(f"  + № {number} «{event.name}» ({event.form}) → {target}")
        for index, refs in plan.extended.items():
            lines.append(f"  ~ № {index + 1}: к черновику добавлены параметры {', '.join(refs)}")
        if plan.monitoring_id:
            lines.append(f"  ~ monitoring.events: [{plan.monitoring_id}]")
    for ref in plan.without_measures:
        lines.append(
            f"Для параметра «{ref}» в «Конструкторе» нет мер муниципального уровня: добавьте мероприятие вручную."
        )
    if result.reformatted and result.written:
        lines.append(
            "Обратите внимание: при записи изменилось оформление некоторых строк (отступы или кавычки); данные и "
            "комментарии сохранены."
        )
    if not plan.empty:
        if result.written:
            lines.append(
                "Уточните у черновиков название и форму, заполните контингент, место, даты и ответственных и удалите "
                f"«draft: true». Проверка: neuspeh validate {path}"
            )
        else:
            lines.append("--dry-run: файл не изменён.")
    return lines
