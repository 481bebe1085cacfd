"""`neuspeh export` / `import-form`: the roadmap as an Excel form, and the filled form back into the YAML file.

The round trip must change exactly what was edited in the form and keep every comment of the file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES

from neuspeh_cli.yaml_edit import comment_parts

EXAMPLE = EXAMPLES / "ust-labinsk-2025.yaml"


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> tuple[Path, Path]:
    """The example and its form, made once; tests copy them before changing anything."""
    from neuspeh_cli.workbook import export_roadmap

    folder = tmp_path_factory.mktemp("form")
    yaml_path = folder / "карта.yaml"
    shutil.copy(EXAMPLE, yaml_path)
    form = export_roadmap(yaml_path, folder / "карта.xlsx")
    return yaml_path, form


@pytest.fixture
def copies(exported, tmp_path) -> tuple[Path, Path]:
    yaml_path, form = exported
    return Path(shutil.copy(yaml_path, tmp_path / yaml_path.name)), Path(shutil.copy(form, tmp_path / form.name))


def edit_form(form: Path, change) -> Path:
    """Open the form with openpyxl (as Excel would), let ``change`` edit it, save it under a new name."""
    import openpyxl

    book = openpyxl.load_workbook(form)
    change(book)
    edited = form.with_name("правка.xlsx")
    book.save(edited)
    return edited


def row_of(sheet, key: str) -> int:
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == key)


def column_of(sheet, header: str) -> int:
    return next(c for c in range(1, sheet.max_column + 1) if sheet.cell(1, c).value == header)


def set_cell(sheet_name: str, key: str, header: str, value):
    def change(book):
        sheet = book[sheet_name]
        sheet.cell(row_of(sheet, key), column_of(sheet, header)).value = value

    return change


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    old, new = before.splitlines(), after.splitlines()
    assert len(old) == len(new)
    return [(a, b) for a, b in zip(old, new) if a != b]


def test_the_form_has_its_sheets_lists_and_frozen_headers(exported):
    import openpyxl

    _, form = exported
    book = openpyxl.load_workbook(form)
    assert book.sheetnames == ["Инструкция", "Реквизиты", "Школы", "Раздел I", "Раздел II", "Показатели", "Списки"]
    assert book["Списки"].sheet_state == "hidden"
    events = book["Раздел II"]
    assert events.freeze_panes == "C2"
    assert events.column_dimensions["A"].hidden
    lists = {str(dv.sqref)[0]: dv.formula1 for dv in events.data_validations.dataValidation if dv.type == "list"}
    assert set(lists) == {"D", "E", "F", "G", "L", "M"}  # form, parameters, group, ШНОР, monitoring, draft
    # The parameters' drop-down offers the codes of section I with their titles.
    column = lists["E"].split("!")[1].split(":")[0].replace("$", "")[0]
    values = [c.value for c in book["Списки"][column] if c.value]
    assert values[:2] == ["parameters", "все выявленные параметры"]
    assert values[2].startswith("1.1. ") and len(values) == 2 + 9
    audit = book["Раздел I"]
    assert audit.cell(2, column_of(audit, "Параметр «Конструктора»")).value.endswith("[equipment.digital-equipment]")
    assert (
        audit.cell(2, column_of(audit, "ШНОР (ОО), в которых проявляется")).value
        == "СОШ № 14, ООШ № 19, ООШ № 23, Волошинская СОШ"
    )
    assert "import-form" in " ".join(str(c.value) for c in book["Инструкция"]["A"])


def test_an_untouched_form_changes_nothing(cli, copies):
    yaml_path, form = copies
    before = yaml_path.read_bytes()
    result = cli("import-form", form, yaml_path)
    assert result.exit_code == 0, result.output
    assert "нет изменений" in result.output
    assert yaml_path.read_bytes() == before


def test_one_edited_cell_changes_exactly_that_value_and_keeps_comments(cli, copies):
    yaml_path, form = copies
    before = yaml_path.read_text(encoding="utf-8")
    edited = edit_form(form, set_cell("Раздел II", "e03", "Сроки", "Ноябрь 2025"))
    result = cli("import-form", edited, yaml_path)
    assert result.exit_code == 0, result.output
    assert "~ Раздел II, строка 4 (e03): Сроки: «Октябрь 2025» → «Ноябрь 2025»" in result.output
    after = yaml_path.read_text(encoding="utf-8")
    assert changed_lines(before, after) == [("    dates: Октябрь 2025", "    dates: Ноябрь 2025")]
    assert comment_parts(after) == comment_parts(before)


def test_quoting_of_an_edited_value_is_kept(copies):
    from neuspeh_cli.workbook import update_from_form

    yaml_path, form = copies
    before = yaml_path.read_text(encoding="utf-8")
    edited = edit_form(form, set_cell("Реквизиты", "document.approval.order.number", "Значение", "113"))
    update_from_form(edited, yaml_path)
    assert changed_lines(before, yaml_path.read_text(encoding="utf-8")) == [
        ('      number: "112"', '      number: "113"')
    ]


def test_rows_added_deleted_and_lists_edited(copies):
    from neuspeh_cli.document import load_one
    from neuspeh_cli.workbook import update_from_form

    yaml_path, form = copies
    before = yaml_path.read_text(encoding="utf-8")

    def change(book):
        events = book["Раздел II"]
        events.delete_rows(row_of(events, "e05"))
        new = events.max_row + 1
        for header, value in {
            "Название": "«Спорт для всех»",
            "Форма": "спартакиада",
            "Параметры (коды раздела I)": "2.1.",
            "Группа": "муниципальное",
            "Участвующие ШНОР": "все",
            "Сроки": "Сентябрь 2025",
        }.items():
            events.cell(new, column_of(events, header)).value = value
        events.cell(row_of(events, "e18"), column_of(events, "Участвующие ШНОР")).value = "СОШ № 10, ООШ № 19"
        schools = book["Школы"]
        schools.cell(schools.max_row + 1, column_of(schools, "Наименование")).value = "МБОУ СОШ № 25"
        audit = book["Раздел I"]
        audit.cell(
            row_of(audit, "equipment.internet"), column_of(audit, "ШНОР (ОО), в которых проявляется")
        ).value = "ООШ № 19; СОШ № 25"
        indicators = book["Показатели"]
        indicators.cell(row_of(indicators, "q1"), column_of(indicators, "Целевое значение")).value = 95

    update = update_from_form(edit_form(form, change), yaml_path)
    assert len(update.changes) == 6, update.changes
    after = yaml_path.read_text(encoding="utf-8")
    lost = comment_parts(before) - comment_parts(after)
    assert not lost
    # The heading of the group after the deleted event stays in front of that group.
    assert (
        "    responsible: УО, ТМС\n\n  # Несформированность внутришкольной системы повышения квалификации\n  - id: e06"
        in after
    )
    assert "  - {id: sosh25, name: МБОУ СОШ № 25}\n\n# Раздел I" in after
    assert "    schools: [oosh19, sosh25]\n" in after
    # The new event is the last of section II, above the monitoring section's heading.
    assert (
        "  - id: e19\n    name: «Спорт для всех»\n    form: спартакиада\n    parameters:\n      - "
        "contingent.low-income\n" in after
    )
    assert after.index("id: e19") < after.index("# Мониторинг внутришкольных систем")
    roadmap = load_one(yaml_path).model
    e18 = next(e for e in roadmap.events if e.id == "e18")
    assert e18.shnor_ids == ["sosh10", "oosh19"] and e18.stated_groups == ["municipal"]
    assert "e05" not in {e.id for e in roadmap.events}
    assert roadmap.monitoring.quality_indicators[0].target == 95


def test_bad_cells_are_listed_with_their_place_and_nothing_is_written(cli, copies):
    yaml_path, form = copies
    before = yaml_path.read_bytes()

    def change(book):
        set_cell("Раздел II", "e03", "Участвующие ШНОР", "СОШ № 99")(book)
        set_cell("Раздел II", "e04", "Параметры (коды раздела I)", "1.1., 7.7.")(book)
        set_cell("Показатели", "q2", "Исходное значение", "треть")(book)
        set_cell("Раздел II", "e06", "Группа", "спортивное")(book)

    result = cli("import-form", edit_form(form, change), yaml_path)
    assert result.exit_code == 1
    assert "лист «Раздел II», G4: школы «СОШ № 99» нет на листе «Школы»" in result.output
    assert "лист «Раздел II», E5: кода «7.7.» нет в столбце «Код» листа «Раздел I»" in result.output
    assert "лист «Показатели», E3: здесь число, а не «треть»" in result.output
    assert "группа «спортивное» неизвестна" in result.output
    assert yaml_path.read_bytes() == before


def _swap_columns(sheet, a: int, b: int) -> None:
    for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row):
        row[a - 1].value, row[b - 1].value = row[b - 1].value, row[a - 1].value


def test_columns_dragged_about_are_read_by_their_headers(cli, copies):
    """A user dragged «Сроки» before «Место проведения»: the values follow their headers (they went to each other's
    field before), and a message names the cell where it is now."""
    yaml_path, form = copies

    def change(book):
        sheet = book["Раздел II"]
        _swap_columns(sheet, column_of(sheet, "Место проведения"), column_of(sheet, "Сроки"))
        sheet.cell(1, column_of(sheet, "Сроки")).value = "сроки"  # typed again in lower case
        set_cell("Раздел II", "e03", "сроки", "Ноябрь 2025")(book)
        set_cell("Раздел II", "e04", "Участвующие ШНОР", "СОШ № 99")(book)
        _swap_columns(book["Показатели"], 5, 6)  # «Исходное значение» and «Целевое значение»

    result = cli("import-form", edit_form(form, change), yaml_path, "--dry-run")
    assert result.exit_code == 1 and "лист «Раздел II», G5: школы «СОШ № 99» нет на листе «Школы»" in result.output

    def fixed(book):
        change(book)
        set_cell("Раздел II", "e04", "Участвующие ШНОР", "все")(book)

    result = cli("import-form", edit_form(form, fixed), yaml_path, "--dry-run")
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.output.splitlines() if line.startswith("  ")]
    # e04 takes part with «все» already; the indicators' swapped values stay where their headers say
    assert lines == ["~ Раздел II, строка 4 (e03): Сроки: «Октябрь 2025» → «Ноябрь 2025»"]


def test_a_column_not_of_the_form_or_missing_is_a_problem_not_a_loss(cli, copies):
    yaml_path, form = copies
    before = yaml_path.read_bytes()

    def change(book):
        sheet = book["Раздел II"]
        sheet.cell(1, 15).value = "Примечание"
        sheet.cell(3, 15).value = "перенесено с апреля"
        sheet.cell(4, 16).value = "без заголовка"
        sheet.cell(1, column_of(sheet, "Ответственные")).value = "Исполнители"

    result = cli("import-form", edit_form(form, change), yaml_path)
    assert result.exit_code == 1
    assert (
        "лист «Раздел II», K1: нет столбца «Ответственные» — не переименовывайте и не удаляйте столбцы формы"
    ) in result.output
    assert "лист «Раздел II», K1: столбец «Исполнители» не из формы — его значения не переносятся" in result.output
    assert "лист «Раздел II», O1: столбец «Примечание» не из формы — его значения не переносятся" in result.output
    assert "лист «Раздел II», P1: столбец без заголовка — его значения не переносятся" in result.output
    assert yaml_path.read_bytes() == before


def test_dry_run_lists_changes_without_writing(cli, copies):
    yaml_path, form = copies
    before = yaml_path.read_bytes()
    result = cli("import-form", edit_form(form, set_cell("Школы", "sosh7", "ШНОР", "да")), yaml_path, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "~ Школы, строка 7 (sosh7): ШНОР: нет → да" in result.output
    assert yaml_path.read_bytes() == before


def test_a_file_changed_after_export_takes_the_form_by_ids(copies):
    from neuspeh_cli.workbook import update_from_form

    yaml_path, form = copies
    yaml_path.write_text(
        yaml_path.read_text(encoding="utf-8").replace("kind: roadmap", "kind: roadmap  # правка после выгрузки"),
        encoding="utf-8",
    )
    update = update_from_form(edit_form(form, set_cell("Раздел II", "e10", "Место проведения", "ГДК")), yaml_path)
    assert update.notes and "изменился после выгрузки" in update.notes[0]
    text = yaml_path.read_text(encoding="utf-8")
    assert "# правка после выгрузки" in text and "    place: ГДК\n    dates: Ноябрь 2025" in text


def test_a_foreign_workbook_is_refused(cli, tmp_path, copies):
    import openpyxl

    yaml_path, _ = copies
    other = tmp_path / "чужая.xlsx"
    openpyxl.Workbook().save(other)
    result = cli("import-form", other, yaml_path)
    assert result.exit_code == 1
    assert "это не форма neuspeh" in result.output


def test_export_refuses_to_overwrite(cli, copies):
    yaml_path, form = copies
    result = cli("export", yaml_path, "-o", form)
    assert result.exit_code == 2 and "--force" in result.output
    assert cli("export", yaml_path, "-o", form, "--force").exit_code == 0


@pytest.mark.pdf
def test_a_form_saved_by_libreoffice_reads_back(copies, tmp_path):
    """Calc writes its own .xlsx and .ods: hidden sheet, hidden key column and text cells must survive."""
    import subprocess

    from neuspeh_cli.workbook import update_from_form

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice не установлен")
    yaml_path, form = copies
    edited = edit_form(form, set_cell("Раздел II", "e03", "Сроки", "Ноябрь 2025"))
    profile = (tmp_path / "profile").resolve().as_uri()
    subprocess.run(
        [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={profile}",
            "--convert-to",
            "ods",
            "--outdir",
            str(tmp_path / "lo"),
            str(edited),
        ],
        capture_output=True,
        timeout=180,
    )
    ods = tmp_path / "lo" / "правка.ods"
    if not ods.exists():
        pytest.skip("LibreOffice без Calc: таблицы не открываются")
    subprocess.run(
        [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={profile}",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path / "back"),
            str(ods),
        ],
        capture_output=True,
        timeout=180,
    )
    before = yaml_path.read_text(encoding="utf-8")
    update = update_from_form(tmp_path / "back" / "правка.xlsx", yaml_path)
    assert update.changes == ["~ Раздел II, строка 4 (e03): Сроки: «Октябрь 2025» → «Ноябрь 2025»"]
    assert changed_lines(before, yaml_path.read_text(encoding="utf-8")) == [
        ("    dates: Октябрь 2025", "    dates: Ноябрь 2025")
    ]


def test_import_of_the_form_alone_makes_a_new_data_file(cli, exported, tmp_path):
    import yaml

    _, form = exported
    target = tmp_path / "новая.yaml"
    result = cli("import", form, "-o", target)
    assert result.exit_code == 0, result.output
    assert "из формы neuspeh" in result.output
    made, source = (
        yaml.safe_load(target.read_text(encoding="utf-8")),
        yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")),
    )
    assert (
        made["document"] == source["document"]
        and made["schools"] == source["schools"]
        and made["audit"] == source["audit"]
    )
    assert [e["id"] for e in made["events"]] == [e["id"] for e in source["events"]]
    assert (
        made["monitoring"]["events"] == ["monitoring-school-systems"]
        and made["monitoring"]["indicators"] == source["monitoring"]["indicators"]
    )
    assert "  - {id: licey1, name: МБОУ лицей № 1}\n" in target.read_text(encoding="utf-8")
    assert cli("validate", target).exit_code == 0


def test_a_zip_bomb_is_refused_before_any_cell_is_read(cli, copies, tmp_path):
    """The form goes through the same archive check as every imported document."""
    import zipfile

    yaml_path, form = copies
    bomb = tmp_path / "бомба.xlsx"
    with zipfile.ZipFile(form) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, source.read(item.filename))
        target.writestr("xl/media/padding.xml", b"0" * (8 * 1024 * 1024))  # 8 MB that pack into a few kB
    before = yaml_path.read_bytes()
    result = cli("import-form", bomb, yaml_path)
    assert result.exit_code == 2 and "zip-бомба" in result.output, result.output
    assert yaml_path.read_bytes() == before


def test_from_an_empty_scaffold_to_a_valid_roadmap_in_excel(cli, tmp_path):
    """The methodologist's path without YAML: audit init, export, fill the form, import-form, validate."""
    import openpyxl

    schools = tmp_path / "школы.csv"
    schools.write_text("МБОУ СОШ № 5;да\nМБОУ СОШ № 7;нет\n", encoding="utf-8")
    path = tmp_path / "карта.yaml"
    assert cli("audit", "init", path, "-m", "Тестовый район", "-y", "2025", "--schools", schools).exit_code == 0
    before = path.read_text(encoding="utf-8")
    assert cli("export", path).exit_code == 0
    book = openpyxl.load_workbook(path.with_suffix(".xlsx"))
    choice = next(c.value for c in book["Списки"]["A"] if c.value and "[staffing.teacher-shortage]" in str(c.value))
    book["Раздел I"].append(["", "1.1.", choice, None, None, None, "СОШ № 5"])
    events = book["Раздел II"]
    events.append(
        [
            "",
            "",
            "«Моя профессия – учитель»",
            "тематический семинар",
            "1.1.",
            "муниципальное, с участием ШНОР",
            "все",
            "Учителя",
            "УО",
            "Октябрь 2025",
            "ТМС",
        ]
    )
    monitoring = [
        "Мониторинг подготовки и реализации внутришкольных систем профилактики учебной неуспешности",
        "мониторинг",
        "все выявленные параметры",
        "контроль",
    ]
    events.append(["", "", *monitoring, "все", "Руководители ОО", "ТМС", "Май 2025, ноябрь 2025", "УО", "да"])
    book["Показатели"].append(
        ["", "", "Доля ШНОР с утверждённой программой профилактики", "%", 0, 100, "мониторинг ТМС", "2 раза в год"]
    )
    document = book["Реквизиты"]
    wanted = {
        "document.body": "Управление образования",
        "document.approval.position": "Начальник УО",
        "document.approval.name": "И.И. Иванова",
    }
    for row in document.iter_rows(min_row=2):
        if row[0].value in wanted:
            row[2].value = wanted[row[0].value]
    book.save(tmp_path / "заполнена.xlsx")
    result = cli("import-form", tmp_path / "заполнена.xlsx", path)
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    assert "  - id: e01\n    name: «Моя профессия – учитель»\n" in after and "  - id: e02\n" in after
    assert "monitoring:\n  events: [e02]\n" in after and '      unit: "%"\n' in after
    assert not comment_parts(before) - comment_parts(after)
    checked = cli("validate", path)
    assert checked.exit_code == 0, checked.output


