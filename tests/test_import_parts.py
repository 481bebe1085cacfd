"""The import's parts one by one: cell reader, headers, codes, school lists, catalog matching, number formats."""

from __future__ import annotations

import datetime as dt
import importlib.util

import pytest
from conftest import ROOT


def fixtures_tool():
    spec = importlib.util.spec_from_file_location("make_import_fixtures", ROOT / "tools" / "make_import_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_table(xml: str):
    from lxml import etree

    from neuspeh_cli.importing.wordxml import read_table as read

    tool = fixtures_tool()
    return read(etree.fromstring(f'<w:body xmlns:w="{tool.W_NS}">{xml}</w:body>')[0], "таблица 1")


def texts(table) -> list[list[str]]:
    return [[c.line for c in row] for row in table.rows]


@pytest.mark.parametrize("notation", ["bare", "continue"])
def test_vertical_merge_in_both_notations(notation):
    t = fixtures_tool()
    table = read_table(
        t.table(
            [1, 1],
            t.row(t.cell("Фактор", vmerge="restart"), t.cell("a")),
            t.row(t.cell("", vmerge=notation), t.cell("b")),
        )
    )
    assert texts(table) == [["Фактор", "a"], ["Фактор", "b"]]
    assert table.rows[0][0] is table.rows[1][0]  # one cell, not two copies


def test_grid_span_and_hmerge_cover_their_columns():
    t = fixtures_tool()
    table = read_table(
        t.table(
            [1, 1, 1],
            t.row(t.cell("Раздел", span=3)),
            t.row(t.cell("Старый", hmerge="restart"), t.cell("", hmerge="continue"), t.cell("x")),
        )
    )
    assert texts(table) == [["Раздел"] * 3, ["Старый", "Старый", "x"]]


def test_cell_text_keeps_insertions_drops_deletions_and_hidden_instructions():
    t = fixtures_tool()
    paragraph = t.para("А", t.ins("Б"), t.dele("В"), t.field("PAGE", "Г"), t.control(t.run("Д")))
    table = read_table(t.table([1], t.row(t.cell([paragraph, t.para("Е")]))))
    assert table.rows[0][0].text == "АБГД\nЕ"


def test_auto_numbered_cell_is_marked():
    t = fixtures_tool()
    table = read_table(t.table([1, 1], t.row(t.cell("", numbered=True), t.cell("x"))))
    assert table.rows[0][0].numbered and table.rows[0][0].text == ""


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Код параметра", "code"),
        ("Перечень ШНОР, в работе которых проявляются негативные факторы", "schools"),
        ("наименование фактора", "factor"),
        ("параметры", "parameter"),
        ("Наименование мероприятия", "name"),
        ("Форма проведения", "form"),
        ("Информация", None),
        ("Участники", "contingent"),
        ("Место проведения", "place"),
        ("Сроки", "dates"),
        ("Дата проведения", "dates"),
        ("Ответственные исполнители", "responsible"),
        ("Показатели", "indicators"),
        ("№ п/п", "no"),
        ("Периодичность", "frequency"),
    ],
)
def test_column_roles_by_keywords(header, role):
    from neuspeh_cli.importing.headers import role_of

    assert role_of(header) == role


CODE_MAP = {"1.1": "a", "1.2": "b", "1.3": "c", "2.1": "d", "2.2": "e"}
ORDER = list(CODE_MAP)


@pytest.mark.parametrize(
    ("text", "refs"),
    [
        ("1.1.", ["a"]),
        ("2.1., 2.2.", ["d", "e"]),
        ("2.2, 1.1", ["e", "a"]),
        ("1.1–1.3", ["a", "b", "c"]),
        ("1.2-2.1", ["b", "c", "d"]),
        ("п. 1.1; 2.1", ["a", "d"]),
        ("1", ["a", "b", "c"]),
    ],
)
def test_codes_to_ids(text, refs):
    from neuspeh_cli.importing.codes import parse_codes

    parsed = parse_codes(text, CODE_MAP, ORDER)
    assert (parsed.refs, parsed.unknown, parsed.all) == (refs, [], False)


@pytest.mark.parametrize("text", ["все выявленные параметры", "Все", "все параметры", "все выявленные факторы"])
def test_all_parameters(text):
    from neuspeh_cli.importing.codes import parse_codes

    assert parse_codes(text, CODE_MAP, ORDER).all


