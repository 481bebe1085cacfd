"""Rules of the implementation report: each has a failing case; hostile and half-filled files give clear messages."""

from __future__ import annotations

import copy
import shutil

import pytest
import yaml
from conftest import DATA

from neuspeh_cli.validate import validate_file

REPORT = DATA / "report" / "report.yaml"
ROADMAP = DATA / "report" / "roadmap.yaml"


def report_data() -> dict:
    return copy.deepcopy(yaml.safe_load(REPORT.read_text(encoding="utf-8")))


@pytest.fixture
def check(tmp_path):
    """Write a report (dict or text) beside a copy of the test roadmap; return its problems as (rule, message, line)."""
    shutil.copy(ROADMAP, tmp_path / "roadmap.yaml")

    def run(data, roadmap_text: str | None = None):
        if roadmap_text is not None:
            (tmp_path / "roadmap.yaml").write_text(roadmap_text, encoding="utf-8")
        path = tmp_path / "report.yaml"
        path.write_text(
            data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
        result = validate_file(path)
        return [(p.rule, p.message, p.line) for p in result.problems]

    return run


def rules(problems) -> set[str]:
    return {rule for rule, _, _ in problems}


def messages(problems, rule: str) -> list[str]:
    return [message for r, message, _ in problems if r == rule]


def test_the_filled_report_is_clean(check):
    assert check(report_data()) == []


def test_kind_is_detected_without_the_kind_key(check):
    data = report_data()
    del data["kind"]
    assert check(data) == []


# ---------------------------------------------------------------- links


def test_roadmap_missing(check):
    data = report_data()
    data["roadmap"] = "nowhere.yaml"
    problems = check(data)
    assert rules(problems) == {"report-roadmap"}
    assert "файл не найден" in messages(problems, "report-roadmap")[0]


def test_roadmap_is_not_a_roadmap(check, tmp_path):
    (tmp_path / "prog.yaml").write_text(
        (DATA / "programme" / "minimal.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    data = report_data()
    data["roadmap"] = "prog.yaml"
    problems = check(data)
    assert messages(problems, "report-roadmap") == [
        f"{tmp_path / 'prog.yaml'} — это школьная программа, а нужен файл вида kind: roadmap (дорожная карта)"
    ]


def test_roadmap_is_the_report_itself(check):
    data = report_data()
    data["roadmap"] = "report.yaml"
    assert messages(check(data), "report-roadmap") == ["roadmap указывает на сам отчёт: укажите файл дорожной карты"]


def test_roadmap_is_a_folder(check, tmp_path):
    (tmp_path / "dir.yaml").mkdir()
    data = report_data()
    data["roadmap"] = "dir.yaml"
    assert "это папка" in messages(check(data), "report-roadmap")[0]


def test_roadmap_with_schema_errors(check):
    text = ROADMAP.read_text(encoding="utf-8").replace("  municipality: Тестовский район\n", "")
    problems = check(report_data(), roadmap_text=text)
    assert rules(problems) == {"report-roadmap"}
    assert "не прошла проверку схемы" in messages(problems, "report-roadmap")[0]


def test_previous_report_missing(check):
    data = report_data()
    data["previous"] = "h1.yaml"
    assert rules(check(data)) == {"report-previous"}


def test_period_outside_the_roadmap(check):
    data = report_data()
    data["period"] = {"start": "июль 2025", "end": "июнь 2026"}
    problems = check(data)
    assert messages(problems, "report-period") == [
        "отчётный период «июль 2025 – июнь 2026» выходит за срок дорожной карты (январь 2025 – декабрь 2025): отчёт "
        "составляется за полугодие или год внутри срока карты"
    ]


def test_period_inverted(check):
    data = report_data()
    data["period"] = {"start": "июнь 2025", "end": "январь 2025"}
    assert "перевёрнут" in messages(check(data), "report-period")[0]


# ---------------------------------------------------------------- references


def test_unknown_event_school_indicator_parameter(check):
    data = report_data()
    data["events"][0]["event"] = "e9"
    data["events"][3]["participants"]["shnor_schools"] = {"sosh2": 1, "sosh33": 1}
    data["monitoring"][0]["schools"][0]["values"]["q9"] = 5
    data["monitoring"][0]["schools"][1]["school"] = "sosh7"
    data["outcomes"][1]["parameter"] = "parents.distance"
    data["outcomes"][0]["schools"][0]["school"] = "sosh1"
    found = messages(check(data), "report-unknown-id")
    assert "мероприятия «e9» нет в дорожной карте: укажите id мероприятия из events дорожной карты" in found
    assert "школы «sosh33» нет в schools дорожной карты (может быть, «sosh3»?)" in found
    assert any(m.startswith("показателя «q9» нет среди показателей качества") for m in found)
    assert any(m.startswith("школы «sosh7» нет в schools дорожной карты") for m in found)
    assert any(
        m.startswith("параметра «parents.distance» нет в разделе I дорожной карты (может быть, «parents.distancing»?)")
        for m in found
    )
    assert (
        "школа «sosh1» не указана в разделе I для параметра «staffing.teacher-shortage»: выходной аудит оценивает "
        "только ячейки раздела I; "
        "риск, выявленный в ней в течение года, запишите в risks (parameter: staffing.teacher-shortage, schools: "
        "[sosh1], found, evidence) — "
        "он перейдёт во входной аудит следующего года"
    ) in found


def test_event_described_twice(check):
    data = report_data()
    data["events"].append(copy.deepcopy(data["events"][0]))
    assert "мероприятие № 1 (e1) уже описано (events, пункт 1): оставьте одно описание" in messages(
        check(data), "report-unknown-id"
    )


def test_event_of_the_roadmap_missing_from_the_report(check):
    data = report_data()
    del data["events"][2]
    found = messages(check(data), "report-event-missing")
    assert found == [
        "мероприятие № 3 (e3) дорожной карты не описано в отчёте: добавьте его (`neuspeh report init` допишет "
        "недостающие)"
    ]


# ---------------------------------------------------------------- events


def test_past_event_without_status(check):
    data = report_data()
    del data["events"][0]["status"]
    problems = check(data)
    assert (
        "мероприятие № 1 (e1), срок — Март 2025: укажите status — проведено, проводится, перенесено (и new_date), "
        "отменено (и reason) или не начато" in messages(problems, "report-status-missing")
    )


def test_future_event_without_status_is_fine_in_a_half_year_report(check):
    data = report_data()
    data["period"] = {"start": "январь 2025", "end": "июнь 2025"}
    data["events"][1] = {"event": "e2"}  # October: not yet due
    data["events"][4] = {"event": "e5"}  # December
    data["events"][2]["status"] = None  # «в течение года»: due at the year's end
    data["monitoring"] = data["monitoring"][:1]
    data["outcomes"] = []
    data["corrections"] = []
    problems = check(data)
    assert rules(problems) == set(), problems


def test_held_without_date_or_participants(check):
    data = report_data()
    data["events"][0]["held"] = ""
    data["events"][0]["participants"] = {}
    data["events"][0]["feedback"] = {}
    data["events"][0]["dynamics"] = {}
    assert messages(check(data), "report-held-incomplete") == [
        "мероприятие № 1 (e1) проведено: укажите в held фактическую дату («12.03.2025»)",
        "мероприятие № 1 (e1) проведено: укажите участников по категориям (participants: heads, teachers, students, "
        "parents, specialists)",
    ]


def test_moved_without_new_date_and_cancelled_without_reason(check):
    data = report_data()
    del data["events"][1]["new_date"]
    del data["events"][4]["reason"]
    found = messages(check(data), "report-held-incomplete")
    assert found == [
        "мероприятие № 2 (e2) перенесено: укажите новый срок в new_date («Октябрь 2025») и причину в reason",
        "мероприятие № 5 (e5) отменено: укажите причину в reason",
    ]


def test_participants_of_an_event_not_held(check):
    data = report_data()
    data["events"][1]["participants"] = {"parents": 30}
    assert rules(check(data)) == {"report-not-held-participants"}


def test_shnor_participant_not_a_shnor(check):
    data = report_data()
    data["events"][0]["participants"]["shnor_schools"] = {"sosh1": 2, "sosh3": 4}
    assert messages(check(data), "report-shnor-not-shnor") == [
        "школа «sosh1» не ШНОР по дорожной карте: в shnor_schools — только школы с shnor: true (sosh2, sosh3)"
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"participants": {"heads": 2, "shnor": 3}},
            "мероприятие № 1 (e1): из ШНОР 3, а всего участников 2 (руководители 2)",
        ),
        (
            {"participants": {"heads": 10, "shnor": 6, "shnor_schools": {"sosh2": 2, "sosh3": 3}}},
            "мероприятие № 1 (e1): по школам 2 + 3 = 5, а из ШНОР указано 6: числа должны совпадать",
        ),
        (
            {"participants": {"heads": 10, "shnor_schools": {"sosh2": 2}}},
            "мероприятие № 1 (e1): участники по ШНОР указаны (2), а общее число из ШНОР (shnor) — нет",
        ),
        (
            {"feedback": {"respondents": 5, "positive": 6}},
            "мероприятие № 1 (e1): положительных отзывов 6, а ответивших 5",
        ),
        (
            {"feedback": {"positive": 6}},
            "мероприятие № 1 (e1): укажите respondents — сколько участников ответили на анкету (положительных 6)",
        ),
        ({"feedback": {"respondents": 50}}, "мероприятие № 1 (e1): ответивших 50, а участников всего 17"),
        (
            {"dynamics": {"assessed": 3, "positive": 4}},
            "мероприятие № 1 (e1): с положительной динамикой 4, а оценено 3",
        ),
        ({"dynamics": {"assessed": 30}}, "мероприятие № 1 (e1): динамика оценена у 30, а участников всего 17"),
    ],
)
def test_counts_that_do_not_add_up(check, change, expected):
    data = report_data()
    data["events"][0].update(change)
    assert expected in messages(check(data), "report-counts")


