"""The review page in a real browser (Chromium from Debian, headless): it renders, draws a municipality's details, logs
no error.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from neuspeh_cli.review import ReviewOptions, run_review

DATA = Path(__file__).parent / "data" / "review"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("page")
    run_review([DATA], ReviewOptions(out, expected=DATA / "register.txt", formats=("html",), cache=False, jobs=1))
    return out / "свод.html"


def chromium(tmp_path: Path, url: str, *flags: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        *flags,
        url,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def console_errors(stderr: str) -> list[str]:
    return [
        line
        for line in stderr.splitlines()
        if "CONSOLE" in line and ("Uncaught" in line or ":ERROR:CONSOLE" in line or "Error" in line)
    ]


def test_page_renders_without_errors_and_opens_details(page, tmp_path):
    # «#open=1» opens the second municipality's expert sheet, as a click on its ▸ does.
    done = chromium(tmp_path, page.as_uri() + "#open=1", "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    assert console_errors(done.stderr) == []
    dom = done.stdout
    assert dom.count('<tr class="muni"') == 5
    assert '<tr class="detail">' in dom  # drawn by the script from the page's JSON
    detail = dom[dom.index('<tr class="detail">') :]
    detail = detail[: detail.index("</tr>")]
    assert "Экспертный лист" in detail
    assert "не участвуют в мероприятиях по этому параметру — СОШ № 2" in detail
    assert "beta/roadmap.yaml:43" in detail  # the finding links to its file and line
    import re
    from urllib.parse import unquote

    # links are relative to the page's folder: they still open when both are copied elsewhere
    [target] = {h for h in re.findall(r'href="([^"]+)"', detail) if h.endswith("beta/roadmap.yaml")}
    assert (
        not target.startswith("file:")
        and (page.parent / unquote(target)).resolve() == (DATA / "beta" / "roadmap.yaml").resolve()
    )
    assert 'id="shown">5<' in dom


def test_screenshot(page, tmp_path):
    """The page as a reader sees it; the PNG is kept in the test's folder for a look."""
    shot = tmp_path / "review.png"
    done = chromium(tmp_path, page.as_uri(), f"--screenshot={shot}", "--window-size=1400,2200", "--hide-scrollbars")
    assert done.returncode == 0, done.stderr[-2000:]
    assert console_errors(done.stderr) == []
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 50_000  # a blank page compresses to a few kilobytes


def test_sorting_and_search_work(page, tmp_path):
    """The page's own script, driven as a reader would: a click on «Балл» twice, then a search."""
    probe = """<script>
    (function () {
      var table = document.getElementById('munis');
      var names = function () {
        return Array.prototype.filter.call(table.tBodies[0].rows, function (r) { return !r.hidden; })
          .map(function (r) { return r.cells[0].textContent.replace('▸', '').trim(); }).join('|');
      };
      var score = table.tHead.rows[0].cells[2];
      score.click();
      document.body.dataset.ascending = names();
      score.click();
      document.body.dataset.descending = names();
      var search = document.getElementById('filter');
      search.value = 'бет';
      search.dispatchEvent(new Event('input'));
      document.body.dataset.found = names();
    })();
    </script></body>"""
    probed = tmp_path / "probed.html"
    probed.write_text(page.read_text(encoding="utf-8").replace("</body>", probe), encoding="utf-8")
    done = chromium(tmp_path, probed.as_uri(), "--dump-dom")
    assert done.returncode == 0 and console_errors(done.stderr) == [], done.stderr[-2000:]
    import re

    data = dict(re.findall(r'data-(ascending|descending|found)="([^"]*)"', done.stdout))
    # Municipalities without a score sort first going up, ties keep the page's order.
    assert data["ascending"].split("|")[-2:] == ["Бетинский район", "Альфинский район"]
    assert data["descending"].split("|")[:2] == ["Альфинский район", "Бетинский район"]
    assert data["found"] == "Бетинский район"