def test_unknown_code_and_words_are_kept_apart():
    from neuspeh_cli.importing.codes import parse_codes

    parsed = parse_codes("1.1, 7.2 (по согласованию)", CODE_MAP, ORDER)
    assert (parsed.refs, parsed.unknown, parsed.leftover) == (["a"], ["7.2"], "по согласованию")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("СОШ № 5, 6, 8, 10", ["СОШ № 5", "СОШ № 6", "СОШ № 8", "СОШ № 10"]),
        ("МБОУ СОШ № 5", ["МБОУ СОШ № 5"]),
        ("МБОУ «СОШ № 10», 12", ["МБОУ «СОШ № 10»", "МБОУ «СОШ № 12»"]),
        ("МКОУ ООШ № 23", ["МКОУ ООШ № 23"]),
        ("МБОУ Волошинская СОШ", ["МБОУ Волошинская СОШ"]),
        ("СОШ № 14; ООШ № 19, 23; Волошинская СОШ", ["СОШ № 14", "ООШ № 19", "ООШ № 23", "Волошинская СОШ"]),
        ("гимназия № 2, лицей №1", ["гимназия № 2", "лицей № 1"]),
        ("СОШ №№ 3 и 4", ["СОШ № 3", "СОШ № 4"]),
        ("СОШ № 1; 2; 3", ["СОШ № 1", "СОШ № 2", "СОШ № 3"]),  # the kind carries over «;»
        ("ООШ No 19, 23 (филиал)", ["ООШ № 19", "ООШ № 23 (филиал)"]),
        ("СОШ N3, N5", ["СОШ № 3", "СОШ № 5"]),
        ("–", []),
    ],
)
def test_school_lists(text, names):
    from neuspeh_cli.importing.schoolnames import parse_school_list

    assert parse_school_list(text) == (names, [])


def test_school_ids_are_stable():
    from neuspeh_cli.scaffold import school_id

    assert [school_id(n) for n in ("СОШ № 5", "МБОУ «СОШ № 10»", "МАОУ гимназия № 2", "МБОУ Волошинская СОШ")] == [
        "sosh5",
        "sosh10",
        "gimnaziya2",
        "voloshinskaya",
    ]


def test_catalog_matching_exact_normalised_close_and_none():
    from neuspeh_cli.domain.catalog import load_catalog
    from neuspeh_cli.importing.matching import Matcher

    matcher = Matcher(load_catalog())
    exact = matcher.parameter("Дефицит педагогических сотрудников")
    assert (exact.id, exact.how) == ("staffing.teacher-shortage", "exact")
    normalised = matcher.parameter("дефицит  педагогических сотрудников.")
    assert (normalised.id, normalised.how) == ("staffing.teacher-shortage", "normalised")
    close = matcher.parameter("Эмоциональное неблагополучие в школе (конфликты между учениками)")
    assert (close.id, close.how) == ("school-climate.emotional-distress", "close")
    assert 0.75 <= close.confidence < 1
    typo = matcher.parameter("Дефицит педагогичеких сотрудников")
    assert (typo.id, typo.how) == ("staffing.teacher-shortage", "close")
    none = matcher.parameter("Отсутствие школьного автобуса")
    assert (none.id, none.how) == (None, "none")


@pytest.mark.parametrize(
    ("value", "code", "shown"),
    [
        (44.0, "000", "044"),
        (3.2025, "00.0000", "03.2025"),
        (dt.date(2025, 3, 1), "mm.yyyy", "03.2025"),
        (dt.date(2025, 8, 31), None, "31.08.2025"),
        (dt.datetime(2025, 3, 1), "[$-419]mmmm yyyy", "март 2025"),
        (112.0, None, "112"),
        (1.1, None, "1.1"),
        (0.4, "0%", "40%"),
        ("044", None, "044"),
    ],
)
def test_spreadsheet_numbers_as_displayed(value, code, shown):
    from neuspeh_cli.importing.numfmt import format_value

    assert format_value(value, code) == shown


def test_approval_and_title_from_the_first_lines():
    from neuspeh_cli.importing.preamble import Facts, read_head

    facts = Facts()
    lines = [
        (f"абзац {i}", t)
        for i, t in enumerate(
            [
                "УТВЕРЖДЕНА",
                "приказом управления образования",
                "от 18.03.2025 № 112",
                "Дорожная карта",
                "в муниципальном образовании Кореновский район",
                "на 2025–2026 учебный год",
            ],
            1,
        )
    ]
    read_head(lines, facts)
    assert facts.approval == {"order": {"body": "управления образования", "date": "18.03.2025", "number": "112"}}
    assert (facts.municipality, facts.period) == ("Кореновский район", ("сентябрь 2025", "май 2026"))
    assert facts.used == {w for w, _ in lines}


