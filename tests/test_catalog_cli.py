"""`neuspeh catalog`: the whole «Конструктор» in the terminal and as JSON."""

from __future__ import annotations

import json


def test_catalog_json_lists_11_factors_and_62_parameters(cli):
    result = cli("catalog", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data["factors"]) == 11
    assert sum(len(f["parameters"]) for f in data["factors"]) == 62
    first = data["factors"][0]
    assert set(first) >= {"id", "title", "parameters"}
    assert first["parameters"][0] == {
        "id": "equipment.learning-materials",
        "title": "Нехватка или плохое состояние учебных материалов",
    }


def test_catalog_text_shows_ids(cli):
    result = cli("catalog")
    assert result.exit_code == 0
    assert "staffing.teacher-shortage" in result.output
    assert "Факторов: 11, параметров: 62." in result.output


def test_municipal_catalog_extends_the_bundled_one(cli, tmp_path):
    own = tmp_path / "own.yaml"
    own.write_text(
        "factors:\n  - id: transport\n    number: 12\n    title: Транспортная доступность\n    parameters:\n      - "
        "id: transport.bus\n        title: Нет школьного автобуса\n",
        encoding="utf-8",
    )
    data = json.loads(cli("catalog", "--format", "json", "--catalog", own).output)
    assert [f["id"] for f in data["factors"]][-1] == "transport"


def test_broken_municipal_catalog_is_reported_with_position(cli, tmp_path):
    own = tmp_path / "own.yaml"
    own.write_text("factors:\n  - id: x\n    title: y\n", encoding="utf-8")
    result = cli("catalog", "--catalog", own)
    assert result.exit_code == 2
    assert f"{own}:2:5: каталог факторов не прочитан" in result.output


def test_rules_command_lists_every_rule(cli):
    from neuspeh_cli.rules import all_rules

    output = cli("rules").output
    for rule in all_rules():
        assert rule.id in output
