"""``report init``: the implementation report's data file, scaffolded from the roadmap.

Every event of the roadmap, every quality indicator of every school in each
monitoring round of the period, and every cell of section I (parameter ×
school) is present and commented. Run again after the roadmap changed, it
adds what is new and touches nothing the user wrote: the file is edited with
ruamel.yaml's round-trip mode, new items are appended, and before writing the
result must keep every comment and every value of the old text.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ReportInitError, UsageError
from .kinds import KINDS
from .yaml_edit import EditError, child, dump, open_for_edit

STATUS_HINT = "проведено | проводится | перенесено (+ new_date, reason) | отменено (+ reason) | не начато"
OUTCOME_HINT = "устранён | снижен | сохраняется | усилился"
SCHEMA_FILE = KINDS["report"].schema  # the registry names each kind's schema file
EOL_COLUMN = 28  # end-of-line hints start in one column


@dataclass
class InitResult:
    path: Path
    created: bool
    added: list[str] = field(default_factory=list)  # what was added, for the terminal
    skipped: list[str] = field(default_factory=list)  # what could not be scaffolded, and why
    notes: list[str] = field(default_factory=list)  # what the methodologist should know (ids given to indicators)
    schema_written: list[Path] = field(default_factory=list)
    schema_kept: list[Path] = field(default_factory=list)


# ---------------------------------------------------------------- period


_HALF = re.compile(r"^\s*(I{1,2}|1|2)\s*(?:-?е\s*)?полугодие\s+((?:19|20)\d\d)\s*(?:г\.|года?)?\s*$", re.I)
_YEAR = re.compile(r"^\s*((?:19|20)\d\d)\s*(?:г\.|год)?\s*$", re.I)


def parse_period(text: str, span):
    """A report period from «2025», «I полугодие 2025», «II полугодие 2025», «сентябрь 2025 – май 2026» or any date
    phrase naming months without a gap («2025/2026 учебный год», «I полугодие 2025/2026 учебного года»); raises
    ``UsageError``.
    """
    from .domain.dates import MONTH_NAMES
    from .domain.periods import Period

    half = _HALF.match(text)
    if half:
        year = int(half.group(2))
        first = half.group(1).upper() in ("I", "1")
        return Period(start=f"{'январь' if first else 'июль'} {year}", end=f"{'июнь' if first else 'декабрь'} {year}")
    year = _YEAR.match(text)
    if year:
        return Period.calendar_year(int(year.group(1)))
    parts = re.split(r"\s[–—-]\s|\s*[–—]\s*", text.strip(), maxsplit=1)
    if len(parts) == 2:
        try:
            return Period(start=parts[0].strip(), end=parts[1].strip())
        except ValueError:
            pass
    months = _months_of(text, span)
    if months:
        # «2025/2026 учебный год», «I полугодие 2025/2026 учебного года», «сентябрь – декабрь 2025»: as dates read them.
        (y1, m1), (y2, m2) = months[0], months[-1]
        return Period(start=f"{MONTH_NAMES[m1 - 1]} {y1}", end=f"{MONTH_NAMES[m2 - 1]} {y2}")
    example = f"{MONTH_NAMES[span.first[1] - 1]} {span.first[0]} – {MONTH_NAMES[span.last[1] - 1]} {span.last[0]}"
    raise UsageError(
        f"--period «{text}»: напишите год («{span.first[0]}»), полугодие («I полугодие {span.first[0]}») или месяцы "
        f"начала и конца («{example}»)"
    )


def _months_of(text: str, span) -> list[tuple[int, int]]:
    """The months a date phrase names in the roadmap's term, when they run without a gap (a period); else []."""
    from itertools import pairwise

    from .domain.dates import parse_dates

    phrase = parse_dates(text)
    # A year, half-year, quarter or written range; not a season («весной») nor a periodicity.
    periods = {"school-year", "half", "quarter", "term", "range", "year", "years"}
    if not phrase.items or phrase.schedule or phrase.recurring or any(i.kind not in periods for i in phrase.items):
        return []
    months = phrase.months((span.first, span.last))
    for (y1, m1), (y2, m2) in pairwise(months):
        if (y2, m2) != ((y1 + 1, 1) if m1 == 12 else (y1, m1 + 1)):
            return []
    return months


def default_output(roadmap_path: Path, period, span) -> Path:
    stem = roadmap_path.stem
    if (period.first, period.last) == (span.first, span.last):
        suffix = "report"
    elif period.first[1] == 1 and period.last[1] == 6:
        suffix = f"report-{period.first[0]}-h1"
    elif period.first[1] == 7 and period.last[1] == 12:
        suffix = f"report-{period.first[0]}-h2"
    else:
        suffix = f"report-{period.last[0]}-{period.last[1]:02d}"
    return roadmap_path.with_name(f"{stem}-{suffix}.yaml")


# ---------------------------------------------------------------- what the report must hold


