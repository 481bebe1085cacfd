"""`neuspeh roadmap draft`: events from the «Конструктор», written into the user's file without losing a comment."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import EXAMPLES

from neuspeh_cli.domain.catalog import load_catalog
from neuspeh_cli.domain.roadmap import Roadmap
from neuspeh_cli.draft import guess_form, measure_name, plan_draft

USER_COMMENT = "  # Наш комментарий: дефицит учителей подтвердили директора 12.09 — не удалять!"
INDICATOR = "Наличие утверждённой внутришкольной программы профилактики учебной неуспешности"


def mark(text: str, parameter: str, schools: str, note: str = "") -> str:
    """Uncomment a parameter of the checklist as a user would, listing its schools."""
    pattern = re.compile(rf"^  # - parameter: {re.escape(parameter)}(?P<title>   # .*)\n  #   schools: \[\]$", re.M)
    assert pattern.search(text), parameter
    tail = f"  # {note}" if note else ""
    return pattern.sub(
        lambda m: f"  - parameter: {parameter}{m.group('title')}\n    schools: {schools}{tail}", text, count=1
    )


def fill_in(text: str) -> str:
    """The user's edits after `audit init`: schools, three findings, a comment of their own, one indicator."""
    text = text.replace(
        "schools: []\n",
        (
            "schools:\n"
            "  - {id: sosh5, name: МБОУ СОШ № 5, shnor: true}\n"
            "  - {id: sosh10, name: МБОУ «СОШ № 10», shnor: true}\n"
            "  - {id: licey1, name: МБОУ лицей № 1, shnor: false}\n"
            "  - {id: gimnaziya2, name: МАОУ гимназия № 2, shnor: false}\n"
            "  - {id: voloshinskaya, name: МБОУ Волошинская СОШ, shnor: false}\n"
        ),
        1,
    )
    text = text.replace("audit: []\n", "audit:\n", 1)
    text = text.replace(
        '    position: ""\n    name: ""\n',
        "    position: Начальник управления образования\n    name: А.Б. Петрова\n",
        1,
    )
    text = mark(text, "equipment.internet", "[sosh5]")
    text = mark(text, "staffing.teacher-shortage", "[sosh5, sosh10]", note="проверено")
    text = mark(text, "methodical-service.vacancies", "[]")
    text = text.replace("  # 4. Кадровые ресурсы школы\n", f"  # 4. Кадровые ресурсы школы\n{USER_COMMENT}\n", 1)
    text = text.replace("  indicators: []\n", f"  indicators:\n    - {INDICATOR}\n", 1)
    return text


@pytest.fixture
def filled(cli, tmp_path) -> Path:
    path = tmp_path / "x.yaml"
    result = cli("audit", "init", path, "--municipality", "Тестовый район", "--year", "2025")
    assert result.exit_code == 0, result.output
    path.write_text(fill_in(path.read_text(encoding="utf-8")), encoding="utf-8")
    return path


def _validate(cli, path) -> tuple[int, list[dict]]:
    result = cli("validate", path, "--format", "json")
    return result.exit_code, json.loads(result.output)["files"][0]["problems"]


COVERAGE = {"parameter-not-addressed", "code-dangling", "monitoring-missing", "event-no-parameters"}


