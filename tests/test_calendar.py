"""The calendar of the plan: events by months, the ШНОР's load, overloaded months; its Word appendix and HTML table."""

from __future__ import annotations

import io
import zipfile

import pytest
from conftest import EXAMPLES

from neuspeh_cli.domain.calendar import plan_calendar
from neuspeh_cli.domain.roadmap import Roadmap

EXAMPLE = EXAMPLES / "ust-labinsk-2025.yaml"


@pytest.fixture(scope="module")
def example():
    from neuspeh_cli.document import load_one

    return load_one(EXAMPLE)


@pytest.fixture(scope="module")
def calendar(example):
    return plan_calendar(example.model)


def roadmap(events: list[dict], document: dict | None = None) -> Roadmap:
    schools = [
        {"id": "a", "name": "МБОУ СОШ № 1", "shnor": True},
        {"id": "b", "name": "МБОУ СОШ № 2", "shnor": True},
        {"id": "c", "name": "МБОУ СОШ № 3"},
    ]
    return Roadmap.model_validate(
        {"document": document or {"municipality": "Тест", "year": 2025}, "schools": schools, "events": events}
    )


def test_months_of_each_event(calendar):
    rows = {r.event_id: r for r in calendar.rows}
    assert [m for _, m in calendar.months] == list(range(1, 13))
    assert sorted(rows["e04"].months) == [(2025, 4), (2025, 10)]  # «Апрель 2025, октябрь 2025»
    assert sorted(rows["e09"].months) == [(2025, 4), (2025, 5)] and not rows["e09"].background  # «Апрель – май 2025»
    assert len(rows["e18"].months) == 9 and rows["e18"].background  # «Апрель – декабрь 2025»: a season, not a date
    assert rows["e12"].shnor == ("sosh10", "sosh12", "sosh14")
    assert rows["e17"].shnor == ()


def test_overloaded_months_of_the_example(calendar):
    assert [(m.month, m.busiest_count) for m in calendar.overloaded] == [
        ((2025, 4), 5),
        ((2025, 5), 4),
        ((2025, 10), 4),
    ]
    assert calendar.overload_text(calendar.overloaded[0]) == "апрель 2025: у всех ШНОР по 5 мероприятий"
    assert calendar.overload_text(calendar.overloaded[1]) == "май 2025: у СОШ № 10 4 мероприятия"
    may = calendar.load[4]
    assert (may.events, may.shnor_events) == (4, 4)


def test_school_year_quarters_and_undated_events():
    events = [
        {"id": "x1", "name": "Семинар", "dates": "В течение года", "shnor": "все"},
        {"id": "x2", "name": "Совещание", "dates": "март", "shnor": ["a"]},
        {"id": "x3", "name": "Выезды", "dates": "IV квартал 2025", "shnor": ["b"]},
        {"id": "x4", "name": "Консультации", "dates": "По отдельному графику"},
    ]
    calendar = plan_calendar(
        roadmap(events, {"municipality": "Тест", "period": {"start": "сентябрь 2025", "end": "май 2026"}})
    )
    rows = {r.event_id: r for r in calendar.rows}
    assert calendar.months[0] == (2025, 9) and calendar.months[-1] == (2026, 5)
    assert rows["x1"].background and len(rows["x1"].months) == 9
    assert rows["x2"].months == {(2026, 3)}  # a yearless month placed in the school year
    assert sorted(rows["x3"].months) == [(2025, 10), (2025, 11), (2025, 12)]
    assert [r.event_id for r in calendar.undated] == ["x4"]
    # A season of work is no load on one month: nothing is overloaded here.
    assert not calendar.overloaded


def test_four_events_in_a_month_for_one_shnor_overload_it():
    events = [{"id": f"x{i}", "name": f"Событие {i}", "dates": "Май 2025", "shnor": ["a"]} for i in range(4)]
    calendar = plan_calendar(roadmap(events))
    assert [m.month for m in calendar.overloaded] == [(2025, 5)]
    assert calendar.overload_text(calendar.overloaded[0]) == "май 2025: у СОШ № 1 4 мероприятия"
    fewer = plan_calendar(roadmap(events[:3]))
    assert not fewer.overloaded


