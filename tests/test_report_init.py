"""`neuspeh report init`: the report scaffolded from the roadmap, and re-run after the roadmap changed."""

from __future__ import annotations

import shutil

import pytest
from conftest import DATA

from neuspeh_cli.errors import UsageError
from neuspeh_cli.report_scaffold import ReportInitError, init_report, parse_period
from neuspeh_cli.validate import validate_file

ROADMAP = DATA / "report" / "roadmap.yaml"


@pytest.fixture
def roadmap(tmp_path):
    path = tmp_path / "roadmap.yaml"
    shutil.copy(ROADMAP, path)
    return path


def test_scaffold_holds_every_event_indicator_and_cell(roadmap, tmp_path):
    result = init_report(roadmap)
    path = tmp_path / "roadmap-report.yaml"
    assert result.path == path and result.created
    assert (tmp_path / "report.schema.json").exists()
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=report.schema.json\n")
    for event in ("e1", "e2", "e3", "mon", "e5"):
        assert f"  - event: {event}\n" in text
    assert "  # № 1. «Моя профессия – учитель» — семинар — срок: Март 2025\n" in text
    # Monitoring in May and November, both inside the year: two rounds, every school, both indicators.
    assert text.count("  - round: ") == 2 and "  - round: май 2025\n" in text and "  - round: ноябрь 2025\n" in text
    assert text.count("          q1:\n") == 6 and text.count("          q2:\n") == 6
    assert "\n#   q1: %, 20 → 60 — Доля педагогов ШНОР в системе наставничества\n" in text
    # Section I: every parameter × school, the УО/ТМС parameter with its own result.
    assert "  # 1.1. Дефицит педагогических сотрудников\n" in text
    assert text.count("      - school: sosh3\n") == 2
    assert "    result:                 # устранён | снижен | сохраняется | усилился (итог для УО и ТМС)\n" in text
    # The planned ШНОР of an event are ready for their numbers.
    assert (
        "      shnor_schools:        # сколько человек от каждой ШНОР (сумма = shnor)\n        sosh2:\n        sosh3:\n"
        in text
    )
    report = validate_file(path)
    assert report.model is not None
    # A fresh year report: past events need a status and the outcome is due; nothing else is wrong.
    assert {p.rule for p in report.problems} == {"report-status-missing", "report-outcome-missing"}


def test_half_year_period_and_its_default_name(roadmap, tmp_path):
    result = init_report(roadmap, period_text="I полугодие 2025")
    assert result.path == tmp_path / "roadmap-report-2025-h1.yaml"
    text = result.path.read_text(encoding="utf-8")
    assert "period:\n  start: январь 2025\n  end: июнь 2025\n" in text
    assert text.count("  - round: ") == 1 and "  - round: май 2025\n" in text
    assert "за I полугодие 2025 года" in text


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2025", "январь 2025", "декабрь 2025"),
        ("II полугодие 2025", "июль 2025", "декабрь 2025"),
        ("март 2025 – август 2025", "март 2025", "август 2025"),
    ],
)
def test_parse_period(text, start, end):
    from neuspeh_cli.domain.periods import Period

    period = parse_period(text, Period.calendar_year(2025))
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2025/2026 учебный год", "сентябрь 2025", "май 2026"),
        ("I полугодие 2025/2026 учебного года", "сентябрь 2025", "декабрь 2025"),
        ("II полугодие", "январь 2026", "май 2026"),
        ("сентябрь – декабрь 2025", "сентябрь 2025", "декабрь 2025"),
    ],
)
def test_parse_period_of_a_school_year(text, start, end):
    """A school year's report periods as methodologists name them (they were refused)."""
    from neuspeh_cli.domain.periods import Period

    period = parse_period(text, Period(start="сентябрь 2025", end="май 2026"))
    assert (period.start, period.end) == (start, end)


