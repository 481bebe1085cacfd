"""`neuspeh school init`: a commented programme that loads as it is and says what to fill in."""

from __future__ import annotations

import json

from neuspeh_cli.programme_scaffold import TASKS, scaffold_text
from neuspeh_cli.validate import validate_file

# What an untouched scaffold still lacks: everything else comes from the seed.
TO_FILL = {"programme-incomplete", "stage-incomplete", "task-incomplete"}


def test_creates_file_and_schema(cli, tmp_path):
    target = tmp_path / "sosh5.yaml"
    result = cli("school", "init", target, "--school", "sosh5", "--municipality", "Кочубеевский муниципальный округ")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:2] == [
        f"Создан {target}: заготовка школьной программы (категории, направления, цель, задачи и показатели из "
        "образца).",
        f"Создан {tmp_path / 'programme.schema.json'}: JSON Schema для подсказок и проверки ключей в редакторе.",
    ]
    text = target.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=programme.schema.json"
    assert "  id: sosh5\n" in text
    assert "municipality: Кочубеевский муниципальный округ\n" in text
    schema = json.loads((tmp_path / "programme.schema.json").read_text(encoding="utf-8"))
    assert "roadmap" in schema["properties"] and "tasks" in schema["properties"]


def test_scaffold_loads_and_lists_only_what_to_fill(cli, tmp_path):
    target = tmp_path / "p.yaml"
    assert cli("school", "init", target).exit_code == 0
    report = validate_file(target)
    assert report.kind == "programme"
    assert report.model is not None, [(p.line, p.message) for p in report.problems]
    rules = {p.rule for p in report.problems}
    assert rules == TO_FILL, [(p.rule, p.line, p.message) for p in report.problems]
    messages = [p.message for p in report.problems]
    assert "укажите идентификатор школы (school.id), как в schools дорожной карты муниципалитета: «sosh5»" in messages
    assert "укажите срок реализации программы: period: {start: сентябрь 2022, end: май 2023}" in messages


def test_scaffold_carries_the_seed(tmp_path):
    text = scaffold_text("sosh5")
    for phrase in (
        "учащиеся с низкой академической успеваемостью",
        "психолого-педагогическое сопровождение",
        "Снижение доли обучающихся с рисками учебной неуспешности",
        "представители родительского комитета",
    ):
        assert phrase in text
    report_path = tmp_path / "p.yaml"
    report_path.write_text(text, encoding="utf-8")
    model = validate_file(report_path).model
    assert [t.number for t in model.tasks] == [1, 2, 3, 4, 5]
    assert [t.text for t in model.tasks] == TASKS
    assert [i.task for i in model.indicators] == [1, 2, 3, 4, 5]
    assert [row.task for row in model.roadmap] == [1, 2, 3, 4, 5]


def test_filled_scaffold_validates_clean(cli, tmp_path):
    """Filling in what the messages ask for is enough: nothing in the scaffold itself is wrong."""
    target = tmp_path / "p.yaml"
    cli("school", "init", target, "--school", "sosh5")
    text = target.read_text(encoding="utf-8")
    text = text.replace('  name: ""', "  name: МБОУ СОШ № 5", 1)
    text = text.replace(
        '  body: ""\n  date: ""\n  number: ""', '  body: отдела образования\n  date: 01.09.2025\n  number: "7"'
    )
    text = text.replace(
        "# period:\n#   start: сентябрь 2025\n#   end: май 2026", "period:\n  start: сентябрь 2025\n  end: май 2026"
    )
    periods = iter(["сентябрь – октябрь 2025 г.", "октябрь 2025 г. – май 2026 г.", "апрель – май 2026 г."])
    text = (
        "\n".join(f"    period: {next(periods)}" if line == '    period: ""' else line for line in text.splitlines())
        + "\n"
    )
    text = text.replace(
        '    results: []\n    measures: []\n    responsible: ""',
        "    results: [результат]\n    measures:\n      - {text: мера, deadline: октябрь 2025 г.}\n    responsible: "
        "заместитель директора",
    )
    target.write_text(text, encoding="utf-8")
    result = cli("validate", target)
    assert result.exit_code == 0, result.output


