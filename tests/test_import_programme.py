"""School programmes written in Word import and validate (seed 004 is one)."""

from __future__ import annotations

from pathlib import Path

import municipal_layouts as layouts
import pytest
import yaml
from conftest import EXAMPLES
from import_helpers import build_docx, without_data_part


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("programme")


def test_the_seed_programme_as_a_school_types_it(folder):
    from neuspeh_cli.importing import import_file

    result = import_file(layouts.seed_programme(folder / "программа.docx"))
    data = yaml.safe_load(result.data_text)
    assert result.kind == "programme" and data["kind"] == "programme"
    assert data["municipality"] == "Кочубеевский муниципальный округ"
    assert data["order"] == {
        "body": "отдела образования администрации Кочубеевского муниципального округа Ставропольского края",
        "date": "14 января 2022 года",
        "number": "44",
    }
    assert len(data["categories"]) == 3 and len(data["directions"]) == 3 and len(data["methods"]) == 2
    assert [t["number"] for t in data["tasks"]] == [1, 2, 3, 4, 5]
    assert [(i["number"], i["task"]) for i in data["indicators"]] == [(1, 1), (2, 2), (4, 4), (5, 5), (6, 6)]
    assert [s["title"] for s in data["stages"]] == ["аналитико-диагностический", "основной", "практико-прогностический"]
    assert len(data["working_group"]) == 4
    assert [len(r["measures"]) for r in data["roadmap"]] == [2, 2]
    assert data["roadmap"][0]["measures"][1] == {
        "text": "проведение мониторинга индивидуальных особенностей познавательных процессов обучающихся;",
        "deadline": "Сентябрь – октябрь, 2022 г.",
    }
    # the seed's own broken line is listed, not dropped
    assert [u.text for u in result.unplaced] == ["Программы;"]


def test_the_seed_programme_validates_from_the_word_file(folder):
    from neuspeh_cli.document import load_one

    document = load_one(layouts.seed_programme(folder / "программа.docx"))
    assert document.kind == "programme" and document.model is not None
    rules = {p.rule for p in document.problems}
    assert "import-unplaced" in rules and "read-error" not in rules and "schema" not in rules
    # The seed's third stage has a mistyped year («апрель – май 2022 г.» after «октябрь 2022 г. – май 2023 г.»):
    # the check names that stage, and the term (earliest to latest stage) stays the right way round, so the
    # roadmap's deadlines are not all reported outside it.
    assert document.model.period.start == "апрель 2022" and document.model.period.end == "май 2023"
    assert "stage-order" in rules and not rules & {"month-order", "deadline-outside-period"}


def test_a_programme_built_by_the_tool_reads_back_from_its_tables(folder):
    from neuspeh_cli.importing import import_file

    example = EXAMPLES / "school-2022.yaml"
    built = without_data_part(build_docx(example, folder), folder / "foreign.docx")
    result = import_file(built)
    assert result.unplaced == []
    data, expected = yaml.safe_load(result.data_text), yaml.safe_load(example.read_text(encoding="utf-8"))
    assert data["school"] == expected["school"] and data["municipality"] == expected["municipality"]
    assert [t["text"].rstrip(";.") for t in data["tasks"]] == [
        t["text"].replace(" – ", "-").rstrip(";.") for t in expected["tasks"]
    ] or len(data["tasks"]) == len(expected["tasks"])
    assert [len(r["measures"]) for r in data["roadmap"]] == [len(r["measures"]) for r in expected["roadmap"]]
    assert [[m.get("deadline", "") for m in r["measures"]] for r in data["roadmap"]] == [
        [m.get("deadline", "") for m in r["measures"]] for r in expected["roadmap"]
    ]
    assert data["period"] == expected["period"]
    assert data["parameters"] == expected["parameters"]  # «Параметры входного аудита…» read back to catalog ids


def test_a_programme_built_by_the_tool_gives_back_its_data_file(folder):
    from neuspeh_cli.importing import import_file

    example = EXAMPLES / "school-2022.yaml"
    result = import_file(build_docx(example, folder / "own"))
    assert result.own and result.kind == "programme"
    assert result.data_text == example.read_text(encoding="utf-8")


def test_the_seed_programme_with_word_lists_reads_as_with_typed_numbers(folder):
    """Word lists keep their numbers and bullets outside the text: «Задачи программы:» lost its five tasks."""
    import foreign_documents

    from neuspeh_cli.importing import import_file

    typed = yaml.safe_load(import_file(layouts.seed_programme(folder / "набрано.docx")).data_text)
    result = import_file(foreign_documents.programme_with_word_lists(folder / "списки.docx"))
    assert yaml.safe_load(result.data_text) == typed
    assert [u.text for u in result.unplaced] == ["Программы;"]


def test_a_programme_passport_table_is_read_and_what_the_text_repeats_is_kept_once(folder):
    import foreign_documents

    from neuspeh_cli.importing import import_file

    typed = yaml.safe_load(import_file(layouts.seed_programme(folder / "без паспорта.docx")).data_text)
    both = import_file(foreign_documents.programme_with_passport(folder / "паспорт и текст.docx"))
    data = yaml.safe_load(both.data_text)
    assert {k: v for k, v in data.items() if k != "period"} == {k: v for k, v in typed.items() if k != "period"}
    assert data["period"] == {"start": "сентябрь 2022", "end": "май 2023"}  # the passport says it
    assert [(u.where, u.reason) for u in both.unplaced] == [
        ("таблица 1, строка 6", "строка паспорта программы не распознана"),
        ("абзац 54", "текст программы не распознан (не раздел, не пункт списка)"),
    ]

    alone = yaml.safe_load(
        import_file(foreign_documents.programme_with_passport(folder / "паспорт.docx", text=False)).data_text
    )
    assert alone["goal"] == typed["goal"][0].upper() + typed["goal"][1:]  # as the passport writes it
    for key in ("tasks", "indicators", "working_group", "roadmap", "order", "period"):
        assert alone[key] == data[key], key


def test_a_programme_indicator_table_gives_its_indicators(folder):
    import foreign_documents

    from neuspeh_cli.importing import import_file

    typed = yaml.safe_load(import_file(layouts.seed_programme(folder / "абзацы.docx")).data_text)
    result = import_file(foreign_documents.programme_with_indicator_table(folder / "таблица показателей.docx"))
    assert yaml.safe_load(result.data_text)["indicators"] == typed["indicators"]
    values = [u for u in result.unplaced if u.text == "100 %"]
    assert len(values) == 5 and "графы «Целевое значение» у показателя программы в формате нет" in values[0].reason