@pytest.mark.parametrize(
    ("lines", "approval"),
    [
        (  # the name between slashes, a date left blank to be filled in by hand
            [
                "УТВЕРЖДАЮ",
                "Начальник управления образования",
                "_________________ /А.Б. Сидорова/",
                "«___» ______ 2025 г.",
            ],
            {"position": "Начальник управления образования", "name": "А.Б. Сидорова", "date": "«___» ______ 2025 г."},
        ),
        (  # the name before the line, the date in words
            ["УТВЕРЖДАЮ:", "И.о. начальника УО", "А.Б. Сидорова ____________", "20 января 2025 года"],
            {"position": "И.о. начальника УО", "name": "А.Б. Сидорова", "date": "20 января 2025 года"},
        ),
        (  # the position and the name on one line
            ["УТВЕРЖДАЮ", "Начальник УО ____________ /А.Б. Сидорова/", "«20» января 2025 г."],
            {"position": "Начальник УО", "name": "А.Б. Сидорова", "date": "«20» января 2025 г."},
        ),
        (  # the name in full
            ["УТВЕРЖДАЮ", "Начальник УО", "__________ Сидорова Анна Борисовна", "«20» января 2025 г."],
            {"position": "Начальник УО", "name": "Сидорова Анна Борисовна", "date": "«20» января 2025 г."},
        ),
        (  # «Приложение № 1» alone, the order on the lines below
            ["Приложение № 1", "к приказу управления образования", "от 20.01.2025 г. № 15"],
            {"order": {"body": "управления образования", "date": "20.01.2025 г.", "number": "15"}},
        ),
    ],
)
def test_approval_blocks_as_clerks_type_them(lines, approval):
    """They were glued into one «position» (name and date empty) or listed as text not recognised."""
    from neuspeh_cli.importing.preamble import Facts, read_head

    facts = Facts()
    numbered = [(f"абзац {i}", t) for i, t in enumerate(lines, 1)]
    read_head(numbered, facts)
    assert facts.approval == approval
    assert facts.used == {w for w, _ in numbered}


@pytest.mark.parametrize(
    ("title", "municipality", "year", "period"),
    [
        ("Дорожная карта … в муниципальном образовании Лесной район на 2025 г.", "Лесной район", 2025, None),
        (
            "ДОРОЖНАЯ КАРТА … В МУНИЦИПАЛЬНОМ ОБРАЗОВАНИИ ГОРОД-КУРОРТ АНАПА НА 2025 ГОД",
            "город-курорт Анапа",
            2025,
            None,
        ),
        # no «муниципальное образование»: the school year is still read; the name's declension is not guessed
        ("Дорожная карта … в Лесном районе на 2025/2026 учебный год", "", None, ("сентябрь 2025", "май 2026")),
    ],
)
def test_titles_as_municipalities_type_them(title, municipality, year, period):
    from neuspeh_cli.importing.preamble import Facts, read_head

    facts = Facts()
    read_head([("абзац 1", title)], facts)
    assert (facts.municipality, facts.year, facts.period) == (municipality, year, period)


@pytest.mark.parametrize(
    ("text", "year", "period"),
    [
        ("2025 год", 2025, None),
        ("2025/2026 учебный год", None, ("сентябрь 2025", "май 2026")),
        ("2025–2026 учебный год", None, ("сентябрь 2025", "май 2026")),
        ("сентябрь 2025 – декабрь 2026", None, ("сентябрь 2025", "декабрь 2026")),
        ("период с октября 2025 г. по июнь 2026 г.", None, ("октябрь 2025", "июнь 2026")),
    ],
)
def test_period_of_the_title(text, year, period):
    from neuspeh_cli.importing.preamble import Facts, read_period

    facts = Facts()
    assert read_period(text, facts)
    assert (facts.year, facts.period) == (year, period)


@pytest.mark.parametrize(
    "value",
    [
        "«Моя профессия – учитель»",
        "Март 2025",
        "УО, ТМС",
        "staffing.teacher-shortage",
        "e01",
        "on",
        "044",
        "03.2025",
        "Итоги: опыт",
        "СОШ № 5 #1",
        "a, b",
        "Да:",
        " пробел",
        "",
    ],
)
@pytest.mark.parametrize("flow", [False, True])
def test_written_scalars_read_back_unchanged(value, flow):
    import yaml

    from neuspeh_cli.importing.writer import yaml_scalar

    text = f"{{k: {yaml_scalar(value, flow)}}}" if flow else f"k: {yaml_scalar(value, flow)}"
    assert yaml.safe_load(text) == {"k": value}


@pytest.mark.parametrize(
    "cells",
    [
        ["Начальник УО ____________ /А.Б. Сидорова/"],
        ["Начальник УО", "_______ /А.Б. Сидорова/"],
        ["Начальник УО", "_______", "А.Б. Сидорова"],
        ["Начальник УО", "М.П.", "(подпись)", "А.Б. Сидорова"],
    ],
)
def test_a_signature_under_the_roadmap_as_clerks_lay_it_out(cells):
    from neuspeh_cli.importing.preamble import read_signature_cells

    assert read_signature_cells(cells) == {"position": "Начальник УО", "name": "А.Б. Сидорова"}