def test_held_months_from_the_report(example):
    calendar = plan_calendar(example.model, held={"e03": "14.11.2025", "e04": ""})
    rows = {r.event_id: r for r in calendar.rows}
    assert rows["e03"].held == {(2025, 11)} and rows["e04"].held == frozenset() and rows["e05"].held is None


def test_html_table(calendar):
    from neuspeh_cli.render.calendar import calendar_html

    page = calendar_html(calendar)
    assert page.startswith("<style>") and page.count("<tr>") == 1 + 21 + 2
    assert '<th class="over" title="май 2025">май</th>' in page
    assert "Перегруженные месяцы" in page
    assert "<style>" not in calendar_html(calendar, css=False)


def test_build_adds_the_appendix(cli, tmp_path):
    import docx

    result = cli("build", EXAMPLE, "-o", tmp_path, "--no-pdf", "--calendar", "--with-measures")
    assert result.exit_code == 0, result.output
    built = tmp_path / "ust-labinsk-2025.docx"
    document = docx.Document(built)
    texts = [p.text for p in document.paragraphs]
    assert "Приложение 1" in texts and "Приложение 2" in texts
    assert "Календарь мероприятий дорожной карты на 2025\u00a0год" in texts
    table = document.tables[-1]
    assert [c.text for c in table.rows[1].cells[3:]] == [
        "янв.",
        "февр.",
        "март",
        "апр.",
        "май",
        "июнь",
        "июль",
        "авг.",
        "сент.",
        "окт.",
        "нояб.",
        "дек.",
    ]
    assert table.rows[-1].cells[0].text == "Наибольшая нагрузка на одну ШНОР"
    assert [c.text for c in table.rows[-1].cells[3:]] == ["", "", "1", "5", "4", "1", "", "", "2", "4", "3", "2"]
    xml = zipfile.ZipFile(io.BytesIO(built.read_bytes())).read("word/document.xml").decode()
    assert xml.count("<w:sectPr") == 1  # the appendix is inside the document's one section


def test_build_without_the_option_has_no_calendar(cli, tmp_path):
    import docx

    assert cli("build", EXAMPLE, "-o", tmp_path, "--no-pdf").exit_code == 0
    texts = [p.text for p in docx.Document(tmp_path / "ust-labinsk-2025.docx").paragraphs]
    assert not any("Календарь" in t for t in texts)


@pytest.fixture(scope="module")
def calendar_pdf(tmp_path_factory):
    """The example with both appendices, built once to PDF by LibreOffice."""
    from conftest import soffice_or_skip

    from neuspeh_cli.build import BuildOptions, build_files

    soffice_or_skip()
    out = tmp_path_factory.mktemp("calendar")
    report = build_files(
        [EXAMPLE], BuildOptions(out_dir=out, pdf_engine="libreoffice", with_measures=True, calendar=True)
    )
    return report.results[0].pdf


@pytest.mark.pdf
def test_calendar_pages_pass_the_page_test(calendar_pdf):
    from pages import Pdf, latin_problems, page_problems

    pdf = Pdf(calendar_pdf)
    assert page_problems(pdf) == []
    assert latin_problems(pdf.raw) == []
    # The appendix starts on a page of its own, its header repeated on the next one.
    starts = [i for i, page in enumerate(pdf.pages) if "Календарь мероприятий" in page.text]
    assert len(starts) == 1 and "Приложение 2" in pdf.pages[starts[0]].text
    assert all("янв." in page.text for page in pdf.pages[starts[0] :])


def test_review_page_panel(tmp_path):
    """The review's detail panel (opt-in hook): the calendar's load row of each municipality."""
    from neuspeh_cli.review import ReviewOptions, run_review
    from neuspeh_cli.review.calendar_panel import calendar_panel, register
    from neuspeh_cli.review.html import DETAIL_PANELS

    register()
    try:
        run_review([EXAMPLES / "region"], ReviewOptions(out_dir=tmp_path, formats=("html",), cache=False))
    finally:
        DETAIL_PANELS.remove(calendar_panel)
    page = next(tmp_path.glob("*.html")).read_text(encoding="utf-8")
    assert page.count("Календарь плана по месяцам") >= 30
    assert "наибольшая нагрузка на одну ШНОР" in page and "Перегружены: " in page