def _event_comment(number: int, event) -> str:
    name = " ".join(event.name.split()) or "(без названия)"
    parts = [f"№ {number}. {name}"]
    if event.form:
        parts.append(event.form)
    if event.dates:
        parts.append(f"срок: {event.dates}")
    return " — ".join(parts)


def _planned_shnor(event, roadmap) -> list[str]:
    from .domain.report import shnor_ids

    shnor = shnor_ids(roadmap)
    if event.all_shnor:
        return shnor
    return [s for s in event.shnor_ids if s in shnor]


def _empty() -> Any:
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    return DoubleQuotedScalarString("")


def _event_item(event, roadmap) -> Any:
    from ruamel.yaml.comments import CommentedMap

    item = CommentedMap()
    item["event"] = event.id
    item["status"] = None
    item.yaml_add_eol_comment(STATUS_HINT, "status", column=EOL_COLUMN)
    item["held"] = _empty()
    item.yaml_add_eol_comment("фактические даты: «12.03.2025»", "held", column=EOL_COLUMN)
    participants = CommentedMap()
    for key, hint in (
        ("heads", "руководители и заместители"),
        ("teachers", "педагоги"),
        ("students", "обучающиеся"),
        ("parents", "родители"),
        ("specialists", "специалисты УО, ТМС, ППМС…"),
        ("shnor", "из них — из ШНОР, всего"),
    ):
        participants[key] = None
        participants.yaml_add_eol_comment(hint, key, column=EOL_COLUMN)
    schools = CommentedMap()
    for school in _planned_shnor(event, roadmap):
        schools[school] = None
    if schools:
        participants["shnor_schools"] = schools
        participants.yaml_add_eol_comment(
            "сколько человек от каждой ШНОР (сумма = shnor)", "shnor_schools", column=EOL_COLUMN
        )
    item["participants"] = participants
    feedback = CommentedMap()
    feedback["respondents"] = None
    feedback.yaml_add_eol_comment("сколько ответили на анкету", "respondents", column=EOL_COLUMN)
    feedback["positive"] = None
    feedback.yaml_add_eol_comment("из них оценили положительно", "positive", column=EOL_COLUMN)
    feedback["remarks"] = _empty()
    item["feedback"] = feedback
    dynamics = CommentedMap()
    dynamics["assessed"] = None
    dynamics.yaml_add_eol_comment("у скольких участников оценена динамика", "assessed", column=EOL_COLUMN)
    dynamics["positive"] = None
    dynamics.yaml_add_eol_comment("из них с положительной динамикой", "positive", column=EOL_COLUMN)
    item["dynamics"] = dynamics
    evidence = CommentedMap()
    evidence["order"] = _empty()
    evidence["minutes"] = _empty()
    evidence["link"] = _empty()
    item["evidence"] = evidence
    return item


def monitoring_rounds(roadmap, period) -> list[tuple[str, str]]:
    """(round, monitoring event id) for each month of the mandatory monitoring inside the report period.

    Without a monitoring month in the period, one round at the period's last month.
    """
    from .domain.dates import MONTH_NAMES
    from .domain.report import planned_months
    from .domain.structure import monitoring_event

    span = roadmap.document.span
    rounds: list[tuple[str, str]] = []
    ids = roadmap.monitoring.event_ids or (
        [found[1].id] if (found := monitoring_event(roadmap)) and found[1].id else []
    )
    for event in roadmap.events:
        if event.id and event.id in ids:
            for year, month in planned_months(event.dates, span):
                if period.first <= (year, month) <= period.last:
                    rounds.append((f"{MONTH_NAMES[month - 1]} {year}", event.id))
    if not rounds:
        year, month = period.last
        rounds.append((f"{MONTH_NAMES[month - 1]} {year}", ids[0] if ids else ""))
    return list(dict.fromkeys(rounds))


def _indicator_hint(indicator) -> str:
    bits = [indicator.unit] if indicator.unit else []
    if indicator.baseline is not None or indicator.target is not None:
        bits.append(f"{_num(indicator.baseline)} → {_num(indicator.target)}")
    return f"{indicator.id}: " + ", ".join(bits) if bits else indicator.id


def _num(value) -> str:
    if value is None:
        return "?"
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def _school_values(school, indicators) -> Any:
    from ruamel.yaml.comments import CommentedMap

    entry = CommentedMap()
    entry["school"] = school.id
    entry.yaml_add_eol_comment(school.name, "school")
    values = CommentedMap()
    for indicator in indicators:
        values[indicator.id] = None
    entry["values"] = values
    entry["conclusion"] = _empty()
    return entry


def _round_item(name: str, event_id: str, roadmap, indicators) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    item = CommentedMap()
    item["round"] = name
    if event_id:
        item["event"] = event_id
    schools = CommentedSeq()
    for school in roadmap.schools:
        schools.append(_school_values(school, indicators))
    item["schools"] = schools
    return item


