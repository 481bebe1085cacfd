"""The four criteria of the method, against values computed by hand."""

from __future__ import annotations

from conftest import DATA, EXAMPLES

from neuspeh_cli.domain.effectiveness import (
    FORMULAS,
    assess,
    criteria,
    fmt,
    indicator_table,
    outcome_counts,
    participants_by_category,
    persisting,
    shnor_participants,
    shnor_reached,
)
from neuspeh_cli.domain.report import linked_path
from neuspeh_cli.report_links import load_linked
from neuspeh_cli.validate import validate_file


def load(path):
    """A report checked with its roadmap (no problems), and the roadmap's model."""
    loaded = validate_file(path)
    assert loaded.model is not None and not loaded.problems, loaded.problems
    roadmap, problem = load_linked(linked_path(path, loaded.model.roadmap), "roadmap")
    assert roadmap is not None, problem
    return loaded.model, roadmap.model


def test_small_report_by_hand():
    report, roadmap = load(DATA / "report" / "report.yaml")
    # Held: e1 (heads 10, teachers 5, specialists 2), e3 (specialists 4), mon (heads 3); e2 moved, e5 cancelled.
    assert participants_by_category(report) == {"heads": 13, "teachers": 5, "students": 0, "parents": 0, "specialists": 6}
    c11, c12, c21, c22 = criteria(report, roadmap)
    assert c11.value == 24 and c11.text == "24"
    assert shnor_participants(report) == 8 and shnor_reached(report, roadmap) == ["sosh2", "sosh3"]
    assert c12.value == 80.0  # 12 of 15
    assert c21.value == 66.7  # (3 + 3) of (5 + 4)
    assert c22.value == 50.0  # снижен + устранён = 2 of 4 cells
    assert outcome_counts(report, roadmap) == {"снижен": 1, "сохраняется": 1, "усилился": 1, "устранён": 1}
    assert c22.details[1] == "показатели качества: значение сдвинулось к целевому в 4 из 6 пар «школа × показатель» (66,7\u00a0%), целевое достигнуто в 1"


def test_dynamics_against_the_previous_half_year():
    report, roadmap = load(DATA / "report" / "report.yaml")
    previous, _ = load(DATA / "report" / "report-h1.yaml")
    c11, _, c21, _ = criteria(report, roadmap, previous)
    # 24 now, 9 in the first half-year (6 at e1, 3 at the monitoring): (24 − 9) ÷ 9 × 100 = 166,7 %.
    assert c11.text == "24 (+166,7\u00a0%)"
    assert "предыдущий период — 9; динамика +166,7\u00a0%" in c11.details
    # 66,7 % now, 1 of 2 = 50 % then: +16,7 percentage points.
    assert c21.text == "66,7\u00a0% (+16,7\u00a0п.\u00a0п.)"


def test_indicator_assessment():
    assert assess(20, 60, 60) == "достигнуто"
    assert assess(20, 60, 40) == "улучшение"
    assert assess(20, 60, 20) == "без изменений"
    assert assess(20, 60, 10) == "ухудшение"
    assert assess(30, 10, 8) == "достигнуто"  # lower is better when the target is below the baseline
    assert assess(30, 10, 35) == "ухудшение"
    assert assess(20, 60, None) == "нет данных"
    assert assess(30, 70, 28, first=22) == "ниже исходного, но с ростом"
    assert assess(30, 70, 20, first=22) == "ухудшение"
    report, roadmap = load(DATA / "report" / "report.yaml")
    table = indicator_table(report, roadmap)
    assert [(r.indicator, r.values, r.assessment) for r in table["sosh2"]] == [
        ("q1", [("май 2025", 20), ("ноябрь 2025", 40)], "улучшение"),
        ("q2", [("май 2025", 10), ("ноябрь 2025", 8)], "ухудшение"),
    ]


def test_example_report_by_hand():
    """examples/ust-labinsk-2025-report.yaml, summed by hand from its events."""
    report, roadmap = load(EXAMPLES / "ust-labinsk-2025-report.yaml")
    # heads: e01 34 + e02 29 + e06 15 + e08 15 + e11 15 + e13 6 + e15 3 + monitoring 30 + e20 12 + e21 6 = 165
    # teachers: 41 + 18 + 12 + 22 + 14 + 26 + 16 + 9 + 38 + 19 + 24 + 64 = 303; students: e16 146
    # parents: e14 212 + e16 118 = 330; specialists: 7 + 6 + 3 + 4 + 9 + 9 = 38
    assert participants_by_category(report) == {"heads": 165, "teachers": 303, "students": 146, "parents": 330, "specialists": 38}
    c11, c12, c21, c22 = criteria(report, roadmap)
    assert c11.value == 982
    assert shnor_participants(report) == 369
    assert len(shnor_reached(report, roadmap)) == 6
    # positive 539 of 626 respondents (13 events with feedback) = 86,1 %
    assert c12.value == 86.1 and c12.details == ["ответили 626, положительно — 539; мероприятий с обратной связью — 13 из 18"]
    # positive dynamics 61 of 89 assessed (e05 13/18, e07 10/14, e09 17/26, e12 1/3, e15 14/19, e18 6/9) = 68,5 %
    assert c21.value == 68.5
    # 29 cells: устранён 5, снижен 15, сохраняется 7, усилился 2 → (5 + 15) ÷ 29 = 69,0 %
    assert outcome_counts(report, roadmap) == {"устранён": 5, "снижен": 15, "сохраняется": 7, "усилился": 2}
    assert c22.value == 69.0 and c22.text == "69\u00a0%"
    assert [ref for ref, _, _ in persisting(report, roadmap)] == [
        "equipment.digital-equipment",
        "equipment.internet",
        "contingent.low-income",
        "professional-development.post-course-support",
        "professional-development.mentoring",
        "internal-assessment.result-discrepancy",
        "parents.poor-information",
        "parents.distancing",
    ]


def test_every_criterion_states_its_formula_in_russian():
    assert set(FORMULAS) == {"1.1", "1.2", "2.1", "2.2"}
    for text in FORMULAS.values():
        assert "×\u00a0100" in text.replace(" × 100", "×\u00a0100") and text.endswith(".")
    assert fmt(86.1, "%") == "86,1\u00a0%" and fmt(None) == "нет данных"
