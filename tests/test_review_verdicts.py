"""One set of facts: the expert sheet agrees with ``validate`` and reads the method as docs/review.md says.

Each case is the model roadmap of tests/data/review/alpha with one change, the
items and the score counted by hand (weights 3, 2, 2, 2, 1, 1, 0, 1 — 12 points).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from neuspeh_cli.review.checklist import CLAIMED, FAILED, ITEMS, NA, PARTLY, PASSED, Verdict, item_of
from neuspeh_cli.review.runner import scan
from neuspeh_cli.review.summary import build_region

DATA = Path(__file__).parent / "data" / "review"
REGION = Path(__file__).parents[1] / "examples" / "region"


def review(tmp_path: Path, change=None, programmes: tuple[str, ...] = ()):
    """The region of one municipality: the model roadmap changed by ``change``, with the programmes named."""
    data = yaml.safe_load((DATA / "alpha" / "roadmap-2025.yaml").read_text(encoding="utf-8"))
    if change is not None:
        change(data)
    folder = tmp_path / "in"
    folder.mkdir(parents=True)
    (folder / "roadmap.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for name in programmes:
        shutil.copy(DATA / "alpha" / "programmes" / name, folder / name)
    [muni] = build_region(scan([folder], jobs=1).files).municipalities
    return muni


def statuses(muni) -> dict[str, str]:
    return {i.key: i.status for i in muni.sheet.items}


def event(**fields) -> dict:
    base = {
        "name": "«Объективность оценивания: разбор результатов ВПР»",
        "form": "тематический семинар",
        "parameters": ["staffing.teacher-shortage"],
        "groups": ["municipal"],
        "contingent": "Заместители руководителей всех ОО",
        "place": "ТМС",
        "dates": "Сентябрь 2025",
        "responsible": "ТМС",
    }
    return {**base, **fields}


def test_every_rule_of_the_check_belongs_to_one_item():
    keys = [spec.key for spec in ITEMS]
    assert keys == ["parameters", "groups", "shnor", "monitoring", "all_schools", "stages", "levels", "completeness"]
    assert [spec.weight for spec in ITEMS] == [3, 2, 2, 2, 1, 1, 0, 1]
    for spec in ITEMS:
        assert all(item_of(rule) == spec.key for rule in spec.rules)
    assert item_of("event-incomplete") == item_of("schema") == "completeness"
    assert sum(len(spec.rules) for spec in ITEMS) == len(CLAIMED)  # no rule in two items


def test_a_check_that_the_catalog_names_as_the_measure_is_prevention(tmp_path):
    """3.1 (factor 7): the «Конструктор» answers it with «Контроль за объективностью оценивания…»; an audit is that
    measure.
    """

    def add(data):
        data["audit"].append({"parameter": "internal-assessment.result-discrepancy", "schools": ["sosh1"]})
        data["events"].append(
            event(
                id="e06",
                name="Перепроверка результатов ВПР",
                form="аудит",
                parameters=["internal-assessment.result-discrepancy"],
                groups=["control"],
                shnor=["sosh1"],
            )
        )

    muni = review(tmp_path, add)
    assert "parameter-control-only" not in {p.rule for p in muni.roadmap.problems}
    parameters = muni.sheet.items[0]
    assert parameters.status == PASSED
    assert parameters.reasons[-1].text == (
        "все параметры раздела I (3) обеспечены мероприятиями; по 3.1. — проверками, которые «Конструктор» называет "
        "мерой по этим параметрам"
    )
    assert muni.sheet.verdict is Verdict.COMPLIANT


def test_control_alone_is_partly_where_the_catalog_asks_for_more(tmp_path):
    def add(data):
        data["audit"].append({"parameter": "at-risk-students.low-motivation", "schools": ["sosh1"]})
        data["events"].append(
            event(
                id="e06",
                name="Аудит работы с немотивированными",
                form="аудит",
                parameters=["at-risk-students.low-motivation"],
                groups=["control"],
                shnor=["sosh1"],
            )
        )

    muni = review(tmp_path, add)
    assert [(p.rule, p.severity) for p in muni.roadmap.problems if p.severity != "info"] == [
        ("parameter-control-only", "warning")
    ]
    assert statuses(muni)["parameters"] == PARTLY
    assert muni.roadmap.status == "clean"
    assert muni.sheet.score == round(100 * (12 - 1.5) / 12) == 88
    assert muni.sheet.verdict is Verdict.COMPLIANT  # validate passes it; the sheet says what to improve


def test_an_unaddressed_parameter_is_not_compliant_whatever_the_score(tmp_path):
    muni = review(
        tmp_path, lambda d: d["audit"].append({"parameter": "at-risk-students.low-motivation", "schools": ["sosh1"]})
    )
    assert statuses(muni)["parameters"] == FAILED
    assert muni.sheet.score == round(100 * 9 / 12) == 75
    assert muni.sheet.verdict is Verdict.NONCOMPLIANT


def test_a_missing_monitoring_is_not_compliant(tmp_path):
    def drop(data):
        data["events"] = [e for e in data["events"] if e["id"] != "e04"]
        del data["monitoring"]["events"]

    muni = review(tmp_path, drop)
    assert statuses(muni)["monitoring"] == FAILED
    assert [r.text for r in muni.sheet.items[3].reasons] == [
        "нет мероприятия «Мониторинг подготовки и реализации внутришкольных систем профилактики учебной неуспешности»"
    ]
    assert muni.sheet.score == round(100 * 10 / 12) == 83
    assert muni.sheet.verdict is Verdict.NONCOMPLIANT


def test_a_file_with_errors_is_never_compliant(tmp_path):
    """A date outside the roadmap's year: an error of item 8 only; 11 of 12 points, yet «требует доработки»."""
    muni = review(tmp_path, lambda d: d["events"][1].update(dates="Апрель 2026"))
    assert muni.roadmap.status == "errors"
    assert statuses(muni)["completeness"] == FAILED
    assert muni.sheet.score == 92
    assert muni.sheet.verdict is Verdict.NEEDS_WORK
    assert [r.text for r in muni.sheet.items[7].reasons] == ["дата вне срока дорожной карты: № 2"]


