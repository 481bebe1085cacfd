"""The municipal link: a roadmap and the school programmes validated together."""

from __future__ import annotations

import copy

import yaml
from conftest import DATA, EXAMPLES, minimal

from neuspeh_cli.rules import all_rules
from neuspeh_cli.validate import validate_paths

LINK_RULES = {"shnor-no-programme", "programme-misses-audit", "programme-school-unknown", "programme-unlinked"}


def programme() -> dict:
    return copy.deepcopy(yaml.safe_load((DATA / "programme" / "minimal.yaml").read_text(encoding="utf-8")))


def link_problems(reports) -> dict[str, list]:
    """File name → its link problems as (rule, line, message)."""
    return {
        report.path.name: [(p.rule, p.line, p.message) for p in report.problems if p.rule in LINK_RULES]
        for report in reports
    }


def _line(path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_link_rules_are_registered():
    assert {r.id for r in all_rules() if r.check.__module__ == "neuspeh_cli.rules.links"} == LINK_RULES


def test_shnor_without_programme(write_yaml, tmp_path):
    roadmap = write_yaml(minimal(), "roadmap.yaml")
    write_yaml(programme(), "sosh1.yaml")
    found = link_problems(validate_paths([tmp_path]))
    assert found["sosh1.yaml"] == []
    assert found["roadmap.yaml"] == [
        (
            "shnor-no-programme",
            _line(roadmap, "id: sosh2"),
            "у ШНОР «МБОУ СОШ № 2» (sosh2) нет школьной программы профилактики среди проверяемых файлов: "
            "добавьте файл программы (`neuspeh school init ФАЙЛ --school sosh2`) с municipality: Тестовый район и "
            "school.id: sosh2",
        )
    ]


def test_every_shnor_with_a_programme_is_clean(write_yaml, tmp_path):
    write_yaml(minimal(), "roadmap.yaml")
    write_yaml(programme(), "sosh1.yaml")
    second = programme()
    second["school"] = {"id": "sosh2", "name": "МБОУ СОШ № 2"}
    write_yaml(second, "sosh2.yaml")
    reports = validate_paths([tmp_path])
    assert [p for r in reports for p in r.problems] == []


def test_programme_misses_the_audit_of_its_school(write_yaml, tmp_path):
    write_yaml(minimal(), "roadmap.yaml")
    data = programme()
    data["parameters"] = ["parents.no-support"]
    path = write_yaml(data, "sosh1.yaml")
    found = link_problems(validate_paths([tmp_path]))
    assert found["sosh1.yaml"] == [
        (
            "programme-misses-audit",
            _line(path, "parameters:"),
            f"программа не направлена ни на один параметр, выявленный аудитом в этой школе "
            f"(дорожная карта {tmp_path / 'roadmap.yaml'}, 2025 год): укажите в parameters хотя бы один из: "
            "staffing.teacher-shortage",
        )
    ]


def test_programme_without_parameters_misses_the_audit(write_yaml, tmp_path):
    write_yaml(minimal(), "roadmap.yaml")
    data = programme()
    del data["parameters"]
    write_yaml(data, "sosh1.yaml")
    found = link_problems(validate_paths([tmp_path]))
    assert [rule for rule, _, _ in found["sosh1.yaml"]] == ["programme-misses-audit"]


def test_programme_of_an_unknown_school(write_yaml, tmp_path):
    write_yaml(minimal(), "roadmap.yaml")
    data = programme()
    data["school"]["id"] = "sosh9"
    path = write_yaml(data, "sosh9.yaml")
    found = link_problems(validate_paths([tmp_path]))
    assert found["sosh9.yaml"] == [
        (
            "programme-school-unknown",
            _line(path, "sosh9"),
            f"школы «sosh9» нет в schools дорожной карты {tmp_path / 'roadmap.yaml'} (2025 год): укажите id школы, "
            "как в дорожной карте (ШНОР: sosh1, sosh2)",
        )
    ]


def test_other_municipality_is_not_linked(write_yaml, tmp_path):
    write_yaml(minimal(), "roadmap.yaml")
    data = programme()
    data["municipality"] = "Другой район"
    data["parameters"] = ["parents.no-support"]
    write_yaml(data, "sosh1.yaml")
    reports = validate_paths([tmp_path])
    assert [p for r in reports for p in r.problems] == []


def test_municipality_compared_loosely(write_yaml, tmp_path):
    write_yaml(minimal(), "roadmap.yaml")
    data = programme()
    data["municipality"] = "  тестовый   РАЙОН "
    data["parameters"] = ["parents.no-support"]
    write_yaml(data, "sosh1.yaml")
    assert [r for r, _, _ in link_problems(validate_paths([tmp_path]))["sosh1.yaml"]] == ["programme-misses-audit"]


def test_roadmap_of_another_year_is_not_linked(write_yaml, tmp_path):
    roadmap = minimal()
    roadmap["document"]["year"] = 2030
    write_yaml(roadmap, "roadmap.yaml")
    write_yaml(programme(), "sosh1.yaml")
    assert link_problems(validate_paths([tmp_path])) == {"roadmap.yaml": [], "sosh1.yaml": []}


def test_programme_without_municipality_is_noted(write_yaml, tmp_path):
    write_yaml(minimal(), "roadmap.yaml")
    data = programme()
    del data["municipality"]
    write_yaml(data, "sosh1.yaml")
    found = link_problems(validate_paths([tmp_path]))
    assert [(r, m) for r, _, m in found["sosh1.yaml"]] == [
        (
            "programme-unlinked",
            "программа не сверяется с дорожной картой муниципалитета: укажите municipality, как в "
            "document.municipality дорожной карты",
        )
    ]
    assert found["roadmap.yaml"] == []


def test_own_parameter_of_the_roadmap_is_known_when_linked(write_yaml, tmp_path):
    roadmap = minimal()
    roadmap["audit"].append(
        {"id": "own.transport", "factor": "contingent", "title": "Подвоз обучающихся", "schools": ["sosh1"]}
    )
    roadmap["events"][0]["parameters"].append("own.transport")
    write_yaml(roadmap, "roadmap.yaml")
    data = programme()
    data["parameters"] = ["own.transport"]
    write_yaml(data, "sosh1.yaml")
    (report,) = [r for r in validate_paths([tmp_path]) if r.path.name == "sosh1.yaml"]
    assert report.problems == []
    # Alone, the programme cannot know the municipality's own parameter.
    (alone,) = validate_paths([tmp_path / "sosh1.yaml"])
    assert [p.rule for p in alone.problems] == ["programme-parameter-unknown"]


def test_programmes_in_a_subfolder_are_linked(write_yaml, tmp_path):
    write_yaml(minimal(), "roadmap.yaml")
    (tmp_path / "schools").mkdir()
    write_yaml(programme(), "schools/sosh1.yaml")
    found = link_problems(validate_paths([tmp_path]))
    assert [r for r, _, _ in found["roadmap.yaml"]] == ["shnor-no-programme"]


def test_examples_folder_has_no_link_problems(cli):
    # examples/region is the review's generated region, full of mistakes on purpose: only the documents here.
    result = cli("validate", "--format", "json", *sorted(EXAMPLES.glob("*.yaml")))
    import json

    data = json.loads(result.output)
    rules = {p["rule"] for f in data["files"] for p in f["problems"]}
    assert not rules & LINK_RULES, result.output
    kinds = {f["path"].rsplit("/", 1)[-1]: f["kind"] for f in data["files"]}
    assert kinds["school-2022.yaml"] == "programme" and kinds["school-2022-seed.yaml"] == "programme"


def test_rules_command_lists_link_rules(cli):
    result = cli("rules")
    assert result.exit_code == 0, result.output
    for rule_id in LINK_RULES | {"task-numbering", "stage-order", "month-order"}:
        assert any(line.split()[0] == rule_id for line in result.output.splitlines()), result.output


def test_one_municipality_however_its_files_write_it():
    """A programme of «МО Усть-Лабинский р-н» belongs to the roadmap of «Усть-Лабинский район», and the review counts
    them as one municipality; another district stays another."""
    from neuspeh_cli.domain.links import municipality_key

    same = [
        "Усть-Лабинский район",
        "МО Усть-Лабинский р-н",
        "муниципальное образование Усть-Лабинский район",
        "Усть-Лабинcкий район",  # a Latin «c»
        "усть-лабинский  район",
    ]
    assert {municipality_key(n) for n in same} == {"усть-лабинский район"}
    assert municipality_key("Моздокский район") != municipality_key("Усть-Лабинский район")
    assert municipality_key("Моздокский район") == "моздокский район"  # «Мо…» is not the prefix «МО»