# ---------------------------------------------------------------- indicators


def test_indicator_values_outside_their_unit(check):
    data = report_data()
    data["monitoring"][0]["schools"][0]["values"] = {"q1": 120, "q2": -3}
    assert messages(check(data), "report-indicator-range") == [
        "показатель «q1» школы «sosh1» (май 2025): 120 % — доля в процентах — от 0 до 100",
        "показатель «q2» школы «sosh1» (май 2025): -3 чел. — количество — не меньше 0",
    ]


def test_round_outside_the_period(check):
    data = report_data()
    data["monitoring"][1]["round"] = "ноябрь 2026"
    data["monitoring"][0]["round"] = "весной"
    assert messages(check(data), "report-round") == [
        "срез «весной»: напишите месяц и год мониторинга («май 2025»)",
        "срез «ноябрь 2026» вне отчётного периода (январь 2025 – декабрь 2025)",
    ]


# ---------------------------------------------------------------- output audit


def test_output_audit_misses_a_cell(check):
    data = report_data()
    del data["outcomes"][0]["schools"][1]
    del data["outcomes"][1]
    found = messages(check(data), "report-outcome-missing")
    assert (
        "параметр «staffing.teacher-shortage»: нет итога по школе «sosh3» (она указана для него в разделе I)" in found
    )
    assert "в выходном аудите нет параметра «parents.distancing» раздела I: добавьте его со школами sosh3" in found