def _cell(school_id: str) -> Any:
    from ruamel.yaml.comments import CommentedMap

    cell = CommentedMap()
    cell["school"] = school_id
    cell["result"] = None
    cell.yaml_add_eol_comment(OUTCOME_HINT, "result", column=EOL_COLUMN)
    cell["evidence"] = _empty()
    return cell


def _outcome_item(ref: str, schools: list[str]) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    item = CommentedMap()
    item["parameter"] = ref
    if schools:
        cells = CommentedSeq()
        for school in schools:
            cells.append(_cell(school))
        item["schools"] = cells
    else:
        item["result"] = None
        item.yaml_add_eol_comment(OUTCOME_HINT + " (итог для УО и ТМС)", "result", column=EOL_COLUMN)
        item["evidence"] = _empty()
    return item


def _codes(roadmap, catalog) -> dict[str, str]:
    from .domain.structure import resolve

    structure = resolve(roadmap, catalog)
    return {row.ref: f"{row.code} {row.title}" for block in structure.factors for row in block.rows}


# ---------------------------------------------------------------- a new file


def _header(roadmap, period, roadmap_ref: str, schema_ref: str) -> str:
    from .domain.report import period_title

    municipality = roadmap.document.municipality
    return f"""yaml-language-server: $schema={schema_ref}

Отчёт о реализации муниципальной дорожной карты по профилактике учебной неуспешности
в муниципальном образовании {municipality} {period_title(period)}: данные для neuspeh.

Как заполнять:
  1. events — по каждому мероприятию статус, фактические даты, участники по категориям
     (из них — из ШНОР, по школам), отзывы участников, подтверждение (приказ, протокол, ссылка).
     Пустое поле (status:, heads:) означает «ещё не заполнено».
  2. monitoring — значения показателей качества внутришкольных систем профилактики
     по каждой школе в каждом срезе мониторинга и вывод по школе.
  3. outcomes — выходной аудит: по каждому параметру раздела I и каждой школе итог
     (устранён, снижен, сохраняется, усилился) и на чём он основан.
  4. corrections — изменения дорожной карты: что добавлено, перенесено, отменено, когда и почему.
  5. risks — новые риски, выявленные в течение года в школах, где раздел I их не отмечал.
`neuspeh report init {roadmap_ref}` после изменения дорожной карты допишет новое, не трогая заполненного.
`neuspeh validate ФАЙЛ` — проверка, `neuspeh build ФАЙЛ` — отчёт в Word и PDF."""


def skeleton(roadmap, catalog, period, roadmap_ref: str, schema_ref: str = SCHEMA_FILE) -> tuple[Any, list[str]]:
    """The whole report as a commented ruamel map, and what could not be included."""
    from ruamel.yaml.comments import CommentedMap

    from .domain.periods import Period  # noqa: F401  (period is one)

    skipped: list[str] = []
    data = CommentedMap()
    data["kind"] = "report"
    data.yaml_set_start_comment(_header(roadmap, period, roadmap_ref, schema_ref))
    _add_heading(data, roadmap, period, roadmap_ref)
    _add_events(data, roadmap, skipped)
    _add_monitoring(data, roadmap, period)
    _add_outcomes(data, roadmap, catalog)
    _add_open_lists(data)
    return data, skipped


def _add_heading(data: Any, roadmap, period, roadmap_ref: str) -> None:
    """The roadmap's file, the period, the previous report and the document's date, author and signature."""
    from ruamel.yaml.comments import CommentedMap

    data["roadmap"] = roadmap_ref
    data.yaml_add_eol_comment("файл дорожной карты, относительно этого файла", "roadmap")
    span = CommentedMap()
    span["start"] = period.start
    span["end"] = period.end
    data["period"] = span
    data.yaml_set_comment_before_after_key(
        "period", before="\nОтчётный период: полугодие или год внутри срока дорожной карты."
    )
    data["previous"] = _empty()
    data.yaml_set_comment_before_after_key(
        "previous", before="Отчёт за предыдущий период (путь), если есть: по нему считается динамика охвата."
    )
    document = CommentedMap()
    document["date"] = _empty()
    document["author"] = _empty()
    signature = roadmap.document.signature
    if signature is not None:
        sign = CommentedMap()
        sign["position"] = signature.position
        sign["name"] = signature.name
        document["signature"] = sign
    data["document"] = document
    data.yaml_set_comment_before_after_key("document", before="\nДата отчёта, кто составил, подпись.")


def _add_events(data: Any, roadmap, skipped: list[str]) -> None:
    """An item an event of the roadmap; the report refers to events by id, so one without is skipped."""
    from ruamel.yaml.comments import CommentedSeq

    events = CommentedSeq()
    for number, event in enumerate(roadmap.events, 1):
        if not event.id:
            skipped.append(f"мероприятие № {number} без id")
            continue
        events.append(_event_item(event, roadmap))
        events.yaml_set_comment_before_after_key(
            len(events) - 1, before=("\n" if len(events) > 1 else "") + _event_comment(number, event), indent=2
        )
    data["events"] = events
    data.yaml_set_comment_before_after_key("events", before="\nВыполнение мероприятий дорожной карты.")


