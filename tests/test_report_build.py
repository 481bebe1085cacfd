"""`neuspeh build report.yaml`: the Word report, its charts, the template, reproducibility; and the whole yearly
cycle.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile

import pytest
import yaml
from conftest import DATA, EXAMPLES
from docx import Document

from neuspeh_cli.build import BuildOptions, build_files
from neuspeh_cli.errors import BuildError

EXAMPLE = EXAMPLES / "ust-labinsk-2025-report.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def example_docx(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    report = build_files([EXAMPLE], BuildOptions(out_dir=out, pdf_engine="none"))
    assert not report.refused, report.results[0].problems
    return report.results[0].docx


def _text(path) -> str:
    doc = Document(path)
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


def test_title_and_sections(example_docx):
    text = _text(example_docx)
    for line in (
        "Отчёт",
        "о реализации муниципальной дорожной карты по профилактике учебной неуспешности",
        "в муниципальном образовании Усть-Лабинский район",
        "за 2025\u00a0год",
        "1. Выполнение мероприятий дорожной карты",
        "2. Оценка эффективности профилактики (критерии методических рекомендаций)",
        "3. Показатели качества внутришкольных систем профилактики учебной неуспешности по школам",
        "4. Выходной аудит: итоги по параметрам раздела I и школам",
        "5. Коррекция дорожной карты",
        "6. К входному аудиту следующего периода",
    ):
        assert line in text.splitlines(), line


def test_plan_versus_fact(example_docx):
    table = Document(example_docx).tables[1]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert len(rows) == 1 + 21
    moved = rows[3]
    # the same non-breaking spaces as in the roadmap: «№ 2», «срок — », «2026 года»
    assert (
        moved[0] == "3"
        and moved[4] == "Перенесено"
        and moved[5].startswith("новый срок\u00a0— Февраль 2026; МАОУ гимназия №\u00a02 закрыта")
    )
    held = rows[1]
    assert held[4] == "Проведено" and held[6] == "41 (руководители\u00a0— 34, специалисты\u00a0— 7)"
    assert held[7] == "12: СОШ №\u00a010, 12, 14; ООШ №\u00a019, 23; Волошинская СОШ"
    assert held[8] == "33 из 36 (91,7\u00a0%)"
    cancelled = rows[10]  # nothing held: no blank cell that looks forgotten
    assert cancelled[4] == "Отменено" and cancelled[6:] == ["—", "—", "—", "—"]


def test_criteria_with_formulas(example_docx):
    rows = [[c.text for c in row.cells] for row in Document(example_docx).tables[2].rows]
    assert [r[1] for r in rows[1:]] == ["1.1", "1.2", "2.1", "2.2"]
    assert [r[4] for r in rows[1:]] == ["982\u00a0участия", "86,1\u00a0%", "6,2\u00a0%", "69\u00a0%"]
    # each detail is its own paragraph, and no YAML key is printed
    details = Document(example_docx).tables[2].rows[1].cells[5].paragraphs
    assert [p.text for p in details][
        -1
    ] == "Динамика и сохранность: отчёт за предыдущий период не указан\u00a0— сравнивать не с чем."
    assert "(previous)" not in _text(example_docx)
    assert (
        rows[1][0] == "Интенсивность профилактической работы"
        and rows[3][0] == "Эффективность влияния профилактики на её адресатов"
    )
    # a group's cell is merged over its criteria, so a group is never cut from its name
    tcs = [tr.findall(f"{W}tc")[0] for tr in Document(example_docx).tables[2]._tbl.findall(f"{W}tr")]
    assert [tc.find(f"{W}tcPr/{W}vMerge").get(f"{W}val", "continue") for tc in tcs[1:]] == [
        "restart",
        "continue",
        "restart",
        "continue",
    ]
    assert rows[2][3].startswith("Восприятие = число участников, оценивших мероприятия положительно")


def test_corrections_and_next_audit(example_docx):
    text = _text(example_docx)
    assert "Добавлено" in text and "Консультации учителей математики" in text
    assert (
        "В раздел I дорожной карты следующего периода переходят параметры, по которым риск сохраняется, усилился или "
        "снижен" in text
    )
    # section 6 lists what `audit init --from` marks: persisting, grown and reduced risks with their outcome
    table = next(t for t in Document(example_docx).tables if t.rows[0].cells[-1].text.startswith("Итог выходного"))
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[-1] == [
        "6.1.",
        "Низкий уровень квалификации специалистов УО и ТМС",
        "УО, ТМС",
        "снижен, но не устранён (УО, ТМС)",
    ]
    assert rows[-3][3] == "сохраняется: СОШ №\u00a012; снижен, но не устранён: СОШ №\u00a014"


def test_header_rows_repeat(example_docx):
    doc = Document(example_docx)
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    tables = [t for t in doc.tables if t.style.style_id != "PlainTable"]  # all but the signature
    assert len(tables) == len(doc.tables) - 1
    for table in tables:  # the calendar appendix too
        assert table.rows[0]._tr.find(f"{w}trPr/{w}tblHeader") is not None


def test_named_styles_carry_the_look(example_docx):
    """The roadmap's styles and a few of the report's own; section titles are headings (Word's navigation, PDF
    bookmarks).
    """
    doc = Document(example_docx)
    used = {p.style.name for p in doc.paragraphs}
    assert {
        "Заголовок документа",
        "Текст под заголовком документа",
        "Heading 1",
        "Heading 2",
        "Заголовок 1 с новой страницы",
        "Рисунок",
        "Подпись рисунка",
    } <= used
    cells = {p.style.name for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs}
    assert {
        "Шапка таблицы",
        "Текст таблицы",
        "Текст таблицы по центру",
        "Текст таблицы: формула",
        "Подпись",
        "Подпись: инициалы и фамилия",
    } <= cells
    assert not [
        r.text
        for p in doc.paragraphs
        for r in p.runs
        if r.bold is not None or r.italic is not None or r.font.size is not None
    ]
    assert doc.styles["Заголовок 1 с новой страницы"].base_style.name == "Heading 1"


def test_document_properties_come_from_the_data(example_docx):
    from lxml import etree

    root = etree.fromstring(zipfile.ZipFile(example_docx).read("docProps/core.xml"))
    core = {child.tag.split("}")[1]: child.text or "" for child in root}
    assert (
        core["title"]
        == "Отчёт о реализации муниципальной дорожной карты по профилактике учебной неуспешности в муниципальном "
        "образовании Усть-Лабинский район за 2025 год"
    )
    assert (
        core["creator"]
        == core["lastModifiedBy"]
        == "Управление образования администрации муниципального образования Усть-Лабинский район"
    )
    assert core["language"] == "ru-RU"
    assert (
        core["created"] == core["modified"] == "2025-12-22T00:00:00Z"
    )  # document.date of the report, not the build time


def test_without_a_date_the_report_is_dated_by_the_end_of_its_period(tmp_path):
    for name in ("roadmap.yaml", "report-h1.yaml"):
        shutil.copy(DATA / "report" / name, tmp_path / name)
    path = tmp_path / "report-h1.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.setdefault("document", {})["date"] = ""
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    docx = build_files([path], BuildOptions(out_dir=tmp_path / "out", pdf_engine="none", force=True)).results[0].docx
    core = zipfile.ZipFile(docx).read("docProps/core.xml").decode()
    assert '<dcterms:created xsi:type="dcterms:W3CDTF">2025-06-30T00:00:00Z</dcterms:created>' in core
    assert "за I полугодие 2025 года</dc:title>" in core


def test_same_input_same_bytes(tmp_path):
    first = build_files([EXAMPLE], BuildOptions(out_dir=tmp_path / "a", pdf_engine="none")).results[0].docx
    second = build_files([EXAMPLE], BuildOptions(out_dir=tmp_path / "b", pdf_engine="none")).results[0].docx
    assert first.read_bytes() == second.read_bytes()


def test_charts_are_reproducible_native_charts():
    from neuspeh_cli.render import charts

    args = (["руководители", "педагоги"], [("за I полугодие 2025 года", [3, 4]), ("за 2025 год", [10, 12])])
    one, two = charts.participants_chart(*args), charts.participants_chart(*args)
    assert one == two and one.startswith(b"<?xml") and b"<c:chartSpace" in one
    outcomes = charts.outcomes_chart(
        ["1.1.", "1.2."], [[1, 2, 0, 0], [0, 0, 1, 1]], ["устранён", "снижен", "сохраняется", "усилился"]
    )
    assert outcomes == charts.outcomes_chart(
        ["1.1.", "1.2."], [[1, 2, 0, 0], [0, 0, 1, 1]], ["устранён", "снижен", "сохраняется", "усилился"]
    )


def _chart_facts(xml: bytes) -> dict:
    from lxml import etree

    root = etree.fromstring(xml)
    ns = {
        "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
        "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    }
    sizes = [int(x) / 100 for x in root.xpath("//a:defRPr/@sz | //a:rPr/@sz", namespaces=ns)]
    return {
        "max": [float(x) for x in root.xpath("//c:valAx/c:scaling/c:max/@val", namespaces=ns)],
        "sizes": sizes,
        "rotations": set(root.xpath("//a:bodyPr/@rot", namespaces=ns)),
        "fills": root.xpath("//c:ser/c:spPr/a:pattFill/@prst | //c:dPt/c:spPr/a:pattFill/@prst", namespaces=ns),
    }


def test_indicator_chart_is_scaled_to_its_data_and_legible():
    """A 14 → 8 % indicator is not drawn on a 0–100 axis; text is 7 pt or more and horizontal; ШНОР bars are hatched."""
    from neuspeh_cli.render import charts

    panel = {
        "title": "Доля обучающихся с неудовлетворительными отметками",
        "unit": "%",
        "baseline": 14,
        "target": 8,
        "schools": ["СОШ № 1", "СОШ № 2", "Волошинская СОШ"],
        "first": [14, 12, None],
        "last": [10, 9, 13],
        "shnor": [False, True, False],
    }
    facts = _chart_facts(charts.indicator_chart(panel))
    assert facts["max"] == [15.0]  # values up to 14: an axis to 15 by 5, not to 100
    assert min(facts["sizes"]) >= 7 and facts["rotations"] == {"0"}
    assert facts["fills"] == ["wdUpDiag"]  # the one ШНОР bar
    assert (
        charts.nice_axis([100]) == (125, 25)
        and charts.nice_axis([330]) == (400, 100)
        and charts.nice_axis([3]) == (4, 1)
    )
    assert charts.school_label_pt(["Волошинская СОШ"] * 15) == 7.5 and charts.school_label_pt(["СОШ № 1"] * 5) == 9


def test_charts_in_the_document_are_native_with_alt_text(example_docx):
    from lxml import etree

    archive = zipfile.ZipFile(example_docx)
    names = archive.namelist()
    assert not [n for n in names if n.startswith("word/media/")]
    parts = sorted(n for n in names if n.startswith("word/charts/chart"))
    assert len(parts) == 1 + 6 + 1  # participations, one per quality indicator, the outcomes
    document = etree.fromstring(archive.read("word/document.xml"))
    wp = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
    described = [d.get("descr") for d in document.iter(f"{wp}docPr")]
    assert len(described) == 8 and all(described)
    assert described[0].startswith(
        "Участия в проведённых мероприятиях по категориям: за 2025 год — руководители 165, педагоги 303"
    )
    assert described[1].startswith(
        "Доля ШНОР с утверждённой внутришкольной программой профилактики учебной неуспешности"
    )
    assert (
        "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
        in archive.read("[Content_Types].xml").decode()
    )


def test_outcomes_chart_of_a_long_section_one_is_cut_into_sheets_that_fit_a_page():
    """A chart taller than the page would be cut at its edge: 62 parameters make several sheets, «Рисунок 3, лист 2» and
    on.
    """
    from neuspeh_cli.render.charts import outcome_rows_per_chart
    from neuspeh_cli.render.report import FIGURE_PAGE_MM, TEXT_HEIGHT, outcome_sheets

    labels = [f"{i}.1. Параметр раздела I номер {i}" for i in range(62)]
    sheets = outcome_sheets(labels, [[1, 1, 0, i % 3] for i in range(62)])
    per_sheet = outcome_rows_per_chart(TEXT_HEIGHT - FIGURE_PAGE_MM)
    count = -(-62 // per_sheet)
    assert [s["sheet"] for s in sheets] == [f", лист {k}" for k in range(1, count + 1)]
    assert all(s["picture"].height_mm <= TEXT_HEIGHT - FIGURE_PAGE_MM for s in sheets)
    assert all(_chart_facts(s["picture"].xml)["max"] == [4.0] for s in sheets)  # one scale for all sheets
    (single,) = outcome_sheets(labels[:9], [[1, 2, 0, 0]] * 9)
    assert single["sheet"] == ""


def test_no_plotting_library_is_imported_to_build_a_report(tmp_path):
    code = (
        "import sys; from pathlib import Path; from neuspeh_cli.build import build_files, BuildOptions; "
        f"build_files([Path({str(EXAMPLE)!r})], BuildOptions(out_dir=Path({str(tmp_path)!r}), pdf_engine='none')); "
        "print('matplotlib' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip().splitlines()[-1] == "False", done.stderr


def test_build_refuses_a_report_with_errors_and_force_needs_the_roadmap(tmp_path):
    data = yaml.safe_load((DATA / "report" / "report.yaml").read_text(encoding="utf-8"))
    data["roadmap"] = "nowhere.yaml"
    path = tmp_path / "report.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    refused = build_files([path], BuildOptions(out_dir=tmp_path, pdf_engine="none"))
    assert refused.refused and {p.rule for p in refused.results[0].problems} == {"report-roadmap"}
    with pytest.raises(BuildError, match="без дорожной карты отчёт не собрать"):
        build_files([path], BuildOptions(out_dir=tmp_path, pdf_engine="none", force=True))
    assert not (tmp_path / "report.docx").exists()


def test_previous_report_adds_dynamics_and_a_second_period_to_the_chart(tmp_path):
    for name in ("roadmap.yaml", "report.yaml", "report-h1.yaml"):
        shutil.copy(DATA / "report" / name, tmp_path / name)
    path = tmp_path / "report.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "roadmap: roadmap.yaml\n", "roadmap: roadmap.yaml\nprevious: report-h1.yaml\n"
        ),
        encoding="utf-8",
    )
    docx = build_files([path], BuildOptions(out_dir=tmp_path / "out", pdf_engine="none")).results[0].docx
    text = _text(docx)
    assert "24\u00a0участия (+166,7\u00a0%)" in text
    assert (
        "Рисунок 1. Участия в проведённых мероприятиях по категориям (за I полугодие 2025\u00a0года и за 2025\u00a0год)"
        in text
    )


# ---------------------------------------------------------------- the whole cycle


def _fill_from_example(scaffold_path):
    """Fill a fresh scaffold with the example's facts, through ruamel so the scaffold's comments stay."""
    from ruamel.yaml import YAML

    example = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    rt = YAML(typ="rt")
    rt.width = 100_000
    rt.indent(mapping=2, sequence=4, offset=2)
    data = rt.load(scaffold_path.read_text(encoding="utf-8"))
    facts = {e["event"]: e for e in example["events"]}
    for item in data["events"]:
        for key, value in facts[item["event"]].items():
            if isinstance(value, dict) and key in item:
                item[key].clear()
                item[key].update(value)
            else:
                item[key] = value
    data["monitoring"] = example["monitoring"]
    results = {(o["parameter"], c["school"]): c for o in example["outcomes"] for c in o.get("schools", [])}
    for outcome, theirs in zip(data["outcomes"], example["outcomes"]):
        for cell in outcome.get("schools", []):
            cell.update(results[(outcome["parameter"], cell["school"])])
        if "result" in theirs:
            outcome["result"], outcome["evidence"] = theirs["result"], theirs["evidence"]
    data["corrections"] = example["corrections"]
    buffer = io.StringIO()
    rt.dump(data, buffer)
    scaffold_path.write_text(buffer.getvalue(), encoding="utf-8")


def test_roadmap_to_report_to_next_years_audit(cli, tmp_path):
    roadmap = tmp_path / "ust-labinsk-2025.yaml"
    shutil.copy(EXAMPLES / "ust-labinsk-2025.yaml", roadmap)
    report = tmp_path / "report.yaml"
    assert cli("report", "init", roadmap, "-o", report).exit_code == 0
    fresh = cli("validate", report)
    assert fresh.exit_code == 1 and "[report-status-missing]" in fresh.output

    _fill_from_example(report)
    checked = cli("validate", report)
    assert checked.exit_code == 0, checked.output

    from neuspeh_cli.domain.effectiveness import criteria
    from neuspeh_cli.domain.report import linked_path
    from neuspeh_cli.report_links import load_linked
    from neuspeh_cli.validate import validate_file

    loaded = validate_file(report)
    road, _ = load_linked(linked_path(report, loaded.model.roadmap), "roadmap")
    assert [c.value for c in criteria(loaded.model, road.model)] == [982, 86.1, 6.2, 69.0]

    built = cli("build", report, "-o", tmp_path / "out", "--no-pdf")
    assert built.exit_code == 0, built.output
    assert (tmp_path / "out" / "report.docx").exists()

    following = tmp_path / "ust-labinsk-2026.yaml"
    started = cli("audit", "init", following, "--from", report)
    assert started.exit_code == 0, started.output
    # 8 parameters persist or grew; the ninth, 6.1 of УО and ТМС, is only «снижен» and is carried, marked, too
    assert (
        "Из отчёта за прошлый период отмечено 9 параметров, по которым риск сохраняется, усилился, снижен"
        in started.output
    )
    text = following.read_text(encoding="utf-8")
    assert "  year: 2026\n" in text and "  municipality: Усть-Лабинский район\n" in text
    assert "  body: Управление образования администрации муниципального образования Усть-Лабинский район\n" in text
    assert "  signature:\n    position: Начальник управления образования" in text
    assert "  - {id: sosh10, name: МБОУ «СОШ № 10», shnor: true}\n" in text
    assert "    schools: [sosh12, sosh14, sosh10]\n" in text
    assert (
        "— сохраняется: sosh12; усилился: sosh14; снижен, но не устранён: sosh10 — подтвердите новым аудитом (отчёт "
        "за 2025 год)" in text
    )
    assert (
        "    title: Расхождение между результатами внутришкольного и внешнего оценивания (ВПР по математике и "
        "русскому языку в 5–7 классах)\n" in text
    )
    next_year = validate_file(following)
    assert next_year.model is not None
    assert [f.ref for f in next_year.model.audit] == [
        "equipment.digital-equipment",
        "equipment.internet",
        "contingent.low-income",
        "professional-development.post-course-support",
        "professional-development.mentoring",
        "internal-assessment.result-discrepancy",
        "parents.poor-information",
        "parents.distancing",
        "methodical-service.low-qualification",
    ]


def test_audit_init_from_something_else_is_refused(cli, tmp_path):
    result = cli("audit", "init", tmp_path / "x.yaml", "--from", EXAMPLES / "ust-labinsk-2025.yaml")
    assert result.exit_code == 2
    assert "--from ждёт отчёт о реализации дорожной карты (kind: report), а это roadmap" in result.output
    assert not (tmp_path / "x.yaml").exists()


def test_many_schools_share_an_indicator_over_sheets_of_one_scale(monkeypatch):
    """More schools than fit under one chart: the indicator's chart is cut into sheets («Рисунок 2.1, лист 2») on one
    axis.
    """
    from neuspeh_cli.document import load_paths
    from neuspeh_cli.render import report as render

    monkeypatch.setattr(render, "SCHOOLS_PER_CHART", 4)
    (document,) = load_paths([EXAMPLE])
    context = render.document_context(document, None)
    figures = context["charts"]["indicators"]
    assert len(figures) == 6 * 4  # 15 schools: sheets of 4, 4, 4, 3
    assert [f["caption"].split(".")[1] for f in figures[:4]] == ["1, лист 1", "1, лист 2", "1, лист 3", "1, лист 4"]
    assert (
        len({_chart_facts(f["chart"].xml)["max"][0] for f in figures[4:8]}) == 1
    )  # one scale for an indicator's sheets
    assert context["indicator_figures"] == "рисунках 2.1–2.6"


def test_schools_with_register_names_are_labelled_short():
    """28 schools named as a register writes them made the indicator tables 60 pages (six lines a row) and the
    labels under the bars five lines each: a long name is labelled by its short name, without «имени …»."""
    from neuspeh_cli.domain.catalog import load_catalog
    from neuspeh_cli.domain.report import linked_path
    from neuspeh_cli.render.report import report_context
    from neuspeh_cli.report_links import load_linked
    from neuspeh_cli.validate import validate_file

    report = validate_file(EXAMPLE).model
    roadmap = load_linked(linked_path(EXAMPLE, report.roadmap), "roadmap")[0].model
    school = next(s for s in roadmap.schools if s.id == "sosh12")
    school.name = (
        "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 12 имени "
        "Героя Советского Союза Ивана Васильевича Панфилова» муниципального образования Усть-Лабинский район"
    )
    context = report_context(report, roadmap, load_catalog(None), with_charts=False)
    labels = {row["school"] for group in context["indicators"] for row in group["rows"]}
    assert "СОШ №\u00a012 (ШНОР)" in labels and "МБОУ лицей №\u00a01" in labels  # a short name stays as written
    assert not any("имени" in label for label in labels)
    assert "СОШ №\u00a012 (ШНОР)" in {c["school"] for c in context["conclusions"]}