def test_final_report_without_results(check):
    data = report_data()
    data["outcomes"][0]["schools"][0]["result"] = None
    data["outcomes"][2]["result"] = None
    found = messages(check(data), "report-outcome-missing")
    assert found == [
        "параметр «staffing.teacher-shortage», школа «sosh2»: укажите итог — устранён, снижен, сохраняется или "
        "усилился",
        "параметр «methodical-service.low-qualification» (без школ): укажите итог в result — устранён, снижен, "
        "сохраняется или усилился",
    ]


def test_outcome_without_evidence(check):
    data = report_data()
    data["outcomes"][0]["schools"][0]["evidence"] = ""
    assert rules(check(data)) == {"report-outcome-evidence"}


# ---------------------------------------------------------------- corrections


def test_moved_event_without_a_correction(check):
    data = report_data()
    data["corrections"] = data["corrections"][1:]
    assert messages(check(data), "report-correction-missing") == [
        "мероприятие № 2 (e2) перенесено: добавьте в corrections запись (change: перенесено, event: e2, date, reason, "
        "document)"
    ]


def test_correction_of_an_unknown_event(check):
    data = report_data()
    data["corrections"].append({"change": "изменено", "event": "e77"})
    data["corrections"].append({"change": "добавлено"})
    found = messages(check(data), "report-unknown-id")
    assert "мероприятия «e77» нет в дорожной карте" in found
    assert "для добавленного мероприятия укажите name (название) или event (его id в дорожной карте)" in found


