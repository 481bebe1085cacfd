"""Checks across files of one municipality: the roadmap and the school programmes.

A programme is linked to a roadmap when it names the same municipality
(``municipality`` = the roadmap's ``document.municipality``, compared without
regard to case, spaces and «ё») and, when its period is written, the roadmap's
year falls inside it. Files are linked only among those validated together
(a folder, or the files named), wherever they lie. Matching by name, not by
folder, keeps unrelated examples in one folder apart and allows a layout with
the programmes in a subfolder.

Only a roadmap with at least one linked programme is checked for ШНОР without
a programme: a roadmap validated alone says nothing about programmes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .problems import Problem

OWN_PARAMETER_RULE = "programme-parameter-unknown"


def municipality_key(name: str) -> str:
    return " ".join(name.replace("ё", "е").replace("Ё", "Е").lower().split())


def linked(programme: Any, roadmap: Any) -> bool:
    if not programme.municipality or municipality_key(programme.municipality) != municipality_key(roadmap.document.municipality):
        return False
    period = programme.period
    return period is None or period.first[0] <= roadmap.document.first_year <= period.last[0]


def link_problems(reports: list) -> None:
    """Add to the reports the problems that only a folder with both kinds of files reveals."""
    roadmaps = [r for r in reports if r.kind == "roadmap" and r.model is not None]
    programmes = [r for r in reports if r.kind == "programme" and r.model is not None]
    if not roadmaps or not programmes:
        return
    positions = _Positions()
    for programme in programmes:
        matches = [r for r in roadmaps if linked(programme.model, r.model)]
        if not programme.model.municipality:
            programme.problems.append(
                positions.problem(
                    "programme-unlinked",
                    programme,
                    (),
                    ("программа не сверяется с дорожной картой муниципалитета: укажите municipality, как в document.municipality дорожной карты"),
                )
            )
        for roadmap in matches:
            programme.problems.extend(_programme_problems(programme, roadmap, positions))
        if matches:
            _drop_own_parameters(programme, matches, positions)
    for roadmap in roadmaps:
        mine = [p for p in programmes if linked(p.model, roadmap.model)]
        if mine:
            roadmap.problems.extend(_roadmap_problems(roadmap, mine, positions))
    for report in reports:
        report.problems.sort(key=lambda p: (p.line, p.column))


def _roadmap_problems(roadmap: Any, programmes: list, positions: _Positions) -> Iterable[Problem]:
    have = {p.model.school.id for p in programmes}
    for i, school in enumerate(roadmap.model.schools):
        if school.shnor and school.id not in have:
            yield positions.problem(
                "shnor-no-programme",
                roadmap,
                ("schools", i),
                (
                    f"у ШНОР «{school.name}» ({school.id}) нет школьной программы профилактики среди проверяемых файлов: "
                    f"добавьте файл программы (`neuspeh school init ФАЙЛ --school {school.id}`) с municipality: "
                    f"{roadmap.model.document.municipality} и school.id: {school.id}"
                ),
            )


def _programme_problems(programme: Any, roadmap: Any, positions: _Positions) -> Iterable[Problem]:
    model = programme.model
    road = roadmap.model
    schools = {s.id: s for s in road.schools}
    school_id = model.school.id
    year = road.document.first_year
    if not school_id:
        return
    if school_id not in schools:
        known = ", ".join(s.id for s in road.schools if s.shnor) or ", ".join(schools)
        yield positions.problem(
            "programme-school-unknown",
            programme,
            ("school", "id"),
            (f"школы «{school_id}» нет в schools дорожной карты {roadmap.path} ({year} г.): укажите id школы, как в дорожной карте (ШНОР: {known})"),
        )
        return
    found = [f for f in road.audit if school_id in f.schools]
    if not found:
        return
    refs = {f.ref for f in found} | {f.parameter for f in found if f.parameter}
    if set(model.parameters) & refs:
        return
    listed = ", ".join(dict.fromkeys(f.ref for f in found))
    loc = ("parameters",) if ("parameters",) in positions.doc(programme).values else ()
    yield positions.problem(
        "programme-misses-audit",
        programme,
        loc,
        (
            f"программа не направлена ни на один параметр, выявленный аудитом в этой школе "
            f"(дорожная карта {roadmap.path}, {year} г.): укажите в parameters хотя бы один из: {listed}"
        ),
        key=bool(loc),
    )


def _drop_own_parameters(programme: Any, roadmaps: list, positions: _Positions) -> None:
    """A municipality's own parameter is unknown to the catalog but known to its roadmap: not a problem then."""
    own = {f.id for r in roadmaps for f in r.model.audit if f.id}
    if not own:
        return
    doc = positions.doc(programme)
    lines = {doc.locate(("parameters", i)).line for i, ref in enumerate(programme.model.parameters) if ref in own}
    programme.problems[:] = [p for p in programme.problems if not (p.rule == OWN_PARAMETER_RULE and p.line in lines)]


class _Positions:
    """Re-reads a file for positions only when a link problem needs them."""

    def __init__(self) -> None:
        self._docs: dict[str, Any] = {}

    def doc(self, report: Any):
        from .reading.yamlread import read_yaml_file

        if report.path not in self._docs:
            self._docs[report.path] = read_yaml_file(report.path)
        return self._docs[report.path]

    def problem(self, rule_id: str, report: Any, loc: tuple, message: str, key: bool = False) -> Problem:
        from .rules import all_rules

        rule = next(r for r in all_rules() if r.id == rule_id)
        doc = self.doc(report)
        where = doc.key_position(loc) if key else doc.locate(loc)
        return Problem(rule.id, rule.severity, message, report.path, where.line, where.column)
