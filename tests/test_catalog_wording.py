"""The factor catalog (catalog/factors.yaml) against its source, the «Конструктор».

The seed is a PDF-to-text dump of the «Конструктор» table: one line per table
row (or per part of a row split by a page break), cells separated by tabs,
paragraphs wrapped in ``<p>``/``<ul>`` HTML, words hyphenated across page
breaks.  The tests rebuild each column of the table (factor titles,
parameters, measures «на уровне муниципалитета», measures «на уровне ОО») as
one continuous normalised text, so that a cell continued on the next page
reads on, and then require every title and measure of the catalog to be
quoted verbatim from its column, in the seed's order, with nothing left over.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from neuspeh_cli.domain.catalog import Catalog

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "catalog" / "factors.yaml"
SEED = ROOT / "tests" / "data" / "seeds" / "000_7f49afc18d116581.txt"

BULLETS = "•●"

EXPECTED_IDS = {
    "equipment": [
        "equipment.learning-materials",
        "equipment.teacher-computers",
        "equipment.student-computers",
        "equipment.digital-equipment",
        "equipment.internet",
        "equipment.premises-condition",
        "equipment.premises-equipment",
        "equipment.group-spaces",
    ],
    "contingent": [
        "contingent.large-families",
        "contingent.low-income",
        "contingent.unemployed-parents",
        "contingent.disabled-parent",
        "contingent.foster-families",
        "contingent.dangerous-situation",
        "contingent.juvenile-commission",
        "contingent.special-needs",
    ],
    "language-barriers": [
        "language-barriers.non-native-admin",
        "language-barriers.non-native-students",
    ],
    "staffing": [
        "staffing.teacher-shortage",
        "staffing.specialist-shortage",
        "staffing.other-staff-shortage",
        "staffing.new-administrators",
        "staffing.admin-vacancies",
        "staffing.admin-teaching-load",
    ],
    "teacher-competence": [
        "teacher-competence.subject-knowledge",
        "teacher-competence.methodology",
        "teacher-competence.individualisation",
        "teacher-competence.modern-practices",
        "teacher-competence.novice-teachers",
        "teacher-competence.overload",
        "teacher-competence.retirement-age",
    ],
    "professional-development": [
        "professional-development.collaboration",
        "professional-development.post-course-support",
        "professional-development.relevant-courses",
        "professional-development.mentoring",
    ],
    "internal-assessment": [
        "internal-assessment.result-discrepancy",
        "internal-assessment.unconfirmed-medalists",
        "internal-assessment.assessment-schedule",
        "internal-assessment.metasubject-control",
    ],
    "at-risk-students": [
        "at-risk-students.remedial-lessons",
        "at-risk-students.low-motivation",
        "at-risk-students.special-needs",
        "at-risk-students.teacher-uncertainty-special-needs",
    ],
    "parents": [
        "parents.poor-information",
        "parents.dissatisfaction",
        "parents.distancing",
        "parents.low-attendance",
        "parents.no-support",
    ],
    "school-climate": [
        "school-climate.emotional-distress",
        "school-climate.staff-conflicts",
        "school-climate.development-reluctance",
        "school-climate.destructive-practices",
        "school-climate.career-guidance",
        "school-climate.behaviour",
        "school-climate.individual-needs",
        "school-climate.outdated-technologies",
    ],
    "methodical-service": [
        "methodical-service.low-qualification",
        "methodical-service.vacancies",
        "methodical-service.novice-specialists",
        "methodical-service.no-pedagogical-education",
        "methodical-service.no-young-teacher-support",
        "methodical-service.unattractive-municipality",
    ],
}


# --- the seed --------------------------------------------------------------


def normalise(text: str) -> str:
    """Drop HTML tags, join words hyphenated across a break, collapse whitespace."""
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"(\w)-\s+(\w)", r"\1\2", text)
    text = re.sub(rf"([{BULLETS}])\s*", r"\1 ", text)
    return re.sub(r"\s+", " ", text).strip()


def catalog_section(text: str) -> str:
    start = text.index("**Конструктор")
    end = text.find("\n**", start + 2)  # the next bold heading («ПРИМЕРНАЯ Дорожная карта»)
    assert end > start
    return text[start:end]


COLUMNS = ("title", "param", "municipal", "school")


def column_texts(section: str) -> dict[str, str]:
    """Each column of the table as one normalised text, rows in seed order.

    A full row has five cells (№, factor, parameter, municipal, ОО); the rows
    that start a page after a factor's first page have no № cell (four cells).
    A few rows carry a parameter in the № cell; it is put back in its column.
    """
    cells: dict[str, list[str]] = {name: [] for name in ("number", *COLUMNS)}
    started = False
    for line in section.splitlines():
        if not line.strip():
            continue
        row = line.split("\t")
        if not started:
            if row[0].strip() != "1.":
                continue  # the heading and the header rows
            started = True
        if len(row) == 5:
            first = row[0].strip()
            if re.fullmatch(r"\d+\.", first):
                cells["number"].append(first)
            elif first:
                cells["param"].append(first)
            row = row[1:]
        assert len(row) == 4, f"unexpected row shape: {line!r}"
        for name, cell in zip(COLUMNS, row):
            if cell.strip():
                cells[name].append(cell)
    return {name: normalise(" ".join(parts)) for name, parts in cells.items()}


@pytest.fixture(scope="module")
def seed() -> dict[str, str]:
    return column_texts(catalog_section(SEED.read_text(encoding="utf-8")))


# --- the catalog -----------------------------------------------------------


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.model_validate(yaml.safe_load(CATALOG.read_text(encoding="utf-8")))


def measure_texts(catalog: Catalog, column: str) -> list[str]:
    return [m for f in catalog.factors for g in f.measures for m in getattr(g, column)]


def texts_by_column(catalog: Catalog) -> dict[str, list[str]]:
    return {
        "title": [f.title for f in catalog.factors],
        "param": [p.title for f in catalog.factors for p in f.parameters],
        "municipal": measure_texts(catalog, "municipal"),
        "school": measure_texts(catalog, "school"),
    }


def bullet_lines(measure: str) -> tuple[str, list[str]]:
    lead, *rest = measure.split("\n")
    return lead, rest


# --- structure -------------------------------------------------------------


def test_factors_numbered_in_order(catalog, seed):
    assert [f.number for f in catalog.factors] == list(range(1, 12))
    assert seed["number"] == " ".join(f"{n}." for n in range(1, 12))


def test_parameter_counts(catalog):
    assert [len(f.parameters) for f in catalog.factors] == [8, 8, 2, 6, 7, 4, 4, 4, 5, 8, 6]
    assert sum(len(f.parameters) for f in catalog.factors) == 62


def test_ids_are_frozen(catalog):
    assert list(EXPECTED_IDS) == [f.id for f in catalog.factors]
    for factor in catalog.factors:
        assert [p.id for p in factor.parameters] == EXPECTED_IDS[factor.id], factor.id


def test_ids_unique_and_prefixed(catalog):
    factor_ids = [f.id for f in catalog.factors]
    parameter_ids = [p.id for f in catalog.factors for p in f.parameters]
    assert len(set(factor_ids)) == len(factor_ids)
    assert len(set(parameter_ids)) == len(parameter_ids)
    for factor in catalog.factors:
        for parameter in factor.parameters:
            assert parameter.id.startswith(factor.id + "."), parameter.id


def test_every_parameter_has_one_cell_per_level(catalog):
    """A parameter knows its own measures: at most one block per level (a cell of the seed's table may span rows)."""
    for factor in catalog.factors:
        own = [p.id for p in factor.parameters]
        grouped = [pid for g in factor.measures for pid in g.parameters]
        assert set(grouped) <= set(own), f"{factor.id}: foreign parameters {set(grouped) - set(own)}"
        assert set(grouped) == set(own), f"{factor.id}: parameters without measures {set(own) - set(grouped)}"
        for level in ("municipal", "school"):
            cells = [pid for g in factor.measures if getattr(g, level) for pid in g.parameters]
            assert len(cells) == len(set(cells)), f"{factor.id}: a parameter in two {level} cells"
            # cells follow the table: parameters in seed order
            assert cells == [p for p in own if p in cells], (factor.id, level)
        for group in factor.measures:
            assert group.municipal or group.school, f"{factor.id}: empty group {group.parameters}"


def test_school_cells_spanning_rows_cover_every_row(catalog):
    """Issue 9: factor 10's behaviour row and factor 9's five rows share the school cell printed once."""
    behaviour = catalog.measures_for("school-climate.behaviour")
    assert any(g.school for g in behaviour) and any(g.municipal for g in behaviour)
    parents = {
        pid: [m for g in catalog.measures_for(pid) for m in g.school]
        for pid in ("parents.poor-information", "parents.no-support")
    }
    assert (
        parents["parents.poor-information"] == parents["parents.no-support"] and len(parents["parents.no-support"]) == 8
    )


def test_methodical_service_has_no_school_measures(catalog):
    factor = catalog.factors_by_id["methodical-service"]
    assert all(not g.school for g in factor.measures)


# --- wording ---------------------------------------------------------------


def all_texts(catalog: Catalog) -> list[str]:
    return [t for texts in texts_by_column(catalog).values() for t in texts]


def test_texts_are_clean(catalog):
    for text in all_texts(catalog):
        assert text == text.strip(), repr(text)
        assert "<" not in text and ">" not in text, text
        assert not re.search(r"\w-\s", text), f"unjoined hyphenation: {text!r}"
        for line in text.split("\n"):
            assert line == line.strip() and "  " not in line, repr(line)


def test_bulleted_measures(catalog):
    found = 0
    for text in all_texts(catalog):
        lead, bullets = bullet_lines(text)
        assert lead[0] not in BULLETS, text
        for line in bullets:
            found += 1
            assert line[0] in BULLETS and line[1] == " " and line[2] not in " " + BULLETS, repr(line)
    assert found == 4 + 4 + 2 + 4  # factors 2, 5, 7, 8


@pytest.mark.parametrize("column", COLUMNS)
def test_every_text_is_quoted_from_its_column(catalog, seed, column):
    source = seed[column]
    for text in texts_by_column(catalog)[column]:
        lead, bullets = bullet_lines(text)
        for part in [lead, *(b[1:] for b in bullets)]:
            assert normalise(part) in source, f"not in the seed's {column} column: {part!r}"
        assert normalise(text) in source, f"not in the seed's {column} column: {text!r}"


@pytest.mark.parametrize("column", COLUMNS)
def test_texts_follow_seed_order_and_cover_it(catalog, seed, column):
    """Read the column left to right: each text is the next thing in it, nothing is skipped."""
    source = seed[column]
    position = 0
    for text in texts_by_column(catalog)[column]:
        wanted = normalise(text)
        at = source.find(wanted, position)
        assert at >= 0, f"{column}: {text!r} not found after position {position}"
        skipped = source[position:at].strip()
        assert not skipped, f"{column}: seed text skipped before {text!r}: {skipped!r}"
        position = at + len(wanted)
    assert not source[position:].strip(), f"{column}: seed text left over: {source[position:]!r}"


def test_known_wordings(catalog):
    params = catalog.parameters
    assert params["school-climate.emotional-distress"].title == (
        "Эмоциональное неблагополучие в школе (конфликты между учителями; конфликты между учениками "
        "(открытые конфликты или случаи буллинга); конфликты в местах общего пользования, вандализм в школе и др."
    )
    assert params["internal-assessment.metasubject-control"].title == (
        "Отсутствие внутришкольного контроля за достижением обучающимися метапредметных образовательных результатов, "
        "формированием функциональной грамотности"
    )
    assert params["parents.poor-information"].title == (
        "Слабая информированность родителей о динамике образовательных достижений обучающихся и возможностях для их "
        "улучшения"
    )
