"""Checks across files of one municipality's folder: the roadmap and the school programmes."""

from __future__ import annotations


def link_problems(reports: list) -> None:
    """Add to the reports the problems that only a folder with both kinds of files reveals."""
    roadmaps = [r for r in reports if r.kind == "roadmap" and r.model is not None]
    programmes = [r for r in reports if r.kind == "programme" and r.model is not None]
    if not roadmaps or not programmes:
        return