def test_deleting_the_first_event_and_a_whole_group_keeps_the_headings(copies):
    from neuspeh_cli.workbook import update_from_form

    yaml_path, form = copies
    before = yaml_path.read_text(encoding="utf-8")

    def change(book):
        book["Раздел I"].delete_rows(row_of(book["Раздел I"], "internal-assessment.result-discrepancy"))
        for event in ("e11", "e12", "e13", "e01"):
            book["Раздел II"].delete_rows(row_of(book["Раздел II"], event))

    update = update_from_form(edit_form(form, change), yaml_path)
    assert len(update.changes) == 5
    after = yaml_path.read_text(encoding="utf-8")
    # The first event's follower opens the list under the heading that stood after the deleted one.
    assert "events:\n  # Уровень оснащения школы\n  - id: e02\n" in after
    # The audit's heading of the deleted finding went with it; every other comment stayed.
    lost = comment_parts(before) - comment_parts(after)
    assert set(lost) == {"# Отсутствие объективной и сбалансированной ВСОКО (своя, более узкая формулировка)"}


def test_the_report_plan_and_fact_round_trip(cli, tmp_path):
    """`export ОТЧЁТ.yaml`: the fact of each event in a sheet; `import-form` puts the changed cells into the report."""
    import openpyxl

    shutil.copy(EXAMPLE, tmp_path / EXAMPLE.name)
    report = Path(shutil.copy(EXAMPLES / "ust-labinsk-2025-report.yaml", tmp_path / "отчёт.yaml"))
    before = report.read_text(encoding="utf-8")
    assert cli("export", report, "-o", tmp_path / "отчёт.xlsx").exit_code == 0
    book = openpyxl.load_workbook(tmp_path / "отчёт.xlsx")
    sheet = book["План и факт"]
    assert [c.value for c in sheet[1]][:5] == ["ключ", "№", "Мероприятие", "Срок по плану", "Статус"]
    set_cell("План и факт", "e02", "Педагоги", 3)(book)
    set_cell("План и факт", "e03", "Руководители", 5)(book)
    book.save(tmp_path / "факт.xlsx")
    result = cli("import-form", tmp_path / "факт.xlsx", report)
    assert result.exit_code == 0, result.output
    # Exactly the two cells changed: the rest of the form, as exported, changes nothing (ruamel reads a report slowly:
    # one run).
    assert "~ e02: Педагоги: 0 → 3" in result.output and "~ e03: Руководители: (пусто) → 5" in result.output
    after = report.read_text(encoding="utf-8")
    assert changed_lines(before, after) == [
        ("      teachers: 0           # педагоги", "      teachers: 3           # педагоги"),
        (
            "      heads:                # руководители и заместители",
            "      heads: 5              # руководители и заместители",
        ),
    ]
    set_cell("План и факт", "e04", "Статус", "почти")(book)
    set_cell("План и факт", "e04", "Родители", -2)(book)
    book.save(tmp_path / "ошибки.xlsx")
    wrong = cli("import-form", tmp_path / "ошибки.xlsx", report)
    assert (
        wrong.exit_code == 1
        and "статус «почти» — выберите из списка" in wrong.output
        and "«-2» — целое число человек" in wrong.output
    )
    assert report.read_text(encoding="utf-8") == after


