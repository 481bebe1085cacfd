"""Mistakes come in rounds no more: a schema error does not hide the method's rules, and numbers stay as written."""

from __future__ import annotations

from conftest import minimal

from neuspeh_cli.validate import validate_file


def test_a_mistyped_key_does_not_hide_the_other_problems(write_yaml):
    data = minimal()
    data["document"]["mayor"] = "Иванов"  # a key the format does not know
    data["events"][0]["place"] = ""  # and a real gap of the method
    data["monitoring"]["indicators"] = []
    rules = {p.rule for p in validate_file(write_yaml(data)).problems}
    assert {"schema", "event-incomplete", "quality-indicators-missing"} <= rules, rules


def test_a_wrong_value_of_an_optional_field_is_reported_once(write_yaml):
    data = minimal()
    data["events"][0]["responsible"] = True  # «responsible: yes» in the file
    text = write_yaml(data).read_text(encoding="utf-8").replace("responsible: true", "responsible: yes")
    problems = validate_file(write_yaml(text)).problems
    mine = [p for p in problems if "responsible" in p.message]
    assert [p.rule for p in mine] == ["schema"], mine
    assert (
        mine[0].message
        == "«responsible»: здесь нужен текст, а «yes» YAML читает как логическое значение (да/нет): возьмите значение "
        'в кавычки — responsible: "yes"'
    )


def test_numbers_where_text_is_meant_are_taken_as_written(write_yaml):
    text = write_yaml(minimal()).read_text(encoding="utf-8")
    text = text.replace(
        "  approval:\n", "  approval:\n    order: {body: управления образования, date: 18.03.2025, number: 044}\n", 1
    )
    text = text.replace("dates: Март 2025\n", "dates: 03.2025\n", 1)
    text = text.replace("- id: sosh3\n", "- id: 3\n")
    document = validate_file(write_yaml(text))
    assert document.model is not None, document.problems
    assert document.model.document.approval.order.number == "044"
    assert document.model.events[0].dates == "03.2025"
    assert [s.id for s in document.model.schools][-1] == "3"
    assert not [p for p in document.problems if p.rule == "schema"], document.problems


import pytest  # noqa: E402


@pytest.mark.parametrize(
    ("written", "title"),
    [
        ('"2025/2026"', "2025/2026 учебный год"),
        ("2025-2026 уч. год", "2025/2026 учебный год"),
        ("2025/26", "2025/2026 учебный год"),
        ('"2025 г."', "2025 год"),
    ],
)
def test_year_as_people_write_it(write_yaml, written, title):
    text = write_yaml(minimal()).read_text(encoding="utf-8").replace("year: 2025", f"year: {written}", 1)
    document = validate_file(write_yaml(text))
    assert document.model is not None and document.model.document.period_title == title, document.problems