def _add_monitoring(data: Any, roadmap, period) -> None:
    """A round a monitoring event of the period, with every school's indicators; their legend in the comment."""
    from ruamel.yaml.comments import CommentedSeq

    indicators = roadmap.monitoring.reported_indicators
    rounds = CommentedSeq()
    if indicators:
        for name, event_id in monitoring_rounds(roadmap, period):
            rounds.append(_round_item(name, event_id, roadmap, indicators))
    data["monitoring"] = rounds
    legend = "\n".join(f"  {_indicator_hint(x)} — {' '.join(x.text.split())}" for x in indicators)
    data.yaml_set_comment_before_after_key(
        "monitoring",
        before="\nПоказатели качества внутришкольных систем профилактики по школам в каждом срезе мониторинга"
        + " (единица, исходное → целевое значение):\n"
        + (legend or "  в дорожной карте нет показателей с id: добавьте их в monitoring.indicators"),
    )


def _add_outcomes(data: Any, roadmap, catalog) -> None:
    """The output audit: an item a parameter of section I, a cell a school where it was found."""
    from ruamel.yaml.comments import CommentedSeq

    from .domain.report import section_one_cells

    codes = _codes(roadmap, catalog)
    outcomes = CommentedSeq()
    for ref, schools in section_one_cells(roadmap):
        outcomes.append(_outcome_item(ref, schools))
        outcomes.yaml_set_comment_before_after_key(len(outcomes) - 1, before=codes.get(ref, ref), indent=2)
    data["outcomes"] = outcomes
    data.yaml_set_comment_before_after_key(
        "outcomes",
        before="\nВыходной аудит: итог по каждому параметру раздела I в каждой школе, где он выявлен (в итоговом "
        "отчёте за год — обязательно).",
    )


def _add_open_lists(data: Any) -> None:
    """Corrections and new risks: nothing in the roadmap to start them from, so «[]» with an example to copy."""
    from ruamel.yaml.comments import CommentedSeq

    corrections = CommentedSeq()
    corrections.fa.set_flow_style()
    data["corrections"] = corrections
    data.yaml_set_comment_before_after_key(
        "corrections",
        before="\nКоррекция дорожной карты. Сотрите «[]» и перечислите изменения, например:\n"
        "  - change: перенесено            # добавлено | перенесено | отменено | изменено\n"
        "    event: e07\n"
        '    date: "15.05.2025"\n'
        "    reason: совпадение со сроками ГИА\n"
        "    document: приказ УО от 20.05.2025 № 190",
    )
    risks = CommentedSeq()
    risks.fa.set_flow_style()
    data["risks"] = risks
    data.yaml_set_comment_before_after_key(
        "risks",
        before="\nНовые риски, выявленные в течение года в школах, где раздел I их не отмечал (войдут во входной "
        "аудит\n"
        "следующего года). Сотрите «[]» и перечислите, например:\n"
        "  - parameter: staffing.teacher-shortage   # параметр «Конструктора» (`neuspeh catalog`)\n"
        "    schools: [sosh1]\n"
        "    found: ноябрь 2025\n"
        "    evidence: две вакансии учителей математики с сентября",
    )


# ---------------------------------------------------------------- merging into an existing file


def merge(existing: Any, full: Any) -> list[str]:
    """Append to ``existing`` (a ruamel map of the user's report) what ``full`` has and it lacks; return what was
    added.
    """
    added: list[str] = []
    _merge_events(existing, full, added)
    _merge_monitoring(existing, full, added)
    _merge_outcomes(existing, full, added)
    return added


def _kind_in_words(value: Any) -> str:
    if isinstance(value, dict):
        return "набор ключей со значениями"
    if isinstance(value, str):
        return f"текст «{value[:40]}»"
    return f"значение «{value}»"


def _seq(existing: Any, key: str) -> Any:
    """The user's list under ``key``, made when missing; anything else there is the user's to fix, never replaced."""
    from ruamel.yaml.comments import CommentedSeq

    value = existing.get(key)
    if not isinstance(value, CommentedSeq):
        if value not in (None, []) and key in existing:
            raise ReportInitError(
                f"{key}: ожидается список (строки, начинающиеся с «- »), а в файле {_kind_in_words(value)}: "
                "исправьте файл, затем повторите `neuspeh report init`"
            )
        value = CommentedSeq()
        existing[key] = value
    return value


