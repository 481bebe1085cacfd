"""The registry of kinds keeps its promise: a kind is one ``Kind`` in ``kinds.KINDS`` plus its own modules.

A throw-away kind (tests/throwaway_kind.py, a «служебная записка») is registered for the test and
flows through validate, build, schema and review with no other change. Every real kind is checked for
what docs/development.md promises of it.
"""

from __future__ import annotations

import json
import sys
from importlib.resources import files
from pathlib import Path

import pytest
from conftest import EXAMPLES

from neuspeh_cli import kinds

MEMO = kinds.Kind(
    name="memo",
    title="служебная записка",
    short_title="записка",
    feminine=True,
    model="throwaway_kind:Memo",
    rules="throwaway_kind",
    keys=frozenset({"memo"}),
    template="",
    context="throwaway_kind:document_context",
    schema="memo.schema.json",
    review_facts="throwaway_kind:review_facts",
)


@pytest.fixture
def memo(monkeypatch):
    monkeypatch.syspath_prepend(str(Path(__file__).parent))
    monkeypatch.setitem(kinds.KINDS, "memo", MEMO)
    yield MEMO
    sys.modules.pop("throwaway_kind", None)
    from neuspeh_cli.rules import RULES

    RULES.pop("memo-no-items", None)


def _memo_template(path: Path) -> Path:
    from docx import Document

    document = Document()
    document.add_paragraph("{{ memo }}")
    document.add_paragraph("{% for item in items %}— {{ item }}; {% endfor %}")
    document.save(path)
    return path


@pytest.mark.parametrize("name", list(kinds.KINDS))
def test_every_kind_keeps_the_promises_of_the_docs(name):
    kind = kinds.KINDS[name]
    assert kind.model_class().model_fields
    kind.load_rules()
    from neuspeh_cli.rules import rules_for

    assert any(r.kind == name for r in rules_for(name))
    assert kind.short_title and kind.title
    if kind.template:
        assert files("neuspeh_cli.templates").joinpath(kind.template).is_file()
        assert callable(kind.context_function())
    assert files("neuspeh_cli.schemas").joinpath(kind.schema).is_file()
    assert kind.scaffold.startswith("neuspeh ")
    assert callable(kind.review_function())


def test_a_new_kind_is_validated(memo, cli, tmp_path):
    path = tmp_path / "записка.yaml"
    path.write_text("kind: memo\nmemo: О проверке\nitems: []\n", encoding="utf-8")
    result = cli("validate", path)
    assert result.exit_code == 1, result.output
    assert "в записке нет ни одного пункта" in result.output and "[memo-no-items]" in result.output


def test_a_new_kind_is_recognised_by_its_keys(memo, cli, tmp_path):
    path = tmp_path / "записка.yaml"
    path.write_text("memo: О проверке\nitems: [первый]\n", encoding="utf-8")
    result = cli("validate", path)
    assert result.exit_code == 0, result.output


def test_a_new_kind_is_built(memo, cli, tmp_path, monkeypatch):
    from dataclasses import replace

    path = tmp_path / "записка.yaml"
    path.write_text("kind: memo\nmemo: О проверке\nitems: [первый, второй]\n", encoding="utf-8")
    # A real kind ships its template in neuspeh_cli/templates; the throw-away one names a file of its own.
    monkeypatch.setitem(
        kinds.KINDS, "memo", replace(memo, template=str(_memo_template(tmp_path / "записка-шаблон.docx")))
    )
    result = cli("build", path, "--no-pdf", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    from docx import Document

    text = "\n".join(p.text for p in Document(tmp_path / "out" / "записка.docx").paragraphs)
    assert "О проверке" in text and "— первый; — второй;" in text


def test_a_new_kind_has_a_schema(memo):
    from neuspeh_cli.jsonschema import schema

    data = schema("memo")
    assert set(data["properties"]) >= {"memo", "items"}
    json.dumps(data)


def test_a_new_kind_goes_through_the_review(memo, tmp_path):
    import shutil

    from neuspeh_cli.review import ReviewOptions, run_review

    folder = tmp_path / "регион" / "Усть-Лабинский район"
    folder.mkdir(parents=True)
    shutil.copy(EXAMPLES / "ust-labinsk-2025.yaml", folder / "roadmap-2025.yaml")
    (folder / "записка.yaml").write_text(
        "kind: memo\nmemo: О проверке\nmunicipality: Усть-Лабинский район\nitems: [один, два]\n", encoding="utf-8"
    )
    result = run_review(
        [tmp_path / "регион"], ReviewOptions(out_dir=tmp_path / "out", formats=("xlsx",), jobs=1, cache=False)
    )
    region = result.region
    files_seen = {Path(f.path).name: f for m in region.municipalities for f in m.files}
    memo_file = files_seen["записка.yaml"]
    assert memo_file.kind == "memo"
    assert memo_file.extra["memo"] == {"items": 2, "municipality": "Усть-Лабинский район"}
    assert [m.name for m in region.municipalities] == ["Усть-Лабинский район"]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("year: 2025\nname: x\n", "не похоже на файл neuspeh: нет ни ключа kind"),
        ("kind: roadmapp\nyear: 2025\n", "неизвестный вид файла «kind: roadmapp»; допустимо: kind: roadmap"),
        # an indented line after «kind: roadmap» is read by YAML as the rest of its value
        ("kind: roadmap\n  municipality\nyear: 2025\n", "значение «roadmap» склеилось со следующей строкой"),
    ],
)
def test_a_file_of_no_known_kind_is_told_where_and_why(cli, tmp_path, text, says):
    path = tmp_path / "файл.yaml"
    path.write_text(text, encoding="utf-8")
    result = cli("validate", path)
    assert result.exit_code == 1 and says in result.output, result.output
    if text.startswith("kind:"):
        assert "файл.yaml:1:7:" in result.output  # at the value of kind:
