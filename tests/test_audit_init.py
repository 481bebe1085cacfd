"""`neuspeh audit init`: the commented scaffold, its school list, prompts, and refusing to overwrite."""

from __future__ import annotations

import json
import re

import pytest

from neuspeh_cli.domain.catalog import load_catalog
from neuspeh_cli.errors import NeuspehError
from neuspeh_cli.jsonschema import schema_text
from neuspeh_cli.scaffold import SchoolEntry, read_school_list, scaffold_text, school_id


def _problems(cli, path):
    result = cli("validate", path, "--format", "json")
    return result, json.loads(result.output)["files"][0]["problems"]


def test_scaffold_validates_and_says_what_is_empty(cli, tmp_path):
    path = tmp_path / "x.yaml"
    result = cli("audit", "init", path, "--municipality", "Тестовый район", "--year", "2025")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        f"Создан {path}: 11 факторов и 62 параметра «Конструктора» для отметки, список школ пуст — заполните schools."
    )

    checked, problems = _problems(cli, path)
    assert checked.exit_code == 1, checked.output
    by_rule = {p["rule"]: p for p in problems}
    assert "schema" not in by_rule and "read-error" not in by_rule, problems
    assert by_rule["audit-empty"]["severity"] == "warning"
    assert by_rule["audit-empty"]["message"] == (
        "раздел I пуст: перечислите в audit параметры, выявленные входным аудитом, и ШНОР, где они проявляются"
    )
    assert by_rule["event-groups"]["message"] == "раздел II пуст: добавьте мероприятия (или `neuspeh roadmap draft`)"
    assert set(by_rule) == {
        "approval-incomplete",
        "audit-empty",
        "event-groups",
        "monitoring-missing",
        "quality-indicators-missing",
    }, problems
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[by_rule["audit-empty"]["line"] - 1] == "audit: []"


def test_scaffold_starts_with_schema_line_and_metadata(tmp_path, cli):
    path = tmp_path / "x.yaml"
    cli("audit", "init", path, "-m", "Тестовый район", "-y", "2025")
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=roadmap.schema.json"
    assert "\n  municipality: Тестовый район\n" in text and "\n  year: 2025\n" in text
    schema_file = tmp_path / "roadmap.schema.json"
    assert schema_file.read_text(encoding="utf-8") == schema_text("roadmap")


def test_scaffold_lists_the_whole_catalog_as_a_checklist():
    catalog = load_catalog()
    text = scaffold_text("Тестовый район", 2025, [], catalog)
    lines = text.splitlines()
    for factor in catalog.factors:
        heading = next(i for i, line in enumerate(lines) if line.startswith(f"  # {factor.number}. {factor.title}"))
        for k, parameter in enumerate(factor.parameters):
            entry = lines[heading + 1 + 2 * k]
            assert entry == f"  # - parameter: {parameter.id}   # {' '.join(parameter.title.split())}"
            assert lines[heading + 2 + 2 * k] == "  #   schools: []"
    assert sum(1 for line in lines if line.startswith("  # - parameter: ")) == len(catalog.parameters) == 62


def test_uncommented_entry_is_valid_yaml_at_the_right_indent(cli, tmp_path):
    path = tmp_path / "x.yaml"
    cli("audit", "init", path, "-m", "Тестовый район", "-y", "2025")
    text = path.read_text(encoding="utf-8").replace("audit: []\n", "audit:\n")
    text = text.replace("  # - parameter: staffing.teacher-shortage", "  - parameter: staffing.teacher-shortage")
    text = re.sub(r"(  - parameter: staffing.teacher-shortage.*\n)  #   schools: \[\]", r"\1    schools: []", text)
    path.write_text(text, encoding="utf-8")
    checked, problems = _problems(cli, path)
    assert checked.exit_code == 1, checked.output
    rules = {p["rule"] for p in problems}
    assert "audit-empty" not in rules and "schema" not in rules, problems
    assert "parameter-not-addressed" in rules