def test_school_programmes_are_per_municipality_and_never_lower_the_score(tmp_path):
    none = review(tmp_path / "none")
    one = review(tmp_path / "one", programmes=("programme-sosh1.yaml",))
    both = review(tmp_path / "both", programmes=("programme-sosh1.yaml", "programme-oosh4.yaml"))
    assert (statuses(none)["levels"], statuses(one)["levels"], statuses(both)["levels"]) == (NA, PARTLY, PASSED)
    assert none.sheet.score == one.sheet.score == both.sheet.score == 100
    assert [r.text for r in one.sheet.items[6].reasons] == [
        "школьные программы — у 1 из 2 ШНОР",
        "мероприятий краевого уровня (института, министерства) в карте нет",
        "у ООШ № 4 (ШНОР) нет школьной программы среди представленных файлов",
    ]
    assert (
        none.sheet.items[6].reasons[0].text
        == "школьные программы муниципалитет не представлял (институт их не запрашивал)"
    )


def test_regional_events_are_named(tmp_path):
    regional = event(
        id="e06",
        name="Краевой семинар «Школа с низкими результатами: выход из зоны риска»",
        place="ГБОУ ИРО Краснодарского края",
        responsible="ИРО, ТМС",
        groups=["municipal", "shnor"],
        shnor="все",
    )
    muni = review(tmp_path, lambda d: d["events"].append(regional))
    assert muni.sheet.items[6].reasons[1].text == "мероприятий краевого уровня — 1 (№ 6)"


# ---------------------------------------------------------------- the example region


