"""The vocabulary of event forms: stages of the management cycle, the sample fully known, `neuspeh forms`."""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import EXAMPLES

from neuspeh_cli.domain.reference import classify_form, form_stages, form_vocabulary, forms_by_stage


@pytest.mark.parametrize(
    ("form", "term", "stage", "method"),
    [
        ("акция", "акция", 3, False),
        ("методический десант", "десант", 3, False),
        ("марафон", "марафон", 3, False),
        ("педагогическая мастерская", "мастерская", 3, False),
        ("педсовет", "педагогический совет", 3, False),
        ("педагогический совет", "педагогический совет", 3, False),
        ("открытые уроки", "открытые уроки", 3, False),
        ("неделя математики", "неделя (декада) предмета", 3, False),
        ("декада русского языка", "неделя (декада) предмета", 3, False),
        ("метапредметная неделя", "метапредметная неделя", 3, False),
        ("торжественное мероприятие", "торжественное мероприятие", 3, False),
        ("банк кадров", "банк кадров", 3, False),
        ("информация на сайте", "информация на сайте", 3, False),
        ("заявка в ЦЗН", "заявка в ЦЗН", 3, False),
        ("вебинар", "вебинар", 3, False),
        ("форум", "форум", 3, False),
        ("квест", "квест", 3, False),
        ("олимпиада", "олимпиада", 3, False),
        ("практикум", "практикум", 3, False),
        ("аукцион идей", "аукцион идей", 3, False),
        ("родительское собрание", "родительское собрание", 3, False),
        ("единый методический день", "методический день", 3, False),
        ("коучинг", "коучинг", 3, False),
        ("супервизия", "супервизия", 3, False),
        ("диагностика", "диагностика", 1, True),
        ("анкетирование", "анкетирование", 1, True),
        ("самообследование", "самообследование", 4, False),
        ("собеседование", "контрольные собеседования", 4, True),
        ("экспертиза", "экспертиза", 4, True),
        ("стратегическая сессия", "стратегическая сессия", 3, True),
        ("мониторинг", "мониторинг", 4, True),
        ("SWOT-анализ", "SWOT-анализ", 2, True),
        ("Семинар-практикум", "тематический семинар", 3, True),
    ],
)
def test_form_stage_and_method(form, term, stage, method):
    found = {e.term: e for e in classify_form(form)}
    assert term in found, [e.term for e in classify_form(form)]
    assert (found[term].stage, found[term].method) == (stage, method)


def test_sample_forms_are_all_known():
    sample = yaml.safe_load((EXAMPLES / "sample-2023.yaml").read_text(encoding="utf-8"))
    unknown = [e["form"] for e in sample["events"] if e.get("form") and not classify_form(e["form"])]
    assert unknown == []


def test_every_example_form_is_known():
    for path in EXAMPLES.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for event in data.get("events") or []:
            assert not event.get("form") or classify_form(event["form"]), (path.name, event["form"])


def test_each_name_reads_as_its_own_form():
    _, entries = form_vocabulary()
    for entry in entries:
        assert entry.term in [e.term for e in classify_form(entry.term)], entry.term
        for other in entry.also:
            assert entry.term in [e.term for e in classify_form(other)], (entry.term, other)
    assert len({e.term for e in entries}) == len(entries)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("обсуждение по вопросу открытия классов", "опрос"),
        ("еженедельное совещание", "неделя (декада) предмета"),
        ("SWOT-анализ", "анализ"),
        ("Оказание помощи в установлении контактов с Центром занятости населения", "заявка в ЦЗН"),
    ],
)
def test_words_inside_other_words_do_not_count(text, absent):
    assert absent not in [e.term for e in classify_form(text)]


def test_latin_look_alike_letters_do_not_hide_a_form():
    assert form_stages("семинаp") == {3}  # Latin p


def test_unknown_form():
    assert classify_form("чаепитие") == ()
    assert form_stages("чаепитие") == set()


