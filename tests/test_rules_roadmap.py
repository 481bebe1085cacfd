"""Each rule of the method: the minimal valid file passes it, one change makes it fire."""

from __future__ import annotations

import copy

import pytest
from conftest import minimal

from neuspeh_cli.rules import all_rules
from neuspeh_cli.validate import validate_file


def problems_of(path):
    return validate_file(path).problems


def _custom(d):
    d["audit"].append(
        {
            "id": "own.transport",
            "factor": "contingent",
            "title": "Подвоз обучающихся из отдалённых хуторов",
            "schools": ["sosh1"],
        }
    )
    d["events"][0]["parameters"].append("own.transport")


def _no_stage_four(d):
    d["events"][2]["form"] = "семинар"


def _control_only(d):
    d["events"][0]["parameters"] = ["methodical-service.vacancies"]
    d["events"][1]["parameters"] = ["methodical-service.vacancies"]
    d["events"][2]["parameters"] = ["staffing.teacher-shortage"]


def _period(start, end):
    return _set(("document", "period"), {"start": start, "end": end})


def _one_group(d):
    d["events"][2]["groups"] = ["municipal"]  # the monitoring, now no control at all


def _all_shnor(d):
    for school in d["schools"]:
        school["shnor"] = True


def _set(path, value):
    def change(d):
        target = d
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _append(path, value):
    def change(d):
        target = d
        for key in path:
            target = target[key]
        target.append(copy.deepcopy(value))

    return change


# rule id → a change of the minimal file that must make the rule fire
FAILING = {
    "approval-incomplete": _set(("document", "approval", "name"), ""),
    "audit-empty": _set(("audit",), []),
    "parameter-unknown": _set(("audit", 0, "parameter"), "staffing.teacher-shortag"),
    "parameter-custom": _custom,
    "parameter-duplicate": _append(("audit",), {"parameter": "methodical-service.vacancies"}),
    "school-duplicate": _set(("schools", 1, "id"), "sosh1"),
    "school-same-name": _append(("schools",), {"id": "sosh1-2", "name": 'МБОУ "СОШ №1"'}),
    "school-unknown": _append(("audit", 0, "schools"), "sosh9"),
    "school-not-shnor": _append(("audit", 0, "schools"), "sosh3"),
    "parameter-no-schools": _set(("audit", 0, "schools"), []),
    "shnor-not-audited": _append(("schools",), {"id": "sosh4", "name": "МБОУ СОШ № 4", "shnor": True}),
    "parameter-not-addressed": _set(("events", 1, "parameters"), ["staffing.teacher-shortage"]),
    "code-dangling": _append(("events", 0, "parameters"), "parents.no-support"),
    "event-no-parameters": _set(("events", 0, "parameters"), []),
    "event-incomplete": _set(("events", 0, "place"), ""),
    "event-draft": _set(("events", 0, "draft"), True),
    "event-duplicate": lambda d: d["events"].append(copy.deepcopy(d["events"][0])),
    "form-unknown": _set(("events", 0, "form"), "зажигалка"),
    "management-cycle": _no_stage_four,
    "event-groups": _one_group,
    "event-groups-implicit": lambda d: d["events"][0].pop("groups"),
    "event-id-duplicate": _set(("events", 1, "id"), "e01"),
    "event-shnor-unknown": _set(("events", 1, "shnor"), ["sosh3"]),
    "event-shnor-implicit": lambda d: d["events"][1].pop("shnor"),
    "municipal-responsible": _set(("events", 0, "responsible"), "Руководители ОО"),
    "all-schools": _all_shnor,
    "parameter-control-only": _control_only,
    "all-parameters-not-control": _set(("events", 0, "parameters"), "все выявленные параметры"),
    "parameter-shnor-not-reached": lambda d: [e.update(shnor=["sosh1"]) for e in d["events"][:2]],
    "period-mismatch": _period("сентябрь 2023", "май 2024"),
    "period-inverted": _period("май 2026", "сентябрь 2025"),
    "monitoring-missing": _set(("monitoring", "events"), ["nope"]),
    "monitoring-not-control": _set(("events", 2, "form"), "семинар"),
    "indicator-unstructured": _set(("monitoring", "indicators"), ["Доля ШНОР с программой профилактики"]),
    "indicator-unmeasured": _set(("monitoring", "indicators", 0, "text"), "Наличие программы профилактики"),
    "indicator-values": _set(("monitoring", "indicators", 0, "target"), 120),
    "indicator-id-duplicate": _append(
        ("monitoring", "indicators"),
        {"id": "q1", "text": "Доля педагогов ШНОР, прошедших курсы", "unit": "%", "target": 50},
    ),
    "dates-before-approval": _set(("events", 0, "dates"), "Февраль 2025"),
    "monitoring-dates": _set(("events", 2, "dates"), "По отдельному графику"),
    "quality-indicators-missing": _set(("monitoring", "indicators"), []),
    "dates-slip": _set(("events", 0, "dates"), "Новябрь 2025"),
    "dates-unrecognised": _set(("events", 0, "dates"), "когда-нибудь"),
    "dates-outside-period": _set(("events", 0, "dates"), "Март 2024"),
    "dates-order": _set(("events", 2, "dates"), "Декабрь 2025, июнь 2025"),
    "abbreviation-unknown": _set(("events", 0, "place"), "ЦРБ"),
    "typography": _set(("events", 0, "name"), '"Моя профессия"'),
}


