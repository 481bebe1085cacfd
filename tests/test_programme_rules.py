"""Each rule of the school programme: the minimal programme passes it, one change makes it fire."""

from __future__ import annotations

import copy

import pytest
import yaml
from conftest import DATA, EXAMPLES

from neuspeh_cli.rules import all_rules
from neuspeh_cli.validate import validate_file

SEED = EXAMPLES / "school-2022-seed.yaml"
CORRECTED = EXAMPLES / "school-2022.yaml"


def programme() -> dict:
    return copy.deepcopy(yaml.safe_load((DATA / "programme" / "minimal.yaml").read_text(encoding="utf-8")))


def problems_of(path):
    return validate_file(path).problems


def fired(write_yaml, data, rule_id):
    problems = problems_of(write_yaml(data))
    return [p for p in problems if p.rule == rule_id], problems


def _set(path, value):
    def change(d):
        target = d
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = copy.deepcopy(value)

    return change


def _delete(path):
    def change(d):
        target = d
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return change


def _renumber_tasks(d):
    d["tasks"][1]["number"] = 3
    d["indicators"][1]["task"] = 3
    d["roadmap"][1]["task"] = 3


def _duplicate_row(d):
    d["roadmap"].append(copy.deepcopy(d["roadmap"][1]))


def _no_indicator(d):
    del d["indicators"][1]


# rule id → (a change of the minimal programme that makes the rule fire, a phrase of its message)
FAILING = {
    "programme-incomplete": (_set(("goal",), ""), "раздел пуст: напишите цель программы (goal)"),
    "task-numbering": (_renumber_tasks, "задача 3 идёт после задачи 1: пропущена задача 2"),
    "indicator-numbering": (
        _set(("indicators", 1, "number"), 3),
        "показатель 3 идёт после показателя 1: пропущен показатель 2",
    ),
    "stage-numbering": (_set(("stages", 1, "number"), 1), "этап 1 уже есть"),
    "task-incomplete": (
        _delete(("roadmap", 1, "measures", 0, "deadline")),
        "у меры «разработка индивидуальных планов» нет срока исполнения",
    ),
    "roadmap-task-unknown": (
        _set(("roadmap", 1, "task"), 9),
        "в дорожной карте задача 9, а в tasks такой нет (есть: 1, 2)",
    ),
    "roadmap-task-duplicate": (_duplicate_row, "задача 2 уже есть в дорожной карте"),
    "indicator-task-unknown": (
        _set(("indicators", 1, "task"), 7),
        "показатель 2 привязан к задаче 7, а в tasks такой нет (есть: 1, 2)",
    ),
    "stage-incomplete": (_set(("stages", 1, "period"), ""), "этап 2: укажите сроки (period)"),
    "stage-order": (
        _set(("stages", 1, "period"), "август 2025 г."),
        "этап 2 «август 2025 г.» начинается раньше этапа 1 «сентябрь – октябрь 2025 г.»",
    ),
    "stage-outside-period": (
        _set(("stages", 1, "period"), "октябрь 2025 г. – июнь 2026 г."),
        "выходит за срок программы (сентябрь 2025 – май 2026): июнь 2026",
    ),
    "deadline-outside-period": (
        _set(("roadmap", 1, "measures", 0, "deadline"), "июнь 2026 г."),
        "срок «июнь 2026 г.» вне срока программы (сентябрь 2025 – май 2026)",
    ),
    "deadline-unrecognised": (
        _set(("roadmap", 1, "measures", 0, "deadline"), "когда получится"),
        "срок «когда получится» не распознан",
    ),
    "month-order": (
        _set(("roadmap", 1, "measures", 1, "deadline"), "ежемесячно, октябрь – апрель, 2025 г."),
        "перевёрнут: октябрь 2025 позже, чем апрель 2025",
    ),
    "programme-parameter-unknown": (
        _set(("parameters",), ["staffing.teacher-shortag"]),
        "параметра «staffing.teacher-shortag» нет в каталоге (может быть, «staffing.teacher-shortage»?)",
    ),
    "programme-typography": (
        _set(("directions", 0), "психолого – педагогическое сопровождение"),
        "«психолого – педагогическое»: части сложного слова пишутся через дефис без пробелов: "
        "«психолого-педагогическое»",
    ),
}


def test_minimal_programme_passes_every_rule(write_yaml):
    problems = problems_of(write_yaml(programme()))
    assert problems == [], [(p.rule, p.message) for p in problems]


def test_every_programme_rule_has_a_failing_case():
    assert {
        r.id for r in all_rules() if r.kind == "programme" and r.check.__module__ != "neuspeh_cli.rules.links"
    } == set(FAILING)


