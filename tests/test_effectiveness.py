"""The four criteria of the method, against values computed by hand."""

from __future__ import annotations

from conftest import DATA, EXAMPLES

from neuspeh_cli.domain.effectiveness import (
    FORMULAS,
    change_label,
    criteria,
    fmt,
    indicator_table,
    level_label,
    outcome_counts,
    participants_by_category,
    persisting,
    shnor_participants,
    shnor_reached,
)
from neuspeh_cli.domain.report import linked_path
from neuspeh_cli.report_links import load_linked
from neuspeh_cli.validate import validate_file


def load(path, clean=True):
    """A report checked with its roadmap (no problems unless ``clean`` is False), and the roadmap's model."""
    loaded = validate_file(path)
    assert loaded.model is not None
    if clean:
        assert not loaded.problems, loaded.problems
    roadmap, problem = load_linked(linked_path(path, loaded.model.roadmap), "roadmap")
    assert roadmap is not None, problem
    return loaded.model, roadmap.model


NBSP = "\u00a0"


def test_small_report_by_hand():
    report, roadmap = load(DATA / "report" / "report.yaml")
    # Held: e1 (heads 10, teachers 5, specialists 2), e3 (specialists 4), mon (heads 3); e2 moved, e5 cancelled.
    assert participants_by_category(report) == {
        "heads": 13,
        "teachers": 5,
        "students": 0,
        "parents": 0,
        "specialists": 6,
    }
    c11, c12, c21, c22 = criteria(report, roadmap)
    assert c11.value == 24 and c11.text == f"24{NBSP}участия"
    assert c11.details[-1] == "динамика и сохранность: отчёт за предыдущий период не указан — сравнивать не с чем"
    assert shnor_participants(report) == 8 and shnor_reached(report, roadmap) == ["sosh2", "sosh3"]
    assert c12.value == 80.0  # 12 of 15
    # 2.1 on the method's base: (3 + 3) with positive dynamics of 24 participations = 25 %; of the 9 assessed, 66,7 %.
    assert c21.value == 25.0
    assert c21.details[:2] == [
        f"положительная динамика у 6 из 24{NBSP}участий (25{NBSP}%)",
        f"динамика оценивалась у 9 (37,5{NBSP}% участий), положительная — у 66,7{NBSP}% оценённых",
    ]
    assert c22.value == 50.0  # снижен + устранён = 2 of 4 cells
    assert outcome_counts(report, roadmap) == {"снижен": 1, "сохраняется": 1, "усилился": 1, "устранён": 1}
    # May → November, each school against its own May value: sosh1 q1 30→60, q2 15→20; sosh2 q1 20→40 better, q2 10→8
    # worse;
    # sosh3 10→10 and 12→12 unchanged. Levels: sosh1 q1 60 = target; 20, 40, 12 above the baselines; 8 and 10 below.
    assert c22.details[1] == (
        "показатели качества, 6 пар «школа × показатель»; изменение к предыдущему срезу той же школы: улучшение — 3, "
        "без изменений — 2, ухудшение — 1; "
        "уровень относительно исходного и целевого значений карты: целевое достигнуто — 1, лучше исходного — 3, хуже "
        "исходного — 2"
    )


def test_second_half_year_counts_its_own_period_against_the_first():
    """report-h2.yaml after report-h1.yaml, by hand.

    H2 counts e2 (teachers 3, parents 20), e3 (specialists 4), mon (heads 3) = 30 participations; e1, held in March, is
    left
    out (with it the sum would be 36). H1: e1 (heads 4, teachers 2) + mon (heads 3) = 9.
    """
    report, roadmap = load(DATA / "report" / "report-h2.yaml", clean=False)
    previous, _ = load(DATA / "report" / "report-h1.yaml")
    assert participants_by_category(report) == {
        "heads": 3,
        "teachers": 3,
        "students": 0,
        "parents": 20,
        "specialists": 4,
    }
    c11, c12, c21, c22 = criteria(report, roadmap, previous)
    # (30 − 9) ÷ 9 × 100 = 233,3 %
    assert c11.value == 30 and c11.text == f"30{NBSP}участий (+233,3{NBSP}%)"
    assert c11.details[3] == (
        "динамика к предыдущему периоду (I полугодие 2025 года): всего участий 9 → 30 (+233,3\u00a0%); руководители 7 "
        "→ 3 (−57,1\u00a0%); "
        "педагоги 2 → 3 (+50\u00a0%); обучающиеся 0 → 0; родители 0 → 20; специалисты 0 → 4; участий из ШНОР 4 → 6 "
        "(+50\u00a0%); охвачено ШНОР 2 → 1 (−50\u00a0%)"
    )
    # ШНОР reached: H1 sosh2 and sosh3; H2 only sosh3 (e2, mon) → 1 of 2 kept.
    assert (
        c11.details[4]
        == "сохранность: из 2 ШНОР, охваченных в предыдущем периоде, охвачены и в отчётном 1 (50\u00a0%); выбыли: СОШ "
        "№ 2"
    )
    # e2's blank «positive» is missing, not 0: 1.2 = mon's 3 of 3.
    assert c12.value == 100.0
    assert c12.details == [
        "ответили 3, положительно — 3; мероприятий с обратной связью — 1 из 3",
        "не учтено мероприятий без числа положительных отзывов: 1 (пустое — не ноль)",
    ]
    # 2.1: 3 of 30 = 10 %; H1: 1 of 9 = 11,1 % → −1,1 п. п.
    assert c21.value == 10.0 and c21.text == f"10{NBSP}% (−1,1{NBSP}п.{NBSP}п.)"
    # November against H1's May round: the same six pairs as the year's report.
    assert "улучшение — 3, без изменений — 2, ухудшение — 1" in c22.details[1]