def test_whole_path_from_init_to_build(cli, filled, tmp_path):
    code, problems = _validate(cli, filled)
    assert code == 1, problems
    assert {p["rule"] for p in problems if p["severity"] == "error"} == {
        "parameter-not-addressed",
        "monitoring-missing",
    }, problems

    before = filled.read_text(encoding="utf-8")
    result = cli("roadmap", "draft", filled)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"{filled}: добавлено мероприятий — 11 (черновики, draft: true)."
    assert lines[1] == "  + № 1 «Организация грантовых конкурсов» (конкурс) → equipment.internet"
    assert lines[11] == (
        "  + № 11 «Мониторинг подготовки и реализации внутришкольных систем профилактики учебной неуспешности» "
        "(мониторинг) → все выявленные параметры"
    )
    assert lines[12] == "  ~ monitoring.events: [monitoring-school-systems]"

    after = filled.read_text(encoding="utf-8")
    # Every line the user had is still there, in order: the draft only adds.
    assert _is_subsequence(
        [line for line in before.splitlines() if line not in ("events: []", "  events: []")],
        after.splitlines(),
    )
    assert USER_COMMENT + "\n" in after
    assert "    schools: [sosh5, sosh10]  # проверено\n" in after
    assert "\n  events: [monitoring-school-systems]\n" in after

    code, problems = _validate(cli, filled)
    assert code == 0, problems
    assert not COVERAGE & {p["rule"] for p in problems}, problems
    assert {p["rule"] for p in problems if p["severity"] == "error"} == set(), problems
    drafts = [p for p in problems if p["rule"] == "event-draft"]
    assert len(drafts) == 11

    out = tmp_path / "out"
    refused = cli("build", filled, "-o", out, "--no-pdf")
    assert refused.exit_code == 1 and not (out / "x.docx").exists(), refused.output
    assert "неоконченные черновики" in refused.output
    built = cli("build", filled, "-o", out, "--no-pdf", "--force")
    assert built.exit_code == 0, built.output
    assert (out / "x.docx").is_file(), built.output
    assert "Собрано с --force, несмотря на:" in built.output and "[event-draft]" in built.output