@pytest.mark.parametrize("rule_id", sorted(FAILING))
def test_rule_fires(write_yaml, rule_id):
    change, phrase = FAILING[rule_id]
    data = programme()
    change(data)
    mine, problems = fired(write_yaml, data, rule_id)
    assert mine, f"{rule_id} did not fire; got {[(p.rule, p.message) for p in problems]}"
    assert any(phrase in p.message for p in mine), [p.message for p in mine]
    assert all(p.line > 1 for p in mine), mine


@pytest.mark.parametrize("rule_id", sorted(FAILING))
def test_rule_names_the_line_of_the_change(write_yaml, rule_id):
    """The problem points at the line that was changed (or the item that lacks something)."""
    change, _ = FAILING[rule_id]
    data = programme()
    change(data)
    path = write_yaml(data)
    lines = path.read_text(encoding="utf-8").splitlines()
    mine = [p for p in problems_of(path) if p.rule == rule_id]
    for problem in mine:
        assert 1 < problem.line <= len(lines), problem
        assert problem.column >= 1


def test_gap_points_at_the_number_after_the_gap(write_yaml):
    data = programme()
    _renumber_tasks(data)
    path = write_yaml(data)
    (problem,) = [p for p in problems_of(path) if p.rule == "task-numbering"]
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.strip() == "- number: 3")
    assert (problem.line, problem.column) == (line, lines[line - 1].index("3") + 1)
    assert (
        problem.message
        == "задача 3 идёт после задачи 1: пропущена задача 2; перенумеруйте задачи подряд и исправьте номера задач "
        "(task) в indicators и roadmap"
    )


def test_tasks_without_numbers_are_numbered_in_order(write_yaml):
    data = programme()
    for task in data["tasks"]:
        del task["number"]
    problems = problems_of(write_yaml(data))
    assert problems == [], [(p.rule, p.message) for p in problems]


def test_one_task_without_number_among_numbered(write_yaml):
    data = programme()
    del data["tasks"][1]["number"]
    mine, _problems = fired(write_yaml, data, "task-numbering")
    assert [p.message for p in mine] == [
        "у задачи нет номера (number), а у остальных есть: пронумеруйте все или уберите номера у всех"
    ]


def test_task_missing_from_roadmap(write_yaml):
    data = programme()
    del data["roadmap"][1]
    mine, _ = fired(write_yaml, data, "task-incomplete")
    assert [p.message for p in mine] == [
        "задачи 2 нет в дорожной карте: добавьте в roadmap строку с task: 2 — результаты, меры со сроками, показатели "
        "и ответственных"
    ]


@pytest.mark.parametrize(
    "field, phrase",
    [
        ("results", "укажите ожидаемые конечные результаты (results)"),
        ("measures", "перечислите мероприятия/меры (measures)"),
        ("responsible", "укажите ответственных (responsible)"),
    ],
)
def test_roadmap_row_parts(write_yaml, field, phrase):
    data = programme()
    del data["roadmap"][0][field]
    mine, _ = fired(write_yaml, data, "task-incomplete")
    assert [p.message for p in mine] == [
        f"задача 1 в дорожной карте: {phrase}" + (", у каждой — срок (deadline)" if field == "measures" else "")
    ]


def test_task_needs_an_indicator(write_yaml):
    data = programme()
    _no_indicator(data)
    mine, _ = fired(write_yaml, data, "task-incomplete")
    assert [p.message for p in mine] == [
        "задача 2 в дорожной карте: нет показателя: добавьте в indicators целевой показатель с task: 2 или напишите "
        "показатели в графе indicators строки"
    ]
    data["roadmap"][1]["indicators"] = ["разработаны индивидуальные планы"]
    assert not fired(write_yaml, data, "task-incomplete")[0]


def test_indicator_without_task(write_yaml):
    data = programme()
    del data["indicators"][0]["task"]
    mine, _ = fired(write_yaml, data, "indicator-task-unknown")
    assert [p.message for p in mine] == [
        "показатель 1 не привязан к задаче: укажите task — номер задачи, достижение которой он измеряет (есть: 1, 2)"
    ]


def test_school_year_range_without_year_is_not_inverted(write_yaml):
    data = programme()
    data["roadmap"][1]["measures"][1]["deadline"] = "ежемесячно, октябрь – апрель"
    problems = problems_of(write_yaml(data))
    assert problems == [], [(p.rule, p.message) for p in problems]


def test_month_without_year_inside_period(write_yaml):
    data = programme()
    data["roadmap"][1]["measures"][0]["deadline"] = "сентябрь"
    assert problems_of(write_yaml(data)) == []
    data["roadmap"][1]["measures"][0]["deadline"] = "июль"
    mine, _ = fired(write_yaml, data, "deadline-outside-period")
    assert [p.message for p in mine] == [
        "срок «июль» вне срока программы (сентябрь 2025 – май 2026): июль; проверьте год или продлите срок программы "
        "(period)"
    ]