def _append(target: Any, items: list, holder: Any, key: Any) -> None:
    """Append (item, heading comment) pairs to ``target``, the value of ``holder[key]``.

    ruamel keeps the next section's heading as the last item's trailing comment: it is taken off first and put
    back after the new items, so that it stays above its section.
    """
    if not items:
        return
    from .yaml_edit import take_tail as _take_tail

    tail = _take_tail(holder, key)
    if target.fa.flow_style():
        target.fa.set_block_style()
    for item, comment in items:
        target.append(item)
        if comment:
            target.yaml_set_comment_before_after_key(len(target) - 1, before="\n" + comment, indent=2)
    if tail:
        _put_tail(target, tail)


def _by_key(seq: Any, key: str) -> dict:
    """The user's items of ``seq`` by their ``key`` (an event's id, a round, a school); anything not a map skipped."""
    from ruamel.yaml.comments import CommentedMap

    return {item.get(key): item for item in seq if isinstance(item, CommentedMap)}


def _merge_by_key(
    target: Any,
    holder: Any,
    holder_key: str,
    theirs: Any,
    key: str,
    added: list[str],
    describe,
    merge=None,
    headed: bool = False,
) -> None:
    """Append to ``target`` (the user's ``holder[holder_key]``) the items of ``theirs`` it has no ``key`` of, each
    said in ``added`` by ``describe(item)``, in order (``headed``: with the heading comment the skeleton gave it);
    an item the user has goes to ``merge(mine, item)``.
    """
    have = _by_key(target, key)
    new = []
    for index, item in enumerate(theirs):
        mine = have.get(item[key])
        if mine is None:
            new.append((item, _comment_before(theirs, index) if headed else ""))
            added.append(describe(item))
        elif merge is not None:
            merge(mine, item)
    _append(target, new, holder, holder_key)


def _merge_events(existing: Any, full: Any, added: list[str]) -> None:
    events = _seq(existing, "events")
    describe = lambda e: f"мероприятие {e['event']}"
    _merge_by_key(events, existing, "events", full["events"], "event", added, describe, headed=True)


def _merge_monitoring(existing: Any, full: Any, added: list[str]) -> None:
    """New rounds whole; in the user's rounds, new schools and, in the user's schools, new indicators (empty)."""
    rounds = _seq(existing, "monitoring")
    new_values: dict[str, dict[str, list[str]]] = {}  # indicator → round → schools: said once an indicator
    _merge_by_key(
        rounds,
        existing,
        "monitoring",
        full["monitoring"],
        "round",
        added,
        lambda r: f"срез мониторинга «{r['round']}»",
        lambda mine, item: _merge_round(mine, item, added, new_values),
    )
    for key, where in new_values.items():
        schools_count = len({s for names in where.values() for s in names})
        added.append(f"показатель {key} в срезах {', '.join(f'«{r}»' for r in where)} (школ: {schools_count})")


def _merge_round(mine: Any, item: Any, added: list[str], new_values: dict[str, dict[str, list[str]]]) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    def new_indicators(theirs: Any, entry: Any) -> None:
        values = child(theirs, "values", CommentedMap)
        for key in entry["values"]:
            if key not in values:
                values[key] = None
                new_values.setdefault(key, {}).setdefault(item["round"], []).append(entry["school"])

    schools = child(mine, "schools", CommentedSeq)

    def describe(entry: Any) -> str:
        return f"школа {entry['school']} в срезе «{item['round']}»"

    _merge_by_key(schools, mine, "schools", item["schools"], "school", added, describe, new_indicators)


def _merge_outcomes(existing: Any, full: Any, added: list[str]) -> None:
    """New parameters whole; in the user's parameters, new school cells."""
    from ruamel.yaml.comments import CommentedSeq

    def new_cells(mine: Any, item: Any) -> None:
        if "schools" in item:
            cells = child(mine, "schools", CommentedSeq)
            _merge_by_key(
                cells,
                mine,
                "schools",
                item["schools"],
                "school",
                added,
                lambda c: f"школа {c['school']} для параметра {item['parameter']}",
            )

    outcomes = _seq(existing, "outcomes")
    _merge_by_key(
        outcomes,
        existing,
        "outcomes",
        full["outcomes"],
        "parameter",
        added,
        lambda o: f"параметр {o['parameter']} в выходном аудите",
        new_cells,
        headed=True,
    )


def _comment_before(seq: Any, index: int) -> str:
    """The heading comment the skeleton gave item ``index``, as plain text."""
    slot = seq.ca.items.get(index)
    if not slot or len(slot) < 2 or not slot[1]:
        return ""
    lines = [token.value.strip() for token in slot[1] if token is not None]
    return "\n".join(
        line[1:].strip() if line.startswith("#") else line for line in "\n".join(lines).splitlines() if line.strip()
    )


