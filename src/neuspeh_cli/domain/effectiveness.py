"""The method's four criteria of effectiveness, computed from a report's facts (seed 000).

Group 1, intensity of the preventive work:
  1.1 «сохранность и динамика количества участников, вовлеченных в профилактические мероприятия (ШНОР, педагоги, дети)»;
  1.2 «восприятие профилактических мероприятий самими участниками».
Group 2, influence of prevention on those it addresses:
  2.1 «стабильность и увеличение процента участников мероприятий, имеющих положительную динамику…»;
  2.2 «положительные изменения в оценке социальной ситуации в образовательных учреждениях района».

Pure functions over the models: no reading, no rendering. Each criterion
carries its formula as the Russian sentence the document prints.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .report import CATEGORIES, HELD_STATUSES, IMPROVED, OUTCOMES, Report, section_one_cells, shnor_ids

FORMULAS = {
    "1.1": (
        "Охват = сумма участников всех проведённых и проводимых мероприятий по категориям (руководители, педагоги, обучающиеся, родители, специалисты); "
        "охват ШНОР = число ШНОР, представители которых участвовали хотя бы в одном мероприятии, ÷ число ШНОР дорожной карты × 100 %; "
        "динамика = (охват за отчётный период − охват за предыдущий период) ÷ охват за предыдущий период × 100 %."
    ),
    "1.2": "Восприятие = число участников, оценивших мероприятия положительно, ÷ число участников, ответивших на анкеты обратной связи, × 100 %.",
    "2.1": (
        "Доля участников с положительной динамикой = число участников с положительной динамикой ÷ число участников, у которых динамика оценивалась, × 100 %; "
        "стабильность — изменение доли по сравнению с предыдущим периодом в процентных пунктах."
    ),
    "2.2": (
        "Изменение социальной ситуации = число ячеек раздела I (параметр × школа), в которых риск устранён или снижен, ÷ число оценённых ячеек × 100 %; "
        "дополнительно — доля пар «школа × показатель качества», у которых последнее значение сдвинулось от исходного к целевому."
    ),
}
TITLES = {
    "1.1": "Сохранность и динамика количества участников, вовлечённых в профилактические мероприятия (ШНОР, педагоги, дети)",
    "1.2": "Восприятие профилактических мероприятий самими участниками",
    "2.1": "Стабильность и увеличение процента участников мероприятий, имеющих положительную динамику",
    "2.2": "Положительные изменения в оценке социальной ситуации в образовательных учреждениях района",
}
PP = "п.\u00a0п."  # percentage points
GROUPS = {1: "Интенсивность профилактической работы", 2: "Эффективность влияния профилактики на её адресатов"}


@dataclass
class Criterion:
    number: str  # «1.1»
    value: float | None  # the main figure: participants for 1.1, a percentage for the others
    text: str  # the value as the document shows it
    details: list[str] = field(default_factory=list)

    @property
    def group(self) -> int:
        return int(self.number[0])

    @property
    def title(self) -> str:
        return TITLES[self.number]

    @property
    def formula(self) -> str:
        return FORMULAS[self.number]


def percent(part: float, whole: float) -> float | None:
    return None if not whole else round(100 * part / whole, 1)


def fmt(value: float | None, unit: str = "") -> str:
    """«87,5 %», «412»: a Russian decimal comma, no trailing «,0»."""
    if value is None:
        return "нет данных"
    text = str(int(value)) if float(value).is_integer() else f"{value:.1f}".replace(".", ",")
    return f"{text}\u00a0{unit}" if unit else text


def signed(value: float, unit: str) -> str:
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return f"{sign}{fmt(abs(value), unit)}"


def held_events(report: Report) -> list:
    return [e for e in report.events if e.status in HELD_STATUSES]


def participants_by_category(report: Report) -> dict[str, int]:
    totals = dict.fromkeys(CATEGORIES, 0)
    for item in held_events(report):
        for key, value in item.participants.by_category().items():
            totals[key] += value
    return totals


def total_participants(report: Report) -> int:
    return sum(participants_by_category(report).values())


def shnor_participants(report: Report) -> int:
    return sum(item.participants.shnor or 0 for item in held_events(report))


def shnor_reached(report: Report, roadmap) -> list[str]:
    """ШНОР of the roadmap with at least one participant in a held event, in roadmap order."""
    reached = {school for item in held_events(report) for school, count in item.participants.shnor_schools.items() if count}
    return [s for s in shnor_ids(roadmap) if s in reached]


def intensity(report: Report, roadmap, previous: Report | None = None) -> Criterion:
    total = total_participants(report)
    by_category = participants_by_category(report)
    details = ["по категориям: " + ", ".join(f"{CATEGORIES[k]} — {v}" for k, v in by_category.items())]
    shnor_all = shnor_ids(roadmap)
    reached = shnor_reached(report, roadmap)
    if shnor_all:
        details.append(f"из ШНОР — {shnor_participants(report)} участников; охвачено ШНОР: {len(reached)} из {len(shnor_all)} ({fmt(percent(len(reached), len(shnor_all)), '%')})")
    text = fmt(total)
    if previous is not None:
        before = total_participants(previous)
        change = percent(total - before, before)
        if change is None:
            details.append(f"в предыдущем периоде участников не было ({before})")
        else:
            details.append(f"предыдущий период — {before}; динамика {signed(change, '%')}")
            text += f" ({signed(change, '%')})"
    else:
        details.append("динамика: отчёт за предыдущий период не указан (previous)")
    return Criterion("1.1", float(total), text, details)


def perception(report: Report) -> Criterion:
    respondents = positive = events = 0
    for item in held_events(report):
        f = item.feedback
        if f.respondents:
            respondents += f.respondents
            positive += min(f.positive or 0, f.respondents)
            events += 1
    share = percent(positive, respondents)
    details = [f"ответили {respondents}, положительно — {positive}; мероприятий с обратной связью — {events} из {len(held_events(report))}"]
    return Criterion("1.2", share, fmt(share, "%"), details)


def _dynamics_share(report: Report) -> tuple[float | None, int, int]:
    assessed = positive = 0
    for item in held_events(report):
        d = item.dynamics
        if d.assessed:
            assessed += d.assessed
            positive += min(d.positive or 0, d.assessed)
    return percent(positive, assessed), assessed, positive


def positive_dynamics(report: Report, previous: Report | None = None) -> Criterion:
    share, assessed, positive = _dynamics_share(report)
    details = [f"динамика оценена у {assessed} участников, положительная — у {positive}"]
    text = fmt(share, "%")
    if previous is not None:
        before, _, _ = _dynamics_share(previous)
        if before is not None and share is not None:
            change = round(share - before, 1)
            details.append(f"предыдущий период — {fmt(before, '%')}; изменение {signed(change, PP)}")
            text += f" ({signed(change, PP)})"
    return Criterion("2.1", share, text, details)


def outcome_counts(report: Report, roadmap) -> Counter:
    """How many section I cells ended with each outcome (cells of the roadmap only)."""
    cells = dict(section_one_cells(roadmap))
    counts: Counter = Counter()
    for outcome in report.outcomes:
        if outcome.parameter not in cells:
            continue
        if cells[outcome.parameter]:
            for cell in outcome.schools:
                if cell.school in cells[outcome.parameter] and cell.result:
                    counts[cell.result] += 1
        elif outcome.result:
            counts[outcome.result] += 1
    return counts


@dataclass
class IndicatorRow:
    indicator: str  # id
    text: str
    unit: str
    baseline: float | None
    target: float | None
    values: list[tuple[str, float | None]]  # (round, value), rounds in file order
    assessment: str  # достигнуто | улучшение | без изменений | ухудшение | нет данных

    @property
    def last(self) -> float | None:
        known = [v for _, v in self.values if v is not None]
        return known[-1] if known else None


def assess(baseline: float | None, target: float | None, value: float | None, first: float | None = None) -> str:
    """The last value against the roadmap's baseline and target; a school below the baseline that grew since its first round says so."""
    if value is None:
        return "нет данных"
    if baseline is None or target is None:
        return "нет исходного или целевого значения"
    up = target >= baseline
    if (value >= target) if up else (value <= target):
        return "достигнуто"
    if value == baseline:
        return "без изменений"
    if (value > baseline) == up:
        return "улучшение"
    if first is not None and value != first and (value > first) == up:
        return "ниже исходного, но с ростом"
    return "ухудшение"


