"""The ``neuspeh`` command: parses arguments, calls the library, prints, sets the exit code.

Each module registers the commands of one group on the shared ``app``; heavy
libraries (pydantic, python-docx, docxtpl) are imported inside the commands
that need them, so ``neuspeh --help`` and ``validate`` start fast.
"""

from . import build, check, forms, scaffold  # noqa: F401  (registers the commands, in help order)
from ._app import app, main

__all__ = ["app", "main"]
