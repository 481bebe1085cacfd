"""The method's four criteria of effectiveness, computed from a report's facts (seed 000).

Group 1, intensity of the preventive work:
  1.1 «сохранность и динамика количества участников, вовлеченных в профилактические мероприятия (ШНОР, педагоги, дети)»;
  1.2 «восприятие профилактических мероприятий самими участниками».
Group 2, influence of prevention on those it addresses:
  2.1 «стабильность и увеличение процента участников мероприятий, имеющих положительную динамику…»;
  2.2 «положительные изменения в оценке социальной ситуации в образовательных учреждениях района».

How the method's words are read (docs/report.md says the same for the methodologist):

* A report gives head counts per event, so a person at four events is counted four times: the
  sum is «число участий», never «охват» of people. The only units known by name are the ШНОР
  (``shnor_schools``): their reach and «сохранность» (reached in both periods) are exact.
* Only events held inside the report's period count: their ``held`` dates are read; an event
  whose held dates all lie outside the period is left out (``rules/report.py`` warns), so a
  second half-year report that lists the first half's events does not count them again.
* 2.1's base is the participants of events (all participations of the period); the share of the
  assessed with positive dynamics is shown beside it.
* A blank next to a filled partner (``positive`` beside ``respondents``) is missing, not 0: the
  event is left out of that criterion and the details say so.
* An indicator's change is judged against the same school's earlier value (the previous report's
  rounds included); its level against the roadmap's baseline and target is a separate label.

Pure functions over the models: no reading, no rendering. Each criterion carries its formula as
the Russian sentence the document prints. Public names used elsewhere: ``criteria``,
``outcome_counts``, ``shnor_reached``, ``persisting``, ``indicator_table`` (review, render, scaffold).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .report import CATEGORIES, HELD_STATUSES, IMPROVED, OUTCOMES, Report, section_one_cells, shnor_ids

FORMULAS = {
    "1.1": (
        "Число участий = сумма участников проведённых и проводимых мероприятий, даты которых лежат в отчётном периоде "
        "(человек, побывавший на нескольких мероприятиях, учитывается на каждом); "
        "охват ШНОР = число ШНОР, представители которых участвовали хотя бы в одном мероприятии, ÷ число ШНОР "
        "дорожной карты × 100 %; "
        "сохранность = число ШНОР, охваченных и в предыдущем, и в отчётном периоде, ÷ число ШНОР, охваченных в "
        "предыдущем, × 100 %; "
        "динамика по каждой категории = (число за отчётный период − число за предыдущий) ÷ число за предыдущий × 100 %."
    ),
    "1.2": (
        "Восприятие = число участников, оценивших мероприятия положительно, ÷ число ответивших на анкеты обратной "
        "связи × 100 % "
        "(мероприятие без числа положительных отзывов не учитывается)."
    ),
    "2.1": (
        "Доля участников с положительной динамикой = число участников с положительной динамикой ÷ число участий в "
        "мероприятиях периода × 100 %; "
        "рядом — доля положительной динамики среди тех, у кого она оценивалась (÷ число оценённых × 100 %); "
        "стабильность — изменение доли по сравнению с предыдущим периодом в процентных пунктах."
    ),
    "2.2": (
        "Изменение социальной ситуации = число ячеек раздела I (параметр × школа), в которых риск устранён или "
        "снижен, ÷ число оценённых ячеек × 100 %; "
        "показатели качества: изменение — последнее значение школы против её же предыдущего среза (в том числе из "
        "отчёта за предыдущий период), "
        "уровень — против исходного и целевого значений дорожной карты."
    ),
}
TITLES = {
    "1.1": "Сохранность и динамика количества участников, вовлечённых в профилактические мероприятия (ШНОР, педагоги, "
    "дети)",
    "1.2": "Восприятие профилактических мероприятий самими участниками",
    "2.1": "Стабильность и увеличение процента участников мероприятий, имеющих положительную динамику",
    "2.2": "Положительные изменения в оценке социальной ситуации в образовательных учреждениях района",
}
PP = "п.\u00a0п."  # percentage points
GROUPS = {1: "Интенсивность профилактической работы", 2: "Эффективность влияния профилактики на её адресатов"}


@dataclass
class Criterion:
    number: str  # «1.1»
    value: float | None  # the main figure: participations for 1.1, a percentage for the others
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


def plural(n: int, one: str, few: str, many: str) -> str:
    """«1 участие», «3 участия», «11 участий»."""
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def participations(n: int) -> str:
    return f"{n}\u00a0{plural(n, 'участие', 'участия', 'участий')}"


def of_participations(n: int) -> str:
    """«из 21 участия», «из 982 участий»: after «из» the genitive."""
    return f"{n}\u00a0{plural(n, 'участия', 'участий', 'участий')}"


# ---------------------------------------------------------------- which events a report counts


def held_months(item, report: Report) -> list[tuple[int, int]] | None:
    """The months an event's ``held`` dates name, placed in the report's period; ``None`` when they cannot be read or
    are blank.
    """
    from .dates import parse_dates

    if not item.held.strip():
        return None
    phrase = parse_dates(item.held)
    if not phrase.understood:
        return None
    months = phrase.months(report.period.first, report.period.last)
    return months or None


def in_period(item, report: Report) -> bool:
    """Whether a held event counts in this report: its held dates meet the period, or cannot be placed (the rules say
    why).
    """
    months = held_months(item, report)
    if months is None:
        return True
    first, last = report.period.first, report.period.last
    return any(first <= m <= last for m in months)


def held_events(report: Report) -> list:
    """Held («проведено», «проводится») events whose held dates lie (at least in part) in the report's period."""
    return [e for e in report.events if e.status in HELD_STATUSES and in_period(e, report)]