def test_inverted_range_is_an_error_and_a_list_out_of_order_a_warning(write_yaml):
    data = programme()
    FAILING["month-order"][0](data)
    (inverted,) = fired(write_yaml, data, "month-order")[0]
    assert inverted.severity.value == "error"
    data = programme()
    data["roadmap"][1]["measures"][0]["deadline"] = "декабрь 2025 г., октябрь 2025 г."
    (listed,) = fired(write_yaml, data, "month-order")[0]
    assert listed.severity.value == "warning"
    assert "не по порядку" in listed.message


def test_period_inverted(write_yaml):
    data = programme()
    data["period"] = {"start": "май 2026", "end": "сентябрь 2025"}
    mine, _ = fired(write_yaml, data, "month-order")
    assert [p.message for p in mine] == ["срок программы перевёрнут: начало «май 2026» позже окончания «сентябрь 2025»"]


def test_period_as_years(write_yaml):
    data = programme()
    data["period"] = {"start": "2025", "end": "2026"}
    assert problems_of(write_yaml(data)) == []


def test_period_schema_error_is_russian_with_position(write_yaml):
    data = programme()
    data["period"]["start"] = "весной"
    path = write_yaml(data)
    problems = problems_of(path)
    assert [(p.rule, p.message) for p in problems] == [
        ("schema", "«start»: «весной» — напишите месяц и год («сентябрь 2022») или год («2022»)")
    ]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[problems[0].line - 1].strip() == "start: весной"


def test_period_written_as_one_phrase_gets_a_precise_message(write_yaml):
    data = programme()
    data["period"] = "сентябрь 2025 – май 2026"
    path = write_yaml(data)
    problems = problems_of(path)
    assert [(p.rule, p.message) for p in problems] == [
        (
            "schema",
            "«period»: «сентябрь 2025 – май 2026» — напишите начало и окончание отдельно: period: {start: сентябрь "
            "2022, end: май 2023}",
        )
    ]
    assert path.read_text(encoding="utf-8").splitlines()[problems[0].line - 1].startswith("period:")


def test_unknown_key_is_a_schema_error(write_yaml):
    data = programme()
    data["roadmap"][0]["responsibles"] = data["roadmap"][0].pop("responsible")
    problems = problems_of(write_yaml(data))
    assert ("schema", "неизвестный ключ «responsibles»: может быть, «responsible»?") in [
        (p.rule, p.message) for p in problems
    ]


# ---------------------------------------------------------------- the examples


def _line(path, text: str, after: str | None = None) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i, line in enumerate(lines[start:], start + 1) if line.strip() == text)


def test_seed_programme_reports_its_real_defects(cli):
    result = cli("validate", SEED)
    assert result.exit_code == 1, result.output
    out = result.output
    expected = [
        (
            _line(SEED, "- number: 4", after="tasks:"),
            "задача 4 идёт после задачи 2: пропущена задача 3",
            "task-numbering",
        ),
        (
            _line(SEED, "- number: 4", after="indicators:"),
            "показатель 4 идёт после показателя 2: пропущен показатель 3",
            "indicator-numbering",
        ),
        (
            _line(SEED, "period: апрель - май 2022 г."),
            "этап 3 «апрель - май 2022 г.» начинается раньше этапа 2 «октябрь 2022 г. - май 2023г.»",
            "stage-order",
        ),
        (
            _line(SEED, "deadline: Ежемесячно, октябрь – апрель, 2022 г."),
            "период «Ежемесячно, октябрь – апрель, 2022 г.» перевёрнут: октябрь 2022 позже, чем апрель 2022",
            "month-order",
        ),
    ]
    for line, phrase, rule_id in expected:
        assert any(
            f"school-2022-seed.yaml:{line}:" in row and phrase in row and f"[{rule_id}]" in row
            for row in out.splitlines()
        ), f"no «{phrase}» at line {line}:\n{out}"


def test_seed_programme_problem_count():
    problems = problems_of(SEED)
    errors = sorted(p.rule for p in problems if p.severity.value == "error")
    assert errors == sorted(
        ["task-numbering", "indicator-numbering", "stage-order", "stage-outside-period"]
        + ["month-order"] * 2
        + ["deadline-outside-period"] * 2
        + ["task-incomplete"] * 5
    ), [(p.line, p.rule, p.message) for p in problems]


def test_corrected_programme_is_clean(cli):
    result = cli("validate", CORRECTED)
    assert result.exit_code == 0, result.output
    assert result.output == f"{CORRECTED}: замечаний нет\nПроверено: 1 файл, 0 ошибок, 0 предупреждений, 0 замечаний.\n"