def _put_tail(target: Any, tail: str) -> None:
    """Give back the next section's heading detached by ``_take_tail``: after the last scalar of the last new item."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from .yaml_edit import comment_token as _comment_token

    tail = tail if tail.startswith("\n") else "\n" + tail
    node = target
    while True:
        if isinstance(node, CommentedMap) and len(node):
            key = list(node.keys())[-1]
            value = node[key]
            if isinstance(value, (CommentedMap, CommentedSeq)) and len(value) and not value.fa.flow_style():
                node = value
                continue
            slot, position = node.ca.items.setdefault(key, [None, None, None, None]), 2
        elif isinstance(node, CommentedSeq) and len(node):
            index = len(node) - 1
            value = node[index]
            if isinstance(value, (CommentedMap, CommentedSeq)) and len(value) and not value.fa.flow_style():
                node = value
                continue
            slot, position = node.ca.items.setdefault(index, [None, None, None, None]), 0
        else:
            return
        while len(slot) <= position:
            slot.append(None)
        before = slot[position].value if slot[position] is not None else "\n"
        slot[position] = _comment_token(before + tail)
        return


# ---------------------------------------------------------------- the command


def _plain_leaves(data: Any, path: tuple = ()) -> dict[tuple, Any]:
    if isinstance(data, dict):
        out: dict[tuple, Any] = {}
        for key, value in data.items():
            out.update(_plain_leaves(value, path + (key,)))
        return out or {path: {}}
    if isinstance(data, list):
        out = {}
        for index, value in enumerate(data):
            out.update(_plain_leaves(value, path + (index,)))
        return out or {path: []}
    return {path: data}


def _check_kept(old_text: str, new_text: str, name: str) -> None:
    """Every comment and every value of the old text is still in the new one, at the same place."""
    from .reading.yamlread import read_yaml_text

    old = _plain_leaves(read_yaml_text(old_text, name).data)
    new = _plain_leaves(read_yaml_text(new_text, name).data)
    for path, value in old.items():
        if value in ({}, []) and any(p[: len(path)] == path for p in new):
            continue  # an empty list or map that received items
        if path not in new or new[path] != value:
            where = ".".join(str(p) for p in path)
            raise ReportInitError(
                f"{name}: правка изменила бы уже записанное ({where}): файл не изменён; сообщите об ошибке"
            )


def _load_roadmap(path: Path):
    from .report_links import load_linked

    loaded, problem = load_linked(path, "roadmap")
    if loaded is None:
        raise ReportInitError(problem)
    roadmap = loaded.model
    missing = [str(n) for n, e in enumerate(roadmap.events, 1) if not e.id]
    if missing:
        raise ReportInitError(
            f"{path}: у мероприятий № {', '.join(missing)} нет id — отчёт ссылается на мероприятия по id: добавьте "
            "каждому строку «id: e01» (e02, …) и повторите"
        )
    return roadmap, loaded.catalog


def init_report(
    roadmap_path: Path, output: Path | None = None, period_text: str | None = None, schema_ref: str | None = None
) -> InitResult:
    """Create the report for ``roadmap_path``, or add to an existing one what the roadmap gained.

    Raises ``ReportInitError`` (roadmap unusable, edit unsafe), ``UsageError``
    (bad period or output name) and ``ReadError`` (an unreadable report).
    """
    from .errors import ReadError
    from .outputs import write_atomic

    roadmap_path = Path(roadmap_path)
    roadmap, catalog = _load_roadmap(roadmap_path)
    span = roadmap.document.span
    period = parse_period(period_text, span) if period_text else span
    path = Path(output) if output is not None else default_output(roadmap_path, period, span)
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise UsageError(f"{path}: файл отчёта должен иметь расширение .yaml")
    if path.is_dir():
        raise UsageError(f"{path}: это папка; укажите имя файла, например {path / 'report.yaml'}")
    if path.exists() and path.resolve() == roadmap_path.resolve():
        raise UsageError(f"{path}: это файл дорожной карты; укажите другой файл для отчёта (-o)")
    roadmap_ref = Path(os.path.relpath(roadmap_path.resolve(), path.resolve().parent)).as_posix()

    if not path.exists():
        full, skipped = skeleton(roadmap, catalog, period, roadmap_ref, schema_ref or SCHEMA_FILE)
        text = dump(_writer(), full)
        _verify_new(text, path)
        write_atomic(path, text)
        result = InitResult(path, created=True, skipped=skipped, notes=indicator_notes(roadmap))
        if schema_ref is None:
            from .jsonschema import write_schema_beside

            write_schema_beside(path, "report", result.schema_written, result.schema_kept)
        return result

    from .document import read_document

    existing_doc = read_document(path)
    unreadable = next((p for p in existing_doc.problems if p.rule == "read-error"), None)
    if unreadable is not None:
        raise ReadError(unreadable.path, unreadable.line, unreadable.column, unreadable.message)
    if existing_doc.kind != "report":
        raise ReportInitError(f"{path}: файл уже существует и это не отчёт (kind: report): укажите другой файл (-o)")
    model, doc = existing_doc.model, existing_doc.source
    if model is None or existing_doc.problems:
        first = existing_doc.problems[0]
        raise ReportInitError(f"{first.where}: {first.message}: исправьте отчёт, затем повторите `neuspeh report init`")
    if period_text and (model.period.first, model.period.last) != (period.first, period.last):
        raise UsageError(
            f"{path}: в отчёте период «{model.period.text}», а --period «{period_text}»: для другого периода укажите "
            "другой файл (-o)"
        )
    full, skipped = skeleton(roadmap, catalog, model.period, roadmap_ref)
    try:
        edit = open_for_edit(doc.text, doc)
        added = merge(edit.data, full)
        result = InitResult(path, created=False, added=added, skipped=skipped, notes=indicator_notes(roadmap))
        if not added:
            return result
        new_text, _ = edit.result()
    except EditError as exc:
        raise ReportInitError(f"{path}: {exc}") from None
    _check_kept(edit.text, new_text.replace("\r\n", "\n"), str(path))
    _verify_new(new_text, path)
    bom = b"\xef\xbb\xbf" if doc.bom else b""
    write_atomic(path, bom + new_text.encode("utf-8"))
    return result


def _writer() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = 100_000
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _verify_new(text: str, path: Path) -> None:
    """What we write must load as a report: a defect here must never reach the user's disk."""
    from .document import model_with_repairs
    from .domain.report import Report
    from .reading.yamlread import read_yaml_text

    model, problems = model_with_repairs(Report, read_yaml_text(text, str(path)))
    if model is None or problems:
        raise ReportInitError(
            f"{path}: заготовка отчёта не прошла бы проверку схемы ({problems[0].message}): файл не изменён; сообщите "
            "об ошибке"
        )