def test_the_report_form_reads_its_columns_by_their_headers(cli, tmp_path):
    """«Педагоги» and «Родители» swapped by a user: each count goes where its header says; a deleted plan column
    (never read) is no problem; an extra column with values is."""
    import openpyxl

    shutil.copy(EXAMPLE, tmp_path / EXAMPLE.name)
    report = Path(shutil.copy(EXAMPLES / "ust-labinsk-2025-report.yaml", tmp_path / "отчёт.yaml"))
    assert cli("export", report, "-o", tmp_path / "отчёт.xlsx").exit_code == 0
    book = openpyxl.load_workbook(tmp_path / "отчёт.xlsx")
    sheet = book["План и факт"]
    _swap_columns(sheet, column_of(sheet, "Педагоги"), column_of(sheet, "Родители"))
    set_cell("План и факт", "e02", "Педагоги", 3)(book)
    set_cell("План и факт", "e01", "Статус", "Проведенo")(book)  # capital and a Latin «o»: the same status
    sheet.delete_cols(column_of(sheet, "Срок по плану"))
    book.save(tmp_path / "факт.xlsx")
    result = cli("import-form", tmp_path / "факт.xlsx", report, "--dry-run")
    assert result.exit_code == 0, result.output
    assert [line.strip() for line in result.output.splitlines() if line.startswith("  ")] == ["~ e02: Педагоги: 0 → 3"]
    sheet.cell(1, sheet.max_column + 1).value = "Комментарий УО"
    sheet.cell(3, sheet.max_column).value = "проверено"
    book.save(tmp_path / "лишний.xlsx")
    result = cli("import-form", tmp_path / "лишний.xlsx", report, "--dry-run")
    assert result.exit_code == 1 and "столбец «Комментарий УО» не из формы" in result.output