# ---------------------------------------------------------------- hostile and half-filled


@pytest.mark.parametrize(
    ("text", "rule", "fragment"),
    [
        ("kind: report\nroadmap: roadmap.yaml\n", "schema", "period"),
        ("kind: report\nroadmap: roadmap.yaml\nperiod: 2025\n", "schema", ""),
        (
            "kind: report\nroadmap: roadmap.yaml\nperiod: {start: январь 2025, end: декабрь 2025}\nevents: 5\n",
            "schema",
            "",
        ),
        (
            "kind: report\nroadmap: roadmap.yaml\nperiod: {start: январь 2025, end: декабрь 2025}\nevents:\n  - "
            "{event: e1, status: сделано}\n",
            "schema",
            "проведено",
        ),
        (
            "kind: report\nroadmap: roadmap.yaml\nperiod: {start: январь 2025, end: декабрь 2025}\nevents:\n  - "
            "{event: e1, participants: {heads: -1}}\n",
            "schema",
            "",
        ),
        (
            "kind: report\nroadmap: roadmap.yaml\nperiod: {start: январь 2025, end: декабрь 2025}\nmonitoring:\n  - "
            "{round: май 2025, schools: [{school: sosh1, values: {q1: много}}]}\n",
            "schema",
            "",
        ),
        ("kind: report\nroadmap: [1, 2]\nperiod: {start: январь 2025, end: декабрь 2025}\n", "schema", ""),
        (
            "kind: report\nroadmap: roadmap.yaml\nperiod: {start: когда-нибудь, end: декабрь 2025}\n",
            "schema",
            "месяц и год",
        ),
    ],
)
def test_hostile_and_half_filled_reports_give_messages(check, text, rule, fragment):
    problems = check(text)
    assert problems, text
    assert rule in rules(problems)
    assert all(line >= 1 for _, _, line in problems)
    if fragment:
        assert any(fragment in message for _, message, _ in problems), problems


def test_half_filled_report_from_the_scaffold_loads(check, tmp_path):
    text = (
        "kind: report\nroadmap: roadmap.yaml\nperiod: {start: январь 2025, end: июнь 2025}\nevents:\n  - event: e1\n  "
        "  status:\n    participants:\n      heads:\n"
    )
    problems = check(text)
    assert rules(problems) == {"report-status-missing", "report-event-missing"}


