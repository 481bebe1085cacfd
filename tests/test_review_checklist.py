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
from neuspeh_cli.review.checklist import FAILED, NA, PARTLY, PASSED, UNCHECKED, Verdict
from neuspeh_cli.review.runner import scan
from neuspeh_cli.review.summary import build_region, event_counts, factor_prevalence, indicator_usage
from neuspeh_cli.review.views import tables

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
    assert alpha.sheet.verdict is Verdict.COMPLIANT and alpha.sheet.verdict.title == "соответствует методике"
    assert (
        items(alpha)["monitoring"].reasons[0].text
        == "мониторинг (№ 4): Май 2025, ноябрь 2025; показателей качества — 2"
    )
    assert [r.text for r in items(alpha)["levels"].reasons] == [
        "школьные программы — у 2 из 2 ШНОР",
        "мероприятий краевого уровня (института, министерства) в карте нет",
    ]


def test_shortcomings_are_the_findings_of_validate(region):
    """Бетинский район: each item's status is the worst finding of its rules (validate on the same file, by hand)."""
    beta = items(municipality(region, "Бетинский район"))
    assert {k: i.status for k, i in beta.items()} == {
        "parameters": FAILED,  # parameter-not-addressed (3.1), error; parameter-control-only (2.1), warning
        "groups": PARTLY,  # event-groups: no municipal events, warning
        "shnor": FAILED,  # parameter-shnor-not-reached: СОШ № 2 in nothing on 1.1, error
        "monitoring": FAILED,  # monitoring-missing: event 3 looks like it but is not named, error
        "all_schools": PARTLY,  # all-schools: every event only for ШНОР, warning
        "stages": PASSED,  # a seminar (implementation), an audit and the monitoring (control)
        "levels": NA,  # Бетинский район sent no programmes: the institute did not ask for them
        "completeness": FAILED,  # event-incomplete: event 2 without responsible, error
    }
    parameters = [(r.text, r.line) for r in beta["parameters"].reasons]
    assert parameters[0][1] == 22 and parameters[0][0].startswith(
        "3.1. «Расхождение между результатами внутришкольного и внешнего"
    )
    assert parameters[0][0].endswith(": нет ни одного мероприятия, направленного на этот параметр")
    assert parameters[1] == (
        "мероприятия «для всех выявленных параметров» (№ 3) не заменяют мероприятий по каждому параметру",
        44,
    )
    assert parameters[2] == (
        "2.1. «Низкая мотивация школьников к учению»: только мероприятия контроля (№ 2), нет мероприятий реализации",
        20,
    )
    assert [(r.text, r.line) for r in beta["shnor"].reasons] == [
        (
            "1.1. «Низкая методическая подготовка учителей (начальных классов, математики и русского языка)»: не "
            "участвуют в мероприятиях по этому параметру — СОШ № 2",
            19,
        ),
        ("участие ШНОР в 2 мероприятиях прочитано из контингента и места (№ 2, 3)", 35),
    ]
    assert [r.text for r in beta["groups"].reasons] == ["нет мероприятий группы «муниципальные»"]
    assert [(r.text, r.line) for r in beta["monitoring"].reasons] == [
        (
            "мероприятие № 3 похоже на обязательный мониторинг внутришкольных систем, но в карте не отмечено как "
            "мониторинг",
            44,
        ),
        ("сроки мониторинга (№ 3) не названы: «По отдельному графику»", 44),
        (
            "показатель «Наличие программы» называет факт, а не измеряемую величину (например, «Доля ШНОР, в которых "
            "…», %)",
            55,
        ),
    ]
    assert [r.text for r in beta["all_schools"].reasons] == [
        "все мероприятия — только для ШНОР: нет мероприятий для всех ОО муниципалитета"
    ]
    assert [(r.text, r.line) for r in beta["completeness"].reasons] == [("не заполнены графы мероприятия: № 2", 43)]


def test_a_sheet_speaks_the_municipalitys_language(region):
    """No field names, no rule ids, no paths in the reasons of a sheet sent to the municipality."""
    import re

    for m in region.municipalities:
        for item in m.sheet.items:
            for reason in item.reasons:
                assert not re.search(
                    r"\b(unit|baseline|target|monitoring|indicators|shnor|groups|responsible|schools|events)\b",
                    reason.text,
                ), reason.text
                assert not re.search(r"\S/\S", reason.text) and ".yaml" not in reason.text, reason.text


def test_score_is_the_weighted_share_of_applicable_items(region):
    beta = municipality(region, "Бетинский район")
    # groups ½·2 + all schools ½·1 + stages 1·1 = 2.5 of 12 weight points (levels weighs 0)
    assert beta.sheet.score == round(100 * 2.5 / 12) == 21
    assert beta.sheet.verdict is Verdict.NONCOMPLIANT


def test_unreadable_and_missing_roadmaps_are_not_checked(region):
    gamma = municipality(region, "Гаммский район")
    assert {i.status for i in gamma.sheet.items} == {UNCHECKED}
    assert gamma.sheet.items[0].reasons[0].line == 8
    assert gamma.sheet.items[0].reasons[0].text.startswith("файл не прочитан: ")
    assert [i.reasons for i in gamma.sheet.items[1:]] == [()] * 7  # said once, not under every item
    assert gamma.sheet.verdict is Verdict.UNCHECKED
    delta = municipality(region, "Дельтинский район")
    assert delta.roadmap is None and [Path(f.name).name for f in delta.programmes] == ["programme-sosh5.yaml"]
    assert delta.sheet.items[0].reasons[0].text == "дорожная карта не представлена"
    assert sum(len(i.reasons) for i in delta.sheet.items) == 1


