"""The JSON Schema editors use agrees with `validate`: what validate reads, the schema accepts; what validate refuses
as a schema error, the schema refuses too. Files are read as an editor reads them (YAML 1.2, where «yes» is text)."""

from __future__ import annotations

import copy
import io
import json
from functools import cache
from pathlib import Path

import pytest
import yaml
from conftest import minimal

from neuspeh_cli.jsonschema import schema
from neuspeh_cli.validate import validate_file

jsonschema = pytest.importorskip("jsonschema")
ROOT = Path(__file__).parents[1]
FILES = sorted(
    p
    for p in [
        *ROOT.glob("examples/**/*.yaml"),
        *ROOT.glob("tests/data/report/*.yaml"),
        *ROOT.glob("tests/data/programme/*.yaml"),
    ]
)


@cache
def validator(kind: str):
    return jsonschema.Draft202012Validator(schema(kind))


def as_an_editor_reads(text: str):
    from ruamel.yaml import YAML

    data = YAML(typ="safe", pure=True).load(io.StringIO(text))
    return json.loads(json.dumps(data, default=str))


def schema_errors(path: Path) -> tuple[str | None, list[str], list[str]]:
    """(kind, validate's schema errors, the JSON Schema's errors) for one file."""
    loaded = validate_file(path)
    ours = [p.message for p in loaded.problems if p.rule in ("schema", "read-error")]
    if loaded.kind is None:
        return None, ours, []
    data = as_an_editor_reads(path.read_text(encoding="utf-8-sig"))
    theirs = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message[:120]}" for e in validator(loaded.kind).iter_errors(data)
    ]
    return loaded.kind, ours, theirs


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_example_is_judged_alike(path):
    kind, ours, theirs = schema_errors(path)
    if kind is None:
        pytest.skip("not a neuspeh file")
    assert bool(ours) == bool(theirs), (ours, theirs)


def _write(tmp_path, data, replace=()):
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    for old, new in replace:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "roadmap.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# What people write and `validate` reads: the schema must not mark it.
LENIENT = {
    "year as text": [("  year: 2025", '  year: "2025"')],
    "year with «г.»": [("  year: 2025", "  year: 2025 г.")],
    "school year": [("  year: 2025", "  year: 2025/2026")],
    "place as a number": [("  place: УО", "  place: 12")],
    "dates as a number": [("  dates: Март 2025", "  dates: 03.2025")],
    "shnor: yes": [("  shnor: true", "  shnor: yes")],
    "empty place": [("  place: УО", "  place:")],
    "empty list": [
        ("- parameter: methodical-service.vacancies", "- parameter: methodical-service.vacancies\n  schools:")
    ],
}

# What `validate` refuses as a schema error: the schema must refuse it too.
STRICT = {
    "unknown key": [("  place: УО", "  plase: УО")],
    "shnor: да": [("  shnor: true", "  shnor: да")],
    "year out of range": [("  year: 2025", "  year: 1812")],
    "list where text is wanted": [("  place: УО", "  place: [УО, ТМС]")],
    "municipality missing": [("  municipality: Тестовый район\n", "")],
}


@pytest.mark.parametrize("name", sorted(LENIENT))
def test_schema_accepts_what_validate_reads(tmp_path, name):
    path = _write(tmp_path, minimal(), LENIENT[name])
    kind, ours, theirs = schema_errors(path)
    assert kind == "roadmap" and ours == [] and theirs == []


@pytest.mark.parametrize("name", sorted(STRICT))
def test_schema_refuses_what_validate_refuses(tmp_path, name):
    path = _write(tmp_path, minimal(), STRICT[name])
    _, ours, theirs = schema_errors(path)
    assert ours and theirs, (ours, theirs)


def test_parameter_ids_are_an_enum_with_titles():
    from neuspeh_cli.domain.catalog import load_catalog

    catalog = load_catalog()
    finding = schema("roadmap")["$defs"]["Finding"]["properties"]["parameter"]
    (vocabulary,) = [b for b in finding["anyOf"] if "enum" in b]
    assert vocabulary["enum"] == sorted(catalog.parameters) and len(vocabulary["enum"]) == 62
    k = vocabulary["enum"].index("staffing.teacher-shortage")
    assert vocabulary["enumDescriptions"][k] == " ".join(catalog.parameters["staffing.teacher-shortage"].title.split())
    branches = schema("roadmap")["$defs"]["Event"]["properties"]["parameters"]["anyOf"]
    event_items = next(b for b in branches if b.get("type") == "array")["items"]
    assert any(b.get("enum") == vocabulary["enum"] for b in event_items["anyOf"])
    outcome = schema("report")["$defs"]["ParameterOutcome"]["properties"]["parameter"]
    assert any(b.get("enum") == vocabulary["enum"] for b in outcome["anyOf"])


def test_a_report_with_blanks_and_numbers_is_accepted():
    data = as_an_editor_reads((ROOT / "examples" / "ust-labinsk-2025-report.yaml").read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    data["events"][0]["held"] = 2025
    data["events"][0]["participants"]["heads"] = None
    assert list(validator("report").iter_errors(data)) == []