def indicator_notes(roadmap) -> list[str]:
    """What to say about quality indicators written without an id: the report refers to them by generated ones."""
    generated = roadmap.monitoring.generated_indicator_ids()
    if not generated:
        return []
    numbers = ", ".join(str(n) for n, _ in generated)
    ids = ", ".join(i for _, i in generated)
    return [
        f"У показателей качества № {numbers} нет id: в отчёте они — {ids}. Впишите эти id в monitoring.indicators "
        "дорожной карты, чтобы ссылка не зависела от порядка показателей."
    ]


def summary_lines(result: InitResult) -> list[str]:
    from .jsonschema import schema_summary_lines

    path = result.path
    if result.created:
        lines = [
            f"Создан {path}: отчёт о реализации дорожной карты — мероприятия, показатели по школам, выходной аудит."
        ]
    elif result.added:
        lines = [f"{path}: добавлено — {len(result.added)}; заполненное не изменено."]
        lines += [f"  + {what}" for what in result.added[:30]]
        if len(result.added) > 30:
            lines.append(f"  … и ещё {len(result.added) - 30}")
    else:
        lines = [f"{path}: добавлять нечего — все мероприятия, показатели и ячейки раздела I дорожной карты уже есть."]
    lines += result.notes
    for what in result.skipped:
        lines.append(f"Не включено: {what} — отчёт ссылается по id; добавьте id в дорожную карту и повторите.")
    lines += schema_summary_lines(result.schema_written, result.schema_kept, "report")
    if result.created or result.added:
        lines.append(f"Заполните отчёт, затем: neuspeh validate {path} и neuspeh build {path}")
    return lines


# ---------------------------------------------------------------- next period's input audit


@dataclass
class NextAudit:
    """What next period's ``audit init`` starts from: last roadmap's schools and document, and the findings that stay
    open.
    """

    municipality: str
    year: int
    schools: list  # scaffold.SchoolEntry
    marked: dict  # parameter (or own id) → scaffold.MarkedFinding
    source: Path
    known: Any = None  # scaffold.KnownDocument: period, body, approver, signature of last roadmap
    notes: list = field(default_factory=list)  # said on the terminal: an interim report, what was carried


def _next_span(span) -> tuple[int, tuple[str, str] | None]:
    """(year, period) of the roadmap after one of ``span``: a calendar year gives the next year; a school year
    (or any other span) the same months one year on — a school-year roadmap is never followed by a calendar one."""
    from .domain.dates import MONTH_NAMES

    if span.is_calendar_year:
        return span.first[0] + 1, None
    (y1, m1), (y2, m2) = span.first, span.last
    return y1 + 1, (f"{MONTH_NAMES[m1 - 1]} {y1 + 1}", f"{MONTH_NAMES[m2 - 1]} {y2 + 1}")


def _known_document(roadmap, period) -> Any:
    from .scaffold import KnownDocument

    document = roadmap.document
    approval = document.approval
    order_body = approval.order.body if approval is not None and approval.order is not None else ""
    approver = (
        (approval.position, approval.name)
        if approval is not None and approval.order is None and (approval.position or approval.name)
        else None
    )
    signature = (document.signature.position, document.signature.name) if document.signature is not None else None
    return KnownDocument(
        period=period, body=document.body, approval=approver, order_body=order_body, signature=signature
    )