def test_never_overwrites_without_force(cli, tmp_path):
    target = tmp_path / "p.yaml"
    target.write_text("мой файл\n", encoding="utf-8")
    result = cli("school", "init", target)
    assert result.exit_code == 2, result.output
    assert f"Ошибка: {target}: файл уже существует; чтобы перезаписать его, добавьте --force" in result.output
    assert target.read_text(encoding="utf-8") == "мой файл\n"
    result = cli("school", "init", target, "--force")
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("# yaml-language-server:")


def test_existing_schema_is_kept(cli, tmp_path):
    (tmp_path / "programme.schema.json").write_text("{}", encoding="utf-8")
    result = cli("school", "init", tmp_path / "p.yaml")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "programme.schema.json").read_text(encoding="utf-8") == "{}"
    assert "уже есть и оставлен как есть" in result.output


def test_schema_option_writes_no_schema_file(cli, tmp_path):
    result = cli("school", "init", tmp_path / "p.yaml", "--schema", "../schemas/programme.schema.json")
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "programme.schema.json").exists()
    assert (
        (tmp_path / "p.yaml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server: $schema=../schemas/programme.schema.json\n")
    )


def test_bad_arguments_exit_2_without_traceback(cli, tmp_path):
    result = cli("school", "init", tmp_path / "p.txt")
    assert result.exit_code == 2, result.output
    assert "файл программы должен иметь расширение .yaml" in result.output
    result = cli("school", "init", tmp_path / "p.yaml", "--school", "СОШ 5")
    assert result.exit_code == 2, result.output
    assert (
        "идентификатор школы «СОШ 5»: только буквы, цифры, точка, дефис и подчёркивание, без пробелов" in result.output
    )
    assert "Traceback" not in result.output
    assert not (tmp_path / "p.yaml").exists()


def test_shipped_programme_schema_is_current():
    from importlib.resources import files

    from neuspeh_cli.jsonschema import schema_text

    shipped = files("neuspeh_cli").joinpath("schemas", "programme.schema.json").read_text(encoding="utf-8")
    assert shipped == schema_text("programme"), (
        "src/neuspeh_cli/schemas/programme.schema.json is stale: neuspeh schema --kind programme > it"
    )


def test_school_init_from_the_roadmap_fills_what_is_known(cli, tmp_path):
    import shutil

    from conftest import EXAMPLES

    roadmap = shutil.copy(EXAMPLES / "ust-labinsk-2025.yaml", tmp_path / "карта.yaml")
    path = tmp_path / "sosh10.yaml"
    result = cli("school", "init", path, "--from", roadmap, "--school", "sosh10")
    assert result.exit_code == 0, result.output
    assert (
        "Из дорожной карты: МБОУ «СОШ № 10», срок, параметров — 5, мероприятий с участием школы — 17" in result.output
    )
    text = path.read_text(encoding="utf-8")
    assert "municipality: Усть-Лабинский район\n" in text and "  name: МБОУ «СОШ № 10»\n" in text
    assert "period:\n  start: январь 2025\n  end: декабрь 2025\n" in text
    assert "parameters:\n  - contingent.low-income  # Наличие обучающихся из малообеспеченных семей\n" in text
    assert (
        "#   № 12. Перепроверка работ ВПР по математике и русскому языку в 5–7 классах (аудит) — Май 2025, ТМС\n"
        in text
    )
    # The programme and its roadmap check together: no complaint about the school or its parameters.
    import json

    files = json.loads(cli("validate", path, roadmap, "--format", "json").output)["files"]
    rules = {p["rule"] for f in files for p in f["problems"]}
    assert not rules & {"programme-unlinked", "programme-school-unknown", "programme-misses-audit"}
    assert "sosh10" not in " ".join(
        p["message"] for f in files for p in f["problems"] if p["rule"] == "shnor-no-programme"
    )
    unknown = cli("school", "init", tmp_path / "x.yaml", "--from", roadmap, "--school", "sosh99")
    assert unknown.exit_code == 2 and "школы «sosh99» нет в дорожной карте" in unknown.output