def held_outside(report: Report) -> list[int]:
    """Indices of held events left out because all their held dates lie outside the period."""
    return [i for i, e in enumerate(report.events) if e.status in HELD_STATUSES and not in_period(e, report)]


def participants_by_category(report: Report) -> dict[str, int]:
    totals = dict.fromkeys(CATEGORIES, 0)
    for item in held_events(report):
        for key, value in item.participants.by_category().items():
            totals[key] += value
    return totals


def total_participants(report: Report) -> int:
    """Participations (head counts summed over events), not people."""
    return sum(participants_by_category(report).values())


def shnor_participants(report: Report) -> int:
    return sum(item.participants.shnor or 0 for item in held_events(report))


def shnor_reached(report: Report, roadmap) -> list[str]:
    """ШНОР of the roadmap with at least one participant in a counted event, in roadmap order."""
    reached = {
        school for item in held_events(report) for school, count in item.participants.shnor_schools.items() if count
    }
    return [s for s in shnor_ids(roadmap) if s in reached]


def _change(now: int, before: int) -> str:
    change = percent(now - before, before)
    if change is None:
        return f"{before} → {now}"
    return f"{before} → {now} ({signed(change, '%')})"


def _school_names(roadmap) -> dict[str, str]:
    from .structure import school_short_names

    return school_short_names(roadmap)