def test_minimal_file_passes_every_rule(write_yaml):
    assert problems_of(write_yaml(minimal())) == []


def test_every_roadmap_rule_has_a_failing_case():
    roadmap_rules = {
        r.id for r in all_rules() if r.kind == "roadmap" and r.check.__module__ != "neuspeh_cli.rules.links"
    }
    assert roadmap_rules == set(FAILING)


@pytest.mark.parametrize("rule_id", sorted(FAILING))
def test_rule_fires(write_yaml, rule_id):
    data = minimal()
    FAILING[rule_id](data)
    problems = problems_of(write_yaml(data))
    fired = [p for p in problems if p.rule == rule_id]
    assert fired, f"{rule_id} did not fire; got {[(p.rule, p.message) for p in problems]}"
    assert all(p.line > 1 for p in fired), fired


def test_unknown_parameter_suggests_the_closest_id(write_yaml):
    data = minimal()
    FAILING["parameter-unknown"](data)
    path = write_yaml(data)
    problems = problems_of(path)
    # One message that says to fix the audit; nothing suggests copying the slip into the events.
    (problem,) = problems
    assert problem.rule == "parameter-unknown"
    assert problem.message == (
        "параметра «staffing.teacher-shortag» нет в каталоге: опечатка в разделе I? Исправьте здесь на "
        "«staffing.teacher-shortage» — на него уже ссылаются мероприятия № 1 (e01), № 2 (e02)"
    )
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.endswith("parameter: staffing.teacher-shortag"))
    assert (problem.line, problem.column) == (line, lines[line - 1].index("staffing") + 1)


def test_draft_event_gets_warnings_not_errors_for_empty_fields(write_yaml):
    data = minimal()
    data["events"][0].update(draft=True, place="", responsible="")
    problems = [p for p in problems_of(write_yaml(data)) if p.rule == "event-incomplete"]
    assert {p.severity.value for p in problems} == {"warning"}
    assert len(problems) == 2


def test_inverted_range_is_an_error(write_yaml):
    data = minimal()
    data["events"][0]["dates"] = "октябрь – апрель 2025"
    (problem,) = [p for p in problems_of(write_yaml(data)) if p.rule == "dates-order"]
    assert problem.severity.value == "error"
    assert "перевёрнут" in problem.message


def test_methodical_service_needs_no_school(write_yaml):
    data = minimal()
    assert "schools" not in data["audit"][1]
    assert not [p for p in problems_of(write_yaml(data)) if p.rule == "parameter-no-schools"]


def test_one_event_for_all_parameters_is_no_loophole(write_yaml):
    """One ordinary event «for all parameters» does not count as prevention of each of them (issue 9)."""
    data = minimal()
    data["events"][1]["parameters"] = ["staffing.teacher-shortage"]
    data["events"][0]["parameters"] = "все выявленные параметры"
    problems = problems_of(write_yaml(data))
    (missing,) = [p for p in problems if p.rule == "parameter-not-addressed"]
    assert (
        "«methodical-service.vacancies»" in missing.message
        and "не заменяет мероприятия по самому параметру" in missing.message
    )
    assert [p.rule for p in problems if p.rule == "all-parameters-not-control"] == ["all-parameters-not-control"]


def test_schema_errors_are_russian_with_positions(write_yaml):
    text = (
        "document:\n  municipality: X\n  year: двадцать\n  approvel: {}\nevents:\n  - name: a\n    parameters: что-то\n"
    )
    problems = problems_of(write_yaml(text))
    messages = {(p.line, p.column, p.message) for p in problems}
    assert (3, 9, "«year»: ожидается целое число, а написано: текст «двадцать»") in messages
    assert (4, 3, "неизвестный ключ «approvel»: может быть, «approval»?") in messages
    assert (7, 17, "«parameters»: укажите список идентификаторов параметров или «все выявленные параметры»") in messages
    assert all(p.rule == "schema" for p in problems)