@pytest.fixture(scope="module")
def example():
    from neuspeh_cli.document import load_paths
    from neuspeh_cli.review import read_register

    region = build_region(scan([REGION], jobs=2).files, read_register(REGION / "municipalities.txt"))
    validated = {str(Path(d.path).resolve()): d for d in load_paths([REGION])}
    return region, validated


def test_the_example_region_has_no_contradiction_with_validate(example):
    region, validated = example
    checked = 0
    for m in region.reviewed:
        document = validated[str(Path(m.roadmap.path).resolve())]
        errors = {(p.rule, p.line) for p in document.problems if p.severity.value == "error"}
        assert errors == {(p.rule, p.line) for p in m.roadmap.problems if p.severity == "error"}, m.name
        failed = {i.key for i in m.sheet.items if i.status == FAILED}
        assert failed == {item_of(rule) for rule, _ in errors}, m.name
        assert (m.sheet.verdict is Verdict.COMPLIANT) <= (not errors), m.name
        checked += 1
    assert checked >= 35
    verdicts = {m.sheet.verdict for m in region.reviewed}
    assert verdicts == {Verdict.COMPLIANT, Verdict.NEEDS_WORK, Verdict.NONCOMPLIANT}


def test_a_municipal_event_run_by_the_schools_is_partly_item_2(tmp_path):
    """municipal-responsible (warning): event 2 is municipal but neither УО nor ТМС is responsible; 2 of 12 points at
    half.
    """
    muni = review(tmp_path, lambda d: d["events"][1].update(responsible="Руководители ОО"))
    assert [(p.rule, p.severity) for p in muni.roadmap.problems if p.severity != "info"] == [
        ("municipal-responsible", "warning")
    ]
    assert statuses(muni)["groups"] == PARTLY
    assert (
        muni.sheet.items[1].reasons[1].text
        == "мероприятие № 2 — муниципальное, но среди ответственных нет ни управления образованием, ни ТМС"
    )
    assert muni.sheet.score == round(100 * 11 / 12) == 92
    assert muni.sheet.verdict is Verdict.COMPLIANT


def test_only_shnor_listed_is_partly_item_5(tmp_path):
    muni = review(tmp_path, lambda d: d.update(schools=[s for s in d["schools"] if s.get("shnor")]))
    assert statuses(muni)["all_schools"] == PARTLY
    assert [r.text for r in muni.sheet.items[4].reasons] == [
        "в карте перечислены только ШНОР: перечислите все школы муниципалитета"
    ]
    assert muni.sheet.score == round(100 * 11.5 / 12) == 96


def test_no_implementation_stage_is_partly_item_6(tmp_path):
    """management-cycle (warning): every event in a control form; the seminar and the consultation become audits."""

    def audits(data):
        for e in data["events"][:3]:
            e["form"] = "аудит"

    muni = review(tmp_path, audits)
    assert ("management-cycle", "warning") in {(p.rule, p.severity) for p in muni.roadmap.problems}
    assert statuses(muni)["stages"] == PARTLY
    assert muni.sheet.items[5].reasons[0].text == "нет мероприятий этапа «реализация»"


def test_unfinished_drafts_need_work_even_without_errors(tmp_path):
    """A draft with empty cells: warnings only (validate passes it), but ``build`` refuses it — «требует доработки»."""
    muni = review(tmp_path, lambda d: d["events"][1].update(draft=True, place=""))
    assert muni.roadmap.status == "clean"
    assert {p.rule for p in muni.roadmap.problems if p.severity == "warning"} == {"event-draft", "event-incomplete"}
    assert statuses(muni)["completeness"] == PARTLY
    assert muni.sheet.score == 96
    assert muni.sheet.verdict is Verdict.NEEDS_WORK


def test_the_unfinished_rules_are_those_that_block_the_build():
    from neuspeh_cli.review.checklist import UNFINISHED_RULES
    from neuspeh_cli.rules import all_rules

    assert {r.id for r in all_rules() if r.blocks_build and r.kind == "roadmap"} == UNFINISHED_RULES
