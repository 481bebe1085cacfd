"""`neuspeh validate` as a user runs it: exit codes, formats, the sample's real defects."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import EXAMPLES, minimal

SAMPLE = EXAMPLES / "sample-2023.yaml"


def _line_of(path, needle: str, after: str | None = None) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    start = 0 if after is None else next(i for i, t in enumerate(lines) if after in t)
    return next(i for i, t in enumerate(lines) if i >= start and needle in t) + 1


def test_sample_reports_its_real_defects(cli):
    result = cli("validate", SAMPLE, "--format", "json")
    assert result.exit_code == 1, result.output
    problems = json.loads(result.output)["files"][0]["problems"]
    errors = {(p["rule"], p["line"]) for p in problems if p["severity"] == "error"}
    # № 13 has no name, № 38 and № 39 no contingent, and no quality indicators are listed.
    assert errors == {
        ("event-incomplete", _line_of(SAMPLE, 'name: ""')),
        ("event-incomplete", _line_of(SAMPLE, 'contingent: ""')),
        ("event-incomplete", _line_of(SAMPLE, 'contingent: ""', after="Сведения о потребности")),
        ("quality-indicators-missing", _line_of(SAMPLE, "monitoring:")),
    }, problems
    warnings = {p["rule"] for p in problems if p["severity"] == "warning"}
    assert warnings == {"dates-order"}
    assert not [p for p in problems if p["rule"] == "form-unknown"], (
        "every form of the institute's own sample is in the vocabulary"
    )
    order = [p for p in problems if p["rule"] == "dates-order"]
    assert (
        order[0]["message"]
        == "даты «Декабрь 2023, июнь 2023» не по порядку: июнь 2023 раньше, чем декабрь 2023; перечислите по времени"
    )


def test_other_example_is_clean(cli):
    result = cli("validate", EXAMPLES / "ust-labinsk-2025.yaml", "--strict")
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("0 ошибок, 0 предупреждений, 1 замечание."), result.output


def test_text_output_names_file_line_and_rule(cli):
    result = cli("validate", SAMPLE)
    line = _line_of(SAMPLE, 'name: ""')
    assert (
        f"sample-2023.yaml:{line}:5: ошибка мероприятие № 13: укажите название мероприятия (name) [event-incomplete]"
        in result.output
    )
    assert "Проверено: 1 файл, 4 ошибки, 1 предупреждение, " in result.output.strip().splitlines()[-1]


def test_github_annotations(cli):
    result = cli("validate", SAMPLE, "--format", "github")
    line = _line_of(SAMPLE, 'name: ""')
    assert (
        f"::error file={SAMPLE},line={line},col=5,title=event-incomplete::мероприятие № 13: укажите название "
        "мероприятия (name)" in result.output
    )
    assert "::warning " in result.output and "::notice " in result.output


def test_strict_turns_warnings_into_failure(cli, write_yaml):
    data = minimal()
    data["events"][0]["responsible"] = "Руководители ОО"  # a municipal event nobody of the municipality organises
    path = write_yaml(data)
    assert cli("validate", path).exit_code == 0
    assert cli("validate", path, "--strict").exit_code == 1


def test_unreadable_file_exits_2_without_traceback(cli, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_bytes("document:\n  municipality: Район\n".encode("cp1251"))
    result = cli("validate", path)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"{path}:2:17: ошибка файл, по-видимому, в кодировке Windows-1251" in result.output


def test_list_at_top_level_is_a_problem_not_a_crash(cli, write_yaml):
    result = cli("validate", write_yaml("- a\n- b\n"))
    assert result.exit_code == 1
    assert "в начале файла должен быть словарь" in result.output


def test_folder_walk_skips_foreign_yaml(cli, tmp_path, write_yaml):
    write_yaml(minimal(), "roadmap.yaml")
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "ci.yaml").write_text("on: push\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    result = cli("validate", tmp_path, "--format", "json")
    assert result.exit_code == 0, result.output
    assert [f["path"] for f in json.loads(result.output)["files"]] == [str(tmp_path / "roadmap.yaml")]


def test_folder_with_no_data_files_is_a_usage_error(cli, tmp_path):
    result = cli("validate", tmp_path)
    assert result.exit_code == 2
    assert "не найдено ни одного файла данных" in result.output


def test_worst_file_decides_exit_code(cli, tmp_path, write_yaml):
    good = write_yaml(minimal(), "good.yaml")
    empty = write_yaml("", "empty.yaml")
    assert cli("validate", good, empty).exit_code == 2


def test_usage_errors_are_russian(cli):
    result = cli("validate", SAMPLE, "--format", "xml")
    assert result.exit_code == 2
    assert "Ошибка: Недопустимое значение" in result.output


@pytest.mark.parametrize("command", [[], ["validate"], ["build"], ["catalog"], ["rules"], ["schema"]])
def test_every_command_has_russian_help(cli, command):
    result = cli(*command, "--help")
    assert result.exit_code == 0
    assert "Использование: neuspeh" in result.output
    assert "Показать эту справку и выйти." in result.output
    assert "Show this message" not in result.output


def test_python_dash_m_smoke():
    result = subprocess.run(
        [sys.executable, "-m", "neuspeh_cli", "validate", str(EXAMPLES / "ust-labinsk-2025.yaml")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Проверено: 1 файл, 0 ошибок" in result.stdout