def test_a_first_and_only_round_is_not_a_change():
    report, roadmap = load(DATA / "report" / "report-h1.yaml")
    table = indicator_table(report, roadmap)
    assert {row.change for rows in table.values() for row in rows} == {"один срез"}
    assert [row.level for row in table["sosh2"]] == ["на уровне исходного", "на уровне исходного"]
    # May: sosh1 q1 30, q2 15 and sosh3 q2 12 above the baselines (20, 10); sosh2 20 and 10 on them; sosh3 q1 10 below.
    assert criteria(report, roadmap)[3].details == [
        "выходной аудит не проводился: ни одна из 4 ячеек раздела I не оценена",
        "показатели качества, 6 пар «школа × показатель»: пока один срез — изменение не оценивается; "
        "уровень относительно исходного и целевого значений карты: лучше исходного — 3, на уровне исходного — 2, хуже "
        "исходного — 1",
    ]


def test_change_is_against_the_previous_reports_round():
    report, roadmap = load(DATA / "report" / "report-h2.yaml", clean=False)
    previous, _ = load(DATA / "report" / "report-h1.yaml")
    alone = indicator_table(report, roadmap)
    assert {row.change for rows in alone.values() for row in rows} == {"один срез"}
    table = indicator_table(report, roadmap, previous)
    assert [(r.values, r.change, r.level) for r in table["sosh2"]] == [
        ([("май 2025", 20), ("ноябрь 2025", 40)], "улучшение", "лучше исходного"),
        ([("май 2025", 10), ("ноябрь 2025", 8)], "ухудшение", "хуже исходного"),
    ]


def test_the_h2_report_warns_what_it_leaves_out():
    loaded = validate_file(DATA / "report" / "report-h2.yaml")
    assert [(p.rule, p.line) for p in loaded.problems] == [("report-held-outside", 14), ("report-blank", 23)]


def test_change_and_level_are_separate_labels():
    # change: the last value against the school's own earlier one
    assert change_label(20, 40) == "улучшение"
    assert change_label(40, 20) == "ухудшение"
    assert change_label(0, 50) == "улучшение"  # 0 → 50 is a change, whatever the baseline
    assert change_label(20, 20) == "без изменений"
    assert change_label(None, 20) == "один срез"
    assert change_label(None, None) == "нет данных"
    assert (
        change_label(30, 20, higher_is_better=False) == "улучшение"
    )  # lower is better when the target is below the baseline
    assert change_label(30, 20, higher_is_better=None) == "снижение"
    # level: against the roadmap's baseline and target, never a change
    assert level_label(20, 60, 60) == "целевое достигнуто"
    assert (
        level_label(20, 60, 40) == "лучше исходного"
    )  # a fall from 55 to 40 is still above the baseline: the change says «ухудшение»
    assert level_label(20, 60, 20) == "на уровне исходного"
    assert level_label(20, 60, 10) == "хуже исходного"
    assert level_label(30, 10, 8) == "целевое достигнуто"
    assert level_label(30, 10, 35) == "хуже исходного"
    assert level_label(20, 60, None) == "нет данных"
    assert level_label(None, 60, 30) == "нет исходного или целевого значения"
    report, roadmap = load(DATA / "report" / "report.yaml")
    table = indicator_table(report, roadmap)
    assert [(r.indicator, r.values, r.change, r.level) for r in table["sosh2"]] == [
        ("q1", [("май 2025", 20), ("ноябрь 2025", 40)], "улучшение", "лучше исходного"),
        ("q2", [("май 2025", 10), ("ноябрь 2025", 8)], "ухудшение", "хуже исходного"),
    ]


def test_example_report_by_hand():
    """examples/ust-labinsk-2025-report.yaml, summed by hand from its events."""
    report, roadmap = load(EXAMPLES / "ust-labinsk-2025-report.yaml")
    # heads: e01 34 + e02 29 + e06 15 + e08 15 + e11 15 + e13 6 + e15 3 + monitoring 30 + e20 12 + e21 6 = 165
    # teachers: 41 + 18 + 12 + 22 + 14 + 26 + 16 + 9 + 38 + 19 + 24 + 64 = 303; students: e16 146
    # parents: e14 212 + e16 118 = 330; specialists: 7 + 6 + 3 + 4 + 9 + 9 = 38
    assert participants_by_category(report) == {
        "heads": 165,
        "teachers": 303,
        "students": 146,
        "parents": 330,
        "specialists": 38,
    }
    c11, c12, c21, c22 = criteria(report, roadmap)
    assert c11.value == 982 and c11.text == f"982{NBSP}участия"
    assert shnor_participants(report) == 369
    assert len(shnor_reached(report, roadmap)) == 6
    # positive 539 of 626 respondents (13 events with feedback) = 86,1 %
    assert c12.value == 86.1 and c12.details == [
        "ответили 626, положительно — 539; мероприятий с обратной связью — 13 из 18"
    ]
    # positive dynamics 61 of 89 assessed, of 982 participations (e05 13/18, e07 10/14, e09 17/26, e12 1/3, e15 14/19,
    # e18 6/9) = 68,5 %
    assert c21.value == 6.2  # 61 ÷ 982 × 100, the method's base
    assert c21.details[1] == f"динамика оценивалась у 89 (9,1{NBSP}% участий), положительная — у 68,5{NBSP}% оценённых"
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
        assert "× 100" in text and text.endswith(".")
    assert fmt(86.1, "%") == "86,1\u00a0%" and fmt(None) == "нет данных"