def test_bad_period_says_what_to_write():
    from neuspeh_cli.domain.periods import Period

    with pytest.raises(UsageError) as exc:
        parse_period("весной", Period.calendar_year(2025))
    assert (
        str(exc.value)
        == "--period «весной»: напишите год («2025»), полугодие («I полугодие 2025») или месяцы начала и конца "
        "(«январь 2025 – декабрь 2025»)"
    )


def test_rerun_without_changes_leaves_the_file_byte_for_byte(roadmap):
    path = init_report(roadmap).path
    before = path.read_bytes()
    result = init_report(roadmap)
    assert not result.created and result.added == []
    assert path.read_bytes() == before


def test_rerun_after_the_roadmap_changed_adds_only_what_is_new(roadmap):
    path = init_report(roadmap).path
    text = path.read_text(encoding="utf-8")
    # The user fills some of it and writes own comments.
    text = text.replace(
        "  - event: e1\n    status:                 #",
        "  - event: e1  # проверено 10.04\n    status: проведено       #",
        1,
    )
    text = text.replace(
        "corrections: []",
        "# мои заметки\ncorrections:\n  - {change: перенесено, event: e2, reason: ремонт}\n# конец файла",
    )
    path.write_text(text, encoding="utf-8")
    # The roadmap gains a school for a parameter, a new parameter with a school, an event and an indicator.
    road = roadmap.read_text(encoding="utf-8")
    road = road.replace(
        "  - parameter: parents.distancing\n    schools: [sosh3]",
        "  - parameter: parents.distancing\n    schools: [sosh3, sosh2]",
    )
    road = road.replace(
        "  - parameter: methodical-service.low-qualification\n",
        "  - parameter: methodical-service.low-qualification\n  - parameter: parents.poor-information\n    schools: "
        "[sosh2]\n",
    )
    road = road.replace(
        "monitoring:\n",
        "  - id: e6\n    name: «Новое»\n    form: семинар\n    parameters: [parents.poor-information]\n    "
        "contingent: Учителя\n    place: УО\n    dates: Ноябрь 2025\n    responsible: ТМС\nmonitoring:\n",
    )
    road = road.replace("    - {id: q2,", "    - {id: q3, text: Новый показатель, unit: шт.}\n    - {id: q2,")
    roadmap.write_text(road, encoding="utf-8")

    result = init_report(roadmap)
    assert result.added == [
        "мероприятие e6",
        "показатель q3 в срезах «май 2025», «ноябрь 2025» (школ: 3)",
        "школа sosh2 для параметра parents.distancing",
        "параметр parents.poor-information в выходном аудите",
    ]
    after = path.read_text(encoding="utf-8")
    # What the user wrote is kept, comments included, and nothing is added twice on the next run.
    assert "  - event: e1  # проверено 10.04\n    status: проведено       #" in after
    assert "# мои заметки\ncorrections:\n  - {change: перенесено, event: e2, reason: ремонт}\n# конец файла\n" in after
    assert after.endswith(
        "evidence: две вакансии учителей математики с сентября\nrisks: []\n"
    )  # the new risks section, last
    assert "  # № 6. «Новое» — семинар — срок: Ноябрь 2025\n  - event: e6\n" in after
    assert after.count("          q3:\n") == 6
    # The next section's heading stays above its section, after the appended items.
    head, tail = after.split("\n# Выходной аудит:", 1)
    assert "  - event: e6" in head and "parents.poor-information" in tail
    model = validate_file(path).model
    assert model is not None and model.events[0].status == "проведено"
    assert init_report(roadmap).added == []


def test_rerun_keeps_crlf_line_ends(roadmap):
    path = init_report(roadmap).path
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    roadmap.write_text(
        roadmap.read_text(encoding="utf-8").replace(
            "    - {id: q2,", "    - {id: q3, text: Новый, unit: шт.}\n    - {id: q2,"
        ),
        encoding="utf-8",
    )
    init_report(roadmap)
    data = path.read_bytes()
    assert b"q3:\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")