def test_stages_in_order_and_method_forms_first():
    stages = forms_by_stage()
    assert [s.number for s in stages] == [1, 2, 3, 4]
    assert stages[2].title == "Реализация профилактических мероприятий"
    for stage in stages:
        flags = [e.method for e in stage.forms]
        assert flags == sorted(flags, reverse=True)
    implementation = [e.term for e in stages[2].forms if e.method]
    assert implementation[:3] == ["заседание рабочей группы", "стратегическая сессия", "посещение ОО"]


def test_cli_lists_forms_by_stage(cli):
    result = cli("forms")
    assert result.exit_code == 0, result.output
    out = result.output
    headings = [out.index(f"{n}. {t}") for n, t in form_vocabulary()[0].items()]
    assert headings == sorted(headings)
    implementation = out[headings[2] : headings[3]]
    assert "названы в методике: заседание рабочей группы; стратегическая сессия;" in " ".join(implementation.split())
    assert "десант (методический десант)" in " ".join(implementation.split())
    assert "Всего форм:" in out


def test_cli_json(cli):
    result = cli("forms", "--format", "json")
    data = json.loads(result.output)
    assert [s["number"] for s in data["stages"]] == [1, 2, 3, 4]
    terms = {f["term"]: f for s in data["stages"] for f in s["forms"]}
    assert terms["мониторинг"] == {"term": "мониторинг", "method": True, "also": []}
    assert terms["педагогический совет"]["also"] == ["педсовет"]


def test_cli_explains_one_form(cli):
    result = cli("forms", "методический десант")
    assert result.exit_code == 0
    assert (
        result.output.strip()
        == "«методический десант»: десант — этап 3 «Реализация профилактических мероприятий» (нет в методике, но "
        "узнаётся)"
    )
    result = cli("forms", "чаепитие")
    assert result.exit_code == 1
    assert result.output.startswith("«чаепитие»: форма не узнана")


def test_shipped_reference_files_have_no_repeated_key():
    """The vocabulary loads with the plain loader (fast); the careful reader proves the file has no repeated key."""
    from neuspeh_cli.reading.yamlread import read_yaml_text

    for name in ("forms.yaml", "abbreviations.yaml"):
        text = (EXAMPLES.parent / "catalog" / name).read_text(encoding="utf-8")
        assert read_yaml_text(text, name).data == yaml.safe_load(text), name


def test_stem_prefilter_never_changes_the_answer():
    """``FormEntry.matches`` skips the expression when no literal stem is in the text: same answers as the expression
    alone.
    """
    from neuspeh_cli.domain.catalog import load_catalog
    from neuspeh_cli.domain.reference import normalise

    _, entries = form_vocabulary()
    corpus = [e.term for e in entries] + [a for e in entries for a in e.also]
    for path in EXAMPLES.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        corpus += [str(e.get("form") or "") + " " + str(e.get("name") or "") for e in data.get("events") or []]
    corpus += [
        text
        for factor in load_catalog().factors
        for group in factor.measures
        for text in group.municipal + group.school
    ]
    assert len(corpus) > 300
    for text in map(normalise, corpus):
        for entry in entries:
            assert entry.matches(text) == (entry.pattern.search(text) is not None), (entry.term, text)
    assert sum(entry.stems is not None for entry in entries) >= len(entries) - 2


def test_literal_stems():
    from neuspeh_cli.domain.reference import literal_stems

    assert literal_stems(r"\bсеминар") == ("семинар",)
    assert literal_stems(r"\bиом\b|индивидуальн\w* образовательн\w* маршрут") == ("иом", "индивидуальн")
    assert literal_stems(r"(?<!swot-)(?<!swot )\bанализ") == ("анализ",)
    assert literal_stems(r"\bотч[её]т|\bпубличн\w* доклад") == ("отч", "публичн")
    assert literal_stems(r"\bанкет[аыу]?\b") == ("анкет",)
    assert literal_stems(r"\bкурсы?\b") == ("курс",)
    assert literal_stems(r"\b(заявк|сведени)\w*") is None
    assert literal_stems(r"x|\bсеминар") is None