def intensity(report: Report, roadmap, previous: Report | None = None) -> Criterion:
    total = total_participants(report)
    by_category = participants_by_category(report)
    details = [
        f"число участий — {total}: человек, побывавший на нескольких мероприятиях, учитывается на каждом (сколько "
        "разных людей, из отчёта не узнать)",
        "по категориям: " + ", ".join(f"{CATEGORIES[k]} — {v}" for k, v in by_category.items()),
    ]
    shnor_all = shnor_ids(roadmap)
    reached = shnor_reached(report, roadmap)
    if shnor_all:
        details.append(
            f"ШНОР: охвачено {len(reached)} из {len(shnor_all)} ({fmt(percent(len(reached), len(shnor_all)), '%')}), "
            f"участий из ШНОР — {shnor_participants(report)}"
        )
    text = participations(total)
    if previous is None:
        details.append("динамика и сохранность: отчёт за предыдущий период не указан — сравнивать не с чем")
        return Criterion("1.1", float(total), text, details)
    from .report import period_title

    before_total = total_participants(previous)
    before = participants_by_category(previous)
    change = percent(total - before_total, before_total)
    if change is not None:
        text += f" ({signed(change, '%')})"
    lines = [f"всего участий {_change(total, before_total)}"]
    lines += [f"{CATEGORIES[k]} {_change(by_category[k], before[k])}" for k in CATEGORIES]
    if shnor_all:
        lines.append(f"участий из ШНОР {_change(shnor_participants(report), shnor_participants(previous))}")
        lines.append(f"охвачено ШНОР {_change(len(reached), len(shnor_reached(previous, roadmap)))}")
    details.append(f"динамика к предыдущему периоду ({period_title(previous.period)[3:]}): " + "; ".join(lines))
    if shnor_all:
        earlier = shnor_reached(previous, roadmap)
        kept = [s for s in earlier if s in reached]
        if earlier:
            line = (
                f"сохранность: из {len(earlier)} ШНОР, охваченных в предыдущем периоде, охвачены и в отчётном "
                f"{len(kept)} ({fmt(percent(len(kept), len(earlier)), '%')})"
            )
            lost = [s for s in earlier if s not in reached]
            if lost:
                names = _school_names(roadmap)
                line += "; выбыли: " + ", ".join(names.get(s, s) for s in lost)
            details.append(line)
        else:
            details.append("сохранность: в предыдущем периоде ШНОР не были охвачены")
    return Criterion("1.1", float(total), text, details)


def _answers(report: Report, part: str, base: str) -> tuple[int, int, int, int]:
    """(base, positive, events counted, events left out for a blank ``positive``) over the held events'
    ``part`` (feedback: respondents; dynamics: assessed). A blank ``positive`` is missing, not zero."""
    total = positive = events = blank = 0
    for item in held_events(report):
        answers = getattr(item, part)
        counted = getattr(answers, base)
        if not counted:
            continue
        if answers.positive is None:
            blank += 1
            continue
        total += counted
        positive += min(answers.positive, counted)
        events += 1
    return total, positive, events, blank


def _feedback(report: Report) -> tuple[int, int, int, int]:
    """(respondents, positive, events counted, events left out for a blank ``positive``)."""
    return _answers(report, "feedback", "respondents")


def perception(report: Report) -> Criterion:
    respondents, positive, events, blank = _feedback(report)
    share = percent(positive, respondents)
    details = [
        f"ответили {respondents}, положительно — {positive}; мероприятий с обратной связью — {events} из "
        f"{len(held_events(report))}"
    ]
    if blank:
        details.append(f"не учтено мероприятий без числа положительных отзывов: {blank} (пустое — не ноль)")
    return Criterion("1.2", share, fmt(share, "%"), details)


def _dynamics(report: Report) -> tuple[int, int, int]:
    """(assessed, positive, events left out for a blank ``positive``)."""
    assessed, positive, _, blank = _answers(report, "dynamics", "assessed")
    return assessed, positive, blank


def dynamics_share(report: Report) -> float | None:
    """2.1 on the method's base: participants with positive dynamics ÷ participations of the period × 100."""
    _, positive, _ = _dynamics(report)
    return percent(positive, total_participants(report))


def positive_dynamics(report: Report, previous: Report | None = None) -> Criterion:
    assessed, positive, blank = _dynamics(report)
    total = total_participants(report)
    share = percent(positive, total)
    details = [
        f"положительная динамика у {positive} из {of_participations(total)} ({fmt(share, '%')})",
        f"динамика оценивалась у {assessed} ({fmt(percent(assessed, total), '%')} участий), положительная — у "
        f"{fmt(percent(positive, assessed), '%')} оценённых",
    ]
    if blank:
        details.append(
            f"не учтено мероприятий без числа участников с положительной динамикой: {blank} (пустое — не ноль)"
        )
    text = fmt(share, "%")
    if previous is not None:
        before = dynamics_share(previous)
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


