"""The review reads a region as the institute receives it: Word files instead of (or beside) YAML, PDFs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from neuspeh_cli.review import ReviewOptions, run_review

ROOT = Path(__file__).parents[1]
REGION = ROOT / "examples" / "region"


def _verdicts(region) -> dict[str, tuple]:
    return {
        m.name: (m.status, m.sheet.score if m.sheet else None, m.sheet.verdict if m.sheet else None)
        for m in region.municipalities
    }


@pytest.fixture(scope="module")
def word_region(tmp_path_factory) -> tuple[Path, list[str]]:
    """The example region with every roadmap that builds replaced by its Word file."""
    from neuspeh_cli.build import BuildOptions, build_files

    folder = tmp_path_factory.mktemp("word") / "region"
    shutil.copytree(REGION, folder)
    roadmaps = [p for p in folder.rglob("*.yaml") if "kind: roadmap" in p.read_text(encoding="utf-8", errors="replace")]
    report = build_files(roadmaps, BuildOptions(pdf_engine="none", force=True))
    replaced = []
    for result in report.results:
        if result.docx is not None:
            result.source.unlink()
            replaced.append(str(result.docx.relative_to(folder)))
    return folder, replaced


def test_a_municipality_has_the_same_verdict_from_yaml_and_from_word(word_region, tmp_path):
    folder, replaced = word_region
    assert len(replaced) >= 30
    options = dict(expected=REGION / "municipalities.txt", formats=("xlsx",), cache=False, jobs=2)
    from_yaml = run_review([REGION], ReviewOptions(tmp_path / "yaml", **options)).region
    from_word = run_review([folder], ReviewOptions(tmp_path / "word", **options)).region
    assert _verdicts(from_word) == _verdicts(from_yaml)
    assert sum(1 for m in from_word.municipalities if m.roadmap and m.roadmap.name.endswith(".docx")) == len(replaced)


def test_yaml_beside_its_word_file_is_read_once(tmp_path):
    from neuspeh_cli.document import pick_documents

    assert pick_documents(["карта.yaml", "карта.docx", "карта.pdf"]) == ["карта.yaml"]
    assert pick_documents(["карта.docx", "карта-подписанная.pdf"]) == ["карта.docx"]
    assert pick_documents(["карта.docx", "скан.pdf"]) == [
        "карта.docx"
    ]  # the only other file of the folder: its signed copy
    assert sorted(pick_documents(["район-а.docx", "район-б.pdf", "район-в.yaml"])) == [
        "район-а.docx",
        "район-б.pdf",
        "район-в.yaml",
    ]
    assert pick_documents(["карта.odt", "карта.xlsx"]) == ["карта.odt"]


def test_a_scanned_pdf_asks_for_the_word_file(tmp_path):
    from pypdf import PdfWriter

    from neuspeh_cli.document import load_one

    writer = PdfWriter()
    writer.add_blank_page(842, 595)
    path = tmp_path / "скан.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    document = load_one(path)
    [problem] = document.problems
    assert problem.rule == "read-error" and "скан без текстового слоя: нужен файл Word" in problem.message


@pytest.mark.pdf
@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")), reason="нужен LibreOffice")
def test_a_pdf_with_a_text_layer_is_read_from_its_tables(tmp_path):
    import yaml
    from import_helpers import build_docx, soffice_convert

    from neuspeh_cli.importing import import_file

    example = ROOT / "examples" / "ust-labinsk-2025.yaml"
    pdf = soffice_convert(build_docx(example, tmp_path), "pdf", tmp_path / "pdf", tmp_path / "profile")
    result = import_file(pdf)
    data, expected = yaml.safe_load(result.data_text), yaml.safe_load(example.read_text(encoding="utf-8"))
    assert [e["dates"] for e in data["events"]] == [e["dates"] for e in expected["events"]]
    assert [e["parameters"] for e in data["events"]] == [e["parameters"] for e in expected["events"]]
    assert len(data["audit"]) == len(expected["audit"])
    assert [u.describe() for u in result.unplaced] == []
    assert data["document"]["signature"] == expected["document"]["signature"]  # a line wrapped at «Усть-» joins again
    assert data["document"]["approval"]["order"]["number"] == expected["document"]["approval"]["order"]["number"]


def test_a_cover_letter_in_a_folder_is_passed_over_but_named_explicitly_is_reported(tmp_path):
    import docx

    from neuspeh_cli.document import read_document

    letter = docx.Document()
    letter.add_paragraph("Направляем дорожную карту муниципального образования.")
    path = tmp_path / "письмо.docx"
    letter.save(str(path))
    found = read_document(path, explicit=False)
    assert found.kind is None and found.problems == []
    named = read_document(path, explicit=True)
    assert [p.rule for p in named.problems] == ["read-error"] and "не дорожная карта" in named.problems[0].message


def test_a_word_files_reasons_name_its_table_and_row_not_a_line_of_data(tmp_path):
    import foreign_documents as fd

    from neuspeh_cli.review.views import problems_view

    (tmp_path / "регион").mkdir()
    fd.unfilled_control(tmp_path / "регион" / "Лесной район.docx")
    options = ReviewOptions(tmp_path / "свод", formats=("xlsx",), cache=False, jobs=1)
    region = run_review([tmp_path / "регион"], options).region
    [municipality] = region.municipalities
    reasons = [r for item in municipality.sheet.items for r in item.reasons if r.file]
    assert reasons and all(r.line == 0 for r in reasons)  # «Лесной район.docx:27» was a line nobody can find
    # ШНОР of parameter 1.1 (section I, its first row under the header) take part in no event on it
    assert any(r.text.startswith("1.1.") and r.text.endswith("(таблица 1, строка 2)") for r in reasons)
    rows = problems_view(region).rows  # their messages name the place; the column of lines stays empty
    assert any(row[-1].startswith("таблица 2, строка 3") for row in rows) and all(row[2] is None for row in rows)


def test_an_archive_or_a_lone_picture_in_a_folder_is_named_not_passed_over(tmp_path):
    """A municipality that sent «архив.zip» or a photo of the pages was «не представлена» without a word why."""
    import foreign_documents as fd

    from neuspeh_cli.document import collect_files, load_one, pick_documents

    assert pick_documents(["карта.docx", "фото.jpg", "архив.zip"]) == ["карта.docx", "архив.zip"]
    assert pick_documents(["стр1.jpg", "стр2.jpg"]) == ["стр1.jpg", "стр2.jpg"]  # nothing else: the pictures are it
    folder = tmp_path / "Лесной"
    folder.mkdir()
    (folder / "архив.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    fd.unfilled_control(folder / "карта.dotx")  # a Word template sent as the roadmap: the same package
    assert [p.name for p, _ in collect_files([tmp_path], documents=True)] == ["архив.zip", "карта.dotx"]
    [problem] = load_one(folder / "архив.zip").problems
    assert problem.rule == "read-error" and problem.message.startswith("это архив (.zip), а не документ: распакуйте")
    assert load_one(folder / "карта.dotx").model is not None