def indicator_table(report: Report, roadmap) -> dict[str, list[IndicatorRow]]:
    """school id → one row per quality indicator of the roadmap, with the school's value in each round."""
    indicators = [x for x in roadmap.monitoring.quality_indicators if x.id]
    result: dict[str, list[IndicatorRow]] = {}
    schools = [s.id for s in roadmap.schools]
    for school in schools:
        rows = []
        for x in indicators:
            values = []
            for round_ in report.monitoring:
                entry = next((e for e in round_.schools if e.school == school), None)
                if entry is not None:
                    values.append((round_.round, entry.values.get(x.id)))
            row = IndicatorRow(x.id, x.text, x.unit, x.baseline, x.target, values, "")
            known = [v for _, v in values if v is not None]
            row.assessment = assess(x.baseline, x.target, row.last, known[0] if len(known) > 1 else None)
            rows.append(row)
        if any(v is not None for row in rows for _, v in row.values):
            result[school] = rows
    return result


def social_situation(report: Report, roadmap) -> Criterion:
    counts = outcome_counts(report, roadmap)
    assessed = sum(counts.values())
    improved = sum(counts[x] for x in IMPROVED)
    share = percent(improved, assessed)
    total_cells = sum(len(schools) or 1 for _, schools in section_one_cells(roadmap))
    details = [f"оценено ячеек раздела I: {assessed} из {total_cells}; " + ", ".join(f"{x} — {counts[x]}" for x in OUTCOMES)]
    pairs = [row for rows in indicator_table(report, roadmap).values() for row in rows if row.last is not None and row.baseline is not None and row.target is not None]
    if pairs:
        better = sum(1 for row in pairs if row.assessment in ("достигнуто", "улучшение"))
        reached = sum(1 for row in pairs if row.assessment == "достигнуто")
        details.append(
            f"показатели качества: значение сдвинулось к целевому в {better} из {len(pairs)} пар «школа × показатель» ({fmt(percent(better, len(pairs)), '%')}), "
            f"целевое достигнуто в {reached}"
        )
    return Criterion("2.2", share, fmt(share, "%"), details)


def criteria(report: Report, roadmap, previous: Report | None = None) -> list[Criterion]:
    """The four criteria in the method's order."""
    return [intensity(report, roadmap, previous), perception(report), positive_dynamics(report, previous), social_situation(report, roadmap)]


def persisting(report: Report, roadmap) -> list[tuple[str, list[str], list[str]]]:
    """(parameter ref, schools where it persists or grew, schools where it grew) — next year's input audit starts here.

    A parameter without schools (УО and ТМС) is listed when its own result persists or grew.
    """
    from .report import PERSISTING

    cells = dict(section_one_cells(roadmap))
    out = []
    for outcome in report.outcomes:
        if outcome.parameter not in cells:
            continue
        if cells[outcome.parameter]:
            keep = [c.school for c in outcome.schools if c.result in PERSISTING and c.school in cells[outcome.parameter]]
            grew = [c.school for c in outcome.schools if c.result == "усилился" and c.school in cells[outcome.parameter]]
            if keep:
                out.append((outcome.parameter, keep, grew))
        elif outcome.result in PERSISTING:
            out.append((outcome.parameter, [], ["УО/ТМС"] if outcome.result == "усилился" else []))
    return out