def test_regional_figures(region):
    summary = {row[0]: row[1:] for row in tables(region)[0].rows}
    assert summary["Муниципальных образований"] == [5, None]
    assert summary["Дорожная карта не представлена"] == [2, 2 / 5]
    assert summary["Дорожная карта не читается"] == [1, 1 / 5]
    assert summary["Дорожная карта с ошибками"] == [1, 1 / 5]
    assert summary["Дорожная карта без ошибок"] == [1, 1 / 5]
    assert summary["Файлов проверено"] == [6, None]
    assert summary["Школьных программ"] == [3, None]
    assert summary["Мероприятий в дорожных картах"] == [5 + 3, None]
    assert summary["ШНОР в дорожных картах"] == [2 + 2, None]
    # Альфинский: both; Бетинский: СОШ № 1 in event 1, СОШ № 2 by the contingent of events 2 and 3 («…ШНОР», «…всех ОО»)
    assert summary["ШНОР, участвующих в мероприятиях"] == [4, 4 / 4]
    # only Альфинский район sent programmes: both its ШНОР have one; Бетинский's ШНОР are not counted against it
    assert summary["ШНОР со школьной программой (в муниципалитетах, приславших программы)"] == [2, 2 / 2]
    assert summary["Средний балл экспертного листа"] == [round((100 + 21) / 2), None]
    assert summary["Соответствие методике: «соответствует методике»"] == [1, 1 / 2]
    assert summary["Соответствие методике: «не соответствует методике»"] == [1, 1 / 2]


def test_factor_and_parameter_prevalence(region):
    factors = {f["id"]: f for f in factor_prevalence(region)}
    assert (factors["staffing"]["municipalities"], factors["staffing"]["shnor"], factors["staffing"]["events"]) == (
        1,
        2,
        1,
    )
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
    # «shnor: все» puts Альфинский's monitoring and interviews in the second group too, as validate reads them
    assert counts["groups"] == {"municipal": 2, "shnor": 6, "control": 4}


def test_indicators_used(region):
    usage = {u["text"]: (u["municipalities"], u["measurable"], u["total"]) for u in indicator_usage(region)}
    assert usage == {
        "Доля ШНОР с утверждённой внутришкольной программой профилактики": (1, 1, 1),
        "Доля педагогов ШНОР, включённых в систему наставничества": (1, 1, 1),
        "Наличие программы": (1, 0, 1),
    }


def test_programmes_per_shnor(region):
    shnor = next(t for t in tables(region) if t.name == "ШНОР")
    assert [(row[0], row[1], row[3], row[4]) for row in shnor.rows] == [
        ("Альфинский район", "МБОУ СОШ № 1", 5, "есть"),  # named in e02, e03 and «все» in e01, e04, e05
        ("Альфинский район", "МКОУ ООШ № 4", 4, "есть"),
        ("Бетинский район", "МБОУ СОШ № 1", 3, "—"),  # e01 by name; e02, e03 by their contingent («ШНОР», «всех ОО»)
        ("Бетинский район", "МБОУ СОШ № 2", 2, "—"),  # Бетинский район sent no programmes: «—», not «нет»
    ]


def test_many_findings_of_one_rule_are_one_reason():
    from neuspeh_cli.review.checklist import _Sheet
    from neuspeh_cli.review.facts import ProblemFact

    found = scan([DATA / "alpha" / "roadmap-2025.yaml"], jobs=1).files[0]
    problems = tuple(
        ProblemFact("dates-unrecognised", "warning", f"дата «{n}» не распознана", 30 + n, 12) for n in range(12)
    )
    item = _Sheet(found._replace(problems=problems)).completeness()
    assert item.status == PARTLY
    # lines 30–41 lie in events 1 (from line 22) and 2 (from line 32)
    assert [r.text for r in item.reasons] == [
        "дата проведения не распознана: № 1, 2 (строки 30, 31, 32, 33, 34, 35, 36, 37, 38, 39…)"
    ]


def test_participation_is_read_as_validate_reads_it(tmp_path):
    """Without «shnor:» the contingent names the ШНОР («всех ОО (в том числе из ШНОР)», «СОШ № 1»), as for validate."""
    text = (DATA / "alpha" / "roadmap-2025.yaml").read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.strip().startswith("shnor:")) + "\n"
    (tmp_path / "roadmap.yaml").write_text(text, encoding="utf-8")
    region = build_region(scan([tmp_path], jobs=1).files)
    [alpha] = region.municipalities
    item = items(alpha)["shnor"]
    assert alpha.roadmap.status == "clean" and item.status == PASSED
    assert [r.text for r in item.reasons] == [
        "все ШНОР (2) участвуют в мероприятиях по своим параметрам",
        "участие ШНОР в 5 мероприятиях прочитано из контингента и места (№ 1, 2, 3, 4, 5)",
    ]
    summary = {row[0]: row[2] for row in tables(region)[0].rows}
    assert summary["ШНОР, участвующих в мероприятиях"] == 1.0


def test_a_long_list_of_reasons_ends_with_where_the_rest_is():
    """The sheet goes to the municipality, which has no review workbook: the rest is in the file's own check."""
    from neuspeh_cli.review.checklist import MAX_REASONS, Reason, _capped

    capped = _capped([Reason(f"причина {n}") for n in range(MAX_REASONS + 3)])
    assert len(capped) == MAX_REASONS + 1
    assert capped[-1].text == "и ещё 3: полный перечень даёт проверка файла («neuspeh validate»)"