def test_a_period_typed_in_excel_as_a_date_is_its_month_and_year(cli, copies):
    """«сентябрь 2025» typed in Excel becomes the date 01.09.2025 (shown «сен.25»): the term is «сентябрь 2025», not
    «01.09.2025»."""
    import datetime as dt

    yaml_path, form = copies

    def change(book):
        set_cell("Реквизиты", "document.year", "Значение", None)(book)
        set_cell("Реквизиты", "document.period.start", "Значение", dt.datetime(2025, 9, 1))(book)
        set_cell("Реквизиты", "document.period.end", "Значение", dt.datetime(2026, 5, 1))(book)

    result = cli("import-form", edit_form(form, change), yaml_path, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "~ Реквизиты: Срок карты: начало («сентябрь 2025»): (пусто) → «сентябрь 2025»" in result.output
    assert "~ Реквизиты: Срок карты: окончание («май 2026»): (пусто) → «май 2026»" in result.output


def test_invisible_characters_pasted_into_the_form_are_not_carried_over(cli, copies):
    """A zero-width space pasted after «ОО» and a vertical tab («_x000B_») and a bell in a name: the file gets the text
    as seen, and reads back."""
    yaml_path, form = copies

    def change(book):
        set_cell("Раздел II", "e03", "Контингент", "Учителя\u00a0ОО\u200b")(book)
        set_cell("Раздел II", "e04", "Название", "Семинар _x000B_ для_x0007_ молодых")(book)

    result = cli("import-form", edit_form(form, change), yaml_path)
    assert result.exit_code == 0, result.output
    text = yaml_path.read_text(encoding="utf-8")
    assert "Учителя ОО" in text and "Семинар для молодых" in text  # the quoting of each value is kept
    assert not {"\u200b", "\x0b", "\x07"} & set(text)
    assert "read-error" not in cli("validate", yaml_path).output  # reads back


def test_a_choice_typed_with_a_latin_look_alike_is_the_choice(cli, copies):
    """«муниципальнoе» and «дa» with a Latin «o», «a» look like the drop-down's choices and are taken as them (the
    message «группа «муниципальнoе» неизвестна» showed two identical words)."""
    yaml_path, form = copies

    def change(book):
        set_cell("Раздел II", "e06", "Группа", "муниципальнoе")(book)
        set_cell("Школы", "sosh7", "ШНОР", "дa")(book)

    result = cli("import-form", edit_form(form, change), yaml_path, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "~ Школы, строка 7 (sosh7): ШНОР: нет → да" in result.output


def test_a_row_inserted_above_the_header_is_said_so(cli, copies):
    yaml_path, form = copies

    def change(book):
        book["Показатели"].insert_rows(1)
        book["Показатели"].cell(1, 2).value = "Показатели на 2025 год"

    result = cli("import-form", edit_form(form, change), yaml_path)
    assert result.exit_code == 1
    assert (
        "лист «Показатели», A1: в строке 1 нет заголовков формы («Периодичность» и других) — заголовки должны остаться "
        "в строке 1: удалите строки, вставленные над ними"
    ) in result.output


def test_all_shnor_in_section_one_of_the_form_is_every_school_marked_shnor(cli, copies):
    yaml_path, form = copies
    result = cli(
        "import-form",
        edit_form(form, set_cell("Раздел I", "equipment.internet", "ШНОР (ОО), в которых проявляется", "все ШНОР")),
        yaml_path,
        "--dry-run",
    )
    assert result.exit_code == 0, result.output
    assert (
        "~ Раздел I, строка 3 (equipment.internet): Школы: [oosh19, oosh23, voloshinskaya] → [sosh10, sosh12, sosh14, "
        "oosh19, oosh23, voloshinskaya]"
    ) in result.output