def test_cli_validate_exit_codes(cli, tmp_path):
    shutil.copy(ROADMAP, tmp_path / "roadmap.yaml")
    shutil.copy(REPORT, tmp_path / "report.yaml")
    assert cli("validate", tmp_path / "report.yaml").exit_code == 0
    data = report_data()
    data["roadmap"] = "nowhere.yaml"
    (tmp_path / "report.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = cli("validate", tmp_path / "report.yaml")
    assert result.exit_code == 1
    assert "[report-roadmap]" in result.output


# ---------------------------------------------------------------- held dates, blanks, overdue, new risks


@pytest.mark.parametrize(
    ("held", "fragment"),
    [
        ("32.10.2025", "«32.10.2025» — такой даты нет: в октябре 31 день"),
        ("31.04.2025", "«31.04.2025» — такой даты нет: в апреле 30 дней"),
        ("Новябрь 2025", "«Новябрь» — месяц написан с ошибкой, правильно «Ноябрь»"),
        ("когда-то", "дата «когда-то» не распознана — напишите «12.03.2025», «март – апрель 2025»"),
        ("в течение полугодия", "дата «в течение полугодия» не ставится ни на один месяц: не сказано, какое полугодие"),
    ],
)
def test_held_dates_are_read(check, held, fragment):
    data = report_data()
    data["events"][0]["held"] = held
    found = messages(check(data), "report-held-date")
    assert len(found) == 1 and fragment in found[0]


def test_new_date_slip(check):
    data = report_data()
    data["events"][1]["new_date"] = "Феврвль 2026"
    assert "«Феврвль» — месяц написан с ошибкой, правильно «Февраль»" in messages(check(data), "report-held-date")[0]


def test_event_held_outside_the_period_is_warned(check):
    data = report_data()
    data["period"] = {"start": "июль 2025", "end": "декабрь 2025"}
    found = messages(check(data), "report-held-outside")
    assert found == [
        "мероприятие № 1 (e1) проведено «14.03.2025» — вне отчётного периода (июль 2025 – декабрь 2025): в этом "
        "отчёте его участники, отзывы и динамика "
        "не считаются (они — в отчёте за тот период); если дата ошибочна, исправьте её"
    ]


def test_blank_partners_are_missing_not_zero(check):
    data = report_data()
    data["events"][0]["feedback"]["positive"] = None
    data["events"][0]["dynamics"]["positive"] = None
    data["events"][0]["participants"]["students"] = None
    data["monitoring"][1]["schools"][0]["values"]["q2"] = None
    found = messages(check(data), "report-blank")
    assert len(found) == 4
    assert (
        found[0]
        == "мероприятие № 1 (e1): не заполнено — обучающиеся: пустое не считается нулём; если таких участников не "
        "было, напишите 0"
    )
    assert found[1].startswith(
        "мероприятие № 1 (e1): ответили 15, а сколько оценили положительно — не указано: пустое не считается нулём"
    )
    assert found[2].startswith(
        "мероприятие № 1 (e1): динамика оценена у 5, а у скольких она положительная — не указано"
    )
    assert found[3].startswith("срез «ноябрь 2025», школа «sosh1»: не заполнено — q2")


def test_overdue_not_started_at_the_final_report(check):
    data = report_data()
    data["events"][4] = {"event": "e5", "status": "не начато"}
    data["corrections"] = data["corrections"][:1]
    found = messages(check(data), "report-overdue")
    assert len(found) == 1 and found[0].startswith(
        "мероприятие № 5 (e5) (срок — Декабрь 2025) не начато, а срок карты истёк"
    )
    data["period"] = {"start": "январь 2025", "end": "июнь 2025"}
    assert messages(check(data), "report-overdue") == []  # an interim report: the year is not over


def test_new_risks_are_recordable(check):
    data = report_data()
    data["risks"] = [
        {
            "parameter": "staffing.teacher-shortage",
            "schools": ["sosh1"],
            "found": "ноябрь 2025",
            "evidence": "две вакансии",
        }
    ]
    assert check(data) == []
    data["risks"] = [
        {"parameter": "staffing.teacher-shortag", "schools": ["sosh1"]},
        {"parameter": "parents.distancing", "schools": ["sosh3", "sosh9"]},
        {"parameter": "parents.distancing"},
    ]
    found = messages(check(data), "report-risk")
    assert found[0].startswith(
        "параметра «staffing.teacher-shortag» нет ни в каталоге, ни в разделе I дорожной карты (может быть, "
        "«staffing.teacher-shortage»?)"
    )
    assert (
        found[1]
        == "параметр «parents.distancing» в школе «sosh3» уже есть в разделе I: это не новый риск — его итог пишется "
        "в outcomes"
    )
    assert found[2].startswith("школы «sosh9» нет в schools дорожной карты")
    assert found[3] == "новый риск «parents.distancing»: укажите schools — в каких школах он выявлен"


def test_previous_report_must_come_before(check, tmp_path):
    shutil.copy(DATA / "report" / "report-h1.yaml", tmp_path / "h1.yaml")
    data = report_data()
    data["previous"] = "h1.yaml"  # January – June inside January – December: they overlap
    (message,) = messages(check(data), "report-previous")
    assert message.startswith(
        "отчёт за предыдущий период (январь 2025 – июнь 2025) не предшествует отчётному (январь 2025 – декабрь 2025)"
    )
    data["period"] = {"start": "июль 2025", "end": "декабрь 2025"}
    assert messages(check(data), "report-previous") == []