def test_refuses_to_overwrite_without_force(cli, tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("# мой файл\n", encoding="utf-8")
    result = cli("audit", "init", path, "-m", "Тестовый район", "-y", "2025")
    assert result.exit_code == 2, result.output
    assert result.output.strip() == f"Ошибка: {path}: файл уже существует; чтобы перезаписать его, добавьте --force"
    assert path.read_text(encoding="utf-8") == "# мой файл\n"

    result = cli("audit", "init", path, "-m", "Тестовый район", "-y", "2025", "--force")
    assert result.exit_code == 0, result.output
    assert "  municipality: Тестовый район\n" in path.read_text(encoding="utf-8")


def test_existing_schema_file_is_kept(cli, tmp_path):
    (tmp_path / "roadmap.schema.json").write_text("{}", encoding="utf-8")
    result = cli("audit", "init", tmp_path / "x.yaml", "-m", "Тестовый район", "-y", "2025")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "roadmap.schema.json").read_text(encoding="utf-8") == "{}"
    assert f"{tmp_path / 'roadmap.schema.json'} уже есть и оставлен как есть" in result.output


def test_schema_option_names_the_schema_and_writes_no_file(cli, tmp_path):
    url = "https://example.org/neuspeh/roadmap.schema.json"
    result = cli("audit", "init", tmp_path / "x.yaml", "-m", "Тестовый район", "-y", "2025", "--schema", url)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "x.yaml").read_text(encoding="utf-8").startswith(f"# yaml-language-server: $schema={url}\n")
    assert not (tmp_path / "roadmap.schema.json").exists()


def test_prompts_for_municipality_and_year(cli, tmp_path):
    path = tmp_path / "x.yaml"
    result = cli("audit", "init", path, input="Кореновский район\n1999\n2024\n")
    assert result.exit_code == 0, result.output
    assert "Муниципальное образование (как в заголовке: «Кореновский район»): Кореновский район" in result.output
    assert "1999 вне диапазона" in result.output  # asked again
    text = path.read_text(encoding="utf-8")
    assert "\n  municipality: Кореновский район\n" in text and "\n  year: 2024\n" in text


def test_without_answers_says_which_options_to_pass(cli, tmp_path):
    result = cli("audit", "init", tmp_path / "x.yaml", input="")
    assert result.exit_code == 2, result.output
    assert result.stderr == "Ошибка: не указаны муниципальное образование и год: добавьте --municipality и --year\n"
    assert not (tmp_path / "x.yaml").exists()


def test_not_a_yaml_name_is_refused(cli, tmp_path):
    result = cli("audit", "init", tmp_path / "x.txt", "-m", "Тестовый район", "-y", "2025")
    assert result.exit_code == 2, result.output
    assert "файл данных должен иметь расширение .yaml" in result.output


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("МБОУ СОШ № 5", "sosh5"),
        ("МБОУ «СОШ № 10»", "sosh10"),
        ("МКОУ ООШ № 23", "oosh23"),
        ("МБОУ Волошинская СОШ", "voloshinskaya"),
        ("МАОУ гимназия № 2", "gimnaziya2"),
        ("МБОУ лицей № 1", "licey1"),
        ("МБОУ СОШ №7 им. А.С. Пушкина", "sosh7"),
        ("МБОУ СОШ с. Николаевка", "s-nikolaevka"),
    ],
)
def test_school_ids(name, expected):
    assert school_id(name) == expected


def test_school_ids_are_unique():
    taken: set[str] = set()
    assert [school_id(n, taken) for n in ("МБОУ СОШ № 5", "МАОУ СОШ № 5", "МБОУ СОШ № 5 ст. Нижняя")] == [
        "sosh5",
        "sosh5-2",
        "sosh5-3",
    ]


def test_schools_from_a_text_list(cli, tmp_path):
    schools = tmp_path / "schools.txt"
    schools.write_text(
        "# школы района\nМБОУ СОШ № 5\n\nМБОУ «СОШ № 10»\nМБОУ СОШ № 3, ст. Николаевская\n", encoding="utf-8"
    )
    path = tmp_path / "x.yaml"
    result = cli("audit", "init", path, "-m", "Тестовый район", "-y", "2025", "--schools", schools)
    assert result.exit_code == 0, result.output
    assert "школ — 3" in result.output.splitlines()[0]
    text = path.read_text(encoding="utf-8")
    assert (
        "schools:\n  - {id: sosh5, name: МБОУ СОШ № 5, shnor: false}\n  - {id: sosh10, name: МБОУ «СОШ № 10», shnor: "
        "false}\n" in text
    )
    # A comma would end the value in a flow mapping: the name is quoted.
    assert '  - {id: sosh3, name: "МБОУ СОШ № 3, ст. Николаевская", shnor: false}\n' in text
    checked, problems = _problems(cli, path)
    assert checked.exit_code == 1 and "schema" not in {p["rule"] for p in problems}, checked.output


