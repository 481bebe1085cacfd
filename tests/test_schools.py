"""School names as registers write them: the short form for lists and the compact list."""

from __future__ import annotations

import pytest

from neuspeh_cli.domain.periods import month_of_date
from neuspeh_cli.domain.schools import compact_list, short_name


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("МБОУ СОШ № 5", "СОШ № 5"),
        ("МБОУ «СОШ № 10»", "СОШ № 10"),
        ("МКОУ ООШ №23", "ООШ № 23"),
        ("МБОУ Волошинская СОШ", "Волошинская СОШ"),
        ("МБОУ-СОШ № 7", "СОШ № 7"),
        ('МБОУ "Гимназия №2"', "Гимназия № 2"),
        ("МОБУ СОШ № 3", "СОШ № 3"),
        ("ГБОУ СОШ № 12", "СОШ № 12"),
        ("МАОУ гимназия № 4", "гимназия № 4"),
        ("МБОУ «Лицей «Эрудит»»", "Лицей «Эрудит»"),
        ("МАОУ СОШ № 5 им. А.С. Пушкина", "СОШ № 5 им. А.С. Пушкина"),
        ("ООШ № 19", "ООШ № 19"),  # no legal form: nothing to cut, «ООШ» is the kind
        # the full name from a register: legal form and kind written out, the place after the quotes
        (
            "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 12 имени "
            "Героя Советского Союза И.В. Панфилова» муниципального образования город-курорт Горячий Ключ",
            "СОШ № 12 имени Героя Советского Союза И.В. Панфилова",
        ),
        ("муниципальное казённое общеобразовательное учреждение основная общеобразовательная школа № 3", "ООШ № 3"),
        ("Муниципальное автономное общеобразовательное учреждение гимназия № 5", "гимназия № 5"),
        ("МБОУ «СОШ № 1» ст. Темижбекской", "СОШ № 1"),
    ],
)
def test_short_name(name, short):
    assert short_name(name) == short


def test_compact_list_groups_numbered_schools_of_one_kind_whatever_the_case():
    names = ["СОШ № 10", "гимназия № 4", "СОШ № 5", "Волошинская СОШ", "Гимназия № 2", "ООШ № 23"]
    assert compact_list(names) == "СОШ № 5, 10; гимназия № 2, 4; Волошинская СОШ; ООШ № 23"


def test_compact_list_leaves_out_an_honorific_unless_two_schools_share_the_number():
    names = ["СОШ № 7 имени Героя Советского Союза И.В. Панфилова", "СОШ № 5 им. А.С. Пушкина", "ООШ № 3"]
    assert compact_list(names) == "СОШ № 5, 7; ООШ № 3"
    assert compact_list(["СОШ № 5 им. А.С. Пушкина", "СОШ № 5"]) == "СОШ № 5 им. А.С. Пушкина; СОШ № 5"
    # a quote closing after the honorific stays with it: no «МБОУ «СОШ № 1, 3» with a quote left open
    quoted = ["МБОУ «СОШ № 1 им. И.В. Панфилова» ст. Ключевой", "МБОУ «СОШ № 3 им. И.В. Панфилова» ст. Ключевой"]
    assert compact_list(quoted) == "; ".join(quoted)


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("31.08.2023", (2023, 8)),
        ('"31" августа 2023 г.', (2023, 8)),
        ("«10» апреля 2023 г.", (2023, 4)),
        ("18 ноября 2024 года", (2024, 11)),
        ("2023-08-31", (2023, 8)),
        ("", None),
    ],
)
def test_approval_dates_as_written(text, month):
    assert month_of_date(text) == month


@pytest.mark.parametrize(
    "name",
    [
        "МБОУ СОШ № 5",
        'МБОУ "СОШ №5"',
        "МБОУ «СОШ № 5»",
        "МБОУ-СОШ № 5",
        "МБОУ СОШ No 5",
        "МБОУ СОШ N5",
        "MБOУ COШ № 5",  # Latin M, O, C, O typed among Russian letters
        "COШ № 5",
        "муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 5",
        "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа №5»",
        "МБОУ СОШ № 5 им. А.С. Пушкина",
        "МБОУ «СОШ №5 имени Героя Советского Союза И.И. Иванова»",
    ],
)
def test_one_school_however_it_is_written(name):
    from neuspeh_cli.domain.schools import name_key, school_id

    assert name_key(name) == name_key("СОШ № 5") and school_id(name) == "sosh5"


