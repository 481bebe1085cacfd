"""The safe reader: positions, duplicate keys, hostile inputs never run code or show a traceback."""

from __future__ import annotations

import pytest

from neuspeh_cli.errors import ReadError
from neuspeh_cli.reading.yamlread import read_yaml_file, read_yaml_text


def test_positions_of_keys_and_values():
    doc = read_yaml_text("a:\n  b: [1, 2]\n  c: текст\n", "x.yaml")
    assert doc.data == {"a": {"b": [1, 2], "c": "текст"}}
    assert (doc.values[("a", "c")].line, doc.values[("a", "c")].column) == (3, 6)
    assert (doc.values[("a", "b", 1)].line, doc.values[("a", "b", 1)].column) == (2, 10)
    assert doc.keys[("a", "b")].line == 2


def test_locate_skips_union_branch_names_and_falls_back_to_parent():
    doc = read_yaml_text("events:\n  - name: x\n    dates: y\n", "x.yaml")
    assert doc.locate(("events", 0, "dates", "str")).line == 3
    assert doc.locate(("events", 0, "missing")).line == 2


def test_duplicate_key_is_an_error_with_both_lines():
    with pytest.raises(ReadError) as info:
        read_yaml_text("document:\n  year: 2023\n  year: 2024\n", "x.yaml")
    assert (info.value.line, info.value.column) == (3, 3)
    assert "ключ «year» повторяется (впервые — в строке 2)" in info.value.message


def test_dates_and_numbers_stay_as_written():
    doc = read_yaml_text("date: 2023-08-31\nn: 0123\nyear: 2025\nflag: yes\n", "x.yaml")
    assert doc.data == {"date": "2023-08-31", "n": 123, "year": 2025, "flag": True}


def test_same_keys_in_sibling_mappings_are_no_repeat_and_a_repeat_in_a_list_item_is():
    doc = read_yaml_text("events:\n  - {id: a, name: x}\n  - {id: b, name: y}\nid: c\n", "x.yaml")
    assert doc.data["events"][1] == {"id": "b", "name": "y"} and doc.data["id"] == "c"
    with pytest.raises(ReadError) as info:
        read_yaml_text("events:\n  - id: a\n  - id: b\n    name: x\n    id: c\n", "x.yaml")
    assert info.value.line == 5 and info.value.message.startswith("ключ «id» повторяется (впервые — в строке 3)")


def test_words_read_before_are_read_the_same_again():
    """Plain words that YAML resolved to text are remembered; numbers, booleans and nulls never are."""
    text = "name: no-data\nform: Yes\nflag: yes\nnone: null\nn: 044\nwhen: 2023-08-31\nnil: ~\n"
    first, second = read_yaml_text(text, "x.yaml"), read_yaml_text(text, "x.yaml")
    expected = {"name": "no-data", "form": True, "flag": True, "none": None, "n": 44, "when": "2023-08-31", "nil": None}
    assert first.data == second.data == expected
    assert second.raw == first.raw and type(second.data["n"]).__name__ == "TextInt"


def _cp1251(path):
    path.write_bytes("document:\n  municipality: Кореновский район\n".encode("cp1251"))


HOSTILE = {
    "empty": (lambda p: p.write_bytes(b""), "файл пуст"),
    "random-bytes": (lambda p: p.write_bytes(bytes(range(256)) * 40), "двоичный файл"),
    "duplicate-key": (lambda p: p.write_text("kind: roadmap\nkind: roadmap\n", encoding="utf-8"), "повторяется"),
    "tab-indent": (lambda p: p.write_text("document:\n\tyear: 2023\n", encoding="utf-8"), "табуляц"),
    "windows-1251": (_cp1251, "Windows-1251"),
    "python-object": (
        lambda p: p.write_text("x: !!python/object/apply:os.system ['echo pwned']\n", encoding="utf-8"),
        "тег «!!python/object/apply:os.system» не поддерживается",
    ),
    "alias-bomb": (
        lambda p: p.write_text(
            "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + "".join(
                f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
                f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
                for i in range(8)
            ),
            encoding="utf-8",
        ),
        "слишком много значений",
    ),
    "huge-line": (lambda p: p.write_text("x: " + "я" * 10_000_000 + "\n", encoding="utf-8"), "слишком большой"),
    "deep-nesting": (lambda p: p.write_text("[" * 5000 + "]" * 5000, encoding="utf-8"), "вложенность"),
    "unclosed-quote": (lambda p: p.write_text('x: "abc\n', encoding="utf-8"), "не закрыта кавычка"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_input_is_refused_with_a_reason(tmp_path, case):
    make, expected = HOSTILE[case]
    path = tmp_path / f"{case}.yaml"
    make(path)
    with pytest.raises(ReadError) as info:
        read_yaml_file(path)
    assert expected in info.value.message, info.value.message
    assert str(info.value).startswith(f"{path}:")


def test_python_tag_runs_no_code(tmp_path):
    marker = tmp_path / "pwned"
    path = tmp_path / "x.yaml"
    path.write_text(f"x: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    with pytest.raises(ReadError):
        read_yaml_file(path)
    assert not marker.exists()


def test_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffkind: roadmap\n".encode())
    assert read_yaml_file(path).data == {"kind": "roadmap"}


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ReadError, match="файл не найден"):
        read_yaml_file(tmp_path / "nope.yaml")
    with pytest.raises(ReadError, match="это папка"):
        read_yaml_file(tmp_path)


def test_item_below_an_empty_list_says_to_remove_the_brackets():
    text = "kind: roadmap\naudit: []\n  # 4. Кадровые ресурсы школы\n  - parameter: staffing.teacher-shortage\n"
    with pytest.raises(ReadError) as info:
        read_yaml_text(text, "x.yaml")
    assert (
        info.value.message
        == "в строке 2 «audit: []» объявлен пустой список, а ниже идут его элементы: сотрите «[]» в строке 2"
    )
