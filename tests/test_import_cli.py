"""`neuspeh import`: exit codes, never overwriting, the report of what was not placed, clear refusals."""

from __future__ import annotations

import shutil

import pytest
from conftest import DATA, ROOT

HERE = DATA / "import"


def test_committed_fixtures_are_what_the_script_writes():
    from test_import_parts import fixtures_tool

    for name, data in fixtures_tool().build_all().items():
        assert (HERE / name).read_bytes() == data, f"{name}: запустите python tools/make_import_fixtures.py"


def test_import_writes_beside_the_input_and_exits_0_when_all_is_placed(cli, tmp_path):
    source = tmp_path / "карта.docx"
    shutil.copy(HERE / "two-row-header.docx", source)
    result = cli("import", source)
    assert result.exit_code == 0, result.output
    target = tmp_path / "карта.yaml"
    assert target.exists()
    assert f"Записан {target}: мероприятий — 3, параметров аудита — 2, школ — 3." in result.output
    assert f"Дальше: neuspeh validate {target}" in result.output


def test_existing_output_is_kept_without_force(cli, tmp_path):
    source = tmp_path / "карта.docx"
    shutil.copy(HERE / "two-row-header.docx", source)
    target = tmp_path / "карта.yaml"
    target.write_text("моё\n", encoding="utf-8")
    result = cli("import", source)
    assert result.exit_code != 0
    assert f"{target}: файл уже существует; чтобы перезаписать его, добавьте --force" in result.output
    assert target.read_text(encoding="utf-8") == "моё\n"
    result = cli("import", source, "--force")
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("# Импортировано из «карта.docx»")


def test_not_placed_text_is_listed_and_exit_is_1(cli, tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Мероприятия"
    ws.append(["Мероприятие", "Форма", "Сроки", "Ответственные", "Примечание"])
    ws.append(["«Школа молодого учителя»", "семинар", "Май 2025", "ТМС", "перенесено с апреля"])
    source = tmp_path / "план.xlsx"
    wb.save(source)
    result = cli("import", source, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 1, result.output
    assert "Не размещено (1) — перенесите вручную или поправьте документ и повторите:" in result.output
    assert (
        "  лист «Мероприятия», строка 2, столбец E («Примечание»): «перенесено с апреля» — столбец не распознан по "
        "заголовку" in result.output
    )
    assert (tmp_path / "out.yaml").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("пусто.docx", b"", "файл пуст (0 байт)"),
        ("битый.docx", b"PK\x03\x04 not really a zip", "файл не читается как документ Word"),
        ("битый.xlsx", b"not a workbook at all", "файл не читается как таблица Excel или OpenDocument"),
        ("карта.pdf", b"%PDF-1.4", "PDF не читается"),
    ],
)
def test_unreadable_files_exit_2_with_a_russian_message(cli, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    result = cli("import", path)
    assert result.exit_code == 2, result.output
    assert f"Ошибка: {path}: {message}" in result.output
    assert "Traceback" not in result.output
    assert not path.with_suffix(".yaml").exists()


def test_missing_file_exits_2(cli, tmp_path):
    result = cli("import", tmp_path / "нет.docx")
    assert result.exit_code == 2
    assert "файл не найден: проверьте путь" in result.output


def test_a_document_that_is_not_a_roadmap_exits_2(cli, tmp_path):
    from test_import_parts import fixtures_tool

    t = fixtures_tool()
    path = tmp_path / "письмо.docx"
    path.write_bytes(
        t.docx(
            t.para("Уважаемые коллеги!"),
            t.table([1, 1], t.plain_row(["Фамилия", "Телефон"]), t.plain_row(["Иванова", "123"])),
        )
    )
    result = cli("import", path)
    assert result.exit_code == 2, result.output
    assert "не найдено ни таблицы мероприятий" in result.output
    assert "это не дорожная карта" in result.output


@pytest.mark.pdf
@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")), reason="нужен LibreOffice")
def test_a_broken_doc_through_libreoffice_exits_2(cli, tmp_path):
    path = tmp_path / "старая.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0 definitely not a Word 97 file")
    result = cli("import", path)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"Ошибка: {path}:" in result.output


def test_help_is_russian_for_the_command_and_every_option(cli):
    result = cli("import", "--help")
    assert result.exit_code == 0
    for text in (
        "Перенести дорожную карту из Word или Excel",
        "--output",
        "Куда записать файл данных",
        "--force",
        "Перезаписать существующий файл данных",
        "--catalog",
    ):
        assert text in result.output


def test_library_is_usable_without_the_cli():
    from neuspeh_cli.importing import import_file

    result = import_file(HERE / "page-break.docx")
    assert result.events == 5 and result.findings == 4 and result.complete
    assert result.data_text.startswith("# Импортировано из «page-break.docx»")


def test_cli_module_stays_thin():
    text = (ROOT / "src" / "neuspeh_cli" / "cli" / "importing.py").read_text(encoding="utf-8")
    assert "docx" not in text.split('"""', 2)[2].split("def import_command")[0]
    # The command's body (its options are declarations, however they are wrapped): calls, prints, exit code.
    import ast

    command = next(
        n for n in ast.walk(ast.parse(text)) if isinstance(n, ast.FunctionDef) and n.name == "import_command"
    )
    body = (
        command.body[1:]
        if isinstance(command.body[0].value if isinstance(command.body[0], ast.Expr) else None, ast.Constant)
        else command.body
    )
    assert body[-1].end_lineno - body[0].lineno < 30


def test_a_doc_or_rtf_renamed_to_docx_is_converted_not_refused():
    from neuspeh_cli.importing import _disguised

    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    assert _disguised(ole, ".docx") == ".doc"  # an old Word file someone renamed
    assert _disguised(ole + "EncryptedPackage".encode("utf-16-le"), ".docx") == ""  # a .docx with a password
    assert _disguised(b"{\\rtf1\\ansi text}", ".docx") == ".rtf"
    assert _disguised(b"PK\x03\x04", ".docx") == "" and _disguised(ole, ".xlsx") == ""


@pytest.mark.pdf
@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")), reason="нужен LibreOffice")
def test_an_rtf_renamed_to_docx_reads_through_libreoffice(cli, tmp_path):
    path = tmp_path / "карта.docx"
    path.write_bytes(b"{\\rtf1\\ansi\\deff0 {\\fonttbl{\\f0 Arial;}}\\f0 Roadmap\\par}")
    result = cli("import", path)
    assert result.exit_code == 2, result.output
    # LibreOffice read it: what it holds is named, not «внутри другой формат»
    assert "это не дорожная карта (в документе нет таблиц" in result.output
