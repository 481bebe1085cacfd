"""Exit codes as the README promises (issue 21): a typo, a bad template or an unwritable output is 2, never 3."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA, EXAMPLES

from neuspeh_cli.errors import OutputError
from neuspeh_cli.outputs import reserved_name, safe_file_name, write_atomic


def test_a_missing_municipal_catalog_is_a_message_at_its_key_not_a_crash(cli, tmp_path):
    path = tmp_path / "карта.yaml"
    path.write_text(
        "catalog: нет-такого.yaml\n" + (EXAMPLES / "ust-labinsk-2025.yaml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    result = cli("validate", path)
    assert result.exit_code == 2, result.output
    assert (
        f"{path}:1:10: ошибка свой каталог факторов «нет-такого.yaml» не читается: файл не найден: проверьте путь "
        "[read-error]" in result.output
    )
    assert "внутренняя ошибка" not in result.output and "internal-error" not in result.output


def _template(tmp_path: Path, text: str) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    path = tmp_path / "шаблон.docx"
    document.save(path)
    return path


@pytest.mark.parametrize(
    "tag", ["{% include 'другой.docx' %}", "{% extends 'другой.docx' %}", "{% import 'другой.docx' as m %}"]
)
def test_a_template_that_takes_in_another_is_refused_with_exit_2(cli, tmp_path, tag):
    result = cli(
        "build",
        EXAMPLES / "ust-labinsk-2025.yaml",
        "--template",
        _template(tmp_path, tag),
        "-o",
        tmp_path / "out",
        "--no-pdf",
    )
    assert result.exit_code == 2, result.output
    assert "шаблон подключает другой шаблон («другой.docx»" in result.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_template_that_is_a_fifo_is_refused_at_once(cli, tmp_path):
    import os

    fifo = tmp_path / "шаблон.docx"
    os.mkfifo(fifo)
    result = cli("build", EXAMPLES / "ust-labinsk-2025.yaml", "--template", fifo, "-o", tmp_path / "out", "--no-pdf")
    assert result.exit_code == 2 and "именованный канал (FIFO)" in result.output, result.output


def test_output_into_a_file_is_exit_2(cli, tmp_path):
    blocker = tmp_path / "это-файл"
    blocker.write_text("x", encoding="utf-8")
    result = cli("build", EXAMPLES / "ust-labinsk-2025.yaml", "-o", blocker, "--no-pdf")
    assert result.exit_code == 2, result.output
    assert f"{blocker}: это файл, а не папка" in result.output
    assert blocker.read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize("name", ["CON.yaml", "nul.docx", "com1.xlsx", "Lpt9", "aux .txt"])
def test_names_windows_reserves_are_never_written(tmp_path, name):
    assert reserved_name(name)
    with pytest.raises(OutputError, match="в Windows зарезервировано"):
        write_atomic(tmp_path / name, "x")
    assert not list(tmp_path.iterdir())


def test_names_made_from_data_are_safe_everywhere():
    taken: set[str] = set()
    assert safe_file_name("CON", ".docx", taken) == "CON_.docx"
    assert safe_file_name("con", ".docx", taken) == "con_ (2).docx"
    assert safe_file_name("Район: «Север/Юг»?", ".docx", taken) == "Район_ «Север_Юг»_.docx"
    long = safe_file_name("Муниципальное образование " * 20, ".docx", taken)
    again = safe_file_name("Муниципальное образование " * 20, ".docx", taken)
    assert long != again and again.endswith(" (2).docx")
    assert all(len(n.encode()) <= 200 for n in (long, again)) and not reserved_name(long)
    assert "\ufffd" not in long  # cut between characters, never inside one


def test_split_sheets_survive_a_long_and_a_reserved_municipality_name(tmp_path):
    from neuspeh_cli.review import ReviewOptions, run_review

    folder = tmp_path / "регион"
    for name, municipality in (
        ("длинное", "Муниципальное образование " * 12 + "район"),
        ("con", "CON"),
        ("обычное", "Бетинский район"),
    ):
        text = (
            (DATA / "review" / "beta" / "roadmap.yaml")
            .read_text(encoding="utf-8")
            .replace("Бетинский район", municipality)
        )
        (folder / name).mkdir(parents=True)
        (folder / name / "roadmap.yaml").write_text(text, encoding="utf-8")
    run_review([folder], ReviewOptions(tmp_path / "out", formats=("docx",), split_sheets=True, cache=False, jobs=1))
    sheets = sorted(p.name for p in (tmp_path / "out" / "экспертные-листы").iterdir())
    assert len(sheets) == 3 and "CON_.docx" in sheets and "Бетинский район.docx" in sheets, sheets
    assert all(len(name.encode()) <= 255 for name in sheets)


def test_a_sheet_that_cannot_be_written_does_not_cost_the_others(tmp_path):
    from neuspeh_cli.review import ReviewOptions, run_review

    folder = tmp_path / "регион"
    for name, municipality in (("первый", "Альфа район"), ("второй", "Бетинский район")):
        text = (
            (DATA / "review" / "beta" / "roadmap.yaml")
            .read_text(encoding="utf-8")
            .replace("Бетинский район", municipality)
        )
        (folder / name).mkdir(parents=True)
        (folder / name / "roadmap.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "out" / "экспертные-листы" / "Альфа район.docx").mkdir(parents=True)  # in the way of the first sheet
    result = run_review(
        [folder], ReviewOptions(tmp_path / "out", formats=("docx",), split_sheets=True, cache=False, jobs=1, force=True)
    )
    assert (tmp_path / "out" / "экспертные-листы" / "Бетинский район.docx").is_file()
    assert any(
        "экспертный лист не записан" in note and "Альфа район.docx: это папка" in note for note in result.notes
    ), result.notes
