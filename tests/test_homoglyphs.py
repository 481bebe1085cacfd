"""Latin letters in Russian words and Russian letters in Latin keys, named with the letters to retype."""

from __future__ import annotations

import pytest

from neuspeh_cli.reading.homoglyphs import find_homoglyphs, fold_to_cyrillic, has_mixed_scripts, line_column


@pytest.mark.parametrize(
    ("text", "messages"),
    [
        ("Oктябрь 2025", ["в слове «Oктябрь» латинская буква «O» (1-я): перепечатайте её русской («Октябрь»)"]),
        ("schооls", ["в слове «schооls» русские буквы «о» (4-я) и «о» (5-я): перепечатайте их латинскими («schools»)"]),
        (
            "рaзрaботкa",
            [
                "в слове «рaзрaботкa» латинские буквы «a» (2-я), «a» (5-я) и «a» (10-я): перепечатайте их русскими "
                "(«разработка»)"
            ],
        ),
        (
            "staffing.teacher-shortagе",
            ["в слове «shortagе» русская буква «е» (8-я): перепечатайте её латинской («shortage»)"],
        ),
        (
            "МБОУ СОШ c углублённым изучением",
            ["буква «c» набрана латинской среди русского текста: перепечатайте её русской («с»)"],
        ),
        (
            "методисты TMC",
            ["слово «TMC» набрано латинскими буквами среди русского текста: перепечатайте его русскими («ТМС»)"],
        ),
        ("Шwкола", ["в слове «Шwкола» латинская буква «w» (2-я) среди русских: проверьте, как набрано слово"]),
        ("ОOО «Ромашка»", ["в слове «ОOО» латинская буква «O» (2-я): перепечатайте её русской («ООО»)"]),
    ],
)
def test_messages(text, messages):
    assert [h.message for h in find_homoglyphs(text)] == messages


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Октябрь 2025",
        "staffing.teacher-shortage",
        "IV квартал 2025",
        "XI региональная олимпиада",
        "SWOT-анализ",
        "ABC-анализ и XML",
        "e-mail: post@iro23.ru, сайт ТМС",
        "Wi-Fi в кабинетах",
        "Microsoft Word и LibreOffice",
        "МБОУ СОШ № 5",
        "3D-принтер",
    ],
)
def test_legitimate_text_is_left_alone(text):
    assert find_homoglyphs(text) == []


def test_exact_positions():
    text = "Сроки: Oктябрь, нoябрь 2025"
    first, second = find_homoglyphs(text)
    assert first.offsets == [7] and text[7] == "O"
    assert second.offsets == [17] and text[17] == "o"
    assert (first.fixed, second.fixed) == ("Октябрь", "ноябрь")
    assert second.script == "latin"


def test_abbreviations_supplied_by_the_caller():
    assert find_homoglyphs("провести MKУ сбор") != []  # mixed: found anyway
    assert find_homoglyphs("совещание KMC района") == []
    (found,) = find_homoglyphs("совещание KMC района", words={"КМС"})
    assert found.whole and found.fixed == "КМС"


def test_fold_to_cyrillic_keeps_length_and_latin_words():
    text = "Oктябрь, SWOT-анализ, IV квартал"
    folded = fold_to_cyrillic(text)
    assert folded == "Октябрь, SWOT-анализ, IV квартал"
    assert len(folded) == len(text)


def test_quick_checks():
    assert not has_mixed_scripts("plain ascii")
    assert not has_mixed_scripts("только русский")
    assert has_mixed_scripts("русский and english")


def test_line_column():
    assert line_column("abc", 2, 10, 5) == (10, 7)
    assert line_column("ab\ncdOe", 5, 10, 5) == (11, 3)


def test_the_quick_look_never_hides_a_finding():
    """``may_have_homoglyphs`` on a whole text is False only where no string of it gives a finding."""
    from neuspeh_cli.reading.homoglyphs import may_have_homoglyphs

    for text in ["Oктябрь 2025", "responsible: TMC, УО", "в c мая", "TMC-специалисты", "schооls:", "MБОУ СОШ № 2"]:
        assert find_homoglyphs(text.split(": ")[-1]) or text == "schооls:", text
        assert may_have_homoglyphs(text), text
    for text in ["shnor: [sosh1]\nname: МБОУ СОШ № 1\n", "dates: Октябрь 2025\nid: e01\n", "ABC-анализ XML"]:
        assert not [h for h in find_homoglyphs(text) if h], text


def test_the_quick_look_on_bytes_lets_through_all_the_expression_does():
    """The byte-class look must say True wherever the exact expression over the text matches."""
    import random

    from neuspeh_cli.reading.homoglyphs import _SUSPECT, may_have_homoglyphs

    alphabet = list("ABCEHKMOPTXYacekopxyqzQZ ._/-0123456789:«»–\n\u00a0éОктябрьТМСсаеАЁёԀ\u0530ӿ\U0001f600")
    rng = random.Random(13)
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 7)))
        if _SUSPECT.search(text):
            assert may_have_homoglyphs(text), text
    for text in ["name: МБОУ СОШ № 1\nplace: ТМС\n", "id: e01\nform: семинар\n", "abc.c", "ab/c"]:
        assert not may_have_homoglyphs(text), text
