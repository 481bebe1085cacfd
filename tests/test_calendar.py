"""The calendar of the plan: events by months, the ШНОР's load, overloaded months; its Word appendix and HTML table."""

from __future__ import annotations

import io
import json
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


def roadmap(events: list[dict], document: dict | None = None, shnor: bool = True) -> Roadmap:
    schools = [
        {"id": "a", "name": "МБОУ СОШ № 1", "shnor": shnor},
        {"id": "b", "name": "МБОУ СОШ № 2", "shnor": shnor},
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
    assert calendar.overload_text(calendar.overloaded[0]) == "апрель 2025: все ШНОР — по 5 мероприятий"
    assert calendar.overload_text(calendar.overloaded[1]) == "май 2025: СОШ № 10 — 4 мероприятия"
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
    assert calendar.overload_text(calendar.overloaded[0]) == "май 2025: СОШ № 1 — 4 мероприятия"
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


# ---------------------------------------------------------------- the report: planned against held

REPORT = EXAMPLES / "ust-labinsk-2025-report.yaml"


@pytest.fixture(scope="module")
def report_calendar(example):
    from neuspeh_cli.domain.report import Report
    from neuspeh_cli.reading.yamlread import read_yaml_file
    from neuspeh_cli.render.report import report_calendar

    return report_calendar(Report.model_validate(read_yaml_file(REPORT).data), example.model)


def test_report_calendar_marks_held_months_and_events_not_held(report_calendar):
    rows = {r.event_id: r for r in report_calendar.rows}
    assert report_calendar.reported
    assert rows["e06"].held == {(2025, 4)} and rows["e06"].months == {(2025, 4)}
    assert rows["e07"].held == {(2025, 9)} and rows["e07"].months == {(2025, 5)}  # held in another month than planned
    assert rows["e03"].missed and rows["e03"].outcome == "перенесено на февраль 2026"
    assert rows["e10"].missed and rows["e10"].outcome == "отменено"
    assert [r.number for r in report_calendar.missed] == [3, 10, 17]
    assert rows["e01"].outcome == "проведено" and not rows["e01"].missed


def test_report_calendar_held_through_the_year_is_the_reports_period(example):
    """«в течение года» held in a report for the I half-year: January – June ticked, not the roadmap's whole year."""
    from neuspeh_cli.domain.report import Report
    from neuspeh_cli.reading.yamlread import read_yaml_file
    from neuspeh_cli.render.report import report_calendar

    data = read_yaml_file(REPORT).data
    data["period"] = {"start": "январь 2025", "end": "июнь 2025"}
    [e08] = [item for item in data["events"] if item["event"] == "e08"]
    e08["held"] = "в течение года"
    rows = {r.event_id: r for r in report_calendar(Report.model_validate(data), example.model).rows}
    assert rows["e08"].held == {(2025, month) for month in range(1, 7)}
    # A date written out stays where it is (validate warns about it): outside the columns of the period, named below.
    assert rows["e07"].held == frozenset() and rows["e07"].held_beyond == {(2025, 9)}


def test_report_calendar_marks_an_overdue_event_not_started_as_not_held(example):
    """«не начато» with its term over by the end of the report's period is not held, as «report-overdue» reads it;
    one whose term runs on past the period is not yet."""
    from neuspeh_cli.domain.report import Report
    from neuspeh_cli.reading.yamlread import read_yaml_file
    from neuspeh_cli.render.calendar import notes
    from neuspeh_cli.render.report import report_calendar

    data = read_yaml_file(REPORT).data
    data["period"] = {"start": "январь 2025", "end": "июнь 2025"}
    for item in data["events"]:
        if item["event"] in ("e12", "e16", "e18"):  # May 2025; December 2025; April – December 2025
            item.update(status="не начато", held="")
    calendar = report_calendar(Report.model_validate(data), example.model)
    rows = {r.event_id: r for r in calendar.rows}
    assert rows["e12"].missed and rows["e12"].outcome == "не начато"
    assert not rows["e16"].missed and not rows["e18"].missed
    assert "№ 12 (не начато)" in next(line for line in notes(calendar) if line.startswith("Не проведены: "))


def _school_year_report(events: list[dict], period: dict):
    """A roadmap for September 2025 – August 2026 (the August conference is in it) and its report for ``period``."""
    from neuspeh_cli.domain.report import Report
    from neuspeh_cli.render.report import report_calendar

    term = {"municipality": "Тест", "period": {"start": "сентябрь 2025", "end": "август 2026"}}
    plan = roadmap([{k: v for k, v in e.items() if k in ("id", "name", "dates")} for e in events], term)
    items = [{"event": e["id"], **{k: v for k, v in e.items() if k in ("status", "held")}} for e in events]
    report = Report.model_validate({"kind": "report", "roadmap": "x.yaml", "period": period, "events": items})
    return report_calendar(report, plan)


def test_report_calendar_shows_the_reports_months_and_names_what_lies_beyond():
    """A report for September – May has no fact for June – August: no columns for them; an event planned only there
    is named under the table, not dropped; one held there is named too."""
    from neuspeh_cli.render.calendar import appendix_title, calendar_html, notes

    calendar = _school_year_report(
        [
            {"id": "e1", "name": "Семинар", "dates": "Октябрь 2025", "status": "проведено", "held": "15.10.2025"},
            {"id": "e2", "name": "Августовская конференция", "dates": "август 2026", "status": "не начато"},
            {"id": "e3", "name": "Совещание", "dates": "май 2026", "status": "проведено", "held": "05.06.2026"},
        ],
        {"start": "сентябрь 2025", "end": "май 2026"},
    )
    assert calendar.months[0] == (2025, 9) and calendar.months[-1] == (2026, 5) and len(calendar.load) == 9
    assert appendix_title(calendar) == "Календарь мероприятий дорожной карты: план и факт за 2025/2026 учебный год"
    assert [r.number for r in calendar.beyond] == [2] and not calendar.undated
    lines = notes(calendar)
    assert "Срок вне отчётного периода (в таблице без отметок): № 2 (август 2026)." in lines
    assert "Проведены вне отчётного периода (в таблице не отмечены): № 3 (июнь 2026)." in lines
    assert "июнь" not in calendar_html(calendar, css=False).split("</thead>")[0]


def test_report_calendar_marks_an_event_held_late():
    """Held after its planned month: the ✓ on yellow, «проведено позже срока» in the outcome, and a line saying when it
    was planned and when held. Held early, in its month or through a season of work is not late."""
    from neuspeh_cli.render.calendar import calendar_html, notes, outcome_cell

    calendar = _school_year_report(
        [
            {"id": "e1", "name": "Семинар", "dates": "Октябрь 2025", "status": "проведено", "held": "12.12.2025"},
            {"id": "e2", "name": "Совещание", "dates": "Ноябрь 2025", "status": "проведено", "held": "10.10.2025"},
            {"id": "e3", "name": "Выезды", "dates": "В течение года", "status": "проведено", "held": "март 2026"},
            {"id": "e4", "name": "Форум", "dates": "Март 2026", "status": "проведено", "held": "март 2026"},
            {
                "id": "e5",
                "name": "Выезды",
                "dates": "Сентябрь – декабрь 2025",
                "status": "проведено",
                "held": "02.2026",
            },
        ],
        {"start": "сентябрь 2025", "end": "май 2026"},
    )
    assert [r.number for r in calendar.late] == [1, 5]  # a season of work is late too when held after it
    assert outcome_cell(calendar.rows[0]) == "проведено позже срока" and outcome_cell(calendar.rows[1]) == "проведено"
    assert (
        "Проведены позже срока: № 1 (план — октябрь 2025, проведено — декабрь 2025); № 5 (план — сентябрь – декабрь "
        "2025, проведено — февраль 2026)."
    ) in notes(calendar)
    assert "«✓» на жёлтом — проведено позже планового месяца" in notes(calendar)[-1]
    page = calendar_html(calendar, css=False)
    assert page.count('class="m l">✓<') == 2 and "<td>проведено позже срока</td>" in page


@pytest.mark.parametrize(
    ("start", "end", "title"),
    [
        ("январь 2025", "декабрь 2025", "Календарь мероприятий дорожной карты на 2025 год"),
        ("сентябрь 2025", "август 2026", "Календарь мероприятий дорожной карты на 2025/2026 учебный год"),
        ("февраль 2025", "декабрь 2025", "Календарь мероприятий дорожной карты: февраль 2025 – декабрь 2025"),
    ],
)
def test_calendar_title_names_the_term_as_the_roadmaps_heading(start, end, title):
    from neuspeh_cli.render.calendar import appendix_title

    document = {"municipality": "Тест", "period": {"start": start, "end": end}}
    term = roadmap([{"id": "e1", "name": "Семинар", "dates": "Октябрь 2025"}], document=document)
    assert appendix_title(plan_calendar(term)) == title


def test_report_calendar_html_shows_the_outcome_and_what_was_not_held(report_calendar):
    from neuspeh_cli.render.calendar import calendar_html

    page = calendar_html(report_calendar, css=False)
    assert "<th>Итог по отчёту</th>" in page and "<td>перенесено на февраль 2026</td>" in page
    assert page.count('class="m x">✗<') == 3  # e03, e10, e17: each planned in one month
    assert "Не проведены: № 3 (перенесено на февраль 2026); № 10 (отменено); № 17 (перенесено на март 2026)." in page
    assert '<td colspan="4">Мероприятий с датой в месяце</td>' in page


def _document_text(path) -> tuple[list[str], list]:
    import docx

    document = docx.Document(path)
    return [p.text for p in document.paragraphs], document.tables


def test_report_has_the_calendar_by_default(cli, tmp_path):
    result = cli("build", REPORT, "-o", tmp_path, "--no-pdf")
    assert result.exit_code == 0, result.output
    texts, tables = _document_text(tmp_path / "ust-labinsk-2025-report.docx")
    assert "Календарь мероприятий дорожной карты: план и факт за 2025\u00a0год" in texts
    assert any("Календарь мероприятий по месяцам (план и факт) приведён в приложении." in t for t in texts)
    table = tables[-1]
    assert [c.text for c in table.rows[0].cells[:4]] == ["№", "Мероприятие", "Сроки", "Итог по отчёту"]
    row_e03 = [c.text for c in table.rows[2 + 2].cells]  # two header rows, then № 1, 2, 3
    assert row_e03[3].replace("\u00a0", " ") == "перенесено на февраль 2026"
    assert row_e03[4 + 9] == "✗"  # planned for October, not held
    marks = [c.text for row in table.rows[2:-2] for c in row.cells[4:]]
    assert marks.count("✗") == 3 and marks.count("✓") == 32


def test_report_without_the_calendar(cli, tmp_path):
    assert cli("build", REPORT, "-o", tmp_path, "--no-pdf", "--no-calendar").exit_code == 0
    texts, tables = _document_text(tmp_path / "ust-labinsk-2025-report.docx")
    assert not any("алендар" in t for t in texts)
    assert tables[-1].style.style_id == "PlainTable"  # the signature ends the document


@pytest.mark.pdf
def test_report_calendar_pages(example_builds):
    """The report's appendix in the page test's build (tests/test_pages.py checks its orphans and Latin): on pages of
    its own, headed on each, with the marks printed."""
    from pages import Pdf

    pdf = Pdf(example_builds["ust-labinsk-2025-report.yaml"].pdf)
    starts = [i for i, page in enumerate(pdf.pages) if "Календарь мероприятий дорожной карты" in page.text]
    assert len(starts) == 1 and pdf.pages[starts[0]].text.lstrip().split("\n")[1:2] == ["Приложение"]
    appendix = pdf.pages[starts[0] :]
    assert all("Итог по отчёту" in page.text and "янв." in page.text for page in appendix)
    text = "".join(page.text for page in appendix)
    assert text.count("✗") == 3 + 1 and "Не проведены: № 3" in text  # three cells and the legend


# ---------------------------------------------------------------- the review's page


def test_page_script_words_the_notes_as_the_domain_does():
    """The page's script words «месяц год: школы — по N мероприятий» from the numbers; its plural rule is the
    domain's (``events_word``) for every count a month can have."""
    import shutil
    import subprocess

    from neuspeh_cli.domain.calendar import events_word
    from neuspeh_cli.review.html import SCRIPT

    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    rule = next(line for line in SCRIPT.splitlines() if line.startswith("function word(n)"))
    words = [events_word(1), events_word(2), events_word(5)]
    program = (
        f"var data={{calendar:{{words:{words!r}}}}};{rule}console.log(JSON.stringify([...Array(130).keys()].map(word)))"
    )
    out = subprocess.run([node, "-e", program], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == [events_word(n) for n in range(130)]


def test_worker_counts_the_calendar(example):
    from neuspeh_cli.review.facts import CALENDAR_KEY
    from neuspeh_cli.review.loading import process_file

    load = process_file(EXAMPLE).extra[CALENDAR_KEY]
    assert (load.year, load.month) == (2025, 1)
    assert load.busiest == "0,0,1,5,4,1,0,0,2,4,3,2"  # as the roadmap's appendix counts it
    assert (
        load.overloaded == "3,4,9"
        and load.schools == "все ШНОР\nСОШ № 10\nСОШ № 14\tООШ № 19\tООШ № 23\tВолошинская СОШ"
    )


def test_review_page_calendar_is_drawn_from_cached_facts(tmp_path, monkeypatch):
    """On by default; a review of cached files draws it without reading a single event back."""
    import re

    from neuspeh_cli.review import ReviewOptions, run_review
    from neuspeh_cli.review.codec import _PackedEvents
    from neuspeh_cli.review.facts import Events

    options = ReviewOptions(out_dir=tmp_path / "first", formats=("html",), cache_dir=tmp_path / "cache")
    run_review([EXAMPLES / "region"], options)

    def unpacked(self):
        raise AssertionError("a review of cached files read the events back")

    # The whole second review: since item 7's regional events come from the worker (checklist.REGIONAL_KEY), nothing
    # in a review of cached files unpacks the events, the calendar included.
    monkeypatch.setattr(Events, "_all", unpacked)
    monkeypatch.setattr(_PackedEvents, "_all", unpacked)
    options = ReviewOptions(out_dir=tmp_path / "second", formats=("html",), cache_dir=tmp_path / "cache")
    result = run_review([EXAMPLES / "region"], options)
    assert result.loaded == 0 and result.reused > 100  # every file from the cache
    page = next((tmp_path / "second").glob("*.html")).read_text(encoding="utf-8")
    payload = re.search(r'<script type="application/json" id="details">(.*?)</script>', page, re.S).group(1)
    data = json.loads(payload.replace("<\\/", "</"))
    calendars = [m["calendar"] for m in data["municipalities"] if "calendar" in m]
    assert len(calendars) >= 30 and data["calendar"]["title"] == "Календарь плана по месяцам"
    # a month's events and its busiest ШНОР; no load row where the roadmap names no ШНОР (some of the region)
    assert all(len(c[2]) == len(c[3]) > 0 for c in calendars if c[3] is not None)
    assert 0 < sum(c[3] is None for c in calendars) < len(calendars) // 2
    assert {(c[0], c[1], len(c[2])) for c in calendars} >= {(2025, 1, 12)}
    assert any(c[4] and len(c[5]) == len(c[4]) for c in calendars)  # overloaded months, each with its ШНОР named
    assert data["calendar"]["words"] == ["мероприятие", "мероприятия", "мероприятий"]
    assert "function calendar(c)" in page and "m.calendar" in page  # the script draws it


def test_page_texts_do_not_load_the_models():
    """A repeated review never loads pydantic and the models (its files come from the cache): the calendar's page
    texts must not bring them in (domain.calendar named ``Roadmap`` at import: +0.1 s to every repeated review)."""
    import subprocess
    import sys

    program = (
        "import sys\nfrom neuspeh_cli.review.calendar_panel import page_texts\npage_texts()\n"
        "print(sorted(m for m in ('pydantic', 'neuspeh_cli.domain.roadmap') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_page_script_heads_the_first_month_and_each_january_with_its_year():
    import shutil
    import subprocess

    from neuspeh_cli.domain.calendar import MONTH_SHORT
    from neuspeh_cli.review.html import SCRIPT

    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    rule = next(line for line in SCRIPT.splitlines() if line.startswith("function monthHead(c,k)"))
    program = (
        f"var data={{calendar:{{short:{list(MONTH_SHORT)!r}}}}};{rule}"
        "var c=[2025,9,[0,0,0,0,0,0,0,0,0]];"
        "console.log(JSON.stringify(c[2].map(function(_,k){return monthHead(c,k);})))"
    )
    out = subprocess.run([node, "-e", program], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == ["сент. 2025", "окт.", "нояб.", "дек.", "янв. 2026", "февр.", "март", "апр.", "май"]


def test_a_year_without_shnor_has_no_row_of_the_busiest_shnor():
    """A year without ШНОР printed «Наибольшая нагрузка на одну ШНОР» over a row of blank cells."""
    from neuspeh_cli.render.calendar import appendix_xml, calendar_html

    events = [{"id": "x1", "name": "Семинар", "dates": "Май 2025"}]
    without = plan_calendar(roadmap(events, {"municipality": "Тест", "year": 2025}, shnor=False))
    assert without.shnor_count == 0
    assert "Наибольшая нагрузка" not in appendix_xml(without) and "Наибольшая нагрузка" not in calendar_html(without)
    assert "Мероприятий с датой в месяце" in appendix_xml(without)
    assert "Наибольшая нагрузка" in appendix_xml(plan_calendar(roadmap(events)))