def test_roadmap_without_event_ids_is_refused(tmp_path):
    path = tmp_path / "roadmap.yaml"
    path.write_text(ROADMAP.read_text(encoding="utf-8").replace("  - id: e3\n    name:", "  - name:"), encoding="utf-8")
    with pytest.raises(ReportInitError) as exc:
        init_report(path)
    assert (
        str(exc.value)
        == f"{path}: у мероприятий № 3 нет id — отчёт ссылается на мероприятия по id: добавьте каждому строку «id: "
        "e01» (e02, …) и повторите"
    )
    assert not (tmp_path / "roadmap-report.yaml").exists()


def test_not_a_roadmap_is_refused(tmp_path):
    path = tmp_path / "prog.yaml"
    shutil.copy(DATA / "programme" / "minimal.yaml", path)
    with pytest.raises(ReportInitError, match="это школьная программа"):
        init_report(path)


def test_other_period_for_an_existing_report_is_refused(roadmap):
    path = init_report(roadmap).path
    with pytest.raises(UsageError, match="в отчёте период «январь 2025 – декабрь 2025», а --period «I полугодие 2025»"):
        init_report(roadmap, output=path, period_text="I полугодие 2025")


def test_existing_file_that_is_not_a_report_is_refused(roadmap, tmp_path):
    other = tmp_path / "other.yaml"
    shutil.copy(ROADMAP, other)
    with pytest.raises(ReportInitError, match="это не отчёт"):
        init_report(roadmap, output=other)


def test_cli(cli, roadmap, tmp_path):
    result = cli("report", "init", roadmap, "-o", tmp_path / "r.yaml", "--period", "2025")
    assert result.exit_code == 0, result.output
    assert (
        result.output.splitlines()[0]
        == f"Создан {tmp_path / 'r.yaml'}: отчёт о реализации дорожной карты — мероприятия, показатели по школам, "
        "выходной аудит."
    )
    again = cli("report", "init", roadmap, "-o", tmp_path / "r.yaml")
    assert again.exit_code == 0
    assert "добавлять нечего" in again.output
    bad = cli("report", "init", tmp_path / "missing.yaml")
    assert bad.exit_code == 1
    assert "файл не найден" in bad.output


def test_shipped_report_schema_is_current_and_russian():
    import json
    import re
    from importlib.resources import files

    from neuspeh_cli.jsonschema import schema_text

    shipped = files("neuspeh_cli").joinpath("schemas", "report.schema.json").read_text(encoding="utf-8")
    assert shipped == schema_text("report"), (
        "src/neuspeh_cli/schemas/report.schema.json is stale: neuspeh schema --kind report > it"
    )
    english = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "description" and isinstance(value, str) and not re.search("[А-Яа-яЁё]", value):
                    english.append(value)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    data = json.loads(shipped)
    walk(data)
    assert not english
    # Every field a methodologist fills has a Russian description.
    for name, definition in data["$defs"].items():
        for key, prop in definition.get("properties", {}).items():
            assert prop.get("description"), (name, key)


def test_indicators_without_ids_are_not_dropped(roadmap, tmp_path):
    # q1 keeps its id; the second indicator has none, the third is plain text: they become q2 and q3.
    text = roadmap.read_text(encoding="utf-8").replace("    - {id: q2, text:", "    - {text:")
    text += "    - Доля ШНОР с утверждённой программой профилактики\n"
    roadmap.write_text(text, encoding="utf-8")
    result = init_report(roadmap)
    assert result.notes == [
        "У показателей качества № 2, 3 нет id: в отчёте они — q2, q3. Впишите эти id в monitoring.indicators дорожной "
        "карты, чтобы ссылка не зависела от порядка показателей."
    ]
    report = result.path.read_text(encoding="utf-8")
    assert report.count("          q2:\n") == 6 and report.count("          q3:\n") == 6
    assert not [p for p in validate_file(result.path).problems if p.rule == "report-unknown-id"]
