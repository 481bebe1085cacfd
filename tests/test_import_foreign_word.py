"""Word files from other municipalities: markup a clerk produces without knowing it, read as the reader sees it."""

from __future__ import annotations

import foreign_documents as fd
import pytest
import yaml


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("foreign")


def imported(path):
    from neuspeh_cli.importing import import_file

    result = import_file(path)
    return result, yaml.safe_load(result.data_text)


def test_an_approval_stamp_in_a_text_box_is_read_once(folder):
    result, data = imported(fd.stamp_in_text_box(folder / "штамп.docx"))
    assert data["document"]["approval"] == {
        "position": "Начальник управления образования",
        "name": "А.Б. Сидорова",
        "date": "«20» января 2025 г.",
    }
    assert not result.unplaced  # the VML copy of the box is not read a second time


def test_a_text_box_in_a_cell_is_part_of_the_cell():
    from lxml import etree

    from neuspeh_cli.importing.wordxml import read_table

    xml = fd.table(fd.row(fd.cell(fd.para("УО", fd.text_box("каб. 12")))), cols=1)
    tbl = etree.fromstring(f"<w:body {fd.NS}>{xml}</w:body>")[1]
    assert read_table(tbl, "таблица 1").rows[0][0].text == "каб. 12\nУО"


def test_a_content_control_still_showing_its_prompt_is_empty(folder):
    result, data = imported(fd.unfilled_control(folder / "элементы.docx"))
    first, second = data["events"][:2]
    assert first["place"] == "МБОУ СОШ № 5"  # a filled control is read
    assert second.get("place", "") == "" and second.get("contingent", "") == ""
    assert "Место для ввода" not in result.data_text and "Click or tap" not in result.data_text