def test_names_that_are_other_schools_stay_apart():
    from neuspeh_cli.domain.schools import name_key

    assert name_key("Ёлкинская СОШ") == name_key("Елкинская СОШ")
    assert name_key("МАОУ гимназия № 2") == name_key('МАОУ "Гимназия №2"')
    keys = {name_key(n) for n in ("СОШ № 5", "СОШ № 15", "ООШ № 5", "гимназия № 5", "Школа имени А.С. Пушкина")}
    assert len(keys) == 5
    # listed alike («СОШ № 1»), told apart by the place after the quotes
    assert name_key("МБОУ «СОШ № 1» ст. Темижбекской") != name_key("МБОУ «СОШ № 1» х. Кутаис")


def test_a_school_list_with_one_school_twice_in_two_spellings_is_refused(tmp_path):
    from neuspeh_cli.errors import SchoolListError
    from neuspeh_cli.school_list import read_school_list

    path = tmp_path / "школы.txt"
    path.write_text("МБОУ СОШ № 5\nМКОУ ООШ № 19\nМБОУ «СОШ №5»\n", encoding="utf-8")
    with pytest.raises(SchoolListError) as info:
        read_school_list(path)
    assert str(info.value) == (
        f"{path}:3:1: школа «МБОУ «СОШ №5»» уже указана в строке 1 («МБОУ СОШ № 5»): оставьте одну"
    )


def test_schools_named_in_an_events_text_however_written():
    """The contingent «Учителя МБОУ "СОШ №5"», «COШ No 5» with Latin letters, «Ёлкинская» for «Елкинская»: the ШНОР
    taking part are found as the clerk meant them (not «СОШ № 15» for «СОШ № 1»)."""
    from neuspeh_cli.domain.roadmap import Roadmap
    from neuspeh_cli.domain.structure import Participation

    schools = [
        {"id": "sosh1", "name": "МБОУ СОШ № 1", "shnor": True},
        {"id": "sosh15", "name": "МБОУ СОШ № 15", "shnor": True},
        {"id": "elkinskaya", "name": "МБОУ Елкинская СОШ", "shnor": True},
    ]
    roadmap = Roadmap.model_validate({"document": {"municipality": "Т", "year": 2025}, "schools": schools})
    found = Participation(roadmap).named_schools
    assert found('Учителя МБОУ "СОШ №1"') == {"sosh1"}
    assert found("Учителя COШ No 15") == {"sosh15"}  # Latin C, O
    assert found("Педагоги: Ёлкинская СОШ, СОШ N1") == {"elkinskaya", "sosh1"}


def test_names_are_found_as_one_expression_of_them_all_finds_them():
    """``find_names`` (``str.find``) against the expression it replaced, on texts made of the names and their edges."""
    import random
    import re

    from neuspeh_cli.domain.structure import find_names

    names = ("сош № 1 им. пушкина", "сош № 10", "сош № 1", "лицей", "а а", "№ 1")
    pattern = re.compile(rf"(?<![\w])(?:{'|'.join(re.escape(n) for n in names)})(?![\d\w])")
    pieces = [*names, " ", "0", "а", "_", ", ", "(", "сош", "№", "1"]
    generator = random.Random(23)
    for _ in range(3000):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 8)))
        assert find_names(names, text) == [m.group() for m in pattern.finditer(text)], text


def test_labels_leave_out_an_honorific_only_where_the_number_is_the_schools_own():
    from neuspeh_cli.domain.schools import without_honorifics

    names = {"a": "СОШ № 12 имени Героя Советского Союза И.В. Панфилова", "b": "СОШ № 5 им. А.С. Пушкина"}
    names |= {"c": "СОШ № 5", "d": "Волошинская СОШ"}
    assert without_honorifics(names) == {
        "a": "СОШ № 12",
        "b": "СОШ № 5 им. А.С. Пушкина",
        "c": "СОШ № 5",
        "d": names["d"],
    }