def test_key_with_all_items_commented_out_means_empty(write_yaml):
    data = minimal()
    data["audit"] = None
    data["events"] = None
    problems = problems_of(write_yaml(data))
    assert not [p for p in problems if p.rule == "schema"], problems
    assert {"audit-empty", "event-groups"} <= {p.rule for p in problems}


def test_an_unknown_id_far_from_the_catalog_gets_the_catalog_hint(write_yaml):
    data = minimal()
    data["audit"][0]["parameter"] = "teachers"
    (problem,) = [p for p in problems_of(write_yaml(data)) if p.rule == "parameter-unknown"]
    assert problem.message.endswith("список — `neuspeh catalog`")


def test_a_school_year_written_as_a_calendar_year_is_told_how_to_declare_it(write_yaml):
    data = minimal()
    data["document"]["year"] = 2025
    data["events"][0]["dates"] = "Апрель 2026"
    (problem,) = [p for p in problems_of(write_yaml(data)) if p.rule == "dates-outside-period"]
    assert (
        "замените в document строку «year: 2025» на «period: {start: сентябрь 2025, end: май 2026}»" in problem.message
    )
    data["events"][0]["dates"] = "Март 2024"
    (problem,) = [p for p in problems_of(write_yaml(data)) if p.rule == "dates-outside-period"]
    assert problem.message.endswith("проверьте год")


@pytest.mark.parametrize(
    ("monitoring", "form", "expected"),
    [
        ([], "анализ", "сошлитесь на мероприятие № 3 — допишите monitoring: events: [monitoring]"),
        (["monitor"], "мониторинг", "мероприятия с id «monitor» нет в events: сошлитесь на мероприятие № 3"),
    ],
)
def test_an_unlinked_monitoring_in_the_methods_words_is_pointed_at(write_yaml, monitoring, form, expected):
    data = minimal()
    data["monitoring"]["events"] = monitoring
    data["events"][2]["form"] = form
    (problem,) = [p for p in problems_of(write_yaml(data)) if p.rule == "monitoring-missing"]
    assert expected in problem.message


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        ("Новябрь 2025", "«Новябрь» — месяц написан с ошибкой, правильно «Ноябрь»"),
        ("Маи 2025", "«Маи» — месяц написан с ошибкой, правильно «Май»"),
        ("31.04.2025", "«31.04.2025» — такой даты нет: в апреле 30 дней"),
        ("32.10.2025", "«32.10.2025» — такой даты нет: в октябре 31 день"),
    ],
)
def test_date_slips_are_errors_with_the_right_form(write_yaml, dates, expected):
    data = minimal()
    data["events"][0]["dates"] = dates
    problems = problems_of(write_yaml(data))
    (problem,) = [p for p in problems if p.rule == "dates-slip"]
    assert expected in problem.message and problem.severity.value == "error"
    assert not [p for p in problems if p.rule == "dates-unrecognised"]


def test_a_half_year_without_its_number_says_what_to_write(write_yaml):
    """«в течение полугодия» cannot be put on months: the message says a half-year is not named, not «не распознана»."""
    data = minimal()
    data["events"][0]["dates"] = "в течение полугодия"
    (problem,) = [p for p in problems_of(write_yaml(data)) if p.rule == "dates-unrecognised"]
    assert problem.message == (
        "дата «в течение полугодия» не ставится ни на один месяц: не сказано, какое полугодие — напишите «I полугодие» "
        "или «II полугодие» (можно с годом: «II полугодие 2025/2026 учебного года»), или «В течение года»"
    )


def test_messages_name_an_event_by_its_number_and_its_id():
    """The document prints «№ 3», the file says «e05»: a message gives both, so either can be found."""
    from neuspeh_cli.domain.roadmap import Event
    from neuspeh_cli.rules.roadmap._shared import number_ref, numbered

    assert numbered(2, Event(id="e05", name="Семинар")) == "мероприятие № 3 (e05)"
    assert numbered(2, Event(name="Семинар")) == "мероприятие № 3"
    assert number_ref(0) == "№ 1"


def test_all_shnor_in_section_one_says_to_list_the_schools(write_yaml):
    """«schools: все ШНОР» in section I: not «ожидается список», but what section I wants there."""
    data = minimal()
    data["audit"][0]["schools"] = "все ШНОР"
    (problem,) = [p for p in problems_of(write_yaml(data)) if p.rule == "schema"]
    assert problem.message == (
        "«schools»: «все ШНОР» в разделе I не пишется: перечислите школы, где проявляется параметр, их "
        "идентификаторами из schools — [sosh5, sosh12]"
    )
