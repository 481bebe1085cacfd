"""What Word shows in «Сведения» and what a records office checks: properties from the data, honest, reproducible."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest
from conftest import EXAMPLES, minimal
from lxml import etree

from neuspeh_cli import __version__
from neuspeh_cli.build import BuildOptions, build_files
from neuspeh_cli.render.package import parse_day

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DC = "{http://purl.org/dc/elements/1.1/}"
DCTERMS = "{http://purl.org/dc/terms/}"
CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
EP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"


def _build(path, tmp_path, **options):
    report = build_files([path], BuildOptions(out_dir=tmp_path, pdf_engine="none", force=True, **options))
    return zipfile.ZipFile(report.results[0].docx)


def _core(package) -> dict[str, str]:
    root = etree.fromstring(package.read("docProps/core.xml"))
    return {child.tag.split("}")[1]: child.text or "" for child in root}


def test_roadmap_properties_come_from_the_data(tmp_path):
    core = _core(_build(EXAMPLES / "ust-labinsk-2025.yaml", tmp_path))
    assert (
        core["title"]
        == "Дорожная карта по профилактике учебной неуспешности в муниципальном образовании Усть-Лабинский район на "
        "2025 год"
    )
    assert (
        core["subject"]
        == "Результаты входного аудита и муниципальная дорожная карта по профилактике учебной неуспешности"
    )
    assert core["creator"] == "Управление образования администрации муниципального образования Усть-Лабинский район"
    assert core["lastModifiedBy"] == core["creator"]
    assert core["language"] == "ru-RU"
    # approved by order № 112 of 18.03.2025: the document is dated by it, whenever it is built
    assert core["created"] == core["modified"] == "2025-03-18T00:00:00Z"
    assert "lastPrinted" not in core


def test_programme_properties_come_from_the_data(tmp_path):
    core = _core(_build(EXAMPLES / "school-2022.yaml", tmp_path))
    assert core["title"] == "Программа профилактики учебной неуспешности МБОУ СОШ № 1"
    assert core["creator"] == "МБОУ СОШ № 1"
    assert core["created"] == "2022-01-14T00:00:00Z"


def test_date_without_an_approval_date_is_the_first_day_of_the_period(tmp_path, write_yaml):
    data = minimal()
    data["document"]["approval"]["date"] = ""
    assert _core(_build(write_yaml(data), tmp_path))["created"] == "2025-01-01T00:00:00Z"
    data["document"].pop("year")
    data["document"]["period"] = {"start": "сентябрь 2025", "end": "май 2026"}
    for event in data["events"]:
        event["dates"] = "Октябрь 2025"
    assert _core(_build(write_yaml(data), tmp_path / "b"))["created"] == "2025-09-01T00:00:00Z"


def test_author_without_a_body_is_the_municipality(tmp_path, write_yaml):
    assert _core(_build(write_yaml(minimal()), tmp_path))["creator"] == "Муниципальное образование Тестовый район"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("31.08.2025", dt.date(2025, 8, 31)),
        ('"10" апреля 2023 г.', dt.date(2023, 4, 10)),
        ("«18» ноября 2024 года", dt.date(2024, 11, 18)),
        ("18 ноября 2024 года", dt.date(2024, 11, 18)),
        ("31.02.2025", None),
        ("«___» ____________ 20___ г.", None),
        ("", None),
    ],
)
def test_parse_day(text, day):
    assert parse_day(text) == day


@pytest.mark.parametrize("example", ["sample-2023.yaml", "school-2022.yaml"])
def test_honest_application_no_thumbnail_compatibility_15(tmp_path, example):
    package = _build(EXAMPLES / example, tmp_path)
    names = package.namelist()
    assert not [n for n in names if "thumbnail" in n or "stylesWithEffects" in n], names
    assert b"thumbnail" not in package.read("_rels/.rels")
    assert b"stylesWithEffects" not in package.read("word/_rels/document.xml.rels")
    assert b"stylesWithEffects" not in package.read("[Content_Types].xml")
    app = etree.fromstring(package.read("docProps/app.xml"))
    assert app.find(f"{EP}Application").text == f"neuspeh {__version__}"
    assert b"Macintosh" not in package.read("docProps/app.xml")
    settings = etree.fromstring(package.read("word/settings.xml"))
    modes = [c.get(f"{W}val") for c in settings.iter(f"{W}compatSetting") if c.get(f"{W}name") == "compatibilityMode"]
    assert modes == ["15"]
    assert settings.find(f"{W}savePreviewPicture") is None
    assert settings.find(f"{W}autoHyphenation") is not None


@pytest.mark.parametrize("with_measures", [False, True])
@pytest.mark.parametrize("example", ["sample-2023.yaml", "ust-labinsk-2025.yaml", "school-2022.yaml"])
def test_document_does_not_end_with_a_table(tmp_path, example, with_measures):
    """Word adds a full-size paragraph after a closing table, which can make a blank last page."""
    body = etree.fromstring(
        _build(EXAMPLES / example, tmp_path, with_measures=with_measures).read("word/document.xml")
    ).find(f"{W}body")
    last = [child for child in body if child.tag != f"{W}sectPr"][-1]
    assert last.tag == f"{W}p"
    assert not "".join(last.itertext()).strip()


def test_a_user_template_ending_with_a_table_gets_a_small_closing_paragraph(tmp_path, write_yaml):
    from docx import Document

    doc = Document()
    doc.add_paragraph("Карта {{ municipality }}")
    doc.add_table(rows=1, cols=1).rows[0].cells[0].text = "{{ period }}"
    template = tmp_path / "tpl.docx"
    doc.save(template)
    package = _build(write_yaml(minimal()), tmp_path / "out", template=template)
    body = etree.fromstring(package.read("word/document.xml")).find(f"{W}body")
    last = [child for child in body if child.tag != f"{W}sectPr"][-1]
    assert last.tag == f"{W}p" and last.find(f"{W}pPr/{W}spacing").get(f"{W}line") == "20"
    assert _core(package)["title"].startswith("Дорожная карта")
