"""The expert sheets and the regional figures of tests/data/review, counted by hand.

The folder: Альфинский район (a model roadmap and a programme for each of its
two ШНОР), Бетинский район (the usual shortcomings), Гаммский район (a file
that does not parse), Дельтинский район (a programme, no roadmap), and
Эпсилонский район (in the register only).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from neuspeh_cli.review import read_register
from neuspeh_cli.review.checklist import FAILED, PARTLY, PASSED, UNCHECKED
from neuspeh_cli.review.runner import scan
from neuspeh_cli.review.summary import build_region, event_counts, factor_prevalence, indicator_usage, tables

DATA = Path(__file__).parent / "data" / "review"


@pytest.fixture(scope="module")
def region():
    found = scan([DATA], jobs=1)
    return build_region(found.files, read_register(DATA / "register.txt"))


def municipality(region, name):
    return next(m for m in region.municipalities if m.name == name)


def items(m):
    return {item.key: item for item in m.sheet.items}


def test_statuses_of_the_submissions(region):
    statuses = {m.name: m.status for m in region.municipalities}
    assert statuses == {
        "Альфинский район": "clean",
        "Бетинский район": "errors",
        "Гаммский район": "unreadable",  # named by the «municipality:» line of a file that does not parse
        "Дельтинский район": "missing",  # a programme, but no roadmap
        "Эпсилонский район": "missing",  # in the register only
    }


def test_a_model_roadmap_passes_every_item(region):
    alpha = municipality(region, "Альфинский район")
    assert {k: i.status for k, i in items(alpha).items()} == dict.fromkeys(
        ("parameters", "groups", "shnor", "monitoring", "all_schools", "stages", "levels", "completeness"), PASSED
    )
    assert alpha.sheet.score == 100
    assert alpha.sheet.verdict == "соответствует методике"
    assert items(alpha)["monitoring"].reasons[0].text == "мониторинг (№ 4): Май 2025, ноябрь 2025; показателей качества — 2"
    assert items(alpha)["levels"].reasons[0].text == "программы есть у всех ШНОР (2)"


def test_shortcomings_are_items_with_reasons_and_lines(region):
    beta = items(municipality(region, "Бетинский район"))
    assert {k: i.status for k, i in beta.items()} == {
        "parameters": FAILED,  # 3.1 has no event at all; 2.1 only a control event
        "groups": PARTLY,  # no municipal events (one group of three missing)
        "shnor": FAILED,  # СОШ № 2 takes part in nothing
        "monitoring": PARTLY,  # «По отдельному графику», an indicator without unit
        "all_schools": FAILED,  # no event for all schools
        "stages": PASSED,  # a seminar (implementation), an audit and the monitoring (control)
        "levels": FAILED,  # neither ШНОР has a programme, while the review has programmes
        "completeness": FAILED,  # event 2 without «responsible»
    }
    parameters = [(r.text, r.line) for r in beta["parameters"].reasons]
    assert parameters[0][1] == 22 and parameters[0][0].startswith("3.1. «Расхождение между результатами внутришкольного и внешнего оценивания")
    assert parameters[0][0].endswith(": нет ни одного мероприятия по этому параметру")
    assert parameters[1] == ("2.1. «Низкая мотивация школьников к учению»: только мероприятия контроля (№ 2), нет мероприятий реализации", 20)
    assert (beta["shnor"].reasons[0].text, beta["shnor"].reasons[0].line) == ("СОШ № 2 (ШНОР) не участвует ни в одном мероприятии", 15)
    assert [r.text for r in beta["groups"].reasons] == ["нет мероприятий группы «муниципальные»"]
    assert [(r.text, r.line) for r in beta["monitoring"].reasons] == [
        ("мониторинг найден по названию (№ 3): укажите его id в monitoring.events", 44),
        ("сроки мониторинга (№ 3) не названы: «По отдельному графику»", 44),
        ("показатель «Наличие программы» не измерим: укажите unit, baseline и target", 55),
    ]
    assert [(r.text, r.line) for r in beta["completeness"].reasons] == [("мероприятие № 2: укажите ответственных (responsible)", 43)]
    assert beta["levels"].reasons[0].text == "у СОШ № 1 (ШНОР) нет школьной программы профилактики"


def test_score_is_the_weighted_share_of_applicable_items(region):
    beta = municipality(region, "Бетинский район")
    # groups ½·2 + monitoring ½·2 + stages 1·1 = 3 of 13 weight points
    assert beta.sheet.score == round(100 * 3 / 13) == 23
    assert beta.sheet.verdict == "не соответствует методике"


def test_unreadable_and_missing_roadmaps_are_not_checked(region):
    gamma = municipality(region, "Гаммский район")
    assert {i.status for i in gamma.sheet.items} == {UNCHECKED}
    assert gamma.sheet.items[0].reasons[0].line == 8
    assert gamma.sheet.verdict == "не проверено"
    delta = municipality(region, "Дельтинский район")
    assert delta.roadmap is None and [Path(f.name).name for f in delta.programmes] == ["programme-sosh5.yaml"]
    assert delta.sheet.items[0].reasons[0].text == "дорожная карта не представлена"


def test_regional_figures(region):
    summary = {row[0]: row[1] for row in tables(region)[0].rows}
    assert summary["Муниципальных образований"] == 5
    assert summary["Дорожная карта не представлена"] == 2
    assert summary["Дорожная карта не читается"] == 1
    assert summary["Дорожная карта с ошибками"] == 1
    assert summary["Дорожная карта без ошибок"] == 1
    assert summary["Файлов проверено"] == 6
    assert summary["Школьных программ"] == 3
    assert summary["Мероприятий в дорожных картах"] == 5 + 3
    assert summary["ШНОР в дорожных картах"] == 2 + 2
    assert summary["Доля ШНОР, участвующих в мероприятиях"] == 3 / 4  # Альфинский: both; Бетинский: СОШ № 1 only
    assert summary["Доля ШНОР со школьной программой"] == 2 / 4
    assert summary["Средний балл экспертного листа"] == round((100 + 23) / 2)


def test_factor_and_parameter_prevalence(region):
    factors = {f["id"]: f for f in factor_prevalence(region)}
    assert (factors["staffing"]["municipalities"], factors["staffing"]["shnor"], factors["staffing"]["events"]) == (1, 2, 1)
    assert (factors["teacher-competence"]["municipalities"], factors["teacher-competence"]["shnor"]) == (1, 2)
    assert factors["internal-assessment"]["events"] == 0
    assert factors["equipment"]["municipalities"] == 0
    parameters = {p["id"]: p for f in factors.values() for p in f["parameters"]}
    assert parameters["parents.poor-information"] == {
        "id": "parents.poor-information",
        "code": "9.1.",
        "title": parameters["parents.poor-information"]["title"],
        "municipalities": 1,
        "shnor": 1,
        "schools": 1,
        "events": 1,
    }


def test_events_by_form_stage_and_group(region):
    counts = event_counts(region)
    assert counts["forms"] == {
        "мониторинг": 2,
        "тематический семинар": 2,
        "стратегическая сессия": 1,
        "консультирование": 1,
        "контрольные собеседования": 1,
        "аудит": 1,
    }
    assert counts["stages"] == {3: 4, 4: 4}
    assert counts["groups"] == {"municipal": 2, "shnor": 4, "control": 4}


def test_indicators_used(region):
    usage = {u["text"]: (u["municipalities"], u["measurable"], u["total"]) for u in indicator_usage(region)}
    assert usage == {
        "Доля ШНОР с утверждённой внутришкольной программой профилактики": (1, 1, 1),
        "Доля педагогов ШНОР, включённых в систему наставничества": (1, 1, 1),
        "Наличие программы": (1, 0, 1),
    }


def test_programmes_per_shnor(region):
    shnor = next(t for t in tables(region) if t.name == "ШНОР")
    assert [(row[0], row[2], row[4], row[5]) for row in shnor.rows] == [
        ("Альфинский район", "sosh1", 5, "есть"),  # named in e02, e03 and «все» in e01, e04, e05
        ("Альфинский район", "oosh4", 4, "есть"),
        ("Бетинский район", "sosh1", 1, "нет"),
        ("Бетинский район", "sosh2", 0, "нет"),
    ]


def test_many_findings_of_one_rule_are_one_reason():
    from neuspeh_cli.review.checklist import _Sheet
    from neuspeh_cli.review.facts import ProblemFact

    found = scan([DATA / "alpha" / "roadmap-2025.yaml"], jobs=1).files[0]
    problems = tuple(ProblemFact("dates-unrecognised", "warning", f"дата «{n}» не распознана", 30 + n, 12) for n in range(12))
    sheet = _Sheet(found._replace(problems=problems), [], False)
    item = sheet.completeness()
    assert item.status == PARTLY
    assert [r.text for r in item.reasons] == ["Даты не распознаны — 12 (строки 30, 31, 32, 33, 34, 35, 36, 37, 38, 39…)"]


def test_a_roadmap_that_names_no_participants_is_not_failed_for_it(tmp_path):
    """Format-1 files have no «shnor:» in events: participation is unknown, not absent."""
    text = (DATA / "alpha" / "roadmap-2025.yaml").read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.strip().startswith("shnor:")) + "\n"
    (tmp_path / "roadmap.yaml").write_text(text, encoding="utf-8")
    region = build_region(scan([tmp_path], jobs=1).files)
    [alpha] = region.municipalities
    item = items(alpha)["shnor"]
    assert item.status == PARTLY
    assert [r.text for r in item.reasons] == ["ни в одном мероприятии не указано, какие ШНОР участвуют (поле shnor: идентификаторы школ или «все»): участие ШНОР не проверить"]
    summary = {row[0]: row[1] for row in tables(region)[0].rows}
    assert summary["Доля ШНОР, участвующих в мероприятиях"] is None  # no roadmap says who takes part
    assert summary["ШНОР без сведений об участии (в карте не указано поле shnor)"] == 2