def test_a_dot_says_its_item_and_status_when_pointed_at(page, tmp_path):
    """The dots carry no title in the page: the script gives one the first time the pointer reaches it."""
    probe = """<script>
    (function () {
      var row = document.querySelector('#munis tbody tr.muni[data-i="1"]');
      var dots = row.querySelectorAll('.dot');
      document.body.dataset.before = dots[2].title;
      dots[2].dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
      dots[7].dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
      document.body.dataset.third = dots[2].title;
      document.body.dataset.eighth = dots[7].title;
    })();
    </script></body>"""
    probed = tmp_path / "probed.html"
    probed.write_text(page.read_text(encoding="utf-8").replace("</body>", probe), encoding="utf-8")
    done = chromium(tmp_path, probed.as_uri(), "--dump-dom")
    assert done.returncode == 0 and console_errors(done.stderr) == [], done.stderr[-2000:]
    import re

    data = dict(re.findall(r'data-(before|third|eighth)="([^"]*)"', done.stdout))
    assert data["before"] == ""
    assert data["third"] == "Участие ШНОР в мероприятиях по их параметрам: не выполнено"
    assert data["eighth"].startswith("Полнота и правильность заполнения, сроки мероприятий: ")


def test_hooks_add_a_section_and_a_panel_that_the_script_draws(tmp_path, monkeypatch):
    """Another part of the program (the plan's calendar) adds to the page through the hooks, not by editing html.py."""
    from html import escape

    from neuspeh_cli.review import html

    monkeypatch.setattr(
        html,
        "PAGE_SECTIONS",
        [lambda region: f'<section id="extra"><h2>Всего: {len(region.municipalities)}</h2></section>'],
    )
    monkeypatch.setattr(
        html, "DETAIL_PANELS", [lambda m: ("Календарь", f"<p class=cal>{escape(m.name)}</p>") if m.roadmap else None]
    )
    run_review(
        [DATA], ReviewOptions(tmp_path / "out", expected=DATA / "register.txt", formats=("html",), cache=False, jobs=1)
    )
    done = chromium(tmp_path, (tmp_path / "out" / "свод.html").as_uri() + "#open=1", "--dump-dom")
    assert done.returncode == 0 and console_errors(done.stderr) == [], done.stderr[-2000:]
    assert '<section id="extra"><h2>Всего: 5</h2></section>' in done.stdout
    detail = done.stdout[done.stdout.index('<tr class="detail">') :]
    assert '<h3>Календарь</h3><div class="panel"><p class="cal">Бетинский район</p></div>' in detail


def test_a_calendar_without_shnor_has_no_load_row_and_says_why(tmp_path):
    region = tmp_path / "регион"
    shutil.copytree(Path(__file__).parents[1] / "examples" / "region" / "chernorechenskiy-rayon", region / "район")
    run_review([region], ReviewOptions(tmp_path / "свод", formats=("html",), cache=False, jobs=1))
    done = chromium(tmp_path, (tmp_path / "свод" / "свод.html").as_uri() + "#open=0", "--dump-dom")
    assert done.returncode == 0 and console_errors(done.stderr) == [], done.stderr[-2000:]
    detail = done.stdout[done.stdout.index('<tr class="detail">') :]
    calendar = detail[detail.index("Календарь плана по месяцам") :]
    calendar = calendar[: calendar.index("</div>")]  # the calendar's box, not the page's data after it
    assert "мероприятий с датой" in calendar and "наибольшая нагрузка на одну ШНОР" not in calendar
    assert "ШНОР в дорожной карте не названы: нагрузка на ШНОР не считается." in calendar


def test_a_calendar_names_the_events_without_a_month(tmp_path):
    region = tmp_path / "регион"
    source = Path(__file__).parents[1] / "examples" / "region" / "chernorechenskiy-rayon"
    shutil.copytree(source, region / "район")
    [roadmap] = (region / "район").glob("*.yaml")
    text = roadmap.read_text(encoding="utf-8")
    dates = [line for line in text.splitlines() if line.strip().startswith("dates:")]
    for line in dates[1:3]:  # events № 2 and 3 get a date outside any month of the term
        text = text.replace(line, line.split("dates:")[0] + "dates: по отдельному графику", 1)
    roadmap.write_text(text, encoding="utf-8")
    run_review([region], ReviewOptions(tmp_path / "свод", formats=("html",), cache=False, jobs=1))
    done = chromium(tmp_path, (tmp_path / "свод" / "свод.html").as_uri() + "#open=0", "--dump-dom")
    assert done.returncode == 0 and console_errors(done.stderr) == [], done.stderr[-2000:]
    # № 12 has a date two years past the term in the example itself
    assert "Без месяца в сроке карты — мероприятия № 2, 3, 12." in done.stdout