def next_audit_from(report_path: Path) -> NextAudit:
    """Read a report (and its roadmap) and say which findings persist, grew, were only reduced or appeared during the
    year, and where.

    Raises ``ReadError`` for an unreadable report, ``UsageError`` for a file that is not a report or an
    interim report without an output audit, ``ReportInitError`` when its roadmap cannot be loaded.
    """
    from .domain.report import is_final, period_title
    from .school_list import SchoolEntry

    report_path = Path(report_path)
    report, roadmap = _report_and_roadmap(report_path)
    span = roadmap.document.span
    when = period_title(report.period)
    final = is_final(report, span)
    notes: list[str] = []
    has_results = any(o.result or any(c.result for c in o.schools) for o in report.outcomes)
    if not final and not has_results and not report.risks:
        raise UsageError(
            f"{report_path}: отчёт {when} — промежуточный, выходного аудита в нём нет: переносить нечего. "
            "Входной аудит следующего года начинают с итогового отчёта (за весь срок карты): укажите его в --from"
        )
    if not final:
        notes.append(f"Внимание: отчёт {when} — промежуточный; итоги выходного аудита могут измениться к концу года.")
    year, period = _next_span(span)
    schools = [SchoolEntry(s.name, s.shnor, s.id) for s in roadmap.schools]
    marked = _carried_findings(report, roadmap, when)
    return NextAudit(
        roadmap.document.municipality, year, schools, marked, report_path, _known_document(roadmap, period), notes
    )


def _report_and_roadmap(report_path: Path) -> tuple[Any, Any]:
    """The report's model and its roadmap's; each way it can fail says what to fix."""
    from .document import read_document
    from .domain.report import linked_path
    from .errors import ReadError
    from .report_links import load_linked

    loaded = read_document(report_path)
    unreadable = next((p for p in loaded.problems if p.rule == "read-error"), None)
    if unreadable is not None:
        raise ReadError(unreadable.path, unreadable.line, unreadable.column, unreadable.message)
    if loaded.kind != "report":
        raise UsageError(
            f"{report_path}: --from ждёт отчёт о реализации дорожной карты (kind: report), а это "
            f"{loaded.kind or 'не файл neuspeh'}"
        )
    if loaded.model is None:
        first = loaded.problems[0]
        raise ReportInitError(
            f"{first.where}: {first.message}: исправьте отчёт (`neuspeh validate {report_path}`), затем повторите"
        )
    road, problem = load_linked(linked_path(report_path, loaded.model.roadmap), "roadmap")
    if road is None:
        raise ReportInitError(f"{report_path}: {problem}")
    return loaded.model, road.model


def _carried_findings(report, roadmap, when: str) -> dict:
    """Parameter (or own id) → ``MarkedFinding``: what persists, grew, was only reduced or appeared, with its schools
    and a note saying which of these and where."""
    from .domain.effectiveness import persisting, reduced
    from .scaffold import MarkedFinding

    parts: dict[str, list[str]] = {}
    schools_of: dict[str, list[str]] = {}

    def add(ref: str, schools_here: list[str], text: str) -> None:
        parts.setdefault(ref, []).append(text)
        listed = schools_of.setdefault(ref, [])
        listed += [s for s in schools_here if s not in listed]

    for ref, keep, grew in persisting(report, roadmap):
        grew_here = [s for s in grew if s in keep]
        stays = [s for s in keep if s not in grew_here]
        if stays:
            add(ref, stays, f"сохраняется: {', '.join(stays)}")
        if grew_here:
            add(ref, grew_here, f"усилился: {', '.join(grew_here)}")
        if not keep:
            add(ref, [], "усилился (УО, ТМС)" if grew else "сохраняется (УО, ТМС)")
    for ref, lowered in reduced(report, roadmap):
        text = f"снижен, но не устранён: {', '.join(lowered)}" if lowered else "снижен, но не устранён (УО, ТМС)"
        add(ref, lowered, text + " — подтвердите новым аудитом")
    for risk in report.risks:
        if not risk.parameter:
            continue
        found = f" ({risk.found})" if risk.found else ""
        add(risk.parameter, risk.schools, f"новый риск{found}: {', '.join(risk.schools)}")
    findings = {f.ref: f for f in roadmap.audit}
    marked: dict = {}
    for ref, texts in parts.items():
        finding = findings.get(ref)
        note = "; ".join(texts) + f" (отчёт {when})"
        if finding is not None:  # last roadmap's own parameter keeps its id, factor and title (a catalog one has none)
            marked[ref] = MarkedFinding(
                tuple(schools_of[ref]), note, id=finding.id, factor=finding.factor, title=finding.title
            )
        else:
            marked[ref] = MarkedFinding(tuple(schools_of[ref]), note)
    return marked