# ---------------------------------------------------------------- quality indicators: change and level apart

CHANGES = ("улучшение", "без изменений", "ухудшение", "один срез", "нет данных")
LEVELS = ("целевое достигнуто", "лучше исходного", "на уровне исходного", "хуже исходного", "нет данных")


@dataclass
class IndicatorRow:
    indicator: str  # id
    text: str
    unit: str
    baseline: float | None
    target: float | None
    values: list[tuple[str, float | None]]  # (round, value), the previous report's rounds first
    change: str = ""  # one of CHANGES: the last value against the school's own earlier one
    level: str = ""  # one of LEVELS: the last value against the roadmap's baseline and target

    @property
    def last(self) -> float | None:
        known = [v for _, v in self.values if v is not None]
        return known[-1] if known else None

    @property
    def earlier(self) -> float | None:
        """The school's value in the round before its last known one."""
        known = [v for _, v in self.values if v is not None]
        return known[-2] if len(known) > 1 else None

    @property
    def assessment(self) -> str:
        """Both labels, for one cell: «улучшение; лучше исходного»."""
        return (
            self.change
            if self.change in ("один срез", "нет данных") and self.level == "нет данных"
            else f"{self.change}; {self.level}"
        )


def _better_when_higher(baseline: float | None, target: float | None) -> bool | None:
    if baseline is None or target is None:
        return None
    return target >= baseline


def change_label(earlier: float | None, value: float | None, higher_is_better: bool | None = True) -> str:
    """The last value against the school's own earlier value: improvement, no change or worsening; one round is not a
    change.
    """
    if value is None:
        return "нет данных"
    if earlier is None:
        return "один срез"
    if value == earlier:
        return "без изменений"
    if higher_is_better is None:
        return "рост" if value > earlier else "снижение"
    return "улучшение" if (value > earlier) == higher_is_better else "ухудшение"


def level_label(baseline: float | None, target: float | None, value: float | None) -> str:
    """The last value against the roadmap's baseline and target: a level, never a change."""
    if value is None:
        return "нет данных"
    if baseline is None or target is None:
        return "нет исходного или целевого значения"
    up = target >= baseline
    if (value >= target) if up else (value <= target):
        return "целевое достигнуто"
    if value == baseline:
        return "на уровне исходного"
    return "лучше исходного" if (value > baseline) == up else "хуже исходного"


def _round_order(label: str) -> tuple[int, int] | None:
    from .periods import month_or_year

    found = month_or_year(label)
    return found if found is not None and found[1] else None


def rounds(report: Report, previous: Report | None = None) -> list:
    """Monitoring rounds in time order: the previous report's first, then this report's; a round named in both is this
    report's.
    """
    own = {r.round.strip().lower() for r in report.monitoring}
    earlier = [r for r in previous.monitoring if r.round.strip().lower() not in own] if previous is not None else []
    found = earlier + list(report.monitoring)
    # Rounds named by month and year go in time order; others keep their place after them.
    dated = [r for r in found if _round_order(r.round) is not None]
    undated = [r for r in found if _round_order(r.round) is None]
    return sorted(dated, key=lambda r: _round_order(r.round)) + undated


def indicator_table(report: Report, roadmap, previous: Report | None = None) -> dict[str, list[IndicatorRow]]:
    """school id → one row per quality indicator of the roadmap, with the school's value in each round."""
    indicators = [x for x in roadmap.monitoring.reported_indicators]
    result: dict[str, list[IndicatorRow]] = {}
    ordered = rounds(report, previous)
    for school in (s.id for s in roadmap.schools):
        rows = []
        for x in indicators:
            values = []
            for round_ in ordered:
                entry = next((e for e in round_.schools if e.school == school), None)
                if entry is not None:
                    values.append((round_.round, entry.values.get(x.id)))
            row = IndicatorRow(x.id, x.text, x.unit, x.baseline, x.target, values)
            row.change = change_label(row.earlier, row.last, _better_when_higher(x.baseline, x.target))
            row.level = level_label(x.baseline, x.target, row.last)
            rows.append(row)
        if any(v is not None for row in rows for _, v in row.values):
            result[school] = rows
    return result