def _is_subsequence(needles: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(any(line == candidate for candidate in it) for line in needles)


def test_second_draft_adds_nothing(cli, filled):
    first = cli("roadmap", "draft", filled)
    assert first.exit_code == 0, first.output
    once = filled.read_bytes()
    second = cli("roadmap", "draft", filled)
    assert second.exit_code == 0, second.output
    assert (
        second.output
        == f"{filled}: добавлять нечего — на каждый выявленный параметр направлено мероприятие, мониторинг есть.\n"
    )
    assert filled.read_bytes() == once


def test_dry_run_changes_nothing(cli, filled):
    before = filled.read_bytes()
    result = cli("roadmap", "draft", filled, "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == f"{filled}: будет добавлено мероприятий — 11 (черновики, draft: true)."
    assert result.output.splitlines()[-1] == "--dry-run: файл не изменён."
    assert filled.read_bytes() == before


def test_drafted_events_layout(cli, filled):
    cli("roadmap", "draft", filled)
    text = filled.read_text(encoding="utf-8")
    assert (
        "events:\n"
        "  # Уровень оснащения школы — черновик из «Конструктора»\n"
        "  # Мера «Конструктора»: Организация грантовых конкурсов, направленных на поддержку школьных инициатив\n"
        "  - id: e01\n"
        "    name: Организация грантовых конкурсов\n"
        "    form: конкурс\n"
        "    parameters: [equipment.internet]\n"
        "    groups: [municipal, shnor]\n"
        "    shnor: [sosh5]\n"
        '    contingent: ""\n'
        '    place: ""\n'
        '    dates: ""\n'
        '    responsible: ""\n'
        "    draft: true\n"
    ) in text
    assert (
        "\n"
        "  # Контроль внутришкольных систем профилактики — обязательный мониторинг, черновик\n"
        "  - id: monitoring-school-systems\n"
        "    name: Мониторинг подготовки и реализации внутришкольных систем профилактики учебной неуспешности\n"
        "    form: мониторинг\n"
        "    parameters: все выявленные параметры\n"
        "    groups: [control]\n"
    ) in text
    # The heading of the monitoring section still stands right above it.
    assert re.search(r"    draft: true\n\n# Обязательный «Мониторинг[^\n]*\n(#[^\n]*\n)*monitoring:\n", text), text


def test_new_finding_joins_existing_draft_instead_of_a_twin(cli, filled):
    cli("roadmap", "draft", filled)
    text = mark(filled.read_text(encoding="utf-8"), "staffing.specialist-shortage", "[sosh10]")
    filled.write_text(text, encoding="utf-8")
    result = cli("roadmap", "draft", filled)
    assert result.exit_code == 0, result.output
    assert "  ~ № 5: к черновику добавлены параметры staffing.specialist-shortage" in result.output.splitlines()
    after = filled.read_text(encoding="utf-8")
    assert after.count("    parameters: [staffing.teacher-shortage, staffing.specialist-shortage]\n") == 5
    assert after.count("  name: Организация целевого обучения\n") == 1
    code, problems = _validate(cli, filled)
    assert code == 0 and not COVERAGE & {p["rule"] for p in problems}, problems
    # the new finding's ШНОР joins the drafts' participants, so it is reached
    assert not [p for p in problems if p["rule"] == "parameter-shnor-not-reached"], problems


def test_appends_after_existing_events_keeping_the_next_section_heading(cli, tmp_path):
    source = (EXAMPLES / "ust-labinsk-2025.yaml").read_text(encoding="utf-8")
    text = source.replace(
        "  - parameter: methodical-service.low-qualification\n",
        "  - parameter: methodical-service.low-qualification\n  - parameter: staffing.teacher-shortage   # новое\n    "
        "schools: [sosh10]\n",
    )
    path = tmp_path / "u.yaml"
    path.write_text(text, encoding="utf-8")
    result = cli("roadmap", "draft", path)
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    head, tail = text.split("\n# Мониторинг внутришкольных систем")
    # The old text up to the last event, a blank line, the new group, then the old heading of the next section.
    assert after.startswith(head + "\n  # Кадровые ресурсы школы — черновик из «Конструктора»\n"), after
    assert after.endswith("    draft: true\n\n# Мониторинг внутришкольных систем" + tail), after


def test_complete_example_is_left_untouched(cli, tmp_path):
    path = tmp_path / "u.yaml"
    path.write_bytes((EXAMPLES / "ust-labinsk-2025.yaml").read_bytes())
    result = cli("roadmap", "draft", path)
    assert result.exit_code == 0, result.output
    assert "добавлять нечего" in result.output
    assert path.read_bytes() == (EXAMPLES / "ust-labinsk-2025.yaml").read_bytes()


def test_file_with_schema_errors_is_not_touched(cli, write_yaml):
    path = write_yaml("kind: roadmap\ndocument:\n  municipality: Тест\n  year: 2025\n  mayor: Иванов\n")
    before = path.read_bytes()
    result = cli("roadmap", "draft", path)
    assert result.exit_code == 1, result.output
    assert result.output.strip() == (
        f"Ошибка: {path}:5:3: неизвестный ключ «mayor»; допустимые ключи: municipality, year, period, body, approval, "
        "signature: исправьте файл, затем повторите `neuspeh roadmap draft`"
    )
    assert path.read_bytes() == before


def test_unreadable_file_exits_2(cli, tmp_path):
    result = cli("roadmap", "draft", tmp_path / "nope.yaml")
    assert result.exit_code == 2, result.output
    assert result.output.strip() == f"Ошибка: {tmp_path / 'nope.yaml'}:1:1: файл не найден: проверьте путь"


def test_plan_merges_a_block_of_measures_for_several_parameters():
    catalog = load_catalog()
    roadmap = Roadmap.model_validate(
        {
            "document": {"municipality": "Тест", "year": 2025},
            "audit": [{"parameter": "equipment.internet"}, {"parameter": "equipment.student-computers"}],
            "monitoring": {"event": "mon"},
            "events": [
                {"id": "mon", "name": "Мониторинг внутришкольных систем", "form": "мониторинг", "parameters": "все"}
            ],
        }
    )
    plan = plan_draft(roadmap, catalog)
    assert [e.parameters for e in plan.new_events] == [["equipment.internet", "equipment.student-computers"]] * 4
    assert plan.monitoring_id == ""  # the monitoring exists and monitoring.event names it


def test_event_for_all_parameters_is_not_prevention_of_each():
    """A seminar «for all parameters» leaves every parameter without an event of its own: the draft proposes them."""
    roadmap = Roadmap.model_validate(
        {
            "document": {"municipality": "Тест", "year": 2025},
            "audit": [{"parameter": "equipment.internet"}],
            "events": [{"name": "«Школа успеха»", "form": "семинар", "parameters": "все выявленные параметры"}],
        }
    )
    plan = plan_draft(roadmap, load_catalog())
    assert {tuple(e.parameters) for e in plan.new_events if e.id != "monitoring-school-systems"} == {
        ("equipment.internet",)
    }
    assert plan.new_events[-1].id == "monitoring-school-systems"


@pytest.mark.parametrize(
    ("measure", "form"),
    [
        ("Организация грантовых конкурсов, направленных на поддержку школьных инициатив.", "конкурс"),
        ("Организация постоянно действующих семинаров-совещаний для ШВР.", "тематический семинар"),
        ("Проведение родительских лекториев.", "лекторий"),
        # «вопросу» holds «опрос» (analysis): a measure to carry out is never stage 1.
        ("Проведение методических мероприятий по вопросу открытия педагогических классов.", "тематический семинар"),
        ("Координация деятельности ШВР и сопредельных служб.", "совещание"),
        ("Контроль за подготовкой обучающихся к ГИА (проведение репетиционных экзаменов)", "мониторинг"),
        ("Публикация интервью со специалистами в социальных сетях.", "публикация"),
        (
            "Оказание организационной помощи в установлении контактов между школами и Центром занятости населения.",
            "консультирование",
        ),
    ],
)
def test_guess_form(measure, form):
    assert guess_form(measure) == form


def test_every_guessed_form_is_known_to_the_rules():
    from neuspeh_cli.domain.reference import classify_form

    catalog = load_catalog()
    for factor in catalog.factors:
        for group in factor.measures:
            for text in group.municipal:
                assert classify_form(guess_form(text)), text


@pytest.mark.parametrize(
    ("measure", "name"),
    [
        # Details in brackets go; the measure stays in full in a comment above the event.
        (
            "Поддержка профессионального развития педагогов на уровне муниципалитета (организация деятельности РМО).",
            "Поддержка профессионального развития педагогов на уровне муниципалитета",
        ),
        (
            "Организация обучения резерва управленческих кадров, в том числе в рамках деятельности МНЦ.",
            "Организация обучения резерва управленческих кадров",
        ),
        (
            "Проведение общерайонных спортивно-массовых, культурных мероприятий с привлечением родительской "
            "общественности.",
            "Проведение общерайонных спортивно-массовых, культурных мероприятий",
        ),
        # Too little would be left: the clause stays.
        (
            "Обучение, в том числе корпоративное, начинающих специалистов УО и ТМС, стажировки в других "
            "муниципалитетах.",
            "Обучение, в том числе корпоративное, начинающих специалистов УО и ТМС, стажировки в других "
            "муниципалитетах",
        ),
        # Cut at a word, never inside «…».
        (
            "Подготовка документации для участия в мероприятии федерального проекта «Современная школа» национального "
            "проекта «Образование», направленного на поддержку.",
            "Подготовка документации для участия в мероприятии федерального проекта «Современная школа» национального…",
        ),
    ],
)
def test_event_name_is_short(measure, name):
    from neuspeh_cli.draft import NAME_LIMIT, event_name

    assert event_name(measure) == name and len(name) <= NAME_LIMIT + 1


def test_sports_and_culture_are_a_festival_not_a_seminar():
    assert (
        guess_form(
            "Проведение общерайонных спортивно-массовых, культурных мероприятий с привлечением родительской "
            "общественности."
        )
        == "фестиваль"
    )


def test_measure_name():
    assert measure_name("Организация целевого обучения.") == "Организация целевого обучения"
    assert (
        measure_name("Подготовка документации  для участия\nв проекте «Современная школа».")
        == "Подготовка документации для участия в проекте «Современная школа»"
    )


_BASE = (
    "kind: roadmap\ndocument:\n  municipality: Тест\n  year: 2025\naudit:\n  - parameter: staffing.teacher-shortage   "
    "# наш\n    schools: []\n"
)
_NEXT = "\n# Мониторинг\nmonitoring:\n  indicators: [x]\n"
LAYOUTS = {
    "empty list with comments": _BASE + "events: []   # пусто\n  # пример мероприятия\n" + _NEXT,
    "no events key": _BASE + _NEXT,
    "last value a block list": _BASE
    + "events:\n  - name: «А»\n    form: семинар\n    parameters:\n      - x   # наш\n"
    + _NEXT,
    "last value a literal block": _BASE
    + "events:\n  - name: «А»\n    form: семинар\n    parameters: [x]\n    responsible: |\n      УО\n"
    + _NEXT,
    "flow items": _BASE + "events:\n  - {name: «А», form: семинар, parameters: [x]}\n" + _NEXT,
    "lists at the margin": _BASE.replace("  - parameter", "- parameter").replace("    schools", "  schools")
    + "events:\n- name: «А»\n  form: семинар\n  parameters: [x]\n"
    + _NEXT,
    "windows line ends": (_BASE + "events: []\n" + _NEXT).replace("\n", "\r\n"),
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_layouts_keep_comments_and_the_next_heading(layout, tmp_path):
    from neuspeh_cli.draft import draft_file

    text = LAYOUTS[layout]
    path = tmp_path / "x.yaml"
    path.write_bytes(text.encode("utf-8"))
    result = draft_file(path)
    assert result.written and len(result.plan.new_events) == 6
    raw = path.read_bytes().decode("utf-8")
    assert ("\r\n" in raw) == ("\r\n" in text) and ("\r\n" not in raw or "\n" not in raw.replace("\r\n", "")), (
        "line ends changed"
    )
    after = raw.replace("\r\n", "\n")
    # The heading of the next section stays right above it, after the new drafts.
    assert re.search(
        r"\n +draft: true\n"
        + re.escape(_NEXT.replace("monitoring:\n", "monitoring:\n  events: [monitoring-school-systems]\n"))
        + r"\Z",
        after,
    ), after
    comments = [line.split("#", 1)[1] for line in text.replace("\r\n", "\n").splitlines() if "#" in line]
    assert all(("#" + c) in after for c in comments), after
    assert (
        "  - parameter: staffing.teacher-shortage   # наш\n" in after
        or "- parameter: staffing.teacher-shortage   # наш\n" in after
    )


def test_byte_order_mark_is_kept(tmp_path):
    from neuspeh_cli.draft import draft_file

    path = tmp_path / "x.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + LAYOUTS["empty list with comments"].encode("utf-8"))
    assert draft_file(path).written
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfkind: roadmap\n") and raw.count(b"\xef\xbb\xbf") == 1


def test_a_draft_joined_by_a_new_finding_also_gets_its_shnor():
    from neuspeh_cli.draft import measure_name

    catalog = load_catalog()
    measure = catalog.measures_for("staffing.teacher-shortage")[0].municipal[0]
    roadmap = Roadmap.model_validate(
        {
            "document": {"municipality": "Тест", "year": 2025},
            "schools": [
                {"id": "s1", "name": "МБОУ СОШ № 1", "shnor": True},
                {"id": "s2", "name": "МБОУ СОШ № 2", "shnor": True},
            ],
            "audit": [
                {"parameter": "staffing.teacher-shortage", "schools": ["s1"]},
                {"parameter": "staffing.specialist-shortage", "schools": ["s2"]},
            ],
            "events": [
                {
                    "id": "e01",
                    "name": measure_name(measure),
                    "form": "семинар",
                    "parameters": ["staffing.teacher-shortage"],
                    "shnor": ["s1"],
                    "draft": True,
                }
            ],
        }
    )
    plan = plan_draft(roadmap, catalog)
    assert plan.extended == {0: ["staffing.specialist-shortage"]}  # the two parameters share this block of measures
    assert plan.extended_shnor == {0: ["s2"]}