def test_schools_from_an_excel_csv_in_cp1251(tmp_path):
    schools = tmp_path / "schools.csv"
    schools.write_bytes(
        "Наименование;ШНОР\nМБОУ СОШ № 5;да\nМБОУ Волошинская СОШ;нет\nМКОУ ООШ № 23;1\n".encode("cp1251")
    )
    assert read_school_list(schools) == [
        SchoolEntry("МБОУ СОШ № 5", True),
        SchoolEntry("МБОУ Волошинская СОШ", False),
        SchoolEntry("МКОУ ООШ № 23", True),
    ]


def test_csv_detected_by_header_without_extension(tmp_path):
    schools = tmp_path / "schools.txt"
    schools.write_text('name,shnor\n"МБОУ СОШ № 3, ст. Николаевская",true\n', encoding="utf-8")
    assert read_school_list(schools) == [SchoolEntry("МБОУ СОШ № 3, ст. Николаевская", True)]


def test_csv_with_a_bad_shnor_value_names_the_place(cli, tmp_path):
    schools = tmp_path / "schools.csv"
    schools.write_text("name;shnor\nМБОУ СОШ № 5;да\nМБОУ СОШ № 6;может быть\n", encoding="utf-8")
    result = cli("audit", "init", tmp_path / "x.yaml", "-m", "Тестовый район", "-y", "2025", "--schools", schools)
    assert result.exit_code == 2, result.output
    assert (
        result.output.strip() == f"Ошибка: {schools}:3:14: в столбце shnor «может быть»: напишите «да» (ШНОР) или «нет»"
    )
    assert not (tmp_path / "x.yaml").exists()


def test_duplicated_school_is_refused(tmp_path):
    schools = tmp_path / "schools.txt"
    schools.write_text("МБОУ СОШ № 5\nМБОУ СОШ № 6\nМБОУ СОШ № 5\n", encoding="utf-8")
    with pytest.raises(NeuspehError) as info:
        read_school_list(schools)
    assert str(info.value) == f"{schools}:3:1: школа «МБОУ СОШ № 5» уже указана в строке 1: оставьте одну"


def test_missing_school_list(cli, tmp_path):
    result = cli(
        "audit", "init", tmp_path / "x.yaml", "-m", "Тестовый район", "-y", "2025", "--schools", tmp_path / "nope.txt"
    )
    assert result.exit_code == 2, result.output
    assert result.output.strip() == f"Ошибка: {tmp_path / 'nope.txt'}: файл со списком школ не найден: проверьте путь"


def test_municipality_needing_quotes_reads_back(cli, tmp_path):
    path = tmp_path / "x.yaml"
    result = cli("audit", "init", path, "-m", "МО: Тест # район", "-y", "2025")
    assert result.exit_code == 0, result.output
    assert '  municipality: "МО: Тест # район"\n' in path.read_text(encoding="utf-8")
    checked, problems = _problems(cli, path)
    assert "schema" not in {p["rule"] for p in problems}, checked.output


def test_shipped_schema_is_current_and_russian():
    from importlib.resources import files

    shipped = files("neuspeh_cli").joinpath("schemas", "roadmap.schema.json").read_text(encoding="utf-8")
    assert shipped == schema_text("roadmap"), (
        "src/neuspeh_cli/schemas/roadmap.schema.json is stale: neuspeh schema > it"
    )
    data = json.loads(shipped)
    english = []

    def walk(node, where):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("description", "title") and isinstance(value, str) and not re.search("[А-Яа-яЁё]", value):
                    english.append((where, key, value))
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for item in node:
                walk(item, where)

    walk(data, "")
    assert english == []
    assert "title" in data["$defs"]["Finding"]["properties"], "a field named «title» must survive"
