"""`audit init --from`: next year's input audit starts from what the report left open, with last year's document."""

from __future__ import annotations

import shutil

import yaml
from conftest import DATA

from neuspeh_cli.validate import validate_file

REPORT_DIR = DATA / "report"


def _copy(tmp_path, roadmap_change=None, report_change=None, report="report.yaml"):
    roadmap = yaml.safe_load((REPORT_DIR / "roadmap.yaml").read_text(encoding="utf-8"))
    data = yaml.safe_load((REPORT_DIR / report).read_text(encoding="utf-8"))
    if roadmap_change:
        roadmap_change(roadmap)
    if report_change:
        report_change(data)
    (tmp_path / "roadmap.yaml").write_text(
        yaml.safe_dump(roadmap, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    path = tmp_path / "report.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_reduced_risks_and_new_risks_are_carried_marked(cli, tmp_path):
    def risks(d):
        d["risks"] = [
            {
                "parameter": "parents.distancing",
                "schools": ["sosh1"],
                "found": "ноябрь 2025",
                "evidence": "анкетирование родителей",
            }
        ]

    report = _copy(tmp_path, report_change=risks)
    assert validate_file(report).problems == []
    target = tmp_path / "next.yaml"
    result = cli("audit", "init", target, "--from", report)
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    # staffing: sosh3 persists, sosh2 only reduced; parents.distancing: sosh3 grew, sosh1 is a new risk
    assert (
        "— сохраняется: sosh3; снижен, но не устранён: sosh2 — подтвердите новым аудитом (отчёт за 2025 год)\n    "
        "schools: [sosh3, sosh2]\n" in text
    )
    assert (
        "— усилился: sosh3; новый риск (ноябрь 2025): sosh1 (отчёт за 2025 год)\n    schools: [sosh3, sosh1]\n" in text
    )
    # methodical-service.low-qualification was «устранён»: left for the new audit to find again
    assert "  # - parameter: methodical-service.low-qualification" in text
    assert "отмечено 2 параметра" in result.output


def test_school_year_body_approver_and_signature_are_kept(cli, tmp_path):
    def school_year(d):
        d["document"].pop("year")
        d["document"]["period"] = {"start": "сентябрь 2024", "end": "май 2025"}
        d["document"]["body"] = "Управление образования администрации МО Тестовский район"
        d["document"]["approval"] = {
            "position": "Начальник управления образования",
            "name": "А.А. Петрова",
            "date": "30.08.2024",
        }
        dates = {"e1": "Март 2025", "e2": "Октябрь 2024", "mon": "Ноябрь 2024, май 2025", "e5": "Май 2025"}
        for e in d["events"]:
            e["dates"] = dates.get(e["id"], e["dates"])

    def period(d):
        d["period"] = {"start": "сентябрь 2024", "end": "май 2025"}
        d["monitoring"] = d["monitoring"][:1]

    report = _copy(tmp_path, roadmap_change=school_year, report_change=period)
    target = tmp_path / "next.yaml"
    result = cli("audit", "init", target, "--from", report)
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert "  period: {start: сентябрь 2025, end: май 2026}\n" in text and "  year:" not in text
    assert "  body: Управление образования администрации МО Тестовский район\n" in text
    assert '  approval:\n    position: Начальник управления образования\n    name: А.А. Петрова\n    date: ""\n' in text
    assert "  signature:\n    position: Начальник управления образования\n    name: А.А. Петрова\n" in text
    started = validate_file(target)
    assert started.model is not None and started.model.document.span.is_school_year


def test_an_interim_report_without_an_output_audit_is_refused(cli, tmp_path):
    shutil.copy(REPORT_DIR / "roadmap.yaml", tmp_path / "roadmap.yaml")
    shutil.copy(REPORT_DIR / "report-h1.yaml", tmp_path / "report-h1.yaml")
    target = tmp_path / "next.yaml"
    result = cli("audit", "init", target, "--from", tmp_path / "report-h1.yaml")
    assert result.exit_code == 2
    assert (
        "отчёт за I полугодие 2025 года — промежуточный, выходного аудита в нём нет: переносить нечего" in result.output
    )
    assert not target.exists()


def test_an_interim_report_with_results_is_carried_with_a_warning(cli, tmp_path):
    def half_year(d):
        d["period"] = {"start": "январь 2025", "end": "июнь 2025"}
        d["monitoring"] = d["monitoring"][:1]
        d["events"] = [e for e in d["events"] if e["event"] in ("e1",)]

    report = _copy(tmp_path, report_change=half_year)
    result = cli("audit", "init", tmp_path / "next.yaml", "--from", report)
    assert result.exit_code == 0, result.output
    assert (
        "Внимание: отчёт за I полугодие 2025 года — промежуточный; итоги выходного аудита могут измениться к концу "
        "года." in result.output
    )


def test_the_report_document_lists_what_goes_on_to_the_next_audit(tmp_path):
    from neuspeh_cli.document import load_paths
    from neuspeh_cli.render.report import document_context

    def risks(d):
        d["risks"] = [{"parameter": "parents.poor-information", "schools": ["sosh1"], "found": "ноябрь 2025"}]

    (document,) = load_paths([_copy(tmp_path, report_change=risks)])
    rows = document_context(document, None)["next_audit"]
    assert [(r["code"], r["schools"], r["grew"]) for r in rows] == [
        ("1.1.", "СОШ №\u00a02, 3", "сохраняется: СОШ №\u00a03; снижен, но не устранён: СОШ №\u00a02"),
        ("2.1.", "СОШ №\u00a03", "усилился: СОШ №\u00a03"),
        (
            "",
            "СОШ №\u00a01",
            "новый риск (ноябрь 2025): СОШ №\u00a01",
        ),  # not in section I: no code, the catalog's title
    ]
    assert rows[2]["title"].startswith("Слабая информированность родителей")
