"""Roadmaps written as municipalities write them: legitimate variations pass, real mistakes are found.

Each file in tests/data/realistic/ says in its header what it is. The table below is the
exact set of errors and warnings each must give (notes are not listed: they only suggest).
"""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import DATA

from neuspeh_cli.build import BuildOptions, build_files
from neuspeh_cli.validate import validate_file

REALISTIC = DATA / "realistic"

# file → Counter of (rule, severity) for errors and warnings
EXPECTED = {
    # legitimate variations: nothing to fix
    "school-year-kurganinsk.yaml": {},
    "signature-only-beloglinsky.yaml": {},
    "no-shnor-novopokrovsky.yaml": {},
    "monitoring-own-words-ejsk.yaml": {},
    "everyday-dates-and-forms.yaml": {},
    # real mistakes
    "loophole-one-session.yaml": {("parameter-not-addressed", "error"): 6},
    "seminar-called-monitoring.yaml": {("monitoring-missing", "error"): 1},
    "control-only-and-unreached.yaml": {
        ("parameter-shnor-not-reached", "error"): 1,
        ("parameter-control-only", "warning"): 1,
    },
    "unmeasured-and-unorganised.yaml": {
        ("municipal-responsible", "warning"): 1,
        ("indicator-unmeasured", "warning"): 2,
    },
    "drafts-unfinished.yaml": {("event-incomplete", "warning"): 4, ("event-draft", "warning"): 1},
    "comma-in-braces-and-typo.yaml": {("schema", "error"): 2, ("event-incomplete", "error"): 1},
    "wrong-year-and-mixed-letters.yaml": {("dates-outside-period", "error"): 2, ("mixed-letters", "warning"): 2},
}


def findings(name: str) -> Counter:
    document = validate_file(REALISTIC / name)
    return Counter((p.rule, p.severity.value) for p in document.problems if p.severity.value != "info")


def test_every_realistic_file_has_its_expectation():
    assert sorted(p.name for p in REALISTIC.glob("*.yaml")) == sorted(EXPECTED)
    assert len(EXPECTED) >= 10


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_realistic_roadmap(name):
    assert findings(name) == Counter(EXPECTED[name])


def test_the_loophole_names_each_parameter_and_why(tmp_path):
    document = validate_file(REALISTIC / "loophole-one-session.yaml")
    messages = [p.message for p in document.problems if p.rule == "parameter-not-addressed"]
    assert all("не заменяет мероприятия по самому параметру" in m for m in messages)
    assert {m.split("«")[1].split("»")[0] for m in messages} == {
        "staffing.teacher-shortage",
        "staffing.specialist-shortage",
        "parents.distancing",
        "parents.no-support",
        "at-risk-students.low-motivation",
        "equipment.internet",
    }


def test_a_seminar_about_monitoring_is_not_the_monitoring():
    (problem,) = [
        p
        for p in validate_file(REALISTIC / "seminar-called-monitoring.yaml").problems
        if p.rule == "monitoring-missing"
    ]
    assert problem.message.startswith("добавьте мероприятие «Мониторинг подготовки и реализации")


def test_mixed_letters_name_the_letter_to_retype():
    messages = [
        p.message
        for p in validate_file(REALISTIC / "wrong-year-and-mixed-letters.yaml").problems
        if p.rule == "mixed-letters"
    ]
    assert messages == [
        "в слове «MБОУ» латинская буква «M» (1-я): перепечатайте её русской («МБОУ»)",
        "в слове «Oктябрь» латинская буква «O» (1-я): перепечатайте её русской («Октябрь»)",
    ]


def test_a_key_with_a_russian_letter_is_named_as_such(write_yaml):
    text = (REALISTIC / "school-year-kurganinsk.yaml").read_text(encoding="utf-8").replace("schools:", "schооls:", 1)
    (problem,) = [p for p in validate_file(write_yaml(text)).problems if p.rule == "schema"]
    assert (
        problem.message
        == "неизвестный ключ «schооls»: в слове «schооls» русские буквы «о» (4-я) и «о» (5-я): перепечатайте их "
        "латинскими («schools»)"
    )


def test_drafts_validate_but_do_not_build(tmp_path):
    path = REALISTIC / "drafts-unfinished.yaml"
    assert not validate_file(path).errors
    report = build_files([path], BuildOptions(out_dir=tmp_path, pdf_engine="none"))
    (result,) = report.results
    assert result.docx is None and {p.rule for p in result.blocking} == {"event-incomplete", "event-draft"}
    forced = build_files([path], BuildOptions(out_dir=tmp_path, pdf_engine="none", force=True))
    assert forced.results[0].docx is not None and forced.forced


@pytest.mark.parametrize(
    "name", ["school-year-kurganinsk.yaml", "signature-only-beloglinsky.yaml", "no-shnor-novopokrovsky.yaml"]
)
def test_legitimate_variations_build(name, tmp_path):
    report = build_files([REALISTIC / name], BuildOptions(out_dir=tmp_path, pdf_engine="none"))
    assert report.results[0].docx is not None, report.results[0].blocking