def indicator_summary(report: Report, roadmap, previous: Report | None = None) -> str:
    """«показатели качества (пары «школа × показатель»): к предыдущему срезу улучшение — 3, …; уровень: целевое
    достигнуто — 1 из 6, …».
    """
    rows = [
        row for table in indicator_table(report, roadmap, previous).values() for row in table if row.last is not None
    ]
    if not rows:
        return "показатели качества: значений нет"
    changes = Counter(row.change for row in rows)
    compared = sum(changes[c] for c in ("улучшение", "без изменений", "ухудшение", "рост", "снижение"))
    if compared:
        parts = ", ".join(
            f"{c} — {changes[c]}" for c in ("улучшение", "без изменений", "ухудшение", "рост", "снижение") if changes[c]
        )
        text = (
            f"показатели качества, {len(rows)} пар «школа × показатель»; изменение к предыдущему срезу той же школы: "
            f"{parts}"
        )
        if changes["один срез"]:
            text += f"; только один срез (изменение не оценивается) — {changes['один срез']}"
    else:
        text = f"показатели качества, {len(rows)} пар «школа × показатель»: пока один срез — изменение не оценивается"
    levels = Counter(row.level for row in rows)
    judged = [lv for lv in LEVELS[:4] if levels[lv]]
    if judged:
        text += "; уровень относительно исходного и целевого значений карты: " + ", ".join(
            f"{lv} — {levels[lv]}" for lv in judged
        )
    return text


def social_situation(report: Report, roadmap, previous: Report | None = None) -> Criterion:
    counts = outcome_counts(report, roadmap)
    assessed = sum(counts.values())
    improved = sum(counts[x] for x in IMPROVED)
    share = percent(improved, assessed)
    total_cells = sum(len(schools) or 1 for _, schools in section_one_cells(roadmap))
    if assessed:
        details = [
            f"оценено ячеек раздела I: {assessed} из {total_cells}; "
            + ", ".join(f"{x} — {counts[x]}" for x in OUTCOMES)
        ]
    else:
        details = [f"выходной аудит не проводился: ни одна из {total_cells} ячеек раздела I не оценена"]
    details.append(indicator_summary(report, roadmap, previous))
    return Criterion("2.2", share, fmt(share, "%"), details)


def criteria(report: Report, roadmap, previous: Report | None = None) -> list[Criterion]:
    """The four criteria in the method's order."""
    return [
        intensity(report, roadmap, previous),
        perception(report),
        positive_dynamics(report, previous),
        social_situation(report, roadmap, previous),
    ]


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
            keep = [
                c.school for c in outcome.schools if c.result in PERSISTING and c.school in cells[outcome.parameter]
            ]
            grew = [
                c.school for c in outcome.schools if c.result == "усилился" and c.school in cells[outcome.parameter]
            ]
            if keep:
                out.append((outcome.parameter, keep, grew))
        elif outcome.result in PERSISTING:
            out.append((outcome.parameter, [], ["УО/ТМС"] if outcome.result == "усилился" else []))
    return out


def reduced(report: Report, roadmap) -> list[tuple[str, list[str]]]:
    """(parameter ref, schools where the risk was reduced — «снижен», not gone): the next audit looks at them again.

    A parameter without schools is listed with no schools when its own result is «снижен».
    """
    cells = dict(section_one_cells(roadmap))
    out = []
    for outcome in report.outcomes:
        if outcome.parameter not in cells:
            continue
        if cells[outcome.parameter]:
            schools = [
                c.school for c in outcome.schools if c.result == "снижен" and c.school in cells[outcome.parameter]
            ]
            if schools:
                out.append((outcome.parameter, schools))
        elif outcome.result == "снижен":
            out.append((outcome.parameter, []))
    return out
